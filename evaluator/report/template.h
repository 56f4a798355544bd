/* template: the sheet each unit fills in for a period (报送模板): one row
 * per unit and indicator it reports, with the indicator's name, measure
 * and target and the unit's last figure, and empty value and note cells.
 * `assay import` reads it back filled in, as CSV or as a workbook. */
#ifndef ASSAY_TEMPLATE_H
#define ASSAY_TEMPLATE_H

#include <stdbool.h>

#include "diag.h"
#include "period.h"
#include "plan.h"
#include "sbuf.h"

struct template_row {
	size_t assignment;      /* index into plan.assignments */
	int last_month;         /* the month of the last figure; 0: none */
	double last_value;      /* as stored (a task's date as 20231015, 0 not done) */
};

struct template {
	const struct plan *plan;
	struct period period;
	struct template_row *rows;
	size_t n;
};

/* The rows for period: every unit's (or only `unit`'s, when >= 0)
 * indicators that it reports: not derived, due at the period's end, and
 * not one where only the lead unit is scored and the unit supports it;
 * without last figures (the caller sets those it has). */
void template_build(struct template *t, const struct plan *plan, const struct period *period,
		    int unit);
/* The month before the period starts: what `last` should be read at; 0
 * when the period starts the year. */
int template_last_month(const struct period *period);
/* What to write in a row's value cell, in Chinese: the figure, its span
 * and measure, and the target in words ("填写1-8月累计值，单位：亿元；
 * 目标≥9.9"), into out (reset first). */
void template_guide(const struct template *t, const struct template_row *r, struct sbuf *out);
/* The rows as CSV (bom: a UTF-8 byte order mark first, for Excel). */
void template_csv(const struct template *t, bool bom, struct sbuf *out);
/* The rows as a workbook at path: an instructions sheet (填表说明), then
 * a sheet per unit; the value and note cells shaded, unlocked and
 * validated, with the guide as their input message, the rest protected
 * (no password). 0, or -1 with d set. */
int template_xlsx(const struct template *t, const char *path, diag_t *d);
void template_release(struct template *t);

#endif
