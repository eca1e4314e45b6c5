-- cncode: customs goods codes, their hierarchy and index use
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- the operators live in schema precursor, like the types
SET search_path = public, precursor;

-- accepted spellings and their canonical output
SELECT s AS input, s::cncode AS canonical,
       precursor.cn_level(s::cncode) AS level,
       precursor.cn_level_number(s::cncode) AS n,
       precursor.cn_digits(s::cncode) AS digits
FROM (VALUES ('29'), ('01'), ('2914'), ('29.14'), ('2914 31'), ('2914.31'), ('291431'),
             ('2914 31 00'), ('2914.31.00'), ('29143100'), ('2914 3100'),
             (E' \t2914 31 00 10\n'), ('2914310010'), ('9999999999')) AS v(s);

-- output is accepted back by input
SELECT count(*) AS not_round_tripping
FROM (VALUES ('29'), ('2914'), ('2914 31'), ('2914 31 00'), ('2914 31 00 10')) AS v(s)
WHERE s::cncode::text::cncode <> s::cncode
   OR s::cncode::text <> s;

-- rejected values, with exact errors
\set VERBOSITY default
SELECT ''::cncode;
SELECT '2914 3'::cncode;
SELECT '291431001011'::cncode;
SELECT '2914a1'::cncode;
SELECT '2914.31 00'::cncode;
SELECT '2914  31'::cncode;
SELECT '2914.'::cncode;
SELECT '29 14'::cncode;
SELECT '00'::cncode;
SELECT 'garbage 2914'::cncode;
\set VERBOSITY terse

-- is_cncode never raises
SELECT s, precursor.is_cncode(s)
FROM (VALUES ('2914 31 00'), ('2914 3'), (''), ('abc'), ('12345678901'), (NULL)) AS v(s);

-- ordering: a code sorts before its descendants, subtrees are contiguous
SELECT c FROM (VALUES ('2915'), ('2914 31 00 10'), ('29'), ('2914'), ('2914 31'),
                      ('2914 99 99 99'), ('2914 00'), ('28'), ('2914 31 00'), ('30'))
     AS v(s), LATERAL (SELECT s::cncode AS c) x
ORDER BY c;
SELECT '29'::cncode < '2901', '2914'::cncode <= '2914',
       '2915'::cncode > '2914 99 99 99', '2914'::cncode >= '29',
       '2914'::cncode = '29.14', '2914'::cncode <> '2914 00';

-- hierarchy
SELECT '2939'::cncode @> '2939 41 00' AS contains,
       '2939 41 00'::cncode <@ '2939' AS contained,
       '2939'::cncode @> '2939' AS reflexive,
       '2939 41 00'::cncode @> '2939' AS upwards,
       '2939'::cncode @> '2940' AS sibling,
       '2914 99'::cncode @> '2915' AS carry,
       '2914 00'::cncode @> '2914' AS zero_subheading;
SELECT c, precursor.cn_parent(c) AS parent, precursor.cn_chapter(c) AS chapter,
       precursor.cn_heading(c) AS heading, cn_subtree_last(c) AS subtree_last
FROM (VALUES ('29'), ('2939'), ('2939 41'), ('2939 41 00'), ('2939 41 00 10'), ('99'))
     AS v(s), LATERAL (SELECT s::cncode AS c) x;

-- binary round trip through send/recv (COPY BINARY)
CREATE TABLE cncode_bin (c cncode);
INSERT INTO cncode_bin VALUES ('29'), ('2914'), ('2914 31'), ('2914 31 00'), ('2914 31 00 10'), ('9999999999');
\copy cncode_bin TO 'results/cncode_bin.data' WITH (FORMAT binary)
CREATE TABLE cncode_bin2 (c cncode);
\copy cncode_bin2 FROM 'results/cncode_bin.data' WITH (FORMAT binary)
SELECT (SELECT array_agg(c ORDER BY c) FROM cncode_bin) = (SELECT array_agg(c ORDER BY c) FROM cncode_bin2) AS binary_round_trip;
-- receive validates: the binary form is the int8 encoding, so feed it int8s
CREATE TABLE cncode_raw (v int8);
INSERT INTO cncode_raw VALUES (2914310000 * 8 + 2);
\copy cncode_raw TO 'results/cncode_raw.data' WITH (FORMAT binary)
\copy cncode_bin2 FROM 'results/cncode_raw.data' WITH (FORMAT binary)
SELECT c FROM cncode_bin2 WHERE c = '2914 31';
TRUNCATE cncode_raw;
INSERT INTO cncode_raw VALUES (2914310000 * 8 + 1);   -- heading level with subheading digits
\copy cncode_raw TO 'results/cncode_raw.data' WITH (FORMAT binary)
\copy cncode_bin2 FROM 'results/cncode_raw.data' WITH (FORMAT binary)
TRUNCATE cncode_raw;
INSERT INTO cncode_raw VALUES (5);                     -- chapter 00 at level 5
\copy cncode_raw TO 'results/cncode_raw.data' WITH (FORMAT binary)
\copy cncode_bin2 FROM 'results/cncode_raw.data' WITH (FORMAT binary)
DROP TABLE cncode_bin, cncode_bin2, cncode_raw;

-- every operator class validates
SELECT opc.opcname, am.amname, pg_catalog.amvalidate(opc.oid)
FROM pg_catalog.pg_opclass opc JOIN pg_catalog.pg_am am ON am.oid = opc.opcmethod
WHERE opc.opcintype = 'cncode'::pg_catalog.regtype
ORDER BY 1;

-- index use: "code <@ constant" on 10000 codes of every level
CREATE TABLE cncode_big (id int, c cncode);
INSERT INTO cncode_big
SELECT i, substr(lpad((1 + (i * 37) % 97)::text, 2, '0')
                 || lpad(((i::int8 * 7919) % 100000000)::text, 8, '0'),
                 1, 2 * (1 + i % 5))::cncode
FROM generate_series(1, 10000) AS i;
INSERT INTO cncode_big VALUES (10001, '2939'), (10002, '2939 99 99 99'), (10003, '2940'), (10004, '29');
CREATE INDEX cncode_big_c ON cncode_big (c);
ANALYZE cncode_big;

EXPLAIN (COSTS OFF) SELECT id FROM cncode_big WHERE c <@ '2939';
EXPLAIN (COSTS OFF) SELECT id FROM cncode_big WHERE '2939'::cncode @> c;
EXPLAIN (COSTS OFF) SELECT id FROM cncode_big WHERE c <@ '2939 41 00 10';
-- the function form is indexable too
EXPLAIN (COSTS OFF) SELECT id FROM cncode_big WHERE cn_contained_by(c, '2939 41');
-- a parameter too: generic plans of prepared statements compute the bound at run time
SET plan_cache_mode = force_generic_plan;
PREPARE cncode_under(cncode) AS SELECT count(*) FROM cncode_big WHERE c <@ $1;
EXPLAIN (COSTS OFF) EXECUTE cncode_under('2939');
EXECUTE cncode_under('29');
EXECUTE cncode_under('2939');
DEALLOCATE cncode_under;
RESET plan_cache_mode;
-- the other direction (ancestors of a constant) is not a range: no index condition
EXPLAIN (COSTS OFF) SELECT id FROM cncode_big WHERE c @> '2939 41 00';

CREATE TEMP TABLE cncode_by_index AS
SELECT q, (SELECT string_agg(id::text, ',' ORDER BY id) FROM cncode_big WHERE c <@ q::cncode) AS ids
FROM (VALUES ('29'), ('2939'), ('2939 99'), ('01'), ('99'), ('4011 10'), ('2939 99 99 99')) AS v(q);
SET enable_indexscan = off;
SET enable_bitmapscan = off;
SET enable_indexonlyscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM cncode_big WHERE c <@ '2939';
SELECT i.q, i.ids IS NOT DISTINCT FROM s.ids AS same_as_seqscan,
       coalesce(array_length(string_to_array(i.ids, ','), 1), 0) AS n
FROM cncode_by_index i,
     LATERAL (SELECT string_agg(id::text, ',' ORDER BY id) AS ids
              FROM cncode_big WHERE c <@ i.q::cncode) s
ORDER BY i.q;
RESET enable_indexscan;
RESET enable_bitmapscan;
RESET enable_indexonlyscan;
-- the seq-scan answer checked against a plain prefix test of the digits
SELECT count(*) AS mismatches FROM cncode_big
WHERE (c <@ '2939') <> (precursor.cn_digits(c) LIKE '2939%');
DROP TABLE cncode_big;

-- hash partitioning and hash joins on the type
CREATE TABLE cncode_part (c cncode) PARTITION BY HASH (c);
CREATE TABLE cncode_part_0 PARTITION OF cncode_part FOR VALUES WITH (MODULUS 3, REMAINDER 0);
CREATE TABLE cncode_part_1 PARTITION OF cncode_part FOR VALUES WITH (MODULUS 3, REMAINDER 1);
CREATE TABLE cncode_part_2 PARTITION OF cncode_part FOR VALUES WITH (MODULUS 3, REMAINDER 2);
INSERT INTO cncode_part SELECT DISTINCT precursor.cn_heading(lpad(i::text, 4, '0')::cncode)
FROM generate_series(101, 9999) AS i;
SELECT count(*) AS total, count(DISTINCT tableoid) AS partitions_used FROM cncode_part;
EXPLAIN (COSTS OFF) SELECT * FROM cncode_part WHERE c = '2939';
SELECT count(*) FROM cncode_part a JOIN cncode_part b ON a.c = b.c;
DROP TABLE cncode_part;

-- casts
SELECT '2914 31 00'::text::cncode, ('2914.31'::cncode)::text;
SELECT 'nope'::text::cncode;
RESET search_path;
