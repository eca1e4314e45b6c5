#!/usr/bin/env bash
# upgrade_from_older: a database of every earlier release (the frozen install
# scripts extension/precursor--X.sql of tags v1.0, v1.1, ...) upgrades to the
# current version with nothing lost.  For each earlier version:
#   - CREATE EXTENSION precursor VERSION 'X', filled with user lists, synonyms,
#     CN codes, a declarations table with a screening trigger, alerts, a
#     review and ledger rows;
#   - ALTER EXTENSION precursor UPDATE: every row, alert, review, audit row
#     and trigger is still there, and the trigger still screens;
#   - the member objects and their definitions (functions, columns,
#     constraints, indexes, triggers, views, operators, operator classes,
#     casts, comments, privileges, what pg_dump dumps) equal those of a fresh
#     install, Citus-style: an SQL change without its upgrade step fails;
#   - the shipped rows (lists, entries, CN codes, synonyms) and the list
#     releases with their entries equal those of a fresh install: a data
#     correction without its upgrade step fails too;
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
shipped() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -f tests/integration/lib/shipped_rows.sql; }

current=$(sed -n "s/^default_version = '\(.*\)'$/\1/p" precursor.control)
createdb "$new"
q "$new" "CREATE EXTENSION precursor"
catalog "$new" >"$work/fresh.catalog"
shipped "$new" >"$work/fresh.shipped"

# 1.0 put everything in schema precursor; later versions put the types in public
schema_of() { if [ "$1" = 1.0 ]; then echo precursor; else echo public; fi; }

upgrade_from() {
	local from=$1
	createdb "$old"
	q "$old" "CREATE EXTENSION precursor VERSION '$from'"
	[ "$(q "$old" "SELECT extversion || ' ' || extnamespace::regnamespace FROM pg_extension WHERE extname = 'precursor'")" = "$from $(schema_of "$from")" ] \
		&& pass "$from installs, in schema $(schema_of "$from")" || bad "$from did not install as $from in schema $(schema_of "$from")"
	fill_database "$old"
	state "$old" >"$work/before"
	grep -q '^alerts [1-9]' "$work/before" || { echo "the $from database has no alerts"; return 1; }

	if out=$(psql -qX -v ON_ERROR_STOP=1 -d "$old" -c "ALTER EXTENSION precursor UPDATE" 2>&1); then
		pass "ALTER EXTENSION precursor UPDATE from $from"
	else
		bad "ALTER EXTENSION precursor UPDATE failed: $out"
	fi
	[ "$(q "$old" "SELECT extversion FROM pg_extension WHERE extname = 'precursor'")" = "$(q "$old" "SELECT default_version FROM pg_available_extensions WHERE name = 'precursor'")" ] \
		&& pass "upgraded to the default version" || bad "not at the default version after the update"

	state "$old" >"$work/after"
	# the shipped rows are the new version's (compared with a fresh install below)
	diff -u <(grep -v '^shipped ' "$work/before") <(grep -v '^shipped ' "$work/after") \
		&& pass "every user row, alert, review, audit row, sequence and trigger kept" \
		|| bad "the upgrade changed the data"
	got=$(works "$old" 2>&1 || true)
	[ "$(cut -d' ' -f1-3 <<<"$got")" = "1 true 1" ] && [ "$(cut -d' ' -f4 <<<"$got")" -ge 1 ] \
		&& pass "the upgraded database screens, audits and sums shipments ($got)" \
		|| bad "the upgraded database does not work: $got"
	[ "$(q "$old" "SELECT count(*) FROM public.decl WHERE cas = '96-48-0' AND cn <@ '2932'")" = 1 ] \
		&& pass "operators work with the default search_path after the upgrade" \
		|| bad "operators do not work with the default search_path after the upgrade"

	catalog "$old" >"$work/upgraded.catalog"
	n=$(wc -l <"$work/fresh.catalog")
	if diff -u "$work/fresh.catalog" "$work/upgraded.catalog" >"$work/catalog.diff"; then
		pass "upgraded and fresh installs have the same $n member objects and definitions"
	else
		bad "upgraded and fresh installs differ (- fresh, + upgraded):"
		head -n 80 "$work/catalog.diff"
	fi

	shipped "$old" >"$work/upgraded.shipped"
	n=$(wc -l <"$work/fresh.shipped")
	if diff -u "$work/fresh.shipped" "$work/upgraded.shipped" >"$work/shipped.diff"; then
		pass "upgraded and fresh installs have the same shipped rows and list releases ($n values)"
	else
		bad "shipped rows of the upgraded and fresh installs differ (- fresh, + upgraded):"
		head -n 40 "$work/shipped.diff" | cut -c1-300
	fi
}

# the frozen install scripts: precursor--X.sql without "--" in X
for from in $(ls extension/precursor--*.sql | sed -n 's#^extension/precursor--\([0-9.]*\)\.sql$#\1#p' | sort -V); do
	[ "$from" = "$current" ] && continue
	dropdb --if-exists "$old" >/dev/null 2>&1 || true
	upgrade_from "$from"
done
exit $fail
