#include "csv_rows.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"
#include "sbuf.h"
#include "utf8.h"

/* A row's fields live in one buffer, NUL-separated: no allocation per field. */
struct row_reader {
	const char *path;
	csv_row_fn fn;
	void *ctx;
	diag_t *d;
	struct sbuf text;       /* the row's fields, each followed by NUL */
	size_t *starts;         /* offset of each field in text */
	const char **fields;    /* pointers into text, made when the row ends */
	size_t nfields, cap;
	size_t rows, header_fields;
	int line, row_line;
	int failed;
	char sep;
};

static void on_field(void *data, size_t len, void *ctx)
{
	struct row_reader *r = ctx;
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->starts = xrealloc(r->starts, r->cap * sizeof *r->starts);
		r->fields = xrealloc(r->fields, r->cap * sizeof *r->fields);
	}
	r->starts[r->nfields++] = r->text.len;
	sbuf_addn(&r->text, data ? data : "", data ? len : 0);
	sbuf_addc(&r->text, '\0');
}

static int check_width(struct row_reader *r)
{
	if (r->rows == 0) {
		r->header_fields = r->nfields;
		return 0;
	}
	if (r->nfields == r->header_fields)
		return 0;
	/* point at the first missing or the first extra field */
	int col = (int)(r->nfields < r->header_fields ? r->nfields : r->header_fields) + 1;
	return fail_at(r->d, r->path, r->row_line, col,
		       "this row has %zu fields, the header has %zu: every row needs one field per "
		       "column (quote a field that holds a %s)", r->nfields, r->header_fields,
		       r->sep == '\t' ? "tab" : "','");
}

static void on_row(int terminator, void *ctx)
{
	(void)terminator;
	struct row_reader *r = ctx;
	if (!r->failed) {
		for (size_t i = 0; i < r->nfields; i++)
			r->fields[i] = r->text.s + r->starts[i];
		if (check_width(r) != 0 ||
		    r->fn(r->ctx, r->fields, r->nfields, r->rows, r->row_line) != 0)
			r->failed = 1;
		r->rows++;
	}
	r->nfields = 0;
	sbuf_reset(&r->text);
}

/* libcsv's state before the first byte of a row (its ROW_NOT_BEGUN). */
#define CSV_ROW_NOT_BEGUN 0

/* Parses text[0..n), part of a line. */
static int feed(struct row_reader *r, struct csv_parser *p, const char *text, size_t n)
{
	if (csv_parse(p, text, n, on_field, on_row, r) != n)
		return fail_at(r->d, r->path, r->line, (int)r->nfields + 1,
			       "malformed CSV: %s", csv_error(p) == CSV_EPARSE
			       ? "a stray '\"' (quote the whole field and double each '\"' in it)"
			       : csv_strerror(csv_error(p)));
	return r->failed ? -1 : 0;
}

/* Feeds the text a line at a time, so that each row knows its line. A
 * control character is refused where it stands: the line is parsed up to
 * it, so that the field it is in is known (a NUL would otherwise end the
 * field's text there, and the value read would be cut short). */
static int parse_lines(struct row_reader *r, struct csv_parser *p, const char *text, size_t len)
{
	size_t pos = 0;
	while (pos < len && !r->failed) {
		const char *nl = memchr(text + pos, '\n', len - pos);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		r->line++;
		if (p->pstate == CSV_ROW_NOT_BEGUN)
			r->row_line = r->line;
		unsigned code;
		size_t bad = pos + utf8_control_at(text + pos, end - pos, &code);
		if (feed(r, p, text + pos, bad - pos) != 0)
			return -1;
		char name[16];
		if (bad < end)
			return fail_at(r->d, r->path, r->line, (int)r->nfields + 1,
				       "control character %s in a field: remove it, or export the "
				       "file again", control_char_name(code, name));
		pos = end;
	}
	if (!r->failed && csv_fini(p, on_field, on_row, r) != 0)
		return fail_at(r->d, r->path, r->row_line, (int)r->nfields + 1,
			       "malformed CSV: a quoted field is never closed");
	return r->failed ? -1 : 0;
}

long csv_rows_read(const char *path, const char *text, size_t len, char sep, csv_row_fn fn,
		   void *ctx, diag_t *d)
{
	struct row_reader r = {.path = path, .fn = fn, .ctx = ctx, .d = d, .sep = sep};
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(&p, sep);
	int rc = parse_lines(&r, &p, text, len);
	csv_free(&p);
	sbuf_release(&r.text);
	free(r.starts);
	free(r.fields);
	return rc == 0 ? (long)r.rows : -1;
}
