/*
 * outfile.c - the output side every liq program shares: stdout, or -o FILE
 * written under a temporary name beside it and renamed on success, removed
 * on failure or on any catchable signal that ends the program, so a failed
 * run never leaves a half-written file under the name asked for.  A
 * symlink is followed: the file it names is replaced, the link stays.
 * Only a character device, a fifo or a socket (/dev/null, /dev/stdout on
 * a pipe) is written in place.  Up to four outputs may be open at once.
 * out_check refuses, before any work, outputs that are one file, an
 * output that is an input, and a file with other hard links.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prog.h"

#define OUT_MAX 4
#define OUT_PATH 4096
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

static mode_t
out_umask(void)
{
	mode_t m = umask(0);

	umask(m);
	return m;
}

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
	_exit(128 + sig);
}

/* Catch the signals once; one ignored when the program started (nohup)
 * stays ignored. */
static void
out_catch(void)
{
	static int done;
	struct sigaction sa, old;

	if (done++)
		return;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = out_on_signal;
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < OUT_NSIGS; i++)
		sigaddset(&sa.sa_mask, out_sigs[i]);
	for (int i = 0; i < OUT_NSIGS; i++)
		if (sigaction(out_sigs[i], NULL, &old) == 0 &&
		    old.sa_handler != SIG_IGN)
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

enum { OUT_INPLACE, OUT_FILE };

/*
 * Where the output path goes: OUT_INPLACE for a character device, a fifo
 * or a socket (and a link into /proc or /dev/fd, which is a descriptor of
 * the program), else OUT_FILE with dest the file to replace or create
 * (symlinks followed, a dangling one too, the directory made absolute)
 * and *st it (st_nlink 0 when it does not exist yet).  Exits 1 when the
 * links cannot be followed or the directory does not exist.
 */
static int
out_target(const char *path, char *dest, struct stat *st)
{
	char cur[OUT_PATH], link[OUT_PATH], dir[OUT_PATH], *slash;
	const char *base;
	ssize_t k;
	int hops;

	memset(st, 0, sizeof(*st));
	if (stat(path, st) == 0 && !S_ISREG(st->st_mode))
		return OUT_INPLACE;
	if (snprintf(cur, sizeof(cur), "%s", path) >= (int)sizeof(cur))
		errx(2, "%s: name too long", path);
	for (hops = 0; ; hops++) {
		struct stat ls;

		if (strncmp(cur, "/proc/", 6) == 0 ||
		    strncmp(cur, "/dev/fd/", 8) == 0)
			return OUT_INPLACE;
		if (lstat(cur, &ls) != 0 || !S_ISLNK(ls.st_mode))
			break;
		if (hops == 40) {
			errno = ELOOP;
			err(1, "%s", path);
		}
		if ((k = readlink(cur, link, sizeof(link) - 1)) < 0)
			err(1, "%s", path);
		link[k] = '\0';
		slash = strrchr(cur, '/');
		if (link[0] == '/' || slash == NULL)
			snprintf(cur, sizeof(cur), "%s", link);
		else if (snprintf(slash + 1, sizeof(cur) - (size_t)(slash + 1 -
		    cur), "%s", link) >= (int)(sizeof(cur) - (size_t)(slash +
		    1 - cur)))
			errx(2, "%s: name too long", path);
	}
	if ((slash = strrchr(cur, '/')) == NULL) {
		snprintf(dir, sizeof(dir), ".");
		base = cur;
	} else {
		*slash = '\0';
		snprintf(dir, sizeof(dir), "%s", slash == cur ? "/" : cur);
		base = slash + 1;
	}
	if (*base == '\0' || strcmp(base, ".") == 0 || strcmp(base, "..") == 0)
		errx(1, "%s: is a directory", path);
	if (realpath(dir, link) == NULL)
		err(1, "%s", path);
	if (snprintf(dest, OUT_PATH, "%s/%s", strcmp(link, "/") ? link : "",
	    base) >= OUT_PATH)
		errx(2, "%s: name too long", path);
	return OUT_FILE;
}

/* A regular file with other names: replacing it would leave them the old
 * contents (exit 2). */
static void
out_nlink(const char *path, const struct stat *st)
{
	if (st->st_nlink > 1)
		errx(2, "%s: has %ju other hard link%s, which would keep the "
		    "old contents: remove them or write to another name", path,
		    (uintmax_t)st->st_nlink - 1, st->st_nlink == 2 ? "" : "s");
}

void
out_check(const struct out_name *outs, int nouts, const char *const *ins,
    int nins)
{
	char dest[OUT_MAX][OUT_PATH];
	struct stat st[OUT_MAX], in;
	int kind[OUT_MAX];

	if (nouts > OUT_MAX)
		errx(2, "too many output files");
	for (int i = 0; i < nouts; i++) {
		const char *p = outs[i].path;

		kind[i] = OUT_INPLACE;
		if (p == NULL || strcmp(p, "-") == 0)
			continue;
		if (p[0] == '\0')
			errx(2, "%s: empty file name", outs[i].opt);
		kind[i] = out_target(p, dest[i], &st[i]);
		if (kind[i] == OUT_FILE)
			out_nlink(p, &st[i]);
	}
	for (int i = 0; i < nouts; i++) {
		if (kind[i] != OUT_FILE)
			continue;
		for (int j = 0; j < i; j++) {
			if (kind[j] != OUT_FILE)
				continue;
			if (st[i].st_nlink && st[j].st_nlink ?
			    st[i].st_dev == st[j].st_dev &&
			    st[i].st_ino == st[j].st_ino :
			    strcmp(dest[i], dest[j]) == 0)
				errx(2, "%s %s and %s %s are one file: one "
				    "output would be lost", outs[j].opt,
				    outs[j].path, outs[i].opt, outs[i].path);
		}
		if (st[i].st_nlink == 0)
			continue;
		for (int j = 0; j < nins; j++) {
			int r = strcmp(ins[j], "-") == 0 ?
			    fstat(STDIN_FILENO, &in) : stat(ins[j], &in);

			if (r == 0 && in.st_dev == st[i].st_dev &&
			    in.st_ino == st[i].st_ino)
				errx(2, "%s %s is the input %s: it would be "
				    "replaced while it is read", outs[i].opt,
				    outs[i].path, strcmp(ins[j], "-") ?
				    ins[j] : "(standard input)");
		}
	}
}

const char *
out_name(FILE *f)
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
		if (!text && isatty(STDOUT_FILENO))
			errx(2, "refusing to write binary output to a "
			    "terminal: use -o FILE, a pipe, or --csv");
		return stdout;
	}
	if (path[0] == '\0')
		errx(2, "empty output file name");
	slot = out_free_slot(path);
	// cppcheck-suppress arrayIndexOutOfBounds ; errx does not return
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
	out_block(1);
	if (snprintf(out_tmps[slot], OUT_PATH, "%s.tmpXXXXXX",
	    out_dest[slot]) >= OUT_PATH) {
		out_tmps[slot][0] = '\0';
		out_block(0);
		errx(2, "%s: name too long", path);
	}
	fd = mkstemp(out_tmps[slot]);
	se = errno;
	if (fd < 0)
		out_tmps[slot][0] = '\0';
	out_block(0);
	if (fd < 0) {
		errno = se;
		err(1, "%s", path);
	}
	if ((f = fdopen(fd, "w+")) == NULL) {
		unlink(out_tmps[slot]);
		out_tmps[slot][0] = '\0';
		err(1, "%s", path);
	}
	out_files[slot] = f;
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
	// cppcheck-suppress arrayIndexOutOfBounds ; errx does not return
	out_tmps[slot][0] = '\0';
	out_files[slot] = f;
	out_fds[slot] = fileno(f);
	out_sizes[slot] = st.st_size;
	out_block(0);
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
	mode_t mode;

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
			err(1, "%s: write error", name);
		return;
	}
	/* the file replaced keeps its mode (and owner, where allowed) */
	mode = 0666 & ~out_umask();
	if (out_old[slot].st_nlink != 0) {
		mode = out_old[slot].st_mode & 07777;
		if (fchown(fileno(f), out_old[slot].st_uid,
		    out_old[slot].st_gid) != 0)
			mode &= 0777;
	}
	if (fchmod(fileno(f), mode) != 0 || fclose(f) != 0) {
		se = errno;
		out_files[slot] = NULL;
		out_block(1);
		unlink(out_tmps[slot]);
		out_tmps[slot][0] = '\0';
		out_block(0);
		out_fail(name, se);
	}
	out_files[slot] = NULL;
	out_block(1);
	if (rename(out_tmps[slot], out_dest[slot]) != 0) {
		se = errno;
		unlink(out_tmps[slot]);
		out_tmps[slot][0] = '\0';
		out_block(0);
		out_abort_all();
		errno = se;
		err(1, "%s", path);
	}
	out_tmps[slot][0] = '\0';
	out_block(0);
}
