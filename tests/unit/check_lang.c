/* The reader's language: how it is named, how the locale and the stronger
 * sources choose it, and the catalog's Chinese (found beside the test
 * binary, in the build tree, as beside assay). Each test leaves English
 * chosen at the strongest source, as the other suites read English. */
#include <stdlib.h>

#include "lang.h"
#include "unit.h"

static void back_to_english(void)
{
	lang_choose(LANG_EN, LANG_BY_OPTION);
}

START_TEST(names_of_languages)
{
	enum lang lang = LANG_EN;
	ck_assert_int_eq(lang_parse("zh", &lang), 0);
	ck_assert_int_eq(lang, LANG_ZH);
	ck_assert_int_eq(lang_parse("en", &lang), 0);
	ck_assert_int_eq(lang, LANG_EN);
	ck_assert_int_eq(lang_parse("zh_CN.UTF-8", &lang), 0);
	ck_assert_int_eq(lang, LANG_ZH);
	ck_assert_int_eq(lang_parse("zh-CN", &lang), 0);
	ck_assert_int_eq(lang_parse("en_GB", &lang), 0);
	ck_assert_int_eq(lang, LANG_EN);
	ck_assert_int_eq(lang_parse("fr", &lang), -1);
	ck_assert_int_eq(lang_parse("zhx", &lang), -1);
	ck_assert_int_eq(lang_parse("", &lang), -1);
}
END_TEST

START_TEST(locale_variables_in_order)
{
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	unsetenv("LANG");
	ck_assert_int_eq(lang_of_locale(), LANG_EN);
	setenv("LANG", "zh_CN.UTF-8", 1);
	ck_assert_int_eq(lang_of_locale(), LANG_ZH);
	setenv("LC_MESSAGES", "C", 1);
	ck_assert_int_eq(lang_of_locale(), LANG_EN);
	setenv("LC_ALL", "zh_TW.UTF-8", 1);
	ck_assert_int_eq(lang_of_locale(), LANG_ZH);
	setenv("LC_ALL", "", 1);
	ck_assert_int_eq(lang_of_locale(), LANG_EN);
	unsetenv("LC_ALL");
	unsetenv("LC_MESSAGES");
	setenv("LANG", "C.UTF-8", 1);
}
END_TEST

START_TEST(stronger_sources_win)
{
	back_to_english();
	lang_choose(LANG_ZH, LANG_BY_PLAN);
	ck_assert_int_eq(lang_current(), LANG_EN);
	lang_choose(LANG_ZH, LANG_BY_OPTION);
	ck_assert_int_eq(lang_current(), LANG_ZH);
	ck_assert_str_eq(lang_tag(), "zh-CN");
	lang_choose(LANG_EN, LANG_BY_LOCALE);
	ck_assert_int_eq(lang_current(), LANG_ZH);
	back_to_english();
	ck_assert_int_eq(lang_current(), LANG_EN);
	ck_assert_str_eq(lang_tag(), "en");
}
END_TEST

START_TEST(chinese_from_the_catalog)
{
	char *dir = lang_catalog_dir();
	ck_assert_msg(dir != NULL, "no catalog beside the test binary (build/locale)");
	free(dir);
	lang_choose(LANG_ZH, LANG_BY_OPTION);
	ck_assert_str_eq(_("red light"), "亮灯督促");
	ck_assert_str_eq(_(" · rank %d of %d"), " · 排名 第%d名/共%d名");
	/* the same word, read apart in its context */
	ck_assert_str_eq(_("unit"), "单位");
	ck_assert_str_eq(tr_in("template column", "unit"), "单位代码");
	/* what the catalog lacks stays as written */
	ck_assert_str_eq(_("no such message"), "no such message");
	ck_assert_str_eq(tr_in("template column", "no such column"), "no such column");
	ck_assert_str_eq(_(""), "");
	back_to_english();
	ck_assert_str_eq(_("red light"), "red light");
	ck_assert_str_eq(tr_in("template column", "unit"), "unit");
}
END_TEST

Suite *lang_suite(void)
{
	Suite *s = suite_create("lang");
	TCase *tc = tcase_create("lang");
	tcase_add_test(tc, names_of_languages);
	tcase_add_test(tc, locale_variables_in_order);
	tcase_add_test(tc, stronger_sources_win);
	tcase_add_test(tc, chinese_from_the_catalog);
	suite_add_tcase(s, tc);
	return s;
}
