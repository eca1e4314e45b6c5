/*
 * matching_hits.c
 *		The scan of one text with the compiled watchlist, and the resolution
 *		of the matcher's hits to watchlist substances: identifiers to the
 *		substances that carry them (an InChIKey also to the stereoisomers and
 *		charged forms an entry covers), names through the entries' coverage
 *		clauses (matching_coverage.c), the bound on hits (precursor.max_hits),
 *		merging and output order.
 *		Used by matching.c (screen, lookup, matches, explain) and by the
 *		screening trigger, through matching.h.
 */
#include "precursor.h"

#include "mb/pg_wchar.h"
#include "miscadmin.h"

#include "casrn.h"
#include "chemname.h"
#include "cncode.h"
#include "ecnumber.h"
#include "inchikey.h"
#include "matching.h"
#include "matching_coverage.h"
#include "watchlist_cache.h"

typedef struct Collector
{
	WatchlistCache *c;
	const PmMatcher *m;			/* the matcher scanning (for late negation) */
	const char *text;
	bool		stop_at_first;
	bool		matched;		/* stop_at_first: found one */
	PrecursorHit *hits;
	int			nhits;
	int			maxhits;		/* allocated */
	int			cap;			/* merge when this many hits are held */
	int			max_hits;		/* stop when more remain after merging */
	bool		capped;			/* ... and it did */
} Collector;

static void compact_hits(Collector *col);

static PrecursorHit *
new_hit(Collector *col, const PmHit *h)
{
	PrecursorHit *p;

	if (col->nhits >= col->maxhits)
	{
		col->maxhits = col->maxhits ? col->maxhits * 2 : 16;
		if (col->hits)
			col->hits = repalloc_huge(col->hits, sizeof(PrecursorHit) * col->maxhits);
		else
			col->hits = palloc(sizeof(PrecursorHit) * col->maxhits);
	}
	p = &col->hits[col->nhits++];
	memset(p, 0, sizeof(PrecursorHit));
	p->kind = h->kind;
	p->form = h->form;
	p->form_flags = h->form.flags;
	chemname_form_label(h->form.flags, p->form_label, sizeof(p->form_label));
	p->score = h->score;
	p->start_byte = (int32) h->start;
	p->end_byte = (int32) h->end;
	p->distance = h->distance;
	p->negated = h->negated;
	p->neg_cue = pm_negation_cue_phrase(h->neg_cue);	/* static strings */
	p->neg_cue_lang = pm_negation_cue_lang(h->neg_cue);
	if (h->edit[0] != '\0')
		p->edit = pstrdup(h->edit);
	p->homoglyph = h->homoglyph;
	p->rule = h->rule;
	p->ident = h->ident;
	/* digits next to an identifier are not a purity */
	if (h->kind == PM_HIT_CAS || h->kind == PM_HIT_EC || h->kind == PM_HIT_CN ||
		h->kind == PM_HIT_INCHIKEY)
		p->form.purity[0] = '\0';
	return p;
}

static void
fill_substance(PrecursorHit *p, const CacheSubstance *s, int sub)
{
	p->cache_sub = sub;
	p->substance_id = s->substance_id;
	p->substance_name = s->name;
	p->casrn = s->casrn;
	p->watchlist_code = s->watchlist_code;
	p->category = s->category;
}

/* Canonical text of an identifier hit, palloc'd */
static char *
ident_text(PmHitKind kind, int64 ident)
{
	char		buf[32];

	switch (kind)
	{
		case PM_HIT_CAS:
			casrn_format(ident, buf);
			break;
		case PM_HIT_EC:
			ecnumber_format((int32) ident, buf);
			break;
		case PM_HIT_CN:
			cncode_format(ident, buf);
			break;
		default:
			buf[0] = '\0';
	}
	return pstrdup(buf);
}

/*
 * A name, synonym, misspelling or look-alike: the entry of its term, or of
 * the list's entry that its coverage clauses say the form named is (none:
 * part of another compound's name, a salt or ester no clause covers).
 */
static bool
collect_term_hit(Collector *col, const PmHit *h)
{
	WatchlistCache *c = col->c;
	CacheTerm  *t;
	PrecursorHit *p;
	ChemForm	form;
	int			sub;

	if (h->term_id >= (uint32) c->nterms)
		return false;
	t = &c->terms[h->term_id];
	sub = t->sub;
	if (!matching_coverage_decide(c, h, col->text, &sub, &form))
		return false;
	if (col->stop_at_first)
		return true;
	p = new_hit(col, h);
	fill_substance(p, &c->subs[sub], sub);
	p->form = form;
	p->form_flags = form.flags;
	chemname_form_label(form.flags, p->form_label, sizeof(p->form_label));
	p->matched_term = t->term;
	p->term_kind = t->kind;
	p->term_lang = t->lang;
	/* "(1R,2S)-...": the normaliser drops the opening bracket; keep it */
	if (t->term[0] == '(' && p->start_byte > 0 && col->text[p->start_byte - 1] == '(')
		p->start_byte--;
	return true;
}

/* A CAS RN: every entry with it */
static bool
collect_cas_hit(Collector *col, const PmHit *h)
{
	WatchlistCache *c = col->c;
	int			k = watchlist_ident_lower_bound(c->cas, c->ncas, h->ident);
	char	   *txt = NULL;
	bool		names_substance = false;

	for (; k < c->ncas && c->cas[k].ident == h->ident; k++)
	{
		PrecursorHit *p;

		names_substance = true;
		if (col->stop_at_first)
			break;
		if (txt == NULL)
			txt = ident_text(h->kind, h->ident);
		p = new_hit(col, h);
		fill_substance(p, &c->subs[c->cas[k].sub], c->cas[k].sub);
		p->matched_term = txt;
	}
	return names_substance;
}

/*
 * A CN code: the entries whose code it is or a subdivision of.  A CN code
 * alone does not identify a substance (several share one, with unscheduled
 * chemicals too), hence the low score.
 */
static bool
collect_cn_hit(Collector *col, const PmHit *h)
{
	WatchlistCache *c = col->c;
	char	   *txt = NULL;
	int			k;
	int64		code = h->ident;
	bool		more = true;
	bool		names_substance = false;

	/* the code itself, then each enclosing level */
	while (more && !(col->stop_at_first && names_substance))
	{
		for (k = watchlist_ident_lower_bound(c->cn, c->ncn, code);
			 k < c->ncn && c->cn[k].ident == code; k++)
		{
			PrecursorHit *p;

			names_substance = true;
			if (col->stop_at_first)
				break;
			if (txt == NULL)
				txt = ident_text(h->kind, h->ident);
			p = new_hit(col, h);
			fill_substance(p, &c->subs[c->cn[k].sub], c->cn[k].sub);
			p->matched_term = txt;
			p->score = Min(p->score, 0.5f);
		}
		more = cncode_parent(code, &code);
	}
	return names_substance;
}

/* An InChIKey: the entries with its connectivity block that it is */
static bool
collect_inchikey_hit(Collector *col, const PmHit *h)
{
	WatchlistCache *c = col->c;
	InchiKey	lo,
				hi;
	char	   *txt = NULL;
	bool		names_substance = false;
	int			k;

	inchikey_skeleton_bounds(&h->inchikey, &lo, &hi);
	for (k = watchlist_key_lower_bound(c->keys, c->nkeys, &lo);
		 k < c->nkeys && inchikey_cmp(&c->keys[k].key, &hi) <= 0; k++)
	{
		const CacheSubstance *s = &c->subs[c->keys[k].sub];
		int			rel = matching_coverage_inchikey(s, &h->inchikey);
		PrecursorHit *p;

		if (rel == 0)
			continue;
		names_substance = true;
		if (col->stop_at_first)
			break;
		if (txt == NULL)
		{
			txt = palloc(INCHIKEY_LEN + 1);
			inchikey_format(&h->inchikey, txt);
		}
		p = new_hit(col, h);
		fill_substance(p, s, c->keys[k].sub);
		p->matched_term = txt;
		if (rel != 0x100)
		{
			/* the same skeleton in another form: say which, score a little lower */
			p->form.flags |= (uint32) (rel & 0xff);
			p->form_flags = p->form.flags;
			chemname_form_label(p->form.flags, p->form_label, sizeof(p->form_label));
			p->score = Min(p->score, 0.9f);
		}
	}
	return names_substance;
}

static bool
collect_hit(const PmHit *h, void *arg)
{
	Collector  *col = arg;
	bool		names_substance = false;

	/*
	 * Full: merge, and stop only if more than the bound remain.  Hits come in
	 * start order, so stopping here keeps a prefix of the text.
	 */
	if (!col->stop_at_first && col->nhits >= col->cap)
	{
		compact_hits(col);
		if (col->nhits > col->max_hits)
		{
			col->capped = true;
			return true;
		}
	}

	switch (h->kind)
	{
		case PM_HIT_NAME:
		case PM_HIT_SYNONYM:
		case PM_HIT_FUZZY:
		case PM_HIT_HOMOGLYPH:
			names_substance = collect_term_hit(col, h);
			break;
		case PM_HIT_CAS:
			names_substance = collect_cas_hit(col, h);
			break;
		case PM_HIT_CN:
			names_substance = collect_cn_hit(col, h);
			break;
		case PM_HIT_INCHIKEY:
			names_substance = collect_inchikey_hit(col, h);
			break;
		case PM_HIT_EC:
			if (!col->stop_at_first)
			{
				/* No EC numbers in the model: show it, unresolved. */
				PrecursorHit *p = new_hit(col, h);

				p->matched_term = ident_text(h->kind, h->ident);
				p->score = Min(p->score, 0.3f);
			}
			break;
	}

	/* matches() reads the negation of the hits that name a substance only */
	if (col->stop_at_first && names_substance &&
		pm_hit_negation_cue(col->m, h) == 0)
	{
		col->matched = true;
		return true;
	}
	return false;
}

/*
 * Output order: start, longer first, substance, better first.  Sorting
 * small keys rather than hits (a few hundred bytes each) keeps a text with
 * millions of hits fast.
 */
typedef struct HitKey
{
	int32		start;
	int32		end;
	int32		substance_id;
	float4		score;
	int32		kind;
	int32		idx;			/* into the collector's array */
} HitKey;

static int
cmp_hitkey(const void *a, const void *b)
{
	const HitKey *x = a;
	const HitKey *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end > y->end ? -1 : 1;
	if (x->substance_id != y->substance_id)
		return x->substance_id < y->substance_id ? -1 : 1;
	if (x->score != y->score)
		return x->score > y->score ? -1 : 1;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->idx - y->idx;
}

typedef struct OffsetRef
{
	int32		byte;
	int32	   *dest;
} OffsetRef;

static int
cmp_offset(const void *a, const void *b)
{
	const OffsetRef *x = a;
	const OffsetRef *y = b;

	return (x->byte > y->byte) - (x->byte < y->byte);
}

/*
 * Is hit h (coming after every hit that starts before it or at the same
 * place with a longer span) inside a kept hit of the same substance?  Small
 * sets are checked directly; large ones through the furthest end reached so
 * far per substance of the cache.
 */
static bool
contained(PrecursorHit *h, PrecursorHit **kept, int nkept, int32 *maxend)
{
	if (h->substance_id == 0)
	{
		/* unresolved identifier: only an identical twin is redundant */
		PrecursorHit *prev = nkept > 0 ? kept[nkept - 1] : NULL;

		return prev && prev->substance_id == 0 && prev->ident == h->ident &&
			prev->start_byte == h->start_byte && prev->end_byte == h->end_byte;
	}
	if (maxend == NULL)
	{
		int			i;

		for (i = 0; i < nkept; i++)
			if (kept[i]->substance_id == h->substance_id &&
				kept[i]->end_byte >= h->end_byte)
				return true;
		return false;
	}
	if (maxend[h->cache_sub] >= h->end_byte)
		return true;
	maxend[h->cache_sub] = h->end_byte;
	return false;
}

/*
 * Drop duplicates and hits inside a longer hit of the same substance; the
 * rest, in output order, go to kept[].  Returns how many.  Within the scan
 * (a callback of the core) it must not jump out: no interrupt check there.
 */
static int
merge_hits(WatchlistCache *c, PrecursorHit *hits, int n, PrecursorHit **kept,
		   bool interruptible)
{
	HitKey	   *keys;
	int32	   *maxend = NULL;
	int			nkept = 0;
	int			i;

	keys = palloc_extended(sizeof(HitKey) * (Size) n, MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		keys[i].start = hits[i].start_byte;
		keys[i].end = hits[i].end_byte;
		keys[i].substance_id = hits[i].substance_id;
		keys[i].score = hits[i].score;
		keys[i].kind = (int32) hits[i].kind;
		keys[i].idx = i;
	}
	qsort(keys, n, sizeof(HitKey), cmp_hitkey);

	if (n > 16)
	{
		int32		j;

		maxend = palloc(sizeof(int32) * Max(c->nsubs, 1));
		for (j = 0; j < c->nsubs; j++)
			maxend[j] = -1;
	}
	for (i = 0; i < n; i++)
	{
		PrecursorHit *h = &hits[keys[i].idx];

		if (interruptible)
			CHECK_FOR_INTERRUPTS();
		if (!contained(h, kept, nkept, maxend))
			kept[nkept++] = h;
	}
	pfree(keys);
	if (maxend)
		pfree(maxend);
	return nkept;
}

/*
 * The collector is full: merge what it holds, so that only hits that will
 * be reported count against the bound (fuzzy matching finds many
 * overlapping candidates of one name).  Hits come in start order, so a hit
 * dropped here lies inside one that stays.
 */
static void
compact_hits(Collector *col)
{
	PrecursorHit **kept = palloc_extended(sizeof(PrecursorHit *) * (Size) col->nhits,
										  MCXT_ALLOC_HUGE);
	PrecursorHit *fresh = palloc_extended(sizeof(PrecursorHit) * (Size) col->maxhits,
										  MCXT_ALLOC_HUGE);
	int			n = merge_hits(col->c, col->hits, col->nhits, kept, false);
	int			i;

	for (i = 0; i < n; i++)
		fresh[i] = *kept[i];
	pfree(kept);
	pfree(col->hits);
	col->hits = fresh;
	col->nhits = n;
}

/*
 * Drop duplicates and hits inside a longer hit of the same substance, put
 * the rest in output order, and compute character positions in one pass
 * over the text.  Returns the number of hits left, pointers in *out.
 */
static int
finish_hits(WatchlistCache *c, PrecursorHit *hits, int n, const char *text,
			PrecursorHit ***out)
{
	PrecursorHit **kept;
	int			nkept;
	int			i;
	OffsetRef  *refs;
	int32		pos_byte = 0;
	int32		pos_char = 1;

	*out = NULL;
	if (n == 0)
		return 0;

	kept = palloc_extended(sizeof(PrecursorHit *) * (Size) n, MCXT_ALLOC_HUGE);
	nkept = merge_hits(c, hits, n, kept, true);
	n = matching_coverage_drop_parts(kept, nkept);

	refs = palloc_extended(sizeof(OffsetRef) * 2 * (Size) n, MCXT_ALLOC_HUGE);
	for (i = 0; i < n; i++)
	{
		refs[2 * i].byte = kept[i]->start_byte;
		refs[2 * i].dest = &kept[i]->start_char;
		refs[2 * i + 1].byte = kept[i]->end_byte;
		refs[2 * i + 1].dest = &kept[i]->end_char;
	}
	qsort(refs, 2 * n, sizeof(OffsetRef), cmp_offset);
	for (i = 0; i < 2 * n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (refs[i].byte > pos_byte)
		{
			pos_char += pg_mbstrlen_with_len(text + pos_byte,
											 refs[i].byte - pos_byte);
			pos_byte = refs[i].byte;
		}
		*refs[i].dest = pos_char;
	}
	pfree(refs);
	*out = kept;
	return n;
}

/* Run the scan, restarting after an interrupt that did not end the query */
static void
run_scan(Collector *col, PmMatcher *m, const char *text, int len,
		 uint32 flags, bool lookup)
{
	for (;;)
	{
		PmStatus	st;

		col->nhits = 0;
		col->m = m;
		col->matched = false;
		col->capped = false;
		if (lookup)
			st = pm_lookup(m, text, (size_t) len, flags, collect_hit, col);
		else
			st = pm_screen(m, text, (size_t) len, flags, collect_hit, col,
						   precursor_interrupt_pending, NULL);

		switch (st)
		{
			case PM_OK:
			case PM_STOPPED:
				return;
			case PM_INTERRUPTED:
				CHECK_FOR_INTERRUPTS();
				/* a benign interrupt: scan again from the start */
				continue;
			case PM_INVALID_UTF8:
				{
					/* cannot happen for text in a UTF8 database */
					PrecursorError err;

					precursor_error_set(&err, PRECURSOR_INVALID_UTF8, NULL, NULL, "%s", "");
					precursor_report_core_error(ERROR, &err,
												"invalid UTF-8 in the screened text");
				}
				break;
			case PM_ERROR:
				precursor_report_core_error(ERROR, pm_error(m), "watchlist scan failed");
				break;
		}
	}
}

/*
 * Give a returned hit its own copies of the strings that point into the
 * cache: the caller may keep hits while a later call in the same query
 * rebuilds (and frees) the cache after an invalidation.  Identifier texts
 * are already palloc'd by ident_text().
 */
static void
copy_hit_strings(PrecursorHit *h)
{
	if (h->substance_name)
		h->substance_name = pstrdup(h->substance_name);
	if (h->watchlist_code)
		h->watchlist_code = pstrdup(h->watchlist_code);
	if (h->category)
		h->category = pstrdup(h->category);
	if (h->kind != PM_HIT_CAS && h->kind != PM_HIT_EC && h->kind != PM_HIT_CN &&
		h->kind != PM_HIT_INCHIKEY)
	{
		if (h->matched_term)
			h->matched_term = pstrdup(h->matched_term);
		if (h->term_kind)
			h->term_kind = pstrdup(h->term_kind);
		if (h->term_lang)
			h->term_lang = pstrdup(h->term_lang);
	}
}

List *
matching_hits(const char *text, int len, const ScreenOptions *opts,
					  int max_hits, bool *truncated)
{
	WatchlistCache *c;
	Collector	col;
	uint32		flags = 0;
	List	   *result = NIL;
	PrecursorHit **sorted;
	int			n;
	int			i;

	*truncated = false;
	max_hits = Max(max_hits, 1);
	if (opts->stop_at_first && !opts->lookup)
	{
		/* One hit that names a substance, found again in full below. */
		if (!matching_text_matches(text, len, opts->fuzzy))
			return NIL;
	}

	/*
	 * Only now: watchlist_cache_get() may rebuild and free the cache, so no pointer
	 * into it may be held across a call.
	 */
	c = watchlist_cache_get(opts->fuzzy);
	matching_coverage_prepare(c);
	memset(&col, 0, sizeof(col));
	col.c = c;
	col.text = text;

	/*
	 * Room for hits that merging drops (a name inside a longer name of the
	 * same substance, the same span found again through the generated name
	 * variants of each list's entry, overlapping fuzzy candidates): the
	 * collector merges when full, so memory stays proportional to max_hits.
	 */
	col.cap = (int) Min((int64) max_hits * 8 + 64, (int64) PG_INT32_MAX / 2);
	col.max_hits = max_hits;

	if (opts->fuzzy)
		flags |= PM_SCAN_FUZZY;
	run_scan(&col, opts->fuzzy ? c->fuzzy : c->exact, text, len, flags,
			 opts->lookup);
	if (opts->lookup)
		col.nhits = matching_coverage_drop_excluded(c, c->exact, text, len,
													col.hits, col.nhits);

	n = finish_hits(c, col.hits, col.nhits, text, &sorted);
	if (col.capped || n > max_hits)
	{
		*truncated = true;
		n = Min(n, max_hits);
	}
	for (i = 0; i < n; i++)
	{
		CHECK_FOR_INTERRUPTS();
		if (opts->stop_at_first &&
			(sorted[i]->negated || sorted[i]->substance_id == 0))
			continue;
		copy_hit_strings(sorted[i]);
		result = lappend(result, sorted[i]);
		if (opts->stop_at_first)
			break;
	}
	return result;
}

List *
matching_screen_text(const char *text, int len, const ScreenOptions *opts)
{
	bool		truncated;
	List	   *hits = matching_hits(text, len, opts, precursor_max_hits,
											 &truncated);

	if (truncated)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("text has more than %d watchlist hits", precursor_max_hits),
				 errdetail("precursor.max_hits bounds the hits of one text, to bound "
						   "the memory one call can use."),
				 errhint("Screen the text in smaller parts, or ask a superuser to "
						 "raise precursor.max_hits.")));
	return hits;
}

List *
matching_inchikey_hits(const InchiKey *key)
{
	Collector	col;
	PmHit		h;
	List	   *result = NIL;
	int			i;

	memset(&col, 0, sizeof(col));
	col.c = watchlist_cache_get(false);
	col.cap = PG_INT32_MAX / 2;
	col.max_hits = PG_INT32_MAX / 2;
	memset(&h, 0, sizeof(h));
	h.kind = PM_HIT_INCHIKEY;
	h.inchikey = *key;
	h.score = 1.0f;
	collect_inchikey_hit(&col, &h);
	for (i = 0; i < col.nhits; i++)
	{
		copy_hit_strings(&col.hits[i]);
		result = lappend(result, &col.hits[i]);
	}
	return result;
}

bool
matching_text_matches(const char *text, int len, bool fuzzy)
{
	WatchlistCache *c = watchlist_cache_get(fuzzy);
	Collector	col;
	uint32		flags = PM_SCAN_LATE_CONTEXT | PM_SCAN_EXACT_FIRST;

	matching_coverage_prepare(c);
	memset(&col, 0, sizeof(col));
	col.c = c;
	col.text = text;
	col.stop_at_first = true;
	if (fuzzy)
		flags |= PM_SCAN_FUZZY;
	run_scan(&col, fuzzy ? c->fuzzy : c->exact, text, len, flags, false);
	return col.matched;
}
