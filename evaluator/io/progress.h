/* progress: a progress bar on stderr for long imports and scoring runs,
 * drawn only on a terminal, so that logs and pipes never see it. */
#ifndef ASSAY_PROGRESS_H
#define ASSAY_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>

struct progress {
	bool shown;             /* drawing on stderr */
	const char *what;       /* "scoring", borrowed */
	size_t done, total;
	int drawn;              /* the percentage last drawn; -1: nothing yet */
};

/* Whether a bar should be drawn: stderr is a terminal and not --quiet. */
bool progress_wanted(bool quiet);
/* Starts a bar for `total` steps; draws nothing unless `show`. */
void progress_begin(struct progress *p, const char *what, size_t total, bool show);
/* One step done; the shape the engine and the readers call back. */
void progress_tick(void *p);
/* Clears the bar's line, so that what follows starts on a clean one. */
void progress_end(struct progress *p);

#endif
