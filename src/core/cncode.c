/*
 * cncode.c
 *		Parse, validate, format and walk customs goods codes (HS chapter,
 *		heading, HS subheading, CN subheading, TARIC code).  No PostgreSQL here.
 *
 * See cncode.h for the int64 encoding.  Every function that takes an encoded
 * value tolerates any int64 (it may come from a corrupted datum or be an
 * internal bound), so nothing here can crash on bad input.
 */
#include "cncode.h"

#include <stdio.h>
#include <string.h>

#define CN_MAX_DIGITS	10
#define CN_LEVELS		5
#define CN_PADDED_LIMIT 10000000000LL	/* 10^10: padded digits are below */

/* 10^(10 - digits of the level): the width of a level's subtree in padded digits */
static const int64_t cn_step[CN_LEVELS] = {
	100000000LL, 1000000LL, 10000LL, 100LL, 1LL
};

static const char *const cn_msg = "invalid CN code";
static const char *const cn_hint =
"Write 2, 4, 6, 8 or 10 digits, plain or grouped as in \"2914 31 00\" or \"2914.31.00\".";

/*
 * Accepted spellings, after trimming white space:
 *	 - plain digits: "29", "2914", "291431", "29143100", "2914310010";
 *	 - groups separated by one space or one dot, boundaries after digit 4, 6
 *	   and 8 only ("2914 31 00 10", "2914.31.00", "2914.31");
 *	 - the nomenclature's heading spelling "29.14".
 * One kind of separator per code; no separator first, last or doubled.
 */
bool
cncode_parse(const char *str, size_t len, int64_t *out, PrecursorError *err)
{
	size_t		start = 0;
	size_t		end = len;
	size_t		i;
	int			ndigits = 0;
	int64_t		digits = 0;
	char		sep = 0;
	bool		prev_sep = false;
	int			sep_after[4];	/* digit counts at which separators occur */
	int			nsep = 0;
	int			level;

	parse_error_clear(err);
	if (str == NULL)
		len = 0;
	while (start < end && parse_is_space(str[start]))
		start++;
	while (end > start && parse_is_space(str[end - 1]))
		end--;
	if (start == end)
		return parse_fail(err, cn_msg, cn_hint, "The value is empty.");

	for (i = start; i < end; i++)
	{
		char		c = str[i];
		int			pos = (int) (i + 1);	/* 1-based, in the input as given */

		if (c >= '0' && c <= '9')
		{
			if (ndigits < CN_MAX_DIGITS)
				digits = digits * 10 + (c - '0');
			ndigits++;
			prev_sep = false;
			continue;
		}
		if (c == ' ' || c == '.')
		{
			if (i == start)
				return parse_fail(err, cn_msg, cn_hint,
							   "The code starts with a separator at position %d.", pos);
			if (i == end - 1)
				return parse_fail(err, cn_msg, cn_hint,
							   "The code ends with a separator at position %d.", pos);
			if (prev_sep)
				return parse_fail(err, cn_msg, cn_hint,
							   "Two separators in a row at position %d.", pos);
			if (sep != 0 && c != sep)
				return parse_fail(err, cn_msg, cn_hint,
							   "The code mixes \"%c\" and \"%c\" as separators.", sep, c);
			sep = c;
			if (nsep == 4)
				return parse_fail(err, cn_msg, cn_hint,
							   "Too many separators: at most three groups follow the first four digits.");
			sep_after[nsep++] = ndigits;
			prev_sep = true;
			continue;
		}
		if ((unsigned char) c >= 0x21 && (unsigned char) c <= 0x7e)
			return parse_fail(err, cn_msg, cn_hint,
						   "Unexpected character \"%c\" at position %d; a CN code has only digits and separators.",
						   c, pos);
		return parse_fail(err, cn_msg, cn_hint,
					   "Unexpected byte 0x%02X at position %d; a CN code has only digits and separators.",
					   (unsigned char) c, pos);
	}

	if (ndigits > CN_MAX_DIGITS)
		return parse_fail(err, cn_msg, cn_hint,
					   "A CN code has at most 10 digits, this one has %d.", ndigits);
	if (ndigits % 2 != 0 || ndigits == 0)
		return parse_fail(err, cn_msg, cn_hint,
					   "A CN code has 2, 4, 6, 8 or 10 digits, not %d.", ndigits);

	/* separators only at group boundaries, except the heading form "29.14" */
	for (i = 0; i < (size_t) nsep; i++)
	{
		int			after = sep_after[i];

		if (after == 2 && ndigits == 4 && sep == '.')
			continue;
		if (after != 4 && after != 6 && after != 8)
			return parse_fail(err, cn_msg, cn_hint,
						   "A separator may only follow digit 4, 6 or 8, not digit %d.", after);
	}

	level = ndigits / 2 - 1;
	{
		int64_t		padded = digits;
		int			k;

		for (k = ndigits; k < CN_MAX_DIGITS; k++)
			padded *= 10;
		if (padded / 100000000LL == 0)
			return parse_fail(err, cn_msg, "Chapters run from 01 to 99.",
						   "Chapter 00 does not exist.");
		if (out)
			*out = padded * 8 + level;
	}
	return true;
}

bool
cncode_value_is_valid(int64_t value)
{
	int64_t		padded;
	int			level;

	if (value < 0)
		return false;
	level = (int) (value % 8);
	padded = value / 8;
	if (level >= CN_LEVELS || padded >= CN_PADDED_LIMIT)
		return false;
	if (padded / 100000000LL == 0)
		return false;
	/* digits beyond the level must be zero */
	return padded % cn_step[level] == 0;
}

int
cncode_level(int64_t value)
{
	return (int) (value % 8);
}

int
cncode_ndigits(int64_t value)
{
	return (cncode_level(value) + 1) * 2;
}

/*
 * Writes the canonical spelling and returns its length; an invalid value
 * (which no parser produces) is written as "?" so callers can report it.
 */
int
cncode_format(int64_t value, char *buf)
{
	char		d[CN_MAX_DIGITS + 1];
	int			nd;
	int			n = 0;
	int			i;

	if (!cncode_value_is_valid(value))
	{
		buf[0] = '?';
		buf[1] = '\0';
		return 1;
	}
	{
		int64_t		padded = value / 8;

		for (i = CN_MAX_DIGITS - 1; i >= 0; i--, padded /= 10)
			d[i] = (char) ('0' + padded % 10);
	}
	nd = cncode_ndigits(value);
	for (i = 0; i < nd; i++)
	{
		if (i == 4 || i == 6 || i == 8)
			buf[n++] = ' ';
		buf[n++] = d[i];
	}
	buf[n] = '\0';
	return n;
}

bool
cncode_parent(int64_t value, int64_t *parent)
{
	int			level = cncode_level(value);
	int64_t		padded = value / 8;

	if (level <= CN_CHAPTER || level >= CN_LEVELS || value < 0)
		return false;
	padded -= padded % cn_step[level - 1];
	if (parent)
		*parent = padded * 8 + (level - 1);
	return true;
}

/*
 * outer @> inner: inner lies in [outer, subtree end).  Valid codes sharing
 * outer's padded digits but with a lower level are its ancestors and sort
 * before it, so the range test is exact.
 */
bool
cncode_contains(int64_t outer, int64_t inner)
{
	return inner >= outer && inner < cncode_subtree_end(outer);
}

/*
 * The padded digits of the next sibling, at level 0.  This is an exclusive
 * bound and generally not a valid code (for chapter 99 it is 10^10 * 8).
 */
int64_t
cncode_subtree_end(int64_t value)
{
	int			level = cncode_level(value);
	int64_t		padded = value / 8;

	if (value < 0 || level >= CN_LEVELS)
		return value + 1;		/* garbage: contains only itself */
	padded -= padded % cn_step[level];
	return (padded + cn_step[level]) * 8;
}

/*
 * The last valid code of the subtree (inclusive bound): the TARIC code that
 * continues value's digits with nines, e.g. 2939 -> 2939 99 99 99.  Used for
 * index conditions because, unlike the exclusive end, it can be printed.
 */
int64_t
cncode_subtree_last(int64_t value)
{
	return cncode_subtree_end(value) - 8 + CN_TARIC;
}
