/*
 * matcher_bench.c
 *		Benchmark of the core matching engine alone (no PostgreSQL): build
 *		matchers from 1k, 10k and 100k terms and screen about a million
 *		generated ~100-byte declaration lines with each, exact and fuzzy.
 *
 *	 matcher_bench FIXTURE.tsv [LINES]
 *
 * Terms: the distinct names of tests/fixtures/chemical-identifiers.tsv
 * (columns 8 and after), shuffled, topped up to 100k with generated
 * variants (salt and stereo forms of real names).  The first 1k terms are in
 * all three sets, and the planted mentions come from them, so the three
 * runs find the same substances and differ only in the size of the list.
 * Run by bench/matcher_bench.sh, which builds it against the core sources.
 *
 * BENCH_TERMS=terms.tsv BENCH_CORPUS=corpus.tsv: instead, the shipped terms
 * (tests/fixtures/watchlist_terms.tsv: id, kind, term) against the server
 * benchmark's corpus (bench/corpus/generate.py: the text in column 5), the
 * core's share of precursor.matches() on the shipped lists.
 *
 * BENCH_POLLUTE=KB: write that much other memory after every line, so that
 * the tables are as cold as in a server between rows (see pollute()).
 * BENCH_MATCHES=1: screen the shipped terms as precursor.matches() does
 * (see screen_line()).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "matcher.h"

static uint64_t rng_state = 0x9E3779B97F4A7C15ULL;

static uint32_t
rnd(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return (uint32_t) (rng_state >> 11);
}

/*
 * The fuzzy matcher as the server builds it: from the exact one
 * (pm_build_fuzzy_from); BENCH_FUZZY_DIRECT=1 builds it from the terms.
 */
static PmMatcher *
build_fuzzy(const PmTerm *pt, size_t n, uint32_t flags, const PmMatcher *exact,
			PrecursorError *err)
{
	if (getenv("BENCH_FUZZY_DIRECT"))
		return pm_build(pt, n, PM_BUILD_FUZZY | flags, err);
	return pm_build_fuzzy_from(exact, err);
}

/*
 * BENCH_POLLUTE=KB: write KB kilobytes of other memory after each line, as
 * a server does between rows (executor, buffers, other backends), so that
 * the matcher's tables are no longer all in the caches.  The same writes
 * follow every line of both scans, so the fuzzy/exact difference shows
 * what misspellings cost with colder caches.
 */
static char *pollute_buf;
static size_t pollute_len;

static void
pollute(size_t line)
{
	if (pollute_len == 0)
	{
		const char *e = getenv("BENCH_POLLUTE");

		if (e == NULL || atol(e) <= 0)
			return;
		pollute_len = (size_t) atol(e) * 1024;
		pollute_buf = malloc(pollute_len);
		if (pollute_buf == NULL)
		{
			pollute_len = 0;
			return;
		}
	}
	if (pollute_buf != NULL)
		memset(pollute_buf, (int) (line & 0xFF), pollute_len);
}

/* BENCH_CPU=1: the process's CPU time instead of the wall clock (steadier on a shared machine) */
static clockid_t bench_clock = CLOCK_MONOTONIC;

static double
now_ns(void)
{
	struct timespec ts;

	clock_gettime(bench_clock, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

typedef struct StrVec
{
	char	  **v;
	size_t		n,
				cap;
} StrVec;

static void
push(StrVec *s, char *x)
{
	if (s->n == s->cap)
	{
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = realloc(s->v, s->cap * sizeof(char *));
		if (!s->v)
			abort();
	}
	s->v[s->n++] = x;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *) a, *(char *const *) b);
}

static StrVec
load_names(const char *path)
{
	FILE	   *f = fopen(path, "r");
	StrVec		all = {0};
	StrVec		uniq = {0};
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;
	size_t		i;

	if (!f)
	{
		perror(path);
		exit(1);
	}
	while ((n = getline(&line, &cap, f)) > 0)
	{
		char	   *p = line;
		int			col = 1;

		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		while (p)
		{
			char	   *tab = strchr(p, '\t');

			if (tab)
				*tab = '\0';
			if (col >= 8 && *p && strlen(p) >= 3)
				push(&all, strdup(p));
			p = tab ? tab + 1 : NULL;
			col++;
		}
	}
	free(line);
	fclose(f);
	/* distinct, case-insensitively enough for a benchmark */
	for (i = 0; i < all.n; i++)
	{
		char	   *c;

		for (c = all.v[i]; *c; c++)
			if (*c >= 'A' && *c <= 'Z')
				*c += 32;
	}
	qsort(all.v, all.n, sizeof(char *), cmpstr);
	for (i = 0; i < all.n; i++)
		if (i == 0 || strcmp(all.v[i], all.v[i - 1]) != 0)
			push(&uniq, all.v[i]);
	/* deterministic shuffle */
	for (i = uniq.n; i > 1; i--)
	{
		size_t		j = rnd() % i;
		char	   *t = uniq.v[i - 1];

		uniq.v[i - 1] = uniq.v[j];
		uniq.v[j] = t;
	}
	return uniq;
}

static const char *fillers[] = {
	"Invoice 2024/118:", "Lieferschein Nr. 4471,", "Facture n 5532 :", "Factura 99812 -",
	"Pakbon 7781,", "Faktura 12/2024", "Fattura 3321,", "Order ref. PO-88231",
	"200 kg", "25 l drums", "1 pallet", "4 x 20 kg bags", "3 IBC containers", "500 g",
	"sodium chloride", "calcium carbonate", "polyethylene granules", "cotton fabric",
	"stainless steel screws", "printer paper A4", "Natriumchlorid", "Kunststoffteile",
	"pieces de rechange", "papel de impresora", "machine parts", "ceramic tiles",
	"HS 3923 10", "net weight 1200 kg", "gross 1320 kg", "origin: CN", "made in EU",
	"batch 20240315", "shipped via Rotterdam", "per contract 55/AB", "Verpackung: Kisten",
	"emballage carton", "embalaje de madera", "verpakking: pallets", "opakowanie: worki",
	"imballaggio: sacchi", "for industrial use", "samples, no commercial value",
	"paint thinner", "cleaning agent", "laboratory glassware", "spare parts for pumps",
};
#define NFILL (sizeof(fillers) / sizeof(fillers[0]))

/* one ~100-byte line; sometimes with a planted term (obfuscated at times) */
static size_t
gen_line(char *out, size_t cap, StrVec *plant, int *planted)
{
	size_t		len = 0;

	*planted = 0;
	while (len < 90)
	{
		const char *f = fillers[rnd() % NFILL];
		size_t		fl = strlen(f);

		if (len + fl + 2 >= cap)
			break;
		if (len)
			out[len++] = ' ';
		memcpy(out + len, f, fl);
		len += fl;
		if (!*planted && rnd() % 100 < 1)
		{
			const char *t = plant->v[rnd() % plant->n];
			size_t		tl = strlen(t);
			int			how = rnd() % 4;

			if (len + tl + 4 >= cap)
				continue;
			out[len++] = ' ';
			memcpy(out + len, t, tl);
			if (how == 1)		/* upper case */
			{
				size_t		i;

				for (i = 0; i < tl; i++)
					if (out[len + i] >= 'a' && out[len + i] <= 'z')
						out[len + i] -= 32;
			}
			else if (how == 2 && tl > 10)	/* one typo */
				out[len + tl / 2] = out[len + tl / 2] == 'x' ? 'y' : 'x';
			len += tl;
			*planted = 1;
		}
	}
	out[len] = '\0';
	return len;
}

/* Hits are counted and folded into a checksum, so that two builds of the
 * engine can be compared for identical results, not just equal counts. */
typedef struct HitSum
{
	size_t		n;
	uint64_t	sum;
} HitSum;

static bool
count_cb(const PmHit *h, void *arg)
{
	HitSum	   *hs = arg;
	uint64_t	v[7] = {h->term_id, h->start, h->end, (uint64_t) h->kind,
		(uint64_t) h->distance, h->negated, h->form.flags};
	int			i;

	hs->n++;
	for (i = 0; i < 7; i++)
		hs->sum = (hs->sum ^ v[i]) * UINT64_C(0x100000001B3);
	return false;
}

/*
 * BENCH_MATCHES=1: the scans of precursor.matches() (matching_hits.c): late
 * context, exact hits first, stopping at the first hit that is not negated
 * and names a term (the server also accepts an identifier of a listed
 * substance, which the core cannot tell).  The checksum then covers the
 * stopping hits only.
 */
typedef struct MatchesArg
{
	const PmMatcher *m;
	HitSum	   *sum;
} MatchesArg;

static bool
matches_cb(const PmHit *h, void *arg)
{
	MatchesArg *ma = arg;

	if (h->kind == PM_HIT_CAS || h->kind == PM_HIT_EC || h->kind == PM_HIT_CN ||
		h->kind == PM_HIT_INCHIKEY || pm_hit_negation_cue(ma->m, h) != 0)
		return false;
	count_cb(h, ma->sum);
	return true;
}

/* One line screened as the benchmark's mode asks. */
static void
screen_line(PmMatcher *m, const char *text, size_t len, bool fuzzy, HitSum *sum)
{
	static int	as_matches = -1;

	if (as_matches < 0)
		as_matches = getenv("BENCH_MATCHES") != NULL;
	if (as_matches)
	{
		MatchesArg	ma = {m, sum};

		pm_screen(m, text, len,
				  PM_SCAN_LATE_CONTEXT | PM_SCAN_EXACT_FIRST | (fuzzy ? PM_SCAN_FUZZY : 0),
				  matches_cb, &ma, NULL, NULL);
	}
	else
		pm_screen(m, text, len, fuzzy ? PM_SCAN_FUZZY : 0, count_cb, sum, NULL, NULL);
}

/* Lines of a file, the text after the fourth tab of each if tabs is set. */
static StrVec
load_lines(const char *path, bool tabs)
{
	FILE	   *f = fopen(path, "r");
	StrVec		v = {0};
	char	   *line = NULL;
	size_t		cap = 0;
	ssize_t		n;

	if (!f)
	{
		perror(path);
		exit(1);
	}
	while ((n = getline(&line, &cap, f)) > 0)
	{
		char	   *p = line;
		int			i;

		if (line[n - 1] == '\n')
			line[n - 1] = '\0';
		for (i = 0; tabs && i < 4 && p; i++)
		{
			p = strchr(p, '\t');
			if (p)
				p++;
		}
		if (p)
			push(&v, strdup(p));
	}
	free(line);
	fclose(f);
	return v;
}

/* BENCH_TERMS / BENCH_CORPUS: shipped terms against the server corpus */
static int
bench_shipped(const char *terms_path, const char *corpus_path, size_t nlines)
{
	StrVec		rows = load_lines(terms_path, false);
	StrVec		lines = load_lines(corpus_path, true);
	PmTerm	   *pt = calloc(rows.n, sizeof(PmTerm));
	size_t		nt = 0,
				i;
	PmMatcher  *me,
			   *mf;
	PrecursorError err;
	double		t0,
				t1,
				t2,
				t3,
				t4;
	HitSum		hits = {0, 0},
				fhits = {0, 0};

	for (i = 0; i < rows.n; i++)
	{
		char	   *kind = strchr(rows.v[i], '\t');
		char	   *text = kind ? strchr(kind + 1, '\t') : NULL;

		if (!text)
			continue;
		pt[nt].id = (uint32_t) strtoul(rows.v[i], NULL, 10);
		pt[nt].kind = strncmp(kind + 1, "abbreviation", 12) == 0 ? PM_TERM_ABBREVIATION :
			strncmp(kind + 1, "name", 4) == 0 ? PM_TERM_NAME : PM_TERM_SYNONYM;
		pt[nt].text = text + 1;
		pt[nt].len = strlen(text + 1);
		nt++;
	}
	if (nlines > lines.n)
		nlines = lines.n;
	t0 = now_ns();
	me = pm_build(pt, nt, 0, &err);
	t1 = now_ns();
	mf = me ? build_fuzzy(pt, nt, 0, me, &err) : NULL;
	t2 = now_ns();
	if (!me || !mf)
	{
		fprintf(stderr, "build failed: %s\n", err.detail);
		return 1;
	}
	for (i = 0; i < nlines; i++)
	{
		screen_line(me, lines.v[i], strlen(lines.v[i]), false, &hits);
		pollute(i);
	}
	t3 = now_ns();
	for (i = 0; i < nlines; i++)
	{
		screen_line(mf, lines.v[i], strlen(lines.v[i]), true, &fhits);
		pollute(i);
	}
	t4 = now_ns();
	printf("%zu terms, %zu lines: build %.0f / %.0f ms; exact %.0f ns/line, fuzzy %.0f ns/line; "
		   "hits %zu / %zu, checksums %04x/%04x\n", nt, nlines, (t1 - t0) / 1e6, (t2 - t1) / 1e6,
		   (t3 - t2) / nlines, (t4 - t3) / nlines, hits.n, fhits.n,
		   (unsigned) (hits.sum & 0xFFFF), (unsigned) (fhits.sum & 0xFFFF));
	return 0;
}

int
main(int argc, char **argv)
{
	StrVec		names;
	StrVec		terms = {0};
	size_t		nlines = argc > 2 ? strtoul(argv[2], NULL, 10) : 1000000;
	/* NO_VARIANTS=1: terms as written only, for before/after comparisons */
	uint32_t	vflags = getenv("NO_VARIANTS") ? PM_BUILD_NO_VARIANTS : 0;
	size_t		sizes[] = {1000, 10000, 100000};
	int			nsizes = getenv("BENCH_SIZES") ? atoi(getenv("BENCH_SIZES")) : 3;
	static const char *salts[] = {" hydrochloride", " sulfate", " tartrate", " citrate", " maleate"};
	static const char *stereo[] = {"(R)-", "(S)-", "(+)-", "(-)-", "dl-"};
	char	   *buf;
	size_t	   *off;
	size_t		total = 0,
				i,
				s;
	StrVec		plant = {0};
	size_t		nplanted = 0;

	if (getenv("BENCH_CPU") && atoi(getenv("BENCH_CPU")) != 0)
		bench_clock = CLOCK_PROCESS_CPUTIME_ID;
	if (getenv("BENCH_TERMS") && getenv("BENCH_CORPUS"))
		return bench_shipped(getenv("BENCH_TERMS"), getenv("BENCH_CORPUS"), nlines);
	if (argc < 2)
	{
		fprintf(stderr, "usage: %s FIXTURE.tsv [LINES]\n", argv[0]);
		return 2;
	}
	names = load_names(argv[1]);
	for (i = 0; i < names.n; i++)
		push(&terms, names.v[i]);
	for (i = 0; terms.n < 100000; i++)
	{
		const char *b = names.v[i % names.n];
		char	   *v = malloc(strlen(b) + 32);

		if (i / names.n % 2 == 0)
			sprintf(v, "%s%s", b, salts[(i / names.n / 2) % 5]);
		else
			sprintf(v, "%s%s", stereo[(i / names.n / 2) % 5], b);
		push(&terms, v);
	}
	for (i = 0; i < 1000; i++)
		push(&plant, terms.v[i]);

	buf = malloc(nlines * 128);
	off = malloc((nlines + 1) * sizeof(size_t));
	for (i = 0; i < nlines; i++)
	{
		int			p;

		off[i] = total;
		total += gen_line(buf + total, 127, &plant, &p);
		nplanted += p;
	}
	off[nlines] = total;
	printf("corpus: %zu lines, %.1f bytes/line, %zu with a planted term; %zu distinct fixture names\n",
		   nlines, (double) total / nlines, nplanted, names.n);
	printf("%8s %10s %10s %12s %12s %10s %10s  %s\n", "terms", "build ms", "fbuild ms",
		   "exact ns/l", "fuzzy ns/l", "hits", "fuzzy hits", "checksums (exact/fuzzy)");

	for (s = 0; s < (size_t) nsizes; s++)
	{
		if (getenv("BENCH_ONLY") && (size_t) atoi(getenv("BENCH_ONLY")) != sizes[s])
			continue;
		PmTerm	   *pt = malloc(sizes[s] * sizeof(PmTerm));
		PmMatcher  *me,
				   *mf;
		PrecursorError err;
		double		t0,
					t1,
					t2,
					t3,
					t4,
					t5;
		HitSum		hits = {0, 0},
					fhits = {0, 0};

		for (i = 0; i < sizes[s]; i++)
		{
			pt[i].text = terms.v[i];
			pt[i].len = strlen(terms.v[i]);
			pt[i].id = (uint32_t) i;
			pt[i].kind = strlen(terms.v[i]) <= 5 ? PM_TERM_ABBREVIATION : PM_TERM_SYNONYM;
		}
		t0 = now_ns();
		me = pm_build(pt, sizes[s], vflags, &err);
		t1 = now_ns();
		mf = me ? build_fuzzy(pt, sizes[s], vflags, me, &err) : NULL;
		t2 = now_ns();
		if (!me || !mf)
		{
			fprintf(stderr, "build failed: %s\n", err.detail);
			return 1;
		}
		{
			/* a stored matcher: how big, and how fast it loads */
			size_t		slen = 0;
			char	   *sb = pm_serialize(mf, &slen, &err);
			double		l0 = now_ns();
			PmMatcher  *ml = sb ? pm_deserialize(sb, slen, &err) : NULL;
			double		l1 = now_ns();

			if (ml == NULL)
			{
				fprintf(stderr, "serialise/load failed: %s\n", err.detail);
				return 1;
			}
			fprintf(stderr, "%zu terms: fuzzy matcher serialised %.1f MB, loads in %.0f ms\n",
					sizes[s], slen / 1048576.0, (l1 - l0) / 1e6);
			pm_free(ml);
			free(sb);
		}
		/* the exact clock starts here, not at t2: storing and loading are not screening */
		t5 = now_ns();
		for (i = 0; i < nlines; i++)
			pm_screen(me, buf + off[i], off[i + 1] - off[i], 0, count_cb, &hits, NULL, NULL);
		t3 = now_ns();
		for (i = 0; i < nlines; i++)
			pm_screen(mf, buf + off[i], off[i + 1] - off[i], PM_SCAN_FUZZY, count_cb, &fhits, NULL, NULL);
		t4 = now_ns();
		printf("%8zu %10.0f %10.0f %12.0f %12.0f %10zu %10zu  %04x/%04x\n", sizes[s],
			   (t1 - t0) / 1e6, (t2 - t1) / 1e6,
			   (t3 - t5) / nlines, (t4 - t3) / nlines, hits.n, fhits.n,
			   (unsigned) (hits.sum & 0xFFFF), (unsigned) (fhits.sum & 0xFFFF));
		fflush(stdout);
		pm_free(me);
		pm_free(mf);
		free(pt);
	}
	return 0;
}
