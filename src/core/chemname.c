/*
 * chemname.c
 *		Recognise the parts of a normalised chemical name that are not the
 *		substance: stereo descriptors, salts, hydrates, esters, purity,
 *		grade and solution.  No PostgreSQL here.
 *
 * Everything works on tokens of normalised text (normalize.h): runs of
 * bytes between ' ' and '|'.  '-' stays inside a token, so "99-100" and
 * "103-79-7" are one token each.  The word lists are closed vocabularies of
 * the trade: a token is recognised only by exact equality, never as a
 * prefix, so "hydrochlorothiazide" or "acetone cyanohydrin" are never cut.
 */
#include "chemname.h"

#include <stdio.h>
#include <string.h>

typedef struct Tok
{
	size_t		s;
	size_t		e;
} Tok;

/* Is token t the word w (of length n)?  Use tok_is() with a literal. */
static inline bool
tok_eq(const char *norm, Tok t, const char *w, size_t n)
{
	return t.e - t.s == n && memcmp(norm + t.s, w, n) == 0;
}

#define tok_is(norm, t, lit) tok_eq((norm), (t), (lit), sizeof(lit) - 1)

static bool
tok_numeric(const char *norm, Tok t)
{
	size_t		i;

	if (t.e == t.s)
		return false;
	for (i = t.s; i < t.e; i++)
		if (!((norm[i] >= '0' && norm[i] <= '9') || norm[i] == '-'))
			return false;
	return true;
}

/* value of a numeric token (first run of digits), capped */
static long
tok_value(const char *norm, Tok t)
{
	long		v = 0;
	size_t		i;

	for (i = t.s; i < t.e && norm[i] >= '0' && norm[i] <= '9'; i++)
		if (v < 100000)
			v = v * 10 + (norm[i] - '0');
	return v;
}

/*
 * Next token at or after pos, not crossing '|' when stop_at_clause.
 * Returns false at the end (or at a clause boundary).
 */
static bool
tok_next(const char *norm, size_t len, size_t pos, bool stop_at_clause,
		 Tok *t)
{
	while (pos < len && (norm[pos] == ' ' || norm[pos] == '|'))
	{
		if (norm[pos] == '|' && stop_at_clause)
			return false;
		pos++;
	}
	if (pos >= len)
		return false;
	t->s = pos;
	while (pos < len && norm[pos] != ' ' && norm[pos] != '|')
		pos++;
	t->e = pos;
	return true;
}

/* Token ending at or before pos (pos is an exclusive end). */
static bool
tok_prev(const char *norm, size_t lo, size_t pos, bool stop_at_clause,
		 Tok *t)
{
	while (pos > lo && (norm[pos - 1] == ' ' || norm[pos - 1] == '|'))
	{
		if (norm[pos - 1] == '|' && stop_at_clause)
			return false;
		pos--;
	}
	if (pos <= lo)
		return false;
	t->e = pos;
	while (pos > lo && norm[pos - 1] != ' ' && norm[pos - 1] != '|')
		pos--;
	t->s = pos;
	return true;
}

/* ------------------------------------------------------------------------
 * Vocabularies (normalised spellings: "sulph" is already "sulf")
 * ------------------------------------------------------------------------ */

/* Stereo descriptors; "plus"/"minus"/"rac" are what the normaliser makes of
 * "(+)", "(-)", "(±)". */
static const char *const stereo_words[] = {
	"r", "s", "rs", "sr", "d", "l", "dl", "ld", "e", "z",
	"rac", "racemic", "racemate", "plus", "minus",
	"meso", "erythro", "threo", "cis", "trans", "syn", "anti",
	"levo", "dextro", "levorotatory", "dextrorotatory",
	"levogyre", "dextrogyre", "levogir", "dextrogir",
	NULL
};

/* Salts written after the base (English, German, French, Spanish, ...) */
static const char *const salt_words[] = {
	"hydrochloride", "hcl", "hydrochlorid", "chlorhydrate", "clorhidrato",
	"dihydrochloride", "monohydrochloride",
	"hydrobromide", "hbr", "hydrobromid", "bromhydrate", "bromhidrato",
	"hydroiodide", "hydroiodid",
	"sulfate", "sulfat", "sulfato", "hemisulfate", "bisulfate",
	"hydrogensulfate", "hydrogensulfat",
	"phosphate", "phosphat", "fosfato", "diphosphate",
	"tartrate", "tartrat", "tartrato", "bitartrate", "hydrogentartrate",
	"hydrogentartrat",
	"citrate", "citrat", "citrato",
	"maleate", "maleat", "maleato", "fumarate", "fumarat", "fumarato",
	"acetate", "acetat", "acetato", "oxalate", "oxalat", "oxalato",
	"mesylate", "mesilate", "mesilat", "methanesulfonate", "nitrate",
	"nitrat", "nitrato", "besylate", "tosylate", "succinate", "lactate",
	"salt", "salz", "sel", "sal",
	NULL
};

/* Salts written before the base with a connector: "chlorhydrate de ..." */
static const char *const lead_salt_words[] = {
	"chlorhydrate", "bromhydrate", "sulfate", "tartrate", "citrate",
	"phosphate", "maleate", "clorhidrato", "bromhidrato", "sulfato",
	"tartrato", "citrato", "fosfato", "maleato", "cloridrato", "solfato",
	"hydrochloride", "hydrobromide",
	NULL
};

static const char *const connector_words[] = {
	"de", "d", "di", "del", "of", "du", "do", "da",
	NULL
};

/* Cations named before "salt" ("sodium salt") */
static const char *const cation_words[] = {
	"sodium", "potassium", "natrium", "kalium", "calcium", "lithium",
	"magnesium", "ammonium", "disodium", "dipotassium", "monosodium",
	"sodique", "potassique", "sodico", "potasico",
	NULL
};

/*
 * Words that, when they precede an anion, make the pair one substance
 * ("sodium sulfate", "ethyl acetate", "lead nitrate"): the anion is then
 * not a salt suffix and is not stripped.
 */
static const char *const anion_partner_words[] = {
	"methyl", "ethyl", "propyl", "isopropyl", "butyl", "isobutyl",
	"pentyl", "amyl", "isoamyl", "hexyl", "benzyl", "phenyl", "vinyl",
	"allyl", "octyl",
	"sodium", "potassium", "natrium", "kalium", "calcium", "lithium",
	"magnesium", "ammonium", "barium", "aluminum", "lead", "copper", "zinc",
	"iron", "ferrous", "ferric", "silver", "mercury", "mercuric", "nickel",
	"cobalt", "manganese", "tin", "strontium", "cesium", "hydrogen",
	"cupric", "cuprous", "chromium", "cadmium",
	NULL
};

static const char *const hydrate_words[] = {
	"hydrate", "monohydrate", "hemihydrate", "sesquihydrate", "dihydrate",
	"trihydrate", "tetrahydrate", "pentahydrate", "hexahydrate",
	"heptahydrate", "decahydrate", "hydrat", "monohydrat", "dihydrat",
	"hemihydrat", "trihydrat", "hidrato", "monohidrato", "h2o",
	NULL
};

/* Purity and grade */
static const char *const grade_words[] = {
	"pct", "percent", "prozent", "pourcent", "porciento",
	"min", "max", "minimum", "tech", "techn", "technical", "technisch",
	"technique", "tecnico", "grade", "qualitat", "qualite",
	"reagent", "reag", "analytical", "analysis", "ar", "acs", "usp", "bp",
	"ep", "nf", "jp", "ph", "eur", "pure", "purum", "puriss", "purissimum",
	"pur", "rein", "reinst", "cp", "lab", "laboratory", "hplc", "gc",
	"synthesis", "extra", "pharma", "pharmaceutical", "industrial", "food",
	"fcc", "glacial", "anhydrous", "anhydrate", "wasserfrei", "anhydre",
	"anhidro", "dry", "crystalline", "cryst", "powder", "pa",
	NULL
};

static const char *const solution_words[] = {
	"solution", "soln", "sol", "aqueous", "aq", "losung", "solucion",
	"soluzione",
	NULL
};

static const char *const solvent_words[] = {
	"water", "h2o", "wasser", "eau", "agua", "acqua", "ethanol", "methanol",
	NULL
};

static const char *const ester_alkyls[] = {
	"methyl", "ethyl", "propyl", "isopropyl", "butyl", "isobutyl",
	"tert", "benzyl", "phenyl", "pentyl", "amyl", "dimethyl", "diethyl",
	"dipropyl", "dibutyl", "hexyl", "octyl", "allyl", "vinyl",
	NULL
};

/*
 * A different compound: words right after a listed name that make it part
 * of another name ("acetone cyanohydrin", "toluene diisocyanate"), and
 * functional suffixes after a locant ("piperidine-4-carboxylic acid").
 */
static const char *const class_words[] = {
	"cyanohydrin", "oxime", "oximes", "semicarbazone", "thiosemicarbazone",
	"hydrazone", "phenylhydrazone", "azine", "peroxide", "diisocyanate",
	"diisocyanates", "isocyanate", "oxide", "glycol", "epoxide", "sulfonic",
	"sulfonyl", "sulfonanilide", "sulfochloride", "sulfone", "sulfonamide",
	"sulfonate", "methanol", "dimercaptan", "carboxylic", "dicarboxylic",
	"carboxamide", "carbonitrile", "carbaldehyde", "carboxaldehyde",
	"carbonyl", "carboxylate", "ketal", "acetal", "imine", "enamine",
	"diamine", "dimer", "trimer", "anil", "ylidene", "dione", "diol",
	"triol", "thiol", "ol", "amine", "one", "yl", "nitrile", "amide",
	"boronic", "dioxime", "adduct", "ethanoate", "anhydride", "diethylamide",
	"dimethylamide", "methylamide", "ethylamide", "hydrazide", "azide",
	NULL
};

/* Positional prefixes before a benzene-type parent: "p-toluene ..." */
static const char *const position_words[] = {
	"o", "m", "p", "ortho", "meta", "para", "alpha", "beta", "n",
	NULL
};

static const char *const ester_words[] = {
	"methylester", "ethylester", "propylester", "butylester",
	"benzylester",
	NULL
};

/* Units after a number in running text: then the number is a quantity */
static const char *const unit_words[] = {
	"l", "ml", "kg", "g", "mg", "t", "mt", "lb", "lbs", "kgs", "gal", "oz",
	"litre", "litres", "liter", "liters", "drum", "drums", "bottle",
	"bottles", "pcs", "x", "tons", "tonnes", "ton", "units", "bags",
	NULL
};

/*
 * Every word list above as one hash table: word -> set of the lists it is
 * in (V_*), so that recognising a token costs one hash and one comparison
 * instead of a strlen() and memcmp() per list entry.  Built on first use
 * (process-wide, like the normaliser's tables; a backend is
 * single-threaded).
 */
enum
{
	V_STEREO = 1 << 0,
	V_SALT = 1 << 1,
	V_LEAD_SALT = 1 << 2,
	V_CONNECTOR = 1 << 3,
	V_CATION = 1 << 4,
	V_ANION_PARTNER = 1 << 5,
	V_HYDRATE = 1 << 6,
	V_GRADE = 1 << 7,
	V_SOLUTION = 1 << 8,
	V_SOLVENT = 1 << 9,
	V_ESTER_ALKYL = 1 << 10,
	V_ESTER_WORD = 1 << 11,
	V_UNIT = 1 << 12,
	V_CLASS = 1 << 13,
	V_POSITION = 1 << 14
};

static const struct
{
	const char *const *words;
	uint32_t	bit;
}			vocab_lists[] = {
	{stereo_words, V_STEREO}, {salt_words, V_SALT},
	{lead_salt_words, V_LEAD_SALT}, {connector_words, V_CONNECTOR},
	{cation_words, V_CATION}, {anion_partner_words, V_ANION_PARTNER},
	{hydrate_words, V_HYDRATE}, {grade_words, V_GRADE},
	{solution_words, V_SOLUTION}, {solvent_words, V_SOLVENT},
	{ester_alkyls, V_ESTER_ALKYL}, {ester_words, V_ESTER_WORD},
	{unit_words, V_UNIT}, {class_words, V_CLASS}, {position_words, V_POSITION},
};

#define VOCAB_SLOTS		1024	/* power of two, well above the ~350 words */
#define VOCAB_MAXLEN	255		/* VocabSlot.len; every listed word is far shorter */

typedef struct VocabSlot
{
	const char *w;				/* NULL = empty */
	uint8_t		len;
	uint32_t	bits;
} VocabSlot;

static VocabSlot vocab[VOCAB_SLOTS];
static bool vocab_ready = false;

static inline uint32_t
vocab_hash(const char *w, size_t n)
{
	uint32_t	h = (uint32_t) n * 0x9E3779B1u;

	h ^= (uint32_t) (unsigned char) w[0] * 0x85EBCA6Bu;
	h ^= (uint32_t) (unsigned char) w[n / 2] * 0xC2B2AE35u;
	h ^= (uint32_t) (unsigned char) w[n - 1] * 0x27D4EB2Fu;
	return (h ^ (h >> 15)) & (VOCAB_SLOTS - 1);
}

static void
vocab_init(void)
{
	size_t		l;

	for (l = 0; l < sizeof(vocab_lists) / sizeof(vocab_lists[0]); l++)
	{
		const char *const *w;

		for (w = vocab_lists[l].words; *w; w++)
		{
			size_t		n = strlen(*w);
			uint32_t	h = vocab_hash(*w, n);

			while (vocab[h].w != NULL &&
				   !(vocab[h].len == n && memcmp(vocab[h].w, *w, n) == 0))
				h = (h + 1) & (VOCAB_SLOTS - 1);
			vocab[h].w = *w;
			vocab[h].len = (uint8_t) n;
			vocab[h].bits |= vocab_lists[l].bit;
		}
	}
	vocab_ready = true;
}

/* The lists (V_* set) token t belongs to; 0 for any other token */
static uint32_t
tok_vocab(const char *norm, Tok t)
{
	size_t		n = t.e - t.s;
	const char *w = norm + t.s;
	uint32_t	h;

	if (n == 0 || n > VOCAB_MAXLEN)
		return 0;
	if (!vocab_ready)
		vocab_init();
	for (h = vocab_hash(w, n); vocab[h].w != NULL; h = (h + 1) & (VOCAB_SLOTS - 1))
		if (vocab[h].len == n && vocab[h].w[0] == w[0] &&
			memcmp(vocab[h].w, w, n) == 0)
			return vocab[h].bits;
	return 0;
}

static inline bool
tok_in(const char *norm, Tok t, uint32_t list)
{
	return (tok_vocab(norm, t) & list) != 0;
}

/* "1r", "2s", "4ar", "2e", "3z", "1rs": a locant with a descriptor */
static bool
is_locant_descriptor(const char *norm, Tok t)
{
	size_t		i = t.s;
	size_t		rest;

	while (i < t.e && norm[i] >= '0' && norm[i] <= '9')
		i++;
	if (i == t.s || i == t.e)
		return false;
	if (t.e - i >= 2 && (norm[i] == 'a' || norm[i] == 'b') &&
		(norm[i + 1] == 'r' || norm[i + 1] == 's'))
		i++;
	rest = t.e - i;
	if (rest == 1)
		return norm[i] == 'r' || norm[i] == 's' || norm[i] == 'e' ||
			norm[i] == 'z';
	if (rest == 2)
		return (norm[i] == 'r' && norm[i + 1] == 's') ||
			(norm[i] == 's' && norm[i + 1] == 'r');
	return false;
}

static bool
is_stereo(const char *norm, Tok t)
{
	return tok_in(norm, t, V_STEREO) || is_locant_descriptor(norm, t);
}

/* ------------------------------------------------------------------------
 * Recording what was found
 * ------------------------------------------------------------------------ */
static void
form_clear(ChemForm *form)
{
	memset(form, 0, sizeof(*form));
}

/* Copy norm[s, e) into a field, cut at a token boundary if it is too long */
static void
set_field(char *dst, size_t dstlen, const char *norm, size_t s, size_t e)
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

typedef struct Span
{
	bool		set;
	size_t		s;
	size_t		e;
} Span;

static void
span_add(Span *sp, Tok t)
{
	if (!sp->set)
	{
		sp->set = true;
		sp->s = t.s;
		sp->e = t.e;
		return;
	}
	if (t.s < sp->s)
		sp->s = t.s;
	if (t.e > sp->e)
		sp->e = t.e;
}

/*
 * Classify one trailing token.  'after' is the token stripped just before
 * (the one that followed t in the text), or NULL.  Returns the CHEM_FORM
 * flag to set (0x100 for purity without a flag), or -1 if t is not
 * strippable.  'prev' is the token before t (for the anion guard), if any.
 */
#define TRAIL_PURITY	0x100
#define TRAIL_CONSUME2	0x200	/* t and prev both belong to the suffix */

static int
classify_trailing(const char *norm, Tok t, const Tok *prev, int after_kind,
				  bool whole_name)
{
	uint32_t	v = tok_vocab(norm, t);	/* one look-up for all the lists */

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
	if (v & V_ESTER_WORD)
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
 * Esters, salts and different compounds around a mention
 * ------------------------------------------------------------------------ */

static bool
tok_ends(const char *norm, Tok t, const char *suffix)
{
	size_t		n = strlen(suffix);

	return t.e - t.s >= n && memcmp(norm + t.e - n, suffix, n) == 0;
}

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
		while (is_locant(norm, w) || is_locant_descriptor(norm, w) ||
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
		set_field(form->ester, sizeof(form->ester), norm, first.s,
				  last.s > first.s ? last.s - 1 : last.s);
		return;
	}
	if ((tok_is(norm, last, "salt") || tok_is(norm, last, "salz")) && ntok >= 2)
	{
		form->flags |= CHEM_FORM_SALT;
		set_field(form->salt, sizeof(form->salt), norm, first.s, last.e);
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

	form_clear(form);

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
		if (is_stereo(norm, t) && tok_next(norm, be, t.e, false, &t2))
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
		k = classify_trailing(norm, t, &p, after_kind, true);
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
	if (stereo.set)
		set_field(form->stereo, sizeof(form->stereo), norm, stereo.s, stereo.e);
	if (salt.set)
		set_field(form->salt, sizeof(form->salt), norm, salt.s, salt.e);
	if (purity.set)
		set_field(form->purity, sizeof(form->purity), norm, purity.s, purity.e);
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

	form_clear(form);
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
				set_field(form->ester, sizeof(form->ester), norm, first.s, t.e);
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
		if (!is_stereo(norm, t))
			break;

		/*
		 * Single letters are ambiguous in running text: "10 l acetone" is a
		 * quantity, "company s ephedrine" a possessive.
		 */
		if (t.e - t.s == 1 && has_p &&
			(tok_numeric(norm, p) || norm[t.s] == 's'))
		{
			if (!is_stereo(norm, p))
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
			set_field(form->ester, sizeof(form->ester), norm, t.s, t.e);
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
		k = classify_trailing(norm, t, n == 0 ? &p : NULL, after_kind, false);
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

	if (stereo.set)
		set_field(form->stereo, sizeof(form->stereo), norm, stereo.s, stereo.e);
	if (salt.set)
		set_field(form->salt, sizeof(form->salt), norm, salt.s, salt.e);
	if (purity.set)
		set_field(form->purity, sizeof(form->purity), norm, purity.s, purity.e);
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
