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

typedef struct Tok
{
	const char *p;
	size_t		len;
} Tok;

static bool
tok_eq(const Tok *t, const char *w, size_t wlen)
{
	return t->len == wlen && memcmp(t->p, w, wlen) == 0;
}

static bool
tok_in(const Tok *t, const char *const *list, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (tok_eq(t, list[i], strlen(list[i])))
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

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Does the cue end at back[gap] (tokens numbered backwards from the hit)? */
static bool
cue_at(const NegCue *cue, const Tok *back, int nback, int gap)
{
	const char *w = cue->words;
	int			nw = 1;
	int			i;
	const char *p;

	for (p = w; *p; p++)
		if (*p == ' ')
			nw++;
	if (gap + nw > nback)
		return false;
	/* first cue word is back[gap + nw - 1] */
	for (i = nw - 1; i >= 0; i--)
	{
		const char *sp = strchr(w, ' ');
		size_t		wl = sp ? (size_t) (sp - w) : strlen(w);

		if (!tok_eq(&back[gap + i], w, wl))
			return false;
		w = sp ? sp + 1 : w + wl;
	}
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
		if (gap > 0 && tok_in(&back[gap - 1], breakers, NELEM(breakers)))
			break;
		for (c = 0; c < NELEM(pre_cues); c++)
		{
			const NegCue *cue = &pre_cues[c];

			if (gap > cue->maxgap || !cue_at(cue, back, nback, gap))
				continue;
			if (strcmp(cue->words, "no") == 0)
			{
				/* "CAS no 103-79-7", "No. 5 acetone": a number sign */
				if (gap + 1 < nback &&
					tok_in(&back[gap + 1], number_sign_before, NELEM(number_sign_before)))
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
		if (tok_in(&next, post_cues, NELEM(post_cues)))
		{
			if (q < len && t[q] == ' ')
			{
				size_t		r = q + 1;

				while (r < len && t[r] != ' ' && t[r] != '|')
					r++;
				after.p = t + q + 1;
				after.len = r - (q + 1);
				if (tok_in(&after, post_cue_exceptions, NELEM(post_cue_exceptions)))
					return false;
			}
			return true;
		}
	}
	return false;
}
