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
#include <stdlib.h>
#include <string.h>

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
 * Allowed edit distance for a normalised term.  None for short terms,
 * abbreviations and anything with a digit: a changed locant or number is a
 * different chemical ("1-phenyl-2-propanone" vs "1-phenyl-1-propanone").
 */
int
pm_fuzzy_k(const char *norm, size_t len, bool abbreviation)
{
	size_t		i;

	if (abbreviation || len < 8)
		return 0;
	for (i = 0; i < len; i++)
		if (norm[i] >= '0' && norm[i] <= '9')
			return 0;
	if (len <= 12)
		return 1;
	if (len <= 19)
		return 2;
	return 3;
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
 * Number of pieces for literal l (0: no fuzzy matching) and their length.
 * k is lowered when the term is too short for k+1 pieces of PM_PIECE_MIN.
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
	if (l->k == 0)
		return 0;
	np = l->k + 1;
	if (l->len / np < PM_PIECE_MIN)
	{
		l->k = (uint8_t) (l->len / PM_PIECE_MIN - 1);
		if (l->k == 0)
			return 0;
		np = l->k + 1;
	}
	l->need = 1;
	if (l->len / (np + 1) >= PM_PIECE_TWO)
	{
		np++;
		l->need = 2;
	}
	*q = l->len / np < PM_PIECE_MAX ? l->len / np : PM_PIECE_MAX;
	return np;
}

/*
 * Cut the fuzzy literals into pieces.  Pigeonhole: any k+1 DISJOINT pieces
 * will do (k edits spoil at most k of them), so each literal gets the k+1
 * non-overlapping pieces of length q whose total frequency over all
 * literals' pieces is lowest: "meth", "chlor" or "acid " as pieces of
 * thousands of names would each cost thousands of verifications per
 * occurrence in a text.  A dynamic programme over the positions picks them.
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

	cnt = calloc((size_t) 1 << PM_GRAM_BITS, sizeof(uint32_t));
	cost = malloc((size_t) 6 * (maxlen + 1) * sizeof(uint64_t));
	m->dprow = malloc((size_t) 2 * (maxlen + 2 * 8 + 2) * sizeof(int));
	if (cnt == NULL || cost == NULL || m->dprow == NULL)
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
		 * cost[j][p]: lowest total frequency of j pieces inside [0, p).
		 * np <= 5 and np * q <= L, so a solution always exists.
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

				if (p >= q && cp[p - q] != UINT64_MAX)
				{
					uint64_t	c = cp[p - q] + cnt[gram_hash(m->pool + l->off + p - q, q)];

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
 * Best alignment of literal l in nb.text around est (where the term would
 * start if the piece were in place), on token boundaries.  Pushes a fuzzy
 * hit when one within l->k edits exists.
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
	size_t		e;
	int			best = k + 1;
	size_t		best_s = 0,
				best_e = 0;
	PmRaw		h;

	/*
	 * The window is [est - k, est + L + k) clipped to the text, so at most
	 * L + 2k bytes: fwd[] and dprow are sized for k <= 8.  A loaded matcher
	 * with a wild piece (est far outside the text) must not widen it.
	 */
	if (k > 8 || hi <= 0 || lo >= (long) m->nb.len)
		return true;
	a = lo < 0 ? 0 : (size_t) lo;
	b = (size_t) hi > m->nb.len ? m->nb.len : (size_t) hi;
	if (a >= b)
		return true;

	if (L <= 64)
	{
		uint64_t	pv = ~UINT64_C(0),
					mv = 0,
					hb = UINT64_C(1) << (L - 1);
		int			score = (int) L;
		int			fwd[64 + 2 * 8 + 1];
		size_t		j;

		/* forward search: best distance of the term ending at each e */
		peq_set(m->peq, pat, L, false);
		for (j = a; j < b; j++)
		{
			score += myers_step(m->peq[(unsigned char) t[j]], &pv, &mv, hb, false);
			fwd[j - a] = score;
		}
		peq_clear(m->peq, pat, L);

		/* for each good end on a boundary, an anchored backward pass */
		peq_set(m->peq, pat, L, true);
		for (e = a + 1; e <= b; e++)
		{
			size_t		i;

			if (fwd[e - 1 - a] > k || fwd[e - 1 - a] >= best + 0 ||
				!pm_boundary_after(m, e))
				continue;
			pv = ~UINT64_C(0);
			mv = 0;
			score = (int) L;
			for (i = e; i > a; i--)
			{
				score += myers_step(m->peq[(unsigned char) t[i - 1]], &pv, &mv, hb, true);
				if (score < best && pm_boundary_before(m, i - 1))
				{
					best = score;
					best_s = i - 1;
					best_e = e;
				}
			}
		}
		peq_clear(m->peq, pat, L);
	}
	else
	{
		/*
		 * Long terms: from each start on a token boundary near est, one
		 * anchored dynamic programme limited to the band of k diagonals
		 * gives the distance for every end at once: O(L k) per start.
		 */
		size_t		i;

		for (i = a; i < b && (long) i <= est + k; i++)
		{
			size_t		W = b - i;
			size_t		r,
						c;
			int		   *prev = m->dprow;
			int		   *cur = m->dprow + (L + 2 * 8 + 2);
			int			inf = k + 1;

			if (!pm_boundary_before(m, i))
				continue;
			if (W > L + (size_t) k)
				W = L + (size_t) k;
			/* row 0: text consumed without the pattern */
			for (c = 0; c <= W; c++)
				prev[c] = c <= (size_t) k ? (int) c : inf;
			for (r = 1; r <= L; r++)
			{
				size_t		lo = r > (size_t) k ? r - (size_t) k : 0;
				size_t		hi = r + (size_t) k < W ? r + (size_t) k : W;
				int			rowmin = inf;

				if (lo > W)
					break;
				if (lo > 0)
					cur[lo - 1] = inf;
				for (c = lo; c <= hi; c++)
				{
					int			v = c == 0 ? (int) r : inf;

					if (c > 0)
					{
						int			diag = prev[c - 1] + (pat[r - 1] != t[i + c - 1]);
						int			left = cur[c - 1] + 1;

						if (diag < v)
							v = diag;
						if (left < v)
							v = left;
					}
					if (c + (size_t) k >= r && c <= r - 1 + (size_t) k && prev[c] + 1 < v)
						v = prev[c] + 1;	/* prev[c] is inside the previous band */
					if (v > inf)
						v = inf;
					cur[c] = v;
					if (v < rowmin)
						rowmin = v;
				}
				if (hi + 1 <= W)
					cur[hi + 1] = inf;
				if (rowmin > k)
					break;		/* every alignment already costs too much */
				{
					int		   *sw = prev;

					prev = cur;
					cur = sw;
				}
			}
			if (r <= L)
				continue;
			/* prev = row L: the distance for each end i + c */
			for (c = L > (size_t) k ? L - (size_t) k : 1; c <= W; c++)
			{
				int			d = prev[c];

				e = i + c;
				if (d > k || !pm_boundary_after(m, e))
					continue;
				if (d < best || (d == best && (e < best_e || (e == best_e && i < best_s))))
				{
					best = d;
					best_s = i;
					best_e = e;
				}
			}
		}
	}

	if (best > k || best == 0)
		return true;			/* nothing, or the exact hit reported anyway */
	if (!pm_start_is_own(m, best_s))
		return true;
	memset(&h, 0, sizeof(h));
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

/* Verify literal lit where it would start at est (screen or lookup). */
static bool
verify_one(PmMatcher *m, uint32_t lit, long est)
{
	const PmLit *l;
	const char *base;
	size_t		blen;
	int			d;
	PmRaw		h;

	if (!m->lookup)
		return verify(m, lit, est);
	l = &m->lits[lit];
	base = m->nb.text + m->lookup_bs;
	blen = m->lookup_be - m->lookup_bs;
	d = pm_edit_distance(m->pool + l->off, l->len, base, blen, l->k);
	if (d == 0 || d > l->k)
		return true;
	memset(&h, 0, sizeof(h));
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
