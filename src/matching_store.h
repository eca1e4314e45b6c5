/*
 * matching_store.h
 *		The on-disk store of compiled matchers ($PGDATA/pg_precursor), so
 *		that a backend loads what another compiled from the same term list.
 *
 * The store is an optimisation, never a source of truth: a file that is
 * missing, damaged, of another format, module build or term list, or not a
 * regular file, is ignored (and removed), and the caller compiles.
 */
#ifndef PRECURSOR_MATCHING_STORE_H
#define PRECURSOR_MATCHING_STORE_H

#include "precursor.h"

#include "common/sha2.h"
#include "matcher.h"

/* Identity of a term list as compiled by this module: a SHA-256 digest */
typedef struct MatcherStoreKey
{
	uint8		digest[PG_SHA256_DIGEST_LENGTH];
} MatcherStoreKey;

/*
 * Key of the exact term list (texts, kinds and ids, in order), the store
 * format, this module file and the build flags.  False when the store is
 * unusable in this backend (the module file cannot be identified).
 */
extern bool matching_store_key(const PmTerm *terms, int n, uint32 flags,
							  MatcherStoreKey *key);

/* The stored matcher of this key, verified, or NULL */
extern PmMatcher *matching_store_load(uint32 flags, const MatcherStoreKey *key);

/* Save a compiled matcher under its key; failures are only logged */
extern void matching_store_save(const PmMatcher *m, uint32 flags,
							   const MatcherStoreKey *key);

#endif							/* PRECURSOR_MATCHING_STORE_H */
