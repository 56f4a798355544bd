/* The figure readers on any bytes, checked against the mini test plan. */
#ifndef ASSAY_FUZZ_FIGURES_H
#define ASSAY_FUZZ_FIGURES_H

#include <stddef.h>
#include <stdint.h>

/* Reads data as a figures file with extension ext (".csv", ".yaml"). */
void fuzz_figures(const uint8_t *data, size_t size, const char *ext);

#endif
