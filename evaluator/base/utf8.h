/* utf8: UTF-8 text: validity, positions and display width (a CJK
 * character takes two columns). */
#ifndef ASSAY_UTF8_H
#define ASSAY_UTF8_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

/* The byte order mark Excel on Windows needs to read a CSV as UTF-8, and
 * which the readers skip. */
#define UTF8_BOM "\xEF\xBB\xBF"

/* Display columns of a UTF-8 string: a CJK character takes two. */
int text_width(const char *s);
/* Appends s padded with spaces to `width` columns (left or right aligned). */
void sbuf_pad(struct sbuf *b, const char *s, int width, bool right);
/* Whether s[0..n) is valid UTF-8. */
bool utf8_valid(const char *s, size_t n);
/* The length of the longest valid UTF-8 prefix of s[0..n). */
size_t utf8_valid_prefix(const char *s, size_t n);
/* The offset of the first control character in the UTF-8 text s[0..n)
 * that text may not hold: a C0 control other than tab, line feed and
 * carriage return (NUL included), DEL, or a C1 control (U+0080 to U+009F);
 * n when there is none. *code is its code point. */
size_t utf8_control_at(const char *s, size_t n, unsigned *code);
/* "U+0000 (NUL)", "U+001B", ...: a control character as messages name it. */
const char *control_char_name(unsigned code, char buf[16]);
/* The 1-based line and column (in characters) of the character that
 * follows the UTF-8 text s[0..n). */
void text_position(const char *s, size_t n, int *line, int *col);

#endif
