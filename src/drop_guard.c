/*
 * drop_guard.c
 *		DROP EXTENSION precursor refuses while the database holds data of
 *		its users, unless the DBA says so.
 *
 * DROP EXTENSION deletes the extension's tables with everything in them:
 * user watchlists, their synonyms and CN codes, alerts and their review
 * history.  An event trigger at ddl_command_start (before anything is
 * dropped) looks at the statement: DROP EXTENSION naming precursor, or
 * DROP SCHEMA ... CASCADE of the extension's schema (which takes the
 * extension with it).  If user rows or alerts exist and
 * precursor.allow_drop_with_data is off, it raises an error saying what
 * would be lost and how to proceed.
 */
#include "precursor.h"

#include "catalog/namespace.h"
#include "commands/event_trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "nodes/parsenodes.h"
#include "utils/builtins.h"
#include "utils/guc.h"

PG_FUNCTION_INFO_V1(precursor_drop_guard);

static bool allow_drop_with_data = false;

void
precursor_drop_guard_init(void)
{
	DefineCustomBoolVariable("precursor.allow_drop_with_data",
							 "Let DROP EXTENSION precursor delete user watchlists and alerts.",
							 "Off: DROP EXTENSION precursor (or DROP SCHEMA ... CASCADE of its "
							 "schema) refuses while user watchlist rows or alerts exist.",
							 &allow_drop_with_data,
							 false,
							 PGC_SUSET,
							 0,
							 NULL, NULL, NULL);
}

/* Does the DROP statement take the extension with it? */
static bool
drops_extension(DropStmt *stmt)
{
	ListCell   *lc;

	if (stmt->removeType == OBJECT_EXTENSION)
	{
		foreach(lc, stmt->objects)
			if (strcmp(strVal(lfirst(lc)), PRECURSOR_EXTENSION) == 0)
				return true;
	}
	else if (stmt->removeType == OBJECT_SCHEMA && stmt->behavior == DROP_CASCADE)
	{
		Oid			extnsp = precursor_extension_namespace();

		foreach(lc, stmt->objects)
			if (OidIsValid(extnsp) &&
				get_namespace_oid(strVal(lfirst(lc)), true) == extnsp)
				return true;
	}
	return false;
}

static int64
count_rows(const char *sql)
{
	bool		isnull;
	Datum		d;

	if (SPI_execute(sql, true, 1) != SPI_OK_SELECT || SPI_processed != 1)
		elog(ERROR, "precursor drop guard: could not run \"%s\"", sql);
	d = SPI_getbinval(SPI_tuptable->vals[0], SPI_tuptable->tupdesc, 1, &isnull);
	return isnull ? 0 : DatumGetInt64(d);
}

Datum
precursor_drop_guard(PG_FUNCTION_ARGS)
{
	EventTriggerData *trigdata;
	int64		user_rows;
	int64		alerts;

	if (!CALLED_AS_EVENT_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("precursor.drop_guard() must be called as an event trigger")));
	trigdata = (EventTriggerData *) fcinfo->context;
	if (allow_drop_with_data || !IsA(trigdata->parsetree, DropStmt) ||
		!drops_extension((DropStmt *) trigdata->parsetree))
		PG_RETURN_VOID();

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	user_rows = count_rows("SELECT (SELECT pg_catalog.count(*) FROM precursor.watchlist WHERE NOT builtin)"
						   " + (SELECT pg_catalog.count(*) FROM precursor.substance WHERE NOT builtin)"
						   " + (SELECT pg_catalog.count(*) FROM precursor.substance_cn WHERE NOT builtin)"
						   " + (SELECT pg_catalog.count(*) FROM precursor.synonym WHERE NOT builtin)");
	alerts = count_rows("SELECT pg_catalog.count(*) FROM precursor.alert");
	SPI_finish();

	if (user_rows > 0 || alerts > 0)
		ereport(ERROR,
				(errcode(ERRCODE_DEPENDENT_OBJECTS_STILL_EXIST),
				 errmsg("cannot drop extension precursor while it holds user data"),
				 errdetail("Dropping it would delete " INT64_FORMAT " user watchlist rows (lists, substances, CN codes, synonyms) and " INT64_FORMAT " alerts with their review history.",
						   user_rows, alerts),
				 errhint("Keep a copy (pg_dump), then SET precursor.allow_drop_with_data = on and drop again.")));
	PG_RETURN_VOID();
}
