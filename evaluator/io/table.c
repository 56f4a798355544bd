#include "table.h"
#include "utf8.h"

#include <stdlib.h>
#include <string.h>

static void add_cells(struct table *t, const char *const *cells, bool header)
{
	t->cells = xrealloc(t->cells, (t->nrows + 1) * t->ncols * sizeof *t->cells);
	for (size_t c = 0; c < t->ncols; c++) {
		const char *s = cells[c] ? cells[c] : "";
		if (header && *s == '>')
			s++;
		t->cells[t->nrows * t->ncols + c] = xstrdup(s);
	}
	t->nrows++;
}

void table_init(struct table *t, size_t ncols, const char *const *headers)
{
	memset(t, 0, sizeof *t);
	t->ncols = ncols;
	t->right = xcalloc(ncols, sizeof *t->right);
	for (size_t c = 0; c < ncols; c++)
		t->right[c] = headers[c][0] == '>';
	add_cells(t, headers, true);
}

void table_add_row(struct table *t, const char *const *cells)
{
	add_cells(t, cells, false);
}

void table_render(const struct table *t, const char *indent, struct sbuf *out)
{
	int *width = xcalloc(t->ncols, sizeof *width);
	for (size_t r = 0; r < t->nrows; r++)
		for (size_t c = 0; c < t->ncols; c++) {
			int w = text_width(t->cells[r * t->ncols + c]);
			if (w > width[c])
				width[c] = w;
		}
	for (size_t r = 0; r < t->nrows; r++) {
		size_t line_start = out->len;
		sbuf_add(out, indent);
		for (size_t c = 0; c < t->ncols; c++) {
			if (c)
				sbuf_add(out, "  ");
			sbuf_pad(out, t->cells[r * t->ncols + c], width[c], t->right[c]);
		}
		while (out->len > line_start && out->s[out->len - 1] == ' ')
			out->s[--out->len] = '\0';
		sbuf_addc(out, '\n');
	}
	free(width);
}

void table_release(struct table *t)
{
	for (size_t i = 0; i < t->nrows * t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t->right);
	memset(t, 0, sizeof *t);
}
