/* Reported figures in an Excel workbook (.xlsx): every sheet whose first
 * row is a figures header, each read as a table of rows (figures_table.c)
 * like a CSV file; the other sheets are passed over and listed. The
 * workbook is a zip archive (libzip) of XML parts (expat): workbook.xml
 * names the sheets, its relationships say which part holds each,
 * sharedStrings.xml holds the text cells point to, styles.xml the number
 * formats that say a number is a percentage or a date (sheet_cells.c). */
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "figures.h"
#include "lang.h"
#include "mem.h"
#include "sbuf.h"
#include "sheet_cells.h"

/* A part of the workbook larger than this is refused (a zip bomb). */
#define PART_MAX (256u << 20)

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main|"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships|"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships|"

struct sheet_entry;

struct workbook {
	zip_t *zip;
	const char *path;
	diag_t *d;
	bool date1904;          /* dates count from 1904 (old Mac workbooks) */
	bool recalculate;       /* formulas' saved values are stale: the writer
				 * left them for Excel to compute on opening */
	struct sheet_entry *sheets;
	size_t nsheets;
	enum field_form *forms; /* per cell style: what its numbers mean */
	size_t nforms;
};

/* Streams one part of the archive through an expat parser whose handlers
 * and user data are set. 0, or -1 with d set (or, when a handler stopped
 * the parse, with d as the handler set it); 1 when the part is not there
 * and `optional`. */
static int parse_part(struct workbook *w, XML_Parser p, const char *name, bool optional)
{
	zip_file_t *f = zip_fopen(w->zip, name, 0);
	if (!f)
		return optional ? 1 : fail(w->d, _("%s: not a workbook Excel wrote: it has no %s"),
					   w->path, name);
	char buf[1 << 14];
	zip_int64_t n;
	size_t total = 0;
	int rc = 0;
	do {
		n = zip_fread(f, buf, sizeof buf);
		total += n > 0 ? (size_t)n : 0;
		if (n < 0 || total > PART_MAX) {
			rc = fail(w->d, _("%s: unable to read %s: %s"), w->path, name,
				  n < 0 ? zip_file_strerror(f) : "it is larger than 256 MiB");
			break;
		}
		if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (XML_GetErrorCode(p) == XML_ERROR_ABORTED) {
				rc = -1; /* a handler stopped it, d says why */
				break;
			}
			rc = fail(w->d, _("%s: %s is not well-formed XML (line %lu): %s"), w->path, name,
				  (unsigned long)XML_GetCurrentLineNumber(p),
				  XML_ErrorString(XML_GetErrorCode(p)));
			break;
		}
	} while (n > 0);
	zip_fclose(f);
	return rc;
}

/* An attribute's value, or NULL. */
static const char *attribute(const XML_Char **atts, const char *name)
{
	for (size_t i = 0; atts[i]; i += 2)
		if (strcmp(atts[i], name) == 0)
			return atts[i + 1];
	return NULL;
}

/* A worksheet as workbook.xml lists it. */
struct sheet_entry {
	char *name, *rid;       /* owned */
	char *part;             /* its part in the archive, owned; NULL: unknown */
};

/* workbook.xml: the sheets, in order, and how the workbook counts. */
static void on_workbook_element(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct workbook *w = data;
	if (strcmp(name, NS_MAIN "workbookPr") == 0) {
		const char *v = attribute(atts, "date1904");
		w->date1904 = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(name, NS_MAIN "calcPr") == 0) {
		const char *v = attribute(atts, "fullCalcOnLoad");
		w->recalculate = v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0);
	} else if (strcmp(name, NS_MAIN "sheet") == 0) {
		const char *id = attribute(atts, NS_REL "id"), *sheet = attribute(atts, "name");
		if (!id || !sheet)
			return;
		w->sheets = xrealloc(w->sheets, (w->nsheets + 1) * sizeof *w->sheets);
		w->sheets[w->nsheets++] = (struct sheet_entry){xstrdup(sheet), xstrdup(id), NULL};
	}
}

/* workbook.xml.rels: the part each sheet's relationship id points to. */
static void on_relation_element(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct workbook *w = data;
	const char *id = attribute(atts, "Id"), *target = attribute(atts, "Target");
	if (strcmp(name, NS_PKG_REL "Relationship") != 0 || !id || !target)
		return;
	for (size_t i = 0; i < w->nsheets; i++) {
		if (w->sheets[i].part || strcmp(id, w->sheets[i].rid) != 0)
			continue;
		struct sbuf part = {0};
		if (target[0] == '/')
			sbuf_add(&part, target + 1);
		else
			sbuf_addf(&part, "xl/%s", target);
		w->sheets[i].part = sbuf_detach(&part);
	}
}

static int parse_with(struct workbook *w, const char *part, bool optional,
		      XML_StartElementHandler start, XML_EndElementHandler end,
		      XML_CharacterDataHandler text, void *data)
{
	XML_Parser p = XML_ParserCreateNS(NULL, '|');
	XML_SetUserData(p, data);
	XML_SetElementHandler(p, start, end);
	XML_SetCharacterDataHandler(p, text);
	int rc = parse_part(w, p, part, optional);
	XML_ParserFree(p);
	return rc;
}

/* The workbook's sheets and where their parts are; -1 with d set. */
static int read_sheet_list(struct workbook *w)
{
	if (parse_with(w, "xl/workbook.xml", false, on_workbook_element, NULL, NULL, w) != 0 ||
	    parse_with(w, "xl/_rels/workbook.xml.rels", false, on_relation_element, NULL, NULL,
		       w) != 0)
		return -1;
	if (!w->nsheets)
		return fail(w->d, _("%s: the workbook has no worksheet"), w->path);
	for (size_t i = 0; i < w->nsheets; i++)
		if (!w->sheets[i].part)
			return fail(w->d, _("%s: the workbook does not say where its sheet '%s' is"),
				    w->path, w->sheets[i].name);
	return 0;
}

/* styles.xml: what each cell style's number format makes of a number. */
struct styles {
	struct workbook *w;
	bool in_cell_xfs;
	struct { int id; char *code; } *formats; /* the workbook's own formats */
	size_t nformats;
};

static const char *format_code(const struct styles *st, int id)
{
	for (size_t i = 0; i < st->nformats; i++)
		if (st->formats[i].id == id)
			return st->formats[i].code;
	return NULL;
}

static void on_styles_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct styles *st = data;
	struct workbook *w = st->w;
	const char *id = attribute(atts, "numFmtId");
	if (strcmp(name, NS_MAIN "cellXfs") == 0) {
		st->in_cell_xfs = true;
	} else if (strcmp(name, NS_MAIN "numFmt") == 0 && id && attribute(atts, "formatCode")) {
		st->formats = xrealloc(st->formats, (st->nformats + 1) * sizeof *st->formats);
		st->formats[st->nformats].id = atoi(id);
		st->formats[st->nformats++].code = xstrdup(attribute(atts, "formatCode"));
	} else if (strcmp(name, NS_MAIN "xf") == 0 && st->in_cell_xfs) {
		int n = id ? atoi(id) : 0;
		w->forms = xrealloc(w->forms, (w->nforms + 1) * sizeof *w->forms);
		w->forms[w->nforms++] = sheet_format_form(n, format_code(st, n));
	}
}

static void on_styles_end(void *data, const XML_Char *name)
{
	struct styles *st = data;
	if (strcmp(name, NS_MAIN "cellXfs") == 0)
		st->in_cell_xfs = false;
}

/* The number format of every cell style; a workbook without styles has
 * plain numbers only. */
static int read_styles(struct workbook *w)
{
	struct styles st = {.w = w};
	int rc = parse_with(w, "xl/styles.xml", true, on_styles_start, on_styles_end, NULL, &st);
	for (size_t i = 0; i < st.nformats; i++)
		free(st.formats[i].code);
	free(st.formats);
	return rc < 0 ? -1 : 0;
}

/* Text gathered from <t> elements: a shared string, an inline string, a
 * cell's <v>. */
struct text_collector {
	bool in_text;
	int skip;               /* inside phonetic runs (<rPh>), not cell text */
	struct sbuf text;
};

/* sharedStrings.xml: every <si>'s text, in order. */
struct shared_strings {
	struct text_collector c;
	char **v;
	size_t n, cap;
};

static void on_shared_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct shared_strings *s = data;
	(void)atts;
	if (strcmp(name, NS_MAIN "si") == 0)
		sbuf_reset(&s->c.text);
	else if (strcmp(name, NS_MAIN "rPh") == 0)
		s->c.skip++;
	else if (strcmp(name, NS_MAIN "t") == 0 && !s->c.skip)
		s->c.in_text = true;
}

static void on_shared_end(void *data, const XML_Char *name)
{
	struct shared_strings *s = data;
	if (strcmp(name, NS_MAIN "t") == 0) {
		s->c.in_text = false;
	} else if (strcmp(name, NS_MAIN "rPh") == 0) {
		s->c.skip--;
	} else if (strcmp(name, NS_MAIN "si") == 0) {
		if (s->n == s->cap) {
			s->cap = s->cap ? s->cap * 2 : 64;
			s->v = xrealloc(s->v, s->cap * sizeof *s->v);
		}
		s->v[s->n++] = xstrdup(sbuf_str(&s->c.text));
	}
}

static void on_text(void *data, const XML_Char *text, int len)
{
	struct text_collector *c = data; /* first member of each parser's state */
	if (c->in_text)
		sbuf_addn(&c->text, text, (size_t)len);
}

static void shared_strings_release(struct shared_strings *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	sbuf_release(&s->c.text);
}

static int read_shared_strings(struct workbook *w, struct shared_strings *s)
{
	int rc = parse_with(w, "xl/sharedStrings.xml", true, on_shared_start, on_shared_end,
			    on_text, s);
	return rc < 0 ? -1 : 0; /* a workbook with no text has no such part */
}

int xlsx_cell_column(const char *ref)
{
	int col = 0;
	for (; *ref >= 'A' && *ref <= 'Z'; ref++) {
		col = col * 26 + (*ref - 'A' + 1);
		if (col > 16384)
			return 0; /* beyond XFD, Excel's last column */
	}
	return *ref >= '0' && *ref <= '9' ? col : 0;
}

/* The worksheet's rows as they stream by, each handed to the table. */
struct sheet {
	struct text_collector c;
	const struct shared_strings *strings;
	struct sheet_table table;
	struct workbook *w;
	XML_Parser parser;
	int row;                /* the row being read (1-based) */
	struct sheet_row cells; /* its cells so far */
	int col;                /* the cell being read */
	char type[16];          /* its t attribute: s, str, inlineStr, n, b, e, d */
	enum field_form style;  /* what its style's number format makes of a number */
	bool formula, value;    /* it has a formula, a saved value */
	bool stopped;           /* by a bad cell or row (d says why) */
	bool passed_over;       /* not a reporting sheet */
};

/* Ends the parse after a bad row: d already says why. */
static void stop(struct sheet *s)
{
	s->stopped = true;
	XML_StopParser(s->parser, XML_FALSE);
}

/* Refuses the cell being read, naming book.xlsx!sheet!D7. */
static void fail_cell(struct sheet *s, const char *what)
{
	char letters[4];
	fail(s->w->d, "%s!%s!%s%d: %s", s->w->path, s->table.name,
	     sheet_column_name(s->col, letters), s->row, what);
	stop(s);
}

static void start_cell(struct sheet *s, const XML_Char **atts)
{
	const char *ref = attribute(atts, "r"), *type = attribute(atts, "t");
	const char *style = attribute(atts, "s");
	s->col = ref ? xlsx_cell_column(ref) : (int)s->cells.n + 1;
	if (s->col <= 0) {
		fail(s->w->d, _("%s!%s, row %d: cell '%s' is not a cell reference"), s->w->path,
		     s->table.name, s->row, ref);
		stop(s);
		return;
	}
	snprintf(s->type, sizeof s->type, "%s", type ? type : "n");
	size_t xf = style ? strtoul(style, NULL, 10) : 0;
	s->style = xf < s->w->nforms ? s->w->forms[xf] : FIELD_NUMBER;
	s->formula = s->value = false;
	sbuf_reset(&s->c.text);
}

static void on_sheet_start(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct sheet *s = data;
	if (strcmp(name, NS_MAIN "row") == 0) {
		const char *r = attribute(atts, "r");
		s->row = r ? atoi(r) : s->row + 1;
	} else if (strcmp(name, NS_MAIN "c") == 0) {
		start_cell(s, atts);
	} else if (strcmp(name, NS_MAIN "f") == 0) {
		s->formula = true;
	} else if (strcmp(name, NS_MAIN "rPh") == 0) {
		s->c.skip++;
	} else if ((strcmp(name, NS_MAIN "v") == 0 || strcmp(name, NS_MAIN "t") == 0) && !s->c.skip) {
		s->value = true;
		s->c.in_text = true;
	}
}

/* A number cell's text by its style: a percentage or a date as shown. */
static char *number_text(struct sheet *s, const char *text, enum field_form *form)
{
	char *end, shown[64];
	double v = strtod(text, &end);
	*form = FIELD_NUMBER;
	if (*end || end == text || s->style == FIELD_NUMBER ||
	    sheet_number_text(v, s->style, s->w->date1904, shown, sizeof shown) != 0)
		return xstrdup(text);
	*form = s->style;
	return xstrdup(shown);
}

/* The cell's text and form: a shared string looked up, a number read by
 * its style, an error or a formula without a value marked; NULL when the
 * cell points to text the workbook does not have. */
static char *cell_text(struct sheet *s, enum field_form *form)
{
	const char *text = sbuf_str(&s->c.text);
	*form = FIELD_TEXT;
	if (s->formula && (s->w->recalculate || !s->value ||
			   (!*text && strcmp(s->type, "str") != 0))) {
		*form = FIELD_NO_VALUE;
		return xstrdup("");
	}
	if (strcmp(s->type, "e") == 0) {
		*form = FIELD_ERROR;
		return xstrdup(text);
	}
	if (strcmp(s->type, "d") == 0) { /* an ISO 8601 date, as some writers save one */
		*form = FIELD_DATE;
		return strlen(text) >= 10 ? xstrndup(text, 10) : xstrdup(text);
	}
	if (strcmp(s->type, "n") == 0 && *text)
		return number_text(s, text, form);
	if (strcmp(s->type, "s") != 0)
		return xstrdup(text);
	char *end;
	unsigned long k = strtoul(text, &end, 10);
	if (*end || end == text || k >= s->strings->n)
		return NULL;
	return xstrdup(s->strings->v[k]);
}

static void end_cell(struct sheet *s)
{
	enum field_form form;
	char *text = cell_text(s, &form);
	if (!text)
		fail_cell(s, "the cell points to text the workbook does not have");
	else
		sheet_row_set(&s->cells, s->col, text, form);
}

static void end_row(struct sheet *s)
{
	int rc = sheet_table_row(&s->table, &s->cells, s->row);
	sheet_row_clear(&s->cells);
	if (rc > 0) {
		s->passed_over = true;
		XML_StopParser(s->parser, XML_FALSE);
	} else if (rc < 0) {
		stop(s);
	}
}

static void on_sheet_end(void *data, const XML_Char *name)
{
	struct sheet *s = data;
	if (s->stopped || s->passed_over)
		return;
	if (strcmp(name, NS_MAIN "v") == 0 || strcmp(name, NS_MAIN "t") == 0)
		s->c.in_text = false;
	else if (strcmp(name, NS_MAIN "rPh") == 0)
		s->c.skip--;
	else if (strcmp(name, NS_MAIN "c") == 0)
		end_cell(s);
	else if (strcmp(name, NS_MAIN "row") == 0)
		end_row(s);
}

/* Reads one sheet: 0 when it was read or passed over, -1 with d set. */
static int read_sheet(struct sheet *s, const struct sheet_entry *entry)
{
	s->parser = XML_ParserCreateNS(NULL, '|');
	XML_SetUserData(s->parser, s);
	XML_SetElementHandler(s->parser, on_sheet_start, on_sheet_end);
	XML_SetCharacterDataHandler(s->parser, on_text);
	int rc = parse_part(s->w, s->parser, entry->part, false);
	XML_ParserFree(s->parser);
	sheet_row_clear(&s->cells);
	sbuf_release(&s->c.text);
	if (s->passed_over)
		rc = 0; /* the parse was stopped on purpose */
	return sheet_table_end(&s->table, s->stopped || rc != 0);
}

/* Reads every sheet in turn; 0, or -1 with d set. */
static int read_sheets(struct workbook *w, struct figure_list *list, const struct plan *plan,
		       const struct shared_strings *strings)
{
	size_t files_before = list->nfiles;
	for (size_t i = 0; i < w->nsheets; i++) {
		struct sheet s = {.strings = strings, .w = w};
		s.table = (struct sheet_table){.list = list, .plan = plan, .d = w->d,
					       .book = w->path, .name = w->sheets[i].name};
		if (read_sheet(&s, &w->sheets[i]) != 0)
			return -1;
	}
	if (list->nfiles > files_before)
		return 0;
	struct sbuf names = {0};
	for (size_t i = 0; i < w->nsheets; i++)
		sbuf_addf(&names, "%s'%s'", i ? ", " : "", w->sheets[i].name);
	sheet_fail_no_figures(w->d, w->path, sbuf_str(&names));
	sbuf_release(&names);
	return -1;
}

static void workbook_release(struct workbook *w)
{
	for (size_t i = 0; i < w->nsheets; i++) {
		free(w->sheets[i].name);
		free(w->sheets[i].rid);
		free(w->sheets[i].part);
	}
	free(w->sheets);
	free(w->forms);
	zip_discard(w->zip);
}

int figures_read_xlsx(struct figure_list *list, const struct plan *plan, const char *path,
		      diag_t *d)
{
	struct workbook w = {.path = path, .d = d};
	int err;
	w.zip = zip_open(w.path, ZIP_RDONLY, &err);
	if (!w.zip) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		fail(d, _("%s: not an Excel workbook (.xlsx): %s"), w.path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	struct shared_strings strings = {0};
	int rc = read_sheet_list(&w) == 0 && read_styles(&w) == 0 &&
			 read_shared_strings(&w, &strings) == 0
		 ? read_sheets(&w, list, plan, &strings)
		 : -1;
	shared_strings_release(&strings);
	workbook_release(&w);
	return rc;
}
