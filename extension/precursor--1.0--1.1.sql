/*
 * precursor 1.0 -> 1.1: upgrade script.
 *
 * Keeps every row (user watchlists, synonyms, CN codes, audit trail, alerts,
 * reviews, ledger) and every screening trigger: nothing is dropped or
 * recreated, objects are moved and added.  tests/integration/upgrade_from_1_0.sh
 * installs 1.0, fills it, runs this script and compares the member objects
 * and their definitions with a fresh 1.1 install.
 *
 * 1. Schema layout.  1.0 kept everything in schema precursor (the extension's
 *    schema).  1.1 puts the types, their operators, operator classes and
 *    families and the functions behind them in the extension's schema, by
 *    default public, and keeps tables, views and the other functions in
 *    schema precursor, which the extension now owns.  The upgrade moves the
 *    type layer to public (the schema a fresh CREATE EXTENSION uses), makes
 *    public the extension's schema, and makes schema precursor a member.
 *    Columns, indexes, constraints and function bodies refer to the moved
 *    objects by OID, so they follow.
 * 2. Restore: in a restore session, loads of the configuration tables skip
 *    foreign key checks and the audit (part 50); the change-signal triggers
 *    fire ALWAYS.
 * 3. List releases (part 22): the shipped lists of 1.0 are release
 *    2025-08-14, recorded with a snapshot of their entries.
 * 4. Reports: top_parties() lists only the rules of the alerts in the
 *    period it was given (1.0 listed every rule of the party).
 * 5. Screening hardening (part 40): registrations of screened tables (the
 *    existing screening triggers are registered as they stand), a ledger
 *    lock no role can take, superseded alerts, ALTER TABLE checked against
 *    screening triggers, EXECUTE on the trigger for readers only.
 * 6. explain_alert() of an unknown alert raises no_data_found, like
 *    review_alert(); DROP EXTENSION refuses while user data exists (part 55).
 * 7. Every table column and sequence has a comment.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION precursor UPDATE TO '1.1'" to load this file. \quit

-- ---------------------------------------------------------------------------
-- 1. Schema layout
-- ---------------------------------------------------------------------------
DO $check$
BEGIN
	IF pg_catalog.to_regnamespace('public') IS NULL THEN
		RAISE EXCEPTION 'schema "public" does not exist'
			USING ERRCODE = 'invalid_schema_name',
				  DETAIL = 'precursor 1.1 moves its types and operators from schema precursor to schema public.',
				  HINT = 'CREATE SCHEMA public; then run ALTER EXTENSION precursor UPDATE again.';
	END IF;
	IF EXISTS (SELECT FROM pg_catalog.pg_type
				WHERE typnamespace = 'public'::regnamespace
				  AND typname IN ('casrn', 'ecnumber', 'cncode', 'inchikey')) THEN
		RAISE EXCEPTION 'schema "public" already has a type named casrn, ecnumber, cncode or inchikey'
			USING ERRCODE = 'duplicate_object',
				  DETAIL = 'precursor 1.1 moves its types and operators from schema precursor to schema public.',
				  HINT = 'Rename or drop the type in public, then run ALTER EXTENSION precursor UPDATE again.';
	END IF;
END
$check$;

-- functions first, then operators and operator classes, the types last (the
-- signatures name the types in their old schema)
ALTER FUNCTION precursor.casrn_in(pg_catalog.cstring) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_out(precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_recv(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_send(precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_eq(precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_ne(precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_lt(precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_le(precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_gt(precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_ge(precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_cmp(precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_sortsupport(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_hash(precursor.casrn) SET SCHEMA public;
ALTER FUNCTION precursor.casrn_hash_extended(precursor.casrn, pg_catalog.int8) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_in(pg_catalog.cstring) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_out(precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_recv(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_send(precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_eq(precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_ne(precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_lt(precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_le(precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_gt(precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_ge(precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_cmp(precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_sortsupport(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_hash(precursor.ecnumber) SET SCHEMA public;
ALTER FUNCTION precursor.ecnumber_hash_extended(precursor.ecnumber, pg_catalog.int8) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_in(pg_catalog.cstring) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_out(precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_recv(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_send(precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_eq(precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_ne(precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_lt(precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_le(precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_gt(precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_ge(precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_cmp(precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_sortsupport(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_hash(precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cncode_hash_extended(precursor.cncode, pg_catalog.int8) SET SCHEMA public;
ALTER FUNCTION precursor.cn_contained_by_support(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.cn_contains_support(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.cn_contains(precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cn_contained_by(precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.cn_subtree_last(precursor.cncode) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_in(pg_catalog.cstring) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_out(precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_recv(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_send(precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_eq(precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_ne(precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_lt(precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_le(precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_gt(precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_ge(precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_cmp(precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_hash(precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_hash_extended(precursor.inchikey, pg_catalog.int8) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_skeleton_min(precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_skeleton_max(precursor.inchikey) SET SCHEMA public;
ALTER FUNCTION precursor.inchikey_same_skeleton_support(pg_catalog.internal) SET SCHEMA public;
ALTER FUNCTION precursor.same_skeleton(precursor.inchikey, precursor.inchikey) SET SCHEMA public;

ALTER OPERATOR precursor.= (precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER OPERATOR precursor.<> (precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER OPERATOR precursor.< (precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER OPERATOR precursor.<= (precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER OPERATOR precursor.> (precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER OPERATOR precursor.>= (precursor.casrn, precursor.casrn) SET SCHEMA public;
ALTER OPERATOR precursor.= (precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER OPERATOR precursor.<> (precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER OPERATOR precursor.< (precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER OPERATOR precursor.<= (precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER OPERATOR precursor.> (precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER OPERATOR precursor.>= (precursor.ecnumber, precursor.ecnumber) SET SCHEMA public;
ALTER OPERATOR precursor.= (precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER OPERATOR precursor.<> (precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER OPERATOR precursor.< (precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER OPERATOR precursor.<= (precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER OPERATOR precursor.> (precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER OPERATOR precursor.>= (precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER OPERATOR precursor.@> (precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER OPERATOR precursor.<@ (precursor.cncode, precursor.cncode) SET SCHEMA public;
ALTER OPERATOR precursor.= (precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER OPERATOR precursor.<> (precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER OPERATOR precursor.< (precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER OPERATOR precursor.<= (precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER OPERATOR precursor.> (precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER OPERATOR precursor.>= (precursor.inchikey, precursor.inchikey) SET SCHEMA public;
ALTER OPERATOR precursor.~= (precursor.inchikey, precursor.inchikey) SET SCHEMA public;

ALTER OPERATOR CLASS precursor.casrn_ops USING btree SET SCHEMA public;
ALTER OPERATOR FAMILY precursor.casrn_ops USING btree SET SCHEMA public;
ALTER OPERATOR CLASS precursor.casrn_ops USING hash SET SCHEMA public;
ALTER OPERATOR FAMILY precursor.casrn_ops USING hash SET SCHEMA public;
ALTER OPERATOR CLASS precursor.ecnumber_ops USING btree SET SCHEMA public;
ALTER OPERATOR FAMILY precursor.ecnumber_ops USING btree SET SCHEMA public;
ALTER OPERATOR CLASS precursor.ecnumber_ops USING hash SET SCHEMA public;
ALTER OPERATOR FAMILY precursor.ecnumber_ops USING hash SET SCHEMA public;
ALTER OPERATOR CLASS precursor.cncode_ops USING btree SET SCHEMA public;
ALTER OPERATOR FAMILY precursor.cncode_ops USING btree SET SCHEMA public;
ALTER OPERATOR CLASS precursor.cncode_hash_ops USING hash SET SCHEMA public;
ALTER OPERATOR FAMILY precursor.cncode_hash_ops USING hash SET SCHEMA public;
ALTER OPERATOR CLASS precursor.inchikey_ops USING btree SET SCHEMA public;
ALTER OPERATOR FAMILY precursor.inchikey_ops USING btree SET SCHEMA public;
ALTER OPERATOR CLASS precursor.inchikey_hash_ops USING hash SET SCHEMA public;
ALTER OPERATOR FAMILY precursor.inchikey_hash_ops USING hash SET SCHEMA public;

ALTER TYPE precursor.casrn SET SCHEMA public;
ALTER TYPE precursor.ecnumber SET SCHEMA public;
ALTER TYPE precursor.cncode SET SCHEMA public;
ALTER TYPE precursor.inchikey SET SCHEMA public;

-- public becomes the extension's schema; schema precursor becomes a member
UPDATE pg_catalog.pg_extension SET extnamespace = 'public'::regnamespace WHERE extname = 'precursor';
UPDATE pg_catalog.pg_depend
   SET refobjid = 'public'::regnamespace
 WHERE classid = 'pg_catalog.pg_extension'::regclass
   AND objid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'precursor')
   AND refclassid = 'pg_catalog.pg_namespace'::regclass
   AND refobjid = 'precursor'::regnamespace;
ALTER EXTENSION precursor ADD SCHEMA precursor;
COMMENT ON SCHEMA precursor IS
	'precursor: watchlists, alerts, screening and matching functions (types and operators are in the extension''s schema)';

-- ---------------------------------------------------------------------------
-- 2. Restore
-- ---------------------------------------------------------------------------
ALTER TABLE precursor.watchlist ENABLE ALWAYS TRIGGER watchlist_changed;
ALTER TABLE precursor.substance ENABLE ALWAYS TRIGGER substance_changed;
ALTER TABLE precursor.substance_cn ENABLE ALWAYS TRIGGER substance_cn_changed;
ALTER TABLE precursor.synonym ENABLE ALWAYS TRIGGER synonym_changed;

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

-- ---------------------------------------------------------------------------
-- 3. List releases
-- ---------------------------------------------------------------------------
CREATE TABLE precursor.list_release (
	release		text PRIMARY KEY,
	previous	text NULL UNIQUE REFERENCES precursor.list_release,
	shipped_in	text NOT NULL,
	acts_up_to	text NOT NULL,
	installed_at timestamptz NOT NULL DEFAULT pg_catalog.now(),
	note		text NULL,
	CONSTRAINT list_release_not_own_previous CHECK (previous IS DISTINCT FROM release)
);
COMMENT ON TABLE precursor.list_release IS
	'Editions of the shipped EU and UN lists, oldest first through previous; the one no other release names as previous is installed. Written only by the extension''s scripts.';
COMMENT ON COLUMN precursor.list_release.release IS 'Release identifier: the date from which the latest act in the edition applies.';
COMMENT ON COLUMN precursor.list_release.previous IS 'The release this one replaced (NULL for the first).';
COMMENT ON COLUMN precursor.list_release.shipped_in IS 'The extension version whose script installed this release.';
COMMENT ON COLUMN precursor.list_release.acts_up_to IS 'The latest amending act included (EU delegated regulation or CND decision).';
COMMENT ON COLUMN precursor.list_release.installed_at IS 'When this database installed the release (CREATE or ALTER EXTENSION).';
COMMENT ON COLUMN precursor.list_release.note IS 'What the release is, in words.';

CREATE TABLE precursor.list_release_entry (
	release		text NOT NULL REFERENCES precursor.list_release ON DELETE CASCADE,
	watchlist	text NOT NULL,
	entry_key	text NOT NULL,
	name		text NOT NULL,
	casrn		public.casrn NULL,
	category	text NOT NULL,
	source_act	text NOT NULL,
	synonyms	text[] NOT NULL,
	PRIMARY KEY (release, watchlist, entry_key)
);
COMMENT ON TABLE precursor.list_release_entry IS
	'Snapshot of every shipped watchlist entry in each release, for precursor.list_release_changes.';
COMMENT ON COLUMN precursor.list_release_entry.release IS 'The release of the snapshot.';
COMMENT ON COLUMN precursor.list_release_entry.watchlist IS 'Code of the shipped watchlist (EU-273/2004, EU-111/2005, UN-1988).';
COMMENT ON COLUMN precursor.list_release_entry.entry_key IS 'What identifies the entry across releases: its CAS RN, or its name when it has none.';
COMMENT ON COLUMN precursor.list_release_entry.name IS 'Name of the entry in this release.';
COMMENT ON COLUMN precursor.list_release_entry.casrn IS 'CAS RN of the entry, when it has one.';
COMMENT ON COLUMN precursor.list_release_entry.category IS 'Category of the entry in this release.';
COMMENT ON COLUMN precursor.list_release_entry.source_act IS 'The act the entry in its wording in this release comes from.';
COMMENT ON COLUMN precursor.list_release_entry.synonyms IS 'The shipped synonyms of the entry in this release, sorted.';

CREATE VIEW precursor.list_release_changes WITH (security_invoker = true) AS
	WITH pair AS (
		SELECT r.release, r.previous FROM precursor.list_release AS r WHERE r.previous IS NOT NULL
	), old AS (
		-- the previous release's entries, labelled with the release that follows
		SELECT p.release AS next_release, e.watchlist, e.entry_key, e.name, e.casrn, e.category,
			   e.source_act, e.synonyms
		  FROM pair AS p
		  JOIN precursor.list_release_entry AS e ON e.release = p.previous
	), new AS (
		SELECT e.* FROM pair AS p
		  JOIN precursor.list_release_entry AS e ON e.release = p.release
	)
	SELECT n.release, 'added'::text AS change, n.watchlist, n.name, n.casrn,
		   NULL::text AS old_category, n.category AS new_category, NULL::text AS synonym, n.source_act AS act
	  FROM new AS n
	 WHERE NOT EXISTS (SELECT FROM old AS o WHERE o.next_release = n.release AND o.watchlist = n.watchlist
											 AND o.entry_key = n.entry_key)
	UNION ALL
	SELECT o.next_release, 'removed', o.watchlist, o.name, o.casrn, o.category, NULL,
		   NULL, (SELECT r.acts_up_to FROM precursor.list_release AS r WHERE r.release = o.next_release)
	  FROM old AS o
	 WHERE NOT EXISTS (SELECT FROM new AS n WHERE n.release = o.next_release AND n.watchlist = o.watchlist
											 AND n.entry_key = o.entry_key)
	UNION ALL
	SELECT n.release, 'recategorised', n.watchlist, n.name, n.casrn, o.category, n.category, NULL, n.source_act
	  FROM new AS n
	  JOIN old AS o ON o.next_release = n.release AND o.watchlist = n.watchlist AND o.entry_key = n.entry_key
	 WHERE o.category <> n.category
	UNION ALL
	SELECT n.release, 'new synonym', n.watchlist, n.name, n.casrn, o.category, n.category, s.synonym, n.source_act
	  FROM new AS n
	  JOIN old AS o ON o.next_release = n.release AND o.watchlist = n.watchlist AND o.entry_key = n.entry_key
	 CROSS JOIN LATERAL pg_catalog.unnest(n.synonyms) AS s(synonym)
	 WHERE s.synonym <> ALL (o.synonyms);
COMMENT ON VIEW precursor.list_release_changes IS
	'What each release changed in the shipped lists compared with the one before: entries added, removed, recategorised, and new synonyms, with the act behind each change (for a removal: the latest act of the release).';

CREATE FUNCTION precursor.list_release_snapshot(release_id text) RETURNS bigint
	LANGUAGE sql VOLATILE
BEGIN ATOMIC
	INSERT INTO precursor.list_release_entry
		(release, watchlist, entry_key, name, casrn, category, source_act, synonyms)
	SELECT list_release_snapshot.release_id, w.code, COALESCE(s.casrn::text, s.name), s.name, s.casrn,
		   s.category, s.source_act,
		   COALESCE((SELECT pg_catalog.array_agg(y.name ORDER BY y.name)
					   FROM precursor.synonym AS y WHERE y.substance_id = s.substance_id AND y.builtin),
					'{}')
	  FROM precursor.substance AS s
	  JOIN precursor.watchlist AS w ON w.watchlist_id = s.watchlist_id
	 WHERE s.builtin AND w.builtin;
	SELECT pg_catalog.count(*) FROM precursor.list_release_entry AS e
	 WHERE e.release = list_release_snapshot.release_id;
END;
COMMENT ON FUNCTION precursor.list_release_snapshot(text) IS
	'Records the shipped entries as they are now under the given release; called by the extension''s scripts after they write the shipped rows. Returns the number of entries of the release.';
REVOKE ALL ON FUNCTION precursor.list_release_snapshot(text) FROM PUBLIC;

INSERT INTO precursor.list_release (release, previous, shipped_in, acts_up_to, note)
VALUES ('2025-08-14', NULL, '1.1', '2025/1475',
		'EU Regulations 273/2004 and 111/2005 as amended up to Delegated Regulation (EU) 2025/1475 (applies from 2025-08-14); UN 1988 Convention Tables I and II.');
SELECT precursor.list_release_snapshot('2025-08-14');

CREATE VIEW precursor.list_release_installed WITH (security_invoker = true) AS
	SELECT r.* FROM precursor.list_release AS r
	 WHERE NOT EXISTS (SELECT FROM precursor.list_release AS n WHERE n.previous = r.release);
COMMENT ON VIEW precursor.list_release_installed IS
	'The release of the shipped lists installed in this database.';

REVOKE ALL ON precursor.list_release, precursor.list_release_entry, precursor.list_release_changes,
	precursor.list_release_installed FROM PUBLIC;
GRANT SELECT ON precursor.list_release, precursor.list_release_entry, precursor.list_release_changes,
	precursor.list_release_installed TO precursor_reader;

-- ---------------------------------------------------------------------------
-- 4. Reports
-- ---------------------------------------------------------------------------
-- top_parties(): the reasons honour since/until (the comment and the grants
-- stay with the function).
CREATE OR REPLACE FUNCTION precursor.top_parties(n integer DEFAULT 10,
	since date DEFAULT NULL, until date DEFAULT NULL)
	RETURNS TABLE (party text, role text, alerts bigint, category_1 bigint,
	               substances bigint, total_score numeric, reasons text[])
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
	WITH p AS (
		SELECT a.consignee AS party, 'consignee'::text AS role, a.*
		  FROM precursor.alert a WHERE a.consignee IS NOT NULL
		UNION ALL
		SELECT a.consignor, 'consignor', a.*
		  FROM precursor.alert a WHERE a.consignor IS NOT NULL
	)
	SELECT p.party, p.role, count(*), count(*) FILTER (WHERE p.category IN ('1', 'Table I')),
	       count(DISTINCT p.substance_name), round(sum(p.score)::numeric, 3),
	       ARRAY(SELECT DISTINCT r->>'rule'
	               FROM precursor.alert a2, jsonb_array_elements(a2.reasons) r
	              WHERE (p.role = 'consignee' AND a2.consignee = p.party
	                     OR p.role = 'consignor' AND a2.consignor = p.party)
	                AND (since IS NULL OR a2.declared_on >= since)
	                AND (until IS NULL OR a2.declared_on < until)
	              ORDER BY 1)
	  FROM p
	 WHERE (since IS NULL OR p.declared_on >= since) AND (until IS NULL OR p.declared_on < until)
	 GROUP BY p.party, p.role
	 ORDER BY sum(p.score) DESC, count(*) DESC, p.party
	 LIMIT n
$$;
COMMENT ON FUNCTION precursor.top_parties(integer, date, date) IS
	'The n parties with the highest total alert score in a period of declaration dates, with the rules that fired for them.';

-- ---------------------------------------------------------------------------
-- 5. Screening hardening (part 40): registered screened tables, a ledger
--    lock no role can take, superseded alerts, the new reasons in
--    explain_alert, ALTER TABLE checked against screening triggers, EXECUTE
--    on the trigger for readers only.
-- ---------------------------------------------------------------------------
ALTER TABLE precursor.alert DROP CONSTRAINT alert_status_valid;
ALTER TABLE precursor.alert ADD CONSTRAINT alert_status_valid
	CHECK (status IN ('open', 'cleared', 'escalated', 'superseded'));
ALTER TABLE precursor.alert ADD COLUMN supersedes bigint[] NOT NULL DEFAULT '{}';
COMMENT ON COLUMN precursor.alert.status IS 'open, cleared or escalated, changed only by precursor.review_alert(); or superseded, set by the trigger when an UPDATE re-screens the row while the alert is open.';
COMMENT ON COLUMN precursor.alert.supersedes IS 'Open alerts of the same row (source_table, row_key, trigger) that this alert replaced when an UPDATE re-screened the row; they are now superseded.';

-- The cumulative rule must see every shipment of a consignee before it sums
-- them, so the transactions that record shipments are serialised.  One lock
-- (not one per consignee and substance, taken in row order, which deadlocked
-- crossed loads) on a table nobody is granted anything on: no other role can
-- take it or block it (LOCK TABLE needs privileges; an advisory lock can be
-- taken by anyone).
CREATE TABLE precursor.shipment_ledger_lock ();
COMMENT ON TABLE precursor.shipment_ledger_lock IS
	'Never holds rows: screening transactions that read or record shipments lock it (EXCLUSIVE, to the end of the transaction), which serialises them without deadlocks and in a lock space no other role can take.';

-- ---------------------------------------------------------------------------
-- Registration: the tables whose screening triggers may write alerts and
-- shipments.  A row is recorded when a member of precursor_manager creates
-- (or re-validates) a screening trigger; the trigger checks, once per
-- statement, that its table, owner and arguments are still the ones
-- registered.  Anyone else's alert-mode trigger is refused at CREATE TRIGGER.
-- ---------------------------------------------------------------------------
CREATE TABLE precursor.screened_table (
	relid		regclass NOT NULL,
	trigger_name name NOT NULL,
	table_owner regrole NOT NULL,
	options		text[] NOT NULL,
	registered_by name NOT NULL,
	registered_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
-- No unique key: a parallel pg_restore may create a screening trigger (and
-- record its registration) before it loads this table's dumped rows; the
-- duplicate is harmless, and a new approval replaces every row of the pair.
CREATE INDEX screened_table_trigger_idx ON precursor.screened_table (relid, trigger_name);
COMMENT ON TABLE precursor.screened_table IS
	'Screening triggers approved by a member of precursor_manager to write alerts and shipment ledger rows: the table, its owner and the trigger''s arguments at approval.  Any change (new owner, other arguments) needs a new approval.';
COMMENT ON COLUMN precursor.screened_table.options IS 'The trigger''s arguments, in order, as approved.';
COMMENT ON COLUMN precursor.screened_table.registered_by IS 'The acting role that approved it (a member of precursor_manager).';
SELECT pg_catalog.pg_extension_config_dump('precursor.screened_table', '');
CREATE TRIGGER restore_begin BEFORE INSERT ON precursor.screened_table
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.restore_statement();
CREATE TRIGGER restore_end AFTER INSERT ON precursor.screened_table
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.restore_statement();
ALTER TABLE precursor.screened_table ENABLE ALWAYS TRIGGER restore_begin,
	ENABLE ALWAYS TRIGGER restore_end;

CREATE OR REPLACE FUNCTION precursor.alert_guard() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF TG_OP = 'UPDATE' THEN
		-- the screening trigger (as the owner) marks a re-screened row's open alert
		IF OLD.status = 'open' AND NEW.status = 'superseded'
		   AND (NEW.reviewed_by, NEW.reviewed_at, NEW.review_note, NEW.supersedes)
		       IS NOT DISTINCT FROM (OLD.reviewed_by, OLD.reviewed_at, OLD.review_note, OLD.supersedes)
		   AND (NEW.alert_id, NEW.created_at, NEW.source_table, NEW.row_key, NEW.substance_id,
		        NEW.substance_name, NEW.watchlist_code, NEW.category, NEW.score, NEW.reasons)
		       IS NOT DISTINCT FROM
		       (OLD.alert_id, OLD.created_at, OLD.source_table, OLD.row_key, OLD.substance_id,
		        OLD.substance_name, OLD.watchlist_code, OLD.category, OLD.score, OLD.reasons) THEN
			RETURN NEW;
		END IF;
		IF pg_catalog.current_setting('precursor.reviewing', true) IS DISTINCT FROM 'on' THEN
			RAISE EXCEPTION 'alerts are changed only through precursor.review_alert()'
				USING ERRCODE = 'insufficient_privilege',
				      HINT = 'SELECT precursor.review_alert(alert_id, ''cleared'', ''why'');';
		END IF;
		IF (NEW.alert_id, NEW.created_at, NEW.source_table, NEW.row_key, NEW.substance_id,
		    NEW.substance_name, NEW.watchlist_code, NEW.category, NEW.score, NEW.reasons, NEW.supersedes)
		   IS DISTINCT FROM
		   (OLD.alert_id, OLD.created_at, OLD.source_table, OLD.row_key, OLD.substance_id,
		    OLD.substance_name, OLD.watchlist_code, OLD.category, OLD.score, OLD.reasons, OLD.supersedes) THEN
			RAISE EXCEPTION 'the evidence of an alert cannot be changed';
		END IF;
		RETURN NEW;
	END IF;
	RAISE EXCEPTION '% on % is not allowed: alert history is append-only', TG_OP, TG_TABLE_NAME
		USING ERRCODE = 'insufficient_privilege';
END
$$;
COMMENT ON FUNCTION precursor.alert_guard() IS
	'Keeps alerts and their review history append-only: refuses DELETE and TRUNCATE, UPDATE of alert_review, and UPDATE of alert outside precursor.review_alert() except open -> superseded with nothing else changed (the screening trigger, re-screening an updated row).';

ALTER FUNCTION precursor.screen_trigger_validate(oid) VOLATILE;
COMMENT ON FUNCTION precursor.screen_trigger_validate(oid) IS
	'Check a precursor.screen_trigger trigger: BEFORE INSERT [OR UPDATE] FOR EACH ROW, every argument known, every named column present with a suitable type, and (mode alert) registered in precursor.screened_table for its table, owner and arguments.  When the current role is a member of precursor_manager it records the registration; otherwise an unregistered alert-mode trigger is refused.  Raises the error the trigger would raise at its first row.';

CREATE OR REPLACE FUNCTION precursor.screen_trigger_created() RETURNS event_trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	r record;
BEGIN
	FOR r IN
		SELECT DISTINCT t.oid, t.tgname, t.tgrelid::regclass AS tbl
		  FROM pg_catalog.pg_event_trigger_ddl_commands() c
		  JOIN pg_catalog.pg_trigger t
		    ON (c.classid = 'pg_catalog.pg_trigger'::regclass AND t.oid = c.objid)
		    OR (c.classid = 'pg_catalog.pg_class'::regclass AND t.tgrelid = c.objid)
		 WHERE t.tgfoid = 'precursor.screen_trigger()'::regprocedure
		 ORDER BY t.oid
	LOOP
		IF TG_TAG = 'CREATE TRIGGER' THEN
			PERFORM precursor.screen_trigger_validate(r.oid);
			CONTINUE;
		END IF;
		BEGIN
			PERFORM precursor.screen_trigger_validate(r.oid);
		EXCEPTION WHEN OTHERS THEN
			RAISE EXCEPTION 'ALTER TABLE would break screening trigger "%" on table %', r.tgname, r.tbl
				USING ERRCODE = 'dependent_objects_still_exist',
				      DETAIL = SQLERRM,
				      HINT = 'Drop the trigger first, alter the table, then attach screening again with the new column names (precursor.attach_screening).';
		END;
	END LOOP;
END
$$;
COMMENT ON FUNCTION precursor.screen_trigger_created() IS
	'Event trigger function: validates precursor.screen_trigger triggers at CREATE TRIGGER time, and after ALTER TABLE refuses a change that one of the table''s screening triggers would fail on.';

CREATE EVENT TRIGGER precursor_screen_table_altered ON ddl_command_end
	WHEN TAG IN ('ALTER TABLE')
	EXECUTE FUNCTION precursor.screen_trigger_created();
COMMENT ON EVENT TRIGGER precursor_screen_table_altered IS 'Refuses an ALTER TABLE that drops, renames or retypes a column a screening trigger uses, or gives the table an owner no manager approved.';

-- A dropped table's registration goes with it (its OID could be reused).
-- SECURITY DEFINER: the dropping role has no right on screened_table.
CREATE FUNCTION precursor.screen_table_dropped() RETURNS event_trigger
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	DELETE FROM precursor.screened_table s
	 USING pg_catalog.pg_event_trigger_dropped_objects() d
	 WHERE d.classid = 'pg_catalog.pg_class'::regclass AND d.objsubid = 0
	   AND s.relid OPERATOR(pg_catalog.=) d.objid::regclass;
END
$$;
COMMENT ON FUNCTION precursor.screen_table_dropped() IS
	'Event trigger function: forgets the screening registrations of dropped tables.';

CREATE EVENT TRIGGER precursor_screen_table_dropped ON sql_drop
	WHEN TAG IN ('DROP TABLE', 'DROP SCHEMA', 'DROP OWNED')
	EXECUTE FUNCTION precursor.screen_table_dropped();
COMMENT ON EVENT TRIGGER precursor_screen_table_dropped IS 'Forgets the screening registrations of dropped tables.';

CREATE OR REPLACE FUNCTION precursor.explain_alert(alert_id bigint)
	RETURNS TABLE (step integer, topic text, detail text)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
	WITH a AS (SELECT * FROM precursor.alert x WHERE x.alert_id = explain_alert.alert_id),
	r AS (
		SELECT o.ord, o.r FROM a, jsonb_array_elements(a.reasons) WITH ORDINALITY AS o(r, ord)
	),
	lines AS (
		SELECT 1 AS step, 'alert'::text AS topic,
		       format('#%s, %s, score %s, raised %s by trigger %s on %s',
		              a.alert_id, a.status, round(a.score::numeric, 3),
		              to_char(a.created_at, 'YYYY-MM-DD HH24:MI'), coalesce(a.trigger_name, '?'),
		              a.source_table) AS detail, 0::bigint AS ord
		  FROM a
		UNION ALL
		SELECT 2, 'declaration',
		       concat_ws(', ', 'row ' || a.row_key, 'declared ' || a.declared_on,
		                 'consignee ' || a.consignee, 'consignor ' || a.consignor,
		                 'country ' || a.country,
		                 'quantity ' || a.quantity || coalesce(' ' || a.unit, ''),
		                 'CN ' || a.declared_cn, 'CAS ' || a.declared_casrn), 0
		  FROM a
		UNION ALL
		SELECT 3, 'description', a.description, 0 FROM a WHERE a.description IS NOT NULL
		UNION ALL
		SELECT 4, 'substance',
		       format('%s (%s, category %s)%s', a.substance_name, a.watchlist_code, a.category,
		              CASE WHEN cardinality(a.listed_as) > 1
		                   THEN '; listed as ' || array_to_string(a.listed_as, ', ') ELSE '' END), 0
		  FROM a
		UNION ALL
		SELECT 5, r.r->>'rule',
		       CASE r.r->>'rule'
		            WHEN 'name' THEN format('"%s" at characters %s-%s matches %s "%s" (%s, form %s, score %s)',
		                                    r.r->>'matched', r.r->>'start', (r.r->>'end')::int - 1,
		                                    CASE r.r->>'kind' WHEN 'fuzzy' THEN 'a misspelling (distance ' || (r.r->>'distance') || ') of'
		                                                      WHEN 'homoglyph' THEN 'with look-alike characters'
		                                                      ELSE 'the ' || (r.r->>'kind') END,
		                                    r.r->>'term', r.r->>'kind', r.r->>'form', r.r->>'score')
		            WHEN 'cas' THEN format('declared CAS RN %s (column %s) is the substance''s', r.r->>'casrn', r.r->>'column')
		            WHEN 'cas_in_text' THEN format('the description cites CAS RN "%s"', r.r->>'matched')
		            WHEN 'cn_in_text' THEN format('the description cites CN code "%s"', r.r->>'matched')
		            WHEN 'over_threshold' THEN format('%s %s is %s %s, over the threshold of %s %s',
		                                              r.r->>'quantity', r.r->>'unit',
		                                              round((r.r->>'quantity_in_threshold_unit')::numeric, 3), r.r->>'threshold_unit',
		                                              r.r->>'threshold', r.r->>'threshold_unit')
		                                       || coalesce(' (density ' || (r.r->>'density_kg_per_l') || ' kg/l)', '')
		            WHEN 'below_threshold' THEN format('%s %s is %s %s, under the threshold of %s %s',
		                                               r.r->>'quantity', r.r->>'unit',
		                                               round((r.r->>'quantity_in_threshold_unit')::numeric, 3), r.r->>'threshold_unit',
		                                               r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'cumulative' THEN format('%s shipments to %s within %s total %s %s, over the threshold of %s %s: possible split consignment',
		                                          r.r->>'shipments', r.r->>'consignee', r.r->>'window',
		                                          round((r.r->>'total_in_threshold_unit')::numeric, 3), r.r->>'threshold_unit',
		                                          r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'cn_mismatch' THEN format('declared CN %s does not fit the substance, whose codes are %s',
		                                           r.r->>'declared_cn',
		                                           (SELECT string_agg(e, ', ') FROM jsonb_array_elements_text(r.r->'expected_cn') e))
		            WHEN 'cn_watch' THEN format('declared CN %s is listed (%s%s) for %s, none of which the description names',
		                                        r.r->>'declared_cn', CASE WHEN (r.r->>'ex')::boolean THEN 'ex ' ELSE '' END,
		                                        r.r->>'listed_cn',
		                                        (SELECT string_agg(e, '; ') FROM jsonb_array_elements_text(r.r->'candidates') e))
		            WHEN 'unit_unconvertible' THEN format('%s %s cannot be compared with the threshold of %s %s: %s',
		                                                  r.r->>'quantity', r.r->>'unit', r.r->>'threshold', r.r->>'threshold_unit', r.r->>'why')
		            WHEN 'unit_unknown' THEN format('unit "%s" is not known; threshold %s %s', r.r->>'unit', r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'quantity_unknown' THEN format('no quantity declared; threshold %s %s', r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'quantity_invalid' THEN format('declared quantity %s %s is not a positive finite number (threshold %s %s); not recorded for the cumulative rule',
		                                                r.r->>'quantity', coalesce(r.r->>'unit', ''), r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'casrn_invalid' THEN format('declared CAS RN "%s" (column %s) is not a valid CAS RN', r.r->>'declared', r.r->>'column')
		            WHEN 'cn_invalid' THEN format('declared CN code "%s" (column %s) is not a valid CN code', r.r->>'declared', r.r->>'column')
		            WHEN 'more_mentions' THEN format('%s further mentions not itemised', r.r->>'count')
		            WHEN 'hits_truncated' THEN format('the description has more than %s hits (precursor.max_hits): screened only up to there', r.r->>'max_hits')
		            ELSE r.r::text
		       END, r.ord
		  FROM r
		UNION ALL
		SELECT 6, 'review',
		       format('%s: %s -> %s by %s (session %s): %s', to_char(v.reviewed_at, 'YYYY-MM-DD HH24:MI:SS'),
		              v.from_status, v.to_status, v.reviewed_by, v.session_role, v.note), v.review_id
		  FROM precursor.alert_review v, a WHERE v.alert_id = a.alert_id
		UNION ALL
		SELECT 7, 'supersedes', format('#%s, the same row before an UPDATE re-screened it', s.id), s.id
		  FROM a, unnest(a.supersedes) AS s(id)
		UNION ALL
		SELECT 7, 'superseded', format('by #%s after an UPDATE re-screened the row', n.alert_id), n.alert_id
		  FROM a, precursor.alert n WHERE a.alert_id = ANY (n.supersedes)
		UNION ALL
		SELECT 7, 'superseded', 'an UPDATE re-screened the row and it no longer raises an alert', 0
		  FROM a WHERE a.status = 'superseded'
		   AND NOT EXISTS (SELECT FROM precursor.alert n WHERE a.alert_id = ANY (n.supersedes))
	)
	SELECT (row_number() OVER (ORDER BY l.step, l.ord))::integer, l.topic, l.detail
	  FROM lines l ORDER BY l.step, l.ord
$$;

REVOKE ALL ON FUNCTION precursor.screen_table_dropped() FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.screen_trigger() FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.attach_screening(regclass, text[]) FROM PUBLIC;
REVOKE ALL ON precursor.screened_table, precursor.shipment_ledger_lock FROM PUBLIC;
GRANT EXECUTE ON FUNCTION precursor.screen_trigger(),
	precursor.attach_screening(regclass, text[]) TO precursor_reader;
GRANT SELECT ON precursor.screened_table TO precursor_reader;

-- The screening triggers of 1.0 were created before registrations existed:
-- the upgrade (run by a superuser) approves each valid one as it stands, so
-- they keep writing alerts.  A trigger that no longer fits its table (a
-- dropped column) is left unregistered, with a warning.
DO $register$
DECLARE
	t record;
BEGIN
	FOR t IN
		SELECT g.oid, g.tgname, g.tgrelid::pg_catalog.regclass AS tbl
		  FROM pg_catalog.pg_trigger AS g
		 WHERE g.tgfoid = 'precursor.screen_trigger()'::pg_catalog.regprocedure
		   AND NOT g.tgisinternal AND g.tgparentid = 0
		 ORDER BY g.oid
	LOOP
		BEGIN
			PERFORM precursor.screen_trigger_validate(t.oid);
		EXCEPTION WHEN OTHERS THEN
			RAISE WARNING 'screening trigger "%" on % is not registered: %', t.tgname, t.tbl, SQLERRM
				USING HINT = 'Fix the table or the trigger, then have a member of precursor_manager pass its OID to precursor.screen_trigger_validate().';
		END;
	END LOOP;
END
$register$;

-- ---------------------------------------------------------------------------
-- 6. explain_alert of an unknown alert; the drop guard
-- ---------------------------------------------------------------------------
-- explain_alert and review_alert report an unknown alert the same way
CREATE FUNCTION precursor.alert_must_exist(alert_id bigint) RETURNS void
	LANGUAGE plpgsql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	IF NOT EXISTS (SELECT FROM precursor.alert AS x WHERE x.alert_id = alert_must_exist.alert_id) THEN
		RAISE EXCEPTION 'alert % does not exist', alert_must_exist.alert_id
			USING ERRCODE = 'no_data_found';
	END IF;
END
$$;
COMMENT ON FUNCTION precursor.alert_must_exist(bigint) IS
	'Raises no_data_found (as review_alert does) when there is no alert with this id.';

CREATE OR REPLACE FUNCTION precursor.explain_alert(alert_id bigint)
	RETURNS TABLE (step integer, topic text, detail text)
	LANGUAGE sql STABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT precursor.alert_must_exist(explain_alert.alert_id);
	WITH a AS (SELECT * FROM precursor.alert x WHERE x.alert_id = explain_alert.alert_id),
	r AS (
		SELECT o.ord, o.r FROM a, jsonb_array_elements(a.reasons) WITH ORDINALITY AS o(r, ord)
	),
	lines AS (
		SELECT 1 AS step, 'alert'::text AS topic,
		       format('#%s, %s, score %s, raised %s by trigger %s on %s',
		              a.alert_id, a.status, round(a.score::numeric, 3),
		              to_char(a.created_at, 'YYYY-MM-DD HH24:MI'), coalesce(a.trigger_name, '?'),
		              a.source_table) AS detail, 0::bigint AS ord
		  FROM a
		UNION ALL
		SELECT 2, 'declaration',
		       concat_ws(', ', 'row ' || a.row_key, 'declared ' || a.declared_on,
		                 'consignee ' || a.consignee, 'consignor ' || a.consignor,
		                 'country ' || a.country,
		                 'quantity ' || a.quantity || coalesce(' ' || a.unit, ''),
		                 'CN ' || a.declared_cn, 'CAS ' || a.declared_casrn), 0
		  FROM a
		UNION ALL
		SELECT 3, 'description', a.description, 0 FROM a WHERE a.description IS NOT NULL
		UNION ALL
		SELECT 4, 'substance',
		       format('%s (%s, category %s)%s', a.substance_name, a.watchlist_code, a.category,
		              CASE WHEN cardinality(a.listed_as) > 1
		                   THEN '; listed as ' || array_to_string(a.listed_as, ', ') ELSE '' END), 0
		  FROM a
		UNION ALL
		SELECT 5, r.r->>'rule',
		       CASE r.r->>'rule'
		            WHEN 'name' THEN format('"%s" at characters %s-%s matches %s "%s" (%s, form %s, score %s)',
		                                    r.r->>'matched', r.r->>'start', (r.r->>'end')::int - 1,
		                                    CASE r.r->>'kind' WHEN 'fuzzy' THEN 'a misspelling (distance ' || (r.r->>'distance') || ') of'
		                                                      WHEN 'homoglyph' THEN 'with look-alike characters'
		                                                      ELSE 'the ' || (r.r->>'kind') END,
		                                    r.r->>'term', r.r->>'kind', r.r->>'form', r.r->>'score')
		            WHEN 'cas' THEN format('declared CAS RN %s (column %s) is the substance''s', r.r->>'casrn', r.r->>'column')
		            WHEN 'cas_in_text' THEN format('the description cites CAS RN "%s"', r.r->>'matched')
		            WHEN 'cn_in_text' THEN format('the description cites CN code "%s"', r.r->>'matched')
		            WHEN 'over_threshold' THEN format('%s %s is %s %s, over the threshold of %s %s',
		                                              r.r->>'quantity', r.r->>'unit',
		                                              round((r.r->>'quantity_in_threshold_unit')::numeric, 3), r.r->>'threshold_unit',
		                                              r.r->>'threshold', r.r->>'threshold_unit')
		                                       || coalesce(' (density ' || (r.r->>'density_kg_per_l') || ' kg/l)', '')
		            WHEN 'below_threshold' THEN format('%s %s is %s %s, under the threshold of %s %s',
		                                               r.r->>'quantity', r.r->>'unit',
		                                               round((r.r->>'quantity_in_threshold_unit')::numeric, 3), r.r->>'threshold_unit',
		                                               r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'cumulative' THEN format('%s shipments to %s within %s total %s %s, over the threshold of %s %s: possible split consignment',
		                                          r.r->>'shipments', r.r->>'consignee', r.r->>'window',
		                                          round((r.r->>'total_in_threshold_unit')::numeric, 3), r.r->>'threshold_unit',
		                                          r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'cn_mismatch' THEN format('declared CN %s does not fit the substance, whose codes are %s',
		                                           r.r->>'declared_cn',
		                                           (SELECT string_agg(e, ', ') FROM jsonb_array_elements_text(r.r->'expected_cn') e))
		            WHEN 'cn_watch' THEN format('declared CN %s is listed (%s%s) for %s, none of which the description names',
		                                        r.r->>'declared_cn', CASE WHEN (r.r->>'ex')::boolean THEN 'ex ' ELSE '' END,
		                                        r.r->>'listed_cn',
		                                        (SELECT string_agg(e, '; ') FROM jsonb_array_elements_text(r.r->'candidates') e))
		            WHEN 'unit_unconvertible' THEN format('%s %s cannot be compared with the threshold of %s %s: %s',
		                                                  r.r->>'quantity', r.r->>'unit', r.r->>'threshold', r.r->>'threshold_unit', r.r->>'why')
		            WHEN 'unit_unknown' THEN format('unit "%s" is not known; threshold %s %s', r.r->>'unit', r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'quantity_unknown' THEN format('no quantity declared; threshold %s %s', r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'quantity_invalid' THEN format('declared quantity %s %s is not a positive finite number (threshold %s %s); not recorded for the cumulative rule',
		                                                r.r->>'quantity', coalesce(r.r->>'unit', ''), r.r->>'threshold', r.r->>'threshold_unit')
		            WHEN 'casrn_invalid' THEN format('declared CAS RN "%s" (column %s) is not a valid CAS RN', r.r->>'declared', r.r->>'column')
		            WHEN 'cn_invalid' THEN format('declared CN code "%s" (column %s) is not a valid CN code', r.r->>'declared', r.r->>'column')
		            WHEN 'more_mentions' THEN format('%s further mentions not itemised', r.r->>'count')
		            WHEN 'hits_truncated' THEN format('the description has more than %s hits (precursor.max_hits): screened only up to there', r.r->>'max_hits')
		            ELSE r.r::text
		       END, r.ord
		  FROM r
		UNION ALL
		SELECT 6, 'review',
		       format('%s: %s -> %s by %s (session %s): %s', to_char(v.reviewed_at, 'YYYY-MM-DD HH24:MI:SS'),
		              v.from_status, v.to_status, v.reviewed_by, v.session_role, v.note), v.review_id
		  FROM precursor.alert_review v, a WHERE v.alert_id = a.alert_id
		UNION ALL
		SELECT 7, 'supersedes', format('#%s, the same row before an UPDATE re-screened it', s.id), s.id
		  FROM a, unnest(a.supersedes) AS s(id)
		UNION ALL
		SELECT 7, 'superseded', format('by #%s after an UPDATE re-screened the row', n.alert_id), n.alert_id
		  FROM a, precursor.alert n WHERE a.alert_id = ANY (n.supersedes)
		UNION ALL
		SELECT 7, 'superseded', 'an UPDATE re-screened the row and it no longer raises an alert', 0
		  FROM a WHERE a.status = 'superseded'
		   AND NOT EXISTS (SELECT FROM precursor.alert n WHERE a.alert_id = ANY (n.supersedes))
	)
	SELECT (row_number() OVER (ORDER BY l.step, l.ord))::integer, l.topic, l.detail
	  FROM lines l ORDER BY l.step, l.ord
$$;
COMMENT ON FUNCTION precursor.explain_alert(bigint) IS
	'The full story of one alert in readable rows: the declaration, the substance and every list entry, each reason with its evidence, and the review history.';

CREATE FUNCTION precursor.drop_guard() RETURNS event_trigger
	LANGUAGE c AS 'MODULE_PATHNAME', 'precursor_drop_guard';
COMMENT ON FUNCTION precursor.drop_guard() IS
	'Event trigger function: refuses DROP EXTENSION precursor, and DROP SCHEMA ... CASCADE of its schema, while user watchlist rows or alerts exist and precursor.allow_drop_with_data is off.';

CREATE EVENT TRIGGER precursor_drop_guard ON ddl_command_start
	WHEN TAG IN ('DROP EXTENSION', 'DROP SCHEMA')
	EXECUTE FUNCTION precursor.drop_guard();
COMMENT ON EVENT TRIGGER precursor_drop_guard IS
	'Keeps DROP EXTENSION precursor from deleting user watchlists and alerts unless precursor.allow_drop_with_data is on.';

-- ---------------------------------------------------------------------------
-- 7. Comments on every table column and sequence
-- ---------------------------------------------------------------------------
COMMENT ON COLUMN precursor.watchlist.watchlist_id IS 'Identifier: 1-99999 for shipped lists, from 100000 (sequence) for user lists.';
COMMENT ON COLUMN precursor.watchlist.name IS 'Full name of the list.';
COMMENT ON COLUMN precursor.watchlist.source_url IS 'Where the list is published.';
COMMENT ON COLUMN precursor.watchlist.description IS 'What the list covers, in words.';
COMMENT ON SEQUENCE precursor.watchlist_watchlist_id_seq IS 'Ids of user watchlists, from 100000 (shipped lists use 1-99999); dumped with the user rows.';
COMMENT ON COLUMN precursor.substance.substance_id IS 'Identifier: 1-99999 for shipped entries, from 100000 (sequence) for user entries.';
COMMENT ON COLUMN precursor.substance.watchlist_id IS 'The list this entry belongs to.';
COMMENT ON COLUMN precursor.substance.casrn IS 'CAS Registry Number of the substance; NULL for a group without one.';
COMMENT ON COLUMN precursor.substance.inchikey IS 'Standard InChIKey of the substance, when known.';
COMMENT ON COLUMN precursor.substance.threshold_unit IS 'Unit of threshold_qty: kg, l or g.';
COMMENT ON COLUMN precursor.substance.threshold_note IS 'What the threshold means (yearly exemption, per consignment, ...).';
COMMENT ON COLUMN precursor.substance.density_kg_per_l IS 'Density used to compare a quantity declared in litres with a threshold in kg (and back).';
COMMENT ON COLUMN precursor.substance.covers_ethers IS 'The entry also covers ethers of the substance.';
COMMENT ON COLUMN precursor.substance.source_url IS 'Where the entry is published (the act, or the source of a user entry).';
COMMENT ON COLUMN precursor.substance.builtin IS 'Shipped with the extension: read-only, recreated by CREATE EXTENSION, not dumped.';
COMMENT ON SEQUENCE precursor.substance_substance_id_seq IS 'Ids of user watchlist entries, from 100000 (shipped entries use 1-99999); dumped with the user rows.';
COMMENT ON COLUMN precursor.substance_cn.substance_id IS 'The watchlist entry the code belongs to.';
COMMENT ON COLUMN precursor.substance_cn.cn_code IS 'CN (8 digits) or HS (6 digits) code under which the substance is declared.';
COMMENT ON COLUMN precursor.substance_cn.note IS 'Remarks on the code (e.g. the CN designation).';
COMMENT ON COLUMN precursor.substance_cn.source_url IS 'Where the code is published.';
COMMENT ON COLUMN precursor.substance_cn.builtin IS 'Shipped with the extension: read-only, recreated by CREATE EXTENSION, not dumped.';
COMMENT ON COLUMN precursor.synonym.synonym_id IS 'Identifier: 1-99999 for shipped synonyms, from 100000 (sequence) for user synonyms.';
COMMENT ON COLUMN precursor.synonym.substance_id IS 'The watchlist entry this is another name of.';
COMMENT ON COLUMN precursor.synonym.name IS 'The other name, as written in its source.';
COMMENT ON COLUMN precursor.synonym.source_url IS 'Where the name is attested.';
COMMENT ON COLUMN precursor.synonym.builtin IS 'Shipped with the extension: read-only, recreated by CREATE EXTENSION, not dumped.';
COMMENT ON SEQUENCE precursor.synonym_synonym_id_seq IS 'Ids of user synonyms, from 100000 (shipped synonyms use 1-99999); dumped with the user rows.';
COMMENT ON COLUMN precursor.watchlist_state.singleton IS 'Always true: the table has one row.';
COMMENT ON COLUMN precursor.watchlist_state.generation IS 'Number of committed statements that changed the watchlist tables.';
COMMENT ON COLUMN precursor.watchlist_audit.audit_id IS 'Identifier of the audit row (random UUID).';
COMMENT ON COLUMN precursor.watchlist_audit.at IS 'When the change was made (clock time of the statement).';
COMMENT ON COLUMN precursor.watchlist_audit.txid IS 'Transaction of the change.';
COMMENT ON COLUMN precursor.watchlist_audit.table_name IS 'Table changed: watchlist, substance, substance_cn or synonym.';
COMMENT ON COLUMN precursor.watchlist_audit.operation IS 'INSERT, UPDATE, DELETE or TRUNCATE.';
COMMENT ON COLUMN precursor.watchlist_audit.before IS 'The row before the change as JSON (UPDATE, DELETE).';
COMMENT ON COLUMN precursor.watchlist_audit.after IS 'The row after the change as JSON (INSERT, UPDATE).';
COMMENT ON COLUMN precursor.alert.alert_id IS 'Identifier of the alert (sequence).';
COMMENT ON COLUMN precursor.alert.created_at IS 'When the screening trigger raised the alert (transaction time).';
COMMENT ON COLUMN precursor.alert.trigger_name IS 'Name of the screening trigger that raised the alert.';
COMMENT ON COLUMN precursor.alert.substance_name IS 'Name of the watchlist entry the alert is about, as it was when raised.';
COMMENT ON COLUMN precursor.alert.watchlist_code IS 'Code of the watchlist of that entry.';
COMMENT ON COLUMN precursor.alert.category IS 'Category of that entry when the alert was raised.';
COMMENT ON COLUMN precursor.alert.consignee IS 'Consignee of the declaration, when the trigger maps it.';
COMMENT ON COLUMN precursor.alert.consignor IS 'Consignor of the declaration, when the trigger maps it.';
COMMENT ON COLUMN precursor.alert.country IS 'Country of the declaration, when the trigger maps it.';
COMMENT ON COLUMN precursor.alert.declared_on IS 'Date of the declaration, when the trigger maps it.';
COMMENT ON COLUMN precursor.alert.quantity IS 'Declared quantity, in unit.';
COMMENT ON COLUMN precursor.alert.unit IS 'Unit of the declared quantity, as declared.';
COMMENT ON COLUMN precursor.alert.declared_cn IS 'CN code as declared.';
COMMENT ON COLUMN precursor.alert.declared_casrn IS 'CAS RN as declared.';
COMMENT ON COLUMN precursor.alert.reviewed_by IS 'Acting role of the last review.';
COMMENT ON COLUMN precursor.alert.reviewed_at IS 'When the alert was last reviewed.';
COMMENT ON COLUMN precursor.alert.review_note IS 'Note of the last review.';
COMMENT ON SEQUENCE precursor.alert_alert_id_seq IS 'Ids of alerts; dumped with the alerts.';
COMMENT ON COLUMN precursor.alert_review.review_id IS 'Identifier of the review (identity).';
COMMENT ON COLUMN precursor.alert_review.alert_id IS 'The alert reviewed.';
COMMENT ON COLUMN precursor.alert_review.reviewed_at IS 'When the review was made (clock time).';
COMMENT ON COLUMN precursor.alert_review.from_status IS 'Status of the alert before the review.';
COMMENT ON COLUMN precursor.alert_review.to_status IS 'Status the review set.';
COMMENT ON COLUMN precursor.alert_review.note IS 'Why: the note of the reviewer.';
COMMENT ON SEQUENCE precursor.alert_review_review_id_seq IS 'Identity of alert_review.review_id; dumped with the reviews.';
COMMENT ON COLUMN precursor.shipment_ledger.consignee IS 'Consignee as declared.';
COMMENT ON COLUMN precursor.shipment_ledger.substance_id IS 'Watchlist entry of the shipped chemical.';
COMMENT ON COLUMN precursor.shipment_ledger.shipped_on IS 'Date of the declaration.';
COMMENT ON COLUMN precursor.shipment_ledger.quantity IS 'Quantity converted to unit.';
COMMENT ON COLUMN precursor.shipment_ledger.unit IS 'kg or l: the base unit of the threshold of the substance.';
COMMENT ON COLUMN precursor.shipment_ledger.source_table IS 'Schema-qualified name of the screened table.';
COMMENT ON COLUMN precursor.shipment_ledger.row_key IS 'Value of the column named by the trigger argument key=, as text.';
COMMENT ON COLUMN precursor.shipment_ledger.country IS 'Country of the declaration, when the trigger maps it.';
COMMENT ON COLUMN precursor.shipment_ledger.recorded_at IS 'When the screening trigger recorded the shipment (transaction time).';
COMMENT ON COLUMN precursor.screened_table.relid IS 'The screened table.';
COMMENT ON COLUMN precursor.screened_table.trigger_name IS 'Name of its screening trigger.';
COMMENT ON COLUMN precursor.screened_table.table_owner IS 'Owner of the table at approval; a new owner needs a new approval.';
COMMENT ON COLUMN precursor.screened_table.registered_at IS 'When the approval was recorded.';
