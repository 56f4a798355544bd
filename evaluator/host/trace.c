#include "trace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mem.h"

void trace_init(struct trace *t, int unit)
{
	memset(t, 0, sizeof *t);
	t->unit = unit;
	t->item = -1;
}

static void value_release(struct trace_value *v)
{
	free(v->name);
	free(v->text);
}

void trace_release(struct trace *t)
{
	for (size_t k = 0; k < t->nsteps; k++) {
		struct trace_step *s = &t->steps[k];
		for (size_t i = 0; i < s->nvalues; i++)
			value_release(&s->values[i]);
		free(s->values);
		free(s->function);
		free(s->made_at);
		free(s->text);
	}
	free(t->steps);
	trace_init(t, -1);
}

void trace_enter(struct trace *t, int unit, long item, const char *stage)
{
	t->on = unit == t->unit;
	t->item = item;
	t->stage = stage;
}

struct trace_step *trace_add(struct trace *t, const char *function, const char *made_at,
			     const char *text)
{
	if (!t || !t->on)
		return NULL;
	if (t->nsteps == t->cap)
		t->steps = xrealloc(t->steps, (t->cap = t->cap ? 2 * t->cap : 16) * sizeof *t->steps);
	struct trace_step *s = &t->steps[t->nsteps++];
	*s = (struct trace_step){
		.item = t->item, .stage = t->stage, .function = xstrdup(function),
		.made_at = made_at && *made_at ? xstrdup(made_at) : NULL, .text = xstrdup(text)};
	return s;
}

static struct trace_value *new_value(struct trace_step *s, const char *name,
				     enum trace_kind kind)
{
	s->values = xrealloc(s->values, (s->nvalues + 1) * sizeof *s->values);
	struct trace_value *v = &s->values[s->nvalues++];
	*v = (struct trace_value){.name = xstrdup(name), .kind = kind};
	return v;
}

void trace_number(struct trace_step *s, const char *name, double v)
{
	if (s)
		new_value(s, name, TRACE_NUMBER)->number = v;
}

void trace_bool(struct trace_step *s, const char *name, bool v)
{
	if (s)
		new_value(s, name, TRACE_BOOL)->number = v;
}

void trace_text(struct trace_step *s, const char *name, const char *v)
{
	if (s)
		new_value(s, name, TRACE_TEXT)->text = xstrdup(v);
}

void trace_nil(struct trace_step *s, const char *name)
{
	if (s)
		new_value(s, name, TRACE_NIL);
}
