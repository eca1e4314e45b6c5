/*
 * ecnumber_type.c
 *		Server glue of the ecnumber type: I/O, comparison, hashing, casts.
 *
 * An ecnumber is the int32 formed by its seven digits (200-001-8 -> 2000018),
 * passed by value like int4.  Parsing, check digits and formatting live in
 * core/ecnumber.c; this file only adapts them.
 */
#include "precursor.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/sortsupport.h"

#include "ecnumber.h"

#define PG_GETARG_ECNUMBER(n)	PG_GETARG_INT32(n)
#define PG_RETURN_ECNUMBER(x)	PG_RETURN_INT32(x)

#define ECNUMBER_INT_HINT "The integer form is the seven digits of the number including the check digit, as in 2000018 for 200-001-8."

PG_FUNCTION_INFO_V1(ecnumber_in);
PG_FUNCTION_INFO_V1(ecnumber_out);
PG_FUNCTION_INFO_V1(ecnumber_recv);
PG_FUNCTION_INFO_V1(ecnumber_send);
PG_FUNCTION_INFO_V1(ecnumber_eq);
PG_FUNCTION_INFO_V1(ecnumber_ne);
PG_FUNCTION_INFO_V1(ecnumber_lt);
PG_FUNCTION_INFO_V1(ecnumber_le);
PG_FUNCTION_INFO_V1(ecnumber_gt);
PG_FUNCTION_INFO_V1(ecnumber_ge);
PG_FUNCTION_INFO_V1(ecnumber_cmp);
PG_FUNCTION_INFO_V1(ecnumber_sortsupport);
PG_FUNCTION_INFO_V1(ecnumber_hash);
PG_FUNCTION_INFO_V1(ecnumber_hash_extended);
PG_FUNCTION_INFO_V1(ecnumber_from_int4);
PG_FUNCTION_INFO_V1(ecnumber_to_int4);
PG_FUNCTION_INFO_V1(is_ecnumber);
PG_FUNCTION_INFO_V1(ecnumber_check_digit_sql);

Datum
ecnumber_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	PrecursorError err;
	int32_t		value;

	if (!ecnumber_parse(str, strlen(str), &value, &err))
	{
		precursor_report_input_error(PRECURSOR_ESCONTEXT(fcinfo), &err, str);
		return (Datum) 0;
	}
	PG_RETURN_ECNUMBER((int32) value);
}

Datum
ecnumber_out(PG_FUNCTION_ARGS)
{
	int32		value = PG_GETARG_ECNUMBER(0);
	char	   *buf = palloc(ECNUMBER_TEXT_MAX);

	ecnumber_format(value, buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary input: the int32 value, checked like text input. */
Datum
ecnumber_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			start = buf->cursor;
	int32		value;

	precursor_recv_check_length(buf, 4, "ecnumber", ECNUMBER_BINARY_FORMAT);
	value = (int32) pq_getmsgint(buf, 4);
	if (!ecnumber_value_is_valid(value))
		precursor_recv_invalid(buf, start, "ecnumber", ECNUMBER_BINARY_FORMAT,
							   psprintf("%d", value));
	PG_RETURN_ECNUMBER(value);
}

Datum
ecnumber_send(PG_FUNCTION_ARGS)
{
	int32		value = PG_GETARG_ECNUMBER(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint32(&buf, value);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
ecnumber_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ECNUMBER(0) == PG_GETARG_ECNUMBER(1));
}

Datum
ecnumber_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ECNUMBER(0) != PG_GETARG_ECNUMBER(1));
}

Datum
ecnumber_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ECNUMBER(0) < PG_GETARG_ECNUMBER(1));
}

Datum
ecnumber_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ECNUMBER(0) <= PG_GETARG_ECNUMBER(1));
}

Datum
ecnumber_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ECNUMBER(0) > PG_GETARG_ECNUMBER(1));
}

Datum
ecnumber_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_ECNUMBER(0) >= PG_GETARG_ECNUMBER(1));
}

Datum
ecnumber_cmp(PG_FUNCTION_ARGS)
{
	int32		a = PG_GETARG_ECNUMBER(0);
	int32		b = PG_GETARG_ECNUMBER(1);

	PG_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

/* Sort support: the core's int32 comparator enables tuplesort's fast path. */
Datum
ecnumber_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

	ssup->comparator = ssup_datum_int32_cmp;
	PG_RETURN_VOID();
}

/* Hashes: the same as hashint4, so an ecnumber hashes like its integer. */
Datum
ecnumber_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32((uint32) PG_GETARG_ECNUMBER(0));
}

Datum
ecnumber_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended((uint32) PG_GETARG_ECNUMBER(0),
								PG_GETARG_INT64(1));
}

/* integer -> ecnumber: the integer is the seven digits, check digit included. */
Datum
ecnumber_from_int4(PG_FUNCTION_ARGS)
{
	int32		value = PG_GETARG_INT32(0);

	if (value < 0 || value > 9999999)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid EC number: %d", value),
				 errdetail("The value of an EC number lies between 0 (000-000-0) and 9999992 (999-999-2)."),
				 errhint(ECNUMBER_INT_HINT)));
	if (!ecnumber_value_is_valid(value))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid EC number: %d", value),
				 errdetail("The check digit is %d, but %d was expected.",
						   value % 10, ecnumber_check_digit(value / 10)),
				 errhint(ECNUMBER_INT_HINT)));
	PG_RETURN_ECNUMBER(value);
}

Datum
ecnumber_to_int4(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT32(PG_GETARG_ECNUMBER(0));
}

/* Is this text a valid EC number?  Never raises for a bad value. */
Datum
is_ecnumber(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int32_t		value;

	PG_RETURN_BOOL(ecnumber_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &value, NULL));
}

/* Check digit of the first six digits (200-001 given as 200001 -> 8). */
Datum
ecnumber_check_digit_sql(PG_FUNCTION_ARGS)
{
	int32		body = PG_GETARG_INT32(0);

	if (body < 0 || body > 999999)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%d is not the body of an EC number", body),
				 errdetail("The six digits before the check digit form a number between 0 and 999999.")));
	PG_RETURN_INT32(ecnumber_check_digit(body));
}
