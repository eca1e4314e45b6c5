#!/usr/bin/env python3
"""Write data/structures/structures.csv: SMILES and InChIKey of every CAS RN
of the shipped lists (and of the CAS RNs they exclude), computed from the
shipped names with OPSIN and Open Babel (Debian packages libopsin-java,
default-jre-headless, openbabel; see chemtools.py).

Which name gives the structure, first that OPSIN parses:
  1. the entry's own name in the act, and the names the act itself gives
     (generate.derived_names: the name before a parenthesis, the CN
     designation, the footnote's "also known as");
  2. the PubChem IUPAC name (data/vocabulary/names.csv, kind iupac);
  3. names written for this build (extra_names.csv, each with its source);
  4. the other shipped names (CAS index names, synonyms), when all that
     parse agree;
  5. the PubChem row of tests/fixtures/chemical-identifiers.tsv.
Else the row is left empty with the reason.

Cross-checks written per row: the PubChem IUPAC name parsed by OPSIN, the
fixture's PubChem InChIKey, and how many other shipped names give the same
key (or only the same connectivity block).

    python3 data/structures/build.py          # rewrite structures.csv
    python3 data/structures/build.py --check  # fail if it would change
"""
import csv
import io
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.dirname(HERE))
sys.path.insert(0, HERE)

import generate  # noqa: E402  (data/generate.py)
import chemtools  # noqa: E402

OUT = os.path.join(HERE, "structures.csv")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "chemical-identifiers.tsv")
COLUMNS = ["cas", "smiles", "inchikey", "source", "name", "pubchem", "note"]


def read_extra():
    with open(os.path.join(HERE, "extra_names.csv"), newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def read_fixture():
    out = {}
    with open(FIXTURE, encoding="utf-8") as f:
        for line in f:
            p = line.rstrip("\n").split("\t")
            if len(p) > 6:
                out[p[1]] = (p[4], p[6])
    return out


def candidates():
    """cas -> list of (rank, name, origin), every shipped name of the CAS RN."""
    entries, synonyms = generate.build()
    by_id = {e["id"]: e for e in entries}
    cands = {}

    def add(cas, rank, name, origin):
        lst = cands.setdefault(cas, [])
        if all(n != name for _, n, _ in lst):
            lst.append((rank, name, origin))

    for e in entries:
        if not e["cas"]:
            continue
        add(e["cas"], 1, e["name"], "act name (%s)" % e["list"])
        for n, _ in generate.derived_names(e["row"]):
            add(e["cas"], 1, n, "act name (%s)" % e["list"])
        for x in e["excluded_casrn"]:
            cands.setdefault(x, [])
    for sid, name, lang, kind, url in synonyms:
        cas = by_id[sid]["cas"]
        if not cas:
            continue
        if kind == "iupac" and "pubchem" in url:
            add(cas, 2, name, "PubChem IUPAC name")
        else:
            add(cas, 4, name, "%s (%s)" % (kind, lang))
    for r in read_extra():
        add(r["cas"], 3, r["name"], "extra_names.csv (" + r["source"] + ")")
    return cands


def build():
    chemtools.require_tools()
    cands = candidates()
    names = sorted({n for lst in cands.values() for _, n, _ in lst})
    keys = dict(zip(names, chemtools.keys_of_names(names)))
    fixture = read_fixture()
    tools = chemtools.tool_versions()
    rows = []
    for cas in sorted(cands, key=lambda c: [int(x) for x in c.split("-")]):
        lst = sorted(cands[cas], key=lambda t: t[0])
        parsed = [(r, n, o, keys[n]) for r, n, o in lst if keys.get(n)]
        chosen = None
        for rank in (1, 2, 3):
            at = [p for p in parsed if p[0] == rank]
            if at:
                chosen = at[0]
                break
        if chosen is None and parsed:
            if len({p[3][1] for p in parsed}) == 1:
                chosen = parsed[0]
        row = {"cas": cas, "smiles": "", "inchikey": "", "source": "", "name": "",
               "pubchem": "", "note": ""}
        fx = fixture.get(cas)
        if chosen is not None:
            smiles, key = chosen[3]
            row.update(smiles=smiles, inchikey=key, name=chosen[1],
                       source="%s from %s" % (tools, chosen[2]))
        elif fx:
            # the fixture's SMILES, canonicalised like the others
            smiles, key = chemtools.obabel([fx[0]])[0] or (fx[0], fx[1])
            row.update(smiles=smiles, inchikey=fx[1],
                       source="PubChem (tests/fixtures/chemical-identifiers.tsv)")
        else:
            why = "no shipped name" if not lst else \
                "OPSIN parses none of its %d names" % len(lst) if not parsed else \
                "its names give %d different structures" % len({p[3][1] for p in parsed})
            row["note"] = "no structure: " + why
        key = row["inchikey"]
        # cross-checks
        checks = []
        iupac = [p for p in parsed if p[0] == 2]
        if key and iupac and iupac[0] is not chosen:
            k2 = iupac[0][3][1]
            checks.append("IUPAC name gives %s" % (
                "the same key" if k2 == key else
                "the same connectivity, other stereo/protonation (%s)" % k2 if k2[:14] == key[:14]
                else "another structure (%s)" % k2))
        elif iupac:
            checks.append("structure from the PubChem IUPAC name")
        else:
            checks.append("no PubChem IUPAC name shipped")
        if fx:
            checks.append("fixture " + ("agrees" if fx[1] == key else "differs: " + fx[1]))
        else:
            checks.append("not in the fixture")
        row["pubchem"] = "; ".join(checks)
        if key:
            same = sum(1 for p in parsed if p is not chosen and p[3][1] == key)
            conn = [p for p in parsed if p[3][1] != key and p[3][1][:14] == key[:14]]
            other = [p for p in parsed if p[3][1][:14] != key[:14]]
            note = "%d of %d names parsed; %d more give the same key" % (
                len(parsed), len(lst), same)
            if conn:
                note += "; same connectivity, other stereo: " + ", ".join(p[1] for p in conn)
            if other:
                note += "; other structure: " + ", ".join(p[1] for p in other)
            row["note"] = note
        rows.append(row)
    return rows


def render(rows):
    buf = io.StringIO()
    w = csv.DictWriter(buf, COLUMNS, lineterminator="\n")
    w.writeheader()
    for r in rows:
        w.writerow(r)
    return buf.getvalue()


def main():
    text = render(build())
    if sys.argv[1:] == ["--check"]:
        with open(OUT, encoding="utf-8") as f:
            current = f.read()
        if current == text:
            print("ok - structures.csv is up to date")
            return 0

        def shipped(t):
            return [(r["cas"], r["smiles"], r["inchikey"]) for r in csv.DictReader(io.StringIO(t))]
        if shipped(current) != shipped(text):
            sys.stderr.write("not ok - structures.csv is stale: the shipped names now give other "
                             "structures; run python3 data/structures/build.py and generate.py\n")
            return 1
        print("ok - structures.csv gives the same structures (its notes would change: "
              "run python3 data/structures/build.py)")
        return 0
    with open(OUT, "w", encoding="utf-8") as f:
        f.write(text)
    print("wrote %s (%d CAS RNs, %d with a structure)" % (
        os.path.relpath(OUT, ROOT), len(text.splitlines()) - 1,
        sum(1 for l in text.splitlines()[1:] if l.split(",")[2])))
    return 0


if __name__ == "__main__":
    sys.exit(main())
