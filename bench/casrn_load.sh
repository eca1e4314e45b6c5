#!/usr/bin/env bash
# bench/casrn_load.sh: load 5 million CAS Registry Numbers with COPY into a
# casrn column, an int4 column and a text column with a regex CHECK,
# build a btree index on each, and compare times and sizes.
#
# Usage:  bench/casrn_load.sh [rows] [runs]        (defaults: 5000000 rows, 3 runs)
#
# Runs against the server named by the PG* environment variables; without
# PGHOST it re-executes itself inside a throwaway cluster (pg_virtualenv -t,
# a temporary directory even as root).
# The extension must be installed (make install).  Data files are generated
# once, client side, under bench/out/.  Each step runs `runs` times, the
# tables interleaved; medians are reported, ratios are given between medians
# and between best runs (on a busy machine noise only ever adds time), and
# the backend's own CPU time is reported beside the wall-clock time.
set -euo pipefail

if [ -z "${PGHOST:-}" ] && [ -z "${CASRN_BENCH_IN_VIRTUALENV:-}" ]; then
	export CASRN_BENCH_IN_VIRTUALENV=1
	export LANG=C.UTF-8 LC_ALL=C.UTF-8
	exec pg_virtualenv -t -i "--encoding=UTF8 --locale=C.UTF-8" -v "${PG_VERSION:-15}" "$0" "$@"
fi

cd "$(dirname "$0")/.."
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
ROWS=${1:-5000000}
RUNS=${2:-3}
DB=${CASRN_BENCH_DB:-precursor_bench}
OUT=bench/out
mkdir -p "$OUT"
CAS_FILE=$OUT/casrn_${ROWS}.txt		# canonical 103-79-7 spelling
INT_FILE=$OUT/casrn_${ROWS}_digits.txt	# the same numbers as plain digits

psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" -c "CREATE DATABASE $DB" >/dev/null
P="psql -qX -v ON_ERROR_STOP=1 -d $DB"
$P -c 'CREATE EXTENSION precursor' >/dev/null

# The same settings for every table: single-process index builds (the
# machine has 2 cores; parallel builds would add noise), enough memory to
# sort in memory.
SETTINGS="SET maintenance_work_mem = '512MB'; SET max_parallel_maintenance_workers = 0;"

# Data: bodies spread over 1000..214748363 in a scrambled order (so the index
# build really sorts), check digit computed; every value also fits an int4.
if [ ! -s "$CAS_FILE" ] || [ ! -s "$INT_FILE" ]; then
	echo "# generating $ROWS CAS RNs into $OUT" >&2
	$P <<-SQL
	CREATE TEMP TABLE gen AS
	SELECT (b * 10 + precursor.casrn_check_digit(b))::bigint AS v
	FROM (SELECT 1000 + (i * 2654435761) % 214747364 AS b
	      FROM pg_catalog.generate_series(1::bigint, $ROWS) AS i) AS s;
	\copy (SELECT v::casrn FROM gen) TO '$CAS_FILE'
	\copy (SELECT v FROM gen) TO '$INT_FILE'
	SQL
fi

now() { date +%s.%N; }

# CPU seconds (user + system) used so far by the backend running the query,
# from /proc/self/stat read by the server itself: unlike wall-clock time this
# hardly moves when other processes compete for the two cores.
CPU_SQL="SELECT ((f[12])::bigint + (f[13])::bigint) / $(getconf CLK_TCK).0 AS cpu
         FROM (SELECT pg_catalog.string_to_array(pg_catalog.split_part(
                   pg_catalog.pg_read_file('/proc/self/stat'), ') ', 2), ' ') AS f) AS s"

# step <kind> <phase> <command>: run in a fresh session after a checkpoint;
# append wall-clock seconds to $OUT/<phase>_<kind> and backend CPU seconds to
# $OUT/<phase>_<kind>.cpu
step() {
	local t0 t1 cpu
	$P -c 'CHECKPOINT' >/dev/null
	t0=$(now)
	cpu=$($P -At <<-SQL
	$SETTINGS
	$CPU_SQL \gset c0_
	$3
	SELECT pg_catalog.round(((s.cpu - :c0_cpu))::numeric, 2) FROM ($CPU_SQL) AS s;
	SQL
	)
	t1=$(now)
	echo "$t1 - $t0" | bc -l >>"$OUT/${2}_$1"
	echo "$cpu" | tail -n 1 >>"$OUT/${2}_$1.cpu"
}

median() { sort -g | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
minimum() { sort -g | head -n 1; }

# casrn is loaded from its canonical spelling (like text); casrn_digits loads
# the same numbers from the plain-digit file that int4 reads, so that the two
# read exactly the same bytes.
KINDS="casrn casrn_digits int4 text"
declare -A LOAD INDEX
declare -A LOADCPU INDEXCPU LOADMIN INDEXMIN
for kind in $KINDS; do
	: >"$OUT/load_$kind"; : >"$OUT/index_$kind"; : >"$OUT/load_$kind.cpu"; : >"$OUT/index_$kind.cpu"
done

for run in $(seq 1 "$RUNS"); do
	for kind in $KINDS; do
		case $kind in
			casrn) def='c casrn NOT NULL'; file=$CAS_FILE ;;
			casrn_digits) def='c casrn NOT NULL'; file=$INT_FILE ;;
			int4)  def='c integer NOT NULL'; file=$INT_FILE ;;
			text)  def="c text NOT NULL CHECK (c ~ '^[1-9][0-9]{1,6}-[0-9]{2}-[0-9]\$')"; file=$CAS_FILE ;;
		esac
		$P -c "DROP TABLE IF EXISTS bench_$kind" -c "CREATE TABLE bench_$kind ($def)" >/dev/null
		step "$kind" load "\\copy bench_$kind FROM '$file'"
		step "$kind" index "CREATE INDEX bench_${kind}_idx ON bench_$kind (c);"
	done
done

for kind in $KINDS; do
	LOAD[$kind]=$(median <"$OUT/load_$kind")
	INDEX[$kind]=$(median <"$OUT/index_$kind")
	LOADCPU[$kind]=$(median <"$OUT/load_$kind.cpu")
	INDEXCPU[$kind]=$(median <"$OUT/index_$kind.cpu")
	LOADMIN[$kind]=$(minimum <"$OUT/load_$kind")
	INDEXMIN[$kind]=$(minimum <"$OUT/index_$kind")
done

$P -c 'VACUUM ANALYZE bench_casrn, bench_casrn_digits, bench_int4, bench_text' >/dev/null
rows_ok=$($P -At -c "SELECT (SELECT count(*) FROM bench_casrn) = $ROWS AND (SELECT count(*) FROM bench_int4) = $ROWS AND (SELECT count(*) FROM bench_text) = $ROWS")
same=$($P -At -c "SELECT NOT EXISTS (SELECT c::bigint FROM bench_casrn EXCEPT SELECT c FROM bench_int4)")

echo "## casrn load and index: $ROWS rows, median of $RUNS runs"
echo "PostgreSQL: $($P -At -c 'SHOW server_version')"
echo "all rows loaded: $rows_ok; casrn and int4 hold the same numbers: $same"
echo
echo "| column | COPY wall (s) | COPY backend CPU (s) | CREATE INDEX wall (s) | CREATE INDEX backend CPU (s) | table (MB) | index (MB) |"
echo "|---|---:|---:|---:|---:|---:|---:|"
for kind in $KINDS; do
	$P -At -F' ' -c "SELECT pg_catalog.round(pg_catalog.pg_relation_size('bench_$kind') / 1048576.0, 1),
	                        pg_catalog.round(pg_catalog.pg_indexes_size('bench_$kind') / 1048576.0, 1)" |
	while read -r tsize isize; do
		printf '| %s | %.2f | %.2f | %.2f | %.2f | %s | %s |\n' "$kind" "${LOAD[$kind]}" "${LOADCPU[$kind]}" \
			"${INDEX[$kind]}" "${INDEXCPU[$kind]}" "$tsize" "$isize"
	done
done
echo
ratio() { if [ "$(echo "$2 == 0" | bc)" = 1 ]; then echo nan; else echo "$1 / $2" | bc -l; fi; }
printf 'wall-clock ratios: load casrn/int4 = %.2f, casrn/text = %.2f; index casrn/int4 = %.2f, casrn/text = %.2f\n' \
	"$(ratio "${LOAD[casrn]}" "${LOAD[int4]}")" "$(ratio "${LOAD[casrn]}" "${LOAD[text]}")" \
	"$(ratio "${INDEX[casrn]}" "${INDEX[int4]}")" "$(ratio "${INDEX[casrn]}" "${INDEX[text]}")"
printf 'backend CPU ratios: load casrn/int4 = %.2f, casrn/text = %.2f; index casrn/int4 = %.2f, casrn/text = %.2f\n' \
	"$(ratio "${LOADCPU[casrn]}" "${LOADCPU[int4]}")" "$(ratio "${LOADCPU[casrn]}" "${LOADCPU[text]}")" \
	"$(ratio "${INDEXCPU[casrn]}" "${INDEXCPU[int4]}")" "$(ratio "${INDEXCPU[casrn]}" "${INDEXCPU[text]}")"
printf 'best-run (minimum wall) ratios: load casrn/int4 = %.2f, casrn_digits/int4 = %.2f, casrn/text = %.2f; index casrn/int4 = %.2f, casrn/text = %.2f\n' \
	"$(ratio "${LOADMIN[casrn]}" "${LOADMIN[int4]}")" "$(ratio "${LOADMIN[casrn_digits]}" "${LOADMIN[int4]}")" \
	"$(ratio "${LOADMIN[casrn]}" "${LOADMIN[text]}")" \
	"$(ratio "${INDEXMIN[casrn]}" "${INDEXMIN[int4]}")" "$(ratio "${INDEXMIN[casrn]}" "${INDEXMIN[text]}")"
printf 'same input bytes (casrn_digits/int4): load wall %.2f, CPU %.2f; index wall %.2f, CPU %.2f\n' \
	"$(ratio "${LOAD[casrn_digits]}" "${LOAD[int4]}")" "$(ratio "${LOADCPU[casrn_digits]}" "${LOADCPU[int4]}")" \
	"$(ratio "${INDEX[casrn_digits]}" "${INDEX[int4]}")" "$(ratio "${INDEXCPU[casrn_digits]}" "${INDEXCPU[int4]}")"
for kind in $KINDS; do
	echo "raw $kind: load $(paste -sd' ' "$OUT/load_$kind") (cpu $(paste -sd' ' "$OUT/load_$kind.cpu"));" \
		"index $(paste -sd' ' "$OUT/index_$kind") (cpu $(paste -sd' ' "$OUT/index_$kind.cpu"))"
done

psql -qX -d postgres -c "DROP DATABASE IF EXISTS $DB" >/dev/null
