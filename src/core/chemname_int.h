/*
 * chemname_int.h
 *		Private to chemname*.c: tokens of normalised text, the word-list
 *		bits, and the helpers the three files share.  No PostgreSQL here.
 *
 * chemname.c          whole names: chemname_strip(), form labels, and the
 *                     classification of a trailing token (salt, hydrate,
 *                     ester, solution, purity) that both callers use
 * chemname_context.c  what surrounds a hit in longer text: esters and salts
 *                     named around it, CAS clauses, and the look-alike rules
 *                     (substituents, class words, functional suffixes)
 * chemname_words.c    the closed vocabularies (word tables) and their
 *                     one-hash look-up
 */
#ifndef PRECURSOR_CHEMNAME_INT_H
#define PRECURSOR_CHEMNAME_INT_H

#include "chemname.h"

#include <string.h>

typedef struct Tok
{
	size_t		s;
	size_t		e;
} Tok;

/* Is token t the word w (of length n)?  Use tok_is() with a literal. */
static inline bool
tok_eq(const char *norm, Tok t, const char *w, size_t n)
{
	return t.e - t.s == n && memcmp(norm + t.s, w, n) == 0;
}

#define tok_is(norm, t, lit) tok_eq((norm), (t), (lit), sizeof(lit) - 1)

static inline bool
tok_numeric(const char *norm, Tok t)
{
	size_t		i;

	if (t.e == t.s)
		return false;
	for (i = t.s; i < t.e; i++)
		if (!((norm[i] >= '0' && norm[i] <= '9') || norm[i] == '-'))
			return false;
	return true;
}

/* value of a numeric token (first run of digits), capped */
static inline long
tok_value(const char *norm, Tok t)
{
	long		v = 0;
	size_t		i;

	for (i = t.s; i < t.e && norm[i] >= '0' && norm[i] <= '9'; i++)
		if (v < 100000)
			v = v * 10 + (norm[i] - '0');
	return v;
}

/*
 * Next token at or after pos, not crossing '|' when stop_at_clause.
 * Returns false at the end (or at a clause boundary).
 */
static inline bool
tok_next(const char *norm, size_t len, size_t pos, bool stop_at_clause,
		 Tok *t)
{
	while (pos < len && (norm[pos] == ' ' || norm[pos] == '|'))
	{
		if (norm[pos] == '|' && stop_at_clause)
			return false;
		pos++;
	}
	if (pos >= len)
		return false;
	t->s = pos;
	while (pos < len && norm[pos] != ' ' && norm[pos] != '|')
		pos++;
	t->e = pos;
	return true;
}

/* Token ending at or before pos (pos is an exclusive end). */
static inline bool
tok_prev(const char *norm, size_t lo, size_t pos, bool stop_at_clause,
		 Tok *t)
{
	while (pos > lo && (norm[pos - 1] == ' ' || norm[pos - 1] == '|'))
	{
		if (norm[pos - 1] == '|' && stop_at_clause)
			return false;
		pos--;
	}
	if (pos <= lo)
		return false;
	t->e = pos;
	while (pos > lo && norm[pos - 1] != ' ' && norm[pos - 1] != '|')
		pos--;
	t->s = pos;
	return true;
}


static inline bool
tok_ends(const char *norm, Tok t, const char *suffix)
{
	size_t		n = strlen(suffix);

	return t.e - t.s >= n && memcmp(norm + t.e - n, suffix, n) == 0;
}

/* The word lists a token can belong to (chemname_words.c) */
/*
 * Every word list above as one hash table: word -> set of the lists it is
 * in (V_*), so that recognising a token costs one hash and one comparison
 * instead of a strlen() and memcmp() per list entry.  Built on first use
 * (process-wide, like the normaliser's tables; a backend is
 * single-threaded).
 */
enum
{
	V_STEREO = 1 << 0,
	V_SALT = 1 << 1,
	V_LEAD_SALT = 1 << 2,
	V_CONNECTOR = 1 << 3,
	V_CATION = 1 << 4,
	V_ANION_PARTNER = 1 << 5,
	V_HYDRATE = 1 << 6,
	V_GRADE = 1 << 7,
	V_SOLUTION = 1 << 8,
	V_SOLVENT = 1 << 9,
	V_ESTER_ALKYL = 1 << 10,
	V_ESTER_WORD = 1 << 11,
	V_UNIT = 1 << 12,
	V_CLASS = 1 << 13,
	V_POSITION = 1 << 14,
	V_LEAD_ESTER = 1 << 15,
	V_CLASS_MODIFIER = 1 << 16,
	V_CONJUNCTION = 1 << 17,
	V_LEAD_SALT_BARE = 1 << 18,
	V_ALKYL_ADJECTIVE = 1 << 19
};

/* The lists (V_* set) token t belongs to; 0 for any other token */
extern uint32_t chem_tok_vocab(const char *norm, Tok t);

static inline bool
tok_in(const char *norm, Tok t, uint32_t list)
{
	return (chem_tok_vocab(norm, t) & list) != 0;
}

/* "1r", "2s", "4ar", "2e", "3z", "1rs": a locant with a descriptor */
extern bool chem_is_locant_descriptor(const char *norm, Tok t);
/* a stereo word or a locant with a descriptor */
extern bool chem_is_stereo(const char *norm, Tok t);
/* "diethylester", "methylester": an alcohol glued to "ester" (German) */
extern bool chem_is_glued_ester(const char *norm, Tok t);

/* A span of tokens found so far (stereo descriptors, salt words, purity) */
typedef struct Span
{
	bool		set;
	size_t		s;
	size_t		e;
} Span;

static inline void
span_add(Span *sp, Tok t)
{
	if (!sp->set)
	{
		sp->set = true;
		sp->s = t.s;
		sp->e = t.e;
		return;
	}
	if (t.s < sp->s)
		sp->s = t.s;
	if (t.e > sp->e)
		sp->e = t.e;
}

extern void chem_form_clear(ChemForm *form);
/* Copy norm[s, e) into a field, cut at a token boundary if it is too long */
extern void chem_set_field(char *dst, size_t dstlen, const char *norm,
						   size_t s, size_t e);
/* The stereo, salt and purity fields of *form from the spans found */
extern void chem_form_set_spans(ChemForm *form, const char *norm,
								const Span *stereo, const Span *salt,
								const Span *purity);

/* chem_classify_trailing(): purity without a form flag; t and prev consumed */
#define TRAIL_PURITY	0x100
#define TRAIL_CONSUME2	0x200

extern int	chem_classify_trailing(const char *norm, Tok t, const Tok *prev,
								   int after_kind, bool whole_name);

#endif							/* PRECURSOR_CHEMNAME_INT_H */
