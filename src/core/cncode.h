/*
 * cncode.h
 *		Customs goods codes: HS chapter (2 digits), heading (4), HS subheading
 *		(6), CN subheading (8), TARIC code (10).  No PostgreSQL here.
 *
 * Encoding (int64): the digits right-padded with zeros to 10 digits, times 8,
 * plus the level (0 = chapter .. 4 = TARIC).  So a code sorts before all its
 * descendants, which follow it contiguously, and "code <@ X" is exactly the
 * range [X, cncode_subtree_end(X)).
 */
#ifndef PRECURSOR_CNCODE_H
#define PRECURSOR_CNCODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "parse_error.h"

#define CNCODE_TEXT_MAX 14				/* "2914 31 00 10" plus NUL */

typedef enum CnLevel
{
	CN_CHAPTER = 0,				/* 29 */
	CN_HEADING = 1,				/* 2914 */
	CN_HS_SUBHEADING = 2,		/* 2914 31 */
	CN_CN_SUBHEADING = 3,		/* 2914 31 00 */
	CN_TARIC = 4				/* 2914 31 00 10 */
} CnLevel;

/*
 * Accepts "2914 31 00", "2914.31.00", "29143100", "2914.31", surrounding
 * white space; 2, 4, 6, 8 or 10 digits in all.
 */
extern bool cncode_parse(const char *str, size_t len, int64_t *out,
						 PrecursorError *err);
extern bool cncode_value_is_valid(int64_t value);
/* Canonical spelling: "29", "2914", "2914 31", "2914 31 00", "2914 31 00 10". */
extern int	cncode_format(int64_t value, char *buf);
extern int	cncode_level(int64_t value);			/* CnLevel */
extern int	cncode_ndigits(int64_t value);			/* 2, 4, 6, 8, 10 */
extern bool cncode_parent(int64_t value, int64_t *parent);	/* false for a chapter */
extern bool cncode_contains(int64_t outer, int64_t inner);	/* outer @> inner (reflexive) */
/* First encoded value after the subtree rooted at value (exclusive bound). */
extern int64_t cncode_subtree_end(int64_t value);
/* Last valid code of that subtree (inclusive bound, always printable). */
extern int64_t cncode_subtree_last(int64_t value);

#endif							/* PRECURSOR_CNCODE_H */
