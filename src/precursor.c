/*
 * precursor.c
 *		Module entry point of the precursor extension: its settings (GUCs)
 *		and the once-per-backend registrations.
 */
#include "precursor.h"

#include "fmgr.h"
#include "miscadmin.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

bool		precursor_fuzzy = true;
int			precursor_max_hits = PRECURSOR_MAX_HITS_DEFAULT;

/*
 * Set only by precursor.review_alert() for its own UPDATE of the alert, and
 * read by the alert guard trigger.  Declared because the prefix is reserved:
 * an undeclared precursor.* name cannot be set.
 */
static bool precursor_reviewing = false;

/* see precursor.h */
int
precursor_search_path_pin(void)
{
	int			nestlevel = NewGUCNestLevel();

	(void) set_config_option("search_path", "pg_catalog, pg_temp",
							 PGC_USERSET, PGC_S_SESSION,
							 GUC_ACTION_SAVE, true, 0, false);
	return nestlevel;
}

void
precursor_search_path_restore(int nestlevel)
{
	AtEOXact_GUC(true, nestlevel);
}

bool
precursor_interrupt_pending(void *arg)
{
	return InterruptPending && INTERRUPTS_CAN_BE_PROCESSED();
}

static void
define_settings(void)
{
	DefineCustomBoolVariable("precursor.fuzzy",
							 "Report misspellings of watchlist terms.",
							 "On by default: precursor.screen(), lookup(), matches() and the "
							 "screening trigger also report terms written with one edit (from 8 "
							 "letters) or two (from 16); never abbreviations, shorter terms, "
							 "changed digits or real chemical words.",
							 &precursor_fuzzy,
							 true,
							 PGC_USERSET,
							 0,
							 NULL, NULL, NULL);

	/*
	 * SUSET: the bound protects the server's memory, so a role may not lift
	 * it for itself; a superuser can grant it (GRANT SET ON PARAMETER) or
	 * set it per role.
	 */
	DefineCustomIntVariable("precursor.max_hits",
							"Maximum number of hits one text may produce when screened.",
							"precursor.screen() and explain() raise an error for a text with "
							"more hits; the screening trigger keeps the first ones and flags "
							"the alert as truncated.",
							&precursor_max_hits,
							PRECURSOR_MAX_HITS_DEFAULT,
							1,
							PRECURSOR_MAX_HITS_LIMIT,
							PGC_SUSET,
							0,
							NULL, NULL, NULL);

	DefineCustomBoolVariable("precursor.reviewing",
							 "Set by precursor.review_alert() while it updates an alert.",
							 NULL,
							 &precursor_reviewing,
							 false,
							 PGC_USERSET,
							 GUC_NO_SHOW_ALL | GUC_NOT_IN_SAMPLE,
							 NULL, NULL, NULL);
}

/*
 * Register what must exist once per backend.  Keep this cheap: it runs in
 * every backend that touches a precursor function.
 */
void
_PG_init(void)
{
	define_settings();
	precursor_watchlist_snapshot_init();
	precursor_screening_init();
	precursor_drop_guard_init();
	/* SET precursor.fuzy = on is an error, not a silent new setting */
	MarkGUCPrefixReserved("precursor");
}
