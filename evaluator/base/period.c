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

/* The first month the period covers. */
static int period_start_month(const struct period *p)
{
	return p->kind == PERIOD_MONTH ? p->index : p->kind == PERIOD_QUARTER ? 3 * p->index - 2 : 1;
}

bool period_within(const struct period *inner, const struct period *outer)
{
	return inner->year == outer->year &&
	       period_start_month(inner) >= period_start_month(outer) &&
	       period_end_month(inner) <= period_end_month(outer);
}

static bool leap_year(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int days_in_month(int year, int month)
{
	static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return month == 2 && leap_year(year) ? 29 : days[month - 1];
}

int date_parse(const char *s, int *out)
{
	size_t len = strlen(s);
	int year, month, day;
	if ((len != 7 && len != 10) || parse_digits(s, 4, &year) != 0 || s[4] != '-' ||
	    parse_digits(s + 5, 2, &month) != 0 || year < 1900 || year > 2999 || month < 1 ||
	    month > 12)
		return -1;
	if (len == 7) {
		day = days_in_month(year, month);
	} else if (s[7] != '-' || parse_digits(s + 8, 2, &day) != 0 || day < 1 ||
		   day > days_in_month(year, month)) {
		return -1;
	}
	*out = year * 10000 + month * 100 + day;
	return 0;
}

const char *date_format(int date, char buf[DATE_TEXT])
{
	unsigned d = (unsigned)date % 100000000u;
	snprintf(buf, DATE_TEXT, "%04u-%02u-%02u", d / 10000, d / 100 % 100, d % 100);
	return buf;
}

/* Days from the civil date, after the well-known era arithmetic. */
long date_days(int date)
{
	long y = date / 10000, m = date / 100 % 100, d = date % 100;
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int date_from_days(long days)
{
	/* the civil calendar from a day count, as date_days reckons it */
	long z = days + 719468;
	long era = (z >= 0 ? z : z - 146096) / 146097;
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	long d = doy - (153 * mp + 2) / 5 + 1;
	long m = mp < 10 ? mp + 3 : mp - 9;
	long y = yoe + era * 400 + (m <= 2);
	return (int)(y * 10000 + m * 100 + d);
}

int period_end_date(const struct period *p)
{
	int month = period_end_month(p);
	return p->year * 10000 + month * 100 + days_in_month(p->year, month);
}
