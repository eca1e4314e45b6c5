/*
 * precursor 1.1 -> 1.2: upgrade script.
 *
 * Keeps every row and every screening trigger.  Each step below names what
 * it changes; tests/integration/upgrade_from_older.sh installs 1.0 and 1.1,
 * fills them, updates them to 1.2 and compares the member objects and their
 * definitions with a fresh 1.2 install.
 */

-- complain if script is sourced in psql, rather than via ALTER EXTENSION
\echo Use "ALTER EXTENSION precursor UPDATE TO '1.2'" to load this file. \quit

-- Reason codes defined once (issue 12): precursor.alert_reasons() lists the
-- codes the trigger writes, precursor.reason_wording() words them for
-- explain_alert() and the view misdeclarations.
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
		       WHEN 'more_mentions' THEN format('%s further mentions not itemised', reason->>'count')
		       WHEN 'hits_truncated' THEN format('the description has more than %s hits (precursor.max_hits): screened only up to there', reason->>'max_hits')
		       END
	END
$$;
COMMENT ON FUNCTION precursor.reason_wording(jsonb, boolean) IS
	'One reason of an alert (an element of precursor.alert.reasons) in words, with its evidence; brief: the short wording of the CN rules used by the view misdeclarations.  NULL for a code it does not know.';

CREATE OR REPLACE VIEW precursor.misdeclarations WITH (security_invoker = true) AS
SELECT a.alert_id, a.declared_on, a.consignee, a.country, a.substance_name AS substance,
       a.category, a.declared_cn, r->>'rule' AS rule,
       precursor.reason_wording(r, true) AS detail,
       a.score, a.status
  FROM precursor.alert a, pg_catalog.jsonb_array_elements(a.reasons) r
 WHERE r->>'rule' IN ('cn_mismatch', 'cn_watch');

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

-- Trigger arguments (issue 12): precursor.screen_trigger_arguments() lists
-- trigger_args[]; the trigger's COMMENT is derived from it.
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
