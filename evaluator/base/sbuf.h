/* sbuf: growing strings, CSV fields and whole files read into them. */
#ifndef ASSAY_SBUF_H
#define ASSAY_SBUF_H

#include <stdbool.h>
#include <stddef.h>

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
/* The text so far ("" when empty); valid until the next change. */
const char *sbuf_str(const struct sbuf *b);
void sbuf_reset(struct sbuf *b);
void sbuf_release(struct sbuf *b);
/* Hands over the buffer (caller frees); b is empty afterwards. */
char *sbuf_detach(struct sbuf *b);

/* Appends s as a CSV field (quoted when it holds a ',', a '"' or a line
 * break), then ',' or, for the last field of a row, a line break. */
void sbuf_csv_field(struct sbuf *out, const char *s, bool last);

/* Appends the whole file at path to out; 0, or -1 with errno set. */
int sbuf_read_file(struct sbuf *out, const char *path);

#endif
