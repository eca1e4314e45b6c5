#!/usr/bin/env bash
# screening_load: concurrent screened loads with crossed consignees.
#   Three sessions insert shipments for four consignees, each transaction in
#   a different (rotated) consignee order; a fourth loads with COPY; a fifth
#   reviews alerts while they arrive.  With one lock per (consignee,
#   substance) taken in row order this deadlocked (24 of 259 COPY and 8 of
#   1,061 insert transactions failed in the adversarial run).
# Checks: no deadlock and no other error; every committed row is screened
# (one ledger row per shipment, one alert per safrole row); and the
# split-shipment rule saw every concurrent shipment: all shipments are 30 kg
# of potassium permanganate (threshold 100 kg) on one day, so each
# consignee's 4th and later shipments, in whatever order the sessions were
# serialised, must carry a cumulative alert and the first three must not.
# Bounded: a fixed amount of work, and at most 60 s (LOAD_SECONDS) per session.
# Runs inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -uo pipefail

db=precursor_load
secs=${LOAD_SECONDS:-60}
TX=400		# transactions of 4 rows per inserting session
COPIES=150	# COPY transactions of 20 rows
tmp=$(mktemp -d)
cleanup() {
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1

psql -qX -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" >/dev/null || exit 1
psql -qX -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL' || exit 1
SET client_min_messages = warning;
CREATE EXTENSION precursor;
CREATE TABLE decl (id bigint PRIMARY KEY, goods text, qty numeric, unit text, buyer text, day date);
SELECT precursor.attach_screening('decl', 'description=goods', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'date=day', 'key=id');
SQL

buyers=("Load A" "Load B" "Load C" "Load D")
# session s: TX transactions of 4 inserts, consignees rotated by s + t
insert_script() {
	local s=$1 t i b id
	for t in $(seq 0 $((TX - 1))); do
		echo "BEGIN;"
		for i in 0 1 2 3; do
			b=${buyers[$(( (s + t + i) % 4 ))]}
			id=$(( s * 1000000 + t * 10 + i ))
			if (( (t + i) % 7 == 0 )); then
				echo "INSERT INTO decl VALUES ($id, 'safrole oil, 2 drums', 1, 'kg', '$b', '2025-03-01');"
			else
				echo "INSERT INTO decl VALUES ($id, 'Potassium permanganate 98%', 30, 'kg', '$b', '2025-03-01');"
			fi
		done
		echo "COMMIT;"
	done
}
copy_script() {
	local t i b id
	for t in $(seq 0 $((COPIES - 1))); do
		echo "BEGIN;"
		echo "COPY decl FROM STDIN;"
		for i in $(seq 0 19); do
			b=${buyers[$(( (t * 3 + i) % 4 ))]}
			id=$(( 9000000 + t * 100 + i ))
			printf '%s\tPotassium permanganate\t30\tkg\t%s\t2025-03-01\n' "$id" "$b"
		done
		echo '\.'
		echo "COMMIT;"
	done
}
review_script() {
	local t
	for t in $(seq 0 499); do
		echo "SELECT (precursor.review_alert(a.alert_id, 'escalated', 'load test')).status
		        FROM (SELECT alert_id FROM precursor.alert WHERE status = 'open'
		               ORDER BY alert_id DESC LIMIT 1) a;"
		echo "SELECT pg_sleep(0.01);"
	done
}

for s in 1 2 3; do insert_script $s >"$tmp/s$s.sql"; done
copy_script >"$tmp/copy.sql"
review_script >"$tmp/review.sql"

SECONDS=0
pids=()
for f in s1 s2 s3 copy review; do
	timeout "$secs" psql -qX -d $db -f "$tmp/$f.sql" >"$tmp/$f.out" 2>"$tmp/$f.err" &
	pids+=($!)
done
timedout=0
for p in "${pids[@]}"; do
	wait "$p"
	[ $? -eq 124 ] && timedout=1
done
elapsed=$SECONDS

fail=0
pass() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }

deadlocks=$(cat "$tmp"/*.err | grep -c 'deadlock detected')
errors=$(cat "$tmp"/*.err | grep -c 'ERROR')
echo "# 5 sessions, $elapsed s; deadlocks: $deadlocks; errors: $errors"
[ "$timedout" -eq 0 ] && pass "every session finished within ${secs} s" || bad "a session ran over ${secs} s"
[ "$deadlocks" -eq 0 ] && pass "0 deadlocks" || bad "$deadlocks deadlocks"
[ "$errors" -eq 0 ] && pass "no errors" || { bad "$errors errors"; cat "$tmp"/*.err | grep ERROR | sort | uniq -c | head; }

q() { psql -qXAt -d $db -c "$1"; }
rows=$(q "SELECT count(*) FROM decl")
expected_rows=$(( 3 * TX * 4 + COPIES * 20 ))
[ "$rows" -eq "$expected_rows" ] && pass "all $rows rows committed" || bad "$rows rows committed, expected $expected_rows"

check() {	# description, query returning 0 when consistent
	local n
	n=$(q "$2")
	[ "$n" = 0 ] && pass "$1" || bad "$1: $n"
}
check "one ledger row per permanganate shipment, none other" "
	SELECT count(*) FROM decl d FULL JOIN precursor.shipment_ledger l
	    ON l.source_table = 'public.decl' AND l.row_key = d.id::text
	 WHERE (d.goods LIKE 'Potassium%') <> (l.row_key IS NOT NULL) OR d.id IS NULL"
check "one alert per safrole row" "
	SELECT count(*) FROM decl d
	 WHERE d.goods LIKE 'safrole%'
	   AND (SELECT count(*) FROM precursor.alert a WHERE a.source_table = 'public.decl'
	          AND a.row_key = d.id::text AND a.substance_name = 'Safrole') <> 1"
check "no alert without its row" "
	SELECT count(*) FROM precursor.alert a WHERE a.source_table = 'public.decl'
	   AND NOT EXISTS (SELECT FROM decl d WHERE d.id::text = a.row_key)"
check "cumulative alerts: exactly each consignee's shipments after the third" "
	SELECT abs(count(*) - (SELECT sum(greatest(n - 3, 0)) FROM
	               (SELECT count(*) AS n FROM decl WHERE goods LIKE 'Potassium%' GROUP BY buyer) c))
	  FROM precursor.alert a
	 WHERE a.source_table = 'public.decl' AND a.reasons @> '[{\"rule\": \"cumulative\"}]'"
check "the cumulative totals count every earlier shipment (30 kg steps, no gap)" "
	SELECT count(*) FROM (
	  SELECT a.consignee,
	         array_agg((SELECT (r->>'shipments')::int FROM jsonb_array_elements(a.reasons) r
	                     WHERE r->>'rule' = 'cumulative') ORDER BY a.alert_id) AS s
	    FROM precursor.alert a
	   WHERE a.source_table = 'public.decl' AND a.reasons @> '[{\"rule\": \"cumulative\"}]'
	   GROUP BY a.consignee) x
	 WHERE s <> ARRAY(SELECT generate_series(4, 3 + cardinality(s)))"
reviewed=$(q "SELECT count(*) FROM precursor.alert_review")
echo "# reviews during the load: $reviewed"
[ "$reviewed" -gt 0 ] && pass "reviews ran alongside the load" || bad "no review ran"
exit $fail
