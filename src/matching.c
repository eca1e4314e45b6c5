/*
 * matching.c
 *		SQL-callable functions of the matching engine: screen(), lookup(),
 *		matches(), explain(), normalize_name(), parse_name() and
 *		watchlist_cache_info().
 *
 * The functions that read the watchlists (through the per-backend cache) or
 * the precursor.fuzzy setting are STABLE; the two that depend only on their
 * input and the compiled-in normalisation tables are IMMUTABLE.  See
 * extension/parts/30_matching.sql for the declarations and the reasons.
 */
#include "precursor.h"

#include "access/htup_details.h"
#include "fmgr.h"
#include "funcapi.h"
#include "lib/stringinfo.h"
#include "mb/pg_wchar.h"
#include "miscadmin.h"
#include "utils/builtins.h"
#include "utils/tuplestore.h"

#include "chemname.h"
#include "matcher.h"
#include "name_variants.h"
#include "normalize.h"
#include "matching.h"

PG_FUNCTION_INFO_V1(precursor_screen);
PG_FUNCTION_INFO_V1(precursor_lookup);
PG_FUNCTION_INFO_V1(precursor_matches);
PG_FUNCTION_INFO_V1(precursor_explain);
PG_FUNCTION_INFO_V1(precursor_normalize_name);
PG_FUNCTION_INFO_V1(precursor_parse_name);
PG_FUNCTION_INFO_V1(precursor_name_variants);
PG_FUNCTION_INFO_V1(precursor_watchlist_cache_info);

#define HIT_NATTS 13

/*
 * A NormBuf reused by every call in this backend (normalize_name over a
 * million rows allocates once).  Its memory is malloc'd by the core, so a
 * buffer grown by one huge input is given back after the call (and before
 * the next one, should that call have failed): a backend must not keep
 * gigabytes for the rest of its life.
 */
#define NORM_BUF_KEEP	(1024 * 1024)

static NormBuf norm_buf;
static bool norm_buf_ready = false;

static void
release_norm_buf(void)
{
	if (norm_buf_ready && norm_buf.cap > NORM_BUF_KEEP)
	{
		norm_buf_free(&norm_buf);
		norm_buf_ready = false;
	}
}

static NormBuf *
get_norm_buf(void)
{
	release_norm_buf();
	if (!norm_buf_ready)
	{
		norm_buf_init(&norm_buf);
		norm_buf.interrupted = precursor_interrupt_pending;
		norm_buf_ready = true;
	}
	return &norm_buf;
}

/* Normalise s into nb; serves a query cancel from between two chunks */
static void
normalize_or_error(const char *s, int len, NormBuf *nb)
{
	NormStatus	st;

	while ((st = normalize_text(s, (size_t) len, nb)) == NORM_INTERRUPTED)
	{
		/* returns only for an interrupt that does not end the query */
		CHECK_FOR_INTERRUPTS();
	}
	if (st == NORM_INVALID_UTF8)
		precursor_report_core_error(ERROR, &nb->error,
									"invalid UTF-8 in the text to normalise");
	if (st != NORM_OK)
		precursor_report_core_error(ERROR, &nb->error, NULL);
}

/* The form as analysts read it: "salt+stereoisomer (1r 2s; hcl; 99)" */
static char *
form_text(const PrecursorHit *h)
{
	StringInfoData buf;
	const char *sep = " (";

	initStringInfo(&buf);
	appendStringInfoString(&buf, h->form_label[0] ? h->form_label : "base");
	if (h->form.ester[0])
	{
		appendStringInfo(&buf, "%s%s", sep, h->form.ester);
		sep = "; ";
	}
	if (h->form.stereo[0])
	{
		appendStringInfo(&buf, "%s%s", sep, h->form.stereo);
		sep = "; ";
	}
	if (h->form.salt[0])
	{
		appendStringInfo(&buf, "%s%s", sep, h->form.salt);
		sep = "; ";
	}
	if (h->form.purity[0])
	{
		appendStringInfo(&buf, "%s%s", sep, h->form.purity);
		sep = "; ";
	}
	if (sep[0] == ';')
		appendStringInfoChar(&buf, ')');
	return buf.data;
}

static void
hit_values(const PrecursorHit *h, const char *text, Datum *values, bool *nulls)
{
	memset(nulls, 0, sizeof(bool) * HIT_NATTS);
	if (h->substance_id != 0)
	{
		values[0] = Int32GetDatum(h->substance_id);
		values[1] = CStringGetTextDatum(h->substance_name);
		if (h->casrn != 0)
			values[2] = Int64GetDatum(h->casrn);	/* precursor.casrn is an int64 by value */
		else
			nulls[2] = true;
		values[3] = CStringGetTextDatum(h->watchlist_code);
		values[4] = CStringGetTextDatum(h->category);
	}
	else
		nulls[0] = nulls[1] = nulls[2] = nulls[3] = nulls[4] = true;
	if (h->matched_term)
		values[5] = CStringGetTextDatum(h->matched_term);
	else
		nulls[5] = true;
	values[6] = CStringGetTextDatum(pm_hit_kind_name(h->kind));
	values[7] = CStringGetTextDatum(form_text(h));
	values[8] = Float4GetDatum(h->score);
	values[9] = Int32GetDatum(h->start_char);
	values[10] = Int32GetDatum(h->end_char);
	values[11] = PointerGetDatum(cstring_to_text_with_len(text + h->start_byte,
														  h->end_byte - h->start_byte));
	values[12] = BoolGetDatum(h->negated);
}

static Datum
screen_srf(FunctionCallInfo fcinfo, bool lookup)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	ScreenOptions opts;
	List	   *hits;
	ListCell   *lc;
	MemoryContext callcxt;
	MemoryContext rowcxt;
	MemoryContext oldcxt;

	/* a text this long names nothing: say so rather than return no row */
	if (lookup && len > PM_LOOKUP_MAX)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("text too long for precursor.lookup()"),
				 errdetail("The text is %d bytes; lookup() accepts at most %d bytes (64 KiB).",
						   len, PM_LOOKUP_MAX),
				 errhint("Use precursor.screen() to find mentions in long texts.")));

	InitMaterializedSRF(fcinfo, 0);

	/*
	 * The scan's working memory goes with the call, each row's with the
	 * row; only the tuplestore (at most precursor.max_hits rows) stays.
	 */
	callcxt = AllocSetContextCreate(CurrentMemoryContext, "precursor screen call",
									ALLOCSET_DEFAULT_SIZES);
	rowcxt = AllocSetContextCreate(callcxt, "precursor screen row",
								   ALLOCSET_SMALL_SIZES);
	oldcxt = MemoryContextSwitchTo(callcxt);
	matching_default_options(&opts);
	opts.lookup = lookup;
	hits = matching_screen_text(s, len, &opts);

	foreach(lc, hits)
	{
		PrecursorHit *h = lfirst(lc);
		Datum		values[HIT_NATTS];
		bool		nulls[HIT_NATTS];

		CHECK_FOR_INTERRUPTS();
		MemoryContextSwitchTo(rowcxt);
		hit_values(h, s, values, nulls);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(callcxt);
		MemoryContextReset(rowcxt);
	}
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(callcxt);
	return (Datum) 0;
}

/* precursor.screen(text): every mention in free text */
Datum
precursor_screen(PG_FUNCTION_ARGS)
{
	return screen_srf(fcinfo, false);
}

/* precursor.lookup(text): what a whole string names */
Datum
precursor_lookup(PG_FUNCTION_ARGS)
{
	return screen_srf(fcinfo, true);
}

/* precursor.matches(text): any non-negated mention of a substance */
Datum
precursor_matches(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	bool		result;

	result = matching_text_matches(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t),
									precursor_fuzzy);
	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_BOOL(result);
}

/* Start of the UTF-8 character containing byte off (off itself if a lead) */
static int
char_start(const char *s, int off)
{
	while (off > 0 && (((unsigned char) s[off]) & 0xC0) == 0x80)
		off--;
	return off;
}

/* explain(): what the hit is, or how its text equals a term */
static void
explain_how(StringInfo buf, const PrecursorHit *h, const char *norm_match)
{
	switch (h->kind)
	{
		case PM_HIT_INCHIKEY:
			appendStringInfo(buf, " is the InChIKey %s, %s",
							 h->matched_term,
							 h->form_flags == 0 ? "the substance's own" :
							 "with the substance's connectivity (first block) in another stereo or charged form the entry covers");
			break;
		case PM_HIT_CAS:
		case PM_HIT_EC:
		case PM_HIT_CN:
			if (h->kind == PM_HIT_CAS)
				appendStringInfo(buf, " is the CAS RN %s (check digit valid)",
								 h->matched_term);
			else if (h->kind == PM_HIT_EC)
				appendStringInfo(buf, " is the EC number %s (check digit valid); the watchlists record no EC numbers, so no substance is named",
								 h->matched_term);
			else
				appendStringInfo(buf, " is the CN code %s, introduced as a customs code, under a code of the substance; a CN code alone does not identify a substance, hence the low score",
								 h->matched_term);
			break;
		default:
			appendStringInfo(buf, ", normalised to \"%s\", %s the %s term \"%s\"%s%s",
							 norm_match,
							 h->kind == PM_HIT_FUZZY ? "is a misspelling of" :
							 h->kind == PM_HIT_HOMOGLYPH ? "after folding look-alike characters of other scripts equals" :
							 "equals",
							 h->term_kind ? h->term_kind : "",
							 h->matched_term,
							 h->term_lang ? " (" : "",
							 h->term_lang ? h->term_lang : "");
			if (h->term_lang)
				appendStringInfoChar(buf, ')');
			if (h->kind == PM_HIT_FUZZY)
				appendStringInfo(buf, " (edit distance %d: %s)", h->distance,
								 h->edit ? h->edit : "?");
			if (h->rule != 0)
				appendStringInfo(buf, " written another way (name variant rule: %s)",
								 nv_rule_name(h->rule));
			break;
	}
}

/*
 * precursor.explain(text): one row per hit of screen(), with a sentence
 * saying why it fired, the normalised form of what matched and the
 * normalised clause around it (where a negation cue would be).
 */
Datum
precursor_explain(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	text	   *t = PG_GETARG_TEXT_PP(0);
	const char *s = VARDATA_ANY(t);
	int			len = VARSIZE_ANY_EXHDR(t);
	ScreenOptions opts;
	List	   *hits;
	ListCell   *lc;
	NormBuf    *nb = get_norm_buf();
	MemoryContext callcxt;
	MemoryContext rowcxt;
	MemoryContext oldcxt;

	InitMaterializedSRF(fcinfo, 0);

	/* as in screen_srf(): working memory per call and per row */
	callcxt = AllocSetContextCreate(CurrentMemoryContext, "precursor explain call",
									ALLOCSET_DEFAULT_SIZES);
	rowcxt = AllocSetContextCreate(callcxt, "precursor explain row",
								   ALLOCSET_DEFAULT_SIZES);
	oldcxt = MemoryContextSwitchTo(callcxt);
	matching_default_options(&opts);
	hits = matching_screen_text(s, len, &opts);

	foreach(lc, hits)
	{
		PrecursorHit *h = lfirst(lc);
		Datum		values[7];
		bool		nulls[7];
		StringInfoData buf;
		int			ctx_start,
					ctx_end;
		char	   *norm_match;
		char	   *form;

		CHECK_FOR_INTERRUPTS();
		MemoryContextSwitchTo(rowcxt);
		memset(nulls, 0, sizeof(nulls));
		normalize_or_error(s + h->start_byte, h->end_byte - h->start_byte, nb);
		norm_match = pnstrdup(nb->text, nb->len);

		/* up to 60 bytes either side, on character boundaries */
		ctx_start = char_start(s, Max(0, h->start_byte - 60));
		ctx_end = h->end_byte + 60 >= len ? len : char_start(s, h->end_byte + 60);
		normalize_or_error(s + ctx_start, ctx_end - ctx_start, nb);

		form = form_text(h);
		initStringInfo(&buf);
		appendStringInfo(&buf, "\"%s\" at characters %d-%d",
						 pnstrdup(s + h->start_byte, h->end_byte - h->start_byte),
						 h->start_char, h->end_char - 1);
		explain_how(&buf, h, norm_match);
		if (h->substance_id != 0)
			appendStringInfo(&buf, "; substance \"%s\", %s category %s",
							 h->substance_name, h->watchlist_code, h->category);
		appendStringInfo(&buf, "; form %s; score %.2f", form, h->score);
		if (h->negated)
			appendStringInfo(&buf, "; NEGATED by the cue \"%s\" (%s) in the clause \"%s\", so it does not make the text match",
							 h->neg_cue ? h->neg_cue : "?", h->neg_cue_lang ? h->neg_cue_lang : "?",
							 pnstrdup(nb->text, nb->len));
		else
			appendStringInfo(&buf, "; context \"%s\"", pnstrdup(nb->text, nb->len));

		values[0] = Int32GetDatum(h->start_char);
		values[1] = Int32GetDatum(h->end_char);
		values[2] = PointerGetDatum(cstring_to_text_with_len(s + h->start_byte,
															 h->end_byte - h->start_byte));
		if (h->substance_id != 0)
			values[3] = CStringGetTextDatum(h->substance_name);
		else
			nulls[3] = true;
		values[4] = CStringGetTextDatum(pm_hit_kind_name(h->kind));
		values[5] = BoolGetDatum(h->negated);
		values[6] = CStringGetTextDatum(buf.data);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
		MemoryContextSwitchTo(callcxt);
		MemoryContextReset(rowcxt);
	}
	MemoryContextSwitchTo(oldcxt);
	MemoryContextDelete(callcxt);
	release_norm_buf();
	return (Datum) 0;
}

/* precursor.normalize_name(text): both sides of every comparison */
Datum
precursor_normalize_name(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	NormBuf    *nb = get_norm_buf();

	text	   *result;

	matching_require_utf8();
	normalize_or_error(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), nb);
	result = cstring_to_text_with_len(nb->text, nb->len);
	release_norm_buf();
	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_TEXT_P(result);
}

/* nv_expand() callback of name_variants(): one row per variant */
typedef struct VariantRows
{
	ReturnSetInfo *rsinfo;
} VariantRows;

static bool
variant_row(const char *text, size_t len, NvRule rule, void *arg)
{
	VariantRows *v = arg;
	Datum		values[2];
	bool		nulls[2] = {false, false};

	values[0] = PointerGetDatum(cstring_to_text_with_len(text, (int) len));
	values[1] = CStringGetTextDatum(nv_rule_name(rule));
	tuplestore_putvalues(v->rsinfo->setResult, v->rsinfo->setDesc, values, nulls);
	return true;
}

/*
 * precursor.name_variants(text, OUT variant, OUT rule): the equivalent
 * spellings the matcher generates for a watchlist term (normalised), each
 * with the rule that produced it; the term itself is not listed.
 */
Datum
precursor_name_variants(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	NormBuf    *nb = get_norm_buf();
	VariantRows v;

	matching_require_utf8();
	InitMaterializedSRF(fcinfo, 0);
	v.rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	normalize_or_error(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), nb);
	(void) nv_expand(nb->text, nb->len, NV_MAX_VARIANTS, variant_row, &v);
	release_norm_buf();
	return (Datum) 0;
}

/*
 * precursor.parse_name(text, OUT normalized, OUT base, OUT form, OUT stereo,
 * OUT salt, OUT purity): the parts of a chemical name.
 */
Datum
precursor_parse_name(PG_FUNCTION_ARGS)
{
	text	   *t = PG_GETARG_TEXT_PP(0);
	NormBuf    *nb = get_norm_buf();
	TupleDesc	desc;
	Datum		values[6];
	bool		nulls[6];
	size_t		bs,
				be;
	ChemForm	form;
	char		label[64];
	HeapTuple	tuple;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	matching_require_utf8();
	normalize_or_error(VARDATA_ANY(t), VARSIZE_ANY_EXHDR(t), nb);

	memset(&form, 0, sizeof(form));
	chemname_strip(nb->text, nb->len, &bs, &be, &form);
	chemname_form_label(form.flags, label, sizeof(label));

	memset(nulls, 0, sizeof(nulls));
	values[0] = PointerGetDatum(cstring_to_text_with_len(nb->text, nb->len));
	values[1] = PointerGetDatum(cstring_to_text_with_len(nb->text + bs, be - bs));
	values[2] = CStringGetTextDatum(label);
	if (form.stereo[0])
		values[3] = CStringGetTextDatum(form.stereo);
	else
		nulls[3] = true;
	if (form.salt[0])
		values[4] = CStringGetTextDatum(form.salt);
	else
		nulls[4] = true;
	if (form.purity[0])
		values[5] = CStringGetTextDatum(form.purity);
	else
		nulls[5] = true;
	tuple = heap_form_tuple(BlessTupleDesc(desc), values, nulls);
	release_norm_buf();
	PG_FREE_IF_COPY(t, 0);
	PG_RETURN_DATUM(HeapTupleGetDatum(tuple));
}

/* precursor.watchlist_cache_info(): what this backend has compiled */
Datum
precursor_watchlist_cache_info(PG_FUNCTION_ARGS)
{
	TupleDesc	desc;
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	int			nterms,
				nsubs;
	bool		fuzzy;
	bool		loaded;

	if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
		elog(ERROR, "return type must be a row type");
	watchlist_cache_stats(&nterms, &nsubs, &fuzzy, &loaded);
	values[0] = Int32GetDatum(nterms);
	values[1] = Int32GetDatum(nsubs);
	values[2] = BoolGetDatum(fuzzy);
	values[3] = BoolGetDatum(loaded);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(BlessTupleDesc(desc), values, nulls)));
}
