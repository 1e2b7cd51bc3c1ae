/* datespec.c: due dates typed by people: ISO dates, today, tomorrow and +2w-style offsets. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "datespec.h"
#include "i18n.h"
#include "text.h"

/* Longest part of a bad input quoted back in an error message, in columns. */
#define DATESPEC_QUOTE_COLS 12

static int
datespec_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int
datespec_mdays(long y, int m)
{
	static const int days[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };

	return m == 2 && datespec_leap(y) ? 29 : days[m - 1];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (valid for the years used here). */
static long
datespec_to_days(long y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

static void
datespec_from_days(long z, long *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = yoe + era * 400 + (*m <= 2);
}

/* Exactly "YYYY-MM-DD" over LEN bytes, a real date. */
static int
datespec_iso(const char *s, size_t len, long *y, int *m, int *d)
{
	static const char shape[] = "dddd-dd-dd";

	if (len != 10)
		return 0;
	for (size_t i = 0; i < 10; i++) {
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != '-')
			return 0;
	}
	*y = (s[0] - '0') * 1000L + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
	*m = (s[5] - '0') * 10 + (s[6] - '0');
	*d = (s[8] - '0') * 10 + (s[9] - '0');
	return *y >= 1000 && *m >= 1 && *m <= 12 && *d >= 1 && *d <= datespec_mdays(*y, *m);
}

int
datespec_valid(const char *s)
{
	long y;
	int m, d;

	return s != NULL && datespec_iso(s, strlen(s), &y, &m, &d);
}

static void
datespec_format(long y, int m, int d, char out[11])
{
	unsigned long v = (unsigned long)y;

	/* Callers pass years 1000..9999, months 1..12 and days 1..31. */
	out[0] = (char)('0' + v / 1000 % 10);
	out[1] = (char)('0' + v / 100 % 10);
	out[2] = (char)('0' + v / 10 % 10);
	out[3] = (char)('0' + v % 10);
	out[4] = '-';
	out[5] = (char)('0' + (unsigned)m / 10 % 10);
	out[6] = (char)('0' + (unsigned)m % 10);
	out[7] = '-';
	out[8] = (char)('0' + (unsigned)d / 10 % 10);
	out[9] = (char)('0' + (unsigned)d % 10);
	out[10] = '\0';
}

void
datespec_today(char out[11])
{
	const char *env = getenv("CIIPWB_TODAY");
	struct tm tm;
	time_t now;

	if (env != NULL && datespec_valid(env)) {
		memcpy(out, env, 10);
		out[10] = '\0';
		return;
	}
	now = time(NULL);
	if (localtime_r(&now, &tm) == NULL) {
		/* Not reachable for the current time; a fixed date keeps OUT well-formed. */
		strcpy(out, "1970-01-01");
		return;
	}
	datespec_format(tm.tm_year + 1900L, tm.tm_mon + 1, tm.tm_mday, out);
}

static int
datespec_fail(const char *in, size_t len, char out[11], char **err)
{
	out[0] = '\0';
	if (err != NULL) {
		char *san = text_sanitize(in, len, 0);
		char *q = san != NULL ? text_ellipsize(san, strlen(san), DATESPEC_QUOTE_COLS) : NULL;

		/* Short enough for one line at 80 columns: the cause first, then the forms. */
		if (asprintf(err, _("'%s' is not a date: use YYYY-MM-DD, today, tomorrow, +3d, "
		    "+2w or +1m"), q != NULL ? q : "") < 0)
			*err = NULL;
		free(q);
		free(san);
	}
	return -1;
}

int
datespec_parse(const char *in, const char *today, char out[11], char **err)
{
	char tbuf[11];
	const char *s = in != NULL ? in : "";
	size_t len = strlen(s);
	long y, ty, n, days;
	int m, d, tm, td;

	if (err != NULL)
		*err = NULL;
	while (len > 0 && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len > 0 && isspace((unsigned char)s[len - 1]))
		len--;
	if (len == 0) {
		out[0] = '\0';
		return 0;
	}
	if (datespec_iso(s, len, &y, &m, &d)) {
		datespec_format(y, m, d, out);
		return 0;
	}
	if (today == NULL) {
		datespec_today(tbuf);
		today = tbuf;
	}
	if (!datespec_iso(today, strlen(today), &ty, &tm, &td))
		return datespec_fail(today, strlen(today), out, err);
	days = datespec_to_days(ty, tm, td);
	if (len == 5 && strncasecmp(s, "today", 5) == 0) {
		n = 0;
	} else if (len == 8 && strncasecmp(s, "tomorrow", 8) == 0) {
		n = 1;
	} else if (len >= 3 && len <= 6 && s[0] == '+' && strchr("dDwWmM", s[len - 1]) != NULL) {
		n = 0;
		for (size_t i = 1; i < len - 1; i++) {
			if (!isdigit((unsigned char)s[i]))
				return datespec_fail(in, strlen(in), out, err);
			n = n * 10 + (s[i] - '0');
		}
		switch (s[len - 1]) {
		case 'w':
		case 'W':
			n *= 7;
			break;
		case 'm':
		case 'M': {
			long mon = ty * 12 + (tm - 1) + n;

			y = mon / 12;
			m = (int)(mon % 12) + 1;
			d = td < datespec_mdays(y, m) ? td : datespec_mdays(y, m);
			if (y > 9999)
				return datespec_fail(in, strlen(in), out, err);
			datespec_format(y, m, d, out);
			return 0;
		}
		default:
			break;
		}
	} else {
		return datespec_fail(in, strlen(in), out, err);
	}
	datespec_from_days(days + n, &y, &m, &d);
	if (y > 9999)
		return datespec_fail(in, strlen(in), out, err);
	datespec_format(y, m, d, out);
	return 0;
}
