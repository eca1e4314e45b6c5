-- pgTAP: house rules every object of the precursor extension must follow,
-- checked over the whole extension (all of extension/parts/*.sql), so that CI
-- fails when a new object breaks one.  sql/extension_objects.sql prints the
-- same rules' offenders for review.
BEGIN;
SET client_min_messages = warning;
CREATE EXTENSION IF NOT EXISTS pgtap;
CREATE EXTENSION IF NOT EXISTS precursor;
RESET client_min_messages;
SET search_path = public;

SELECT plan(15);

-- The extension's member objects.
CREATE TEMP VIEW lint_member AS
SELECT d.classid, d.objid,
       pg_catalog.pg_describe_object(d.classid, d.objid, 0) AS descr,
       (pg_catalog.pg_identify_object(d.classid, d.objid, 0)).schema AS nsp
  FROM pg_catalog.pg_depend d
  JOIN pg_catalog.pg_extension e ON d.refobjid = e.oid
 WHERE d.refclassid = 'pg_catalog.pg_extension'::regclass
   AND e.extname = 'precursor' AND d.deptype = 'e';

CREATE TEMP VIEW lint_function AS
SELECT p.oid::regprocedure AS func, p.*
  FROM pg_catalog.pg_proc p
 WHERE p.oid IN (SELECT objid FROM lint_member WHERE classid = 'pg_catalog.pg_proc'::regclass);

SELECT cmp_ok((SELECT count(*) FROM lint_function), '>', 0::bigint,
              'the extension has member functions (the rules below are not vacuous)');

-- 1. Every schema-bound member is in schema precursor, except the types,
-- operators, operator classes and families and their functions, which are
-- in the extension's schema.
SELECT is_empty(
	$$SELECT descr FROM lint_member
	   WHERE nsp IS DISTINCT FROM 'precursor'
	     AND classid NOT IN ('pg_catalog.pg_cast'::regclass, 'pg_catalog.pg_event_trigger'::regclass,
	                         'pg_catalog.pg_namespace'::regclass)
	     AND NOT (nsp = (SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'precursor')
	              AND classid IN ('pg_catalog.pg_type'::regclass, 'pg_catalog.pg_operator'::regclass,
	                              'pg_catalog.pg_opclass'::regclass, 'pg_catalog.pg_opfamily'::regclass,
	                              'pg_catalog.pg_proc'::regclass))$$,
	'every member object is in schema precursor or (types and operators) in the extension''s schema');

-- 2. Comments.
SELECT is_empty(
	$$SELECT func::text FROM lint_function WHERE obj_description(oid, 'pg_proc') IS NULL$$,
	'every function has a COMMENT');
SELECT is_empty(
	$$SELECT descr FROM lint_member m
	   WHERE m.classid IN ('pg_catalog.pg_type'::regclass, 'pg_catalog.pg_operator'::regclass,
	                       'pg_catalog.pg_opclass'::regclass, 'pg_catalog.pg_opfamily'::regclass,
	                       'pg_catalog.pg_cast'::regclass, 'pg_catalog.pg_event_trigger'::regclass)
	     AND obj_description(m.objid, (SELECT c.relname FROM pg_class c WHERE c.oid = m.classid)) IS NULL
	     AND NOT EXISTS (SELECT FROM pg_type t WHERE t.oid = m.objid AND t.typrelid <> 0
	                       AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) <> 'c')$$,
	'every type, operator, operator class and family, cast and event trigger has a COMMENT');
SELECT is_empty(
	$$SELECT descr FROM lint_member m JOIN pg_class c ON c.oid = m.objid
	   WHERE m.classid = 'pg_catalog.pg_class'::regclass AND c.relkind IN ('r', 'v', 'm', 'p')
	     AND obj_description(m.objid, 'pg_class') IS NULL$$,
	'every table and view has a COMMENT');

-- 3. SECURITY DEFINER functions pin search_path; so does every PL/pgSQL or
-- non-atomic SQL function (its body is resolved at run time).
SELECT is_empty(
	$$SELECT func::text FROM lint_function
	   WHERE prosecdef
	     AND NOT EXISTS (SELECT FROM unnest(proconfig) AS c(s) WHERE c.s LIKE 'search\_path=%')$$,
	'no SECURITY DEFINER function without a pinned search_path');
SELECT is_empty(
	$$SELECT func::text FROM lint_function f JOIN pg_language l ON l.oid = f.prolang
	   WHERE l.lanname IN ('plpgsql', 'sql') AND f.prosqlbody IS NULL
	     AND NOT EXISTS (SELECT FROM unnest(f.proconfig) AS c(s) WHERE c.s LIKE 'search\_path=%')$$,
	'every PL/pgSQL and non-atomic SQL function pins search_path');
SELECT is_empty(
	$$SELECT func::text FROM lint_function
	   WHERE EXISTS (SELECT FROM unnest(proconfig) AS c(s)
	                  WHERE c.s LIKE 'search\_path=%' AND c.s NOT LIKE 'search\_path=pg\_catalog%')$$,
	'pinned search paths start with pg_catalog');

-- 4. Volatility: IMMUTABLE functions do not read tables.
SELECT is_empty(
	$$SELECT func::text FROM lint_function
	   WHERE provolatile = 'i' AND pg_get_functiondef(oid) ~* '(from|join)\s+precursor\.'$$,
	'no IMMUTABLE function reads a precursor table');

-- 5. PUBLIC has no privilege on any table, view or sequence.
SELECT is_empty(
	$$SELECT c.oid::regclass::text || ' ' || a.privilege_type
	    FROM pg_class c,
	         LATERAL aclexplode(COALESCE(c.relacl,
	             acldefault(CASE WHEN c.relkind = 'S' THEN 's' ELSE 'r' END::"char", c.relowner))) AS a
	   WHERE c.oid IN (SELECT objid FROM lint_member WHERE classid = 'pg_catalog.pg_class'::regclass)
	     AND a.grantee = 0$$,
	'PUBLIC has no privilege on any table, view or sequence of the extension');
-- ... and cannot run the functions that write or review.
SELECT is_empty(
	$$SELECT func::text FROM lint_function f
	   WHERE f.proname IN ('review_alert', 'watchlist_audit_row', 'explain_alert', 'top_parties')
	     AND has_function_privilege('public', f.oid, 'EXECUTE')$$,
	'PUBLIC cannot execute review_alert, watchlist_audit_row, explain_alert, top_parties');

-- 6. Expensive C functions have an explicit COST.
SELECT is_empty(
	$$SELECT func::text FROM lint_function
	   WHERE proname IN ('screen', 'lookup', 'matches', 'explain', 'normalize_name', 'parse_name')
	     AND procost <= 1$$,
	'screen, lookup, matches, explain, normalize_name, parse_name have an explicit COST');

-- 7. Every base type of the extension has default btree and hash operator
-- classes, and the hash class has FUNCTION 2 (extended hash: hash
-- partitioning).
SELECT is_empty(
	$$SELECT t.typname || ' ' || am.amname
	    FROM pg_type t CROSS JOIN pg_am am
	   WHERE t.oid IN (SELECT objid FROM lint_member WHERE classid = 'pg_catalog.pg_type'::regclass)
	     AND t.typtype = 'b' AND am.amname IN ('btree', 'hash')
	     AND NOT EXISTS (SELECT FROM pg_opclass o
	                      WHERE o.opcintype = t.oid AND o.opcmethod = am.oid AND o.opcdefault)$$,
	'every base type has a default btree and a default hash operator class');
SELECT is_empty(
	$$SELECT t.typname
	    FROM pg_type t
	    JOIN pg_opclass o ON o.opcintype = t.oid AND o.opcdefault
	    JOIN pg_am am ON am.oid = o.opcmethod AND am.amname = 'hash'
	   WHERE t.oid IN (SELECT objid FROM lint_member WHERE classid = 'pg_catalog.pg_type'::regclass)
	     AND NOT EXISTS (SELECT FROM pg_amproc p
	                      WHERE p.amprocfamily = o.opcfamily AND p.amprocnum = 2
	                        AND p.amproclefttype = t.oid AND p.amprocrighttype = t.oid)$$,
	'every default hash operator class has the extended hash function (FUNCTION 2)');

-- 8. Sequences of dumped tables are dumped too (else ids collide after restore).
SELECT is_empty(
	$$SELECT s.oid::regclass::text
	    FROM pg_class s
	    JOIN pg_depend d ON d.classid = 'pg_catalog.pg_class'::regclass AND d.objid = s.oid
	                    AND d.deptype IN ('a', 'i') AND d.refclassid = 'pg_catalog.pg_class'::regclass
	    JOIN pg_extension e ON e.extname = 'precursor'
	   WHERE s.relkind = 'S' AND d.refobjid = ANY (e.extconfig) AND NOT s.oid = ANY (e.extconfig)$$,
	'every sequence of a table kept by pg_dump is kept by pg_dump too (pg_extension_config_dump)');

-- (Each install part must not repeat the \echo ... \quit guard of
-- 00_header.sql: a property of the files, not of the catalogs, so it is not
-- checked here.)

SELECT * FROM finish();
ROLLBACK;
