/*
 * fuzz/input.c - libFuzzer harness for the input streams (lib/input.c):
 * container detection, gzip (members, header fields, trailer), zip (local
 * header, extra fields, zip64 sizes, data descriptors, stored members) and
 * inflate with either backend.
 *
 * The first byte picks how the stream is read; the rest is the file:
 *   bit 0  LIQ_INFLATE=zlib (else ISA-L when compiled in)
 *   bit 1  liq_input_read in odd-sized pieces (else liq_input_lines)
 *   bit 2  liq_input_peek first
 *   bits 3-6  the size of the raw reads
 *   bit 7  the bytes come through a pipe on stdin (the poll/self-pipe
 *          reader) instead of a regular file
 * Lines handed out must end in '\n' and be non-empty; reads must not
 * return more than asked.
 */
#include "common.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>

#include "liq.h"

static int saved_stdin = -1;

/* Close the memfd, or put stdin back after a pipe run. */
static void
done(int fd)
{
	if (fd >= 0)
		close(fd);
	else if (dup2(saved_stdin, STDIN_FILENO) < 0)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct liq_input *in;
	struct liq_error e;
	char path[64];
	int fd, mode, rc;

	if (size < 1)
		return 0;
	mode = data[0];
	if (mode & 128) {
		/* the whole input fits in the pipe: written before reading */
		int pfd[2];
		size_t off = 1;

		if (size > 65536 + 1)
			return 0;
		if (pipe(pfd) != 0 || (saved_stdin < 0 &&
		    (saved_stdin = dup(STDIN_FILENO)) < 0))
			abort();
		(void)fcntl(pfd[1], F_SETPIPE_SZ, 1 << 17);
		while (off < size) {
			ssize_t w = write(pfd[1], data + off, size - off);
			if (w <= 0)
				abort();
			off += (size_t)w;
		}
		close(pfd[1]);
		if (dup2(pfd[0], STDIN_FILENO) < 0)
			abort();
		close(pfd[0]);
		fd = -1;
		snprintf(path, sizeof(path), "-");
	} else
		fd = fuzz_memfile(data + 1, size - 1, path, sizeof(path));
	if (mode & 1)
		setenv("LIQ_INFLATE", "zlib", 1);
	else
		unsetenv("LIQ_INFLATE");
	liq_error_clear(&e);
	if (liq_input_open(&in, path, &e) != 0) {
		done(fd);
		return 0;
	}
	if (mode & 4) {
		const char *p;
		size_t n;
		if (liq_input_peek(in, &p, &n, &e) == 0 && n > 0)
			(void)p[n - 1];
	}
	if (mode & 2) {
		static char buf[70000];
		size_t want = 1 + (size_t)((mode >> 3) & 15) * 4000;
		long got;

		while ((got = liq_input_read(in, buf, want, &e)) > 0)
			if ((size_t)got > want)
				abort();
	} else {
		const char *p;
		size_t n;

		while ((rc = liq_input_lines(in, &p, &n, &e)) == 1)
			if (n == 0 || p[n - 1] != '\n')
				abort();
	}
	(void)liq_input_container(in);
	(void)liq_input_backend(in);
	liq_input_close(in);
	done(fd);
	return 0;
}
