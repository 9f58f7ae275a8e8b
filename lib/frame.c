/*
 * frame.c - the framing shared by the binary bars and grid formats:
 * fixed-header start, metadata lines, version check and the end marker
 * (see frame_int.h).  Each format keeps its own fixed header fields and
 * records; what both do with the frame is written here once.
 */
#include <string.h>

#include "endian_int.h"
#include "frame_int.h"

void
liq__frame_head(unsigned char *h, const char *magic, int major, int minor)
{
	memcpy(h, magic, 8);
	h[8] = (unsigned char)major;
	h[9] = 0;
	h[10] = (unsigned char)minor;
	h[11] = 0;
}

void
liq__meta_add(char *buf, size_t cap, size_t *o, const char *prefix,
    const char *key, const char *value)
{
	int k = snprintf(buf + *o, cap - *o, "%s%s=%s\n", prefix, key, value);

	if (k > 0 && (size_t)k < cap - *o)
		*o += (size_t)k;
}

void
liq__meta_clean(char *s)
{
	for (; *s; s++)
		if (*s == '\n' || *s == '\r')
			*s = ' ';
}

int
liq__meta_next(const char *meta, size_t len, size_t *pos, const char **key,
    size_t *kl, const char **value, size_t *vl)
{
	const char *p = meta + *pos, *end = meta + len, *nl, *eq;

	if (*pos >= len)
		return 0;
	if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
		nl = end;
	*key = p;
	if ((eq = memchr(p, '=', (size_t)(nl - p))) == NULL) {
		*kl = (size_t)(nl - p);
		*value = nl;
		*vl = SIZE_MAX;
	} else {
		*kl = (size_t)(eq - p);
		*value = eq + 1;
		*vl = (size_t)(nl - eq - 1);
	}
	*pos = (size_t)(nl - meta) + 1;
	return 1;
}

int
liq__frame_write_end(FILE *f, uint64_t n, uint32_t crc, struct liq_error *e)
{
	unsigned char t[LIQ_FRAME_TRAILER_LEN];

	memcpy(t, liq_file_magic_end, 8);
	liq__put64(t + 8, n);
	liq__put32(t + 16, crc);
	liq__put32(t + 20, 0);
	if (fwrite(t, 1, sizeof(t), f) != sizeof(t))
		return liq_error_set(e, LIQ_EIO, NULL, 0, NULL, NULL, 0,
		    "write error");
	return 0;
}

int
liq__frame_check_version(const unsigned char *h, int major, const char *what,
    const char *file, struct liq_error *e)
{
	if (h[8] > major)
		return liq_error_set(e, LIQ_EVERSION, file, 0, NULL, NULL, 0,
		    "%s format version %d.%d is newer than this program "
		    "reads (%d.x): upgrade liq", what, h[8], h[10], major);
	return 0;
}

int
liq__frame_read_end(struct liq_input *in, const char *what, uint64_t n,
    int count_bad, uint32_t crc, const char *count_msg, unsigned char *next,
    size_t *nnext, struct liq_error *e)
{
	unsigned char t[LIQ_FRAME_TRAILER_LEN];
	const char *file = liq_input_name(in);
	long got = liq_input_read(in, t + 8, sizeof(t) - 8, e);
	uint64_t cnt;

	if (got < 0)
		return (int)got;
	if (got != (long)sizeof(t) - 8)
		return liq_error_set(e, LIQ_EFORMAT, file, 0, NULL, NULL, 0,
		    "truncated %s file (in the end marker)", what);
	cnt = liq__get64(t + 8);
	if (cnt != n || count_bad)
		return liq_error_set(e, LIQ_EFORMAT, file, 0, NULL, NULL, 0,
		    "corrupt %s file (%s)", what, count_msg);
	if (liq__get32(t + 16) != crc)
		return liq_error_set(e, LIQ_EFORMAT, file, 0, NULL, NULL, 0,
		    "corrupt %s file (CRC-32 mismatch)", what);
	if (next != NULL) {
		size_t k = 0;

		while (k < 8 && (got = liq_input_read(in, next + k, 8 - k,
		    e)) > 0)
			k += (size_t)got;
		if (got < 0)
			return (int)got;
		*nnext = k;
		return 0;
	}
	if (liq_input_read(in, t, 1, e) != 0)
		return liq_error_set(e, LIQ_EFORMAT, file, 0, NULL, NULL, 0,
		    "corrupt %s file (data after the end marker)", what);
	return 0;
}
