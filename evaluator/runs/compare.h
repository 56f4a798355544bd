/* compare: what differs between two results of a plan's period, as a
 * reader sees them. A result is a run's summary (run.h: a standing per
 * unit, an outcome per item): saved runs (assay diff, assay verify) and a
 * what-if's two boards (summarized with run_summarize) are compared the
 * same way: units and items paired by id, each cell as "a → b", and who
 * entered or left a verdict's list. Each command lays the differences out
 * its own way. */
#ifndef ASSAY_COMPARE_H
#define ASSAY_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "run.h"
#include "sbuf.h"

/* The unit with id in r, or NULL; results of one plan hold it at the
 * same place, so `hint` is looked at first. */
const struct run_unit *compare_find_unit(const struct run *r, const char *id, size_t hint);
/* The item of the same unit and indicator as `of` in r, or NULL; results
 * of one plan hold it at the same place, so `hint` is looked at first. */
const struct run_item *compare_find_item(const struct run *r, const struct run_item *of,
					 size_t hint);

/* A cell: "a → b", or just "a" when they read the same; out is reset. */
void compare_cell(struct sbuf *out, const char *a, const char *b);
/* Whether a cell made by compare_cell shows a change. */
bool compare_cell_changed(const struct sbuf *cell);

/* What a unit's or an item's cells show ("—" for none, NULL included). */
const char *compare_total_text(const struct run_unit *u, char *buf, size_t size);
const char *compare_rank_text(const struct run_unit *u, char *buf, size_t size);
const char *compare_verdict_text(const struct run_unit *u);
const char *compare_actual_text(const struct run_item *it);
const char *compare_score_text(const struct run_item *it, char *buf, size_t size);

/* Whether the unit is on the verdict's list ("commendation", "red_light"). */
bool compare_has_verdict(const struct run_unit *u, const char *verdict);
/* Calls fn for each unit that entered the verdict's list (in b's order),
 * then each that left it (in a's order); returns how many. */
typedef void (*compare_move_fn)(void *ctx, const struct run_unit *u, bool entered);
size_t compare_verdict_moves(const struct run *a, const struct run *b, const char *verdict,
			     compare_move_fn fn, void *ctx);

#endif
