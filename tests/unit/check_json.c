#include <math.h>
#include <string.h>

#include "json.h"
#include "unit.h"

START_TEST(strings_are_escaped_and_utf8_kept)
{
	struct sbuf out = {0};
	json_string(&out, "红灯：\"x\"\\\n\t\x01");
	ck_assert_str_eq(sbuf_str(&out), "\"红灯：\\\"x\\\"\\\\\\n\\t\\u0001\"");
	sbuf_release(&out);
}
END_TEST

START_TEST(fields_are_comma_separated_and_nan_is_null)
{
	struct sbuf out = {0};
	sbuf_addc(&out, '{');
	json_str_field(&out, "a", "x", true);
	json_num_field(&out, "b", 89.125, 2);
	json_num_field(&out, "c", 0.1, -1);
	json_num_field(&out, "d", NAN, 2);
	json_str_or_null(&out, "e", NULL, false);
	json_bool_field(&out, "f", true, false);
	sbuf_addc(&out, '}');
	ck_assert_str_eq(sbuf_str(&out), "{\"a\":\"x\",\"b\":89.13,\"c\":0.1,\"d\":null,\"e\":null,\"f\":true}");
	sbuf_release(&out);
}
END_TEST

Suite *json_suite(void)
{
	Suite *s = suite_create("json");
	TCase *tc = tcase_create("json");
	tcase_add_test(tc, strings_are_escaped_and_utf8_kept);
	tcase_add_test(tc, fields_are_comma_separated_and_nan_is_null);
	suite_add_tcase(s, tc);
	return s;
}
