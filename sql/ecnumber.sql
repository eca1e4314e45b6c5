--
-- ecnumber: EC numbers (EINECS, ELINCS, NLP)
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- the types and operators are in public (the extension schema); the functions in precursor
SET search_path = public, precursor;

-- Valid spellings and their canonical output.
SELECT input, precursor.is_ecnumber(input) AS valid, input::ecnumber AS canonical
FROM (VALUES ('200-001-8'), ('  200-001-8  '), (E'\t200-001-8\n'), ('2000018'),
             ('200-578-6'), ('231-791-2'), ('200-659-6'), ('405-020-7'),
             ('200-060-1'), ('200-060-?'), ('000-000-0'), ('999-999-2')) AS v(input);

-- Invalid inputs, tabulated without raising.
SELECT input, precursor.is_ecnumber(input) AS valid
FROM (VALUES (''), ('200-001-9'), ('2000019'), ('200-060-0'), ('20-001-8'),
             ('2000-001-8'), ('200-01-8'), ('200-001-'), ('200-001-88'),
             ('200-0018'), ('200001'), ('20000188'), ('200-001-8-'),
             ('200 001 8'), ('200–001–8'), ('200-001-?8'), ('EC 200-001-8')) AS v(input);
SELECT precursor.is_ecnumber(NULL) AS null_is_null;

-- The same inputs raise 22P02 and say exactly what is wrong.
SELECT ''::ecnumber;
SELECT '200-001-9'::ecnumber;
SELECT '200-060-0'::ecnumber;
SELECT '20-001-8'::ecnumber;
SELECT '200-01-8'::ecnumber;
SELECT '200-001-'::ecnumber;
SELECT '200-001-88'::ecnumber;
SELECT '200-0018'::ecnumber;
SELECT '200001'::ecnumber;
SELECT '200-001-8-'::ecnumber;
SELECT '200 001 8'::ecnumber;
SELECT '200–001–8'::ecnumber;
SELECT 'EC 200-001-8'::ecnumber;
DO $$
BEGIN
    PERFORM '200-001-9'::ecnumber;
EXCEPTION WHEN invalid_text_representation THEN
    RAISE NOTICE 'caught %: %', SQLSTATE, SQLERRM;
END;
$$;

-- Boundaries.
SELECT '000-000-?'::ecnumber AS smallest, '999-999-?'::ecnumber AS largest,
       '000-000-0'::ecnumber::integer AS smallest_value,
       '999-999-2'::ecnumber::integer AS largest_value;

-- Output is always accepted back by input, with its leading zeros.
SELECT e, e::text::ecnumber = e AS round_trip
FROM (VALUES ('000-006-3'::ecnumber), ('200-001-8'), ('999-999-2')) AS v(e);

-- Ordering.
SELECT e FROM (VALUES ('405-020-7'::ecnumber), ('231-791-2'), ('200-578-6'), ('200-001-8')) AS v(e)
ORDER BY e;
SELECT '200-001-8'::ecnumber < '200-578-6' AS lt, '200-578-6'::ecnumber <= '200-578-6' AS le,
       '405-020-7'::ecnumber > '231-791-2' AS gt, '200-001-8'::ecnumber >= '231-791-2' AS ge,
       '2000018'::ecnumber = '200-001-8' AS eq, '200-001-8'::ecnumber <> '200-578-6' AS ne;
SELECT ecnumber_cmp('200-001-8', '200-578-6') AS cmp_lt,
       ecnumber_cmp('200-001-8', '200-001-8') AS cmp_eq,
       ecnumber_cmp('405-020-7', '200-001-8') AS cmp_gt;

-- Casts.
SELECT 2000018::ecnumber AS from_int4, '200-001-8'::ecnumber::integer AS to_int4,
       '200-001-8'::ecnumber::text AS to_text, pg_typeof('200-001-8'::text::ecnumber) AS from_text;
SELECT 2000019::ecnumber;
SELECT 10000000::ecnumber;
SELECT (-1)::ecnumber;
SELECT castsource::regtype, casttarget::regtype, castcontext, castmethod
FROM pg_cast WHERE castsource = 'ecnumber'::regtype OR casttarget = 'ecnumber'::regtype
ORDER BY 1::text, 2::text;

-- The check digit helper (remainder 10 gives 1).
SELECT precursor.ecnumber_check_digit(200001) AS d200_001, precursor.ecnumber_check_digit(200060) AS d200_060,
       precursor.ecnumber_check_digit(0) AS d000_000;
SELECT precursor.ecnumber_check_digit(1000000);

-- Binary: send gives the big-endian int4; COPY BINARY round trip through a file.
SELECT ecnumber_send('200-001-8') AS send, int4send(2000018) AS int4send;
CREATE TABLE ecnumber_bin (e ecnumber);
INSERT INTO ecnumber_bin VALUES ('000-000-0'), ('200-001-8'), ('999-999-2');
\copy ecnumber_bin TO 'results/ecnumber.bin' WITH (FORMAT binary)
CREATE TABLE ecnumber_bin2 (e ecnumber);
\copy ecnumber_bin2 FROM 'results/ecnumber.bin' WITH (FORMAT binary)
SELECT e FROM ecnumber_bin2 ORDER BY e;
SELECT (SELECT array_agg(e ORDER BY e) FROM ecnumber_bin) = (SELECT array_agg(e ORDER BY e) FROM ecnumber_bin2) AS binary_round_trip;
-- Receive validates: an int4 with a wrong check digit is refused.
CREATE TABLE ecnumber_bin_bad (e integer);
INSERT INTO ecnumber_bin_bad VALUES (2000019);
\copy ecnumber_bin_bad TO 'results/ecnumber_bad.bin' WITH (FORMAT binary)
\copy ecnumber_bin2 FROM 'results/ecnumber_bad.bin' WITH (FORMAT binary)
SELECT count(*) FROM ecnumber_bin2;
DROP TABLE ecnumber_bin, ecnumber_bin2, ecnumber_bin_bad;

-- Index use.
CREATE TABLE ecnumber_idx (e ecnumber NOT NULL, note text);
INSERT INTO ecnumber_idx
SELECT (b * 10 + precursor.ecnumber_check_digit(b))::ecnumber, 'n' || b
FROM pg_catalog.generate_series(200000, 219999) AS b;
CREATE INDEX ecnumber_idx_btree ON ecnumber_idx (e);
ANALYZE ecnumber_idx;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM ecnumber_idx WHERE e = '200-578-6';
SELECT * FROM ecnumber_idx WHERE e = '200-578-6';
EXPLAIN (COSTS OFF) SELECT e FROM ecnumber_idx WHERE e BETWEEN '200-001-8' AND '200-005-1' ORDER BY e;
SELECT e FROM ecnumber_idx WHERE e BETWEEN '200-001-8' AND '200-005-1' ORDER BY e;
SELECT count(*) FROM ecnumber_idx WHERE e > '209-999-?';
RESET enable_seqscan;
SELECT oprname, oprrest, oprjoin FROM pg_operator
WHERE oprleft = 'ecnumber'::regtype ORDER BY oprname;

-- Hash index and hash join.
CREATE INDEX ecnumber_idx_hash ON ecnumber_idx USING hash (e);
DROP INDEX ecnumber_idx_btree;
SET enable_seqscan = off;
SET enable_bitmapscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM ecnumber_idx WHERE e = '200-578-6';
SELECT * FROM ecnumber_idx WHERE e = '200-578-6';
RESET enable_seqscan;
RESET enable_bitmapscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
CREATE TABLE ecnumber_probe (e ecnumber);
INSERT INTO ecnumber_probe VALUES ('200-001-8'), ('200-578-6'), ('405-020-7');
EXPLAIN (COSTS OFF) SELECT p.e, i.note FROM ecnumber_probe p JOIN ecnumber_idx i ON i.e = p.e;
SELECT p.e, i.note FROM ecnumber_probe p JOIN ecnumber_idx i ON i.e = p.e ORDER BY p.e;
RESET enable_mergejoin;
RESET enable_nestloop;
SELECT ecnumber_hash('200-001-8') = hashint4(2000018) AS hash_like_int4,
       ecnumber_hash_extended('200-001-8', 42) = hashint4extended(2000018, 42) AS ext_like_int4,
       ecnumber_hash_extended('200-001-8', 0) <> ecnumber_hash_extended('200-001-8', 1) AS seed_matters;
DROP TABLE ecnumber_idx, ecnumber_probe;

-- Every operator class validates.
SELECT opc.opcname, am.amname, amvalidate(opc.oid)
FROM pg_opclass opc JOIN pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcintype = 'ecnumber'::regtype ORDER BY am.amname;

-- Hash partitioning by ecnumber.
CREATE TABLE ecnumber_part (e ecnumber PRIMARY KEY) PARTITION BY HASH (e);
CREATE TABLE ecnumber_part_0 PARTITION OF ecnumber_part FOR VALUES WITH (MODULUS 2, REMAINDER 0);
CREATE TABLE ecnumber_part_1 PARTITION OF ecnumber_part FOR VALUES WITH (MODULUS 2, REMAINDER 1);
INSERT INTO ecnumber_part
SELECT (b * 10 + precursor.ecnumber_check_digit(b))::ecnumber FROM pg_catalog.generate_series(200000, 200999) AS b;
SELECT tableoid::regclass AS partition, count(*) > 0 AS used FROM ecnumber_part GROUP BY 1 ORDER BY 1;
EXPLAIN (COSTS OFF) SELECT * FROM ecnumber_part WHERE e = '200-578-6';
SELECT tableoid::regclass AS partition, e FROM ecnumber_part WHERE e = '200-578-6';
DROP TABLE ecnumber_part;
RESET search_path;
