#!/usr/bin/env bash
# extension_schema: the DBA chooses where the types and operators go.
#   - CREATE EXTENSION precursor SCHEMA chem puts types, operators and
#     operator classes in chem; tables and functions in precursor; queries
#     work with chem on search_path and the script's own objects (views,
#     constraints, functions) work whatever the caller's search_path;
#   - a hostile schema earlier on search_path cannot capture the operators
#     used inside the extension (its CHECK constraint, its SQL functions);
#   - CREATE EXTENSION precursor SCHEMA precursor keeps everything in one
#     schema (the 1.0 layout);
#   - a pre-existing schema precursor is refused with a hint.
# Runs inside the throwaway cluster (PG* set).  Exit 0 = pass.
set -euo pipefail

db=precursor_schema_$$
trap 'dropdb --if-exists "$db" >/dev/null 2>&1 || true' EXIT
fail=0
pass() { echo "ok - $1"; }
bad() { echo "not ok - $1"; fail=1; }
q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$db" -c "$1"; }
expect() {						# expect <what> <expected> <actual>
	if [ "$2" = "$3" ]; then pass "$1"; else bad "$1: expected [$2], got [$3]"; fi
}

# 1. a schema of the DBA's choice
createdb "$db"
q "CREATE SCHEMA chem; CREATE EXTENSION precursor SCHEMA chem"
expect "extension schema is chem" chem \
	"$(q "SELECT extnamespace::regnamespace FROM pg_extension WHERE extname = 'precursor'")"
expect "types in chem" "chem.casrn chem.cncode chem.ecnumber chem.inchikey" \
	"$(q "SELECT string_agg(t::regtype::text, ' ' ORDER BY t::regtype::text) FROM unnest(ARRAY[to_regtype('chem.casrn'), to_regtype('chem.cncode'), to_regtype('chem.ecnumber'), to_regtype('chem.inchikey')]) t")"
expect "nothing of the type layer in public" 0 \
	"$(q "SELECT (SELECT count(*) FROM pg_type WHERE typnamespace = 'public'::regnamespace) + (SELECT count(*) FROM pg_operator WHERE oprnamespace = 'public'::regnamespace) + (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace)")"
expect "tables in precursor" 1 "$(q "SELECT count(*) FROM pg_class WHERE oid = 'precursor.substance'::regclass")"
q "SET search_path = public, chem;
   CREATE TABLE public.decl (cas casrn, cn cncode);
   INSERT INTO public.decl VALUES ('103-79-7', '2914 31 00'), ('64-17-5', '2207 10 00')"
expect "operators with chem on search_path" "1 1 2" \
	"$(q "SET search_path = public, chem; SELECT (SELECT count(*) FROM decl WHERE cas = '103-79-7') || ' ' || (SELECT count(*) FROM decl WHERE cn <@ '29') || ' ' || (SELECT count(*) FROM decl WHERE cas IN ('103-79-7', '64-17-5'))")"
expect "the extension's own functions work without chem on search_path" 3 \
	"$(q "SET search_path = public; SELECT count(*) FROM precursor.substance_profile('103-79-7')")"
expect "screening finds a substance whatever the search_path" t \
	"$(q "SET search_path = pg_catalog; SELECT count(*) > 0 FROM precursor.screen('Phenylacetone, 5 kg')")"

# 2. a hostile schema first on search_path: its = on casrn never runs
q "CREATE SCHEMA hostile;
   CREATE FUNCTION hostile.eq(chem.casrn, chem.casrn) RETURNS boolean
     LANGUAGE plpgsql AS \$\$BEGIN RAISE EXCEPTION 'captured'; END\$\$;
   CREATE OPERATOR hostile.= (LEFTARG = chem.casrn, RIGHTARG = chem.casrn, FUNCTION = hostile.eq)"
expect "a hostile = is not used by the extension's functions" 3 \
	"$(q "SET search_path = hostile, chem, public; SELECT count(*) FROM precursor.substance_profile('103-79-7')")"
out=$(psql -qXAt -d "$db" -v ON_ERROR_STOP=1 -c "SET search_path = hostile, chem, public;
   INSERT INTO precursor.watchlist (code, name, regime) VALUES ('MINE', 'Mine', 'internal');
   INSERT INTO precursor.substance (watchlist_id, name, category, casrn, excluded_casrn, source_url, source_act)
   SELECT watchlist_id, 'x', 'c', '103-79-7', ARRAY['50-00-0']::chem.casrn[], 'https://example.org', 'internal'
     FROM precursor.watchlist WHERE code = 'MINE'" 2>&1) \
	&& pass "the CHECK constraint on casrn uses the extension's = (no capture)" \
	|| bad "insert under a hostile search_path failed: $out"

# 3. everything in schema precursor
dropdb "$db"; createdb "$db"
q "CREATE SCHEMA precursor; CREATE EXTENSION precursor SCHEMA precursor"
expect "SCHEMA precursor: types with the tables" "precursor.casrn" "$(q "SELECT to_regtype('precursor.casrn')")"
expect "SCHEMA precursor: operators work with precursor on search_path" 3 \
	"$(q "SET search_path = public, precursor; SELECT count(*) FROM precursor.substance WHERE casrn = '103-79-7'")"

# 4. a schema precursor that is not the extension's is refused, with a hint
dropdb "$db"; createdb "$db"
q "CREATE SCHEMA precursor"
out=$(psql -qXAt -d "$db" -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -c "CREATE EXTENSION precursor" 2>&1) \
	&& bad "CREATE EXTENSION next to an existing schema precursor succeeded" \
	|| { grep -q 'schema "precursor" already exists' <<<"$out" && grep -q 'HINT: .*SCHEMA precursor' <<<"$out" \
		&& pass "an existing schema precursor is refused with a hint" \
		|| bad "unexpected error: $out"; }

exit $fail
