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
		tok_ends(norm, t, "ylidene") || tok_ends(norm, t, "methylene") || tok_ends(norm, t, "sulfone"))
		return true;
	/* prefixes in -o; not any word in -o ("prodotto", "puro") */
	if (tok_ends(norm, t, "o"))
	{
		static const char *const o_endings[] = {
			"chloro", "bromo", "fluoro", "iodo", "nitro", "nitroso", "amino",
			"imino", "cyano", "thio", "mercapto", "sulfo", "azido", "diazo",
			"ato", "lino", "dino", "pino", "amido", "hydrazino", "hydrazono",
			"phospho",
			"formyl", NULL
		};
		const char *const *e;

		for (e = o_endings; *e; e++)
			if (tok_ends(norm, t, *e))
				return true;
	}
	return false;
}

/*
 * Endings of class words that name a derivative whatever comes before them:
 * "methylhydrazone", "thiosemicarbazide", "chlorohydrin", "monoamide"
 */
static bool
is_class_ending(const char *norm, Tok t)
{
	static const char *const class_endings[] = {
		"hydrazone", "hydrazide", "carbazone", "carbazide", "oxime", "hydrin",
		"amide", "ketal", "acetal", "ylidyne", "diazonium", NULL
	};
	const char *const *e;

	if (t.e - t.s < 5)
		return false;
	for (e = class_endings; *e; e++)
		if (tok_ends(norm, t, *e))
			return true;
	return false;
}

/* "-d10", "-d5": a deuterium-labelled compound ("diethyl ether-d10") */
static bool
is_isotope_label(const char *norm, Tok t)
{
	size_t		i;

	if (t.e - t.s < 2 || t.e - t.s > 3 || norm[t.s] != 'd')
		return false;
	for (i = t.s + 1; i < t.e; i++)
		if (norm[i] < '0' || norm[i] > '9')
			return false;
	return true;
}

/*
 * A resin, polymer, condensation product or impurity of the mention, with
 * at most two chemical words between ("acetone-formaldehyde resin", "toluene
 * diisocyanate prepolymer", "ergotamine tartrate impurity D")
 */
static bool
polymer_within(const char *norm, size_t len, Tok t)
{
	static const char *const polymer_words[] = {
		"resin", "resins", "polymer", "polymers", "copolymer", "homopolymer",
		"prepolymer", "condensate", "condensation", "polycondensate",
		"impurity", "impurities", "complex", "adduct", NULL
	};
	static const char *const chemical_endings[] = {
		"aldehyde", "ol", "ene", "one", "ine", "ide", "yl", "ic", "ate", NULL
	};
	int			k;

	for (k = 0; k < 3; k++)
	{
		const char *const *w;
		bool		chem = false;

		for (w = polymer_words; *w; w++)
			if (tok_eq(norm, t, *w, strlen(*w)))
				return true;
		for (w = chemical_endings; *w && !chem; w++)
			chem = tok_ends(norm, t, *w) && t.e - t.s > 4;
		/* element names: "boron trifluoride diethyl ether complex" */
		chem = chem || tok_is(norm, t, "boron") || tok_is(norm, t, "zinc") ||
			tok_is(norm, t, "copper") || tok_is(norm, t, "tin");
		if (!chem || !tok_next(norm, len, t.e, true, &t))
			return false;
	}
	return false;
}

/* An enzyme named after its substrate: "toluene dioxygenase" */
static bool
is_enzyme(const char *norm, Tok t)
{
	static const char *const enzyme_endings[] = {
		"genase", "oxidase", "reductase", "synthase", "transferase",
		"hydrolase", "isomerase", "ligase", "kinase", "esterase", "lyase",
		"dehydratase", "decarboxylase", "oxygenase", NULL
	};
	const char *const *e;

	if (t.e - t.s < 6)
		return false;
	for (e = enzyme_endings; *e; e++)
		if (tok_ends(norm, t, *e))
			return true;
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

/* Does the mention [start, end) end with suffix? */
static bool
mention_ends(const char *norm, size_t start, size_t end, const char *suffix)
{
	size_t		n = strlen(suffix);

	return end - start > n && memcmp(norm + end - n, suffix, n) == 0;
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

	if (!tok_prev(norm, 0, start, true, &t))
		return false;
	/* "ethyl alpha-phenylacetate": the alpha locant belongs to the anion */
	if ((tok_is(norm, t, "alpha") || tok_is(norm, t, "a")) &&
		!tok_prev(norm, 0, t.s, true, &t))
		return false;
	/* the systematic name of a branched alkyl: "propan-2-yl", "butan-2-yl" */
	if (tok_is(norm, t, "yl") && tok_prev(norm, 0, t.s, true, &p) &&
		tok_numeric(norm, p) && tok_prev(norm, 0, p.s, true, &pp) &&
		(tok_is(norm, pp, "propan") || tok_is(norm, pp, "butan") ||
		 tok_is(norm, pp, "methylpropan") || tok_is(norm, pp, "pentan")))
	{
		*first = pp;
		return true;
	}
	if (!tok_in(norm, t, V_ESTER_ALKYL))
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
 * "aniline;sulfuric acid", "N-(...)guanidine; sulfuric acid": a whole name
 * that is a base, then the acid as the last clause (PubChem's way of naming
 * a salt by its components).  Only for a whole two-clause name, so that a
 * goods list "piperidine; sulfuric acid 20 l" keeps its acid.
 */
static void
salt_of_base_before(const char *norm, size_t len, size_t start, size_t end,
					ChemForm *form)
{
	Tok			base;
	Tok			t;
	size_t		pos = start;

	if (!mention_ends(norm, start, end, "acid") || tok_next(norm, len, end, false, &t))
		return;
	while (pos > 0 && norm[pos - 1] == ' ')
		pos--;
	if (pos == 0 || norm[pos - 1] != '|')
		return;
	if (!tok_prev(norm, 0, pos - 1, true, &base))
		return;
	/* the base clause must start the text and name an amine */
	for (pos = base.s; pos > 0; pos--)
		if (norm[pos - 1] == '|')
			return;
	for (pos = 0; tok_next(norm, base.e, pos, true, &t); pos = t.e)
		if (tok_ends(norm, t, "ine") || tok_ends(norm, t, "amino") ||
			tok_ends(norm, t, "anilino"))
		{
			set_other(form, "salt of a base:", norm, t);
			return;
		}
}

/*
 * Before the mention: a substituent that makes it another compound
 * ("4-chloro-phenylacetic acid", "1-(2-phenylethyl)piperidine", "p-toluene
 * ..."), or the base of a salt of a listed acid ("... amine hydrogen
 * chloride").  The alcohol of an ester ("ethyl phenylacetate") is looked at
 * before this, by the caller.
 */
static void
other_before(const char *norm, size_t len, size_t start, size_t end,
			 ChemForm *form)
{
	Tok			t1,
				t2,
				m;
	int			k;

	if (!tok_prev(norm, 0, start, true, &t1))
	{
		salt_of_base_before(norm, len, start, end, form);
		return;
	}
	/* "2-(1-piperidino)phenol": the name used as a substituent prefix */
	if (mention_ends(norm, start, end, "ino") &&
		tok_next(norm, len, end, true, &m))
	{
		set_other(form, "substituent prefix before", norm, m);
		return;
	}
	/* "X, salt with hydrochloric acid": the acid is X's counter-ion */
	if ((tok_is(norm, t1, "with") || tok_is(norm, t1, "mit")) &&
		tok_prev(norm, 0, t1.s, true, &m) &&
		(tok_is(norm, m, "salt") || tok_is(norm, m, "salz")))
	{
		set_other(form, "counter-ion of a salt:", norm, m);
		return;
	}
	/* "benzoic acetic anhydride": a mixed anhydride */
	if (tok_ends(norm, t1, "ic") && t1.e - t1.s > 4 &&
		mention_ends(norm, start, end, "anhydride"))
	{
		set_other(form, "mixed anhydride with", norm, t1);
		return;
	}
	/*
	 * "ethylene glycol diethyl ether", "resorcinol diethyl ether",
	 * "cellulose ethyl ether": an ether of another alcohol or a sugar
	 */
	if (tok_next(norm, end, start, true, &m) &&
		(tok_is(norm, m, "diethyl") || tok_is(norm, m, "ethyl") ||
		 tok_is(norm, m, "dimethyl") || tok_is(norm, m, "aethyl")) &&
		((tok_ends(norm, t1, "ol") && t1.e - t1.s >= 5) || tok_is(norm, t1, "glycol") ||
		 (tok_ends(norm, t1, "ose") && t1.e - t1.s >= 6) || tok_is(norm, t1, "starch") ||
		 (tok_ends(norm, t1, "quinone") && t1.e - t1.s >= 7)))
	{
		set_other(form, "ether of", norm, t1);
		return;
	}
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
	/* "4-amino-N-methyl benzene...": an N locant after another substituent */
	if (tok_is(norm, t1, "n") && tok_prev(norm, 0, t1.s, true, &t2) &&
		is_substituent(norm, t2))
	{
		set_other(form, "substituted:", norm, t2);
		return;
	}
	/*
	 * "peróxido de metiletilcetona", "oxime d'acétone": a class word before
	 * the parent, with a connector (not an anhydride: "anhídrido de ácido
	 * acético" names the anhydride itself)
	 */
	t2 = t1;
	for (k = 0; k < 3 && tok_in(norm, t2, V_CONNECTOR) &&
		 tok_prev(norm, 0, t2.s, true, &m); k++)
		t2 = m;					/* "diéthylamide de l'acide lysergique" */
	if (k > 0 && tok_in(norm, t2, V_CLASS) && t2.e - t2.s > 4 &&
		!tok_is(norm, t2, "anhydride") && !tok_is(norm, t2, "anhidrido") &&
		!tok_is(norm, t2, "anhydrid") && !tok_is(norm, t2, "anhidrid"))
	{
		set_other(form, "class word", norm, t2);
		return;
	}
	/* "anhidrid sumporne kiseline", "anhydrid kyseliny": the anhydride */
	if (tok_is(norm, t1, "anhidrid") || tok_is(norm, t1, "anhydrid"))
	{
		set_other(form, "class word", norm, t1);
		return;
	}
	if (tok_ends(norm, t1, "amine") || tok_ends(norm, t1, "azine") ||
		(tok_ends(norm, t1, "ine") && mention_ends(norm, start, end, "acid")))
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
other_after(const char *norm, size_t len, size_t start, size_t end,
			ChemForm *form)
{
	Tok			t;
	Tok			nx;
	size_t		pos = end;
	bool		locants = false;
	int			nmod = 0;

	/* "acetic anhydride with phosphoric acid", "X compound with Y" */
	if (tok_next(norm, len, end, true, &t) &&
		((tok_is(norm, t, "with") && mention_ends(norm, start, end, "anhydride")) ||
		 ((tok_is(norm, t, "compound") || tok_is(norm, t, "compd")) &&
		  tok_next(norm, len, t.e, true, &nx) && tok_is(norm, nx, "with"))))
	{
		set_other(form, "mixed anhydride or compound:", norm, t);
		return;
	}
	if (mention_ends(norm, start, end, "acid") && tok_next(norm, len, end, true, &t))
	{
		static const char *const halides[] = {
			"chloride", "bromide", "fluoride", "iodide", "chlorid", "bromid",
			NULL
		};
		const char *const *h;
		bool		ratio = true;

		/* "phenylacetic acid chloride": the acid halide */
		for (h = halides; *h; h++)
			if (tok_eq(norm, t, *h, strlen(*h)))
			{
				set_other(form, "acid halide:", norm, t);
				return;
			}
		/* "Sulfuric acid--aniline (1/1)": the salt of a base, by components */
		if (t.e - t.s > 4 && (tok_ends(norm, t, "ine") || tok_ends(norm, t, "amine")))
		{
			size_t		p2 = t.e;
			int			nnum = 0;

			while (tok_next(norm, len, p2, true, &nx))
			{
				ratio &= tok_numeric(norm, nx);
				nnum++;
				p2 = nx.e;
			}
			if (ratio && nnum == 2)
			{
				set_other(form, "salt of a base:", norm, t);
				return;
			}
		}
	}
	while (tok_next(norm, len, pos, true, &t))
	{
		/* "ethylene ketal", "dimethyl acetal", "methyl enol ether" */
		if (nmod < 2 && !locants && tok_in(norm, t, V_CLASS_MODIFIER) &&
			tok_next(norm, len, t.e, true, &nx) &&
			(tok_in(norm, nx, V_CLASS | V_CLASS_MODIFIER) || tok_is(norm, nx, "ether")))
		{
			nmod++;
			pos = t.e;
			continue;
		}
		if (nmod > 0 && tok_is(norm, t, "ether"))
		{
			set_other(form, "class word", norm, t);
			return;
		}
		if (is_enzyme(norm, t))
		{
			set_other(form, "enzyme:", norm, t);
			return;
		}
		if (tok_numeric(norm, t) ||
			(tok_in(norm, t, V_POSITION) && t.e - t.s <= 1) ||
			tok_is(norm, t, "alpha") || tok_is(norm, t, "beta") ||
			(locants && (tok_is(norm, t, "bis") || tok_is(norm, t, "tris") ||
						 tok_is(norm, t, "di") || tok_is(norm, t, "tri"))))
		{
			locants = true;
			pos = t.e;
			continue;
		}
		if (tok_in(norm, t, V_CLASS) || is_class_ending(norm, t))
		{
			/* "one", "ol", "yl" only after a locant ("piperidine 3 ol") */
			if (locants || t.e - t.s > 3)
				set_other(form, "class word", norm, t);
		}
		else if (!locants && nmod == 0 && polymer_within(norm, len, t))
			set_other(form, "polymer or product of", norm, t);
		else if (!locants && nmod == 0 && is_isotope_label(norm, t))
			set_other(form, "isotope-labelled:", norm, t);
		else if (!locants && nmod == 0 && tok_is(norm, t, "of") &&
				 mention_ends(norm, start, end, "ether"))
			set_other(form, "ether of another alcohol:", norm, t);
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
cas_clause_after(const char *norm, size_t len, size_t end, ChemForm *form,
				 Span *stereo)
{
	size_t		pos = end;
	Tok			t;
	Tok			first = {0};
	Tok			last = {0};
	int			ntok = 0;
	bool		subst = false;
	bool		other_word = false;
	bool		locant = false;
	bool		all_stereo = true;
	bool		all_salt = true;	/* salt words, cations and ratios only */
	bool		first_clause = true;
	bool		clause_subst = false;	/* the first clause: substituents ... */
	bool		clause_other = false;	/* ... and nothing but locants */
	Tok			named = {0};	/* the last token that is not a number */
	Tok			second = {0};

	while (pos < len && norm[pos] == ' ')
		pos++;
	if (pos >= len || norm[pos] != '|')
		return;
	pos++;
	while (tok_next(norm, len, pos, true, &t))
	{
		if (ntok == 0)
			first = t;
		if (ntok == 1)
			second = t;
		last = t;
		ntok++;
		if (!tok_numeric(norm, t))
			named = t;
		if (!chem_is_stereo(norm, t))
			all_stereo = false;
		if (!tok_numeric(norm, t) && !tok_in(norm, t, V_SALT | V_CATION))
			all_salt = false;
		if (ntok > 1 && memchr(norm + pos, '|', t.s - pos) != NULL)
			first_clause = false;
		if (is_substituent(norm, t))
		{
			subst = true;
			clause_subst |= first_clause;
		}
		else if (is_locant(norm, t) || tok_is(norm, t, "a"))
			locant = true;	/* "a" stands for alpha in typed CAS names */
		else
		{
			other_word = true;
			clause_other |= first_clause;
		}
		pos = t.e;
	}
	if (ntok == 0)
		return;
	/* ", 4-chloro-, ethyl ester": the ester of a substituted acid */
	if (clause_subst && !clause_other && !first_clause)
	{
		set_other(form, "substituted:", norm, first);
		return;
	}
	if ((tok_is(norm, last, "ester") || tok_is(norm, last, "esters")) && ntok >= 2)
	{
		form->flags |= CHEM_FORM_ESTER;
		chem_set_field(form->ester, sizeof(form->ester), norm, first.s,
				  last.s > first.s ? last.s - 1 : last.s);
		return;
	}
	/* ", (alphaR)-", ", (8beta)-": stereo descriptors of the whole name */
	if (all_stereo)
	{
		form->flags |= CHEM_FORM_STEREO;
		span_add(stereo, first);
		span_add(stereo, last);
		return;
	}
	/* ", salt with hydrochloric acid (1:1)": the acid is the counter-ion */
	if (ntok >= 3 && (tok_is(norm, first, "salt") || tok_is(norm, first, "salz")) &&
		(tok_is(norm, second, "with") || tok_is(norm, second, "mit")))
	{
		form->flags |= CHEM_FORM_SALT;
		chem_set_field(form->salt, sizeof(form->salt), norm, first.s, last.e);
		return;
	}
	/* ", hydrochloride (1:1)", ", Natriumsalz", ", sodium salt (1:1)" */
	if ((all_salt && tok_in(norm, first, V_SALT)) ||
		((tok_is(norm, named, "salt") || tok_is(norm, named, "salz")) && ntok >= 2))
	{
		form->flags |= CHEM_FORM_SALT;
		chem_set_field(form->salt, sizeof(form->salt), norm, first.s, last.e);
		return;
	}
	/* "Benzeneacetic acid, alpha-(acetylhydrazono)-, hydrazide" too */
	if ((subst && !other_word) || (clause_subst && !clause_other) ||
		(locant && is_substituent(norm, last)))
		set_other(form, "substituted:", norm, first);
	else if (ntok == 1 && tok_in(norm, last, V_CLASS) &&
			 !tok_in(norm, last, V_SOLVENT) && !tok_is(norm, last, "methanol") &&
			 (tok_ends(norm, last, "one") || tok_ends(norm, last, "ime") ||
			  tok_ends(norm, last, "ohydrin") || tok_ends(norm, last, "ine") ||
			  tok_ends(norm, last, "al")))
		set_other(form, "class word", norm, last);	/* "2-Butanone, oxime" */
}


/* What the before- and after-scans of one mention found */
typedef struct Around
{
	Span		stereo;
	Span		salt;
	Span		purity;
	bool		ate_named;		/* the alcohol or cation of an "-ate" was found */
	bool		named_after;	/* an ester or salt clause follows the mention */
} Around;

/*
 * "salts of ephedrine", "esters of the phenylacetic acid", "Ester der
 * Phenylessigsäure", "chlorhydrate d'éphédrine": a lead salt or ester word,
 * then one to three connectors and articles, then the mention.
 */
static bool
lead_word_before(const char *norm, size_t start, ChemForm *form, Around *a)
{
	Tok			t;
	size_t		pos = start;
	int			nconn = 0;

	while (tok_prev(norm, 0, pos, true, &t) && tok_in(norm, t, V_CONNECTOR) &&
		   nconn < 3)
	{
		nconn++;
		pos = t.s;
	}
	if (!tok_prev(norm, 0, pos, true, &t))
		return false;
	/* "ester éthylique de l'acide phénylacétique": the alcohol in between */
	if (nconn > 0 && tok_in(norm, t, V_ALKYL_ADJECTIVE))
	{
		Tok			e;

		if (tok_prev(norm, 0, t.s, true, &e) && tok_in(norm, e, V_LEAD_ESTER))
		{
			form->flags |= CHEM_FORM_ESTER;
			chem_set_field(form->ester, sizeof(form->ester), norm, t.s, t.e);
			a->ate_named = true;
			return true;
		}
	}
	/*
	 * "estery kyseliny fenyloctové", "chlorowodorek efedryny": Slavic
	 * languages need no connector
	 */
	if (nconn == 0 && !tok_in(norm, t, V_LEAD_ESTER | V_LEAD_SALT_BARE))
		return false;
	if (tok_in(norm, t, V_LEAD_SALT | V_LEAD_SALT_BARE))
	{
		form->flags |= CHEM_FORM_SALT;
		span_add(&a->salt, t);
		return true;
	}
	if (tok_in(norm, t, V_LEAD_ESTER))
	{
		form->flags |= CHEM_FORM_ESTER;
		a->ate_named = true;	/* the ester's alcohol is not another substituent */
		return true;
	}
	return false;
}

/* Before the mention: stereo descriptors, a lead salt or ester word, or the
 * alcohol or cation of an "-ate" mention */
static void
form_before(const char *norm, size_t start, size_t end, ChemForm *form,
			Around *a)
{
	Tok			t;
	Tok			p;
	size_t		pos = start;
	int			n;

	if (lead_word_before(norm, start, form, a))
		return;
	for (n = 0; n < 6 && tok_prev(norm, 0, pos, true, &t); n++)
	{
		bool		has_p = tok_prev(norm, 0, t.s, true, &p);

		/*
		 * "methyl phenylacetate": an alkyl before an "-ate" mention (German
		 * and Scandinavian "-at": "Natrium phenylacetat")
		 */
		if (n == 0 && (mention_ends(norm, start, end, "ate") ||
					   mention_ends(norm, start, end, "at")))
		{
			Tok			first;

			if (is_dimethylethyl(norm, start, &first) ||
				alkyl_before(norm, start, &first))
			{
				form->flags |= CHEM_FORM_ESTER;
				chem_set_field(form->ester, sizeof(form->ester), norm, first.s, t.e);
				a->ate_named = true;
				break;
			}
			/* "sodium phenylacetate": a salt */
			if (tok_in(norm, t, V_CATION))
			{
				form->flags |= CHEM_FORM_SALT;
				span_add(&a->salt, t);
				a->ate_named = true;
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
		span_add(&a->stereo, t);
		pos = t.s;
	}
}

/*
 * A two- to four-token form right after the mention, at *t (next token *nx):
 * "as hydrochloride", "hydrogen sulfate", "de sodium", "de méthyle",
 * "mono(2-ethylhexyl) ester", "1-methylethyl ester", "esters".  Returns the
 * end of what it consumed, or 0.
 */
static size_t
after_pair(const char *norm, size_t len, Tok t, ChemForm *form, Around *a,
		   int *after_kind)
{
	Tok			nx;
	Tok			w;
	size_t		pos;
	int			k;

	/* "... acid esters", "fenüüläädikhappe estrid", "Fenil-ecetsav észterei" */
	if (tok_in(norm, t, V_LEAD_ESTER))
	{
		form->flags |= CHEM_FORM_ESTER;
		*after_kind = CHEM_FORM_ESTER;
		return t.e;
	}
	if (!tok_next(norm, len, t.e, true, &nx))
		return 0;
	/* "väävelhappe ja süsihappe estrid": esters of a list of acids */
	if (tok_in(norm, t, V_CONJUNCTION))
	{
		w = nx;
		for (k = 0; k < 3; k++)
		{
			if (tok_in(norm, w, V_LEAD_ESTER) && k > 0)
			{
				form->flags |= CHEM_FORM_ESTER;
				*after_kind = CHEM_FORM_ESTER;
				return w.e;
			}
			if (tok_numeric(norm, w) || !tok_next(norm, len, w.e, true, &w))
				break;
		}
	}
	/* "(as hydrochloride)", "als Hydrochlorid"; "hydrogen sulfate"; "D-tartrate" */
	if ((tok_is(norm, t, "as") || tok_is(norm, t, "als") ||
		 tok_is(norm, t, "hydrogen") || tok_is(norm, t, "d") ||
		 tok_is(norm, t, "l") || tok_is(norm, t, "dl")) && tok_in(norm, nx, V_SALT))
	{
		form->flags |= CHEM_FORM_SALT;
		span_add(&a->salt, tok_is(norm, t, "hydrogen") ? t : nx);
		span_add(&a->salt, nx);
		*after_kind = CHEM_FORM_SALT;
		return nx.e;
	}
	/* "anthranilate de sodium", "phénylacétate de méthyle" */
	if (tok_in(norm, t, V_CONNECTOR) && tok_in(norm, nx, V_CATION) &&
		nx.e - nx.s > 2)
	{
		form->flags |= CHEM_FORM_SALT;
		span_add(&a->salt, nx);
		*after_kind = CHEM_FORM_SALT;
		return nx.e;
	}
	if (tok_in(norm, t, V_CONNECTOR) && tok_in(norm, nx, V_ESTER_ALKYL) &&
		tok_ends(norm, nx, "e") | tok_ends(norm, nx, "o"))
	{
		form->flags |= CHEM_FORM_ESTER;
		chem_set_field(form->ester, sizeof(form->ester), norm, nx.s, nx.e);
		*after_kind = CHEM_FORM_ESTER;
		return nx.e;
	}
	/* "<alcohol> ester": locants, "mono", then alkyl words ending in -yl */
	w = t;
	pos = t.s;
	for (k = 0; k < 4; k++)
	{
		if (tok_is(norm, w, "ester") || tok_is(norm, w, "esters") ||
			(k > 0 && chem_is_glued_ester(norm, w)))
		{
			if (k == 0)
				return 0;
			form->flags |= CHEM_FORM_ESTER;
			chem_set_field(form->ester, sizeof(form->ester), norm, pos, w.s > pos ? w.s - 1 : w.s);
			*after_kind = CHEM_FORM_ESTER;
			return w.e;
		}
		if (!(tok_numeric(norm, w) || tok_in(norm, w, V_ESTER_ALKYL) ||
			  (tok_ends(norm, w, "yl") && w.e - w.s > 3)))
			return 0;
		if (!tok_next(norm, len, w.e, true, &w))
			return 0;
	}
	return 0;
}

/* A cation's charge or oxidation number as written after it: "2", "ii" */
static bool
is_charge(const char *norm, Tok t)
{
	return (t.e - t.s == 1 && norm[t.s] >= '1' && norm[t.s] <= '4') ||
		tok_is(norm, t, "i") || tok_is(norm, t, "ii") ||
		tok_is(norm, t, "iii") || tok_is(norm, t, "iv");
}

/* After the mention: salts, hydrates, esters, purity, solution */
static void
form_after(const char *norm, size_t len, size_t start, size_t end,
		   ChemForm *form, Around *a)
{
	Tok			t;
	Tok			p;
	size_t		pos = end;
	int			n;
	int			after_kind = 0;

	for (n = 0; n < 8 && tok_next(norm, len, pos, true, &t); n++)
	{
		Tok			nx;
		bool		has_nx = tok_next(norm, len, t.e, true, &nx);
		size_t		used;
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
		/* CAS: "ephedrine, salt with hydrochloric acid (1:1)" */
		if ((tok_is(norm, t, "salt") || tok_is(norm, t, "salz")) && has_nx &&
			(tok_is(norm, nx, "with") || tok_is(norm, nx, "mit")))
		{
			form->flags |= CHEM_FORM_SALT;
			span_add(&a->salt, t);
			a->named_after = true;
			break;				/* the acid after it is the counter-ion */
		}
		/* "copper(2+) salt", "copper(II) salt": the charge before "salt" */
		if (tok_in(norm, t, V_CATION) && has_nx && is_charge(norm, nx))
		{
			Tok			nx2;

			if (tok_next(norm, len, nx.e, true, &nx2) &&
				(tok_is(norm, nx2, "salt") || tok_is(norm, nx2, "salz")))
			{
				form->flags |= CHEM_FORM_SALT;
				span_add(&a->salt, t);
				span_add(&a->salt, nx2);
				a->named_after = true;
				pos = nx2.e;
				after_kind = CHEM_FORM_SALT;
				continue;
			}
		}
		/* "sodium salt" */
		if (tok_in(norm, t, V_CATION) && has_nx &&
			(tok_is(norm, nx, "salt") || tok_is(norm, nx, "salz")))
		{
			form->flags |= CHEM_FORM_SALT;
			span_add(&a->salt, t);
			span_add(&a->salt, nx);
			a->named_after = true;
			pos = nx.e;
			after_kind = CHEM_FORM_SALT;
			continue;
		}
		if ((used = after_pair(norm, len, t, form, a, &after_kind)) != 0)
		{
			a->named_after = true;
			pos = used;
			continue;
		}
		k = chem_classify_trailing(norm, t, n == 0 ? &p : NULL, after_kind, false);
		if (k < 0 || (k & TRAIL_CONSUME2))
			break;
		if (k == TRAIL_PURITY)
			span_add(&a->purity, t);
		else
		{
			form->flags |= (uint32_t) k;
			if (k == CHEM_FORM_SALT)
				span_add(&a->salt, t);
		}
		after_kind = k;
		pos = t.e;
	}
}

/*
 * The mention is an -ium cation ("ephedrinium chloride", the variant a
 * cation name rule made of "ephedrine"): a salt, its anion after it.
 */
static void
cation_mention(const char *norm, size_t len, size_t start, size_t end,
			   ChemForm *form, Around *a)
{
	Tok			t;

	if (!mention_ends(norm, start, end, "inium"))
		return;
	form->flags |= CHEM_FORM_SALT;
	if (tok_next(norm, len, end, true, &t))
		span_add(&a->salt, t);
}

void
chemname_context_form(const char *norm, size_t len, size_t start, size_t end,
					  ChemForm *form)
{
	Around		a;

	chem_form_clear(form);
	memset(&a, 0, sizeof(a));
	if (start > end || end > len)
		return;

	form_before(norm, start, end, form, &a);
	form_after(norm, len, start, end, form, &a);
	cation_mention(norm, len, start, end, form, &a);

	/* "anthranilate esters": an ester of the acid, alcohol not named */
	if (!a.ate_named && (form->flags & CHEM_FORM_ESTER) &&
		mention_ends(norm, start, end, "ate"))
		a.ate_named = true;

	/* a different compound whose name contains the mention */
	if (!a.ate_named)
		other_before(norm, len, start, end, form);
	if (!(form->flags & CHEM_FORM_OTHER) && !a.named_after)
		other_after(norm, len, start, end, form);
	if (!(form->flags & (CHEM_FORM_OTHER | CHEM_FORM_ESTER | CHEM_FORM_SALT)))
		cas_clause_after(norm, len, end, form, &a.stereo);

	chem_form_set_spans(form, norm, &a.stereo, &a.salt, &a.purity);
}
