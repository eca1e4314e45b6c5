/*
 * 30: the matching engine.
 *
 * precursor.screen(text)   every mention of a watchlist substance in free text
 * precursor.lookup(text)   the substance(s) a whole string names
 * precursor.lookup(inchikey) the entries a structure is (its own key, or its
 *                          connectivity in a form the entry covers)
 * precursor.matches(text)  the fast predicate for WHERE clauses
 * precursor.explain(text)  why each hit of screen() fired, in words
 * precursor.normalize_name(text), precursor.parse_name(text),
 * precursor.name_variants(text)
 *                          the normalisation and name parsing both sides go through
 *
 * Volatility, decided once:
 *   - screen, lookup, matches, explain read the watchlists (through a
 *     per-backend compiled cache) and the precursor.fuzzy setting: STABLE.
 *     They only read, and each parallel worker builds its own cache:
 *     PARALLEL SAFE.
 *   - normalize_name, parse_name and name_variants depend only on their argument and the
 *     normalisation tables compiled into the module (ICU's NFKC and case
 *     folding, our fold tables): IMMUTABLE, like citext's comparison or an
 *     ICU collation.  An upgrade of ICU or of this module may change their
 *     output for some inputs; an index or generated column built on them
 *     must then be rebuilt (REINDEX), exactly as for a collation version
 *     change.  The alternative, STABLE, would forbid such indexes outright.
 *
 * Privileges: the functions read the watchlists with the caller's rights
 * (through precursor.watchlist_term, defined with the watchlists), so a
 * caller needs precursor_reader; EXECUTE stays with PUBLIC so that the
 * error names the missing table privilege.
 *
 * Costs, in multiples of cpu_operator_cost (a built-in operator such as
 * texteq costs 1; C functions default to 1 too, which makes the planner run
 * them before cheap quals and under a LIMIT as if free): one call normalises
 * the text and scans it with Vectorscan, a few microseconds per 100-byte row
 * (BENCHMARKS.md), some hundred times a simple operator.  matches() stops at
 * the first hit: 100.  screen() and lookup() build every hit with its span
 * and substance: 500.  explain() also renormalises every hit's context: 1000.
 */

CREATE TYPE precursor.hit AS (
    substance_id  integer,
    substance     text,
    casrn         @extschema@.casrn,
    watchlist     text,
    category      text,
    matched_term  text,
    match_kind    text,
    form          text,
    score         real,
    start_pos     integer,
    end_pos       integer,
    matched_text  text,
    negated       boolean
);

COMMENT ON TYPE precursor.hit IS
'One mention of a watchlist substance: the substance (NULL for an EC number, which no watchlist records), the term or identifier that matched, how it matched (name, synonym, fuzzy, homoglyph, cas, ec, cn, inchikey), the form found next to it (base, salt, stereoisomer, ... with details), a score in 0..1, its span as 1-based character positions with end_pos exclusive (substr(t, start_pos, end_pos - start_pos) = matched_text), and whether a negation governs it.';

CREATE FUNCTION precursor.screen(pg_catalog.text)
RETURNS SETOF precursor.hit
AS 'MODULE_PATHNAME', 'precursor_screen'
LANGUAGE C STABLE STRICT PARALLEL SAFE COST 500 ROWS 2;

COMMENT ON FUNCTION precursor.screen(pg_catalog.text) IS
'Every mention of a substance of an active watchlist in free text, negated ones included (negated = true); misspellings too when precursor.fuzzy is on.';

CREATE FUNCTION precursor.lookup(pg_catalog.text)
RETURNS SETOF precursor.hit
AS 'MODULE_PATHNAME', 'precursor_lookup'
LANGUAGE C STABLE STRICT PARALLEL SAFE COST 500 ROWS 1;

COMMENT ON FUNCTION precursor.lookup(pg_catalog.text) IS
'The substance(s) that a whole string names, after stripping stereo descriptors, salts, hydrates and purity: for a column that holds one chemical name.';

CREATE FUNCTION precursor.lookup(@extschema@.inchikey)
RETURNS SETOF precursor.hit
LANGUAGE sql STABLE STRICT PARALLEL SAFE COST 500 ROWS 1
BEGIN ATOMIC
    SELECT * FROM precursor.lookup($1::pg_catalog.text);
END;

COMMENT ON FUNCTION precursor.lookup(@extschema@.inchikey) IS
'The entries an InChIKey is: those with this key (match_kind inchikey, form base, score 1), and those with the same first block (connectivity) whose other stereo block is a stereoisomer they cover (covers_stereoisomers) or whose other protonation letter is a charged form they cover (covers_salts), at score 0.9 with the form named; never a key the entry excludes (excluded_inchikey).';

CREATE FUNCTION precursor.matches(pg_catalog.text)
RETURNS boolean
AS 'MODULE_PATHNAME', 'precursor_matches'
LANGUAGE C STABLE STRICT PARALLEL SAFE COST 100;

COMMENT ON FUNCTION precursor.matches(pg_catalog.text) IS
'True if the text mentions a substance of an active watchlist outside a negated context; stops at the first such mention.  The predicate for WHERE clauses.';

CREATE FUNCTION precursor.explain(pg_catalog.text,
    OUT start_pos integer, OUT end_pos integer, OUT matched_text text,
    OUT substance text, OUT match_kind text, OUT negated boolean,
    OUT explanation text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'precursor_explain'
LANGUAGE C STABLE STRICT PARALLEL SAFE COST 1000 ROWS 2;

COMMENT ON FUNCTION precursor.explain(pg_catalog.text) IS
'The hits of precursor.screen() with a sentence each saying why it fired: the normalised text, the term and its kind, the edit distance, the form, the score and, for a negated hit, the clause holding the negation cue.';

CREATE FUNCTION precursor.normalize_name(pg_catalog.text)
RETURNS pg_catalog.text
AS 'MODULE_PATHNAME', 'precursor_normalize_name'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 10;

COMMENT ON FUNCTION precursor.normalize_name(pg_catalog.text) IS
'The normalised form the matcher compares: NFKC case folding, look-alike letters folded to Latin, punctuation and spacing squashed, British/American spellings unified.  IMMUTABLE: an ICU or precursor upgrade may change it; rebuild indexes that use it then, as after a collation version change.';

CREATE FUNCTION precursor.parse_name(pg_catalog.text,
    OUT normalized text, OUT base text, OUT form text,
    OUT stereo text, OUT salt text, OUT purity text)
RETURNS record
AS 'MODULE_PATHNAME', 'precursor_parse_name'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 10;

COMMENT ON FUNCTION precursor.parse_name(pg_catalog.text) IS
'The parts of a chemical name: its normalised form, the base substance name, the form (base, salt, stereoisomer, hydrate, ...) and the stereo descriptor, salt and purity that were stripped.  IMMUTABLE for the same reason as normalize_name.';

CREATE FUNCTION precursor.name_variants(pg_catalog.text,
    OUT variant text, OUT rule text)
RETURNS SETOF record
AS 'MODULE_PATHNAME', 'precursor_name_variants'
LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE COST 100 ROWS 10;

COMMENT ON FUNCTION precursor.name_variants(pg_catalog.text) IS
'The equivalent spellings the matcher generates for a watchlist term when it compiles the lists (normalised; the term itself not included), each with the rule that made it: equivalent substituent names, indicated hydrogen, locant placement, implied locants, CAS inverted names, ester names, the anion of an acid.  IMMUTABLE for the same reason as normalize_name.';

CREATE FUNCTION precursor.watchlist_cache_info(
    OUT terms integer, OUT substances integer, OUT fuzzy_compiled boolean,
    OUT loaded boolean)
RETURNS record
AS 'MODULE_PATHNAME', 'precursor_watchlist_cache_info'
LANGUAGE C VOLATILE STRICT PARALLEL RESTRICTED;

COMMENT ON FUNCTION precursor.watchlist_cache_info() IS
'What this backend has compiled: terms, substances, whether the fuzzy matcher has been built yet, and whether the exact matcher was loaded from the matcher store ($PGDATA/pg_precursor) instead of compiled.  Builds the cache if needed.  For diagnostics.';
