/*
 * watchlist_snapshot.h
 *		One per-backend snapshot of the active watchlists, loaded by one
 *		loader, invalidated by one relcache callback, held in one memory
 *		context, and seen through two views built inside it:
 *
 *		- the matcher view (WatchlistCache, watchlist_cache.c): the terms
 *		  compiled for scanning, CAS RN and CN code maps for hit resolution;
 *		- the rules view (watchlist_rules.c): thresholds, densities, severity,
 *		  and the CAS RN / CN code indexes the trigger's rules look up.
 *
 * Both views point into the same substance array, so the matcher and the
 * rules always agree on what the lists hold.
 */
#ifndef PRECURSOR_WATCHLIST_SNAPSHOT_H
#define PRECURSOR_WATCHLIST_SNAPSHOT_H

#include "precursor.h"

#include "datatype/timestamp.h"
#include "inchikey.h"

typedef enum UnitKind
{
	UNIT_UNKNOWN = 0,
	UNIT_MASS,					/* converted to kilograms */
	UNIT_VOLUME					/* converted to litres */
} UnitKind;

/* A CN code of a substance */
typedef struct RuleCn
{
	int64		cn;				/* core cncode encoding */
	bool		ex;				/* the annex's "ex": only part of the code */
} RuleCn;

/*
 * A substance of an active watchlist.  The loader fills what the tables
 * say; the rules view fills the fields derived from the threshold.
 */
typedef struct WatchlistSubstance
{
	int32		substance_id;
	char	   *name;
	char	   *watchlist_code;
	char	   *category;
	int64		casrn;			/* 0 when the entry has none */
	int			ncn;
	RuleCn	   *cn;				/* its CN codes, in code order */
	/* matching */
	bool		covers_salts;	/* a salt form of a name is this entry */
	bool		covers_esters;	/* an ester form of a name is this entry (glycidic acids) */
	int			nexcluded;		/* CAS RNs the entry excludes */
	int64	   *excluded;
	bool		has_inchikey;
	InchiKey	inchikey;
	bool		covers_stereoisomers;	/* a key with another stereo block is this entry */
	int			nexcluded_keys; /* InChIKeys the entry excludes (cathine) */
	InchiKey   *excluded_keys;
	/* threshold as the list writes it (0 and NULL: none) */
	double		threshold_qty;
	char	   *threshold_unit;
	double		density;		/* kg per litre, 0 when unknown */
	/* derived by the rules view: the threshold in the base unit of its kind */
	bool		has_threshold;
	double		threshold_base;
	UnitKind	threshold_kind;
	float		severity;		/* 0..1 from the category, for scoring */
} WatchlistSubstance;

/* A term of a substance: its index is the matcher's term id */
typedef struct WatchlistTerm
{
	int			sub;			/* index into subs */
	char	   *term;
	char	   *kind;			/* 'name' or the synonym kind */
	char	   *lang;
} WatchlistTerm;

struct WatchlistCache;
struct RulesView;

typedef struct WatchlistSnapshot
{
	MemoryContext cxt;			/* all of it, the views included (not the
								 * matchers, which the core mallocs) */
	WatchlistSubstance *subs;	/* sorted by substance_id */
	int			nsubs;
	int			ncn;			/* CN codes of all substances */
	WatchlistTerm *terms;		/* of active lists' substances */
	int			nterms;

	struct WatchlistCache *matcher; /* watchlist_cache.c */
	struct RulesView *rules;	/* watchlist_rules.c */

	/*
	 * Loaded while an invalidation received after this transaction's first
	 * snapshot was pending: the snapshot used may predate that commit, so
	 * reload once a newer snapshot is in use.
	 */
	bool		provisional;
	TimestampTz built_xact;
	TimestampTz built_stmt;

	/*
	 * The relations the load read, and the user whose rights were last
	 * checked against them: a snapshot loaded by one role must not let
	 * another (SET ROLE, SECURITY DEFINER) screen against lists it may not
	 * read.
	 */
	Oid			read_relids[5];
	Oid			checked_user;
	TimestampTz checked_stmt;

	struct WatchlistSnapshot *retired_next; /* see watchlist_snapshot.c */
} WatchlistSnapshot;

/*
 * The current snapshot, reloaded first if a committed change (or one of
 * this transaction) invalidated it.  check_rights: the current user must be
 * allowed to read the lists (screen() and the matcher do; the trigger's
 * rules read them as the alert tables' owner).  A snapshot replaced by a
 * reload stays valid until the next statement: a pointer into it may be
 * held within a row, not across statements.
 */
extern WatchlistSnapshot *watchlist_snapshot_get(bool check_rights);

/* Index of substance_id in s->subs, or -1 */
extern int	watchlist_snapshot_find(const WatchlistSnapshot *s, int32 substance_id);

/* The views, built by the loader in the snapshot's context, and freed */
extern void watchlist_cache_view_build(WatchlistSnapshot *s);
extern void watchlist_cache_view_free(WatchlistSnapshot *s);
extern void watchlist_rules_view_build(WatchlistSnapshot *s);

#endif							/* PRECURSOR_WATCHLIST_SNAPSHOT_H */
