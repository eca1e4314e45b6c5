/*
 * schema.c
 *		Where the extension's objects live.
 *
 * The types, operators and operator classes are in the extension's schema
 * (pg_extension.extnamespace, chosen by CREATE EXTENSION ... SCHEMA); the
 * tables and the other functions are in schema precursor.  C code finds the
 * types here, never through search_path.
 */
#include "precursor.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/pg_extension.h"
#include "catalog/pg_type.h"
#include "utils/fmgroids.h"
#include "utils/rel.h"
#include "utils/syscache.h"

/*
 * The namespace of the installed extension, or InvalidOid when it is not
 * installed in this database.  (get_extension_schema() is static before 16.)
 */
Oid
precursor_extension_namespace(void)
{
	Relation	rel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Oid			result = InvalidOid;

	ScanKeyInit(&key, Anum_pg_extension_extname, BTEqualStrategyNumber,
				F_NAMEEQ, CStringGetDatum(PRECURSOR_EXTENSION));
	rel = table_open(ExtensionRelationId, AccessShareLock);
	scan = systable_beginscan(rel, ExtensionNameIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (HeapTupleIsValid(tup))
		result = ((Form_pg_extension) GETSTRUCT(tup))->extnamespace;
	systable_endscan(scan);
	table_close(rel, AccessShareLock);
	return result;
}

/* The OID of one of the extension's types, or InvalidOid. */
Oid
precursor_type_oid(const char *name)
{
	Oid			nsp = precursor_extension_namespace();

	if (!OidIsValid(nsp))
		return InvalidOid;
	return GetSysCacheOid2(TYPENAMENSP, Anum_pg_type_oid,
						   CStringGetDatum(name), ObjectIdGetDatum(nsp));
}
