/*
 * outfile.c - the output side every liq program shares: stdout, or -o FILE
 * written under a temporary name beside it and renamed on success, removed
 * on failure or on SIGINT/SIGTERM/SIGHUP, so a failed run never leaves a
 * half-written file under the name asked for.  A device, a fifo or a
 * symlink is written in place.  Up to four outputs may be open at once.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prog.h"

#define OUT_MAX 4
static char out_tmps[OUT_MAX][4096];	/* temporary names, "" when none */
static FILE *out_files[OUT_MAX];
/* files appended to (out_append): the size to cut back to on failure,
 * -1 for the others, and their descriptors for the signal handler */
static off_t out_sizes[OUT_MAX] = { -1, -1, -1, -1 };
static int out_fds[OUT_MAX];

static mode_t
out_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

static void
out_on_signal(int sig)
{
	for (int i = 0; i < OUT_MAX; i++) {
		if (out_tmps[i][0] != '\0')
			unlink(out_tmps[i]);
		if (out_sizes[i] >= 0 && ftruncate(out_fds[i], out_sizes[i]))
			continue;
	}
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Open the output: path NULL or "-" is stdout (binary output to a
 * terminal is refused unless text).  Exits 1 on failure, 2 for the
 * terminal case.
 */
FILE *
out_open(const char *path, int text)
{
	FILE *f;
	int fd, slot;
	char *out_tmp;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (!text && isatty(STDOUT_FILENO))
			errx(2, "refusing to write binary output to a "
			    "terminal: use -o FILE, a pipe, or --csv");
		return stdout;
	}
	for (slot = 0; slot < OUT_MAX && out_files[slot] != NULL; slot++)
		;
	if (slot == OUT_MAX)
		errx(2, "too many output files");
	// cppcheck-suppress arrayIndexOutOfBounds ; errx does not return
	out_tmp = out_tmps[slot];
	/* a device, a fifo or a symlink (-o /dev/null): write to it, never
	 * replace it */
	{
		struct stat st;

		/* lstat: a symlink (-o /dev/stdout) is written through too */
		if (lstat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
			if ((f = fopen(path, "w")) == NULL)
				err(1, "%s", path);
			out_tmp[0] = '\0';
			out_files[slot] = f;
			return f;
		}
	}
	if (snprintf(out_tmp, sizeof(out_tmps[0]), "%s.tmpXXXXXX", path) >=
	    (int)sizeof(out_tmps[0]))
		errx(2, "%s: name too long", path);
	signal(SIGINT, out_on_signal);
	signal(SIGTERM, out_on_signal);
	signal(SIGHUP, out_on_signal);
	if ((fd = mkstemp(out_tmp)) < 0) {
		out_tmp[0] = '\0';
		err(1, "%s", path);
	}
	if ((f = fdopen(fd, "w+")) == NULL) {
		unlink(out_tmp);
		err(1, "%s", path);
	}
	out_files[slot] = f;
	return f;
}

/*
 * Open the regular file path to append to: what is written goes after
 * its end, and a failure or a signal cuts it back to the size it had, so
 * a failed run leaves it as it was.  Exits 1 on failure.
 */
FILE *
out_append(const char *path)
{
	struct stat st;
	FILE *f;
	int slot;

	for (slot = 0; slot < OUT_MAX && out_files[slot] != NULL; slot++)
		;
	if (slot == OUT_MAX)
		errx(2, "too many output files");
	if ((f = fopen(path, "r+")) == NULL)
		err(1, "%s", path);
	if (fstat(fileno(f), &st) != 0 || fseeko(f, 0, SEEK_END) != 0)
		err(1, "%s", path);
	if (!S_ISREG(st.st_mode))
		errx(1, "%s: not a regular file to append to", path);
	// cppcheck-suppress arrayIndexOutOfBounds ; errx does not return
	out_tmps[slot][0] = '\0';
	out_files[slot] = f;
	out_fds[slot] = fileno(f);
	out_sizes[slot] = st.st_size;
	signal(SIGINT, out_on_signal);
	signal(SIGTERM, out_on_signal);
	signal(SIGHUP, out_on_signal);
	return f;
}

/* The slot of an output file, -1 for stdout or an unknown stream. */
static int
out_slot(FILE *f)
{
	for (int i = 0; i < OUT_MAX; i++)
		if (f != NULL && out_files[i] == f)
			return i;
	return -1;
}

/* Remove the temporary output (call on every failure path). */
void
out_abort(FILE *f)
{
	int i = out_slot(f);

	if (i >= 0 && out_sizes[i] >= 0) {
		fflush(f);
		if (ftruncate(out_fds[i], out_sizes[i]) != 0)
			warn("cannot cut %s back to its size", "the file");
		out_sizes[i] = -1;
	}
	if (f != NULL && f != stdout)
		fclose(f);
	if (i >= 0) {
		if (out_tmps[i][0] != '\0')
			unlink(out_tmps[i]);
		out_tmps[i][0] = '\0';
		out_files[i] = NULL;
	}
}

/* Remove every temporary output (a failure after several opens). */
void
out_abort_all(void)
{
	for (int i = 0; i < OUT_MAX; i++)
		if (out_files[i] != NULL)
			out_abort(out_files[i]);
}

/* Flush, check, close and rename into place.  Exits 1 on failure. */
void
out_close(FILE *f, const char *path)
{
	const char *name = f == stdout ? "stdout" : path;
	int slot = out_slot(f);
	char *out_tmp;

	if (fflush(f) != 0 || ferror(f)) {
		int se = errno;
		out_abort_all();
		errno = se ? se : EIO;
		err(1, "%s: write error", name);
	}
	if (f == stdout || slot < 0)
		return;
	out_tmp = out_tmps[slot];
	if (out_sizes[slot] >= 0) {	/* appended: on disk, then done */
		if (fsync(fileno(f)) != 0 && errno != EINVAL) {
			int se = errno;
			out_abort_all();
			errno = se;
			err(1, "%s: write error", name);
		}
		out_sizes[slot] = -1;
	}
	out_files[slot] = NULL;
	if (out_tmp[0] == '\0') {	/* a device or fifo, written in place */
		if (fclose(f) != 0)
			err(1, "%s: write error", name);
		return;
	}
	if (fchmod(fileno(f), 0666 & ~out_umask()) != 0 || fclose(f) != 0) {
		int se = errno;
		unlink(out_tmp);
		out_tmp[0] = '\0';
		out_abort_all();
		errno = se;
		err(1, "%s: write error", name);
	}
	if (rename(out_tmp, path) != 0) {
		int se = errno;
		unlink(out_tmp);
		out_tmp[0] = '\0';
		out_abort_all();
		errno = se;
		err(1, "%s", path);
	}
	out_tmp[0] = '\0';
}
