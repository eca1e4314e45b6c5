/*
 * watchlist_snapshot.c
 *		The one loader of the watchlists: reads the active lists into a
 *		snapshot, builds the matcher view (watchlist_cache.c) and the rules
 *		view (watchlist_rules.c) inside it, and decides when it is stale.
 *		See watchlist_snapshot.h.
 *
 * Load: three queries with SPI (substances of active lists, their CN codes,
 * their terms from the view precursor.watchlist_term), run with the
 * caller's rights and search_path pinned to pg_catalog, pg_temp
 * (precursor_search_path_pin()); every operator is schema-qualified as well.
 *
 * Invalidation: the watchlist tables' statement triggers
 * (watchlist_signal.c) send a relcache invalidation for precursor.watchlist.
 * One relcache callback, registered once in _PG_init, marks the snapshot
 * stale when it sees that relation (or a full reset); the next use reloads.
 * Invalidations travel at commit, so other sessions pick a change up at
 * their next transaction (or statement: we accept pending invalidations once
 * per statement) and the changing session at its next command; an abort
 * delivers the same invalidations locally, so a rolled-back change is
 * forgotten as well.
 *
 * Memory: one context per snapshot.  It is created under
 * CurTransactionContext (so an error anywhere in the load frees everything
 * with the failed (sub)transaction) and moved under CacheMemoryContext only
 * once the load and both views have succeeded.  The compiled matchers are
 * malloc'd by the core and freed with the snapshot
 * (watchlist_cache_view_free()).  A replaced snapshot is retired, not freed:
 * a row being screened may hold pointers into both views, so retired
 * snapshots are freed when the next statement first asks for the snapshot.
 */
#include "precursor.h"

#include "access/xact.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"

#include "casrn.h"
#include "cncode.h"
#include "inchikey.h"
#include "watchlist_snapshot.h"

static WatchlistSnapshot *current = NULL;
static WatchlistSnapshot *retired = NULL;	/* replaced, freed at the next statement */
static bool stale = true;
static uint64 inval_count = 0;	/* invalidations seen, to detect one during a load */
static Oid	watchlist_relid = InvalidOid;

/* Per-statement check for pending invalidations */
static TimestampTz last_stmt_start = 0;
static TimestampTz last_xact_start = 0;

/* When an invalidation last arrived while a snapshot was already in use */
static TimestampTz late_inval_xact = 0;
static TimestampTz late_inval_stmt = 0;

static void
watchlist_relcache_callback(Datum arg, Oid relid)
{
	/* Only mark: a callback must not do catalog access. */
	if (relid == InvalidOid || relid == watchlist_relid)
	{
		stale = true;
		inval_count++;

		/*
		 * A snapshot taken before this point may not see the change that
		 * sent the invalidation (a commit between our snapshot and our
		 * accepting its message): remember it, see watchlist_snapshot_get().
		 */
		if (FirstSnapshotSet)
		{
			late_inval_xact = GetCurrentTransactionStartTimestamp();
			late_inval_stmt = GetCurrentStatementStartTimestamp();
		}
	}
}

void
precursor_watchlist_snapshot_init(void)
{
	/* Relcache callbacks are few per backend and never unregistered: one. */
	CacheRegisterRelcacheCallback(watchlist_relcache_callback, (Datum) 0);
}

static void
snapshot_free(WatchlistSnapshot *s)
{
	watchlist_cache_view_free(s);
	/* s itself lives in s->cxt */
	MemoryContextDelete(s->cxt);
}

static void
free_retired(void)
{
	while (retired != NULL)
	{
		WatchlistSnapshot *next = retired->retired_next;

		snapshot_free(retired);
		retired = next;
	}
}

int
watchlist_snapshot_find(const WatchlistSnapshot *s, int32 id)
{
	int			lo = 0,
				hi = s->nsubs - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (s->subs[mid].substance_id == id)
			return mid;
		if (s->subs[mid].substance_id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

static char *
spi_text(HeapTuple tup, TupleDesc desc, int col, MemoryContext cxt)
{
	char	   *v = SPI_getvalue(tup, desc, col);
	char	   *r;

	if (v == NULL)
		return NULL;
	r = MemoryContextStrdup(cxt, v);
	pfree(v);
	return r;
}

static bool
spi_bool(HeapTuple tup, TupleDesc desc, int col)
{
	bool		isnull;
	Datum		d = SPI_getbinval(tup, desc, col, &isnull);

	return !isnull && DatumGetBool(d);
}

static void
spi_run(const char *sql)
{
	int			rc = SPI_execute(sql, true, 0);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "precursor: watchlist query failed: %s",
			 SPI_result_code_string(rc));
}

/* The CAS RNs of an excluded_casrn array's text ("{492-39-7,...}") */
static void
parse_excluded(WatchlistSubstance *s, const char *arr, MemoryContext cxt)
{
	const char *p = arr;

	s->nexcluded = 0;
	s->excluded = NULL;
	if (arr == NULL)
		return;
	s->excluded = MemoryContextAlloc(cxt, sizeof(int64) * (strlen(arr) / 5 + 1));
	while (*p)
	{
		const char *e;
		int64		v;

		while (*p == '{' || *p == ',' || *p == '}' || *p == '"')
			p++;
		for (e = p; *e && *e != ',' && *e != '}'; e++)
			;
		if (e > p && casrn_parse(p, e - p, &v, NULL))
			s->excluded[s->nexcluded++] = v;
		p = e;
	}
}

/* The keys of an excluded_inchikey array's text ("{DLNKOYKMWOXYQA-...}") */
static void
parse_excluded_keys(WatchlistSubstance *s, const char *arr, MemoryContext cxt)
{
	const char *p = arr;

	s->nexcluded_keys = 0;
	s->excluded_keys = NULL;
	if (arr == NULL)
		return;
	s->excluded_keys = MemoryContextAlloc(cxt, sizeof(InchiKey) * (strlen(arr) / INCHIKEY_LEN + 1));
	while (*p)
	{
		const char *e;

		while (*p == '{' || *p == ',' || *p == '}' || *p == '"')
			p++;
		for (e = p; *e && *e != ',' && *e != '}'; e++)
			;
		if (e > p && inchikey_parse(p, e - p, &s->excluded_keys[s->nexcluded_keys], NULL))
			s->nexcluded_keys++;
		p = e;
	}
}

/* Substances of active lists, by substance_id */
static void
load_substances(WatchlistSnapshot *snap)
{
	MemoryContext cxt = snap->cxt;
	uint64		i;

	spi_run(psprintf("SELECT s.substance_id, s.name, s.casrn::pg_catalog.text, "
					 "       s.category, w.code, s.covers_salts, "
					 "       s.excluded_casrn::pg_catalog.text, s.covers_esters, "
					 "       s.threshold_qty::pg_catalog.float8, s.threshold_unit, "
					 "       s.density_kg_per_l::pg_catalog.float8, "
					 "       s.inchikey::pg_catalog.text, s.covers_stereoisomers, %s "
					 "  FROM precursor.substance s "
					 "  JOIN precursor.watchlist w "
					 "    ON w.watchlist_id OPERATOR(pg_catalog.=) s.watchlist_id "
					 " WHERE w.active "
					 " ORDER BY s.substance_id",
	/* a database not yet updated to 1.2 (ALTER EXTENSION) lacks the column */
					 get_attnum(snap->read_relids[1], "excluded_inchikey") != InvalidAttrNumber
					 ? "s.excluded_inchikey::pg_catalog.text" : "NULL::pg_catalog.text"));
	snap->nsubs = (int) SPI_processed;
	snap->subs = MemoryContextAllocZero(cxt, sizeof(WatchlistSubstance) * Max(snap->nsubs, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		WatchlistSubstance *s = &snap->subs[i];
		bool		isnull;
		char	   *v;

		s->substance_id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		s->name = spi_text(tup, desc, 2, cxt);
		v = SPI_getvalue(tup, desc, 3);
		if (v == NULL || !casrn_parse(v, strlen(v), &s->casrn, NULL))
			s->casrn = 0;
		s->category = spi_text(tup, desc, 4, cxt);
		s->watchlist_code = spi_text(tup, desc, 5, cxt);
		s->covers_salts = spi_bool(tup, desc, 6);
		parse_excluded(s, SPI_getvalue(tup, desc, 7), cxt);
		s->covers_esters = spi_bool(tup, desc, 8);
		v = SPI_getvalue(tup, desc, 9);
		s->threshold_unit = spi_text(tup, desc, 10, cxt);
		if (v != NULL && s->threshold_unit != NULL)
			s->threshold_qty = strtod(v, NULL);
		v = SPI_getvalue(tup, desc, 11);
		s->density = v ? strtod(v, NULL) : 0.0;
		if (!(s->density > 0.0))
			s->density = 0.0;
		v = SPI_getvalue(tup, desc, 12);
		s->has_inchikey = v != NULL && inchikey_parse(v, strlen(v), &s->inchikey, NULL);
		s->covers_stereoisomers = spi_bool(tup, desc, 13);
		parse_excluded_keys(s, SPI_getvalue(tup, desc, 14), cxt);
		CHECK_FOR_INTERRUPTS();
	}
}

/* CN codes of those substances, grouped per substance in code order */
static void
load_cn_codes(WatchlistSnapshot *snap)
{
	uint64		nrows;
	int		   *row_sub;
	int64	   *row_code;
	bool	   *row_ex;
	int			i;

	spi_run("SELECT c.substance_id, c.cn_code::pg_catalog.text, c.ex "
			"  FROM precursor.substance_cn c "
			" ORDER BY c.substance_id, c.cn_code");
	nrows = SPI_processed;
	row_sub = palloc(sizeof(int) * Max(nrows, 1));
	row_code = palloc(sizeof(int64) * Max(nrows, 1));
	row_ex = palloc(sizeof(bool) * Max(nrows, 1));
	for (i = 0; i < (int) nrows; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int32		id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		char	   *v = SPI_getvalue(tup, desc, 2);

		CHECK_FOR_INTERRUPTS();
		row_sub[i] = watchlist_snapshot_find(snap, id);
		if (row_sub[i] < 0 || v == NULL ||
			!cncode_parse(v, strlen(v), &row_code[i], NULL))
		{
			row_sub[i] = -1;	/* an inactive list's, or unreadable */
			continue;
		}
		row_ex[i] = spi_bool(tup, desc, 3);
		snap->subs[row_sub[i]].ncn++;
		snap->ncn++;
	}
	for (i = 0; i < snap->nsubs; i++)
	{
		snap->subs[i].cn = MemoryContextAlloc(snap->cxt,
											  sizeof(RuleCn) * Max(snap->subs[i].ncn, 1));
		snap->subs[i].ncn = 0;
	}
	for (i = 0; i < (int) nrows; i++)
	{
		WatchlistSubstance *s;
		RuleCn	   *e;

		if (row_sub[i] < 0)
			continue;
		s = &snap->subs[row_sub[i]];
		e = &s->cn[s->ncn++];
		e->cn = row_code[i];
		e->ex = row_ex[i];
	}
	pfree(row_sub);
	pfree(row_code);
	pfree(row_ex);
}

/* Terms of active lists, in a stable order */
static void
load_terms(WatchlistSnapshot *snap)
{
	MemoryContext cxt = snap->cxt;
	uint64		i;

	spi_run("SELECT t.substance_id, t.term, t.term_kind, t.lang "
			"  FROM precursor.watchlist_term t "
			/* a stable order: the same lists give the same stored matcher */
			" ORDER BY t.substance_id, t.term_kind COLLATE pg_catalog.\"C\", "
			"          t.term COLLATE pg_catalog.\"C\"");
	snap->terms = MemoryContextAllocZero(cxt, sizeof(WatchlistTerm) * Max(SPI_processed, 1));
	snap->nterms = 0;
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int32		id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		int			sub = watchlist_snapshot_find(snap, id);
		WatchlistTerm *t;

		if (sub < 0)
			continue;			/* substance of an inactive list */
		t = &snap->terms[snap->nterms];
		t->sub = sub;
		t->term = spi_text(tup, desc, 2, cxt);
		t->kind = spi_text(tup, desc, 3, cxt);
		t->lang = spi_text(tup, desc, 4, cxt);
		if (t->term == NULL || t->kind == NULL)
			continue;
		snap->nterms++;
		CHECK_FOR_INTERRUPTS();
	}
}

/*
 * Read the watchlists and build both views.  Everything goes into a fresh
 * context; only a complete snapshot is returned.
 */
static WatchlistSnapshot *
snapshot_load(void)
{
	MemoryContext cxt;
	WatchlistSnapshot *snap;
	Oid			nsp;
	int			nestlevel;

	/* freed with the (sub)transaction if anything below fails */
	cxt = AllocSetContextCreate(CurTransactionContext,
								"precursor watchlist snapshot",
								ALLOCSET_DEFAULT_SIZES);
	snap = MemoryContextAllocZero(cxt, sizeof(WatchlistSnapshot));
	snap->cxt = cxt;

	nsp = get_namespace_oid("precursor", false);
	watchlist_relid = get_relname_relid("watchlist", nsp);
	if (!OidIsValid(watchlist_relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"precursor.watchlist\" does not exist")));

	snap->read_relids[0] = watchlist_relid;
	snap->read_relids[1] = get_relname_relid("substance", nsp);
	snap->read_relids[2] = get_relname_relid("substance_cn", nsp);
	snap->read_relids[3] = get_relname_relid("synonym", nsp);
	snap->read_relids[4] = get_relname_relid("watchlist_term", nsp);
	snap->checked_user = GetUserId();

	/* SPI nests: this works whether or not the caller is connected. */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "precursor: SPI_connect failed");
	nestlevel = precursor_search_path_pin();
	load_substances(snap);
	load_cn_codes(snap);
	load_terms(snap);
	precursor_search_path_restore(nestlevel);
	SPI_finish();

	watchlist_rules_view_build(snap);
	watchlist_cache_view_build(snap);
	return snap;
}

/* Once per statement and user: may this user read the lists? */
static void
check_rights(WatchlistSnapshot *s, TimestampTz stmt)
{
	Oid			user = GetUserId();
	int			i;

	if (s->checked_user == user && s->checked_stmt == stmt)
		return;
	for (i = 0; i < lengthof(s->read_relids); i++)
	{
		Oid			relid = s->read_relids[i];
		AclResult	aclresult;

		if (!OidIsValid(relid))
			continue;
		aclresult = pg_class_aclcheck(relid, user, ACL_SELECT);
		if (aclresult != ACLCHECK_OK)
			aclcheck_error(aclresult,
						   get_relkind_objtype(get_rel_relkind(relid)),
						   get_rel_name(relid));
	}
	s->checked_user = user;
	s->checked_stmt = stmt;
}

/*
 * Pick up invalidations that arrived since the statement started, then
 * make sure the snapshot is current.
 */
WatchlistSnapshot *
watchlist_snapshot_get(bool rights)
{
	TimestampTz stmt = GetCurrentStatementStartTimestamp();
	TimestampTz xact = GetCurrentTransactionStartTimestamp();

	/*
	 * A new transaction has already accepted invalidations; a new statement
	 * in the same transaction has not necessarily (its locks may already be
	 * held), so do it once per statement: cheap, and a READ COMMITTED
	 * statement then sees lists committed before it started.  No pointer
	 * into a retired snapshot survives from the last statement.
	 */
	if (stmt != last_stmt_start || xact != last_xact_start)
	{
		last_stmt_start = stmt;
		last_xact_start = xact;
		free_retired();
		AcceptInvalidationMessages();
	}

	/*
	 * A snapshot loaded from a database snapshot that may predate a commit we
	 * were told about: reload as soon as we run with a newer one (the next
	 * statement under READ COMMITTED, the next transaction otherwise).
	 */
	if (current != NULL && current->provisional &&
		(xact != current->built_xact ||
		 (!IsolationUsesXactSnapshot() && stmt != current->built_stmt)))
		stale = true;

	if (current == NULL || stale)
	{
		WatchlistSnapshot *fresh;
		uint64		seen = inval_count;

		/*
		 * On error the flag stays set and the half-built context goes with
		 * the aborted transaction.
		 */
		fresh = snapshot_load();

		MemoryContextSetParent(fresh->cxt, CacheMemoryContext);
		if (current != NULL)
		{
			current->retired_next = retired;
			retired = current;
		}
		current = fresh;

		/*
		 * An invalidation accepted while we read the tables (lock acquisition
		 * accepts them) may describe a change our snapshot did not see:
		 * reload again next time.
		 */
		stale = (inval_count != seen);
		current->built_xact = xact;
		current->built_stmt = stmt;
		current->provisional = (late_inval_xact == xact &&
								(IsolationUsesXactSnapshot() || late_inval_stmt == stmt));
		current->checked_stmt = stmt;
	}
	else if (rights)
		check_rights(current, stmt);
	return current;
}
