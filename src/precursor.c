/*
 * precursor.c
 *		Module entry point of the precursor extension.
 */
#include "precursor.h"

#include "fmgr.h"
#include "utils/guc.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * Set only by precursor.review_alert() for its own UPDATE of the alert, and
 * read by the alert guard trigger.  Declared here because the prefix is
 * reserved: an undeclared precursor.* name cannot be set.
 */
static bool precursor_reviewing = false;

/*
 * Register what must exist once per backend.  Keep this cheap: it runs in
 * every backend that touches a precursor function.
 */
void
_PG_init(void)
{
	precursor_watchlist_cache_init();
	precursor_screening_init();
	precursor_drop_guard_init();
	DefineCustomBoolVariable("precursor.reviewing",
							 "Set by precursor.review_alert() while it updates an alert.",
							 NULL,
							 &precursor_reviewing,
							 false,
							 PGC_USERSET,
							 GUC_NO_SHOW_ALL | GUC_NOT_IN_SAMPLE,
							 NULL, NULL, NULL);
	/* SET precursor.fuzy = on is an error, not a silent new setting */
	MarkGUCPrefixReserved("precursor");
}
