#!/usr/bin/env bash
# packaging_metadata: the version is the same everywhere it is written
# (control file, Makefile, META.json, debian/changelog), META.json is valid
# JSON naming the install script, and every version named by an install or
# upgrade script can be installed and reaches the default version.  Runs
# inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
fail=0
pass() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }

control=$(sed -n "s/^default_version = '\(.*\)'$/\1/p" precursor.control)
make=$(sed -n 's/^EXTVERSION *= *//p' Makefile)
meta=$(/usr/bin/python3 -c 'import json; m = json.load(open("META.json")); print(m["version"], m["provides"]["precursor"]["version"], m["provides"]["precursor"]["file"])')
deb=$(sed -n '1s/^precursor (\([^)]*\)).*/\1/p' debian/changelog)
[ "$control" = "$make" ] && pass "control file and Makefile: $control" || bad "control $control, Makefile $make"
[ "$meta" = "$control.0 $control.0 extension/precursor--$control.sql" ] && pass "META.json: $meta" || bad "META.json says $meta"
[ "$deb" = "$control" ] && pass "debian/changelog: $deb" || bad "debian/changelog says $deb"

# every installable version reaches the default one
db=regress_packaging_$$
trap 'dropdb --if-exists $db >/dev/null 2>&1 || true' EXIT
for v in $(psql -qXAt -d postgres -c "SELECT version FROM pg_available_extension_versions WHERE name = 'precursor' ORDER BY version"); do
	dropdb --if-exists "$db" >/dev/null 2>&1; createdb "$db"
	if out=$(PGOPTIONS="-c client_min_messages=warning" psql -qXAt -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION precursor VERSION '$v'" -c "ALTER EXTENSION precursor UPDATE" \
			-c "SELECT extversion FROM pg_extension WHERE extname = 'precursor'" 2>&1) && [ "$out" = "$control" ]; then
		pass "version $v installs and updates to $control"
	else
		bad "version $v: $out"
	fi
done
exit $fail
