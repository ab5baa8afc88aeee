/* dist_json.c: a scanned distribution as JSON and back, so a cache can keep
 * what the scanner found (modules, native artifacts, import edges, metadata,
 * problems) and a later run judge it again without reading the file. Text in,
 * text out: no I/O here, and nothing of rules or verdicts. The layout is
 * SCANNER_VERSION's; a reader of another version's text refuses it. */
#include "dist_int.h"

#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ writing */

static void module_json(struct json *j, const struct module *m)
{
	json_begin_object(j);
	json_kv_string(j, "name", m->name);
	json_kv_string(j, "file", m->file);
	json_kv_int(j, "type", m->type);
	json_kv_int(j, "is_package", m->is_package);
	json_kv_string(j, "abi", m->abi);
	json_kv_int(j, "edge_first", (long long)m->edge_first);
	json_kv_int(j, "edge_count", (long long)m->edge_count);
	json_kv_int(j, "size", m->size);
	json_kv_int(j, "tokens", m->tokens);
	json_kv_int(j, "operands", m->operands);
	json_kv_int(j, "strings", m->strings);
	json_kv_int(j, "seq_consts", m->seq_consts);
	json_kv_int(j, "comps", m->comps);
	if (m->type == MOD_NATIVE || m->native.format != NATIVE_NONE) {
		const struct native_info *n = &m->native;
		json_key(j, "native");
		json_begin_object(j);
		json_kv_int(j, "format", n->format);
		json_kv_string(j, "machine", n->machine);
		json_kv_int(j, "bits", n->bits);
		json_kv_strings(j, "needed", n->needed, n->n_needed);
		json_kv_strings(j, "pyinit", n->pyinit, n->n_pyinit);
		json_kv_int(j, "flavor", n->flavor);
		json_kv_int(j, "wasm_mem_min", n->wasm_mem_min);
		json_kv_int(j, "wasm_mem_max", n->wasm_mem_max);
		json_kv_int(j, "wasm_data", n->wasm_data);
		json_kv_int(j, "wasm_mem_shared", n->wasm_mem_shared);
		json_end_object(j);
	}
	json_end_object(j);
}

static void edge_json(struct json *j, const struct import_edge *e)
{
	json_begin_object(j);
	json_kv_string(j, "file", e->file);
	json_kv_int(j, "line", e->line);
	json_kv_string(j, "as_written", e->as_written);
	json_kv_string(j, "name", e->name);
	if (e->names)
		json_kv_strings(j, "names", e->names, e->n_names);
	if (e->names && e->binds)
		json_kv_strings(j, "binds", e->binds, e->n_names);
	json_kv_int(j, "level", e->level);
	json_kv_int(j, "kinds", e->kinds);
	json_kv_string(j, "condition", e->condition);
	json_kv_int(j, "cond_value", e->cond_value);
	json_kv_int(j, "def_depth", e->def_depth);
	json_kv_string(j, "funcs", e->funcs);
	json_kv_string(j, "alias", e->alias);
	json_kv_string(j, "fallback_for", e->fallback_for);
	json_kv_string(j, "shadows", e->shadows);
	if (e->on_error)
		json_kv_int(j, "on_error", 1);
	if (e->branch)
		json_kv_int(j, "branch", 1);
	json_end_object(j);
}

void dist_json(struct strbuf *out, const struct distribution *d)
{
	struct json j;

	json_init(&j, out);
	json_begin_object(&j);
	json_kv_string(&j, "scanner", SCANNER_VERSION);
	json_kv_int(&j, "kind", d->kind);
	json_kv_string(&j, "name", d->name);
	json_kv_string(&j, "normalized", d->normalized);
	json_kv_string(&j, "version", d->version);
	json_kv_string(&j, "filename", d->filename);
	json_kv_int(&j, "n_files", d->n_files);
	json_kv_int(&j, "n_bytes", d->n_bytes);
	if (d->has_wheel) {
		json_key(&j, "wheel");
		json_begin_object(&j);
		json_kv_string(&j, "wheel_version", d->wheel.wheel_version);
		json_kv_string(&j, "generator", d->wheel.generator);
		json_kv_string(&j, "build", d->wheel.build);
		json_kv_int(&j, "root_is_purelib", d->wheel.root_is_purelib);
		json_kv_strings(&j, "tags", d->wheel.tags.v, d->wheel.tags.n);
		json_end_object(&j);
	}
	if (d->has_metadata) {
		const struct metadata *m = &d->meta;
		json_key(&j, "metadata");
		json_begin_object(&j);
		json_kv_string(&j, "metadata_version", m->metadata_version);
		json_kv_string(&j, "name", m->name);
		json_kv_string(&j, "version", m->version);
		json_kv_string(&j, "summary", m->summary);
		json_kv_string(&j, "requires_python", m->requires_python);
		json_kv_string(&j, "license", m->license);
		json_kv_string(&j, "home_page", m->home_page);
		json_kv_strings(&j, "requires_dist", m->requires_dist.v, m->requires_dist.n);
		json_kv_strings(&j, "provides_extra", m->provides_extra.v, m->provides_extra.n);
		json_kv_strings(&j, "dynamic", m->dynamic.v, m->dynamic.n);
		json_kv_strings(&j, "classifiers", m->classifiers.v, m->classifiers.n);
		json_key(&j, "problems");
		json_begin_array(&j);
		for (size_t i = 0; i < m->problems.n; i++) {
			json_begin_object(&j);
			json_kv_int(&j, "line", m->problems.v[i].line);
			json_kv_string(&j, "msg", m->problems.v[i].msg);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
	}
	json_kv_strings(&j, "top_level", d->top_level.v, d->top_level.n);
	json_key(&j, "modules");
	json_begin_array(&j);
	for (size_t i = 0; i < d->modules.n; i++)
		module_json(&j, &d->modules.v[i]);
	json_end_array(&j);
	json_key(&j, "libraries");
	json_begin_array(&j);
	for (size_t i = 0; i < d->libraries.n; i++)
		module_json(&j, &d->libraries.v[i]);
	json_end_array(&j);
	json_key(&j, "edges");
	json_begin_array(&j);
	for (size_t i = 0; i < d->imports.edges.n; i++)
		edge_json(&j, &d->imports.edges.v[i]);
	json_end_array(&j);
	json_key(&j, "diags");
	json_begin_array(&j);
	for (size_t i = 0; i < d->imports.diags.n; i++) {
		const struct scan_diag *g = &d->imports.diags.v[i];
		json_begin_object(&j);
		json_kv_string(&j, "file", g->file);
		json_kv_int(&j, "line", g->line);
		json_kv_int(&j, "col", g->col);
		json_kv_int(&j, "kind", g->kind);
		json_kv_string(&j, "msg", g->msg);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "build");
	json_begin_object(&j);
	json_kv_int(&j, "needs_native", d->build.needs_native);
	json_kv_string(&j, "backend", d->build.backend);
	json_key(&j, "reasons");
	json_begin_array(&j);
	for (size_t i = 0; i < d->build.reasons.n; i++) {
		const struct build_reason *r = &d->build.reasons.v[i];
		json_begin_object(&j);
		json_kv_string(&j, "file", r->file);
		json_kv_int(&j, "line", r->line);
		json_kv_string(&j, "why", r->why);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_key(&j, "problems");
	json_begin_array(&j);
	for (size_t i = 0; i < d->problems.n; i++) {
		const struct dist_problem *p = &d->problems.v[i];
		json_begin_object(&j);
		json_kv_string(&j, "file", p->file);
		json_kv_int(&j, "line", p->line);
		json_kv_string(&j, "msg", p->msg);
		json_kv_int(&j, "severe", p->severe);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	strbuf_addch(out, '\n');
}

/* ------------------------------------------------------------ reading */

struct rd {
	struct arena *a;
	int bad; /* a member of the wrong shape was seen */
};

static const char *rstr(struct rd *r, const struct jnode *o, const char *key)
{
	const struct jnode *v = jnode_get(o, key);
	if (!v || v->type == J_NULL)
		return NULL;
	if (v->type != J_STRING) {
		r->bad = 1;
		return NULL;
	}
	return arena_strndup(r->a, v->str, v->len);
}

static long long rnum(struct rd *r, const struct jnode *o, const char *key)
{
	const struct jnode *v = jnode_get(o, key);
	if (!v || v->type != J_NUMBER) {
		r->bad = 1;
		return 0;
	}
	return strtoll(v->str, NULL, 10);
}

/* an array of strings into the arena; *n its length */
static const char **rstrs(struct rd *r, const struct jnode *o, const char *key, size_t *n)
{
	const struct jnode *v = jnode_get(o, key);
	const char **out;

	*n = 0;
	if (!v || v->type != J_ARRAY) {
		r->bad = 1;
		return NULL;
	}
	out = arena_alloc(r->a, sizeof(*out) * (v->n ? v->n : 1));
	for (size_t i = 0; i < v->n; i++) {
		if (v->items[i]->type != J_STRING) {
			r->bad = 1;
			return NULL;
		}
		out[i] = arena_strndup(r->a, v->items[i]->str, v->items[i]->len);
	}
	*n = v->n;
	return out;
}

#define RSTR_VEC(r, o, key, vec)                                              \
	do {                                                                  \
		size_t n_;                                                    \
		const char **v_ = rstrs(r, o, key, &n_);                      \
		for (size_t i_ = 0; i_ < n_; i_++)                            \
			*VEC_PUSH(vec) = v_[i_];                              \
	} while (0)

static const struct jnode *rarray(struct rd *r, const struct jnode *o, const char *key)
{
	const struct jnode *v = jnode_get(o, key);
	if (!v || v->type != J_ARRAY) {
		r->bad = 1;
		return NULL;
	}
	return v;
}

static void module_read(struct rd *r, const struct jnode *o, struct module *m)
{
	const struct jnode *n = jnode_get(o, "native");

	memset(m, 0, sizeof(*m));
	m->name = rstr(r, o, "name");
	m->file = rstr(r, o, "file");
	m->type = (enum module_type)rnum(r, o, "type");
	m->is_package = (int)rnum(r, o, "is_package");
	m->abi = rstr(r, o, "abi");
	m->edge_first = (size_t)rnum(r, o, "edge_first");
	m->edge_count = (size_t)rnum(r, o, "edge_count");
	m->size = rnum(r, o, "size");
	m->tokens = rnum(r, o, "tokens");
	m->operands = rnum(r, o, "operands");
	m->strings = rnum(r, o, "strings");
	m->seq_consts = rnum(r, o, "seq_consts");
	m->comps = rnum(r, o, "comps");
	if (!m->name || !m->file)
		r->bad = 1;
	if (n && n->type == J_OBJECT) {
		struct native_info *x = &m->native;
		x->format = (enum native_format)rnum(r, n, "format");
		x->machine = rstr(r, n, "machine");
		x->bits = (int)rnum(r, n, "bits");
		x->needed = rstrs(r, n, "needed", &x->n_needed);
		x->pyinit = rstrs(r, n, "pyinit", &x->n_pyinit);
		x->flavor = (unsigned)rnum(r, n, "flavor");
		x->wasm_mem_min = rnum(r, n, "wasm_mem_min");
		x->wasm_mem_max = rnum(r, n, "wasm_mem_max");
		x->wasm_data = rnum(r, n, "wasm_data");
		x->wasm_mem_shared = (int)rnum(r, n, "wasm_mem_shared");
	}
}

static void edge_read(struct rd *r, const struct jnode *o, struct import_edge *e)
{
	memset(e, 0, sizeof(*e));
	e->file = rstr(r, o, "file");
	e->line = (int)rnum(r, o, "line");
	e->as_written = rstr(r, o, "as_written");
	e->name = rstr(r, o, "name");
	if (jnode_get(o, "names"))
		e->names = rstrs(r, o, "names", &e->n_names);
	if (e->names && jnode_get(o, "binds")) {
		size_t nb = 0;
		e->binds = rstrs(r, o, "binds", &nb);
		if (nb != e->n_names)
			r->bad = 1;
	}
	e->level = (int)rnum(r, o, "level");
	e->kinds = (unsigned)rnum(r, o, "kinds");
	e->condition = rstr(r, o, "condition");
	e->cond_value = (int)rnum(r, o, "cond_value");
	e->def_depth = (int)rnum(r, o, "def_depth");
	e->funcs = rstr(r, o, "funcs");
	e->alias = rstr(r, o, "alias");
	e->fallback_for = rstr(r, o, "fallback_for");
	e->shadows = rstr(r, o, "shadows");
	e->on_error = jnode_get(o, "on_error") ? (int)rnum(r, o, "on_error") : 0;
	e->branch = jnode_get(o, "branch") ? (int)rnum(r, o, "branch") : 0;
	if (!e->file)
		r->bad = 1;
}

int dist_json_read(struct distribution **out, const char *input, const char *text, size_t n,
		   struct perr *err)
{
	struct arena tmp = ARENA_INIT;
	struct jnode *root;
	const struct jnode *v, *m;
	struct distribution *d;
	struct rd r;
	int rc;

	*out = NULL;
	if ((rc = jtree_parse(&tmp, input, text, n, &root, err)))
		goto done;
	v = jnode_get(root, "scanner");
	if (root->type != J_OBJECT || !v || v->type != J_STRING || strcmp(v->str, SCANNER_VERSION)) {
		rc = perr_set(err, PM_INPUT, "'%s': not a scan of %s", input, SCANNER_VERSION);
		goto done;
	}
	v = jnode_get(root, "kind");
	d = dist_new(v && v->type == J_NUMBER ? (enum dist_kind)strtol(v->str, NULL, 10) : DIST_APP + 1, input);
	r.a = d->arena;
	r.bad = 0;
	d->name = rstr(&r, root, "name");
	d->normalized = rstr(&r, root, "normalized");
	d->version = rstr(&r, root, "version");
	d->filename = rstr(&r, root, "filename");
	d->n_files = rnum(&r, root, "n_files");
	d->n_bytes = rnum(&r, root, "n_bytes");
	if ((m = jnode_get(root, "wheel")) && m->type == J_OBJECT) {
		d->has_wheel = 1;
		d->wheel.wheel_version = rstr(&r, m, "wheel_version");
		d->wheel.generator = rstr(&r, m, "generator");
		d->wheel.build = rstr(&r, m, "build");
		d->wheel.root_is_purelib = (int)rnum(&r, m, "root_is_purelib");
		RSTR_VEC(&r, m, "tags", &d->wheel.tags);
	}
	if ((m = jnode_get(root, "metadata")) && m->type == J_OBJECT) {
		struct metadata *md = &d->meta;
		d->has_metadata = 1;
		md->metadata_version = rstr(&r, m, "metadata_version");
		md->name = rstr(&r, m, "name");
		md->version = rstr(&r, m, "version");
		md->summary = rstr(&r, m, "summary");
		md->requires_python = rstr(&r, m, "requires_python");
		md->license = rstr(&r, m, "license");
		md->home_page = rstr(&r, m, "home_page");
		RSTR_VEC(&r, m, "requires_dist", &md->requires_dist);
		RSTR_VEC(&r, m, "provides_extra", &md->provides_extra);
		RSTR_VEC(&r, m, "dynamic", &md->dynamic);
		RSTR_VEC(&r, m, "classifiers", &md->classifiers);
		if ((v = rarray(&r, m, "problems")))
			for (size_t i = 0; i < v->n; i++) {
				struct meta_problem *p = VEC_PUSH(&md->problems);
				p->line = (int)rnum(&r, v->items[i], "line");
				p->msg = rstr(&r, v->items[i], "msg");
			}
	}
	RSTR_VEC(&r, root, "top_level", &d->top_level);
	if ((v = rarray(&r, root, "modules")))
		for (size_t i = 0; i < v->n; i++)
			module_read(&r, v->items[i], VEC_PUSH(&d->modules));
	if ((v = rarray(&r, root, "libraries")))
		for (size_t i = 0; i < v->n; i++)
			module_read(&r, v->items[i], VEC_PUSH(&d->libraries));
	if ((v = rarray(&r, root, "edges")))
		for (size_t i = 0; i < v->n; i++)
			edge_read(&r, v->items[i], VEC_PUSH(&d->imports.edges));
	if ((v = rarray(&r, root, "diags")))
		for (size_t i = 0; i < v->n; i++) {
			struct scan_diag *g = VEC_PUSH(&d->imports.diags);
			g->file = rstr(&r, v->items[i], "file");
			g->line = (int)rnum(&r, v->items[i], "line");
			g->col = (int)rnum(&r, v->items[i], "col");
			g->kind = (enum scan_diag_kind)rnum(&r, v->items[i], "kind");
			g->msg = rstr(&r, v->items[i], "msg");
		}
	if ((m = jnode_get(root, "build")) && m->type == J_OBJECT) {
		d->build.needs_native = (int)rnum(&r, m, "needs_native");
		d->build.backend = rstr(&r, m, "backend");
		if ((v = rarray(&r, m, "reasons")))
			for (size_t i = 0; i < v->n; i++) {
				struct build_reason *b = VEC_PUSH(&d->build.reasons);
				b->file = rstr(&r, v->items[i], "file");
				b->line = (int)rnum(&r, v->items[i], "line");
				b->why = rstr(&r, v->items[i], "why");
			}
	} else {
		r.bad = 1;
	}
	if ((v = rarray(&r, root, "problems")))
		for (size_t i = 0; i < v->n; i++) {
			struct dist_problem *p = VEC_PUSH(&d->problems);
			p->file = rstr(&r, v->items[i], "file");
			p->line = (int)rnum(&r, v->items[i], "line");
			p->msg = rstr(&r, v->items[i], "msg");
			p->severe = (int)rnum(&r, v->items[i], "severe");
		}
	/* the edges each module owns must be edges there are */
	for (size_t i = 0; !r.bad && i < d->modules.n; i++)
		r.bad = d->modules.v[i].edge_first + d->modules.v[i].edge_count > d->imports.edges.n;
	if (r.bad || !d->filename || d->kind > DIST_APP) {
		dist_free(d);
		rc = perr_set(err, PM_INPUT, "'%s': a damaged scan", input);
		goto done;
	}
	*out = d;
done:
	arena_release(&tmp);
	return rc;
}
