/*
 * matcher_fuzzy_align.c
 *		Verifying a fuzzy candidate: edit distances (Myers' bit-parallel
 *		algorithm, Hyyro's OSA extension, a plain dynamic programme), the
 *		best alignment of a literal around where a piece says it starts, the
 *		rules that refuse an alignment (edits on digits, real words, larger
 *		systematic names), and the wording of the edits for explain().
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "matcher_int.h"

/* ------------------------------------------------------------------------
 * Edit distance
 * ------------------------------------------------------------------------
 */

static void
peq_set(uint64_t *peq, const char *p, size_t m, bool reversed)
{
	size_t		i;

	for (i = 0; i < m; i++)
		peq[(unsigned char) p[reversed ? m - 1 - i : i]] |= UINT64_C(1) << i;
}

static void
peq_clear(uint64_t *peq, const char *p, size_t m)
{
	size_t		i;

	for (i = 0; i < m; i++)
		peq[(unsigned char) p[i]] = 0;
}

/*
 * One column step of Myers' algorithm.  anchored: D[0][j] = j (global
 * alignment from the first text character); otherwise D[0][j] = 0 (search).
 */
static inline int
myers_step(uint64_t eq, uint64_t *pv, uint64_t *mv, uint64_t hb, bool anchored)
{
	uint64_t	xv = eq | *mv;
	uint64_t	xh = (((eq & *pv) + *pv) ^ *pv) | eq;
	uint64_t	ph = *mv | ~(xh | *pv);
	uint64_t	mh = *pv & xh;
	int			d = 0;

	if (ph & hb)
		d = 1;
	else if (mh & hb)
		d = -1;
	ph = (ph << 1) | (anchored ? 1 : 0);
	mh <<= 1;
	*pv = mh | ~(xv | ph);
	*mv = ph & xv;
	return d;
}

/* Plain two-row DP, for patterns longer than 64 bytes. */
static int
dp_distance(const char *a, size_t alen, const char *b, size_t blen, int limit)
{
	int		   *row = malloc((blen + 1) * sizeof(int));
	size_t		i,
				j;
	int			res;

	if (row == NULL)
		return limit + 1;
	for (j = 0; j <= blen; j++)
		row[j] = (int) j;
	for (i = 1; i <= alen; i++)
	{
		int			diag = row[0];

		row[0] = (int) i;
		for (j = 1; j <= blen; j++)
		{
			int			up = row[j];
			int			best = diag + (a[i - 1] != b[j - 1]);

			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	res = row[blen];
	free(row);
	return res;
}

/* Levenshtein distance of a and b, or something > limit when it exceeds it. */
int
pm_edit_distance(const char *a, size_t alen, const char *b, size_t blen, int limit)
{
	uint64_t	peq[256];
	uint64_t	pv,
				mv,
				hb;
	int			score;
	size_t		j;

	if ((alen > blen ? alen - blen : blen - alen) > (size_t) limit)
		return limit + 1;
	if (alen == 0)
		return (int) blen;
	if (alen > 64)
		return dp_distance(a, alen, b, blen, limit);
	memset(peq, 0, sizeof(peq));
	peq_set(peq, a, alen, false);
	pv = ~UINT64_C(0);
	mv = 0;
	hb = UINT64_C(1) << (alen - 1);
	score = (int) alen;
	for (j = 0; j < blen; j++)
		score += myers_step(peq[(unsigned char) b[j]], &pv, &mv, hb, true);
	return score;
}

/* ------------------------------------------------------------------------
 * Verification in screened text
 * ------------------------------------------------------------------------
 */

/*
 * Optimal string alignment (Damerau-Levenshtein without repeated edits of
 * one substring): substitution, insertion, deletion and transposition of
 * two neighbours each cost 1.  D[i][j] is the distance between the first i
 * bytes of the literal and the first j bytes of the text, in m->dpmat.
 */
static int *
osa_fill(PmMatcher *m, const char *p, size_t L, const char *t, size_t W)
{
	size_t		cols = W + 1;
	size_t		need = (L + 1) * cols;
	int		   *D;
	size_t		i,
				j;

	if (need > m->dpcap)
	{
		int		   *nd = realloc(m->dpmat, need * sizeof(int));

		if (nd == NULL)
		{
			m->oom = true;
			return NULL;
		}
		m->dpmat = nd;
		m->dpcap = need;
	}
	D = m->dpmat;
	for (j = 0; j <= W; j++)
		D[j] = (int) j;
	for (i = 1; i <= L; i++)
	{
		int		   *row = D + i * cols;
		const int  *up = row - cols;

		row[0] = (int) i;
		for (j = 1; j <= W; j++)
		{
			int			v = up[j - 1] + (p[i - 1] != t[j - 1]);

			if (up[j] + 1 < v)
				v = up[j] + 1;
			if (row[j - 1] + 1 < v)
				v = row[j - 1] + 1;
			if (i > 1 && j > 1 && p[i - 1] == t[j - 2] && p[i - 2] == t[j - 1] &&
				p[i - 1] != p[i - 2] && (up - cols)[j - 2] + 1 < v)
				v = (up - cols)[j - 2] + 1;
			row[j] = v;
		}
	}
	return D;
}

/*
 * Hyyro's extension of Myers' algorithm to transpositions (OSA distance, "A
 * bit-vector algorithm for computing Levenshtein and Damerau edit
 * distances", 2003): the state of one column, and one step over a text byte
 * whose pattern bit vector is eq.  anchored: D[0][j] = j (the literal starts
 * at the first text byte); otherwise D[0][j] = 0 (search).  Returns the
 * change of D[L][j].
 */
typedef struct OsaCol
{
	uint64_t	vp;
	uint64_t	vn;
	uint64_t	d0;
	uint64_t	pmprev;
} OsaCol;

static inline int
osa_step(OsaCol *c, uint64_t eq, uint64_t hb, bool anchored)
{
	uint64_t	tr = ((~c->d0 & eq) << 1) & c->pmprev;
	uint64_t	hp,
				hn,
				x;
	int			delta = 0;

	c->d0 = (((eq & c->vp) + c->vp) ^ c->vp) | eq | c->vn | tr;
	hp = c->vn | ~(c->d0 | c->vp);
	hn = c->d0 & c->vp;
	if (hp & hb)
		delta = 1;
	else if (hn & hb)
		delta = -1;
	x = (hp << 1) | (anchored ? 1 : 0);
	c->vn = x & c->d0;
	c->vp = (hn << 1) | ~(x | c->d0);
	c->pmprev = eq;
	return delta;
}

/*
 * The last row of osa_fill's matrix (D[L][0 .. W]) into last[], with
 * Hyyro's bit-parallel OSA, anchored at the first text byte (D[0][j] = j):
 * a few word operations a text byte instead of L cells.  peq holds the
 * literal's bit vectors (L <= 64).
 */
static void
osa_last_row(const uint64_t *peq, size_t L, const char *t, size_t W, int *last)
{
	OsaCol		c = {~UINT64_C(0), 0, 0, 0};
	uint64_t	hb = UINT64_C(1) << (L - 1);
	size_t		j;

	last[0] = (int) L;
	for (j = 0; j < W; j++)
		last[j + 1] = last[j] + osa_step(&c, peq[(unsigned char) t[j]], hb, true);
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool
memchr_digit(const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (is_digit(s[i]))
			return true;
	return false;
}

/* The token of s[0..len) containing position pos: [*ts, *te) */
static void
token_around(const char *s, size_t len, size_t pos, size_t *ts, size_t *te)
{
	size_t		a = pos < len ? pos : len;
	size_t		b;

	if (a > 0 && (a == len || s[a] == ' ' || s[a] == '|'))
		a--;					/* on a separator: the word before it */
	b = a;
	while (a > 0 && s[a - 1] != ' ' && s[a - 1] != '|')
		a--;
	while (b < len && s[b] != ' ' && s[b] != '|')
		b++;
	*ts = a;
	*te = b;
}

/*
 * Cross-language skeleton of a word, for pm_cognate: ph/f, th/t, y/i, k/c,
 * z/s, w/v, doubled letters, and the inflection at the end (a final -s, then
 * final vowels) do not count.
 */
static size_t
skeleton(const char *w, size_t len, char *out, size_t cap)
{
	size_t		i;
	size_t		n = 0;

	for (i = 0; i < len && n < cap; i++)
	{
		char		c = w[i];

		if ((c == 'p' || c == 't' || c == 'c') && i + 1 < len && w[i + 1] == 'h')
		{
			c = c == 'p' ? 'f' : c;
			i++;
		}
		else if (c == 'y')
			c = 'i';
		else if (c == 'k' || c == 'q')
			c = 'c';
		else if (c == 'z')
			c = 's';
		else if (c == 'w')
			c = 'v';
		if (n > 0 && out[n - 1] == c)
			continue;
		out[n++] = c;
	}
	if (n > 1 && out[n - 1] == 's')
		n--;
	while (n > 1 && strchr("aeiou", out[n - 1]) != NULL)
		n--;
	return n;
}

/*
 * Are a and b the same word in two languages or two inflections
 * ("anhidride"/"anhydride", "efedryne"/"efedryna", "permanganat")?  Such a
 * pair is no "real word taken for a misspelling": it names the same thing.
 */
bool
pm_cognate(const char *a, size_t alen, const char *b, size_t blen)
{
	char		sa[64],
				sb[64];
	size_t		na,
				nb;

	if (alen > sizeof(sa) || blen > sizeof(sb))
		return false;
	na = skeleton(a, alen, sa, sizeof(sa));
	nb = skeleton(b, blen, sb, sizeof(sb));
	return na == nb && memcmp(sa, sb, na) == 0;
}

/*
 * The suffixes of substitutive names, written as a word of their own after a
 * locant ("propan-2-ol", "butan-2-amine"): a term word changed into one of
 * them names another functional group, not a misspelling.
 */
static bool
is_suffix_word(const char *w, size_t len)
{
	static const char *const suffixes[] = {
		"ol", "one", "al", "amine", "imine", "thiol", "diol", "dione",
		"ene", "yne", "oic", "ium", "yl", "ylidene", "oate", "amide",
		"nitrile", "olate", "thione", "oxide",
	};
	size_t		i;

	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (strlen(suffixes[i]) == len && memcmp(w, suffixes[i], len) == 0)
			return true;
	return false;
}

static bool
has_vowel(const char *w, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (strchr("aeiouy", w[i]) != NULL)
			return true;
	return false;
}

/*
 * Walk back the alignment of D (literal p[0..L) against text t[0..W)),
 * collecting the edits into h.  Refuses (returns false) an alignment whose
 * edit touches a digit, turns a term word into a suffix word ("one" into
 * "ol") or into a different real word of the lexicon ("sulfonic" for
 * "sulfuric").  t0 is t's offset in nb.text.
 */
static bool
alignment_ok(PmMatcher *m, const int *D, const char *p, size_t L,
			 const char *t, size_t W, size_t t0, PmRaw *h)
{
	size_t		cols = W + 1;
	size_t		i = L,
				j = W;
	int			n;

	h->nedits = 0;
	while (i > 0 || j > 0)
	{
		int			d = D[i * cols + j];
		PmEdit		ed;

		if (i > 0 && j > 0 && p[i - 1] == t[j - 1] && d == D[(i - 1) * cols + j - 1])
		{
			i--;
			j--;
			continue;
		}
		if (i > 1 && j > 1 && p[i - 1] == t[j - 2] && p[i - 2] == t[j - 1] &&
			p[i - 1] != p[i - 2] && d == D[(i - 2) * cols + j - 2] + 1)
		{
			if (is_digit(p[i - 1]) || is_digit(p[i - 2]))
				return false;
			ed.op = PM_EDIT_TRANS;
			ed.ppos = (uint32_t) (i - 2);
			ed.tpos = (uint32_t) (j - 2);
			i -= 2;
			j -= 2;
		}
		else if (i > 0 && j > 0 && d == D[(i - 1) * cols + j - 1] + 1)
		{
			if (is_digit(p[i - 1]) || is_digit(t[j - 1]))
				return false;
			ed.op = PM_EDIT_SUB;
			ed.ppos = (uint32_t) (i - 1);
			ed.tpos = (uint32_t) (j - 1);
			i--;
			j--;
		}
		else if (i > 0 && d == D[(i - 1) * cols + j] + 1)
		{
			if (is_digit(p[i - 1]))
				return false;
			ed.op = PM_EDIT_DEL;
			ed.ppos = (uint32_t) (i - 1);
			ed.tpos = (uint32_t) (j < W ? j : (j > 0 ? j - 1 : 0));
			i--;
		}
		else
		{
			if (is_digit(t[j - 1]))
				return false;
			ed.op = PM_EDIT_INS;
			ed.ppos = (uint32_t) (i < L ? i : (i > 0 ? i - 1 : 0));
			ed.tpos = (uint32_t) (j - 1);
			j--;
		}
		if (h->nedits >= PM_MAX_EDITS)
			return false;
		ed.tpos += (uint32_t) t0;
		h->edits[h->nedits++] = ed;
	}

	/* a real word in place of a term word is that word, not a typo */
	for (n = 0; n < h->nedits; n++)
	{
		size_t		ts,
					te,
					ps,
					pe;

		token_around(m->nb.text, m->nb.len, h->edits[n].tpos, &ts, &te);
		token_around(p, L, h->edits[n].ppos, &ps, &pe);
		/* a word with a digit is a code ("B1", "L1"): its letters count */
		if (memchr_digit(m->nb.text + ts, te - ts) || memchr_digit(p + ps, pe - ps))
			return false;

		/*
		 * a suffix word after a locant changed into another is another
		 * compound: "propan-2-ol" is the alcohol of "propan-2-one"
		 */
		if (is_suffix_word(m->nb.text + ts, te - ts))
			return false;
		/* an abbreviation changed is another one: "BMK" for "PMK" */
		if (pe - ps <= 4 && !has_vowel(p + ps, pe - ps))
			return false;
		if (lexicon_has(m->nb.text + ts, te - ts) &&
			!pm_cognate(m->nb.text + ts, te - ts, p + ps, pe - ps))
			return false;
	}
	return true;
}

/*
 * Does an exact hit (of any term) cover every alignment that could start in
 * [a, last_start] and end by maxend?  Such a fuzzy hit would be dropped
 * (fuzzy_compact): "ephedrina" names a term exactly, and is no misspelling
 * of "ephedrine".
 */
static bool
exact_covers(const PmMatcher *m, size_t a, size_t last_start, size_t maxend)
{
	size_t		i;
	size_t		first = a;

	while (first <= last_start && first < maxend && !pm_boundary_before(m, first))
		first++;
	for (i = 0; i < m->nhits && i < 64; i++)
	{
		const PmRaw *h = &m->hits[i];

		if (h->raw == PM_RAW_EXACT && h->s <= first && h->e >= maxend)
			return true;
	}
	return false;
}

/*
 * Does a locant and a suffix follow the hit ending at e ("piperidin-1-yl",
 * "piperidin-4-one")?  Then the near-name is the parent or a substituent of
 * a larger systematic name, another compound, not a misspelt listed name.
 */
static bool
locant_suffix_after(const PmMatcher *m, size_t e)
{
	static const char *const suffixes[] = {
		"one", "ol", "amine", "ium", "methanol", "ethanol",
		"carboxylic", "carboxylate", "carboxamide", "carbonitrile",
		"carbaldehyde", "carbonyl", "sulfonyl", "sulfonic", "thiol",
	};
	const char *t = m->nb.text;
	size_t		len = m->nb.len;
	size_t		p = e,
				q,
				i;

	if (p >= len || t[p] != ' ')
		return false;
	/* the locant: digits, commas folded to spaces ("2 3"), primes dropped */
	q = ++p;
	while (q < len && ((t[q] >= '0' && t[q] <= '9') || (t[q] == ' ' && q + 1 < len &&
														 t[q + 1] >= '0' && t[q + 1] <= '9')))
		q++;
	if (q == p || q - p > 8 || q >= len || t[q] != ' ')
		return false;
	p = q + 1;
	q = p;
	while (q < len && t[q] != ' ' && t[q] != '|')
		q++;
	if (q - p >= 2 && t[p] == 'y' && t[p + 1] == 'l')
		return true;			/* -yl, -ylidene, -ylcarbamic, ... */
	for (i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++)
		if (strlen(suffixes[i]) == q - p && memcmp(t + p, suffixes[i], q - p) == 0)
			return true;
	return false;
}

/*
 * Best alignment of literal lit in nb.text around est (where the term would
 * start if the piece were in place), starting and ending on token
 * boundaries.  Pushes a fuzzy hit when one within l->k edits exists and its
 * edits are acceptable (alignment_ok).  For terms up to 64 bytes, a
 * bit-parallel search first finds the ends worth an exact alignment.
 * (Over 100 lines: the bit-parallel pass and the alignment share the window
 * and its end scores; kept as one step of the hot path.)
 */
static bool
verify(PmMatcher *m, uint32_t lit, long est)
{
	const PmLit *l = &m->lits[lit];
	const char *pat = m->pool + l->off;
	const char *t = m->nb.text;
	size_t		L = l->len;
	int			k = l->k;
	long		lo = est - k;
	long		hi = est + (long) L + k;
	size_t		a,
				b;
	size_t		e,
				st;
	int			fwd[64 + 2 * PM_MAX_EDITS + 1];
	bool		use_fwd = L <= 64;
	int			best = k + 1;
	size_t		best_s = 0,
				best_e = 0;
	size_t		maxend = 0;
	PmRaw		h;
	int		   *D;

	/*
	 * The window is [est - k, est + L + k) clipped to the text, so at most
	 * L + 2k bytes: fwd[] is sized for k <= PM_MAX_EDITS.  A loaded matcher
	 * with a wild piece (est far outside the text) must not widen it.
	 */
	if (k > PM_MAX_EDITS || hi <= 0 || lo >= (long) m->nb.len)
		return true;
	a = lo < 0 ? 0 : (size_t) lo;
	b = (size_t) hi > m->nb.len ? m->nb.len : (size_t) hi;
	if (a >= b)
		return true;

	if (use_fwd)
	{
		/* search variant: fwd[e] is the best distance of the term ending at e */
		OsaCol		c = {~UINT64_C(0), 0, 0, 0};
		uint64_t	hb = UINT64_C(1) << (L - 1);
		int			score = (int) L;
		size_t		j;

		peq_set(m->peq, pat, L, false);
		for (j = a; j < b; j++)
		{
			score += osa_step(&c, m->peq[(unsigned char) t[j]], hb, false);
			fwd[j - a] = score;

			/*
			 * The score falls by at most 1 a byte: when what is left of the
			 * window cannot bring it down to k, no later end can match.
			 */
			if (score - (int) (b - 1 - j) > k)
			{
				for (j++; j < b; j++)
					fwd[j - a] = k + 1;
				break;
			}
		}
		peq_clear(m->peq, pat, L);
	}
	for (e = a + 1; e <= b; e++)
		if ((!use_fwd || fwd[e - 1 - a] <= k) && pm_boundary_after(m, e))
			maxend = e;
	if (maxend == 0)
		return true;
	if (exact_covers(m, a, (size_t) (est + k), maxend))
		return true;

	if (use_fwd)
		peq_set(m->peq, pat, L, false);
	for (st = a; st < maxend && (long) st <= est + k; st++)
	{
		int			last[64 + 2 * PM_MAX_EDITS + 2];

		if (!pm_boundary_before(m, st))
			continue;
		if (use_fwd)
		{
			/* the last row alone, bit-parallel: the whole matrix only for the best */
			osa_last_row(m->peq, L, t + st, maxend - st, last);
			D = NULL;
		}
		else
		{
			D = osa_fill(m, pat, L, t + st, maxend - st);
			if (D == NULL)
				return false;
		}
		for (e = st + 1; e <= maxend; e++)
		{
			int			d;

			if (use_fwd && fwd[e - 1 - a] > k)
				continue;
			if (!pm_boundary_after(m, e))
				continue;
			d = D ? D[L * (maxend - st + 1) + (e - st)] : last[e - st];
			if (d < best || (d == best && e - st == L))
			{
				best = d;
				best_s = st;
				best_e = e;
			}
		}
	}

	if (use_fwd)
		peq_clear(m->peq, pat, L);

	if (best > k || best == 0)
		return true;			/* nothing, or the exact hit reported anyway */
	if (!pm_start_is_own(m, best_s) || locant_suffix_after(m, best_e))
		return true;
	D = osa_fill(m, pat, L, t + best_s, best_e - best_s);
	if (D == NULL)
		return false;
	memset(&h, 0, sizeof(h));
	if (!alignment_ok(m, D, pat, L, t + best_s, best_e - best_s, best_s, &h))
		return true;
	h.s = (uint32_t) best_s;
	h.e = (uint32_t) best_e;
	h.lit = lit;
	h.raw = PM_RAW_FUZZY;
	h.dist = (int16_t) best;
	return pm_push_hit(m, &h);
}

/*
 * The fewest edits (optimal string alignment, up to budget; budget + 1 for
 * more) that turn the pattern p[0 .. pl) into a prefix of the text t[0 ..
 * tl), reading both from the given start in direction step (1 forwards, -1
 * backwards).  The pattern must be used up, the text need not be.  Equal
 * bytes are skipped; at the first difference each of the four edits is
 * tried, so k <= PM_MAX_EDITS costs a few short compares.
 */
static int
extend_edits(const char *p, long pl, const char *t, long tl, int step, int budget)
{
	long		i = 0;
	int			best,
				c;

	while (i < pl && i < tl && p[step * i] == t[step * i])
		i++;
	if (i == pl)
		return 0;
	if (budget == 0)
		return 1;
	p += step * i;
	pl -= i;
	t += step * i;
	tl -= i;
	if (tl == 0)
		return pl <= budget ? (int) pl : budget + 1;	/* the rest deleted */
	/* substitution, a pattern byte missing, an extra text byte */
	best = 1 + extend_edits(p + step, pl - 1, t + step, tl - 1, step, budget - 1);
	c = 1 + extend_edits(p + step, pl - 1, t, tl, step, budget - 1);
	if (c < best)
		best = c;
	c = 1 + extend_edits(p, pl, t + step, tl - 1, step, budget - 1);
	if (c < best)
		best = c;
	/* two neighbours swapped (they differ: p[0] != t[0] here) */
	if (pl >= 2 && tl >= 2 && p[0] == t[step] && p[step] == t[0])
	{
		c = 1 + extend_edits(p + 2 * step, pl - 2, t + 2 * step, tl - 2, step, budget - 1);
		if (c < best)
			best = c;
	}
	return best;
}

/*
 * How many bytes of the pattern p[0 .. pl), read in direction step from the
 * piece, occur nowhere within k of where they would lie in the text t[0 ..
 * tl) (same direction)?  Each such byte costs an edit of its own (a
 * substitution or a deletion; k insertions shift it by at most k), so more
 * than k of them refuse the alignment without aligning.  Counting stops
 * past k.
 */
static int
lonely_bytes(const char *p, long pl, const char *t, long tl, int step, int k, int count)
{
	long		i;

	for (i = 0; i < pl && count <= k; i++)
	{
		long		lo = i - k < 0 ? 0 : i - k;
		long		hi = i + k >= tl ? tl - 1 : i + k;
		long		j;
		bool		found = false;

		for (j = lo; j <= hi && !found; j++)
			found = t[step * j] == p[step * i];
		if (!found)
			count++;
	}
	return count;
}

/*
 * Is there an alignment of literal lit within its k edits in which its
 * piece at piece_off (piece_len bytes) is the text's bytes at ps, unchanged?
 * The parts before and after the piece are aligned outwards from it, inside
 * the window verify() would search.  A pre-test, cheaper than verify():
 * most piece hits of ordinary text ("ethyl", "chlor") fail it within a few
 * bytes.  It refuses only what verify() could find through another piece,
 * which is then a piece hit of its own: any alignment within k edits keeps
 * one piece unchanged, and verify_pieces() tests that one too.
 */
bool
pm_fuzzy_anchored(const PmMatcher *m, const PmCand *c, size_t piece_len, size_t ps)
{
	const char *pat = m->pool + c->lit_off;
	const char *t = m->nb.text;
	size_t		piece_off = c->piece_off;
	long		k = c->k;
	long		est = (long) ps - (long) piece_off;
	long		a = est - k;
	long		b = est + (long) c->lit_len + k;
	size_t		pe = ps + piece_len;
	long		right_len;
	int			left;

	if (a < 0)
		a = 0;
	if (b > (long) m->nb.len)
		b = (long) m->nb.len;
	if ((long) pe > b || (long) ps < a)
		return true;			/* a wild piece: let verify() decide */
	/* first a count that most candidates fail within a few bytes */
	right_len = (long) (c->lit_len - piece_off - piece_len);
	if (lonely_bytes(pat + piece_off + piece_len, right_len, t + pe, b - (long) pe, 1, (int) k,
					 piece_off == 0 ? 0 :
					 lonely_bytes(pat + piece_off - 1, (long) piece_off,
								  t + ps - 1, (long) ps - a, -1, (int) k, 0)) > k)
		return false;
	left = piece_off == 0 ? 0 :
		extend_edits(pat + piece_off - 1, (long) piece_off,
					 t + ps - 1, (long) ps - a, -1, (int) k);
	if (left > k)
		return false;
	if (piece_off + piece_len >= c->lit_len)
		return true;
	return extend_edits(pat + piece_off + piece_len, right_len,
						t + pe, b - (long) pe, 1, (int) k - left) <= k - left;
}

/*
 * Can verifying literal lit at est give no fuzzy hit, because of an exact
 * hit?  Either lit itself is found exactly within k of est (its verification
 * can only find that alignment, distance 0: most piece hits in real text are
 * those of the names written correctly), or an exact hit of any term spans
 * the whole window a fuzzy hit could take, which fuzzy_compact would drop
 * ("methylethylketone" verified inside "methyl ethyl ketone" found).
 */
bool
pm_fuzzy_exact_near(const PmMatcher *m, const PmCand *c, long est)
{
	size_t		i;
	uint32_t	lit = c->lit;
	long		k = c->k;
	long		wend = est + (long) c->lit_len + k;

	for (i = 0; i < m->fuzzy_first && i < 64; i++)
	{
		const PmRaw *h = &m->hits[i];

		if (h->raw != PM_RAW_EXACT)
			continue;
		if (h->lit == lit && (long) h->s >= est - k && (long) h->s <= est + k)
			return true;
		if ((long) h->s <= est - k && (long) h->e >= wend)
			return true;
	}
	return false;
}

/* Verify literal lit where it would start at est (screen or lookup). */
bool
pm_fuzzy_verify_one(PmMatcher *m, uint32_t lit, long est)
{
	const PmLit *l;
	const char *base;
	size_t		blen;
	int			d;
	int		   *D;
	PmRaw		h;

	if (!m->lookup)
		return verify(m, lit, est);
	l = &m->lits[lit];
	base = m->nb.text + m->lookup_bs;
	blen = m->lookup_be - m->lookup_bs;
	if ((l->len > blen ? l->len - blen : blen - l->len) > (size_t) l->k)
		return true;
	D = osa_fill(m, m->pool + l->off, l->len, base, blen);
	if (D == NULL)
		return false;
	d = D[l->len * (blen + 1) + blen];
	if (d == 0 || d > l->k)
		return true;
	memset(&h, 0, sizeof(h));
	if (!alignment_ok(m, D, m->pool + l->off, l->len, base, blen, m->lookup_bs, &h))
		return true;
	h.s = (uint32_t) m->lookup_bs;
	h.e = (uint32_t) m->lookup_be;
	h.lit = lit;
	h.raw = PM_RAW_FUZZY;
	h.dist = (int16_t) d;
	return pm_push_hit(m, &h);
}

/*
 * Say what the edits of fuzzy hit h are, for explain(): 'substitution:
 * "propanrne" for "propanone"', with the word of the text and the word of
 * the term each edit falls in.
 */
void
pm_fuzzy_describe(const PmMatcher *m, const PmRaw *h, char *buf, size_t len)
{
	static const char *const names[] = {"", "substitution", "insertion", "deletion", "transposition"};
	const PmLit *l = &m->lits[h->lit];
	const char *p = m->pool + l->off;
	size_t		used = 0;
	int			n;

	if (len == 0)
		return;
	buf[0] = '\0';
	/* edits were collected from the end: report them in reading order */
	for (n = h->nedits - 1; n >= 0; n--)
	{
		const PmEdit *ed = &h->edits[n];
		size_t		ts,
					te,
					ps,
					pe;
		int			w;

		if (ed->op == 0 || ed->op > PM_EDIT_TRANS)
			continue;
		token_around(m->nb.text, m->nb.len, ed->tpos, &ts, &te);
		token_around(p, l->len, ed->ppos, &ps, &pe);
		w = snprintf(buf + used, len - used, "%s%s: \"%.*s\" for \"%.*s\"",
					 used > 0 ? "; " : "", names[ed->op],
					 (int) (te - ts), m->nb.text + ts, (int) (pe - ps), p + ps);
		if (w < 0 || (size_t) w >= len - used)
			break;
		used += (size_t) w;
	}
}
