#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "file_texts.h"
#include "path.h"
#include "sbuf.h"
#include "unit.h"

static const struct file_bound bound = {"test file", 1024, NULL};

static char *read_text(const char *path)
{
	struct sbuf b = {0};
	diag_t d;
	ck_assert_int_eq(sbuf_read_file(&b, path, &bound, &d), 0);
	return sbuf_detach(&b);
}

/* A file read while recording is kept as it was read, once; its text then
 * stands in for it, though the file changes and goes. */
START_TEST(a_recorded_text_stands_in_for_its_file)
{
	char dir[] = "/tmp/assay-texts-XXXXXX";
	ck_assert_ptr_nonnull(mkdtemp(dir));
	char *plan = unit_write_file(dir, "plan.yaml", "id: a\n");
	char *rules = unit_write_file(dir, "rules.lua", "weights {}\n");
	file_texts_record();
	free(read_text(plan));
	free(read_text(rules));
	free(read_text(plan));
	struct sbuf bundle = {0};
	file_texts_bundle(&bundle);
	struct sbuf expected = {0};
	sbuf_addf(&expected, "%s\t6\nid: a\n\n%s\t11\nweights {}\n\n", plan, rules);
	ck_assert_str_eq(sbuf_str(&bundle), sbuf_str(&expected));
	file_texts_release();

	free(unit_write_file(dir, "plan.yaml", "id: b\n"));
	ck_assert_int_eq(unlink(rules), 0);
	ck_assert_int_eq(file_texts_stand_in(sbuf_str(&bundle), bundle.len), 0);
	ck_assert_str_eq(file_texts_first(), plan);
	char *text = read_text(plan);
	ck_assert_str_eq(text, "id: a\n");
	free(text);
	text = read_text(rules);
	ck_assert_str_eq(text, "weights {}\n");
	free(text);
	ck_assert(file_texts_readable(rules));
	ck_assert_int_eq(path_within(rules, "/nowhere"), 1);
	file_texts_release();
	ck_assert(!file_texts_readable(rules));
	ck_assert_ptr_null(file_texts_first());
	unlink(plan);
	rmdir(dir);
	free(plan);
	free(rules);
	sbuf_release(&bundle);
	sbuf_release(&expected);
}
END_TEST

/* A bundle whose lengths or separators are wrong stands in for nothing. */
START_TEST(a_damaged_bundle_is_refused)
{
	static const char *const damaged[] = {"/a\t7\nid: a\n\n", "/a\tx\nid\n", "/a\t2\nidX",
					      "/a\t2\nid", "/a 2\nid\n"};
	for (size_t k = 0; k < sizeof damaged / sizeof *damaged; k++) {
		ck_assert_int_eq(file_texts_stand_in(damaged[k], strlen(damaged[k])), -1);
		ck_assert_ptr_null(file_texts_first());
		file_texts_release();
	}
	ck_assert_int_eq(file_texts_stand_in("", 0), 0);
	ck_assert_ptr_null(file_texts_first());
	file_texts_release();
}
END_TEST

Suite *file_texts_suite(void)
{
	Suite *s = suite_create("file_texts");
	TCase *tc = tcase_create("file_texts");
	tcase_add_test(tc, a_recorded_text_stands_in_for_its_file);
	tcase_add_test(tc, a_damaged_bundle_is_refused);
	suite_add_tcase(s, tc);
	return s;
}
