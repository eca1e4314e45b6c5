SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- security_search_path: the extension's functions, views and triggers cannot
-- be captured through search_path.  A hostile schema holds look-alikes of
-- the functions, aggregates, operators and relations the extension uses;
-- each look-alike raises 'captured! <what>' when called.  Every SQL-facing
-- feature of the extension is then exercised under two search paths:
--   A  hostile, public, precursor            (pg_catalog implicitly first:
--                                             what any session may have)
--   B  hostile, pg_catalog, public, precursor (pg_catalog demoted behind the
--                                             hostile schema: everything the
--                                             extension calls must then be
--                                             schema-qualified or pinned)
-- plus temporary look-alike relations, which PostgreSQL searches first for
-- relation names in both.  No 'captured!' may appear below.
-- Each phase starts in a new session, so that per-backend caches and saved
-- plans are built under the hostile search path.

CREATE SCHEMA ssp_hostile;
CREATE FUNCTION ssp_hostile.boom(what text) RETURNS boolean
	LANGUAGE plpgsql STABLE SET search_path = pg_catalog AS
$$BEGIN RAISE EXCEPTION 'captured! %', what; END$$;

-- Look-alike functions: same names and argument types as in pg_catalog, or
-- more specific argument types (which win overload resolution even when
-- pg_catalog comes first).
DO $make$
DECLARE
	f text[];
BEGIN
	FOREACH f SLICE 1 IN ARRAY ARRAY[
		['lower', 'text', 'text'], ['upper', 'text', 'text'], ['btrim', 'text', 'text'],
		['length', 'text', 'integer'], ['now', '', 'timestamptz'],
		['clock_timestamp', '', 'timestamptz'], ['gen_random_uuid', '', 'uuid'],
		['nextval', 'regclass', 'bigint'], ['nextval', 'text', 'bigint'],
		['format', 'text, VARIADIC text[]', 'text'], ['format', 'text, text', 'text'],
		['concat_ws', 'text, VARIADIC text[]', 'text'],
		['quote_literal', 'text', 'text'], ['quote_ident', 'text', 'text'],
		['set_config', 'text, text, boolean', 'text'],
		['current_setting', 'text, boolean', 'text'], ['current_setting', 'text', 'text'],
		['pg_has_role', 'name, text, text', 'boolean'],
		['pg_has_role', 'name, name, text', 'boolean'],
		['jsonb_build_object', 'VARIADIC text[]', 'jsonb'],
		['jsonb_build_object', 'text, text', 'jsonb'],
		['jsonb_typeof', 'jsonb', 'text'], ['to_jsonb', 'record', 'jsonb'],
		['jsonb_array_elements_text', 'jsonb', 'SETOF text'],
		['jsonb_array_elements', 'jsonb', 'SETOF jsonb'],
		['unnest', 'text[]', 'SETOF text'], ['string_to_array', 'text, text', 'text[]'],
		['array_to_string', 'text[], text', 'text'], ['cardinality', 'text[]', 'integer'],
		['round', 'numeric, integer', 'numeric'], ['date_trunc', 'text, date', 'timestamp'],
		['to_char', 'timestamptz, text', 'text'], ['pg_current_xact_id', '', 'xid8'],
		['pg_event_trigger_ddl_commands', '', 'SETOF record'],
		['screen', 'text', 'SETOF precursor.hit'], ['lookup', 'text', 'SETOF precursor.hit'],
		['matches', 'text', 'boolean'], ['normalize_name', 'text', 'text'],
		['watchlist_acting_role', '', 'name'], ['watchlist_installing', '', 'boolean'],
		['screen_trigger_validate', 'oid', 'boolean'], ['casrn', 'text', 'casrn']]
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE FUNCTION ssp_hostile.%I(%s) RETURNS %s LANGUAGE plpgsql AS '
			'$f$BEGIN PERFORM ssp_hostile.boom(%L); RETURN %s; END$f$',
			f[1], f[2], f[3], f[1] OPERATOR(pg_catalog.||) '(' OPERATOR(pg_catalog.||) f[2]
				OPERATOR(pg_catalog.||) ')',
			CASE WHEN f[3] LIKE 'SETOF%' THEN 'NEXT NULL' ELSE 'NULL' END);
	END LOOP;
END
$make$;

-- Look-alike aggregates: exact argument types beat pg_catalog's polymorphic ones.
CREATE FUNCTION ssp_hostile.agg_boom(state text, v anyelement) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN PERFORM ssp_hostile.boom('aggregate'); RETURN NULL; END$$;
CREATE AGGREGATE ssp_hostile.array_agg(text) (SFUNC = ssp_hostile.agg_boom, STYPE = text);
CREATE AGGREGATE ssp_hostile.array_agg(integer) (SFUNC = ssp_hostile.agg_boom, STYPE = text);
CREATE AGGREGATE ssp_hostile.jsonb_agg(jsonb) (SFUNC = ssp_hostile.agg_boom, STYPE = text);
CREATE FUNCTION ssp_hostile.agg_boom2(state text, k text, v anyelement) RETURNS text
	LANGUAGE plpgsql AS $$BEGIN PERFORM ssp_hostile.boom('aggregate'); RETURN NULL; END$$;
CREATE AGGREGATE ssp_hostile.jsonb_object_agg(text, jsonb) (SFUNC = ssp_hostile.agg_boom2, STYPE = text);
CREATE AGGREGATE ssp_hostile.string_agg(text, text) (SFUNC = ssp_hostile.agg_boom2, STYPE = text);
CREATE AGGREGATE ssp_hostile.sum(numeric) (SFUNC = ssp_hostile.agg_boom, STYPE = text);
CREATE AGGREGATE ssp_hostile.sum(float8) (SFUNC = ssp_hostile.agg_boom, STYPE = text);
CREATE AGGREGATE ssp_hostile.max(date) (SFUNC = ssp_hostile.agg_boom, STYPE = text);
CREATE AGGREGATE ssp_hostile.min(text) (SFUNC = ssp_hostile.agg_boom, STYPE = text);
CREATE AGGREGATE ssp_hostile.bool_or(boolean) (SFUNC = ssp_hostile.agg_boom, STYPE = text);

-- Look-alike operators for the types the extension compares.
DO $make$
DECLARE
	o text[];
BEGIN
	FOREACH o SLICE 1 IN ARRAY ARRAY[
		['=', 'integer', 'integer'], ['<>', 'integer', 'integer'], ['=', 'bigint', 'bigint'],
		['=', 'text', 'text'], ['<>', 'text', 'text'], ['||', 'text', 'text'],
		['~', 'text', 'text'], ['=', 'name', 'name'], ['=', 'boolean', 'boolean'],
		['=', 'oid', 'oid'], ['=', 'oid', 'regprocedure'], ['=', 'regclass', 'regclass'],
		['<', 'date', 'date'], ['<=', 'date', 'date'], ['>', 'date', 'date'], ['>=', 'date', 'date'],
		['-', 'date', 'interval'], ['+', 'date', 'integer'], ['-', 'date', 'integer'],
		['>=', 'timestamptz', 'timestamptz'], ['+', 'bigint', 'integer'],
		['>', 'numeric', 'numeric'], ['<=', 'numeric', 'numeric'], ['/', 'numeric', 'numeric'],
		['>', 'bigint', 'integer'], ['>', 'integer', 'integer'],
		['->>', 'jsonb', 'text'], ['->', 'jsonb', 'text'],
		['=', 'casrn', 'casrn'], ['<@', 'cncode', 'cncode'],
		['=', 'cncode', 'cncode']]
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE FUNCTION ssp_hostile.%I(%s, %s) RETURNS boolean LANGUAGE plpgsql AS '
			'$f$BEGIN RETURN ssp_hostile.boom(%L); END$f$',
			'op_' OPERATOR(pg_catalog.||) pg_catalog.md5(o::text), o[2], o[3],
			'operator ' OPERATOR(pg_catalog.||) o[1] OPERATOR(pg_catalog.||) ' ('
				OPERATOR(pg_catalog.||) o[2] OPERATOR(pg_catalog.||) ', '
				OPERATOR(pg_catalog.||) o[3] OPERATOR(pg_catalog.||) ')');
		EXECUTE pg_catalog.format(
			'CREATE OPERATOR ssp_hostile.%s (LEFTARG = %s, RIGHTARG = %s, FUNCTION = ssp_hostile.%I)',
			o[1], o[2], o[3], 'op_' OPERATOR(pg_catalog.||) pg_catalog.md5(o::text));
	END LOOP;
END
$make$;

-- Look-alike relations: a view for every relation of the extension, in the
-- hostile schema; reading it raises, and so does writing through it.
CREATE FUNCTION ssp_hostile.write_boom() RETURNS trigger LANGUAGE plpgsql AS
$$BEGIN PERFORM ssp_hostile.boom('relation ' OPERATOR(pg_catalog.||) TG_TABLE_NAME); RETURN NULL; END$$;
DO $make$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT c.relname, c.relkind FROM pg_catalog.pg_class c
	          WHERE c.relnamespace OPERATOR(pg_catalog.=) 'precursor'::pg_catalog.regnamespace
	            AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,v}'::"char"[])
	          ORDER BY c.relname
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE VIEW ssp_hostile.%I AS SELECT x.* FROM precursor.%I x WHERE ssp_hostile.boom(%L)',
			r.relname, r.relname, 'relation ' OPERATOR(pg_catalog.||) r.relname);
		EXECUTE pg_catalog.format(
			'CREATE TRIGGER boom INSTEAD OF INSERT OR UPDATE OR DELETE ON ssp_hostile.%I '
			'FOR EACH ROW EXECUTE FUNCTION ssp_hostile.write_boom()', r.relname);
	END LOOP;
END
$make$;
SELECT pg_catalog.count(*) AS hostile_functions FROM pg_catalog.pg_proc
 WHERE pronamespace OPERATOR(pg_catalog.=) 'ssp_hostile'::pg_catalog.regnamespace;
SELECT pg_catalog.count(*) AS hostile_operators FROM pg_catalog.pg_operator
 WHERE oprnamespace OPERATOR(pg_catalog.=) 'ssp_hostile'::pg_catalog.regnamespace;
SELECT pg_catalog.count(*) AS hostile_relations FROM pg_catalog.pg_class
 WHERE relnamespace OPERATOR(pg_catalog.=) 'ssp_hostile'::pg_catalog.regnamespace
   AND relkind OPERATOR(pg_catalog.=) 'v';

-- The look-alikes work: an unqualified call is captured under path B.
SET search_path = ssp_hostile, pg_catalog, public, precursor;
SELECT lower('X');
SELECT 1 = 1;
SELECT count(*) FROM alert;
RESET search_path;

-- The declarations table screened by the trigger, owned by the test.
CREATE TABLE ssp_hostile.decl (
	id       integer PRIMARY KEY,
	goods    text,
	cas      casrn,
	cn       cncode,
	qty      numeric,
	unit     text,
	buyer    text,
	country  text,
	day      date
);

\set phase_a 'SET search_path = ssp_hostile, public, precursor'
\set phase_b 'SET search_path = ssp_hostile, pg_catalog, public, precursor'

-- ===========================================================================
-- Phase A: search_path = ssp_hostile, public, precursor (pg_catalog implicitly first)
-- ===========================================================================
\c -
-- temporary look-alikes of every relation (searched first for relation names)
DO $make$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT c.relname FROM pg_catalog.pg_class c
	          WHERE c.relnamespace OPERATOR(pg_catalog.=) 'precursor'::pg_catalog.regnamespace
	            AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,v}'::"char"[])
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE TEMP VIEW %I AS SELECT x.* FROM precursor.%I x WHERE ssp_hostile.boom(%L)',
			r.relname, r.relname, 'temporary relation ' OPERATOR(pg_catalog.||) r.relname);
	END LOOP;
END
$make$;
:phase_a;
SHOW search_path;
BEGIN;
-- the matching functions (the watchlist cache is built now, in this session)
SELECT precursor.normalize_name('Phenyl-Acetone  (P2P)');
SELECT (precursor.parse_name('(-)-Ephedrine hydrochloride 99%')).*;
SELECT substance, watchlist, match_kind, start_pos, end_pos, negated
  FROM precursor.screen('Phenylacetone 99%, 2 drums; CAS 103-79-7; contains no piperonal')
 ORDER BY start_pos, watchlist;
SELECT substance, watchlist, category, match_kind
  FROM precursor.lookup('ephedrine hydrochloride') ORDER BY watchlist, category;
SELECT precursor.matches('Safrole, 200 l') AS safrole, precursor.matches('citric acid') AS citric;
SELECT start_pos, substance, match_kind FROM precursor.explain('Phenylacetone, 5 kg') ORDER BY start_pos;
SET LOCAL precursor.fuzzy = on;
SELECT substance, match_kind FROM precursor.screen('phenylacetnoe') ORDER BY watchlist;
SELECT (precursor.watchlist_cache_info()).terms OPERATOR(pg_catalog.>) 0 AS cache_built;
SELECT precursor.watchlist_generation() IS NOT NULL AS generation;
-- the watchlist functions and views
SELECT watchlist, category, name, cn_code, ex FROM precursor.substances_under('2939 41');
SELECT watchlist, category, name, cn_codes FROM precursor.substance_profile('103-79-7');
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS watchlist_term FROM precursor.watchlist_term v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS substance_overview FROM precursor.substance_overview v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS shared_cn_codes FROM precursor.shared_cn_codes v;
-- writes to the watchlists: guard, category check, audit (SECURITY DEFINER), change signal
INSERT INTO precursor.watchlist (watchlist_id, code, name, regime)
VALUES (990001, 'SSP-LIST', 'Hostile search path test list', 'internal');
INSERT INTO precursor.substance (substance_id, watchlist_id, name, category, source_url, source_act)
VALUES (990001, 990001, 'Sspotestamine', 'A', 'https://example.org/ssp', 'Test act');
INSERT INTO precursor.substance_cn (substance_id, cn_code, ex) VALUES (990001, '2921', true);
UPDATE precursor.substance SET category = 'B' WHERE substance_id OPERATOR(pg_catalog.=) 990001;
SELECT substance, watchlist, category FROM precursor.screen('drums of sspotestamine');
SELECT table_name, operation FROM precursor.watchlist_changes(pg_catalog.now());
SAVEPOINT guard;
UPDATE precursor.watchlist SET name = 'renamed' WHERE watchlist_id OPERATOR(pg_catalog.=) 1;
ROLLBACK TO SAVEPOINT guard;
DELETE FROM precursor.watchlist WHERE watchlist_id OPERATOR(pg_catalog.=) 990001;
-- the screening trigger: event-trigger validation, alerts, ledger, rules
SELECT precursor.attach_screening('ssp_hostile.decl', 'description=goods', 'casrn=cas',
	'cn=cn', 'quantity=qty', 'unit=unit', 'consignee=buyer', 'country=country', 'date=day',
	'key=id', 'mode=alert', 'window=30 days') IS NOT NULL AS attached;
INSERT INTO ssp_hostile.decl (id, goods, cas, cn, qty, unit, buyer, country, day) VALUES
	(1, 'Phenylacetone 99%, 2 drums', NULL, '2914 31 00', 5, 'kg', 'SSP Acme', 'NL', '2025-01-10'),
	(2, 'Piperidine', NULL, '2933 32 00', 0.4, 'kg', 'SSP Split', 'TR', '2025-02-01'),
	(3, 'Piperidine', NULL, '2933 32 00', 0.4, 'kg', 'SSP Split', 'TR', '2025-02-05'),
	(4, 'Organic intermediate', '103-79-7', '2942 00 00', 3, 'kg', 'SSP Gamma', 'MX', '2025-01-12'),
	(5, 'Citric acid', NULL, '2918 14 00', 10, 'kg', 'SSP Acme', 'NL', '2025-01-10');
UPDATE ssp_hostile.decl SET goods = 'Safrole oil' WHERE id OPERATOR(pg_catalog.=) 5;
SELECT row_key, substance_name, category,
       pg_catalog.jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert
 WHERE source_table OPERATOR(pg_catalog.=) 'ssp_hostile.decl' ORDER BY alert_id;
SELECT consignee, substance, shipments, total FROM precursor.split_shipment_candidates
 WHERE consignee OPERATOR(pg_catalog.=) 'SSP Split';
SELECT party, role, alerts, reasons FROM precursor.top_parties(100000)
 WHERE party OPERATOR(pg_catalog.~~) 'SSP %' ORDER BY party, role;
SELECT step, topic FROM precursor.explain_alert(
	(SELECT pg_catalog.min(alert_id) FROM precursor.alert
	  WHERE source_table OPERATOR(pg_catalog.=) 'ssp_hostile.decl'));
SELECT (precursor.review_alert(
	(SELECT pg_catalog.min(alert_id) FROM precursor.alert
	  WHERE source_table OPERATOR(pg_catalog.=) 'ssp_hostile.decl'),
	'cleared', 'test shipment')).status;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_substance FROM precursor.alerts_by_substance v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_category FROM precursor.alerts_by_category v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_country FROM precursor.alerts_by_country v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_party FROM precursor.alerts_by_party v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_period FROM precursor.alerts_by_period v;
SELECT row_key, substance, rule FROM precursor.misdeclarations v
  JOIN precursor.alert a ON a.alert_id OPERATOR(pg_catalog.=) v.alert_id
 WHERE a.source_table OPERATOR(pg_catalog.=) 'ssp_hostile.decl' ORDER BY a.alert_id;
ROLLBACK;

-- ===========================================================================
-- Phase B: search_path = ssp_hostile, pg_catalog, public, precursor (pg_catalog demoted)
-- ===========================================================================
\c -
-- temporary look-alikes of every relation (searched first for relation names)
DO $make$
DECLARE
	r record;
BEGIN
	FOR r IN SELECT c.relname FROM pg_catalog.pg_class c
	          WHERE c.relnamespace OPERATOR(pg_catalog.=) 'precursor'::pg_catalog.regnamespace
	            AND c.relkind OPERATOR(pg_catalog.=) ANY ('{r,v}'::"char"[])
	LOOP
		EXECUTE pg_catalog.format(
			'CREATE TEMP VIEW %I AS SELECT x.* FROM precursor.%I x WHERE ssp_hostile.boom(%L)',
			r.relname, r.relname, 'temporary relation ' OPERATOR(pg_catalog.||) r.relname);
	END LOOP;
END
$make$;
:phase_b;
SHOW search_path;
BEGIN;
-- the matching functions (the watchlist cache is built now, in this session)
SELECT precursor.normalize_name('Phenyl-Acetone  (P2P)');
SELECT (precursor.parse_name('(-)-Ephedrine hydrochloride 99%')).*;
SELECT substance, watchlist, match_kind, start_pos, end_pos, negated
  FROM precursor.screen('Phenylacetone 99%, 2 drums; CAS 103-79-7; contains no piperonal')
 ORDER BY start_pos, watchlist;
SELECT substance, watchlist, category, match_kind
  FROM precursor.lookup('ephedrine hydrochloride') ORDER BY watchlist, category;
SELECT precursor.matches('Safrole, 200 l') AS safrole, precursor.matches('citric acid') AS citric;
SELECT start_pos, substance, match_kind FROM precursor.explain('Phenylacetone, 5 kg') ORDER BY start_pos;
SET LOCAL precursor.fuzzy = on;
SELECT substance, match_kind FROM precursor.screen('phenylacetnoe') ORDER BY watchlist;
SELECT (precursor.watchlist_cache_info()).terms OPERATOR(pg_catalog.>) 0 AS cache_built;
SELECT precursor.watchlist_generation() IS NOT NULL AS generation;
-- the watchlist functions and views
SELECT watchlist, category, name, cn_code, ex FROM precursor.substances_under('2939 41');
SELECT watchlist, category, name, cn_codes FROM precursor.substance_profile('103-79-7');
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS watchlist_term FROM precursor.watchlist_term v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS substance_overview FROM precursor.substance_overview v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS shared_cn_codes FROM precursor.shared_cn_codes v;
-- writes to the watchlists: guard, category check, audit (SECURITY DEFINER), change signal
INSERT INTO precursor.watchlist (watchlist_id, code, name, regime)
VALUES (990001, 'SSP-LIST', 'Hostile search path test list', 'internal');
INSERT INTO precursor.substance (substance_id, watchlist_id, name, category, source_url, source_act)
VALUES (990001, 990001, 'Sspotestamine', 'A', 'https://example.org/ssp', 'Test act');
INSERT INTO precursor.substance_cn (substance_id, cn_code, ex) VALUES (990001, '2921', true);
UPDATE precursor.substance SET category = 'B' WHERE substance_id OPERATOR(pg_catalog.=) 990001;
SELECT substance, watchlist, category FROM precursor.screen('drums of sspotestamine');
SELECT table_name, operation FROM precursor.watchlist_changes(pg_catalog.now());
SAVEPOINT guard;
UPDATE precursor.watchlist SET name = 'renamed' WHERE watchlist_id OPERATOR(pg_catalog.=) 1;
ROLLBACK TO SAVEPOINT guard;
DELETE FROM precursor.watchlist WHERE watchlist_id OPERATOR(pg_catalog.=) 990001;
-- the screening trigger: event-trigger validation, alerts, ledger, rules
SELECT precursor.attach_screening('ssp_hostile.decl', 'description=goods', 'casrn=cas',
	'cn=cn', 'quantity=qty', 'unit=unit', 'consignee=buyer', 'country=country', 'date=day',
	'key=id', 'mode=alert', 'window=30 days') IS NOT NULL AS attached;
INSERT INTO ssp_hostile.decl (id, goods, cas, cn, qty, unit, buyer, country, day) VALUES
	(1, 'Phenylacetone 99%, 2 drums', NULL, '2914 31 00', 5, 'kg', 'SSP Acme', 'NL', '2025-01-10'),
	(2, 'Piperidine', NULL, '2933 32 00', 0.4, 'kg', 'SSP Split', 'TR', '2025-02-01'),
	(3, 'Piperidine', NULL, '2933 32 00', 0.4, 'kg', 'SSP Split', 'TR', '2025-02-05'),
	(4, 'Organic intermediate', '103-79-7', '2942 00 00', 3, 'kg', 'SSP Gamma', 'MX', '2025-01-12'),
	(5, 'Citric acid', NULL, '2918 14 00', 10, 'kg', 'SSP Acme', 'NL', '2025-01-10');
UPDATE ssp_hostile.decl SET goods = 'Safrole oil' WHERE id OPERATOR(pg_catalog.=) 5;
SELECT row_key, substance_name, category,
       pg_catalog.jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert
 WHERE source_table OPERATOR(pg_catalog.=) 'ssp_hostile.decl' ORDER BY alert_id;
SELECT consignee, substance, shipments, total FROM precursor.split_shipment_candidates
 WHERE consignee OPERATOR(pg_catalog.=) 'SSP Split';
SELECT party, role, alerts, reasons FROM precursor.top_parties(100000)
 WHERE party OPERATOR(pg_catalog.~~) 'SSP %' ORDER BY party, role;
SELECT step, topic FROM precursor.explain_alert(
	(SELECT pg_catalog.min(alert_id) FROM precursor.alert
	  WHERE source_table OPERATOR(pg_catalog.=) 'ssp_hostile.decl'));
SELECT (precursor.review_alert(
	(SELECT pg_catalog.min(alert_id) FROM precursor.alert
	  WHERE source_table OPERATOR(pg_catalog.=) 'ssp_hostile.decl'),
	'cleared', 'test shipment')).status;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_substance FROM precursor.alerts_by_substance v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_category FROM precursor.alerts_by_category v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_country FROM precursor.alerts_by_country v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_party FROM precursor.alerts_by_party v;
SELECT pg_catalog.count(v.*) OPERATOR(pg_catalog.>) 0 AS alerts_by_period FROM precursor.alerts_by_period v;
SELECT row_key, substance, rule FROM precursor.misdeclarations v
  JOIN precursor.alert a ON a.alert_id OPERATOR(pg_catalog.=) v.alert_id
 WHERE a.source_table OPERATOR(pg_catalog.=) 'ssp_hostile.decl' ORDER BY a.alert_id;
ROLLBACK;

-- ===========================================================================
\c -
SET client_min_messages = warning;
DROP SCHEMA ssp_hostile CASCADE;
RESET client_min_messages;
