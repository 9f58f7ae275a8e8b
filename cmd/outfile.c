/*
 * outfile.c - the output side every liq program shares: stdout, or -o FILE
 * written under a temporary name beside it and renamed on success, removed
 * on failure or on any catchable signal that ends the program, so a failed
 * run never leaves a half-written file under the name asked for.  A
 * symlink is followed: the file it names is replaced, the link stays.
 * Only a character device, a fifo or a socket (/dev/null, /dev/stdout on
 * a pipe) is written in place (where a path goes: cmd/outcheck.c).  Up
 * to four outputs may be open at once.
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

static char out_tmps[OUT_MAX][OUT_PATH];	/* temporary names, "" when none */
static char out_dest[OUT_MAX][OUT_PATH];	/* what out_tmps is renamed to */
static const char *out_names[OUT_MAX];	/* the names given, for messages */
static FILE *out_files[OUT_MAX];
static struct stat out_old[OUT_MAX];	/* the file replaced; st_nlink 0: none */
/* files appended to (out_append): the size to cut back to on failure,
 * -1 for the others, and their descriptors for the signal handler */
static off_t out_sizes[OUT_MAX] = { -1, -1, -1, -1 };
static int out_fds[OUT_MAX];

/* Every catchable signal whose default action ends the program. */
static const int out_sigs[] = { SIGHUP, SIGINT, SIGTERM, SIGPIPE, SIGXFSZ,
    SIGXCPU, SIGUSR1, SIGUSR2, SIGALRM, SIGVTALRM, SIGPROF };
#define OUT_NSIGS (int)(sizeof(out_sigs) / sizeof(out_sigs[0]))

/* Async-signal-safe: remove the temporary files, cut appended files back,
 * then die of the signal with its default action. */
static void
out_on_signal(int sig)
{
	struct sigaction sa;
	sigset_t set;

	for (int i = 0; i < OUT_MAX; i++) {
		if (out_tmps[i][0] != '\0')
			unlink(out_tmps[i]);
		if (out_sizes[i] >= 0 && ftruncate(out_fds[i], out_sizes[i]))
			continue;
	}
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = SIG_DFL;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(sig);
	_exit(128 + sig);	// cppcheck-suppress unreachableCode ; raise may return
}

/* Catch the signals once; one ignored when the program started (nohup)
 * stays ignored, but SIGINT, which sh ignores for a job started with &,
 * is caught as before: kill -INT ends such a run cleanly. */
static void
out_catch(void)
{
	static int done;
	struct sigaction sa, old;

	if (done++)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = out_on_signal;
	sigfillset(&sa.sa_mask);
	for (int i = 0; i < OUT_NSIGS; i++)
		if (sigaction(out_sigs[i], NULL, &old) == 0 &&
		    (old.sa_handler != SIG_IGN || out_sigs[i] == SIGINT))
			sigaction(out_sigs[i], &sa, NULL);
}

/* Block (on 1) or restore (0) the signals, around a change of the names
 * the handler reads. */
static void
out_block(int on)
{
	static sigset_t old;
	sigset_t set;

	if (!on) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return;
	}
	sigemptyset(&set);
	for (int i = 0; i < OUT_NSIGS; i++)
		sigaddset(&set, out_sigs[i]);
	sigprocmask(SIG_BLOCK, &set, &old);
}

const char *
out_name(const FILE *f)
{
	for (int i = 0; i < OUT_MAX; i++)
		if (f != NULL && f != stdout && out_files[i] == f)
			return out_names[i];
	return "stdout";
}

static int
out_free_slot(const char *path)
{
	int slot;

	for (slot = 0; slot < OUT_MAX && out_files[slot] != NULL; slot++)
		;
	if (slot == OUT_MAX)
		errx(2, "too many output files");
	// cppcheck-suppress arrayIndexOutOfBounds ; errx does not return
	out_names[slot] = path;
	return slot;
}

FILE *
out_open(const char *path, int text)
{
	struct stat st;
	FILE *f;
	int fd, slot, se;

	if (path == NULL || strcmp(path, "-") == 0) {
		out_stdout_once();
		if (!text && isatty(STDOUT_FILENO))
			errx(2, "refusing to write binary output to a "
			    "terminal: use -o FILE, a pipe, or --csv");
		return stdout;
	}
	if (path[0] == '\0')
		errx(2, "empty output file name");
	slot = out_free_slot(path);
	if (out_target(path, out_dest[slot], &st) == OUT_INPLACE) {
		if ((f = fopen(path, "w")) == NULL)
			err(1, "%s", path);
		out_tmps[slot][0] = '\0';
		out_files[slot] = f;
		return f;
	}
	out_nlink(path, &st);
	out_old[slot] = st;
	out_catch();
	out_block(1);	/* out_target left room for the suffix */
	snprintf(out_tmps[slot], OUT_PATH, "%s.tmpXXXXXX", out_dest[slot]);
	if ((fd = mkstemp(out_tmps[slot])) < 0 ||
	    (f = fdopen(fd, "w+")) == NULL) {
		se = errno;
		if (fd >= 0)
			unlink(out_tmps[slot]);
		out_tmps[slot][0] = '\0';
		out_block(0);
		errno = se;
		err(1, "%s", path);
	}
	out_files[slot] = f;
	out_block(0);
	return f;
}

FILE *
out_append(const char *path)
{
	struct stat st;
	FILE *f;
	int slot;

	slot = out_free_slot(path);
	if ((f = fopen(path, "r+")) == NULL)
		err(1, "%s", path);
	if (fstat(fileno(f), &st) != 0 || fseeko(f, 0, SEEK_END) != 0)
		err(1, "%s", path);
	if (!S_ISREG(st.st_mode))
		errx(1, "%s: not a regular file to append to", path);
	out_catch();
	out_block(1);
	out_tmps[slot][0] = '\0';
	out_files[slot] = f;
	out_fds[slot] = fileno(f);
	out_sizes[slot] = st.st_size;
	out_block(0);
	return f;
}

/* The slot of an output file, -1 for stdout or an unknown stream. */
static int
out_slot(const FILE *f)
{
	for (int i = 0; i < OUT_MAX; i++)
		if (f != NULL && out_files[i] == f)
			return i;
	return -1;
}

void
out_abort(FILE *f)
{
	int i = out_slot(f);

	if (i >= 0 && out_sizes[i] >= 0) {
		fflush(f);
		if (ftruncate(out_fds[i], out_sizes[i]) != 0)
			warn("cannot cut %s back to its size", out_names[i]);
		out_sizes[i] = -1;
	}
	if (f != NULL && f != stdout)
		fclose(f);
	if (i >= 0) {
		out_block(1);
		if (out_tmps[i][0] != '\0')
			unlink(out_tmps[i]);
		out_tmps[i][0] = '\0';
		out_files[i] = NULL;
		out_block(0);
	}
}

void
out_abort_all(void)
{
	for (int i = 0; i < OUT_MAX; i++)
		if (out_files[i] != NULL)
			out_abort(out_files[i]);
}

void
out_fail(const char *name, int se)
{
	out_abort_all();
	if (se == EPIPE)	/* the reader is gone: the end, quietly */
		exit(1);
	errno = se ? se : EIO;
	err(1, "%s: write error", name);
}

void
out_flush(FILE *f)
{
	if (fflush(f) != 0 || ferror(f))
		out_fail(out_name(f), errno);
}

void
out_close(FILE *f, const char *path)
{
	const char *name = f == stdout ? "stdout" : path;
	int slot = out_slot(f), se;
	mode_t mode = umask(0);

	if (fflush(f) != 0 || ferror(f))
		out_fail(name, errno);
	if (f == stdout || slot < 0)
		return;
	if (out_sizes[slot] >= 0) {	/* appended: on disk, then done */
		if (fsync(fileno(f)) != 0 && errno != EINVAL)
			out_fail(name, errno);
		out_sizes[slot] = -1;
	}
	if (out_tmps[slot][0] == '\0') {	/* in place or appended */
		out_files[slot] = NULL;
		if (fclose(f) != 0)
			out_fail(name, errno);
		return;
	}
	/* the file replaced keeps its mode (and owner, where allowed) */
	umask(mode);
	mode = 0666 & ~mode;
	if (out_old[slot].st_nlink != 0) {
		mode = out_old[slot].st_mode & 07777;
		if (fchown(fileno(f), out_old[slot].st_uid,
		    out_old[slot].st_gid) != 0)
			mode &= 0777;
	}
	if (fchmod(fileno(f), mode) != 0)
		out_fail(name, errno);
	out_files[slot] = NULL;
	se = fclose(f) != 0 ? errno : 0;
	out_block(1);
	if (se == 0 && rename(out_tmps[slot], out_dest[slot]) != 0)
		se = errno;
	if (se != 0)
		unlink(out_tmps[slot]);
	out_tmps[slot][0] = '\0';
	out_block(0);
	if (se != 0)
		out_fail(name, se);
}
