/* Reported figures in CSV, long (unit,indicator,period,value[,note]) or
 * wide (unit,period,<indicator>...), parsed with libcsv; the rows are read
 * as figures by figures_table.c. */
#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "text.h"

struct csv_reader {
	struct table_reader *table;
	diag_t *d;
	const char *path;
	char **fields;          /* the row being read, owned */
	size_t nfields, cap;
	int line;               /* the line being fed to the parser */
	int row_line;           /* the line the current row starts on */
	bool failed;
};

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

static void on_row(int terminator, void *ctx)
{
	(void)terminator;
	struct csv_reader *r = ctx;
	if (!r->failed && table_reader_row(r->table, r->fields, r->nfields, r->row_line) != 0)
		r->failed = true;
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
	struct csv_reader r = {.d = d};
	r.path = list->files[list->nfiles - 1];
	char *text;
	size_t len;
	if (figures_slurp(r.path, list->encoding, &text, &len, d) != 0)
		return -1;
	r.table = table_reader_new(list, plan, d);
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	int rc;
	if (parse_lines(&r, &p, text, len) != 0 && !table_reader_failed(r.table)) {
		table_reader_abandon(r.table);
		rc = -1;
	} else {
		rc = table_reader_finish(r.table);
	}
	csv_free(&p);
	clear_row(&r);
	free(r.fields);
	free(text);
	return rc;
}
