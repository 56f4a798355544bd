/* json: writing JSON by hand into a growing string: strings escaped,
 * numbers as numbers, null for what is not there. The caller writes the
 * braces and brackets; `first` says whether a key needs no comma before. */
#ifndef ASSAY_JSON_H
#define ASSAY_JSON_H

#include <stdbool.h>

#include "sbuf.h"

void json_string(struct sbuf *out, const char *s);
/* "key": after a comma unless first. */
void json_key(struct sbuf *out, const char *key, bool first);
void json_str_field(struct sbuf *out, const char *key, const char *v, bool first);
/* A string, or null when v is NULL. */
void json_str_or_null(struct sbuf *out, const char *key, const char *v, bool first);
/* A number (rounded to digits when digits >= 0), or null when NaN. */
void json_num_field(struct sbuf *out, const char *key, double v, int digits);
void json_bool_field(struct sbuf *out, const char *key, bool v, bool first);

#endif
