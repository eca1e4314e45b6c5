/*
 * 13  inchikey: the 27-character InChIKey, packed into 16 bytes.
 *
 * 25 letters x 5 bits, big-endian, so byte order is text order and all the
 * keys of one connectivity skeleton (first block: shared by stereoisomers
 * and isotopologues) are one contiguous btree range; a planner support
 * function turns a skeleton match against a constant into that range.
 * Every function is IMMUTABLE: the result depends on the arguments only.
 */

CREATE TYPE precursor.inchikey;

CREATE FUNCTION precursor.inchikey_in(pg_catalog.cstring) RETURNS precursor.inchikey
    AS 'MODULE_PATHNAME', 'inchikey_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION precursor.inchikey_out(precursor.inchikey) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'inchikey_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION precursor.inchikey_recv(pg_catalog.internal) RETURNS precursor.inchikey
    AS 'MODULE_PATHNAME', 'inchikey_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION precursor.inchikey_send(precursor.inchikey) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'inchikey_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE precursor.inchikey (
    INPUT = precursor.inchikey_in,
    OUTPUT = precursor.inchikey_out,
    RECEIVE = precursor.inchikey_recv,
    SEND = precursor.inchikey_send,
    INTERNALLENGTH = 16,
    ALIGNMENT = char,
    STORAGE = plain
);

COMMENT ON TYPE precursor.inchikey IS
    'InChIKey (XXXXXXXXXXXXXX-YYYYYYYYFV-P), validated for its structure, stored in 16 bytes';
COMMENT ON FUNCTION precursor.inchikey_in(pg_catalog.cstring) IS
    'Input of inchikey: 27 upper-case characters, optionally prefixed by InChIKey=';
COMMENT ON FUNCTION precursor.inchikey_out(precursor.inchikey) IS
    'Output of inchikey: the 27-character key';
COMMENT ON FUNCTION precursor.inchikey_recv(pg_catalog.internal) IS
    'Binary input of inchikey (16 packed bytes, validated)';
COMMENT ON FUNCTION precursor.inchikey_send(precursor.inchikey) IS
    'Binary output of inchikey (16 packed bytes)';

CREATE FUNCTION precursor.is_inchikey(pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_is_valid_text' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.is_inchikey(pg_catalog.text) IS
    'Whether the text is a well-formed InChIKey; never raises';

CREATE CAST (precursor.inchikey AS pg_catalog.text) WITH INOUT;
CREATE CAST (pg_catalog.text AS precursor.inchikey) WITH INOUT;
COMMENT ON CAST (precursor.inchikey AS pg_catalog.text) IS
    'The 27-character key';
COMMENT ON CAST (pg_catalog.text AS precursor.inchikey) IS
    'Parse a key; raises 22P02 when the text is not one';

-- comparison: text order of the key (the skeleton first)

CREATE FUNCTION precursor.inchikey_eq(precursor.inchikey, precursor.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION precursor.inchikey_ne(precursor.inchikey, precursor.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION precursor.inchikey_lt(precursor.inchikey, precursor.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION precursor.inchikey_le(precursor.inchikey, precursor.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION precursor.inchikey_gt(precursor.inchikey, precursor.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION precursor.inchikey_ge(precursor.inchikey, precursor.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION precursor.inchikey_cmp(precursor.inchikey, precursor.inchikey) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'inchikey_cmp_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION precursor.inchikey_hash(precursor.inchikey) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'inchikey_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION precursor.inchikey_hash_extended(precursor.inchikey, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'inchikey_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION precursor.inchikey_eq(precursor.inchikey, precursor.inchikey) IS 'Implementation of = for inchikey';
COMMENT ON FUNCTION precursor.inchikey_ne(precursor.inchikey, precursor.inchikey) IS 'Implementation of <> for inchikey';
COMMENT ON FUNCTION precursor.inchikey_lt(precursor.inchikey, precursor.inchikey) IS 'Implementation of < for inchikey';
COMMENT ON FUNCTION precursor.inchikey_le(precursor.inchikey, precursor.inchikey) IS 'Implementation of <= for inchikey';
COMMENT ON FUNCTION precursor.inchikey_gt(precursor.inchikey, precursor.inchikey) IS 'Implementation of > for inchikey';
COMMENT ON FUNCTION precursor.inchikey_ge(precursor.inchikey, precursor.inchikey) IS 'Implementation of >= for inchikey';
COMMENT ON FUNCTION precursor.inchikey_cmp(precursor.inchikey, precursor.inchikey) IS 'Btree comparison of inchikey: -1, 0 or 1';
COMMENT ON FUNCTION precursor.inchikey_hash(precursor.inchikey) IS 'Hash of inchikey';
COMMENT ON FUNCTION precursor.inchikey_hash_extended(precursor.inchikey, pg_catalog.int8) IS 'Seeded 64-bit hash of inchikey (hash partitioning)';

CREATE OPERATOR precursor.= (
    LEFTARG = precursor.inchikey, RIGHTARG = precursor.inchikey,
    FUNCTION = precursor.inchikey_eq,
    COMMUTATOR = OPERATOR(precursor.=), NEGATOR = OPERATOR(precursor.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR precursor.<> (
    LEFTARG = precursor.inchikey, RIGHTARG = precursor.inchikey,
    FUNCTION = precursor.inchikey_ne,
    COMMUTATOR = OPERATOR(precursor.<>), NEGATOR = OPERATOR(precursor.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR precursor.< (
    LEFTARG = precursor.inchikey, RIGHTARG = precursor.inchikey,
    FUNCTION = precursor.inchikey_lt,
    COMMUTATOR = OPERATOR(precursor.>), NEGATOR = OPERATOR(precursor.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR precursor.<= (
    LEFTARG = precursor.inchikey, RIGHTARG = precursor.inchikey,
    FUNCTION = precursor.inchikey_le,
    COMMUTATOR = OPERATOR(precursor.>=), NEGATOR = OPERATOR(precursor.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR precursor.> (
    LEFTARG = precursor.inchikey, RIGHTARG = precursor.inchikey,
    FUNCTION = precursor.inchikey_gt,
    COMMUTATOR = OPERATOR(precursor.<), NEGATOR = OPERATOR(precursor.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR precursor.>= (
    LEFTARG = precursor.inchikey, RIGHTARG = precursor.inchikey,
    FUNCTION = precursor.inchikey_ge,
    COMMUTATOR = OPERATOR(precursor.<=), NEGATOR = OPERATOR(precursor.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

COMMENT ON OPERATOR precursor.= (precursor.inchikey, precursor.inchikey) IS 'equal';
COMMENT ON OPERATOR precursor.<> (precursor.inchikey, precursor.inchikey) IS 'not equal';
COMMENT ON OPERATOR precursor.< (precursor.inchikey, precursor.inchikey) IS 'less than (text order)';
COMMENT ON OPERATOR precursor.<= (precursor.inchikey, precursor.inchikey) IS 'less than or equal';
COMMENT ON OPERATOR precursor.> (precursor.inchikey, precursor.inchikey) IS 'greater than';
COMMENT ON OPERATOR precursor.>= (precursor.inchikey, precursor.inchikey) IS 'greater than or equal';

CREATE OPERATOR CLASS precursor.inchikey_ops
    DEFAULT FOR TYPE precursor.inchikey USING btree AS
        OPERATOR 1 precursor.< ,
        OPERATOR 2 precursor.<= ,
        OPERATOR 3 precursor.= ,
        OPERATOR 4 precursor.>= ,
        OPERATOR 5 precursor.> ,
        FUNCTION 1 precursor.inchikey_cmp(precursor.inchikey, precursor.inchikey);
COMMENT ON OPERATOR CLASS precursor.inchikey_ops USING btree IS
    'Default btree order of inchikey (text order); also serves skeleton matches through the support function of ~=';

CREATE OPERATOR CLASS precursor.inchikey_hash_ops
    DEFAULT FOR TYPE precursor.inchikey USING hash AS
        OPERATOR 1 precursor.= ,
        FUNCTION 1 precursor.inchikey_hash(precursor.inchikey),
        FUNCTION 2 precursor.inchikey_hash_extended(precursor.inchikey, pg_catalog.int8);
COMMENT ON OPERATOR CLASS precursor.inchikey_hash_ops USING hash IS
    'Default hash opclass of inchikey (hash joins, hash aggregation, hash partitioning)';
COMMENT ON OPERATOR FAMILY precursor.inchikey_ops USING btree IS 'Btree order of inchikey (text order)';
COMMENT ON OPERATOR FAMILY precursor.inchikey_hash_ops USING hash IS 'Hashing of inchikey';

-- connectivity skeleton

CREATE FUNCTION precursor.inchikey_skeleton(precursor.inchikey) RETURNS pg_catalog.text
    AS 'MODULE_PATHNAME', 'inchikey_skeleton_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.inchikey_skeleton(precursor.inchikey) IS
    'First block of the key (14 letters): the connectivity hash, shared by stereoisomers and isotopologues';

CREATE FUNCTION precursor.inchikey_skeleton_min(precursor.inchikey) RETURNS precursor.inchikey
    AS 'MODULE_PATHNAME', 'inchikey_skeleton_min' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.inchikey_skeleton_min(precursor.inchikey) IS
    'Smallest well-formed key with the same skeleton (SKELETON-AAAAAAAANA-A)';
CREATE FUNCTION precursor.inchikey_skeleton_max(precursor.inchikey) RETURNS precursor.inchikey
    AS 'MODULE_PATHNAME', 'inchikey_skeleton_max' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.inchikey_skeleton_max(precursor.inchikey) IS
    'Largest well-formed key with the same skeleton (SKELETON-ZZZZZZZZSA-Z)';

CREATE FUNCTION precursor.inchikey_same_skeleton_support(pg_catalog.internal) RETURNS pg_catalog.internal
    AS 'MODULE_PATHNAME', 'inchikey_same_skeleton_support' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.inchikey_same_skeleton_support(pg_catalog.internal) IS
    'Planner support of same_skeleton: a match against a constant becomes a btree range';

CREATE FUNCTION precursor.same_skeleton(precursor.inchikey, precursor.inchikey) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'inchikey_same_skeleton_fn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF
    SUPPORT precursor.inchikey_same_skeleton_support;
COMMENT ON FUNCTION precursor.same_skeleton(precursor.inchikey, precursor.inchikey) IS
    'Whether two keys share their first block (same connectivity: stereoisomers, isotopologues)';

CREATE OPERATOR precursor.~= (
    LEFTARG = precursor.inchikey, RIGHTARG = precursor.inchikey,
    FUNCTION = precursor.same_skeleton,
    COMMUTATOR = OPERATOR(precursor.~=),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel
);
COMMENT ON OPERATOR precursor.~= (precursor.inchikey, precursor.inchikey) IS
    'same skeleton: the keys share their first block (indexable by btree when one side is a constant)';
