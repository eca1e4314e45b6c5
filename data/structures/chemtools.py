"""Name-to-structure and structure-to-key with Debian's packaged tools.

OPSIN (package libopsin-java, run with the default JRE) parses chemical
names to SMILES; Open Babel (package openbabel, the obabel program)
canonicalises the SMILES and computes the standard InChIKey.  Used by
data/structures/build.py (to write structures.csv) and by
tests/integration/structures_opsin.sh (to check every shipped name); the
extension never needs them.
"""
import os
import shutil
import subprocess
import tempfile

OPSIN_JAR = os.environ.get("OPSIN_JAR", "/usr/share/java/opsin-cli.jar")


def require_tools():
    missing = []
    if not shutil.which("java"):
        missing.append("java (apt-get install default-jre-headless)")
    if not os.path.exists(OPSIN_JAR):
        missing.append(OPSIN_JAR + " (apt-get install libopsin-java)")
    if not shutil.which("obabel"):
        missing.append("obabel (apt-get install openbabel)")
    if missing:
        raise SystemExit("missing tools: " + ", ".join(missing))


def tool_versions():
    """'OPSIN 2.7.0, Open Babel 3.1.1' from the installed packages."""
    def pkg(name):
        out = subprocess.run(["dpkg-query", "-W", "-f=${Version}", name],
                             capture_output=True, text=True)
        return out.stdout.split("-")[0] if out.returncode == 0 else "?"
    return "OPSIN %s, Open Babel %s" % (pkg("libopsin-java"), pkg("openbabel"))


def opsin(names):
    """SMILES for each name (None where OPSIN cannot parse it), in one JVM."""
    names = list(names)
    if not names:
        return []
    for n in names:
        if "\n" in n or "\r" in n:
            raise ValueError("name with a line break: %r" % n)
    out = subprocess.run(["java", "-jar", OPSIN_JAR, "-osmi"],
                         input="".join(n + "\n" for n in names),
                         capture_output=True, text=True, check=True)
    lines = out.stdout.split("\n")
    # one output line per input line: the SMILES, or empty where it failed
    if len(lines) < len(names):
        raise RuntimeError("OPSIN gave %d lines for %d names" % (len(lines), len(names)))
    return [l.strip() or None for l in lines[:len(names)]]


def obabel(smiles, largest=False):
    """(canonical SMILES, InChIKey) for each SMILES (None where it fails);
    largest: of the largest fragment only (obabel -r: a salt's parent)."""
    smiles = list(smiles)
    result = [None] * len(smiles)
    todo = [(i, s) for i, s in enumerate(smiles) if s]
    if not todo:
        return result
    with tempfile.NamedTemporaryFile("w", suffix=".smi", delete=False) as f:
        for i, s in todo:
            f.write("%s\t%d\n" % (s, i))
        path = f.name
    try:
        out = subprocess.run(["obabel", path, "-ocan", "-e"] + (["-r"] if largest else [])
                             + ["--append", "InChIKey"],
                             capture_output=True, text=True)
    finally:
        os.unlink(path)
    for line in out.stdout.splitlines():
        parts = line.split("\t")
        if len(parts) != 2:
            continue
        title, _, key = parts[1].partition(" ")
        key = key.strip()
        if title.isdigit() and len(key) == 27:
            result[int(title)] = (parts[0], key)
    return result


def keys_of_names(names):
    """For each name: (canonical SMILES, InChIKey), or None."""
    smi = opsin(names)
    return obabel(smi)
