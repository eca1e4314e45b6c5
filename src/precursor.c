/*
 * precursor.c
 *		Module entry point of the precursor extension.
 */
#include "precursor.h"

#include "fmgr.h"

PG_MODULE_MAGIC;

void		_PG_init(void);

/*
 * Register what must exist once per backend.  Keep this cheap: it runs in
 * every backend that touches a precursor function.
 */
void
_PG_init(void)
{
	precursor_watchlist_cache_init();
	precursor_screening_init();
}
