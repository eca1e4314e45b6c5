/*
 * casrn.h
 *		CAS Registry Numbers: parse, validate, format.  No PostgreSQL here.
 *
 * A CAS RN is 2-7 digits, a hyphen, 2 digits, a hyphen and a check digit.
 * We keep it as the integer formed by all its digits (103-79-7 -> 103797):
 * the last three digits have a fixed width, so integer order is the numeric
 * order of the registry number and the value fits an int64 (at most 10 digits).
 */
#ifndef PRECURSOR_CASRN_H
#define PRECURSOR_CASRN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "parse_error.h"

#define CASRN_MIN		INT64_C(10000)		/* 10-00-? : smallest well-formed value */
#define CASRN_MAX		INT64_C(9999999999)
#define CASRN_TEXT_MAX	13				/* "9999999-99-9" plus NUL */

/* Check digit of the digits before it (the value divided by 10). */
extern int	casrn_check_digit(int64_t body);

/*
 * Parse str[0..len): surrounding white space allowed; hyphenated form
 * "103-79-7" or the plain digit form "103797".  Returns true and sets *out,
 * or returns false and fills *err (err may be NULL).
 */
extern bool casrn_parse(const char *str, size_t len, int64_t *out,
						PrecursorError *err);

/* Is this int64 a valid CAS RN value (range and check digit)? */
extern bool casrn_value_is_valid(int64_t value);

/* Canonical text "103-79-7" into buf (CASRN_TEXT_MAX bytes); returns length. */
extern int	casrn_format(int64_t value, char *buf);

#endif							/* PRECURSOR_CASRN_H */
