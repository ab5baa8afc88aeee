/* util.c: the printing side of errors and the colour decision, shared by
 * every subcommand. */
#include "cli.h"

#include <stdlib.h>
#include <unistd.h>

int cli_error(const struct perr *err)
{
	fprintf(stderr, "pymode-pkg: error: %s\n", err->msg);
	return err->code ? err->code : PM_INPUT;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "pymode-pkg: error: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'pymode-pkg %s --help')\n", cmd);
	return PM_USAGE;
}

int cli_color(FILE *stream)
{
	const char *nc = getenv("NO_COLOR");
	return isatty(fileno(stream)) && !(nc && *nc);
}
