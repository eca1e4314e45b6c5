#!/usr/bin/env python3
"""Check every shipped name, synonym and generated name variant that OPSIN
can parse against its entry's structure (tests/integration/structures_opsin.sh).

Input (stdin, tab-separated, from the installed database): entry id, entry
InChIKey, entry SMILES, origin ("name", "synonym <kind> <lang>", "variant
<rule>"), text.  One OPSIN run (one JVM) for all distinct texts, then Open
Babel for their keys, whole and with only the largest fragment (-r: the
parent of a salt).

Each parsed text is one of:
  same         the entry's full InChIKey
  charged      the entry's key but for the protonation letter: an ion of
               the entry (the anion variant "-ate" of an acid)
  unspecified  the entry's connectivity, and the name gives no stereo of its
               own (no @ or / in OPSIN's SMILES): it names the compound
               without saying which stereoisomer
  salt         the parent (largest fragment) has the entry's parent
               connectivity: a salt or solvate name of the entry
  stereoisomer the entry's connectivity with other stereo, from a variant
               that names a stereoisomer by a name of its own
               ("isolysergic acid"; name_variants_rules.h, nv_stereo_names)
  DIFFERENT    another structure, or another stereoisomer than the one the
               entry is; fails unless tests/integration/lib/structures_known.tsv
               classifies it (text, then why)
Exit 1 when an unclassified DIFFERENT remains.
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(HERE)))
sys.path.insert(0, os.path.join(ROOT, "data", "structures"))
import chemtools  # noqa: E402


def opsin_text(text):
    """Normalised variants keep '|' for the comma of a CAS inverted name."""
    return text.replace("|", ", ")


def main():
    chemtools.require_tools()
    rows = []
    for line in sys.stdin:
        p = line.rstrip("\n").split("\t")
        if len(p) == 5 and p[1]:
            rows.append(p)
    known = {}
    with open(os.path.join(HERE, "structures_known.tsv"), encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                text, why = line.rstrip("\n").split("\t", 1)
                known[text] = why

    texts = sorted({opsin_text(r[4]) for r in rows})
    smiles = dict(zip(texts, chemtools.opsin(texts)))
    parsed = sorted(t for t in texts if smiles[t])
    whole = dict(zip(parsed, chemtools.obabel(smiles[t] for t in parsed)))
    parent = dict(zip(parsed, chemtools.obabel((smiles[t] for t in parsed), largest=True)))
    entry_smiles = sorted({r[2] for r in rows})
    entry_parent = dict(zip(entry_smiles, chemtools.obabel(entry_smiles, largest=True)))

    counts = {}
    by_origin = {}
    different = []
    seen = set()
    for sid, key, esmi, origin, text in rows:
        t = opsin_text(text)
        kind = origin.split(" ")[0]
        tot = by_origin.setdefault(kind, [0, 0, 0])
        tot[0] += 1
        if not smiles[t] or not whole.get(t):
            continue
        tot[1] += 1
        k = whole[t][1]
        pk = parent[t][1] if parent.get(t) else k
        ep = entry_parent[esmi][1] if entry_parent.get(esmi) else key
        if k == key:
            verdict = "same"
        elif k[:25] == key[:25]:
            verdict = "charged"
        elif k[:14] == key[:14] and not any(c in whole[t][0] for c in "@/\\"):
            verdict = "unspecified"
        elif pk[:14] == ep[:14] and k[:14] != key[:14]:
            verdict = "salt"
        elif k[:14] == key[:14] and origin.startswith("variant stereoisomer"):
            verdict = "stereoisomer"
        else:
            verdict = "DIFFERENT"
        if verdict != "DIFFERENT":
            tot[2] += 1
        counts[verdict] = counts.get(verdict, 0) + 1
        if verdict == "DIFFERENT" and (text, key) not in seen:
            seen.add((text, key))
            different.append((text, origin, sid, key, k, whole[t][0]))

    print("# %d texts (%d distinct) of %d entries with a structure; OPSIN parsed %d distinct"
          % (len(rows), len(texts), len({r[0] for r in rows}), len(parsed)))
    for kind in sorted(by_origin):
        n, p, ok = by_origin[kind]
        print("# %-8s %5d texts, %5d parsed, %5d agree (%s)"
              % (kind, n, p, ok, "%.1f%%" % (100.0 * ok / p) if p else "-"))
    print("# verdicts: " + ", ".join("%s %d" % (v, counts[v]) for v in sorted(counts)))
    failed = 0
    used = set()
    for text, origin, sid, key, k, smi in different:
        why = known.get(text)
        if why:
            used.add(text)
            print("ok - known: %r (%s, entry %s %s) gives %s %s: %s"
                  % (text, origin, sid, key, k, smi, why))
        else:
            failed += 1
            print("not ok - %r (%s, entry %s %s) gives another structure: %s %s"
                  % (text, origin, sid, key, k, smi))
    for text in sorted(set(known) - used):
        print("# note: structures_known.tsv lists %r, which no longer disagrees" % text)
    if failed:
        print("not ok - %d shipped names or variants name another structure than their entry" % failed)
        return 1
    print("ok - every parsed name and variant gives its entry's structure (or a classified one)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
