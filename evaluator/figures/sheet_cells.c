/* Number formats read for what they say about a cell: a percentage, a
 * date, or a plain number. Excel and WPS keep 9.5% as 0.095 and a date as
 * the days since 1900; the format is what tells the reader. */
#include "sheet_cells.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lang.h"
#include "mem.h"
#include "period.h"
#include "sbuf.h"

/* The built-in formats (ECMA-376 18.8.30, and the CJK ones Excel and WPS
 * use in China) that show a date. */
static bool builtin_date(int id)
{
	return (id >= 14 && id <= 17) || id == 22 || (id >= 27 && id <= 31) ||
	       (id >= 34 && id <= 36) || (id >= 50 && id <= 58);
}

/* A format code with its literal text ("年", \- , [Red], [$-804]) taken
 * out, so that only the placeholders remain. */
static void placeholders(const char *code, char *out, size_t size)
{
	size_t n = 0;
	for (const char *p = code; *p && n + 1 < size; p++) {
		if (*p == '"') {
			const char *close = strchr(p + 1, '"');
			if (!close)
				break;
			p = close;
		} else if (*p == '[') {
			const char *close = strchr(p + 1, ']');
			if (!close)
				break;
			p = close;
		} else if (*p == '\\' || *p == '_' || *p == '*') {
			if (!p[1])
				break;
			p++; /* an escaped, padded or repeated character */
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

enum field_form sheet_format_form(int id, const char *code)
{
	if (id == 9 || id == 10)
		return FIELD_PERCENT;
	if (builtin_date(id))
		return FIELD_DATE;
	if (!code)
		return FIELD_NUMBER;
	char kept[256];
	placeholders(code, kept, sizeof kept);
	char *section_end = strchr(kept, ';'); /* the format for positive numbers decides */
	if (section_end)
		*section_end = '\0';
	if (strchr(kept, '%'))
		return FIELD_PERCENT;
	if (strcmp(kept, "General") == 0 || strcmp(kept, "@") == 0)
		return FIELD_NUMBER;
	if (strpbrk(kept, "yYdD") || (strpbrk(kept, "mM") && !strpbrk(kept, "hHsS")))
		return FIELD_DATE;
	return FIELD_NUMBER;
}

int sheet_serial_date(double serial, bool date1904)
{
	if (!(serial >= 1 && serial < 400000))
		return 0;
	long days = (long)floor(serial);
	if (date1904)
		days += 1462; /* 1904-01-01 is day 1462 of the 1900 count */
	else if (days < 61)
		days += 1;    /* before Excel's 29 February 1900, which never was */
	int date = date_from_days(days + date_days(18991230));
	return date >= 19000101 && date <= 29991231 ? date : 0;
}

int sheet_number_text(double value, enum field_form form, bool date1904, char *out, size_t size)
{
	if (form == FIELD_DATE) {
		int date = sheet_serial_date(value, date1904);
		char buf[DATE_TEXT];
		if (!date)
			return -1;
		snprintf(out, size, "%s", date_format(date, buf));
		return 0;
	}
	/* 15 digits, as Excel shows them: 0.095 * 100 is 9.5, not 9.500000000000002 */
	snprintf(out, size, "%.15g", form == FIELD_PERCENT ? value * 100 : value);
	return 0;
}

const char *sheet_column_name(int col, char buf[4])
{
	char rev[4];
	int n = 0;
	for (; col > 0 && n < 3; col = (col - 1) / 26)
		rev[n++] = (char)('A' + (col - 1) % 26);
	for (int i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	buf[n] = '\0';
	return buf;
}

void sheet_row_set(struct sheet_row *row, int col, char *text, enum field_form form)
{
	if ((size_t)col > row->n) {
		row->fields = xrealloc(row->fields, (size_t)col * sizeof *row->fields);
		row->forms = xrealloc(row->forms, (size_t)col * sizeof *row->forms);
		while (row->n < (size_t)col) {
			row->forms[row->n] = FIELD_TEXT;
			row->fields[row->n++] = xstrdup("");
		}
	}
	free(row->fields[col - 1]);
	row->fields[col - 1] = text;
	row->forms[col - 1] = form;
}

void sheet_row_clear(struct sheet_row *row)
{
	for (size_t i = 0; i < row->n; i++)
		free(row->fields[i]);
	free(row->fields);
	free(row->forms);
	*row = (struct sheet_row){0};
}

/* Whether cell i holds nothing: no text, no error, no formula. */
static bool blank_cell(const struct sheet_row *row, size_t i)
{
	return row->forms[i] < FIELD_ERROR && !row->fields[i][strspn(row->fields[i], " ")];
}

/* Empty cells at a row's end, which spreadsheets leave out or keep only
 * for their style, are no fields; a short row gets them back as empty up
 * to the header's width. */
static void fit_to_header(struct sheet_row *row, size_t width)
{
	while (row->n && blank_cell(row, row->n - 1))
		free(row->fields[--row->n]);
	if (row->n && row->n < width)
		sheet_row_set(row, (int)width, xstrdup(""), FIELD_TEXT);
}

/* The sheet's first row: a figures header makes it a reporting sheet,
 * read as the list's next file; 1 when it is not one. */
static int start_table(struct sheet_table *t, const struct sheet_row *row)
{
	struct sbuf name = {0};
	sbuf_addf(&name, "%s!%s", t->book, t->name);
	if (!figure_table_header((const char *const *)row->fields, row->n)) {
		sbuf_addf(&t->list->skipped, "%s\n", sbuf_str(&name));
		sbuf_release(&name);
		t->skipped = true;
		return 1;
	}
	figure_list_add_file(t->list, sbuf_str(&name), true);
	sbuf_release(&name);
	t->table = figure_table_reader_new(t->list, t->plan, t->d);
	t->width = row->n;
	return 0;
}

int sheet_table_row(struct sheet_table *t, struct sheet_row *row, int line)
{
	fit_to_header(row, t->width);
	if (!row->n)
		return 0; /* a row left empty, or with formatting only */
	if (!t->table && start_table(t, row) != 0)
		return 1;
	return figure_table_reader_row(t->table, (const char *const *)row->fields, row->forms,
				       row->n, line);
}

int sheet_table_end(struct sheet_table *t, bool failed)
{
	if (!t->table) {
		if (!t->skipped && !failed) /* an empty sheet */
			sbuf_addf(&t->list->skipped, "%s!%s\n", t->book, t->name);
		return failed ? -1 : 0;
	}
	if (failed) {
		figure_table_reader_abandon(t->table);
		return -1;
	}
	return figure_table_reader_finish(t->table);
}

int sheet_fail_no_figures(diag_t *d, const char *book, const char *names)
{
	return fail(d, _("%s: no sheet has figures: the first row of a reporting sheet names its "
		    "columns, unit,indicator,period,value[,note] (one figure a row) or "
		    "unit,period,<indicator>... (one column per indicator), and the first row of %s "
		    "does not"), book, names);
}
