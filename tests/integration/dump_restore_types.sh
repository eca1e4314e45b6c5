#!/usr/bin/env bash
# dump_restore_types: a database using all four identifier types (casrn,
# ecnumber, cncode, inchikey) in plain, array, indexed and hash-partitioned
# columns survives pg_dump -Fc and pg_restore into a fresh database with
# equal data.  Runs inside the throwaway cluster (PG* set); exit 0 = pass.
set -euo pipefail
cd "$(dirname "$0")/../.."

src=regress_types_dump_src_$$
dst=regress_types_dump_dst_$$
work=$(mktemp -d)
chmod 755 "$work"
cleanup() {
	for db in "$src" "$dst"; do dropdb --if-exists "$db" >/dev/null 2>&1 || true; done
	rm -rf "$work"
}
trap cleanup EXIT

q() { psql -qXAt -v ON_ERROR_STOP=1 -d "$1" -c "$2"; }
fail() { echo "FAIL: $*" >&2; exit 1; }

createdb "$src"
q "$src" "CREATE EXTENSION precursor"
for t in casrn ecnumber cncode inchikey; do
	[ -n "$(q "$src" "SELECT pg_catalog.to_regtype('public.$t')")" ] || fail "type public.$t is missing"
done

# the real chemicals of the fixture: CAS numbers and InChIKeys
cp tests/fixtures/chemical-identifiers.tsv "$work/fixture.tsv"
chmod 644 "$work/fixture.tsv"
psql -qX -v ON_ERROR_STOP=1 -d "$src" <<SQL
CREATE TABLE lines (line text);
\copy lines FROM '$work/fixture.tsv' WITH (FORMAT text, DELIMITER E'\x01')
CREATE TABLE ids (
	id		int PRIMARY KEY,
	cas		casrn,
	ec		ecnumber,
	cn		cncode,
	ik		inchikey,
	cns		cncode[]
);
INSERT INTO ids
SELECT n,
	   CASE WHEN precursor.is_casrn(pg_catalog.split_part(line, E'\t', 2))
			THEN pg_catalog.split_part(line, E'\t', 2)::casrn END,
	   (ARRAY['200-578-6', '231-791-2', '200-662-2', '200-753-7', NULL])[1 + n % 5]::ecnumber,
	   pg_catalog.substr(pg_catalog.lpad((1 + n % 97)::text, 2, '0') || pg_catalog.lpad((n * 7919 % 100000000)::text, 8, '0'),
						 1, 2 * (1 + n % 5))::cncode,
	   NULLIF(pg_catalog.split_part(line, E'\t', 7), '')::inchikey,
	   ARRAY['2939', '2914 31 00', '2939 41 00 10']::cncode[]
FROM (SELECT line, pg_catalog.row_number() OVER ()::int AS n FROM lines) l;
DROP TABLE lines;
CREATE INDEX ON ids (cn);
CREATE INDEX ON ids USING hash (ik);
CREATE INDEX ON ids (cas);
CREATE TABLE parts (cn cncode, ik inchikey) PARTITION BY HASH (cn);
CREATE TABLE parts_0 PARTITION OF parts FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE parts_1 PARTITION OF parts FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO parts SELECT cn, ik FROM ids;
SQL

# every column holds data, so a type that dumps as NULL cannot pass
counts=$(q "$src" "SELECT count(*) || ' ' || count(cas) || ' ' || count(ec) || ' ' || count(cn) || ' ' || count(ik) FROM ids")
echo "source rows/cas/ec/cn/ik: $counts"
read -r n ncas nec ncn nik <<<"$counts"
[ "$n" -eq 2326 ] && [ "$ncas" -gt 2000 ] && [ "$nec" -gt 1000 ] && [ "$ncn" -eq 2326 ] && [ "$nik" -eq 2325 ] \
	|| fail "unexpected source counts: $counts"

pg_dump -Fc -f "$work/types.dump" "$src"
createdb "$dst"
pg_restore --exit-on-error -d "$dst" "$work/types.dump"

digest() {
	q "$1" "SELECT pg_catalog.md5(pg_catalog.string_agg(t::text, ',' ORDER BY t.id)) FROM ids t" 
	q "$1" "SELECT pg_catalog.md5(pg_catalog.string_agg(p.tableoid::regclass::text || p::text, ',' ORDER BY p.cn, p.ik)) FROM parts p"
	# the operators and the restored indexes still answer the same
	q "$1" "SET search_path = public, precursor; SET enable_seqscan = off;
			SELECT count(*) FILTER (WHERE cn <@ '29') FROM ids"
	q "$1" "SELECT count(*) FROM ids a JOIN ids b ON a.ik OPERATOR(public.~=) b.ik"
}
a=$(digest "$src")
b=$(digest "$dst")
echo "source:   $(tr '\n' ' ' <<<"$a")"
echo "restored: $(tr '\n' ' ' <<<"$b")"
[ "$a" = "$b" ] || fail "restored data differs from the source"
echo "ok: dump and restore of casrn, ecnumber, cncode and inchikey give equal data"
