/*
 * name_variants_rules.h
 *		The data tables of name_variants.c: equivalent spellings of parts of
 *		systematic chemical names.  Included by name_variants.c only.
 *
 * Everything is written in NORMALISED form (normalize.h): lowercase, one
 * space between tokens, "sulph" already "sulf", a locant list "1,3-" as
 * "1 3".  To add a rule, add a row; the unit test (test_name_variants.c)
 * and the names test set (sql/names_testset.sql) show what it changes.
 *
 * Sources: IUPAC Nomenclature of Organic Chemistry, 2013 Recommendations
 * (P-14.3 locants, P-14.7 indicated hydrogen, P-29 substituent prefix names,
 * P-65.6 esters and salts) and the CAS index name conventions (inverted
 * parent-first names, conjunctive names such as "benzeneacetic acid").
 */
#ifndef PRECURSOR_NAME_VARIANTS_RULES_H
#define PRECURSOR_NAME_VARIANTS_RULES_H

/* Where a pair may match */
#define NV_AT_TOKEN		0x01	/* whole tokens: boundary on both sides */
#define NV_AT_PREFIX	0x02	/* at a token start, may continue with letters
								 * ("phenethylpiperidine") */
#define NV_AT_WHOLE		0x04	/* only the whole term */
#define NV_ONE_WAY		0x08	/* a -> b only (b is part of a: the way back
								 * would grow without end) */
#define NV_AT_START		0x10	/* whole tokens opening the term (a CAS
								 * index name's parent) */
#define NV_LEAF			0x20	/* no rules on what it gives */

typedef struct NvPair
{
	const char *a;
	const char *b;
	uint8_t		where;
	uint8_t		rule;			/* NvRule */
} NvPair;

/*
 * Equivalent spellings, used both ways (a -> b and b -> a).  A boundary is
 * the start or end of the term, ' ', '|' or a '-' between locants.
 */
static const NvPair nv_pairs[] = {
	/* substituent prefixes (P-29, P-32) */
	{"phenethyl", "2 phenylethyl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"anilino", "phenylamino", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"allyl", "prop 2 en 1 yl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"allyl", "2 propen 1 yl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"allyl", "2 propenyl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"1 propenyl", "prop 1 en 1 yl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"1 propenyl", "1 propen 1 yl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	/* locant 1 of a substituent implied (P-29.2): "prop-2-enyl" */
	{"allyl", "prop 2 enyl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"1 propenyl", "prop 1 enyl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"acetamido", "acetylamino", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"tert butyl", "1 1 dimethylethyl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"tert butyl", "t butyl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* the branched alkyls' systematic names (P-29.2, P-29.6) */
	{"tert butyl", "2 methylpropan 2 yl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"sec butyl", "butan 2 yl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"sec butyl", "1 methylpropyl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"isopropyl", "propan 2 yl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"isopropyl", "1 methylethyl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"isobutyl", "2 methylpropyl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"boc", "tert butoxycarbonyl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"boc", "t butoxycarbonyl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"3 4 methylenedioxyphenyl", "1 3 benzodioxol 5 yl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"3 4 methylenedioxyphenyl", "2h 1 3 benzodioxol 5 yl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	/* the fusion name of catalogues (P-25.3.1.3): "benzo[d][1,3]dioxol-5-yl" */
	{"1 3 benzodioxol 5 yl", "benzo d 1 3 dioxol 5 yl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"piperidin 4 yl", "4 piperidinyl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"piperidin 4 yl", "4 piperidyl", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* N- is position 1 of the piperidine ring */
	{"n phenethyl", "1 phenethyl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"n boc", "1 boc", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* parent and functional names */
	/* Hantzsch-Widman and hydro prefix names of piperidine (P-22.2.2, P-31.1.4.2.4) */
	{"piperidine", "azinane", NV_AT_WHOLE, NV_RULE_SYNONYM},
	{"piperidine", "hexahydropyridine", NV_AT_WHOLE, NV_RULE_SYNONYM},
	{"piperidine", "perhydropyridine", NV_AT_WHOLE, NV_RULE_SYNONYM},
	{"piperidin 4 one", "hexahydropyridin 4 one", NV_AT_WHOLE, NV_RULE_SYNONYM},
	/* a ketone as an oxo prefix (P-64.6): "4-oxopiperidine", "tetrahydro-4-pyridone" */
	{"piperidin 4 one", "4 oxopiperidine", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"4 piperidone", "tetrahydro 4 pyridone", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* ... with its indicated hydrogen (P-31.1.4.2.4): "tetrahydro-4(1H)-pyridinone" */
	{"4 piperidone", "tetrahydro 4 1h pyridinone", NV_AT_WHOLE, NV_RULE_SYNONYM},
	/* Greek locants of glycidic acid (2,3-epoxypropanoic acid): alpha = 2, beta = 3 */
	{"2 methyl 3 phenylglycid", "alpha methyl beta phenylglycid", NV_AT_PREFIX, NV_RULE_SYNONYM},
	/* pseudo- written as the Greek psi (normalised "psi") */
	{"pseudoephedrine", "psi ephedrine", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"piperidone", "piperidinone", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"acetic", "ethanoic", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"phenylacetone", "phenyl acetone", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"phenylacetic acid", "benzeneacetic acid", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"phenylacetic acid", "phenylethanoic acid", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"phenylacetonitrile", "benzeneacetonitrile", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"phenylacetamide", "benzeneacetamide", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"carbaldehyde", "carboxaldehyde", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"propanedioate", "malonate", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"propanedioic acid", "malonic acid", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"propanamide", "propionamide", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* 4-piperidone as sold, its hydrate: "4,4-piperidinediol hydrochloride" */
	{"4 piperidone", "4 4 piperidinediol", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"alpha phenylacetoaceto", "2 phenylacetoaceto", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"alpha phenylacetoaceto", "phenylacetoaceto", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"alpha phenylacetoacetamide", "2 phenylacetoacetamide", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* a bracketed prefix written apart: "3,4-(methylenedioxy)benzaldehyde" */
	{"methylenedioxybenzaldehyde", "methylenedioxy benzaldehyde", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"methylenedioxybenzene", "methylenedioxy benzene", NV_AT_PREFIX, NV_RULE_SYNONYM},
	{"methylenedioxyphenyl", "methylenedioxy phenyl", NV_AT_PREFIX, NV_RULE_SYNONYM},
	/* a prefix hyphenated to its parent: "4-oxo-piperidine", "N-acetyl-anthranilic acid" */
	{"oxopiperidine", "oxo piperidine", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"acetylanthranilic", "acetyl anthranilic", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/*
	 * Not "acetylanthranilic acid" without its N: its anion "acetylanthranilate"
	 * reads as the acetyl ester (OPSIN, tests/integration/structures_opsin.sh)
	 */
	/*
	 * ... and a located substituent written apart from its parent: "2-phenyl-
	 * butanoate"; never "phenyl acetic acid", whose anion "phenyl acetate" is
	 * the phenyl ester of acetic acid
	 */
	{"2 phenylbutanoate", "2 phenyl butanoate", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* the conjunctive name inside a glued prefix: "alpha-acetylbenzeneacetate" */
	{"acetylbenzeneacet", "acetylphenylacet", NV_AT_PREFIX, NV_RULE_SYNONYM},
	/* o-/ortho- (P-14.4): "o-aminobenzoic acid" */
	{"o", "ortho", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"2 acetamidobenzoic", "o acetamidobenzoic", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* the final "e" of a parent elided or kept before a vowel suffix (P-31.1.4.2.4) */
	{"piperidin 4 one", "piperidine 4 one", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"methyl ethyl ketone", "methylethyl ketone", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/*
	 * A substituent prefix written apart from its parent, as the trade
	 * writes it ("phenyl acetic acid", "phenyl acetone").  Leaves: no rule
	 * may go on from them, "phenyl acetate" is the phenyl ester of acetic
	 * acid, not the phenylacetate anion
	 */
	{"phenylacetic", "phenyl acetic", NV_AT_TOKEN | NV_LEAF, NV_RULE_SYNONYM},
	{"phenylacetone", "phenyl acetone", NV_AT_TOKEN | NV_LEAF, NV_RULE_SYNONYM},
	{"acetylanthranilic", "acetyl anthranilic", NV_AT_TOKEN | NV_LEAF, NV_RULE_SYNONYM},
	/*
	 * Red phosphorus as Hungarian and Polish also write it: the adjective
	 * apart ("vörös foszfor", the CN's "Vörösfoszfor") or after the noun
	 * ("fosfor czerwony", the CN's "Czerwony fosfor")
	 */
	{"vorosfoszfor", "voros foszfor", NV_AT_WHOLE | NV_LEAF, NV_RULE_LANGUAGE},
	{"czerwony fosfor", "fosfor czerwony", NV_AT_WHOLE | NV_LEAF, NV_RULE_LANGUAGE},
	/* ... and the Romance names of MEK written apart: "metil etil cetonă" */
	{"metiletilcetona", "metil etil cetona", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"metiletilchetone", "metil etil chetone", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* acetoacetic acid, the retained name of 3-oxobutanoic acid:
	 * "methyl 2-(3,4-methylenedioxyphenyl)acetoacetate" (MAMDPA) */
	{"3 oxobutanoate", "acetoacetate", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* retained and systematic names of butanoic acid (P-65.1.1.1) */
	{"butanoate", "butyrate", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"butanoic", "butyric", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* an oxirane-2-carboxylic acid as a 2,3-epoxypropanoic acid (BMK glycidic acid) */
	{"2 methyl 3 phenyloxirane 2 carboxylic", "2 3 epoxy 2 methyl 3 phenylpropanoic",
	NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"2 methyl 3 phenyloxirane 2 carboxylate", "2 3 epoxy 2 methyl 3 phenylpropanoate",
	NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* the piperidine nitrogen by its number: "4-anilino-1-phenethylpiperidine" */
	{"n phenethylpiperidine", "1 phenethylpiperidine", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* the fentanyl precursors named from another parent or order */
	{"n phenyl 1 2 phenylethyl piperidin 4 amine", "1 2 phenylethyl n phenylpiperidin 4 amine",
	NV_AT_WHOLE, NV_RULE_ORDER},
	{"n phenylpiperidin 4 amine", "n piperidin 4 yl aniline", NV_AT_WHOLE, NV_RULE_SYNONYM},
	/* an anilide is an N-phenyl amide: propionanilide is N-phenylpropanamide */
	{"n phenyl n piperidin 4 yl propanamide", "n piperidin 4 yl propionanilide", NV_AT_WHOLE,
	NV_RULE_SYNONYM},
	/*
	 * IMDPAM's systematic name (the act's footnote) the other ways it is
	 * written: the acetyl's locant 2 implied, the substituent glued or named
	 * as 3,4-methylenedioxyphenyl, and its CAS index name
	 */
#define NV_IMDPAM "5-2-1 3 benzodioxol 5 yl acetyl 2 2 dimethyl 1 3 dioxane 4 6 dione"
	{NV_IMDPAM, "5-1 3 benzodioxol 5 yl acetyl 2 2 dimethyl 1 3 dioxane 4 6 dione",
	NV_AT_WHOLE | NV_ONE_WAY, NV_RULE_IMPLIED_LOCANT},
	{NV_IMDPAM, "5-1 3 benzodioxol 5 ylacetyl 2 2 dimethyl 1 3 dioxane 4 6 dione",
	NV_AT_WHOLE | NV_ONE_WAY, NV_RULE_IMPLIED_LOCANT},
	{NV_IMDPAM, "5-3 4 methylenedioxyphenylacetyl 2 2 dimethyl 1 3 dioxane 4 6 dione",
	NV_AT_WHOLE | NV_ONE_WAY, NV_RULE_SYNONYM},
	{NV_IMDPAM, "1 3 dioxane 4 6 dione|5-2-1 3 benzodioxol 5 yl acetyl 2 2 dimethyl",
	NV_AT_WHOLE | NV_ONE_WAY, NV_RULE_CAS_INVERTED},
	/* INCB's names of the glycidic acids: "P-2-P methyl glycidic acid" */
	{"bmk glycidic", "p 2 p methyl glycidic", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"pmk glycidic", "3 4 mdp 2 p methyl glycidic", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* the implied locant of a CAS parent: "Oxiranecarboxylic acid, 2-methyl-3-phenyl-" */
	{"2 oxiranecarboxylic acid", "oxiranecarboxylic acid", NV_AT_START | NV_LEAF,
	NV_RULE_IMPLIED_LOCANT},
	/* "(3,4-methylenedioxyphenyl)acetyl" with its locant 2 implied (IMDPAM) */
	{"2-3 4 methylenedioxyphenyl acetyl", "3 4 methylenedioxyphenylacetyl", NV_AT_TOKEN,
	NV_RULE_IMPLIED_LOCANT},
	/* the trade's abbreviations of one ketone: BMK is P-2-P, PMK is 3,4-MDP-2-P */
	{"p 2 p", "bmk", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"3 4 mdp 2 p", "pmk", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"3 4 mdp 2 p", "mdp 2 p", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"mdp 2 p", "mdp2p", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/*
	 * The ergolines' ring hydrogens, as PubChem names them now and as
	 * before: "6,6a,8,9-tetrahydro-4H-indolo[4,3-fg]quinoline" /
	 * "4,6,6a,7,8,9-hexahydroindolo[4,3-fg]quinoline"
	 */
	{"6 6a 8 9 tetrahydro 4h indolo 4 3 fg quinoline",
	"4 6 6a 7 8 9 hexahydroindolo 4 3 fg quinoline", NV_AT_TOKEN, NV_RULE_INDICATED_H},
	/* a Greek locant glued to its number or apart: "8beta" / "8β" */
	{"8beta", "8 beta", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"8alpha", "8 alpha", NV_AT_TOKEN, NV_RULE_SYNONYM},

	{"2 phenylbutanoate", "2 phenylbutyrate", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"2 phenylbutanoic", "2 phenylbutyric", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"2 phenylbutanenitrile", "2 phenylbutyronitrile", NV_AT_TOKEN, NV_RULE_SYNONYM},
	{"2 phenylbutanamide", "2 phenylbutyramide", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/*
	 * The chloroephedrines in Spanish, Italian, Portuguese and Romanian
	 * ("cloroefedrina"; the normaliser writes efedr- as ephedr-)
	 */
	{"chloroephedrine", "cloroephedrina", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	{"chloropseudoephedrine", "cloropseudoephedrina", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	/*
	 * Spanish, Italian and Portuguese name a metal cation by a noun or an
	 * adjective: "permanganato de potasio" / "permanganato potásico"
	 */
	{"de potasio", "potasico", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	{"di potassio", "potassico", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	{"de potassio", "potassico", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	/*
	 * Polish names in the genitive, the form they take after a salt word
	 * ("chlorowodorek efedryny", "siarczan pseudoefedryny")
	 */
	{"ephedryna", "ephedryny", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	{"pseudoephedryna", "pseudoephedryny", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	{"norephedryna", "norephedryny", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	{"ergometryna", "ergometryny", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	{"ergotamina", "ergotaminy", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	{"piperydyna", "piperydyny", NV_AT_TOKEN, NV_RULE_LANGUAGE},
	/*
	 * P2P's name in the Bulgarian and Greek CN ("фенилпропан-2-он",
	 * "φαινυλοπροπανο-2-όνη") with the locants placed as in
	 * "1-phenyl-2-propanone": the locant rules know only Latin stems
	 */
	{"фенилпропан 2 он", "1 фенил 2 пропанон", NV_AT_WHOLE | NV_LEAF, NV_RULE_LOCANT},
	{"фенилпропан 2 он", "фенил 2 пропанон", NV_AT_WHOLE | NV_LEAF, NV_RULE_LOCANT},
	{"φαινυλοπροπανο 2 ονη", "1 φαινυλο 2 προπανονη", NV_AT_WHOLE | NV_LEAF, NV_RULE_LOCANT},
	{"φαινυλοπροπανο 2 ονη", "φαινυλο 2 προπανονη", NV_AT_WHOLE | NV_LEAF, NV_RULE_LOCANT},
	/* Latin titles of the European Pharmacopoeia monographs */
	{"potassium permanganate", "kalii permanganas", NV_AT_WHOLE, NV_RULE_LANGUAGE},
	{"hydrochloric acid", "acidum hydrochloridum", NV_AT_WHOLE, NV_RULE_LANGUAGE},
	{"sulfuric acid", "acidum sulfuricum", NV_AT_WHOLE, NV_RULE_LANGUAGE},
	{"acetone", "acetonum", NV_AT_WHOLE, NV_RULE_LANGUAGE},
	/* anaesthetic ether: Ph. Eur. "Aether anaestheticus", DAB "Aether pro narcosi" */
	{"diethyl ether", "aether anaestheticus", NV_AT_WHOLE, NV_RULE_LANGUAGE},
	{"diethyl ether", "aether pro narcosi", NV_AT_WHOLE, NV_RULE_LANGUAGE},
	/* oxidation number in the name (IUPAC 2005 inorganic, IR-5.4): sulfuric(VI) acid */
	{"sulfuric acid", "sulfuric vi acid", NV_AT_TOKEN, NV_RULE_SYNONYM},
	/* the sign of rotation is redundant beside R/S descriptors:
	 * "(1R,2S)-(-)-chloroephedrine" / "(1R,2S)-chloroephedrine" */
	{"1r 2s minus", "1r 2s", NV_AT_TOKEN | NV_ONE_WAY, NV_RULE_SYNONYM},
	{"1s 2r plus", "1s 2r", NV_AT_TOKEN | NV_ONE_WAY, NV_RULE_SYNONYM},
	{"1s 2s plus", "1s 2s", NV_AT_TOKEN | NV_ONE_WAY, NV_RULE_SYNONYM},
	{"1r 2r minus", "1r 2r", NV_AT_TOKEN | NV_ONE_WAY, NV_RULE_SYNONYM},
	/* indicated hydrogen (P-14.7): 1,3-benzodioxole needs none */
	{"2h 1 3 benzodioxol", "1 3 benzodioxol", NV_AT_PREFIX, NV_RULE_INDICATED_H},
	/* implied locants (P-14.3.4): only where no other position exists */
	{"2 propanone", "propanone", NV_AT_WHOLE, NV_RULE_IMPLIED_LOCANT},
	{"2 butanone", "butanone", NV_AT_WHOLE, NV_RULE_IMPLIED_LOCANT},
};

/*
 * Locant placement (P-14.3.2 / P-31.1.4): "<stem>an <locant> <suffix>" and
 * "<locant> <stem>an<suffix>" are the same name ("propan 2 one" /
 * "2 propanone"; "piperidin 4 amine" / "4 piperidinamine").  Parent stems
 * that take a suffix:
 */
static const char *const nv_stems[] = {
	"propan", "butan", "pentan", "ethan", "piperidin",
	/* rings of conjunctive and carboxylic names (P-15.6, P-65.1.2.2) */
	"oxirane", "piperidine", "benzodioxole", NULL
};

/* Suffixes written after a locant */
static const char *const nv_suffixes[] = {
	"one", "ol", "amine", "al",
	"carboxylic", "carboxylate", "carbaldehyde", "carboxaldehyde",
	"carbonitrile", "carboxamide", NULL
};

/*
 * Alcohol components of esters (P-65.6.3.2): "R X-ate" / "X-ic acid, R
 * ester".  Several tokens are allowed ("tert butyl").
 */
static const char *const nv_alkyls[] = {
	"methyl", "ethyl", "propyl", "isopropyl", "butyl", "isobutyl",
	"sec butyl", "tert butyl", "1 1 dimethylethyl", "benzyl", "pentyl",
	"dimethyl", "diethyl", "dipropyl", "dibutyl", NULL
};

/*
 * Substituent prefixes whose order may be alphanumerical (IUPAC, P-14.5)
 * or by locant (many registries): "3-oxo-2-phenylbutanoate" /
 * "2-phenyl-3-oxobutanoate".  Two adjacent "<locant> <prefix>" groups, the
 * second glued to its parent, are swapped.
 */
static const char *const nv_order_prefixes[] = {
	"oxo", "phenyl", "methyl", "ethyl", "amino", "methylamino", "hydroxy",
	"acetyl", "chloro", "methoxy", "benzyl", "phenylethyl", "propyl",
	"phenylacetyl", "anilino", "phenylamino", "phenethyl", NULL
};

/*
 * Cations of bases (P-73.1.1): "ephedrine" / "ephedrinium", the salt named
 * as "ephedrinium chloride".  Endings of the base's last word and of its
 * cation.
 */
static const struct
{
	const char *base;
	const char *cation;
}			nv_cations[] = {
	{"ine", "inium"},			/* ephedrine, piperidine */
	{"in", "inium"},			/* Ephedrin, Piperidin (German, Dutch) */
	/* the Latin of the pharmacopoeias: "Ephedrinum", "Ephedrini hydrochloridum" */
	{"ine", "inum"},
	{"ine", "ini"},
};

/*
 * French acid names (the French IUPAC translation): "X-ic acid" / "acide
 * X-ique", where the stem is spelled the same once accents are folded
 * ("acide 2-méthyl-3-phényloxirane-2-carboxylique").
 */
#define NV_ACID_EN		"ic acid"
#define NV_ACID_FR_HEAD	"acide "
#define NV_ACID_FR_TAIL	"ique"

/*
 * Romance (Spanish, Italian, Portuguese) spelling of an acid and its anion:
 * "anthranilic acid" / "acido antranilico", "phenylacetate" /
 * "fenilacetato"; German drops the final e of an anion ("Phenylacetat").
 * Letter groups rewritten inside the stem, in this order:
 */
static const struct
{
	const char *en;
	const char *ro;
}			nv_romance_letters[] = {
	{"ph", "f"}, {"th", "t"}, {"y", "i"},
};

#define NV_ROMANCE_ACID_HEAD	"acido "
#define NV_ROMANCE_ACID_TAIL	"ico"
#define NV_ROMANCE_ANION_TAIL	"ato"
#define NV_GERMAN_ANION_TAIL	"at"

/*
 * French ester names put the alcohol last: "methyl X-ate" / "X-ate de
 * méthyle" (accents are folded by the normaliser).
 */
static const struct
{
	const char *en;
	const char *fr;
}			nv_french_alkyls[] = {
	{"methyl ", " de methyle"}, {"ethyl ", " d ethyle"}, {"propyl ", " de propyle"},
	{"isopropyl ", " d isopropyle"}, {"butyl ", " de butyle"},
	{"tert butyl ", " de tert butyle"}, {"benzyl ", " de benzyle"},
	{"diethyl ", " de diethyle"},
};

/*
 * German names (the ordinary German of pharmacopoeias, customs texts and
 * catalogues): an "-ic acid" is its stem glued to "Säure" (normalised
 * "saure": "glycidic acid" / "Glycidsäure", "butanoic acid" /
 * "Butansäure"), with the stems German spells its own way first; the final
 * e of the other words goes ("piperidine" / "Piperidin", "oxirane" /
 * "Oxiran", "acetoacetamide" / "Acetoacetamid"); and a substituent word is
 * glued to the next ("benzyl methyl ketone" / "Benzylmethylketon",
 * "tert-butyl ester" / "tert-Butylester").  Suffixes, first match wins.
 */
static const struct
{
	const char *en;
	const char *de;
}			nv_german_acid_stems[] = {
	{"carboxylic", "carbon"}, {"acetic", "essig"}, {"formic", "ameisen"},
	{"benzoic", "benzoe"}, {"sulfuric", "schwefel"},
	{"hydrochloric", "chlorwasserstoff"}, {"propionic", "propion"},
	{"butyric", "butter"}, {"phosphoric", "phosphor"}, {"nitric", "salpeter"},
	{"oic", ""}, {"ic", ""},
};

#define NV_GERMAN_ACID	"saure"

/*
 * Words kept as they are in the German form, where dropping the final e
 * gives another substance's name in another language ("chloran" is Polish
 * for chlorate).
 */
static const char *const nv_german_kept[] = {
	"chlorane", "bromane", "iodane", "fluorane",
};

static const struct
{
	const char *en;
	const char *de;
}			nv_german_endings[] = {
	{"benzene", "benzol"}, {"toluene", "toluol"}, {"ketone", "keton"},
	{"one", "on"}, {"ine", "in"}, {"ane", "an"}, {"ene", "en"}, {"ide", "id"},
	{"ate", "at"}, {"ole", "ol"}, {"ile", "il"},
};

/*
 * Stereoisomers with a trivial name of their own, from the name of the
 * listed one (whole terms only): the C-8 epimers of the ergot alkaloids are
 * named with "-inine" (ergometrine / ergometrinine, ergotamine /
 * ergotaminine) and "iso-" (lysergic acid / isolysergic acid); "racephedrine"
 * is the INN of racemic ephedrine.  A hit on one is the listed substance in
 * the form "stereoisomer (<descriptor>)", or its racemate, where the entry
 * covers stereoisomers, and nothing where it does not.
 */
static const struct
{
	const char *name;
	const char *variant;
	const char *descriptor;
	/*
	 * Configurations written with the variant that are a compound the
	 * entry excludes: alternatives apart by '|', each a set of descriptor
	 * words all present ("(+)-norpseudoephedrine", "(1S,2S)-...": cathine,
	 * outside the Category 1 stereoisomer clause)
	 */
	const char *excluded;
}			nv_stereo_names[] = {
	{"ergometrine", "ergometrinine", "8 epimer", NULL},
	{"ergonovine", "ergonovinine", "8 epimer", NULL},
	{"ergotamine", "ergotaminine", "8 epimer", NULL},
	{"lysergic acid", "isolysergic acid", "8 epimer", NULL},
	{"ephedrine", "racephedrine", "rac", NULL},
	/* norephedrine is erythro; its threo diastereomers are norpseudoephedrine */
	{"norephedrine", "norpseudoephedrine", "threo", "plus|d|1s 2s"},
};

/*
 * Esters named the way the trade and seizure reports name them, the alcohol
 * between the abbreviation of the acid and the anion: "BMK glycidic acid" /
 * "BMK ethyl glycidate", "PMK glycidic acid" / "PMK methyl glycidate"
 * (whole terms "<abbreviation> glycidic acid"; the alcohols of nv_alkyls).
 * A hit is the acid in the form "ester (<alcohol>)", or the list's own entry
 * for that ester.
 */
static const char *const nv_trade_ester_abbrevs[] = {
	"bmk", "pmk", "p2p", "mdp2p", NULL
};
/* Straight-chain alcohols as the trade writes them in such names */
static const char *const nv_trade_ester_normal_alkyls[] = {
	"n propyl", "n butyl", NULL
};
#define NV_TRADE_ESTER_ACID		" glycidic acid"
#define NV_TRADE_ESTER_ANION	" glycidate"

/*
 * Stereo descriptors that may close a CAS index name as a clause of their
 * own ("Benzenemethanol, ..., (alphaR)-"): the name without them is a
 * variant (the stereo clause is then read as the form).  "(αR)" is
 * normalised to "ar", "(alphaR)" to "alphar".
 */
static const char *const nv_stereo_clause[] = {
	"ar", "as", "alphar", "alphas", "r", "s", "rs", "plus", "minus", "e", "z",
	"8beta", "8alpha", "betar", "betas", "r r", "s s", "r s", "s r",
	"alpha s beta r", "alpha r beta s", "alpha s beta s", "alpha r beta r",
	"alphas betar", "alphar betas", "alphas betas", "alphar betar",
	/* "(αS,βR)": the normaliser reads the alpha of "αS" as a Latin a */
	"as βr", "ar βs", "as βs", "ar βr",
	"r s rac", "rac",
	/* CAS's older relative descriptors: "[R-(R*,S*)]-", "[S-(R*,R*)]-" */
	"r r s", "s r s", "r r r", "s r r", NULL
};

/*
 * Words of a stereo descriptor that opens a name, besides a locant with its
 * configuration ("1s") and the sign of rotation: "(RS)-", "rac-", "DL-".
 */
static const char *const nv_stereo_prefix_words[] = {
	"r", "s", "rs", "sr", "rac", "dl", "plus", "minus", NULL
};

/*
 * Mineral acids, whose anion is not their stem + "-ate" ("sulfuric acid" /
 * "sulfate", "hydrochloric acid" / "chloride"): no anion variant, which
 * would be a word of its own ("sulfurate", a Romanian adjective).
 */
static const char *const nv_mineral_acids[] = {
	"sulfuric", "hydrochloric", "hydrobromic", "hydroiodic", "hydriodic",
	"hydrofluoric", "phosphoric", "carbonic", "chromic", NULL
};

/*
 * Last words that are never a parent of their own in a CAS inverted name
 * (inverting "2 methyl 3 phenyloxirane 2 carboxylic acid" at "carboxylic
 * acid" would give nonsense).
 */
static const char *const nv_not_parent[] = {
	"carboxylic", "carboxylate", "yl", "ester", "salt", "one", "ol",
	"amine", "al", "oxide", NULL
};

#endif							/* PRECURSOR_NAME_VARIANTS_RULES_H */
