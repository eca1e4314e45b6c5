/*
 * matcher_fuzzy_index.c
 *		The fuzzy index, built with the matcher: how many edits each
 *		literal allows (pm_fuzzy_k) and the pigeonhole pieces it is cut into
 *		(pm_fuzzy_build), chosen to be rare in chemical text.
 *
 * A term allowed k edits is cut into k+1 pieces; any text within k edits of
 * the term contains at least one piece unchanged.  The pieces of all terms
 * are extra literals of the term database, so a piece hit costs no second
 * pass over the text; matcher_fuzzy.c and matcher_fuzzy_align.c verify them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lexicon.h"
#include "matcher_int.h"

/*
 * Shortest piece.  Every fuzzy literal gets exactly k+1 pieces and is tried
 * wherever one of them is found.  (Long terms once got k+2 and were tried
 * only where two agreed; since a try is refused from the literal's bytes
 * around the piece, the extra pieces cost more to find than they saved:
 * without them, 15 % less misspelling cost on the shipped terms and 5-10 %
 * on 100,000 names, the same hits.)
 */
#define PM_PIECE_MIN 4
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
	size_t		qmax = m->nterms >= PM_PIECE_LARGE_TERMS ? PM_PIECE_MAX_LARGE : PM_PIECE_MAX;

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
	*q = (l->len - (np - 1)) / np;
	if (*q > qmax)
		*q = qmax;
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
 * fuzzy scan costs no second pass over the text.  (Over 100 lines: frequency
 * count, dynamic programme and grouping are three passes over one table.)
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
	return pm_fuzzy_link(m);

oom:
	pm_set_error(m, "out of memory building fuzzy pieces");
	free(cnt);
	free(cost);
	free(tmp);
	return false;
}

/*
 * File every use with what a scan needs to try it (PmUseEnt, in the order
 * of uses, so each piece's together) and index the pieces (PmPieceScan).
 * The uses of a piece are contiguous: pm_fuzzy_build makes them so, and
 * pm_deserialize refuses a matcher whose pieces do not cover their uses
 * one run after the other.
 */
bool
pm_fuzzy_link(PmMatcher *m)
{
	uint32_t	i;

	if (m->nuses == 0)
		return true;
	m->use_ent = malloc((size_t) m->nuses * sizeof(PmUseEnt));
	m->piece_scan = malloc(((size_t) m->npieces + 1) * sizeof(PmPieceScan));
	if (m->use_ent == NULL || m->piece_scan == NULL)
	{
		pm_set_error(m, "out of memory indexing fuzzy pieces");
		return false;
	}
	for (i = 0; i < m->npieces; i++)
	{
		const PmPiece *pc = &m->pieces[i];
		PmPieceScan *sc = &m->piece_scan[i];
		uint32_t	u;

		sc->off = pc->off;
		sc->len = pc->len;
		sc->use_first = pc->first_use;
		sc->use_end = pc->first_use + pc->nuses;
		for (u = sc->use_first; u < sc->use_end; u++)
		{
			const PmPieceUse *us = &m->uses[u];
			const PmLit *l = &m->lits[us->lit];
			const char *lt = m->pool + l->off;
			size_t		after = us->piece_off + pc->len;
			PmUseEnt   *ue = &m->use_ent[u];

			ue->cand.lit = us->lit;
			ue->cand.lit_off = l->off;
			ue->cand.lit_len = l->len;
			ue->cand.piece_off = us->piece_off;
			ue->cand.k = l->k;
			ue->nbefore = 0;
			while (ue->nbefore < PM_NEAR_BYTES && ue->nbefore < us->piece_off)
			{
				ue->before[ue->nbefore] = lt[us->piece_off - 1 - ue->nbefore];
				ue->nbefore++;
			}
			ue->nafter = 0;
			while (ue->nafter < PM_NEAR_BYTES && after + ue->nafter < l->len)
			{
				ue->after[ue->nafter] = lt[after + ue->nafter];
				ue->nafter++;
			}
		}
	}
	return true;
}
