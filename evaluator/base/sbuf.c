#include "sbuf.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mem.h"

static void sbuf_grow(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap * 2 : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	sbuf_grow(b, n);
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sbuf_add(struct sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s));
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_grow(b, 1);
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
}

void sbuf_addf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

const char *sbuf_str(const struct sbuf *b)
{
	return b->s ? b->s : "";
}

void sbuf_reset(struct sbuf *b)
{
	b->len = 0;
	if (b->s)
		b->s[0] = '\0';
}

void sbuf_release(struct sbuf *b)
{
	free(b->s);
	b->s = NULL;
	b->len = b->cap = 0;
}

char *sbuf_detach(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	b->s = NULL;
	b->len = b->cap = 0;
	return s;
}

void sbuf_csv_field(struct sbuf *out, const char *s, bool last)
{
	if (strpbrk(s, ",\"\r\n")) {
		sbuf_addc(out, '"');
		for (; *s; s++) {
			if (*s == '"')
				sbuf_addc(out, '"');
			sbuf_addc(out, *s);
		}
		sbuf_addc(out, '"');
	} else {
		sbuf_add(out, s);
	}
	sbuf_addc(out, last ? '\n' : ',');
}

int sbuf_read_file(struct sbuf *out, const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return -1;
	/* a regular file's size is known: room for all of it and one byte
	 * more, so that the end is seen without growing (and copying) again */
	struct stat st;
	size_t chunk = 65536;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0)
		chunk = (size_t)st.st_size + 1;
	sbuf_grow(out, chunk);
	for (;;) {
		size_t room = out->cap - out->len - 1;
		size_t n = fread(out->s + out->len, 1, room, f);
		out->len += n;
		out->s[out->len] = '\0';
		if (n < room)
			break; /* the end, or an error (below) */
		sbuf_grow(out, 65536);
	}
	int failed = ferror(f);
	fclose(f);
	if (failed)
		errno = EIO;
	return failed ? -1 : 0;
}
