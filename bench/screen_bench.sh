#!/usr/bin/env bash
# screen_bench.sh: benchmark of the matching engine (issue 4, item 9).
#
#   make install && bench/screen_bench.sh [ROWS]
#
# Generates the corpus (bench/corpus/generate.py, ROWS rows, default
# 1,000,000; cached in $CORPUS_DIR, default /tmp/precursor-bench), loads it
# into a scratch database and runs bench/screen_bench.sql: precursor.matches
# (exact and fuzzy) against a ~* alternation, ILIKE ANY, full-text search and
# pg_trgm on the same rows, then the 1k-versus-100k-terms check.  Builds and
# installs nothing: run `make install` first.  If PGHOST is not set, it runs
# itself inside a throwaway cluster (pg_virtualenv -t -v 15: in a temporary
# directory, so a stale or concurrent 15/regress cluster does not block it).
#
# Subsample sizes of the slow baselines (first N rows of the corpus):
#   ROWS_REGEX (20000), ROWS_ILIKE (50000), ROWS_FTS (200000),
#   ROWS_TRGM (2000), ROWS_FUZZY100K (200000)
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${PGHOST:-}" ]; then
	export LANG=C.UTF-8 LC_ALL=C.UTF-8
	exec pg_virtualenv -t -i "--encoding=UTF8 --locale=C.UTF-8" -v 15 -o shared_buffers=512MB "$0" "$@"
fi

ROWS=${1:-1000000}
CORPUS_DIR=${CORPUS_DIR:-/tmp/precursor-bench}
CORPUS=$CORPUS_DIR/corpus-$ROWS.tsv
DB=${BENCH_DB:-precursor_bench}

mkdir -p "$CORPUS_DIR"
if [ ! -s "$CORPUS" ]; then
	echo "generating $ROWS rows into $CORPUS"
	python3 bench/corpus/generate.py --rows "$ROWS" >"$CORPUS.tmp"
	mv "$CORPUS.tmp" "$CORPUS"
fi

psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB ENCODING 'UTF8' TEMPLATE template0"
psql -qX -d "$DB" -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION precursor;
CREATE SCHEMA bench;
CREATE TABLE bench.corpus (id integer PRIMARY KEY, lang text, class text, truth boolean, t text);
\copy bench.corpus FROM '$CORPUS'
VACUUM ANALYZE bench.corpus;
SQL

echo "== $(psql -XAtc 'SELECT version()' -d "$DB")"
echo "== CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) cores"
echo "== corpus: $(psql -XAt -d "$DB" -c "SELECT count(*) || ' rows, ' || round(avg(octet_length(t))) || ' bytes on average, ' || count(*) FILTER (WHERE truth) || ' positives' FROM bench.corpus")"

time psql -X -d "$DB" \
	-v rows_regex="${ROWS_REGEX:-20000}" \
	-v rows_ilike="${ROWS_ILIKE:-50000}" \
	-v rows_fts="${ROWS_FTS:-200000}" \
	-v rows_trgm="${ROWS_TRGM:-2000}" \
	-v rows_fuzzy100k="${ROWS_FUZZY100K:-200000}" \
	-f bench/screen_bench.sql
