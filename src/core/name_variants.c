/*
 * name_variants.c
 *		Generate the equivalent spellings of a normalised chemical name from
 *		the rule tables in name_variants_rules.h.  No PostgreSQL here.
 *
 * The variants of a term are the closure of the term under the rules,
 * breadth first, capped at NV_MAX_VARIANTS: "1 phenyl 2 propanone" gives
 * "1 phenylpropan 2 one" (locant placement), "phenyl 2 propanone" (implied
 * locant), "2 propanone|1 phenyl" (CAS inverted name), and so on.  Each
 * variant remembers the last rule that produced it.  Rewriting works on the
 * normalised bytes, so a variant is exactly what the normaliser makes of the
 * spelling it stands for.
 */
#include "name_variants_int.h"

#include "name_variants_rules.h"

/* ------------------------------------------------------------------------
 * Equivalent spellings (nv_pairs), both ways
 * ------------------------------------------------------------------------ */
/* "2h" before a match: indicated hydrogen that belongs to the ring name */
static bool
indicated_h_before(const char *s, size_t p)
{
	size_t		q;

	if (p < 3 || s[p - 1] != ' ' || s[p - 2] != 'h' || !is_digit(s[p - 3]))
		return false;
	q = p - 3;
	while (q > 0 && is_digit(s[q - 1]))
		q--;
	return boundary_before(s, q);
}

/* Is the word at w (up to a space or the end) a Greek-letter locant? */
static bool
is_greek_locant(const char *w, size_t n)
{
	return (n == 5 && memcmp(w, "alpha", 5) == 0) ||
		(n == 4 && memcmp(w, "beta", 4) == 0);
}

/*
 * Would putting "to" at p put a Greek-letter locant right after a numeric or
 * Greek one, or a numeric one after a Greek one ("2 alpha phenyl...",
 * "alpha alpha ...")?  Such a name is no spelling of anything.
 */
static bool
mixed_locants(const char *s, size_t p, const char *to)
{
	size_t		tl = strcspn(to, " ");
	size_t		q;
	bool		to_greek = is_greek_locant(to, tl);
	bool		to_digit = is_digit(to[0]);

	if ((!to_greek && !to_digit) || p < 2 || s[p - 1] != ' ')
		return false;
	q = p - 1;
	while (q > 0 && s[q - 1] != ' ' && s[q - 1] != '|')
		q--;
	if (is_greek_locant(s + q, p - 1 - q))
		return true;
	return to_greek && is_digit(s[q]) && is_digit(s[p - 2]);
}

/*
 * Put s with [p, e) replaced by "to" (and the space after e dropped when
 * skip_space) into the set.  The normaliser keeps '-' between two digits
 * even across a bracket ("1-(2-phenylethyl)" -> "1-2 phenylethyl"), so a
 * replacement that puts a locant after a locant has both spellings, and one
 * that removes a locant turns "1-2 phenylethyl" into "1 phenethyl".
 */
static void
put_replaced(NvSet *set, const char *s, size_t len, size_t p, size_t e,
			 const char *to, bool space_after, bool skip_space, int rule)
{
	NvOut		o;
	size_t		rest = skip_space ? e + 1 : e;

	out_reset(&o);
	out_put(&o, s, p);
	if (p > 0 && s[p - 1] == '-' && !is_digit(to[0]))
		o.buf[p - 1] = ' ';
	out_str(&o, to);
	if (space_after)
		out_put(&o, " ", 1);
	out_put(&o, s + rest, len - rest);
	set_add(set, &o, rule);
	if (p >= 2 && s[p - 1] == ' ' && is_digit(s[p - 2]) && is_digit(to[0]) &&
		!o.overflow)
	{
		o.buf[p - 1] = '-';
		set_add(set, &o, rule);
	}
}

static void
apply_pair(NvSet *set, const char *s, size_t len, const char *from,
		   const char *to, uint8_t where, int rule)
{
	size_t		fl = strlen(from);
	size_t		tl = strlen(to);
	size_t		p;
	NvOut		o;

	if (fl == 0 || fl > len)
		return;
	if (where & NV_AT_WHOLE)
	{
		if (fl == len && memcmp(s, from, fl) == 0)
		{
			out_reset(&o);
			out_str(&o, to);
			set_add(set, &o, rule);
		}
		return;
	}
	for (p = 0; p + fl <= len; p++)
	{
		size_t		e = p + fl;

		if (memcmp(s + p, from, fl) != 0 || !boundary_before(s, p))
			continue;
		if ((where & NV_AT_START) && p != 0)
			break;
		/* "2h 1 3 benzodioxol": the "1 3 benzodioxol" in it is not on its own */
		if (tl > fl && memcmp(to + tl - fl, from, fl) == 0 &&
			p >= tl - fl && memcmp(s + p - (tl - fl), to, tl - fl) == 0)
			continue;
		/* "2 alpha phenyl...": never a locant of one kind after the other */
		if (mixed_locants(s, p, to))
			continue;
		if (indicated_h_before(s, p) &&
			!(fl > 2 && is_digit(from[0]) && from[1] == 'h'))
			continue;
		if (boundary_after(s, len, e))
		{
			put_replaced(set, s, len, p, e, to, false, false, rule);
			/*
			 * "2 phenylethyl piperidine" -> "phenethylpiperidine" too; not
			 * onto a one-letter locant ("phenylamino n phenethyl...")
			 */
			if ((where & NV_AT_PREFIX) && e + 2 < len && s[e] == ' ' &&
				is_letter(s[e + 1]) && is_letter(s[e + 2]))
				put_replaced(set, s, len, p, e, to, false, true, rule);
		}
		else if ((where & NV_AT_PREFIX) && is_letter(s[e]))
		{
			/* "phenethylpiperidine" -> "2 phenylethylpiperidine", "... piperidine" */
			put_replaced(set, s, len, p, e, to, false, false, rule);
			put_replaced(set, s, len, p, e, to, true, false, rule);
		}
	}
}

static void
rule_pairs(NvSet *set, const char *s, size_t len)
{
	size_t		i;

	for (i = 0; i < sizeof(nv_pairs) / sizeof(nv_pairs[0]); i++)
	{
		const NvPair *p = &nv_pairs[i];

		apply_pair(set, s, len, p->a, p->b, p->where & ~NV_ONE_WAY,
				   p->rule | ((p->where & NV_LEAF) ? NV_RULE_LEAF_BIT : 0));
		if (!(p->where & NV_ONE_WAY))
			apply_pair(set, s, len, p->b, p->a, p->where, p->rule);
	}
}

/* ------------------------------------------------------------------------
 * Tokens
 * ------------------------------------------------------------------------ */
#define NV_MAX_TOKENS	64

typedef struct Toks
{
	int			n;
	uint16_t	s[NV_MAX_TOKENS];
	uint16_t	e[NV_MAX_TOKENS];
} Toks;

static bool
tokenize(const char *s, size_t len, Toks *t)
{
	size_t		p = 0;

	t->n = 0;
	while (p < len)
	{
		while (p < len && is_sep(s[p]))
			p++;
		if (p >= len)
			break;
		if (t->n == NV_MAX_TOKENS)
			return false;
		t->s[t->n] = (uint16_t) p;
		while (p < len && !is_sep(s[p]))
			p++;
		t->e[t->n] = (uint16_t) p;
		t->n++;
	}
	return true;
}

#define TOKLEN(t, i) ((size_t) ((t)->e[i] - (t)->s[i]))

/* ------------------------------------------------------------------------
 * Locant placement: "X<stem> L <suffix>" <-> "X L <stem><suffix>"
 * ------------------------------------------------------------------------ */
static void
rule_locant(NvSet *set, const char *s, size_t len)
{
	Toks		t;
	int			i;
	NvOut		o;

	if (!tokenize(s, len, &t))
		return;
	for (i = 0; i + 2 < t.n; i++)
	{
		const char *const *st;

		/* forward: token i ends with a stem, i+1 a locant, i+2 a suffix */
		if (!token_is_numeric(s, t.s[i + 1], t.e[i + 1]) ||
			!in_list(nv_suffixes, s + t.s[i + 2], TOKLEN(&t, i + 2)) ||
			s[t.e[i]] != ' ' || s[t.e[i + 1]] != ' ')
			continue;
		for (st = nv_stems; *st; st++)
		{
			size_t		sl = strlen(*st);

			if (!ends_with(s + t.s[i], TOKLEN(&t, i), *st))
				continue;
			out_reset(&o);
			out_put(&o, s, t.e[i] - sl);	/* up to the stem */
			if (TOKLEN(&t, i) > sl)
				out_put(&o, " ", 1);
			out_put(&o, s + t.s[i + 1], TOKLEN(&t, i + 1));
			out_put(&o, " ", 1);
			out_str(&o, *st);
			out_put(&o, s + t.s[i + 2], len - t.s[i + 2]);
			set_add(set, &o, NV_RULE_LOCANT);
		}
	}
	for (i = 0; i + 1 < t.n; i++)
	{
		const char *const *st;
		const char *w = s + t.s[i + 1];
		size_t		wl = TOKLEN(&t, i + 1);

		/* backward: token i a locant, token i+1 exactly stem + suffix */
		if (!token_is_numeric(s, t.s[i], t.e[i]) || s[t.e[i]] != ' ')
			continue;
		for (st = nv_stems; *st; st++)
		{
			size_t		sl = strlen(*st);
			bool		joinable;

			if (wl <= sl || memcmp(w, *st, sl) != 0 ||
				!in_list(nv_suffixes, w + sl, wl - sl))
				continue;
			/* a substituent just before joins the stem: "phenylpropan 2 one" */
			joinable = i > 0 && s[t.e[i - 1]] == ' ' &&
				ends_with(s + t.s[i - 1], TOKLEN(&t, i - 1), "yl");
			/* rings ("phenyloxirane") are written joined to their substituent */
			if (!joinable || (*st)[sl - 1] == 'n')
			{
				out_reset(&o);
				out_put(&o, s, t.s[i]);
				out_str(&o, *st);
				out_put(&o, " ", 1);
				out_put(&o, s + t.s[i], TOKLEN(&t, i));
				out_put(&o, " ", 1);
				out_put(&o, w + sl, len - (t.s[i + 1] + sl));
				set_add(set, &o, NV_RULE_LOCANT);
			}
			if (joinable)
			{
				out_reset(&o);
				out_put(&o, s, t.e[i - 1]);
				out_str(&o, *st);
				out_put(&o, " ", 1);
				out_put(&o, s + t.s[i], TOKLEN(&t, i));
				out_put(&o, " ", 1);
				out_put(&o, w + sl, len - (t.s[i + 1] + sl));
				set_add(set, &o, NV_RULE_LOCANT);
			}
		}
	}
}

/*
 * Substituent order: "3 oxo 2 phenylbutanoate" <-> "2 phenyl 3 oxobutanoate"
 * (tokens L1 P1 L2 P2+parent, P1 and P2 both order prefixes)
 */
static void
rule_order(NvSet *set, const char *s, size_t len)
{
	Toks		t;
	NvOut		o;
	int			i;

	if (!tokenize(s, len, &t))
		return;
	for (i = 0; i + 3 < t.n; i++)
	{
		const char *const *p2;
		const char *last = s + t.s[i + 3];
		size_t		ll = TOKLEN(&t, i + 3);

		if (!token_is_numeric(s, t.s[i], t.e[i]) ||
			!token_is_numeric(s, t.s[i + 2], t.e[i + 2]) ||
			!in_list(nv_order_prefixes, s + t.s[i + 1], TOKLEN(&t, i + 1)) ||
			s[t.e[i]] != ' ' || s[t.e[i + 1]] != ' ' || s[t.e[i + 2]] != ' ')
			continue;
		for (p2 = nv_order_prefixes; *p2; p2++)
		{
			size_t		pl = strlen(*p2);

			if (ll <= pl + 2 || memcmp(last, *p2, pl) != 0 || !is_letter(last[pl]))
				continue;
			out_reset(&o);
			out_put(&o, s, t.s[i]);
			out_put(&o, s + t.s[i + 2], TOKLEN(&t, i + 2));	/* L2 */
			out_put(&o, " ", 1);
			out_str(&o, *p2);								/* P2 */
			out_put(&o, " ", 1);
			out_put(&o, s + t.s[i], TOKLEN(&t, i));			/* L1 */
			out_put(&o, " ", 1);
			out_put(&o, s + t.s[i + 1], TOKLEN(&t, i + 1));	/* P1 */
			out_put(&o, last + pl, len - (t.s[i + 3] + pl));	/* parent and rest */
			set_add(set, &o, NV_RULE_ORDER);
			break;
		}
	}
}

/* Implied locant 1 at the start: "1 phenylpropan 2 one" -> "phenylpropan 2 one" */
static void
rule_implied(NvSet *set, const char *s, size_t len)
{
	NvOut		o;

	if (len > 3 && s[0] == '1' && s[1] == ' ' && is_letter(s[2]) &&
		memchr(s + 2, ' ', len - 2) != NULL)
	{
		out_reset(&o);
		out_put(&o, s + 2, len - 2);
		set_add(set, &o, NV_RULE_IMPLIED_LOCANT);
	}
}

/* ------------------------------------------------------------------------
 * CAS inverted names: "1 phenyl 2 propanone" <-> "2 propanone|1 phenyl"
 * ------------------------------------------------------------------------ */
/*
 * "1 phenyl 2 propanone" -> "2 propanone|1 phenyl", then tail (an ester
 * clause "|methyl ester", or nothing)
 */
static void
cas_invert(NvSet *set, const char *s, size_t len, const char *tail, size_t tail_len)
{
	Toks		t;
	NvOut		o;

	if (!tokenize(s, len, &t) || t.n < 2)
		return;
	{
		int			first = t.n - 1;	/* first token of the parent */
		size_t		ps;
		size_t		k;
		bool		letter = false;

		/* esters ("R X-ate") are inverted by rule_ester */
		if (ends_with(s, len, "ate"))
			return;
		if (in_list((const char *const[]) {"acid", "anhydride", NULL},
					s + t.s[first], TOKLEN(&t, first)))
			first--;
		if (first < 1 || in_list(nv_not_parent, s + t.s[first], TOKLEN(&t, first)) ||
			!is_letter(s[t.s[first]]))
			return;
		if (token_is_numeric(s, t.s[first - 1], t.e[first - 1]))
			first--;
		if (first < 1)
			return;
		ps = t.s[first];
		for (k = 0; k < t.e[first - 1]; k++)
			letter |= is_letter(s[k]);
		if (!letter || s[ps - 1] != ' ')
			return;
		out_reset(&o);
		out_put(&o, s + ps, len - ps);
		out_put(&o, "|", 1);
		out_put(&o, s, t.e[first - 1]);
		out_put(&o, tail, tail_len);
		set_add(set, &o, NV_RULE_CAS_INVERTED);
	}
}

static void
rule_cas(NvSet *set, const char *s, size_t len)
{
	Toks		t;
	NvOut		o;
	const char *bar = memchr(s, '|', len);

	if (!tokenize(s, len, &t) || t.n < 2)
		return;
	if (bar == NULL)
		cas_invert(set, s, len, "", 0);
	else if (memchr(bar + 1, '|', (size_t) (s + len - bar - 1)) == NULL &&
			 ends_with(bar + 1, (size_t) (s + len - bar - 1), " ester") &&
			 ends_with(s, (size_t) (bar - s), " acid"))
	{
		/* "3 oxo 2 phenyl butanoic acid|methyl ester" -> "butanoic acid|3 oxo 2 phenyl|methyl ester" */
		cas_invert(set, s, (size_t) (bar - s), bar, (size_t) (s + len - bar));
	}
	else
	{
		/* "A|B1|...|E ester" -> "B1 ... A|E ester"; "A|B" -> "B A" */
		const char *parts[8];
		size_t		plen[8];
		int			np = 0;
		int			last;
		int			i;
		size_t		p = 0;

		while (p <= len && np < 8)
		{
			const char *q = memchr(s + p, '|', len - p);
			size_t		e = q ? (size_t) (q - s) : len;

			parts[np] = s + p;
			plen[np] = e - p;
			np++;
			p = e + 1;
			if (q == NULL)
				break;
		}
		if (np < 2 || p <= len)
			return;
		last = np;
		if (ends_with(parts[np - 1], plen[np - 1], " ester") ||
			ends_with(parts[np - 1], plen[np - 1], " salt"))
			last = np - 1;
		if (last < 2)
			return;
		out_reset(&o);
		for (i = 1; i < last; i++)
		{
			out_put(&o, parts[i], plen[i]);
			out_put(&o, " ", 1);
		}
		out_put(&o, parts[0], plen[0]);
		if (last < np)
		{
			out_put(&o, "|", 1);
			out_put(&o, parts[np - 1], plen[np - 1]);
		}
		set_add(set, &o, NV_RULE_CAS_INVERTED);

		/*
		 * Uninverted, a prefix ending in a letter is written glued to a
		 * parent that starts with one: "benzeneacetamide|alpha acetyl" is
		 * "alpha-acetylbenzeneacetamide" as often as "alpha acetyl
		 * benzeneacetamide"; so is an ester's ("alpha-acetylbenzeneacetic
		 * acid, methyl ester").
		 */
		if (plen[0] > 0 && plen[last - 1] > 0 &&
			is_letter(parts[0][0]) &&
			is_letter(parts[last - 1][plen[last - 1] - 1]))
		{
			out_reset(&o);
			for (i = 1; i < last; i++)
			{
				out_put(&o, parts[i], plen[i]);
				if (i < last - 1)
					out_put(&o, " ", 1);
			}
			out_put(&o, parts[0], plen[0]);
			if (last < np)
			{
				out_put(&o, "|", 1);
				out_put(&o, parts[np - 1], plen[np - 1]);
			}
			set_add(set, &o, NV_RULE_CAS_INVERTED);
		}
	}
}

/* ------------------------------------------------------------------------
 * Esters and anions
 * ------------------------------------------------------------------------ */

/* "...carboxylate" -> "...carboxylic acid", "...oate" -> "...oic acid" */
static bool
ate_to_acid(NvOut *o, const char *s, size_t len)
{
	if (!ends_with(s, len, "ate") || len < 5)
		return false;
	out_put(o, s, len - 3);
	out_str(o, "ic acid");
	return true;
}

/* "...carboxylic acid" -> "...carboxylate" (not a mineral acid: "sulfate") */
static bool
acid_to_ate(NvOut *o, const char *s, size_t len)
{
	size_t		w;

	if (!ends_with(s, len, "ic acid") || len < 9 || !is_letter(s[len - 8]))
		return false;
	for (w = len - 5; w > 0 && is_letter(s[w - 1]); w--)
		;
	if (in_list(nv_mineral_acids, s + w, len - 5 - w))
		return false;
	out_put(o, s, len - 7);
	out_str(o, "ate");
	return true;
}

static void
rule_ester(NvSet *set, const char *s, size_t len)
{
	const char *const *a;
	NvOut		o;

	if (memchr(s, '|', len) == NULL)
	{
		/* "R X-ate" -> "X-ic acid R ester", "X-ic acid|R ester" */
		for (a = nv_alkyls; *a; a++)
		{
			size_t		al = strlen(*a);

			if (len <= al + 1 || memcmp(s, *a, al) != 0 || s[al] != ' ')
				continue;
			out_reset(&o);
			if (!ate_to_acid(&o, s + al + 1, len - al - 1))
				continue;
			out_put(&o, " ", 1);
			out_str(&o, *a);
			out_str(&o, " ester");
			set_add(set, &o, NV_RULE_ESTER);
			if (o.overflow || o.len < al + 7)
				continue;
			o.buf[o.len - al - 7] = '|';
			set_add(set, &o, NV_RULE_ESTER);
		}
	}
	/* "X-ic acid R ester" or "X-ic acid|R ester" -> "R X-ate" */
	if (ends_with(s, len, " ester"))
	{
		for (a = nv_alkyls; *a; a++)
		{
			size_t		al = strlen(*a);
			size_t		as;

			if (len < al + 8)
				continue;
			as = len - 6 - al;
			if (memcmp(s + as, *a, al) != 0 || !is_sep(s[as - 1]))
				continue;
			if (memchr(s, '|', as - 1) != NULL)
				continue;		/* still inverted: see rule_cas */
			out_reset(&o);
			out_str(&o, *a);
			out_put(&o, " ", 1);
			if (!acid_to_ate(&o, s, as - 1))
				continue;
			set_add(set, &o, NV_RULE_ESTER);
		}
	}
}

/* "X-ic acid" -> "X-ate": its salts ("sodium X-ate") and esters ("ethyl X-ate") */
static void
rule_anion(NvSet *set, const char *s, size_t len)
{
	NvOut		o;

	if (memchr(s, '|', len) != NULL)
		return;
	out_reset(&o);
	if (acid_to_ate(&o, s, len))
		set_add(set, &o, NV_RULE_ANION);
}

/* ------------------------------------------------------------------------
 * Closure
 * ------------------------------------------------------------------------ */
/*
 * The rules on the parts of set entry i (a leaf, another language's form or
 * a cation, gets none; nor does a name stripped of its stereo descriptors,
 * whose lost brackets the prefix rules would misread: "2 methylamino 1
 * phenylpropan 1 ol" is no "1 phenylamino 2 methyl...")
 */
static void
expand_entry(NvSet *set, int i)
{
	char		cur[NV_MAX_LEN + 1];
	size_t		cl = set->len[i];

	if ((set->rule[i] & NV_RULE_LEAF_BIT) ||
		set->rule[i] == NV_RULE_LANGUAGE || set->rule[i] == NV_RULE_FRENCH_ACID ||
		set->rule[i] == NV_RULE_CATION || set->rule[i] == NV_RULE_GERMAN ||
		set->rule[i] == NV_RULE_STEREO_NAME || set->rule[i] == NV_RULE_TRADE_ESTER ||
		set->rule[i] == NV_RULE_STEREO_PREFIX)
		return;
	memcpy(cur, set->text[i], cl);
	cur[cl] = '\0';
	rule_pairs(set, cur, cl);
	if (memchr(cur, '|', cl) == NULL)
	{
		rule_locant(set, cur, cl);
		rule_implied(set, cur, cl);
		rule_order(set, cur, cl);
	}
	rule_cas(set, cur, cl);
	rule_ester(set, cur, cl);
	rule_anion(set, cur, cl);
	/* the other languages' acid and anion of the name and its anion only */
	if (set->rule[i] == NV_RULE_NONE || set->rule[i] == NV_RULE_ANION)
		nv_rule_romance(set, cur, cl);
}

/* "ergometrine" -> "ergometrinine": a stereoisomer's own trivial name */
static void
rule_stereo_name(NvSet *set, const char *s, size_t len)
{
	size_t		i;
	NvOut		o;

	for (i = 0; i < nv_lengthof(nv_stereo_names); i++)
		if (strlen(nv_stereo_names[i].name) == len &&
			memcmp(s, nv_stereo_names[i].name, len) == 0)
		{
			out_reset(&o);
			out_str(&o, nv_stereo_names[i].variant);
			set_add(set, &o, NV_RULE_STEREO_NAME);
		}
}

/* Is word w (n bytes) one of the words of descriptor d? */
static bool
descriptor_has(const char *d, const char *w, size_t n)
{
	while (*d)
	{
		size_t		k = strcspn(d, " ");

		if (k == n && memcmp(d, w, n) == 0)
			return true;
		d += k;
		while (*d == ' ')
			d++;
	}
	return false;
}

bool
nv_stereo_name_excluded(const char *text, size_t len, const char *descriptor)
{
	size_t		i;

	for (i = 0; i < nv_lengthof(nv_stereo_names); i++)
	{
		const char *alt = nv_stereo_names[i].excluded;

		if (alt == NULL || strlen(nv_stereo_names[i].variant) != len ||
			memcmp(text, nv_stereo_names[i].variant, len) != 0)
			continue;
		while (*alt)
		{
			size_t		al = strcspn(alt, "|");
			size_t		p = 0;
			bool		all = true;

			while (p < al)
			{
				size_t		k = strcspn(alt + p, " |");

				if (k > 0 && !descriptor_has(descriptor, alt + p, k))
					all = false;
				p += k;
				if (p < al && alt[p] == ' ')
					p++;
			}
			if (all)
				return true;
			alt += al;
			if (*alt == '|')
				alt++;
		}
	}
	return false;
}

const char *
nv_stereo_name_descriptor(const char *text, size_t len)
{
	size_t		i;

	for (i = 0; i < nv_lengthof(nv_stereo_names); i++)
		if (strlen(nv_stereo_names[i].variant) == len &&
			memcmp(text, nv_stereo_names[i].variant, len) == 0)
			return nv_stereo_names[i].descriptor;
	return NULL;
}

/* "bmk" + "ethyl" -> "bmk ethyl glycidate" */
static void
trade_ester_variant(NvSet *set, const char *abbrev, size_t al, const char *alkyl)
{
	NvOut		o;

	out_reset(&o);
	out_put(&o, abbrev, al);
	out_put(&o, " ", 1);
	out_str(&o, alkyl);
	out_str(&o, NV_TRADE_ESTER_ANION);
	set_add(set, &o, NV_RULE_TRADE_ESTER);
}

/* "bmk glycidic acid" -> "bmk ethyl glycidate", ... */
static void
rule_trade_ester(NvSet *set, const char *s, size_t len)
{
	const char *sp = memchr(s, ' ', len);
	size_t		al;
	const char *const *k;

	if (sp == NULL)
		return;
	al = (size_t) (sp - s);
	if (!in_list(nv_trade_ester_abbrevs, s, al) ||
		len - al != strlen(NV_TRADE_ESTER_ACID) ||
		memcmp(sp, NV_TRADE_ESTER_ACID, len - al) != 0)
		return;
	for (k = nv_alkyls; *k; k++)
		trade_ester_variant(set, s, al, *k);
	/* the trade writes the straight chains "n-": "BMK n-butyl glycidate" */
	for (k = nv_trade_ester_normal_alkyls; *k; k++)
		trade_ester_variant(set, s, al, *k);
}

bool
nv_trade_ester_alcohol(const char *text, size_t len, char *buf, size_t bufsize)
{
	const char *sp = memchr(text, ' ', len);
	size_t		al = strlen(NV_TRADE_ESTER_ANION);
	size_t		n;

	if (sp == NULL || len < (size_t) (sp - text) + al + 2 ||
		!in_list(nv_trade_ester_abbrevs, text, (size_t) (sp - text)) ||
		memcmp(text + len - al, NV_TRADE_ESTER_ANION, al) != 0)
		return false;
	n = len - al - (size_t) (sp + 1 - text);
	if (n == 0 || n >= bufsize)
		return false;
	memcpy(buf, sp + 1, n);
	buf[n] = '\0';
	return true;
}

int
nv_variants_per_term(size_t nterms)
{
	size_t		k = nterms ? NV_BUDGET / nterms : NV_MAX_VARIANTS;

	if (k < 2)
		return 0;
	return k > NV_MAX_VARIANTS ? NV_MAX_VARIANTS : (int) k;
}

bool
nv_expand(const char *norm, size_t len, int max_variants, NvEmitFn emit,
		  void *arg)
{
	NvSet		set;
	NvOut		o;
	int			i;
	int			j;
	int			n0;

	if (len == 0 || len > NV_MAX_LEN || max_variants <= 0)
		return true;
	set.n = 0;
	out_reset(&o);
	out_put(&o, norm, len);
	set_add(&set, &o, NV_RULE_NONE);
	/* rules of the name as written only (not of its variants) */
	nv_rule_cation(&set, norm, len);
	nv_rule_french_acid(&set, norm, len);
	nv_rule_french_ester(&set, norm, len);
	nv_rule_stereo_clause(&set, norm, len);
	nv_rule_stereo_prefix(&set, norm, len);
	rule_stereo_name(&set, norm, len);
	rule_trade_ester(&set, norm, len);

	/*
	 * Breadth first (the set grows while we walk it), keeping room for the
	 * German forms of what is found first, then on until the set is full
	 */
	for (i = 0; i < set.n && set.n <= NV_MAX_VARIANTS - NV_GERMAN_ROOM; i++)
		expand_entry(&set, i);
	n0 = set.n;
	for (j = 0; j < n0 && set.n <= NV_MAX_VARIANTS; j++)
		if (set.rule[j] <= NV_RULE_ORDER && set.rule[j] != NV_RULE_ANION)
			nv_rule_german(&set, set.text[j], set.len[j]);
	for (; i < set.n && set.n <= NV_MAX_VARIANTS; i++)
		expand_entry(&set, i);
	for (i = 1; i < set.n && i <= max_variants; i++)
		if (!emit(set.text[i], set.len[i], (NvRule) (set.rule[i] & ~NV_RULE_LEAF_BIT), arg))
			return false;
	return true;
}

const char *
nv_rule_name(int rule)
{
	switch ((NvRule) rule)
	{
		case NV_RULE_NONE:
			return "";
		case NV_RULE_SYNONYM:
			return "equivalent substituent or parent name";
		case NV_RULE_INDICATED_H:
			return "indicated hydrogen";
		case NV_RULE_LOCANT:
			return "locant placement";
		case NV_RULE_IMPLIED_LOCANT:
			return "implied locant";
		case NV_RULE_CAS_INVERTED:
			return "CAS inverted index name";
		case NV_RULE_ESTER:
			return "ester name";
		case NV_RULE_ANION:
			return "acid named as its anion (salts, esters)";
		case NV_RULE_ORDER:
			return "order of substituent prefixes";
		case NV_RULE_LANGUAGE:
			return "acid, anion or ester in another language's form";
		case NV_RULE_STEREO_CLAUSE:
			return "CAS name without its stereo clause";
		case NV_RULE_CATION:
			return "cation or Latin name of a base (its salts)";
		case NV_RULE_FRENCH_ACID:
			return "French acid name";
		case NV_RULE_GERMAN:
			return "German spelling (-säure, -on, -in, words glued)";
		case NV_RULE_TRADE_ESTER:
			return "ester named the trade's way (BMK ethyl glycidate)";
		case NV_RULE_STEREO_NAME:
			return "stereoisomer named by a name of its own (ergometrinine, isolysergic acid)";
		case NV_RULE_STEREO_PREFIX:
			return "name without the stereo descriptors it opens with";
		case NV_RULE_COUNT:
			break;
	}
	return "unknown";
}
