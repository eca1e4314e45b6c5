/*
 * parse_error.c
 *		Shared error reporting of the PostgreSQL-free identifier parsers.
 */
#include "parse_error.h"

#include <stdarg.h>
#include <stdio.h>

bool
parse_fail(PrecursorParseError *err, const char *message, const char *hint,
		   const char *detail_fmt,...)
{
	va_list		ap;

	if (err)
	{
		err->message = message;
		err->hint = hint;
		va_start(ap, detail_fmt);
		vsnprintf(err->detail, sizeof(err->detail), detail_fmt, ap);
		va_end(ap);
	}
	return false;
}
