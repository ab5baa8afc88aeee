/* resolve.c: resolution of a requirements file for a target: the provider
 * the solver asks (versions from the index client, the best file per version
 * for the target's tags, dependencies from core metadata; direct references
 * as the one candidate of their name), the roots from the requirements file,
 * pip's hash-checking mode, and the pinned result with each pin's chain and
 * hashes. HTTP and caching are index.c's; the search itself is solver.c's;
 * reading direct references is direct.c's. */
#include "resolve.h"

#include <string.h>
#include <unistd.h>

/* the --hash values allowed for one name ("sha256:<hex>", lowercase), and
 * where from */
struct allowed {
	VEC(const char *) hex;
	const char *where;       /* "requirements.txt:3" */
};

struct prov {
	struct index_client *ic;
	struct arena *arena;
	const char *const *tags;
	size_t n_tags;
	int any_platform;
	const struct reqfile *rf;
	VEC(const char *) *warnings;
	struct strmap directs;   /* key -> struct direct_ref* */
	struct strmap bad_links; /* key -> struct perr*: a constraint's link that
				    cannot be used, said once its name is asked for */
	struct strmap allowed;   /* key -> struct allowed* (hash-checking mode) */
	struct strmap prefetched;/* keys already handed to prefetch() */
	unsigned char *active;   /* per requirements-file entry: its marker
				    holds for the target */
	const char **entry_key;  /* per entry: a direct reference's name, else NULL */
	size_t n_direct;
	int hash_mode;
	int no_deps;             /* --no-deps: candidates have no dependencies */
	const struct marker_env *env;
};

struct choice {
	struct index_file *file;    /* NULL for a project directory */
	struct direct_ref *direct;  /* a direct reference, else NULL */
	index_files *files;         /* every file of this version: [from, to) */
	size_t from, to;
	int compatible;
};

/* 1 when one of n specs ("NAME:HEX") is NAME:hex (hex NULL: never) */
static int spec_in(const char *const *specs, size_t n, const char *name, const char *hex)
{
	size_t nl = strlen(name);

	for (size_t i = 0; hex && i < n; i++)
		if (!strncmp(specs[i], name, nl) && specs[i][nl] == ':' &&
		    !strcasecmp(specs[i] + nl + 1, hex))
			return 1;
	return 0;
}

static int allowed_has(const struct allowed *al, const char *spec)
{
	for (size_t i = 0; spec && i < al->hex.n; i++)
		if (!strcasecmp(al->hex.v[i], spec))
			return 1;
	return 0;
}

/* 1 when a hash the index gives for f (sha256 or another) is allowed */
static int allowed_file(const struct allowed *al, const struct index_file *f)
{
	return spec_in(al->hex.v, al->hex.n, "sha256", f->sha256) || allowed_has(al, f->link_hash);
}

/* hash-checking mode: 1 when the index's sha256 of f is one of the values
 * its requirement allows (else only the file itself can tell: other
 * algorithms, or an index that gives no sha256) */
static int allowed_known(const struct index_file *f)
{
	return spec_in(f->allowed, f->n_allowed, "sha256", f->sha256);
}

static void set_allowed(struct index_file *f, const struct allowed *al)
{
	f->allowed = al->hex.v;
	f->n_allowed = al->hex.n;
	f->allowed_where = al->where;
}

int metadata_static_deps(const struct metadata *m)
{
	struct pep440 mv, v22;
	struct perr e = PERR_INIT;

	pep440_parse(&v22, "2.2", 3, &e);
	for (size_t i = 0; i < m->dynamic.n; i++)
		if (!strcasecmp(m->dynamic.v[i], "Requires-Dist"))
			return 0;
	return m->metadata_version &&
	       !pep440_parse(&mv, m->metadata_version, strlen(m->metadata_version), &e) &&
	       pep440_cmp(&mv, &v22) >= 0;
}

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
	int best_rank = -1, all_yanked = 1, some_allowed = 0;
	const struct allowed *al = strmap_get(&p->allowed, key);

	for (size_t i = from; i < to; i++) {
		struct index_file *f = &files->v[i];
		if (!f->yanked)
			all_yanked = 0;
		if (al && allowed_file(al, f))
			some_allowed = 1;
	}
	for (size_t i = from; i < to; i++) {
		struct index_file *f = &files->v[i];
		if (f->yanked && !all_yanked)
			continue;
		/* as pip: files whose known hash is not allowed are passed over
		 * when another file of the version is allowed */
		if (some_allowed && !allowed_file(al, f))
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
	c->files = files;
	c->from = from;
	c->to = to;
	c->file = best ? best : sdist;
	if (!c->file && p->any_platform && any) {
		c->file = any;
		c->compatible = 0;
	}
	if (al && c->file)
		set_allowed(c->file, al);
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

typedef VEC(const char *) key_list;

/* the keys of reqs (Requires-Dist lines) whose markers hold for the target
 * with no extras (the solver evaluates them for real), appended to keys */
static void dep_keys(struct prov *p, const char *const *reqs, size_t n, key_list *keys)
{
	struct perr e = PERR_INIT;

	for (size_t i = 0; i < n; i++) {
		struct req r;
		int yes = 1;
		if (req_parse(&r, reqs[i], strlen(reqs[i]), p->arena, &e, NULL))
			continue;
		if (r.marker && (marker_eval(r.marker, p->env, NULL, 0, &yes, &e) || !yes))
			continue;
		if (!r.url)
			*VEC_PUSH(keys) = r.key;
	}
}

/* The solver asks for these names next: their index pages, then the core
 * metadata of each one's newest (final, unless only pre-releases exist)
 * version, in parallel; then the same for those versions' dependencies,
 * one level per batch, so that a dependency tree n deep costs n rounds
 * of requests rather than one round per package the solver visits (uv
 * prefetches the same way). Best effort: what fails here is fetched
 * again, and reported, when the solver asks; a version the solver does
 * not take costs the requests made for it and nothing else. */
static void prefetch(struct prov *p, const char *const *keys, size_t n)
{
	VEC(struct index_file *) meta = VEC_INIT, whole = VEC_INIT, chosen = VEC_INIT;
	key_list todo = VEC_INIT, next = VEC_INIT;
	struct strbuf text = STRBUF_INIT;
	struct perr e = PERR_INIT;

	if (!p->ic->http)
		return;
	/* each name once: later candidates often share dependencies */
	for (size_t k = 0; k < n; k++) {
		int created = 0;
		if (!strmap_get(&p->directs, keys[k]))
			strmap_put(&p->prefetched, keys[k], &created);
		if (created)
			*VEC_PUSH(&todo) = keys[k];
	}
	if (todo.n)
		index_prefetch(p->ic, todo.v, todo.n);
	for (size_t k = 0; k < todo.n; k++) {
		/* what the batch got; a failed page is the solver's to report */
		index_files *files = strmap_get(&p->ic->projects, todo.v[k]);
		size_t from = 0, to;
		int yanked;
		const char *rp;
		if (!files || !files->n)
			continue;
		qsort(files->v, files->n, sizeof(*files->v), cmp_version);
		while (from < files->n && pep440_is_prerelease(&files->v[from].version))
			from++;
		if (from == files->n)
			from = 0;
		for (to = from + 1; to < files->n && !pep440_cmp(&files->v[from].version,
							       &files->v[to].version); to++)
			;
		struct choice *ch = choose(p, todo.v[k], files, from, to, &yanked, &rp);
		if (!ch || !ch->file || ch->file->local)
			continue;
		*VEC_PUSH(&chosen) = ch->file;
		if (ch->file->path)
			continue;
		if (ch->file->metadata_url)
			*VEC_PUSH(&meta) = ch->file;
		else /* no PEP 658 file: the metadata is inside the download */
			*VEC_PUSH(&whole) = ch->file;
	}
	index_metadata_prefetch(p->ic, meta.v, meta.n);
	if (whole.n)
		index_fetch_many(p->ic, whole.v, whole.n, &e);
	/* the next level: what those versions depend on */
	for (size_t i = 0; i < chosen.n; i++) {
		struct metadata m;
		strbuf_reset(&text);
		if (index_metadata_at_hand(p->ic, chosen.v[i], &text))
			continue;
		metadata_parse(&m, p->arena, text.buf, text.len);
		if (chosen.v[i]->is_wheel || metadata_static_deps(&m))
			dep_keys(p, m.requires_dist.v, m.requires_dist.n, &next);
		metadata_release(&m);
	}
	if (next.n)
		prefetch(p, next.v, next.n);
	strbuf_release(&text);
	VEC_FREE(&meta);
	VEC_FREE(&whole);
	VEC_FREE(&chosen);
	VEC_FREE(&todo);
	VEC_FREE(&next);
}

/* prefetch for the dependencies of one candidate */
static void prefetch_reqs(struct prov *p, const char *const *reqs, size_t n)
{
	key_list keys = VEC_INIT;

	dep_keys(p, reqs, n, &keys);
	prefetch(p, keys.v, keys.n);
	VEC_FREE(&keys);
}

static int p_candidates(void *ctx, const char *key, solver_cands *out, struct perr *err)
{
	struct prov *p = ctx;
	struct direct_ref *d = strmap_get(&p->directs, key);
	const struct perr *bad = strmap_get(&p->bad_links, key);
	index_files *files;
	int rc;

	if (bad) {
		*err = *bad;
		return bad->code;
	}
	if (d) { /* a direct reference is the only candidate of its name */
		struct choice *ch = arena_alloc(p->arena, sizeof(*ch));
		struct solver_cand *c = VEC_PUSH(out);
		memset(c, 0, sizeof(*c));
		ch->direct = d;
		ch->file = d->is_dir ? NULL : &d->file;
		ch->compatible = 1;
		if (ch->file && ch->file->is_wheel)
			ch->compatible = tags_rank(p->tags, p->n_tags, ch->file->filename) >= 0;
		if (!ch->compatible && !p->any_platform) /* as pip */
			return perr_set(err, PM_INPUT, "%s:%d: '%s' is not a wheel the target can install (its tags are not among the target's)",
					d->origin_file, d->origin_line, ch->file->filename);
		c->version_text = d->version_text;
		c->version = d->version;
		c->any_version = !d->version_known;
		c->data = ch;
		return 0;
	}
	rc = index_project(p->ic, key, &files, err);
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
	const struct metadata *md = &m;
	int rc;

	memset(&m, 0, sizeof(m));
	*unknown = 0;
	*n = 0;
	if (p->no_deps) { /* as pip --no-deps: what was asked for, nothing it needs */
		*reqs = NULL;
		*rp = ch->file ? ch->file->requires_python : ch->direct->meta.requires_python;
		return 0;
	}
	if (!ch->file) { /* a project directory: its static metadata */
		md = &ch->direct->meta;
		if (!ch->direct->meta_static) {
			*unknown = 1;
			*VEC_PUSH(p->warnings) = arena_printf(p->arena,
				"dependencies of %s are unknown: '%s' does not declare them statically (pyproject.toml [project] or PKG-INFO 2.2+), and pymode-pkg does not run builds",
				key, ch->direct->written);
		}
	} else {
		rc = index_metadata(p->ic, ch->file, &text, err);
		if (rc) {
			strbuf_release(&text);
			return rc;
		}
		metadata_parse(&m, p->arena, text.buf, text.len);
		if (!ch->file->is_wheel && !metadata_static_deps(&m)) {
			/* sdists: Requires-Dist counts only from metadata 2.2+ not marked dynamic */
			*unknown = 1;
			*VEC_PUSH(p->warnings) = arena_printf(p->arena,
				"dependencies of %s %s are unknown: its sdist '%s' does not declare them statically",
				key, c->version_text, ch->file->filename);
		}
	}
	const char **arr = arena_alloc(p->arena, (md->requires_dist.n + 1) * sizeof(*arr));
	for (size_t i = 0; i < md->requires_dist.n && !*unknown; i++)
		arr[(*n)++] = md->requires_dist.v[i];
	*reqs = arr;
	*rp = md->requires_python;
	metadata_release(&m);
	strbuf_release(&text);
	prefetch_reqs(p, arr, *n);
	return 0;
}

void resolution_release(struct resolution *r)
{
	VEC_FREE(&r->pkgs);
	VEC_FREE(&r->warnings);
	VEC_FREE(&r->unresolved);
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

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* hash-checking mode: the allowed hashes per name (intersected across the
 * entries that give some), and pip's rule that every requirement is pinned */
static int hash_setup(struct prov *p, const struct reqfile *rf, int require, struct perr *err)
{
	struct strbuf unpinned = STRBUF_INIT;
	int rc = 0;

	p->hash_mode = rf->require_hashes || require;
	for (size_t i = 0; i < rf->entries.n; i++)
		if (rf->entries.v[i].n_hashes)
			p->hash_mode = 1;
	if (!p->hash_mode)
		return 0;
	for (size_t i = 0; i < rf->entries.n && !rc; i++) {
		const struct reqfile_entry *e = &rf->entries.v[i];
		const char *key = p->entry_key[i] ? p->entry_key[i] : e->req.key;
		struct direct_ref *d = p->entry_key[i] ? strmap_get(&p->directs, key) : NULL;
		if (!p->active[i])
			continue;
		if (e->editable) {
			rc = perr_set(err, PM_INPUT, "%s:%d: the editable requirement '%s' cannot be installed in hash-checking mode (--require-hashes)",
				      e->file, e->line, e->text);
			break;
		}
		if (d && d->is_dir) {
			rc = perr_set(err, PM_INPUT, "%s:%d: cannot check the hashes of the directory '%s' in hash-checking mode (--require-hashes)",
				      e->file, e->line, d->written);
			break;
		}
		if (e->n_hashes) {
			struct allowed *al = arena_alloc(p->arena, sizeof(*al));
			struct allowed *old = strmap_get(&p->allowed, key);
			al->where = arena_printf(p->arena, "%s:%d", e->file, e->line);
			for (size_t h = 0; h < e->n_hashes; h++) {
				/* a second entry with hashes narrows the set, as pip */
				if (old && !allowed_has(old, e->hashes[h]))
					continue;
				*VEC_PUSH(&al->hex) = e->hashes[h];
			}
			if (old && !al->hex.n) {
				rc = perr_set(err, PM_INPUT, "%s:%d: the hashes of '%s' have nothing in common with those at %s",
					      e->file, e->line, key, old->where);
				VEC_FREE(&al->hex);
				break;
			}
			if (old)
				VEC_FREE(&old->hex);
			strmap_put(&p->allowed, key, NULL)->value = al;
		}
		if (e->constraint)
			continue;
		int pinned = d ? !d->is_dir : 0;
		for (size_t k = 0; k < e->req.specs.n; k++)
			if ((e->req.specs.v[k].op == SPEC_EQ && !e->req.specs.v[k].wildcard) ||
			    e->req.specs.v[k].op == SPEC_ARBITRARY)
				pinned = 1;
		if (!pinned)
			strbuf_addf(&unpinned, "%s'%s' (%s:%d)", unpinned.len ? ", " : "", e->text,
				    e->file, e->line);
	}
	if (!rc && unpinned.len)
		rc = perr_set(err, PM_INPUT, "hash-checking mode (--require-hashes) needs every requirement pinned with ==; these are not: %s",
			      unpinned.buf);
	/* direct archives are downloaded while resolving: check them then */
	STRMAP_FOREACH(&p->directs, de) {
		struct direct_ref *d = de->value;
		const struct allowed *al = strmap_get(&p->allowed, d->key);
		if (al && !d->is_dir)
			set_allowed(&d->file, al);
	}
	strbuf_release(&unpinned);
	return rc;
}

/* after resolution, in hash-checking mode: every pin has --hash values
 * (checked before anything is downloaded, as pip) */
static int hash_require_all(struct prov *p, const struct solver *s, struct perr *err)
{
	struct strbuf missing = STRBUF_INIT;
	size_t n = 0;
	int rc = 0;

	for (size_t i = 0; i < s->pins.n; i++) {
		const struct solver_pin *pin = &s->pins.v[i];
		const struct choice *ch = pin->cand->data;
		if (!ch->file || strmap_get(&p->allowed, pin->key) ||
		    (ch->direct && ch->direct->fragment_hash))
			continue;
		strbuf_addf(&missing, "%s%s==%s (via %s)", n++ ? ", " : "", pin->name,
			    pin->cand->version_text, pin->via.n ? pin->via.v[0] : "?");
	}
	if (n)
		rc = perr_set(err, PM_INPUT, "hash-checking mode (--require-hashes): %s no --hash in the requirements: %s; add %s, or let 'pymode-pkg lock' write every pin with its hashes",
			      n == 1 ? "this pin has" : "these pins have", missing.buf,
			      n == 1 ? "it" : "them");
	strbuf_release(&missing);
	return rc;
}

/* the hashes of every file of the pinned version that are known or cheap
 * to know (local files), sorted and unique */
static void pin_hashes(struct prov *p, struct choice *ch, struct resolved_pkg *r)
{
	VEC(const char *) v = VEC_INIT;

	if (ch->file && ch->file->sha256)
		*VEC_PUSH(&v) = ch->file->sha256;
	for (size_t i = ch->from; ch->files && i < ch->to; i++) {
		struct index_file *f = &ch->files->v[i];
		char hex[65];
		struct perr e = PERR_INIT;
		if (!f->sha256 && f->local && !sha256_file_hex(f->url, hex, &e))
			f->sha256 = arena_strdup(p->arena, hex);
		if (f->sha256)
			*VEC_PUSH(&v) = f->sha256;
	}
	if (v.n)
		qsort(v.v, v.n, sizeof(*v.v), cmp_str);
	r->hashes = arena_alloc(p->arena, (v.n + 1) * sizeof(*r->hashes));
	for (size_t i = 0; i < v.n; i++)
		if (!i || strcmp(v.v[i], v.v[i - 1]))
			r->hashes[r->n_hashes++] = arena_strdup(p->arena, v.v[i]);
	VEC_FREE(&v);
}

/* every direct reference of the file (markers true for the target) into
 * p->directs; two different ones for a name are an error */
static int load_directs(struct prov *p, const struct reqfile *rf, struct perr *err)
{
	p->entry_key = arena_alloc(p->arena, (rf->entries.n + 1) * sizeof(*p->entry_key));
	for (size_t i = 0; i < rf->entries.n; i++) {
		const struct reqfile_entry *e = &rf->entries.v[i];
		int rc;
		if ((e->kind == REQ_NAMED && !e->req.url && !e->editable) || !p->active[i])
			continue;
		/* a constraint's link is the one candidate of its name once
		 * something requires it (pip's Constraint.links); its root is a
		 * constraint, so nothing requires it by itself */
		struct direct_ref *d = arena_alloc(p->arena, sizeof(*d));
		rc = direct_ref_load(d, e, p->arena, err);
		if (rc && e->constraint && e->req.key) {
			/* pip looks at a constraint's link only when something
			 * requires its name: so is this one's problem said */
			struct perr *copy = arena_alloc(p->arena, sizeof(*copy));
			*copy = *err;
			*err = (struct perr)PERR_INIT;
			metadata_release(&d->meta);
			strmap_put(&p->bad_links, e->req.key, NULL)->value = copy;
			continue;
		}
		if (rc) {
			metadata_release(&d->meta);
			return rc;
		}
		struct direct_ref *old = strmap_get(&p->directs, d->key);
		if (old) {
			int same = !strcmp(direct_ref_url(old, p->arena), direct_ref_url(d, p->arena));
			metadata_release(&d->meta);
			if (!same)
				return perr_set(err, PM_INPUT, "%s:%d: %s is given twice with different locations: '%s' and '%s' (%s:%d)",
						e->file, e->line, d->name, d->written, old->written,
						old->origin_file, old->origin_line);
			old->editable |= d->editable;
			p->entry_key[i] = old->key;
			p->n_direct++;
			continue;
		}
		strmap_put(&p->directs, d->key, NULL)->value = d;
		p->entry_key[i] = d->key;
		p->n_direct++;
	}
	return 0;
}

/* which entries hold for the target: each marker evaluated once */
static int eval_markers(struct prov *p, const struct reqfile *rf, const struct marker_env *env,
			struct perr *err)
{
	p->active = arena_alloc(p->arena, rf->entries.n + 1);
	for (size_t i = 0; i < rf->entries.n; i++) {
		const struct reqfile_entry *e = &rf->entries.v[i];
		int yes = 1;
		if (e->req.marker && marker_eval(e->req.marker, env, NULL, 0, &yes, err))
			return perr_wrap(err, "%s:%d", e->file, e->line);
		p->active[i] = (unsigned char)yes;
	}
	return 0;
}

static void prov_release(struct prov *p)
{
	STRMAP_FOREACH(&p->directs, e) {
		struct direct_ref *d = e->value;
		metadata_release(&d->meta);
	}
	strmap_release(&p->directs);
	strmap_release(&p->bad_links); /* the errors are arena memory */
	STRMAP_FOREACH(&p->allowed, e) {
		struct allowed *al = e->value;
		VEC_FREE(&al->hex);
	}
	strmap_release(&p->allowed);
	strmap_release(&p->prefetched);
}

/* where the client looked, for messages: "the index URL", "--find-links DIR" */
static const char *looked_in(struct arena *a, const struct index_client *ic)
{
	struct strbuf sb = STRBUF_INIT;
	const char *s;

	for (size_t i = 0; i < ic->n_index_urls; i++)
		strbuf_addf(&sb, "%sthe index %s", sb.len ? " or " : "", url_redact(a, ic->index_urls[i]));
	for (size_t i = 0; i < ic->n_find_links; i++)
		strbuf_addf(&sb, "%s--find-links %s", sb.len ? " or " : "", ic->find_links[i]);
	s = arena_strdup(a, sb.len ? sb.buf : "nowhere");
	strbuf_release(&sb);
	return s;
}

/* After the solver found no solution: a requirement naming a project that
 * no index has and no find-links file is, is bad input (exit 3), said with
 * the closest known name; so is a distribution's dependency on one, said
 * with what requires it and through what; links dropped for the projects
 * the explanation names are added to it. */
static int explain_failure(struct index_client *ic, const struct prov *p, const struct solver *s,
			   const struct solver_root *roots, size_t n, struct arena *a, struct perr *err)
{
	for (size_t i = 0; i < n; i++) {
		const char *key = roots[i].req->key;
		struct strmap names = STRMAP_INIT;
		const char *hint;
		if (roots[i].constraint || strmap_get(&p->directs, key) || !strmap_has(&ic->absent, key))
			continue;
		index_project_names(ic, &names);
		hint = suggest_name(&names, key);
		perr_set(err, PM_INPUT, "%s: no project named '%s' in %s%s%s%s", roots[i].where ? roots[i].where : "?",
			 roots[i].req->name, looked_in(a, ic), hint ? " (did you mean '" : "",
			 hint ? hint : "", hint ? "'?)" : "");
		strmap_release(&names);
		return PM_INPUT;
	}
	if (s->absent_key && strmap_has(&ic->absent, s->absent_key) && !strmap_get(&p->directs, s->absent_key)) {
		struct strmap names = STRMAP_INIT;
		const char *hint;
		index_project_names(ic, &names);
		hint = suggest_name(&names, s->absent_key);
		perr_set(err, PM_INPUT, "%s%s%s, but no project of that name is in %s%s%s%s",
			 s->absent_where ? s->absent_where : "", s->absent_where ? ": " : "", s->absent_what,
			 looked_in(a, ic), hint ? " (did you mean '" : "", hint ? hint : "", hint ? "'?)" : "");
		strmap_release(&names);
		return PM_INPUT;
	}
	STRMAP_FOREACH(&ic->dropped, e) {
		const char *msg = pep503_normalize(a, err->msg);
		const struct strbuf *sb = e->value;
		if (!strstr(msg, e->key))
			continue;
		char *old = arena_strdup(a, err->msg);
		perr_set(err, PM_GATE, "%s; links the index offers for %s were dropped: %s", old, e->key, sb->buf);
	}
	return PM_GATE;
}

static int resolve_once(const struct reqfile *rf, const struct resolve_options *o,
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
	memset(&p, 0, sizeof(p));
	p.arena = a;
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
		/* as pip: a requirements file's --index-url replaces every
		 * index before it (command line, environment, config) */
		if (rf->index_url) {
			*VEC_PUSH(&urls) = rf->index_url;
		} else {
			for (size_t i = 0; i < o->n_index_urls; i++)
				*VEC_PUSH(&urls) = o->index_urls[i];
		}
		for (size_t i = 0; i < rf->extra_index_urls.n; i++)
			*VEC_PUSH(&urls) = rf->extra_index_urls.v[i];
	}
	for (size_t i = 0; i < o->n_find_links; i++)
		*VEC_PUSH(&links) = o->find_links[i];
	for (size_t i = 0; i < rf->find_links.n; i++)
		*VEC_PUSH(&links) = rf->find_links.v[i];

	rc = eval_markers(&p, rf, &env, err);
	if (!rc)
		rc = load_directs(&p, rf, err);
	if (!rc)
		rc = hash_setup(&p, rf, o->require_hashes, err);
	if (rc)
		goto out;
	if (!urls.n && !links.n && p.n_direct < rf->entries.n) {
		rc = perr_set(err, PM_USAGE, "nowhere to look for distributions: give --index-url or --find-links");
		goto out;
	}

	/* the roots: requirements whose markers hold for the target */
	for (size_t i = 0; i < rf->entries.n; i++) {
		const struct reqfile_entry *e = &rf->entries.v[i];
		if (!p.active[i])
			continue;
		struct solver_root *r = VEC_PUSH(&roots);
		r->req = &e->req;
		r->constraint = e->constraint;
		r->origin = arena_printf(a, "%s %s", e->constraint ? "-c" : "-r", e->file);
		r->where = arena_printf(a, "%s:%d", e->file, e->line);
		if (p.entry_key[i]) {
			/* a direct reference: its name may come from the file or project */
			const struct direct_ref *d = strmap_get(&p.directs, p.entry_key[i]);
			struct req *q = arena_alloc(a, sizeof(*q));
			*q = e->req;
			q->name = d->name;
			q->key = d->key;
			q->url = NULL;
			r->req = q;
		}
	}

	ic.cache_dir = o->cache_dir ? xstrdup(o->cache_dir) : cache_default_dir();
	ic.index_urls = urls.v;
	ic.n_index_urls = urls.n;
	ic.find_links = links.v;
	ic.n_find_links = links.n;
	ic.progress = !o->quiet && isatty(2);
	rc = http_open(&ic.http, o, err);
	if (rc)
		goto out;
	p.ic = &ic;
	p.env = &env;
	p.tags = tags;
	p.n_tags = n_tags;
	p.any_platform = o->any_platform;
	p.rf = rf;
	p.no_deps = o->no_deps;
	p.warnings = (void *)&out->warnings;
	struct solver_provider prov = { &p, p_candidates, p_deps };
	s.arena = a;
	s.prov = &prov;
	s.env = &env;
	s.allow_pre = o->allow_pre || rf->pre;
	{
		VEC(const char *) keys = VEC_INIT;
		for (size_t i = 0; i < roots.n; i++)
			*VEC_PUSH(&keys) = roots.v[i].req->key;
		prefetch(&p, keys.v, keys.n);
		VEC_FREE(&keys);
	}
	rc = solver_run(&s, roots.v, roots.n, err);
	if (o->verbose)
		STRMAP_FOREACH(&ic.dropped, e)
			*VEC_PUSH(&out->warnings) = arena_printf(a, "dropped a link for %s: %s", e->key,
								 ((struct strbuf *)e->value)->buf);
	if (rc == PM_GATE)
		rc = explain_failure(&ic, &p, &s, roots.v, roots.n, a, err);
	if (!rc && p.hash_mode)
		rc = hash_require_all(&p, &s, err);
	if (rc)
		goto out;
	{ /* every download the result needs, in parallel */
		VEC(struct index_file *) want = VEC_INIT;
		for (size_t i = 0; i < s.pins.n; i++) {
			struct choice *ch = s.pins.v[i].cand->data;
			if (ch->file && (o->fetch || !ch->file->sha256 || ch->file->local ||
					 (ch->file->n_allowed && !allowed_known(ch->file))))
				*VEC_PUSH(&want) = ch->file;
		}
		rc = index_fetch_many(&ic, want.v, want.n, err);
		VEC_FREE(&want);
		if (rc)
			goto out;
	}

	for (size_t i = 0; i < s.pins.n; i++) {
		const struct solver_pin *pin = &s.pins.v[i];
		struct choice *ch = pin->cand->data;
		struct resolved_pkg *r = VEC_PUSH(&out->pkgs);
		memset(r, 0, sizeof(*r));
		/* hash-checking mode: a file not fetched is one whose index
		 * sha256 is allowed; a fetched one was checked as it came */
		r->name = arena_strdup(a, pin->name);
		r->key = arena_strdup(a, pin->key);
		r->version = arena_strdup(a, pin->cand->version_text);
		r->compatible = ch->compatible;
		if (ch->file) {
			r->filename = arena_strdup(a, ch->file->filename);
			r->url = ch->file->local ? arena_strdup(a, ch->file->url) : url_redact(a, ch->file->url);
			r->path = ch->file->path ? arena_strdup(a, ch->file->path) : NULL;
			r->sha256 = ch->file->sha256 ? arena_strdup(a, ch->file->sha256) : NULL;
			r->is_wheel = ch->file->is_wheel;
		} else { /* a project directory */
			r->filename = arena_strdup(a, ch->direct->written);
			r->url = r->path = arena_strdup(a, ch->direct->dir);
			r->is_dir = 1;
		}
		if (ch->direct) {
			r->direct = arena_strdup(a, ch->direct->written);
			r->direct_url = url_redact(a, direct_ref_url(ch->direct, a));
			r->editable = ch->direct->editable;
		}
		pin_hashes(&p, ch, r);
		r->deps_unknown = pin->deps_unknown;
		r->extras = dup_list(a, pin->extras.v, pin->extras.n);
		r->n_extras = pin->extras.n;
		r->via = dup_list(a, pin->via.v, pin->via.n);
		r->n_via = pin->via.n;
		make_chain(a, &s, i, r);
		for (size_t k = 0; r->n_chain > 1 && k < roots.n && !r->where; k++)
			if (!roots.v[k].constraint && !strcmp(roots.v[k].req->key, r->chain[1]))
				r->where = roots.v[k].where;
		if (!r->compatible)
			*VEC_PUSH(&out->warnings) = arena_printf(a,
				"%s %s has no distribution installable on the target; using '%s'",
				r->name, r->version, r->filename);
		if (r->editable)
			*VEC_PUSH(&out->warnings) = arena_printf(a,
				"%s is an editable requirement (-e %s): not bundleable; build a wheel of it for deployment",
				r->name, r->direct);
	}
	if (out->pkgs.n)
		qsort(out->pkgs.v, out->pkgs.n, sizeof(*out->pkgs.v), cmp_pkg);
out:
	if (rc)
		VEC_FREE(&out->pkgs);
	solver_release(&s);
	index_client_release(&ic);
	prov_release(&p);
	VEC_FREE(&roots);
	VEC_FREE(&urls);
	VEC_FREE(&links);
	return rc;
}

/* keep_partial after a conflict: the top-level requirements, in file order,
 * each kept when it resolves with the constraints and those kept before it;
 * then the kept ones resolved into out. The conflict's explanation stays
 * in err. */
static int resolve_partial(const struct reqfile *rf, const struct resolve_options *o,
			   struct resolution *out, struct perr *err)
{
	struct reqfile sub = *rf;
	struct resolve_options q = *o;
	struct perr e = PERR_INIT;
	int rc = 0;

	q.fetch = 0;
	q.quiet = 1;
	memset(&sub.entries, 0, sizeof(sub.entries));
	for (size_t i = 0; i < rf->entries.n; i++)
		if (rf->entries.v[i].constraint)
			*VEC_PUSH(&sub.entries) = rf->entries.v[i];
	for (size_t i = 0; i < rf->entries.n && !rc; i++) {
		const struct reqfile_entry *en = &rf->entries.v[i];
		struct resolution trial = RESOLUTION_INIT;
		if (en->constraint)
			continue;
		*VEC_PUSH(&sub.entries) = *en;
		rc = resolve_once(&sub, &q, &trial, &e);
		resolution_release(&trial);
		if (rc == PM_GATE) { /* this one disagrees with what is kept */
			sub.entries.n--;
			*VEC_PUSH(&out->unresolved) = arena_printf(&out->arena, "%s (%s:%d)", en->text,
								   en->file, en->line);
			rc = 0;
		}
	}
	/* the failed attempts' warnings go, but for the links dropped (they
	 * explain what did not resolve), once each */
	size_t kept = 0;
	for (size_t i = 0; i < out->warnings.n; i++) {
		int dup = 0;
		for (size_t k = 0; k < kept && !dup; k++)
			dup = !strcmp(out->warnings.v[k], out->warnings.v[i]);
		if (!dup && starts_with(out->warnings.v[i], "dropped a link for "))
			out->warnings.v[kept++] = out->warnings.v[i];
	}
	out->warnings.n = kept;
	if (!rc)
		rc = resolve_once(&sub, o, out, &e);
	for (size_t i = kept; i < out->warnings.n;) { /* the final run's repeats */
		int dup = 0;
		for (size_t k = 0; k < kept && !dup; k++)
			dup = !strcmp(out->warnings.v[k], out->warnings.v[i]);
		if (dup)
			memmove(&out->warnings.v[i], &out->warnings.v[i + 1],
				(--out->warnings.n - i) * sizeof(*out->warnings.v));
		else
			i++;
	}
	VEC_FREE(&sub.entries);
	if (rc) { /* not a conflict (the network, a bad file): that error wins */
		*err = e;
		return rc;
	}
	return PM_GATE;
}

int resolve_reqfile(const struct reqfile *rf, const struct resolve_options *o,
		    struct resolution *out, struct perr *err)
{
	int rc = resolve_once(rf, o, out, err);

	if (rc == PM_GATE && o->keep_partial)
		rc = resolve_partial(rf, o, out, err);
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
