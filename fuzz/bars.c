/*
 * fuzz/bars.c - libFuzzer harness for the bars reader (lib/bars.c):
 * binary and CSV forms, plain or compressed.  Every bar read must come
 * after the one before.
 */
#include "common.h"

#include <stdlib.h>
#include <string.h>

#include "liq.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct liq_bars_reader *r;
	struct liq_error e;
	struct liq_bar b;
	char path[64], msg[1024];
	int fd, rc, first = 1;
	int64_t prev = 0;

	fd = fuzz_memfile(data, size, path, sizeof(path));
	liq_error_clear(&e);
	if (liq_bars_reader_open(&r, path, &e) == 0) {
		const struct liq_bars_info *info = liq_bars_reader_info(r);
		if (info->interval_ms <= 0)
			abort();
		while ((rc = liq_bars_read(r, &b, &e)) == 1) {
			if (!first && b.time_ms <= prev)
				abort();
			prev = b.time_ms;
			first = 0;
		}
		liq_bars_reader_close(r);
	}
	liq_error_format(&e, msg, sizeof(msg));
	close(fd);
	return 0;
}
