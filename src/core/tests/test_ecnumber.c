/*
 * test_ecnumber.c
 *		Unit tests of the EC number parser and formatter (TAP).
 */
#include "ecnumber.h"
#include "tap.h"

#include <stdint.h>

static bool
roundtrip(const char *s, char *buf, PrecursorError *err)
{
	int32_t		v = -1;

	buf[0] = '\0';
	if (!ecnumber_parse(s, strlen(s), &v, err))
		return false;
	ecnumber_format(v, buf);
	return true;
}

static void
valid(const char *in, const char *canonical)
{
	char		buf[ECNUMBER_TEXT_MAX];
	PrecursorError err;
	bool		r = roundtrip(in, buf, &err);

	ok(r, "accepts '%s'", in);
	is_str(buf, canonical, "'%s' formats as %s", in, canonical);
}

static void
invalid(const char *in, const char *detail)
{
	char		buf[ECNUMBER_TEXT_MAX];
	PrecursorError err;
	bool		r = roundtrip(in, buf, &err);

	ok(!r, "rejects '%s'", in);
	is_str(r ? "" : err.detail, detail, "detail for '%s'", in);
	ok(!r && strcmp(err.message, "invalid EC number") == 0, "message for '%s'", in);
}

int
main(void)
{
	int32_t		v;
	char		buf[ECNUMBER_TEXT_MAX];

	ok(ecnumber_check_digit(200001) == 8, "check digit of 200-001 is 8");
	ok(ecnumber_check_digit(200578) == 6, "check digit of 200-578 is 6");	/* ethanol */
	ok(ecnumber_check_digit(231791) == 2, "check digit of 231-791 is 2");	/* water */
	/* 200-003: 2+0+0+0+0+18 = 20 mod 11 = 9 */
	ok(ecnumber_check_digit(200003) == 9, "check digit of 200-003 is 9");
	/* 200-060: 2 + 6*5 = 32, 32 mod 11 = 10, which gives 1 */
	ok(ecnumber_check_digit(200060) == 1, "remainder 10 gives check digit 1 (200-060)");

	valid("200-001-8", "200-001-8");
	valid(" 200-001-8 ", "200-001-8");
	valid("2000018", "200-001-8");
	valid("200-578-6", "200-578-6");
	valid("231-791-2", "231-791-2");
	valid("200-060-1", "200-060-1");
	valid("200-060-?", "200-060-1");
	valid("000-000-0", "000-000-0");	/* smallest */
	valid("999-999-?", "999-999-2");	/* 9 * 21 = 189, mod 11 = 2: largest */

	invalid("", "The value is empty.");
	invalid("200-001-9", "The check digit is 9, but 8 was expected.");
	invalid("200-060-0", "The check digit is 0, but 1 was expected.");
	invalid("20-001-8", "The first group must have 3 digits, but it has 2.");
	invalid("200-01-8", "The second group must have 3 digits, but it has 2.");
	invalid("200-001-", "The last group must be a single check digit, but it has 0 digits.");
	invalid("200-001-88", "It has more than 7 digits.");
	invalid("200-0018", "It has two groups of digits; three separated by hyphens are needed.");
	invalid("200001", "Without hyphens it must have exactly 7 digits, but it has 6.");
	invalid("200-001-8-", "It has more than three groups of digits (unexpected hyphen at position 10).");
	invalid("200 001 8", "Unexpected character \" \" at position 4.");
	invalid("200-00\xff-8", "Unexpected byte 0xFF at position 7.");
	invalid("200-001-?8", "\"?\" stands for the check digit and must come last, but is followed by more at position 10.");

	ok(!ecnumber_parse("200\0" "0018", 8, &v, NULL), "rejects an embedded NUL");
	ok(ecnumber_value_is_valid(2000018), "2000018 is a valid value");
	ok(!ecnumber_value_is_valid(2000019), "2000019 is not");
	ok(!ecnumber_value_is_valid(-1), "negative is not");
	ok(!ecnumber_value_is_valid(10000000), "8 digits is not");
	ok(ecnumber_format(60, buf) == 9 && strcmp(buf, "000-006-0") == 0,
	   "small values keep their leading zeros");

	{
		int			bad = 0;

		for (int32_t body = 0; body <= 999999; body++)
		{
			int32_t		val = body * 10 + ecnumber_check_digit(body);
			int32_t		back = -1;
			int			n = ecnumber_format(val, buf);

			if (!ecnumber_value_is_valid(val) || !ecnumber_parse(buf, n, &back, NULL) || back != val)
				bad++;
		}
		ok(bad == 0, "all 1000000 EC numbers round-trip (%d bad)", bad);
	}

	return tap_done();
}
