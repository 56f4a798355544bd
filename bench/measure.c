/* measure: runs a command and writes its wall time in seconds and its peak
 * resident memory in KiB ("0.123456 45678") to RESULT; fails when the
 * command fails. `-o FILE` sends the command's stdout to FILE.
 *
 *   measure RESULT [-o FILE] COMMAND [ARG...]
 */
#define _POSIX_C_SOURCE 200809L
#define _DEFAULT_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	const char *out = NULL;
	int first = 2;
	if (argc > 3 && strcmp(argv[2], "-o") == 0) {
		out = argv[3];
		first = 4;
	}
	if (first >= argc) {
		fprintf(stderr, "usage: measure RESULT [-o FILE] COMMAND [ARG...]\n");
		return 2;
	}
	double start = now();
	pid_t pid = fork();
	if (pid == 0) {
		if (out) {
			int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644);
			if (fd < 0 || dup2(fd, 1) < 0) {
				perror(out);
				_exit(127);
			}
		}
		execvp(argv[first], argv + first);
		perror(argv[first]);
		_exit(127);
	}
	int status;
	struct rusage usage;
	if (pid < 0 || wait4(pid, &status, 0, &usage) < 0) {
		perror("measure");
		return 1;
	}
	double wall = now() - start;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "measure: %s failed (status %d)\n", argv[first], status);
		return 1;
	}
	FILE *result = fopen(argv[1], "w");
	if (!result || fprintf(result, "%.6f %ld\n", wall, usage.ru_maxrss) < 0 || fclose(result) != 0) {
		perror(argv[1]);
		return 1;
	}
	return 0;
}
