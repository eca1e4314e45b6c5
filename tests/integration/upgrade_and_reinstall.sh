#!/usr/bin/env bash
# upgrade_and_reinstall: the extension's life cycle in one cluster.
#   - CREATE EXTENSION in a fresh database; DROP EXTENSION ... CASCADE; CREATE
#     again (the cluster-wide roles already exist the second time);
#   - CREATE EXTENSION in a second database of the same cluster (roles exist);
#   - ALTER EXTENSION precursor UPDATE at the current version is a no-op;
#   - the member objects of a reinstall and of the second database equal
#     those of the first install (sorted pg_describe_object lists);
#   - DROP EXTENSION leaves nothing behind: schema precursor (created by the
#     install script, a member) is gone, and so are the types, operators and
#     their functions in the extension's schema (public);
#   - the shipped watchlist rows are back after a reinstall.
# Runs inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -euo pipefail

db1=precursor_lifecycle_a
db2=precursor_lifecycle_b
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"; psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db1" -c "DROP DATABASE IF EXISTS $db2" >/dev/null 2>&1 || true' EXIT

fail=0
pass() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }

members_sql="SELECT pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid)
  FROM pg_catalog.pg_depend d JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid
 WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
   AND e.extname = 'precursor' AND d.deptype = 'e'
 ORDER BY 1"
# Schema precursor, and everything in public that is not the default
# contents of a fresh database, of any kind.
leftovers_sql="SELECT 'schema ' || n.nspname FROM pg_catalog.pg_namespace n
  WHERE n.nspname = 'precursor'
 UNION ALL SELECT 'relation ' || c.relname FROM pg_catalog.pg_class c
  WHERE c.relnamespace = 'public'::pg_catalog.regnamespace
 UNION ALL SELECT 'function ' || p.oid::pg_catalog.regprocedure FROM pg_catalog.pg_proc p
  WHERE p.pronamespace = 'public'::pg_catalog.regnamespace
 UNION ALL SELECT 'type ' || t.typname FROM pg_catalog.pg_type t
  WHERE t.typnamespace = 'public'::pg_catalog.regnamespace
 UNION ALL SELECT 'operator ' || o.oprname FROM pg_catalog.pg_operator o
  WHERE o.oprnamespace = 'public'::pg_catalog.regnamespace
 UNION ALL SELECT 'opfamily ' || f.opfname FROM pg_catalog.pg_opfamily f
  WHERE f.opfnamespace = 'public'::pg_catalog.regnamespace
 UNION ALL SELECT 'event trigger ' || evtname FROM pg_catalog.pg_event_trigger
  WHERE evtname LIKE 'precursor%'
 ORDER BY 1"

for d in $db1 $db2; do
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $d" -c "CREATE DATABASE $d" >/dev/null
done

# 1. first install
q $db1 "CREATE EXTENSION precursor" && pass "CREATE EXTENSION in a fresh database" \
	|| bad "CREATE EXTENSION in a fresh database"
q $db1 "$members_sql" >"$tmp/first"
n=$(wc -l <"$tmp/first")
[ "$n" -gt 100 ] && pass "first install has $n member objects" || bad "first install has only $n member objects"
ver=$(q $db1 "SELECT extversion FROM pg_catalog.pg_extension WHERE extname = 'precursor'")
shipped=$(q $db1 "SELECT count(*) FROM precursor.substance WHERE builtin")

# 2. ALTER EXTENSION UPDATE at the current version: a notice, nothing changes
out=$(psql -qX -v ON_ERROR_STOP=1 -d $db1 -c "ALTER EXTENSION precursor UPDATE" 2>&1) \
	&& pass "ALTER EXTENSION precursor UPDATE succeeds at version $ver" \
	|| bad "ALTER EXTENSION precursor UPDATE failed: $out"
grep -q "already installed" <<<"$out" && pass "ALTER EXTENSION UPDATE says the version is already installed" \
	|| bad "ALTER EXTENSION UPDATE gave no 'already installed' notice: $out"
q $db1 "$members_sql" >"$tmp/after_update"
diff -u "$tmp/first" "$tmp/after_update" && pass "ALTER EXTENSION UPDATE changed no member object" \
	|| bad "ALTER EXTENSION UPDATE changed the member objects"

# 3. DROP EXTENSION CASCADE leaves nothing behind
out=$(psql -qX -v ON_ERROR_STOP=1 -d $db1 -c "DROP EXTENSION precursor CASCADE" 2>&1) \
	&& pass "DROP EXTENSION precursor CASCADE" || bad "DROP EXTENSION precursor CASCADE failed: $out"
left=$(q $db1 "$leftovers_sql")
[ -z "$left" ] && pass "DROP EXTENSION leaves no object behind (schema precursor included)" \
	|| bad "DROP EXTENSION left objects behind: $left"
roles=$(q $db1 "SELECT string_agg(rolname, ',' ORDER BY rolname) FROM pg_catalog.pg_roles WHERE rolname LIKE 'precursor\_%'")
[ "$roles" = "precursor_analyst,precursor_manager,precursor_reader" ] \
	&& pass "the roles outlive DROP EXTENSION: $roles" || bad "roles after DROP EXTENSION: $roles"

# 4. CREATE again, with the schema and the roles already there
out=$(psql -qX -v ON_ERROR_STOP=1 -d $db1 -c "CREATE EXTENSION precursor" 2>&1) \
	&& pass "CREATE EXTENSION again after DROP (roles and schema exist)" \
	|| bad "CREATE EXTENSION after DROP failed: $out"
q $db1 "$members_sql" >"$tmp/reinstall"
diff -u "$tmp/first" "$tmp/reinstall" && pass "a reinstall has the same member objects" \
	|| bad "a reinstall differs from the first install"
again=$(q $db1 "SELECT count(*) FROM precursor.substance WHERE builtin")
[ "$again" = "$shipped" ] && pass "the $shipped shipped substances are back after the reinstall" \
	|| bad "shipped substances: $shipped before, $again after the reinstall"
# the reinstalled extension works end to end
hit=$(q $db1 "SELECT count(*) FROM precursor.screen('Phenylacetone, 5 kg')")
[ "$hit" -gt 0 ] && pass "screen() finds phenylacetone after the reinstall" || bad "screen() after reinstall: $hit hits"

# 5. a second database in the same cluster (the roles exist already)
out=$(psql -qX -v ON_ERROR_STOP=1 -d $db2 -c "CREATE EXTENSION precursor" 2>&1) \
	&& pass "CREATE EXTENSION in a second database of the cluster" \
	|| bad "CREATE EXTENSION in a second database failed: $out"
q $db2 "$members_sql" >"$tmp/second_db"
diff -u "$tmp/first" "$tmp/second_db" && pass "the second database has the same member objects" \
	|| bad "the second database differs from the first install"

# 6. with a user list, DROP ... CASCADE and reinstall: user rows go with it
q $db2 "INSERT INTO precursor.watchlist (code, name, regime) VALUES ('MINE', 'My list', 'internal')" >/dev/null
# a list of one's own: DROP EXTENSION refuses, unless the DBA says so
if q $db2 "DROP EXTENSION precursor CASCADE" >/dev/null 2>&1; then
	bad "DROP EXTENSION deleted a user watchlist without being told to"
else
	pass "DROP EXTENSION refuses while a user watchlist exists"
fi
q $db2 "SET precursor.allow_drop_with_data = on; DROP EXTENSION precursor CASCADE" >/dev/null
q $db2 "CREATE EXTENSION precursor" >/dev/null
mine=$(q $db2 "SELECT count(*) FROM precursor.watchlist WHERE NOT builtin")
[ "$mine" = 0 ] && pass "a reinstall starts without user rows" || bad "$mine user watchlists survived DROP EXTENSION"
seq=$(q $db2 "SELECT last_value FROM precursor.watchlist_watchlist_id_seq")
[ "$seq" = 100000 ] && pass "the user id sequence restarts at 100000" || bad "watchlist id sequence at $seq"

exit $fail
