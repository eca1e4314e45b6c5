#!/usr/bin/env python3
"""Generate extension/parts/21_watchlist_data.sql from the reference data.

Inputs (all under data/):
  precursors/substances.csv  legal lists: EU (273/2004, 111/2005) and UN 1988 rows
  precursors/synonyms.csv    names in other languages and abbreviations, by CAS RN
  vocabulary/names.csv       curated IUPAC, CAS index and common names by CAS RN,
                             each with its source
  vocabulary/cn_names.csv    official CN names in the 24 EU languages (data/cn_names.py)
  acts.csv                   the acts a source_url can point to, with in-force dates
  curation.csv               coverage flags, exclusions and extra CN codes, each
                             with the legal source it was read from
  densities.csv              density (kg/l at 20 degrees C) of liquid substances by
                             CAS RN, each with its named source: the screening
                             trigger converts between mass and volume with it

Mapping (documented in data/README.md and the project README):
  * an EU row of Category 1, 2A, 2B or 3 becomes one entry in EU-273/2004 (with
    its category) and one in EU-111/2005 (2A and 2B become Category 2 there);
  * an EU row of Category 4 goes to EU-111/2005 only; rows that differ only in
    their CN code become one entry with several CN codes;
  * a UN row becomes one entry of UN-1988 (Table I or Table II).
Thresholds are parsed from the threshold column and kept on the list of the act
they come from (273/2004 Annex II for intra-EU trade, 2015/1011 for exports).

Usage:  python3 data/generate.py           write the SQL file
        python3 data/generate.py --check   exit 1 if the committed file is stale

Standard library only; the output is deterministic.
"""

import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
OUT = os.path.join(ROOT, "extension", "parts", "21_watchlist_data.sql")

EU273 = "EU-273/2004"
EU111 = "EU-111/2005"
UN = "UN-1988"

WATCHLISTS = [
    # id, code, name, regime, source_url
    (1, EU273,
     "Regulation (EC) No 273/2004 on drug precursors (intra-EU trade), Annex I",
     "EU", "http://data.europa.eu/eli/reg/2004/273/oj"),
    (2, EU111,
     "Council Regulation (EC) No 111/2005 on trade in drug precursors with third countries, Annex",
     "EU", "http://data.europa.eu/eli/reg/2005/111/oj"),
    (3, UN,
     "United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances, 1988, Tables I and II",
     "UN", "https://www.unodc.org/pdf/convention_1988_en.pdf"),
]
UN_CONVENTION = "United Nations Convention against Illicit Traffic in Narcotic Drugs and Psychotropic Substances, 1988"


def die(msg):
    sys.stderr.write("generate.py: " + msg + "\n")
    sys.exit(2)


def read_csv(name):
    with open(os.path.join(HERE, name), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def cas_ok(cas):
    m = re.fullmatch(r"([1-9][0-9]{1,6})-([0-9]{2})-([0-9])", cas)
    if not m:
        return False
    digits = (m.group(1) + m.group(2))[::-1]
    return sum((i + 1) * int(d) for i, d in enumerate(digits)) % 10 == int(m.group(3))


def q(value):
    """SQL literal."""
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"


# ---------------------------------------------------------------------------
# acts and sources
# ---------------------------------------------------------------------------
ACTS = {r["act"]: r for r in read_csv("acts.csv")}


def act_of_url(url):
    """The act a source URL points to, or None (UN secondary sources)."""
    m = re.search(r"eli/reg(?:_del)?/(\d{4})/(\d+)/oj", url)
    if m:
        key = "%s/%s" % (m.group(1), m.group(2))     # 2020/1737
        if key not in ACTS:                         # before 2015: 273/2004
            key = "%s/%s" % (m.group(2), m.group(1))
        if key not in ACTS:
            die("no act in acts.csv for " + url)
        return key
    if "32005R0111" in url:
        return "111/2005"
    if "32004R0273" in url:
        return "273/2004"
    return None


def source_act(row, url, watchlist):
    act = act_of_url(url)
    if row["regime"] == "INCB":
        m = re.search(r"CND decision (\d+/\d+)", row["notes"])
        base = UN_CONVENTION + ", " + row["category"]
        return base + (" (CND decision %s)" % m.group(1) if m else "")
    if act is None:
        die("EU row without a known act: " + row["name"])
    title = ACTS[act]["title"]
    if "legalize-eu" in url:
        title += " (consolidated text)"
    return title


def in_force(url, regime):
    if regime == "INCB":
        return None
    act = act_of_url(url)
    return ACTS[act]["in_force_from"] or None if act else None


# ---------------------------------------------------------------------------
# thresholds
# ---------------------------------------------------------------------------
def parse_threshold(text):
    """'0,1 kg per year (Reg 273/2004 Annex II ...)' -> (0.1, 'kg', list, act)."""
    if not text:
        return None
    m = re.match(r"(\d+(?:,\d+)?) (kg|l|g) per (?:calendar )?year \((.*)\)$", text)
    if not m:
        die("cannot parse threshold: " + text)
    qty = m.group(1).replace(",", ".")
    if "273/2004 Annex II" in m.group(3):
        return (qty, m.group(2), EU273,
                "Regulation (EC) No 273/2004, Annex II", m.group(3))
    if "2015/1011" in m.group(3):
        return (qty, m.group(2), EU111,
                "Commission Delegated Regulation (EU) 2015/1011, Annex I", m.group(3))
    die("threshold from an unknown act: " + text)


# ---------------------------------------------------------------------------
# names and synonyms
# ---------------------------------------------------------------------------
def classify(name, lang):
    """Kind of a synonym from simple rules (documented in the README)."""
    if (not re.search(r"\s", name) and len(name) <= 12
            and sum(c.isupper() for c in name) >= 2):
        return "abbreviation"
    if lang != "en":
        return "translation"
    return "common"


def split_paren(name):
    """'Methyl alpha-phenylacetoacetate (MAPA)' -> ('Methyl ...', 'MAPA')."""
    m = re.fullmatch(r"(.*\S) \(([^()]+)\)", name)
    if not m or "+" in m.group(2):
        return None
    return m.group(1), m.group(2)


def derived_names(row):
    """Names the act itself gives besides the entry's name: (name, kind)."""
    out = []
    parts = split_paren(row["name"])
    if parts:
        out.append((parts[0], classify(parts[0], "en")))
        out.append((parts[1], classify(parts[1], "en")))
    if row["category"] != "4":
        m = re.search(r'CN designation:? ?(?:"([^"]+)"|([^".]+?)(?:\.\s|\.$|$))',
                      row["notes"])
        if m:
            d = m.group(1) or m.group(2)
            out.append((d, classify(d, "en")))
            p = split_paren(d)
            if p:
                out.append((p[0], classify(p[0], "en")))
                out.append((p[1], classify(p[1], "en")))
    m = re.search(r"also known as (.+?)(?: \(IUPAC\))?\.(?:\s|$)", row["notes"])
    if m:
        out.append((m.group(1), "iupac"))
    return out


# ---------------------------------------------------------------------------
# build
# ---------------------------------------------------------------------------
def build():
    rows = read_csv("precursors/substances.csv")
    syn_rows = read_csv("precursors/synonyms.csv")
    # vocabulary with a source per name: curated IUPAC, CAS index and common
    # names, and the official CN names in the 24 EU languages (cn_names.py)
    vocab_rows = read_csv("vocabulary/names.csv")
    vocab_rows += [dict(r, kind=classify(r["name"], r["lang"]))
                   for r in read_csv("vocabulary/cn_names.csv")]
    for r in vocab_rows:
        if not cas_ok(r["cas"]):
            die("bad CAS RN in vocabulary: " + r["cas"])
        if not re.fullmatch(r"[a-z]{2}", r["lang"]):
            die("bad language in vocabulary: " + r["lang"])
        if r["kind"] not in ("iupac", "common", "trade", "abbreviation",
                             "translation", "street", "cas_name", "other"):
            die("bad kind in vocabulary: " + r["kind"])
        if not r["source_url"]:
            die("vocabulary name without a source: " + r["name"])
    curation = read_csv("curation.csv")
    densities = read_csv("densities.csv")

    eu = [r for r in rows if r["regime"] == "EU"]
    un = [r for r in rows if r["regime"] == "INCB"]
    if len(eu) + len(un) != len(rows):
        die("unknown regime in substances.csv")
    for r in rows:
        if r["cas"] and not cas_ok(r["cas"]):
            die("bad CAS RN " + r["cas"])
    for r in syn_rows:
        if not cas_ok(r["cas"]):
            die("bad CAS RN in synonyms.csv: " + r["cas"])
        if not re.fullmatch(r"[a-z]{2}", r["lang"]):
            die("bad language in synonyms.csv: " + r["lang"])

    entries = []            # dicts, in output order

    def add(list_code, category, row, cn):
        ex = cn.lower().startswith("ex ")
        code = cn[3:].strip() if ex else cn.strip()
        for e in entries:   # same list, same name: one more CN code (Category 4)
            if e["list"] == list_code and e["name"] == row["name"]:
                if e["category"] != category or e["cas"] != (row["cas"] or None):
                    die("duplicate name with different data: " + row["name"])
                e["cn"].append((code, ex, None, row["source_url"]))
                e["rows"] += 1
                return
        thr = parse_threshold(row["threshold"])
        entries.append({
            "list": list_code, "category": category, "row": row,
            "name": row["name"], "cas": row["cas"] or None,
            "cn": [(code, ex, None, row["source_url"])], "rows": 1,
            "threshold": thr if thr and thr[2] == list_code else None,
            "covers_salts": False, "covers_stereoisomers": False,
            "covers_esters": False, "covers_ethers": False,
            "excludes": None, "excluded_casrn": [], "density": None,
        })

    for r in eu:
        cat = r["category"]
        if cat not in ("1", "2A", "2B", "3", "4"):
            die("bad EU category " + cat)
        if cat != "4":
            add(EU273, cat, r, r["cn_code"])
    for r in eu:
        cat = r["category"]
        add(EU111, "2" if cat in ("2A", "2B") else cat, r, r["cn_code"])
    for r in un:
        if r["category"] not in ("Table I", "Table II"):
            die("bad UN category " + r["category"])
        add(UN, r["category"], r, r["cn_code"])

    # curation: in file order, later rows win
    for c in curation:
        hit = 0
        for e in entries:
            if c["list"] not in ("*", e["list"]):
                continue
            if c["category"] and c["category"] != e["category"]:
                continue
            if c["cas"] and c["cas"] != e["cas"]:
                continue
            hit += 1
            f, v = c["field"], c["value"]
            if f.startswith("covers_"):
                e[f] = (v == "true")
            elif f == "excludes":
                e["excludes"] = v
            elif f == "excluded_casrn":
                if not cas_ok(v):
                    die("bad CAS RN in curation.csv: " + v)
                e["excluded_casrn"].append(v)
                e["excludes"] = e["excludes"] or c["note"]
            elif f == "cn_code":
                ex = v.lower().startswith("ex ")
                e["cn"].append((v[3:] if ex else v, ex, c["note"], c["source_url"]))
            else:
                die("unknown curation field " + f)
        if hit == 0:
            die("curation row matches nothing: " + repr(c))

    # densities: by CAS RN, on every entry of the chemical in every list
    for d in densities:
        if not cas_ok(d["cas"]):
            die("bad CAS RN in densities.csv: " + d["cas"])
        if not re.fullmatch(r"[0-9]+(\.[0-9]+)?", d["density_kg_per_l"]) \
                or float(d["density_kg_per_l"]) <= 0:
            die("bad density in densities.csv: " + repr(d))
        if not d["source"] or not d["source_url"]:
            die("density without a source in densities.csv: " + d["cas"])
        hit = 0
        for e in entries:
            if e["cas"] == d["cas"]:
                e["density"] = d["density_kg_per_l"]
                hit += 1
        if hit == 0:
            die("density row matches nothing: " + d["cas"])

    # names must be unique per list
    seen = set()
    for e in entries:
        k = (e["list"], e["name"].lower())
        if k in seen:
            die("duplicate entry name in %s: %s" % k)
        seen.add(k)

    # synonyms: from synonyms.csv by CAS RN, and the act's own name variants
    by_cas = {}
    for r in syn_rows:
        by_cas.setdefault(r["cas"], []).append(r)
    synonyms = []
    for i, e in enumerate(entries, start=1):
        e["id"] = i
        taken = {e["name"].lower()}
        cands = [(n, "en", k, e["row"]["source_url"]) for n, k in derived_names(e["row"])]
        cands += [(r["synonym"], r["lang"], classify(r["synonym"], r["lang"]),
                   r["source_url"]) for r in by_cas.get(e["cas"], [])]
        cands += [(r["name"], r["lang"], r["kind"], r["source_url"])
                  for r in vocab_rows if r["cas"] == e["cas"]]
        for name, lang, kind, url in cands:
            name = name.strip()
            if not name or name.lower() in taken:
                continue
            taken.add(name.lower())
            synonyms.append((e["id"], name, lang, kind, url))
    return entries, synonyms


def render(entries, synonyms):
    wl_id = {code: i for i, code, _, _, _ in WATCHLISTS}
    out = []
    w = out.append
    w("/*\n * precursor 1.0: the shipped EU and UN watchlists.\n *\n"
      " * GENERATED by data/generate.py from the CSV files in data/precursors, from\n"
      " * data/acts.csv, data/curation.csv and data/densities.csv: do not edit;\n"
      " * change the data and regenerate.\n *\n"
      " * Shipped rows carry builtin = true and ids below 100000; user rows get ids\n"
      " * from sequences starting at 100000, so the two never collide.  The audit\n"
      " * triggers are disabled while the shipped rows are loaded, and the guard\n"
      " * that keeps shipped rows read-only lets this script through because it\n"
      " * runs inside CREATE EXTENSION.\n */\n\n")
    w("ALTER TABLE precursor.watchlist DISABLE TRIGGER watchlist_audit;\n"
      "ALTER TABLE precursor.substance DISABLE TRIGGER substance_audit;\n"
      "ALTER TABLE precursor.substance_cn DISABLE TRIGGER substance_cn_audit;\n"
      "ALTER TABLE precursor.synonym DISABLE TRIGGER synonym_audit;\n\n")
    w("INSERT INTO precursor.watchlist\n"
      "    (watchlist_id, code, name, regime, source_url, builtin, active)\nVALUES\n")
    w(",\n".join("    (%d, %s, %s, %s, %s, true, true)" % (i, q(c), q(n), q(r), q(u))
                 for i, c, n, r, u in WATCHLISTS) + ";\n\n")

    w("INSERT INTO precursor.substance\n"
      "    (substance_id, watchlist_id, name, name_lang, category, casrn,\n"
      "     threshold_qty, threshold_unit, threshold_act, threshold_note, density_kg_per_l,\n"
      "     covers_salts, covers_stereoisomers, covers_esters, covers_ethers,\n"
      "     excludes, excluded_casrn, source_url, source_act, in_force_from, note, builtin)\n"
      "VALUES\n")
    vals = []
    for e in entries:
        r = e["row"]
        t = e["threshold"]
        exc = ("ARRAY[%s]::@extschema@.casrn[]" % ", ".join(q(c) for c in e["excluded_casrn"])
               if e["excluded_casrn"] else "NULL")
        date = in_force(r["source_url"], r["regime"])
        vals.append(
            "    (%d, %d, %s, 'en', %s, %s,\n     %s, %s, %s, %s, %s,\n     %s, %s, %s, %s,\n"
            "     %s, %s,\n     %s,\n     %s, %s,\n     %s, true)" % (
                e["id"], wl_id[e["list"]], q(e["name"]), q(e["category"]), q(e["cas"]),
                t[0] if t else "NULL", q(t[1] if t else None), q(t[3] if t else None),
                q(t[4] if t else None), e["density"] or "NULL",
                q(e["covers_salts"]), q(e["covers_stereoisomers"]),
                q(e["covers_esters"]), q(e["covers_ethers"]),
                q(e["excludes"]), exc, q(r["source_url"]),
                q(source_act(r, r["source_url"], e["list"])),
                q(date) + "::date" if date else "NULL", q(r["notes"])))
    w(",\n".join(vals) + ";\n\n")

    w("INSERT INTO precursor.substance_cn\n"
      "    (substance_id, cn_code, ex, note, source_url, builtin)\nVALUES\n")
    vals = []
    for e in entries:
        for code, ex, note, url in e["cn"]:
            vals.append("    (%d, %s, %s, %s, %s, true)" % (e["id"], q(code), q(ex), q(note), q(url)))
    w(",\n".join(vals) + ";\n\n")

    w("INSERT INTO precursor.synonym\n"
      "    (synonym_id, substance_id, name, lang, kind, source_url, builtin)\nVALUES\n")
    w(",\n".join("    (%d, %d, %s, %s, %s, %s, true)" % (i, sid, q(n), q(l), q(k), q(u))
                 for i, (sid, n, l, k, u) in enumerate(synonyms, start=1)) + ";\n\n")

    w("ALTER TABLE precursor.watchlist ENABLE TRIGGER watchlist_audit;\n"
      "ALTER TABLE precursor.substance ENABLE TRIGGER substance_audit;\n"
      "ALTER TABLE precursor.substance_cn ENABLE TRIGGER substance_cn_audit;\n"
      "ALTER TABLE precursor.synonym ENABLE TRIGGER synonym_audit;\n")
    return "".join(out)


def main():
    entries, synonyms = build()
    text = render(entries, synonyms)
    if len(sys.argv) > 1 and sys.argv[1] == "--check":
        try:
            with open(OUT, encoding="utf-8") as f:
                current = f.read()
        except FileNotFoundError:
            current = None
        if current != text:
            sys.stderr.write("generate.py: %s is stale; run python3 data/generate.py\n"
                             % os.path.relpath(OUT, ROOT))
            return 1
        print("%s is up to date (%d entries, %d synonyms)"
              % (os.path.relpath(OUT, ROOT), len(entries), len(synonyms)))
        return 0
    if len(sys.argv) > 1:
        die("usage: generate.py [--check]")
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s (%d entries, %d synonyms)"
          % (os.path.relpath(OUT, ROOT), len(entries), len(synonyms)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
