/* period: a year (2023), a quarter (2023Q3) or a month (2023-09). */
#ifndef ASSAY_PERIOD_H
#define ASSAY_PERIOD_H

#include <stdbool.h>

enum period_kind { PERIOD_YEAR, PERIOD_QUARTER, PERIOD_MONTH };

struct period {
	int year;
	enum period_kind kind;
	int index; /* quarter 1-4, month 1-12, 0 for a year */
};

/* Longest text period_format writes, with its NUL. */
#define PERIOD_TEXT 12

/* Parses "2023", "2023Q3" (also "2023q3") or "2023-09"; 0 on success. */
int period_parse(const char *s, struct period *out);
/* Canonical text: "2023", "2023Q3", "2023-09". */
const char *period_format(const struct period *p, char buf[PERIOD_TEXT]);
/* The last month the period covers (12 for a year). */
int period_end_month(const struct period *p);
/* Share of the year elapsed at the period's end: September is 9/12. */
double period_time_progress(const struct period *p);
/* The month period that ends p (itself for a month). */
struct period period_last_month(const struct period *p);
bool period_equal(const struct period *a, const struct period *b);
/* Whether inner lies within outer: 2023-08 within 2023Q3 and 2023. */
bool period_within(const struct period *inner, const struct period *outer);

/* Dates are numbers written as they read: 20231015 for 2023-10-15. */
#define DATE_TEXT 12

/* Parses "2023-10-15", or "2023-10" meaning the last day of that month;
 * 0 on success. */
int date_parse(const char *s, int *out);
/* "2023-10-15". */
const char *date_format(int date, char buf[DATE_TEXT]);
/* Days from 1970-01-01, for differences between dates. */
long date_days(int date);
/* The date so many days from 1970-01-01: date_days undone. */
int date_from_days(long days);
int days_in_month(int year, int month);
/* The last day of the period: 20230930 for 2023Q3. */
int period_end_date(const struct period *p);

#endif
