/*
 * core_error.c
 *		Filling a PrecursorError (core_error.h), and the parsers' shorthand.
 */
#include "parse_error.h"

#include <stdarg.h>
#include <stdio.h>

static void
error_vset(PrecursorError *err, PrecursorErrorCode code, const char *message,
		   const char *hint, const char *detail_fmt, va_list ap)
			__attribute__((format(printf, 5, 0)));

static void
error_vset(PrecursorError *err, PrecursorErrorCode code, const char *message,
		   const char *hint, const char *detail_fmt, va_list ap)
{
	err->code = code;
	err->message = message;
	err->hint = hint;
	vsnprintf(err->detail, sizeof(err->detail), detail_fmt, ap);
}

bool
precursor_error_set(PrecursorError *err, PrecursorErrorCode code,
					const char *message, const char *hint,
					const char *detail_fmt,...)
{
	va_list		ap;

	if (err)
	{
		va_start(ap, detail_fmt);
		error_vset(err, code, message, hint, detail_fmt, ap);
		va_end(ap);
	}
	return false;
}

bool
parse_fail(PrecursorError *err, const char *message, const char *hint,
		   const char *detail_fmt,...)
{
	va_list		ap;

	if (err)
	{
		va_start(ap, detail_fmt);
		error_vset(err, PRECURSOR_INVALID_INPUT, message, hint, detail_fmt, ap);
		va_end(ap);
	}
	return false;
}
