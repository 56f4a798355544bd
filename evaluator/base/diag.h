/* diag: one error message, with its location, carried up to the command
 * that prints it. Lower modules fill a diag and return -1; only main.c and
 * cmd_*.c print. */
#ifndef ASSAY_DIAG_H
#define ASSAY_DIAG_H

#include <stdarg.h>

typedef struct diag {
	char text[2048];
	int located;            /* the text starts with file:line */
} diag_t;

/* Sets the message and returns -1, so callers can `return fail(d, ...)`. */
int fail(diag_t *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The same, prefixed with "file:line:col: " (col 0 leaves it out). */
int fail_at(diag_t *d, const char *file, int line, int col, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

int vfail(diag_t *d, const char *fmt, va_list ap);

#endif
