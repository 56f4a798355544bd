/* text: growing strings, UTF-8 display width, number formatting and the
 * rounding people do by hand. */
#ifndef ASSAY_TEXT_H
#define ASSAY_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* The byte order mark Excel on Windows needs to read a CSV as UTF-8, and
 * which the readers skip. */
#define UTF8_BOM "\xEF\xBB\xBF"

/* A growing NUL-terminated string; sbuf_release frees it. */
struct sbuf {
	char *s;
	size_t len, cap;
};

void sbuf_add(struct sbuf *b, const char *s);
void sbuf_addn(struct sbuf *b, const char *s, size_t n);
void sbuf_addf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void sbuf_addc(struct sbuf *b, char c);
/* The text so far ("" when empty); valid until the next change. */
const char *sbuf_str(const struct sbuf *b);
void sbuf_reset(struct sbuf *b);
void sbuf_release(struct sbuf *b);
/* Hands over the buffer (caller frees); b is empty afterwards. */
char *sbuf_detach(struct sbuf *b);

/* Appends s as a CSV field (quoted when it holds a ',', a '"' or a line
 * break), then ',' or, for the last field of a row, a line break. */
void sbuf_csv_field(struct sbuf *out, const char *s, bool last);

/* Appends the whole file at path to out; 0, or -1 with errno set. */
int sbuf_read_file(struct sbuf *out, const char *path);

/* Tunes the allocator for assay's work, once at start-up. */
void memory_setup(void);
/* Allocation that never returns NULL: out of memory ends the process. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
/* xcalloc for a block of which only scattered parts will be touched:
 * never backed by huge pages, which would fault in all of it. */
void *xcalloc_sparse(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

/* Display columns of a UTF-8 string: a CJK character takes two. */
int text_width(const char *s);
/* Appends s padded with spaces to `width` columns (left or right aligned). */
void sbuf_pad(struct sbuf *b, const char *s, int width, bool right);
/* Whether s[0..n) is valid UTF-8. */
bool utf8_valid(const char *s, size_t n);
/* The length of the longest valid UTF-8 prefix of s[0..n). */
size_t utf8_valid_prefix(const char *s, size_t n);
/* The 1-based line and column (in characters) of the character that
 * follows the UTF-8 text s[0..n). */
void text_position(const char *s, size_t n, int *line, int *col);

/* Rounds half away from zero at `digits` decimals, the way a person does it
 * on the decimal figure they see: 89.125 -> 89.13, 1.005 -> 1.01. */
double round_half_away(double x, int digits);
/* Formats a rounded number with exactly `digits` decimals into buf. */
const char *format_fixed(char *buf, size_t size, double x, int digits);
/* Shortest text that reads back as the same double ("%.17g" at most). */
const char *format_number(char *buf, size_t size, double x);
/* n in decimal digits, within buf (a pointer into it is returned). */
const char *format_integer(char buf[24], long long n);
/* Reads the number at *text in JSON's grammar (-12.5, 3e-7; no leading
 * zeros, no '+', no "inf"), correctly rounded, and moves *text past it;
 * false when there is none there or it is beyond a double. */
bool parse_json_number(const char **text, double *out);

/* A time as the store keeps it, "2023-10-05T09:12:03Z", as people read
 * it: "2023-10-05 09:12:03" (UTC). Anything else is shown as it is. */
const char *format_utc(char buf[32], const char *iso);

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
const char *figure_problem_text(enum figure_problem problem, const char *text);

/* The candidate closest to `word` by edit distance, if close enough to be a
 * likely typo; NULL otherwise. */
const char *nearest_name(const char *word, const char *const *cands, size_t n);

/* Whether s is a valid id: ASCII letters, digits, '_' and '-'. */
bool is_valid_id(const char *s);

#endif
