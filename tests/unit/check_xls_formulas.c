/* The .xls formula walker on a workbook stream built here record by
 * record: the values saved with formulas, and streams cut short, lying
 * about where their sheets are, or of noise, refused without a fault. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "unit.h"
#include "xls_formulas.h"

/* A workbook stream being built. */
struct stream {
	unsigned char bytes[1024];
	size_t n;
};

static void put16(struct stream *s, unsigned v)
{
	s->bytes[s->n++] = (unsigned char)(v & 0xFF);
	s->bytes[s->n++] = (unsigned char)(v >> 8);
}

static void put32(struct stream *s, uint32_t v)
{
	put16(s, v & 0xFFFF);
	put16(s, v >> 16);
}

static void put_bytes(struct stream *s, const void *p, size_t n)
{
	if (n)
		memcpy(s->bytes + s->n, p, n);
	s->n += n;
}

static void record(struct stream *s, unsigned id, const void *body, size_t len)
{
	put16(s, id);
	put16(s, (unsigned)len);
	put_bytes(s, body, len);
}

static void bof(struct stream *s)
{
	const unsigned char biff8[16] = {0x00, 0x06, 0x10, 0x00};
	record(s, 0x0809, biff8, sizeof biff8);
}

static void eof(struct stream *s)
{
	record(s, 0x000A, NULL, 0);
}

enum { XF_GENERAL, XF_PERCENT, XF_DATE, XF_NO_FORMAT, XF_UNDEFINED = 15 }; /* the globals' */

/* A FORMULA record at row, col in style xf whose 8 bytes of result are
 * given. */
static void formula(struct stream *s, unsigned row, unsigned col, unsigned xf,
		    const unsigned char result[8], unsigned grbit)
{
	struct stream body = {0};
	put16(&body, row);
	put16(&body, col);
	put16(&body, xf);
	put_bytes(&body, result, 8);
	put16(&body, grbit);
	put32(&body, 0);
	const unsigned char rpn[] = {0x1E, 0x01, 0x00}; /* the integer 1 */
	put_bytes(&body, rpn, sizeof rpn);
	record(s, 0x0006, body.bytes, body.n);
}

static void number_formula(struct stream *s, unsigned row, unsigned col, unsigned xf, double v,
			   unsigned grbit)
{
	unsigned char result[8];
	uint64_t bits;
	memcpy(&bits, &v, sizeof bits);
	for (int i = 0; i < 8; i++)
		result[i] = (unsigned char)(bits >> (8 * i));
	formula(s, row, col, xf, result, grbit);
}

static void other_formula(struct stream *s, unsigned row, unsigned col, unsigned kind,
			  unsigned value)
{
	const unsigned char result[8] = {(unsigned char)kind, 0, (unsigned char)value, 0, 0, 0,
					 0xFF, 0xFF};
	formula(s, row, col, XF_UNDEFINED, result, 0);
}

/* Parses the first n bytes of s from a block of exactly n bytes, so that
 * the sanitized build sees any read past them. */
static int parse(struct xls_formulas *f, const struct stream *s, size_t n, diag_t *d)
{
	unsigned char *exact = malloc(n ? n : 1);
	memcpy(exact, s->bytes, n);
	int rc = xls_formulas_parse(f, exact, n, d);
	free(exact);
	return rc;
}

enum { TEXT = 0, BOOLEAN = 1, ERROR = 2, EMPTY_TEXT = 3 };

/* The styles a number formula may have: General, a number format 164
 * "0.0%" defined by a FORMAT record, the built-in date format 14, a
 * format 170 the workbook does not define. */
static void styles(struct stream *s)
{
	const unsigned char percent[] = {164, 0, 4, 0, 0, '0', '.', '0', '%'};
	record(s, 0x041E, percent, sizeof percent);
	const unsigned formats[] = {0, 164, 14, 170};
	for (size_t i = 0; i < 4; i++) {
		unsigned char xf[20] = {0, 0, (unsigned char)formats[i], 0};
		record(s, 0x00E0, xf, sizeof xf);
	}
}

static size_t globals_eof; /* where workbook() put the globals' EOF */

/* A workbook of two sheets; the second has a formula of each kind. The
 * globals: BOF (20 bytes), the two BOUNDSHEETs (13 each, their offsets at
 * bytes 24 and 37), the styles, EOF. */
static void workbook(struct stream *s)
{
	*s = (struct stream){0};
	bof(s);
	size_t at[2];
	for (int i = 0; i < 2; i++) {
		const unsigned char name[] = {0, 0, 1, 0, 'a'}; /* visible worksheet "a" */
		put16(s, 0x0085);
		put16(s, 4 + sizeof name);
		at[i] = s->n;
		put32(s, 0);
		put_bytes(s, name, sizeof name);
	}
	styles(s);
	globals_eof = s->n;
	eof(s);
	for (int i = 0; i < 2; i++) {
		size_t start = s->n;
		s->n = at[i];
		put32(s, (uint32_t)start);
		s->n = start;
		bof(s);
		if (i == 1) {
			other_formula(s, 1, 3, EMPTY_TEXT, 0);  /* xlwt's: no value */
			number_formula(s, 2, 3, XF_UNDEFINED, 7.3, 0);
			other_formula(s, 3, 3, TEXT, 0);
			const unsigned char text[] = {2, 0, 1, 0x2B, 0x54, 'B', 0}; /* "含B", UTF-16 */
			record(s, 0x0207, text, sizeof text);
			other_formula(s, 4, 3, ERROR, 0x07);
			number_formula(s, 5, 3, XF_GENERAL, 0, 0x0002); /* to compute on opening */
			number_formula(s, 6, 3, XF_GENERAL, 0, 0);      /* a zero computed */
			other_formula(s, 7, 3, BOOLEAN, 1);
			other_formula(s, 8, 3, TEXT, 0);        /* no STRING after it */
			number_formula(s, 9, 3, XF_PERCENT, 0.095, 0);
			number_formula(s, 10, 3, XF_DATE, 45097, 0);
			number_formula(s, 11, 3, XF_NO_FORMAT, 0.095, 0);
		}
		eof(s);
	}
}

static void expect_cell(const struct xls_formulas *f, unsigned row, enum field_form form,
			const char *text)
{
	const struct xls_formula *c = xls_formula_at(f, 1, row, 3);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(c->form, form);
	ck_assert_str_eq(c->text, text);
}

START_TEST(values_saved_with_formulas)
{
	struct stream s;
	workbook(&s);
	struct xls_formulas f;
	diag_t d;
	ck_assert_int_eq(parse(&f, &s, s.n, &d), 0);
	ck_assert_uint_eq(f.nsheets, 2);
	ck_assert_uint_eq(f.sheets[0].n, 0);
	expect_cell(&f, 1, FIELD_NO_VALUE, "");
	expect_cell(&f, 2, FIELD_NUMBER_UNSURE, "7.3"); /* in a style not defined */
	expect_cell(&f, 3, FIELD_TEXT, "含B");
	expect_cell(&f, 4, FIELD_ERROR, "#DIV/0!");
	expect_cell(&f, 5, FIELD_NO_VALUE, "");
	expect_cell(&f, 6, FIELD_NUMBER, "0");
	expect_cell(&f, 7, FIELD_TEXT, "1");
	expect_cell(&f, 8, FIELD_NO_VALUE, "");
	expect_cell(&f, 9, FIELD_PERCENT, "9.5");
	expect_cell(&f, 10, FIELD_DATE, "2023-06-20");
	expect_cell(&f, 11, FIELD_NUMBER_UNSURE, "0.095");
	ck_assert_ptr_null(xls_formula_at(&f, 1, 2, 2));
	ck_assert_ptr_null(xls_formula_at(&f, 2, 2, 3));
	xls_formulas_release(&f);
}
END_TEST

/* Cut anywhere, the stream is refused: its last sheet has no end. */
START_TEST(truncated_stream_refused)
{
	struct stream s;
	workbook(&s);
	for (size_t n = 0; n < s.n; n++) {
		struct xls_formulas f;
		diag_t d;
		ck_assert_msg(parse(&f, &s, n, &d) == -1, "cut at %zu read", n);
		ck_assert_msg(*d.text, "cut at %zu refused without a word", n);
		xls_formulas_release(&f);
	}
}
END_TEST

START_TEST(sheet_not_where_the_workbook_says_refused)
{
	struct stream s;
	workbook(&s);
	struct xls_formulas f;
	diag_t d;
	s.bytes[24] = (unsigned char)globals_eof; /* the first BOUNDSHEET's offset, to the EOF */
	ck_assert_uint_lt(globals_eof, 256);
	ck_assert_int_eq(parse(&f, &s, s.n, &d), -1);
	char said[128];
	snprintf(said, sizeof said, "the record at byte %zu of the workbook stream is not the "
		 "start of a sheet, where the workbook says one starts", globals_eof);
	ck_assert_str_eq(d.text, said);
	xls_formulas_release(&f);
}
END_TEST

/* A sheet said to start past the stream's end: the one before it may not
 * run on to there. */
START_TEST(sheet_past_the_end_refused)
{
	struct stream s;
	workbook(&s);
	struct xls_formulas f;
	diag_t d;
	s.bytes[40] = 0x7F; /* the second BOUNDSHEET's offset: 0x7F00xx */
	ck_assert_int_eq(parse(&f, &s, s.n, &d), -1);
	ck_assert_ptr_nonnull(strstr(d.text, "is not the start of a sheet"));
	xls_formulas_release(&f);
}
END_TEST

/* Noise, and noise after a true start: refused or read, never a fault
 * (the sanitized build watches every read). */
START_TEST(noise_never_faults)
{
	struct stream s;
	workbook(&s);
	uint32_t seed = 20;
	for (int round = 0; round < 2000; round++) {
		size_t n = 1 + (size_t)round % 300, keep = round % 2 ? 20 : 0;
		unsigned char *noise = malloc(n + keep);
		memcpy(noise, s.bytes, keep);
		for (size_t i = keep; i < n + keep; i++) {
			seed = seed * 1103515245u + 12345u;
			noise[i] = (unsigned char)(seed >> 16);
		}
		struct xls_formulas f;
		diag_t d;
		int rc = xls_formulas_parse(&f, noise, n + keep, &d);
		ck_assert(rc == 0 || rc == -1);
		xls_formulas_release(&f);
		free(noise);
	}
}
END_TEST

Suite *xls_formulas_suite(void)
{
	Suite *s = suite_create("xls_formulas");
	TCase *tc = tcase_create("xls_formulas");
	tcase_add_test(tc, values_saved_with_formulas);
	tcase_add_test(tc, truncated_stream_refused);
	tcase_add_test(tc, sheet_not_where_the_workbook_says_refused);
	tcase_add_test(tc, sheet_past_the_end_refused);
	tcase_add_test(tc, noise_never_faults);
	suite_add_tcase(s, tc);
	return s;
}
