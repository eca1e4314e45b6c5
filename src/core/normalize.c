/*
 * normalize.c
 *		Chemical-text normalisation: ICU NFKC case folding, diacritic
 *		removal, look-alike and Greek-letter folding, spelling variants and
 *		separator squashing, with an exact map back to the original bytes.
 *		No PostgreSQL here.
 *
 * Design.  The text is read one source character at a time.  Each character
 * is first folded on its own (ASCII: a table; anything else: ICU NFKC case
 * fold, canonical decomposition, combining marks dropped, cached per code
 * point), which is what keeps offsets exact per source character.  The
 * folded code points are then fed, as events, into one tokeniser shared by
 * every path: word characters accumulate into a word written straight into
 * the output; separators accumulate into a "run" that is resolved into one
 * separator byte (' ', '-' or '|') when the next word starts.  Word-level
 * folds (look-alikes, lone Greek letters, spelling variants) are applied
 * when a word ends.  Because the ASCII fast path and the ICU path share the
 * tokeniser and differ only in how one character is folded, they give
 * byte-identical results on ASCII input (normalize_text_icu() exists so the
 * tests can prove it).
 *
 * Thread safety: the ICU singletons, the fold cache and the scratch buffer
 * are process-wide statics (a PostgreSQL backend is single-threaded).
 *
 * Files: the folding of one non-ASCII character is normalize_fold.c; what
 * both share is normalize_int.h.  This file stays over 800 lines on
 * purpose: the tokeniser, the word-level folds and the drivers are one
 * translation unit so that the per-byte and per-word calls inline (moving
 * the word-level folds out cost 5-8% on ASCII text in
 * bench/normalize_bench.sh).
 */
#include "normalize_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utypes.h>

static uint8_t ascii_class[256];	/* C_NONASCII for bytes >= 0x80 */
static uint8_t ascii_lower[128];
static uint32_t letter_bit[128];	/* 1 << (letter - 'a'), 0 otherwise */
static bool ascii_ready = false;

static void
ascii_init(void)
{
	int			c;

	for (c = 0; c < 128; c++)
	{
		ascii_lower[c] = (uint8_t) c;
		ascii_class[c] = C_SEP;
		letter_bit[c] = 0;
	}
	for (c = 128; c < 256; c++)
		ascii_class[c] = C_NONASCII;
	for (c = 'a'; c <= 'z'; c++)
		ascii_class[c] = C_LETTER;
	for (c = 'A'; c <= 'Z'; c++)
	{
		ascii_class[c] = C_LETTER;
		ascii_lower[c] = (uint8_t) (c - 'A' + 'a');
		letter_bit[c] = 1u << (c - 'A');
		letter_bit[c - 'A' + 'a'] = 1u << (c - 'A');
	}
	for (c = '0'; c <= '9'; c++)
		ascii_class[c] = C_DIGIT;
	ascii_class[' '] = C_SPACE;
	ascii_class['\t'] = C_SPACE;
	/* line breaks always end a clause; '|' too, so that output is stable */
	ascii_class['\n'] = C_HARD;
	ascii_class['\r'] = C_HARD;
	ascii_class['\v'] = C_HARD;
	ascii_class['\f'] = C_HARD;
	ascii_class['|'] = C_HARD;
	ascii_class[','] = C_SOFT;
	/* ";" separates the components of a PubChem name ("aniline;sulfuric acid") */
	ascii_class[';'] = C_HARD;
	ascii_class['.'] = C_PERIOD;
	ascii_class[':'] = C_SOFT;
	ascii_class['!'] = C_SOFT;
	ascii_class['?'] = C_SOFT;
	ascii_class['-'] = C_DASH;
	ascii_class['('] = C_OPEN;
	ascii_class['['] = C_OPEN;
	ascii_class['{'] = C_OPEN;
	ascii_class[')'] = C_CLOSE;
	ascii_class[']'] = C_CLOSE;
	ascii_class['}'] = C_CLOSE;
	ascii_class['+'] = C_PLUS;
	ascii_class['/'] = C_SLASH;
	ascii_ready = true;
}

/* Names of the Greek small letters U+03B1..U+03C9 (final sigma included) */
static const char *const greek_names[] = {
	"alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta",
	"iota", "kappa", "lambda", "mu", "nu", "xi", "omicron", "pi", "rho",
	"sigma", "sigma", "tau", "upsilon", "phi", "chi", "psi", "omega"
};

/* ------------------------------------------------------------------------
 * Spelling variants, applied to every word after the character folds, in
 * terms and texts alike.  Each one is a pure spelling difference of the
 * same substance name; none may turn one real word into another.
 * ------------------------------------------------------------------------ */
typedef struct SpellRule
{
	const char *from;
	const char *to;
	bool		at_start;		/* only at the start of a word */
	uint32_t	mask;			/* letters of 'from' (filled at first use) */
	size_t		from_len;		/* (filled at first use) */
	size_t		to_len;
} SpellRule;

static SpellRule spell_rules[] = {
	/* British "sulph-" is IUPAC/American "sulf-" (sulphate, sulphuric,
	 * thiosulphate, sulphonyl); no other English word contains "sulph". */
	{"sulph", "sulf", false, 0, 0, 0},
	/* British element names: aluminium/aluminum, caesium/cesium */
	{"aluminium", "aluminum", false, 0, 0, 0},
	{"caesium", "cesium", false, 0, 0, 0},
	/* British "ae"/"oe" digraphs in medical-chemical words: haem(at)-,
	 * anaesthetic, oestrogen/oestradiol.  Restricted to these stems because
	 * "ae"/"oe" elsewhere is not a variant (aerosol, phenoxy, benzoe). */
	{"haem", "hem", false, 0, 0, 0},
	{"anaesth", "anesth", false, 0, 0, 0},
	{"oestr", "estr", true, 0, 0, 0},
	/* INN vs older names: metamfetamine/methamphetamine,
	 * amfetamine/amphetamine (INN "f" spelling, also the German/French/
	 * Polish one); the longer rule must come first. */
	{"metamfetamin", "methamphetamin", false, 0, 0, 0},
	{"amfetamin", "amphetamin", false, 0, 0, 0},
	/* "efedrin(a)"/"efedryna" (Spanish, Italian, Portuguese, Polish) is
	 * ephedrine, also inside pseudoefedrina, norefedrina. */
	{"efedr", "ephedr", false, 0, 0, 0},
	/* British Approved Names "-barbitone" are the INN "-barbital"
	 * (phenobarbitone, barbitone) */
	{"barbitone", "barbital", false, 0, 0, 0},
};

#define N_SPELL ((int) (sizeof(spell_rules) / sizeof(spell_rules[0])))

/*
 * Salt words glued to the base, as German, Dutch and Finnish write them
 * ("Ephedrinhydrochlorid", "efedrinesulfaat", "Ergotamintartrat", "Ergometrinmaleat"):
 * split off as a word of their own, so that the base is a word to match and
 * the salt a word the form rules know.  Only after a stem that ends like the
 * name of a base ("-in(e)", "-on", "-yl": ephedrin, piperidon, norfentanyl),
 * so "Natriumsulfat" stays one word.  Longest suffix first.
 */
#define GLUED(s) {s, sizeof(s) - 1}
static const struct
{
	const char *w;
	size_t		len;
}			glued_salts[] = {
	GLUED("hydrogentartrat"), GLUED("hydrogensulfat"), GLUED("hydrochloride"),
	GLUED("hydrochlorid"), GLUED("hydroklorid"), GLUED("hydrobromide"), GLUED("hydrobromid"),
	GLUED("bitartraat"), GLUED("bitartrat"), GLUED("tartraat"), GLUED("tartrat"),
	GLUED("sulfaat"), GLUED("sulfat"), GLUED("fosfaat"), GLUED("phosphat"),
	GLUED("maleaat"), GLUED("maleat"), GLUED("citraat"), GLUED("citrat"),
	GLUED("oxalaat"), GLUED("oxalat"),
	/* Finnish: "efedriinihydrokloridi", "ergotamiinitartraatti" */
	GLUED("vetytartraatti"), GLUED("hydrokloridi"), GLUED("hydrobromidi"),
	GLUED("tartraatti"), GLUED("sulfaatti"), GLUED("maleaatti"),
	GLUED("sitraatti"), GLUED("fosfaatti"), GLUED("oksalaatti"),
	/*
	 * chloride: Swedish "efedrinklorid", Estonian "...kloriid" (not
	 * "vesinikkloriid", hydrogen chloride: apart it is the HCl entry's name)
	 */
	GLUED("kloriid"), GLUED("klorid"),
};
static const char *const glued_salt_stems[] = {"in", "ine", "ini", "on", "yl", NULL};

/*
 * The letters every glued salt word of one family has: a word is looked at
 * by glued_salt_split() only if it has all the letters of one family.  They
 * share the spelling rules' pre-test tables (bits N_SPELL and up).
 */
static const char *const glued_salt_letters[] = {
	"hydrochlorid", "hydrobromid", "sulfat", "hydrogentartrat", "bitartrat",
	"hydroklorid"
};

#define N_GLUED_LETTERS ((int) (sizeof(glued_salt_letters) / sizeof(glued_salt_letters[0])))
#define SPELL_RULE_BITS ((uint16_t) ((1u << N_SPELL) - 1))
static bool spell_ready = false;
/*
 * Per-word pre-test in two table look-ups: spell_lo[v] is the set of rules
 * whose letters among a..m are all in v, spell_hi[v] the same for n..z; a
 * word is a candidate for rule r if bit r is in both.
 */
static uint16_t spell_lo[1 << 13];
static uint16_t spell_hi[1 << 13];

static uint32_t
letter_mask(const char *s, size_t n)
{
	uint32_t	m = 0;
	size_t		i;

	for (i = 0; i < n; i++)
		if (s[i] >= 'a' && s[i] <= 'z')
			m |= 1u << (s[i] - 'a');
	return m;
}

static void
spell_init(void)
{
	int			i;
	int			v;

	uint32_t	glued_mask[N_GLUED_LETTERS];

	/* at most 16 rules and glued families: the pre-test tables hold 16-bit sets */
	_Static_assert(sizeof(spell_rules) / sizeof(spell_rules[0]) +
				   sizeof(glued_salt_letters) / sizeof(glued_salt_letters[0]) <= 16,
				   "too many spelling rules");

	for (i = 0; i < N_SPELL; i++)
	{
		spell_rules[i].from_len = strlen(spell_rules[i].from);
		spell_rules[i].to_len = strlen(spell_rules[i].to);
		spell_rules[i].mask = letter_mask(spell_rules[i].from,
										  spell_rules[i].from_len);
	}
	for (i = 0; i < N_GLUED_LETTERS; i++)
		glued_mask[i] = letter_mask(glued_salt_letters[i], strlen(glued_salt_letters[i]));
	for (v = 0; v < (1 << 13); v++)
	{
		uint16_t	lo = 0;
		uint16_t	hi = 0;

		for (i = 0; i < N_SPELL; i++)
		{
			uint32_t	m = spell_rules[i].mask;

			if (((m & 0x1FFF) & ~(uint32_t) v) == 0)
				lo |= (uint16_t) (1u << i);
			if (((m >> 13) & ~(uint32_t) v) == 0)
				hi |= (uint16_t) (1u << i);
		}
		for (i = 0; i < N_GLUED_LETTERS; i++)
		{
			uint32_t	m = glued_mask[i];

			if (((m & 0x1FFF) & ~(uint32_t) v) == 0)
				lo |= (uint16_t) (1u << (N_SPELL + i));
			if (((m >> 13) & ~(uint32_t) v) == 0)
				hi |= (uint16_t) (1u << (N_SPELL + i));
		}
		spell_lo[v] = lo;
		spell_hi[v] = hi;
	}
	spell_ready = true;
}

/* ------------------------------------------------------------------------
 * Buffer handling
 * ------------------------------------------------------------------------ */
void
norm_buf_init(NormBuf *nb)
{
	memset(nb, 0, sizeof(*nb));
}

void
norm_buf_free(NormBuf *nb)
{
	free(nb->text);
	free(nb->offset);
	free(nb->marks);
	memset(nb, 0, sizeof(*nb));
}

/* Make room for 'need' more bytes plus the NUL / final offset. */
static bool
nb_grow(NormBuf *nb, size_t need)
{
	size_t		want = nb->len + need + 1;
	size_t		ncap;
	char	   *t;
	uint32_t   *o;
	uint8_t    *m;

	if (want <= nb->cap)
		return true;
	ncap = nb->cap ? nb->cap : 64;
	while (ncap < want)
		ncap *= 2;
	t = realloc(nb->text, ncap);
	if (t == NULL)
		return false;
	nb->text = t;
	o = realloc(nb->offset, ncap * sizeof(uint32_t));
	if (o == NULL)
		return false;
	nb->offset = o;
	m = realloc(nb->marks, ncap);
	if (m == NULL)
		return false;
	nb->marks = m;
	nb->cap = ncap;
	return true;
}

bool
norm_span_has_mark(const NormBuf *nb, size_t start, size_t end, uint8_t mark)
{
	size_t		i;

	if (end > nb->len)
		end = nb->len;
	for (i = start; i < end; i++)
		if (nb->marks[i] & mark)
			return true;
	return false;
}

/* Class of a folded code point */
static int
classify_cp(uint32_t cp)
{
	int8_t		t;

	if (cp < 0x80)
		return ascii_class[cp];
	switch (cp)
	{
		case 0x0085:			/* next line */
		case 0x2028:			/* line separator */
		case 0x2029:			/* paragraph separator */
			return C_HARD;
		case 0x3002:			/* ideographic full stop */
		case 0x060C:			/* Arabic comma */
		case 0x061B:			/* Arabic semicolon */
		case 0x061F:			/* Arabic question mark */
		case 0x06D4:			/* Arabic full stop */
		case 0x0964:			/* Devanagari danda */
		case 0x0965:			/* Devanagari double danda */
			return C_SOFT;
		case 0x00B1:			/* ± */
		case 0x2213:			/* ∓ */
			return C_PM;
		case 0x2212:			/* minus sign */
			return C_DASH;
	}
	t = u_charType((UChar32) cp);
	switch (t)
	{
		case U_UPPERCASE_LETTER:
		case U_LOWERCASE_LETTER:
		case U_TITLECASE_LETTER:
		case U_MODIFIER_LETTER:
		case U_OTHER_LETTER:
		case U_COMBINING_SPACING_MARK:
		case U_NON_SPACING_MARK:
		case U_LETTER_NUMBER:
		case U_OTHER_NUMBER:
			return C_LETTER;
		case U_DECIMAL_DIGIT_NUMBER:
			return C_LETTER;	/* only reachable if not mapped to ASCII */
		case U_DASH_PUNCTUATION:
			return C_DASH;
		case U_START_PUNCTUATION:
			return C_OPEN;
		case U_END_PUNCTUATION:
			return C_CLOSE;
		default:
			break;
	}
	if (u_isUWhiteSpace((UChar32) cp))
		return C_SPACE;
	return C_SEP;
}

/* ------------------------------------------------------------------------
 * The tokeniser
 * ------------------------------------------------------------------------ */
static inline void
run_reset(NormState *st)
{
	st->run = false;
	st->hard = st->clause = st->soft_open = st->dash = false;
}

/* Start a token: resolve the pending separator run into one byte. */
static inline void
token_start(NormState *st, bool first_digit)
{
	NormBuf    *nb = st->nb;

	if (nb->len > 0 && st->run)
	{
		char		prev = nb->text[nb->len - 1];

		if (st->hard)
			put(nb, '|', st->hard_off, 0);
		else if (first_digit && prev >= '0' && prev <= '9')
		{
			if (st->dash)
				put(nb, '-', st->dash_off, 0);
			else
				put(nb, ' ', st->run_off, 0);
		}
		else if (st->clause)
			put(nb, '|', st->clause_off, 0);
		else
			put(nb, ' ', st->run_off, 0);
	}
	run_reset(st);
}

static void word_end(NormState *st);

/*
 * A full stop right after one of these words, or after a single letter
 * ("e.g.", "p.a.", "J. Smith"), is an abbreviation, not the end of a clause:
 * "CAS No. 103-79-7" and "min. 99 %" must keep their number in the clause.
 */
#define ABBR(w) {w, sizeof(w) - 1}
static const struct
{
	const char *w;
	size_t		len;
}			abbreviations[] = {
	ABBR("no"), ABBR("nos"), ABBR("nr"), ABBR("ca"), ABBR("approx"),
	ABBR("incl"), ABBR("excl"), ABBR("vs"), ABBR("ref"), ABBR("art"),
	ABBR("fig"), ABBR("min"), ABBR("max"), ABBR("tech"), ABBR("techn"),
	ABBR("puriss"), ABBR("anhydr"), ABBR("abs"), ABBR("conc"), ABBR("dil"),
	ABBR("soln"), ABBR("aq"), ABBR("wt"), ABBR("vol"), ABBR("qty"),
	ABBR("pcs"), ABBR("resp"), ABBR("cf"), ABBR("co"), ABBR("corp"),
	ABBR("inc"), ABBR("ltd"), ABBR("bzw"), ABBR("usw"), ABBR("ggf"),
	ABBR("st"),
};
#undef ABBR

static bool
after_abbreviation(const NormState *st)
{
	const NormBuf *nb = st->nb;
	size_t		n = nb->len - st->wstart;
	const char *w = nb->text + st->wstart;
	size_t		a;

	if (n == 1)
		return w[0] >= 'a' && w[0] <= 'z';
	if (n > 6)
		return false;
	for (a = 0; a < sizeof(abbreviations) / sizeof(abbreviations[0]); a++)
		if (abbreviations[a].len == n && abbreviations[a].w[0] == w[0] &&
			memcmp(abbreviations[a].w, w, n) == 0)
			return true;
	return false;
}

/* Emit a whole synthetic token (the sign of "(+)" etc.). */
static void
emit_sign_token(NormState *st, const char *tok, uint32_t off, uint8_t mark,
				uint32_t close_off)
{
	size_t		n = strlen(tok);
	size_t		i;

	if (!nb_grow(st->nb, n + 2))
	{
		st->failed = true;
		return;
	}
	token_start(st, false);
	for (i = 0; i < n; i++)
		put(st->nb, tok[i], off, mark);
	/* the closing bracket starts a new separator run */
	st->run = true;
	st->run_off = close_off;
}

/*
 * A separator character: extend the pending run, or recognise "(+)", "(-)",
 * "(±)", "(+/-)".  (About 100 lines: one switch over the separator classes,
 * each case a few lines.)
 */
static inline void
sep_event(NormState *st, int cls, uint32_t off, uint8_t mark)
{
	bool		after_word = st->in_word;

	if (st->in_word)
		word_end(st);
	if (!st->run)
	{
		st->run = true;
		st->run_off = off;
	}
	if (cls == C_PERIOD)
		cls = (after_word && !st->failed && after_abbreviation(st)) ? C_SEP : C_SOFT;
	switch (cls)
	{
		case C_SPACE:
			if (st->soft_open && !st->clause)
			{
				st->clause = true;
				st->clause_off = st->soft_off;
			}
			return;				/* spaces do not disturb the sign recogniser */
		case C_HARD:
			if (!st->hard)
			{
				st->hard = true;
				st->hard_off = off;
			}
			break;
		case C_SOFT:
			if (!st->soft_open)
			{
				st->soft_open = true;
				st->soft_off = off;
			}
			break;
		case C_DASH:
			if (!st->dash)
			{
				st->dash = true;
				st->dash_off = off;
			}
			break;
		default:
			break;
	}

	/*
	 * The signs of optical rotation would vanish with the other symbols, so
	 * a sign alone in brackets becomes a word: "(+)" -> "plus", "(-)" ->
	 * "minus", "(±)", "(+/-)", "(+-)" -> "rac".  States: 1 after an opening
	 * bracket, 2 after "+", 3 after "-", 4 after a complete "±", 5 after
	 * "+/".
	 */
	switch (cls)
	{
		case C_OPEN:
			st->br = 1;
			break;
		case C_PLUS:
			if (st->br == 1)
			{
				st->br = 2;
				st->br_off = off;
				st->br_mark = mark;
			}
			else
				st->br = 0;
			break;
		case C_DASH:
			if (st->br == 1)
			{
				st->br = 3;
				st->br_off = off;
				st->br_mark = mark;
			}
			else if (st->br == 2 || st->br == 5)
			{
				st->br = 4;
				st->br_mark |= mark;
			}
			else
				st->br = 0;
			break;
		case C_PM:
			if (st->br == 1)
			{
				st->br = 4;
				st->br_off = off;
				st->br_mark = mark;
			}
			else
				st->br = 0;
			break;
		case C_SLASH:
			st->br = (st->br == 2) ? 5 : 0;
			break;
		case C_CLOSE:
			if (st->br >= 2 && st->br <= 4)
				emit_sign_token(st, st->br == 2 ? "plus" :
								st->br == 3 ? "minus" : "rac",
								st->br_off, st->br_mark, off);
			st->br = 0;
			break;
		default:
			st->br = 0;
			break;
	}
}

/* Append one ASCII word byte (already lowercased). */
static inline bool
word_byte(NormState *st, unsigned char c, int cls, uint32_t off, uint8_t mark)
{
	NormBuf    *nb = st->nb;

	if (nb->len + 8 > nb->cap && !nb_grow(nb, 8))
		return false;
	if (!st->in_word)
	{
		token_start(st, cls == C_DIGIT);
		st->in_word = true;
		st->wstart = nb->len;
		st->wmask = 0;
		st->wlatin = false;
		st->wspecial = false;
		st->br = 0;
	}
	if (cls == C_LETTER)
	{
		st->wmask |= 1u << (c - 'a');
		st->wlatin = true;
	}
	put(nb, (char) c, off, mark);
	return true;
}

/* Append one non-ASCII word code point. */
static bool
word_cp(NormState *st, uint32_t cp, uint32_t off, uint8_t mark)
{
	NormBuf    *nb = st->nb;
	char		u[4];
	int			n;
	int			i;

	if (nb->len + 8 > nb->cap && !nb_grow(nb, 8))
		return false;
	if (!st->in_word)
	{
		token_start(st, false);
		st->in_word = true;
		st->wstart = nb->len;
		st->wmask = 0;
		st->wlatin = false;
		st->wspecial = false;
		st->br = 0;
	}
	if ((mark & MARK_CONF) || (cp >= 0x03B1 && cp <= 0x03C9))
		st->wspecial = true;
	n = utf8_encode(cp, u);
	for (i = 0; i < n; i++)
		put(nb, u[i], off, mark);
	return true;
}

/* ------------------------------------------------------------------------
 * Word-level folds
 * ------------------------------------------------------------------------ */

/* Scratch copy of a word being rewritten (process-wide, reused). */
static char *scr_text = NULL;
static uint32_t *scr_off = NULL;
static uint8_t *scr_marks = NULL;
static size_t scr_cap = 0;

static bool
scratch_reserve(size_t n)
{
	size_t		ncap;
	char	   *t;
	uint32_t   *o;
	uint8_t    *m;

	if (n <= scr_cap)
		return true;
	ncap = scr_cap ? scr_cap : 256;
	while (ncap < n)
		ncap *= 2;
	t = realloc(scr_text, ncap);
	if (t == NULL)
		return false;
	scr_text = t;
	o = realloc(scr_off, ncap * sizeof(uint32_t));
	if (o == NULL)
		return false;
	scr_off = o;
	m = realloc(scr_marks, ncap);
	if (m == NULL)
		return false;
	scr_marks = m;
	scr_cap = ncap;
	return true;
}

/* Is the scratch character at byte i a letter (not a digit)? */
static inline bool
scr_is_letter(size_t i)
{
	unsigned char c = (unsigned char) scr_text[i];

	return !(c >= '0' && c <= '9');
}

/* Start of the character before byte i in scratch */
static inline size_t
scr_prev(size_t i)
{
	do
		i--;
	while (i > 0 && ((unsigned char) scr_text[i] & 0xC0) == 0x80);
	return i;
}

/*
 * Look-alikes and lone Greek letters.  The word is copied to scratch and
 * written back:
 *	- a Greek letter with no letter beside it (alone, or next to digits only,
 *	  as in "α-", "5α", "Δ9") becomes its name as a token of its own, so
 *	  "Δ9-THC" and "delta-9-THC" agree;
 *	- otherwise a look-alike of a Latin letter becomes that letter, marked
 *	  NORM_MARK_HOMOGLYPH, if the word also has a genuine Latin letter.
 */
static void
rewrite_special(NormState *st)
{
	NormBuf    *nb = st->nb;
	size_t		wlen = nb->len - st->wstart;
	size_t		i;

	if (!scratch_reserve(wlen))
	{
		st->failed = true;
		return;
	}
	memcpy(scr_text, nb->text + st->wstart, wlen);
	memcpy(scr_off, nb->offset + st->wstart, wlen * sizeof(uint32_t));
	memcpy(scr_marks, nb->marks + st->wstart, wlen);
	nb->len = st->wstart;

	for (i = 0; i < wlen;)
	{
		uint32_t	cp = 0;
		int			n = utf8_decode((const unsigned char *) scr_text + i,
									wlen - i, &cp);
		uint32_t	off = scr_off[i];
		uint8_t		mark = scr_marks[i] & ~MARK_CONF;
		bool		prev_letter = (i > 0) && scr_is_letter(scr_prev(i));
		bool		next_letter = (i + n < wlen) && scr_is_letter(i + n);

		if (n == 0)
			n = 1;				/* cannot happen: we wrote it */
		if (!nb_grow(nb, 16))
		{
			st->failed = true;
			return;
		}
		if (cp >= 0x03B1 && cp <= 0x03C9 && !prev_letter && !next_letter)
		{
			const char *name = greek_names[cp - 0x03B1];

			if (i > 0)
				put(nb, ' ', off, mark);
			while (*name)
				put(nb, *name++, off, mark);
			if (i + n < wlen)
				put(nb, ' ', off, mark);
		}
		else if ((scr_marks[i] & MARK_CONF) && st->wlatin)
		{
			uint32_t	scp = 0;
			char		latin;

			/*
			 * Look the source character up again: its case matters.  Every
			 * character in confusables[] folds to one code point, so a
			 * source found there is the source of this code point alone.
			 */
			utf8_decode((const unsigned char *) st->src + off,
						st->srclen - off, &scp);
			latin = norm_confusable_latin(scp);
			if (!latin)
				latin = norm_confusable_latin(cp);
			put(nb, latin ? latin : '?', off, mark | NORM_MARK_HOMOGLYPH);
		}
		else
		{
			int			k;

			for (k = 0; k < n; k++)
				put(nb, scr_text[i + k], off, mark);
		}
		i += n;
	}
	st->wmask = letter_mask(nb->text + st->wstart, nb->len - st->wstart);
}

/* Find needle in the word [ws, we) of nb; -1 if absent */
static long
word_find(const NormBuf *nb, size_t ws, size_t we, const char *needle,
		  size_t nlen, bool at_start)
{
	size_t		i;

	if (we - ws < nlen)
		return -1;
	if (at_start)
		return memcmp(nb->text + ws, needle, nlen) == 0 ? (long) ws : -1;
	for (i = ws; i + nlen <= we; i++)
		if (nb->text[i] == needle[0] && memcmp(nb->text + i, needle, nlen) == 0)
			return (long) i;
	return -1;
}

/*
 * Replace 'from' at position p by 'to'.  The common prefix and suffix keep
 * their own offsets; the differing middle of 'to' takes the offset of the
 * first differing byte of 'from', so offsets stay monotonic.
 */
static bool
word_replace(NormState *st, size_t p, const char *from, const char *to)
{
	NormBuf    *nb = st->nb;
	size_t		fl = strlen(from);
	size_t		tl = strlen(to);
	size_t		pre = 0;
	size_t		suf = 0;
	size_t		tail = nb->len - (p + fl);
	size_t		k;
	uint32_t	moff;
	uint8_t		mmark;

	if (tl > fl && !nb_grow(nb, tl - fl))
		return false;
	while (pre < fl && pre < tl && from[pre] == to[pre])
		pre++;
	while (suf < fl - pre && suf < tl - pre &&
		   from[fl - 1 - suf] == to[tl - 1 - suf])
		suf++;
	moff = nb->offset[p + (pre < fl ? pre : fl - 1)];
	mmark = nb->marks[p + (pre < fl ? pre : fl - 1)];
	/* move the suffix and the rest of the word */
	memmove(nb->text + p + tl - suf, nb->text + p + fl - suf, suf + tail);
	memmove(nb->offset + p + tl - suf, nb->offset + p + fl - suf,
			(suf + tail) * sizeof(uint32_t));
	memmove(nb->marks + p + tl - suf, nb->marks + p + fl - suf, suf + tail);
	for (k = pre; k < tl - suf; k++)
	{
		nb->text[p + k] = to[k];
		nb->offset[p + k] = moff;
		nb->marks[p + k] = mmark;
	}
	nb->len = nb->len - fl + tl;
	return true;
}

static void
spell_fold(NormState *st)
{
	uint32_t	cand = spell_lo[st->wmask & 0x1FFF] &
		spell_hi[(st->wmask >> 13) & 0x1FFF] & SPELL_RULE_BITS;

	/* only the rules the pre-test let through, in table order */
	while (cand)
	{
		int			r = __builtin_ctz(cand);
		const SpellRule *rule = &spell_rules[r];
		size_t		from_len;
		size_t		to_len;
		size_t		pos;
		long		p;

		cand &= cand - 1;
		if (st->nb->len - st->wstart < rule->from_len)
			continue;
		from_len = rule->from_len;
		to_len = rule->to_len;
		pos = st->wstart;
		while ((p = word_find(st->nb, pos, st->nb->len, rule->from, from_len,
							  rule->at_start)) >= 0)
		{
			if (rule->at_start && (size_t) p != st->wstart)
				break;
			if (!word_replace(st, (size_t) p, rule->from, rule->to))
			{
				st->failed = true;
				return;
			}
			pos = (size_t) p + to_len;
			if (rule->at_start)
				break;
		}
	}
}

static void
glued_salt_split(NormState *st)
{
	const char *w = st->nb->text + st->wstart;
	size_t		n = st->nb->len - st->wstart;
	size_t		k;

	/*
	 * A cation glued before an anion, as German writes a salt
	 * ("Natriumphenylacetat", "Kaliumpermanganat"): apart, so that the
	 * anion is a word to match.
	 */
	if (n >= 13 && w[n - 2] == 'a' && w[n - 1] == 't')
	{
		static const char *const cations[] = {"natrium", "kalium", NULL};
		const char *const *c;

		for (c = cations; *c; c++)
		{
			size_t		cl = strlen(*c);
			char		spaced[16];

			if (memcmp(w, *c, cl) != 0 || n < cl + 6)
				continue;
			snprintf(spaced, sizeof(spaced), "%s ", *c);
			if (!word_replace(st, st->wstart, *c, spaced))
				st->failed = true;
			return;
		}
	}
	/* every glued salt word ends in "id", "de", "at" or, Finnish, "di", "ti" */
	if (n < 10 ||
		!((w[n - 2] == 'i' && w[n - 1] == 'd') || (w[n - 2] == 'd' && w[n - 1] == 'e') ||
		  (w[n - 2] == 'a' && w[n - 1] == 't') ||
		  (w[n - 1] == 'i' && (w[n - 2] == 'd' || w[n - 2] == 't'))))
		return;
	for (k = 0; k < sizeof(glued_salts) / sizeof(glued_salts[0]); k++)
	{
		size_t		sl = glued_salts[k].len;
		size_t		stem = n - sl;
		const char *const *e;

		if (n < sl + 5 || w[stem] != glued_salts[k].w[0] ||
			memcmp(w + stem, glued_salts[k].w, sl) != 0)
			continue;
		for (e = glued_salt_stems; *e; e++)
		{
			size_t		el = strlen(*e);

			if (memcmp(w + stem - el, *e, el) == 0)
			{
				char		spaced[24];

				spaced[0] = ' ';
				memcpy(spaced + 1, glued_salts[k].w, sl + 1);
				if (!word_replace(st, st->wstart + stem, glued_salts[k].w, spaced))
					st->failed = true;
				return;
			}
		}
		return;
	}
}

/* Does any spelling rule or glued salt family have all its letters in the
 * word?  (Rarely.) */
static inline bool
spell_candidate(uint32_t wmask)
{
	return (spell_lo[wmask & 0x1FFF] & spell_hi[(wmask >> 13) & 0x1FFF]) != 0;
}

static void
word_end(NormState *st)
{
	st->in_word = false;
	if (st->wspecial)
		rewrite_special(st);
	if (!st->failed && spell_candidate(st->wmask))
		spell_fold(st);
	if (!st->failed)
		glued_salt_split(st);
}

/* ------------------------------------------------------------------------
 * Drivers
 * ------------------------------------------------------------------------ */
static void
state_init(NormState *st, NormBuf *nb, const char *src, size_t len)
{
	memset(st, 0, sizeof(*st));
	st->nb = nb;
	st->src = src;
	st->srclen = len;
	nb->len = 0;
	precursor_error_clear(&nb->error);
	if (!ascii_ready)
		ascii_init();
	if (!spell_ready)
		spell_init();
}

static NormStatus
finish(NormState *st)
{
	NormBuf    *nb = st->nb;

	if (!st->failed && st->in_word)
		word_end(st);
	if (st->failed || !nb_grow(nb, 1))
	{
		if (nb->error.code == PRECURSOR_OK)
			norm_error(nb, PRECURSOR_INTERNAL_ERROR, "out of memory");
		nb->len = 0;
		if (nb->text)
			nb->text[0] = '\0';
		return NORM_ERROR;
	}
	nb->text[nb->len] = '\0';
	nb->offset[nb->len] = (uint32_t) st->srclen;
	nb->marks[nb->len] = 0;
	return NORM_OK;
}

/*
 * Process the ASCII bytes from s[i] up to the first non-ASCII byte or the
 * end; return where it stopped.  This is the hot loop of the fast path,
 * also used for the ASCII stretches of other texts.  Space is reserved up
 * front (each input byte yields at most a word byte plus the separator
 * before its token; the functions that write more check for themselves).
 *
 * The word state lives in locals, so the loop over a word's bytes is a
 * plain lowercase copy with offsets.  The commonest separator, one space
 * between two words, is emitted here; at that word end only the two
 * look-ups of spell_candidate() run, and word_end() is called only when
 * they (or a Greek or look-alike letter met before this run) say there
 * is work.  Every other separator goes to sep_event(), after the locals
 * have been written back; whatever is called may move the buffers, so the
 * pointers are reloaded after every call.
 *
 * with_marks = false leaves marks[] unwritten (the caller zeroes them in
 * bulk: a byte of pure-ASCII input never carries a mark).
 *
 * Over 200 lines on purpose: one loop with its state in locals is what
 * makes the fast path fast; helpers would spill the locals at each call.
 */
static inline __attribute__((always_inline)) size_t
ascii_run_impl(NormState *st, const unsigned char *s, size_t i, size_t len,
			   const bool with_marks)
{
	NormBuf    *nb = st->nb;
	char	   *t;
	uint32_t   *o;
	uint8_t    *m;
	size_t		L;
	bool		in_word;
	size_t		wstart;
	uint32_t	wmask;

	if (!nb_grow(nb, 3 * (len - i) + 16))
	{
		st->failed = true;
		return len;
	}

#define ASCII_SYNC() \
	do { \
		nb->len = L; \
		st->in_word = in_word; \
		st->wstart = wstart; \
		st->wmask = wmask; \
		if (wmask) \
			st->wlatin = true; \
	} while (0)
#define ASCII_LOAD() \
	do { \
		t = nb->text; \
		o = nb->offset; \
		m = nb->marks; \
		L = nb->len; \
		in_word = st->in_word; \
		wstart = st->wstart; \
		wmask = st->wmask; \
	} while (0)

	ASCII_LOAD();
	while (i < len)
	{
		unsigned int b = s[i];
		int			cls = ascii_class[b];

		if (cls <= C_DIGIT)
		{
			if (!in_word)
			{
				nb->len = L;
				token_start(st, cls == C_DIGIT);
				L = nb->len;
				in_word = true;
				wstart = L;
				wmask = 0;
				st->wlatin = false;
				st->wspecial = false;
				st->br = 0;
			}
			for (;;)
			{
				do
				{
					t[L] = (char) ascii_lower[b];
					o[L] = (uint32_t) i;
					if (with_marks)
						m[L] = 0;
					L++;
					wmask |= letter_bit[b];
					if (++i >= len)
						goto done;
					b = s[i];
				} while (ascii_class[b] <= C_DIGIT);

				/*
				 * A separator run between two words.  The commonest, one
				 * space, is what token_start() would make of it.  Any other
				 * run without an opening bracket (so no sign token, and the
				 * bracket state stays 0) that ends at a word byte is
				 * resolved here the way sep_event() and token_start() would
				 * resolve it; everything else goes to them.
				 */
				if (ascii_class[b] == C_SPACE && i + 1 < len &&
					ascii_class[s[i + 1]] <= C_DIGIT)
				{
					if (st->wspecial || spell_candidate(wmask))
					{
						ASCII_SYNC();
						word_end(st);
						if (st->failed)
							return len;
						t = nb->text;
						o = nb->offset;
						m = nb->marks;
						L = nb->len;
					}
					t[L] = ' ';
					o[L] = (uint32_t) i;
					i++;
				}
				else
				{
					size_t		j = i;
					size_t		k;
					int			c;
					bool		hard = false;
					bool		soft = false;
					bool		clause = false;
					bool		dash = false;
					uint32_t	hard_off = 0;
					uint32_t	soft_off = 0;
					uint32_t	dash_off = 0;
					char		sepc;
					uint32_t	sepoff;

					while (j < len && (c = ascii_class[s[j]]) > C_DIGIT)
					{
						if (c == C_OPEN || c == C_NONASCII)
							break;
						j++;
					}
					if (j >= len || ascii_class[s[j]] > C_DIGIT)
						break;	/* to sep_event() */
					if (st->wspecial || spell_candidate(wmask))
					{
						ASCII_SYNC();
						word_end(st);
						if (st->failed)
							return len;
						t = nb->text;
						o = nb->offset;
						m = nb->marks;
						L = nb->len;
					}
					for (k = i; k < j; k++)
					{
						c = ascii_class[s[k]];
						if (c == C_PERIOD)
						{
							/* the word was ended above: check it in place */
							if (k == i)
							{
								nb->len = L;
								st->wstart = wstart;
								c = after_abbreviation(st) ? C_SEP : C_SOFT;
							}
							else
								c = C_SOFT;
						}
						switch (c)
						{
							case C_SPACE:
								if (soft)
									clause = true;
								break;
							case C_HARD:
								if (!hard)
								{
									hard = true;
									hard_off = (uint32_t) k;
								}
								break;
							case C_SOFT:
								if (!soft)
								{
									soft = true;
									soft_off = (uint32_t) k;
								}
								break;
							case C_DASH:
								if (!dash)
								{
									dash = true;
									dash_off = (uint32_t) k;
								}
								break;
							default:
								break;
						}
					}
					/* token_start() */
					sepc = ' ';
					sepoff = (uint32_t) i;
					if (hard)
					{
						sepc = '|';
						sepoff = hard_off;
					}
					else if (ascii_class[s[j]] == C_DIGIT &&
							 t[L - 1] >= '0' && t[L - 1] <= '9')
					{
						if (dash)
						{
							sepc = '-';
							sepoff = dash_off;
						}
					}
					else if (clause)
					{
						sepc = '|';
						sepoff = soft_off;
					}
					t[L] = sepc;
					o[L] = sepoff;
					i = j;
				}
				if (with_marks)
					m[L] = 0;
				L++;
				b = s[i];
				wstart = L;
				wmask = 0;
				st->wlatin = false;
				st->wspecial = false;
			}
			continue;
		}
		if (cls == C_NONASCII)
			break;
		/* any other separator: the general tokeniser */
		ASCII_SYNC();
		sep_event(st, cls, (uint32_t) i, 0);
		if (st->failed)
			return len;
		ASCII_LOAD();
		i++;
	}
done:
	ASCII_SYNC();
	return i;
#undef ASCII_SYNC
#undef ASCII_LOAD
}

static size_t
ascii_run(NormState *st, const unsigned char *s, size_t i, size_t len)
{
	return ascii_run_impl(st, s, i, len, true);
}

static size_t
ascii_run_nomarks(NormState *st, const unsigned char *s, size_t i, size_t len)
{
	return ascii_run_impl(st, s, i, len, false);
}

/* Feed the folded code points of one non-ASCII source character. */
static bool
cp_events(NormState *st, uint32_t scp, uint32_t off)
{
	uint32_t	out[FOLD_MAX];
	bool		failed = false;
	int			n = norm_fold_cp(scp, out, st->nb, &failed);
	uint8_t		mark = scp < 0x80 ? 0 : NORM_MARK_NONASCII;
	bool		conf_src;
	int			i;

	if (failed)
		return false;

	/*
	 * Look-alike candidates are decided per folded code point, so that a
	 * character folding to several ("ͺ" -> " ι", "ᾳ" -> "αι") gets the same
	 * treatment as its folded form will get when the output is normalised
	 * again (idempotence).  The source character counts too, but only when
	 * it folds to one code point: its case can make it a look-alike
	 * (Cyrillic "Т" looks like "T", its lowercase "т" does not).
	 */
	conf_src = (n == 1 && norm_confusable_latin(scp) != 0);
	for (i = 0; i < n; i++)
	{
		uint32_t	c = out[i];
		int			cls = classify_cp(c);

		if (c < 0x80)
		{
			if (cls <= C_DIGIT)
			{
				if (!word_byte(st, ascii_lower[c], cls, off, mark))
					return false;
			}
			else
				sep_event(st, cls, off, mark);
		}
		else if (cls == C_LETTER)
		{
			uint8_t		cmark = mark;

			if (conf_src || norm_confusable_latin(c))
				cmark |= MARK_CONF;
			if (!word_cp(st, c, off, cmark))
				return false;
		}
		else
			sep_event(st, cls, off, mark);
		if (st->failed)
			return false;
	}
	return true;
}

/* ------------------------------------------------------------------------
 * Long inputs: polling the caller between chunks
 * ------------------------------------------------------------------------ */

/* Does the caller want this call abandoned?  Leaves nb empty if so. */
static bool
stop_requested(NormBuf *nb)
{
	if (nb->interrupted == NULL || !nb->interrupted(nb->interrupt_arg))
		return false;
	nb->len = 0;
	if (nb->text)
		nb->text[0] = '\0';
	norm_error(nb, PRECURSOR_INTERRUPTED, "interrupted");
	return true;
}

/*
 * Where the ASCII stretch from i may be cut for the next poll: after about
 * NORM_POLL_BYTES, preferably inside a word (a word simply continues in the
 * next run, as it does across a non-ASCII letter).  Without a caller to
 * poll, never cut.
 */
static size_t
chunk_end(const NormBuf *nb, const unsigned char *s, size_t i, size_t len)
{
	size_t		e,
				lim;

	if (nb->interrupted == NULL || len - i <= NORM_POLL_BYTES)
		return len;
	e = i + NORM_POLL_BYTES;
	lim = len - e > 4096 ? e + 4096 : len;
	for (; e < lim; e++)
		if (s[e - 1] < 0x80 && s[e] < 0x80 &&
			ascii_class[s[e - 1]] <= C_DIGIT && ascii_class[s[e]] <= C_DIGIT)
			break;
	return e;
}

static NormStatus
normalize_general(const char *src, size_t len, NormBuf *nb, bool force_icu)
{
	NormState	st;
	const unsigned char *s = (const unsigned char *) src;
	size_t		i = 0;
	size_t		next_poll = NORM_POLL_BYTES;

	state_init(&st, nb, src, len);
	if (!norm_icu_ready(nb))
		return NORM_ERROR;
	if (!nb_grow(nb, len + len / 2 + 16))
	{
		norm_error(nb, PRECURSOR_INTERNAL_ERROR, "out of memory");
		return NORM_ERROR;
	}
	while (i < len)
	{
		uint32_t	cp;
		int			n;

		if (i >= next_poll)
		{
			if (stop_requested(nb))
				return NORM_INTERRUPTED;
			next_poll = i + NORM_POLL_BYTES;
		}
		if (s[i] < 0x80 && !force_icu)
		{
			i = ascii_run(&st, s, i, chunk_end(nb, s, i, len));
			if (st.failed)
				return finish(&st);
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0)
		{
			nb->len = 0;
			nb->text[0] = '\0';
			nb->offset[0] = 0;
			norm_error(nb, PRECURSOR_INVALID_UTF8,
					 "invalid UTF-8 byte sequence at offset %zu", i);
			return NORM_INVALID_UTF8;
		}
		if (!cp_events(&st, cp, (uint32_t) i))
		{
			st.failed = true;
			return finish(&st);
		}
		i += n;
	}
	return finish(&st);
}

NormStatus
normalize_text(const char *src, size_t len, NormBuf *nb)
{
	NormState	st;
	const unsigned char *s = (const unsigned char *) src;
	size_t		i;

	if (len >= UINT32_MAX)
	{
		nb->len = 0;
		norm_error(nb, PRECURSOR_INTERNAL_ERROR,
				 "text of %zu bytes is too long to normalise", len);
		return NORM_ERROR;
	}

	/* Pure ASCII?  Then never touch ICU.  (Eight bytes at a time.) */
	for (i = 0; i + 8 <= len; i += 8)
	{
		uint64_t	w;

		memcpy(&w, s + i, 8);
		if (w & UINT64_C(0x8080808080808080))
			return normalize_general(src, len, nb, false);
	}
	for (; i < len; i++)
		if (s[i] >= 0x80)
			return normalize_general(src, len, nb, false);

	state_init(&st, nb, src, len);
	for (i = 0; i < len && !st.failed;)
	{
		if (i > 0 && stop_requested(nb))
			return NORM_INTERRUPTED;
		i = ascii_run_nomarks(&st, s, i, chunk_end(nb, s, i, len));
	}
	if (finish(&st) != NORM_OK)
		return NORM_ERROR;
	/* no byte of ASCII input carries a mark: zero them in one go */
	memset(nb->marks, 0, nb->len);
	return NORM_OK;
}

/*
 * The same, but every character (ASCII too) folded by ICU: for tests that
 * prove the ASCII fast path agrees with ICU.
 */
NormStatus
normalize_text_icu(const char *src, size_t len, NormBuf *nb)
{
	if (len >= UINT32_MAX)
	{
		nb->len = 0;
		norm_error(nb, PRECURSOR_INTERNAL_ERROR,
				 "text of %zu bytes is too long to normalise", len);
		return NORM_ERROR;
	}
	return normalize_general(src, len, nb, true);
}
