/* resolve.c: resolution of a requirements file for a target: the provider
 * the solver asks (versions from the index client, the best file per version
 * for the target's tags, dependencies from core metadata), the roots from
 * the requirements file, and the pinned result with each pin's chain.
 * HTTP and caching are index.c's; the search itself is solver.c's. */
#include "resolve.h"

#include <string.h>

struct prov {
	struct index_client *ic;
	struct arena *arena;
	const char *const *tags;
	size_t n_tags;
	int any_platform;
	const struct reqfile *rf;
	VEC(const char *) *warnings;
};

struct choice {
	struct index_file *file;
	int compatible;
};

static int in_list(const struct reqfile_names *l, const char *key)
{
	for (size_t i = 0; i < l->n; i++)
		if (!strcmp(l->v[i], ":all:") || !strcmp(l->v[i], key))
			return 1;
	return 0;
}

/* the file to use for one version: best-ranked compatible wheel, else an
 * sdist, else (any_platform) any wheel; NULL when none */
static struct choice *choose(struct prov *p, const char *key, index_files *files, size_t from,
			     size_t to, int *yanked, const char **rp)
{
	int only_bin = in_list(&p->rf->only_binary, key), no_bin = in_list(&p->rf->no_binary, key);
	struct index_file *best = NULL, *sdist = NULL, *any = NULL;
	int best_rank = -1, all_yanked = 1;

	for (size_t i = from; i < to; i++) {
		struct index_file *f = &files->v[i];
		if (!f->yanked)
			all_yanked = 0;
	}
	for (size_t i = from; i < to; i++) {
		struct index_file *f = &files->v[i];
		if (f->yanked && !all_yanked)
			continue;
		if (f->is_wheel && !no_bin) {
			int r = tags_rank(p->tags, p->n_tags, f->filename);
			if (r >= 0 && (best_rank < 0 || r < best_rank)) {
				best = f;
				best_rank = r;
			}
			if (!any)
				any = f;
		} else if (!f->is_wheel && !only_bin && !sdist) {
			sdist = f;
		}
	}
	struct choice *c = arena_alloc(p->arena, sizeof(*c));
	c->compatible = 1;
	c->file = best ? best : sdist;
	if (!c->file && p->any_platform && any) {
		c->file = any;
		c->compatible = 0;
	}
	if (!c->file)
		return NULL;
	*yanked = all_yanked;
	*rp = c->file->requires_python;
	return c;
}

static int cmp_version(const void *a, const void *b)
{
	const struct index_file *x = a, *y = b;
	int c = pep440_cmp(&y->version, &x->version);
	return c ? c : strcmp(x->version_text, y->version_text);
}

static int p_candidates(void *ctx, const char *key, solver_cands *out, struct perr *err)
{
	struct prov *p = ctx;
	index_files *files;
	int rc = index_project(p->ic, key, &files, err);

	if (rc)
		return rc;
	if (files->n)
		qsort(files->v, files->n, sizeof(*files->v), cmp_version);
	for (size_t i = 0; i < files->n;) {
		size_t j = i + 1;
		while (j < files->n && !pep440_cmp(&files->v[i].version, &files->v[j].version))
			j++;
		int yanked = 0;
		const char *rp = NULL;
		struct choice *ch = choose(p, key, files, i, j, &yanked, &rp);
		if (ch) {
			struct solver_cand *c = VEC_PUSH(out);
			memset(c, 0, sizeof(*c));
			c->version_text = ch->file->version_text;
			c->version = ch->file->version;
			c->requires_python = rp;
			c->yanked = yanked;
			c->data = ch;
		}
		i = j;
	}
	return 0;
}

static int p_deps(void *ctx, const char *key, const struct solver_cand *c, const char ***reqs,
		  size_t *n, const char **rp, int *unknown, struct perr *err)
{
	struct prov *p = ctx;
	struct choice *ch = c->data;
	struct strbuf text = STRBUF_INIT;
	struct metadata m;
	int rc;

	memset(&m, 0, sizeof(m));
	rc = index_metadata(p->ic, ch->file, &text, err);
	if (rc) {
		strbuf_release(&text);
		return rc;
	}
	metadata_parse(&m, p->arena, text.buf, text.len);
	*unknown = 0;
	if (!ch->file->is_wheel) {
		/* sdists: Requires-Dist counts only from metadata 2.2+ not marked dynamic */
		struct pep440 mv, v22;
		struct perr e = PERR_INIT;
		int dynamic = 0;
		pep440_parse(&v22, "2.2", 3, &e);
		for (size_t i = 0; i < m.dynamic.n; i++)
			if (!strcasecmp(m.dynamic.v[i], "Requires-Dist"))
				dynamic = 1;
		if (!m.metadata_version ||
		    pep440_parse(&mv, m.metadata_version, strlen(m.metadata_version), &e) ||
		    pep440_cmp(&mv, &v22) < 0 || dynamic) {
			*unknown = 1;
			*VEC_PUSH(p->warnings) = arena_printf(p->arena,
				"dependencies of %s %s are unknown: its sdist '%s' does not declare them statically",
				key, c->version_text, ch->file->filename);
		}
	}
	const char **arr = arena_alloc(p->arena, (m.requires_dist.n + 1) * sizeof(*arr));
	for (size_t i = 0; i < m.requires_dist.n && !*unknown; i++)
		arr[(*n)++] = m.requires_dist.v[i];
	*reqs = arr;
	*rp = m.requires_python;
	metadata_release(&m);
	strbuf_release(&text);
	return 0;
}

void resolution_release(struct resolution *r)
{
	VEC_FREE(&r->pkgs);
	VEC_FREE(&r->warnings);
	arena_release(&r->arena);
}

static int cmp_pkg(const void *a, const void *b)
{
	return strcmp(((const struct resolved_pkg *)a)->key, ((const struct resolved_pkg *)b)->key);
}

static const char **dup_list(struct arena *a, const char *const *v, size_t n)
{
	const char **o = arena_alloc(a, (n + 1) * sizeof(*o));
	for (size_t i = 0; i < n; i++)
		o[i] = arena_strdup(a, v[i]);
	return o;
}

/* the chain from the requirements file down to pin i, following each pin's
 * first parent */
static void make_chain(struct arena *a, struct solver *s, size_t i, struct resolved_pkg *out)
{
	VEC(const char *) rev = VEC_INIT;
	const struct solver_pin *p = &s->pins.v[i];

	*VEC_PUSH(&rev) = p->key;
	for (int guard = 0; guard < 256 && p && p->via.n; guard++) {
		const char *par = p->via.v[0];
		const struct solver_pin *next = NULL;
		*VEC_PUSH(&rev) = par;
		for (size_t j = 0; j < s->pins.n; j++)
			if (!strcmp(s->pins.v[j].key, par))
				next = &s->pins.v[j];
		p = next;
	}
	out->n_chain = rev.n;
	out->chain = arena_alloc(a, (rev.n + 1) * sizeof(*out->chain));
	for (size_t k = 0; k < rev.n; k++)
		out->chain[k] = arena_strdup(a, rev.v[rev.n - 1 - k]);
	VEC_FREE(&rev);
}

int resolve_reqfile(const struct reqfile *rf, const struct resolve_options *o,
		    struct resolution *out, struct perr *err)
{
	struct arena *a = &out->arena;
	struct index_client ic;
	struct marker_env env;
	struct solver s;
	struct prov p;
	VEC(struct solver_root) roots = VEC_INIT;
	VEC(const char *) urls = VEC_INIT, links = VEC_INIT;
	const char *pyver = o->python_version;
	int rc = 0;

	memset(&ic, 0, sizeof(ic));
	memset(&s, 0, sizeof(s));
	memset(&env, 0, sizeof(env));
	if (o->host) {
		rc = marker_env_host(&env, pyver, a, err);
		if (rc)
			return rc;
	} else {
		marker_env_from_arrays(&env, o->marker_keys, o->marker_values, o->n_markers);
	}
	if (!pyver)
		pyver = env.values[MV_PYTHON_FULL_VERSION] ? env.values[MV_PYTHON_FULL_VERSION] :
			env.values[MV_PYTHON_VERSION] ? env.values[MV_PYTHON_VERSION] : "3.13";
	if (pep440_parse(&s.python, pyver, strlen(pyver), err))
		return PM_USAGE;

	const char *const *tags = o->tags;
	size_t n_tags = o->n_tags;
	if (!n_tags && o->host) {
		const char **t;
		n_tags = tags_host(a, pyver, &t);
		tags = t;
	}

	if (!o->no_index && !rf->no_index) {
		if (o->n_index_urls) {
			for (size_t i = 0; i < o->n_index_urls; i++)
				*VEC_PUSH(&urls) = o->index_urls[i];
		} else if (rf->index_url) {
			*VEC_PUSH(&urls) = rf->index_url;
		}
		for (size_t i = 0; i < rf->extra_index_urls.n; i++)
			*VEC_PUSH(&urls) = rf->extra_index_urls.v[i];
	}
	for (size_t i = 0; i < o->n_find_links; i++)
		*VEC_PUSH(&links) = o->find_links[i];
	for (size_t i = 0; i < rf->find_links.n; i++)
		*VEC_PUSH(&links) = rf->find_links.v[i];
	if (!urls.n && !links.n) {
		rc = perr_set(err, PM_USAGE, "nowhere to look for distributions: give --index-url or --find-links");
		goto out;
	}

	/* the roots: named requirements whose markers hold for the target */
	for (size_t i = 0; i < rf->entries.n; i++) {
		const struct reqfile_entry *e = &rf->entries.v[i];
		int yes = 1;
		if (e->req.marker && marker_eval(e->req.marker, &env, NULL, 0, &yes, err)) {
			rc = perr_wrap(err, "%s:%d", e->file, e->line);
			goto out;
		}
		if (!yes)
			continue;
		if (e->editable) {
			rc = perr_set(err, PM_INPUT, "%s:%d: editable requirement '%s' cannot be resolved for a target",
				      e->file, e->line, e->text);
			goto out;
		}
		if (e->kind != REQ_NAMED || e->req.url) {
			rc = perr_set(err, PM_INPUT, "%s:%d: direct reference '%s' is not supported by the resolver yet",
				      e->file, e->line, e->text);
			goto out;
		}
		struct solver_root *r = VEC_PUSH(&roots);
		r->req = &e->req;
		r->constraint = e->constraint;
		r->origin = arena_printf(a, "%s %s", e->constraint ? "-c" : "-r", e->file);
	}

	ic.cache_dir = o->cache_dir ? xstrdup(o->cache_dir) : cache_default_dir();
	ic.index_urls = urls.v;
	ic.n_index_urls = urls.n;
	ic.find_links = links.v;
	ic.n_find_links = links.n;
	if (urls.n) {
		rc = http_open(&ic.http, o, err);
		if (rc)
			goto out;
	}
	p.ic = &ic;
	p.arena = a;
	p.tags = tags;
	p.n_tags = n_tags;
	p.any_platform = o->any_platform;
	p.rf = rf;
	p.warnings = (void *)&out->warnings;
	struct solver_provider prov = { &p, p_candidates, p_deps };
	s.arena = a;
	s.prov = &prov;
	s.env = &env;
	s.allow_pre = o->allow_pre || rf->pre;
	rc = solver_run(&s, roots.v, roots.n, err);
	if (rc)
		goto out;

	for (size_t i = 0; i < s.pins.n; i++) {
		const struct solver_pin *pin = &s.pins.v[i];
		struct choice *ch = pin->cand->data;
		struct resolved_pkg *r = VEC_PUSH(&out->pkgs);
		const char *path = NULL;
		memset(r, 0, sizeof(*r));
		if (o->fetch || !ch->file->sha256 || ch->file->local) {
			rc = index_fetch(&ic, ch->file, &path, err);
			if (rc)
				goto out;
		}
		r->name = arena_strdup(a, pin->name);
		r->key = arena_strdup(a, pin->key);
		r->version = arena_strdup(a, pin->cand->version_text);
		r->filename = arena_strdup(a, ch->file->filename);
		r->url = ch->file->local ? arena_strdup(a, ch->file->url) : url_redact(a, ch->file->url);
		r->path = path ? arena_strdup(a, path) : NULL;
		r->sha256 = ch->file->sha256 ? arena_strdup(a, ch->file->sha256) : NULL;
		r->is_wheel = ch->file->is_wheel;
		r->compatible = ch->compatible;
		r->deps_unknown = pin->deps_unknown;
		r->extras = dup_list(a, pin->extras.v, pin->extras.n);
		r->n_extras = pin->extras.n;
		r->via = dup_list(a, pin->via.v, pin->via.n);
		r->n_via = pin->via.n;
		make_chain(a, &s, i, r);
		if (!r->compatible)
			*VEC_PUSH(&out->warnings) = arena_printf(a,
				"%s %s has no distribution installable on the target; using '%s'",
				r->name, r->version, r->filename);
	}
	if (out->pkgs.n)
		qsort(out->pkgs.v, out->pkgs.n, sizeof(*out->pkgs.v), cmp_pkg);
out:
	if (rc)
		VEC_FREE(&out->pkgs);
	solver_release(&s);
	index_client_release(&ic);
	VEC_FREE(&roots);
	VEC_FREE(&urls);
	VEC_FREE(&links);
	return rc;
}

int resolve_requirements_file(const char *path, const struct resolve_options *o,
			      struct resolution *out, struct perr *err)
{
	struct reqfile rf = REQFILE_INIT;
	int rc = reqfile_load(&rf, path, 0, NULL, NULL, &out->arena, err);

	if (!rc)
		rc = resolve_reqfile(&rf, o, out, err);
	reqfile_release(&rf);
	return rc;
}
