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

/*
 * Is another piece of the use's literal in the text where the literal puts
 * it, give or take k?  Two pieces agreeing on the start within k is what a
 * literal of need 2 asks for before it is verified.  Most partners were not
 * found anywhere in the text (piece_seen, one bit), so a piece shared by
 * thousands of literals ("loride" of "hydrochloride") costs a bit test per
 * literal; collecting and sorting candidates cost most of a fuzzy scan.
 */
static inline bool
partner_near(const PmMatcher *m, const PmUseScan *us, long ps)
{
	unsigned	j;

	for (j = 0; j < us->npart; j++)
	{
		uint32_t	p = us->part_piece[j];
		const PmPiece *pc;
		long		d;

		if (!(m->piece_seen[p / 64] & (UINT64_C(1) << (p % 64))))
			continue;
		pc = &m->pieces[p];
		for (d = -(long) us->k; d <= (long) us->k; d++)
		{
			long		q = ps + us->part_rel[j] + d;

			if (q >= 0 && q + (long) pc->len <= (long) m->nb.len &&
				memcmp(m->nb.text + q, m->pool + pc->off, pc->len) == 0)
				return true;
		}
	}
	return false;
}

/*
 * Verify the literals of the recorded piece hits.  A literal that needs one
 * piece is verified at once; one that needs two only where a second of its
 * pieces agrees on the start within k (partner_near).  Either must align
 * around the piece within k edits (pm_fuzzy_anchored).  A (literal, start) pair is verified once: the pieces of one
 * literal come one after the other in a text that names it.
 */
static bool
verify_pieces(PmMatcher *m)
{
	size_t		i;
	uint32_t	u;
	uint32_t	seen_lit[8];
	long		seen_est[8];
	unsigned	nseen = 0;
	bool		ok = true;

	for (i = 0; i < m->nphits; i++)
	{
		uint32_t	p = m->phits[i].piece;

		m->piece_seen[p / 64] |= UINT64_C(1) << (p % 64);
	}
	for (i = 0; i < m->nphits && ok; i++)
	{
		const PmPiece *pc = &m->pieces[m->phits[i].piece];
		size_t		ps = (size_t) m->phits[i].end - pc->len;

		for (u = pc->first_use; u < pc->first_use + pc->nuses; u++)
		{
			const PmUseScan *us = &m->use_scan[u];
			long		est = (long) ps - (long) us->piece_off;
			unsigned	j;
			bool		dup = false;

			if (us->need == 2 && !partner_near(m, us, (long) ps))
				continue;
			if (!m->lookup && !pm_fuzzy_anchored(m, us->lit, us->piece_off, pc->len, ps))
				continue;
			for (j = 0; j < nseen && j < 8; j++)
				if (seen_lit[j] == us->lit && seen_est[j] == est)
					dup = true;
			if (dup)
				continue;
			seen_lit[nseen % 8] = us->lit;
			seen_est[nseen % 8] = est;
			nseen++;
			if (!pm_fuzzy_verify_one(m, us->lit, est))
			{
				ok = false;
				break;
			}
		}
	}
	for (i = 0; i < m->nphits; i++)
		m->piece_seen[m->phits[i].piece / 64] = 0;
	return ok;
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
