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
#include "scorecard.h"
#include "store.h"
#include "text.h"

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
	struct reading *v;      /* one per plan assignment */
	size_t n;
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

/* readings_gather, telling w of what it takes. */
int readings_gather_witnessed(struct readings *r, const struct plan *plan, struct store *store,
			      const struct period *period, const struct readings_witness *w,
			      diag_t *d);
void readings_release(struct readings *r);
/* The note reported with the figure, or "". */
const char *reading_note(const struct readings *r, const struct reading *rd);
/* A text kept in the readings (offset + 1), or "" for 0. */
const char *readings_text(const struct readings *r, size_t ref);

#endif
