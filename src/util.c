/* util.c: small string helpers shared by the modules. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>

#include "util.h"

char *
util_vasprintf(const char *fmt, va_list ap)
{
	char *s;

	if (vasprintf(&s, fmt, ap) < 0)
		return NULL;
	return s;
}

char *
util_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;

	va_start(ap, fmt);
	s = util_vasprintf(fmt, ap);
	va_end(ap);
	return s;
}
