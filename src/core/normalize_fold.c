/*
 * normalize_fold.c
 *		The normaliser's folding of one character: look-alike letters of
 *		other scripts, and ICU NFKC case folding with diacritics removed,
 *		cached per code point.  See normalize.c for the design.
 */
#include "normalize_int.h"

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/utf16.h>
#include <unicode/utypes.h>

/* ------------------------------------------------------------------------
 * Look-alike letters of other scripts (source code point -> Latin letter).
 * Only letters that are visually identical or nearly so in common fonts;
 * used only inside a word that also has a genuine Latin letter, so real
 * Cyrillic and Greek words are left alone.  Uppercase forms are listed
 * because case folding would otherwise lose the look-alike (Cyrillic "Т"
 * looks like "T", its lowercase "т" does not look like "t").
 * ------------------------------------------------------------------------ */
typedef struct Confusable
{
	uint16_t	cp;
	char		latin;
} Confusable;

static const Confusable confusables[] = {
	{0x0391, 'a'}, {0x0392, 'b'}, {0x0395, 'e'}, {0x0396, 'z'}, {0x0397, 'h'},
	{0x0399, 'i'}, {0x039A, 'k'}, {0x039C, 'm'}, {0x039D, 'n'}, {0x039F, 'o'},
	{0x03A1, 'p'}, {0x03A4, 't'}, {0x03A5, 'y'}, {0x03A7, 'x'},
	{0x03B1, 'a'}, {0x03B9, 'i'}, {0x03BA, 'k'}, {0x03BD, 'v'}, {0x03BF, 'o'},
	{0x03C1, 'p'}, {0x03C5, 'u'}, {0x03C7, 'x'},
	{0x0405, 's'}, {0x0406, 'i'}, {0x0408, 'j'}, {0x0410, 'a'}, {0x0412, 'b'},
	{0x0415, 'e'}, {0x041A, 'k'}, {0x041C, 'm'}, {0x041D, 'h'}, {0x041E, 'o'},
	{0x0420, 'p'}, {0x0421, 'c'}, {0x0422, 't'}, {0x0423, 'y'}, {0x0425, 'x'},
	{0x0430, 'a'}, {0x0435, 'e'}, {0x043E, 'o'}, {0x0440, 'p'}, {0x0441, 'c'},
	{0x0443, 'y'}, {0x0445, 'x'}, {0x0455, 's'}, {0x0456, 'i'}, {0x0458, 'j'},
	{0x04AE, 'y'}, {0x04BB, 'h'}, {0x04C0, 'l'}, {0x04CF, 'l'},
	{0x0501, 'd'}, {0x051A, 'q'}, {0x051B, 'q'}, {0x051C, 'w'}, {0x051D, 'w'},
};

char
norm_confusable_latin(uint32_t cp)
{
	int			lo = 0;
	int			hi = (int) (sizeof(confusables) / sizeof(confusables[0])) - 1;

	if (cp < 0x0391 || cp > 0x051D)
		return 0;
	while (lo <= hi)
	{
		int			mid = (lo + hi) / 2;

		if (confusables[mid].cp == cp)
			return confusables[mid].latin;
		if (confusables[mid].cp < cp)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return 0;
}

/* ------------------------------------------------------------------------
 * Folding one character with ICU (cached)
 * ------------------------------------------------------------------------ */
static const UNormalizer2 *icu_nfkc_cf = NULL;
static const UNormalizer2 *icu_nfd = NULL;

bool
norm_icu_ready(NormBuf *nb)
{
	UErrorCode	status = U_ZERO_ERROR;

	if (icu_nfkc_cf != NULL && icu_nfd != NULL)
		return true;
	icu_nfkc_cf = unorm2_getNFKCCasefoldInstance(&status);
	if (U_FAILURE(status))
	{
		icu_nfkc_cf = NULL;
		norm_error(nb, PRECURSOR_INTERNAL_ERROR,
				 "could not open the ICU NFKC_Casefold normalizer: %s",
				 u_errorName(status));
		return false;
	}
	icu_nfd = unorm2_getNFDInstance(&status);
	if (U_FAILURE(status))
	{
		icu_nfd = NULL;
		norm_error(nb, PRECURSOR_INTERNAL_ERROR,
				 "could not open the ICU NFD normalizer: %s",
				 u_errorName(status));
		return false;
	}
	return true;
}

FoldEntry	norm_fold_cache[FOLD_CACHE_SIZE];

/*
 * Latin letters that have no canonical decomposition, so that diacritic
 * removal does not reach them, but are "a letter with a stroke" or a
 * ligature to a reader: Polish ł, Scandinavian ø, Croatian đ, Maltese ħ,
 * Turkish dotless ı, æ/œ ligatures (then "ae"/"oe"), Icelandic þ/ð.
 * Returns the number of ASCII letters written, or 0 if cp is not one.
 */
static int
latin_extra(uint32_t cp, uint32_t *out)
{
	switch (cp)
	{
		case 0x0142:			/* ł */
		case 0x0140:			/* ŀ */
			out[0] = 'l';
			return 1;
		case 0x00F8:			/* ø */
			out[0] = 'o';
			return 1;
		case 0x0111:			/* đ */
		case 0x00F0:			/* ð */
			out[0] = 'd';
			return 1;
		case 0x0127:			/* ħ */
			out[0] = 'h';
			return 1;
		case 0x0131:			/* ı */
			out[0] = 'i';
			return 1;
		case 0x0167:			/* ŧ */
			out[0] = 't';
			return 1;
		case 0x0138:			/* ĸ */
			out[0] = 'k';
			return 1;
		case 0x00E6:			/* æ */
			out[0] = 'a';
			out[1] = 'e';
			return 2;
		case 0x0153:			/* œ */
			out[0] = 'o';
			out[1] = 'e';
			return 2;
		case 0x00FE:			/* þ */
			out[0] = 't';
			out[1] = 'h';
			return 2;
	}
	return 0;
}

/*
 * One step of folding: NFKC_Casefold (which also deletes default-ignorable
 * characters such as ZWSP, ZWJ, ZWNJ, U+2060, BOM and the soft hyphen),
 * then NFD with non-spacing and enclosing marks dropped (diacritics), then
 * the extra Latin letters and digits of other scripts mapped to ASCII.
 */
static int
fold_step(uint32_t cp, uint32_t *out, int max, NormBuf *nb, bool *failed)
{
	UChar		in[2];
	UChar		a[64];
	UChar		b[160];
	int32_t		ilen = 0;
	int32_t		alen;
	int32_t		blen;
	int32_t		i;
	int			n = 0;
	UErrorCode	status = U_ZERO_ERROR;
	UBool		err = false;

	U16_APPEND(in, ilen, 2, cp, err);
	if (err)
		return 0;
	alen = unorm2_normalize(icu_nfkc_cf, in, ilen, a, 64, &status);
	if (U_FAILURE(status))
	{
		norm_error(nb, PRECURSOR_INTERNAL_ERROR,
				 "ICU NFKC_Casefold normalization failed: %s", u_errorName(status));
		*failed = true;
		return 0;
	}
	blen = unorm2_normalize(icu_nfd, a, alen, b, 160, &status);
	if (U_FAILURE(status))
	{
		norm_error(nb, PRECURSOR_INTERNAL_ERROR,
				 "ICU NFD normalization failed: %s", u_errorName(status));
		*failed = true;
		return 0;
	}
	for (i = 0; i < blen;)
	{
		UChar32		c;
		int8_t		t;
		uint32_t	extra[2];
		int			k;

		U16_NEXT(b, i, blen, c);
		t = u_charType(c);
		if (t == U_NON_SPACING_MARK || t == U_ENCLOSING_MARK)
			continue;
		if (n + 2 > max)
			break;
		if (t == U_DECIMAL_DIGIT_NUMBER && c >= 0x80)
		{
			out[n++] = '0' + (uint32_t) u_charDigitValue(c);
			continue;
		}
		k = latin_extra((uint32_t) c, extra);
		if (k > 0)
		{
			memcpy(out + n, extra, k * sizeof(uint32_t));
			n += k;
			continue;
		}
		out[n++] = (uint32_t) c;
	}
	return n;
}

/*
 * Fold a character to a fixed point: every code point of the result folds
 * to itself, which makes normalisation idempotent.
 */
static int
fold_full(uint32_t cp, uint32_t *out, int max, int depth, NormBuf *nb,
		  bool *failed)
{
	uint32_t	step[FOLD_MAX];
	int			n = fold_step(cp, step, FOLD_MAX, nb, failed);
	int			total = 0;
	int			i;

	if (*failed)
		return 0;
	if (n == 1 && step[0] == cp)
	{
		out[0] = cp;
		return 1;
	}
	if (depth >= 4)
		return 0;				/* no fixed point: drop the character */
	for (i = 0; i < n; i++)
	{
		if (step[i] < 0x80)
		{
			if (total < max)
				out[total++] = step[i];
			continue;
		}
		total += fold_full(step[i], out + total, max - total, depth + 1, nb,
						   failed);
		if (*failed)
			return 0;
	}
	return total;
}

/* Fold a non-ASCII code point, through the cache. */
/* norm_fold_cp() when the cache does not have cp: fold it, and cache it */
int
norm_fold_cp_miss(uint32_t cp, uint32_t *out, NormBuf *nb, bool *failed)
{
	FoldEntry  *e = norm_fold_cache_entry(cp);
	int			n;

	if (cp < 0x80)				/* only normalize_text_icu() gets here */
		return fold_full(cp, out, FOLD_MAX, 0, nb, failed);
	n = fold_full(cp, out, FOLD_MAX, 0, nb, failed);
	if (*failed)
		return 0;
	if (n <= FOLD_CACHE_CPS)
	{
		e->cp = cp;
		e->n = (uint8_t) n;
		memcpy(e->out, out, n * sizeof(uint32_t));
	}
	return n;
}
