--
-- watchlist_corrections: shipped data corrections, each pinned to its source
-- (issue 9, item 7).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
SET datestyle = ISO;

-- Delegated Regulation (EU) 2020/1737 applies from 13 December 2020
-- (Article 3); the eleven EU rows that cite it (MAPA, APAA, APAAN, the four
-- chloro(pseudo)ephedrines, sulphuric acid, the four Category 4 rows) carried
-- 2021-01-13, the date of its red phosphorus point only.
SELECT w.code, count(*) AS entries, min(s.in_force_from) AS from_min,
       max(s.in_force_from) AS from_max
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE s.source_url = 'http://data.europa.eu/eli/reg_del/2020/1737/oj'
 GROUP BY w.code ORDER BY w.code;

-- No shipped row carries the red-phosphorus-only date any more.
SELECT count(*) AS rows_with_2021_01_13
  FROM precursor.substance WHERE in_force_from = '2021-01-13';

-- Two dates per entry: controlled_since (the first act that listed the
-- substance in this list) and in_force_from (the act that last amended the
-- entry, source_act).  Red phosphorus: listed by 2020/1737, whose red
-- phosphorus points apply from 13.1.2021 (Article 3), amended by 2024/1331
-- (3.6.2024).  ANPP and NPP: listed by 2018/729 (7.7.2018), rewritten by
-- 2023/196 (20.2.2023).  APAAN: 1258/2013 in 273/2004 and 1259/2013 in
-- 111/2005 (30.12.2013), entry replaced by 2020/1737.
SELECT w.code, s.name, s.controlled_since, s.in_force_from,
       substring(s.controlled_by from '^(.*?), http') AS controlled_by,
       substring(s.controlled_by from 'http\S+') AS controlled_by_url
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE s.builtin AND w.regime = 'EU'
   AND s.casrn IN ('7723-14-0', '21409-26-7', '39742-60-4', '4468-48-8', '299-42-3')
 ORDER BY s.casrn, w.code;

-- Category 4 came with 1259/2013 (111/2005 only).
SELECT DISTINCT w.code, s.category, s.controlled_since, s.in_force_from, s.controlled_by
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE s.builtin AND s.category = '4';

-- Where the two dates differ, and where controlled_since is not known
-- (EU: the four chloro(pseudo)ephedrines, 2016/1443 whose date of
-- application was not verified; UN: the entries of the classic tables).
SELECT w.code,
       count(*) FILTER (WHERE s.controlled_since < s.in_force_from) AS amended_later,
       count(*) FILTER (WHERE s.controlled_since = s.in_force_from) AS same_date,
       count(*) FILTER (WHERE s.controlled_since IS NOT NULL AND s.in_force_from IS NULL) AS amended_unknown,
       count(*) FILTER (WHERE s.controlled_since IS NULL) AS since_unknown,
       count(*) FILTER (WHERE s.controlled_since IS NULL AND s.controlled_by IS NOT NULL) AS act_known
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE s.builtin GROUP BY w.code ORDER BY w.code;
SELECT w.code, s.name FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE s.builtin AND w.regime = 'EU' AND s.controlled_since IS NULL ORDER BY w.code, s.name;

-- An entry cannot be amended before it came under control.
\set VERBOSITY terse
INSERT INTO precursor.watchlist (code, name, regime) VALUES ('XX-dates', 'Dates', 'national');
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act, controlled_since, in_force_from)
SELECT watchlist_id, 'Late', 'A', 'https://example.org', 'Decree 2', '2025-01-01', '2024-01-01'
  FROM precursor.watchlist WHERE code = 'XX-dates';
\set VERBOSITY default
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act, controlled_since, in_force_from)
SELECT watchlist_id, 'Amended', 'A', 'https://example.org', 'Decree 2', '2020-01-01', '2024-01-01'
  FROM precursor.watchlist WHERE code = 'XX-dates'
RETURNING name, controlled_since, in_force_from;
DELETE FROM precursor.watchlist WHERE code = 'XX-dates';

-- UN Table I: APAAN "and its optical isomers" (CND decision 57/1, fully
-- effective 6.10.2014, INCB notice).
SELECT s.name, s.covers_salts, s.covers_stereoisomers, s.controlled_since, s.in_force_from,
       s.source_act, s.source_url
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE w.code = 'UN-1988' AND s.casrn = '4468-48-8';

-- UN Table I: the glycidic acids.  PMK glycidic acid covers no esters: its
-- methyl ester is its own entry (CND 62/10) and its seven other esters are
-- entries since 3.12.2024; BMK glycidic acid "and eight of its esters"
-- (INCB notice of 3.12.2024), each an entry, no generic esters clause.
SELECT s.substance_id, s.name, s.casrn, s.covers_esters, s.controlled_since,
       s.source_url = 'https://www.incb.org/incb/en/news/news_2024/scheduling-2024-precursors.html' AS incb_notice
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE w.code = 'UN-1988' AND (s.name ~* 'glycid' OR s.name ~ 'PMK|BMK')
 ORDER BY s.substance_id;
SELECT count(*) FILTER (WHERE s.name ~ 'PMK') AS pmk_esters,
       count(*) FILTER (WHERE s.name ~ 'BMK') AS bmk_esters,
       count(DISTINCT c.cn_code) AS hs_codes, min(c.cn_code::text) || ' ' || max(c.cn_code::text) AS codes
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
  JOIN precursor.substance_cn c USING (substance_id)
 WHERE w.code = 'UN-1988' AND s.controlled_since = '2024-12-03' AND s.name ~ 'ester|glycidate';

-- The same chemical is under the same name in the EU and UN lists.
SELECT count(*) AS un_esters_without_eu_twin
  FROM precursor.substance u JOIN precursor.watchlist w USING (watchlist_id)
 WHERE w.code = 'UN-1988' AND u.controlled_since = '2024-12-03' AND u.name ~ 'ester|glycidate'
   AND NOT EXISTS (SELECT FROM precursor.substance e JOIN precursor.watchlist x USING (watchlist_id)
                    WHERE x.code = 'EU-273/2004' AND e.name = u.name);

-- A named BMK ester reaches its UN entry by name (no esters clause needed).
SELECT h.substance, h.watchlist, h.match_kind, h.form, h.matched_text
  FROM precursor.screen('20 kg 2-methyl-3-phenyloxirane-2-carboxylic acid, propyl ester') h
 WHERE h.watchlist = 'UN-1988' ORDER BY 1;

-- The corrected edition is a release of its own: what it changed.
SELECT release, previous, shipped_in, acts_up_to FROM precursor.list_release ORDER BY release;
SELECT release FROM precursor.list_release_installed;
SELECT change, watchlist, count(*) FROM precursor.list_release_changes
 WHERE release = '2025-08-14.1' GROUP BY 1, 2 ORDER BY 1, 2;
SELECT change, watchlist, name, detail FROM precursor.list_release_changes
 WHERE release = '2025-08-14.1' AND change IN ('renamed', 'coverage') ORDER BY 1, 2, 3;
SELECT synonym FROM precursor.list_release_changes
 WHERE release = '2025-08-14.1' AND change = 'new synonym' ORDER BY 1;
