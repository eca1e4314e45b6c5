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
 * 12-byte prefixes), so only prefixes are compiled.  8 bytes, the width of
 * its literal matcher's words, compile in a third of the time of 12 (100k
 * fixture names: 1.0 s against 2.7 s) and scan no slower: the longer run
 * of literals sharing a prefix is walked by binary search (group_hit).
 */
#define PM_PREFIX_LEN	8

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


/*
 * What trying one use of a found piece needs of its literal, kept in the
 * use's index entry: in a server the literal tables are cold between rows,
 * and most tries end before the literal's text is read.
 */
typedef struct PmCand
{
	uint32_t	lit;
	uint32_t	lit_off;		/* the literal's text in PmMatcher.pool */
	uint32_t	lit_len;
	uint32_t	piece_off;		/* where the piece starts inside the literal */
	uint8_t		k;
} PmCand;

/*
 * A use of a piece as a scan reads it, with the literal's bytes next to the
 * piece on each side (outwards, at most PM_NEAR_BYTES), so that a scan can
 * refuse most uses of a common piece without reading the literal
 * (near_bytes_fail).
 */
#define PM_NEAR_BYTES 4
typedef struct PmUseEnt
{
	PmCand		cand;
	uint8_t		nbefore;		/* bytes in before[] */
	uint8_t		nafter;			/* bytes in after[] */
	char		before[PM_NEAR_BYTES];	/* literal bytes before the piece, nearest first */
	char		after[PM_NEAR_BYTES];	/* literal bytes after the piece */
} PmUseEnt;

/*
 * A piece as a scan reads it: its text and where its uses are filed, in one
 * place, so that a piece hit costs one cache line before its uses (the
 * index is built with the matcher, not stored).
 */
typedef struct PmPieceScan
{
	uint32_t	off;			/* text in PmMatcher.pool */
	uint32_t	len;
	uint32_t	use_first;		/* use_ent[use_first .. use_end) */
	uint32_t	use_end;
} PmPieceScan;

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

/*
 * Longest fuzzy piece: longer pieces are not much rarer, and short literals
 * scan faster.  Large lists get shorter pieces (PM_PIECE_MAX_LARGE from
 * PM_PIECE_LARGE_TERMS terms): fewer distinct pieces compile faster (100k
 * fixture names: 39k pieces of up to 5 bytes in 1.1 s, 69k of up to 8 in
 * 2.5 s) and, shared by more literals, filter as well; on lists of the
 * shipped size they would slow the scan.  The choice changes no hit.
 */
#define PM_PIECE_MAX 8
#define PM_PIECE_MAX_LARGE 5
#define PM_PIECE_LARGE_TERMS 20000

/*
 * From as many terms, the fuzzy pieces are compiled into a database of
 * their own (db_pieces), and a fuzzy matcher built from an exact one
 * (pm_build_fuzzy_from) compiles only them: 100k terms compile in about a
 * second, not four.  Smaller lists keep one database, scanned once: a
 * second scan would cost more than their compile.
 */
#define PM_PIECES_APART_TERMS 20000

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
	bool		before_own;		/* exact, starts before the window's own part */
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
	PmPieceScan *piece_scan;	/* per piece: where its uses are filed */
	PmUseEnt   *use_ent;		/* per use, in the order of uses */

	hs_database_t *db_exact;	/* prefixes, cue words, and the fuzzy pieces of small lists */
	hs_database_t *db_pieces;	/* the fuzzy pieces of large lists (id: piece index) */
	uint32_t	piece_base;		/* pattern id of pieces[0] in db_exact */
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
extern bool pm_alloc_scratch(PmMatcher *m);

/* matcher_serial.c: checksum of a serialised matcher (FNV-1a); its last 8 bytes hold it */
extern uint64_t pm_ser_checksum(const char *p, size_t n);

/* matcher_fuzzy_index.c */
extern int	pm_fuzzy_k(const char *norm, size_t len, bool abbreviation);
extern bool pm_fuzzy_build(PmMatcher *m);
extern bool pm_fuzzy_link(PmMatcher *m);

/* The first len (<= 8) bytes of a word loaded with memcpy */
static inline uint64_t
pm_word_mask(size_t len)
{
	if (len >= 8)
		return ~UINT64_C(0);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	return ~(~UINT64_C(0) >> (8 * len));
#else
	return (UINT64_C(1) << (8 * len)) - 1;
#endif
}

/* A hint to fetch memory that will be read soon (nothing where unknown) */
#if defined(__GNUC__)
#define PM_PREFETCH(p) __builtin_prefetch(p)
#else
#define PM_PREFETCH(p) ((void) 0)
#endif

/* 0x80 in every byte of v that is zero, 0 elsewhere (no false positives) */
static inline uint64_t
pm_zero_bytes(uint64_t v)
{
	const uint64_t m7 = UINT64_C(0x7F7F7F7F7F7F7F7F);

	return ~(((v & m7) + m7) | v | m7);
}

/* matcher_fuzzy.c */
extern bool pm_fuzzy_record(PmMatcher *m, uint32_t piece, size_t to);
extern bool pm_fuzzy_scan(PmMatcher *m);
extern void pm_fuzzy_lookup(PmMatcher *m, size_t bs, size_t be);

/* matcher_fuzzy_align.c */
extern bool pm_fuzzy_verify_one(PmMatcher *m, uint32_t lit, long est);
extern bool pm_fuzzy_anchored(const PmMatcher *m, const PmCand *c,
							  size_t piece_len, size_t ps);
extern bool pm_fuzzy_exact_near(const PmMatcher *m, const PmCand *c, long est);
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
extern size_t pm_ident_cue_len(size_t i);
extern bool pm_ident_on_cue(PmMatcher *m, size_t cue, size_t s, size_t e);

/*
 * The cue words go into the term database with the boundary byte before
 * them, " cn" and "|cn" (ids ngroups + cue and ngroups + ncue + cue): "cn",
 * "ec" or "nc" alone matched inside every word holding them ("section",
 * "zinc"), a callback each, and two-byte literals slowed the whole database
 * (7 % of an exact scan).  A cue at the start of the window has no byte
 * before it; pm_ident_scan() looks for it there.
 */
#define PM_CUE_PATTERNS 2

#endif							/* PRECURSOR_MATCHER_INT_H */
