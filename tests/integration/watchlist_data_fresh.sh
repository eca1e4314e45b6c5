#!/usr/bin/env bash
# watchlist_data_fresh: the committed extension/parts/21_watchlist_data.sql is
# exactly what data/generate.py produces from data/ (a list update is a data
# change plus a regenerated script, never a hand edit).  Exit 0 = pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 data/generate.py --check
