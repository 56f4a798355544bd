/* figure_row: the figures of one unit for one period as the store keeps
 * them, a row each: a JSON object, indicator -> [value, note, file, line],
 * which SQLite's JSON functions read too (the view `figures`).
 *
 *   {"gdp":[107.39,"",3,2],"trade":[12.5,"含技术服务",3,3]}
 *
 * A province's million figures are 20,000 rows, not a million: written and
 * read many times faster than a row per figure. */
#ifndef ASSAY_FIGURE_ROW_H
#define ASSAY_FIGURE_ROW_H

#include <stddef.h>

#include "sbuf.h"

/* One figure of a row; the strings are borrowed. */
struct row_figure {
	const char *indicator;
	double value;
	const char *note;       /* "" when none */
	long file;              /* the file it was read from: import_files.id */
	int line;               /* its line there; 0 when not known */
};

/* A row read, or being made; release with figure_row_release. */
struct figure_row {
	struct row_figure *v;
	size_t n, cap;
};

/* Appends a figure (its strings borrowed) to the row. */
void figure_row_push(struct figure_row *row, const struct row_figure *f);
/* Sorts the row's figures by indicator id, as a row is stored. */
void figure_row_sort(struct figure_row *row);
/* Appends the row's JSON text to out. */
void figure_row_write(const struct figure_row *row, struct sbuf *out);
/* Reads the JSON text of a row into row (emptied first). text is changed
 * in place: the figures' strings are unescaped into it, and borrowed from
 * it. 0, or -1 when text is not a row as written above. */
int figure_row_parse(struct figure_row *row, char *text);
void figure_row_release(struct figure_row *row);

#endif
