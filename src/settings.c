/* settings.c: the user's settings file: known keys, defaults, and the reader. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "i18n.h"
#include "settings.h"
#include "util.h"

const struct settings_def settings_table[] = {
	{ "timebox_minutes", SETTINGS_INT, "20", 1, 600,
	    N_("length of a heading's time-box, in minutes") },
	{ "timebox_bell", SETTINGS_BOOL, "no", 0, 1,
	    N_("ring the terminal bell when a time-box runs out") },
	{ "print_command", SETTINGS_STR, "lp -o lpi=7 -o cpi=11", 0, 0,
	    N_("the command that prints the text summary from standard input") },
	{ "summary_paper", SETTINGS_STR, "a4", 0, 0,
	    N_("paper of the summary the app prints and exports: a4 or letter") },
	{ "backup_interval_minutes", SETTINGS_INT, "10", 1, 1440,
	    N_("minutes of editing between two automatic backups") },
	{ "backup_keep", SETTINGS_INT, "10", 1, 1000,
	    N_("how many automatic backups to keep") },
};
const size_t settings_ntable = sizeof settings_table / sizeof settings_table[0];

#define SETTINGS_N (sizeof settings_table / sizeof settings_table[0])

/* The values read from the file (NULL: the default). */
static char *settings_val[SETTINGS_N];

static const struct settings_def *
settings_find(const char *key, size_t *index)
{
	for (size_t i = 0; i < SETTINGS_N; i++) {
		if (strcmp(settings_table[i].key, key) == 0) {
			if (index != NULL)
				*index = i;
			return &settings_table[i];
		}
	}
	return NULL;
}

/* 0 and *OUT for "yes/no/true/false/on/off/1/0", else -1. */
static int
settings_parse_bool(const char *s, int *out)
{
	static const char *const yes[] = { "yes", "true", "on", "1" };
	static const char *const no[] = { "no", "false", "off", "0" };

	for (size_t i = 0; i < 4; i++) {
		if (strcasecmp(s, yes[i]) == 0) {
			*out = 1;
			return 0;
		}
		if (strcasecmp(s, no[i]) == 0) {
			*out = 0;
			return 0;
		}
	}
	return -1;
}

static int
settings_parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	long v;

	errno = 0;
	v = strtol(s, &end, 10);
	if (errno != 0 || end == s || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* Append one warning line; -1 when out of memory. */
static int
settings_warn(char **warn, const char *path, unsigned line, const char *what)
{
	char *w = util_asprintf("%s%s: %s:%u: %s\n", *warn != NULL ? *warn : "", PACKAGE, path,
	    line, what);

	if (w == NULL)
		return -1;
	free(*warn);
	*warn = w;
	return 0;
}

static char *
settings_default_path(void)
{
	const char *env = getenv("CIIPWB_CONFIG"), *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");

	if (env != NULL && env[0] != '\0')
		return strdup(env);
	if (xdg != NULL && xdg[0] == '/')
		return util_asprintf("%s/ciipwb/config", xdg);
	if (home != NULL && home[0] != '\0')
		return util_asprintf("%s/.config/ciipwb/config", home);
	return NULL;
}

static char *
settings_trim(char *s)
{
	char *e;

	while (*s == ' ' || *s == '\t')
		s++;
	e = s + strlen(s);
	while (e > s && isspace((unsigned char)e[-1]))
		*--e = '\0';
	return s;
}

/* One line of the file; 0, or -1 when out of memory. */
static int
settings_line(char *buf, const char *path, unsigned line, char **warn)
{
	const struct settings_def *d;
	char *key, *val, *eq, *msg;
	size_t idx;
	long n;
	int b, bad = 0, r;

	key = settings_trim(buf);
	if (*key == '\0' || *key == '#')
		return 0;
	if ((eq = strchr(key, '=')) == NULL)
		return settings_warn(warn, path, line,
		    _("not of the form 'key = value'; the line is ignored"));
	*eq = '\0';
	key = settings_trim(key);
	val = settings_trim(eq + 1);
	if ((d = settings_find(key, &idx)) == NULL) {
		msg = util_asprintf(_("unknown setting '%s' is ignored (ciipwb(5), CONFIGURATION, "
		    "lists the settings)"), key);
		goto warn;
	}
	switch (d->type) {
	case SETTINGS_INT:
		bad = settings_parse_int(val, d->lo, d->hi, &n) != 0;
		if (bad)
			msg = util_asprintf(_("'%s' must be a whole number from %ld to %ld; "
			    "using %s"), key, d->lo, d->hi, d->dflt);
		break;
	case SETTINGS_BOOL:
		bad = settings_parse_bool(val, &b) != 0;
		if (bad)
			msg = util_asprintf(_("'%s' must be yes or no; using %s"), key, d->dflt);
		break;
	case SETTINGS_STR:
		break;
	}
	if (bad)
		goto warn;
	free(settings_val[idx]);
	if ((settings_val[idx] = strdup(val)) == NULL)
		return -1;
	return 0;
warn:
	if (msg == NULL)
		return -1;
	r = settings_warn(warn, path, line, msg);
	free(msg);
	return r;
}

int
settings_load(const char *path, char **warn)
{
	char *own = NULL, *buf = NULL;
	size_t cap = 0;
	unsigned line = 0;
	FILE *fp;
	int rc = 0;

	*warn = NULL;
	settings_free();
	if (path == NULL && (path = own = settings_default_path()) == NULL)
		return 0;
	if ((fp = fopen(path, "r")) == NULL) {
		if (errno != ENOENT) {
			char *m = util_asprintf(_("cannot read the settings (%s); using the defaults"),
			    strerror(errno));

			rc = m == NULL || settings_warn(warn, path, 0, m) != 0 ? -1 : 0;
			free(m);
		}
		free(own);
		return rc;
	}
	while (rc == 0 && getline(&buf, &cap, fp) >= 0)
		rc = settings_line(buf, path, ++line, warn);
	free(buf);
	fclose(fp);
	free(own);
	return rc;
}

void
settings_free(void)
{
	for (size_t i = 0; i < SETTINGS_N; i++) {
		free(settings_val[i]);
		settings_val[i] = NULL;
	}
}

static const char *
settings_raw(const char *key, enum settings_type type)
{
	size_t i;
	const struct settings_def *d = settings_find(key, &i);

	if (d == NULL || d->type != type)
		return NULL;
	return settings_val[i] != NULL ? settings_val[i] : d->dflt;
}

const char *
settings_str(const char *key)
{
	const char *v = settings_raw(key, SETTINGS_STR);

	return v != NULL ? v : "";
}

long
settings_int(const char *key)
{
	const char *v = settings_raw(key, SETTINGS_INT);

	return v != NULL ? strtol(v, NULL, 10) : 0;
}

int
settings_bool(const char *key)
{
	const char *v = settings_raw(key, SETTINGS_BOOL);
	int b = 0;

	if (v != NULL)
		(void)settings_parse_bool(v, &b);
	return b;
}
