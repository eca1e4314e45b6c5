#!/usr/bin/env bash
# upgrade_from_1_0: an existing 1.0 database upgrades to 1.1 with nothing lost.
#   - CREATE EXTENSION precursor VERSION '1.0' (the frozen script of tag
#     v1.0), filled with user lists, synonyms, CN codes, a declarations table
#     with a screening trigger, alerts, a review and ledger rows;
#   - ALTER EXTENSION precursor UPDATE: every row, alert, review, audit row
#     and trigger is still there, and the trigger still screens;
#   - the member objects and their definitions (functions, columns,
#     constraints, indexes, triggers, views, operators, operator classes,
#     casts, comments, privileges, what pg_dump dumps) equal those of a fresh
#     1.1 install, Citus-style: an SQL change without its upgrade step fails;
#   - after the upgrade, the types work with the default search_path.
# Runs inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
. tests/integration/lib/fixture.sh

old=regress_upgrade_old_$$
new=regress_upgrade_new_$$
work=$(mktemp -d)
trap 'for d in $old $new; do dropdb --if-exists $d >/dev/null 2>&1 || true; done; rm -rf "$work"' EXIT
fail=0
pass() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
catalog() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -f tests/integration/lib/extension_catalog.sql; }

createdb "$old"
q "$old" "CREATE EXTENSION precursor VERSION '1.0'"
[ "$(q "$old" "SELECT extversion || ' ' || extnamespace::regnamespace FROM pg_extension WHERE extname = 'precursor'")" = "1.0 precursor" ] \
	&& pass "1.0 installs, in schema precursor" || bad "1.0 did not install as 1.0 in schema precursor"
fill_database "$old"
state "$old" >"$work/before"
grep -q '^alerts [1-9]' "$work/before" || { echo "the 1.0 database has no alerts"; exit 1; }

if out=$(psql -qX -v ON_ERROR_STOP=1 -d "$old" -c "ALTER EXTENSION precursor UPDATE" 2>&1); then
	pass "ALTER EXTENSION precursor UPDATE from 1.0"
else
	bad "ALTER EXTENSION precursor UPDATE failed: $out"
fi
[ "$(q "$old" "SELECT extversion FROM pg_extension WHERE extname = 'precursor'")" = "$(q "$old" "SELECT default_version FROM pg_available_extensions WHERE name = 'precursor'")" ] \
	&& pass "upgraded to the default version" || bad "not at the default version after the update"

state "$old" >"$work/after"
diff -u "$work/before" "$work/after" && pass "every row, alert, review, audit row, sequence and trigger kept" \
	|| bad "the upgrade changed the data"
got=$(works "$old" 2>&1 || true)
[ "$(cut -d' ' -f1-3 <<<"$got")" = "1 true 1" ] && [ "$(cut -d' ' -f4 <<<"$got")" -ge 1 ] \
	&& pass "the upgraded database screens, audits and sums shipments ($got)" \
	|| bad "the upgraded database does not work: $got"
[ "$(q "$old" "SELECT count(*) FROM public.decl WHERE cas = '96-48-0' AND cn <@ '2932'")" = 1 ] \
	&& pass "operators work with the default search_path after the upgrade" \
	|| bad "operators do not work with the default search_path after the upgrade"

createdb "$new"
q "$new" "CREATE EXTENSION precursor"
catalog "$old" >"$work/upgraded.catalog"
catalog "$new" >"$work/fresh.catalog"
n=$(wc -l <"$work/fresh.catalog")
if diff -u "$work/fresh.catalog" "$work/upgraded.catalog" >"$work/catalog.diff"; then
	pass "upgraded and fresh installs have the same $n member objects and definitions"
else
	bad "upgraded and fresh installs differ (- fresh, + upgraded):"
	head -n 80 "$work/catalog.diff"
fi
exit $fail
