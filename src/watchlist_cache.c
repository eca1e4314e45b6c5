/*
 * watchlist_cache.c
 *		Per-backend compiled watchlist: read, compiled (or loaded from the
 *		matcher store), invalidated and rebuilt.  The scan that uses it is
 *		in hit_resolution.c.
 *
 * The cache holds every term of every active watchlist (view
 * precursor.watchlist_term), the substances they belong to, and the CAS RN
 * and CN code maps, read with SPI on first use.  Terms are compiled by the
 * core (matcher.h) into one Vectorscan database; the fuzzy variant, which
 * also holds the pigeonhole pieces of long terms, is compiled lazily the
 * first time fuzzy matching is asked for, so sessions that never use it
 * never pay for it.
 *
 * Invalidation: the watchlist tables' statement triggers
 * (watchlist_signal.c) send a relcache invalidation for precursor.watchlist.
 * One relcache callback, registered once in _PG_init, marks the cache stale
 * when it sees that relation (or a full reset); the next use rebuilds.
 * Invalidations travel at commit, so other sessions pick a change up at
 * their next transaction (or statement: we accept pending invalidations once
 * per statement) and the changing session at its next command; an abort
 * delivers the same invalidations locally, so a rolled-back change is
 * forgotten as well.
 *
 * Compiled matchers are saved to and loaded from the matcher store
 * (matcher_store.c), keyed by the exact term list.
 *
 * Memory: strings and arrays live in one context per build; the matchers
 * are malloc'd by the core.  A build happens in a context under
 * CurTransactionContext (so an error anywhere in it frees everything with the
 * failed (sub)transaction) and is moved under CacheMemoryContext only once
 * the build has succeeded; the old cache is freed after the swap.  The
 * matcher is compiled last, so nothing can fail while it is not yet owned.
 */
#include "precursor.h"

#include <unistd.h>

#include "access/xact.h"
#include "catalog/namespace.h"
#include "executor/spi.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/acl.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"
#include "utils/snapmgr.h"
#include "utils/syscache.h"

#include "casrn.h"
#include "cncode.h"
#include "matcher_store.h"
#include "screen.h"
#include "watchlist_cache.h"

static WatchlistCache *cache = NULL;
static bool cache_stale = true;
static uint64 inval_count = 0;	/* invalidations seen, to detect one during a build */
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
		cache_stale = true;
		inval_count++;

		/*
		 * A snapshot taken before this point may not see the change that
		 * sent the invalidation (a commit between our snapshot and our
		 * accepting its message): remember it, see watchlist_cache_get().
		 */
		if (FirstSnapshotSet)
		{
			late_inval_xact = GetCurrentTransactionStartTimestamp();
			late_inval_stmt = GetCurrentStatementStartTimestamp();
		}
	}
}

void
precursor_watchlist_cache_init(void)
{
	/* Relcache callbacks are few per backend and never unregistered: one. */
	CacheRegisterRelcacheCallback(watchlist_relcache_callback, (Datum) 0);

}

void
precursor_require_utf8(void)
{
	if (GetDatabaseEncoding() != PG_UTF8)
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("precursor matching requires a UTF8 database"),
				 errdetail("The database encoding is %s.",
						   GetDatabaseEncodingName()),
				 errhint("Create the database with ENCODING 'UTF8'.")));
}

void
precursor_screen_default_options(ScreenOptions *opts)
{
	opts->fuzzy = precursor_fuzzy;
	opts->lookup = false;
	opts->stop_at_first = false;
}

static void
free_cache(WatchlistCache *c)
{
	if (c == NULL)
		return;
	if (c->exact)
		pm_free(c->exact);
	if (c->fuzzy)
		pm_free(c->fuzzy);
	/* c itself lives in c->cxt */
	MemoryContextDelete(c->cxt);
}

static int
cmp_ident(const void *a, const void *b)
{
	const IdentEntry *x = a;
	const IdentEntry *y = b;

	if (x->ident != y->ident)
		return x->ident < y->ident ? -1 : 1;
	return x->sub - y->sub;
}

/* Index of substance_id in the sorted array, or -1 */
static int
find_sub(const CacheSubstance *subs, int n, int32 id)
{
	int			lo = 0,
				hi = n - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (subs[mid].substance_id == id)
			return mid;
		if (subs[mid].substance_id < id)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* First index in a sorted IdentEntry array with ident >= key */
int
watchlist_ident_lower_bound(const IdentEntry *a, int n, int64 key)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (a[mid].ident < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
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

/* The CAS RNs of an excluded_casrn array's text ("{492-39-7,...}") */
static void
parse_excluded(CacheSubstance *s, const char *arr, MemoryContext cxt)
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

static void
spi_run(const char *sql)
{
	int			rc = SPI_execute(sql, true, 0);

	if (rc != SPI_OK_SELECT)
		elog(ERROR, "precursor: watchlist query failed: %s",
			 SPI_result_code_string(rc));
}

/* Load the matcher for this term list, or compile (and store) it */
static PmMatcher *
load_or_build(WatchlistCache *c, uint32 flags, bool *loaded,
			  char *errbuf, size_t errlen)
{
	PmMatcher  *volatile m;
	MatcherStoreKey key;

	*loaded = false;
	if (!matcher_store_key(c->pmterms, c->nterms, flags, &key))
		return pm_build(c->pmterms, c->nterms, flags, errbuf, errlen);
	m = matcher_store_load(flags, &key);
	if (m != NULL)
	{
		*loaded = true;
		return m;
	}
	m = pm_build(c->pmterms, c->nterms, flags, errbuf, errlen);
	if (m == NULL)
		return NULL;
	PG_TRY();
	{
		matcher_store_save(m, flags, &key);
	}
	PG_CATCH();
	{
		pm_free(m);
		PG_RE_THROW();
	}
	PG_END_TRY();
	return m;
}

/*
 * Read the watchlists and compile the exact matcher.  Everything goes into a
 * fresh context; only a complete cache is returned.
 */
static WatchlistCache *
build_cache(void)
{
	MemoryContext cxt;
	WatchlistCache *c;
	Oid			nsp;
	uint64		i;
	char		errbuf[256];
	int			nterms;

	/* freed with the (sub)transaction if anything below fails */
	cxt = AllocSetContextCreate(CurTransactionContext,
								"precursor watchlist cache",
								ALLOCSET_DEFAULT_SIZES);
	c = MemoryContextAllocZero(cxt, sizeof(WatchlistCache));
	c->cxt = cxt;

	nsp = get_namespace_oid("precursor", false);
	watchlist_relid = get_relname_relid("watchlist", nsp);
	if (!OidIsValid(watchlist_relid))
		ereport(ERROR,
				(errcode(ERRCODE_UNDEFINED_TABLE),
				 errmsg("relation \"precursor.watchlist\" does not exist")));

	c->read_relids[0] = watchlist_relid;
	c->read_relids[1] = get_relname_relid("substance", nsp);
	c->read_relids[2] = get_relname_relid("substance_cn", nsp);
	c->read_relids[3] = get_relname_relid("synonym", nsp);
	c->read_relids[4] = get_relname_relid("watchlist_term", nsp);
	c->checked_user = GetUserId();

	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "precursor: SPI_connect failed");

	/*
	 * Substances of active lists.  Every operator is schema-qualified: the
	 * caller's search_path may hold a hostile "=" (the queries run with the
	 * caller's search_path and rights).
	 */
	spi_run("SELECT s.substance_id, s.name, s.casrn::pg_catalog.text, "
			"       s.category, w.code, s.covers_salts, "
			"       s.excluded_casrn::pg_catalog.text, s.covers_esters "
			"  FROM precursor.substance s "
			"  JOIN precursor.watchlist w "
			"    ON w.watchlist_id OPERATOR(pg_catalog.=) s.watchlist_id "
			" WHERE w.active "
			" ORDER BY s.substance_id");
	c->nsubs = (int) SPI_processed;
	c->subs = MemoryContextAllocZero(cxt, sizeof(CacheSubstance) * Max(c->nsubs, 1));
	c->cas = MemoryContextAllocZero(cxt, sizeof(IdentEntry) * Max(c->nsubs, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		CacheSubstance *s = &c->subs[i];
		bool		isnull;
		char	   *cas;

		s->substance_id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		s->name = spi_text(tup, desc, 2, cxt);
		cas = SPI_getvalue(tup, desc, 3);
		if (cas && !casrn_parse(cas, strlen(cas), &s->casrn, NULL))
			s->casrn = 0;
		s->category = spi_text(tup, desc, 4, cxt);
		s->watchlist_code = spi_text(tup, desc, 5, cxt);
		s->covers_salts = DatumGetBool(SPI_getbinval(tup, desc, 6, &isnull)) && !isnull;
		parse_excluded(s, SPI_getvalue(tup, desc, 7), cxt);
		s->covers_esters = DatumGetBool(SPI_getbinval(tup, desc, 8, &isnull)) && !isnull;
		if (s->casrn != 0)
		{
			c->cas[c->ncas].ident = s->casrn;
			c->cas[c->ncas].sub = (int) i;
			c->ncas++;
		}
		CHECK_FOR_INTERRUPTS();
	}
	qsort(c->cas, c->ncas, sizeof(IdentEntry), cmp_ident);

	/* CN codes of those substances */
	spi_run("SELECT c.substance_id, c.cn_code::pg_catalog.text "
			"  FROM precursor.substance_cn c");
	c->cn = MemoryContextAllocZero(cxt, sizeof(IdentEntry) * Max(SPI_processed, 1));
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int32		id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		int			sub = find_sub(c->subs, c->nsubs, id);
		char	   *code = SPI_getvalue(tup, desc, 2);
		int64		v;

		CHECK_FOR_INTERRUPTS();
		if (sub < 0 || code == NULL || !cncode_parse(code, strlen(code), &v, NULL))
			continue;
		c->cn[c->ncn].ident = v;
		c->cn[c->ncn].sub = sub;
		c->ncn++;
	}
	qsort(c->cn, c->ncn, sizeof(IdentEntry), cmp_ident);

	/* Terms of active lists */
	spi_run("SELECT t.substance_id, t.term, t.term_kind, t.lang "
			"  FROM precursor.watchlist_term t "
			/* a stable order: the same lists give the same stored matcher */
			" ORDER BY t.substance_id, t.term_kind COLLATE pg_catalog.\"C\", "
			"          t.term COLLATE pg_catalog.\"C\"");
	c->terms = MemoryContextAllocZero(cxt, sizeof(CacheTerm) * Max(SPI_processed, 1));
	c->pmterms = MemoryContextAllocZero(cxt, sizeof(PmTerm) * Max(SPI_processed, 1));
	nterms = 0;
	for (i = 0; i < SPI_processed; i++)
	{
		HeapTuple	tup = SPI_tuptable->vals[i];
		TupleDesc	desc = SPI_tuptable->tupdesc;
		bool		isnull;
		int32		id = DatumGetInt32(SPI_getbinval(tup, desc, 1, &isnull));
		int			sub = find_sub(c->subs, c->nsubs, id);
		CacheTerm  *t;
		PmTerm	   *p;

		if (sub < 0)
			continue;			/* substance of an inactive list */
		t = &c->terms[nterms];
		t->sub = sub;
		t->term = spi_text(tup, desc, 2, cxt);
		t->kind = spi_text(tup, desc, 3, cxt);
		t->lang = spi_text(tup, desc, 4, cxt);
		if (t->term == NULL || t->kind == NULL)
			continue;
		p = &c->pmterms[nterms];
		p->text = t->term;
		p->len = strlen(t->term);
		p->id = (uint32) nterms;
		if (strcmp(t->kind, "name") == 0)
			p->kind = PM_TERM_NAME;
		else if (strcmp(t->kind, "abbreviation") == 0)
			p->kind = PM_TERM_ABBREVIATION;
		else
			p->kind = PM_TERM_SYNONYM;
		nterms++;
		CHECK_FOR_INTERRUPTS();
	}
	c->nterms = nterms;

	SPI_finish();

	/* Last step: nothing after it may fail, or the matcher would leak. */
	c->exact = load_or_build(c, 0, &c->exact_loaded, errbuf, sizeof(errbuf));
	if (c->exact == NULL)
		ereport(ERROR,
				(errcode(ERRCODE_INTERNAL_ERROR),
				 errmsg("could not compile the watchlist terms"),
				 errdetail("%s", errbuf)));

	return c;
}

/*
 * Pick up invalidations that arrived since the statement started, then
 * make sure the cache is current.
 */
WatchlistCache *
watchlist_cache_get(bool need_fuzzy)
{
	TimestampTz stmt = GetCurrentStatementStartTimestamp();
	TimestampTz xact = GetCurrentTransactionStartTimestamp();

	precursor_require_utf8();

	/*
	 * A new transaction has already accepted invalidations; a new statement
	 * in the same transaction has not necessarily (its locks may already be
	 * held), so do it once per statement: cheap, and a READ COMMITTED
	 * statement then sees lists committed before it started.
	 */
	if (stmt != last_stmt_start || xact != last_xact_start)
	{
		last_stmt_start = stmt;
		last_xact_start = xact;
		AcceptInvalidationMessages();
	}

	/*
	 * A cache built from a snapshot that may predate a commit we were told
	 * about: rebuild as soon as we run with a newer snapshot (the next
	 * statement under READ COMMITTED, the next transaction otherwise).
	 */
	if (cache != NULL && cache->provisional &&
		(xact != cache->built_xact ||
		 (!IsolationUsesXactSnapshot() && stmt != cache->built_stmt)))
		cache_stale = true;

	if (cache == NULL || cache_stale)
	{
		WatchlistCache *fresh;
		uint64		seen = inval_count;

		/*
		 * On error the flag stays set and the half-built context goes with
		 * the aborted transaction.
		 */
		fresh = build_cache();

		MemoryContextSetParent(fresh->cxt, CacheMemoryContext);
		free_cache(cache);
		cache = fresh;

		/*
		 * An invalidation accepted while we read the tables (lock acquisition
		 * accepts them) may describe a change our snapshot did not see:
		 * rebuild again next time.
		 */
		cache_stale = (inval_count != seen);
		cache->built_xact = xact;
		cache->built_stmt = stmt;
		cache->provisional = (late_inval_xact == xact &&
							  (IsolationUsesXactSnapshot() || late_inval_stmt == stmt));
		cache->checked_stmt = stmt;
	}
	else if (cache->checked_user != GetUserId() || cache->checked_stmt != stmt)
	{
		/* once per statement and user: may this user read the lists? */
		Oid			user = GetUserId();
		int			i;

		for (i = 0; i < lengthof(cache->read_relids); i++)
		{
			Oid			relid = cache->read_relids[i];
			AclResult	aclresult;

			if (!OidIsValid(relid))
				continue;
			aclresult = pg_class_aclcheck(relid, user, ACL_SELECT);
			if (aclresult != ACLCHECK_OK)
				aclcheck_error(aclresult,
							   get_relkind_objtype(get_rel_relkind(relid)),
							   get_rel_name(relid));
		}
		cache->checked_user = user;
		cache->checked_stmt = stmt;
	}

	if (need_fuzzy && cache->fuzzy == NULL)
	{
		char		errbuf[256];

		/* a failed build fails again until the lists change: don't retry */
		if (cache->fuzzy_error == NULL)
		{
			bool		loaded;

			cache->fuzzy = load_or_build(cache, PM_BUILD_FUZZY, &loaded,
										 errbuf, sizeof(errbuf));
			if (cache->fuzzy == NULL)
				cache->fuzzy_error = MemoryContextStrdup(cache->cxt, errbuf);
		}
		if (cache->fuzzy == NULL)
			ereport(ERROR,
					(errcode(ERRCODE_INTERNAL_ERROR),
					 errmsg("could not compile the watchlist terms for fuzzy matching"),
					 errdetail("%s", cache->fuzzy_error)));
	}
	return cache;
}

void
precursor_cache_stats(int *nterms, int *nsubstances, bool *fuzzy_built,
					  bool *loaded)
{
	WatchlistCache *c = watchlist_cache_get(false);

	*nterms = c->nterms;
	*nsubstances = c->nsubs;
	*fuzzy_built = (c->fuzzy != NULL);
	*loaded = c->exact_loaded;
}

