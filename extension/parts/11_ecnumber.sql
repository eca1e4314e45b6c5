/*
 * 11  ecnumber: EC numbers (EINECS 2xx/3xx, ELINCS 4xx, NLP 5xx), NNN-NNN-N.
 *
 * Stored as the int32 of the seven digits (200-001-8 -> 2000018), passed by
 * value like int4.  The check digit is the sum of the first six digits
 * weighted 1 to 6, modulo 11, with a remainder of 10 written as 1.  Input
 * accepts NNN-NNN-N or seven plain digits; '?' in place of the check digit
 * asks for it to be computed.
 * Every function is IMMUTABLE: the result depends on the arguments only.
 */

CREATE TYPE @extschema@.ecnumber;

CREATE FUNCTION @extschema@.ecnumber_in(pg_catalog.cstring) RETURNS @extschema@.ecnumber
    AS 'MODULE_PATHNAME', 'ecnumber_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ecnumber_out(@extschema@.ecnumber) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'ecnumber_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ecnumber_recv(pg_catalog.internal) RETURNS @extschema@.ecnumber
    AS 'MODULE_PATHNAME', 'ecnumber_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ecnumber_send(@extschema@.ecnumber) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'ecnumber_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.ecnumber (
    INPUT = @extschema@.ecnumber_in,
    OUTPUT = @extschema@.ecnumber_out,
    RECEIVE = @extschema@.ecnumber_recv,
    SEND = @extschema@.ecnumber_send,
    INTERNALLENGTH = 4,
    PASSEDBYVALUE,
    ALIGNMENT = int4,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.ecnumber IS
    'EC number (EINECS, ELINCS, NLP) with a verified check digit, e.g. 200-001-8; stored as a 4-byte integer';
COMMENT ON FUNCTION @extschema@.ecnumber_in(pg_catalog.cstring) IS
    'Input of ecnumber: 200-001-8 or 2000018, surrounding white space allowed, ''?'' computes the check digit';
COMMENT ON FUNCTION @extschema@.ecnumber_out(@extschema@.ecnumber) IS
    'Output of ecnumber in its canonical form, e.g. 200-001-8';
COMMENT ON FUNCTION @extschema@.ecnumber_recv(pg_catalog.internal) IS
    'Binary input of ecnumber: an int4 that must be a valid EC number value';
COMMENT ON FUNCTION @extschema@.ecnumber_send(@extschema@.ecnumber) IS
    'Binary output of ecnumber: its value as an int4';

-- validation without raising, and the check digit on its own

CREATE FUNCTION precursor.is_ecnumber(pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'is_ecnumber' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.is_ecnumber(pg_catalog.text) IS
    'Whether the text is a valid EC number (as ecnumber input would accept it); never raises';

CREATE FUNCTION precursor.ecnumber_check_digit(pg_catalog.int4) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'ecnumber_check_digit_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.ecnumber_check_digit(pg_catalog.int4) IS
    'Check digit of the first six digits: ecnumber_check_digit(200001) = 8 for 200-001-8';

-- casts: text both ways; integer both ways (the value is the seven digits)

CREATE FUNCTION precursor.ecnumber(pg_catalog.int4) RETURNS @extschema@.ecnumber
    AS 'MODULE_PATHNAME', 'ecnumber_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION precursor.int4(@extschema@.ecnumber) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'ecnumber_to_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION precursor.ecnumber(pg_catalog.int4) IS
    'The ecnumber whose seven digits form this integer (2000018 -> 200-001-8); raises 22P02 on a wrong check digit';
COMMENT ON FUNCTION precursor.int4(@extschema@.ecnumber) IS
    'The seven digits of the EC number as an integer (200-001-8 -> 2000018)';

CREATE CAST (pg_catalog.text AS @extschema@.ecnumber) WITH INOUT;
CREATE CAST (@extschema@.ecnumber AS pg_catalog.text) WITH INOUT;
CREATE CAST (pg_catalog.int4 AS @extschema@.ecnumber) WITH FUNCTION precursor.ecnumber(pg_catalog.int4);
CREATE CAST (@extschema@.ecnumber AS pg_catalog.int4) WITH FUNCTION precursor.int4(@extschema@.ecnumber);
COMMENT ON CAST (pg_catalog.text AS @extschema@.ecnumber) IS
    'Parse an EC number; raises 22P02 when the text is not one';
COMMENT ON CAST (@extschema@.ecnumber AS pg_catalog.text) IS
    'The canonical form, e.g. 200-001-8';
COMMENT ON CAST (pg_catalog.int4 AS @extschema@.ecnumber) IS
    'From the seven digits as an integer; the check digit is verified';
COMMENT ON CAST (@extschema@.ecnumber AS pg_catalog.int4) IS
    'The seven digits as an integer';

-- comparison: numeric order of the registry number

CREATE FUNCTION @extschema@.ecnumber_eq(@extschema@.ecnumber, @extschema@.ecnumber) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ecnumber_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ecnumber_ne(@extschema@.ecnumber, @extschema@.ecnumber) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ecnumber_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ecnumber_lt(@extschema@.ecnumber, @extschema@.ecnumber) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ecnumber_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ecnumber_le(@extschema@.ecnumber, @extschema@.ecnumber) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ecnumber_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ecnumber_gt(@extschema@.ecnumber, @extschema@.ecnumber) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ecnumber_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ecnumber_ge(@extschema@.ecnumber, @extschema@.ecnumber) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'ecnumber_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ecnumber_cmp(@extschema@.ecnumber, @extschema@.ecnumber) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'ecnumber_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ecnumber_sortsupport(pg_catalog.internal) RETURNS pg_catalog.void
    AS 'MODULE_PATHNAME', 'ecnumber_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ecnumber_hash(@extschema@.ecnumber) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'ecnumber_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.ecnumber_hash_extended(@extschema@.ecnumber, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'ecnumber_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.ecnumber_eq(@extschema@.ecnumber, @extschema@.ecnumber) IS 'Implementation of = for ecnumber';
COMMENT ON FUNCTION @extschema@.ecnumber_ne(@extschema@.ecnumber, @extschema@.ecnumber) IS 'Implementation of <> for ecnumber';
COMMENT ON FUNCTION @extschema@.ecnumber_lt(@extschema@.ecnumber, @extschema@.ecnumber) IS 'Implementation of < for ecnumber';
COMMENT ON FUNCTION @extschema@.ecnumber_le(@extschema@.ecnumber, @extschema@.ecnumber) IS 'Implementation of <= for ecnumber';
COMMENT ON FUNCTION @extschema@.ecnumber_gt(@extschema@.ecnumber, @extschema@.ecnumber) IS 'Implementation of > for ecnumber';
COMMENT ON FUNCTION @extschema@.ecnumber_ge(@extschema@.ecnumber, @extschema@.ecnumber) IS 'Implementation of >= for ecnumber';
COMMENT ON FUNCTION @extschema@.ecnumber_cmp(@extschema@.ecnumber, @extschema@.ecnumber) IS
    'Three-way comparison of ecnumber (btree support function 1)';
COMMENT ON FUNCTION @extschema@.ecnumber_sortsupport(pg_catalog.internal) IS
    'Sort support for ecnumber (btree support function 2)';
COMMENT ON FUNCTION @extschema@.ecnumber_hash(@extschema@.ecnumber) IS
    'Hash of ecnumber, equal to hashint4 of its value (hash support function 1)';
COMMENT ON FUNCTION @extschema@.ecnumber_hash_extended(@extschema@.ecnumber, pg_catalog.int8) IS
    'Seeded 64-bit hash of ecnumber, for hash partitioning (hash support function 2)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.ecnumber, RIGHTARG = @extschema@.ecnumber,
    FUNCTION = @extschema@.ecnumber_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.ecnumber, RIGHTARG = @extschema@.ecnumber,
    FUNCTION = @extschema@.ecnumber_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.ecnumber, RIGHTARG = @extschema@.ecnumber,
    FUNCTION = @extschema@.ecnumber_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.ecnumber, RIGHTARG = @extschema@.ecnumber,
    FUNCTION = @extschema@.ecnumber_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.ecnumber, RIGHTARG = @extschema@.ecnumber,
    FUNCTION = @extschema@.ecnumber_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.ecnumber, RIGHTARG = @extschema@.ecnumber,
    FUNCTION = @extschema@.ecnumber_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

COMMENT ON OPERATOR @extschema@.= (@extschema@.ecnumber, @extschema@.ecnumber) IS 'Same EC number';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.ecnumber, @extschema@.ecnumber) IS 'Different EC numbers';
COMMENT ON OPERATOR @extschema@.< (@extschema@.ecnumber, @extschema@.ecnumber) IS 'Numerically less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.ecnumber, @extschema@.ecnumber) IS 'Numerically less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.ecnumber, @extschema@.ecnumber) IS 'Numerically greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.ecnumber, @extschema@.ecnumber) IS 'Numerically greater than or equal';

CREATE OPERATOR CLASS @extschema@.ecnumber_ops
    DEFAULT FOR TYPE @extschema@.ecnumber USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.ecnumber_cmp(@extschema@.ecnumber, @extschema@.ecnumber),
        FUNCTION 2 @extschema@.ecnumber_sortsupport(pg_catalog.internal);
COMMENT ON OPERATOR CLASS @extschema@.ecnumber_ops USING btree IS
    'Numeric order of EC numbers';

CREATE OPERATOR CLASS @extschema@.ecnumber_ops
    DEFAULT FOR TYPE @extschema@.ecnumber USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.ecnumber_hash(@extschema@.ecnumber),
        FUNCTION 2 @extschema@.ecnumber_hash_extended(@extschema@.ecnumber, pg_catalog.int8);
COMMENT ON OPERATOR CLASS @extschema@.ecnumber_ops USING hash IS
    'Hashing of EC numbers: hash joins, hash indexes, hash partitioning';
COMMENT ON OPERATOR FAMILY @extschema@.ecnumber_ops USING btree IS
    'Numeric order of EC numbers';
COMMENT ON OPERATOR FAMILY @extschema@.ecnumber_ops USING hash IS
    'Hashing of EC numbers';
