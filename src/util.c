/* util.c: small string helpers shared by the modules. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "util.h"

/* The digits of V (at most 20) at the end of BUF[24]; returns where they start. */
static char *
util_digits(char buf[24], unsigned long long v)
{
	char *p = buf + 24;

	do
		*--p = (char)('0' + v % 10);
	while ((v /= 10) != 0);
	return p;
}

/* FMT formatted into OUT (NULL: only measured), when its directives are all of %s (with a
 * precision or not), %d and %u (with l, ll or z or not) and %%, and no %s argument is NULL.
 * Returns the length, or -1 for anything else (a width, a flag, a positional argument: for
 * vasprintf). The summary formats tens of thousands of short strings, each one a few
 * thousand instructions through stdio's machinery.
 * UTIL_COPY: memmove, not memcpy: at -Os GCC makes a memcpy of unknown length a "rep movsb",
 * slow to start on short strings, where memmove stays a call to the C library's copy. */
static long
util_fmt(char *out, const char *fmt, va_list ap)
{
	const char *p = fmt, *pct;
	size_t n = 0, k;

	while (*p != '\0') {
		long prec = -1;
		int len = 0;            /* 1: l, 2: ll, 3: z */
		char buf[24];
		const char *s;
		unsigned long long u;
		int neg = 0;

		if (*p != '%') {
			if ((pct = strchr(p, '%')) == NULL)
				pct = p + strlen(p);
			k = (size_t)(pct - p);
			if (out != NULL)
				memmove(out + n, p, k);     /* (UTIL_COPY) */
			n += k;
			p = pct;
			continue;
		}
		p++;
		if (*p == '%') {
			if (out != NULL)
				out[n] = '%';
			n++;
			p++;
			continue;
		}
		if (*p == '.') {
			if (*++p < '0' || *p > '9')
				return -1;
			for (prec = 0; *p >= '0' && *p <= '9'; p++)
				if ((prec = prec * 10 + (*p - '0')) > 1000000)
					return -1;
		}
		if (*p == 'l' && p[1] == 'l') {
			len = 2;
			p += 2;
		} else if (*p == 'l' || *p == 'z') {
			len = *p == 'l' ? 1 : 3;
			p++;
		}
		switch (*p++) {
		case 's':
			if (len != 0 || (s = va_arg(ap, const char *)) == NULL)
				return -1;
			k = prec >= 0 ? strnlen(s, (size_t)prec) : strlen(s);
			break;
		case 'd':
			if (prec >= 0)
				return -1;
			if (len == 0) {
				int v = va_arg(ap, int);

				neg = v < 0;
				u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			} else if (len == 1) {
				long v = va_arg(ap, long);

				neg = v < 0;
				u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			} else {
				long long v = len == 2 ? va_arg(ap, long long) :
				    (long long)va_arg(ap, ssize_t);

				neg = v < 0;
				u = neg ? 0ULL - (unsigned long long)v : (unsigned long long)v;
			}
			s = util_digits(buf, u);
			k = (size_t)(buf + sizeof buf - s);
			break;
		case 'u':
			if (prec >= 0)
				return -1;
			u = len == 0 ? va_arg(ap, unsigned) : len == 1 ? va_arg(ap, unsigned long) :
			    len == 2 ? va_arg(ap, unsigned long long) : va_arg(ap, size_t);
			s = util_digits(buf, u);
			k = (size_t)(buf + sizeof buf - s);
			break;
		default:
			return -1;
		}
		if (neg) {
			if (out != NULL)
				out[n] = '-';
			n++;
		}
		if (out != NULL)
			memmove(out + n, s, k);    /* (UTIL_COPY) */
		n += k;
	}
	if (out != NULL)
		out[n] = '\0';
	return n > 0x7fffffff ? -1 : (long)n;
}

char *
util_vasprintf(const char *fmt, va_list ap)
{
	va_list aq;
	long n;
	char *s;

	va_copy(aq, ap);
	n = util_fmt(NULL, fmt, aq);
	va_end(aq);
	if (n >= 0) {
		if ((s = malloc((size_t)n + 1)) == NULL)
			return NULL;
		va_copy(aq, ap);
		util_fmt(s, fmt, aq);
		va_end(aq);
		return s;
	}
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
