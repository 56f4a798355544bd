#include "period.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static int parse_digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (!isdigit((unsigned char)s[i]))
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int period_parse(const char *s, struct period *out)
{
	size_t len = strlen(s);
	struct period p = {0};
	if (len < 4 || parse_digits(s, 4, &p.year) != 0 || p.year < 1900 || p.year > 2999)
		return -1;
	if (len == 4) {
		p.kind = PERIOD_YEAR;
	} else if (len == 6 && (s[4] == 'Q' || s[4] == 'q')) {
		p.kind = PERIOD_QUARTER;
		if (parse_digits(s + 5, 1, &p.index) != 0 || p.index < 1 || p.index > 4)
			return -1;
	} else if (len == 7 && s[4] == '-') {
		p.kind = PERIOD_MONTH;
		if (parse_digits(s + 5, 2, &p.index) != 0 || p.index < 1 || p.index > 12)
			return -1;
	} else {
		return -1;
	}
	*out = p;
	return 0;
}

const char *period_format(const struct period *p, char buf[PERIOD_TEXT])
{
	int year = p->year % 10000;
	switch (p->kind) {
	case PERIOD_YEAR:
		snprintf(buf, PERIOD_TEXT, "%04d", year);
		break;
	case PERIOD_QUARTER:
		snprintf(buf, PERIOD_TEXT, "%04dQ%d", year, p->index % 10);
		break;
	case PERIOD_MONTH:
		snprintf(buf, PERIOD_TEXT, "%04d-%02d", year, p->index % 100);
		break;
	}
	return buf;
}

int period_end_month(const struct period *p)
{
	switch (p->kind) {
	case PERIOD_QUARTER:
		return p->index * 3;
	case PERIOD_MONTH:
		return p->index;
	case PERIOD_YEAR:
		break;
	}
	return 12;
}

double period_time_progress(const struct period *p)
{
	return period_end_month(p) / 12.0;
}

struct period period_last_month(const struct period *p)
{
	struct period m = {p->year, PERIOD_MONTH, period_end_month(p)};
	return m;
}

bool period_equal(const struct period *a, const struct period *b)
{
	return a->year == b->year && a->kind == b->kind && a->index == b->index;
}
