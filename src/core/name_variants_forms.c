/*
 * name_variants_forms.c
 *		Name variant rules on a name as written (not on its variants): the
 *		cation and Latin forms of a base ("ephedrinium", "Ephedrinum"), the
 *		French, Romance and German forms of an acid, its anion and its
 *		esters ("acide phénylacétique", "acido antranilico", "fenilacetato",
 *		"Phenylacetat", "X-ate de méthyle"), and a CAS name without its
 *		closing stereo clause.  Tables in name_variants_rules.h.  No
 *		PostgreSQL here.
 */
#include "name_variants_int.h"

#include "name_variants_rules.h"

/* "ephedrine" -> "ephedrinium": the cation, for salts named after it */
void
nv_rule_cation(NvSet *set, const char *s, size_t len)
{
	NvOut		o;
	size_t		i;
	size_t		word = len;

	while (word > 0 && is_letter(s[word - 1]))
		word--;
	if (len - word < 6 || memchr(s, '|', len) != NULL)
		return;
	for (i = 0; i < sizeof(nv_cations) / sizeof(nv_cations[0]); i++)
	{
		size_t		bl = strlen(nv_cations[i].base);

		if (!ends_with(s, len, nv_cations[i].base))
			continue;
		out_reset(&o);
		out_put(&o, s, len - bl);
		out_str(&o, nv_cations[i].cation);
		set_add(set, &o, NV_RULE_CATION);
	}
}

/* "X-ic acid" -> "acide X-ique" */
void
nv_rule_french_acid(NvSet *set, const char *s, size_t len)
{
	NvOut		o;
	size_t		el = strlen(NV_ACID_EN);

	if (len < el + 4 || !ends_with(s, len, NV_ACID_EN) ||
		!is_letter(s[len - el - 1]) || memchr(s, '|', len) != NULL)
		return;
	out_reset(&o);
	out_str(&o, NV_ACID_FR_HEAD);
	out_put(&o, s, len - el);
	out_str(&o, NV_ACID_FR_TAIL);
	set_add(set, &o, NV_RULE_FRENCH_ACID);
}

/* Rewrite the letter groups of nv_romance_letters in s[0, len) into o */
static void
out_romance(NvOut *o, const char *s, size_t len)
{
	size_t		i = 0;

	while (i < len)
	{
		size_t		k;

		for (k = 0; k < sizeof(nv_romance_letters) / sizeof(nv_romance_letters[0]); k++)
		{
			size_t		el = strlen(nv_romance_letters[k].en);

			if (i + el <= len && memcmp(s + i, nv_romance_letters[k].en, el) == 0)
			{
				out_str(o, nv_romance_letters[k].ro);
				i += el;
				break;
			}
		}
		if (k == sizeof(nv_romance_letters) / sizeof(nv_romance_letters[0]))
			out_put(o, s + i++, 1);
	}
}

/* "X-ic acid" -> "acido X-ico"; "X-ate" -> "X-ato", "X-at" */
void
nv_rule_romance(NvSet *set, const char *s, size_t len)
{
	NvOut		o;
	size_t		el = strlen(NV_ACID_EN);

	if (memchr(s, '|', len) != NULL)
		return;
	if (len > el + 3 && ends_with(s, len, NV_ACID_EN) && is_letter(s[len - el - 1]))
	{
		out_reset(&o);
		out_str(&o, NV_ROMANCE_ACID_HEAD);
		out_romance(&o, s, len - el);
		out_str(&o, NV_ROMANCE_ACID_TAIL);
		set_add(set, &o, NV_RULE_LANGUAGE);
	}
	else if (len > 6 && ends_with(s, len, "ate") && memchr(s, ' ', len) == NULL)
	{
		out_reset(&o);
		out_romance(&o, s, len - 3);
		out_str(&o, NV_ROMANCE_ANION_TAIL);
		set_add(set, &o, NV_RULE_LANGUAGE);
		out_reset(&o);
		out_put(&o, s, len - 3);
		out_str(&o, NV_GERMAN_ANION_TAIL);
		set_add(set, &o, NV_RULE_LANGUAGE);
	}
}

/* "methyl X-ate" -> "X-ate de methyle" */
void
nv_rule_french_ester(NvSet *set, const char *s, size_t len)
{
	NvOut		o;
	size_t		i;

	if (len < 10 || !ends_with(s, len, "ate") || memchr(s, '|', len) != NULL)
		return;
	for (i = 0; i < sizeof(nv_french_alkyls) / sizeof(nv_french_alkyls[0]); i++)
	{
		size_t		al = strlen(nv_french_alkyls[i].en);

		if (len <= al + 3 || memcmp(s, nv_french_alkyls[i].en, al) != 0)
			continue;
		out_reset(&o);
		out_put(&o, s + al, len - al);
		out_str(&o, nv_french_alkyls[i].fr);
		set_add(set, &o, NV_RULE_LANGUAGE);
		return;
	}
}

/*
 * Is w (n bytes) a word of a stereo descriptor that opens a name: a locant
 * with its configuration ("1s", "2r", "6ar" of a fused ring), the sign of
 * rotation ("plus", "minus"), or a word of nv_stereo_prefix_words ("rac",
 * "dl")?
 */
static bool
is_stereo_prefix_word(const char *w, size_t n)
{
	size_t		i = 0;

	while (i < n && w[i] >= '0' && w[i] <= '9')
		i++;
	if (i > 0 && i + 2 == n && (w[i] == 'a' || w[i] == 'b'))
		i++;					/* "6a", "10b": a fusion locant */
	if (i > 0 && i + 1 == n && (w[i] == 'r' || w[i] == 's'))
		return true;
	return in_list(nv_stereo_prefix_words, w, n);
}

/*
 * "1s 2r plus chloroephedrine" (a name that opens with the descriptors of
 * the one stereoisomer its entry lists) -> "chloroephedrine" and "plus
 * chloroephedrine": declarations name it without the configuration, or by
 * its sign of rotation alone ("(+)-chloroephedrine hydrochloride").  The
 * name with its configuration alone comes from the substituent rules.
 */
void
nv_rule_stereo_prefix(NvSet *set, const char *s, size_t len)
{
	size_t		p = 0;
	const char *sign = NULL;
	size_t		sign_len = 0;
	int			nwords = 0;
	NvOut		o;

	for (;;)
	{
		const char *sp = memchr(s + p, ' ', len - p);
		size_t		n;

		if (sp == NULL)
			break;
		n = (size_t) (sp - (s + p));
		if (!is_stereo_prefix_word(s + p, n))
			break;
		if ((n == 4 && memcmp(s + p, "plus", 4) == 0) ||
			(n == 5 && memcmp(s + p, "minus", 5) == 0))
		{
			sign = s + p;
			sign_len = n;
		}
		nwords++;
		p += n + 1;
	}
	/* a name of at least five letters is left: not "1s 2r" of "(1S,2R)-ene" */
	if (nwords == 0 || len - p < 5 || memchr(s + p, '|', len - p) != NULL)
		return;
	out_reset(&o);
	out_put(&o, s + p, len - p);
	set_add(set, &o, NV_RULE_STEREO_PREFIX);
	if (sign != NULL && nwords > 1)
	{
		out_reset(&o);
		out_put(&o, sign, sign_len);
		out_put(&o, " ", 1);
		out_put(&o, s + p, len - p);
		set_add(set, &o, NV_RULE_STEREO_PREFIX);
	}
}

/* "X|ar" (a CAS name closed by its stereo descriptors) -> "X" */
void
nv_rule_stereo_clause(NvSet *set, const char *s, size_t len)
{
	const char *bar = s + len;
	NvOut		o;

	while (bar > s && bar[-1] != '|')
		bar--;
	if (bar == s || !in_list(nv_stereo_clause, bar, (size_t) (s + len - bar)))
		return;
	out_reset(&o);
	out_put(&o, s, (size_t) (bar - 1 - s));
	set_add(set, &o, NV_RULE_STEREO_CLAUSE);
}


/*
 * One word the German way into o: the stem of an "-ic" word that an "acid"
 * follows ('acid') glued to "saure", or the first German ending of
 * nv_german_endings.  Other words of fewer than five letters are copied
 * unless they are an ending alone ("propan 2 one").
 */
static void
out_german_word(NvOut *o, const char *w, size_t n, bool acid)
{
	size_t		k;

	if (acid)
	{
		for (k = 0; k < nv_lengthof(nv_german_acid_stems); k++)
		{
			size_t		el = strlen(nv_german_acid_stems[k].en);

			if (n < el || (n == el && nv_german_acid_stems[k].de[0] == '\0') ||
				!ends_with(w, n, nv_german_acid_stems[k].en))
				continue;
			out_put(o, w, n - el);
			out_str(o, nv_german_acid_stems[k].de);
			out_str(o, NV_GERMAN_ACID);
			return;
		}
	}
	else
	{
		/* "chloropseudoephedrine" -> "Chlorpseudoephedrin" */
		if (n > 9 && memcmp(w, "chloro", 6) == 0)
		{
			out_str(o, "chlor");
			w += 6;
			n -= 6;
		}
		/* "chlorane" (HCl) kept: "chloran" is Polish for chlorate */
		for (k = 0; k < nv_lengthof(nv_german_kept); k++)
			if (n == strlen(nv_german_kept[k]) &&
				memcmp(w, nv_german_kept[k], n) == 0)
			{
				out_put(o, w, n);
				return;
			}
		for (k = 0; k < nv_lengthof(nv_german_endings); k++)
		{
			size_t		el = strlen(nv_german_endings[k].en);

			/* a word of five letters or more, or the suffix alone ("4 one") */
			if ((n < 5 && n != el) || !ends_with(w, n, nv_german_endings[k].en))
				continue;
			out_put(o, w, n - el);
			out_str(o, nv_german_endings[k].de);
			return;
		}
	}
	out_put(o, w, n);
}

/* An acyl substituent word: "acetyl", "formyl", "benzoyl", "propionyl" */
static bool
is_acyl(const char *w, size_t n)
{
	return ends_with(w, n, "oyl") || ends_with(w, n, "onyl") ||
		ends_with(w, n, "ryl") || (n == 6 && memcmp(w, "acetyl", 6) == 0) ||
		(n == 6 && memcmp(w, "formyl", 6) == 0);
}

/* Whether the first word of s (up to a space) ends with suffix */
static bool
next_word_ends(const char *s, size_t len, const char *suffix)
{
	const char *sp = memchr(s, ' ', len);

	return ends_with(s, sp ? (size_t) (sp - s) : len, suffix);
}

/* Whether s starts with a Greek letter locant word ("alpha acetyl") */
static bool
next_word_greek(const char *s, size_t len)
{
	static const char *const greek[] = {"alpha", "beta", "gamma", "omega"};
	size_t		k;

	for (k = 0; k < nv_lengthof(greek); k++)
	{
		size_t		gl = strlen(greek[k]);

		if (len >= gl && memcmp(s, greek[k], gl) == 0 &&
			(len == gl || s[gl] == ' '))
			return true;
	}
	return false;
}

/*
 * "1-phenylpropan-2-one" -> "1-Phenylpropan-2-on", "PMK glycidic acid" ->
 * "PMK-Glycidsäure", "benzyl methyl ketone" -> "Benzylmethylketon": the
 * German form with its words apart, and with each substituent word ("-yl")
 * glued to the word after it, when that differs.
 */
void
nv_rule_german(NvSet *set, const char *s, size_t len)
{
	NvOut		apart;
	NvOut		glued;
	size_t		i = 0;

	if (memchr(s, '|', len) != NULL)
		return;
	out_reset(&apart);
	out_reset(&glued);
	while (i < len)
	{
		size_t		e = i;
		size_t		from = apart.len;
		bool		letters = true;
		bool		acid;

		while (e < len && s[e] != ' ')
			letters &= is_letter(s[e++]);
		acid = letters && e - i > 2 && ends_with(s + i, e - i, "ic") &&
			len - e >= 5 && memcmp(s + e, " acid", 5) == 0 &&
			(len - e == 5 || s[e + 5] == ' ');
		if (letters)
			out_german_word(&apart, s + i, e - i, acid);
		else
			out_put(&apart, s + i, e - i);
		if (acid)
			e += 5;
		out_put(&glued, apart.buf + from, apart.len - from);
		if (e >= len)
			break;
		out_put(&apart, " ", 1);
		/*
		 * "benzyl methyl": a substituent word glued to the next word, but
		 * not an acyl to an "-ate" ("acetyl acetate": "Acetylacetat" is
		 * acetoacetate)
		 */
		if (!(letters && apart.len - from >= 4 &&
			  ends_with(apart.buf + from, apart.len - from - 1, "yl") &&
			  is_letter(s[e + 1]) && !next_word_greek(s + e + 1, len - e - 1) &&
			  !(is_acyl(s + i, e - i) && next_word_ends(s + e + 1, len - e - 1, "ate"))))
			out_put(&glued, " ", 1);
		i = e + 1;
	}
	if (apart.len != len || memcmp(apart.buf, s, len) != 0)
		set_add(set, &apart, NV_RULE_GERMAN);
	if (glued.len != apart.len)
		set_add(set, &glued, NV_RULE_GERMAN);
}
