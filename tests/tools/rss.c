/*
 * rss.c - run a command and print its wall time and peak resident set
 * size: "seconds maxrss_kib".  A tiny parent, so the child's peak is its
 * own and not inherited from a large interpreter that forked it.
 *   rss [-o OUTFILE] command [arg ...]     (stdout of the command to
 *   OUTFILE, /dev/null by default)
 */
#define _GNU_SOURCE
#include <err.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int
main(int argc, char **argv)
{
	const char *out = "/dev/null";
	struct timespec t0, t1;
	struct rusage ru;
	int status, fd;
	pid_t pid;

	if (argc > 2 && strcmp(argv[1], "-o") == 0) {
		out = argv[2];
		argv += 2;
		argc -= 2;
	}
	if (argc < 2)
		errx(2, "usage: rss [-o file] command [arg ...]");
	clock_gettime(CLOCK_MONOTONIC, &t0);
	if ((pid = fork()) < 0)
		err(1, "fork");
	if (pid == 0) {
		if ((fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, 0644)) < 0)
			err(127, "%s", out);
		dup2(fd, STDOUT_FILENO);
		execvp(argv[1], argv + 1);
		err(127, "%s", argv[1]);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		err(1, "wait4");
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.6f %ld\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9, ru.ru_maxrss);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 1;
}
