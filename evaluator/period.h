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

#endif
