/*
 * screen_rules.c
 *		Per-backend cache of what the screening rules need to know about every
 *		watchlist substance (threshold, density, CAS RN, CN codes), and unit
 *		conversion.  See screen_rules.h.
 *
 * The cache lives in its own memory context under TopMemoryContext.  It is
 * loaded with two queries the first time a trigger needs it and again after
 * the watchlists' change signal (a relcache invalidation naming
 * precursor.watchlist, or a full reset) marks it stale; so a bulk load pays
 * for the queries once, not per row.
 */
#include "precursor.h"

#include <math.h>

#include "catalog/namespace.h"
#include "executor/spi.h"
#include "utils/builtins.h"
#include "utils/guc.h"
#include "utils/inval.h"
#include "utils/lsyscache.h"
#include "utils/memutils.h"

#include "casrn.h"
#include "cncode.h"
#include "screen_rules.h"

typedef struct CasIndex
{
	int64		cas;
	RuleSubstance *sub;
} CasIndex;

typedef struct CnIndex
{
	int64		cn;
	RuleSubstance *sub;
	const RuleCn *entry;
} CnIndex;

static MemoryContext rules_cxt = NULL;
static bool rules_stale = true;
static bool rules_callback_registered = false;
static Oid	rules_watchlist_relid = InvalidOid;

static RuleSubstance *rules_subs = NULL;	/* sorted by substance_id */
static int	rules_nsubs = 0;
static CasIndex *rules_cas = NULL;		/* sorted by cas */
static int	rules_ncas = 0;
static CnIndex *rules_cn = NULL;		/* sorted by cn */
static int	rules_ncnidx = 0;

static void
rules_relcache_callback(Datum arg, Oid relid)
{
	/* Only mark: the rebuild happens lazily, inside a transaction. */
	if (relid == InvalidOid || relid == rules_watchlist_relid)
		rules_stale = true;
}

static float
category_severity(const char *cat)
{
	if (strcmp(cat, "1") == 0 || pg_strcasecmp(cat, "Table I") == 0)
		return 1.0f;
	if (pg_strcasecmp(cat, "2A") == 0)
		return 0.8f;
	if (pg_strcasecmp(cat, "2B") == 0 || pg_strcasecmp(cat, "Table II") == 0)
		return 0.7f;
	if (strcmp(cat, "4") == 0)
		return 0.6f;
	if (strcmp(cat, "3") == 0)
		return 0.5f;
	return 0.6f;				/* user categories: middle of the range */
}

static int
cmp_sub(const void *a, const void *b)
{
	int32		x = ((const RuleSubstance *) a)->substance_id;
	int32		y = ((const RuleSubstance *) b)->substance_id;

	return (x > y) - (x < y);
}

static int
cmp_cas(const void *a, const void *b)
{
	const CasIndex *x = a;
	const CasIndex *y = b;

	if (x->cas != y->cas)
		return (x->cas > y->cas) - (x->cas < y->cas);
	return cmp_sub(x->sub, y->sub);
}

static int
cmp_cn(const void *a, const void *b)
{
	const CnIndex *x = a;
	const CnIndex *y = b;

	if (x->cn != y->cn)
		return (x->cn > y->cn) - (x->cn < y->cn);
	return cmp_sub(x->sub, y->sub);
}

static char *
cache_strdup(SPITupleTable *tt, int row, int col)
{
	char	   *v = SPI_getvalue(tt->vals[row], tt->tupdesc, col);

	return v ? MemoryContextStrdup(rules_cxt, v) : NULL;
}

/*
 * Load the cache.  On error the cache stays stale and is rebuilt from
 * scratch at the next call.
 */
static void
rules_load(void)
{
	Oid			nsp;
	int			rc;
	int			i;
	SPITupleTable *tt;
	uint64		n;
	int		   *ncn_per_sub;
	int			ncn_total = 0;
	RuleCn	  **cn_next;
	int64	   *cn_row_code;
	int		   *cn_row_sub;
	bool	   *cn_row_ex;
	uint64		ncnrows;

	if (!rules_callback_registered)
	{
		CacheRegisterRelcacheCallback(rules_relcache_callback, (Datum) 0);
		rules_callback_registered = true;
	}
	if (rules_cxt == NULL)
		rules_cxt = AllocSetContextCreate(TopMemoryContext,
										  "precursor screening rules",
										  ALLOCSET_DEFAULT_SIZES);
	MemoryContextReset(rules_cxt);
	rules_subs = NULL;
	rules_nsubs = 0;
	rules_cas = NULL;
	rules_ncas = 0;
	rules_cn = NULL;
	rules_ncnidx = 0;

	nsp = get_namespace_oid("precursor", false);
	rules_watchlist_relid = get_relname_relid("watchlist", nsp);

	rc = SPI_execute("SELECT s.substance_id, s.name, w.code, s.category,"
					 "       s.casrn::pg_catalog.text,"
					 "       s.threshold_qty::pg_catalog.float8, s.threshold_unit,"
					 "       s.density_kg_per_l::pg_catalog.float8"
					 "  FROM precursor.substance s"
					 "  JOIN precursor.watchlist w"
					 "    ON w.watchlist_id OPERATOR(pg_catalog.=) s.watchlist_id"
					 " WHERE w.active"
					 " ORDER BY s.substance_id", true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read precursor.substance: %s",
			 SPI_result_code_string(rc));
	tt = SPI_tuptable;
	n = SPI_processed;
	rules_subs = MemoryContextAllocZero(rules_cxt,
										sizeof(RuleSubstance) * Max(n, 1));
	for (i = 0; i < (int) n; i++)
	{
		RuleSubstance *s = &rules_subs[i];
		char	   *v;
		bool		isnull;

		s->substance_id = DatumGetInt32(SPI_getbinval(tt->vals[i], tt->tupdesc,
													  1, &isnull));
		s->name = cache_strdup(tt, i, 2);
		s->watchlist_code = cache_strdup(tt, i, 3);
		s->category = cache_strdup(tt, i, 4);
		v = SPI_getvalue(tt->vals[i], tt->tupdesc, 5);
		if (v == NULL || !casrn_parse(v, strlen(v), &s->casrn, NULL))
			s->casrn = 0;
		v = SPI_getvalue(tt->vals[i], tt->tupdesc, 6);
		s->threshold_unit = cache_strdup(tt, i, 7);
		if (v != NULL && s->threshold_unit != NULL)
		{
			double		factor;

			s->threshold_qty = strtod(v, NULL);
			if (screen_unit_parse(s->threshold_unit, strlen(s->threshold_unit),
								  &s->threshold_kind, &factor))
			{
				s->has_threshold = true;
				s->threshold_base = s->threshold_qty * factor;
			}
		}
		v = SPI_getvalue(tt->vals[i], tt->tupdesc, 8);
		s->density = v ? strtod(v, NULL) : 0.0;
		if (!(s->density > 0.0))
			s->density = 0.0;
		s->severity = category_severity(s->category ? s->category : "");
	}
	rules_nsubs = (int) n;

	/* CN codes, grouped per substance */
	rc = SPI_execute("SELECT c.substance_id, c.cn_code::pg_catalog.text, c.ex"
					 "  FROM precursor.substance_cn c"
					 " ORDER BY c.substance_id, c.cn_code", true, 0);
	if (rc != SPI_OK_SELECT)
		elog(ERROR, "could not read precursor.substance_cn: %s",
			 SPI_result_code_string(rc));
	tt = SPI_tuptable;
	ncnrows = SPI_processed;
	ncn_per_sub = palloc0(sizeof(int) * Max(rules_nsubs, 1));
	cn_row_code = palloc(sizeof(int64) * Max(ncnrows, 1));
	cn_row_sub = palloc(sizeof(int) * Max(ncnrows, 1));
	cn_row_ex = palloc(sizeof(bool) * Max(ncnrows, 1));
	for (i = 0; i < (int) ncnrows; i++)
	{
		bool		isnull;
		int32		sid = DatumGetInt32(SPI_getbinval(tt->vals[i], tt->tupdesc,
													  1, &isnull));
		char	   *v = SPI_getvalue(tt->vals[i], tt->tupdesc, 2);
		RuleSubstance key;
		RuleSubstance *s;

		cn_row_sub[i] = -1;
		key.substance_id = sid;
		s = bsearch(&key, rules_subs, rules_nsubs, sizeof(RuleSubstance), cmp_sub);
		if (s == NULL || v == NULL ||
			!cncode_parse(v, strlen(v), &cn_row_code[i], NULL))
			continue;
		cn_row_sub[i] = (int) (s - rules_subs);
		cn_row_ex[i] = DatumGetBool(SPI_getbinval(tt->vals[i], tt->tupdesc,
												  3, &isnull)) && !isnull;
		ncn_per_sub[cn_row_sub[i]]++;
		ncn_total++;
	}
	cn_next = palloc(sizeof(RuleCn *) * Max(rules_nsubs, 1));
	for (i = 0; i < rules_nsubs; i++)
	{
		rules_subs[i].cn = MemoryContextAlloc(rules_cxt,
											  sizeof(RuleCn) * Max(ncn_per_sub[i], 1));
		cn_next[i] = rules_subs[i].cn;
	}
	rules_cn = MemoryContextAlloc(rules_cxt, sizeof(CnIndex) * Max(ncn_total, 1));
	for (i = 0; i < (int) ncnrows; i++)
	{
		int			si = cn_row_sub[i];
		RuleSubstance *s;
		RuleCn	   *e;

		if (si < 0)
			continue;
		s = &rules_subs[si];
		e = cn_next[si]++;
		e->cn = cn_row_code[i];
		e->ex = cn_row_ex[i];
		s->ncn++;
		rules_cn[rules_ncnidx].cn = e->cn;
		rules_cn[rules_ncnidx].sub = s;
		rules_cn[rules_ncnidx].entry = e;
		rules_ncnidx++;
	}
	qsort(rules_cn, rules_ncnidx, sizeof(CnIndex), cmp_cn);

	/* CAS RN index */
	rules_cas = MemoryContextAlloc(rules_cxt, sizeof(CasIndex) * Max(rules_nsubs, 1));
	for (i = 0; i < rules_nsubs; i++)
	{
		if (rules_subs[i].casrn == 0)
			continue;
		rules_cas[rules_ncas].cas = rules_subs[i].casrn;
		rules_cas[rules_ncas].sub = &rules_subs[i];
		rules_ncas++;
	}
	qsort(rules_cas, rules_ncas, sizeof(CasIndex), cmp_cas);

	pfree(ncn_per_sub);
	pfree(cn_row_code);
	pfree(cn_row_sub);
	pfree(cn_row_ex);
	pfree(cn_next);

	rules_stale = false;
}

int
screen_search_path_pin(void)
{
	int			nestlevel = NewGUCNestLevel();

	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	return nestlevel;
}

void
screen_search_path_restore(int nestlevel)
{
	AtEOXact_GUC(true, nestlevel);
}

void
screen_rules_ensure_loaded(void)
{
	int			nestlevel;

	if (!rules_stale)
		return;
	/* SPI nests: this works whether or not the caller is connected. */
	if (SPI_connect() != SPI_OK_CONNECT)
		elog(ERROR, "SPI_connect failed");
	nestlevel = screen_search_path_pin();
	rules_load();
	screen_search_path_restore(nestlevel);
	SPI_finish();
}

RuleSubstance *
screen_rules_substance(int32 substance_id)
{
	RuleSubstance key;

	key.substance_id = substance_id;
	return bsearch(&key, rules_subs, rules_nsubs, sizeof(RuleSubstance), cmp_sub);
}

int
screen_rules_by_casrn(int64 cas, RuleSubstance ***out)
{
	static RuleSubstance *found[16];
	int			lo = 0,
				hi = rules_ncas;
	int			n = 0;

	/* lower bound */
	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (rules_cas[mid].cas < cas)
			lo = mid + 1;
		else
			hi = mid;
	}
	while (lo < rules_ncas && rules_cas[lo].cas == cas && n < lengthof(found))
		found[n++] = rules_cas[lo++].sub;
	*out = found;
	return n;
}

/* index of the first entry with cn >= value */
static int
cn_lower_bound(int64 value)
{
	int			lo = 0,
				hi = rules_ncnidx;

	while (lo < hi)
	{
		int			mid = (lo + hi) / 2;

		if (rules_cn[mid].cn < value)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int
screen_rules_by_cncode(int64 declared, RuleSubstance **subs,
					   const RuleCn **listed, int max)
{
	int			n = 0;
	int64		code = declared;
	int			i;

	/* listed codes that contain the declared one: it and its ancestors */
	for (;;)
	{
		for (i = cn_lower_bound(code); i < rules_ncnidx && rules_cn[i].cn == code; i++)
		{
			if (n < max)
			{
				subs[n] = rules_cn[i].sub;
				listed[n] = rules_cn[i].entry;
				n++;
			}
		}
		if (!cncode_parent(code, &code))
			break;
	}
	/* listed codes below a declared code of six digits or more */
	if (cncode_ndigits(declared) >= 6)
	{
		int64		end = cncode_subtree_end(declared);

		for (i = cn_lower_bound(declared); i < rules_ncnidx && rules_cn[i].cn < end; i++)
		{
			if (rules_cn[i].cn == declared)
				continue;		/* already counted above */
			if (n < max)
			{
				subs[n] = rules_cn[i].sub;
				listed[n] = rules_cn[i].entry;
				n++;
			}
		}
	}
	return n;
}

bool
screen_rules_cn_fits(const RuleSubstance *s, int64 declared)
{
	int			i;

	for (i = 0; i < s->ncn; i++)
	{
		if (cncode_contains(s->cn[i].cn, declared) ||
			(cncode_ndigits(declared) >= 6 && cncode_contains(declared, s->cn[i].cn)))
			return true;
	}
	return false;
}

/*
 * Units as declarations write them.  Matching is case-insensitive and
 * ignores white space and dots ("K.G.", "Kg ", "m³").
 */
typedef struct UnitName
{
	const char *name;
	UnitKind	kind;
	double		factor;
} UnitName;

static const UnitName unit_names[] = {
	{"kg", UNIT_MASS, 1.0},
	{"kgs", UNIT_MASS, 1.0},
	{"kilo", UNIT_MASS, 1.0},
	{"kilos", UNIT_MASS, 1.0},
	{"kilogram", UNIT_MASS, 1.0},
	{"kilograms", UNIT_MASS, 1.0},
	{"kilogramme", UNIT_MASS, 1.0},
	{"kilogrammes", UNIT_MASS, 1.0},
	{"g", UNIT_MASS, 0.001},
	{"gr", UNIT_MASS, 0.001},
	{"gram", UNIT_MASS, 0.001},
	{"grams", UNIT_MASS, 0.001},
	{"gramme", UNIT_MASS, 0.001},
	{"mg", UNIT_MASS, 0.000001},
	{"t", UNIT_MASS, 1000.0},
	{"to", UNIT_MASS, 1000.0},
	{"tonne", UNIT_MASS, 1000.0},
	{"tonnes", UNIT_MASS, 1000.0},
	{"mt", UNIT_MASS, 1000.0},	/* metric ton, as customs write it */
	{"lb", UNIT_MASS, 0.45359237},
	{"lbs", UNIT_MASS, 0.45359237},
	{"l", UNIT_VOLUME, 1.0},
	{"lt", UNIT_VOLUME, 1.0},
	{"ltr", UNIT_VOLUME, 1.0},
	{"litre", UNIT_VOLUME, 1.0},
	{"litres", UNIT_VOLUME, 1.0},
	{"liter", UNIT_VOLUME, 1.0},
	{"liters", UNIT_VOLUME, 1.0},
	{"ml", UNIT_VOLUME, 0.001},
	{"cl", UNIT_VOLUME, 0.01},
	{"dl", UNIT_VOLUME, 0.1},
	{"hl", UNIT_VOLUME, 100.0},
	{"m3", UNIT_VOLUME, 1000.0},
	{"cbm", UNIT_VOLUME, 1000.0},
	{"gal", UNIT_VOLUME, 3.785411784},	/* US gallon */
	{NULL, UNIT_UNKNOWN, 0.0}
};

bool
screen_unit_parse(const char *unit, int len, UnitKind *kind, double *factor)
{
	char		buf[24];
	int			n = 0;
	int			i;

	for (i = 0; i < len; i++)
	{
		unsigned char c = (unsigned char) unit[i];

		if (c == ' ' || c == '\t' || c == '.')
			continue;
		/* "m³" (U+00B3, UTF-8 C2 B3) */
		if (c == 0xC2 && i + 1 < len && (unsigned char) unit[i + 1] == 0xB3)
		{
			c = '3';
			i++;
		}
		if (n >= (int) sizeof(buf) - 1)
			return false;
		buf[n++] = (char) pg_ascii_tolower(c);
	}
	buf[n] = '\0';
	for (i = 0; unit_names[i].name != NULL; i++)
	{
		if (strcmp(buf, unit_names[i].name) == 0)
		{
			*kind = unit_names[i].kind;
			*factor = unit_names[i].factor;
			return true;
		}
	}
	*kind = UNIT_UNKNOWN;
	*factor = 0.0;
	return false;
}

bool
screen_convert(double qty, UnitKind from_kind, UnitKind to_kind,
			   double density, double *out)
{
	if (from_kind == UNIT_UNKNOWN || to_kind == UNIT_UNKNOWN)
		return false;
	if (from_kind == to_kind)
	{
		*out = qty;
		return true;
	}
	if (!(density > 0.0))
		return false;
	if (from_kind == UNIT_MASS)
		*out = qty / density;	/* kg -> l */
	else
		*out = qty * density;	/* l -> kg */
	return true;
}
