SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- The rules beyond name matching: quantity against threshold with unit
-- conversion (mass, volume, density), cumulative quantities per consignee
-- (split consignments), CN misdeclaration and CN codes on the lists, and the
-- declared CAS RN.
CREATE SCHEMA screening_rules;
SET search_path = screening_rules, public;

-- A user list with a thresholded substance that has a density, to test
-- conversion between mass and volume on a list of one's own (the shipped
-- lists carry the densities of data/densities.csv).
INSERT INTO precursor.watchlist (code, name, regime)
VALUES ('screening-rules-test', 'screening_rules test list', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, threshold_qty, threshold_unit,
                                 density_kg_per_l, source_url, source_act)
SELECT watchlist_id, 'Zylophorane', 'watch', 10, 'l', 1.5, 'https://example.org/test', 'test act'
  FROM precursor.watchlist WHERE code = 'screening-rules-test';
INSERT INTO precursor.substance_cn (substance_id, cn_code)
SELECT substance_id, '2909 19 90' FROM precursor.substance WHERE name = 'Zylophorane';

CREATE TABLE decl (id int, goods text, cas text, cn text, qty numeric, unit text,
                   buyer text, day date);
SELECT precursor.attach_screening('decl', 'description=goods', 'casrn=cas', 'cn=cn',
	'quantity=qty', 'unit=unit', 'consignee=buyer', 'date=day', 'key=id',
	'window=30 days') IS NOT NULL AS attached;

-- what each row raised: rules and the quantity evidence
CREATE VIEW raised AS
SELECT a.row_key::int AS id, a.substance_name AS substance, a.score,
       jsonb_path_query_array(a.reasons, '$[*].rule') AS rules,
       (SELECT r - 'rule' FROM jsonb_array_elements(a.reasons) r
         WHERE r->>'rule' IN ('over_threshold', 'unit_unconvertible', 'unit_unknown', 'cumulative',
                              'cn_mismatch', 'cn_watch', 'quantity_unknown')
         ORDER BY r->>'rule' DESC LIMIT 1) AS evidence
  FROM precursor.alert a WHERE a.source_table = 'screening_rules.decl';

-- quantity vs threshold (acetone: 50 kg, Category 3; potassium permanganate: 100 kg)
INSERT INTO decl VALUES
	(1, 'Acetone', NULL, '2914 11 00', 40, 'kg', 'A1', '2025-01-01'),      -- under: no alert
	(2, 'Acetone', NULL, '2914 11 00', 0.06, 't', 'A2', '2025-01-01'),     -- 60 kg: over
	(3, 'Acetone', NULL, '2914 11 00', 49000, 'g', 'A3', '2025-01-01'),    -- 49 kg: under
	(4, 'Acetone', NULL, '2914 11 00', 70, 'l', 'A4', '2025-01-01'),       -- 55.3 kg (0.79 kg/l): over
	(5, 'Acetone', NULL, '2914 11 00', 60, 'barrels', 'A5', '2025-01-01'), -- unknown unit
	(6, 'Acetone', NULL, '2914 11 00', NULL, NULL, 'A6', '2025-01-01'),    -- no quantity
	(7, 'Zylophorane', NULL, '2909 19 90', 12, 'kg', 'Z1', '2025-01-01'),   -- 8 l: under
	(8, 'Zylophorane', NULL, '2909 19 90', 18, 'kg', 'Z2', '2025-01-01'),   -- 12 l: over
	(9, 'Zylophorane', NULL, '2909 19 90', 9000, 'ml', 'Z3', '2025-01-01'); -- 9 l: under
-- shipped densities: acetic anhydride's threshold is 100 l (Reg 273/2004
-- Annex II), declarations give kilograms; a solid has no density
INSERT INTO decl VALUES
	(10, 'Acetic anhydride', NULL, '2915 24 00', 120, 'kg', 'AA1', '2025-01-01'), -- 111.1 l: over
	(11, 'Acetic anhydride', NULL, '2915 24 00', 100, 'kg', 'AA2', '2025-01-01'), -- 92.6 l: under
	(12, 'Potassium permanganate', NULL, '2841 61 00', 60, 'l', 'K1', '2025-01-01'); -- unconvertible
SELECT * FROM raised WHERE id < 20 ORDER BY id;

-- split consignments: each under 100 kg, together over it within 30 days
INSERT INTO decl VALUES
	(20, 'Potassium permanganate', NULL, '2841 61 00', 40, 'kg', 'Split Co', '2025-02-01'),
	(21, 'Potassium permanganate', NULL, '2841 61 00', 40, 'kg', ' split  co ', '2025-02-10'),
	(22, 'Potassium permanganate', NULL, '2841 61 00', 40, 'kg', 'SPLIT CO', '2025-02-20'),
	(23, 'Potassium permanganate', NULL, '2841 61 00', 40, 'kg', 'Split Co', '2025-05-01'), -- window passed
	(24, 'Potassium permanganate', NULL, '2841 61 00', 40, 'kg', 'Other Co', '2025-02-20');
SELECT * FROM raised WHERE id BETWEEN 20 AND 29 ORDER BY id;
SELECT consignee_key, count(*), sum(quantity), min(unit) FROM precursor.shipment_ledger
 WHERE source_table = 'screening_rules.decl' GROUP BY 1 ORDER BY 1;
SELECT consignee, substance, category, window_start, shipments, total, largest_shipment,
       threshold, threshold_unit
  FROM precursor.split_shipment_candidates WHERE consignee ILIKE '%split%';

-- an UPDATE replaces the row's ledger entry
UPDATE decl SET qty = 5 WHERE id = 22;
SELECT row_key, quantity FROM precursor.shipment_ledger
 WHERE source_table = 'screening_rules.decl' AND row_key = '22';

-- the shipments a transaction knows: a shipment rolled back with its
-- savepoint does not count (60 + 30 + 20 = 110 kg over three shipments,
-- not 60 + 30 + 30 + 20), and shipments of one statement add up
BEGIN;
INSERT INTO decl VALUES
	(40, 'Potassium permanganate', NULL, '2841 61 00', 60, 'kg', 'Savepoint Co', '2025-06-01');
SAVEPOINT s;
INSERT INTO decl VALUES
	(41, 'Potassium permanganate', NULL, '2841 61 00', 30, 'kg', 'Savepoint Co', '2025-06-02');
ROLLBACK TO SAVEPOINT s;
INSERT INTO decl VALUES
	(42, 'Potassium permanganate', NULL, '2841 61 00', 30, 'kg', 'Savepoint Co', '2025-06-03'), -- 90 kg
	(43, 'Potassium permanganate', NULL, '2841 61 00', 20, 'kg', 'Savepoint Co', '2025-06-04'); -- 110 kg
COMMIT;
SELECT * FROM raised WHERE id BETWEEN 40 AND 49 ORDER BY id;

-- CN misdeclaration, CN codes on the lists, and the CAS RN column
INSERT INTO decl VALUES
	(30, 'Phenylacetic acid 99%', NULL, '2916 39 90', 5, 'kg', 'C1', '2025-03-01'), -- named, wrong code
	(31, 'Aromatic ketone', NULL, '2914 31 00', 5, 'kg', 'C2', '2025-03-01'),       -- listed code, no name
	(32, 'Fine chemical', NULL, '2933 39 99', 5, 'kg', 'C3', '2025-03-01'),         -- code shared by several
	(33, 'Intermediate', '4468-48-8', '2926 40 00', 5, 'kg', 'C4', '2025-03-01'),  -- CAS, right code
	(34, 'Intermediate', '4468-48-8', '2942 00 00', 5, 'kg', 'C5', '2025-03-01'),  -- CAS, wrong code
	(35, 'Piperonal', NULL, '2932 93', 5, 'kg', 'C6', '2025-03-01'),               -- HS subheading fits
	(36, 'Olive oil', NULL, '1509 20 00', 5, 'kg', 'C7', '2025-03-01');            -- nothing
SELECT * FROM raised WHERE id BETWEEN 30 AND 39 ORDER BY id;
SELECT substance, rule, detail FROM precursor.misdeclarations
 WHERE alert_id IN (SELECT alert_id FROM precursor.alert WHERE source_table = 'screening_rules.decl')
 ORDER BY alert_id;

-- below_threshold=alert raises alerts under the threshold too
CREATE TABLE decl2 (id int, goods text, qty numeric, unit text);
SELECT precursor.attach_screening('decl2', 'description=goods', 'quantity=qty', 'unit=unit',
	'key=id', 'below_threshold=alert') IS NOT NULL AS attached;
INSERT INTO decl2 VALUES (1, 'Acetone', 1, 'kg');
SELECT row_key, jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert WHERE source_table = 'screening_rules.decl2';

-- reports and the explanation of an alert
SELECT step, topic, detail FROM precursor.explain_alert(
	(SELECT alert_id FROM precursor.alert WHERE source_table = 'screening_rules.decl' AND row_key = '8'))
 WHERE topic NOT IN ('alert');
SELECT step, topic, detail FROM precursor.explain_alert(
	(SELECT alert_id FROM precursor.alert WHERE source_table = 'screening_rules.decl' AND row_key = '22'))
 WHERE topic NOT IN ('alert');

RESET search_path;
DROP SCHEMA screening_rules CASCADE;
DELETE FROM precursor.watchlist WHERE code = 'screening-rules-test';
