-- inchikey on real data: every InChIKey of tests/fixtures/chemical-identifiers.tsv
-- (2326 PubChem-derived chemicals; column 7 is the InChIKey)
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
SET search_path = public, precursor;

CREATE TABLE inchikey_realdata_lines (line text);
-- whole lines: \x01 never occurs, so each line is one field
\copy inchikey_realdata_lines FROM 'tests/fixtures/chemical-identifiers.tsv' WITH (FORMAT text, DELIMITER E'\x01')
CREATE TABLE inchikey_realdata AS
SELECT pg_catalog.split_part(line, E'\t', 2) AS cas,
       pg_catalog.split_part(line, E'\t', 7) AS key_text,
       pg_catalog.split_part(line, E'\t', 9) AS name
FROM inchikey_realdata_lines;

-- every row; rows without an InChIKey; keys that fail or do not round-trip
SELECT count(*) AS rows,
       count(*) FILTER (WHERE key_text = '') AS without_key,
       count(*) FILTER (WHERE key_text <> '' AND NOT precursor.is_inchikey(key_text)) AS rejected,
       count(*) FILTER (WHERE key_text <> '' AND precursor.is_inchikey(key_text)
                          AND key_text::inchikey::text <> key_text) AS not_round_tripping
FROM inchikey_realdata;

-- the typed column: same order as the text in C collation, and distinct counts agree
CREATE TABLE inchikey_realdata_typed AS
SELECT cas, name, key_text::inchikey AS k FROM inchikey_realdata WHERE key_text <> '';
SELECT (SELECT array_agg(k::text ORDER BY k) FROM inchikey_realdata_typed)
     = (SELECT array_agg(key_text ORDER BY key_text COLLATE "C") FROM inchikey_realdata WHERE key_text <> '')
       AS same_order_as_text,
       (SELECT count(DISTINCT k) FROM inchikey_realdata_typed)
     = (SELECT count(DISTINCT key_text) FROM inchikey_realdata WHERE key_text <> '') AS same_distinct;

-- corrupted variants are all rejected: a lower-case letter, a digit, a hyphen
-- moved one place left, a flag that is neither S nor N, a character missing
SELECT count(*) AS variants,
       count(*) FILTER (WHERE precursor.is_inchikey(v)) AS wrongly_accepted
FROM inchikey_realdata,
     LATERAL (VALUES (overlay(key_text PLACING pg_catalog.lower(pg_catalog.substr(key_text, 5, 1)) FROM 5 FOR 1)),
                     (overlay(key_text PLACING '7' FROM 20 FOR 1)),
                     (overlay(key_text PLACING '-' || pg_catalog.substr(key_text, 14, 1) FROM 14 FOR 2)),
                     (overlay(key_text PLACING 'X' FROM 24 FOR 1)),
                     (overlay(key_text PLACING 'Q' FROM 24 FOR 1)),
                     (pg_catalog.substr(key_text, 1, 26))) AS c(v)
WHERE key_text <> '';
-- and say why, for one key
\set VERBOSITY default
SELECT 'LFQSCWFLJHTTHZ-UHFFFAOYQA-N'::inchikey;
\set VERBOSITY terse

-- stereoisomers and isotopologues share a skeleton: pairs in the fixture
CREATE INDEX ON inchikey_realdata_typed (k);
ANALYZE inchikey_realdata_typed;
SELECT count(*) AS pairs_by_operator
FROM inchikey_realdata_typed a JOIN inchikey_realdata_typed b ON a.k ~= b.k AND a.k < b.k;
SELECT count(*) AS pairs_by_skeleton_text
FROM inchikey_realdata_typed a JOIN inchikey_realdata_typed b
  ON precursor.inchikey_skeleton(a.k) = precursor.inchikey_skeleton(b.k) AND a.k < b.k;
SELECT a.k AS key_a, b.k AS key_b, a.name AS name_a, b.name AS name_b
FROM inchikey_realdata_typed a JOIN inchikey_realdata_typed b ON a.k ~= b.k AND a.k < b.k
ORDER BY a.k, b.k
LIMIT 8;

-- looking a skeleton up uses the index
EXPLAIN (COSTS OFF)
SELECT name FROM inchikey_realdata_typed WHERE k ~= 'KWGRBVOPPLSCSI-WPRPVWTQSA-N';

DROP TABLE inchikey_realdata_lines, inchikey_realdata, inchikey_realdata_typed;
RESET search_path;
