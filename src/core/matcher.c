/*
 * matcher.c
 *		The multi-pattern matching engine: building the Vectorscan databases,
 *		scanning texts window by window, keeping hits on token boundaries,
 *		mapping them back to the original bytes and reporting them.
 *
 * Fuzzy matching lives in matcher_fuzzy.c, negation cues in
 * matcher_negation.c, identifiers (CAS RN, EC, CN) in matcher_ident.c.
 * See /work/notes/readme-matcher.md (merged into README.md) for the rules.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher_int.h"

/* Default bytes of original text per window (pm_set_window_size changes it) */
#define PM_WINDOW_DEFAULT	(256 * 1024)
#define PM_WINDOW_MIN		256
/* Context kept before a window's own part (negation cues, stereo prefixes) */
#define PM_WINDOW_PRE		1024

static const char *const pm_kind_names[] = {
	"name", "synonym", "fuzzy", "homoglyph", "cas", "ec", "cn", "inchikey"
};

const char *
pm_hit_kind_name(PmHitKind kind)
{
	if ((int) kind < 0 || (size_t) kind >= sizeof(pm_kind_names) / sizeof(pm_kind_names[0]))
		return "unknown";
	return pm_kind_names[kind];
}

void
pm_set_error(PmMatcher *m, const char *fmt,...)
{
	va_list		ap;

	m->error.code = PRECURSOR_INTERNAL_ERROR;
	m->error.message = "the matcher failed";
	m->error.hint = NULL;
	va_start(ap, fmt);
	vsnprintf(m->error.detail, sizeof(m->error.detail), fmt, ap);
	va_end(ap);
}

const PrecursorError *
pm_error(const PmMatcher *m)
{
	static const PrecursorError no_matcher = {
		PRECURSOR_INTERNAL_ERROR, "the matcher failed", "no matcher", NULL
	};

	return m ? &m->error : &no_matcher;
}

size_t
pm_term_count(const PmMatcher *m)
{
	return m ? m->nterms : 0;
}

void
pm_set_window_size(PmMatcher *m, size_t bytes)
{
	m->window_size = bytes < PM_WINDOW_MIN ? PM_WINDOW_MIN : bytes;
}

/* ------------------------------------------------------------------------
 * Building
 * ------------------------------------------------------------------------
 */

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

static bool
alloc_scratch(PmMatcher *m, hs_database_t *db)
{
	hs_error_t	rc;

	if (db == NULL)
		return true;
	rc = hs_alloc_scratch(db, &m->scratch);
	if (rc != HS_SUCCESS)
	{
		pm_set_error(m, "Vectorscan could not allocate scratch space (error %d)", (int) rc);
		return false;
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
	uint32_t   *offs = NULL;
	uint32_t   *lens = NULL;

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

	/* Group identical normalised texts into one literal with several refs. */
	if (nents > 0)
	{
		sort_pool = m->pool;
		qsort(ents, nents, sizeof(BuildEntry), entry_cmp);
		/* zeroed: the padding is serialised too (pm_serialize) */
		m->refs = calloc(nents, sizeof(PmRef));
		m->lits = calloc(nents, sizeof(PmLit));
		if (!m->refs || !m->lits)
		{
			pm_set_error(m, "out of memory");
			goto fail;
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
	}
	free(ents);
	ents = NULL;

	/* one pattern per distinct prefix (see PmGroup) */
	if (m->nlits > 0)
	{
		m->groups = malloc(sizeof(PmGroup) * m->nlits);
		if (m->groups == NULL)
		{
			pm_set_error(m, "out of memory");
			goto fail;
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
				g->first_lit = (uint32_t) i;
				g->nlits = 0;
				g->plen = l->len < PM_PREFIX_LEN ? l->len : PM_PREFIX_LEN;
			}
			g->nlits++;
		}
	}

	if ((build_flags & PM_BUILD_FUZZY) && !pm_fuzzy_build(m))
		goto fail;

	/*
	 * One database: prefixes, then the identifier cue words (ids ngroups +
	 * cue), then the fuzzy pieces (ids piece_base + piece).
	 */
	{
		size_t		ncue = pm_ident_cue_count();
		size_t		ntot = m->ngroups + ncue + m->npieces;

		offs = malloc(sizeof(uint32_t) * ntot);
		lens = malloc(sizeof(uint32_t) * ntot);
		if (!offs || !lens)
		{
			pm_set_error(m, "out of memory");
			goto fail;
		}
		for (i = 0; i < m->ngroups; i++)
		{
			offs[i] = m->lits[m->groups[i].first_lit].off;
			lens[i] = m->groups[i].plen;
		}
		for (i = 0; i < ncue; i++)
		{
			const char *w = pm_ident_cue_word(i);

			lens[m->ngroups + i] = (uint32_t) strlen(w);
			if (!pool_append(m, &poolcap, w, strlen(w), &offs[m->ngroups + i]))
			{
				pm_set_error(m, "out of memory");
				goto fail;
			}
		}
		m->piece_base = (uint32_t) (m->ngroups + ncue);
		for (i = 0; i < m->npieces; i++)
		{
			offs[m->piece_base + i] = m->pieces[i].off;
			lens[m->piece_base + i] = m->pieces[i].len;
		}
		if (!pm_compile_literals(m, offs, lens, (uint32_t) ntot, &m->db_exact, "term database"))
			goto fail;
		free(offs);
		free(lens);
		offs = lens = NULL;
	}
	if (!alloc_scratch(m, m->db_exact))
		goto fail;
	return m;

fail:
	precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not build the matcher", NULL,
						"%s", m->error.detail[0] ? m->error.detail : "could not build matcher");
	free(ents);
	free(offs);
	free(lens);
	norm_buf_free(&nb);
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
	norm_buf_free(&m->nb);
	free(m->pool);
	free(m->lits);
	free(m->refs);
	free(m->groups);
	free(m->pieces);
	free(m->uses);
	free(m->hits);
	free(m->phits);
	free(m->cands);
	free(m->dpmat);
	free(m);
}

/* ------------------------------------------------------------------------
 * Serialisation
 * ------------------------------------------------------------------------
 */

#define PM_SER_MAGIC	"PMATCH03"	/* 02: OSA edits, pieces with gaps; 03: PmRef.rule */
#define PM_SER_NFIELDS	10

uint64_t
pm_ser_checksum(const char *p, size_t n)
{
	uint64_t	h = UINT64_C(14695981039346656037);
	size_t		i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char) p[i]) * UINT64_C(1099511628211);
	return h;
}

typedef struct SerBuf
{
	char	   *p;
	size_t		len;
	size_t		cap;
} SerBuf;

static bool
ser_put(SerBuf *b, const void *x, size_t n)
{
	if (b->len + n > b->cap)
	{
		size_t		ncap = b->cap ? b->cap : 4096;
		char	   *np;

		while (ncap < b->len + n)
			ncap *= 2;
		np = realloc(b->p, ncap);
		if (np == NULL)
			return false;
		b->p = np;
		b->cap = ncap;
	}
	if (n > 0)
		memcpy(b->p + b->len, x, n);
	b->len += n;
	return true;
}

char *
pm_serialize(const PmMatcher *m, size_t *len, PrecursorError *err)
{
	SerBuf		b = {NULL, 0, 0};
	uint64_t	f[PM_SER_NFIELDS];
	char	   *hsbuf = NULL;
	size_t		hslen = 0;
	uint64_t	hl;
	uint64_t	sum;
	hs_error_t	rc;

	precursor_error_clear(err);
	if (m == NULL || len == NULL)
	{
		precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not serialise the matcher", NULL,
							"no matcher");
		return NULL;
	}
	if (m->db_exact)
	{
		rc = hs_serialize_database(m->db_exact, &hsbuf, &hslen);
		if (rc != HS_SUCCESS)
		{
			precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not serialise the matcher", NULL,
								"Vectorscan could not serialise the database (error %d)", (int) rc);
			return NULL;
		}
	}
	f[0] = m->nterms;
	f[1] = m->max_norm_len;
	f[2] = m->max_orig_len;
	f[3] = m->piece_base;
	f[4] = m->pool_len;
	f[5] = m->nlits;
	f[6] = m->nrefs;
	f[7] = m->ngroups;
	f[8] = m->npieces;
	f[9] = m->nuses;
	hl = hslen;
	if (!ser_put(&b, PM_SER_MAGIC, 8) ||
		!ser_put(&b, f, sizeof(f)) ||
		!ser_put(&b, m->pool, m->pool_len) ||
		!ser_put(&b, m->lits, sizeof(PmLit) * m->nlits) ||
		!ser_put(&b, m->refs, sizeof(PmRef) * m->nrefs) ||
		!ser_put(&b, m->groups, sizeof(PmGroup) * m->ngroups) ||
		!ser_put(&b, m->pieces, sizeof(PmPiece) * m->npieces) ||
		!ser_put(&b, m->uses, sizeof(PmPieceUse) * m->nuses) ||
		!ser_put(&b, &hl, sizeof(hl)) ||
		!ser_put(&b, hsbuf, hslen))
		goto oom;
	free(hsbuf);
	hsbuf = NULL;
	sum = pm_ser_checksum(b.p, b.len);
	if (!ser_put(&b, &sum, sizeof(sum)))
		goto oom;
	*len = b.len;
	return b.p;

oom:
	free(hsbuf);
	free(b.p);
	precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not serialise the matcher", NULL,
						"out of memory serialising the matcher");
	return NULL;
}

/* Take n bytes at *pos of buf into a fresh malloc'd copy (NULL for 0). */
static bool
ser_take(const char *buf, size_t len, size_t *pos, size_t n, void **out)
{
	*out = NULL;
	if (n > len - *pos)
		return false;
	if (n > 0)
	{
		*out = malloc(n);
		if (*out == NULL)
			return false;
		memcpy(*out, buf + *pos, n);
	}
	*pos += n;
	return true;
}

/* Every index of the tables lies inside its target: a damaged buffer must not crash a scan. */
static bool
ser_valid(const PmMatcher *m)
{
	uint32_t	i;
	size_t		longest = 0;

	for (i = 0; i < m->nlits; i++)
	{
		const PmLit *l = &m->lits[i];

		if (l->len > longest)
			longest = l->len;

		if ((uint64_t) l->off + l->len > m->pool_len || l->len == 0 ||
			l->len > m->max_norm_len || l->nrefs == 0 ||
			(uint64_t) l->first_ref + l->nrefs > m->nrefs ||
			l->k > PM_MAX_EDITS || l->need > 2)
			return false;
	}
	for (i = 0; i < m->ngroups; i++)
	{
		const PmGroup *g = &m->groups[i];

		if (g->nlits == 0 || (uint64_t) g->first_lit + g->nlits > m->nlits ||
			g->plen == 0 || g->plen > m->lits[g->first_lit].len)
			return false;
	}
	for (i = 0; i < m->npieces; i++)
	{
		const PmPiece *pc = &m->pieces[i];

		if ((uint64_t) pc->off + pc->len > m->pool_len || pc->len == 0 ||
			(uint64_t) pc->first_use + pc->nuses > m->nuses)
			return false;
	}
	for (i = 0; i < m->nuses; i++)
		if (m->uses[i].lit >= m->nlits ||
			m->uses[i].piece_off >= m->lits[m->uses[i].lit].len)
			return false;
	/* sizes allocations and window overlaps: what the tables say it is */
	if (longest != m->max_norm_len || m->max_orig_len > ((size_t) 1 << 24))
		return false;
	return m->piece_base == m->ngroups + pm_ident_cue_count() &&
		(m->pool_len == 0 || m->pool[m->pool_len - 1] == '\0');
}

PmMatcher *
pm_deserialize(const char *buf, size_t len, PrecursorError *err)
{
	PmMatcher  *m;
	uint64_t	f[PM_SER_NFIELDS];
	uint64_t	hl;
	uint64_t	sum;
	size_t		pos = 8;
	hs_error_t	rc;
	int			i;

	precursor_error_clear(err);
	if (buf == NULL || len < 8 + sizeof(f) + 2 * sizeof(uint64_t) ||
		memcmp(buf, PM_SER_MAGIC, 8) != 0)
	{
		precursor_error_set(err, PRECURSOR_DATA_CORRUPTED, "could not load the stored matcher", NULL,
							"not a serialised matcher of this version");
		return NULL;
	}
	memcpy(&sum, buf + len - sizeof(sum), sizeof(sum));
	if (sum != pm_ser_checksum(buf, len - sizeof(sum)))
	{
		precursor_error_set(err, PRECURSOR_DATA_CORRUPTED, "could not load the stored matcher", NULL,
							"serialised matcher is damaged (checksum mismatch)");
		return NULL;
	}
	len -= sizeof(sum);
	memcpy(f, buf + pos, sizeof(f));
	pos += sizeof(f);
	for (i = 0; i < PM_SER_NFIELDS; i++)
		if (f[i] > (i == 0 || i == 4 ? (uint64_t) SIZE_MAX / 64 : (uint64_t) UINT32_MAX))
			goto bad;

	m = calloc(1, sizeof(PmMatcher));
	if (m == NULL)
	{
		precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not load the stored matcher", NULL,
							"out of memory");
		return NULL;
	}
	norm_buf_init(&m->nb);
	m->window_size = PM_WINDOW_DEFAULT;
	m->nterms = (size_t) f[0];
	m->max_norm_len = (size_t) f[1];
	m->max_orig_len = (size_t) f[2];
	m->piece_base = (uint32_t) f[3];
	m->pool_len = (size_t) f[4];
	m->nlits = (uint32_t) f[5];
	m->nrefs = (uint32_t) f[6];
	m->ngroups = (uint32_t) f[7];
	m->npieces = (uint32_t) f[8];
	m->nuses = (uint32_t) f[9];
	if (!ser_take(buf, len, &pos, m->pool_len, (void **) &m->pool) ||
		!ser_take(buf, len, &pos, sizeof(PmLit) * (size_t) m->nlits, (void **) &m->lits) ||
		!ser_take(buf, len, &pos, sizeof(PmRef) * (size_t) m->nrefs, (void **) &m->refs) ||
		!ser_take(buf, len, &pos, sizeof(PmGroup) * (size_t) m->ngroups, (void **) &m->groups) ||
		!ser_take(buf, len, &pos, sizeof(PmPiece) * (size_t) m->npieces, (void **) &m->pieces) ||
		!ser_take(buf, len, &pos, sizeof(PmPieceUse) * (size_t) m->nuses, (void **) &m->uses) ||
		len - pos < sizeof(hl))
		goto bad_free;
	memcpy(&hl, buf + pos, sizeof(hl));
	pos += sizeof(hl);
	if (hl != len - pos || hl == 0 || !ser_valid(m))
		goto bad_free;
	rc = hs_deserialize_database(buf + pos, (size_t) hl, &m->db_exact);
	if (rc != HS_SUCCESS)
	{
		m->db_exact = NULL;
		precursor_error_set(err, PRECURSOR_DATA_CORRUPTED, "could not load the stored matcher", NULL,
							"Vectorscan could not load the serialised database (error %d): made by another Vectorscan build or CPU?", (int) rc);
		pm_free(m);
		return NULL;
	}
	if (!alloc_scratch(m, m->db_exact))
		goto fail;
	return m;

fail:
	precursor_error_set(err, PRECURSOR_INTERNAL_ERROR, "could not load the stored matcher", NULL,
						"%s", m->error.detail);
	pm_free(m);
	return NULL;
bad_free:
	pm_free(m);
bad:
	precursor_error_set(err, PRECURSOR_DATA_CORRUPTED, "could not load the stored matcher", NULL,
						"serialised matcher is malformed");
	return NULL;
}

/* ------------------------------------------------------------------------
 * Hits in the current window
 * ------------------------------------------------------------------------
 */

bool
pm_push_hit(PmMatcher *m, const PmRaw *h)
{
	if (m->nhits == m->caphits)
	{
		size_t		ncap = m->caphits ? m->caphits * 2 : 64;
		PmRaw	   *nh = realloc(m->hits, ncap * sizeof(PmRaw));

		if (nh == NULL)
		{
			m->oom = true;
			return false;
		}
		m->hits = nh;
		m->caphits = ncap;
	}
	m->hits[m->nhits++] = *h;
	return true;
}

static inline bool
is_ascii_space(unsigned char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/*
 * A hit must start after a separator or at the start of the text; the start
 * of a window that is not the start of the text counts only when the
 * original text has white space there (windows are cut after white space).
 */
bool
pm_boundary_before(const PmMatcher *m, size_t s)
{
	char		c;

	if (s == 0)
		return m->region_start == 0 ||
			is_ascii_space((unsigned char) m->text[m->region_start - 1]);
	c = m->nb.text[s - 1];
	return c == ' ' || c == '|';
}

/*
 * '-' is not a boundary: it only ever joins two digits, and a hit ending
 * inside "103-79-7" would cut a number.
 */
bool
pm_boundary_after(const PmMatcher *m, size_t e)
{
	char		c;

	if (e >= m->nb.len)
		return m->region_end >= m->text_len ||
			is_ascii_space((unsigned char) m->text[m->region_end]);
	c = m->nb.text[e];
	return c == ' ' || c == '|';
}

bool
pm_start_is_own(const PmMatcher *m, size_t s)
{
	size_t		o;

	if (m->lookup)
		return true;
	o = m->region_start + m->nb.offset[s];
	return o >= m->own_start && o < m->own_end;
}

/* An exact hit of literal lit at [s, e), if on boundaries and in the window's own part. */
static inline bool
push_exact(PmMatcher *m, uint32_t lit, size_t s, size_t e)
{
	PmRaw		h;

	if (!pm_boundary_after(m, e) || !pm_start_is_own(m, s))
		return true;
	h.s = (uint32_t) s;
	h.e = (uint32_t) e;
	h.lit = lit;
	h.raw = PM_RAW_EXACT;
	h.ident_kind = 0;
	h.nedits = 0;
	h.dist = 0;
	h.ident = 0;
	return pm_push_hit(m, &h);
}

/*
 * First literal in lits[lo, hi) whose byte d is >= c (above: > c).  All
 * literals of the range share their first d bytes and are longer than d,
 * so byte d is sorted within the range.
 */
static inline uint32_t
lit_bound(const PmMatcher *m, uint32_t lo, uint32_t hi, size_t d,
		  unsigned char c, bool above)
{
	while (lo < hi)
	{
		uint32_t	mid = lo + (hi - lo) / 2;
		unsigned char b = (unsigned char) m->pool[m->lits[mid].off + d];

		if (b < c || (above && b == c))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/*
 * The prefix of group g was found ending at 'to': report every literal of
 * the group that the text continues into.  A walk down the sorted run,
 * narrowing it byte by byte (a trie walk by binary search), so that a
 * prefix shared by hundreds of terms ("benzoic acid ...") costs a few
 * comparisons per byte, not one per term.
 */
static bool
group_hit(PmMatcher *m, const PmGroup *g, size_t to)
{
	const char *t = m->nb.text;
	size_t		tlen = m->nb.len;
	size_t		s = to - g->plen;
	size_t		d = g->plen;
	uint32_t	lo = g->first_lit;
	uint32_t	hi = g->first_lit + g->nlits;

	if (!pm_boundary_before(m, s))
		return true;
	while (lo < hi)
	{
		/* literals that end here come first in the run */
		while (lo < hi && m->lits[lo].len == d)
		{
			if (!push_exact(m, lo, s, s + d))
				return false;
			lo++;
		}
		if (lo >= hi || s + d >= tlen)
			break;
		if (hi - lo == 1)
		{
			const PmLit *l = &m->lits[lo];

			if (s + l->len <= tlen &&
				memcmp(m->pool + l->off + d, t + s + d, l->len - d) == 0)
				return push_exact(m, lo, s, s + l->len);
			break;
		}
		lo = lit_bound(m, lo, hi, d, (unsigned char) t[s + d], false);
		hi = lit_bound(m, lo, hi, d, (unsigned char) t[s + d], true);
		d++;
	}
	return true;
}

static int
exact_cb(unsigned int id, unsigned long long from, unsigned long long to,
		 unsigned int flags, void *ctx)
{
	PmMatcher  *m = ctx;

	(void) from;
	(void) flags;

	/*
	 * A loaded database and its tables passed separate checks: an id or a
	 * match end they disagree on is ignored, never used as an index.
	 */
	if (id >= m->piece_base)
	{
		if (!m->want_pieces || id - m->piece_base >= m->npieces ||
			to < m->pieces[id - m->piece_base].len)
			return 0;
		return pm_fuzzy_record(m, id - m->piece_base, (size_t) to) ? 0 : 1;
	}
	if (id >= m->ngroups)
	{
		size_t		cue = id - m->ngroups;
		size_t		wl;

		if (cue >= pm_ident_cue_count())
			return 0;
		wl = strlen(pm_ident_cue_word(cue));
		if (to < wl)
			return 0;
		return pm_ident_on_cue(m, cue, (size_t) to - wl, (size_t) to) ? 0 : 1;
	}
	if (to < m->groups[id].plen)
		return 0;
	return group_hit(m, &m->groups[id], (size_t) to) ? 0 : 1;
}

/* UTF-8 sequence length from its lead byte (1 for anything unexpected). */
static inline size_t
utf8_len(unsigned char c)
{
	if (c < 0xC0)
		return 1;
	if (c < 0xE0)
		return 2;
	if (c < 0xF0)
		return 3;
	if (c < 0xF8)
		return 4;
	return 1;
}

/* Is the character at p a combining mark or variation selector? */
static bool
is_combining_at(const unsigned char *p, size_t avail, size_t *clen)
{
	uint32_t	cp;

	if (avail < 2 || p[0] < 0xC0)
		return false;
	*clen = utf8_len(p[0]);
	if (*clen > avail)
		return false;
	if (*clen == 2)
		cp = ((uint32_t) (p[0] & 0x1F) << 6) | (p[1] & 0x3F);
	else if (*clen == 3)
		cp = ((uint32_t) (p[0] & 0x0F) << 12) | ((uint32_t) (p[1] & 0x3F) << 6) | (p[2] & 0x3F);
	else
		return false;
	return (cp >= 0x0300 && cp <= 0x036F) ||
		(cp >= 0x1AB0 && cp <= 0x1AFF) ||
		(cp >= 0x1DC0 && cp <= 0x1DFF) ||
		(cp >= 0x20D0 && cp <= 0x20FF) ||
		(cp >= 0xFE00 && cp <= 0xFE0F) ||
		(cp >= 0xFE20 && cp <= 0xFE2F);
}

/*
 * Original byte just after the source character that produced normalised
 * byte e-1, extended over combining marks that were folded into it.
 */
static size_t
orig_end(const PmMatcher *m, size_t e)
{
	size_t		cs = m->region_start + m->nb.offset[e - 1];
	size_t		limit = e < m->nb.len ? m->region_start + m->nb.offset[e] : m->region_end;
	size_t		p = cs + utf8_len((unsigned char) m->text[cs]);
	size_t		clen;

	if (p > m->region_end)
		p = m->region_end;
	while (p < limit &&
		   is_combining_at((const unsigned char *) m->text + p, m->region_end - p, &clen))
		p += clen;
	return p;
}

static int
raw_cmp(const void *a, const void *b)
{
	const PmRaw *x = a;
	const PmRaw *y = b;

	if (x->s != y->s)
		return x->s < y->s ? -1 : 1;
	if (x->e != y->e)
		return x->e > y->e ? -1 : 1;	/* longer first */
	if (x->raw != y->raw)
		return x->raw < y->raw ? -1 : 1;
	if (x->ident_kind != y->ident_kind)
		return x->ident_kind < y->ident_kind ? -1 : 1;
	if (x->lit != y->lit)
		return x->lit < y->lit ? -1 : 1;
	if (x->ident != y->ident)
		return x->ident < y->ident ? -1 : 1;
	return inchikey_cmp(&x->inchikey, &y->inchikey);
}

static float
term_score(const PmMatcher *m, const PmLit *l, const PmRef *r)
{
	switch ((PmTermKind) r->kind)
	{
		case PM_TERM_NAME:
			return 1.0f;
		case PM_TERM_SYNONYM:
			return 0.98f;
		case PM_TERM_ABBREVIATION:
			/* short abbreviations are riskier */
			return l->len <= 3 ? 0.85f : 0.9f;
	}
	return 0.9f;
}

/*
 * Sort the window's hits by position, expand them to caller terms, and call
 * back.  fixed_form is the whole-string form in lookup mode.
 */
static PmStatus
emit_hits(PmMatcher *m, uint32_t flags, PmHitFn on_hit, void *arg,
		  const ChemForm *fixed_form)
{
	size_t		i;
	const char *t = m->nb.text;
	size_t		nlen = m->nb.len;

	/* recent hits (term, end): a variant inside a hit of its own term is not a hit */
	uint32_t	recent_id[8];
	size_t		recent_end[8];
	int			nrecent = 0;

	if (m->nhits > 1)
		qsort(m->hits, m->nhits, sizeof(PmRaw), raw_cmp);
	for (i = 0; i < m->nhits; i++)
	{
		const PmRaw *h = &m->hits[i];
		PmHit		out;
		uint32_t	r;

		if (i > 0 && raw_cmp(h, &m->hits[i - 1]) == 0)
			continue;			/* the same identifier found through two cues */
		memset(&out, 0, sizeof(out));
		out.neg_cue = pm_negation_cue(m, h->s, h->e);
		out.negated = out.neg_cue != 0;
		if (out.negated && (flags & PM_SCAN_SKIP_NEGATED))
			continue;
		if (fixed_form)
			out.form = *fixed_form;
		else
			chemname_context_form(t, nlen, h->s, h->e, &out.form);
		out.homoglyph = norm_span_has_mark(&m->nb, h->s, h->e, NORM_MARK_HOMOGLYPH);
		out.start = m->region_start + m->nb.offset[h->s];
		out.end = orig_end(m, h->e);
		out.distance = h->dist;

		if (h->raw == PM_RAW_IDENT)
		{
			out.kind = (PmHitKind) h->ident_kind;
			out.ident = h->ident;
			out.inchikey = h->inchikey;
			out.score = out.homoglyph ? 0.9f : 1.0f;
			if (on_hit(&out, arg))
				return PM_STOPPED;
			continue;
		}
		{
			const PmLit *l = &m->lits[h->lit];

			for (r = 0; r < l->nrefs; r++)
			{
				const PmRef *ref = &m->refs[l->first_ref + r];
				float		base = term_score(m, l, ref);

				if (h->raw == PM_RAW_FUZZY)
				{
					/* misspellings of the terms as written, not of their variants */
					if (ref->kind == PM_TERM_ABBREVIATION || ref->rule != NV_RULE_NONE)
						continue;
					out.kind = PM_HIT_FUZZY;
					if (out.edit[0] == '\0')
						pm_fuzzy_describe(m, h, out.edit, sizeof(out.edit));
					/* falls with distance, less for short terms */
					base *= 0.95f * (1.0f - (float) h->dist / (float) (l->len + 1));
				}
				else if (out.homoglyph)
					out.kind = PM_HIT_HOMOGLYPH;
				else
					out.kind = ref->kind == PM_TERM_NAME ? PM_HIT_NAME : PM_HIT_SYNONYM;
				if (out.homoglyph)
					base *= 0.9f;
				out.term_id = ref->id;
				out.rule = ref->rule;
				out.score = base;
				{
					int			q;
					bool		inside = false;

					for (q = 0; q < nrecent && q < 8; q++)
						inside |= recent_id[q] == ref->id && recent_end[q] >= h->e;
					if (inside)
						continue;
					recent_id[nrecent % 8] = ref->id;
					recent_end[nrecent % 8] = h->e;
					nrecent++;
				}
				if (on_hit(&out, arg))
					return PM_STOPPED;
			}
		}
	}
	return PM_OK;
}

static PmStatus
scan_status(PmMatcher *m, hs_error_t rc, const char *what)
{
	if (m->oom)
	{
		pm_set_error(m, "out of memory storing hits");
		return PM_ERROR;
	}
	if (rc != HS_SUCCESS && rc != HS_SCAN_TERMINATED)
	{
		pm_set_error(m, "Vectorscan scan of the %s failed (error %d)", what, (int) rc);
		return PM_ERROR;
	}
	return PM_OK;
}

/* Normalise the current region into m->nb. */
static PmStatus
normalise_region(PmMatcher *m)
{
	NormStatus	st = normalize_text(m->text + m->region_start,
									m->region_end - m->region_start, &m->nb);

	if (st == NORM_INVALID_UTF8)
		return PM_INVALID_UTF8;
	if (st != NORM_OK)
	{
		pm_set_error(m, "normalisation failed: %s", m->nb.error.detail);
		return PM_ERROR;
	}
	if (m->nb.len > UINT32_MAX - 1)
	{
		pm_set_error(m, "window too large");
		return PM_ERROR;
	}
	return PM_OK;
}

/* Scan the region set in m (exact, identifiers, fuzzy) and report. */
static PmStatus
scan_window(PmMatcher *m, uint32_t flags, PmHitFn on_hit, void *arg)
{
	PmStatus	st;
	hs_error_t	rc;

	st = normalise_region(m);
	if (st != PM_OK)
		return st;
	m->nhits = 0;
	m->nphits = 0;
	m->oom = false;
	m->want_pieces = (flags & PM_SCAN_FUZZY) && m->npieces > 0;
	if (m->nb.len == 0)
		return PM_OK;
	if (m->db_exact)
	{
		rc = hs_scan(m->db_exact, m->nb.text, (unsigned int) m->nb.len, 0,
					 m->scratch, exact_cb, m);
		if ((st = scan_status(m, rc, "term database")) != PM_OK)
			return st;
	}
	if (!pm_ident_scan(m))
		return PM_ERROR;
	if (m->want_pieces && !pm_fuzzy_scan(m))
		return PM_ERROR;
	return emit_hits(m, flags, on_hit, arg, NULL);
}

/* Move p back to the start of the UTF-8 character containing it. */
static size_t
char_start(const char *text, size_t len, size_t p)
{
	while (p > 0 && p < len && (((unsigned char) text[p]) & 0xC0) == 0x80)
		p--;
	return p;
}

/* End of a window's own part near target: after white space if possible. */
static size_t
cut_point(const char *text, size_t len, size_t from, size_t target)
{
	size_t		p;
	size_t		lim = target > from + 4096 ? target - 4096 : from + 1;

	for (p = target; p > lim; p--)
		if (is_ascii_space((unsigned char) text[p - 1]))
			return p;
	p = char_start(text, len, target);
	return p > from ? p : target;
}

PmStatus
pm_screen(PmMatcher *m, const char *text, size_t len,
		  uint32_t scan_flags, PmHitFn on_hit, void *hit_arg,
		  PmInterruptFn interrupted, void *intr_arg)
{
	size_t		post;
	size_t		own;

	if (m == NULL || (text == NULL && len > 0) || on_hit == NULL)
		return PM_ERROR;
	m->text = text;
	m->text_len = len;
	m->lookup = false;
	if (len <= m->window_size)
	{
		m->region_start = m->own_start = 0;
		m->region_end = m->own_end = len;
		return scan_window(m, scan_flags, on_hit, hit_arg);
	}

	/* enough to hold the longest term even after expansion */
	post = 4 * (m->max_orig_len > m->max_norm_len ? m->max_orig_len : m->max_norm_len) + 1024;
	own = 0;
	while (own < len)
	{
		PmStatus	st;
		size_t		own_end;

		if (interrupted && interrupted(intr_arg))
			return PM_INTERRUPTED;
		own_end = len - own <= m->window_size ? len
			: cut_point(text, len, own, own + m->window_size);
		m->own_start = own;
		m->own_end = own_end;
		m->region_start = char_start(text, len, own > PM_WINDOW_PRE ? own - PM_WINDOW_PRE : 0);
		m->region_end = len - own_end <= post ? len
			: char_start(text, len, own_end + post);
		st = scan_window(m, scan_flags, on_hit, hit_arg);
		if (st != PM_OK)
			return st;
		own = own_end;
	}
	return PM_OK;
}

/* Are all tokens of t[a, b) identifier cue words ("cas", "no", ...)? */
static bool
only_cue_words(const char *t, size_t a, size_t b)
{
	size_t		p = a;

	while (p < b)
	{
		size_t		q = p;

		while (q < b && t[q] != ' ' && t[q] != '|')
			q++;
		if (q > p && !pm_ident_is_cue_word(t + p, q - p))
			return false;
		p = q + 1;
	}
	return true;
}

PmStatus
pm_lookup(PmMatcher *m, const char *text, size_t len,
		  uint32_t scan_flags, PmHitFn on_hit, void *hit_arg)
{
	PmStatus	st;
	size_t		bs,
				be,
				i,
				keep;
	ChemForm	form;
	hs_error_t	rc;
	size_t		nlen;

	if (m == NULL || (text == NULL && len > 0) || on_hit == NULL)
		return PM_ERROR;
	if (len > PM_LOOKUP_MAX)
		return PM_OK;			/* not a name */
	m->text = text;
	m->text_len = len;
	m->lookup = true;
	m->region_start = m->own_start = 0;
	m->region_end = m->own_end = len;
	st = normalise_region(m);
	m->nhits = 0;
	m->nphits = 0;
	m->oom = false;
	m->want_pieces = (scan_flags & PM_SCAN_FUZZY) && m->npieces > 0;
	if (st != PM_OK)
		goto out;
	nlen = m->nb.len;
	if (nlen == 0)
		goto out;
	memset(&form, 0, sizeof(form));
	chemname_strip(m->nb.text, nlen, &bs, &be, &form);
	if (be <= bs || be > nlen)
		goto out;

	if (m->db_exact)
	{
		rc = hs_scan(m->db_exact, m->nb.text, (unsigned int) nlen, 0,
					 m->scratch, exact_cb, m);
		if ((st = scan_status(m, rc, "term database")) != PM_OK)
			goto out;
	}
	if (!pm_ident_scan(m))
	{
		st = PM_ERROR;
		goto out;
	}
	/* keep only hits naming the whole base (or the whole string) */
	keep = 0;
	for (i = 0; i < m->nhits; i++)
	{
		PmRaw	   *h = &m->hits[i];
		bool		whole = (h->s == bs && h->e == be) || (h->s == 0 && h->e == nlen);

		if (h->raw == PM_RAW_IDENT)
		{
			/*
			 * "CAS 103-79-7": only identifier cue words around it (the
			 * base is not used: a trailing number looks like a purity)
			 */
			whole = only_cue_words(m->nb.text, 0, h->s) &&
				only_cue_words(m->nb.text, h->e, nlen);
		}
		if (whole)
			m->hits[keep++] = *h;
	}
	m->nhits = keep;
	if (m->want_pieces)
	{
		pm_fuzzy_lookup(m, bs, be);
		if (m->oom)
		{
			st = PM_ERROR;
			goto out;
		}
	}
	st = emit_hits(m, scan_flags, on_hit, hit_arg, &form);
out:
	m->lookup = false;
	return st;
}
