
-- ===========================================================================
-- 50 restore: loading a dump of the configuration tables (src/restore.c).
--
-- In a restore session (a superuser's, with check_function_bodies off, as
-- pg_dump and pg_restore set it), each statement that loads one of the
-- extension's configuration tables runs with session_replication_role =
-- replica: no foreign key check (pg_restore -j loads the tables in any
-- order) and no audit row (the audit trail is itself restored).
-- ===========================================================================

CREATE FUNCTION precursor.restoring() RETURNS boolean
	LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'precursor_restoring';
COMMENT ON FUNCTION precursor.restoring() IS
	'True in a restore session: a superuser''s session with check_function_bodies off, as pg_dump and pg_restore set it. Rows loaded into the extension''s tables in such a session skip foreign key checks and the audit.';

CREATE FUNCTION precursor.restore_statement() RETURNS trigger
	LANGUAGE c AS 'MODULE_PATHNAME', 'precursor_restore_statement';
COMMENT ON FUNCTION precursor.restore_statement() IS
	'Statement-level INSERT trigger (BEFORE and AFTER, enabled ALWAYS) on the configuration tables: in a restore session, the statement runs with session_replication_role = replica.';

-- Every configuration table registered above gets the pair of triggers.
DO $restore$
DECLARE
	t regclass;
BEGIN
	FOR t IN
		SELECT c.oid::regclass
		  FROM pg_catalog.pg_extension AS e,
			   pg_catalog.unnest(e.extconfig) AS x(relid)
		  JOIN pg_catalog.pg_class AS c ON c.oid = x.relid
		 WHERE e.extname = 'precursor' AND c.relkind = 'r'
		 ORDER BY c.relname
	LOOP
		EXECUTE pg_catalog.format('CREATE TRIGGER restore_begin BEFORE INSERT ON %s FOR EACH STATEMENT EXECUTE FUNCTION precursor.restore_statement()', t);
		EXECUTE pg_catalog.format('CREATE TRIGGER restore_end AFTER INSERT ON %s FOR EACH STATEMENT EXECUTE FUNCTION precursor.restore_statement()', t);
		EXECUTE pg_catalog.format('ALTER TABLE %s ENABLE ALWAYS TRIGGER restore_begin, ENABLE ALWAYS TRIGGER restore_end', t);
	END LOOP;
END
$restore$;
