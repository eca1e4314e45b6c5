/*
 * core_error.h
 *		The one way the PostgreSQL-free core says what went wrong.
 *
 * A core function that can fail says so by what it returns (false, NULL, or
 * a status other than OK) and describes the failure in a PrecursorError:
 * the one its caller passes (the parsers, pm_build(), pm_serialize(),
 * pm_deserialize()) or the one of the object it works on (NormBuf.error for
 * the normaliser, pm_error() for a matcher's scans).  The core knows nothing
 * of ereport(); the glue turns a PrecursorError into one in a single place,
 * precursor_report_core_error() (src/core_error.c), which maps the code to
 * a SQLSTATE.  Keeping the wording here means the unit tests, the fuzzers
 * and the server all say exactly the same thing.
 */
#ifndef PRECURSOR_CORE_ERROR_H
#define PRECURSOR_CORE_ERROR_H

#include <stdbool.h>
#include <stddef.h>

typedef enum PrecursorErrorCode
{
	PRECURSOR_OK = 0,
	PRECURSOR_INVALID_INPUT,	/* a parser refused its input */
	PRECURSOR_INVALID_UTF8,		/* text that is not valid UTF-8 */
	PRECURSOR_INTERRUPTED,		/* the caller's interrupt function asked to stop */
	PRECURSOR_DATA_CORRUPTED,	/* a serialised matcher that cannot be loaded */
	PRECURSOR_INTERNAL_ERROR	/* ICU, Vectorscan or memory failed */
} PrecursorErrorCode;

typedef struct PrecursorError
{
	PrecursorErrorCode code;
	const char *message;		/* primary message (static), without the input */
	char		detail[256];	/* what exactly is wrong, or "" */
	const char *hint;			/* how to fix it, or NULL */
} PrecursorError;

/* Reset an error before a function runs (err may be NULL). */
static inline void
precursor_error_clear(PrecursorError *err)
{
	if (err)
	{
		err->code = PRECURSOR_OK;
		err->message = NULL;
		err->detail[0] = '\0';
		err->hint = NULL;
	}
}

/*
 * Fill *err (when not NULL) and return false, so that a function can write
 * "return precursor_error_set(err, ...);".  The detail is printf-formatted.
 */
extern bool precursor_error_set(PrecursorError *err, PrecursorErrorCode code,
								const char *message, const char *hint,
								const char *detail_fmt,...)
			__attribute__((format(printf, 5, 6)));

#endif							/* PRECURSOR_CORE_ERROR_H */
