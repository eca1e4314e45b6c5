/*
 * inchikey.c
 *		Parse, validate, pack and format InChIKeys.  No PostgreSQL here.
 *
 * Structure checked (InChI Technical Manual, section on the InChIKey):
 *	 characters 1-14	connectivity hash, uppercase letters
 *	 character 15		"-"
 *	 characters 16-23	stereo/isotope hash, uppercase letters
 *	 character 24		"S" (standard InChI) or "N" (non-standard)
 *	 character 25		InChI version, "A" for version 1 (the only one)
 *	 character 26		"-"
 *	 character 27		protonation, an uppercase letter ("N" = neutral)
 * The hashes are written as base-26 triplets that never begin with "E", so
 * characters 1, 4, 7, 10, 16 and 19 cannot be "E".
 */
#include "inchikey.h"

#include <stdio.h>
#include <string.h>

#define INCHIKEY_LETTERS 25

static const char *const ik_msg = "invalid InChIKey";
static const char *const ik_hint_shape =
"An InChIKey looks like \"BSYNRYMUTXBXSQ-UHFFFAOYSA-N\".";
static const char *const ik_hint_case =
"InChIKeys are defined in upper case; convert the value with upper() if its source lowercased it.";

/* Position (0-based) in the 27 characters of each of the 25 letters. */
static const int ik_letter_pos[INCHIKEY_LETTERS] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13,
	15, 16, 17, 18, 19, 20, 21, 22,
	23, 24,
	26
};

static inline bool
ik_triplet_start(int pos)
{
	return pos == 0 || pos == 3 || pos == 6 || pos == 9 || pos == 15 || pos == 18;
}

/* Describe a character for an error detail, quoted if printable. */
static void
ik_describe(char c, char *buf, size_t size)
{
	if ((unsigned char) c >= 0x20 && (unsigned char) c <= 0x7e)
		snprintf(buf, size, "\"%c\"", c);
	else
		snprintf(buf, size, "byte 0x%02X", (unsigned char) c);
}

static void
ik_pack(const char *key27, InchiKey *out)
{
	int			bit = 0;
	int			i;

	memset(out->bytes, 0, sizeof(out->bytes));
	for (i = 0; i < INCHIKEY_LETTERS; i++)
	{
		unsigned int v = (unsigned int) (key27[ik_letter_pos[i]] - 'A');
		int			b;

		for (b = 4; b >= 0; b--, bit++)
			if (v & (1u << b))
				out->bytes[bit / 8] |= (uint8_t) (0x80 >> (bit % 8));
	}
}

static unsigned int
ik_letter(const InchiKey *key, int i)
{
	unsigned int v = 0;
	int			bit = i * 5;
	int			b;

	for (b = 0; b < 5; b++, bit++)
		v = (v << 1) | ((key->bytes[bit / 8] >> (7 - bit % 8)) & 1u);
	return v;
}

bool
inchikey_parse(const char *str, size_t len, InchiKey *out, PrecursorError *err)
{
	static const char prefix[] = "inchikey=";
	size_t		start = 0;
	size_t		end = len;
	const char *k;
	char		what[16];
	int			i;

	parse_error_clear(err);
	if (str == NULL)
		end = 0;
	while (start < end && parse_is_space(str[start]))
		start++;
	while (end > start && parse_is_space(str[end - 1]))
		end--;
	if (start == end)
		return parse_fail(err, ik_msg, ik_hint_shape, "The value is empty.");

	/* optional "InChIKey=" prefix, in any case, as InChI tools print it */
	if (end - start > sizeof(prefix) - 1)
	{
		size_t		j;

		for (j = 0; j < sizeof(prefix) - 1; j++)
		{
			char		c = str[start + j];

			if (c >= 'A' && c <= 'Z')
				c = (char) (c - 'A' + 'a');
			if (c != prefix[j])
				break;
		}
		if (j == sizeof(prefix) - 1)
			start += j;
	}

	if (end - start != INCHIKEY_LEN)
		return parse_fail(err, ik_msg, ik_hint_shape,
					   "An InChIKey has 27 characters, this one has %zu.", end - start);

	k = str + start;
	for (i = 0; i < INCHIKEY_LEN; i++)
	{
		char		c = k[i];

		ik_describe(c, what, sizeof(what));
		if (i == 14 || i == 25)
		{
			if (c != '-')
				return parse_fail(err, ik_msg, ik_hint_shape,
							   "Character %d must be \"-\", found %s.", i + 1, what);
			continue;
		}
		if (c >= 'a' && c <= 'z')
			return parse_fail(err, ik_msg, ik_hint_case,
						   "Character %d is the lower-case letter %s.", i + 1, what);
		if (c < 'A' || c > 'Z')
			return parse_fail(err, ik_msg, ik_hint_shape,
						   "Character %d must be an upper-case letter, found %s.", i + 1, what);
		if (i == 23 && c != 'S' && c != 'N')
			return parse_fail(err, ik_msg, ik_hint_shape,
						   "The flag at character 24 must be \"S\" (standard) or \"N\" (non-standard), found %s.",
						   what);
		if (i == 24 && c != 'A')
			return parse_fail(err, ik_msg, ik_hint_shape,
						   "The version letter at character 25 must be \"A\" (InChI version 1), found %s.",
						   what);
		if (ik_triplet_start(i) && c == 'E')
			return parse_fail(err, ik_msg, ik_hint_shape,
						   "Character %d begins a hash triplet and cannot be \"E\".", i + 1);
	}

	if (out)
		ik_pack(k, out);
	return true;
}

void
inchikey_format(const InchiKey *key, char *buf)
{
	int			i;

	for (i = 0; i < INCHIKEY_LETTERS; i++)
	{
		unsigned int v = ik_letter(key, i);

		/* a corrupted value prints as "?" rather than out-of-range bytes */
		buf[ik_letter_pos[i]] = v < 26 ? (char) ('A' + v) : '?';
	}
	buf[14] = '-';
	buf[25] = '-';
	buf[INCHIKEY_LEN] = '\0';
}

void
inchikey_skeleton(const InchiKey *key, char *buf)
{
	int			i;

	for (i = 0; i < INCHIKEY_SKELETON_LEN; i++)
	{
		unsigned int v = ik_letter(key, i);

		buf[i] = v < 26 ? (char) ('A' + v) : '?';
	}
	buf[INCHIKEY_SKELETON_LEN] = '\0';
}

/* The skeleton is the first 14 letters = the first 70 bits. */
bool
inchikey_same_skeleton(const InchiKey *a, const InchiKey *b)
{
	return memcmp(a->bytes, b->bytes, 8) == 0 &&
		(a->bytes[8] & 0xFC) == (b->bytes[8] & 0xFC);
}

int
inchikey_cmp(const InchiKey *a, const InchiKey *b)
{
	return memcmp(a->bytes, b->bytes, INCHIKEY_PACKED_LEN);
}

bool
inchikey_is_valid(const InchiKey *key)
{
	char		text[INCHIKEY_LEN + 1];

	/* the 3 padding bits must be zero */
	if (key->bytes[INCHIKEY_PACKED_LEN - 1] & 0x07)
		return false;
	inchikey_format(key, text);
	return inchikey_parse(text, INCHIKEY_LEN, NULL, NULL);
}

/*
 * Every key with this skeleton lies between SKELETON-AAAAAAAANA-A and
 * SKELETON-ZZZZZZZZSA-Z; both are valid keys, so they print in EXPLAIN.
 */
void
inchikey_skeleton_bounds(const InchiKey *key, InchiKey *min, InchiKey *max)
{
	char		text[INCHIKEY_LEN + 1];

	inchikey_skeleton(key, text);
	memcpy(text + 14, "-AAAAAAAANA-A", 14);
	ik_pack(text, min);
	memcpy(text + 14, "-ZZZZZZZZSA-Z", 14);
	ik_pack(text, max);
}
