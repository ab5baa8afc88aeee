/* cli.h: what cli/ files share: the subcommand entry points and the one
 * place errors are printed. Only cli/ prints errors and chooses exit codes. */
#ifndef PYMODE_CLI_H
#define PYMODE_CLI_H

#include "../common/common.h"
#include "../resolver/resolver.h"
#include "../scanner/scanner.h"

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
/* Where requirements come from (inputs.c), one way for audit, bundle, table
 * and lock: -r/-c FILE, FILE.txt / pyproject.toml / PATH[extra] inputs,
 * --extra, --all-extras, --no-deps, an app directory's own file. Put
 * CLI_REQS_LONG_OPTIONS in the option table and "r:c:" in the short ones. */
enum { CLI_OPT_EXTRA = 0x1100, CLI_OPT_ALL_EXTRAS, CLI_OPT_NO_DEPS };
#define CLI_REQS_LONG_OPTIONS \
	{ "requirement", required_argument, NULL, 'r' }, \
	{ "constraint", required_argument, NULL, 'c' }, \
	{ "extra", required_argument, NULL, CLI_OPT_EXTRA }, \
	{ "all-extras", no_argument, NULL, CLI_OPT_ALL_EXTRAS }, \
	{ "no-deps", no_argument, NULL, CLI_OPT_NO_DEPS }
struct cli_req_source {
	const char *path;        /* the file to read */
	const char *written;     /* as the user wrote it ("app[dev]") */
	const char *project_dir; /* PATH[extra] or an app's own file: the directory */
	const char **extras;     /* PATH[extra,...] */
	size_t n_extras;
	int constraint;          /* -c */
};
struct cli_reqs {
	VEC(struct cli_req_source) src;  /* in command-line order */
	VEC(const char *) extras;        /* --extra */
	int all_extras, no_deps;
	int quiet;                       /* no warning for an empty requirements file */
	struct arena arena;
};
/* 1 when c was one of CLI_REQS_LONG_OPTIONS (stored), else 0. */
int cli_reqs_option(struct cli_reqs *r, int c, const char *arg);
/* A positional argument that is requirements (FILE.txt, a pyproject.toml,
 * PATH[extra,...]) is taken: returns "" , or for DIR[extra] the directory
 * (an arena string: the project to scan too); NULL when arg is not one. */
const char *cli_reqs_input(struct cli_reqs *r, const char *arg);
/* 1 when some requirements (not only constraints) are given. */
int cli_reqs_given(const struct cli_reqs *r);
/* Adds app directory dir's own dependencies: [project] dependencies of its
 * pyproject.toml when declared (not dynamic), else its requirements.txt.
 * note gets what was taken and what passed over. With use_it 0 nothing is
 * added, and note says the file that would have been is not read. 1 when
 * there was such a file. */
int cli_reqs_app(struct cli_reqs *r, const char *dir, int use_it, struct strbuf *note);
/* Usage checks (--extra without a pyproject.toml, -c without requirements):
 * 0, or PM_USAGE after printing the error. */
int cli_reqs_check(const struct cli_reqs *r, const char *cmd);
/* Loads every source into rf (strings in a), in order. */
int cli_reqs_load(const struct cli_reqs *r, struct reqfile *rf, struct arena *a, struct perr *err);
/* The resolve options the sources set (--no-deps). */
void cli_reqs_options(const struct cli_reqs *r, struct resolve_options *o);
void cli_reqs_release(struct cli_reqs *r);

/* Distributions given as paths (no required_at): located at the line of
 * the app's own dependencies file (pyproject.toml, else requirements.txt in
 * app_dir) that declares them, or that declares the package they come
 * through (chain set too); left as they are when it names none (anchor.c). */
struct audit;
void cli_anchor_inputs(struct audit *a, const char *app_dir);

/* Sets o's environment, tags and python version for resolving for target t,
 * with every pin fetched (and a host file when nothing installs there, so
 * the scanner can tell what is native): what audit and bundle both do. */
struct target_info;
void cli_resolve_for_target(struct resolve_options *o, const struct target_info *t);

#endif
