/*
 * matcher_fuzzy.c
 *		Fuzzy matching: pigeonhole pieces found by the same kind of literal
 *		scan, verified with Myers' bit-parallel edit distance.
 *
 * A term allowed k edits is cut into k+1 pieces; any text within k edits of
 * the term contains at least one piece unchanged.  The pieces of all terms
 * are extra literals of the term database.  A piece hit gives the place where the
 * term would start; the window around it is verified bit-parallel (Myers
 * 1999, in Hyyrö's formulation) for terms up to 64 bytes, with a plain
 * dynamic programme above that.  The alignment must start and end on token
 * boundaries, like an exact hit.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "matcher_int.h"

#define PM_PIECE_MIN 4
/* Longer pieces are not much rarer, and short literals scan faster */
#define PM_PIECE_MAX 8
/*
 * A term long enough for k+2 pieces of this length gets them, and is
 * verified only where two of them are found (k edits spoil at most k):
 * "ephedrine hydrochloride" is then not verified wherever "sodium chloride"
 * shows one of its pieces.
 */
#define PM_PIECE_TWO 5
/* Counters of piece frequencies (hashed; a collision only misleads the choice) */
#define PM_GRAM_BITS 20

/*
 * Allowed edits for a normalised term: one from 8 letters, two from 16
 * (digits, spaces and hyphens do not count); none for abbreviations and
 * shorter terms.  Edits that touch a digit are refused at verification: a
 * changed locant is another chemical ("1-phenyl-2-propanone" vs
 * "1-phenyl-1-propanone"), a changed letter of "1-phenyl-2-propanrne" is a
 * typo.
 */
size_t
pm_fuzzy_letters(const char *norm, size_t len)
{
	size_t		i;
	size_t		letters = 0;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) norm[i];

		/* ASCII letters, and each non-ASCII character once (its lead byte) */
		if ((c >= 'a' && c <= 'z') || c >= 0xC0)
			letters++;
	}
	return letters;
}

int
pm_fuzzy_k(const char *norm, size_t len, bool abbreviation)
{
	size_t		letters = pm_fuzzy_letters(norm, len);

	if (abbreviation)
		return 0;
	if (letters >= 16)
		return 2;
	if (letters >= 8)
		return 1;
	return 0;
}

typedef struct PieceTmp
{
	uint32_t	off;			/* in pool */
	uint32_t	len;
	uint32_t	lit;
	uint32_t	piece_off;
} PieceTmp;

static const char *piece_pool;

static int
piece_cmp(const void *a, const void *b)
{
	const PieceTmp *x = a;
	const PieceTmp *y = b;
	size_t		n = x->len < y->len ? x->len : y->len;
	int			c = memcmp(piece_pool + x->off, piece_pool + y->off, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->lit != y->lit)
		return x->lit < y->lit ? -1 : 1;
	return x->piece_off < y->piece_off ? -1 : x->piece_off > y->piece_off;
}

static inline uint32_t
gram_hash(const char *p, size_t q)
{
	uint32_t	h = 2166136261u ^ (uint32_t) q;
	size_t		i;

	for (i = 0; i < q; i++)
		h = (h ^ (unsigned char) p[i]) * 16777619u;
	return h >> (32 - PM_GRAM_BITS);
}

/*
 * How common a piece is in chemical text, estimated from the lexicon
 * (lexicon.h): the number of its words (framed by spaces) that contain the
 * piece.  A piece across a space ("c aci" of "phenylacetic acid") is as
 * common as its rarer side ("c " ending a word, " aci" starting one).  The
 * counts are hashed like the pieces' and built once per process.
 */
static uint16_t *lex_grams;

static bool
lex_grams_build(void)
{
	size_t		off = 0;

	if (lex_grams != NULL)
		return true;
	lex_grams = calloc((size_t) 1 << PM_GRAM_BITS, sizeof(uint16_t));
	if (lex_grams == NULL)
		return false;
	while (off < lexicon_size)
	{
		const char *w = lexicon_blob + off;
		size_t		wl = strlen(w);
		char		framed[64];
		size_t		fl,
					p,
					q;

		off += wl + 1;
		if (wl + 2 > sizeof(framed))
			continue;
		framed[0] = ' ';
		memcpy(framed + 1, w, wl);
		framed[wl + 1] = ' ';
		fl = wl + 2;
		for (q = 2; q <= PM_PIECE_MAX && q <= fl; q++)
			for (p = 0; p + q <= fl; p++)
			{
				uint16_t   *c = &lex_grams[gram_hash(framed + p, q)];

				if (*c < UINT16_MAX)
					(*c)++;
			}
	}
	return true;
}

static uint32_t
lex_freq(const char *p, size_t q)
{
	/* a space inside the piece (one at its start frames a word start) */
	const char *sp = q > 1 ? memchr(p + 1, ' ', q - 1) : NULL;
	uint32_t	left,
				right;
	size_t		j;

	if (sp == NULL)
		return lex_grams[gram_hash(p, q)];
	j = (size_t) (sp - p);
	/* both sides keep the space: "c " and " aci" */
	left = lex_grams[gram_hash(p, j + 1)];
	if (q - j == 1)
		return left;			/* the space ends the piece: "acid " */
	right = lex_freq(sp, q - j);
	return left < right ? left : right;
}

/*
 * Number of pieces for literal l (0: no fuzzy matching) and their length.
 * Pieces are separated by at least one byte, so that a transposition, like
 * any other edit, spoils at most one of them.  k is lowered when the term is
 * too short for k+1 such pieces of PM_PIECE_MIN.
 */
static int
piece_plan(PmMatcher *m, PmLit *l, size_t *q)
{
	uint32_t	r;
	bool		any = false;
	int			np;

	/* fuzzy only for literals with a non-abbreviation term */
	for (r = 0; r < l->nrefs; r++)
		if (m->refs[l->first_ref + r].kind != PM_TERM_ABBREVIATION)
			any = true;
	if (!any)
		l->k = 0;
	while (l->k > 0 && (l->len - l->k) / (l->k + 1) < PM_PIECE_MIN)
		l->k--;
	if (l->k == 0)
		return 0;
	np = l->k + 1;
	l->need = 1;
	if ((l->len - np) / (np + 1) >= PM_PIECE_TWO)
	{
		np++;
		l->need = 2;
	}
	*q = (l->len - (np - 1)) / np;
	if (*q > PM_PIECE_MAX)
		*q = PM_PIECE_MAX;
	return np;
}

/*
 * Cut the fuzzy literals into pieces.  Pigeonhole: any k+1 pieces at least
 * one byte apart will do (k edits spoil at most k of them), so each literal
 * gets the k+1 separated pieces of length q whose total frequency (in the
 * lexicon, standing for chemical text, and over all literals' pieces) is
 * lowest: "meth", "chlor" or "acid " as pieces of thousands of names would
 * each cost thousands of verifications per occurrence in a text.  A dynamic programme over the positions picks them.
 * The pieces become extra literals of the term database (pm_build), so a
 * fuzzy scan costs no second pass over the text.
 */
bool
pm_fuzzy_build(PmMatcher *m)
{
	PieceTmp   *tmp = NULL;
	size_t		ntmp = 0;
	size_t		cap = 0;
	uint32_t	i;
	uint32_t   *cnt = NULL;
	uint64_t   *cost = NULL;
	size_t		maxlen = m->max_norm_len;

	if (!lex_grams_build())
		goto oom;
	cnt = calloc((size_t) 1 << PM_GRAM_BITS, sizeof(uint32_t));
	cost = malloc((size_t) (PM_MAX_EDITS + 3) * (maxlen + 1) * sizeof(uint64_t));
	if (cnt == NULL || cost == NULL)
		goto oom;

	/* frequencies of every candidate piece */
	for (i = 0; i < m->nlits; i++)
	{
		PmLit	   *l = &m->lits[i];
		size_t		q = 0;
		size_t		p;

		if (piece_plan(m, l, &q) == 0)
			continue;
		for (p = 0; p + q <= l->len; p++)
		{
			uint32_t	h = gram_hash(m->pool + l->off + p, q);

			if (cnt[h] < UINT32_MAX)
				cnt[h]++;
		}
	}

	for (i = 0; i < m->nlits; i++)
	{
		PmLit	   *l = &m->lits[i];
		size_t		q = 0;
		int			np = piece_plan(m, l, &q);
		size_t		L = l->len;
		int			j;
		size_t		p;

		if (np == 0)
			continue;
		if (ntmp + np > cap)
		{
			size_t		ncap = cap ? cap * 2 : 1024;
			PieceTmp   *nt;

			while (ncap < ntmp + np)
				ncap *= 2;
			nt = realloc(tmp, ncap * sizeof(PieceTmp));
			if (nt == NULL)
				goto oom;
			tmp = nt;
			cap = ncap;
		}

		/*
		 * cost[j][p]: lowest total frequency of j separated pieces inside
		 * [0, p).  np * q + np - 1 <= L, so a solution always exists.
		 */
		for (p = 0; p <= L; p++)
			cost[p] = 0;
		for (j = 1; j <= np; j++)
		{
			uint64_t   *cj = cost + (size_t) j * (L + 1);
			uint64_t   *cp = cost + (size_t) (j - 1) * (L + 1);

			for (p = 0; p <= L; p++)
			{
				uint64_t	best = p > 0 ? cj[p - 1] : UINT64_MAX;

				/* the previous piece ends a byte before this one starts */
				size_t		gap = j > 1 ? 1 : 0;

				if (p >= q + gap && cp[p - q - gap] != UINT64_MAX)
				{
					const char *pc = m->pool + l->off + p - q;
					uint64_t	c = cp[p - q - gap] + cnt[gram_hash(pc, q)] + lex_freq(pc, q);

					if (c < best)
						best = c;
				}
				cj[p] = best;
			}
		}
		/* walk back to the chosen positions */
		p = L;
		for (j = np; j >= 1; j--)
		{
			uint64_t   *cj = cost + (size_t) j * (L + 1);

			while (p > q && cj[p] == cj[p - 1])
				p--;
			p -= q;
			tmp[ntmp].off = l->off + (uint32_t) p;
			tmp[ntmp].len = (uint32_t) q;
			tmp[ntmp].lit = i;
			tmp[ntmp].piece_off = (uint32_t) p;
			ntmp++;
			if (j > 1)
				p--;			/* the gap */
		}
	}
	free(cnt);
	free(cost);
	cnt = NULL;
	cost = NULL;
	if (ntmp == 0)
	{
		free(tmp);
		return true;
	}

	piece_pool = m->pool;
	qsort(tmp, ntmp, sizeof(PieceTmp), piece_cmp);
	m->pieces = malloc(ntmp * sizeof(PmPiece));
	m->uses = malloc(ntmp * sizeof(PmPieceUse));
	if (!m->pieces || !m->uses)
		goto oom;
	for (i = 0; i < ntmp; i++)
	{
		PmPiece    *pc = m->npieces ? &m->pieces[m->npieces - 1] : NULL;

		if (pc == NULL || pc->len != tmp[i].len ||
			memcmp(m->pool + pc->off, m->pool + tmp[i].off, pc->len) != 0)
		{
			pc = &m->pieces[m->npieces++];
			pc->off = tmp[i].off;
			pc->len = tmp[i].len;
			pc->first_use = i;
			pc->nuses = 0;
		}
		m->uses[i].lit = tmp[i].lit;
		m->uses[i].piece_off = tmp[i].piece_off;
		pc->nuses++;
	}
	m->nuses = (uint32_t) ntmp;
	free(tmp);
	return true;

oom:
	pm_set_error(m, "out of memory building fuzzy pieces");
	free(cnt);
	free(cost);
	free(tmp);
	return false;
}

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
 * Walk back the alignment of D (literal p[0..L) against text t[0..W)),
 * collecting the edits into h.  Refuses (returns false) an alignment whose
 * edit touches a digit, or turns a term word into a different real word of
 * the lexicon ("sulfonic" for "sulfuric").  t0 is t's offset in nb.text.
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
		/*
		 * Hyyro's extension of Myers' algorithm to transpositions (OSA
		 * distance, "A bit-vector algorithm for computing Levenshtein and
		 * Damerau edit distances", 2003), search variant: fwd[e] is the
		 * best distance of the term ending at e.
		 */
		uint64_t	vp = ~UINT64_C(0),
					vn = 0,
					d0 = 0,
					pmprev = 0,
					hb = UINT64_C(1) << (L - 1);
		int			score = (int) L;
		size_t		j;

		peq_set(m->peq, pat, L, false);
		for (j = a; j < b; j++)
		{
			uint64_t	eq = m->peq[(unsigned char) t[j]];
			uint64_t	tr = ((~d0 & eq) << 1) & pmprev;
			uint64_t	hp,
						hn,
						x;

			d0 = (((eq & vp) + vp) ^ vp) | eq | vn | tr;
			hp = vn | ~(d0 | vp);
			hn = d0 & vp;
			if (hp & hb)
				score++;
			else if (hn & hb)
				score--;
			x = hp << 1;
			vn = x & d0;
			vp = (hn << 1) | ~(x | d0);
			pmprev = eq;
			fwd[j - a] = score;
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

	for (st = a; st < maxend && (long) st <= est + k; st++)
	{
		if (!pm_boundary_before(m, st))
			continue;
		D = osa_fill(m, pat, L, t + st, maxend - st);
		if (D == NULL)
			return false;
		for (e = st + 1; e <= maxend; e++)
		{
			int			d;

			if (use_fwd && fwd[e - 1 - a] > k)
				continue;
			if (!pm_boundary_after(m, e))
				continue;
			d = D[L * (maxend - st + 1) + (e - st)];
			if (d < best || (d == best && e - st == L))
			{
				best = d;
				best_s = st;
				best_e = e;
			}
		}
	}

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

/* Record a piece found by the term scan; verified after the scan. */
bool
pm_fuzzy_record(PmMatcher *m, uint32_t piece, size_t to)
{
	if (m->nphits == m->capphits)
	{
		size_t		ncap = m->capphits ? m->capphits * 2 : 64;
		PmPieceHit *np = realloc(m->phits, ncap * sizeof(PmPieceHit));

		if (np == NULL)
		{
			m->oom = true;
			return false;
		}
		m->phits = np;
		m->capphits = ncap;
	}
	m->phits[m->nphits].piece = piece;
	m->phits[m->nphits].end = (uint32_t) to;
	m->nphits++;
	return true;
}

static int
cand_cmp(const void *a, const void *b)
{
	const PmCand *x = a;
	const PmCand *y = b;

	if (x->lit != y->lit)
		return x->lit < y->lit ? -1 : 1;
	if (x->est != y->est)
		return x->est < y->est ? -1 : 1;
	return x->piece_off < y->piece_off ? -1 : x->piece_off > y->piece_off;
}

/*
 * Is literal lit found exactly within k of est?  Then its verification can
 * only find that exact alignment (distance 0), which is no fuzzy hit: most
 * piece hits in real text are those of the names written correctly.
 */
static bool
exact_near(const PmMatcher *m, uint32_t lit, long est)
{
	size_t		i;
	long		k = m->lits[lit].k;

	for (i = 0; i < m->fuzzy_first && i < 64; i++)
	{
		const PmRaw *h = &m->hits[i];

		if (h->raw == PM_RAW_EXACT && h->lit == lit &&
			(long) h->s >= est - k && (long) h->s <= est + k)
			return true;
	}
	return false;
}

/* Verify literal lit where it would start at est (screen or lookup). */
static bool
verify_one(PmMatcher *m, uint32_t lit, long est)
{
	const PmLit *l;
	const char *base;
	size_t		blen;
	int			d;
	int		   *D;
	PmRaw		h;

	if (!m->lookup)
		return exact_near(m, lit, est) || verify(m, lit, est);
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
 * Verify the literals of the recorded piece hits.  A literal that needs one
 * piece is verified at once (a (literal, start) pair once: the pieces of one
 * literal come one after the other in a text that names it).  A literal
 * that needs two is collected, and verified only where two of its distinct
 * pieces agree on the start within k.
 */
static bool
verify_pieces(PmMatcher *m)
{
	size_t		i;
	uint32_t	u;
	uint32_t	seen_lit[8];
	long		seen_est[8];
	unsigned	nseen = 0;
	size_t		ncand = 0;

	for (i = 0; i < m->nphits; i++)
	{
		const PmPiece *pc = &m->pieces[m->phits[i].piece];
		size_t		ps = (size_t) m->phits[i].end - pc->len;

		for (u = 0; u < pc->nuses; u++)
		{
			const PmPieceUse *use = &m->uses[pc->first_use + u];
			long		est = (long) ps - (long) use->piece_off;
			unsigned	j;
			bool		dup = false;

			if (m->lits[use->lit].need == 2)
			{
				if (ncand == m->capcands)
				{
					size_t		ncap = m->capcands ? m->capcands * 2 : 256;
					PmCand	   *nc = realloc(m->cands, ncap * sizeof(PmCand));

					if (nc == NULL)
					{
						m->oom = true;
						return false;
					}
					m->cands = nc;
					m->capcands = ncap;
				}
				m->cands[ncand].lit = use->lit;
				m->cands[ncand].piece_off = use->piece_off;
				m->cands[ncand].est = est;
				ncand++;
				continue;
			}
			for (j = 0; j < nseen && j < 8; j++)
				if (seen_lit[j] == use->lit && seen_est[j] == est)
					dup = true;
			if (dup)
				continue;
			seen_lit[nseen % 8] = use->lit;
			seen_est[nseen % 8] = est;
			nseen++;
			if (!verify_one(m, use->lit, est))
				return false;
		}
	}
	if (ncand < 2)
		return true;
	qsort(m->cands, ncand, sizeof(PmCand), cand_cmp);
	for (i = 0; i < ncand; i++)
	{
		const PmCand *c = &m->cands[i];
		long		k = m->lits[c->lit].k;
		size_t		j;
		bool		two = false;

		if (i > 0 && m->cands[i - 1].lit == c->lit && m->cands[i - 1].est == c->est)
			continue;			/* verified (or rejected) already */
		for (j = i; j-- > 0 && m->cands[j].lit == c->lit && c->est - m->cands[j].est <= k;)
			if (m->cands[j].piece_off != c->piece_off)
				two = true;
		for (j = i + 1; !two && j < ncand && m->cands[j].lit == c->lit &&
			 m->cands[j].est - c->est <= k; j++)
			if (m->cands[j].piece_off != c->piece_off)
				two = true;
		if (two && !verify_one(m, c->lit, c->est))
			return false;
	}
	return true;
}

static int
fuzzy_cmp(const void *a, const void *b)
{
	const PmRaw *x = a;
	const PmRaw *y = b;

	if (x->lit != y->lit)
		return x->lit < y->lit ? -1 : 1;
	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->dist != y->dist)
		return x->dist < y->dist ? -1 : 1;
	return x->e < y->e ? -1 : x->e > y->e;
}

static int
span_cmp(const void *a, const void *b)
{
	const PmRaw *x = a;
	const PmRaw *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	return x->e > y->e ? -1 : x->e < y->e;
}

/*
 * Remove duplicate fuzzy hits of one term (found through several pieces)
 * and fuzzy hits inside the span of an exact hit of any term: the text names
 * a known term exactly, so a near miss of another is not reported.
 */
static void
fuzzy_compact(PmMatcher *m)
{
	size_t		first = m->fuzzy_first;
	size_t		nex = first;
	size_t		i,
				out;
	PmRaw	   *f;
	size_t		nf = m->nhits - first;

	if (nf == 0)
		return;					/* hits may still be NULL */
	f = m->hits + first;
	qsort(f, nf, sizeof(PmRaw), fuzzy_cmp);
	/* exact (and identifier) hits sorted by start, for containment checks */
	if (nex > 1)
		qsort(m->hits, nex, sizeof(PmRaw), span_cmp);
	out = 0;
	for (i = 0; i < nf; i++)
	{
		PmRaw		h = f[i];
		size_t		lo,
					hi;
		bool		covered = false;

		if (out > 0 && f[out - 1].lit == h.lit && h.s < f[out - 1].e)
			continue;			/* same term, overlapping: the better one is kept */

		/* last exact hit starting at or before h.s */
		lo = 0;
		hi = nex;
		while (lo < hi)
		{
			size_t		mid = (lo + hi) / 2;

			if (m->hits[mid].s <= h.s)
				lo = mid + 1;
			else
				hi = mid;
		}
		while (lo > 0)
		{
			const PmRaw *x = &m->hits[lo - 1];

			if ((size_t) x->s + m->max_norm_len < h.e)
				break;
			if (x->raw == PM_RAW_EXACT && x->e >= h.e)
			{
				covered = true;
				break;
			}
			lo--;
		}
		if (!covered)
			f[out++] = h;
	}
	m->nhits = first + out;
}

bool
pm_fuzzy_scan(PmMatcher *m)
{
	m->fuzzy_first = m->nhits;
	if (!verify_pieces(m))
	{
		pm_set_error(m, "out of memory storing hits");
		return false;
	}
	fuzzy_compact(m);
	return true;
}

void
pm_fuzzy_lookup(PmMatcher *m, size_t bs, size_t be)
{
	size_t		i;

	/* an exact answer exists: do not second-guess it */
	for (i = 0; i < m->nhits; i++)
		if (m->hits[i].raw == PM_RAW_EXACT)
			return;
	m->lookup_bs = bs;
	m->lookup_be = be;
	m->fuzzy_first = m->nhits;
	if (!verify_pieces(m))
		m->oom = true;			/* reported as PM_ERROR by the caller */
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
