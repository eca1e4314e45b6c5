/*
 * chemname_context.c
 *		What surrounds a mention found in a longer normalised text
 *		(chemname_context_form): stereo descriptors before it, salts,
 *		hydrates, purity after it, the alcohol or cation of an "-ate", CAS
 *		clauses (", ethyl ester", ", sodium salt"), and the look-alike rules
 *		that say the mention is only part of another compound's name
 *		(substituents before it, class words and functional suffixes after
 *		it, substituents after a CAS inverted parent).  No PostgreSQL here.
 */
#include "chemname_int.h"

#include <stdio.h>

/* ------------------------------------------------------------------------
 * Esters, salts and different compounds around a mention
 * ------------------------------------------------------------------------ */

/* A substituent prefix: "methyl", "phenylethyl", "chloro", "oxo", "methoxy", "boc" */
static bool
is_substituent(const char *norm, Tok t)
{
	size_t		n = t.e - t.s;

	if (tok_is(norm, t, "yl") || tok_is(norm, t, "boc") || tok_is(norm, t, "cbz") ||
		tok_is(norm, t, "fmoc") || tok_is(norm, t, "oxo"))
		return true;
	if (n < 3 || tok_in(norm, t, V_CATION | V_STEREO | V_GRADE | V_UNIT))
		return false;
	if (tok_ends(norm, t, "yl") || tok_ends(norm, t, "oxy") ||
		tok_ends(norm, t, "ylidene") || tok_ends(norm, t, "sulfone"))
		return true;
	/* prefixes in -o; not any word in -o ("prodotto", "puro") */
	if (tok_ends(norm, t, "o"))
	{
		static const char *const o_endings[] = {
			"chloro", "bromo", "fluoro", "iodo", "nitro", "nitroso", "amino",
			"imino", "cyano", "thio", "mercapto", "sulfo", "azido", "diazo",
			"ato", "lino", "dino", "pino", "amido", "hydrazino", "phospho",
			"formyl", NULL
		};
		const char *const *e;

		for (e = o_endings; *e; e++)
			if (tok_ends(norm, t, *e))
				return true;
	}
	return false;
}

/* A locant or multiplier: "4", "2-4", "n", "alpha", "o", "bis" */
static bool
is_locant(const char *norm, Tok t)
{
	return tok_numeric(norm, t) || tok_in(norm, t, V_POSITION) ||
		tok_is(norm, t, "bis") || tok_is(norm, t, "tris") ||
		tok_is(norm, t, "di") || tok_is(norm, t, "tri");
}

static void
set_other(ChemForm *form, const char *why, const char *norm, Tok t)
{
	form->flags |= CHEM_FORM_OTHER;
	snprintf(form->other, sizeof(form->other), "%s %.*s", why,
			 (int) (t.e - t.s), norm + t.s);
}

/*
 * The alcohol part of an ester named before an "-ate": "ethyl", "tert
 * butyl", "1 1 dimethylethyl".  Returns its first token in *first.
 */
static bool
alkyl_before(const char *norm, size_t start, Tok *first)
{
	Tok			t,
				p,
				pp;

	if (!tok_prev(norm, 0, start, true, &t) || !tok_in(norm, t, V_ESTER_ALKYL))
		return false;
	*first = t;
	if (tok_prev(norm, 0, t.s, true, &p))
	{
		if (tok_is(norm, p, "tert") || tok_is(norm, p, "sec") ||
			tok_is(norm, p, "t") || tok_is(norm, p, "iso") || tok_is(norm, p, "n"))
			*first = p;
		else if (tok_is(norm, t, "dimethylethyl") || tok_is(norm, p, "1"))
			;
		else if (tok_numeric(norm, p) && tok_prev(norm, 0, p.s, true, &pp) &&
				 tok_numeric(norm, pp))
			*first = pp;
	}
	return true;
}

/* "1 1 dimethylethyl": a locant-prefixed alkyl counts as one */
static bool
is_dimethylethyl(const char *norm, size_t start, Tok *first)
{
	Tok			t,
				p,
				pp;

	if (!tok_prev(norm, 0, start, true, &t) || !tok_is(norm, t, "dimethylethyl"))
		return false;
	if (tok_prev(norm, 0, t.s, true, &p) && tok_is(norm, p, "1") &&
		tok_prev(norm, 0, p.s, true, &pp) && tok_is(norm, pp, "1"))
	{
		*first = pp;
		return true;
	}
	return false;
}

/*
 * Before the mention: a substituent that makes it another compound
 * ("4-chloro-phenylacetic acid", "1-(2-phenylethyl)piperidine", "p-toluene
 * ..."), or the base of a salt of a listed acid ("... amine hydrogen
 * chloride").  The alcohol of an ester ("ethyl phenylacetate") is looked at
 * before this, by the caller.
 */
static void
other_before(const char *norm, size_t start, ChemForm *form)
{
	Tok			t1,
				t2;

	if (!tok_prev(norm, 0, start, true, &t1))
		return;
	if (tok_in(norm, t1, V_POSITION) && !tok_is(norm, t1, "n") &&
		!tok_is(norm, t1, "alpha") && !tok_is(norm, t1, "beta"))
	{
		set_other(form, "substituted:", norm, t1);
		return;
	}
	if (tok_is(norm, t1, "with") && tok_prev(norm, 0, t1.s, true, &t2) &&
		(tok_is(norm, t2, "acetal") || tok_is(norm, t2, "ketal") ||
		 tok_is(norm, t2, "compound") || tok_is(norm, t2, "adduct")))
	{
		set_other(form, "class word", norm, t2);
		return;
	}
	if (is_substituent(norm, t1))
	{
		set_other(form, "substituted:", norm, t1);
		return;
	}
	if (tok_ends(norm, t1, "amine") || tok_ends(norm, t1, "azine"))
	{
		set_other(form, "salt of a base:", norm, t1);
		return;
	}
	if (tok_numeric(norm, t1) && tok_prev(norm, 0, t1.s, true, &t2))
	{
		Tok			w = t2;
		int			nloc = 1;

		if (is_substituent(norm, t2))
		{
			set_other(form, "substituted:", norm, t2);
			return;
		}
		/* "spiro[isobenzofuran-1(3H),4'-piperidine]": locants of a fused or spiro name */
		while (is_locant(norm, w) || chem_is_locant_descriptor(norm, w) ||
			   (w.e - w.s <= 3 && norm[w.s] >= '0' && norm[w.s] <= '9'))
		{
			nloc++;
			if (!tok_prev(norm, 0, w.s, true, &w))
				return;
		}
		if (nloc >= 2 && w.e - w.s >= 5 && !tok_in(norm, w, V_UNIT | V_GRADE))
			set_other(form, "part of the ring name", norm, w);
	}
}

/*
 * Right after the mention: a class word ("cyanohydrin"), or a locant and a
 * functional suffix or substituent ("-4-carboxylic acid", "-4-sulfonylamino")
 */
static void
other_after(const char *norm, size_t len, size_t end, ChemForm *form)
{
	Tok			t;
	size_t		pos = end;
	bool		locants = false;

	while (tok_next(norm, len, pos, true, &t))
	{
		if (tok_numeric(norm, t) ||
			(tok_in(norm, t, V_POSITION) && t.e - t.s <= 1))
		{
			locants = true;
			pos = t.e;
			continue;
		}
		if (tok_in(norm, t, V_CLASS))
		{
			/* "one", "ol", "yl" only after a locant ("piperidine 3 ol") */
			if (locants || t.e - t.s > 3)
				set_other(form, "class word", norm, t);
		}
		else if (locants && !tok_in(norm, t, V_UNIT | V_GRADE | V_SALT | V_HYDRATE |
									 V_SOLUTION) &&
				 (is_substituent(norm, t) || tok_ends(norm, t, "ate") ||
				  tok_ends(norm, t, "ic") || tok_ends(norm, t, "amine") ||
				  tok_ends(norm, t, "amide") || tok_ends(norm, t, "ol") ||
				  tok_ends(norm, t, "one") ||
				  (t.e - t.s > 2 && memcmp(norm + t.s, "yl", 2) == 0)))
			set_other(form, "functional suffix", norm, t);
		return;
	}
}

/*
 * After a CAS inverted parent: ", ethyl ester", ", sodium salt", or
 * substituents (", m-butyl-", ", alpha-acetyl-": another compound).
 */
static void
cas_clause_after(const char *norm, size_t len, size_t end, ChemForm *form)
{
	size_t		pos = end;
	Tok			t;
	Tok			first = {0};
	Tok			last = {0};
	int			ntok = 0;
	bool		subst = false;
	bool		other_word = false;
	bool		locant = false;

	while (pos < len && norm[pos] == ' ')
		pos++;
	if (pos >= len || norm[pos] != '|')
		return;
	pos++;
	while (tok_next(norm, len, pos, true, &t))
	{
		if (ntok == 0)
			first = t;
		last = t;
		ntok++;
		if (is_substituent(norm, t))
			subst = true;
		else if (is_locant(norm, t))
			locant = true;
		else
			other_word = true;
		pos = t.e;
	}
	if (ntok == 0)
		return;
	if (tok_is(norm, last, "ester") && ntok >= 2)
	{
		form->flags |= CHEM_FORM_ESTER;
		chem_set_field(form->ester, sizeof(form->ester), norm, first.s,
				  last.s > first.s ? last.s - 1 : last.s);
		return;
	}
	if ((tok_is(norm, last, "salt") || tok_is(norm, last, "salz")) && ntok >= 2)
	{
		form->flags |= CHEM_FORM_SALT;
		chem_set_field(form->salt, sizeof(form->salt), norm, first.s, last.e);
		return;
	}
	if ((subst && !other_word) || (locant && is_substituent(norm, last)))
		set_other(form, "substituted:", norm, first);
	else if (ntok == 1 && tok_in(norm, last, V_CLASS) &&
			 !tok_in(norm, last, V_SOLVENT) && !tok_is(norm, last, "methanol") &&
			 (tok_ends(norm, last, "one") || tok_ends(norm, last, "ime") ||
			  tok_ends(norm, last, "ohydrin") || tok_ends(norm, last, "ine") ||
			  tok_ends(norm, last, "al")))
		set_other(form, "class word", norm, last);	/* "2-Butanone, oxime" */
}


void
chemname_context_form(const char *norm, size_t len, size_t start, size_t end,
					  ChemForm *form)
{
	Span		stereo = {0};
	Span		salt = {0};
	Span		purity = {0};
	Tok			t;
	Tok			p;
	size_t		pos;
	int			n;
	int			after_kind = 0;
	bool		ate_named = false;	/* the alcohol or cation of an "-ate" was found */

	chem_form_clear(form);
	if (start > end || end > len)
		return;

	/* before the mention: stereo descriptors, or "chlorhydrate de" */
	pos = start;
	for (n = 0; n < 6 && tok_prev(norm, 0, pos, true, &t); n++)
	{
		bool		has_p = tok_prev(norm, 0, t.s, true, &p);

		if (n == 0 && tok_in(norm, t, V_CONNECTOR) && has_p &&
			tok_in(norm, p, V_LEAD_SALT))
		{
			form->flags |= CHEM_FORM_SALT;
			span_add(&salt, p);
			break;
		}
		/* "methyl phenylacetate": an alkyl before an "-ate" mention */
		if (n == 0 && end - start > 3 && memcmp(norm + end - 3, "ate", 3) == 0)
		{
			Tok			first;

			if (is_dimethylethyl(norm, start, &first) ||
				alkyl_before(norm, start, &first))
			{
				form->flags |= CHEM_FORM_ESTER;
				chem_set_field(form->ester, sizeof(form->ester), norm, first.s, t.e);
				ate_named = true;
				break;
			}
			/* "sodium phenylacetate": a salt */
			if (tok_in(norm, t, V_CATION))
			{
				form->flags |= CHEM_FORM_SALT;
				span_add(&salt, t);
				ate_named = true;
				break;
			}
		}
		if (!chem_is_stereo(norm, t))
			break;

		/*
		 * Single letters are ambiguous in running text: "10 l acetone" is a
		 * quantity, "company s ephedrine" a possessive.
		 */
		if (t.e - t.s == 1 && has_p &&
			(tok_numeric(norm, p) || norm[t.s] == 's'))
		{
			if (!chem_is_stereo(norm, p))
				break;
		}
		form->flags |= CHEM_FORM_STEREO;
		span_add(&stereo, t);
		pos = t.s;
	}

	/* after the mention */
	pos = end;
	for (n = 0; n < 8 && tok_next(norm, len, pos, true, &t); n++)
	{
		Tok			nx;
		bool		has_nx = tok_next(norm, len, t.e, true, &nx);
		int			k;

		/* "ethyl acetate": the mention itself is the partner */
		p.s = start;
		p.e = end;
		if (n == 0)
		{
			Tok			last;

			if (tok_prev(norm, start, end, false, &last))
				p = last;
		}
		/* a number followed by a unit is a quantity, not a purity */
		if (tok_numeric(norm, t) && has_nx && tok_in(norm, nx, V_UNIT))
			break;
		/* "in water" after the mention */
		if (tok_is(norm, t, "in") && has_nx && tok_in(norm, nx, V_SOLVENT))
		{
			form->flags |= CHEM_FORM_SOLUTION;
			pos = nx.e;
			after_kind = CHEM_FORM_SOLUTION;
			continue;
		}
		/* "methyl ester" after the mention */
		if (tok_in(norm, t, V_ESTER_ALKYL) && has_nx && tok_is(norm, nx, "ester"))
		{
			form->flags |= CHEM_FORM_ESTER;
			chem_set_field(form->ester, sizeof(form->ester), norm, t.s, t.e);
			pos = nx.e;
			after_kind = CHEM_FORM_ESTER;
			continue;
		}
		/* "sodium salt" */
		if (tok_in(norm, t, V_CATION) && has_nx &&
			(tok_is(norm, nx, "salt") || tok_is(norm, nx, "salz")))
		{
			form->flags |= CHEM_FORM_SALT;
			span_add(&salt, t);
			span_add(&salt, nx);
			pos = nx.e;
			after_kind = CHEM_FORM_SALT;
			continue;
		}
		k = chem_classify_trailing(norm, t, n == 0 ? &p : NULL, after_kind, false);
		if (k < 0 || (k & TRAIL_CONSUME2))
			break;
		if (k == TRAIL_PURITY)
			span_add(&purity, t);
		else
		{
			form->flags |= (uint32_t) k;
			if (k == CHEM_FORM_SALT)
				span_add(&salt, t);
		}
		after_kind = k;
		pos = t.e;
	}

	/* "anthranilate esters": an ester of the acid, alcohol not named */
	if (!ate_named && end - start > 3 && memcmp(norm + end - 3, "ate", 3) == 0 &&
		tok_next(norm, len, end, true, &t) &&
		(tok_is(norm, t, "ester") || tok_is(norm, t, "esters")))
	{
		form->flags |= CHEM_FORM_ESTER;
		ate_named = true;
	}

	/* a different compound whose name contains the mention */
	if (!ate_named)
		other_before(norm, start, form);
	if (!(form->flags & CHEM_FORM_OTHER))
		other_after(norm, len, end, form);
	if (!(form->flags & (CHEM_FORM_OTHER | CHEM_FORM_ESTER | CHEM_FORM_SALT)))
		cas_clause_after(norm, len, end, form);

	chem_form_set_spans(form, norm, &stereo, &salt, &purity);
}
