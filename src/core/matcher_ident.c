/*
 * matcher_ident.c
 *		Identifiers in normalised text: CAS RNs, EC numbers and CN/HS codes.
 *
 * A small Vectorscan database holds the hyphenated shapes (CAS
 * NN-NN-N .. NNNNNNN-NN-N, EC NNN-NNN-N, with leftmost start of match); the
 * cue words ("cas", "ec", "cn", "hs", ...) are extra literals of the term
 * database, so they cost no scan of their own.  A shape is reported
 * wherever it stands on token boundaries and its check digit is valid.  The
 * plain digit forms ("CAS 103797", "EC 2000018") and CN/HS codes ("CN 2914
 * 31 00") are only read right after a cue, because a bare number could be
 * anything.
 */
#include <string.h>

#include "matcher_int.h"
#include "casrn.h"
#include "cncode.h"
#include "ecnumber.h"

enum
{
	ID_CAS_SHAPE = 0,
	ID_EC_SHAPE
};

typedef enum CueClass
{
	CUE_CAS,
	CUE_EC,
	CUE_CN,
	CUE_CN_WEAK					/* "code": only at clause start or after a CN cue */
} CueClass;

typedef struct IdentCue
{
	const char *word;
	CueClass	cls;
} IdentCue;

/* Cue words (normalised).  "kn"/"nc": German and French for CN. */
static const IdentCue ident_cues[] = {
	{"cas", CUE_CAS},
	{"ec", CUE_EC}, {"einecs", CUE_EC}, {"elincs", CUE_EC},
	{"cn", CUE_CN}, {"hs", CUE_CN}, {"taric", CUE_CN}, {"tariff", CUE_CN},
	{"commodity", CUE_CN}, {"customs", CUE_CN}, {"kn", CUE_CN}, {"nc", CUE_CN},
	{"heading", CUE_CN}, {"subheading", CUE_CN}, {"zolltarifnummer", CUE_CN},
	{"warennummer", CUE_CN},
	{"code", CUE_CN_WEAK},
};

/* Words that may stand between a cue and its number: "CAS No.", "CN code". */
static const char *const fillers[] = {
	"no", "nr", "number", "num", "rn", "reg", "registry", "n", "o",
	"code", "heading", "subheading", "nummer", "numero",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
word_in(const char *p, size_t len, const char *const *list, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (strlen(list[i]) == len && memcmp(list[i], p, len) == 0)
			return true;
	return false;
}

bool
pm_ident_is_cue_word(const char *tok, size_t len)
{
	size_t		i;

	for (i = 0; i < NELEM(ident_cues); i++)
		if (strlen(ident_cues[i].word) == len && memcmp(ident_cues[i].word, tok, len) == 0)
			return true;
	return word_in(tok, len, fillers, NELEM(fillers));
}

static bool read_after_cue(PmMatcher *m, size_t cue_s, size_t e, CueClass cls);

size_t
pm_ident_cue_count(void)
{
	return NELEM(ident_cues);
}

const char *
pm_ident_cue_word(size_t i)
{
	return ident_cues[i].word;
}

/*
 * A cue word found by the term database (the cues are compiled into it as
 * extra literals, so finding them costs no second scan).
 */
bool
pm_ident_on_cue(PmMatcher *m, size_t cue, size_t s, size_t e)
{
	if (!pm_boundary_before(m, s) || !pm_boundary_after(m, e))
		return true;
	return read_after_cue(m, s, e, ident_cues[cue].cls);
}

bool
pm_ident_build(PmMatcher *m)
{
	const char *exprs[2];
	unsigned	flags[2];
	unsigned	ids[2];
	unsigned	n = 0;
	hs_compile_error_t *cerr = NULL;
	hs_error_t	rc;

	exprs[n] = "[0-9]{2,7}-[0-9]{2}-[0-9]";
	flags[n] = HS_FLAG_SOM_LEFTMOST;
	ids[n] = ID_CAS_SHAPE;
	n++;
	exprs[n] = "[0-9]{3}-[0-9]{3}-[0-9]";
	flags[n] = HS_FLAG_SOM_LEFTMOST;
	ids[n] = ID_EC_SHAPE;
	n++;
	rc = hs_compile_multi(exprs, flags, ids, n, HS_MODE_BLOCK, NULL,
						  &m->db_ident, &cerr);
	if (rc != HS_SUCCESS)
	{
		pm_set_error(m, "Vectorscan could not compile the identifier patterns: %s",
					 cerr && cerr->message ? cerr->message : "unknown error");
		hs_free_compile_error(cerr);
		m->db_ident = NULL;
		return false;
	}
	return true;
}

static bool
all_digits(const char *p, size_t len)
{
	size_t		i;

	for (i = 0; i < len; i++)
		if (p[i] < '0' || p[i] > '9')
			return false;
	return len > 0;
}

/* End of the token starting at p. */
static size_t
token_end(const char *t, size_t len, size_t p)
{
	while (p < len && t[p] != ' ' && t[p] != '|')
		p++;
	return p;
}

static bool
push_ident(PmMatcher *m, size_t s, size_t e, PmHitKind kind, int64_t value)
{
	PmRaw		h;

	if (!pm_boundary_before(m, s) || !pm_boundary_after(m, e) ||
		!pm_start_is_own(m, s))
		return true;
	memset(&h, 0, sizeof(h));
	h.s = (uint32_t) s;
	h.e = (uint32_t) e;
	h.raw = PM_RAW_IDENT;
	h.ident_kind = (uint8_t) kind;
	h.ident = value;
	return pm_push_hit(m, &h);
}

/* The number after a cue ending at e. */
static bool
read_after_cue(PmMatcher *m, size_t cue_s, size_t e, CueClass cls)
{
	const char *t = m->nb.text;
	size_t		len = m->nb.len;
	size_t		p = e;
	size_t		q;
	int			skips;

	if (cls == CUE_CN_WEAK)
	{
		/* "code" alone: only "Code: 2914..." or after a CN cue ("HS code") */
		if (cue_s > 0 && t[cue_s - 1] != '|')
		{
			size_t		ps = cue_s - 1;
			size_t		i;
			bool		ok = false;

			while (ps > 0 && t[ps - 1] != ' ' && t[ps - 1] != '|')
				ps--;
			for (i = 0; i < NELEM(ident_cues); i++)
				if (ident_cues[i].cls == CUE_CN &&
					strlen(ident_cues[i].word) == cue_s - 1 - ps &&
					memcmp(ident_cues[i].word, t + ps, cue_s - 1 - ps) == 0)
					ok = true;
			if (!ok)
				return true;
		}
		cls = CUE_CN;
	}

	/* skip separators and filler words ("No.", "code") */
	for (skips = 0; skips < 4; skips++)
	{
		if (p >= len || (t[p] != ' ' && t[p] != '|'))
			return true;
		p++;
		q = token_end(t, len, p);
		if (!word_in(t + p, q - p, fillers, NELEM(fillers)))
			break;
		p = q;
	}
	if (skips == 4)
		return true;
	q = token_end(t, len, p);
	if (!all_digits(t + p, q - p))
		return true;			/* hyphenated forms are found by their shape */

	if (cls == CUE_CAS)
	{
		int64_t		v;

		if (q - p >= 5 && q - p <= 10 && casrn_parse(t + p, q - p, &v, NULL))
			return push_ident(m, p, q, PM_HIT_CAS, v);
		return true;
	}
	if (cls == CUE_EC)
	{
		int32_t		v;

		if (q - p == 7 && ecnumber_parse(t + p, q - p, &v, NULL))
			return push_ident(m, p, q, PM_HIT_EC, v);
		return true;
	}

	/* CN/HS: "2914 31 00", "29143100", "2914 31 00 10" */
	{
		char		digits[16];
		size_t		nd = q - p;
		size_t		end = q;
		int64_t		v;
		int			chapter;

		if (nd < 4 || nd > 10)
			return true;
		memcpy(digits, t + p, nd);
		while ((nd == 4 || nd == 6 || nd == 8) && end + 3 <= len && t[end] == ' ' &&
			   t[end + 1] >= '0' && t[end + 1] <= '9' &&
			   t[end + 2] >= '0' && t[end + 2] <= '9' &&
			   (end + 3 == len || t[end + 3] == ' ' || t[end + 3] == '|'))
		{
			memcpy(digits + nd, t + end + 1, 2);
			nd += 2;
			end += 3;
		}
		if (nd % 2 != 0)
			return true;
		chapter = (digits[0] - '0') * 10 + (digits[1] - '0');
		if (chapter < 1 || chapter > 97)
			return true;
		if (cncode_parse(digits, nd, &v, NULL))
			return push_ident(m, p, end, PM_HIT_CN, v);
		return true;
	}
}

static int
ident_cb(unsigned int id, unsigned long long from, unsigned long long to,
		 unsigned int flags, void *ctx)
{
	PmMatcher  *m = ctx;
	const char *t = m->nb.text;
	size_t		s;
	size_t		e = (size_t) to;
	bool		ok = true;

	(void) flags;
	if (id == ID_CAS_SHAPE)
	{
		int64_t		v;

		s = (size_t) from;
		if (casrn_parse(t + s, e - s, &v, NULL))
			ok = push_ident(m, s, e, PM_HIT_CAS, v);
	}
	else if (id == ID_EC_SHAPE)
	{
		int32_t		v;

		s = (size_t) from;
		if (ecnumber_parse(t + s, e - s, &v, NULL))
			ok = push_ident(m, s, e, PM_HIT_EC, v);
	}
	return ok ? 0 : 1;
}

bool
pm_ident_scan(PmMatcher *m)
{
	hs_error_t	rc;

	rc = hs_scan(m->db_ident, m->nb.text, (unsigned int) m->nb.len, 0,
				 m->scratch, ident_cb, m);
	if (m->oom)
	{
		pm_set_error(m, "out of memory storing hits");
		return false;
	}
	if (rc != HS_SUCCESS)
	{
		pm_set_error(m, "Vectorscan scan of the identifier patterns failed (error %d)",
					 (int) rc);
		return false;
	}
	return true;
}
