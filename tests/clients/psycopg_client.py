"""Client test with psycopg 3 (Debian's python3-psycopg): every precursor type
read and written in text and binary mode, screen() and lookup(), COPY in text
and binary format.  The loaders and dumpers below are the README's example of
the binary formats.  Connection from the PG* environment; the database must
have the extension.  Prints TAP; exits 1 on a failure."""
import sys

import psycopg
from psycopg.adapt import Dumper, Loader
from psycopg.pq import Format

n = 0
failed = 0


def check(ok, what):
    global n, failed
    n += 1
    print(("ok %d - %s" if ok else "not ok %d - %s") % (n, what))
    if not ok:
        failed += 1


# --- binary formats (README: "Drivers and binary formats") -----------------
def casrn_to_text(v):
    s = str(v)
    return "%s-%s-%s" % (s[:-3], s[-3:-1], s[-1])


def cncode_from_int(v):
    level, digits = v % 8, str(v // 8).zfill(10)
    return " ".join([digits[:4]] + [digits[i:i + 2] for i in range(4, 2 * level + 2, 2)]) \
        if level else digits[:2]


def cncode_to_int(s):
    d = "".join(c for c in s if c.isdigit())
    return int(d.ljust(10, "0")) * 8 + len(d) // 2 - 1


def inchikey_unpack(b):
    bits = int.from_bytes(b, "big") >> 3
    letters = "".join(chr(65 + ((bits >> (5 * (24 - i))) & 31)) for i in range(25))
    return "%s-%s-%s" % (letters[:14], letters[14:24], letters[24])


def inchikey_pack(s):
    bits = 0
    for c in s.replace("-", ""):
        bits = (bits << 5) | (ord(c) - 65)
    return (bits << 3).to_bytes(16, "big")


class CasrnBinaryLoader(Loader):
    format = Format.BINARY

    def load(self, data):
        return casrn_to_text(int.from_bytes(data, "big", signed=True))


class CasrnBinaryDumper(Dumper):
    format = Format.BINARY

    def dump(self, obj):
        return int(obj.replace("-", "")).to_bytes(8, "big", signed=True)


class EcnumberBinaryLoader(Loader):
    format = Format.BINARY

    def load(self, data):
        s = str(int.from_bytes(data, "big", signed=True))
        return "%s-%s-%s" % (s[:3], s[3:6], s[6])


class CncodeBinaryLoader(Loader):
    format = Format.BINARY

    def load(self, data):
        return cncode_from_int(int.from_bytes(data, "big", signed=True))


class InchikeyBinaryLoader(Loader):
    format = Format.BINARY

    def load(self, data):
        return inchikey_unpack(bytes(data))


def register(conn):
    oids = dict(conn.execute(
        "SELECT typname, oid::int FROM pg_type WHERE oid IN "
        "('casrn'::regtype, 'ecnumber'::regtype, 'cncode'::regtype, 'inchikey'::regtype)").fetchall())
    conn.adapters.register_loader(oids["casrn"], CasrnBinaryLoader)
    conn.adapters.register_loader(oids["ecnumber"], EcnumberBinaryLoader)
    conn.adapters.register_loader(oids["cncode"], CncodeBinaryLoader)
    conn.adapters.register_loader(oids["inchikey"], InchikeyBinaryLoader)
    CasrnBinaryDumper.oid = oids["casrn"]
    return oids


ROWS = [("103-79-7", "203-159-6", "2914 31 00", "QCCDLTOVEPVEJK-UHFFFAOYSA-N"),
        ("50-00-0", "200-001-8", "2912 11", "WSFSSNUMVMOOMR-UHFFFAOYSA-N"),
        ("9999999-99-5", "405-020-7", "29", "LFQSCWFLJHTTHZ-UHFFFAOYSA-N"),
        ("64-17-5", "200-578-6", "2939 41 00 10", "KWGRBVOPPLSCSI-WPRPVWTQSA-N")]

with psycopg.connect(autocommit=True) as conn:
    oids = register(conn)
    conn.execute("DROP TABLE IF EXISTS client_ids")
    conn.execute("CREATE TABLE client_ids (id int, cas casrn, ec ecnumber, cn cncode, ik inchikey)")

    # text mode: plain str parameters (the assignment casts from text)
    with conn.cursor() as cur:
        for i, r in enumerate(ROWS):
            cur.execute("INSERT INTO client_ids VALUES (%s, %s, %s, %s, %s)", (i,) + r)
        got = cur.execute("SELECT cas, ec, cn, ik FROM client_ids ORDER BY id").fetchall()
        check(got == ROWS, "text mode: str parameters in, canonical text out")
        got = cur.execute("SELECT id FROM client_ids WHERE cas = %s", ("103797",)).fetchall()
        check(got == [(0,)], "text mode: a str parameter compares with casrn (%s)" % got)

    # binary mode: results through the loaders, casrn parameters through the dumper
    with conn.cursor(binary=True) as cur:
        got = cur.execute("SELECT cas, ec, cn, ik FROM client_ids ORDER BY id").fetchall()
        check(got == ROWS, "binary mode: the four types decode to their canonical text")
    with conn.cursor() as cur:
        cur.adapters.register_dumper(str, CasrnBinaryDumper)
        cur.execute("INSERT INTO client_ids (id, cas) VALUES (10, %b)", ("7732-18-5",))
        got = conn.execute("SELECT cas::text FROM client_ids WHERE id = 10").fetchone()[0]
        check(got == "7732-18-5", "binary parameter: casrn sent as int8 (%s)" % got)
    conn.execute("DELETE FROM client_ids WHERE id = 10")

    # the server's send functions agree with the documented formats
    row = conn.execute("SELECT casrn_send('103-79-7'), cncode_send('2914 31 00'), inchikey_send('QCCDLTOVEPVEJK-UHFFFAOYSA-N')").fetchone()
    check(bytes(row[0]) == (103797).to_bytes(8, "big"), "casrn binary = int8 of the digits")
    check(bytes(row[1]) == cncode_to_int("2914 31 00").to_bytes(8, "big"), "cncode binary = padded digits * 8 + level")
    check(bytes(row[2]) == inchikey_pack("QCCDLTOVEPVEJK-UHFFFAOYSA-N"), "inchikey binary = 25 letters, 5 bits each")

    # a text value where the binary form belongs (a binary COPY of text): a clear error
    stream = (b"PGCOPY\n\xff\r\n\x00" + (0).to_bytes(4, "big") * 2
              + (1).to_bytes(2, "big") + (8).to_bytes(4, "big") + b"103-79-7"
              + (-1).to_bytes(2, "big", signed=True))
    try:
        with conn.cursor() as cur:
            cur.execute("CREATE TEMP TABLE copy_bad (cas casrn)")
            with cur.copy("COPY copy_bad FROM STDIN (FORMAT binary)") as cp:
                cp.write(stream)
        check(False, "text in a binary COPY of casrn is refused")
    except psycopg.errors.InvalidBinaryRepresentation as e:
        check("looks like text" in str(e.diag.message_detail or ""), "text in a binary COPY of casrn: %s / %s"
              % (e.diag.message_primary, e.diag.message_detail))

    # screen() and lookup()
    hits = conn.execute("SELECT substance, casrn FROM precursor.screen(%s) ORDER BY 1",
                        ("200 kg Phenylacetone (P2P), CAS 103-79-7",)).fetchall()
    check(any(h[1] == "103-79-7" for h in hits), "screen() finds phenylacetone: %s" % hits[:2])
    with conn.cursor(binary=True) as cur:
        hits = cur.execute("SELECT casrn FROM precursor.lookup(%s)", ("Phenylacetone",)).fetchall()
        check(("103-79-7",) in hits, "lookup() in binary mode returns casrn through the loader: %s" % hits[:2])

    # COPY in both formats, round trip
    for fmt in ("text", "binary"):
        with conn.cursor() as cur:
            data = b""
            with cur.copy("COPY (SELECT id, cas, ec, cn, ik FROM client_ids ORDER BY id) TO STDOUT (FORMAT %s)" % fmt) as cp:
                for chunk in cp:
                    data += bytes(chunk)
            cur.execute("CREATE TEMP TABLE copy_%s (LIKE client_ids)" % fmt)
            with cur.copy("COPY copy_%s FROM STDIN (FORMAT %s)" % (fmt, fmt)) as cp:
                cp.write(data)
            same = cur.execute("SELECT count(*) FROM client_ids a JOIN copy_%s b USING (id) "
                               "WHERE a.cas = b.cas AND a.ec = b.ec AND a.cn = b.cn AND a.ik = b.ik" % fmt).fetchone()[0]
            check(same == len(ROWS), "COPY %s out and back in: %d of %d rows equal" % (fmt, same, len(ROWS)))
    # binary COPY written by the client with the documented formats
    with conn.cursor() as cur:
        cur.execute("CREATE TEMP TABLE copy_client (cas casrn)")
        cur.adapters.register_dumper(str, CasrnBinaryDumper)
        with cur.copy("COPY copy_client FROM STDIN (FORMAT binary)") as cp:
            cp.set_types([oids["casrn"]])
            cp.write_row(("103-79-7",))
        got = cur.execute("SELECT cas::text FROM copy_client").fetchall()
        check(got == [("103-79-7",)], "binary COPY from the client's dumper: %s" % got)
    conn.execute("DROP TABLE client_ids")

print("1..%d" % n)
sys.exit(1 if failed else 0)
