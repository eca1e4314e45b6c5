#!/usr/bin/env bash
# Rebuild src/core/lexicon_data.c, the lexicon of real chemical words that
# fuzzy matching never "corrects" into a listed name.
#
#   data/lexicon/generate.sh [CN_NAMES_TSV_GZ] [CHEMICAL_IDENTIFIERS_TSV]
#
# Defaults: tests/fixtures/cn2026-names.tsv.gz and
# tests/fixtures/chemical-identifiers.tsv (copies of the sources, see
# data/lexicon/README.md).  Needs python3, a C compiler, ICU and Vectorscan.
set -euo pipefail
cd "$(dirname "$0")/../.."
CN=${1:-tests/fixtures/cn2026-names.tsv.gz}
IDS=${2:-tests/fixtures/chemical-identifiers.tsv}
TMP=$(mktemp -d); trap 'rm -rf "$TMP"' EXIT
cc -O2 -Isrc/core $(pkg-config --cflags icu-uc icu-i18n libhs) -o "$TMP/normalize_words" \
  data/lexicon/normalize_words.c src/core/normalize.c src/core/normalize_fold.c src/core/core_error.c \
  $(pkg-config --libs icu-uc icu-i18n)
python3 data/lexicon/extract.py "$CN" "$IDS" | "$TMP/normalize_words" | LC_ALL=C sort -u \
  | python3 data/lexicon/emit_c.py > src/core/lexicon_data.c
echo "src/core/lexicon_data.c: $(sed -n 's/^const size_t lexicon_nwords = \([0-9]*\);/\1/p' src/core/lexicon_data.c) words"
