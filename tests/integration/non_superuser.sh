#!/usr/bin/env bash
# non_superuser: what ordinary LOGIN roles can and cannot do.
#   - a role with only precursor_reader screens text (screen, matches, lookup,
#     explain), reads the watchlists and their views, but cannot write them;
#   - a role with nothing uses the types and normalize_name/parse_name, but
#     is refused the watchlist tables, and screen()/matches()/lookup(), which
#     read the watchlists with the caller's rights, fail with SQLSTATE 42501
#     naming the table, as do the watchlist views and functions;
#   - the per-backend compiled watchlist must not outlive the right to read
#     it: after SET ROLE to a role without precursor_reader (as a connection
#     pooler does), screen() must be refused too.
# Runs inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -uo pipefail

db=precursor_nonsuper
reader=nonsuper_reader
nobody=nonsuper_nobody
cleanup() {
	psql -qX -d postgres -c "DROP DATABASE IF EXISTS $db" \
		-c "DROP ROLE IF EXISTS $reader" -c "DROP ROLE IF EXISTS $nobody" >/dev/null 2>&1
}
trap cleanup EXIT
cleanup

# pg_virtualenv connects over TCP with a password: give the roles the same one
psql -qX -v ON_ERROR_STOP=1 -d postgres -v pw="${PGPASSWORD:-}" >/dev/null <<SQL || exit 1
CREATE DATABASE $db;
CREATE ROLE $reader LOGIN PASSWORD :'pw';
CREATE ROLE $nobody LOGIN PASSWORD :'pw';
SQL
psql -qX -v ON_ERROR_STOP=1 -d $db -c "CREATE EXTENSION precursor" \
	-c "GRANT precursor_reader TO $reader" -c "GRANT $nobody TO $reader" >/dev/null || exit 1

fail=0
pass() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
# as ROLE, run SQL; print the result or "SQLSTATE: message"
as() {
	local role=$1 sql=$2
	PGUSER=$role psql -qXAt -d $db -v ON_ERROR_STOP=1 -c '\set VERBOSITY verbose' -c "$sql" 2>&1 |
		sed -n -e 's/^ERROR:  \([0-9A-Z]\{5\}\): \(.*\)/\1: \2/p' -e '/^[A-Z]*:  \|^ \|^$/!p'
}
expect() {	# description, role, sql, expected output (regex, whole output)
	local out
	out=$(as "$2" "$3")
	if grep -Eqx -- "$4" <<<"$out"; then pass "$1"; else bad "$1: got [$out]"; fi
}

# --- a reader --------------------------------------------------------------
expect "reader: screen() finds phenylacetone" $reader \
	"SELECT count(*) > 0 FROM precursor.screen('Phenylacetone 99%, 2 drums')" 't'
expect "reader: matches()" $reader "SELECT precursor.matches('safrole oil')" 't'
expect "reader: lookup()" $reader \
	"SELECT count(*) > 0 FROM precursor.lookup('ephedrine hydrochloride')" 't'
expect "reader: explain()" $reader \
	"SELECT count(*) > 0 FROM precursor.explain('Phenylacetone')" 't'
expect "reader: reads the watchlists" $reader \
	"SELECT count(*) FROM precursor.watchlist WHERE builtin" '3'
expect "reader: reads the views" $reader \
	"SELECT (SELECT count(*) > 0 FROM precursor.substance_overview) AND (SELECT count(*) > 0 FROM precursor.watchlist_term)" 't'
expect "reader: substances_under()" $reader \
	"SELECT count(*) > 0 FROM precursor.substances_under('2939')" 't'
expect "reader: cannot write the watchlists" $reader \
	"INSERT INTO precursor.watchlist (code, name, regime) VALUES ('X', 'x', 'internal')" \
	'42501: permission denied for table watchlist'
expect "reader: cannot review alerts" $reader \
	"SELECT precursor.review_alert(1, 'cleared', 'x')" \
	'42501: permission denied for function review_alert'

# --- a role with nothing ---------------------------------------------------
expect "nobody: uses the identifier types" $nobody \
	"SELECT '103-79-7'::casrn::text || ' ' || '200-001-8'::ecnumber::text || ' ' || '2939 41'::cncode::text" \
	'103-79-7 200-001-8 2939 41'
expect "nobody: normalize_name()" $nobody "SELECT precursor.normalize_name('Phenyl-Acetone')" 'phenyl acetone'
expect "nobody: parse_name()" $nobody "SELECT (precursor.parse_name('ephedrine hydrochloride')).base" 'ephedrine'
expect "nobody: cannot read the watchlist table" $nobody \
	"SELECT count(*) FROM precursor.substance" '42501: permission denied for table substance'
expect "nobody: cannot read the watchlist views" $nobody \
	"SELECT count(*) FROM precursor.substance_overview" '42501: permission denied for (view|table) .*'
expect "nobody: cannot read the alerts" $nobody \
	"SELECT count(*) FROM precursor.alert" '42501: permission denied for table alert'
expect "nobody: screen() is refused with 42501 naming the table" $nobody \
	"SELECT count(*) FROM precursor.screen('Phenylacetone')" '42501: permission denied for table .*'
expect "nobody: matches() is refused with 42501" $nobody \
	"SELECT precursor.matches('safrole')" '42501: permission denied for table .*'
expect "nobody: lookup() is refused with 42501" $nobody \
	"SELECT count(*) FROM precursor.lookup('safrole')" '42501: permission denied for table .*'
expect "nobody: substances_under() is refused with 42501" $nobody \
	"SELECT count(*) FROM precursor.substances_under('2939')" '42501: permission denied for table .*'

# --- the compiled cache does not outlive the right to read -----------------
out=$(as $reader "SELECT count(*) FROM precursor.screen('Phenylacetone'); SET ROLE $nobody; SELECT count(*) FROM precursor.screen('Phenylacetone')")
if grep -Eqx '42501: permission denied for table .*' <<<"$(tail -n 1 <<<"$out")"; then
	pass "reader then SET ROLE nobody: screen() is refused although the cache is built"
else
	bad "reader then SET ROLE nobody: screen() still answers from the compiled cache: got [${out//$'\n'/ | }]"
fi

exit $fail
