/*
 * normalize_int.h
 *		What the normaliser's two files share: the character classes, the
 *		tokeniser's state, UTF-8, and the folding of one character.
 *		normalize.c holds the tokeniser, the word-level folds and the drivers
 *		(ASCII fast path, ICU path, polling); normalize_fold.c the folding of
 *		one non-ASCII character.  Internal to them: others include
 *		normalize.h.
 */
#ifndef PRECURSOR_NORMALIZE_INT_H
#define PRECURSOR_NORMALIZE_INT_H

#include <string.h>

#include "normalize.h"

/* Character classes of folded code points */
enum
{
	C_LETTER = 0,				/* word character that is not a digit */
	C_DIGIT,					/* [0-9] (other scripts' digits are mapped) */
	C_SPACE,					/* white space */
	C_SEP,						/* any other punctuation or symbol */
	C_DASH,						/* '-', Unicode dashes, minus sign */
	C_SOFT,						/* , . : ! ? (clause end if white space follows) */
	C_HARD,						/* newline, '|' (always a clause end) */
	C_OPEN,						/* ( [ { and other opening brackets */
	C_CLOSE,					/* ) ] } and other closing brackets */
	C_PLUS,						/* '+' */
	C_PM,						/* '±', '∓' */
	C_SLASH,					/* '/' */
	C_PERIOD,					/* '.': like C_SOFT, except after an abbreviation */
	C_NONASCII = 255			/* byte_class[] of bytes >= 0x80 */
};

/* Internal mark: the source character is a look-alike candidate. */
#define MARK_CONF		0x80

/* A failure of this call, in nb->error (core_error.h) */
#define norm_error(nb, code, ...) \
	((void) precursor_error_set(&(nb)->error, (code), \
								"could not normalise the text", NULL, __VA_ARGS__))

#define FOLD_MAX	40			/* code points one character may fold to */

typedef struct NormState
{
	NormBuf    *nb;
	const char *src;
	size_t		srclen;
	bool		failed;

	/* current word: text[wstart .. len) */
	bool		in_word;
	size_t		wstart;
	uint32_t	wmask;			/* ASCII letters seen in the word */
	bool		wlatin;			/* a genuine Latin letter seen */
	bool		wspecial;		/* Greek letter or look-alike candidate seen */

	/* separator run since the last token */
	bool		run;
	bool		hard;
	bool		clause;
	bool		soft_open;		/* soft punctuation awaiting white space */
	bool		dash;
	uint32_t	run_off;
	uint32_t	hard_off;
	uint32_t	clause_off;
	uint32_t	soft_off;
	uint32_t	dash_off;

	/* "(+)", "(-)", "(±)", "(+/-)" recogniser */
	int			br;
	uint32_t	br_off;
	uint8_t		br_mark;
} NormState;

static inline void
put(NormBuf *nb, char c, uint32_t off, uint8_t mark)
{
	nb->text[nb->len] = c;
	nb->offset[nb->len] = off;
	nb->marks[nb->len] = mark;
	nb->len++;
}

/* UTF-8 */
/* Strict decoder: returns the length of the character at s (1..4) and
 * stores the code point, or 0 if the bytes are not well-formed UTF-8
 * (overlong forms, surrogates and values above U+10FFFF are rejected). */
static inline int
utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
	unsigned char c = s[0];

	if (c < 0x80)
	{
		*cp = c;
		return 1;
	}
	if (c >= 0xC2 && c <= 0xDF)
	{
		if (avail < 2 || (s[1] & 0xC0) != 0x80)
			return 0;
		*cp = ((uint32_t) (c & 0x1F) << 6) | (s[1] & 0x3F);
		return 2;
	}
	if (c >= 0xE0 && c <= 0xEF)
	{
		uint32_t	v;

		if (avail < 3 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80)
			return 0;
		v = ((uint32_t) (c & 0x0F) << 12) | ((uint32_t) (s[1] & 0x3F) << 6) |
			(s[2] & 0x3F);
		if (v < 0x800 || (v >= 0xD800 && v <= 0xDFFF))
			return 0;
		*cp = v;
		return 3;
	}
	if (c >= 0xF0 && c <= 0xF4)
	{
		uint32_t	v;

		if (avail < 4 || (s[1] & 0xC0) != 0x80 || (s[2] & 0xC0) != 0x80 ||
			(s[3] & 0xC0) != 0x80)
			return 0;
		v = ((uint32_t) (c & 0x07) << 18) | ((uint32_t) (s[1] & 0x3F) << 12) |
			((uint32_t) (s[2] & 0x3F) << 6) | (s[3] & 0x3F);
		if (v < 0x10000 || v > 0x10FFFF)
			return 0;
		*cp = v;
		return 4;
	}
	return 0;
}

static inline int
utf8_encode(uint32_t cp, char *out)
{
	if (cp < 0x80)
	{
		out[0] = (char) cp;
		return 1;
	}
	if (cp < 0x800)
	{
		out[0] = (char) (0xC0 | (cp >> 6));
		out[1] = (char) (0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000)
	{
		out[0] = (char) (0xE0 | (cp >> 12));
		out[1] = (char) (0x80 | ((cp >> 6) & 0x3F));
		out[2] = (char) (0x80 | (cp & 0x3F));
		return 3;
	}
	out[0] = (char) (0xF0 | (cp >> 18));
	out[1] = (char) (0x80 | ((cp >> 12) & 0x3F));
	out[2] = (char) (0x80 | ((cp >> 6) & 0x3F));
	out[3] = (char) (0x80 | (cp & 0x3F));
	return 4;
}

/* normalize_fold.c */
extern char norm_confusable_latin(uint32_t cp);
extern bool norm_icu_ready(NormBuf *nb);

/*
 * The folds of recent code points, direct-mapped: the hit path is inline
 * here (it runs for every non-ASCII character), a miss folds with ICU in
 * normalize_fold.c.
 */
#define FOLD_CACHE_CPS	6			/* code points stored in a cache entry */
#define FOLD_CACHE_SIZE	4096		/* direct-mapped, power of two */

typedef struct FoldEntry
{
	uint32_t	cp;				/* key; 0 = empty (U+0000 is ASCII) */
	uint8_t		n;				/* folded code points */
	uint32_t	out[FOLD_CACHE_CPS];
} FoldEntry;

extern FoldEntry norm_fold_cache[FOLD_CACHE_SIZE];
extern int	norm_fold_cp_miss(uint32_t cp, uint32_t *out, NormBuf *nb, bool *failed);

static inline FoldEntry *
norm_fold_cache_entry(uint32_t cp)
{
	return &norm_fold_cache[(cp * 2654435761u) >> 20 & (FOLD_CACHE_SIZE - 1)];
}

/*
 * Fold one code point (NFKC case fold, diacritics removed) into out (at
 * most FOLD_MAX code points); returns how many, 0 with *failed on an ICU
 * failure (described in nb->error).
 */
static inline int
norm_fold_cp(uint32_t cp, uint32_t *out, NormBuf *nb, bool *failed)
{
	FoldEntry  *e = norm_fold_cache_entry(cp);

	if (cp >= 0x80 && e->cp == cp)
	{
		memcpy(out, e->out, e->n * sizeof(uint32_t));
		return e->n;
	}
	return norm_fold_cp_miss(cp, out, nb, failed);
}

#endif							/* PRECURSOR_NORMALIZE_INT_H */
