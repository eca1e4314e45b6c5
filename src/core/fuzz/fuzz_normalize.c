/*
 * fuzz_normalize.c
 *		libFuzzer harness of the chemical-text normaliser and the chemical
 *		name parser.
 *
 * Any bytes must normalise or be rejected as invalid UTF-8 without a crash,
 * and the output must keep the promises of normalize.h: its alphabet, one
 * separator between tokens and none at either end, '-' only between
 * digits, monotonic offsets within the input, idempotence, and (for ASCII
 * input) byte-identical results from the fast path and the ICU path.  The
 * result is then parsed by chemname_strip() and chemname_context_form(),
 * whose spans must stay inside it.
 */
#include "chemname.h"
#include "normalize.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int			LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static bool
is_sep(char c)
{
	return c == ' ' || c == '-' || c == '|';
}

static bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static void
check_output(const NormBuf *nb, const uint8_t *src, size_t srclen)
{
	size_t		i;

	if (nb->text[nb->len] != '\0' || strlen(nb->text) != nb->len)
		abort();
	if (nb->offset[nb->len] != srclen)
		abort();
	if (nb->len > 0 && (is_sep(nb->text[0]) || is_sep(nb->text[nb->len - 1])))
		abort();
	for (i = 0; i < nb->len; i++)
	{
		unsigned char c = (unsigned char) nb->text[i];

		if (!((c >= 'a' && c <= 'z') || is_digit(c) || is_sep(c) || c >= 0x80))
			abort();
		if (is_sep(c) && i + 1 < nb->len && is_sep(nb->text[i + 1]))
			abort();
		if (c == '-' && !(is_digit(nb->text[i - 1]) && is_digit(nb->text[i + 1])))
			abort();
		if (nb->offset[i] >= srclen)
			abort();
		/* offsets point at the first byte of a source character */
		if ((src[nb->offset[i]] & 0xC0) == 0x80)
			abort();
		if (i > 0 && nb->offset[i] < nb->offset[i - 1])
			abort();
		if ((nb->marks[i] & ~(NORM_MARK_HOMOGLYPH | NORM_MARK_NONASCII)) != 0)
			abort();
	}
}

static void
check_chemname(const NormBuf *nb)
{
	size_t		bs;
	size_t		be;
	ChemForm	form;
	char		label[64];

	chemname_strip(nb->text, nb->len, &bs, &be, &form);
	if (bs > be || be > nb->len)
		abort();
	if (strlen(form.stereo) >= sizeof(form.stereo) ||
		strlen(form.salt) >= sizeof(form.salt) ||
		strlen(form.purity) >= sizeof(form.purity))
		abort();
	chemname_form_label(form.flags, label, sizeof(label));
	if (strlen(label) == 0 || strlen(label) >= sizeof(label))
		abort();
	/* every token boundary as a mention */
	if (nb->len > 0)
	{
		size_t		s = 0;
		size_t		i;

		for (i = 0; i <= nb->len; i++)
		{
			if (i == nb->len || is_sep(nb->text[i]))
			{
				chemname_context_form(nb->text, nb->len, s, i, &form);
				s = i + 1;
			}
		}
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static NormBuf nb1;
	static NormBuf nb2;
	static bool init = false;
	NormStatus st;
	bool		ascii = true;
	size_t		i;

	if (!init)
	{
		norm_buf_init(&nb1);
		norm_buf_init(&nb2);
		init = true;
	}
	for (i = 0; i < size; i++)
		if (data[i] >= 0x80)
			ascii = false;

	st = normalize_text((const char *) data, size, &nb1);
	if (st == NORM_INVALID_UTF8)
	{
		if (ascii)
			abort();
		return 0;
	}
	if (st != NORM_OK)
		abort();
	check_output(&nb1, data, size);

	/* fast path == ICU path, byte for byte, offsets and marks too */
	if (ascii)
	{
		if (normalize_text_icu((const char *) data, size, &nb2) != NORM_OK)
			abort();
		if (nb2.len != nb1.len || memcmp(nb1.text, nb2.text, nb1.len) != 0 ||
			memcmp(nb1.offset, nb2.offset, (nb1.len + 1) * sizeof(uint32_t)) != 0 ||
			memcmp(nb1.marks, nb2.marks, nb1.len) != 0)
			abort();
	}

	/* idempotence */
	if (normalize_text(nb1.text, nb1.len, &nb2) != NORM_OK)
		abort();
	if (nb2.len != nb1.len || memcmp(nb1.text, nb2.text, nb1.len) != 0)
		abort();
	/* the second pass maps every byte to itself on ASCII output */
	for (i = 0; i < nb1.len; i++)
		if ((unsigned char) nb1.text[i] >= 0x80)
			break;
	if (i == nb1.len)
	{
		for (i = 0; i < nb2.len; i++)
			if (nb2.offset[i] != i || nb2.marks[i] != 0)
				abort();
	}

	check_chemname(&nb1);
	return 0;
}
