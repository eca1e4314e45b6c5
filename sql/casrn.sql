--
-- casrn: CAS Registry Numbers
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- the types and operators are in public (the extension schema); the functions in precursor
SET search_path = public, precursor;

-- Valid spellings and their canonical output.
SELECT input, precursor.is_casrn(input) AS valid, input::casrn AS canonical
FROM (VALUES ('103-79-7'), ('  103-79-7  '), (E'\t103-79-7\n'), ('103797'),
             ('50-00-0'), ('64-17-5'), ('7732-18-5'), ('7440-44-0'),
             ('103-79-?'), ('10379?'), ('10-00-4'), ('9999999-99-5'),
             ('9999999995')) AS v(input);

-- Invalid inputs, tabulated without raising.
SELECT input, precursor.is_casrn(input) AS valid
FROM (VALUES (''), ('   '), ('103-79-8'), ('103798'), ('013-79-7'), ('0103797'),
             ('1-00-4'), ('12345678-0-4'), ('103-7-7'), ('103-791-7'),
             ('103-79-'), ('103-79-77'), ('103-797'), ('103-79-7-1'),
             ('1037'), ('12345678901'), ('103 79 7'), ('103-79-7x'),
             ('103–79–7'), ('103-79-?1'), ('-103-79-7'), ('+103797'),
             ('??'), ('10-00-0'), ('9999999-99-9')) AS v(input);
SELECT precursor.is_casrn(NULL) AS null_is_null;

-- The same invalid inputs raise 22P02 and say exactly what is wrong.
\set VERBOSITY default
SELECT ''::casrn;
SELECT '103-79-8'::casrn;
SELECT '103798'::casrn;
SELECT '013-79-7'::casrn;
SELECT '1-00-4'::casrn;
SELECT '12345678-0-4'::casrn;
SELECT '103-791-7'::casrn;
SELECT '103-79-77'::casrn;
SELECT '103-797'::casrn;
SELECT '103-79-7-1'::casrn;
SELECT '1037'::casrn;
SELECT '12345678901'::casrn;
SELECT '103 79 7'::casrn;
SELECT '103–79–7'::casrn;
SELECT '103-79-?1'::casrn;
-- the SQLSTATE
DO $$
BEGIN
    PERFORM '103-79-8'::casrn;
EXCEPTION WHEN invalid_text_representation THEN
    RAISE NOTICE 'caught %: %', SQLSTATE, SQLERRM;
END;
$$;

-- Boundaries: the smallest and largest values.
SELECT '10-00-?'::casrn AS smallest, '9999999-99-?'::casrn AS largest,
       '10-00-4'::casrn::bigint AS smallest_value,
       '9999999-99-5'::casrn::bigint AS largest_value;

-- Output is always accepted back by input.
SELECT c, c::text::casrn = c AS round_trip
FROM (VALUES ('10-00-4'::casrn), ('103-79-7'), ('9999999-99-5')) AS v(c);

-- Ordering is numeric, not textual.
SELECT c FROM (VALUES ('7732-18-5'::casrn), ('103-79-7'), ('64-17-5'), ('50-00-0')) AS v(c)
ORDER BY c;
SELECT '50-00-0'::casrn < '64-17-5' AS lt, '64-17-5'::casrn <= '64-17-5' AS le,
       '7732-18-5'::casrn > '103-79-7' AS gt, '103-79-7'::casrn >= '7732-18-5' AS ge,
       '103797'::casrn = '103-79-7' AS eq, '103-79-7'::casrn <> '64-17-5' AS ne;
SELECT casrn_cmp('50-00-0', '64-17-5') AS cmp_lt, casrn_cmp('64-17-5', '64-17-5') AS cmp_eq,
       casrn_cmp('7732-18-5', '103-79-7') AS cmp_gt;

-- Casts.
SELECT 103797::casrn AS from_int4, 9999999995::bigint::casrn AS from_int8,
       '103-79-7'::casrn::bigint AS to_int8, '103-79-7'::casrn::text AS to_text,
       pg_typeof('103-79-7'::text::casrn) AS from_text;
SELECT 103798::casrn;
SELECT 5::bigint::casrn;
SELECT 99999999999::bigint::casrn;
SELECT (-103797)::casrn;
SELECT castsource::regtype, casttarget::regtype, castcontext, castmethod
FROM pg_cast WHERE castsource = 'casrn'::regtype OR casttarget = 'casrn'::regtype
ORDER BY 1::text, 2::text;

-- The check digit helper.
SELECT precursor.casrn_check_digit(10379) AS d103_79, precursor.casrn_check_digit(773218) AS d7732_18,
       precursor.casrn_check_digit(1000) AS smallest_body;
SELECT precursor.casrn_check_digit(999);

-- Binary: send gives the big-endian int8; COPY BINARY round trip through a file.
SELECT casrn_send('103-79-7') AS send, int8send(103797) AS int8send;
CREATE TABLE casrn_bin (c casrn);
INSERT INTO casrn_bin VALUES ('10-00-4'), ('103-79-7'), ('9999999-99-5');
\copy casrn_bin TO 'results/casrn.bin' WITH (FORMAT binary)
CREATE TABLE casrn_bin2 (c casrn);
\copy casrn_bin2 FROM 'results/casrn.bin' WITH (FORMAT binary)
SELECT c FROM casrn_bin2 ORDER BY c;
SELECT (SELECT array_agg(c ORDER BY c) FROM casrn_bin) = (SELECT array_agg(c ORDER BY c) FROM casrn_bin2) AS binary_round_trip;
-- Receive validates: an int8 with a wrong check digit, written as binary, is refused.
CREATE TABLE casrn_bin_bad (c bigint);
INSERT INTO casrn_bin_bad VALUES (103798);
\copy casrn_bin_bad TO 'results/casrn_bad.bin' WITH (FORMAT binary)
\copy casrn_bin2 FROM 'results/casrn_bad.bin' WITH (FORMAT binary)
SELECT count(*) FROM casrn_bin2;
DROP TABLE casrn_bin, casrn_bin2, casrn_bin_bad;

-- Index use.
CREATE TABLE casrn_idx (c casrn NOT NULL, note text);
INSERT INTO casrn_idx
SELECT (b * 10 + precursor.casrn_check_digit(b))::casrn, 'n' || b
FROM pg_catalog.generate_series(1000, 20999) AS b;
CREATE INDEX casrn_idx_btree ON casrn_idx (c);
ANALYZE casrn_idx;
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT * FROM casrn_idx WHERE c = '103-79-7';
SELECT * FROM casrn_idx WHERE c = '103-79-7';
EXPLAIN (COSTS OFF) SELECT c FROM casrn_idx WHERE c BETWEEN '100-00-5' AND '100-10-7' ORDER BY c;
SELECT c FROM casrn_idx WHERE c BETWEEN '100-00-5' AND '100-10-7' ORDER BY c;
EXPLAIN (COSTS OFF) SELECT c FROM casrn_idx WHERE c < '10-01-5';
SELECT count(*) FROM casrn_idx WHERE c >= '20-00-8';
RESET enable_seqscan;
-- Selectivity estimators are wired up: estimates follow the statistics
-- (1000 rows are below 20-00-8, 19000 are not, 19999 are not 103-79-7, 1 is).
SELECT oprname, oprrest, oprjoin FROM pg_operator
WHERE oprleft = 'casrn'::regtype ORDER BY oprname;
CREATE FUNCTION casrn_test_estimate(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    plan json;
BEGIN
    EXECUTE 'EXPLAIN (FORMAT JSON) ' || q INTO plan;
    RETURN (plan -> 0 -> 'Plan' ->> 'Plan Rows')::float8;
END;
$$;
SELECT casrn_test_estimate($$SELECT * FROM casrn_idx WHERE c < '20-00-8'$$) BETWEEN 800 AND 1200 AS lt_estimate,
       casrn_test_estimate($$SELECT * FROM casrn_idx WHERE c >= '20-00-8'$$) BETWEEN 18800 AND 19200 AS ge_estimate,
       casrn_test_estimate($$SELECT * FROM casrn_idx WHERE c = '103-79-7'$$) = 1 AS eq_estimate,
       casrn_test_estimate($$SELECT * FROM casrn_idx WHERE c <> '103-79-7'$$) BETWEEN 19900 AND 20000 AS ne_estimate;
DROP FUNCTION casrn_test_estimate(text);

-- Hash index and hash join.
CREATE INDEX casrn_idx_hash ON casrn_idx USING hash (c);
SET enable_seqscan = off;
SET enable_bitmapscan = off;
DROP INDEX casrn_idx_btree;
EXPLAIN (COSTS OFF) SELECT * FROM casrn_idx WHERE c = '103-79-7';
SELECT * FROM casrn_idx WHERE c = '103-79-7';
RESET enable_seqscan;
RESET enable_bitmapscan;
SET enable_mergejoin = off;
SET enable_nestloop = off;
CREATE TABLE casrn_probe (c casrn);
INSERT INTO casrn_probe VALUES ('103-79-7'), ('64-17-5'), ('50-00-0'), ('7732-18-5');
EXPLAIN (COSTS OFF) SELECT p.c, i.note FROM casrn_probe p JOIN casrn_idx i ON i.c = p.c;
SELECT p.c, i.note FROM casrn_probe p JOIN casrn_idx i ON i.c = p.c ORDER BY p.c;
RESET enable_mergejoin;
RESET enable_nestloop;
-- hash is hashint8 of the value
SELECT casrn_hash('103-79-7') = hashint8(103797) AS hash_like_int8,
       casrn_hash_extended('103-79-7', 42) = hashint8extended(103797, 42) AS ext_like_int8,
       casrn_hash_extended('103-79-7', 0) <> casrn_hash_extended('103-79-7', 1) AS seed_matters;
DROP TABLE casrn_idx, casrn_probe;

-- Every operator class validates.
SELECT opc.opcname, am.amname, amvalidate(opc.oid)
FROM pg_opclass opc JOIN pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcintype = 'casrn'::regtype ORDER BY am.amname;

-- Hash partitioning by casrn.
CREATE TABLE casrn_part (c casrn PRIMARY KEY) PARTITION BY HASH (c);
CREATE TABLE casrn_part_0 PARTITION OF casrn_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE casrn_part_1 PARTITION OF casrn_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE casrn_part_2 PARTITION OF casrn_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO casrn_part
SELECT (b * 10 + precursor.casrn_check_digit(b))::casrn FROM pg_catalog.generate_series(1000, 1999) AS b;
SELECT tableoid::regclass AS partition, count(*) > 0 AS used FROM casrn_part GROUP BY 1 ORDER BY 1;
SELECT count(*) FROM casrn_part;
EXPLAIN (COSTS OFF) SELECT * FROM casrn_part WHERE c = '15-00-9';
SELECT tableoid::regclass AS partition, c FROM casrn_part WHERE c = '15-00-9';
DROP TABLE casrn_part;
RESET search_path;
