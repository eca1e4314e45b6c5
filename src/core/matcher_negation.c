/*
 * matcher_negation.c
 *		Is a mention in a negated context, and which cue governs it?
 *
 * Works on the normalised text of the current window (lowercase, diacritics
 * removed, tokens separated by ' ', clause ends by '|').  A '|' that came
 * from a comma separates the items of a list; any other '|' (semicolon,
 * full stop, colon, line break) ends the clause.
 *
 * Two kinds of cue:
 *	- list cues ("other than", "excluding", "without", "autres que",
 *	  "z wyłączeniem", ...) govern every item of the list that follows them,
 *	  across commas, "or", "and", "and/or", "(INN)" and "and its salts", up
 *	  to the end of the clause: "other than ephedrine, pseudoephedrine (INN)
 *	  or norephedrine" negates all three;
 *	- near cues ("no", "not", "kein", "nie", ...) govern only a mention at
 *	  most a few tokens after them.
 * Some languages put the cue after the list (Hungarian "kivételével",
 * Finnish "lukuun ottamatta", English "X-free").
 *
 * What stops a cue: the end of the clause; a contrast word ("but", "aber",
 * "mais", ...); a word that starts a new item and says what the goods DO
 * contain ("other than piperonal, contains safrole", "..., with toluene");
 * for near cues, any such word and the participles ("not less than",
 * "no water containing toluene").  A cue right after a disjunction is no negation: "whether or not",
 * "with or without", "ou non", "ili ne", "mit oder ohne".
 *
 * The cue phrases are those the Combined Nomenclature uses in its 24
 * languages (each one occurs in the CN descriptions of its language:
 * src/core/tests/test_negation_cn.c checks it), plus the usual phrases of
 * hand-typed goods descriptions.  They are written here as the CN writes
 * them and normalised once, on first use, with the normaliser that the
 * texts go through.
 */
#include <stdlib.h>
#include <string.h>

#include "matcher_int.h"

/* scope of a cue */
#define CUE_LIST	(-1)		/* the whole list, to the end of the clause */

typedef struct NegCue
{
	const char *lang;			/* ISO 639-1 */
	const char *phrase;			/* as written; normalised on first use */
	int			gap;			/* CUE_LIST, or tokens allowed in between */
	bool		post;			/* the cue follows what it negates */
	bool		in_cn;			/* the CN descriptions of lang use it */
} NegCue;

static const NegCue cues[] = {
	/* English */
	{"en", "other than", CUE_LIST, false, true},
	{"en", "excluding", CUE_LIST, false, true},
	{"en", "except", CUE_LIST, false, true},
	{"en", "except for", CUE_LIST, false, false},
	{"en", "with the exception of", CUE_LIST, false, false},
	{"en", "not containing", CUE_LIST, false, true},
	{"en", "without", CUE_LIST, false, true},
	{"en", "free of", CUE_LIST, false, false},
	{"en", "free from", CUE_LIST, false, false},
	{"en", "does not contain", CUE_LIST, false, false},
	{"en", "do not contain", CUE_LIST, false, false},
	{"en", "absence of", CUE_LIST, false, false},
	{"en", "no", 2, false, false},
	{"en", "not", 3, false, false},
	{"en", "non", 0, false, false},
	{"en", "free", 0, true, false},
	/* Bulgarian */
	{"bg", "различни от", CUE_LIST, false, true},
	{"bg", "с изключение на", CUE_LIST, false, true},
	{"bg", "без", CUE_LIST, false, true},
	{"bg", "несъдържащи", CUE_LIST, false, true},
	{"bg", "освен", CUE_LIST, false, false},
	/* Czech */
	{"cs", "jiné než", CUE_LIST, false, true},
	{"cs", "jiný než", CUE_LIST, false, true},
	{"cs", "jiná než", CUE_LIST, false, true},
	{"cs", "jiných než", CUE_LIST, false, true},
	{"cs", "kromě", CUE_LIST, false, true},
	{"cs", "s výjimkou", CUE_LIST, false, true},
	{"cs", "bez", CUE_LIST, false, true},
	{"cs", "neobsahující", CUE_LIST, false, true},
	/* Danish */
	{"da", "undtagen", CUE_LIST, false, true},
	{"da", "andre end", CUE_LIST, false, true},
	{"da", "bortset fra", CUE_LIST, false, true},
	{"da", "uden", CUE_LIST, false, true},
	{"da", "ikke tilsat", CUE_LIST, false, true},
	/* German */
	{"de", "ausgenommen", CUE_LIST, false, true},
	{"de", "andere als", CUE_LIST, false, true},
	{"de", "außer", CUE_LIST, false, true},
	{"de", "mit Ausnahme von", CUE_LIST, false, false},
	{"de", "ohne", CUE_LIST, false, true},
	{"de", "frei von", CUE_LIST, false, false},
	{"de", "nicht", 3, false, true},
	{"de", "kein", 2, false, false},
	{"de", "keine", 2, false, false},
	{"de", "keinen", 2, false, true},
	{"de", "frei", 0, true, false},
	/* Greek */
	{"el", "άλλα από", CUE_LIST, false, true},
	{"el", "άλλοι από", CUE_LIST, false, true},
	{"el", "άλλες από", CUE_LIST, false, true},
	{"el", "εκτός από", CUE_LIST, false, true},
	{"el", "με εξαίρεση", CUE_LIST, false, true},
	{"el", "χωρίς", CUE_LIST, false, true},
	{"el", "δεν περιέχουν", CUE_LIST, false, true},
	/* Spanish */
	{"es", "excepto", CUE_LIST, false, true},
	{"es", "distintos de", CUE_LIST, false, true},
	{"es", "distintas de", CUE_LIST, false, true},
	{"es", "salvo", CUE_LIST, false, false},
	{"es", "con exclusión de", CUE_LIST, false, true},
	{"es", "sin", CUE_LIST, false, true},
	{"es", "libre de", CUE_LIST, false, false},
	{"es", "no contiene", CUE_LIST, false, false},
	/* Estonian ("v.a" is "välja arvatud") */
	{"et", "v.a", CUE_LIST, false, true},
	{"et", "välja arvatud", CUE_LIST, false, true},
	{"et", "ilma", CUE_LIST, false, true},
	{"et", "ei sisalda", CUE_LIST, false, true},
	/* Finnish */
	{"fi", "muut kuin", CUE_LIST, false, true},
	{"fi", "muu kuin", CUE_LIST, false, true},
	{"fi", "ei kuitenkaan", CUE_LIST, false, true},
	{"fi", "ilman", CUE_LIST, false, true},
	{"fi", "lukuun ottamatta", CUE_LIST, true, true},
	/* French */
	{"fr", "autres que", CUE_LIST, false, true},
	{"fr", "autre que", CUE_LIST, false, true},
	{"fr", "à l'exclusion des", CUE_LIST, false, true},
	{"fr", "à l'exclusion de", CUE_LIST, false, true},
	{"fr", "à l'exclusion du", CUE_LIST, false, true},
	{"fr", "sauf", CUE_LIST, false, false},
	{"fr", "sans", CUE_LIST, false, true},
	{"fr", "ne contenant pas", CUE_LIST, false, true},
	{"fr", "exempt de", CUE_LIST, false, false},
	{"fr", "exempte de", CUE_LIST, false, false},
	{"fr", "hors", 3, false, false},
	{"fr", "ne contient pas", CUE_LIST, false, false},
	{"fr", "pas de", 2, false, false},
	/* Irish */
	{"ga", "seachas", CUE_LIST, false, true},
	{"ga", "gan", CUE_LIST, false, true},
	{"ga", "nach bhfuil", CUE_LIST, false, true},
	/* Croatian */
	{"hr", "osim", CUE_LIST, false, true},
	{"hr", "isključujući", CUE_LIST, false, true},
	{"hr", "bez", CUE_LIST, false, true},
	/* Hungarian: postpositions */
	{"hu", "kivételével", CUE_LIST, true, true},
	{"hu", "nélkül", 2, true, true},
	/* Italian */
	{"it", "diversi da", CUE_LIST, false, true},
	{"it", "diverse da", CUE_LIST, false, true},
	{"it", "diversi dai", CUE_LIST, false, true},
	{"it", "diverse dalle", CUE_LIST, false, true},
	{"it", "diversi dal", CUE_LIST, false, true},
	{"it", "diversi dagli", CUE_LIST, false, true},
	{"it", "esclusi", CUE_LIST, false, true},
	{"it", "escluse", CUE_LIST, false, true},
	{"it", "escluso", CUE_LIST, false, true},
	{"it", "eccetto", CUE_LIST, false, true},
	{"it", "tranne", CUE_LIST, false, false},
	{"it", "senza", CUE_LIST, false, true},
	{"it", "non contenenti", CUE_LIST, false, true},
	{"it", "privo di", CUE_LIST, false, false},
	{"it", "priva di", CUE_LIST, false, false},
	{"it", "non contiene", CUE_LIST, false, false},
	/* Lithuanian */
	{"lt", "išskyrus", CUE_LIST, false, true},
	{"lt", "be", CUE_LIST, false, true},
	{"lt", "sudėtyje nėra", CUE_LIST, false, true},
	/* Latvian */
	{"lv", "izņemot", CUE_LIST, false, true},
	{"lv", "bez", CUE_LIST, false, true},
	{"lv", "nesatur", CUE_LIST, false, true},
	/* Maltese */
	{"mt", "għajr", CUE_LIST, false, true},
	{"mt", "ħlief", CUE_LIST, false, true},
	{"mt", "mingħajr", CUE_LIST, false, true},
	{"mt", "ma fihomx", CUE_LIST, false, true},
	/* Dutch */
	{"nl", "andere dan", CUE_LIST, false, true},
	{"nl", "met uitzondering van", CUE_LIST, false, true},
	{"nl", "uitgezonderd", CUE_LIST, false, true},
	{"nl", "behalve", CUE_LIST, false, false},
	{"nl", "zonder", CUE_LIST, false, true},
	{"nl", "vrij van", CUE_LIST, false, false},
	{"nl", "geen", 2, false, true},
	{"nl", "vrij", 0, true, false},
	/* Polish */
	{"pl", "inne niż", CUE_LIST, false, true},
	{"pl", "inny niż", CUE_LIST, false, true},
	{"pl", "z wyłączeniem", CUE_LIST, false, true},
	{"pl", "z wyjątkiem", CUE_LIST, false, true},
	{"pl", "bez", CUE_LIST, false, true},
	{"pl", "niezawierające", CUE_LIST, false, true},
	{"pl", "wolny od", CUE_LIST, false, false},
	{"pl", "wolne od", CUE_LIST, false, false},
	{"pl", "nie zawiera", CUE_LIST, false, false},
	{"pl", "nie", 3, false, false},
	/* Portuguese */
	{"pt", "exceto", CUE_LIST, false, true},
	{"pt", "com exclusão de", CUE_LIST, false, false},
	{"pt", "com exclusão dos", CUE_LIST, false, false},
	{"pt", "com exclusão das", CUE_LIST, false, false},
	{"pt", "excluindo", CUE_LIST, false, true},
	{"pt", "sem", CUE_LIST, false, true},
	{"pt", "não contenham", CUE_LIST, false, true},
	/* Romanian */
	{"ro", "altele decât", CUE_LIST, false, true},
	{"ro", "altul decât", CUE_LIST, false, true},
	{"ro", "cu excepția", CUE_LIST, false, true},
	{"ro", "fără", CUE_LIST, false, true},
	{"ro", "nu conțin", CUE_LIST, false, true},
	/* Slovak */
	{"sk", "iné ako", CUE_LIST, false, true},
	{"sk", "iný ako", CUE_LIST, false, true},
	{"sk", "okrem", CUE_LIST, false, true},
	{"sk", "s výnimkou", CUE_LIST, false, false},
	{"sk", "bez", CUE_LIST, false, true},
	{"sk", "neobsahujúce", CUE_LIST, false, true},
	/* Slovenian */
	{"sl", "razen", CUE_LIST, false, true},
	{"sl", "brez", CUE_LIST, false, true},
	{"sl", "ne vsebujejo", CUE_LIST, false, true},
	/* Swedish */
	{"sv", "andra än", CUE_LIST, false, true},
	{"sv", "med undantag av", CUE_LIST, false, true},
	{"sv", "utom", CUE_LIST, false, true},
	{"sv", "utan", CUE_LIST, false, true},
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

/* Words that end every cue's reach ("no toluene but acetone"). */
static const char *const contrast_words[] = {
	"but", "however", "aber", "sondern", "jedoch", "mais", "pero", "sino",
	"maar", "lecz", "ma", "dar", "men", "mutta", "izda",
};

/*
 * Words that say what the goods do contain: they end a list cue's reach when
 * they start a new item ("other than piperonal, contains safrole"), and any
 * near cue's reach.
 */
static const char *const positive_words[] = {
	"contains", "contain", "including", "enthalt", "enthaelt",
	"contient", "contiene", "bevat", "zawiera", "sisaldab", "sisaltaa",
	"obsahuje", "innehaller", "indeholder", "vsebuje", "sadrzi", "tartalmaz",
};

/*
 * Participles, "with" and quantities ("not less than") end only a near cue's reach: in a list they describe
 * an item of the list ("other than medicaments containing penicillins, with
 * a penicillanic acid structure, containing ephedrine or its salts", as the
 * CN words the items of heading 3004).
 */
static const char *const participle_words[] = {
	"less", "more", "only", "just", "plus",
	"with", "mit", "avec", "con", "com", "met", "med", "cu", "containing", "enthaltend", "contenant", "contenente", "contenenti",
	"conteniendo", "contendo", "bevattende", "zawierajace", "obsahujici",
	"obsahujuce", "innehallande", "indeholdende", "sisaldav", "sisaltava",
};

/* Conjunctions between list items, and disjunctions ("or" words). */
static const char *const conj_words[] = {
	"and", "und", "et", "y", "e", "en", "i", "a", "og", "och", "ja", "si",
	"es", "ir", "un", "u", "agus",
};
static const char *const or_words[] = {
	"or", "oder", "ou", "o", "of", "lub", "albo", "ili", "ali", "vagy",
	"nebo", "alebo", "sau", "или", "eller", "tai", "voi", "vai", "arba",
	"jew", "no", "η",
};

/* "no"/"nr" after these is a number sign ("CAS No 103-79-7"), not a negation */
static const char *const number_sign_before[] = {
	"cas", "ec", "einecs", "elincs", "cn", "hs", "taric", "tariff", "code",
	"item", "ref", "art", "article", "lot", "batch", "serial", "reg",
	"registration", "order", "invoice", "un", "product", "catalog",
	"catalogue", "cat", "part", "page", "po", "id", "model", "type",
};

/* "ephedrine free base" is ephedrine: the post-cue "free" is no cue here */
static const char *const post_free_exceptions[] = {
	"base", "bases", "acid", "acids", "amine", "form", "radical", "radicals",
	"alkaloid", "of", "from", "flowing", "phenol", "von", "van",
};

#define MAXCUEWORDS 5
/* Tokens examined on either side of a mention: a long list still fits */
#define MAXSCOPE	1024

typedef struct Tok
{
	const char *p;
	uint32_t	len;
	bool		comma_after;	/* a list separator follows, towards the hit */
} Tok;

typedef struct CueToks
{
	int			nw;				/* 0: the phrase could not be normalised */
	Tok			w[MAXCUEWORDS];
	bool		is_no;			/* the cue "no": beware of number signs */
	bool		is_free;		/* the post-cue "free" and its exceptions */
} CueToks;

typedef struct WordSet
{
	const char *const *words;
	size_t		n;
	Tok		   *toks;
} WordSet;

static CueToks cue_toks[NELEM(cues)];
static Tok	contrast_toks[NELEM(contrast_words)];
static Tok	positive_toks[NELEM(positive_words)];
static Tok	participle_toks[NELEM(participle_words)];
static Tok	conj_toks[NELEM(conj_words)];
static Tok	or_toks[NELEM(or_words)];
static Tok	numsign_toks[NELEM(number_sign_before)];
static Tok	free_exc_toks[NELEM(post_free_exceptions)];
static bool neg_ready = false;

/*
 * Quick filter, one bit per (first byte, length < 32) of the edge words of
 * the cues (last word of a pre-cue, first word of a post-cue): most tokens
 * near a hit are neither, and are dismissed without a look at the table.
 */
static uint32_t cue_filter[256];
/* cues by the first byte of their edge word: cue_order[cue_start[b] .. cue_start[b + 1]) */
static uint16_t cue_order[NELEM(cues)];
static uint16_t cue_start[257];
/* ... and of every word of the other tables (contrast, positive, ...) */
static uint32_t word_filter[256];

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
}

static void
words_to_toks(const char *const *list, size_t n, Tok *out)
{
	size_t		i;

	for (i = 0; i < n; i++)
	{
		out[i].p = list[i];
		out[i].len = (uint32_t) strlen(list[i]);
		out[i].comma_after = false;
	}
}

/* Normalise a cue phrase into tokens; the text is kept for the process. */
static void
cue_prepare(const NegCue *c, CueToks *ct, NormBuf *nb)
{
	char	   *copy;
	char	   *w;

	ct->nw = 0;
	if (normalize_text(c->phrase, strlen(c->phrase), nb) != NORM_OK || nb->len == 0)
		return;
	copy = malloc(nb->len + 1);
	if (copy == NULL)
		return;					/* the cue stays unused: no crash, no cue */
	memcpy(copy, nb->text, nb->len + 1);
	w = copy;
	while (*w && ct->nw < MAXCUEWORDS)
	{
		size_t		wl = strcspn(w, " |");

		ct->w[ct->nw].p = w;
		ct->w[ct->nw].len = (uint32_t) wl;
		ct->w[ct->nw].comma_after = false;
		ct->nw++;
		w += wl;
		while (*w == ' ' || *w == '|')
			w++;
	}
	ct->is_no = strcmp(copy, "no") == 0;
	ct->is_free = c->post && ct->nw == 1 && c->gap == 0;
}

void
pm_negation_init(void)
{
	NormBuf		nb;
	size_t		c;

	if (neg_ready)
		return;
	norm_buf_init(&nb);
	for (c = 0; c < NELEM(cues); c++)
	{
		CueToks    *ct = &cue_toks[c];

		cue_prepare(&cues[c], ct, &nb);
		if (ct->nw > 0)
			filter_add(cue_filter, &ct->w[cues[c].post ? 0 : ct->nw - 1]);
	}
	norm_buf_free(&nb);
	{
		uint16_t	n = 0;
		int			b;

		for (b = 0; b < 256; b++)
		{
			cue_start[b] = n;
			for (c = 0; c < NELEM(cues); c++)
			{
				const CueToks *ct = &cue_toks[c];

				if (ct->nw > 0 &&
					(unsigned char) ct->w[cues[c].post ? 0 : ct->nw - 1].p[0] == b)
					cue_order[n++] = (uint16_t) c;
			}
		}
		cue_start[256] = n;
	}
	words_to_toks(contrast_words, NELEM(contrast_words), contrast_toks);
	words_to_toks(positive_words, NELEM(positive_words), positive_toks);
	words_to_toks(participle_words, NELEM(participle_words), participle_toks);
	words_to_toks(conj_words, NELEM(conj_words), conj_toks);
	words_to_toks(or_words, NELEM(or_words), or_toks);
	words_to_toks(number_sign_before, NELEM(number_sign_before), numsign_toks);
	words_to_toks(post_free_exceptions, NELEM(post_free_exceptions), free_exc_toks);
	for (c = 0; c < NELEM(contrast_toks); c++)
		filter_add(word_filter, &contrast_toks[c]);
	for (c = 0; c < NELEM(positive_toks); c++)
		filter_add(word_filter, &positive_toks[c]);
	for (c = 0; c < NELEM(participle_toks); c++)
		filter_add(word_filter, &participle_toks[c]);
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

/* Is the '|' at normalised byte i a comma of the original (a list separator)? */
static bool
is_list_sep(const PmMatcher *m, size_t i)
{
	size_t		o = m->region_start + m->nb.offset[i];

	return o < m->text_len && m->text[o] == ',';
}

/*
 * Tokens before the hit, nearest first, up to the end of the clause.
 * back[i].comma_after: a comma separates back[i] from back[i - 1] (or from
 * the hit, for i = 0).
 */
static int
tokens_before(const PmMatcher *m, size_t s, Tok *back)
{
	const char *t = m->nb.text;
	int			n = 0;
	size_t		p = s;

	while (n < MAXSCOPE && p > 0)
	{
		size_t		q;
		char		sep = t[p - 1];

		if (sep == '|' && !is_list_sep(m, p - 1))
			break;
		if (sep != ' ' && sep != '|')
			break;				/* mid-token ('-' between digits) */
		q = p - 1;
		while (q > 0 && t[q - 1] != ' ' && t[q - 1] != '|')
			q--;
		back[n].p = t + q;
		back[n].len = (uint32_t) ((p - 1) - q);
		back[n].comma_after = sep == '|';
		n++;
		p = q;
	}
	return n;
}

/* Tokens after the hit, nearest first; fwd[i].comma_after: a comma precedes fwd[i]. */
static int
tokens_after(const PmMatcher *m, size_t e, Tok *fwd)
{
	const char *t = m->nb.text;
	size_t		len = m->nb.len;
	int			n = 0;
	size_t		p = e;

	while (n < MAXSCOPE && p < len)
	{
		size_t		q;
		char		sep = t[p];

		if (sep == '|' && !is_list_sep(m, p))
			break;
		if (sep != ' ' && sep != '|')
			break;
		q = p + 1;
		while (q < len && t[q] != ' ' && t[q] != '|')
			q++;
		fwd[n].p = t + p + 1;
		fwd[n].len = (uint32_t) (q - (p + 1));
		fwd[n].comma_after = sep == '|';
		n++;
		p = q;
	}
	return n;
}

/* Does pre-cue c end at back[gap] (tokens numbered backwards from the hit)? */
static bool
pre_cue_at(const CueToks *ct, const Tok *back, int nback, int gap)
{
	int			i;

	if (gap + ct->nw > nback)
		return false;
	for (i = ct->nw - 1; i >= 0; i--)
	{
		const Tok  *b = &back[gap + ct->nw - 1 - i];

		if (!tok_eq(b, &ct->w[i]) || (i < ct->nw - 1 && b->comma_after))
			return false;
	}
	return true;
}

/* Does post-cue c start at fwd[gap]? */
static bool
post_cue_at(const CueToks *ct, const Tok *fwd, int nfwd, int gap)
{
	int			i;

	if (gap + ct->nw > nfwd)
		return false;
	for (i = 0; i < ct->nw; i++)
	{
		const Tok  *f = &fwd[gap + i];

		if (!tok_eq(f, &ct->w[i]) || (i > 0 && f->comma_after))
			return false;
	}
	return true;
}

/* "not", "nicht", "nepresahujuca", ...: a negation word or prefix */
static bool
is_negation_word(const Tok *t)
{
	static const char *const words[] = {"not", "n", "ne", "nicht", "non", "pas", "nie", "no", "nu"};
	size_t		i;

	if (t == NULL)
		return false;
	for (i = 0; i < NELEM(words); i++)
		if (t->len == strlen(words[i]) && memcmp(t->p, words[i], t->len) == 0)
			return true;
	/* Slavic adjectives take the negation as a prefix */
	return t->len > 4 && memcmp(t->p, "ne", 2) == 0 && t->p[2] != 'w';
}

/*
 * Is contrast word x a contrast here?  Not when a negation follows it: "520
 * or more but not exceeding 550" restates a range inside one list item.
 */
static bool
contrast_at(const Tok *x, const Tok *next)
{
	return tok_in(x, contrast_toks, NELEM(contrast_toks)) && !is_negation_word(next);
}

/*
 * Does token x (a positive word such as "containing") start a list item?
 * prev is the token on the cue's side of it, sep_between says whether a
 * comma separates them.
 */
static bool
starts_item(const Tok *prev, bool sep_between)
{
	return sep_between || prev == NULL ||
		tok_in(prev, conj_toks, NELEM(conj_toks)) ||
		tok_in(prev, or_toks, NELEM(or_toks));
}

/*
 * Is word i of toks (n words) inside a numeric range, a number at most 5
 * words away on either side ("520 or more but not exceeding 550",
 * "520 pero inferior o igual a 550", "minimum 520, dar maximum 550")?
 */
static bool
in_numeric_range(const Tok *toks, int n, int i)
{
	int			j;
	bool		below = false,
				above = false;

	for (j = i + 1; j < n && j <= i + 5 && !below; j++)
		below = tok_is_digits(&toks[j]);
	for (j = i - 1; j >= 0 && j >= i - 5 && !above; j--)
		above = tok_is_digits(&toks[j]);
	return below && above;
}

#define REACH_GOES		0
#define REACH_STOP		1		/* no cue beyond this word reaches the hit */
#define REACH_STOP_NEAR 2		/* only list cues do */

/*
 * What word x, lying between a cue and the hit, does to the cue's reach.
 * next is the word after x towards the hit (NULL: the hit), prev the word
 * on the cue's side, sep_prev whether a comma separates prev and x.
 */
static int
word_effect(const Tok *row, int nrow, int ix, const Tok *next, const Tok *prev,
			bool sep_prev)
{
	const Tok  *x = &row[ix];

	if (!filter_has(word_filter, x))
		return REACH_GOES;		/* most words: none of the tables' */
	/* the range test only for a word of the tables: most hits have none */
	if (contrast_at(x, next) && !in_numeric_range(row, nrow, ix))
		return REACH_STOP;
	if (tok_in(x, positive_toks, NELEM(positive_toks)))
		return starts_item(prev, sep_prev) ? REACH_STOP : REACH_STOP_NEAR;
	if (tok_in(x, participle_toks, NELEM(participle_toks)))
		return REACH_STOP_NEAR;
	return REACH_GOES;
}

/*
 * The negation cue governing the hit at [s, e), 0 for none: pre-cues
 * walking back word by word, then post-cues after the hit.  (Over 100 lines:
 * one walk whose reach rules share its state; split, they would pass it all.)
 */
int
pm_negation_cue(const PmMatcher *m, size_t s, size_t e)
{
	Tok			back[MAXSCOPE];
	Tok			fwd[MAXSCOPE];
	int			nback;
	int			nfwd;
	int			gap;
	size_t		c;
	unsigned	ci,
				b0;
	bool		near_ok = true;	/* near cues may still reach the hit */
	int			near_cue = 0;	/* a near cue found; a list cue further back wins */
	bool		hit_is_number = s < m->nb.len && m->nb.text[s] >= '0' && m->nb.text[s] <= '9';

	if (!neg_ready)
		pm_negation_init();

	nback = tokens_before(m, s, back);
	for (gap = 0; gap < nback; gap++)
	{
		if (gap > 0)
		{
			/* back[gap - 1] lies between a cue ending at back[gap] and the hit */
			int			eff = word_effect(back, nback, gap - 1,
										  gap >= 2 ? &back[gap - 2] : NULL,
										  &back[gap], back[gap].comma_after);

			if (eff == REACH_STOP)
				break;
			if (eff == REACH_STOP_NEAR)
				near_ok = false;
		}
		if (!filter_has(cue_filter, &back[gap]))
			continue;
		b0 = (unsigned char) back[gap].p[0];
		for (ci = cue_start[b0]; ci < cue_start[b0 + 1]; ci++)
		{
			const CueToks *ct = &cue_toks[c = cue_order[ci]];
			int			before = gap + ct->nw;	/* token before the cue */

			if (cues[c].post || ct->nw == 0)
				continue;
			if (cues[c].gap != CUE_LIST && (!near_ok || gap > cues[c].gap))
				continue;
			if (!pre_cue_at(ct, back, nback, gap))
				continue;
			/* "whether or not", "with or without": a disjunction, not a negation */
			if (before < nback && !back[before].comma_after &&
				tok_in(&back[before], or_toks, NELEM(or_toks)))
				continue;
			if (ct->is_no)
			{
				/* "CAS no 103-79-7", "No. 5 acetone": a number sign */
				if (before < nback &&
					tok_in(&back[before], numsign_toks, NELEM(numsign_toks)))
					continue;
				if (gap == 0 ? hit_is_number : tok_is_digits(&back[gap - 1]))
					continue;
			}
			if (cues[c].gap == CUE_LIST)
				return (int) c + 1;
			if (near_cue == 0)
				near_cue = (int) c + 1;
		}
	}
	if (near_cue != 0)
		return near_cue;

	/* post-cues: "toluene-free", "efedrin ... kivételével" */
	nfwd = tokens_after(m, e, fwd);
	near_ok = true;
	for (gap = 0; gap < nfwd; gap++)
	{
		if (gap > 0)
		{
			int			eff = word_effect(fwd, nfwd, gap - 1, &fwd[gap],
										  gap >= 2 ? &fwd[gap - 2] : NULL, fwd[gap - 1].comma_after);

			if (eff == REACH_STOP)
				break;
			if (eff == REACH_STOP_NEAR)
				near_ok = false;
		}
		if (!filter_has(cue_filter, &fwd[gap]))
			continue;
		b0 = (unsigned char) fwd[gap].p[0];
		for (ci = cue_start[b0]; ci < cue_start[b0 + 1]; ci++)
		{
			const CueToks *ct = &cue_toks[c = cue_order[ci]];

			if (!cues[c].post || ct->nw == 0)
				continue;
			if (cues[c].gap != CUE_LIST && (!near_ok || gap > cues[c].gap))
				continue;
			if (!post_cue_at(ct, fwd, nfwd, gap))
				continue;
			if (gap == 0 && fwd[0].comma_after)
				continue;		/* "toluene, free ..." is no "toluene-free" */
			if (ct->is_free && gap + 1 < nfwd && !fwd[gap + 1].comma_after &&
				tok_in(&fwd[gap + 1], free_exc_toks, NELEM(free_exc_toks)))
				continue;
			return (int) c + 1;
		}
	}
	return 0;
}

const char *
pm_negation_cue_phrase(int cue)
{
	if (cue <= 0 || (size_t) cue > NELEM(cues))
		return NULL;
	return cues[cue - 1].phrase;
}

const char *
pm_negation_cue_lang(int cue)
{
	if (cue <= 0 || (size_t) cue > NELEM(cues))
		return NULL;
	return cues[cue - 1].lang;
}

size_t
pm_negation_cue_count(void)
{
	return NELEM(cues);
}

bool
pm_negation_cue_in_cn(int cue)
{
	return cue > 0 && (size_t) cue <= NELEM(cues) && cues[cue - 1].in_cn;
}
