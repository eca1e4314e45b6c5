/*
 * precursor.h
 *		Declarations shared by the server-side glue of the precursor extension.
 *
 * Everything under src/core is PostgreSQL-free; the files directly in src adapt
 * it to the server.  Version differences are confined to pg_compat.h.
 */
#ifndef PRECURSOR_H
#define PRECURSOR_H

#include "postgres.h"
#include "pg_compat.h"

/* precursor.c: settings */
extern bool precursor_fuzzy;	/* precursor.fuzzy */
extern int	precursor_max_hits; /* precursor.max_hits */

/*
 * Hits one text may produce (precursor.max_hits): the default is far above
 * what a real declaration names, and the ceiling keeps one call's hit list
 * (a few hundred bytes per hit) well under a gigabyte.
 */
#define PRECURSOR_MAX_HITS_DEFAULT	1000
#define PRECURSOR_MAX_HITS_LIMIT	1000000

/*
 * Polled by core loops (matcher, normaliser) that return "interrupted"
 * rather than being jumped out of: true when CHECK_FOR_INTERRUPTS() would
 * act now.  Interrupts that cannot be processed now must not stop the work,
 * or the caller would restart it forever.
 */
extern bool precursor_interrupt_pending(void *arg);

#define PRECURSOR_EXTENSION "precursor"

/* schema.c: the extension's schema holds the types and operators */
extern Oid	precursor_extension_namespace(void);
extern Oid	precursor_type_oid(const char *name);

/* drop_guard.c: DROP EXTENSION refuses while user data exists */
extern void precursor_drop_guard_init(void);

/* watchlist_cache.c: per-backend compiled watchlist, invalidated at commit */
extern void precursor_watchlist_cache_init(void);

/* screen_trigger.c: end-of-statement hooks flushing buffered alerts */
extern void precursor_screening_init(void);

#endif							/* PRECURSOR_H */
