#include "utf8.h"

#include <stdio.h>
#include <utf8proc.h>

int text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int width = 0;
	while (*p) {
		if (*p < 0x80) { /* ASCII, most of a table: printable or not */
			width += *p >= 0x20 && *p != 0x7f;
			p++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) { /* invalid byte: count it as one column */
			width++;
			p++;
			continue;
		}
		int w = utf8proc_charwidth(c);
		width += w > 0 ? w : 0;
		p += n;
	}
	return width;
}

void sbuf_pad(struct sbuf *b, const char *s, int width, bool right)
{
	int fill = width - text_width(s);
	if (right)
		for (int i = 0; i < fill; i++)
			sbuf_addc(b, ' ');
	sbuf_add(b, s);
	if (!right)
		for (int i = 0; i < fill; i++)
			sbuf_addc(b, ' ');
}

size_t utf8_valid_prefix(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t done = 0;
	while (done < n) {
		if (p[done] < 0x80) { /* ASCII, most of a figures file: no need to decode */
			done++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p + done, (utf8proc_ssize_t)(n - done), &c);
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	return done;
}

bool utf8_valid(const char *s, size_t n)
{
	return utf8_valid_prefix(s, n) == n;
}

void text_position(const char *s, size_t n, int *line, int *col)
{
	*line = *col = 1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) { /* not a continuation byte */
			++*col;
		}
	}
}

size_t utf8_control_at(const char *s, size_t n, unsigned *code)
{
	const unsigned char *u = (const unsigned char *)s;
	for (size_t i = 0; i < n; i++) {
		unsigned c = u[i];
		if (c >= 0x20 && c != 0x7F && c != 0xC2)
			continue;
		if (c == '\t' || c == '\n' || c == '\r')
			continue;
		if (c == 0xC2) { /* the lead byte of U+0080 to U+00BF */
			if (i + 1 < n && u[i + 1] >= 0x80 && u[i + 1] <= 0x9F) {
				*code = u[i + 1];
				return i;
			}
			continue;
		}
		*code = c;
		return i;
	}
	return n;
}

const char *control_char_name(unsigned code, char buf[16])
{
	snprintf(buf, 16, "U+%04X%s", code, code == 0 ? " (NUL)" : code == 0x7F ? " (DEL)" : "");
	return buf;
}
