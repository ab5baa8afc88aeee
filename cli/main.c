/* main.c: the dispatcher. The subcommand comes from the name the binary was
 * invoked by (pymode-audit -> audit, as busybox does) or from the first
 * argument (pymode-pkg audit ...). Nothing else of substance lives here. */
#include "cli.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

/* To add a subcommand: write cli/<name>.c with cmd_<name>(argc, argv),
 * declare it in cli.h, add a row here (fn NULL = announced, not built yet),
 * and add its object to CLI_OBJS in the Makefile. */
static const struct command {
	const char *name;
	int (*fn)(int argc, char **argv);
	const char *summary;
} commands[] = {
	{ "audit", cmd_audit, "audit wheels, sdists, site-packages, an app or requirements for a target" },
	{ "imports", cmd_imports, "list every import edge in a package or source tree" },
	{ "rules", cmd_rules, "compile, list, lint and explain the rule database" },
	{ "bundle", cmd_bundle, "write a tree-shaken bundle with a size and memory report" },
	{ "table", cmd_table, "generate the supported-packages table" },
	{ "lock", cmd_lock, "resolve requirements for a target into pinned, hashed requirements" },
};

static void usage(FILE *out)
{
	fprintf(out, "usage: pymode-pkg <command> [options] [args]\n"
		     "       pymode-audit | pymode-bundle | pymode-table [options] [args]\n\n"
		     "commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-9s %s%s\n", commands[i].name, commands[i].summary,
			commands[i].fn ? "" : " (not built yet)");
	fprintf(out, "\n'pymode-pkg <command> --help' describes a command; see docs/.\n");
}

static const struct command *lookup(const char *name)
{
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	return NULL;
}

static int run(const struct command *c, int argc, char **argv)
{
	int rc;

	if (!c->fn) {
		fprintf(stderr, "pymode-pkg: error: '%s' is not built yet in this version\n", c->name);
		return PM_USAGE;
	}
	rc = c->fn(argc, argv);
	/* a full disk is an error, not a silently short report */
	if (ferror(stdout) | fflush(stdout) | fclose(stdout)) {
		fprintf(stderr, "pymode-pkg: error: writing standard output: %s\n", strerror(errno));
		return PM_INPUT;
	}
	return rc;
}

int main(int argc, char **argv)
{
	const char *self = path_basename(argc > 0 ? argv[0] : "pymode-pkg");
	const struct command *c;

	/* libzip converts every member's DOS time with mktime() as it reads a
	 * central directory, and glibc with TZ unset stats /etc/localtime on
	 * each call (900 times for numpy's wheel); naming the same zone file
	 * loads it once. Set before any thread starts. */
	if (!getenv("TZ"))
		setenv("TZ", ":/etc/localtime", 0);
	if (starts_with(self, "pymode-") && strcmp(self, "pymode-pkg")) {
		c = lookup(self + strlen("pymode-"));
		if (c)
			return run(c, argc, argv);
	}
	if (argc < 2) {
		usage(stderr);
		return PM_USAGE;
	}
	if (!strcmp(argv[1], "-h") || !strcmp(argv[1], "--help") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return PM_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("pymode-pkg %s\n", PYMODE_VERSION);
		return PM_OK;
	}
	c = lookup(argv[1]);
	if (!c) {
		struct strbuf msg = STRBUF_INIT;

		strbuf_addf(&msg, "unknown command '%s'", argv[1]);
		cli_message("error", msg.buf);
		strbuf_release(&msg);
		usage(stderr);
		return PM_USAGE;
	}
	return run(c, argc - 1, argv + 1);
}
