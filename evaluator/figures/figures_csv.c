/* Reported figures in CSV, long (unit,indicator,period,value[,note]) or
 * wide (unit,period,<indicator>...), or the same separated by tabs (what
 * Excel saves as "Unicode Text" or "Text (Tab delimited)"): split into
 * rows by csv_rows.c, the rows read as figures by figures_table.c. */
#include <stdlib.h>
#include <string.h>

#include "csv_rows.h"
#include "figures.h"

/* The lines of text: as many figures as a long file has, fewer than a
 * wide one's. */
static size_t count_lines(const char *text, size_t len)
{
	size_t n = 1;
	for (const char *p = text, *end = text + len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	return n;
}

static int on_row(void *ctx, const char *const *fields, size_t n, size_t row, int line)
{
	(void)row;
	return figure_table_reader_row(ctx, fields, NULL, n, line);
}

int figures_read_csv(struct figure_list *list, const struct plan *plan, char sep, diag_t *d)
{
	const char *path = list->files[list->nfiles - 1];
	char *text;
	size_t len;
	if (figures_slurp(path, list->encoding, &text, &len, d) != 0)
		return -1;
	figure_list_reserve(list, count_lines(text, len));
	struct figure_table_reader *table = figure_table_reader_new(list, plan, d);
	int rc;
	if (csv_rows_read(path, text, len, sep, on_row, table, d) < 0 &&
	    !figure_table_reader_failed(table)) {
		figure_table_reader_abandon(table);
		rc = -1;
	} else {
		rc = figure_table_reader_finish(table);
	}
	free(text);
	return rc;
}
