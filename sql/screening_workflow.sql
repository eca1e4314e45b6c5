SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- The alert review workflow and its privileges: analysts review only through
-- precursor.review_alert(); readers read; PUBLIC gets nothing; nobody
-- rewrites alerts or their history; loaders need no privilege on alerts.
CREATE SCHEMA screening_workflow;
CREATE ROLE screening_workflow_analyst;
CREATE ROLE screening_workflow_reader;
CREATE ROLE screening_workflow_loader;
GRANT precursor_analyst TO screening_workflow_analyst;
GRANT precursor_reader TO screening_workflow_reader;
GRANT USAGE ON SCHEMA screening_workflow TO screening_workflow_loader;

CREATE TABLE screening_workflow.decl (id int, goods text);
ALTER TABLE screening_workflow.decl OWNER TO screening_workflow_loader;
SELECT precursor.attach_screening('screening_workflow.decl', 'description=goods', 'key=id') IS NOT NULL AS attached;

-- a loader without any precursor role: rows are screened, alerts written
SET ROLE screening_workflow_loader;
INSERT INTO screening_workflow.decl VALUES (1, 'Safrole'), (2, 'Ephedrine'), (3, 'Olive oil');
SELECT count(*) FROM precursor.alert;               -- but cannot read them
INSERT INTO precursor.alert (source_table, substance_name, watchlist_code, category, score, reasons)
VALUES ('x', 'forged', 'x', '1', 1, '[]');          -- nor forge them
SELECT precursor.review_alert(1, 'cleared', 'no');  -- nor review
RESET ROLE;

CREATE TEMP VIEW mine AS
SELECT alert_id, row_key, substance_name, status, reviewed_by, review_note
  FROM precursor.alert WHERE source_table = 'screening_workflow.decl';
GRANT SELECT ON mine TO PUBLIC;
SELECT row_key, substance_name, status FROM mine ORDER BY row_key;

-- a reader reads alerts and reports, but does not review or update
SET ROLE screening_workflow_reader;
SELECT count(*) FROM precursor.alert WHERE source_table = 'screening_workflow.decl';
SELECT count(*) > 0 AS sees_report FROM precursor.alerts_by_category;
SELECT precursor.review_alert((SELECT alert_id FROM mine WHERE row_key = '1'), 'cleared', 'looks fine');
UPDATE precursor.alert SET status = 'cleared' WHERE source_table = 'screening_workflow.decl';
RESET ROLE;

-- an analyst reviews through the function
SET ROLE screening_workflow_analyst;
SELECT status, reviewed_by, review_note
  FROM precursor.review_alert((SELECT alert_id FROM mine WHERE row_key = '1'), 'escalated', 'safrole to a new customer');
SELECT status, reviewed_by, review_note
  FROM precursor.review_alert((SELECT alert_id FROM mine WHERE row_key = '1'), 'cleared', 'licence checked');
-- the same status twice, a bad status, no note, a missing alert
DO $$
BEGIN
	PERFORM precursor.review_alert((SELECT alert_id FROM mine WHERE row_key = '1'), 'cleared', 'again');
EXCEPTION WHEN object_not_in_prerequisite_state THEN
	RAISE NOTICE 'refused: %', regexp_replace(SQLERRM, '[0-9]+', 'N');
END $$;
SELECT precursor.review_alert((SELECT alert_id FROM mine WHERE row_key = '2'), 'closed', 'x');
SELECT precursor.review_alert((SELECT alert_id FROM mine WHERE row_key = '2'), 'cleared', ' ');
SELECT precursor.review_alert(-1, 'cleared', 'x');
-- but cannot update, delete or truncate directly
UPDATE precursor.alert SET status = 'cleared' WHERE source_table = 'screening_workflow.decl';
DELETE FROM precursor.alert WHERE source_table = 'screening_workflow.decl';
DELETE FROM precursor.alert_review;
TRUNCATE precursor.alert_review;
SELECT from_status, to_status, reviewed_by, note
  FROM precursor.alert_review WHERE alert_id = (SELECT alert_id FROM mine WHERE row_key = '1')
 ORDER BY review_id;
SELECT topic, regexp_replace(detail, '^[0-9: -]+', '') AS detail
  FROM precursor.explain_alert((SELECT alert_id FROM mine WHERE row_key = '1')) WHERE topic = 'review';
RESET ROLE;

-- not even the owner rewrites history
UPDATE precursor.alert SET score = 0 WHERE source_table = 'screening_workflow.decl';
DELETE FROM precursor.alert WHERE source_table = 'screening_workflow.decl';
UPDATE precursor.alert_review SET note = 'rewritten';
TRUNCATE precursor.alert, precursor.alert_review;

-- PUBLIC has no privilege on the alert tables, reports or review
SELECT c.relname, has_table_privilege('public', c.oid, 'SELECT') AS public_select
  FROM pg_class c WHERE c.relnamespace = 'precursor'::regnamespace
   AND c.relname IN ('alert', 'alert_review', 'shipment_ledger', 'alerts_by_substance',
                     'split_shipment_candidates', 'misdeclarations')
 ORDER BY 1;
SELECT p.oid::regprocedure AS function, has_function_privilege('public', p.oid, 'EXECUTE') AS public_execute
  FROM pg_proc p WHERE p.pronamespace = 'precursor'::regnamespace
   AND p.proname IN ('review_alert', 'explain_alert', 'top_parties', 'screen_trigger', 'attach_screening')
 ORDER BY 1::text;

DROP VIEW mine;
DROP SCHEMA screening_workflow CASCADE;
DROP ROLE screening_workflow_analyst;
DROP ROLE screening_workflow_reader;
DROP ROLE screening_workflow_loader;
