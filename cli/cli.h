/* cli.h: what cli/ files share: the subcommand entry points and the one
 * place errors are printed. Only cli/ prints errors and chooses exit codes. */
#ifndef PYMODE_CLI_H
#define PYMODE_CLI_H

#include "../common/common.h"
#include "../resolver/resolver.h"

#include <getopt.h>
#include <string.h>

int cmd_audit(int argc, char **argv);
int cmd_bundle(int argc, char **argv);
int cmd_imports(int argc, char **argv);
int cmd_lock(int argc, char **argv);
int cmd_rules(int argc, char **argv);
int cmd_table(int argc, char **argv);

/* "pymode-pkg: error: <msg>" on stderr; returns err->code. */
int cli_error(const struct perr *err);
/* "pymode-pkg: KIND: MSG" on stderr, MSG escaped as common's printable(). */
void cli_message(const char *kind, const char *msg);
/* For usage errors: prints the message and a hint, returns PM_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) PM_PRINTF(2, 3);
/* 1 when colour may be used on stream (a terminal and NO_COLOR unset). */
int cli_color(FILE *stream);

/* --max-archive-size SIZE (audit, bundle): the inflated bytes one archive may
 * declare (suffix K, M or G; the run may inflate 8 times that). 0, or
 * PM_USAGE after printing a usage error. (util.c) */
enum { CLI_OPT_MAX_ARCHIVE = 0x1800 };
int cli_max_archive_size(const char *cmd, const char *arg);

/* pip's index options, shared by audit and lock (index_opts.c). Put
 * CLI_INDEX_LONG_OPTIONS in the option table and "i:f:" in the short ones. */
enum {
	CLI_OPT_EXTRA_INDEX = 0x1000, CLI_OPT_NO_INDEX, CLI_OPT_PRE, CLI_OPT_CACHE_DIR,
	CLI_OPT_CERT, CLI_OPT_TIMEOUT, CLI_OPT_REQUIRE_HASHES
};
#define CLI_INDEX_LONG_OPTIONS \
	{ "index-url", required_argument, NULL, 'i' }, \
	{ "extra-index-url", required_argument, NULL, CLI_OPT_EXTRA_INDEX }, \
	{ "find-links", required_argument, NULL, 'f' }, \
	{ "no-index", no_argument, NULL, CLI_OPT_NO_INDEX }, \
	{ "pre", no_argument, NULL, CLI_OPT_PRE }, \
	{ "cache-dir", required_argument, NULL, CLI_OPT_CACHE_DIR }, \
	{ "cert", required_argument, NULL, CLI_OPT_CERT }, \
	{ "timeout", required_argument, NULL, CLI_OPT_TIMEOUT }, \
	{ "require-hashes", no_argument, NULL, CLI_OPT_REQUIRE_HASHES }
/* pip's settings from its configuration files and environment
 * (pipconf.c): what the command line then overrides (index-url, no-index)
 * or adds to (extra-index-url, find-links), as pip does. */
struct pip_list {
	const char **v;
	size_t n, alloc;
	int set;            /* some source gave it */
	const char *from;   /* the file or variable that did */
};
struct pip_settings {
	const char *index_url, *index_from; /* NULL: none given */
	struct pip_list extra, links;
	int no_index;       /* -1 not given, else 0/1 */
	VEC(char *) owned;
};
/* Reads /etc/xdg/pip/pip.conf, /etc/pip.conf, ~/.pip/pip.conf,
 * ~/.config/pip/pip.conf (not when $PIP_CONFIG_FILE exists), then
 * $PIP_CONFIG_FILE, each [global] then [install], later winning; then
 * UV_INDEX_URL, PIP_INDEX_URL, PIP_EXTRA_INDEX_URL, PIP_FIND_LINKS,
 * PIP_NO_INDEX. Missing or unreadable files are skipped, as pip does. */
void pip_settings_load(struct pip_settings *s);
void pip_settings_release(struct pip_settings *s);

struct cli_index {
	const char *index_url;
	VEC(const char *) urls;  /* extra index URLs */
	VEC(const char *) links; /* --find-links */
	int no_index;            /* --no-index given */
	struct pip_settings pip; /* loaded by cli_index_finish */
};
/* 1 when c was an index option (stored), 0 when it is not one, or
 * -PM_USAGE after printing a usage error. */
int cli_index_option(struct cli_index *ix, int c, const char *arg, const char *cmd,
		     struct resolve_options *o);
/* Fills o's index URLs and find-links; the arrays stay owned by ix. */
void cli_index_finish(struct cli_index *ix, struct resolve_options *o);
void cli_index_release(struct cli_index *ix);
/* Sets o's environment, tags and python version for resolving for target t,
 * with every pin fetched (and a host file when nothing installs there, so
 * the scanner can tell what is native): what audit and bundle both do. */
struct target_info;
void cli_resolve_for_target(struct resolve_options *o, const struct target_info *t);

#endif
