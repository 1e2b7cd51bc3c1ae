/* datespec.h: due dates typed by people: ISO dates, today, tomorrow and +2w-style offsets. */
#ifndef CIIPWB_DATESPEC_H
#define CIIPWB_DATESPEC_H

/*
 * Parse a due date typed by the user. Accepted (surrounding blanks ignored, words in any case):
 *   ""            no date: OUT becomes ""
 *   YYYY-MM-DD    a real calendar date (leap years honoured), years 1000..9999
 *   today, tomorrow
 *   +Nd, +Nw, +Nm N days, weeks or months after TODAY (months clamp the day to the end of
 *                 the month: 2024-01-31 +1m is 2024-02-29); N is 0..9999
 * TODAY is "YYYY-MM-DD" (NULL: datespec_today()). Returns 0 and writes the date (or "") to
 * OUT, or -1 and sets *ERR (if ERR is not NULL) to a malloc'd message that quotes the input
 * (sanitised) and names the accepted forms; OUT is then "".
 */
int datespec_parse(const char *in, const char *today, char out[11], char **err);

/* Today's local date as "YYYY-MM-DD"; the environment variable CIIPWB_TODAY=YYYY-MM-DD
 * overrides it (for tests and demonstrations) when it holds a valid date. */
void datespec_today(char out[11]);

/* 1 if S is exactly a valid "YYYY-MM-DD" date, else 0. */
int datespec_valid(const char *s);

#endif
