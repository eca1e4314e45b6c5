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

