#!/usr/bin/env bash
# The precursor demo, inside a throwaway cluster (run by scripts/demo under
# pg_virtualenv, which sets PGHOST/PGPORT/PGUSER/PGDATABASE).
#
# Generates declarations with planted diversions, loads them with COPY through
# precursor.screen_trigger() in chunks (showing progress), then prints the
# report of demo/report.sql.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${DEMO_ROWS:-30000}
CHUNK=${DEMO_CHUNK:-2500}
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
PSQL=(psql -X -q -v ON_ERROR_STOP=1)

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

say "Generating $ROWS declarations (deterministic seed) with planted diversions"
python3 demo/generate.py --rows "$ROWS" "$WORK" | sed 's/^/    /'

say "Creating the extension and a declarations table with the screening trigger"
"${PSQL[@]}" <<'SQL'
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
DROP TABLE IF EXISTS declaration, demo_truth;
CREATE TABLE declaration (
	decl_id      bigint PRIMARY KEY,
	declared_on  date NOT NULL,
	consignor    text NOT NULL,
	consignee    text NOT NULL,
	dest_country text NOT NULL,
	goods_text   text NOT NULL,
	cn_code      text,
	cas          text,
	qty          numeric,
	unit         text
);
SELECT precursor.attach_screening('declaration',
	'description=goods_text', 'casrn=cas', 'cn=cn_code', 'quantity=qty', 'unit=unit',
	'consignee=consignee', 'consignor=consignor', 'country=dest_country',
	'date=declared_on', 'key=decl_id', 'fuzzy=on', 'mode=alert') IS NOT NULL AS trigger_attached;
CREATE TABLE demo_truth (decl_id bigint PRIMARY KEY, planted text NOT NULL, substance text);
SQL
"${PSQL[@]}" -c "\\copy demo_truth FROM '$WORK/truth.csv' WITH (FORMAT csv, HEADER)"

say "Loading the declarations with COPY through the trigger"
tail -n +2 "$WORK/declarations.csv" | split -l "$CHUNK" -d -a 4 - "$WORK/chunk."
total=$(( $(wc -l < "$WORK/declarations.csv") - 1 ))
done_rows=0
start=$(date +%s%N)
for f in "$WORK"/chunk.*; do
	"${PSQL[@]}" -c "\\copy declaration FROM '$f' WITH (FORMAT csv)"
	done_rows=$(( done_rows + $(wc -l < "$f") ))
	alerts=$("${PSQL[@]}" -At -c "SELECT count(*) FROM precursor.alert")
	ms=$(( ($(date +%s%N) - start) / 1000000 ))
	pct=$(( done_rows * 100 / total ))
	bar=$(printf '%*s' $(( pct / 4 )) '' | tr ' ' '#')
	printf '\r    [%-25s] %3d%%  %6d / %d declarations  %5d alerts  %d.%01d s' \
		"$bar" "$pct" "$done_rows" "$total" "$alerts" $(( ms / 1000 )) $(( ms % 1000 / 100 ))
done
echo
ms=$(( ($(date +%s%N) - start) / 1000000 ))
elapsed="$(( ms / 1000 )).$(( ms % 1000 / 100 ))"

say "Report"
"${PSQL[@]}" -v elapsed="$elapsed" -f demo/report.sql
