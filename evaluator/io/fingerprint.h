/* fingerprint: the SHA-256 of a file or a text (nettle), as 64 hex digits,
 * so that a saved run records exactly which plan, rules, parameters and
 * figures made it, and a later run can tell whether any of them changed. */
#ifndef ASSAY_FINGERPRINT_H
#define ASSAY_FINGERPRINT_H

#include <stddef.h>

#include "diag.h"

/* 64 hex digits and the NUL. */
#define FINGERPRINT_HEX 65
/* How many digits a listing shows: enough to tell runs apart by eye. */
#define FINGERPRINT_SHORT 8

void fingerprint_bytes(const void *data, size_t len, char out[FINGERPRINT_HEX]);
/* The same a piece at a time, for a text never held whole: begin, add
 * each piece, end (which frees the fingerprinter). */
struct fingerprinter;
struct fingerprinter *fingerprint_begin(void);
void fingerprint_add(struct fingerprinter *f, const void *data, size_t len);
void fingerprint_end(struct fingerprinter *f, char out[FINGERPRINT_HEX]);
/* The fingerprint of the file's bytes; -1 with d set when it cannot be read. */
int fingerprint_file(const char *path, char out[FINGERPRINT_HEX], diag_t *d);

#endif
