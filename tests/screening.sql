-- pgTAP: the screening objects, their volatility and privileges, and the
-- trigger's behaviour in each mode (inside a transaction that rolls back).
BEGIN;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS precursor;
SELECT plan(27);

SELECT has_table('precursor', 'alert', 'alert table');
SELECT has_table('precursor', 'alert_review', 'review history table');
SELECT has_table('precursor', 'shipment_ledger', 'shipment ledger');
SELECT has_role('precursor_analyst', 'analyst role');
SELECT is_member_of('precursor_reader', 'precursor_analyst', 'analysts are readers');
SELECT function_returns('precursor', 'screen_trigger', ARRAY[]::text[], 'trigger', 'screen_trigger is a trigger function');
SELECT is_definer('precursor', 'review_alert', ARRAY['bigint', 'text', 'text'], 'review_alert is SECURITY DEFINER');
SELECT volatility_is('precursor', 'explain_alert', ARRAY['bigint'], 'stable', 'explain_alert is STABLE');
SELECT volatility_is('precursor', 'top_parties', ARRAY['integer', 'date', 'date'], 'stable', 'top_parties is STABLE');
SELECT ok(NOT has_function_privilege('public', 'precursor.review_alert(bigint,text,text)', 'EXECUTE'),
          'PUBLIC cannot review');
SELECT ok(has_function_privilege('precursor_analyst', 'precursor.review_alert(bigint,text,text)', 'EXECUTE'),
          'analysts can review');
SELECT ok(has_table_privilege('precursor_reader', 'precursor.alert', 'SELECT'), 'readers read alerts');
SELECT ok(NOT has_table_privilege('precursor_analyst', 'precursor.alert', 'UPDATE'), 'analysts cannot UPDATE alerts');
SELECT ok(NOT has_table_privilege('public', 'precursor.alert', 'SELECT'), 'PUBLIC cannot read alerts');
SELECT is(ARRAY(SELECT c::regclass::text FROM pg_extension e, unnest(e.extconfig) c
                 WHERE e.extname = 'precursor'
                   AND c::regclass::text IN ('precursor.alert', 'precursor.alert_alert_id_seq',
                                             'precursor.alert_review', 'precursor.alert_review_review_id_seq',
                                             'precursor.shipment_ledger')
                 ORDER BY 1),
          ARRAY['precursor.alert', 'precursor.alert_alert_id_seq', 'precursor.alert_review',
                'precursor.alert_review_review_id_seq', 'precursor.shipment_ledger'],
          'pg_dump keeps the alert tables and their sequences');

CREATE TABLE tap_decl (id int, goods text, cn text, qty numeric, unit text, buyer text, hits jsonb);
SELECT lives_ok($$SELECT precursor.attach_screening('tap_decl', 'description=goods', 'cn=cn',
	'quantity=qty', 'unit=unit', 'consignee=buyer', 'key=id', 'annotate=hits', 'mode=alert,annotate')$$,
	'attach_screening creates a valid trigger');
SELECT is((SELECT array_to_string(array_remove(string_to_array(encode(tgargs, 'escape'), '\000'), ''), ' ')
               FROM pg_trigger WHERE tgrelid = 'tap_decl'::regclass AND tgname = 'precursor_screen'),
          'description=goods cn=cn quantity=qty unit=unit consignee=buyer key=id annotate=hits mode=alert,annotate',
          'the trigger carries the arguments given to attach_screening');
INSERT INTO tap_decl (id, goods, cn, qty, unit, buyer) VALUES
	(1, 'Phenylacetone', '3824 99 92', 1, 'kg', 'B1'),
	(2, 'Olive oil', '1509 20 00', 1, 'l', 'B1'),
	(3, 'Toluene', '2902 30 00', 10, 'kg', 'B2');
SELECT is((SELECT count(*)::int FROM precursor.alert WHERE source_table = 'public.tap_decl'), 1,
          'one alert: the Category 1 name; toluene under its threshold is not alerted');
SELECT is((SELECT jsonb_path_query_array(reasons, '$[*].rule') FROM precursor.alert
            WHERE source_table = 'public.tap_decl' AND row_key = '1'),
          '["name", "cn_mismatch"]'::jsonb, 'the alert gives the name and the CN misdeclaration');
SELECT is((SELECT hits FROM tap_decl WHERE id = 2), '[]'::jsonb, 'annotate writes [] when nothing is found');
SELECT is((SELECT hits->0->>'alert' FROM tap_decl WHERE id = 3), 'false', 'annotate records the unalerted finding');
SELECT is((SELECT goods || qty || unit FROM tap_decl WHERE id = 1), 'Phenylacetone1kg', 'the row is otherwise unchanged');
SELECT throws_ok($$CREATE TRIGGER t2 BEFORE INSERT ON tap_decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=nope')$$, '42703', NULL,
	'a missing column fails at CREATE TRIGGER time');
SELECT throws_ok($$CREATE TRIGGER t2 BEFORE INSERT ON tap_decl FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'quantity=buyer')$$, '42804', NULL,
	'a wrong type fails at CREATE TRIGGER time');
CREATE TABLE tap_rej (id int, goods text);
CREATE TRIGGER r BEFORE INSERT ON tap_rej FOR EACH ROW
	EXECUTE FUNCTION precursor.screen_trigger('description=goods', 'mode=reject');
SELECT throws_ok($$INSERT INTO tap_rej VALUES (1, 'ephedrine')$$, 'PR001', NULL, 'reject mode raises PR001');
SELECT lives_ok($$INSERT INTO tap_rej VALUES (2, 'toluene')$$, 'reject mode passes other categories');
SELECT is((SELECT array_agg(id ORDER BY id) FROM tap_rej), ARRAY[2], 'the passed row is stored, the rejected one is not');

SELECT * FROM finish();
ROLLBACK;
