/*
 * screen_trigger.c
 *		precursor.screen_trigger(): screen declarations as they are inserted,
 *		updated or copied into any table, and record alerts, annotate the row
 *		or reject it.  Also precursor.screen_trigger_validate(), which checks a
 *		trigger's configuration against its table.
 *
 * Configuration: the trigger's arguments are key=value pairs, for example
 *
 *	 CREATE TRIGGER screen BEFORE INSERT OR UPDATE ON decl FOR EACH ROW
 *	 EXECUTE FUNCTION precursor.screen_trigger('description=goods',
 *			'casrn=cas', 'cn=cn_code', 'quantity=qty', 'unit=unit',
 *			'consignee=consignee', 'country=dest', 'date=declared_on',
 *			'key=decl_id', 'mode=alert');
 *
 * The configuration is parsed and checked against the table once per
 * statement (cached in fn_extra), so a COPY of a million rows parses it once.
 * Per row, everything is allocated in a memory context reset at the next
 * row; SPI is entered only to write batches of alerts and shipment ledger
 * entries and for UPDATEs that replace a row's ledger entries, with plans
 * prepared once per backend (SPI_keepplan).  The ledger is read by a direct
 * index scan (ledger_read()).
 *
 * Alerts and ledger entries are written as the owner of precursor.alert
 * (as the RI triggers do for the referenced table), so the people loading
 * declarations need no privilege on the alert tables and cannot forge
 * alerts.
 *
 * The row is never changed except for the annotate column in annotate mode.
 */
#include "precursor.h"

#include <ctype.h>
#include <math.h>

#include "access/genam.h"
#include "access/htup_details.h"
#include "access/stratnum.h"
#include "access/table.h"
#include "access/tableam.h"
#include "access/xact.h"
#include "storage/lmgr.h"
#include "catalog/indexing.h"
#include "catalog/namespace.h"
#include "catalog/pg_collation.h"
#include "catalog/pg_trigger.h"
#include "catalog/pg_type.h"
#include "commands/trigger.h"
#include "executor/executor.h"
#include "executor/spi.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "common/hashfn.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "parser/analyze.h"
#include "parser/parse_type.h"
#include "tcop/utility.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "utils/date.h"
#include "utils/datum.h"
#include "utils/fmgroids.h"
#include "utils/hsearch.h"
#include "utils/json.h"
#include "utils/jsonb.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"
#include "utils/timestamp.h"

#include "casrn.h"
#include "cncode.h"
#include "screen.h"
#include "screen_registry.h"
#include "screen_rules.h"
#include "watchlist_cache.h"

/* SQLSTATE of a rejected declaration: class PR (precursor), see README */
#define ERRCODE_PRECURSOR_REJECTED	MAKE_SQLSTATE('P','R','0','0','1')

#define MAX_EXCERPT_BYTES	2000
#define MAX_CN_CANDIDATES	64

/* What a configured column is used for */
typedef enum ColRole
{
	COL_DESCRIPTION = 0,
	COL_CASRN,
	COL_CN,
	COL_QUANTITY,
	COL_UNIT,
	COL_CONSIGNEE,
	COL_CONSIGNOR,
	COL_COUNTRY,
	COL_DATE,
	COL_KEY,
	COL_ANNOTATE,
	NUM_COL_ROLES
} ColRole;

/* Which column types a role accepts */
typedef enum ColAccept
{
	ACCEPT_STRING,				/* text, varchar, char, citext, domains over them */
	ACCEPT_CASRN,				/* precursor.casrn or a string */
	ACCEPT_CNCODE,				/* precursor.cncode or a string */
	ACCEPT_NUMBER,				/* integer, numeric, real, double precision */
	ACCEPT_DATE,				/* date, timestamp, timestamptz */
	ACCEPT_ANY,					/* anything with an output function */
	ACCEPT_JSONB				/* jsonb */
} ColAccept;

typedef struct ColKey
{
	const char *key;
	ColRole		role;
	ColAccept	accept;
	const char *expect;			/* for the error message */
} ColKey;

static const ColKey col_keys[] = {
	{"description", COL_DESCRIPTION, ACCEPT_STRING, "a text type"},
	{"casrn", COL_CASRN, ACCEPT_CASRN, "casrn or a text type"},
	{"cn", COL_CN, ACCEPT_CNCODE, "cncode or a text type"},
	{"quantity", COL_QUANTITY, ACCEPT_NUMBER, "a numeric type"},
	{"unit", COL_UNIT, ACCEPT_STRING, "a text type"},
	{"consignee", COL_CONSIGNEE, ACCEPT_STRING, "a text type"},
	{"consignor", COL_CONSIGNOR, ACCEPT_STRING, "a text type"},
	{"country", COL_COUNTRY, ACCEPT_STRING, "a text type"},
	{"date", COL_DATE, ACCEPT_DATE, "date, timestamp or timestamp with time zone"},
	{"key", COL_KEY, ACCEPT_ANY, "any type"},
	{"annotate", COL_ANNOTATE, ACCEPT_JSONB, "jsonb"},
	{NULL, 0, 0, NULL}
};

#define MODE_ALERT		0x01
#define MODE_ANNOTATE	0x02
#define MODE_REJECT		0x04

typedef struct ScreenColumn
{
	AttrNumber	attnum;			/* 0 = not configured */
	Oid			typid;			/* base type */
	int16		typlen;
	bool		typbyval;
	bool		typed_ident;	/* precursor.casrn / precursor.cncode */
	char	   *name;
} ScreenColumn;

typedef struct ScreenConfig
{
	Oid			tgoid;
	char	   *tgname;
	char	   *table_name;		/* schema-qualified, quoted */
	ScreenColumn col[NUM_COL_ROLES];
	FmgrInfo	key_out;
	int			modes;
	int			nreject;
	char	  **reject_categories;
	char	   *reject_text;
	Interval   *window;
	char	   *window_text;
	bool		alert_below_threshold;
	bool		registered;		/* approved in precursor.screened_table */
	ScreenOptions opts;
	Oid			writer;			/* owner of precursor.alert */
	Datum		empty_jsonb;
	MemoryContext rowcxt;
} ScreenConfig;

/*
 * Evidence gathered for one chemical in one row.  The same chemical is
 * usually listed several times (EU 273/2004, EU 111/2005, UN 1988): its
 * entries are grouped by CAS RN into one finding, so that a row naming
 * acetic anhydride makes one alert, not three.  The most severe entry is the
 * finding's primary substance; the others are recorded in listed_as.
 */
#define MAX_LISTINGS	8
#define MAX_SPANS		16

typedef struct Finding
{
	int64		chem_key;		/* CAS RN, or -substance_id when it has none */
	int32		substance_id;	/* primary entry */
	const char *name;
	const char *watchlist;
	const char *category;
	float		severity;
	int			nlistings;
	int32		listing_id[MAX_LISTINGS];
	RuleSubstance *listing[MAX_LISTINGS];	/* NULL if not in the rules cache */
	RuleSubstance *thr;			/* the entry whose threshold applies */
	int			nspans;
	int32		span[MAX_SPANS][3];	/* start, end, kind of hits recorded */
	int64		more_mentions;	/* mentions past MAX_SPANS, counted only */
	int32		last_more[3];	/* the last of them, to count a span once */
	float		confidence;		/* how sure the identification is */
	float		aggravation;	/* what makes it worse */
	bool		identified;		/* by name or CAS RN, not only a CN code */
	bool		declared_cas;	/* the declared CAS RN is this chemical's */
	bool		obfuscated;		/* found through a misspelling or look-alikes */
	bool		cn_only;		/* a cn_watch finding */
	bool		below_threshold;
	bool		aggravated;
	bool		alert;
	float		score;
	StringInfoData reasons;		/* JSON objects, comma separated */
} Finding;

/*
 * Columns of the batched alert and shipment ledger inserts, by name: the
 * parameter $n of plan_alert / plan_ledger_insert is column n - 1 here, and
 * the types below are what the buffered values hold.
 */
typedef enum AlertCol
{
	ALERT_SOURCE_TABLE,
	ALERT_TRIGGER_NAME,
	ALERT_ROW_KEY,
	ALERT_SUBSTANCE_ID,
	ALERT_SUBSTANCE_NAME,
	ALERT_WATCHLIST_CODE,
	ALERT_CATEGORY,
	ALERT_SCORE,
	ALERT_REASONS,				/* JSON text, cast to jsonb */
	ALERT_CONSIGNEE,
	ALERT_CONSIGNOR,
	ALERT_COUNTRY,
	ALERT_DECLARED_ON,
	ALERT_QUANTITY,				/* float8, cast to numeric */
	ALERT_UNIT,
	ALERT_DECLARED_CN,
	ALERT_DECLARED_CASRN,
	ALERT_DESCRIPTION,
	ALERT_LISTED_AS,			/* JSON array text, to text[] */
	ALERT_SUPERSEDES,			/* "1,2", to bigint[] */
	ALERT_NCOLS
} AlertCol;

typedef enum LedgerCol
{
	LEDGER_CONSIGNEE_KEY,
	LEDGER_CONSIGNEE,
	LEDGER_SUBSTANCE_ID,
	LEDGER_SHIPPED_ON,
	LEDGER_QUANTITY,			/* float8, cast to numeric */
	LEDGER_UNIT,
	LEDGER_SOURCE_TABLE,
	LEDGER_ROW_KEY,
	LEDGER_COUNTRY,
	LEDGER_NCOLS
} LedgerCol;

static const Oid alert_types[ALERT_NCOLS] = {
	[ALERT_SOURCE_TABLE] = TEXTOID,
	[ALERT_TRIGGER_NAME] = TEXTOID,
	[ALERT_ROW_KEY] = TEXTOID,
	[ALERT_SUBSTANCE_ID] = INT4OID,
	[ALERT_SUBSTANCE_NAME] = TEXTOID,
	[ALERT_WATCHLIST_CODE] = TEXTOID,
	[ALERT_CATEGORY] = TEXTOID,
	[ALERT_SCORE] = FLOAT4OID,
	[ALERT_REASONS] = TEXTOID,
	[ALERT_CONSIGNEE] = TEXTOID,
	[ALERT_CONSIGNOR] = TEXTOID,
	[ALERT_COUNTRY] = TEXTOID,
	[ALERT_DECLARED_ON] = DATEOID,
	[ALERT_QUANTITY] = FLOAT8OID,
	[ALERT_UNIT] = TEXTOID,
	[ALERT_DECLARED_CN] = TEXTOID,
	[ALERT_DECLARED_CASRN] = TEXTOID,
	[ALERT_DESCRIPTION] = TEXTOID,
	[ALERT_LISTED_AS] = TEXTOID,
	[ALERT_SUPERSEDES] = TEXTOID,
};
static const Oid ledger_types[LEDGER_NCOLS] = {
	[LEDGER_CONSIGNEE_KEY] = TEXTOID,
	[LEDGER_CONSIGNEE] = TEXTOID,
	[LEDGER_SUBSTANCE_ID] = INT4OID,
	[LEDGER_SHIPPED_ON] = DATEOID,
	[LEDGER_QUANTITY] = FLOAT8OID,
	[LEDGER_UNIT] = TEXTOID,
	[LEDGER_SOURCE_TABLE] = TEXTOID,
	[LEDGER_ROW_KEY] = TEXTOID,
	[LEDGER_COUNTRY] = TEXTOID,
};

/* Plans saved once per backend */
static SPIPlanPtr plan_alert = NULL;
static SPIPlanPtr plan_ledger_insert = NULL;
static SPIPlanPtr plan_ledger_delete = NULL;
static SPIPlanPtr plan_supersede = NULL;

PG_FUNCTION_INFO_V1(precursor_screen_trigger);
PG_FUNCTION_INFO_V1(precursor_screen_trigger_validate);

/* ---------- configuration ---------- */

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

static bool
category_listed(const char *cat, char **list, int n)
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

/*
 * Parse and check the trigger's arguments against the table.  Errors say
 * which argument is wrong and how to fix it.  Allocates in the current
 * memory context.
 */
static ScreenConfig *
parse_config(Relation rel, const char *tgname, Oid tgoid, int nargs, char **args)
{
	ScreenConfig *cfg = palloc0(sizeof(ScreenConfig));
	TupleDesc	tupdesc = RelationGetDescr(rel);
	const char *relname = RelationGetRelationName(rel);
	Oid			casrn_oid = precursor_type_oid("casrn");
	Oid			cncode_oid = precursor_type_oid("cncode");
	const char *mode_text = "alert";
	const char *reject_text = NULL;
	const char *below_text = NULL;
	Oid			nsp;
	Oid			alert_rel;
	HeapTuple	tup;
	int			i;

	cfg->tgoid = tgoid;
	cfg->tgname = pstrdup(tgname);
	cfg->table_name = quote_qualified_identifier(get_namespace_name(RelationGetNamespace(rel)),
												 relname);
	precursor_screen_default_options(&cfg->opts);
	cfg->opts.lookup = false;
	cfg->opts.stop_at_first = false;
	cfg->window_text = "30 days";

	for (i = 0; i < nargs; i++)
	{
		const char *arg = args[i];
		const char *eq = strchr(arg, '=');
		char	   *key;
		const char *value;
		int			k;

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

		for (k = 0; col_keys[k].key != NULL; k++)
			if (strcmp(key, col_keys[k].key) == 0)
				break;

		if (col_keys[k].key != NULL)
		{
			const ColKey *ck = &col_keys[k];
			ScreenColumn *c = &cfg->col[ck->role];
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
			switch (ck->accept)
			{
				case ACCEPT_STRING:
					ok = is_string_type(base);
					break;
				case ACCEPT_CASRN:
					ok = is_string_type(base) || (OidIsValid(casrn_oid) && base == casrn_oid);
					c->typed_ident = ok && !is_string_type(base);
					break;
				case ACCEPT_CNCODE:
					ok = is_string_type(base) || (OidIsValid(cncode_oid) && base == cncode_oid);
					c->typed_ident = ok && !is_string_type(base);
					break;
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
								key, tgname, ck->expect)));
			if (ck->role == COL_ANNOTATE && att->attgenerated)
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
		else if (strcmp(key, "mode") == 0)
			mode_text = value;
		else if (strcmp(key, "reject_categories") == 0)
			reject_text = value;
		else if (strcmp(key, "window") == 0)
			cfg->window_text = pstrdup(value);
		else if (strcmp(key, "fuzzy") == 0)
		{
			if (!parse_bool(value, &cfg->opts.fuzzy))
				ereport(ERROR,
						(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
						 errmsg("invalid value \"%s\" for argument \"fuzzy\" of trigger \"%s\"",
								value, tgname),
						 errhint("Use on or off.")));
		}
		else if (strcmp(key, "below_threshold") == 0)
			below_text = value;
		else
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("unknown argument \"%s\" of trigger \"%s\" on table \"%s\"",
							key, tgname, relname),
					 errhint("Known arguments: description, casrn, cn, quantity, unit, consignee, consignor, country, date, key, annotate, mode, reject_categories, window, fuzzy, below_threshold.")));
	}

	/* mode: a comma-separated set of alert, annotate, reject */
	{
		int			n;
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
	if (cfg->col[COL_DESCRIPTION].attnum == 0 && cfg->col[COL_CASRN].attnum == 0 &&
		cfg->col[COL_CN].attnum == 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger \"%s\" on table \"%s\" has nothing to screen", tgname, relname),
				 errhint("Name at least one of the columns description, casrn or cn.")));
	for (i = 0; i < NUM_COL_ROLES; i++)
	{
		if (i != COL_ANNOTATE && cfg->col[COL_ANNOTATE].attnum != 0 &&
			cfg->col[i].attnum == cfg->col[COL_ANNOTATE].attnum)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("the annotate column \"%s\" of trigger \"%s\" is also one of its input columns",
							cfg->col[COL_ANNOTATE].name, tgname)));
	}

	if (cfg->modes & MODE_REJECT)
	{
		cfg->reject_text = pstrdup(reject_text ? reject_text : "1");
		cfg->reject_categories = split_list(cfg->reject_text, &cfg->nreject);
		if (cfg->nreject == 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("empty reject_categories for trigger \"%s\" on table \"%s\"",
							tgname, relname)));
	}
	else if (reject_text != NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("trigger \"%s\" on table \"%s\" names reject_categories but its mode does not include reject",
						tgname, relname)));

	if (below_text == NULL || pg_strcasecmp(below_text, "ignore") == 0)
		cfg->alert_below_threshold = false;
	else if (pg_strcasecmp(below_text, "alert") == 0)
		cfg->alert_below_threshold = true;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid value \"%s\" for argument \"below_threshold\" of trigger \"%s\"",
						below_text, tgname),
				 errhint("Use alert or ignore.")));

	/* interval_in's own error would not say which argument is wrong */
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

	if (cfg->col[COL_KEY].attnum != 0)
	{
		Oid			outfn;
		bool		varlena;

		getTypeOutputInfo(TupleDescAttr(tupdesc, cfg->col[COL_KEY].attnum - 1)->atttypid,
						  &outfn, &varlena);
		fmgr_info_cxt(outfn, &cfg->key_out, CurrentMemoryContext);
	}

	/* Alerts are written as the owner of precursor.alert. */
	nsp = get_namespace_oid("precursor", false);
	alert_rel = get_relname_relid("alert", nsp);
	if (!OidIsValid(alert_rel))
		elog(ERROR, "table precursor.alert is missing");
	tup = SearchSysCache1(RELOID, ObjectIdGetDatum(alert_rel));
	if (!HeapTupleIsValid(tup))
		elog(ERROR, "cache lookup failed for relation %u", alert_rel);
	cfg->writer = ((Form_pg_class) GETSTRUCT(tup))->relowner;
	ReleaseSysCache(tup);

	cfg->empty_jsonb = DirectFunctionCall1(jsonb_in, CStringGetDatum("[]"));
	return cfg;
}

/* ---------- reading the row ---------- */

static char *
get_string(ScreenConfig *cfg, HeapTuple tuple, TupleDesc tupdesc, ColRole role,
		   int *len)
{
	ScreenColumn *c = &cfg->col[role];
	bool		isnull;
	Datum		d;
	text	   *t;

	if (c->attnum == 0)
		return NULL;
	d = heap_getattr(tuple, c->attnum, tupdesc, &isnull);
	if (isnull)
		return NULL;
	t = (text *) PG_DETOAST_DATUM_PACKED(d);
	if (len)
		*len = VARSIZE_ANY_EXHDR(t);
	return VARDATA_ANY(t);
}

static char *
get_cstring(ScreenConfig *cfg, HeapTuple tuple, TupleDesc tupdesc, ColRole role)
{
	int			len;
	char	   *s = get_string(cfg, tuple, tupdesc, role, &len);

	return s ? pnstrdup(s, len) : NULL;
}

/*
 * An identifier column (typed or text); false when null, blank or
 * unparsable, and then *invalid is the text that did not parse (or NULL).
 */
static bool
get_ident(ScreenConfig *cfg, HeapTuple tuple, TupleDesc tupdesc, ColRole role,
		  int64 *out, char **invalid)
{
	ScreenColumn *c = &cfg->col[role];
	bool		isnull;
	Datum		d;
	int			len;
	char	   *s;
	char	   *all;
	int			all_len;
	bool		ok;
	int			i;

	*invalid = NULL;

	if (c->attnum == 0)
		return false;
	if (c->typed_ident)
	{
		d = heap_getattr(tuple, c->attnum, tupdesc, &isnull);
		if (isnull)
			return false;
		*out = DatumGetInt64(d);
		return true;
	}
	s = get_string(cfg, tuple, tupdesc, role, &len);
	if (s == NULL)
		return false;
	all = s;
	all_len = len;
	if (role == COL_CASRN)
		ok = casrn_parse(s, len, out, NULL) && casrn_value_is_valid(*out);
	else
	{
		/* CN codes are often written "ex 2918 30 00" or with a trailing TARIC */
		if (len > 3 && pg_strncasecmp(s, "ex ", 3) == 0)
		{
			s += 3;
			len -= 3;
		}
		ok = cncode_parse(s, len, out, NULL) && cncode_value_is_valid(*out);
	}
	if (ok)
		return true;
	/* a blank column declares nothing; anything else is a malformed code */
	for (i = 0; i < all_len; i++)
		if (!isspace((unsigned char) all[i]))
		{
			*invalid = pnstrdup(all, Min(all_len, 100));
			break;
		}
	return false;
}

static bool
get_quantity(ScreenConfig *cfg, HeapTuple tuple, TupleDesc tupdesc, double *out)
{
	ScreenColumn *c = &cfg->col[COL_QUANTITY];
	bool		isnull;
	Datum		d;

	if (c->attnum == 0)
		return false;
	d = heap_getattr(tuple, c->attnum, tupdesc, &isnull);
	if (isnull)
		return false;
	switch (c->typid)
	{
		case INT2OID:
			*out = DatumGetInt16(d);
			break;
		case INT4OID:
			*out = DatumGetInt32(d);
			break;
		case INT8OID:
			*out = (double) DatumGetInt64(d);
			break;
		case FLOAT4OID:
			*out = DatumGetFloat4(d);
			break;
		case FLOAT8OID:
			*out = DatumGetFloat8(d);
			break;
		default:
			*out = DatumGetFloat8(DirectFunctionCall1(numeric_float8_no_overflow, d));
			break;
	}
	/* NaN, infinite, zero or negative: declared, but invalid (the caller) */
	return true;
}

static DateADT
get_date(ScreenConfig *cfg, HeapTuple tuple, TupleDesc tupdesc)
{
	ScreenColumn *c = &cfg->col[COL_DATE];
	bool		isnull;
	Datum		d;

	if (c->attnum != 0)
	{
		d = heap_getattr(tuple, c->attnum, tupdesc, &isnull);
		if (!isnull)
		{
			if (c->typid == DATEOID)
				return DatumGetDateADT(d);
			if (c->typid == TIMESTAMPOID)
				return DatumGetDateADT(DirectFunctionCall1(timestamp_date, d));
			return DatumGetDateADT(DirectFunctionCall1(timestamptz_date, d));
		}
	}
	/* no declared date: the day of the transaction */
	return DatumGetDateADT(DirectFunctionCall1(timestamptz_date,
											   TimestampTzGetDatum(GetCurrentTransactionStartTimestamp())));
}

static char *
get_key(ScreenConfig *cfg, HeapTuple tuple, TupleDesc tupdesc)
{
	bool		isnull;
	Datum		d;

	if (cfg->col[COL_KEY].attnum == 0)
		return NULL;
	d = heap_getattr(tuple, cfg->col[COL_KEY].attnum, tupdesc, &isnull);
	if (isnull)
		return NULL;
	return OutputFunctionCall(&cfg->key_out, d);
}

/* Did any configured input column change in this UPDATE? */
static bool
inputs_changed(ScreenConfig *cfg, HeapTuple oldt, HeapTuple newt, TupleDesc tupdesc)
{
	int			i;

	for (i = 0; i < NUM_COL_ROLES; i++)
	{
		ScreenColumn *c = &cfg->col[i];
		bool		n1,
					n2;
		Datum		d1,
					d2;

		if (c->attnum == 0 || i == COL_ANNOTATE)
			continue;
		d1 = heap_getattr(oldt, c->attnum, tupdesc, &n1);
		d2 = heap_getattr(newt, c->attnum, tupdesc, &n2);
		if (n1 != n2)
			return true;
		if (!n1 && !datumIsEqual(d1, d2, c->typbyval, c->typlen))
			return true;
	}
	return false;
}

/* ---------- evidence ---------- */

static void
add_listing(Finding *f, int32 substance_id, RuleSubstance *sub, const char *name,
			const char *watchlist, const char *category)
{
	float		severity = sub ? sub->severity : 0.6f;
	int			i;

	for (i = 0; i < f->nlistings; i++)
		if (f->listing_id[i] == substance_id)
			return;
	if (f->nlistings < MAX_LISTINGS)
	{
		f->listing_id[f->nlistings] = substance_id;
		f->listing[f->nlistings] = sub;
		f->nlistings++;
	}
	if (f->substance_id == 0 || severity > f->severity ||
		(severity == f->severity && substance_id < f->substance_id))
	{
		f->substance_id = substance_id;
		f->severity = severity;
		f->name = sub ? sub->name : pstrdup(name ? name : "?");
		f->watchlist = sub ? sub->watchlist_code : pstrdup(watchlist ? watchlist : "?");
		f->category = sub ? sub->category : pstrdup(category ? category : "?");
	}
	if (sub && sub->has_threshold &&
		(f->thr == NULL || sub->substance_id < f->thr->substance_id))
		f->thr = sub;
}

/* The finding of the chemical this entry lists, created if new */
static Finding *
get_finding(List **findings, int32 substance_id, int64 hit_casrn,
			const char *name, const char *watchlist, const char *category)
{
	RuleSubstance *sub = screen_rules_substance(substance_id);
	int64		key;
	ListCell   *lc;
	Finding    *f = NULL;

	if (sub && sub->casrn != 0)
		key = sub->casrn;
	else if (!sub && hit_casrn != 0)
		key = hit_casrn;
	else
		key = -(int64) substance_id;

	foreach(lc, *findings)
	{
		Finding    *g = lfirst(lc);

		if (g->chem_key == key)
		{
			f = g;
			break;
		}
	}
	if (f == NULL)
	{
		f = palloc0(sizeof(Finding));
		f->chem_key = key;
		initStringInfo(&f->reasons);
		*findings = lappend(*findings, f);
	}
	add_listing(f, substance_id, sub, name, watchlist, category);
	return f;
}

/*
 * Record a hit's span once per finding; false if already recorded.  Past
 * MAX_SPANS mentions are only counted (more_mentions), so a description that
 * repeats a name a million times makes a bounded alert; hits come ordered by
 * position, so the same span through another list's entry is adjacent.
 */
static bool
new_span(Finding *f, int32 start, int32 end, int32 kind)
{
	int			i;

	for (i = 0; i < f->nspans; i++)
		if (f->span[i][0] == start && f->span[i][1] == end && f->span[i][2] == kind)
			return false;
	if (f->nspans < MAX_SPANS)
	{
		f->span[f->nspans][0] = start;
		f->span[f->nspans][1] = end;
		f->span[f->nspans][2] = kind;
		f->nspans++;
		return true;
	}
	if (f->more_mentions > 0 && f->last_more[0] == start &&
		f->last_more[1] == end && f->last_more[2] == kind)
		return false;
	f->last_more[0] = start;
	f->last_more[1] = end;
	f->last_more[2] = kind;
	f->more_mentions++;
	return false;
}

static bool
finding_in_category(Finding *f, char **list, int n)
{
	int			i;

	if (category_listed(f->category, list, n))
		return true;
	for (i = 0; i < f->nlistings; i++)
		if (f->listing[i] && category_listed(f->listing[i]->category, list, n))
			return true;
	return false;
}

static bool
finding_cn_fits(Finding *f, int64 declared, bool *has_codes)
{
	int			i;

	*has_codes = false;
	for (i = 0; i < f->nlistings; i++)
	{
		if (f->listing[i] == NULL || f->listing[i]->ncn == 0)
			continue;
		*has_codes = true;
		if (screen_rules_cn_fits(f->listing[i], declared))
			return true;
	}
	return false;
}

/* "EU-273/2004 2A" for each entry of the finding */
static void
append_listings_json(StringInfo b, Finding *f)
{
	int			i;

	appendStringInfoChar(b, '[');
	for (i = 0; i < f->nlistings; i++)
	{
		RuleSubstance *s = f->listing[i];

		if (i > 0)
			appendStringInfoChar(b, ',');
		if (s)
			escape_json(b, psprintf("%s %s", s->watchlist_code, s->category));
		else
			escape_json(b, psprintf("substance %d", f->listing_id[i]));
	}
	appendStringInfoChar(b, ']');
}

static void
reason_begin(Finding *f, const char *rule)
{
	if (f->reasons.len > 0)
		appendStringInfoChar(&f->reasons, ',');
	appendStringInfoString(&f->reasons, "{\"rule\":");
	escape_json(&f->reasons, rule);
}

static void
reason_str(Finding *f, const char *key, const char *value)
{
	appendStringInfo(&f->reasons, ",\"%s\":", key);
	if (value)
		escape_json(&f->reasons, value);
	else
		appendStringInfoString(&f->reasons, "null");
}

static void
reason_num(Finding *f, const char *key, double value)
{
	if (isfinite(value))
		appendStringInfo(&f->reasons, ",\"%s\":%.6g", key, value);
	else
		appendStringInfo(&f->reasons, ",\"%s\":null", key);
}

static void
reason_end(Finding *f)
{
	appendStringInfoChar(&f->reasons, '}');
}

/*
 * The matched text of a hit, from the byte offsets the scan computed in its
 * one pass (counting characters from the start per hit made the trigger
 * quadratic in the length of the description).
 */
static char *
hit_text(const char *text, int len, const PrecursorHit *h)
{
	if (h->start_byte < 0 || h->end_byte > len || h->start_byte > h->end_byte)
		return pstrdup("");
	return pnstrdup(text + h->start_byte, h->end_byte - h->start_byte);
}

static void
format_cn(int64 cn, char *buf)
{
	if (cncode_value_is_valid(cn))
		cncode_format(cn, buf);
	else
		strcpy(buf, "?");
}

/* ---------- SPI ---------- */

static SPIPlanPtr
prepare_saved(const char *sql, int nargs, Oid *argtypes)
{
	SPIPlanPtr	plan = SPI_prepare(sql, nargs, argtypes);

	if (plan == NULL)
		elog(ERROR, "SPI_prepare failed for \"%s\": %s", sql,
			 SPI_result_code_string(SPI_result));
	if (SPI_keepplan(plan) != 0)
		elog(ERROR, "SPI_keepplan failed");
	return plan;
}

/* Has precursor.alert the supersedes column (not in a database still at 1.0)? */
static bool
alert_supersedes(void)
{
	Oid			relid = get_relname_relid("alert", get_namespace_oid("precursor", false));

	return OidIsValid(relid) && get_attnum(relid, "supersedes") != InvalidAttrNumber;
}

static void
prepare_plans(void)
{
	if (plan_alert == NULL)
	{
		Oid			types[ALERT_NCOLS];
		int			i;

		for (i = 0; i < ALERT_NCOLS; i++)
			types[i] = get_array_type(alert_types[i]);

		/*
		 * One statement for a batch of alerts (see pending_flush()): every
		 * column comes as an array, unnested side by side in row order.
		 */
		/* a database still at 1.0 has no supersedes column: $20 is unused */
		plan_alert = prepare_saved(psprintf(
								   "INSERT INTO precursor.alert (source_table, trigger_name, row_key,"
								   " substance_id, substance_name, watchlist_code, category, score, reasons,"
								   " consignee, consignor, country, declared_on, quantity, unit,"
								   " declared_cn, declared_casrn, description, listed_as%s)"
								   " SELECT a1, a2, a3, a4, a5, a6, a7, a8, a9::pg_catalog.jsonb,"
								   " a10, a11, a12, a13, a14::pg_catalog.numeric, a15, a16, a17, a18,"
								   " ARRAY(SELECT pg_catalog.jsonb_array_elements_text(a19::pg_catalog.jsonb))%s"
								   " FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2),"
								   " pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5),"
								   " pg_catalog.unnest($6), pg_catalog.unnest($7), pg_catalog.unnest($8),"
								   " pg_catalog.unnest($9), pg_catalog.unnest($10), pg_catalog.unnest($11),"
								   " pg_catalog.unnest($12), pg_catalog.unnest($13), pg_catalog.unnest($14),"
								   " pg_catalog.unnest($15), pg_catalog.unnest($16), pg_catalog.unnest($17),"
								   " pg_catalog.unnest($18), pg_catalog.unnest($19), pg_catalog.unnest($20))"
								   " WITH ORDINALITY"
								   " AS u (a1, a2, a3, a4, a5, a6, a7, a8, a9, a10, a11, a12, a13, a14,"
								   " a15, a16, a17, a18, a19, a20, ord)"
								   " ORDER BY ord",
								   alert_supersedes() ? ", supersedes" : "",
								   alert_supersedes() ?
								   ", pg_catalog.string_to_array(a20, ',')::pg_catalog.int8[]" : ""),
								   ALERT_NCOLS, types);
	}
	if (plan_ledger_insert == NULL)
	{
		Oid			types[LEDGER_NCOLS];
		int			i;

		for (i = 0; i < LEDGER_NCOLS; i++)
			types[i] = get_array_type(ledger_types[i]);
		plan_ledger_insert = prepare_saved(
										   "INSERT INTO precursor.shipment_ledger (consignee_key, consignee,"
										   " substance_id, shipped_on, quantity, unit, source_table, row_key, country)"
										   " SELECT a1, a2, a3, a4, a5::pg_catalog.numeric, a6, a7, a8, a9"
										   " FROM ROWS FROM (pg_catalog.unnest($1), pg_catalog.unnest($2),"
										   " pg_catalog.unnest($3), pg_catalog.unnest($4), pg_catalog.unnest($5),"
										   " pg_catalog.unnest($6), pg_catalog.unnest($7), pg_catalog.unnest($8),"
										   " pg_catalog.unnest($9)) WITH ORDINALITY"
										   " AS u (a1, a2, a3, a4, a5, a6, a7, a8, a9, ord)"
										   " ORDER BY ord",
										   LEDGER_NCOLS, types);
	}
	if (plan_ledger_delete == NULL)
	{
		Oid			types[2] = {TEXTOID, TEXTOID};

		plan_ledger_delete = prepare_saved(
										   "DELETE FROM precursor.shipment_ledger"
										   " WHERE source_table OPERATOR(pg_catalog.=) $1"
										   "   AND row_key OPERATOR(pg_catalog.=) $2",
										   2, types);
	}
	if (plan_supersede == NULL)
	{
		Oid			types[3] = {TEXTOID, TEXTOID, TEXTOID};

		/* alert_guard() lets exactly this change through */
		plan_supersede = prepare_saved(
									   "UPDATE precursor.alert SET status = 'superseded'"
									   " WHERE source_table OPERATOR(pg_catalog.=) $1"
									   "   AND row_key OPERATOR(pg_catalog.=) $2"
									   "   AND trigger_name OPERATOR(pg_catalog.=) $3"
									   "   AND status OPERATOR(pg_catalog.=) 'open'"
									   " RETURNING alert_id",
									   3, types);
	}
}

/*
 * SPI for one row, entered at most once: connected, search_path pinned (see
 * screen_search_path_pin()) and the saved plans prepared.  Left by
 * spi_leave() before the trigger returns.
 */
typedef struct SpiRow
{
	bool		connected;
	int			nestlevel;
} SpiRow;

static void
spi_enter(SpiRow *spi)
{
	if (spi->connected)
		return;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	spi->connected = true;
	spi->nestlevel = screen_search_path_pin();
	prepare_plans();
}

static void
spi_leave(SpiRow *spi)
{
	if (!spi->connected)
		return;
	screen_search_path_restore(spi->nestlevel);
	SPI_finish();
	spi->connected = false;
}

/* Upper-case, trimmed, single-spaced: how consignees are grouped */
static char *
consignee_key(const char *s)
{
	StringInfoData b;
	bool		space = false;

	initStringInfo(&b);
	for (; *s; s++)
	{
		if (*s == ' ' || *s == '\t' || *s == '\n' || *s == '\r')
		{
			space = b.len > 0;
			continue;
		}
		if (space)
			appendStringInfoChar(&b, ' ');
		space = false;
		appendStringInfoChar(&b, pg_ascii_toupper((unsigned char) *s));
	}
	return b.data;
}

/* ---------- shipments per consignee and substance ---------- */

struct LedgerPair;
static void pending_subxact_end(SubTransactionId subid, SubTransactionId parent,
								bool commit);
static void pending_xact_end(XactEvent event);
static void pending_merge_ledger(const char *ckey, int32 substance_id,
								 struct LedgerPair *pair);
static void ledger_lock(void);

/*
 * The cumulative rule sums a consignee's shipments of a substance within the
 * window.  Instead of a query per shipment, the first shipment of a
 * (consignee, substance) pair in a transaction reads the pair's ledger rows
 * once, under the ledger lock (ledger_lock()); the transaction's own
 * shipments are then added to that list as they are recorded.  The list
 * stays exact while the lock is held: no other session can add a shipment
 * before this transaction ends.  It is dropped at the end of the
 * transaction, when a subtransaction aborts (its rows and possibly its lock
 * are gone), and when an UPDATE deletes ledger rows.  (Ledger rows changed by
 * hand in the same transaction are not seen; only the tables' owner can do
 * that.)
 */
typedef struct LedgerKey
{
	int32		substance_id;
	const char *consignee_key;	/* owned by the cache */
} LedgerKey;

typedef struct LedgerShipment
{
	DateADT		shipped_on;
	double		quantity;		/* kg or l, as stored */
} LedgerShipment;

typedef struct LedgerPair
{
	LedgerKey	key;			/* hash key: must be first */
	int			n;
	int			max;
	LedgerShipment *ship;
} LedgerPair;

static MemoryContext ledger_cxt = NULL;
static HTAB *ledger_pairs = NULL;
static bool ledger_callbacks = false;

static uint32
ledger_key_hash(const void *key, Size keysize)
{
	const LedgerKey *k = key;

	return hash_combine(hash_bytes((const unsigned char *) k->consignee_key,
								   strlen(k->consignee_key)),
						(uint32) k->substance_id);
}

static int
ledger_key_match(const void *a, const void *b, Size keysize)
{
	const LedgerKey *x = a;
	const LedgerKey *y = b;

	if (x->substance_id != y->substance_id)
		return 1;
	return strcmp(x->consignee_key, y->consignee_key);
}

static void
ledger_reset(void)
{
	ledger_pairs = NULL;
	if (ledger_cxt != NULL)
		MemoryContextReset(ledger_cxt);
}

static void
ledger_xact_callback(XactEvent event, void *arg)
{
	switch (event)
	{
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			ledger_reset();
			break;
		default:
			break;
	}
	pending_xact_end(event);
}

static void
ledger_subxact_callback(SubXactEvent event, SubTransactionId mySubid,
						SubTransactionId parentSubid, void *arg)
{
	if (event == SUBXACT_EVENT_ABORT_SUB)
	{
		ledger_reset();
		pending_subxact_end(mySubid, parentSubid, false);
	}
	else if (event == SUBXACT_EVENT_COMMIT_SUB)
		pending_subxact_end(mySubid, parentSubid, true);
}

static void
screen_callbacks_init(void)
{
	if (!ledger_callbacks)
	{
		RegisterXactCallback(ledger_xact_callback, NULL);
		RegisterSubXactCallback(ledger_subxact_callback, NULL);
		ledger_callbacks = true;
	}
}

/*
 * Read the ledger rows of (consignee key, substance) into pair, by a direct
 * scan of shipment_ledger_window_idx (consignee_key, substance_id,
 * shipped_on): no SPI, no executor.  The snapshot is the one a non-read-only
 * SPI query would take: the command counter is advanced first (this
 * transaction's flushed rows are seen) and, in READ COMMITTED, the snapshot
 * is taken after the caller's ledger lock.  Runs as the alert tables'
 * owner (the caller), who can read the ledger.
 */
static void
ledger_read(const char *ckey, int32 substance_id, LedgerPair *pair)
{
	Oid			nsp = get_namespace_oid("precursor", false);
	Oid			relid = get_relname_relid("shipment_ledger", nsp);
	Oid			indid = get_relname_relid("shipment_ledger_window_idx", nsp);
	Relation	heap;
	Relation	index;
	AttrNumber	att_date;
	AttrNumber	att_qty;
	ScanKeyData keys[2];
	Snapshot	snap;
	IndexScanDesc scan;
	TupleTableSlot *slot;
	text	   *ckey_text = cstring_to_text(ckey);

	if (!OidIsValid(relid) || !OidIsValid(indid))
		elog(ERROR, "precursor.shipment_ledger or its index shipment_ledger_window_idx is missing");

	heap = table_open(relid, AccessShareLock);
	index = index_open(indid, AccessShareLock);
	if (index->rd_index->indrelid != relid ||
		index->rd_index->indnkeyatts < 2 ||
		index->rd_index->indkey.values[0] != get_attnum(relid, "consignee_key") ||
		index->rd_index->indkey.values[1] != get_attnum(relid, "substance_id"))
		elog(ERROR, "index precursor.shipment_ledger_window_idx does not lead with (consignee_key, substance_id)");
	att_date = get_attnum(relid, "shipped_on");
	att_qty = get_attnum(relid, "quantity");
	if (att_date == InvalidAttrNumber || att_qty == InvalidAttrNumber)
		elog(ERROR, "precursor.shipment_ledger lacks shipped_on or quantity");

	/* the index's collation, not ScanKeyInit's C: the tree is sorted by it */
	ScanKeyEntryInitialize(&keys[0], 0, 1, BTEqualStrategyNumber, InvalidOid,
						   index->rd_indcollation[0], F_TEXTEQ,
						   PointerGetDatum(ckey_text));
	ScanKeyEntryInitialize(&keys[1], 0, 2, BTEqualStrategyNumber, InvalidOid,
						   index->rd_indcollation[1], F_INT4EQ,
						   Int32GetDatum(substance_id));

	CommandCounterIncrement();
	snap = RegisterSnapshot(GetTransactionSnapshot());
	slot = table_slot_create(heap, NULL);
	scan = index_beginscan(heap, index, snap, 2, 0);
	index_rescan(scan, keys, 2, NULL, 0);
	while (index_getnext_slot(scan, ForwardScanDirection, slot))
	{
		bool		n1,
					n2;
		Datum		d,
					q;

		CHECK_FOR_INTERRUPTS();
		d = slot_getattr(slot, att_date, &n1);
		q = slot_getattr(slot, att_qty, &n2);
		if (n1 || n2)
			continue;
		if (pair->n >= pair->max)
		{
			pair->max *= 2;
			pair->ship = repalloc(pair->ship, sizeof(LedgerShipment) * pair->max);
		}
		pair->ship[pair->n].shipped_on = DatumGetDateADT(d);
		pair->ship[pair->n].quantity = DatumGetFloat8(DirectFunctionCall1(numeric_float8, q));
		pair->n++;
	}
	index_endscan(scan);
	ExecDropSingleTupleTableSlot(slot);
	UnregisterSnapshot(snap);
	index_close(index, AccessShareLock);
	table_close(heap, AccessShareLock);
	pfree(ckey_text);
}

/*
 * The shipments of (consignee key, substance) known to this transaction,
 * read from the ledger under the pair's advisory lock if not yet known.
 */
static LedgerPair *
ledger_get(const char *ckey, int32 substance_id)
{
	LedgerKey	key;
	LedgerPair *pair;
	bool		found;

	screen_callbacks_init();
	if (ledger_cxt == NULL)
		ledger_cxt = AllocSetContextCreate(TopMemoryContext,
										   "precursor shipment ledger cache",
										   ALLOCSET_DEFAULT_SIZES);
	if (ledger_pairs == NULL)
	{
		HASHCTL		ctl;

		memset(&ctl, 0, sizeof(ctl));
		ctl.keysize = sizeof(LedgerKey);
		ctl.entrysize = sizeof(LedgerPair);
		ctl.hash = ledger_key_hash;
		ctl.match = ledger_key_match;
		ctl.hcxt = ledger_cxt;
		ledger_pairs = hash_create("precursor shipment ledger pairs", 256, &ctl,
								   HASH_ELEM | HASH_FUNCTION | HASH_COMPARE | HASH_CONTEXT);
	}

	key.substance_id = substance_id;
	key.consignee_key = ckey;
	pair = hash_search(ledger_pairs, &key, HASH_FIND, NULL);
	if (pair != NULL)
		return pair;

	/*
	 * A concurrent session's shipments are committed (and read below, with a
	 * snapshot taken after the lock) before ours are summed.
	 */
	ledger_lock();

	/*
	 * Entered only once the list is complete: an error while reading leaves
	 * the pair unknown, to be read again.
	 */
	{
		LedgerPair	tmp;
		MemoryContext old = MemoryContextSwitchTo(ledger_cxt);

		tmp.n = 0;
		tmp.max = 16;
		tmp.ship = palloc(sizeof(LedgerShipment) * tmp.max);
		MemoryContextSwitchTo(old);
		ledger_read(ckey, substance_id, &tmp);

		key.consignee_key = MemoryContextStrdup(ledger_cxt, ckey);
		pair = hash_search(ledger_pairs, &key, HASH_ENTER, &found);
		pair->n = tmp.n;
		pair->max = tmp.max;
		pair->ship = tmp.ship;
	}
	/* and the shipments recorded but not yet written (see pending_add()) */
	pending_merge_ledger(ckey, substance_id, pair);
	return pair;
}

/*
 * Serialise the transactions that read or record shipments: EXCLUSIVE lock on
 * precursor.shipment_ledger_lock to the end of the transaction.  One lock,
 * not one per (consignee, substance) taken in row order: two loads naming
 * crossed consignees deadlocked that way, and no lock order can be fixed
 * before the rows arrive.  The table grants nothing to anyone, so no other
 * role can take or hold the lock (an advisory lock can be taken by anyone).
 * Readers of the ledger (SELECT) are not blocked.  Re-taking a held lock is a
 * local hash lookup.
 */
static void
ledger_lock(void)
{
	Oid			nsp = get_namespace_oid("precursor", false);
	Oid			relid = get_relname_relid("shipment_ledger_lock", nsp);

	/* a database still at 1.0: the ledger itself, which only its owner can lock */
	if (!OidIsValid(relid))
		relid = get_relname_relid("shipment_ledger", nsp);
	if (!OidIsValid(relid))
		elog(ERROR, "table precursor.shipment_ledger is missing");
	LockRelationOid(relid, ExclusiveLock);
}

static void
ledger_add(LedgerPair *pair, DateADT shipped_on, double quantity)
{
	if (pair->n >= pair->max)
	{
		pair->max *= 2;
		pair->ship = repalloc(pair->ship, sizeof(LedgerShipment) * pair->max);
	}
	pair->ship[pair->n].shipped_on = shipped_on;
	pair->ship[pair->n].quantity = quantity;
	pair->n++;
}

/* ---------- alerts and ledger rows, written per statement ---------- */

/*
 * An INSERT per alert and per shipment cost more than screening the row
 * (executor start-up, constraint expressions, search_path pinning, for one
 * row).  Alerts and shipment ledger rows are therefore buffered in memory and
 * written with one INSERT ... SELECT FROM unnest() per batch: when a batch
 * reaches PENDING_BATCH rows, and at the end of the statement that produced
 * them (an ExecutorFinish hook for INSERT/UPDATE, a ProcessUtility hook for
 * COPY), so they are visible to the next statement as before.
 *
 * Each buffered row is tagged with the subtransaction that produced it: a
 * subtransaction that aborts drops its rows, one that commits hands them to
 * its parent, and a flush writes only the rows of the current
 * subtransaction, so a row never outlives the savepoint it was made under.
 * Rows still buffered at commit (a row trigger fired outside any statement
 * end we see, e.g. by logical replication) are written before the commit.
 * The cumulative rule adds buffered shipments to those it reads from the
 * ledger (pending_merge_ledger()).
 */
#define PENDING_BATCH	1000

typedef struct PendingRow
{
	SubTransactionId subid;
	double		stored;			/* ledger rows: quantity as the ledger stores it */
	Datum		v[ALERT_NCOLS];
	bool		isnull[ALERT_NCOLS];
} PendingRow;

typedef struct PendingBuf
{
	const char *what;
	int			ncols;
	const Oid  *types;
	SPIPlanPtr *plan;
	int			n;
	int			max;
	PendingRow **rows;			/* in TopMemoryContext; rows in pending_cxt */
} PendingBuf;

static PendingBuf pend_ledger = {"shipment", LEDGER_NCOLS, ledger_types, &plan_ledger_insert, 0, 0, NULL};
static PendingBuf pend_alert = {"alert", ALERT_NCOLS, alert_types, &plan_alert, 0, 0, NULL};
static MemoryContext pending_cxt = NULL;
static Oid	pending_writer = InvalidOid;
static TimestampTz pending_stmt_start = 0;	/* statement that buffered them */
static bool pending_flushing = false;
static bool pending_hooks = false;
static ExecutorFinish_hook_type prev_executor_finish = NULL;
static ProcessUtility_hook_type prev_process_utility = NULL;
static post_parse_analyze_hook_type prev_post_parse_analyze = NULL;

static void
pending_add(PendingBuf *b, Oid writer, Datum *v, const char *nulls, double stored)
{
	MemoryContext old;
	PendingRow *r;
	int			i;

	screen_callbacks_init();
	if (pending_cxt == NULL)
		pending_cxt = AllocSetContextCreate(TopMemoryContext,
											"precursor pending alerts",
											ALLOCSET_DEFAULT_SIZES);
	if (b->n >= b->max)
	{
		b->max = b->max ? b->max * 2 : PENDING_BATCH;
		b->rows = b->rows ? repalloc(b->rows, sizeof(PendingRow *) * b->max) :
			MemoryContextAlloc(TopMemoryContext, sizeof(PendingRow *) * b->max);
	}
	pending_stmt_start = GetCurrentStatementStartTimestamp();
	old = MemoryContextSwitchTo(pending_cxt);
	r = palloc(sizeof(PendingRow));
	r->subid = GetCurrentSubTransactionId();
	r->stored = stored;
	for (i = 0; i < b->ncols; i++)
	{
		r->isnull[i] = (nulls[i] == 'n');
		if (r->isnull[i])
			r->v[i] = (Datum) 0;
		else if (b->types[i] == TEXTOID)
			r->v[i] = datumCopy(v[i], false, -1);
		else
			r->v[i] = v[i];		/* int4, float4, date, float8: by value */
	}
	MemoryContextSwitchTo(old);
	b->rows[b->n++] = r;
	pending_writer = writer;
}

static int
pending_count(PendingBuf *b, SubTransactionId subid)
{
	int			i,
				n = 0;

	for (i = 0; i < b->n; i++)
		if (b->rows[i]->subid == subid)
			n++;
	return n;
}

/* Write the buffered rows of subtransaction subid.  SPI must be entered. */
static void
pending_write(PendingBuf *b, SubTransactionId subid)
{
	int			n = pending_count(b, subid);
	Datum		args[ALERT_NCOLS];
	Datum	   *elems;
	bool	   *nulls;
	int			col,
				i,
				j,
				rc;
	int			lb = 1;

	if (n == 0)
		return;
	elems = palloc(sizeof(Datum) * n);
	nulls = palloc(sizeof(bool) * n);
	for (col = 0; col < b->ncols; col++)
	{
		int16		typlen;
		bool		typbyval;
		char		typalign;

		get_typlenbyvalalign(b->types[col], &typlen, &typbyval, &typalign);
		for (i = 0, j = 0; i < b->n; i++)
		{
			if (b->rows[i]->subid != subid)
				continue;
			elems[j] = b->rows[i]->v[col];
			nulls[j] = b->rows[i]->isnull[col];
			j++;
		}
		args[col] = PointerGetDatum(construct_md_array(elems, nulls, 1, &n, &lb,
													   b->types[col], typlen,
													   typbyval, typalign));
	}
	rc = SPI_execute_plan(*b->plan, args, NULL, false, 0);
	if (rc != SPI_OK_INSERT || SPI_processed != (uint64) n)
		elog(ERROR, "could not record %d %s rows: %s", n, b->what,
			 SPI_result_code_string(rc));

	/* keep the rows of other subtransactions, in order */
	for (i = 0, j = 0; i < b->n; i++)
		if (b->rows[i]->subid != subid)
			b->rows[j++] = b->rows[i];
	b->n = j;
}

/*
 * Write the buffered rows of the current subtransaction, as the owner of the
 * alert tables and under the pinned search_path.
 */
static void
pending_flush(void)
{
	SubTransactionId subid;
	Oid			save_userid;
	int			save_sec;
	int			nestlevel;
	bool		pushed_snapshot = false;

	if (pending_flushing || (pend_ledger.n == 0 && pend_alert.n == 0))
		return;
	subid = GetCurrentSubTransactionId();
	if (pending_count(&pend_ledger, subid) == 0 && pending_count(&pend_alert, subid) == 0)
		return;

	pending_flushing = true;

	/*
	 * At the end of a top-level COPY the portal has already dropped its
	 * snapshot; SPI needs one to run the INSERTs.
	 */
	if (!ActiveSnapshotSet())
	{
		PushActiveSnapshot(GetTransactionSnapshot());
		pushed_snapshot = true;
	}
	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(pending_writer,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	nestlevel = screen_search_path_pin();
	prepare_plans();
	pending_write(&pend_ledger, subid);
	pending_write(&pend_alert, subid);
	screen_search_path_restore(nestlevel);
	SPI_finish();
	SetUserIdAndSecContext(save_userid, save_sec);
	if (pushed_snapshot)
		PopActiveSnapshot();
	pending_flushing = false;

	if (pend_ledger.n == 0 && pend_alert.n == 0)
		MemoryContextReset(pending_cxt);
}

static void
pending_drop_all(void)
{
	pend_ledger.n = 0;
	pend_alert.n = 0;
	pending_flushing = false;
	if (pending_cxt != NULL)
		MemoryContextReset(pending_cxt);
}

static void
pending_xact_end(XactEvent event)
{
	switch (event)
	{
		case XACT_EVENT_PRE_COMMIT:
		case XACT_EVENT_PRE_PREPARE:
			/* every subtransaction has ended: all rows are the top level's */
			pending_flush();
			break;
		case XACT_EVENT_COMMIT:
		case XACT_EVENT_PARALLEL_COMMIT:
		case XACT_EVENT_ABORT:
		case XACT_EVENT_PARALLEL_ABORT:
		case XACT_EVENT_PREPARE:
			pending_drop_all();
			break;
		default:
			break;
	}
}

static void
pending_subxact_buf(PendingBuf *b, SubTransactionId subid, SubTransactionId parent,
					bool commit)
{
	int			i,
				j;

	for (i = 0, j = 0; i < b->n; i++)
	{
		if (b->rows[i]->subid == subid)
		{
			if (!commit)
			{
				pfree(b->rows[i]);
				continue;
			}
			b->rows[i]->subid = parent;
		}
		b->rows[j++] = b->rows[i];
	}
	b->n = j;
}

static void
pending_subxact_end(SubTransactionId subid, SubTransactionId parent, bool commit)
{
	if (!commit)
		pending_flushing = false;
	pending_subxact_buf(&pend_ledger, subid, parent, commit);
	pending_subxact_buf(&pend_alert, subid, parent, commit);
}

/* Buffered shipments of (consignee key, substance), added to pair */
static void
pending_merge_ledger(const char *ckey, int32 substance_id, LedgerPair *pair)
{
	size_t		len = strlen(ckey);
	int			i;

	for (i = 0; i < pend_ledger.n; i++)
	{
		PendingRow *r = pend_ledger.rows[i];
		text	   *k = (text *) DatumGetPointer(r->v[LEDGER_CONSIGNEE_KEY]);

		if (DatumGetInt32(r->v[LEDGER_SUBSTANCE_ID]) == substance_id &&
			VARSIZE_ANY_EXHDR(k) == len && memcmp(VARDATA_ANY(k), ckey, len) == 0)
			ledger_add(pair, DatumGetDateADT(r->v[LEDGER_SHIPPED_ON]), r->stored);
	}
}

/*
 * Rows still buffered by an earlier statement: the statement that loaded
 * this library ran without our end-of-statement hooks, so write its rows
 * before the next statement can look for them.  (Nested SPI queries of the
 * same statement share its start time and do not flush.)
 */
static inline bool
pending_from_earlier_statement(void)
{
	return (pend_ledger.n > 0 || pend_alert.n > 0) && !pending_flushing &&
		pending_stmt_start != GetCurrentStatementStartTimestamp() &&
		IsTransactionState();
}

/*
 * Parse analysis of the next statement comes before it takes its snapshot,
 * so rows written here are visible to it (an ExecutorStart hook would be
 * too late for a READ COMMITTED snapshot).
 */
static void
pending_post_parse_analyze(ParseState *pstate, Query *query, JumbleState *jstate)
{
	if (prev_post_parse_analyze)
		prev_post_parse_analyze(pstate, query, jstate);
	if (pending_from_earlier_statement())
		pending_flush();
}

/* End of an INSERT or UPDATE (or any statement that may modify a table) */
static void
pending_executor_finish(QueryDesc *queryDesc)
{
	if (prev_executor_finish)
		prev_executor_finish(queryDesc);
	else
		standard_ExecutorFinish(queryDesc);
	if ((queryDesc->operation != CMD_SELECT || queryDesc->plannedstmt->hasModifyingCTE) &&
		(pend_ledger.n > 0 || pend_alert.n > 0))
		pending_flush();
}

/* End of a COPY */
static void
pending_process_utility(PlannedStmt *pstmt, const char *queryString,
						bool readOnlyTree, ProcessUtilityContext context,
						ParamListInfo params, QueryEnvironment *queryEnv,
						DestReceiver *dest, QueryCompletion *qc)
{
	bool		is_copy = IsA(pstmt->utilityStmt, CopyStmt);

	if (pending_from_earlier_statement())
		pending_flush();
	if (prev_process_utility)
		prev_process_utility(pstmt, queryString, readOnlyTree, context, params,
							 queryEnv, dest, qc);
	else
		standard_ProcessUtility(pstmt, queryString, readOnlyTree, context, params,
								queryEnv, dest, qc);
	if (is_copy && (pend_ledger.n > 0 || pend_alert.n > 0) && IsTransactionState())
		pending_flush();
}

/*
 * Called from _PG_init: the end-of-statement hooks that flush buffered
 * alerts and shipments.  They stay for the backend's life and do nothing
 * when nothing is buffered.
 */
void
precursor_screening_init(void)
{
	if (pending_hooks)
		return;
	prev_post_parse_analyze = post_parse_analyze_hook;
	post_parse_analyze_hook = pending_post_parse_analyze;
	prev_executor_finish = ExecutorFinish_hook;
	ExecutorFinish_hook = pending_executor_finish;
	prev_process_utility = ProcessUtility_hook;
	ProcessUtility_hook = pending_process_utility;
	pending_hooks = true;
}

/* ---------- the row ---------- */

typedef struct RowData
{
	char	   *desc;
	int			desc_len;
	bool		has_cas;
	int64		cas;
	bool		has_cn;
	int64		cn;
	char		cn_text[CNCODE_TEXT_MAX];
	char		cas_text[CASRN_TEXT_MAX];
	bool		has_qty;
	bool		qty_invalid;	/* not positive and finite */
	double		qty;
	char	   *unit;
	char	   *cas_invalid;	/* a declared CAS RN / CN code that does not parse */
	char	   *cn_invalid;
	char	   *consignee;
	char	   *consignor;
	char	   *country;
	DateADT		date;
	char	   *key;
	char	   *supersedes;		/* ids of the alerts an UPDATE superseded, "1,2" */
} RowData;

typedef struct ErrCtxArg
{
	ScreenConfig *cfg;
	RowData    *row;
} ErrCtxArg;

static void
screen_error_callback(void *arg)
{
	ErrCtxArg  *a = arg;

	if (a->row && a->row->key)
		errcontext("precursor.screen_trigger \"%s\" on %s, row %s",
				   a->cfg->tgname, a->cfg->table_name, a->row->key);
	else
		errcontext("precursor.screen_trigger \"%s\" on %s",
				   a->cfg->tgname, a->cfg->table_name);
}

/* Identification: name hits from the description and the declared CAS RN */
static void
identify(ScreenConfig *cfg, RowData *row, List **findings)
{
	if (row->desc != NULL && row->desc_len > 0)
	{
		bool		truncated = false;
		List	   *hits;
		ListCell   *lc;

		/*
		 * The same bound as screen() (precursor.max_hits), per row; past it
		 * the row is not rejected but every finding says the description
		 * was not screened to its end, and alerts.
		 */
		hits = precursor_screen_hits(row->desc, row->desc_len, &cfg->opts,
									 precursor_max_hits, &truncated);

		foreach(lc, hits)
		{
			PrecursorHit *h = lfirst(lc);
			Finding    *f;
			const char *rule;
			char	   *matched;
			bool		cn_hit = (h->kind == PM_HIT_CN);

			CHECK_FOR_INTERRUPTS();
			/* "toluene-free" is not a mention; an EC number names no listed substance */
			if (h->negated || h->substance_id == 0)
				continue;
			f = get_finding(findings, h->substance_id, h->casrn, h->substance_name,
							h->watchlist_code, h->category);
			if (!new_span(f, h->start_char, h->end_char, (int32) h->kind))
				continue;		/* the same mention, through another list's entry */
			switch (h->kind)
			{
				case PM_HIT_CAS:
					rule = "cas_in_text";
					break;
				case PM_HIT_EC:
					rule = "ec_in_text";
					break;
				case PM_HIT_CN:
					rule = "cn_in_text";
					break;
				default:
					rule = "name";
					break;
			}
			matched = hit_text(row->desc, row->desc_len, h);
			reason_begin(f, rule);
			reason_str(f, "kind", pm_hit_kind_name(h->kind));
			reason_str(f, "term", h->matched_term);
			reason_str(f, "matched", matched);
			reason_num(f, "start", h->start_char);
			reason_num(f, "end", h->end_char);
			reason_str(f, "form", h->form_label[0] ? h->form_label : "base");
			reason_num(f, "score", h->score);
			if (h->distance > 0)
				reason_num(f, "distance", h->distance);
			reason_str(f, "column", cfg->col[COL_DESCRIPTION].name);
			reason_end(f);
			if (cn_hit)
			{
				f->confidence = Max(f->confidence, 0.3f);
			}
			else
			{
				f->identified = true;
				f->confidence = Max(f->confidence, h->score);
				/* a misspelled or look-alike name on a customs form is a warning sign */
				if ((h->kind == PM_HIT_FUZZY || h->kind == PM_HIT_HOMOGLYPH) &&
					!f->obfuscated)
				{
					f->obfuscated = true;
					f->aggravation += 0.15f;
					f->aggravated = true;
				}
			}
		}
		foreach(lc, *findings)
		{
			Finding    *f = lfirst(lc);

			if (f->more_mentions > 0)
			{
				reason_begin(f, "more_mentions");
				reason_num(f, "count", (double) f->more_mentions);
				reason_str(f, "column", cfg->col[COL_DESCRIPTION].name);
				reason_end(f);
			}
			if (truncated)
			{
				reason_begin(f, "hits_truncated");
				reason_num(f, "max_hits", precursor_max_hits);
				reason_str(f, "column", cfg->col[COL_DESCRIPTION].name);
				reason_end(f);
				f->aggravated = true;
			}
		}
	}

	if (row->has_cas)
	{
		RuleSubstance **subs;
		int			n = screen_rules_by_casrn(row->cas, &subs);
		int			i;

		for (i = 0; i < n; i++)
		{
			Finding    *f = get_finding(findings, subs[i]->substance_id, 0, NULL, NULL, NULL);

			if (f->declared_cas)
				continue;
			f->declared_cas = true;
			reason_begin(f, "cas");
			reason_str(f, "casrn", row->cas_text);
			reason_str(f, "column", cfg->col[COL_CASRN].name);
			reason_end(f);
			f->identified = true;
			f->confidence = 1.0f;
		}
	}
}

static void
check_reject(ScreenConfig *cfg, RowData *row, List *findings)
{
	ListCell   *lc;

	if (!(cfg->modes & MODE_REJECT))
		return;
	foreach(lc, findings)
	{
		Finding    *f = lfirst(lc);

		if (f->identified && finding_in_category(f, cfg->reject_categories,
												 cfg->nreject))
			ereport(ERROR,
					(errcode(ERRCODE_PRECURSOR_REJECTED),
					 errmsg("declaration rejected: it names %s (%s, category %s)",
							f->name, f->watchlist, f->category),
					 errdetail("Evidence: [%s]", f->reasons.data),
					 errhint("Trigger \"%s\" on %s rejects declarations naming substances of categories %s.",
							 cfg->tgname, cfg->table_name, cfg->reject_text)));
	}
}

/* Quantity against the threshold, and the cumulative quantity per consignee */
static void
apply_quantity_rules(ScreenConfig *cfg, RowData *row, Finding *f)
{
	RuleSubstance *s = f->thr;
	UnitKind	kind;
	double		factor;
	double		base;
	double		in_thr;
	double		to_thr_unit;

	if (s == NULL || !s->has_threshold)
		return;
	to_thr_unit = s->threshold_base > 0 ? s->threshold_qty / s->threshold_base : 1.0;
	if (!row->has_qty)
	{
		reason_begin(f, "quantity_unknown");
		reason_num(f, "threshold", s->threshold_qty);
		reason_str(f, "threshold_unit", s->threshold_unit);
		reason_end(f);
		return;
	}
	if (row->qty_invalid)
	{
		/*
		 * A negative or infinite quantity would cancel real shipments in the
		 * cumulative sum: it is evidence, never a shipment.
		 */
		reason_begin(f, "quantity_invalid");
		reason_str(f, "quantity", psprintf("%.15g", row->qty));
		reason_str(f, "unit", row->unit);
		reason_num(f, "threshold", s->threshold_qty);
		reason_str(f, "threshold_unit", s->threshold_unit);
		reason_str(f, "why", "a quantity must be positive and finite");
		reason_end(f);
		f->aggravation += 0.1f;
		f->aggravated = true;
		return;
	}
	if (row->unit == NULL || !screen_unit_parse(row->unit, strlen(row->unit), &kind, &factor))
	{
		reason_begin(f, "unit_unknown");
		reason_num(f, "quantity", row->qty);
		reason_str(f, "unit", row->unit);
		reason_num(f, "threshold", s->threshold_qty);
		reason_str(f, "threshold_unit", s->threshold_unit);
		reason_end(f);
		return;
	}
	if (!screen_convert(row->qty * factor, kind, s->threshold_kind, s->density, &base))
	{
		reason_begin(f, "unit_unconvertible");
		reason_num(f, "quantity", row->qty);
		reason_str(f, "unit", row->unit);
		reason_num(f, "threshold", s->threshold_qty);
		reason_str(f, "threshold_unit", s->threshold_unit);
		reason_str(f, "why", "the list gives no density to convert between mass and volume");
		reason_end(f);
		return;
	}
	in_thr = base * to_thr_unit;
	if (base > s->threshold_base)
	{
		reason_begin(f, "over_threshold");
		f->aggravation += 0.1f;
		f->aggravated = true;
	}
	else
	{
		reason_begin(f, "below_threshold");
		f->below_threshold = true;
	}
	reason_num(f, "quantity", row->qty);
	reason_str(f, "unit", row->unit);
	reason_num(f, "quantity_in_threshold_unit", in_thr);
	reason_num(f, "threshold", s->threshold_qty);
	reason_str(f, "threshold_unit", s->threshold_unit);
	if (kind != s->threshold_kind)
		reason_num(f, "density_kg_per_l", s->density);
	reason_end(f);

	/*
	 * Cumulative quantity per consignee over the window: only for registered
	 * tables, which alone may read and feed the shared ledger.
	 */
	if (row->consignee != NULL && f->identified && cfg->registered)
	{
		Datum		v[LEDGER_NCOLS];
		char		n[LEDGER_NCOLS];
		char	   *ckey = consignee_key(row->consignee);
		LedgerPair *pair;
		DateADT		lo;
		double		total;
		double		stored;
		int64		count;
		int			i;
		const char *base_unit = s->threshold_kind == UNIT_MASS ? "kg" : "l";

		pair = ledger_get(ckey, s->substance_id);

		/* earlier shipments in (date - window, date], as the window reads */
		lo = DatumGetDateADT(DirectFunctionCall1(timestamp_date,
												 DirectFunctionCall2(date_mi_interval,
																	 DateADTGetDatum(row->date),
																	 IntervalPGetDatum(cfg->window))));
		total = 0;
		count = 0;
		for (i = 0; i < pair->n; i++)
		{
			if (pair->ship[i].shipped_on <= row->date && pair->ship[i].shipped_on > lo)
			{
				total += pair->ship[i].quantity;
				count++;
			}
		}

		/* the quantity as the ledger stores it (numeric from float8) */
		stored = DatumGetFloat8(DirectFunctionCall1(numeric_float8,
													DirectFunctionCall1(float8_numeric,
																		Float8GetDatum(base))));
		memset(n, ' ', sizeof(n));
		v[LEDGER_CONSIGNEE_KEY] = CStringGetTextDatum(ckey);
		v[LEDGER_CONSIGNEE] = CStringGetTextDatum(row->consignee);
		v[LEDGER_SUBSTANCE_ID] = Int32GetDatum(s->substance_id);
		v[LEDGER_SHIPPED_ON] = DateADTGetDatum(row->date);
		v[LEDGER_QUANTITY] = Float8GetDatum(base);
		v[LEDGER_UNIT] = CStringGetTextDatum(base_unit);
		v[LEDGER_SOURCE_TABLE] = CStringGetTextDatum(cfg->table_name);
		if (row->key)
			v[LEDGER_ROW_KEY] = CStringGetTextDatum(row->key);
		else
			n[LEDGER_ROW_KEY] = 'n';
		if (row->country)
			v[LEDGER_COUNTRY] = CStringGetTextDatum(row->country);
		else
			n[LEDGER_COUNTRY] = 'n';
		pending_add(&pend_ledger, cfg->writer, v, n, stored);
		ledger_add(pair, row->date, stored);
		total += stored;
		count += 1;

		/*
		 * Summing in double precision may leave rounding noise (0.1 + 0.2):
		 * a total equal to the threshold up to that noise is not over it.
		 */
		if (total > s->threshold_base * (1.0 + 1e-12) && base <= s->threshold_base)
		{
			reason_begin(f, "cumulative");
			reason_str(f, "consignee", row->consignee);
			reason_str(f, "window", cfg->window_text);
			reason_num(f, "shipments", (double) count);
			reason_num(f, "total_in_threshold_unit", total * to_thr_unit);
			reason_num(f, "threshold", s->threshold_qty);
			reason_str(f, "threshold_unit", s->threshold_unit);
			reason_end(f);
			f->below_threshold = false;
			f->aggravation += 0.2f;
			f->aggravated = true;
		}
	}
}

/* The declared CN code against the identified substances, and on its own */
static void
apply_cn_rules(ScreenConfig *cfg, RowData *row, List **findings)
{
	ListCell   *lc;
	bool		explained = false;
	RuleSubstance *subs[MAX_CN_CANDIDATES];
	const RuleCn *listed[MAX_CN_CANDIDATES];
	int			n,
				i,
				best = -1;
	bool		all_ex = true;
	Finding    *f;
	char		buf[CNCODE_TEXT_MAX];

	if (!row->has_cn)
		return;
	foreach(lc, *findings)
	{
		bool		has_codes;
		int			j;

		f = lfirst(lc);
		if (!f->identified)
			continue;
		if (finding_cn_fits(f, row->cn, &has_codes))
		{
			explained = true;
			continue;
		}
		if (!has_codes)
			continue;
		reason_begin(f, "cn_mismatch");
		reason_str(f, "declared_cn", row->cn_text);
		appendStringInfoString(&f->reasons, ",\"expected_cn\":[");
		{
			bool		first = true;
			StringInfoData seen;

			initStringInfo(&seen);
			appendStringInfoChar(&seen, '|');
			for (j = 0; j < f->nlistings; j++)
			{
				RuleSubstance *ls = f->listing[j];

				if (ls == NULL)
					continue;
				for (i = 0; i < ls->ncn; i++)
				{
					char	   *code;

					format_cn(ls->cn[i].cn, buf);
					code = ls->cn[i].ex ? psprintf("ex %s", buf) : pstrdup(buf);
					/* the same code on several lists is listed once */
					if (strstr(seen.data, psprintf("|%s|", code)) != NULL)
						continue;
					appendStringInfo(&seen, "%s|", code);
					if (!first)
						appendStringInfoChar(&f->reasons, ',');
					first = false;
					escape_json(&f->reasons, code);
				}
			}
		}
		appendStringInfoChar(&f->reasons, ']');
		reason_str(f, "column", cfg->col[COL_CN].name);
		reason_end(f);
		f->aggravation += 0.2f;
		f->aggravated = true;
	}
	if (explained)
		return;

	/* a code the lists use for scheduled substances, none of them named */
	n = screen_rules_by_cncode(row->cn, subs, listed, MAX_CN_CANDIDATES);
	for (i = 0; i < n; i++)
	{
		bool		named = false;

		foreach(lc, *findings)
		{
			f = lfirst(lc);
			if (f->identified &&
				(f->chem_key == subs[i]->casrn ||
				 f->chem_key == -(int64) subs[i]->substance_id))
				named = true;
		}
		if (named)
		{
			subs[i] = NULL;
			continue;
		}
		if (!listed[i]->ex)
			all_ex = false;
		if (best < 0 || subs[i]->severity > subs[best]->severity ||
			(subs[i]->severity == subs[best]->severity &&
			 subs[i]->substance_id < subs[best]->substance_id))
			best = i;
	}
	if (best < 0)
		return;
	f = get_finding(findings, subs[best]->substance_id, 0, NULL, NULL, NULL);
	if (f->identified)
		return;
	/* the other entries of the same chemical under this code */
	for (i = 0; i < n; i++)
		if (subs[i] != NULL && subs[i]->casrn != 0 && subs[i]->casrn == subs[best]->casrn)
			add_listing(f, subs[i]->substance_id, subs[i], NULL, NULL, NULL);
	f->cn_only = true;
	f->confidence = Max(f->confidence, all_ex ? 0.2f : 0.3f);
	reason_begin(f, "cn_watch");
	reason_str(f, "declared_cn", row->cn_text);
	format_cn(listed[best]->cn, buf);
	reason_str(f, "listed_cn", buf);
	appendStringInfo(&f->reasons, ",\"ex\":%s", listed[best]->ex ? "true" : "false");
	appendStringInfoString(&f->reasons, ",\"candidates\":[");
	{
		bool		first = true;

		for (i = 0; i < n; i++)
		{
			if (subs[i] == NULL)
				continue;
			if (!first)
				appendStringInfoChar(&f->reasons, ',');
			escape_json(&f->reasons, psprintf("%s (%s %s)", subs[i]->name,
											  subs[i]->watchlist_code, subs[i]->category));
			first = false;
		}
	}
	appendStringInfoChar(&f->reasons, ']');
	reason_str(f, "column", cfg->col[COL_CN].name);
	reason_end(f);
}

/*
 * A declared CAS RN or CN code that is not a valid code is evidence of its
 * own on a row that names a scheduled chemical (a typo, or a code made up to
 * pass a check); on a row that names nothing it is a data-quality matter.
 */
static void
apply_ident_rules(ScreenConfig *cfg, RowData *row, List *findings)
{
	ListCell   *lc;

	foreach(lc, findings)
	{
		Finding    *f = lfirst(lc);

		if (row->cas_invalid)
		{
			reason_begin(f, "casrn_invalid");
			reason_str(f, "declared", row->cas_invalid);
			reason_str(f, "column", cfg->col[COL_CASRN].name);
			reason_end(f);
		}
		if (row->cn_invalid)
		{
			reason_begin(f, "cn_invalid");
			reason_str(f, "declared", row->cn_invalid);
			reason_str(f, "column", cfg->col[COL_CN].name);
			reason_end(f);
		}
		if (row->cas_invalid || row->cn_invalid)
		{
			f->aggravation += 0.1f;
			f->aggravated = true;
		}
	}
}

static void
score_findings(ScreenConfig *cfg, List *findings)
{
	ListCell   *lc;

	foreach(lc, findings)
	{
		Finding    *f = lfirst(lc);
		float		weight = 0.4f + 0.4f * f->severity + f->aggravation;

		if (weight > 1.0f)
			weight = 1.0f;
		f->score = rintf(f->confidence * weight * 1000.0f) / 1000.0f;
		f->alert = !(f->below_threshold && !f->aggravated && !cfg->alert_below_threshold);
	}
}

static void
insert_alerts(ScreenConfig *cfg, RowData *row, List *findings)
{
	ListCell   *lc;

	foreach(lc, findings)
	{
		Finding    *f = lfirst(lc);
		Datum		v[ALERT_NCOLS];
		char		n[ALERT_NCOLS];
		StringInfoData r;
		StringInfoData l;

		if (!f->alert)
			continue;
		memset(n, ' ', sizeof(n));
		initStringInfo(&r);
		appendStringInfo(&r, "[%s]", f->reasons.data);
		initStringInfo(&l);
		append_listings_json(&l, f);
#define TXT(i, s) do { if (s) v[i] = CStringGetTextDatum(s); else n[i] = 'n'; } while (0)
		TXT(ALERT_SOURCE_TABLE, cfg->table_name);
		TXT(ALERT_TRIGGER_NAME, cfg->tgname);
		TXT(ALERT_ROW_KEY, row->key);
		v[ALERT_SUBSTANCE_ID] = Int32GetDatum(f->substance_id);
		TXT(ALERT_SUBSTANCE_NAME, f->name);
		TXT(ALERT_WATCHLIST_CODE, f->watchlist);
		TXT(ALERT_CATEGORY, f->category);
		v[ALERT_SCORE] = Float4GetDatum(f->score);
		TXT(ALERT_REASONS, r.data);
		TXT(ALERT_CONSIGNEE, row->consignee);
		TXT(ALERT_CONSIGNOR, row->consignor);
		TXT(ALERT_COUNTRY, row->country);
		v[ALERT_DECLARED_ON] = DateADTGetDatum(row->date);
		if (row->has_qty)
			v[ALERT_QUANTITY] = Float8GetDatum(row->qty);
		else
			n[ALERT_QUANTITY] = 'n';
		TXT(ALERT_UNIT, row->unit);
		TXT(ALERT_DECLARED_CN, row->has_cn ? row->cn_text : NULL);
		TXT(ALERT_DECLARED_CASRN, row->has_cas ? row->cas_text : NULL);
		if (row->desc)
			v[ALERT_DESCRIPTION] =
				PointerGetDatum(cstring_to_text_with_len(row->desc,
														 pg_mbcliplen(row->desc, row->desc_len,
																	  MAX_EXCERPT_BYTES)));
		else
			n[ALERT_DESCRIPTION] = 'n';
		TXT(ALERT_LISTED_AS, l.data);
		TXT(ALERT_SUPERSEDES, row->supersedes ? row->supersedes : "");
#undef TXT
		pending_add(&pend_alert, cfg->writer, v, n, 0);
	}
}

static char *
annotation_json(List *findings)
{
	StringInfoData b;
	ListCell   *lc;
	bool		first = true;

	initStringInfo(&b);
	appendStringInfoChar(&b, '[');
	foreach(lc, findings)
	{
		Finding    *f = lfirst(lc);

		if (!first)
			appendStringInfoChar(&b, ',');
		first = false;
		appendStringInfo(&b, "{\"substance_id\":%d,\"substance\":", f->substance_id);
		escape_json(&b, f->name);
		appendStringInfoString(&b, ",\"watchlist\":");
		escape_json(&b, f->watchlist);
		appendStringInfoString(&b, ",\"category\":");
		escape_json(&b, f->category);
		appendStringInfoString(&b, ",\"listed_as\":");
		append_listings_json(&b, f);
		appendStringInfo(&b, ",\"score\":%.3f,\"alert\":%s,\"reasons\":[%s]}",
						 f->score, f->alert ? "true" : "false", f->reasons.data);
	}
	appendStringInfoChar(&b, ']');
	return b.data;
}

/* ---------- the trigger ---------- */

static ScreenConfig *
get_config(FunctionCallInfo fcinfo, TriggerData *trigdata)
{
	ScreenConfig *cfg = fcinfo->flinfo->fn_extra;
	Trigger    *tg = trigdata->tg_trigger;
	MemoryContext old;

	if (cfg != NULL && cfg->tgoid == tg->tgoid)
		return cfg;
	old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);
	cfg = parse_config(trigdata->tg_relation, tg->tgname, tg->tgoid,
					   tg->tgnargs, tg->tgargs);
	cfg->rowcxt = AllocSetContextCreate(fcinfo->flinfo->fn_mcxt,
										"precursor screen row",
										ALLOCSET_DEFAULT_SIZES);
	MemoryContextSwitchTo(old);

	/* once per statement: is this trigger still the one a manager approved? */
	cfg->registered = screen_registry_check(trigdata->tg_relation, tg->tgname,
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

Datum
precursor_screen_trigger(PG_FUNCTION_ARGS)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;
	ScreenConfig *cfg;
	HeapTuple	tuple;
	TupleDesc	tupdesc;
	MemoryContext callcxt = CurrentMemoryContext;
	RowData		row;
	List	   *findings = NIL;
	SpiRow		spi = {false, 0};
	Oid			save_userid;
	int			save_sec;
	ErrorContextCallback errcb;
	ErrCtxArg	errarg;
	bool		is_update;

	if (!CALLED_AS_TRIGGER(fcinfo))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("precursor.screen_trigger() must be called as a trigger")));
	if (!TRIGGER_FIRED_BEFORE(trigdata->tg_event) ||
		!TRIGGER_FIRED_FOR_ROW(trigdata->tg_event) ||
		!(TRIGGER_FIRED_BY_INSERT(trigdata->tg_event) ||
		  TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event)))
		ereport(ERROR,
				(errcode(ERRCODE_E_R_I_E_TRIGGER_PROTOCOL_VIOLATED),
				 errmsg("trigger \"%s\" must be fired BEFORE INSERT OR UPDATE FOR EACH ROW",
						trigdata->tg_trigger->tgname)));

	is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	tupdesc = RelationGetDescr(trigdata->tg_relation);
	cfg = get_config(fcinfo, trigdata);

	/* An UPDATE that leaves every input alone is not screened again. */
	if (is_update && !inputs_changed(cfg, trigdata->tg_trigtuple, tuple, tupdesc))
		return PointerGetDatum(tuple);

	MemoryContextReset(cfg->rowcxt);
	MemoryContextSwitchTo(cfg->rowcxt);

	memset(&row, 0, sizeof(row));
	errarg.cfg = cfg;
	errarg.row = &row;
	errcb.callback = screen_error_callback;
	errcb.arg = &errarg;
	errcb.previous = error_context_stack;
	error_context_stack = &errcb;

	row.desc = get_string(cfg, tuple, tupdesc, COL_DESCRIPTION, &row.desc_len);
	row.has_cas = get_ident(cfg, tuple, tupdesc, COL_CASRN, &row.cas, &row.cas_invalid);
	if (row.has_cas)
		casrn_format(row.cas, row.cas_text);
	row.has_cn = get_ident(cfg, tuple, tupdesc, COL_CN, &row.cn, &row.cn_invalid);
	if (row.has_cn)
		cncode_format(row.cn, row.cn_text);

	/*
	 * Annotate and reject show the firing role what the lists contain: only
	 * if it may read them, exactly as screen() would let it.
	 */
	if (cfg->modes & (MODE_ANNOTATE | MODE_REJECT))
		(void) watchlist_cache_get(false);	/* raises screen()'s error */

	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(cfg->writer,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);

	screen_rules_ensure_loaded();
	identify(cfg, &row, &findings);

	/* a declared CN code matters only if the lists use it */
	if (findings == NIL && row.has_cn)
	{
		RuleSubstance *subs[1];
		const RuleCn *listed[1];

		if (screen_rules_by_cncode(row.cn, subs, listed, 1) == 0)
			row.has_cn = false;
	}

	if (is_update && cfg->col[COL_KEY].attnum != 0 && cfg->registered)
	{
		/*
		 * The row's earlier shipments are replaced by what it says now, and
		 * its open alerts are superseded by the ones it raises now.
		 */
		char	   *old_key = get_key(cfg, trigdata->tg_trigtuple, tupdesc);

		if (old_key != NULL)
		{
			Datum		v[3];
			int			rc;
			uint64		i;

			/* shipments and alerts still buffered are included */
			pending_flush();
			spi_enter(&spi);
			v[0] = CStringGetTextDatum(cfg->table_name);
			v[1] = CStringGetTextDatum(old_key);
			v[2] = CStringGetTextDatum(cfg->tgname);
			rc = SPI_execute_plan(plan_ledger_delete, v, NULL, false, 0);
			if (rc != SPI_OK_DELETE)
				elog(ERROR, "could not update the shipment ledger: %s",
					 SPI_result_code_string(rc));
			/*
			 * The shipments known to this transaction changed; and like a
			 * new shipment, a removed one is committed before the next
			 * transaction sums (an UPDATE that touches no shipment takes no
			 * lock).
			 */
			if (SPI_processed > 0)
			{
				ledger_lock();
				ledger_reset();
			}
			if ((cfg->modes & MODE_ALERT) && alert_supersedes())
			{
				StringInfoData ids;

				rc = SPI_execute_plan(plan_supersede, v, NULL, false, 0);
				if (rc != SPI_OK_UPDATE_RETURNING)
					elog(ERROR, "could not supersede the alerts of row %s: %s",
						 old_key, SPI_result_code_string(rc));
				initStringInfo(&ids);
				for (i = 0; i < SPI_processed; i++)
				{
					bool		isnull;
					Datum		id = SPI_getbinval(SPI_tuptable->vals[i],
												   SPI_tuptable->tupdesc, 1, &isnull);

					CHECK_FOR_INTERRUPTS();
					appendStringInfo(&ids, "%s" INT64_FORMAT, i > 0 ? "," : "",
									 DatumGetInt64(id));
				}
				row.supersedes = ids.data;
			}
		}
	}

	if (findings != NIL || row.has_cn)
	{
		ListCell   *lc;

		row.key = get_key(cfg, tuple, tupdesc);
		if (findings != NIL)
		{
			SetUserIdAndSecContext(save_userid, save_sec);
			check_reject(cfg, &row, findings);
			SetUserIdAndSecContext(cfg->writer,
								   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
		}
		row.has_qty = get_quantity(cfg, tuple, tupdesc, &row.qty);
		row.qty_invalid = row.has_qty && !(isfinite(row.qty) && row.qty > 0);
		row.unit = get_cstring(cfg, tuple, tupdesc, COL_UNIT);
		row.consignee = get_cstring(cfg, tuple, tupdesc, COL_CONSIGNEE);
		row.consignor = get_cstring(cfg, tuple, tupdesc, COL_CONSIGNOR);
		row.country = get_cstring(cfg, tuple, tupdesc, COL_COUNTRY);
		row.date = get_date(cfg, tuple, tupdesc);

		apply_cn_rules(cfg, &row, &findings);
		apply_ident_rules(cfg, &row, findings);
		foreach(lc, findings)
		{
			CHECK_FOR_INTERRUPTS();
			apply_quantity_rules(cfg, &row, lfirst(lc));
		}
		score_findings(cfg, findings);
		if (cfg->modes & MODE_ALERT)
			insert_alerts(cfg, &row, findings);
	}
	spi_leave(&spi);
	SetUserIdAndSecContext(save_userid, save_sec);
	if (pend_alert.n >= PENDING_BATCH || pend_ledger.n >= PENDING_BATCH)
		pending_flush();
	error_context_stack = errcb.previous;

	if (cfg->modes & MODE_ANNOTATE)
	{
		int			attnum = cfg->col[COL_ANNOTATE].attnum;
		Datum		value;
		bool		isnull = false;

		MemoryContextSwitchTo(callcxt);
		if (findings == NIL)
			value = cfg->empty_jsonb;
		else
			value = DirectFunctionCall1(jsonb_in,
										CStringGetDatum(annotation_json(findings)));
		tuple = heap_modify_tuple_by_cols(tuple, tupdesc, 1, &attnum, &value, &isnull);
	}
	MemoryContextSwitchTo(callcxt);
	return PointerGetDatum(tuple);
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

	cfg = parse_config(rel, NameStr(tg->tgname), tgoid, nargs, args);

	/* a manager's approval is recorded; nobody else's alert trigger passes */
	if (!screen_registry_check(rel, NameStr(tg->tgname), nargs, args, cfg->writer))
	{
		if (screen_registry_may_register())
			screen_registry_record(rel, NameStr(tg->tgname), nargs, args, cfg->writer);
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
