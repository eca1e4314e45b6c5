/*
 * watchlist_rules.h
 *		The rules of declaration screening beyond name matching: what each
 *		watchlist substance's threshold, density and CN codes are, unit
 *		conversion, and the rules view of the watchlist snapshot
 *		(watchlist_snapshot.h) that answers "which substances carry this CAS
 *		RN / fit this CN code" without a query per row.
 *
 * Implemented in watchlist_rules.c; used by the screening trigger.
 */
#ifndef PRECURSOR_WATCHLIST_RULES_H
#define PRECURSOR_WATCHLIST_RULES_H

#include "precursor.h"

#include "watchlist_snapshot.h"

/*
 * The rules view reads the snapshot's substances (UnitKind, RuleCn and the
 * substance are defined in watchlist_snapshot.h, which loads them).
 */
typedef WatchlistSubstance RuleSubstance;

/*
 * Make the rules view of the current snapshot the one the functions below
 * read (reloading the snapshot if the lists changed).  Call once per row
 * before them.
 */
extern void watchlist_rules_ensure_loaded(void);

/* Substance by id, or NULL (e.g. an inactive list). */
extern RuleSubstance *watchlist_rules_substance(int32 substance_id);

/* Substances whose CAS RN is cas; returns the count, *out points into the cache. */
extern int	watchlist_rules_by_casrn(int64 cas, RuleSubstance ***out);

/*
 * Substances with a CN code that fits the declared code: the listed code
 * contains it, or (for a declared code of six digits or more) it contains
 * the listed code.  Fills up to max entries of subs/listed (listed = the
 * matching listed code, with its ex marker); returns the count.
 */
extern int	watchlist_rules_by_cncode(int64 declared, RuleSubstance **subs,
								   const RuleCn **listed, int max);

/* Does the declared code fit one of this substance's codes? */
extern bool watchlist_rules_cn_fits(const RuleSubstance *s, int64 declared);

/*
 * Parse a unit ("kg", "KG", "l", "litre", "m3", "t", ...) into its kind and
 * the factor to the base unit (kg or l).  False when unknown.
 */
extern bool watchlist_unit_parse(const char *unit, int len, UnitKind *kind,
							  double *factor);

/*
 * Convert qty (already in the base unit of from_kind) to the base unit of
 * to_kind, using density (kg/l) across mass and volume.  False when the
 * kinds differ and no density is known.
 */
extern bool watchlist_unit_convert(double qty, UnitKind from_kind, UnitKind to_kind,
						   double density, double *out);

#endif							/* PRECURSOR_WATCHLIST_RULES_H */
