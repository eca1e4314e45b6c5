/*
 * binary_io.c
 *		What the binary receive functions of the four types say when the bytes
 *		are not what they expect.
 *
 * A client in binary mode (psycopg with binary=True, node-postgres with
 * binary results, COPY ... (FORMAT binary)) that sends a casrn's text where
 * its 8-byte integer belongs used to get "invalid CAS Registry Number in
 * binary input: 3544396827405332535".  These errors say which type, what
 * the binary form is, and, when the bytes look like text, that they do.
 */
#include "precursor.h"

#include "libpq/pqformat.h"
#include "utils/builtins.h"

/* The unread bytes, when all of them are printable ASCII. */
static char *
as_text(StringInfo buf, int start)
{
	int			i;

	if (buf->len <= start)
		return NULL;
	for (i = start; i < buf->len; i++)
		if (buf->data[i] < 0x20 || buf->data[i] > 0x7e)
			return NULL;
	return pnstrdup(buf->data + start, buf->len - start);
}

/*
 * Check that exactly len bytes are left for a value of type typname, whose
 * binary form format describes; raise a clear error otherwise.
 */
void
precursor_recv_check_length(StringInfo buf, int len, const char *typname,
							const char *format)
{
	int			left = buf->len - buf->cursor;
	char	   *text;

	if (left == len)
		return;
	text = as_text(buf, buf->cursor);
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("incorrect binary data length for type %s: %d bytes, expected %d", typname, left, len),
			 text ? errdetail("The data looks like text: \"%s\".  The binary form of %s is %s.", text, typname, format)
			 : errdetail("The binary form of %s is %s.", typname, format),
			 errhint("Send %s values as text in text format (a text parameter, COPY without FORMAT binary), or in their binary form.",
					 typname)));
}

/*
 * The value read from buf (which started at byte start) is not valid: say
 * so, with the bytes as text when they look like text.
 */
void
precursor_recv_invalid(StringInfo buf, int start, const char *typname,
					   const char *format, const char *value)
{
	char	   *text = as_text(buf, start);

	ereport(ERROR,
			(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
			 errmsg("invalid binary value for type %s", typname),
			 text ? errdetail("The data looks like text: \"%s\".  The binary form of %s is %s.", text, typname, format)
			 : errdetail("Received %s; the binary form of %s is %s.", value, typname, format),
			 errhint("Send %s values as text in text format (a text parameter, COPY without FORMAT binary), or in their binary form.",
					 typname)));
}
