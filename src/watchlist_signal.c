/*
 * watchlist_signal.c
 *		The watchlist change signal, and two small helpers of the watchlist
 *		guard and audit triggers.
 *
 * precursor.watchlist_changed() is a statement-level trigger on watchlist,
 * substance, substance_cn and synonym.  It
 *	 (1) increments precursor.watchlist_state.generation, transactionally, so
 *		 a consumer can compare a cached generation with the current one; and
 *	 (2) registers a relcache invalidation of precursor.watchlist, which
 *		 PostgreSQL sends to every backend when the transaction commits (and
 *		 applies locally at the next command), so backends holding a compiled
 *		 watchlist learn about the change without polling.  A rolled back
 *		 change sends nothing and leaves the counter unchanged.
 *
 * The counter is written as the owner of precursor.watchlist_state (as the
 * RI triggers do with the referenced table), so that writers of the lists
 * need no right on it and cannot set it to an arbitrary value.
 */
#include "precursor.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "commands/extension.h"
#include "commands/trigger.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/rel.h"
#include "utils/syscache.h"

PG_FUNCTION_INFO_V1(precursor_watchlist_changed);
PG_FUNCTION_INFO_V1(precursor_watchlist_installing);
PG_FUNCTION_INFO_V1(precursor_watchlist_acting_role);

#define PRECURSOR_SCHEMA	"precursor"

/* The counter update, planned once per backend. */
static SPIPlanPtr bump_plan = NULL;

/* Oid of precursor.<relname>; a clear error if the extension is damaged. */
static Oid
precursor_relid(const char *relname)
{
	Oid			nspid = get_namespace_oid(PRECURSOR_SCHEMA, false);
	Oid			relid = get_relname_relid(relname, nspid);

	if (!OidIsValid(relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"%s.%s\" does not exist", PRECURSOR_SCHEMA, relname),
				 errhint("Reinstall the precursor extension.")));
	return relid;
}

static Oid
relation_owner(Oid relid)
{
	HeapTuple	tup;
	Oid			owner;

	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(relid));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", relid);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return owner;
}

/*
 * Statement-level AFTER trigger: bump the generation and invalidate.
 */
Datum
precursor_watchlist_changed(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	Oid			watchlist_relid;
	Oid			state_relid;
	Oid			save_userid;
	int			save_sec_context;
	int			ret;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("precursor.watchlist_changed() was not called by a trigger manager")));
	if (!TRIGGER_FIRED_FOR_STATEMENT(trigdata->tg_event) ||
		!TRIGGER_FIRED_AFTER(trigdata->tg_event))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("precursor.watchlist_changed() must be fired AFTER ... FOR EACH STATEMENT")));

	watchlist_relid = precursor_relid("watchlist");
	state_relid = precursor_relid("watchlist_state");

	/* The counter: one row, updated as its owner, inside this transaction. */
	GetUserIdAndSecContext(&save_userid, &save_sec_context);
	SetUserIdAndSecContext(relation_owner(state_relid),
						   save_sec_context | SECURITY_LOCAL_USERID_CHANGE |
						   SECURITY_RESTRICTED_OPERATION);

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	if (bump_plan == NULL)
	{
		/* Prepared once per backend; the plan cache revalidates it. */
		SPIPlanPtr	plan = SPI_prepare("UPDATE precursor.watchlist_state"
									   " SET generation = generation OPERATOR(pg_catalog.+) 1"
									   " WHERE singleton", 0, NULL);

		if (plan == NULL || SPI_keepplan(plan) != 0)
			elog(ERROR, "could not prepare the watchlist generation update: %s",
				 SPI_result_code_string(SPI_result));
		bump_plan = plan;
	}
	ret = SPI_execute_plan(bump_plan, NULL, NULL, false, 0);
	if (ret != SPI_OK_UPDATE || SPI_processed != 1)
		ereport(ERROR,
				(errcode(ERRCODE_DATA_CORRUPTED),
				 errmsg("precursor.watchlist_state must hold exactly one row"),
				 errhint("Reinstall the precursor extension.")));
	SPI_finish();

	/* An error above is cleaned up by transaction abort, which resets this. */
	SetUserIdAndSecContext(save_userid, save_sec_context);

	/* Queued now, sent at commit; dropped on rollback. */
	CacheInvalidateRelcacheByRelid(watchlist_relid);

	return PointerGetDatum(NULL);
}

/*
 * True while a script of this extension runs: shipped rows may change only
 * then (CREATE EXTENSION loads them, ALTER EXTENSION UPDATE replaces them).
 */
Datum
precursor_watchlist_installing(PG_FUNCTION_ARGS)
{
	bool		result = false;

	if (creating_extension && OidIsValid(CurrentExtensionObject))
		result = (CurrentExtensionObject == get_extension_oid("precursor", true));
	PG_RETURN_BOOL(result);
}

/*
 * The role in effect outside any SECURITY DEFINER function: the audit
 * trigger runs as its owner, where current_user no longer names the writer.
 */
Datum
precursor_watchlist_acting_role(PG_FUNCTION_ARGS)
{
	char	   *rolname = GetUserNameFromId(GetOuterUserId(), false);

	PG_RETURN_DATUM(DirectFunctionCall1(namein, CStringGetDatum(rolname)));
}
