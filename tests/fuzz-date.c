/* fuzz-date.c: libFuzzer target for the due-date parser (datespec.c). */
/*
 * Built by `make fuzz` after `./configure --enable-fuzzing` (tests/fuzz.sh). Any crash,
 * sanitizer report or abort() below is a bug: a parse either gives "" or a valid
 * YYYY-MM-DD and no message, or fails with "" and one inert message.
 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "datespec.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in, out[11], *err = NULL;
	const char *today = "2024-02-29";

	/* The first byte picks TODAY among a few edge dates. */
	if (size > 0) {
		static const char *const days[] = { "2024-02-29", "1000-01-01", "9999-12-31",
		    "2023-01-31" };

		today = days[data[0] % 4];
		data++;
		size--;
	}
	if ((in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	memset(out, 'x', sizeof out);
	if (datespec_parse(in, today, out, &err) == 0) {
		if (err != NULL || memchr(out, '\0', sizeof out) == NULL ||
		    (out[0] != '\0' && !datespec_valid(out)))
			abort();
	} else {
		if (err == NULL || out[0] != '\0')
			abort();
		for (const char *s = err; *s != '\0'; s++)
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				abort();
		free(err);
	}
	free(in);
	return 0;
}
