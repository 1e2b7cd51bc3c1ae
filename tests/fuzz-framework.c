/* fuzz-framework.c: libFuzzer target for the framework and cross-reference parsers. */
/*
 * Not built by default: run tests/fuzz.sh (it builds every fuzz-*.c with clang).
 * Any crash, sanitizer report or abort() below is a bug: a parse either succeeds with a
 * framework and no message, or fails with a message and no framework.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>

#include "framework.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct framework *fw = NULL;
	struct fw_xref *xs = NULL;
	char *err = NULL;
	size_t nx = 0;

	if (fw_parse("fuzz", (const char *)data, size, &fw, &err) == 0) {
		if (fw == NULL || err != NULL)
			abort();
	} else if (err == NULL || fw != NULL)
		abort();
	fw_free(fw);
	free(err);
	err = NULL;

	if (fw_xref_parse("fuzz", (const char *)data, size, &xs, &nx, &err) != 0 &&
	    (err == NULL || nx != 0))
		abort();
	for (size_t i = 0; i < nx; i++) {
		free(xs[i].a);
		free(xs[i].b);
	}
	free(xs);
	free(err);
	return 0;
}
