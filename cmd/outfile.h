/*
 * outfile.h - the output side every liq program shares: stdout or -o FILE
 * written under a temporary name and renamed on success, removed on
 * failure or on SIGINT/SIGTERM/SIGHUP.  Header-only so each program stays
 * one .c file plus this.
 */
#ifndef LIQ_OUTFILE_H
#define LIQ_OUTFILE_H

#include <err.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char out_tmp[4096];

static mode_t
out_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}	/* the temporary file, "" when none */

static void
out_on_signal(int sig)
{
	if (out_tmp[0] != '\0')
		unlink(out_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

/*
 * Open the output: path NULL or "-" is stdout (binary output to a
 * terminal is refused unless text).  Exits 1 on failure, 2 for the
 * terminal case.
 */
static FILE *
out_open(const char *path, int text)
{
	FILE *f;
	int fd;

	if (path == NULL || strcmp(path, "-") == 0) {
		if (!text && isatty(STDOUT_FILENO))
			errx(2, "refusing to write binary output to a "
			    "terminal: use -o FILE, a pipe, or --csv");
		return stdout;
	}
	if (snprintf(out_tmp, sizeof(out_tmp), "%s.tmpXXXXXX", path) >=
	    (int)sizeof(out_tmp))
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
	return f;
}

/* Remove the temporary output (call on every failure path). */
static void
out_abort(FILE *f)
{
	if (f != NULL && f != stdout)
		fclose(f);
	if (out_tmp[0] != '\0')
		unlink(out_tmp);
	out_tmp[0] = '\0';
}

/* Flush, check, close and rename into place.  Exits 1 on failure. */
static void
out_close(FILE *f, const char *path)
{
	const char *name = f == stdout ? "stdout" : path;

	if (fflush(f) != 0 || ferror(f)) {
		int se = errno;
		out_abort(f);
		errno = se ? se : EIO;
		err(1, "%s: write error", name);
	}
	if (f == stdout)
		return;
	if (fchmod(fileno(f), 0666 & ~out_umask()) != 0 || fclose(f) != 0) {
		int se = errno;
		unlink(out_tmp);
		errno = se;
		err(1, "%s: write error", name);
	}
	if (rename(out_tmp, path) != 0) {
		int se = errno;
		unlink(out_tmp);
		errno = se;
		err(1, "%s", path);
	}
	out_tmp[0] = '\0';
}

#endif
