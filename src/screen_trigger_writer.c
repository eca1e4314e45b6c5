/*
 * screen_trigger_writer.c
 *		Writes what precursor.screen_trigger() records: alerts and shipment
 *		ledger rows, buffered and written in batches, and the UPDATE path
 *		that replaces a row's shipments and supersedes its alerts.
 *
 * Owns the backend's saved plans (plan_alert, plan_ledger_insert,
 * plan_ledger_delete, plan_supersede), the buffers of rows not yet written
 * (pend_alert, pend_ledger in pending_cxt, tagged by subtransaction), the
 * transaction and subtransaction callbacks (which also end the ledger's
 * state, screen_trigger_ledger.c) and the end-of-statement hooks (post-parse-analyze,
 * ExecutorFinish, ProcessUtility) that flush the buffers.  The hooks are
 * installed by precursor_screening_init(), called from _PG_init.
 *
 * Alerts and ledger entries are written as the owner of precursor.alert
 * (as the RI triggers do for the referenced table), so the people loading
 * declarations need no privilege on the alert tables and cannot forge
 * alerts.
 *
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
#include "precursor.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "catalog/pg_type.h"
#include "executor/executor.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "parser/analyze.h"
#include "tcop/utility.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/datum.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "screen_trigger_int.h"

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

void
trigger_spi_enter(SpiRow *spi)
{
	MemoryContext caller = CurrentMemoryContext;

	if (spi->connected)
		return;
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");

	/*
	 * Stay in the caller's (per-row) context: findings and strings made
	 * after this point are read after SPI_finish (annotate mode), which
	 * frees SPI's procedure context.
	 */
	MemoryContextSwitchTo(caller);
	spi->connected = true;
	spi->nestlevel = precursor_search_path_pin();
	prepare_plans();
}

void
trigger_spi_leave(SpiRow *spi)
{
	if (!spi->connected)
		return;
	precursor_search_path_restore(spi->nestlevel);
	SPI_finish();
	spi->connected = false;
}


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

/* A shipment ledger row of the cumulative rule, written with the next batch */
void
pending_add_shipment(Oid writer, Datum *v, const char *nulls, double stored)
{
	pending_add(&pend_ledger, writer, v, nulls, stored);
}

/* A batch is full: the trigger writes it before the next row */
bool
pending_batch_full(void)
{
	return pend_alert.n >= PENDING_BATCH || pend_ledger.n >= PENDING_BATCH;
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
void
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
	nestlevel = precursor_search_path_pin();
	prepare_plans();
	pending_write(&pend_ledger, subid);
	pending_write(&pend_alert, subid);
	precursor_search_path_restore(nestlevel);
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
void
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


/*
 * The transaction callbacks of the trigger: registered on first use, they end
 * the ledger's and the buffers' per-transaction state together.
 */
static bool screen_callbacks = false;

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

void
screen_callbacks_init(void)
{
	if (!screen_callbacks)
	{
		RegisterXactCallback(ledger_xact_callback, NULL);
		RegisterSubXactCallback(ledger_subxact_callback, NULL);
		screen_callbacks = true;
	}
}


void
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


/*
 * An UPDATE of a registered row with a key: the row's earlier shipments are
 * replaced by what it says now, and its open alerts are superseded by the
 * ones it raises now (their ids in row->supersedes).  Enters SPI for the row
 * (spi); the caller leaves it.
 */
void
replace_row_history(ScreenConfig *cfg, const char *old_key, SpiRow *spi,
					RowData *row)
{
	Datum		v[3];
	int			rc;
	uint64		i;

	/* shipments and alerts still buffered are included */
	pending_flush();
	trigger_spi_enter(spi);
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
		row->supersedes = ids.data;
	}
}
