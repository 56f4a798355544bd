#include "figure_row.h"
#include "numbers.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

void figure_row_push(struct figure_row *row, const struct row_figure *f)
{
	if (row->n == row->cap) {
		row->cap = row->cap ? row->cap * 2 : 64;
		row->v = xrealloc(row->v, row->cap * sizeof *row->v);
	}
	row->v[row->n++] = *f;
}

static int by_indicator(const void *x, const void *y)
{
	const struct row_figure *a = x, *b = y;
	return strcmp(a->indicator, b->indicator);
}

void figure_row_sort(struct figure_row *row)
{
	for (size_t k = 1; k < row->n; k++)
		if (strcmp(row->v[k - 1].indicator, row->v[k].indicator) > 0) {
			qsort(row->v, row->n, sizeof *row->v, by_indicator);
			return;
		}
}

void figure_row_release(struct figure_row *row)
{
	free(row->v);
	memset(row, 0, sizeof *row);
}

/* ---- writing ------------------------------------------------------------ */

/* s as a JSON string at at: '"', '\' and control characters escaped; the
 * rest, Chinese included, as it is. The byte after it; at has room for
 * six bytes per byte of s, and two more. */
static char *put_string(char *at, const char *s)
{
	static const char hex[] = "0123456789abcdef";
	*at++ = '"';
	for (unsigned char c; (c = (unsigned char)*s); s++) {
		if (c >= 0x20 && c != '"' && c != '\\') {
			*at++ = (char)c;
			continue;
		}
		static const char short_form[] = "\b\f\n\r\t\"\\", letter[] = "bfnrt\"\\";
		const char *known = strchr(short_form, c);
		*at++ = '\\';
		if (known) {
			*at++ = letter[known - short_form];
		} else {
			memcpy(at, "u00", 3);
			at[3] = hex[c >> 4];
			at[4] = hex[c & 15];
			at += 5;
		}
	}
	*at++ = '"';
	return at;
}

static char *put_text(char *at, const char *s)
{
	size_t n = strlen(s);
	memcpy(at, s, n);
	return at + n;
}

/* The room a figure's JSON may take: its strings escaped at worst six
 * bytes a byte, and the numbers, quotes and punctuation. */
static size_t figure_room(const struct row_figure *f)
{
	return 6 * (strlen(f->indicator) + strlen(f->note)) + 32 + 24 + 24 + 16;
}

/* "indicator":[value,"note",file,line] at at; the byte after. */
static char *put_figure(char *at, const struct row_figure *f)
{
	char number[32], integer[24];
	at = put_string(at, f->indicator);
	memcpy(at, ":[", 2);
	at = put_text(at + 2, format_number(number, sizeof number, f->value));
	*at++ = ',';
	at = put_string(at, f->note);
	*at++ = ',';
	at = put_text(at, format_integer(integer, f->file));
	*at++ = ',';
	at = put_text(at, format_integer(integer, f->line));
	*at++ = ']';
	return at;
}

void figure_row_write(const struct figure_row *row, struct sbuf *out)
{
	size_t room = 2;
	for (size_t k = 0; k < row->n; k++)
		room += figure_room(&row->v[k]);
	size_t start = out->len;
	char *begin = sbuf_extend(out, room), *at = begin;
	*at++ = '{';
	for (size_t k = 0; k < row->n; k++) {
		if (k)
			*at++ = ',';
		at = put_figure(at, &row->v[k]);
	}
	*at++ = '}';
	sbuf_cut(out, start + (size_t)(at - begin));
}

/* ---- reading ------------------------------------------------------------ */

static char *skip_space(char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

/* p past the character c, spaces before it skipped; NULL when c is not next. */
static char *expect(char *p, char c)
{
	p = skip_space(p);
	return *p == c ? p + 1 : NULL;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)(c | 0x20);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The four hex digits at p as a number; -1 when they are not. */
static long read_hex4(const char *p)
{
	long v = 0;
	for (int k = 0; k < 4; k++) {
		int h = hex_value(p[k]);
		if (h < 0)
			return -1;
		v = v * 16 + h;
	}
	return v;
}

/* The code point of the \u escape at p (just past its "\u"), a surrogate
 * pair taken whole; moves *end past it. -1 when it is not one. */
static long read_code_point(const char *p, const char **end)
{
	long c = read_hex4(p);
	*end = p + 4;
	if (c >= 0xDC00 && c <= 0xDFFF)
		return -1;
	if (c < 0xD800 || c > 0xDBFF)
		return c;
	long low = p[4] == '\\' && p[5] == 'u' ? read_hex4(p + 6) : -1;
	if (low < 0xDC00 || low > 0xDFFF)
		return -1;
	*end = p + 10;
	return 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
}

/* The JSON string starting at p, its escapes undone in place (a character
 * is never longer than its escape) and cut at its end; *out is set to it.
 * Returns the byte after the closing quote, or NULL. */
static char *read_string(char *p, const char **out)
{
	if (!(p = expect(p, '"')))
		return NULL;
	char *to = p;
	*out = p;
	for (;;) {
		unsigned char c = (unsigned char)*p;
		if (c == '"')
			break;
		if (c < 0x20)
			return NULL;
		if (c != '\\') {
			*to++ = *p++;
			continue;
		}
		static const char letter[] = "bfnrt\"\\/", meaning[] = "\b\f\n\r\t\"\\/";
		const char *known = p[1] ? strchr(letter, p[1]) : NULL;
		if (known) {
			*to++ = meaning[known - letter];
			p += 2;
			continue;
		}
		const char *end;
		long cp = p[1] == 'u' ? read_code_point(p + 2, &end) : -1;
		if (cp <= 0)
			return NULL;
		to += utf8proc_encode_char((utf8proc_int32_t)cp, (utf8proc_uint8_t *)to);
		p = (char *)end;
	}
	*to = '\0';
	return p + 1;
}

static char *read_number(char *p, double *out)
{
	const char *q = skip_space(p);
	return parse_json_number(&q, out) ? (char *)q : NULL;
}

/* A whole number from 0 to most, in JSON's spelling (no leading zeros):
 * digits only, and cheaper than reading it as any number. */
static char *read_whole(char *p, long most, long *out)
{
	p = skip_space(p);
	if (*p < '0' || *p > '9' || (*p == '0' && p[1] >= '0' && p[1] <= '9'))
		return NULL;
	long v = 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > most)
			return NULL;
	}
	*out = v;
	return *p == '.' || *p == 'e' || *p == 'E' ? NULL : p;
}

/* "indicator":[value,"note",file,line] */
static char *read_figure(char *p, struct row_figure *f)
{
	long line;
	if (!(p = read_string(p, &f->indicator)) || !(p = expect(p, ':')) ||
	    !(p = expect(p, '[')) || !(p = read_number(p, &f->value)) ||
	    !(p = expect(p, ',')) || !(p = read_string(p, &f->note)) || !(p = expect(p, ',')) ||
	    !(p = read_whole(p, 999999999999999L, &f->file)) || !(p = expect(p, ',')) ||
	    !(p = read_whole(p, 2147483647L, &line)) || !(p = expect(p, ']')))
		return NULL;
	f->line = (int)line;
	return p;
}

int figure_row_parse(struct figure_row *row, char *text)
{
	char *p = expect(text, '{');
	row->n = 0;
	if (p && *(p = skip_space(p)) == '}')
		return *skip_space(p + 1) ? -1 : 0;
	while (p) {
		struct row_figure f;
		if (!(p = read_figure(p, &f)))
			return -1;
		figure_row_push(row, &f);
		p = skip_space(p);
		if (*p == '}')
			return *skip_space(p + 1) ? -1 : 0;
		p = expect(p, ',');
	}
	return -1;
}
