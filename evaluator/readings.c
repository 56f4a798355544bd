#include "readings.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What walking the periods keeps for a reading, and drops once the
 * readings are settled: a million of these at province scale. */
struct reading_walk {
	double previous, previous_increment, sum, last_year_sum;
	int previous_as_of, points, last_year_points;
};

/* The walk: which year and month the figures being read belong to. */
struct walk {
	struct readings *r;
	int month;
	bool last_year;
	const struct readings_witness *witness; /* NULL: none */
	struct reading_walk *state;             /* one per reading */
	/* The store gives a period's figures by unit, then indicator: the last
	 * figure's unit and assignment, so that most lookups are a compare. */
	const char *last_unit;  /* plan-owned id or name; NULL: none yet */
	int last_u;
	long last_a;
};

static struct reading_walk *walk_state_new(size_t n)
{
	struct reading_walk *state = xcalloc(n + 1, sizeof *state);
	for (size_t a = 0; a < n; a++)
		state[a].previous = state[a].previous_increment = NAN;
	return state;
}

static bool positive(double x)
{
	return isfinite(x) && x > 0;
}

/* a < b as on a calculator: differences below 1e-9 are rounding noise. */
static bool below(double a, double b)
{
	return round_half_away(a - b, 9) < 0;
}

/* Keeps text in the notes pool: its offset + 1, or 0 for none. */
static size_t keep_text(struct readings *r, const char *text)
{
	if (!text || !*text)
		return 0;
	size_t ref = r->notes.len + 1;
	sbuf_add(&r->notes, text);
	sbuf_addc(&r->notes, '\0');
	return ref;
}

/* Flags a figure against the one reported at the previous reporting point. */
static void review(const struct plan_indicator *ind, struct reading *rd,
		   const struct reading_walk *ws, double figure)
{
	if (ind->kind == KIND_TASK)
		return;
	bool accumulates = indicator_accumulates(ind->kind);
	int step = ind->every == EVERY_MONTH ? 1 : ind->every == EVERY_QUARTER ? 3 : 12;
	rd->flags &= ~(unsigned)(FLAG_BACKWARDS | FLAG_JUMP);
	rd->jump = NAN;
	if (ws->previous_as_of != rd->as_of - step)
		return; /* no figure at the previous point: nothing to compare with */
	if (accumulates && ind->basis == BASIS_YTD && below(rd->value, ws->previous))
		rd->flags |= FLAG_BACKWARDS;
	double now = accumulates ? rd->increment : figure;
	double before = accumulates ? ws->previous_increment : ws->previous;
	if (ind->jump_factor > 0 && positive(now) && positive(before)) {
		double ratio = now / before;
		if (ratio > ind->jump_factor || ratio < 1 / ind->jump_factor) {
			rd->flags |= FLAG_JUMP;
			rd->jump = ratio;
		}
	}
}

/* The figure for this year's month m (a month's, else its quarter's or
 * year's, which is read after it). */
static void take_this_year(struct readings *r, struct reading_walk *ws, size_t a, int m,
			   double figure, const char *note)
{
	struct reading *rd = &r->v[a];
	const struct plan_indicator *ind = &r->plan->indicators[r->plan->assignments[a].indicator];
	if (rd->as_of == m)
		return; /* the month's own figure wins over its quarter's */
	if (ind->basis == BASIS_PERIOD) {
		int due_before = 0;
		for (int k = 1; k < m; k++)
			due_before += frequency_last_due(ind->every, k) == k;
		if (ws->points != due_before)
			rd->flags |= FLAG_GAP;
		ws->points++;
		ws->sum += figure;
	}
	ws->previous = rd->value;
	ws->previous_increment = rd->increment;
	ws->previous_as_of = rd->as_of;
	rd->value = ind->basis == BASIS_PERIOD ? ws->sum : figure;
	if (ind->basis == BASIS_PERIOD)
		rd->increment = figure;
	else if (ws->previous_as_of > 0)
		rd->increment = figure - ws->previous;
	else
		rd->increment = frequency_last_due(ind->every, m) == m && m <= 3 ? figure : NAN;
	rd->as_of = m;
	review(ind, rd, ws, figure);
	rd->note = keep_text(r, note);
}

/* Last year's figure for month m, kept at the month this year's is from. */
static void take_last_year(struct readings *r, struct reading_walk *ws, size_t a, int m,
			   double figure)
{
	struct reading *rd = &r->v[a];
	const struct plan_assignment *as = &r->plan->assignments[a];
	const struct plan_indicator *ind = &r->plan->indicators[as->indicator];
	if (as->target.form != FORM_GROWTH || m > rd->as_of)
		return;
	if (ind->basis == BASIS_PERIOD) {
		ws->last_year_sum += figure;
		ws->last_year_points++;
	}
	if (m != rd->as_of || !isnan(rd->last_year))
		return;
	int due = 0;
	for (int k = 1; k <= m; k++)
		due += frequency_last_due(ind->every, k) == k;
	if (ind->basis == BASIS_YTD)
		rd->last_year = figure;
	else if (ws->last_year_points == due)
		rd->last_year = ws->last_year_sum;
}

/* The unit of a figure: the last one's when it is named the same. */
static int figure_unit(struct walk *w, const char *name)
{
	const struct plan *plan = w->r->plan;
	if (w->last_unit && strcmp(name, w->last_unit) == 0)
		return w->last_u;
	int u = plan_find_unit(plan, name);
	w->last_unit = NULL;
	if (u >= 0) {
		const struct plan_unit *pu = &plan->units[u];
		w->last_unit = strcmp(name, pu->id) == 0 ? pu->id : pu->name;
		w->last_u = u;
		w->last_a = -1;
	}
	return u;
}

/* The assignment a figure of unit u is for, or -1: the one after the
 * last figure's when its indicator is the one named (figures come in the
 * order of the plan's indicators where their ids sort that way). */
static long figure_assignment(struct walk *w, int u, const char *indicator)
{
	const struct plan *plan = w->r->plan;
	long next = w->last_a + 1;
	if (w->last_a >= 0 && (size_t)next < plan->unit_first[u + 1] &&
	    strcmp(plan->indicators[plan->assignments[next].indicator].id, indicator) == 0)
		return w->last_a = next;
	int i = plan_find_indicator(plan, indicator);
	long a = i >= 0 ? plan_find_assignment(plan, u, i) : -1;
	if (a >= 0)
		w->last_a = a;
	return a;
}

static void take_figure(void *ctx, const struct store_figure *f)
{
	struct walk *w = ctx;
	const struct plan *plan = w->r->plan;
	int u = figure_unit(w, f->unit);
	long a = u >= 0 ? figure_assignment(w, u, f->indicator) : -1;
	if (a < 0)
		return; /* figures for what the plan no longer assesses are ignored */
	bool grows = plan->assignments[a].target.form == FORM_GROWTH;
	if (w->witness && (!w->last_year || grows))
		w->witness->figure(w->witness->ctx, f);
	if (w->last_year)
		take_last_year(w->r, &w->state[a], (size_t)a, w->month, f->value);
	else
		take_this_year(w->r, &w->state[a], (size_t)a, w->month, f->value, f->note);
}

/* Reads the figures of one year's months 1..last: each month's own, then
 * its quarter's and the year's where the month ends them. */
static int walk_year(struct walk *w, struct store *store, int year, int last, diag_t *d)
{
	for (int m = 1; m <= last; m++) {
		struct period labels[3] = {{year, PERIOD_MONTH, m}};
		int n = 1;
		if (m % 3 == 0)
			labels[n++] = (struct period){year, PERIOD_QUARTER, m / 3};
		if (m == 12)
			labels[n++] = (struct period){year, PERIOD_YEAR, 0};
		w->month = m;
		for (int k = 0; k < n; k++) {
			char text[PERIOD_TEXT];
			if (store_each_figure(store, w->r->plan->id, period_format(&labels[k], text),
					      take_figure, w, d) != 0)
				return -1;
		}
	}
	return 0;
}

/* What the walk leaves at the period's end: due, carried or missing. */
static void settle(const struct plan *plan, struct reading *rd, const struct plan_assignment *as,
		   int month)
{
	const struct plan_indicator *ind = &plan->indicators[as->indicator];
	if (ind->kind == KIND_TASK)
		return; /* a task's latest status stands until it changes */
	int due = frequency_last_due(ind->every, month);
	unsigned gaps = rd->flags & (FLAG_GAP | FLAG_EARLIER_GAP);
	if (rd->as_of == 0 && due == 0) {
		rd->flags = FLAG_NOT_DUE;
	} else if (rd->as_of < due || gaps) {
		rd->flags = gaps | FLAG_MISSING;
		rd->value = rd->increment = NAN;
	} else if (rd->as_of < month) {
		rd->flags |= FLAG_CARRIED;
	}
	if (as->target.form == FORM_GROWTH && ind->kind != KIND_RATE && !isnan(rd->value) &&
	    isnan(rd->last_year))
		rd->flags |= FLAG_NO_BASE;
}

struct adjustment_walk {
	struct readings *r;
	const struct period *period;
	const struct readings_witness *witness; /* NULL: none */
};

static void take_adjustment(void *ctx, const struct store_adjustment *a)
{
	struct adjustment_walk *w = ctx;
	struct readings *r = w->r;
	struct reading_adjustment ra = {.unit = plan_find_unit(r->plan, a->unit), .points = a->points};
	if (ra.unit < 0 || period_parse(a->period, &ra.period) != 0 ||
	    !period_within(&ra.period, w->period))
		return;
	if (w->witness)
		w->witness->adjustment(w->witness->ctx, a);
	ra.reason = keep_text(r, a->reason);
	ra.source = keep_text(r, a->source);
	r->adj = xrealloc(r->adj, (r->nadj + 1) * sizeof *r->adj);
	r->adj[r->nadj++] = ra;
}

static void readings_init(struct readings *r, const struct plan *plan)
{
	memset(r, 0, sizeof *r);
	r->plan = plan;
	r->n = plan->nassignments;
	r->v = xcalloc(r->n + 1, sizeof *r->v);
	for (size_t a = 0; a < r->n; a++) {
		struct reading *rd = &r->v[a];
		rd->value = rd->increment = rd->jump = rd->last_year = NAN;
	}
}

static bool counts_across_years(const struct plan *plan)
{
	for (size_t a = 0; a < plan->nassignments; a++)
		if (plan_counts_across_years(plan, &plan->assignments[a]))
			return true;
	return false;
}

/* Adds the year-end figures of the plan's years before `year` to the
 * targets counted across them; a year without one leaves no total. */
static int add_earlier_years(struct readings *r, struct store *store, int year, diag_t *d)
{
	const struct plan *plan = r->plan;
	for (int y = plan->year; y < year; y++) {
		struct readings past;
		readings_init(&past, plan);
		struct walk w = {&past, 0, false, NULL, walk_state_new(past.n), NULL, -1, -1};
		int rc = walk_year(&w, store, y, 12, d);
		free(w.state);
		for (size_t a = 0; rc == 0 && a < r->n; a++) {
			const struct plan_assignment *as = &plan->assignments[a];
			if (!plan_counts_across_years(plan, as))
				continue;
			settle(plan, &past.v[a], as, 12);
			if (isnan(past.v[a].value))
				r->v[a].flags |= FLAG_EARLIER_GAP;
			else
				r->v[a].earlier += past.v[a].value;
		}
		readings_release(&past);
		if (rc != 0)
			return -1;
	}
	return 0;
}

int readings_gather_witnessed(struct readings *r, const struct plan *plan, struct store *store,
			      const struct period *period, const struct readings_witness *witness,
			      diag_t *d)
{
	readings_init(r, plan);
	int month = period_end_month(period);
	struct walk w = {r, 0, false, witness, walk_state_new(r->n), NULL, -1, -1};
	int rc = walk_year(&w, store, period->year, month, d);
	w.last_year = true;
	if (rc == 0 && plan->needs_last_year)
		rc = walk_year(&w, store, period->year - 1, month, d);
	free(w.state);
	if (rc != 0)
		goto fail;
	if (counts_across_years(plan) && add_earlier_years(r, store, period->year, d) != 0)
		goto fail;
	for (size_t a = 0; a < r->n; a++)
		settle(plan, &r->v[a], &plan->assignments[a], month);
	struct adjustment_walk aw = {r, period, witness};
	if (store_each_adjustment(store, plan->id, period->year, take_adjustment, &aw, d) != 0)
		goto fail;
	return 0;
fail:
	readings_release(r);
	return -1;
}

int readings_gather(struct readings *r, const struct plan *plan, struct store *store,
		    const struct period *period, diag_t *d)
{
	return readings_gather_witnessed(r, plan, store, period, NULL, d);
}

void readings_release(struct readings *r)
{
	free(r->v);
	free(r->adj);
	sbuf_release(&r->notes);
	memset(r, 0, sizeof *r);
}

const char *readings_text(const struct readings *r, size_t ref)
{
	return ref ? r->notes.s + ref - 1 : "";
}

const char *reading_note(const struct readings *r, const struct reading *rd)
{
	return readings_text(r, rd->note);
}
