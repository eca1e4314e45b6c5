/*
 * test_ident_inchikey.c
 *		Unit tests (TAP) of InChIKeys in free text (matcher_ident.c): found by
 *		their shape wherever they stand, checked by the InChIKey parser, in
 *		any case, after a label or not, also when a spelling fold of the
 *		normaliser shortened a block; whole-string lookup with labels.
 */
#include <stdio.h>
#include <string.h>

#include "matcher.h"
#include "tap.h"

#define MAXHITS 8

typedef struct Keys
{
	int			n;
	PmHit		h[MAXHITS];
} Keys;

static bool
collect(const PmHit *hit, void *arg)
{
	Keys	   *ks = arg;

	if (ks->n < MAXHITS)
		ks->h[ks->n] = *hit;
	ks->n++;
	return false;
}

static PmMatcher *M;

/* The InChIKey hits of text: how many, the first one's key and span */
static int
keys_in(const char *text, bool lookup, char *key, char *span)
{
	Keys		ks;
	int			i,
				n = 0;

	memset(&ks, 0, sizeof(ks));
	key[0] = span[0] = '\0';
	if (lookup)
		pm_lookup(M, text, strlen(text), 0, collect, &ks);
	else
		pm_screen(M, text, strlen(text), 0, collect, &ks, NULL, NULL);
	for (i = 0; i < ks.n && i < MAXHITS; i++)
	{
		const PmHit *h = &ks.h[i];

		if (h->kind != PM_HIT_INCHIKEY)
			continue;
		if (n++ == 0)
		{
			inchikey_format(&h->inchikey, key);
			snprintf(span, 64, "%.*s", (int) (h->end - h->start), text + h->start);
		}
	}
	return n;
}

int
main(void)
{
	PrecursorError err;
	char		key[32],
				span[64];
	const char *p2p = "QCCDLTOVEPVEJK-UHFFFAOYSA-N";

	M = pm_build(NULL, 0, 0, &err);
	ok(M != NULL, "an empty matcher finds identifiers (%s)", M ? "ok" : err.detail);
	if (M == NULL)
		return tap_done();
	ok(strcmp(pm_hit_kind_name(PM_HIT_INCHIKEY), "inchikey") == 0, "kind name");

	ok(keys_in("QCCDLTOVEPVEJK-UHFFFAOYSA-N", false, key, span) == 1 &&
	   strcmp(key, p2p) == 0 && strcmp(span, p2p) == 0, "a key alone: %s", key);
	ok(keys_in("25 kg drums (InChIKey=QCCDLTOVEPVEJK-UHFFFAOYSA-N), lot 7", false, key, span) == 1 &&
	   strcmp(key, p2p) == 0 && strcmp(span, p2p) == 0, "in a sentence, after a label: span %s", span);
	ok(keys_in("qccdltovepvejk-uhfffaoysa-n", false, key, span) == 1 && strcmp(key, p2p) == 0,
	   "lower case");
	ok(keys_in("QCCDLTOVEPVEJK UHFFFAOYSA N", false, key, span) == 1 && strcmp(key, p2p) == 0,
	   "blocks apart");
	ok(keys_in("a QCCDLTOVEPVEJK-UHFFFAOYSA-N b CSCPPACGZOOCGX-UHFFFAOYSA-N", false, key, span) == 2,
	   "two keys");
	ok(keys_in("QCCDLTOVEPVEJK-UHFFFAOYNA-N", false, key, span) == 1,
	   "a non-standard key (flag N)");

	/* shapes that are not keys */
	ok(keys_in("QCCDLTOVEPVEJK-UHFFFAOYSE-N", false, key, span) == 0, "version letter E: nothing");
	ok(keys_in("QCCDLTOVEPVEJK-UHFFFAOYSB-N", false, key, span) == 0, "version letter B: nothing");
	ok(keys_in("ECCDLTOVEPVEJK-UHFFFAOYSA-N", false, key, span) == 0, "a triplet starting with E: nothing");
	ok(keys_in("CCDLTOVEPVEJK-UHFFFAOYSA-N", false, key, span) == 0, "13-letter first block: nothing");
	ok(keys_in("QCCDLTOVEPVEJK-UHFFFAOSA-N", false, key, span) == 0, "9-letter second block: nothing");
	ok(keys_in("QCCDLTOVEPVEJK-UHFFFAOYSA-NN", false, key, span) == 0, "two protonation letters: nothing");
	ok(keys_in("XQCCDLTOVEPVEJK-UHFFFAOYSA-N", false, key, span) == 0, "15 letters: nothing");
	ok(keys_in("7QCCDLTOVEPVEJK-UHFFFAOYSA-N", false, key, span) == 0, "a digit glued to it: nothing");
	ok(keys_in("the visa a", false, key, span) == 0 &&
	   keys_in("Hydrochloric acid, fuming, for analysis, technical grade", false, key, span) == 0,
	   "words ending in 'sa' or 'na' before one letter: nothing");

	/* the normaliser folds British "sulph" to "sulf": the key is read from the original */
	ok(keys_in("ref ABSULPHCDAFGHI-UHFFFAOYSA-N", false, key, span) == 1 &&
	   strcmp(key, "ABSULPHCDAFGHI-UHFFFAOYSA-N") == 0,
	   "a block that a spelling fold shortens: %s", key);

	/* lookup: the whole string is the key, with labels only */
	ok(keys_in("InChIKey=QCCDLTOVEPVEJK-UHFFFAOYSA-N", true, key, span) == 1 &&
	   strcmp(key, p2p) == 0, "lookup with the InChIKey= prefix");
	ok(keys_in("Std InChI Key: QCCDLTOVEPVEJK-UHFFFAOYSA-N", true, key, span) == 1,
	   "lookup with 'Std InChI Key:'");
	ok(keys_in("acetone QCCDLTOVEPVEJK-UHFFFAOYSA-N", true, key, span) == 0,
	   "lookup of a key after another word: nothing");

	pm_free(M);
	return tap_done();
}
