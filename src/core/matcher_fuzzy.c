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

/* The (literal, start) pairs verified lately: a pair is verified once */
typedef struct RecentCandidates
{
	uint32_t	lit[8];
	long		est[8];
	unsigned	n;
} RecentCandidates;

/*
 * A use of a piece found at ps (its PmCand c): verify its literal where the
 * piece puts it, unless the literal is found exactly there or inside an
 * exact hit (pm_fuzzy_exact_near: most piece hits are of names written
 * right), does not align around the piece within its k edits
 * (pm_fuzzy_anchored), or was verified there already.  The pieces of one
 * literal come one after the other in a text that names it, so a short ring
 * of recent candidates catches the repeats.  The exact hits are at hand;
 * the literal's text is read only past them.  False only when out of
 * memory.
 */
static bool
try_use(PmMatcher *m, RecentCandidates *rc, const PmCand *c, size_t ps, size_t plen)
{
	long		est = (long) ps - (long) c->piece_off;
	unsigned	j;

	if (!m->lookup && (pm_fuzzy_exact_near(m, c, est) ||
					   !pm_fuzzy_anchored(m, c, plen, ps)))
		return true;
	for (j = 0; j < rc->n && j < 8; j++)
		if (rc->lit[j] == c->lit && rc->est[j] == est)
			return true;
	rc->lit[rc->n % 8] = c->lit;
	rc->est[rc->n % 8] = est;
	rc->n++;
	return pm_fuzzy_verify_one(m, c->lit, est);
}

/*
 * Count the bytes of n[0 .. nn) found nowhere within k of their place in
 * the text read from position at in direction step (lonely_bytes of
 * matcher_fuzzy_align.c, on the few bytes a PmUseEnt keeps).
 */
static inline int
near_lonely(const PmMatcher *m, const char *n, int nn, long at, int step, int k, int count)
{
	int			i;

	for (i = 0; i < nn && count <= k; i++)
	{
		int			d;
		bool		found = false;

		for (d = -k; d <= k && !found; d++)
		{
			long		x = at + step * (i + d);

			found = x >= 0 && x < (long) m->nb.len && m->nb.text[x] == n[i];
		}
		if (!found)
			count++;
	}
	return count;
}

#if PM_NEAR_BYTES + 2 * PM_MAX_EDITS > 8
#error "near_lonely_word() reads one 64-bit word per side"
#endif

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/*
 * near_lonely on eight text bytes at once: w holds the text from where the
 * first byte's window starts (byte j of w is text byte start + j); needle
 * byte i belongs at window place i + k (backwards: nn - 1 - i + k), so it
 * is found if it equals any of the bytes i .. i + 2k (nn - 1 - i ..).
 * Branch-free: most of these tests fail, and unpredictably.
 */
static inline int
near_lonely_word(uint64_t w, const char *n, int nn, int k, bool backwards)
{
	uint64_t	span = (UINT64_C(1) << (8 * (2 * k + 1))) - 1;
	int			count = 0;
	int			i;

	for (i = 0; i < nn; i++)
	{
		uint64_t	eq = pm_zero_bytes(w ^ (UINT64_C(0x0101010101010101) * (unsigned char) n[i]));
		int			j0 = backwards ? nn - 1 - i : i;

		count += (eq & (span << (8 * j0))) == 0;
	}
	return count;
}
#endif

/*
 * Can a use of the piece found at [ps, pe) be refused from the
 * literal's bytes next to the piece alone?  More than k of them found
 * nowhere near their place need more than k edits.  Reading only the
 * entry, not the literal, keeps a piece shared by thousands of literals
 * from costing a cache miss for each.
 */
static inline bool
near_bytes_fail(const PmMatcher *m, const PmUseEnt *se, size_t ps, size_t pe)
{
	int			k = se->cand.k;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	long		bstart = (long) ps - se->nbefore - k;
	long		astart = (long) pe - k;

	/* both windows (at most 4 + 2k <= 8 bytes) inside the text */
	if (k <= PM_MAX_EDITS && bstart >= 0 && astart >= 0 &&
		bstart + 8 <= (long) m->nb.len && astart + 8 <= (long) m->nb.len)
	{
		uint64_t	wb,
					wa;

		memcpy(&wb, m->nb.text + bstart, 8);
		memcpy(&wa, m->nb.text + astart, 8);
		return near_lonely_word(wb, se->before, se->nbefore, k, true) +
			near_lonely_word(wa, se->after, se->nafter, k, false) > k;
	}
#endif
	return near_lonely(m, se->after, se->nafter, (long) pe, 1, k,
					   near_lonely(m, se->before, se->nbefore, (long) ps - 1, -1, k, 0)) > k;
}

/*
 * Verify the literals of the recorded piece hits: every use of each piece
 * found that its near bytes do not refuse is tried (try_use decides which
 * are verified).
 */
static bool
verify_pieces(PmMatcher *m)
{
	size_t		i;
	RecentCandidates rc;
	bool		ok = true;

	rc.n = 0;
	for (i = 0; i < m->nphits && ok; i++)
	{
		uint32_t	p = m->phits[i].piece;
		const PmPieceScan *sc = &m->piece_scan[p];
		size_t		ps = (size_t) m->phits[i].end - sc->len;
		uint32_t	u;

		if (i + 1 < m->nphits)
		{
			/* the next piece's uses are fetched while these are tried */
			const PmPieceScan *nx = &m->piece_scan[m->phits[i + 1].piece];

			PM_PREFETCH(m->use_ent + nx->use_first);
		}

		for (u = sc->use_first; u < sc->use_end && ok; u++)
		{
			const PmUseEnt *ue = &m->use_ent[u];

			if (!near_bytes_fail(m, ue, ps, ps + sc->len))
				ok = try_use(m, &rc, &ue->cand, ps, sc->len);
		}
	}
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
