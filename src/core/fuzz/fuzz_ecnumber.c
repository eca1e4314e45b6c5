/*
 * fuzz_ecnumber.c
 *		libFuzzer harness of the EC number parser.
 *
 * Any input must parse or be rejected without a crash; an accepted value
 * must be valid, format to exactly 9 characters, and parse back to itself.
 */
#include "ecnumber.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PrecursorError err;
	int32_t		value;
	int32_t		back;
	char		buf[ECNUMBER_TEXT_MAX];
	int			n;

	if (!ecnumber_parse((const char *) data, size, &value, &err))
	{
		/* a rejection always explains itself */
		if (err.message == NULL || err.detail[0] == '\0')
			abort();
		return 0;
	}
	if (!ecnumber_value_is_valid(value))
		abort();
	n = ecnumber_format(value, buf);
	if (n != 9 || (size_t) n != strlen(buf))
		abort();
	if (!ecnumber_parse(buf, (size_t) n, &back, NULL) || back != value)
		abort();
	return 0;
}
