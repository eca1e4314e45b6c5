--
-- watchlist_signal: the generation counter moves with every committed
-- change to the watchlist tables and not with a rolled back one.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

SELECT precursor.watchlist_generation() AS g0 \gset

-- One statement, one step (however many rows it touches).
INSERT INTO precursor.watchlist (watchlist_id, code, name, regime)
VALUES (990301, 'regress-wl-signal', 'Signal test list', 'internal');
SELECT precursor.watchlist_generation() - :g0 AS after_insert;
INSERT INTO precursor.substance (substance_id, watchlist_id, name, category, source_url, source_act)
VALUES (990301, 990301, 'alpha', 'x', 'https://example.org', 'test'),
       (990302, 990301, 'beta', 'x', 'https://example.org', 'test');
SELECT precursor.watchlist_generation() - :g0 AS after_two_rows;
UPDATE precursor.synonym SET lang = 'en' WHERE synonym_id = 990399;  -- no row: still a signal
SELECT precursor.watchlist_generation() - :g0 AS after_empty_update;

-- Rolled back: the change and its step disappear together.
BEGIN;
INSERT INTO precursor.synonym (synonym_id, substance_id, name, lang, kind)
VALUES (990301, 990301, 'ALF', 'en', 'abbreviation');
SELECT precursor.watchlist_generation() - :g0 AS inside_transaction;
ROLLBACK;
SELECT precursor.watchlist_generation() - :g0 AS after_rollback;

-- Savepoints too.
BEGIN;
SAVEPOINT s;
DELETE FROM precursor.substance WHERE substance_id = 990302;
ROLLBACK TO SAVEPOINT s;
COMMIT;
SELECT precursor.watchlist_generation() - :g0 AS after_rolled_back_savepoint,
       (SELECT count(*) FROM precursor.substance WHERE watchlist_id = 990301) AS substances;

-- A delete that cascades moves it too (one step per table touched).
SELECT precursor.watchlist_generation() AS g1 \gset
DELETE FROM precursor.watchlist WHERE watchlist_id = 990301;
SELECT precursor.watchlist_generation() > :g1 AS after_cascade;

-- The trigger function refuses to run as anything but a statement trigger.
CREATE TEMP TABLE regress_wl_signal_t (i int);
CREATE TRIGGER regress_wl_signal_row AFTER INSERT ON regress_wl_signal_t
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_changed();
INSERT INTO regress_wl_signal_t VALUES (1);
DROP TABLE regress_wl_signal_t;

-- Every watchlist table carries the statement trigger, for every operation.
SELECT c.relname, t.tgname,
       (t.tgtype & 1) = 0 AS for_statement,
       (t.tgtype & (4 | 8 | 16 | 32)) = (4 | 8 | 16 | 32) AS ins_del_upd_trunc
  FROM pg_catalog.pg_trigger AS t JOIN pg_catalog.pg_class AS c ON c.oid = t.tgrelid
 WHERE t.tgfoid = 'precursor.watchlist_changed()'::regprocedure
 ORDER BY 1;

-- The generation is STABLE (a snapshot value), readable cheaply.
SELECT provolatile, proparallel FROM pg_catalog.pg_proc
 WHERE oid = 'precursor.watchlist_generation()'::regprocedure;

DELETE FROM precursor.watchlist_audit WHERE row_key ->> 'watchlist_id' = '990301'
    OR row_key ->> 'substance_id' IN ('990301', '990302');
