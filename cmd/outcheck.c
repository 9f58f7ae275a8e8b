/*
 * outcheck.c - where an output path goes (a device written in place, or
 * the file a chain of symlinks names, which is replaced), and the checks
 * of a run's outputs made before any work: an empty name, two outputs
 * that are one file, an output that is an input, a file with other hard
 * links, and two outputs on standard output.  Each refusal is a usage
 * error (exit 2) that says why.
 */
#define _GNU_SOURCE
#include <err.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "prog.h"

/*
 * Where the output path goes: OUT_INPLACE for a character device, a fifo
 * or a socket (and a link into /proc or /dev/fd, which is a descriptor of
 * the program), else OUT_FILE with dest the file to replace or create
 * (symlinks followed, a dangling one too, the directory made absolute)
 * and *st it (st_nlink 0 when it does not exist yet).  Exits 1 when the
 * links cannot be followed or the directory does not exist.
 */
int
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
	/* room for out_open's ".tmpXXXXXX" */
	if (snprintf(dest, OUT_PATH - 12, "%s/%s", strcmp(link, "/") ? link :
	    "", base) >= OUT_PATH - 12)
		errx(2, "%s: name too long", path);
	return OUT_FILE;
}

/* A regular file with other names: replacing it would leave them the old
 * contents (exit 2). */
void
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
		if (kind[i] == OUT_FILE && !outs[i].append)
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

/* Called for each output that goes to standard output: a second one would
 * be mixed with the first in one stream (exit 2, nothing left behind). */
void
out_stdout_once(void)
{
	static int taken;

	if (taken++ == 0)
		return;
	out_abort_all();
	errx(2, "two outputs of this run go to standard output (\"-\", or -o "
	    "not given), where they would be mixed: send one of them to a "
	    "file");
}
