/* names: ids and names: which text is an id, and the nearest name to a
 * likely typo. */
#ifndef ASSAY_NAMES_H
#define ASSAY_NAMES_H

#include <stdbool.h>
#include <stddef.h>

/* The candidate closest to `word` by edit distance, if close enough to be a
 * likely typo; NULL otherwise. */
const char *nearest_name(const char *word, const char *const *cands, size_t n);

/* Whether s is a valid id: ASCII letters, digits, '_' and '-'. */
bool is_valid_id(const char *s);

#endif
