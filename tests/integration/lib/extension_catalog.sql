-- The extension's member objects with their definitions, one line each,
-- sorted: two databases with the same extension version must print the same
-- text whether they were installed fresh or upgraded.  Everything is printed
-- with search_path = pg_catalog, so every name is schema-qualified.
SET search_path = pg_catalog;
WITH ext AS (SELECT oid, extnamespace, extconfig, extcondition FROM pg_extension WHERE extname = 'precursor'),
member AS (
	SELECT d.classid, d.objid
	  FROM pg_depend d, ext
	 WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'
),
line AS (
	-- identity and comment of every member
	SELECT pg_describe_object(m.classid, m.objid, 0) || ' | comment ' ||
		   coalesce(obj_description(m.objid, (SELECT relname FROM pg_class WHERE oid = m.classid)), '-') AS l
	  FROM member m
	UNION ALL
	-- functions: the whole definition and the privileges
	SELECT 'function ' || p.oid::regprocedure || ' | ' || pg_get_functiondef(p.oid) || ' | acl ' || coalesce(p.proacl::text, '-')
	  FROM member m JOIN pg_proc p ON p.oid = m.objid
	 WHERE m.classid = 'pg_proc'::regclass AND p.prokind <> 'a'
	UNION ALL
	-- relations: kind, privileges, columns, constraints, indexes, triggers, views
	SELECT 'relation ' || c.oid::regclass || ' | ' || c.relkind::text || ' | acl ' || coalesce(c.relacl::text, '-')
	  FROM member m JOIN pg_class c ON c.oid = m.objid WHERE m.classid = 'pg_class'::regclass
	UNION ALL
	SELECT 'column ' || c.oid::regclass || '.' || a.attname || ' | ' || format_type(a.atttypid, a.atttypmod)
		   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END
		   || coalesce(' default ' || pg_get_expr(ad.adbin, ad.adrelid), '')
		   || coalesce(' identity ' || nullif(a.attidentity::text, ''), '')
		   || ' | comment ' || coalesce(col_description(c.oid, a.attnum), '-')
	  FROM member m JOIN pg_class c ON c.oid = m.objid
	  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
	  LEFT JOIN pg_attrdef ad ON ad.adrelid = c.oid AND ad.adnum = a.attnum
	 WHERE m.classid = 'pg_class'::regclass
	UNION ALL
	SELECT 'constraint ' || co.conrelid::regclass || ' ' || co.conname || ' | ' || pg_get_constraintdef(co.oid)
	  FROM member m JOIN pg_constraint co ON co.conrelid = m.objid WHERE m.classid = 'pg_class'::regclass
	UNION ALL
	SELECT 'index ' || pg_get_indexdef(i.indexrelid)
	  FROM member m JOIN pg_index i ON i.indrelid = m.objid WHERE m.classid = 'pg_class'::regclass
	UNION ALL
	SELECT 'trigger ' || pg_get_triggerdef(t.oid) || ' | enabled ' || t.tgenabled::text
	  FROM member m JOIN pg_trigger t ON t.tgrelid = m.objid
	 WHERE m.classid = 'pg_class'::regclass AND NOT t.tgisinternal
	UNION ALL
	SELECT 'view ' || c.oid::regclass || ' | ' || pg_get_viewdef(c.oid) || ' | options ' || coalesce(c.reloptions::text, '-')
	  FROM member m JOIN pg_class c ON c.oid = m.objid
	 WHERE m.classid = 'pg_class'::regclass AND c.relkind IN ('v', 'm')
	UNION ALL
	SELECT 'sequence ' || s.seqrelid::regclass || ' | ' || format_type(s.seqtypid, NULL) || ' ' || s.seqstart
		   || ' ' || s.seqincrement || ' ' || s.seqmin || ' ' || s.seqmax || ' ' || s.seqcycle
	  FROM member m JOIN pg_sequence s ON s.seqrelid = m.objid WHERE m.classid = 'pg_class'::regclass
	UNION ALL
	-- types, operators, operator classes, casts, event triggers, schemas
	SELECT 'type ' || t.oid::regtype || ' | ' || t.typlen || ' ' || t.typbyval || ' ' || t.typalign::text || ' ' || t.typstorage::text
		   || ' ' || t.typinput::regproc || ' ' || t.typoutput::regproc || ' ' || t.typreceive::regproc || ' ' || t.typsend::regproc
	  FROM member m JOIN pg_type t ON t.oid = m.objid WHERE m.classid = 'pg_type'::regclass
	UNION ALL
	SELECT 'operator ' || o.oid::regoperator || ' | ' || o.oprcode::regproc || ' ' || o.oprcom::regoperator || ' '
		   || o.oprnegate::regoperator || ' ' || o.oprrest::regproc || ' ' || o.oprjoin::regproc || ' '
		   || o.oprcanhash || ' ' || o.oprcanmerge
	  FROM member m JOIN pg_operator o ON o.oid = m.objid WHERE m.classid = 'pg_operator'::regclass
	UNION ALL
	SELECT 'opclass ' || pg_describe_object('pg_opclass'::regclass, oc.oid, 0) || ' | default ' || oc.opcdefault
		   || ' | ' || (SELECT string_agg(ao.amopstrategy || ' ' || ao.amopopr::regoperator, ', ' ORDER BY ao.amopstrategy)
						  FROM pg_amop ao WHERE ao.amopfamily = oc.opcfamily)
		   || ' | ' || (SELECT string_agg(ap.amprocnum || ' ' || ap.amproc::regprocedure, ', ' ORDER BY ap.amprocnum)
						  FROM pg_amproc ap WHERE ap.amprocfamily = oc.opcfamily)
	  FROM member m JOIN pg_opclass oc ON oc.oid = m.objid WHERE m.classid = 'pg_opclass'::regclass
	UNION ALL
	SELECT 'cast ' || pg_describe_object('pg_cast'::regclass, ca.oid, 0) || ' | ' || ca.castcontext::text || ' ' || ca.castmethod::text
		   || ' ' || coalesce(nullif(ca.castfunc, 0)::regprocedure::text, '-')
	  FROM member m JOIN pg_cast ca ON ca.oid = m.objid WHERE m.classid = 'pg_cast'::regclass
	UNION ALL
	SELECT 'event trigger ' || e.evtname || ' | ' || e.evtevent || ' ' || e.evtfoid::regprocedure || ' '
		   || coalesce(e.evttags::text, '-') || ' ' || e.evtenabled::text
	  FROM member m JOIN pg_event_trigger e ON e.oid = m.objid WHERE m.classid = 'pg_event_trigger'::regclass
	UNION ALL
	SELECT 'schema ' || n.nspname || ' | acl ' || coalesce(n.nspacl::text, '-')
	  FROM member m JOIN pg_namespace n ON n.oid = m.objid WHERE m.classid = 'pg_namespace'::regclass
	UNION ALL
	-- the extension itself: its schema and what pg_dump dumps
	SELECT 'extension schema ' || extnamespace::regnamespace FROM ext
	UNION ALL
	SELECT 'config ' || c.relid::regclass || ' | ' || coalesce(cond, '-')
	  FROM ext, unnest(ext.extconfig, ext.extcondition) AS c(relid, cond)
)
SELECT l FROM line ORDER BY l COLLATE "C";
