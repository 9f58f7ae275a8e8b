/*
 * input.c - input streams: a file or stdin, plain, gzip (several members)
 * or a zip archive with exactly one member, told apart by magic bytes.
 *
 * A producer thread reads and inflates into a ring of NBUF buffers while
 * the caller parses the previous one, so a reader costs max(inflate, parse)
 * instead of their sum.  Each buffer has HEADROOM bytes in front of its data
 * where the caller's unfinished last line is copied, so lines are handed out
 * whole without a second copy of the data.  Inflate is ISA-L's when built
 * with LIQ_HAVE_ISAL (and LIQ_INFLATE is not "zlib"), zlib's otherwise; the
 * gzip and zip framing, CRC-32 and length checks are done here for both.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>
#ifdef LIQ_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#ifdef __SSE2__
#include <emmintrin.h>	/* _mm_pause */
#define cpu_relax()	_mm_pause()
#else
#define cpu_relax()	((void)0)
#endif

#include "liq.h"
#include "endian_int.h"

/*
 * A thread that waits for the other one polls the ring for up to SPIN_NS,
 * longer than the usual wait while both threads keep up (a buffer takes
 * 50-70 us to inflate or parse), then naps, NAP_MIN_NS at first and twice
 * as long each time, and once it has waited NAP_NS in all it sleeps on a
 * condition variable until the other thread signals it.  So the side that
 * is the bottleneck makes no system call for a short hand-over (futex
 * wake-ups on every buffer cost about 10 % of the inflate thread on the
 * 2-core benchmark machine), and a side that waits long (for a pipe, for
 * zlib, for a slow dialect) neither burns a core nor wakes up over and
 * over.  A thread whose waits are long halves its polling each time; a
 * short wait puts it back to SPIN_NS.
 */
#define SPIN_NS		50000L
#define NAP_MIN_NS	20000L
#define NAP_NS		200000L

#define IN_CHUNK	(256 * 1024)	/* compressed bytes per read() */
#define IN_GUARD	16		/* bytes kept before in_pos for ISA-L */
/* decompressed bytes per buffer: the ring fits in L2, so handing data to
 * the parser on the other core stays cheap */
#define OUT_CHUNK	(128 * 1024)
#define FIRST_CHUNK	(16 * 1024)	/* the first, synchronous fill */
#define HEADROOM	(128 * 1024)	/* longest line, >= OUT_CHUNK */
#define NBUF		4

enum {
	ST_DETECT, ST_PLAIN, ST_GZ_HEADER, ST_GZ_DATA, ST_GZ_TRAILER,
	ST_ZIP_LOCAL, ST_ZIP_DATA, ST_ZIP_STORED, ST_ZIP_DESC, ST_ZIP_NEXT,
	ST_DONE
};

struct rbuf {
	char *mem;		/* HEADROOM + OUT_CHUNK + 32 zeroed bytes (slack
				   for 8-byte loads past a line) */
	size_t len;		/* data bytes at mem + HEADROOM */
	int eof;		/* the last buffer */
};

struct liq_input {
	char name[512];
	int fd;
	int wake[2];		/* self-pipe that stops a blocked read(), or -1 */
	int regular;		/* a regular file (else a pipe, device...) */
	int container;
	int state;
	/* compressed side */
	unsigned char *in;
	size_t in_pos, in_len;
	int in_eof;
	uint64_t in_off;	/* file offset of in[0] */
	/* inflate */
	int use_isal;
	int z_ready;
	z_stream z;
#ifdef LIQ_HAVE_ISAL
	struct inflate_state *isal;
	unsigned char scratch[128 * 1024] __attribute__((aligned(64)));
#endif
	uint32_t crc;		/* CRC-32 of the member so far (zlib path) */
	uint64_t out_member;	/* bytes out of the current member */
	/* zip member */
	uint32_t zip_crc;
	uint64_t zip_csize, zip_usize;
	int zip_flags, zip_zip64;
	char member[256];	/* its name ("" : none, or not a zip) */
	/* ring */
	struct rbuf buf[NBUF];
	pthread_t th;
	int th_started;
	int head;		/* next buffer to fill (producer's own) */
	atomic_int count;	/* filled buffers, including the caller's */
	atomic_int stop;	/* liq_input_close: the producer must end */
	long spin_full, spin_free;	/* ns of polling before napping */
	pthread_mutex_t mu;	/* for sleeping only: see await() */
	pthread_cond_t cv_full, cv_free;
	atomic_int sleep_full, sleep_free;	/* a thread sleeps on cv_* */
	int perr;
	struct liq_error perr_e;
	/* consumer */
	int started;
	int peeked;		/* first buffer taken by peek, -1 none */
	int cur;		/* buffer in use, -1 none */
	char *tail;
	size_t tail_len;
	int done;
	int failed;		/* sticky error code, 0 none */
	struct liq_error fail_e;
	size_t raw_pos;
};

/* ------------------------------------------------------------ low level */

static int
fail(struct liq_input *in, struct liq_error *e, int code, const char *msg)
{
	return liq_error_set(e, code, in->name, 0, NULL, NULL, 0, "%s", msg);
}

/*
 * Make at least want bytes available at in->in + in->in_pos unless the file
 * ends first.  Keeps IN_GUARD consumed bytes in front so the ISA-L path can
 * give back bits it read ahead.  Returns the bytes available or a negative
 * code.
 */
static long
fill_in(struct liq_input *in, size_t want, struct liq_error *e)
{
	while (in->in_len - in->in_pos < want && !in->in_eof) {
		size_t keep = in->in_pos < IN_GUARD ? in->in_pos : IN_GUARD;
		size_t start = in->in_pos - keep;
		ssize_t r;

		if (start > 0) {
			memmove(in->in, in->in + start, in->in_len - start);
			in->in_off += start;
			in->in_len -= start;
			in->in_pos = keep;
		}
		if (in->in_len == IN_CHUNK + IN_GUARD)
			break;	/* want is never more than the buffer */
		if (in->wake[0] >= 0) {
			/* a pipe may block: wait for data or for close() */
			struct pollfd pf[2] = {
				{ in->fd, POLLIN, 0 }, { in->wake[0], POLLIN, 0 }
			};
			while (poll(pf, 2, -1) < 0 && errno == EINTR)
				;
			if (pf[1].revents != 0)
				return liq_error_set(e, LIQ_EIO, in->name, 0,
				    NULL, NULL, 0, "input closed");
		}
		do
			r = read(in->fd, in->in + in->in_len,
			    IN_CHUNK + IN_GUARD - in->in_len);
		while (r < 0 && errno == EINTR);
		if (r < 0) {
			liq_error_set(e, LIQ_EIO, in->name, 0, NULL, NULL, 0,
			    "read error: %s", strerror(errno));
			e->sys_errno = errno;
			return LIQ_EIO;
		}
		if (r == 0)
			in->in_eof = 1;
		in->in_len += (size_t)r;
	}
	return (long)(in->in_len - in->in_pos);
}

static int
get_bytes(struct liq_input *in, void *dst, size_t n, struct liq_error *e,
    const char *what)
{
	long r = fill_in(in, n, e);

	if (r < 0)
		return (int)r;
	if ((size_t)r < n)
		return liq_error_set(e, LIQ_ECONTAINER, in->name, 0, NULL,
		    NULL, 0, "truncated %s (file ends at byte %llu)", what,
		    (unsigned long long)(in->in_off + in->in_len));
	memcpy(dst, in->in + in->in_pos, n);
	in->in_pos += n;
	return 0;
}

/* --------------------------------------------------------------- inflate */

static int
infl_reset(struct liq_input *in, struct liq_error *e)
{
	in->crc = (uint32_t)crc32(0L, Z_NULL, 0);
	in->out_member = 0;
#ifdef LIQ_HAVE_ISAL
	if (in->use_isal) {
		isal_inflate_reset(in->isal);
		in->isal->crc_flag = ISAL_GZIP_NO_HDR;
		return 0;
	}
#endif
	if (!in->z_ready) {
		memset(&in->z, 0, sizeof(in->z));
		if (inflateInit2(&in->z, -15) != Z_OK)
			return fail(in, e, LIQ_ENOMEM, "out of memory");
		in->z_ready = 1;
	} else
		inflateReset(&in->z);
	return 0;
}

/*
 * Inflate from the input buffer into out[0..cap).  Sets *got and *end
 * (the deflate stream finished).  Returns 0 or a negative code.
 */
static int
infl_step(struct liq_input *in, unsigned char *out, size_t cap, size_t *got,
    int *end, struct liq_error *e)
{
	const char *what = in->container == LIQ_CONT_ZIP ? "zip" : "gzip";

	*got = 0;
	*end = 0;
#ifdef LIQ_HAVE_ISAL
	if (in->use_isal) {
		struct inflate_state *s = in->isal;
		size_t c = cap < sizeof(in->scratch) ? cap : sizeof(in->scratch);
		int r;

		/*
		 * Inflate into a private buffer, then copy into the ring.
		 * Measured on the 2-core benchmark machine, both alternatives
		 * were slower: inflating straight into the ring (+10 % wall:
		 * the parser on the other core then reads lines the inflater
		 * is still writing near) and streaming stores for the copy
		 * (+2 %: they cost the inflate thread 11 % on their own).
		 */
		s->next_in = in->in + in->in_pos;
		s->avail_in = (uint32_t)(in->in_len - in->in_pos);
		s->next_out = in->scratch;
		s->avail_out = (uint32_t)c;
		r = isal_inflate(s);
		in->in_pos = (size_t)(s->next_in - in->in);
		*got = c - s->avail_out;
		memcpy(out, in->scratch, *got);
		if (r < 0)
			return liq_error_set(e, LIQ_ECONTAINER, in->name, 0,
			    NULL, NULL, 0, "corrupt %s data near byte %llu",
			    what, (unsigned long long)(in->in_off +
			    in->in_pos));
		if (s->block_state == ISAL_BLOCK_FINISH) {
			/* hand back whole bytes read ahead into the bit buffer */
			size_t back = (size_t)s->read_in_length / 8;
			in->in_pos -= back;
			s->read_in = 0;
			s->read_in_length = 0;
			in->crc = s->crc;
			*end = 1;
		}
		in->out_member += *got;
		return 0;
	}
#endif
	{
		int r;

		in->z.next_in = in->in + in->in_pos;
		in->z.avail_in = (uInt)(in->in_len - in->in_pos);
		in->z.next_out = out;
		in->z.avail_out = (uInt)cap;
		r = inflate(&in->z, Z_NO_FLUSH);
		in->in_pos = (size_t)(in->z.next_in - in->in);
		*got = cap - in->z.avail_out;
		if (r == Z_STREAM_END)
			*end = 1;
		else if (r != Z_OK && r != Z_BUF_ERROR)
			return liq_error_set(e, LIQ_ECONTAINER, in->name, 0,
			    NULL, NULL, 0, "corrupt %s data near byte %llu",
			    what, (unsigned long long)(in->in_off +
			    in->in_pos));
		in->crc = (uint32_t)crc32(in->crc, out, (uInt)*got);
		in->out_member += *got;
		return 0;
	}
}

/* ------------------------------------------------------------- framing */

static int
detect(struct liq_input *in, struct liq_error *e)
{
	long r = fill_in(in, 4, e);
	const unsigned char *p = in->in + in->in_pos;

	if (r < 0)
		return (int)r;
	if (r >= 2 && p[0] == 0x1f && p[1] == 0x8b) {
		in->container = LIQ_CONT_GZIP;
		in->state = ST_GZ_HEADER;
	} else if (r >= 4 && memcmp(p, "PK\3\4", 4) == 0) {
		in->container = LIQ_CONT_ZIP;
		in->state = ST_ZIP_LOCAL;
	} else if (r >= 4 && memcmp(p, "PK\5\6", 4) == 0) {
		return fail(in, e, LIQ_ECONTAINER,
		    "zip archive has no member");
	} else if (r >= 3 && memcmp(p, "BZh", 3) == 0) {
		return fail(in, e, LIQ_ECONTAINER,
		    "bzip2 input is not supported (decompress it first)");
	} else if (r >= 4 && memcmp(p, "\xfd" "7zX", 4) == 0) {
		return fail(in, e, LIQ_ECONTAINER,
		    "xz input is not supported (decompress it first)");
	} else if (r >= 4 && memcmp(p, "\x28\xb5\x2f\xfd", 4) == 0) {
		return fail(in, e, LIQ_ECONTAINER,
		    "zstd input is not supported (decompress it first)");
	} else {
		in->container = LIQ_CONT_PLAIN;
		in->state = ST_PLAIN;
	}
	return 0;
}

static int
gzip_header(struct liq_input *in, struct liq_error *e)
{
	unsigned char h[10], b[2];
	int rc, flg;

	if ((rc = get_bytes(in, h, 10, e, "gzip header")) != 0)
		return rc;
	if (h[0] != 0x1f || h[1] != 0x8b)
		return fail(in, e, LIQ_ECONTAINER, "bad gzip member magic");
	if (h[2] != 8)
		return fail(in, e, LIQ_ECONTAINER,
		    "gzip member is not deflate-compressed");
	flg = h[3];
	if (flg & 0xe0)
		return fail(in, e, LIQ_ECONTAINER, "bad gzip header flags");
	if (flg & 4) {			/* FEXTRA */
		size_t xlen;
		if ((rc = get_bytes(in, b, 2, e, "gzip header")) != 0)
			return rc;
		for (xlen = liq__get16(b); xlen > 0; xlen--)
			if ((rc = get_bytes(in, b, 1, e, "gzip header")) != 0)
				return rc;
	}
	/* FNAME, FCOMMENT; the first member's FNAME is kept as the member
	 * name, the name the file had when it was compressed */
	for (int z = 8, first = in->member[0] == '\0'; z <= 16; z <<= 1) {
		size_t k = 0;

		if (flg & z)
			do {
				if ((rc = get_bytes(in, b, 1, e,
				    "gzip header")) != 0)
					return rc;
				if (z == 8 && first && k + 1 < sizeof(in->member))
					in->member[k++] = (char)b[0];
			} while (b[0] != 0);
		if (z == 8 && first)
			in->member[k < sizeof(in->member) ? k : 0] = '\0';
	}
	if (flg & 2)			/* FHCRC */
		if ((rc = get_bytes(in, b, 2, e, "gzip header")) != 0)
			return rc;
	in->state = ST_GZ_DATA;
	return infl_reset(in, e);
}

static int
gzip_trailer(struct liq_input *in, struct liq_error *e)
{
	unsigned char t[8];
	long r;
	int rc;

	if ((rc = get_bytes(in, t, 8, e, "gzip trailer")) != 0)
		return rc;
	if (liq__get32(t) != in->crc)
		return fail(in, e, LIQ_ECONTAINER,
		    "gzip CRC-32 mismatch: the data is corrupt");
	if (liq__get32(t + 4) != (uint32_t)in->out_member)
		return fail(in, e, LIQ_ECONTAINER,
		    "gzip length mismatch: the data is corrupt");
	/* another member, zero padding, or the end */
	if ((r = fill_in(in, 2, e)) < 0)
		return (int)r;
	if (r == 0) {
		in->state = ST_DONE;
		return 0;
	}
	if (r >= 2 && in->in[in->in_pos] == 0x1f &&
	    in->in[in->in_pos + 1] == 0x8b) {
		in->state = ST_GZ_HEADER;
		return 0;
	}
	for (;;) {
		size_t i;
		for (i = in->in_pos; i < in->in_len; i++)
			if (in->in[i] != 0)
				return fail(in, e, LIQ_ECONTAINER,
				    "garbage after the end of the gzip data");
		in->in_pos = in->in_len;
		if ((r = fill_in(in, 1, e)) < 0)
			return (int)r;
		if (r == 0)
			break;
	}
	in->state = ST_DONE;
	return 0;
}

static int
zip_local(struct liq_input *in, struct liq_error *e)
{
	unsigned char h[30], x[4];
	size_t nlen, xlen, i;
	int rc, method;

	if ((rc = get_bytes(in, h, 30, e, "zip header")) != 0)
		return rc;
	if (memcmp(h, "PK\3\4", 4) != 0)
		return fail(in, e, LIQ_ECONTAINER, "bad zip local header");
	in->zip_flags = (int)liq__get16(h + 6);
	method = (int)liq__get16(h + 8);
	in->zip_crc = liq__get32(h + 14);
	in->zip_csize = liq__get32(h + 18);
	in->zip_usize = liq__get32(h + 22);
	nlen = liq__get16(h + 26);
	xlen = liq__get16(h + 28);
	if (in->zip_flags & 1)
		return fail(in, e, LIQ_ECONTAINER,
		    "zip member is encrypted");
	for (i = 0; i < nlen; i++) {
		if ((rc = get_bytes(in, x, 1, e, "zip header")) != 0)
			return rc;
		if (i + 1 < sizeof(in->member))
			in->member[i] = (char)x[0];
	}
	in->member[nlen < sizeof(in->member) ? nlen : sizeof(in->member) -
	    1] = '\0';
	in->zip_zip64 = 0;
	while (xlen >= 4) {
		size_t id, sz;
		if ((rc = get_bytes(in, x, 4, e, "zip header")) != 0)
			return rc;
		id = liq__get16(x);
		sz = liq__get16(x + 2);
		xlen -= 4;
		if (sz > xlen)
			return fail(in, e, LIQ_ECONTAINER,
			    "bad zip extra field");
		xlen -= sz;
		if (id == 1 && sz >= 16) {	/* zip64 sizes */
			unsigned char z[16];
			if ((rc = get_bytes(in, z, 16, e, "zip header")) != 0)
				return rc;
			in->zip_usize = liq__get64(z);
			in->zip_csize = liq__get64(z + 8);
			in->zip_zip64 = 1;
			sz -= 16;
		}
		while (sz-- > 0)
			if ((rc = get_bytes(in, x, 1, e, "zip header")) != 0)
				return rc;
	}
	while (xlen-- > 0)
		if ((rc = get_bytes(in, x, 1, e, "zip header")) != 0)
			return rc;
	if (method == 8) {
		in->state = ST_ZIP_DATA;
		return infl_reset(in, e);
	}
	if (method == 0) {
		if (in->zip_flags & 8)
			return fail(in, e, LIQ_ECONTAINER,
			    "stored zip member without sizes is not supported");
		in->crc = (uint32_t)crc32(0L, Z_NULL, 0);
		in->out_member = 0;
		in->state = ST_ZIP_STORED;
		return 0;
	}
	return liq_error_set(e, LIQ_ECONTAINER, in->name, 0, NULL, NULL, 0,
	    "zip compression method %d is not supported (only stored and "
	    "deflate)", method);
}

static int
zip_check(struct liq_input *in, struct liq_error *e)
{
	if (in->zip_crc != in->crc)
		return fail(in, e, LIQ_ECONTAINER,
		    "zip CRC-32 mismatch: the data is corrupt");
	if ((uint32_t)in->zip_usize != (uint32_t)in->out_member)
		return fail(in, e, LIQ_ECONTAINER,
		    "zip length mismatch: the data is corrupt");
	in->state = ST_ZIP_NEXT;
	return 0;
}

static int
zip_desc(struct liq_input *in, struct liq_error *e)
{
	unsigned char d[24];
	size_t n = in->zip_zip64 ? 20 : 12;
	long r;
	int rc;

	if ((r = fill_in(in, 4, e)) < 0)
		return (int)r;
	if (r >= 4 && memcmp(in->in + in->in_pos, "PK\7\10", 4) == 0)
		in->in_pos += 4;
	if ((rc = get_bytes(in, d, n, e, "zip data descriptor")) != 0)
		return rc;
	in->zip_crc = liq__get32(d);
	in->zip_usize = in->zip_zip64 ? liq__get64(d + 12) : liq__get32(d + 8);
	return zip_check(in, e);
}

/*
 * After the member: the central directory and its end record.  A
 * download cut after the member's data still loses the end record, so
 * the rest of the archive is read (a one-member directory and its comment
 * fit in the input buffer) and walked record by record: one directory
 * entry, the zip64 end records if any, then the end of central directory
 * record and its comment, which must end the file.  Anything after it
 * (cat a.zip b.zip, a second set of local headers the directory does not
 * list) is an error, not ignored.
 */
static int
zip_next(struct liq_input *in, struct liq_error *e)
{
	const unsigned char *p;
	size_t n, i, len;
	unsigned long long at;
	long r;
	int entries = 0;

	if ((r = fill_in(in, 4, e)) < 0)
		return (int)r;
	p = in->in + in->in_pos;
	if (r < 4)
		return liq_error_set(e, LIQ_ECONTAINER, in->name, 0, NULL,
		    NULL, 0, "truncated zip (no central directory; file ends "
		    "at byte %llu)", (unsigned long long)(in->in_off +
		    in->in_len));
	if (memcmp(p, "PK\3\4", 4) == 0)
		return fail(in, e, LIQ_ECONTAINER,
		    "zip archive has more than one member; expected one");
	if (memcmp(p, "PK\1\2", 4) != 0 && memcmp(p, "PK\5\6", 4) != 0 &&
	    memcmp(p, "PK\6\6", 4) != 0)
		return fail(in, e, LIQ_ECONTAINER,
		    "corrupt zip: no central directory after the member");
	if ((r = fill_in(in, IN_CHUNK, e)) < 0)
		return (int)r;
	p = in->in + in->in_pos;
	n = in->in_len - in->in_pos;
	for (i = 0;; i += len) {
		if (i + 4 > n)
			break;
		if (memcmp(p + i, "PK\1\2", 4) == 0) {
			if (i + 46 > n)
				break;
			len = 46 + liq__get16(p + i + 28) +
			    liq__get16(p + i + 30) + liq__get16(p + i + 32);
			if (++entries > 1)
				return fail(in, e, LIQ_ECONTAINER, "zip archive "
				    "has more than one member; expected one");
		} else if (memcmp(p + i, "PK\6\6", 4) == 0) {
			if (i + 12 > n || liq__get64(p + i + 4) > n)
				break;
			len = 12 + (size_t)liq__get64(p + i + 4);
		} else if (memcmp(p + i, "PK\6\7", 4) == 0)
			len = 20;
		else if (memcmp(p + i, "PK\5\6", 4) == 0) {
			if (i + 22 > n)
				break;
			len = 22 + liq__get16(p + i + 20);
			if (i + len > n)
				break;
			if (i + len == n && in->in_eof) {
				in->in_pos = in->in_len;
				in->state = ST_DONE;
				return 0;
			}
			at = (unsigned long long)(in->in_off + in->in_pos + i +
			    len);
			return liq_error_set(e, LIQ_ECONTAINER, in->name, 0,
			    NULL, NULL, 0, "data after the end of the zip "
			    "archive (from byte %llu)%s: give one zip per "
			    "file", at, i + len + 4 <= n && memcmp(p + i + len,
			    "PK\3\4", 4) == 0 ? ", another zip archive or "
			    "member not in its directory (cat a.zip b.zip?)" :
			    "");
		} else
			return liq_error_set(e, LIQ_ECONTAINER, in->name, 0,
			    NULL, NULL, 0, "corrupt zip central directory at "
			    "byte %llu", (unsigned long long)(in->in_off +
			    in->in_pos + i));
	}
	if (!in->in_eof)	/* the buffer filled before the end */
		return fail(in, e, LIQ_ECONTAINER,
		    "corrupt zip: central directory over 256 KiB");
	return liq_error_set(e, LIQ_ECONTAINER, in->name, 0, NULL, NULL, 0,
	    "truncated zip (no end of central directory record; file ends "
	    "at byte %llu)", (unsigned long long)(in->in_off + in->in_len));
}

/*
 * Fill b with up to cap decompressed bytes.  Sets b->eof at the end of the
 * input.  Returns 0 or a negative code.
 */
static int
fill(struct liq_input *in, struct rbuf *b, size_t cap, struct liq_error *e)
{
	unsigned char *out = (unsigned char *)b->mem + HEADROOM;
	size_t got;
	int rc, end;
	long r;

	b->len = 0;
	b->eof = 0;
	while (b->len < cap) {
		switch (in->state) {
		case ST_DETECT:
			if ((rc = detect(in, e)) != 0)
				return rc;
			break;
		case ST_PLAIN:
			if (in->in_pos < in->in_len) {
				got = in->in_len - in->in_pos;
				if (got > cap - b->len)
					got = cap - b->len;
				memcpy(out + b->len, in->in + in->in_pos, got);
				in->in_pos += got;
				b->len += got;
				break;
			}
			if ((r = fill_in(in, 1, e)) < 0)
				return (int)r;
			if (r == 0)
				in->state = ST_DONE;
			break;
		case ST_GZ_HEADER:
			if ((rc = gzip_header(in, e)) != 0)
				return rc;
			break;
		case ST_ZIP_LOCAL:
			if ((rc = zip_local(in, e)) != 0)
				return rc;
			break;
		case ST_GZ_DATA:
		case ST_ZIP_DATA:
			if (in->in_pos == in->in_len || in->in_len == 0) {
				if ((r = fill_in(in, 1, e)) < 0)
					return (int)r;
				if (r == 0)
					return liq_error_set(e, LIQ_ECONTAINER,
					    in->name, 0, NULL, NULL, 0,
					    "truncated %s data (file ends at "
					    "byte %llu)", in->state ==
					    ST_GZ_DATA ? "gzip" : "zip",
					    (unsigned long long)(in->in_off +
					    in->in_len));
			}
			if ((rc = infl_step(in, out + b->len, cap - b->len,
			    &got, &end, e)) != 0)
				return rc;
			b->len += got;
			if (end) {
				if (in->state == ST_GZ_DATA)
					in->state = ST_GZ_TRAILER;
				else if (in->zip_flags & 8)
					in->state = ST_ZIP_DESC;
				else if ((rc = zip_check(in, e)) != 0)
					return rc;
			} else if (got == 0 && in->in_pos == in->in_len &&
			    in->in_eof)
				return liq_error_set(e, LIQ_ECONTAINER,
				    in->name, 0, NULL, NULL, 0,
				    "truncated %s data (file ends at byte "
				    "%llu)", in->state == ST_GZ_DATA ?
				    "gzip" : "zip", (unsigned long long)
				    (in->in_off + in->in_len));
			break;
		case ST_GZ_TRAILER:
			if ((rc = gzip_trailer(in, e)) != 0)
				return rc;
			break;
		case ST_ZIP_STORED:
			if (in->out_member == in->zip_csize) {
				in->zip_usize = in->zip_csize;
				if ((rc = zip_check(in, e)) != 0)
					return rc;
				break;
			}
			if ((r = fill_in(in, 1, e)) < 0)
				return (int)r;
			if (r == 0)
				return fail(in, e, LIQ_ECONTAINER,
				    "truncated zip data");
			got = in->in_len - in->in_pos;
			if (got > in->zip_csize - in->out_member)
				got = (size_t)(in->zip_csize - in->out_member);
			if (got > cap - b->len)
				got = cap - b->len;
			memcpy(out + b->len, in->in + in->in_pos, got);
			in->crc = (uint32_t)crc32(in->crc, out + b->len,
			    (uInt)got);
			in->in_pos += got;
			in->out_member += got;
			b->len += got;
			break;
		case ST_ZIP_DESC:
			if ((rc = zip_desc(in, e)) != 0)
				return rc;
			break;
		case ST_ZIP_NEXT:
			if ((rc = zip_next(in, e)) != 0)
				return rc;
			break;
		case ST_DONE:
			b->eof = 1;
			return 0;
		}
	}
	return 0;
}

/* ------------------------------------------------------------ producer */

/*
 * The ring is handed over with atomics: the producer adds to count after
 * filling a buffer, the caller subtracts after using one (count is
 * sequentially consistent, so the buffer's bytes are seen before the new
 * count).  Waiting is polling, then napping, then sleeping: see SPIN_NS.
 * A sleeper raises its flag under the mutex before it looks at count one
 * last time; the other thread, after changing count, signals under the
 * mutex only if it sees the flag.  Flag and count being sequentially
 * consistent, either the sleeper sees the new count or the other thread
 * sees the flag (and, holding the mutex, signals no earlier than the
 * sleeper's wait).
 */
static int
has_full(struct liq_input *in)
{
	return atomic_load(&in->count) >= 2;	/* the caller's one, and next */
}

static int
has_free(struct liq_input *in)
{
	return atomic_load(&in->count) < NBUF || atomic_load(&in->stop);
}

static int64_t
elapsed_ns(const struct timespec *t0)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (int64_t)(t.tv_sec - t0->tv_sec) * 1000000000 +
	    (t.tv_nsec - t0->tv_nsec);
}

/* Wait until ready(in); *spin_ns is the polling time, adjusted here. */
static void
await(struct liq_input *in, int (*ready)(struct liq_input *), long *spin_ns,
    atomic_int *sleeping, pthread_cond_t *cv)
{
	struct timespec t0, nap = { 0, NAP_MIN_NS };
	int i;

	if (ready(in))
		return;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	do
		for (i = 0; i < 64; i++) {
			if (ready(in))
				return;
			cpu_relax();
		}
	while (elapsed_ns(&t0) < *spin_ns);
	while (!ready(in) && elapsed_ns(&t0) < NAP_NS) {
		nanosleep(&nap, NULL);
		nap.tv_nsec *= 2;
	}
	if (!ready(in)) {
		pthread_mutex_lock(&in->mu);
		atomic_store(sleeping, 1);
		while (!ready(in))
			pthread_cond_wait(cv, &in->mu);
		atomic_store(sleeping, 0);
		pthread_mutex_unlock(&in->mu);
	}
	if (elapsed_ns(&t0) < 2 * SPIN_NS)
		*spin_ns = SPIN_NS;
	else
		*spin_ns /= 2;
}

/* After a change of count: signal the other thread if it sleeps. */
static void
wake(struct liq_input *in, atomic_int *sleeping, pthread_cond_t *cv)
{
	if (atomic_load(sleeping)) {
		pthread_mutex_lock(&in->mu);
		pthread_cond_signal(cv);
		pthread_mutex_unlock(&in->mu);
	}
}

static void *
producer(void *arg)
{
	struct liq_input *in = arg;

	for (;;) {
		struct rbuf *b;
		int rc, eof;

		await(in, has_free, &in->spin_free, &in->sleep_free,
		    &in->cv_free);
		if (atomic_load(&in->stop))
			break;
		b = &in->buf[in->head];
		rc = fill(in, b, OUT_CHUNK, &in->perr_e);
		if (rc != 0) {
			in->perr = rc;
			b->eof = 1;
		}
		eof = b->eof;
		in->head = (in->head + 1) % NBUF;
		atomic_fetch_add(&in->count, 1);
		wake(in, &in->sleep_full, &in->cv_full);
		if (eof)
			break;
	}
	return NULL;
}

/* ---------------------------------------------------------------- API */

const char *
liq_inflate_backends(void)
{
#ifdef LIQ_HAVE_ISAL
	return "isa-l zlib";
#else
	return "zlib";
#endif
}

int
liq_input_open(struct liq_input **inp, const char *path, struct liq_error *e)
{
	struct liq_input *in;
	int i;

	*inp = NULL;
	if ((in = calloc(1, sizeof(*in))) == NULL)
		return liq_error_set(e, LIQ_ENOMEM, path, 0, NULL, NULL, 0,
		    "out of memory");
	in->fd = -1;
	in->spin_full = in->spin_free = SPIN_NS;
	pthread_mutex_init(&in->mu, NULL);
	pthread_cond_init(&in->cv_full, NULL);
	pthread_cond_init(&in->cv_free, NULL);
	in->wake[0] = in->wake[1] = -1;
	in->cur = -1;
	in->peeked = -1;
	if (path == NULL || strcmp(path, "-") == 0) {
		snprintf(in->name, sizeof(in->name), "(stdin)");
		in->fd = STDIN_FILENO;
	} else {
		snprintf(in->name, sizeof(in->name), "%s", path);
		in->fd = open(path, O_RDONLY | O_CLOEXEC);
		if (in->fd < 0) {
			int se = errno;
			liq_error_set(e, LIQ_EIO, path, 0, NULL, NULL, 0, "%s",
			    strerror(se));
			if (e)
				e->sys_errno = se;
			liq_input_close(in);
			return LIQ_EIO;
		}
	}
	{
		struct stat st;
		in->regular = fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode);
		if (!in->regular && pipe(in->wake) != 0) {
			int se = errno;
			liq_input_close(in);
			return liq_error_set(e, LIQ_EIO, path, 0, NULL, NULL,
			    0, "%s", strerror(se));
		}
	}
	in->in = malloc(IN_CHUNK + IN_GUARD);
	for (i = 0; i < NBUF; i++)
		in->buf[i].mem = calloc(1, HEADROOM + OUT_CHUNK + 32);
	for (i = 0; i < NBUF; i++)
		if (in->buf[i].mem == NULL)
			break;
	if (in->in == NULL || i < NBUF) {
		liq_input_close(in);
		return liq_error_set(e, LIQ_ENOMEM, path, 0, NULL, NULL, 0,
		    "out of memory");
	}
#ifdef LIQ_HAVE_ISAL
	{
		const char *env = getenv("LIQ_INFLATE");
		in->use_isal = env == NULL || strcmp(env, "zlib") != 0;
		if (in->use_isal) {
			in->isal = malloc(sizeof(*in->isal));
			if (in->isal == NULL) {
				liq_input_close(in);
				return liq_error_set(e, LIQ_ENOMEM, path, 0,
				    NULL, NULL, 0, "out of memory");
			}
			isal_inflate_init(in->isal);
		}
	}
#endif
	in->state = ST_DETECT;
	*inp = in;
	return 0;
}

void
liq_input_close(struct liq_input *in)
{
	int i;

	if (in == NULL)
		return;
	if (in->th_started) {
		pthread_mutex_lock(&in->mu);
		atomic_store(&in->stop, 1);	/* seen at its next poll or nap */
		pthread_cond_broadcast(&in->cv_free);	/* or sleep */
		pthread_mutex_unlock(&in->mu);
		if (in->wake[1] >= 0)	/* it may be blocked in read() */
			(void)!write(in->wake[1], "", 1);
		pthread_join(in->th, NULL);
	}
	pthread_mutex_destroy(&in->mu);
	pthread_cond_destroy(&in->cv_full);
	pthread_cond_destroy(&in->cv_free);
	if (in->z_ready)
		inflateEnd(&in->z);
#ifdef LIQ_HAVE_ISAL
	free(in->isal);
#endif
	if (in->fd > STDIN_FILENO)
		close(in->fd);
	if (in->wake[0] >= 0) {
		close(in->wake[0]);
		close(in->wake[1]);
	}
	for (i = 0; i < NBUF; i++)
		free(in->buf[i].mem);
	free(in->in);
	free(in);
}

const char *
liq_input_name(const struct liq_input *in)
{
	return in->name;
}

const char *
liq_input_member(const struct liq_input *in)
{
	return in->member;
}

int
liq_input_regular(const struct liq_input *in)
{
	return in->regular;
}

int
liq_input_container(const struct liq_input *in)
{
	return in->container;
}

const char *
liq_input_backend(const struct liq_input *in)
{
	if (in->container == LIQ_CONT_PLAIN)
		return "none";
	return in->use_isal ? "isa-l" : "zlib";
}

/*
 * Take the next filled buffer (the first one is filled here, on the
 * caller's thread, so a peek at a file's head costs one small chunk).
 * Returns its index or a negative code.
 */
static int take1(struct liq_input *, struct liq_error *);

/* take1, with errors made sticky: a failed input keeps failing. */
static int
take(struct liq_input *in, struct liq_error *e)
{
	int rc;

	if (in->failed) {
		if (e)
			*e = in->fail_e;
		return in->failed;
	}
	if ((rc = take1(in, e)) < 0) {
		in->failed = rc;
		if (e)
			in->fail_e = *e;
	}
	return rc;
}

/* The next filled buffer: the one a peek took, else the next one. */
static int
next_buf(struct liq_input *in, struct liq_error *e)
{
	int idx = in->peeked;

	if (idx >= 0) {
		in->peeked = -1;
		return idx;
	}
	return take(in, e);
}

static int
take1(struct liq_input *in, struct liq_error *e)
{
	int idx;

	if (!in->started) {
		int rc;

		in->started = 1;
		rc = fill(in, &in->buf[0], FIRST_CHUNK, e);
		if (rc != 0)
			return rc;
		in->head = 1;
		atomic_store(&in->count, 1);
		if (!in->buf[0].eof) {
			if (pthread_create(&in->th, NULL, producer, in) != 0)
				return fail(in, e, LIQ_ENOMEM,
				    "cannot start the reader thread");
			in->th_started = 1;
		}
		return 0;
	}
	idx = (in->cur + 1) % NBUF;
	await(in, has_full, &in->spin_full, &in->sleep_full, &in->cv_full);
	if (in->buf[idx].eof && in->perr != 0) {
		if (e)
			*e = in->perr_e;
		return in->perr;
	}
	return idx;
}

static void
release(struct liq_input *in)
{
	atomic_fetch_sub(&in->count, 1);
	wake(in, &in->sleep_free, &in->cv_free);
}

int
liq_input_drain(struct liq_input *in, struct liq_error *e)
{
	int idx;

	if (in->failed)
		return take(in, e);
	while (!in->done && !(in->cur >= 0 && in->buf[in->cur].eof)) {
		if ((idx = next_buf(in, e)) < 0) {
			in->done = 1;
			return idx;
		}
		if (in->cur >= 0)
			release(in);
		in->cur = idx;
	}
	in->done = 1;
	return 0;
}

int
liq_input_lines(struct liq_input *in, const char **p, size_t *n,
    struct liq_error *e)
{
	for (;;) {
		struct rbuf *b;
		char *data, *nl;
		int idx;

		if (in->failed)
			return take(in, e);
		if (in->done)
			return 0;
		if (in->cur >= 0 && in->buf[in->cur].eof) {
			in->done = 1;
			if (in->tail_len == 0)
				return 0;
			/* the last line lacks its newline: supply one */
			in->tail[in->tail_len] = '\n';
			*p = in->tail;
			*n = in->tail_len + 1;
			return 1;
		}
		if ((idx = next_buf(in, e)) < 0) {
			in->done = 1;
			return idx;
		}
		b = &in->buf[idx];
		data = b->mem + HEADROOM;
		if (in->tail_len > 0) {
			if (in->tail_len > HEADROOM) {
				in->done = 1;
				return liq_error_set(e, LIQ_EDATA, in->name, 0,
				    NULL, NULL, 0,
				    "a line is longer than %d KiB: not a "
				    "text file of rows?", HEADROOM / 1024);
			}
			memcpy(data - in->tail_len, in->tail, in->tail_len);
		}
		if (in->cur >= 0)
			release(in);
		in->cur = idx;
		if (in->tail_len > 0 && b->len > 0) {
			/* the line that crossed the boundary: not too long? */
			char *first = memchr(data, '\n', b->len);
			if (first != NULL && in->tail_len + (size_t)(first -
			    data) > HEADROOM) {
				in->done = 1;
				return liq_error_set(e, LIQ_EDATA, in->name, 0,
				    NULL, NULL, 0,
				    "a line is longer than %d KiB: not a "
				    "text file of rows?", HEADROOM / 1024);
			}
		}
		data -= in->tail_len;
		nl = b->len ? memrchr(data + in->tail_len, '\n', b->len) : NULL;
		if (nl == NULL) {
			/* no line ends here yet: all of it is tail */
			in->tail = data;
			in->tail_len += b->len;
			if (in->tail_len > HEADROOM + (b->eof ? OUT_CHUNK : 0)) {
				in->done = 1;
				return liq_error_set(e, LIQ_EDATA, in->name, 0,
				    NULL, NULL, 0,
				    "a line is longer than %d KiB: not a "
				    "text file of rows?", HEADROOM / 1024);
			}
			/* keep the tail where the next copy can reach it */
			continue;
		}
		*p = data;
		*n = (size_t)(nl - data) + 1;
		in->tail = nl + 1;
		in->tail_len = (size_t)(data + in->tail_len + b->len - nl - 1);
		return 1;
	}
}

long
liq_input_read(struct liq_input *in, void *dst, size_t n,
    struct liq_error *e)
{
	size_t done = 0;

	while (done < n) {
		struct rbuf *b;
		size_t k;
		int idx;

		if (in->cur >= 0 && in->raw_pos < in->buf[in->cur].len) {
			b = &in->buf[in->cur];
			k = b->len - in->raw_pos;
			if (k > n - done)
				k = n - done;
			memcpy((char *)dst + done, b->mem + HEADROOM +
			    in->raw_pos, k);
			in->raw_pos += k;
			done += k;
			continue;
		}
		if (in->cur >= 0 && in->buf[in->cur].eof)
			break;
		if ((idx = next_buf(in, e)) < 0)
			return idx;
		if (in->cur >= 0)
			release(in);
		in->cur = idx;
		in->raw_pos = 0;
	}
	return (long)done;
}

int
liq_input_peek(struct liq_input *in, const char **p, size_t *n,
    struct liq_error *e)
{
	int idx;

	if (in->peeked < 0) {
		if (in->started)
			return liq_error_set(e, LIQ_EARG, in->name, 0, NULL,
			    NULL, 0, "peek after reading");
		if ((idx = take(in, e)) < 0) {
			in->done = 1;
			return idx;
		}
		in->peeked = idx;
	}
	*p = in->buf[in->peeked].mem + HEADROOM;
	*n = in->buf[in->peeked].len;
	return 0;
}
