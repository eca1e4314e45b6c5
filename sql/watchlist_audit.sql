--
-- watchlist_audit: every change to a watchlist is recorded with who, when,
-- which transaction, which row, before and after.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
\set SHOW_CONTEXT never

-- Loading the shipped lists at CREATE EXTENSION wrote no audit rows.
SELECT count(*) AS shipped_rows_audited FROM precursor.watchlist_audit
 WHERE (after ->> 'builtin')::boolean OR (before ->> 'builtin')::boolean;

CREATE ROLE regress_wl_audit_mgr;
GRANT precursor_manager TO regress_wl_audit_mgr;
SELECT pg_catalog.now() AS t0 \gset

BEGIN;
SET LOCAL ROLE regress_wl_audit_mgr;
INSERT INTO precursor.watchlist (watchlist_id, code, name, regime)
VALUES (990201, 'regress-wl-audit', 'Audit test list', 'internal');
INSERT INTO precursor.substance (substance_id, watchlist_id, name, category, source_url, source_act)
VALUES (990201, 990201, '1,4-butanediol', 'A', 'https://example.org/a', 'Internal circular 7');
INSERT INTO precursor.synonym (synonym_id, substance_id, name, lang, kind)
VALUES (990201, 990201, 'BDO', 'en', 'abbreviation');
UPDATE precursor.substance SET category = 'B', casrn = '110-63-4' WHERE substance_id = 990201;
DELETE FROM precursor.synonym WHERE synonym_id = 990201;
-- all in this transaction
SELECT count(*) AS rows, count(*) FILTER (WHERE txid = pg_catalog.pg_current_xact_id()) AS this_txid
  FROM precursor.watchlist_audit WHERE acting_role = 'regress_wl_audit_mgr';
COMMIT;

-- What, with the row key and the changed values.
SELECT table_name, operation, row_key,
       before ->> 'category' AS category_before, after ->> 'category' AS category_after,
       after ->> 'casrn' AS casrn_after, coalesce(after, before) ->> 'name' AS name
  FROM precursor.watchlist_audit WHERE acting_role = 'regress_wl_audit_mgr'
 ORDER BY at;
-- Who and when: the session user and the role set by SET ROLE (not the
-- owner of the SECURITY DEFINER audit function), at or after t0.
SELECT DISTINCT session_role = session_user AS session_ok, acting_role,
       at >= :'t0'::timestamptz AND at <= pg_catalog.clock_timestamp() AS at_ok
  FROM precursor.watchlist_audit WHERE acting_role = 'regress_wl_audit_mgr';
-- Before and after are whole rows.
SELECT before IS NOT NULL AND after IS NOT NULL AS both_images,
       (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(after) AS k) AS after_keys
  FROM precursor.watchlist_audit
 WHERE acting_role = 'regress_wl_audit_mgr' AND operation = 'UPDATE';

-- The analyst's "what changed since": the same rows through the function.
SELECT table_name, operation, row_key
  FROM precursor.watchlist_changes(:'t0') WHERE acting_role = 'regress_wl_audit_mgr';

-- A rolled back change leaves no trace.
BEGIN;
SET LOCAL ROLE regress_wl_audit_mgr;
UPDATE precursor.substance SET category = 'C' WHERE substance_id = 990201;
ROLLBACK;
SELECT count(*) AS rolled_back_rows FROM precursor.watchlist_audit
 WHERE acting_role = 'regress_wl_audit_mgr' AND after ->> 'category' = 'C';

-- Deleting the list cascades to its entries, their CN codes and synonyms,
-- and every cascaded row is audited: the DELETE rows of that transaction
-- are exactly the rows that existed before it, with their whole images.
SET ROLE regress_wl_audit_mgr;
INSERT INTO precursor.substance (substance_id, watchlist_id, name, category, source_url, source_act)
VALUES (990202, 990201, 'gamma-butyrolactone', 'A', 'https://example.org/a', 'Internal circular 7');
INSERT INTO precursor.substance_cn (substance_id, cn_code)
VALUES (990201, '2905 39 95'), (990202, '2932 20 90'), (990202, '2932 20');
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
VALUES (990201, 'BD', 'en', 'abbreviation'), (990202, 'GBL', 'en', 'abbreviation'),
       (990202, 'Butyrolacton', 'de', 'translation');
RESET ROLE;
CREATE TEMP TABLE rows_before_delete AS
SELECT 'watchlist' AS table_name, to_jsonb(w) AS image FROM precursor.watchlist w WHERE watchlist_id = 990201
UNION ALL
SELECT 'substance', to_jsonb(s) FROM precursor.substance s WHERE watchlist_id = 990201
UNION ALL
SELECT 'substance_cn', to_jsonb(c) FROM precursor.substance_cn c
 WHERE substance_id IN (SELECT substance_id FROM precursor.substance WHERE watchlist_id = 990201)
UNION ALL
SELECT 'synonym', to_jsonb(y) FROM precursor.synonym y
 WHERE substance_id IN (SELECT substance_id FROM precursor.substance WHERE watchlist_id = 990201);
SELECT table_name, count(*) FROM rows_before_delete GROUP BY 1 ORDER BY 1;
BEGIN;
SET LOCAL ROLE regress_wl_audit_mgr;
DELETE FROM precursor.watchlist WHERE watchlist_id = 990201;
SELECT pg_catalog.pg_current_xact_id() AS delete_txid \gset
COMMIT;
-- rows deleted but not audited, and audit rows for rows that were not there
(SELECT table_name, image FROM rows_before_delete
 EXCEPT
 SELECT table_name, before FROM precursor.watchlist_audit
  WHERE txid = :'delete_txid' AND operation = 'DELETE')
UNION ALL
(SELECT table_name, before FROM precursor.watchlist_audit
  WHERE txid = :'delete_txid' AND operation = 'DELETE'
 EXCEPT
 SELECT table_name, image FROM rows_before_delete);
SELECT table_name, count(*) AS audited_deletes, bool_and(after IS NULL) AS no_after_image,
       bool_and(acting_role = 'regress_wl_audit_mgr') AS by_the_manager
  FROM precursor.watchlist_audit WHERE txid = :'delete_txid'
 GROUP BY 1 ORDER BY 1;

-- TRUNCATE of a watchlist table is refused even for the owner (it would
-- remove shipped rows without row triggers).
TRUNCATE precursor.synonym;

-- The audit function pins its search_path and runs as its owner.
SELECT p.prosecdef, p.proconfig FROM pg_catalog.pg_proc AS p
 WHERE p.oid = 'precursor.watchlist_audit_row()'::regprocedure;

DELETE FROM precursor.watchlist_audit WHERE acting_role = 'regress_wl_audit_mgr';
DROP ROLE regress_wl_audit_mgr;
