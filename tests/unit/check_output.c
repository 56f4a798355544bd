#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "output.h"
#include "sbuf.h"
#include "unit.h"

static char dir[64];

static void make_dir(void)
{
	snprintf(dir, sizeof dir, "/tmp/assay-output-XXXXXX");
	ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

/* The directory's entries, sorted, joined by spaces. */
static char *entries(void)
{
	char cmd[128];
	struct sbuf out = {0};
	snprintf(cmd, sizeof cmd, "ls '%s' | tr '\\n' ' '", dir);
	FILE *p = popen(cmd, "r");
	char buf[256];
	size_t n;
	while ((n = fread(buf, 1, sizeof buf, p)) > 0)
		sbuf_addn(&out, buf, n);
	pclose(p);
	return sbuf_detach(&out);
}

START_TEST(replaces_the_file_whole)
{
	char path[128];
	struct sbuf text = {0};
	diag_t d;
	make_dir();
	snprintf(path, sizeof path, "%s/r.md", dir);
	FILE *f = fopen(path, "w");
	fputs("old and longer than the new text\n", f);
	fclose(f);
	ck_assert_int_eq(output_write(path, "new\n", 4, &d), 0);
	static const struct file_bound bound = {"report", 1024, NULL};
	ck_assert_int_eq(sbuf_read_file(&text, path, &bound, &d), 0);
	ck_assert_str_eq(sbuf_str(&text), "new\n");
	char *names = entries();
	ck_assert_str_eq(names, "r.md ");
	free(names);
	sbuf_release(&text);
	remove_dir();
}
END_TEST

START_TEST(abandoned_leaves_nothing)
{
	char path[128];
	struct output o;
	diag_t d;
	make_dir();
	snprintf(path, sizeof path, "%s/r.xlsx", dir);
	ck_assert_int_eq(output_begin(&o, path, &d), 0);
	ck_assert_int_eq(access(o.temp, F_OK), 0);
	output_abandon(&o);
	char *names = entries();
	ck_assert_str_eq(names, "");
	free(names);
	remove_dir();
}
END_TEST

START_TEST(new_file_takes_the_umask)
{
	char path[128];
	struct stat st;
	diag_t d;
	make_dir();
	snprintf(path, sizeof path, "%s/r.html", dir);
	mode_t old = umask(022);
	ck_assert_int_eq(output_write(path, "x", 1, &d), 0);
	umask(old);
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_eq(st.st_mode & 0777, 0644);
	remove_dir();
}
END_TEST

START_TEST(missing_directory_is_an_error)
{
	diag_t d;
	ck_assert_int_eq(output_write("/nonexistent/dir/r.html", "x", 1, &d), -1);
	ck_assert_str_eq(d.text, "unable to write '/nonexistent/dir/r.html': No such file or directory");
}
END_TEST

Suite *output_suite(void)
{
	Suite *s = suite_create("output");
	TCase *tc = tcase_create("output");
	tcase_add_test(tc, replaces_the_file_whole);
	tcase_add_test(tc, abandoned_leaves_nothing);
	tcase_add_test(tc, new_file_takes_the_umask);
	tcase_add_test(tc, missing_directory_is_an_error);
	suite_add_tcase(s, tc);
	return s;
}
