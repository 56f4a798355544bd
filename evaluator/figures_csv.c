/* Reported figures in CSV, long (unit,indicator,period,value[,note]) or
 * wide (unit,period,<indicator>...), parsed with libcsv. */
#include <stdlib.h>
#include <string.h>

#include "csv_rows.h"
#include "figures.h"
#include "text.h"

enum role { ROLE_UNIT, ROLE_INDICATOR, ROLE_PERIOD, ROLE_VALUE, ROLE_NOTE, ROLE_COUNT };

static const char *const role_names[ROLE_COUNT][4] = {
	{"unit", "单位", "责任单位", NULL},
	{"indicator", "指标", NULL, NULL},
	{"period", "期间", "时期", "月份"},
	{"value", "数值", "值", NULL},
	{"note", "备注", "说明", NULL},
};

struct csv_reader {
	struct figure_list *list;
	const struct plan *plan;
	diag_t *d;
	const char *path;
	const char *const *fields; /* the row being read */
	int row_line;
	bool wide;
	char **header;          /* owned copy of the header row */
	size_t ncols;
	int col[ROLE_COUNT];    /* field index of each role, -1 when absent */
};

static enum role role_of(const char *name)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		for (int k = 0; k < 4 && role_names[r][k]; k++)
			if (strcmp(name, role_names[r][k]) == 0)
				return (enum role)r;
	return ROLE_COUNT;
}

static int fail_header(struct csv_reader *r, const char *fmt, const char *name)
{
	return fail_at(r->d, r->path, r->row_line, 0, fmt, name);
}

/* Reads the header: long when it names indicator and value columns,
 * wide when every other column is an indicator. */
static int read_header(struct csv_reader *r, const char *const *fields, size_t n)
{
	for (int k = 0; k < ROLE_COUNT; k++)
		r->col[k] = -1;
	r->header = xcalloc(n + 1, sizeof *r->header);
	r->ncols = n;
	for (size_t i = 0; i < n; i++)
		r->header[i] = xstrdup(fields[i]);
	for (size_t i = 0; i < r->ncols; i++) {
		enum role role = role_of(r->header[i]);
		if (role == ROLE_COUNT)
			continue;
		if (r->col[role] >= 0)
			return fail_header(r, "column '%s' appears twice in the header", r->header[i]);
		r->col[role] = (int)i;
	}
	if (r->col[ROLE_UNIT] < 0 || r->col[ROLE_PERIOD] < 0)
		return fail_at(r->d, r->path, r->row_line, 0,
			       "the header must name its columns: unit,indicator,period,value[,note] "
			       "(one figure a row) or unit,period,<indicator>... (one column per indicator)");
	r->wide = r->col[ROLE_INDICATOR] < 0 && r->col[ROLE_VALUE] < 0;
	if (r->wide)
		return 0;
	if (r->col[ROLE_INDICATOR] < 0 || r->col[ROLE_VALUE] < 0)
		return fail_header(r, "the header has %s but not both 'indicator' and 'value'",
				   r->col[ROLE_VALUE] < 0 ? "'indicator'" : "'value'");
	for (size_t i = 0; i < r->ncols; i++)
		if (role_of(r->header[i]) == ROLE_COUNT)
			return fail_at(r->d, r->path, r->row_line, (int)i + 1,
				       "unknown column '%s' (expected unit, indicator, period, value, note)",
				       r->header[i]);
	return 0;
}

static struct field field_at(const struct csv_reader *r, int col)
{
	return (struct field){r->fields[col], r->row_line, col + 1};
}

static int read_long_row(struct csv_reader *r)
{
	struct field unit = field_at(r, r->col[ROLE_UNIT]);
	struct field ind = field_at(r, r->col[ROLE_INDICATOR]);
	struct field period = field_at(r, r->col[ROLE_PERIOD]);
	struct field value = field_at(r, r->col[ROLE_VALUE]);
	const char *note = r->col[ROLE_NOTE] >= 0 ? r->fields[r->col[ROLE_NOTE]] : NULL;
	return figures_add(r->list, r->plan, &unit, &ind, &period, &value, note, r->d);
}

/* One figure per non-empty indicator cell; an empty cell is not reported. */
static int read_wide_row(struct csv_reader *r)
{
	struct field unit = field_at(r, r->col[ROLE_UNIT]);
	struct field period = field_at(r, r->col[ROLE_PERIOD]);
	for (size_t i = 0; i < r->ncols; i++) {
		if ((int)i == r->col[ROLE_UNIT] || (int)i == r->col[ROLE_PERIOD] ||
		    (int)i == r->col[ROLE_NOTE] || !r->fields[i][0])
			continue;
		struct field ind = {r->header[i], r->row_line, (int)i + 1};
		struct field value = field_at(r, (int)i);
		if (figures_add(r->list, r->plan, &unit, &ind, &period, &value, NULL, r->d) != 0)
			return -1;
	}
	return 0;
}

static int on_row(void *ctx, const char *const *fields, size_t n, size_t row, int line)
{
	struct csv_reader *r = ctx;
	r->fields = fields;
	r->row_line = line;
	if (row == 0)
		return read_header(r, fields, n);
	return r->wide ? read_wide_row(r) : read_long_row(r);
}

int figures_read_csv(struct figure_list *list, const struct plan *plan, diag_t *d)
{
	struct csv_reader r = {.list = list, .plan = plan, .d = d};
	r.path = list->files[list->nfiles - 1];
	char *text;
	size_t len;
	if (figures_slurp(r.path, list->encoding, &text, &len, d) != 0)
		return -1;
	long rows = csv_rows_read(r.path, text, len, on_row, &r, d);
	int rc = rows < 0 ? -1 : 0;
	if (rows == 0)
		rc = fail_at(d, r.path, 1, 1, "the file is empty: a figures file needs a header "
			     "row and a row per figure");
	else if (rows == 1)
		rc = fail_at(d, r.path, r.row_line, 1, "the file has a header but no figures: add a "
			     "row per figure, or leave the file out");
	for (size_t i = 0; i < r.ncols; i++)
		free(r.header[i]);
	free(r.header);
	free(text);
	return rc;
}
