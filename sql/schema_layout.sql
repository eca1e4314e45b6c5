--
-- schema_layout: the types and operators live in the extension's schema
-- (public here), so comparisons, containment, IN, joins and index scans work
-- with the default search_path; the tables and functions are in precursor.
--
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
RESET search_path;
SHOW search_path;

SELECT n.nspname AS extension_schema
  FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
 WHERE e.extname = 'precursor';

-- where each kind of member lives
SELECT (pg_identify_object(d.classid, d.objid, 0)).type AS kind,
       (pg_identify_object(d.classid, d.objid, 0)).schema AS schema, count(*)
  FROM pg_depend d JOIN pg_extension e ON d.refobjid = e.oid
 WHERE d.refclassid = 'pg_extension'::regclass AND e.extname = 'precursor' AND d.deptype = 'e'
 GROUP BY 1, 2 ORDER BY 1, 2;

CREATE TABLE layout_decl (id int PRIMARY KEY, cas casrn, ec ecnumber, cn cncode, ik inchikey);
INSERT INTO layout_decl VALUES
  (1, '103-79-7', '203-159-6', '2914 31 00', 'QCCDLTOVEPVEJK-UHFFFAOYSA-N'),
  (2, '50-00-0', '200-001-8', '2912 11 00', 'WSFSSNUMVMOOMR-UHFFFAOYSA-N'),
  (3, '64-17-5', '200-578-6', '2207 10 00', 'LFQSCWFLJHTTHZ-UHFFFAOYSA-N');
CREATE INDEX ON layout_decl (cas);
CREATE INDEX ON layout_decl (cn);

-- each of these failed in 1.0 without precursor on search_path
SELECT id FROM layout_decl WHERE cas = '103-79-7';
SELECT id FROM layout_decl WHERE cas <> '103-79-7' ORDER BY cas;
SELECT id FROM layout_decl WHERE cas IN ('103-79-7', '64-17-5') ORDER BY id;
SELECT id FROM layout_decl WHERE cn <@ '2914';
SELECT id FROM layout_decl WHERE '29' @> cn ORDER BY id;
SELECT id FROM layout_decl WHERE ec = '200-001-8';
SELECT id FROM layout_decl WHERE ik = 'LFQSCWFLJHTTHZ-UHFFFAOYSA-N';
SELECT id FROM layout_decl WHERE ik ~= 'QCCDLTOVEPVEJK-ZZZZZZZZSA-N';
SELECT d.id, s.name FROM layout_decl d JOIN precursor.substance s ON s.casrn = d.cas
 WHERE s.builtin ORDER BY d.id, s.name LIMIT 3;
SELECT d.id, count(*) FROM layout_decl d
  JOIN (SELECT casrn AS cas FROM precursor.substance WHERE builtin) s USING (cas)
 GROUP BY d.id ORDER BY d.id;
SELECT count(*) FROM layout_decl a JOIN layout_decl b USING (cas, ec, cn, ik);
SELECT cas, count(*) FROM layout_decl GROUP BY cas ORDER BY cas;
SELECT DISTINCT cn FROM layout_decl ORDER BY cn;

-- and the indexes are used
SET enable_seqscan = off;
EXPLAIN (COSTS OFF) SELECT id FROM layout_decl WHERE cas = '103-79-7';
EXPLAIN (COSTS OFF) SELECT id FROM layout_decl WHERE cn <@ '2914';
RESET enable_seqscan;

-- the functions stay in precursor
SELECT precursor.is_casrn('103-79-7'), precursor.cn_parent('2914 31 00');

DROP TABLE layout_decl;
