/* index_opts.c: pip's package-index options (-i, --extra-index-url, -f,
 * --no-index, --pre, --cache-dir, --cert, --timeout, --require-hashes), parsed one way for
 * every subcommand that resolves (audit, lock) into resolve_options. */
#include "cli.h"
#include "../polyfill-db/rules.h"

#include <stdlib.h>

int cli_index_option(struct cli_index *ix, int c, const char *arg, const char *cmd,
		     struct resolve_options *o)
{
	switch (c) {
	case 'i': ix->index_url = arg; return 1;
	case 'f': *VEC_PUSH(&ix->links) = arg; return 1;
	case CLI_OPT_EXTRA_INDEX: *VEC_PUSH(&ix->urls) = arg; return 1;
	case CLI_OPT_NO_INDEX: o->no_index = 1; return 1;
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

void cli_index_finish(struct cli_index *ix, struct resolve_options *o)
{
	if (ix->index_url || ix->urls.n) {
		/* --index-url (PyPI when only extras are given, as pip) first */
		*VEC_PUSH(&ix->urls) = NULL;
		memmove(ix->urls.v + 1, ix->urls.v, (ix->urls.n - 1) * sizeof(*ix->urls.v));
		ix->urls.v[0] = ix->index_url ? ix->index_url : "https://pypi.org/simple";
		o->index_urls = ix->urls.v;
		o->n_index_urls = ix->urls.n;
	}
	o->find_links = ix->links.v;
	o->n_find_links = ix->links.n;
}

void cli_index_release(struct cli_index *ix)
{
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
