/* The Excel workbook figure reader (libzip, expat) on any bytes. */
#include "fuzz_figures.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_figures(data, size, ".xlsx");
	return 0;
}
