/*
 * test_text.c
 *		Free text as declarants write it (TAP, no server): negation scope over
 *		coordinated lists in the CN's languages, misspellings caught and real
 *		words left alone, and the generated typo suite over every shipped term
 *		(tests/fixtures/watchlist_terms.tsv) with a fixed seed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher.h"
#include "normalize.h"
#include "tap.h"
#include "term_fixture.h"

enum
{
	T_EPHEDRINE = 1,
	T_PSEUDO,
	T_NOREPHEDRINE,
	T_ISOSAFROLE,
	T_PIPERONAL,
	T_SAFROLE,
	T_PAA,
	T_ACETONE,
	T_TOLUENE,
	T_SULFURIC,
	T_RED_P,
	T_P2P,
	T_ANPP,
	T_ANHYDRIDE,
	T_PERMANGANATE,
	T_PHENYLACETONE
};

static const PmTerm terms[] = {
	{"ephedrine", 0, T_EPHEDRINE, PM_TERM_NAME},
	{"Ephedrin", 0, T_EPHEDRINE, PM_TERM_SYNONYM},
	{"efedrina", 0, T_EPHEDRINE, PM_TERM_SYNONYM},
	{"pseudoephedrine", 0, T_PSEUDO, PM_TERM_NAME},
	{"Pseudoephedrin", 0, T_PSEUDO, PM_TERM_SYNONYM},
	{"norephedrine", 0, T_NOREPHEDRINE, PM_TERM_NAME},
	{"isosafrole", 0, T_ISOSAFROLE, PM_TERM_NAME},
	{"piperonal", 0, T_PIPERONAL, PM_TERM_NAME},
	{"safrole", 0, T_SAFROLE, PM_TERM_NAME},
	{"phenylacetic acid", 0, T_PAA, PM_TERM_NAME},
	{"acetone", 0, T_ACETONE, PM_TERM_NAME},
	{"toluene", 0, T_TOLUENE, PM_TERM_NAME},
	{"sulphuric acid", 0, T_SULFURIC, PM_TERM_NAME},
	{"red phosphorus", 0, T_RED_P, PM_TERM_NAME},
	{"1-phenyl-2-propanone", 0, T_P2P, PM_TERM_NAME},
	{"4-anilino-N-phenethylpiperidine", 0, T_ANPP, PM_TERM_NAME},
	{"acetic anhydride", 0, T_ANHYDRIDE, PM_TERM_NAME},
	{"potassium permanganate", 0, T_PERMANGANATE, PM_TERM_NAME},
	{"phenylacetone", 0, T_PHENYLACETONE, PM_TERM_SYNONYM},
};

#define MAXHITS 64
typedef struct Hits
{
	int			n;
	PmHit		h[MAXHITS];
} Hits;

static bool
collect(const PmHit *hit, void *arg)
{
	Hits	   *hs = arg;

	if (hs->n < MAXHITS)
		hs->h[hs->n++] = *hit;
	return false;
}

static PmMatcher *M;

static void
screen(const char *text, uint32_t flags, Hits *out)
{
	memset(out, 0, sizeof(*out));
	if (pm_screen(M, text, strlen(text), flags, collect, out, NULL, NULL) != PM_OK)
		out->n = -1;
}

static const PmHit *
hit_of(const Hits *hs, uint32_t term)
{
	int			i;

	for (i = 0; i < hs->n; i++)
		if (hs->h[i].term_id == term)
			return &hs->h[i];
	return NULL;
}

/* Every hit of the listed terms is there and negated by cue (NULL: any) */
static bool
all_negated(const char *text, const uint32_t *want, int nwant, const char *cue)
{
	Hits		hs;
	int			i;
	bool		good = true;

	screen(text, PM_SCAN_FUZZY, &hs);
	for (i = 0; i < nwant; i++)
	{
		const PmHit *h = hit_of(&hs, want[i]);

		if (h == NULL || !h->negated ||
			(cue && strcmp(pm_negation_cue_phrase(h->neg_cue), cue) != 0))
		{
			fprintf(stderr, "#   term %u in \"%s\": %s%s\n", want[i], text,
					h == NULL ? "no hit" : h->negated ? "cue " : "not negated",
					h && h->negated ? pm_negation_cue_phrase(h->neg_cue) : "");
			good = false;
		}
	}
	return good;
}

static bool
is_negated(const char *text, uint32_t term, bool want)
{
	Hits		hs;
	const PmHit *h;

	screen(text, PM_SCAN_FUZZY, &hs);
	h = hit_of(&hs, term);
	if (h == NULL || h->negated != want)
	{
		fprintf(stderr, "#   term %u in \"%s\": %s\n", term, text,
				h == NULL ? "no hit" : h->negated ? "negated" : "not negated");
		return false;
	}
	return true;
}

static void
test_negation_lists(void)
{
	static const uint32_t eph3[] = {T_EPHEDRINE, T_PSEUDO, T_NOREPHEDRINE};
	static const uint32_t safr[] = {T_ISOSAFROLE, T_PIPERONAL, T_SAFROLE};

	ok(all_negated("Medicaments; containing alkaloids or their derivatives; other than ephedrine, "
				   "pseudoephedrine (INN) or norephedrine or their salts", eph3, 3, "other than"),
	   "other than X, Y (INN) or Z or their salts: all three negated by \"other than\"");
	ok(all_negated("Heterocyclic compounds with oxygen hetero-atom(s) only, other than isosafrole, "
				   "1-(1,3-benzodioxol-5-yl)propan-2-one, piperonal, safrole, tetrahydrocannabinols",
				   safr, 3, "other than"),
	   "other than isosafrole, ..., piperonal, safrole, ...: all negated");
	ok(is_negated("Other, excluding phenylacetic acid and its salts", T_PAA, true),
	   "excluding phenylacetic acid and its salts");
	ok(all_negated("solvents excluding acetone and/or toluene", (const uint32_t[]) {T_ACETONE, T_TOLUENE}, 2, "excluding"),
	   "excluding acetone and/or toluene");
	ok(is_negated("Medicaments, excluding those containing ephedrine", T_EPHEDRINE, true),
	   "excluding those containing ephedrine: still negated");
	ok(is_negated("Other than piperonal, contains safrole", T_SAFROLE, false),
	   "other than piperonal, contains safrole: safrole is named");
	ok(is_negated("Other than ephedrine; toluene 200 l", T_TOLUENE, false),
	   "a semicolon ends the clause");
	ok(is_negated("Mixtures other than acetone. Toluene, 200 l", T_TOLUENE, false),
	   "a full stop ends the clause");
	ok(is_negated("without acetone but with toluene", T_TOLUENE, false),
	   "a contrast word ends the scope");
	ok(is_negated("Salts, whether or not containing toluene", T_TOLUENE, false),
	   "whether or not: no negation");
	ok(is_negated("with or without toluene", T_TOLUENE, false),
	   "with or without: no negation");
	ok(is_negated("no toluene but acetone", T_ACETONE, false) &&
	   is_negated("no toluene but acetone", T_TOLUENE, true),
	   "near cue: no toluene but acetone");
	ok(is_negated("CAS no. 64-17-5, toluene", T_TOLUENE, false),
	   "'no' as a number sign still is no negation");
}

static void
test_negation_languages(void)
{
	static const struct
	{
		const char *text;
		const char *cue;
	}			cases[] = {
		/* the CN's own words for "other than" / "excluding" / "without" */
		{"Lékařské přípravky, jiné než ephedrine, pseudoephedrine nebo norephedrine", "jiné než"},
		{"Arzneiwaren, ausgenommen Ephedrin, Pseudoephedrin oder norephedrine", "ausgenommen"},
		{"Médicaments, autres que ephedrine, pseudoephedrine ou norephedrine", "autres que"},
		{"Medicamentos, excepto ephedrine, pseudoephedrine o norephedrine", "excepto"},
		{"Medicinali, diversi da efedrina, pseudoephedrine o norephedrine", "diversi da"},
		{"Leki, inne niż ephedrine, pseudoephedrine lub norephedrine", "inne niż"},
		{"Geneesmiddelen, andere dan ephedrine, pseudoephedrine of norephedrine", "andere dan"},
		{"Läkemedel, andra än ephedrine, pseudoephedrine eller norephedrine", "andra än"},
		{"Lægemidler, undtagen ephedrine, pseudoephedrine eller norephedrine", "undtagen"},
		{"Lääkkeet, muut kuin ephedrine, pseudoephedrine tai norephedrine", "muut kuin"},
		{"Ravimid, v.a ephedrine, pseudoephedrine või norephedrine", "v.a"},
		{"Lieky, iné ako ephedrine, pseudoephedrine alebo norephedrine", "iné ako"},
		{"Zdravila, razen ephedrine, pseudoephedrine ali norephedrine", "razen"},
		{"Lijekovi, osim ephedrine, pseudoephedrine ili norephedrine", "osim"},
		{"Vaistai, išskyrus ephedrine, pseudoephedrine arba norephedrine", "išskyrus"},
		{"Zāles, izņemot ephedrine, pseudoephedrine vai norephedrine", "izņemot"},
		{"Medicamentos, exceto ephedrine, pseudoephedrine ou norephedrine", "exceto"},
		{"Medicamente, altele decât ephedrine, pseudoephedrine sau norephedrine", "altele decât"},
		{"Лекарствени средства, различни от ephedrine, pseudoephedrine или norephedrine", "различни от"},
		{"Φάρμακα, άλλα από ephedrine, pseudoephedrine ή norephedrine", "άλλα από"},
		{"Mediċini, għajr ephedrine, pseudoephedrine jew norephedrine", "għajr"},
		{"Cógais, seachas ephedrine, pseudoephedrine nó norephedrine", "seachas"},
		{"Gyógyszerek, ephedrine, pseudoephedrine vagy norephedrine kivételével", "kivételével"},
		{"Lääkkeet, ephedrine, pseudoephedrine tai norephedrine lukuun ottamatta", "lukuun ottamatta"},
	};
	static const uint32_t eph3[] = {T_EPHEDRINE, T_PSEUDO, T_NOREPHEDRINE};
	size_t		i;

	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ok(all_negated(cases[i].text, eph3, 3, cases[i].cue),
		   "list negated by \"%s\"", cases[i].cue);
	ok(is_negated("Salze, auch mit Toluol oder nicht, toluene", T_TOLUENE, false),
	   "German: 'oder nicht' is no negation");
	ok(is_negated("Soli, neovisno jesu li ili ne toluene", T_TOLUENE, false),
	   "Croatian: 'ili ne' (whether or not) is no negation");
	ok(is_negated("Amestecuri, cu sau fără toluene", T_TOLUENE, false),
	   "Romanian: 'cu sau fără' (with or without) is no negation");
}

static void
test_misspellings(void)
{
	Hits		hs;
	const PmHit *h;
	int			i;
	static const struct
	{
		const char *text;
		uint32_t	term;
		const char *edit;
	}			found[] = {
		{"acetic anhydrde, 200 l", T_ANHYDRIDE, "deletion: \"anhydrde\" for \"anhydride\""},
		{"acetic anhidride", T_ANHYDRIDE, "substitution: \"anhidride\" for \"anhydride\""},
		{"potasium permanganate", T_PERMANGANATE, "deletion: \"potasium\" for \"potassium\""},
		{"1-phenyl-2-propanrne", T_P2P, "substitution: \"propanrne\" for \"propanone\""},
		{"4-anilino-N-phenethylpipreidine", T_ANPP, "transposition: \"phenethylpipreidine\" for \"phenethylpiperidine\""},
		{"pseudoehpedrine tablets", T_PSEUDO, "transposition: \"pseudoehpedrine\" for \"pseudoephedrine\""},
		{"phenylacetic aicd", T_PAA, "transposition: \"aicd\" for \"acid\""},
		{"sulphuric acdi", T_SULFURIC, "transposition: \"acdi\" for \"acid\""},
	};
	static const char *const real_words[] = {
		"sulphonic acid", "toluidine", "phosphoric acid", "and phosphorus",
		"red phosphoric", "acetic anhydrite", "phenylacetic aid",
	};

	for (i = 0; i < (int) (sizeof(found) / sizeof(found[0])); i++)
	{
		screen(found[i].text, PM_SCAN_FUZZY, &hs);
		h = hit_of(&hs, found[i].term);
		ok(h && h->kind == PM_HIT_FUZZY && h->score < 0.95f &&
		   strcmp(h->edit, found[i].edit) == 0,
		   "%s: fuzzy, edit %s", found[i].text, h ? h->edit : "(no hit)");
	}
	for (i = 0; i < (int) (sizeof(real_words) / sizeof(real_words[0])); i++)
	{
		int			j,
					fuzzy = 0;

		screen(real_words[i], PM_SCAN_FUZZY, &hs);
		for (j = 0; j < hs.n; j++)
			fuzzy += hs.h[j].kind == PM_HIT_FUZZY;
		ok(fuzzy == 0, "a real word is no misspelling: \"%s\"", real_words[i]);
	}
	screen("acetic anhydrde-4-yl", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 0, "a near-name followed by a locant and a suffix is part of a larger name");
	screen("1-phenyl-1-propanone", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 0, "a changed locant is another chemical, not a typo");
	screen("acetone", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 1 && hs.h[0].kind == PM_HIT_NAME && hs.h[0].edit[0] == '\0',
	   "exact hits have no edit");
	screen("acetonr, toluenr", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 0, "terms under 8 letters are never fuzzy");
	screen("phenylacetone", PM_SCAN_FUZZY, &hs);
	ok(hs.n == 1 && hs.h[0].kind != PM_HIT_FUZZY, "exact beats fuzzy");
}

/* ------------------------------------------------------------------------
 * The generated typo suite
 * ------------------------------------------------------------------------
 */

static TermFixture F;

static uint64_t rng = 20261201;	/* fixed seed: the same typos every run */

static uint32_t
rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t) (rng % n);
}

static inline bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char
other_letter(char c)
{
	char		r;

	do
		r = (char) ('a' + rnd(26));
	while (r == c || r == c + 32);
	return r;
}

/* Apply edit kind (0 sub, 1 ins, 2 del, 3 transposition) at i; false if n/a */
static bool
make_typo(const char *src, size_t len, int kind, size_t i, char *out)
{
	if (i >= len || !is_letter(src[i]))
		return false;
	switch (kind)
	{
		case 0:
			memcpy(out, src, len + 1);
			out[i] = other_letter(src[i]);
			return true;
		case 1:
			memcpy(out, src, i);
			out[i] = (char) ('a' + rnd(26));
			memcpy(out + i + 1, src + i, len - i + 1);
			return true;
		case 2:
			memcpy(out, src, i);
			memcpy(out + i, src + i + 1, len - i);
			return true;
		case 3:
			if (i + 1 >= len || !is_letter(src[i + 1]) || src[i] == src[i + 1])
				return false;
			memcpy(out, src, len + 1);
			out[i] = src[i + 1];
			out[i + 1] = src[i];
			return true;
	}
	return false;
}

typedef struct Probe
{
	int			group;
	bool		found;
} Probe;

static bool
probe_hit(const PmHit *hit, void *arg)
{
	Probe	   *p = arg;

	if (!hit->negated && hit->term_id < (uint32_t) F.n &&
		hit->kind != PM_HIT_CAS && hit->kind != PM_HIT_EC && hit->kind != PM_HIT_CN &&
		F.group[hit->term_id] == p->group)
		p->found = true;
	return false;
}

/* Is the typo found, written inside an ordinary goods line? */
static bool
typo_found(PmMatcher *m, const char *typo, int group)
{
	char		text[1024];
	Probe		p = {group, false};

	snprintf(text, sizeof(text), "Drums: %s, 200 kg net", typo);
	pm_screen(m, text, strlen(text), PM_SCAN_FUZZY, probe_hit, &p, NULL, NULL);
	return p.found;
}

static void
test_typo_suite(void)
{
	PrecursorError err;
	PmMatcher  *m;
	NormBuf		nb;
	int			i;
	int			kind;
	long		tried[4] = {0},
				hit[4] = {0};
	long		tried2 = 0,
				hit2 = 0;
	long		tot = 0,
				got = 0;
	static const char *const kinds[] = {"substitution", "insertion", "deletion", "transposition"};
	int			fails_shown = 0;

	if (!term_fixture_load(&F))
	{
		ok(false, "typo suite: cannot read %s", TERM_FIXTURE);
		return;
	}
	m = pm_build(F.t, F.n, PM_BUILD_FUZZY, &err);
	ok(m != NULL, "typo suite: %d shipped terms compile", F.n);
	if (m == NULL)
		return;
	norm_buf_init(&nb);
	for (i = 0; i < F.n; i++)
	{
		const PmTerm *t = &F.t[i];
		char		typo[1024];
		size_t		pos;

		if (t->kind == PM_TERM_ABBREVIATION || t->len > 900)
			continue;
		if (normalize_text(t->text, t->len, &nb) != NORM_OK)
			continue;
		if (pm_fuzzy_letters(nb.text, nb.len) < 8)
			continue;
		/* every edit kind at every letter of the term */
		for (pos = 0; pos < t->len; pos++)
			for (kind = 0; kind < 4; kind++)
			{
				if (!make_typo(t->text, t->len, kind, pos, typo))
					continue;
				tried[kind]++;
				if (typo_found(m, typo, F.group[i]))
					hit[kind]++;
				else if (fails_shown++ < 25)
					printf("# missed %s of \"%s\": \"%s\"\n", kinds[kind], t->text, typo);
			}
		/* two random edits from 16 letters */
		if (pm_fuzzy_letters(nb.text, nb.len) >= 16)
		{
			int			r;

			for (r = 0; r < 20; r++)
			{
				char		one[1024];
				int			k1 = (int) rnd(4),
							k2 = (int) rnd(4);
				size_t		p1 = rnd((uint32_t) t->len),
							p2;

				if (!make_typo(t->text, t->len, k1, p1, one))
					continue;
				p2 = rnd((uint32_t) strlen(one));
				if ((p2 > p1 ? p2 - p1 : p1 - p2) < 3 ||
					!make_typo(one, strlen(one), k2, p2, typo))
					continue;
				tried2++;
				if (typo_found(m, typo, F.group[i]))
					hit2++;
			}
		}
	}
	for (kind = 0; kind < 4; kind++)
	{
		tot += tried[kind];
		got += hit[kind];
		printf("# typo suite: %-13s %6ld of %6ld found (%.1f%%)\n", kinds[kind],
			   hit[kind], tried[kind], tried[kind] ? 100.0 * hit[kind] / tried[kind] : 0);
	}
	printf("# typo suite: single edits    %6ld of %6ld found (%.2f%%)\n", got, tot,
		   tot ? 100.0 * got / tot : 0);
	printf("# typo suite: two edits (>=16 letters) %ld of %ld found (%.2f%%)\n", hit2, tried2,
		   tried2 ? 100.0 * hit2 / tried2 : 0);
	ok(tot > 10000 && got * 100 >= tot * 95,
	   "typo suite: >= 95%% of single-edit typos of terms of 8+ letters found (%.2f%%)",
	   tot ? 100.0 * got / tot : 0);
	ok(tried2 > 500 && hit2 * 100 >= tried2 * 80,
	   "typo suite: two-edit typos of terms of 16+ letters mostly found (%.2f%%)",
	   tried2 ? 100.0 * hit2 / tried2 : 0);
	norm_buf_free(&nb);
	pm_free(m);
}

int
main(void)
{
	PrecursorError err;
	static PmTerm t[sizeof(terms) / sizeof(terms[0])];
	size_t		i;

	for (i = 0; i < sizeof(terms) / sizeof(terms[0]); i++)
	{
		t[i] = terms[i];
		t[i].len = strlen(t[i].text);
	}
	M = pm_build(t, sizeof(terms) / sizeof(terms[0]), PM_BUILD_FUZZY, &err);
	if (M == NULL)
	{
		ok(false, "build: %s", err.detail);
		return tap_done();
	}
	test_negation_lists();
	test_negation_languages();
	test_misspellings();
	test_typo_suite();
	pm_free(M);
	return tap_done();
}
