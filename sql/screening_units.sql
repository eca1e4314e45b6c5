SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- Quantities: every unit spelling the trigger knows, with the quantity it
-- converts to; quantities exactly at a threshold; cumulative totals exactly
-- at a threshold (also when the sum in floating point is a hair over); and
-- the edge of the cumulative window.
CREATE SCHEMA screening_units;
SET search_path = screening_units, public;

-- A user list: Unitoxane has a threshold no test quantity reaches and a
-- density of 0.5 kg/l, so that every spelling shows its factor and its kind
-- (mass or volume); Edgoxane's threshold is 10 kg (density 2 kg/l);
-- Decixane's is 1 kg.
INSERT INTO precursor.watchlist (code, name, regime)
VALUES ('screening-units-test', 'screening_units test list', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, threshold_qty, threshold_unit,
                                 density_kg_per_l, source_url, source_act)
SELECT watchlist_id, v.name, 'watch', v.qty, 'kg', v.density, 'https://example.org/test', 'test act'
  FROM precursor.watchlist,
       (VALUES ('Unitoxane', 1000000, 0.5), ('Edgoxane', 10, 2.0), ('Decixane', 1, NULL)) v(name, qty, density)
 WHERE code = 'screening-units-test';

CREATE TABLE decl (id int, goods text, qty numeric, unit text, buyer text, day date);
SELECT precursor.attach_screening('decl', 'description=goods', 'quantity=qty', 'unit=unit',
	'consignee=buyer', 'date=day', 'key=id', 'below_threshold=alert') IS NOT NULL AS attached;

-- the quantity rule of each alert and the quantity in the threshold's unit
CREATE VIEW quantity_rule AS
SELECT a.row_key::int AS id, r->>'rule' AS rule, r->>'unit' AS unit,
       round((r->>'quantity_in_threshold_unit')::numeric, 9) AS kg,
       r->>'density_kg_per_l' AS density
  FROM precursor.alert a, jsonb_array_elements(a.reasons) r
 WHERE a.source_table = 'screening_units.decl'
   AND r->>'rule' IN ('over_threshold', 'below_threshold', 'unit_unknown');

-- Every spelling, one unit of each: mass units convert by their factor,
-- volume units by their factor and the density (0.5 kg/l).  Case, spaces,
-- dots and a superscript three are ignored.
INSERT INTO decl (id, goods, qty, unit, buyer, day)
SELECT 100 + ord, 'Unitoxane', 1, u, 'Units Co ' || ord, '2025-01-01'
  FROM unnest(ARRAY[
	'kg', 'kgs', 'kilo', 'kilos', 'kilogram', 'kilograms', 'kilogramme', 'kilogrammes',
	'g', 'gr', 'gram', 'grams', 'gramme', 'mg',
	't', 'to', 'tonne', 'tonnes', 'mt',
	'lb', 'lbs',
	'l', 'lt', 'ltr', 'litre', 'litres', 'liter', 'liters',
	'ml', 'cl', 'dl', 'hl', 'm3', 'cbm', 'gal',
	'K.G.', ' Kg ', 'LBS', 'm³', 'M³',
	'barrel', 'kgx', '', 'kilogramm']) WITH ORDINALITY AS s(u, ord);
SELECT * FROM quantity_rule WHERE id BETWEEN 100 AND 199 ORDER BY id;

-- Exactly at the threshold is "at or under" (below_threshold, no alert of
-- its own without below_threshold=alert); a thousandth over is over.  The
-- same holds through a unit factor (10000 g, 0.01 t) and through the
-- density (5 l at 2 kg/l).
INSERT INTO decl VALUES
	(200, 'Edgoxane', 10, 'kg', 'Edge Co 1', '2025-01-01'),
	(201, 'Edgoxane', 10.001, 'kg', 'Edge Co 2', '2025-01-01'),
	(202, 'Edgoxane', 10000, 'g', 'Edge Co 3', '2025-01-01'),
	(203, 'Edgoxane', 0.01, 't', 'Edge Co 4', '2025-01-01'),
	(204, 'Edgoxane', 5, 'l', 'Edge Co 5', '2025-01-01'),
	(205, 'Edgoxane', 5.001, 'l', 'Edge Co 6', '2025-01-01'),
	(206, 'Edgoxane', 9.999, 'kg', 'Edge Co 7', '2025-01-01');
SELECT * FROM quantity_rule WHERE id BETWEEN 200 AND 299 ORDER BY id;

-- Cumulative totals: "more than the threshold".  4 + 6 kg is exactly 10
-- kg: no split consignment; 4 + 6.001 kg is over.  0.1 + 0.2 + 0.7 kg sums
-- to 1.0000000000000002 in double precision: still exactly at Decixane's
-- 1 kg, so no alert.
CREATE VIEW cumulative AS
SELECT a.row_key::int AS id, a.consignee,
       (SELECT r->>'total_in_threshold_unit' FROM jsonb_array_elements(a.reasons) r
         WHERE r->>'rule' = 'cumulative') AS cumulative_total
  FROM precursor.alert a WHERE a.source_table = 'screening_units.decl';
INSERT INTO decl VALUES
	(300, 'Edgoxane', 4, 'kg', 'Sum Co A', '2025-02-01'),
	(301, 'Edgoxane', 6, 'kg', 'Sum Co A', '2025-02-02'),
	(302, 'Edgoxane', 4, 'kg', 'Sum Co B', '2025-02-01'),
	(303, 'Edgoxane', 6.001, 'kg', 'Sum Co B', '2025-02-02'),
	(304, 'Decixane', 0.1, 'kg', 'Sum Co C', '2025-02-01'),
	(305, 'Decixane', 0.2, 'kg', 'Sum Co C', '2025-02-02'),
	(306, 'Decixane', 0.7, 'kg', 'Sum Co C', '2025-02-03'),
	(307, 'Decixane', 0.0001, 'kg', 'Sum Co C', '2025-02-04');
SELECT * FROM cumulative WHERE id BETWEEN 300 AND 399 ORDER BY id;

-- The window (default 30 days) is the 30 days ending on the declaration
-- day: a shipment 29 days earlier is inside it, one 30 days earlier is
-- not.  A shipment dated after the declaration does not count either.
INSERT INTO decl VALUES
	(400, 'Edgoxane', 6, 'kg', 'Window Co A', '2025-03-01'),
	(401, 'Edgoxane', 6, 'kg', 'Window Co A', '2025-03-30'),  -- 29 days later: 12 kg
	(402, 'Edgoxane', 6, 'kg', 'Window Co B', '2025-03-01'),
	(403, 'Edgoxane', 6, 'kg', 'Window Co B', '2025-03-31'),  -- 30 days later: alone
	(404, 'Edgoxane', 6, 'kg', 'Window Co C', '2025-05-31'),
	(405, 'Edgoxane', 6, 'kg', 'Window Co C', '2025-05-01');  -- declared later, dated earlier
SELECT * FROM cumulative WHERE id BETWEEN 400 AND 499 ORDER BY id;
-- the ledger holds every shipment, in kg, whatever the verdict
SELECT row_key, consignee, shipped_on, quantity, unit FROM precursor.shipment_ledger
 WHERE source_table = 'screening_units.decl' AND row_key::int BETWEEN 400 AND 499 ORDER BY row_key;

RESET search_path;
DROP SCHEMA screening_units CASCADE;
DELETE FROM precursor.watchlist WHERE code = 'screening-units-test';
