/*
 * core_errors.c
 *		The core's errors (PrecursorError, src/core/core_error.h) as the
 *		server reports them: the one place that maps a core error code to a
 *		SQLSTATE and a PrecursorError to ereport().
 */
#include "precursor.h"

#include "core_error.h"

static int
core_errcode(PrecursorErrorCode code)
{
	switch (code)
	{
		case PRECURSOR_INVALID_INPUT:
			return ERRCODE_INVALID_TEXT_REPRESENTATION;
		case PRECURSOR_INVALID_UTF8:
			return ERRCODE_CHARACTER_NOT_IN_REPERTOIRE;
		case PRECURSOR_INTERRUPTED:
			return ERRCODE_QUERY_CANCELED;
		case PRECURSOR_DATA_CORRUPTED:
			return ERRCODE_DATA_CORRUPTED;
		case PRECURSOR_OK:
		case PRECURSOR_INTERNAL_ERROR:
			break;
	}
	return ERRCODE_INTERNAL_ERROR;
}

/*
 * Report a failure of the core at elevel.  primary, when given, says what
 * the server was doing ("could not compile the watchlist terms") and replaces
 * the core's message; the core's detail and hint follow.
 */
void
precursor_report_core_error(int elevel, const PrecursorError *err,
							const char *primary)
{
	const char *msg = primary ? primary : err->message;

	ereport(elevel,
			(errcode(core_errcode(err->code)),
			 errmsg("%s", msg ? msg : "precursor failed"),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint ? errhint("%s", err->hint) : 0));
}

/*
 * A type input function's refusal of value: '<message>: "<value>"', saved in
 * escontext when there is one (soft input errors, PostgreSQL 16+), raised
 * otherwise.
 */
void
precursor_report_input_error(void *escontext, const PrecursorError *err,
							 const char *value)
{
	ereturn(escontext,,
			(errcode(core_errcode(err->code)),
			 errmsg("%s: \"%s\"", err->message, value),
			 err->detail[0] ? errdetail_internal("%s", err->detail) : 0,
			 err->hint ? errhint("%s", err->hint) : 0));
}
