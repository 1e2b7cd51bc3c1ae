/* cli.c: option parsing helpers shared by main and the subcommands. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "cli.h"
#include "i18n.h"
#include "msg.h"

const char *
cli_opt_arg(int argc, char **argv, int *i, const char *name)
{
	const char *eq = strchr(argv[*i], '=');

	if (strncmp(argv[*i], "--", 2) == 0 && eq != NULL)
		return eq + 1;
	if (*i + 1 >= argc) {
		msg_printf(stderr, _("%s: option '%s' needs an argument; see '%s --help'\n"),
		    PACKAGE, name, PACKAGE);
		return NULL;
	}
	return argv[++*i];
}

int
cli_is_opt(const char *arg, const char *shrt, const char *lng)
{
	size_t n = strlen(lng);

	if (shrt != NULL && strcmp(arg, shrt) == 0)
		return 1;
	return strncmp(arg, lng, n) == 0 && (arg[n] == '\0' || arg[n] == '=');
}
