/*
 * common.h - what the fuzz harnesses share: the fuzz input as a file the
 * library can open by name.  The bytes go to a memfd, opened again through
 * /proc/self/fd, so no disk is touched and the readers see a regular file
 * exactly as they would see a real one.
 */
#ifndef LIQ_FUZZ_COMMON_H
#define LIQ_FUZZ_COMMON_H

#define _GNU_SOURCE
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/*
 * Put data[0..size) in a fresh memfd; its path goes to path.  Returns the
 * fd (close it when done) or aborts: a harness that cannot make its input
 * is broken, not the library.
 */
static inline int
fuzz_memfile(const uint8_t *data, size_t size, char *path, size_t len)
{
	int fd = memfd_create("liq-fuzz", MFD_CLOEXEC);
	size_t off = 0;

	if (fd < 0)
		abort();
	while (off < size) {
		ssize_t w = write(fd, data + off, size - off);
		if (w <= 0)
			abort();
		off += (size_t)w;
	}
	snprintf(path, len, "/proc/self/fd/%d", fd);
	return fd;
}

#endif
