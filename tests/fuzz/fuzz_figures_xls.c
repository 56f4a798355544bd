/* The Excel 97-2003 workbook figure reader (FreeXL) on any bytes. */
#include "fuzz_figures.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_figures(data, size, ".xls");
	return 0;
}
