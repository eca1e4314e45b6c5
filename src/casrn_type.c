/*
 * casrn_type.c
 *		Server glue of the casrn type: I/O, comparison, hashing, casts.
 *
 * A casrn is the int64 formed by all the digits of the registry number
 * (103-79-7 -> 103797), passed by value like int8.  Parsing, check digits
 * and formatting live in core/casrn.c; this file only adapts them.
 */
#include "precursor.h"

#include "common/hashfn.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/sortsupport.h"

#include "casrn.h"

#define DatumGetCasrn(X)		DatumGetInt64(X)
#define CasrnGetDatum(X)		Int64GetDatum(X)
#define PG_GETARG_CASRN(n)		DatumGetCasrn(PG_GETARG_DATUM(n))
#define PG_RETURN_CASRN(x)		return CasrnGetDatum(x)

PG_FUNCTION_INFO_V1(casrn_in);
PG_FUNCTION_INFO_V1(casrn_out);
PG_FUNCTION_INFO_V1(casrn_recv);
PG_FUNCTION_INFO_V1(casrn_send);
PG_FUNCTION_INFO_V1(casrn_eq);
PG_FUNCTION_INFO_V1(casrn_ne);
PG_FUNCTION_INFO_V1(casrn_lt);
PG_FUNCTION_INFO_V1(casrn_le);
PG_FUNCTION_INFO_V1(casrn_gt);
PG_FUNCTION_INFO_V1(casrn_ge);
PG_FUNCTION_INFO_V1(casrn_cmp);
PG_FUNCTION_INFO_V1(casrn_sortsupport);
PG_FUNCTION_INFO_V1(casrn_hash);
PG_FUNCTION_INFO_V1(casrn_hash_extended);
PG_FUNCTION_INFO_V1(casrn_from_int8);
PG_FUNCTION_INFO_V1(casrn_from_int4);
PG_FUNCTION_INFO_V1(casrn_to_int8);
PG_FUNCTION_INFO_V1(is_casrn);
PG_FUNCTION_INFO_V1(casrn_check_digit_sql);

/* Reject an integer that is not a CAS RN value (casts from integers). */
pg_attribute_noreturn()
static void
casrn_reject_value(int64 value)
{
	if (value < CASRN_MIN || value > CASRN_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
				 errmsg("invalid CAS Registry Number: %lld", (long long) value),
				 errdetail("The value of a CAS Registry Number lies between 10004 (10-00-4) and 9999999995 (9999999-99-5)."),
				 errhint("The integer form is all the digits of the number including the check digit, as in 103797 for 103-79-7.")));
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid CAS Registry Number: %lld", (long long) value),
			 errdetail("The check digit is %d, but %d was expected.",
					   (int) (value % 10), casrn_check_digit(value / 10)),
			 errhint("The integer form is all the digits of the number including the check digit, as in 103797 for 103-79-7.")));
}

Datum
casrn_in(PG_FUNCTION_ARGS)
{
	char	   *str = PG_GETARG_CSTRING(0);
	PrecursorError err;
	int64_t		value;

	if (!casrn_parse(str, strlen(str), &value, &err))
	{
		precursor_report_input_error(PRECURSOR_ESCONTEXT(fcinfo), &err, str);
		return (Datum) 0;
	}
	PG_RETURN_CASRN((int64) value);
}

Datum
casrn_out(PG_FUNCTION_ARGS)
{
	int64		value = PG_GETARG_CASRN(0);
	char	   *buf = palloc(CASRN_TEXT_MAX);

	casrn_format(value, buf);
	PG_RETURN_CSTRING(buf);
}

/* Binary input: the int64 value, checked like text input. */
Datum
casrn_recv(PG_FUNCTION_ARGS)
{
	StringInfo	buf = (StringInfo) PG_GETARG_POINTER(0);
	int			start = buf->cursor;
	int64		value;

	precursor_recv_check_length(buf, 8, "casrn", CASRN_BINARY_FORMAT);
	value = pq_getmsgint64(buf);
	if (!casrn_value_is_valid(value))
		precursor_recv_invalid(buf, start, "casrn", CASRN_BINARY_FORMAT,
							   psprintf("%lld", (long long) value));
	PG_RETURN_CASRN(value);
}

Datum
casrn_send(PG_FUNCTION_ARGS)
{
	int64		value = PG_GETARG_CASRN(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendint64(&buf, value);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

Datum
casrn_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_CASRN(0) == PG_GETARG_CASRN(1));
}

Datum
casrn_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_CASRN(0) != PG_GETARG_CASRN(1));
}

Datum
casrn_lt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_CASRN(0) < PG_GETARG_CASRN(1));
}

Datum
casrn_le(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_CASRN(0) <= PG_GETARG_CASRN(1));
}

Datum
casrn_gt(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_CASRN(0) > PG_GETARG_CASRN(1));
}

Datum
casrn_ge(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(PG_GETARG_CASRN(0) >= PG_GETARG_CASRN(1));
}

Datum
casrn_cmp(PG_FUNCTION_ARGS)
{
	int64		a = PG_GETARG_CASRN(0);
	int64		b = PG_GETARG_CASRN(1);

	PG_RETURN_INT32(a < b ? -1 : (a > b ? 1 : 0));
}

#if SIZEOF_DATUM < 8
static int
casrn_fastcmp(Datum x, Datum y, SortSupport ssup)
{
	int64		a = DatumGetCasrn(x);
	int64		b = DatumGetCasrn(y);

	return a < b ? -1 : (a > b ? 1 : 0);
}
#endif

/*
 * Sort support.  On 64-bit builds the comparator is the core's own signed
 * Datum comparator, which lets tuplesort use its specialised quicksort, as
 * it does for int8.
 */
Datum
casrn_sortsupport(PG_FUNCTION_ARGS)
{
	SortSupport ssup = (SortSupport) PG_GETARG_POINTER(0);

#if SIZEOF_DATUM >= 8
	ssup->comparator = ssup_datum_signed_cmp;
#else
	ssup->comparator = casrn_fastcmp;
#endif
	PG_RETURN_VOID();
}

/*
 * Hashes: the same as hashint8, so that equal values hash equal and a casrn
 * hashes like the bigint it casts to.
 */
static inline uint32
casrn_fold(int64 value)
{
	uint32		lohalf = (uint32) value;
	uint32		hihalf = (uint32) (value >> 32);

	return lohalf ^ ((value >= 0) ? hihalf : ~hihalf);
}

Datum
casrn_hash(PG_FUNCTION_ARGS)
{
	return hash_uint32(casrn_fold(PG_GETARG_CASRN(0)));
}

Datum
casrn_hash_extended(PG_FUNCTION_ARGS)
{
	return hash_uint32_extended(casrn_fold(PG_GETARG_CASRN(0)),
								PG_GETARG_INT64(1));
}

/* bigint -> casrn: the integer is all the digits, check digit included. */
Datum
casrn_from_int8(PG_FUNCTION_ARGS)
{
	int64		value = PG_GETARG_INT64(0);

	if (!casrn_value_is_valid(value))
		casrn_reject_value(value);
	PG_RETURN_CASRN(value);
}

Datum
casrn_from_int4(PG_FUNCTION_ARGS)
{
	int64		value = (int64) PG_GETARG_INT32(0);

	if (!casrn_value_is_valid(value))
		casrn_reject_value(value);
	PG_RETURN_CASRN(value);
}

Datum
casrn_to_int8(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CASRN(0));
}

/* Is this text a valid CAS RN?  Never raises for a bad value. */
Datum
is_casrn(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	int64_t		value;

	PG_RETURN_BOOL(casrn_parse(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), &value, NULL));
}

/* Check digit of the digits that precede it (103-79 given as 10379 -> 7). */
Datum
casrn_check_digit_sql(PG_FUNCTION_ARGS)
{
	int64		body = PG_GETARG_INT64(0);

	if (body < CASRN_MIN / 10 || body > CASRN_MAX / 10)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%lld is not the body of a CAS Registry Number", (long long) body),
				 errdetail("The digits before the check digit form a number between %lld and %lld.",
						   (long long) (CASRN_MIN / 10), (long long) (CASRN_MAX / 10))));
	PG_RETURN_INT32(casrn_check_digit(body));
}
