/*
 * matcher_int.h
 *		Internal structures of the matching engine, shared by its files
 *		(matcher*.c).  Not part of the interface: callers use matcher.h only.
 */
#ifndef PRECURSOR_MATCHER_INT_H
#define PRECURSOR_MATCHER_INT_H

#include <hs.h>

#include "matcher.h"
#include "name_variants.h"
#include "normalize.h"

/* Default bytes of original text per window (pm_set_window_size changes it) */
#define PM_WINDOW_DEFAULT	(256 * 1024)
#define PM_WINDOW_MIN		256
/* Context kept before a window's own part (negation cues, stereo prefixes) */
#define PM_WINDOW_PRE		1024

/* One distinct normalised term text; several caller terms may share it. */
typedef struct PmLit
{
	uint32_t	off;			/* text in PmMatcher.pool */
	uint32_t	len;
	uint32_t	first_ref;		/* refs[first_ref .. first_ref + nrefs) */
	uint32_t	nrefs;
	uint8_t		k;				/* allowed edit distance (0: never fuzzy) */
	uint8_t		need;			/* fuzzy: pieces that must be found (1 or 2) */
} PmLit;

/*
 * A pattern of the term database: the first PM_PREFIX_LEN bytes shared by a
 * run of literals (lits are sorted by text, so the run is contiguous), or a
 * whole literal shorter than that.  Vectorscan finds the prefix; the rest
 * of each literal is checked by walking the sorted run.
 */
typedef struct PmGroup
{
	uint32_t	first_lit;
	uint32_t	nlits;
	uint32_t	plen;			/* bytes compiled into the database */
} PmGroup;

/*
 * Prefix length of the term database.  Vectorscan's literal matcher slows
 * down sharply with tens of thousands of long, distinct literals (100k
 * terms: 18 us per line and 9 s to compile, against 1.4 us and 3 s for their
 * 12-byte prefixes), so only prefixes are compiled.
 */
#define PM_PREFIX_LEN	12

/* A caller term attached to a literal. */
typedef struct PmRef
{
	uint32_t	id;
	uint8_t		kind;			/* PmTermKind */
	uint8_t		rule;			/* NvRule: the variant of the term (0: as written) */
} PmRef;

/* One distinct fuzzy piece and the literals it was cut from. */
typedef struct PmPiece
{
	uint32_t	off;			/* text in PmMatcher.pool */
	uint32_t	len;
	uint32_t	first_use;		/* uses[first_use .. first_use + nuses) */
	uint32_t	nuses;
} PmPiece;

typedef struct PmPieceUse
{
	uint32_t	lit;
	uint32_t	piece_off;		/* where the piece starts inside the literal */
} PmPieceUse;

/* A fuzzy candidate waiting for a second piece */
typedef struct PmCand
{
	uint32_t	lit;
	uint32_t	piece_off;
	long		est;			/* where the term would start */
} PmCand;

/* A piece found by the scan, verified after it */
typedef struct PmPieceHit
{
	uint32_t	piece;
	uint32_t	end;			/* end of the piece in the normalised text */
} PmPieceHit;

/* Internal hit kinds before expansion to caller terms */
#define PM_RAW_EXACT	0
#define PM_RAW_FUZZY	1
#define PM_RAW_IDENT	2

/* Most edits a fuzzy hit may have (pm_fuzzy_k) */
#define PM_MAX_EDITS	2

/* One edit of a fuzzy hit, for explain(): PM_EDIT_* at these positions */
#define PM_EDIT_SUB		1
#define PM_EDIT_INS		2		/* an extra character in the text */
#define PM_EDIT_DEL		3		/* a character of the term missing */
#define PM_EDIT_TRANS	4		/* two neighbours swapped */

typedef struct PmEdit
{
	uint8_t		op;
	uint32_t	tpos;			/* normalised text position it touches */
	uint32_t	ppos;			/* position in the literal */
} PmEdit;

/* A hit in the normalised text of the current window. */
typedef struct PmRaw
{
	uint32_t	s;				/* normalised span [s, e) */
	uint32_t	e;
	uint32_t	lit;			/* literal (exact/fuzzy) */
	uint8_t		raw;			/* PM_RAW_* */
	uint8_t		ident_kind;		/* PmHitKind for identifiers */
	uint8_t		nedits;			/* fuzzy: edits[0 .. nedits) */
	int16_t		dist;
	int64_t		ident;
	InchiKey	inchikey;		/* PM_HIT_INCHIKEY */
	PmEdit		edits[PM_MAX_EDITS];
} PmRaw;

struct PmMatcher
{
	/* compiled terms */
	char	   *pool;			/* literal and piece texts */
	size_t		pool_len;
	PmLit	   *lits;
	uint32_t	nlits;
	PmRef	   *refs;
	uint32_t	nrefs;
	PmGroup    *groups;			/* patterns of db_exact, then the cue words */
	uint32_t	ngroups;
	size_t		nterms;			/* caller terms kept (non-empty) */
	size_t		max_norm_len;	/* longest literal */
	size_t		max_orig_len;	/* longest raw term */

	PmPiece    *pieces;
	uint32_t	npieces;
	PmPieceUse *uses;
	uint32_t	nuses;

	hs_database_t *db_exact;	/* prefixes, cue words, fuzzy pieces */
	uint32_t	piece_base;		/* pattern id of pieces[0] */
	hs_scratch_t *scratch;		/* allocated once, reused for every scan */

	/* per-scan state, reused across calls so a row costs no malloc */
	NormBuf		nb;
	PmRaw	   *hits;
	size_t		nhits;
	size_t		caphits;
	bool		oom;			/* a hit could not be stored */
	bool		want_pieces;	/* this scan records fuzzy piece hits */
	PmPieceHit *phits;
	size_t		nphits;
	size_t		capphits;
	PmCand	   *cands;
	size_t		capcands;

	/* window of the scan in progress */
	const char *text;			/* whole original text */
	size_t		text_len;
	size_t		region_start;	/* original bytes normalised in nb */
	size_t		region_end;
	size_t		own_start;		/* hits must start in [own_start, own_end) */
	size_t		own_end;
	bool		lookup;			/* whole-string mode: no own-part filter */

	size_t		window_size;	/* bytes of original text per window */

	/* fuzzy verification state */
	uint64_t	peq[256];		/* Myers' pattern bit vectors, kept all-zero between uses */
	int		   *dpmat;			/* fuzzy verification matrix, grown on demand */
	size_t		dpcap;			/* ints allocated in dpmat */
	size_t		fuzzy_first;	/* first fuzzy hit in hits[] */
	size_t		lookup_bs;		/* lookup: base span in nb */
	size_t		lookup_be;

	PrecursorError error;		/* set by pm_set_error(), read by pm_error() */
};

/* matcher.c */
extern bool pm_push_hit(PmMatcher *m, const PmRaw *h);
extern bool pm_boundary_before(const PmMatcher *m, size_t s);
extern bool pm_boundary_after(const PmMatcher *m, size_t e);
extern bool pm_start_is_own(const PmMatcher *m, size_t s);
extern void pm_set_error(PmMatcher *m, const char *fmt,...)
			__attribute__((format(printf, 2, 3)));

/* matcher_build.c */
extern bool pm_compile_literals(PmMatcher *m, const uint32_t *offs,
								const uint32_t *lens, uint32_t n,
								hs_database_t **db, const char *what);
extern bool pm_alloc_scratch(PmMatcher *m, hs_database_t *db);

/* matcher_serial.c: checksum of a serialised matcher (FNV-1a); its last 8 bytes hold it */
extern uint64_t pm_ser_checksum(const char *p, size_t n);

/* matcher_fuzzy_index.c */
extern int	pm_fuzzy_k(const char *norm, size_t len, bool abbreviation);
extern bool pm_fuzzy_build(PmMatcher *m);

/* matcher_fuzzy.c */
extern bool pm_fuzzy_record(PmMatcher *m, uint32_t piece, size_t to);
extern bool pm_fuzzy_scan(PmMatcher *m);
extern void pm_fuzzy_lookup(PmMatcher *m, size_t bs, size_t be);

/* matcher_fuzzy_align.c */
extern bool pm_fuzzy_verify_one(PmMatcher *m, uint32_t lit, long est);
extern int	pm_edit_distance(const char *a, size_t alen, const char *b, size_t blen,
							 int limit);
extern void pm_fuzzy_describe(const PmMatcher *m, const PmRaw *h, char *buf, size_t len);
extern bool pm_cognate(const char *a, size_t alen, const char *b, size_t blen);

/* matcher_negation.c: the cue governing the hit at [s, e), 0 for none */
extern void pm_negation_init(void);
extern int	pm_negation_cue(const PmMatcher *m, size_t s, size_t e);
extern size_t pm_negation_cue_count(void);
extern bool pm_negation_cue_in_cn(int cue);

/* matcher_ident.c */
extern bool pm_ident_scan(PmMatcher *m);
extern bool pm_ident_is_cue_word(const char *tok, size_t len);
extern size_t pm_ident_cue_count(void);
extern const char *pm_ident_cue_word(size_t i);
extern bool pm_ident_on_cue(PmMatcher *m, size_t cue, size_t s, size_t e);

#endif							/* PRECURSOR_MATCHER_INT_H */
