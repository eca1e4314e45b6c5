# Shared by the dump/restore and upgrade tests: a database in use, and what
# must survive.  Source it; needs q() (psql -qXAt on database $1).

# fill_database <db>: a user watchlist with substances, CN codes and
# synonyms, a synonym of a shipped substance, a declarations table with a
# screening trigger, alerts, a review and shipment ledger rows.  Unqualified
# type names: works whether the types are in public (1.1) or precursor (1.0).
fill_database() {
	psql -qX -v ON_ERROR_STOP=1 -d "$1" >/dev/null <<'SQL'
SET search_path = public, precursor;
INSERT INTO precursor.watchlist (code, name, regime, source_url)
VALUES ('XX-national', 'National list', 'national', 'https://example.org/national');
INSERT INTO precursor.substance (watchlist_id, name, category, casrn, threshold_qty, threshold_unit,
                                 source_url, source_act)
SELECT watchlist_id, v.name, v.category, v.casrn::casrn, v.qty, v.unit, 'https://example.org/national', 'Decree 1/2025'
  FROM precursor.watchlist, (VALUES ('Gamma-butyrolactone', 'A', '96-48-0', 10, 'kg'),
                                    ('Glycidic ester X', 'B', NULL, NULL, NULL)) AS v(name, category, casrn, qty, unit)
 WHERE code = 'XX-national';
INSERT INTO precursor.substance_cn (substance_id, cn_code, ex)
SELECT substance_id, '2932 20 90', true FROM precursor.substance WHERE name = 'Gamma-butyrolactone';
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT substance_id, 'GBL', 'en', 'abbreviation' FROM precursor.substance WHERE name = 'Gamma-butyrolactone';
INSERT INTO precursor.synonym (substance_id, name, lang, kind) VALUES (1, 'P2P (test synonym)', 'en', 'other');

CREATE TABLE public.decl (id int PRIMARY KEY, goods text, cas casrn, cn cncode, qty numeric, unit text,
                          buyer text, day date);
SELECT precursor.attach_screening('public.decl', 'description=goods', 'casrn=cas', 'cn=cn',
                                  'quantity=qty', 'unit=unit', 'consignee=buyer', 'date=day', 'key=id');
INSERT INTO public.decl VALUES
  (1, 'GBL solvent', NULL, '2932 20 90', 8, 'kg', 'ACME Ltd', '2025-01-10'),
  (2, 'Gamma-butyrolactone', '96-48-0', '2932 20 90', 6, 'kg', 'ACME Ltd', '2025-01-20'),
  (3, 'Phenylacetone', NULL, '2914 31 00', 5, 'kg', 'Other plc', '2025-01-21'),
  (4, 'Olive oil', NULL, '1509 20 00', 500, 'kg', 'Grocer', '2025-01-22');
SELECT precursor.review_alert(min(alert_id), 'escalated', 'new customer') FROM precursor.alert;
SQL
}

# What must come back, as one line per aspect.
state() {
	q "$1" "SELECT 'lists ' || string_agg(code || ':' || name, ',' ORDER BY code) FROM precursor.watchlist WHERE NOT builtin"
	q "$1" "SELECT 'substances ' || string_agg(substance_id || ':' || name || ':' || coalesce(casrn::text, '-'), ',' ORDER BY substance_id) FROM precursor.substance WHERE NOT builtin"
	q "$1" "SELECT 'cn ' || string_agg(substance_id || ':' || cn_code, ',' ORDER BY substance_id, cn_code) FROM precursor.substance_cn WHERE NOT builtin"
	q "$1" "SELECT 'synonyms ' || string_agg(synonym_id || ':' || name, ',' ORDER BY synonym_id) FROM precursor.synonym WHERE NOT builtin"
	q "$1" "SELECT 'shipped ' || (SELECT count(*) FROM precursor.substance WHERE builtin) || ' ' || (SELECT count(*) FROM precursor.synonym WHERE builtin)"
	q "$1" "SELECT 'alerts ' || count(*) || ' ' || md5(string_agg(alert_id || row_key || substance_name || status || score, ',' ORDER BY alert_id)) FROM precursor.alert"
	q "$1" "SELECT 'reviews ' || string_agg(review_id || ':' || alert_id || ':' || to_status || ':' || note, ',' ORDER BY review_id) FROM precursor.alert_review"
	q "$1" "SELECT 'ledger ' || string_agg(row_key || ':' || substance_id || ':' || quantity || unit, ',' ORDER BY row_key) FROM precursor.shipment_ledger"
	q "$1" "SELECT 'audit ' || count(*) || ' ' || md5(string_agg(audit_id::text, ',' ORDER BY audit_id)) FROM precursor.watchlist_audit"
	q "$1" "SELECT 'triggers ' || string_agg(tgname || ':' || pg_get_triggerdef(t.oid), ',') FROM pg_trigger t WHERE tgrelid = 'public.decl'::regclass AND NOT tgisinternal"
	q "$1" "SELECT 'sequences ' || (SELECT last_value FROM precursor.watchlist_watchlist_id_seq) || ' ' || (SELECT last_value FROM precursor.substance_substance_id_seq) || ' ' || (SELECT last_value FROM precursor.synonym_synonym_id_seq) || ' ' || (SELECT last_value FROM precursor.alert_alert_id_seq)"
}
# works <db>: after a restore or an upgrade the database still works: the
# trigger screens new rows, new alert ids follow the old ones, the audit
# records new edits and the cumulative (split shipment) rule sees the old
# ledger.  Prints "1 true 1 N" with N >= 1.
works() {
	psql -qX -v ON_ERROR_STOP=1 -d "$1" >/dev/null <<'SQL'
INSERT INTO public.decl VALUES (5, 'GBL', NULL, '2932 20 90', 3, 'kg', 'ACME Ltd', '2025-01-25');
INSERT INTO precursor.synonym (substance_id, name, lang, kind)
SELECT substance_id, 'Butyrolacton', 'de', 'translation' FROM precursor.substance WHERE name = 'Gamma-butyrolactone';
SQL
	q "$1" "SELECT (SELECT count(*) FROM precursor.alert WHERE row_key = '5') || ' '
	        || ((SELECT min(alert_id) FROM precursor.alert WHERE row_key = '5') > (SELECT max(alert_id) FROM precursor.alert WHERE row_key <> '5'))
	        || ' ' || (SELECT count(*) FROM precursor.watchlist_audit WHERE after ->> 'name' = 'Butyrolacton')
	        || ' ' || (SELECT count(*) FROM precursor.alert a, jsonb_array_elements(a.reasons) r WHERE a.row_key = '5' AND r ->> 'rule' = 'cumulative')"
}

