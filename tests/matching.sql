-- pgTAP: the matching engine's SQL interface (issue 4): objects, volatility,
-- parallel safety, costs, strictness, the hit type, and behaviour.
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS precursor;

SELECT plan(66);

-- Functions exist with the intended signatures
SELECT has_function('precursor', 'screen', ARRAY['text'], 'screen(text) exists');
SELECT has_function('precursor', 'lookup', ARRAY['text'], 'lookup(text) exists');
SELECT has_function('precursor', 'matches', ARRAY['text'], 'matches(text) exists');
SELECT has_function('precursor', 'explain', ARRAY['text'], 'explain(text) exists');
SELECT has_function('precursor', 'normalize_name', ARRAY['text'], 'normalize_name(text) exists');
SELECT has_function('precursor', 'parse_name', ARRAY['text'], 'parse_name(text) exists');
SELECT has_function('precursor', 'watchlist_cache_info', ARRAY[]::text[], 'watchlist_cache_info() exists');

SELECT function_returns('precursor', 'screen', ARRAY['text'], 'setof precursor.hit', 'screen returns setof precursor.hit');
SELECT function_returns('precursor', 'lookup', ARRAY['text'], 'setof precursor.hit', 'lookup returns setof precursor.hit');
SELECT function_returns('precursor', 'matches', ARRAY['text'], 'boolean', 'matches returns boolean');
SELECT function_returns('precursor', 'normalize_name', ARRAY['text'], 'text', 'normalize_name returns text');

-- Volatility: reading the watchlists and a GUC makes them STABLE;
-- normalisation depends on the input and compiled-in tables only
SELECT volatility_is('precursor', 'screen', ARRAY['text'], 'stable', 'screen is STABLE');
SELECT volatility_is('precursor', 'lookup', ARRAY['text'], 'stable', 'lookup is STABLE');
SELECT volatility_is('precursor', 'matches', ARRAY['text'], 'stable', 'matches is STABLE');
SELECT volatility_is('precursor', 'explain', ARRAY['text'], 'stable', 'explain is STABLE');
SELECT volatility_is('precursor', 'normalize_name', ARRAY['text'], 'immutable', 'normalize_name is IMMUTABLE');
SELECT volatility_is('precursor', 'parse_name', ARRAY['text'], 'immutable', 'parse_name is IMMUTABLE');
SELECT volatility_is('precursor', 'name_variants', ARRAY['text'], 'immutable', 'name_variants is IMMUTABLE');
SELECT volatility_is('precursor', 'lookup', ARRAY['inchikey'], 'stable', 'lookup(inchikey) is STABLE');
SELECT volatility_is('precursor', 'watchlist_cache_info', ARRAY[]::text[], 'volatile', 'watchlist_cache_info is VOLATILE');

-- Strictness, parallel safety, cost, rows
SELECT is_strict('precursor', 'screen', ARRAY['text'], 'screen is STRICT');
SELECT is_strict('precursor', 'lookup', ARRAY['text'], 'lookup is STRICT');
SELECT is_strict('precursor', 'matches', ARRAY['text'], 'matches is STRICT');
SELECT is_strict('precursor', 'normalize_name', ARRAY['text'], 'normalize_name is STRICT');
SELECT results_eq(
	$$SELECT p.proname::text COLLATE "default", p.proparallel::text, p.procost::integer, p.prorows::integer, p.proretset
		FROM pg_catalog.pg_proc p
	   WHERE p.pronamespace = 'precursor'::regnamespace
		 AND p.proname IN ('screen', 'lookup', 'matches', 'explain', 'normalize_name', 'parse_name',
						   'name_variants')
	   ORDER BY 1$$,
	$$VALUES ('explain', 's', 1000, 2, true), ('lookup', 's', 500, 1, true),
			 ('lookup', 's', 500, 1, true), ('matches', 's', 100, 0, false),
			 ('name_variants', 's', 100, 10, true), ('normalize_name', 's', 10, 0, false),
			 ('parse_name', 's', 10, 0, false), ('screen', 's', 500, 2, true)$$,
	'parallel safety, COST and ROWS as documented');

-- The hit type
SELECT has_type('precursor', 'hit', 'type precursor.hit exists');
SELECT results_eq(
	$$SELECT a.attname::text COLLATE "default", pg_catalog.format_type(a.atttypid, a.atttypmod)
		FROM pg_catalog.pg_attribute a
	   WHERE a.attrelid = 'precursor.hit'::regclass AND a.attnum > 0
	   ORDER BY a.attnum$$,
	$$VALUES ('substance_id', 'integer'), ('substance', 'text'), ('casrn', 'casrn'),
			 ('watchlist', 'text'), ('category', 'text'), ('matched_term', 'text'),
			 ('match_kind', 'text'), ('form', 'text'), ('score', 'real'),
			 ('start_pos', 'integer'), ('end_pos', 'integer'), ('matched_text', 'text'),
			 ('negated', 'boolean')$$,
	'precursor.hit columns and types');

-- Comments on every public object of the engine
SELECT ok(pg_catalog.obj_description('precursor.screen(text)'::regprocedure, 'pg_proc') IS NOT NULL, 'screen is documented');
SELECT ok(pg_catalog.obj_description('precursor.matches(text)'::regprocedure, 'pg_proc') IS NOT NULL, 'matches is documented');
SELECT ok(pg_catalog.obj_description('precursor.hit'::regtype, 'pg_type') IS NOT NULL, 'hit is documented');


-- Behaviour: names, synonyms, languages, scripts
SELECT ok(precursor.matches('500 kg acetic anhydride'), 'acetic anhydride');
-- the GUC (defined when the module is loaded, which the call above did)
SELECT is(pg_catalog.current_setting('precursor.fuzzy'), 'on', 'precursor.fuzzy defaults to on');
SELECT ok(precursor.matches('1-phenyl-2-propanone'), '1-phenyl-2-propanone');
SELECT ok(precursor.matches('P-2-P 20 l'), 'P-2-P');
SELECT ok(precursor.matches('BMK oil'), 'BMK');
SELECT ok(precursor.matches('Essigsäureanhydrid'), 'German Essigsäureanhydrid');
SELECT ok(precursor.matches('anhídrido acético'), 'Spanish anhídrido acético');
SELECT ok(precursor.matches('bezwodnik octowy'), 'Polish bezwodnik octowy');
SELECT ok(precursor.matches(E'\u0430cetic anhydride'), 'Cyrillic a in acetic anhydride');
SELECT ok(precursor.matches('ＳＡＦＲＯＬＥ'), 'full-width SAFROLE');
SELECT ok(precursor.matches('3 ,4-MDP-2-P'), 'odd spacing 3 ,4-MDP-2-P');
SELECT is((SELECT DISTINCT match_kind FROM precursor.screen(E'pip\u0435ronal')), 'homoglyph', 'Cyrillic e in piperonal is a homoglyph hit');

-- Forms
SELECT is((SELECT DISTINCT form FROM precursor.screen('ephedrine HCl')), 'salt (hcl)', 'ephedrine HCl: salt');
SELECT ok((SELECT bool_and(form = 'base') AND count(*) = 3 FROM precursor.screen('(1R,2S)-(-)-ephedrine')), '(1R,2S)-(-)-ephedrine: the entry itself, in all three lists');
SELECT ok((SELECT bool_and(form LIKE 'stereoisomer%') AND count(*) = 2 FROM precursor.screen('(1S,2R)-(+)-ephedrine')), '(1S,2R)-(+)-ephedrine: a stereoisomer, in the EU lists only');
SELECT is((precursor.parse_name('(1R,2S)-(-)-Ephedrine HCl 99%')).base, 'ephedrine', 'parse_name strips to the base');

-- Identifiers
SELECT ok(precursor.matches('CAS 103-79-7'), 'CAS 103-79-7');
SELECT ok(precursor.matches('CAS No. 103-79-7'), 'CAS No. 103-79-7');
SELECT ok(precursor.matches('CAS#103-79-7'), 'CAS#103-79-7');
SELECT ok(NOT precursor.matches('CAS 103-79-8'), 'invalid check digit is not matched');
SELECT is((SELECT DISTINCT match_kind || ' ' || score FROM precursor.screen('CN 2914 31 00')), 'cn 0.5', 'CN code with cue: kind cn, score 0.5');

-- Misspellings by default; the setting turns them off
SELECT ok(precursor.matches('acetic anhidride'), 'misspelling matched by default');
SELECT is((SELECT DISTINCT match_kind FROM precursor.screen('acetic anhidride')), 'fuzzy', 'kind fuzzy');
SELECT ok((SELECT bool_and(score < 1) FROM precursor.screen('acetic anhidride')), 'a fuzzy hit scores below 1');
SELECT ok(NOT precursor.matches('acetic anhydrite'), 'a real word (the mineral anhydrite) is no misspelling');
SET LOCAL precursor.fuzzy = off;
SELECT ok(NOT precursor.matches('acetic anhidride'), 'misspelling not matched with fuzzy off');
RESET precursor.fuzzy;

-- Negation
SELECT ok(NOT precursor.matches('toluene-free'), 'toluene-free does not match');
SELECT ok(NOT precursor.matches('other than piperonal'), 'other than piperonal does not match');
SELECT ok((SELECT bool_and(negated) FROM precursor.screen('other than piperonal')), '... but screen() reports it, negated');
SELECT ok(NOT precursor.matches('Lösemittel ohne Safrol'), 'ohne Safrol does not match');

-- Must not match
SELECT ok(NOT precursor.matches('NPPX-200 pump'), 'NPPX is not NPP');
SELECT ok(NOT precursor.matches('ephedrinelike'), 'ephedrine inside a longer word');
SELECT is((SELECT count(*) FROM precursor.lookup('acetone cyanohydrin')), 0::bigint, 'lookup: acetone cyanohydrin is not acetone');
SELECT is((SELECT count(*) FROM precursor.lookup('phenylmagnesium chloride')), 0::bigint, 'lookup: a fixture name not on the lists');

-- Spans
SELECT is((SELECT DISTINCT substr('Größe: Safrol', start_pos, end_pos - start_pos) FROM precursor.screen('Größe: Safrol')),
		  'Safrol', 'character positions after multi-byte characters');

-- A user list is found in the same transaction, at the next command
INSERT INTO precursor.watchlist (code, name, regime) VALUES ('TAP-MATCHING', 'pgTAP list', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act)
SELECT watchlist_id, 'Tapzolamine', 'watch', 'https://example.invalid/t', 'internal'
  FROM precursor.watchlist WHERE code = 'TAP-MATCHING';
SELECT ok(precursor.matches('5 kg tapzolamine'), 'a user substance is found after INSERT');

SELECT * FROM finish();
ROLLBACK;
