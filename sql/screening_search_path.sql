SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- screening_search_path: the screening trigger's own queries (the rules
-- cache, the shipment ledger, the alerts) cannot be captured through the
-- session's search_path, even with pg_catalog demoted behind a hostile
-- schema.  The hostile schema holds look-alike operators, functions,
-- aggregates and relations that raise 'captured! <what>' when used.
--
-- The compiled watchlist of the matching engine (watchlist_cache.c, not part
-- of the trigger) is built first under a safe search_path, so that this
-- test covers exactly the trigger's SPI work: its rules cache and its saved
-- plans are built and run under the hostile path.  sql/security_search_path
-- covers the whole extension.
CREATE SCHEMA screening_ssp;
CREATE FUNCTION screening_ssp.boom(what text) RETURNS boolean
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog AS
$$BEGIN RAISE EXCEPTION 'captured! %', what; END$$;

-- operators on the types the trigger's queries compare and compute with
DO $make$
DECLARE
	o text[];
BEGIN
	FOREACH o SLICE 1 IN ARRAY ARRAY[
		['=', 'integer', 'integer'], ['=', 'text', 'text'], ['=', 'bigint', 'bigint'],
		['<', 'date', 'date'], ['<=', 'date', 'date'], ['>', 'date', 'date'],
		['>=', 'date', 'date'], ['-', 'date', 'interval'], ['=', 'boolean', 'boolean']]
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE FUNCTION screening_ssp.%I(%s, %s) RETURNS boolean LANGUAGE plpgsql AS '
			'$f$BEGIN RETURN screening_ssp.boom(%L); END$f$',
			'op_' OPERATOR(pg_catalog.||) pg_catalog.md5(o::text), o[2], o[3],
			'operator ' OPERATOR(pg_catalog.||) o[1]);
		EXECUTE pg_catalog.format(
			'CREATE OPERATOR screening_ssp.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = screening_ssp.%I)',
			o[1], o[2], o[3], 'op_' OPERATOR(pg_catalog.||) pg_catalog.md5(o::text));
	END LOOP;
END
$make$;
-- functions and aggregates the queries call
CREATE FUNCTION screening_ssp.jsonb_array_elements_text(jsonb) RETURNS SETOF text
	LANGUAGE plpgsql AS $$BEGIN PERFORM screening_ssp.boom('function'); RETURN; END$$;
CREATE FUNCTION screening_ssp.nextval(regclass) RETURNS bigint
	LANGUAGE plpgsql AS $$BEGIN PERFORM screening_ssp.boom('function'); RETURN 0; END$$;
CREATE FUNCTION screening_ssp.now() RETURNS timestamptz
	LANGUAGE plpgsql AS $$BEGIN PERFORM screening_ssp.boom('function'); RETURN NULL; END$$;
CREATE FUNCTION screening_ssp.agg_boom(state text, v anyelement) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN PERFORM screening_ssp.boom('aggregate'); RETURN NULL; END$$;
CREATE AGGREGATE screening_ssp.sum(numeric) (SFUNC = screening_ssp.agg_boom, STYPE = text);
-- relations of the extension, as views that raise when read
DO $make$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT c.relname FROM pg_catalog.pg_class c
	          WHERE c.relnamespace OPERATOR(pg_catalog.=) 'precursor'::pg_catalog.regnamespace
	            AND c.relkind OPERATOR(pg_catalog.=) 'r'
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE VIEW screening_ssp.%I AS SELECT x.* FROM precursor.%I x WHERE screening_ssp.boom(%L)',
			r.relname, r.relname, 'relation ' OPERATOR(pg_catalog.||) r.relname);
	END LOOP;
END
$make$;

CREATE TABLE screening_ssp.decl (id integer, goods text, cn text, qty numeric, unit text,
                                 buyer text, day date);
SELECT precursor.attach_screening('screening_ssp.decl', 'description=goods', 'cn=cn',
	'quantity=qty', 'unit=unit', 'consignee=buyer', 'date=day', 'key=id') IS NOT NULL AS attached;

-- The look-alikes work: an unqualified comparison is captured.
SET search_path = screening_ssp, pg_catalog, public, precursor;
SELECT 1 = 1;
RESET search_path;

-- A new session: no rules cache and no saved plans yet.  The matcher's own
-- compiled watchlist is built under a safe path first.
\c -
SELECT precursor.matches('acetone') AS warmed;
SET search_path = screening_ssp, pg_catalog, public, precursor;
BEGIN;
-- rules cache load, ledger insert and window sum, alert insert
INSERT INTO screening_ssp.decl VALUES
	(1, 'Piperidine', '2933 32 00', 0.4, 'kg', 'SSP Split', '2025-02-01'),
	(2, 'Piperidine', '2933 32 00', 0.4, 'kg', 'SSP Split', '2025-02-05'),
	(3, 'Safrole oil', '2932 94 00', 2, 'kg', 'SSP Acme', '2025-02-05');
-- ledger delete of an updated row's earlier shipment
UPDATE screening_ssp.decl SET qty = 0.3 WHERE id OPERATOR(pg_catalog.=) 2;
SELECT a.row_key, a.substance_name,
       pg_catalog.jsonb_path_query_array(a.reasons, '$[*].rule') AS rules, a.listed_as
  FROM precursor.alert a
 WHERE a.source_table OPERATOR(pg_catalog.=) 'screening_ssp.decl'
 ORDER BY a.alert_id;
SELECT l.row_key, l.quantity FROM precursor.shipment_ledger l
 WHERE l.source_table OPERATOR(pg_catalog.=) 'screening_ssp.decl'
 ORDER BY l.row_key, l.quantity;
ROLLBACK;
-- the same session, the plans now saved: still not captured
BEGIN;
INSERT INTO screening_ssp.decl VALUES
	(4, 'Piperidine', '2933 32 00', 0.6, 'kg', 'SSP Other', '2025-03-01'),
	(5, 'Piperidine', '2933 32 00', 0.6, 'kg', 'SSP Other', '2025-03-02');
SELECT a.row_key, pg_catalog.jsonb_path_query_array(a.reasons, '$[*].rule') AS rules
  FROM precursor.alert a
 WHERE a.source_table OPERATOR(pg_catalog.=) 'screening_ssp.decl'
 ORDER BY a.alert_id;
ROLLBACK;
RESET search_path;

\c -
SET client_min_messages = warning;
DROP SCHEMA screening_ssp CASCADE;
RESET client_min_messages;
