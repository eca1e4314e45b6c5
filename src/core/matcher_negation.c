/*
 * matcher_negation.c
 *		Is a mention in a negated context ("other than X", "X-free", "ohne
 *		X")?  Works on normalised text: lowercase ASCII-folded tokens
 *		separated by ' ', clauses separated by '|'.
 *
 * A hit is negated when a cue ends at most maxgap tokens before it in the
 * same clause, with no "breaker" token (but, contains, with, ...) in
 * between, or when a post-cue ("free") follows it immediately.  To add a
 * language, add rows to the tables below (cue words already normalised:
 * lowercase, no diacritics, "außer" -> "ausser").
 */
#include <string.h>

#include "matcher_int.h"

typedef struct NegCue
{
	const char *words;			/* space-separated normalised tokens */
	int			maxgap;			/* tokens allowed between cue and mention */
} NegCue;

static const NegCue pre_cues[] = {
	/* English */
	{"other than", 4}, {"excluding", 4}, {"except", 4}, {"except for", 4},
	{"free of", 4}, {"free from", 4}, {"does not contain", 4},
	{"do not contain", 4}, {"not containing", 4}, {"without", 4},
	{"no", 2}, {"not", 3}, {"non", 0}, {"absence of", 4},
	/* German */
	{"ohne", 4}, {"frei von", 4}, {"ausser", 4}, {"nicht", 3},
	{"kein", 2}, {"keine", 2}, {"keinen", 2},
	/* French */
	{"sans", 4}, {"exempt de", 4}, {"exempte de", 4}, {"autre que", 4},
	{"autres que", 4}, {"sauf", 4}, {"hors", 3}, {"ne contient pas", 4},
	{"pas de", 2},
	/* Spanish */
	{"sin", 4}, {"excepto", 4}, {"libre de", 4}, {"salvo", 4},
	{"no contiene", 4},
	/* Dutch */
	{"zonder", 4}, {"vrij van", 4}, {"behalve", 4}, {"geen", 2},
	/* Polish */
	{"bez", 4}, {"wolny od", 4}, {"wolne od", 4}, {"z wyjatkiem", 4},
	{"nie zawiera", 4}, {"nie", 3},
	/* Italian */
	{"senza", 4}, {"privo di", 4}, {"priva di", 4}, {"eccetto", 4},
	{"tranne", 4}, {"non contiene", 4},
};

/* A cue followed by one of these is not negating what comes after. */
static const char *const breakers[] = {
	"but", "however", "with", "contains", "containing", "contain", "and contains",
	"less", "more", "only", "just", "plus",
	"aber", "sondern", "mit", "enthalt", "enthaelt",
	"mais", "avec", "contient",
	"pero", "con", "contiene",
	"maar", "met", "bevat",
	"ale", "zawiera",
	"ma", "contiene",
};

/* "no"/"nr" after these is a number sign ("CAS No 103-79-7"), not a negation */
static const char *const number_sign_before[] = {
	"cas", "ec", "einecs", "elincs", "cn", "hs", "taric", "tariff", "code",
	"item", "ref", "art", "article", "lot", "batch", "serial", "reg",
	"registration", "order", "invoice", "un", "product", "catalog",
	"catalogue", "cat", "part", "page", "po", "id", "model", "type",
};

/* Cues after the mention: "toluene-free" normalises to "toluene free". */
static const char *const post_cues[] = {"free", "frei", "vrij"};

/* ... unless followed by these: "ephedrine free base" is ephedrine. */
static const char *const post_cue_exceptions[] = {
	"base", "bases", "acid", "acids", "amine", "form", "radical", "radicals",
	"alkaloid", "of", "from", "flowing", "phenol", "von", "van",
};

#define MAXTOK 8
#define MAXCUEWORDS 4

typedef struct Tok
{
	const char *p;
	size_t		len;
} Tok;

/* The tables split into tokens once, so a check costs no strlen. */
typedef struct CueToks
{
	int			nw;
	Tok			w[MAXCUEWORDS];
	bool		is_no;			/* the cue "no": beware of number signs */
} CueToks;

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static CueToks cue_toks[NELEM(pre_cues)];
static Tok	breaker_toks[NELEM(breakers)];
static Tok	numsign_toks[NELEM(number_sign_before)];
static Tok	post_toks[NELEM(post_cues)];
static Tok	post_exc_toks[NELEM(post_cue_exceptions)];
static bool neg_ready = false;

/*
 * Quick filters, one bit per (first byte, length < 32) of the last words of
 * the cues and of the breakers: most tokens before a hit are neither, and
 * are dismissed without comparing them with every row of the tables.
 */
static uint32_t cue_last_filter[256];
static uint32_t breaker_filter[256];

static inline bool
filter_has(const uint32_t *f, const Tok *t)
{
	return t->len > 0 && t->len < 32 &&
		(f[(unsigned char) t->p[0]] & (UINT32_C(1) << t->len)) != 0;
}

static inline void
filter_add(uint32_t *f, const Tok *t)
{
	if (t->len > 0 && t->len < 32)
		f[(unsigned char) t->p[0]] |= UINT32_C(1) << t->len;
	else if (t->len >= 32)
		f[(unsigned char) t->p[0]] |= 1;	/* never matches a short token */
}

static void
words_to_toks(const char *const *list, size_t n, Tok *out)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		out[i].p = list[i];
		out[i].len = strlen(list[i]);
	}
}

static void
neg_init(void)
{
	size_t		c;

	for (c = 0; c < NELEM(pre_cues); c++)
	{
		const char *w = pre_cues[c].words;
		CueToks    *ct = &cue_toks[c];

		ct->nw = 0;
		while (*w && ct->nw < MAXCUEWORDS)
		{
			const char *sp = strchr(w, ' ');
			size_t		wl = sp ? (size_t) (sp - w) : strlen(w);

			ct->w[ct->nw].p = w;
			ct->w[ct->nw].len = wl;
			ct->nw++;
			w = sp ? sp + 1 : w + wl;
		}
		ct->is_no = strcmp(pre_cues[c].words, "no") == 0;
	}
	for (c = 0; c < NELEM(pre_cues); c++)
		filter_add(cue_last_filter, &cue_toks[c].w[cue_toks[c].nw - 1]);
	words_to_toks(breakers, NELEM(breakers), breaker_toks);
	for (c = 0; c < NELEM(breakers); c++)
	{
		/* "and contains": its first word is what is compared (tok_eq) */
		filter_add(breaker_filter, &breaker_toks[c]);
	}
	words_to_toks(number_sign_before, NELEM(number_sign_before), numsign_toks);
	words_to_toks(post_cues, NELEM(post_cues), post_toks);
	words_to_toks(post_cue_exceptions, NELEM(post_cue_exceptions), post_exc_toks);
	neg_ready = true;
}

static inline bool
tok_eq(const Tok *a, const Tok *b)
{
	return a->len == b->len && memcmp(a->p, b->p, a->len) == 0;
}

static bool
tok_in(const Tok *t, const Tok *list, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (tok_eq(t, &list[i]))
			return true;
	return false;
}

static bool
tok_is_digits(const Tok *t)
{
	size_t		i;

	for (i = 0; i < t->len; i++)
		if ((t->p[i] < '0' || t->p[i] > '9') && t->p[i] != '-')
			return false;
	return t->len > 0;
}

/* Does the cue end at back[gap] (tokens numbered backwards from the hit)? */
static bool
cue_at(const CueToks *ct, const Tok *back, int nback, int gap)
{
	int			i;

	if (gap + ct->nw > nback)
		return false;
	/* cue word i is back[gap + nw - 1 - i]; compare the last word first */
	for (i = ct->nw - 1; i >= 0; i--)
		if (!tok_eq(&back[gap + ct->nw - 1 - i], &ct->w[i]))
			return false;
	return true;
}

bool
pm_is_negated(const char *t, size_t len, size_t s, size_t e)
{
	Tok			back[MAXTOK];
	int			nback = 0;
	size_t		p = s;
	size_t		c;
	int			gap;
	bool		hit_is_number = s < len && t[s] >= '0' && t[s] <= '9';

	if (!neg_ready)
		neg_init();

	/* tokens before the hit, nearest first, stopping at a clause boundary */
	while (nback < MAXTOK && p > 0 && t[p - 1] == ' ')
	{
		size_t		q = p - 1;

		while (q > 0 && t[q - 1] != ' ' && t[q - 1] != '|')
			q--;
		back[nback].p = t + q;
		back[nback].len = (p - 1) - q;
		nback++;
		p = q;
	}

	for (gap = 0; gap < nback; gap++)
	{
		if (gap > 0 && filter_has(breaker_filter, &back[gap - 1]) &&
			tok_in(&back[gap - 1], breaker_toks, NELEM(breaker_toks)))
			break;
		if (!filter_has(cue_last_filter, &back[gap]))
			continue;			/* no cue ends with this token */
		for (c = 0; c < NELEM(pre_cues); c++)
		{
			if (gap > pre_cues[c].maxgap || !cue_at(&cue_toks[c], back, nback, gap))
				continue;
			if (cue_toks[c].is_no)
			{
				/* "CAS no 103-79-7", "No. 5 acetone": a number sign */
				if (gap + 1 < nback &&
					tok_in(&back[gap + 1], numsign_toks, NELEM(numsign_toks)))
					continue;
				if (gap == 0 ? hit_is_number : tok_is_digits(&back[gap - 1]))
					continue;
			}
			return true;
		}
	}

	/* post-cue right after the mention, same clause */
	if (e < len && t[e] == ' ')
	{
		Tok			next;
		Tok			after;
		size_t		q = e + 1;

		while (q < len && t[q] != ' ' && t[q] != '|')
			q++;
		next.p = t + e + 1;
		next.len = q - (e + 1);
		if (tok_in(&next, post_toks, NELEM(post_toks)))
		{
			if (q < len && t[q] == ' ')
			{
				size_t		r = q + 1;

				while (r < len && t[r] != ' ' && t[r] != '|')
					r++;
				after.p = t + q + 1;
				after.len = r - (q + 1);
				if (tok_in(&after, post_exc_toks, NELEM(post_exc_toks)))
					return false;
			}
			return true;
		}
	}
	return false;
}
