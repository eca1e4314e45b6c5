/*
 * name_variants.h
 *		Equivalent spellings of a systematic chemical name, generated when a
 *		watchlist is compiled so that the matcher sees every way a listed
 *		substance is named.  No PostgreSQL here.
 *
 * Works on NORMALISED text (normalize.h).  The rules are data tables in
 * name_variants_rules.h that a chemist can read and extend: equivalent
 * substituent and parent names, indicated hydrogen, locant placement and
 * implied locants, CAS inverted index names both ways, ester names both ways
 * and the anion of an acid (the "-ate" of its salts and esters).  Every
 * variant carries the rule that produced it, for precursor.explain().
 */
#ifndef PRECURSOR_NAME_VARIANTS_H
#define PRECURSOR_NAME_VARIANTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Rules (0 = the term as written) */
typedef enum NvRule
{
	NV_RULE_NONE = 0,
	NV_RULE_SYNONYM,			/* equivalent substituent or parent name */
	NV_RULE_INDICATED_H,		/* 2H-1,3-benzodioxol / 1,3-benzodioxol */
	NV_RULE_LOCANT,				/* propan-2-one / 2-propanone */
	NV_RULE_IMPLIED_LOCANT,		/* 2-propanone / propanone; 1-phenyl... / phenyl... */
	NV_RULE_CAS_INVERTED,		/* 2-Propanone, 1-phenyl- / 1-phenyl-2-propanone */
	NV_RULE_ESTER,				/* R X-ate / X-ic acid, R ester */
	NV_RULE_ANION,				/* X-ic acid / X-ate (its salts and esters) */
	NV_RULE_ORDER,				/* 3-oxo-2-phenyl... / 2-phenyl-3-oxo... */
	NV_RULE_CATION,				/* ephedrine / ephedrinium, ephedrinum (its salts) */
	NV_RULE_FRENCH_ACID,		/* X-ic acid / acide X-ique */
	NV_RULE_LANGUAGE,			/* acido X-ico, X-ato, X-at, X-ate de methyle */
	NV_RULE_STEREO_CLAUSE,		/* "X, (alphaR)-" / "X" */
	NV_RULE_GERMAN,				/* glycidic acid / Glycidsäure, piperidine / Piperidin */
	NV_RULE_STEREO_NAME,		/* ergometrine / ergometrinine (its C-8 epimer) */
	NV_RULE_TRADE_ESTER,		/* BMK glycidic acid / BMK ethyl glycidate */
	NV_RULE_STEREO_PREFIX,		/* (1S,2R)-(+)-X / X, (+)-X */
	NV_RULE_COUNT
} NvRule;

/* At most this many variants per term (the term itself not counted) */
#define NV_MAX_VARIANTS		47

/* Of which this many are kept for German forms when there are more */
#define NV_GERMAN_ROOM		10

/* Longest normalised term that gets variants (longer ones keep their text) */
#define NV_MAX_LEN			400

/*
 * Called once per distinct variant (never the term itself): text is
 * normalised, not NUL-terminated.  Return false to stop (e.g. out of memory).
 */
typedef bool (*NvEmitFn) (const char *text, size_t len, NvRule rule, void *arg);

/*
 * Generate at most max_variants (capped at NV_MAX_VARIANTS) variants of one
 * normalised term, breadth first.  Returns false if emit returned false, true
 * otherwise (also when there is nothing to generate).  Uses no heap memory.
 */
extern bool nv_expand(const char *norm, size_t len, int max_variants,
					  NvEmitFn emit, void *arg);

/*
 * Variants per term for a list of nterms terms: all of them (NV_MAX_VARIANTS)
 * for lists the size of the shipped ones, fewer for large user lists so that
 * a matcher holds at most about NV_BUDGET variant literals, none from
 * NV_BUDGET / 2 terms on (100,000 real chemical names then compile and scan
 * as fast as without variants).
 */
#define NV_BUDGET			140000
extern int	nv_variants_per_term(size_t nterms);

/*
 * The stereo descriptor a NV_RULE_STEREO_NAME variant stands for ("8 epimer"
 * for "ergometrinine", "rac" for "racephedrine"), or NULL if text is none.
 */
extern const char *nv_stereo_name_descriptor(const char *text, size_t len);

/*
 * Is the configuration read around NV_RULE_STEREO_NAME variant text (its
 * descriptor words) a compound the entry excludes ("(+)-norpseudoephedrine"
 * is cathine)?
 */
extern bool nv_stereo_name_excluded(const char *text, size_t len, const char *descriptor);

/*
 * The alcohol part of a NV_RULE_TRADE_ESTER variant ("ethyl" of "bmk ethyl
 * glycidate") into buf; false if text is none.
 */
extern bool nv_trade_ester_alcohol(const char *text, size_t len, char *buf,
								   size_t bufsize);

/* "locant placement", ... ("" for NV_RULE_NONE) */
extern const char *nv_rule_name(int rule);

#endif							/* PRECURSOR_NAME_VARIANTS_H */
