/*
 * ecnumber.c
 *		EC numbers (EINECS, ELINCS, NLP): parse, validate, format.
 *		No PostgreSQL here.
 *
 * Accepted spellings, with optional surrounding white space:
 *		200-001-8	hyphenated: 3 digits, 3 digits, 1 check digit
 *		2000018		plain: exactly 7 digits
 * The check digit may be given as '?', in which case it is computed.
 */
#include "ecnumber.h"

#include <stdio.h>
#include <string.h>

#define ECNUMBER_MESSAGE	"invalid EC number"
#define ECNUMBER_HINT		"An EC number has the form NNN-NNN-N, as in \"200-001-8\"."

int
ecnumber_check_digit(int32_t body)
{
	int			sum = 0;

	if (body < 0)
		body = -body;
	/* weights 6..1 from the right are weights 1..6 from the left */
	for (int weight = 6; weight >= 1; weight--)
	{
		sum += (body % 10) * weight;
		body /= 10;
	}
	sum %= 11;
	return sum == 10 ? 1 : sum;
}

bool
ecnumber_parse(const char *str, size_t len, int32_t *out, PrecursorError *err)
{
	size_t		start = 0;
	size_t		end = len;
	int			groups[3] = {0, 0, 0};
	int			ngroups = 1;
	int			ndigits = 0;
	int32_t		body = 0;
	int			check = -1;		/* -1 = '?' */
	int			expected;
	bool		question = false;

	parse_error_clear(err);

	while (start < end && parse_is_space(str[start]))
		start++;
	while (end > start && parse_is_space(str[end - 1]))
		end--;
	if (start == end)
		return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT, "The value is empty.");

	for (size_t i = start; i < end; i++)
	{
		unsigned char c = (unsigned char) str[i];
		int			pos = (int) (i - start) + 1;

		if (question)
			return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
								 "\"?\" stands for the check digit and must come last, but is followed by more at position %d.",
								 pos);
		if ((c >= '0' && c <= '9') || c == '?')
		{
			if (ndigits >= 7)
				return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
									 "It has more than 7 digits.");
			if (ndigits > 0)
				body = body * 10 + check;
			if (c == '?')
			{
				check = -1;
				question = true;
			}
			else
				check = c - '0';
			ndigits++;
			groups[ngroups - 1]++;
		}
		else if (c == '-')
		{
			if (ngroups == 3)
				return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
									 "It has more than three groups of digits (unexpected hyphen at position %d).",
									 pos);
			ngroups++;
		}
		else if (c >= 0x20 && c <= 0x7e)
			return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
								 "Unexpected character \"%c\" at position %d.", c, pos);
		else
			return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
								 "Unexpected byte 0x%02X at position %d.", c, pos);
	}

	if (ngroups == 1)
	{
		if (ndigits != 7)
			return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
								 "Without hyphens it must have exactly 7 digits, but it has %d.",
								 ndigits);
	}
	else if (ngroups == 2)
		return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
							 "It has two groups of digits; three separated by hyphens are needed.");
	else
	{
		if (groups[0] != 3)
			return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
								 "The first group must have 3 digits, but it has %d.",
								 groups[0]);
		if (groups[1] != 3)
			return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
								 "The second group must have 3 digits, but it has %d.",
								 groups[1]);
		if (groups[2] != 1)
			return parse_fail(err, ECNUMBER_MESSAGE, ECNUMBER_HINT,
								 "The last group must be a single check digit, but it has %d digits.",
								 groups[2]);
	}

	expected = ecnumber_check_digit(body);
	if (check >= 0 && check != expected)
		return parse_fail(err, ECNUMBER_MESSAGE,
							 "Check the number for a mistyped or transposed digit.",
							 "The check digit is %d, but %d was expected.",
							 check, expected);

	*out = body * 10 + expected;
	return true;
}

bool
ecnumber_value_is_valid(int32_t value)
{
	if (value < 0 || value > 9999999)
		return false;
	return ecnumber_check_digit(value / 10) == value % 10;
}

int
ecnumber_format(int32_t value, char *buf)
{
	if (value < 0 || value > 9999999)
		value = 0;				/* callers pass valid values; never overflow buf */
	return snprintf(buf, ECNUMBER_TEXT_MAX, "%03d-%03d-%d",
					(int) (value / 10000), (int) (value / 10 % 1000),
					(int) (value % 10));
}
