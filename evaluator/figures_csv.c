/* Reported figures in CSV, long (unit,indicator,period,value[,note]) or
 * wide (unit,period,<indicator>...), parsed with libcsv. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

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
	char **fields;          /* the row being read, owned */
	size_t nfields, cap;
	int line;               /* the line being fed to the parser */
	int row_line;           /* the line the current row starts on */
	int header_line;
	bool have_header, wide, failed;
	size_t rows;            /* data rows read after the header */
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

static void clear_row(struct csv_reader *r)
{
	for (size_t i = 0; i < r->nfields; i++)
		free(r->fields[i]);
	r->nfields = 0;
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct csv_reader *r = ctx;
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->fields = xrealloc(r->fields, r->cap * sizeof *r->fields);
	}
	r->fields[r->nfields++] = xstrndup(data ? data : "", data ? len : 0);
}

static int fail_header(struct csv_reader *r, const char *fmt, const char *name)
{
	r->failed = true;
	return fail_at(r->d, r->path, r->row_line, 0, fmt, name);
}

/* Reads the header: long when it names indicator and value columns,
 * wide when every other column is an indicator. */
static int read_header(struct csv_reader *r)
{
	for (int k = 0; k < ROLE_COUNT; k++)
		r->col[k] = -1;
	r->header = r->fields;
	r->ncols = r->nfields;
	r->fields = NULL;
	r->nfields = r->cap = 0;
	for (size_t i = 0; i < r->ncols; i++) {
		enum role role = role_of(r->header[i]);
		if (role == ROLE_COUNT)
			continue;
		if (r->col[role] >= 0)
			return fail_header(r, "column '%s' appears twice in the header", r->header[i]);
		r->col[role] = (int)i;
	}
	if (r->col[ROLE_UNIT] < 0 || r->col[ROLE_PERIOD] < 0) {
		r->failed = true;
		return fail_at(r->d, r->path, r->row_line, 0,
			       "the header must name its columns: unit,indicator,period,value[,note] "
			       "(one figure a row) or unit,period,<indicator>... (one column per indicator)");
	}
	r->wide = r->col[ROLE_INDICATOR] < 0 && r->col[ROLE_VALUE] < 0;
	if (r->wide)
		return 0;
	if (r->col[ROLE_INDICATOR] < 0 || r->col[ROLE_VALUE] < 0)
		return fail_header(r, "the header has %s but not both 'indicator' and 'value'",
				   r->col[ROLE_VALUE] < 0 ? "'indicator'" : "'value'");
	for (size_t i = 0; i < r->ncols; i++)
		if (role_of(r->header[i]) == ROLE_COUNT) {
			r->failed = true;
			return fail_at(r->d, r->path, r->row_line, (int)i + 1,
				       "unknown column '%s' (expected unit, indicator, period, value, note)",
				       r->header[i]);
		}
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

static void on_row(int terminator, void *ctx)
{
	(void)terminator;
	struct csv_reader *r = ctx;
	if (r->failed) {
		clear_row(r);
		return;
	}
	if (!r->have_header) {
		r->have_header = true;
		r->header_line = r->row_line;
		read_header(r);
		return;
	}
	r->rows++;
	if (r->nfields != r->ncols) {
		/* point at the first missing or the first extra field */
		int col = (int)(r->nfields < r->ncols ? r->nfields : r->ncols) + 1;
		r->failed = true;
		fail_at(r->d, r->path, r->row_line, col,
			"this row has %zu fields, the header has %zu: every row needs one field per "
			"column (quote a field that holds a ',')", r->nfields, r->ncols);
	} else if ((r->wide ? read_wide_row(r) : read_long_row(r)) != 0) {
		r->failed = true;
	}
	clear_row(r);
}

/* libcsv's state before the first byte of a row (its ROW_NOT_BEGUN). */
#define CSV_ROW_NOT_BEGUN 0

/* Feeds the text a line at a time, so that each row knows its line. */
static int parse_lines(struct csv_reader *r, struct csv_parser *p, const char *text, size_t len)
{
	size_t pos = 0;
	while (pos < len && !r->failed) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		r->line++;
		if (p->pstate == CSV_ROW_NOT_BEGUN)
			r->row_line = r->line;
		if (csv_parse(p, text + pos, end - pos, on_field, on_row, r) != end - pos) {
			r->failed = true;
			return fail_at(r->d, r->path, r->line, (int)r->nfields + 1,
				       "malformed CSV: %s", csv_error(p) == CSV_EPARSE
				       ? "a stray '\"' (quote the whole field and double each '\"' in it)"
				       : csv_strerror(csv_error(p)));
		}
		pos = end;
	}
	if (!r->failed && csv_fini(p, on_field, on_row, r) != 0) {
		r->failed = true;
		return fail_at(r->d, r->path, r->row_line, (int)r->nfields + 1,
			       "malformed CSV: a quoted field is never closed");
	}
	return r->failed ? -1 : 0;
}

int figures_read_csv(struct figure_list *list, const struct plan *plan, diag_t *d)
{
	struct csv_reader r = {.list = list, .plan = plan, .d = d};
	r.path = list->files[list->nfiles - 1];
	char *text;
	size_t len;
	if (figures_slurp(r.path, list->encoding, &text, &len, d) != 0)
		return -1;
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	int rc = parse_lines(&r, &p, text, len);
	if (rc == 0 && !r.have_header)
		rc = fail_at(d, r.path, 1, 1, "the file is empty: a figures file needs a header "
			     "row and a row per figure");
	else if (rc == 0 && r.rows == 0)
		rc = fail_at(d, r.path, r.header_line, 1, "the file has a header but no figures: add a "
			     "row per figure, or leave the file out");
	csv_free(&p);
	clear_row(&r);
	free(r.fields);
	for (size_t i = 0; i < r.ncols; i++)
		free(r.header[i]);
	free(r.header);
	free(text);
	return rc;
}
