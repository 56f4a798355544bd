/* Reported figures in an Excel workbook (.xlsx): the first worksheet, read
 * as a table of rows (figures_table.c) like a CSV file. The workbook is a
 * zip archive (libzip) of XML parts (expat): workbook.xml names the first
 * sheet, its relationships say which part holds it, sharedStrings.xml
 * holds the text its cells point to. */
#include <expat.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "figures.h"
#include "mem.h"
#include "sbuf.h"

/* A part of the workbook larger than this is refused (a zip bomb). */
#define PART_MAX (256u << 20)

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main|"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships|"
#define NS_PKG_REL "http://schemas.openxmlformats.org/package/2006/relationships|"

struct workbook {
	zip_t *zip;
	const char *path;
	diag_t *d;
};

/* Streams one part of the archive through an expat parser whose handlers
 * and user data are set. 0, or -1 with d set (or, when a handler stopped
 * the parse, with d as the handler set it); 1 when the part is not there
 * and `optional`. */
static int parse_part(struct workbook *w, XML_Parser p, const char *name, bool optional)
{
	zip_file_t *f = zip_fopen(w->zip, name, 0);
	if (!f)
		return optional ? 1 : fail(w->d, "%s: not a workbook Excel wrote: it has no %s",
					   w->path, name);
	char buf[1 << 14];
	zip_int64_t n;
	size_t total = 0;
	int rc = 0;
	do {
		n = zip_fread(f, buf, sizeof buf);
		total += n > 0 ? (size_t)n : 0;
		if (n < 0 || total > PART_MAX) {
			rc = fail(w->d, "%s: unable to read %s: %s", w->path, name,
				  n < 0 ? zip_file_strerror(f) : "it is larger than 256 MiB");
			break;
		}
		if (XML_Parse(p, buf, (int)n, n == 0) == XML_STATUS_ERROR) {
			if (XML_GetErrorCode(p) == XML_ERROR_ABORTED) {
				rc = -1; /* a handler stopped it, d says why */
				break;
			}
			rc = fail(w->d, "%s: %s is not well-formed XML (line %lu): %s", w->path, name,
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

/* workbook.xml: the relationship id of the first sheet. */
static void on_workbook_element(void *data, const XML_Char *name, const XML_Char **atts)
{
	char **rid = data;
	const char *id = attribute(atts, NS_REL "id");
	if (!*rid && strcmp(name, NS_MAIN "sheet") == 0 && id)
		*rid = xstrdup(id);
}

struct relation {
	const char *id;
	char *target;           /* the part's name in the archive, owned */
};

/* workbook.xml.rels: the part a relationship id points to. */
static void on_relation_element(void *data, const XML_Char *name, const XML_Char **atts)
{
	struct relation *rel = data;
	const char *id = attribute(atts, "Id"), *target = attribute(atts, "Target");
	if (rel->target || strcmp(name, NS_PKG_REL "Relationship") != 0 || !id || !target ||
	    strcmp(id, rel->id) != 0)
		return;
	struct sbuf part = {0};
	if (target[0] == '/')
		sbuf_add(&part, target + 1);
	else
		sbuf_addf(&part, "xl/%s", target);
	rel->target = sbuf_detach(&part);
}

/* The part holding the first worksheet ("xl/worksheets/sheet1.xml"); caller
 * frees. NULL with d set when there is none. */
static char *first_sheet(struct workbook *w)
{
	char *rid = NULL;
	XML_Parser p = XML_ParserCreateNS(NULL, '|');
	XML_SetUserData(p, &rid);
	XML_SetStartElementHandler(p, on_workbook_element);
	int rc = parse_part(w, p, "xl/workbook.xml", false);
	XML_ParserFree(p);
	if (rc != 0 || !rid) {
		if (rc == 0)
			fail(w->d, "%s: the workbook has no worksheet", w->path);
		free(rid);
		return NULL;
	}
	struct relation rel = {rid, NULL};
	p = XML_ParserCreateNS(NULL, '|');
	XML_SetUserData(p, &rel);
	XML_SetStartElementHandler(p, on_relation_element);
	rc = parse_part(w, p, "xl/_rels/workbook.xml.rels", false);
	XML_ParserFree(p);
	if (rc == 0 && !rel.target)
		fail(w->d, "%s: the workbook does not say where its first sheet is", w->path);
	free(rid);
	return rel.target;
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
	XML_Parser p = XML_ParserCreateNS(NULL, '|');
	XML_SetUserData(p, s);
	XML_SetElementHandler(p, on_shared_start, on_shared_end);
	XML_SetCharacterDataHandler(p, on_text);
	int rc = parse_part(w, p, "xl/sharedStrings.xml", true);
	XML_ParserFree(p);
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
	struct figure_table_reader *table;
	struct workbook *w;
	XML_Parser parser;
	int row;                /* the row being read (1-based) */
	char **fields;          /* its cells so far, owned; gaps are "" */
	size_t nfields;
	int col;                /* the cell being read */
	char type[16];          /* its t attribute: s, str, inlineStr, n, b, e */
	bool stopped;
};

static void clear_fields(struct sheet *s)
{
	for (size_t i = 0; i < s->nfields; i++)
		free(s->fields[i]);
	free(s->fields);
	s->fields = NULL;
	s->nfields = 0;
}

/* Ends the parse after a bad row: d already says why. */
static void stop(struct sheet *s)
{
	s->stopped = true;
	XML_StopParser(s->parser, XML_FALSE);
}

static void start_cell(struct sheet *s, const XML_Char **atts)
{
	const char *ref = attribute(atts, "r"), *type = attribute(atts, "t");
	s->col = ref ? xlsx_cell_column(ref) : (int)s->nfields + 1;
	if (s->col <= 0) {
		fail_at(s->w->d, s->w->path, s->row, 0, "cell '%s' is not a cell reference", ref);
		stop(s);
		return;
	}
	snprintf(s->type, sizeof s->type, "%s", type ? type : "n");
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
	} else if (strcmp(name, NS_MAIN "rPh") == 0) {
		s->c.skip++;
	} else if ((strcmp(name, NS_MAIN "v") == 0 || strcmp(name, NS_MAIN "t") == 0) && !s->c.skip) {
		s->c.in_text = true;
	}
}

/* The cell's text: a shared string looked up, anything else as written. */
static char *cell_text(struct sheet *s)
{
	const char *text = sbuf_str(&s->c.text);
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
	char *text = cell_text(s);
	if (!text) {
		fail_at(s->w->d, s->w->path, s->row, s->col, "the cell points to text the workbook "
			"does not have");
		stop(s);
		return;
	}
	if ((size_t)s->col > s->nfields) {
		s->fields = xrealloc(s->fields, (size_t)s->col * sizeof *s->fields);
		while (s->nfields < (size_t)s->col)
			s->fields[s->nfields++] = xstrdup("");
	}
	free(s->fields[s->col - 1]);
	s->fields[s->col - 1] = text;
}

/* A row with no text in any cell: formatting only, or left empty. */
static bool blank_row(const struct sheet *s)
{
	for (size_t i = 0; i < s->nfields; i++)
		if (s->fields[i][strspn(s->fields[i], " ")])
			return false;
	return true;
}

static void end_row(struct sheet *s)
{
	if (!blank_row(s) && figure_table_reader_row(s->table, (const char *const *)s->fields,
						     s->nfields, s->row) != 0)
		stop(s);
	clear_fields(s);
}

static void on_sheet_end(void *data, const XML_Char *name)
{
	struct sheet *s = data;
	if (s->stopped)
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

static int read_sheet(struct workbook *w, const char *part, const struct shared_strings *strings,
		      struct figure_table_reader *table)
{
	struct sheet s = {.strings = strings, .table = table, .w = w};
	s.parser = XML_ParserCreateNS(NULL, '|');
	XML_SetUserData(s.parser, &s);
	XML_SetElementHandler(s.parser, on_sheet_start, on_sheet_end);
	XML_SetCharacterDataHandler(s.parser, on_text);
	int rc = parse_part(w, s.parser, part, false);
	XML_ParserFree(s.parser);
	clear_fields(&s);
	sbuf_release(&s.c.text);
	return s.stopped ? -1 : rc;
}

int figures_read_xlsx(struct figure_list *list, const struct plan *plan, diag_t *d)
{
	struct workbook w = {.path = list->files[list->nfiles - 1], .d = d};
	int err;
	w.zip = zip_open(w.path, ZIP_RDONLY, &err);
	if (!w.zip) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, err);
		fail(d, "%s: not an Excel workbook (.xlsx): %s", w.path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		return -1;
	}
	struct shared_strings strings = {0};
	struct figure_table_reader *table = figure_table_reader_new(list, plan, d);
	char *part = first_sheet(&w);
	int rc = part && read_shared_strings(&w, &strings) == 0 ? read_sheet(&w, part, &strings, table)
		 : -1;
	if (rc != 0)
		figure_table_reader_abandon(table);
	else
		rc = figure_table_reader_finish(table);
	free(part);
	shared_strings_release(&strings);
	zip_discard(w.zip);
	return rc;
}
