#!/usr/bin/env bash
# docs_match_code: what the README and the catalog say about the screening
# trigger is what the C code does.
#   - the README's argument table lists the arguments of trigger_args[]
#     (precursor.screen_trigger_arguments()), in the same order;
#   - the COMMENT of precursor.screen_trigger() names every argument;
#   - the README's rules table lists exactly the reason codes of
#     trigger_reasons[] (precursor.alert_reasons()).
# Add an argument or a reason code in C and forget the README: this fails.
# Runs inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -euo pipefail
cd "$(dirname "$0")/../.."

db=precursor_docs_$$
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
fail=0
pass() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
expect() {						# expect <what> <expected> <actual>
	if [ "$2" = "$3" ]; then pass "$1"; else bad "$1: expected [$2], got [$3]"; fi
}
# the first cells of the README table whose header line is $1, up to the blank line
table_keys() {
	awk -v hdr="$1" '$0 == hdr { on = 1; next } on && /^$/ { exit } on && /^\|/ { print }' README.md |
		grep -v '^|---' | cut -d'|' -f2
}

createdb "$db"
q "CREATE EXTENSION precursor" >/dev/null

code_args=$(q "SELECT string_agg(name, ' ' ORDER BY ord) FROM precursor.screen_trigger_arguments() WITH ORDINALITY AS a(name, kind, accepts, default_value, screened, help, ord)")
[ -n "$code_args" ] || bad "screen_trigger_arguments() returned nothing"
readme_args=$(table_keys '| argument | column type / value | used for |' | grep -o '`[a-z_]*=`' | tr -d '`=' | paste -sd' ')
expect "README argument table = trigger_args[], in order" "$code_args" "$readme_args"

comment=$(q "SELECT obj_description('precursor.screen_trigger()'::regprocedure, 'pg_proc')")
missing=""
for a in $code_args; do
	case "$comment" in *"$a"*) ;; *) missing="$missing $a" ;; esac
done
expect "COMMENT ON FUNCTION screen_trigger() names every argument" "" "$missing"

code_reasons=$(q "SELECT string_agg(code, ' ' ORDER BY code) FROM precursor.alert_reasons()")
[ -n "$code_reasons" ] || bad "alert_reasons() returned nothing"
readme_reasons=$(table_keys '| rule | fires when |' | grep -o '`[a-z_]*`' | tr -d '`' | LC_ALL=C sort | paste -sd' ')
code_reasons=$(tr ' ' '\n' <<<"$code_reasons" | LC_ALL=C sort | paste -sd' ')
expect "README rules table = trigger_reasons[]" "$code_reasons" "$readme_reasons"

exit $fail
