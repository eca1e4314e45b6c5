--
-- list_release: the installed edition of the shipped lists and what a new
-- edition changes.  A real new edition arrives with an extension upgrade;
-- here one is simulated inside a transaction that is rolled back, doing what
-- such an upgrade script does: rewrite shipped rows, record the release and
-- its snapshot.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

SELECT release, previous, shipped_in, acts_up_to FROM precursor.list_release_installed;
-- 2025-08-14 as 1.1 shipped it, and the corrected edition 1.2 installs
SELECT release, watchlist, count(*) AS entries, sum(cardinality(synonyms)) AS synonyms,
       count(*) FILTER (WHERE coverage IS NULL) AS coverage_unrecorded
  FROM precursor.list_release_entry GROUP BY release, watchlist ORDER BY release, watchlist;
-- the installed release's snapshot is the shipped lists
SELECT (SELECT count(*) FROM precursor.list_release_entry AS e JOIN precursor.list_release_installed USING (release)) =
       (SELECT count(*) FROM precursor.substance WHERE builtin) AS snapshot_complete;
-- what the corrected edition changed (itemised in watchlist_corrections)
SELECT release, count(*) AS changes FROM precursor.list_release_changes GROUP BY release;

-- readers may read the releases; PUBLIC may not, nor write them
CREATE ROLE list_release_reader;
GRANT precursor_reader TO list_release_reader;
SET ROLE list_release_reader;
SELECT count(*) > 0 AS reader_sees FROM precursor.list_release_entry;
INSERT INTO precursor.list_release (release, shipped_in, acts_up_to) VALUES ('x', 'x', 'x');
SELECT precursor.list_release_snapshot('x');
RESET ROLE;
DROP ROLE list_release_reader;

-- a simulated next edition, as its upgrade script would write it
BEGIN;
ALTER TABLE precursor.substance DISABLE TRIGGER USER;
ALTER TABLE precursor.synonym DISABLE TRIGGER USER;
ALTER TABLE precursor.substance_cn DISABLE TRIGGER USER;
-- removed: safrole from the EU internal-market list; recategorised: acetone;
-- added: a new scheduled chemical; a new synonym for phenylacetone
DELETE FROM precursor.substance
 WHERE casrn = '94-59-7' AND watchlist_id = (SELECT watchlist_id FROM precursor.watchlist WHERE code = 'EU-273/2004');
UPDATE precursor.substance SET category = '2B', source_act = '2099/1', covers_ethers = true
 WHERE casrn = '67-64-1' AND watchlist_id = (SELECT watchlist_id FROM precursor.watchlist WHERE code = 'EU-273/2004');
UPDATE precursor.substance SET name = 'Piperonal (heliotropin)', source_act = '2099/1'
 WHERE casrn = '120-57-0' AND watchlist_id = (SELECT watchlist_id FROM precursor.watchlist WHERE code = 'EU-273/2004');
INSERT INTO precursor.substance (substance_id, watchlist_id, name, category, casrn, source_url, source_act, builtin)
SELECT 99999, watchlist_id, 'Example new precursor', '1', '50-00-0', 'https://example.org', '2099/1', true
  FROM precursor.watchlist WHERE code = 'EU-273/2004';
INSERT INTO precursor.synonym (synonym_id, substance_id, name, lang, kind, builtin)
SELECT 99999, substance_id, 'Benzylmethylketon', 'de', 'translation', true
  FROM precursor.substance
 WHERE casrn = '103-79-7' AND watchlist_id = (SELECT watchlist_id FROM precursor.watchlist WHERE code = 'EU-273/2004');
INSERT INTO precursor.list_release (release, previous, shipped_in, acts_up_to, note)
VALUES ('2099-01-01', '2025-08-14.1', '9.9', '2099/1', 'simulated');
SELECT precursor.list_release_snapshot('2099-01-01') > 0 AS recorded;
SELECT release FROM precursor.list_release_installed;
SELECT release, change, watchlist, name, casrn, old_category, new_category, synonym, act, detail
  FROM precursor.list_release_changes WHERE release = '2099-01-01' ORDER BY change, watchlist, name;
ROLLBACK;

SELECT release FROM precursor.list_release_installed;
