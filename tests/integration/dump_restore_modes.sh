#!/usr/bin/env bash
# dump_restore_modes: a database in use (user watchlist with substances,
# synonyms and CN codes, a synonym on a shipped substance, a declarations
# table with a screening trigger attached, alerts, a review, shipment ledger
# rows) survives every way a DBA dumps and restores it, with nothing lost and
# no audit row written by the restore:
#   plain       pg_dump -Fp | psql
#   custom      pg_dump -Fc; pg_restore
#   single      pg_dump -Fc; pg_restore --single-transaction
#   directory   pg_dump -Fd -j 4; pg_restore -j 4
#   existing    pg_restore -j 4 into a database that already has the extension
#   cluster     pg_restore -j 4 into a new cluster (initdb) without the roles
# Runs inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -euo pipefail
cd "$(dirname "$0")/../.."

src=regress_modes_src_$$
work=$(mktemp -d)
chmod 777 "$work"
dbs=()
port2=""
cleanup() {
	for db in "$src" "${dbs[@]}"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
	[ -n "$port2" ] && runuser -u postgres -- pg_ctl -D "$work/cluster2" -m immediate stop >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

fail=0
pass() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

createdb "$src"
q "$src" "CREATE EXTENSION precursor" 
psql -qX -v ON_ERROR_STOP=1 -d "$src" >/dev/null <<'SQL'
INSERT INTO precursor.watchlist (code, name, regime, source_url)
VALUES ('XX-national', 'National list', 'national', 'https://example.org/national');
INSERT INTO precursor.substance (watchlist_id, name, category, casrn, threshold_qty, threshold_unit,
                                 source_url, source_act)
SELECT watchlist_id, v.name, v.category, v.casrn::casrn, v.qty, v.unit, 'https://example.org/national', 'Decree 1/2025'
  FROM precursor.watchlist, (VALUES ('Gamma-butyrolactone', 'A', '96-48-0', 10, 'kg'),
                                    ('Glycidic ester X', 'B', NULL, NULL, NULL)) AS v(name, category, casrn, qty, unit)
 WHERE code = 'XX-national';
INSERT INTO precursor.substance_cn (substance_id, cn_code, ex)
SELECT substance_id, '2932 20 90', true FROM precursor.substance WHERE name = 'Gamma-butyrolactone';
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT substance_id, 'GBL', 'en', 'abbreviation' FROM precursor.substance WHERE name = 'Gamma-butyrolactone';
INSERT INTO precursor.synonym (substance_id, name, lang, kind) VALUES (1, 'fenyloaceton', 'pl', 'translation');

CREATE TABLE public.decl (id int PRIMARY KEY, goods text, cas casrn, cn cncode, qty numeric, unit text,
                          buyer text, day date);
SELECT precursor.attach_screening('public.decl', 'description=goods', 'casrn=cas', 'cn=cn',
                                  'quantity=qty', 'unit=unit', 'consignee=buyer', 'date=day', 'key=id');
INSERT INTO public.decl VALUES
  (1, 'GBL solvent', NULL, '2932 20 90', 8, 'kg', 'ACME Ltd', '2025-01-10'),
  (2, 'Gamma-butyrolactone', '96-48-0', '2932 20 90', 6, 'kg', 'ACME Ltd', '2025-01-20'),
  (3, 'Phenylacetone', NULL, '2914 31 00', 5, 'kg', 'Other plc', '2025-01-21'),
  (4, 'Olive oil', NULL, '1509 20 00', 500, 'kg', 'Grocer', '2025-01-22');
SELECT precursor.review_alert(min(alert_id), 'escalated', 'new customer') FROM precursor.alert;
SQL

# What must come back, as one line per aspect.
state() {
	q "$1" "SELECT 'lists ' || string_agg(code || ':' || name, ',' ORDER BY code) FROM precursor.watchlist WHERE NOT builtin"
	q "$1" "SELECT 'substances ' || string_agg(substance_id || ':' || name || ':' || coalesce(casrn::text, '-'), ',' ORDER BY substance_id) FROM precursor.substance WHERE NOT builtin"
	q "$1" "SELECT 'cn ' || string_agg(substance_id || ':' || cn_code, ',' ORDER BY substance_id, cn_code) FROM precursor.substance_cn WHERE NOT builtin"
	q "$1" "SELECT 'synonyms ' || string_agg(synonym_id || ':' || name, ',' ORDER BY synonym_id) FROM precursor.synonym WHERE NOT builtin"
	q "$1" "SELECT 'shipped ' || (SELECT count(*) FROM precursor.substance WHERE builtin) || ' ' || (SELECT count(*) FROM precursor.synonym WHERE builtin)"
	q "$1" "SELECT 'alerts ' || count(*) || ' ' || md5(string_agg(alert_id || row_key || substance_name || status || score, ',' ORDER BY alert_id)) FROM precursor.alert"
	q "$1" "SELECT 'reviews ' || string_agg(review_id || ':' || alert_id || ':' || to_status || ':' || note, ',' ORDER BY review_id) FROM precursor.alert_review"
	q "$1" "SELECT 'ledger ' || string_agg(row_key || ':' || substance_id || ':' || quantity || unit, ',' ORDER BY row_key) FROM precursor.shipment_ledger"
	q "$1" "SELECT 'audit ' || count(*) || ' ' || md5(string_agg(audit_id::text, ',' ORDER BY audit_id)) FROM precursor.watchlist_audit"
	q "$1" "SELECT 'triggers ' || string_agg(tgname || ':' || pg_get_triggerdef(t.oid), ',') FROM pg_trigger t WHERE tgrelid = 'public.decl'::regclass AND NOT tgisinternal"
	q "$1" "SELECT 'sequences ' || (SELECT last_value FROM precursor.watchlist_watchlist_id_seq) || ' ' || (SELECT last_value FROM precursor.substance_substance_id_seq) || ' ' || (SELECT last_value FROM precursor.synonym_synonym_id_seq) || ' ' || (SELECT last_value FROM precursor.alert_alert_id_seq)"
}
# After the restore, the restored database still works: the trigger screens
# new rows, the new alert ids follow the restored ones, the audit records
# new edits and the split-shipment rule sees the restored ledger.
works() {
	psql -qX -v ON_ERROR_STOP=1 -d "$1" >/dev/null <<'SQL'
INSERT INTO public.decl VALUES (5, 'GBL', NULL, '2932 20 90', 3, 'kg', 'ACME Ltd', '2025-01-25');
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT substance_id, 'Butyrolacton', 'de', 'translation' FROM precursor.substance WHERE name = 'Gamma-butyrolactone';
SQL
	q "$1" "SELECT (SELECT count(*) FROM precursor.alert WHERE row_key = '5') || ' '
	        || ((SELECT min(alert_id) FROM precursor.alert WHERE row_key = '5') > (SELECT max(alert_id) FROM precursor.alert WHERE row_key <> '5'))
	        || ' ' || (SELECT count(*) FROM precursor.watchlist_audit WHERE after ->> 'name' = 'Butyrolacton')
	        || ' ' || (SELECT count(*) FROM precursor.alert a, jsonb_array_elements(a.reasons) r WHERE a.row_key = '5' AND r ->> 'rule' = 'cumulative')"
}

state "$src" >"$work/src.state"
cat "$work/src.state"
grep -q '^alerts [1-9]' "$work/src.state" && grep -q '^ledger .*kg' "$work/src.state" && grep -q '^reviews .*escalated' "$work/src.state" \
	|| { echo "the source lacks alerts, ledger rows or reviews"; exit 1; }
dropped_expected=""

pg_dump -Fp -f "$work/db.sql" "$src"
pg_dump -Fc -f "$work/db.dump" "$src"
pg_dump -Fd -j 4 -f "$work/db.dir" "$src"
chmod -R a+rX "$work"

check() {						# check <mode> <db> [<psql connection options>]
	local mode=$1 db=$2
	state "$db" >"$work/$mode.state" 2>&1 || true
	if diff -u "$work/src.state" "$work/$mode.state"; then
		pass "$mode: everything restored, no audit row added"
	else
		bad "$mode: the restored database differs"
	fi
	got=$(works "$db" 2>&1 || true)
	[ "$(cut -d' ' -f1-3 <<<"$got")" = "1 true 1" ] && [ "$(cut -d' ' -f4 <<<"$got")" -ge 1 ] \
		&& pass "$mode: the restored database screens, audits and sums shipments ($got)" \
		|| bad "$mode: the restored database does not work as before: $got"
}

restore() {						# restore <mode> <command...> ; target database = $db
	local mode=$1; shift
	db=regress_modes_${mode}_$$; dbs+=("$db")
	createdb "$db"
	if out=$("$@" 2>&1); then pass "$mode: restore exits 0"; else bad "$mode: restore failed: $(tail -n 5 <<<"$out")"; fi
}

restore plain psql -qX -v ON_ERROR_STOP=1 -d "regress_modes_plain_$$" -f "$work/db.sql"
check plain "$db"
restore custom pg_restore --exit-on-error -d "regress_modes_custom_$$" "$work/db.dump"
check custom "$db"
restore single pg_restore --exit-on-error --single-transaction -d "regress_modes_single_$$" "$work/db.dump"
check single "$db"
restore directory pg_restore --exit-on-error -j 4 -d "regress_modes_directory_$$" "$work/db.dir"
check directory "$db"
db=regress_modes_existing_$$; dbs+=("$db")
createdb "$db"; q "$db" "CREATE EXTENSION precursor"
if out=$(pg_restore --exit-on-error -j 4 -d "$db" "$work/db.dir" 2>&1); then pass "existing: restore exits 0"; else bad "existing: restore failed: $(tail -n 5 <<<"$out")"; fi
check existing "$db"

# A new cluster: no precursor roles, no databases.
port2=$((PGPORT + 1))
runuser -u postgres -- initdb -D "$work/cluster2" --encoding=UTF8 --locale=C.UTF-8 -A trust >/dev/null
runuser -u postgres -- pg_ctl -D "$work/cluster2" -o "-p $port2 -k $work -c listen_addresses=''" -l "$work/cluster2.log" -w start >/dev/null
(
	export PGHOST=$work PGPORT=$port2 PGUSER=postgres
	unset PGPASSWORD
	createdb target
	if out=$(pg_restore --exit-on-error -j 4 -d target "$work/db.dir" 2>&1); then
		echo "ok - cluster: restore exits 0"
	else
		echo "not ok - cluster: restore failed: $(tail -n 5 <<<"$out")"
	fi
	state target >"$work/cluster.state" 2>&1 || true
	diff -u "$work/src.state" "$work/cluster.state" && echo "ok - cluster: everything restored, no audit row added" \
		|| echo "not ok - cluster: the restored database differs"
) | tee "$work/cluster.out"
grep -q '^not ok' "$work/cluster.out" && fail=1

# Only a superuser's session counts as a restore: a manager who turns
# check_function_bodies off is audited and checked as always.
role=regress_modes_mgr_$$
psql -qX -d postgres -c "CREATE ROLE $role" -c "GRANT precursor_manager TO $role" >/dev/null
out=$(psql -qXAt -d "$src" -v ON_ERROR_STOP=1 <<SQL 2>&1 || true
SET ROLE $role;
SET check_function_bodies = off;
SELECT precursor.restoring();
INSERT INTO precursor.synonym (substance_id, name, lang, kind) VALUES (100000, 'gamma-GBL', 'en', 'other');
INSERT INTO precursor.synonym (substance_id, name, lang, kind) VALUES (999999, 'orphan', 'en', 'other');
SQL
)
psql -qX -d postgres -c "DROP OWNED BY $role" -c "DROP ROLE $role" >/dev/null 2>&1 || true
audited=$(q "$src" "SELECT count(*) FROM precursor.watchlist_audit WHERE after ->> 'name' = 'gamma-GBL'")
if [ "$(head -n 1 <<<"$out")" = f ] && [ "$audited" = 1 ] && grep -q 'violates foreign key constraint' <<<"$out"; then
	pass "a non-superuser with check_function_bodies off is audited and foreign keys hold"
else
	bad "a non-superuser escaped the audit or the foreign key: $out (audit rows: $audited)"
fi

exit $fail
