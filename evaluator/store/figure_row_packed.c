/* The packed form of a row of figures (figure_row.h): what the store
 * reads back, a copy rather than a parse.
 *
 *   header   "AFR1", then the count of figures (u32)
 *   figures  one after the other: value (f64), file (u32), line (u32),
 *            then the indicator and the note, each ending in a NUL
 *
 * About as long as the JSON, so that keeping both costs the store little
 * more than twice the JSON's writing. Numbers are little-endian whatever
 * the machine, as SQLite's own file is portable: the store may be copied
 * to another machine. */
#include "figure_row.h"

#include <math.h>
#include <stdint.h>
#include <string.h>

static const char packed_magic[4] = {'A', 'F', 'R', '1'};

#define HEADER_SIZE 8
#define NUMBERS_SIZE 16         /* of a figure, before its strings */

static void put_le(unsigned char *at, uint64_t v, int bytes)
{
	for (int k = 0; k < bytes; k++)
		at[k] = (unsigned char)(v >> (8 * k));
}

static uint64_t get_le(const unsigned char *at, int bytes)
{
	uint64_t v = 0;
	for (int k = bytes; k-- > 0;)
		v = v << 8 | at[k];
	return v;
}

/* How long the row's packed form is: -1 when a figure's file or line is
 * not one it holds. */
static long long packed_size(const struct figure_row *row)
{
	long long size = HEADER_SIZE;
	if (row->n > UINT32_MAX)
		return -1;
	for (size_t k = 0; k < row->n; k++) {
		const struct row_figure *f = &row->v[k];
		if (f->file < 0 || (uint64_t)f->file > UINT32_MAX || f->line < 0)
			return -1;
		size += NUMBERS_SIZE + (long long)(strlen(f->indicator) + strlen(f->note) + 2);
	}
	return size;
}

/* Copies s and its NUL to at; the byte after. */
static unsigned char *put_string(unsigned char *at, const char *s)
{
	size_t n = strlen(s) + 1;
	memcpy(at, s, n);
	return at + n;
}

int figure_row_pack(const struct figure_row *row, struct sbuf *out)
{
	long long size = packed_size(row);
	if (size < 0)
		return -1;
	unsigned char *at = (unsigned char *)sbuf_extend(out, (size_t)size);
	memcpy(at, packed_magic, sizeof packed_magic);
	put_le(at + 4, row->n, 4);
	at += HEADER_SIZE;
	for (size_t k = 0; k < row->n; k++) {
		const struct row_figure *f = &row->v[k];
		uint64_t bits;
		memcpy(&bits, &f->value, sizeof bits);
		put_le(at, bits, 8);
		put_le(at + 8, (uint64_t)f->file, 4);
		put_le(at + 12, (uint64_t)f->line, 4);
		at = put_string(put_string(at + NUMBERS_SIZE, f->indicator), f->note);
	}
	return 0;
}

/* The string at *at, which must end before end; moves *at past its NUL.
 * NULL when it does not end there. */
static const char *take_string(const unsigned char **at, const unsigned char *end)
{
	const unsigned char *nul = memchr(*at, '\0', (size_t)(end - *at));
	const char *s = (const char *)*at;
	if (!nul)
		return NULL;
	*at = nul + 1;
	return s;
}

int figure_row_unpack(struct figure_row *row, const void *bytes, size_t len)
{
	const unsigned char *at = bytes, *end = at + len;
	row->n = 0;
	if (len < HEADER_SIZE || memcmp(at, packed_magic, sizeof packed_magic) != 0)
		return -1;
	uint64_t n = get_le(at + 4, 4);
	at += HEADER_SIZE;
	for (uint64_t k = 0; k < n; k++) {
		struct row_figure f;
		if ((size_t)(end - at) < NUMBERS_SIZE)
			return -1;
		uint64_t bits = get_le(at, 8), line = get_le(at + 12, 4);
		memcpy(&f.value, &bits, sizeof bits);
		f.file = (long)get_le(at + 8, 4);
		at += NUMBERS_SIZE;
		if (!isfinite(f.value) || line > INT32_MAX || !(f.indicator = take_string(&at, end)) ||
		    !(f.note = take_string(&at, end)))
			return -1;
		f.line = (int)line;
		figure_row_push(row, &f);
	}
	return at == end ? 0 : -1;
}
