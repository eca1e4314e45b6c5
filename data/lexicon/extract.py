#!/usr/bin/env python3
"""Words of the chemical lexicon, raw (one per line, unsorted, may repeat).

Sources: every description of the EU Combined Nomenclature 2026 in its 24
languages (cn2026-names.tsv.gz), every name and synonym of
chemical-identifiers.tsv, and the curated words of extra_words.tsv.  The words are normalised and sorted by
normalize_words (C, the matcher's own normaliser); see generate.sh.
"""
import gzip
import os
from collections import Counter
import re
import sys

SPLIT = re.compile(r"[\s,;:.()\[\]{}'\"/\\|!?<>=+*&%#@~`^$-]+")


def words(text):
    for w in SPLIT.split(text):
        if w and not any(c.isdigit() for c in w):
            yield w


def deletions(w):
    return {w[:i] + w[i + 1:] for i in range(len(w))}


def likely_typos(counts):
    """Words one edit away from a word at least 10 times as frequent.

    The synonyms of chemical-identifiers.tsv (from PubChem depositors) hold
    misspellings such as "mehtyl" and "pheny"; a lexicon that contained them
    would stop fuzzy matching from catching exactly those typos.  Candidates
    share a deletion (symmetric delete: substitution, insertion, deletion;
    transpositions share two).
    """
    index = {}
    for w in counts:
        for d in deletions(w) | {w}:
            index.setdefault(d, []).append(w)
    typos = set()
    for w, c in counts.items():
        for d in deletions(w) | {w}:
            for v in index.get(d, ()):
                if v != w and counts[v] >= 10 * c and counts[v] >= 5:
                    typos.add(w)
    return typos


def main(cn_names, identifiers):
    out = sys.stdout
    cn = set()
    with gzip.open(cn_names, "rt", encoding="utf-8") as f:
        next(f)
        for line in f:
            parts = line.rstrip("\n").split("\t")
            if len(parts) == 4:
                for w in words(parts[3]):
                    cn.add(w.lower())
                    out.write(w + "\n")
    counts = Counter()
    with open(identifiers, encoding="utf-8") as f:
        for line in f:
            for field in line.rstrip("\n").split("\t")[7:]:
                for w in words(field):
                    counts[w.lower()] += 1
    # words curated by hand, each with why (extra_words.tsv)
    extra = os.path.join(os.path.dirname(os.path.abspath(__file__)), "extra_words.tsv")
    with open(extra, encoding="utf-8") as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                out.write(line.split("\t")[0].strip() + "\n")
    typos = likely_typos(counts)
    for w in sorted(counts):
        if w in cn or w not in typos:
            out.write(w + "\n")
    print("lexicon: %d identifier words left out as likely misspellings" % len(typos - cn),
          file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
