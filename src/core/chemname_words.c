/*
 * chemname_words.c
 *		The closed vocabularies of chemical names as the trade writes them:
 *		stereo descriptors, salt and hydrate words, cations, grades, units,
 *		ester alkyls, class words of other compounds.  One table per list, a
 *		chemist can read and extend; chem_tok_vocab() looks a token up in all
 *		of them with one hash.  No PostgreSQL here.
 *
 * A token is recognised only by exact equality, never as a prefix, so
 * "hydrochlorothiazide" or "acetone cyanohydrin" are never cut.
 */
#include "chemname_int.h"

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
	/* "(alphaR)", "(8beta)" closing a CAS index name */
	"alphar", "alphas", "8beta", "8alpha", "betar", "betas",
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
	"salt", "salz", "sel", "sal", "salts", "salze", "sels", "sales", "sali",
	"zouten", "zout",
	/* Italian and Dutch */
	"cloridrato", "solfato", "bromidrato", "sulfaat", "tartraat", "citraat",
	"maleaat", "fosfaat", "bitartraat",
	/* Latin of the pharmacopoeias: "Ephedrini hydrochloridum", "Ergotamini tartras" */
	"hydrochloridum", "hydrobromidum", "sulfas", "tartras", "maleas", "citras",
	"phosphas", "hydrogenotartras",
	/* German glued cation + salt: "Natriumsalz" */
	"natriumsalz", "kaliumsalz", "dihydrochlorid", "bitartrat", "hemisulfat",
	/* Scandinavian, Finnish, Hungarian, Slovene, Croatian, Baltic, Romanian */
	"hydroklorid", "hydrokloridi", "hidroklorid", "hidrochloridas",
	"hidrohlorids", "clorhidrat", "sulfaatti", "szulfat", "sulfatas",
	"tartraatti", "vetytartraatti", "maleaatti", "sitraatti", "fosfaatti",
	"hydrobromidi", "oksalaatti", "mesilaatti",
	/* Polish and Czech after the base ("pseudoefedryny chlorowodorek") */
	"chlorowodorek", "dichlorowodorek", "bromowodorek", "siarczan", "winian",
	"wodorowinian", "cytrynian", "maleinian", "fosforan", "szczawian",
	"siran", "vinan", "maleinan",
	/* chloride in Scandinavian and Estonian ("efedrinklorid"), tannate */
	"klorid", "kloriid", "tannate", "tannat",
	/* Bulgarian; Greek (normalised: no accents, final sigma as σ) */
	"хидрохлорид", "хидробромид", "сулфат", "тартарат", "малеат", "цитрат",
	"фосфат",
	"υδροχλωρικη", "υδροχλωρικο", "υδροχλωρικοσ", "υδροβρωμικη", "θειικη",
	"θειικο", "θειικοσ", "τρυγικη", "κιτρικη", "φωσφορικη", "μηλεινικη",
	NULL
};

/* Salts written before the base with a connector: "chlorhydrate de ..." */
static const char *const lead_salt_words[] = {
	"chlorhydrate", "bromhydrate", "sulfate", "tartrate", "citrate",
	"phosphate", "maleate", "clorhidrato", "bromhidrato", "sulfato",
	"tartrato", "citrato", "fosfato", "maleato", "cloridrato", "solfato",
	"hydrochloride", "hydrobromide", "clorhidrat",
	/* Romanian: "maleat de ergometrină", "sulfat de efedrină" */
	"maleat", "sulfat", "tartrat", "citrat", "fosfat",
	/* "salts of ephedrine", "Salze von ...", "sels de ..." */
	"salts", "salt", "salze", "sels", "sales", "sali", "zouten", "sais",
	NULL
};

/*
 * Salts written before the base with no connector, the base in the genitive
 * (Polish, Czech, Slovak): "chlorowodorek efedryny", "siarczan efedryny",
 * "hydrochlorid efedrinu", "síran pseudoefedrinu"; and the Greek adjective
 * before the base, "υδροχλωρική εφεδρίνη".
 */
static const char *const lead_salt_bare_words[] = {
	"chlorowodorek", "dichlorowodorek", "bromowodorek", "siarczan",
	"wodorosiarczan", "winian", "wodorowinian", "cytrynian", "maleinian",
	"fosforan", "szczawian",
	"hydrochlorid", "dihydrochlorid", "hydrobromid", "siran", "hydrogensiran",
	"vinan", "hydrogenvinan", "maleinan", "fosforecnan", "sulfat",
	/* Greek names the salt with an adjective before the base: "υδροχλωρική εφεδρίνη" */
	"υδροχλωρικη", "υδροχλωρικο", "υδροχλωρικοσ", "υδροβρωμικη", "θειικη",
	"θειικο", "θειικοσ", "τρυγικη", "κιτρικη", "φωσφορικη", "μηλεινικη",
	NULL
};

/*
 * Esters named before the acid with a connector: "esters of phenylacetic
 * acid", "Ester der Phenylessigsäure", "esteri dell'acido ...": an ester of
 * the acid, the alcohol not named (CN descriptions in 24 languages).
 */
static const char *const lead_ester_words[] = {
	"ester", "esters", "estere", "esteri", "esteres", "estery", "estrai",
	"estri", "esterit", "esterid", "esterek", "estrar", "estre", "estrene",
	"esteriai", "esterji", "esterov", "estertyp", "eszter", "eszterek",
	"eszterei", "estrid",
	NULL
};

/*
 * The alcohol of an ester as a Romance adjective between the ester word and
 * the acid: "ester éthylique de l'acide ...", "éster metílico del ácido ..."
 */
static const char *const alkyl_adjective_words[] = {
	"methylique", "ethylique", "propylique", "isopropylique", "butylique",
	"benzylique", "metilico", "etilico", "propilico", "isopropilico",
	"butilico", "benzilico", "metilica", "etilica", "metilic", "etilic",
	NULL
};

static const char *const connector_words[] = {
	"de", "d", "di", "del", "of", "du", "do", "da",
	/* with an article: "esters of the", "Ester der", "sels de l'" */
	"the", "der", "des", "von", "van", "l", "dell", "della", "dello", "degli",
	"dos", "das", "la", "el", "kyseliny",
	/* Danish, Swedish, Maltese: "Estere af", "Estrar av", "Esteri tal-" */
	"af", "av", "tal", "ta",
	NULL
};

/* "and", "or" in the EU languages: "esters of X and Y", "X ja Y estrid" */
static const char *const conjunction_words[] = {
	"and", "or", "und", "oder", "et", "ou", "y", "o", "e", "ja", "og", "och",
	"en", "es", "i", "a", "un", "ir", "u", "agus", "eller", "tai", "ili",
	"lub", "alebo", "nebo", "ali", "vagy", "arba", "vai", "sau", "si",
	NULL
};

/* Cations named before "salt" ("sodium salt") */
static const char *const cation_words[] = {
	"sodium", "potassium", "natrium", "kalium", "calcium", "lithium",
	"magnesium", "ammonium", "disodium", "dipotassium", "monosodium",
	"sodique", "potassique", "sodico", "potasico",
	"na", "k", "li", "sodio", "potassio", "potasio", "litio", "calcio",
	"barium", "zinc", "copper", "aluminum", "hydroxylamine", "strontium",
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
	/* titrated solutions: "0.1 N volumetric solution", "solution titrée" */
	"volumetric", "titrated", "titree", "standardised", "standardized",
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
	"cyclohexyl", "methylethyl", "methylpropyl", "ethylhexyl", "glyceryl",
	"glycerol", "isoamyl", "isopentyl", "phenethyl", "mono",
	/* the alcohol after the anion: "phénylacétate de méthyle" */
	"methyle", "ethyle", "propyle", "isopropyle", "butyle", "benzyle",
	"metilo", "etilo", "propilo", "butilo", "bencilo", "metile", "etile",
	"pentyle", "hexyle", "allyle", "octyle", "isobutyle", "phenethyle",
	/* systematic alkyl names, their locants apart: "2-phenylethyl", "3-methylbutyl" */
	"phenylethyl", "methylbutyl", "dimethylethyl",
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
	/* derivatives named with a class word after the parent */
	"carbamate", "carbamates", "dicarbamate", "diacetate", "oxazolidine",
	"ozonide", "morpholide", "piperidide", "pyrrolidide", "acetonide",
	"complex", "komplex", "etherate", "bisulfite", "ketoxime", "dithiol",
	"hemiacetal", "hemiketal", "dioxolane", "semicarbazide",
	/* the same in German, Dutch, French */
	"diisocyanat", "oxim", "cyanhydrin", "peroxid", "cyanohydrine",
	"carbonsaure", "carbonzuur", "carboxamid",
	"diisocyanaat", "peroxyde", "anhydrid", "anhidrid", "anhidrido",
	"diperoxide", "triperoxide", "diperoxid", "isocyanaat", "isocyanat",
	/* Spanish, Italian, Portuguese, French: before the parent, "X de Y" */
	"peroxido", "perossido", "oxima", "ossima", "cianhidrina", "cianidrina",
	"cyanhydrine", "hidrazona", "idrazone", "amida", "ammide", "dietilamida",
	"dietilammide", "diisocianato", "isocianato",
	"like", "mustard", "dichloride", "monoamide", "trioxime", "diazonium",
	NULL
};

/*
 * Words that may stand between a parent and its class word: "butanone
 * ethylene ketal", "piperonal diethyl acetal", "acetone methyl enol ether",
 * "boron trifluoride diethyl ether complex".
 */
static const char *const class_modifier_words[] = {
	"ethylene", "propylene", "trimethylene", "neopentyl", "dimethyl",
	"diethyl", "dipropyl", "methyl", "ethyl", "glycol", "enol", "cyclic",
	"sodium", "potassium", "ether", "n", "mono", "bis", "glycerol",
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
	/* concentrations: "1 mol/l", "0,1 mmol" */
	"mol", "mmol", "kmol", "ppm", "ppb", "cl", "dl",
	NULL
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
	{lead_ester_words, V_LEAD_ESTER}, {class_modifier_words, V_CLASS_MODIFIER},
	{conjunction_words, V_CONJUNCTION}, {lead_salt_bare_words, V_LEAD_SALT_BARE},
	{alkyl_adjective_words, V_ALKYL_ADJECTIVE},
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
uint32_t
chem_tok_vocab(const char *norm, Tok t)
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

/* "1r", "2s", "4ar", "2e", "3z", "1rs": a locant with a descriptor */
bool
chem_is_locant_descriptor(const char *norm, Tok t)
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

bool
chem_is_stereo(const char *norm, Tok t)
{
	return tok_in(norm, t, V_STEREO) || chem_is_locant_descriptor(norm, t);
}

/* "diethylester", "butylester": an alcohol glued to "ester" (German) */
bool
chem_is_glued_ester(const char *norm, Tok t)
{
	size_t		n = t.e - t.s;

	return n >= 9 && memcmp(norm + t.e - 5, "ester", 5) == 0 &&
		memcmp(norm + t.e - 7, "yl", 2) == 0;
}

/* Other names of the alcohols of the lists' own ester entries */
static const struct
{
	const char *other;
	const char *usual;
}			alcohol_names[] = {
	{"1 methylpropyl", "sec butyl"}, {"butan 2 yl", "sec butyl"},
	{"2 butyl", "sec butyl"}, {"s butyl", "sec butyl"},
	{"1 1 dimethylethyl", "tert butyl"}, {"2 methylpropan 2 yl", "tert butyl"},
	{"t butyl", "tert butyl"},
	{"2 methylpropyl", "isobutyl"}, {"1 methylethyl", "isopropyl"},
	{"propan 2 yl", "isopropyl"}, {"2 propyl", "isopropyl"},
	{"n butyl", "butyl"}, {"n propyl", "propyl"},
	{"methyle", "methyl"}, {"ethyle", "ethyl"}, {"propyle", "propyl"},
	{"isopropyle", "isopropyl"}, {"butyle", "butyl"}, {"isobutyle", "isobutyl"},
	{"methylique", "methyl"}, {"ethylique", "ethyl"}, {"propylique", "propyl"},
	{"isopropylique", "isopropyl"}, {"butylique", "butyl"},
	{"metilico", "methyl"}, {"etilico", "ethyl"}, {"propilico", "propyl"},
	{"isopropilico", "isopropyl"}, {"butilico", "butyl"}, {"metilica", "methyl"},
	{"etilica", "ethyl"}, {"metilic", "methyl"}, {"etilic", "ethyl"},
	{"metilo", "methyl"}, {"etilo", "ethyl"}, {"propilo", "propyl"},
	{"butilo", "butyl"}, {"metile", "methyl"}, {"etile", "ethyl"},
};

const char *
chemname_alcohol_usual(const char *alcohol)
{
	size_t		i;

	for (i = 0; i < sizeof(alcohol_names) / sizeof(alcohol_names[0]); i++)
		if (strcmp(alcohol, alcohol_names[i].other) == 0)
			return alcohol_names[i].usual;
	return alcohol;
}
