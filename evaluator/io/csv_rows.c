#include "csv_rows.h"

#include <csv.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
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

/* Notes that the row's next field starts at offset start of its text. */
static void add_field_start(struct row_reader *r, size_t start)
{
	if (r->nfields == r->cap) {
		r->cap = r->cap ? r->cap * 2 : 16;
		r->starts = xrealloc(r->starts, r->cap * sizeof *r->starts);
		r->fields = xrealloc(r->fields, r->cap * sizeof *r->fields);
	}
	r->starts[r->nfields++] = start;
}

static void on_field(void *data, size_t len, void *ctx)
{
	struct row_reader *r = ctx;
	add_field_start(r, r->text.len);
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
		       _("this row has %zu fields, the header has %zu: every row needs one field per "
		       "column (quote a field that holds a %s)"), r->nfields, r->header_fields,
		       r->sep == '\t' ? _("tab") : "','");
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
			       _("malformed CSV: %s"), csv_error(p) == CSV_EPARSE
			       ? _("a stray '\"' (quote the whole field and double each '\"' in it)")
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
				       _("control character %s in a field: remove it, or export the "
				       "file again"), control_char_name(code, name));
		pos = end;
	}
	if (!r->failed && csv_fini(p, on_field, on_row, r) != 0)
		return fail_at(r->d, r->path, r->row_line, (int)r->nfields + 1,
			       _("malformed CSV: a quoted field is never closed"));
	return r->failed ? -1 : 0;
}

/* The characters libcsv trims around a field that is not quoted. */
static bool trimmed(char c, char sep)
{
	return (c == ' ' || c == '\t') && c != sep;
}

static bool blank_row(const char *row, size_t n, char sep)
{
	for (size_t k = 0; k < n; k++)
		if (!trimmed(row[k], sep))
			return false;
	return true;
}

/* The fields of one row of plain text, each trimmed: the row is copied
 * once and cut into its fields in place. */
static void split_row(struct row_reader *r, const char *row, size_t n)
{
	sbuf_addn(&r->text, row, n);
	char *s = r->text.s, *end = s + n;
	for (;;) {
		char *stop = memchr(s, r->sep, (size_t)(end - s));
		char *field_end = stop ? stop : end;
		while (s < field_end && trimmed(*s, r->sep))
			s++;
		while (field_end > s && trimmed(field_end[-1], r->sep))
			field_end--;
		add_field_start(r, (size_t)(s - r->text.s));
		*field_end = '\0';             /* the separator, a space, or the text's end */
		if (!stop)
			return;
		s = stop + 1;
	}
}

/* Text with no quote and no control character, split in one pass as
 * libcsv splits it (a CR or an LF ends a row, a blank row is no row, a
 * field's spaces and tabs around it are trimmed) without its call per
 * byte: most files people export, and every file a plan is made from. */
static int split_plain(struct row_reader *r, const char *text, size_t len)
{
	size_t pos = 0;
	r->line = 1;
	while (pos < len && !r->failed) {
		size_t end = pos;
		while (end < len && text[end] != '\n' && text[end] != '\r')
			end++;
		if (!blank_row(text + pos, end - pos, r->sep)) {
			r->row_line = r->line;
			split_row(r, text + pos, end - pos);
			on_row(0, r);
		}
		if (end < len && text[end] == '\n')
			r->line++;
		pos = end + 1;
	}
	return r->failed ? -1 : 0;
}

static bool plain_text(const char *text, size_t len)
{
	unsigned code;
	return !memchr(text, '"', len) && utf8_control_at(text, len, &code) == len;
}

long csv_rows_read(const char *path, const char *text, size_t len, char sep, csv_row_fn fn,
		   void *ctx, diag_t *d)
{
	struct row_reader r = {.path = path, .fn = fn, .ctx = ctx, .d = d, .sep = sep};
	struct csv_parser p;
	csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_delim(&p, sep);
	int rc = plain_text(text, len) ? split_plain(&r, text, len) : parse_lines(&r, &p, text, len);
	csv_free(&p);
	sbuf_release(&r.text);
	free(r.starts);
	free(r.fields);
	return rc == 0 ? (long)r.rows : -1;
}
