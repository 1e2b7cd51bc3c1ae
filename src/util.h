/* util.h: small string helpers shared by the modules (no curses, no I/O). */
#ifndef CIIPWB_UTIL_H
#define CIIPWB_UTIL_H

#include <stdarg.h>

/* A malloc'd formatted string, or NULL when out of memory. */
char *util_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *util_vasprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

#endif
