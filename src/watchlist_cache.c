/*
 * watchlist_cache.c
 *		Per-backend compiled watchlist.  (Filled in by the matching engine.)
 */
#include "precursor.h"

void
precursor_watchlist_cache_init(void)
{
}
