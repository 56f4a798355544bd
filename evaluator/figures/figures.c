#include "figures.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "encoding.h"
#include "figure_text.h"
#include "lang.h"
#include "mem.h"
#include "path.h"
#include "plan_target.h"
#include "sbuf.h"
#include "sheet_cells.h"
#include "utf8.h"

/* A figures file may be this large: a million figures, a province's month,
 * come to 30 MB. */
static const struct file_bound figures_bound = {
	N_("figures file"), (size_t)1 << 30,
	N_("split it into several files and import them together")};

void figure_place(const struct figure_list *list, size_t file, int line, int col,
		  struct place *out)
{
	*out = (struct place){.file = list->files[file], .line = line, .col = col};
	if (!list->in_cells[file])
		return;
	char letters[4];
	if (col > 0)
		snprintf(out->cell, sizeof out->cell, "%s!%s%d", list->files[file],
			 sheet_column_name(col, letters), line);
	else
		snprintf(out->cell, sizeof out->cell, "%s, row %d", list->files[file], line);
	out->file = out->cell;
	out->line = out->col = 0;
}

int figures_fail_at(const struct figure_list *list, diag_t *d, int line, int col,
		    const char *fmt, ...)
{
	char what[sizeof d->text];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(what, sizeof what, fmt, ap);
	va_end(ap);
	struct place at;
	figure_place(list, list->nfiles - 1, line, col, &at);
	return fail_at(d, at.file, at.line, at.col, "%s", what);
}

void figure_list_add_file(struct figure_list *list, const char *name, bool in_cells)
{
	list->files = xrealloc(list->files, (list->nfiles + 1) * sizeof *list->files);
	list->in_cells = xrealloc(list->in_cells, (list->nfiles + 1) * sizeof *list->in_cells);
	list->in_cells[list->nfiles] = in_cells;
	list->files[list->nfiles++] = xstrdup(name);
}

/* Whether text is the one r holds. */
static bool recall(const struct recent_text *r, const char *text)
{
	return r->text[0] && strcmp(r->text, text) == 0;
}

static void remember(struct recent_text *r, const char *text, int index,
		     const struct period *period)
{
	size_t n = strlen(text);
	if (n >= sizeof r->text) {
		r->text[0] = '\0';
		return;
	}
	memcpy(r->text, text, n + 1);
	r->index = index;
	if (period)
		r->period = *period;
}

/* The unit or indicator (recent: list.unit or list.indicator) f names. */
static int resolve(struct figure_list *list, const struct plan *plan, const struct field *f,
		   struct recent_text *recent, diag_t *d)
{
	if (recall(recent, f->text))
		return recent->index;
	bool unit = recent == &list->unit;
	int index = unit ? plan_find_unit(plan, f->text) : plan_find_indicator(plan, f->text);
	if (index < 0) {
		struct place at;
		figure_place(list, list->nfiles - 1, f->line, f->col, &at);
		return plan_fail_unknown(plan, d, at.file, at.line, at.col,
					 unit ? "unit" : "indicator", f->text);
	}
	remember(recent, f->text, index, NULL);
	return index;
}

/* Whether the unit's target on indicator grows against last year, so that
 * last year's figures are its base. */
static bool takes_last_year(const struct plan *plan, int unit, int indicator)
{
	long a = plan_find_assignment(plan, unit, indicator);
	return a >= 0 && plan_target_form(plan, &plan->assignments[a]) == FORM_GROWTH;
}

static int read_period(struct figure_list *list, const struct plan *plan,
		       const struct figure *fig, const struct field *f, struct period *out,
		       diag_t *d)
{
	char month[8];
	const char *text = f->text;
	if (f->form == FIELD_DATE) { /* 2023-09 typed into a spreadsheet is 2023-09-01 */
		snprintf(month, sizeof month, "%.7s", f->text);
		text = month;
	}
	if (recall(&list->period, text)) {
		*out = list->period.period;
		return 0;
	}
	if (period_parse(text, out) != 0)
		return figures_fail_at(list, d, f->line, f->col,
			       _("'%s' is not a period: write 2023, 2023Q3 or 2023-09"), text);
	char years[64];
	if (plan_has_year(plan, out->year)) {
		remember(&list->period, text, 0, out); /* good for any unit */
		return 0;
	}
	if (out->year == plan->year - 1 && takes_last_year(plan, fig->unit, fig->indicator))
		return 0;
	return figures_fail_at(list, d, f->line, f->col,
		       _("period %s is outside the plan's %s%s"), text,
		       plan_years_text(plan, years, sizeof years),
		       out->year == plan->year - 1 ? _(" (last year's figures are taken only for "
						     "growth targets)") : "");
}

/* A task's figure: the date it was done (2023-10-15), "done" (dated the
 * period's last day), or not done yet. Stored as the date, 20231015, or 0. */
static int read_task_value(const struct figure_list *list, const struct field *f,
			   const struct period *period, double *out, diag_t *d)
{
	static const char *const done[] = {"done", "完成", "已完成", "1"};
	static const char *const not_done[] = {"not done", "in progress", "未完成", "推进中",
					       "进行中", "0"};
	int date;
	if (date_parse(f->text, &date) == 0) {
		*out = date;
		return 0;
	}
	for (size_t k = 0; k < sizeof done / sizeof *done; k++)
		if (strcmp(f->text, done[k]) == 0) {
			*out = period_end_date(period);
			return 0;
		}
	for (size_t k = 0; k < sizeof not_done / sizeof *not_done; k++)
		if (strcmp(f->text, not_done[k]) == 0) {
			*out = 0;
			return 0;
		}
	return figures_fail_at(list, d, f->line, f->col,
		       _("task status '%s' is not understood: write the date it was done "
		       "(2023-10-15), 'done' / '完成', or 'in progress' / '推进中'"), f->text);
}

/* What an indicator is measured in, for a message: its measure, or its
 * kind when the plan gives none. */
static const char *measured_in(const struct plan_indicator *ind)
{
	return ind->measure[0] ? ind->measure : indicator_kind_name(ind->kind);
}

/* Whether a percent cell's percentage is the figure: only for rates and
 * shares counted in % (a share in ‰ would be off by ten). */
static bool takes_percent(const struct plan_indicator *ind)
{
	return (ind->kind == KIND_RATE || ind->kind == KIND_SHARE) && !strstr(ind->measure, "‰");
}

/* Whether a number could be a percentage cell's fraction as well as the
 * figure itself: 0.095 is 9.5% shown as a percentage; 9.5 would be 950%. */
static bool ambiguous_fraction(const char *text)
{
	double v = strtod(text, NULL);
	return v != 0 && fabs(v) < 1;
}

/* Refuses a spreadsheet cell whose format disagrees with the indicator:
 * a percentage or a date where an amount is reported. */
static int check_cell_form(const struct figure_list *list, const struct plan_indicator *ind,
			   const struct field *f, diag_t *d)
{
	if (f->form == FIELD_PERCENT && !takes_percent(ind))
		return figures_fail_at(list, d, f->line, f->col,
				       _("the cell is formatted as a percentage (%s%%), but indicator "
				       "'%s' is measured in %s: format the cell as a number and type "
				       "the figure in %s"), f->text, ind->id, measured_in(ind),
				       measured_in(ind));
	if (f->form == FIELD_NUMBER_UNSURE && takes_percent(ind) && ambiguous_fraction(f->text))
		return figures_fail_at(list, d, f->line, f->col,
				       _("%s for indicator '%s', measured in %s: an .xls workbook does not "
				       "say whether the cell shows %s or a percentage; save the workbook "
				       "as .xlsx in Excel or WPS and import that"), f->text, ind->id,
				       measured_in(ind), f->text);
	if (f->form == FIELD_DATE)
		return figures_fail_at(list, d, f->line, f->col,
				       _("the cell is a date (%s), but indicator '%s' is measured in %s: "
				       "format the cell as a number and type the figure"), f->text,
				       ind->id, measured_in(ind));
	return 0;
}

/* Reads a value and checks that it fits the indicator: a '%' only for
 * rates and shares (stored as written: 8.5% is 8.5), nothing negative
 * for a count. */
static int read_value(const struct figure_list *list, const struct plan *plan, int indicator,
		      const struct field *f, double *out, diag_t *d)
{
	const struct plan_indicator *ind = &plan->indicators[indicator];
	if (check_cell_form(list, ind, f, d) != 0)
		return -1;
	bool percent;
	enum figure_problem problem = parse_figure(f->text, out, &percent);
	if (problem != FIGURE_OK)
		return figures_fail_at(list, d, f->line, f->col, _("value '%s' %s"), f->text,
			       _(figure_problem_text(problem, f->text)));
	if (percent && ind->kind != KIND_RATE && ind->kind != KIND_SHARE)
		return figures_fail_at(list, d, f->line, f->col,
			       _("value '%s' has a '%%', but indicator '%s' is of kind %s: only rates "
			       "and shares take one; write the figure without it"),
			       f->text, ind->id, indicator_kind_name(ind->kind));
	if (*out < 0 && ind->kind == KIND_COUNT)
		return figures_fail_at(list, d, f->line, f->col,
			       _("value '%s' is negative, but indicator '%s' counts things (kind count)"),
			       f->text, ind->id);
	return 0;
}

void figure_list_reserve(struct figure_list *list, size_t more)
{
	if (list->cap - list->n >= more)
		return;
	list->cap = list->n + more;
	list->v = xrealloc(list->v, list->cap * sizeof *list->v);
}

int figures_add(struct figure_list *list, const struct plan *plan, const struct field *unit,
		const struct field *indicator, const struct field *period,
		const struct field *value, const char *note, diag_t *d)
{
	struct figure fig = {.file = (uint32_t)(list->nfiles - 1), .line = value->line,
			     .col = value->col};
	if ((fig.unit = resolve(list, plan, unit, &list->unit, d)) < 0 ||
	    (fig.indicator = resolve(list, plan, indicator, &list->indicator, d)) < 0)
		return -1;
	const struct plan_indicator *ind = &plan->indicators[fig.indicator];
	if (plan_find_assignment(plan, fig.unit, fig.indicator) < 0)
		return figures_fail_at(list, d, indicator->line, indicator->col,
			       _("unit '%s' is not responsible for indicator '%s' in plan '%s'"),
			       plan->units[fig.unit].name, ind->id, plan->id);
	if (ind->ninputs)
		return figures_fail_at(list, d, indicator->line, indicator->col,
			       _("indicator '%s' is derived from %s%s: report its inputs, not it"),
			       ind->id, plan->indicators[ind->inputs[0]].id,
			       ind->ninputs > 1 ? _(" and others") : "");
	if (read_period(list, plan, &fig, period, &fig.period, d) != 0)
		return -1;
	if (ind->kind == KIND_TASK ? read_task_value(list, value, &fig.period, &fig.value, d) != 0
				   : read_value(list, plan, fig.indicator, value, &fig.value, d) != 0)
		return -1;
	if (list->n == list->cap)
		figure_list_reserve(list, list->cap ? list->cap : 256);
	if (note && *note && list->notes.len + strlen(note) + 1 >= UINT32_MAX)
		return figures_fail_at(list, d, value->line, value->col,
			       _("the notes of the figures read come to more than 4 GiB"));
	if (note && *note) {
		fig.note = (uint32_t)list->notes.len + 1;
		sbuf_addn(&list->notes, note, strlen(note) + 1);
	}
	list->v[list->n++] = fig;
	return 0;
}

const char *figure_note(const struct figure_list *list, const struct figure *f)
{
	return f->note ? list->notes.s + f->note - 1 : "";
}

/* Converts the text in b from encoding to UTF-8, in place. */
static int convert(const char *path, const char *encoding, struct sbuf *b, diag_t *d)
{
	struct sbuf utf8 = {0};
	int rc = encoding_to_utf8(encoding, sbuf_str(b), b->len, &utf8);
	if (rc != 0) {
		int line, col;
		text_position(sbuf_str(&utf8), utf8.len, &line, &col);
		fail_at(d, path, line, col, _("not valid %s: name the file's own encoding with "
			"--encoding, or save it as UTF-8"), encoding);
	}
	sbuf_release(b);
	*b = utf8;
	return rc;
}

/* Refuses text that is not UTF-8, saying where it goes wrong. */
static int check_utf8(const char *path, const char *text, size_t len, diag_t *d)
{
	size_t good = utf8_valid_prefix(text, len);
	if (good == len)
		return 0;
	int line, col;
	text_position(text, good, &line, &col);
	return fail_at(d, path, line, col, _("not valid UTF-8: if the file is GBK (as Excel often "
		       "saves Chinese), import it with --encoding gbk, or save it as UTF-8"));
}

int figures_add_adjustment(struct figure_list *list, const struct plan *plan,
			   const struct field *unit, const struct field *period,
			   const struct field *points, const struct field *reason, const char *source,
			   diag_t *d)
{
	struct adjustment a = {.file = list->nfiles - 1, .line = points->line};
	struct figure where = {0};
	if ((a.unit = where.unit = resolve(list, plan, unit, &list->unit, d)) < 0 ||
	    read_period(list, plan, &where, period, &a.period, d) != 0)
		return -1;
	char years[64];
	if (!plan_has_year(plan, a.period.year))
		return figures_fail_at(list, d, period->line, period->col,
			       _("an adjustment's period must be in the plan's %s"),
			       plan_years_text(plan, years, sizeof years));
	if (!parse_number(points->text, &a.points) || a.points == 0)
		return figures_fail_at(list, d, points->line, points->col,
			       _("points '%s' must be a number: +2 for a bonus, -1 for a deduction"),
			       points->text);
	if (!*reason->text)
		return figures_fail_at(list, d, reason->line, reason->col,
			       _("an adjustment needs a reason (获国务院通报表扬)"));
	if (list->nadj == list->adj_cap) {
		list->adj_cap = list->adj_cap ? list->adj_cap * 2 : 16;
		list->adj = xrealloc(list->adj, list->adj_cap * sizeof *list->adj);
	}
	a.reason = xstrdup(reason->text);
	a.source = xstrdup(source ? source : "");
	list->adj[list->nadj++] = a;
	return 0;
}

int figures_slurp(const char *path, const char *encoding, char **text, size_t *len, diag_t *d)
{
	struct sbuf b = {0};
	int rc = -1;
	if (sbuf_read_file(&b, path, &figures_bound, d) != 0)
		goto out;
	if (!encoding && b.len >= 2 && (memcmp(b.s, "\xFF\xFE", 2) == 0 ||
					 memcmp(b.s, "\xFE\xFF", 2) == 0))
		encoding = "UTF-16"; /* its byte order mark says so (Excel's "Unicode Text") */
	else if (!encoding && b.len >= 2 && (b.s[0] == '\0') != (b.s[1] == '\0')) {
		fail_at(d, path, 1, 1, _("the file looks like UTF-16 without a byte order mark: import "
			"it with --encoding %s"), b.s[0] ? "utf-16le" : "utf-16be");
		goto out;
	}
	if (encoding && !encoding_is_utf8(encoding) && convert(path, encoding, &b, d) != 0)
		goto out;
	const char *s = sbuf_str(&b);
	size_t skip = b.len >= 3 && memcmp(s, UTF8_BOM, 3) == 0 ? 3 : 0;
	if (check_utf8(path, s + skip, b.len - skip, d) != 0)
		goto out;
	*len = b.len - skip;
	if (skip)
		memmove(b.s, b.s + skip, *len + 1);
	*text = sbuf_detach(&b);
	rc = 0;
out:
	sbuf_release(&b);
	return rc;
}

int figures_read_file(struct figure_list *list, const struct plan *plan, const char *path,
		      diag_t *d)
{
	int fd = file_open_bounded(path, &figures_bound, d); /* a file, not too large */
	if (fd < 0)
		return -1;
	close(fd);
	if (path_has_ext(path, ".xlsx"))
		return figures_read_xlsx(list, plan, path, d);
	if (path_has_ext(path, ".xls"))
		return figures_read_xls(list, plan, path, d);
	figure_list_add_file(list, path, false);
	if (path_has_ext(path, ".csv"))
		return figures_read_csv(list, plan, ',', d);
	if (path_has_ext(path, ".tsv") || path_has_ext(path, ".txt"))
		return figures_read_csv(list, plan, '\t', d);
	if (path_has_ext(path, ".yaml") || path_has_ext(path, ".yml"))
		return figures_read_yaml(list, plan, d);
	return fail(d, _("%s: unknown file type: name it .csv, .tsv (tab-separated), .xlsx, .xls, "
		    ".yaml or .yml"), path);
}

static int compare_ints(int a, int b)
{
	return (a > b) - (a < b);
}

/* By period, unit and indicator (in plan order); among equals, in the
 * order read, so that the first one is named first. */
static int compare_figures(const void *x, const void *y)
{
	const struct figure *a = x, *b = y;
	int c;
	if ((c = compare_ints(a->period.year, b->period.year)) ||
	    (c = compare_ints((int)a->period.kind, (int)b->period.kind)) ||
	    (c = compare_ints(a->period.index, b->period.index)) ||
	    (c = compare_ints(a->unit, b->unit)) || (c = compare_ints(a->indicator, b->indicator)))
		return c;
	if (a->file != b->file)
		return a->file < b->file ? -1 : 1;
	if ((c = compare_ints(a->line, b->line)))
		return c;
	return compare_ints(a->col, b->col);
}

static bool same_figure(const struct figure *a, const struct figure *b)
{
	return a->unit == b->unit && a->indicator == b->indicator && period_equal(&a->period, &b->period);
}

/* Files are mostly written in that order already: then there is nothing
 * to sort. */
static void sort_figures(struct figure_list *list)
{
	for (size_t i = 1; i < list->n; i++)
		if (compare_figures(&list->v[i - 1], &list->v[i]) > 0) {
			qsort(list->v, list->n, sizeof *list->v, compare_figures);
			return;
		}
}

int figures_check_duplicates(struct figure_list *list, const struct plan *plan, diag_t *d)
{
	sort_figures(list);
	for (size_t i = 1; i < list->n; i++) {
		const struct figure *a = &list->v[i - 1], *b = &list->v[i];
		if (!same_figure(a, b))
			continue;
		char period[PERIOD_TEXT];
		struct place first, second;
		figure_place(list, a->file, a->line, a->col, &first);
		figure_place(list, b->file, b->line, b->col, &second);
		if (!list->in_cells[a->file])
			snprintf(first.cell, sizeof first.cell, "%s:%d", first.file, first.line);
		return fail_at(d, second.file, second.line, second.col,
			       _("figure for %s / %s / %s given twice (first at %s)"),
			       plan->units[b->unit].name, plan->indicators[b->indicator].id,
			       period_format(&b->period, period), first.cell);
	}
	return 0;
}

void figure_list_release(struct figure_list *list)
{
	sbuf_release(&list->notes);
	for (size_t i = 0; i < list->nadj; i++) {
		free(list->adj[i].reason);
		free(list->adj[i].source);
	}
	free(list->adj);
	for (size_t i = 0; i < list->nfiles; i++)
		free(list->files[i]);
	free(list->v);
	free(list->files);
	free(list->in_cells);
	sbuf_release(&list->skipped);
	memset(list, 0, sizeof *list);
}
