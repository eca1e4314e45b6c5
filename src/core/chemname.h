/*
 * chemname.h
 *		Recognise the parts of a chemical name that are not the substance:
 *		stereo descriptors, salts and hydrates, purity and grade.
 *		No PostgreSQL here.
 *
 * All functions work on NORMALISED text (see normalize.h: lowercase tokens
 * separated by ' ', '-' only between digits, '|' at clause boundaries), so
 * "(1R,2S)-(-)-Ephedrine HCl 99%" arrives as "1r 2s minus ephedrine hcl 99"
 * (the normaliser turns a sign alone in brackets into "plus", "minus" or
 * "rac", which are stereo descriptors here).
 */
#ifndef PRECURSOR_CHEMNAME_H
#define PRECURSOR_CHEMNAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a mention says about the form of the substance (bit set) */
#define CHEM_FORM_BASE			0x00
#define CHEM_FORM_STEREO		0x01	/* (R)-, (S)-, (+)-, (-)-, (±)-, dl-, d-, l-, rac-, (1R,2S)-, erythro-, threo-, meso-, cis-, trans- */
#define CHEM_FORM_SALT			0x02	/* hydrochloride, hcl, sulfate, tartrate, citrate, maleate, ... */
#define CHEM_FORM_HYDRATE		0x04	/* monohydrate, hemihydrate, dihydrate, ... */
#define CHEM_FORM_ESTER			0x08	/* methyl/ethyl/... ester of an acid: "ethyl ester", "methyl ..ate" */
#define CHEM_FORM_SOLUTION		0x10	/* "solution", "x% in water", concentration given */
#define CHEM_FORM_OTHER			0x20	/* not the substance: part of a larger compound name
										 * ("acetone cyanohydrin", "4-chloro-phenylacetic acid") */

typedef struct ChemForm
{
	uint32_t	flags;			/* CHEM_FORM_* */
	/* Normalised text of what was recognised, e.g. "1r 2s", "hydrochloride", "99" */
	char		stereo[48];
	char		salt[48];
	char		purity[32];		/* "99", "tech grade", "analytical grade" ... */
	char		ester[32];		/* the alcohol part of an ester: "benzyl", "tert butyl" */
	char		other[48];		/* CHEM_FORM_OTHER: why ("class word cyanohydrin") */
} ChemForm;

/*
 * Strip a whole normalised name to its base: removes leading stereo
 * descriptors and trailing (or leading, "hydrochloride de ...") salts,
 * hydrates, purity/grade tokens.  Returns the [*base_start, *base_end) span of
 * the base inside norm and fills *form.  Never fails; a name with nothing to
 * strip returns the whole span with flags 0.
 */
extern void chemname_strip(const char *norm, size_t len,
						   size_t *base_start, size_t *base_end,
						   ChemForm *form);

/*
 * The form of a mention found at [start, end) of a longer normalised text:
 * looks at the tokens immediately before (stereo descriptors, the alcohol
 * or cation of an "-ate") and after (salts, hydrates, purity) without
 * crossing a clause boundary, except for a CAS-style ", ethyl ester" or
 * ", sodium salt".  Sets CHEM_FORM_OTHER when the mention is only part of
 * the name of a different compound: a substituent before it ("4-chloro-",
 * "1-(2-phenylethyl)"), a class word or functional suffix after it
 * ("cyanohydrin", "oxime", "-4-carboxylic acid", "2,4-diisocyanate"), or
 * substituents after a CAS inverted parent ("toluene, m-butyl-").
 */
extern void chemname_context_form(const char *norm, size_t len,
								  size_t start, size_t end, ChemForm *form);

/*
 * The usual name of the alcohol part of an ester as the form reads it
 * ("1 methylpropyl", "butan 2 yl" -> "sec butyl"; "ethyle" -> "ethyl"), so
 * that the list's own entry for that ester is found whichever way the
 * alcohol is named; other names unchanged.
 */
extern const char *chemname_alcohol_usual(const char *alcohol);

/* "base", "salt", "stereoisomer", "salt+stereoisomer", ... into buf (64 bytes) */
extern const char *chemname_form_label(uint32_t flags, char *buf, size_t buflen);

#endif							/* PRECURSOR_CHEMNAME_H */
