/*
 * watchlist_cache.h
 *		The per-backend compiled watchlist, as the hit resolution sees it.
 *		Internal to watchlist_cache.c (which builds and invalidates it) and
 *		hit_resolution.c (which scans with it); others use screen.h.
 */
#ifndef PRECURSOR_WATCHLIST_CACHE_H
#define PRECURSOR_WATCHLIST_CACHE_H

#include "precursor.h"

#include "datatype/timestamp.h"
#include "matcher.h"

/* A substance of an active watchlist */
typedef struct CacheSubstance
{
	int32		substance_id;
	char	   *name;
	int64		casrn;			/* 0 if none */
	char	   *category;
	char	   *watchlist_code;
	bool		covers_salts;	/* a salt form of a name is this entry */
	bool		covers_esters;	/* an ester form of a name is this entry (glycidic acids) */
	int			nexcluded;		/* CAS RNs the entry excludes */
	int64	   *excluded;
} CacheSubstance;

/* A term: its index is the matcher's term id */
typedef struct CacheTerm
{
	int			sub;			/* index into subs */
	char	   *term;
	char	   *kind;			/* 'name' or the synonym kind */
	char	   *lang;
} CacheTerm;

/* An identifier of a substance; arrays sorted by ident */
typedef struct IdentEntry
{
	int64		ident;
	int			sub;
} IdentEntry;

typedef struct WatchlistCache
{
	MemoryContext cxt;
	CacheSubstance *subs;		/* sorted by substance_id */
	int			nsubs;
	CacheTerm  *terms;
	PmTerm	   *pmterms;		/* kept for the lazy fuzzy build */
	int			nterms;
	IdentEntry *cas;
	int			ncas;
	IdentEntry *cn;
	int			ncn;
	PmMatcher  *exact;
	PmMatcher  *fuzzy;			/* NULL until first needed */
	char	   *fuzzy_error;	/* why the fuzzy build failed: not retried */
	bool		exact_loaded;	/* exact matcher loaded from the store */

	/*
	 * Built while an invalidation received after this transaction's first
	 * snapshot was pending: the snapshot used may predate that commit, so
	 * rebuild once a newer snapshot is in use.
	 */
	bool		provisional;
	TimestampTz built_xact;
	TimestampTz built_stmt;

	/*
	 * The relations the build read, and the user whose rights were last
	 * checked against them: a cache built by one role must not let another
	 * (SET ROLE, SECURITY DEFINER) screen against lists it may not read.
	 */
	Oid			read_relids[5];
	Oid			checked_user;
	TimestampTz checked_stmt;
} WatchlistCache;

/*
 * The current compiled watchlist, rebuilt first if a committed change (or
 * one of this transaction) invalidated it; with need_fuzzy, its fuzzy
 * matcher too.  Checks the current user's right to read the lists.  The
 * result may be freed by the next call: hold no pointer into it across one.
 */
extern WatchlistCache *watchlist_cache_get(bool need_fuzzy);

/* First index in a sorted IdentEntry array with ident >= key */
extern int	watchlist_ident_lower_bound(const IdentEntry *a, int n, int64 key);

#endif							/* PRECURSOR_WATCHLIST_CACHE_H */
