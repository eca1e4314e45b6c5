--
-- matching_lookup: precursor.lookup() for columns that hold one chemical
-- name, and the normalisation and name parsing an analyst can call directly.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

-- What a whole string names: one row per (name, substance), lists counted
SELECT v.n AS name, h.substance, h.match_kind, h.form, count(*) AS lists
  FROM (VALUES ('Acetic anhydride'),
			   ('ephedrine hydrochloride'),
			   ('(1R,2S)-(-)-Ephedrine HCl 99%'),
			   ('Pseudoephedrine sulfate'),
			   ('P-2-P'),
			   ('BMK'),
			   ('Phenylaceton'),
			   ('3 ,4-MDP-2-P'),
			   ('safrole, tech grade'),
			   ('4-piperidone monohydrate'),
			   ('103-79-7'),
			   ('CAS 120-57-0')) v(n)
  LEFT JOIN LATERAL precursor.lookup(v.n) h ON true
 GROUP BY 1, 2, 3, 4
 ORDER BY 1, 2;

-- Names that contain a scheduled name but are other substances: no hit
SELECT v.n AS name, count(h.*) AS hits
  FROM (VALUES ('acetone cyanohydrin'),
			   ('toluene diisocyanate'),
			   ('piperonyl butoxide'),
			   ('acetic acid'),
			   ('ephedrine-like compound'),
			   ('NPPX')) v(n)
  LEFT JOIN LATERAL precursor.lookup(v.n) h ON true
 GROUP BY 1
 ORDER BY 1;

-- ... and screen() does not report a listed name that is only part of
-- another compound's name either, while a list of two things still names
-- the listed one
SELECT v.t AS text, h.substance, h.matched_text
  FROM (VALUES ('acetone cyanohydrin'), ('acetone and cyanohydrin')) v(t)
  LEFT JOIN LATERAL precursor.screen(v.t) h ON h.watchlist = 'EU-273/2004'
 ORDER BY 1;

-- Real names from tests/fixtures/chemical-identifiers.tsv that are not on
-- any shipped list: lookup() names nothing for any of them
SELECT count(*) AS fixture_names, count(h.substance_id) AS hits
  FROM (VALUES ('phenylmagnesium chloride'), ('di-tert-butyl chromate'),
			   ('trans-1,4-diethylcyclohexane'), ('azoxy-tert-butane'),
			   ('triethoxyoxovanadium'), ('chromic acid di-tert-butyl ester'),
			   ('vanadyl triethoxide'), ('tert-butyl chromate')) v(n)
  LEFT JOIN LATERAL precursor.lookup(v.n) h ON true;

-- Misspelled names: fuzzy matching is on by default
SELECT h.substance, h.match_kind, round(h.score::numeric, 2) AS score
  FROM precursor.lookup('Acetic anhidride') h WHERE h.watchlist = 'EU-273/2004';
SET precursor.fuzzy = off;
SELECT count(*) AS without_fuzzy FROM precursor.lookup('Acetic anhidride');
RESET precursor.fuzzy;

-- normalize_name(): both sides of every comparison go through it
SELECT n, precursor.normalize_name(n)
  FROM (VALUES ('3,4-MDP-2-P'), ('3, 4 -mdp 2 p'), ('３,４-ＭＤＰ-２-Ｐ'),
			   (E'\u0430cetone'), ('α-Phenylacetoacetonitrile'), ('Sulphuric acid'),
			   ('Essigsäureanhydrid'), ('CAS No. 103–79–7'), ('')) v(n);

-- parse_name(): the base and the form
SELECT n, p.*
  FROM (VALUES ('(1R,2S)-(-)-Ephedrine HCl 99%'), ('pseudoephedrine sulfate'),
			   ('(±)-ephedrine'), ('safrole'), ('4-piperidone monohydrate')) v(n),
	   LATERAL precursor.parse_name(v.n) p;

-- STRICT: NULL in, nothing out
SELECT count(*) FROM precursor.lookup(NULL);
SELECT precursor.normalize_name(NULL) IS NULL AS null_name;
