/*
 * matcher_build.c
 *		Compiling a matcher from caller terms (pm_build): normalising the
 *		terms and their name variants, grouping identical texts into
 *		literals, grouping literals by prefix into the patterns of the term
 *		database, and compiling that database with Vectorscan.  pm_free too.
 *
 * The fuzzy pieces are planned in matcher_fuzzy_index.c; the stored form of
 * a built matcher is matcher_serial.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher_int.h"

/* A normalised term before grouping into literals. */
typedef struct BuildEntry
{
	uint32_t	off;
	uint32_t	len;
	uint32_t	id;
	uint8_t		kind;
	uint8_t		rule;			/* NvRule: how the text was derived from the term */
} BuildEntry;

static const char *sort_pool;	/* qsort has no context argument */

static int
entry_cmp(const void *a, const void *b)
{
	const BuildEntry *x = a;
	const BuildEntry *y = b;
	size_t		n = x->len < y->len ? x->len : y->len;
	int			c = memcmp(sort_pool + x->off, sort_pool + y->off, n);

	if (c != 0)
		return c;
	if (x->len != y->len)
		return x->len < y->len ? -1 : 1;
	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	if (x->kind != y->kind)
		return (int) x->kind - (int) y->kind;
	return (int) x->rule - (int) y->rule;
}

static bool
pool_append(PmMatcher *m, size_t *cap, const char *s, size_t len, uint32_t *off)
{
	if (m->pool_len + len + 1 > UINT32_MAX)
		return false;
	if (m->pool_len + len + 1 > *cap)
	{
		size_t		ncap = *cap ? *cap * 2 : 4096;
		char	   *np;

		while (ncap < m->pool_len + len + 1)
			ncap *= 2;
		np = realloc(m->pool, ncap);
		if (np == NULL)
			return false;
		m->pool = np;
		*cap = ncap;
	}
	memcpy(m->pool + m->pool_len, s, len);
	m->pool[m->pool_len + len] = '\0';
	*off = (uint32_t) m->pool_len;
	m->pool_len += len + 1;
	return true;
}

/* Compile literals of the pool into a block-mode database. */
bool
pm_compile_literals(PmMatcher *m, const uint32_t *offs, const uint32_t *lens,
					uint32_t n, hs_database_t **db, const char *what)
{
	const char **exprs;
	size_t	   *hlens;
	unsigned   *ids;
	hs_compile_error_t *cerr = NULL;
	hs_error_t	rc;
	uint32_t	i;

	*db = NULL;
	if (n == 0)
		return true;
	exprs = malloc(sizeof(*exprs) * n);
	hlens = malloc(sizeof(*hlens) * n);
	ids = malloc(sizeof(*ids) * n);
	if (!exprs || !hlens || !ids)
	{
		free(exprs);
		free(hlens);
		free(ids);
		pm_set_error(m, "out of memory compiling %s", what);
		return false;
	}
	for (i = 0; i < n; i++)
	{
		exprs[i] = m->pool + offs[i];
		hlens[i] = lens[i];
		ids[i] = i;
	}
	rc = hs_compile_lit_multi(exprs, NULL, ids, hlens, n, HS_MODE_BLOCK,
							  NULL, db, &cerr);
	free(exprs);
	free(hlens);
	free(ids);
	if (rc != HS_SUCCESS)
	{
		pm_set_error(m, "Vectorscan could not compile the %s: %s (pattern %d)",
					 what, cerr && cerr->message ? cerr->message : "unknown error",
					 cerr ? cerr->expression : -1);
		hs_free_compile_error(cerr);
		*db = NULL;
		return false;
	}
	return true;
}

/* The scan scratch of both databases, allocated once per matcher (built or loaded). */
bool
pm_alloc_scratch(PmMatcher *m)
{
	hs_database_t *dbs[2] = {m->db_exact, m->db_pieces};
	int			i;

	for (i = 0; i < 2; i++)
	{
		hs_error_t	rc;

		if (dbs[i] == NULL)
			continue;
		rc = hs_alloc_scratch(dbs[i], &m->scratch);	/* grows it for the second */
		if (rc != HS_SUCCESS)
		{
			pm_set_error(m, "Vectorscan could not allocate scratch space (error %d)", (int) rc);
			return false;
		}
	}
	return true;
}

/* Where nv_expand() puts the variants of the term being added */
typedef struct VariantSink
{
	PmMatcher  *m;
	size_t	   *poolcap;
	BuildEntry **ents;
	size_t	   *nents;
	size_t	   *capents;
	uint32_t	id;
	uint8_t		kind;
} VariantSink;

static bool
add_entry(PmMatcher *m, size_t *poolcap, BuildEntry **ents, size_t *nents,
		  size_t *capents, const char *text, size_t len, uint32_t id,
		  uint8_t kind, uint8_t rule)
{
	BuildEntry *e;

	if (*nents == *capents)
	{
		size_t		ncap = *capents ? *capents * 2 : 64;
		BuildEntry *ne = realloc(*ents, sizeof(BuildEntry) * ncap);

		if (ne == NULL)
			return false;
		*ents = ne;
		*capents = ncap;
	}
	e = &(*ents)[*nents];
	if (!pool_append(m, poolcap, text, len, &e->off))
		return false;
	e->len = (uint32_t) len;
	e->id = id;
	e->kind = kind;
	e->rule = rule;
	if (len > m->max_norm_len)
		m->max_norm_len = len;
	(*nents)++;
	return true;
}

static bool
variant_emit(const char *text, size_t len, NvRule rule, void *arg)
{
	VariantSink *vs = arg;

	return add_entry(vs->m, vs->poolcap, vs->ents, vs->nents, vs->capents,
					 text, len, vs->id, vs->kind, (uint8_t) rule);
}

/* Group identical normalised texts (sorted here) into one literal with several refs. */
static bool
make_literals(PmMatcher *m, BuildEntry *ents, size_t nents)
{
	size_t		i;

	if (nents == 0)
		return true;
	sort_pool = m->pool;
	qsort(ents, nents, sizeof(BuildEntry), entry_cmp);
	/* zeroed: the padding is serialised too (pm_serialize) */
	m->refs = calloc(nents, sizeof(PmRef));
	m->lits = calloc(nents, sizeof(PmLit));
	if (!m->refs || !m->lits)
	{
		pm_set_error(m, "out of memory");
		return false;
	}
	for (i = 0; i < nents; i++)
	{
		PmLit	   *l = m->nlits ? &m->lits[m->nlits - 1] : NULL;

		if (l == NULL || l->len != ents[i].len ||
			memcmp(m->pool + l->off, m->pool + ents[i].off, l->len) != 0)
		{
			l = &m->lits[m->nlits++];
			l->off = ents[i].off;
			l->len = ents[i].len;
			l->first_ref = (uint32_t) i;
			l->nrefs = 0;
			l->k = 0;
		}
		m->refs[i].id = ents[i].id;
		m->refs[i].kind = ents[i].kind;
		m->refs[i].rule = ents[i].rule;
		l->nrefs++;
		/* misspellings are looked for in terms as written, not in variants */
		if (ents[i].rule == NV_RULE_NONE && l->k == 0)
			l->k = (uint8_t) pm_fuzzy_k(m->pool + l->off, l->len, false);
	}
	m->nrefs = (uint32_t) nents;
	return true;
}

/* One pattern per distinct prefix of the sorted literals (see PmGroup). */
static bool
make_groups(PmMatcher *m)
{
	uint32_t	i;

	if (m->nlits == 0)
		return true;
	m->groups = malloc(sizeof(PmGroup) * m->nlits);
	if (m->groups == NULL)
	{
		pm_set_error(m, "out of memory");
		return false;
	}
	for (i = 0; i < m->nlits; i++)
	{
		const PmLit *l = &m->lits[i];
		PmGroup    *g = m->ngroups ? &m->groups[m->ngroups - 1] : NULL;

		if (g == NULL || l->len < PM_PREFIX_LEN || g->plen < PM_PREFIX_LEN ||
			memcmp(m->pool + m->lits[g->first_lit].off, m->pool + l->off,
				   PM_PREFIX_LEN) != 0)
		{
			g = &m->groups[m->ngroups++];
			g->first_lit = i;
			g->nlits = 0;
			g->plen = l->len < PM_PREFIX_LEN ? l->len : PM_PREFIX_LEN;
		}
		g->nlits++;
	}
	return true;
}

/* Do the fuzzy pieces go into a database of their own (PM_PIECES_APART_TERMS)? */
static bool
pieces_apart(const PmMatcher *m)
{
	return m->nterms >= PM_PIECES_APART_TERMS;
}

/*
 * Compile the term database: prefixes, then the identifier cue words after
 * a space and after a clause mark (PM_CUE_PATTERNS), then, unless they go
 * apart (pieces_apart), the fuzzy pieces (ids piece_base + piece).
 */
static bool
compile_term_db(PmMatcher *m, size_t *poolcap)
{
	size_t		ncue = pm_ident_cue_count();
	size_t		nin = pieces_apart(m) ? 0 : m->npieces;
	size_t		ntot = m->ngroups + PM_CUE_PATTERNS * ncue + nin;
	uint32_t   *offs = malloc(sizeof(uint32_t) * ntot);
	uint32_t   *lens = malloc(sizeof(uint32_t) * ntot);
	size_t		i;
	bool		ok = false;

	if (!offs || !lens)
	{
		pm_set_error(m, "out of memory");
		goto out;
	}
	for (i = 0; i < m->ngroups; i++)
	{
		offs[i] = m->lits[m->groups[i].first_lit].off;
		lens[i] = m->groups[i].plen;
	}
	for (i = 0; i < PM_CUE_PATTERNS * ncue; i++)
	{
		const char *w = pm_ident_cue_word(i % ncue);
		size_t		wl = strlen(w);
		char		pat[64];

		if (wl + 1 > sizeof(pat))
		{
			pm_set_error(m, "identifier cue word too long");
			goto out;
		}
		pat[0] = i < ncue ? ' ' : '|';
		memcpy(pat + 1, w, wl);
		lens[m->ngroups + i] = (uint32_t) (wl + 1);
		if (!pool_append(m, poolcap, pat, wl + 1, &offs[m->ngroups + i]))
		{
			pm_set_error(m, "out of memory");
			goto out;
		}
	}
	m->piece_base = (uint32_t) (m->ngroups + PM_CUE_PATTERNS * ncue);
	for (i = 0; i < nin; i++)
	{
		offs[m->piece_base + i] = m->pieces[i].off;
		lens[m->piece_base + i] = m->pieces[i].len;
	}
	ok = pm_compile_literals(m, offs, lens, (uint32_t) ntot, &m->db_exact, "term database");
out:
	free(offs);
	free(lens);
	return ok;
}

/*
 * Compile the fuzzy pieces into a database of their own (ids: piece
 * index), so that a fuzzy matcher can share the term database of the exact
 * one (pm_build_fuzzy_from) and compile only this.
 */
static bool
compile_pieces_db(PmMatcher *m)
{
	uint32_t   *offs;
	uint32_t   *lens;
	uint32_t	i;
	bool		ok;

	if (m->npieces == 0 || !pieces_apart(m))
		return true;
	offs = malloc(sizeof(uint32_t) * m->npieces);
	lens = malloc(sizeof(uint32_t) * m->npieces);
	if (!offs || !lens)
	{
		free(offs);
		free(lens);
		pm_set_error(m, "out of memory");
		return false;
	}
	for (i = 0; i < m->npieces; i++)
	{
		offs[i] = m->pieces[i].off;
		lens[i] = m->pieces[i].len;
	}
	ok = pm_compile_literals(m, offs, lens, m->npieces, &m->db_pieces, "fuzzy pieces");
	free(offs);
	free(lens);
	return ok;
}


PmMatcher *
pm_build(const PmTerm *terms, size_t n, uint32_t build_flags,
		 PrecursorError *err)
{
	PmMatcher  *m;
	BuildEntry *ents = NULL;
	size_t		nents = 0;
	size_t		capents = 0;
	size_t		poolcap = 0;
	NormBuf		nb;
	size_t		i;

	precursor_error_clear(err);
	m = calloc(1, sizeof(PmMatcher));
	if (m == NULL)
	{
		precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not build the matcher", NULL,
							"out of memory");
		return NULL;
	}
	norm_buf_init(&m->nb);
	m->window_size = PM_WINDOW_DEFAULT;
	norm_buf_init(&nb);
	pm_negation_init();			/* its cue table, once per process */

	for (i = 0; i < n; i++)
	{
		NormStatus	st;
		VariantSink vs;

		if (terms[i].text == NULL || terms[i].len == 0)
			continue;
		st = normalize_text(terms[i].text, terms[i].len, &nb);
		if (st == NORM_INVALID_UTF8)
		{
			pm_set_error(m, "term %u is not valid UTF-8", (unsigned) terms[i].id);
			goto fail;
		}
		if (st != NORM_OK)
		{
			pm_set_error(m, "could not normalise term %u: %s",
						 (unsigned) terms[i].id, nb.error.detail);
			goto fail;
		}
		if (nb.len == 0)
			continue;
		if (!add_entry(m, &poolcap, &ents, &nents, &capents, nb.text, nb.len,
					   terms[i].id, (uint8_t) terms[i].kind, NV_RULE_NONE))
		{
			pm_set_error(m, "out of memory");
			goto fail;
		}
		if (terms[i].len > m->max_orig_len)
			m->max_orig_len = terms[i].len;
		m->nterms++;

		/* equivalent spellings of systematic names (name_variants.h) */
		if (!(build_flags & PM_BUILD_NO_VARIANTS))
		{
			vs.m = m;
			vs.poolcap = &poolcap;
			vs.ents = &ents;
			vs.nents = &nents;
			vs.capents = &capents;
			vs.id = terms[i].id;
			vs.kind = (uint8_t) terms[i].kind;
			if (!nv_expand(nb.text, nb.len, nv_variants_per_term(n), variant_emit, &vs))
			{
				pm_set_error(m, "out of memory");
				goto fail;
			}
		}
	}
	norm_buf_free(&nb);

	if (!make_literals(m, ents, nents))
		goto fail;
	free(ents);
	ents = NULL;
	if (!make_groups(m))
		goto fail;

	if ((build_flags & PM_BUILD_FUZZY) && !pm_fuzzy_build(m))
		goto fail;

	if (!compile_term_db(m, &poolcap) || !compile_pieces_db(m) ||
		!pm_alloc_scratch(m))
		goto fail;
	return m;

fail:
	precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not build the matcher", NULL,
						"%s", m->error.detail[0] ? m->error.detail : "could not build matcher");
	free(ents);
	norm_buf_free(&nb);
	pm_free(m);
	return NULL;
}

/* A malloc'd copy of n bytes of src (NULL for none), false when out of memory */
static bool
copy_table(void **dst, const void *src, size_t n)
{
	*dst = NULL;
	if (n == 0)
		return true;
	*dst = malloc(n);
	if (*dst == NULL)
		return false;
	memcpy(*dst, src, n);
	return true;
}

PmMatcher *
pm_build_fuzzy_from(const PmMatcher *exact, PrecursorError *err)
{
	PmMatcher  *m;
	char	   *hsbuf = NULL;
	size_t		hslen = 0;

	precursor_error_clear(err);
	m = calloc(1, sizeof(PmMatcher));
	if (m == NULL || exact == NULL)
	{
		free(m);
		precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not build the matcher", NULL,
							"%s", exact ? "out of memory" : "no matcher");
		return NULL;
	}
	norm_buf_init(&m->nb);
	m->window_size = exact->window_size;
	m->nterms = exact->nterms;
	m->max_norm_len = exact->max_norm_len;
	m->max_orig_len = exact->max_orig_len;
	m->piece_base = exact->piece_base;
	m->pool_len = exact->pool_len;
	m->nlits = exact->nlits;
	m->nrefs = exact->nrefs;
	m->ngroups = exact->ngroups;
	if (!copy_table((void **) &m->pool, exact->pool, exact->pool_len) ||
		!copy_table((void **) &m->lits, exact->lits, sizeof(PmLit) * exact->nlits) ||
		!copy_table((void **) &m->refs, exact->refs, sizeof(PmRef) * exact->nrefs) ||
		!copy_table((void **) &m->groups, exact->groups, sizeof(PmGroup) * exact->ngroups))
	{
		pm_set_error(m, "out of memory");
		goto fail;
	}
	if (!pm_fuzzy_build(m))
		goto fail;
	if (pieces_apart(m))
	{
		/* Vectorscan copies a database by serialising it */
		if (exact->db_exact &&
			(hs_serialize_database(exact->db_exact, &hsbuf, &hslen) != HS_SUCCESS ||
			 hs_deserialize_database(hsbuf, hslen, &m->db_exact) != HS_SUCCESS))
		{
			m->db_exact = NULL;
			pm_set_error(m, "Vectorscan could not copy the term database");
			goto fail;
		}
		free(hsbuf);
		hsbuf = NULL;
		if (!compile_pieces_db(m))
			goto fail;
	}
	else
	{
		/* one database with the pieces (the cue words go into the pool again) */
		size_t		poolcap = m->pool_len;

		if (!compile_term_db(m, &poolcap))
			goto fail;
	}
	if (!pm_alloc_scratch(m))
		goto fail;
	return m;

fail:
	precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not build the matcher", NULL,
						"%s", m->error.detail[0] ? m->error.detail : "could not build matcher");
	free(hsbuf);
	pm_free(m);
	return NULL;
}

void
pm_free(PmMatcher *m)
{
	if (m == NULL)
		return;
	if (m->scratch)
		hs_free_scratch(m->scratch);
	if (m->db_exact)
		hs_free_database(m->db_exact);
	if (m->db_pieces)
		hs_free_database(m->db_pieces);
	norm_buf_free(&m->nb);
	free(m->pool);
	free(m->lits);
	free(m->refs);
	free(m->groups);
	free(m->pieces);
	free(m->uses);
	free(m->hits);
	free(m->phits);
	free(m->piece_scan);
	free(m->use_ent);
	free(m->dpmat);
	free(m);
}
