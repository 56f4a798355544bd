/* table: text tables aligned by display width, so that Chinese names
 * (two columns a character) line up with ASCII. */
#ifndef ASSAY_TABLE_H
#define ASSAY_TABLE_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

struct table {
	size_t ncols;
	char **cells;           /* owned, row-major; the first row is the header */
	size_t nrows;
	bool *right;            /* per column: align right (numbers) */
};

/* headers[ncols]; a header starting with '>' is right-aligned (the '>' is
 * not shown). */
void table_init(struct table *t, size_t ncols, const char *const *headers);
/* Copies cells[ncols]; NULL cells are empty. */
void table_add_row(struct table *t, const char *const *cells);
/* Appends the table, each line starting with indent; no trailing spaces. */
void table_render(const struct table *t, const char *indent, struct sbuf *out);
void table_release(struct table *t);

#endif
