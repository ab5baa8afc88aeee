/* util.c: the printing side of errors and the colour decision, shared by
 * every subcommand. */
#include "cli.h"

#include "../scanner/scanner.h"

#include <errno.h>
#include <stdlib.h>
#include <unistd.h>

/* Every line of stderr that can quote input goes through here: control
 * bytes and invalid UTF-8 become \xNN, so a hostile page or file cannot
 * move the cursor, rewrite the line or end it early. */
void cli_message(const char *kind, const char *msg)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "pymode-pkg: %s: ", kind);
	strbuf_add_printable(&sb, msg, strlen(msg));
	strbuf_addch(&sb, '\n');
	fwrite(sb.buf, 1, sb.len, stderr);
	strbuf_release(&sb);
}

int cli_error(const struct perr *err)
{
	cli_message("error", err->msg);
	return err->code ? err->code : PM_INPUT;
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	struct strbuf msg = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&msg, fmt, ap);
	va_end(ap);
	cli_message("error", msg.buf);
	fprintf(stderr, "(see 'pymode-pkg %s --help')\n", cmd);
	strbuf_release(&msg);
	return PM_USAGE;
}

int cli_max_archive_size(const char *cmd, const char *arg)
{
	struct archive_limits l = { 0, 0, 0 };
	unsigned long long v, unit = 1;
	char *end;

	errno = 0;
	v = strtoull(arg, &end, 10);
	if (*end == 'K' || *end == 'k')
		unit = 1ULL << 10, end++;
	else if (*end == 'M' || *end == 'm')
		unit = 1ULL << 20, end++;
	else if (*end == 'G' || *end == 'g')
		unit = 1ULL << 30, end++;
	if (errno || end == arg || *end || !v || arg[0] == '-' || v > (1ULL << 50) / unit)
		return cli_usage_error(cmd, "--max-archive-size wants a size in bytes "
				       "(suffix K, M or G), not '%s'", arg);
	l.archive_bytes = v * unit;
	source_set_limits(&l);
	return 0;
}

int cli_color(FILE *stream)
{
	const char *nc = getenv("NO_COLOR");
	return isatty(fileno(stream)) && !(nc && *nc);
}
