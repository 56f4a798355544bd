/* csv_rows: text without quotes or control characters is split by hand,
 * anything else by libcsv; both must give the same rows, fields and
 * lines. Each case is read as it is (by hand) and with a last row whose
 * quoted field sends the whole text to libcsv; the rows before it must be
 * the same. */
#include <stdlib.h>
#include <string.h>

#include "csv_rows.h"
#include "sbuf.h"
#include "unit.h"

/* Each row as "line:field|field|...\n". */
static int collect(void *ctx, const char *const *fields, size_t n, size_t row, int line)
{
	(void)row;
	struct sbuf *out = ctx;
	sbuf_addf(out, "%d:", line);
	for (size_t k = 0; k < n; k++)
		sbuf_addf(out, "%s%s", k ? "|" : "", fields[k]);
	sbuf_addc(out, '\n');
	return 0;
}

static char *rows_of(const char *text, char sep, long *nrows, diag_t *d)
{
	struct sbuf out = {0};
	*nrows = csv_rows_read("t.csv", text, strlen(text), sep, collect, &out, d);
	return sbuf_detach(&out);
}

/* text's rows split by hand equal libcsv's, and equal want. */
static void same_rows(const char *text, char sep, const char *want)
{
	diag_t d;
	long n, n_quoted;
	char *plain = rows_of(text, sep, &n, &d);
	ck_assert_str_eq(plain, want);
	struct sbuf quoted = {0};
	sbuf_addf(&quoted, "%s\n\"q\"%cq", text, sep);
	char *by_libcsv = rows_of(sbuf_str(&quoted), sep, &n_quoted, &d);
	ck_assert_int_eq(n_quoted, n + 1);
	char *last = strrchr(by_libcsv, ':');      /* the added row's */
	while (last > by_libcsv && last[-1] != '\n')
		last--;
	*last = '\0';
	ck_assert_str_eq(by_libcsv, plain);
	free(plain);
	free(by_libcsv);
	sbuf_release(&quoted);
}

START_TEST(fields_are_trimmed_and_blank_rows_skipped)
{
	same_rows("unit,value\n a , 1 \n\n  \nb,\t2\t\n", ',', "1:unit|value\n2:a|1\n5:b|2\n");
}
END_TEST

START_TEST(crlf_and_cr_end_rows)
{
	same_rows("unit,value\r\na,1\r\n\r\nb,2", ',', "1:unit|value\n2:a|1\n4:b|2\n");
	same_rows("unit,value\ra,1\rb,2\r", ',', "1:unit|value\n1:a|1\n1:b|2\n");
}
END_TEST

START_TEST(empty_fields_are_kept)
{
	same_rows("unit,value\n,\na,\n,b\n", ',', "1:unit|value\n2:|\n3:a|\n4:|b\n");
	same_rows("unit,value\na,", ',', "1:unit|value\n2:a|\n");
}
END_TEST

START_TEST(tabs_separate_and_are_not_trimmed)
{
	same_rows("unit\tvalue\n a \t1\n\t\n", '\t', "1:unit|value\n2:a|1\n3:|\n");
}
END_TEST

START_TEST(chinese_text_and_a_missing_field)
{
	diag_t d;
	long n;
	char *rows = rows_of("单位,目标\n区商务局, 7000\n区科技局\n", ',', &n, &d);
	ck_assert_int_eq(n, -1);
	ck_assert_str_eq(d.text, "t.csv:3:2: this row has 1 fields, the header has 2: every row "
			 "needs one field per column (quote a field that holds a ',')");
	ck_assert_str_eq(rows, "1:单位|目标\n2:区商务局|7000\n");
	free(rows);
}
END_TEST

Suite *csv_rows_suite(void)
{
	Suite *s = suite_create("csv_rows");
	TCase *tc = tcase_create("csv_rows");
	tcase_add_test(tc, fields_are_trimmed_and_blank_rows_skipped);
	tcase_add_test(tc, crlf_and_cr_end_rows);
	tcase_add_test(tc, empty_fields_are_kept);
	tcase_add_test(tc, tabs_separate_and_are_not_trimmed);
	tcase_add_test(tc, chinese_text_and_a_missing_field);
	suite_add_tcase(s, tc);
	return s;
}
