--
-- matching_cache: the per-backend compiled watchlist follows changes made in
-- the same session (at the next command, and back at ROLLBACK); long texts
-- are scanned with bounded memory; a long scan can be cancelled.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

SELECT terms AS base_terms FROM precursor.watchlist_cache_info() \gset

BEGIN;
-- not yet on any list
SELECT count(*) AS before FROM precursor.screen('20 l Zylofraxin and Zylofrax base');
SELECT precursor.matches('20 l Zylofraxin') AS before;

INSERT INTO precursor.watchlist (code, name, regime)
VALUES ('MATCHING-CACHE-TEST', 'matching_cache test list', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act)
SELECT watchlist_id, 'Zylofrax', 'watch', 'https://example.invalid/zylofrax', 'internal note 1'
  FROM precursor.watchlist WHERE code = 'MATCHING-CACHE-TEST';
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT substance_id, 'Zylofraxin', 'de', 'translation'
  FROM precursor.substance WHERE name = 'Zylofrax';

-- the next command sees the new list: two more terms
SELECT terms - :base_terms AS new_terms FROM precursor.watchlist_cache_info();
SELECT substance, watchlist, category, matched_term, match_kind, start_pos, end_pos
  FROM precursor.screen('20 l Zylofraxin and Zylofrax base');
SELECT precursor.matches('20 l Zylofraxin') AS after_insert,
	   precursor.matches('20 l, ohne Zylofraxin') AS negated;

-- a deactivated list is not screened
UPDATE precursor.watchlist SET active = false WHERE code = 'MATCHING-CACHE-TEST';
SELECT precursor.matches('20 l Zylofraxin') AS inactive;
UPDATE precursor.watchlist SET active = true WHERE code = 'MATCHING-CACHE-TEST';
SELECT precursor.matches('20 l Zylofraxin') AS active_again;

-- a synonym deleted
DELETE FROM precursor.synonym WHERE name = 'Zylofraxin';
SELECT precursor.matches('20 l Zylofraxin') AS synonym_deleted,
	   precursor.matches('20 l Zylofrax') AS name_kept;
ROLLBACK;

-- the rolled-back list is gone from the cache as well
SELECT precursor.matches('20 l Zylofrax') AS after_rollback;
SELECT terms - :base_terms AS new_terms FROM precursor.watchlist_cache_info();

-- A rebuild that fails (here: a role that may not read the watchlists)
-- leaves no half-built cache: the next call by a reader rebuilds and works
CREATE ROLE matching_cache_outsider;
BEGIN;
INSERT INTO precursor.watchlist (code, name, regime)
VALUES ('MATCHING-CACHE-TEST', 'matching_cache test list', 'internal');
SET LOCAL ROLE matching_cache_outsider;
\set VERBOSITY terse
SELECT precursor.matches('acetic anhydride');
\set VERBOSITY default
ROLLBACK;
SELECT precursor.matches('acetic anhydride') AS after_failed_build,
	   precursor.matches('Zylofrax') AS zylofrax;
-- and a cache built by a reader does not serve a role that may not read
-- the lists (checked once per statement and role)
SET ROLE matching_cache_outsider;
SELECT precursor.matches('acetic anhydride');
SELECT count(*) FROM precursor.screen('acetic anhydride');
RESET ROLE;
SELECT precursor.matches('acetic anhydride') AS reader_again;
DROP ROLE matching_cache_outsider;

-- Long texts: 20 MB with one mention at the very end, and multi-byte
-- characters before it (positions are characters, not bytes)
SELECT h.watchlist, h.matched_text, h.start_pos,
	   h.start_pos = 1 + pg_catalog.length(pg_catalog.repeat('Größe 25 kg; Natriumchlorid, ', 700000)) AS pos_ok,
	   pg_catalog.octet_length(pg_catalog.repeat('Größe 25 kg; Natriumchlorid, ', 700000)) > 20000000 AS over_20mb
  FROM precursor.screen(pg_catalog.repeat('Größe 25 kg; Natriumchlorid, ', 700000) || 'Essigsäureanhydrid') h
 ORDER BY h.watchlist;
SELECT precursor.matches(pg_catalog.repeat('sodium chloride 25 kg bags, ', 800000)) AS clean_22mb,
	   precursor.matches(pg_catalog.repeat('sodium chloride 25 kg bags, ', 800000) || 'safrole') AS safrole_at_end;
-- many hits in one long text: every one reported (above the default
-- precursor.max_hits: see matching_limits)
SET precursor.max_hits = 100000;
SELECT count(*) AS hits, count(DISTINCT start_pos) AS mentions
  FROM precursor.screen(pg_catalog.repeat('500 kg acetic anhydride in drums; ', 20000));

-- Cancel: statement_timeout stops a scan in the middle.  No fixed timeout
-- is assumed fast or slow enough: the whole scan of ~450,000 mentions is
-- timed first, then run again with a timeout of a tenth of that; it must
-- be cancelled, and well before the whole scan's time (a scan that polled
-- for interrupts only at the end would also raise the error, but late).
CREATE TEMP TABLE matching_cache_big (t text);
ALTER TABLE matching_cache_big ALTER COLUMN t SET STORAGE EXTERNAL;
INSERT INTO matching_cache_big
SELECT pg_catalog.repeat('500 kg acetic anhydride; ', 150000);
SET precursor.max_hits = 1000000;
CREATE TEMP TABLE matching_cache_clock (what text, at timestamptz);
CREATE FUNCTION pg_temp.stamp(what text) RETURNS void LANGUAGE sql AS
$$ INSERT INTO matching_cache_clock VALUES (what, pg_catalog.clock_timestamp()) $$;
SELECT pg_temp.stamp('full start');
SELECT count(*) > 400000 AS many_hits FROM matching_cache_big, LATERAL precursor.screen(t);
SELECT pg_temp.stamp('full end');
SELECT pg_catalog.set_config('statement_timeout',
         (greatest(1, extract(epoch FROM max(at) - min(at)) * 100))::int::text, false) IS NOT NULL AS timeout_set
  FROM matching_cache_clock;
SELECT pg_temp.stamp('cancelled start');
SELECT count(*) FROM matching_cache_big, LATERAL precursor.screen(t);
RESET statement_timeout;
SELECT pg_temp.stamp('cancelled end');
SELECT (SELECT max(at) - min(at) FROM matching_cache_clock WHERE what LIKE 'cancelled%')
       < (SELECT max(at) - min(at) FROM matching_cache_clock WHERE what LIKE 'full%') / 2
       AS cancelled_early;
RESET precursor.max_hits;
-- and the session goes on
SELECT precursor.matches('acetic anhydride') AS after_cancel;
DROP TABLE matching_cache_big;

-- The matcher store: a new backend reading the same lists loads the matcher
-- compiled by an earlier one ($PGDATA/pg_precursor) instead of compiling it,
-- and it finds the same things
SELECT terms - :base_terms AS new_terms FROM precursor.watchlist_cache_info();
\c
SELECT loaded FROM precursor.watchlist_cache_info();
SELECT precursor.matches('500 kg acetic anhydride') AS acetic_anhydride,
	   precursor.matches('sodium chloride') AS salt,
	   count(*) AS safrole_hits
  FROM precursor.screen('safrole, CAS 94-59-7');
