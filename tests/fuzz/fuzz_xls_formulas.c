/* The .xls formula walker (xls_formulas.c) on any workbook stream: the
 * BIFF records of a file an office sent, of whatever lengths. */
#include <stddef.h>
#include <stdint.h>

#include "xls_formulas.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct xls_formulas f;
	diag_t d;
	xls_formulas_parse(&f, data, size, &d);
	for (size_t i = 0; i < f.nsheets; i++)
		for (size_t k = 0; k < f.sheets[i].n; k++)
			xls_formula_at(&f, i, f.sheets[i].cells[k].row, f.sheets[i].cells[k].col);
	xls_formulas_release(&f);
	return 0;
}
