#!/usr/bin/env bash
# matches_speed.sh: the cost of precursor.matches() alone on the benchmark
# corpus (bench/corpus/generate.py), for before/after comparisons of the
# vocabulary, the name variants and the matcher on a shared machine where the
# full screen_bench.sh is too slow.
#
#   make install && bench/matches_speed.sh [ROWS] [REPS]
#   FUZZY=off|on|both bench/matches_speed.sh ...   misspellings off, on, or
#                          both, alternating in one session (default: the
#                          server's default setting of precursor.fuzzy)
#   USER_NAMES=N bench/matches_speed.sh ...   add N real chemical names as
#                          user terms (a list of their own): the distinct names
#                          of tests/fixtures/chemical-identifiers.tsv, shuffled,
#                          topped up with salt and stereo forms of them, like
#                          bench/matcher_bench.c; also times their compile
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
FUZZY=${FUZZY:-default}
USER_NAMES=${USER_NAMES:-0}
CORPUS_DIR=${CORPUS_DIR:-/tmp/precursor-bench}
CORPUS=$CORPUS_DIR/corpus-$ROWS.tsv
mkdir -p "$CORPUS_DIR"
if [ ! -s "$CORPUS" ]; then
	python3 bench/corpus/generate.py --rows "$ROWS" >"$CORPUS.tmp"
	mv "$CORPUS.tmp" "$CORPUS"
fi
case $FUZZY in
	off | on) settings="'$FUZZY'" ;;
	both) settings="'off', 'on'" ;;
	default) settings="current_setting('precursor.fuzzy')" ;;
	*) echo "FUZZY must be off, on or both" >&2; exit 2 ;;
esac
NAMES=$CORPUS_DIR/user-names-$USER_NAMES.txt
if [ "$USER_NAMES" -gt 0 ] && [ ! -s "$NAMES" ]; then
	python3 - "$USER_NAMES" tests/fixtures/chemical-identifiers.tsv >"$NAMES.tmp" <<'PY'
import random, sys
n = int(sys.argv[1])
names = set()
for line in open(sys.argv[2], encoding='utf-8'):
	for col in line.rstrip('\n').split('\t')[7:]:
		if len(col) >= 3 and '\\' not in col:
			names.add(col.lower())
names = sorted(names)
random.Random(20261202).shuffle(names)
out = names[:n]
salts = [' hydrochloride', ' sulfate', ' tartrate', ' citrate', ' maleate']
stereo = ['(R)-', '(S)-', '(+)-', '(-)-', 'dl-']
i = 0
while len(out) < n:
	b = names[i % len(names)]
	r = i // len(names)
	out.append(b + salts[r // 2 % 5] if r % 2 == 0 else stereo[r // 2 % 5] + b)
	i += 1
sys.stdout.write(''.join(x + '\n' for x in out))
PY
	mv "$NAMES.tmp" "$NAMES"
fi
psql -qX -v ON_ERROR_STOP=1 <<SQL
CREATE EXTENSION precursor;
CREATE TABLE corpus (id integer PRIMARY KEY, lang text, class text, truth boolean, t text);
\copy corpus FROM '$CORPUS'
VACUUM ANALYZE corpus;
SQL
if [ "$USER_NAMES" -gt 0 ]; then
	psql -qX -v ON_ERROR_STOP=1 <<SQL
INSERT INTO precursor.watchlist (code, name, regime)
VALUES ('BENCH-USER', 'benchmark: real chemical names as user terms', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act)
SELECT watchlist_id, 'user names', 'bench', 'https://example.invalid/bench', 'benchmark'
  FROM precursor.watchlist WHERE code = 'BENCH-USER';
CREATE TEMP TABLE user_names (nm text);
\copy user_names FROM '$NAMES' WITH (FORMAT text)
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT s.substance_id, u.nm, 'und', 'other'
  FROM (SELECT DISTINCT nm FROM user_names) u, precursor.substance s
 WHERE s.name = 'user names';
SQL
fi
# compile times, in a fresh backend each with the store emptied
psql -qX -v ON_ERROR_STOP=1 <<SQL
SELECT (SELECT count(*) FROM precursor.watchlist_term) AS terms;
CREATE TEMP TABLE compile (fuzzy text, ms float8);
DO \$\$
DECLARE t0 timestamptz; f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[$settings] LOOP
    PERFORM set_config('precursor.fuzzy', f, false);
    t0 := clock_timestamp();
    PERFORM precursor.matches('warm-up');
    INSERT INTO compile VALUES (f, extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
END \$\$;
SELECT fuzzy, round(ms::numeric) AS first_call_ms_incl_compile FROM compile;
SQL
psql -qX -v ON_ERROR_STOP=1 <<SQL
SET max_parallel_workers_per_gather = 0;
SET jit = off;
CREATE TEMP TABLE timing (fuzzy text, ms float8, hits bigint);
DO \$\$
DECLARE t0 timestamptz; n bigint; f text;
BEGIN
  FOREACH f IN ARRAY ARRAY[$settings] LOOP
    PERFORM set_config('precursor.fuzzy', f, false);
    SELECT count(*) FILTER (WHERE precursor.matches(t)) INTO n FROM corpus;  -- warm-up
  END LOOP;
  FOR i IN 1..$REPS LOOP
    FOREACH f IN ARRAY ARRAY[$settings] LOOP
      PERFORM set_config('precursor.fuzzy', f, false);
      t0 := clock_timestamp();
      SELECT count(*) FILTER (WHERE precursor.matches(t)) INTO n FROM corpus;
      INSERT INTO timing VALUES (f, extract(epoch FROM clock_timestamp() - t0) * 1000, n);
    END LOOP;
  END LOOP;
END \$\$;
SELECT $ROWS AS rows, (SELECT count(*) FROM precursor.watchlist_term) AS terms, fuzzy,
       round(min(ms)::numeric) AS best_ms,
       round((min(ms) * 1000 / $ROWS)::numeric, 3) AS us_per_row,
       min(hits) AS matching_rows
  FROM timing GROUP BY fuzzy ORDER BY fuzzy;
SQL
