/*
 * ecnumber.h
 *		EC numbers (EINECS, ELINCS, NLP): NNN-NNN-N.  No PostgreSQL here.
 *
 * Kept as the 7-digit integer (200-001-8 -> 2000018).  The check digit is the
 * sum of the first six digits weighted 1..6, modulo 11; a remainder of 10
 * gives check digit 1.
 */
#ifndef PRECURSOR_ECNUMBER_H
#define PRECURSOR_ECNUMBER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "parse_error.h"

#define ECNUMBER_TEXT_MAX 10			/* "NNN-NNN-N" plus NUL */

extern int	ecnumber_check_digit(int32_t body);	/* body = first six digits */
extern bool ecnumber_parse(const char *str, size_t len, int32_t *out,
						   PrecursorError *err);
extern bool ecnumber_value_is_valid(int32_t value);
extern int	ecnumber_format(int32_t value, char *buf);

#endif							/* PRECURSOR_ECNUMBER_H */
