/*
 * fuzz_inchikey.c
 *		libFuzzer harness of the InChIKey parser: whatever parses must format to
 *		a key that parses back to the same packed bytes.
 */
#include <stdlib.h>
#include <string.h>

#include "inchikey.h"

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	PrecursorError err;
	InchiKey	k,
				k2,
				lo,
				hi;
	char		buf[INCHIKEY_LEN + 1];

	if (!inchikey_parse((const char *) data, size, &k, &err))
	{
		if (err.message == NULL || err.detail[0] == '\0')
			abort();
		/* any 16 bytes must be judged without crashing */
		if (size >= INCHIKEY_PACKED_LEN)
		{
			memcpy(k.bytes, data, INCHIKEY_PACKED_LEN);
			(void) inchikey_is_valid(&k);
		}
		return 0;
	}
	if (!inchikey_is_valid(&k))
		abort();
	inchikey_format(&k, buf);
	if (strlen(buf) != INCHIKEY_LEN)
		abort();
	if (!inchikey_parse(buf, INCHIKEY_LEN, &k2, &err) || inchikey_cmp(&k, &k2) != 0)
		abort();
	inchikey_skeleton_bounds(&k, &lo, &hi);
	if (inchikey_cmp(&lo, &k) > 0 || inchikey_cmp(&k, &hi) > 0 ||
		!inchikey_same_skeleton(&lo, &k) || !inchikey_same_skeleton(&hi, &k))
		abort();
	return 0;
}
