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
