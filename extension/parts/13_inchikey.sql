/*
 * 13  inchikey: the 27-character InChIKey, packed into 16 bytes.
 *
 * 25 letters x 5 bits, big-endian, so byte order is text order and all the
 * keys of one connectivity skeleton (first block: shared by stereoisomers
 * and isotopologues) are one contiguous btree range; a planner support
 * function turns a skeleton match against a constant into that range.
 * Every function is IMMUTABLE: the result depends on the arguments only.
 */

CREATE TYPE @extschema@.inchikey;

CREATE FUNCTION @extschema@.inchikey_in(pg_catalog.cstring) RETURNS @extschema@.inchikey
    AS 'MODULE_PATHNAME', 'inchikey_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.inchikey_out(@extschema@.inchikey) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'inchikey_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.inchikey_recv(pg_catalog.internal) RETURNS @extschema@.inchikey
    AS 'MODULE_PATHNAME', 'inchikey_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.inchikey_send(@extschema@.inchikey) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'inchikey_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.inchikey (
    INPUT = @extschema@.inchikey_in,
    OUTPUT = @extschema@.inchikey_out,
    RECEIVE = @extschema@.inchikey_recv,
    SEND = @extschema@.inchikey_send,
    INTERNALLENGTH = 16,
    ALIGNMENT = char,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.inchikey IS
    'InChIKey (XXXXXXXXXXXXXX-YYYYYYYYFV-P), validated for its structure, stored in 16 bytes';
COMMENT ON FUNCTION @extschema@.inchikey_in(pg_catalog.cstring) IS
    'Input of inchikey: 27 upper-case characters, optionally prefixed by InChIKey=';
COMMENT ON FUNCTION @extschema@.inchikey_out(@extschema@.inchikey) IS
    'Output of inchikey: the 27-character key';
COMMENT ON FUNCTION @extschema@.inchikey_recv(pg_catalog.internal) IS
    'Binary input of inchikey (16 packed bytes, validated)';
COMMENT ON FUNCTION @extschema@.inchikey_send(@extschema@.inchikey) IS
    'Binary output of inchikey (16 packed bytes)';

CREATE FUNCTION precursor.is_inchikey(pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_is_valid_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.is_inchikey(pg_catalog.text) IS
    'Whether the text is a well-formed InChIKey; never raises';

CREATE CAST (@extschema@.inchikey AS pg_catalog.text) WITH INOUT;
CREATE CAST (pg_catalog.text AS @extschema@.inchikey) WITH INOUT;
COMMENT ON CAST (@extschema@.inchikey AS pg_catalog.text) IS
    'The 27-character key';
COMMENT ON CAST (pg_catalog.text AS @extschema@.inchikey) IS
    'Parse a key; raises 22P02 when the text is not one';

-- comparison: text order of the key (the skeleton first)

CREATE FUNCTION @extschema@.inchikey_eq(@extschema@.inchikey, @extschema@.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.inchikey_ne(@extschema@.inchikey, @extschema@.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.inchikey_lt(@extschema@.inchikey, @extschema@.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.inchikey_le(@extschema@.inchikey, @extschema@.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.inchikey_gt(@extschema@.inchikey, @extschema@.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.inchikey_ge(@extschema@.inchikey, @extschema@.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.inchikey_cmp(@extschema@.inchikey, @extschema@.inchikey) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'inchikey_cmp_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.inchikey_hash(@extschema@.inchikey) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'inchikey_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.inchikey_hash_extended(@extschema@.inchikey, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'inchikey_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.inchikey_eq(@extschema@.inchikey, @extschema@.inchikey) IS 'Implementation of = for inchikey';
COMMENT ON FUNCTION @extschema@.inchikey_ne(@extschema@.inchikey, @extschema@.inchikey) IS 'Implementation of <> for inchikey';
COMMENT ON FUNCTION @extschema@.inchikey_lt(@extschema@.inchikey, @extschema@.inchikey) IS 'Implementation of < for inchikey';
COMMENT ON FUNCTION @extschema@.inchikey_le(@extschema@.inchikey, @extschema@.inchikey) IS 'Implementation of <= for inchikey';
COMMENT ON FUNCTION @extschema@.inchikey_gt(@extschema@.inchikey, @extschema@.inchikey) IS 'Implementation of > for inchikey';
COMMENT ON FUNCTION @extschema@.inchikey_ge(@extschema@.inchikey, @extschema@.inchikey) IS 'Implementation of >= for inchikey';
COMMENT ON FUNCTION @extschema@.inchikey_cmp(@extschema@.inchikey, @extschema@.inchikey) IS 'Btree comparison of inchikey: -1, 0 or 1';
COMMENT ON FUNCTION @extschema@.inchikey_hash(@extschema@.inchikey) IS 'Hash of inchikey';
COMMENT ON FUNCTION @extschema@.inchikey_hash_extended(@extschema@.inchikey, pg_catalog.int8) IS 'Seeded 64-bit hash of inchikey (hash partitioning)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.inchikey, RIGHTARG = @extschema@.inchikey,
    FUNCTION = @extschema@.inchikey_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.inchikey, RIGHTARG = @extschema@.inchikey,
    FUNCTION = @extschema@.inchikey_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.inchikey, RIGHTARG = @extschema@.inchikey,
    FUNCTION = @extschema@.inchikey_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.inchikey, RIGHTARG = @extschema@.inchikey,
    FUNCTION = @extschema@.inchikey_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.inchikey, RIGHTARG = @extschema@.inchikey,
    FUNCTION = @extschema@.inchikey_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.inchikey, RIGHTARG = @extschema@.inchikey,
    FUNCTION = @extschema@.inchikey_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

COMMENT ON OPERATOR @extschema@.= (@extschema@.inchikey, @extschema@.inchikey) IS 'equal';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.inchikey, @extschema@.inchikey) IS 'not equal';
COMMENT ON OPERATOR @extschema@.< (@extschema@.inchikey, @extschema@.inchikey) IS 'less than (text order)';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.inchikey, @extschema@.inchikey) IS 'less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.inchikey, @extschema@.inchikey) IS 'greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.inchikey, @extschema@.inchikey) IS 'greater than or equal';

CREATE OPERATOR CLASS @extschema@.inchikey_ops
    DEFAULT FOR TYPE @extschema@.inchikey USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.inchikey_cmp(@extschema@.inchikey, @extschema@.inchikey);
COMMENT ON OPERATOR CLASS @extschema@.inchikey_ops USING btree IS
    'Default btree order of inchikey (text order); also serves skeleton matches through the support function of ~=';

CREATE OPERATOR CLASS @extschema@.inchikey_hash_ops
    DEFAULT FOR TYPE @extschema@.inchikey USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.inchikey_hash(@extschema@.inchikey),
        FUNCTION 2 @extschema@.inchikey_hash_extended(@extschema@.inchikey, pg_catalog.int8);
COMMENT ON OPERATOR CLASS @extschema@.inchikey_hash_ops USING hash IS
    'Default hash opclass of inchikey (hash joins, hash aggregation, hash partitioning)';
COMMENT ON OPERATOR FAMILY @extschema@.inchikey_ops USING btree IS 'Btree order of inchikey (text order)';
COMMENT ON OPERATOR FAMILY @extschema@.inchikey_hash_ops USING hash IS 'Hashing of inchikey';

-- connectivity skeleton

CREATE FUNCTION precursor.inchikey_skeleton(@extschema@.inchikey) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'inchikey_skeleton_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.inchikey_skeleton(@extschema@.inchikey) IS
    'First block of the key (14 letters): the connectivity hash, shared by stereoisomers and isotopologues';

CREATE FUNCTION @extschema@.inchikey_skeleton_min(@extschema@.inchikey) RETURNS @extschema@.inchikey
    AS 'MODULE_PATHNAME', 'inchikey_skeleton_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.inchikey_skeleton_min(@extschema@.inchikey) IS
    'Smallest well-formed key with the same skeleton (SKELETON-AAAAAAAANA-A)';
CREATE FUNCTION @extschema@.inchikey_skeleton_max(@extschema@.inchikey) RETURNS @extschema@.inchikey
    AS 'MODULE_PATHNAME', 'inchikey_skeleton_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.inchikey_skeleton_max(@extschema@.inchikey) IS
    'Largest well-formed key with the same skeleton (SKELETON-ZZZZZZZZSA-Z)';

CREATE FUNCTION @extschema@.inchikey_same_skeleton_support(pg_catalog.internal) RETURNS pg_catalog.internal
    AS 'MODULE_PATHNAME', 'inchikey_same_skeleton_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.inchikey_same_skeleton_support(pg_catalog.internal) IS
    'Planner support of same_skeleton: a match against a constant becomes a btree range';

CREATE FUNCTION @extschema@.same_skeleton(@extschema@.inchikey, @extschema@.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_same_skeleton_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT @extschema@.inchikey_same_skeleton_support;
COMMENT ON FUNCTION @extschema@.same_skeleton(@extschema@.inchikey, @extschema@.inchikey) IS
    'Whether two keys share their first block (same connectivity: stereoisomers, isotopologues)';

CREATE OPERATOR @extschema@.~= (
    LEFTARG = @extschema@.inchikey, RIGHTARG = @extschema@.inchikey,
    FUNCTION = @extschema@.same_skeleton,
    COMMUTATOR = OPERATOR(@extschema@.~=),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
COMMENT ON OPERATOR @extschema@.~= (@extschema@.inchikey, @extschema@.inchikey) IS
    'same skeleton: the keys share their first block (indexable by btree when one side is a constant)';
