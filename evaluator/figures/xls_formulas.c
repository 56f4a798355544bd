/* The formula cells of an .xls and the values saved with them: the BIFF
 * records of the workbook stream, walked with every length checked
 * against the stream, since the file is whatever an office sent. */
#include "xls_formulas.h"

#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-infile.h>
#include <gsf/gsf-input-stdio.h>
#include <gsf/gsf-input.h>
#include <gsf/gsf-utils.h>
#include <dlfcn.h>
#include <math.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "encoding.h"
#include "lang.h"
#include "mem.h"
#include "sbuf.h"
#include "sheet_cells.h"

enum {
	REC_FORMULA = 0x0006,
	REC_EOF = 0x000A,
	REC_DATEMODE = 0x0022,
	REC_FILEPASS = 0x002F,
	REC_CONTINUE = 0x003C,
	REC_CODEPAGE = 0x0042,
	REC_BOUNDSHEET = 0x0085,
	REC_XF = 0x00E0,
	REC_ARRAY = 0x0221,
	REC_STRING = 0x0207,
	REC_TABLE = 0x0236,
	REC_FORMAT = 0x041E,
	REC_SHRFMLA = 0x04BC,
	REC_BOF = 0x0809,
};
enum { BIFF8 = 0x0600 };
/* FORMULA's grbit: the writer asks for the formula to be computed when
 * the workbook is opened (Excel itself never sets it) */
enum { CALC_ON_LOAD = 0x0002 };
/* FORMULA's result: not a number when its last two bytes are 0xFFFF; its
 * first byte then says what it is */
enum { RESULT_TEXT = 0, RESULT_BOOL = 1, RESULT_ERROR = 2 };
enum { FORMULA_HEAD = 16 }; /* row, column, XF, result, grbit */
enum { FIRST_CUSTOM_FORMAT = 164 }; /* below it, Excel's built-in formats */

/* A number format the workbook defines: its number and code. */
struct number_format {
	unsigned id;
	char *code;             /* owned */
};

struct biff {
	const unsigned char *bytes;
	size_t size;
	bool biff8;
	bool date1904;
	char codepage[16];      /* BIFF5 text's encoding */
	unsigned *xf_formats;   /* each cell style's number format (owned) */
	size_t nxf;
	struct number_format *formats; /* owned */
	size_t nformats;
	diag_t *d;
};

struct record {
	unsigned id;
	size_t at, len, next;   /* where its header starts, its body's size, the next record */
	const unsigned char *data;
};

static unsigned u16(const unsigned char *p)
{
	return (unsigned)p[0] | (unsigned)p[1] << 8;
}

static uint32_t u32(const unsigned char *p)
{
	return (uint32_t)u16(p) | (uint32_t)u16(p + 2) << 16;
}

/* The record at pos, if it ends by limit (and by the stream's end); -1
 * when it does not. */
static int record_at(const struct biff *b, size_t pos, size_t limit, struct record *r)
{
	if (limit > b->size)
		limit = b->size;
	if (pos > limit || limit - pos < 4)
		return -1;
	r->id = u16(b->bytes + pos);
	r->len = u16(b->bytes + pos + 2);
	if (limit - pos - 4 < r->len)
		return -1;
	r->at = pos;
	r->data = b->bytes + pos + 4;
	r->next = pos + 4 + r->len;
	return 0;
}

static int fail_record(const struct biff *b, size_t at, const char *what)
{
	return fail(b->d, _("the record at byte %zu of the workbook stream %s"), at, what);
}

static struct xls_formula *add_cell(struct xls_sheet_formulas *s, unsigned row, unsigned col)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? 2 * s->cap : 16;
		s->cells = xrealloc(s->cells, s->cap * sizeof *s->cells);
	}
	struct xls_formula *c = &s->cells[s->n++];
	*c = (struct xls_formula){.row = row, .col = col, .form = FIELD_NO_VALUE};
	return c;
}

static void set_result(struct xls_formula *c, enum field_form form, char *text)
{
	c->form = form;
	c->text = text;
}

static const char *error_name(unsigned code, char buf[24])
{
	switch (code) {
	case 0x00: return "#NULL!";
	case 0x07: return "#DIV/0!";
	case 0x0F: return "#VALUE!";
	case 0x17: return "#REF!";
	case 0x1D: return "#NAME?";
	case 0x24: return "#NUM!";
	case 0x2A: return "#N/A";
	default:
		snprintf(buf, 24, "#(0x%02X)", code);
		return buf;
	}
}

/* What cell style xf makes of a number, by its number format; unsure
 * when the workbook does not define the style or its format. */
static enum field_form style_form(const struct biff *b, unsigned xf)
{
	if (xf >= b->nxf)
		return FIELD_NUMBER_UNSURE;
	unsigned id = b->xf_formats[xf];
	const char *code = NULL;
	for (size_t i = 0; i < b->nformats && !code; i++)
		if (b->formats[i].id == id)
			code = b->formats[i].code;
	if (!code && id >= FIRST_CUSTOM_FORMAT)
		return FIELD_NUMBER_UNSURE;
	return sheet_format_form((int)id, code);
}

/* A number saved with a formula, read by its cell's style as a number
 * cell is (a percentage as seen, a date as a date). A zero the writer asks
 * to compute on opening is no value: it is what writers that compute
 * nothing save. */
static void number_result(const struct biff *b, struct xls_formula *c,
			  const unsigned char *result, unsigned xf, unsigned grbit)
{
	uint64_t bits = (uint64_t)u32(result) | (uint64_t)u32(result + 4) << 32;
	double v;
	memcpy(&v, &bits, sizeof v);
	enum field_form form = style_form(b, xf);
	char text[64];
	if (!isfinite(v) || (v == 0 && (grbit & CALC_ON_LOAD)))
		set_result(c, FIELD_NO_VALUE, xstrdup(""));
	else if (form != FIELD_NUMBER_UNSURE &&
		 sheet_number_text(v, form, b->date1904, text, sizeof text) == 0)
		set_result(c, form, xstrdup(text));
	else if (sheet_number_text(v, FIELD_NUMBER, false, text, sizeof text) == 0)
		set_result(c, form == FIELD_NUMBER ? FIELD_NUMBER : FIELD_NUMBER_UNSURE, xstrdup(text));
}

/* Appends n characters at p, two bytes each when wide, as UTF-8. */
static int add_chars(const struct biff *b, struct sbuf *out, const unsigned char *p, size_t n,
		     bool wide)
{
	const char *from = wide ? "UTF-16LE" : b->biff8 ? "ISO-8859-1" : b->codepage;
	return encoding_to_utf8(from, (const char *)p, n * (wide ? 2 : 1), out);
}

/* The text of a STRING record r, with the CONTINUE records that carry
 * the rest of a long one; -1 when it is cut short or not text. */
static int string_text(const struct biff *b, const struct record *r, size_t limit,
		       struct sbuf *out)
{
	size_t head = b->biff8 ? 3 : 2; /* characters, [BIFF8: their width] */
	if (r->len < head)
		return fail_record(b, r->at, _("is a STRING too short to hold one"));
	size_t left = u16(r->data);
	bool wide = b->biff8 && (r->data[2] & 1);
	const unsigned char *p = r->data + head;
	size_t avail = r->len - head;
	struct record part = *r;
	for (;;) {
		size_t fits = avail / (wide ? 2 : 1), take = fits < left ? fits : left;
		if (add_chars(b, out, p, take, wide) != 0)
			return fail_record(b, r->at, _("is a STRING whose text is not valid"));
		left -= take;
		if (left == 0)
			return 0;
		if (record_at(b, part.next, limit, &part) != 0 || part.id != REC_CONTINUE ||
		    part.len < head - 2)
			return fail_record(b, r->at, _("is a STRING cut short"));
		wide = b->biff8 && (part.data[0] & 1); /* BIFF8 continues with the width */
		p = part.data + (head - 2);
		avail = part.len - (head - 2);
	}
}

/* A text saved with the formula: in the STRING record after it (past the
 * records of a shared, array or table formula); without one, no value. */
static int text_result(const struct biff *b, size_t pos, size_t limit, struct xls_formula *c)
{
	struct record r;
	while (record_at(b, pos, limit, &r) == 0 &&
	       (r.id == REC_SHRFMLA || r.id == REC_ARRAY || r.id == REC_TABLE))
		pos = r.next;
	if (record_at(b, pos, limit, &r) != 0 || r.id != REC_STRING) {
		set_result(c, FIELD_NO_VALUE, xstrdup(""));
		return 0;
	}
	struct sbuf text = {0};
	if (string_text(b, &r, limit, &text) != 0) {
		sbuf_release(&text);
		return -1;
	}
	set_result(c, FIELD_TEXT, sbuf_detach(&text));
	return 0;
}

/* A FORMULA record: its cell and the value saved with it. The empty text
 * is taken for no value: python's xlwt saves it with every formula, and
 * in a figure's cell a formula showing nothing gives no figure either. */
static int read_formula(const struct biff *b, const struct record *r, size_t limit,
			struct xls_sheet_formulas *s)
{
	if (r->len < FORMULA_HEAD)
		return fail_record(b, r->at, _("is a FORMULA too short to hold its cell and value"));
	struct xls_formula *c = add_cell(s, u16(r->data), u16(r->data + 2));
	const unsigned char *result = r->data + 6;
	char buf[24];
	if (u16(result + 6) != 0xFFFF)
		number_result(b, c, result, u16(r->data + 4), u16(r->data + 14));
	else if (result[0] == RESULT_TEXT)
		return text_result(b, r->next, limit, c);
	else if (result[0] == RESULT_BOOL)
		set_result(c, FIELD_TEXT, xstrdup(result[2] ? "1" : "0"));
	else if (result[0] == RESULT_ERROR)
		set_result(c, FIELD_ERROR, xstrdup(error_name(result[2], buf)));
	if (!c->text)
		set_result(c, FIELD_NO_VALUE, xstrdup(""));
	return 0;
}

static int by_cell(const void *a, const void *b)
{
	const struct xls_formula *x = a, *y = b;
	if (x->row != y->row)
		return x->row < y->row ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col;
}

/* A sheet's substream, from its BOF at pos to its EOF, which must come
 * before limit (where the next sheet starts): its FORMULA records (those
 * of a chart inside it, a BOF-EOF of its own, are passed over). */
static int read_sheet(const struct biff *b, size_t pos, size_t limit, struct xls_sheet_formulas *s)
{
	struct record r;
	if (record_at(b, pos, limit, &r) != 0 || r.id != REC_BOF)
		return fail_record(b, pos, _("is not the start of a sheet, where the workbook says "
					  "one starts"));
	for (int depth = 1; depth > 0;) {
		if (record_at(b, r.next, limit, &r) != 0)
			return fail_record(b, r.next, _("runs past the end of its sheet"));
		if (r.id == REC_BOF)
			depth++;
		else if (r.id == REC_EOF)
			depth--;
		else if (r.id == REC_FORMULA && depth == 1 && read_formula(b, &r, limit, s) != 0)
			return -1;
	}
	if (s->n)
		qsort(s->cells, s->n, sizeof *s->cells, by_cell);
	return 0;
}

/* A sheet as the workbook lists it: where its substream starts. */
struct sheet_at {
	size_t offset, index;
};

static int by_offset(const void *a, const void *b)
{
	const struct sheet_at *x = a, *y = b;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static void set_codepage(struct biff *b, unsigned codepage)
{
	if (codepage == 1200)
		snprintf(b->codepage, sizeof b->codepage, "UTF-16LE");
	else if (codepage == 367)
		snprintf(b->codepage, sizeof b->codepage, "ASCII");
	else
		snprintf(b->codepage, sizeof b->codepage, "CP%u", codepage);
}

/* A FORMAT record: a number format's number and code. A code that cannot
 * be read is left out (its cells' numbers are then unsure). */
static void read_format(struct biff *b, const struct record *r)
{
	size_t head = b->biff8 ? 5 : 3; /* id, characters[, BIFF8: their width] */
	if (r->len < head)
		return;
	size_t n = b->biff8 ? u16(r->data + 2) : r->data[2];
	bool wide = b->biff8 && (r->data[4] & 1);
	size_t fits = (r->len - head) / (wide ? 2 : 1);
	struct sbuf code = {0};
	if (add_chars(b, &code, r->data + head, n < fits ? n : fits, wide) != 0) {
		sbuf_release(&code);
		return;
	}
	b->formats = xrealloc(b->formats, (b->nformats + 1) * sizeof *b->formats);
	b->formats[b->nformats++] = (struct number_format){u16(r->data), sbuf_detach(&code)};
}

/* The globals' records that say how cells are read: the codepage, the
 * 1904 date system, the number formats and the cell styles. */
static void read_global(struct biff *b, const struct record *r)
{
	if (r->id == REC_CODEPAGE && r->len >= 2)
		set_codepage(b, u16(r->data));
	else if (r->id == REC_DATEMODE && r->len >= 2)
		b->date1904 = u16(r->data) != 0;
	else if (r->id == REC_FORMAT)
		read_format(b, r);
	else if (r->id == REC_XF && r->len >= 4) {
		b->xf_formats = xrealloc(b->xf_formats, (b->nxf + 1) * sizeof *b->xf_formats);
		b->xf_formats[b->nxf++] = u16(r->data + 2);
	}
}

/* The workbook globals, from the BOF at the stream's start to their EOF:
 * the BIFF version, how cells are read, and where each sheet starts
 * (appended to *sheets). */
static int read_globals(struct biff *b, struct sheet_at **sheets, size_t *n)
{
	struct record r;
	if (record_at(b, 0, b->size, &r) != 0 || r.id != REC_BOF || r.len < 2)
		return fail(b->d, _("the workbook stream does not start with a BOF record"));
	b->biff8 = u16(r.data) == BIFF8;
	for (;;) {
		if (record_at(b, r.next, b->size, &r) != 0)
			return fail_record(b, r.next, _("runs past the end of the stream"));
		if (r.id == REC_EOF)
			return 0;
		if (r.id == REC_FILEPASS)
			return fail(b->d, _("the workbook is encrypted"));
		read_global(b, &r);
		if (r.id != REC_BOUNDSHEET)
			continue;
		if (r.len < 4)
			return fail_record(b, r.at, _("is a BOUNDSHEET too short to say where its "
						   "sheet starts"));
		*sheets = xrealloc(*sheets, (*n + 1) * sizeof **sheets);
		(*sheets)[*n] = (struct sheet_at){.offset = u32(r.data), .index = *n};
		(*n)++;
	}
}

/* Reads the sheets in the order they lie in the stream, so that each is
 * walked once and none may run into the next. */
static int read_sheets(const struct biff *b, struct xls_formulas *f, struct sheet_at *at,
		       size_t n)
{
	if (n)
		qsort(at, n, sizeof *at, by_offset);
	for (size_t k = 0; k < n; k++) {
		size_t limit = k + 1 < n ? at[k + 1].offset : b->size;
		if (limit == at[k].offset)
			return fail_record(b, at[k].offset, _("is where two sheets start"));
		if (read_sheet(b, at[k].offset, limit, &f->sheets[at[k].index]) != 0)
			return -1;
	}
	return 0;
}

int xls_formulas_parse(struct xls_formulas *f, const unsigned char *stream, size_t size,
		       diag_t *d)
{
	struct biff b = {.bytes = stream, .size = size, .codepage = "CP1252", .d = d};
	struct sheet_at *at = NULL;
	size_t n = 0;
	*f = (struct xls_formulas){0};
	int rc = read_globals(&b, &at, &n);
	if (rc == 0) {
		f->sheets = xcalloc(n ? n : 1, sizeof *f->sheets);
		f->nsheets = n;
		rc = read_sheets(&b, f, at, n);
	}
	free(at);
	for (size_t i = 0; i < b.nformats; i++)
		free(b.formats[i].code);
	free(b.formats);
	free(b.xf_formats);
	return rc;
}

/* What is used of libgsf and the GLib under it, which are loaded when the
 * first workbook's formulas are read rather than at start-up: with GIO,
 * libxml2 and ICU beneath them, loading them took longer than checking a
 * plan does. The pointers have the headers' own types. */
struct gsf_api {
	__typeof__(gsf_init) *init;
	__typeof__(gsf_input_stdio_new) *input_stdio_new;
	__typeof__(gsf_infile_msole_new) *infile_msole_new;
	__typeof__(gsf_infile_num_children) *infile_num_children;
	__typeof__(gsf_infile_name_by_index) *infile_name_by_index;
	__typeof__(gsf_infile_child_by_index) *infile_child_by_index;
	__typeof__(gsf_input_size) *input_size;
	__typeof__(gsf_input_read) *input_read;
	__typeof__(g_object_unref) *object_unref;
	__typeof__(g_error_free) *error_free;
};

static const struct {
	const char *name;
	size_t offset;
} gsf_symbols[] = {
	{"gsf_init", offsetof(struct gsf_api, init)},
	{"gsf_input_stdio_new", offsetof(struct gsf_api, input_stdio_new)},
	{"gsf_infile_msole_new", offsetof(struct gsf_api, infile_msole_new)},
	{"gsf_infile_num_children", offsetof(struct gsf_api, infile_num_children)},
	{"gsf_infile_name_by_index", offsetof(struct gsf_api, infile_name_by_index)},
	{"gsf_infile_child_by_index", offsetof(struct gsf_api, infile_child_by_index)},
	{"gsf_input_size", offsetof(struct gsf_api, input_size)},
	{"gsf_input_read", offsetof(struct gsf_api, input_read)},
	{"g_object_unref", offsetof(struct gsf_api, object_unref)},
	{"g_error_free", offsetof(struct gsf_api, error_free)},
};

/* libgsf, loaded and started the first time (never unloaded: GLib cannot
 * be); NULL with d set when it cannot be. */
static const struct gsf_api *gsf_api(diag_t *d)
{
	static struct gsf_api api;
	static bool loaded;
	if (loaded)
		return &api;
	void *lib = dlopen(GSF_SONAME, RTLD_NOW | RTLD_LOCAL);
	const char *missing = lib ? NULL : dlerror();
	for (size_t k = 0; lib && !missing && k < sizeof gsf_symbols / sizeof *gsf_symbols; k++) {
		void *sym = dlsym(lib, gsf_symbols[k].name);
		if (!sym)
			missing = dlerror();
		memcpy((char *)&api + gsf_symbols[k].offset, &sym, sizeof sym);
	}
	if (missing) {
		if (lib)
			dlclose(lib);
		fail(d, _("its formulas cannot be read: %s (Debian's libgsf-1-114 reads them)"),
		     missing);
		return NULL;
	}
	api.init();
	loaded = true;
	return &api;
}

/* The stream named Workbook (BIFF8) or Book (BIFF5) of an OLE2 file,
 * whatever the case of its name; NULL when there is none. */
static GsfInput *workbook_child(const struct gsf_api *gsf, GsfInfile *ole)
{
	const char *names[] = {"Workbook", "Book"};
	for (size_t k = 0; k < sizeof names / sizeof *names; k++)
		for (int i = 0; i < gsf->infile_num_children(ole); i++) {
			const char *name = gsf->infile_name_by_index(ole, i);
			if (name && strcasecmp(name, names[k]) == 0)
				return gsf->infile_child_by_index(ole, i);
		}
	return NULL;
}

/* The workbook stream's bytes into *out (owned by the caller), from the
 * OLE2 container at path; -1 with d set. */
static int read_workbook_stream(const char *path, unsigned char **out, size_t *size, diag_t *d)
{
	const struct gsf_api *gsf = gsf_api(d);
	*out = NULL;
	if (!gsf)
		return -1;
	GError *err = NULL;
	GsfInput *file = gsf->input_stdio_new(path, &err);
	GsfInfile *ole = file ? gsf->infile_msole_new(file, &err) : NULL;
	GsfInput *book = ole ? workbook_child(gsf, ole) : NULL;
	int rc = 0;
	if (!book) {
		rc = fail(d, _("no workbook stream could be found in it (%s)"),
			  err ? err->message : _("an OLE2 file without one"));
	} else if (gsf->input_size(book) > gsf->input_size(file)) {
		rc = fail(d, _("its workbook stream says it is larger than the file"));
	} else {
		*size = (size_t)gsf->input_size(book);
		*out = xmalloc(*size ? *size : 1);
		if (*size && !gsf->input_read(book, *size, *out))
			rc = fail(d, _("its workbook stream cannot be read whole"));
	}
	if (err)
		gsf->error_free(err);
	if (book)
		gsf->object_unref(book);
	if (ole)
		gsf->object_unref(ole);
	if (file)
		gsf->object_unref(file);
	return rc;
}

int xls_formulas_read(struct xls_formulas *f, const char *path, diag_t *d)
{
	unsigned char *stream;
	size_t size = 0;
	*f = (struct xls_formulas){0};
	if (read_workbook_stream(path, &stream, &size, d) != 0) {
		free(stream);
		return -1;
	}
	int rc = xls_formulas_parse(f, stream, size, d);
	free(stream);
	return rc;
}

const struct xls_formula *xls_formula_at(const struct xls_formulas *f, size_t sheet,
					 unsigned row, unsigned col)
{
	if (sheet >= f->nsheets)
		return NULL;
	const struct xls_sheet_formulas *s = &f->sheets[sheet];
	struct xls_formula key = {.row = row, .col = col};
	return s->n ? bsearch(&key, s->cells, s->n, sizeof *s->cells, by_cell) : NULL;
}

void xls_formulas_release(struct xls_formulas *f)
{
	for (size_t i = 0; i < f->nsheets; i++) {
		for (size_t k = 0; k < f->sheets[i].n; k++)
			free(f->sheets[i].cells[k].text);
		free(f->sheets[i].cells);
	}
	free(f->sheets);
	*f = (struct xls_formulas){0};
}
