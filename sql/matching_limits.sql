--
-- matching_limits: what one call may cost.  precursor.max_hits bounds the
-- hits (and so the memory) of screen() and explain(); normalize_name(),
-- parse_name(), screen() and explain() stop soon after a cancel; lookup()
-- does not read past 64 KiB.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
\set SHOW_CONTEXT never

-- Acetone is on three lists: three hits per mention
SELECT count(*) AS hits_per_mention FROM precursor.screen('acetone');

-- The bound is a superuser setting (it protects the server's memory),
-- defined once the module is loaded (as it now is)
SELECT name, setting, context FROM pg_catalog.pg_settings
 WHERE name = 'precursor.max_hits';
SET precursor.max_hits = 6;
-- two mentions: six hits, at the bound, all returned
SELECT count(*) AS at_the_bound FROM precursor.screen('acetone; acetone');
-- three mentions: over the bound, an error (SQLSTATE 54000), not a silent cut
SELECT count(*) FROM precursor.screen('acetone; acetone; acetone');
DO $$
BEGIN
	PERFORM precursor.explain('acetone; acetone; acetone');
EXCEPTION WHEN program_limit_exceeded THEN
	RAISE NOTICE 'explain: program_limit_exceeded (%)', SQLERRM;
END $$;
-- merged hits do not count: "1-phenyl-2-propanone" holds "phenyl-2-propanone"
-- (a term of the same substance), reported once per list
SET precursor.max_hits = 3;
SELECT substance, watchlist, matched_text
  FROM precursor.screen('1-phenyl-2-propanone') ORDER BY watchlist;
-- matches() stops at the first hit and needs no bound
SELECT precursor.matches(pg_catalog.repeat('acetone ', 131072)) AS matches_1mb;
RESET precursor.max_hits;

-- The reproduction of issue 8: 1 MB of "acetone " (393,216 hits) used to
-- peak at 680 MB; now it stops after the default bound
SELECT count(*) FROM precursor.screen(pg_catalog.repeat('acetone ', 131072));

-- A role may not lift the bound for itself; a superuser may let it
CREATE ROLE matching_limits_analyst;
GRANT USAGE ON SCHEMA precursor TO matching_limits_analyst;
SET ROLE matching_limits_analyst;
SET precursor.max_hits = 100000;
RESET ROLE;
GRANT SET ON PARAMETER precursor.max_hits TO matching_limits_analyst;
SET ROLE matching_limits_analyst;
SET precursor.max_hits = 100000;
SHOW precursor.max_hits;
RESET precursor.max_hits;
RESET ROLE;
REVOKE SET ON PARAMETER precursor.max_hits FROM matching_limits_analyst;
REVOKE USAGE ON SCHEMA precursor FROM matching_limits_analyst;
DROP ROLE matching_limits_analyst;

-- Cancel.  34 MB of text with a stereo sign and a Greek letter in every
-- word (the slow path of normalisation) and no watchlist term, built once
-- outside any timeout.  cancelled_after() runs a query and returns the
-- milliseconds until it was cancelled (NULL if it completed).
CREATE TEMP TABLE matching_limits_big AS
SELECT pg_catalog.repeat('(+)-α xylophone ', 2000000) AS t;
CREATE FUNCTION pg_temp.cancelled_after(q text) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz := pg_catalog.clock_timestamp();
BEGIN
	EXECUTE q;
	RETURN NULL;
EXCEPTION WHEN query_canceled THEN
	RETURN extract(epoch FROM pg_catalog.clock_timestamp() - t0) * 1000;
END $$;
CREATE FUNCTION pg_temp.run_ms(q text) RETURNS float8
LANGUAGE plpgsql AS $$
DECLARE
	t0 timestamptz := pg_catalog.clock_timestamp();
BEGIN
	EXECUTE q;
	RETURN extract(epoch FROM pg_catalog.clock_timestamp() - t0) * 1000;
END $$;

-- normalize_name() of the whole text, uncancelled, gives the scale of this
-- machine; the timeout is a fifth of it.  A cancel served only when the
-- function returns would come at about the full time: it must come well
-- before.  (The figures depend on the machine; only the comparison is
-- printed.)
SELECT pg_temp.run_ms('SELECT pg_catalog.length(precursor.normalize_name(t)) FROM matching_limits_big') AS full_ms \gset
SELECT pg_catalog.set_config('statement_timeout', (:full_ms / 5)::int::text, false) IS NOT NULL AS timeout_set;
SELECT pg_temp.cancelled_after('SELECT pg_catalog.length(precursor.normalize_name(t)) FROM matching_limits_big') AS normalize_ms \gset
SELECT pg_temp.cancelled_after('SELECT (precursor.parse_name(t)).form FROM matching_limits_big') AS parse_ms \gset
SELECT pg_temp.cancelled_after('SELECT count(*) FROM matching_limits_big, precursor.explain(t)') AS explain_ms \gset
SELECT pg_temp.cancelled_after('SELECT count(*) FROM matching_limits_big, precursor.screen(t)') AS screen_ms \gset
RESET statement_timeout;
SELECT :normalize_ms < 0.6 * :full_ms AS normalize_name_cancelled_early,
	   :parse_ms < 0.6 * :full_ms AS parse_name_cancelled_early;
-- screen() and explain() scan faster than normalize_name(), so they are
-- only required to have been cancelled at all
SELECT :explain_ms > 0 AS explain_cancelled, :screen_ms > 0 AS screen_cancelled;
-- and the same statements, plainly: the error a client sees
SET statement_timeout = '100ms';
SELECT pg_catalog.length(precursor.normalize_name(t)) FROM matching_limits_big;
RESET statement_timeout;
-- the session goes on, and a 34 MB string is no chemical name: lookup()
-- refuses it (54000, naming its 64 KiB limit)
SELECT precursor.normalize_name('(+)-Ephedrine HCl') AS after_cancel;
SELECT count(*) AS lookup_of_34mb FROM matching_limits_big, precursor.lookup(t);
DROP TABLE matching_limits_big;
