/*
 * screen_trigger_rules.c
 *		What precursor.screen_trigger() concludes about a row: the findings
 *		(one per chemical, its evidence as JSON reasons), the rules that
 *		weigh them (quantity against thresholds, the cumulative quantity per
 *		consignee, the declared CN code, malformed codes), rejection, and the
 *		score that decides whether a finding alerts.
 *
 * Everything here allocates in the row's memory context.
 */
#include "precursor.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/json.h"
#include "utils/timestamp.h"

#include "screen_trigger_int.h"

static void
add_listing(Finding *f, int32 substance_id, RuleSubstance *sub, const char *name,
			const char *watchlist, const char *category)
{
	float		severity = sub ? sub->severity : 0.6f;
	int			i;

	for (i = 0; i < f->nlistings; i++)
		if (f->listing_id[i] == substance_id)
			return;
	if (f->nlistings < MAX_LISTINGS)
	{
		f->listing_id[f->nlistings] = substance_id;
		f->listing[f->nlistings] = sub;
		f->nlistings++;
	}
	if (f->substance_id == 0 || severity > f->severity ||
		(severity == f->severity && substance_id < f->substance_id))
	{
		f->substance_id = substance_id;
		f->severity = severity;
		f->name = sub ? sub->name : pstrdup(name ? name : "?");
		f->watchlist = sub ? sub->watchlist_code : pstrdup(watchlist ? watchlist : "?");
		f->category = sub ? sub->category : pstrdup(category ? category : "?");
	}
	if (sub && sub->has_threshold &&
		(f->thr == NULL || sub->substance_id < f->thr->substance_id))
		f->thr = sub;
}

/* The finding of the chemical this entry lists, created if new */
static Finding *
get_finding(List **findings, int32 substance_id, int64 hit_casrn,
			const char *name, const char *watchlist, const char *category)
{
	RuleSubstance *sub = watchlist_rules_substance(substance_id);
	int64		key;
	ListCell   *lc;
	Finding    *f = NULL;

	if (sub && sub->casrn != 0)
		key = sub->casrn;
	else if (!sub && hit_casrn != 0)
		key = hit_casrn;
	else
		key = -(int64) substance_id;

	foreach(lc, *findings)
	{
		Finding    *g = lfirst(lc);

		if (g->chem_key == key)
		{
			f = g;
			break;
		}
	}
	if (f == NULL)
	{
		f = palloc0(sizeof(Finding));
		f->chem_key = key;
		initStringInfo(&f->reasons);
		*findings = lappend(*findings, f);
	}
	add_listing(f, substance_id, sub, name, watchlist, category);
	return f;
}

/*
 * Record a hit's span once per finding; false if already recorded.  Past
 * MAX_SPANS mentions are only counted (more_mentions), so a description that
 * repeats a name a million times makes a bounded alert; hits come ordered by
 * position, so the same span through another list's entry is adjacent.
 */
static bool
new_span(Finding *f, int32 start, int32 end, int32 kind)
{
	int			i;

	for (i = 0; i < f->nspans; i++)
		if (f->span[i][0] == start && f->span[i][1] == end && f->span[i][2] == kind)
			return false;
	if (f->nspans < MAX_SPANS)
	{
		f->span[f->nspans][0] = start;
		f->span[f->nspans][1] = end;
		f->span[f->nspans][2] = kind;
		f->nspans++;
		return true;
	}
	if (f->more_mentions > 0 && f->last_more[0] == start &&
		f->last_more[1] == end && f->last_more[2] == kind)
		return false;
	f->last_more[0] = start;
	f->last_more[1] = end;
	f->last_more[2] = kind;
	f->more_mentions++;
	return false;
}

static bool
finding_in_category(Finding *f, char **list, int n)
{
	int			i;

	if (trigger_category_listed(f->category, list, n))
		return true;
	for (i = 0; i < f->nlistings; i++)
		if (f->listing[i] && trigger_category_listed(f->listing[i]->category, list, n))
			return true;
	return false;
}

static bool
finding_cn_fits(Finding *f, int64 declared, bool *has_codes)
{
	int			i;

	*has_codes = false;
	for (i = 0; i < f->nlistings; i++)
	{
		if (f->listing[i] == NULL || f->listing[i]->ncn == 0)
			continue;
		*has_codes = true;
		if (watchlist_rules_cn_fits(f->listing[i], declared))
			return true;
	}
	return false;
}

/* "EU-273/2004 2A" for each entry of the finding */
void
append_listings_json(StringInfo b, Finding *f)
{
	int			i;

	appendStringInfoChar(b, '[');
	for (i = 0; i < f->nlistings; i++)
	{
		RuleSubstance *s = f->listing[i];

		if (i > 0)
			appendStringInfoChar(b, ',');
		if (s)
			escape_json(b, psprintf("%s %s", s->watchlist_code, s->category));
		else
			escape_json(b, psprintf("substance %d", f->listing_id[i]));
	}
	appendStringInfoChar(b, ']');
}

/*
 * The matched text of a hit, from the byte offsets the scan computed in its
 * one pass (counting characters from the start per hit made the trigger
 * quadratic in the length of the description).
 */
static char *
hit_text(const char *text, int len, const PrecursorHit *h)
{
	if (h->start_byte < 0 || h->end_byte > len || h->start_byte > h->end_byte)
		return pstrdup("");
	return pnstrdup(text + h->start_byte, h->end_byte - h->start_byte);
}

static void
format_cn(int64 cn, char *buf)
{
	if (cncode_value_is_valid(cn))
		cncode_format(cn, buf);
	else
		strcpy(buf, "?");
}

/* Identification by the declared CAS RN */
static void
identify_declared_cas(ScreenConfig *cfg, RowData *row, List **findings)
{
	RuleSubstance **subs;
	int			n = watchlist_rules_by_casrn(row->cas, &subs);
	int			i;

	for (i = 0; i < n; i++)
	{
		Finding    *f = get_finding(findings, subs[i]->substance_id, 0, NULL, NULL, NULL);

		if (f->declared_cas)
			continue;
		f->declared_cas = true;
		reason_begin(f, REASON_CAS);
		reason_str(f, "casrn", row->cas_text);
		reason_str(f, "column", cfg->col[COL_CASRN].name);
		reason_end(f);
		f->identified = true;
		f->confidence = 1.0f;
	}
}

/*
 * Identification by the declared InChIKey: the entries with that key, and
 * those whose stereoisomers or charged forms it is when they cover them.
 */
static void
identify_declared_inchikey(ScreenConfig *cfg, RowData *row, List **findings)
{
	ListCell   *lc;

	foreach(lc, matching_inchikey_hits(&row->inchikey))
	{
		PrecursorHit *h = lfirst(lc);
		Finding    *f = get_finding(findings, h->substance_id, h->casrn, h->substance_name,
									h->watchlist_code, h->category);

		if (f->declared_inchikey)
			continue;
		f->declared_inchikey = true;
		reason_begin(f, REASON_INCHIKEY);
		reason_str(f, "inchikey", row->inchikey_text);
		reason_str(f, "form", h->form_label[0] ? h->form_label : "base");
		reason_str(f, "column", cfg->col[COL_INCHIKEY].name);
		reason_end(f);
		f->identified = true;
		f->confidence = Max(f->confidence, h->score);
	}
}

/*
 * Identification: name hits from the description and the declared CAS RN.
 * (About 100 lines: the hit loop and the per-finding bounds it fills belong
 * together.)
 */
void
trigger_identify(ScreenConfig *cfg, RowData *row, List **findings)
{
	if (row->desc != NULL && row->desc_len > 0)
	{
		bool		truncated = false;
		List	   *hits;
		ListCell   *lc;

		/*
		 * The same bound as screen() (precursor.max_hits), per row; past it
		 * the row is not rejected but every finding says the description
		 * was not screened to its end, and alerts.
		 */
		hits = matching_hits(row->desc, row->desc_len, &cfg->opts,
									 precursor_max_hits, &truncated);

		foreach(lc, hits)
		{
			PrecursorHit *h = lfirst(lc);
			Finding    *f;
			ReasonCode	rule;
			char	   *matched;
			bool		cn_hit = (h->kind == PM_HIT_CN);

			CHECK_FOR_INTERRUPTS();
			/* "toluene-free" is not a mention; an EC number names no listed substance */
			if (h->negated || h->substance_id == 0)
				continue;
			f = get_finding(findings, h->substance_id, h->casrn, h->substance_name,
							h->watchlist_code, h->category);
			if (!new_span(f, h->start_char, h->end_char, (int32) h->kind))
				continue;		/* the same mention, through another list's entry */
			switch (h->kind)
			{
				case PM_HIT_CAS:
					rule = REASON_CAS_IN_TEXT;
					break;
				case PM_HIT_EC:
					rule = REASON_EC_IN_TEXT;
					break;
				case PM_HIT_CN:
					rule = REASON_CN_IN_TEXT;
					break;
				case PM_HIT_INCHIKEY:
					rule = REASON_INCHIKEY_IN_TEXT;
					break;
				default:
					rule = REASON_NAME;
					break;
			}
			matched = hit_text(row->desc, row->desc_len, h);
			reason_begin(f, rule);
			reason_str(f, "kind", pm_hit_kind_name(h->kind));
			reason_str(f, "term", h->matched_term);
			reason_str(f, "matched", matched);
			reason_num(f, "start", h->start_char);
			reason_num(f, "end", h->end_char);
			reason_str(f, "form", h->form_label[0] ? h->form_label : "base");
			reason_num(f, "score", h->score);
			if (h->distance > 0)
				reason_num(f, "distance", h->distance);
			reason_str(f, "column", cfg->col[COL_DESCRIPTION].name);
			reason_end(f);
			if (cn_hit)
			{
				f->confidence = Max(f->confidence, 0.3f);
			}
			else
			{
				f->identified = true;
				f->confidence = Max(f->confidence, h->score);
				/* a misspelled or look-alike name on a customs form is a warning sign */
				if ((h->kind == PM_HIT_FUZZY || h->kind == PM_HIT_HOMOGLYPH) &&
					!f->obfuscated)
				{
					f->obfuscated = true;
					f->aggravation += 0.15f;
					f->aggravated = true;
				}
			}
		}
		foreach(lc, *findings)
		{
			Finding    *f = lfirst(lc);

			if (f->more_mentions > 0)
			{
				reason_begin(f, REASON_MORE_MENTIONS);
				reason_num(f, "count", (double) f->more_mentions);
				reason_str(f, "column", cfg->col[COL_DESCRIPTION].name);
				reason_end(f);
			}
			if (truncated)
			{
				reason_begin(f, REASON_HITS_TRUNCATED);
				reason_num(f, "max_hits", precursor_max_hits);
				reason_str(f, "column", cfg->col[COL_DESCRIPTION].name);
				reason_end(f);
				f->aggravated = true;
			}
		}
	}

	if (row->has_cas)
		identify_declared_cas(cfg, row, findings);
	if (row->has_inchikey)
		identify_declared_inchikey(cfg, row, findings);
}

void
trigger_check_reject(ScreenConfig *cfg, RowData *row, List *findings)
{
	ListCell   *lc;

	if (!(cfg->modes & MODE_REJECT))
		return;
	foreach(lc, findings)
	{
		Finding    *f = lfirst(lc);

		if (f->identified && finding_in_category(f, cfg->reject_categories,
												 cfg->nreject))
			ereport(ERROR,
					(errcode(ERRCODE_PRECURSOR_REJECTED),
					 errmsg("declaration rejected: it names %s (%s, category %s)",
							f->name, f->watchlist, f->category),
					 errdetail("Evidence: [%s]", f->reasons.data),
					 errhint("Trigger \"%s\" on %s rejects declarations naming substances of categories %s.",
							 cfg->tgname, cfg->table_name, cfg->reject_text)));
	}
}

/*
 * Cumulative quantity per consignee over the window: only for registered
 * tables, which alone may read and feed the shared ledger.  base is this
 * shipment in the threshold's base unit (kg or l).
 */
static void
apply_cumulative_rule(ScreenConfig *cfg, RowData *row, Finding *f,
					  double base, double to_thr_unit)
{
	RuleSubstance *s = f->thr;
	Datum		v[LEDGER_NCOLS];
	char		n[LEDGER_NCOLS];
	char	   *ckey = consignee_key(row->consignee);
	LedgerPair *pair;
	DateADT		lo;
	double		total;
	double		stored;
	int64		count;
	int			i;
	const char *base_unit = s->threshold_kind == UNIT_MASS ? "kg" : "l";

	pair = ledger_get(ckey, s->substance_id);

	/* earlier shipments in (date - window, date], as the window reads */
	lo = DatumGetDateADT(DirectFunctionCall1(timestamp_date,
											 DirectFunctionCall2(date_mi_interval,
																 DateADTGetDatum(row->date),
																 IntervalPGetDatum(cfg->window))));
	total = 0;
	count = 0;
	for (i = 0; i < pair->n; i++)
	{
		if (pair->ship[i].shipped_on <= row->date && pair->ship[i].shipped_on > lo)
		{
			total += pair->ship[i].quantity;
			count++;
		}
	}

	/* the quantity as the ledger stores it (numeric from float8) */
	stored = DatumGetFloat8(DirectFunctionCall1(numeric_float8,
												DirectFunctionCall1(float8_numeric,
																	Float8GetDatum(base))));
	memset(n, ' ', sizeof(n));
	v[LEDGER_CONSIGNEE_KEY] = CStringGetTextDatum(ckey);
	v[LEDGER_CONSIGNEE] = CStringGetTextDatum(row->consignee);
	v[LEDGER_SUBSTANCE_ID] = Int32GetDatum(s->substance_id);
	v[LEDGER_SHIPPED_ON] = DateADTGetDatum(row->date);
	v[LEDGER_QUANTITY] = Float8GetDatum(base);
	v[LEDGER_UNIT] = CStringGetTextDatum(base_unit);
	v[LEDGER_SOURCE_TABLE] = CStringGetTextDatum(cfg->table_name);
	if (row->key)
		v[LEDGER_ROW_KEY] = CStringGetTextDatum(row->key);
	else
		n[LEDGER_ROW_KEY] = 'n';
	if (row->country)
		v[LEDGER_COUNTRY] = CStringGetTextDatum(row->country);
	else
		n[LEDGER_COUNTRY] = 'n';
	pending_add_shipment(cfg->writer, v, n, stored);
	ledger_add(pair, row->date, stored);
	total += stored;
	count += 1;

	/*
	 * Summing in double precision may leave rounding noise (0.1 + 0.2):
	 * a total equal to the threshold up to that noise is not over it.
	 */
	if (total > s->threshold_base * (1.0 + 1e-12) && base <= s->threshold_base)
	{
		reason_begin(f, REASON_CUMULATIVE);
		reason_str(f, "consignee", row->consignee);
		reason_str(f, "window", cfg->window_text);
		reason_num(f, "shipments", (double) count);
		reason_num(f, "total_in_threshold_unit", total * to_thr_unit);
		reason_num(f, "threshold", s->threshold_qty);
		reason_str(f, "threshold_unit", s->threshold_unit);
		reason_end(f);
		f->below_threshold = false;
		f->aggravation += 0.2f;
		f->aggravated = true;
	}
}

/* Quantity against the threshold, and the cumulative quantity per consignee */
void
apply_quantity_rules(ScreenConfig *cfg, RowData *row, Finding *f)
{
	RuleSubstance *s = f->thr;
	UnitKind	kind;
	double		factor;
	double		base;
	double		in_thr;
	double		to_thr_unit;

	if (s == NULL || !s->has_threshold)
		return;
	to_thr_unit = s->threshold_base > 0 ? s->threshold_qty / s->threshold_base : 1.0;
	if (!row->has_qty)
	{
		reason_begin(f, REASON_QUANTITY_UNKNOWN);
		reason_num(f, "threshold", s->threshold_qty);
		reason_str(f, "threshold_unit", s->threshold_unit);
		reason_end(f);
		return;
	}
	if (row->qty_invalid)
	{
		/*
		 * A negative or infinite quantity would cancel real shipments in the
		 * cumulative sum: it is evidence, never a shipment.
		 */
		reason_begin(f, REASON_QUANTITY_INVALID);
		reason_str(f, "quantity", psprintf("%.15g", row->qty));
		reason_str(f, "unit", row->unit);
		reason_num(f, "threshold", s->threshold_qty);
		reason_str(f, "threshold_unit", s->threshold_unit);
		reason_str(f, "why", "a quantity must be positive and finite");
		reason_end(f);
		f->aggravation += 0.1f;
		f->aggravated = true;
		return;
	}
	if (row->unit == NULL || !watchlist_unit_parse(row->unit, strlen(row->unit), &kind, &factor))
	{
		reason_begin(f, REASON_UNIT_UNKNOWN);
		reason_num(f, "quantity", row->qty);
		reason_str(f, "unit", row->unit);
		reason_num(f, "threshold", s->threshold_qty);
		reason_str(f, "threshold_unit", s->threshold_unit);
		reason_end(f);
		return;
	}
	if (!watchlist_unit_convert(row->qty * factor, kind, s->threshold_kind, s->density, &base))
	{
		reason_begin(f, REASON_UNIT_UNCONVERTIBLE);
		reason_num(f, "quantity", row->qty);
		reason_str(f, "unit", row->unit);
		reason_num(f, "threshold", s->threshold_qty);
		reason_str(f, "threshold_unit", s->threshold_unit);
		reason_str(f, "why", "the list gives no density to convert between mass and volume");
		reason_end(f);
		return;
	}
	in_thr = base * to_thr_unit;
	if (base > s->threshold_base)
	{
		reason_begin(f, REASON_OVER_THRESHOLD);
		f->aggravation += 0.1f;
		f->aggravated = true;
	}
	else
	{
		reason_begin(f, REASON_BELOW_THRESHOLD);
		f->below_threshold = true;
	}
	reason_num(f, "quantity", row->qty);
	reason_str(f, "unit", row->unit);
	reason_num(f, "quantity_in_threshold_unit", in_thr);
	reason_num(f, "threshold", s->threshold_qty);
	reason_str(f, "threshold_unit", s->threshold_unit);
	if (kind != s->threshold_kind)
		reason_num(f, "density_kg_per_l", s->density);
	reason_end(f);

	if (row->consignee != NULL && f->identified && cfg->registered)
		apply_cumulative_rule(cfg, row, f, base, to_thr_unit);
}

/* ,"expected_cn":[...]: the CN codes the finding's entries are listed under */
static void
append_expected_cn(Finding *f)
{
	char		buf[CNCODE_TEXT_MAX];
	int			i,
				j;
	bool		first = true;
	StringInfoData seen;

	appendStringInfoString(&f->reasons, ",\"expected_cn\":[");
	initStringInfo(&seen);
	appendStringInfoChar(&seen, '|');
	for (j = 0; j < f->nlistings; j++)
	{
		RuleSubstance *ls = f->listing[j];

		if (ls == NULL)
			continue;
		for (i = 0; i < ls->ncn; i++)
		{
			char	   *code;

			format_cn(ls->cn[i].cn, buf);
			code = ls->cn[i].ex ? psprintf("ex %s", buf) : pstrdup(buf);
			/* the same code on several lists is listed once */
			if (strstr(seen.data, psprintf("|%s|", code)) != NULL)
				continue;
			appendStringInfo(&seen, "%s|", code);
			if (!first)
				appendStringInfoChar(&f->reasons, ',');
			first = false;
			escape_json(&f->reasons, code);
		}
	}
	appendStringInfoChar(&f->reasons, ']');
}

/*
 * The declared CN code against the identified substances, and on its own.
 * (About 100 lines: cn_mismatch and cn_watch share the candidate search.)
 */
void
apply_cn_rules(ScreenConfig *cfg, RowData *row, List **findings)
{
	ListCell   *lc;
	bool		explained = false;
	RuleSubstance *subs[MAX_CN_CANDIDATES];
	const RuleCn *listed[MAX_CN_CANDIDATES];
	int			n,
				i,
				best = -1;
	bool		all_ex = true;
	Finding    *f;
	char		buf[CNCODE_TEXT_MAX];

	if (!row->has_cn)
		return;
	foreach(lc, *findings)
	{
		bool		has_codes;

		f = lfirst(lc);
		if (!f->identified)
			continue;
		if (finding_cn_fits(f, row->cn, &has_codes))
		{
			explained = true;
			continue;
		}
		if (!has_codes)
			continue;
		reason_begin(f, REASON_CN_MISMATCH);
		reason_str(f, "declared_cn", row->cn_text);
		append_expected_cn(f);
		reason_str(f, "column", cfg->col[COL_CN].name);
		reason_end(f);
		f->aggravation += 0.2f;
		f->aggravated = true;
	}
	if (explained)
		return;

	/* a code the lists use for scheduled substances, none of them named */
	n = watchlist_rules_by_cncode(row->cn, subs, listed, MAX_CN_CANDIDATES);
	for (i = 0; i < n; i++)
	{
		bool		named = false;

		foreach(lc, *findings)
		{
			f = lfirst(lc);
			if (f->identified &&
				(f->chem_key == subs[i]->casrn ||
				 f->chem_key == -(int64) subs[i]->substance_id))
				named = true;
		}
		if (named)
		{
			subs[i] = NULL;
			continue;
		}
		if (!listed[i]->ex)
			all_ex = false;
		if (best < 0 || subs[i]->severity > subs[best]->severity ||
			(subs[i]->severity == subs[best]->severity &&
			 subs[i]->substance_id < subs[best]->substance_id))
			best = i;
	}
	if (best < 0)
		return;
	f = get_finding(findings, subs[best]->substance_id, 0, NULL, NULL, NULL);
	if (f->identified)
		return;
	/* the other entries of the same chemical under this code */
	for (i = 0; i < n; i++)
		if (subs[i] != NULL && subs[i]->casrn != 0 && subs[i]->casrn == subs[best]->casrn)
			add_listing(f, subs[i]->substance_id, subs[i], NULL, NULL, NULL);
	f->cn_only = true;
	f->confidence = Max(f->confidence, all_ex ? 0.2f : 0.3f);
	reason_begin(f, REASON_CN_WATCH);
	reason_str(f, "declared_cn", row->cn_text);
	format_cn(listed[best]->cn, buf);
	reason_str(f, "listed_cn", buf);
	appendStringInfo(&f->reasons, ",\"ex\":%s", listed[best]->ex ? "true" : "false");
	appendStringInfoString(&f->reasons, ",\"candidates\":[");
	{
		bool		first = true;

		for (i = 0; i < n; i++)
		{
			if (subs[i] == NULL)
				continue;
			if (!first)
				appendStringInfoChar(&f->reasons, ',');
			escape_json(&f->reasons, psprintf("%s (%s %s)", subs[i]->name,
											  subs[i]->watchlist_code, subs[i]->category));
			first = false;
		}
	}
	appendStringInfoChar(&f->reasons, ']');
	reason_str(f, "column", cfg->col[COL_CN].name);
	reason_end(f);
}

/*
 * A declared CAS RN or CN code that is not a valid code is evidence of its
 * own on a row that names a scheduled chemical (a typo, or a code made up to
 * pass a check); on a row that names nothing it is a data-quality matter.
 */
void
apply_ident_rules(ScreenConfig *cfg, RowData *row, List *findings)
{
	ListCell   *lc;

	foreach(lc, findings)
	{
		Finding    *f = lfirst(lc);

		if (row->cas_invalid)
		{
			reason_begin(f, REASON_CASRN_INVALID);
			reason_str(f, "declared", row->cas_invalid);
			reason_str(f, "column", cfg->col[COL_CASRN].name);
			reason_end(f);
		}
		if (row->cn_invalid)
		{
			reason_begin(f, REASON_CN_INVALID);
			reason_str(f, "declared", row->cn_invalid);
			reason_str(f, "column", cfg->col[COL_CN].name);
			reason_end(f);
		}
		if (row->inchikey_invalid)
		{
			reason_begin(f, REASON_INCHIKEY_INVALID);
			reason_str(f, "declared", row->inchikey_invalid);
			reason_str(f, "column", cfg->col[COL_INCHIKEY].name);
			reason_end(f);
		}
		if (row->cas_invalid || row->cn_invalid || row->inchikey_invalid)
		{
			f->aggravation += 0.1f;
			f->aggravated = true;
		}
	}
}

void
score_findings(ScreenConfig *cfg, List *findings)
{
	ListCell   *lc;

	foreach(lc, findings)
	{
		Finding    *f = lfirst(lc);
		float		weight = 0.4f + 0.4f * f->severity + f->aggravation;

		if (weight > 1.0f)
			weight = 1.0f;
		f->score = rintf(f->confidence * weight * 1000.0f) / 1000.0f;
		f->alert = !(f->below_threshold && !f->aggravated && !cfg->alert_below_threshold);
	}
}

char *
annotation_json(List *findings)
{
	StringInfoData b;
	ListCell   *lc;
	bool		first = true;

	initStringInfo(&b);
	appendStringInfoChar(&b, '[');
	foreach(lc, findings)
	{
		Finding    *f = lfirst(lc);

		if (!first)
			appendStringInfoChar(&b, ',');
		first = false;
		appendStringInfo(&b, "{\"substance_id\":%d,\"substance\":", f->substance_id);
		escape_json(&b, f->name);
		appendStringInfoString(&b, ",\"watchlist\":");
		escape_json(&b, f->watchlist);
		appendStringInfoString(&b, ",\"category\":");
		escape_json(&b, f->category);
		appendStringInfoString(&b, ",\"listed_as\":");
		append_listings_json(&b, f);
		appendStringInfo(&b, ",\"score\":%.3f,\"alert\":%s,\"reasons\":[%s]}",
						 f->score, f->alert ? "true" : "false", f->reasons.data);
	}
	appendStringInfoChar(&b, ']');
	return b.data;
}

