#include "progress.h"

#include <stdio.h>
#include <unistd.h>

#define BAR_WIDTH 30

bool progress_wanted(bool quiet)
{
	return !quiet && isatty(STDERR_FILENO);
}

static void draw(struct progress *p, int percent)
{
	char bar[BAR_WIDTH + 1];
	int filled = percent * BAR_WIDTH / 100;
	for (int i = 0; i < BAR_WIDTH; i++)
		bar[i] = i < filled ? '#' : '.';
	bar[BAR_WIDTH] = '\0';
	/* \r back to the line's start, \033[K clears what a longer line left */
	fprintf(stderr, "\r\033[K%s [%s] %3d%% (%zu/%zu)", p->what, bar, percent, p->done, p->total);
	fflush(stderr);
	p->drawn = percent;
}

void progress_begin(struct progress *p, const char *what, size_t total, bool show)
{
	*p = (struct progress){.shown = show, .what = what, .total = total, .drawn = -1};
	if (show)
		draw(p, 0);
}

/* n more steps done; redraws when the percentage changed. */
static void progress_advance(struct progress *p, size_t n)
{
	p->done += n;
	if (p->done > p->total)
		p->done = p->total;
	int percent = p->total ? (int)(p->done * 100 / p->total) : 100;
	if (p->shown && percent != p->drawn)
		draw(p, percent);
}

void progress_tick(void *p)
{
	progress_advance(p, 1);
}

void progress_end(struct progress *p)
{
	if (p->shown)
		fputs("\r\033[K", stderr);
	fflush(stderr);
	p->shown = false;
}
