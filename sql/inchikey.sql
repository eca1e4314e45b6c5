-- inchikey: structure validation, packing order, skeleton matching and index use
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- the operators live in schema precursor, like the types
SET search_path = public, precursor;

-- accepted spellings
SELECT s AS input, s::inchikey AS key
FROM (VALUES ('LFQSCWFLJHTTHZ-UHFFFAOYSA-N'),
             (E'  InChIKey=LFQSCWFLJHTTHZ-UHFFFAOYSA-N\n'),
             ('inchikey=LFQSCWFLJHTTHZ-UHFFFAOYSA-N'),
             ('AAAAAAAAAAAAAA-AAAAAAAANA-A'),
             ('ZZZZZZZZZZZZZZ-ZZZZZZZZSA-Z'),
             ('LFQSCWFLJHTTEZ-UHFFFAOYNA-O')) AS v(s);

-- output is accepted back by input
SELECT count(*) AS not_round_tripping
FROM (VALUES ('LFQSCWFLJHTTHZ-UHFFFAOYSA-N'), ('KWGRBVOPPLSCSI-WPRPVWTQSA-N')) AS v(s)
WHERE s::inchikey::text <> s
   OR s::inchikey::text::inchikey <> s::inchikey;

-- rejected values, with exact errors
\set VERBOSITY default
SELECT ''::inchikey;
SELECT 'LFQSCWFLJHTTHZ-UHFFFAOYSA'::inchikey;
SELECT 'lfqscwfljhtthz-uhfffaoysa-n'::inchikey;
SELECT 'LFQSCWFLJHTTH1-UHFFFAOYSA-N'::inchikey;
SELECT 'LFQSCWFLJHTTHZU-HFFFAOYSA-N'::inchikey;
SELECT 'LFQSCWFLJHTTHZ-UHFFFAOYXA-N'::inchikey;
SELECT 'LFQSCWFLJHTTHZ-UHFFFAOYSB-N'::inchikey;
SELECT 'LFQSCWFLJHTTHZ-UHFFFAOYSA+N'::inchikey;
SELECT 'LFQECWFLJHTTHZ-UHFFFAOYSA-N'::inchikey;
SELECT 'InChIKey=LFQSCWFLJHTTHZ-UHFFFAOYSA-N-X'::inchikey;
\set VERBOSITY terse

-- is_inchikey never raises
SELECT s, precursor.is_inchikey(s)
FROM (VALUES ('LFQSCWFLJHTTHZ-UHFFFAOYSA-N'), ('LFQSCWFLJHTTHZ-UHFFFAOYSA-n'), (''),
             ('InChI=1S/C2H6O/c1-2-3/h3H,2H2,1H3'), (NULL)) AS v(s);

-- ordering equals text ordering (C collation); the skeleton comes first
SELECT k FROM (VALUES ('LFQSCWFLJHTTHZ-UHFFFAOYSA-N'), ('LFQSCWFLJHTTHZ-UHFFFAOYSA-M'),
                      ('LFQSCWFLJHTTHZ-UHFFFAOYNA-N'), ('LFQSCWFLJHTTIA-AAAAAAAANA-A'),
                      ('AAAAAAAAAAAAAA-ZZZZZZZZSA-Z'), ('ZZZZZZZZZZZZZZ-AAAAAAAANA-A'))
     AS v(s), LATERAL (SELECT s::inchikey AS k) x
ORDER BY k;
SELECT 'AAAAAAAAAAAAAA-AAAAAAAANA-A'::inchikey < 'AAAAAAAAAAAAAA-AAAAAAAANA-B' AS lt,
       'AAAAAAAAAAAAAA-AAAAAAAANA-A'::inchikey <= 'AAAAAAAAAAAAAA-AAAAAAAANA-A' AS le,
       'BAAAAAAAAAAAAA-AAAAAAAANA-A'::inchikey > 'AZZZZZZZZZZZZZ-ZZZZZZZZSA-Z' AS gt,
       'AAAAAAAAAAAAAA-AAAAAAAASA-A'::inchikey >= 'AAAAAAAAAAAAAA-AAAAAAAANA-Z' AS ge,
       'InChIKey=AAAAAAAAAAAAAA-AAAAAAAANA-A'::inchikey = 'AAAAAAAAAAAAAA-AAAAAAAANA-A' AS eq,
       'AAAAAAAAAAAAAA-AAAAAAAANA-A'::inchikey <> 'AAAAAAAAAAAAAA-AAAAAAAASA-A' AS ne;

-- skeleton: (1R,2S)- and (1S,2S)-ephedrine share one
SELECT precursor.inchikey_skeleton('KWGRBVOPPLSCSI-WPRPVWTQSA-N'),
       'KWGRBVOPPLSCSI-WPRPVWTQSA-N'::inchikey ~= 'KWGRBVOPPLSCSI-RKDXNWHRSA-N' AS same,
       same_skeleton('KWGRBVOPPLSCSI-WPRPVWTQSA-N', 'KWGRBVOPPLSCSJ-WPRPVWTQSA-N') AS differs,
       inchikey_skeleton_min('KWGRBVOPPLSCSI-WPRPVWTQSA-N'),
       inchikey_skeleton_max('KWGRBVOPPLSCSI-WPRPVWTQSA-N');

-- binary round trip through send/recv (COPY BINARY)
CREATE TABLE inchikey_bin (k inchikey);
INSERT INTO inchikey_bin VALUES ('LFQSCWFLJHTTHZ-UHFFFAOYSA-N'), ('AAAAAAAAAAAAAA-AAAAAAAANA-A'),
                                ('ZZZZZZZZZZZZZZ-ZZZZZZZZSA-Z'), ('KWGRBVOPPLSCSI-WPRPVWTQSA-N');
\copy inchikey_bin TO 'results/inchikey_bin.data' WITH (FORMAT binary)
CREATE TABLE inchikey_bin2 (k inchikey);
\copy inchikey_bin2 FROM 'results/inchikey_bin.data' WITH (FORMAT binary)
SELECT (SELECT array_agg(k ORDER BY k) FROM inchikey_bin) = (SELECT array_agg(k ORDER BY k) FROM inchikey_bin2) AS binary_round_trip;
-- receive validates: the binary form is 16 bytes, like uuid's, so feed it uuids
CREATE TABLE inchikey_raw (u uuid);
INSERT INTO inchikey_raw
SELECT encode(inchikey_send('LFQSCWFLJHTTHZ-UHFFFAOYSA-N'), 'hex')::uuid;
\copy inchikey_raw TO 'results/inchikey_raw.data' WITH (FORMAT binary)
TRUNCATE inchikey_bin2;
\copy inchikey_bin2 FROM 'results/inchikey_raw.data' WITH (FORMAT binary)
SELECT k FROM inchikey_bin2;
TRUNCATE inchikey_raw;
INSERT INTO inchikey_raw VALUES ('00000000-0000-0000-0000-000000000000');  -- flag "A"
\copy inchikey_raw TO 'results/inchikey_raw.data' WITH (FORMAT binary)
\copy inchikey_bin2 FROM 'results/inchikey_raw.data' WITH (FORMAT binary)
TRUNCATE inchikey_raw;
INSERT INTO inchikey_raw VALUES ('ffffffff-ffff-ffff-ffff-ffffffffffff');  -- letters beyond Z
\copy inchikey_raw TO 'results/inchikey_raw.data' WITH (FORMAT binary)
\copy inchikey_bin2 FROM 'results/inchikey_raw.data' WITH (FORMAT binary)
DROP TABLE inchikey_bin, inchikey_bin2, inchikey_raw;

-- every operator class validates
SELECT opc.opcname, am.amname, pg_catalog.amvalidate(opc.oid)
FROM pg_catalog.pg_opclass opc JOIN pg_catalog.pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcintype = 'inchikey'::pg_catalog.regtype
ORDER BY 1;

-- index use: 10000 synthetic keys, three stereoisomers per skeleton
CREATE TABLE inchikey_big (id int, k inchikey);
INSERT INTO inchikey_big
SELECT i, (substr(translate(upper(md5((i / 3)::text)), '0123456789E', 'QRSTUVWXYZG'), 1, 14) || '-' ||
           substr(translate(upper(md5(i::text)), '0123456789E', 'QRSTUVWXYZG'), 1, 8) || 'SA-N')::inchikey
FROM generate_series(0, 9999) AS i;
CREATE INDEX inchikey_big_k ON inchikey_big (k);
ANALYZE inchikey_big;
SELECT k AS probe FROM inchikey_big WHERE id = 4242 \gset
EXPLAIN (COSTS OFF) SELECT id FROM inchikey_big WHERE k ~= 'KWGRBVOPPLSCSI-WPRPVWTQSA-N';
EXPLAIN (COSTS OFF) SELECT id FROM inchikey_big WHERE 'KWGRBVOPPLSCSI-WPRPVWTQSA-N' ~= k;
EXPLAIN (COSTS OFF) SELECT id FROM inchikey_big WHERE k = 'KWGRBVOPPLSCSI-WPRPVWTQSA-N';
EXPLAIN (COSTS OFF) SELECT id FROM inchikey_big WHERE k ~= :'probe';
SELECT array_agg(id ORDER BY id) AS by_index FROM inchikey_big WHERE k ~= :'probe';
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SET enable_indexonlyscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM inchikey_big WHERE k ~= :'probe';
SELECT array_agg(id ORDER BY id) AS by_seqscan FROM inchikey_big WHERE k ~= :'probe';
RESET enable_indexscan;
RESET enable_bitmapscan;
RESET enable_indexonlyscan;
-- the operator agrees with comparing the skeleton text
SELECT count(*) AS mismatches
FROM inchikey_big a CROSS JOIN pg_catalog.generate_series(-5, 5) AS d JOIN inchikey_big b ON b.id = a.id + d
WHERE (a.k ~= b.k) <> (precursor.inchikey_skeleton(a.k) = precursor.inchikey_skeleton(b.k));
DROP TABLE inchikey_big;

-- hash partitioning and hash joins on the type
CREATE TABLE inchikey_part (k inchikey) PARTITION BY HASH (k);
CREATE TABLE inchikey_part_0 PARTITION OF inchikey_part FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE inchikey_part_1 PARTITION OF inchikey_part FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO inchikey_part
SELECT (substr(translate(upper(md5(i::text)), '0123456789E', 'QRSTUVWXYZG'), 1, 14) || '-UHFFFAOYSA-N')::inchikey
FROM generate_series(1, 1000) AS i;
SELECT count(*) AS total, count(DISTINCT tableoid) AS partitions_used FROM inchikey_part;
EXPLAIN (COSTS OFF) SELECT * FROM inchikey_part WHERE k = 'LFQSCWFLJHTTHZ-UHFFFAOYSA-N';
SET enable_mergejoin = off;
SET enable_nestloop = off;
SELECT count(*) AS hash_join FROM inchikey_part a JOIN inchikey_part b ON a.k = b.k;
RESET enable_mergejoin;
RESET enable_nestloop;
DROP TABLE inchikey_part;

-- casts
SELECT 'LFQSCWFLJHTTHZ-UHFFFAOYSA-N'::text::inchikey,
       pg_catalog.length(('LFQSCWFLJHTTHZ-UHFFFAOYSA-N'::inchikey)::text);
SELECT 'LFQSCWFLJHTTHZ'::text::inchikey;
RESET search_path;
