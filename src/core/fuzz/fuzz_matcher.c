/*
 * fuzz_matcher.c
 *		libFuzzer harness of the matching engine: a matcher built once from a
 *		fixed term list screens (and looks up) arbitrary bytes, with and
 *		without fuzzy matching and with a tiny window so that the window
 *		logic is exercised too.  Every reported span must lie inside the
 *		input with start <= end and hits must come in start order.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher.h"

static const PmTerm fuzz_terms[] = {
	{"acetone", 7, 1, PM_TERM_NAME},
	{"acetic anhydride", 16, 2, PM_TERM_NAME},
	{"3,4-MDP-2-P", 11, 3, PM_TERM_SYNONYM},
	{"PMK", 3, 3, PM_TERM_ABBREVIATION},
	{"ephedrine", 9, 4, PM_TERM_NAME},
	{"pseudoephedrine", 15, 5, PM_TERM_NAME},
	{"potassium permanganate", 22, 6, PM_TERM_NAME},
	{"3,4-methylenedioxyphenyl-2-propanone", 36, 3, PM_TERM_NAME},
	{"toluene", 7, 7, PM_TERM_NAME},
	{"a", 1, 8, PM_TERM_ABBREVIATION},
	{"\xce\xb1-phenylacetoacetonitrile", 26, 9, PM_TERM_NAME},
	{"N-phenethyl-4-piperidone", 24, 10, PM_TERM_NAME},
	{"methylenedioxyphenylpropanone methyl glycidate very long name beyond sixty-four bytes of text", 93, 11, PM_TERM_NAME},
};

static PmMatcher *fm;

typedef struct Check
{
	size_t		len;
	size_t		last;
	size_t		n;
} Check;

static bool
check_hit(const PmHit *h, void *arg)
{
	Check	   *c = arg;

	if (h->start > h->end || h->end > c->len)
	{
		fprintf(stderr, "span [%zu,%zu) outside text of %zu bytes\n", h->start, h->end, c->len);
		abort();
	}
	if (c->n > 0 && h->start < c->last)
	{
		fprintf(stderr, "hit at %zu after hit at %zu\n", h->start, c->last);
		abort();
	}
	if (!(h->score > 0.0f && h->score <= 1.0f))
	{
		fprintf(stderr, "score %f\n", h->score);
		abort();
	}
	c->last = h->start;
	c->n++;
	return false;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	Check		c;
	PmStatus	st;

	if (fm == NULL)
	{
		PrecursorError err;

		fm = pm_build(fuzz_terms, sizeof(fuzz_terms) / sizeof(fuzz_terms[0]),
					  PM_BUILD_FUZZY, &err);
		if (fm == NULL)
		{
			fprintf(stderr, "pm_build: %s\n", err.detail);
			abort();
		}
	}
	pm_set_window_size(fm, size > 2048 ? 256 * 1024 : 256);
	memset(&c, 0, sizeof(c));
	c.len = size;
	st = pm_screen(fm, (const char *) data, size, PM_SCAN_FUZZY, check_hit, &c, NULL, NULL);
	if (st == PM_ERROR)
	{
		fprintf(stderr, "pm_screen: %s\n", pm_error(fm)->detail);
		abort();
	}
	memset(&c, 0, sizeof(c));
	c.len = size;
	st = pm_screen(fm, (const char *) data, size, 0, check_hit, &c, NULL, NULL);
	if (st == PM_ERROR)
		abort();
	memset(&c, 0, sizeof(c));
	c.len = size;
	st = pm_lookup(fm, (const char *) data, size, PM_SCAN_FUZZY, check_hit, &c);
	if (st == PM_ERROR)
	{
		fprintf(stderr, "pm_lookup: %s\n", pm_error(fm)->detail);
		abort();
	}
	return 0;
}
