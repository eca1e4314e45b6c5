-- screen_bench.sql: the matching engine against PostgreSQL's own tools, on
-- the same rows of the generated corpus, in one run.  Driven by
-- bench/screen_bench.sh, which loads bench.corpus first and sets the psql
-- variables rows_regex, rows_ilike, rows_fts, rows_trgm, rows_fuzzy100k.
--
-- Every method is timed as one query over the first N rows of the corpus
-- (clock_timestamp() around an EXECUTE), single-threaded (no parallel
-- query, no JIT), with the watchlist cache already built, so the times are
-- per-row evaluation costs plus the scan of the table; the scan alone is
-- measured too ("baseline") and subtracted in the net column.
\set ON_ERROR_STOP 1
\pset pager off
SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '256MB';
CREATE EXTENSION IF NOT EXISTS pg_trgm;

DROP TABLE IF EXISTS bench.result;
CREATE TABLE bench.result (
	seq		serial,
	method	text,
	nrows	integer,
	ms		float8,
	tp		bigint,
	fp		bigint,
	fn		bigint,
	tn		bigint,
	by_class jsonb
);

-- Evaluate pred on the first nrows rows, reps times; record the fastest
-- time (the machine may be shared) and the confusion counts.
CREATE OR REPLACE FUNCTION bench.run(method text, pred text, nrows integer,
									 fuzzy boolean DEFAULT false, reps integer DEFAULT 3) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
	t0		timestamptz;
	best	float8 := 'Infinity';
	i		integer;
BEGIN
	PERFORM set_config('precursor.fuzzy', fuzzy::text, true);
	FOR i IN 1 .. reps LOOP
		DROP TABLE IF EXISTS bench_r;
		t0 := clock_timestamp();
		EXECUTE format(
			'CREATE TEMP TABLE bench_r AS
			 SELECT class, truth, count(*) FILTER (WHERE p) AS hit, count(*) AS n
			   FROM (SELECT class, truth, (%s) AS p FROM bench.corpus WHERE id <= %s) s
			  GROUP BY class, truth', pred, nrows);
		best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
	END LOOP;
	INSERT INTO bench.result (method, nrows, ms, tp, fp, fn, tn, by_class)
	SELECT method, sum(n), best,
		   coalesce(sum(hit) FILTER (WHERE truth), 0),
		   coalesce(sum(hit) FILTER (WHERE NOT truth), 0),
		   coalesce(sum(n - hit) FILTER (WHERE truth), 0),
		   coalesce(sum(n - hit) FILTER (WHERE NOT truth), 0),
		   jsonb_object_agg(class, round(hit::numeric / n, 3))
	  FROM bench_r;
	DROP TABLE bench_r;
	RAISE NOTICE '% on % rows: % ms (best of %)', method, nrows, round(best::numeric), reps;
END
$$;
SET client_min_messages = notice;

-- Terms of the shipped lists, as a user of the baselines would take them.
DROP TABLE IF EXISTS bench.terms;
CREATE TABLE bench.terms AS
	SELECT DISTINCT pg_catalog.lower(term) AS term FROM precursor.watchlist_term;
SELECT count(*) AS shipped_terms FROM bench.terms \gset
\echo shipped distinct terms: :shipped_terms

-- Warm the cache (exact and fuzzy) and the table.
SELECT precursor.matches('warm up');
SET precursor.fuzzy = on;
SELECT precursor.matches('warm up');
RESET precursor.fuzzy;
SELECT count(*) FROM bench.corpus;

-- ---------------------------------------------------------------------------
-- 1. precursor.matches on every row, exact and fuzzy
-- ---------------------------------------------------------------------------
SELECT bench.run('baseline (scan only)', 'true', 1000000000);
SELECT bench.run('precursor.matches', 'precursor.matches(t)', 1000000000);
SELECT bench.run('precursor.matches fuzzy', 'precursor.matches(t)', 1000000000, true);

-- ---------------------------------------------------------------------------
-- 2. ~* alternation of all terms, with word boundaries.  PostgreSQL limits
-- the size of a compiled regex; if the whole alternation is rejected, split
-- it into the fewest chunks that compile and OR them.
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION bench.regex_pred() RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
	k		integer := 1;
	pats	text[];
	p		text;
	ok		boolean;
	msg		text;
BEGIN
	LOOP
		SELECT array_agg(pat ORDER BY g) INTO pats FROM (
			SELECT g, '(?:^|[^[:alnum:]])(?:' || string_agg(esc, '|') || ')(?:[^[:alnum:]]|$)' AS pat
			  FROM (SELECT ntile(k) OVER (ORDER BY term) AS g,
						   regexp_replace(term, '([][(){}.*+?^$|\\])', '\\\1', 'g') AS esc
					  FROM bench.terms) x
			 GROUP BY g) y;
		ok := true;
		BEGIN
			FOREACH p IN ARRAY pats LOOP
				PERFORM 'probe' ~* p;
			END LOOP;
		EXCEPTION WHEN OTHERS THEN
			ok := false;
			msg := SQLERRM;
		END;
		IF ok THEN
			RAISE NOTICE 'regex: % chunk(s) of ~% terms each%', k, (SELECT count(*) FROM bench.terms) / k,
				CASE WHEN msg IS NULL THEN '' ELSE format(' (one alternation was rejected: %s)', msg) END;
			INSERT INTO bench.notes VALUES ('regex', format('%s chunk(s)%s', k,
				CASE WHEN msg IS NULL THEN '' ELSE format('; a single alternation of all terms fails: %s', msg) END));
			RETURN (SELECT string_agg(format('t ~* %L', q), ' OR ') FROM unnest(pats) q);
		END IF;
		IF k = 1 THEN
			RAISE NOTICE 'regex: one alternation rejected: %', msg;
		END IF;
		k := k * 2;
		IF k > 1024 THEN
			RAISE EXCEPTION 'no chunking of the regex compiles: %', msg;
		END IF;
	END LOOP;
END
$$;
DROP TABLE IF EXISTS bench.notes;
CREATE TABLE bench.notes (method text, note text);
SELECT bench.regex_pred() AS regex_pred \gset
SELECT bench.run('precursor.matches', 'precursor.matches(t)', :rows_regex);
SELECT bench.run('precursor.matches fuzzy', 'precursor.matches(t)', :rows_regex, true);
SELECT bench.run('baseline (scan only)', 'true', :rows_regex);
SELECT bench.run('~* alternation', :'regex_pred', :rows_regex, false, 1);

-- ---------------------------------------------------------------------------
-- 3. ILIKE ANY (no word boundaries possible)
-- ---------------------------------------------------------------------------
SELECT format('t ILIKE ANY (%L::text[])',
			  array_agg('%' || replace(replace(replace(term, '\', '\\'), '%', '\%'), '_', '\_') || '%'))
	AS ilike_pred FROM bench.terms \gset
SELECT bench.run('precursor.matches', 'precursor.matches(t)', :rows_ilike);
SELECT bench.run('precursor.matches fuzzy', 'precursor.matches(t)', :rows_ilike, true);
SELECT bench.run('baseline (scan only)', 'true', :rows_ilike);
SELECT bench.run('ILIKE ANY', :'ilike_pred', :rows_ilike, false, 1);

-- ---------------------------------------------------------------------------
-- 4. Full-text search: OR of one phrase query per term, 'simple' config
-- ---------------------------------------------------------------------------
SELECT format('to_tsvector(''simple'', t) @@ %L::tsquery',
			  string_agg('(' || q::text || ')', ' | ')) AS fts_pred
  FROM (SELECT phraseto_tsquery('simple', term) AS q FROM bench.terms) x
 WHERE q::text <> '' \gset
SELECT bench.run('precursor.matches', 'precursor.matches(t)', :rows_fts);
SELECT bench.run('precursor.matches fuzzy', 'precursor.matches(t)', :rows_fts, true);
SELECT bench.run('baseline (scan only)', 'true', :rows_fts);
SELECT bench.run('full-text search', :'fts_pred', :rows_fts, false, 1);

-- ---------------------------------------------------------------------------
-- 5. pg_trgm word_similarity > 0.8 against every term (subsample)
-- ---------------------------------------------------------------------------
SET pg_trgm.word_similarity_threshold = 0.8;
SELECT bench.run('precursor.matches', 'precursor.matches(t)', :rows_trgm);
SELECT bench.run('precursor.matches fuzzy', 'precursor.matches(t)', :rows_trgm, true);
SELECT bench.run('baseline (scan only)', 'true', :rows_trgm);
SELECT bench.run('pg_trgm word_similarity > 0.8',
				 'EXISTS (SELECT 1 FROM bench.terms x WHERE x.term <% t)', :rows_trgm, false, 1);

-- ---------------------------------------------------------------------------
-- 6. Flat cost: 1,000 terms versus 100,000 terms
-- ---------------------------------------------------------------------------
SELECT count(*) AS n0 FROM precursor.watchlist_term \gset
INSERT INTO precursor.watchlist (code, name, regime)
VALUES ('BENCH-1K', 'benchmark: filler to 1,000 terms', 'internal'),
	   ('BENCH-100K', 'benchmark: 99,000 generated terms', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act)
SELECT watchlist_id, 'generated ' || code, 'bench', 'https://example.invalid/bench', 'benchmark'
  FROM precursor.watchlist WHERE code IN ('BENCH-1K', 'BENCH-100K');

-- Plausible chemical names that the corpus does not contain.
CREATE TEMP TABLE gen_names AS
SELECT DISTINCT ON (nm) nm, row_number() OVER () AS rn FROM (
	SELECT (i % 7 + 1) || ',' || (i / 7 % 5 + 2) || '-' ||
		   (ARRAY['methyl','ethyl','propyl','butyl','chloro','bromo','fluoro','nitro','amino','hydroxy',
				  'methoxy','phenyl','benzyl','acetyl','cyano','oxo','dimethyl','isopropyl','ethoxy','carboxy'])[i / 35 % 20 + 1] ||
		   (ARRAY['methyl','ethyl','propyl','butyl','chloro','bromo','fluoro','nitro','amino','hydroxy',
				  'methoxy','phenyl','benzyl','acetyl','cyano','oxo','dimethyl','isopropyl','ethoxy','carboxy'])[i / 700 % 20 + 1] ||
		   (ARRAY['piperidine','oxirane','propanone','butanoate','pyrrolidine','benzodioxole','acetamide',
				  'malonate','propanamide','anthranilate','glycidate','indole','tryptamine','phenethylamine',
				  'benzoate','valeronitrile','hexanal','pentanone','sulfonate','carbamate'])[i / 14000 % 20 + 1] AS nm
	  FROM generate_series(0, 279999) i) g;
SELECT count(*) AS generated FROM gen_names;

INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT s.substance_id, g.nm, 'und', 'other'
  FROM gen_names g, precursor.substance s
 WHERE s.name = 'generated BENCH-1K' AND g.rn <= greatest(1000 - :n0, 0);
SELECT count(*) AS terms_1k FROM precursor.watchlist_term \gset
\echo terms with the 1k filler: :terms_1k
\timing on
SELECT * FROM precursor.watchlist_cache_info();
\timing off
SELECT bench.run('precursor.matches, 1k terms', 'precursor.matches(t)', 1000000000);
-- the ~* alternation over the same 1,000 terms, on a subsample (PostgreSQL
-- needs ~1 s to compile it; 10,000 terms did not compile within minutes)
TRUNCATE bench.terms;
INSERT INTO bench.terms SELECT DISTINCT pg_catalog.lower(term) FROM precursor.watchlist_term;
SELECT bench.regex_pred() AS regex_pred_1k \gset
SELECT bench.run('precursor.matches, 1k terms', 'precursor.matches(t)', :rows_trgm);
SELECT bench.run('baseline (scan only)', 'true', :rows_trgm);
SELECT bench.run('~* alternation, 1k terms', :'regex_pred_1k', :rows_trgm, false, 1);
SELECT bench.run('baseline (scan only)', 'true', :rows_fuzzy100k);
SELECT bench.run('precursor.matches fuzzy, 1k terms', 'precursor.matches(t)', :rows_fuzzy100k, true);

INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT s.substance_id, g.nm, 'und', 'other'
  FROM (SELECT nm FROM gen_names ORDER BY rn OFFSET greatest(1000 - :n0, 0) LIMIT 99000) g,
	   precursor.substance s
 WHERE s.name = 'generated BENCH-100K';
SELECT count(*) AS terms_100k FROM precursor.watchlist_term \gset
\echo terms with the 100k filler: :terms_100k
\echo compile time of the exact matcher, 100k terms:
\timing on
SELECT * FROM precursor.watchlist_cache_info();
\timing off
\echo load time of the stored exact matcher, 100k terms, in a new backend:
\c
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '256MB';
\timing on
SELECT * FROM precursor.watchlist_cache_info();
\timing off
SELECT bench.run('precursor.matches, 100k terms', 'precursor.matches(t)', 1000000000);
\echo compile time of the fuzzy matcher, 100k terms:
\timing on
SET precursor.fuzzy = on;
SELECT precursor.matches('warm up');
RESET precursor.fuzzy;
\timing off
\echo load time of the stored fuzzy matcher, 100k terms, in a new backend:
\c
SET max_parallel_workers_per_gather = 0;
SET jit = off;
SET work_mem = '256MB';
SELECT * FROM precursor.watchlist_cache_info();
\timing on
SET precursor.fuzzy = on;
SELECT precursor.matches('warm up');
RESET precursor.fuzzy;
\timing off
SELECT bench.run('precursor.matches fuzzy, 100k terms', 'precursor.matches(t)', :rows_fuzzy100k, true);

DELETE FROM precursor.watchlist WHERE code IN ('BENCH-1K', 'BENCH-100K');

-- ---------------------------------------------------------------------------
-- Report
-- ---------------------------------------------------------------------------
\echo
\echo Results (us/row net = minus the scan-only baseline on the same rows;
\echo ratio = net us/row of the method / net us/row of precursor.matches on the same rows)
WITH r AS (
	SELECT r.*, r.ms * 1000 / r.nrows AS us,
		   (SELECT b.ms * 1000 / b.nrows FROM bench.result b
			 WHERE b.method = 'baseline (scan only)' AND b.nrows = r.nrows ORDER BY b.seq DESC LIMIT 1) AS base_us
	  FROM bench.result r
)
SELECT method, nrows AS rows,
	   round(us::numeric, 2) AS "us/row",
	   round(greatest(us - base_us, 0)::numeric, 2) AS "net us/row",
	   round(((us - base_us) / nullif((SELECT m.ms * 1000 / m.nrows FROM r m
									   WHERE m.method = 'precursor.matches' AND m.nrows = r.nrows
									   ORDER BY m.seq DESC LIMIT 1) - base_us, 0))::numeric, 1) AS ratio,
	   round(tp::numeric / nullif(tp + fn, 0), 3) AS recall,
	   round(tp::numeric / nullif(tp + fp, 0), 3) AS precision,
	   tp, fp, fn
  FROM r
 WHERE method <> 'baseline (scan only)'
 ORDER BY seq;

\echo Share of rows flagged, per corpus class (recall for t classes, false-positive rate for f classes)
SELECT method, nrows AS rows, by_class FROM bench.result WHERE method <> 'baseline (scan only)' ORDER BY seq;
SELECT * FROM bench.notes;
