/*
 * chemname.c
 *		Whole chemical names: strip a normalised name to its base
 *		(chemname_strip: stereo descriptors, salts, hydrates, esters, purity,
 *		grade and solution), classify one trailing token for both callers,
 *		and label a form.  No PostgreSQL here.
 *
 * Everything works on tokens of normalised text (normalize.h): runs of
 * bytes between ' ' and '|'.  '-' stays inside a token, so "99-100" and
 * "103-79-7" are one token each.  The words come from chemname_words.c;
 * what surrounds a hit inside a longer text is chemname_context.c.
 */
#include "chemname_int.h"

#include <stdio.h>

/* ------------------------------------------------------------------------
 * Recording what was found
 * ------------------------------------------------------------------------ */
void
chem_form_clear(ChemForm *form)
{
	memset(form, 0, sizeof(*form));
}

/* Copy norm[s, e) into a field, cut at a token boundary if it is too long */
void
chem_set_field(char *dst, size_t dstlen, const char *norm, size_t s, size_t e)
{
	size_t		n = e - s;

	if (n >= dstlen)
	{
		n = dstlen - 1;
		while (n > 0 && norm[s + n] != ' ' && norm[s + n] != '|')
			n--;
	}
	memcpy(dst, norm + s, n);
	dst[n] = '\0';
	/* never keep a clause mark inside a field */
	for (s = 0; s < n; s++)
		if (dst[s] == '|')
			dst[s] = ' ';
}

/* The stereo, salt and purity fields from the spans found */
void
chem_form_set_spans(ChemForm *form, const char *norm, const Span *stereo,
					const Span *salt, const Span *purity)
{
	if (stereo->set)
		chem_set_field(form->stereo, sizeof(form->stereo), norm, stereo->s, stereo->e);
	if (salt->set)
		chem_set_field(form->salt, sizeof(form->salt), norm, salt->s, salt->e);
	if (purity->set)
		chem_set_field(form->purity, sizeof(form->purity), norm, purity->s, purity->e);
}

/*
 * Classify one trailing token.  'after' is the token stripped just before
 * (the one that followed t in the text), or NULL.  Returns the CHEM_FORM
 * flag to set (0x100 for purity without a flag), or -1 if t is not
 * strippable.  'prev' is the token before t (for the anion guard), if any.
 */

int
chem_classify_trailing(const char *norm, Tok t, const Tok *prev, int after_kind,
					   bool whole_name)
{
	uint32_t	v = chem_tok_vocab(norm, t);	/* one look-up for all the lists */

	if (v & V_SALT)
	{
		if (prev && tok_in(norm, *prev, V_ANION_PARTNER) &&
			!tok_is(norm, t, "salt") && !tok_is(norm, t, "salz") &&
			!tok_is(norm, t, "sel") && !tok_is(norm, t, "sal"))
			return -1;			/* "ethyl acetate", "sodium sulfate" */
		return CHEM_FORM_SALT;
	}
	if (after_kind == CHEM_FORM_SALT && (v & V_CATION))
		return CHEM_FORM_SALT;	/* "sodium salt" */
	if (v & V_HYDRATE)
		return CHEM_FORM_HYDRATE;
	if ((v & V_ESTER_WORD) || chem_is_glued_ester(norm, t))
		return CHEM_FORM_ESTER;
	if (tok_is(norm, t, "ester") && prev && tok_in(norm, *prev, V_ESTER_ALKYL))
		return CHEM_FORM_ESTER | TRAIL_CONSUME2;
	if (v & V_SOLUTION)
		return CHEM_FORM_SOLUTION;
	if ((v & V_SOLVENT) && prev && tok_is(norm, *prev, "in"))
		return CHEM_FORM_SOLUTION | TRAIL_CONSUME2;
	if (v & V_GRADE)
		return TRAIL_PURITY;
	/* "for synthesis", "for analysis" */
	if (tok_is(norm, t, "for") && after_kind == TRAIL_PURITY)
		return TRAIL_PURITY;
	if (tok_numeric(norm, t))
	{
		if (whole_name || tok_value(norm, t) <= 100)
			return TRAIL_PURITY;
	}
	return -1;
}

/* ------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------ */
void
chemname_strip(const char *norm, size_t len, size_t *base_start,
			   size_t *base_end, ChemForm *form)
{
	size_t		bs = 0;
	size_t		be = len;
	Span		stereo = {0};
	Span		salt = {0};
	Span		purity = {0};
	Tok			t;
	Tok			t2;
	Tok			t3;
	int			after_kind = 0;

	chem_form_clear(form);

	/* leading: stereo descriptors and "chlorhydrate de ..." */
	while (tok_next(norm, be, bs, false, &t))
	{
		if (tok_in(norm, t, V_LEAD_SALT) &&
			tok_next(norm, be, t.e, false, &t2) &&
			tok_in(norm, t2, V_CONNECTOR) &&
			tok_next(norm, be, t2.e, false, &t3))
		{
			form->flags |= CHEM_FORM_SALT;
			if (!salt.set)
				span_add(&salt, t);
			bs = t2.e;
			continue;
		}
		/* "chlorowodorek efedryny": no connector before a genitive */
		if (tok_in(norm, t, V_LEAD_SALT_BARE) &&
			tok_next(norm, be, t.e, false, &t2))
		{
			form->flags |= CHEM_FORM_SALT;
			if (!salt.set)
				span_add(&salt, t);
			bs = t.e;
			continue;
		}
		if (chem_is_stereo(norm, t) && tok_next(norm, be, t.e, false, &t2))
		{
			form->flags |= CHEM_FORM_STEREO;
			span_add(&stereo, t);
			bs = t.e;
			continue;
		}
		break;
	}

	/* trailing: salts, hydrates, esters, purity, grade, solution */
	while (tok_prev(norm, bs, be, false, &t))
	{
		Tok			p;
		bool		has_prev = tok_prev(norm, bs, t.s, false, &p);
		int			k;

		if (!has_prev)
			break;				/* keep at least one token */
		k = chem_classify_trailing(norm, t, &p, after_kind, true);
		if (k < 0)
			break;
		if (k & TRAIL_CONSUME2)
		{
			Tok			pp;

			if (!tok_prev(norm, bs, p.s, false, &pp))
				break;			/* "ethyl ester" alone: leave it */
			k &= ~TRAIL_CONSUME2;
			t.s = p.s;
		}
		if (k == TRAIL_PURITY)
			span_add(&purity, t);
		else
		{
			form->flags |= (uint32_t) k;
			if (k == CHEM_FORM_SALT)
			{
				/* a leading salt wins; else collect the trailing ones */
				if (!(salt.set && salt.s < bs))
					span_add(&salt, t);
			}
		}
		after_kind = k;
		be = t.s;
	}

	/* trim separators around the base */
	while (bs < be && (norm[bs] == ' ' || norm[bs] == '|'))
		bs++;
	while (be > bs && (norm[be - 1] == ' ' || norm[be - 1] == '|'))
		be--;
	if (bs >= be)
	{
		bs = 0;
		be = len;
	}
	*base_start = bs;
	*base_end = be;
	chem_form_set_spans(form, norm, &stereo, &salt, &purity);
}
const char *
chemname_form_label(uint32_t flags, char *buf, size_t buflen)
{
	static const struct
	{
		uint32_t	flag;
		const char *name;
	}			parts[] = {
		{CHEM_FORM_SALT, "salt"},
		{CHEM_FORM_STEREO, "stereoisomer"},
		{CHEM_FORM_HYDRATE, "hydrate"},
		{CHEM_FORM_ESTER, "ester"},
		{CHEM_FORM_SOLUTION, "solution"},
		{CHEM_FORM_OTHER, "other compound"},
	};
	size_t		used = 0;
	size_t		i;

	if (buflen == 0)
		return buf;
	buf[0] = '\0';
	for (i = 0; i < sizeof(parts) / sizeof(parts[0]); i++)
	{
		if (flags & parts[i].flag)
		{
			size_t		need = strlen(parts[i].name) + (used ? 1 : 0);

			/* whole parts only: a cut label would be misleading */
			if (used + need >= buflen)
				break;
			snprintf(buf + used, buflen - used, "%s%s", used ? "+" : "",
					 parts[i].name);
			used += need;
		}
	}
	if (used == 0)
		snprintf(buf, buflen, "base");
	return buf;
}
