/*
 * inchikey.h
 *		InChIKeys: XXXXXXXXXXXXXX-YYYYYYYYFV-P.  No PostgreSQL here.
 *
 * 14 letters of connectivity hash, 8 letters of stereo/isotope hash, the
 * standard flag (S or N), the version letter, and the protonation letter.
 * Packed as 26 letters x 5 bits, big-endian, into 16 bytes so that memcmp
 * order equals text order.
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
						   PrecursorParseError *err);
extern void inchikey_format(const InchiKey *key, char *buf);	/* 28 bytes */
/* The first block (connectivity skeleton), 14 letters + NUL into buf. */
extern void inchikey_skeleton(const InchiKey *key, char *buf);
extern bool inchikey_same_skeleton(const InchiKey *a, const InchiKey *b);
extern int	inchikey_cmp(const InchiKey *a, const InchiKey *b);

#endif							/* PRECURSOR_INCHIKEY_H */
