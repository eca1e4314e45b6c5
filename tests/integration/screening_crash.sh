#!/usr/bin/env bash
# screening_crash: kill -9 of a backend in the middle of a screened COPY.
#   Alerts and shipment ledger rows are buffered in backend memory and
#   written in batches (every 1000 rows and at statement end), so a crash
#   must lose them together with the declarations they belong to, and
#   nothing else: after crash recovery, alerts and ledger must match the
#   committed rows exactly.
# The postmaster restarts every backend after the kill; the script waits for
# the server to accept connections again before checking (and before the
# next test runs).
# Runs inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -uo pipefail

db=precursor_crash
tmp=$(mktemp -d)
cleanup() {
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
	rm -rf "$tmp"
}
trap cleanup EXIT
psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1

fail=0
pass() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
q() { psql -qXAt -d $db -c "$1"; }
wait_ready() {
	local i
	for i in $(seq 1 120); do
		psql -qXAt -d postgres -c 'SELECT 1' >/dev/null 2>&1 && return 0
		sleep 0.5
	done
	return 1
}

psql -qX -v ON_ERROR_STOP=1 -d postgres -c "CREATE DATABASE $db" >/dev/null || exit 1
psql -qX -v ON_ERROR_STOP=1 -d $db >/dev/null <<'SQL' || exit 1
SET client_min_messages = warning;
CREATE EXTENSION precursor;
CREATE TABLE decl (id bigint PRIMARY KEY, goods text, qty numeric, unit text, buyer text, day date);
SELECT precursor.attach_screening('decl', 'description=goods', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'date=day', 'key=id');
-- committed before the crash: 2,000 rows, every fourth names safrole
INSERT INTO decl
SELECT i, CASE WHEN i % 4 = 0 THEN 'safrole oil' ELSE 'Potassium permanganate' END,
       30, 'kg', 'Crash ' || (i % 7), date '2025-03-01' + (i % 60)
  FROM generate_series(1, 2000) i;
SQL

# the COPY to kill: 400,000 rows in one transaction, alerts flushed every
# 1,000 rows, so some batches are already written (uncommitted) when it dies
awk 'BEGIN { for (i = 100001; i <= 500000; i++)
	printf "%d\t%s\t30\tkg\tCrash %d\t2025-03-%02d\n", i,
		(i % 4 == 0 ? "safrole oil" : "Potassium permanganate"), i % 7, 1 + i % 28 }' >"$tmp/copy.tsv"
psql -qX -d $db -c "\\copy decl FROM '$tmp/copy.tsv'" >"$tmp/copy.out" 2>&1 &
client=$!

# wait until the COPY has written some batches, then kill its backend
pid=
for i in $(seq 1 200); do
	pid=$(q "SELECT pid FROM pg_stat_activity WHERE datname = '$db' AND query ILIKE 'copy%decl%' AND pid <> pg_backend_pid()
	          AND (SELECT count(*) FROM pg_locks l WHERE l.pid = pg_stat_activity.pid
	                 AND l.locktype = 'relation'
	                 AND l.relation = 'precursor.shipment_ledger_lock'::regclass) > 0")
	[ -n "$pid" ] && break
	sleep 0.05
done
if [ -z "$pid" ]; then
	bad "the COPY did not start recording shipments"
	wait $client
	cat "$tmp/copy.out"
	exit 1
fi
before=$(q "SELECT max(alert_id) FROM precursor.alert")
sleep 1
# the sequence is not transactional: it shows batches already written
written=$(q "SELECT last_value - $before FROM precursor.alert_alert_id_seq")
[ "$written" -gt 0 ] && pass "the COPY had written $written uncommitted alerts when killed" ||
	bad "the COPY had written no batch yet"
kill -9 "$pid" && pass "kill -9 of the backend running the COPY (pid $pid)"
wait $client
grep -q 'server closed the connection\|terminating connection\|connection to server' "$tmp/copy.out" &&
	pass "the COPY died with its backend" || { bad "the COPY did not die"; cat "$tmp/copy.out"; }
wait_ready && pass "the server accepts connections after crash recovery" ||
	{ bad "the server did not come back"; exit 1; }

check() {	# description, query returning 0 when consistent
	local n
	n=$(q "$2")
	[ "$n" = 0 ] && pass "$1" || bad "$1: $n"
}
check "only the 2,000 committed rows remain" "SELECT count(*) - 2000 FROM decl"
check "no alert or ledger row of the killed COPY" "
	SELECT (SELECT count(*) FROM precursor.alert WHERE row_key::bigint > 100000)
	     + (SELECT count(*) FROM precursor.shipment_ledger WHERE row_key::bigint > 100000)"
check "one ledger row per committed permanganate row, none other" "
	SELECT count(*) FROM decl d FULL JOIN precursor.shipment_ledger l
	    ON l.source_table = 'public.decl' AND l.row_key = d.id::text
	 WHERE (d.goods LIKE 'Potassium%') <> (l.row_key IS NOT NULL) OR d.id IS NULL"
check "one alert per committed safrole row" "
	SELECT count(*) FROM decl d
	 WHERE d.goods LIKE 'safrole%'
	   AND (SELECT count(*) FROM precursor.alert a WHERE a.source_table = 'public.decl'
	          AND a.row_key = d.id::text AND a.substance_name = 'Safrole') <> 1"
check "no alert without its row" "
	SELECT count(*) FROM precursor.alert a
	 WHERE NOT EXISTS (SELECT FROM decl d WHERE d.id::text = a.row_key)"
# the screened table works again, and the killed COPY's shipments do not count
q "INSERT INTO decl VALUES (3000, 'Potassium permanganate', 30, 'kg', 'Crash fresh', '2025-03-01')" >/dev/null
check "a new shipment after the crash is recorded, alone" "
	SELECT count(*) - 1 FROM precursor.shipment_ledger WHERE consignee = 'Crash fresh'"
exit $fail
