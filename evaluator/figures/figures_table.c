/* A table's rows read as figures, as CSV files and worksheets give them:
 * the first row names the columns, long (unit,indicator,period,value
 * [,note]) or wide (unit,period,<indicator>...). A filled-in template
 * (assay template) adds columns for the reader (names, measure, target,
 * the last figure); they are passed over, and so is a row left empty. */
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "lang.h"
#include "mem.h"

enum role { ROLE_UNIT, ROLE_INDICATOR, ROLE_PERIOD, ROLE_VALUE, ROLE_NOTE, ROLE_INFO, ROLE_COUNT };

#define ROLE_NAMES 15

/* Each role's names, the template's own in English and in Chinese among
 * them (report/template.c writes them in the reader's language). */
static const char *const role_names[ROLE_COUNT][ROLE_NAMES] = {
	{"unit", "单位", "责任单位", "单位代码", NULL},
	{"indicator", "指标", "指标代码", NULL},
	{"period", "期间", "时期", "月份", NULL},
	{"value", "数值", "值", NULL},
	{"note", "备注", "说明", NULL},
	{"unit_name", "indicator_name", "measure", "target", "last_period", "last_value", "guide",
	 "单位名称", "指标名称", "计量单位", "目标值", "上期", "上期数值", "填报说明", NULL},
};

struct figure_table_reader {
	struct figure_list *list;
	const struct plan *plan;
	diag_t *d;
	bool have_header, wide, failed;
	bool template;          /* the header has the template's columns */
	int header_line;
	size_t rows;            /* data rows read after the header */
	char **header;          /* owned copy of the header row */
	enum role *roles;       /* each column's role, owned; ROLE_COUNT: none */
	size_t ncols;
	int col[ROLE_COUNT];    /* field index of each role, -1 when absent */
};

static enum role role_of(const char *name)
{
	for (int r = 0; r < ROLE_COUNT; r++)
		for (int k = 0; k < ROLE_NAMES && role_names[r][k]; k++)
			if (strcmp(name, role_names[r][k]) == 0)
				return (enum role)r;
	return ROLE_COUNT;
}

static int fail_header(struct figure_table_reader *r, int line, int col, const char *fmt,
		       const char *name)
{
	r->failed = true;
	return figures_fail_at(r->list, r->d, line, col, fmt, name);
}

bool figure_table_header(const char *const *fields, size_t n)
{
	bool unit = false, period = false;
	for (size_t i = 0; i < n; i++) {
		unit = unit || role_of(fields[i]) == ROLE_UNIT;
		period = period || role_of(fields[i]) == ROLE_PERIOD;
	}
	return unit && period;
}

/* The long form names every column it has. */
static int check_long_columns(struct figure_table_reader *r, int line)
{
	for (size_t i = 0; i < r->ncols; i++)
		if (r->roles[i] == ROLE_COUNT)
			return fail_header(r, line, (int)i + 1, _("unknown column '%s' (expected unit, "
					   "indicator, period, value, note)"), r->header[i]);
	return 0;
}

/* Reads the header: long when it names indicator and value columns,
 * wide when every other column is an indicator. */
static int read_header(struct figure_table_reader *r, const char *const *fields, size_t n, int line)
{
	r->header = xcalloc(n + 1, sizeof *r->header);
	r->roles = xcalloc(n + 1, sizeof *r->roles);
	r->ncols = n;
	r->header_line = line;
	for (int k = 0; k < ROLE_COUNT; k++)
		r->col[k] = -1;
	for (size_t i = 0; i < n; i++) {
		r->header[i] = xstrdup(fields[i]);
		enum role role = r->roles[i] = role_of(fields[i]);
		if (role == ROLE_INFO)
			r->template = true;
		else if (role != ROLE_COUNT && r->col[role] >= 0)
			return fail_header(r, line, 0, _("column '%s' appears twice in the header"), fields[i]);
		else if (role != ROLE_COUNT)
			r->col[role] = (int)i;
	}
	if (r->col[ROLE_UNIT] < 0 || r->col[ROLE_PERIOD] < 0)
		return fail_header(r, line, 0, "%s", "the header must name its columns: "
				   "unit,indicator,period,value[,note] (one figure a row) or "
				   "unit,period,<indicator>... (one column per indicator)");
	r->wide = r->col[ROLE_INDICATOR] < 0 && r->col[ROLE_VALUE] < 0;
	if (r->wide)
		return 0;
	if (r->col[ROLE_INDICATOR] < 0 || r->col[ROLE_VALUE] < 0)
		return fail_header(r, line, 0, _("the header has %s but not both 'indicator' and 'value'"),
				   r->col[ROLE_VALUE] < 0 ? "'indicator'" : "'value'");
	return check_long_columns(r, line);
}

/* The row being read: its fields and their forms (NULL: all text). */
struct row {
	const char *const *fields;
	const enum field_form *forms;
	int line;
};

static struct field field_at(const struct row *row, int col)
{
	return (struct field){row->fields[col], row->line, col + 1,
			      row->forms ? row->forms[col] : FIELD_TEXT};
}

static int read_long_row(struct figure_table_reader *r, const struct row *row)
{
	struct field unit = field_at(row, r->col[ROLE_UNIT]);
	struct field ind = field_at(row, r->col[ROLE_INDICATOR]);
	struct field period = field_at(row, r->col[ROLE_PERIOD]);
	struct field value = field_at(row, r->col[ROLE_VALUE]);
	const char *note = r->col[ROLE_NOTE] >= 0 ? row->fields[r->col[ROLE_NOTE]] : NULL;
	if (r->template && !value.text[strspn(value.text, " ")])
		return 0; /* a template's row the unit left empty: not reported */
	return figures_add(r->list, r->plan, &unit, &ind, &period, &value, note, r->d);
}

/* Whether column i holds figures in the wide form. */
static bool wide_figure_column(const struct figure_table_reader *r, size_t i)
{
	enum role role = r->roles[i];
	return role != ROLE_UNIT && role != ROLE_PERIOD && role != ROLE_NOTE && role != ROLE_INFO;
}

/* One figure per non-empty indicator cell; an empty cell is not reported. */
static int read_wide_row(struct figure_table_reader *r, const struct row *row)
{
	struct field unit = field_at(row, r->col[ROLE_UNIT]);
	struct field period = field_at(row, r->col[ROLE_PERIOD]);
	for (size_t i = 0; i < r->ncols; i++) {
		if (!wide_figure_column(r, i) || !row->fields[i][0])
			continue;
		struct field ind = {r->header[i], row->line, (int)i + 1, FIELD_TEXT};
		struct field value = field_at(row, (int)i);
		if (figures_add(r->list, r->plan, &unit, &ind, &period, &value, NULL, r->d) != 0)
			return -1;
	}
	return 0;
}

struct figure_table_reader *figure_table_reader_new(struct figure_list *list,
						    const struct plan *plan, diag_t *d)
{
	struct figure_table_reader *r = xcalloc(1, sizeof *r);
	*r = (struct figure_table_reader){.list = list, .plan = plan, .d = d};
	return r;
}

/* A row whose field count differs from the header's: in a text, a
 * field missing or one too many (a ',' unquoted); in a worksheet, where
 * empty trailing cells are read as empty, a cell right of the header. */
static int fail_row_width(struct figure_table_reader *r, const char *const *fields, size_t n,
			  int line)
{
	int col = (int)(n < r->ncols ? n : r->ncols) + 1; /* the first missing or extra */
	r->failed = true;
	if (r->list->in_cells[r->list->nfiles - 1]) {
		while (col < (int)n && !fields[col - 1][0])
			col++; /* the first cell with something in it */
		return figures_fail_at(r->list, r->d, line, col, _("the cell is right of the header's "
				       "last column: give its column a name in the header row, or "
				       "clear the cell"));
	}
	return figures_fail_at(r->list, r->d, line, col,
			       _("this row has %zu fields, the header has %zu: every row needs one "
			       "field per column (quote a field that holds a ',')"), n, r->ncols);
}

/* Refuses a cell read for figures that holds an error or a formula with
 * no saved value: what it shows is not known, so it cannot be scored. */
static int check_cell_values(struct figure_table_reader *r, const struct row *row)
{
	for (size_t i = 0; row->forms && i < r->ncols; i++) {
		if (r->roles[i] == ROLE_INFO)
			continue;
		if (row->forms[i] == FIELD_ERROR)
			return figures_fail_at(r->list, r->d, row->line, (int)i + 1, _("the cell holds "
					       "the error %s: correct its formula or type the figure, "
					       "save, and import again"), row->fields[i]);
		if (row->forms[i] == FIELD_NO_VALUE)
			return figures_fail_at(r->list, r->d, row->line, (int)i + 1, _("the formula has "
					       "no saved value: open the file in Excel or WPS and save "
					       "it again"));
	}
	return 0;
}

int figure_table_reader_row(struct figure_table_reader *r, const char *const *fields,
			    const enum field_form *forms, size_t n, int line)
{
	if (r->failed)
		return -1;
	if (!r->have_header) {
		r->have_header = true;
		return read_header(r, fields, n, line);
	}
	r->rows++;
	if (n != r->ncols)
		return fail_row_width(r, fields, n, line);
	struct row row = {fields, forms, line};
	if (check_cell_values(r, &row) != 0 ||
	    (r->wide ? read_wide_row(r, &row) : read_long_row(r, &row)) != 0)
		r->failed = true;
	return r->failed ? -1 : 0;
}

bool figure_table_reader_failed(const struct figure_table_reader *r)
{
	return r->failed;
}

int figure_table_reader_finish(struct figure_table_reader *r)
{
	int rc = r->failed ? -1 : 0;
	bool sheet = r->list->in_cells[r->list->nfiles - 1];
	if (rc == 0 && !r->have_header)
		rc = figures_fail_at(r->list, r->d, 1, 1, _("the file is empty: a figures file needs a header "
			     "row and a row per figure"));
	else if (rc == 0 && r->rows == 0)
		rc = figures_fail_at(r->list, r->d, r->header_line, 1, _("the %s has a header but no "
				     "figures: add a row per figure, or leave the %s out"),
				     sheet ? _("sheet") : _("file"), sheet ? _("sheet") : _("file"));
	for (size_t i = 0; i < r->ncols; i++)
		free(r->header[i]);
	free(r->header);
	free(r->roles);
	free(r);
	return rc;
}

void figure_table_reader_abandon(struct figure_table_reader *r)
{
	r->failed = true;
	figure_table_reader_finish(r);
}
