/*
 * fuzz_cncode.c
 *		libFuzzer harness of the CN code parser: whatever parses must format to
 *		a spelling that parses back to the same value.
 */
#include <stdlib.h>
#include <string.h>

#include "cncode.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PrecursorError err;
	int64_t		v,
				v2,
				p;
	char		buf[CNCODE_TEXT_MAX];
	int			n;

	if (!cncode_parse((const char *) data, size, &v, &err))
	{
		if (err.message == NULL || err.detail[0] == '\0')
			abort();
		return 0;
	}
	if (!cncode_value_is_valid(v))
		abort();
	n = cncode_format(v, buf);
	if (n != (int) strlen(buf) || n >= CNCODE_TEXT_MAX)
		abort();
	if (!cncode_parse(buf, (size_t) n, &v2, &err) || v2 != v)
		abort();
	if (!cncode_contains(v, v) || cncode_subtree_last(v) < v)
		abort();
	if (cncode_parent(v, &p) && (!cncode_contains(p, v) || !cncode_value_is_valid(p)))
		abort();
	return 0;
}
