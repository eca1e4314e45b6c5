#!/usr/bin/env python3
"""Generate the matching-engine benchmark corpus: realistic customs declaration
goods descriptions (~100 bytes, seven languages) with ground truth.

    python3 bench/corpus/generate.py [--rows N] [--seed S] > corpus.tsv

Output: tab-separated, no header, COPY text format (no tabs, newlines or
backslashes inside fields):

    id  lang  class  truth  text

truth is t when the text names a scheduled precursor of the shipped lists
outside a negated context, f otherwise.  class says how the row was made:

    clean       ordinary goods, no precursor
    exact       a shipped name or synonym as written (random case)
    foreign     a synonym in another language than the row's
    spacing     the term with its punctuation and spacing scrambled
    homoglyph   one or two Latin letters replaced by Cyrillic look-alikes
    misspelled  one edit (substitution, deletion, insertion, transposition)
                in a term of at least 12 letters: only fuzzy matching finds it
    form        a salt, hydrate or stereo form ("ephedrine HCl")
    cas         the CAS RN in one of the usual spellings ("CAS No. 103-79-7")
    negated     a precursor named in a negated context ("toluene-free")
    hardneg     an unscheduled chemical whose name contains a scheduled one's,
                or a product code containing an abbreviation ("NPPX-200")

The scheduled names come from data/precursors/ (the same source as the
shipped watchlists); everything else is invented here.  Deterministic for a
given seed.  Python 3 standard library only.
"""

import argparse
import csv
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "data", "precursors")

LANGS = ["en", "de", "fr", "es", "nl", "pl", "it"]

# Ordinary goods and unscheduled chemicals, per language.
GOODS = {
    "en": ["sodium chloride", "citric acid monohydrate", "glycerol", "ethanol 96%", "isopropanol",
           "calcium carbonate", "titanium dioxide", "sodium hydroxide pellets", "benzoic acid",
           "sorbitol solution", "urea granules", "ethyl acetate", "methanol", "xylene", "n-hexane",
           "paraffin wax", "polyvinyl chloride resin", "cotton t-shirts", "ceramic floor tiles",
           "stainless steel screws", "LED light bulbs", "printer paper A4", "wooden pallets",
           "olive oil", "frozen shrimp", "bicycle spare parts", "laboratory glassware",
           "silica gel desiccant", "sodium bicarbonate", "magnesium sulfate heptahydrate",
           "zinc oxide", "acrylic paint", "epoxy adhesive", "polyethylene film", "car tyres",
           "lithium ion batteries", "textile dyes", "vanilla extract", "menthol crystals",
           "stearic acid", "caprolactam", "phthalic anhydride", "maleic anhydride", "adipic acid"],
    "de": ["Natriumchlorid", "Zitronensäure", "Glycerin", "Ethanol 96 %", "Isopropanol",
           "Calciumcarbonat", "Titandioxid", "Natronlauge 50 %", "Benzoesäure", "Harnstoff",
           "Ethylacetat", "Methanol", "Xylol", "Paraffinwachs", "Baumwollhemden", "Keramikfliesen",
           "Edelstahlschrauben", "Holzpaletten", "Olivenöl", "Fahrradersatzteile", "Laborglas",
           "Kieselgel", "Natriumhydrogencarbonat", "Zinkoxid", "Acrylfarbe", "Epoxidkleber",
           "Polyethylenfolie", "Autoreifen", "Lithium-Ionen-Akkus", "Stearinsäure", "Maleinsäureanhydrid"],
    "fr": ["chlorure de sodium", "acide citrique", "glycérine", "éthanol 96 %", "isopropanol",
           "carbonate de calcium", "dioxyde de titane", "soude caustique", "acide benzoïque", "urée",
           "acétate d'éthyle", "méthanol", "xylène", "cire de paraffine", "t-shirts en coton",
           "carreaux de céramique", "vis en acier inoxydable", "palettes en bois", "huile d'olive",
           "pièces de vélo", "verrerie de laboratoire", "gel de silice", "oxyde de zinc",
           "peinture acrylique", "colle époxy", "film polyéthylène", "pneus", "anhydride maléique"],
    "es": ["cloruro de sodio", "ácido cítrico", "glicerina", "etanol 96 %", "isopropanol",
           "carbonato de calcio", "dióxido de titanio", "hidróxido de sodio", "ácido benzoico", "urea",
           "acetato de etilo", "metanol", "xileno", "cera de parafina", "camisetas de algodón",
           "baldosas cerámicas", "tornillos de acero inoxidable", "palets de madera", "aceite de oliva",
           "repuestos de bicicleta", "material de vidrio", "gel de sílice", "óxido de zinc",
           "pintura acrílica", "adhesivo epoxi", "película de polietileno", "neumáticos"],
    "nl": ["natriumchloride", "citroenzuur", "glycerine", "ethanol 96%", "isopropanol",
           "calciumcarbonaat", "titaandioxide", "natronloog", "benzoëzuur", "ureum", "ethylacetaat",
           "methanol", "xyleen", "paraffinewas", "katoenen t-shirts", "keramische tegels",
           "roestvrijstalen schroeven", "houten pallets", "olijfolie", "fietsonderdelen",
           "laboratoriumglaswerk", "silicagel", "zinkoxide", "acrylverf", "epoxylijm", "autobanden"],
    "pl": ["chlorek sodu", "kwas cytrynowy", "gliceryna", "etanol 96%", "izopropanol",
           "węglan wapnia", "dwutlenek tytanu", "wodorotlenek sodu", "kwas benzoesowy", "mocznik",
           "octan etylu", "metanol", "ksylen", "wosk parafinowy", "koszulki bawełniane",
           "płytki ceramiczne", "śruby ze stali nierdzewnej", "palety drewniane", "oliwa z oliwek",
           "części rowerowe", "szkło laboratoryjne", "żel krzemionkowy", "tlenek cynku", "opony"],
    "it": ["cloruro di sodio", "acido citrico", "glicerina", "etanolo 96%", "isopropanolo",
           "carbonato di calcio", "biossido di titanio", "idrossido di sodio", "acido benzoico", "urea",
           "acetato di etile", "metanolo", "xilene", "cera di paraffina", "magliette di cotone",
           "piastrelle in ceramica", "viti in acciaio inox", "pallet in legno", "olio d'oliva",
           "ricambi per biciclette", "vetreria da laboratorio", "gel di silice", "ossido di zinco"],
}

PACK = {
    "en": ["in 25 kg bags", "in 200 l drums", "in IBC containers", "on 20 pallets", "in cartons",
           "in 1 l bottles", "bulk", "in jerrycans", "in big bags"],
    "de": ["in 25-kg-Säcken", "in 200-l-Fässern", "in IBC-Containern", "auf 20 Paletten", "in Kartons",
           "in 1-l-Flaschen", "lose", "in Kanistern"],
    "fr": ["en sacs de 25 kg", "en fûts de 200 l", "en conteneurs GRV", "sur 20 palettes", "en cartons",
           "en bouteilles de 1 l", "en vrac", "en bidons"],
    "es": ["en sacos de 25 kg", "en bidones de 200 l", "en contenedores IBC", "en 20 palets", "en cajas",
           "en botellas de 1 l", "a granel", "en garrafas"],
    "nl": ["in zakken van 25 kg", "in vaten van 200 l", "in IBC-containers", "op 20 pallets", "in dozen",
           "in flessen van 1 l", "los gestort", "in jerrycans"],
    "pl": ["w workach 25 kg", "w beczkach 200 l", "w kontenerach IBC", "na 20 paletach", "w kartonach",
           "w butelkach 1 l", "luzem", "w kanistrach"],
    "it": ["in sacchi da 25 kg", "in fusti da 200 l", "in cisternette IBC", "su 20 pallet", "in cartoni",
           "in bottiglie da 1 l", "sfuso", "in taniche"],
}

EXTRA = {
    "en": ["technical grade", "for industrial use", "origin {cc}", "invoice {inv}", "batch {lot}",
           "HS code {hs}", "net weight {w} kg", "purity 99%", "food grade"],
    "de": ["technische Qualität", "für industrielle Verwendung", "Ursprung {cc}", "Rechnung {inv}",
           "Charge {lot}", "Zolltarifnummer {hs}", "Nettogewicht {w} kg"],
    "fr": ["qualité technique", "à usage industriel", "origine {cc}", "facture {inv}", "lot {lot}",
           "code SH {hs}", "poids net {w} kg"],
    "es": ["calidad técnica", "para uso industrial", "origen {cc}", "factura {inv}", "lote {lot}",
           "código SA {hs}", "peso neto {w} kg"],
    "nl": ["technische kwaliteit", "voor industrieel gebruik", "oorsprong {cc}", "factuur {inv}",
           "partij {lot}", "GS-code {hs}", "nettogewicht {w} kg"],
    "pl": ["jakość techniczna", "do użytku przemysłowego", "pochodzenie {cc}", "faktura {inv}",
           "partia {lot}", "kod HS {hs}", "waga netto {w} kg"],
    "it": ["qualità tecnica", "per uso industriale", "origine {cc}", "fattura {inv}", "lotto {lot}",
           "codice SA {hs}", "peso netto {w} kg"],
}

NEGATION = {
    "en": ["{t}-free", "free of {t}", "does not contain {t}", "other than {t}", "excluding {t}",
           "not containing {t}", "except {t}"],
    "de": ["ohne {t}", "{t}-frei", "frei von {t}", "enthält kein {t}"],
    "fr": ["sans {t}", "exempt de {t}", "ne contient pas de {t}"],
    "es": ["sin {t}", "libre de {t}", "no contiene {t}"],
    "nl": ["zonder {t}", "vrij van {t}", "bevat geen {t}"],
    "pl": ["bez {t}", "nie zawiera {t}"],
    "it": ["senza {t}", "privo di {t}", "non contiene {t}"],
}

# Unscheduled chemicals whose names contain a scheduled one's, and product
# codes that contain a short abbreviation.  Ground truth: no precursor.
HARD_NEGATIVES = ["acetone cyanohydrin", "toluene diisocyanate", "piperonyl butoxide",
                  "acetic acid glacial", "ephedra herb powder", "safflower oil",
                  "NPPX-200 pump", "pump model BMKW-3", "PMKG spare filter", "APAANA valve",
                  "ANPPL connector", "piperazine citrate", "anthranilate esters blend",
                  "phenylacetaldehyde dimethyl acetal", "potassium permanganate-free cleaner"]
# the last one is negated, so also truth f

SALTS = ["HCl", "hydrochloride", "sulfate", "sulphate", "tartrate", "monohydrate"]
STEREO = ["(-)-", "(+)-", "(1R,2S)-(-)-", "(±)-", "DL-", "rac-", "(S)-"]
CAS_FORMS = ["CAS {c}", "CAS No. {c}", "CAS#{c}", "CAS-Nr. {c}", "(CAS RN {c})", "CAS: {c}", "cas {c}"]
HOMOGLYPHS = {"a": "\u0430", "e": "\u0435", "o": "\u043e", "c": "\u0441", "p": "\u0440",
              "x": "\u0445", "i": "\u0456"}
COUNTRIES = ["CN", "IN", "DE", "NL", "US", "TR", "PL", "ES", "IT", "FR", "BE", "KR", "JP", "MX", "BR"]
UNITS = ["kg", "l", "t", "pcs", "units", "kg net"]


def load_terms():
    """Scheduled names: [(term, lang, cas)] and the CAS numbers."""
    terms = []
    cas_numbers = set()
    with open(os.path.join(DATA, "substances.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["category"] == "4":
                continue      # "Medicinal products ... containing ephedrine": not a name
            name = row["name"]
            cas = row["cas"].strip()
            if cas:
                cas_numbers.add(cas)
            m = re.match(r"^(.*?)\s*\(([^()]*)\)\s*$", name)
            # "Alpha-phenylacetoacetonitrile (APAAN)": the bracket is an
            # abbreviation; "Isosafrol (cis + trans)" is not
            if m and re.match(r"^[A-Za-z0-9][A-Za-z0-9-]*$", m.group(2)):
                terms.append((m.group(1), "en", cas))
                terms.append((m.group(2), "en", cas))
            else:
                terms.append((name, "en", cas))
    with open(os.path.join(DATA, "synonyms.csv"), newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            terms.append((row["synonym"], row["lang"], row["cas"]))
    # keep terms that are plain enough to write in a goods description
    terms = [t for t in terms if 2 <= len(t[0]) <= 60]
    return terms, sorted(cas_numbers)


def norm_words(s):
    return re.sub(r"[^0-9a-z]+", " ", s.lower()).strip()


def check_vocabulary(terms):
    """No ordinary goods phrase may contain a scheduled term as whole words."""
    tset = [" " + norm_words(t) + " " for t, _, _ in terms if len(norm_words(t)) >= 3]
    for lang, goods in GOODS.items():
        for g in goods:
            ng = " " + norm_words(g) + " "
            for t in tset:
                if t in ng:
                    sys.exit("vocabulary item %r contains scheduled term %r" % (g, t.strip()))


def scramble_spacing(rng, t):
    """Spaces around commas and hyphens between letters or digits, other
    dashes; never touches the sign in "(-)" or "(+)"."""
    t = re.sub(r"(?<=[0-9]),(?=[0-9])", rng.choice([" ,", ", ", " , ", ","]), t)
    t = re.sub(r"(?<=[0-9A-Za-z])-(?=[0-9A-Za-z])", rng.choice([" -", "- ", " ", "-", "\u2013"]), t)
    return t


def homoglyph(rng, t):
    idx = [i for i, ch in enumerate(t) if ch in HOMOGLYPHS]
    if not idx:
        return None
    chars = list(t)
    for i in rng.sample(idx, min(len(idx), rng.choice([1, 2]))):
        chars[i] = HOMOGLYPHS[chars[i]]
    return "".join(chars)


def misspell(rng, t):
    letters = [i for i, ch in enumerate(t) if ch.isalpha()]
    if len(letters) < 12:
        return None
    i = rng.choice(letters[2:-2])
    op = rng.randrange(4)
    alpha = "abcdefghijklmnopqrstuvwxyz"
    if op == 0:
        c = rng.choice([a for a in alpha if a != t[i].lower()])
        return t[:i] + c + t[i + 1:]
    if op == 1:
        return t[:i] + t[i + 1:]
    if op == 2:
        return t[:i] + rng.choice(alpha) + t[i:]
    if t[i + 1].isalpha() and t[i + 1] != t[i]:
        return t[:i] + t[i + 1] + t[i] + t[i + 2:]
    return t[:i] + t[i + 1:]


def random_case(rng, t):
    r = rng.random()
    if r < 0.5:
        return t
    if r < 0.7:
        return t.upper()
    if r < 0.9:
        return t.lower()
    return t[:1].upper() + t[1:]


class Gen:
    def __init__(self, seed):
        self.rng = random.Random(seed)
        self.terms, self.cas = load_terms()
        check_vocabulary(self.terms)
        self.by_lang = {}
        for t in self.terms:
            self.by_lang.setdefault(t[1], []).append(t)
        self.long_terms = [t for t in self.terms if sum(ch.isalpha() for ch in t[0]) >= 12]
        self.glyph_terms = [t for t in self.terms if any(ch in HOMOGLYPHS for ch in t[0])]
        self.form_terms = [t for t in self.terms
                           if t[0].lower() in ("ephedrine", "pseudoephedrine", "norephedrine",
                                               "ergometrine", "ergotamine", "efedryna", "ephedrin",
                                               "efedrina", "éphédrine", "pseudoefedrina")]

    def filler(self, lang):
        rng = self.rng
        e = rng.choice(EXTRA[lang])
        return e.format(cc=rng.choice(COUNTRIES), inv="%s-%05d" % (rng.choice("ABCDEFGH"), rng.randrange(100000)),
                        lot="%04d%s" % (rng.randrange(10000), rng.choice("ABCXYZ")),
                        hs="%04d %02d %02d" % (rng.choice([2811, 2905, 3402, 3824, 3923, 6403, 8471]),
                                               rng.randrange(100), rng.randrange(100)),
                        w=rng.randrange(10, 25000))

    def line(self, lang, product):
        """Quantity, product, packaging, then fillers up to ~100 bytes."""
        rng = self.rng
        qty = "%d %s" % (rng.choice([1, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2400]), rng.choice(UNITS))
        parts = [qty + " " + product, rng.choice(PACK[lang])]
        target = rng.randint(80, 120)
        while len(", ".join(parts).encode()) < target - 15:
            parts.append(self.filler(lang))
        if rng.random() < 0.3:
            parts.insert(1, rng.choice(GOODS[lang]))
        return ", ".join(parts)

    def pick(self, pool):
        return self.rng.choice(pool)

    def row(self):
        rng = self.rng
        lang = rng.choice(LANGS)
        r = rng.random()
        goods = rng.choice(GOODS[lang])
        if r < 0.93:
            return lang, "clean", False, self.line(lang, goods)
        r = rng.random()
        if r < 0.18:
            t = self.pick(self.by_lang.get(lang) or self.terms)
            return lang, "exact", True, self.line(lang, random_case(rng, t[0]))
        if r < 0.28:
            t = self.pick(self.terms)
            return lang, "foreign", True, self.line(lang, t[0])
        if r < 0.36:
            t = self.pick(self.terms)
            return lang, "spacing", True, self.line(lang, scramble_spacing(rng, t[0]))
        if r < 0.44:
            t = self.pick(self.glyph_terms)
            return lang, "homoglyph", True, self.line(lang, homoglyph(rng, t[0]))
        if r < 0.54:
            t = self.pick(self.long_terms)
            return lang, "misspelled", True, self.line(lang, misspell(rng, t[0]))
        if r < 0.62:
            t = self.pick(self.form_terms)
            if rng.random() < 0.5:
                p = t[0] + " " + rng.choice(SALTS)
            else:
                p = rng.choice(STEREO) + t[0]
            return lang, "form", True, self.line(lang, p)
        if r < 0.72:
            c = rng.choice(CAS_FORMS).format(c=rng.choice(self.cas))
            return lang, "cas", True, self.line(lang, goods + " " + c)
        if r < 0.86:
            t = self.pick(self.by_lang.get(lang) or self.terms)
            neg = rng.choice(NEGATION[lang]).format(t=t[0].lower())
            return lang, "negated", False, self.line(lang, goods + " " + neg)
        h = rng.choice(HARD_NEGATIVES)
        return lang, "hardneg", False, self.line(lang, h)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", type=int, default=1000000)
    ap.add_argument("--seed", type=int, default=20241126)
    args = ap.parse_args()
    g = Gen(args.seed)
    out = sys.stdout
    for i in range(1, args.rows + 1):
        lang, cls, truth, text = g.row()
        text = text.replace("\t", " ").replace("\n", " ").replace("\\", "/")
        out.write("%d\t%s\t%s\t%s\t%s\n" % (i, lang, cls, "t" if truth else "f", text))


if __name__ == "__main__":
    main()
