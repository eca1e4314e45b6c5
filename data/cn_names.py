#!/usr/bin/env python3
"""Extract the official CN names of the listed substances, in all 24 EU
languages, into data/vocabulary/cn_names.csv (committed; data/generate.py
reads that file).  The descriptions it reads are copied, verbatim, into
data/vocabulary/cn_descriptions.tsv (the CN codes of the EU rows, every
language), so the names can be traced to the text they were cut from.

A listed substance gets names from the CN when it has an 8-digit CN code of
its own (the description names that substance alone): the description is
split into names at a parenthesis ("Hydrogen chloride (hydrochloric acid)"),
at a semicolon (only the first part: "Sulphuric acid; oleum"), and the
language's word for "and" (the rest of "X and its salts", or a second name)
and "(INN)" marks are removed.

Source: the Publications Office of the EU, EU Vocabularies, "Combined
Nomenclature 2026" (reuse authorised, Commission Decision 2011/833/EU), as
extracted by the MIT-licensed xterr/php-cncodes project; see
../shared/data/cn-nomenclature/README.md.

Usage: python3 data/cn_names.py [path/to/cn2026-names.tsv.gz]
(default: the copy in tests/fixtures/, the same file as
../shared/data/cn-nomenclature/cn2026-names.tsv.gz)
"""
import csv
import gzip
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
SRC = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    HERE, "..", "tests", "fixtures", "cn2026-names.tsv.gz")
OUT = os.path.join(HERE, "vocabulary", "cn_names.csv")
DESC = os.path.join(HERE, "vocabulary", "cn_descriptions.tsv")
URL = "https://op.europa.eu/en/web/eu-vocabularies"

subs = list(csv.DictReader(open(os.path.join(HERE, "precursors", "substances.csv"))))
code_cas = {}
for r in subs:
    if r["regime"] == "EU" and r["cas"]:
        code = r["cn_code"].replace("ex", "").replace(" ", "")
        code_cas.setdefault(code, set()).add(r["cas"])

desc = {}
with gzip.open(SRC, "rt") as f:
    for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
        if row["level"] == "cn" and row["code"] in code_cas:
            desc.setdefault(row["code"], {})[row["lang"]] = row["name"]

# only codes of one substance whose description names it (not "Other")
codes = sorted(c for c in desc if len(code_cas[c]) == 1
               and not desc[c].get("en", "").lower().startswith("other"))
salts_codes = [c for c in codes if desc[c]["en"].endswith("and its salts")]
langs = sorted({l for c in codes for l in desc[c]})


# the word for "and" in each language: "X and its salts" is cut there
CONJ = {"en": "and", "bg": "и", "cs": "a", "da": "og", "de": "und", "el": "και",
        "es": "y", "et": "ja", "fi": "ja", "fr": "et", "ga": "agus", "hr": "i",
        "hu": "és", "it": "e", "lt": "ir", "lv": "un", "mt": "u", "nl": "en",
        "pl": "i", "pt": "e", "ro": "și", "sk": "a", "sl": "in", "sv": "och"}

# Latin capitals that look like Greek or Cyrillic ones, typed by mistake at
# the start of a Greek or Bulgarian word of the source ("Yπερμαγγανικό
# κάλιο", potassium permanganate): the name is kept as written and with the
# right letter.
LOOKALIKE = {"el": dict(zip("ABEZHIKMNOPTYX", "ΑΒΕΖΗΙΚΜΝΟΡΤΥΧ")),
             "bg": dict(zip("ABEKMHOPCTX", "АВЕКМНОРСТХ"))}


def fix_script(n, lang):
    table = LOOKALIKE.get(lang)
    if not table:
        return n
    return re.sub(r"[A-Z](?=[^\W\d_A-Za-z])",
                  lambda m: table.get(m.group(0), m.group(0)), n)


rows = []
for c in codes:
    cas = next(iter(code_cas[c]))
    for l in sorted(desc[c]):
        d = desc[c][l].split(";")[0].split(". ")[0].strip()
        d = re.sub(r"\s*\((INN|DCI|[A-ZÀ-ÖØ-ÞА-ЯΑ-Ω]{2,5})\)", "", d)
        # an aside in brackets after a space is another name; brackets
        # inside a systematic name ("1-(1,3-benzodioxol-5-yl)") are not
        names = re.findall(r"(?<=\s)\(([^()]+)\)", d)
        rest = re.sub(r"\s+\([^()]+\)", "", d)
        parts = re.split(r"\s+%s\s+" % re.escape(CONJ[l]), rest)
        names = (parts[:1] if c in salts_codes else parts) + names
        for n in names:
            n = n.strip(" ,")
            for m in dict.fromkeys([n, fix_script(n, l)]):
                if len(m) >= 4 and m not in [r[1] for r in rows if r[0] == cas]:
                    rows.append((cas, m, l, c))

with open(DESC, "w") as f:
    f.write("# The CN 2026 descriptions data/cn_names.py cuts names from (verbatim).\n"
            "# Source: Publications Office of the EU, EU Vocabularies, Combined Nomenclature 2026\n"
            "# (reuse authorised, Commission Decision 2011/833/EU), as extracted by xterr/php-cncodes (MIT).\n")
    f.write("code\tlang\tcas\tdescription\n")
    for c in sorted(desc):
        for l in sorted(desc[c]):
            f.write("%s\t%s\t%s\t%s\n" % (c, l, ";".join(sorted(code_cas[c])), desc[c][l]))

with open(OUT, "w") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["cas", "name", "lang", "cn_code", "source_url"])
    for cas, n, l, c in rows:
        w.writerow([cas, n, l, c, URL])
print("wrote %s: %d names of %d codes in %d languages" % (OUT, len(rows), len(codes), len(langs)))
