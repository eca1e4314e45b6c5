SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- Hardening of the screening trigger: who may screen and write alerts, what
-- the trigger reveals to whom, invalid quantities and identifiers, bounded
-- and cancellable work, and the decided behaviours of UPDATE and ALTER TABLE.
CREATE SCHEMA screening_hardening;
SET search_path = screening_hardening;
CREATE ROLE sh_manager;
CREATE ROLE sh_reader;
CREATE ROLE sh_nobody;
GRANT precursor_manager TO sh_manager;
GRANT precursor_reader TO sh_reader;
GRANT USAGE, CREATE ON SCHEMA screening_hardening TO sh_manager, sh_reader, sh_nobody;

CREATE VIEW raised AS
SELECT row_key::int AS id, substance_name AS substance, status, supersedes,
       jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert WHERE source_table LIKE 'screening_hardening.%';

-- 1. A role without precursor_reader cannot attach the trigger at all
-- (EXECUTE is not PUBLIC), like screen() refuses it.
SET ROLE sh_nobody;
CREATE TABLE nobody_decl (id int, goods text, qty numeric, unit text, consignee text);
CREATE TRIGGER t BEFORE INSERT ON nobody_decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods');
SELECT precursor.attach_screening('nobody_decl', 'description=goods');
RESET ROLE;

-- 2. A reader (not a manager) cannot create a trigger that writes alerts
-- and shipments, by either path; annotate and reject write nothing and are
-- allowed.  The issue's attack: -1000 kg for Acme BV into a table of its own.
SET ROLE sh_reader;
CREATE TABLE reader_decl (id int, goods text, qty numeric, unit text, consignee text,
                          hits jsonb);
SELECT precursor.attach_screening('reader_decl', 'description=goods', 'quantity=qty',
	'unit=unit', 'consignee=consignee', 'key=id');
CREATE TRIGGER alerting BEFORE INSERT ON reader_decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'mode=alert,annotate',
		'annotate=hits');
CREATE TRIGGER annotating BEFORE INSERT ON reader_decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'quantity=qty',
		'unit=unit', 'consignee=consignee', 'key=id', 'mode=annotate', 'annotate=hits');
INSERT INTO reader_decl VALUES (1, 'potassium permanganate', -1000, 'kg', 'Acme BV'),
	(2, 'potassium permanganate', 40, 'kg', 'Acme BV');
-- the reader sees what screen() would show it; no cumulative rule (no ledger)
SELECT id, hits->0->>'substance' AS substance,
       jsonb_path_query_array(hits, '$[*].reasons[*].rule') AS rules FROM reader_decl ORDER BY id;
RESET ROLE;
-- nothing was written anywhere
SELECT count(*) AS ledger_rows FROM precursor.shipment_ledger
 WHERE source_table LIKE 'screening_hardening.%';
SELECT count(*) AS alerts FROM raised;
SELECT count(*) AS registrations FROM precursor.screened_table
 WHERE relid = 'reader_decl'::regclass;

-- 3. Annotate reveals list entries, so it follows screen()'s read rights for
-- the role that fires it: a role without precursor_reader is refused.
SET ROLE sh_reader;
GRANT INSERT ON reader_decl TO sh_nobody;
SET ROLE sh_nobody;
INSERT INTO reader_decl VALUES (3, 'safrole', 1, 'kg', 'X');
SELECT count(*) FROM precursor.screen('safrole');
RESET ROLE;

-- 4. A manager's trigger is registered (table, owner, arguments, who), and
-- then any loader may insert: alerts and shipments are written for it.
SET ROLE sh_manager;
CREATE TABLE decl (id int PRIMARY KEY, goods text, cas text, cn text, qty numeric,
                   unit text, consignee text, declared date);
SELECT precursor.attach_screening('decl', 'description=goods', 'casrn=cas', 'cn=cn',
	'quantity=qty', 'unit=unit', 'consignee=consignee', 'date=declared', 'key=id') IS NOT NULL
	AS attached;
GRANT SELECT, INSERT, UPDATE ON decl TO sh_nobody;
RESET ROLE;
SELECT relid, trigger_name, table_owner, options, registered_by
  FROM precursor.screened_table WHERE relid = 'decl'::regclass;

-- 5. Quantities must be positive and finite: anything else is the reason
-- quantity_invalid and never enters the ledger, so -1000 kg cannot cancel
-- three 40 kg shipments (the third raises the cumulative alert).
SET ROLE sh_nobody;
INSERT INTO decl VALUES
	(1, 'potassium permanganate', NULL, NULL, -1000, 'kg', 'Acme BV', '2025-03-01'),
	(2, 'potassium permanganate', NULL, NULL, 0, 'kg', 'Acme BV', '2025-03-01'),
	(3, 'potassium permanganate', NULL, NULL, 'NaN', 'kg', 'Acme BV', '2025-03-01'),
	(4, 'potassium permanganate', NULL, NULL, 'Infinity', 'kg', 'Acme BV', '2025-03-01'),
	(5, 'potassium permanganate', NULL, NULL, 40, 'kg', 'Acme BV', '2025-03-01'),
	(6, 'potassium permanganate', NULL, NULL, 40, 'kg', 'Acme BV', '2025-03-02'),
	(7, 'potassium permanganate', NULL, NULL, 40, 'kg', 'Acme BV', '2025-03-03');
RESET ROLE;
SELECT id, substance, rules FROM raised WHERE id BETWEEN 1 AND 7 ORDER BY id;
SELECT row_key, quantity FROM precursor.shipment_ledger
 WHERE source_table = 'screening_hardening.decl' ORDER BY row_key;
SELECT detail FROM precursor.explain_alert(
	(SELECT alert_id FROM precursor.alert
	  WHERE source_table = 'screening_hardening.decl' AND row_key = '1'))
 WHERE topic = 'quantity_invalid';

-- 6. The registration is checked at every statement: without it (here
-- deleted by the owner of the alert tables) the trigger refuses to write,
-- and a manager's validation records it again.
DELETE FROM precursor.screened_table WHERE relid = 'decl'::regclass;
INSERT INTO decl VALUES (8, 'cotton', NULL, NULL, 1, 'kg', 'Acme BV', '2025-03-01');
SELECT count(*) FROM decl WHERE id = 8;
SET ROLE sh_manager;
SELECT precursor.screen_trigger_validate(
	(SELECT oid FROM pg_trigger WHERE tgrelid = 'decl'::regclass AND tgname = 'precursor_screen'));
RESET ROLE;
INSERT INTO decl VALUES (8, 'cotton', NULL, NULL, 1, 'kg', 'Acme BV', '2025-03-01');

-- 7. The ledger's lock is a table nobody is granted: no other role can take
-- it (an advisory lock in the old design could be taken by anyone).
SET ROLE sh_nobody;
BEGIN;
LOCK TABLE precursor.shipment_ledger_lock IN ACCESS SHARE MODE;
ROLLBACK;
BEGIN;
LOCK TABLE precursor.shipment_ledger_lock IN EXCLUSIVE MODE;
ROLLBACK;
RESET ROLE;

-- 8. An invalid declared CAS RN or CN code is a reason of its own on a row
-- that names a chemical; a blank one declares nothing; a row naming nothing
-- raises no alert.
INSERT INTO decl VALUES
	(20, 'safrole', '94-59-8', NULL, 1, 'kg', NULL, '2025-04-01'),  -- check digit wrong (94-59-7)
	(21, 'safrole', NULL, '2932 9', 1, 'kg', NULL, '2025-04-01'),   -- not a CN code
	(22, 'safrole', '  ', ' ', 1, 'kg', NULL, '2025-04-01'),        -- blank: nothing declared
	(23, 'cotton', 'not a cas', 'nor a code', 1, 'kg', NULL, '2025-04-01');
SELECT id, substance, rules FROM raised WHERE id BETWEEN 20 AND 29 ORDER BY id;
SELECT detail FROM precursor.explain_alert(
	(SELECT alert_id FROM precursor.alert
	  WHERE source_table = 'screening_hardening.decl' AND row_key = '20'))
 WHERE topic IN ('casrn_invalid', 'cn_invalid')
UNION ALL
SELECT detail FROM precursor.explain_alert(
	(SELECT alert_id FROM precursor.alert
	  WHERE source_table = 'screening_hardening.decl' AND row_key = '21'))
 WHERE topic IN ('casrn_invalid', 'cn_invalid');

-- 9. An UPDATE that re-screens a row supersedes the row's open alerts; the
-- new alert lists the ones it replaced, and both explanations say so.  A
-- reviewed alert is a decision and stays as it is.
INSERT INTO decl VALUES (30, 'safrole', NULL, NULL, 1, 'kg', NULL, '2025-05-01'),
	(31, 'safrole', NULL, NULL, 1, 'l', NULL, '2025-05-01');
UPDATE decl SET goods = 'isosafrole' WHERE id = 30;
SELECT id, substance, status, supersedes <> '{}' AS supersedes_one FROM raised
 WHERE id = 30 ORDER BY status, substance;
SELECT topic, detail ~ '^(by )?#[0-9]+' AS links FROM precursor.explain_alert(
	(SELECT alert_id FROM precursor.alert WHERE source_table = 'screening_hardening.decl'
	    AND row_key = '30' AND status = 'superseded'))
 WHERE topic IN ('supersedes', 'superseded')
UNION ALL
SELECT topic, detail ~ '^(by )?#[0-9]+' FROM precursor.explain_alert(
	(SELECT alert_id FROM precursor.alert WHERE source_table = 'screening_hardening.decl'
	    AND row_key = '30' AND status = 'open'))
 WHERE topic IN ('supersedes', 'superseded');
SELECT a.supersedes = ARRAY[o.alert_id] AS linked
  FROM precursor.alert a, precursor.alert o
 WHERE a.source_table = 'screening_hardening.decl' AND a.row_key = '30' AND a.status = 'open'
   AND o.source_table = a.source_table AND o.row_key = '30' AND o.status = 'superseded';
-- an UPDATE after which the row names nothing: superseded, no successor
UPDATE decl SET goods = 'cotton' WHERE id = 30;
SELECT id, substance, status FROM raised WHERE id = 30 ORDER BY status, substance;
SELECT topic, detail ~ '^#[0-9]+, the same row' AS links_back, detail ~ 'no longer' AS no_successor
  FROM precursor.explain_alert(
	(SELECT max(alert_id) FROM precursor.alert WHERE source_table = 'screening_hardening.decl'
	    AND row_key = '30')) WHERE topic IN ('supersedes', 'superseded');
-- a cleared alert is not superseded
SELECT (precursor.review_alert(alert_id, 'cleared', 'solvent for a paint shop')).status
  FROM precursor.alert WHERE source_table = 'screening_hardening.decl' AND row_key = '31';
UPDATE decl SET qty = 2 WHERE id = 31;
SELECT id, substance, status FROM raised WHERE id = 31 ORDER BY status;
-- the guard lets the trigger's change through, and nothing else
UPDATE precursor.alert SET status = 'superseded', score = 0
 WHERE source_table = 'screening_hardening.decl' AND row_key = '31';

-- 10. ALTER TABLE that breaks a screening trigger is refused at once, with
-- the trigger named: drop, rename or retype of a configured column.  Other
-- changes pass.
ALTER TABLE decl DROP COLUMN consignee;
ALTER TABLE decl RENAME COLUMN goods TO description;
ALTER TABLE decl ALTER COLUMN qty TYPE text;
ALTER TABLE decl ADD COLUMN note text;
ALTER TABLE decl RENAME COLUMN note TO remark;
ALTER TABLE decl DROP COLUMN remark;
INSERT INTO decl VALUES (40, 'safrole', NULL, NULL, 1, 'l', NULL, '2025-05-01');
SELECT id, substance FROM raised WHERE id = 40;
-- a new owner needs a manager's approval: a non-manager owner cannot
-- hand the table over
ALTER TABLE decl OWNER TO sh_reader;
GRANT sh_nobody TO sh_reader;
SET ROLE sh_reader;
ALTER TABLE decl OWNER TO sh_nobody;
RESET ROLE;
SELECT table_owner FROM precursor.screened_table WHERE relid = 'decl'::regclass;
-- a dropped table's registration goes with it
CREATE TABLE gone (id int, goods text);
SELECT precursor.attach_screening('gone', 'description=goods') IS NOT NULL AS attached;
DROP TABLE gone;
SELECT count(*) AS registrations_left FROM precursor.screened_table
 WHERE relid::text = 'screening_hardening.gone' OR relid::text ~ '^[0-9]+$';

-- 11. Bounded and cancellable.  A name repeated 40 times makes one alert
-- with 16 itemised mentions and a count of the rest.
CREATE TABLE big (id int, goods text);
SELECT precursor.attach_screening('big', 'description=goods', 'key=id') IS NOT NULL AS attached;
INSERT INTO big VALUES (1, repeat('acetone, ', 40));
SELECT jsonb_path_query_array(reasons, '$[*] ? (@.rule == "name").start') AS starts,
       jsonb_path_query(reasons, '$[*] ? (@.rule == "more_mentions").count') AS more
  FROM precursor.alert WHERE source_table = 'screening_hardening.big';
-- Past precursor.max_hits the row is screened up to the bound and its
-- alerts say so (hits_truncated, aggravating).
SET precursor.max_hits = 30;
INSERT INTO big VALUES (3, repeat('acetone, ', 20) || 'safrole');
SELECT row_key, substance_name, jsonb_path_query_array(reasons, '$[*].rule ? (@ != "name")') AS rules
  FROM precursor.alert WHERE source_table = 'screening_hardening.big' AND row_key = '3';
-- 4 MB naming acetone half a million times, the bound lifted to its
-- ceiling: the trigger polls for interrupts in every loop, so
-- statement_timeout cancels it (it used to run for minutes, deaf to cancel
-- and terminate).
SET precursor.max_hits = 1000000;
SET statement_timeout = '1s';
INSERT INTO big VALUES (2, repeat('acetone ', 524288));
RESET statement_timeout;
RESET precursor.max_hits;
SELECT count(*) FROM big;

RESET search_path;
DROP SCHEMA screening_hardening CASCADE;
DROP ROLE sh_manager;
DROP ROLE sh_reader;
DROP ROLE sh_nobody;
