/*
 * matcher_serial.c
 *		The stored format of a built matcher (pm_serialize, pm_deserialize):
 *		a magic tag with the format version, the table sizes, the tables,
 *		the Vectorscan database and a checksum.  A buffer of another
 *		version, or a damaged one, is refused (the caller rebuilds).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "matcher_int.h"

/*
 * 02: OSA edits, pieces with gaps; 03: PmRef.rule; 04: a second database,
 * the pieces of large lists; 05: cue words after their boundary byte
 */
#define PM_SER_MAGIC	"PMATCH05"
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
	char	   *pbuf = NULL;
	size_t		plen = 0;
	uint64_t	hl,
				pl;
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
		if (rc == HS_SUCCESS && m->db_pieces)
			rc = hs_serialize_database(m->db_pieces, &pbuf, &plen);
		if (rc != HS_SUCCESS)
		{
			free(hsbuf);
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
	pl = plen;
	if (!ser_put(&b, PM_SER_MAGIC, 8) ||
		!ser_put(&b, f, sizeof(f)) ||
		!ser_put(&b, m->pool, m->pool_len) ||
		!ser_put(&b, m->lits, sizeof(PmLit) * m->nlits) ||
		!ser_put(&b, m->refs, sizeof(PmRef) * m->nrefs) ||
		!ser_put(&b, m->groups, sizeof(PmGroup) * m->ngroups) ||
		!ser_put(&b, m->pieces, sizeof(PmPiece) * m->npieces) ||
		!ser_put(&b, m->uses, sizeof(PmPieceUse) * m->nuses) ||
		!ser_put(&b, &hl, sizeof(hl)) ||
		!ser_put(&b, hsbuf, hslen) ||
		!ser_put(&b, &pl, sizeof(pl)) ||
		!ser_put(&b, pbuf, plen))
		goto oom;
	free(hsbuf);
	free(pbuf);
	hsbuf = pbuf = NULL;
	sum = pm_ser_checksum(b.p, b.len);
	if (!ser_put(&b, &sum, sizeof(sum)))
		goto oom;
	*len = b.len;
	return b.p;

oom:
	free(hsbuf);
	free(pbuf);
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
	uint64_t	used;
	uint8_t    *per_lit = NULL;

	for (i = 0; i < m->nlits; i++)
	{
		const PmLit *l = &m->lits[i];

		if (l->len > longest)
			longest = l->len;

		if ((uint64_t) l->off + l->len > m->pool_len || l->len == 0 ||
			l->len > m->max_norm_len || l->nrefs == 0 ||
			(uint64_t) l->first_ref + l->nrefs > m->nrefs ||
			l->k > PM_MAX_EDITS)
			return false;
	}
	for (i = 0; i < m->ngroups; i++)
	{
		const PmGroup *g = &m->groups[i];

		if (g->nlits == 0 || (uint64_t) g->first_lit + g->nlits > m->nlits ||
			g->plen == 0 || g->plen > m->lits[g->first_lit].len)
			return false;
	}
	/* the pieces' uses, one run after the other, cover every use once */
	for (i = 0, used = 0; i < m->npieces; i++)
	{
		const PmPiece *pc = &m->pieces[i];

		if ((uint64_t) pc->off + pc->len > m->pool_len || pc->len == 0 ||
			pc->len > PM_PIECE_MAX || pc->first_use != used ||
			(uint64_t) pc->first_use + pc->nuses > m->nuses)
			return false;
		used += pc->nuses;
	}
	if (used != m->nuses)
		return false;
	/* a literal has at most PM_MAX_EDITS + 1 pieces (pm_fuzzy_build) */
	if (m->nuses > 0 && (per_lit = calloc(m->nlits, sizeof(uint8_t))) == NULL)
		return false;
	for (i = 0; i < m->nuses; i++)
		if (m->uses[i].lit >= m->nlits ||
			m->uses[i].piece_off >= m->lits[m->uses[i].lit].len ||
			++per_lit[m->uses[i].lit] > PM_MAX_EDITS + 1)
		{
			free(per_lit);
			return false;
		}
	free(per_lit);
	/* sizes allocations and window overlaps: what the tables say it is */
	if (longest != m->max_norm_len || m->max_orig_len > ((size_t) 1 << 24))
		return false;
	return m->piece_base == m->ngroups + PM_CUE_PATTERNS * pm_ident_cue_count() &&
		(m->pool_len == 0 || m->pool[m->pool_len - 1] == '\0');
}

/*
 * Load a matcher from pm_serialize's buffer, trusting nothing in it.  (Over
 * 100 lines: the buffer is read in one pass, each field checked where it
 * is taken, with one error path.)
 */
PmMatcher *
pm_deserialize(const char *buf, size_t len, PrecursorError *err)
{
	PmMatcher  *m;
	uint64_t	f[PM_SER_NFIELDS];
	uint64_t	hl,
				pl;
	uint64_t	sum;
	size_t		pos = 8;
	size_t		hpos;
	hs_error_t	rc;
	int			i;

	precursor_error_clear(err);
	if (buf == NULL || len < 8 + sizeof(f) + 3 * sizeof(uint64_t) ||
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
	/* the term database, then the pieces' (length 0: none) */
	if (hl == 0 || hl > len - pos || len - pos - hl < sizeof(pl))
		goto bad_free;
	hpos = pos;
	pos += hl;
	memcpy(&pl, buf + pos, sizeof(pl));
	pos += sizeof(pl);
	if (pl != len - pos || (pl > 0 && m->npieces == 0) || !ser_valid(m))
		goto bad_free;
	if (!pm_fuzzy_link(m))
		goto fail;
	rc = hs_deserialize_database(buf + hpos, (size_t) hl, &m->db_exact);
	if (rc != HS_SUCCESS)
		m->db_exact = NULL;
	else if (pl > 0 &&
			 (rc = hs_deserialize_database(buf + pos, (size_t) pl, &m->db_pieces)) != HS_SUCCESS)
		m->db_pieces = NULL;
	if (rc != HS_SUCCESS)
	{
		precursor_error_set(err, PRECURSOR_DATA_CORRUPTED, "could not load the stored matcher", NULL,
							"Vectorscan could not load the serialised database (error %d): made by another Vectorscan build or CPU?", (int) rc);
		pm_free(m);
		return NULL;
	}
	if (!pm_alloc_scratch(m))
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
