/* settings.h: the user's settings file (lines "key = value"), read once at start-up. */
#ifndef CIIPWB_SETTINGS_H
#define CIIPWB_SETTINGS_H

#include <stddef.h>

enum settings_type { SETTINGS_INT, SETTINGS_BOOL, SETTINGS_STR };

/* One known key: its type, default (as it would be written in the file), range for
 * integers, and the line ciipwb(5) gives it. */
struct settings_def {
	const char *key;
	enum settings_type type;
	const char *dflt;
	long lo, hi;
	const char *help;
};

/* Every known key; a new setting is one line in settings.c and its entry in ciipwb(5). */
extern const struct settings_def settings_table[];
extern const size_t settings_ntable;

/*
 * Read the settings: PATH, or $CIIPWB_CONFIG, or $XDG_CONFIG_HOME/ciipwb/config (else
 * ~/.config/ciipwb/config). A missing file is no error. Problems in the file (an unknown key,
 * a bad value, a line that is not "key = value") never fail: each adds one line to *WARN
 * (malloc'd, NULL when there is none) naming the file and line, and the default stays.
 * Returns 0, or -1 when out of memory.
 */
int settings_load(const char *path, char **warn);
/* Forget what was loaded: every key has its default again. */
void settings_free(void);

/* The value of a known KEY (the default when the file does not set it). A key that is not
 * in the table, or of another type, gives "", 0 or 0. */
const char *settings_str(const char *key);
long settings_int(const char *key);
int settings_bool(const char *key);

#endif
