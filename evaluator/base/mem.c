/* mem: allocation that never fails, tuned for province-scale work.
 * madvise(MADV_HUGEPAGE) is Linux's, outside POSIX. */
#define _DEFAULT_SOURCE
#include "mem.h"

#include <malloc.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

/* Ends assay with an error, not a signal: a file too large for the memory
 * there is (a limit set with ulimit -v) is an input error like another. */
void out_of_memory(void)
{
	fputs("assay: out of memory\n", stderr);
	_exit(1);
}

/* Touching fresh memory costs a page fault per 4 KiB page, which at
 * province scale (a million unit-indicator items) is most of the time. A
 * block this large asks to be backed by 2 MiB pages where the kernel has
 * transparent huge pages: a fault per 2 MiB instead. The advice covers the
 * block's whole pages, which for a block the allocator mapped on its own is
 * its whole mapping: one region, which realloc can still move with mremap
 * rather than copy. */
#define SMALL_PAGE ((uintptr_t)4 << 10)
#define HUGE_BLOCK ((size_t)8 << 20)

static void *advise_huge_pages(void *p, size_t n)
{
#ifdef MADV_HUGEPAGE
	if (n >= HUGE_BLOCK) {
		uintptr_t start = (uintptr_t)p & ~(SMALL_PAGE - 1);
		uintptr_t end = ((uintptr_t)p + n + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
		(void)madvise((void *)start, end - start, MADV_HUGEPAGE); /* advice only */
	}
#endif
	return p;
}

/* The heap grows by this much at a time (glibc's default is 128 KiB), and
 * each growth is advised to be backed by 2 MiB pages like the large blocks
 * above: loading a plan of a million targets otherwise grows it in a
 * hundred small steps and faults its small blocks in 4 KiB at a time. */
#define HEAP_STEP ((size_t)32 << 20)

/* The heap's end when last seen; 0: not tuned. Atomic: a saved run's
 * scorecards are rendered in threads (runs/run_fill.c). */
static _Atomic uintptr_t heap_advised;

void memory_setup(void)
{
#ifdef M_TOP_PAD
	if (mallopt(M_TOP_PAD, (int)HEAP_STEP) == 1)
		heap_advised = ((uintptr_t)sbrk(0) + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
#endif
}

/* Advises what the heap grew by since the last call, and follows it down
 * when free gave memory back, so that growing again is advised too.
 * sbrk(0) reads a variable: no system call. */
static void advise_heap_growth(void)
{
#ifdef MADV_HUGEPAGE
	uintptr_t advised = atomic_load_explicit(&heap_advised, memory_order_relaxed);
	if (!advised)
		return;
	uintptr_t end = (uintptr_t)sbrk(0);
	if (end > advised)
		(void)madvise((void *)advised, end - advised, MADV_HUGEPAGE);
	uintptr_t next = (end + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
	if (next != advised)
		atomic_store_explicit(&heap_advised, next, memory_order_relaxed);
#endif
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		out_of_memory();
	advise_heap_growth();
	return advise_huge_pages(p, n);
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	advise_heap_growth();
	return advise_huge_pages(p, n * size);
}

void *xcalloc_sparse(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		out_of_memory();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		out_of_memory();
	advise_heap_growth();
	return advise_huge_pages(p, n);
}

void memory_forget(void *p, size_t n)
{
	uintptr_t from = (uintptr_t)p, to = from + n;
	uintptr_t start = (from + SMALL_PAGE - 1) & ~(SMALL_PAGE - 1);
	uintptr_t end = to & ~(SMALL_PAGE - 1);
	if (end <= start) {
		memset(p, 0, n);
		return;
	}
	memset(p, 0, start - from);
	memset((void *)end, 0, to - end);
	/* a private mapping's pages given back read as zero when touched again */
	if (madvise((void *)start, end - start, MADV_DONTNEED) != 0)
		memset((void *)start, 0, end - start);
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
