-- The demo report: what the screening trigger found in the declarations,
-- in the words of a regulator.  Run by demo/run.sh (psql variable elapsed =
-- seconds the load took).
\pset footer off
\pset null ''
SET client_min_messages = warning;

\echo
\echo '1. OVERVIEW'
SELECT (SELECT count(*) FROM declaration) AS "declarations screened",
       :'elapsed' || ' s' AS "load time (COPY + trigger)",
       (SELECT count(*) FROM precursor.alert) AS alerts,
       (SELECT count(DISTINCT row_key) FROM precursor.alert) AS "declarations with an alert",
       (SELECT count(*) FROM precursor.alert WHERE category IN ('1', 'Table I')) AS "Category 1 / Table I",
       (SELECT count(*) FROM precursor.alert WHERE score >= 0.8) AS "high score (>= 0.8)";

\echo
\echo '2. ALERTS BY CATEGORY (primary list entry)'
SELECT watchlist AS list, category, alerts, substances FROM precursor.alerts_by_category
 ORDER BY alerts DESC, list, category;

\echo
\echo '3. PLANTED DIVERSIONS: did the trigger catch them?'
SELECT t.planted AS "planted as",
       count(*) AS planted,
       count(*) FILTER (WHERE EXISTS (SELECT FROM precursor.alert a WHERE a.row_key = t.decl_id::text)) AS "with an alert",
       CASE WHEN t.planted LIKE 'probe%' THEN 'should be 0'
            WHEN t.planted = 'split shipment' THEN 'the first shipment of a series is legitimately alone'
            ELSE '' END AS note
  FROM demo_truth t GROUP BY t.planted ORDER BY t.planted;

\echo
\echo '4. TOP ALERTS, with the evidence (at most two per substance)'
SELECT a.row_key AS decl, a.score, a.substance_name AS substance, a.category AS cat,
       left(a.description, 40) AS "goods description",
       (SELECT string_agg(CASE r->>'rule'
                            WHEN 'name' THEN r->>'kind' || ' "' || (r->>'matched') || '"'
                            WHEN 'cas' THEN 'CAS ' || (r->>'casrn')
                            WHEN 'cn_mismatch' THEN 'CN ' || (r->>'declared_cn') || ' does not fit'
                            WHEN 'cn_watch' THEN 'CN ' || (r->>'declared_cn') || ' is a listed code'
                            WHEN 'over_threshold' THEN 'over threshold (' || (r->>'quantity') || ' ' || (r->>'unit') || ')'
                            WHEN 'cumulative' THEN 'split: ' || (r->>'shipments') || ' shipments, '
                                                   || round((r->>'total_in_threshold_unit')::numeric, 1) || ' ' || (r->>'threshold_unit')
                            ELSE r->>'rule' END, '; ')
          FROM jsonb_array_elements(a.reasons) r WHERE r->>'rule' <> 'below_threshold') AS why
  FROM (SELECT x.*, row_number() OVER (PARTITION BY x.substance_name ORDER BY x.score DESC, x.alert_id) AS n
          FROM precursor.alert x) a
 WHERE a.n <= 2
 ORDER BY a.score DESC, a.alert_id
 LIMIT 15;

\echo
\echo '5. SPLIT SHIPMENT CANDIDATES: each shipment under the threshold, together over it within 30 days'
SELECT consignee, substance, category AS cat, window_start AS "from", shipments,
       total || ' ' || threshold_unit AS total, threshold || ' ' || threshold_unit AS threshold,
       countries
  FROM precursor.split_shipment_candidates
 ORDER BY total / threshold DESC
 LIMIT 15;

\echo
\echo '6. MISDECLARED AND CONCEALING CN CODES'
SELECT rule, count(*) AS alerts FROM precursor.misdeclarations GROUP BY rule ORDER BY rule;
SELECT DISTINCT ON (substance, rule) substance, rule, detail
  FROM precursor.misdeclarations
 ORDER BY substance, rule, score DESC
 LIMIT 12;

\echo
\echo '7. TOP PARTIES (sum of alert scores)'
SELECT party, role, alerts, category_1 AS "cat 1", total_score AS score,
       array_to_string(reasons, ', ') AS rules
  FROM precursor.top_parties(8);

\echo
\echo '8. ONE ALERT IN FULL: precursor.explain_alert()'
SELECT step, topic, detail
  FROM precursor.explain_alert((SELECT alert_id FROM precursor.alert a
                                 WHERE EXISTS (SELECT FROM jsonb_array_elements(a.reasons) r
                                                WHERE r->>'rule' = 'cn_mismatch')
                                 ORDER BY score DESC, alert_id LIMIT 1));

\echo
\echo '9. REVIEW: an analyst escalates it (only through precursor.review_alert)'
DO $$
BEGIN
	IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'demo_analyst') THEN
		CREATE ROLE demo_analyst NOLOGIN;
	END IF;
END $$;
GRANT precursor_analyst TO demo_analyst;
SET ROLE demo_analyst;
SELECT alert_id, status, reviewed_by, review_note
  FROM precursor.review_alert((SELECT alert_id FROM precursor.alert a
                                WHERE EXISTS (SELECT FROM jsonb_array_elements(a.reasons) r
                                               WHERE r->>'rule' = 'cn_mismatch')
                                ORDER BY score DESC, alert_id LIMIT 1),
                              'escalated', 'Named substance under a foreign CN code: refer to customs investigation');
\set ON_ERROR_STOP 0
\echo 'and cannot rewrite it directly:'
UPDATE precursor.alert SET status = 'cleared' WHERE alert_id = 1;
\set ON_ERROR_STOP 1
RESET ROLE;
