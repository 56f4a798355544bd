/* figure_text: numbers as people type them: strict decimals, and figures
 * the way spreadsheets export them, with why a text is not one. */
#ifndef ASSAY_FIGURE_TEXT_H
#define ASSAY_FIGURE_TEXT_H

#include <stdbool.h>

/* Strict number parsing: the whole string, finite, '.' for decimals. */
bool parse_number(const char *s, double *out);

/* What parse_figure found wrong with a figure. */
enum figure_problem {
	FIGURE_OK,
	FIGURE_EMPTY,           /* nothing, or only spaces */
	FIGURE_NOT_A_NUMBER,    /* letters, a misplaced ',', ... */
	FIGURE_NAN,             /* NaN */
	FIGURE_INFINITE,        /* inf, infinity */
	FIGURE_OUT_OF_RANGE,    /* 1e999: beyond what a double holds */
};

/* Reads a figure the way spreadsheets export it: spaces around it,
 * full-width digits, signs and point (１２３．５), ',' between groups of
 * three digits (1,234.5) and a trailing '%' (sets *percent; the number is
 * kept as written, 8.5% is 8.5). */
enum figure_problem parse_figure(const char *s, double *out, bool *percent);
/* Why text is not a figure, and what to do about it: "is not a number
 * (write decimals with '.'; ...)". */
/* (English, marked for translation: _() translates it where it is used) */
const char *figure_problem_text(enum figure_problem problem, const char *text);

#endif
