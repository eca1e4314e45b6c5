SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
-- contrib citext may be missing or not loadable (a package build's cluster
-- lists it but cannot create it): its blocks are then skipped, and
-- expected/screening_arguments_1.out holds that output
DO $$
BEGIN
	CREATE EXTENSION IF NOT EXISTS citext;
EXCEPTION WHEN OTHERS THEN
	NULL;
END
$$;
SELECT count(*) > 0 AS have_citext FROM pg_catalog.pg_extension
 WHERE extname = 'citext' \gset
RESET client_min_messages;
-- The trigger arguments and column types the README documents that other
-- files do not exercise: the rules cas_in_text and cn_in_text, consignor=,
-- fuzzy=, the default of date= and timestamp/timestamptz date columns, and
-- char and citext description columns.  Each block reads back what the
-- trigger stored, not only that the statement ran.
CREATE SCHEMA screening_arguments;
SET search_path = screening_arguments, public;

-- the rules of each alert of a table, in the order the trigger wrote them
CREATE FUNCTION rules_of(tbl text)
RETURNS TABLE (row_key text, substance text, rules jsonb)
LANGUAGE sql STABLE AS $$
	SELECT a.row_key, a.substance_name, jsonb_path_query_array(a.reasons, '$[*].rule')
	  FROM precursor.alert a
	 WHERE a.source_table = 'screening_arguments.' || tbl
	 ORDER BY a.alert_id
$$;

-- cas_in_text: a CAS RN (valid check digit) cited in the description names
-- the substance even though no name is given; cn_in_text: a CN code after a
-- cue word names the substances under it, with a low confidence.  A CAS RN
-- with a wrong check digit is not read.
CREATE TABLE ident (id int, goods text);
SELECT precursor.attach_screening('ident', 'description=goods', 'key=id') IS NOT NULL AS attached;
INSERT INTO ident VALUES
	(1, 'organic intermediate, CAS No. 103-79-7, 3 drums'),
	(2, 'organic intermediate, CAS No. 103-79-8, 3 drums'),
	(3, 'goods of CN 2932 94 00'),
	(4, 'safrole, CAS 94-59-7');
SELECT * FROM rules_of('ident');
-- the evidence of each: the matched identifier and its span in the text
SELECT a.row_key, r->>'rule' AS rule, r->>'kind' AS kind, r->>'matched' AS matched,
       r->>'start' AS start, r->>'end' AS "end", r->>'score' AS score
  FROM precursor.alert a, jsonb_array_elements(a.reasons) r
 WHERE a.source_table = 'screening_arguments.ident'
 ORDER BY a.alert_id, r->>'start';
-- a CN code alone is weak evidence: the alert's score stays low
SELECT row_key, substance_name, round(score::numeric, 2) AS score
  FROM precursor.alert WHERE source_table = 'screening_arguments.ident' AND row_key = '3';

-- cn=: a declared HS subheading (6 digits) above a listed CN code is a
-- cn_watch finding for the substances listed under it; a chapter or
-- heading alone (2 or 4 digits) is too coarse to say anything
CREATE TABLE coded (id int, goods text, cn text);
SELECT precursor.attach_screening('coded', 'description=goods', 'cn=cn', 'key=id') IS NOT NULL AS attached;
INSERT INTO coded VALUES (1, 'aromatic ketone', '2914 31'), (2, 'aromatic ketone', '2914'),
	(3, 'aromatic ketone', '29');
SELECT * FROM rules_of('coded');

-- consignor=: stored on the alert next to the consignee, and reported per
-- party with its role
CREATE TABLE parties (id int, goods text, buyer text, seller text, country text, day date);
SELECT precursor.attach_screening('parties', 'description=goods', 'consignee=buyer',
	'consignor=seller', 'country=country', 'date=day', 'key=id') IS NOT NULL AS attached;
INSERT INTO parties VALUES
	(1, 'safrole 5 l', 'Buyer One', 'Seller Alpha', 'NL', '2025-04-01'),
	(2, 'piperonal 1 kg', 'Buyer Two', 'Seller Alpha', 'BE', '2025-04-02'),
	(3, 'safrole 2 l', 'Buyer One', NULL, 'NL', '2025-04-03');
SELECT row_key, substance_name, consignee, consignor, country, declared_on
  FROM precursor.alert WHERE source_table = 'screening_arguments.parties' ORDER BY alert_id;
SELECT party, role, alerts, substances
  FROM precursor.alerts_by_party WHERE party IN ('Buyer One', 'Buyer Two', 'Seller Alpha')
 ORDER BY role, party;

-- fuzzy=: on the trigger overrides a session that turned precursor.fuzzy
-- off (it is on by default); off overrides a session that has it on
CREATE TABLE fuzzy_on (id int, goods text);
CREATE TABLE fuzzy_off (id int, goods text);
CREATE TABLE fuzzy_default (id int, goods text);
SELECT precursor.attach_screening('fuzzy_on', 'description=goods', 'key=id', 'fuzzy=on') IS NOT NULL AS attached;
SELECT precursor.attach_screening('fuzzy_off', 'description=goods', 'key=id', 'fuzzy=off') IS NOT NULL AS attached;
SELECT precursor.attach_screening('fuzzy_default', 'description=goods', 'key=id') IS NOT NULL AS attached;
SHOW precursor.fuzzy;
SET precursor.fuzzy = off;
INSERT INTO fuzzy_on VALUES (1, 'acetic anhidride, 200 l');
INSERT INTO fuzzy_default VALUES (1, 'acetic anhidride, 200 l');
SET precursor.fuzzy = on;
INSERT INTO fuzzy_off VALUES (1, 'acetic anhidride, 200 l');
INSERT INTO fuzzy_default VALUES (2, 'acetic anhidride, 200 l');
RESET precursor.fuzzy;
SELECT 'fuzzy_on' AS tbl, * FROM rules_of('fuzzy_on')
UNION ALL SELECT 'fuzzy_off', * FROM rules_of('fuzzy_off')
UNION ALL SELECT 'fuzzy_default', * FROM rules_of('fuzzy_default');
-- the misspelling is the evidence, with its edit distance
SELECT r->>'kind' AS kind, r->>'matched' AS matched, r->>'term' AS term, r->>'distance' AS distance
  FROM precursor.alert a, jsonb_array_elements(a.reasons) r
 WHERE a.source_table = 'screening_arguments.fuzzy_on' AND r->>'rule' = 'name';
CREATE TABLE bad_fuzzy (id int, goods text);
SELECT precursor.attach_screening('bad_fuzzy', 'description=goods', 'fuzzy=maybe');

-- date=: without the argument, or with a NULL date, the shipment is dated
-- the day the transaction started (the ledger and the alert say so)
CREATE TABLE undated (id int, goods text, qty numeric, unit text, buyer text, day date);
SELECT precursor.attach_screening('undated', 'description=goods', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'key=id', 'below_threshold=alert') IS NOT NULL AS attached;
CREATE TABLE null_dated (id int, goods text, qty numeric, unit text, buyer text, day date);
SELECT precursor.attach_screening('null_dated', 'description=goods', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'date=day', 'key=id', 'below_threshold=alert') IS NOT NULL AS attached;
BEGIN;
INSERT INTO undated VALUES (1, 'potassium permanganate', 10, 'kg', 'Undated Co', '2020-01-01');
INSERT INTO null_dated VALUES (1, 'potassium permanganate', 10, 'kg', 'Null Dated Co', NULL);
SELECT source_table, declared_on = pg_catalog.now()::date AS alert_dated_today
  FROM precursor.alert
 WHERE source_table IN ('screening_arguments.undated', 'screening_arguments.null_dated')
 ORDER BY 1;
SELECT source_table, shipped_on = pg_catalog.now()::date AS ledger_dated_today
  FROM precursor.shipment_ledger
 WHERE source_table IN ('screening_arguments.undated', 'screening_arguments.null_dated')
 ORDER BY 1;
COMMIT;

-- timestamp and timestamptz date columns: the day of the timestamp; a
-- timestamptz is read in the session's TimeZone (23:30 UTC is already the
-- next day in Berlin), and the cumulative window counts those days
SET TimeZone = 'Europe/Berlin';
CREATE TABLE stamped (id int, goods text, qty numeric, unit text, buyer text, at timestamp);
CREATE TABLE stamped_tz (id int, goods text, qty numeric, unit text, buyer text, at timestamptz);
SELECT precursor.attach_screening('stamped', 'description=goods', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'date=at', 'key=id', 'window=1 day') IS NOT NULL AS attached;
SELECT precursor.attach_screening('stamped_tz', 'description=goods', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'date=at', 'key=id', 'window=1 day') IS NOT NULL AS attached;
INSERT INTO stamped VALUES
	(1, 'potassium permanganate', 60, 'kg', 'Stamp Co', '2025-03-01 23:30'),
	(2, 'potassium permanganate', 60, 'kg', 'Stamp Co', '2025-03-02 00:30');
INSERT INTO stamped_tz VALUES
	(1, 'potassium permanganate', 60, 'kg', 'Stamp TZ Co', '2025-03-01 23:30+00'),
	(2, 'potassium permanganate', 60, 'kg', 'Stamp TZ Co', '2025-03-02 12:00+00');
-- timestamp: two days, a one-day window holds one shipment each: no alert;
-- timestamptz: both on 2 March in Berlin: 120 kg in one day, a split consignment
SELECT source_table, row_key, shipped_on FROM precursor.shipment_ledger
 WHERE source_table IN ('screening_arguments.stamped', 'screening_arguments.stamped_tz')
 ORDER BY 1, 2;
SELECT 'stamped' AS tbl, * FROM rules_of('stamped')
UNION ALL SELECT 'stamped_tz', * FROM rules_of('stamped_tz');
RESET TimeZone;

\if :have_citext
-- char(n) and citext description columns are screened like text (char's
-- padding does not hide a name at the end of the column)
CREATE TABLE typed (id int, goods_char char(40), goods_citext citext, goods_varchar varchar(40));
CREATE TABLE typed_char (LIKE typed);
CREATE TABLE typed_citext (LIKE typed);
CREATE TABLE typed_varchar (LIKE typed);
SELECT precursor.attach_screening('typed_char', 'description=goods_char', 'key=id') IS NOT NULL AS attached;
SELECT precursor.attach_screening('typed_citext', 'description=goods_citext', 'key=id') IS NOT NULL AS attached;
SELECT precursor.attach_screening('typed_varchar', 'description=goods_varchar', 'key=id') IS NOT NULL AS attached;
INSERT INTO typed_char (id, goods_char) VALUES (1, 'drums of SAFROLE'), (2, 'cotton');
INSERT INTO typed_citext (id, goods_citext) VALUES (1, 'drums of SAFROLE'), (2, 'cotton');
INSERT INTO typed_varchar (id, goods_varchar) VALUES (1, 'drums of SAFROLE'), (2, 'cotton');
SELECT 'char' AS tbl, * FROM rules_of('typed_char')
UNION ALL SELECT 'citext', * FROM rules_of('typed_citext')
UNION ALL SELECT 'varchar', * FROM rules_of('typed_varchar');
-- the span is the same for all three
SELECT a.source_table, a.reasons->0->>'matched' AS matched, a.reasons->0->>'start' AS start,
       a.reasons->0->>'end' AS "end", a.description
  FROM precursor.alert a
 WHERE a.source_table LIKE 'screening_arguments.typed%' ORDER BY 1;
-- a domain over citext is accepted too; a non-text type is not
CREATE DOMAIN goods_domain AS citext;
CREATE TABLE typed_domain (id int, goods goods_domain, n int);
SELECT precursor.attach_screening('typed_domain', 'description=goods', 'key=id') IS NOT NULL AS attached;
INSERT INTO typed_domain VALUES (1, 'Piperonal', 1);
SELECT * FROM rules_of('typed_domain');
\endif
CREATE TABLE typed_int (id int, n int);
SELECT precursor.attach_screening('typed_int', 'description=n');

-- quantity= accepts every numeric type, unit= any text type: 60.5 kg of
-- acetone is over its 50 kg threshold whatever the column types (the
-- integer types store 61)
DO $$
DECLARE
	t text;
	tbl text;
BEGIN
	FOREACH t IN ARRAY ARRAY['smallint', 'integer', 'bigint', 'real', 'double precision', 'numeric(8,2)']
	LOOP
		tbl := 'qty_' || regexp_replace(t, '\W+', '_', 'g');
		EXECUTE format('CREATE TABLE %I (id int, goods text, q %s, unit varchar(4))', tbl, t);
		PERFORM precursor.attach_screening(format('%I', tbl)::regclass,
										   'description=goods', 'quantity=q', 'unit=unit', 'key=id');
		EXECUTE format('INSERT INTO %I VALUES (1, %L, 60.5, %L)', tbl, 'acetone', 'kg');
	END LOOP;
END $$;
SELECT c.relname, format_type(a.atttypid, a.atttypmod) AS quantity_type,
       (SELECT count(*) FROM pg_trigger t WHERE t.tgrelid = c.oid AND NOT t.tgisinternal) AS triggers
  FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'q'
 WHERE c.relnamespace = 'screening_arguments'::regnamespace AND c.relname LIKE 'qty_%' ORDER BY 1;
SELECT a.source_table, r->>'rule' AS rule, r->>'quantity' AS quantity,
       r->>'quantity_in_threshold_unit' AS in_threshold_unit
  FROM precursor.alert a, jsonb_array_elements(a.reasons) r
 WHERE a.source_table LIKE 'screening_arguments.qty_%' AND r->>'rule' LIKE '%threshold'
 ORDER BY 1;

RESET search_path;
DROP SCHEMA screening_arguments CASCADE;
\if :have_citext
DROP EXTENSION citext;
\endif
