
-- ===========================================================================
-- 20 watchlists: lists, substances, CN codes, synonyms; shipped versus user
-- rows; privileges; audit; the change signal; analyst views and functions.
--
-- Shipped rows (data in part 21) have builtin = true and ids below 100000;
-- they are recreated by CREATE EXTENSION and never dumped.  User rows have
-- builtin = false and ids from sequences that start at 100000; they (and
-- the sequences) are dumped through pg_extension_config_dump.  Shipped rows
-- are read-only: an edit would be lost or would collide with the shipped
-- row on restore, so the guard trigger refuses it and points to user lists.
-- ===========================================================================

-- ---------------------------------------------------------------------------
-- Roles.  Cluster-wide, so create them only when missing; they outlive
-- DROP EXTENSION on purpose (grants made to people stay meaningful).
-- ---------------------------------------------------------------------------
DO $roles$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'precursor_reader') THEN
		CREATE ROLE precursor_reader NOLOGIN;
	END IF;
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'precursor_manager') THEN
		CREATE ROLE precursor_manager NOLOGIN;
	END IF;
	IF NOT pg_catalog.pg_has_role('precursor_manager', 'precursor_reader', 'MEMBER') THEN
		GRANT precursor_reader TO precursor_manager;
	END IF;
END
$roles$;

-- The types and their functions are for everyone; the tables are not.
GRANT USAGE ON SCHEMA precursor TO PUBLIC;

-- ---------------------------------------------------------------------------
-- C helpers (src/watchlist_signal.c)
-- ---------------------------------------------------------------------------
CREATE FUNCTION precursor.watchlist_changed() RETURNS trigger
	LANGUAGE c AS 'MODULE_PATHNAME', 'precursor_watchlist_changed';
COMMENT ON FUNCTION precursor.watchlist_changed() IS
	'Statement-level trigger on the watchlist tables: bumps precursor.watchlist_state.generation and sends a relcache invalidation for precursor.watchlist, so compiled watchlist caches are rebuilt after the change commits.';

CREATE FUNCTION precursor.watchlist_installing() RETURNS boolean
	LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'precursor_watchlist_installing';
COMMENT ON FUNCTION precursor.watchlist_installing() IS
	'True only while a script of the precursor extension runs (CREATE or ALTER EXTENSION): the one context allowed to write shipped watchlist rows.';

CREATE FUNCTION precursor.watchlist_acting_role() RETURNS name
	LANGUAGE c STABLE PARALLEL SAFE AS 'MODULE_PATHNAME', 'precursor_watchlist_acting_role';
COMMENT ON FUNCTION precursor.watchlist_acting_role() IS
	'The role in effect outside any SECURITY DEFINER function (current_user as set by SET ROLE): what the audit records as the acting role.';

-- ---------------------------------------------------------------------------
-- Tables
-- ---------------------------------------------------------------------------
CREATE SEQUENCE precursor.watchlist_watchlist_id_seq AS integer START WITH 100000 MINVALUE 100000;
CREATE TABLE precursor.watchlist (
	watchlist_id integer PRIMARY KEY
		DEFAULT pg_catalog.nextval('precursor.watchlist_watchlist_id_seq'),
	code		text NOT NULL UNIQUE
		CONSTRAINT watchlist_code_format CHECK (code ~ '^[A-Za-z0-9][A-Za-z0-9 ._/:-]{0,63}$'),
	name		text NOT NULL CONSTRAINT watchlist_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
	regime		text NOT NULL
		CONSTRAINT watchlist_regime_format CHECK (regime ~ '^[A-Za-z][A-Za-z0-9_-]{0,31}$'),
	source_url	text NULL,
	description text NULL,
	builtin		boolean NOT NULL DEFAULT false,
	active		boolean NOT NULL DEFAULT true,
	CONSTRAINT watchlist_id_range CHECK ((builtin AND watchlist_id BETWEEN 1 AND 99999)
									   OR (NOT builtin AND watchlist_id >= 100000)),
	-- the shipped regimes are reserved for shipped lists
	CONSTRAINT watchlist_regime_reserved CHECK (builtin OR regime NOT IN ('EU', 'UN'))
);
ALTER SEQUENCE precursor.watchlist_watchlist_id_seq OWNED BY precursor.watchlist.watchlist_id;
COMMENT ON TABLE precursor.watchlist IS
	'Watchlists: the shipped EU (273/2004, 111/2005) and UN 1988 lists (builtin) and any number of user lists. Inactive lists are not screened.';
COMMENT ON COLUMN precursor.watchlist.code IS 'Short unique code: EU-273/2004, EU-111/2005, UN-1988, or a user code.';
COMMENT ON COLUMN precursor.watchlist.regime IS 'EU, UN (shipped only), or a user regime such as national or internal.';
COMMENT ON COLUMN precursor.watchlist.builtin IS 'Shipped with the extension: read-only, recreated by CREATE EXTENSION, not dumped.';
COMMENT ON COLUMN precursor.watchlist.active IS 'Inactive lists are kept but not screened.';
COMMENT ON COLUMN precursor.watchlist.watchlist_id IS 'Identifier: 1-99999 for shipped lists, from 100000 (sequence) for user lists.';
COMMENT ON COLUMN precursor.watchlist.name IS 'Full name of the list.';
COMMENT ON COLUMN precursor.watchlist.source_url IS 'Where the list is published.';
COMMENT ON COLUMN precursor.watchlist.description IS 'What the list covers, in words.';
COMMENT ON SEQUENCE precursor.watchlist_watchlist_id_seq IS 'Ids of user watchlists, from 100000 (shipped lists use 1-99999); dumped with the user rows.';

CREATE SEQUENCE precursor.substance_substance_id_seq AS integer START WITH 100000 MINVALUE 100000;
CREATE TABLE precursor.substance (
	substance_id integer PRIMARY KEY
		DEFAULT pg_catalog.nextval('precursor.substance_substance_id_seq'),
	watchlist_id integer NOT NULL REFERENCES precursor.watchlist ON DELETE CASCADE,
	name		text NOT NULL CONSTRAINT substance_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
	name_lang	text NOT NULL DEFAULT 'und'
		CONSTRAINT substance_name_lang_format CHECK (name_lang ~ '^([a-z]{2}|und)$'),
	category	text NOT NULL CONSTRAINT substance_category_not_blank CHECK (pg_catalog.btrim(category) <> ''),
	casrn		@extschema@.casrn NULL,
	inchikey	@extschema@.inchikey NULL,
	threshold_qty numeric NULL CONSTRAINT substance_threshold_positive CHECK (threshold_qty > 0),
	threshold_unit text NULL CONSTRAINT substance_threshold_unit CHECK (threshold_unit IN ('kg', 'l', 'g')),
	threshold_act text NULL,
	threshold_note text NULL,
	density_kg_per_l numeric NULL CONSTRAINT substance_density_positive CHECK (density_kg_per_l > 0),
	covers_salts boolean NOT NULL DEFAULT false,
	covers_stereoisomers boolean NOT NULL DEFAULT false,
	covers_esters boolean NOT NULL DEFAULT false,
	covers_ethers boolean NOT NULL DEFAULT false,
	excludes	text NULL,
	excluded_casrn @extschema@.casrn[] NULL,
	source_url	text NOT NULL CONSTRAINT substance_source_url_not_blank CHECK (pg_catalog.btrim(source_url) <> ''),
	source_act	text NOT NULL CONSTRAINT substance_source_act_not_blank CHECK (pg_catalog.btrim(source_act) <> ''),
	in_force_from date NULL,
	note		text NULL,
	builtin		boolean NOT NULL DEFAULT false,
	controlled_since date NULL,
	controlled_by text NULL,
	-- 1.2: last, where ALTER TABLE puts them in an upgraded database
	smiles		text NULL CONSTRAINT substance_smiles_not_blank CHECK (pg_catalog.btrim(smiles) <> ''),
	excluded_inchikey @extschema@.inchikey[] NULL,
	CONSTRAINT substance_name_unique UNIQUE (watchlist_id, name),
	CONSTRAINT substance_threshold_pair CHECK ((threshold_qty IS NULL) = (threshold_unit IS NULL)),
	CONSTRAINT substance_id_range CHECK ((builtin AND substance_id BETWEEN 1 AND 99999)
									   OR (NOT builtin AND substance_id >= 100000)),
	CONSTRAINT substance_not_self_excluded CHECK (casrn IS NULL OR excluded_casrn IS NULL
												  OR NOT (casrn OPERATOR(@extschema@.=) ANY (excluded_casrn))),
	-- an entry is amended after it came under control, not before
	CONSTRAINT substance_controlled_before_amended CHECK (controlled_since <= in_force_from)
);
ALTER SEQUENCE precursor.substance_substance_id_seq OWNED BY precursor.substance.substance_id;
CREATE INDEX substance_watchlist_idx ON precursor.substance (watchlist_id);
CREATE INDEX substance_casrn_idx ON precursor.substance (casrn);
CREATE INDEX substance_inchikey_idx ON precursor.substance (inchikey);
COMMENT ON TABLE precursor.substance IS
	'Entries of a watchlist: one controlled substance (or group without CAS RN, such as the glycidic acid esters) with its category, identifiers, threshold, coverage and legal source.';
COMMENT ON COLUMN precursor.substance.substance_id IS 'Identifier: 1-99999 for shipped entries, from 100000 (sequence) for user entries.';
COMMENT ON COLUMN precursor.substance.watchlist_id IS 'The list this entry belongs to.';
COMMENT ON COLUMN precursor.substance.casrn IS 'CAS Registry Number of the substance; NULL for a group without one.';
COMMENT ON COLUMN precursor.substance.inchikey IS 'Standard InChIKey of the substance, when known (shipped entries: computed from their names, data/structures/structures.csv). An InChIKey in a text, a lookup() or the trigger''s inchikey= column finds the entry; with covers_stereoisomers, so does any key with the same first block (connectivity).';
COMMENT ON COLUMN precursor.substance.smiles IS 'Canonical SMILES of the substance, when known (shipped entries: OPSIN and Open Babel from their names, data/structures/structures.csv). For reading; the matcher does not use it.';
COMMENT ON COLUMN precursor.substance.excluded_inchikey IS 'InChIKeys of the substances in excluded_casrn (cathine on the ephedrine family): a key with the entry''s connectivity that equals one of these is not the entry.';
COMMENT ON COLUMN precursor.substance.threshold_unit IS 'Unit of threshold_qty: kg, l or g.';
COMMENT ON COLUMN precursor.substance.threshold_note IS 'What the threshold means (yearly exemption, per consignment, ...).';
COMMENT ON COLUMN precursor.substance.density_kg_per_l IS 'Density used to compare a quantity declared in litres with a threshold in kg (and back).';
COMMENT ON COLUMN precursor.substance.covers_ethers IS 'The entry also covers ethers of the substance.';
COMMENT ON COLUMN precursor.substance.source_url IS 'Where the entry is published (the act, or the source of a user entry).';
COMMENT ON COLUMN precursor.substance.builtin IS 'Shipped with the extension: read-only, recreated by CREATE EXTENSION, not dumped.';
COMMENT ON SEQUENCE precursor.substance_substance_id_seq IS 'Ids of user watchlist entries, from 100000 (shipped entries use 1-99999); dumped with the user rows.';
COMMENT ON COLUMN precursor.substance.name IS 'Preferred name as the act writes it; the matching engine uses it together with the synonyms.';
COMMENT ON COLUMN precursor.substance.name_lang IS 'Language of name (ISO 639-1, or und).';
COMMENT ON COLUMN precursor.substance.category IS 'EU-273/2004: 1, 2A, 2B, 3; EU-111/2005: 1, 2, 3, 4; UN-1988: Table I, Table II; free text on user lists.';
COMMENT ON COLUMN precursor.substance.threshold_qty IS 'Threshold quantity in threshold_unit; its meaning (yearly exemption etc.) is in threshold_note and threshold_act.';
COMMENT ON COLUMN precursor.substance.threshold_act IS 'The act the threshold comes from (273/2004 Annex II or 2015/1011 Annex I for the shipped lists).';
COMMENT ON COLUMN precursor.substance.covers_salts IS 'The entry also covers the salts of the substance (annex footnote).';
COMMENT ON COLUMN precursor.substance.covers_stereoisomers IS 'The entry also covers the stereoisomeric forms (EU Category 1; UN APAAN, "and its optical isomers").';
COMMENT ON COLUMN precursor.substance.covers_esters IS 'The entry also covers esters (BMK and PMK glycidic acid).';
COMMENT ON COLUMN precursor.substance.excludes IS 'What the entry explicitly excludes, as text (e.g. cathine, salts of hydrochloric acid).';
COMMENT ON COLUMN precursor.substance.excluded_casrn IS 'CAS RNs the entry explicitly excludes (cathine 492-39-7 on the ephedrine family).';
COMMENT ON COLUMN precursor.substance.source_act IS 'The act (or CND decision) the entry in its current wording comes from.';
COMMENT ON COLUMN precursor.substance.in_force_from IS 'Date from which the act in source_act (the last act that amended the entry) applies, when known. When the substance came under control is controlled_since.';
COMMENT ON COLUMN precursor.substance.controlled_since IS 'Date from which the substance is controlled in this list (the first act that listed it applies), when known; earlier than in_force_from when a later act amended the entry.';
COMMENT ON COLUMN precursor.substance.controlled_by IS 'The act or decision that brought the substance under control in this list, and where it is published.';
COMMENT ON COLUMN precursor.substance.note IS 'Provenance notes carried over from the reference data.';

CREATE TABLE precursor.substance_cn (
	substance_id integer NOT NULL REFERENCES precursor.substance ON DELETE CASCADE,
	cn_code		@extschema@.cncode NOT NULL,
	ex			boolean NOT NULL DEFAULT false,
	note		text NULL,
	source_url	text NULL,
	builtin		boolean NOT NULL DEFAULT false,
	PRIMARY KEY (substance_id, cn_code, ex)
);
CREATE INDEX substance_cn_code_idx ON precursor.substance_cn (cn_code);
COMMENT ON TABLE precursor.substance_cn IS
	'CN (EU, 8 digits) or HS (UN, 6 digits) codes of a substance; several per substance are allowed. A code alone does not identify a substance: see precursor.shared_cn_codes.';
COMMENT ON COLUMN precursor.substance_cn.ex IS 'The annex''s "ex" marker: only part of the goods under this code are covered.';
COMMENT ON COLUMN precursor.substance_cn.substance_id IS 'The watchlist entry the code belongs to.';
COMMENT ON COLUMN precursor.substance_cn.cn_code IS 'CN (8 digits) or HS (6 digits) code under which the substance is declared.';
COMMENT ON COLUMN precursor.substance_cn.note IS 'Remarks on the code (e.g. the CN designation).';
COMMENT ON COLUMN precursor.substance_cn.source_url IS 'Where the code is published.';
COMMENT ON COLUMN precursor.substance_cn.builtin IS 'Shipped with the extension: read-only, recreated by CREATE EXTENSION, not dumped.';

CREATE SEQUENCE precursor.synonym_synonym_id_seq AS integer START WITH 100000 MINVALUE 100000;
CREATE TABLE precursor.synonym (
	synonym_id	integer PRIMARY KEY
		DEFAULT pg_catalog.nextval('precursor.synonym_synonym_id_seq'),
	substance_id integer NOT NULL REFERENCES precursor.substance ON DELETE CASCADE,
	name		text NOT NULL CONSTRAINT synonym_name_not_blank CHECK (pg_catalog.btrim(name) <> ''),
	lang		text NOT NULL DEFAULT 'und'
		CONSTRAINT synonym_lang_format CHECK (lang ~ '^([a-z]{2}|und)$'),
	kind		text NOT NULL DEFAULT 'other'
		CONSTRAINT synonym_kind_domain CHECK (kind IN ('iupac', 'common', 'trade', 'abbreviation',
													   'translation', 'street', 'cas_name', 'other')),
	source_url	text NULL,
	builtin		boolean NOT NULL DEFAULT false,
	CONSTRAINT synonym_id_range CHECK ((builtin AND synonym_id BETWEEN 1 AND 99999)
									 OR (NOT builtin AND synonym_id >= 100000))
);
ALTER SEQUENCE precursor.synonym_synonym_id_seq OWNED BY precursor.synonym.synonym_id;
CREATE UNIQUE INDEX synonym_name_unique ON precursor.synonym (substance_id, pg_catalog.lower(name));
COMMENT ON TABLE precursor.synonym IS
	'Other names of a substance: IUPAC names, abbreviations, translations, trade and street names, each with its language and source.';
COMMENT ON COLUMN precursor.synonym.lang IS 'ISO 639-1 code (en, de, fr, es, nl, pl, it, ...) or und.';
COMMENT ON COLUMN precursor.synonym.kind IS 'iupac, common, trade, abbreviation, translation, street, cas_name or other.';
COMMENT ON COLUMN precursor.synonym.synonym_id IS 'Identifier: 1-99999 for shipped synonyms, from 100000 (sequence) for user synonyms.';
COMMENT ON COLUMN precursor.synonym.substance_id IS 'The watchlist entry this is another name of.';
COMMENT ON COLUMN precursor.synonym.name IS 'The other name, as written in its source.';
COMMENT ON COLUMN precursor.synonym.source_url IS 'Where the name is attested.';
COMMENT ON COLUMN precursor.synonym.builtin IS 'Shipped with the extension: read-only, recreated by CREATE EXTENSION, not dumped.';
COMMENT ON SEQUENCE precursor.synonym_synonym_id_seq IS 'Ids of user synonyms, from 100000 (shipped synonyms use 1-99999); dumped with the user rows.';

-- Category domain per shipped list (user lists are free).  A constraint
-- trigger would be heavier; a CHECK cannot see the list, so the guard
-- trigger below checks it.

-- ---------------------------------------------------------------------------
-- The change signal (see src/watchlist_signal.c)
-- ---------------------------------------------------------------------------
CREATE TABLE precursor.watchlist_state (
	singleton	boolean PRIMARY KEY DEFAULT true CONSTRAINT watchlist_state_one_row CHECK (singleton),
	generation	bigint NOT NULL DEFAULT 0
);
INSERT INTO precursor.watchlist_state (singleton, generation) VALUES (true, 0);
COMMENT ON TABLE precursor.watchlist_state IS
	'One row: generation counts committed changes to the watchlist tables (transactional; written only by precursor.watchlist_changed()).';
COMMENT ON COLUMN precursor.watchlist_state.singleton IS 'Always true: the table has one row.';
COMMENT ON COLUMN precursor.watchlist_state.generation IS 'Number of committed statements that changed the watchlist tables.';

CREATE FUNCTION precursor.watchlist_generation() RETURNS bigint
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT s.generation FROM precursor.watchlist_state AS s WHERE s.singleton;
END;
COMMENT ON FUNCTION precursor.watchlist_generation() IS
	'Current watchlist generation: changes after every committed change to watchlist, substance, substance_cn or synonym. Cheap to poll; a cache compiled at generation g is stale when this differs.';

-- ---------------------------------------------------------------------------
-- Guard: shipped rows are read-only; user rows stay user rows; category
-- domains of the shipped lists.
-- ---------------------------------------------------------------------------
CREATE FUNCTION precursor.watchlist_guard() RETURNS trigger
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $guard$
DECLARE
	list_builtin boolean;
	list_code	text;
BEGIN
	IF precursor.watchlist_installing() THEN
		RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
	END IF;

	-- TRUNCATE would bypass the row checks and remove the shipped rows.
	IF TG_OP = 'TRUNCATE' THEN
		RAISE EXCEPTION 'cannot truncate %: it holds shipped watchlist rows', TG_TABLE_NAME
			USING ERRCODE = 'feature_not_supported',
				  HINT = 'Delete your own rows with DELETE ... WHERE NOT builtin.';
	END IF;

	IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.builtin THEN
		RAISE EXCEPTION 'shipped watchlist rows are read-only'
			USING ERRCODE = 'feature_not_supported',
				  DETAIL = format('The %s row %s was shipped with the precursor extension, which recreates it on restore and replaces it on update.',
								  TG_TABLE_NAME,
								  (SELECT jsonb_object_agg(k, to_jsonb(OLD) -> k) FROM unnest(TG_ARGV) AS k)),
				  HINT = 'Put your own entries in a user watchlist (builtin = false), or add synonyms and CN codes to a shipped substance as new rows.';
	END IF;
	IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.builtin THEN
		RAISE EXCEPTION 'only the precursor extension can add shipped watchlist rows'
			USING ERRCODE = 'insufficient_privilege',
				  HINT = 'Insert with builtin = false (the default).';
	END IF;

	IF TG_TABLE_NAME = 'substance' AND TG_OP IN ('INSERT', 'UPDATE') THEN
		SELECT w.builtin, w.code INTO list_builtin, list_code
		  FROM precursor.watchlist AS w WHERE w.watchlist_id = NEW.watchlist_id;
		IF list_builtin THEN
			RAISE EXCEPTION 'cannot add entries to the shipped watchlist %', list_code
				USING ERRCODE = 'feature_not_supported',
					  HINT = 'Create a user watchlist for your own entries.';
		END IF;
	END IF;
	RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END
$guard$;
COMMENT ON FUNCTION precursor.watchlist_guard() IS
	'BEFORE ROW trigger: shipped rows are read-only outside the extension''s own scripts, users cannot create builtin rows, and user entries go to user lists. Trigger arguments name the key columns (for the error message).';

CREATE FUNCTION precursor.watchlist_category_check() RETURNS trigger
	LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
AS $check$
DECLARE
	list_code text;
BEGIN
	SELECT w.code INTO list_code FROM precursor.watchlist AS w WHERE w.watchlist_id = NEW.watchlist_id;
	IF (list_code = 'EU-273/2004' AND NEW.category NOT IN ('1', '2A', '2B', '3'))
		OR (list_code = 'EU-111/2005' AND NEW.category NOT IN ('1', '2', '3', '4'))
		OR (list_code = 'UN-1988' AND NEW.category NOT IN ('Table I', 'Table II')) THEN
		RAISE EXCEPTION 'category "%" does not exist in watchlist %', NEW.category, list_code
			USING ERRCODE = 'check_violation';
	END IF;
	RETURN NEW;
END
$check$;
COMMENT ON FUNCTION precursor.watchlist_category_check() IS
	'BEFORE ROW trigger on substance: the categories of the shipped lists are those of their acts (user lists are free).';

CREATE TRIGGER watchlist_guard BEFORE INSERT OR UPDATE OR DELETE ON precursor.watchlist
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_guard('watchlist_id');
CREATE TRIGGER substance_guard BEFORE INSERT OR UPDATE OR DELETE ON precursor.substance
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_guard('substance_id');
CREATE TRIGGER substance_category BEFORE INSERT OR UPDATE OF category, watchlist_id ON precursor.substance
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_category_check();
CREATE TRIGGER substance_cn_guard BEFORE INSERT OR UPDATE OR DELETE ON precursor.substance_cn
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_guard('substance_id', 'cn_code', 'ex');
CREATE TRIGGER synonym_guard BEFORE INSERT OR UPDATE OR DELETE ON precursor.synonym
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_guard('synonym_id');
CREATE TRIGGER watchlist_no_truncate BEFORE TRUNCATE ON precursor.watchlist
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_guard();
CREATE TRIGGER substance_no_truncate BEFORE TRUNCATE ON precursor.substance
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_guard();
CREATE TRIGGER substance_cn_no_truncate BEFORE TRUNCATE ON precursor.substance_cn
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_guard();
CREATE TRIGGER synonym_no_truncate BEFORE TRUNCATE ON precursor.synonym
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_guard();

-- ---------------------------------------------------------------------------
-- Audit.  Written only by the SECURITY DEFINER trigger function; nobody but
-- the owner may change it.  audit_id is a UUID so that rows written while a
-- dump is restored never collide with the restored history.
-- ---------------------------------------------------------------------------
CREATE TABLE precursor.watchlist_audit (
	audit_id	uuid PRIMARY KEY DEFAULT pg_catalog.gen_random_uuid(),
	at			timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
	session_role name NOT NULL,
	acting_role	name NOT NULL,
	txid		xid8 NOT NULL,
	table_name	name NOT NULL
		CONSTRAINT watchlist_audit_table CHECK (table_name IN ('watchlist', 'substance', 'substance_cn', 'synonym')),
	operation	text NOT NULL
		CONSTRAINT watchlist_audit_operation CHECK (operation IN ('INSERT', 'UPDATE', 'DELETE', 'TRUNCATE')),
	row_key		jsonb NULL,
	before		jsonb NULL,
	after		jsonb NULL
);
CREATE INDEX watchlist_audit_at_idx ON precursor.watchlist_audit (at);
COMMENT ON TABLE precursor.watchlist_audit IS
	'Every change to the watchlist tables: when, who (session and acting role), which transaction, which row, before and after. Readers may read it; only its owner can change it.';
COMMENT ON COLUMN precursor.watchlist_audit.session_role IS 'session_user of the change.';
COMMENT ON COLUMN precursor.watchlist_audit.acting_role IS 'current_user of the change as set by SET ROLE (outside SECURITY DEFINER functions).';
COMMENT ON COLUMN precursor.watchlist_audit.row_key IS 'Primary key of the changed row as JSON.';
COMMENT ON COLUMN precursor.watchlist_audit.audit_id IS 'Identifier of the audit row (random UUID).';
COMMENT ON COLUMN precursor.watchlist_audit.at IS 'When the change was made (clock time of the statement).';
COMMENT ON COLUMN precursor.watchlist_audit.txid IS 'Transaction of the change.';
COMMENT ON COLUMN precursor.watchlist_audit.table_name IS 'Table changed: watchlist, substance, substance_cn or synonym.';
COMMENT ON COLUMN precursor.watchlist_audit.operation IS 'INSERT, UPDATE, DELETE or TRUNCATE.';
COMMENT ON COLUMN precursor.watchlist_audit.before IS 'The row before the change as JSON (UPDATE, DELETE).';
COMMENT ON COLUMN precursor.watchlist_audit.after IS 'The row after the change as JSON (INSERT, UPDATE).';

CREATE FUNCTION precursor.watchlist_audit_row() RETURNS trigger
	LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
AS $audit$
DECLARE
	src jsonb;
	key jsonb;
BEGIN
	IF TG_LEVEL = 'STATEMENT' THEN			-- TRUNCATE
		INSERT INTO precursor.watchlist_audit
			(session_role, acting_role, txid, table_name, operation)
		VALUES (session_user, precursor.watchlist_acting_role(), pg_current_xact_id(),
				TG_TABLE_NAME, TG_OP);
		RETURN NULL;
	END IF;
	src := CASE WHEN TG_OP = 'DELETE' THEN to_jsonb(OLD) ELSE to_jsonb(NEW) END;
	SELECT jsonb_object_agg(k, src -> k) INTO key FROM unnest(TG_ARGV) AS k;
	INSERT INTO precursor.watchlist_audit
		(session_role, acting_role, txid, table_name, operation, row_key, before, after)
	VALUES (session_user, precursor.watchlist_acting_role(), pg_current_xact_id(),
			TG_TABLE_NAME, TG_OP, key,
			CASE WHEN TG_OP <> 'INSERT' THEN to_jsonb(OLD) END,
			CASE WHEN TG_OP <> 'DELETE' THEN to_jsonb(NEW) END);
	RETURN NULL;
END
$audit$;
COMMENT ON FUNCTION precursor.watchlist_audit_row() IS
	'AFTER trigger on the watchlist tables: writes precursor.watchlist_audit (SECURITY DEFINER with a pinned search_path, so writers need no right on the audit table). Trigger arguments name the key columns.';
REVOKE ALL ON FUNCTION precursor.watchlist_audit_row() FROM PUBLIC;

CREATE TRIGGER watchlist_audit AFTER INSERT OR UPDATE OR DELETE ON precursor.watchlist
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_audit_row('watchlist_id');
CREATE TRIGGER substance_audit AFTER INSERT OR UPDATE OR DELETE ON precursor.substance
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_audit_row('substance_id');
CREATE TRIGGER substance_cn_audit AFTER INSERT OR UPDATE OR DELETE ON precursor.substance_cn
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_audit_row('substance_id', 'cn_code', 'ex');
CREATE TRIGGER synonym_audit AFTER INSERT OR UPDATE OR DELETE ON precursor.synonym
	FOR EACH ROW EXECUTE FUNCTION precursor.watchlist_audit_row('synonym_id');
CREATE TRIGGER watchlist_audit_truncate AFTER TRUNCATE ON precursor.watchlist
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_audit_row();
CREATE TRIGGER substance_audit_truncate AFTER TRUNCATE ON precursor.substance
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_audit_row();
CREATE TRIGGER substance_cn_audit_truncate AFTER TRUNCATE ON precursor.substance_cn
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_audit_row();
CREATE TRIGGER synonym_audit_truncate AFTER TRUNCATE ON precursor.synonym
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_audit_row();

-- Change signal: once per statement, including TRUNCATE.
CREATE TRIGGER watchlist_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON precursor.watchlist
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_changed();
CREATE TRIGGER substance_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON precursor.substance
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_changed();
CREATE TRIGGER substance_cn_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON precursor.substance_cn
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_changed();
CREATE TRIGGER synonym_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON precursor.synonym
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.watchlist_changed();
-- ALWAYS: a restore (part 50) and logical replication load rows in replica
-- mode, and the compiled caches must still learn about them.
ALTER TABLE precursor.watchlist ENABLE ALWAYS TRIGGER watchlist_changed;
ALTER TABLE precursor.substance ENABLE ALWAYS TRIGGER substance_changed;
ALTER TABLE precursor.substance_cn ENABLE ALWAYS TRIGGER substance_cn_changed;
ALTER TABLE precursor.synonym ENABLE ALWAYS TRIGGER synonym_changed;

-- ---------------------------------------------------------------------------
-- Dump: user rows and the sequences; the whole audit trail.
-- ---------------------------------------------------------------------------
SELECT pg_catalog.pg_extension_config_dump('precursor.watchlist', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('precursor.substance', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('precursor.substance_cn', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('precursor.synonym', 'WHERE NOT builtin');
SELECT pg_catalog.pg_extension_config_dump('precursor.watchlist_audit', '');
SELECT pg_catalog.pg_extension_config_dump('precursor.watchlist_watchlist_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('precursor.substance_substance_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('precursor.synonym_synonym_id_seq', '');

-- ---------------------------------------------------------------------------
-- Analyst views and functions.  Views run with the caller's rights
-- (security_invoker), so reading them needs precursor_reader like the tables.
-- ---------------------------------------------------------------------------
CREATE VIEW precursor.watchlist_term WITH (security_invoker = true) AS
	SELECT s.substance_id, s.name AS term, 'name'::text AS term_kind, s.name_lang AS lang
	  FROM precursor.substance AS s
	  JOIN precursor.watchlist AS w USING (watchlist_id)
	 WHERE w.active
	UNION ALL
	SELECT y.substance_id, y.name, y.kind, y.lang
	  FROM precursor.synonym AS y
	  JOIN precursor.substance AS s USING (substance_id)
	  JOIN precursor.watchlist AS w USING (watchlist_id)
	 WHERE w.active;
COMMENT ON VIEW precursor.watchlist_term IS
	'Every term the matching engine compiles: each substance''s name (term_kind name) and each synonym (term_kind = its kind), for active lists only.';

CREATE VIEW precursor.substance_overview WITH (security_invoker = true) AS
	SELECT s.substance_id, w.code AS watchlist, w.regime, s.category, s.name, s.casrn,
		   (SELECT pg_catalog.array_agg(CASE WHEN c.ex THEN 'ex ' ELSE '' END
										 OPERATOR(pg_catalog.||) c.cn_code::text
										 ORDER BY c.cn_code, c.ex)
			  FROM precursor.substance_cn AS c WHERE c.substance_id = s.substance_id) AS cn_codes,
		   s.threshold_qty, s.threshold_unit, s.threshold_act,
		   s.covers_salts, s.covers_stereoisomers, s.covers_esters, s.covers_ethers,
		   s.excludes, s.excluded_casrn, s.source_act, s.source_url, s.in_force_from,
		   (SELECT pg_catalog.jsonb_agg(pg_catalog.jsonb_build_object(
						'name', y.name, 'lang', y.lang, 'kind', y.kind, 'source_url', y.source_url)
					ORDER BY y.lang, y.kind, y.name)
			  FROM precursor.synonym AS y WHERE y.substance_id = s.substance_id) AS synonyms,
		   w.active, s.builtin, s.controlled_since, s.controlled_by
	  FROM precursor.substance AS s
	  JOIN precursor.watchlist AS w USING (watchlist_id);
COMMENT ON VIEW precursor.substance_overview IS
	'One row per watchlist entry with its list, category, CN codes, threshold, coverage, exclusions, legal source (the act of its current wording and the date it applies from), when it came under control and by which act, and all synonyms (JSON).';

CREATE FUNCTION precursor.substance_profile(cas @extschema@.casrn)
	RETURNS SETOF precursor.substance_overview
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT o.* FROM precursor.substance_overview AS o
	 WHERE o.casrn OPERATOR(@extschema@.=) substance_profile.cas
	 ORDER BY o.regime, o.watchlist, o.category, o.substance_id;
END;
COMMENT ON FUNCTION precursor.substance_profile(@extschema@.casrn) IS
	'Everything about a CAS RN: every list entry with that number, with categories, CN codes, thresholds, sources and synonyms.';

CREATE FUNCTION precursor.substances_under(cn @extschema@.cncode)
	RETURNS TABLE (watchlist text, category text, substance_id integer, name text,
				   casrn @extschema@.casrn, cn_code @extschema@.cncode, ex boolean)
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT w.code, s.category, s.substance_id, s.name, s.casrn, c.cn_code, c.ex
	  FROM precursor.substance_cn AS c
	  JOIN precursor.substance AS s ON s.substance_id = c.substance_id
	  JOIN precursor.watchlist AS w ON w.watchlist_id = s.watchlist_id
	 WHERE c.cn_code OPERATOR(@extschema@.<@) substances_under.cn
	 ORDER BY c.cn_code, w.code, s.category, s.name;
END;
COMMENT ON FUNCTION precursor.substances_under(@extschema@.cncode) IS
	'Watchlist entries whose CN/HS code falls under the given code (chapter, heading, subheading), e.g. substances_under(''2939'').';

CREATE FUNCTION precursor.watchlist_changes(since timestamptz)
	RETURNS SETOF precursor.watchlist_audit
	LANGUAGE sql STABLE PARALLEL SAFE
BEGIN ATOMIC
	SELECT a.* FROM precursor.watchlist_audit AS a
	 WHERE a.at OPERATOR(pg_catalog.>=) watchlist_changes.since
	 ORDER BY a.at, a.table_name;
END;
COMMENT ON FUNCTION precursor.watchlist_changes(timestamptz) IS
	'Audited changes to the watchlists at or after the given time, oldest first.';

CREATE VIEW precursor.shared_cn_codes WITH (security_invoker = true) AS
	SELECT c.cn_code,
		   pg_catalog.count(DISTINCT COALESCE(s.casrn::text, s.name)) AS substances,
		   pg_catalog.array_agg(DISTINCT s.name ORDER BY s.name) AS names,
		   pg_catalog.array_agg(DISTINCT w.code ORDER BY w.code) AS watchlists,
		   pg_catalog.bool_or(c.ex) AS any_ex,
		   pg_catalog.bool_or(c.ex)
			 OR pg_catalog.count(DISTINCT COALESCE(s.casrn::text, s.name)) > 1 AS may_cover_unscheduled
	  FROM precursor.substance_cn AS c
	  JOIN precursor.substance AS s USING (substance_id)
	  JOIN precursor.watchlist AS w USING (watchlist_id)
	 WHERE w.active
	 GROUP BY c.cn_code
	HAVING pg_catalog.bool_or(c.ex)
		OR pg_catalog.count(DISTINCT COALESCE(s.casrn::text, s.name)) > 1;
COMMENT ON VIEW precursor.shared_cn_codes IS
	'The shared CN codes trap: codes used by several distinct substances, or marked ex (part of the code only). A declaration under such a code may well be an unscheduled chemical; a code alone does not identify a scheduled substance.';

-- ---------------------------------------------------------------------------
-- Privileges.  PUBLIC: nothing on the tables.  Readers read; managers write
-- the four watchlist tables; nobody but the owner writes the audit or state.
-- ---------------------------------------------------------------------------
REVOKE ALL ON precursor.watchlist, precursor.substance, precursor.substance_cn, precursor.synonym,
	precursor.watchlist_audit, precursor.watchlist_state,
	precursor.watchlist_term, precursor.substance_overview, precursor.shared_cn_codes FROM PUBLIC;
REVOKE ALL ON SEQUENCE precursor.watchlist_watchlist_id_seq, precursor.substance_substance_id_seq,
	precursor.synonym_synonym_id_seq FROM PUBLIC;
GRANT USAGE ON SCHEMA precursor TO precursor_reader, precursor_manager;
GRANT SELECT ON precursor.watchlist, precursor.substance, precursor.substance_cn, precursor.synonym,
	precursor.watchlist_audit, precursor.watchlist_state,
	precursor.watchlist_term, precursor.substance_overview, precursor.shared_cn_codes TO precursor_reader;
GRANT INSERT, UPDATE, DELETE ON precursor.watchlist, precursor.substance, precursor.substance_cn,
	precursor.synonym TO precursor_manager;
GRANT USAGE ON SEQUENCE precursor.watchlist_watchlist_id_seq, precursor.substance_substance_id_seq,
	precursor.synonym_synonym_id_seq TO precursor_manager;
