/*
 * test_name_variants.c
 *		Unit tests of the systematic-name variants (name_variants.c): every
 *		rule table, both directions, and the spellings the normaliser makes
 *		of the real names each variant stands for.
 */
#include <stdio.h>
#include <string.h>

#include "name_variants.h"
#include "normalize.h"
#include "tap.h"

typedef struct Got
{
	int			n;
	char		text[64][NV_MAX_LEN + 1];
	int			rule[64];
} Got;

static NormBuf nb;

static bool
collect(const char *text, size_t len, NvRule rule, void *arg)
{
	Got		   *g = arg;

	if (g->n < 64)
	{
		memcpy(g->text[g->n], text, len);
		g->text[g->n][len] = '\0';
		g->rule[g->n] = (int) rule;
		g->n++;
	}
	return true;
}

static void
expand(const char *raw, Got *g)
{
	g->n = 0;
	normalize_text(raw, strlen(raw), &nb);
	nv_expand(nb.text, nb.len, NV_MAX_VARIANTS, collect, g);
}

/* Does some variant of 'term' equal the normalised 'spelling', by 'rule'? */
static void
has_variant(const char *term, const char *spelling, NvRule rule)
{
	Got			g;
	char		want[NV_MAX_LEN + 1];
	int			i;
	int			found = -1;

	normalize_text(spelling, strlen(spelling), &nb);
	snprintf(want, sizeof(want), "%s", nb.text);
	expand(term, &g);
	for (i = 0; i < g.n; i++)
		if (strcmp(g.text[i], want) == 0)
			found = i;
	ok(found >= 0 && (rule == NV_RULE_NONE || g.rule[found] == (int) rule),
	   "'%s' -> '%s' (%s)", term, spelling, nv_rule_name(rule));
}

static void
no_variant(const char *term, const char *spelling)
{
	Got			g;
	char		want[NV_MAX_LEN + 1];
	int			i;
	bool		found = false;

	normalize_text(spelling, strlen(spelling), &nb);
	snprintf(want, sizeof(want), "%s", nb.text);
	expand(term, &g);
	for (i = 0; i < g.n; i++)
		found |= strcmp(g.text[i], want) == 0;
	ok(!found, "'%s' never -> '%s'", term, spelling);
}

int
main(void)
{
	Got			g;

	norm_buf_init(&nb);

	/* locant placement and implied locants */
	has_variant("1-phenyl-2-propanone", "1-phenylpropan-2-one", NV_RULE_LOCANT);
	has_variant("1-phenyl-2-propanone", "phenylpropan-2-one", NV_RULE_IMPLIED_LOCANT);
	has_variant("propan-2-one", "2-propanone", NV_RULE_LOCANT);
	has_variant("propan-2-one", "propanone", NV_RULE_IMPLIED_LOCANT);
	has_variant("butan-2-one", "butanone", NV_RULE_IMPLIED_LOCANT);
	has_variant("piperidin-4-one", "4-piperidinone", NV_RULE_LOCANT);
	has_variant("N-phenylpiperidin-4-amine", "N-phenyl-4-piperidinamine", NV_RULE_LOCANT);
	no_variant("piperidin-4-one", "piperidinone");	/* 2-, 3- and 4- exist */

	/* CAS inverted names, both ways */
	has_variant("1-phenyl-2-propanone", "2-Propanone, 1-phenyl-", NV_RULE_CAS_INVERTED);
	has_variant("N-phenylpiperidin-4-amine", "4-Piperidinamine, N-phenyl-", NV_RULE_NONE);
	has_variant("1-(2-phenylethyl)piperidin-4-one", "4-Piperidinone, 1-(2-phenylethyl)-",
				NV_RULE_NONE);
	has_variant("2-Oxiranecarboxylic acid, 2-methyl-3-phenyl-, methyl ester",
				"methyl 2-methyl-3-phenyloxirane-2-carboxylate", NV_RULE_NONE);
	has_variant("3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylic acid",
				"2-Oxiranecarboxylic acid, 3-(1,3-benzodioxol-5-yl)-2-methyl-",
				NV_RULE_CAS_INVERTED);
	/* uninverted with the prefix glued to the parent */
	has_variant("Benzeneacetamide, alpha-acetyl-", "alpha-acetylbenzeneacetamide",
				NV_RULE_CAS_INVERTED);
	has_variant("Benzeneacetamide, alpha-acetyl-", "alpha-acetyl benzeneacetamide",
				NV_RULE_CAS_INVERTED);
	no_variant("2-Propanone, 1-phenyl-", "1-phenyl2-propanone");

	/* esters and anions */
	has_variant("tert-butyl 4-anilinopiperidine-1-carboxylate",
				"4-anilinopiperidine-1-carboxylic acid, tert-butyl ester", NV_RULE_ESTER);
	has_variant("tert-butyl 4-anilinopiperidine-1-carboxylate",
				"4-anilinopiperidine-1-carboxylic acid 1,1-dimethylethyl ester", NV_RULE_NONE);
	has_variant("2-methyl-3-phenyloxirane-2-carboxylic acid, ethyl ester",
				"ethyl 2-methyl-3-phenyloxirane-2-carboxylate", NV_RULE_ESTER);
	has_variant("Phenylacetic acid", "phenylacetate", NV_RULE_ANION);
	has_variant("3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylic acid",
				"3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate", NV_RULE_ANION);

	/* indicated hydrogen and substituent names */
	has_variant("ethyl 3-(2H-1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate",
				"ethyl 3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate",
				NV_RULE_INDICATED_H);
	has_variant("ethyl 3-(2H-1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate",
				"ethyl 3-(3,4-methylenedioxyphenyl)-2-methyloxirane-2-carboxylate",
				NV_RULE_SYNONYM);
	has_variant("N-phenethyl-4-piperidone", "1-(2-phenylethyl)-4-piperidone", NV_RULE_NONE);
	has_variant("1-(2-phenylethyl)piperidin-4-one", "1-phenethylpiperidin-4-one", NV_RULE_SYNONYM);
	has_variant("4-anilino-N-phenethylpiperidine", "4-(phenylamino)-N-phenethylpiperidine",
				NV_RULE_SYNONYM);
	has_variant("Safrole, 5-allyl-1,3-benzodioxole", "Safrole, 5-(prop-2-en-1-yl)-1,3-benzodioxole",
				NV_RULE_SYNONYM);
	has_variant("1-boc-4-piperidone", "1-(tert-butoxycarbonyl)-4-piperidone", NV_RULE_SYNONYM);
	has_variant("1-boc-4-piperidone", "N-Boc-4-piperidinone", NV_RULE_NONE);
	has_variant("Acetic anhydride", "ethanoic anhydride", NV_RULE_SYNONYM);
	has_variant("methyl 3-oxo-2-phenylbutanoate", "methyl 2-phenyl-3-oxobutanoate", NV_RULE_ORDER);
	has_variant("ephedrine", "ephedrinium", NV_RULE_CATION);
	has_variant("ephedrine", "ephedrinum", NV_RULE_CATION);
	has_variant("Phenylacetic acid", "acide phénylacétique", NV_RULE_FRENCH_ACID);
	has_variant("Anthranilic acid", "acido antranilico", NV_RULE_LANGUAGE);
	/* German: -säure (with German stems), final e dropped, substituents glued */
	has_variant("PMK glycidic acid", "PMK-Glycidsäure", NV_RULE_GERMAN);
	has_variant("2-methyl-3-phenyloxirane-2-carboxylic acid",
				"2-Methyl-3-phenyloxiran-2-carbonsäure", NV_RULE_GERMAN);
	has_variant("Phenylacetic acid", "Phenylessigsäure", NV_RULE_GERMAN);
	has_variant("Hydrochloric acid", "Chlorwasserstoffsäure", NV_RULE_GERMAN);
	has_variant("3-oxo-2-phenylbutanoic acid", "3-Oxo-2-phenylbutansäure", NV_RULE_GERMAN);
	has_variant("benzyl methyl ketone", "Benzylmethylketon", NV_RULE_GERMAN);
	has_variant("Diethyl ether", "Diethylether", NV_RULE_NONE);
	has_variant("1-phenethylpiperidin-4-one", "1-Phenethylpiperidin-4-on", NV_RULE_GERMAN);
	has_variant("Toluene", "Toluol", NV_RULE_GERMAN);
	has_variant("tert-butyl 4-anilinopiperidine-1-carboxylate",
				"4-Anilinopiperidin-1-carbonsäure-tert-butylester", NV_RULE_GERMAN);
	no_variant("Sulphuric acid", "sulfurate");	/* a mineral acid: no "-ate" */
	no_variant("Hydrochloric acid", "hydrochlorate");
	no_variant("chlorane", "chloran");	/* Polish for chlorate */
	no_variant("Phenylacetic acid", "phenyl acetate");
	has_variant("1-(1,3-benzodioxol-5-yl)propan-2-one", "1-(benzo[d][1,3]dioxol-5-yl)propan-2-one",
				NV_RULE_SYNONYM);
	has_variant("alpha-Phenylacetoacetamide", "2-phenylacetoacetamide", NV_RULE_SYNONYM);
	no_variant("N-acetylanthranilic acid", "acetylanthranilate");	/* the acetyl ester */
	has_variant("(1R,2R)-(-)-chloropseudoephedrine", "(1R,2R)-(-)-Chlorpseudoephedrin", NV_RULE_GERMAN);
	has_variant("N-phenyl-N-(piperidin-4-yl)propanamide", "N-phenyl-N-(piperidin-4-yl)propionamide",
				NV_RULE_SYNONYM);
	has_variant("4-piperidone", "4,4-piperidinediol", NV_RULE_SYNONYM);
	has_variant("Potassium permanganate", "Kalii permanganas", NV_RULE_LANGUAGE);
	has_variant("Sulphuric acid", "Acidum sulfuricum", NV_RULE_LANGUAGE);
	has_variant("Ergometrine", "ergometrinine", NV_RULE_STEREO_NAME);
	has_variant("Lysergic acid", "isolysergic acid", NV_RULE_STEREO_NAME);
	has_variant("ephedrine", "racephedrine", NV_RULE_STEREO_NAME);
	has_variant("norephedrine", "norpseudoephedrine", NV_RULE_STEREO_NAME);
	ok(nv_stereo_name_excluded("norpseudoephedrine", 18, "plus") &&
	   nv_stereo_name_excluded("norpseudoephedrine", 18, "1s 2s") &&
	   !nv_stereo_name_excluded("norpseudoephedrine", 18, "1r 2r minus") &&
	   !nv_stereo_name_excluded("norpseudoephedrine", 18, "1s") &&
	   !nv_stereo_name_excluded("ergometrinine", 13, "plus"),
	   "(+)- and (1S,2S)-norpseudoephedrine are cathine, (1R,2R)-(-)- is not");
	ok(nv_stereo_name_descriptor("ergotaminine", 12) != NULL &&
	   strcmp(nv_stereo_name_descriptor("ergotaminine", 12), "8 epimer") == 0 &&
	   nv_stereo_name_descriptor("ergotamine", 10) == NULL,
	   "ergotaminine stands for the 8-epimer, ergotamine for none");
	has_variant("metiletilcetona", "metil etil cetona", NV_RULE_SYNONYM);
	has_variant("(1S,2R)-(+)-chloroephedrine", "(1S,2R)-(+)-cloroefedrina", NV_RULE_LANGUAGE);
	has_variant("5-[2-(1,3-benzodioxol-5-yl)acetyl]-2,2-dimethyl-1,3-dioxane-4,6-dione",
				"1,3-Dioxane-4,6-dione, 5-[2-(1,3-benzodioxol-5-yl)acetyl]-2,2-dimethyl-",
				NV_RULE_CAS_INVERTED);
	has_variant("N-phenyl-N-(piperidin-4-yl)propanamide", "N-(4-piperidinyl)propionanilide",
				NV_RULE_NONE);
	has_variant("N-phenylpiperidin-4-amine", "N-(piperidin-4-yl)aniline", NV_RULE_SYNONYM);
	has_variant("4-anilino-N-phenethylpiperidine", "4-anilino-1-phenethylpiperidine",
				NV_RULE_SYNONYM);
	no_variant("4-anilino-N-phenethylpiperidine", "4-phenylaminon phenethylpiperidine");
	has_variant("methyl 3-oxo-2-phenylbutanoate", "Butanoic acid, 3-oxo-2-phenyl-, methyl ester",
				NV_RULE_CAS_INVERTED);
	has_variant("(6aR,9R)-N-[(2S)-1-hydroxypropan-2-yl]-7-methyl-6,6a,8,9-tetrahydro-4H-indolo[4,3-fg]quinoline-9-carboxamide",
				"(6aR,9R)-N-[(2S)-1-hydroxypropan-2-yl]-7-methyl-4,6,6a,7,8,9-hexahydroindolo[4,3-fg]quinoline-9-carboxamide",
				NV_RULE_INDICATED_H);
	has_variant("(6aR,9R)-7-methyl-4,6,6a,7,8,9-hexahydroindolo[4,3-fg]quinoline-9-carboxylic acid",
				"7-methyl-4,6,6a,7,8,9-hexahydroindolo[4,3-fg]quinoline-9-carboxylic acid",
				NV_RULE_STEREO_PREFIX);
	has_variant("BMK glycidic acid", "P-2-P methyl glycidic acid", NV_RULE_SYNONYM);
	has_variant("3,4-MDP-2-P", "MDP2P", NV_RULE_SYNONYM);
	has_variant("2-methyl-3-phenyloxirane-2-carboxylic acid",
				"2,3-epoxy-2-methyl-3-phenylpropanoic acid", NV_RULE_SYNONYM);
	has_variant("sec-butyl 2-methyl-3-phenyloxirane-2-carboxylate",
				"butan-2-yl 2-methyl-3-phenyloxirane-2-carboxylate", NV_RULE_SYNONYM);
	has_variant("Isopropylidene (2-(3,4-methylenedioxyphenyl)acetyl)malonate",
				"isopropylidene (3,4-methylenedioxyphenylacetyl)malonate", NV_RULE_IMPLIED_LOCANT);
	has_variant("methyl 2-(1,3-benzodioxol-5-yl)-3-oxobutanoate",
				"methyl 2-(3,4-methylenedioxyphenyl)acetoacetate", NV_RULE_SYNONYM);
	has_variant("(1S,2R)-(+)-chloroephedrine", "chloroephedrine", NV_RULE_STEREO_PREFIX);
	has_variant("(1S,2R)-(+)-chloroephedrine", "(+)-chloroephedrine", NV_RULE_STEREO_PREFIX);
	has_variant("(1R,2R)-(-)-chloropseudoephedrine", "(-)-chloropseudoephedrine",
				NV_RULE_STEREO_PREFIX);
	no_variant("(1S,2R)-(+)-chloroephedrine", "(-)-chloroephedrine");
	no_variant("(R)-ene", "ene");
	has_variant("(1R,2S)-2-(methylamino)-1-phenylpropan-1-ol",
				"2-(methylamino)-1-phenylpropan-1-ol", NV_RULE_STEREO_PREFIX);
	no_variant("(1R,2S)-2-(methylamino)-1-phenylpropan-1-ol", "1-anilino-2-methyl-1-propanol");
	has_variant("BMK glycidic acid", "BMK ethyl glycidate", NV_RULE_TRADE_ESTER);
	has_variant("PMK glycidic acid", "PMK tert-butyl glycidate", NV_RULE_TRADE_ESTER);
	{
		char		alc[32];

		ok(nv_trade_ester_alcohol("bmk tert butyl glycidate", 24, alc, sizeof(alc)) &&
		   strcmp(alc, "tert butyl") == 0 &&
		   !nv_trade_ester_alcohol("bmk glycidate", 13, alc, sizeof(alc)),
		   "the alcohol of bmk tert butyl glycidate is tert butyl");
	}
	no_variant("alpha-phenylacetoacetonitrile", "2 alpha phenylacetoacetonitrile");	/* the phenyl ester of acetic acid */
	has_variant("piperidine", "azinane", NV_RULE_SYNONYM);
	has_variant("piperidine", "hexahydropyridine", NV_RULE_SYNONYM);
	has_variant("4-piperidone", "tetrahydro-4-pyridone", NV_RULE_SYNONYM);
	has_variant("piperidin-4-one", "4-oxopiperidine", NV_RULE_SYNONYM);
	has_variant("pseudoephedrine", "psi-ephedrine", NV_RULE_SYNONYM);
	has_variant("5-allyl-1,3-benzodioxole", "5-prop-2-enyl-1,3-benzodioxole", NV_RULE_SYNONYM);
	has_variant("2-methyl-3-phenylglycidic acid", "α-methyl-β-phenylglycidic acid", NV_RULE_SYNONYM);
	has_variant("2-acetamidobenzoic acid", "o-acetamidobenzoic acid", NV_RULE_SYNONYM);
	has_variant("methyl 3-oxo-2-phenylbutanoate", "methyl 3-oxo-2-phenyl-butanoate", NV_RULE_SYNONYM);
	has_variant("4-anilino-1-phenethylpiperidine", "1-phenethyl-4-anilinopiperidine", NV_RULE_ORDER);
	has_variant("Benzeneacetic acid, α-acetyl-, methyl ester", "methyl α-acetylphenylacetate",
				NV_RULE_NONE);
	no_variant("acetyl acetate", "acetylacetat");	/* acetoacetate */
	has_variant("acetyl acetate", "acetyl acetat", NV_RULE_GERMAN);
	has_variant("Propane", "Propan", NV_RULE_GERMAN);
	has_variant("Phenylacetic acid", "fenilacetato", NV_RULE_LANGUAGE);
	has_variant("methyl 3-oxo-2-phenylbutanoate", "3-oxo-2-phenylbutanoate de méthyle",
				NV_RULE_LANGUAGE);
	has_variant("Benzenemethanol, α-[(1S)-1-(methylamino)ethyl]-, (αR)-",
				"Benzenemethanol, α-[(1S)-1-(methylamino)ethyl]-", NV_RULE_STEREO_CLAUSE);
	has_variant("(1R,2S)-(-)-chloroephedrine", "(1R,2S)-chloroephedrine", NV_RULE_SYNONYM);
	has_variant("Sulphuric acid", "sulfuric(VI) acid", NV_RULE_SYNONYM);

	/* no rule but German and the Latin title, no variant; never the term itself; bounded */
	expand("Acetone", &g);
	ok(g.n == 2 && strcmp(g.text[0], "acetonum") == 0 && g.rule[0] == NV_RULE_LANGUAGE &&
	   strcmp(g.text[1], "aceton") == 0 && g.rule[1] == NV_RULE_GERMAN,
	   "acetone: its Latin title and German spelling only");
	expand("1-phenyl-2-propanone", &g);
	{
		int			i;
		bool		self = false;

		normalize_text("1-phenyl-2-propanone", 20, &nb);
		for (i = 0; i < g.n; i++)
			self |= strcmp(g.text[i], nb.text) == 0;
		ok(!self && g.n > 0 && g.n <= NV_MAX_VARIANTS, "the term itself is not a variant");
	}
	expand("ethyl 3-(2H-1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate", &g);
	{
		int			i;
		bool		doubled = false;

		for (i = 0; i < g.n; i++)
			doubled |= strstr(g.text[i], "2h 2h") != NULL;
		ok(!doubled, "indicated hydrogen is never repeated");
	}
	ok(strcmp(nv_rule_name(NV_RULE_LOCANT), "locant placement") == 0, "rule names");
	ok(nv_variants_per_term(2500) == NV_MAX_VARIANTS && nv_variants_per_term(10000) == 14 &&
	   nv_variants_per_term(100000) == 0, "variant budget: all for shipped-size lists, none at 100k terms");

	norm_buf_free(&nb);
	return tap_done();
}
