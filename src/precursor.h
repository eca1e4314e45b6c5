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

/* binary_io.c: clear errors from the binary receive functions */
#define CASRN_BINARY_FORMAT "a big-endian int8 of all its digits (103-79-7 is 103797)"
#define ECNUMBER_BINARY_FORMAT "a big-endian int4 of its seven digits (200-001-8 is 2000018)"
#define CNCODE_BINARY_FORMAT "a big-endian int8: the code's digits padded to 10, times 8, plus its level (see README)"
#define INCHIKEY_BINARY_FORMAT "16 bytes: the 25 letters packed (see README)"
struct StringInfoData;
extern void precursor_recv_check_length(struct StringInfoData *buf, int len,
										const char *typname, const char *format);
extern void precursor_recv_invalid(struct StringInfoData *buf, int start,
								   const char *typname, const char *format,
								   const char *value) pg_attribute_noreturn();

/*
 * core_errors.c: a failure of the core (PrecursorError, core_error.h) as an
 * ereport at elevel, primary replacing the core's message when given; and a
 * type input function's refusal of value (soft error when escontext allows).
 */
struct PrecursorError;
extern void precursor_report_core_error(int elevel, const struct PrecursorError *err,
										const char *primary);
extern void precursor_report_input_error(void *escontext,
										 const struct PrecursorError *err,
										 const char *value);

/* drop_guard.c: DROP EXTENSION refuses while user data exists */
extern void precursor_drop_guard_init(void);

/* watchlist_snapshot.c: the per-backend watchlist snapshot, invalidated at commit */
extern void precursor_watchlist_snapshot_init(void);

/*
 * precursor.c: SPI work of the screening code (the trigger, the watchlist
 * snapshot) runs under search_path = pg_catalog, pg_temp (its queries are
 * schema-qualified as well): a session's search_path cannot capture an
 * operator, function or cast, and saved plans, which the plan cache
 * re-plans whenever the search_path differs from the one they were planned
 * under, always see the same path.  Returns the GUC nest level to pass to
 * precursor_search_path_restore(); an error in between is undone by
 * (sub)transaction abort.
 */
extern int	precursor_search_path_pin(void);
extern void precursor_search_path_restore(int nestlevel);

/* screen_trigger_writer.c: end-of-statement hooks flushing buffered alerts */
extern void precursor_screening_init(void);

#endif							/* PRECURSOR_H */
