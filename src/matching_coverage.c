/*
 * matching_coverage.c
 *		The lists' coverage clauses applied to names.  The core reports what
 *		a text says around a listed name (chemname.h: a stereo descriptor
 *		before it, a salt or hydrate after it, the alcohol of an ester); this
 *		file decides, with the entry's clauses, whether that form is still
 *		the entry:
 *		- a part of another compound's name never is;
 *		- an ester is the list's own ester entry when the list has one
 *		  ("butyl X-carboxylate" is the entry "X-carboxylic acid, butyl
 *		  ester"), else the acid's entry only if it covers esters
 *		  (covers_esters), reported as "ester (benzyl)";
 *		- a stereo descriptor that the entry's own names carry ((1R,2S) and
 *		  (-) for ephedrine) is the entry itself; a racemic one (rac, (±),
 *		  DL) is the entry when it covers stereoisomers; any other one is a
 *		  stereoisomer, the entry's only if it covers them;
 *		- a salt is the entry's only if it covers salts.
 *		What the core reads as a descriptor but is not one is dropped first:
 *		the elided French and Italian article ("l'éphédrine", "d'acétone");
 *		a misspelling is never read as a descriptor, nor a descriptor as a
 *		misspelling of the entry's own.  A listed name inside a longer name
 *		of another entry of its list is a part of that entry's name ("PMK"
 *		in "PMK glycidic acid butyl ester").
 *		The same clauses decide which InChIKeys are an entry, and lookup()'s
 *		exclusions (a CAS RN the entry excludes given with its name).
 */
#include "precursor.h"

#include "lib/stringinfo.h"

#include "miscadmin.h"

#include "chemname.h"
#include "inchikey.h"
#include "matching_coverage.h"
#include "normalize.h"

/* An ester entry of a list: "the <ester> ester of the acid <acid>" */
typedef struct EsterLink
{
	int			acid;			/* the acid's slot in the cache */
	int			target;			/* the ester entry's slot */
	char		ester[32];		/* the alcohol part, normalised ("sec butyl") */
} EsterLink;

typedef struct CoverageIndex
{
	char	  **own_stereo;		/* per slot: " 1r 2s minus " or NULL */
	bool	   *term_stereo;	/* per term: it starts with a descriptor */
	EsterLink  *links;
	int			nlinks;
	int			maxlinks;
} CoverageIndex;

/* Racemic descriptors, as the normaliser writes them ("(±)" is "rac") */
static const char *const racemic_words[] = {
	"rac", "racemic", "racemate", "dl", "ld", "rs", "sr", NULL
};

static bool
same_list(const CacheSubstance *a, const CacheSubstance *b)
{
	return strcmp(a->watchlist_code, b->watchlist_code) == 0;
}

/* Add the tokens of a descriptor to an entry's own ones */
static void
add_own_tokens(MemoryContext cxt, char **own, const char *stereo)
{
	StringInfoData buf;
	const char *p = stereo;

	initStringInfo(&buf);
	appendStringInfoString(&buf, *own ? *own : " ");
	while (*p)
	{
		const char *e = strchr(p, ' ');
		int			n = e ? (int) (e - p) : (int) strlen(p);

		if (n > 0)
		{
			char		tok[64];

			snprintf(tok, sizeof(tok), " %.*s ", Min(n, 60), p);
			if (strstr(buf.data, tok) == NULL)
				appendStringInfo(&buf, "%.*s ", Min(n, 60), p);
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	*own = MemoryContextStrdup(cxt, buf.data);
	pfree(buf.data);
}

/* Each entry's own descriptors: those its names carry */
static void
collect_own_stereo(WatchlistCache *c, CoverageIndex *ix, MemoryContext cxt)
{
	NormBuf		nb;
	int			i;

	norm_buf_init(&nb);
	for (i = 0; i < c->nterms; i++)
	{
		const CacheTerm *t = &c->terms[i];
		size_t		bs,
					be;
		ChemForm	form;

		if (normalize_text(t->term, strlen(t->term), &nb) != NORM_OK || nb.len == 0)
			continue;
		chemname_strip(nb.text, nb.len, &bs, &be, &form);
		if ((form.flags & CHEM_FORM_STEREO) && form.stereo[0] != '\0')
		{
			add_own_tokens(cxt, &ix->own_stereo[t->sub], form.stereo);
			ix->term_stereo[i] = true;
		}
	}
	norm_buf_free(&nb);
}

typedef struct LinkScan
{
	WatchlistCache *c;
	CoverageIndex *ix;
	MemoryContext cxt;
	int			sub;			/* the entry whose name is scanned */
} LinkScan;

/* A term of another entry of the list, named as an ester in this name */
static bool
note_link(const PmHit *h, void *arg)
{
	LinkScan   *ls = arg;
	const CacheSubstance *self = &ls->c->subs[ls->sub];
	int			acid;
	EsterLink  *l;

	if (h->kind != PM_HIT_NAME && h->kind != PM_HIT_SYNONYM)
		return false;
	if (!(h->form.flags & CHEM_FORM_ESTER) || (h->form.flags & CHEM_FORM_OTHER) ||
		h->form.ester[0] == '\0' || h->term_id >= (uint32) ls->c->nterms)
		return false;
	acid = ls->c->terms[h->term_id].sub;
	if (acid == ls->sub || !same_list(&ls->c->subs[acid], self))
		return false;
	if (ls->ix->nlinks >= ls->ix->maxlinks)
	{
		ls->ix->maxlinks = ls->ix->maxlinks ? ls->ix->maxlinks * 2 : 16;
		ls->ix->links = ls->ix->links ?
			repalloc(ls->ix->links, sizeof(EsterLink) * ls->ix->maxlinks) :
			MemoryContextAlloc(ls->cxt, sizeof(EsterLink) * ls->ix->maxlinks);
	}
	l = &ls->ix->links[ls->ix->nlinks++];
	l->acid = acid;
	l->target = ls->sub;
	strlcpy(l->ester, h->form.ester, sizeof(l->ester));
	return false;
}

/*
 * The list's own ester entries: scan each name that looks like an ester's
 * ("..., butyl ester", "methyl ...-carboxylate") for another entry's name
 * in ester form.  A few hundred short scans, once per compiled watchlist.
 */
static void
collect_ester_links(WatchlistCache *c, CoverageIndex *ix, MemoryContext cxt)
{
	LinkScan	ls;
	int			i;

	ls.c = c;
	ls.ix = ix;
	ls.cxt = cxt;
	for (i = 0; i < c->nterms; i++)
	{
		const char *term = c->terms[i].term;

		if (strcasestr(term, "ester") == NULL && strcasestr(term, "ate") == NULL)
			continue;
		ls.sub = c->terms[i].sub;
		(void) pm_screen(c->exact, term, strlen(term), 0, note_link, &ls,
						 NULL, NULL);
	}
}

void
matching_coverage_prepare(WatchlistCache *c)
{
	MemoryContext cxt = c->snap->cxt;
	CoverageIndex *ix;

	if (c->coverage != NULL)
		return;
	ix = MemoryContextAllocZero(cxt, sizeof(CoverageIndex));
	ix->own_stereo = MemoryContextAllocZero(cxt, sizeof(char *) * Max(c->nsubs, 1));
	ix->term_stereo = MemoryContextAllocZero(cxt, sizeof(bool) * Max(c->nterms, 1));
	collect_own_stereo(c, ix, cxt);
	collect_ester_links(c, ix, cxt);
	c->coverage = ix;
}

/* Every token of a descriptor is one of words (a NULL-ended list), or of own */
static bool
descriptor_within(const char *stereo, const char *const *words, const char *own)
{
	const char *p = stereo;
	bool		any = false;

	while (*p)
	{
		const char *e = strchr(p, ' ');
		int			n = e ? (int) (e - p) : (int) strlen(p);
		bool		found = false;

		if (n > 0)
		{
			if (own)
			{
				char		tok[64];

				snprintf(tok, sizeof(tok), " %.*s ", Min(n, 60), p);
				found = strstr(own, tok) != NULL;
			}
			for (; words && *words && !found; words++)
				found = (strlen(*words) == (size_t) n && strncmp(*words, p, n) == 0);
			if (!found)
				return false;
			any = true;
		}
		p += n;
		while (*p == ' ')
			p++;
	}
	return any;
}

/* An apostrophe (', U+2019, U+02BC) at text[k]: its length, else 0 */
static int
apostrophe_at(const char *text, int k)
{
	const unsigned char *u = (const unsigned char *) text + k;

	if (u[0] == '\'')
		return 1;
	if (u[0] == 0xCA && u[1] == 0xBC)
		return 2;
	if (u[0] == 0xE2 && u[1] == 0x80 && u[2] == 0x99)
		return 3;
	return 0;
}

/*
 * "l'éphédrine", "d'acétone": the normaliser makes the elided article a
 * lone "l" or "d" before the name, which reads as a descriptor.  It is one
 * only when no apostrophe joins it to the name.
 */
static bool
elided_article(const char *text, int start, const ChemForm *form)
{
	int			k = start;

	if (!(strcmp(form->stereo, "l") == 0 || strcmp(form->stereo, "d") == 0))
		return false;
	if (k >= 1 && text[k - 1] == '\'')
		k -= 1;
	else if (k >= 2 && (unsigned char) text[k - 2] == 0xCA &&
			 (unsigned char) text[k - 1] == 0xBC)
		k -= 2;					/* U+02BC */
	else if (k >= 3 && (unsigned char) text[k - 3] == 0xE2 &&
			 (unsigned char) text[k - 2] == 0x80 &&
			 (unsigned char) text[k - 1] == 0x99)
		k -= 3;					/* U+2019 */
	else
		return false;
	return k >= 1 && strchr("lLdD", text[k - 1]) != NULL;
}

static int
ester_link(const CoverageIndex *ix, int acid, const char *ester)
{
	int			i;

	for (i = 0; i < ix->nlinks; i++)
		if (ix->links[i].acid == acid && strcmp(ix->links[i].ester, ester) == 0)
			return ix->links[i].target;
	return -1;
}

bool
matching_coverage_decide(const WatchlistCache *c, const PmHit *h,
						 const char *text, int *sub, ChemForm *form)
{
	const CoverageIndex *ix = c->coverage;
	const CacheSubstance *s;

	*form = h->form;
	if (form->flags & CHEM_FORM_OTHER)
		return false;

	/*
	 * A misspelling of a name that starts with a descriptor: the edit may
	 * be the descriptor ("D-ephedrine" is one letter from "L-ephedrine"),
	 * and another descriptor is another compound.
	 */
	if (h->kind == PM_HIT_FUZZY && ix && ix->term_stereo[h->term_id])
		return false;
	/* nor is "l'éphédrine" the name "L-ephedrine": the article is elided */
	if (ix && ix->term_stereo[h->term_id] && strchr("lLdD", text[h->start]) &&
		text[h->start] != '\0' && apostrophe_at(text, (int) h->start + 1) > 0)
		return false;

	/* an ester: the list's own entry for it, or the acid's clause */
	if (form->flags & CHEM_FORM_ESTER)
	{
		int			target = form->ester[0] && ix ?
			ester_link(ix, *sub, chemname_alcohol_usual(form->ester)) : -1;

		if (target >= 0)
		{
			*sub = target;
			form->flags &= ~CHEM_FORM_ESTER;
			form->ester[0] = '\0';
		}
		else if (!c->subs[*sub].covers_esters)
			return false;
	}
	s = &c->subs[*sub];

	if ((form->flags & CHEM_FORM_STEREO) && elided_article(text, (int) h->start, form))
	{
		form->flags &= ~CHEM_FORM_STEREO;
		form->stereo[0] = '\0';
	}
	if (form->flags & CHEM_FORM_STEREO)
	{
		if (descriptor_within(form->stereo, NULL, ix ? ix->own_stereo[*sub] : NULL))
			form->flags &= ~CHEM_FORM_STEREO;	/* its own configuration */
		else if (descriptor_within(form->stereo, racemic_words, NULL))
		{
			if (!s->covers_stereoisomers)
				return false;
			form->flags &= ~CHEM_FORM_STEREO;	/* the racemate is the entry */
		}
		else if (!s->covers_stereoisomers)
			return false;
	}

	if ((form->flags & CHEM_FORM_SALT) && !s->covers_salts)
		return false;
	return true;
}

/*
 * How an InChIKey in a text relates to an entry's key with the same first
 * block (connectivity): 0 if it is not the entry, else the form flags it
 * names (0 .. CHEM_FORM_STEREO | CHEM_FORM_SALT) plus 0x100.  The same key is
 * the entry; another stereo block (characters 16-25: stereo, isotopes, the
 * standard flag) is a stereoisomer, the entry's only if it covers them; another
 * protonation letter (character 27) is a charged form, the entry's only if it
 * covers salts; an excluded key (cathine on norephedrine) is never it.
 */
int
matching_coverage_inchikey(const CacheSubstance *s, const InchiKey *key)
{
	char		a[INCHIKEY_LEN + 1],
				b[INCHIKEY_LEN + 1];
	int			flags = 0;
	int			i;

	if (inchikey_cmp(&s->inchikey, key) == 0)
		return 0x100;
	for (i = 0; i < s->nexcluded_keys; i++)
		if (inchikey_cmp(&s->excluded_keys[i], key) == 0)
			return 0;
	inchikey_format(&s->inchikey, a);
	inchikey_format(key, b);
	if (memcmp(a + 15, b + 15, 10) != 0)
	{
		if (!s->covers_stereoisomers)
			return 0;
		flags |= CHEM_FORM_STEREO;
	}
	if (a[26] != b[26])
	{
		if (!s->covers_salts)
			return 0;
		flags |= CHEM_FORM_SALT;
	}
	return flags | 0x100;
}

/* CAS RNs written in a text (at most a few: enough for one name) */
typedef struct CasSeen
{
	int64		ident[16];
	int			n;
} CasSeen;

static bool
note_cas(const PmHit *h, void *arg)
{
	CasSeen    *seen = arg;

	if (h->kind == PM_HIT_CAS && seen->n < lengthof(seen->ident))
		seen->ident[seen->n++] = h->ident;
	return false;
}

static bool
name_kind(PmHitKind kind)
{
	return kind == PM_HIT_NAME || kind == PM_HIT_SYNONYM ||
		kind == PM_HIT_FUZZY || kind == PM_HIT_HOMOGLYPH;
}

/*
 * lookup(): a string that names an entry and also gives a CAS RN the entry
 * excludes names the excluded compound ("norephedrine 492-39-7" is
 * cathine): drop those hits; returns how many are left.  Only for whole strings: in free text a CAS RN
 * near a name does not prove which compound the name means, and a listed
 * name must not be hidden behind an excluded number.
 */
int
matching_coverage_drop_excluded(const WatchlistCache *c, PmMatcher *m,
								const char *text, int len,
								PrecursorHit *hits, int nhits)
{
	CasSeen		seen;
	int			i,
				kept;
	bool		any = false;

	for (i = 0; i < nhits && !any; i++)
		any = name_kind(hits[i].kind) &&
			c->subs[hits[i].cache_sub].nexcluded > 0;
	if (!any)
		return nhits;
	for (;;)
	{
		PmStatus	st;

		seen.n = 0;
		st = pm_screen(m, text, (size_t) len, 0, note_cas, &seen,
					   precursor_interrupt_pending, NULL);
		if (st != PM_INTERRUPTED)
			break;
		CHECK_FOR_INTERRUPTS();
	}
	for (i = 0, kept = 0; i < nhits; i++)
	{
		PrecursorHit *h = &hits[i];
		const CacheSubstance *sub = &c->subs[h->cache_sub];
		bool		excluded = false;
		int			j,
					k;

		if (name_kind(h->kind))
			for (j = 0; j < sub->nexcluded && !excluded; j++)
				for (k = 0; k < seen.n && !excluded; k++)
					excluded = (sub->excluded[j] == seen.ident[k]);
		if (!excluded)
			hits[kept++] = *h;
	}
	return kept;
}

static bool
is_name_hit(const PrecursorHit *h)
{
	return h->kind == PM_HIT_NAME || h->kind == PM_HIT_SYNONYM ||
		h->kind == PM_HIT_FUZZY || h->kind == PM_HIT_HOMOGLYPH;
}

/* The furthest name hit of one list so far */
typedef struct ListReach
{
	const char *watchlist_code;
	int32		end;			/* its end */
	int32		start;			/* the start of the first hit that reached it */
} ListReach;

/*
 * Drop each name hit that lies inside a strictly longer name hit of another
 * entry of the same list: the shorter name is part of the longer one ("PMK"
 * in "PMK glycidic acid butyl ester", "BMK" in "BMK methyl glycidate").
 * hits[] is in output order (start, longer first) and merged already, so
 * a covering hit of the hit's own entry cannot remain.  Returns how many
 * are kept (in place).
 */
int
matching_coverage_drop_parts(PrecursorHit **hits, int n)
{
	ListReach	reach[16];
	int			nreach = 0;
	int			i,
				kept = 0;

	for (i = 0; i < n; i++)
	{
		PrecursorHit *h = hits[i];
		ListReach  *r = NULL;
		int			k;

		if (!is_name_hit(h) || h->watchlist_code == NULL)
		{
			hits[kept++] = h;
			continue;
		}
		for (k = 0; k < nreach && r == NULL; k++)
			if (strcmp(reach[k].watchlist_code, h->watchlist_code) == 0)
				r = &reach[k];
		if (r && (r->end > h->end_byte ||
				  (r->end == h->end_byte && r->start < h->start_byte)))
			continue;			/* part of another entry's name */
		hits[kept++] = h;
		if (r == NULL && nreach < lengthof(reach))
		{
			r = &reach[nreach++];
			r->watchlist_code = h->watchlist_code;
			r->end = -1;
		}
		if (r && h->end_byte > r->end)
		{
			r->end = h->end_byte;
			r->start = h->start_byte;
		}
	}
	return kept;
}
