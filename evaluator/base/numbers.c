#include "numbers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

/* Powers of ten a double holds exactly. */
static const double exact_pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
				     1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
				     1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

/* 10^digits: exact, and from the table for the digits rules round to. */
static double power_of_ten(int digits)
{
	if (digits >= 0 && digits < (int)(sizeof exact_pow10 / sizeof *exact_pow10))
		return exact_pow10[digits];
	return pow(10, digits);
}

/* Rounds half away from zero at `digits` decimals of the double's own
 * 15-significant-digit decimal. */
static double round_at(double x, int digits)
{
	if (!isfinite(x))
		return x;
	double scale = power_of_ten(digits), v = x * scale, half = fabs(v - trunc(v)) - 0.5;
	/* Far from a half, the decimal a person sees rounds the same way as the
	 * double itself: no need to print it (15 digits err by < 1e-14 of v). */
	if (fabs(v) < 1e15 && fabs(half) > fabs(v) * 1e-14 + 1e-300)
		return (v >= 0 ? floor(v + 0.5) : -floor(-v + 0.5)) / scale;
	/* Go through the 15-significant-digit decimal a person would see, so
	 * that 1.005 (stored as 1.00499999...) rounds up as on paper. */
	char buf[64];
	snprintf(buf, sizeof buf, "%.15g", x * scale);
	double y = strtod(buf, NULL);
	double r = y >= 0 ? floor(y + 0.5) : -floor(-y + 0.5);
	return r / scale;
}

double round_half_away(double x, int digits)
{
	/* A hair below a half is the half: 5 × (0.6012 − 0.6) ÷ 0.4 lands at
	 * 0.01499999999999974 in binary and is 0.015 on paper, so rounds to
	 * 0.02. Rounding noise is dropped first, as comparisons drop it. */
	if (digits < NOISE_DIGITS)
		x = round_at(x, NOISE_DIGITS);
	return round_at(x, digits);
}

double drop_noise(double x)
{
	return round_at(x, NOISE_DIGITS);
}

#define FEWEST_DIGITS_LIMIT 1e15 /* what "%.15g" prints without an exponent */

/* Writes digits of whole (< 1e15) with a point before the last `decimals`. */
static void write_scaled(char *out, bool negative, long long whole, int decimals)
{
	char digits[40], *p = digits + sizeof digits;
	int n = 0;
	*--p = '\0';
	for (; whole > 0 || n <= decimals; whole /= 10, n++) {
		if (n == decimals && decimals > 0)
			*--p = '.';
		*--p = (char)('0' + whole % 10);
	}
	if (negative)
		*--p = '-';
	strcpy(out, p);
}

const char *format_fixed(char *buf, size_t size, double x, int digits)
{
	double r = round_half_away(x, digits);
	if (r == 0)
		r = 0; /* no "-0.00" */
	/* r is a whole number of 10^-digits: below 10^15 of them its digits
	 * are what "%.*f" prints, without printf's exact arithmetic */
	if (isfinite(r) && digits >= 0 && digits <= 15 && size >= 24 + (size_t)digits) {
		double whole = fabs(r) * exact_pow10[digits];
		if (whole < FEWEST_DIGITS_LIMIT) {
			write_scaled(buf, r < 0, llround(whole), digits);
			return buf;
		}
	}
	snprintf(buf, size, "%.*f", digits, r);
	return buf;
}

/* Most figures have a few decimals: the first k for which x rounded to k
 * decimals reads back as x gives "%.15g"'s text without printf. Exact:
 * a whole number below 2^53 divided by a power of ten is what strtod
 * makes of the decimal. False when x is not such a number. */
static bool format_few_decimals(char *buf, size_t size, double x)
{
	double ax = fabs(x);
	if (size < 24 || !(ax >= 1e-4 && ax < FEWEST_DIGITS_LIMIT))
		return false;
	for (int k = 0; k < (int)(sizeof exact_pow10 / sizeof *exact_pow10); k++) {
		double whole = floor(ax * exact_pow10[k] + 0.5);
		if (whole >= FEWEST_DIGITS_LIMIT)
			return false;
		if (whole / exact_pow10[k] == ax) {
			write_scaled(buf, x < 0, (long long)whole, k);
			return true;
		}
	}
	return false;
}

const char *format_number(char *buf, size_t size, double x)
{
	if (x == 0 && !signbit(x) && size >= 2)
		return strcpy(buf, "0");
	if (format_few_decimals(buf, size, x))
		return buf;
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
	return buf;
}

const char *format_exact(char *buf, size_t size, double x)
{
	if (format_few_decimals(buf, size, x))
		return buf;
	snprintf(buf, size, "%.15g", x);
	if (strtod(buf, NULL) != x)
		snprintf(buf, size, "%.17g", x);
	return buf;
}

const char *format_integer(char buf[24], long long n)
{
	char *p = buf + 23;
	unsigned long long m = n < 0 ? 0ULL - (unsigned long long)n : (unsigned long long)n;
	*p = '\0';
	do
		*--p = (char)('0' + m % 10);
	while (m /= 10);
	if (n < 0)
		*--p = '-';
	return p;
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static const char *skip_digits(const char *p)
{
	while (is_digit(*p))
		p++;
	return p;
}

/* strtod on text[0..n), which is a number in JSON's grammar. */
static double strtod_span(const char *text, size_t n)
{
	char small[64];
	char *copy = n < sizeof small ? small : xmalloc(n + 1);
	memcpy(copy, text, n);
	copy[n] = '\0';
	double v = strtod(copy, NULL);
	if (copy != small)
		free(copy);
	return v;
}

/* A decimal of at most 15 digits without an exponent is its digits as a
 * whole number divided by a power of ten: both exact, so the one division
 * rounds as strtod does, at a fraction of its cost. */
#define FAST_DIGITS 15

bool parse_json_number(const char **text, double *out)
{
	const char *start = *text, *p = start;
	bool negative = *p == '-';
	unsigned long long whole = 0;
	int digits = 0, decimals = 0;
	p += negative;
	if (!is_digit(*p) || (*p == '0' && is_digit(p[1])))
		return false;
	for (; is_digit(*p); p++, digits++)
		whole = digits < FAST_DIGITS ? whole * 10 + (unsigned)(*p - '0') : whole;
	if (*p == '.') {
		if (!is_digit(*++p))
			return false;
		for (; is_digit(*p); p++, digits++, decimals++)
			whole = digits < FAST_DIGITS ? whole * 10 + (unsigned)(*p - '0') : whole;
	}
	bool exponent = *p == 'e' || *p == 'E';
	if (exponent) {
		p += p[1] == '+' || p[1] == '-' ? 2 : 1;
		if (!is_digit(*p))
			return false;
		p = skip_digits(p);
	}
	*text = p;
	if (!exponent && digits <= FAST_DIGITS) {
		double v = (double)whole / exact_pow10[decimals];
		*out = negative ? -v : v;
		return true;
	}
	*out = strtod_span(start, (size_t)(p - start));
	return isfinite(*out);
}

const char *format_utc(char buf[32], const char *iso)
{
	if (strlen(iso) == 20 && iso[10] == 'T' && iso[19] == 'Z')
		snprintf(buf, 32, "%.10s %.8s", iso, iso + 11);
	else
		snprintf(buf, 32, "%s", iso);
	return buf;
}
