/* targets_table: the CSV of per-unit targets a plan names under
 * `targets_table:` (a row per unit, a column per indicator) read for the
 * plan loader: the header's indicators, each row's unit and each
 * non-empty cell's number are checked, then the cell is handed over. */
#include "targets_table.h"

#include <stdlib.h>
#include <string.h>

#include "csv_rows.h"
#include "figure_text.h"
#include "lang.h"
#include "mem.h"
#include "sbuf.h"
#include "utf8.h"

/* A targets table being read. */
struct targets_reader {
	const struct plan *plan;
	const char *path;
	const struct unit_table_names *names;
	target_cell_fn fn;
	void *ctx;
	diag_t *d;
	int *column_indicator;  /* per column; -1 for the unit column */
	size_t ncols;
};

static bool is_unit_column(const char *name)
{
	return strcmp(name, "unit") == 0 || strcmp(name, "单位") == 0 ||
	       strcmp(name, "责任单位") == 0;
}

static int read_header(struct targets_reader *r, const char *const *fields, size_t n, int line)
{
	if (n < 2 || !is_unit_column(fields[0]))
		return fail_at(r->d, r->path, line, 1, _("the header must be unit,<indicator>...: "
			       "a row per unit, a column per indicator"));
	r->ncols = n;
	r->column_indicator = xmalloc(n * sizeof *r->column_indicator);
	r->column_indicator[0] = -1;
	for (size_t c = 1; c < n; c++) {
		int ind = plan_find_indicator(r->plan, fields[c]);
		if (ind < 0)
			return plan_fail_unknown(r->plan, r->d, r->path, line, (int)c + 1, "indicator",
						 fields[c]);
		for (size_t k = 1; k < c; k++)
			if (r->column_indicator[k] == ind)
				return fail_at(r->d, r->path, line, (int)c + 1,
					       _("indicator '%s' has two columns"), fields[c]);
		r->column_indicator[c] = ind;
	}
	return 0;
}

/* Whether a cell writes a target's form rather than its number: ">3800",
 * "超过3800", "1-2", "2–3". */
static bool writes_a_form(const char *text)
{
	static const char *const marks[] = {">", "＞", "超", "≥", "≤", "<"};
	for (size_t k = 0; k < sizeof marks / sizeof *marks; k++)
		if (strncmp(text, marks[k], strlen(marks[k])) == 0)
			return true;
	const char *dash = text[0] ? strpbrk(text + 1, "-~") : NULL;
	if (!dash)
		dash = strstr(text, "–");
	return dash && dash > text && dash[-1] >= '0' && dash[-1] <= '9';
}

static int read_row(struct targets_reader *r, const char *const *fields, int line)
{
	int unit = plan_find_unit(r->plan, fields[0]);
	if (unit < 0)
		return plan_fail_unknown(r->plan, r->d, r->path, line, 1, "unit", fields[0]);
	for (size_t c = 1; c < r->ncols; c++) {
		if (!fields[c][0])
			continue; /* no target of its own: the indicator's applies */
		struct table_cell at = {r->path, line, (int)c + 1};
		double value;
		bool percent;
		enum figure_problem problem = parse_figure(fields[c], &value, &percent);
		if (problem != FIGURE_OK && writes_a_form(fields[c]))
			return fail_at(r->d, r->path, line, (int)c + 1, _("target '%s' is a form, not a "
				       "number: a cell gives the unit's number only; write the form in "
				       "the plan (target: {more_than: 3800}, or the unit's {range: [1, 2]} "
				       "under targets:)"), fields[c]);
		if (problem != FIGURE_OK)
			return fail_at(r->d, r->path, line, (int)c + 1, _("%s '%s' %s"),
				       tr(r->names->cell), fields[c],
				       _(figure_problem_text(problem, fields[c])));
		if (r->fn(r->ctx, unit, r->column_indicator[c], value, &at, r->d) != 0)
			return -1;
	}
	return 0;
}

static int on_row(void *ctx, const char *const *fields, size_t n, size_t row, int line)
{
	struct targets_reader *r = ctx;
	return row == 0 ? read_header(r, fields, n, line) : read_row(r, fields, line);
}

int plan_table_read(const char *path, const char *table, const char *shape, csv_row_fn row_fn,
		    void *ctx, diag_t *d)
{
	const struct file_bound bound = {table, (size_t)256 << 20, NULL};
	struct sbuf text = {0};
	if (sbuf_read_file(&text, path, &bound, d) != 0) {
		sbuf_release(&text);
		return -1;
	}
	const char *s = sbuf_str(&text);
	size_t skip = text.len >= 3 && memcmp(s, UTF8_BOM, 3) == 0 ? 3 : 0;
	long rows = -1;
	size_t good = utf8_valid_prefix(s + skip, text.len - skip);
	if (good < text.len - skip) {
		int line, col;
		text_position(s + skip, good, &line, &col);
		fail_at(d, path, line, col, _("not valid UTF-8: save the %s as UTF-8 CSV "
			"(Excel: CSV UTF-8)"), tr(table));
	} else
		rows = csv_rows_read(path, s + skip, text.len - skip, ',', row_fn, ctx, d);
	if (rows == 0)
		rows = fail_at(d, path, 1, 1, _("the %s is empty: it needs %s"), tr(table), _(shape));
	sbuf_release(&text);
	return rows < 0 ? -1 : 0;
}

int targets_table_read(const struct plan *plan, const char *path,
		       const struct unit_table_names *names, target_cell_fn fn, void *ctx,
		       diag_t *d)
{
	struct targets_reader r = {plan, path, names, fn, ctx, d, NULL, 0};
	int rc = plan_table_read(path, names->table,
				 N_("a header unit,<indicator>... and a row per unit"), on_row, &r, d);
	free(r.column_indicator);
	return rc;
}
