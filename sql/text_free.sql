--
-- text_free: goods descriptions as declarants write them (issue 10).
-- Negation covers every item of the list after a cue, to the end of the
-- clause, in the languages of the Combined Nomenclature, and says which cue
-- governs; misspellings are caught by default, real chemical words are not
-- "corrected", and explain() shows the edit.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
CREATE SCHEMA text_free;
SET search_path = text_free, public;

-- One line per distinct mention (a substance sits on up to three lists)
CREATE FUNCTION hits(t text)
RETURNS TABLE (substance text, kind text, matched text, negated boolean, score real)
LANGUAGE sql STABLE AS $$
	SELECT DISTINCT h.substance, h.match_kind, h.matched_text, h.negated, h.score
	  FROM precursor.screen(t) h
	 WHERE h.substance IS NOT NULL
	 ORDER BY 3, 1
$$;
-- The cue that governs each negated mention, from explain()
CREATE FUNCTION cues(t text)
RETURNS TABLE (matched text, cue text)
LANGUAGE sql STABLE AS $$
	SELECT DISTINCT e.matched_text, substring(e.explanation FROM 'NEGATED by the cue ("[^"]*" \([a-z]+\))')
	  FROM precursor.explain(t) e
	 WHERE e.negated
	 ORDER BY 1
$$;

SELECT precursor.normalize_name('x') IS NOT NULL AS library_loaded;	-- defines the settings
SHOW precursor.fuzzy;

-- Negation over coordinated lists: every item, not only the first
SELECT * FROM cues('Medicaments; containing alkaloids or their derivatives; other than ephedrine, pseudoephedrine (INN) or norephedrine or their salts');
SELECT precursor.matches('Medicaments; containing alkaloids or their derivatives; other than ephedrine, pseudoephedrine (INN) or norephedrine or their salts') AS matches;
SELECT * FROM cues('Heterocyclic compounds with oxygen hetero-atom(s) only, other than isosafrole, 1-(1,3-benzodioxol-5-yl)propan-2-one, piperonal, safrole, tetrahydrocannabinols');
SELECT * FROM cues('Other, excluding phenylacetic acid and its salts');
SELECT * FROM cues('Solvents excluding acetone and/or toluene');
-- ... to the end of the clause, not beyond
SELECT * FROM hits('Other than ephedrine; toluene 200 l');
SELECT * FROM hits('Other than piperonal, contains safrole');
-- "whether or not" and "with or without" negate nothing
SELECT precursor.matches('Salts, whether or not containing toluene') AS whether_or_not,
       precursor.matches('Paint thinner, with or without toluene') AS with_or_without;
-- The CN's own cues in other languages
SELECT * FROM cues('Arzneiwaren, andere als Ephedrin, Pseudoephedrin oder Norephedrin');
SELECT * FROM cues('Médicaments, autres que l''éphédrine, la pseudoéphédrine (DCI) ou la noréphédrine');
SELECT * FROM cues('Leki, inne niż efedryna, pseudoefedryna lub norefedryna');
SELECT * FROM cues('Gyógyszerek, efedrin, pszeudoefedrin vagy norefedrin kivételével');

-- Misspellings, on by default: one edit from 8 letters, two from 16
SELECT * FROM hits('acetic anhydrde, 200 l');
SELECT * FROM hits('potasium permanganate 25 kg');
SELECT * FROM hits('1-phenyl-2-propanrne');
SELECT * FROM hits('4-anilino-N-phenethylpipreidine');
SELECT * FROM hits('pseudoehpedrine tablets');
-- fuzzy hits score below exact ones
SELECT (SELECT max(score) FROM hits('acetic anhydrde')) < (SELECT max(score) FROM hits('acetic anhydride')) AS fuzzy_scores_lower;
-- explain() shows the edit
SELECT DISTINCT substring(explanation FROM 'edit distance [0-9]+: [^)]*') AS edit
  FROM precursor.explain('1-phenyl-2-propanrne, 4-anilino-N-phenethylpipreidine, potasium permanganate')
 WHERE match_kind = 'fuzzy' ORDER BY 1;
-- lookup() too
SELECT DISTINCT substance, match_kind FROM precursor.lookup('Acetic anhidride');
-- real chemical words are never misspellings of a listed name
SELECT t, precursor.matches(t) AS matches
  FROM (VALUES ('sulphonic acid'), ('toluidine'), ('phosphoric acid'), ('and phosphorus'),
			   ('acetic anhydrite'), ('butanole'), ('ephedrone')) v(t);
-- no fuzzy matching of short terms, abbreviations or changed locants
SELECT t, precursor.matches(t) AS matches
  FROM (VALUES ('acetonr'), ('toluenr'), ('APAAM'), ('1-phenyl-1-propanone')) v(t);

-- The setting turns misspellings off
SET precursor.fuzzy = off;
SELECT precursor.matches('acetic anhydrde') AS matches_with_fuzzy_off;
RESET precursor.fuzzy;

-- The screening trigger catches misspellings by default; fuzzy=off turns it off
CREATE TABLE decl (id int PRIMARY KEY, goods text);
SELECT precursor.attach_screening('decl', 'description=goods', 'key=id', 'mode=alert') IS NOT NULL AS attached;
CREATE TABLE decl_exact (id int PRIMARY KEY, goods text);
SELECT precursor.attach_screening('decl_exact', 'description=goods', 'key=id', 'mode=alert',
								  'fuzzy=off') IS NOT NULL AS attached;
INSERT INTO decl VALUES (1, 'potasium permanganate 25 kg'),
						(2, 'Medicaments, other than ephedrine, pseudoephedrine or norephedrine');
INSERT INTO decl_exact VALUES (1, 'potasium permanganate 25 kg');
SELECT source_table, row_key, substance_name, reasons->0->>'kind' AS kind
  FROM precursor.alert WHERE source_table LIKE 'text_free.%' ORDER BY 1, 2, 3;

RESET search_path;
DROP SCHEMA text_free CASCADE;
