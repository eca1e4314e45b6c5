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
