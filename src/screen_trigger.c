/*
 * screen_trigger.c
 *		precursor.screen_trigger(): screen declarations as they are inserted,
 *		updated or copied into any table, and record alerts, annotate the row
 *		or reject it.  The entry point: reads the configured columns of the
 *		row and runs the rooms in order.
 *
 * The arguments are parsed in screen_trigger_config.c, the findings made
 * and weighed in screen_trigger_rules.c, shipments summed in
 * screen_trigger_ledger.c, and alerts and shipments written in screen_trigger_writer.c.
 *
 * Per row, everything is allocated in a memory context reset at the next
 * row; SPI is entered only to write batches of alerts and shipment ledger
 * entries and for UPDATEs that replace a row's ledger entries, with plans
 * prepared once per backend (SPI_keepplan).  The ledger is read by a direct
 * index scan (ledger_read()).
 *
 * The row is never changed except for the annotate column in annotate mode.
 */
#include "precursor.h"

#include <ctype.h>
#include <math.h>

#include "access/htup_details.h"
#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/jsonb.h"
#include "utils/memutils.h"
#include "utils/rel.h"
#include "utils/timestamp.h"

#include "screen_trigger_int.h"
#include "watchlist_cache.h"

PG_FUNCTION_INFO_V1(precursor_screen_trigger);

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

/* The declared InChIKey (inchikey or text column), as get_ident() */
static void
get_inchikey(ScreenConfig *cfg, HeapTuple tuple, TupleDesc tupdesc, RowData *row)
{
	ScreenColumn *c = &cfg->col[COL_INCHIKEY];
	bool		isnull;
	Datum		d;
	int			len;
	char	   *s;
	int			i;

	if (c->attnum == 0)
		return;
	if (c->typed_ident)
	{
		d = heap_getattr(tuple, c->attnum, tupdesc, &isnull);
		if (isnull)
			return;
		memcpy(&row->inchikey, DatumGetPointer(d), sizeof(InchiKey));
		row->has_inchikey = true;
	}
	else
	{
		s = get_string(cfg, tuple, tupdesc, COL_INCHIKEY, &len);
		if (s == NULL)
			return;
		row->has_inchikey = inchikey_parse(s, len, &row->inchikey, NULL);
		if (!row->has_inchikey)
		{
			/* a blank column declares nothing */
			for (i = 0; i < len; i++)
				if (!isspace((unsigned char) s[i]))
				{
					row->inchikey_invalid = pnstrdup(s, Min(len, 100));
					break;
				}
			return;
		}
	}
	inchikey_format(&row->inchikey, row->inchikey_text);
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

/* Fired as a BEFORE INSERT OR UPDATE FOR EACH ROW trigger, or an error */
static void
check_trigger_protocol(FunctionCallInfo fcinfo)
{
	TriggerData *trigdata = (TriggerData *) fcinfo->context;

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
}

/*
 * The rest of the row, read only when it names something: the declared CN
 * code, malformed codes and the quantity weigh the findings, which are then
 * scored and (mode alert) recorded.
 */
static void
weigh_findings(ScreenConfig *cfg, HeapTuple tuple, TupleDesc tupdesc,
			   RowData *row, List **findings)
{
	ListCell   *lc;

	row->has_qty = get_quantity(cfg, tuple, tupdesc, &row->qty);
	row->qty_invalid = row->has_qty && !(isfinite(row->qty) && row->qty > 0);
	row->unit = get_cstring(cfg, tuple, tupdesc, COL_UNIT);
	row->consignee = get_cstring(cfg, tuple, tupdesc, COL_CONSIGNEE);
	row->consignor = get_cstring(cfg, tuple, tupdesc, COL_CONSIGNOR);
	row->country = get_cstring(cfg, tuple, tupdesc, COL_COUNTRY);
	row->date = get_date(cfg, tuple, tupdesc);

	apply_cn_rules(cfg, row, findings);
	apply_ident_rules(cfg, row, *findings);
	foreach(lc, *findings)
	{
		CHECK_FOR_INTERRUPTS();
		apply_quantity_rules(cfg, row, lfirst(lc));
	}
	score_findings(cfg, *findings);
	if (cfg->modes & MODE_ALERT)
		insert_alerts(cfg, row, *findings);
}

/* Mode annotate: the findings, as jsonb, in the annotate column */
static HeapTuple
annotate_row(ScreenConfig *cfg, HeapTuple tuple, TupleDesc tupdesc, List *findings)
{
	int			attnum = cfg->col[COL_ANNOTATE].attnum;
	Datum		value;
	bool		isnull = false;

	if (findings == NIL)
		value = cfg->empty_jsonb;
	else
		value = DirectFunctionCall1(jsonb_in,
									CStringGetDatum(annotation_json(findings)));
	return heap_modify_tuple_by_cols(tuple, tupdesc, 1, &attnum, &value, &isnull);
}

/*
 * The entry point.  About 100 lines on purpose: the steps of one row, in
 * order, with the user switches and memory contexts they run under, read
 * best in one place; each step is a function of its own.
 */
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

	check_trigger_protocol(fcinfo);
	is_update = TRIGGER_FIRED_BY_UPDATE(trigdata->tg_event);
	tuple = is_update ? trigdata->tg_newtuple : trigdata->tg_trigtuple;
	tupdesc = RelationGetDescr(trigdata->tg_relation);
	cfg = trigger_config_get(fcinfo, trigdata);

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
	get_inchikey(cfg, tuple, tupdesc, &row);

	/*
	 * Annotate and reject show the firing role what the lists contain: only
	 * if it may read them, exactly as screen() would let it.
	 */
	if (cfg->modes & (MODE_ANNOTATE | MODE_REJECT))
		(void) watchlist_cache_get(false);	/* raises screen()'s error */

	GetUserIdAndSecContext(&save_userid, &save_sec);
	SetUserIdAndSecContext(cfg->writer,
						   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);

	watchlist_rules_ensure_loaded();
	trigger_identify(cfg, &row, &findings);

	/* a declared CN code matters only if the lists use it */
	if (findings == NIL && row.has_cn)
	{
		RuleSubstance *subs[1];
		const RuleCn *listed[1];

		if (watchlist_rules_by_cncode(row.cn, subs, listed, 1) == 0)
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
			replace_row_history(cfg, old_key, &spi, &row);
	}

	if (findings != NIL || row.has_cn)
	{
		row.key = get_key(cfg, tuple, tupdesc);
		if (findings != NIL)
		{
			SetUserIdAndSecContext(save_userid, save_sec);
			trigger_check_reject(cfg, &row, findings);
			SetUserIdAndSecContext(cfg->writer,
								   save_sec | SECURITY_LOCAL_USERID_CHANGE | SECURITY_NOFORCE_RLS);
		}
		weigh_findings(cfg, tuple, tupdesc, &row, &findings);
	}
	trigger_spi_leave(&spi);
	SetUserIdAndSecContext(save_userid, save_sec);
	if (pending_batch_full())
		pending_flush();
	error_context_stack = errcb.previous;

	if (cfg->modes & MODE_ANNOTATE)
	{
		MemoryContextSwitchTo(callcxt);
		tuple = annotate_row(cfg, tuple, tupdesc, findings);
	}
	MemoryContextSwitchTo(callcxt);
	return PointerGetDatum(tuple);
}

