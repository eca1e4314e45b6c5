--
-- matching_coverage: the lists' coverage clauses applied to names
-- (src/matching_coverage.c).  Each clause with a real name it admits, and
-- each refusal: an ester, salt or stereoisomer the entry's clauses do not
-- cover is not the entry; an ester the list lists itself is that entry; the
-- entry's own configuration and (when it covers stereoisomers) its racemate
-- are the entry; an elided article or a misspelt descriptor is no
-- descriptor.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

-- the clauses the shipped lists record (Regulation 273/2004 Annex I,
-- 111/2005 Annex, 1988 Convention Tables; data/curation.csv)
SELECT w.code, s.category, count(*) AS entries,
       count(*) FILTER (WHERE s.covers_salts) AS salts,
       count(*) FILTER (WHERE s.covers_stereoisomers) AS stereoisomers,
       count(*) FILTER (WHERE s.covers_esters) AS esters
  FROM precursor.substance s JOIN precursor.watchlist w USING (watchlist_id)
 WHERE s.builtin GROUP BY 1, 2 ORDER BY 1, 2;

-- every hit of a text: list, entry, kind, form
CREATE FUNCTION pg_temp.hits(t text) RETURNS TABLE (watchlist text, substance text, kind text, form text, matched text)
LANGUAGE sql AS $$
    SELECT h.watchlist, left(h.substance, 60), h.match_kind, h.form, h.matched_text
      FROM precursor.screen(t) h WHERE NOT h.negated ORDER BY 1, 2
$$;

-- Esters.  An acid whose entry covers esters (EU PMK glycidic acid): any
-- ester, the alcohol named.  The UN entry of the acid does not cover
-- esters and the UN list has no benzyl ester: nothing there.
SELECT * FROM pg_temp.hits('benzyl 3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate');
-- An ester the list has as an entry of its own is that entry, in every
-- list, however it is written
SELECT * FROM pg_temp.hits('butyl 3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate');
SELECT * FROM pg_temp.hits('PMK glycidic acid sec-butyl ester');
-- ... and the abbreviation inside it ("BMK", 1-phenyl-2-propanone) is part
-- of the ester entry's name, not a mention of its own
SELECT * FROM pg_temp.hits('BMK glycidic acid methyl ester, 25 kg');
-- An ester of an acid whose entry covers no esters: nothing
SELECT * FROM pg_temp.hits('ethyl phenylacetate');
SELECT * FROM pg_temp.hits('sulphuric acid, diethyl ester');

-- Salts.  Covered: the counter-ion named.  Not covered (the salts of
-- sulphuric and hydrochloric acid are excluded): nothing.
SELECT * FROM pg_temp.hits('ephedrine hydrochloride');
SELECT * FROM pg_temp.hits('sodium phenylacetate');
-- Polish and Czech name the salt first, the base in the genitive
SELECT * FROM pg_temp.hits('chlorowodorek efedryny');
SELECT * FROM pg_temp.hits('hydrochlorid pseudoefedrinu');
SELECT count(*) AS sulphate_salt FROM precursor.lookup('sulphuric acid sodium salt');

-- Stereo descriptors.  The entry's own configuration (ephedrine is
-- (1R,2S)-(-)-ephedrine, L-ephedrine) is the entry in every list, UN-1988
-- (no stereoisomer clause) included; the descriptor stays in the form.
SELECT * FROM pg_temp.hits('(1R,2S)-ephedrine');
SELECT * FROM pg_temp.hits('(-)-ephedrine, 5 kg');
SELECT watchlist, substance, match_kind, form FROM precursor.lookup('(1R,2S)-(-)-Ephedrine HCl 99%') ORDER BY 1;
-- Another configuration is a stereoisomer: the EU Category 1 entries cover
-- it, the UN entry does not
SELECT * FROM pg_temp.hits('(1S,2R)-ephedrine');
SELECT * FROM pg_temp.hits('(+)-ephedrine');
SELECT * FROM pg_temp.hits('(1R,2S)-norephedrine');
-- A racemate is the entry where the entry covers stereoisomers (EU), and
-- nothing where it does not (UN), unless the entry is the racemate itself
-- (norephedrine, CAS RN 14838-15-4, has no configuration)
SELECT * FROM pg_temp.hits('rac-ephedrine');
SELECT * FROM pg_temp.hits('(±)-ephedrine');
SELECT * FROM pg_temp.hits('DL-ephedrine');
SELECT * FROM pg_temp.hits('DL-norephedrine');
-- Stereoisomers with trivial names of their own: the C-8 epimers of the
-- ergot alkaloids ("-inine", "iso-") are stereoisomers (EU only), and
-- racephedrine, racemic ephedrine, is the EU entry
SELECT * FROM pg_temp.hits('ergometrinine');
SELECT * FROM pg_temp.hits('isolysergic acid');
SELECT * FROM pg_temp.hits('racephedrine hydrochloride');
-- APAAN is in Table I "and its optical isomers" (CND decision 57/1): the
-- UN entry covers them; APAA's UN entry does not
SELECT * FROM pg_temp.hits('(R)-APAAN');
SELECT * FROM pg_temp.hits('(R)-APAA');
-- matches() and lookup() decide the same way
SELECT t, precursor.matches(t) AS matches,
       (SELECT string_agg(DISTINCT watchlist, ', ') FROM precursor.lookup(t)) AS lookup_lists
  FROM (VALUES ('(1S,2R)-ephedrine'), ('rac-ephedrine'), ('(1R,2S)-ephedrine'),
               ('ethyl phenylacetate')) v(t);

-- Not descriptors.  The elided French and Italian article ("d'", "l'")
-- before a name is no D- or L- descriptor: the entry, in every list
SELECT * FROM pg_temp.hits('500 kg d''acétone');
SELECT * FROM pg_temp.hits('extrait d''éphédrine');
SELECT * FROM pg_temp.hits('chlorhydrate d’éphédrine');
SELECT * FROM pg_temp.hits('soluzione dell''efedrina');
-- ... while D- with a hyphen is one (the other enantiomer of L-ephedrine)
SELECT * FROM pg_temp.hits('D-ephedrine');
-- A misspelt descriptor is not read as a descriptor: the name is found as
-- written around it
SELECT * FROM pg_temp.hits('(1R,2Q)-ephedrine');
SELECT * FROM pg_temp.hits('erytro-ephedrine');

-- InChIKeys go through the same clauses: another stereo block is a
-- stereoisomer (EU), not the UN entry
SELECT watchlist, substance, match_kind, form
  FROM precursor.lookup('KWGRBVOPPLSCSI-WCBMZHEXSA-N'::inchikey) WHERE substance = 'Ephedrine' ORDER BY 1;
