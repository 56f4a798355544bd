#include "lang.h"
#include "mem.h"
#include "numbers.h"
#include "plan_target.h"
#include "scorecard.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* The most items a unit of the plan has. */
static size_t most_items(const struct plan *plan)
{
	size_t most = 0;
	for (size_t u = 0; u < plan->nunits; u++)
		if (plan->unit_first[u + 1] - plan->unit_first[u] > most)
			most = plan->unit_first[u + 1] - plan->unit_first[u];
	return most;
}

void board_init(struct board *b, const struct plan *plan, const struct period *period,
		enum board_use use)
{
	/* held a group at a time, its items are touched in full all the same:
	 * in large pages, as a board held whole */
	use = (enum board_use)(use & ~BOARD_BY_GROUP);
	memset(b, 0, sizeof *b);
	b->plan = plan;
	b->period = *period;
	b->progress = period_time_progress(period);
	b->ncards = plan->nunits;
	b->cards = xcalloc(b->ncards, sizeof *b->cards);
	b->nitems = plan->nassignments;
	bool few = use == BOARD_FEW_UNITS || use == BOARD_FEW_SHOWN;
	void *(*alloc)(size_t, size_t) = few ? xcalloc_sparse : xcalloc;
	b->items = alloc(b->nitems + 1, sizeof *b->items);
	b->ntrends = use == BOARD_SHOWN || use == BOARD_FEW_SHOWN ? b->nitems : most_items(plan);
	b->trends = alloc(b->ntrends + 1, sizeof *b->trends);
	b->weights = xmalloc((plan->nindicators + 1) * sizeof *b->weights);
	for (size_t i = 0; i < plan->nindicators; i++)
		b->weights[i] = NAN;
	b->lights = default_lights;
	b->lines = (struct verdict_lines){NAN, NAN};
	sbuf_addc(&b->pool, '\0'); /* ref 0 is "" */
}

void board_focus(struct board *b, const struct card *c)
{
	if (b->ntrends < b->nitems)
		b->trends_first = c->first;
}

const struct item *board_item(const struct board *b, size_t a)
{
	struct board_window *w = b->window;
	int unit = b->plan->assignments[a].unit;
	if (w && w->of_group[b->plan->units[unit].group] != w->current)
		w->fill(w, unit);
	return &b->items[a];
}

bool item_on_sample(const struct board *b, const struct item *it)
{
	return it->note && strstr(board_text(b, it->note), "样例数据") != NULL;
}

/* The items of units [from, to), and their trends. */
static void forget_unit_run(struct board *b, size_t from, size_t to)
{
	const size_t *first = b->plan->unit_first;
	size_t n = first[to] - first[from];
	memory_forget(&b->items[first[from]], n * sizeof *b->items);
	if (b->ntrends == b->nitems)
		memory_forget(&b->trends[first[from]], n * sizeof *b->trends);
}

void board_forget_units(struct board *b, const size_t *units, size_t n)
{
	/* units next to each other in one go: their pages are shared */
	for (size_t k = 0; k < n;) {
		size_t from = units[k], to = from + 1;
		for (k++; k < n && units[k] == to; k++)
			to++;
		forget_unit_run(b, from, to);
	}
}

void board_release(struct board *b)
{
	if (b->window)
		b->window->release(b->window);
	free(b->cards);
	free(b->items);
	free(b->trends);
	free(b->weights);
	free(b->adjustments);
	sbuf_release(&b->pool);
	memset(b, 0, sizeof *b);
}

static void *copy_of(const void *src, size_t n, size_t size)
{
	void *p = xmalloc(n ? n * size : 1);
	if (n)
		memcpy(p, src, n * size);
	return p;
}

void board_snapshot(struct board *dst, const struct board *src, const bool *units)
{
	*dst = *src;
	dst->cards = copy_of(src->cards, src->ncards, sizeof *src->cards);
	size_t n = 0;
	for (size_t u = 0; u < src->ncards; u++)
		n += units[u] ? src->cards[u].count : 0;
	dst->items = xmalloc((n + 1) * sizeof *dst->items);
	dst->nitems = 0;
	for (size_t u = 0; u < src->ncards; u++) {
		struct card *c = &dst->cards[u];
		if (!units[u]) {
			c->first = c->count = 0;
			continue;
		}
		memcpy(&dst->items[dst->nitems], &src->items[c->first], c->count * sizeof *dst->items);
		c->first = dst->nitems;
		dst->nitems += c->count;
	}
	dst->trends = NULL;
	dst->ntrends = dst->trends_first = 0;
	dst->weights = copy_of(src->weights, src->plan->nindicators, sizeof *src->weights);
	dst->adjustments = copy_of(src->adjustments, src->nadjustments, sizeof *src->adjustments);
	dst->pool = (struct sbuf){0};
	sbuf_addn(&dst->pool, src->pool.s, src->pool.len);
}

text_ref board_text_add(struct board *b, const char *s, size_t len)
{
	if (len == 0)
		return 0;
	text_ref ref = (text_ref)b->pool.len;
	sbuf_addn(&b->pool, s, len);
	sbuf_addc(&b->pool, '\0');
	return ref;
}

void item_reason_add(const struct board *b, const struct item *it, struct sbuf *out)
{
	if (it->reason == REASON_DEFERRED && b->deferred_reason)
		b->deferred_reason(b, it, out);
	else
		sbuf_add(out, board_text(b, it->reason));
}

const char *board_text(const struct board *b, text_ref ref)
{
	return ref == REASON_DEFERRED ? "" : b->pool.s + ref;
}

double item_progress(const struct board *b, const struct item *it)
{
	const struct plan *plan = b->plan;
	int month = period_end_month(&b->period);
	/* a derived figure has no month of its own: it is due at the period's end */
	if (it->as_of && it->as_of < month && !plan->indicators[it->indicator].ninputs)
		month = it->as_of;
	return plan_time_progress(plan, &plan->assignments[it->assignment], b->period.year, month);
}

double item_target_high(const struct board *b, const struct item *it)
{
	const struct plan *p = b->plan;
	return p->terms[p->assignments[it->assignment].terms].target.high;
}

double item_weight(const struct board *b, const struct item *it)
{
	/* a plan without per-unit weights pays one test for them */
	const double *own = b->plan->unit_weights;
	if (own && !isnan(own[it->assignment]))
		return own[it->assignment];
	return b->weights[it->indicator];
}

double board_rank_value(double total)
{
	return round_half_away(total, 2);
}

const struct light_set default_lights = {3, {"green", "yellow", "red"}};

int light_of_role(const struct light_set *set, enum light role)
{
	if (role == LIGHT_RED)
		return set->n;
	return role == LIGHT_YELLOW ? (set->n > 2 ? 2 : set->n) : role == LIGHT_GREEN ? 1 : 0;
}

int light_by_name(const struct light_set *set, const char *name)
{
	for (int k = 0; k < set->n; k++)
		if (strcmp(set->names[k], name) == 0)
			return k + 1;
	for (int role = LIGHT_GREEN; role <= LIGHT_RED; role++)
		if (strcmp(default_lights.names[role - 1], name) == 0)
			return light_of_role(set, (enum light)role);
	return 0;
}

const char *light_name(const struct board *b, int light)
{
	return light > 0 && light <= b->lights.n ? b->lights.names[light - 1] : "";
}

const char *item_status_name(enum item_status status)
{
	static const char *const names[] = {"scored", "not_due", "supporting", "shown"};
	return names[status];
}

void item_flag_words(unsigned flags, struct sbuf *out)
{
	static const char *const words[] = {"missing", "carried", "backwards", "jump", "gap",
					    "not_due", "no_base", "late", "overdue", "earlier_gap"};
	sbuf_reset(out);
	for (size_t k = 0; k < sizeof words / sizeof *words; k++)
		if (flags & (1u << k))
			sbuf_addf(out, "%s%s", out->len ? " " : "", words[k]);
}

const char *item_outcome(const struct board *b, const struct item *it)
{
	if (it->error)
		return "error";
	return it->status == ITEM_SCORED ? light_name(b, it->light) : item_status_name(it->status);
}

const char *verdict_name(enum verdict verdict)
{
	/* codes, which tools read; tr_in("verdict code", ...) words them */
	static const char *const names[] = {NC_("verdict code", "none"),
					    NC_("verdict code", "commendation"),
					    NC_("verdict code", "red_light")};
	return names[verdict];
}

bool card_failed(const struct card *c)
{
	return c->error || c->failed_items;
}

bool card_ranked(const struct card *c)
{
	return !card_failed(c) && c->scored > 0;
}

bool card_has_total(const struct card *c)
{
	return c->scored > 0 && !c->failed_items && (!c->error || c->verdict_failed);
}
