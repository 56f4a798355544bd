#include "numbers.h"
#include "plan_target.h"
#include "readings.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What walking the periods keeps for a reading, and drops once the
 * readings are settled. */
struct reading_walk {
	double previous, previous_increment, sum, last_year_sum;
	int previous_as_of, points, last_year_points;
};

static void walk_reset(struct reading_walk *state, size_t n)
{
	for (size_t a = 0; a < n; a++)
		state[a] = (struct reading_walk){.previous = NAN, .previous_increment = NAN};
}

static void readings_blank(struct reading *v, size_t n)
{
	for (size_t a = 0; a < n; a++)
		v[a] = (struct reading){.value = NAN, .increment = NAN, .jump = NAN, .last_year = NAN};
}

static bool positive(double x)
{
	return isfinite(x) && x > 0;
}

/* a < b as on a calculator: without rounding noise. */
static bool below(double a, double b)
{
	return drop_noise(a - b) < 0;
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

/* A task's status after an earlier one (a date done as 20230831, 0 not
 * done, NaN none): done again is done when first reported so, since a
 * later confirmation (完成 in August, again in September) does not make
 * it late; a later 'not done' withdraws it. */
static double task_status(double earlier, double figure)
{
	if (positive(earlier) && positive(figure) && earlier < figure)
		return earlier;
	return figure;
}

/* The figure for this year's month m (a month's, else its quarter's or
 * year's, which is read after it). */
static void take_this_year(struct readings *r, struct reading_walk *ws, size_t a, int m,
			   double figure, const char *note)
{
	struct reading *rd = &r->v[a - r->first];
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
	if (ind->kind == KIND_TASK)
		figure = task_status(rd->value, figure);
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
	struct reading *rd = &r->v[a - r->first];
	const struct plan_assignment *as = &r->plan->assignments[a];
	const struct plan_indicator *ind = &r->plan->indicators[as->indicator];
	if (plan_target_form(r->plan, as) != FORM_GROWTH || m > rd->as_of)
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
	const struct plan_target *t = &plan->terms[as->terms].target;
	bool base_given = t->yearly_average && t->base != 0;
	if (t->form == FORM_GROWTH && ind->kind != KIND_RATE && !base_given && !isnan(rd->value) &&
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

static int gather_adjustments(struct readings *r, struct store *store, const struct period *period,
			      const struct readings_witness *witness, diag_t *d)
{
	struct adjustment_walk aw = {r, period, witness};
	return store_each_adjustment(store, r->plan->id, period->year, take_adjustment, &aw, d);
}

/* ---- the stream: a unit's readings at a time --------------------------- */

/* Where the figures of one period are read in the walk. */
enum label_year {
	THIS_YEAR,
	LAST_YEAR,              /* growth targets: the same point of the year they
				 * grow from (the year before, or before the plan) */
	EARLIER_YEAR,           /* counted across a plan's years */
};

/* One period's figures, by unit then indicator, and the one at hand. */
struct label_cursor {
	struct store_cursor *c;
	struct store_figure f;
	bool has;               /* f is a figure not yet taken */
	enum label_year kind;
	int year;               /* the year of its period */
	int month;              /* the month the figure is read at */
	bool year_starts, year_ends; /* EARLIER_YEAR: the first, last of its year */
};

struct readings_stream {
	const struct plan *plan;
	struct period period;
	const struct readings_witness *witness; /* NULL: none */
	struct label_cursor *cursors;
	size_t ncursors;
	struct readings unit;   /* the unit's: v[a - first] for its assignments */
	struct readings past;   /* the unit's in an earlier year of the plan */
	struct reading_walk *state, *past_state; /* beside unit.v and past.v */
	size_t most;            /* the most assignments one unit has */
	struct readings adjustments; /* the period's bonus and deduction items */
	bool *taken;            /* per plan unit: its readings were given */
	size_t rest;            /* units without figures: the next to look at */
	struct sbuf key;        /* the unit being read, as stored */
	long last_a;            /* the last figure's assignment; -1: none */
	const bool *wanted;     /* per plan unit: its readings are made; NULL: all */
	const char **wanted_ids; /* theirs, in the store's order (strcmp's) */
	size_t nwanted;
	struct reading_change *changes; /* what-if: figures given instead */
	size_t nchanges;
	bool witness_only;      /* the figures are only told to the witness */
};

/* A what-if's figure: assignment's reading, as reported at the period's end. */
struct reading_change {
	size_t assignment;
	double value;
};

/* The periods a year's figures can be given for: its months, quarters and
 * itself. */
#define LABELS_PER_YEAR 17

/* A cursor on the figures of one period: every unit's, or the wanted
 * units' only. */
static int open_label(const struct readings_stream *s, struct store *store, const char *period,
		      struct store_cursor **out, diag_t *d)
{
	if (!s->wanted)
		return store_figures_open(store, s->plan->id, period, out, d);
	return store_figures_open_units(store, s->plan->id, period, s->wanted_ids, s->nwanted,
					out, d);
}

/* The periods one year's figures are read at, months 1..last in walk
 * order: each month's own, then its quarter's and the year's where it ends
 * them; their number. */
static int year_labels(int year, int last, enum label_year kind,
		       struct label_cursor out[LABELS_PER_YEAR], struct period at[LABELS_PER_YEAR])
{
	int n = 0;
	for (int m = 1; m <= last; m++) {
		at[n] = (struct period){year, PERIOD_MONTH, m};
		out[n++] = (struct label_cursor){.kind = kind, .year = year, .month = m};
		if (m % 3 == 0) {
			at[n] = (struct period){year, PERIOD_QUARTER, m / 3};
			out[n++] = (struct label_cursor){.kind = kind, .year = year, .month = m};
		}
		if (m == 12) {
			at[n] = (struct period){year, PERIOD_YEAR, 0};
			out[n++] = (struct label_cursor){.kind = kind, .year = year, .month = m};
		}
	}
	return n;
}

/* Opens c on the figures of period at, with its first figure at hand. */
static int open_cursor(const struct readings_stream *s, struct store *store,
		       const struct period *at, struct label_cursor *c, diag_t *d)
{
	char text[PERIOD_TEXT];
	if (open_label(s, store, period_format(at, text), &c->c, d) != 0)
		return -1;
	int rc = store_figures_next(c->c, &c->f, d);
	if (rc < 0)
		return -1;
	c->has = rc == 1;
	return 0;
}

/* Opens the cursors of one year's months 1..last in walk order. */
static int open_year(struct readings_stream *s, struct store *store, int year, int last,
		     enum label_year kind, diag_t *d)
{
	struct label_cursor labels[LABELS_PER_YEAR];
	struct period at[LABELS_PER_YEAR];
	int n = year_labels(year, last, kind, labels, at);
	size_t first = s->ncursors;
	for (int k = 0; k < n; k++) {
		struct label_cursor *c = &s->cursors[s->ncursors];
		*c = labels[k];
		int rc = open_cursor(s, store, &at[k], c, d);
		if (c->c)
			s->ncursors++; /* closed with the stream */
		if (rc != 0)
			return -1;
	}
	s->cursors[first].year_starts = true;
	s->cursors[s->ncursors - 1].year_ends = true;
	return 0;
}

static bool counts_across_years(const struct plan *plan)
{
	for (size_t a = 0; a < plan->nassignments; a++)
		if (plan_counts_across_years(plan, &plan->assignments[a]))
			return true;
	return false;
}

static void window_init(struct readings *r, const struct plan *plan, size_t n)
{
	memset(r, 0, sizeof *r);
	r->plan = plan;
	r->v = xcalloc(n + 1, sizeof *r->v);
}

static int by_text(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* Marks the units the stream hands out and lists their ids in the store's
 * order, for the cursors to look up. */
static void want_only(struct readings_stream *s, const bool *wanted)
{
	const struct plan *plan = s->plan;
	s->wanted = wanted;
	s->wanted_ids = xmalloc((plan->nunits + 1) * sizeof *s->wanted_ids);
	for (size_t u = 0; u < plan->nunits; u++)
		if (wanted[u])
			s->wanted_ids[s->nwanted++] = plan->units[u].id;
	qsort(s->wanted_ids, s->nwanted, sizeof *s->wanted_ids, by_text);
}

/* The years before the period's whose figures at the period's point of
 * the year are read (last year, and the year before the plan where a
 * yearly average grows from it); their number. */
static int years_grown_from(const struct plan *plan, const struct period *period, int out[2])
{
	bool last_year = plan->needs_last_year;
	/* a yearly average grows from the year before the plan: in the plan's
	 * first year that is last year, read once */
	bool base_year = plan->needs_base_year && !(last_year && period->year == plan->year);
	int n = 0;
	if (last_year)
		out[n++] = period->year - 1;
	if (base_year)
		out[n++] = plan->year - 1;
	return n;
}

/* A stream with room for ncursors cursors, none open. */
static struct readings_stream *stream_new(const struct plan *plan, const struct period *period,
					  const struct readings_witness *witness, size_t ncursors)
{
	struct readings_stream *s = xcalloc(1, sizeof *s);
	*s = (struct readings_stream){.plan = plan, .period = *period, .witness = witness,
				      .cursors = xcalloc(ncursors + 1, sizeof *s->cursors),
				      .taken = xcalloc(plan->nunits + 1, sizeof *s->taken),
				      .last_a = -1};
	for (size_t u = 0; u < plan->nunits; u++)
		if (plan->unit_first[u + 1] - plan->unit_first[u] > s->most)
			s->most = plan->unit_first[u + 1] - plan->unit_first[u];
	window_init(&s->unit, plan, s->most);
	window_init(&s->past, plan, s->most);
	s->state = xcalloc(s->most + 1, sizeof *s->state);
	s->past_state = xcalloc(s->most + 1, sizeof *s->past_state);
	window_init(&s->adjustments, plan, 0);
	return s;
}

static int stream_open(struct readings_stream **out, const struct plan *plan,
		       struct store *store, const struct period *period,
		       const struct readings_witness *witness, const bool *wanted, diag_t *d)
{
	int month = period_end_month(period);
	int grown_from[2];
	int ngrown = years_grown_from(plan, period, grown_from);
	bool earlier = period->year > plan->year && counts_across_years(plan);
	int years = 1 + ngrown + (earlier ? period->year - plan->year : 0);
	struct readings_stream *s =
		stream_new(plan, period, witness, (size_t)years * LABELS_PER_YEAR);
	if (wanted)
		want_only(s, wanted);
	*out = s;
	if (open_year(s, store, period->year, month, THIS_YEAR, d) != 0)
		return -1;
	for (int k = 0; k < ngrown; k++)
		if (open_year(s, store, grown_from[k], month, LAST_YEAR, d) != 0)
			return -1;
	for (int y = plan->year; earlier && y < period->year; y++)
		if (open_year(s, store, y, 12, EARLIER_YEAR, d) != 0)
			return -1;
	return gather_adjustments(&s->adjustments, store, period, witness, d);
}

int readings_stream_open(struct readings_stream **out, const struct plan *plan,
			 struct store *store, const struct period *period,
			 const struct readings_witness *witness, diag_t *d)
{
	return stream_open(out, plan, store, period, witness, NULL, d);
}

int readings_stream_open_only(struct readings_stream **out, const struct plan *plan,
			      struct store *store, const struct period *period,
			      const struct readings_witness *witness, const bool *wanted, diag_t *d)
{
	return stream_open(out, plan, store, period, witness, wanted, d);
}

void readings_stream_close(struct readings_stream *s)
{
	if (!s)
		return;
	for (size_t k = 0; k < s->ncursors; k++)
		store_figures_close(s->cursors[k].c);
	free(s->cursors);
	readings_release(&s->unit);
	readings_release(&s->past);
	readings_release(&s->adjustments);
	free(s->state);
	free(s->past_state);
	free(s->taken);
	free(s->changes);
	free(s->wanted_ids);
	sbuf_release(&s->key);
	free(s);
}

void readings_stream_change(struct readings_stream *s, size_t assignment, double value)
{
	s->changes = xrealloc(s->changes, (s->nchanges + 1) * sizeof *s->changes);
	s->changes[s->nchanges++] = (struct reading_change){assignment, value};
}

/* The what-if's figures of the unit in place of those read: each as
 * reported at the period's end, with nothing to compare it to. */
static void apply_changes(struct readings_stream *s)
{
	struct readings *r = &s->unit;
	for (size_t k = 0; k < s->nchanges; k++) {
		size_t a = s->changes[k].assignment;
		if (a < r->first || a >= r->first + r->n)
			continue;
		struct reading *rd = &r->v[a - r->first];
		rd->value = s->changes[k].value;
		rd->as_of = period_end_month(&s->period);
		rd->flags = 0;
		rd->increment = rd->jump = NAN;
	}
}

/* The assignment a figure of unit u is for, or -1: the one after the
 * last figure's when its indicator is the one named (figures come in the
 * order of the plan's indicators where their ids sort that way). */
static long figure_assignment(struct readings_stream *s, int u, const char *indicator)
{
	const struct plan *plan = s->plan;
	long next = s->last_a + 1;
	if (s->last_a >= 0 && (size_t)next < plan->unit_first[u + 1] &&
	    strcmp(plan->indicators[plan->assignments[next].indicator].id, indicator) == 0)
		return s->last_a = next;
	int i = plan_find_indicator(plan, indicator);
	long a = i >= 0 ? plan_find_assignment(plan, u, i) : -1;
	if (a >= 0)
		s->last_a = a;
	return a;
}

static void take_figure(struct readings_stream *s, const struct label_cursor *c, int u)
{
	const struct store_figure *f = &c->f;
	long a = figure_assignment(s, u, f->indicator);
	if (a < 0)
		return; /* figures for what the plan no longer assesses are ignored */
	size_t k = (size_t)a - s->unit.first;
	const struct plan_target *t = &s->plan->terms[s->plan->assignments[a].terms].target;
	bool grows_from = t->form == FORM_GROWTH &&
			  c->year == plan_growth_from_year(s->plan, t, s->period.year);
	if (c->kind == LAST_YEAR && !grows_from)
		return; /* a year other targets grow from */
	if (s->witness && c->kind != EARLIER_YEAR)
		s->witness->figure(s->witness->ctx, f);
	if (c->kind == THIS_YEAR)
		take_this_year(&s->unit, &s->state[k], (size_t)a, c->month, f->value, f->note);
	else if (c->kind == LAST_YEAR)
		take_last_year(&s->unit, &s->state[k], (size_t)a, c->month, f->value);
	else
		take_this_year(&s->past, &s->past_state[k], (size_t)a, c->month, f->value, f->note);
}

/* Adds the year-end figures of an earlier year (read into s->past) to the
 * unit's targets counted across the plan's years; a year without one
 * leaves no total. */
static void add_earlier_year(struct readings_stream *s)
{
	const struct plan *plan = s->plan;
	for (size_t k = 0; k < s->unit.n; k++) {
		const struct plan_assignment *as = &plan->assignments[s->unit.first + k];
		if (!plan_counts_across_years(plan, as))
			continue;
		settle(plan, &s->past.v[k], as, 12);
		if (isnan(s->past.v[k].value))
			s->unit.v[k].flags |= FLAG_EARLIER_GAP;
		else
			s->unit.v[k].earlier += s->past.v[k].value;
	}
}

static void window_reset(struct readings *r, struct reading_walk *state, size_t first, size_t n)
{
	r->first = first;
	r->n = n;
	sbuf_reset(&r->notes);
	readings_blank(r->v, n);
	walk_reset(state, n);
}

/* Reads unit u's readings from the figures stored under key (NULL: it has
 * none; u -1: the plan has no such unit, whose figures are passed over). */
static int read_unit(struct readings_stream *s, int u, const char *key, diag_t *d)
{
	const struct plan *plan = s->plan;
	size_t first = u >= 0 ? plan->unit_first[u] : 0;
	size_t n = u >= 0 ? plan->unit_first[u + 1] - first : 0;
	window_reset(&s->unit, s->state, first, n);
	s->last_a = -1;
	for (size_t k = 0; k < s->ncursors; k++) {
		struct label_cursor *c = &s->cursors[k];
		if (c->year_starts && c->kind == EARLIER_YEAR)
			window_reset(&s->past, s->past_state, first, n);
		for (int rc; key && c->has && strcmp(c->f.unit, key) == 0; c->has = rc == 1) {
			if (u >= 0)
				take_figure(s, c, u);
			if ((rc = store_figures_next(c->c, &c->f, d)) < 0)
				return -1;
		}
		if (c->year_ends && c->kind == EARLIER_YEAR && u >= 0)
			add_earlier_year(s);
	}
	if (s->witness_only)
		return 0;
	int month = period_end_month(&s->period);
	for (size_t k = 0; k < n; k++)
		settle(plan, &s->unit.v[k], &plan->assignments[first + k], month);
	apply_changes(s);
	return 0;
}

/* The first unit, in the store's order, among the figures at hand; NULL
 * when every cursor is at its end. */
static const char *next_key(const struct readings_stream *s)
{
	const char *key = NULL;
	for (size_t k = 0; k < s->ncursors; k++)
		if (s->cursors[k].has && (!key || strcmp(s->cursors[k].f.unit, key) < 0))
			key = s->cursors[k].f.unit;
	return key;
}

/* The plan unit whose figures are stored under key: its id (figures are
 * stored under ids), or -1. */
static int stored_unit(const struct plan *plan, const char *key)
{
	int u = plan_find_unit(plan, key);
	return u >= 0 && strcmp(plan->units[u].id, key) == 0 ? u : -1;
}

int readings_stream_next(struct readings_stream *s, diag_t *d)
{
	const char *key;
	while ((key = next_key(s)) != NULL) {
		sbuf_reset(&s->key);
		sbuf_add(&s->key, key); /* the cursors move on from it */
		int u = stored_unit(s->plan, sbuf_str(&s->key));
		if (u >= 0 && s->wanted && !s->wanted[u]) {
			s->taken[u] = true; /* its figures are passed over */
			u = -1;
		}
		if (read_unit(s, u, sbuf_str(&s->key), d) != 0)
			return READINGS_FAILED;
		if (u >= 0) { /* a key is read once: the cursors all move past it */
			s->taken[u] = true;
			return u;
		}
	}
	for (; s->rest < s->plan->nunits; s->rest++)
		if (!s->taken[s->rest] && (!s->wanted || s->wanted[s->rest])) {
			s->taken[s->rest] = true;
			if (read_unit(s, (int)s->rest, NULL, d) != 0)
				return READINGS_FAILED;
			return (int)s->rest++;
		}
	return READINGS_END;
}

/* ---- the figures read, a period at a time ------------------------------- */

/* A period the figures are read at, and where in the walk. */
struct witnessed_label {
	struct label_cursor label;
	struct period at;
	char text[PERIOD_TEXT];
};

static int by_label_text(const void *x, const void *y)
{
	return strcmp(((const struct witnessed_label *)x)->text,
		      ((const struct witnessed_label *)y)->text);
}

/* Adds one year's periods to v; their number. */
static int add_year_labels(struct witnessed_label *v, int year, int last, enum label_year kind)
{
	struct label_cursor labels[LABELS_PER_YEAR];
	struct period at[LABELS_PER_YEAR];
	int n = year_labels(year, last, kind, labels, at);
	for (int k = 0; k < n; k++) {
		v[k] = (struct witnessed_label){.label = labels[k], .at = at[k]};
		period_format(&at[k], v[k].text);
	}
	return n;
}

/* Tells the stream's witness of the figures of one period, walking them
 * unit by unit as a stream over every period does. */
static int witness_label(struct readings_stream *s, struct store *store,
			 const struct witnessed_label *l, diag_t *d)
{
	struct label_cursor *c = &s->cursors[0];
	*c = l->label;
	int rc = open_cursor(s, store, &l->at, c, d);
	if (c->c)
		s->ncursors = 1;
	while (rc == 0 && c->has) {
		sbuf_reset(&s->key);
		sbuf_add(&s->key, c->f.unit); /* the cursor moves on from it */
		rc = read_unit(s, stored_unit(s->plan, sbuf_str(&s->key)), sbuf_str(&s->key), d);
	}
	store_figures_close(c->c);
	c->c = NULL;
	s->ncursors = 0;
	return rc;
}

int readings_witness_each(const struct plan *plan, struct store *store,
			  const struct period *period, const struct readings_witness *w,
			  diag_t *d)
{
	struct witnessed_label labels[3 * LABELS_PER_YEAR];
	int month = period_end_month(period);
	int grown_from[2];
	int ngrown = years_grown_from(plan, period, grown_from);
	int n = add_year_labels(labels, period->year, month, THIS_YEAR);
	for (int k = 0; k < ngrown; k++)
		n += add_year_labels(labels + n, grown_from[k], month, LAST_YEAR);
	qsort(labels, (size_t)n, sizeof *labels, by_label_text);
	struct readings_stream *s = stream_new(plan, period, w, 1);
	s->witness_only = true;
	int rc = gather_adjustments(&s->adjustments, store, period, w, d);
	for (int k = 0; k < n && rc == 0; k++)
		rc = witness_label(s, store, &labels[k], d);
	readings_stream_close(s);
	return rc;
}

const struct readings *readings_stream_unit(const struct readings_stream *s)
{
	return &s->unit;
}

const struct readings *readings_stream_adjustments(const struct readings_stream *s)
{
	return &s->adjustments;
}

/* ---- every reading at once ---------------------------------------------- */

static void readings_init(struct readings *r, const struct plan *plan)
{
	window_init(r, plan, plan->nassignments);
	r->n = plan->nassignments;
}

/* Copies the unit's readings, and their notes, into r. */
static void take_unit(struct readings *r, const struct readings *unit)
{
	for (size_t k = 0; k < unit->n; k++) {
		struct reading *rd = &r->v[unit->first + k];
		*rd = unit->v[k];
		rd->note = keep_text(r, reading_note(unit, &unit->v[k]));
	}
}

/* Copies the period's bonus and deduction items, and their texts, into r. */
static void take_adjustments(struct readings *r, const struct readings *from)
{
	r->adj = xcalloc(from->nadj + 1, sizeof *r->adj);
	for (size_t k = 0; k < from->nadj; k++) {
		struct reading_adjustment ra = from->adj[k];
		ra.reason = keep_text(r, readings_text(from, ra.reason));
		ra.source = keep_text(r, readings_text(from, ra.source));
		r->adj[r->nadj++] = ra;
	}
}

int readings_gather(struct readings *r, const struct plan *plan, struct store *store,
		    const struct period *period, diag_t *d)
{
	struct readings_stream *s = NULL;
	readings_init(r, plan);
	int u = READINGS_FAILED;
	if (readings_stream_open(&s, plan, store, period, NULL, d) == 0)
		while ((u = readings_stream_next(s, d)) >= 0)
			take_unit(r, &s->unit);
	if (u == READINGS_END)
		take_adjustments(r, &s->adjustments);
	readings_stream_close(s);
	if (u != READINGS_END) {
		readings_release(r);
		return -1;
	}
	return 0;
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

enum duty reading_duty(const struct plan *plan, size_t assignment, const struct reading *rd,
		       int on)
{
	const struct plan_assignment *a = &plan->assignments[assignment];
	const struct plan_indicator *ind = &plan->indicators[a->indicator];
	if (plan_supporting(plan, a) || ind->ninputs || (rd->flags & FLAG_NOT_DUE))
		return DUTY_NONE;
	if (ind->kind == KIND_TASK)
		return rd->as_of > 0 ? DUTY_REPORTED : DUTY_OPEN;
	if (!reading_missing(ind, rd))
		return DUTY_REPORTED;
	return ind->due > on ? DUTY_NONE : DUTY_MISSING;
}
