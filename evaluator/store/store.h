/* store: the SQLite store of reported figures and their correction
 * history. Knows nothing of Lua or of plans beyond their ids. */
#ifndef ASSAY_STORE_H
#define ASSAY_STORE_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"

struct store;

enum store_mode {
	STORE_READ,   /* the store must exist; read-only, so it may be on a
		       * read-only file or file system */
	STORE_WRITE,  /* created when missing; a store that cannot be
		       * written is refused, saying why */
};

/* One figure to import; every string is borrowed. */
struct store_figure {
	const char *unit, *indicator, *period;
	double value;
	const char *note;   /* "" when none */
	const char *source; /* the file it came from: "file:line" is stored */
	int line;           /* 0: source is stored as it is */
};

/* A bonus or deduction item (加分项/扣分项); every string is borrowed. */
struct store_adjustment {
	const char *unit, *period;
	double points;          /* + for a bonus, - for a deduction */
	const char *reason;     /* 获国务院通报表扬 */
	const char *source;     /* the document it rests on; "" when none */
	const char *origin;     /* "file:line"; NULL when reading */
};

struct import_counts {
	long added, corrected, unchanged;
};

int store_open(struct store **out, const char *path, enum store_mode mode, diag_t *d);
void store_close(struct store *s);

/* Fills buf with up to cap of the figures to import, the next ones at
 * each call (their strings valid until the next call); how many, 0 when
 * all were given. */
typedef size_t (*store_figure_source)(void *ctx, struct store_figure *buf, size_t cap);

/* Imports figures (from next) and adjustments in one transaction: all of
 * them or, on any error, none. A figure already stored with another value
 * or note is replaced and the old one kept in the correction history; an
 * adjustment given again (same unit, period and reason) is replaced.
 * Figures given in order of period and unit are written a unit's row at
 * a time; in any other order, as correctly but more slowly. */
int store_import(struct store *s, const char *plan_id, const char *files,
		 store_figure_source next, void *ctx, const struct store_adjustment *adjs,
		 size_t nadj, struct import_counts *counts, diag_t *d);

typedef void (*store_adjustment_fn)(void *ctx, const struct store_adjustment *a);

/* Calls fn for every adjustment of plan_id in year, by period. */
int store_each_adjustment(struct store *s, const char *plan_id, int year,
			  store_adjustment_fn fn, void *ctx, diag_t *d);

/* The figures of a plan at one period, read one at a time by unit, then
 * indicator: several can be open at once, all on the store's snapshot. */
struct store_cursor;
int store_figures_open(struct store *s, const char *plan_id, const char *period,
		       struct store_cursor **out, diag_t *d);
/* The same for the units named only (n ids in ascending byte order, as
 * strcmp sorts them; borrowed until the cursor is closed): each unit's row
 * is looked up by its key, so that reading a peer group of a province
 * costs the group's rows, not the province's. */
int store_figures_open_units(struct store *s, const char *plan_id, const char *period,
			     const char *const *units, size_t n, struct store_cursor **out,
			     diag_t *d);
/* 1 with f filled (its strings valid until the next call), 0 at the end,
 * -1 with d set on an error. */
int store_figures_next(struct store_cursor *c, struct store_figure *f, diag_t *d);
void store_figures_close(struct store_cursor *c);

/* One value a figure has had, and the import that brought it. */
struct store_figure_version {
	struct store_figure figure;     /* source: "file:line" it was read from */
	long import_id;
	const char *imported_at, *user; /* "2023-10-05T09:12:03Z", who (current_user) */
	const char *replaced_at;        /* when another import replaced it; NULL: it stands */
};

typedef void (*store_version_fn)(void *ctx, const struct store_figure_version *v);

/* Calls fn for every value the figures of a unit (on indicator; NULL for
 * all) have had, by indicator id, period, then the order imported in. */
int store_each_figure_version(struct store *s, const char *plan_id, const char *unit,
			      const char *indicator, store_version_fn fn, void *ctx, diag_t *d);

struct run;

/* Saves the run whole in one transaction (or nothing) and sets its id,
 * time and user (as an import records it: $USER, else $LOGNAME, else the
 * account). A draft replaces the earlier draft of its plan and period. A
 * period with a final run takes no other run, unless it is final and
 * supersedes that one (r->supersedes, with r->reason). */
int store_save_run(struct store *s, struct run *r, diag_t *d);
/* The same with texts too long to hold (a province's scorecards) handed
 * over as they are made: store_run_begin does what store_save_run does,
 * writing the texts r holds, in a transaction left open; store_run_piece
 * adds the next piece of a text r left empty (enum run_text), from any
 * thread, each at most store_run_piece_bytes() long; store_run_end commits
 * it all, or nothing when a piece failed. The transaction keeps other
 * writers waiting meanwhile. */
struct run_writer;
int store_run_begin(struct store *s, struct run *r, struct run_writer **out, diag_t *d);
size_t store_run_piece_bytes(void);
void store_run_piece(struct run_writer *w, int text, const void *bytes, size_t n);
int store_run_end(struct run_writer *w, diag_t *d);
/* Ends the run's transaction with nothing saved. */
void store_run_cancel(struct run_writer *w);
/* Loads run id, all but its scorecards; r is released with run_release. */
int store_load_run(struct store *s, long id, struct run *r, diag_t *d);
/* The same with its figures and items left packed (run_unpack,
 * run_unpack_figures read them). */
int store_load_run_packed(struct store *s, long id, struct run *r, diag_t *d);
/* Run id's record alone: its head, the texts of its rules and parameters,
 * and its figures packed; not its units, items or files. */
int store_load_run_record(struct store *s, long id, struct run *r, diag_t *d);
/* Loads the scorecards of a loaded run in one form (enum run_form) into
 * r->scorecards[form]. */
int store_load_scorecards(struct store *s, struct run *r, int form, diag_t *d);

/* Given each run without its texts, scorecards and summary. */
typedef void (*store_run_fn)(void *ctx, const struct run *r);
/* Calls fn for every run of plan_id, by period, then id. */
int store_each_run(struct store *s, const char *plan_id, store_run_fn fn, void *ctx, diag_t *d);
/* The run that stands for plan_id's period: its final run not superseded,
 * else its draft; *id 0 when there is none. */
int store_current_run(struct store *s, const char *plan_id, const char *period, long *id,
		      diag_t *d);
/* A unit's total in a saved run: NAN when it was not ranked. */
typedef void (*store_total_fn)(void *ctx, const char *unit, double total);
/* Calls fn for every unit of the final run of plan_id's period that stood
 * when run `before` was saved (the last final run of the period saved
 * before it), in plan order; not at all when there was none. */
int store_each_total_before(struct store *s, const char *plan_id, const char *period, long before,
			    store_total_fn fn, void *ctx, diag_t *d);

#endif
