/* test-settings.c: the settings file: defaults, values, and warnings that never fail. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "settings.h"

static char *
write_file(const char *text)
{
	char tmpl[] = "/tmp/ciipwb-settings-XXXXXX";
	int fd = mkstemp(tmpl);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	return strdup(tmpl);
}

static void
settings_load__missing_file__keeps_every_default(void **state)
{
	char *warn = (char *)1;

	(void)state;
	assert_int_equal(settings_load("/nonexistent/ciipwb/config", &warn), 0);
	assert_null(warn);
	assert_int_equal(settings_int("timebox_minutes"), 20);
	assert_int_equal(settings_bool("timebox_bell"), 0);
	assert_string_equal(settings_str("print_command"), "lp -o lpi=7 -o cpi=11");
	settings_free();
}

static void
settings_load__reads_values_comments_and_blanks(void **state)
{
	char *path = write_file("# a comment\n\n  timebox_minutes =  35 \n"
	    "timebox_bell=yes\nprint_command = lp -d office -o sides=two-sided\n");
	char *warn = NULL;

	(void)state;
	assert_int_equal(settings_load(path, &warn), 0);
	assert_null(warn);
	assert_int_equal(settings_int("timebox_minutes"), 35);
	assert_int_equal(settings_bool("timebox_bell"), 1);
	assert_string_equal(settings_str("print_command"), "lp -d office -o sides=two-sided");
	settings_free();
	assert_int_equal(settings_int("timebox_minutes"), 20);
	unlink(path);
	free(path);
}

static void
settings_load__bad_lines__warn_with_file_and_line_and_keep_defaults(void **state)
{
	char *path = write_file("colour = blue\ntimebox_minutes = 0\ntimebox_bell = maybe\n"
	    "just words\nbackup_keep = 3\n");
	char *warn = NULL;

	(void)state;
	assert_int_equal(settings_load(path, &warn), 0);
	assert_non_null(warn);
	assert_non_null(strstr(warn, ":1: unknown setting 'colour'"));
	assert_non_null(strstr(warn, ":2: 'timebox_minutes' must be a whole number from 1 to 600"));
	assert_non_null(strstr(warn, ":3: 'timebox_bell' must be yes or no"));
	assert_non_null(strstr(warn, ":4: not of the form"));
	assert_non_null(strstr(warn, path));
	assert_int_equal(settings_int("timebox_minutes"), 20);
	assert_int_equal(settings_bool("timebox_bell"), 0);
	assert_int_equal(settings_int("backup_keep"), 3);
	free(warn);
	settings_free();
	unlink(path);
	free(path);
}

static void
settings_load__environment_names_the_file(void **state)
{
	char *path = write_file("backup_interval_minutes = 2\n");
	char *warn = NULL;

	(void)state;
	setenv("CIIPWB_CONFIG", path, 1);
	assert_int_equal(settings_load(NULL, &warn), 0);
	assert_null(warn);
	assert_int_equal(settings_int("backup_interval_minutes"), 2);
	unsetenv("CIIPWB_CONFIG");
	settings_free();
	unlink(path);
	free(path);
}

static void
settings_get__unknown_or_mistyped_key__gives_zero_values(void **state)
{
	(void)state;
	assert_string_equal(settings_str("no_such_key"), "");
	assert_int_equal(settings_int("print_command"), 0);
	assert_int_equal(settings_bool("timebox_minutes"), 0);
}

static void
settings_table__keys_are_unique_and_defaults_valid(void **state)
{
	(void)state;
	for (size_t i = 0; i < settings_ntable; i++) {
		const struct settings_def *d = &settings_table[i];

		assert_non_null(d->help);
		for (size_t j = i + 1; j < settings_ntable; j++)
			assert_string_not_equal(d->key, settings_table[j].key);
		if (d->type == SETTINGS_INT) {
			long v = strtol(d->dflt, NULL, 10);

			assert_true(v >= d->lo && v <= d->hi);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(settings_load__missing_file__keeps_every_default),
		cmocka_unit_test(settings_load__reads_values_comments_and_blanks),
		cmocka_unit_test(settings_load__bad_lines__warn_with_file_and_line_and_keep_defaults),
		cmocka_unit_test(settings_load__environment_names_the_file),
		cmocka_unit_test(settings_get__unknown_or_mistyped_key__gives_zero_values),
		cmocka_unit_test(settings_table__keys_are_unique_and_defaults_valid),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
