-- The reports with their whole content and ordering, on a small data set in
-- a database of its own (the report views read every alert of a database,
-- and other test files leave theirs behind).
\set regress_db :DBNAME
SET client_min_messages = warning;
DROP DATABASE IF EXISTS precursor_reports;
CREATE DATABASE precursor_reports TEMPLATE template0 ENCODING 'UTF8' LOCALE 'C.UTF-8';
RESET client_min_messages;
\c precursor_reports
SET client_min_messages = warning;
CREATE EXTENSION precursor;
RESET client_min_messages;
SET search_path = public;

CREATE TABLE decl (id int PRIMARY KEY, day date, buyer text, seller text, country text,
                   goods text, cn text, qty numeric, unit text);
SELECT precursor.attach_screening('decl', 'description=goods', 'cn=cn', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'consignor=seller', 'country=country', 'date=day', 'key=id') IS NOT NULL AS attached;

-- Three months, three countries, four parties:
--   Acme (NL): permanganate split over three shipments in March (cumulative),
--              safrole under a perfume-oil code in April (cn_mismatch)
--   Blue (DE): ephedrine in January, safrole in April
--   Cyan (FR): acetone over its threshold in January, then nothing named
--   Dull (BE): olive oil only, never alerted
-- Sellers: Seller X ships for Acme and Blue, Seller Y for Cyan.
INSERT INTO decl VALUES
	(1, '2025-01-10', 'Blue GmbH', 'Seller X', 'DE', 'Ephedrine hydrochloride', '2939 41 00', 2, 'kg'),
	(2, '2025-01-20', 'Cyan SA', 'Seller Y', 'FR', 'acetone', '2914 11 00', 80, 'kg'),
	(3, '2025-03-01', 'Acme BV', 'Seller X', 'NL', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(4, '2025-03-09', 'Acme BV', 'Seller X', 'NL', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(5, '2025-03-20', 'Acme BV', 'Seller X', 'NL', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(6, '2025-04-02', 'Acme BV', 'Seller X', 'NL', 'Safrol 99%, Duftstoff', '3301 29 00', 5, 'l'),
	(7, '2025-04-05', 'Blue GmbH', NULL, 'DE', 'safrole', '2932 94 00', 1, 'l'),
	(8, '2025-04-07', 'Dull NV', 'Seller Y', 'BE', 'olive oil', '1509 20 00', 900, 'kg'),
	(9, '2025-04-08', 'Cyan SA', 'Seller Y', 'FR', 'acetone', '2914 11 00', 10, 'kg');

-- the alerts behind the reports
SELECT alert_id, row_key, substance_name, watchlist_code, category, round(score::numeric, 3) AS score,
       consignee, consignor, country, declared_on,
       jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert ORDER BY alert_id;

-- two reviews: the ephedrine alert escalated, the acetone alert cleared
CREATE ROLE regress_reports_analyst;
GRANT precursor_analyst TO regress_reports_analyst;
SET ROLE regress_reports_analyst;
SELECT alert_id, status FROM precursor.review_alert(
	(SELECT alert_id FROM precursor.alert WHERE row_key = '1'), 'escalated', 'refer to customs');
SELECT alert_id, status FROM precursor.review_alert(
	(SELECT alert_id FROM precursor.alert WHERE row_key = '2'), 'cleared', 'licensed solvent user');
RESET ROLE;

-- every report, all rows, in a stated order
SELECT * FROM precursor.alerts_by_substance ORDER BY substance, watchlist;
SELECT * FROM precursor.alerts_by_category ORDER BY watchlist, category;
SELECT * FROM precursor.alerts_by_country ORDER BY country;
SELECT * FROM precursor.alerts_by_party ORDER BY role, party;
SELECT * FROM precursor.alerts_by_period ORDER BY month;

-- top_parties: ordered by total score, then alert count, then name; n cuts
-- the list; since is inclusive and until exclusive (declaration dates)
SELECT * FROM precursor.top_parties();
SELECT * FROM precursor.top_parties(2);
SELECT * FROM precursor.top_parties(10, '2025-03-01');
SELECT * FROM precursor.top_parties(10, NULL, '2025-03-01');
SELECT * FROM precursor.top_parties(10, '2025-03-09', '2025-04-05');
SELECT * FROM precursor.top_parties(0);

-- the rows come in the order of the ranking (total score, then alerts,
-- then party), and the reasons are those of the period only
SELECT array_agg(party ORDER BY ord) = array_agg(party ORDER BY total_score DESC, alerts DESC, party)
       AS ranked
  FROM precursor.top_parties(100) WITH ORDINALITY t(party, role, alerts, category_1, substances,
                                                     total_score, reasons, ord);

-- split shipments: one row per consignee and substance, the 30-day window
-- (from a shipment's day to 29 days later) with the largest total over the
-- threshold among windows whose every shipment is at or under it.  Echo's
-- May window holds 120 kg, its window from 25 June 160 kg; the windows
-- that reach the 150 kg shipment of 1 August do not count.
INSERT INTO decl VALUES
	(20, '2025-05-01', 'Echo SARL', NULL, 'FR', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(21, '2025-05-10', 'Echo SARL', NULL, 'FR', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(22, '2025-05-20', 'Echo SARL', NULL, 'FR', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(23, '2025-06-25', 'Echo SARL', NULL, 'FR', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(24, '2025-07-01', 'Echo SARL', NULL, 'FR', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(25, '2025-07-05', 'Echo SARL', NULL, 'FR', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(26, '2025-07-10', 'Echo SARL', NULL, 'FR', 'potassium permanganate', '2841 61 00', 40, 'kg'),
	(27, '2025-08-01', 'Echo SARL', NULL, 'FR', 'potassium permanganate', '2841 61 00', 150, 'kg');
SELECT consignee, substance, category, window_start, window_end, shipments, total, largest_shipment,
       threshold, threshold_unit, countries
  FROM precursor.split_shipment_candidates ORDER BY consignee, substance;
-- the trigger saw each split as it happened
SELECT row_key, declared_on,
       (SELECT r->>'total_in_threshold_unit' FROM jsonb_array_elements(reasons) r
         WHERE r->>'rule' = 'cumulative') AS cumulative_total,
       jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert WHERE consignee = 'Echo SARL' ORDER BY alert_id;

-- misdeclarations
SELECT a.row_key, m.substance, m.declared_cn, m.rule, m.detail
  FROM precursor.misdeclarations m JOIN precursor.alert a USING (alert_id)
 ORDER BY alert_id, m.rule;

\c :regress_db
DROP DATABASE precursor_reports;
DROP ROLE regress_reports_analyst;
