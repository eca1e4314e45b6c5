/*
 * watchlist_cache.c
 *		The matcher view of the watchlist snapshot: the terms compiled by the
 *		core (matcher.h) into one Vectorscan database, and the CAS RN and CN
 *		code maps of hit resolution.  The snapshot itself (load,
 *		invalidation, memory) is watchlist_snapshot.c; the scan that uses
 *		this view is matching_hits.c.
 *
 * The exact matcher is compiled (or loaded from the matcher store,
 * matching_store.c, keyed by the exact term list) the first time a scan needs
 * it; the fuzzy variant, which also holds the pigeonhole pieces of long
 * terms, the first time fuzzy matching is asked for, so sessions that never
 * use it never pay for it.  Both are malloc'd by the core and freed with the
 * snapshot (watchlist_cache_view_free()).
 */
#include "precursor.h"

#include "mb/pg_wchar.h"
#include "utils/memutils.h"

#include "matching_store.h"
#include "matching.h"
#include "watchlist_cache.h"

void
matching_require_utf8(void)
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
matching_default_options(ScreenOptions *opts)
{
	opts->fuzzy = precursor_fuzzy;
	opts->lookup = false;
	opts->stop_at_first = false;
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

static int
cmp_key(const void *a, const void *b)
{
	const KeyEntry *x = a;
	const KeyEntry *y = b;
	int			r = inchikey_cmp(&x->key, &y->key);

	return r != 0 ? r : x->sub - y->sub;
}

/* First index in a sorted KeyEntry array with key >= key */
int
watchlist_key_lower_bound(const KeyEntry *a, int n, const InchiKey *key)
{
	int			lo = 0,
				hi = n;

	while (lo < hi)
	{
		int			mid = lo + (hi - lo) / 2;

		if (inchikey_cmp(&a[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * Load the matcher for this term list, or compile (and store) it.  A fuzzy
 * matcher is compiled from the exact one when there is one
 * (pm_build_fuzzy_from): only its fuzzy pieces are compiled.
 */
static PmMatcher *
load_or_build(WatchlistCache *c, uint32 flags, const PmMatcher *from,
			  bool *loaded, PrecursorError *err)
{
	PmMatcher  *volatile m;
	MatcherStoreKey key;
	bool		keyed = matching_store_key(c->pmterms, c->nterms, flags, &key);

	*loaded = false;
	if (keyed)
	{
		m = matching_store_load(flags, &key);
		if (m != NULL)
		{
			*loaded = true;
			return m;
		}
	}
	if (from != NULL && (flags & PM_BUILD_FUZZY))
		m = pm_build_fuzzy_from(from, err);
	else
		m = pm_build(c->pmterms, c->nterms, flags, err);
	if (m == NULL || !keyed)
		return m;
	PG_TRY();
	{
		matching_store_save(m, flags, &key);
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
 * Build the matcher view in the snapshot's context: the identifier maps and
 * the term list.  Nothing is compiled yet.
 */
void
watchlist_cache_view_build(WatchlistSnapshot *snap)
{
	MemoryContext cxt = snap->cxt;
	WatchlistCache *c;
	int			i,
				j;

	c = MemoryContextAllocZero(cxt, sizeof(WatchlistCache));
	c->snap = snap;
	c->subs = snap->subs;
	c->nsubs = snap->nsubs;
	c->terms = snap->terms;
	c->nterms = snap->nterms;

	c->cas = MemoryContextAllocZero(cxt, sizeof(IdentEntry) * Max(c->nsubs, 1));
	c->cn = MemoryContextAllocZero(cxt, sizeof(IdentEntry) * Max(snap->ncn, 1));
	c->keys = MemoryContextAllocZero(cxt, sizeof(KeyEntry) * Max(c->nsubs, 1));
	for (i = 0; i < c->nsubs; i++)
	{
		CacheSubstance *s = &c->subs[i];

		if (s->casrn != 0)
		{
			c->cas[c->ncas].ident = s->casrn;
			c->cas[c->ncas].sub = i;
			c->ncas++;
		}
		if (s->has_inchikey)
		{
			c->keys[c->nkeys].key = s->inchikey;
			c->keys[c->nkeys].sub = i;
			c->nkeys++;
		}
		for (j = 0; j < s->ncn; j++)
		{
			c->cn[c->ncn].ident = s->cn[j].cn;
			c->cn[c->ncn].sub = i;
			c->ncn++;
		}
	}
	qsort(c->cas, c->ncas, sizeof(IdentEntry), cmp_ident);
	qsort(c->cn, c->ncn, sizeof(IdentEntry), cmp_ident);
	qsort(c->keys, c->nkeys, sizeof(KeyEntry), cmp_key);

	c->pmterms = MemoryContextAllocZero(cxt, sizeof(PmTerm) * Max(c->nterms, 1));
	for (i = 0; i < c->nterms; i++)
	{
		CacheTerm  *t = &c->terms[i];
		PmTerm	   *p = &c->pmterms[i];

		p->text = t->term;
		p->len = strlen(t->term);
		p->id = (uint32) i;
		if (strcmp(t->kind, "name") == 0)
			p->kind = PM_TERM_NAME;
		else if (strcmp(t->kind, "abbreviation") == 0)
			p->kind = PM_TERM_ABBREVIATION;
		else
			p->kind = PM_TERM_SYNONYM;
	}
	snap->matcher = c;
}

/* The matchers are the core's (malloc'd): freed with the snapshot */
void
watchlist_cache_view_free(WatchlistSnapshot *snap)
{
	WatchlistCache *c = snap->matcher;

	if (c == NULL)
		return;
	if (c->exact)
		pm_free(c->exact);
	if (c->fuzzy)
		pm_free(c->fuzzy);
	c->exact = c->fuzzy = NULL;
}

WatchlistCache *
watchlist_cache_get(bool need_fuzzy)
{
	WatchlistCache *c;
	PrecursorError err;

	matching_require_utf8();
	c = watchlist_snapshot_get(true)->matcher;

	if (c->exact == NULL)
	{
		/* a failed build fails this call; the next one tries again */
		c->exact = load_or_build(c, 0, NULL, &c->exact_loaded, &err);
		if (c->exact == NULL)
			precursor_report_core_error(ERROR, &err,
										"could not compile the watchlist terms");
	}

	if (need_fuzzy && c->fuzzy == NULL)
	{
		/* a failed build fails again until the lists change: don't retry */
		if (c->fuzzy_error == NULL)
		{
			bool		loaded;

			c->fuzzy = load_or_build(c, PM_BUILD_FUZZY, c->exact, &loaded, &err);
			if (c->fuzzy == NULL)
			{
				c->fuzzy_error = MemoryContextAlloc(c->snap->cxt, sizeof(PrecursorError));
				*c->fuzzy_error = err;
			}
		}
		if (c->fuzzy == NULL)
			precursor_report_core_error(ERROR, c->fuzzy_error,
										"could not compile the watchlist terms for fuzzy matching");
	}
	return c;
}

void
watchlist_cache_stats(int *nterms, int *nsubstances, bool *fuzzy_built,
					  bool *loaded)
{
	WatchlistCache *c = watchlist_cache_get(false);

	*nterms = c->nterms;
	*nsubstances = c->nsubs;
	*fuzzy_built = (c->fuzzy != NULL);
	*loaded = c->exact_loaded;
}

