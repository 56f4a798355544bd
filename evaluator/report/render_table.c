/* The terminal format: a scorecard per unit, then the ranking. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "lang.h"
#include "numbers.h"
#include "render.h"
#include "table.h"

static void render_items(const struct board *b, const struct card *c, struct sbuf *out)
{
	struct table t;
	struct item_cells cells = {0};
	const char *headers[ITEM_COLUMNS];
	item_column_headers_read(headers);
	table_init(&t, ITEM_COLUMNS, headers);
	const struct item *items = card_items(b, c);
	for (size_t k = 0; k < c->count; k++) {
		item_cells_fill(&cells, b, &items[k], false);
		table_add_row(&t, cells.cell);
	}
	table_render(&t, "  ", out);
	table_release(&t);
	item_cells_release(&cells);
}

/* The unit's bonus and deduction items, and what they added up to:
 *   adjustment  +2  获国务院通报表扬 · 2023-09 · 国办发〔2023〕12号
 *   total before adjustments 91.50, adjustments +2.00 (reason) */
static void render_adjustments(const struct board *b, const struct card *c, struct sbuf *out)
{
	char num[64];
	if (!c->nadjustments)
		return;
	for (int k = 0; k < c->nadjustments; k++) {
		const struct board_adjustment *a = &card_adjustments(b, c)[k];
		char period[PERIOD_TEXT];
		sbuf_addf(out, _("  adjustment  %s%s  %s · %s"), a->points > 0 ? "+" : "",
			  format_number(num, sizeof num, a->points), board_text(b, a->reason),
			  period_format(&a->period, period));
		if (a->source)
			sbuf_addf(out, " · %s", board_text(b, a->source));
		sbuf_addc(out, '\n');
	}
	sbuf_add(out, "  ");
	render_card_adjustment(b, c, out);
	sbuf_addc(out, '\n');
}

static void render_card(const struct board *b, const struct card *c, struct sbuf *out)
{
	render_card_heading(b, c, out);
	sbuf_addc(out, '\n');
	render_items(b, c, out);
	if (!card_has_total(c)) {
		sbuf_add(out, _("  total: "));
		render_card_unscored(b, c, out);
		sbuf_add(out, "\n\n");
		return;
	}
	render_adjustments(b, c, out);
	sbuf_add(out, "  ");
	render_card_counts(b, c, out);
	sbuf_add(out, _("\n  verdict: "));
	render_card_verdict_text(b, c, out);
	sbuf_add(out, "\n\n");
}

/* The sample-data banner on a line of its own, when there is one. */
static void banner_line(const struct board *b, struct sbuf *out)
{
	if (render_sample_banner(b, out))
		sbuf_addc(out, '\n');
}

static void ranking_row(const struct board *b, const struct card *c, struct table *t)
{
	char rank[16], total[64], red[16];
	snprintf(rank, sizeof rank, "%d", c->rank);
	snprintf(red, sizeof red, "%d", card_red(b, c));
	bool total_shown = card_has_total(c);
	const char *row[5] = {c->rank ? rank : "—", b->plan->units[c->unit].name,
			      total_shown ? format_fixed(total, sizeof total, c->total, 2)
			      : card_failed(c) ? _("error") : "",
			      total_shown ? red : "", render_card_verdict(c)};
	table_add_row(t, row);
}

void render_ranking_table(const struct board *b, struct sbuf *out)
{
	render_ranking_table_pieces(b, out, NULL);
}

void render_ranking_table_pieces(const struct board *b, struct sbuf *out,
				 const struct render_sink *sink)
{
	char red[RED_HEADER_MAX];
	const char *headers[RANKING_COLUMNS];
	ranking_headers_read(b, red, headers);
	const struct plan *p = b->plan;
	struct ranking rk;
	render_ranking_make(&rk, b);
	sbuf_add(out, _("ranking\n"));
	banner_line(b, out);
	for (size_t g = 0; g < p->ngroups; g++) {
		size_t n = rk.first[g + 1] - rk.first[g];
		const struct card *const *order = rk.cards + rk.first[g];
		if (n == 0)
			continue;
		struct table t;
		table_init(&t, RANKING_COLUMNS, headers);
		for (size_t k = 0; k < n; k++)
			ranking_row(b, order[k], &t);
		sbuf_addf(out, "%s\n", p->groups[g].name);
		table_render(&t, "  ", out);
		table_release(&t);
		render_pass_on(sink, out);
	}
	render_ranking_release(&rk);
}

void render_table_pieces(const struct board *b, int unit, struct sbuf *out,
			 const struct render_sink *sink)
{
	const struct plan *p = b->plan;
	char period[PERIOD_TEXT], progress[32];
	sbuf_addf(out, _("%s (%s)\nperiod %s · time progress %s\n\n"), p->title, p->id,
		  period_format(&b->period, period), render_percent(progress, sizeof progress, b->progress));
	if (render_sample_banner(b, out))
		sbuf_add(out, "\n\n");
	for (size_t u = 0; u < b->ncards; u++)
		if (unit < 0 || b->cards[u].unit == unit) {
			render_card(b, &b->cards[u], out);
			render_pass_on(sink, out);
		}
	if (unit < 0)
		render_ranking_table_pieces(b, out, sink);
	render_pass_on(sink, out);
}

void render_table(const struct board *b, int unit, struct sbuf *out)
{
	render_table_pieces(b, unit, out, NULL);
}
