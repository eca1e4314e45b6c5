--
-- matching_exclusions: the coverage columns of a substance are honoured
-- when hits are resolved.  covers_salts = false: a salt form of the name is
-- not that entry (the annexes exclude the salts of sulphuric and
-- hydrochloric acid).  excluded_casrn: a string that gives an excluded CAS
-- RN with the name names the excluded compound (lookup() only).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

-- what the shipped lists say
SELECT w.code, s.name, s.covers_salts, s.excluded_casrn::text
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE s.name IN ('Sulphuric acid', 'Ephedrine', 'Norephedrine')
 ORDER BY s.name, w.code;

-- salts of sulphuric and hydrochloric acid: not the acid
SELECT count(*) AS sodium_salt FROM precursor.lookup('sulphuric acid sodium salt');
SELECT count(*) AS hydrochloride FROM precursor.lookup('hydrochloric acid hydrochloride');
SELECT precursor.matches('sulphuric acid sodium salt') AS matches_salt;
-- the acids themselves still are
SELECT substance, watchlist, form FROM precursor.lookup('Sulphuric acid 96%') ORDER BY watchlist;
-- in free text too: the salt is dropped, the acid next to it reported
SELECT substance, watchlist, matched_text, form
  FROM precursor.screen('200 kg sulphuric acid sodium salt and 5 l sulphuric acid 96%')
 ORDER BY start_pos, watchlist;
-- an entry that covers salts keeps them
SELECT substance, watchlist, form FROM precursor.lookup('ephedrine hydrochloride') ORDER BY watchlist;

-- excluded_casrn: the EU entries of norephedrine exclude cathine
-- (492-39-7); the UN entry does not
SELECT substance, watchlist, form FROM precursor.lookup('norephedrine 492-39-7') ORDER BY watchlist;
SELECT substance, watchlist FROM precursor.lookup('norephedrine') ORDER BY watchlist;
-- free text keeps the name (a number next to it must not hide it)
SELECT substance, watchlist FROM precursor.screen('norephedrine 492-39-7') ORDER BY watchlist;

-- a list of one's own: covers_salts defaults to false, so say true to
-- catch salt forms
BEGIN;
INSERT INTO precursor.watchlist (code, name, regime)
VALUES ('MATCHING-EXCL-TEST', 'matching_exclusions test list', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, source_url, source_act, covers_salts)
SELECT watchlist_id, v.name, 'watch', 'https://example.invalid/x', 'internal note 3', v.salts
  FROM precursor.watchlist, (VALUES ('Zylosalin', true), ('Zylobasin', false)) v(name, salts)
 WHERE code = 'MATCHING-EXCL-TEST';
SELECT substance, form FROM precursor.lookup('Zylosalin hydrochloride');
SELECT count(*) AS zylobasin_salt FROM precursor.lookup('Zylobasin hydrochloride');
SELECT substance, form FROM precursor.lookup('Zylobasin');
-- a change of the column is picked up like any list change
UPDATE precursor.substance SET covers_salts = true WHERE name = 'Zylobasin';
SELECT substance, form FROM precursor.lookup('Zylobasin hydrochloride');
ROLLBACK;
