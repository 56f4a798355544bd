/* An Excel workbook: the ranking, the lights with coloured cells, and a
 * sheet per peer group with every unit's scorecard. Numbers are written as
 * numbers (completion as a percentage), so that they sort and sum. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "figure_text.h"
#include "numbers.h"
#include "plan_target.h"
#include "render.h"
#include "xlsx_out.h"

struct book {
	struct xlsx_out x;
	const struct board *board;
	lxw_format *light[LIGHTS_MAX + 1]; /* by light: the cell's colour */
	struct sbuf scratch;
};

static void add_light_formats(struct book *k)
{
	for (int l = 1; l <= k->board->lights.n; l++) {
		uint32_t fill, ink;
		render_light_colours(light_name(k->board, l), &fill, &ink);
		k->light[l] = workbook_add_format(k->x.book);
		format_set_bg_color(k->light[l], fill);
		format_set_font_color(k->light[l], ink);
	}
}

/* x as shown with `digits` decimals, as the double nearest that decimal
 * (79.76, not round_half_away's 79.76000000000001). */
static double shown(double x, int digits)
{
	char text[64];
	return strtod(format_fixed(text, sizeof text, x, digits), NULL);
}

/* A number, or nothing when there is none. */
static void write_number(lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x, lxw_format *f)
{
	if (!isnan(x))
		worksheet_write_number(ws, r, c, x, f);
}

static lxw_format *light_format(const struct book *k, const struct item *it)
{
	return it->status == ITEM_SCORED && !it->error ? k->light[it->light] : NULL;
}

/* "● green", "○ not due", the light as the other formats show it. */
static const char *light_text(struct book *k, const struct item *it)
{
	sbuf_reset(&k->scratch);
	sbuf_addf(&k->scratch, "%s %s", render_light_symbol(k->board, it),
		  *render_item_light(k->board, it) ? render_item_light(k->board, it) : "shown");
	return sbuf_str(&k->scratch);
}

static void ranking_row(struct book *k, lxw_worksheet *ws, lxw_row_t r, const struct board *b,
			const struct card *c)
{
	const struct plan_unit *u = &b->plan->units[c->unit];
	worksheet_write_string(ws, r, 0, b->plan->groups[u->group].name, NULL);
	if (c->rank)
		worksheet_write_number(ws, r, 1, c->rank, NULL);
	worksheet_write_string(ws, r, 2, u->name, NULL);
	worksheet_write_string(ws, r, 3, u->id, NULL);
	lxw_col_t verdict = (lxw_col_t)(5 + b->lights.n);
	if (card_has_total(c)) {
		worksheet_write_number(ws, r, 4, shown(c->total, 2), k->x.fixed2);
		for (int l = 1; l <= b->lights.n; l++)
			worksheet_write_number(ws, r, (lxw_col_t)(4 + l), c->lights[l], NULL);
	}
	worksheet_write_string(ws, r, verdict, render_card_verdict(c), NULL);
	sbuf_reset(&k->scratch);
	if (card_has_total(c))
		render_card_verdict_text(b, c, &k->scratch);
	else
		render_card_unscored(b, c, &k->scratch);
	worksheet_write_string(ws, r, verdict + 1, sbuf_str(&k->scratch), NULL);
}

static void ranking_sheet(struct book *k, const struct board *b)
{
	const char *headers[5 + LIGHTS_MAX + 2] = {"group", "rank", "unit", "id", "total"};
	int columns = 5;
	for (int l = 1; l <= b->lights.n; l++) /* a column per light */
		headers[columns++] = light_name(b, l);
	headers[columns++] = "verdict";
	headers[columns++] = "verdict reason";
	lxw_worksheet *ws = xlsx_out_sheet(&k->x, "ranking", NULL);
	struct ranking rk;
	render_ranking_make(&rk, b);
	xlsx_out_header(&k->x, ws, 0, headers, columns);
	lxw_row_t r = 1;
	for (size_t g = 0; g < b->plan->ngroups; g++) {
		size_t n = rk.first[g + 1] - rk.first[g];
		const struct card *const *order = rk.cards + rk.first[g];
		for (size_t i = 0; i < n; i++)
			ranking_row(k, ws, r++, b, order[i]);
	}
	worksheet_set_column(ws, 0, 0, 14, NULL);
	worksheet_set_column(ws, 2, 3, 22, NULL);
	worksheet_set_column(ws, (lxw_col_t)(columns - 1), (lxw_col_t)(columns - 1), 60, NULL);
	worksheet_freeze_panes(ws, 1, 0);
	render_ranking_release(&rk);
}

/* Indicators down, units across, as on the HTML page. */
static void lights_sheet(struct book *k, const struct board *b)
{
	const struct plan *p = b->plan;
	lxw_worksheet *ws = xlsx_out_sheet(&k->x, "lights", NULL);
	worksheet_write_string(ws, 0, 0, "indicator", k->x.header);
	for (size_t u = 0; u < p->nunits; u++)
		worksheet_write_string(ws, 0, (lxw_col_t)(u + 1), p->units[u].name, k->x.header);
	for (size_t i = 0; i < p->nindicators; i++) {
		lxw_row_t r = (lxw_row_t)(i + 1);
		render_indicator_label(&p->indicators[i], &k->scratch);
		worksheet_write_string(ws, r, 0, sbuf_str(&k->scratch), NULL);
		for (size_t u = 0; u < p->nunits; u++) {
			long a = plan_find_assignment(p, (int)u, (int)i);
			if (a < 0)
				continue;
			const struct item *it = &b->items[a];
			worksheet_write_string(ws, r, (lxw_col_t)(u + 1), light_text(k, it),
					       light_format(k, it));
		}
	}
	worksheet_set_column(ws, 0, 0, 44, NULL);
	worksheet_set_column(ws, 1, (lxw_col_t)p->nunits, 12, NULL);
	worksheet_freeze_panes(ws, 1, 1);
}

/* The figure: a number where it is one, else its text (a task's date, a
 * growth's "+8.00%"). */
static void write_actual(lxw_worksheet *ws, lxw_row_t r, const struct board *b,
			 const struct item *it)
{
	const struct plan_assignment *a = &b->plan->assignments[it->assignment];
	char text[64];
	const char *figure = render_item_actual(b, it, text, sizeof text);
	if (b->plan->indicators[it->indicator].kind != KIND_TASK && plan_target_form(b->plan, a) != FORM_GROWTH)
		write_number(ws, r, 1, it->actual, NULL);
	else if (*figure)
		worksheet_write_string(ws, r, 1, figure, NULL);
}

static void write_target(struct book *k, lxw_worksheet *ws, lxw_row_t r, const struct board *b,
			 const struct item *it)
{
	double v;
	render_item_target(b, it, &k->scratch);
	if (parse_number(sbuf_str(&k->scratch), &v))
		worksheet_write_number(ws, r, 2, v, NULL);
	else if (k->scratch.len)
		worksheet_write_string(ws, r, 2, sbuf_str(&k->scratch), NULL);
}

static void item_row(struct book *k, lxw_worksheet *ws, lxw_row_t r, const struct board *b,
		     const struct item *it)
{
	bool scored = it->status == ITEM_SCORED && !it->error;
	render_indicator_label(&b->plan->indicators[it->indicator], &k->scratch);
	worksheet_write_string(ws, r, 0, sbuf_str(&k->scratch), NULL);
	write_actual(ws, r, b, it);
	write_target(k, ws, r, b, it);
	if (scored) {
		write_number(ws, r, 3, it->completion, k->x.percent);
		worksheet_write_number(ws, r, 4, shown(it->score, 2), k->x.fixed2);
	}
	write_number(ws, r, 5, item_weight(b, it), NULL);
	worksheet_write_string(ws, r, 6, light_text(k, it), light_format(k, it));
	render_item_reason(b, it, &k->scratch);
	worksheet_write_string(ws, r, 7, sbuf_str(&k->scratch), NULL);
}

/* One unit's scorecard from row r: heading, items, total and verdict; the
 * row after it. */
static lxw_row_t card_block(struct book *k, lxw_worksheet *ws, lxw_row_t r,
			    const struct board *b, const struct card *c)
{
	static const char *const headers[] = {"indicator", "actual", "target", "completion",
					      "score", "weight", "light", "reason"};
	sbuf_reset(&k->scratch);
	render_card_heading(b, c, &k->scratch);
	worksheet_write_string(ws, r++, 0, sbuf_str(&k->scratch), k->x.header);
	xlsx_out_header(&k->x, ws, r++, headers, 8);
	for (size_t i = c->first; i < c->first + c->count; i++)
		item_row(k, ws, r++, b, &b->items[i]);
	sbuf_reset(&k->scratch);
	if (!card_has_total(c)) {
		render_card_unscored(b, c, &k->scratch);
		worksheet_write_string(ws, r++, 0, sbuf_str(&k->scratch), NULL);
		return r + 1;
	}
	worksheet_write_string(ws, r, 0, "total", NULL);
	worksheet_write_number(ws, r++, 4, shown(c->total, 2), k->x.fixed2);
	render_card_verdict_text(b, c, &k->scratch);
	worksheet_write_string(ws, r, 0, "verdict", NULL);
	worksheet_write_string(ws, r++, 1, sbuf_str(&k->scratch), NULL);
	return r + 1;
}

static void group_sheet(struct book *k, const struct board *b, size_t g)
{
	const struct plan_group *group = &b->plan->groups[g];
	lxw_worksheet *ws = xlsx_out_sheet(&k->x, group->name, group->id);
	lxw_row_t r = 0;
	for (size_t u = 0; u < b->ncards; u++)
		if (b->plan->units[b->cards[u].unit].group == (int)g)
			r = card_block(k, ws, r, b, &b->cards[u]);
	worksheet_set_column(ws, 0, 0, 44, NULL);
	worksheet_set_column(ws, 1, 2, 14, NULL);
	worksheet_set_column(ws, 3, 6, 11, NULL);
	worksheet_set_column(ws, 7, 7, 70, NULL);
}

int render_xlsx(const struct board *b, const char *path, diag_t *d)
{
	struct book k = {.board = b};
	if (xlsx_out_begin(&k.x, path, d) != 0)
		return -1;
	add_light_formats(&k);
	ranking_sheet(&k, b);
	lights_sheet(&k, b);
	for (size_t g = 0; g < b->plan->ngroups; g++)
		group_sheet(&k, b, g);
	int rc = xlsx_out_commit(&k.x, d);
	sbuf_release(&k.scratch);
	return rc;
}
