/*
 * matching_coverage.h
 *		The lists' coverage clauses applied to a name hit: is the form a
 *		text gives a listed name (ester, salt, stereo descriptor) still the
 *		entry, another entry of the same list (a listed ester), or neither?
 *		Internal to matching_hits.c; implemented in matching_coverage.c.
 */
#ifndef PRECURSOR_MATCHING_COVERAGE_H
#define PRECURSOR_MATCHING_COVERAGE_H

#include "precursor.h"

#include "matching.h"
#include "watchlist_cache.h"

/*
 * Build, once per compiled watchlist, what the decisions need from the
 * terms: each entry's own stereo descriptors (from its names) and the
 * list's own ester entries of each acid.  Call after watchlist_cache_get(),
 * outside a scan.
 */
extern void matching_coverage_prepare(WatchlistCache *c);

/*
 * Decide the hit h of a term of entry *sub found in text (lookup: the
 * whole string is one name).  Returns false when no entry of the list
 * covers the form named; otherwise true, with *sub the entry reported (an
 * ester entry of the list may replace its acid) and *form the form it is
 * reported with.
 */
extern bool matching_coverage_decide(const WatchlistCache *c, const PmHit *h,
									 const char *text, int *sub, ChemForm *form);

/*
 * How an InChIKey relates to an entry with the same connectivity block: 0
 * if it is not the entry, else 0x100 plus the form flags it names
 * (CHEM_FORM_STEREO, CHEM_FORM_SALT) under the entry's clauses.
 */
extern int	matching_coverage_inchikey(const CacheSubstance *s, const InchiKey *key);

/*
 * lookup(): drop the name hits of entries that exclude a CAS RN the string
 * also gives; returns the number of hits[] kept (in place).
 */
extern int	matching_coverage_drop_excluded(const WatchlistCache *c, PmMatcher *m,
											const char *text, int len,
											PrecursorHit *hits, int nhits);

/*
 * Drop name hits inside a longer name hit of another entry of the same
 * list; hits[] in output order; returns the number kept (in place).
 */
extern int	matching_coverage_drop_parts(PrecursorHit **hits, int n);

#endif							/* PRECURSOR_MATCHING_COVERAGE_H */
