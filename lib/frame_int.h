/*
 * frame_int.h - the framing the binary bars and grid formats share
 * (man/liq-bars.5, man/liq-grid.5): an 8-byte magic, major and minor
 * version bytes, a header length so readers skip fields they do not know,
 * a key=value metadata block, and a 24-byte end marker holding the record
 * count and the CRC-32 (zlib's) of everything before it.  Private to lib/.
 */
#ifndef LIQ_FRAME_INT_H
#define LIQ_FRAME_INT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "liq.h"

#define LIQ_FRAME_TRAILER_LEN	24
#define LIQ_FRAME_META_MAX	(1 << 20)

/* Start a fixed header: magic, major at byte 8, minor at byte 10. */
void liq__frame_head(unsigned char *h, const char *magic, int major,
    int minor);

/* Append "PREFIXkey=value\n" to buf[0..cap) at *o (dropped if it does
 * not fit, so *o < cap always holds). */
void liq__meta_add(char *buf, size_t cap, size_t *o, const char *prefix,
    const char *key, const char *value);

/* Replace newlines in s by spaces (a metadata value is one line). */
void liq__meta_clean(char *s);

/*
 * The next "key=value" line of meta[*pos..len): 1 with key/value and
 * their lengths (a line without '=' has vl == SIZE_MAX), 0 at the end.
 */
int liq__meta_next(const char *meta, size_t len, size_t *pos,
    const char **key, size_t *kl, const char **value, size_t *vl);

/* Write the end marker for n records and crc.  Returns 0 or LIQ_EIO. */
int liq__frame_write_end(FILE *f, uint64_t n, uint32_t crc,
    struct liq_error *e);

/*
 * The version check every reader makes on h[8] (major) and h[10]
 * (minor): LIQ_EVERSION naming the format (what: "bars", "grid") when the
 * file is from a newer major version, else 0.
 */
int liq__frame_check_version(const unsigned char *h, int major,
    const char *what, const char *file, struct liq_error *e);

/*
 * After a reader found the end magic: read the rest of the end marker
 * from in, check that it counts n records (and that the caller's own
 * count check, count_bad, passed) and that its CRC-32 is crc.  what names
 * the format in messages ("bars"), count_msg says what a count mismatch
 * is.  With next NULL nothing may follow; otherwise up to 8 more bytes
 * are read into next (*nnext of them: 0 at the end of the stream), for
 * a format whose streams may hold several members.  Returns 0 or a
 * negative code.
 */
int liq__frame_read_end(struct liq_input *in, const char *what, uint64_t n,
    int count_bad, uint32_t crc, const char *count_msg, unsigned char *next,
    size_t *nnext, struct liq_error *e);

#endif
