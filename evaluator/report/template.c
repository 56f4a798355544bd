#include "lang.h"
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
	COL_LAST_PERIOD, COL_LAST_VALUE, COL_PERIOD, COL_VALUE, COL_NOTE, COL_GUIDE, NCOLUMNS
};

/* The header: the import reads unit, indicator, period, value and note,
 * and passes over the others, which are there for the person filling in
 * (guide: what to write, template_guide.c). In the reader's language: the
 * import knows the names in both (figures/figures_table.c). */
/* each in the context "template column", for tr_in */
static const char *const headers[NCOLUMNS] = {
	NC_("template column", "unit"), NC_("template column", "unit_name"),
	NC_("template column", "indicator"), NC_("template column", "indicator_name"),
	NC_("template column", "measure"), NC_("template column", "target"),
	NC_("template column", "last_period"), NC_("template column", "last_value"),
	NC_("template column", "period"), NC_("template column", "value"),
	NC_("template column", "note"), NC_("template column", "guide"),
};

static void headers_read(const char *out[NCOLUMNS])
{
	for (size_t c = 0; c < NCOLUMNS; c++)
		out[c] = tr_in("template column", headers[c]);
}

int template_last_month(const struct period *period)
{
	int first = period->kind == PERIOD_MONTH ? period->index
		    : period->kind == PERIOD_QUARTER ? (period->index - 1) * 3 + 1 : 1;
	return first - 1;
}

/* Whether the unit reports this indicator at the period's end: it is not
 * derived from others, a report is due that month, and the unit is not a
 * supporting unit of what only the lead unit reports (配合单位). */
static bool reported(const struct plan_indicator *ind, int unit, int month)
{
	return !ind->ninputs && frequency_last_due(ind->every, month) == month &&
	       (!ind->lead_only || ind->lead == unit);
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
		if ((unit >= 0 && as->unit != unit) ||
		    !reported(&plan->indicators[as->indicator], as->unit, month))
			continue;
		struct template_row *r = &t->rows[t->n++];
		r->assignment = a;
		r->last_value = NAN;
	}
}

/* The target as a number when it is a floor (the usual "at least"), else
 * NAN and its form in symbols ("≤ 12", "≥ +8% y/y", "by 2023-12-31") in
 * text: a bare 12 would not say it is a ceiling. */
static double target_of(const struct template *t, const struct template_row *r,
			struct sbuf *text)
{
	const struct plan_assignment *a = &t->plan->assignments[r->assignment];
	struct plan_target target = plan_target_of(t->plan, a);
	sbuf_reset(text);
	if (target.form == FORM_AT_LEAST && target.base == 0)
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
		snprintf(buf, size, "%s", _("in progress"));
	return NAN;
}

/* A row's cells as text; the buffers hold what is not in the plan. */
struct row_text {
	const char *cell[NCOLUMNS];
	struct sbuf target, guide;
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
	template_guide(t, r, &x->guide);
	const char *cells[NCOLUMNS] = {
		p->units[a->unit].id, p->units[a->unit].name, ind->id, ind->name, ind->measure,
		isnan(x->target_value) ? sbuf_str(&x->target)
				       : format_number(x->target_num, sizeof x->target_num, x->target_value),
		r->last_month ? period_format(&month, x->last_period) : "",
		isnan(x->last_value) ? x->last : format_number(x->last, sizeof x->last, x->last_value),
		period_format(&t->period, x->period), "", "", sbuf_str(&x->guide),
	};
	memcpy(x->cell, cells, sizeof cells);
}

static void row_text_release(struct row_text *x)
{
	sbuf_release(&x->target);
	sbuf_release(&x->guide);
}

void template_csv(const struct template *t, bool bom, struct sbuf *out)
{
	struct row_text x = {0};
	const char *header[NCOLUMNS];
	headers_read(header);
	if (bom)
		sbuf_add(out, UTF8_BOM);
	for (size_t c = 0; c < NCOLUMNS; c++)
		sbuf_csv_field(out, header[c], c + 1 == NCOLUMNS);
	for (size_t i = 0; i < t->n; i++) {
		row_text(t, &t->rows[i], &x);
		for (size_t c = 0; c < NCOLUMNS; c++)
			sbuf_csv_field(out, x.cell[c], c + 1 == NCOLUMNS);
	}
	row_text_release(&x);
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

/* The formats of a template's cells: what the unit fills in is shaded
 * and unlocked, the rest locked by the sheet's protection. A task's cell
 * is a date cell, for the date the task was done. */
struct fills {
	lxw_format *number, *date, *text;
};

static struct fills make_fills(lxw_workbook *book)
{
	struct fills f = {workbook_add_format(book), workbook_add_format(book),
			  workbook_add_format(book)};
	lxw_format *all[] = {f.number, f.date, f.text};
	for (size_t i = 0; i < 3; i++) {
		format_set_bg_color(all[i], 0xFFF7D6);
		format_set_unlocked(all[i]);
	}
	format_set_num_format(f.date, "yyyy-mm-dd");
	format_set_num_format(f.text, "@");
	return f;
}

/* The value cell's validation: a task's status from a list (a date typed
 * instead is let through with a warning), a count a whole number, any
 * other figure a decimal; the guide as its input message. */
static void validate_value(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row, enum indicator_kind kind,
			   const char *guide)
{
	static const char *statuses[] = {"完成", "推进中", NULL};
	lxw_data_validation v = {.input_title = "填报说明", .input_message = (char *)guide,
				 .error_title = "填写有误"};
	if (kind == KIND_TASK) {
		v.validate = LXW_VALIDATION_TYPE_LIST;
		v.value_list = (char **)statuses;
		v.error_type = LXW_VALIDATION_ERROR_TYPE_WARNING;
		v.error_message = "请填写完成日期（如2023-06-20），或选择“完成”“推进中”";
	} else {
		v.validate = kind == KIND_COUNT ? LXW_VALIDATION_TYPE_INTEGER
						: LXW_VALIDATION_TYPE_DECIMAL;
		v.criteria = kind == KIND_COUNT ? LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO
						: LXW_VALIDATION_CRITERIA_BETWEEN;
		v.minimum_number = kind == KIND_COUNT ? 0 : -1e15;
		v.maximum_number = 1e15;
		v.value_number = 0;
		v.error_message = kind == KIND_COUNT ? "请填写不小于0的整数，不带单位"
						     : "请填写数字，不带单位";
	}
	xlsx_out_validation(x, ws, row, COL_VALUE, &v);
}

static void validate_note(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row)
{
	lxw_data_validation v = {
		.validate = LXW_VALIDATION_TYPE_LENGTH,
		.criteria = LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO,
		.value_number = 500,
		.input_title = "备注",
		.input_message = "可不填：说明数据口径或变动原因",
		.error_message = "备注不超过500字",
	};
	xlsx_out_validation(x, ws, row, COL_NOTE, &v);
}

static void xlsx_row(struct xlsx_out *x, lxw_worksheet *ws, lxw_row_t row,
		     const struct template *t, const struct template_row *r,
		     const struct fills *fills)
{
	const struct plan_assignment *a = &t->plan->assignments[r->assignment];
	enum indicator_kind kind = t->plan->indicators[a->indicator].kind;
	struct row_text text = {0};
	row_text(t, r, &text);
	for (lxw_col_t c = 0; c < NCOLUMNS; c++) {
		if (c == COL_TARGET)
			write_cell(x, ws, row, c, text.target_value, text.cell[c]);
		else if (c == COL_LAST_VALUE)
			write_cell(x, ws, row, c, text.last_value, text.cell[c]);
		else if (c == COL_VALUE)
			xlsx_out_blank(x, ws, row, c, kind == KIND_TASK ? fills->date : fills->number);
		else if (c == COL_NOTE)
			xlsx_out_blank(x, ws, row, c, fills->text);
		else
			xlsx_out_string(x, ws, row, c, text.cell[c], x->text);
	}
	validate_value(x, ws, row, kind, text.cell[COL_GUIDE]);
	validate_note(x, ws, row);
	row_text_release(&text);
}

/* The instructions sheet (填表说明), for the person filling in. */
static void write_instructions(struct xlsx_out *x, const struct template *t)
{
	char period[PERIOD_TEXT];
	struct sbuf line = {0};
	lxw_worksheet *ws = xlsx_out_sheet(x, "填表说明", NULL);
	sbuf_addf(&line, "%s：%s 报送表", t->plan->title, period_format(&t->period, period));
	const char *lines[] = {
		sbuf_str(&line),
		"1. 每个单位一张工作表（以单位名称命名），请在本单位工作表中填写。",
		"2. 只填写浅黄色的 value（数值）列和 note（备注）列；选中单元格时会提示应填写的内容、单位和目标。",
		"3. 数值只填数字，不带单位；增速、比率按百分数填写（如 9.5 或 9.5%）。",
		"4. 任务类指标填写完成日期（如 2023-06-20）；未完成的选择“推进中”。",
		"5. 不报送的指标请留空，留空视为未报送。",
		"6. 其他单元格已保护（未设密码），请勿修改表头、增删列或更改工作表名称。",
		"7. 填写完毕后保存为 .xlsx 文件报回。",
	};
	for (size_t i = 0; i < sizeof lines / sizeof *lines; i++)
		xlsx_out_string(x, ws, (lxw_row_t)i, 0, lines[i], i == 0 ? x->header : NULL);
	xlsx_out_width(x, ws, 0, 0, 100);
	worksheet_protect(ws, NULL, NULL);
	sbuf_release(&line);
}

/* One unit's sheet (a whole template's when unit is -1): its rows, the
 * rest protected. */
static void write_unit_sheet(struct xlsx_out *x, const struct template *t, int unit,
			     const struct fills *fills)
{
	const char *header[NCOLUMNS];
	headers_read(header);
	lxw_worksheet *ws = xlsx_out_sheet(x, unit >= 0 ? t->plan->units[unit].name : _("figures"),
					   unit >= 0 ? t->plan->units[unit].id : "figures");
	xlsx_out_header(x, ws, 0, header, NCOLUMNS);
	lxw_row_t row = 1;
	for (size_t i = 0; i < t->n; i++)
		if (unit < 0 || t->plan->assignments[t->rows[i].assignment].unit == unit)
			xlsx_row(x, ws, row++, t, &t->rows[i], fills);
	xlsx_out_width(x, ws, COL_UNIT_NAME, COL_UNIT_NAME, 20);
	xlsx_out_width(x, ws, COL_INDICATOR, COL_INDICATOR, 24);
	xlsx_out_width(x, ws, COL_INDICATOR_NAME, COL_INDICATOR_NAME, 36);
	xlsx_out_width(x, ws, COL_TARGET, COL_TARGET, 14);
	xlsx_out_width(x, ws, COL_VALUE, COL_NOTE, 16);
	xlsx_out_width(x, ws, COL_GUIDE, COL_GUIDE, 60);
	worksheet_freeze_panes(ws, 1, 0);
	lxw_protection allow = {.format_columns = 1, .format_rows = 1};
	worksheet_protect(ws, NULL, &allow);
}

/* Whether the template has a row for the unit. */
static bool has_rows(const struct template *t, int unit)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->plan->assignments[t->rows[i].assignment].unit == unit)
			return true;
	return false;
}

int template_xlsx(const struct template *t, const char *path, diag_t *d)
{
	struct xlsx_out x;
	if (xlsx_out_begin(&x, path, false, d) != 0)
		return -1;
	struct fills fills = make_fills(x.book);
	write_instructions(&x, t);
	bool any = false;
	for (size_t u = 0; u < t->plan->nunits; u++)
		if (has_rows(t, (int)u)) {
			write_unit_sheet(&x, t, (int)u, &fills);
			any = true;
		}
	if (!any) /* nothing due: the header alone */
		write_unit_sheet(&x, t, -1, &fills);
	return xlsx_out_commit(&x, d);
}

void template_release(struct template *t)
{
	free(t->rows);
	memset(t, 0, sizeof *t);
}
