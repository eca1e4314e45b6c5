--
-- structures: the shipped SMILES and InChIKeys (data/structures/structures.csv),
-- InChIKeys found in free text, precursor.lookup(inchikey), and the
-- screening trigger's inchikey= column.  Connectivity (the first block)
-- finds an entry's stereoisomers only where the entry covers them, its
-- charged forms only where it covers salts, and never a key it excludes
-- (cathine on norephedrine).
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

-- every shipped entry with a CAS RN has a structure; the others have none
SELECT count(*) AS shipped, count(casrn) AS with_cas, count(inchikey) AS with_key, count(smiles) AS with_smiles,
       count(*) FILTER (WHERE casrn IS NULL AND inchikey IS NOT NULL) AS key_without_cas
  FROM precursor.substance WHERE builtin;
SELECT count(*) FILTER (WHERE casrn IS NOT NULL AND inchikey IS NULL) AS cas_without_key
  FROM precursor.substance WHERE builtin;
-- one structure per CAS RN across the lists
SELECT count(*) AS cas_with_two_keys FROM (
  SELECT casrn FROM precursor.substance WHERE builtin AND casrn IS NOT NULL
   GROUP BY casrn HAVING count(DISTINCT inchikey) > 1) x;
SELECT w.code, s.name, s.inchikey, s.smiles, s.excluded_inchikey::text
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE s.casrn IN ('103-79-7', '299-42-3', '14838-15-4')
 ORDER BY s.casrn, w.code;

-- lookup by InChIKey: the type, or text (with the prefix InChI tools print)
SELECT substance, watchlist, match_kind, matched_term, form, score
  FROM precursor.lookup('QCCDLTOVEPVEJK-UHFFFAOYSA-N'::inchikey) ORDER BY watchlist;
SELECT substance, watchlist, match_kind FROM precursor.lookup('InChIKey=QCCDLTOVEPVEJK-UHFFFAOYSA-N') ORDER BY watchlist;
SELECT substance, watchlist FROM precursor.lookup('Std InChI Key: QCCDLTOVEPVEJK-UHFFFAOYSA-N') ORDER BY watchlist;
-- a lower-cased key is still found in text
SELECT count(*) AS lowercase FROM precursor.lookup('qccdltovepvejk-uhfffaoysa-n');
-- pseudoephedrine: its own entries, and ephedrine's EU entries (a
-- stereoisomer of ephedrine, which they cover); not ephedrine's UN entry
SELECT substance, watchlist, form, score
  FROM precursor.lookup('KWGRBVOPPLSCSI-WCBMZHEXSA-N'::inchikey) ORDER BY substance, watchlist;
-- (1R,2S)-norephedrine: the EU norephedrine entries (stereoisomer)
SELECT substance, watchlist, form, score
  FROM precursor.lookup('DLNKOYKMWOXYQA-CBAPKCEASA-N'::inchikey) ORDER BY watchlist;
-- cathine ((1S,2S)-norpseudoephedrine) is excluded: nothing
SELECT count(*) AS cathine FROM precursor.lookup('DLNKOYKMWOXYQA-IONNQARKSA-N'::inchikey);
-- a charged form (another protonation letter): the entries covering salts
SELECT substance, watchlist, form, score
  FROM precursor.lookup('QCCDLTOVEPVEJK-UHFFFAOYSA-O'::inchikey) ORDER BY watchlist;
-- hydrochloric acid does not cover its salts
SELECT count(*) AS chloride FROM precursor.lookup('VEXZGXHMUGYJMC-UHFFFAOYSA-M'::inchikey);
-- an unlisted key, and a key of an unlisted skeleton
SELECT count(*) AS unlisted FROM precursor.lookup('BSYNRYMUTXBXSQ-UHFFFAOYSA-N'::inchikey);

-- in free text, as CAS RNs are
SELECT substance, watchlist, match_kind, matched_text, start_pos, end_pos, negated
  FROM precursor.screen('Lot 7: 25 kg (InChIKey QCCDLTOVEPVEJK-UHFFFAOYSA-N), no ZWEHNKRNPOVVGH-UHFFFAOYSA-N')
 WHERE watchlist = 'EU-273/2004' ORDER BY start_pos;
SELECT precursor.matches('structure: CSCPPACGZOOCGX-UHFFFAOYSA-N') AS listed_key,
       precursor.matches('structure: BSYNRYMUTXBXSQ-UHFFFAOYSA-N') AS aspirin,
       -- shapes that are not keys: an "E" starting a triplet, a 13-letter block,
       -- a missing block
       precursor.matches('QCCDLTOVEPVEJK-UHFFFAOYSE-N') AS bad_flag,
       precursor.matches('CCDLTOVEPVEJK-UHFFFAOYSA-N') AS short_block,
       precursor.matches('QCCDLTOVEPVEJK-N') AS two_blocks,
       precursor.matches('xQCCDLTOVEPVEJK-UHFFFAOYSA-N') AS glued;
SELECT match_kind, explanation FROM precursor.explain('KWGRBVOPPLSCSI-WCBMZHEXSA-N')
 WHERE substance = 'Ephedrine' LIMIT 1;

-- a user entry with a key of its own
INSERT INTO precursor.watchlist (code, name, regime) VALUES ('STRUCT-TEST', 'structures test', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, inchikey, covers_stereoisomers, source_url, source_act)
SELECT watchlist_id, 'Test amine', 'x', 'ABCDABCDABCDAB-UHFFFAOYSA-N', true, 'https://example.org', 'test'
  FROM precursor.watchlist WHERE code = 'STRUCT-TEST';
SELECT substance, watchlist, form, score FROM precursor.lookup('ABCDABCDABCDAB-GHIJKLMNSA-N'::inchikey);

-- the trigger: inchikey=<column>, typed or text
CREATE SCHEMA structures;
SET search_path = structures, public;
CREATE TABLE decl_ik (id int PRIMARY KEY, goods text, ik inchikey, ik_text text, qty numeric, unit text);
SELECT precursor.attach_screening('decl_ik', 'description=goods', 'inchikey=ik', 'quantity=qty',
                                  'unit=unit', 'key=id') IS NOT NULL AS attached;
INSERT INTO decl_ik VALUES
  (1, 'industrial chemical', 'QCCDLTOVEPVEJK-UHFFFAOYSA-N', NULL, 10, 'kg'),
  (2, 'industrial chemical', 'DLNKOYKMWOXYQA-IONNQARKSA-N', NULL, 10, 'kg'),
  (3, 'industrial chemical', 'KWGRBVOPPLSCSI-WCBMZHEXSA-N', NULL, 10, 'kg');
SELECT row_key, substance_name, watchlist_code,
       (SELECT string_agg(r->>'rule' || ':' || coalesce(r->>'form', ''), ', ') FROM jsonb_array_elements(reasons) r) AS rules
  FROM precursor.alert WHERE source_table = 'structures.decl_ik' ORDER BY row_key, alert_id;
SELECT detail FROM precursor.explain_alert((SELECT min(alert_id) FROM precursor.alert
                                             WHERE source_table = 'structures.decl_ik'))
 WHERE topic = 'inchikey';

CREATE TABLE decl_ikt (id int PRIMARY KEY, ik text);
SELECT precursor.attach_screening('decl_ikt', 'inchikey=ik', 'key=id') IS NOT NULL AS attached;
INSERT INTO decl_ikt VALUES (1, ' WFDIJRYMOXRFFG-UHFFFAOYSA-N '), (2, 'not a key'), (3, '  ');
SELECT row_key, substance_name, watchlist_code,
       (SELECT string_agg(r->>'rule', ', ') FROM jsonb_array_elements(reasons) r) AS rules
  FROM precursor.alert WHERE source_table = 'structures.decl_ikt' ORDER BY row_key, alert_id;
-- a column of another type is refused
CREATE TABLE decl_bad (id int, ik integer);
SELECT precursor.attach_screening('decl_bad', 'inchikey=ik');
DROP TABLE decl_bad;

RESET search_path;
DROP SCHEMA structures CASCADE;
DELETE FROM precursor.watchlist WHERE code = 'STRUCT-TEST';

-- the name variants the matcher generates (the OPSIN test reads them too)
SELECT variant, rule FROM precursor.name_variants('1-phenyl-2-propanone') ORDER BY variant;
SELECT count(*) AS none FROM precursor.name_variants('acetone');
