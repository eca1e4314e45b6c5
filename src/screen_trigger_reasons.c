/*
 * screen_trigger_reasons.c
 *		The reason codes of precursor.screen_trigger(), defined once: the
 *		`rule` of each object in precursor.alert.reasons and in annotate
 *		mode's findings.
 *
 * trigger_reasons[] gives each code (ReasonCode in screen_trigger_int.h)
 * its text, the function that emits it and its meaning.  The rules write a
 * reason with reason_begin(f, REASON_...) ... reason_end(f), so a code the
 * rules emit is always a row of this table.  SQL reads the table through
 * precursor.alert_reasons(); the evidence of each code is worded by
 * precursor.reason_wording(jsonb, boolean) (extension/parts/40_screening.sql),
 * which explain_alert() and the view misdeclarations call.  The regression
 * test screening_reasons fails when a code of this table has no wording.
 */
#include "precursor.h"

#include <math.h>

#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/json.h"

#include "screen_trigger_int.h"

PG_FUNCTION_INFO_V1(precursor_alert_reasons);

typedef struct TriggerReason
{
	const char *code;			/* the "rule" of the JSON object */
	const char *emitted_by;		/* the function that writes it */
	const char *meaning;
} TriggerReason;

static const TriggerReason trigger_reasons[NUM_REASONS] = {
	[REASON_NAME] = {"name", "trigger_identify",
	"the description names the substance"},
	[REASON_CAS] = {"cas", "identify_declared_cas",
	"the declared CAS RN is the substance's"},
	[REASON_CAS_IN_TEXT] = {"cas_in_text", "trigger_identify",
	"the description cites the substance's CAS RN"},
	[REASON_EC_IN_TEXT] = {"ec_in_text", "trigger_identify",
	"the description cites the substance's EC number"},
	[REASON_CN_IN_TEXT] = {"cn_in_text", "trigger_identify",
	"the description cites a CN code of the substance"},
	[REASON_MORE_MENTIONS] = {"more_mentions", "trigger_identify",
	"the description names the chemical more often than the reasons itemise"},
	[REASON_HITS_TRUNCATED] = {"hits_truncated", "trigger_identify",
	"the description has more hits than precursor.max_hits: screened up to there"},
	[REASON_CUMULATIVE] = {"cumulative", "apply_cumulative_rule",
	"the consignee received more than the threshold within the window, each shipment at or under it"},
	[REASON_QUANTITY_UNKNOWN] = {"quantity_unknown", "apply_quantity_rules",
	"no quantity declared for a substance with a threshold"},
	[REASON_QUANTITY_INVALID] = {"quantity_invalid", "apply_quantity_rules",
	"the declared quantity is not positive and finite"},
	[REASON_UNIT_UNKNOWN] = {"unit_unknown", "apply_quantity_rules",
	"the declared unit is not known"},
	[REASON_UNIT_UNCONVERTIBLE] = {"unit_unconvertible", "apply_quantity_rules",
	"mass and volume cannot be compared without a density"},
	[REASON_OVER_THRESHOLD] = {"over_threshold", "apply_quantity_rules",
	"the quantity is over the substance's threshold"},
	[REASON_BELOW_THRESHOLD] = {"below_threshold", "apply_quantity_rules",
	"the quantity is at or under the substance's threshold"},
	[REASON_CN_MISMATCH] = {"cn_mismatch", "apply_cn_rules",
	"the declared CN code does not fit the substance named"},
	[REASON_CN_WATCH] = {"cn_watch", "apply_cn_rules",
	"the declared CN code is one the lists use for substances the description does not name"},
	[REASON_CASRN_INVALID] = {"casrn_invalid", "apply_ident_rules",
	"the declared CAS RN is not a valid CAS RN"},
	[REASON_CN_INVALID] = {"cn_invalid", "apply_ident_rules",
	"the declared CN code is not a valid CN code"},
	[REASON_INCHIKEY] = {"inchikey", "identify_declared_inchikey",
	"the declared InChIKey is the substance's, or has its connectivity in a stereo or charged form the entry covers"},
	[REASON_INCHIKEY_IN_TEXT] = {"inchikey_in_text", "trigger_identify",
	"the description cites the substance's InChIKey (or one with its connectivity in a form the entry covers)"},
	[REASON_INCHIKEY_INVALID] = {"inchikey_invalid", "apply_ident_rules",
	"the declared InChIKey is not a valid InChIKey"},
};

const char *
reason_code(ReasonCode code)
{
	Assert(code >= 0 && code < NUM_REASONS);
	return trigger_reasons[code].code;
}

/* Open a reason object of this code in the finding's JSON reasons */
void
reason_begin(Finding *f, ReasonCode code)
{
	if (f->reasons.len > 0)
		appendStringInfoChar(&f->reasons, ',');
	appendStringInfoString(&f->reasons, "{\"rule\":");
	escape_json(&f->reasons, reason_code(code));
}

void
reason_str(Finding *f, const char *key, const char *value)
{
	appendStringInfo(&f->reasons, ",\"%s\":", key);
	if (value)
		escape_json(&f->reasons, value);
	else
		appendStringInfoString(&f->reasons, "null");
}

void
reason_num(Finding *f, const char *key, double value)
{
	if (isfinite(value))
		appendStringInfo(&f->reasons, ",\"%s\":%.6g", key, value);
	else
		appendStringInfo(&f->reasons, ",\"%s\":null", key);
}

void
reason_end(Finding *f)
{
	appendStringInfoChar(&f->reasons, '}');
}

/*
 * precursor.alert_reasons() RETURNS TABLE (code text, emitted_by text,
 * meaning text): trigger_reasons[], in its order.
 */
Datum
precursor_alert_reasons(PG_FUNCTION_ARGS)
{
	ReturnSetInfo *rsinfo = (ReturnSetInfo *) fcinfo->resultinfo;
	int			i;

	InitMaterializedSRF(fcinfo, 0);
	for (i = 0; i < NUM_REASONS; i++)
	{
		Datum		values[3];
		bool		nulls[3] = {false, false, false};

		values[0] = CStringGetTextDatum(trigger_reasons[i].code);
		values[1] = CStringGetTextDatum(trigger_reasons[i].emitted_by);
		values[2] = CStringGetTextDatum(trigger_reasons[i].meaning);
		tuplestore_putvalues(rsinfo->setResult, rsinfo->setDesc, values, nulls);
	}
	return (Datum) 0;
}
