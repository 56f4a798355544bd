/* figure_row: the figures of one unit for one period as the store keeps
 * them, a row each, in two forms. A JSON object, indicator -> [value,
 * note, file, line], for people and tools, which SQLite's JSON functions
 * read too (the view `figures`):
 *
 *   {"gdp":[107.39,"",3,2],"trade":[12.5,"含技术服务",3,3]}
 *
 * and beside it the same packed (figure_row_packed.c): numbers as they are
 * in memory and strings as they are, what assay reads back without
 * parsing a character.
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
/* Appends the row's packed form to out: 0, or -1 (out unchanged) when a
 * figure's file or line is not one it holds (past 2^32), for which the
 * JSON alone serves. */
int figure_row_pack(const struct figure_row *row, struct sbuf *out);
/* Reads a packed row into row (emptied first), its strings borrowed from
 * bytes; 0, or -1 when the bytes are not a row as packed. */
int figure_row_unpack(struct figure_row *row, const void *bytes, size_t len);
void figure_row_release(struct figure_row *row);

#endif
