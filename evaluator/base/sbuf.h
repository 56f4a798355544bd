/* sbuf: growing strings, CSV fields and whole files read into them, within
 * bounds. */
#ifndef ASSAY_SBUF_H
#define ASSAY_SBUF_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "mem.h"

/* A growing NUL-terminated string; sbuf_release frees it. */
struct sbuf {
	char *s;
	size_t len, cap;
};

void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_addc(struct sbuf *b, char c);
/* Makes the buffer n bytes longer: where they are, for the caller to fill
 * (valid until the next change). */
char *sbuf_extend(struct sbuf *b, size_t n);
/* Shortens the buffer to its first len bytes (what sbuf_extend made room
 * for and was not used). */
void sbuf_cut(struct sbuf *b, size_t len);
/* The text so far ("" when empty); valid until the next change. */
const char *sbuf_str(const struct sbuf *b);
void sbuf_reset(struct sbuf *b);
void sbuf_release(struct sbuf *b);
/* Hands over the buffer (caller frees); b is empty afterwards. */
char *sbuf_detach(struct sbuf *b);

/* Appends s as a CSV field (quoted when it holds a ',', a '"' or a line
 * break), then ',' or, for the last field of a row, a line break. */
void sbuf_csv_field(struct sbuf *out, const char *s, bool last);

/* What an input file may be: a regular file (not a directory, a device or
 * a FIFO, which could block or never end) of at most max bytes. `what`
 * names the kind of file in messages ("figures file"); hint, when not
 * NULL, says what to do with a larger one. */
struct file_bound {
	const char *what;
	size_t max;
	const char *hint;
};

/* Why the file at path is not one to read whole ("it is a directory", "it
 * is a device, not a file", ...); NULL when it is a regular file or is not
 * there. */
const char *file_not_regular(const char *path);
/* Opens path for reading when it is a file within bound: its descriptor,
 * or -1 with d saying "unable to read the WHAT 'path': why". */
int file_open_bounded(const char *path, const struct file_bound *bound, diag_t *d);
/* "1 GiB", "256 MiB": a bound's size as people read it. */
const char *file_bound_text(size_t max, char buf[32]);

/* Appends the whole file at path, a file within bound, to out: 0, or -1
 * with d set as file_open_bounded does. */
int sbuf_read_file(struct sbuf *out, const char *path, const struct file_bound *bound,
		   diag_t *d);

#endif
