--
-- matching_screen: precursor.screen() and precursor.matches() on free text.
-- Real names from the shipped lists, several languages and scripts, salts,
-- stereo forms, spacing, identifiers, negation, and texts that must not match.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

-- One line per distinct hit (a substance sits on up to three shipped lists:
-- EU 273/2004, EU 111/2005 and UN 1988, so every hit is reported per list;
-- the lists are counted in the last column).
CREATE FUNCTION pg_temp.hits(t text, fuzzy boolean DEFAULT false)
RETURNS TABLE (substance text, kind text, matched text, span text, form text,
			   score real, negated boolean, lists bigint)
LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_catalog.set_config('precursor.fuzzy', fuzzy::text, true);
	RETURN QUERY
	SELECT h.substance, h.match_kind, h.matched_text,
		   h.start_pos || '-' || h.end_pos, h.form, h.score, h.negated, count(*)
	  FROM precursor.screen(t) h
	 GROUP BY 1, 2, 3, 4, 5, 6, 7, h.start_pos
	 ORDER BY h.start_pos, 1, 2;
	PERFORM pg_catalog.set_config('precursor.fuzzy', 'off', true);
END
$$;

-- The precursors of the issue, by name, synonym and abbreviation
SELECT * FROM pg_temp.hits('500 kg acetic anhydride in drums');
SELECT * FROM pg_temp.hits('1-phenyl-2-propanone (P-2-P, BMK), 20 l');
SELECT * FROM pg_temp.hits('ephedrine and pseudoephedrine tablets');
SELECT * FROM pg_temp.hits('safrole oil; piperonal 99%');
SELECT * FROM pg_temp.hits('APAAN 25 kg, ANPP 1 kg, NPP 2 kg, 4-piperidone');

-- Other languages (synonyms shipped with their language)
SELECT * FROM pg_temp.hits('200 l Essigsäureanhydrid, technische Qualität');
SELECT * FROM pg_temp.hits('anhydride acétique en fûts');
SELECT * FROM pg_temp.hits('anhídrido acético, 20 bidones');
SELECT * FROM pg_temp.hits('bezwodnik octowy 99%');

-- Other scripts: Cyrillic look-alikes, a Greek alpha, full-width forms
SELECT * FROM pg_temp.hits(E'\u0430cetic anhydride');          -- Cyrillic a
SELECT * FROM pg_temp.hits(E'pip\u0435r\u043enal');             -- Cyrillic e and o
SELECT * FROM pg_temp.hits(E'\u03b1-phenylacetoacetonitrile');  -- Greek alpha
SELECT * FROM pg_temp.hits('ＳＡＦＲＯＬＥ');                    -- full width

-- Salts and stereo forms: the form is reported
SELECT * FROM pg_temp.hits('ephedrine HCl 10 kg');
SELECT * FROM pg_temp.hits('(1R,2S)-(-)-ephedrine, 5 kg');
SELECT * FROM pg_temp.hits('pseudoephedrine sulfate');

-- Spacing and punctuation
SELECT * FROM pg_temp.hits('3 ,4-MDP-2-P');
SELECT * FROM pg_temp.hits('3, 4 - mdp 2 p');

-- Misspellings: only with precursor.fuzzy on
SELECT * FROM pg_temp.hits('acetic anhidride, 200 l');
SELECT * FROM pg_temp.hits('acetic anhidride, 200 l', true);
SELECT * FROM pg_temp.hits('pseudoephedirne tablets', true);
SELECT * FROM pg_temp.hits('APAAM 25 kg', true);      -- abbreviations are never fuzzy

-- Identifiers: CAS RNs in the usual spellings, invalid check digit ignored
SELECT * FROM pg_temp.hits('CAS 103-79-7');
SELECT * FROM pg_temp.hits('CAS No. 103-79-7');
SELECT * FROM pg_temp.hits('CAS#103-79-7');
SELECT * FROM pg_temp.hits('CAS 103-79-8');
-- a CN code introduced as such: the substances under it, with a low score
SELECT * FROM pg_temp.hits('goods of CN 2914 31 00');
SELECT * FROM pg_temp.hits('order 2914 31 00');
-- a TARIC code under a substance's CN code (EU) and HS code (UN)
SELECT * FROM pg_temp.hits('CN 2914 31 00 10');
-- an EC number is shown, but no watchlist records EC numbers: no substance,
-- and it does not make the text match
SELECT * FROM pg_temp.hits('EC 200-662-2');
SELECT precursor.matches('EC 200-662-2') AS ec_only;

-- Negation: reported, negated, and the text does not match
SELECT * FROM pg_temp.hits('toluene-free solvent');
SELECT * FROM pg_temp.hits('all solvents other than piperonal');
SELECT * FROM pg_temp.hits('Lösungsmittel ohne Safrol');
SELECT * FROM pg_temp.hits('parfum sans pipéronal');
SELECT * FROM pg_temp.hits('jarabe sin efedrina');
SELECT * FROM pg_temp.hits('does not contain safrole');
SELECT precursor.matches('toluene-free solvent') AS toluene_free,
	   precursor.matches('toluene-free solvent; acetone 20 l') AS plus_acetone;

-- Must not match
SELECT * FROM pg_temp.hits('NPPX-200 pump');
SELECT * FROM pg_temp.hits('ephedrinelike compound');
SELECT * FROM pg_temp.hits('sodium chloride, citric acid, ethyl acetate, glycerol');
SELECT precursor.matches('NPPX-200 pump') AS nppx,
	   precursor.matches('sodium chloride') AS salt,
	   precursor.matches('') AS empty,
	   precursor.matches(NULL) AS null_text;

-- Spans are 1-based character positions, end exclusive, also after
-- multi-byte characters: substr() gives back matched_text.
SELECT h.start_pos, h.end_pos, h.matched_text,
	   substr(t, h.start_pos, h.end_pos - h.start_pos) = h.matched_text AS substr_ok
  FROM (VALUES ('Größe: «Safrol» – 99 %, Piperonal')) v(t),
	   LATERAL precursor.screen(v.t) h
 WHERE h.watchlist = 'EU-273/2004'
 ORDER BY h.start_pos;

-- matches() agrees with screen() on the whole fixture: every name (IUPAC
-- name, common name and synonyms, columns 8 on) of every row of
-- tests/fixtures/chemical-identifiers.tsv.  matches(t) is true exactly when
-- screen(t) has a hit that names a substance and is not negated.
CREATE TEMP TABLE fixture_line (n serial, line text);
\copy fixture_line(line) FROM 'tests/fixtures/chemical-identifiers.tsv' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02')
CREATE TEMP TABLE fixture_name AS
SELECT l.n, split_part(l.line, E'\t', 2) AS cas, f.name
  FROM fixture_line l, unnest((string_to_array(l.line, E'\t'))[8:]) AS f(name)
 WHERE f.name <> '';
SELECT count(*) AS names, count(DISTINCT n) AS chemicals FROM fixture_name;
CREATE TEMP TABLE fixture_verdict AS
SELECT n, cas, name, precursor.matches(name) AS matches,
       EXISTS (SELECT 1 FROM precursor.screen(name) h
                WHERE NOT h.negated AND h.substance_id IS NOT NULL) AS screen_names_one
  FROM fixture_name;
-- the names where they disagree: none
SELECT name, matches, screen_names_one FROM fixture_verdict WHERE matches <> screen_names_one;
-- The fixture holds no listed chemical (none of its CAS RNs is on a list),
-- so a name that matches mentions a listed substance inside a longer name
-- that the look-alike rules do not recognise (README, Chemical names; most
-- such names, "acetone oxime", are no longer reported), or a salt of a
-- listed substance.  How many, and which substances they mention:
SELECT count(*) FILTER (WHERE EXISTS (SELECT 1 FROM precursor.substance s WHERE s.casrn::text = v.cas))
         AS names_of_listed_chemicals,
       count(*) FILTER (WHERE matches) AS names_matching, count(DISTINCT n) FILTER (WHERE matches) AS chemicals
  FROM fixture_verdict v;
SELECT h.substance, count(DISTINCT v.name) AS names
  FROM fixture_verdict v, LATERAL precursor.screen(v.name) h
 WHERE v.matches AND NOT h.negated AND h.substance_id IS NOT NULL
 GROUP BY 1 ORDER BY 2 DESC, 1;
-- lookup() reads a whole name: the fixture names it takes for a listed
-- substance.  Salts and esters of a listed substance are right (the lists
-- cover them); "NPP" and "ppa" are abbreviations of listed substances;
-- the "aa-516/..." product codes are not acetic anhydride: the
-- abbreviation "AA" followed by numbers is a known false positive.
SELECT DISTINCT v.name, h.substance, h.form
  FROM fixture_verdict v, LATERAL precursor.lookup(v.name) h
 WHERE v.matches ORDER BY 1, 2;
-- names of unlisted chemicals that mention no listed substance do not match
SELECT name, matches FROM fixture_verdict
 WHERE name IN ('phenylmagnesium chloride', 'di-tert-butyl chromate', 'trans-1,4-diethylcyclohexane',
                'azoxy-tert-butane', 'triethoxyoxovanadium')
 GROUP BY 1, 2 ORDER BY 1;

-- explain(): a sentence per hit
SELECT match_kind, negated, explanation
  FROM precursor.explain('Toluene-free; CAS No. 103-79-7')
 WHERE explanation LIKE '%EU-273/2004%' OR substance IS NULL;
SET precursor.fuzzy = on;
SELECT explanation FROM precursor.explain('acetic anhidride') WHERE explanation LIKE '%EU-273/2004%';
RESET precursor.fuzzy;
