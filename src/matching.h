/*
 * matching.h
 *		Server-side screening API: the compiled watchlist of this backend and
 *		the hits of one text resolved to watchlist substances.
 *
 * Implemented in watchlist_cache.c (the cache), matching_hits.c (the scan)
 * and matching.c (SQL functions); used by screen_trigger.c.  Everything returned, strings
 * included, is palloc'd in the caller's CurrentMemoryContext, so a per-row
 * memory context reset frees it all, and a hit stays valid when a later call
 * rebuilds the cache after an invalidation.
 *
 * Only UTF-8 databases are supported: in any other server encoding these
 * functions raise ERRCODE_FEATURE_NOT_SUPPORTED.
 */
#ifndef PRECURSOR_MATCHING_H
#define PRECURSOR_MATCHING_H

#include "precursor.h"

#include "nodes/pg_list.h"
#include "matcher.h"

/*
 * One hit resolved to one substance (an identifier may name several, and a
 * term shared by two lists names one substance in each).
 *
 * substance_id is 0 for an identifier that names no substance on an active
 * watchlist but is still worth showing (an EC number: the watchlist model
 * has no EC numbers).  Such hits never make a text "match".
 */
typedef struct PrecursorHit
{
	int32		substance_id;
	const char *substance_name;		/* strings are the caller's copies */
	int64		casrn;				/* 0 if the substance has none */
	const char *watchlist_code;		/* NULL when substance_id is 0 */
	const char *category;			/* NULL when substance_id is 0 */
	const char *matched_term;		/* the watchlist term (or canonical identifier) */
	const char *term_kind;			/* 'name' or the synonym kind; NULL for identifiers */
	const char *term_lang;			/* the synonym's language; NULL for identifiers */
	PmHitKind	kind;
	uint32		form_flags;			/* CHEM_FORM_* */
	char		form_label[64];
	ChemForm	form;				/* stereo/salt/purity text found next to the hit */
	float4		score;
	int32		start_char;			/* 1-based character position in the original text */
	int32		end_char;			/* exclusive */
	int32		start_byte;			/* 0-based byte offsets of the same span */
	int32		end_byte;			/* exclusive */
	int			distance;
	bool		negated;
	const char *neg_cue;			/* the negation cue governing it ("other than"), or NULL */
	const char *neg_cue_lang;		/* the cue's language ("en") */
	char	   *edit;				/* fuzzy: what was misspelt, or NULL */
	bool		homoglyph;
	uint8		rule;				/* NvRule: the name variant that matched (0: as written) */
	int64		ident;				/* identifier value for cas/ec/cn hits */
	int32		cache_sub;			/* internal: the substance's slot in the cache */
} PrecursorHit;

/* Options read from GUCs by the caller (functions reading them are STABLE). */
typedef struct ScreenOptions
{
	bool		fuzzy;				/* precursor.fuzzy */
	bool		lookup;				/* whole-string lookup instead of free text */
	bool		stop_at_first;		/* a non-negated hit is enough */
} ScreenOptions;

/*
 * Screen text; returns a List of PrecursorHit * (NIL when nothing matches),
 * ordered by start position, longer spans first, then substance id.  Hits of a
 * substance lying inside a longer hit of the same substance are dropped
 * ("1-phenyl-2-propanone" does not also report "phenyl-2-propanone").
 * With stop_at_first, at most one hit is returned: the first non-negated
 * hit that names a substance.
 * Rebuilds the backend's compiled watchlist first if a committed change (or
 * one of this transaction) invalidated it.  Polls for interrupts.
 *
 * At most max_hits hits are returned: the first ones in the order above.
 * *truncated says the text has more (the scan stopped early, so memory
 * stays proportional to max_hits whatever the text).  Callers pass
 * precursor_max_hits (precursor.max_hits) and must say when a result was
 * truncated: a text padded with harmless mentions must not hide a later one.
 */
extern List *matching_hits(const char *text, int len,
								   const ScreenOptions *opts,
								   int max_hits, bool *truncated);

/*
 * matching_hits() bounded by precursor.max_hits, raising
 * ERRCODE_PROGRAM_LIMIT_EXCEEDED (54000) when the text has more hits.
 */
extern List *matching_screen_text(const char *text, int len,
								   const ScreenOptions *opts);

/*
 * Does text name a substance of an active watchlist outside a negated
 * context?  The fast path of precursor.matches(): no list, no positions,
 * stops at the first hit.
 */
extern bool matching_text_matches(const char *text, int len, bool fuzzy);

/*
 * The entries a declared InChIKey names (the screening trigger's inchikey=
 * column): the same resolution as an InChIKey found in a text (its own key,
 * or its connectivity in a stereo or charged form the entry covers).  A List
 * of PrecursorHit * with no span.
 */
extern List *matching_inchikey_hits(const InchiKey *key);

/* Current GUC-derived defaults. */
extern void matching_default_options(ScreenOptions *opts);

/* Raise a clear error unless the database encoding is UTF-8. */
extern void matching_require_utf8(void);

/*
 * Number of terms and substances of the compiled watchlist (builds it),
 * whether the fuzzy matcher is built, and whether the exact one was loaded
 * from the matcher store instead of compiled.
 */
extern void watchlist_cache_stats(int *nterms, int *nsubstances,
								  bool *fuzzy_built, bool *loaded);

#endif							/* PRECURSOR_MATCHING_H */
