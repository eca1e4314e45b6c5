/*
 * fuzz_store.c
 *		libFuzzer harness of the matcher loader (pm_deserialize): a damaged
 *		or crafted stored matcher must be refused or, if accepted, scan any
 *		text without reading or writing out of bounds.
 *
 * The input edits a valid serialised matcher (fuzzy pieces included):
 * after one mode byte, each 3-byte group (offset, value) overwrites one
 * byte, mostly inside the header and tables (the Vectorscan database that
 * follows carries its own CRC and rejects edits).  The checksum is then
 * recomputed, as a crafted file would, so that the bounds checks behind it
 * are what gets exercised.  With an odd mode byte the rest of the input is
 * the whole buffer instead.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher_int.h"

static const PmTerm store_terms[] = {
	{"acetone", 7, 1, PM_TERM_NAME},
	{"acetic anhydride", 16, 2, PM_TERM_NAME},
	{"PMK", 3, 3, PM_TERM_ABBREVIATION},
	{"pseudoephedrine", 15, 5, PM_TERM_NAME},
	{"potassium permanganate", 22, 6, PM_TERM_NAME},
	{"3,4-methylenedioxyphenyl-2-propanone", 36, 3, PM_TERM_NAME},
	{"methylenedioxyphenylpropanone methyl glycidate very long name beyond sixty-four bytes of text", 93, 11, PM_TERM_NAME},
};

static const char *const texts[] = {
	"500 kg acetone, acetic anhydrde and psuedoephedrine; CAS 108-24-7",
	"3,4-methylendioxyphenyl-2-propanon and potasium permanganate",
	"methylenedioxyphenylpropanone methyl glycidat very long name beyond sixty-four bytes of text",
	"x",
};

static char *tmpl;
static size_t tmpl_len;
static size_t tables_end;		/* end of header and tables in tmpl */

static bool
ignore_hit(const PmHit *h, void *arg)
{
	size_t		len = *(size_t *) arg;

	if (h->start > h->end || h->end > len)
	{
		fprintf(stderr, "span [%zu,%zu) outside text of %zu bytes\n", h->start, h->end, len);
		abort();
	}
	return false;
}

static void
setup(void)
{
	PrecursorError err;
	PmMatcher  *m = pm_build(store_terms, sizeof(store_terms) / sizeof(store_terms[0]),
						 PM_BUILD_FUZZY, &err);

	if (m == NULL || (tmpl = pm_serialize(m, &tmpl_len, &err)) == NULL)
	{
		fprintf(stderr, "setup: %s\n", err.detail);
		abort();
	}
	tables_end = 8 + 10 * 8 + m->pool_len + sizeof(PmLit) * m->nlits +
		sizeof(PmRef) * m->nrefs + sizeof(PmGroup) * m->ngroups +
		sizeof(PmPiece) * m->npieces + sizeof(PmPieceUse) * m->nuses + 8;
	if (tables_end > tmpl_len)
		abort();
	pm_free(m);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char	   *buf;
	size_t		len;
	uint64_t	sum;
	PmMatcher  *m;
	PrecursorError err;
	size_t		i;

	if (tmpl == NULL)
		setup();
	if (size < 1)
		return 0;
	if (data[0] & 1)
	{
		len = size - 1 + sizeof(sum);
		buf = malloc(len);
		memcpy(buf, data + 1, size - 1);
	}
	else
	{
		len = tmpl_len;
		buf = malloc(len);
		memcpy(buf, tmpl, len);
		for (i = 1; i + 3 <= size; i += 3)
		{
			size_t		off = (size_t) data[i] | ((size_t) data[i + 1] << 8);

			/* mostly the tables; now and then anywhere */
			off = (data[0] & 2) ? off % (len - sizeof(sum)) : 8 + off % (tables_end - 8);
			buf[off] = (char) data[i + 2];
		}
	}
	sum = pm_ser_checksum(buf, len - sizeof(sum));
	memcpy(buf + len - sizeof(sum), &sum, sizeof(sum));

	m = pm_deserialize(buf, len, &err);
	free(buf);
	if (m == NULL)
		return 0;
	for (i = 0; i < sizeof(texts) / sizeof(texts[0]); i++)
	{
		size_t		tl = strlen(texts[i]);

		(void) pm_screen(m, texts[i], tl, PM_SCAN_FUZZY, ignore_hit, &tl, NULL, NULL);
		(void) pm_screen(m, texts[i], tl, 0, ignore_hit, &tl, NULL, NULL);
		(void) pm_lookup(m, texts[i], tl, PM_SCAN_FUZZY, ignore_hit, &tl);
	}
	pm_free(m);
	return 0;
}
