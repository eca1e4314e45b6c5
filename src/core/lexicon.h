/*
 * lexicon.h
 *		Real chemical words (normalised), which fuzzy matching never takes for
 *		a misspelling of a listed name: "sulphonic" is not a typo of
 *		"sulphuric", "toluidine" not one of "toluene".  No PostgreSQL here.
 *
 * The words come from the EU Combined Nomenclature 2026 in its 24 languages
 * and from the names of chemical-identifiers.tsv (lexicon_data.c, generated
 * by data/lexicon/generate.sh).
 */
#ifndef PRECURSOR_LEXICON_H
#define PRECURSOR_LEXICON_H

#include <stdbool.h>
#include <stddef.h>

/* lexicon_data.c: byte-sorted words, each ended by a NUL */
extern const char lexicon_blob[];
extern const size_t lexicon_size;
extern const size_t lexicon_nwords;

/* Is w[0..len) (normalised) a word of the lexicon? */
extern bool lexicon_has(const char *w, size_t len);

#endif							/* PRECURSOR_LEXICON_H */
