/*
 * normalize.h
 *		Chemical-text normalisation (ICU), with a map back to the original.
 *		No PostgreSQL here.
 *
 * Both sides of every comparison (watchlist terms and screened text) go
 * through the same function, so "3,4-MDP-2-P", "3, 4 -mdp 2 p" and
 * "３,４-ＭＤＰ-２-Ｐ" all become "3 4 mdp 2 p".
 *
 * The output alphabet is deliberately tiny:
 *	 [a-z0-9] and the letters ICU leaves after NFKC case folding and
 *			  diacritic removal (still UTF-8: e.g. Cyrillic words that are not
 *			  look-alikes of Latin ones);
 *	 ' '	  one separator between tokens (white space, punctuation, brackets,
 *			  quotes, primes and dashes all fold to it, and runs of them
 *			  collapse); invisible characters (ZWSP, ZWJ, ZWNJ, U+2060, BOM,
 *			  soft hyphen: Unicode's default-ignorables) are DROPPED, so that
 *			  "ace<ZWSP>tone" stays one word;
 *	 '-'	  kept only between two digits ("103-79-7", any dash, spaces around
 *			  it dropped), so identifiers survive normalisation;
 *	 '|'	  a clause boundary (",", ";", ".", ":", "!", "?" followed by white
 *			  space or end; but "3, 4" between digits stays ' ', and "." after
 *			  an abbreviation or a single letter ("No.", "e.g.") is no clause
 *			  end; a line break or '|' always), so negation never reaches
 *			  across clauses.
 * Signs of optical rotation would vanish with the other symbols, so a sign
 * alone in brackets becomes a word: "(+)" -> "plus", "(-)" / "(−)" ->
 * "minus", "(±)" / "(+/-)" / "(+-)" -> "rac" (chemname.c knows these).
 * No leading or trailing separator.  Further folds: Greek letters standing
 * alone become their names (α- -> "alpha"); look-alike letters of other
 * scripts inside Latin words become Latin ("аcetone" with Cyrillic а);
 * full-width forms via NFKC; British/American variants ("sulph" -> "sulf",
 * "aluminium" -> "aluminum", "oe"/"ae" ligatures) and similar systematic ones.
 *
 * ASCII input never touches ICU.
 */
#ifndef PRECURSOR_NORMALIZE_H
#define PRECURSOR_NORMALIZE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core_error.h"

/* Marks on output bytes (NormBuf.marks) */
#define NORM_MARK_HOMOGLYPH		0x01	/* came from a look-alike of another script */
#define NORM_MARK_NONASCII		0x02	/* came from a non-ASCII source character */

/*
 * Polled between chunks of a long input when set (NormBuf.interrupted):
 * returning true abandons the call with NORM_INTERRUPTED, so that a server
 * can serve a query cancel without jumping out of this code.
 */
typedef bool (*NormInterruptFn) (void *arg);

/*
 * A growable result buffer, reused across calls (so a caller that screens
 * millions of rows allocates once).  Memory comes from malloc/realloc; call
 * norm_buf_free() when done.  Never leaks on error: on failure the buffer
 * keeps its allocation and reports NORM_ERROR.
 */
typedef struct NormBuf
{
	char	   *text;			/* normalised UTF-8, NUL-terminated */
	size_t		len;			/* bytes in text, excluding NUL */
	uint32_t   *offset;			/* offset[i]: byte offset in the original of
								 * the character that produced text[i];
								 * offset[len] = original length */
	uint8_t    *marks;			/* marks[i]: NORM_MARK_* for text[i] */
	size_t		cap;			/* allocated bytes for text/offset/marks */
	PrecursorError error;		/* set when a call fails (core_error.h) */
	NormInterruptFn interrupted;	/* NULL (norm_buf_init) or the caller's */
	void	   *interrupt_arg;
} NormBuf;

/* What a call did; any status but NORM_OK is described in nb->error */
typedef enum NormStatus
{
	NORM_OK = 0,
	NORM_INVALID_UTF8,			/* input is not valid UTF-8 */
	NORM_ERROR,					/* ICU or allocation failure */
	NORM_INTERRUPTED			/* nb->interrupted asked to stop */
} NormStatus;

/* Bytes of input between two polls of NormBuf.interrupted */
#define NORM_POLL_BYTES		(64 * 1024)

extern void norm_buf_init(NormBuf *nb);
extern void norm_buf_free(NormBuf *nb);

/*
 * Normalise src[0..len) into nb (replacing its previous contents).  Offsets
 * are relative to src.  Thread-compatible: ICU singletons are opened once
 * per process on first use.
 */
extern NormStatus normalize_text(const char *src, size_t len, NormBuf *nb);

/*
 * The same as normalize_text() but with every character, ASCII included,
 * folded through ICU (no fast path).  For tests and fuzzing, which check
 * that the ASCII fast path gives byte-identical output.
 */
extern NormStatus normalize_text_icu(const char *src, size_t len, NormBuf *nb);

/* Did any output byte in [start, end) come from a look-alike character? */
extern bool norm_span_has_mark(const NormBuf *nb, size_t start, size_t end,
							   uint8_t mark);

#endif							/* PRECURSOR_NORMALIZE_H */
