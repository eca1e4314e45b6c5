/*
 * casrn.c
 *		CAS Registry Numbers: parse, validate, format.  No PostgreSQL here.
 *
 * Accepted spellings, with optional surrounding white space:
 *		103-79-7	hyphenated: 2-7 digits, 2 digits, 1 check digit
 *		103797		plain digits: 5 to 10 digits, the same groups read from the right
 * In either form the check digit may be given as '?', in which case it is
 * computed (as contrib isn does).  The first group never starts with a zero.
 */
#include "casrn.h"

#include <stdio.h>
#include <string.h>

#define CASRN_MESSAGE	"invalid CAS Registry Number"
#define CASRN_HINT		"A CAS Registry Number has 2 to 7 digits, 2 digits and a check digit, as in \"103-79-7\"."

/* Describe an unexpected byte without echoing non-ASCII bytes into a message. */
static bool
casrn_fail_char(PrecursorError *err, char c, int pos)
{
	unsigned char uc = (unsigned char) c;

	if (uc >= 0x20 && uc <= 0x7e)
		return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
						  "Unexpected character \"%c\" at position %d.", uc, pos);
	return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
					  "Unexpected byte 0x%02X at position %d.", uc, pos);
}

int
casrn_check_digit(int64_t body)
{
	int64_t		sum = 0;
	int			weight = 1;

	if (body < 0)
		body = -body;
	while (body > 0)
	{
		sum += (body % 10) * weight;
		body /= 10;
		weight++;
	}
	return (int) (sum % 10);
}

/*
 * The shape of the digit groups: three groups separated by hyphens (2 to 7,
 * 2 and 1 digits), or 5 to 10 digits without hyphens.
 */
static inline bool
casrn_check_groups(const int *groups, int ngroups, int ndigits,
				   PrecursorError *err)
{
	if (ngroups == 1)
	{
		/* plain digit form: the groups are read from the right */
		if (ndigits < 5)
			return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
							  "Without hyphens it must have 5 to 10 digits, but it has %d.",
							  ndigits);
		return true;
	}
	if (ngroups == 2)
		return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
						  "It has two groups of digits; three separated by hyphens are needed.");
	if (groups[0] < 2 || groups[0] > 7)
		return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
						  "The first group must have 2 to 7 digits, but it has %d.",
						  groups[0]);
	if (groups[1] != 2)
		return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
						  "The second group must have 2 digits, but it has %d.",
						  groups[1]);
	if (groups[2] != 1)
		return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
						  "The last group must be a single check digit, but it has %d digits.",
						  groups[2]);
	return true;
}

bool
casrn_parse(const char *str, size_t len, int64_t *out, PrecursorError *err)
{
	size_t		start = 0;
	size_t		end = len;
	int			groups[3] = {0, 0, 0};	/* digit count per group */
	int			ngroups = 1;
	int			ndigits = 0;
	int64_t		body = 0;		/* every digit before the check digit */
	int			prefix = 0;		/* sum of the body digits so far */
	int			weighted = 0;	/* sum of the body digits weighted from the right */
	int			check = -1;		/* the given check digit; -1 = '?' */
	int			expected;
	bool		question = false;

	parse_error_clear(err);

	while (start < end && parse_is_space(str[start]))
		start++;
	while (end > start && parse_is_space(str[end - 1]))
		end--;
	if (start == end)
		return parse_fail(err, CASRN_MESSAGE, CASRN_HINT, "The value is empty.");

	/*
	 * One pass: collect digits and note hyphens.  At most 10 digits are kept,
	 * so the arithmetic cannot overflow whatever the input length.  The check
	 * sum is built on the way: adding the running digit sum once per digit
	 * gives each digit a weight equal to its position from the right, with
	 * no division (this is the hot path of COPY).
	 */
	for (size_t i = start; i < end; i++)
	{
		char		c = str[i];
		int			pos = (int) (i - start) + 1;

		if (question)
			return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
							  "\"?\" stands for the check digit and must come last, but is followed by more at position %d.",
							  pos);
		if ((c >= '0' && c <= '9') || c == '?')
		{
			if (ndigits >= 10)
				return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
								  "It has more than 10 digits.");
			if (ndigits > 0)
			{
				body = body * 10 + check;
				prefix += check;
				weighted += prefix;
			}
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
				return parse_fail(err, CASRN_MESSAGE, CASRN_HINT,
								  "It has more than three groups of digits (unexpected hyphen at position %d).",
								  pos);
			ngroups++;
		}
		else
			return casrn_fail_char(err, c, pos);
	}

	if (!casrn_check_groups(groups, ngroups, ndigits, err))
		return false;

	/* The first digit of the input is the first digit of the first group. */
	if (str[start] == '0')
		return parse_fail(err, CASRN_MESSAGE,
						  "CAS Registry Numbers are written without leading zeros, as in \"50-00-0\".",
						  "The first group starts with a zero.");

	expected = weighted % 10;
	if (check >= 0 && check != expected)
		return parse_fail(err, CASRN_MESSAGE,
						  "Check the number for a mistyped or transposed digit.",
						  "The check digit is %d, but %d was expected.",
						  check, expected);

	*out = body * 10 + expected;
	return true;
}

bool
casrn_value_is_valid(int64_t value)
{
	if (value < CASRN_MIN || value > CASRN_MAX)
		return false;
	return casrn_check_digit(value / 10) == (int) (value % 10);
}

int
casrn_format(int64_t value, char *buf)
{
	char		digits[24];
	int			n;
	int			len = 0;

	/* Callers pass valid values; clamp anyway so buf can never overflow. */
	if (value < 0 || value > CASRN_MAX)
		value = 0;
	n = snprintf(digits, sizeof(digits), "%lld", (long long) value);
	if (n < 4)
	{
		/* Not a CAS RN; never happens for a validated value. */
		memcpy(buf, digits, n + 1);
		return n;
	}
	memcpy(buf, digits, n - 3);
	len = n - 3;
	buf[len++] = '-';
	buf[len++] = digits[n - 3];
	buf[len++] = digits[n - 2];
	buf[len++] = '-';
	buf[len++] = digits[n - 1];
	buf[len] = '\0';
	return len;
}
