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
. tests/integration/lib/fixture.sh

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
fill_database "$src"

state "$src" >"$work/src.state"
cat "$work/src.state"
grep -q '^alerts [1-9]' "$work/src.state" && grep -q '^ledger .*kg' "$work/src.state" && grep -q '^reviews .*escalated' "$work/src.state" \
	|| { echo "the source lacks alerts, ledger rows or reviews"; exit 1; }

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
