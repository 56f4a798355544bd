/* The Check suites of assay's modules, one per file, run by main.c. */
#ifndef ASSAY_UNIT_H
#define ASSAY_UNIT_H

#include <check.h>

Suite *text_suite(void);
Suite *period_suite(void);
Suite *table_suite(void);
Suite *plan_suite(void);
Suite *host_suite(void);
Suite *xlsx_suite(void);
Suite *output_suite(void);
Suite *fingerprint_suite(void);
Suite *schedule_suite(void);
Suite *json_suite(void);
Suite *figure_row_suite(void);
Suite *yaml_doc_suite(void);

/* The directory of this checkout (from $ROOT, else the working directory). */
const char *unit_root(void);

#endif
