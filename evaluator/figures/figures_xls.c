/* Reported figures in an Excel 97-2003 workbook (.xls), read through
 * FreeXL: every sheet whose first row is a figures header, as .xlsx
 * sheets are (sheet_cells.c). FreeXL tells dates from numbers by their
 * format; it does not say which numbers are formatted as percentages,
 * and reads no formula: formula cells come from xls_formulas.c. */
#include <freexl.h>
#include <stdio.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include "figures.h"
#include "lang.h"
#include "mem.h"
#include "sbuf.h"
#include "sheet_cells.h"
#include "xls_formulas.h"

/* A cell's text and form; NULL for an empty cell. */
static char *cell_text(const FreeXL_CellValue *v, enum field_form *form)
{
	char buf[64];
	*form = FIELD_NUMBER;
	switch (v->type) {
	case FREEXL_CELL_INT:
		snprintf(buf, sizeof buf, "%d", v->value.int_value);
		return xstrdup(buf);
	case FREEXL_CELL_DOUBLE:
		*form = FIELD_NUMBER_UNSURE;
		snprintf(buf, sizeof buf, "%.15g", v->value.double_value);
		return xstrdup(buf);
	case FREEXL_CELL_DATE:
	case FREEXL_CELL_DATETIME: /* "2023-08-15 10:30:00": the day is the date */
		*form = FIELD_DATE;
		return xstrndup(v->value.text_value, 10);
	case FREEXL_CELL_TEXT:
	case FREEXL_CELL_SST_TEXT:
	case FREEXL_CELL_TIME:
		*form = FIELD_TEXT;
		return xstrdup(v->value.text_value);
	default:
		return NULL;
	}
}

/* Cell r, c of sheet as FreeXL reads it, else as its formula saved it;
 * NULL for an empty cell. */
static char *read_cell(const void *xls, const struct xls_formulas *formulas, size_t sheet,
		       unsigned r, unsigned short c, enum field_form *form)
{
	FreeXL_CellValue v;
	char *text = freexl_get_cell_value(xls, r, c, &v) == FREEXL_OK ? cell_text(&v, form) : NULL;
	const struct xls_formula *f = text ? NULL : xls_formula_at(formulas, sheet, r, c);
	if (!f)
		return text;
	*form = f->form;
	return xstrdup(f->text);
}

/* Reads the active sheet's rows into t; 0, 1 when passed over, -1. */
static int read_rows(const void *xls, const struct xls_formulas *formulas, size_t sheet,
		     struct sheet_table *t)
{
	unsigned int rows;
	unsigned short cols;
	if (freexl_worksheet_dimensions(xls, &rows, &cols) != FREEXL_OK)
		return fail(t->d, _("%s!%s: unable to read the sheet's size"), t->book, t->name);
	struct sheet_row row = {0};
	int rc = 0;
	for (unsigned int r = 0; r < rows && rc == 0; r++) {
		for (unsigned short c = 0; c < cols; c++) {
			enum field_form form;
			char *text = read_cell(xls, formulas, sheet, r, c, &form);
			if (text)
				sheet_row_set(&row, c + 1, text, form);
		}
		rc = sheet_table_row(t, &row, (int)r + 1);
		sheet_row_clear(&row);
	}
	return rc;
}

static int read_sheets(const void *xls, const struct xls_formulas *formulas,
		       struct figure_list *list, const struct plan *plan, const char *path, diag_t *d)
{
	unsigned int count = 0;
	freexl_get_info(xls, FREEXL_BIFF_SHEET_COUNT, &count);
	size_t files_before = list->nfiles;
	struct sbuf names = {0};
	int rc = 0;
	for (unsigned short i = 0; i < count && rc == 0; i++) {
		const char *name = NULL;
		if (freexl_get_worksheet_name(xls, i, &name) != FREEXL_OK || !name ||
		    freexl_select_active_worksheet(xls, i) != FREEXL_OK) {
			rc = fail(d, _("%s: unable to read its sheet %u"), path, i + 1u);
			break;
		}
		sbuf_addf(&names, "%s'%s'", i ? ", " : "", name);
		struct sheet_table t = {.list = list, .plan = plan, .d = d, .book = path, .name = name};
		int read = read_rows(xls, formulas, i, &t);
		rc = sheet_table_end(&t, read < 0);
	}
	if (rc == 0 && list->nfiles == files_before)
		rc = sheet_fail_no_figures(d, path, sbuf_str(&names));
	sbuf_release(&names);
	return rc;
}

/* Opens the workbook and reads every cell of every sheet, and its
 * formulas, as the import will; 0 when FreeXL and libgsf got through it. */
static int trial_read(const char *path)
{
	struct xls_formulas formulas;
	diag_t d;
	xls_formulas_read(&formulas, path, &d);
	xls_formulas_release(&formulas);
	const void *xls = NULL;
	unsigned int count = 0;
	if (freexl_open(path, &xls) == FREEXL_OK &&
	    freexl_get_info(xls, FREEXL_BIFF_SHEET_COUNT, &count) == FREEXL_OK)
		for (unsigned short i = 0; i < count; i++) {
			unsigned int rows;
			unsigned short cols;
			if (freexl_select_active_worksheet(xls, i) != FREEXL_OK ||
			    freexl_worksheet_dimensions(xls, &rows, &cols) != FREEXL_OK)
				break;
			for (unsigned int r = 0; r < rows; r++)
				for (unsigned short c = 0; c < cols; c++) {
					FreeXL_CellValue v;
					freexl_get_cell_value(xls, r, c, &v);
				}
		}
	freexl_close(xls);
	return 0;
}

/* FreeXL can fault on a damaged workbook (its own memory errors, which a
 * fuzzer finds in minutes): the workbook is read first in a child
 * process, so that such a file ends in a message, never in a signal.
 * libgsf, which takes the stream of formulas out of the file, is tried
 * there too. */
static int survives_freexl(const char *path, diag_t *d)
{
	fflush(NULL);
	pid_t child = fork();
	if (child == 0)
		_exit(trial_read(path));
	int status = 0;
	if (child < 0 || waitpid(child, &status, 0) != child)
		return 0;               /* no trial to be had: read it as it is */
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	return fail(d, _("%s: the workbook is damaged: FreeXL failed reading it (%s %d): save it "
		    "as .xlsx in Excel or WPS and import that"), path,
		    WIFSIGNALED(status) ? _("signal") : _("exit status"),
		    WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status));
}

/* Reads the sheets with the formula cells FreeXL does not read; refuses
 * a workbook whose formulas cannot be known. */
static int read_with_formulas(const void *xls, struct figure_list *list, const struct plan *plan,
			      const char *path, diag_t *d)
{
	struct xls_formulas formulas;
	diag_t why;
	int rc = xls_formulas_read(&formulas, path, &why);
	if (rc != 0)
		rc = fail(d, _("%s: the workbook is damaged: its formulas cannot be read (%s): save it "
			  "as .xlsx in Excel or WPS and import that"), path, why.text);
	else
		rc = read_sheets(xls, &formulas, list, plan, path, d);
	xls_formulas_release(&formulas);
	return rc;
}

int figures_read_xls(struct figure_list *list, const struct plan *plan, const char *path,
		     diag_t *d)
{
	if (survives_freexl(path, d) != 0)
		return -1;
	const void *xls = NULL;
	int rc = freexl_open(path, &xls);
	if (rc != FREEXL_OK) {
		freexl_close(xls);
		return fail(d, _("%s: not an Excel 97-2003 workbook (.xls) FreeXL can read (error %d): "
			    "save it as .xlsx in Excel or WPS and import that"), path, rc);
	}
	unsigned int mode = 0;
	freexl_get_info(xls, FREEXL_BIFF_PASSWORD, &mode);
	if (mode == FREEXL_BIFF_OBFUSCATED)
		rc = fail(d, _("%s: the workbook is protected by a password: save it without one and "
			  "import it again"), path);
	else
		rc = read_with_formulas(xls, list, plan, path, d);
	freexl_close(xls);
	return rc;
}
