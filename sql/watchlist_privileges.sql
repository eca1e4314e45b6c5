--
-- watchlist_privileges: PUBLIC gets the types but no watchlist data; readers
-- read; managers write the lists; nobody but the owner alters the audit.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;

-- The two roles exist, cannot log in, and a manager is also a reader.
SELECT rolname, rolcanlogin FROM pg_catalog.pg_roles
 WHERE rolname IN ('precursor_reader', 'precursor_manager') ORDER BY 1;
SELECT pg_catalog.pg_has_role('precursor_manager', 'precursor_reader', 'MEMBER') AS manager_reads;

CREATE ROLE regress_wl_priv_nobody;
CREATE ROLE regress_wl_priv_reader;
CREATE ROLE regress_wl_priv_manager;
-- One statement each.
GRANT precursor_reader TO regress_wl_priv_reader;
GRANT precursor_manager TO regress_wl_priv_manager;

-- What each role may do, table by table.
SELECT c.relname,
       has_table_privilege('regress_wl_priv_nobody', c.oid, 'SELECT, INSERT, UPDATE, DELETE, TRUNCATE') AS public_any,
       has_table_privilege('regress_wl_priv_reader', c.oid, 'SELECT') AS reader_select,
       has_table_privilege('regress_wl_priv_reader', c.oid, 'INSERT, UPDATE, DELETE, TRUNCATE') AS reader_write,
       has_table_privilege('regress_wl_priv_manager', c.oid, 'INSERT') AS manager_insert,
       has_table_privilege('regress_wl_priv_manager', c.oid, 'UPDATE') AS manager_update,
       has_table_privilege('regress_wl_priv_manager', c.oid, 'DELETE') AS manager_delete,
       has_table_privilege('regress_wl_priv_manager', c.oid, 'TRUNCATE') AS manager_truncate
  FROM pg_catalog.pg_class AS c
 WHERE c.relnamespace = 'precursor'::regnamespace AND c.relkind IN ('r', 'v')
   AND (c.relname LIKE 'watchlist%' OR c.relname LIKE 'substance%' OR c.relname IN ('synonym', 'shared_cn_codes'))
 ORDER BY 1;
SELECT s.relname,
       has_sequence_privilege('regress_wl_priv_nobody', s.oid, 'USAGE') AS public_usage,
       has_sequence_privilege('regress_wl_priv_manager', s.oid, 'USAGE') AS manager_usage
  FROM pg_catalog.pg_class AS s
 WHERE s.relnamespace = 'precursor'::regnamespace AND s.relkind = 'S'
   AND s.relname IN ('watchlist_watchlist_id_seq', 'substance_substance_id_seq', 'synonym_synonym_id_seq')
 ORDER BY 1;
SELECT has_schema_privilege('regress_wl_priv_nobody', 'precursor', 'USAGE') AS public_schema_usage;

\set VERBOSITY sqlstate
-- An unprivileged role: the types work, the watchlists are refused (42501).
SET ROLE regress_wl_priv_nobody;
SELECT '103-79-7'::casrn AS casrn, '2939 41 00'::cncode AS cncode;
SELECT count(*) FROM precursor.watchlist;
SELECT count(*) FROM precursor.watchlist_term;
SELECT * FROM precursor.substance_profile('103-79-7');
SELECT precursor.watchlist_generation();
INSERT INTO precursor.watchlist (code, name, regime) VALUES ('regress-wl-priv', 'x', 'national');
RESET ROLE;

-- A reader reads lists, terms and the audit, and writes nothing.
SET ROLE regress_wl_priv_reader;
SELECT count(*) AS lists FROM precursor.watchlist WHERE builtin;
SELECT count(*) > 0 AS terms FROM precursor.watchlist_term;
SELECT count(*) AS profile_rows FROM precursor.substance_profile('103-79-7');
SELECT precursor.watchlist_generation() >= 0 AS generation;
SELECT count(*) >= 0 AS audit_readable FROM precursor.watchlist_audit;
INSERT INTO precursor.watchlist (code, name, regime) VALUES ('regress-wl-priv', 'x', 'national');
UPDATE precursor.synonym SET lang = 'de' WHERE synonym_id = 1;
DELETE FROM precursor.synonym WHERE synonym_id = 1;
RESET ROLE;

-- A manager writes user lists, substances, CN codes and synonyms.
SET ROLE regress_wl_priv_manager;
INSERT INTO precursor.watchlist (watchlist_id, code, name, regime)
VALUES (990101, 'regress-wl-priv', 'Privileges test list', 'national');
INSERT INTO precursor.substance (substance_id, watchlist_id, name, category, casrn, source_url, source_act)
VALUES (990101, 990101, 'Gamma-butyrolactone', 'watch', '96-48-0', 'https://example.org/list', 'Internal note 1');
INSERT INTO precursor.substance_cn (substance_id, cn_code) VALUES (990101, '2932 20 90');
INSERT INTO precursor.synonym (synonym_id, substance_id, name, lang, kind)
VALUES (990101, 990101, 'GBL', 'en', 'abbreviation');
-- a national-language name for a shipped substance is fine
INSERT INTO precursor.synonym (synonym_id, substance_id, name, lang, kind)
VALUES (990102, 1, 'fenyloaceton techniczny', 'pl', 'translation');
UPDATE precursor.substance SET category = 'watch (high)' WHERE substance_id = 990101;
SELECT w.code, s.name, s.category, c.cn_code, y.name AS synonym
  FROM precursor.watchlist AS w JOIN precursor.substance AS s USING (watchlist_id)
  JOIN precursor.substance_cn AS c USING (substance_id) JOIN precursor.synonym AS y USING (substance_id)
 WHERE w.watchlist_id = 990101;
-- ... but cannot touch the audit, the counter, or truncate.
UPDATE precursor.watchlist_audit SET acting_role = 'someone_else';
DELETE FROM precursor.watchlist_audit;
TRUNCATE precursor.watchlist_audit;
INSERT INTO precursor.watchlist_audit (session_role, acting_role, txid, table_name, operation)
VALUES ('x', 'x', '1', 'watchlist', 'INSERT');
UPDATE precursor.watchlist_state SET generation = 0;
TRUNCATE precursor.synonym;
-- shipped rows stay read-only for managers too
UPDATE precursor.substance SET name = 'x' WHERE substance_id = 1;
DELETE FROM precursor.synonym WHERE synonym_id = 990102;
DELETE FROM precursor.watchlist WHERE watchlist_id = 990101;
SELECT count(*) AS left_over FROM precursor.substance WHERE substance_id = 990101;
RESET ROLE;
\set VERBOSITY default

-- The audit saw the manager's changes, including the cascade.
SELECT table_name, operation, count(*)
  FROM precursor.watchlist_audit WHERE acting_role = 'regress_wl_priv_manager'
 GROUP BY 1, 2 ORDER BY 1, 2;

-- Clean up (the owner may prune the audit).
DELETE FROM precursor.watchlist_audit
 WHERE acting_role IN ('regress_wl_priv_manager', 'regress_wl_priv_reader', 'regress_wl_priv_nobody');
DROP ROLE regress_wl_priv_nobody;
DROP ROLE regress_wl_priv_reader;
DROP ROLE regress_wl_priv_manager;
