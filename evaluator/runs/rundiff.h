/* rundiff: what differs between two runs of a plan (assay diff, assay
 * verify). What they were scored from: the plan file, each rule file, the
 * parameters and the figures, named from the fingerprints and the records
 * kept with them (a figure corrected, a rule file changed, a parameter
 * moved). What they gave: who moved up or down each peer group's ranking
 * and by how much, whose lights changed, who entered or left the
 * commendation and red-light lists. */
#ifndef ASSAY_RUNDIFF_H
#define ASSAY_RUNDIFF_H

#include <stdbool.h>

#include "run.h"
#include "sbuf.h"

/* Appends a line for each of the plan, the rules, the parameters and the
 * figures ("  rules: rules/x.lua changed (1a2b3c4d → 5e6f7a8b)", then the
 * figures corrected, one a line); returns how many of the four differ. */
int rundiff_inputs(const struct run *a, const struct run *b, struct sbuf *out);

/* Appends the ranking moves, the lights that changed and the entries and
 * exits of the verdict lists, as tables and lines; with `every`, also the
 * totals, figures and scores that changed. Returns whether anything
 * differs. */
bool rundiff_results(const struct run *a, const struct run *b, bool every, struct sbuf *out);

#endif
