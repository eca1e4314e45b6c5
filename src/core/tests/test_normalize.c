/*
 * test_normalize.c
 *		Unit tests of the chemical-text normaliser (TAP).
 */
#include "normalize.h"
#include "tap.h"

#include <stdint.h>
#include <stdlib.h>

static NormBuf nb;

/* Normalise s and return the text (valid until the next call). */
static const char *
norm(const char *s)
{
	NormStatus	st = normalize_text(s, strlen(s), &nb);

	if (st != NORM_OK)
		return st == NORM_INVALID_UTF8 ? "<invalid>" : "<error>";
	return nb.text;
}

static void
same(const char *in, const char *want)
{
	is_str(norm(in), want, "'%s' -> '%s'", in, want);
}

static void
equal(const char *a, const char *b)
{
	char		first[512];

	snprintf(first, sizeof(first), "%s", norm(a));
	is_str(norm(b), first, "'%s' == '%s'", a, b);
}

/*
 * The original bytes that produced output bytes [os, oe): from the offset
 * of the first one to the offset of the byte after the last one.
 */
static void
origin(const char *in, const char *out_sub, const char *want)
{
	const char *t = norm(in);
	const char *p = strstr(t, out_sub);
	char		buf[256];

	if (p == NULL)
	{
		ok(0, "'%s' in normalised '%s'", out_sub, t);
		return;
	}
	{
		size_t		os = (size_t) (p - t);
		size_t		oe = os + strlen(out_sub);
		size_t		s = nb.offset[os];
		size_t		e = nb.offset[oe];

		/* the end: the original character after the last one used */
		if (oe < nb.len)
		{
			/* back up over separators between the span and what follows */
			e = nb.offset[oe];
		}
		snprintf(buf, sizeof(buf), "%.*s", (int) (e - s), in + s);
		/* trailing separators of the original are not part of the span */
		while (strlen(buf) > 0 && strchr(" ,;.-)", buf[strlen(buf) - 1]))
			buf[strlen(buf) - 1] = '\0';
		is_str(buf, want, "span of '%s' in '%s' is '%s'", out_sub, in, want);
	}
}

/* The fast path and the ICU path agree on ASCII input, byte for byte. */
static void
fast_equals_icu(const char *in)
{
	NormBuf		b2;
	char		fast[1024];
	uint32_t	off[1024];
	uint8_t		marks[1024];
	size_t		len;
	bool		same_all;

	norm_buf_init(&b2);
	normalize_text(in, strlen(in), &nb);
	len = nb.len;
	memcpy(fast, nb.text, len + 1);
	memcpy(off, nb.offset, (len + 1) * sizeof(uint32_t));
	memcpy(marks, nb.marks, len);
	same_all = normalize_text_icu(in, strlen(in), &b2) == NORM_OK &&
		b2.len == len && memcmp(b2.text, fast, len) == 0 &&
		memcmp(b2.offset, off, (len + 1) * sizeof(uint32_t)) == 0 &&
		memcmp(b2.marks, marks, len) == 0;
	ok(same_all, "fast path == ICU path for '%s' ('%s' vs '%s')", in, fast,
	   b2.text ? b2.text : "");
	norm_buf_free(&b2);
}

static bool
has_homoglyph(const char *in)
{
	norm(in);
	return norm_span_has_mark(&nb, 0, nb.len, NORM_MARK_HOMOGLYPH);
}

/*
 * in[0..len) (may hold NULs) normalises to want, and the result normalises
 * to itself.
 */
static void
idempotent_bytes(const char *name, const char *in, size_t len,
				 const char *want)
{
	char		once[1024];
	NormStatus	st = normalize_text(in, len, &nb);

	snprintf(once, sizeof(once), "%s", st == NORM_OK ? nb.text : "<error>");
	is_str(once, want, "%s -> '%s'", name, want);
	st = normalize_text(once, strlen(once), &nb);
	is_str(st == NORM_OK ? nb.text : "<error>", once,
		   "%s: second pass leaves '%s' unchanged", name, once);
}

static int	polls;

static bool
never_interrupt(void *arg)
{
	polls++;
	return false;
}

static bool
interrupt_at_second_poll(void *arg)
{
	return ++polls >= 2;
}

int
main(void)
{
	char		all_ascii[130];
	int			i;

	norm_buf_init(&nb);

	/* separators and digits */
	same("3,4-MDP-2-P", "3 4 mdp 2 p");
	equal("3,4-MDP-2-P", "3, 4-MDP-2-P");
	equal("3,4-MDP-2-P", "3 4 mdp 2 p");
	equal("3,4-MDP-2-P", "3 ,4-mdp 2 p");
	same("103-79-7", "103-79-7");
	same("103 - 79 - 7", "103-79-7");
	same("103\xe2\x80\x93" "79\xe2\x80\x94" "7", "103-79-7");	/* en and em dash */
	same("103\xe2\x88\x92" "79\xef\xb9\xa3" "7", "103-79-7"); /* minus, small hyphen-minus */
	same("CAS No. 103-79-7.", "cas no 103-79-7");	/* abbreviation: no clause end */
	same("e.g. acetone, i.e. a solvent", "e g acetone|i e a solvent");
	same("pure, min. 99%", "pure|min 99");
	same("Acetone. Toluene", "acetone|toluene");
	same("J. Smith Ltd. ships acetone. Fine.", "j smith ltd ships acetone|fine");
	same("(x). Next", "x|next");	/* a bracket between: a real full stop */
	same("N,N-Dimethyl", "n n dimethyl");
	same("N,N-Dimethylamphetamine, 99%", "n n dimethylamphetamine|99");
	same("1.5", "1 5");
	same("3, 4", "3 4");
	same("a, b", "a|b");
	same("a,b", "a b");
	same("a; b: c! d? ee. f", "a|b|c|d|ee|f");
	same("line one\nline two", "line one|line two");
	same("a | b", "a|b");
	same("  leading and trailing.  ", "leading and trailing");
	same("...", "");
	same("", "");
	same("\"quoted\" 'single' \xe2\x80\x9c" "curly\xe2\x80\x9d \xc2\xab" "guillemets\xc2\xbb",
		 "quoted single curly guillemets");
	same("5\xe2\x80\xb2-nucleotide 3\xe2\x80\xb3", "5 nucleotide 3");	/* primes */
	same("[bracket] {brace} (paren) <angle>", "bracket brace paren angle");
	same("a\t\t b", "a b");
	same("x / y & z", "x y z");

	/* case, compatibility forms, diacritics */
	same("ACETONE", "acetone");
	same("\xef\xbc\x93,\xef\xbc\x94-\xef\xbc\xad\xef\xbc\xa4\xef\xbc\xb0-\xef\xbc\x92-\xef\xbc\xb0",
		 "3 4 mdp 2 p");			/* full-width */
	equal("\xef\xbd\x81\xef\xbd\x83\xef\xbd\x85\xef\xbd\x94\xef\xbd\x8f\xef\xbd\x8e\xef\xbd\x85", "acetone");
	same("Essigs\xc3\xa4ureanhydrid", "essigsaureanhydrid");
	same("Stra\xc3\x9f" "e", "strasse");	/* ß via case folding */
	same("\xc3\x89ph\xc3\xa9" "drine", "ephedrine");
	same("e\xcc\x81phe\xcc\x81" "drine", "ephedrine");	/* combining accents */
	same("Kwas octowy, bezwodnik octowy, \xc5\x81\xc3\xb3" "d\xc5\xba", "kwas octowy|bezwodnik octowy|lodz");
	same("\xc3\x86ther \xc5\x93strogen", "aether estrogen");	/* ligatures */
	same("Acetanhydrid \xc2\xb2", "acetanhydrid 2");
	/* Latin letters without a decomposition: ø đ ð ħ ı ŧ ĸ þ */
	same("\xc3\x98rsted \xc4\x91 \xc3\xb0 \xc4\xa7 \xc4\xb1 \xc5\xa7 \xc4\xb8 \xc3\xbe", "orsted d d h i t k th");
	/* four-byte characters: mathematical bold folds to ASCII, a CJK letter stays */
	same("\xf0\x9d\x90\x9a\xf0\x9d\x90\x9c\xf0\x9d\x90\x9e\xf0\x9d\x90\xad\xf0\x9d\x90\xa8\xf0\x9d\x90\xa7\xf0\x9d\x90\x9e", "acetone");
	same("x \xf0\xa0\x80\x80 y", "x \xf0\xa0\x80\x80 y");

	/* invisible characters are dropped, not turned into separators */
	same("ace\xe2\x80\x8btone", "acetone");	/* ZWSP */
	same("ace\xe2\x80\x8dto\xe2\x80\x8cne", "acetone");	/* ZWJ, ZWNJ */
	same("ace\xe2\x81\xa0tone", "acetone");	/* word joiner */
	same("\xef\xbb\xbf" "acetone", "acetone");	/* BOM */
	same("ace\xc2\xadtone", "acetone");	/* soft hyphen */
	same("non\xc2\xa0" "breaking", "non breaking");	/* NBSP is a space */

	/* look-alikes inside Latin words */
	same("\xd0\xb0" "cetone", "acetone");	/* Cyrillic а */
	ok(has_homoglyph("\xd0\xb0" "cetone"), "Cyrillic a in acetone is marked");
	ok(!has_homoglyph("acetone"), "plain acetone is not marked");
	same("\xd0\x90\xd0\xa1\xd0\x95\xd0\xa2\xd0\x9e" "NE", "acetone");	/* Cyrillic АСЕТО + Latin NE */
	same("s\xce\xb1" "frole", "safrole");	/* Greek α inside a word */
	same("pyr\xce\xbf" "lidine", "pyrolidine");	/* Greek omicron */
	ok(has_homoglyph("s\xce\xb1" "frole"), "Greek alpha in safrole is marked");
	same("\xd0\xb0\xd1\x86\xd0\xb5\xd1\x82\xd0\xbe\xd0\xbd", "\xd0\xb0\xd1\x86\xd0\xb5\xd1\x82\xd0\xbe\xd0\xbd");	/* Russian ацетон stays */
	ok(!has_homoglyph("\xd0\xb0\xd1\x86\xd0\xb5\xd1\x82\xd0\xbe\xd0\xbd"), "a real Russian word is not marked");
	same("\xd0\xa1\xd0\x95\xd0\xa0\xd0\x90", "\xd1\x81\xd0\xb5\xd1\x80\xd0\xb0");	/* Russian СЕРА: all look-alikes, no Latin: left alone */

	/* Greek letters standing alone become names */
	same("\xce\xb1-Phenylacetoacetonitrile", "alpha phenylacetoacetonitrile");
	equal("\xce\xb1-Phenylacetoacetonitrile", "alpha-phenylacetoacetonitrile");
	same("\xce\xb1,\xce\xb2-unsaturated", "alpha beta unsaturated");
	same("(\xce\xb1)", "alpha");
	same("\xce\x94\xe2\x81\xb9-THC", "delta 9 thc");	/* Δ⁹ */
	equal("\xce\x94" "9-THC", "delta-9-THC");
	same("5\xce\xb1-androstane", "5 alpha androstane");
	same("\xce\xb3-Butyrolactone", "gamma butyrolactone");
	same("\xc2\xb5", "mu");	/* micro sign */
	same("\xce\xb1\xce\xb2", "\xce\xb1\xce\xb2");	/* two Greek letters: a Greek word */

	/*
	 * Characters that fold to several code points: the look-alike and Greek
	 * name decisions are taken per folded code point, as a second pass over
	 * the output would take them.  U+037A (ͺ) folds to space + ι, U+1FB3
	 * (ᾳ) to αι, U+1F80 (ᾀ) to αι.
	 */
	same("\xcd\xba", "iota");		/* alone: a Greek letter's name */
	same("s\xcd\xba", "s iota");	/* the space of the fold splits the word */
	same("\xcd\xba" "s", "is");	/* inside a Latin word: a look-alike */
	ok(has_homoglyph("\xcd\xba" "s"), "i from U+037A in a Latin word is marked");
	same("\xe1\xbe\xb3" "s", "ais");
	same("x\xe1\xbe\x80y", "xaiy");
	same("\xe1\xbe\xb3", "\xce\xb1\xce\xb9");	/* no Latin letter: Greek stays */
	same("\xcd\xba\xce\xb1", "\xce\xb9\xce\xb1");
	same("\xce\xa5\xce\xa5s", "yys");	/* the source's case still decides (Υ, not υ) */

	/* fuzzer reproducers (idempotence failed before the per-code-point rule) */
	idempotent_bytes("crash-17053cb3", "\xcd\xba\x73\x07", 4, "is");
	idempotent_bytes("crash-28f092cf",
					 "\xcd\xba\xd2\xbb\x61\x6e\x61\x65\x73\x74\x68\x00\x45\x2d"
					 "\x45\x00\x45\x45", 18, "ihanesth e e ee");
	idempotent_bytes("crash-28fbc580",
					 "\x31\x31\x31\x11\x31\x31\x31\x32\x32\x31\x32\x32\x45\x31"
					 "\x31\x31\x31\x31\x31\x31\x31\x31\x31\x31\x31\x31\x31\x32"
					 "\x32\x32\x45\x00\x45\x31\x61\x71\x07\x5a\xcd\xba\x49\x49"
					 "\x26\x4d\x52\x49\x49", 47,
					 "111 11122122e11111111111111222e e1aq z iii mrii");
	idempotent_bytes("crash-3496a0c8",
					 "\x70\x2d\x4f\x30\x2d\x30\x32\x32\x65\xcd\x9a\xcc\x94\x2d"
					 "\x30\x32\x26\x30\x53\x04\x30\x30\x72\x0f\x00\x00\x00\x00"
					 "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x02\x02\x02\x02"
					 "\x02\x36\x2e\x36\x02\x42\x02\x02\x02\x02\x02\x02\x02\x72"
					 "\x29\x0c\x0c\x0c\x0c\x0c\x0c\x0c\x00\x6a\x32\x01\x00\x00"
					 "\x00\x00\x00\x00\x0a\x32\x30\x30\x2d\x32\x30\x29\x32\xcd"
					 "\xba\xcc\x94\x75\x6f\x32\x32\x2d\x30\x2d", 94,
					 "p o0-022e 02 0s 00r 6 6 b r|j2|200-20 2 iuo22-0");
	idempotent_bytes("crash-51238303",
					 "\xdd\x82\x31\x14\x76\x3a\x00\x20\x2e\xce\xa4\x2d\x65\x64"
					 "\x6f\xc9\xbb\xce\xa4\x33\x2e\x00\x7c\xcd\xba\xce\xa4\x31"
					 "\x6e\x00\x0f", 31,
					 "1 v|tau edo\xc9\xbbt3|it1n");
	idempotent_bytes("crash-53c3d8b0",
					 "\x33\x45\x2d\x45\x00\x2d\x45\x2d\x45\x2d\x00\x01\x00\x00"
					 "\x00\x00\x00\x00\x45\x00\x19\xcd\xba\x75\x3f\x2f\x00\x10"
					 "\x30\x2f\x00\x44\x2f\x64\x00\x00\x31\x2f\xd2\xba", 40,
					 "3e e e e e iu 0 d d 1 \xd2\xbb");
	idempotent_bytes("crash-fb4d42c0",
					 "\xcd\xba\xd2\xb8\x61\x4a\x2d\x45\x12\x00\x00\x00\x7f\x16"
					 "\x00\x30\x00\x45", 18, "i\xd2\xb9" "aj e 0 e");

	/* signs of optical rotation */
	same("(+)-Pseudoephedrine", "plus pseudoephedrine");
	same("(-)-Ephedrine", "minus ephedrine");
	same("(\xe2\x88\x92)-Ephedrine", "minus ephedrine");
	same("(\xc2\xb1)-Ephedrine", "rac ephedrine");
	same("(+/-)-Ephedrine", "rac ephedrine");
	same("[ + ]ephedrine", "plus ephedrine");
	same("(1R,2S)-(\xe2\x88\x92)-Ephedrine", "1r 2s minus ephedrine");
	same("a + b - c", "a b c");
	same("3+4", "3 4");

	/* spelling variants, in both directions of comparison */
	equal("sulphuric acid", "sulfuric acid");
	same("Sulphuric acid", "sulfuric acid");
	same("Ephedrine sulphate", "ephedrine sulfate");
	same("thiosulphate", "thiosulfate");
	same("aluminium caesium", "aluminum cesium");
	same("haematoxylin anaesthetic oestradiol", "hematoxylin anesthetic estradiol");
	same("metamfetamine amfetamina", "methamphetamine amphetamina");
	same("pseudoefedrina efedryna", "pseudoephedrina ephedryna");
	same("phenobarbitone", "phenobarbital");
	same("phosphate phenol aerosol phenoxy", "phosphate phenol aerosol phenoxy");	/* untouched */
	same("sulphsulph", "sulfsulf");
	same("potestrogen", "potestrogen");	/* "oestr" only at the start */
	equal("\xd1\x95ulphate", "sulfate");	/* Cyrillic dze + British spelling */

	/* offsets */
	norm("Ab");
	ok(nb.len == 2 && nb.offset[0] == 0 && nb.offset[1] == 1 && nb.offset[2] == 2,
	   "offsets of 'Ab'");
	origin("Buy (1R,2S)-Ephedrine HCl now", "ephedrine", "Ephedrine");
	origin("Essigs\xc3\xa4ureanhydrid 5 kg", "essigsaureanhydrid", "Essigs\xc3\xa4ureanhydrid");
	origin("\xd0\xb0" "cetone, 5 l", "acetone", "\xd0\xb0" "cetone");
	origin("x \xce\xb1-PAAN y", "alpha paan", "\xce\xb1-PAAN");
	origin("CAS 103 - 79 - 7 found", "103-79-7", "103 - 79 - 7");
	origin("Stra\xc3\x9f" "e 1", "strasse", "Stra\xc3\x9f" "e");
	origin("\xef\xbc\xa1\xef\xbc\xa2 c", "ab", "\xef\xbc\xa1\xef\xbc\xa2");
	norm("\xc3\x9f");
	ok(nb.len == 2 && nb.offset[0] == 0 && nb.offset[1] == 0 && nb.offset[2] == 2,
	   "both bytes of 'ss' map to the start of the 2-byte source character");
	norm("a\xce\xb1");
	ok(nb.marks[0] == 0 && nb.marks[1] == (NORM_MARK_NONASCII | NORM_MARK_HOMOGLYPH),
	   "marks: ASCII 'a' unmarked, Greek alpha marked non-ASCII + homoglyph");
	norm("x\xc3\xa9");
	ok(nb.marks[1] == NORM_MARK_NONASCII, "marks: e from e-acute is non-ASCII only");
	norm("  x  ");
	ok(nb.len == 1 && nb.offset[0] == 2 && nb.offset[1] == 5, "offset past leading space; end = input length");

	/* invalid UTF-8 is rejected */
	is_str(norm("abc\xff"), "<invalid>", "0xff rejected");
	is_str(norm("\xc3"), "<invalid>", "truncated sequence rejected");
	is_str(norm("\xc0\xaf"), "<invalid>", "overlong rejected");
	is_str(norm("\xed\xa0\x80"), "<invalid>", "surrogate rejected");
	is_str(norm("\xf4\x90\x80\x80"), "<invalid>", "above U+10FFFF rejected");
	is_str(norm("ok \xe2\x82"), "<invalid>", "truncated 3-byte sequence rejected");
	ok(nb.error.code == PRECURSOR_INVALID_UTF8 && strstr(nb.error.detail, "offset") != NULL,
	   "the failure is described in nb.error: %s", nb.error.detail);
	ok(normalize_text("a\0b", 3, &nb) == NORM_OK && strcmp(nb.text, "a b") == 0,
	   "embedded NUL is a separator");

	/* the ASCII fast path agrees with ICU */
	for (i = 1; i < 128; i++)
		all_ascii[i - 1] = (char) i;
	all_ascii[127] = '\0';
	fast_equals_icu(all_ascii);
	fast_equals_icu("3,4-MDP-2-P; (1R,2S)-(-)-Ephedrine HCl 99%, CAS 103 - 79 - 7.");
	fast_equals_icu("Sulphuric ACID | aluminium (+/-) [+] {-} x.y, z\r\nAB\tC");
	fast_equals_icu("~`@#$%^&*_=\\<>'\"");
	{
		/* every pair of ASCII characters around a letter and a digit */
		char		buf[8];
		int			a,
					b;
		bool		all = true;
		NormBuf		b2;

		norm_buf_init(&b2);
		for (a = 1; a < 128 && all; a++)
			for (b = 1; b < 128 && all; b++)
			{
				buf[0] = '7';
				buf[1] = (char) a;
				buf[2] = (char) b;
				buf[3] = 'Q';
				buf[4] = (char) b;
				buf[5] = '8';
				buf[6] = '\0';
				normalize_text(buf, 6, &nb);
				normalize_text_icu(buf, 6, &b2);
				if (nb.len != b2.len || memcmp(nb.text, b2.text, nb.len) != 0)
					all = false;
			}
		ok(all, "fast path == ICU path on all %d two-character contexts", 127 * 127);
		norm_buf_free(&b2);
	}

	/* idempotence on a mixed sample */
	{
		const char *samples[] = {
			"(1R,2S)-(\xe2\x88\x92)-Ephedrine hydrochloride, 99 %",
			"\xce\x94\xe2\x81\xb9-THC; 5\xce\xb1-androstane",
			"\xd0\x90\xd0\xa1\xd0\x95\xd0\xa2\xd0\x9e" "NE 3 , 4 - x",
			"chlorhydrate d'\xc3\xa9ph\xc3\xa9" "drine\n\xe2\x80\x94 suite",
			NULL
		};
		int			k;

		for (k = 0; samples[k]; k++)
		{
			char		once[512];

			snprintf(once, sizeof(once), "%s", norm(samples[k]));
			is_str(norm(once), once, "idempotent: '%s'", once);
		}
	}

	/* reuse and growth of the buffer */
	{
		size_t		big = 1 << 20;
		char	   *s = malloc(big + 1);
		size_t		k;
		bool		good;

		for (k = 0; k < big; k++)
			s[k] = "Ab, 1-2 "[k % 8];
		s[big] = '\0';
		good = normalize_text(s, big, &nb) == NORM_OK && nb.offset[nb.len] == big &&
			nb.cap >= nb.len;
		ok(good, "1 MiB input normalises (len %zu)", nb.len);
		free(s);
		same("small again", "small again");
	}

	/*
	 * Polling: with an interrupt function set, long inputs are cut into
	 * chunks (inside words where possible, between separators otherwise);
	 * the result must be byte-identical to the uncut run, offsets and marks
	 * included, and a true answer must stop the call.
	 */
	{
		static const char *pieces[] = {
			"Acetic anhydride, 99% (CAS 108-24-7); not toluene. ",
			"3, 4-MDP-2-P e.g. No. 5 (+)-ephedrine HCl | x ",
			"\xce\xb1-phenylacetoacetonitrile \xd0\xb0" "cetone \xef\xbc\x93,4 ",
			", ; . - / ( ) [ ] ",
			"pseudoephedrinehydrochloridemonohydrate ",
			NULL
		};
		NormBuf		polled;
		size_t		cap = 3 << 20;
		char	   *s = malloc(cap);
		int			variant;

		norm_buf_init(&polled);
		for (variant = 0; variant < 3; variant++)
		{
			size_t		n = 0;
			size_t		k = 0;
			bool		good;

			/* 0: mixed text; 1: pure ASCII; 2: a long run of separators */
			while (n + 128 < cap)
			{
				const char *p = variant == 2 ? (n < 200000 ? " ,;. -" : "word ") :
					pieces[k % 5];

				k++;
				if (variant == 1 && (unsigned char) p[0] >= 0x80)
					continue;
				if (variant == 1 && strchr(p, '\xce'))
					continue;
				memcpy(s + n, p, strlen(p));
				n += strlen(p);
			}
			good = normalize_text(s, n, &nb) == NORM_OK;
			polled.interrupted = never_interrupt;
			good = good && normalize_text(s, n, &polled) == NORM_OK &&
				polled.len == nb.len &&
				memcmp(polled.text, nb.text, nb.len) == 0 &&
				memcmp(polled.offset, nb.offset, sizeof(uint32_t) * (nb.len + 1)) == 0 &&
				memcmp(polled.marks, nb.marks, nb.len) == 0;
			ok(good, "polled run of %zu bytes (variant %d) equals the uncut run", n, variant);

			polled.interrupted = interrupt_at_second_poll;
			polls = 0;
			ok(normalize_text(s, n, &polled) == NORM_INTERRUPTED && polled.len == 0 &&
			   polls == 2,
			   "a true answer stops the call (variant %d, %d polls)", variant, polls);
		}
		norm_buf_free(&polled);
		free(s);
	}

	norm_buf_free(&nb);
	return tap_done();
}
