/* What to write in a template's value cell, in the words of the offices:
 * "填写1-8月累计值，单位：亿元；目标≥9.9", "填写同比增速（%）；目标≥8%".
 * The workbook shows it as the cell's input message, the CSV in a column. */
#include <math.h>
#include <stdio.h>

#include "numbers.h"
#include "plan_target.h"
#include "template.h"

static bool is_rate(const struct plan_indicator *ind)
{
	return ind->kind == KIND_RATE || ind->kind == KIND_SHARE;
}

/* The span a figure covers: "1-8月累计值", "8月当月值", "第3季度值". */
static void span_of(const struct plan_indicator *ind, const struct period *p, struct sbuf *out)
{
	int month = period_end_month(p);
	if (p->kind == PERIOD_YEAR)
		sbuf_add(out, "全年值");
	else if (ind->basis == BASIS_PERIOD && p->kind == PERIOD_QUARTER)
		sbuf_addf(out, "第%d季度值", p->index);
	else if (ind->basis == BASIS_PERIOD || month == 1)
		sbuf_addf(out, "%d月当月值", month);
	else
		sbuf_addf(out, "1-%d月累计值", month);
}

/* What the unit writes: the figure, its span and its measure. */
static void what_to_write(const struct template *t, const struct plan_assignment *a,
			  struct sbuf *out)
{
	const struct plan_indicator *ind = &t->plan->indicators[a->indicator];
	struct plan_target target = plan_target_of(t->plan, a);
	bool growth = target.form == FORM_GROWTH;
	if (ind->kind == KIND_TASK) {
		sbuf_add(out, "填写完成日期（如2023-06-20）；未完成选“推进中”");
		return;
	}
	sbuf_add(out, "填写");
	if (is_rate(ind))
		sbuf_addf(out, "%s（%s）", !growth ? "比率" : target.yearly_average ? "年均增速" : "同比增速",
			  ind->measure[0] ? ind->measure : "%");
	else if (indicator_accumulates(ind->kind))
		span_of(ind, &t->period, out);
	else
		sbuf_add(out, "期末数值");
	if (!is_rate(ind) && ind->measure[0])
		sbuf_addf(out, "，单位：%s", ind->measure);
}

/* A growth target in words: "目标同比增长≥8%（增速按去年同期数计算）",
 * "目标年均增长≥8%（按2022年同期数计算）". */
static void growth_words(const struct plan *plan, const struct plan_indicator *ind,
			 const struct plan_target *target, const char *v, struct sbuf *out)
{
	char base[64];
	const char *grows = target->yearly_average ? "年均增长" : "同比增长";
	sbuf_addf(out, "目标%s%s%s%%", is_rate(ind) ? "" : grows, ind->lower_is_better ? "≤" : "≥", v);
	if (is_rate(ind))
		return;
	if (!target->yearly_average)
		sbuf_add(out, "（增速按去年同期数计算）");
	else if (target->base != 0)
		sbuf_addf(out, "（按%d年数%s计算）", plan->year - 1,
			  format_number(base, sizeof base, target->base));
	else
		sbuf_addf(out, "（按%d年同期数计算）", plan->year - 1);
}

/* The target in words: "≥9.9", "≤12", "6左右", "超过3800", "94-96",
 * "同比增长≥8%". */
static void target_words(const struct template *t, const struct plan_assignment *a,
			 struct sbuf *out)
{
	const struct plan_indicator *ind = &t->plan->indicators[a->indicator];
	struct plan_target target = plan_target_of(t->plan, a);
	char v[64], w[64], date[DATE_TEXT];
	format_number(v, sizeof v, target.value);
	switch (target.form) {
	case FORM_AT_LEAST: sbuf_addf(out, "目标≥%s", v); break;
	case FORM_AT_MOST: sbuf_addf(out, "目标≤%s", v); break;
	case FORM_ABOUT: sbuf_addf(out, "目标%s左右", v); break;
	case FORM_MORE_THAN: sbuf_addf(out, "目标超过%s", v); break;
	case FORM_BETWEEN:
	case FORM_RANGE:
		sbuf_addf(out, "目标%s-%s", v, format_number(w, sizeof w, target.high));
		break;
	case FORM_GROWTH:
		growth_words(t->plan, ind, &target, v, out);
		break;
	case FORM_RELATIVE:
		sbuf_addf(out, "目标不低于%s", t->plan->indicators[target.relative_to].name);
		if (target.value != 0)
			sbuf_addf(out, "%s%s", target.value > 0 ? "+" : "-",
				  format_number(w, sizeof w, fabs(target.value)));
		break;
	case FORM_TASK:
		sbuf_addf(out, "期限：%s前完成", date_format(ind->deadline, date));
		break;
	}
}

/* A milestone is judged only from its due date: say so, so that a unit
 * does not take the row for a figure owed now. */
static void due_words(const struct plan_indicator *ind, struct sbuf *out)
{
	char date[DATE_TEXT];
	if (ind->due)
		sbuf_addf(out, "（%s到期评价，此前可填进度）", date_format(ind->due, date));
}

void template_guide(const struct template *t, const struct template_row *r, struct sbuf *out)
{
	const struct plan_assignment *a = &t->plan->assignments[r->assignment];
	sbuf_reset(out);
	what_to_write(t, a, out);
	sbuf_add(out, "；");
	target_words(t, a, out);
	due_words(&t->plan->indicators[a->indicator], out);
}
