--
-- dba_guards: the smaller promises to a DBA.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
SET search_path = public, precursor;
SELECT precursor.is_casrn('103-79-7');   -- loads the library

-- The precursor.* settings are reserved: a typo is an error.
SET precursor.fuzy = on;
SET precursor.fuzzy = on;
SHOW precursor.fuzzy;
RESET precursor.fuzzy;

CREATE FUNCTION dba_guards_error(sql text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
	st text; msg text; det text; hint text;
BEGIN
	EXECUTE sql;
	RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
	GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, det = PG_EXCEPTION_DETAIL,
	                        hint = PG_EXCEPTION_HINT;
	RETURN st || ': ' || msg || coalesce(' / ' || nullif(det, ''), '') || coalesce(' / ' || nullif(hint, ''), '');
END $$;

-- lookup() of a text over its limit says so (54000, naming the limit).
SELECT count(*) FROM precursor.lookup(repeat('a', 65536));
SELECT dba_guards_error($$SELECT * FROM precursor.lookup(repeat('a', 65537))$$);

-- explain_alert of an unknown alert errors like review_alert.
SELECT dba_guards_error($$SELECT * FROM precursor.explain_alert(-99)$$);
SELECT dba_guards_error($$SELECT * FROM precursor.review_alert(-99, 'cleared', 'x')$$);

-- Trigger arguments: the error names the argument.
CREATE TABLE dba_guards_decl (id int, goods text, day date, qty numeric, unit text, buyer text);
SELECT dba_guards_error($$SELECT precursor.attach_screening('dba_guards_decl', 'description=goods', 'window=thirty days')$$);
SELECT dba_guards_error($$SELECT precursor.attach_screening('dba_guards_decl', 'description=goods', 'fuzzy=maybe')$$);
SELECT dba_guards_error($$SELECT precursor.attach_screening('dba_guards_decl', 'description=nosuch')$$);

-- A second screening trigger on a table is refused.
SELECT precursor.attach_screening('dba_guards_decl', 'description=goods', 'key=id') IS NOT NULL AS attached;
SELECT dba_guards_error($$CREATE TRIGGER second_screen BEFORE INSERT ON dba_guards_decl
	FOR EACH ROW EXECUTE FUNCTION precursor.screen_trigger('description=goods')$$);
SELECT tgname FROM pg_trigger WHERE tgrelid = 'dba_guards_decl'::regclass ORDER BY tgname;
DROP TABLE dba_guards_decl;

-- DROP EXTENSION refuses while user data exists, unless the DBA says so.
BEGIN;
INSERT INTO precursor.watchlist (code, name, regime) VALUES ('DBA-GUARD', 'Guard test', 'internal');
SAVEPOINT s;
SELECT regexp_replace(dba_guards_error('DROP EXTENSION precursor CASCADE'), ' [0-9]+ ', ' N ', 'g');
SELECT regexp_replace(dba_guards_error('DROP SCHEMA public CASCADE'), ' [0-9]+ ', ' N ', 'g');
SELECT count(*) AS still_installed FROM pg_extension WHERE extname = 'precursor';
SET LOCAL precursor.allow_drop_with_data = on;
DROP EXTENSION precursor CASCADE;
SELECT count(*) AS dropped FROM pg_extension WHERE extname = 'precursor';
ROLLBACK;
SELECT count(*) AS back_after_rollback FROM pg_extension WHERE extname = 'precursor';
SELECT count(*) AS guard_list_gone FROM precursor.watchlist WHERE code = 'DBA-GUARD';

DROP FUNCTION dba_guards_error(text);
RESET search_path;
