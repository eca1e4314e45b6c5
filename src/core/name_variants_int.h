/*
 * name_variants_int.h
 *		Private to name_variants*.c: the variant set being built, the string
 *		under construction and the small text helpers both files use.
 *
 * name_variants.c        the closure and the rules on the parts of a name
 *                        (pairs, locants, substituent order, CAS inversion,
 *                        esters, anions)
 * name_variants_forms.c  the rules on the name as written: its cation and
 *                        Latin forms, other languages' acid, anion and ester
 *                        names, a closing CAS stereo clause
 */
#ifndef PRECURSOR_NAME_VARIANTS_INT_H
#define PRECURSOR_NAME_VARIANTS_INT_H

#include <stdbool.h>
#include <string.h>

#include "name_variants.h"

/* In NvSet.rule, beside the rule: a variant no rule applies to (NV_LEAF) */
#define NV_RULE_LEAF_BIT 0x80

typedef struct NvSet
{
	int			n;
	uint16_t	len[NV_MAX_VARIANTS + 1];
	uint8_t		rule[NV_MAX_VARIANTS + 1];
	char		text[NV_MAX_VARIANTS + 1][NV_MAX_LEN + 1];
} NvSet;

/* A rewritten string under construction */
typedef struct NvOut
{
	size_t		len;
	bool		overflow;
	char		buf[NV_MAX_LEN + 1];
} NvOut;

#define nv_lengthof(array) (sizeof(array) / sizeof((array)[0]))

static inline void
out_reset(NvOut *o)
{
	o->len = 0;
	o->overflow = false;
}

static inline void
out_put(NvOut *o, const char *s, size_t n)
{
	if (o->overflow || o->len + n > NV_MAX_LEN)
	{
		o->overflow = true;
		return;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

static inline void
out_str(NvOut *o, const char *s)
{
	out_put(o, s, strlen(s));
}

static inline void
set_add(NvSet *set, const NvOut *o, int rule)
{
	int			i;

	if (o->overflow || o->len == 0 || set->n > NV_MAX_VARIANTS)
		return;
	for (i = 0; i < set->n; i++)
		if (set->len[i] == o->len && memcmp(set->text[i], o->buf, o->len) == 0)
			return;
	memcpy(set->text[set->n], o->buf, o->len);
	set->len[set->n] = (uint16_t) o->len;
	set->rule[set->n] = (uint8_t) rule;
	set->n++;
}

static inline bool
is_letter(char c)
{
	return (c >= 'a' && c <= 'z') || (unsigned char) c >= 0x80;
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static inline bool
is_sep(char c)
{
	return c == ' ' || c == '|';
}

/* Boundary before position p: term start, ' ', '|', or '-' (between locants) */
static inline bool
boundary_before(const char *s, size_t p)
{
	return p == 0 || is_sep(s[p - 1]) || s[p - 1] == '-';
}

static inline bool
boundary_after(const char *s, size_t len, size_t e)
{
	return e == len || is_sep(s[e]) || s[e] == '-';
}

static inline bool
ends_with(const char *s, size_t len, const char *suffix)
{
	size_t		n = strlen(suffix);

	return len >= n && memcmp(s + len - n, suffix, n) == 0;
}

static inline bool
token_is_numeric(const char *s, size_t a, size_t b)
{
	size_t		i;

	if (a >= b)
		return false;
	for (i = a; i < b; i++)
		if (!is_digit(s[i]) && s[i] != '-')
			return false;
	return true;
}

static inline bool
in_list(const char *const *list, const char *s, size_t n)
{
	for (; *list; list++)
		if (strlen(*list) == n && memcmp(*list, s, n) == 0)
			return true;
	return false;
}

/* name_variants_forms.c */
extern void nv_rule_cation(NvSet *set, const char *s, size_t len);
extern void nv_rule_german(NvSet *set, const char *s, size_t len);
extern void nv_rule_french_acid(NvSet *set, const char *s, size_t len);
extern void nv_rule_french_ester(NvSet *set, const char *s, size_t len);
extern void nv_rule_stereo_clause(NvSet *set, const char *s, size_t len);
extern void nv_rule_stereo_prefix(NvSet *set, const char *s, size_t len);
extern void nv_rule_romance(NvSet *set, const char *s, size_t len);

#endif							/* PRECURSOR_NAME_VARIANTS_INT_H */
