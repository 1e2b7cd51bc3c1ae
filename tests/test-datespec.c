/* test-datespec.c: unit tests for due-date parsing (ISO dates, today, tomorrow, +Nd/+Nw/+Nm). */
#include "config.h"

#include <locale.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "datespec.h"
#include "text.h"

#define TODAY "2026-11-23"

static void
expect_date(const char *in, const char *today, const char *want)
{
	char out[11] = "xxxxxxxxxx";
	char *err = (char *)"untouched";

	assert_int_equal(datespec_parse(in, today, out, &err), 0);
	assert_null(err);
	assert_string_equal(out, want);
}

static char *
expect_error(const char *in)
{
	char out[11] = "xxxxxxxxxx";
	char *err = NULL;

	assert_int_equal(datespec_parse(in, TODAY, out, &err), -1);
	assert_string_equal(out, "");
	assert_non_null(err);
	assert_non_null(strstr(err, "YYYY-MM-DD"));
	assert_non_null(strstr(err, "+2w"));
	return err;
}

/* The message line is one line: at 80 columns the whole message shows, cause first. */
static void
datespec_parse__error__fits_one_line_of_80_columns_cause_first(void **state)
{
	char *err;

	(void)state;
	err = expect_error("2026-02-30");
	assert_true(strncmp(err, "'2026-02-30' is not a date", 26) == 0);
	assert_true(text_width(err, strlen(err)) <= 79);
	free(err);
	err = expect_error("next tuesday after the workshop, if the minister agrees");
	assert_true(text_width(err, strlen(err)) <= 79);
	free(err);
}

static void
datespec_parse__accepts__empty_input_as_no_date(void **state)
{
	(void)state;
	expect_date("", TODAY, "");
	expect_date("   ", TODAY, "");
	expect_date(NULL, TODAY, "");
}

static void
datespec_parse__accepts__iso_dates_with_blanks_around(void **state)
{
	(void)state;
	expect_date("2027-01-15", TODAY, "2027-01-15");
	expect_date("  2027-12-31\t", TODAY, "2027-12-31");
}

static void
datespec_parse__accepts__february_29_only_in_leap_years(void **state)
{
	char *err;

	(void)state;
	expect_date("2024-02-29", TODAY, "2024-02-29");
	expect_date("2000-02-29", TODAY, "2000-02-29");
	err = expect_error("2023-02-29");
	free(err);
	err = expect_error("1900-02-29");
	free(err);
	err = expect_error("2100-02-29");
	free(err);
}

static void
datespec_parse__rejects__impossible_calendar_dates(void **state)
{
	const char *bad[] = { "2026-13-01", "2026-00-10", "2026-04-31", "2026-01-00",
	    "2026-1-5", "26-01-05", "2026/01/05", "2026-01-05x", "0999-01-01" };

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		free(expect_error(bad[i]));
}

static void
datespec_parse__accepts__today_and_tomorrow_in_any_case(void **state)
{
	(void)state;
	expect_date("today", TODAY, TODAY);
	expect_date("Today", TODAY, TODAY);
	expect_date("TOMORROW", TODAY, "2026-11-24");
	expect_date("tomorrow", "2026-12-31", "2027-01-01");
	expect_date("tomorrow", "2024-02-28", "2024-02-29");
}

static void
datespec_parse__adds__days_and_weeks_across_month_and_year_ends(void **state)
{
	(void)state;
	expect_date("+0d", TODAY, TODAY);
	expect_date("+3d", TODAY, "2026-11-26");
	expect_date("+10d", TODAY, "2026-12-03");
	expect_date("+2w", TODAY, "2026-12-07");
	expect_date("+6W", TODAY, "2027-01-04");
	expect_date("+366d", "2024-01-01", "2025-01-01");
	expect_date("+1d", "2023-02-28", "2023-03-01");
}

static void
datespec_parse__adds__months_clamping_the_day_to_the_month_end(void **state)
{
	(void)state;
	expect_date("+1m", TODAY, "2026-12-23");
	expect_date("+2m", TODAY, "2027-01-23");
	expect_date("+1m", "2024-01-31", "2024-02-29");
	expect_date("+1m", "2023-01-31", "2023-02-28");
	expect_date("+3m", "2026-01-31", "2026-04-30");
	expect_date("+12M", "2024-02-29", "2025-02-28");
	expect_date("+24m", "2024-02-29", "2026-02-28");
}

static void
datespec_parse__rejects__malformed_shortcuts(void **state)
{
	const char *bad[] = { "+", "+d", "+2", "+2y", "-2d", "+ 2d", "+2 d", "+99999d",
	    "2w", "yesterday", "next week", "tomorrowx" };

	(void)state;
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		free(expect_error(bad[i]));
}

static void
datespec_parse__rejects__results_past_year_9999(void **state)
{
	char out[11];
	char *err = NULL;

	(void)state;
	assert_int_equal(datespec_parse("+9999w", "9990-01-01", out, &err), -1);
	assert_non_null(err);
	free(err);
	assert_int_equal(datespec_parse("+9999m", "9990-01-01", out, &err), -1);
	free(err);
}

static void
datespec_parse__quotes__the_input_sanitised_in_its_error(void **state)
{
	char *err;

	(void)state;
	err = expect_error("soon\x1b[2J");
	assert_non_null(strstr(err, "'soon[2J'"));
	assert_null(strchr(err, 0x1b));
	free(err);
}

static void
datespec_parse__tolerates__a_null_error_pointer(void **state)
{
	char out[11];

	(void)state;
	assert_int_equal(datespec_parse("someday", TODAY, out, NULL), -1);
	assert_string_equal(out, "");
}

static void
datespec_today__honours__ciipwb_today_when_valid(void **state)
{
	char out[11];

	(void)state;
	setenv("CIIPWB_TODAY", "2030-06-15", 1);
	datespec_today(out);
	assert_string_equal(out, "2030-06-15");
	expect_date("+1w", NULL, "2030-06-22");
	setenv("CIIPWB_TODAY", "2030-02-30", 1);
	datespec_today(out);
	assert_true(datespec_valid(out));
	assert_string_not_equal(out, "2030-02-30");
	unsetenv("CIIPWB_TODAY");
	datespec_today(out);
	assert_true(datespec_valid(out));
}

static void
datespec_valid__accepts__only_exact_real_dates(void **state)
{
	(void)state;
	assert_true(datespec_valid("2026-11-23"));
	assert_false(datespec_valid("2026-11-31"));
	assert_false(datespec_valid(" 2026-11-23"));
	assert_false(datespec_valid(""));
	assert_false(datespec_valid(NULL));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(datespec_parse__accepts__empty_input_as_no_date),
		cmocka_unit_test(datespec_parse__error__fits_one_line_of_80_columns_cause_first),
		cmocka_unit_test(datespec_parse__accepts__iso_dates_with_blanks_around),
		cmocka_unit_test(datespec_parse__accepts__february_29_only_in_leap_years),
		cmocka_unit_test(datespec_parse__rejects__impossible_calendar_dates),
		cmocka_unit_test(datespec_parse__accepts__today_and_tomorrow_in_any_case),
		cmocka_unit_test(datespec_parse__adds__days_and_weeks_across_month_and_year_ends),
		cmocka_unit_test(datespec_parse__adds__months_clamping_the_day_to_the_month_end),
		cmocka_unit_test(datespec_parse__rejects__malformed_shortcuts),
		cmocka_unit_test(datespec_parse__rejects__results_past_year_9999),
		cmocka_unit_test(datespec_parse__quotes__the_input_sanitised_in_its_error),
		cmocka_unit_test(datespec_parse__tolerates__a_null_error_pointer),
		cmocka_unit_test(datespec_today__honours__ciipwb_today_when_valid),
		cmocka_unit_test(datespec_valid__accepts__only_exact_real_dates),
	};

	setlocale(LC_ALL, "");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
