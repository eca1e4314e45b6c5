--
-- types_realdata: the identifier types against real identifiers
--
-- tests/fixtures/chemical-identifiers.tsv holds 2,326 real chemicals (see
-- tests/fixtures/README.md); column 2 is the CAS Registry Number.  Whole lines
-- are loaded as text (the file has a variable number of columns), using
-- delimiter and quote bytes that never occur in it.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

CREATE TEMP TABLE realdata_line (n serial, line text);
\copy realdata_line(line) FROM 'tests/fixtures/chemical-identifiers.tsv' WITH (FORMAT csv, DELIMITER E'\x01', QUOTE E'\x02')
CREATE TEMP TABLE realdata_cas AS
SELECT n, pg_catalog.split_part(line, E'\t', 2) AS cas FROM realdata_line;
SELECT count(*) AS rows, count(DISTINCT cas) AS distinct_cas FROM realdata_cas;

-- An independent check digit, in SQL: digits before the check digit, from the
-- right, weighted 1, 2, 3, ..., summed, modulo 10.
CREATE FUNCTION pg_temp.realdata_check(body text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
    SELECT (sum(pg_catalog.substr(body, pg_catalog.length(body) - i + 1, 1)::integer * i) % 10)::integer
    FROM pg_catalog.generate_series(1, pg_catalog.length(body)) AS i
$$;
-- Whether a hyphenated CAS RN is valid, by the rules alone (shape, no leading
-- zero, check digit), without the casrn type.
CREATE FUNCTION pg_temp.realdata_valid(cas text) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
    SELECT cas ~ '^[1-9][0-9]{1,6}-[0-9]{2}-[0-9]$'
       AND pg_temp.realdata_check(pg_catalog.replace(pg_catalog.left(cas, -2), '-', ''))
           = pg_catalog.right(cas, 1)::integer
$$;

-- Every real CAS RN is accepted, and by the independent rules too.
SELECT count(*) FILTER (WHERE NOT precursor.is_casrn(cas)) AS rejected_by_casrn,
       count(*) FILTER (WHERE NOT pg_temp.realdata_valid(cas)) AS rejected_by_rules
FROM realdata_cas;

-- Every one round-trips: text -> casrn -> text gives the same spelling, and
-- casrn -> bigint -> casrn and the plain-digit form give the same value.
SELECT count(*) FILTER (WHERE cas::casrn::text <> cas) AS text_mismatch,
       count(*) FILTER (WHERE cas::casrn::bigint::casrn::text <> cas) AS bigint_mismatch,
       count(*) FILTER (WHERE pg_catalog.replace(cas, '-', '')::casrn::text <> cas) AS plain_mismatch
FROM realdata_cas;

-- Ordering by casrn is the numeric order of (first group, second group, check).
SELECT count(*) AS order_mismatch
FROM (SELECT cas,
             pg_catalog.row_number() OVER (ORDER BY cas::casrn) AS by_type,
             pg_catalog.row_number() OVER (ORDER BY pg_catalog.split_part(cas, '-', 1)::bigint,
                                                    pg_catalog.split_part(cas, '-', 2)::integer,
                                                    pg_catalog.split_part(cas, '-', 3)::integer) AS by_number
      FROM (SELECT DISTINCT cas FROM realdata_cas) AS d) AS o
WHERE by_type <> by_number;

-- Corruption 1: the check digit replaced by each of the nine other digits.
-- is_casrn must agree with the independent rules on every variant.
CREATE TEMP TABLE realdata_variant AS
SELECT 'check digit' AS kind, cas, pg_catalog.left(cas, -1) || d AS variant
FROM realdata_cas, pg_catalog.generate_series(0, 9) AS d
WHERE pg_catalog.right(cas, 1)::integer <> d;

-- Corruption 2: two adjacent digits swapped (hyphens kept in place), where
-- the digits differ.
INSERT INTO realdata_variant
SELECT 'swap', cas, pg_catalog.left(cas, i - 1) || pg_catalog.substr(cas, i + 1, 1)
               || pg_catalog.substr(cas, i, 1) || pg_catalog.substr(cas, i + 2)
FROM realdata_cas, pg_catalog.generate_series(1, 11) AS i
WHERE i + 1 <= pg_catalog.length(cas)
  AND pg_catalog.substr(cas, i, 2) ~ '^[0-9]{2}$'
  AND pg_catalog.substr(cas, i, 1) <> pg_catalog.substr(cas, i + 1, 1);
-- Corruption 3: two digits swapped across a hyphen ("103-79-7" -> "107-39-7").
INSERT INTO realdata_variant
SELECT 'swap across hyphen', cas, pg_catalog.left(cas, i - 1) || pg_catalog.substr(cas, i + 2, 1) || '-'
                             || pg_catalog.substr(cas, i, 1) || pg_catalog.substr(cas, i + 3)
FROM realdata_cas, pg_catalog.generate_series(1, 10) AS i
WHERE i + 2 <= pg_catalog.length(cas) AND pg_catalog.substr(cas, i + 1, 1) = '-'
  AND pg_catalog.substr(cas, i, 1) <> pg_catalog.substr(cas, i + 2, 1);
-- the variants of one number, to show what is generated
SELECT kind, variant, precursor.is_casrn(variant) AS accepted, pg_temp.realdata_valid(variant) AS valid_by_rules
FROM realdata_variant WHERE cas = '1189-85-1' ORDER BY kind, variant;

SELECT kind, count(*) AS variants,
       count(*) FILTER (WHERE precursor.is_casrn(variant)) AS accepted,
       count(*) FILTER (WHERE pg_temp.realdata_valid(variant)) AS valid_by_rules,
       count(*) FILTER (WHERE precursor.is_casrn(variant) <> pg_temp.realdata_valid(variant)) AS disagreements
FROM realdata_variant GROUP BY kind ORDER BY kind;

-- A rejected variant raises 22P02 (with a check-digit corruption, the detail
-- names the digit the independent rule expects); an accepted one round-trips.
CREATE FUNCTION pg_temp.realdata_error(v text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
    detail text;
BEGIN
    PERFORM v::casrn;
    RETURN NULL;
EXCEPTION WHEN invalid_text_representation THEN
    GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL;
    RETURN SQLSTATE || ' ' || detail;
END;
$$;
SELECT count(*) FILTER (WHERE precursor.is_casrn(variant)
                          AND variant::casrn::text <> variant) AS accepted_not_round_tripping,
       count(*) FILTER (WHERE NOT precursor.is_casrn(variant)
                          AND pg_temp.realdata_error(variant) NOT LIKE '22P02 %') AS rejected_without_22p02,
       count(*) FILTER (WHERE kind = 'check digit'
                          AND pg_temp.realdata_error(variant) IS DISTINCT FROM
                              pg_catalog.format('22P02 The check digit is %s, but %s was expected.',
                                                pg_catalog.right(variant, 1),
                                                pg_temp.realdata_check(pg_catalog.replace(pg_catalog.left(variant, -2), '-', ''))))
           AS wrong_expected_digit
FROM realdata_variant;

DROP TABLE realdata_line, realdata_cas, realdata_variant;
