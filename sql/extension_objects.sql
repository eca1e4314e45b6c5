SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
-- extension_objects: the inventory of the extension and the house rules
-- every member object must follow.  The inventory makes any addition or
-- removal show up as a diff; each rule query prints its offenders (an empty
-- result is the intended state).  tests/extension_lint.sql asserts the same
-- rules in pgTAP.

-- 1. Every member object of the extension, sorted.
SELECT pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) AS member
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_extension e ON d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                                AND d.refobjid = e.oid
 WHERE e.extname = 'precursor' AND d.deptype = 'e'
 ORDER BY pg_catalog.pg_describe_object(d.classid, d.objid, d.objsubid) COLLATE "C";

-- How many of each kind (a quick sanity check on the list above).
SELECT d.classid::pg_catalog.regclass AS catalog, pg_catalog.count(*) AS members
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid
 WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
   AND e.extname = 'precursor' AND d.deptype = 'e'
 GROUP BY 1 ORDER BY d.classid::pg_catalog.regclass::text COLLATE "C";

-- A view of the members with their schema, for the rules below.
CREATE TEMP VIEW extension_objects_member AS
SELECT d.classid, d.objid,
       pg_catalog.pg_describe_object(d.classid, d.objid, 0) AS descr,
       (pg_catalog.pg_identify_object(d.classid, d.objid, 0)).schema AS nsp
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid
 WHERE d.refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
   AND e.extname = 'precursor' AND d.deptype = 'e';

-- 2. Every schema-bound member lives in schema precursor or, for the types,
-- their operators, operator classes and families and the functions behind
-- them, in the extension's schema (casts, event triggers and schema precursor
-- itself have no schema).  No table, view or sequence lives in the
-- extension's schema.  Offenders:
SELECT descr, nsp FROM extension_objects_member
 WHERE nsp IS DISTINCT FROM 'precursor'
   AND classid NOT IN ('pg_catalog.pg_cast'::pg_catalog.regclass,
                       'pg_catalog.pg_event_trigger'::pg_catalog.regclass,
                       'pg_catalog.pg_namespace'::pg_catalog.regclass)
   AND NOT (nsp = (SELECT n.nspname FROM pg_catalog.pg_extension e
                     JOIN pg_catalog.pg_namespace n ON n.oid = e.extnamespace
                    WHERE e.extname = 'precursor')
            AND classid IN ('pg_catalog.pg_type'::pg_catalog.regclass,
                            'pg_catalog.pg_operator'::pg_catalog.regclass,
                            'pg_catalog.pg_opclass'::pg_catalog.regclass,
                            'pg_catalog.pg_opfamily'::pg_catalog.regclass,
                            'pg_catalog.pg_proc'::pg_catalog.regclass))
 ORDER BY descr COLLATE "C";

-- 3. Every function, type, table, view, sequence, operator, operator class
-- and family, cast and event trigger has a comment.  Offenders:
SELECT descr AS uncommented FROM extension_objects_member
 WHERE pg_catalog.obj_description(objid,
           (SELECT c.relname FROM pg_catalog.pg_class c WHERE c.oid = classid)) IS NULL
   AND NOT (classid = 'pg_catalog.pg_class'::pg_catalog.regclass
            AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = objid) IN ('i', 'S'))
   AND NOT (classid = 'pg_catalog.pg_type'::pg_catalog.regclass
            AND (SELECT t.typtype = 'c' AND t.typrelid <> 0
                        AND (SELECT c.relkind FROM pg_catalog.pg_class c WHERE c.oid = t.typrelid) <> 'c'
                   FROM pg_catalog.pg_type t WHERE t.oid = objid))
 ORDER BY descr COLLATE "C";

-- 3b. Every column of every table, and every sequence, has a
-- comment.  Offenders:
SELECT uncommented FROM (
  SELECT c.oid::pg_catalog.regclass::text || '.' || a.attname AS uncommented
    FROM extension_objects_member m
    JOIN pg_catalog.pg_class c ON c.oid = m.objid AND m.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
    JOIN pg_catalog.pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
   WHERE c.relkind = 'r' AND pg_catalog.col_description(c.oid, a.attnum) IS NULL
  UNION ALL
  SELECT c.oid::pg_catalog.regclass::text
    FROM extension_objects_member m
    JOIN pg_catalog.pg_class c ON c.oid = m.objid AND m.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
   WHERE c.relkind = 'S' AND pg_catalog.obj_description(c.oid, 'pg_class') IS NULL
) AS u ORDER BY uncommented COLLATE "C";

-- The functions of the extension, for the remaining rules.
CREATE TEMP VIEW extension_objects_function AS
SELECT p.oid::pg_catalog.regprocedure AS func, p.*
  FROM pg_catalog.pg_proc p
 WHERE p.oid IN (SELECT objid FROM extension_objects_member
                  WHERE classid = 'pg_catalog.pg_proc'::pg_catalog.regclass);

-- 4. Every SECURITY DEFINER function pins search_path.  Offenders:
SELECT func AS definer_without_search_path FROM extension_objects_function
 WHERE prosecdef
   AND NOT EXISTS (SELECT FROM pg_catalog.unnest(proconfig) AS c(setting)
                    WHERE c.setting LIKE 'search\_path=%')
 ORDER BY func::text COLLATE "C";

-- The SECURITY DEFINER functions and what they pin (reviewed list).
SELECT func, pg_catalog.array_to_string(proconfig, ' ') AS config
  FROM extension_objects_function WHERE prosecdef ORDER BY func::text COLLATE "C";

-- 5. Every PL/pgSQL or non-atomic SQL function pins search_path, so that
-- nothing in its body can be captured by the caller's search_path
-- (BEGIN ATOMIC bodies are bound at creation and need no pin).  Offenders:
SELECT func, l.lanname FROM extension_objects_function f
  JOIN pg_catalog.pg_language l ON l.oid = f.prolang
 WHERE l.lanname IN ('plpgsql', 'sql')
   AND f.prosqlbody IS NULL
   AND NOT EXISTS (SELECT FROM pg_catalog.unnest(f.proconfig) AS c(setting)
                    WHERE c.setting LIKE 'search\_path=%')
 ORDER BY func::text COLLATE "C";

-- 6. Volatility: every VOLATILE function, for a reviewer (each must have a
-- reason: it writes, it is a trigger, or it reports per-backend state).
SELECT func, l.lanname, f.prorettype::pg_catalog.regtype AS returns
  FROM extension_objects_function f
  JOIN pg_catalog.pg_language l ON l.oid = f.prolang
 WHERE f.provolatile = 'v'
 ORDER BY func::text COLLATE "C";

-- 7. IMMUTABLE functions must not read tables.  Offenders (SQL or PL/pgSQL
-- bodies mentioning a precursor relation, or C functions known to read
-- the watchlists):
SELECT func AS immutable_reads_tables FROM extension_objects_function f
 WHERE f.provolatile = 'i'
   AND (f.prosrc ~* '(from|join)\s+precursor\.'
        OR pg_catalog.pg_get_functiondef(f.oid) ~* '(from|join)\s+precursor\.')
 ORDER BY func::text COLLATE "C";

-- 8. PUBLIC has no privilege on any table, view or sequence (a NULL ACL
-- stands for the owner's defaults, which acldefault spells out).  Offenders:
SELECT c.oid::pg_catalog.regclass AS relation, a.privilege_type
  FROM pg_catalog.pg_class c,
       LATERAL pg_catalog.aclexplode(COALESCE(c.relacl,
           pg_catalog.acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char",
                                 c.relowner))) AS a
 WHERE c.oid IN (SELECT objid FROM extension_objects_member
                  WHERE classid = 'pg_catalog.pg_class'::pg_catalog.regclass)
   AND a.grantee = 0
 ORDER BY c.oid::pg_catalog.regclass::text COLLATE "C", 2;

-- Who may do what on the relations (the intended grants, for review).
SELECT c.oid::pg_catalog.regclass AS relation,
       CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::pg_catalog.regrole::text END AS grantee,
       pg_catalog.string_agg(a.privilege_type, ',' ORDER BY a.privilege_type) AS privileges
  FROM pg_catalog.pg_class c,
       LATERAL pg_catalog.aclexplode(c.relacl) AS a
 WHERE c.oid IN (SELECT objid FROM extension_objects_member
                  WHERE classid = 'pg_catalog.pg_class'::pg_catalog.regclass)
   AND a.grantee <> c.relowner
 GROUP BY 1, 2 ORDER BY c.oid::pg_catalog.regclass::text COLLATE "C", 2;

-- Functions whose EXECUTE is not PUBLIC (reviewed list).
SELECT func,
       pg_catalog.string_agg(CASE WHEN a.grantee = 0 THEN 'PUBLIC'
                                  ELSE a.grantee::pg_catalog.regrole::text END,
                             ',' ORDER BY a.grantee) AS execute_granted_to
  FROM extension_objects_function f,
       LATERAL pg_catalog.aclexplode(f.proacl) AS a
 WHERE f.proacl IS NOT NULL AND a.grantee <> f.proowner
 GROUP BY 1 ORDER BY func::text COLLATE "C";

-- 9. Expensive C functions (they normalise and scan text, or screen a row)
-- must not keep the default COST 1.  Offenders:
SELECT func AS expensive_with_default_cost, f.procost FROM extension_objects_function f
 WHERE f.proname IN ('screen', 'lookup', 'matches', 'explain', 'normalize_name', 'parse_name')
   AND f.procost <= 1
 ORDER BY func::text COLLATE "C";
-- Costs of every function that is not COST 1, for review.
SELECT func, f.procost FROM extension_objects_function f
 WHERE f.procost <> 1 AND f.prolang = (SELECT oid FROM pg_catalog.pg_language WHERE lanname = 'c')
 ORDER BY func::text COLLATE "C";

-- 10. STABLE or IMMUTABLE functions that are not PARALLEL SAFE (review).
SELECT func, f.provolatile, f.proparallel FROM extension_objects_function f
 WHERE f.provolatile <> 'v' AND f.proparallel <> 's'
 ORDER BY func::text COLLATE "C";

-- 11. Dump: a table whose rows pg_dump keeps (pg_extension_config_dump)
-- must have its sequences (serial or identity) kept too, or ids restart
-- after a restore and collide with the restored rows.  Offenders:
SELECT s.oid::pg_catalog.regclass AS sequence_not_dumped, d.refobjid::pg_catalog.regclass AS of_dumped_table
  FROM pg_catalog.pg_class s
  JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass
                             AND d.objid = s.oid AND d.deptype IN ('a', 'i')
                             AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass
  JOIN pg_catalog.pg_extension e ON e.extname = 'precursor'
 WHERE s.relkind = 'S'
   AND d.refobjid = ANY (e.extconfig)
   AND NOT s.oid = ANY (e.extconfig)
 ORDER BY s.oid::pg_catalog.regclass::text COLLATE "C";

DROP VIEW extension_objects_function;
DROP VIEW extension_objects_member;
