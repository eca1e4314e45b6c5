/*
 * test_text_cn.c
 *		The matcher on the EU Combined Nomenclature 2026, every description in
 *		its 24 languages (tests/fixtures/cn2026-*.tsv.gz), with the shipped
 *		terms (tests/fixtures/watchlist_terms.tsv) and misspellings on:
 *
 *	- every cue that the negation table says the CN uses occurs in the CN
 *	  descriptions of its language;
 *	- precision: a misspelling hit (fuzzy) in a description is false when the
 *	  English description of the same code does not name that chemical; at
 *	  most 1 description in 10,000 may have one;
 *	- negated-only descriptions: for every "Other" code beside codes that
 *	  name listed substances, the self-explanatory text a tariff database
 *	  builds from it ("<heading>; other than <sibling>, <sibling>, ...", each
 *	  sibling one item of the list, its own semicolons and full stops written
 *	  as commas) in
 *	  each language, with the cue the CN uses for "other than" and the one for
 *	  "excluding"; none may produce a hit that is not negated.
 *
 * Figures are printed as TAP comments; BENCHMARKS.md quotes them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher.h"
#include "matcher_int.h"
#include "normalize.h"
#include "tap.h"
#include "term_fixture.h"

#define NAMES "tests/fixtures/cn2026-names.tsv.gz"
#define CODES "tests/fixtures/cn2026-codes.tsv.gz"

static const char *const langs[] = {
	"en", "bg", "cs", "da", "de", "el", "es", "et", "fi", "fr", "ga", "hr",
	"hu", "it", "lt", "lv", "mt", "nl", "pl", "pt", "ro", "sk", "sl", "sv",
};
#define NLANG 24

/* The CN's words for "other than" and for "excluding", per language */
static const struct
{
	const char *other_than;
	const char *excluding;
	bool		post;			/* written after the list (hu, fi lukuun ottamatta) */
	bool		post2;
}			synth_cues[NLANG] = {
	{"other than", "excluding", false, false},
	{"различни от", "с изключение на", false, false},
	{"jiné než", "s výjimkou", false, false},
	{"undtagen", "bortset fra", false, false},
	{"ausgenommen", "andere als", false, false},
	{"άλλα από", "με εξαίρεση", false, false},
	{"excepto", "distintos de", false, false},
	{"v.a", "välja arvatud", false, false},
	{"muut kuin", "lukuun ottamatta", false, true},
	{"autres que", "à l'exclusion des", false, false},
	{"seachas", "gan", false, false},
	{"osim", "isključujući", false, false},
	{"kivételével", "kivételével", true, true},
	{"diversi da", "esclusi", false, false},
	{"išskyrus", "išskyrus", false, false},
	{"izņemot", "izņemot", false, false},
	{"għajr", "ħlief", false, false},
	{"andere dan", "met uitzondering van", false, false},
	{"inne niż", "z wyłączeniem", false, false},
	{"exceto", "excluindo", false, false},
	{"altele decât", "cu excepția", false, false},
	{"iné ako", "okrem", false, false},
	{"razen", "razen", false, false},
	{"andra än", "med undantag av", false, false},
};

static int
lang_index(const char *l)
{
	int			i;

	for (i = 0; i < NLANG; i++)
		if (strcmp(langs[i], l) == 0)
			return i;
	return -1;
}

/* One code of the nomenclature with its descriptions */
typedef struct Code
{
	char		key[24];		/* level:code */
	char		code[16];
	char		parent[16];
	char	   *name[NLANG];
	bool		is_other;		/* English description is just "Other" */
	unsigned char *en_groups;	/* chemical groups named in English (exact) */
} Code;

static Code *codes;
static int	ncodes;
static int	capcodes;

/* Shipped terms and their chemical groups */
static TermFixture F;

#define terms F.t
#define term_group F.group
#define nterms F.n
#define ngroups F.ngroups

static int
code_find(const char *key)
{
	int			i;

	/* codes are read in file order; a linear scan from the end is enough here */
	for (i = ncodes - 1; i >= 0; i--)
		if (strcmp(codes[i].key, key) == 0)
			return i;
	return -1;
}

static Code *
code_get(const char *key)
{
	int			i = code_find(key);

	if (i >= 0)
		return &codes[i];
	if (ncodes == capcodes)
	{
		capcodes = capcodes ? capcodes * 2 : 4096;
		codes = realloc(codes, sizeof(Code) * capcodes);
	}
	memset(&codes[ncodes], 0, sizeof(Code));
	snprintf(codes[ncodes].key, sizeof(codes[ncodes].key), "%s", key);
	return &codes[ncodes++];
}

static long ndesc;

static bool
load_cn(void)
{
	FILE	   *f = popen("gzip -dc " NAMES, "r");
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	char		prevkey[24] = "";
	Code	   *c = NULL;

	if (f == NULL)
		return false;
	while ((n = getline(&line, &cap, f)) > 0)
	{
		char	   *lv,
				   *code,
				   *lang,
				   *name;
		char		key[24];
		int			li;

		if (line[n - 1] == '\n')
			line[--n] = '\0';
		lv = strtok(line, "\t");
		code = strtok(NULL, "\t");
		lang = strtok(NULL, "\t");
		name = strtok(NULL, "");
		if (!lv || !code || !lang || !name || strcmp(lv, "level") == 0)
			continue;
		li = lang_index(lang);
		if (li < 0)
			continue;
		snprintf(key, sizeof(key), "%s:%s", lv, code);
		if (c == NULL || strcmp(prevkey, key) != 0)
		{
			c = code_get(key);
			snprintf(c->code, sizeof(c->code), "%s", code);
			snprintf(prevkey, sizeof(prevkey), "%s", key);
		}
		c->name[li] = strdup(name);
		ndesc++;
	}
	free(line);
	if (pclose(f) != 0)
		return false;
	f = popen("gzip -dc " CODES, "r");
	if (f == NULL)
		return false;
	line = NULL;
	cap = 0;
	while ((n = getline(&line, &cap, f)) > 0)
	{
		char	   *fld[8] = {0};
		char	   *p = line;
		int			k;
		char		key[24];

		if (line[n - 1] == '\n')
			line[--n] = '\0';
		for (k = 0; k < 8 && p; k++)
		{
			fld[k] = p;
			p = strchr(p, '\t');
			if (p)
				*p++ = '\0';
		}
		if (!fld[3] || strcmp(fld[0], "level") == 0)
			continue;
		snprintf(key, sizeof(key), "%s:%s", fld[0], fld[1]);
		k = code_find(key);
		if (k >= 0)
			snprintf(codes[k].parent, sizeof(codes[k].parent), "%s", fld[3]);
	}
	free(line);
	pclose(f);
	return ncodes > 0;
}

/* ------------------------------------------------------------------------ */

typedef struct Scan
{
	unsigned char *groups;		/* exact hits: groups named */
	int			fuzzy_false;	/* fuzzy hits of groups not in ref */
	const unsigned char *ref;
	int			positive;		/* hits not negated */
	char		first[256];
	const char *text;
} Scan;

static bool
scan_hit(const PmHit *h, void *arg)
{
	Scan	   *s = arg;
	int			g;

	if (h->kind == PM_HIT_CAS || h->kind == PM_HIT_EC || h->kind == PM_HIT_CN)
		return false;
	g = term_group[h->term_id];
	if (h->kind != PM_HIT_FUZZY && s->groups)
		s->groups[g] = 1;
	if (h->kind == PM_HIT_FUZZY && s->ref && !s->ref[g])
	{
		if (s->fuzzy_false++ == 0)
			snprintf(s->first, sizeof(s->first), "\"%.*s\" as \"%s\" (%s)",
					 (int) (h->end - h->start), s->text + h->start,
					 terms[h->term_id].text, h->edit);
	}
	if (!h->negated)
	{
		if (s->positive++ == 0 && !s->ref)
		{
			size_t		from = h->start > 160 ? h->start - 160 : 0;

			/* from a character start */
			while (from > 0 && ((unsigned char) s->text[from] & 0xC0) == 0x80)
				from--;
			snprintf(s->first, sizeof(s->first), "\"%.*s\" (%s) after \"...%.*s\"",
					 (int) (h->end - h->start), s->text + h->start,
					 pm_hit_kind_name(h->kind), (int) (h->start - from), s->text + from);
		}
	}
	return false;
}

static void
test_cues_in_cn(void)
{
	NormBuf		nb,
				nc;
	size_t		c;
	int			missing = 0;

	norm_buf_init(&nb);
	norm_buf_init(&nc);
	for (c = 1; c <= pm_negation_cue_count(); c++)
	{
		const char *phrase = pm_negation_cue_phrase((int) c);
		int			li = lang_index(pm_negation_cue_lang((int) c));
		char		pat[256];
		int			i;
		bool		found = false;

		if (!pm_negation_cue_in_cn((int) c) || li < 0)
			continue;
		normalize_text(phrase, strlen(phrase), &nc);
		snprintf(pat, sizeof(pat), " %s ", nc.text);
		for (i = 0; i < ncodes && !found; i++)
		{
			char		buf[8192];
			size_t		k;

			if (codes[i].name[li] == NULL)
				continue;
			normalize_text(codes[i].name[li], strlen(codes[i].name[li]), &nb);
			if (nb.len + 3 > sizeof(buf))
				continue;
			buf[0] = ' ';
			for (k = 0; k < nb.len; k++)
				buf[k + 1] = nb.text[k] == '|' ? ' ' : nb.text[k];
			buf[nb.len + 1] = ' ';
			buf[nb.len + 2] = '\0';
			found = strstr(buf, pat) != NULL;
		}
		if (!found)
		{
			printf("# cue \"%s\" (%s) does not occur in the CN\n", phrase, langs[li]);
			missing++;
		}
	}
	ok(missing == 0, "every cue marked as the CN's occurs in the CN descriptions of its language");
	norm_buf_free(&nb);
	norm_buf_free(&nc);
}

static void
test_precision(PmMatcher *m)
{
	int			i,
				li;
	long		false_desc = 0;
	long		fuzzy_desc = 0;
	Scan		s;

	/* what each code names in English, exactly */
	for (i = 0; i < ncodes; i++)
	{
		codes[i].en_groups = calloc(ngroups, 1);
		if (codes[i].name[0] == NULL)
			continue;
		memset(&s, 0, sizeof(s));
		s.groups = codes[i].en_groups;
		s.text = codes[i].name[0];
		pm_screen(m, s.text, strlen(s.text), 0, scan_hit, &s, NULL, NULL);
	}
	for (i = 0; i < ncodes; i++)
		for (li = 0; li < NLANG; li++)
		{
			if (codes[i].name[li] == NULL)
				continue;
			memset(&s, 0, sizeof(s));
			s.ref = codes[i].en_groups;
			s.text = codes[i].name[li];
			pm_screen(m, s.text, strlen(s.text), PM_SCAN_FUZZY, scan_hit, &s, NULL, NULL);
			if (s.fuzzy_false > 0)
			{
				false_desc++;
				printf("# false misspelling hit: %s %s: %s\n", codes[i].key, langs[li], s.first);
			}
		}
	(void) fuzzy_desc;
	printf("# precision: %ld of %ld CN descriptions (24 languages) have a false misspelling hit (%.2f per 10,000)\n",
		   false_desc, ndesc, ndesc ? 10000.0 * false_desc / ndesc : 0);
	ok(ndesc > 300000 && false_desc * 10000 <= ndesc,
	   "at most 1 in 10,000 CN descriptions gains a false misspelling hit (%ld of %ld)",
	   false_desc, ndesc);
}

/* "<parent>; <cue> <sib>, <sib>, ..." in language li, or with the cue after */
static bool
synth(int other, int li, bool second, char *out, size_t cap)
{
	const char *cue = second ? synth_cues[li].excluding : synth_cues[li].other_than;
	bool		post = second ? synth_cues[li].post2 : synth_cues[li].post;
	int			i;
	int			p = -1;
	size_t		used;
	bool		any = false;
	char		key[24];

	for (i = 0; i < ncodes; i++)
	{
		/* the parent: a heading, subheading or cn code with that code */
		if (strcmp(codes[i].code, codes[other].parent) == 0 && codes[i].name[li])
			p = i;
	}
	(void) key;
	if (p < 0)
		return false;
	used = (size_t) snprintf(out, cap, "%s; %s", codes[p].name[li], post ? "" : cue);
	for (i = 0; i < ncodes && used < cap; i++)
	{
		if (i == other || codes[i].is_other || strcmp(codes[i].parent, codes[other].parent) != 0 ||
			codes[i].name[li] == NULL)
			continue;
		{
			/* one item of the list: its own semicolons become commas */
			size_t		start = used;
			size_t		k;

			used += (size_t) snprintf(out + used, cap - used, "%s%s", any ? ", " : (post ? "" : " "),
									  codes[i].name[li]);
			for (k = start; k < used && k < cap; k++)
			{
				if (out[k] == ';' || (out[k] == '.' && k + 1 < used && out[k + 1] == ' '))
					out[k] = ',';
				/* Greek's semicolon, the ano teleia (U+0387, or U+00B7) */
				if (k + 1 < used && ((unsigned char) out[k] == 0xCE && (unsigned char) out[k + 1] == 0x87))
					out[k] = ',', out[k + 1] = ' ';
				if (k + 1 < used && ((unsigned char) out[k] == 0xC2 && (unsigned char) out[k + 1] == 0xB7))
					out[k] = ',', out[k + 1] = ' ';
			}
		}
		any = true;
	}
	if (post && used < cap)
		used += (size_t) snprintf(out + used, cap - used, " %s", cue);
	return any && used < cap;
}

static void
test_negated_only(PmMatcher *m)
{
	int			i,
				li,
				g;
	long		texts = 0,
				with_hit = 0,
				bad = 0;
	static char buf[65536];
	Scan		s;
	/* TEXT_CN_EMIT=file: write the texts for tests/integration/text_cn.sh */
	const char *emit_path = getenv("TEXT_CN_EMIT");
	FILE	   *emit = emit_path ? fopen(emit_path, "w") : NULL;

	for (i = 0; i < ncodes; i++)
		codes[i].is_other = codes[i].name[0] && strcasecmp(codes[i].name[0], "Other") == 0;
	for (i = 0; i < ncodes; i++)
	{
		bool		named = false;
		int			j;

		if (!codes[i].is_other || !codes[i].parent[0])
			continue;
		/* siblings that name a listed substance in English */
		for (j = 0; j < ncodes && !named; j++)
			if (j != i && strcmp(codes[j].parent, codes[i].parent) == 0)
				for (g = 0; g < ngroups; g++)
					if (codes[j].en_groups && codes[j].en_groups[g])
						named = true;
		if (!named)
			continue;
		for (li = 0; li < NLANG; li++)
		{
			int			second;

			for (second = 0; second < 2; second++)
			{
				if (!synth(i, li, second == 1, buf, sizeof(buf)))
					continue;
				if (emit)
					fprintf(emit, "%s\t%s\t%s\n", codes[i].key, langs[li], buf);
				memset(&s, 0, sizeof(s));
				s.groups = calloc(ngroups, 1);
				s.text = buf;
				pm_screen(m, buf, strlen(buf), PM_SCAN_FUZZY, scan_hit, &s, NULL, NULL);
				texts++;
				for (g = 0; g < ngroups; g++)
					if (s.groups[g])
						break;
				if (g < ngroups || s.positive)
					with_hit++;
				if (s.positive)
				{
					bad++;
					printf("# not negated: %s %s: %s\n", codes[i].key, langs[li], s.first);
					if (getenv("TEXT_CN_DEBUG"))
						printf("#   %s\n", buf);
				}
				free(s.groups);
			}
		}
	}
	if (emit)
		fclose(emit);
	printf("# negated-only: %ld self-explanatory \"other than\"/\"excluding\" texts (24 languages), "
		   "%ld with a mention, %ld with a hit that is not negated\n", texts, with_hit, bad);
	ok(texts > 1000 && with_hit * 3 > texts && bad == 0,
	   "no negated-only CN text produces a hit that is not negated (%ld of %ld)", bad, texts);
}

int
main(void)
{
	PrecursorError err;
	PmMatcher  *m;

	if (!term_fixture_load(&F) || !load_cn())
	{
		ok(false, "cannot read the fixtures (%s, %s, %s)", TERM_FIXTURE, NAMES, CODES);
		return tap_done();
	}
	m = pm_build(terms, nterms, PM_BUILD_FUZZY, &err);
	ok(m != NULL, "%d shipped terms compile", nterms);
	if (m == NULL)
		return tap_done();
	test_cues_in_cn();
	test_precision(m);
	test_negated_only(m);
	pm_free(m);
	return tap_done();
}
