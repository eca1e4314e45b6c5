/*
 * fuzz_casrn.c
 *		libFuzzer harness of the CAS Registry Number parser.
 *
 * Any input must parse or be rejected without a crash; an accepted value
 * must be valid, format to at most 12 characters, and parse back to itself.
 */
#include "casrn.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PrecursorError err;
	int64_t		value;
	int64_t		back;
	char		buf[CASRN_TEXT_MAX];
	int			n;

	if (!casrn_parse((const char *) data, size, &value, &err))
	{
		/* a rejection always explains itself */
		if (err.message == NULL || err.detail[0] == '\0')
			abort();
		return 0;
	}
	if (!casrn_value_is_valid(value))
		abort();
	n = casrn_format(value, buf);
	if (n < 7 || n > CASRN_TEXT_MAX - 1 || (size_t) n != strlen(buf))
		abort();
	if (!casrn_parse(buf, (size_t) n, &back, NULL) || back != value)
		abort();
	return 0;
}
