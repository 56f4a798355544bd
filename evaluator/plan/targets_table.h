/* targets_table: per-unit targets as a table, one row per unit and one
 * column per indicator (分解目标表), the way a plan hands targets down to
 * thousands of units; the weights table (`weights_table:`, each unit's
 * 分值) has the same shape. Read by the plan loader. */
#ifndef ASSAY_TARGETS_TABLE_H
#define ASSAY_TARGETS_TABLE_H

#include "csv_rows.h"
#include "diag.h"
#include "plan.h"

/* Where a cell stands, for messages. */
struct table_cell {
	const char *path;
	int line, col;
};

/* Given each non-empty cell: unit and indicator by index, the number. */
typedef int (*target_cell_fn)(void *ctx, int unit, int indicator, double value,
			      const struct table_cell *at, diag_t *d);

/* Which table, in messages: "targets table" and its cells' "target"
 * (marked for translation, untranslated). */
struct unit_table_names {
	const char *table, *cell;
};

/* Reads the CSV at path (header `unit,<indicator id or name>...`) and calls
 * fn for every non-empty cell. Units, indicators and numbers are checked;
 * 0, or -1 with d set to file:line:col: message. */
int targets_table_read(const struct plan *plan, const char *path,
		       const struct unit_table_names *names, target_cell_fn fn, void *ctx,
		       diag_t *d);

/* The UTF-8 CSV at path (a byte-order mark allowed), each row given to
 * row_fn: 0, or -1 with d set. table names it in messages ("targets
 * table", marked for translation), shape says what an empty one lacks. */
int plan_table_read(const char *path, const char *table, const char *shape, csv_row_fn row_fn,
		    void *ctx, diag_t *d);

#endif
