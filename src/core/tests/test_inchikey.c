/*
 * test_inchikey.c
 *		Unit tests of the InChIKey parser, packing and skeleton (TAP).
 */
#include "inchikey.h"
#include "tap.h"

static const char *
canon(const char *s)
{
	static char buf[INCHIKEY_LEN + 1];
	InchiKey	k;

	if (!inchikey_parse(s, strlen(s), &k, NULL))
		return "(rejected)";
	inchikey_format(&k, buf);
	return buf;
}

static const char *
detail(const char *s)
{
	static PrecursorError err;
	InchiKey	k;

	if (inchikey_parse(s, strlen(s), &k, &err))
		return "(accepted)";
	return err.detail;
}

static InchiKey
key(const char *s)
{
	InchiKey	k;

	memset(&k, 0xFF, sizeof(k));
	if (!inchikey_parse(s, strlen(s), &k, NULL))
		fprintf(stderr, "#   '%s' rejected\n", s);
	return k;
}

int
main(void)
{
	InchiKey	a,
				b,
				lo,
				hi;
	char		buf[INCHIKEY_LEN + 1];
	PrecursorError err;

	/* ethanol, and the two ephedrine stereoisomers */
	is_str(canon("LFQSCWFLJHTTHZ-UHFFFAOYSA-N"), "LFQSCWFLJHTTHZ-UHFFFAOYSA-N", "ethanol round trip");
	is_str(canon("  InChIKey=LFQSCWFLJHTTHZ-UHFFFAOYSA-N\n"), "LFQSCWFLJHTTHZ-UHFFFAOYSA-N", "prefix and white space");
	is_str(canon("inchikey=LFQSCWFLJHTTHZ-UHFFFAOYSA-N"), "LFQSCWFLJHTTHZ-UHFFFAOYSA-N", "prefix in any case");
	is_str(canon("ZZZZZZZZZZZZZZ-ZZZZZZZZSA-Z"), "ZZZZZZZZZZZZZZ-ZZZZZZZZSA-Z", "all Z");
	is_str(canon("AAAAAAAAAAAAAA-AAAAAAAANA-A"), "AAAAAAAAAAAAAA-AAAAAAAANA-A", "all A");
	is_str(canon("KWGRBVOPPLSCSI-WPRPVWTQSA-N"), "KWGRBVOPPLSCSI-WPRPVWTQSA-N", "ephedrine");

	is_str(detail(""), "The value is empty.", "empty");
	is_str(detail("LFQSCWFLJHTTHZ-UHFFFAOYSA"), "An InChIKey has 27 characters, this one has 25.", "short");
	is_str(detail("InChIKey="), "An InChIKey has 27 characters, this one has 9.", "prefix only");
	is_str(detail("LFQSCWFLJHTTHz-UHFFFAOYSA-N"), "Character 14 is the lower-case letter \"z\".", "lowercase");
	ok(inchikey_parse("lfqscwfljhtthz-uhffffaoysa-n", 27, &a, &err) == false &&
	   strstr(err.hint, "upper case") != NULL, "lowercase hint");
	is_str(detail("LFQSCWFLJHTTH1-UHFFFAOYSA-N"), "Character 14 must be an upper-case letter, found \"1\".", "digit");
	is_str(detail("LFQSCWFLJHTTHZU-HFFFAOYSA-N"), "Character 15 must be \"-\", found \"U\".", "hyphen moved");
	is_str(detail("LFQSCWFLJHTTH-ZUHFFFAOYSA-N"), "Character 14 must be an upper-case letter, found \"-\".", "hyphen early");
	is_str(detail("LFQSCWFLJHTTHZ-UHFFFAOYXA-N"), "The flag at character 24 must be \"S\" (standard) or \"N\" (non-standard), found \"X\".", "flag");
	is_str(detail("LFQSCWFLJHTTHZ-UHFFFAOYSB-N"), "The version letter at character 25 must be \"A\" (InChI version 1), found \"B\".", "version");
	is_str(detail("LFQSCWFLJHTTHZ-UHFFFAOYSAXN"), "Character 26 must be \"-\", found \"X\".", "second hyphen");
	is_str(detail("LFQECWFLJHTTHZ-UHFFFAOYSA-N"), "Character 4 begins a hash triplet and cannot be \"E\".", "E at triplet start");
	is_str(canon("LFQSCWFLJHTTEZ-UHFFFAOYSA-N"), "LFQSCWFLJHTTEZ-UHFFFAOYSA-N", "E in the doublet is fine");
	is_str(detail("LFQSCWFLJHTTHZ-UHFFFAOYSA-\x01"), "Character 27 must be an upper-case letter, found byte 0x01.", "control byte");
	ok(!inchikey_parse(NULL, 0, &a, NULL), "NULL rejected");

	/* ordering equals text ordering */
	a = key("LFQSCWFLJHTTHZ-UHFFFAOYSA-N");
	b = key("LFQSCWFLJHTTHZ-UHFFFAOYSA-M");
	ok(inchikey_cmp(&a, &b) > 0, "protonation letter orders");
	b = key("LFQSCWFLJHTTHZ-UHFFFAOYNA-N");
	ok(inchikey_cmp(&a, &b) > 0, "S after N");
	b = key("LFQSCWFLJHTTIA-AAAAAAAANA-A");
	ok(inchikey_cmp(&a, &b) < 0, "skeleton dominates");
	ok(inchikey_cmp(&a, &a) == 0, "equal");
	ok((key("AAAAAAAAAAAAAA-AAAAAAAANA-A").bytes[15] & 7) == 0, "padding bits zero");

	/* skeleton */
	a = key("KWGRBVOPPLSCSI-WPRPVWTQSA-N");
	b = key("KWGRBVOPPLSCSI-RKDXNWHRSA-N");
	ok(inchikey_same_skeleton(&a, &b), "stereoisomers share a skeleton");
	b = key("KWGRBVOPPLSCSJ-WPRPVWTQSA-N");
	ok(!inchikey_same_skeleton(&a, &b), "last skeleton letter differs");
	inchikey_skeleton(&a, buf);
	is_str(buf, "KWGRBVOPPLSCSI", "skeleton text");
	inchikey_skeleton_bounds(&a, &lo, &hi);
	inchikey_format(&lo, buf);
	is_str(buf, "KWGRBVOPPLSCSI-AAAAAAAANA-A", "skeleton min");
	inchikey_format(&hi, buf);
	is_str(buf, "KWGRBVOPPLSCSI-ZZZZZZZZSA-Z", "skeleton max");
	ok(inchikey_cmp(&lo, &a) <= 0 && inchikey_cmp(&a, &hi) <= 0, "key within its bounds");

	/* raw validity */
	a = key("LFQSCWFLJHTTHZ-UHFFFAOYSA-N");
	ok(inchikey_is_valid(&a), "parsed key valid");
	b = a;
	b.bytes[15] |= 1;
	ok(!inchikey_is_valid(&b), "padding bit set invalid");
	memset(&b, 0xFF, sizeof(b));
	ok(!inchikey_is_valid(&b), "all ones invalid");
	memset(&b, 0, sizeof(b));
	ok(!inchikey_is_valid(&b), "all zero invalid (flag A)");
	inchikey_format(&a, buf);
	b = a;
	b.bytes[0] = 0xFF;
	inchikey_format(&b, buf);
	ok(buf[0] == '?', "corrupt letter prints as ?");

	return tap_done();
}
