/*
 * png.c - the raster's PNG writer: an image as an 8-bit RGB PNG (W3C
 * PNG, Third Edition: colour type 2, bit depth 8, no interlace), the
 * pixels compressed by zlib and cut into IDAT chunks, each chunk's CRC
 * zlib's crc32 over its type and data.  Every row has the filter type
 * None (0): a heatmap is long runs of one colour along its rows and the
 * same rows again wherever a price bin spans several pixel rows, which
 * deflate's matches find unfiltered (the sample heatmap: 166 KB,
 * against 175 KB with Sub and 213 KB with Up, all at level 9).  A
 * heatmap's plot area goes in a tEXt chunk "plot" ("X Y W H"), as the
 * PPM's header comment.  One fixed filter and fixed zlib settings make
 * the bytes a function of the pixels alone.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "liq.h"

#define CHUNK_MAX (1 << 16)	/* bytes of compressed data per IDAT */

static void
put_be32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)(v >> 24);
	p[1] = (unsigned char)(v >> 16);
	p[2] = (unsigned char)(v >> 8);
	p[3] = (unsigned char)v;
}

/* A chunk: length, type, data, CRC-32 of type and data. */
static void
put_chunk(FILE *f, const char *type, const unsigned char *data, uint32_t n)
{
	unsigned char b[8];
	uLong crc = crc32(0L, (const Bytef *)type, 4);

	if (n > 0)
		crc = crc32(crc, data, n);
	put_be32(b, n);
	memcpy(b + 4, type, 4);
	fwrite(b, 1, 8, f);
	if (n > 0)
		fwrite(data, 1, n, f);
	put_be32(b, (uint32_t)crc);
	fwrite(b, 1, 4, f);
}

static int
png_err(struct liq_error *e, int code, const char *msg, int se)
{
	liq_error_set(e, code, NULL, 0, NULL, NULL, 0, "%s", msg);
	if (e != NULL)
		e->sys_errno = se;
	return code;
}

/* Compress what z holds so far (or finish with flush Z_FINISH) into
 * out, writing every full chunk. */
static int
drain(z_stream *z, FILE *f, unsigned char *out, int flush)
{
	int rc;

	do {
		rc = deflate(z, flush);
		if (rc == Z_STREAM_ERROR)
			return -1;
		if (z->avail_out == 0 || (rc == Z_STREAM_END &&
		    z->avail_out < CHUNK_MAX)) {
			put_chunk(f, "IDAT", out, CHUNK_MAX - z->avail_out);
			z->next_out = out;
			z->avail_out = CHUNK_MAX;
		}
	} while (z->avail_in > 0 || (flush == Z_FINISH && rc != Z_STREAM_END));
	return 0;
}

int
liq_raster_write_png(const struct liq_raster_image *im, FILE *f,
    struct liq_error *e)
{
	static const unsigned char sig[8] = { 0x89, 'P', 'N', 'G', '\r',
		'\n', 0x1a, '\n' };
	size_t stride = (size_t)im->width * 3;
	unsigned char ihdr[13], *row, *out;
	z_stream z;
	int rc = 0;

	if ((row = malloc(stride + 1)) == NULL ||
	    (out = malloc(CHUNK_MAX)) == NULL) {
		free(row);
		return png_err(e, LIQ_ENOMEM, "out of memory", 0);
	}
	memset(&z, 0, sizeof(z));
	/* zlib level 9, 32 KiB window, default strategy */
	if (deflateInit2(&z, 9, Z_DEFLATED, 15, 8, Z_DEFAULT_STRATEGY) !=
	    Z_OK) {
		free(row);
		free(out);
		return png_err(e, LIQ_ENOMEM, "out of memory (zlib)", 0);
	}
	fwrite(sig, 1, 8, f);
	put_be32(ihdr, im->width);
	put_be32(ihdr + 4, im->height);
	ihdr[8] = 8;		/* bit depth */
	ihdr[9] = 2;		/* colour type: RGB */
	ihdr[10] = 0;		/* deflate */
	ihdr[11] = 0;		/* filter method 0 */
	ihdr[12] = 0;		/* no interlace */
	put_chunk(f, "IHDR", ihdr, 13);
	if (im->plot_w > 0) {
		/* where the plot is, as the PPM's "# plot" comment says */
		char t[64];
		int n = snprintf(t, sizeof(t), "plot%c%u %u %u %u", '\0',
		    im->plot_x, im->plot_y, im->plot_w, im->plot_h);

		put_chunk(f, "tEXt", (const unsigned char *)t, (uint32_t)n);
	}
	z.next_out = out;
	z.avail_out = CHUNK_MAX;
	for (uint32_t y = 0; y < im->height && rc == 0; y++) {
		const unsigned char *p = im->rgb + y * stride;

		row[0] = 0;	/* filter type None */
		memcpy(row + 1, p, stride);
		z.next_in = row;
		z.avail_in = (uInt)(stride + 1);
		rc = drain(&z, f, out, Z_NO_FLUSH);
	}
	if (rc == 0)
		rc = drain(&z, f, out, Z_FINISH);
	deflateEnd(&z);
	free(row);
	free(out);
	if (rc != 0)
		return png_err(e, LIQ_ENOMEM, "zlib deflate failed", 0);
	put_chunk(f, "IEND", NULL, 0);
	if (ferror(f))
		return png_err(e, LIQ_EIO, "write error", errno);
	return 0;
}
