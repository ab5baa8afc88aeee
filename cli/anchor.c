/* anchor.c: where the project declares the distributions given as paths
 * (a wheelhouse, wheels): the line of its own dependencies file (the app's
 * pyproject.toml [project] dependencies, else its requirements.txt) that
 * names each, or, for a dependency of one, the line of the declared package
 * it comes through, with the chain. The reports then locate their findings
 * there (SARIF, annotations) as they do for resolved requirements. Nothing
 * is resolved here and nothing printed. */
#include "cli.h"
#include "../polyfill-db/analysis.h"

#include <string.h>

static struct package_report *find(struct audit *a, const char *key)
{
	for (size_t i = 0; i < a->packages.n; i++)
		if (a->packages.v[i].kind != DIST_APP && !strcmp(a->packages.v[i].normalized, key))
			return &a->packages.v[i];
	return NULL;
}

static void set_chain(struct audit *a, struct package_report *p, const char *const *chain, size_t n,
		      const char *where)
{
	p->chain = arena_alloc(&a->arena, n * sizeof(*p->chain));
	for (size_t i = 0; i < n; i++)
		p->chain[i] = arena_strdup(&a->arena, chain[i]);
	p->n_chain = n;
	p->required_at = arena_strdup(&a->arena, where);
}

void cli_anchor_inputs(struct audit *a, const char *app_dir)
{
	struct cli_reqs rq = { 0 };
	struct strbuf note = STRBUF_INIT;
	struct reqfile rf = REQFILE_INIT;
	struct arena ar = ARENA_INIT;
	struct perr err = PERR_INIT;
	VEC(struct package_report *) queue = VEC_INIT;
	int any = 0;

	for (size_t i = 0; i < a->packages.n; i++)
		any |= a->packages.v[i].kind != DIST_APP && !a->packages.v[i].required_at;
	rq.quiet = 1;
	if (!any || !app_dir || !cli_reqs_app(&rq, app_dir, 1, &note) || !rq.src.n)
		goto out;
	if (reqfile_is_pyproject(rq.src.v[0].path) ? reqfile_load_pyproject(&rf, rq.src.v[0].path, NULL, 0, &ar, &err)
						   : reqfile_load(&rf, rq.src.v[0].path, 0, NULL, NULL, &ar, &err))
		goto out;
	/* what the file names itself, then what those depend on, breadth first:
	 * each at the line of the declared package it comes through */
	for (size_t i = 0; i < rf.entries.n; i++) {
		const struct reqfile_entry *e = &rf.entries.v[i];
		struct package_report *p = e->req.key && !e->constraint ? find(a, e->req.key) : NULL;
		if (!p || p->required_at)
			continue;
		const char *chain[2] = { e->file, p->normalized };
		set_chain(a, p, chain, 2, arena_printf(&ar, "%s:%d", e->file, e->line));
		*VEC_PUSH(&queue) = p;
	}
	for (size_t q = 0; q < queue.n; q++) {
		struct package_report *p = queue.v[q];
		for (size_t k = 0; k < p->n_depends; k++) {
			struct package_report *d = find(a, p->depends[k]);
			if (!d || d->required_at)
				continue;
			const char **chain = arena_alloc(&ar, (p->n_chain + 1) * sizeof(*chain));
			memcpy(chain, p->chain, p->n_chain * sizeof(*chain));
			chain[p->n_chain] = d->normalized;
			set_chain(a, d, chain, p->n_chain + 1, p->required_at);
			*VEC_PUSH(&queue) = d;
		}
	}
out:
	VEC_FREE(&queue);
	reqfile_release(&rf);
	strbuf_release(&note);
	cli_reqs_release(&rq);
	arena_release(&ar);
}
