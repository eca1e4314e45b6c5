/*
 * screen_trigger_registry.c
 *		Registrations of screened tables (precursor.screened_table): a
 *		screening trigger writes alerts and shipment ledger rows only when a
 *		member of precursor_manager approved its table, the table's owner and
 *		the trigger's arguments.  Without that, any role could attach the
 *		trigger to a table of its own and feed the shared ledger or the alert
 *		queue.
 *
 * The trigger checks once per statement (its configuration is cached per
 * statement), so a COPY checks once.  Queries are prepared once per backend.
 */
#include "precursor.h"

#include "catalog/pg_type.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "catalog/namespace.h"
#include "utils/lsyscache.h"

#include "screen_trigger_registry.h"

static SPIPlanPtr plan_check = NULL;
static SPIPlanPtr plan_record = NULL;

static const Oid reg_types[5] = {REGCLASSOID, NAMEOID, REGROLEOID, TEXTARRAYOID, NAMEOID};

static SPIPlanPtr
registry_plan(SPIPlanPtr *plan, const char *sql, int nargs)
{
	if (*plan == NULL)
	{
		SPIPlanPtr	p = SPI_prepare(sql, nargs, (Oid *) reg_types);

		if (p == NULL)
			elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql,
				 SPI_result_code_string(SPI_result));
		if (SPI_keepplan(p) != 0)
			elog(ERROR, "SPI_keepplan failed");
		*plan = p;
	}
	return *plan;
}

/* The five parameters: table, trigger, owner, arguments, acting role */
static void
registry_args(Relation rel, const char *tgname, int nargs, char **args,
			  Datum *v)
{
	Datum	   *elems = palloc(sizeof(Datum) * Max(nargs, 1));
	int			i;

	for (i = 0; i < nargs; i++)
		elems[i] = CStringGetTextDatum(args[i]);
	v[0] = ObjectIdGetDatum(RelationGetRelid(rel));
	v[1] = DirectFunctionCall1(namein, CStringGetDatum(tgname));
	v[2] = ObjectIdGetDatum(rel->rd_rel->relowner);
	v[3] = PointerGetDatum(construct_array(elems, nargs, TEXTOID, -1, false,
										   TYPALIGN_INT));
	v[4] = DirectFunctionCall1(namein,
							   CStringGetDatum(GetUserNameFromId(GetUserId(), false)));
}

/* Run a registry statement as writer, SPI and search_path set up around it */
static int
registry_run(SPIPlanPtr *plan, const char *sql, int nparams, Datum *v,
			 bool read_only, Oid writer)
{
	Oid			save_userid;
	int			save_sec;
	int			nestlevel;
	int			rc;

	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(writer,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	nestlevel = precursor_search_path_pin();
	rc = SPI_execute_plan(registry_plan(plan, sql, nparams), v, NULL,
						  read_only, 1);
	if (rc == SPI_OK_SELECT)
	{
		bool		isnull;

		rc = (SPI_processed == 1 &&
			  DatumGetBool(SPI_getbinval(SPI_tuptable->vals[0],
										 SPI_tuptable->tupdesc, 1, &isnull)) &&
			  !isnull) ? 1 : 0;
	}
	else if (rc != SPI_OK_INSERT)
		elog(ERROR, "could not record the screening registration: %s",
			 SPI_result_code_string(rc));
	precursor_search_path_restore(nestlevel);
	SPI_finish();
	SetUserIdAndSecContext(save_userid, save_sec);
	return rc;
}

/*
 * A database still at version 1.0 of the extension (this module serves it
 * until ALTER EXTENSION precursor UPDATE) has no registrations: there every
 * trigger writes, as 1.0 did.
 */
static bool
registry_installed(void)
{
	Oid			nsp = get_namespace_oid("precursor", true);

	return OidIsValid(nsp) && OidIsValid(get_relname_relid("screened_table", nsp));
}

bool
registry_check(Relation rel, const char *tgname, int nargs, char **args,
					  Oid writer)
{
	Datum		v[5];

	if (!registry_installed())
		return true;

	registry_args(rel, tgname, nargs, args, v);
	return registry_run(&plan_check,
						"SELECT EXISTS (SELECT FROM precursor.screened_table s"
						" JOIN pg_catalog.pg_class c ON c.oid OPERATOR(pg_catalog.=) s.relid"
						" WHERE (s.relid OPERATOR(pg_catalog.=) $1 OR s.relid OPERATOR(pg_catalog.=) ANY"
						"       (SELECT a.relid FROM pg_catalog.pg_partition_ancestors($1) a))"
						"   AND s.trigger_name OPERATOR(pg_catalog.=) $2"
						"   AND s.table_owner OPERATOR(pg_catalog.=) c.relowner"
						"   AND s.options OPERATOR(pg_catalog.=) $4)",
						4, v, true, writer) == 1;
}

bool
registry_may_register(void)
{
	Oid			manager = get_role_oid("precursor_manager", true);

	return OidIsValid(manager) && has_privs_of_role(GetUserId(), manager);
}

void
registry_record(Relation rel, const char *tgname, int nargs, char **args,
					   Oid writer)
{
	Datum		v[5];

	if (!registry_installed())
		return;
	registry_args(rel, tgname, nargs, args, v);
	(void) registry_run(&plan_record,
						"WITH old AS (DELETE FROM precursor.screened_table s"
						"  WHERE s.relid OPERATOR(pg_catalog.=) $1"
						"    AND s.trigger_name OPERATOR(pg_catalog.=) $2)"
						" INSERT INTO precursor.screened_table"
						" (relid, trigger_name, table_owner, options, registered_by)"
						" VALUES ($1, $2, $3, $4, $5)",
						5, v, false, writer);
}
