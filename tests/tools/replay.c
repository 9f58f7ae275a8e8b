/*
 * replay.c - run saved inputs through a fuzz harness without libFuzzer:
 * linked with one fuzz/NAME.c into BUILD/replay-NAME, so the regression
 * inputs under tests/regress/NAME/ go through exactly the code that found
 * them, in the normal and the sanitizer builds.
 *
 *   BUILD/replay-NAME FILE...
 *
 * Exits 0 when every file ran (a harness aborts on a wrong result), 1 when
 * a file cannot be read.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		uint8_t *buf = NULL;
		size_t n = 0, cap = 0, k;

		if (f == NULL) {
			perror(argv[i]);
			return 1;
		}
		do {
			if (n == cap) {
				uint8_t *nb;
				cap = cap ? cap * 2 : 65536;
				if ((nb = realloc(buf, cap)) == NULL) {
					perror("replay");
					return 1;
				}
				buf = nb;
			}
			k = fread(buf + n, 1, cap - n, f);
			n += k;
		} while (k > 0);
		if (ferror(f)) {
			perror(argv[i]);
			return 1;
		}
		fclose(f);
		/* an exact-size copy, so a read past the end is caught */
		{
			uint8_t *exact = malloc(n ? n : 1);
			if (exact == NULL)
				return 1;
			for (k = 0; k < n; k++)
				exact[k] = buf[k];
			LLVMFuzzerTestOneInput(exact, n);
			free(exact);
		}
		free(buf);
	}
	return 0;
}
