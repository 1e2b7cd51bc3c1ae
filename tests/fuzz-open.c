/* fuzz-open.c: libFuzzer target for the workbook opener: any bytes, given to SQLite as a file. */
/*
 * Built by `make fuzz` after `./configure --enable-fuzzing` (tests/fuzz.sh). The bytes are
 * loaded with sqlite3_deserialize (read-only) and go through the checks of wb_open(): header,
 * application id, version, schema. An accepted workbook is then read through the storage API
 * as the browser would. Any crash, sanitizer report or abort() below is a bug: the opener
 * either accepts (a read-only workbook and no message) or refuses with one inert line.
 */
#include "config.h"

#include <locale.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sqlite3.h>

#include "wb.h"
#include "wb_internal.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int
fuzz_note(const struct wb_note *n, void *arg)
{
	(void)arg;
	return n->body == NULL;
}

static int
fuzz_item(const struct wb_item *it, void *arg)
{
	(void)arg;
	return it->ref == NULL;
}

static int
fuzz_stakeholder(const struct wb_stakeholder *s, void *arg)
{
	(void)arg;
	return s->name == NULL;
}

static void
fuzz_inert(const char *s)
{
	for (; *s != '\0'; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f ||
		    ((unsigned char)s[0] == 0xc2 && (unsigned char)s[1] >= 0x80 &&
		    (unsigned char)s[1] <= 0x9f))
			abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	sqlite3 *db = NULL;
	struct wb *wb = NULL;
	struct wb_counts c;
	char *err = NULL;
	unsigned char *copy;

	if (!ready) {
		setlocale(LC_ALL, "C.UTF-8");
		/* Keep each input cheap: a small cache and a small heap limit. */
		sqlite3_hard_heap_limit64(64 * 1024 * 1024);
		ready = 1;
	}
	if (size == 0 || size > 4 * 1024 * 1024)
		return 0;
	if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		abort();
	copy = sqlite3_malloc64(size);
	if (copy == NULL) {
		sqlite3_close(db);
		return 0;
	}
	memcpy(copy, data, size);
	/* An in-memory database cannot read WAL: read a WAL file as a rollback one. */
	if (size >= 20 && copy[18] == 2 && copy[19] == 2)
		copy[18] = copy[19] = 1;
	if (sqlite3_deserialize(db, "main", copy, (sqlite3_int64)size, (sqlite3_int64)size,
	    SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_READONLY) != SQLITE_OK) {
		sqlite3_close(db);
		return 0;
	}
	if (wb__open_db(db, "/fuzz/input.ciipwb", &wb, &err) != 0) {
		if (err == NULL || wb != NULL || strchr(err, '\n') != NULL)
			abort();
		fuzz_inert(err);
		free(err);
		return 0;
	}
	if (err != NULL || !wb_readonly(wb))
		abort();
	if (wb_notice(wb) != NULL)
		fuzz_inert(wb_notice(wb));
	(void)wb_counts(wb, &c);
	(void)wb_notes_each(wb, NULL, fuzz_note, NULL);
	(void)wb_items_each(wb, fuzz_item, NULL);
	(void)wb_stakeholders_each(wb, fuzz_stakeholder, NULL);
	fuzz_inert(wb_errmsg(wb));
	wb_close(wb);
	return 0;
}
