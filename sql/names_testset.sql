--
-- names_testset: how well precursor understands the names of the listed
-- substances, and how rarely it mistakes other compounds for them.
--
-- The test set (tests/fixtures/names/, see its README) comes from real
-- sources: registry-style IUPAC, CAS index, ester, salt and common names of
-- every listed substance; the official CN description of every listed
-- substance with its own CN code in all 24 EU languages; and compound names
-- that merely contain a listed name (curated, and every such name in the
-- 2,326 real chemicals of tests/fixtures/chemical-identifiers.tsv).
--
-- A listed name is found when screen() reports, outside a negation, the
-- substance with the expected CAS RN and the expected form (a covered ester
-- may also be found as the list's own ester entry, which has no CAS RN).
-- A look-alike is reported when matches() is true.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
SET search_path = public, precursor;

CREATE TEMP TABLE listed_name (name text, cas text, form text, source text);
\copy listed_name FROM 'tests/fixtures/names/registry_names.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x02', HEADER)
CREATE TEMP TABLE cn_name (cn_code text, lang text, cas text, description text);
\copy cn_name FROM 'tests/fixtures/names/cn_listed.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x02', HEADER)
CREATE TEMP TABLE lookalike (name text, contains text, why text, source text);
\copy lookalike FROM 'tests/fixtures/names/lookalikes_curated.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x02', HEADER)
CREATE TEMP TABLE lookalike_fixture (name text, contains text, cas text);
\copy lookalike_fixture FROM 'tests/fixtures/names/lookalikes_fixture.tsv' WITH (FORMAT csv, DELIMITER E'\t', QUOTE E'\x02', HEADER)

-- Is a hit the expected substance in the expected form?
\i tests/fixtures/names/right_hit.sql

CREATE TEMP TABLE listed_result AS
SELECT l.*, EXISTS (SELECT 1 FROM precursor.screen(l.name) h
                     WHERE pg_temp.right_hit(h, l.cas, l.form)) AS found
  FROM listed_name l;
CREATE TEMP TABLE cn_result AS
SELECT c.*, EXISTS (SELECT 1 FROM precursor.screen(c.description) h
                     WHERE pg_temp.right_hit(h, c.cas, 'base')) AS found
  FROM cn_name c;
CREATE TEMP TABLE lookalike_result AS
SELECT 'curated' AS part, name, precursor.matches(name) AS reported FROM lookalike
UNION ALL
SELECT 'fixture', name, precursor.matches(name) FROM lookalike_fixture;

-- The figures
SELECT 'registry, ester and salt names' AS test_set, count(*) AS names,
       count(*) FILTER (WHERE found) AS found,
       round(100.0 * count(*) FILTER (WHERE found) / count(*), 1) AS pct
  FROM listed_result
UNION ALL
SELECT 'CN descriptions, 24 languages', count(*), count(*) FILTER (WHERE found),
       round(100.0 * count(*) FILTER (WHERE found) / count(*), 1)
  FROM cn_result
UNION ALL
SELECT 'all names of listed substances', count(*), count(*) FILTER (WHERE found),
       round(100.0 * count(*) FILTER (WHERE found) / count(*), 1)
  FROM (SELECT found FROM listed_result UNION ALL SELECT found FROM cn_result) a;

SELECT part AS lookalikes, count(*) AS names,
       count(*) FILTER (WHERE reported) AS reported,
       round(100.0 * count(*) FILTER (WHERE reported) / count(*), 1) AS pct
  FROM lookalike_result GROUP BY ROLLUP (part) ORDER BY part NULLS LAST;

-- What is still missed or mistaken (every row, so a change shows here)
SELECT name, cas, form, source FROM listed_result WHERE NOT found ORDER BY name;
SELECT cn_code, lang, description FROM cn_result WHERE NOT found ORDER BY cn_code, lang;
SELECT part, name FROM lookalike_result WHERE reported ORDER BY part, name;
