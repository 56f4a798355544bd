#include "figure_text.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <utf8proc.h>

#include "lang.h"
#include "numbers.h"
#include "sbuf.h"

/* A decimal number and nothing else: strtod alone would also take hex
 * floats, "inf" and "nan", which are not figures people type. */
static enum figure_problem read_decimal(const char *s, double *out)
{
	size_t n = strspn(s, "0123456789+-.eE");
	if (!*s || s[n] != '\0')
		return FIGURE_NOT_A_NUMBER;
	const char *p = s;
	double quick;
	if (parse_json_number(&p, &quick) && *p == '\0') {
		*out = quick; /* the common spelling, read without strtod */
		return FIGURE_OK;
	}
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (*end != '\0')
		return FIGURE_NOT_A_NUMBER;
	if (errno == ERANGE || !isfinite(v))
		return FIGURE_OUT_OF_RANGE;
	*out = v;
	return FIGURE_OK;
}

bool parse_number(const char *s, double *out)
{
	return read_decimal(s, out) == FIGURE_OK;
}

/* Full-width forms U+FF01..U+FF5E are ASCII '!'..'~' moved up by 0xFEE0. */
#define FULLWIDTH_FIRST 0xFF01
#define FULLWIDTH_LAST 0xFF5E
#define FULLWIDTH_SHIFT 0xFEE0
#define IDEOGRAPHIC_SPACE 0x3000
#define MINUS_SIGN 0x2212

/* Appends s to out as ASCII: full-width forms, the ideographic space and
 * the minus sign become their ASCII twins; false on any other character
 * beyond ASCII, which cannot be part of a number anyway. */
static bool fold_to_ascii(const char *s, struct sbuf *out)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		if (n <= 0)
			return false;
		if (c >= FULLWIDTH_FIRST && c <= FULLWIDTH_LAST)
			c -= FULLWIDTH_SHIFT;
		else if (c == IDEOGRAPHIC_SPACE)
			c = ' ';
		else if (c == MINUS_SIGN)
			c = '-';
		if (c >= 0x80)
			return false;
		sbuf_addc(out, (char)c);
		p += n;
	}
	return true;
}

/* Cuts the spaces around s (in place); returns the first kept byte. */
static char *trim_spaces(char *s)
{
	s += strspn(s, " \t");
	size_t n = strlen(s);
	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		s[--n] = '\0';
	return s;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/* Removes thousands separators in place: 1 to 3 digits, then groups of
 * ',' and exactly three digits, then the end or a decimal fraction. False
 * when a ',' stands anywhere else (12,3 is a decimal comma, not 12003). */
static bool drop_thousands(char *s)
{
	char *comma = strchr(s, ',');
	if (!comma)
		return true;
	const char *digits = s + (*s == '+' || *s == '-');
	size_t lead = (size_t)(comma - digits);
	if (comma < digits || lead > 3 || !all_digits(digits, lead))
		return false;
	char *w = comma;
	const char *r = comma;
	for (; *r == ','; r += 4, w += 3) {
		if (!all_digits(r + 1, 3))
			return false;
		memmove(w, r + 1, 3);
	}
	if (*r && *r != '.')
		return false;
	memmove(w, r, strlen(r) + 1);
	return true;
}

/* NaN and infinity, in any case and with any sign. */
static enum figure_problem not_finite(const char *s)
{
	s += *s == '+' || *s == '-';
	if (strcasecmp(s, "nan") == 0)
		return FIGURE_NAN;
	if (strcasecmp(s, "inf") == 0 || strcasecmp(s, "infinity") == 0)
		return FIGURE_INFINITE;
	return FIGURE_OK;
}

enum figure_problem parse_figure(const char *s, double *out, bool *percent)
{
	*percent = false;
	/* the common case, a plain number, needs none of the folding below:
	 * a million of them in a province's figures */
	if (*s && s[strspn(s, "0123456789+-.eE")] == '\0')
		return read_decimal(s, out);
	struct sbuf b = {0};
	enum figure_problem problem = FIGURE_NOT_A_NUMBER;
	if (!fold_to_ascii(s, &b))
		goto out;
	char empty[1] = "";
	char *t = trim_spaces(b.s ? b.s : empty);
	size_t n = strlen(t);
	if (n > 0 && t[n - 1] == '%') {
		*percent = true;
		t[n - 1] = '\0';
		n = strlen(t = trim_spaces(t));
	}
	if (n == 0)
		problem = *percent ? FIGURE_NOT_A_NUMBER : FIGURE_EMPTY;
	else if ((problem = not_finite(t)) == FIGURE_OK)
		problem = drop_thousands(t) ? read_decimal(t, out) : FIGURE_NOT_A_NUMBER;
out:
	sbuf_release(&b);
	return problem;
}

/* Why a value is not a figure, and what to do about it. */
const char *figure_problem_text(enum figure_problem problem, const char *text)
{
	switch (problem) {
	case FIGURE_EMPTY:
		return N_("is not a number (leave the row out when nothing is reported)");
	case FIGURE_NAN:
		return N_("is not a number: write the figure, or leave it out when nothing is reported");
	case FIGURE_INFINITE:
		return N_("is not a finite number: write the figure itself (a division by zero?)");
	case FIGURE_OUT_OF_RANGE:
		return N_("is out of range: too large or too small to be a figure");
	case FIGURE_NOT_A_NUMBER:
	case FIGURE_OK:
		break;
	}
	if (strchr(text, ',') || strstr(text, "\xEF\xBC\x8C")) /* ',' or the full-width one */
		return N_("is not a number (write decimals with '.'; ',' may only separate "
		       "thousands, as in 1,234.5)");
	return N_("is not a number");
}
