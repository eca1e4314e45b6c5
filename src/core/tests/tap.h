/*
 * tap.h
 *		A tiny TAP producer for the core's unit tests (no PostgreSQL).
 */
#ifndef PRECURSOR_TAP_H
#define PRECURSOR_TAP_H

#include <stdio.h>
#include <string.h>

static int	tap_count = 0;
static int	tap_failed = 0;

#define ok(cond, ...) tap_ok_((cond) ? 1 : 0, __FILE__, __LINE__, __VA_ARGS__)
#define is_str(got, want, ...) \
	tap_ok_(strcmp((got), (want)) == 0 ? 1 : (fprintf(stderr, "#   got '%s' want '%s'\n", (got), (want)), 0), \
			__FILE__, __LINE__, __VA_ARGS__)

static void
tap_ok_(int pass, const char *file, int line, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

#include <stdarg.h>
static void
tap_ok_(int pass, const char *file, int line, const char *fmt, ...)
{
	va_list		ap;

	tap_count++;
	if (!pass)
		tap_failed++;
	printf("%s %d - ", pass ? "ok" : "not ok", tap_count);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	if (!pass)
		fprintf(stderr, "#   failed at %s:%d\n", file, line);
}

/* Call last from main(): prints the plan and returns the exit status. */
static int
tap_done(void)
{
	printf("1..%d\n", tap_count);
	return tap_failed ? 1 : 0;
}

#endif							/* PRECURSOR_TAP_H */
