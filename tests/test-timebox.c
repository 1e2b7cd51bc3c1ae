/* test-timebox.c: the per-heading time-box timers on a fake clock (nothing here sleeps). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "timebox.h"

static int64_t fake_now;

static int64_t
fake_clock(void *arg)
{
	(void)arg;
	return fake_now;
}

static struct timebox tb;

static int
setup(void **state)
{
	(void)state;
	fake_now = 1790000000;
	timebox_init(&tb, 20 * 60, fake_clock, NULL);
	return 0;
}

static int
teardown(void **state)
{
	(void)state;
	timebox_free(&tb);
	return 0;
}

static void
timer__new_heading_has_the_default_length_and_is_stopped(void **state)
{
	(void)state;
	assert_int_equal(timebox_length(&tb, "64/211#1"), 1200);
	assert_int_equal(timebox_left(&tb, "64/211#1"), 1200);
	assert_int_equal(timebox_spent(&tb, "64/211#1"), 0);
	assert_int_equal(timebox_running(&tb, "64/211#1"), 0);
	assert_int_equal(timebox_started(&tb, "64/211#1"), 0);
	assert_int_equal(timebox_ended(&tb, "64/211#1"), 0);
	assert_null(timebox_active(&tb));
	fake_now += 600;
	assert_int_equal(timebox_left(&tb, "64/211#1"), 1200);
}

static void
timer__counts_down_pauses_and_resumes(void **state)
{
	(void)state;
	assert_int_equal(timebox_start(&tb, "64/211#1"), 0);
	assert_int_equal(timebox_running(&tb, "64/211#1"), 1);
	assert_string_equal(timebox_active(&tb), "64/211#1");
	fake_now += 300;
	assert_int_equal(timebox_left(&tb, "64/211#1"), 900);
	assert_int_equal(timebox_spent(&tb, "64/211#1"), 300);
	timebox_pause(&tb, "64/211#1");
	assert_int_equal(timebox_running(&tb, "64/211#1"), 0);
	fake_now += 1000;      /* a coffee break does not count */
	assert_int_equal(timebox_left(&tb, "64/211#1"), 900);
	assert_int_equal(timebox_ended(&tb, "64/211#1"), 1790000300);
	assert_int_equal(timebox_start(&tb, "64/211#1"), 0);
	fake_now += 60;
	assert_int_equal(timebox_spent(&tb, "64/211#1"), 360);
	/* Started once, at the first start; while it runs, it "ends" now. */
	assert_int_equal(timebox_started(&tb, "64/211#1"), 1790000000);
	assert_int_equal(timebox_ended(&tb, "64/211#1"), fake_now);
	/* Starting twice changes nothing. */
	assert_int_equal(timebox_start(&tb, "64/211#1"), 0);
	assert_int_equal(timebox_spent(&tb, "64/211#1"), 360);
}

static void
timer__one_runs_at_a_time_and_each_heading_keeps_its_own(void **state)
{
	(void)state;
	assert_int_equal(timebox_start(&tb, "64/211#1"), 0);
	fake_now += 100;
	assert_int_equal(timebox_start(&tb, "64/211#2"), 0);
	assert_int_equal(timebox_running(&tb, "64/211#1"), 0);
	assert_string_equal(timebox_active(&tb), "64/211#2");
	fake_now += 50;
	assert_int_equal(timebox_spent(&tb, "64/211#1"), 100);
	assert_int_equal(timebox_spent(&tb, "64/211#2"), 50);
	assert_int_equal(timebox_left(&tb, "58/199#0"), 1200);
}

static void
timer__runs_out_into_negative_time_and_tells_once(void **state)
{
	char buf[24];

	(void)state;
	assert_int_equal(timebox_set_length(&tb, "64/211#5", 90), 0);
	assert_int_equal(timebox_start(&tb, "64/211#5"), 0);
	fake_now += 89;
	assert_int_equal(timebox_poll(&tb), 0);
	assert_string_equal(timebox_format(timebox_left(&tb, "64/211#5"), buf, sizeof buf), "0:01");
	fake_now += 1;
	assert_int_equal(timebox_poll(&tb), 1);
	assert_int_equal(timebox_poll(&tb), 0);
	fake_now += 42;
	assert_int_equal(timebox_left(&tb, "64/211#5"), -42);
	assert_string_equal(timebox_format(timebox_left(&tb, "64/211#5"), buf, sizeof buf), "-0:42");
	assert_int_equal(timebox_poll(&tb), 0);
	/* More time arms it again. */
	assert_int_equal(timebox_set_length(&tb, "64/211#5", 300), 0);
	assert_int_equal(timebox_left(&tb, "64/211#5"), 168);
	fake_now += 168;
	assert_int_equal(timebox_poll(&tb), 1);
}

static void
timer__reset_gives_back_the_full_length_and_keeps_it(void **state)
{
	(void)state;
	assert_int_equal(timebox_set_length(&tb, "64/211#3", 600), 0);
	assert_int_equal(timebox_start(&tb, "64/211#3"), 0);
	fake_now += 700;
	assert_int_equal(timebox_poll(&tb), 1);
	timebox_reset(&tb, "64/211#3");
	assert_int_equal(timebox_running(&tb, "64/211#3"), 0);
	assert_int_equal(timebox_left(&tb, "64/211#3"), 600);
	assert_int_equal(timebox_started(&tb, "64/211#3"), 0);
	assert_null(timebox_active(&tb));
	assert_int_equal(timebox_start(&tb, "64/211#3"), 0);
	fake_now += 600;
	assert_int_equal(timebox_poll(&tb), 1);
}

static void
timer__length_is_checked(void **state)
{
	(void)state;
	assert_int_equal(timebox_set_length(&tb, "64/211#1", 0), -1);
	assert_int_equal(timebox_set_length(&tb, "64/211#1", -60), -1);
	assert_int_equal(timebox_set_length(&tb, "64/211#1", INT64_C(101) * 3600), -1);
	assert_int_equal(timebox_length(&tb, "64/211#1"), 1200);
	/* A shorter length while running: it may run out at once. */
	assert_int_equal(timebox_start(&tb, "64/211#1"), 0);
	fake_now += 120;
	assert_int_equal(timebox_set_length(&tb, "64/211#1", 60), 0);
	assert_int_equal(timebox_left(&tb, "64/211#1"), -60);
	assert_int_equal(timebox_running(&tb, "64/211#1"), 1);
}

static void
timer__follower_works_out_the_time_left_from_the_published_state(void **state)
{
	(void)state;
	assert_int_equal(timebox_left_at(1200, 0, 0, 1790000500), 1200);
	assert_int_equal(timebox_left_at(1200, 100, 1790000000, 1790000500), 600);
	assert_int_equal(timebox_left_at(60, 100, 0, 1790000500), -40);
	/* A clock behind the leader's never adds time. */
	assert_int_equal(timebox_left_at(1200, 100, 1790000600, 1790000500), 1100);
}

static void
format__minutes_hours_and_negative(void **state)
{
	char buf[24];

	(void)state;
	assert_string_equal(timebox_format(0, buf, sizeof buf), "0:00");
	assert_string_equal(timebox_format(1200, buf, sizeof buf), "20:00");
	assert_string_equal(timebox_format(3723, buf, sizeof buf), "1:02:03");
	assert_string_equal(timebox_format(-3723, buf, sizeof buf), "-1:02:03");
	assert_string_equal(timebox_format(INT64_MIN, buf, sizeof buf),
	    "-2562047788015215:30:08");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
		T(timer__new_heading_has_the_default_length_and_is_stopped),
		T(timer__counts_down_pauses_and_resumes),
		T(timer__one_runs_at_a_time_and_each_heading_keeps_its_own),
		T(timer__runs_out_into_negative_time_and_tells_once),
		T(timer__reset_gives_back_the_full_length_and_keeps_it),
		T(timer__length_is_checked),
		T(timer__follower_works_out_the_time_left_from_the_published_state),
		T(format__minutes_hours_and_negative),
#undef T
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
