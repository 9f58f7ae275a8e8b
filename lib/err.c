/*
 * err.c - the error record every library call fills in on failure, and its
 * one-line rendering "file:line: field: message: "text"" for the programs.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "liq.h"

void
liq_error_clear(struct liq_error *e)
{
	if (e == NULL)
		return;
	memset(e, 0, sizeof(*e));
}

static void
copy_cut(char *dst, size_t cap, const char *src, size_t n)
{
	size_t i, o = 0;

	if (src == NULL) {
		dst[0] = '\0';
		return;
	}
	if (n == SIZE_MAX)
		n = strlen(src);
	for (i = 0; i < n && o + 1 < cap; i++) {
		unsigned char c = (unsigned char)src[i];
		/* keep messages on one line and printable */
		dst[o++] = (c < 0x20 || c == 0x7f) ? '?' : (char)c;
	}
	dst[o] = '\0';
	if (i < n && cap > 4)
		memcpy(dst + cap - 4, "...", 4);
}

int
liq_error_set(struct liq_error *e, int code, const char *file, int64_t line,
    const char *field, const char *text, size_t textlen, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return code;
	e->code = code;
	e->line = line;
	copy_cut(e->file, sizeof(e->file), file, SIZE_MAX);
	copy_cut(e->field, sizeof(e->field), field, SIZE_MAX);
	copy_cut(e->text, sizeof(e->text), text, text ? textlen : 0);
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return code;
}

char *
liq_error_format(const struct liq_error *e, char *buf, size_t len)
{
	size_t o = 0;

#define ADD(...) do { \
		int k_ = snprintf(buf + o, len - o, __VA_ARGS__); \
		if (k_ > 0) \
			o = (size_t)k_ >= len - o ? len - 1 : o + (size_t)k_; \
	} while (0)
	buf[0] = '\0';
	if (e->file[0] != '\0') {
		ADD("%s", e->file);
		if (e->line > 0)
			ADD(":%lld", (long long)e->line);
		ADD(": ");
	}
	if (e->field[0] != '\0')
		ADD("%s: ", e->field);
	ADD("%s", e->msg[0] ? e->msg : "unknown error");
	if (e->text[0] != '\0')
		ADD(": \"%s\"", e->text);
#undef ADD
	return buf;
}
