-- pgTAP: the casrn type, its operators, casts and functions.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
SET search_path = public, precursor;

SELECT plan(62);

-- the type
SELECT has_type('public', 'casrn', 'type casrn exists');
SELECT is((SELECT typlen::integer FROM pg_type WHERE oid = 'casrn'::regtype), 8, 'casrn is 8 bytes');
SELECT ok((SELECT typbyval FROM pg_type WHERE oid = 'casrn'::regtype), 'casrn is passed by value');
SELECT is((SELECT typalign::text FROM pg_type WHERE oid = 'casrn'::regtype), 'd', 'casrn is double-aligned');
SELECT ok((SELECT typreceive <> 0 AND typsend <> 0 FROM pg_type WHERE oid = 'casrn'::regtype),
          'casrn has binary send and receive');
SELECT isnt(obj_description('casrn'::regtype, 'pg_type'), NULL, 'casrn has a comment');

-- functions: exist, IMMUTABLE, PARALLEL SAFE, STRICT, commented
SELECT has_function(CASE WHEN f ~ '^(is_|casrn_check_digit)' THEN 'precursor' ELSE 'public' END, f, args,
                    'function ' || f || '(' || array_to_string(args, ', ') || ') exists')
FROM (VALUES ('casrn_in', ARRAY['cstring']), ('casrn_out', ARRAY['casrn']),
             ('casrn_recv', ARRAY['internal']), ('casrn_send', ARRAY['casrn']),
             ('is_casrn', ARRAY['text']), ('casrn_check_digit', ARRAY['bigint']),
             ('casrn_cmp', ARRAY['casrn', 'casrn']),
             ('casrn_hash', ARRAY['casrn']),
             ('casrn_hash_extended', ARRAY['casrn', 'bigint'])) AS f(f, args);
SELECT is(count(*)::integer, 0, 'every casrn function is IMMUTABLE')
FROM pg_proc p WHERE p.pronamespace IN ('precursor'::regnamespace, 'public'::regnamespace)
  AND (p.proname ~ '^(casrn.*|is_casrn)$' OR p.oid = 'precursor.int8(casrn)'::regprocedure)
  AND p.provolatile <> 'i';
SELECT is(count(*)::integer, 0, 'every casrn function is PARALLEL SAFE')
FROM pg_proc p WHERE p.pronamespace IN ('precursor'::regnamespace, 'public'::regnamespace)
  AND (p.proname ~ '^(casrn.*|is_casrn)$' OR p.oid = 'precursor.int8(casrn)'::regprocedure)
  AND p.proparallel <> 's';
SELECT is(count(*)::integer, 0, 'every casrn function is STRICT')
FROM pg_proc p WHERE p.pronamespace IN ('precursor'::regnamespace, 'public'::regnamespace)
  AND (p.proname ~ '^(casrn.*|is_casrn)$' OR p.oid = 'precursor.int8(casrn)'::regprocedure)
  AND NOT p.proisstrict;
SELECT is(count(*)::integer, 0, 'every casrn function has a comment')
FROM pg_proc p WHERE p.pronamespace IN ('precursor'::regnamespace, 'public'::regnamespace)
  AND (p.proname ~ '^(casrn.*|is_casrn)$' OR p.oid = 'precursor.int8(casrn)'::regprocedure)
  AND obj_description(p.oid, 'pg_proc') IS NULL;
SELECT volatility_is('precursor', 'is_casrn', ARRAY['text'], 'immutable', 'is_casrn is IMMUTABLE');
SELECT volatility_is('public', 'casrn_in', ARRAY['cstring'], 'immutable', 'casrn_in is IMMUTABLE');
SELECT volatility_is('precursor', 'casrn_check_digit', ARRAY['bigint'], 'immutable', 'casrn_check_digit is IMMUTABLE');
SELECT is((SELECT proparallel::text FROM pg_proc WHERE oid = 'precursor.is_casrn(text)'::regprocedure), 's',
          'is_casrn is PARALLEL SAFE');

-- operators
SELECT isnt(to_regoperator('public.' || op || '(casrn, casrn)'), NULL,
            'operator casrn ' || op || ' casrn exists')
FROM unnest(ARRAY['=', '<>', '<', '<=', '>', '>=']) AS op;
SELECT is(count(*)::integer, 6, 'all six operators have restriction and join estimators')
FROM pg_operator WHERE oprleft = 'casrn'::regtype AND oprright = 'casrn'::regtype
  AND oprrest <> 0 AND oprjoin <> 0;
SELECT is(count(*)::integer, 6, 'all six operators have a comment')
FROM pg_operator WHERE oprleft = 'casrn'::regtype
  AND obj_description(oid, 'pg_operator') IS NOT NULL;
SELECT ok((SELECT oprcanhash AND oprcanmerge FROM pg_operator
           WHERE oprleft = 'casrn'::regtype AND oprname = '='), '= supports hash and merge joins');
SELECT ok(EXISTS (SELECT FROM pg_opclass WHERE opcintype = 'casrn'::regtype AND opcdefault
                  AND opcmethod = (SELECT oid FROM pg_am WHERE amname = 'btree')), 'default btree opclass');
SELECT ok(EXISTS (SELECT FROM pg_opclass WHERE opcintype = 'casrn'::regtype AND opcdefault
                  AND opcmethod = (SELECT oid FROM pg_am WHERE amname = 'hash')), 'default hash opclass');
SELECT ok(EXISTS (SELECT FROM pg_amproc ap JOIN pg_opclass opc ON opc.opcfamily = ap.amprocfamily
                  WHERE opc.opcintype = 'casrn'::regtype AND ap.amprocnum = 2
                    AND opc.opcmethod = (SELECT oid FROM pg_am WHERE amname = 'hash')),
          'hash opclass has the extended hash function');
SELECT ok(bool_and(amvalidate(oid)), 'every casrn opclass passes amvalidate')
FROM pg_opclass WHERE opcintype = 'casrn'::regtype;

-- casts
SELECT has_cast('text', 'casrn', 'cast text -> casrn');
SELECT has_cast('casrn', 'text', 'cast casrn -> text');
SELECT has_cast('bigint', 'casrn', 'cast bigint -> casrn');
SELECT has_cast('integer', 'casrn', 'cast integer -> casrn');
SELECT has_cast('casrn', 'bigint', 'cast casrn -> bigint');
SELECT cast_context_is('text', 'casrn', 'explicit', 'text -> casrn is explicit');
SELECT cast_context_is('bigint', 'casrn', 'explicit', 'bigint -> casrn is explicit');

-- behaviour
SELECT is('103797'::casrn::text, '103-79-7', 'plain digits give the canonical form');
SELECT is(' 103-79-7 '::casrn, '103-79-7'::casrn, 'surrounding white space is accepted');
SELECT is('103-79-?'::casrn::text, '103-79-7', '? computes the check digit');
SELECT is('7732-18-5'::casrn::bigint, 7732185::bigint, 'casrn -> bigint is all the digits');
SELECT is(103797::casrn::text, '103-79-7', 'integer -> casrn');
SELECT is(precursor.casrn_check_digit(10379), 7, 'casrn_check_digit');
SELECT ok('50-00-0'::casrn < '64-17-5' AND '64-17-5'::casrn < '103-79-7'
          AND '103-79-7'::casrn < '7732-18-5', 'numeric order');
SELECT ok('64-17-5'::casrn <= '64-17-5' AND '64-17-5'::casrn >= '64-17-5'
          AND '7732-18-5'::casrn > '103-79-7' AND '103-79-7'::casrn <> '64-17-5',
          'the other comparison operators');
SELECT ok(precursor.is_casrn('103-79-7'), 'is_casrn accepts a valid number');
SELECT ok(NOT precursor.is_casrn('103-79-8'), 'is_casrn rejects a wrong check digit');
SELECT ok(NOT precursor.is_casrn('not a number at all'), 'is_casrn rejects garbage without raising');
SELECT is(precursor.is_casrn(NULL), NULL, 'is_casrn(NULL) is NULL');
SELECT is(casrn_hash('103-79-7'), hashint8(103797), 'hash equals hashint8 of the value');
SELECT throws_ok($$SELECT '103-79-8'::casrn$$, '22P02',
                 'invalid CAS Registry Number: "103-79-8"', 'wrong check digit raises 22P02');
SELECT throws_ok($$SELECT '013-79-7'::casrn$$, '22P02',
                 'invalid CAS Registry Number: "013-79-7"', 'leading zero raises 22P02');
SELECT throws_ok($$SELECT '1037-9-7'::casrn$$, '22P02',
                 'invalid CAS Registry Number: "1037-9-7"', 'wrong group length raises 22P02');
SELECT throws_ok($$SELECT 103798::casrn$$, '22P02',
                 'invalid CAS Registry Number: 103798', 'integer with a wrong check digit raises 22P02');
SELECT throws_ok($$SELECT precursor.casrn_check_digit(5)$$, '22003', NULL, 'casrn_check_digit range');
SELECT is(precursor.is_casrn(repeat('9', 100000)), false, 'is_casrn copes with a long input: not valid, no error');

SELECT * FROM finish();
ROLLBACK;
