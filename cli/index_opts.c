/* index_opts.c: pip's package-index options (-i, --extra-index-url, -f,
 * --no-index, --pre, --cache-dir, --cert, --timeout, --require-hashes), parsed one way for
 * every subcommand that resolves (audit, lock) into resolve_options. */
#include "cli.h"
#include "../polyfill-db/rules.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int cli_index_option(struct cli_index *ix, int c, const char *arg, const char *cmd,
		     struct resolve_options *o)
{
	switch (c) {
	case 'i': ix->index_url = arg; return 1;
	case 'f': *VEC_PUSH(&ix->links) = arg; return 1;
	case CLI_OPT_EXTRA_INDEX: *VEC_PUSH(&ix->urls) = arg; return 1;
	case CLI_OPT_NO_INDEX: o->no_index = ix->no_index = 1; return 1;
	case CLI_OPT_PRE: o->allow_pre = 1; return 1;
	case CLI_OPT_REQUIRE_HASHES: o->require_hashes = 1; return 1;
	case CLI_OPT_CACHE_DIR: o->cache_dir = arg; return 1;
	case CLI_OPT_CERT: o->cert = arg; return 1;
	case CLI_OPT_TIMEOUT: {
		char *end;
		double t = strtod(arg, &end);
		if (*end || !(t > 0) || t > 3600)
			return -cli_usage_error(cmd, "invalid --timeout '%s' (seconds, > 0)", arg);
		o->timeout_ms = (long)(t * 1000) > 0 ? (long)(t * 1000) : 1;
		return 1;
	}
	}
	return 0;
}

/* pip's precedence: the command line over the environment over the user's
 * config over the global one (pipconf.c). --index-url and --no-index
 * replace what the files and variables say; --extra-index-url and
 * --find-links are added after theirs. No index anywhere means PyPI. A
 * find-links directory from a file or variable that does not exist is
 * skipped with a warning, as pip does. */
void cli_index_finish(struct cli_index *ix, struct resolve_options *o)
{
	struct pip_settings *ps = &ix->pip;
	VEC(const char *) urls = VEC_INIT, links = VEC_INIT;

	pip_settings_load(ps);
	if (!ix->no_index && ps->no_index == 1)
		o->no_index = 1;
	*VEC_PUSH(&urls) = ix->index_url ? ix->index_url
			   : ps->index_url ? ps->index_url : "https://pypi.org/simple";
	for (size_t i = 0; i < ps->extra.n; i++)
		*VEC_PUSH(&urls) = ps->extra.v[i];
	for (size_t i = 0; i < ix->urls.n; i++)
		*VEC_PUSH(&urls) = ix->urls.v[i];
	for (size_t i = 0; i < ps->links.n; i++) {
		const char *l = ps->links.v[i];
		if (!strstr(l, "://") && !path_is_dir(l) && access(l, F_OK)) {
			if (!o->quiet)
				fprintf(stderr, "pymode-pkg: warning: find-links '%s' (from %s) does not exist: ignored, as pip does\n",
					l, ps->links.from);
			continue;
		}
		*VEC_PUSH(&links) = l;
	}
	for (size_t i = 0; i < ix->links.n; i++)
		*VEC_PUSH(&links) = ix->links.v[i];
	/* the lists now hold every source, in order; ix owns them */
	VEC_FREE(&ix->urls);
	VEC_FREE(&ix->links);
	ix->urls.v = urls.v, ix->urls.n = urls.n, ix->urls.alloc = urls.alloc;
	ix->links.v = links.v, ix->links.n = links.n, ix->links.alloc = links.alloc;
	o->index_urls = ix->urls.v;
	o->n_index_urls = ix->urls.n;
	o->find_links = ix->links.v;
	o->n_find_links = ix->links.n;
}

void cli_index_release(struct cli_index *ix)
{
	pip_settings_release(&ix->pip);
	VEC_FREE(&ix->urls);
	VEC_FREE(&ix->links);
}

void cli_resolve_for_target(struct resolve_options *o, const struct target_info *t)
{
	o->marker_keys = t->marker_keys;
	o->marker_values = t->marker_values;
	o->n_markers = t->n_markers;
	o->tags = t->tags;
	o->n_tags = t->n_tags;
	o->python_version = t->python_version;
	o->fetch = 1;
	o->any_platform = 1;
}
