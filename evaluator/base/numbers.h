/* numbers: numbers as people read them (rounding, fixed decimals, the
 * shortest exact text), JSON numbers, and times as the store keeps them. */
#ifndef ASSAY_NUMBERS_H
#define ASSAY_NUMBERS_H

#include <stdbool.h>
#include <stddef.h>

/* Differences below 10^-NOISE_DIGITS are rounding noise: sums and
 * differences of decimals carry it in binary (16.009999999999998), and a
 * person with a calculator never sees it. Comparisons and sums of figures
 * drop it; the standard library (std.at_least) reads the same number. */
#define NOISE_DIGITS 9
/* x without its rounding noise: x rounded at NOISE_DIGITS decimals. */
double drop_noise(double x);

/* Rounds half away from zero at `digits` decimals, the way a person does it
 * on the decimal figure they see: 89.125 -> 89.13, 1.005 -> 1.01, and
 * 0.01499999999999974 (binary noise on 0.015) -> 0.02: below NOISE_DIGITS
 * decimals, the noise is dropped before rounding. */
double round_half_away(double x, int digits);
/* Formats a rounded number with exactly `digits` decimals into buf. */
const char *format_fixed(char *buf, size_t size, double x, int digits);
/* Shortest text that reads back as the same double ("%.17g" at most). */
const char *format_number(char *buf, size_t size, double x);
/* "%.15g" when that reads back as x, else "%.17g": how a saved run's items
 * keep their scores, which must read the same in every run. */
const char *format_exact(char *buf, size_t size, double x);
/* n in decimal digits, within buf (a pointer into it is returned). */
const char *format_integer(char buf[24], long long n);
/* Reads the number at *text in JSON's grammar (-12.5, 3e-7; no leading
 * zeros, no '+', no "inf"), correctly rounded, and moves *text past it;
 * false when there is none there or it is beyond a double. */
bool parse_json_number(const char **text, double *out);

/* A time as the store keeps it, "2023-10-05T09:12:03Z", as people read
 * it: "2023-10-05 09:12:03" (UTC). Anything else is shown as it is. */
const char *format_utc(char buf[32], const char *iso);

#endif
