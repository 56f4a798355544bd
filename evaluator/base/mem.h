/* mem: allocation that never returns NULL: out of memory ends the
 * process. */
#ifndef ASSAY_MEM_H
#define ASSAY_MEM_H

#include <stddef.h>

/* Ends assay with "assay: out of memory" and exit code 1, not a signal:
 * for a library's allocation that failed as xmalloc's would. */
_Noreturn void out_of_memory(void);
/* Tunes the allocator for assay's work, once at start-up. */
void memory_setup(void);
/* Allocation that never returns NULL: out of memory ends the process. */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
/* xcalloc for a block of which only scattered parts will be touched:
 * never backed by huge pages, which would fault in all of it. */
void *xcalloc_sparse(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Zeroes the n bytes at p, giving the whole pages among them back to the
 * system: the block stays allocated, and its pages are taken again only
 * when they are written. For a large block used a part at a time. */
void memory_forget(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
