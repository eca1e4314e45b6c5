SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- The screening trigger keeps the lists' thresholds, densities and CN codes
-- in a per-backend rules cache.  A committed change to any of them reaches
-- the next row screened in this session (relcache invalidation), and a
-- rolled-back change leaves the cache as it was.  Other sessions: see
-- specs/screening_load_change.spec.
CREATE SCHEMA screening_cache;
SET search_path = screening_cache, public;

INSERT INTO precursor.watchlist (code, name, regime)
VALUES ('screening-cache-test', 'screening_cache test list', 'internal');
INSERT INTO precursor.substance (watchlist_id, name, category, threshold_qty, threshold_unit,
                                 density_kg_per_l, source_url, source_act)
SELECT watchlist_id, 'Cachoxane', 'watch', 10, 'kg', 1.0, 'https://example.org/test', 'test act'
  FROM precursor.watchlist WHERE code = 'screening-cache-test';
INSERT INTO precursor.substance_cn (substance_id, cn_code)
SELECT substance_id, '2909 19 90' FROM precursor.substance WHERE name = 'Cachoxane';

CREATE TABLE decl (id int, goods text, cn text, qty numeric, unit text);
SELECT precursor.attach_screening('decl', 'description=goods', 'cn=cn', 'quantity=qty',
	'unit=unit', 'key=id', 'below_threshold=alert') IS NOT NULL AS attached;
CREATE VIEW verdict AS
SELECT a.row_key::int AS id,
       (SELECT string_agg(r->>'rule' || coalesce(' ' || (r->>'quantity_in_threshold_unit') || ' of '
                          || (r->>'threshold') || ' ' || (r->>'threshold_unit'), ''), '; ')
          FROM jsonb_array_elements(a.reasons) r WHERE r->>'rule' <> 'name') AS rules
  FROM precursor.alert a WHERE a.source_table = 'screening_cache.decl';

-- before: 8 kg is under 10 kg; 8 l is 8 kg; the code fits
INSERT INTO decl VALUES (1, 'Cachoxane', '2909 19 90', 8, 'kg'), (2, 'Cachoxane', '2909 19 90', 8, 'l');

-- a lower threshold: the same 8 kg is now over 5 kg
UPDATE precursor.substance SET threshold_qty = 5 WHERE name = 'Cachoxane';
INSERT INTO decl VALUES (3, 'Cachoxane', '2909 19 90', 8, 'kg');

-- a threshold unit changed to litres: 8 kg at 1 kg/l is 8 l, over 5 l
UPDATE precursor.substance SET threshold_unit = 'l' WHERE name = 'Cachoxane';
INSERT INTO decl VALUES (4, 'Cachoxane', '2909 19 90', 8, 'kg');

-- a new density: 8 kg at 2 kg/l is 4 l, under 5 l
UPDATE precursor.substance SET density_kg_per_l = 2 WHERE name = 'Cachoxane';
INSERT INTO decl VALUES (5, 'Cachoxane', '2909 19 90', 8, 'kg');

-- no density: kilograms can no longer be compared with litres
UPDATE precursor.substance SET density_kg_per_l = NULL WHERE name = 'Cachoxane';
INSERT INTO decl VALUES (6, 'Cachoxane', '2909 19 90', 8, 'kg');

-- the declared code was Cachoxane's; once the CN code row is changed, it
-- no longer fits (cn_mismatch), and the new code does
UPDATE precursor.substance_cn SET cn_code = '2909 20 00'
 WHERE substance_id = (SELECT substance_id FROM precursor.substance WHERE name = 'Cachoxane');
INSERT INTO decl VALUES (7, 'Cachoxane', '2909 19 90', 1, 'l'), (8, 'Cachoxane', '2909 20 00', 1, 'l');

-- a code added to the list: a declaration under it that names nothing is
-- now a cn_watch finding for Cachoxane
INSERT INTO decl VALUES (9, 'industrial solvent', '2909 49 80', 1, 'l');
INSERT INTO precursor.substance_cn (substance_id, cn_code)
SELECT substance_id, '2909 49 80' FROM precursor.substance WHERE name = 'Cachoxane';
INSERT INTO decl VALUES (10, 'industrial solvent', '2909 49 80', 1, 'l');

-- a change rolled back is forgotten: the threshold is 5 l again afterwards
BEGIN;
UPDATE precursor.substance SET threshold_qty = 500 WHERE name = 'Cachoxane';
INSERT INTO decl VALUES (11, 'Cachoxane', '2909 20 00', 8, 'l');
ROLLBACK;
INSERT INTO decl VALUES (12, 'Cachoxane', '2909 20 00', 8, 'l');

-- an inactive list drops out of the rules: nothing is alerted
UPDATE precursor.watchlist SET active = false WHERE code = 'screening-cache-test';
INSERT INTO decl VALUES (13, 'Cachoxane', '2909 20 00', 8, 'l');
UPDATE precursor.watchlist SET active = true WHERE code = 'screening-cache-test';
INSERT INTO decl VALUES (14, 'Cachoxane', '2909 20 00', 8, 'l');

SELECT * FROM verdict ORDER BY id;
SELECT row_key, substance_name, jsonb_path_query_array(reasons, '$[*].rule') AS rules
  FROM precursor.alert WHERE source_table = 'screening_cache.decl' AND row_key IN ('9', '10');

RESET search_path;
DROP SCHEMA screening_cache CASCADE;
DELETE FROM precursor.watchlist WHERE code = 'screening-cache-test';
