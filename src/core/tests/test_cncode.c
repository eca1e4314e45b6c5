/*
 * test_cncode.c
 *		Unit tests of the customs goods code parser and hierarchy (TAP).
 */
#include "cncode.h"
#include "tap.h"

static int64_t
parse_ok(const char *s)
{
	int64_t		v = -1;
	PrecursorError err;

	if (!cncode_parse(s, strlen(s), &v, &err))
		fprintf(stderr, "#   '%s' rejected: %s\n", s, err.detail);
	return v;
}

static const char *
canon(const char *s)
{
	static char buf[CNCODE_TEXT_MAX];
	int64_t		v;

	if (!cncode_parse(s, strlen(s), &v, NULL))
		return "(rejected)";
	cncode_format(v, buf);
	return buf;
}

static const char *
detail(const char *s)
{
	static PrecursorError err;
	int64_t		v;

	if (cncode_parse(s, strlen(s), &v, &err))
		return "(accepted)";
	return err.detail;
}

int
main(void)
{
	int64_t		v,
				p;
	char		buf[CNCODE_TEXT_MAX];

	/* spellings */
	is_str(canon("2914 31 00"), "2914 31 00", "spaced CN subheading");
	is_str(canon("2914.31.00"), "2914 31 00", "dotted CN subheading");
	is_str(canon("29143100"), "2914 31 00", "plain CN subheading");
	is_str(canon("2914.31"), "2914 31", "dotted HS subheading");
	is_str(canon("291431"), "2914 31", "plain HS subheading");
	is_str(canon(" \t2914 31 00 10\n"), "2914 31 00 10", "TARIC with white space");
	is_str(canon("2914310010"), "2914 31 00 10", "plain TARIC");
	is_str(canon("29"), "29", "chapter");
	is_str(canon("2914"), "2914", "heading");
	is_str(canon("29.14"), "2914", "nomenclature heading spelling");
	is_str(canon("01"), "01", "first chapter");
	is_str(canon("9999999999"), "9999 99 99 99", "largest code");
	is_str(canon("2914 3100"), "2914 31 00", "partial grouping at a boundary");

	/* rejections with exact details */
	is_str(detail(""), "The value is empty.", "empty");
	is_str(detail("   "), "The value is empty.", "blank");
	is_str(detail("2914 3"), "A CN code has 2, 4, 6, 8 or 10 digits, not 5.", "odd digits");
	is_str(detail("2"), "A CN code has 2, 4, 6, 8 or 10 digits, not 1.", "one digit");
	is_str(detail("291431001011"), "A CN code has at most 10 digits, this one has 12.", "too long");
	is_str(detail("2914a1"), "Unexpected character \"a\" at position 5; a CN code has only digits and separators.", "letter");
	is_str(detail("29-14"), "Unexpected character \"-\" at position 3; a CN code has only digits and separators.", "hyphen");
	is_str(detail("2914.31 00"), "The code mixes \".\" and \" \" as separators.", "mixed separators");
	is_str(detail("2914  31"), "Two separators in a row at position 6.", "double separator");
	is_str(detail(".2914"), "The code starts with a separator at position 1.", "leading separator");
	is_str(detail("2914."), "The code ends with a separator at position 5.", "trailing separator");
	is_str(detail("29 14"), "A separator may only follow digit 4, 6 or 8, not digit 2.", "space after chapter");
	is_str(detail("291 431"), "A separator may only follow digit 4, 6 or 8, not digit 3.", "misplaced separator");
	is_str(detail("29.14.31"), "A separator may only follow digit 4, 6 or 8, not digit 2.", "dotted chapter only for headings");
	is_str(detail("00"), "Chapter 00 does not exist.", "chapter 00");
	is_str(detail("0012"), "Chapter 00 does not exist.", "heading in chapter 00");
	is_str(detail("29\xc3\xa9" "14"), "Unexpected byte 0xC3 at position 3; a CN code has only digits and separators.", "non-ASCII");
	ok(!cncode_parse(NULL, 0, &v, NULL), "NULL pointer rejected");

	/* encoding and ordering: a code precedes its descendants */
	ok(parse_ok("29") < parse_ok("2901"), "chapter < its heading");
	ok(parse_ok("2914") < parse_ok("2914 00"), "heading < its subheading 00");
	ok(parse_ok("2914 99 99 99") < parse_ok("2915"), "last of 2914 < 2915");
	ok(parse_ok("2914 31 00") < parse_ok("2914 31 00 10"), "CN < TARIC");
	ok(parse_ok("28 ") < parse_ok("2801"), "chapter 28 < 2801");
	ok(parse_ok("2899 99 99 99") < parse_ok("29"), "end of 28 < 29");

	/* levels, parents */
	ok(cncode_level(parse_ok("29")) == CN_CHAPTER, "level chapter");
	ok(cncode_level(parse_ok("2914 31 00 10")) == CN_TARIC, "level TARIC");
	ok(cncode_ndigits(parse_ok("2914 31")) == 6, "ndigits 6");
	ok(!cncode_parent(parse_ok("29"), &p), "chapter has no parent");
	ok(cncode_parent(parse_ok("2914 31 00 10"), &p) && p == parse_ok("2914 31 00"), "TARIC parent");
	ok(cncode_parent(parse_ok("2914"), &p) && p == parse_ok("29"), "heading parent");
	ok(cncode_parent(parse_ok("2914 00"), &p) && p == parse_ok("2914"), "subheading 00 parent");

	/* containment */
	ok(cncode_contains(parse_ok("2939"), parse_ok("2939 41 00")), "2939 @> 2939 41 00");
	ok(cncode_contains(parse_ok("2939"), parse_ok("2939")), "reflexive");
	ok(!cncode_contains(parse_ok("2939 41 00"), parse_ok("2939")), "not upwards");
	ok(!cncode_contains(parse_ok("2939"), parse_ok("2940")), "not the sibling");
	ok(!cncode_contains(parse_ok("2939"), parse_ok("29")), "not the parent");
	ok(!cncode_contains(parse_ok("2914 00"), parse_ok("2914")), "subheading 00 does not contain its parent");
	ok(cncode_contains(parse_ok("99"), parse_ok("9999 99 99 99")), "chapter 99 contains the largest code");
	ok(!cncode_contains(parse_ok("2914 99"), parse_ok("2915")), "carry: 2914 99 does not contain 2915");
	v = cncode_subtree_last(parse_ok("2939"));
	cncode_format(v, buf);
	is_str(buf, "2939 99 99 99", "subtree last of a heading");
	ok(cncode_value_is_valid(cncode_subtree_last(parse_ok("99"))), "subtree last of 99 is valid");
	ok(!cncode_value_is_valid(cncode_subtree_end(parse_ok("99"))), "subtree end of 99 is not a code");
	ok(cncode_subtree_last(parse_ok("2914 31 00 10")) == parse_ok("2914 31 00 10"), "TARIC subtree is itself");

	/* validity of raw values (binary receive) */
	ok(!cncode_value_is_valid(-8), "negative invalid");
	ok(!cncode_value_is_valid(2914000000LL * 8 + 5), "level 5 invalid");
	ok(!cncode_value_is_valid(2914310000LL * 8 + 1), "stray digits below the level invalid");
	ok(!cncode_value_is_valid(0), "chapter 00 invalid");
	ok(cncode_value_is_valid(parse_ok("2914 31")), "parsed value valid");
	cncode_format(2914310000LL * 8 + 1, buf);
	is_str(buf, "?", "invalid value formats as ?");

	return tap_done();
}
