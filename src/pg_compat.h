/*
 * pg_compat.h
 *		The one place where PostgreSQL version differences are handled.
 *
 * PostgreSQL 15 is the tested target; 16+ adds soft input errors
 * (escontext, ereturn) and moves the varlena macros to varatt.h.
 */
#ifndef PRECURSOR_PG_COMPAT_H
#define PRECURSOR_PG_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#include "nodes/miscnodes.h"
#define PRECURSOR_ESCONTEXT(fcinfo)	((fcinfo)->context)
#else
/*
 * Before 16 there is no soft-error context: report the error as usual.
 * ereturn() is given the same shape as in 16 so that type input functions
 * are written once.
 */
#define PRECURSOR_ESCONTEXT(fcinfo)	((void *) NULL)
#define ereturn(context, dummy_value, ...) \
	do { \
		(void) (context); \
		ereport(ERROR, __VA_ARGS__); \
		return dummy_value; \
	} while (0)
#endif

#endif							/* PRECURSOR_PG_COMPAT_H */
