/*
 * screen.h
 *		Server-side screening API: the compiled watchlist of this backend and
 *		the hits of one text resolved to watchlist substances.
 *
 * Implemented in watchlist_cache.c (the cache) and screen.c (SQL functions);
 * used by screen_trigger.c.  Everything returned is palloc'd in the caller's
 * CurrentMemoryContext, so a per-row memory context reset frees it all.
 */
#ifndef PRECURSOR_SCREEN_H
#define PRECURSOR_SCREEN_H

#include "precursor.h"

#include "nodes/pg_list.h"
#include "matcher.h"

/* One hit resolved to one substance (an identifier may name several). */
typedef struct PrecursorHit
{
	int32		substance_id;
	const char *substance_name;		/* points into the cache: copy if kept */
	int64		casrn;				/* 0 if the substance has none */
	const char *watchlist_code;
	const char *category;
	const char *matched_term;		/* the watchlist term (or identifier text) */
	PmHitKind	kind;
	uint32		form_flags;			/* CHEM_FORM_* */
	char		form_label[64];
	float4		score;
	int32		start_char;			/* 1-based character position in the original text */
	int32		end_char;			/* exclusive */
	int			distance;
	bool		negated;
	int64		ident;				/* identifier value for cas/ec/cn hits */
} PrecursorHit;

/* Options read from GUCs by the caller (functions reading them are STABLE). */
typedef struct ScreenOptions
{
	bool		fuzzy;				/* precursor.fuzzy */
	bool		lookup;				/* whole-string lookup instead of free text */
	bool		stop_at_first;		/* a non-negated hit is enough */
} ScreenOptions;

/*
 * Screen text; returns a List of PrecursorHit * (NIL when nothing matches).
 * Rebuilds the backend's compiled watchlist first if a committed change (or
 * one of this transaction) invalidated it.  Polls for interrupts.
 */
extern List *precursor_screen_text(const char *text, int len,
								   const ScreenOptions *opts);

/* Current GUC-derived defaults. */
extern void precursor_screen_default_options(ScreenOptions *opts);

#endif							/* PRECURSOR_SCREEN_H */
