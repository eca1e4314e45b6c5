#!/usr/bin/env bash
# watchlist_dump_restore: user watchlists survive pg_dump and restore into a
# fresh database exactly once, the shipped rows are not duplicated, and the
# sequences continue past the restored ids.  Runs inside the throwaway
# cluster (PG* set); exit 0 = pass.
set -euo pipefail

src=regress_wl_dump_src_$$
dst=regress_wl_dump_dst_$$
dst2=regress_wl_dump_sql_$$
role=regress_wl_dump_mgr
work=$(mktemp -d)
cleanup() {
	for db in "$src" "$dst" "$dst2"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
	psql -qX -d postgres -c "DROP ROLE IF EXISTS $role" >/dev/null 2>&1 || true
	rm -rf "$work"
}
trap cleanup EXIT

q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
fail() { echo "FAIL: $*" >&2; exit 1; }
expect() {	# expect <db> <label> <expected> <sql>
	local got
	got=$(q "$1" "$4")
	[ "$got" = "$3" ] || fail "$2 in $1: expected '$3', got '$got'"
	echo "ok: $2 ($1) = $got"
}

createdb "$src"
q "$src" "CREATE EXTENSION precursor"
psql -qX -d postgres -c "SET client_min_messages = warning" -c "DROP ROLE IF EXISTS $role" -c "CREATE ROLE $role" \
	-c "GRANT precursor_manager TO $role" >/dev/null

# A manager adds a national list with substances, CN codes and synonyms
# (ids from the sequences), plus a synonym of a shipped substance.
psql -qX -v ON_ERROR_STOP=1 -d "$src" <<SQL
SET ROLE $role;
INSERT INTO precursor.watchlist (code, name, regime, source_url)
VALUES ('XX-national', 'National list of chemicals under watch', 'national', 'https://example.org/national');
INSERT INTO precursor.substance (watchlist_id, name, category, casrn, source_url, source_act)
SELECT watchlist_id, v.name, v.category, v.casrn::casrn, 'https://example.org/national', 'National decree 1/2025'
  FROM precursor.watchlist, (VALUES ('Gamma-butyrolactone', 'A', '96-48-0'),
                                    ('Glycidic ester X (no CAS)', 'B', NULL)) AS v(name, category, casrn)
 WHERE code = 'XX-national';
INSERT INTO precursor.substance_cn (substance_id, cn_code, ex)
SELECT substance_id, '2932 20 90', true FROM precursor.substance WHERE name = 'Gamma-butyrolactone';
INSERT INTO precursor.substance_cn (substance_id, cn_code, ex)
SELECT substance_id, '2918 99 90', true FROM precursor.substance WHERE name = 'Glycidic ester X (no CAS)';
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT substance_id, 'GBL', 'en', 'abbreviation' FROM precursor.substance WHERE name = 'Gamma-butyrolactone';
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT substance_id, 'gamma-Butyrolacton', 'de', 'translation' FROM precursor.substance WHERE name = 'Gamma-butyrolactone';
INSERT INTO precursor.synonym (substance_id, name, lang, kind) VALUES (1, 'fenyloaceton techniczny', 'pl', 'translation');
SQL

counts="SELECT (SELECT count(*) FROM precursor.watchlist) || ' ' || (SELECT count(*) FROM precursor.substance)
        || ' ' || (SELECT count(*) FROM precursor.substance_cn) || ' ' || (SELECT count(*) FROM precursor.synonym)"
user_counts="SELECT (SELECT count(*) FROM precursor.watchlist WHERE NOT builtin) || ' ' || (SELECT count(*) FROM precursor.substance WHERE NOT builtin)
        || ' ' || (SELECT count(*) FROM precursor.substance_cn WHERE NOT builtin) || ' ' || (SELECT count(*) FROM precursor.synonym WHERE NOT builtin)"
src_counts=$(q "$src" "$counts")
expect "$src" "user rows" "1 2 2 3" "$user_counts"
src_audit=$(q "$src" "SELECT count(*) FROM precursor.watchlist_audit WHERE acting_role = '$role'")
[ "$src_audit" -eq 8 ] || fail "expected 8 audit rows in $src, got $src_audit"
snapshot="SELECT string_agg(format('%s|%s|%s|%s', w.code, s.name, s.category, s.casrn), ',' ORDER BY w.code, s.name)
            FROM precursor.substance AS s JOIN precursor.watchlist AS w USING (watchlist_id) WHERE NOT s.builtin"
src_snapshot=$(q "$src" "$snapshot")
# the shipped rows as the installed extension has them (a data change moves them)
shipped="SELECT (SELECT count(*) FROM precursor.watchlist WHERE builtin) || ' ' || (SELECT count(*) FROM precursor.substance WHERE builtin)
         || ' ' || (SELECT count(*) FROM precursor.substance_cn WHERE builtin) || ' ' || (SELECT count(*) FROM precursor.synonym WHERE builtin)"
src_shipped=$(q "$src" "$shipped")

# Custom-format dump and pg_restore, and a plain SQL dump through psql.
pg_dump -Fc -f "$work/wl.dump" "$src"
pg_dump -Fp -f "$work/wl.sql" "$src"
createdb "$dst"
pg_restore --exit-on-error -d "$dst" "$work/wl.dump"
createdb "$dst2"
psql -qX -v ON_ERROR_STOP=1 -d "$dst2" -f "$work/wl.sql" >/dev/null

for db in "$dst" "$dst2"; do
	expect "$db" "all rows, shipped not duplicated" "$src_counts" "$counts"
	expect "$db" "user rows exactly once" "1 2 2 3" "$user_counts"
	expect "$db" "user substances" "$src_snapshot" "$snapshot"
	expect "$db" "shipped rows" "$src_shipped" "$shipped"
	expect "$db" "synonym of a shipped substance" "1" \
		"SELECT count(*) FROM precursor.synonym WHERE substance_id = 1 AND name = 'fenyloaceton techniczny' AND NOT builtin"
	expect "$db" "audit history restored" "$src_audit" \
		"SELECT count(*) FROM precursor.watchlist_audit WHERE acting_role = '$role'"
	# the sequences continue past the restored ids: a manager can add more
	psql -qX -v ON_ERROR_STOP=1 -d "$db" >/dev/null <<SQL
SET ROLE $role;
INSERT INTO precursor.watchlist (code, name, regime) VALUES ('XX-second', 'Second list', 'national');
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act)
SELECT watchlist_id, 'Another chemical', 'A', 'https://example.org', 'x' FROM precursor.watchlist WHERE code = 'XX-second';
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT substance_id, 'AC', 'en', 'abbreviation' FROM precursor.substance WHERE name = 'Another chemical';
SQL
	expect "$db" "new ids above the restored ones" "true true true" \
		"SELECT ((SELECT watchlist_id FROM precursor.watchlist WHERE code = 'XX-second') > (SELECT watchlist_id FROM precursor.watchlist WHERE code = 'XX-national'))
		 || ' ' || ((SELECT substance_id FROM precursor.substance WHERE name = 'Another chemical') > ALL (SELECT substance_id FROM precursor.substance WHERE name <> 'Another chemical'))
		 || ' ' || ((SELECT max(synonym_id) FROM precursor.synonym WHERE name = 'AC') > ALL (SELECT synonym_id FROM precursor.synonym WHERE name <> 'AC'))"
	# shipped rows are still read-only after the restore
	if q "$db" "UPDATE precursor.substance SET category = '2' WHERE substance_id = 1" 2>/dev/null; then
		fail "a shipped row could be updated in $db"
	fi
	echo "ok: shipped rows read-only ($db)"
done

# A second dump of the restored database restores again (round trip is stable).
pg_dump -Fc -f "$work/wl2.dump" "$dst"
dropdb "$dst2"; createdb "$dst2"
pg_restore --exit-on-error -d "$dst2" "$work/wl2.dump"
expect "$dst2" "second round trip" "$(q "$dst" "$counts")" "$counts"
echo "watchlist_dump_restore: all checks passed"
