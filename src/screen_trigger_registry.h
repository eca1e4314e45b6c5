/*
 * screen_trigger_registry.h
 *		Which tables may write alerts and shipments: the registrations in
 *		precursor.screened_table (table, owner, trigger arguments), approved
 *		by members of precursor_manager.
 *
 * Implemented in screen_trigger_registry.c; used by screen_trigger.c.  Both calls run
 * their query as the owner of the alert tables (writer) under a pinned
 * search_path, whether or not the caller is connected to SPI.
 */
#ifndef PRECURSOR_SCREEN_TRIGGER_REGISTRY_H
#define PRECURSOR_SCREEN_TRIGGER_REGISTRY_H

#include "precursor.h"

#include "utils/rel.h"

/*
 * Is this trigger registered for its table's current owner and these
 * arguments (a partition: registered on it or an ancestor)?
 */
extern bool registry_check(Relation rel, const char *tgname,
								  int nargs, char **args, Oid writer);

/* May the current role approve a screening trigger (precursor_manager)? */
extern bool registry_may_register(void);

/* Record (or renew) the approval of this trigger by the current role. */
extern void registry_record(Relation rel, const char *tgname,
								   int nargs, char **args, Oid writer);

#endif							/* PRECURSOR_SCREEN_TRIGGER_REGISTRY_H */
