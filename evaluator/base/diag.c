#include "diag.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

/* Whether text starts with "file:line:", as Lua's messages do. */
static int looks_located(const char *text)
{
	const char *colon = strchr(text, ':');
	if (!colon || colon == text || memchr(text, ' ', (size_t)(colon - text)))
		return 0;
	const char *p = colon + 1;
	while (isdigit((unsigned char)*p))
		p++;
	return p > colon + 1 && *p == ':';
}

int vfail(diag_t *d, const char *fmt, va_list ap)
{
	vsnprintf(d->text, sizeof d->text, fmt, ap);
	d->located = looks_located(d->text);
	return -1;
}

int fail(diag_t *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vfail(d, fmt, ap);
	va_end(ap);
	return -1;
}

int fail_at(diag_t *d, const char *file, int line, int col, const char *fmt, ...)
{
	int n;
	if (col > 0)
		n = snprintf(d->text, sizeof d->text, "%s:%d:%d: ", file, line, col);
	else if (line > 0)
		n = snprintf(d->text, sizeof d->text, "%s:%d: ", file, line);
	else
		n = snprintf(d->text, sizeof d->text, "%s: ", file);
	if (n < 0 || (size_t)n >= sizeof d->text)
		return -1;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(d->text + n, sizeof d->text - (size_t)n, fmt, ap);
	va_end(ap);
	d->located = 1;
	return -1;
}
