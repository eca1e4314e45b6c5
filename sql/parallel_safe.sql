SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- Functions declared PARALLEL SAFE run in parallel workers: the matching
-- functions (each worker builds its own watchlist cache), the identifier
-- types' functions and SQL functions over the lists.  This file makes the
-- planner use workers and checks that their answers are the leader's.
CREATE SCHEMA parallel_safe;
SET search_path = parallel_safe, public;

CREATE TABLE goods (id int PRIMARY KEY, descr text);
INSERT INTO goods
SELECT i, (ARRAY['500 kg acetic anhydride in drums', 'toluene-free paint thinner',
                 'Kaliumpermanganat 40 kg', 'cotton shirts', 'safrole oil, CAS 94-59-7',
                 '(1R,2S)-(-)-Ephedrine HCl 99%', 'peinture sans toluène', 'EINECS 200-662-2',
                 'piperonal 99%', 'stainless steel bolts'])[1 + i % 10] || ' #' || i
  FROM generate_series(1, 3000) i;
ANALYZE goods;

-- what each function answers over the table
CREATE VIEW answers AS
SELECT (SELECT count(*) FROM goods WHERE precursor.matches(descr)) AS matches,
       (SELECT count(*) FROM goods, LATERAL precursor.screen(descr) h WHERE NOT h.negated) AS screen_hits,
       (SELECT sum(hashtext(h.substance || h.match_kind || h.start_pos))
          FROM goods, LATERAL precursor.screen(descr) h) AS screen_digest,
       (SELECT count(*) FROM goods, LATERAL precursor.lookup(split_part(descr, ' #', 1)) h) AS lookup_hits,
       (SELECT count(*) FROM goods, LATERAL precursor.explain(descr) e) AS explained,
       (SELECT sum(hashtext(precursor.normalize_name(descr))) FROM goods) AS normalized_digest,
       (SELECT count(*) FROM goods WHERE (precursor.parse_name(descr)).salt IS NOT NULL) AS salts;

-- serial answers first
SET max_parallel_workers_per_gather = 0;
CREATE TABLE serial AS SELECT * FROM answers;

-- then in parallel workers: no setup cost, every plan through Gather
SET max_parallel_workers_per_gather = 2;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET parallel_leader_participation = off;
SET force_parallel_mode = on;

-- the filter runs below the Gather, in the workers
EXPLAIN (COSTS OFF) SELECT count(*) FROM goods WHERE precursor.matches(descr);
EXPLAIN (COSTS OFF) SELECT count(*) FROM goods, LATERAL precursor.screen(descr) h WHERE NOT h.negated;

-- workers were launched and did the work: the leader does not participate,
-- so every row the Gather returns came from a worker
CREATE FUNCTION workers_launched(q text) RETURNS TABLE (launched int, rows_from_workers bigint)
LANGUAGE plpgsql AS $$
DECLARE
	plan jsonb;
BEGIN
	EXECUTE 'EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF, FORMAT JSON) ' || q INTO plan;
	RETURN QUERY
	SELECT (g->>'Workers Launched')::int, (g->>'Actual Rows')::bigint
	  FROM jsonb_path_query(plan, 'strict $.**') g
	 WHERE g->>'Node Type' = 'Gather';
END $$;
SELECT * FROM workers_launched('SELECT id FROM goods WHERE precursor.matches(descr)');
SELECT * FROM workers_launched('SELECT id FROM goods, LATERAL precursor.screen(descr) h');
-- every subquery of the comparison below runs under a Gather of its own
SELECT count(*) AS gathers, min(launched) AS min_launched
  FROM workers_launched('SELECT * FROM answers');

-- the same answers as the serial run
SELECT * FROM answers EXCEPT SELECT * FROM serial;
SELECT matches, screen_hits, lookup_hits, explained, salts FROM serial;

-- precursor.fuzzy set in the leader reaches the workers (GUCs are copied)
SET precursor.fuzzy = on;
SELECT count(*) AS fuzzy_in_workers FROM goods WHERE precursor.matches(replace(descr, 'anhydride', 'anhidride'));
SET precursor.fuzzy = off;
SELECT count(*) AS exact_in_workers FROM goods WHERE precursor.matches(replace(descr, 'anhydride', 'anhidride'));
RESET precursor.fuzzy;

-- The identifier types' functions and an SQL function over the lists are
-- PARALLEL SAFE too: input, output, validation, comparison, hashing,
-- containment and substance_profile() give the leader's answers in workers.
SET force_parallel_mode = off;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE ids AS
SELECT i, t.cas_text, CASE WHEN precursor.is_casrn(t.cas_text) THEN t.cas_text::casrn END AS cas,
       t.cn_text, CASE WHEN precursor.is_cncode(t.cn_text) THEN t.cn_text::cncode END AS cn
  FROM generate_series(1, 3000) i,
       LATERAL (SELECT (ARRAY['103-79-7', '103-79-8', '50-00-0', '7732-18-5', '7722-64-7'])[1 + i % 5] AS cas_text,
                       (ARRAY['2914 31 00', '2939', '29', '9999 99', '29143'])[1 + i % 5] AS cn_text) t;
ANALYZE ids;
CREATE VIEW id_answers AS
SELECT (SELECT count(*) FROM ids WHERE precursor.is_casrn(cas_text)) AS valid_cas,
       (SELECT sum(hashtext(cas::text)) FROM ids WHERE cas > '50-00-0'::casrn) AS cas_digest,
       (SELECT count(DISTINCT cas) FROM ids) AS distinct_cas,
       (SELECT count(*) FROM ids WHERE cn <@ '29'::cncode) AS under_29,
       (SELECT sum(hashtext(precursor.cn_level(cn))) FROM ids) AS level_digest,
       (SELECT count(*) FROM ids, LATERAL precursor.substance_profile(cas) p) AS profiles;
CREATE TABLE id_serial AS SELECT * FROM id_answers;
SET max_parallel_workers_per_gather = 2;
SET force_parallel_mode = on;
SELECT count(*) AS gathers, min(launched) AS min_launched
  FROM workers_launched('SELECT * FROM id_answers');
SELECT * FROM id_answers EXCEPT SELECT * FROM id_serial;
SELECT valid_cas, distinct_cas, under_29, profiles FROM id_serial;

-- watchlist_cache_info() is PARALLEL RESTRICTED: it stays in the leader
EXPLAIN (COSTS OFF) SELECT id, (SELECT terms FROM precursor.watchlist_cache_info()) FROM goods WHERE id = 1;

RESET ALL;
DROP SCHEMA parallel_safe CASCADE;
