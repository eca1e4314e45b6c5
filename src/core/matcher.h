/*
 * matcher.h
 *		The multi-pattern matching engine: find watchlist terms and chemical
 *		identifiers in free text, with word boundaries, fuzzy matching,
 *		negation, and spans in the original text.  No PostgreSQL here.
 *
 * Pipeline for one text: normalise (normalize.h) -> scan the normalised
 * text with one Vectorscan database holding every normalised term as its
 * own literal (plus, when fuzzy matching is built, the pigeonhole pieces of
 * the long terms, verified bit-parallel) and the identifier patterns ->
 * keep hits on token boundaries -> classify form (chemname.h) and negation
 * -> map the span back to the original bytes -> callback.
 *
 * Long texts are processed in windows of bounded size with an overlap of the
 * longest term, so memory stays bounded whatever the input size, and the
 * caller's interrupt function is polled between windows.
 */
#ifndef PRECURSOR_MATCHER_H
#define PRECURSOR_MATCHER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "chemname.h"
#include "core_error.h"
#include "inchikey.h"

typedef enum PmHitKind
{
	PM_HIT_NAME = 0,			/* a term of kind PM_TERM_NAME, exactly */
	PM_HIT_SYNONYM,				/* a term of kind PM_TERM_SYNONYM, exactly */
	PM_HIT_FUZZY,				/* a term within its edit distance */
	PM_HIT_HOMOGLYPH,			/* exact, but only after folding look-alikes */
	PM_HIT_CAS,					/* a CAS RN with a valid check digit */
	PM_HIT_EC,					/* an EC number with a valid check digit */
	PM_HIT_CN,					/* a CN/HS code introduced as such ("CN 2914 31 00") */
	PM_HIT_INCHIKEY				/* a standard InChIKey (PmHit.inchikey) */
} PmHitKind;

typedef enum PmTermKind
{
	PM_TERM_NAME = 0,			/* the substance's own name */
	PM_TERM_SYNONYM,			/* any synonym */
	PM_TERM_ABBREVIATION		/* short forms: never fuzzy-matched */
} PmTermKind;

typedef struct PmTerm
{
	const char *text;			/* raw term, UTF-8; the matcher normalises it */
	size_t		len;
	uint32_t	id;				/* caller's id (e.g. index into its own table) */
	PmTermKind	kind;
} PmTerm;

typedef struct PmMatcher PmMatcher;

/* Build flags */
#define PM_BUILD_FUZZY			0x01	/* also compile pieces for fuzzy matching */
#define PM_BUILD_NO_VARIANTS	0x02	/* terms as written only (name_variants.h) */

/*
 * Compile a matcher from n terms (terms that normalise to nothing are
 * skipped; duplicates after normalisation are kept as separate ids).  Returns
 * NULL and fills *err (core_error.h; may be NULL) on failure.  Memory: malloc,
 * plus Vectorscan's own allocations; free with pm_free().
 */
extern PmMatcher *pm_build(const PmTerm *terms, size_t n, uint32_t build_flags,
						   PrecursorError *err);

/*
 * The fuzzy matcher of the terms an exact matcher was built from (as
 * pm_build with PM_BUILD_FUZZY and the same flags otherwise), reusing its
 * literals and term database: only the fuzzy pieces are compiled.
 */
extern PmMatcher *pm_build_fuzzy_from(const PmMatcher *exact, PrecursorError *err);
extern void pm_free(PmMatcher *m);
extern size_t pm_term_count(const PmMatcher *m);

typedef struct PmHit
{
	PmHitKind	kind;
	uint32_t	term_id;		/* caller's term id; 0 for identifier hits */
	int64_t		ident;			/* casrn/ecnumber/cncode value (core encoding) for identifier hits */
	size_t		start;			/* byte span in the ORIGINAL text */
	size_t		end;
	int			distance;		/* edit distance (0 unless fuzzy) */
	float		score;			/* 0..1, falls with distance and for homoglyphs */
	bool		negated;		/* in a negated context ("other than X", "X-free") */
	int			neg_cue;		/* the cue governing it (pm_negation_cue_phrase), 0 if none */
	char		edit[128];		/* fuzzy: the edits, as 'substitution: "x" for "y"' */
	bool		homoglyph;		/* span contained folded look-alike characters */
	uint8_t		rule;			/* NvRule: the term matched through this variant */
	ChemForm	form;			/* stereo/salt/hydrate/ester context */
	InchiKey	inchikey;		/* PM_HIT_INCHIKEY: the key */
	uint32_t	norm_start;		/* the span in the normalised window, for */
	uint32_t	norm_end;		/* pm_hit_negation_cue() during the callback */
} PmHit;

/* Return true to stop the scan (e.g. matches() after the first hit). */
typedef bool (*PmHitFn) (const PmHit *hit, void *arg);
/* Return true when the caller wants the scan abandoned (query cancel). */
typedef bool (*PmInterruptFn) (void *arg);

/* Scan flags */
#define PM_SCAN_FUZZY			0x01	/* report fuzzy hits (needs PM_BUILD_FUZZY) */
#define PM_SCAN_SKIP_NEGATED	0x02	/* do not report negated hits */
/*
 * Leave negation (and an identifier's form) unread: a caller that only asks
 * whether some hit names a substance (matches()) reads the negation of the
 * hit it would stop at with pm_hit_negation_cue(), instead of every hit's.
 * Not with PM_SCAN_SKIP_NEGATED.
 */
#define PM_SCAN_LATE_CONTEXT	0x04
/*
 * For a caller that stops at the first hit it accepts (matches()): offer
 * the exact and identifier hits before the misspellings are verified, and
 * verify them only if the caller did not stop.  Those hits are then offered
 * again with the misspellings, so on_hit must give the same answer for the
 * same hit.  Most of the verification is of names written right, in texts
 * an exact hit already answers.
 */
#define PM_SCAN_EXACT_FIRST		0x08

typedef enum PmStatus
{
	PM_OK = 0,
	PM_STOPPED,					/* the hit callback asked to stop */
	PM_INTERRUPTED,				/* the interrupt function asked to stop */
	PM_INVALID_UTF8,
	PM_ERROR					/* described by pm_error() */
} PmStatus;

/* Every mention in free text. */
extern PmStatus pm_screen(PmMatcher *m, const char *text, size_t len,
						  uint32_t scan_flags, PmHitFn on_hit, void *hit_arg,
						  PmInterruptFn interrupted, void *intr_arg);

/*
 * The negation cue governing a hit of a PM_SCAN_LATE_CONTEXT scan, 0 if
 * none; only inside the hit callback (it reads the scan's normalised text).
 */
extern int	pm_hit_negation_cue(const PmMatcher *m, const PmHit *hit);

/* Longest string pm_lookup() treats as a name (longer: no hit) */
#define PM_LOOKUP_MAX		(64 * 1024)

/*
 * What a whole string names: the string is stripped of stereo descriptors,
 * salts, hydrates and purity (chemname_strip) and a hit is reported only for
 * terms (or an identifier) covering the whole remaining base.
 */
extern PmStatus pm_lookup(PmMatcher *m, const char *text, size_t len,
						  uint32_t scan_flags, PmHitFn on_hit, void *hit_arg);

/* What made the last pm_screen() or pm_lookup() return PM_ERROR */
extern const PrecursorError *pm_error(const PmMatcher *m);

/*
 * Store a built matcher and load it back without compiling: pm_serialize()
 * returns one malloc'd buffer (free() it) holding the Vectorscan database
 * (hs_serialize_database) and the matcher's own tables, with a checksum.
 * pm_deserialize() rebuilds an equivalent matcher from it, or returns NULL
 * and fills *err when the buffer is damaged, of another format version, or
 * was made by a Vectorscan build or CPU the running one cannot use.  Meant
 * for a cache shared by the backends of one server (same binary).
 */
extern char *pm_serialize(const PmMatcher *m, size_t *len,
						  PrecursorError *err);
extern PmMatcher *pm_deserialize(const char *buf, size_t len,
								 PrecursorError *err);

/*
 * Bytes of original text per window of pm_screen() (default 256 KiB, at
 * least 256).  Exposed for tests of the window logic and for tuning.
 */
extern void pm_set_window_size(PmMatcher *m, size_t bytes);
extern const char *pm_hit_kind_name(PmHitKind kind);

/* Letters of a normalised term, as the fuzzy edit allowance counts them */
extern size_t pm_fuzzy_letters(const char *norm, size_t len);

/* A negation cue as written ("other than") and its language ("en"); NULL for 0 */
extern const char *pm_negation_cue_phrase(int cue);
extern const char *pm_negation_cue_lang(int cue);	/* "name", "synonym", "fuzzy", "homoglyph", "cas", "ec", "cn" */

#endif							/* PRECURSOR_MATCHER_H */
