/*
 * 12  cncode: customs goods codes (HS chapter, heading, HS subheading,
 *     CN subheading, TARIC code) with their hierarchy.
 *
 * Stored as an int64 (digits right-padded to 10, times 8, plus the level), so
 * a code sorts immediately before its descendants and "code <@ '2939'" is one
 * btree range; a planner support function turns it into that range.
 * Every function is IMMUTABLE: the result depends on the arguments only.
 */

CREATE TYPE @extschema@.cncode;

CREATE FUNCTION @extschema@.cncode_in(pg_catalog.cstring) RETURNS @extschema@.cncode
    AS 'MODULE_PATHNAME', 'cncode_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cncode_out(@extschema@.cncode) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'cncode_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cncode_recv(pg_catalog.internal) RETURNS @extschema@.cncode
    AS 'MODULE_PATHNAME', 'cncode_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cncode_send(@extschema@.cncode) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'cncode_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.cncode (
    INPUT = @extschema@.cncode_in,
    OUTPUT = @extschema@.cncode_out,
    RECEIVE = @extschema@.cncode_recv,
    SEND = @extschema@.cncode_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.cncode IS
    'Customs goods code: HS chapter (29), heading (2914), HS subheading (2914 31), CN subheading (2914 31 00) or TARIC code (2914 31 00 10)';
COMMENT ON FUNCTION @extschema@.cncode_in(pg_catalog.cstring) IS
    'Input of cncode: 2, 4, 6, 8 or 10 digits, plain or grouped by spaces or dots';
COMMENT ON FUNCTION @extschema@.cncode_out(@extschema@.cncode) IS
    'Output of cncode in its canonical spelling, e.g. 2914 31 00';
COMMENT ON FUNCTION @extschema@.cncode_recv(pg_catalog.internal) IS
    'Binary input of cncode (validated int8)';
COMMENT ON FUNCTION @extschema@.cncode_send(@extschema@.cncode) IS
    'Binary output of cncode (its int8 encoding)';

CREATE FUNCTION precursor.is_cncode(pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'cncode_is_valid_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.is_cncode(pg_catalog.text) IS
    'Whether the text is a valid CN code; never raises';

CREATE CAST (@extschema@.cncode AS pg_catalog.text) WITH INOUT;
CREATE CAST (pg_catalog.text AS @extschema@.cncode) WITH INOUT;
COMMENT ON CAST (@extschema@.cncode AS pg_catalog.text) IS
    'The canonical spelling of the code';
COMMENT ON CAST (pg_catalog.text AS @extschema@.cncode) IS
    'Parse a code; raises 22P02 when the text is not one';

-- comparison: plain order of the encoding (a code before its descendants)

CREATE FUNCTION @extschema@.cncode_eq(@extschema@.cncode, @extschema@.cncode) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'cncode_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.cncode_ne(@extschema@.cncode, @extschema@.cncode) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'cncode_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.cncode_lt(@extschema@.cncode, @extschema@.cncode) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'cncode_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.cncode_le(@extschema@.cncode, @extschema@.cncode) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'cncode_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.cncode_gt(@extschema@.cncode, @extschema@.cncode) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'cncode_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.cncode_ge(@extschema@.cncode, @extschema@.cncode) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'cncode_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.cncode_cmp(@extschema@.cncode, @extschema@.cncode) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'cncode_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.cncode_sortsupport(pg_catalog.internal) RETURNS pg_catalog.void
    AS 'MODULE_PATHNAME', 'cncode_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cncode_hash(@extschema@.cncode) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'cncode_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.cncode_hash_extended(@extschema@.cncode, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'cncode_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.cncode_eq(@extschema@.cncode, @extschema@.cncode) IS 'Implementation of = for cncode';
COMMENT ON FUNCTION @extschema@.cncode_ne(@extschema@.cncode, @extschema@.cncode) IS 'Implementation of <> for cncode';
COMMENT ON FUNCTION @extschema@.cncode_lt(@extschema@.cncode, @extschema@.cncode) IS 'Implementation of < for cncode';
COMMENT ON FUNCTION @extschema@.cncode_le(@extschema@.cncode, @extschema@.cncode) IS 'Implementation of <= for cncode';
COMMENT ON FUNCTION @extschema@.cncode_gt(@extschema@.cncode, @extschema@.cncode) IS 'Implementation of > for cncode';
COMMENT ON FUNCTION @extschema@.cncode_ge(@extschema@.cncode, @extschema@.cncode) IS 'Implementation of >= for cncode';
COMMENT ON FUNCTION @extschema@.cncode_cmp(@extschema@.cncode, @extschema@.cncode) IS 'Btree comparison of cncode: -1, 0 or 1';
COMMENT ON FUNCTION @extschema@.cncode_sortsupport(pg_catalog.internal) IS 'Btree sort support of cncode';
COMMENT ON FUNCTION @extschema@.cncode_hash(@extschema@.cncode) IS 'Hash of cncode';
COMMENT ON FUNCTION @extschema@.cncode_hash_extended(@extschema@.cncode, pg_catalog.int8) IS 'Seeded 64-bit hash of cncode (hash partitioning)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.cncode, RIGHTARG = @extschema@.cncode,
    FUNCTION = @extschema@.cncode_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.cncode, RIGHTARG = @extschema@.cncode,
    FUNCTION = @extschema@.cncode_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.cncode, RIGHTARG = @extschema@.cncode,
    FUNCTION = @extschema@.cncode_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.cncode, RIGHTARG = @extschema@.cncode,
    FUNCTION = @extschema@.cncode_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.cncode, RIGHTARG = @extschema@.cncode,
    FUNCTION = @extschema@.cncode_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.cncode, RIGHTARG = @extschema@.cncode,
    FUNCTION = @extschema@.cncode_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

COMMENT ON OPERATOR @extschema@.= (@extschema@.cncode, @extschema@.cncode) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.cncode, @extschema@.cncode) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.cncode, @extschema@.cncode) IS 'less than (a code precedes its descendants)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.cncode, @extschema@.cncode) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.cncode, @extschema@.cncode) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.cncode, @extschema@.cncode) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.cncode_ops
    DEFAULT FOR TYPE @extschema@.cncode USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.cncode_cmp(@extschema@.cncode, @extschema@.cncode),
        FUNCTION 2 @extschema@.cncode_sortsupport(pg_catalog.internal);
COMMENT ON OPERATOR CLASS @extschema@.cncode_ops USING btree IS
    'Default btree order of cncode; also serves "code <@ constant" through the support function of <@';

CREATE OPERATOR CLASS @extschema@.cncode_hash_ops
    DEFAULT FOR TYPE @extschema@.cncode USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.cncode_hash(@extschema@.cncode),
        FUNCTION 2 @extschema@.cncode_hash_extended(@extschema@.cncode, pg_catalog.int8);
COMMENT ON OPERATOR CLASS @extschema@.cncode_hash_ops USING hash IS
    'Default hash opclass of cncode (hash joins, hash aggregation, hash partitioning)';
COMMENT ON OPERATOR FAMILY @extschema@.cncode_ops USING btree IS 'Btree order of cncode';
COMMENT ON OPERATOR FAMILY @extschema@.cncode_hash_ops USING hash IS 'Hashing of cncode';

-- hierarchy

CREATE FUNCTION @extschema@.cn_contained_by_support(pg_catalog.internal) RETURNS pg_catalog.internal
    AS 'MODULE_PATHNAME', 'cncode_contained_by_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.cn_contains_support(pg_catalog.internal) RETURNS pg_catalog.internal
    AS 'MODULE_PATHNAME', 'cncode_contains_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cn_contained_by_support(pg_catalog.internal) IS
    'Planner support of cn_contained_by: "code <@ constant" becomes a btree range';
COMMENT ON FUNCTION @extschema@.cn_contains_support(pg_catalog.internal) IS
    'Planner support of cn_contains: "constant @> code" becomes a btree range';

CREATE FUNCTION @extschema@.cn_contains(outer_code @extschema@.cncode, inner_code @extschema@.cncode)
    RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'cncode_contains_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT @extschema@.cn_contains_support;
CREATE FUNCTION @extschema@.cn_contained_by(inner_code @extschema@.cncode, outer_code @extschema@.cncode)
    RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'cncode_contained_by_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT @extschema@.cn_contained_by_support;
COMMENT ON FUNCTION @extschema@.cn_contains(@extschema@.cncode, @extschema@.cncode) IS
    'Whether the first code is the second or one of its ancestors (reflexive)';
COMMENT ON FUNCTION @extschema@.cn_contained_by(@extschema@.cncode, @extschema@.cncode) IS
    'Whether the first code is the second or one of its descendants (reflexive)';

CREATE OPERATOR @extschema@.@> (
    LEFTARG = @extschema@.cncode, RIGHTARG = @extschema@.cncode,
    FUNCTION = @extschema@.cn_contains,
    COMMUTATOR = OPERATOR(@extschema@.<@),
    RESTRICT = pg_catalog.contsel, JOIN = pg_catalog.contjoinsel
);
CREATE OPERATOR @extschema@.<@ (
    LEFTARG = @extschema@.cncode, RIGHTARG = @extschema@.cncode,
    FUNCTION = @extschema@.cn_contained_by,
    COMMUTATOR = OPERATOR(@extschema@.@>),
    RESTRICT = pg_catalog.contsel, JOIN = pg_catalog.contjoinsel
);
COMMENT ON OPERATOR @extschema@.@> (@extschema@.cncode, @extschema@.cncode) IS
    'contains: ''2939'' @> ''2939 41 00'' (reflexive)';
COMMENT ON OPERATOR @extschema@.<@ (@extschema@.cncode, @extschema@.cncode) IS
    'is contained by: ''2939 41 00'' <@ ''2939'' (reflexive; indexable by btree when the right side is a constant)';

CREATE FUNCTION precursor.cn_level(@extschema@.cncode) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'cncode_level_name' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.cn_level(@extschema@.cncode) IS
    'Level of the code: chapter, heading, hs_subheading, cn_subheading or taric';

CREATE FUNCTION precursor.cn_level_number(@extschema@.cncode) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'cncode_level_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.cn_level_number(@extschema@.cncode) IS
    'Level of the code as a number: 0 chapter, 1 heading, 2 HS subheading, 3 CN subheading, 4 TARIC';

CREATE FUNCTION precursor.cn_parent(@extschema@.cncode) RETURNS @extschema@.cncode
    AS 'MODULE_PATHNAME', 'cncode_parent_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.cn_parent(@extschema@.cncode) IS
    'The code one level up (2914 31 00 -> 2914 31); NULL for a chapter';

CREATE FUNCTION precursor.cn_chapter(@extschema@.cncode) RETURNS @extschema@.cncode
    AS 'MODULE_PATHNAME', 'cncode_chapter' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.cn_chapter(@extschema@.cncode) IS
    'The chapter the code belongs to (2914 31 00 -> 29)';

CREATE FUNCTION precursor.cn_heading(@extschema@.cncode) RETURNS @extschema@.cncode
    AS 'MODULE_PATHNAME', 'cncode_heading' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.cn_heading(@extschema@.cncode) IS
    'The heading the code belongs to (2914 31 00 -> 2914); NULL for a chapter';

CREATE FUNCTION precursor.cn_digits(@extschema@.cncode) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'cncode_digits' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.cn_digits(@extschema@.cncode) IS
    'The code as plain digits (2914 31 00 -> 29143100)';

CREATE FUNCTION @extschema@.cn_subtree_last(@extschema@.cncode) RETURNS @extschema@.cncode
    AS 'MODULE_PATHNAME', 'cncode_subtree_last_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.cn_subtree_last(@extschema@.cncode) IS
    'The greatest code under this one (2939 -> 2939 99 99 99): "c <@ x" is "c BETWEEN x AND cn_subtree_last(x)"';
