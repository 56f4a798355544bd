/* csv_rows: a CSV text (or tab-separated text) split into rows with
 * libcsv, each row handed over with the line it starts on. Every row must
 * have as many fields as the first (the header); a malformed file, or one
 * holding a control character (tabs and line breaks aside), is refused at
 * its line and column (the field's number). */
#ifndef ASSAY_CSV_ROWS_H
#define ASSAY_CSV_ROWS_H

#include <stddef.h>

#include "diag.h"

/* One row: fields[0..n), each NUL-terminated, borrowed until the call
 * returns. Row 0 is the header. Returns 0 to go on, -1 to stop (d set). */
typedef int (*csv_row_fn)(void *ctx, const char *const *fields, size_t n, size_t row, int line);

/* Calls fn for each row of text[0..len), whose fields are separated by sep
 * (',' or '\t'); path is for messages. Returns the number of rows, header
 * included, or -1 with d set. */
long csv_rows_read(const char *path, const char *text, size_t len, char sep, csv_row_fn fn,
		   void *ctx, diag_t *d);

#endif
