/* path: joining and tidying file paths lexically, for messages that show
 * the path a person would type ("rules/x.lua", not "plans/../rules/x.lua"). */
#ifndef ASSAY_PATH_H
#define ASSAY_PATH_H

/* The directory part of path ("." when there is none); caller frees. */
char *path_dirname(const char *path);
/* rel resolved against dir, with "." and ".." folded; caller frees. An
 * absolute rel is returned tidied but otherwise as it is. */
char *path_join(const char *dir, const char *rel);
/* The last component of path (borrowed, inside path). */
const char *path_basename(const char *path);
/* Whether the file ends in ext (".csv"), ignoring case. */
int path_has_ext(const char *path, const char *ext);
/* Whether path, its links followed, is the folder dir or lies under it
 * (its links followed too): 1 yes, 0 no, -1 when either does not exist. */
int path_within(const char *path, const char *dir);
/* Whether path is a regular file (links followed), not a folder, a
 * device or a pipe. */
int path_is_file(const char *path);
/* Whether path is a folder (links followed). */
int path_is_folder(const char *path);

/* Keeps argv[0], for path_of_program where the system does not say which
 * file is running; once, at start-up. */
void path_program_started(const char *argv0);
/* The file the running program was started from, its links followed
 * (/proc/self/exe, else argv[0] with a '/' as it is, else found along
 * $PATH); NULL when it cannot be told. Caller frees. */
char *path_of_program(void);

#endif
