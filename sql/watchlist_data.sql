--
-- watchlist_data: the shipped EU and UN lists are complete, sound and sourced.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
\set SHOW_CONTEXT never
-- The identifier types' operators live in schema precursor, as analysts would have it.
SET search_path = public, precursor;

-- The three shipped lists.
SELECT watchlist_id, code, regime, builtin, active
  FROM precursor.watchlist WHERE builtin ORDER BY watchlist_id;

-- Entries per list and category, as the acts have them.
SELECT w.code, s.category, count(*)
  FROM precursor.substance AS s JOIN precursor.watchlist AS w USING (watchlist_id)
 WHERE s.builtin GROUP BY 1, 2 ORDER BY 1, 2;

-- The 64 EU rows of the reference data: 60 entries of 273/2004 plus the four
-- (product, CN code) rows of Category 4, which exists only in 111/2005.
SELECT (SELECT count(*) FROM precursor.substance WHERE watchlist_id = 1)
     + (SELECT count(*) FROM precursor.substance_cn JOIN precursor.substance USING (substance_id)
         WHERE watchlist_id = 2 AND category = '4') AS eu_rows,
       (SELECT count(*) FROM precursor.substance WHERE watchlist_id = 3) AS un_rows;

-- 111/2005 holds exactly the 273/2004 entries (2A and 2B as Category 2) plus Category 4.
SELECT name, CASE WHEN category IN ('2A', '2B') THEN '2' ELSE category END, casrn
  FROM precursor.substance WHERE watchlist_id = 1
EXCEPT
SELECT name, category, casrn FROM precursor.substance WHERE watchlist_id = 2;
SELECT name, category, casrn FROM precursor.substance WHERE watchlist_id = 2 AND category <> '4'
EXCEPT
SELECT name, CASE WHEN category IN ('2A', '2B') THEN '2' ELSE category END, casrn
  FROM precursor.substance WHERE watchlist_id = 1;

-- Every CAS RN is valid: recompute its check digit independently of the type.
SELECT count(*) AS with_cas,
       count(*) FILTER (WHERE precursor.casrn_check_digit(precursor.int8(casrn) / 10)
                              <> precursor.int8(casrn) % 10) AS bad_check_digit
  FROM precursor.substance WHERE casrn IS NOT NULL;

-- No orphans, no entry without a CN code, a source or an act.
SELECT (SELECT count(*) FROM precursor.watchlist AS w WHERE NOT EXISTS
          (SELECT FROM precursor.substance AS s WHERE s.watchlist_id = w.watchlist_id)) AS empty_lists,
       (SELECT count(*) FROM precursor.substance AS s WHERE NOT EXISTS
          (SELECT FROM precursor.substance_cn AS c WHERE c.substance_id = s.substance_id)) AS without_cn,
       (SELECT count(*) FROM precursor.substance
         WHERE source_url !~ '^https?://' OR source_act = '') AS without_source,
       (SELECT count(*) FROM precursor.synonym AS y WHERE NOT EXISTS
          (SELECT FROM precursor.substance AS s WHERE s.substance_id = y.substance_id)) AS orphan_synonyms,
       (SELECT count(*) FROM precursor.synonym WHERE builtin AND source_url IS NULL) AS unsourced_synonyms;

-- Shipped ids sit in the reserved range; the sequences start above it.
SELECT max(watchlist_id) < 100000 AS lists, (SELECT max(substance_id) < 100000 FROM precursor.substance) AS substances,
       (SELECT max(synonym_id) < 100000 FROM precursor.synonym) AS synonyms
  FROM precursor.watchlist;
SELECT sequencename, start_value FROM pg_catalog.pg_sequences
 WHERE schemaname = 'precursor'
   AND sequencename IN ('watchlist_watchlist_id_seq', 'substance_substance_id_seq', 'synonym_synonym_id_seq')
 ORDER BY 1;

-- Latest additions (Delegated Regulation (EU) 2025/1475), on both EU lists.
SELECT w.code, s.name, s.casrn, s.category, s.in_force_from, s.source_act
  FROM precursor.substance AS s JOIN precursor.watchlist AS w USING (watchlist_id)
 WHERE s.casrn IN ('41661-47-6', '79099-07-3') AND w.regime = 'EU'
 ORDER BY w.code, s.casrn;

-- Cathine (492-39-7) is excluded from the ephedrine family in Category 1.
SELECT w.code, s.name, s.excluded_casrn, s.covers_salts, s.covers_stereoisomers
  FROM precursor.substance AS s JOIN precursor.watchlist AS w USING (watchlist_id)
 WHERE '492-39-7'::casrn = ANY (s.excluded_casrn)
 ORDER BY w.code, s.name;
SELECT count(*) AS cathine_entries FROM precursor.substance WHERE casrn = '492-39-7';

-- Thresholds with their unit and the act they come from.
SELECT w.code, s.name, s.threshold_qty, s.threshold_unit, s.threshold_act
  FROM precursor.substance AS s JOIN precursor.watchlist AS w USING (watchlist_id)
 WHERE s.threshold_qty IS NOT NULL ORDER BY w.code, s.name;
SELECT threshold_qty = 0.1 AND threshold_unit = 'kg' AS red_phosphorus_0_1_kg
  FROM precursor.substance WHERE watchlist_id = 1 AND casrn = '7723-14-0';

-- Glycidic acid esters without CAS RN are entries of their own; the acids cover their esters.
SELECT w.code, count(*) AS glycidates_without_cas
  FROM precursor.substance AS s JOIN precursor.watchlist AS w USING (watchlist_id)
 WHERE s.casrn IS NULL AND s.name ~ 'oxirane-2-carboxylic acid, .* ester'
 GROUP BY 1 ORDER BY 1;
SELECT w.code, s.name, s.covers_esters
  FROM precursor.substance AS s JOIN precursor.watchlist AS w USING (watchlist_id)
 WHERE s.covers_esters ORDER BY 1, 2;

-- Coverage: salts in every EU category but 4, not for HCl and H2SO4;
-- stereoisomers only in EU Category 1.
SELECT w.code, s.category, s.covers_salts, s.covers_stereoisomers, count(*)
  FROM precursor.substance AS s JOIN precursor.watchlist AS w USING (watchlist_id)
 GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4;
SELECT DISTINCT name, covers_salts, excludes FROM precursor.substance
 WHERE casrn IN ('7647-01-0', '7664-93-9') ORDER BY 1, 2, 3;

-- CN codes with the ex marker; anthranilic acid has both spellings.
SELECT w.code, s.name, c.cn_code, c.ex
  FROM precursor.substance_cn AS c JOIN precursor.substance AS s USING (substance_id)
  JOIN precursor.watchlist AS w USING (watchlist_id)
 WHERE c.ex OR s.casrn = '118-92-3' ORDER BY 1, 2, 3, 4;
-- UN codes are 6-digit HS subheadings, EU codes 8-digit CN subheadings.
SELECT w.code, precursor.cn_level(c.cn_code) AS level, count(*)
  FROM precursor.substance_cn AS c JOIN precursor.substance AS s USING (substance_id)
  JOIN precursor.watchlist AS w USING (watchlist_id)
 GROUP BY 1, 2 ORDER BY 1, 2;
-- Category 4: one entry per product class with both of its CN codes.
SELECT s.name, array_agg(c.cn_code::text ORDER BY c.cn_code) AS cn_codes
  FROM precursor.substance AS s JOIN precursor.substance_cn AS c USING (substance_id)
 WHERE s.category = '4' GROUP BY s.name ORDER BY 1;

-- Synonyms: by kind and language; never the entry's own name.
SELECT kind, lang, count(*) FROM precursor.synonym WHERE builtin GROUP BY 1, 2 ORDER BY 1, 2;
SELECT count(*) AS synonym_equals_name
  FROM precursor.synonym AS y JOIN precursor.substance AS s USING (substance_id)
 WHERE lower(y.name) = lower(s.name);
SELECT y.name, y.lang, y.kind
  FROM precursor.synonym AS y JOIN precursor.substance AS s USING (substance_id)
 WHERE s.watchlist_id = 1 AND s.casrn = '103-79-7' ORDER BY y.lang, y.name;
-- A CAS RN's synonyms are attached to every list entry with that CAS RN.
SELECT count(*) AS entries_missing_synonyms_of_their_cas
  FROM precursor.substance AS s
 WHERE EXISTS (SELECT FROM precursor.substance AS o JOIN precursor.synonym AS y USING (substance_id)
                WHERE o.casrn = s.casrn AND y.lang <> 'en')
   AND NOT EXISTS (SELECT FROM precursor.synonym AS y WHERE y.substance_id = s.substance_id AND y.lang <> 'en');

-- Analyst questions.
SELECT watchlist, category, name, casrn, cn_code, ex FROM precursor.substances_under('2939');
SELECT watchlist, category, name, cn_codes, covers_salts, covers_stereoisomers,
       jsonb_array_length(synonyms) AS synonyms
  FROM precursor.substance_profile('103-79-7');
SELECT cn_code, substances, watchlists, any_ex, may_cover_unscheduled FROM precursor.shared_cn_codes
 ORDER BY cn_code;
SELECT term_kind, count(*) FROM precursor.watchlist_term GROUP BY 1 ORDER BY 1;

-- Shipped rows are read-only, also for the owner.
UPDATE precursor.substance SET threshold_qty = 1 WHERE substance_id = 1;
DELETE FROM precursor.synonym WHERE synonym_id = 1;
INSERT INTO precursor.watchlist (watchlist_id, code, name, regime, builtin)
VALUES (99, 'FAKE', 'fake shipped list', 'national', true);
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act)
VALUES (1, 'my own entry', '1', 'https://example.org', 'none');

-- Constraints (terse: the failing row would show sequence values).
\set VERBOSITY terse
INSERT INTO precursor.watchlist (code, name, regime) VALUES ('EU-fake', 'x', 'EU');
INSERT INTO precursor.watchlist (code, name, regime) VALUES ('regress-wl-data', ' ', 'national');
INSERT INTO precursor.watchlist (watchlist_id, code, name, regime) VALUES (5, 'regress-wl-data', 'x', 'national');
\set VERBOSITY default
