/* readings: what the store says about each plan assignment at a period's
 * end. Walks the year's reporting points in order, so that year-to-date
 * figures are derived from per-period ones, less frequent reports are
 * carried, and figures that fall back or jump are noticed. */
#ifndef ASSAY_READINGS_H
#define ASSAY_READINGS_H

#include <stddef.h>

#include "diag.h"
#include "period.h"
#include "plan.h"
#include "sbuf.h"
#include "scorecard.h"
#include "store.h"

struct reading {
	double value;           /* year to date at as_of (a level for rates); NAN */
	double increment;       /* since the previous reporting point; NAN */
	double jump;            /* FLAG_JUMP: the ratio to the previous; NAN */
	double last_year;       /* growth targets: the same point a year before; NAN */
	double earlier;         /* counted across a plan's years: the earlier years'
				 * year-end figures added up; 0 otherwise */
	int as_of;              /* month of the figure; 0 when none */
	unsigned flags;         /* enum item_flag */
	size_t note;            /* offset + 1 into readings.notes; 0: no note */
};

/* A bonus or deduction item that falls within the period scored. */
struct reading_adjustment {
	int unit;
	struct period period;
	double points;
	size_t reason, source;  /* offsets + 1 into readings.notes; 0: none */
};

struct readings {
	const struct plan *plan;
	struct reading *v;      /* one per plan assignment from first on */
	size_t first, n;        /* all of them: first 0, n plan.nassignments */
	struct reading_adjustment *adj; /* by period, then unit id, then reason */
	size_t nadj;
	struct sbuf notes;
};

/* Reads every figure of the period's year up to its end (and the year
 * before, where a target grows against it; and the plan's earlier years,
 * where a target counts across them). 0 on success. */
int readings_gather(struct readings *r, const struct plan *plan, struct store *store,
		    const struct period *period, diag_t *d);

/* Told of each stored figure and adjustment the readings take (of a unit
 * and indicator the plan scores; last year's only where a target grows
 * against them), so that a saved run records exactly what it was scored
 * from. */
struct readings_witness {
	void (*figure)(void *ctx, const struct store_figure *f);
	void (*adjustment)(void *ctx, const struct store_adjustment *a);
	void *ctx;
};

void readings_release(struct readings *r);

/* Tells w of every figure and adjustment a stream over the period
 * (readings_stream_open) tells its witness of, in another order: the
 * adjustments first, then the figures a period at a time, the periods by
 * their texts and each one's figures in the store's order (by unit, then
 * indicator). For a fingerprint of what was read that is made as it is
 * read. 0, or -1 with d set. */
int readings_witness_each(const struct plan *plan, struct store *store,
			  const struct period *period, const struct readings_witness *w,
			  diag_t *d);

/* The readings a unit at a time, for scoring a province without holding
 * all of them: the store's figures are read in one pass, by unit, from a
 * cursor per period of the walk. Each unit is given once, those with
 * figures first, in the store's order of their ids (figures are stored
 * under ids), then the others. */
struct readings_stream;
int readings_stream_open(struct readings_stream **out, const struct plan *plan,
			 struct store *store, const struct period *period,
			 const struct readings_witness *w, diag_t *d);
/* The same for the units marked in wanted only (an array of plan.nunits
 * flags, borrowed): only their figures are read from the store, a row
 * each looked up by its key, and only they are handed out. */
int readings_stream_open_only(struct readings_stream **out, const struct plan *plan,
			      struct store *store, const struct period *period,
			      const struct readings_witness *w, const bool *wanted, diag_t *d);
#define READINGS_END (-1)
#define READINGS_FAILED (-2)
/* The next unit, whose readings readings_stream_unit then holds (until the
 * next call); READINGS_END after the last; READINGS_FAILED with d set. */
int readings_stream_next(struct readings_stream *s, diag_t *d);
/* The unit's readings: v[a - first] for its assignments a. */
const struct readings *readings_stream_unit(const struct readings_stream *s);
/* The period's bonus and deduction items (adj), for every unit. */
const struct readings *readings_stream_adjustments(const struct readings_stream *s);
void readings_stream_close(struct readings_stream *s);
/* Before the first unit: a what-if's figure for plan assignment a, in
 * place of what is stored, as reported at the period's end. */
void readings_stream_change(struct readings_stream *s, size_t a, double value);

/* The reading of plan assignment a, which r holds. */
static inline const struct reading *readings_at(const struct readings *r, size_t a)
{
	return &r->v[a - r->first];
}
/* What a unit owes for a plan assignment at a period's end: the one
 * definition of due, reported and missing that scoring and assay status
 * share. */
enum duty {
	DUTY_NONE,              /* nothing: a supporting unit's, derived, not due,
				 * or a milestone not reported before its due date */
	DUTY_REPORTED,          /* a figure, or a task's status, was reported */
	DUTY_MISSING,           /* a figure due was not (未报送) */
	DUTY_OPEN,              /* a task with no status yet: not done, never missing */
};
/* `on` is the period's last day (yyyymmdd): a milestone (`due:`) is owed
 * from its due date, though a figure reported before it counts. */
enum duty reading_duty(const struct plan *plan, size_t assignment, const struct reading *rd,
		       int on);
/* Whether the reading is of a figure due and not reported: a task is never
 * missing (one not reported is not done). */
static inline bool reading_missing(const struct plan_indicator *ind, const struct reading *rd)
{
	return ind->kind != KIND_TASK && (rd->flags & FLAG_MISSING);
}

/* The note reported with the figure, or "". */
const char *reading_note(const struct readings *r, const struct reading *rd);
/* A text kept in the readings (offset + 1), or "" for 0. */
const char *readings_text(const struct readings *r, size_t ref);

#endif
