/*
 * parse_error.h
 *		How the PostgreSQL-free identifier parsers report what is wrong with
 *		an input: a PrecursorError (core_error.h) of code
 *		PRECURSOR_INVALID_INPUT, filled by parse_fail().
 */
#ifndef PRECURSOR_PARSE_ERROR_H
#define PRECURSOR_PARSE_ERROR_H

#include "core_error.h"

/*
 * The parsers' own name for it before every core function used it: kept so
 * that code written against the old name (branches in flight) compiles.  New
 * code writes PrecursorError.
 */
typedef PrecursorError PrecursorParseError;

/* Reset an error before a parser runs. */
static inline void
parse_error_clear(PrecursorError *err)
{
	precursor_error_clear(err);
}

/*
 * Fill *err (when not NULL) with code PRECURSOR_INVALID_INPUT and return
 * false, so that a parser can write "return parse_fail(err, ...);".  The
 * detail is printf-formatted.
 */
extern bool parse_fail(PrecursorError *err, const char *message,
					   const char *hint, const char *detail_fmt,...)
			__attribute__((format(printf, 4, 5)));

/* The white space the identifier parsers trim (C locale isspace, no locale) */
static inline bool
parse_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

#endif							/* PRECURSOR_PARSE_ERROR_H */
