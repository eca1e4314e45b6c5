
-- ===========================================================================
-- 40 declaration screening: the trigger, alerts and their review, the
-- shipment ledger behind the split-shipment rule, and the reports.
--
-- precursor.screen_trigger() (src/screen_trigger.c) screens each row of a
-- declarations table as it is inserted, updated or copied.  What it finds
-- lands in precursor.alert; analysts review alerts only through
-- precursor.review_alert(), which appends to precursor.alert_review.
-- Nobody, analysts included, may UPDATE or DELETE alerts or their history.
-- ===========================================================================

-- ---------------------------------------------------------------------------
-- Role.  Analysts read everything a reader reads, plus the alerts, and review.
-- ---------------------------------------------------------------------------
DO $roles$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'precursor_analyst') THEN
		CREATE ROLE precursor_analyst NOLOGIN;
	END IF;
	IF NOT pg_catalog.pg_has_role('precursor_analyst', 'precursor_reader', 'MEMBER') THEN
		GRANT precursor_reader TO precursor_analyst;
	END IF;
END
$roles$;

-- ---------------------------------------------------------------------------
-- Alerts
-- ---------------------------------------------------------------------------
CREATE SEQUENCE precursor.alert_alert_id_seq AS bigint;

CREATE TABLE precursor.alert (
	alert_id	bigint PRIMARY KEY DEFAULT pg_catalog.nextval('precursor.alert_alert_id_seq'),
	created_at	timestamptz NOT NULL DEFAULT pg_catalog.now(),
	source_table text NOT NULL,
	trigger_name text NULL,
	row_key		text NULL,
	substance_id integer NULL,
	substance_name text NOT NULL,
	watchlist_code text NOT NULL,
	category	text NOT NULL,
	listed_as	text[] NOT NULL DEFAULT '{}',
	score		real NOT NULL CONSTRAINT alert_score_range CHECK (score >= 0 AND score <= 1),
	reasons		jsonb NOT NULL CONSTRAINT alert_reasons_array CHECK (pg_catalog.jsonb_typeof(reasons) = 'array'),
	consignee	text NULL,
	consignor	text NULL,
	country		text NULL,
	declared_on date NULL,
	quantity	numeric NULL,
	unit		text NULL,
	declared_cn text NULL,
	declared_casrn text NULL,
	description text NULL,
	status		text NOT NULL DEFAULT 'open'
		CONSTRAINT alert_status_valid CHECK (status IN ('open', 'cleared', 'escalated', 'superseded')),
	reviewed_by name NULL,
	reviewed_at timestamptz NULL,
	review_note text NULL,
	supersedes	bigint[] NOT NULL DEFAULT '{}'
);
ALTER SEQUENCE precursor.alert_alert_id_seq OWNED BY precursor.alert.alert_id;
CREATE INDEX alert_status_idx ON precursor.alert (status, score DESC);
CREATE INDEX alert_substance_idx ON precursor.alert (substance_id);
CREATE INDEX alert_row_idx ON precursor.alert (source_table, row_key);
CREATE INDEX alert_consignee_idx ON precursor.alert (consignee);
COMMENT ON TABLE precursor.alert IS
	'One alert per declaration row and chemical the screening trigger found, with every reason and its evidence.  Written by precursor.screen_trigger(); reviewed only through precursor.review_alert().';
COMMENT ON COLUMN precursor.alert.source_table IS 'Schema-qualified name of the screened table at the time of the alert.';
COMMENT ON COLUMN precursor.alert.row_key IS 'Value of the column named by the trigger argument key=, as text.';
COMMENT ON COLUMN precursor.alert.substance_id IS 'The most severe watchlist entry of the chemical (no foreign key: alerts outlive list edits).';
COMMENT ON COLUMN precursor.alert.listed_as IS 'Every watchlist entry of the chemical that the row matched, as "list category".';
COMMENT ON COLUMN precursor.alert.score IS '0..1: how sure the identification is, times a weight from the category and the aggravating reasons (misdeclared CN code, split shipment, quantity over threshold, obfuscated name).';
COMMENT ON COLUMN precursor.alert.reasons IS 'JSON array, one object per reason, each with its rule and evidence (matched text and span, form, CN codes, quantities, cumulative totals).';
COMMENT ON COLUMN precursor.alert.description IS 'The screened description (first 2000 bytes), so the evidence spans can be read in context.';
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
COMMENT ON COLUMN precursor.alert.status IS 'open, cleared or escalated, changed only by precursor.review_alert(); or superseded, set by the trigger when an UPDATE re-screens the row while the alert is open.';
COMMENT ON COLUMN precursor.alert.supersedes IS 'Open alerts of the same row (source_table, row_key, trigger) that this alert replaced when an UPDATE re-screened the row; they are now superseded.';

CREATE TABLE precursor.alert_review (
	review_id	bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	alert_id	bigint NOT NULL REFERENCES precursor.alert,
	reviewed_at timestamptz NOT NULL DEFAULT pg_catalog.clock_timestamp(),
	reviewed_by name NOT NULL,
	session_role name NOT NULL,
	from_status text NOT NULL,
	to_status	text NOT NULL,
	note		text NOT NULL
);
CREATE INDEX alert_review_alert_idx ON precursor.alert_review (alert_id);
COMMENT ON TABLE precursor.alert_review IS
	'Append-only history of alert reviews: who, when, from which status to which, and why.';
COMMENT ON COLUMN precursor.alert_review.reviewed_by IS 'The acting role (current_user as set by SET ROLE) of the reviewer.';
COMMENT ON COLUMN precursor.alert_review.session_role IS 'session_user of the review: the login that acted.';
COMMENT ON COLUMN precursor.alert_review.review_id IS 'Identifier of the review (identity).';
COMMENT ON COLUMN precursor.alert_review.alert_id IS 'The alert reviewed.';
COMMENT ON COLUMN precursor.alert_review.reviewed_at IS 'When the review was made (clock time).';
COMMENT ON COLUMN precursor.alert_review.from_status IS 'Status of the alert before the review.';
COMMENT ON COLUMN precursor.alert_review.to_status IS 'Status the review set.';
COMMENT ON COLUMN precursor.alert_review.note IS 'Why: the note of the reviewer.';
COMMENT ON SEQUENCE precursor.alert_review_review_id_seq IS 'Identity of alert_review.review_id; dumped with the reviews.';

-- ---------------------------------------------------------------------------
-- Shipment ledger: one row per (declaration, thresholded chemical), in the
-- threshold's base unit, so that split consignments can be summed.
-- ---------------------------------------------------------------------------
CREATE TABLE precursor.shipment_ledger (
	consignee_key text NOT NULL,
	consignee	text NOT NULL,
	substance_id integer NOT NULL,
	shipped_on	date NOT NULL,
	quantity	numeric NOT NULL,
	unit		text NOT NULL CONSTRAINT shipment_ledger_unit CHECK (unit IN ('kg', 'l')),
	source_table text NOT NULL,
	row_key		text NULL,
	country		text NULL,
	recorded_at timestamptz NOT NULL DEFAULT pg_catalog.now()
);
CREATE INDEX shipment_ledger_window_idx
	ON precursor.shipment_ledger (consignee_key, substance_id, shipped_on);
CREATE INDEX shipment_ledger_row_idx ON precursor.shipment_ledger (source_table, row_key);
COMMENT ON TABLE precursor.shipment_ledger IS
	'Quantities of thresholded substances per consignee, recorded by the screening trigger (converted to kg or l), for the cumulative (split shipment) rule and report.';
COMMENT ON COLUMN precursor.shipment_ledger.consignee_key IS 'Consignee upper-cased with white space squashed: how shipments are grouped.';
COMMENT ON COLUMN precursor.shipment_ledger.consignee IS 'Consignee as declared.';
COMMENT ON COLUMN precursor.shipment_ledger.substance_id IS 'Watchlist entry of the shipped chemical.';
COMMENT ON COLUMN precursor.shipment_ledger.shipped_on IS 'Date of the declaration.';
COMMENT ON COLUMN precursor.shipment_ledger.quantity IS 'Quantity converted to unit.';
COMMENT ON COLUMN precursor.shipment_ledger.unit IS 'kg or l: the base unit of the threshold of the substance.';
COMMENT ON COLUMN precursor.shipment_ledger.source_table IS 'Schema-qualified name of the screened table.';
COMMENT ON COLUMN precursor.shipment_ledger.row_key IS 'Value of the column named by the trigger argument key=, as text.';
COMMENT ON COLUMN precursor.shipment_ledger.country IS 'Country of the declaration, when the trigger maps it.';
COMMENT ON COLUMN precursor.shipment_ledger.recorded_at IS 'When the screening trigger recorded the shipment (transaction time).';

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
COMMENT ON COLUMN precursor.screened_table.relid IS 'The screened table.';
COMMENT ON COLUMN precursor.screened_table.trigger_name IS 'Name of its screening trigger.';
COMMENT ON COLUMN precursor.screened_table.table_owner IS 'Owner of the table at approval; a new owner needs a new approval.';
COMMENT ON COLUMN precursor.screened_table.registered_at IS 'When the approval was recorded.';
SELECT pg_catalog.pg_extension_config_dump('precursor.screened_table', '');

SELECT pg_catalog.pg_extension_config_dump('precursor.alert', '');
SELECT pg_catalog.pg_extension_config_dump('precursor.alert_alert_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('precursor.alert_review', '');
-- the identity sequence behind alert_review.review_id is a separate object:
-- without its own registration a restore would reissue review ids from 1
SELECT pg_catalog.pg_extension_config_dump('precursor.alert_review_review_id_seq', '');
SELECT pg_catalog.pg_extension_config_dump('precursor.shipment_ledger', '');

-- ---------------------------------------------------------------------------
-- History is not rewritten: guards that hold even for the tables' owner.
-- ---------------------------------------------------------------------------
CREATE FUNCTION precursor.alert_guard() RETURNS trigger
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

CREATE TRIGGER alert_guard BEFORE UPDATE OR DELETE ON precursor.alert
	FOR EACH ROW EXECUTE FUNCTION precursor.alert_guard();
CREATE TRIGGER alert_guard_truncate BEFORE TRUNCATE ON precursor.alert
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.alert_guard();
CREATE TRIGGER alert_review_guard BEFORE DELETE ON precursor.alert_review
	FOR EACH ROW EXECUTE FUNCTION precursor.alert_guard();
CREATE TRIGGER alert_review_guard_truncate BEFORE TRUNCATE ON precursor.alert_review
	FOR EACH STATEMENT EXECUTE FUNCTION precursor.alert_guard();

-- Review history must never be rewritten, including by a review: the guard
-- on alert_review refuses UPDATE even when precursor.reviewing is on.
CREATE FUNCTION precursor.alert_review_append_only() RETURNS trigger
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
BEGIN
	RAISE EXCEPTION '% on alert_review is not allowed: review history is append-only', TG_OP
		USING ERRCODE = 'insufficient_privilege';
END
$$;
COMMENT ON FUNCTION precursor.alert_review_append_only() IS
	'Refuses every UPDATE of precursor.alert_review.';
CREATE TRIGGER alert_review_append_only BEFORE UPDATE ON precursor.alert_review
	FOR EACH ROW EXECUTE FUNCTION precursor.alert_review_append_only();

-- ---------------------------------------------------------------------------
-- Review
-- ---------------------------------------------------------------------------
CREATE FUNCTION precursor.review_alert(alert_id bigint, new_status text, note text)
	RETURNS precursor.alert
	LANGUAGE plpgsql
	SECURITY DEFINER
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	actor name := precursor.watchlist_acting_role();
	a precursor.alert;
BEGIN
	IF NOT pg_catalog.pg_has_role(actor, 'precursor_analyst', 'MEMBER') THEN
		RAISE EXCEPTION 'permission denied to review alerts'
			USING ERRCODE = 'insufficient_privilege',
			      DETAIL = pg_catalog.format('Role %I is not a member of precursor_analyst.', actor),
			      HINT = 'A DBA grants it with: GRANT precursor_analyst TO <role>;';
	END IF;
	IF new_status IS NULL OR new_status NOT IN ('open', 'cleared', 'escalated') THEN
		RAISE EXCEPTION 'invalid alert status "%"', new_status
			USING ERRCODE = 'invalid_parameter_value',
			      HINT = 'Use open, cleared or escalated.';
	END IF;
	IF note IS NULL OR pg_catalog.btrim(note) = '' THEN
		RAISE EXCEPTION 'a review needs a note saying why'
			USING ERRCODE = 'invalid_parameter_value';
	END IF;

	-- Lock the alert: a concurrent reviewer waits and then sees this review.
	SELECT * INTO a FROM precursor.alert AS x WHERE x.alert_id = review_alert.alert_id FOR UPDATE;
	IF NOT FOUND THEN
		RAISE EXCEPTION 'alert % does not exist', review_alert.alert_id
			USING ERRCODE = 'no_data_found';
	END IF;
	IF a.status = new_status THEN
		RAISE EXCEPTION 'alert % is already %', a.alert_id, a.status
			USING ERRCODE = 'object_not_in_prerequisite_state',
			      DETAIL = pg_catalog.format('Reviewed by %s at %s: %s', a.reviewed_by, a.reviewed_at, a.review_note);
	END IF;

	INSERT INTO precursor.alert_review (alert_id, reviewed_by, session_role, from_status, to_status, note)
	VALUES (a.alert_id, actor, session_user, a.status, new_status, note);

	PERFORM pg_catalog.set_config('precursor.reviewing', 'on', true);
	UPDATE precursor.alert AS x
	   SET status = new_status, reviewed_by = actor,
	       reviewed_at = pg_catalog.clock_timestamp(), review_note = note
	 WHERE x.alert_id = a.alert_id
	RETURNING * INTO a;
	PERFORM pg_catalog.set_config('precursor.reviewing', 'off', true);
	RETURN a;
END
$$;
COMMENT ON FUNCTION precursor.review_alert(bigint, text, text) IS
	'Move an alert to open, cleared or escalated with a note; records who and when in precursor.alert_review.  Only members of precursor_analyst; concurrent reviews of one alert are serialised and the second sees the first.';

-- ---------------------------------------------------------------------------
-- The trigger, its validation, and a helper that attaches it
-- ---------------------------------------------------------------------------
CREATE FUNCTION precursor.screen_trigger() RETURNS trigger
	LANGUAGE c AS 'MODULE_PATHNAME', 'precursor_screen_trigger';
CREATE FUNCTION precursor.screen_trigger_arguments()
	RETURNS TABLE (name text, kind text, accepts text, default_value text, screened boolean, help text)
	LANGUAGE c STABLE PARALLEL SAFE ROWS 20
	AS 'MODULE_PATHNAME', 'precursor_screen_trigger_arguments';
COMMENT ON FUNCTION precursor.screen_trigger_arguments() IS
	'The arguments of precursor.screen_trigger(), in order, as the trigger parses them: kind column (names a column; accepts: its types) or value (a setting; its default), screened (at least one such column is required), and what it is for.';

-- The trigger's COMMENT is derived from its argument table (trigger_args[],
-- src/screen_trigger_config.c), so it cannot disagree with what it parses.
DO $do$
BEGIN
	EXECUTE pg_catalog.format('COMMENT ON FUNCTION precursor.screen_trigger() IS %L',
		'BEFORE INSERT OR UPDATE FOR EACH ROW trigger that screens declarations (INSERT, UPDATE and COPY).  '
		|| 'Arguments are key=value (precursor.screen_trigger_arguments() describes each): '
		|| (SELECT pg_catalog.string_agg(a.name, ', ' ORDER BY a.ord)
		      FROM precursor.screen_trigger_arguments() WITH ORDINALITY
		           AS a(name, kind, accepts, default_value, screened, help, ord)
		     WHERE a.kind = 'column')
		|| ' (column names); '
		|| (SELECT pg_catalog.string_agg(a.name || ': ' || a.help
		                                 || COALESCE(' (default ' || a.default_value || ')', ''),
		                                 '; ' ORDER BY a.ord)
		      FROM precursor.screen_trigger_arguments() WITH ORDINALITY
		           AS a(name, kind, accepts, default_value, screened, help, ord)
		     WHERE a.kind = 'value')
		|| '.');
END
$do$;

CREATE FUNCTION precursor.screen_trigger_validate(trigger_oid oid) RETURNS void
	LANGUAGE c VOLATILE STRICT AS 'MODULE_PATHNAME', 'precursor_screen_trigger_validate';
COMMENT ON FUNCTION precursor.screen_trigger_validate(oid) IS
	'Check a precursor.screen_trigger trigger: BEFORE INSERT [OR UPDATE] FOR EACH ROW, every argument known, every named column present with a suitable type, and (mode alert) registered in precursor.screened_table for its table, owner and arguments.  When the current role is a member of precursor_manager it records the registration; otherwise an unregistered alert-mode trigger is refused.  Raises the error the trigger would raise at its first row.';

CREATE FUNCTION precursor.attach_screening(tbl regclass, VARIADIC options text[])
	RETURNS oid
	LANGUAGE plpgsql
	SET search_path = pg_catalog, pg_temp
AS $$
DECLARE
	trigger_name name := 'precursor_screen';
	args text;
	tgoid oid;
BEGIN
	SELECT pg_catalog.string_agg(pg_catalog.quote_literal(o), ', ' ORDER BY ord)
	  INTO args
	  FROM pg_catalog.unnest(options) WITH ORDINALITY AS u(o, ord);
	EXECUTE pg_catalog.format(
		'CREATE TRIGGER %I BEFORE INSERT OR UPDATE ON %s FOR EACH ROW EXECUTE FUNCTION precursor.screen_trigger(%s)',
		trigger_name, tbl, COALESCE(args, ''));
	SELECT t.oid INTO STRICT tgoid FROM pg_catalog.pg_trigger t
	 WHERE t.tgrelid = tbl AND t.tgname = trigger_name;
	PERFORM precursor.screen_trigger_validate(tgoid);
	RETURN tgoid;
END
$$;
COMMENT ON FUNCTION precursor.attach_screening(regclass, text[]) IS
	'Create trigger precursor_screen (BEFORE INSERT OR UPDATE FOR EACH ROW) on a table with the given key=value options and validate it at once, e.g. SELECT precursor.attach_screening(''decl'', ''description=goods'', ''key=id'');';

-- Validate every screening trigger when it is created, not at its first row,
-- and again after every ALTER TABLE of its table: a dropped, renamed or
-- retyped configured column (or a new owner without a manager's approval) is
-- refused then, not at the next INSERT.
CREATE FUNCTION precursor.screen_trigger_created() RETURNS event_trigger
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

CREATE EVENT TRIGGER precursor_screen_trigger_created ON ddl_command_end
	WHEN TAG IN ('CREATE TRIGGER')
	EXECUTE FUNCTION precursor.screen_trigger_created();
COMMENT ON EVENT TRIGGER precursor_screen_trigger_created IS 'Validates precursor.screen_trigger triggers at CREATE TRIGGER time.';

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

-- ---------------------------------------------------------------------------
-- Reports.  Views read with the caller's rights (security_invoker): a
-- reader or analyst sees them, PUBLIC does not.
-- ---------------------------------------------------------------------------
CREATE VIEW precursor.alerts_by_substance WITH (security_invoker = true) AS
SELECT a.substance_name AS substance, a.watchlist_code AS watchlist, a.category,
       pg_catalog.count(*) AS alerts,
       pg_catalog.count(*) FILTER (WHERE a.status = 'open') AS open,
       pg_catalog.count(*) FILTER (WHERE a.status = 'escalated') AS escalated,
       pg_catalog.round(pg_catalog.max(a.score)::numeric, 3) AS max_score,
       pg_catalog.min(a.declared_on) AS first_declared, pg_catalog.max(a.declared_on) AS last_declared
  FROM precursor.alert a
 GROUP BY a.substance_name, a.watchlist_code, a.category;
COMMENT ON VIEW precursor.alerts_by_substance IS 'Alerts per substance (primary watchlist entry), with open and escalated counts.';

CREATE VIEW precursor.alerts_by_category WITH (security_invoker = true) AS
SELECT a.watchlist_code AS watchlist, a.category,
       pg_catalog.count(*) AS alerts,
       pg_catalog.count(DISTINCT a.substance_name) AS substances,
       pg_catalog.count(*) FILTER (WHERE a.status = 'open') AS open,
       pg_catalog.count(*) FILTER (WHERE a.status = 'escalated') AS escalated
  FROM precursor.alert a
 GROUP BY a.watchlist_code, a.category;
COMMENT ON VIEW precursor.alerts_by_category IS 'Alerts per watchlist and category.';

CREATE VIEW precursor.alerts_by_country WITH (security_invoker = true) AS
SELECT a.country, pg_catalog.count(*) AS alerts,
       pg_catalog.count(*) FILTER (WHERE a.category IN ('1', 'Table I')) AS category_1,
       pg_catalog.count(DISTINCT a.consignee) AS consignees,
       pg_catalog.round(pg_catalog.avg(a.score)::numeric, 3) AS avg_score
  FROM precursor.alert a
 GROUP BY a.country;
COMMENT ON VIEW precursor.alerts_by_country IS 'Alerts per destination (or origin) country as the trigger''s country= column gives it.';

CREATE VIEW precursor.alerts_by_party WITH (security_invoker = true) AS
SELECT a.consignee AS party, 'consignee'::text AS role, pg_catalog.count(*) AS alerts,
       pg_catalog.count(DISTINCT a.substance_name) AS substances,
       pg_catalog.round(pg_catalog.sum(a.score)::numeric, 3) AS total_score,
       pg_catalog.max(a.declared_on) AS last_declared
  FROM precursor.alert a WHERE a.consignee IS NOT NULL
 GROUP BY a.consignee
UNION ALL
SELECT a.consignor, 'consignor', pg_catalog.count(*),
       pg_catalog.count(DISTINCT a.substance_name),
       pg_catalog.round(pg_catalog.sum(a.score)::numeric, 3),
       pg_catalog.max(a.declared_on)
  FROM precursor.alert a WHERE a.consignor IS NOT NULL
 GROUP BY a.consignor;
COMMENT ON VIEW precursor.alerts_by_party IS 'Alerts per party (consignee and consignor), with the sum of their scores.';

CREATE VIEW precursor.alerts_by_period WITH (security_invoker = true) AS
SELECT pg_catalog.date_trunc('month', a.declared_on)::date AS month,
       pg_catalog.count(*) AS alerts,
       pg_catalog.count(*) FILTER (WHERE a.category IN ('1', 'Table I')) AS category_1,
       pg_catalog.count(*) FILTER (WHERE a.status = 'open') AS open
  FROM precursor.alert a
 GROUP BY 1;
COMMENT ON VIEW precursor.alerts_by_period IS 'Alerts per month of the declaration date.';

CREATE FUNCTION precursor.top_parties(n integer DEFAULT 10,
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

CREATE VIEW precursor.split_shipment_candidates WITH (security_invoker = true) AS
WITH l AS (
	SELECT l.*, s.name AS substance, s.threshold_qty, s.threshold_unit,
	       CASE WHEN s.threshold_unit = 'g' THEN s.threshold_qty / 1000 ELSE s.threshold_qty END AS threshold_base,
	       w.code AS watchlist, s.category
	  FROM precursor.shipment_ledger l
	  JOIN precursor.substance s ON s.substance_id = l.substance_id
	  JOIN precursor.watchlist w ON w.watchlist_id = s.watchlist_id
), windows AS (
	-- every shipment opens a 30-day window; keep those over the threshold
	SELECT l.consignee_key, l.substance_id, l.shipped_on AS window_start,
	       (SELECT pg_catalog.sum(x.quantity) FROM precursor.shipment_ledger x
	         WHERE x.consignee_key = l.consignee_key AND x.substance_id = l.substance_id
	           AND x.shipped_on >= l.shipped_on AND x.shipped_on < l.shipped_on + 30) AS total,
	       (SELECT pg_catalog.count(*) FROM precursor.shipment_ledger x
	         WHERE x.consignee_key = l.consignee_key AND x.substance_id = l.substance_id
	           AND x.shipped_on >= l.shipped_on AND x.shipped_on < l.shipped_on + 30) AS shipments,
	       (SELECT pg_catalog.max(x.quantity) FROM precursor.shipment_ledger x
	         WHERE x.consignee_key = l.consignee_key AND x.substance_id = l.substance_id
	           AND x.shipped_on >= l.shipped_on AND x.shipped_on < l.shipped_on + 30) AS largest,
	       l.threshold_base
	  FROM l
)
SELECT DISTINCT ON (w.consignee_key, w.substance_id)
       (SELECT pg_catalog.min(x.consignee) FROM precursor.shipment_ledger x
         WHERE x.consignee_key = w.consignee_key) AS consignee,
       s.name AS substance, wl.code AS watchlist, s.category,
       w.window_start, w.window_start + 29 AS window_end,
       w.shipments, pg_catalog.round(w.total, 3) AS total,
       pg_catalog.round(w.largest, 3) AS largest_shipment,
       s.threshold_qty AS threshold, s.threshold_unit,
       (SELECT pg_catalog.string_agg(DISTINCT x.country, ', ') FROM precursor.shipment_ledger x
         WHERE x.consignee_key = w.consignee_key AND x.substance_id = w.substance_id
           AND x.shipped_on >= w.window_start AND x.shipped_on < w.window_start + 30) AS countries
  FROM windows w
  JOIN precursor.substance s ON s.substance_id = w.substance_id
  JOIN precursor.watchlist wl ON wl.watchlist_id = s.watchlist_id
 WHERE w.total > w.threshold_base AND w.largest <= w.threshold_base AND w.shipments > 1
 ORDER BY w.consignee_key, w.substance_id, w.total DESC, w.window_start;
COMMENT ON VIEW precursor.split_shipment_candidates IS
	'Consignees who received a thresholded substance in several shipments, each at or under the threshold, that together exceed it within 30 days: the busiest window per consignee and substance (quantities in kg or l).';

-- The wording of every reason code, in one place.  The codes are defined in
-- C (trigger_reasons[], src/screen_trigger_reasons.c) and listed by
-- precursor.alert_reasons(); sql/screening_reasons fails when one has no
-- wording here.  brief: the shorter wording of the view misdeclarations.
CREATE FUNCTION precursor.alert_reasons()
	RETURNS TABLE (code text, emitted_by text, meaning text)
	LANGUAGE c STABLE PARALLEL SAFE ROWS 20
	AS 'MODULE_PATHNAME', 'precursor_alert_reasons';
COMMENT ON FUNCTION precursor.alert_reasons() IS
	'Every reason code the screening trigger writes (the rule of each object in precursor.alert.reasons), the C function that writes it and what it means.';

CREATE FUNCTION precursor.reason_wording(reason jsonb, brief boolean DEFAULT false)
	RETURNS text
	LANGUAGE sql IMMUTABLE PARALLEL SAFE
	SET search_path = pg_catalog, pg_temp
AS $$
	SELECT CASE
		  WHEN brief AND reason->>'rule' = 'cn_mismatch'
		  THEN 'declared ' || (reason->>'declared_cn') || ', the lists give '
		       || (SELECT string_agg(e, ', ') FROM jsonb_array_elements_text(reason->'expected_cn') e)
		  WHEN brief AND reason->>'rule' = 'cn_watch'
		  THEN 'declared ' || (reason->>'declared_cn') || ', a code the lists use for '
		       || (SELECT string_agg(e, '; ') FROM jsonb_array_elements_text(reason->'candidates') e)
		  ELSE CASE reason->>'rule'
		       WHEN 'name' THEN format('"%s" at characters %s-%s matches %s "%s" (%s, form %s, score %s)',
		                               reason->>'matched', reason->>'start', (reason->>'end')::int - 1,
		                               CASE WHEN reason->>'kind' = 'fuzzy' THEN 'a misspelling (distance ' || (reason->>'distance') || ') of'
		                                    WHEN reason->>'kind' = 'homoglyph' THEN 'with look-alike characters'
		                                    ELSE 'the ' || (reason->>'kind') END,
		                               reason->>'term', reason->>'kind', reason->>'form', reason->>'score')
		       WHEN 'cas' THEN format('declared CAS RN %s (column %s) is the substance''s', reason->>'casrn', reason->>'column')
		       WHEN 'cas_in_text' THEN format('the description cites CAS RN "%s"', reason->>'matched')
		       WHEN 'ec_in_text' THEN format('the description cites EC number "%s"', reason->>'matched')
		       WHEN 'cn_in_text' THEN format('the description cites CN code "%s"', reason->>'matched')
		       WHEN 'over_threshold' THEN format('%s %s is %s %s, over the threshold of %s %s',
		                                         reason->>'quantity', reason->>'unit',
		                                         round((reason->>'quantity_in_threshold_unit')::numeric, 3), reason->>'threshold_unit',
		                                         reason->>'threshold', reason->>'threshold_unit')
		                                  || coalesce(' (density ' || (reason->>'density_kg_per_l') || ' kg/l)', '')
		       WHEN 'below_threshold' THEN format('%s %s is %s %s, under the threshold of %s %s',
		                                          reason->>'quantity', reason->>'unit',
		                                          round((reason->>'quantity_in_threshold_unit')::numeric, 3), reason->>'threshold_unit',
		                                          reason->>'threshold', reason->>'threshold_unit')
		       WHEN 'cumulative' THEN format('%s shipments to %s within %s total %s %s, over the threshold of %s %s: possible split consignment',
		                                     reason->>'shipments', reason->>'consignee', reason->>'window',
		                                     round((reason->>'total_in_threshold_unit')::numeric, 3), reason->>'threshold_unit',
		                                     reason->>'threshold', reason->>'threshold_unit')
		       WHEN 'cn_mismatch' THEN format('declared CN %s does not fit the substance, whose codes are %s',
		                                      reason->>'declared_cn',
		                                      (SELECT string_agg(e, ', ') FROM jsonb_array_elements_text(reason->'expected_cn') e))
		       WHEN 'cn_watch' THEN format('declared CN %s is listed (%s%s) for %s, none of which the description names',
		                                   reason->>'declared_cn', CASE WHEN (reason->>'ex')::boolean THEN 'ex ' ELSE '' END,
		                                   reason->>'listed_cn',
		                                   (SELECT string_agg(e, '; ') FROM jsonb_array_elements_text(reason->'candidates') e))
		       WHEN 'unit_unconvertible' THEN format('%s %s cannot be compared with the threshold of %s %s: %s',
		                                             reason->>'quantity', reason->>'unit', reason->>'threshold', reason->>'threshold_unit', reason->>'why')
		       WHEN 'unit_unknown' THEN format('unit "%s" is not known; threshold %s %s', reason->>'unit', reason->>'threshold', reason->>'threshold_unit')
		       WHEN 'quantity_unknown' THEN format('no quantity declared; threshold %s %s', reason->>'threshold', reason->>'threshold_unit')
		       WHEN 'quantity_invalid' THEN format('declared quantity %s %s is not a positive finite number (threshold %s %s); not recorded for the cumulative rule',
		                                           reason->>'quantity', coalesce(reason->>'unit', ''), reason->>'threshold', reason->>'threshold_unit')
		       WHEN 'casrn_invalid' THEN format('declared CAS RN "%s" (column %s) is not a valid CAS RN', reason->>'declared', reason->>'column')
		       WHEN 'cn_invalid' THEN format('declared CN code "%s" (column %s) is not a valid CN code', reason->>'declared', reason->>'column')
		       WHEN 'inchikey' THEN format('declared InChIKey %s (column %s) is the substance''s%s', reason->>'inchikey', reason->>'column',
		                                   CASE WHEN reason->>'form' <> 'base' THEN ' (' || (reason->>'form') || ': same connectivity)' ELSE '' END)
		       WHEN 'inchikey_in_text' THEN format('the description cites InChIKey "%s"%s', reason->>'matched',
		                                           CASE WHEN reason->>'form' <> 'base' THEN ' (' || (reason->>'form') || ': same connectivity)' ELSE '' END)
		       WHEN 'inchikey_invalid' THEN format('declared InChIKey "%s" (column %s) is not a valid InChIKey', reason->>'declared', reason->>'column')
		       WHEN 'more_mentions' THEN format('%s further mentions not itemised', reason->>'count')
		       WHEN 'hits_truncated' THEN format('the description has more than %s hits (precursor.max_hits): screened only up to there', reason->>'max_hits')
		       END
	END
$$;
COMMENT ON FUNCTION precursor.reason_wording(jsonb, boolean) IS
	'One reason of an alert (an element of precursor.alert.reasons) in words, with its evidence; brief: the short wording of the CN rules used by the view misdeclarations.  NULL for a code it does not know.';

CREATE VIEW precursor.misdeclarations WITH (security_invoker = true) AS
SELECT a.alert_id, a.declared_on, a.consignee, a.country, a.substance_name AS substance,
       a.category, a.declared_cn, r->>'rule' AS rule,
       precursor.reason_wording(r, true) AS detail,
       a.score, a.status
  FROM precursor.alert a, pg_catalog.jsonb_array_elements(a.reasons) r
 WHERE r->>'rule' IN ('cn_mismatch', 'cn_watch');
COMMENT ON VIEW precursor.misdeclarations IS
	'Alerts whose declared CN code does not fit the substance named (cn_mismatch) or is a code the lists use for scheduled substances none of which the description names (cn_watch).';

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

CREATE FUNCTION precursor.explain_alert(alert_id bigint)
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
		       coalesce(precursor.reason_wording(r.r), r.r::text), r.ord
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

-- ---------------------------------------------------------------------------
-- Privileges.  PUBLIC: nothing on alerts, nor the screening trigger.
-- Readers read alerts, reports and registrations, and may create screening
-- triggers (alert mode only once a manager registered them); analysts also
-- review (only through review_alert).  Nobody is granted INSERT, UPDATE or
-- DELETE: the trigger writes as the tables' owner.
-- ---------------------------------------------------------------------------
REVOKE ALL ON precursor.alert, precursor.alert_review, precursor.shipment_ledger,
	precursor.alerts_by_substance, precursor.alerts_by_category, precursor.alerts_by_country,
	precursor.alerts_by_party, precursor.alerts_by_period, precursor.split_shipment_candidates,
	precursor.misdeclarations FROM PUBLIC;
REVOKE ALL ON SEQUENCE precursor.alert_alert_id_seq FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.review_alert(bigint, text, text) FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.explain_alert(bigint) FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.top_parties(integer, date, date) FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.alert_guard() FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.alert_review_append_only() FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.screen_trigger_created() FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.screen_table_dropped() FROM PUBLIC;
-- Screening (like screen()) is for roles that may read the lists.
REVOKE ALL ON FUNCTION precursor.screen_trigger() FROM PUBLIC;
REVOKE ALL ON FUNCTION precursor.attach_screening(regclass, text[]) FROM PUBLIC;
REVOKE ALL ON precursor.screened_table, precursor.shipment_ledger_lock FROM PUBLIC;

GRANT SELECT ON precursor.alert, precursor.alert_review, precursor.shipment_ledger,
	precursor.alerts_by_substance, precursor.alerts_by_category, precursor.alerts_by_country,
	precursor.alerts_by_party, precursor.alerts_by_period, precursor.split_shipment_candidates,
	precursor.misdeclarations TO precursor_reader;
GRANT EXECUTE ON FUNCTION precursor.explain_alert(bigint),
	precursor.top_parties(integer, date, date) TO precursor_reader;
GRANT EXECUTE ON FUNCTION precursor.review_alert(bigint, text, text) TO precursor_analyst;
GRANT EXECUTE ON FUNCTION precursor.screen_trigger(),
	precursor.attach_screening(regclass, text[]) TO precursor_reader;
GRANT SELECT ON precursor.screened_table TO precursor_reader;
