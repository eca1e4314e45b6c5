/*
 * test_chemname.c
 *		Unit tests of the chemical-name parser (TAP), on text normalised by
 *		normalize.c, as in production.
 */
#include "chemname.h"
#include "normalize.h"
#include "tap.h"

static NormBuf nb;

/*
 * Strip a raw name; check base, form label, stereo, salt and purity
 * (NULL = don't check).
 */
static void
strip(const char *raw, const char *base, const char *label,
	  const char *stereo, const char *salt, const char *purity)
{
	size_t		bs;
	size_t		be;
	ChemForm	f;
	char		got[256];
	char		lab[64];

	if (normalize_text(raw, strlen(raw), &nb) != NORM_OK)
	{
		ok(0, "normalise '%s'", raw);
		return;
	}
	chemname_strip(nb.text, nb.len, &bs, &be, &f);
	snprintf(got, sizeof(got), "%.*s", (int) (be - bs), nb.text + bs);
	is_str(got, base, "base of '%s'", raw);
	is_str(chemname_form_label(f.flags, lab, sizeof(lab)), label, "form of '%s'", raw);
	if (stereo)
		is_str(f.stereo, stereo, "stereo of '%s'", raw);
	if (salt)
		is_str(f.salt, salt, "salt of '%s'", raw);
	if (purity)
		is_str(f.purity, purity, "purity of '%s'", raw);
}

/* The form of the mention 'mention' (normalised) inside raw text */
static void
context(const char *raw, const char *mention, const char *label,
		const char *salt)
{
	const char *p;
	ChemForm	f;
	char		lab[64];

	normalize_text(raw, strlen(raw), &nb);
	p = strstr(nb.text, mention);
	if (p == NULL)
	{
		ok(0, "'%s' found in '%s'", mention, nb.text);
		return;
	}
	chemname_context_form(nb.text, nb.len, (size_t) (p - nb.text),
						  (size_t) (p - nb.text) + strlen(mention), &f);
	is_str(chemname_form_label(f.flags, lab, sizeof(lab)), label,
		   "form of '%s' in '%s'", mention, raw);
	if (salt)
		is_str(f.salt, salt, "salt of '%s' in '%s'", mention, raw);
}

int
main(void)
{
	char		lab[64];

	norm_buf_init(&nb);

	/* stereo descriptors */
	strip("(1R,2S)-(\xe2\x88\x92)-Ephedrine hydrochloride", "ephedrine",
		  "salt+stereoisomer", "1r 2s minus", "hydrochloride", "");
	strip("(+)-Pseudoephedrine", "pseudoephedrine", "stereoisomer", "plus", "", "");
	strip("(\xc2\xb1)-Norephedrine", "norephedrine", "stereoisomer", "rac", "", "");
	strip("DL-Norephedrine", "norephedrine", "stereoisomer", "dl", "", "");
	strip("rac-Ephedrine", "ephedrine", "stereoisomer", "rac", "", "");
	strip("d-Lysergic acid", "lysergic acid", "stereoisomer", "d", "", "");
	strip("l-Ephedrine", "ephedrine", "stereoisomer", "l", "", "");
	strip("(S)-Methamphetamine", "methamphetamine", "stereoisomer", "s", "", "");
	strip("(R,R)-Tartaric acid", "tartaric acid", "stereoisomer", "r r", "", "");
	strip("threo-Methylphenidate", "methylphenidate", "stereoisomer", "threo", "", "");
	strip("erythro-Norephedrine", "norephedrine", "stereoisomer", "erythro", "", "");
	strip("cis-Isosafrole", "isosafrole", "stereoisomer", "cis", "", "");
	strip("levo-Methamphetamine", "methamphetamine", "stereoisomer", "levo", "", "");
	strip("(1S,2S)-Pseudoephedrine", "pseudoephedrine", "stereoisomer", "1s 2s", "", "");
	strip("(E)-Isosafrole", "isosafrole", "stereoisomer", "e", "", "");
	strip("racemic Ephedrine", "ephedrine", "stereoisomer", "racemic", "", "");

	/* salts, in several languages */
	strip("Pseudoephedrine HCl 99%", "pseudoephedrine", "salt", "", "hcl", "99");
	strip("Ephedrine sulphate", "ephedrine", "salt", "", "sulfate", "");
	strip("Ephedrine hemisulfate", "ephedrine", "salt", "", "hemisulfate", "");
	strip("Pseudoephedrin-hydrochlorid", "pseudoephedrin", "salt", "", "hydrochlorid", "");
	strip("chlorhydrate d'\xc3\xa9ph\xc3\xa9" "drine", "ephedrine", "salt", "", "chlorhydrate", "");
	strip("siarczan efedryny", "ephedryny", "salt", "", "siarczan", "");
	strip("Clorhidrato de pseudoefedrina", "pseudoephedrina", "salt", "", "clorhidrato", "");
	strip("Ephedrine HBr", "ephedrine", "salt", "", "hbr", "");
	strip("Norephedrine bitartrate", "norephedrine", "salt", "", "bitartrate", "");
	strip("Ergotamine tartrate", "ergotamine", "salt", "", "tartrate", "");
	strip("Phenylacetic acid sodium salt", "phenylacetic acid", "salt", "", "sodium salt", "");
	strip("Ergometrine maleate", "ergometrine", "salt", "", "maleate", "");
	strip("Ephedrine hydrochloride monohydrate", "ephedrine", "salt+hydrate", "",
		  "hydrochloride", "");
	strip("(-)-Ephedrine sulfate dihydrate, 99.5%", "ephedrine",
		  "salt+stereoisomer+hydrate", "minus", "sulfate", "99 5");
	strip("Ephedrine HCl USP", "ephedrine", "salt", "", "hcl", "usp");

	/* hydrates and grades */
	strip("Norephedrine hemihydrate", "norephedrine", "hydrate", "", "", "");
	strip("Acetic anhydride, reagent grade, 99.5%", "acetic anhydride", "base", "", "",
		  "reagent grade 99 5");
	strip("Acetic anhydride tech.", "acetic anhydride", "base", "", "", "tech");
	strip("Acetic anhydride technical grade", "acetic anhydride", "base", "", "",
		  "technical grade");
	strip("Toluene analytical grade", "toluene", "base", "", "", "analytical grade");
	strip("Acetone ACS reagent, \xe2\x89\xa5" "99.5%", "acetone", "base", "", "",
		  "acs reagent 99 5");
	strip("Potassium permanganate, pure, min. 99%", "potassium permanganate", "base",
		  "", "", "pure min 99");
	strip("Sulfuric acid anhydrous", "sulfuric acid", "base", "", "", "anhydrous");
	strip("Hydrochloric acid solution 37%", "hydrochloric acid", "solution", "", "", "37");
	strip("Safrole 10% in water", "safrole", "solution", "", "", "10");
	strip("Ammonia aqueous", "ammonia", "solution", "", "", "");

	/* esters */
	strip("Phenylacetic acid ethyl ester", "phenylacetic acid", "ester", "", "", "");
	strip("Phenylessigs\xc3\xa4ure-Ethylester", "phenylessigsaure", "ester", "", "", "");
	strip("ethyl ester", "ethyl ester", "base", "", "", "");

	/* nothing to strip: never cut a real substance name */
	strip("acetone cyanohydrin", "acetone cyanohydrin", "base", "", "", "");
	strip("Ethyl acetate", "ethyl acetate", "base", "", "", "");
	strip("Sodium sulfate", "sodium sulfate", "base", "", "", "");
	strip("Lead nitrate", "lead nitrate", "base", "", "", "");
	strip("hydrochloride", "hydrochloride", "base", "", "", "");
	strip("Hydrochlorothiazide", "hydrochlorothiazide", "base", "", "", "");
	strip("3,4-MDP-2-P", "3 4 mdp 2 p", "base", "", "", "");
	strip("1-Phenyl-2-propanone", "1 phenyl 2 propanone", "base", "", "", "");
	strip("N-Methylephedrine", "n methylephedrine", "base", "", "", "");
	strip("alpha-Phenylacetoacetonitrile", "alpha phenylacetoacetonitrile", "base", "", "", "");
	strip("", "", "base", "", "", "");
	strip("(R)", "r", "base", "", "", "");
	strip("99%", "99", "base", "", "", "");

	/* mentions inside free text */
	context("Shipment: 25 kg (1R,2S)-(-)-Ephedrine HCl, 99%", "ephedrine",
			"salt+stereoisomer", "hcl");
	context("ephedrine hydrochloride monohydrate", "ephedrine", "salt+hydrate", "hydrochloride");
	context("200 l acetone in drums", "acetone", "base", "");
	context("10 l ephedrine", "ephedrine", "base", "");
	context("the company's ephedrine", "ephedrine", "base", "");
	context("ephedrine. Sulfate of iron", "ephedrine", "base", "");	/* never across a clause */
	context("Ethyl acetate 99%", "ethyl", "base", "");
	context("Ethyl acetate 99%", "ethyl acetate", "base", "");
	context("chlorhydrate d'\xc3\xa9ph\xc3\xa9" "drine 5 kg", "ephedrine", "salt", "chlorhydrate");
	/* Polish and Czech: the salt before the base in the genitive, no connector */
	context("chlorowodorek efedryny 5 kg", "ephedryny", "salt", "chlorowodorek");
	context("hydrochlorid pseudoefedrinu", "pseudoephedrinu", "salt", "hydrochlorid");
	context("efedrinhydroklorid 1 kg", "ephedrin", "salt", "hydroklorid");
	context("efedriinihydrokloridi 1 kg", "ephedriini", "salt", "hydrokloridi");
	context("efedrinklorid 1 kg", "ephedrin", "salt", "klorid");
	context("propan-2-yl 2-methyl-3-phenyloxirane-2-carboxylate",
			"2 methyl 3 phenyloxirane 2 carboxylate", "ester", NULL);
	context("Piperidin-4-carbons\xc3\xa4ure", "piperidin", "other compound", NULL);
	context("ester \xc3\xa9thylique de l'acide ph\xc3\xa9nylac\xc3\xa9tique", "acide phenylacetique",
			"ester", NULL);
	context("dietilamida del \xc3\xa1" "cido lis\xc3\xa9rgico", "acido lisergico", "other compound", NULL);
	context("ephedrine, salt with hydrochloric acid (1:1)", "ephedrine", "salt",
			"salt with hydrochloric acid 1 1");
	context("ephedrine, salt with hydrochloric acid (1:1)", "hydrochloric acid", "other compound",
			NULL);
	ok(strcmp(chemname_alcohol_usual("1 methylpropyl"), "sec butyl") == 0 &&
	   strcmp(chemname_alcohol_usual("1 1 dimethylethyl"), "tert butyl") == 0 &&
	   strcmp(chemname_alcohol_usual("pentyl"), "pentyl") == 0,
	   "the alcohol of an ester by its usual name: 1-methylpropyl is sec-butyl");
	context("Natriumphenylacetat 1 kg", "phenylacetat", "salt", "natrium");
	context("ergotamiinitartraatti 1 kg", "ergotamiini", "salt", "tartraatti");
	context("maleat de ergometrin\xc4\x83 1 kg", "ergometrina", "salt", "maleat");
	context("υδροχλωρική εφεδρίνη 1 kg", "εφεδρινη", "salt", "υδροχλωρικη");
	context("ефедрин хидрохлорид", "ефедрин", "salt", "хидрохлорид");
	context("safrole 5% in water", "safrole", "solution", "");
	context("pseudoephedrine 200 kg", "pseudoephedrine", "base", "");
	context("phenylacetic acid methyl ester", "phenylacetic acid", "ester", "");
	context("Ethyl phenylacetate, 200 kg", "phenylacetate", "ester", "");
	context("Methyl 3,4-methylenedioxyphenylglycidate", "3 4 methylenedioxyphenylglycidate",
			"ester", "");
	context("sodium phenylacetate", "phenylacetate", "salt", "sodium");

	/* the alcohol of an ester, and CAS-style ", R ester" / ", M salt" */
	context("benzyl 3-(1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate",
			"3-1 3 benzodioxol 5 yl 2 methyloxirane 2 carboxylate", "ester", "");
	context("Sulphuric acid, diethyl ester", "sulfuric acid", "ester", "");
	context("Hydrochloric acid, sodium salt", "hydrochloric acid", "salt", "sodium salt");
	context("tert-butyl 4-oxopiperidine-1-carboxylate", "4 oxopiperidine 1 carboxylate",
			"ester", "");

	/* a listed name inside the name of a different compound */
	context("acetone cyanohydrin", "acetone", "other compound", "");
	context("lysergic acid diethylamide", "lysergic acid", "other compound", "");
	context("Acetone oxime 98%", "acetone", "other compound", "");
	context("toluene 2,4-diisocyanate", "toluene", "other compound", "");
	context("methyl ethyl ketone peroxide", "methyl ethyl ketone", "other compound", "");
	context("piperidine-4-carboxylic acid", "piperidine", "other compound", "");
	context("1-(2-phenylethyl)piperidine", "piperidine", "other compound", "");
	context("4-chloro-phenylacetic acid", "phenylacetic acid", "other compound", "");
	context("2,2-dimethyl-2-phenylacetic acid", "phenylacetic acid", "other compound", "");
	context("p-toluene sulfonanilide", "toluene", "other compound", "");
	/* esters named in the other EU languages (CN 2916 39 10, 2920 90 10) */
	context("Estere af phenyleddikesyre", "phenyleddikesyre", "ester", "");
	context("Estrar av fenyl\xc3\xa4ttiksyra", "fenylattiksyra", "ester", "");
	context("Esteri tal-a\xc4\x8bidu fenila\xc4\x8b" "etiku", "acidu fenilacetiku", "ester", "");
	context("fen\xc3\xbc\xc3\xbcl\xc3\xa4\xc3\xa4" "dikhappe estrid", "fenuulaadikhappe", "ester", "");
	context("Fenil-ecetsav \xc3\xa9szterei", "fenil ecetsav", "ester", "");
	context("v\xc3\xa4\xc3\xa4velhappe ja s\xc3\xbcsihappe estrid", "vaavelhappe", "ester", "");
	context("Schwefels\xc3\xa4ure-diethylester", "schwefelsaure", "ester", "");
	/* other compounds */
	context("phenylacetic acid chloride", "phenylacetic acid", "other compound", "");
	context("Sulfuric acid--aniline (1/1)", "sulfuric acid", "other compound", "");
	context("4-(methylamino)phenol;sulfuric acid", "sulfuric acid", "other compound", "");
	context("hydroquinone diethyl ether", "diethyl ether", "other compound", "");
	context("4-amino-N-methyl benzene methane sulfonamide", "methyl benzene", "other compound", "");
	context("Benzeneacetic acid, \xce\xb1-(acetylhydrazono)-, hydrazide", "benzeneacetic acid",
			"other compound", "");
	context("acetone glycerol ketal", "acetone", "other compound", "");
	context("acetone diperoxide", "acetone", "other compound", "");
	context("anhidrid sumporne kiseline", "sumporne kiseline", "other compound", "");
	context("K\xc3\xa9nsav anhidrid", "kensav", "other compound", "");
	context("Toluene, m-butyl-", "toluene", "other compound", "");
	context("1-phenyl-2-propanone", "2 propanone", "other compound", "");
	context("cyclic 16,17-acetal with acetone", "acetone", "other compound", "");
	/* ... but not a quantity, a grade or a list */
	context("Toluene 2 drums", "toluene", "base", "");
	context("acetone 99%, toluene", "acetone", "base", "");
	context("phenyl acetone", "acetone", "other compound", "");
	context("N-Boc-4-piperidone", "4 piperidone", "other compound", "");
	context("Butanone, oxime", "butanone", "other compound", "");
	context("Piperidine, 2-(1-propen-1-yl)-", "piperidine", "other compound", "");
	context("toluene-p-sulphonic anhydride", "toluene", "other compound", "");
	context("3-methoxypropan-1-amine hydrogen chloride", "hydrogen chloride",
			"other compound", "");
	context("Ephedrine hydrochloride, Pos. 2 toluene 200 l", "toluene", "base", "");
	context("10 kg 4-AP, Methanol, in 1-l-Flaschen", "4 ap", "base", "");
	context("25 l anthranilate esters blend", "anthranilate", "ester", "");
	context("2400 kg net acetone, colle epoxy, en futs", "acetone", "base", "");
	context("1'-benzylspiro[1H-2-benzofuran-3,4'-piperidine]", "piperidine",
			"other compound", "");
	context("Phosphorus, red", "phosphorus", "base", "");
	context("rac ephedrine sodium salt", "ephedrine", "salt+stereoisomer", "sodium salt");

	/* salts and esters named around the substance (held-out tuning part) */
	context("Ephedrinhydrochlorid", "ephedrin", "salt", "hydrochlorid");
	context("efedrinesulfaat", "ephedrine", "salt", "sulfaat");
	context("Ergotamintartrat", "ergotamin", "salt", "tartrat");
	context("Ergometrinmaleat", "ergometrin", "salt", "maleat");
	context("ephedrine (as hydrochloride)", "ephedrine", "salt", "hydrochloride");
	context("ephedrine hydrogen tartrate", "ephedrine", "salt", "hydrogen tartrate");
	context("salts of norephedrine", "norephedrine", "salt", "salts");
	context("ephedrine, hydrochloride (1:1)", "ephedrine", "salt", NULL);
	context("efedrina cloridrato", "ephedrina", "salt", "cloridrato");
	context("Ephedrini hydrochloridum", "ephedrini", "salt", "hydrochloridum");
	context("ephedrinium chloride", "ephedrinium", "salt", "chloride");
	context("anthranilate de sodium", "anthranilate", "salt", "sodium");
	context("Phenylessigsäure, Natriumsalz", "phenylessigsaure", "salt", NULL);
	context("Esters de l'acide phénylacétique", "acide phenylacetique", "ester", NULL);
	context("estery kyseliny fenyloctové", "kyseliny fenyloctove", "ester", NULL);
	context("phenylacetate de méthyle", "phenylacetate", "ester", NULL);
	context("2-methyl-3-phenyloxirane-2-carboxylic acid cyclohexyl ester",
			"2 methyl 3 phenyloxirane 2 carboxylic acid", "ester", NULL);
	context("sulfuric acid mono(2-ethylhexyl) ester", "sulfuric acid", "ester", NULL);
	context("Benzenemethanol, alpha-[(1S)-1-(methylamino)ethyl]-, (alphaR)-",
			"benzenemethanol|alpha 1s 1 methylamino ethyl", "stereoisomer", NULL);
	/* look-alikes: class words with modifiers, derivatives, other compounds */
	context("butanone ethylene ketal", "butanone", "other compound", NULL);
	context("acetone methyl enol ether", "acetone", "other compound", NULL);
	context("ephedrine carbamate", "ephedrine", "other compound", NULL);
	context("ethylene glycol diethyl ether", "diethyl ether", "other compound", NULL);
	context("aniline;sulfuric acid", "sulfuric acid", "other compound", NULL);
	context("acetic acid, anhydride with phosphoric acid (1:1)", "acetic acid|anhydride",
			"other compound", NULL);
	context("toluene dioxygenase", "toluene", "other compound", NULL);
	context("acetone-formaldehyde resin", "acetone", "other compound", NULL);
	context("diethyl ether-d10", "diethyl ether", "other compound", NULL);
	context("Toluol-2,4-diisocyanat", "toluol", "other compound", NULL);
	context("tolueen-2,4-di-isocyanaat", "tolueen", "other compound", NULL);
	context("per\xc3\xb3xido de metiletilcetona", "metiletilcetona", "other compound", NULL);
	/* "d'" read as a D- descriptor too; the coverage rules know the elided article */
	context("oxime d'ac\xc3\xa9tone", "acetone", "stereoisomer+other compound", NULL);
	context("anh\xc3\xad" "drido de \xc3\xa1" "cido ac\xc3\xa9tico", "acido acetico", "base", NULL);
	/* and not: a goods list keeps its substances */
	context("200 kg Norephedrine, xylene, in cartons", "norephedrine", "base", NULL);
	context("piperidine; sulfuric acid 20 l", "sulfuric acid", "base", NULL);

	/* labels */
	is_str(chemname_form_label(0, lab, sizeof(lab)), "base", "label of 0");
	is_str(chemname_form_label(CHEM_FORM_STEREO | CHEM_FORM_SALT, lab, sizeof(lab)),
		   "salt+stereoisomer", "label order salt before stereo");
	is_str(chemname_form_label(0x1f, lab, sizeof(lab)),
		   "salt+stereoisomer+hydrate+ester+solution", "label of every flag");
	is_str(chemname_form_label(0x1f, lab, 10), "salt", "label truncated at a part");

	norm_buf_free(&nb);
	return tap_done();
}
