/*
 * endian_int.h - little-endian packing of integers and doubles, byte by
 * byte, for the binary file formats.  Private to lib/.
 */
#ifndef LIQ_ENDIAN_INT_H
#define LIQ_ENDIAN_INT_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <zlib.h>
#ifdef LIQ_HAVE_ISAL
#include <isa-l/crc.h>
#endif

/*
 * zlib's CRC-32 (the gzip polynomial), continued from crc (0 to start).
 * ISA-L's folding implementation gives the same value several times
 * faster; the binary formats spend most of their checking time here.
 */
static inline uint32_t
liq__crc32(uint32_t crc, const void *p, size_t n)
{
#ifdef LIQ_HAVE_ISAL
	return crc32_gzip_refl(crc, (const unsigned char *)p, (uint64_t)n);
#else
	const unsigned char *b = p;

	while (n > 0) {
		uInt k = n > (1u << 30) ? (1u << 30) : (uInt)n;

		crc = (uint32_t)crc32(crc, b, k);
		b += k;
		n -= k;
	}
	return crc;
#endif
}

static inline void
liq__put64(unsigned char *p, uint64_t v)
{
	for (int i = 0; i < 8; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline void
liq__put32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

static inline uint64_t
liq__get64(const unsigned char *p)
{
	uint64_t v = 0;

	for (int i = 7; i >= 0; i--)
		v = v << 8 | p[i];
	return v;
}

static inline uint32_t
liq__get16(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8;
}

static inline uint32_t
liq__get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	    (uint32_t)p[3] << 24;
}

static inline void
liq__putd(unsigned char *p, double d)
{
	uint64_t v;

	memcpy(&v, &d, 8);
	liq__put64(p, v);
}

static inline double
liq__getd(const unsigned char *p)
{
	uint64_t v = liq__get64(p);
	double d;

	memcpy(&d, &v, 8);
	return d;
}

#endif
