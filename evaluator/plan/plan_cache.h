/* plan_cache: the compiled form of a loaded plan, so that the next command
 * reads it in one go instead of walking the YAML and the tables again.
 *
 * One file per plan (as given, from the folder it was given in) in the
 * cache folder, never beside the plan: the loaded struct plan and all it
 * points to, in one block whose pointers are offsets while on disk. It is
 * used only while the SHA-256 fingerprints of the plan file and of every
 * file it read (plan.inputs) are those it was made from, by the same
 * program (its build and this format), and only whole: a header, its size
 * and a checksum are checked, or the plan is loaded from its files and
 * the compiled form made again. Nothing about it ever fails a command. */
#ifndef ASSAY_PLAN_CACHE_H
#define ASSAY_PLAN_CACHE_H

#include "plan.h"

/* Keep compiled plans in folder dir (made when first written); NULL: keep
 * none, the default. */
void plan_cache_use(const char *dir);

/* The plan at path from its compiled form: 0, or -1 when there is none
 * that can be used (plan untouched). */
int plan_cache_read(struct plan *plan, const char *path);
/* Gives back the block plan_cache_read put the plan in (plan.compiled). */
void plan_cache_release(void *compiled);
/* Writes the compiled form of plan, just loaded from path; quietly does
 * nothing when it cannot. */
void plan_cache_write(const struct plan *plan, const char *path);

/* The loader read file path (which the plan takes) as part of plan. */
void plan_note_input(struct plan *plan, char *path);

#endif
