/*
 * test_matcher.c
 *		Unit tests (TAP) of the matching engine with real precursor names:
 *		obfuscations, identifiers, negation in several languages, word
 *		boundaries, exact spans in multibyte text, windows, lookup.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher.h"
#include "matcher_int.h"
#include "tap.h"

enum
{
	T_PMK = 1,					/* 3,4-methylenedioxyphenyl-2-propanone */
	T_ACETONE,
	T_ANHYDRIDE,
	T_SAFROLE,
	T_PIPERONAL,
	T_TOLUENE,
	T_EPHEDRINE,
	T_NPP,
	T_P2P,
	T_BMK_DUP,					/* a second substance with the same synonym */
	T_PSEUDO,
	T_METHYLAMINE,
	T_ETHYLAMINE,
	T_PERMANGANATE
};

static const PmTerm terms[] = {
	{"3,4-methylenedioxyphenyl-2-propanone", 0, T_PMK, PM_TERM_NAME},
	{"3,4-MDP-2-P", 0, T_PMK, PM_TERM_SYNONYM},
	{"PMK", 0, T_PMK, PM_TERM_ABBREVIATION},
	{"acetone", 0, T_ACETONE, PM_TERM_NAME},
	{"Aceton", 0, T_ACETONE, PM_TERM_SYNONYM},
	{"acetic anhydride", 0, T_ANHYDRIDE, PM_TERM_NAME},
	{"safrole", 0, T_SAFROLE, PM_TERM_NAME},
	{"piperonal", 0, T_PIPERONAL, PM_TERM_NAME},
	{"toluene", 0, T_TOLUENE, PM_TERM_NAME},
	{"Toluol", 0, T_TOLUENE, PM_TERM_SYNONYM},
	{"ephedrine", 0, T_EPHEDRINE, PM_TERM_NAME},
	{"N-phenethyl-4-piperidone", 0, T_NPP, PM_TERM_NAME},
	{"NPP", 0, T_NPP, PM_TERM_ABBREVIATION},
	{"1-phenyl-2-propanone", 0, T_P2P, PM_TERM_NAME},
	{"P2P", 0, T_P2P, PM_TERM_ABBREVIATION},
	{"benzyl methyl ketone", 0, T_P2P, PM_TERM_SYNONYM},
	{"Benzyl-methyl-ketone", 0, T_BMK_DUP, PM_TERM_SYNONYM},
	{"pseudoephedrine", 0, T_PSEUDO, PM_TERM_NAME},
	{"methylamine", 0, T_METHYLAMINE, PM_TERM_NAME},
	{"ethylamine", 0, T_ETHYLAMINE, PM_TERM_NAME},
	{"potassium permanganate", 0, T_PERMANGANATE, PM_TERM_NAME},
	{"   ", 0, 999, PM_TERM_NAME},	/* normalises to nothing: skipped */
};
#define NTERMS (sizeof(terms) / sizeof(terms[0]))

#define MAXHITS 64
typedef struct Hits
{
	int			n;
	PmHit		h[MAXHITS];
	int			stop_after;		/* 0: never stop */
} Hits;

static bool
collect(const PmHit *hit, void *arg)
{
	Hits	   *hs = arg;

	if (hs->n < MAXHITS)
		hs->h[hs->n] = *hit;
	hs->n++;
	return hs->stop_after > 0 && hs->n >= hs->stop_after;
}

static PmMatcher *M;

static PmStatus
screen(const char *text, uint32_t flags, Hits *out)
{
	memset(out, 0, sizeof(*out));
	return pm_screen(M, text, strlen(text), flags, collect, out, NULL, NULL);
}

static PmStatus
lookup(const char *text, uint32_t flags, Hits *out)
{
	memset(out, 0, sizeof(*out));
	return pm_lookup(M, text, strlen(text), flags, collect, out);
}

/* The first hit of a kind/term, or NULL. */
static const PmHit *
find(const Hits *hs, PmHitKind kind, uint32_t term)
{
	int			i;

	for (i = 0; i < hs->n && i < MAXHITS; i++)
		if (hs->h[i].kind == kind && hs->h[i].term_id == term)
			return &hs->h[i];
	return NULL;
}

static const PmHit *
find_term(const Hits *hs, uint32_t term)
{
	int			i;

	for (i = 0; i < hs->n && i < MAXHITS; i++)
		if (hs->h[i].term_id == term)
			return &hs->h[i];
	return NULL;
}

/* Is the original span of h exactly want? */
static bool
span_is(const char *text, const PmHit *h, const char *want)
{
	size_t		wl = strlen(want);

	if (h == NULL || h->end < h->start || h->end - h->start != wl ||
		memcmp(text + h->start, want, wl) != 0)
	{
		if (h)
			fprintf(stderr, "#   span [%zu,%zu) '%.*s' want '%s'\n", h->start, h->end,
					(int) (h->end - h->start), text + h->start, want);
		return false;
	}
	return true;
}

static void
test_exact(void)
{
	Hits		hs;
	const PmHit *h;
	const char *t;

	t = "Shipment of 3 ,4-MDP-2-P (200 kg)";
	ok(screen(t, 0, &hs) == PM_OK && hs.n == 1, "obfuscated 3 ,4-MDP-2-P: one hit");
	h = find(&hs, PM_HIT_SYNONYM, T_PMK);
	ok(h != NULL && span_is(t, h, "3 ,4-MDP-2-P") && h->score > 0.97f && !h->negated,
	   "  as synonym of PMK with its original span");

	t = "ACETIC  ANHYDRIDE, 2 drums";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_NAME, T_ANHYDRIDE);
	ok(hs.n == 1 && h && span_is(t, h, "ACETIC  ANHYDRIDE") && h->score == 1.0f,
	   "upper case, double space: name hit, score 1.0");

	t = "\xd0\xb0" "cetone";		/* Cyrillic a */
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_HOMOGLYPH, T_ACETONE);
	ok(hs.n == 1 && h && h->homoglyph && span_is(t, h, t) &&
	   h->score > 0.85f && h->score < 0.95f,
	   "Cyrillic look-alike: homoglyph hit, score 0.9, span covers 2-byte char");

	t = "\xef\xbc\xa1\xef\xbc\xa3\xef\xbc\xa5\xef\xbc\xb4\xef\xbc\xaf\xef\xbc\xae\xef\xbc\xa5 (full width)";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_NAME, T_ACETONE);
	ok(hs.n == 1 && h && !h->homoglyph && h->start == 0 && h->end == 21,
	   "full-width ACETONE: name hit over all 21 bytes");

	t = "NPPX and PMKX and xacetone and acetonex";
	ok(screen(t, 0, &hs) == PM_OK && hs.n == 0, "abbreviations and names inside words: no hit");

	t = "NPP, PMK";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_SYNONYM, T_NPP);
	ok(hs.n == 2 && h && span_is(t, h, "NPP") && h->score < 0.9f,
	   "short abbreviations on their own: hits, score below 0.9");

	t = "benzyl methyl ketone 25 l";
	screen(t, 0, &hs);
	ok(hs.n == 2 && find(&hs, PM_HIT_SYNONYM, T_P2P) && find(&hs, PM_HIT_SYNONYM, T_BMK_DUP),
	   "duplicate normalised terms: both ids reported");

	t = "pseudoephedrine tablets";
	screen(t, 0, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_NAME, T_PSEUDO), "pseudoephedrine: not also ephedrine");

	t = "1-phenyl-2-propanone";
	screen(t, 0, &hs);
	{
		/* the name over the whole text; its variants ("phenyl-2-propanone") inside it */
		bool		same = true;
		size_t		k;

		for (k = 0; k < hs.n; k++)
			same &= hs.h[k].term_id == T_P2P;
		h = find(&hs, PM_HIT_NAME, T_P2P);
		ok(same && h && span_is(t, h, t), "1-phenyl-2-propanone");
	}

	t = "Lieferung: Gr\xc3\xb6\xc3\x9f" "e 5, \xef\xbc\xa1" "cetone und Toluol\xcc\x81 fertig";
	screen(t, 0, &hs);
	ok(hs.n == 2 && span_is(t, find_term(&hs, T_ACETONE), "\xef\xbc\xa1" "cetone") &&
	   span_is(t, find_term(&hs, T_TOLUENE), "Toluol\xcc\x81"),
	   "multibyte text: exact spans incl. full-width start and trailing combining mark");

	t = "acetone";
	screen(t, 0, &hs);
	ok(hs.n == 1 && hs.h[0].start == 0 && hs.h[0].end == 7 && hs.h[0].distance == 0,
	   "whole text: span [0,7)");

	ok(screen("", 0, &hs) == PM_OK && hs.n == 0, "empty text");
	ok(pm_screen(M, "ac\xff" "etone", 8, 0, collect, &hs, NULL, NULL) == PM_INVALID_UTF8,
	   "invalid UTF-8 reported");

	t = "acetone, toluene, safrole";
	memset(&hs, 0, sizeof(hs));
	hs.stop_after = 1;
	ok(pm_screen(M, t, strlen(t), 0, collect, &hs, NULL, NULL) == PM_STOPPED && hs.n == 1,
	   "callback can stop the scan");

	t = "methylamine and ethylamine";
	screen(t, PM_SCAN_FUZZY, &hs);
	ok(hs.n == 2 && find(&hs, PM_HIT_NAME, T_METHYLAMINE) && find(&hs, PM_HIT_NAME, T_ETHYLAMINE),
	   "exact hits are not shadowed by fuzzy hits of each other");
}

static void
test_identifiers(void)
{
	Hits		hs;
	const PmHit *h;
	const char *t;

	t = "CAS 103-79-7";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_CAS, 0);
	ok(hs.n == 1 && h && h->ident == 103797 && span_is(t, h, "103-79-7") && h->score == 1.0f,
	   "CAS 103-79-7");
	t = "CAS No. 103-79-7";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_CAS, 0);
	ok(hs.n == 1 && h && h->ident == 103797 && !h->negated, "CAS No. 103-79-7, not negated");
	t = "CAS No 103-79-7";
	screen(t, 0, &hs);
	ok(hs.n == 1 && !hs.h[0].negated, "CAS No 103-79-7: 'no' is a number sign");
	t = "CAS#103-79-7";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_CAS, 0);
	ok(hs.n == 1 && h && span_is(t, h, "103-79-7"), "CAS#103-79-7");
	ok(screen("CAS 103-79-8", 0, &hs) == PM_OK && hs.n == 0, "wrong check digit: nothing");
	ok(screen("ref 1103-79-7x", 0, &hs) == PM_OK && hs.n == 0, "CAS shape inside a token: nothing");
	/* hyphenated shapes are found by memchr('-'), whole tokens only */
	ok(screen("lot 1-103-79-7, 103-79-7-5, 103-79-77 and 10-3-79-7", 0, &hs) == PM_OK && hs.n == 0,
	   "CAS shape with extra groups or digits around it: nothing");
	t = "x 7732-18-5; 200-662-2|64-17-5 and 5-5 12345678-12-1";
	screen(t, 0, &hs);
	ok(hs.n == 3 && hs.h[0].kind == PM_HIT_CAS && hs.h[0].ident == 7732185 &&
	   hs.h[1].kind == PM_HIT_EC && span_is(t, &hs.h[1], "200-662-2") &&
	   hs.h[2].kind == PM_HIT_CAS && span_is(t, &hs.h[2], "64-17-5"),
	   "several shapes in one text, CAS and EC told apart by group lengths (%d hits)", hs.n);
	t = "103 \xe2\x80\x93 79 \xe2\x80\x93 7";
	screen(t, 0, &hs);
	ok(hs.n == 1 && hs.h[0].kind == PM_HIT_CAS && span_is(t, &hs.h[0], t),
	   "CAS written with en dashes and spaces: the whole span");
	t = "CAS 103797";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_CAS, 0);
	ok(hs.n == 1 && h && h->ident == 103797 && span_is(t, h, "103797"), "plain digits after CAS cue");
	ok(screen("order 103797", 0, &hs) == PM_OK && hs.n == 0, "plain digits without cue: nothing");

	t = "EC 200-662-2 acetone";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_EC, 0);
	ok(hs.n == 2 && h && h->ident == 2006622 && span_is(t, h, "200-662-2"), "EC number");
	ok(screen("EC 200-662-3", 0, &hs) == PM_OK && hs.n == 0, "EC with wrong check digit: nothing");
	t = "EINECS 2006622";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_EC, 0);
	ok(hs.n == 1 && h && h->ident == 2006622, "plain EC digits after EINECS cue");

	t = "CN 2914 31 00";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_CN, 0);
	ok(hs.n == 1 && h && span_is(t, h, "2914 31 00"), "CN 2914 31 00");
	t = "HS code: 2914.31.00, drums";
	screen(t, 0, &hs);
	h = find(&hs, PM_HIT_CN, 0);
	ok(hs.n == 1 && h && span_is(t, h, "2914.31.00"), "HS code: 2914.31.00 (one hit for two cues)");
	t = "KN 29143100";
	screen(t, 0, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_CN, 0), "KN 29143100 (German)");
	ok(screen("weight 2914 31 00 kg", 0, &hs) == PM_OK && hs.n == 0, "digits without CN cue: nothing");
	/* cue words are found after a space or a clause mark, and not inside words */
	t = "drums; nc 29143100";
	screen(t, 0, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_CN, 0), "nc 29143100 after a clause mark");
	t = "200 l drums cn 29143100";
	screen(t, 0, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_CN, 0), "cn 29143100 after a space");
	ok(screen("zinc 29143100", 0, &hs) == PM_OK && hs.n == 0,
	   "zinc 29143100: the nc of zinc is no cue");
	ok(screen("product code 29143100", 0, &hs) == PM_OK && hs.n == 0, "'product code': not a CN cue");
}

static void
test_negation(void)
{
	Hits		hs;
	const PmHit *h;

	screen("toluene-free paint", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "toluene-free: negated");
	screen("Other than piperonal, contains safrole", 0, &hs);
	h = find(&hs, PM_HIT_NAME, T_PIPERONAL);
	ok(h && h->negated, "other than piperonal: negated");
	h = find(&hs, PM_HIT_NAME, T_SAFROLE);
	ok(h && !h->negated, "  ..., contains safrole: not negated");
	screen("ephedrine free base", 0, &hs);
	ok(hs.n == 1 && !hs.h[0].negated, "ephedrine free base: not negated");
	screen("does not contain safrole", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "does not contain safrole");
	screen("free of acetic anhydride", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "free of acetic anhydride");
	screen("ohne Toluol", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "German: ohne Toluol");
	screen("Lack, au\xc3\x9f" "er Aceton", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "German: außer Aceton");
	screen("sans ac\xc3\xa9tone", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "French: sans acétone");
	screen("ne contient pas de toluene", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "French: ne contient pas de toluene");
	screen("sin acetone", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "Spanish: sin acetone");
	screen("zonder toluene", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "Dutch: zonder toluene");
	screen("z wyj\xc4\x85tkiem toluene", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "Polish: z wyjątkiem toluene");
	screen("senza acetone", 0, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "Italian: senza acetone");
	screen("no toluene but acetone", 0, &hs);
	ok(hs.n == 2 && find_term(&hs, T_TOLUENE)->negated && !find_term(&hs, T_ACETONE)->negated,
	   "no toluene but acetone: only toluene negated");
	screen("not less than 99% acetone", 0, &hs);
	ok(hs.n == 1 && !hs.h[0].negated, "not less than 99%% acetone: not negated");
	screen("acetone free of water", 0, &hs);
	ok(hs.n == 1 && !hs.h[0].negated, "acetone free of water: acetone not negated");
	screen("toluene-free, acetone-free; safrole", PM_SCAN_SKIP_NEGATED, &hs);
	ok(hs.n == 1 && find_term(&hs, T_SAFROLE), "PM_SCAN_SKIP_NEGATED drops negated hits");
}

static void
test_fuzzy(void)
{
	Hits		hs;
	const PmHit *h1,
			   *h2;
	float		score1 = 0;
	const char *t;

	t = "acetic anhidride, 200 l";
	ok(screen(t, 0, &hs) == PM_OK && hs.n == 0, "misspelling without PM_SCAN_FUZZY: nothing");
	screen(t, PM_SCAN_FUZZY, &hs);
	h1 = find(&hs, PM_HIT_FUZZY, T_ANHYDRIDE);
	ok(hs.n == 1 && h1 && h1->distance == 1 && span_is(t, h1, "acetic anhidride"),
	   "acetic anhidride: fuzzy, distance 1, span");
	screen("potasium permanganate", PM_SCAN_FUZZY, &hs);
	h1 = find(&hs, PM_HIT_FUZZY, T_PERMANGANATE);
	if (h1)
		score1 = h1->score;
	screen("potasium permanganat", PM_SCAN_FUZZY, &hs);
	h2 = find(&hs, PM_HIT_FUZZY, T_PERMANGANATE);
	ok(h1 && h2 && h2->distance == 2 && h2->score < score1 && score1 < 0.98f,
	   "distance 2 scores lower than distance 1");
	screen("potasium permanganate", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_FUZZY, T_PERMANGANATE), "potasium permanganate");
	screen("acetic anhydride", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_NAME, T_ANHYDRIDE), "exact hit: no extra fuzzy hit");
	screen("acetone acetate", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 1, "short terms are never fuzzy (acetate is not acetone)");
	screen("1-phenyl-3-propanone", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 0, "an edit of a digit is never a misspelling (another locant)");
	screen("PMKs and NPPs", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 0, "abbreviations are never fuzzy");
	t = "potassium permanganatex";
	screen(t, PM_SCAN_FUZZY, &hs);
	ok(hs.n == 1 && hs.h[0].distance == 1 && span_is(t, &hs.h[0], t),
	   "alignment must end on a token boundary");
	screen("no acetic anhidride", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 1 && hs.h[0].negated, "fuzzy hits are negated too");
}

/*
 * PM_SCAN_EXACT_FIRST: a caller that stops at its first hit gets the exact
 * one before any misspelling is verified; one that does not stop gets every
 * hit, the exact ones offered twice.
 */
static void
test_exact_first(void)
{
	Hits		hs;
	const char *t = "toluene, acetic anhidride";

	memset(&hs, 0, sizeof(hs));
	hs.stop_after = 1;
	ok(pm_screen(M, t, strlen(t), PM_SCAN_FUZZY | PM_SCAN_EXACT_FIRST, collect, &hs,
				 NULL, NULL) == PM_STOPPED && hs.n == 1 && hs.h[0].kind == PM_HIT_NAME &&
	   hs.h[0].term_id == T_TOLUENE, "exact first: the exact hit answers a caller that stops");
	screen(t, PM_SCAN_FUZZY | PM_SCAN_EXACT_FIRST, &hs);
	ok(hs.n == 3 && find(&hs, PM_HIT_FUZZY, T_ANHYDRIDE) &&
	   hs.h[0].term_id == T_TOLUENE && hs.h[1].term_id == T_TOLUENE,
	   "exact first: a caller that does not stop gets the exact hit again and the misspelling");
	screen("acetic anhidride", PM_SCAN_FUZZY | PM_SCAN_EXACT_FIRST, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_FUZZY, T_ANHYDRIDE),
	   "exact first: no exact hit, the misspelling alone");
}

/* Screen t with misspellings on, into a cleared hs */
static void
screen_fuzzy_with(PmMatcher *m, const char *t, Hits *hs)
{
	memset(hs, 0, sizeof(*hs));
	pm_screen(m, t, strlen(t), PM_SCAN_FUZZY, collect, hs, NULL, NULL);
}

/*
 * A suffix after a locant is never a misspelling: "propan-2-ol" is the
 * alcohol of the ketone "propan-2-one", another compound.
 */
static void
test_fuzzy_suffix(void)
{
	PmTerm		terms[] = {{"1-phenylpropan-2-one", 0, 81, PM_TERM_NAME},
	{"PMK ethyl glycidate", 0, 82, PM_TERM_SYNONYM}};
	const char *alcohol = "1-phenylpropan-2-ol, 5 l";
	const char *typo = "1-phenylpropam-2-one, 5 l";
	PrecursorError err;
	PmMatcher  *m;
	Hits		hs;

	terms[0].len = strlen(terms[0].text);
	terms[1].len = strlen(terms[1].text);
	m = pm_build(terms, 2, PM_BUILD_FUZZY, &err);
	ok(m != NULL, "suffix: fuzzy matcher builds");
	if (m == NULL)
		return;
	screen_fuzzy_with(m, alcohol, &hs);
	ok(hs.n == 0, "1-phenylpropan-2-ol is not a misspelling of 1-phenylpropan-2-one");
	screen_fuzzy_with(m, typo, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_FUZZY, 81) && hs.h[0].distance == 1,
	   "1-phenylpropam-2-one is (a typo in a long word)");
	screen_fuzzy_with(m, "BMK ethyl glycidate", &hs);
	ok(hs.n == 0, "BMK ethyl glycidate is not a misspelling of PMK ethyl glycidate");
	pm_free(m);
}

/*
 * Terms longer than 64 bytes: verification and lookup leave the bit-parallel
 * path for a banded dynamic programme.  The term has no digit (or it would
 * never be fuzzy) and allows 3 edits (20 characters or more).
 */
static void
test_fuzzy_long(void)
{
	PmTerm		longterms[] = {
		{"methylenedioxyphenyl isopropylidene hydroxyphenylacetonitrile ethylidene ester", 0, 77, PM_TERM_NAME},
		{"acetone", 0, 78, PM_TERM_NAME},
	};
	const char *exact = "methylenedioxyphenyl isopropylidene hydroxyphenylacetonitrile ethylidene ester";
	/* "estar" would be a real word (Spanish, in the lexicon): no misspelling */
	const char *one = "drums of methylenedioxyphenyl isopropylidene hydroxyphenylacetonitrile ethylidene estxr, 5 kg";
	const char *two = "methylenedioxyphenyl isopropyliden hydroxyphenylacetonitrile ethylidene esterr";
	const char *four = "methylenedioxyphenol isopropylidane hydroxyphenylacetonitrole ethylidyne ester";
	PrecursorError err;
	PmMatcher  *m;
	Hits		hs;

	longterms[0].len = strlen(longterms[0].text);
	longterms[1].len = strlen(longterms[1].text);
	m = pm_build(longterms, 2, PM_BUILD_FUZZY, &err);

	ok(m != NULL, "long term: fuzzy matcher builds");
	if (m == NULL)
		return;
	screen_fuzzy_with(m, exact, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_NAME, 77), "long term: exact hit, no fuzzy duplicate");
	screen_fuzzy_with(m, one, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_FUZZY, 77) && hs.h[0].distance == 1 &&
	   span_is(one, &hs.h[0], "methylenedioxyphenyl isopropylidene hydroxyphenylacetonitrile ethylidene estxr"),
	   "long term: one substitution, distance 1, span");
	screen_fuzzy_with(m, two, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_FUZZY, 77) && hs.h[0].distance == 2,
	   "long term: a deletion and an insertion, distance 2");
	screen_fuzzy_with(m, four, &hs);
	ok(hs.n == 0, "long term: four edits are more than the 3 allowed");
	memset(&hs, 0, sizeof(hs));
	pm_screen(m, one, strlen(one), 0, collect, &hs, NULL, NULL);
	ok(hs.n == 0, "long term: no fuzzy hit without PM_SCAN_FUZZY");
	memset(&hs, 0, sizeof(hs));
	pm_lookup(m, two, strlen(two), PM_SCAN_FUZZY, collect, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_FUZZY, 77) && hs.h[0].distance == 2,
	   "long term: lookup of a misspelled long name, distance 2");
	memset(&hs, 0, sizeof(hs));
	pm_lookup(m, four, strlen(four), PM_SCAN_FUZZY, collect, &hs);
	ok(hs.n == 0, "long term: lookup refuses four edits");
	pm_free(m);
}

static void
test_lookup(void)
{
	Hits		hs;
	const PmHit *h;

	ok(lookup("acetone cyanohydrin", 0, &hs) == PM_OK && hs.n == 0,
	   "lookup: acetone cyanohydrin is not acetone");
	lookup("(1R,2S)-(-)-Ephedrine hydrochloride", 0, &hs);
	h = find(&hs, PM_HIT_NAME, T_EPHEDRINE);
	ok(hs.n == 1 && h && (h->form.flags & CHEM_FORM_STEREO) && (h->form.flags & CHEM_FORM_SALT),
	   "lookup: (1R,2S)-(-)-ephedrine hydrochloride -> ephedrine, stereo+salt");
	lookup("  Acetone ", 0, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_NAME, T_ACETONE), "lookup: Acetone");
	lookup("acetic anhidride", 0, &hs);
	ok(hs.n == 0, "lookup: misspelling without fuzzy: nothing");
	lookup("acetic anhidride", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_FUZZY, T_ANHYDRIDE) && hs.h[0].distance == 1,
	   "lookup: misspelling with fuzzy");
	lookup("CAS 103-79-7", 0, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_CAS, 0), "lookup: CAS 103-79-7");
	lookup("103-79-7", 0, &hs);
	ok(hs.n == 1 && find(&hs, PM_HIT_CAS, 0), "lookup: 103-79-7");
	lookup("toluene and acetone", 0, &hs);
	ok(hs.n == 0, "lookup: two substances are not one name");
}

/* ---- windows ---- */

typedef struct Counter
{
	size_t		n;
	size_t		bad;
	size_t		last_start;
	const char *text;
	size_t		len;
	unsigned long long sum;
} Counter;

static bool
count_hit(const PmHit *h, void *arg)
{
	Counter    *c = arg;

	if (h->start > h->end || h->end > c->len ||
		(c->n > 0 && h->start < c->last_start))
		c->bad++;
	else if (h->term_id == T_ACETONE && memcmp(c->text + h->start, "acetone", 7) != 0 &&
			 memcmp(c->text + h->start, "\xd0\xb0" "cetone", 8) != 0)
		c->bad++;
	c->last_start = h->start;
	c->sum += h->start * 31 + h->term_id;
	c->n++;
	return false;
}

static int	intr_calls;
static bool
interrupt_after_two(void *arg)
{
	return ++intr_calls > 2;
}

static void
test_windows(void)
{
	const char *pieces[] = {
		"lorem ipsum acetone dolor ", "sit \xd0\xb0" "cetone amet ",
		"no toluene here ", "CAS 103-79-7 ", "x\xc3\xa9y ",
		"3 ,4-MDP-2-P ", "supercalifragilisticexpialidocious ",
	};
	size_t		np = sizeof(pieces) / sizeof(pieces[0]);
	size_t		len = 300000,
				pos = 0,
				i = 0;
	char	   *text = malloc(len + 64);
	Counter		a,
				b;
	size_t		expect = 0;
	PmStatus	st;

	while (pos < len)
	{
		const char *p = pieces[(i * 7 + i / 3) % np];
		size_t		pl = strlen(p);

		memcpy(text + pos, p, pl);
		pos += pl;
		if (strstr(p, "cetone"))
			expect++;
		i++;
	}
	text[pos] = '\0';
	len = pos;

	memset(&a, 0, sizeof(a));
	a.text = text;
	a.len = len;
	b = a;
	st = pm_screen(M, text, len, 0, count_hit, &a, NULL, NULL);
	ok(st == PM_OK && a.bad == 0, "300 kB text in default windows: spans sane, in order");
	pm_set_window_size(M, 300);
	st = pm_screen(M, text, len, 0, count_hit, &b, NULL, NULL);
	ok(st == PM_OK && b.bad == 0 && b.n == a.n && b.sum == a.sum,
	   "300-byte windows give exactly the same hits (%zu)", b.n);
	if (b.n != a.n)
		printf("# default windows %zu hits, 300-byte windows %zu\n", a.n, b.n);
	{
		Hits		hs;
		size_t		k;
		size_t		cnt = 0;

		(void) hs;
		for (k = 0; k + 7 <= len; k++)
			if (memcmp(text + k, "cetone", 6) == 0)
				cnt++;
		ok(cnt == expect && a.n > expect, "acetone occurrences present (%zu)", expect);
	}
	intr_calls = 0;
	memset(&b, 0, sizeof(b));
	b.text = text;
	b.len = len;
	st = pm_screen(M, text, len, 0, count_hit, &b, interrupt_after_two, NULL);
	ok(st == PM_INTERRUPTED && intr_calls == 3, "interrupt function polled between windows");
	pm_set_window_size(M, 256 * 1024);
	free(text);

	/* 50 MB: memory stays bounded by the window, not the text */
	{
		size_t		big = 50u * 1024 * 1024;
		char	   *t2 = malloc(big);
		const char *unit = "drums of acetone, 200 l each; toluene-free. ";
		size_t		ul = strlen(unit);
		size_t		n = 0;

		for (pos = 0; pos + ul <= big; pos += ul)
		{
			memcpy(t2 + pos, unit, ul);
			n++;
		}
		memset(&a, 0, sizeof(a));
		a.text = t2;
		a.len = pos;
		st = pm_screen(M, t2, pos, 0, count_hit, &a, NULL, NULL);
		ok(st == PM_OK && a.bad == 0 && a.n == 2 * n, "50 MB text: %zu hits, all in order", a.n);
		free(t2);
	}
}

/*
 * Many terms sharing a long prefix: the term database holds only prefixes
 * (PM_PREFIX_LEN bytes) and the rest is checked by walking the sorted run.
 */
static void
test_shared_prefix(void)
{
	static const char *const names[] = {
		"benzoic acid", "benzoic acid 2-amino", "benzoic acid 2-amino-5-chloro",
		"benzoic acid ethyl ester", "benzoic acid methyl ester", "benzoic acidx",
		"benzoic ac", "benzoic acid 4", "benzoic acid 2-aminox",
		"benzoic acid ethyl", "benzoic", "4-trifluoromethylbenzoic acid",
	};
	PmTerm		t[sizeof(names) / sizeof(names[0])];
	PmMatcher  *m;
	PmMatcher  *save = M;
	PrecursorError err;
	size_t		i;
	Hits		hs;
	bool		found[sizeof(names) / sizeof(names[0])];

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++)
	{
		t[i].text = names[i];
		t[i].len = strlen(names[i]);
		t[i].id = (uint32_t) i;
		t[i].kind = PM_TERM_NAME;
	}
	m = pm_build(t, sizeof(names) / sizeof(names[0]), 0, &err);
	ok(m != NULL, "shared prefixes: build (%s)", m ? "ok" : err.detail);
	if (m == NULL)
		return;
	M = m;
	screen("Benzoic acid 2-amino-5-chloro, benzoic acid ethyl ester; benzoic acid 4-", 0, &hs);
	memset(found, 0, sizeof(found));
	for (i = 0; i < (size_t) hs.n && i < MAXHITS; i++)
		found[hs.h[i].term_id] = true;
	ok(hs.n == 11 && found[0] && found[1] && found[2] && found[3] && found[9] &&
	   found[7] && found[10] && !found[4] && !found[5] && !found[6] && !found[8] && !found[11],
	   "shared prefixes: every term the text continues into, no other (%d hits)", hs.n);
	screen("benzoic acidxy benzoic aci 4-trifluoromethylbenzoic acid", 0, &hs);
	ok(hs.n == 3 && hs.h[0].term_id == 10 && hs.h[1].term_id == 10 &&
	   hs.h[2].term_id == 11, "shared prefixes: boundaries respected");
	M = save;
	pm_free(m);
}

/* Same hits (kind, term, span, distance, negation, form), in the same order? */
static bool
same_hits(const Hits *a, const Hits *b)
{
	int			i;

	if (a->n != b->n)
		return false;
	for (i = 0; i < a->n && i < MAXHITS; i++)
	{
		const PmHit *x = &a->h[i];
		const PmHit *y = &b->h[i];

		if (x->kind != y->kind || x->term_id != y->term_id || x->start != y->start ||
			x->end != y->end || x->distance != y->distance || x->negated != y->negated ||
			x->ident != y->ident || x->score != y->score || x->form.flags != y->form.flags)
			return false;
	}
	return true;
}

/* A serialised matcher loads back and finds exactly what the original finds. */
static const char *const serial_texts[] = {
	"Shipment of 3 ,4-MDP-2-P (200 kg), CAS 103-79-7, EC 200-662-2",
	"acetic anhydrite and potasium permanganate, HS code 2914 31 00",
	"toluene-free thinner, other than piperonal; \xd0\xb0" "cetone",
	"(1R,2S)-(-)-ephedrine hydrochloride 99%",
};

/* Does m2 find what M finds in serial_texts, screened and looked up, fuzzy included? */
static bool
same_as_built(PmMatcher *m2)
{
	PmMatcher  *save = M;
	size_t		i;
	bool		same = true;

	for (i = 0; i < sizeof(serial_texts) / sizeof(serial_texts[0]); i++)
	{
		Hits		a,
					b;
		int			mode;

		for (mode = 0; mode < 2; mode++)
		{
			M = save;
			if (mode == 0)
				screen(serial_texts[i], PM_SCAN_FUZZY, &a);
			else
				lookup(serial_texts[i], PM_SCAN_FUZZY, &a);
			M = m2;
			if (mode == 0)
				screen(serial_texts[i], PM_SCAN_FUZZY, &b);
			else
				lookup(serial_texts[i], PM_SCAN_FUZZY, &b);
			if (!same_hits(&a, &b) || (mode == 0 && a.n == 0))
			{
				fprintf(stderr, "#   differs on '%s' (%s): %d vs %d hits\n", serial_texts[i],
						mode ? "lookup" : "screen", a.n, b.n);
				same = false;
			}
		}
	}
	M = save;
	return same;
}

static void
test_serialize(void)
{
	PrecursorError err;
	size_t		len = 0;
	char	   *buf = pm_serialize(M, &len, &err);
	PmMatcher  *m2;

	ok(buf != NULL && len > 0, "serialise: %zu bytes (%s)", len, buf ? "ok" : err.detail);
	if (buf == NULL)
		return;
	m2 = pm_deserialize(buf, len, &err);
	ok(m2 != NULL && pm_term_count(m2) == pm_term_count(M),
	   "deserialise: same term count (%s)", m2 ? "ok" : err.detail);
	if (m2 != NULL)
	{
		ok(same_as_built(m2), "deserialised matcher: identical screen and lookup hits, fuzzy included");
		pm_free(m2);
	}

	buf[len / 2] ^= 0x40;
	m2 = pm_deserialize(buf, len, &err);
	ok(m2 == NULL && strstr(err.detail, "checksum") != NULL, "damaged buffer refused: %s", err.detail);
	ok(err.code == PRECURSOR_DATA_CORRUPTED && err.message != NULL,
	   "a damaged buffer is PRECURSOR_DATA_CORRUPTED, with a message");
	buf[len / 2] ^= 0x40;
	m2 = pm_deserialize(buf, len - 9, &err);
	ok(m2 == NULL && err.detail[0] != '\0', "truncated buffer refused: %s", err.detail);
	m2 = pm_deserialize("PMATCH00", 8, &err);
	ok(m2 == NULL && err.detail[0] != '\0', "other format refused: %s", err.detail);

	/*
	 * A store of the previous format (04: bare cue words in the term
	 * database), even with a valid checksum, is refused as another version:
	 * the server then removes it and compiles again.
	 */
	{
		uint64_t	sum;

		memcpy(buf, "PMATCH04", 8);
		sum = pm_ser_checksum(buf, len - sizeof(sum));
		memcpy(buf + len - sizeof(sum), &sum, sizeof(sum));
		m2 = pm_deserialize(buf, len, &err);
		ok(m2 == NULL && err.code == PRECURSOR_DATA_CORRUPTED &&
		   strstr(err.detail, "version") != NULL,
		   "a matcher stored in format 04 is refused: %s", err.detail);
		memcpy(buf, "PMATCH05", 8);
		sum = pm_ser_checksum(buf, len - sizeof(sum));
		memcpy(buf + len - sizeof(sum), &sum, sizeof(sum));
	}

	/*
	 * A crafted buffer whose pieces do not cover their uses one run after
	 * the other (the fuzzer's find: a use left without a piece sent the
	 * scan out of bounds) is refused.
	 */
	if (M->npieces > 1)
	{
		size_t		at = 8 + 10 * 8 + M->pool_len + sizeof(PmLit) * M->nlits +
			sizeof(PmRef) * M->nrefs + sizeof(PmGroup) * M->ngroups +
			offsetof(PmPiece, first_use) + sizeof(PmPiece);	/* pieces[1].first_use */
		uint32_t	first_use;
		uint64_t	sum;

		memcpy(&first_use, buf + at, sizeof(first_use));
		first_use++;
		memcpy(buf + at, &first_use, sizeof(first_use));
		sum = pm_ser_checksum(buf, len - sizeof(sum));
		memcpy(buf + len - sizeof(sum), &sum, sizeof(sum));
		m2 = pm_deserialize(buf, len, &err);
		ok(m2 == NULL && strstr(err.detail, "malformed") != NULL,
		   "crafted buffer whose pieces skip a use refused: %s", err.detail);
		pm_free(m2);
		first_use--;
		memcpy(buf + at, &first_use, sizeof(first_use));
	}

	/*
	 * A crafted buffer (checksum recomputed) whose "longest literal" field
	 * lies: refused before it sizes an allocation (it asked for 16 GB).
	 */
	{
		uint64_t	field = UINT64_C(0x7fffffff);
		uint64_t	sum;

		memcpy(buf + 8 + 8, &field, sizeof(field));
		sum = pm_ser_checksum(buf, len - sizeof(sum));
		memcpy(buf + len - sizeof(sum), &sum, sizeof(sum));
		m2 = pm_deserialize(buf, len, &err);
		ok(m2 == NULL && strstr(err.detail, "malformed") != NULL,
		   "crafted buffer with a false longest-literal length refused: %s", err.detail);
		pm_free(m2);
	}
	free(buf);
}

/* A fuzzy matcher built from the exact one finds what one built directly finds. */
static void
test_fuzzy_from_exact(const PmTerm *t, size_t n)
{
	PrecursorError err;
	PmMatcher  *exact = pm_build(t, n, 0, &err);
	PmMatcher  *fz = exact ? pm_build_fuzzy_from(exact, &err) : NULL;

	ok(fz != NULL && pm_term_count(fz) == pm_term_count(M),
	   "fuzzy matcher built from the exact one (%s)", fz ? "ok" : err.detail);
	if (fz != NULL)
		ok(same_as_built(fz), "built from the exact one: identical screen and lookup hits");
	pm_free(fz);
	pm_free(exact);
}

/*
 * A large list (PM_PIECES_APART_TERMS terms) keeps its fuzzy pieces in a
 * database of their own: built directly, built from the exact matcher, and
 * stored and loaded, it finds the same misspellings.
 */
static void
test_large_list(void)
{
	enum
	{
	NLARGE = 20000};
	static const char *const stems[] = {"methyl", "ethyl", "propyl", "chloro", "benzyl", "amino"};
	static const char *const tails[] = {"piperidine", "propanone", "glycidate", "acetamide"};
	PmTerm	   *t = calloc(NLARGE, sizeof(PmTerm));
	char	   *names = malloc((size_t) NLARGE * 64);
	PrecursorError err;
	PmMatcher  *direct,
			   *exact,
			   *from,
			   *loaded = NULL;
	PmMatcher  *save = M;
	char	   *buf = NULL;
	size_t		len = 0;
	size_t		i;
	const char *text = "Drums: 4-(2-chloroethyl)-3-methylpiperidne hydrochloride, 200 kg";
	Hits		a,
				b,
				c;

	for (i = 0; i < NLARGE; i++)
	{
		char	   *nm = names + i * 64;

		snprintf(nm, 64, "%zu-(%zu-%sethyl)-%zu-%s%s", i % 7 + 1, i / 7 % 5 + 2,
				 stems[i / 35 % 6], i / 210 % 9 + 1, stems[i / 1890 % 6], tails[i / 11340 % 4]);
		t[i].text = nm;
		t[i].len = strlen(nm);
		t[i].id = (uint32_t) i;
		t[i].kind = PM_TERM_SYNONYM;
	}
	direct = pm_build(t, NLARGE, PM_BUILD_FUZZY | PM_BUILD_NO_VARIANTS, &err);
	exact = pm_build(t, NLARGE, PM_BUILD_NO_VARIANTS, &err);
	from = exact ? pm_build_fuzzy_from(exact, &err) : NULL;
	if (from)
		buf = pm_serialize(from, &len, &err);
	if (buf)
		loaded = pm_deserialize(buf, len, &err);
	ok(direct && exact && from && loaded, "large list: built directly, from the exact matcher, stored and loaded (%s)",
	   loaded ? "ok" : err.detail);
	if (direct && from && loaded)
	{
		M = direct;
		screen(text, PM_SCAN_FUZZY, &a);
		M = from;
		screen(text, PM_SCAN_FUZZY, &b);
		M = loaded;
		screen(text, PM_SCAN_FUZZY, &c);
		ok(a.n > 0 && a.h[0].kind == PM_HIT_FUZZY && same_hits(&a, &b) && same_hits(&a, &c),
		   "large list: the same misspelling found by all three (%d, %d, %d hits)", a.n, b.n, c.n);
	}
	M = save;
	pm_free(direct);
	pm_free(exact);
	pm_free(from);
	pm_free(loaded);
	free(buf);
	free(names);
	free(t);
}

int
main(void)
{
	PrecursorError err;
	PmTerm		t[NTERMS];
	size_t		i;

	for (i = 0; i < NTERMS; i++)
	{
		t[i] = terms[i];
		t[i].len = strlen(terms[i].text);
	}
	M = pm_build(t, NTERMS, PM_BUILD_FUZZY, &err);
	ok(M != NULL, "build a matcher from %zu terms (%s)", NTERMS, M ? "ok" : err.detail);
	if (M == NULL)
		return tap_done();
	ok(pm_term_count(M) == NTERMS - 1, "blank term skipped");
	ok(strcmp(pm_hit_kind_name(PM_HIT_HOMOGLYPH), "homoglyph") == 0 &&
	   strcmp(pm_hit_kind_name(PM_HIT_CN), "cn") == 0, "kind names");
	{
		PmTerm		bad = {"ac\xff", 3, 1, PM_TERM_NAME};
		PmMatcher  *m2 = pm_build(&bad, 1, 0, &err);

		ok(m2 == NULL && err.detail[0] != '\0', "invalid UTF-8 term: build fails with a message");
	}
	{
		PmMatcher  *m0 = pm_build(NULL, 0, PM_BUILD_FUZZY, &err);
		Hits		hs;

		memset(&hs, 0, sizeof(hs));
		ok(m0 != NULL && pm_screen(m0, "CAS 103-79-7 acetone", 20, PM_SCAN_FUZZY,
								   collect, &hs, NULL, NULL) == PM_OK && hs.n == 1,
		   "empty term list: identifiers still found");
		pm_free(m0);
	}

	test_exact();
	test_shared_prefix();
	test_identifiers();
	test_negation();
	test_fuzzy();
	test_exact_first();
	test_fuzzy_suffix();
	test_fuzzy_long();
	test_lookup();
	test_windows();
	test_serialize();
	test_fuzzy_from_exact(t, NTERMS);
	test_large_list();
	pm_free(M);
	return tap_done();
}
