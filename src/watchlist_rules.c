/*
 * watchlist_rules.c
 *		The rules view of the watchlist snapshot: what the screening rules
 *		need to know about every watchlist substance (threshold in its base
 *		unit, severity, the CAS RN and CN code indexes), and unit conversion.
 *		See watchlist_rules.h.
 *
 * The view is built by the snapshot's loader (watchlist_snapshot.c) in the
 * snapshot's memory context, so it is loaded, invalidated and freed with
 * the matcher view: a bulk load pays for the queries once, not per row.
 */
#include "precursor.h"

#include <math.h>

#include "utils/guc.h"
#include "utils/memutils.h"

#include "casrn.h"
#include "cncode.h"
#include "watchlist_rules.h"

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

/* The rules view, in its snapshot's context */
typedef struct RulesView
{
	CasIndex   *cas;			/* sorted by cas */
	int			ncas;
	CnIndex    *cn;				/* sorted by cn */
	int			ncn;
} RulesView;

/* The snapshot the lookups below read, set by watchlist_rules_ensure_loaded() */
static WatchlistSnapshot *rules_snap = NULL;

#define rules_subs	(rules_snap->subs)
#define rules_nsubs (rules_snap->nsubs)
#define rules_cas	(rules_snap->rules->cas)
#define rules_ncas	(rules_snap->rules->ncas)
#define rules_cn	(rules_snap->rules->cn)
#define rules_ncnidx (rules_snap->rules->ncn)

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

/*
 * Build the rules view of a snapshot in its context: each substance's
 * threshold in the base unit of its kind and its severity, the CAS RN and CN
 * code indexes.
 */
void
watchlist_rules_view_build(WatchlistSnapshot *snap)
{
	RulesView  *v = MemoryContextAllocZero(snap->cxt, sizeof(RulesView));
	int			i,
				j;

	v->cas = MemoryContextAlloc(snap->cxt, sizeof(CasIndex) * Max(snap->nsubs, 1));
	v->cn = MemoryContextAlloc(snap->cxt, sizeof(CnIndex) * Max(snap->ncn, 1));
	for (i = 0; i < snap->nsubs; i++)
	{
		RuleSubstance *s = &snap->subs[i];
		double		factor;

		if (s->threshold_unit != NULL &&
			watchlist_unit_parse(s->threshold_unit, strlen(s->threshold_unit),
							  &s->threshold_kind, &factor))
		{
			s->has_threshold = true;
			s->threshold_base = s->threshold_qty * factor;
		}
		s->severity = category_severity(s->category ? s->category : "");
		for (j = 0; j < s->ncn; j++)
		{
			v->cn[v->ncn].cn = s->cn[j].cn;
			v->cn[v->ncn].sub = s;
			v->cn[v->ncn].entry = &s->cn[j];
			v->ncn++;
		}
		if (s->casrn != 0)
		{
			v->cas[v->ncas].cas = s->casrn;
			v->cas[v->ncas].sub = s;
			v->ncas++;
		}
	}
	qsort(v->cn, v->ncn, sizeof(CnIndex), cmp_cn);
	qsort(v->cas, v->ncas, sizeof(CasIndex), cmp_cas);
	snap->rules = v;
}

void
watchlist_rules_ensure_loaded(void)
{
	/* the trigger reads the lists as the alert tables' owner: no rights check */
	rules_snap = watchlist_snapshot_get(false);
}

RuleSubstance *
watchlist_rules_substance(int32 substance_id)
{
	RuleSubstance key;

	key.substance_id = substance_id;
	return bsearch(&key, rules_subs, rules_nsubs, sizeof(RuleSubstance), cmp_sub);
}

int
watchlist_rules_by_casrn(int64 cas, RuleSubstance ***out)
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
watchlist_rules_by_cncode(int64 declared, RuleSubstance **subs,
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
watchlist_rules_cn_fits(const RuleSubstance *s, int64 declared)
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
watchlist_unit_parse(const char *unit, int len, UnitKind *kind, double *factor)
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
watchlist_unit_convert(double qty, UnitKind from_kind, UnitKind to_kind,
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
