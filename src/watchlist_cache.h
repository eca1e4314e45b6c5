/*
 * watchlist_cache.h
 *		The matcher view of the watchlist snapshot (watchlist_snapshot.h):
 *		the compiled terms and the identifier maps, as the hit resolution
 *		sees them.  Internal to watchlist_cache.c (which builds it),
 *		matching_hits.c (which scans with it) and matching_coverage.c;
 *		others use matching.h.
 */
#ifndef PRECURSOR_WATCHLIST_CACHE_H
#define PRECURSOR_WATCHLIST_CACHE_H

#include "precursor.h"

#include "matcher.h"
#include "watchlist_snapshot.h"

/* The matcher view reads the snapshot's substances and terms */
typedef WatchlistSubstance CacheSubstance;
typedef WatchlistTerm CacheTerm;

/* An identifier of a substance; arrays sorted by ident */
typedef struct IdentEntry
{
	int64		ident;
	int			sub;
} IdentEntry;

/* An InChIKey of a substance; sorted by key, so a skeleton is one range */
typedef struct KeyEntry
{
	InchiKey	key;
	int			sub;
} KeyEntry;

typedef struct WatchlistCache
{
	WatchlistSnapshot *snap;	/* the snapshot this is a view of */
	CacheSubstance *subs;		/* snap->subs, sorted by substance_id */
	int			nsubs;
	CacheTerm  *terms;			/* snap->terms */
	PmTerm	   *pmterms;		/* the terms as the core compiles them */
	int			nterms;
	IdentEntry *cas;
	int			ncas;
	IdentEntry *cn;
	int			ncn;
	KeyEntry   *keys;
	int			nkeys;
	PmMatcher  *exact;			/* NULL until first needed */
	PmMatcher  *fuzzy;			/* NULL until first needed */
	PrecursorError *fuzzy_error;	/* why the fuzzy build failed: not retried */
	bool		exact_loaded;	/* exact matcher loaded from the store */
	struct CoverageIndex *coverage; /* matching_coverage.c, built on first use */
} WatchlistCache;

/*
 * The matcher view of the current snapshot (watchlist_snapshot_get()),
 * its exact matcher compiled (or loaded) and, with need_fuzzy, its fuzzy
 * matcher too.  Checks the current user's right to read the lists.  The
 * result may be replaced by the next call: hold no pointer into it across
 * statements.
 */
extern WatchlistCache *watchlist_cache_get(bool need_fuzzy);

/* First index in a sorted IdentEntry array with ident >= key */
extern int	watchlist_ident_lower_bound(const IdentEntry *a, int n, int64 key);
/* First index in a sorted KeyEntry array with key >= key */
extern int	watchlist_key_lower_bound(const KeyEntry *a, int n, const InchiKey *key);

#endif							/* PRECURSOR_WATCHLIST_CACHE_H */
