/*
 * lexicon.c
 *		Look-up in the lexicon of real chemical words (lexicon.h).
 *
 * The words sit in one sorted blob of NUL-ended strings, compiled into the
 * library's read-only data: no per-backend copy, no index to build.  A
 * binary search over byte positions backs up from the probe to the start
 * of the word it fell into.
 */
#include <string.h>

#include "lexicon.h"

static int
word_cmp(const char *w, size_t len, const char *entry)
{
	size_t		elen = strlen(entry);
	size_t		n = len < elen ? len : elen;
	int			c = memcmp(w, entry, n);

	if (c != 0)
		return c;
	return len < elen ? -1 : len > elen;
}

bool
lexicon_has(const char *w, size_t len)
{
	size_t		lo = 0;
	size_t		hi = lexicon_size;	/* [lo, hi): word starts still possible */

	if (len == 0)
		return false;
	while (lo < hi)
	{
		size_t		mid = lo + (hi - lo) / 2;
		size_t		start = mid;
		int			c;

		while (start > lo && lexicon_blob[start - 1] != '\0')
			start--;
		c = word_cmp(w, len, lexicon_blob + start);
		if (c == 0)
			return true;
		if (c < 0)
			hi = start;
		else
			lo = start + strlen(lexicon_blob + start) + 1;
	}
	return false;
}
