/*
 * restore.c
 *		Restoring a dump of the extension's tables.
 *
 * pg_dump writes the user rows of the extension's configuration tables
 * (user watchlists, synonyms, CN codes, the audit trail, alerts, reviews,
 * the shipment ledger) as table data, and pg_restore loads them into the
 * tables CREATE EXTENSION has just made, with their foreign keys and
 * triggers in place.  Two things then go wrong:
 *	 - pg_restore -j loads the tables in parallel: pg_dump orders them by
 *	   their foreign keys but records no dependency between table data, so a
 *	   synonym can arrive before its substance and fail the foreign key;
 *	 - the audit trigger records every restored row as a new INSERT.
 *
 * A restore session is recognised by what pg_dump sets in every session it
 * writes or restores: check_function_bodies = off.  Only a superuser can
 * create this extension and so restore it; only a superuser's session
 * counts.  For each statement that loads one of these tables in such a
 * session, precursor.restore_statement() switches session_replication_role
 * to replica (as pg_restore --disable-triggers does with ALTER TABLE):
 * foreign key checks and ordinary triggers, the audit among them, do not
 * fire for the restored rows, which were consistent when the dump was
 * taken.  The same trigger, fired after the statement, switches back.  A
 * session already in replica mode is left alone.
 */
#include "precursor.h"

#include "commands/trigger.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

PG_FUNCTION_INFO_V1(precursor_restoring);
PG_FUNCTION_INFO_V1(precursor_restore_statement);

/* This backend switched to replica for the current statement. */
static bool switched_to_replica = false;

static bool
restoring(void)
{
	return !check_function_bodies && superuser();
}

static void
set_replication_role(const char *value)
{
	(void) set_config_option("session_replication_role", value,
							 PGC_SUSET, PGC_S_SESSION, GUC_ACTION_LOCAL,
							 true, 0, false);
}

/* True in a superuser's session with check_function_bodies off. */
Datum
precursor_restoring(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(restoring());
}

/*
 * Statement-level INSERT trigger, BEFORE and AFTER, enabled ALWAYS (so that
 * the AFTER firing happens in replica mode).
 */
Datum
precursor_restore_statement(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("precursor.restore_statement() must be called as a trigger")));
	if (!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_BY_INSERT(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("precursor.restore_statement() must be fired FOR EACH STATEMENT on INSERT")));

	if (TRIGGER_FIRED_BEFORE(trigdata->tg_event))
	{
		switched_to_replica = false;
		if (SessionReplicationRole == SESSION_REPLICATION_ROLE_ORIGIN && restoring())
		{
			set_replication_role("replica");
			switched_to_replica = true;
		}
	}
	else if (switched_to_replica)
	{
		switched_to_replica = false;
		if (SessionReplicationRole == SESSION_REPLICATION_ROLE_REPLICA)
			set_replication_role("origin");
	}
	return PointerGetDatum(NULL);
}
