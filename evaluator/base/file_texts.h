/* file_texts: the texts of the files a command read, and texts standing in
 * for files. A saved run keeps the texts of the files it was scored from
 * (its plan, its rule files and the modules they require, its targets
 * tables), as they were read, so that its report is made from them months
 * later whatever the files hold then. Both are the process's: a command
 * turns one on, once, before it loads a plan; sbuf_read_file (sbuf.h)
 * records what it reads, or reads the text standing in. Paths are matched
 * made absolute (joined to the working directory), not resolved. */
#ifndef ASSAY_FILE_TEXTS_H
#define ASSAY_FILE_TEXTS_H

#include <stdbool.h>
#include <stddef.h>

#include "sbuf.h"

/* From now on, every file sbuf_read_file reads is kept, once by path. */
void file_texts_record(void);
/* Keeps the text read from path, when recording and not kept yet. */
void file_texts_note(const char *path, const char *text, size_t len);
/* The texts kept, in the order first read (the plan file first), appended
 * to out: a file each, "PATH\tLENGTH\n", its LENGTH bytes, then "\n". */
void file_texts_bundle(struct sbuf *out);

/* From now on, the texts of bundle (as file_texts_bundle made it; copied)
 * stand in for their files; -1 when it is damaged. */
int file_texts_stand_in(const char *bundle, size_t len);
/* The path (made absolute) of the first text standing in: the plan file;
 * NULL when none stands in. */
const char *file_texts_first(void);
/* The text standing in for path, and its length; NULL when none does. */
const char *file_texts_find(const char *path, size_t *len);
/* Whether path can be read: a text stands in for it, or the file is
 * readable. */
bool file_texts_readable(const char *path);
/* Whether texts are being recorded or stand in for files: then what is
 * read must be the files' own texts (or those standing in), never a copy
 * made from other files, such as a plan's compiled form. */
bool file_texts_active(void);
/* Lets go of every text kept or standing in. */
void file_texts_release(void);

#endif
