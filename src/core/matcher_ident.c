/*
 * matcher_ident.c
 *		Identifiers in normalised text: CAS RNs, EC numbers, CN/HS codes and
 *		InChIKeys.
 *
 * The hyphenated shapes (CAS NN-NN-N .. NNNNNNN-NN-N, EC NNN-NNN-N) need no
 * scan of their own: in normalised text '-' only ever stands between two
 * digits, so memchr() for '-' finds every candidate, and a shape counts
 * only as a whole token (a hyphen is not a token boundary).  The cue words
 * ("cas", "ec", "cn", "hs", ...) are extra literals of the term database.
 * A shape is reported wherever it stands and its check digit is valid.  The
 * plain digit forms ("CAS 103797", "EC 2000018") and CN/HS codes ("CN 2914
 * 31 00") are only read right after a cue, because a bare number could be
 * anything.
 *
 * An InChIKey ("BSYNRYMUTXBXSQ-UHFFFAOYSA-N") normalises to three letter
 * tokens, "bsynrymutxbxsq uhfffaoysa n"; it is found by its shape (a
 * token, a token ending in "sa" or "na", one letter) wherever it stands,
 * and must then parse as an InChIKey (inchikey.c: 14 and 10 letters, no
 * triplet starting with "E", the flag and version letters).
 */
#include <string.h>

#include "matcher_int.h"
#include "casrn.h"
#include "cncode.h"
#include "ecnumber.h"
#include "inchikey.h"

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
	size_t		len;
	CueClass	cls;
} IdentCue;

#define CUE(w, cls) {w, sizeof(w) - 1, cls}

/* Cue words (normalised).  "kn"/"nc": German and French for CN. */
static const IdentCue ident_cues[] = {
	CUE("cas", CUE_CAS),
	CUE("ec", CUE_EC), CUE("einecs", CUE_EC), CUE("elincs", CUE_EC),
	CUE("cn", CUE_CN), CUE("hs", CUE_CN), CUE("taric", CUE_CN), CUE("tariff", CUE_CN),
	CUE("commodity", CUE_CN), CUE("customs", CUE_CN), CUE("kn", CUE_CN), CUE("nc", CUE_CN),
	CUE("heading", CUE_CN), CUE("subheading", CUE_CN), CUE("zolltarifnummer", CUE_CN),
	CUE("warennummer", CUE_CN),
	CUE("code", CUE_CN_WEAK),
};

/* Words that may stand between a cue and its number: "CAS No.", "CN code". */
static const char *const fillers[] = {
	"no", "nr", "number", "num", "rn", "reg", "registry", "n", "o",
	"code", "heading", "subheading", "nummer", "numero",
};

/* Words that may label an InChIKey: "InChIKey=...", "Std InChI Key: ..." */
static const char *const key_labels[] = {
	"inchikey", "inchi", "key", "std", "standard",
};

#define NELEM(a) (sizeof(a) / sizeof((a)[0]))

static bool
word_in(const char *p, size_t len, const char *const *list, size_t n)
{
	size_t		i;

	for (i = 0; i < n; i++)
		if (len > 0 && list[i][0] == p[0] && strlen(list[i]) == len &&
			memcmp(list[i], p, len) == 0)
			return true;
	return false;
}

bool
pm_ident_is_cue_word(const char *tok, size_t len)
{
	size_t		i;

	for (i = 0; i < NELEM(ident_cues); i++)
		if (ident_cues[i].len == len && memcmp(ident_cues[i].word, tok, len) == 0)
			return true;
	return word_in(tok, len, fillers, NELEM(fillers)) ||
		word_in(tok, len, key_labels, NELEM(key_labels));
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

size_t
pm_ident_cue_len(size_t i)
{
	return ident_cues[i].len;
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

/*
 * A cue word opening the window: the term database finds cue words after
 * their boundary byte only (PM_CUE_PATTERNS).  False only when out of
 * memory.
 */
static bool
cue_at_start(PmMatcher *m)
{
	static bool initial[256];
	static bool initial_ready;
	size_t		e;
	size_t		i;

	/* the cue words' first letters: most windows start with none of them */
	if (!initial_ready)
	{
		for (i = 0; i < NELEM(ident_cues); i++)
			initial[(unsigned char) ident_cues[i].word[0]] = true;
		initial_ready = true;
	}
	if (m->nb.len == 0 || !initial[(unsigned char) m->nb.text[0]])
		return true;
	e = token_end(m->nb.text, m->nb.len, 0);
	for (i = 0; i < NELEM(ident_cues); i++)
		if (ident_cues[i].len == e && ident_cues[i].word[0] == m->nb.text[0] &&
			memcmp(ident_cues[i].word, m->nb.text, e) == 0)
			return pm_ident_on_cue(m, i, 0, e);
	return true;
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
					ident_cues[i].len == cue_s - 1 - ps &&
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

static inline bool
is_lower(char c)
{
	return c >= 'a' && c <= 'z';
}

/*
 * The InChIKey in the normalised text [a, e), its second block starting at
 * b: from the normalised letters when the blocks have their lengths, else
 * (a spelling fold such as "sulph" -> "sulf" changed a block) from the
 * original bytes.
 */
static bool
read_inchikey(const PmMatcher *m, size_t a, size_t b, size_t e, InchiKey *key)
{
	const char *t = m->nb.text;

	if (b - a == INCHIKEY_SKELETON_LEN + 1 && e - b == 12)
	{
		char		k[INCHIKEY_LEN];
		size_t		i;

		for (i = 0; i < INCHIKEY_LEN; i++)
			k[i] = t[a + i] == ' ' ? '-' : (char) (t[a + i] - 'a' + 'A');
		return inchikey_parse(k, INCHIKEY_LEN, key, NULL);
	}
	return inchikey_parse(m->text + m->region_start + m->nb.offset[a],
						  m->nb.offset[e] - m->nb.offset[a], key, NULL);
}

/*
 * Is the separator at sp the one before an InChIKey's protonation letter
 * ("...sa n")?  Then walk back over the two blocks and push the key.
 * False only when the hit cannot be stored.
 */
static bool
inchikey_at(PmMatcher *m, size_t sp)
{
	const char *t = m->nb.text;
	size_t		len = m->nb.len;
	size_t		b,
				a;
	InchiKey	key;
	PmRaw		h;

	if (sp < 2 || sp + 2 > len || !is_lower(t[sp + 1]) ||
		(sp + 2 < len && t[sp + 2] != ' ' && t[sp + 2] != '|') ||
		t[sp - 1] != 'a' || (t[sp - 2] != 's' && t[sp - 2] != 'n'))
		return true;
	b = sp;
	while (b > 0 && is_lower(t[b - 1]))
		b--;
	if (b < 2 || t[b - 1] != ' ')
		return true;
	a = b - 1;
	while (a > 0 && is_lower(t[a - 1]))
		a--;
	if (a == b - 1 || (a > 0 && t[a - 1] != ' ' && t[a - 1] != '|'))
		return true;
	if (!read_inchikey(m, a, b, sp + 2, &key) ||
		!pm_boundary_before(m, a) || !pm_boundary_after(m, sp + 2) ||
		!pm_start_is_own(m, a))
		return true;
	memset(&h, 0, sizeof(h));
	h.s = (uint32_t) a;
	h.e = (uint32_t) (sp + 2);
	h.raw = PM_RAW_IDENT;
	h.ident_kind = (uint8_t) PM_HIT_INCHIKEY;
	h.inchikey = key;
	return pm_push_hit(m, &h);
}


/*
 * InChIKeys of the current window.  Every key ends in "a" + separator +
 * letter, so only the separators after an "a" are looked at; they are found
 * eight bytes at a time (one memchr() per separator cost about a fifth of
 * an exact scan of a 100-byte line).
 */
static bool
scan_inchikeys(PmMatcher *m)
{
	const char *t = m->nb.text;
	size_t		len = m->nb.len;
	size_t		i = 0;

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t a8 = 0x6161616161616161ULL;	/* "aaaaaaaa" */
	const uint64_t sp8 = 0x2020202020202020ULL; /* "        " */

	/* seven pairs per load: byte k (k < 7) is 'a' and byte k + 1 is ' ' */
	for (; i + 8 <= len; i += 7)
	{
		uint64_t	w,
					hit;

		memcpy(&w, t + i, 8);
		hit = pm_zero_bytes(w ^ a8) & (pm_zero_bytes(w ^ sp8) >> 8);
		while (hit)
		{
			if (!inchikey_at(m, i + (size_t) __builtin_ctzll(hit) / 8 + 1))
				return false;
			hit &= hit - 1;
		}
	}
#endif
	for (; i + 1 < len; i++)
		if (t[i] == 'a' && t[i + 1] == ' ' && !inchikey_at(m, i + 1))
			return false;
	return true;
}

/*
 * The hyphenated identifiers of the current window: every token holding a
 * '-' is a candidate (the normaliser keeps '-' only between digits), read
 * as CAS (2-7, 2, 1 digits) or EC (3, 3, 1 digits) by its group lengths.
 */
bool
pm_ident_scan(PmMatcher *m)
{
	const char *t = m->nb.text;
	size_t		len = m->nb.len;
	const char *p = t;

	if (!cue_at_start(m))
	{
		pm_set_error(m, "out of memory storing hits");
		return false;
	}
	while ((p = memchr(p, '-', len - (size_t) (p - t))) != NULL)
	{
		size_t		s = (size_t) (p - t);
		size_t		e = s;
		size_t		g[3];
		int			ng = 0;
		size_t		run = 0;
		bool		ok = true;
		size_t		i;

		while (s > 0 && t[s - 1] != ' ' && t[s - 1] != '|')
			s--;
		e = token_end(t, len, e);
		p = t + e;
		if (p >= t + len)
			p = t + len;
		for (i = s; i < e && ok; i++)
		{
			if (t[i] >= '0' && t[i] <= '9')
				run++;
			else if (t[i] == '-' && ng < 2 && run > 0)
			{
				g[ng++] = run;
				run = 0;
			}
			else
				ok = false;
		}
		if (!ok || ng != 2 || run != 1)
			continue;
		g[2] = run;
		if (g[0] >= 2 && g[0] <= 7 && g[1] == 2)
		{
			int64_t		v;

			if (casrn_parse(t + s, e - s, &v, NULL) &&
				!push_ident(m, s, e, PM_HIT_CAS, v))
				break;
		}
		else if (g[0] == 3 && g[1] == 3)
		{
			int32_t		v;

			if (ecnumber_parse(t + s, e - s, &v, NULL) &&
				!push_ident(m, s, e, PM_HIT_EC, v))
				break;
		}
		if (p >= t + len)
			break;
	}
	if (!m->oom)
		scan_inchikeys(m);
	if (m->oom)
	{
		pm_set_error(m, "out of memory storing hits");
		return false;
	}
	return true;
}
