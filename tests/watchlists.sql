-- pgTAP: the watchlist model (tables, columns, constraints), privileges,
-- the triggers and the volatility of the functions.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

SELECT plan(87);

-- Tables and their contract columns.
SELECT has_table('precursor', t, t || ' exists')
  FROM unnest(ARRAY['watchlist', 'substance', 'substance_cn', 'synonym',
                    'watchlist_audit', 'watchlist_state']) AS t;
SELECT has_view('precursor', v, v || ' exists')
  FROM unnest(ARRAY['watchlist_term', 'substance_overview', 'shared_cn_codes']) AS v;
SELECT columns_are('precursor', 'watchlist_term',
                   ARRAY['substance_id', 'term', 'term_kind', 'lang'], 'watchlist_term has the agreed columns');
SELECT col_type_is('precursor', 'watchlist_term', 'substance_id', 'integer', 'watchlist_term.substance_id is integer');

SELECT col_is_pk('precursor', 'watchlist', 'watchlist_id', 'watchlist_id is the key');
SELECT col_is_unique('precursor', 'watchlist', 'code', 'watchlist code is unique');
SELECT col_not_null('precursor', 'watchlist', c, 'watchlist.' || c || ' NOT NULL')
  FROM unnest(ARRAY['code', 'name', 'regime', 'builtin', 'active']) AS c;
SELECT col_is_pk('precursor', 'substance', 'substance_id', 'substance_id is the key');
SELECT col_type_is('precursor', 'substance', 'casrn', 'casrn', 'substance.casrn is a casrn');
SELECT col_type_is('precursor', 'substance', 'inchikey', 'inchikey', 'substance.inchikey is an inchikey');
SELECT col_type_is('precursor', 'substance', 'excluded_casrn', 'casrn[]', 'excluded_casrn is casrn[]');
SELECT col_type_is('precursor', 'substance_cn', 'cn_code', 'cncode', 'substance_cn.cn_code is a cncode');
SELECT col_not_null('precursor', 'substance', c, 'substance.' || c || ' NOT NULL')
  FROM unnest(ARRAY['watchlist_id', 'name', 'category', 'source_url', 'source_act', 'builtin',
                    'covers_salts', 'covers_stereoisomers', 'covers_esters', 'covers_ethers']) AS c;
SELECT fk_ok('precursor', 'substance', 'watchlist_id', 'precursor', 'watchlist', 'watchlist_id');
SELECT fk_ok('precursor', 'substance_cn', 'substance_id', 'precursor', 'substance', 'substance_id');
SELECT fk_ok('precursor', 'synonym', 'substance_id', 'precursor', 'substance', 'substance_id');
SELECT has_index('precursor', 'synonym', 'synonym_name_unique', 'synonyms unique per substance, case-insensitively');
SELECT has_check('precursor', t, t || ' has CHECK constraints')
  FROM unnest(ARRAY['watchlist', 'substance', 'synonym', 'watchlist_audit']) AS t;

-- Constraints bite.
SELECT throws_ok($$INSERT INTO precursor.synonym (substance_id, name, lang) VALUES (1, 'x', 'english')$$,
                 '23514', NULL, 'lang must be ISO 639-1 or und');
SELECT throws_ok($$INSERT INTO precursor.synonym (substance_id, name, kind) VALUES (1, 'x', 'nickname')$$,
                 '23514', NULL, 'kind has a fixed domain');
SELECT throws_ok($$INSERT INTO precursor.synonym (substance_id, name) VALUES (1, 'PHENYLACETONE')$$,
                 '23505', NULL, 'synonyms are unique per substance regardless of case');
SELECT lives_ok($$INSERT INTO precursor.watchlist (watchlist_id, code, name, regime) VALUES (990401, 'tap-list', 'TAP list', 'internal')$$,
                'a user list');
SELECT is((SELECT code || ' ' || builtin || ' ' || active FROM precursor.watchlist WHERE watchlist_id = 990401),
          'tap-list false true', 'the user list is stored as a user row, active');
SELECT throws_ok($$INSERT INTO precursor.substance (watchlist_id, name, category, threshold_qty, threshold_unit, source_url, source_act)
                   VALUES (990401, 'x', 'y', 1, 'lb', 'https://example.org', 'a')$$,
                 '23514', NULL, 'threshold unit is kg, l or g');
SELECT throws_ok($$INSERT INTO precursor.substance (watchlist_id, name, category, threshold_qty, source_url, source_act)
                   VALUES (990401, 'x', 'y', 1, 'https://example.org', 'a')$$,
                 '23514', NULL, 'a threshold needs its unit');
SELECT throws_ok($$INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act)
                   VALUES (990401, 'x', 'y', '', 'a')$$,
                 '23514', NULL, 'a source is required');
SELECT lives_ok($$INSERT INTO precursor.substance (substance_id, watchlist_id, name, category, source_url, source_act)
                  VALUES (990401, 990401, 'x', 'any text on a user list', 'https://example.org', 'a')$$,
                'user lists have free categories');
SELECT is((SELECT category FROM precursor.substance WHERE substance_id = 990401),
          'any text on a user list', 'the free category is stored as given');
SELECT throws_ok($$INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act)
                   VALUES (990401, 'x', 'z', 'https://example.org', 'a')$$,
                 '23505', NULL, 'entry names are unique per list');
SELECT throws_ok($$UPDATE precursor.watchlist SET active = false WHERE code = 'UN-1988'$$,
                 '0A000', 'shipped watchlist rows are read-only', 'shipped rows are read-only');
SELECT throws_ok($$TRUNCATE precursor.substance_cn$$, '0A000', NULL, 'TRUNCATE is refused');

-- Inactive user lists drop out of the terms the matcher compiles.
SELECT ok((SELECT count(*) FROM precursor.watchlist_term WHERE substance_id = 990401) = 1, 'active user list terms');
UPDATE precursor.watchlist SET active = false WHERE watchlist_id = 990401;
SELECT is((SELECT count(*) FROM precursor.watchlist_term WHERE substance_id = 990401), 0::bigint,
          'inactive list terms are not compiled');

-- Roles and privileges.
SELECT has_role('precursor_reader');
SELECT has_role('precursor_manager');
SELECT is_member_of('precursor_reader', 'precursor_manager', 'a manager is a reader');
SELECT table_privs_are('precursor', t, 'public', ARRAY[]::text[], 'PUBLIC has nothing on ' || t)
  FROM unnest(ARRAY['watchlist', 'substance', 'substance_cn', 'synonym', 'watchlist_audit', 'watchlist_state']) AS t;
SELECT table_privs_are('precursor', 'watchlist_audit', 'precursor_manager', ARRAY['SELECT'],
                       'managers only read the audit');
SELECT table_privs_are('precursor', 'substance', 'precursor_manager', ARRAY['SELECT', 'INSERT', 'UPDATE', 'DELETE'],
                       'managers write substances');
SELECT table_privs_are('precursor', 'substance', 'precursor_reader', ARRAY['SELECT'], 'readers read substances');
SELECT schema_privs_are('precursor', 'public', ARRAY['USAGE'], 'PUBLIC may use the schema (the types)');

-- Triggers.
SELECT has_trigger('precursor', t, t || '_audit', t || ' is audited')
  FROM unnest(ARRAY['watchlist', 'substance', 'substance_cn', 'synonym']) AS t;
SELECT has_trigger('precursor', t, t || '_changed', t || ' signals changes')
  FROM unnest(ARRAY['watchlist', 'substance', 'substance_cn', 'synonym']) AS t;
SELECT is_definer('precursor', 'watchlist_audit_row', ARRAY[]::name[], 'the audit writer is SECURITY DEFINER');

-- Volatility and parallel safety, decided up front.
SELECT volatility_is('precursor', f, ARRAY[a], 'stable', f || ' is STABLE')
  FROM (VALUES ('substances_under', 'cncode'), ('substance_profile', 'casrn'),
               ('watchlist_changes', 'timestamp with time zone')) AS v(f, a);
SELECT volatility_is('precursor', 'watchlist_generation', ARRAY[]::name[], 'stable', 'watchlist_generation is STABLE');
SELECT function_lang_is('precursor', 'watchlist_changed', ARRAY[]::name[], 'c', 'watchlist_changed is C');
SELECT function_returns('precursor', 'watchlist_changed', ARRAY[]::name[], 'trigger', 'watchlist_changed is a trigger');
SELECT is((SELECT proparallel FROM pg_catalog.pg_proc WHERE oid = 'precursor.substances_under(cncode)'::regprocedure),
          's'::"char", 'substances_under is PARALLEL SAFE');

-- Analyst functions answer.
SELECT ok((SELECT count(*) FROM precursor.substances_under('2939')) > 0, 'heading 2939 has substances');
SELECT is((SELECT count(DISTINCT watchlist) FROM precursor.substance_profile('103-79-7')), 3::bigint,
          'P-2-P is on all three lists');

SELECT * FROM finish();
ROLLBACK;
