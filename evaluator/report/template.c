#include "numbers.h"
#include "plan_target.h"
#include "template.h"
#include "utf8.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xlsx_out.h"

enum column {
	COL_UNIT, COL_UNIT_NAME, COL_INDICATOR, COL_INDICATOR_NAME, COL_MEASURE, COL_TARGET,
	COL_LAST_PERIOD, COL_LAST_VALUE, COL_PERIOD, COL_VALUE, COL_NOTE, NCOLUMNS
};

/* The header: the import reads unit, indicator, period, value and note,
 * and passes over the others, which are there for the person filling in. */
static const char *const headers[NCOLUMNS] = {
	"unit", "unit_name", "indicator", "indicator_name", "measure", "target",
	"last_period", "last_value", "period", "value", "note",
};

int template_last_month(const struct period *period)
{
	int first = period->kind == PERIOD_MONTH ? period->index
		    : period->kind == PERIOD_QUARTER ? (period->index - 1) * 3 + 1 : 1;
	return first - 1;
}

/* Whether the unit reports this indicator at the period's end: it is not
 * derived from others, and a report is due that month. */
static bool reported(const struct plan_indicator *ind, int month)
{
	return !ind->ninputs && frequency_last_due(ind->every, month) == month;
}

void template_build(struct template *t, const struct plan *plan, const struct period *period,
		    int unit)
{
	int month = period_end_month(period);
	memset(t, 0, sizeof *t);
	t->plan = plan;
	t->period = *period;
	t->rows = xcalloc(plan->nassignments + 1, sizeof *t->rows);
	for (size_t a = 0; a < plan->nassignments; a++) {
		const struct plan_assignment *as = &plan->assignments[a];
		if ((unit >= 0 && as->unit != unit) || !reported(&plan->indicators[as->indicator], month))
			continue;
		struct template_row *r = &t->rows[t->n++];
		r->assignment = a;
		r->last_value = NAN;
	}
}

/* The target as a number when it is one, else NAN and its form in words
 * ("≥ +8% y/y", "by 2023-12-31") in text. */
static double target_of(const struct template *t, const struct template_row *r,
			struct sbuf *text)
{
	const struct plan_assignment *a = &t->plan->assignments[r->assignment];
	struct plan_target target = plan_target_of(t->plan, a);
	sbuf_reset(text);
	if ((target.form == FORM_AT_LEAST || target.form == FORM_AT_MOST) && target.base == 0)
		return target.value;
	plan_describe_target(t->plan, &t->plan->indicators[a->indicator], &target, text);
	return NAN;
}

/* The last figure as a number when it is one, else NAN and its text (a
 * task's date done, "in progress"). */
static double last_of(const struct template *t, const struct template_row *r, char *buf,
		      size_t size)
{
	const struct plan_assignment *a = &t->plan->assignments[r->assignment];
	buf[0] = '\0';
	if (!r->last_month)
		return NAN;
	if (t->plan->indicators[a->indicator].kind != KIND_TASK)
		return r->last_value;
	if (r->last_value > 0)
		date_format((int)r->last_value, buf);
	else
		snprintf(buf, size, "in progress");
	return NAN;
}

/* A row's cells as text; the buffers hold what is not in the plan. */
struct row_text {
	const char *cell[NCOLUMNS];
	struct sbuf target;
	char target_num[64], last[64], last_period[PERIOD_TEXT], period[PERIOD_TEXT];
	double target_value, last_value; /* NAN where the cell is text */
};

static void row_text(const struct template *t, const struct template_row *r, struct row_text *x)
{
	const struct plan *p = t->plan;
	const struct plan_assignment *a = &p->assignments[r->assignment];
	const struct plan_indicator *ind = &p->indicators[a->indicator];
	struct period month = {p->year, PERIOD_MONTH, r->last_month};
	x->target_value = target_of(t, r, &x->target);
	x->last_value = last_of(t, r, x->last, sizeof x->last);
	const char *cells[NCOLUMNS] = {
		p->units[a->unit].id, p->units[a->unit].name, ind->id, ind->name, ind->measure,
		isnan(x->target_value) ? sbuf_str(&x->target)
				       : format_number(x->target_num, sizeof x->target_num, x->target_value),
		r->last_month ? period_format(&month, x->last_period) : "",
		isnan(x->last_value) ? x->last : format_number(x->last, sizeof x->last, x->last_value),
		period_format(&t->period, x->period), "", "",
	};
	memcpy(x->cell, cells, sizeof cells);
}

void template_csv(const struct template *t, bool bom, struct sbuf *out)
{
	struct row_text x = {0};
	if (bom)
		sbuf_add(out, UTF8_BOM);
	for (size_t c = 0; c < NCOLUMNS; c++)
		sbuf_csv_field(out, headers[c], c + 1 == NCOLUMNS);
	for (size_t i = 0; i < t->n; i++) {
		row_text(t, &t->rows[i], &x);
		for (size_t c = 0; c < NCOLUMNS; c++)
			sbuf_csv_field(out, x.cell[c], c + 1 == NCOLUMNS);
	}
	sbuf_release(&x.target);
}

/* A cell: the number where there is one, else the text. */
static void write_cell(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
		       double number, const char *text)
{
	if (!isnan(number))
		xlsx_out_number(x, ws, row, col, number, NULL);
	else if (*text)
		xlsx_out_string(x, ws, row, col, text, NULL);
}

/* What the unit fills in is shaded. A task's cell and a rate's or share's
 * are kept as typed: 2023-10-15 stays the date written, not Excel's day
 * number, and 8.5% stays 8.5%, not the 0.085 Excel would make of it. */
struct fills {
	lxw_format *number, *text;
};

static void xlsx_row(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
		     const struct template *t, const struct template_row *r,
		     const struct fills *fills)
{
	const struct plan_assignment *a = &t->plan->assignments[r->assignment];
	enum indicator_kind kind = t->plan->indicators[a->indicator].kind;
	bool as_typed = kind == KIND_TASK || kind == KIND_RATE || kind == KIND_SHARE;
	struct row_text text = {0};
	row_text(t, r, &text);
	for (lxw_col_t c = 0; c < NCOLUMNS; c++) {
		if (c == COL_TARGET)
			write_cell(x, ws, row, c, text.target_value, text.cell[c]);
		else if (c == COL_LAST_VALUE)
			write_cell(x, ws, row, c, text.last_value, text.cell[c]);
		else if (c == COL_VALUE)
			xlsx_out_blank(x, ws, row, c, as_typed ? fills->text : fills->number);
		else if (c == COL_NOTE)
			xlsx_out_blank(x, ws, row, c, fills->text);
		else
			xlsx_out_string(x, ws, row, c, text.cell[c], x->text);
	}
	sbuf_release(&text.target);
}

int template_xlsx(const struct template *t, const char *path, diag_t *d)
{
	struct xlsx_out x;
	if (xlsx_out_begin(&x, path, false, d) != 0)
		return -1;
	struct fills fills = {workbook_add_format(x.book), workbook_add_format(x.book)};
	format_set_bg_color(fills.number, 0xFFF7D6);
	format_set_bg_color(fills.text, 0xFFF7D6);
	format_set_num_format(fills.text, "@");
	lxw_worksheet *ws = xlsx_out_sheet(&x, "figures", NULL);
	xlsx_out_header(&x, ws, 0, headers, NCOLUMNS);
	for (size_t i = 0; i < t->n; i++)
		xlsx_row(&x, ws, (lxw_row_t)(i + 1), t, &t->rows[i], &fills);
	xlsx_out_width(&x, ws, COL_UNIT_NAME, COL_UNIT_NAME, 20);
	xlsx_out_width(&x, ws, COL_INDICATOR, COL_INDICATOR, 24);
	xlsx_out_width(&x, ws, COL_INDICATOR_NAME, COL_INDICATOR_NAME, 36);
	xlsx_out_width(&x, ws, COL_TARGET, COL_TARGET, 14);
	xlsx_out_width(&x, ws, COL_VALUE, COL_NOTE, 16);
	worksheet_freeze_panes(ws, 1, 0);
	return xlsx_out_commit(&x, d);
}

void template_release(struct template *t)
{
	free(t->rows);
	memset(t, 0, sizeof *t);
}
