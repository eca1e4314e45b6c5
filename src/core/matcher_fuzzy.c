/*
 * matcher_fuzzy.c
 *		The fuzzy part of a scan: the pieces found by the term database's
 *		pass are turned into candidates (a literal and where it would start),
 *		verified (matcher_fuzzy_align.c), and the fuzzy hits deduplicated and
 *		dropped under exact hits.
 *
 * The pieces themselves are chosen in matcher_fuzzy_index.c.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher_int.h"

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
			if (!pm_fuzzy_verify_one(m, use->lit, est))
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
		if (two && !pm_fuzzy_verify_one(m, c->lit, c->est))
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
