#!/usr/bin/env bash
# matches_speed.sh: the cost of precursor.matches() alone on the benchmark
# corpus (bench/corpus/generate.py), for before/after comparisons of the
# vocabulary and name variants on a shared machine where the full
# screen_bench.sh is too slow.
#
#   make install && bench/matches_speed.sh [ROWS] [REPS]
#
# Runs in a throwaway cluster; prints the best of REPS (default 5) timings of
# SELECT count(*) FILTER (WHERE precursor.matches(t)) over ROWS rows (default
# 200,000) and the microseconds per row, after one warm-up run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${PGHOST:-}" ]; then
	export LANG=C.UTF-8 LC_ALL=C.UTF-8
	exec pg_virtualenv -t -i "--encoding=UTF8 --locale=C.UTF-8" -v 15 "$0" "$@"
fi
ROWS=${1:-200000}
REPS=${2:-5}
CORPUS_DIR=${CORPUS_DIR:-/tmp/precursor-bench}
CORPUS=$CORPUS_DIR/corpus-$ROWS.tsv
mkdir -p "$CORPUS_DIR"
if [ ! -s "$CORPUS" ]; then
	python3 bench/corpus/generate.py --rows "$ROWS" >"$CORPUS.tmp"
	mv "$CORPUS.tmp" "$CORPUS"
fi
psql -qX -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION precursor;
CREATE TABLE corpus (id integer PRIMARY KEY, lang text, class text, truth boolean, t text);
\copy corpus FROM '$CORPUS'
VACUUM ANALYZE corpus;
SELECT count(*) FILTER (WHERE precursor.matches(t)) AS warmup FROM corpus;
SET max_parallel_workers_per_gather = 0;
CREATE TEMP TABLE timing (ms float8, hits bigint);
DO \$\$
DECLARE t0 timestamptz; n bigint;
BEGIN
  FOR i IN 1..$REPS LOOP
    t0 := clock_timestamp();
    SELECT count(*) FILTER (WHERE precursor.matches(t)) INTO n FROM corpus;
    INSERT INTO timing VALUES (extract(epoch FROM clock_timestamp() - t0) * 1000, n);
  END LOOP;
END \$\$;
SELECT $ROWS AS rows, (SELECT count(*) FROM precursor.watchlist_term) AS terms,
       round(min(ms)::numeric) AS best_ms,
       round((min(ms) * 1000 / $ROWS)::numeric, 3) AS us_per_row,
       min(hits) AS matching_rows
  FROM timing;
SQL
