-- pgTAP: the cncode type, its operators, casts, functions and behaviour.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
SET search_path = public, precursor;

SELECT plan(41);

-- the type
SELECT has_type('public', 'cncode', 'type cncode exists');
SELECT is((SELECT typlen::integer FROM pg_type WHERE oid = 'cncode'::regtype), 8, 'cncode is 8 bytes');
SELECT ok((SELECT typbyval FROM pg_type WHERE oid = 'cncode'::regtype), 'cncode is passed by value');
SELECT ok((SELECT typreceive <> 0 AND typsend <> 0 FROM pg_type WHERE oid = 'cncode'::regtype),
          'cncode has binary send and receive');
SELECT isnt(obj_description('cncode'::regtype, 'pg_type'), NULL, 'cncode has a comment');

-- functions: exist, IMMUTABLE, PARALLEL SAFE, STRICT, commented
CREATE TEMP TABLE cncode_tap_fns (f regprocedure);
INSERT INTO cncode_tap_fns VALUES
  ('cncode_in(cstring)'), ('cncode_out(cncode)'),
  ('cncode_recv(internal)'), ('cncode_send(cncode)'),
  ('precursor.is_cncode(text)'),
  ('cncode_eq(cncode, cncode)'), ('cncode_ne(cncode, cncode)'),
  ('cncode_lt(cncode, cncode)'), ('cncode_le(cncode, cncode)'),
  ('cncode_gt(cncode, cncode)'), ('cncode_ge(cncode, cncode)'),
  ('cncode_cmp(cncode, cncode)'), ('cncode_sortsupport(internal)'),
  ('cncode_hash(cncode)'), ('cncode_hash_extended(cncode, bigint)'),
  ('cn_contains(cncode, cncode)'),
  ('cn_contained_by(cncode, cncode)'),
  ('cn_contains_support(internal)'), ('cn_contained_by_support(internal)'),
  ('precursor.cn_level(cncode)'), ('precursor.cn_level_number(cncode)'),
  ('precursor.cn_parent(cncode)'), ('precursor.cn_chapter(cncode)'),
  ('precursor.cn_heading(cncode)'), ('precursor.cn_digits(cncode)'),
  ('cn_subtree_last(cncode)');
SELECT is(count(*)::integer, 26, 'all 26 cncode functions exist') FROM cncode_tap_fns;
SELECT is(count(*)::integer, 0, 'every cncode function is IMMUTABLE')
FROM cncode_tap_fns t JOIN pg_proc p ON p.oid = t.f WHERE p.provolatile <> 'i';
SELECT is(count(*)::integer, 0, 'every cncode function is PARALLEL SAFE')
FROM cncode_tap_fns t JOIN pg_proc p ON p.oid = t.f WHERE p.proparallel <> 's';
SELECT is(count(*)::integer, 0, 'every cncode function is STRICT')
FROM cncode_tap_fns t JOIN pg_proc p ON p.oid = t.f WHERE NOT p.proisstrict;
SELECT is(count(*)::integer, 0, 'every cncode function has a comment')
FROM cncode_tap_fns t WHERE obj_description(t.f, 'pg_proc') IS NULL;
SELECT is((SELECT prosupport FROM pg_proc WHERE oid = 'cn_contained_by(cncode, cncode)'::regprocedure),
          'cn_contained_by_support'::regproc, 'cn_contained_by has its planner support function');
SELECT is((SELECT prosupport FROM pg_proc WHERE oid = 'cn_contains(cncode, cncode)'::regprocedure),
          'cn_contains_support'::regproc, 'cn_contains has its planner support function');

-- operators, with estimators and comments
SELECT has_operator('cncode', 'public', op, 'cncode', 'boolean', 'operator cncode ' || op || ' cncode')
FROM unnest(ARRAY['=', '<>', '<', '<=', '>', '>=', '@>', '<@']) AS op;
SELECT is(count(*)::integer, 0, 'every cncode operator has restriction and join estimators and a comment')
FROM pg_operator o WHERE o.oprleft = 'cncode'::regtype
  AND (o.oprrest = 0 OR o.oprjoin = 0 OR obj_description(o.oid, 'pg_operator') IS NULL);
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
           WHERE oprname = '=' AND oprleft = 'cncode'::regtype), 'cncode = hashes and merges');

-- operator classes and casts
SELECT ok(EXISTS (SELECT 1 FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
                  WHERE c.opcintype = 'cncode'::regtype AND c.opcdefault AND a.amname = am),
          'default ' || am || ' operator class for cncode')
FROM unnest(ARRAY['btree', 'hash']) AS am;
SELECT has_cast('cncode', 'text', 'cast cncode to text');
SELECT has_cast('text', 'cncode', 'cast text to cncode');
SELECT is(count(*)::integer, 2, 'both casts are explicit')
FROM pg_cast WHERE (castsource, casttarget) IN (('cncode'::regtype, 'text'::regtype),
                                                ('text'::regtype, 'cncode'::regtype))
  AND castcontext = 'e';

-- behaviour
SELECT is('2914.31.00'::cncode::text, '2914 31 00', 'dotted spelling is canonicalised');
SELECT is(' 29143100 '::cncode, '2914 31 00'::cncode, 'plain digits with white space');
SELECT throws_ok($$SELECT '2914 3'::cncode$$, '22P02', 'invalid CN code: "2914 3"', 'odd digit count raises 22P02');
SELECT throws_ok($$SELECT '2914X1'::cncode$$, '22P02', NULL, 'letter raises 22P02');
SELECT throws_ok($$SELECT ''::cncode$$, '22P02', NULL, 'empty raises 22P02');
SELECT throws_ok($$SELECT '291431001099'::cncode$$, '22P02', NULL, 'more than 10 digits raises 22P02');
SELECT ok(NOT is_cncode('2914 3') AND is_cncode('2914'), 'is_cncode tells without raising');
SELECT ok('2939'::cncode @> '2939 41 00' AND '2939 41 00'::cncode <@ '2939', 'containment both ways');
SELECT ok(NOT ('2939'::cncode @> '2940'), 'a sibling is not contained');
SELECT is(cn_level('2914 31 00 10'), 'taric', 'level of a TARIC code');
SELECT is(cn_parent('2914 31'), '2914'::cncode, 'parent of an HS subheading');
SELECT ok(cn_parent('29') IS NULL, 'a chapter has no parent');
SELECT is(cn_digits('2914 31 00'), '29143100', 'plain digits');
SELECT ok('29'::cncode < '2901' AND '2914 99 99 99'::cncode < '2915', 'a code sorts before its descendants, and they before its next sibling');

SELECT * FROM finish();
ROLLBACK;
