SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- precursor.screen_trigger(): every mode, INSERT, UPDATE and COPY, and bad
-- configuration failing clearly (at CREATE TRIGGER time through the event
-- trigger, and at the first row for a table altered afterwards).
CREATE SCHEMA screening_trigger;
SET search_path = screening_trigger, public;

CREATE TABLE decl (
	id       int PRIMARY KEY,
	goods    text,
	cas      casrn,
	cn       cncode,
	qty      numeric,
	unit     text,
	buyer    text,
	country  text,
	day      date,
	hits     jsonb,
	note     text
);

-- alert mode: the row is stored unchanged, the alert records the evidence
SELECT precursor.attach_screening('decl', 'description=goods', 'casrn=cas', 'cn=cn',
	'quantity=qty', 'unit=unit', 'consignee=buyer', 'country=country', 'date=day',
	'key=id', 'mode=alert') IS NOT NULL AS attached;
INSERT INTO decl (id, goods, cn, qty, unit, buyer, country, day, note)
VALUES (1, 'Phenylacetone 99%, 2 drums', '2914 31 00', 5, 'kg', 'Acme', 'NL', '2025-01-10', 'untouched'),
       (2, 'Citric acid anhydrous', '2918 14 00', 500, 'kg', 'Acme', 'NL', '2025-01-10', 'untouched');
SELECT id, goods, cn, qty, hits, note FROM decl ORDER BY id;
SELECT row_key, substance_name, watchlist_code, category, listed_as, score, status,
       jsonb_path_query_array(reasons, '$[*].rule') AS rules,
       reasons->0->>'matched' AS matched, reasons->0->>'start' AS start, reasons->0->>'end' AS "end"
  FROM precursor.alert WHERE source_table = 'screening_trigger.decl' ORDER BY alert_id;

-- COPY fires the trigger for every row
COPY decl (id, goods, cas, cn, qty, unit, buyer, country, day) FROM STDIN WITH (FORMAT csv);
3,"Ephedrine hydrochloride, 10 kg",,2939 41 00,10,kg,Beta Ltd,TR,2025-01-11
4,Stainless steel bolts,,7318 15 88,100,kg,Beta Ltd,TR,2025-01-11
5,Organic intermediate,103-79-7,2942 00 00,3,kg,Gamma SA,MX,2025-01-12
6,"toluene-free paint thinner",,3814 00 90,20,kg,Gamma SA,MX,2025-01-12
\.
SELECT count(*) AS rows_copied FROM decl;
SELECT row_key, substance_name, category, jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert WHERE source_table = 'screening_trigger.decl' ORDER BY alert_id;

-- an UPDATE that leaves the screened columns alone is not screened again
UPDATE decl SET note = 'seen' WHERE id = 1;
SELECT count(*) AS alerts_for_row_1 FROM precursor.alert
 WHERE source_table = 'screening_trigger.decl' AND row_key = '1';
-- an UPDATE of the description is
UPDATE decl SET goods = 'Piperonal' WHERE id = 2;
SELECT row_key, substance_name FROM precursor.alert
 WHERE source_table = 'screening_trigger.decl' AND row_key = '2';
DROP TRIGGER precursor_screen ON decl;

-- annotate mode: only the annotate column changes
CREATE TRIGGER screen BEFORE INSERT OR UPDATE ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'cn=cn',
		'annotate=hits', 'mode=annotate');
INSERT INTO decl (id, goods, cn, note) VALUES
	(10, 'Safrole oil', '2932 94 00', 'kept'),
	(11, 'Olive oil', '1509 20 00', 'kept'),
	(12, 'Solvent', '2914 31 00', 'kept');
SELECT id, goods, note, jsonb_array_length(hits) AS findings,
       hits->0->>'substance' AS substance, hits->0->'listed_as' AS listed_as,
       hits->0->>'alert' AS alert, jsonb_path_query_array(hits, '$[*].reasons[*].rule') AS rules
  FROM decl WHERE id >= 10 ORDER BY id;
SELECT count(*) AS alerts_from_annotate_mode FROM precursor.alert
 WHERE source_table = 'screening_trigger.decl' AND row_key IN ('10', '11', '12');
DROP TRIGGER screen ON decl;

-- reject mode: Category 1 rows fail with SQLSTATE PR001; others pass
CREATE TRIGGER screen BEFORE INSERT OR UPDATE ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'casrn=cas',
		'key=id', 'mode=reject,alert', 'reject_categories=1, Table I');
\set VERBOSITY sqlstate
INSERT INTO decl (id, goods) VALUES (20, 'Safrole, 5 l');
\set VERBOSITY default
INSERT INTO decl (id, goods) VALUES (20, 'Safrole, 5 l');
INSERT INTO decl (id, goods, cas) VALUES (21, 'chemical', '4676-39-5');
-- a Category 3 substance is not rejected, but alerted (alert is also in the mode)
INSERT INTO decl (id, goods) VALUES (22, 'Toluene');
-- nor is a negated mention
INSERT INTO decl (id, goods) VALUES (23, 'cleaner, free of safrole');
SELECT id FROM decl WHERE id >= 20 ORDER BY id;
SELECT row_key, substance_name FROM precursor.alert
 WHERE source_table = 'screening_trigger.decl' AND row_key IN ('20', '21', '22', '23');
-- the error can be caught like any other
DO $$
BEGIN
	INSERT INTO screening_trigger.decl (id, goods) VALUES (24, 'ephedrine');
EXCEPTION WHEN SQLSTATE 'PR001' THEN
	RAISE NOTICE 'rejected: %', SQLERRM;
END $$;
DROP TRIGGER screen ON decl;

-- text columns for CAS RN and CN code work too; unparsable values are ignored
CREATE TABLE decl_text (id int, goods text, cas text, cn varchar(20));
SELECT precursor.attach_screening('decl_text', 'description=goods', 'casrn=cas', 'cn=cn', 'key=id') IS NOT NULL AS attached;
INSERT INTO decl_text VALUES (1, 'chemical', '103-79-7', 'ex 2914 31 00'), (2, 'x', 'not a cas', 'nonsense');
SELECT row_key, substance_name, jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert WHERE source_table = 'screening_trigger.decl_text' ORDER BY alert_id;

-- bad configuration fails at CREATE TRIGGER time, saying what is wrong
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=no_such_column');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=qty');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'quantity=unit');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'mode=shout');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'colour=red');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('goods');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'mode=annotate');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'annotate=note', 'mode=annotate');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('quantity=qty');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'window=forever');
CREATE TRIGGER bad AFTER INSERT ON decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods');
CREATE TRIGGER bad BEFORE INSERT ON decl FOR EACH STATEMENT
	EXECUTE FUNCTION precursor.screen_trigger('description=goods');
SELECT precursor.attach_screening('decl', 'description=goods', 'casrn=qty');
SELECT count(*) AS triggers_left FROM pg_trigger WHERE tgrelid = 'decl'::regclass AND NOT tgisinternal;

-- dropping a configured column is refused at ALTER TABLE time, naming the
-- trigger (see screening_hardening for rename, retype and owner changes);
-- the table keeps working
CREATE TABLE decl_alter (id int, goods text, extra text);
SELECT precursor.attach_screening('decl_alter', 'description=extra', 'key=id') IS NOT NULL AS attached;
ALTER TABLE decl_alter DROP COLUMN extra;
INSERT INTO decl_alter VALUES (1, 'acetone', 'acetone');
SELECT count(*) AS alerts FROM precursor.alert WHERE source_table = 'screening_trigger.decl_alter';

RESET search_path;
DROP SCHEMA screening_trigger CASCADE;
