/*
 * screen_trigger_config.c
 *		The arguments of precursor.screen_trigger(): parsed and checked against
 *		the table once per statement (trigger_config_get(), cached in
 *		fn_extra, so a COPY of a million rows parses them once) and when the
 *		trigger is created (precursor.screen_trigger_validate()).
 *
 * The arguments are key=value pairs, for example
 *
 *	 CREATE TRIGGER screen BEFORE INSERT OR UPDATE ON decl FOR EACH ROW
 *	 EXECUTE FUNCTION precursor.screen_trigger('description=goods',
 *			'casrn=cas', 'cn=cn_code', 'quantity=qty', 'unit=unit',
 *			'consignee=consignee', 'country=dest', 'date=declared_on',
 *			'key=decl_id', 'mode=alert');
 */
#include "precursor.h"

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_class.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/fmgroids.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "screen_trigger_registry.h"
#include "screen_trigger_int.h"

PG_FUNCTION_INFO_V1(precursor_screen_trigger_validate);
PG_FUNCTION_INFO_V1(precursor_screen_trigger_arguments);

/* Which column types a column argument accepts */
typedef enum ColAccept
{
	ACCEPT_STRING,				/* text, varchar, char, citext, domains over them */
	ACCEPT_CASRN,				/* precursor.casrn or a string */
	ACCEPT_CNCODE,				/* precursor.cncode or a string */
	ACCEPT_INCHIKEY,			/* inchikey or a string */
	ACCEPT_NUMBER,				/* integer, numeric, real, double precision */
	ACCEPT_DATE,				/* date, timestamp, timestamptz */
	ACCEPT_ANY,					/* anything with an output function */
	ACCEPT_JSONB				/* jsonb */
} ColAccept;

/* The arguments that are values, not column names */
typedef enum ValueArg
{
	VAL_MODE,
	VAL_REJECT_CATEGORIES,
	VAL_WINDOW,
	VAL_FUZZY,
	VAL_BELOW_THRESHOLD,
	NUM_VALUE_ARGS
} ValueArg;

typedef enum ArgKind
{
	ARG_COLUMN,					/* names a column of the table */
	ARG_VALUE					/* a setting of the trigger */
} ArgKind;

/*
 * One trigger argument.  Parsing, the checks of a column's type, the list of
 * known arguments in the error hint and the "nothing to screen" hint are all
 * read from trigger_args[]; SQL reads it through
 * precursor.screen_trigger_arguments(), from which the install script
 * derives the COMMENT of precursor.screen_trigger(), and
 * tests/integration/docs_match_code.sh checks that the README's argument
 * table lists the same arguments in the same order.
 */
typedef struct TriggerArg
{
	const char *name;
	ArgKind		kind;
	int			slot;			/* ColRole of a column, ValueArg of a value */
	ColAccept	accept;			/* columns: the types accepted */
	const char *expect;			/* columns: those types, for the error message */
	bool		screened;		/* one of these columns at least is required */
	const char *default_value;	/* values: NULL if derived (see help) */
	const char *help;
} TriggerArg;

#define COLUMN_ARG(name, role, accept, expect, screened, help) \
	{name, ARG_COLUMN, role, accept, expect, screened, NULL, help}
#define VALUE_ARG(name, val, dflt, help) \
	{name, ARG_VALUE, val, ACCEPT_ANY, NULL, false, dflt, help}

static const TriggerArg trigger_args[] = {
	COLUMN_ARG("description", COL_DESCRIPTION, ACCEPT_STRING, "a text type", true,
			   "free text screened for names, CAS RNs, EC numbers, CN codes and InChIKeys"),
	COLUMN_ARG("casrn", COL_CASRN, ACCEPT_CASRN, "casrn or a text type", true,
			   "the declared CAS RN"),
	COLUMN_ARG("cn", COL_CN, ACCEPT_CNCODE, "cncode or a text type", true,
			   "the declared CN code"),
	COLUMN_ARG("inchikey", COL_INCHIKEY, ACCEPT_INCHIKEY, "inchikey or a text type", true,
			   "the declared InChIKey"),
	COLUMN_ARG("quantity", COL_QUANTITY, ACCEPT_NUMBER, "a numeric type", false,
			   "the declared quantity, compared with thresholds"),
	COLUMN_ARG("unit", COL_UNIT, ACCEPT_STRING, "a text type", false,
			   "the unit of the quantity"),
	COLUMN_ARG("consignee", COL_CONSIGNEE, ACCEPT_STRING, "a text type", false,
			   "whose shipments the cumulative rule sums"),
	COLUMN_ARG("consignor", COL_CONSIGNOR, ACCEPT_STRING, "a text type", false,
			   "recorded in the alert"),
	COLUMN_ARG("country", COL_COUNTRY, ACCEPT_STRING, "a text type", false,
			   "recorded in the alert and the shipment ledger"),
	COLUMN_ARG("date", COL_DATE, ACCEPT_DATE,
			   "date, timestamp or timestamp with time zone", false,
			   "the shipment's date (default: the transaction's)"),
	COLUMN_ARG("key", COL_KEY, ACCEPT_ANY, "any type", false,
			   "identifies the row in alerts and the ledger"),
	COLUMN_ARG("annotate", COL_ANNOTATE, ACCEPT_JSONB, "jsonb", false,
			   "the column annotate mode writes the findings to"),
	VALUE_ARG("mode", VAL_MODE, "alert",
			  "alert, annotate, reject or a comma-separated combination"),
	VALUE_ARG("reject_categories", VAL_REJECT_CATEGORIES, NULL,
			  "categories that reject mode refuses (default 1)"),
	VALUE_ARG("window", VAL_WINDOW, "30 days",
			  "the interval the cumulative rule sums over"),
	VALUE_ARG("fuzzy", VAL_FUZZY, NULL,
			  "on or off (default: the setting precursor.fuzzy)"),
	VALUE_ARG("below_threshold", VAL_BELOW_THRESHOLD, "ignore",
			  "ignore or alert: findings below their quantity threshold"),
};

#define NUM_TRIGGER_ARGS	lengthof(trigger_args)

static const TriggerArg *
trigger_arg_find(const char *name)
{
	int			i;

	for (i = 0; i < NUM_TRIGGER_ARGS; i++)
		if (strcmp(name, trigger_args[i].name) == 0)
			return &trigger_args[i];
	return NULL;
}

/* "a, b, c" (last_sep ", ") or "a, b or c" (last_sep " or "), from the table */
static char *
trigger_arg_names(bool screened_only, const char *last_sep)
{
	StringInfoData b;
	int			n = 0;
	int			total = 0;
	int			i;

	for (i = 0; i < NUM_TRIGGER_ARGS; i++)
		if (!screened_only || trigger_args[i].screened)
			total++;
	initStringInfo(&b);
	for (i = 0; i < NUM_TRIGGER_ARGS; i++)
	{
		if (screened_only && !trigger_args[i].screened)
			continue;
		if (n > 0)
			appendStringInfoString(&b, n == total - 1 ? last_sep : ", ");
		appendStringInfoString(&b, trigger_args[i].name);
		n++;
	}
	return b.data;
}

static bool
is_string_type(Oid typid)
{
	char		category;
	bool		preferred;

	if (typid == NAMEOID)
		return false;			/* fixed-length, not a varlena */
	get_type_category_preferred(typid, &category, &preferred);
	return category == TYPCATEGORY_STRING && get_typlen(typid) == -1;
}

bool
trigger_category_listed(const char *cat, char **list, int n)
{
	int			i;

	for (i = 0; i < n; i++)
		if (pg_strcasecmp(cat, list[i]) == 0)
			return true;
	return false;
}

/* Split "a, b ,c" into trimmed non-empty pieces. */
static char **
split_list(const char *value, int *n)
{
	char	   *copy = pstrdup(value);
	char	  **out = palloc(sizeof(char *) * (strlen(value) / 2 + 2));
	char	   *tok;
	char	   *save;

	*n = 0;
	for (tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
	{
		char	   *end;

		while (*tok == ' ')
			tok++;
		end = tok + strlen(tok);
		while (end > tok && end[-1] == ' ')
			*--end = '\0';
		if (*tok)
			out[(*n)++] = tok;
	}
	return out;
}

/* A column argument: the column exists and has a type the argument accepts */
static void
bind_column(ScreenConfig *cfg, Relation rel, const TriggerArg *ta,
			const char *key, const char *value, const char *arg,
			const char *tgname)
{
	TupleDesc	tupdesc = RelationGetDescr(rel);
	const char *relname = RelationGetRelationName(rel);
	ScreenColumn *c = &cfg->col[ta->slot];
	AttrNumber	attnum;
	Form_pg_attribute att;
	Oid			base;
	bool		ok;

	if (c->attnum != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("argument \"%s\" is given twice to trigger \"%s\" on table \"%s\"",
						key, tgname, relname)));
	attnum = SPI_fnumber(tupdesc, value);
	if (attnum == SPI_ERROR_NOATTRIBUTE || attnum <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_COLUMN),
				 errmsg("column \"%s\" of relation \"%s\" does not exist",
						value, relname),
				 errdetail("Trigger \"%s\" names it in argument \"%s\".",
						   tgname, arg)));
	att = TupleDescAttr(tupdesc, attnum - 1);
	base = getBaseType(att->atttypid);
	switch (ta->accept)
	{
		case ACCEPT_STRING:
			ok = is_string_type(base);
			break;
		case ACCEPT_CASRN:
			{
				Oid			casrn_oid = precursor_type_oid("casrn");

				ok = is_string_type(base) || (OidIsValid(casrn_oid) && base == casrn_oid);
				c->typed_ident = ok && !is_string_type(base);
				break;
			}
		case ACCEPT_CNCODE:
			{
				Oid			cncode_oid = precursor_type_oid("cncode");

				ok = is_string_type(base) || (OidIsValid(cncode_oid) && base == cncode_oid);
				c->typed_ident = ok && !is_string_type(base);
				break;
			}
		case ACCEPT_INCHIKEY:
			{
				Oid			inchikey_oid = precursor_type_oid("inchikey");

				ok = is_string_type(base) || (OidIsValid(inchikey_oid) && base == inchikey_oid);
				c->typed_ident = ok && !is_string_type(base);
				break;
			}
		case ACCEPT_NUMBER:
			ok = (base == INT2OID || base == INT4OID || base == INT8OID ||
				  base == NUMERICOID || base == FLOAT4OID || base == FLOAT8OID);
			break;
		case ACCEPT_DATE:
			ok = (base == DATEOID || base == TIMESTAMPOID || base == TIMESTAMPTZOID);
			break;
		case ACCEPT_JSONB:
			ok = (base == JSONBOID);
			break;
		default:
			ok = true;
			break;
	}
	if (!ok)
		ereport(ERROR,
				(errcode(ERRCODE_DATATYPE_MISMATCH),
				 errmsg("column \"%s\" of relation \"%s\" has type %s, but argument \"%s\" of trigger \"%s\" needs %s",
						value, relname, format_type_be(att->atttypid),
						key, tgname, ta->expect)));
	if (ta->slot == COL_ANNOTATE && att->attgenerated)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("column \"%s\" of relation \"%s\" is a generated column and cannot be annotated",
						value, relname)));
	c->attnum = attnum;
	c->typid = base;
	c->typlen = att->attlen;
	c->typbyval = att->attbyval;
	c->name = pstrdup(value);
}

/* mode: a comma-separated set of alert, annotate, reject */
static void
parse_modes(ScreenConfig *cfg, const char *mode_text, const char *tgname,
			const char *relname)
{
	int			n;
	int			i;
	char	  **modes = split_list(mode_text, &n);

	if (n == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("empty mode for trigger \"%s\" on table \"%s\"", tgname, relname),
				 errhint("Use alert, annotate or reject, or a comma-separated combination.")));
	for (i = 0; i < n; i++)
	{
		if (pg_strcasecmp(modes[i], "alert") == 0)
			cfg->modes |= MODE_ALERT;
		else if (pg_strcasecmp(modes[i], "annotate") == 0)
			cfg->modes |= MODE_ANNOTATE;
		else if (pg_strcasecmp(modes[i], "reject") == 0)
			cfg->modes |= MODE_REJECT;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown mode \"%s\" for trigger \"%s\" on table \"%s\"",
							modes[i], tgname, relname),
					 errhint("Use alert, annotate or reject, or a comma-separated combination such as 'mode=alert,reject'.")));
	}
}

/* The columns against the modes and each other */
static void
check_columns(ScreenConfig *cfg, const char *tgname, const char *relname)
{
	int			i;

	if ((cfg->modes & MODE_ANNOTATE) && cfg->col[COL_ANNOTATE].attnum == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("mode annotate of trigger \"%s\" on table \"%s\" needs a column to write to",
						tgname, relname),
				 errhint("Add an argument such as 'annotate=hits', naming a jsonb column.")));
	if (!(cfg->modes & MODE_ANNOTATE) && cfg->col[COL_ANNOTATE].attnum != 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger \"%s\" on table \"%s\" names an annotate column but its mode does not include annotate",
						tgname, relname),
				 errhint("Add annotate to the mode, e.g. 'mode=annotate' or 'mode=alert,annotate'.")));
	{
		bool		screens = false;

		for (i = 0; i < NUM_TRIGGER_ARGS; i++)
			if (trigger_args[i].screened && cfg->col[trigger_args[i].slot].attnum != 0)
				screens = true;
		if (!screens)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("trigger \"%s\" on table \"%s\" has nothing to screen", tgname, relname),
					 errhint("Name at least one of the columns %s.",
							 trigger_arg_names(true, " or "))));
	}
	for (i = 0; i < NUM_COL_ROLES; i++)
	{
		if (i != COL_ANNOTATE && cfg->col[COL_ANNOTATE].attnum != 0 &&
			cfg->col[i].attnum == cfg->col[COL_ANNOTATE].attnum)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the annotate column \"%s\" of trigger \"%s\" is also one of its input columns",
							cfg->col[COL_ANNOTATE].name, tgname)));
	}
}

/* window: interval_in's own error would not say which argument is wrong */
static void
parse_window(ScreenConfig *cfg, const char *tgname)
{
	MemoryContext cxt = CurrentMemoryContext;

	PG_TRY();
	{
		cfg->window = DatumGetIntervalP(DirectFunctionCall3(interval_in,
															CStringGetDatum(cfg->window_text),
															ObjectIdGetDatum(InvalidOid),
															Int32GetDatum(-1)));
	}
	PG_CATCH();
	{
		ErrorData  *edata;

		MemoryContextSwitchTo(cxt);
		edata = CopyErrorData();
		FlushErrorState();
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value \"%s\" for argument \"window\" of trigger \"%s\"",
						cfg->window_text, tgname),
				 errdetail("%s", edata->message),
				 errhint("Give an interval, e.g. window=30 days.")));
	}
	PG_END_TRY();
}

/* Alerts are written as the owner of precursor.alert. */
static Oid
alert_owner(void)
{
	Oid			nsp = get_namespace_oid("precursor", false);
	Oid			alert_rel = get_relname_relid("alert", nsp);
	HeapTuple	tup;
	Oid			owner;

	if (!OidIsValid(alert_rel))
		elog(ERROR, "table precursor.alert is missing");
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(alert_rel));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", alert_rel);
	owner = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);
	return owner;
}

/* The value arguments other than mode and fuzzy, defaults applied */
static void
parse_values(ScreenConfig *cfg, const char **values, const char *tgname,
			 const char *relname)
{
	const char *below_text = values[VAL_BELOW_THRESHOLD];

	if (cfg->modes & MODE_REJECT)
	{
		const char *reject_text = values[VAL_REJECT_CATEGORIES];

		cfg->reject_text = pstrdup(reject_text ? reject_text : "1");
		cfg->reject_categories = split_list(cfg->reject_text, &cfg->nreject);
		if (cfg->nreject == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("empty reject_categories for trigger \"%s\" on table \"%s\"",
							tgname, relname)));
	}
	else if (values[VAL_REJECT_CATEGORIES] != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger \"%s\" on table \"%s\" names reject_categories but its mode does not include reject",
						tgname, relname)));

	if (pg_strcasecmp(below_text, "ignore") == 0)
		cfg->alert_below_threshold = false;
	else if (pg_strcasecmp(below_text, "alert") == 0)
		cfg->alert_below_threshold = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value \"%s\" for argument \"below_threshold\" of trigger \"%s\"",
						below_text, tgname),
				 errhint("Use alert or ignore.")));

	cfg->window_text = pstrdup(values[VAL_WINDOW]);
	parse_window(cfg, tgname);
}

/*
 * Parse and check the trigger's arguments against the table.  Errors say
 * which argument is wrong and how to fix it.  Allocates in the current
 * memory context.
 */
ScreenConfig *
trigger_config_parse(Relation rel, const char *tgname, Oid tgoid, int nargs,
					 char **args)
{
	ScreenConfig *cfg = palloc0(sizeof(ScreenConfig));
	TupleDesc	tupdesc = RelationGetDescr(rel);
	const char *relname = RelationGetRelationName(rel);
	const char *values[NUM_VALUE_ARGS];
	int			i;

	cfg->tgoid = tgoid;
	cfg->tgname = pstrdup(tgname);
	cfg->table_name = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
												 relname);
	matching_default_options(&cfg->opts);
	cfg->opts.lookup = false;
	cfg->opts.stop_at_first = false;
	for (i = 0; i < NUM_TRIGGER_ARGS; i++)
		if (trigger_args[i].kind == ARG_VALUE)
			values[trigger_args[i].slot] = trigger_args[i].default_value;

	for (i = 0; i < nargs; i++)
	{
		const char *arg = args[i];
		const char *eq = strchr(arg, '=');
		char	   *key;
		const char *value;
		const TriggerArg *ta;

		if (eq == NULL || eq == arg)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid argument \"%s\" of trigger \"%s\" on table \"%s\"",
							arg, tgname, relname),
					 errdetail("Arguments of precursor.screen_trigger() are key=value pairs."),
					 errhint("For example: 'description=goods_text', 'mode=alert'.")));
		key = pnstrdup(arg, eq - arg);
		value = eq + 1;
		while (*value == ' ')
			value++;

		ta = trigger_arg_find(key);
		if (ta == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown argument \"%s\" of trigger \"%s\" on table \"%s\"",
							key, tgname, relname),
					 errhint("Known arguments: %s.", trigger_arg_names(false, ", "))));
		if (ta->kind == ARG_COLUMN)
			bind_column(cfg, rel, ta, key, value, arg, tgname);
		else
		{
			/* a value given twice: the last one counts */
			values[ta->slot] = value;
			if (ta->slot == VAL_FUZZY && !parse_bool(value, &cfg->opts.fuzzy))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid value \"%s\" for argument \"fuzzy\" of trigger \"%s\"",
								value, tgname),
						 errhint("Use on or off.")));
		}
	}

	parse_modes(cfg, values[VAL_MODE], tgname, relname);
	check_columns(cfg, tgname, relname);

	parse_values(cfg, values, tgname, relname);

	if (cfg->col[COL_KEY].attnum != 0)
	{
		Oid			outfn;
		bool		varlena;

		getTypeOutputInfo(TupleDescAttr(tupdesc, cfg->col[COL_KEY].attnum - 1)->atttypid,
						  &outfn, &varlena);
		fmgr_info_cxt(outfn, &cfg->key_out, CurrentMemoryContext);
	}

	cfg->writer = alert_owner();
	cfg->empty_jsonb = DirectFunctionCall1(jsonb_in, CStringGetDatum("[]"));
	return cfg;
}

ScreenConfig *
trigger_config_get(FunctionCallInfo fcinfo, TriggerData *trigdata)
{
	ScreenConfig *cfg = fcinfo->flinfo->fn_extra;
	Trigger    *tg = trigdata->tg_trigger;
	MemoryContext old;

	if (cfg != NULL && cfg->tgoid == tg->tgoid)
		return cfg;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	cfg = trigger_config_parse(trigdata->tg_relation, tg->tgname, tg->tgoid,
					   tg->tgnargs, tg->tgargs);
	cfg->rowcxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
										"precursor screen row",
										ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(old);

	/* once per statement: is this trigger still the one a manager approved? */
	cfg->registered = registry_check(trigdata->tg_relation, tg->tgname,
											tg->tgnargs, tg->tgargs, cfg->writer);
	if ((cfg->modes & MODE_ALERT) && !cfg->registered)
		ereport(ERROR,
				(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
				 errmsg("screening trigger \"%s\" on %s may not write alerts",
						cfg->tgname, cfg->table_name),
				 errdetail("The table, its owner and the trigger's arguments are not registered in precursor.screened_table."),
				 errhint("A member of precursor_manager registers it by creating the trigger (precursor.attach_screening) or by passing its OID to precursor.screen_trigger_validate().")));
	fcinfo->flinfo->fn_extra = cfg;
	return cfg;
}

/*
 * precursor.screen_trigger_validate(trigger oid): check a screening
 * trigger's timing, events and arguments against its table.  Called by
 * precursor.attach_screening() and by the event trigger on CREATE TRIGGER,
 * so that a bad configuration fails when the trigger is created.
 */
Datum
precursor_screen_trigger_validate(PG_FUNCTION_ARGS)
{
	Oid			tgoid = PG_GETARG_OID(0);
	Relation	tgrel;
	ScanKeyData key;
	SysScanDesc scan;
	HeapTuple	tup;
	Form_pg_trigger tg;
	Relation	rel;
	char	  **args;
	int			nargs;
	int16		tgtype;
	ScreenConfig *cfg;

	tgrel = table_open(TriggerRelationId, AccessShareLock);
	ScanKeyInit(&key, Anum_pg_trigger_oid, BTEqualStrategyNumber, F_OIDEQ,
				ObjectIdGetDatum(tgoid));
	scan = systable_beginscan(tgrel, TriggerOidIndexId, true, NULL, 1, &key);
	tup = systable_getnext(scan);
	if (!HeapTupleIsValid(tup))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_OBJECT),
				 errmsg("trigger with OID %u does not exist", tgoid)));
	tg = (Form_pg_trigger) GETSTRUCT(tup);
	tgtype = tg->tgtype;
	nargs = tg->tgnargs;
	args = palloc(sizeof(char *) * Max(nargs, 1));
	if (nargs > 0)
	{
		bool		isnull;
		Datum		d = fastgetattr(tup, Anum_pg_trigger_tgargs,
									RelationGetDescr(tgrel), &isnull);
		bytea	   *val = DatumGetByteaPP(d);
		char	   *p = VARDATA_ANY(val);
		int			i;

		for (i = 0; i < nargs; i++)
		{
			args[i] = pstrdup(p);
			p += strlen(p) + 1;
		}
	}
	rel = table_open(tg->tgrelid, AccessShareLock);

	if (!TRIGGER_FOR_ROW(tgtype) || !TRIGGER_FOR_BEFORE(tgtype) ||
		TRIGGER_FOR_DELETE(tgtype) || TRIGGER_FOR_TRUNCATE(tgtype) ||
		!TRIGGER_FOR_INSERT(tgtype))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_OBJECT_DEFINITION),
				 errmsg("trigger \"%s\" on table \"%s\" must be BEFORE INSERT [OR UPDATE] FOR EACH ROW",
						NameStr(tg->tgname), RelationGetRelationName(rel)),
				 errhint("precursor.screen_trigger() screens rows as they arrive; use precursor.attach_screening() to create the trigger.")));

	cfg = trigger_config_parse(rel, NameStr(tg->tgname), tgoid, nargs, args);

	/* a manager's approval is recorded; nobody else's alert trigger passes */
	if (!registry_check(rel, NameStr(tg->tgname), nargs, args, cfg->writer))
	{
		if (registry_may_register())
			registry_record(rel, NameStr(tg->tgname), nargs, args, cfg->writer);
		else if (cfg->modes & MODE_ALERT)
			ereport(ERROR,
					(errcode(ERRCODE_INSUFFICIENT_PRIVILEGE),
					 errmsg("permission denied to let trigger \"%s\" on table \"%s\" write alerts",
							NameStr(tg->tgname), RelationGetRelationName(rel)),
					 errdetail("Only a member of precursor_manager may register a table for alerts; this table, its owner and these arguments are not registered."),
					 errhint("Ask a member of precursor_manager to attach the trigger (precursor.attach_screening), or use 'mode=annotate' or 'mode=reject', which write nothing.")));
	}

	/* a second screening trigger would raise every alert twice */
	{
		ScanKeyData relkey;
		SysScanDesc relscan;
		HeapTuple	other;

		ScanKeyInit(&relkey, Anum_pg_trigger_tgrelid, BTEqualStrategyNumber, F_OIDEQ,
					ObjectIdGetDatum(tg->tgrelid));
		relscan = systable_beginscan(tgrel, TriggerRelidNameIndexId, true, NULL, 1, &relkey);
		while (HeapTupleIsValid(other = systable_getnext(relscan)))
		{
			Form_pg_trigger o = (Form_pg_trigger) GETSTRUCT(other);

			if (o->oid != tgoid && o->tgfoid == tg->tgfoid)
				ereport(ERROR,
						(errcode(ERRCODE_DUPLICATE_OBJECT),
						 errmsg("table \"%s\" already has the screening trigger \"%s\"",
								RelationGetRelationName(rel), NameStr(o->tgname)),
						 errdetail("A second screening trigger \"%s\" would raise every alert twice.",
								   NameStr(tg->tgname)),
						 errhint("Drop the trigger \"%s\" first, or change its arguments with a new precursor.attach_screening() after dropping it.",
								 NameStr(o->tgname))));
		}
		systable_endscan(relscan);
	}

	table_close(rel, AccessShareLock);
	systable_endscan(scan);
	table_close(tgrel, AccessShareLock);
	PG_RETURN_VOID();
}


/*
 * precursor.screen_trigger_arguments() RETURNS TABLE (name text, kind text,
 * accepts text, default_value text, screened boolean, help text):
 * trigger_args[], in its order.
 */
Datum
precursor_screen_trigger_arguments(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < NUM_TRIGGER_ARGS; i++)
	{
		const TriggerArg *a = &trigger_args[i];
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};

		values[0] = CStringGetTextDatum(a->name);
		values[1] = CStringGetTextDatum(a->kind == ARG_COLUMN ? "column" : "value");
		nulls[2] = (a->expect == NULL);
		if (a->expect)
			values[2] = CStringGetTextDatum(a->expect);
		nulls[3] = (a->default_value == NULL);
		if (a->default_value)
			values[3] = CStringGetTextDatum(a->default_value);
		values[4] = BoolGetDatum(a->screened);
		values[5] = CStringGetTextDatum(a->help);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
