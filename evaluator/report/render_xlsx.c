/* An Excel workbook that stands alone: the report's head (report_head) in
 * the first rows of the first sheet and in the document's properties, the
 * ranking, the lights with coloured cells and their shapes, and a sheet
 * per peer group with every unit's items (more when they fill one). Each
 * sheet is one table, its header frozen, filtered and repeated on every
 * printed page (A4, landscape, a page wide); each is written in order of
 * rows, as a streamed workbook must be (a large plan's is: written row
 * after row to a temporary file, in flat memory). Numbers are written as
 * numbers (completion as a percentage), so that they sort and sum. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "figure_text.h"
#include "lang.h"
#include "numbers.h"
#include "plan_target.h"
#include "render.h"
#include "utf8.h"
#include "xlsx_out.h"

struct book {
	struct xlsx_out x;
	const struct board *board;
	const struct report_head *head;
	lxw_format *light[LIGHTS_MAX + 1]; /* by light: the cell's colour */
	struct sbuf scratch;
	unsigned long sheet_rows;  /* the most a peer group's sheet may take */
	/* the display width (a Chinese character takes two columns) of the
	 * longest unit name, indicator label and group name or head label */
	int unit_width, indicator_width, label_width;
};

static int widest(int so_far, const char *text)
{
	int w = text_width(text);
	return w > so_far ? w : so_far;
}

/* The longest names of the plan and labels of the head, measured once. */
static void measure_names(struct book *k)
{
	const struct plan *p = k->board->plan;
	for (size_t u = 0; u < p->nunits; u++)
		k->unit_width = widest(k->unit_width, p->units[u].name);
	for (size_t i = 0; i < p->nindicators; i++) {
		render_indicator_label(&p->indicators[i], &k->scratch);
		k->indicator_width = widest(k->indicator_width, sbuf_str(&k->scratch));
	}
	for (size_t g = 0; g < p->ngroups; g++)
		k->label_width = widest(k->label_width, p->groups[g].name);
	for (size_t r = 0; r < k->head->n; r++)
		k->label_width = widest(k->label_width, k->head->label[r]);
}

/* A column as wide as its longest text (in display columns, and a margin),
 * within least and most. */
static double fitted(int width, double least, double most)
{
	double w = width + 2;
	return w < least ? least : w > most ? most : w;
}

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
static void write_number(struct book *k, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c, double x,
			 lxw_format *f)
{
	if (!isnan(x))
		xlsx_out_number(&k->x, ws, r, c, x, f);
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
		  *render_item_light(k->board, it) ? render_item_light(k->board, it) : _("shown"));
	return sbuf_str(&k->scratch);
}

/* A header row of at most 10 columns, in the reader's language. */
static void translated_header(struct book *k, lxw_worksheet *ws, lxw_row_t r,
			      const char *const *english, size_t n)
{
	const char *headers[10];
	n = n < 10 ? n : 10;
	tr_all(english, n, headers);
	xlsx_out_header(&k->x, ws, r, headers, n);
}

static void ranking_row(struct book *k, lxw_worksheet *ws, lxw_row_t r, const struct board *b,
			const struct card *c)
{
	const struct plan_unit *u = &b->plan->units[c->unit];
	xlsx_out_string(&k->x, ws, r, 0, b->plan->groups[u->group].name, NULL);
	if (c->rank)
		xlsx_out_number(&k->x, ws, r, 1, c->rank, NULL);
	xlsx_out_string(&k->x, ws, r, 2, u->name, NULL);
	xlsx_out_string(&k->x, ws, r, 3, u->id, NULL);
	lxw_col_t verdict = (lxw_col_t)(5 + b->lights.n);
	if (card_has_total(c)) {
		xlsx_out_number(&k->x, ws, r, 4, shown(c->total, 2), k->x.fixed2);
		for (int l = 1; l <= b->lights.n; l++)
			xlsx_out_number(&k->x, ws, r, (lxw_col_t)(4 + l), c->lights[l], NULL);
	}
	xlsx_out_string(&k->x, ws, r, verdict, render_card_verdict(c), NULL);
	sbuf_reset(&k->scratch);
	if (card_has_total(c))
		render_card_verdict_text(b, c, &k->scratch);
	else
		render_card_unscored(b, c, &k->scratch);
	xlsx_out_string(&k->x, ws, r, verdict + 1, sbuf_str(&k->scratch), NULL);
}

/* The report's head from row 0, a label and its text a row; the row after
 * it and a blank one. */
static lxw_row_t head_rows(struct book *k, lxw_worksheet *ws)
{
	lxw_row_t r = 0;
	for (; r < k->head->n; r++) {
		xlsx_out_string(&k->x, ws, r, 0, k->head->label[r], k->x.header);
		xlsx_out_string(&k->x, ws, r, 1, k->head->text[r], NULL);
	}
	return r + 1;
}

static void ranking_sheet(struct book *k, const struct board *b)
{
	static const char *const english[] = {N_("group"), N_("rank"), N_("unit"), N_("id"),
					      N_("total"), N_("verdict"), N_("verdict reason")};
	const char *headers[5 + LIGHTS_MAX + 2];
	int columns = 0;
	for (; columns < 5; columns++)
		headers[columns] = _(english[columns]);
	for (int l = 1; l <= b->lights.n; l++) /* a column per light */
		headers[columns++] = _(light_name(b, l));
	headers[columns++] = _(english[5]);
	headers[columns++] = _(english[6]);
	lxw_worksheet *ws = xlsx_out_sheet(&k->x, _("ranking"), "ranking");
	struct ranking rk;
	render_ranking_make(&rk, b);
	lxw_row_t header = head_rows(k, ws), r = header + 1;
	xlsx_out_header(&k->x, ws, header, headers, columns);
	for (size_t g = 0; g < b->plan->ngroups; g++) {
		size_t n = rk.first[g + 1] - rk.first[g];
		const struct card *const *order = rk.cards + rk.first[g];
		for (size_t i = 0; i < n; i++)
			ranking_row(k, ws, r++, b, order[i]);
	}
	xlsx_out_table(&k->x, ws, header, r - 1, (lxw_col_t)(columns - 1), 0);
	sbuf_reset(&k->scratch);
	if (render_sample_banner(b, &k->scratch))
		xlsx_out_string(&k->x, ws, r + 1, 0, sbuf_str(&k->scratch), k->x.header);
	xlsx_out_width(&k->x, ws, 0, 0, fitted(k->label_width, 10, 30));
	xlsx_out_width(&k->x, ws, 2, 2, fitted(k->unit_width, 10, 40));
	xlsx_out_width(&k->x, ws, 3, 3, 14);
	xlsx_out_width(&k->x, ws, (lxw_col_t)(columns - 1), (lxw_col_t)(columns - 1), 60);
	render_ranking_release(&rk);
}

/* A unit's light for an indicator, when it is assessed on it. */
static void light_cell(struct book *k, lxw_worksheet *ws, lxw_row_t r, lxw_col_t c,
		       const struct board *b, size_t unit, size_t indicator)
{
	long a = plan_find_assignment(b->plan, (int)unit, (int)indicator);
	if (a < 0)
		return;
	const struct item *it = board_item(b, (size_t)a);
	xlsx_out_string(&k->x, ws, r, c, light_text(k, it), light_format(k, it));
}

/* Indicators down, units across, as on the HTML page. */
static void lights_across(struct book *k, lxw_worksheet *ws, const struct board *b)
{
	const struct plan *p = b->plan;
	xlsx_out_string(&k->x, ws, 0, 0, _("indicator"), k->x.header);
	for (size_t u = 0; u < p->nunits; u++)
		xlsx_out_string(&k->x, ws, 0, (lxw_col_t)(u + 1), p->units[u].name, k->x.header);
	for (size_t i = 0; i < p->nindicators; i++) {
		lxw_row_t r = (lxw_row_t)(i + 1);
		render_indicator_label(&p->indicators[i], &k->scratch);
		xlsx_out_string(&k->x, ws, r, 0, sbuf_str(&k->scratch), NULL);
		for (size_t u = 0; u < p->nunits; u++)
			light_cell(k, ws, r, (lxw_col_t)(u + 1), b, u, i);
	}
	xlsx_out_table(&k->x, ws, 0, (lxw_row_t)p->nindicators, (lxw_col_t)p->nunits, 1);
	xlsx_out_width(&k->x, ws, 0, 0, fitted(k->indicator_width, 16, 60));
	xlsx_out_width(&k->x, ws, 1, (lxw_col_t)p->nunits, fitted(k->unit_width, 8, 24));
}

/* Units down, indicators across: a large plan's units would not fit
 * across (Excel has 16,384 columns) and could not be read there. */
static void lights_down(struct book *k, lxw_worksheet *ws, const struct board *b)
{
	const struct plan *p = b->plan;
	xlsx_out_string(&k->x, ws, 0, 0, _("unit"), k->x.header);
	for (size_t i = 0; i < p->nindicators; i++) {
		render_indicator_label(&p->indicators[i], &k->scratch);
		xlsx_out_string(&k->x, ws, 0, (lxw_col_t)(i + 1), sbuf_str(&k->scratch), k->x.header);
	}
	for (size_t u = 0; u < p->nunits; u++) {
		lxw_row_t r = (lxw_row_t)(u + 1);
		xlsx_out_string(&k->x, ws, r, 0, p->units[u].name, NULL);
		for (size_t i = 0; i < p->nindicators; i++)
			light_cell(k, ws, r, (lxw_col_t)(i + 1), b, u, i);
	}
	xlsx_out_table(&k->x, ws, 0, (lxw_row_t)p->nunits, (lxw_col_t)p->nindicators, 1);
	xlsx_out_width(&k->x, ws, 0, 0, fitted(k->unit_width, 10, 40));
	xlsx_out_width(&k->x, ws, 1, (lxw_col_t)p->nindicators, fitted(k->indicator_width, 10, 24));
}

static void lights_sheet(struct book *k, const struct board *b)
{
	lxw_worksheet *ws = xlsx_out_sheet(&k->x, _("lights"), "lights");
	if (b->plan->nunits > RENDER_LARGE_PLAN_UNITS)
		lights_down(k, ws, b);
	else
		lights_across(k, ws, b);
}

/* A group sheet's columns: the unit, then an item's as the scorecards
 * show them. */
enum group_column { COL_UNIT, COL_INDICATOR, COL_ACTUAL, COL_TARGET, COL_COMPLETION, COL_SCORE,
		    COL_WEIGHT, COL_LIGHT, COL_REASON, GROUP_COLUMNS };

/* The figure: a number where it is one, else its text (a task's date, a
 * growth's "+8.00%"). */
static void write_actual(struct book *k, lxw_worksheet *ws, lxw_row_t r, const struct board *b,
			 const struct item *it)
{
	const struct plan_assignment *a = &b->plan->assignments[it->assignment];
	char text[64];
	const char *figure = render_item_actual_read(b, it, text, sizeof text);
	if (b->plan->indicators[it->indicator].kind != KIND_TASK && plan_target_form(b->plan, a) != FORM_GROWTH)
		write_number(k, ws, r, COL_ACTUAL, it->actual, NULL);
	else if (*figure)
		xlsx_out_string(&k->x, ws, r, COL_ACTUAL, figure, NULL);
}

static void write_target(struct book *k, lxw_worksheet *ws, lxw_row_t r, const struct board *b,
			 const struct item *it)
{
	double v;
	render_item_target(b, it, &k->scratch);
	if (parse_number(sbuf_str(&k->scratch), &v))
		xlsx_out_number(&k->x, ws, r, COL_TARGET, v, NULL);
	else if (k->scratch.len)
		xlsx_out_string(&k->x, ws, r, COL_TARGET, sbuf_str(&k->scratch), NULL);
}

static void item_row(struct book *k, lxw_worksheet *ws, lxw_row_t r, const struct board *b,
		     const char *unit, const struct item *it)
{
	bool scored = it->status == ITEM_SCORED && !it->error;
	xlsx_out_string(&k->x, ws, r, COL_UNIT, unit, NULL);
	render_indicator_label(&b->plan->indicators[it->indicator], &k->scratch);
	xlsx_out_string(&k->x, ws, r, COL_INDICATOR, sbuf_str(&k->scratch), NULL);
	write_actual(k, ws, r, b, it);
	write_target(k, ws, r, b, it);
	if (scored) {
		write_number(k, ws, r, COL_COMPLETION, it->completion, k->x.percent);
		xlsx_out_number(&k->x, ws, r, COL_SCORE, shown(it->score, 2), k->x.fixed2);
	}
	write_number(k, ws, r, COL_WEIGHT, item_weight(b, it), NULL);
	xlsx_out_string(&k->x, ws, r, COL_LIGHT, light_text(k, it), light_format(k, it));
	render_item_reason(b, it, &k->scratch);
	xlsx_out_string(&k->x, ws, r, COL_REASON, sbuf_str(&k->scratch), NULL);
}

/* One unit's scorecard from row r: its items, then its total (or why it
 * has none) with its rank and verdict, each row naming the unit, so that
 * the filter on the unit shows the whole card; the row after it. */
static lxw_row_t card_block(struct book *k, lxw_worksheet *ws, lxw_row_t r,
			    const struct board *b, const struct card *c)
{
	const char *unit = b->plan->units[c->unit].name;
	const struct item *items = card_items(b, c);
	for (size_t i = 0; i < c->count; i++)
		item_row(k, ws, r++, b, unit, &items[i]);
	xlsx_out_string(&k->x, ws, r, COL_UNIT, unit, k->x.header);
	sbuf_reset(&k->scratch);
	render_card_heading(b, c, &k->scratch);
	xlsx_out_string(&k->x, ws, r, COL_INDICATOR, sbuf_str(&k->scratch), k->x.header);
	sbuf_reset(&k->scratch);
	if (card_has_total(c)) {
		xlsx_out_string(&k->x, ws, r, COL_COMPLETION, _("total"), k->x.header);
		xlsx_out_number(&k->x, ws, r, COL_SCORE, shown(c->total, 2), k->x.fixed2);
		render_card_verdict_text(b, c, &k->scratch);
	} else {
		render_card_unscored(b, c, &k->scratch);
	}
	xlsx_out_string(&k->x, ws, r++, COL_REASON, sbuf_str(&k->scratch), NULL);
	return r;
}

/* The rows card_block takes: its items, and its total. */
static size_t card_block_rows(const struct card *c)
{
	return c->count + 1;
}

/* A peer group's sheet, its part-th when the group's cards fill more than
 * one (Excel's sheets end at row 1,048,576): "区级部门", "区级部门 (2)";
 * its header written. */
static lxw_worksheet *group_sheet_part(struct book *k, const struct plan_group *group, int part)
{
	static const char *const headers[GROUP_COLUMNS] = {
		N_("unit"), N_("indicator"), N_("actual"), N_("target"), N_("completion"),
		N_("score"), N_("weight"), N_("light"), N_("reason")};
	lxw_worksheet *ws;
	if (part == 1) {
		ws = xlsx_out_sheet(&k->x, group->name, group->id);
	} else {
		char name[256], fallback[256];
		snprintf(name, sizeof name, "%s (%d)", group->name, part);
		snprintf(fallback, sizeof fallback, "%s (%d)", group->id, part);
		ws = xlsx_out_sheet(&k->x, name, fallback);
	}
	translated_header(k, ws, 0, headers, GROUP_COLUMNS);
	xlsx_out_width(&k->x, ws, COL_UNIT, COL_UNIT, fitted(k->unit_width, 10, 40));
	xlsx_out_width(&k->x, ws, COL_INDICATOR, COL_INDICATOR, fitted(k->indicator_width, 16, 60));
	xlsx_out_width(&k->x, ws, COL_ACTUAL, COL_TARGET, 14);
	xlsx_out_width(&k->x, ws, COL_COMPLETION, COL_LIGHT, 11);
	xlsx_out_width(&k->x, ws, COL_REASON, COL_REASON, 70);
	return ws;
}

static void group_sheet(struct book *k, const struct board *b, size_t g)
{
	const struct plan_group *group = &b->plan->groups[g];
	int part = 1;
	lxw_worksheet *ws = group_sheet_part(k, group, part);
	lxw_row_t r = 1;
	for (size_t u = 0; u < b->ncards; u++) {
		const struct card *c = &b->cards[u];
		if (b->plan->units[c->unit].group != (int)g)
			continue;
		if (r > 1 && r + card_block_rows(c) > k->sheet_rows) {
			xlsx_out_table(&k->x, ws, 0, r - 1, GROUP_COLUMNS - 1, 2);
			ws = group_sheet_part(k, group, ++part);
			r = 1;
		}
		r = card_block(k, ws, r, b, c);
	}
	xlsx_out_table(&k->x, ws, 0, r - 1, GROUP_COLUMNS - 1, 2);
}

/* The document's properties: the plan's title, the period, the status,
 * the run and its fingerprint, the sample-data banner; made at the time
 * the report gives (a saved run's saving: the same bytes each time). */
static void set_properties(struct book *k, const struct board *b, const struct report_record *rec)
{
	char period[PERIOD_TEXT];
	struct sbuf keywords = {0};
	render_record_line(rec, &keywords);
	sbuf_reset(&k->scratch);
	render_sample_banner(b, &k->scratch);
	struct xlsx_properties p = {b->plan->title, period_format(&b->period, period),
				    render_record_status(rec), sbuf_str(&keywords),
				    sbuf_str(&k->scratch), rec->when};
	xlsx_out_properties(&k->x, &p);
	for (size_t r = 0; r < k->head->n; r++)
		xlsx_out_custom_property(&k->x, k->head->label[r], k->head->text[r]);
	sbuf_release(&keywords);
}

int render_xlsx(const struct board *b, const struct report_record *rec, const char *path,
		diag_t *d)
{
	return render_xlsx_sheet_rows(b, rec, path, LXW_ROW_MAX, d);
}

int render_xlsx_sheet_rows(const struct board *b, const struct report_record *rec,
			   const char *path, unsigned long sheet_rows, diag_t *d)
{
	struct report_head head;
	struct book k = {.board = b, .head = &head, .sheet_rows = sheet_rows};
	if (xlsx_out_begin(&k.x, path, b->plan->nunits > RENDER_LARGE_PLAN_UNITS, d) != 0)
		return -1;
	report_head_fill(&head, b, rec);
	measure_names(&k);
	set_properties(&k, b, rec);
	add_light_formats(&k);
	ranking_sheet(&k, b);
	lights_sheet(&k, b);
	for (size_t g = 0; g < b->plan->ngroups; g++)
		group_sheet(&k, b, g);
	int rc = xlsx_out_commit(&k.x, d);
	sbuf_release(&k.scratch);
	report_head_release(&head);
	return rc;
}
