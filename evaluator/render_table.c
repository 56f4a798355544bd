/* The terminal format: a scorecard per unit, then the ranking. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "render.h"
#include "table.h"

static const char *verdict_label(enum verdict v)
{
	static const char *const labels[] = {"none", "commendation", "red light"};
	return labels[v];
}

static void indicator_label(const struct plan_indicator *ind, struct sbuf *out)
{
	sbuf_reset(out);
	sbuf_add(out, ind->name);
	if (ind->measure[0])
		sbuf_addf(out, " (%s)", ind->measure);
}

/* The light column: the light, or why there is none. */
static const char *light_cell(const struct item *it)
{
	static const char *const status[] = {"", "not due", "supporting", ""};
	if (it->error)
		return "error";
	return it->status == ITEM_SCORED ? light_name(it->light) : status[it->status];
}

/* The reason column: the rule's reason (or error), then the notes. */
static void reason_cell(const struct board *b, const struct item *it, struct sbuf *notes,
			struct sbuf *out)
{
	sbuf_reset(out);
	sbuf_add(out, board_text(b, it->error ? it->error : it->reason));
	render_item_notes(b, it, notes);
	if (notes->len)
		sbuf_addf(out, "%s%s", out->len ? " · " : "", sbuf_str(notes));
}

static void render_items(const struct board *b, const struct card *c, struct sbuf *out)
{
	static const char *const headers[] = {"indicator", ">actual", ">target", ">completion",
					      ">score", "light", "reason"};
	struct table t;
	struct sbuf label = {0}, target = {0}, reason = {0}, notes = {0};
	table_init(&t, 7, headers);
	for (size_t k = c->first; k < c->first + c->count; k++) {
		const struct item *it = &b->items[k];
		char actual[64], completion[64], score[64];
		bool scored = it->status == ITEM_SCORED && !it->error;
		indicator_label(&b->plan->indicators[it->indicator], &label);
		render_item_target(b, it, &target);
		reason_cell(b, it, &notes, &reason);
		const char *shown = render_item_actual(b, it, actual, sizeof actual);
		const char *cells[7] = {
			sbuf_str(&label),
			*shown ? shown : it->status == ITEM_SCORED ? "—" : "",
			sbuf_str(&target),
			render_percent(completion, sizeof completion, it->completion),
			scored ? format_fixed(score, sizeof score, it->score, 2) : "",
			light_cell(it),
			sbuf_str(&reason),
		};
		table_add_row(&t, cells);
	}
	table_render(&t, "  ", out);
	table_release(&t);
	sbuf_release(&label);
	sbuf_release(&target);
	sbuf_release(&reason);
	sbuf_release(&notes);
}

/* The unit's bonus and deduction items, and what they added up to:
 *   adjustment  +2  获国务院通报表扬 · 2023-09 · 国办发〔2023〕12号
 *   total before adjustments 91.50, adjustments +2.00 (reason) */
static void render_adjustments(const struct board *b, const struct card *c, struct sbuf *out)
{
	char num[64], base[64];
	if (!c->nadjustments)
		return;
	for (size_t k = 0; k < b->nadjustments; k++) {
		const struct board_adjustment *a = &b->adjustments[k];
		char period[PERIOD_TEXT];
		if (a->unit != c->unit)
			continue;
		sbuf_addf(out, "  adjustment  %s%s  %s · %s", a->points > 0 ? "+" : "",
			  format_number(num, sizeof num, a->points), board_text(b, a->reason),
			  period_format(&a->period, period));
		if (a->source)
			sbuf_addf(out, " · %s", board_text(b, a->source));
		sbuf_addc(out, '\n');
	}
	sbuf_addf(out, "  total before adjustments %s, adjustments %s%s",
		  format_fixed(base, sizeof base, c->base_total, 2), c->adjustment >= 0 ? "+" : "",
		  format_fixed(num, sizeof num, c->adjustment, 2));
	if (c->adjustment_reason)
		sbuf_addf(out, " (%s)", board_text(b, c->adjustment_reason));
	sbuf_addc(out, '\n');
}

static void render_card(const struct board *b, const struct card *c, struct sbuf *out)
{
	const struct plan *p = b->plan;
	const struct plan_unit *u = &p->units[c->unit];
	char total[64];
	sbuf_addf(out, "%s (%s) · %s", u->name, u->id, p->groups[u->group].name);
	if (c->rank)
		sbuf_addf(out, " · rank %d of %d", c->rank, c->group_size);
	sbuf_addc(out, '\n');
	render_items(b, c, out);
	if (c->error) {
		sbuf_addf(out, "  total: not scored: %s\n\n", board_text(b, c->error));
		return;
	}
	if (c->failed_items) {
		sbuf_addf(out, "  total: not scored: the rules failed for %d indicator%s\n\n",
			  c->failed_items, c->failed_items == 1 ? "" : "s");
		return;
	}
	if (!c->scored) {
		sbuf_add(out, "  total: nothing was due and scored this period\n\n");
		return;
	}
	render_adjustments(b, c, out);
	sbuf_addf(out, "  total %s · green %d · yellow %d · red %d", format_fixed(total, sizeof total, c->total, 2),
		  c->green, c->yellow, c->red);
	if (c->missing)
		sbuf_addf(out, " · not reported %d", c->missing);
	if (c->review)
		sbuf_addf(out, " · to review %d", c->review);
	sbuf_addf(out, "\n  verdict: %s", verdict_label(c->verdict));
	if (c->verdict_reason)
		sbuf_addf(out, " — %s", board_text(b, c->verdict_reason));
	if (c->veto)
		sbuf_addf(out, " — %s", board_text(b, c->veto));
	sbuf_add(out, "\n\n");
}

static void ranking_row(const struct board *b, const struct card *c, struct table *t)
{
	char rank[16], total[64], red[16];
	snprintf(rank, sizeof rank, "%d", c->rank);
	snprintf(red, sizeof red, "%d", c->red);
	const char *ranked[5] = {rank, b->plan->units[c->unit].name,
				 format_fixed(total, sizeof total, c->total, 2), red,
				 c->veto ? "vetoed" : verdict_label(c->verdict)};
	const char *unranked[5] = {"—", b->plan->units[c->unit].name,
				   card_failed(c) ? "error" : "", "", card_failed(c) ? "" : "not scored"};
	table_add_row(t, c->rank ? ranked : unranked);
}

void render_ranking_table(const struct board *b, struct sbuf *out)
{
	static const char *const headers[] = {">rank", "unit", ">total", ">red", "verdict"};
	const struct plan *p = b->plan;
	const struct card **order = xmalloc((b->ncards + 1) * sizeof *order);
	sbuf_add(out, "ranking\n");
	for (size_t g = 0; g < p->ngroups; g++) {
		size_t n = render_ranking_order(b, g, order);
		if (n == 0)
			continue;
		struct table t;
		table_init(&t, 5, headers);
		for (size_t k = 0; k < n; k++)
			ranking_row(b, order[k], &t);
		sbuf_addf(out, "%s\n", p->groups[g].name);
		table_render(&t, "  ", out);
		table_release(&t);
	}
	free(order);
}

void render_table(const struct board *b, int unit, struct sbuf *out)
{
	const struct plan *p = b->plan;
	char period[PERIOD_TEXT], progress[32];
	sbuf_addf(out, "%s (%s)\nperiod %s · time progress %s\n\n", p->title, p->id,
		  period_format(&b->period, period), render_percent(progress, sizeof progress, b->progress));
	for (size_t u = 0; u < b->ncards; u++)
		if (unit < 0 || b->cards[u].unit == unit)
			render_card(b, &b->cards[u], out);
	if (unit < 0)
		render_ranking_table(b, out);
}
