SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- Reason codes are defined once, in C (trigger_reasons[],
-- src/screen_trigger_reasons.c), listed by precursor.alert_reasons() and
-- worded by precursor.reason_wording().  This test fails when a code has no
-- wording, when the wording names a code the trigger never writes, and when
-- the trigger writes a code that is not in the table.
CREATE SCHEMA screening_reasons;
SET search_path = screening_reasons, public;

-- the codes, in the table's order
SELECT code, emitted_by FROM precursor.alert_reasons();
SELECT count(*) = count(DISTINCT code) AS codes_unique FROM precursor.alert_reasons();

-- every code has a wording (in both forms), and a non-empty meaning
SELECT code AS code_without_wording
  FROM precursor.alert_reasons(),
       LATERAL (SELECT jsonb_build_object('rule', code, 'declared_cn', '2915 24 00',
                                          'expected_cn', jsonb_build_array('2915 24 00'),
                                          'candidates', jsonb_build_array('x'))) AS e(evidence)
 WHERE precursor.reason_wording(e.evidence) IS NULL
    OR precursor.reason_wording(e.evidence, true) IS NULL
    OR meaning = '';

-- every code the wording knows is one the trigger writes
SELECT m[1] AS worded_but_not_written
  FROM regexp_matches(pg_get_functiondef('precursor.reason_wording(jsonb,boolean)'::regprocedure),
                      $$WHEN '([a-z_]+)' THEN$$, 'g') AS m
EXCEPT SELECT code FROM precursor.alert_reasons();
SELECT count(*) AS worded_codes
  FROM regexp_matches(pg_get_functiondef('precursor.reason_wording(jsonb,boolean)'::regprocedure),
                      $$WHEN '([a-z_]+)' THEN$$, 'g');

-- an unknown code has no wording: explain_alert() shows its JSON instead
SELECT precursor.reason_wording('{"rule": "no_such_rule"}') IS NULL AS unknown_is_null;

-- the codes the trigger writes on rows that fire most rules are all in the table
CREATE TABLE decl (id int, goods text, cas text, cn text, qty numeric, unit text,
                   consignee text, findings jsonb);
CREATE TRIGGER screen BEFORE INSERT ON decl FOR EACH ROW
  EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'casrn=cas', 'cn=cn',
    'quantity=qty', 'unit=unit', 'consignee=consignee', 'key=id',
    'annotate=findings', 'mode=annotate', 'below_threshold=alert');
INSERT INTO decl VALUES
  (1, 'acetic anhydride', '108-24-7', '2915 24 00', 500, 'l', 'A'),
  (2, 'acetic anhydride', '108-24-7', '2915 24 00', 1, 'l', 'A'),
  (3, 'potassium permanganate', NULL, '2841 90 00', 10, 'furlongs', 'B'),
  (4, 'potassium permanganate 7722-64-7', '7722-64-7', NULL, NULL, NULL, 'B'),
  (5, 'safrol', 'not-a-cas', 'nope', -1, 'kg', 'C'),
  (6, 'cotton shirts', NULL, '2915 24 00', 5, 'kg', 'D'),
  (7, 'acetone', NULL, NULL, 5, 'kg', 'E');
SELECT DISTINCT r->>'rule' AS written_but_not_listed
  FROM decl, jsonb_array_elements(findings) f, jsonb_array_elements(f->'reasons') r
EXCEPT SELECT code FROM precursor.alert_reasons();
SELECT count(DISTINCT r->>'rule') > 5 AS several_rules_fired
  FROM decl, jsonb_array_elements(findings) f, jsonb_array_elements(f->'reasons') r;
-- and each is worded
SELECT DISTINCT r->>'rule' AS rule, precursor.reason_wording(r) IS NOT NULL AS worded
  FROM decl, jsonb_array_elements(findings) f, jsonb_array_elements(f->'reasons') r
 ORDER BY 1;

DROP SCHEMA screening_reasons CASCADE;
