/*
 * test_casrn.c
 *		Unit tests of the CAS Registry Number parser and formatter (TAP).
 */
#include "casrn.h"
#include "tap.h"

#include <stdint.h>

/* Parse s; on success format the value into buf; return the parse result. */
static bool
roundtrip(const char *s, char *buf, PrecursorError *err)
{
	int64_t		v = -1;

	buf[0] = '\0';
	if (!casrn_parse(s, strlen(s), &v, err))
		return false;
	casrn_format(v, buf);
	return true;
}

static void
valid(const char *in, const char *canonical)
{
	char		buf[CASRN_TEXT_MAX];
	PrecursorError err;
	bool		r = roundtrip(in, buf, &err);

	ok(r, "accepts '%s'", in);
	is_str(buf, canonical, "'%s' formats as %s", in, canonical);
}

static void
invalid(const char *in, const char *detail)
{
	char		buf[CASRN_TEXT_MAX];
	PrecursorError err;
	bool		r = roundtrip(in, buf, &err);

	ok(!r, "rejects '%s'", in);
	is_str(r ? "" : err.detail, detail, "detail for '%s'", in);
	ok(!r && strcmp(err.message, "invalid CAS Registry Number") == 0,
	   "message for '%s'", in);
	ok(!r && err.code == PRECURSOR_INVALID_INPUT, "code for '%s'", in);
}

int
main(void)
{
	int64_t		v;
	char		buf[CASRN_TEXT_MAX];

	/* check digit arithmetic */
	ok(casrn_check_digit(10379) == 7, "check digit of 103-79 is 7");
	ok(casrn_check_digit(773218) == 5, "check digit of 7732-18 is 5");
	ok(casrn_check_digit(5000) == 0, "check digit of 50-00 is 0");
	ok(casrn_check_digit(6417) == 5, "check digit of 64-17 is 5");

	valid("103-79-7", "103-79-7");
	valid("\t 103-79-7  ", "103-79-7");
	ok(casrn_parse("\n103-79-7\r\n", 11, &v, NULL) && v == 103797, "accepts surrounding newlines");
	valid("103797", "103-79-7");
	valid("50-00-0", "50-00-0");
	valid("64-17-5", "64-17-5");
	valid("7732-18-5", "7732-18-5");
	valid("10-00-4", "10-00-4");		/* smallest */
	valid("1000006", "1000-00-6");
	valid("103-79-?", "103-79-7");
	valid("10379?", "103-79-7");
	valid("9999999-99-?", "9999999-99-5");
	valid("9999999995", "9999999-99-5");	/* largest */

	invalid("", "The value is empty.");
	invalid("   ", "The value is empty.");
	invalid("103-79-8", "The check digit is 8, but 7 was expected.");
	invalid("103798", "The check digit is 8, but 7 was expected.");
	invalid("013-79-7", "The first group starts with a zero.");
	invalid("0103797", "The first group starts with a zero.");
	invalid("1-00-4", "The first group must have 2 to 7 digits, but it has 1.");
	invalid("12345678-0-4", "The first group must have 2 to 7 digits, but it has 8.");
	invalid("103-7-7", "The second group must have 2 digits, but it has 1.");
	invalid("103-791-7", "The second group must have 2 digits, but it has 3.");
	invalid("103-79-", "The last group must be a single check digit, but it has 0 digits.");
	invalid("103-79-77", "The last group must be a single check digit, but it has 2 digits.");
	invalid("103-797", "It has two groups of digits; three separated by hyphens are needed.");
	invalid("103-79-7-1", "It has more than three groups of digits (unexpected hyphen at position 9).");
	invalid("1037", "Without hyphens it must have 5 to 10 digits, but it has 4.");
	invalid("12345678901", "It has more than 10 digits.");
	invalid("1234567890?", "It has more than 10 digits.");
	invalid("103 79 7", "Unexpected character \" \" at position 4.");
	invalid("103-79-7x", "Unexpected character \"x\" at position 9.");
	invalid("103\xc3\xa9" "79-7", "Unexpected byte 0xC3 at position 4.");
	invalid("103-79-?1", "\"?\" stands for the check digit and must come last, but is followed by more at position 9.");
	invalid("-103-79-7", "It has more than three groups of digits (unexpected hyphen at position 8).");
	invalid("+103797", "Unexpected character \"+\" at position 1.");

	/* embedded NUL is an unexpected byte, not the end of the input */
	ok(!casrn_parse("103\0" "797", 7, &v, NULL), "rejects an embedded NUL");
	/* length-limited: only the first 8 bytes are looked at */
	ok(casrn_parse("103-79-7garbage", 8, &v, NULL) && v == 103797,
	   "respects the given length");

	ok(casrn_value_is_valid(103797), "103797 is a valid value");
	ok(!casrn_value_is_valid(103798), "103798 is not");
	ok(!casrn_value_is_valid(0), "0 is not");
	ok(!casrn_value_is_valid(-103797), "negative is not");
	ok(!casrn_value_is_valid(INT64_C(99999999998)), "11 digits is not");
	ok(casrn_value_is_valid(INT64_C(9999999995)), "9999999995 is (the largest)");
	ok(!casrn_value_is_valid(CASRN_MAX), "9999999999 is not");
	ok(!casrn_value_is_valid(CASRN_MIN), "10000 is not (check digit 4)");
	ok(casrn_value_is_valid(10004), "10004 is");

	ok(casrn_format(INT64_C(9999999995), buf) == 12 &&
	   strcmp(buf, "9999999-99-5") == 0, "longest canonical form has 12 characters");

	/* every value of a sample range round-trips through format and parse */
	{
		int			bad = 0;

		for (int64_t body = 1000; body < 200000; body++)
		{
			int64_t		val = body * 10 + casrn_check_digit(body);
			int64_t		back = -1;
			int			n = casrn_format(val, buf);

			if (!casrn_value_is_valid(val) || !casrn_parse(buf, n, &back, NULL) || back != val)
				bad++;
			/* every other check digit is rejected */
			for (int d = 0; d < 10; d++)
			{
				buf[n - 1] = '0' + d;
				if (casrn_parse(buf, n, &back, NULL) != (val % 10 == d))
					bad++;
			}
		}
		ok(bad == 0, "199000 values round-trip and wrong check digits are rejected (%d bad)", bad);
	}

	return tap_done();
}
