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

static void step_release(struct trace_step *s)
{
	for (size_t i = 0; i < s->nvalues; i++)
		value_release(&s->values[i]);
	free(s->values);
	free(s->function);
	free(s->made_at);
	free(s->text);
}

void trace_release(struct trace *t)
{
	for (size_t k = 0; k < t->nsteps; k++)
		step_release(&t->steps[k]);
	free(t->steps);
	trace_init(t, -1);
}

static bool at_stage(const struct trace_step *s, const char *const *stages)
{
	for (; *stages; stages++)
		if (s->item < 0 && s->stage && strcmp(s->stage, *stages) == 0)
			return true;
	return false;
}

void trace_forget(struct trace *t, int unit, const char *const *stages)
{
	size_t kept = 0;
	if (unit != t->unit)
		return;
	for (size_t k = 0; k < t->nsteps; k++)
		if (at_stage(&t->steps[k], stages))
			step_release(&t->steps[k]);
		else
			t->steps[kept++] = t->steps[k];
	t->nsteps = kept;
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
