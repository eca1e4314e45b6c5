-- pgTAP: the ecnumber type (EC numbers), its operators, casts and functions.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
SET search_path = public, precursor;

SELECT plan(62);

-- the type
SELECT has_type('public', 'ecnumber', 'type ecnumber exists');
SELECT is((SELECT typlen::integer FROM pg_type WHERE oid = 'ecnumber'::regtype), 4, 'ecnumber is 4 bytes');
SELECT ok((SELECT typbyval FROM pg_type WHERE oid = 'ecnumber'::regtype), 'ecnumber is passed by value');
SELECT is((SELECT typalign::text FROM pg_type WHERE oid = 'ecnumber'::regtype), 'i', 'ecnumber is int-aligned');
SELECT ok((SELECT typreceive <> 0 AND typsend <> 0 FROM pg_type WHERE oid = 'ecnumber'::regtype),
          'ecnumber has binary send and receive');
SELECT isnt(obj_description('ecnumber'::regtype, 'pg_type'), NULL, 'ecnumber has a comment');

-- functions: exist, IMMUTABLE, PARALLEL SAFE, STRICT, commented
SELECT has_function(CASE WHEN f ~ '^(is_|ecnumber_check_digit)' THEN 'precursor' ELSE 'public' END, f, args,
                    'function ' || f || '(' || array_to_string(args, ', ') || ') exists')
FROM (VALUES ('ecnumber_in', ARRAY['cstring']), ('ecnumber_out', ARRAY['ecnumber']),
             ('ecnumber_recv', ARRAY['internal']), ('ecnumber_send', ARRAY['ecnumber']),
             ('is_ecnumber', ARRAY['text']), ('ecnumber_check_digit', ARRAY['integer']),
             ('ecnumber_cmp', ARRAY['ecnumber', 'ecnumber']),
             ('ecnumber_hash', ARRAY['ecnumber']),
             ('ecnumber_hash_extended', ARRAY['ecnumber', 'bigint'])) AS f(f, args);
SELECT is(count(*)::integer, 0, 'every ecnumber function is IMMUTABLE')
FROM pg_proc p WHERE p.pronamespace IN ('precursor'::regnamespace, 'public'::regnamespace)
  AND (p.proname ~ '^(ecnumber.*|is_ecnumber)$' OR p.oid = 'precursor.int4(ecnumber)'::regprocedure)
  AND p.provolatile <> 'i';
SELECT is(count(*)::integer, 0, 'every ecnumber function is PARALLEL SAFE')
FROM pg_proc p WHERE p.pronamespace IN ('precursor'::regnamespace, 'public'::regnamespace)
  AND (p.proname ~ '^(ecnumber.*|is_ecnumber)$' OR p.oid = 'precursor.int4(ecnumber)'::regprocedure)
  AND p.proparallel <> 's';
SELECT is(count(*)::integer, 0, 'every ecnumber function is STRICT')
FROM pg_proc p WHERE p.pronamespace IN ('precursor'::regnamespace, 'public'::regnamespace)
  AND (p.proname ~ '^(ecnumber.*|is_ecnumber)$' OR p.oid = 'precursor.int4(ecnumber)'::regprocedure)
  AND NOT p.proisstrict;
SELECT is(count(*)::integer, 0, 'every ecnumber function has a comment')
FROM pg_proc p WHERE p.pronamespace IN ('precursor'::regnamespace, 'public'::regnamespace)
  AND (p.proname ~ '^(ecnumber.*|is_ecnumber)$' OR p.oid = 'precursor.int4(ecnumber)'::regprocedure)
  AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT volatility_is('precursor', 'is_ecnumber', ARRAY['text'], 'immutable', 'is_ecnumber is IMMUTABLE');
SELECT volatility_is('public', 'ecnumber_in', ARRAY['cstring'], 'immutable', 'ecnumber_in is IMMUTABLE');
SELECT volatility_is('precursor', 'ecnumber_check_digit', ARRAY['integer'], 'immutable', 'ecnumber_check_digit is IMMUTABLE');
SELECT is((SELECT proparallel::text FROM pg_proc WHERE oid = 'precursor.is_ecnumber(text)'::regprocedure), 's',
          'is_ecnumber is PARALLEL SAFE');

-- operators
SELECT isnt(to_regoperator('public.' || op || '(ecnumber, ecnumber)'), NULL,
            'operator ecnumber ' || op || ' ecnumber exists')
FROM unnest(ARRAY['=', '<>', '<', '<=', '>', '>=']) AS op;
SELECT is(count(*)::integer, 6, 'all six operators have restriction and join estimators')
FROM pg_operator WHERE oprleft = 'ecnumber'::regtype AND oprright = 'ecnumber'::regtype
  AND oprrest <> 0 AND oprjoin <> 0;
SELECT is(count(*)::integer, 6, 'all six operators have a comment')
FROM pg_operator WHERE oprleft = 'ecnumber'::regtype
  AND obj_description(oid, 'pg_operator') IS NOT NULL;
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
           WHERE oprleft = 'ecnumber'::regtype AND oprname = '='), '= supports hash and merge joins');
SELECT ok(EXISTS (SELECT FROM pg_opclass WHERE opcintype = 'ecnumber'::regtype AND opcdefault
                  AND opcmethod = (SELECT oid FROM pg_am WHERE amname = 'btree')), 'default btree opclass');
SELECT ok(EXISTS (SELECT FROM pg_opclass WHERE opcintype = 'ecnumber'::regtype AND opcdefault
                  AND opcmethod = (SELECT oid FROM pg_am WHERE amname = 'hash')), 'default hash opclass');
SELECT ok(EXISTS (SELECT FROM pg_amproc ap JOIN pg_opclass opc ON opc.opcfamily = ap.amprocfamily
                  WHERE opc.opcintype = 'ecnumber'::regtype AND ap.amprocnum = 2
                    AND opc.opcmethod = (SELECT oid FROM pg_am WHERE amname = 'hash')),
          'hash opclass has the extended hash function');
SELECT ok(bool_and(amvalidate(oid)), 'every ecnumber opclass passes amvalidate')
FROM pg_opclass WHERE opcintype = 'ecnumber'::regtype;

-- casts
SELECT has_cast('text', 'ecnumber', 'cast text -> ecnumber');
SELECT has_cast('ecnumber', 'text', 'cast ecnumber -> text');
SELECT has_cast('integer', 'ecnumber', 'cast integer -> ecnumber');
SELECT has_cast('ecnumber', 'integer', 'cast ecnumber -> integer');
SELECT cast_context_is('text', 'ecnumber', 'explicit', 'text -> ecnumber is explicit');
SELECT cast_context_is('integer', 'ecnumber', 'explicit', 'integer -> ecnumber is explicit');

-- behaviour
SELECT is('2000018'::ecnumber::text, '200-001-8', 'plain digits give the canonical form');
SELECT is(' 200-001-8 '::ecnumber, '200-001-8'::ecnumber, 'surrounding white space is accepted');
SELECT is('200-060-?'::ecnumber::text, '200-060-1', '? computes the check digit (remainder 10 gives 1)');
SELECT is('200-659-6'::ecnumber::integer, 2006596, 'ecnumber -> integer is the seven digits');
SELECT is(2000018::ecnumber::text, '200-001-8', 'integer -> ecnumber');
SELECT is('000-000-0'::ecnumber::text, '000-000-0', 'leading zeros are kept');
SELECT is(precursor.ecnumber_check_digit(200001), 8, 'ecnumber_check_digit');
SELECT is(precursor.ecnumber_check_digit(200060), 1, 'ecnumber_check_digit: remainder 10 gives 1');
SELECT ok('200-001-8'::ecnumber < '200-578-6' AND '200-578-6'::ecnumber < '231-791-2',
          'numeric order');
SELECT ok('200-578-6'::ecnumber <= '200-578-6' AND '200-578-6'::ecnumber >= '200-578-6'
          AND '405-020-7'::ecnumber > '231-791-2' AND '200-001-8'::ecnumber <> '200-578-6',
          'the other comparison operators');
SELECT ok(precursor.is_ecnumber('200-001-8'), 'is_ecnumber accepts a valid number');
SELECT ok(NOT precursor.is_ecnumber('200-001-9'), 'is_ecnumber rejects a wrong check digit');
SELECT ok(NOT precursor.is_ecnumber('EC 200-001-8'), 'is_ecnumber rejects garbage without raising');
SELECT is(precursor.is_ecnumber(NULL), NULL, 'is_ecnumber(NULL) is NULL');
SELECT is(ecnumber_hash('200-001-8'), hashint4(2000018), 'hash equals hashint4 of the value');
SELECT throws_ok($$SELECT '200-001-9'::ecnumber$$, '22P02',
                 'invalid EC number: "200-001-9"', 'wrong check digit raises 22P02');
SELECT throws_ok($$SELECT '20-0001-8'::ecnumber$$, '22P02',
                 'invalid EC number: "20-0001-8"', 'wrong group length raises 22P02');
SELECT throws_ok($$SELECT 2000019::ecnumber$$, '22P02',
                 'invalid EC number: 2000019', 'integer with a wrong check digit raises 22P02');
SELECT throws_ok($$SELECT precursor.ecnumber_check_digit(-1)$$, '22003', NULL, 'ecnumber_check_digit range');
SELECT is(precursor.is_ecnumber(repeat('9', 100000)), false, 'is_ecnumber copes with a long input: not valid, no error');

SELECT * FROM finish();
ROLLBACK;
