#!/usr/bin/env bash
# structures_opsin: every shipped name and synonym of an entry with a
# structure, and every name variant the matcher generates from them
# (precursor.name_variants), is given to OPSIN (Debian's libopsin-java, one
# JVM); Open Babel computes the InChIKey of each name it parses, which must
# be the entry's (precursor.substance.inchikey), or its connectivity for a
# name without stereo, or its parent for a salt name.  A name that gives
# another structure fails the test unless lib/structures_known.tsv says why.
# Also: the check refuses a planted wrong synonym, and data/structures/
# structures.csv still gives what the shipped names give (build.py --check).
# Prints the figures.  Runs inside the throwaway cluster.  Exit 0 = pass.
set -euo pipefail
cd "$(dirname "$0")/../.."
db=regress_structures_$$
trap 'dropdb --if-exists $db >/dev/null 2>&1 || true' EXIT
createdb "$db"
psql -qX -v ON_ERROR_STOP=1 -d "$db" -c "CREATE EXTENSION precursor" >/dev/null
psql -qXAt -F $'\t' -v ON_ERROR_STOP=1 -d "$db" >"${TMPDIR:-/tmp}/$db.tsv" <<'SQL'
WITH t AS (
	SELECT s.substance_id, s.inchikey::text AS inchikey, s.smiles, 'name' AS origin, s.name AS text
	  FROM precursor.substance s WHERE s.builtin AND s.inchikey IS NOT NULL
	UNION ALL
	SELECT s.substance_id, s.inchikey::text, s.smiles, 'synonym ' || y.kind || ' ' || y.lang, y.name
	  FROM precursor.substance s JOIN precursor.synonym y USING (substance_id)
	 WHERE s.builtin AND y.builtin AND s.inchikey IS NOT NULL
)
SELECT * FROM t
UNION ALL
SELECT t.substance_id, t.inchikey, t.smiles, 'variant ' || v.rule, v.variant
  FROM t, precursor.name_variants(t.text) AS v
ORDER BY 1, 4, 5
SQL
trap 'dropdb --if-exists $db >/dev/null 2>&1 || true; rm -f "${TMPDIR:-/tmp}/$db.tsv"' EXIT
python3 tests/integration/lib/structures_check.py <"${TMPDIR:-/tmp}/$db.tsv" && rc=0 || rc=$?
# the check can fail: acetone's entry with the synonym "toluene" must be refused
if printf '1\tCSCPPACGZOOCGX-UHFFFAOYSA-N\tCC(=O)C\tsynonym common en\ttoluene\n' \
	| python3 tests/integration/lib/structures_check.py >"${TMPDIR:-/tmp}/$db.neg" 2>&1; then
	echo "not ok - a synonym naming another structure (toluene on acetone) was not refused"
	rc=1
elif grep -q "^not ok - 'toluene'" "${TMPDIR:-/tmp}/$db.neg"; then
	echo "ok - a synonym naming another structure (toluene on acetone) is refused"
else
	echo "not ok - the check failed for another reason:"; cat "${TMPDIR:-/tmp}/$db.neg"
	rc=1
fi
rm -f "${TMPDIR:-/tmp}/$db.neg"
# structures.csv still says what the shipped names give (SMILES and keys)
python3 data/structures/build.py --check || rc=1
exit $rc
