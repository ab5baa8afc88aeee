/* shaker.c: reachability over app + site-packages + stdlib. Stdlib files
 * are found by name in the stdlib source and lexed on first reach; edges
 * follow the rules of docs/bundle.md (typing never, conditional only when
 * true on the target, a handler's fallback only when the try's import
 * fails there, a stdlib function's lazy imports only once some reached
 * code mentions the function). No output and no zip writing here.
 */
#include "shaker.h"
#include "shaker_int.h"

#include <fnmatch.h>
#include <stdint.h>
#include <string.h>

#define STDLIB_MAX_FILE (16u << 20) /* the largest stdlib file is ~700 KB */

const char *shake_origin_name(enum shake_origin o)
{
	switch (o) {
	case SO_APP: return "app";
	case SO_SITE: return "site-packages";
	case SO_STDLIB: return "stdlib";
	case SO_RUNTIME: return "runtime";
	}
	return "unknown";
}

const char *shake_reason_name(enum shake_reason r)
{
	switch (r) {
	case SR_NONE: return "none";
	case SR_ENTRY: return "entry";
	case SR_ROOT: return "runtime root";
	case SR_APP: return "app module";
	case SR_DIST: return "shipped with its distribution";
	case SR_IMPORT: return "import";
	case SR_IMPLICIT: return "implicit import";
	case SR_CODEC: return "codec name";
	case SR_INCLUDE: return "--include";
	case SR_COMPUTED: return "loaded by a computed name";
	case SR_STANDIN: return "stand-in for a runtime polyfill";
	}
	return "unknown";
}

int shaker_glob(const char *glob, const char *name)
{
	if (fnmatch(glob, name, 0) == 0)
		return 1;
	/* "email" also matches its submodules, as "email.*" does */
	size_t n = strlen(glob);
	return !strchr(glob, '*') && !strncmp(glob, name, n) && name[n] == '.';
}

static const char *join2(char *buf, size_t cap, const char *key, char sep, const char *name);

/* a string literal given as the first argument of a call of callee by code
 * of the top-level package top (mention's '"str"callee'); a list per string */
struct arg_use {
	const char *callee, *top;
	struct arg_use *next;
};

/* a gated import (rules' gated) with its `when` names split */
struct gate {
	const struct import_gate *g;
	const char **names;
	size_t n;
	size_t top_len; /* of the importer's top-level package */
};

int shaker_init(struct shaker *s, struct rules *r, const char *target, struct source *stdlib,
		const struct shake_options *opt, struct perr *err)
{
	memset(s, 0, sizeof(*s));
	s->rules = r;
	s->stdlib = stdlib;
	if (opt)
		s->opt = *opt;
	int rc = rules_target(r, target, &s->target, err);
	if (rc)
		return rc;
	/* the runtime's own stdlib, read for the memory estimate: what it has
	 * loaded at boot (memory.boot) has run its module code */
	if (s->opt.stdlib_in_runtime && stdlib) {
		struct target_memory tm;
		if (rules_target_memory(r, s->target.name, &tm) == 1)
			for (size_t i = 0; i < tm.n_boot; i++)
				strmap_put(&s->boot, tm.boot[i], NULL);
	}
	const struct import_gate *g;
	size_t ng = rules_gates(r, &g);
	for (size_t i = 0; i < ng; i++) {
		struct gate *gt = arena_alloc(&s->arena, sizeof(*gt));
		char key[512];
		gt->g = &g[i];
		gt->top_len = strcspn(g[i].module, ".");
		for (const char *p = g[i].takes; p && *p;) {
			size_t n = strcspn(p, " ");
			if (n)
				strmap_put(&s->takes, arena_strndup(&s->arena, p, n), NULL);
			p += n;
			while (*p == ' ')
				p++;
		}
		for (const char *p = g[i].when; *p; p++)
			gt->n += *p == ' ';
		gt->names = arena_alloc(&s->arena, (gt->n + 1) * sizeof(*gt->names));
		gt->n = 0;
		for (const char *p = g[i].when; *p;) {
			size_t n = strcspn(p, " ");
			if (n) {
				gt->names[gt->n] = arena_strndup(&s->arena, p, n);
				strmap_put(&s->gate_names, gt->names[gt->n++], NULL);
			}
			p += n;
			while (*p == ' ')
				p++;
		}
		strmap_put(&s->gates, join2(key, sizeof(key), g[i].module, '\t', g[i].imports), NULL)->value = gt;
		if (g[i].rows) {
			const char *dot = strrchr(g[i].rows, '.');
			char *mod = arena_strndup(&s->arena, g[i].rows, (size_t)(dot - g[i].rows));
			strmap_put(&s->row_tables, join2(key, sizeof(key), mod, '\t', dot + 1), NULL);
		}
	}
	return 0;
}

void shaker_release(struct shaker *s)
{
	waits_release(&s->waits);
	scan_cache_close(s->scans);
	s->scans = NULL;
	for (size_t i = 0; i < s->modules.n; i++)
		free(s->modules.v[i].importers);
	VEC_FREE(&s->modules);
	VEC_FREE(&s->steps);
	VEC_FREE(&s->drops);
	VEC_FREE(&s->dists);
	VEC_FREE(&s->computed);
	VEC_FREE(&s->edges);
	VEC_FREE(&s->codecs);
	VEC_FREE(&s->queue);
	VEC_FREE(&s->pending);
	VEC_FREE(&s->pending_codecs);
	VEC_FREE(&s->pending_implicit);
	VEC_FREE(&s->pending_names);
	VEC_FREE(&s->pending_gated);
	strmap_release(&s->gates);
	strmap_release(&s->flags);
	strmap_release(&s->moved);
	strmap_release(&s->arg_uses);
	strmap_release(&s->takes);
	strmap_release(&s->row_tables);
	strmap_release(&s->name_code_tops);
	VEC_FREE(&s->rows);
	VEC_FREE(&s->entry_uses);
	VEC_FREE(&s->pending_entries);
	strmap_release(&s->gate_names);
	strmap_release(&s->name_tops);
	strmap_release(&s->by_name);
	strmap_release(&s->live);
	strmap_release(&s->shadowed);
	strmap_release(&s->mentions);
	strmap_release(&s->mention_tails);
	strmap_release(&s->dropped);
	strmap_release(&s->native);
	strmap_release(&s->ns_parents);
	strmap_release(&s->boot);
	arena_release(&s->arena);
}

int shaker_find(const struct shaker *s, const char *name)
{
	void *v = strmap_get(&s->by_name, name);
	return v ? (int)((uintptr_t)v - 1) : -1;
}

static int add_module(struct shaker *s, const char *name, enum shake_origin o, const char *file)
{
	struct shake_module *m = VEC_PUSH(&s->modules);
	int idx = (int)(s->modules.n - 1);

	memset(m, 0, sizeof(*m));
	m->name = arena_strdup(&s->arena, name);
	m->origin = o;
	m->file = file ? arena_strdup(&s->arena, file) : NULL;
	m->dist = -1;
	m->via = -1;
	strmap_put(&s->by_name, name, NULL)->value = (void *)(uintptr_t)(idx + 1);
	return idx;
}

static void live_add(struct shaker *s, const char *name)
{
	int created;
	strmap_put(&s->live, name, &created);
	if (created)
		waits_fire(&s->waits, WAIT_LIVE, name, -1);
}

/* A mention of name by KEY (a module's name, or "@N" for distribution N):
 * it counts for the functions of KEY itself and of the modules KEY imports;
 * every mention also counts for methods, which any code may call on an
 * object it was handed. */
/* "key<sep>name" into buf (truncated to fit); the hot path: no printf */
static const char *join2(char *buf, size_t cap, const char *key, char sep, const char *name)
{
	size_t a = strlen(key), b = strlen(name);
	if (a + b + 2 > cap) {
		a = a < cap - 2 ? a : cap - 2;
		b = cap - 2 - a;
	}
	memcpy(buf, key, a);
	buf[a] = sep;
	memcpy(buf + a + 1, name, b);
	buf[a + 1 + b] = 0;
	return buf;
}

/* "MODULE\tNAME" of the shadowed map, NAME the n bytes at name; NULL when
 * it does not fit (then nothing is shadowed: the def counts as it is) */
static const char *shadow_key(char *buf, size_t cap, const char *module, const char *name, size_t n)
{
	size_t ml = strlen(module);
	if (ml + n + 2 > cap)
		return NULL;
	memcpy(buf, module, ml);
	buf[ml] = '\t';
	memcpy(buf + ml + 1, name, n);
	buf[ml + 1 + n] = 0;
	return buf;
}

/* what follows the last '.' of name ("join" of "path.join", "uname" of
 * ".uname"), or name: a mention of "B.X" or "X" by any key leaves X here */
static const char *name_tail(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot ? dot + 1 : name;
}

/* 1 when top is the first tl bytes of key (a top-level package name) */
static int same_top(const char *top, const char *key, size_t tl)
{
	return strlen(top) == tl && !memcmp(top, key, tl);
}

static void mention(struct shaker *s, const char *key, const char *name)
{
	char buf[600];
	int arg = 0;

	/* '"html"f': the string "html" as the whole first argument of a call
	 * of f (the scanner): a mention of "html" for everything but the rows
	 * of a table gate f is not one of (struct arg_use) */
	if (*name == '"') {
		const char *q = strchr(name + 1, '"');
		if (!q)
			return;
		char *str = arena_strndup(&s->arena, name + 1, (size_t)(q - name - 1));
		if (s->gate_names.count && strmap_has(&s->gate_names, str)) {
			int ki = shaker_find(s, key);
			if (ki >= 0 && (s->modules.v[ki].origin == SO_APP || s->modules.v[ki].origin == SO_SITE)) {
				int created;
				struct strmap_entry *e = strmap_put(&s->arg_uses, str, &created);
				struct arg_use *u = arena_alloc(&s->arena, sizeof(*u));
				u->callee = arena_strdup(&s->arena, q + 1);
				u->top = arena_strndup(&s->arena, key, strcspn(key, "."));
				u->next = created ? NULL : e->value;
				e->value = u;
			}
		}
		name = str;
		arg = 1;
	}
	/* ".name", an attribute (os.uname): live for methods and for whatever
	 * any code may call, but no use of KEY's own function `name` */
	int fresh;
	strmap_put(&s->mentions, join2(buf, sizeof(buf), key, '\t', name), &fresh);
	if (fresh)
		waits_fire(&s->waits, WAIT_MENTION, buf, -1);
	strmap_put(&s->mention_tails, name_tail(name), &fresh);
	if (fresh)
		waits_fire(&s->waits, WAIT_TAIL, name_tail(name), -1);
	if (*name == '.')
		name++;
	live_add(s, name);
	if (s->gate_names.count && strmap_has(&s->gate_names, name)) {
		size_t tl = strcspn(key, ".");
		int created;
		struct strmap_entry *e = strmap_put(&s->name_tops, name, &created);
		if (created)
			e->value = arena_strndup(&s->arena, key, tl);
		else if (strcmp(e->value, "*") && !same_top(e->value, key, tl))
			e->value = "*";
		/* the app's and packages' own (a table entry's name is given by
		 * them, not by the stdlib's "r" of open(f, "r")) */
		int ki = shaker_find(s, key);
		if (!arg && ki >= 0 && (s->modules.v[ki].origin == SO_APP || s->modules.v[ki].origin == SO_SITE)) {
			e = strmap_put(&s->name_code_tops, name, &created);
			if (created)
				e->value = arena_strndup(&s->arena, key, tl);
			else if (strcmp(e->value, "*") && !same_top(e->value, key, tl))
				e->value = "*";
		}
	}
}

/* the gate on module from's import of name, or NULL */
static const struct gate *gate_for(struct shaker *s, int from, const char *name)
{
	char key[512];
	if (!s->gates.count || from < 0)
		return NULL;
	return strmap_get(&s->gates, join2(key, sizeof(key), s->modules.v[from].name, '\t', name));
}

/* 1 once code outside the importer's top-level package mentions a name of gt */
static int gate_open(struct shaker *s, const struct gate *gt)
{
	for (size_t i = 0; i < gt->n; i++) {
		const char *top = strmap_get(&s->name_tops, gt->names[i]);
		if (top && (!strcmp(top, "*") || !same_top(top, gt->g->module, gt->top_len)))
			return 1;
	}
	return 0;
}

static int mentioned_by(struct shaker *s, const char *key, const char *name)
{
	char buf[600];
	if (strmap_has(&s->mentions, join2(buf, sizeof(buf), key, '\t', name)))
		return 1;
	waits_on(&s->waits, WAIT_MENTION, buf, -1);
	return 0;
}

static const char *mention_key(struct shaker *s, int idx)
{
	return s->modules.v[idx].name;
}

static int same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

/* from: imports idx, binding it to bind (NULL: its own name), or * (star),
 * or with name, binding idx's name to bind */
static void add_importer(struct shaker *s, int idx, int from, const char *bind, const char *name, int star)
{
	struct shake_module *m = &s->modules.v[idx];
	const char *key = mention_key(s, from);

	for (size_t i = 0; i < m->n_importers; i++)
		if (!strcmp(m->importers[i].key, key) && m->importers[i].star == star &&
		    same_str(m->importers[i].bind, bind) && same_str(m->importers[i].name, name))
			return;
	if (m->n_importers == m->alloc_importers) {
		m->alloc_importers = m->alloc_importers ? 2 * m->alloc_importers : 4;
		m->importers = xrealloc(m->importers, m->alloc_importers * sizeof(*m->importers));
	}
	m->importers[m->n_importers++] = (struct shake_importer){ key, bind, name, star };
	waits_fire(&s->waits, WAIT_MODULE, NULL, idx);
}

static void add_flag(struct shaker *s, const char *module, const struct flag_def *fd);

/* idx's names may be used by any code (shake_module.open_scope) */
static void open_scope(struct shaker *s, int idx)
{
	if (!s->modules.v[idx].open_scope) {
		s->modules.v[idx].open_scope = 1;
		waits_fire(&s->waits, WAIT_MODULE, NULL, idx);
	}
}

void shaker_add_dist(struct shaker *s, const struct distribution *d)
{
	struct shake_dist *sd = VEC_PUSH(&s->dists);
	int di = (int)(s->dists.n - 1);
	struct arena *a = &s->arena;

	memset(sd, 0, sizeof(*sd));
	sd->name = arena_strdup(a, d->name ? d->name : "?");
	sd->normalized = d->normalized ? arena_strdup(a, d->normalized) : sd->name;
	sd->version = d->version ? arena_strdup(a, d->version) : NULL;
	sd->input = arena_strdup(a, d->input);
	sd->kind = d->kind;
	sd->n_names = d->imports.names.n;
	sd->names = arena_alloc(a, (sd->n_names + 1) * sizeof(char *));
	for (size_t i = 0; i < sd->n_names; i++)
		sd->names[i] = arena_strdup(a, d->imports.names.v[i]);
	sd->n_entry_points = d->entry_points.n;
	sd->entry_points = arena_alloc(a, (sd->n_entry_points + 1) * sizeof(*sd->entry_points));
	for (size_t i = 0; i < sd->n_entry_points; i++)
		sd->entry_points[i] = (struct entry_point){ arena_strdup(a, d->entry_points.v[i].group),
							    arena_strdup(a, d->entry_points.v[i].name),
							    arena_strdup(a, d->entry_points.v[i].module) };
	sd->first_module = (int)s->modules.n;
	/* an app file CPython would not compile: the bundle cannot work */
	for (size_t i = 0; d->kind == DIST_APP && !s->app_error && i < d->imports.diags.n; i++) {
		const struct scan_diag *g = &d->imports.diags.v[i];
		if (g->kind == DIAG_SYNTAX || g->kind == DIAG_PYTHON2 || g->kind == DIAG_BAD_UTF8 ||
		    g->kind == DIAG_BINARY || g->kind == DIAG_ENCODING)
			s->app_error = arena_printf(a, "%s/%s:%d:%d: %s: the app does not compile on CPython 3.13",
						    d->input, g->file, g->line, g->col, g->msg);
	}
	for (size_t i = 0; i < d->modules.n; i++) {
		const struct module *dm = &d->modules.v[i];
		struct shake_module *m;
		int idx;
		if (dm->type == MOD_NATIVE) {
			strmap_put(&s->native, dm->name, NULL)->value = (void *)(uintptr_t)(di + 1);
			continue;
		}
		for (const char *dot = strchr(dm->name, '.'); dot; dot = strchr(dot + 1, '.')) {
			char *parent = arena_strndup(a, dm->name, (size_t)(dot - dm->name));
			int created;
			struct strmap_entry *ne = strmap_put(&s->ns_parents, parent, &created);
			if (created)
				ne->value = (void *)(uintptr_t)(di + 1);
		}
		if (shaker_find(s, dm->name) >= 0)
			continue; /* an earlier input (the app) shadows it */
		idx = add_module(s, dm->name, d->kind == DIST_APP ? SO_APP : SO_SITE, dm->file);
		m = &s->modules.v[idx];
		m->dist = di;
		m->is_package = dm->is_package;
		m->size = dm->size;
		m->tokens = dm->tokens;
		m->operands = dm->operands;
		m->strings = dm->strings;
		m->seq_consts = dm->seq_consts;
		m->comps = dm->comps;
		m->scanned = 1;
		m->edge_first = s->edges.n;
		for (size_t k = dm->edge_first; k < dm->edge_first + dm->edge_count; k++) {
			struct import_edge e = d->imports.edges.v[k];
			e.file = arena_strdup(a, e.file);
			e.as_written = arena_strdup(a, e.as_written);
			e.name = e.name ? arena_strdup(a, e.name) : NULL;
			if (e.names) {
				const char **nv = arena_alloc(a, e.n_names * sizeof(char *));
				for (size_t j = 0; j < e.n_names; j++)
					nv[j] = arena_strdup(a, e.names[j]);
				e.names = nv;
				if (e.binds) {
					const char **bv = arena_alloc(a, e.n_names * sizeof(char *));
					for (size_t j = 0; j < e.n_names; j++)
						bv[j] = arena_strdup(a, e.binds[j]);
					e.binds = bv;
				}
			}
			e.condition = e.condition ? arena_strdup(a, e.condition) : NULL;
			e.funcs = e.funcs ? arena_strdup(a, e.funcs) : NULL;
			e.fallback_for = e.fallback_for ? arena_strdup(a, e.fallback_for) : NULL;
			e.alias = e.alias ? arena_strdup(a, e.alias) : NULL; /* the dist's arena goes */
			e.flag = e.flag ? arena_strdup(a, e.flag) : NULL;
			e.shadows = e.shadows ? arena_strdup(a, e.shadows) : NULL;
			*VEC_PUSH(&s->edges) = e;
		}
		/* its computed-name loads follow its imports, in the same range */
		for (size_t k = 0; k < d->imports.computed.n; k++) {
			struct import_edge e = d->imports.computed.v[k];
			if (!e.file || strcmp(e.file, dm->file))
				continue;
			e.file = arena_strdup(a, e.file);
			e.as_written = arena_strdup(a, e.as_written);
			e.name = e.name ? arena_strdup(a, e.name) : NULL;
			e.condition = e.condition ? arena_strdup(a, e.condition) : NULL;
			e.funcs = e.funcs ? arena_strdup(a, e.funcs) : NULL;
			e.fallback_for = NULL;
			e.alias = NULL;
			e.flag = NULL;
			e.shadows = NULL;
			e.binds = NULL;
			*VEC_PUSH(&s->edges) = e;
		}
		m->edge_count = s->edges.n - m->edge_first;
		m->n_names = dm->name_count;
		m->names = arena_alloc(a, (m->n_names + 1) * sizeof(char *));
		m->name_funcs = arena_alloc(a, (m->n_names + 1) * sizeof(char *));
		for (size_t k = 0; k < dm->name_count && dm->name_first + k < d->imports.names.n; k++) {
			const char *fn = d->imports.name_funcs.v[dm->name_first + k];
			m->names[k] = arena_strdup(a, d->imports.names.v[dm->name_first + k]);
			m->name_funcs[k] = fn ? arena_strdup(a, fn) : NULL;
		}
		m->said = m->names;
		m->said_funcs = m->name_funcs;
		m->n_said = m->n_names;
		m->codec_first = s->codecs.n;
		for (size_t k = 0; k < d->imports.codecs.n; k++) {
			struct codec_use u = d->imports.codecs.v[k];
			if (strcmp(u.file, dm->file))
				continue;
			u.file = arena_strdup(a, u.file);
			u.name = arena_strdup(a, u.name);
			u.funcs = u.funcs ? arena_strdup(a, u.funcs) : NULL;
			*VEC_PUSH(&s->codecs) = u;
		}
		m->codec_count = s->codecs.n - m->codec_first;
		for (size_t k = 0; s->row_tables.count && k < d->imports.table_rows.n; k++) {
			const struct dict_row *dr = &d->imports.table_rows.v[k];
			char key[512];
			if (strcmp(dr->file, dm->file) ||
			    !strmap_has(&s->row_tables, join2(key, sizeof(key), dm->name, '\t', dr->table)))
				continue;
			struct shake_row *row = VEC_PUSH(&s->rows);
			row->table = arena_printf(a, "%s.%s", dm->name, dr->table);
			row->n = dr->n;
			row->strings = arena_alloc(a, (dr->n + 1) * sizeof(char *));
			for (size_t j = 0; j < dr->n; j++) {
				row->strings[j] = arena_strdup(a, dr->strings[j]);
				strmap_put(&s->gate_names, row->strings[j], NULL);
			}
		}
		m->ep_first = s->entry_uses.n;
		for (size_t k = 0; k < d->imports.entry_uses.n; k++) {
			struct entry_use u = d->imports.entry_uses.v[k];
			if (strcmp(u.file, dm->file))
				continue;
			u.file = arena_strdup(a, u.file);
			u.group = arena_strdup(a, u.group);
			u.funcs = u.funcs ? arena_strdup(a, u.funcs) : NULL;
			*VEC_PUSH(&s->entry_uses) = u;
		}
		m->ep_count = s->entry_uses.n - m->ep_first;
		for (size_t k = 0; k < d->imports.flags.n; k++)
			if (!strcmp(d->imports.flags.v[k].file, dm->file))
				add_flag(s, dm->name, &d->imports.flags.v[k]);
		for (size_t k = 0; k < d->imports.moved.n; k++) {
			const struct moved_name *mv = &d->imports.moved.v[k];
			char key[512];
			int created;
			if (strcmp(mv->file, dm->file))
				continue;
			struct strmap_entry *me = strmap_put(&s->moved, join2(key, sizeof(key), dm->name, '\t', mv->name),
							     &created);
			if (created) {
				struct moved_name *c = arena_alloc(a, sizeof(*c));
				c->file = arena_strdup(a, mv->file);
				c->line = mv->line;
				c->name = arena_strdup(a, mv->name);
				c->module = arena_strdup(a, mv->module);
				me->value = c;
			}
		}
	}
	sd->n_modules = (int)s->modules.n - sd->first_module;
}

void shaker_add_wasm_build(struct shaker *s, const struct distribution *d)
{
	int di = (int)s->dists.n;

	shaker_add_dist(s, d);
	/* its native modules are wasm side modules the runtime loads from
	 * the bundle: importable, and shipped with the distribution */
	for (size_t i = 0; i < d->modules.n; i++) {
		const struct module *dm = &d->modules.v[i];
		if (dm->type != MOD_NATIVE || shaker_find(s, dm->name) >= 0)
			continue;
		int idx = add_module(s, dm->name, SO_SITE, arena_strdup(&s->arena, dm->file));
		s->modules.v[idx].dist = di;
		s->modules.v[idx].scanned = 1;
		s->modules.v[idx].size = dm->size;
	}
	s->dists.v[di].n_modules = (int)s->modules.n - s->dists.v[di].first_module;
	s->dists.v[di].wasm_build = 1;
}

/* ---- the stdlib source ---- */

static const char *stdlib_file(struct shaker *s, const char *name, int *is_package)
{
	struct strbuf sb = STRBUF_INIT;
	struct member m;
	const char *found = NULL;

	if (!s->stdlib)
		return NULL;
	for (const char *p = name; *p; p++)
		strbuf_addch(&sb, *p == '.' ? '/' : *p);
	size_t base = sb.len;
	strbuf_addstr(&sb, ".py");
	if (source_seek(s->stdlib, sb.buf, &m) == 1 && !m.is_dir) {
		found = arena_strdup(&s->arena, sb.buf);
		*is_package = 0;
	} else {
		strbuf_setlen(&sb, base);
		strbuf_addstr(&sb, "/__init__.py");
		if (source_seek(s->stdlib, sb.buf, &m) == 1 && !m.is_dir) {
			found = arena_strdup(&s->arena, sb.buf);
			*is_package = 1;
		}
	}
	strbuf_release(&sb);
	return found;
}

const char *shaker_stdlib_version(struct source *src)
{
	struct member m;

	if (source_seek(src, "encodings/__init__.py", &m) != 1 ||
	    (source_seek(src, "os.py", &m) != 1 && source_seek(src, "codecs.py", &m) != 1))
		return NULL;
	if (source_seek(src, "annotationlib.py", &m) == 1)
		return "3.14 or later";
	if (source_seek(src, "_pyrepl/__init__.py", &m) != 1)
		return "3.12 or earlier";
	return "3.13";
}

/* Lexes a stdlib (or frozen, or stand-in) module's source on first use. */
static int scan_stdlib(struct shaker *s, int idx, struct perr *err)
{
	struct shake_module *m = &s->modules.v[idx];
	struct import_scan sc = { 0 };
	struct strbuf sb = STRBUF_INIT;
	struct member mem;
	int rc = 0;

	if (m->scanned || !m->file || !s->stdlib)
		return 0;
	m->scanned = 1;
	if (source_seek(s->stdlib, m->file, &mem) != 1)
		return perr_set(err, PM_INPUT, "stdlib '%s': '%s' vanished", source_path(s->stdlib),
				m->file);
	if ((rc = source_read(s->stdlib, &sb, STDLIB_MAX_FILE, err)))
		return rc;
	m = &s->modules.v[idx];
	m->size = (long long)sb.len;
	s->stdlib_scanned_bytes += (long long)sb.len;
	sc.arena = &s->arena;
	sc.want_names = 1;
	if (!s->scans_opened && s->opt.cache_dir) {
		/* one pack per stdlib source; the records are keyed by content */
		const char *group = arena_printf(&s->arena, "stdlib\t%s\t%s", source_path(s->stdlib),
							 s->target.name);
		s->scans = scan_cache_open(s->opt.cache_dir, group);
	}
	s->scans_opened = 1;
	imports_scan_cached(s->scans, &sc, m->file, m->name, m->is_package, sb.buf, sb.len, &s->target.env);
	m->tokens = sc.file_tokens;
	m->operands = sc.file_operands;
	m->strings = sc.file_strings;
	m->seq_consts = sc.file_seq_consts;
	m->comps = sc.file_comps;
	m->edge_first = s->edges.n;
	for (size_t i = 0; i < sc.edges.n; i++)
		*VEC_PUSH(&s->edges) = sc.edges.v[i];
	m->edge_count = sc.edges.n;
	m->codec_first = s->codecs.n;
	for (size_t i = 0; i < sc.codecs.n; i++)
		*VEC_PUSH(&s->codecs) = sc.codecs.v[i];
	m->codec_count = sc.codecs.n;
	for (size_t i = 0; i < sc.flags.n; i++)
		add_flag(s, m->name, &sc.flags.v[i]);
	m->n_said = sc.names.n;
	m->said = arena_alloc(&s->arena, (sc.names.n + 1) * sizeof(char *));
	m->said_funcs = arena_alloc(&s->arena, (sc.names.n + 1) * sizeof(char *));
	memcpy(m->said, sc.names.v, sc.names.n * sizeof(char *));
	memcpy(m->said_funcs, sc.name_funcs.v, sc.names.n * sizeof(char *));
	/* a mention counts once the code that makes it can run: module and
	 * class bodies at once, a function's body once the function is live */
	for (size_t i = 0; i < sc.names.n; i++) {
		const char *fn = sc.name_funcs.v[i];
		if (chain_eager(fn))
			mention(s, m->name, sc.names.v[i]);
		else
			*VEC_PUSH(&s->pending_names) = (struct shake_pending_name){ idx, fn, sc.names.v[i], 0 };
	}
	import_scan_release(&sc);
	strbuf_release(&sb);
	return 0;
}

/* ---- flags read from another module (six.PY2) ---- */

static void add_flag(struct shaker *s, const char *module, const struct flag_def *fd)
{
	char key[512];
	strmap_put(&s->flags, join2(key, sizeof(key), module, '\t', fd->name), NULL)->value =
		(void *)(intptr_t)(fd->value + 2);
}

static int imported_flag(struct shaker *s, int from, const char *name, int depth);

/* the value of module's name as a flag: set there, or imported there from
 * where it is (compat.py's `from six import PY2`); -1 unknown */
static int flag_in(struct shaker *s, const char *module, const char *name, int depth)
{
	char key[512];
	void *v = strmap_get(&s->flags, join2(key, sizeof(key), module, '\t', name));
	int idx;
	if (v)
		return (int)(intptr_t)v - 2;
	if ((idx = shaker_find(s, module)) < 0)
		return -1;
	return imported_flag(s, idx, name, depth + 1);
}

/* module from's name, bound by a from-import: its value as a flag */
static int imported_flag(struct shaker *s, int from, const char *name, int depth)
{
	const struct shake_module *m = &s->modules.v[from];
	if (depth > 4)
		return -1;
	for (size_t i = m->edge_first; i < m->edge_first + m->edge_count; i++) {
		const struct import_edge *e = &s->edges.v[i];
		if (!e->names || !e->name || (e->kinds & EDGE_COMPUTED))
			continue;
		for (size_t k = 0; k < e->n_names; k++)
			if (!strcmp(e->binds ? e->binds[k] : e->names[k], name))
				return flag_in(s, e->name, e->names[k], depth);
	}
	return -1;
}

/* the module that module from binds to name (import six, import six as
 * s, from . import compat), or NULL */
static const char *bound_module(struct shaker *s, int from, const char *name)
{
	const struct shake_module *m = &s->modules.v[from];
	for (size_t i = m->edge_first; i < m->edge_first + m->edge_count; i++) {
		const struct import_edge *e = &s->edges.v[i];
		if (!e->name || (e->kinds & EDGE_COMPUTED))
			continue;
		if (!e->names) {
			if (e->alias ? !strcmp(e->alias, name) : !strcmp(e->name, name))
				return e->name;
			continue;
		}
		for (size_t k = 0; k < e->n_names; k++)
			if (!strcmp(e->binds ? e->binds[k] : e->names[k], name)) {
				char *sub = arena_printf(&s->arena, "%s.%s", e->name, e->names[k]);
				return shaker_find(s, sub) >= 0 ? sub : NULL;
			}
	}
	return NULL;
}

/* an if's test on a flag another module sets ("six.PY2", "not PY2"), as
 * module from reads it: 1 true, 0 false, -1 unknown */
static int flag_value(struct shaker *s, int from, const char *flag)
{
	int neg = !strncmp(flag, "not ", 4), v;
	const char *dot;
	if (neg)
		flag += 4;
	if ((dot = strchr(flag, '.'))) {
		char *bound = arena_strndup(&s->arena, flag, (size_t)(dot - flag));
		const char *mod = bound_module(s, from, bound);
		v = mod ? flag_in(s, mod, dot + 1, 0) : -1;
	} else
		v = imported_flag(s, from, flag, 0);
	return v < 0 ? -1 : neg ? !v : v;
}

/* ---- resolving a name to a module ---- */

static int top_in(const char *name, const char *const *list, size_t n)
{
	size_t tl = strcspn(name, ".");
	for (size_t i = 0; i < n; i++)
		if (strlen(list[i]) == tl && !strncmp(list[i], name, tl))
			return 1;
	return 0;
}

/* Index of the module name denotes, adding stdlib and runtime modules on
 * first use; -1 when the target has no such module. *why (arena) says why
 * not when it can. */
static int resolve(struct shaker *s, const char *name, const char **why)
{
	int idx = shaker_find(s, name), pkg = 0;
	struct module_rule mr;
	const char *file;

	*why = NULL;
	if (idx >= 0)
		return idx;
	if (s->opt.entry_package) {
		/* the runtime also imports from the entry's folder */
		char *alias = arena_printf(&s->arena, "%s.%s", s->opt.entry_package, name);
		int ai = shaker_find(s, alias);
		if (ai < 0 && strmap_get(&s->ns_parents, alias))
			ai = resolve(s, alias, why);
		if (ai >= 0 && s->modules.v[ai].origin == SO_APP)
			return ai;
	}
	if (strmap_get(&s->native, name)) {
		*why = "a native extension: bundles carry no native files";
		return -1;
	}
	if (top_in(name, s->target.provides, s->target.n_provides)) {
		idx = add_module(s, name, SO_RUNTIME, NULL);
		s->modules.v[idx].provided_as = "runtime package";
		return idx;
	}
	if (!rules_target_is_stdlib(s->rules, s->target.name, name)) {
		void *ns = strmap_get(&s->ns_parents, name);
		if (ns) {
			/* a folder of modules without __init__.py: a namespace package */
			int di = (int)((uintptr_t)ns - 1);
			idx = add_module(s, name, s->dists.v[di].kind == DIST_APP ? SO_APP : SO_SITE, NULL);
			s->modules.v[idx].dist = di;
			s->modules.v[idx].is_package = 1;
			return idx;
		}
		rules_module(s->rules, s->target.name, name, &mr);
		if (mr.status == MS_UNAVAILABLE && mr.runtime_of)
			*why = arena_printf(&s->arena, "unavailable on %s: %s", s->target.name, mr.note);
		return -1;
	}
	rules_module(s->rules, s->target.name, name, &mr);
	if (mr.status == MS_UNAVAILABLE) {
		*why = arena_printf(&s->arena, "unavailable on %s%s%s", s->target.name,
				    mr.note ? ": " : "", mr.note ? mr.note : "");
		return -1;
	}
	file = stdlib_file(s, name, &pkg);
	if (s->opt.stdlib_in_runtime && !file && s->stdlib && strchr(name, '.')) {
		/* with a source to look in, a dotted name with no file is no
		 * module (xml.dom.EMPTY_NAMESPACE, from a from-import) unless
		 * its package sets it (os.path: frozen, an attribute of os that
		 * os puts in sys.modules) */
		const struct implicit_import *ii;
		if (!rules_implicit(s->rules, name, &ii) && !rules_is_frozen(s->rules, name)) {
			*why = arena_printf(&s->arena, "not in the stdlib source '%s'", source_path(s->stdlib));
			return -1;
		}
	}
	if (s->opt.stdlib_in_runtime) {
		/* the runtime's own stdlib: never shipped; with a stdlib source
		 * its Python files are still followed (what they import loads
		 * too) and count for the memory estimate. Builtin, frozen and
		 * polyfilled modules stay without a file, as without a source. */
		int source = file && mr.status != MS_BUILTIN && mr.status != MS_POLYFILLED &&
			     !rules_is_frozen(s->rules, name);
		idx = add_module(s, name, SO_RUNTIME, source ? file : NULL);
		s->modules.v[idx].is_package = source && pkg;
		s->modules.v[idx].provided_as = "runtime stdlib";
		s->modules.v[idx].loads_source = source;
		return idx;
	}
	if (mr.status == MS_BUILTIN || mr.status == MS_POLYFILLED || rules_is_frozen(s->rules, name)) {
		idx = add_module(s, name, SO_RUNTIME, file);
		s->modules.v[idx].is_package = pkg;
		s->modules.v[idx].provided_as = mr.status == MS_BUILTIN ? "builtin"
						: mr.status == MS_POLYFILLED ? "polyfill"
									     : "frozen";
		/* a builtin C module has no source to follow; a polyfill's
		 * source is the runtime's own (followed only for stand-ins) */
		if (mr.status == MS_BUILTIN || mr.status == MS_POLYFILLED)
			s->modules.v[idx].scanned = mr.status == MS_BUILTIN || !file;
		return idx;
	}
	if (!file && mr.status != MS_AVAILABLE && mr.module && !strcmp(mr.module, name)) {
		/* a C module the target builds, with limits (select, _socket on wasi) */
		idx = add_module(s, name, SO_RUNTIME, NULL);
		s->modules.v[idx].provided_as = "builtin";
		s->modules.v[idx].scanned = 1;
		return idx;
	}
	if (!file) {
		const struct implicit_import *ii;
		if (rules_implicit(s->rules, name, &ii)) {
			/* set in sys.modules by its package (collections.abc) */
			idx = add_module(s, name, SO_RUNTIME, NULL);
			s->modules.v[idx].provided_as = "alias";
			s->modules.v[idx].scanned = 1;
			return idx;
		}
		*why = arena_printf(&s->arena, "not in the stdlib source '%s'",
				    s->stdlib ? source_path(s->stdlib) : "(none)");
		return -1;
	}
	idx = add_module(s, name, SO_STDLIB, file);
	s->modules.v[idx].is_package = pkg;
	return idx;
}

/* ---- reachability ---- */

static void drop(struct shaker *s, const char *name, const char *why, int from,
		 const char *file, int line, int hard)
{
	struct shake_drop *d;
	struct strmap_entry *e;
	int created;

	if (s->standin_pass)
		return; /* what CPython's copy of a polyfill lacks is the runtime's business */
	e = strmap_put(&s->dropped, name, &created);
	if (!created) {
		/* one record a name: the one that says most, a hard drop from
		 * code the entry reaches over one from an app module nothing
		 * imports (or a soft one) */
		size_t i = (size_t)(uintptr_t)e->value - 1;
		const struct shake_drop *old = &s->drops.v[i];
		int old_app = old->from && shaker_find(s, old->from) >= 0 &&
			      s->modules.v[shaker_find(s, old->from)].reason == SR_APP;
		int new_app = from >= 0 && s->modules.v[from].reason == SR_APP;
		if (!(hard && (!old->hard || (old_app && !new_app))))
			return;
		d = &s->drops.v[i];
	} else {
		d = VEC_PUSH(&s->drops);
		e->value = (void *)(uintptr_t)s->drops.n;
	}
	d->name = arena_strdup(&s->arena, name);
	d->why = why;
	d->from = from >= 0 ? s->modules.v[from].name : NULL;
	d->file = file;
	d->line = line;
	d->hard = hard;
}

static int excluded(const struct shaker *s, const char *name)
{
	for (size_t i = 0; i < s->opt.n_exclude; i++)
		if (shaker_glob(s->opt.exclude[i], name))
			return 1;
	return 0;
}

static void reach_dist(struct shaker *s, int di, int via_step);

/* Marks idx reached through step (from, file, line, ...). */
static void mark(struct shaker *s, int idx, int from, const char *file, int line, unsigned kinds,
		 enum shake_reason how, const char *detail)
{
	struct shake_module *m = &s->modules.v[idx];
	struct shake_step *st;

	if (m->reached && !(m->standin && !s->standin_pass))
		return;
	if (m->reached && m->standin && !s->standin_pass) {
		/* needed for real after all */
		m->standin = 0;
	} else {
		m->reached = 1;
		m->standin = s->standin_pass;
	}
	m->reason = s->standin_pass ? SR_STANDIN : how;
	st = VEC_PUSH(&s->steps);
	st->from = from;
	st->to = idx;
	st->file = file;
	st->line = line;
	st->kinds = kinds;
	st->how = how;
	st->detail = detail;
	s->modules.v[idx].via = (int)(s->steps.n - 1);
	if (!strcmp(m->name, "copy") || !strcmp(m->name, "pickle") || !strcmp(m->name, "_pickle"))
		waits_fire(&s->waits, WAIT_COPIER, NULL, -1); /* copier_reached */
	*VEC_PUSH(&s->queue) = idx;
	if (s->modules.v[idx].dist >= 0 && !s->standin_pass)
		reach_dist(s, s->modules.v[idx].dist, (int)(s->steps.n - 1));
}

/* Reaches name and its parent packages. Returns the module index or -1. */
static int is_root(const struct shaker *s, const char *name)
{
	for (size_t i = 0; i < s->target.n_roots; i++)
		if (!strcmp(s->target.roots[i], name))
			return 1;
	return 0;
}

static int reach(struct shaker *s, const char *name, int from, const char *file, int line,
		 unsigned kinds, enum shake_reason how, const char *detail, int soft)
{
	const char *why;
	int idx = -1;
	size_t n = strlen(name);
	char *buf = arena_strdup(&s->arena, name);

	for (size_t i = 0; i <= n; i++) {
		if (buf[i] != '.' && buf[i] != 0)
			continue;
		char c = buf[i];
		buf[i] = 0;
		/* the interpreter loads a root alone: importlib._bootstrap is
		 * the frozen _frozen_importlib, no import of importlib */
		if (how == SR_ROOT && c && !is_root(s, buf)) {
			buf[i] = c;
			continue;
		}
		if (excluded(s, buf)) {
			drop(s, buf, "excluded by --exclude", from, file, line, 0);
			if (how == SR_IMPORT && from >= 0 && !s->opt.force_exclude && !s->exclude_error &&
			    !s->standin_pass && (kinds & EDGE_EAGER) &&
			    !(kinds & (EDGE_GUARDED | EDGE_TYPING | EDGE_LAZY)) &&
			    s->modules.v[from].origin != SO_RUNTIME)
				s->exclude_error = arena_printf(&s->arena, "--exclude drops '%s', which %s imports "
									   "eagerly at %s:%d: the bundle would fail "
									   "to import it (--force-exclude to drop it anyway)",
								buf, s->modules.v[from].name, file ? file : "?", line);
			return -1;
		}
		idx = resolve(s, buf, &why);
		if (idx < 0) {
			if (!soft || why)
				drop(s, buf, why ? why : (kinds & EDGE_GUARDED)
						? "not found; the import is guarded, so it fails softly"
						: "not found in the app, its packages or the stdlib",
				     from, file, line, !(kinds & (EDGE_GUARDED | EDGE_LAZY)) && !soft);
			return -1;
		}
		mark(s, idx, from, file, line, kinds, how, detail);
		if (from >= 0 && how == SR_IMPORT) {
			const char *last = strrchr(buf, '.');
			add_importer(s, idx, from, arena_strdup(&s->arena, last ? last + 1 : buf), NULL, 0);
		} else
			open_scope(s, idx); /* the interpreter or the user asks for it */
		buf[i] = c;
	}
	return idx;
}

static void reach_dist(struct shaker *s, int di, int via_step)
{
	struct shake_dist *d = &s->dists.v[di];
	const struct shake_step *vs = &s->steps.v[via_step];

	if (d->reached)
		return;
	d->reached = 1;

	/* the distribution ships whole (bundler/), but only the modules the
	 * graph reaches count for the stdlib: a module nothing imports
	 * (dateutil.zoneinfo.rebuild, a maintainer's tool) must not pull
	 * tarfile in; --include names one that is imported by a computed name */
	(void)vs;
}

/* "pkg.mod.name" (or "pkg.mod:name") in a string of live code: what an
 * importer by string (jinja2's import_string, pkgutil.resolve_name) hands on */
static int named_by_string(struct shaker *s, const struct shake_module *m, const char *name)
{
	char dotted[600];
	size_t nl = strlen(name);
	if (!nl || name[nl - 1] == '(')
		return 0;
	if (strmap_has(&s->live, join2(dotted, sizeof(dotted), m->name, '.', name)))
		return 1;
	waits_on(&s->waits, WAIT_LIVE, dotted, -1);
	return 0;
}

/* 1 when name may be called: mentioned by its own module, or by a module
 * that imports it, or (a method, or a module handed on under another
 * name) by any reached code */
static int name_live_in(struct shaker *s, int idx, const char *name, int method, int depth)
{
	const struct shake_module *m = &s->modules.v[idx];

	if (method || m->open_scope) {
		if (strmap_has(&s->live, name))
			return 1;
		waits_on(&s->waits, WAIT_LIVE, name, -1);
		return named_by_string(s, m, name);
	}
	/* a new importer, or the scope opened, changes what follows */
	waits_on(&s->waits, WAIT_MODULE, NULL, idx);
	/* no code mentions name at all (as a name or as an attribute): no
	 * mention test below can hold, only a string or a re-export under
	 * another name can make it live; most pending functions wait here,
	 * so this one lookup saves one per importer each round */
	int said = strmap_has(&s->mention_tails, name_tail(name));
	if (!said)
		waits_on(&s->waits, WAIT_TAIL, name_tail(name), -1);
	if ((said && mentioned_by(s, m->name, name)) || named_by_string(s, m, name))
		return 1; /* its own module, or a string */
	for (size_t i = 0; i < m->n_importers; i++) {
		const struct shake_importer *im = &m->importers[i];
		char pair[512];
		if (im->name) {
			/* from M import name as bind: wherever bind is used (or,
			 * for "name(", called); a chain of re-exports deeper
			 * than 8 counts as used */
			int from;
			size_t nl = strlen(name), call = nl && name[nl - 1] == '(';
			if (strlen(im->name) != nl - call || strncmp(im->name, name, nl - call))
				continue;
			if (depth >= 8 || (from = shaker_find(s, im->key)) < 0)
				return 1;
			if (call) {
				char bc[260];
				if (strlen(im->bind) + 2 > sizeof(bc))
					return 1;
				strcpy(bc, im->bind);
				strcat(bc, "(");
				if (name_live_in(s, from, bc, 0, depth + 1))
					return 1;
			} else if (name_live_in(s, from, im->bind, 0, depth + 1))
				return 1;
			continue;
		}
		if (im->star && ((said && mentioned_by(s, im->key, name)) ||
				 (depth < 8 && shaker_find(s, im->key) >= 0 &&
				  name_live_in(s, shaker_find(s, im->key), name, 0, depth + 1))))
			return 1;
		if (said && im->bind && mentioned_by(s, im->key, join2(pair, sizeof(pair), im->bind, '.', name)))
			return 1;
	}
	return 0;
}

static int name_live(struct shaker *s, int idx, const char *name, int method)
{
	return name_live_in(s, idx, name, method, 0);
}

/* 1 when name is used, or called where its name is not (`X = name(...)` at
 * module or class level, the scanner's "name(" with X's use deferred) */
static int name_or_call_live(struct shaker *s, int idx, const char *name, int method)
{
	char call[260];
	size_t n = strlen(name);

	if (name_live(s, idx, name, method))
		return 1;
	if (method || n + 2 > sizeof(call))
		return 0;
	memcpy(call, name, n);
	call[n] = '(';
	call[n + 1] = 0;
	return name_live(s, idx, call, 0);
}

/* the dunders that run when a class is called: its __init__ and __new__
 * (a dataclass's __post_init__ from __init__; __del__ when the instance
 * goes; __set_name__ for an instance made in a class body) */
static int construct_dunder(const char *p, size_t n)
{
	static const char *const names[] = { "__init__", "__new__", "__post_init__", "__del__",
					     "__set_name__", NULL };
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == n && !memcmp(p, names[i], n))
			return 1;
	return 0;
}

/* __reduce__, __deepcopy__ and the like: called by copy and pickle (and
 * _pickle, copy's and pickle's C half), nothing else in CPython 3.13 */
static int copy_dunder(const char *p, size_t n)
{
	static const char *const names[] = { "__reduce__", "__reduce_ex__", "__copy__", "__deepcopy__",
					     "__getstate__", "__setstate__", "__getnewargs__",
					     "__getnewargs_ex__", NULL };
	for (int i = 0; names[i]; i++)
		if (strlen(names[i]) == n && !memcmp(p, names[i], n))
			return 1;
	return 0;
}

/* 1 once something reaches copy or pickle: logging's Logger.__reduce__
 * imports pickle, weakref's __deepcopy__ imports copy, and neither runs
 * until then */
static int copier_reached(struct shaker *s)
{
	static const char *const mods[] = { "copy", "pickle", "_pickle", NULL };
	for (int i = 0; mods[i]; i++) {
		int idx = shaker_find(s, mods[i]);
		if (idx >= 0 && s->modules.v[idx].reached)
			return 1;
	}
	waits_on(&s->waits, WAIT_COPIER, NULL, -1);
	return 0;
}

static int func_live(struct shaker *s, int idx, const char *funcs)
{
	const char *p = funcs;
	int method = 0;

	if (!funcs)
		return 1;
	if (s->shadowed.count && *p != '^' && *p != '=' && *p != '@') {
		/* a def its module rebinds to a builtin C module's function */
		char key[600];
		if (shadow_key(key, sizeof(key), s->modules.v[idx].name, p, strcspn(p, ".")) &&
		    strmap_has(&s->shadowed, key))
			return 0;
	}
	while (*p) {
		size_t n = strcspn(p, ".");
		char name[256];
		if (*p == '=') {
			/* what X = ... names is used once X is (a method-like
			 * attribute when X is a class attribute) */
			char vname[256];
			if (n - 1 < sizeof(vname)) {
				memcpy(vname, p + 1, n - 1);
				vname[n - 1] = 0;
				if (!name_live(s, idx, vname, method || p != funcs))
					return 0;
			}
			method = 0;
		} else if (*p == '^') {
			/* a method runs on an instance: its class must be named
			 * somewhere (made, subclassed or handed on) */
			char cname[256];
			if (n - 1 < sizeof(cname)) {
				memcpy(cname, p + 1, n - 1);
				cname[n - 1] = 0;
				if (!name_live(s, idx, cname, method || p != funcs)) {
					/* only called (`X = C()`, X unused): what
					 * runs is what the call runs */
					const char *q = p + n;
					size_t qn;
					if (*q != '.' || !name_or_call_live(s, idx, cname, method || p != funcs))
						return 0;
					q++;
					qn = strcspn(q, ".");
					if (!construct_dunder(q, qn))
						return 0;
				}
			}
			method = 1; /* the functions right after a class are its methods */
		} else {
			if (*p == '@')
				; /* decorated: a decorator may call or register it */
			else if (n >= 4 && p[0] == '_' && p[1] == '_' && p[n - 1] == '_' && p[n - 2] == '_') {
				/* dunder: the interpreter calls it; the copy and
				 * pickle protocol only copy and pickle do */
				if (copy_dunder(p, n) && !copier_reached(s))
					return 0;
			}
			else {
				if (n >= sizeof(name))
					return 1;
				memcpy(name, p, n);
				name[n] = 0;
				if (!name_or_call_live(s, idx, name, method))
					return 0;
			}
			method = 0;
		}
		p += n;
		if (*p == '.')
			p++;
	}
	return 1;
}

/* func_live for a pending item (its wait: 0 the first time): not tested
 * again while nothing it waits on has changed since it was found dead */
static int pending_live(struct shaker *s, int *wait, int idx, const char *funcs)
{
	int live;

	if (!funcs)
		return 1;
	if (!*wait)
		*wait = waits_func(&s->waits, idx, funcs);
	if (waits_dead(&s->waits, *wait))
		return 0;
	waits_begin(&s->waits, *wait);
	live = func_live(s, idx, funcs);
	waits_end(&s->waits, live);
	return live;
}

/* lazy code in the stdlib (and in runtime modules' CPython source) runs only
 * when its function is called: wait for a mention of the function */
static int needs_liveness(const struct shake_module *m)
{
	return m->origin != SO_APP;
}

/* 1 for a module of the runtime's own stdlib that the runtime loaded at
 * boot (cf-python-workers with a stdlib source): its module code ran before
 * the app, so what it imports there is loaded already, and what its
 * functions import lazily (or look up as codecs) is left to the functions'
 * callers: followed, it is a guess (concurrent.futures' __getattr__ names
 * ProcessPoolExecutor itself and would pull multiprocessing, xmlrpc and
 * email in), and it ships nothing on that target either way */
int shaker_loaded_at_boot(const struct shaker *s, int idx)
{
	const struct shake_module *m = &s->modules.v[idx];
	return m->origin == SO_RUNTIME && m->loads_source && m->dist < 0 && strmap_has(&s->boot, m->name);
}

/* 1 when every module the try imports is there on the target */
static int fallback_unneeded(struct shaker *s, const char *list)
{
	const char *p = list;
	while (*p) {
		size_t n = strcspn(p, " ");
		char *name = arena_strndup(&s->arena, p, n);
		const char *why;
		if (excluded(s, name) || resolve(s, name, &why) < 0)
			return 0;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 1;
}

/* A computed-name load in live code: every module its expression can name
 * (the package it is rooted in, whole), or, unbounded, its distribution. A
 * stdlib root is left alone: the stdlib is the runtime's loader's business
 * (codec names are followed as codecs). */
static void follow_computed(struct shaker *s, int from, const struct import_edge *e)
{
	const struct shake_module *fm = &s->modules.v[from];
	struct shake_computed *c;
	int di = fm->dist, root = -1;
	const char *why;

	if (fm->origin != SO_APP && fm->origin != SO_SITE)
		return;
	if (e->name) {
		root = resolve(s, e->name, &why);
		if (root >= 0 && s->modules.v[root].dist < 0)
			return; /* rooted in the stdlib or the runtime */
		if (root >= 0)
			di = s->modules.v[root].dist;
	}
	if (di < 0)
		return;
	c = VEC_PUSH(&s->computed);
	memset(c, 0, sizeof(*c));
	c->from = from;
	c->file = e->file;
	c->line = e->line;
	c->expr = e->as_written;
	c->root = root >= 0 ? s->modules.v[root].name : NULL;
	c->whole = root < 0;
	c->detail = c->whole ? arena_printf(&s->arena, "%s loads modules by a computed name that cannot be "
						       "bounded at %s:%d (%s): %s ships whole",
					    fm->name, e->file, e->line, e->as_written, s->dists.v[di].name)
			     : arena_printf(&s->arena, "%s loads %s by computed name at %s:%d",
					    fm->name, s->modules.v[root].is_package && !strcmp(c->root, fm->name)
							? "its submodules"
							: arena_printf(&s->arena, "the modules of %s", c->root),
					    e->file, e->line);
	size_t rl = c->root ? strlen(c->root) : 0;
	int first = s->dists.v[di].first_module, n = s->dists.v[di].n_modules;
	for (int i = first; i < first + n; i++) {
		const struct shake_module *m = &s->modules.v[i];
		if (m->origin != SO_APP && m->origin != SO_SITE)
			continue;
		if (c->root && !(!strcmp(m->name, c->root) ||
				 (!strncmp(m->name, c->root, rl) && m->name[rl] == '.')))
			continue;
		if (m->reached)
			continue;
		if (reach(s, m->name, from, e->file, e->line, e->kinds, SR_COMPUTED, c->detail, 1) >= 0)
			s->computed.v[s->computed.n - 1].n_kept++;
	}
}

/* 1 when code outside idx's top-level package names name: mentions it, or
 * uses it through a from-import or an attribute of idx */
/* 1 when name is one of the space-separated words of list */
static int word_in(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		size_t k = strcspn(p, " ");
		if (k == n && !memcmp(p, name, n))
			return 1;
		p += k;
		while (*p == ' ')
			p++;
	}
	return 0;
}

/* 1 when code outside idx's top-level package names `name` for the table
 * of gate g: anywhere but as the first argument of a call, or as that of
 * one of g's `takes` or of a function no gate's `takes` lists (it may hand
 * the string on) */
static int named_outside(struct shaker *s, int idx, const char *name, const struct gate *g)
{
	const struct shake_module *m = &s->modules.v[idx];
	const char *top = strmap_get(&s->name_code_tops, name);
	size_t tl = strcspn(m->name, ".");

	if (top && (!strcmp(top, "*") || !same_top(top, m->name, tl)))
		return 1;
	for (const struct arg_use *u = strmap_get(&s->arg_uses, name); u; u = u->next) {
		if (same_top(u->top, m->name, tl))
			continue;
		if ((g->g->takes && word_in(g->g->takes, u->callee)) || !strmap_has(&s->takes, u->callee))
			return 1;
	}
	for (size_t i = 0; i < m->n_importers; i++) {
		const struct shake_importer *im = &m->importers[i];
		char pair[512];
		int from;
		if (!strncmp(im->key, m->name, tl) && (im->key[tl] == '.' || !im->key[tl]))
			continue; /* its own package */
		if (im->name && !strcmp(im->name, name) && (from = shaker_find(s, im->key)) >= 0 &&
		    name_live(s, from, im->bind, 0))
			return 1;
		if (!im->name && im->bind && mentioned_by(s, im->key, join2(pair, sizeof(pair), im->bind, '.', name)))
			return 1;
	}
	return 0;
}

/* A computed load whose gate (rules' gated with rows) is shut: the modules
 * of the table entries that code outside the loader names; 1 when it kept
 * one more */
static int follow_rows(struct shaker *s, int from, const struct import_edge *e, const struct gate *g)
{
	const struct shake_module *fm = &s->modules.v[from];
	size_t rl = strlen(e->name), ci;
	int more = 0;

	/* the report lists the load once, with what its entries kept */
	for (ci = 0; ci < s->computed.n; ci++)
		if (s->computed.v[ci].from == from && s->computed.v[ci].line == e->line &&
		    !strcmp(s->computed.v[ci].file, e->file))
			break;
	if (ci == s->computed.n) {
		struct shake_computed *c = VEC_PUSH(&s->computed);
		memset(c, 0, sizeof(*c));
		c->from = from;
		c->file = e->file;
		c->line = e->line;
		c->expr = e->as_written;
		c->root = e->name;
		c->detail = arena_printf(&s->arena, "%s loads the modules of the %s entries that code outside %.*s "
						    "names, by computed name at %s:%d (%s: %s)",
					 fm->name, g->g->rows, (int)strcspn(fm->name, "."), fm->name, e->file, e->line,
					 g->g->rule_id ? g->g->rule_id : "rules", g->g->why);
	}

	for (size_t i = 0; i < s->rows.n; i++) {
		const struct shake_row *row = &s->rows.v[i];
		const char *mod = NULL, *by = NULL;
		if (strcmp(row->table, g->g->rows))
			continue;
		for (size_t k = 0; k < row->n && !mod; k++) {
			const char *str = row->strings[k];
			if (!strncmp(str, e->name, rl) && str[rl] == '.' && shaker_find(s, str) >= 0)
				mod = str;
			else {
				char *cand = arena_printf(&s->arena, "%s.%.*s", e->name, (int)strcspn(str, ":"), str);
				if (shaker_find(s, cand) >= 0 && strcmp(cand, e->name))
					mod = cand;
			}
		}
		if (!mod) 
			continue;
		int mi = shaker_find(s, mod);
		if (s->modules.v[mi].reached)
			continue;
		for (size_t k = 0; k < row->n && !by; k++)
			if (strmap_has(&s->gate_names, row->strings[k]) && named_outside(s, from, row->strings[k], g))
				by = row->strings[k];
		if (!by)
			continue;
		const char *why = arena_printf(&s->arena, "%s loads the module of the %s entry '%s' by computed "
						  "name at %s:%d ('%s' is named outside %.*s)",
					       fm->name, g->g->rows, row->strings[0], e->file, e->line, by,
					       (int)strcspn(fm->name, "."), fm->name);
		if (reach(s, mod, from, e->file, e->line, e->kinds, SR_COMPUTED, why, 1) >= 0) {
			s->computed.v[ci].n_kept++;
			more = 1;
		}
	}
	return more;
}

/* P.moves.NAME of a module P defining six's lazy aliases: the module
 * NAME loads on Python 3 (P's MovedModule record, else the stdlib module
 * of that name: six.moves.urllib.parse is urllib.parse), reached as an
 * import by from; its drop as a missing module stays the hook's (shaker_run) */
static void reach_moved_one(struct shaker *s, int from, const struct import_edge *e, const char *p,
			    const char *name)
{
	char key[512];
	const char *why;
	const struct moved_name *mv = strmap_get(&s->moved, join2(key, sizeof(key), p, '\t', name));
	const char *mod = mv ? mv->module : name;

	if (!mv && resolve(s, mod, &why) < 0)
		return;
	const char *detail = mv ? arena_printf(&s->arena, "%s.moves.%s is %s on Python 3 (%s:%d)", p, name, mod,
					       mv->file, mv->line)
				: NULL;
	reach(s, mod, from, e->file, e->line, e->kinds, SR_IMPORT, detail, 1);
}

static void follow_moved(struct shaker *s, int from, const struct import_edge *e)
{
	const char *m;
	char p[256];

	if (!s->moved.count || !e->name)
		return;
	for (m = strstr(e->name, ".moves"); m; m = strstr(m + 1, ".moves"))
		if (m[6] == '.' || !m[6])
			break;
	if (!m || (size_t)(m - e->name) >= sizeof(p))
		return;
	memcpy(p, e->name, (size_t)(m - e->name));
	p[m - e->name] = 0;
	int pi = shaker_find(s, p);
	if (pi < 0 || s->modules.v[pi].is_package)
		return; /* a real moves package is imported as it is */
	if (m[6] == '.')
		reach_moved_one(s, from, e, p, m + 7);
	else
		for (size_t i = 0; i < e->n_names; i++)
			if (strcmp(e->names[i], "*"))
				reach_moved_one(s, from, e, p, e->names[i]);
}

static void follow_edge(struct shaker *s, int from, size_t ei)
{
	/* a copy: reaching a stdlib module lexes it and grows s->edges */
	const struct import_edge edge = s->edges.v[ei], *e = &edge;
	const char *file = e->file;
	int soft = (e->kinds & EDGE_GUARDED) != 0;

	if (e->kinds & EDGE_COMPUTED) {
		if ((e->kinds & EDGE_TYPING) || ((e->kinds & EDGE_CONDITIONAL) && e->cond_value == 0))
			return;
		if ((e->kinds & EDGE_LAZY) && needs_liveness(&s->modules.v[from]) &&
		    !func_live(s, from, e->funcs)) {
			*VEC_PUSH(&s->pending) = (struct shake_pending){ from, ei, 0 };
			return;
		}
		const struct gate *g = e->name ? gate_for(s, from, e->name) : NULL;
		if (g && !gate_open(s, g)) {
			if (g->g->rows)
				follow_rows(s, from, e, g);
			*VEC_PUSH(&s->pending_gated) = (struct shake_pending){ from, ei, 0 };
			return;
		}
		follow_computed(s, from, e);
		return;
	}
	if (!e->name)
		return;
	if (e->kinds & EDGE_TYPING) {
		drop(s, e->name, "imported under TYPE_CHECKING only", from, file, e->line, 0);
		return;
	}
	if ((e->kinds & EDGE_CONDITIONAL) && e->cond_value == 0) {
		drop(s, e->name, arena_printf(&s->arena, "condition false on %s: %s", s->target.name,
					      e->condition ? e->condition : "?"),
		     from, file, e->line, 0);
		return;
	}
	if (e->flag && flag_value(s, from, e->flag) == 0) {
		drop(s, e->name, arena_printf(&s->arena, "condition false on %s: %s", s->target.name, e->flag),
		     from, file, e->line, 0);
		return;
	}
	if (e->fallback_for && fallback_unneeded(s, e->fallback_for)) {
		drop(s, e->name, arena_printf(&s->arena, "a fallback for '%s', which %s has",
					      e->fallback_for, s->target.name),
		     from, file, e->line, 0);
		return;
	}
	if ((e->kinds & EDGE_LAZY) && shaker_loaded_at_boot(s, from)) {
		drop(s, e->name, arena_printf(&s->arena, "a lazy import in %s, which %s loads at boot: "
					      "left to its callers", s->modules.v[from].name, s->target.name),
		     from, file, e->line, 0);
		return;
	}
	/* a guarded import inside a stdlib function is an optional extra that
	 * code runs without: it keeps a module only when something else does */
	if ((e->kinds & EDGE_LAZY) && (e->kinds & EDGE_GUARDED) && needs_liveness(&s->modules.v[from])) {
		int idx = shaker_find(s, e->name);
		if (idx < 0 || !s->modules.v[idx].reached)
			drop(s, e->name, "a guarded import inside a stdlib function: optional, kept only "
					 "when something else needs it", from, file, e->line, 0);
		return;
	}
	if ((e->kinds & EDGE_LAZY) && needs_liveness(&s->modules.v[from]) &&
	    !func_live(s, from, e->funcs)) {
		*VEC_PUSH(&s->pending) = (struct shake_pending){ from, ei, 0 };
		return;
	}
	const struct gate *g = gate_for(s, from, e->name);
	if (g && !gate_open(s, g)) {
		*VEC_PUSH(&s->pending_gated) = (struct shake_pending){ from, ei, 0 };
		return;
	}
	follow_moved(s, from, e);
	int idx = reach(s, e->name, from, file, e->line, e->kinds, SR_IMPORT, NULL, soft);
	if (idx >= 0 && e->alias)
		add_importer(s, idx, from, e->alias, NULL, 0);
	if (idx >= 0 && (e->kinds & EDGE_DYNAMIC) && !e->alias)
		open_scope(s, idx); /* bound to whatever the caller names it */
	if (idx < 0 || !e->names)
		return;
	/* from X import a: a may be a submodule */
	for (size_t i = 0; i < e->n_names; i++) {
		const char *why;
		if (!strcmp(e->names[i], "*")) {
			add_importer(s, idx, from, NULL, NULL, 1);
			continue;
		}
		/* from M import f as g: M's f is used where the importer's g
		 * is (its own code, or its importers: a package's __init__
		 * re-exporting what nobody calls keeps none of it) */
		add_importer(s, idx, from, e->binds ? e->binds[i] : e->names[i], e->names[i], 0);
		char *sub = arena_printf(&s->arena, "%s.%s", e->name, e->names[i]);
		if (shaker_find(s, sub) >= 0 || strmap_get(&s->native, sub) ||
		    (s->modules.v[idx].is_package && resolve(s, sub, &why) >= 0)) {
			reach(s, sub, from, file, e->line, e->kinds, SR_IMPORT, NULL, 1);
		}
	}
}

static void follow_codec(struct shaker *s, int from, size_t ci)
{
	const struct codec_use use = s->codecs.v[ci], *u = &use;
	const char *mod;

	if (shaker_loaded_at_boot(s, from))
		return; /* at module level it ran at boot; in a function, as above */

	if (needs_liveness(&s->modules.v[from]) && !func_live(s, from, u->funcs)) {
		*VEC_PUSH(&s->pending_codecs) = (struct shake_pending){ from, ci, 0 };
		return;
	}
	if ((mod = rules_codec_module(s->rules, u->name)))
		reach(s, mod, from, u->file, u->line, 0, SR_CODEC, u->name, 1);
}

/* importlib.metadata's entry_points(group=G) in live code: every module an
 * input distribution registers under G (its entry_points.txt) may be loaded */
static void follow_entry_use(struct shaker *s, int from, size_t ui)
{
	const struct entry_use use = s->entry_uses.v[ui], *u = &use;

	if (needs_liveness(&s->modules.v[from]) && !func_live(s, from, u->funcs)) {
		*VEC_PUSH(&s->pending_entries) = (struct shake_pending){ from, ui, 0 };
		return;
	}
	for (size_t di = 0; di < s->dists.n; di++) {
		const struct shake_dist *d = &s->dists.v[di];
		for (size_t k = 0; k < d->n_entry_points; k++) {
			const struct entry_point *ep = &d->entry_points[k];
			if (strcmp(ep->group, u->group))
				continue;
			const char *why = arena_printf(&s->arena, "entry point '%s' of group '%s' in %s's "
							"entry_points.txt, which %s lists at %s:%d",
						       ep->name, ep->group, d->name, s->modules.v[from].name,
						       u->file, u->line);
			reach(s, ep->module, from, u->file, u->line, EDGE_DYNAMIC, SR_COMPUTED, why, 1);
		}
	}
}

static void follow_implicit(struct shaker *s, int from, const struct implicit_import *ii)
{
	if (ii->when && !strmap_has(&s->live, ii->when)) {
		struct implicit_import *p = VEC_PUSH(&s->pending_implicit);
		*p = *ii;
		return;
	}
	reach(s, ii->imports, from, ii->rule_id, 0, 0, SR_IMPLICIT, ii->rule_id, 1);
}

/* `from _warnings import warn_explicit` after warnings' own def of it: where
 * the target builds the C module, the import succeeds and the Python def is
 * never called (its lazy imports, linecache for warn_explicit, wait for
 * nothing). Only a builtin C module: its names are CPython's, all there */
static void note_shadows(struct shaker *s, int idx, const struct import_edge *e)
{
	struct module_rule mr;
	const char *p;

	if (!e->shadows || !e->name || (e->kinds & (EDGE_LAZY | EDGE_CONDITIONAL | EDGE_TYPING)) ||
	    !rules_target_is_stdlib(s->rules, s->target.name, e->name))
		return;
	rules_module(s->rules, s->target.name, e->name, &mr);
	if (mr.status != MS_BUILTIN)
		return;
	for (p = e->shadows; *p;) {
		size_t n = strcspn(p, " ");
		char key[600];
		if (shadow_key(key, sizeof(key), s->modules.v[idx].name, p, n))
			strmap_put(&s->shadowed, arena_strdup(&s->arena, key), NULL);
		p += n;
		while (*p == ' ')
			p++;
	}
}

static int process(struct shaker *s, int idx, struct perr *err)
{
	const struct implicit_import *ii;
	size_t n;
	int rc;

	if (s->modules.v[idx].origin == SO_STDLIB ||
	    (s->modules.v[idx].origin == SO_RUNTIME &&
	     (s->standin_pass || strcmp(s->modules.v[idx].provided_as, "polyfill"))))
		if ((rc = scan_stdlib(s, idx, err)))
			return rc;
	if (s->modules.v[idx].n_names) {
		/* app and site modules: their mentions, as scan_stdlib does for
		 * the stdlib (every app function counts as called) */
		struct shake_module *m = &s->modules.v[idx];
		for (size_t i = 0; i < m->n_names; i++) {
			if (m->origin == SO_APP || chain_eager(m->name_funcs[i]))
				mention(s, m->name, m->names[i]);
			else
				*VEC_PUSH(&s->pending_names) =
					(struct shake_pending_name){ idx, m->name_funcs[i], m->names[i], 0 };
		}
		m->n_names = 0; /* once */
	}
	n = rules_implicit(s->rules, s->modules.v[idx].name, &ii);
	for (size_t i = 0; i < n; i++)
		follow_implicit(s, idx, &ii[i]);
	if (!s->modules.v[idx].scanned)
		return 0;
	if (s->modules.v[idx].origin == SO_RUNTIME && !strcmp(s->modules.v[idx].provided_as, "polyfill") &&
	    !s->standin_pass)
		return 0;
	size_t first = s->modules.v[idx].edge_first, count = s->modules.v[idx].edge_count;
	for (size_t i = first; i < first + count; i++)
		note_shadows(s, idx, &s->edges.v[i]);
	for (size_t i = first; i < first + count; i++)
		follow_edge(s, idx, i);
	first = s->modules.v[idx].codec_first;
	count = s->modules.v[idx].codec_count;
	for (size_t i = first; i < first + count; i++)
		follow_codec(s, idx, i);
	first = s->modules.v[idx].ep_first;
	count = s->modules.v[idx].ep_count;
	for (size_t i = first; i < first + count; i++)
		follow_entry_use(s, idx, i);
	return 0;
}

static int drain(struct shaker *s, struct perr *err)
{
	int rc, progress;

	do {
		while (s->queue.n) {
			int idx = s->queue.v[--s->queue.n];
			if ((rc = process(s, idx, err)))
				return rc;
		}
		/* functions that became live release their lazy imports */
		progress = 0;
		size_t n = s->pending.n;
		struct shake_pending *pend = xmalloc((n + 1) * sizeof(*pend));
		if (n)
			memcpy(pend, s->pending.v, n * sizeof(*pend));
		s->pending.n = 0;
		for (size_t i = 0; i < n; i++) {
			if (!pending_live(s, &pend[i].wait, pend[i].from, s->edges.v[pend[i].index].funcs)) {
				*VEC_PUSH(&s->pending) = pend[i];
				continue;
			}
			follow_edge(s, pend[i].from, pend[i].index);
			progress = 1;
		}
		free(pend);
		n = s->pending_codecs.n;
		pend = xmalloc((n + 1) * sizeof(*pend));
		if (n)
			memcpy(pend, s->pending_codecs.v, n * sizeof(*pend));
		s->pending_codecs.n = 0;
		for (size_t i = 0; i < n; i++) {
			if (!pending_live(s, &pend[i].wait, pend[i].from, s->codecs.v[pend[i].index].funcs)) {
				*VEC_PUSH(&s->pending_codecs) = pend[i];
				continue;
			}
			follow_codec(s, pend[i].from, pend[i].index);
			progress = 1;
		}
		free(pend);
		n = s->pending_entries.n;
		pend = xmalloc((n + 1) * sizeof(*pend));
		if (n)
			memcpy(pend, s->pending_entries.v, n * sizeof(*pend));
		s->pending_entries.n = 0;
		for (size_t i = 0; i < n; i++) {
			if (!pending_live(s, &pend[i].wait, pend[i].from, s->entry_uses.v[pend[i].index].funcs)) {
				*VEC_PUSH(&s->pending_entries) = pend[i];
				continue;
			}
			follow_entry_use(s, pend[i].from, pend[i].index);
			progress = 1;
		}
		free(pend);
		/* mentions in functions that became live */
		n = s->pending_names.n;
		struct shake_pending_name *pn = xmalloc((n + 1) * sizeof(*pn));
		if (n)
			memcpy(pn, s->pending_names.v, n * sizeof(*pn));
		s->pending_names.n = 0;
		const char *last_funcs = NULL;
		int last_from = -1, last_live = 0;
		for (size_t i = 0; i < n; i++) {
			if (pn[i].from != last_from || pn[i].funcs != last_funcs) {
				last_from = pn[i].from;
				last_funcs = pn[i].funcs;
				last_live = pending_live(s, &pn[i].wait, pn[i].from, pn[i].funcs);
			}
			if (!last_live) {
				*VEC_PUSH(&s->pending_names) = pn[i];
				continue;
			}
			mention(s, s->modules.v[pn[i].from].name, pn[i].name);
			progress = 1;
		}
		free(pn);
		n = s->pending_implicit.n;
		struct implicit_import *pi = xmalloc((n + 1) * sizeof(*pi));
		if (n)
			memcpy(pi, s->pending_implicit.v, n * sizeof(*pi));
		s->pending_implicit.n = 0;
		for (size_t i = 0; i < n; i++) {
			if (!strmap_has(&s->live, pi[i].when)) {
				*VEC_PUSH(&s->pending_implicit) = pi[i];
				continue;
			}
			follow_implicit(s, shaker_find(s, pi[i].module), &pi[i]);
			progress = 1;
		}
		free(pi);
		/* gates opened by a mention */
		n = s->pending_gated.n;
		pend = xmalloc((n + 1) * sizeof(*pend));
		if (n)
			memcpy(pend, s->pending_gated.v, n * sizeof(*pend));
		s->pending_gated.n = 0;
		for (size_t i = 0; i < n; i++) {
			const struct import_edge *e = &s->edges.v[pend[i].index];
			const struct gate *g = gate_for(s, pend[i].from, e->name);
			if (!gate_open(s, g)) {
				if (g->g->rows && (e->kinds & EDGE_COMPUTED) && follow_rows(s, pend[i].from, e, g))
					progress = 1;
				*VEC_PUSH(&s->pending_gated) = pend[i];
				continue;
			}
			follow_edge(s, pend[i].from, pend[i].index);
			progress = 1;
		}
		free(pend);
	} while (progress || s->queue.n);
	return 0;
}

static void include_globs(struct shaker *s, struct perr *err)
{
	struct member m;
	int r;

	if (!s->opt.n_include)
		return;
	/* every module the inputs know, and every stdlib file */
	for (size_t i = 0; i < s->modules.n; i++)
		for (size_t k = 0; k < s->opt.n_include; k++)
			if (!s->modules.v[i].reached && shaker_glob(s->opt.include[k], s->modules.v[i].name))
				mark(s, (int)i, -1, NULL, 0, 0, SR_INCLUDE, s->opt.include[k]);
	if (s->stdlib && !s->opt.stdlib_in_runtime && source_rewind(s->stdlib, err) == 0) {
		VEC(const char *) names = VEC_INIT;
		while ((r = source_next(s->stdlib, &m, err)) > 0) {
			int pkg;
			const char *name;
			if (m.is_dir || !ends_with(m.name, ".py"))
				continue;
			name = module_name_for(&s->arena, m.name, &pkg);
			for (size_t k = 0; name && k < s->opt.n_include; k++)
				if (shaker_glob(s->opt.include[k], name) && !excluded(s, name))
					*VEC_PUSH(&names) = name;
		}
		for (size_t i = 0; i < names.n; i++)
			reach(s, names.v[i], -1, NULL, 0, 0, SR_INCLUDE, NULL, 1);
		VEC_FREE(&names);
	}
	/* plain names of anything else (a third-party or runtime module) */
	for (size_t k = 0; k < s->opt.n_include; k++)
		if (!strchr(s->opt.include[k], '*') && !strchr(s->opt.include[k], '?') &&
		    !strchr(s->opt.include[k], '['))
			reach(s, s->opt.include[k], -1, NULL, 0, 0, SR_INCLUDE, NULL, 0);
}

int shaker_run(struct shaker *s, struct perr *err)
{
	int rc, entry = -1;

	if (s->app_error)
		return perr_set(err, PM_INPUT, "%s", s->app_error);
	if (s->opt.entry_module) {
		entry = shaker_find(s, s->opt.entry_module);
		if (entry < 0 || s->modules.v[entry].origin != SO_APP)
			return perr_set(err, PM_INPUT, "entry module '%s' is not in the app",
					s->opt.entry_module);
		mark(s, entry, -1, s->modules.v[entry].file, 0, 0, SR_ENTRY, NULL);
	}
	for (size_t i = 0; i < s->target.n_roots; i++)
		reach(s, s->target.roots[i], -1, NULL, 0, 0, SR_ROOT, NULL, 1);
	/* the app ships whole: the entry's folder when the runtime imports
	 * from the project root too (the rest of the project, tests and
	 * tools, only as far as the entry imports it) */
	for (size_t i = 0; i < s->modules.n; i++) {
		const char *n = s->modules.v[i].name, *ep = s->opt.entry_package;
		if (s->modules.v[i].origin == SO_APP && !s->modules.v[i].reached && !excluded(s, n) &&
		    (!ep || (!strncmp(n, ep, strlen(ep)) && n[strlen(ep)] == '.')))
			mark(s, (int)i, -1, s->modules.v[i].file, 0, 0, SR_APP, NULL);
	}
	if ((rc = drain(s, err)))
		return rc;
	include_globs(s, err);
	if ((rc = drain(s, err)))
		return rc;
	/* verification stand-ins: what CPython's own copies of the runtime's
	 * polyfills need, so a native CPython can stand in for the runtime */
	s->standin_pass = 1;
	for (size_t i = 0; i < s->modules.n; i++) {
		struct shake_module *m = &s->modules.v[i];
		if (m->reached && m->origin == SO_RUNTIME && m->provided_as &&
		    !strcmp(m->provided_as, "polyfill") && m->file) {
			m->scanned = 0;
			*VEC_PUSH(&s->queue) = (int)i;
		}
	}
	if ((rc = drain(s, err)))
		return rc;
	s->standin_pass = 0;
	if (s->exclude_error)
		return perr_set(err, PM_INPUT, "%s", s->exclude_error);
	for (size_t i = 0; i < s->modules.n; i++) {
		struct shake_module *m = &s->modules.v[i];
		m->kept = m->reached && !m->standin && m->origin != SO_RUNTIME;
	}
	shaker_mark_eager(s);
	/* gates still shut: the feature is not used */
	for (size_t i = 0; i < s->pending_gated.n; i++) {
		const struct import_edge *e = &s->edges.v[s->pending_gated.v[i].index];
		const struct gate *gt = gate_for(s, s->pending_gated.v[i].from, e->name);
		struct strbuf names = STRBUF_INIT;
		for (size_t k = 0; k < gt->n; k++) {
			if (k)
				strbuf_addstr(&names, ", ");
			strbuf_addstr(&names, gt->names[k]);
		}
		drop(s, e->name, arena_printf(&s->arena, "%s (%s): no code outside %.*s names %s%s",
					      gt->g->why, gt->g->rule_id, (int)gt->top_len, gt->g->module,
					      gt->n > 1 ? "any of " : "", names.buf),
		     s->pending_gated.v[i].from, e->file, e->line, 0);
		strbuf_release(&names);
	}
	/* a drop that something else reached after all is no drop */
	size_t out = 0;
	for (size_t i = 0; i < s->drops.n; i++) {
		int idx = shaker_find(s, s->drops.v[i].name);
		if (idx >= 0 && s->modules.v[idx].reached && !s->modules.v[idx].standin)
			continue;
		s->drops.v[out++] = s->drops.v[i];
	}
	s->drops.n = out;
	/* a failing import is a real miss only when its importer is loaded
	 * for sure: not the runtime's own code (the interpreter's frozen
	 * modules carry Windows branches), and not reached through a guarded
	 * import (yaml's cyaml, which yaml tries and does without) */
	for (size_t i = 0; i < s->drops.n; i++) {
		struct shake_drop *d = &s->drops.v[i];
		int from = d->from ? shaker_find(s, d->from) : -1;
		size_t n;
		if (!d->hard || from < 0)
			continue;
		if (s->modules.v[from].origin == SO_RUNTIME) {
			d->hard = 0;
			continue;
		}
		/* six.moves: a submodule of a plain module that installs an import
		 * hook (sys.meta_path) at import time is the hook's to provide */
		const char *dot = strrchr(d->name, '.');
		if (dot) {
			char *parent = arena_strndup(&s->arena, d->name, (size_t)(dot - d->name));
			int p = shaker_find(s, parent);
			if (p >= 0 && s->modules.v[p].reached && !s->modules.v[p].is_package &&
			    (s->modules.v[p].origin == SO_SITE || s->modules.v[p].origin == SO_APP) &&
			    mentioned_by(s, parent, ".meta_path")) {
				d->hard = 0;
				d->why = arena_printf(&s->arena, "provided at run time by %s's import hook "
								 "(it adds to sys.meta_path)", parent);
				continue;
			}
		}
		const struct shake_step **chain = shaker_why(s, from, &n);
		for (size_t k = 0; k < n; k++)
			if (chain[k]->kinds & (EDGE_GUARDED | EDGE_LAZY))
				d->hard = 0;
		free((void *)chain);
	}
	return 0;
}

const struct shake_step **shaker_why(const struct shaker *s, int m, size_t *n)
{
	size_t cap = 64, len = 0;
	const struct shake_step **v = xmalloc(cap * sizeof(*v));
	int cur = m;

	while (cur >= 0 && s->modules.v[cur].via >= 0 && len < 1000) {
		const struct shake_step *st = &s->steps.v[s->modules.v[cur].via];
		if (len == cap)
			v = xrealloc(v, (cap *= 2) * sizeof(*v));
		v[len++] = st;
		if (st->from == cur)
			break;
		cur = st->from;
	}
	for (size_t i = 0; i < len / 2; i++) {
		const struct shake_step *t = v[i];
		v[i] = v[len - 1 - i];
		v[len - 1 - i] = t;
	}
	*n = len;
	return v;
}

const struct shake_drop *shaker_drop_for(const struct shaker *s, const char *name)
{
	for (size_t i = 0; i < s->drops.n; i++)
		if (!strcmp(s->drops.v[i].name, name))
			return &s->drops.v[i];
	return NULL;
}
