/* madvise(MADV_HUGEPAGE) is Linux's, outside POSIX. */
#define _DEFAULT_SOURCE
#include "text.h"

#include <errno.h>
#include <malloc.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <utf8proc.h>

static void out_of_memory(void)
{
	fputs("assay: out of memory\n", stderr);
	abort();
}

/* Touching fresh memory costs a page fault per 4 KiB page, which at
 * province scale (a million unit-indicator items) is most of the time. A
 * block this large asks to be backed by 2 MiB pages where the kernel has
 * transparent huge pages: a fault per 2 MiB instead. The advice covers the
 * block's whole pages, which for a block the allocator mapped on its own is
 * its whole mapping: one region, which realloc can still move with mremap
 * rather than copy. */
#define SMALL_PAGE ((uintptr_t)4 << 10)
#define HUGE_BLOCK ((size_t)8 << 20)

static void *advise_huge_pages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	if (n >= HUGE_BLOCK) {
		uintptr_t start = (uintptr_t)p & ~(SMALL_PAGE - 1);
		uintptr_t end = ((uintptr_t)p + n + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
		(void)madvise((void *)start, end - start, MADV_HUGEPAGE); /* advice only */
	}
#endif
	return p;
}

/* The heap grows by this much at a time (glibc's default is 128 KiB), and
 * each growth is advised to be backed by 2 MiB pages like the large blocks
 * above: loading a plan of a million targets otherwise grows it in a
 * hundred small steps and faults its small blocks in 4 KiB at a time. */
#define HEAP_STEP ((size_t)32 << 20)

static uintptr_t heap_advised; /* the heap's end when last seen; 0: not tuned */

void memory_setup(void)
{
#ifdef M_TOP_PAD
	if (mallopt(M_TOP_PAD, (int)HEAP_STEP) == 1)
		heap_advised = ((uintptr_t)sbrk(0) + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
#endif
}

/* Advises what the heap grew by since the last call, and follows it down
 * when free gave memory back, so that growing again is advised too.
 * sbrk(0) reads a variable: no system call. */
static void advise_heap_growth(void)
{
#ifdef MADV_HUGEPAGE
	if (!heap_advised)
		return;
	uintptr_t end = (uintptr_t)sbrk(0);
	if (end > heap_advised)
		(void)madvise((void *)heap_advised, end - heap_advised, MADV_HUGEPAGE);
	heap_advised = (end + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
#endif
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	advise_heap_growth();
	return advise_huge_pages(p, n);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	advise_heap_growth();
	return advise_huge_pages(p, n * size);
}

void *xcalloc_sparse(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	advise_heap_growth();
	return advise_huge_pages(p, n);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

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

int text_width(const char *s)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	int width = 0;
	while (*p) {
		utf8proc_int32_t c;
		utf8proc_ssize_t n = utf8proc_iterate(p, -1, &c);
		if (n <= 0) { /* invalid byte: count it as one column */
			width++;
			p++;
			continue;
		}
		int w = utf8proc_charwidth(c);
		width += w > 0 ? w : 0;
		p += n;
	}
	return width;
}

void sbuf_pad(struct sbuf *b, const char *s, int width, bool right)
{
	int fill = width - text_width(s);
	if (right)
		for (int i = 0; i < fill; i++)
			sbuf_addc(b, ' ');
	sbuf_add(b, s);
	if (!right)
		for (int i = 0; i < fill; i++)
			sbuf_addc(b, ' ');
}

size_t utf8_valid_prefix(const char *s, size_t n)
{
	const utf8proc_uint8_t *p = (const utf8proc_uint8_t *)s;
	size_t done = 0;
	while (done < n) {
		if (p[done] < 0x80) { /* ASCII, most of a figures file: no need to decode */
			done++;
			continue;
		}
		utf8proc_int32_t c;
		utf8proc_ssize_t k = utf8proc_iterate(p + done, (utf8proc_ssize_t)(n - done), &c);
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	return done;
}

bool utf8_valid(const char *s, size_t n)
{
	return utf8_valid_prefix(s, n) == n;
}

void text_position(const char *s, size_t n, int *line, int *col)
{
	*line = *col = 1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '\n') {
			++*line;
			*col = 1;
		} else if (((unsigned char)s[i] & 0xC0) != 0x80) { /* not a continuation byte */
			++*col;
		}
	}
}

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

double round_half_away(double x, int digits)
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

const char *format_fixed(char *buf, size_t size, double x, int digits)
{
	double r = round_half_away(x, digits);
	if (r == 0)
		r = 0; /* no "-0.00" */
	snprintf(buf, size, "%.*f", digits, r);
	return buf;
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
	if (format_few_decimals(buf, size, x))
		return buf;
	for (int prec = 15; prec <= 17; prec++) {
		snprintf(buf, size, "%.*g", prec, x);
		if (strtod(buf, NULL) == x)
			break;
	}
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

const char *format_utc(char buf[32], const char *iso)
{
	if (strlen(iso) == 20 && iso[10] == 'T' && iso[19] == 'Z')
		snprintf(buf, 32, "%.10s %.8s", iso, iso + 11);
	else
		snprintf(buf, 32, "%s", iso);
	return buf;
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

static size_t edit_distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	size_t *row = xmalloc((lb + 1) * sizeof *row);
	for (size_t j = 0; j <= lb; j++)
		row[j] = j;
	for (size_t i = 1; i <= la; i++) {
		size_t diag = row[0];
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t up = row[j];
			size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
			size_t best = diag + cost;
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	size_t d = row[lb];
	free(row);
	return d;
}

const char *nearest_name(const char *word, const char *const *cands, size_t n)
{
	size_t len = strlen(word);
	size_t limit = len < 6 ? 2 : len / 3;
	const char *best = NULL;
	size_t best_d = SIZE_MAX;
	for (size_t i = 0; i < n; i++) {
		if (!cands[i])
			continue;
		size_t d = edit_distance(word, cands[i]);
		if (d < best_d) {
			best_d = d;
			best = cands[i];
		}
	}
	return best_d > 0 && best_d <= limit ? best : NULL;
}

bool is_valid_id(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++) {
		char c = *s;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return false;
	}
	return true;
}

/* Why a value is not a figure, and what to do about it. */
const char *figure_problem_text(enum figure_problem problem, const char *text)
{
	switch (problem) {
	case FIGURE_EMPTY:
		return "is not a number (leave the row out when nothing is reported)";
	case FIGURE_NAN:
		return "is not a number: write the figure, or leave it out when nothing is reported";
	case FIGURE_INFINITE:
		return "is not a finite number: write the figure itself (a division by zero?)";
	case FIGURE_OUT_OF_RANGE:
		return "is out of range: too large or too small to be a figure";
	case FIGURE_NOT_A_NUMBER:
	case FIGURE_OK:
		break;
	}
	if (strchr(text, ',') || strstr(text, "\xEF\xBC\x8C")) /* ',' or the full-width one */
		return "is not a number (write decimals with '.'; ',' may only separate "
		       "thousands, as in 1,234.5)";
	return "is not a number";
}
