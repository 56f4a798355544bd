#include <stdlib.h>

#include "unit.h"

const char *unit_root(void)
{
	const char *root = getenv("ROOT");
	return root && *root ? root : ".";
}

int main(void)
{
	SRunner *runner = srunner_create(text_suite());
	srunner_add_suite(runner, period_suite());
	srunner_add_suite(runner, table_suite());
	srunner_add_suite(runner, plan_suite());
	srunner_add_suite(runner, host_suite());
	srunner_add_suite(runner, xlsx_suite());
	srunner_add_suite(runner, output_suite());
	srunner_add_suite(runner, fingerprint_suite());
	srunner_add_suite(runner, schedule_suite());
	srunner_add_suite(runner, json_suite());
	srunner_add_suite(runner, figure_row_suite());
	srunner_add_suite(runner, yaml_doc_suite());
	srunner_add_suite(runner, readings_suite());
	srunner_add_suite(runner, engine_suite());
	srunner_add_suite(runner, store_suite());
	srunner_add_suite(runner, rundiff_suite());
	srunner_add_suite(runner, lint_suite());
	srunner_add_suite(runner, render_suite());
	srunner_add_suite(runner, packed_suite());
	srunner_add_suite(runner, lang_suite());
	srunner_add_suite(runner, csv_rows_suite());
	srunner_add_suite(runner, plan_cache_suite());
	srunner_add_suite(runner, file_texts_suite());
	srunner_add_suite(runner, xls_formulas_suite());
	srunner_run_all(runner, CK_ENV);
	int failed = srunner_ntests_failed(runner);
	srunner_free(runner);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
