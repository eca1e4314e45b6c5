/*
 * 10  casrn: CAS Registry Numbers.
 *
 * Stored as the int64 of all the digits (103-79-7 -> 103797), passed by value
 * like int8: integer order is the numeric order of the registry number.
 * Input checks the group lengths, the absence of a leading zero and the
 * check digit; '?' in place of the check digit asks for it to be computed.
 * Every function is IMMUTABLE: the result depends on the arguments only.
 */

CREATE TYPE @extschema@.casrn;

CREATE FUNCTION @extschema@.casrn_in(pg_catalog.cstring) RETURNS @extschema@.casrn
    AS 'MODULE_PATHNAME', 'casrn_in' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.casrn_out(@extschema@.casrn) RETURNS pg_catalog.cstring
    AS 'MODULE_PATHNAME', 'casrn_out' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.casrn_recv(pg_catalog.internal) RETURNS @extschema@.casrn
    AS 'MODULE_PATHNAME', 'casrn_recv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.casrn_send(@extschema@.casrn) RETURNS pg_catalog.bytea
    AS 'MODULE_PATHNAME', 'casrn_send' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.casrn (
    INPUT = @extschema@.casrn_in,
    OUTPUT = @extschema@.casrn_out,
    RECEIVE = @extschema@.casrn_recv,
    SEND = @extschema@.casrn_send,
    INTERNALLENGTH = 8,
    PASSEDBYVALUE,
    ALIGNMENT = double,
    STORAGE = plain
);

COMMENT ON TYPE @extschema@.casrn IS
    'CAS Registry Number with a verified check digit, e.g. 103-79-7; stored as an 8-byte integer';
COMMENT ON FUNCTION @extschema@.casrn_in(pg_catalog.cstring) IS
    'Input of casrn: 103-79-7 or 103797, surrounding white space allowed, ''?'' computes the check digit';
COMMENT ON FUNCTION @extschema@.casrn_out(@extschema@.casrn) IS
    'Output of casrn in its canonical form, e.g. 103-79-7';
COMMENT ON FUNCTION @extschema@.casrn_recv(pg_catalog.internal) IS
    'Binary input of casrn: an int8 that must be a valid CAS RN value';
COMMENT ON FUNCTION @extschema@.casrn_send(@extschema@.casrn) IS
    'Binary output of casrn: its value as an int8';

-- validation without raising, and the check digit on its own

CREATE FUNCTION precursor.is_casrn(pg_catalog.text) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'is_casrn' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.is_casrn(pg_catalog.text) IS
    'Whether the text is a valid CAS Registry Number (as casrn input would accept it); never raises';

CREATE FUNCTION precursor.casrn_check_digit(pg_catalog.int8) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'casrn_check_digit_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION precursor.casrn_check_digit(pg_catalog.int8) IS
    'Check digit of the digits before it: casrn_check_digit(10379) = 7 for 103-79-7';

-- casts: text both ways; bigint both ways and from integer (the value is all the digits)

CREATE FUNCTION precursor.casrn(pg_catalog.int8) RETURNS @extschema@.casrn
    AS 'MODULE_PATHNAME', 'casrn_from_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION precursor.casrn(pg_catalog.int4) RETURNS @extschema@.casrn
    AS 'MODULE_PATHNAME', 'casrn_from_int4' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION precursor.int8(@extschema@.casrn) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'casrn_to_int8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
COMMENT ON FUNCTION precursor.casrn(pg_catalog.int8) IS
    'The casrn whose digits form this integer (103797 -> 103-79-7); raises 22P02 on a wrong check digit';
COMMENT ON FUNCTION precursor.casrn(pg_catalog.int4) IS
    'The casrn whose digits form this integer (103797 -> 103-79-7); raises 22P02 on a wrong check digit';
COMMENT ON FUNCTION precursor.int8(@extschema@.casrn) IS
    'All the digits of the CAS RN as an integer (103-79-7 -> 103797)';

CREATE CAST (pg_catalog.text AS @extschema@.casrn) WITH INOUT;
CREATE CAST (@extschema@.casrn AS pg_catalog.text) WITH INOUT;
CREATE CAST (pg_catalog.int8 AS @extschema@.casrn) WITH FUNCTION precursor.casrn(pg_catalog.int8);
CREATE CAST (pg_catalog.int4 AS @extschema@.casrn) WITH FUNCTION precursor.casrn(pg_catalog.int4);
CREATE CAST (@extschema@.casrn AS pg_catalog.int8) WITH FUNCTION precursor.int8(@extschema@.casrn);
COMMENT ON CAST (pg_catalog.text AS @extschema@.casrn) IS
    'Parse a CAS RN; raises 22P02 when the text is not one';
COMMENT ON CAST (@extschema@.casrn AS pg_catalog.text) IS
    'The canonical form, e.g. 103-79-7';
COMMENT ON CAST (pg_catalog.int8 AS @extschema@.casrn) IS
    'From all the digits as an integer; the check digit is verified';
COMMENT ON CAST (pg_catalog.int4 AS @extschema@.casrn) IS
    'From all the digits as an integer; the check digit is verified';
COMMENT ON CAST (@extschema@.casrn AS pg_catalog.int8) IS
    'All the digits as an integer';

-- comparison: numeric order of the registry number

CREATE FUNCTION @extschema@.casrn_eq(@extschema@.casrn, @extschema@.casrn) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'casrn_eq' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.casrn_ne(@extschema@.casrn, @extschema@.casrn) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'casrn_ne' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.casrn_lt(@extschema@.casrn, @extschema@.casrn) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'casrn_lt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.casrn_le(@extschema@.casrn, @extschema@.casrn) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'casrn_le' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.casrn_gt(@extschema@.casrn, @extschema@.casrn) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'casrn_gt' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.casrn_ge(@extschema@.casrn, @extschema@.casrn) RETURNS pg_catalog.bool
    AS 'MODULE_PATHNAME', 'casrn_ge' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.casrn_cmp(@extschema@.casrn, @extschema@.casrn) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'casrn_cmp' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.casrn_sortsupport(pg_catalog.internal) RETURNS pg_catalog.void
    AS 'MODULE_PATHNAME', 'casrn_sortsupport' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.casrn_hash(@extschema@.casrn) RETURNS pg_catalog.int4
    AS 'MODULE_PATHNAME', 'casrn_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;
CREATE FUNCTION @extschema@.casrn_hash_extended(@extschema@.casrn, pg_catalog.int8) RETURNS pg_catalog.int8
    AS 'MODULE_PATHNAME', 'casrn_hash_extended' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE LEAKPROOF;

COMMENT ON FUNCTION @extschema@.casrn_eq(@extschema@.casrn, @extschema@.casrn) IS 'Implementation of = for casrn';
COMMENT ON FUNCTION @extschema@.casrn_ne(@extschema@.casrn, @extschema@.casrn) IS 'Implementation of <> for casrn';
COMMENT ON FUNCTION @extschema@.casrn_lt(@extschema@.casrn, @extschema@.casrn) IS 'Implementation of < for casrn';
COMMENT ON FUNCTION @extschema@.casrn_le(@extschema@.casrn, @extschema@.casrn) IS 'Implementation of <= for casrn';
COMMENT ON FUNCTION @extschema@.casrn_gt(@extschema@.casrn, @extschema@.casrn) IS 'Implementation of > for casrn';
COMMENT ON FUNCTION @extschema@.casrn_ge(@extschema@.casrn, @extschema@.casrn) IS 'Implementation of >= for casrn';
COMMENT ON FUNCTION @extschema@.casrn_cmp(@extschema@.casrn, @extschema@.casrn) IS
    'Three-way comparison of casrn (btree support function 1)';
COMMENT ON FUNCTION @extschema@.casrn_sortsupport(pg_catalog.internal) IS
    'Sort support for casrn (btree support function 2)';
COMMENT ON FUNCTION @extschema@.casrn_hash(@extschema@.casrn) IS
    'Hash of casrn, equal to hashint8 of its value (hash support function 1)';
COMMENT ON FUNCTION @extschema@.casrn_hash_extended(@extschema@.casrn, pg_catalog.int8) IS
    'Seeded 64-bit hash of casrn, for hash partitioning (hash support function 2)';

CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.casrn, RIGHTARG = @extschema@.casrn,
    FUNCTION = @extschema@.casrn_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = pg_catalog.eqsel, JOIN = pg_catalog.eqjoinsel,
    HASHES, MERGES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.casrn, RIGHTARG = @extschema@.casrn,
    FUNCTION = @extschema@.casrn_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = pg_catalog.neqsel, JOIN = pg_catalog.neqjoinsel
);
CREATE OPERATOR @extschema@.< (
    LEFTARG = @extschema@.casrn, RIGHTARG = @extschema@.casrn,
    FUNCTION = @extschema@.casrn_lt,
    COMMUTATOR = OPERATOR(@extschema@.>), NEGATOR = OPERATOR(@extschema@.>=),
    RESTRICT = pg_catalog.scalarltsel, JOIN = pg_catalog.scalarltjoinsel
);
CREATE OPERATOR @extschema@.<= (
    LEFTARG = @extschema@.casrn, RIGHTARG = @extschema@.casrn,
    FUNCTION = @extschema@.casrn_le,
    COMMUTATOR = OPERATOR(@extschema@.>=), NEGATOR = OPERATOR(@extschema@.>),
    RESTRICT = pg_catalog.scalarlesel, JOIN = pg_catalog.scalarlejoinsel
);
CREATE OPERATOR @extschema@.> (
    LEFTARG = @extschema@.casrn, RIGHTARG = @extschema@.casrn,
    FUNCTION = @extschema@.casrn_gt,
    COMMUTATOR = OPERATOR(@extschema@.<), NEGATOR = OPERATOR(@extschema@.<=),
    RESTRICT = pg_catalog.scalargtsel, JOIN = pg_catalog.scalargtjoinsel
);
CREATE OPERATOR @extschema@.>= (
    LEFTARG = @extschema@.casrn, RIGHTARG = @extschema@.casrn,
    FUNCTION = @extschema@.casrn_ge,
    COMMUTATOR = OPERATOR(@extschema@.<=), NEGATOR = OPERATOR(@extschema@.<),
    RESTRICT = pg_catalog.scalargesel, JOIN = pg_catalog.scalargejoinsel
);

COMMENT ON OPERATOR @extschema@.= (@extschema@.casrn, @extschema@.casrn) IS 'Same CAS Registry Number';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.casrn, @extschema@.casrn) IS 'Different CAS Registry Numbers';
COMMENT ON OPERATOR @extschema@.< (@extschema@.casrn, @extschema@.casrn) IS 'Numerically less than';
COMMENT ON OPERATOR @extschema@.<= (@extschema@.casrn, @extschema@.casrn) IS 'Numerically less than or equal';
COMMENT ON OPERATOR @extschema@.> (@extschema@.casrn, @extschema@.casrn) IS 'Numerically greater than';
COMMENT ON OPERATOR @extschema@.>= (@extschema@.casrn, @extschema@.casrn) IS 'Numerically greater than or equal';

CREATE OPERATOR CLASS @extschema@.casrn_ops
    DEFAULT FOR TYPE @extschema@.casrn USING btree AS
        OPERATOR 1 @extschema@.< ,
        OPERATOR 2 @extschema@.<= ,
        OPERATOR 3 @extschema@.= ,
        OPERATOR 4 @extschema@.>= ,
        OPERATOR 5 @extschema@.> ,
        FUNCTION 1 @extschema@.casrn_cmp(@extschema@.casrn, @extschema@.casrn),
        FUNCTION 2 @extschema@.casrn_sortsupport(pg_catalog.internal);
COMMENT ON OPERATOR CLASS @extschema@.casrn_ops USING btree IS
    'Numeric order of CAS Registry Numbers';

CREATE OPERATOR CLASS @extschema@.casrn_ops
    DEFAULT FOR TYPE @extschema@.casrn USING hash AS
        OPERATOR 1 @extschema@.= ,
        FUNCTION 1 @extschema@.casrn_hash(@extschema@.casrn),
        FUNCTION 2 @extschema@.casrn_hash_extended(@extschema@.casrn, pg_catalog.int8);
COMMENT ON OPERATOR CLASS @extschema@.casrn_ops USING hash IS
    'Hashing of CAS Registry Numbers: hash joins, hash indexes, hash partitioning';
COMMENT ON OPERATOR FAMILY @extschema@.casrn_ops USING btree IS
    'Numeric order of CAS Registry Numbers';
COMMENT ON OPERATOR FAMILY @extschema@.casrn_ops USING hash IS
    'Hashing of CAS Registry Numbers';
