/* compare: what differs between two results of a plan's period, as a
 * reader sees them. Saved runs (assay diff, assay verify) and a what-if's
 * two boards are compared the same way: each unit's standing and each
 * item's outcome (run_fill.h says what they are on a board), paired by id;
 * each cell as "a → b"; who entered or left a verdict's list. Each command
 * lays the differences out its own way. */
#ifndef ASSAY_COMPARE_H
#define ASSAY_COMPARE_H

#include <stdbool.h>
#include <stddef.h>

#include "run.h"
#include "sbuf.h"

/* A unit's standing, as a comparison reads it (text borrowed). */
struct standing {
	const char *unit, *name, *group;        /* id, name, peer group's name */
	double total;                           /* NAN when not ranked */
	int rank;                               /* 0: not ranked */
	const char *verdict;                    /* commendation, red_light, none;
						 * "" when not ranked */
	bool failed;                            /* a rule failed */
};

/* An item's outcome, as a comparison reads it (text borrowed). */
struct outcome {
	const char *unit, *indicator, *name;    /* ids, the indicator's name */
	const char *actual;                     /* as shown; "" when none */
	double score;                           /* NAN when not scored */
	const char *light;                      /* green ... ; not_due, error */
	double value;                           /* the actual as a number; NAN
						 * when none or not known (saved) */
};

/* A saved run's unit and item, read as a standing and an outcome. */
void standing_of_run(const struct run_unit *u, struct standing *out);
void outcome_of_run(const struct run_item *it, struct outcome *out);

/* A result's units, read one at a time: a saved run's or a board's. */
struct standings {
	size_t n;
	void (*at)(const void *src, size_t k, struct standing *out);
	const void *src;
};
/* The standings of a saved run. */
struct standings run_standings(const struct run *r);
/* The index in s of the unit with id, or s.n; results of one plan hold it
 * at the same place, so `hint` is looked at first. */
size_t compare_find(const struct standings *s, const char *id, size_t hint);

/* A cell: "a → b", or just "a" when they read the same; out is reset. */
void compare_cell(struct sbuf *out, const char *a, const char *b);
/* Whether a cell made by compare_cell shows a change. */
bool compare_cell_changed(const struct sbuf *cell);

/* What a unit's or an item's cells show ("—" for none, NULL included). */
const char *compare_total_text(const struct standing *u, char *buf, size_t size);
const char *compare_rank_text(const struct standing *u, char *buf, size_t size);
const char *compare_verdict_text(const struct standing *u);
const char *compare_actual_text(const struct outcome *it);
const char *compare_score_text(const struct outcome *it, char *buf, size_t size);

/* Calls fn for each unit that entered the verdict's list ("commendation",
 * "red_light"), in b's order, then each that left it, in a's order;
 * returns how many. */
typedef void (*compare_move_fn)(void *ctx, const struct standing *u, bool entered);
size_t compare_verdict_moves(const struct standings *a, const struct standings *b,
			     const char *verdict, compare_move_fn fn, void *ctx);

#endif
