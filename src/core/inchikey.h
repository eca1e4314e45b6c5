/*
 * inchikey.h
 *		InChIKeys: XXXXXXXXXXXXXX-YYYYYYYYFV-P.  No PostgreSQL here.
 *
 * 14 letters of connectivity hash, 8 letters of stereo/isotope hash, the
 * standard flag (S or N), the version letter, and the protonation letter.
 * The 25 letters (the two hyphens are implied) are packed as 5 bits each
 * (A = 0 .. Z = 25), big-endian, into 16 bytes; the last 3 bits are zero.
 * So memcmp order equals text order, and all keys sharing a skeleton form
 * one contiguous range.
 */
#ifndef PRECURSOR_INCHIKEY_H
#define PRECURSOR_INCHIKEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "parse_error.h"

#define INCHIKEY_LEN		27
#define INCHIKEY_PACKED_LEN	16
#define INCHIKEY_SKELETON_LEN 14

typedef struct InchiKey
{
	uint8_t		bytes[INCHIKEY_PACKED_LEN];
} InchiKey;

/* Surrounding white space allowed; an "InChIKey=" prefix is accepted too. */
extern bool inchikey_parse(const char *str, size_t len, InchiKey *out,
						   PrecursorError *err);
extern void inchikey_format(const InchiKey *key, char *buf);	/* 28 bytes */
/* The first block (connectivity skeleton), 14 letters + NUL into buf. */
extern void inchikey_skeleton(const InchiKey *key, char *buf);
extern bool inchikey_same_skeleton(const InchiKey *a, const InchiKey *b);
extern int	inchikey_cmp(const InchiKey *a, const InchiKey *b);
/* Whether 16 bytes are a packed key that inchikey_parse could have produced. */
extern bool inchikey_is_valid(const InchiKey *key);
/* Smallest and largest valid keys with key's skeleton (both inclusive). */
extern void inchikey_skeleton_bounds(const InchiKey *key, InchiKey *min,
									 InchiKey *max);

#endif							/* PRECURSOR_INCHIKEY_H */
