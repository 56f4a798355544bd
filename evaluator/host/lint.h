/* lint: what assay check warns about in a plan's rules beyond what the
 * host notes while loading them (globals that are no rule, rules never
 * asked, rules set to nil): weights that do not add up to the full marks
 * the plan declares, and verdicts no unit can reach. Every warning states
 * a fact the plan and the rules prove; where the rules are the rule
 * file's own Lua, which assay cannot see into, nothing is said. */
#ifndef ASSAY_LINT_H
#define ASSAY_LINT_H

#include "host.h"
#include "plan.h"
#include "sbuf.h"

/* Appends "rules/x.lua:12: warning: ...\n" lines to out. */
void lint_rules(const struct plan *plan, const struct host *h, struct sbuf *out);

#endif
