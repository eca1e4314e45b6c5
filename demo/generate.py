#!/usr/bin/env python3
"""Generate a realistic, deterministic set of customs declarations for the
precursor demo, with planted diversions and their ground truth.

    demo/generate.py [--rows N] [--seed S] OUTDIR

writes OUTDIR/declarations.csv (what a customs system would export) and
OUTDIR/truth.csv (decl_id, planted, substance): which rows were planted and
as what, so the report can show how many of them the trigger caught.

Most rows are ordinary trade (unscheduled chemicals and goods, in several
languages, with their CN codes), some are ordinary trade in scheduled
chemicals (small solvent shipments under the thresholds), and about 2% are
planted: obfuscated names (look-alike letters, misspellings, odd spacing),
consignments split to stay under a threshold, misdeclared or concealing CN
codes, designer precursors (glycidic acid esters and salts), a CAS RN with a
vague description, large shipments over thresholds, and probes that must
NOT alert (negated mentions, a flavouring that looks like a glycidate).
"""
import argparse
import csv
import datetime
import os
import random

# Unscheduled goods: (description per language, CN code, unit, typical quantity range)
ORDINARY = [
    ({"en": "Citric acid anhydrous, 25 kg bags", "de": "Zitronensäure wasserfrei, Säcke 25 kg",
      "fr": "Acide citrique anhydre, sacs de 25 kg", "es": "Ácido cítrico anhidro, sacos 25 kg"},
     "2918 14 00", "kg", (100, 20000)),
    ({"en": "Sodium chloride, industrial grade", "de": "Natriumchlorid, technisch",
      "pl": "Chlorek sodu techniczny"}, "2501 00 91", "t", (1, 40)),
    ({"en": "Polyethylene granules LDPE", "it": "Granuli di polietilene LDPE",
      "nl": "Polyetheen granulaat LDPE"}, "3901 10 10", "kg", (500, 24000)),
    ({"en": "Ethanol 96% denatured", "fr": "Éthanol 96 % dénaturé", "es": "Etanol 96% desnaturalizado"},
     "2207 20 00", "l", (200, 20000)),
    ({"en": "Isopropyl alcohol 99.9%", "de": "Isopropanol 99,9 %", "nl": "Isopropylalcohol 99,9%"},
     "2905 12 00", "l", (20, 5000)),
    ({"en": "Methanol, bulk", "pl": "Metanol luzem"}, "2905 11 00", "t", (5, 30)),
    ({"en": "Glycerol, refined, pharmaceutical grade", "fr": "Glycérine raffinée"},
     "1520 00 00", "kg", (200, 10000)),
    ({"en": "Sodium hydroxide pellets", "de": "Natriumhydroxid Plätzchen", "es": "Hidróxido de sodio en perlas"},
     "2815 11 00", "kg", (100, 20000)),
    ({"en": "Calcium carbonate powder", "it": "Carbonato di calcio in polvere"},
     "2836 50 00", "t", (1, 25)),
    ({"en": "Titanium dioxide pigment", "de": "Titandioxid Pigment"}, "3206 11 00", "kg", (500, 20000)),
    ({"en": "Ethyl acetate 99.5%", "fr": "Acétate d'éthyle 99,5 %", "pl": "Octan etylu 99,5%"},
     "2915 31 00", "kg", (150, 15000)),
    ({"en": "Acetic acid glacial 99.8%", "de": "Essigsäure 99,8 %", "es": "Ácido acético glacial"},
     "2915 21 00", "kg", (200, 20000)),
    ({"en": "Benzoic acid, food grade", "fr": "Acide benzoïque qualité alimentaire"},
     "2916 31 00", "kg", (25, 2000)),
    ({"en": "Stearic acid flakes"}, "3823 11 00", "kg", (500, 20000)),
    ({"en": "Caffeine anhydrous USP", "de": "Koffein wasserfrei"}, "2939 30 00", "kg", (25, 1000)),
    ({"en": "Vanillin crystals", "fr": "Vanilline cristallisée"}, "2912 41 00", "kg", (25, 500)),
    ({"en": "Hydrogen peroxide 35%", "nl": "Waterstofperoxide 35%"}, "2847 00 00", "kg", (100, 20000)),
    ({"en": "Sodium bicarbonate", "es": "Bicarbonato de sodio"}, "2836 30 00", "kg", (500, 20000)),
    ({"en": "Nitrile examination gloves", "de": "Nitril-Untersuchungshandschuhe"}, "4015 19 00", "kg", (100, 5000)),
    ({"en": "Stainless steel hexagon bolts M8", "it": "Bulloni esagonali in acciaio inox M8"},
     "7318 15 88", "kg", (50, 5000)),
    ({"en": "Cotton T-shirts, men's", "fr": "T-shirts en coton pour hommes"}, "6109 10 00", "kg", (100, 3000)),
    ({"en": "LED lamps E27", "pl": "Lampy LED E27"}, "8539 52 00", "kg", (50, 2000)),
    ({"en": "Laboratory glassware, borosilicate", "de": "Laborglas Borosilikat"}, "7017 20 00", "kg", (10, 500)),
    ({"en": "Olive oil extra virgin", "es": "Aceite de oliva virgen extra", "it": "Olio extravergine di oliva"},
     "1509 20 00", "l", (500, 20000)),
    ({"en": "Lubricating oil SAE 10W-40", "nl": "Smeerolie SAE 10W-40"}, "2710 19 81", "l", (200, 20000)),
    ({"en": "Epoxy resin, liquid", "de": "Epoxidharz flüssig"}, "3907 30 00", "kg", (100, 10000)),
    ({"en": "Polyvinyl chloride suspension resin", "fr": "Polychlorure de vinyle en suspension"},
     "3904 10 00", "t", (5, 25)),
    ({"en": "Sorbitol 70% solution"}, "2905 44 91", "kg", (1000, 20000)),
    ({"en": "Urea fertiliser, granular", "pl": "Mocznik nawozowy granulowany"}, "3102 10 10", "t", (5, 30)),
    ({"en": "Printing paper A4, 80 g/m2"}, "4802 56 20", "kg", (500, 20000)),
]

# Scheduled chemicals in ordinary (small) trade: name, CN, unit, range under threshold
SMALL_SCHEDULED = [
    ("Acetone, technical grade", "2914 11 00", "kg", (5, 45)),
    ("Toluene 99%", "2902 30 00", "kg", (5, 45)),
    ("MEK (methyl ethyl ketone)", "2914 12 00", "kg", (5, 45)),
    ("Sulphuric acid 96%", "2807 00 00", "kg", (10, 90)),
    ("Hydrochloric acid 33%", "2806 10 00", "kg", (10, 90)),
    ("Diethyl ether, analytical", "2909 11 00", "kg", (1, 15)),
]

HOMOGLYPH = {"a": "а", "e": "е", "o": "о", "p": "р", "c": "с", "x": "х", "i": "і"}

COUNTRIES_EU = ["NL", "DE", "BE", "FR", "PL", "ES", "IT", "CZ", "AT", "SE"]
COUNTRIES_THIRD = ["CN", "IN", "TR", "MX", "CO", "NG", "ZA", "BR", "US", "GB", "UA", "RS", "VN", "PE"]

NAME_A = ["Rotterdam", "Rhein", "Baltic", "Alpine", "Iberia", "Danube", "Nordic", "Adriatic",
          "Silesia", "Flanders", "Atlas", "Orion", "Vega", "Delta", "Meridian", "Pacific",
          "Andes", "Sahara", "Lotus", "Jade", "Crescent", "Summit", "Harbor", "Falcon"]
NAME_B = ["Chemie", "Chemicals", "Trading", "Pharma", "Solvents", "Industries", "Logistics",
          "Labs", "Coatings", "Import-Export", "Distribution", "Materials", "Supplies"]
NAME_C = ["BV", "GmbH", "SA", "Sp. z o.o.", "S.r.l.", "Ltd", "Inc.", "NV", "AG", "SAS",
          "Ltda", "LLC", "s.r.o."]


def company(rng):
    return f"{rng.choice(NAME_A)} {rng.choice(NAME_B)} {rng.choice(NAME_C)}"


def homoglyph(text, rng, n=2):
    idx = [i for i, ch in enumerate(text) if ch in HOMOGLYPH]
    rng.shuffle(idx)
    chars = list(text)
    for i in idx[:n]:
        chars[i] = HOMOGLYPH[chars[i]]
    return "".join(chars)


class Gen:
    def __init__(self, rows, seed):
        self.rng = random.Random(seed)
        self.rows = rows
        self.out = []
        self.truth = []
        self.start = datetime.date(2025, 1, 1)
        rng = self.rng
        self.consignees = sorted({company(rng) for _ in range(3000)})
        self.consignors = sorted({company(rng) for _ in range(300)})

    def date(self, lo=0, hi=180):
        return self.start + datetime.timedelta(days=self.rng.randint(lo, hi))

    def add(self, desc, cn, qty, unit, consignee=None, country=None, date=None, cas="",
            planted=None, substance=""):
        rng = self.rng
        decl_id = len(self.out) + 1
        self.out.append({
            "decl_id": decl_id,
            "declared_on": (date or self.date()).isoformat(),
            "consignor": rng.choice(self.consignors),
            "consignee": consignee or rng.choice(self.consignees),
            "dest_country": country or rng.choice(COUNTRIES_EU + COUNTRIES_THIRD),
            "goods_text": desc,
            "cn_code": cn,
            "cas": cas,
            "qty": qty,
            "unit": unit,
        })
        if planted:
            self.truth.append({"decl_id": decl_id, "planted": planted, "substance": substance})

    def qty(self, lo, hi):
        q = self.rng.uniform(lo, hi)
        return round(q) if q >= 10 else round(q, 1)

    # ---------------- planted diversions ----------------
    def plant(self):
        rng = self.rng
        # obfuscated names: look-alike letters
        for name, cn, sub in [("Acetic anhydride 99%", "2915 24 00", "Acetic anhydride"),
                              ("Phenylacetone", "2914 31 00", "1-phenyl-2-propanone"),
                              ("Piperonal 99%", "2932 93 00", "Piperonal"),
                              ("Potassium permanganate", "2841 61 00", "Potassium permanganate"),
                              ("Safrole oil", "2932 94 00", "Safrole")]:
            for _ in range(6):
                self.add(homoglyph(name, rng, rng.choice([1, 2])), cn, self.qty(150, 900),
                         "kg" if "anhydride" not in name else "l",
                         country=rng.choice(COUNTRIES_THIRD), planted="obfuscated: look-alike letters",
                         substance=sub)
        # obfuscated names: misspellings
        for name, cn, sub in [("Acetic anhydrite", "2915 24 00", "Acetic anhydride"),
                              ("Phenylacetonne", "2914 31 00", "1-phenyl-2-propanone"),
                              ("Pseudoefedrine hydrochloride", "2939 42 00", "Pseudoephedrine"),
                              ("Potassium permangante", "2841 61 00", "Potassium permanganate"),
                              ("Safrolle", "2932 94 00", "Safrole")]:
            for _ in range(6):
                self.add(name + rng.choice(["", ", 200 l drums", ", technical", " (urgent)"]), cn,
                         self.qty(150, 900), "kg", country=rng.choice(COUNTRIES_THIRD),
                         planted="obfuscated: misspelling", substance=sub)
        # obfuscated names: spacing and punctuation
        for name, cn, sub in [("3 ,4-MDP-2-P", "2932 92 00", "3,4-methylenedioxyphenylpropan-2-one"),
                              ("P - 2 - P", "2914 31 00", "1-phenyl-2-propanone"),
                              ("A P A A N", "2926 40 00", "Alpha-phenylacetoacetonitrile (APAAN)")]:
            for _ in range(5):
                self.add(name + " for research", cn, self.qty(20, 300), "kg",
                         country=rng.choice(COUNTRIES_THIRD), planted="obfuscated: spacing",
                         substance=sub)
        # split shipments: each under the threshold, together over it within a month
        for sub, desc, cn, unit, per, n in [
                ("Acetic anhydride", "Acetic anhydride 99%, 25 l cans", "2915 24 00", "l", (60, 95), 4),
                ("Potassium permanganate", "Potassium permanganate crystals", "2841 61 00", "kg", (35, 90), 4),
                ("Phenylacetic acid", "Phenylacetic acid 99%", "2916 34 00", "g", (300, 950), 4),
                ("Acetone", "Acetone, technical grade", "2914 11 00", "kg", (20, 45), 5),
                ("Toluene", "Toluene 99%", "2902 30 00", "kg", (20, 45), 4),
                ("Piperidine", "Piperidine 99%", "2933 32 00", "g", (200, 450), 3)]:
            for _ in range(4):
                consignee = company(rng) + " (new customer)"
                country = rng.choice(COUNTRIES_THIRD + COUNTRIES_EU)
                first = rng.randint(0, 150)
                for k in range(n):
                    day = first + k * rng.randint(2, 6)
                    self.add(desc, cn, self.qty(*per), unit, consignee=consignee, country=country,
                             date=self.start + datetime.timedelta(days=day),
                             planted="split shipment", substance=sub)
        # misdeclared CN: the substance is named, the code is another one
        for desc, cn, sub in [("Phenylacetic acid 99%", "2916 39 90", "Phenylacetic acid"),
                              ("Acetic anhydride", "2915 90 70", "Acetic anhydride"),
                              ("Ephedrine hydrochloride", "2939 99 00", "Ephedrine"),
                              ("Piperonal, fragrance grade", "3302 90 90", "Piperonal"),
                              ("N-phenethyl-4-piperidone (NPP)", "2933 39 99", "1-(2-phenylethyl)piperidin-4-one")]:
            for _ in range(5):
                self.add(desc, cn, self.qty(20, 500), "kg", country=rng.choice(COUNTRIES_THIRD),
                         planted="misdeclared CN code", substance=sub)
        # concealing CN: an innocent description under a scheduled substance's code
        for desc, cn, sub in [("Aromatic ketone, industrial intermediate", "2914 31 00", "1-phenyl-2-propanone"),
                              ("Heterocyclic compound for research", "2932 92 00",
                               "3,4-methylenedioxyphenylpropan-2-one"),
                              ("Fine chemical, see invoice", "2926 40 00", "Alpha-phenylacetoacetonitrile (APAAN)"),
                              ("Carboxylic acid anhydride", "2915 24 00", "Acetic anhydride")]:
            for _ in range(5):
                self.add(desc, cn, self.qty(50, 800), "kg", country=rng.choice(COUNTRIES_THIRD),
                         planted="concealing CN code", substance=sub)
        # designer precursors
        for desc, cn, sub in [("BMK glycidic acid ethyl ester", "2918 99 90",
                               "2-methyl-3-phenyloxirane-2-carboxylic acid, ethyl ester (BMK glycidic acid ethyl ester)"),
                              ("PMK ethyl glycidate, 99%", "2932 99 00",
                               "ethyl 3-(2H-1,3-benzodioxol-5-yl)-2-methyloxirane-2-carboxylate (PMK ethyl glycidate)"),
                              ("BMK methyl glycidate", "2918 99 90",
                               "Methyl 2-methyl-3-phenyloxirane-2-carboxylate (BMK methyl glycidate)"),
                              ("PMK glycidic acid sodium salt", "2932 99 00",
                               "3-(1,3-benzodioxol-5-yl)-2-methyl-oxirane-2-carboxylic acid (PMK glycidic acid)"),
                              ("Methyl alpha-phenylacetoacetate (MAPA)", "2918 30 00",
                               "Methyl alpha-phenylacetoacetate (MAPA)"),
                              ("4-piperidone monohydrate hydrochloride", "2933 39 99", "4-piperidone"),
                              ("1-boc-4-piperidone", "2933 39 99", "1-boc-4-piperidone")]:
            for _ in range(4):
                self.add(desc, cn, self.qty(5, 400), "kg", country=rng.choice(COUNTRIES_THIRD),
                         planted="designer precursor", substance=sub)
        # CAS RN declared, vague description, unrelated CN
        for cas, sub in [("4676-39-5", "3,4-methylenedioxyphenylpropan-2-one"),
                         ("103-79-7", "1-phenyl-2-propanone"), ("4468-48-8", "Alpha-phenylacetoacetonitrile (APAAN)")]:
            for _ in range(4):
                self.add("Organic intermediate, see safety data sheet", "2942 00 00", self.qty(10, 200), "kg",
                         cas=cas, country=rng.choice(COUNTRIES_THIRD), planted="CAS RN only",
                         substance=sub)
        # large shipments over the thresholds (declared honestly)
        for desc, cn, unit, rng_q, sub in [("Acetone, technical grade", "2914 11 00", "t", (1, 20), "Acetone"),
                                            ("Toluene 99%", "2902 30 00", "kg", (200, 20000), "Toluene"),
                                            ("Kaliumpermanganat, technisch", "2841 61 00", "kg", (200, 5000),
                                             "Potassium permanganate"),
                                            ("Essigsäureanhydrid 99 %", "2915 24 00", "l", (200, 2000),
                                             "Acetic anhydride"),
                                            ("Anhydride acétique", "2915 24 00", "l", (200, 2000),
                                             "Acetic anhydride")]:
            for _ in range(6):
                self.add(desc, cn, self.qty(*rng_q), unit, planted="over threshold", substance=sub)
        # probes that must NOT alert
        for desc, cn in [("Ethyl methylphenylglycidate (strawberry aldehyde), flavouring", "3302 10 90"),
                         ("Paint thinner, toluene-free", "3814 00 90"),
                         ("Nail polish remover, acetone-free", "3304 30 00"),
                         ("Cleaning agent, does not contain piperonal", "3402 50 90")]:
            for _ in range(5):
                self.add(desc, cn, self.qty(10, 500), "kg", planted="probe (must not alert)", substance="")

    def ordinary(self, n):
        rng = self.rng
        for _ in range(n):
            r = rng.random()
            if r < 0.04:
                desc, cn, unit, q = rng.choice(SMALL_SCHEDULED)
                self.add(desc, cn, self.qty(*q), unit, country=rng.choice(COUNTRIES_EU))
            else:
                names, cn, unit, q = rng.choice(ORDINARY)
                lang = rng.choice(sorted(names))
                self.add(names[lang], cn, self.qty(*q), unit)

    def run(self):
        self.plant()
        self.ordinary(max(0, self.rows - len(self.out)))
        # shuffle so that planted rows arrive among ordinary ones, then renumber
        order = list(range(len(self.out)))
        self.rng.shuffle(order)
        newid = {self.out[i]["decl_id"]: k + 1 for k, i in enumerate(order)}
        rows = [self.out[i] for i in order]
        for k, row in enumerate(rows):
            row["decl_id"] = k + 1
        for t in self.truth:
            t["decl_id"] = newid[t["decl_id"]]
        # declarations arrive in date order, as a customs feed would send them
        rows.sort(key=lambda r: (r["declared_on"], r["decl_id"]))
        return rows, sorted(self.truth, key=lambda t: t["decl_id"])


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("outdir")
    ap.add_argument("--rows", type=int, default=30000)
    ap.add_argument("--seed", type=int, default=20250101)
    args = ap.parse_args()
    rows, truth = Gen(args.rows, args.seed).run()
    os.makedirs(args.outdir, exist_ok=True)
    fields = ["decl_id", "declared_on", "consignor", "consignee", "dest_country", "goods_text",
              "cn_code", "cas", "qty", "unit"]
    with open(os.path.join(args.outdir, "declarations.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=fields)
        w.writeheader()
        w.writerows(rows)
    with open(os.path.join(args.outdir, "truth.csv"), "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=["decl_id", "planted", "substance"])
        w.writeheader()
        w.writerows(truth)
    print(f"{len(rows)} declarations, {len(truth)} planted")


if __name__ == "__main__":
    main()
