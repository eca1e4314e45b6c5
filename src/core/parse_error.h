/*
 * parse_error.h
 *		How the PostgreSQL-free parsers report what is wrong with an input.
 *
 * The core knows nothing of ereport(); a parser fills one of these and the
 * glue turns it into ERRCODE_INVALID_TEXT_REPRESENTATION with the same
 * message, detail and hint.  Keeping the wording here means the unit tests,
 * the fuzzers and the server all say exactly the same thing.
 */
#ifndef PRECURSOR_PARSE_ERROR_H
#define PRECURSOR_PARSE_ERROR_H

#include <stdbool.h>
#include <stddef.h>

typedef struct PrecursorParseError
{
	const char *message;		/* primary message, without the input value */
	char		detail[192];	/* what exactly is wrong, or "" */
	const char *hint;			/* how to fix it, or NULL */
} PrecursorParseError;

/* Reset an error before a parser runs. */
static inline void
parse_error_clear(PrecursorParseError *err)
{
	if (err)
	{
		err->message = NULL;
		err->detail[0] = '\0';
		err->hint = NULL;
	}
}

/*
 * Fill *err (when not NULL) and return false, so that a parser can write
 * "return parse_fail(err, ...);".  The detail is printf-formatted.
 */
extern bool parse_fail(PrecursorParseError *err, const char *message,
					   const char *hint, const char *detail_fmt,...)
			__attribute__((format(printf, 4, 5)));

/* The white space the identifier parsers trim (C locale isspace, no locale) */
static inline bool
parse_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

#endif							/* PRECURSOR_PARSE_ERROR_H */
