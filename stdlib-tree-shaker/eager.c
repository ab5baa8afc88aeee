/* eager.c: which reached modules importing the entry and one call of its
 * handler load for sure (shake_module.eager), for the memory estimate:
 * imports that run at import time, every import of the app's code, and a
 * library function's lazy imports once code that runs calls the function by
 * name. Reads the graph shaker.c built; changes nothing else.
 */
#include "shaker_int.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef VEC(int) eager_work;

/* one function called by code that runs: module index, its name */
struct call {
	int mod;
	const char *fn;
};

struct eager {
	struct shaker *s;
	eager_work work;          /* modules newly eager */
	VEC(struct call) calls;   /* functions newly called */
	struct strmap called;     /* "module\tfunction" already followed */
	struct strmap options;    /* "module\tfunction\tNAME": some call passes
				     the function's option NAME */
};

/* name and its parent packages, when reached, are eager too */
static void eager_add(struct eager *g, const char *name)
{
	struct shaker *s = g->s;
	char *buf = arena_strdup(&s->arena, name);
	size_t n = strlen(buf);

	for (size_t i = 0; i <= n; i++) {
		if (buf[i] != '.' && buf[i] != 0)
			continue;
		char c = buf[i];
		buf[i] = 0;
		int idx = shaker_find(s, buf);
		buf[i] = c;
		if (idx < 0 || !s->modules.v[idx].reached || s->modules.v[idx].standin ||
		    s->modules.v[idx].eager)
			continue;
		s->modules.v[idx].eager = 1;
		*VEC_PUSH(&g->work) = idx;
	}
}

/* an edge that runs when its code does: not for typing, not under a
 * condition false on the target, not in an `except` handler for an error
 * (hashlib's `except ValueError: import logging` runs only when a hash
 * is missing) */
static int edge_runs(const struct import_edge *e)
{
	return e->name && !(e->kinds & EDGE_TYPING) && !e->on_error &&
	       !((e->kinds & EDGE_CONDITIONAL) && e->cond_value == 0);
}

static void edge_add(struct eager *g, const struct import_edge *e)
{
	eager_add(g, e->name);
	for (size_t k = 0; k < e->n_names; k++)
		if (strcmp(e->names[k], "*"))
			eager_add(g, arena_printf(&g->s->arena, "%s.%s", e->name, e->names[k]));
}

static void call_add(struct eager *g, int mod, const char *fn, size_t len, int again)
{
	struct shaker *s = g->s;
	char key[512];
	size_t ml;
	int created;

	if (mod < 0 || !s->modules.v[mod].reached || s->modules.v[mod].standin || !len ||
	    shaker_loaded_at_boot(s, mod))
		return;
	ml = strlen(s->modules.v[mod].name);
	if (ml + len + 2 > sizeof(key))
		return;
	memcpy(key, s->modules.v[mod].name, ml);
	key[ml] = '\t';
	memcpy(key + ml + 1, fn, len);
	key[ml + 1 + len] = 0;
	strmap_put(&g->called, key, &created);
	if (created || again)
		*VEC_PUSH(&g->calls) = (struct call){ mod, arena_strndup(&s->arena, fn, len) };
}

/* the top-level function a funcs chain is in ("@f.g" -> f); 0 when the
 * chain is module level, a class's, or an assignment's */
static size_t chain_top(const char *funcs, const char **top)
{
	if (!funcs || *funcs == '^' || *funcs == '=')
		return 0;
	if (*funcs == '@')
		funcs++;
	*top = funcs;
	return strcspn(funcs, ".");
}

/* the module mod binds to bind (import X, import X as bind, from P import
 * bind where P.bind is a module), or -1 */
static int binding(struct shaker *s, int mod, const char *bind, size_t bl)
{
	const struct shake_module *m = &s->modules.v[mod];
	size_t count = m->scanned ? m->edge_count : 0;

	for (size_t i = m->edge_first; i < m->edge_first + count; i++) {
		const struct import_edge *e = &s->edges.v[i];
		if (!e->name || (e->kinds & EDGE_COMPUTED))
			continue;
		if (e->alias && strlen(e->alias) == bl && !memcmp(e->alias, bind, bl))
			return shaker_find(s, e->name);
		if (!e->alias && !e->names && !strncmp(e->name, bind, bl) &&
		    (e->name[bl] == 0 || e->name[bl] == '.')) {
			char *top = arena_strndup(&s->arena, bind, bl);
			return shaker_find(s, top);
		}
		for (size_t k = 0; k < e->n_names; k++)
			if (strlen(e->names[k]) == bl && !memcmp(e->names[k], bind, bl)) {
				int sub = shaker_find(s, arena_printf(&s->arena, "%s.%s", e->name, e->names[k]));
				if (sub >= 0)
					return sub;
			}
	}
	return -1;
}

static int option_passed(struct eager *g, int mod, const char *fn, const char *opt, size_t ol)
{
	return strmap_has(&g->options, arena_printf(&g->s->arena, "%s\t%s\t%.*s", g->s->modules.v[mod].name,
						    fn, (int)ol, opt));
}

static void option_add(struct eager *g, int mod, const char *fn, size_t fl, const char *opt, size_t ol)
{
	struct shaker *s = g->s;
	const struct shake_module *m;
	int created;

	if (mod < 0)
		return;
	m = &s->modules.v[mod];
	strmap_put(&g->options, arena_printf(&s->arena, "%s\t%.*s\t%.*s", m->name, (int)fl, fn, (int)ol, opt),
		   &created);
	if (!created)
		return;
	/* a function followed already: again, with the option */
	if (strmap_has(&g->called, arena_printf(&s->arena, "%s\t%.*s", m->name, (int)fl, fn)))
		call_add(g, mod, fn, fl, 1);
	/* handed on by a from-import: the option reaches the function there */
	size_t count = m->scanned ? m->edge_count : 0;
	for (size_t i = m->edge_first; i < m->edge_first + count; i++) {
		const struct import_edge *e = &s->edges.v[i];
		if (!e->name || !e->names || (e->kinds & EDGE_COMPUTED))
			continue;
		for (size_t k = 0; k < e->n_names; k++)
			if (!strcmp(e->names[k], "*") || (strlen(e->names[k]) == fl && !memcmp(e->names[k], fn, fl)))
				option_add(g, shaker_find(s, e->name), fn, fl, opt, ol);
	}
}

/* A call by code of mod that runs (the scanner's note_call): "f(" calls
 * mod's function f (or the one it imports under that name), "B.f(" f of
 * the module mod binds to B; "f(?OPT" is a call under `if OPT:` in the
 * function in (caller, of mod), made only when some call of that function
 * passes OPT; "f(KW=" passes f its option KW. A method's call (x.f() of
 * some object) is not followed. */
static void said_runs(struct eager *g, int mod, const char *caller, const char *name)
{
	const char *open = strchr(name, '(');
	const char *dot = memchr(name, '.', open ? (size_t)(open - name) : 0);
	int to = mod;
	const char *fn = name;

	if (!open || *name == '.' || open == name)
		return;
	if (dot) {
		to = binding(g->s, mod, name, (size_t)(dot - name));
		fn = dot + 1;
	}
	if (to < 0 || open == fn)
		return;
	if (open[1] == '?') {
		if (caller && !option_passed(g, mod, caller, open + 2, strlen(open + 2)))
			return;
	} else if (open[1]) {
		const char *eq = strchr(open + 1, '=');
		if (eq)
			option_add(g, to, fn, (size_t)(open - fn), open + 1, (size_t)(eq - open - 1));
		return;
	}
	call_add(g, to, fn, (size_t)(open - fn), 0);
}

/* Function fn of module mod is called: its lazy imports run (those not
 * under an if of it: import_edge.branch), so do the functions its body
 * calls; a name mod only imports (from K import fn, from K import *) is
 * K's function. */
static void call_follow(struct eager *g, const struct call *c)
{
	struct shaker *s = g->s;
	const struct shake_module *m = &s->modules.v[c->mod];
	size_t fl = strlen(c->fn), count = m->scanned ? m->edge_count : 0;
	const char *top;

	for (size_t i = m->edge_first; i < m->edge_first + count; i++) {
		const struct import_edge *e = &s->edges.v[i];
		if (!edge_runs(e))
			continue;
		/* not an import under an if of the function (or in a def in
		 * it): the call need not run it */
		if ((e->kinds & EDGE_LAZY) && !e->branch && chain_top(e->funcs, &top) == fl &&
		    !memcmp(top, c->fn, fl))
			edge_add(g, e);
		if (e->names && !(e->kinds & EDGE_COMPUTED)) {
			int k0 = shaker_find(s, e->name);
			for (size_t k = 0; k < e->n_names && k0 >= 0; k++)
				if (!strcmp(e->names[k], "*") || !strcmp(e->names[k], c->fn))
					call_add(g, k0, c->fn, fl, 0);
		}
	}
	for (size_t i = 0; i < m->n_said; i++)
		if (chain_top(m->said_funcs[i], &top) == fl && !memcmp(top, c->fn, fl))
			said_runs(g, c->mod, c->fn, m->said[i]);
}

/* ---- the order the eager modules load in ----
 * Python compiles a module when it is first imported, then runs its body,
 * whose imports load (depth first) before the rest of the body runs; a
 * module's parent packages load before it. So the compile order is a
 * depth-first walk from the entry over the imports that run at import time,
 * in source order; what the handler's call loads (the app's function-body
 * imports, a called library function's lazy ones) comes after. A module
 * loaded before the app (a root, the runtime's boot set) is not compiled
 * again and its imports are loaded already. */
struct order {
	struct shaker *s;
	unsigned char *seen;
	int next;
	int depth;
};

static int loaded_before(struct shaker *s, int idx)
{
	const struct shake_module *m = &s->modules.v[idx];
	if (m->reason == SR_ROOT || shaker_loaded_at_boot(s, idx) || strmap_has(&s->boot, m->name))
		return 1;
	for (size_t i = 0; i < s->target.n_roots; i++)
		if (!strcmp(s->target.roots[i], m->name))
			return 1;
	return 0;
}

static void order_visit(struct order *o, int idx);

static void order_name(struct order *o, const char *name)
{
	int idx = shaker_find(o->s, name);
	if (idx >= 0)
		order_visit(o, idx);
}

static void order_edge(struct order *o, const struct import_edge *e)
{
	order_name(o, e->name);
	for (size_t k = 0; k < e->n_names; k++)
		if (strcmp(e->names[k], "*"))
			order_name(o, arena_printf(&o->s->arena, "%s.%s", e->name, e->names[k]));
}

static void order_visit(struct order *o, int idx)
{
	struct shaker *s = o->s;
	struct shake_module *m = &s->modules.v[idx];
	const char *dot;
	size_t first, count;

	if (o->seen[idx] || !m->eager || m->standin || o->depth > 1000)
		return;
	o->seen[idx] = 1;
	/* the parents first: importing a.b runs a/__init__ before */
	for (dot = strchr(m->name, '.'); dot; dot = strchr(dot + 1, '.'))
		order_name(o, arena_strndup(&s->arena, m->name, (size_t)(dot - m->name)));
	if (loaded_before(s, idx))
		return;
	if (m->file)
		m->load_order = ++o->next;
	o->depth++;
	first = m->edge_first;
	count = m->scanned ? m->edge_count : 0;
	for (size_t i = first; i < first + count; i++) {
		const struct import_edge *e = &s->edges.v[i];
		if (edge_runs(e) && !(e->kinds & EDGE_LAZY))
			order_edge(o, e);
	}
	first = m->codec_first;
	count = m->scanned ? m->codec_count : 0;
	for (size_t i = first; i < first + count; i++) {
		const char *mod = rules_codec_module(s->rules, s->codecs.v[i].name);
		if (mod && !s->codecs.v[i].funcs)
			order_name(o, mod);
	}
	const struct implicit_import *ii;
	size_t n = rules_implicit(s->rules, m->name, &ii);
	for (size_t i = 0; i < n; i++)
		if (!ii[i].when)
			order_name(o, ii[i].imports);
	o->depth--;
}

/* shake_module.load_order of every eager module: the import of the entry
 * (and --include) first, then the app's function-body imports in the order
 * the app's modules loaded, then the rest of the eager set (what called
 * library functions import) in module order */
static void mark_load_order(struct shaker *s)
{
	struct order o = { .s = s, .seen = xcalloc(s->modules.n ? s->modules.n : 1, 1) };
	VEC(int) app = VEC_INIT;

	for (size_t i = 0; i < s->modules.n; i++)
		if (s->modules.v[i].reason == SR_ENTRY)
			order_visit(&o, (int)i);
	for (size_t i = 0; i < s->modules.n; i++)
		if (s->modules.v[i].reason == SR_INCLUDE)
			order_visit(&o, (int)i);
	for (size_t i = 0; i < s->modules.n; i++)
		if (s->modules.v[i].origin == SO_APP && s->modules.v[i].load_order)
			*VEC_PUSH(&app) = (int)i;
	/* the app's modules in their load order */
	for (size_t i = 1; i < app.n; i++)
		for (size_t k = i; k > 0 && s->modules.v[app.v[k - 1]].load_order > s->modules.v[app.v[k]].load_order; k--) {
			int t = app.v[k];
			app.v[k] = app.v[k - 1];
			app.v[k - 1] = t;
		}
	for (size_t a = 0; a < app.n; a++) {
		const struct shake_module *m = &s->modules.v[app.v[a]];
		size_t count = m->scanned ? m->edge_count : 0;
		for (size_t i = m->edge_first; i < m->edge_first + count; i++)
			if (edge_runs(&s->edges.v[i]) && (s->edges.v[i].kinds & EDGE_LAZY))
				order_edge(&o, &s->edges.v[i]);
	}
	for (size_t i = 0; i < s->modules.n; i++)
		order_visit(&o, (int)i);
	VEC_FREE(&app);
	free(o.seen);
}

/* Marks what importing the entry and one call of its handler load for
 * sure (shake_module.eager): from the entry and --include, the imports
 * that run at import time, every import of the app's own code (the
 * handler runs it), codec names at module level, implicit imports with no
 * condition; and a library function's lazy imports once code that runs
 * calls it: the app's code, module and class bodies of eager modules, the
 * functions those call by name (f(), or M.f() through an import of M),
 * transitively. Methods are not followed: which class an object is of
 * is not known here. */
void shaker_mark_eager(struct shaker *s)
{
	struct eager g = { .s = s, .called = STRMAP_INIT, .options = STRMAP_INIT };

	for (size_t i = 0; i < s->modules.n; i++) {
		struct shake_module *m = &s->modules.v[i];
		if (m->reached && !m->standin && (m->reason == SR_ENTRY || m->reason == SR_INCLUDE))
			eager_add(&g, m->name);
	}
	while (g.work.n || g.calls.n) {
		if (g.calls.n) {
			struct call c = g.calls.v[--g.calls.n];
			call_follow(&g, &c);
			continue;
		}
		int idx = g.work.v[--g.work.n];
		const struct shake_module *m = &s->modules.v[idx];
		const struct implicit_import *ii;
		int app = m->origin == SO_APP;
		size_t first = m->edge_first, count = m->scanned ? m->edge_count : 0;

		for (size_t i = first; i < first + count; i++) {
			const struct import_edge *e = &s->edges.v[i];
			if (!edge_runs(e) || ((e->kinds & EDGE_LAZY) && !app))
				continue;
			edge_add(&g, e);
		}
		for (size_t i = 0; i < m->n_said; i++)
			if (app || chain_eager(m->said_funcs[i]))
				said_runs(&g, idx, NULL, m->said[i]);
		first = m->codec_first;
		count = m->scanned ? m->codec_count : 0;
		for (size_t i = first; i < first + count; i++) {
			const char *mod = rules_codec_module(s->rules, s->codecs.v[i].name);
			if (mod && (app || !s->codecs.v[i].funcs))
				eager_add(&g, mod);
		}
		size_t n = rules_implicit(s->rules, s->modules.v[idx].name, &ii);
		for (size_t i = 0; i < n; i++)
			if (!ii[i].when)
				eager_add(&g, ii[i].imports);
	}
	VEC_FREE(&g.work);
	VEC_FREE(&g.calls);
	strmap_release(&g.called);
	strmap_release(&g.options);
	mark_load_order(s);
}
