/* test-wb-util.h: helpers shared by the workbook tests (temporary dirs, raw dumps, integrity). */
#ifndef CIIPWB_TEST_WB_UTIL_H
#define CIIPWB_TEST_WB_UTIL_H

#include <stddef.h>

struct wb;

/* A new private temporary directory (malloc'd); tu_rmrf() removes it. */
char *tu_tmpdir(void);
void tu_rmrf(const char *dir);
/* dir + "/" + name, malloc'd. */
char *tu_path(const char *dir, const char *name);
/* Write / read a whole file; read returns malloc'd bytes (NUL added), *len set. */
void tu_write_file(const char *path, const void *buf, size_t len);
char *tu_read_file(const char *path, size_t *len);
/* Copy a closed workbook file FROM to TO, mode 0600; aborts (failing the test) when FROM
 * cannot be read. */
void tu_copy_file(const char *from, const char *to);
/* Every row of every workbook table (schema v1) of the database at path, as one malloc'd text
 * (hex of each value), read through a separate read-only connection. */
char *tu_dump(const char *path);
/* "ok" or the first problem PRAGMA integrity_check and foreign_key_check
 * report; malloc'd. */
char *tu_integrity(const char *path);
/* Run SQL on the file through a plain connection (as the sqlite3 client or
 * another SQLite tool would); aborts with the message when it fails. */
void tu_exec(const char *path, const char *sql);
/* Every row SQL returns on a separate read-only connection, as text: the columns of a row
 * joined by "|" ("<null>" for NULL), each row ending in "\n"; malloc'd. */
char *tu_rows(const char *path, const char *sql);
/* One integer from SQL run on a separate connection. */
long long tu_int(const char *path, const char *sql);

/* The usual test fixture: a new workbook NAME in a new private temporary directory, open for
 * writing; *dir, *path and *wb are set. 0, or -1 after printing why (a cmocka setup that
 * returns it fails the test). tu_wb_teardown() closes it, removes the directory and clears the
 * three. */
/* P (and P-journal) as a crash leaves them: a copy of the workbook SRC (its user_version
 * set to UV first) in the middle of a change too big for the cache (every note's body
 * starting 'half-written ', 200 breakout groups added), in rollback-journal
 * mode. SRC itself is left as it was, in that mode. */
void tu_make_hot(const char *src, int uv, const char *p);

int tu_wb_setup(char **dir, char **path, struct wb **wb, const char *name);
int tu_wb_teardown(char **dir, char **path, struct wb **wb);

#endif
