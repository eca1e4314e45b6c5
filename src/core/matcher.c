/*
 * matcher.c
 *		The scan of the multi-pattern matching engine: one Vectorscan pass over
 *		the normalised text window by window, keeping hits on token
 *		boundaries, mapping them back to the original bytes and reporting them
 *		(pm_screen, pm_lookup).
 *
 * Building the matcher is in matcher_build.c, its stored format in
 * matcher_serial.c, fuzzy matching in matcher_fuzzy*.c, negation cues in
 * matcher_negation.c, identifiers (CAS RN, EC, CN, InChIKey) in
 * matcher_ident.c.  The README's matching section gives the rules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher_int.h"

static const char *const pm_kind_names[] = {
	"name", "synonym", "fuzzy", "homoglyph", "cas", "ec", "cn", "inchikey"
};

const char *
pm_hit_kind_name(PmHitKind kind)
{
	if ((int) kind < 0 || (size_t) kind >= sizeof(pm_kind_names) / sizeof(pm_kind_names[0]))
		return "unknown";
	return pm_kind_names[kind];
}

void
pm_set_error(PmMatcher *m, const char *fmt,...)
{
	va_list		ap;

	m->error.code = PRECURSOR_INTERNAL_ERROR;
	m->error.message = "the matcher failed";
	m->error.hint = NULL;
	va_start(ap, fmt);
	vsnprintf(m->error.detail, sizeof(m->error.detail), fmt, ap);
	va_end(ap);
}

const PrecursorError *
pm_error(const PmMatcher *m)
{
	static const PrecursorError no_matcher = {
		PRECURSOR_INTERNAL_ERROR, "the matcher failed", "no matcher", NULL
	};

	return m ? &m->error : &no_matcher;
}

size_t
pm_term_count(const PmMatcher *m)
{
	return m ? m->nterms : 0;
}

void
pm_set_window_size(PmMatcher *m, size_t bytes)
{
	m->window_size = bytes < PM_WINDOW_MIN ? PM_WINDOW_MIN : bytes;
}

/* ------------------------------------------------------------------------
 * Hits in the current window
 * ------------------------------------------------------------------------
 */

bool
pm_push_hit(PmMatcher *m, const PmRaw *h)
{
	if (m->nhits == m->caphits)
	{
		size_t		ncap = m->caphits ? m->caphits * 2 : 64;
		PmRaw	   *nh = realloc(m->hits, ncap * sizeof(PmRaw));

		if (nh == NULL)
		{
			m->oom = true;
			return false;
		}
		m->hits = nh;
		m->caphits = ncap;
	}
	m->hits[m->nhits++] = *h;
	return true;
}

static inline bool
is_ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * A hit must start after a separator or at the start of the text; the start
 * of a window that is not the start of the text counts only when the
 * original text has white space there (windows are cut after white space).
 */
bool
pm_boundary_before(const PmMatcher *m, size_t s)
{
	char		c;

	if (s == 0)
		return m->region_start == 0 ||
			is_ascii_space((unsigned char) m->text[m->region_start - 1]);
	c = m->nb.text[s - 1];
	return c == ' ' || c == '|';
}

/*
 * '-' is not a boundary: it only ever joins two digits, and a hit ending
 * inside "103-79-7" would cut a number.
 */
bool
pm_boundary_after(const PmMatcher *m, size_t e)
{
	char		c;

	if (e >= m->nb.len)
		return m->region_end >= m->text_len ||
			is_ascii_space((unsigned char) m->text[m->region_end]);
	c = m->nb.text[e];
	return c == ' ' || c == '|';
}

bool
pm_start_is_own(const PmMatcher *m, size_t s)
{
	size_t		o;

	if (m->lookup)
		return true;
	o = m->region_start + m->nb.offset[s];
	return o >= m->own_start && o < m->own_end;
}

/*
 * An exact hit of literal lit at [s, e), if on boundaries and in the window's
 * own part.  A hit that starts in the part before it is kept but not
 * reported (the previous window reports it): a variant inside it is no hit
 * here either, wherever the window was cut.
 */
static inline bool
push_exact(PmMatcher *m, uint32_t lit, size_t s, size_t e)
{
	PmRaw		h;
	bool		before = false;

	if (!pm_boundary_after(m, e))
		return true;
	if (!pm_start_is_own(m, s))
	{
		if (m->region_start + m->nb.offset[s] >= m->own_start)
			return true;
		before = true;
	}
	h.before_own = before;
	h.s = (uint32_t) s;
	h.e = (uint32_t) e;
	h.lit = lit;
	h.raw = PM_RAW_EXACT;
	h.ident_kind = 0;
	h.nedits = 0;
	h.dist = 0;
	h.ident = 0;
	return pm_push_hit(m, &h);
}

/*
 * First literal in lits[lo, hi) whose byte d is >= c (above: > c).  All
 * literals of the range share their first d bytes and are longer than d,
 * so byte d is sorted within the range.
 */
static inline uint32_t
lit_bound(const PmMatcher *m, uint32_t lo, uint32_t hi, size_t d,
		  unsigned char c, bool above)
{
	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;
		unsigned char b = (unsigned char) m->pool[m->lits[mid].off + d];

		if (b < c || (above && b == c))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The prefix of group g was found ending at 'to': report every literal of
 * the group that the text continues into.  A walk down the sorted run,
 * narrowing it byte by byte (a trie walk by binary search), so that a
 * prefix shared by hundreds of terms ("benzoic acid ...") costs a few
 * comparisons per byte, not one per term.
 */
static bool
group_hit(PmMatcher *m, const PmGroup *g, size_t to)
{
	const char *t = m->nb.text;
	size_t		tlen = m->nb.len;
	size_t		s = to - g->plen;
	size_t		d = g->plen;
	uint32_t	lo = g->first_lit;
	uint32_t	hi = g->first_lit + g->nlits;

	if (!pm_boundary_before(m, s))
		return true;
	while (lo < hi)
	{
		/* literals that end here come first in the run */
		while (lo < hi && m->lits[lo].len == d)
		{
			if (!push_exact(m, lo, s, s + d))
				return false;
			lo++;
		}
		if (lo >= hi || s + d >= tlen)
			break;
		if (hi - lo == 1)
		{
			const PmLit *l = &m->lits[lo];

			if (s + l->len <= tlen &&
				memcmp(m->pool + l->off + d, t + s + d, l->len - d) == 0)
				return push_exact(m, lo, s, s + l->len);
			break;
		}
		lo = lit_bound(m, lo, hi, d, (unsigned char) t[s + d], false);
		hi = lit_bound(m, lo, hi, d, (unsigned char) t[s + d], true);
		d++;
	}
	return true;
}

/* Piece `piece` found ending at `to`: recorded when the scan wants pieces */
static inline int
piece_found(PmMatcher *m, uint64_t piece, unsigned long long to)
{
	if (!m->want_pieces || piece >= m->npieces || to < m->pieces[piece].len)
		return 0;
	return pm_fuzzy_record(m, (uint32_t) piece, (size_t) to) ? 0 : 1;
}

static int
exact_cb(unsigned int id, unsigned long long from, unsigned long long to,
		 unsigned int flags, void *ctx)
{
	PmMatcher  *m = ctx;

	(void) from;
	(void) flags;

	/*
	 * A loaded database and its tables passed separate checks: an id or a
	 * match end they disagree on is ignored, never used as an index.
	 */
	if (id >= m->piece_base)
		return piece_found(m, id - m->piece_base, to);
	if (id >= m->ngroups)
	{
		size_t		ncue = pm_ident_cue_count();
		size_t		cue = id - m->ngroups;
		size_t		wl;

		/* " cn" or "|cn": the word's own span */
		if (cue >= PM_CUE_PATTERNS * ncue)
			return 0;
		cue %= ncue;
		wl = pm_ident_cue_len(cue);
		if (to < wl)
			return 0;
		return pm_ident_on_cue(m, cue, (size_t) to - wl, (size_t) to) ? 0 : 1;
	}
	if (to < m->groups[id].plen)
		return 0;
	return group_hit(m, &m->groups[id], (size_t) to) ? 0 : 1;
}

static int
pieces_cb(unsigned int id, unsigned long long from, unsigned long long to,
		  unsigned int flags, void *ctx)
{
	return piece_found((PmMatcher *) ctx, id, to);
}

/* Record the fuzzy pieces of the normalised window (want_pieces scans). */
static hs_error_t
pm_scan_pieces(PmMatcher *m)
{
	if (!m->want_pieces || m->db_pieces == NULL)
		return HS_SUCCESS;
	return hs_scan(m->db_pieces, m->nb.text, (unsigned int) m->nb.len, 0,
				   m->scratch, pieces_cb, m);
}

/* UTF-8 sequence length from its lead byte (1 for anything unexpected). */
static inline size_t
utf8_len(unsigned char c)
{
	if (c < 0xC0)
		return 1;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	if (c < 0xF8)
		return 4;
	return 1;
}

/* Is the character at p a combining mark or variation selector? */
static bool
is_combining_at(const unsigned char *p, size_t avail, size_t *clen)
{
	uint32_t	cp;

	if (avail < 2 || p[0] < 0xC0)
		return false;
	*clen = utf8_len(p[0]);
	if (*clen > avail)
		return false;
	if (*clen == 2)
		cp = ((uint32_t) (p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	else if (*clen == 3)
		cp = ((uint32_t) (p[0] & 0x0F) << 12) | ((uint32_t) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	else
		return false;
	return (cp >= 0x0300 && cp <= 0x036F) ||
		(cp >= 0x1AB0 && cp <= 0x1AFF) ||
		(cp >= 0x1DC0 && cp <= 0x1DFF) ||
		(cp >= 0x20D0 && cp <= 0x20FF) ||
		(cp >= 0xFE00 && cp <= 0xFE0F) ||
		(cp >= 0xFE20 && cp <= 0xFE2F);
}

/*
 * Original byte just after the source character that produced normalised
 * byte e-1, extended over combining marks that were folded into it.
 */
static size_t
orig_end(const PmMatcher *m, size_t e)
{
	size_t		cs = m->region_start + m->nb.offset[e - 1];
	size_t		limit = e < m->nb.len ? m->region_start + m->nb.offset[e] : m->region_end;
	size_t		p = cs + utf8_len((unsigned char) m->text[cs]);
	size_t		clen;

	if (p > m->region_end)
		p = m->region_end;
	while (p < limit &&
		   is_combining_at((const unsigned char *) m->text + p, m->region_end - p, &clen))
		p += clen;
	return p;
}

static int
raw_cmp(const void *a, const void *b)
{
	const PmRaw *x = a;
	const PmRaw *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e > y->e ? -1 : 1;	/* longer first */
	if (x->raw != y->raw)
		return x->raw < y->raw ? -1 : 1;
	if (x->ident_kind != y->ident_kind)
		return x->ident_kind < y->ident_kind ? -1 : 1;
	if (x->lit != y->lit)
		return x->lit < y->lit ? -1 : 1;
	if (x->ident != y->ident)
		return x->ident < y->ident ? -1 : 1;
	return inchikey_cmp(&x->inchikey, &y->inchikey);
}

static float
term_score(const PmMatcher *m, const PmLit *l, const PmRef *r)
{
	switch ((PmTermKind) r->kind)
	{
		case PM_TERM_NAME:
			return 1.0f;
		case PM_TERM_SYNONYM:
			return 0.98f;
		case PM_TERM_ABBREVIATION:
			/* short abbreviations are riskier */
			return l->len <= 3 ? 0.85f : 0.9f;
	}
	return 0.9f;
}

/*
 * A hit on a variant that names a form of its own: a stereoisomer's own name
 * ("ergometrinine", of "ergometrine") is that stereoisomer, as "(8S)-" or
 * "rac-" before the name would say; a trade ester name ("BMK ethyl
 * glycidate") is that ester.  Only for the ref of that variant: another
 * term with the same text keeps the form read around the hit.
 */
static void
variant_form(const PmMatcher *m, const PmLit *l, int rule, ChemForm *form)
{
	const char *text = m->pool + l->off;

	if (rule == NV_RULE_STEREO_NAME && (form->flags & CHEM_FORM_STEREO) &&
		nv_stereo_name_excluded(text, l->len, form->stereo))
	{
		form->flags |= CHEM_FORM_OTHER;
		snprintf(form->other, sizeof(form->other), "excluded configuration %s", form->stereo);
	}
	else if (rule == NV_RULE_STEREO_NAME && !(form->flags & CHEM_FORM_STEREO))
	{
		const char *d = nv_stereo_name_descriptor(text, l->len);

		if (d != NULL)
		{
			form->flags |= CHEM_FORM_STEREO;
			snprintf(form->stereo, sizeof(form->stereo), "%s", d);
		}
	}
	else if (rule == NV_RULE_TRADE_ESTER && !(form->flags & CHEM_FORM_ESTER) &&
			 nv_trade_ester_alcohol(text, l->len, form->ester, sizeof(form->ester)))
		form->flags |= CHEM_FORM_ESTER;
}

/*
 * Sort the window's hits by position, expand them to caller terms, and call
 * back.  fixed_form is the whole-string form in lookup mode.
 */
static PmStatus
emit_hits(PmMatcher *m, uint32_t flags, PmHitFn on_hit, void *arg,
		  const ChemForm *fixed_form)
{
	size_t		i;
	const char *t = m->nb.text;
	size_t		nlen = m->nb.len;

	bool		late = (flags & PM_SCAN_LATE_CONTEXT) != 0;

	/* recent hits (term, end): a variant inside a hit of its own term is not a hit */
	uint32_t	recent_id[8];
	size_t		recent_end[8];
	int			nrecent = 0;

	if (m->nhits > 1)
		qsort(m->hits, m->nhits, sizeof(PmRaw), raw_cmp);
	for (i = 0; i < m->nhits; i++)
	{
		const PmRaw *h = &m->hits[i];
		PmHit		out;
		uint32_t	r;

		if (i > 0 && raw_cmp(h, &m->hits[i - 1]) == 0)
			continue;			/* the same identifier found through two cues */
		if (h->before_own)
		{
			/* the previous window's hit: only what it hides here */
			const PmLit *l = &m->lits[h->lit];

			for (r = 0; r < l->nrefs; r++)
			{
				recent_id[nrecent % 8] = m->refs[l->first_ref + r].id;
				recent_end[nrecent % 8] = h->e;
				nrecent++;
			}
			continue;
		}
		memset(&out, 0, sizeof(out));
		out.norm_start = h->s;
		out.norm_end = h->e;
		if (!late)
		{
			out.neg_cue = pm_negation_cue(m, h->s, h->e);
			out.negated = out.neg_cue != 0;
			if (out.negated && (flags & PM_SCAN_SKIP_NEGATED))
				continue;
		}
		if (fixed_form)
			out.form = *fixed_form;
		else if (!(late && h->raw == PM_RAW_IDENT))
			chemname_context_form(t, nlen, h->s, h->e, &out.form);
		out.homoglyph = norm_span_has_mark(&m->nb, h->s, h->e, NORM_MARK_HOMOGLYPH);
		out.start = m->region_start + m->nb.offset[h->s];
		out.end = orig_end(m, h->e);
		out.distance = h->dist;

		if (h->raw == PM_RAW_IDENT)
		{
			out.kind = (PmHitKind) h->ident_kind;
			out.ident = h->ident;
			out.inchikey = h->inchikey;
			out.score = out.homoglyph ? 0.9f : 1.0f;
			if (on_hit(&out, arg))
				return PM_STOPPED;
			continue;
		}
		{
			const PmLit *l = &m->lits[h->lit];
			ChemForm	form_read = out.form;

			for (r = 0; r < l->nrefs; r++)
			{
				const PmRef *ref = &m->refs[l->first_ref + r];
				float		base = term_score(m, l, ref);

				if (h->raw == PM_RAW_FUZZY)
				{
					/* misspellings of the terms as written, not of their variants */
					if (ref->kind == PM_TERM_ABBREVIATION || ref->rule != NV_RULE_NONE)
						continue;
					out.kind = PM_HIT_FUZZY;
					if (out.edit[0] == '\0')
						pm_fuzzy_describe(m, h, out.edit, sizeof(out.edit));
					/* falls with distance, less for short terms */
					base *= 0.95f * (1.0f - (float) h->dist / (float) (l->len + 1));
				}
				else if (out.homoglyph)
					out.kind = PM_HIT_HOMOGLYPH;
				else
					out.kind = ref->kind == PM_TERM_NAME ? PM_HIT_NAME : PM_HIT_SYNONYM;
				if (out.homoglyph)
					base *= 0.9f;
				out.term_id = ref->id;
				out.rule = ref->rule;
				out.score = base;
				/* the form as read around the hit, for each ref afresh */
				out.form = form_read;
				if (ref->rule == NV_RULE_STEREO_NAME ||
					ref->rule == NV_RULE_TRADE_ESTER)
					variant_form(m, l, ref->rule, &out.form);
				{
					int			q;
					bool		inside = false;

					for (q = 0; q < nrecent && q < 8; q++)
						inside |= recent_id[q] == ref->id && recent_end[q] >= h->e;
					if (inside)
						continue;
					recent_id[nrecent % 8] = ref->id;
					recent_end[nrecent % 8] = h->e;
					nrecent++;
				}

				if (on_hit(&out, arg))
					return PM_STOPPED;
			}
		}
	}
	return PM_OK;
}

int
pm_hit_negation_cue(const PmMatcher *m, const PmHit *hit)
{
	return pm_negation_cue(m, hit->norm_start, hit->norm_end);
}

static PmStatus
scan_status(PmMatcher *m, hs_error_t rc, const char *what)
{
	if (m->oom)
	{
		pm_set_error(m, "out of memory storing hits");
		return PM_ERROR;
	}
	if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED)
	{
		pm_set_error(m, "Vectorscan scan of the %s failed (error %d)", what, (int) rc);
		return PM_ERROR;
	}
	return PM_OK;
}

/* Normalise the current region into m->nb. */
static PmStatus
normalise_region(PmMatcher *m)
{
	NormStatus	st = normalize_text(m->text + m->region_start,
									m->region_end - m->region_start, &m->nb);

	if (st == NORM_INVALID_UTF8)
		return PM_INVALID_UTF8;
	if (st != NORM_OK)
	{
		pm_set_error(m, "normalisation failed: %s", m->nb.error.detail);
		return PM_ERROR;
	}
	if (m->nb.len > UINT32_MAX - 1)
	{
		pm_set_error(m, "window too large");
		return PM_ERROR;
	}
	return PM_OK;
}

/* Scan the region set in m (exact, identifiers, fuzzy) and report. */
static PmStatus
scan_window(PmMatcher *m, uint32_t flags, PmHitFn on_hit, void *arg)
{
	PmStatus	st;
	hs_error_t	rc;

	st = normalise_region(m);
	if (st != PM_OK)
		return st;
	m->nhits = 0;
	m->nphits = 0;
	m->oom = false;
	m->want_pieces = (flags & PM_SCAN_FUZZY) && m->npieces > 0;
	if (m->nb.len == 0)
		return PM_OK;
	if (m->db_exact)
	{
		rc = hs_scan(m->db_exact, m->nb.text, (unsigned int) m->nb.len, 0,
					 m->scratch, exact_cb, m);
		if ((st = scan_status(m, rc, "term database")) != PM_OK)
			return st;
	}
	if ((st = scan_status(m, pm_scan_pieces(m), "fuzzy pieces")) != PM_OK)
		return st;
	if (!pm_ident_scan(m))
		return PM_ERROR;
	if (m->want_pieces && m->nphits > 0 && m->nhits > 0 &&
		(flags & PM_SCAN_EXACT_FIRST))
	{
		/* the hits found so far may answer without any verification */
		st = emit_hits(m, flags, on_hit, arg, NULL);
		if (st != PM_OK)
			return st;
	}
	if (m->want_pieces && !pm_fuzzy_scan(m))
		return PM_ERROR;
	return emit_hits(m, flags, on_hit, arg, NULL);
}

/* Move p back to the start of the UTF-8 character containing it. */
static size_t
char_start(const char *text, size_t len, size_t p)
{
	while (p > 0 && p < len && (((unsigned char) text[p]) & 0xC0) == 0x80)
		p--;
	return p;
}

/* End of a window's own part near target: after white space if possible. */
static size_t
cut_point(const char *text, size_t len, size_t from, size_t target)
{
	size_t		p;
	size_t		lim = target > from + 4096 ? target - 4096 : from + 1;

	for (p = target; p > lim; p--)
		if (is_ascii_space((unsigned char) text[p - 1]))
			return p;
	p = char_start(text, len, target);
	return p > from ? p : target;
}

PmStatus
pm_screen(PmMatcher *m, const char *text, size_t len,
		  uint32_t scan_flags, PmHitFn on_hit, void *hit_arg,
		  PmInterruptFn interrupted, void *intr_arg)
{
	size_t		post;
	size_t		own;

	if (m == NULL || (text == NULL && len > 0) || on_hit == NULL)
		return PM_ERROR;
	m->text = text;
	m->text_len = len;
	m->lookup = false;
	if (len <= m->window_size)
	{
		m->region_start = m->own_start = 0;
		m->region_end = m->own_end = len;
		return scan_window(m, scan_flags, on_hit, hit_arg);
	}

	/* enough to hold the longest term even after expansion */
	post = 4 * (m->max_orig_len > m->max_norm_len ? m->max_orig_len : m->max_norm_len) + 1024;
	own = 0;
	while (own < len)
	{
		PmStatus	st;
		size_t		own_end;

		if (interrupted && interrupted(intr_arg))
			return PM_INTERRUPTED;
		own_end = len - own <= m->window_size ? len
			: cut_point(text, len, own, own + m->window_size);
		m->own_start = own;
		m->own_end = own_end;
		m->region_start = char_start(text, len, own > PM_WINDOW_PRE ? own - PM_WINDOW_PRE : 0);
		m->region_end = len - own_end <= post ? len
			: char_start(text, len, own_end + post);
		st = scan_window(m, scan_flags, on_hit, hit_arg);
		if (st != PM_OK)
			return st;
		own = own_end;
	}
	return PM_OK;
}

/* Are all tokens of t[a, b) identifier cue words ("cas", "no", ...)? */
static bool
only_cue_words(const char *t, size_t a, size_t b)
{
	size_t		p = a;

	while (p < b)
	{
		size_t		q = p;

		while (q < b && t[q] != ' ' && t[q] != '|')
			q++;
		if (q > p && !pm_ident_is_cue_word(t + p, q - p))
			return false;
		p = q + 1;
	}
	return true;
}

PmStatus
pm_lookup(PmMatcher *m, const char *text, size_t len,
		  uint32_t scan_flags, PmHitFn on_hit, void *hit_arg)
{
	PmStatus	st;
	size_t		bs,
				be,
				i,
				keep;
	ChemForm	form;
	hs_error_t	rc;
	size_t		nlen;

	if (m == NULL || (text == NULL && len > 0) || on_hit == NULL)
		return PM_ERROR;
	if (len > PM_LOOKUP_MAX)
		return PM_OK;			/* not a name */
	m->text = text;
	m->text_len = len;
	m->lookup = true;
	m->region_start = m->own_start = 0;
	m->region_end = m->own_end = len;
	st = normalise_region(m);
	m->nhits = 0;
	m->nphits = 0;
	m->oom = false;
	m->want_pieces = (scan_flags & PM_SCAN_FUZZY) && m->npieces > 0;
	if (st != PM_OK)
		goto out;
	nlen = m->nb.len;
	if (nlen == 0)
		goto out;
	memset(&form, 0, sizeof(form));
	chemname_strip(m->nb.text, nlen, &bs, &be, &form);
	if (be <= bs || be > nlen)
		goto out;

	if (m->db_exact)
	{
		rc = hs_scan(m->db_exact, m->nb.text, (unsigned int) nlen, 0,
					 m->scratch, exact_cb, m);
		if ((st = scan_status(m, rc, "term database")) != PM_OK)
			goto out;
	}
	if ((st = scan_status(m, pm_scan_pieces(m), "fuzzy pieces")) != PM_OK)
		goto out;
	if (!pm_ident_scan(m))
	{
		st = PM_ERROR;
		goto out;
	}
	/* keep only hits naming the whole base (or the whole string) */
	keep = 0;
	for (i = 0; i < m->nhits; i++)
	{
		PmRaw	   *h = &m->hits[i];
		bool		whole = (h->s == bs && h->e == be) || (h->s == 0 && h->e == nlen);

		if (h->raw == PM_RAW_IDENT)
		{
			/*
			 * "CAS 103-79-7": only identifier cue words around it (the
			 * base is not used: a trailing number looks like a purity)
			 */
			whole = only_cue_words(m->nb.text, 0, h->s) &&
				only_cue_words(m->nb.text, h->e, nlen);
		}
		if (whole)
			m->hits[keep++] = *h;
	}
	m->nhits = keep;
	if (m->want_pieces)
	{
		pm_fuzzy_lookup(m, bs, be);
		if (m->oom)
		{
			st = PM_ERROR;
			goto out;
		}
	}
	st = emit_hits(m, scan_flags, on_hit, hit_arg, &form);
out:
	m->lookup = false;
	return st;
}
