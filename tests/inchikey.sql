-- pgTAP: the inchikey type, its operators, casts, functions and behaviour.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
SET search_path = public, precursor;

SELECT plan(35);

-- the type
SELECT has_type('public', 'inchikey', 'type inchikey exists');
SELECT is((SELECT typlen::integer FROM pg_type WHERE oid = 'inchikey'::regtype), 16, 'inchikey is 16 bytes');
SELECT ok((SELECT NOT typbyval FROM pg_type WHERE oid = 'inchikey'::regtype), 'inchikey is passed by reference');
SELECT ok((SELECT typreceive <> 0 AND typsend <> 0 FROM pg_type WHERE oid = 'inchikey'::regtype),
          'inchikey has binary send and receive');
SELECT isnt(obj_description('inchikey'::regtype, 'pg_type'), NULL, 'inchikey has a comment');

-- functions: exist, IMMUTABLE, PARALLEL SAFE, STRICT, commented
CREATE TEMP TABLE inchikey_tap_fns (f regprocedure);
INSERT INTO inchikey_tap_fns VALUES
  ('inchikey_in(cstring)'), ('inchikey_out(inchikey)'),
  ('inchikey_recv(internal)'), ('inchikey_send(inchikey)'),
  ('precursor.is_inchikey(text)'),
  ('inchikey_eq(inchikey, inchikey)'), ('inchikey_ne(inchikey, inchikey)'),
  ('inchikey_lt(inchikey, inchikey)'), ('inchikey_le(inchikey, inchikey)'),
  ('inchikey_gt(inchikey, inchikey)'), ('inchikey_ge(inchikey, inchikey)'),
  ('inchikey_cmp(inchikey, inchikey)'),
  ('inchikey_hash(inchikey)'), ('inchikey_hash_extended(inchikey, bigint)'),
  ('precursor.inchikey_skeleton(inchikey)'),
  ('inchikey_skeleton_min(inchikey)'), ('inchikey_skeleton_max(inchikey)'),
  ('same_skeleton(inchikey, inchikey)'),
  ('inchikey_same_skeleton_support(internal)');
SELECT is(count(*)::integer, 19, 'all 19 inchikey functions exist') FROM inchikey_tap_fns;
SELECT is(count(*)::integer, 0, 'every inchikey function is IMMUTABLE')
FROM inchikey_tap_fns t JOIN pg_proc p ON p.oid = t.f WHERE p.provolatile <> 'i';
SELECT is(count(*)::integer, 0, 'every inchikey function is PARALLEL SAFE')
FROM inchikey_tap_fns t JOIN pg_proc p ON p.oid = t.f WHERE p.proparallel <> 's';
SELECT is(count(*)::integer, 0, 'every inchikey function is STRICT')
FROM inchikey_tap_fns t JOIN pg_proc p ON p.oid = t.f WHERE NOT p.proisstrict;
SELECT is(count(*)::integer, 0, 'every inchikey function has a comment')
FROM inchikey_tap_fns t WHERE obj_description(t.f, 'pg_proc') IS NULL;
SELECT is((SELECT prosupport FROM pg_proc WHERE oid = 'same_skeleton(inchikey, inchikey)'::regprocedure),
          'inchikey_same_skeleton_support'::regproc, 'same_skeleton has its planner support function');

-- operators, with estimators and comments
SELECT has_operator('inchikey', 'public', op, 'inchikey', 'boolean', 'operator inchikey ' || op || ' inchikey')
FROM unnest(ARRAY['=', '<>', '<', '<=', '>', '>=', '~=']) AS op;
SELECT is(count(*)::integer, 0, 'every inchikey operator has restriction and join estimators and a comment')
FROM pg_operator o WHERE o.oprleft = 'inchikey'::regtype
  AND (o.oprrest = 0 OR o.oprjoin = 0 OR obj_description(o.oid, 'pg_operator') IS NULL);
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
           WHERE oprname = '=' AND oprleft = 'inchikey'::regtype), 'inchikey = hashes and merges');

-- operator classes and casts
SELECT ok(EXISTS (SELECT 1 FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
                  WHERE c.opcintype = 'inchikey'::regtype AND c.opcdefault AND a.amname = am),
          'default ' || am || ' operator class for inchikey')
FROM unnest(ARRAY['btree', 'hash']) AS am;
SELECT has_cast('inchikey', 'text', 'cast inchikey to text');
SELECT has_cast('text', 'inchikey', 'cast text to inchikey');
SELECT is(count(*)::integer, 2, 'both casts are explicit')
FROM pg_cast WHERE (castsource, casttarget) IN (('inchikey'::regtype, 'text'::regtype),
                                                ('text'::regtype, 'inchikey'::regtype))
  AND castcontext = 'e';

-- behaviour
SELECT is(' InChIKey=LFQSCWFLJHTTHZ-UHFFFAOYSA-N '::inchikey::text, 'LFQSCWFLJHTTHZ-UHFFFAOYSA-N', 'prefix and white space are dropped');
SELECT throws_ok($$SELECT 'lfqscwfljhtthz-uhfffaoysa-n'::inchikey$$, '22P02',
                 'invalid InChIKey: "lfqscwfljhtthz-uhfffaoysa-n"', 'lower case raises 22P02');
SELECT throws_ok($$SELECT 'LFQSCWFLJHTTHZ-UHFFFAOYXA-N'::inchikey$$, '22P02', NULL, 'bad flag raises 22P02');
SELECT throws_ok($$SELECT 'LFQSCWFLJHTTHZU-HFFFAOYSA-N'::inchikey$$, '22P02', NULL, 'misplaced hyphen raises 22P02');
SELECT throws_ok($$SELECT 'LFQSCWFLJHTTHZ-UHFFFAOYSA'::inchikey$$, '22P02', NULL, 'short key raises 22P02');
SELECT ok(NOT is_inchikey('LFQSCWFLJHTTHZ-UHFFFAOYSA-n') AND is_inchikey('LFQSCWFLJHTTHZ-UHFFFAOYSA-N'),
          'is_inchikey tells without raising');
SELECT is(inchikey_skeleton('KWGRBVOPPLSCSI-WPRPVWTQSA-N'), 'KWGRBVOPPLSCSI', 'skeleton is the first block');
SELECT ok('KWGRBVOPPLSCSI-WPRPVWTQSA-N'::inchikey ~= 'KWGRBVOPPLSCSI-RKDXNWHRSA-N', 'stereoisomers match on the skeleton');
SELECT ok(NOT same_skeleton('KWGRBVOPPLSCSI-WPRPVWTQSA-N', 'LFQSCWFLJHTTHZ-WPRPVWTQSA-N'), 'different skeletons do not match');
SELECT ok('LFQSCWFLJHTTHZ-UHFFFAOYNA-N'::inchikey < 'LFQSCWFLJHTTHZ-UHFFFAOYSA-N', 'order is text order');

SELECT * FROM finish();
ROLLBACK;
