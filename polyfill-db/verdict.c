/* verdict.c: from a scanned distribution and a target's rules to findings,
 * remedies, why-chains and one verdict per package. The module graph here is
 * the package's own: which of its modules load when it is imported, through
 * which edges. It does not scan or print. */
#include "analysis.h"
#include "verdict_int.h"

#include <stdlib.h>
#include <string.h>

const char *verdict_name(enum verdict v)
{
	static const char *n[] = { "compatible", "fallback", "polyfill", "variant", "unsupported" };
	return n[v];
}

int verdict_parse(const char *s, enum verdict *out)
{
	for (int v = V_COMPATIBLE; v <= V_UNSUPPORTED; v++)
		if (!strcmp(s, verdict_name((enum verdict)v))) {
			*out = (enum verdict)v;
			return 0;
		}
	return -1;
}

const char *finding_kind_name(enum finding_kind k)
{
	static const char *n[] = { "native-extension", "native-library", "unavailable-module",
				   "polyfilled-module", "missing-module", "sdist-native-build",
				   "metadata", "source", "bytecode-only", "package-rule",
				   "limited-module" };
	return (unsigned)k < sizeof(n) / sizeof(n[0]) ? n[k] : "unknown";
}

const char *remedy_kind_name(enum remedy_kind k)
{
	static const char *n[] = { "none", "polyfill", "variant", "fallback", "alternative", "note" };
	return n[k];
}

int audit_init(struct audit *a, struct rules *r, const char *target, struct perr *err)
{
	memset(a, 0, sizeof(*a));
	a->rules = r;
	return rules_target(r, target, &a->target, err);
}

void audit_release(struct audit *a)
{
	for (size_t i = 0; i < a->packages.n; i++) {
		VEC_FREE(&a->packages.v[i].findings);
		VEC_FREE(&a->packages.v[i].external);
	}
	VEC_FREE(&a->packages);
	strmap_release(&a->provided);
	arena_release(&a->arena);
}

/* ------------------------------------------------------------ the graph */

enum reach { R_NONE = 0, R_ALL = 1, R_UNGUARDED = 2, R_EAGER = 4 };

struct graph {
	const struct distribution *d;
	struct strmap index;     /* module name -> index + 1 */
	unsigned char *reach;    /* enum reach bits per module */
	/* per mode: the edge that first reached a module, and from where */
	long *via_edge[3];
	long *via_mod[3];
	/* per edge: 1 when it sits in an `except ImportError:` handler that
	 * does not run on the target (every import of its try body works) */
	unsigned char *handler_off;
};

static long module_index(const struct graph *g, const char *name)
{
	void *v = strmap_get(&g->index, name);
	return v ? (long)(uintptr_t)v - 1 : -1;
}

static int edge_effective(const struct import_edge *e)
{
	return !(e->kinds & EDGE_TYPING) && e->cond_value != 0 && e->name;
}

/* The package's modules an edge loads: the name, its ancestors, and for
 * `from X import a` the submodule X.a when there is one. */
static size_t edge_targets(const struct graph *g, struct arena *tmp, const struct import_edge *e,
			   long *out, size_t max)
{
	size_t n = 0;
	long i;

	if (!e->name)
		return 0;
	for (const char *p = e->name;; p++) {
		if (*p == '.' || !*p) {
			char *prefix = arena_strndup(tmp, e->name, (size_t)(p - e->name));
			if ((i = module_index(g, prefix)) >= 0 && n < max)
				out[n++] = i;
			if (!*p)
				break;
		}
	}
	for (size_t k = 0; k < e->n_names; k++) {
		const char *sub = arena_printf(tmp, "%s.%s", e->name, e->names[k]);
		if ((i = module_index(g, sub)) >= 0 && n < max)
			out[n++] = i;
	}
	/* an app's module beside the importer: the runtimes put the entry's
	 * folder on sys.path (`import routes` from src/entry.py is src.routes) */
	if (!n && g->d->kind == DIST_APP && e->file && strchr(e->file, '/')) {
		const char *slash = strrchr(e->file, '/');
		char *pkg = arena_strndup(tmp, e->file, (size_t)(slash - e->file));
		for (char *q = pkg; *q; q++)
			if (*q == '/')
				*q = '.';
		if (module_index(g, arena_printf(tmp, "%s.%s", pkg, e->name)) >= 0) {
			struct import_edge sib = *e;
			sib.name = arena_printf(tmp, "%s.%s", pkg, e->name);
			sib.file = NULL;
			n = edge_targets(g, tmp, &sib, out, max);
		}
	}
	return n;
}

static int edge_passes(const struct graph *g, size_t ei, int mode)
{
	const struct import_edge *e = &g->d->imports.edges.v[ei];

	if (!edge_effective(e))
		return 0;
	if (mode < 2 && g->handler_off[ei])
		return 0; /* the handler runs only when an import that works fails */
	if (mode == 0) /* eager and unguarded */
		return (e->kinds & EDGE_EAGER) && !(e->kinds & EDGE_GUARDED);
	if (mode == 1) /* unguarded */
		return !(e->kinds & EDGE_GUARDED);
	return 1;
}

/* Can importing name fail on the target? The package's native modules do
 * (no host binary loads on wasm), stdlib modules the target lacks, and
 * other distributions (they may not be installed); the package's Python
 * modules and the stdlib the target has do not. */
static int import_fails(struct audit *a, const struct graph *g, const char *name)
{
	struct module_rule mr;
	long i = module_index(g, name);

	if (i >= 0)
		return g->d->modules.v[i].type == MOD_NATIVE;
	if (rules_module(a->rules, a->target.name, name, &mr))
		return 1;
	return mr.status == MS_UNAVAILABLE || mr.status == MS_THIRD_PARTY;
}

/* 1 when edge e is in an `except ImportError:` handler that never runs on
 * the target: none of the try body's imports (e->fallback_for) fails. */
static int handler_is_off(struct audit *a, const struct graph *g, const struct import_edge *e)
{
	const char *p = e->fallback_for;

	if (!p)
		return 0;
	while (*p) {
		const char *sp = strchr(p, ' ');
		size_t n = sp ? (size_t)(sp - p) : strlen(p);
		char *name = xstrndup(p, n);
		int fails = import_fails(a, g, name);
		free(name);
		if (fails)
			return 0;
		p += n;
		while (*p == ' ')
			p++;
	}
	return 1;
}

/* Roots: the public top-level Python modules (native ones are loaded by
 * them, not by users, unless the package has nothing else); every module of
 * an app. */
static int is_public_top(const struct module *m)
{
	return !strchr(m->name, '.') && m->name[0] != '_' && m->type != MOD_NATIVE;
}

static int is_root(const struct distribution *d, const struct module *m, int any_public)
{
	if (d->kind == DIST_APP)
		return 1;
	if (strchr(m->name, '.'))
		return 0;
	return any_public ? is_public_top(m) : 1;
}

static void graph_build(struct graph *g, struct audit *a, const struct distribution *d,
			struct arena *tmp)
{
	size_t n = d->modules.n;
	long *queue = xmalloc(sizeof(long) * (n ? n : 1));
	int any_public = 0;

	memset(g, 0, sizeof(*g));
	g->d = d;
	g->reach = xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++) {
		strmap_put(&g->index, d->modules.v[i].name, NULL)->value = (void *)(uintptr_t)(i + 1);
		if (is_public_top(&d->modules.v[i]))
			any_public = 1;
	}
	g->handler_off = xcalloc(d->imports.edges.n ? d->imports.edges.n : 1, 1);
	for (size_t i = 0; i < d->imports.edges.n; i++)
		g->handler_off[i] = (unsigned char)handler_is_off(a, g, &d->imports.edges.v[i]);
	for (int mode = 0; mode < 3; mode++) {
		static const unsigned char bit[] = { R_EAGER, R_UNGUARDED, R_ALL };
		size_t head = 0, tail = 0;

		g->via_edge[mode] = xmalloc(sizeof(long) * (n ? n : 1));
		g->via_mod[mode] = xmalloc(sizeof(long) * (n ? n : 1));
		for (size_t i = 0; i < n; i++) {
			g->via_edge[mode][i] = g->via_mod[mode][i] = -1;
			if (is_root(d, &d->modules.v[i], any_public)) {
				g->reach[i] |= bit[mode];
				queue[tail++] = (long)i;
			}
		}
		while (head < tail) {
			const struct module *m = &d->modules.v[queue[head++]];
			long from = queue[head - 1];
			for (size_t k = 0; k < m->edge_count; k++) {
				size_t ei = m->edge_first + k;
				long t[64];
				size_t nt;

				if (!edge_passes(g, ei, mode))
					continue;
				nt = edge_targets(g, tmp, &d->imports.edges.v[ei], t, 64);
				for (size_t j = 0; j < nt; j++) {
					if (g->reach[t[j]] & bit[mode])
						continue;
					g->reach[t[j]] |= bit[mode];
					g->via_edge[mode][t[j]] = (long)ei;
					g->via_mod[mode][t[j]] = from;
					queue[tail++] = t[j];
				}
			}
		}
	}
	free(queue);
}

static void graph_release(struct graph *g)
{
	strmap_release(&g->index);
	free(g->reach);
	free(g->handler_off);
	for (int i = 0; i < 3; i++) {
		free(g->via_edge[i]);
		free(g->via_mod[i]);
	}
}

/* The chain of edges from a root to module i in the given mode, plus a last
 * step (edge last, may be -1) from module i onwards. */
static void why_chain(struct audit *a, const struct graph *g, int mode, long i, long last,
		      struct finding *f)
{
	VEC(struct why_step) steps = VEC_INIT;
	const struct distribution *d = g->d;
	size_t guard = 0;

	if (last >= 0) {
		const struct import_edge *e = &d->imports.edges.v[last];
		*VEC_PUSH(&steps) = (struct why_step){ e->file, e->line, d->modules.v[i].name,
						       e->name ? e->name : e->as_written, e->kinds };
	}
	while (i >= 0 && g->via_edge[mode][i] >= 0 && guard++ < d->modules.n) {
		const struct import_edge *e = &d->imports.edges.v[g->via_edge[mode][i]];
		long from = g->via_mod[mode][i];
		*VEC_PUSH(&steps) = (struct why_step){ e->file, e->line, d->modules.v[from].name,
						       d->modules.v[i].name, e->kinds };
		i = from;
	}
	f->n_why = steps.n;
	f->why = arena_alloc(&a->arena, sizeof(struct why_step) * (steps.n ? steps.n : 1));
	for (size_t k = 0; k < steps.n; k++) { /* root first */
		struct why_step s = steps.v[steps.n - 1 - k];
		s.file = arena_strdup(&a->arena, s.file);
		s.from = arena_strdup(&a->arena, s.from);
		s.to = arena_strdup(&a->arena, s.to);
		f->why[k] = s;
	}
	VEC_FREE(&steps);
}

/* --------------------------------------------------------- findings */

static const char *adup(struct audit *a, const char *s)
{
	return s ? arena_strdup(&a->arena, s) : NULL;
}

static struct finding *add_finding(struct audit *a, struct package_report *p,
				   enum finding_kind kind, enum verdict sev, const char *module,
				   const char *file, int line, unsigned kinds, const char *msg)
{
	struct finding *f;

	/* one finding per (kind, module): later places become locations */
	if (module) {
		for (size_t i = 0; i < p->findings.n; i++) {
			f = &p->findings.v[i];
			if (f->kind == kind && f->module && !strcmp(f->module, module)) {
				struct location *locs = arena_alloc(&a->arena, sizeof(*locs) * (f->n_locs + 1));
				memcpy(locs, f->locs, sizeof(*locs) * f->n_locs);
				locs[f->n_locs++] = (struct location){ adup(a, file), line, kinds };
				f->locs = locs;
				if (sev > f->severity) {
					/* the worse place leads */
					struct location t = f->locs[0];
					f->locs[0] = f->locs[f->n_locs - 1];
					f->locs[f->n_locs - 1] = t;
					f->severity = sev;
					f->message = adup(a, msg);
				}
				return NULL;
			}
		}
	}
	f = VEC_PUSH(&p->findings);
	memset(f, 0, sizeof(*f));
	f->kind = kind;
	f->severity = sev;
	f->module = adup(a, module);
	f->message = adup(a, msg);
	if (file) {
		f->locs = arena_alloc(&a->arena, sizeof(*f->locs));
		f->locs[0] = (struct location){ adup(a, file), line, kinds };
		f->n_locs = 1;
	}
	return f;
}

static const char *native_detail(struct audit *a, const struct module *m)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	strbuf_addstr(&sb, native_format_name(m->native.format));
	if (m->native.machine)
		strbuf_addf(&sb, " %s", m->native.machine);
	for (unsigned bit = 1; bit <= FLAVOR_MYPYC; bit <<= 1)
		if (m->native.flavor & bit)
			strbuf_addf(&sb, ", %s", native_flavor_name(bit));
	if (m->native.format == NATIVE_WASM && m->native.wasm_mem_min)
		strbuf_addf(&sb, ", memory %lld KiB min, %s", m->native.wasm_mem_min >> 10,
			    m->native.wasm_mem_max < 0 ? "no max" :
			    arena_printf(&a->arena, "%lld KiB max", m->native.wasm_mem_max >> 10));
	if (m->native.format == NATIVE_WASM && m->native.wasm_data)
		strbuf_addf(&sb, ", %lld bytes of static data", m->native.wasm_data);
	r = arena_strndup(&a->arena, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

/* Where a variant comes from and how it is used, the version once. */
static const char *variant_remedy(struct audit *a, const struct package_rule *pr)
{
	const char *file = pr->variant_file, *ver = pr->variant_version;
	const char *v = ver && (!file || !strstr(file, ver)) ? arena_printf(&a->arena, " %s", ver) : "";

	if (file && ends_with(file, ".whl"))
		/* Pyodide: a wheel of pyodide-lock.json the runtime loads */
		return arena_printf(&a->arena, "Pyodide's build, %s (pyodide-lock.json): the runtime provides no packages, so vendor that wheel into python_modules (pywrangler sync does; pymode-bundle does with it in a --find-links folder) instead of this one",
				    file);
	if (file && !strcmp(file, "python.wasm"))
		/* PyMode's recipes: built into the app's own interpreter */
		return arena_printf(&a->arena, "PyMode builds %s from its recipes/ into this app's own python.wasm "
					       "(`pymode build`): the package's C extensions linked into the runtime",
				    pr->package);
	if (file)
		/* PyMode: a whole python.wasm with the extensions linked in */
		return arena_printf(&a->arena, "PyMode's %s variant, %s (%s%s, lib/variants.json): a whole runtime with the package's C extensions linked in; deploy on it instead of the base python.wasm (one variant per app)",
				    pr->package, file, pr->package, v);
	return arena_printf(&a->arena, "the target's wasm build of %s%s", pr->package, v);
}

/* Rules for the package turn an unsupported native finding into a variant
 * or a polyfill, or add the reason and alternatives. */
static void apply_package_rule(struct audit *a, const struct package_rule *pr, struct finding *f)
{
	if (pr->kind == PR_VARIANT) {
		f->severity = V_VARIANT;
		f->remedy_kind = RK_VARIANT;
		f->remedy = variant_remedy(a, pr);
		f->rule_id = adup(a, pr->rule_id);
	} else if (pr->kind == PR_POLYFILL) {
		f->severity = V_POLYFILL;
		f->remedy_kind = RK_POLYFILL;
		f->remedy = arena_printf(&a->arena, "replaced by a polyfill%s%s",
					 pr->note ? ": " : "", pr->note ? pr->note : "");
		f->rule_id = adup(a, pr->rule_id);
	} else {
		struct strbuf sb = STRBUF_INIT;
		if (pr->kind == PR_UNSUPPORTED && pr->note)
			strbuf_addf(&sb, "%s", pr->note);
		else
			strbuf_addstr(&sb, "no wasm variant, polyfill or pure-Python fallback");
		if (pr->n_alternatives) {
			strbuf_addstr(&sb, "; alternatives:");
			for (size_t i = 0; i < pr->n_alternatives; i++)
				strbuf_addf(&sb, "%s %s", i ? "," : "", pr->alternatives[i]);
		}
		f->remedy_kind = pr->n_alternatives ? RK_ALTERNATIVE : RK_NONE;
		f->remedy = arena_strndup(&a->arena, sb.buf, sb.len);
		f->rule_id = adup(a, pr->rule_id);
		strbuf_release(&sb);
	}
}

/* A module of the package whose edge loads module i (any kind but typing),
 * preferring one the package loads; -1 when none. *edge: that edge. */
static long importer_of(const struct graph *g, struct arena *tmp, long i, long *edge,
			size_t *count)
{
	const struct distribution *d = g->d;
	long best = -1;
	size_t dummy;

	if (!count)
		count = &dummy;
	*count = 0;

	for (size_t j = 0; j < d->modules.n; j++) {
		const struct module *m = &d->modules.v[j];
		int counted = 0;
		if ((long)j == i)
			continue;
		for (size_t k = 0; k < m->edge_count; k++) {
			size_t ei = m->edge_first + k;
			long t[64];
			size_t nt;
			if (!edge_effective(&d->imports.edges.v[ei]))
				continue;
			nt = edge_targets(g, tmp, &d->imports.edges.v[ei], t, 64);
			for (size_t x = 0; x < nt; x++)
				if (t[x] == i) {
					if (!k || !counted)
						(*count)++;
					counted = 1;
					if (best < 0 || ((g->reach[j] & R_ALL) && !(g->reach[best] & R_ALL))) {
						best = (long)j;
						*edge = (long)ei;
					}
				}
		}
	}
	return best;
}

/* The why-chain of a module no root reaches: its importers, back to one
 * nothing in the package imports (or a root), first step first. */
static void importer_chain(struct audit *a, const struct graph *g, struct arena *tmp, long i,
			   struct finding *f)
{
	const struct distribution *d = g->d;
	struct why_step steps[16];
	size_t n = 0;
	long cur = i, edge, from;

	while (n < 16 && (from = importer_of(g, tmp, cur, &edge, NULL)) >= 0) {
		const struct import_edge *e = &d->imports.edges.v[edge];
		int seen = 0;
		for (size_t k = 0; k < n; k++)
			if (!strcmp(steps[k].from, d->modules.v[from].name))
				seen = 1;
		if (seen || from == i)
			break;
		steps[n++] = (struct why_step){ adup(a, e->file), e->line, adup(a, d->modules.v[from].name),
						adup(a, d->modules.v[cur].name), e->kinds };
		if (g->reach[from] & R_ALL)
			break;
		cur = from;
	}
	f->n_why = n;
	f->why = arena_alloc(&a->arena, sizeof(struct why_step) * (n ? n : 1));
	for (size_t k = 0; k < n; k++)
		f->why[k] = steps[n - 1 - k];
}

static void native_findings(struct audit *a, struct package_report *p, const struct graph *g,
			    const struct package_rule *pr, struct arena *tmp)
{
	const struct distribution *d = g->d;

	for (size_t i = 0; i < d->modules.n; i++) {
		const struct module *m = &d->modules.v[i];
		struct finding *f;
		const char *msg;
		enum verdict sev = V_UNSUPPORTED;
		int mode = 0;
		long imp, imp_edge = -1;
		size_t n_imp = 0;

		if (m->type != MOD_NATIVE)
			continue;
		p->n_native++;
		if (m->native.format == NATIVE_WASM) {
			sev = V_VARIANT;
			msg = "ships a WebAssembly build of its native module";
		} else if (g->reach[i] & R_EAGER) {
			msg = "native extension imported when the package loads";
		} else if (g->reach[i] & R_UNGUARDED) {
			msg = "native extension imported inside a function, unguarded: importing the package works, calls that reach it fail";
			mode = 1;
		} else if (g->reach[i] & R_ALL) {
			sev = V_FALLBACK;
			msg = "native extension reached only through guarded imports: the pure-Python path is used when it fails";
			mode = 2;
		} else if ((imp = importer_of(g, tmp, (long)i, &imp_edge, &n_imp)) >= 0) {
			/* lxml.etree from lxml/builder.py: a module users import */
			const struct import_edge *e = &d->imports.edges.v[imp_edge];
			msg = arena_printf(&a->arena, "native extension imported by %s (%s:%d)%s, which the package does not load itself: it loads when users import %s",
					   d->modules.v[imp].name, e->file, e->line,
					   n_imp > 1 ? arena_printf(&a->arena, " and %zu other module%s", n_imp - 1,
								    n_imp > 2 ? "s" : "") : "",
					   n_imp > 1 ? "them" : "it");
			mode = -2;
		} else {
			msg = "native extension not imported by the package's own modules (loaded directly or dynamically)";
			mode = -1;
		}
		f = add_finding(a, p, F_NATIVE_EXTENSION, sev, m->name, m->file, 0, 0, msg);
		if (!f)
			continue;
		f->detail = native_detail(a, m);
		f->rank = mode == 0 ? 0 : mode == 1 ? 1 : mode == 2 ? 2 : 3;
		if (mode >= 0)
			why_chain(a, g, mode, (long)i, -1, f);
		else if (mode == -2)
			importer_chain(a, g, tmp, (long)i, f);
		if (sev == V_FALLBACK && pr->kind == PR_POLYFILL) {
			/* markupsafe: one finding, the rule's polyfill */
			apply_package_rule(a, pr, f);
			f->message = arena_printf(&a->arena, "%s; the target replaces the package with a polyfill",
						  f->message);
		} else if (sev == V_FALLBACK) {
			f->remedy_kind = RK_FALLBACK;
			f->remedy = "the package falls back to pure Python";
		} else if (sev == V_UNSUPPORTED) {
			apply_package_rule(a, pr, f);
		}
	}
	for (size_t i = 0; i < d->libraries.n; i++) {
		const struct module *m = &d->libraries.v[i];
		struct finding *f = add_finding(a, p, F_NATIVE_LIBRARY, V_UNSUPPORTED, m->file, m->file, 0, 0,
						"native library bundled in the package");
		if (!f)
			continue;
		f->detail = native_detail(a, m);
		if (m->native.format == NATIVE_WASM) {
			f->severity = V_VARIANT;
			f->message = "WebAssembly module bundled in the package";
		} else if (p->n_native) {
			/* it goes wherever the package's extensions go */
			enum verdict worst = V_COMPATIBLE;
			for (size_t k = 0; k < p->findings.n; k++)
				if (p->findings.v[k].kind == F_NATIVE_EXTENSION &&
				    p->findings.v[k].severity > worst)
					worst = p->findings.v[k].severity;
			f->severity = worst;
			f->message = "native library used by the package's extensions";
		} else {
			apply_package_rule(a, pr, f);
		}
	}
}

static void stdlib_finding(struct audit *a, struct package_report *p, const struct graph *g,
			   long from, size_t ei, const struct module_rule *mr)
{
	const struct import_edge *e = &g->d->imports.edges.v[ei];
	int eager_loaded = g->reach[from] & R_EAGER, loaded = g->reach[from] & R_ALL;
	int guarded = e->kinds & EDGE_GUARDED, eager = e->kinds & EDGE_EAGER;
	enum verdict sev = V_COMPATIBLE;
	const char *msg, *how;
	struct finding *f;

	if (g->handler_off[ei]) {
		/* in `except ImportError:` after imports that work on the target */
		guarded = 1;
		how = arena_printf(&a->arena, "in an `except ImportError:` handler that runs only when '%s' fails to import, which it does not on %s",
				   e->fallback_for, a->target.name);
	} else if (e->fallback_for && !guarded && loaded) {
		how = arena_printf(&a->arena, "%s, in the `except ImportError:` handler that runs when '%s' fails to import",
				   eager && eager_loaded ? "imported when the package loads" : !eager
				   ? "imported inside a function" : "imported by a module the package loads only lazily or guardedly",
				   e->fallback_for);
	} else if (guarded)
		how = "guarded import: the package handles its absence";
	else if (!loaded)
		how = "in a module the package does not import when it loads";
	else if (!eager)
		how = "imported inside a function: calls that reach it fail";
	else if (!eager_loaded)
		how = "imported by a module the package loads only lazily or guardedly";
	else
		how = "unguarded import when the package loads";

	if (mr->status == MS_UNAVAILABLE) {
		if (eager_loaded && eager && !guarded)
			sev = V_UNSUPPORTED;
		if (mr->runtime_of)
			msg = arena_printf(&a->arena, "%s: %s", mr->note,
					   sev == V_UNSUPPORTED && !e->fallback_for ? "unguarded import when the package loads" : how);
		else
			msg = arena_printf(&a->arena, "stdlib module '%s' is not available on %s (%s): %s",
					   mr->module, a->target.name, mr->note ? mr->note : "no reason recorded",
					   sev == V_UNSUPPORTED && !e->fallback_for ? "unguarded import when the package loads" : how);
		f = add_finding(a, p, F_UNAVAILABLE_MODULE, sev, mr->module, e->file, e->line, e->kinds, msg);
	} else if (mr->status == MS_LIMITED) {
		/* it imports: only the calls that need what is missing fail */
		msg = arena_printf(&a->arena, "stdlib module '%s' is limited on %s: %s (%s)", mr->module,
				   a->target.name, mr->note ? mr->note : "it imports, but some calls fail",
				   how);
		f = add_finding(a, p, F_LIMITED_MODULE, V_COMPATIBLE, mr->module, e->file, e->line, e->kinds,
				msg);
	} else {
		/* a partial polyfill loaded with the package makes the verdict; a
		 * full one works as documented and is a note */
		int partial = mr->fidelity != PF_FULL;
		if (partial && eager_loaded && eager && !guarded)
			sev = V_POLYFILL;
		msg = arena_printf(&a->arena, "stdlib module '%s' is a %s polyfill on %s%s%s%s%s",
				   mr->module, partial ? "partial" : "full", a->target.name,
				   mr->note ? " (" : "", mr->note ? mr->note : "", mr->note ? ")" : "",
				   sev == V_POLYFILL ? "" : arena_printf(&a->arena, ": %s",
					   partial ? how : "it works as documented for single-threaded code"));
		f = add_finding(a, p, F_POLYFILLED_MODULE, sev, mr->module, e->file, e->line, e->kinds, msg);
	}
	if (!f)
		return;
	f->rule_id = adup(a, mr->rule_id);
	f->remedy_kind = mr->status == MS_POLYFILLED ? RK_POLYFILL
			 : mr->remedy ? RK_ALTERNATIVE : mr->status == MS_LIMITED ? RK_NOTE : RK_NONE;
	f->remedy = adup(a, mr->remedy);
	if (!f->remedy && mr->status == MS_POLYFILLED)
		f->remedy = "the runtime provides a polyfill";
	why_chain(a, g, eager_loaded ? 0 : 2, from, (long)ei, f);
}

static void import_findings(struct audit *a, struct package_report *p, const struct graph *g,
			    struct arena *tmp)
{
	const struct distribution *d = g->d;

	for (size_t i = 0; i < d->modules.n; i++) {
		const struct module *m = &d->modules.v[i];
		for (size_t k = 0; k < m->edge_count; k++) {
			size_t ei = m->edge_first + k;
			const struct import_edge *e = &d->imports.edges.v[ei];
			struct module_rule mr;
			long t[64];

			if (!edge_effective(e) || edge_targets(g, tmp, e, t, 64))
				continue; /* typing-only, false on the target, or the package's own */
			if (rules_module(a->rules, a->target.name, e->name, &mr) || mr.status == MS_PROVIDED)
				continue; /* the runtime's own module */
			if (mr.status == MS_UNAVAILABLE || mr.status == MS_POLYFILLED ||
			    mr.status == MS_LIMITED) {
				stdlib_finding(a, p, g, (long)i, ei, &mr);
			} else if (mr.status == MS_THIRD_PARTY && (g->reach[i] & R_EAGER) &&
				   (e->kinds & EDGE_EAGER) && !(e->kinds & EDGE_GUARDED) &&
				   !g->handler_off[ei]) {
				struct finding *f = VEC_PUSH(&p->external);
				memset(f, 0, sizeof(*f));
				f->module = adup(a, e->name);
				f->locs = arena_alloc(&a->arena, sizeof(*f->locs));
				f->locs[0] = (struct location){ adup(a, e->file), e->line, e->kinds };
				f->n_locs = 1;
				why_chain(a, g, 0, (long)i, (long)ei, f);
			}
		}
	}
}

static void source_findings(struct audit *a, struct package_report *p, const struct graph *g)
{
	const struct distribution *d = g->d;

	for (size_t i = 0; i < d->imports.diags.n; i++) {
		const struct scan_diag *dg = &d->imports.diags.v[i];
		enum verdict sev = V_COMPATIBLE;
		long mi = -1;

		for (size_t k = 0; k < d->modules.n; k++)
			if (d->modules.v[k].file && !strcmp(d->modules.v[k].file, dg->file)) {
				mi = (long)k;
				break;
			}
		if (dg->kind != DIAG_ENCODING && mi >= 0 && (g->reach[mi] & R_EAGER))
			sev = V_UNSUPPORTED;
		add_finding(a, p, F_SOURCE, sev, mi >= 0 ? d->modules.v[mi].name : dg->file, dg->file,
			    dg->line, 0,
			    arena_printf(&a->arena, "%s%s", dg->msg,
					 sev == V_UNSUPPORTED ? " (in a module loaded with the package)" : ""));
	}
	for (size_t i = 0; i < d->modules.n; i++) {
		const struct module *m = &d->modules.v[i];
		if (m->type != MOD_PYC)
			continue;
		add_finding(a, p, F_BYTECODE_ONLY, (g->reach[i] & R_EAGER) ? V_UNSUPPORTED : V_COMPATIBLE,
			    m->name, m->file, 0, 0,
			    "bytecode without source: CPython 3.13 loads only .pyc files of its own version");
	}
	for (size_t i = 0; i < d->problems.n; i++) {
		const struct dist_problem *pb = &d->problems.v[i];
		struct finding *f = add_finding(a, p, F_METADATA, pb->severe ? V_UNSUPPORTED : V_COMPATIBLE,
						NULL, pb->file, pb->line, 0, pb->msg);
		if (f && pb->severe) {
			f->remedy_kind = RK_NOTE;
			f->remedy = "installers refuse such a distribution; rebuild it";
		}
	}
}

static void sdist_findings(struct audit *a, struct package_report *p, const struct distribution *d,
			   const struct package_rule *pr)
{
	struct finding *f;
	struct strbuf sb = STRBUF_INIT;

	if (d->kind != DIST_SDIST || !d->build.needs_native)
		return;
	strbuf_addstr(&sb, "sdist needs a native build");
	if (d->build.backend)
		strbuf_addf(&sb, " (build-backend '%s')", d->build.backend);
	f = add_finding(a, p, F_SDIST_BUILD, V_UNSUPPORTED, NULL,
			d->build.reasons.n ? d->build.reasons.v[0].file : NULL,
			d->build.reasons.n ? d->build.reasons.v[0].line : 0, 0, sb.buf);
	strbuf_release(&sb);
	f->n_why = d->build.reasons.n;
	f->why = arena_alloc(&a->arena, sizeof(*f->why) * (f->n_why ? f->n_why : 1));
	for (size_t i = 0; i < f->n_why; i++) {
		const struct build_reason *r = &d->build.reasons.v[i];
		f->why[i] = (struct why_step){ adup(a, r->file), r->line, NULL, adup(a, r->why), 0 };
	}
	apply_package_rule(a, pr, f);
	if (f->remedy_kind == RK_NONE)
		f->remedy = "no wasm build known: build a wasm32 wheel of it, or choose a pure-Python alternative";
}

/* Native modules the rules say the package needs (cffi's _cffi_backend)
 * that this distribution does not ship: judged as if it shipped them, from
 * how its own modules import them. */
static void needed_native_findings(struct audit *a, struct package_report *p, const struct graph *g,
				   const struct package_rule *pr)
{
	const struct distribution *d = g->d;

	for (size_t n = 0; n < pr->n_native_modules; n++) {
		const char *name = pr->native_modules[n], *how;
		long from = -1, edge = -1;
		int best = -1; /* 0 eager, 1 unguarded, 2 guarded */
		enum verdict sev = V_UNSUPPORTED;
		struct finding *f;

		if (module_index(g, name) >= 0)
			continue; /* shipped: native_findings judged it */
		for (size_t i = 0; i < d->modules.n && best != 0; i++) {
			const struct module *m = &d->modules.v[i];
			for (size_t k = 0; k < m->edge_count; k++) {
				size_t ei = m->edge_first + k;
				const struct import_edge *e = &d->imports.edges.v[ei];
				int mode;
				if (!edge_effective(e) || strcmp(e->name, name) || !(g->reach[i] & R_ALL))
					continue;
				mode = ((e->kinds & EDGE_GUARDED) || g->handler_off[ei]) ? 2
				       : ((e->kinds & EDGE_EAGER) && (g->reach[i] & R_EAGER)) ? 0 : 1;
				if (best < 0 || mode < best) {
					best = mode;
					from = (long)i;
					edge = (long)ei;
				}
			}
		}
		if (best == 0)
			how = "imported when the package loads";
		else if (best == 1)
			how = "imported inside a function, unguarded: importing the package works, calls that reach it fail";
		else if (best == 2) {
			how = "imported only under a guard: the package's pure-Python path is used when it fails";
			sev = V_FALLBACK;
		} else
			how = "not imported by the package's own modules (loaded directly or dynamically)";
		f = add_finding(a, p, F_NATIVE_EXTENSION, sev, name, NULL, 0, 0,
				arena_printf(&a->arena, "native extension the package needs but this distribution does not ship: %s",
					     how));
		if (!f)
			continue;
		if (edge >= 0) {
			const struct import_edge *e = &d->imports.edges.v[edge];
			f->locs = arena_alloc(&a->arena, sizeof(*f->locs));
			f->locs[0] = (struct location){ adup(a, e->file), e->line, e->kinds };
			f->n_locs = 1;
			why_chain(a, g, best == 0 ? 0 : best == 1 ? 1 : 2, from, edge, f);
		}
		if (sev == V_FALLBACK) {
			f->remedy_kind = RK_FALLBACK;
			f->remedy = "the package falls back to pure Python";
		} else {
			apply_package_rule(a, pr, f);
		}
	}
}

static int cmp_finding(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	if (a->severity != b->severity)
		return (int)b->severity - (int)a->severity;
	if (a->kind != b->kind)
		return (int)a->kind - (int)b->kind;
	return strcmp(a->module ? a->module : "", b->module ? b->module : "");
}

static int same_str(const char *x, const char *y)
{
	return x == y || (x && y && !strcmp(x, y));
}

/* same kind, severity and remedy: one grouped finding */
static int groupable(const struct finding *x, const struct finding *y)
{
	return x->module && y->module && x->kind == y->kind && x->kind != F_LIMITED_MODULE &&
	       x->severity == y->severity && x->remedy_kind == y->remedy_kind &&
	       same_str(x->remedy, y->remedy) && same_str(x->rule_id, y->rule_id);
}

static int cmp_member(const void *x, const void *y)
{
	const struct finding *a = x, *b = y;
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return strcmp(a->module, b->module);
}

static const char *group_noun(enum finding_kind k, size_t n)
{
	switch (k) {
	case F_NATIVE_EXTENSION: return n == 1 ? "native extension" : "native extensions";
	case F_NATIVE_LIBRARY: return n == 1 ? "native library" : "native libraries";
	case F_UNAVAILABLE_MODULE: return "modules the target lacks";
	case F_POLYFILLED_MODULE: return "polyfilled stdlib modules";
	case F_MISSING_MODULE: return "modules no scanned distribution provides";
	case F_SOURCE: return "modules CPython 3.13 cannot compile";
	case F_BYTECODE_ONLY: return "bytecode-only modules";
	default: return "findings";
	}
}

/* How a group's remedy reads after its count: "need the numpy variant". */
static const char *group_verb(struct audit *a, const struct package_report *p, const struct finding *f)
{
	if (f->kind != F_NATIVE_EXTENSION && f->kind != F_NATIVE_LIBRARY)
		return "";
	switch (f->remedy_kind) {
	case RK_VARIANT: return arena_printf(&a->arena, " need the %s variant", p->name);
	case RK_POLYFILL: return " are replaced by the target's polyfill";
	case RK_FALLBACK: return " are optional: the package falls back to pure Python";
	default: return f->severity == V_UNSUPPORTED ? " have no wasm build" : "";
	}
}

/* One finding per (kind, severity, remedy): "20 native extensions need
 * the numpy variant: numpy.core._multiarray_umath, ... (+17)". The members
 * keep every place, message and chain. */
static void group_findings(struct audit *a, struct package_report *p)
{
	unsigned char *done = xcalloc(p->findings.n ? p->findings.n : 1, 1);
	VEC(struct finding) res = VEC_INIT;

	for (size_t i = 0; i < p->findings.n; i++) {
		size_t n = 1, k = 0;
		struct finding *m, g;
		struct strbuf sb = STRBUF_INIT;

		if (done[i])
			continue;
		for (size_t j = i + 1; j < p->findings.n; j++)
			if (!done[j] && groupable(&p->findings.v[i], &p->findings.v[j]))
				n++;
		if (n == 1) {
			*VEC_PUSH(&res) = p->findings.v[i];
			continue;
		}
		m = arena_alloc(&a->arena, sizeof(*m) * n);
		for (size_t j = i; j < p->findings.n; j++)
			if (!done[j] && (j == i || groupable(&p->findings.v[i], &p->findings.v[j]))) {
				m[k++] = p->findings.v[j];
				done[j] = 1;
			}
		qsort(m, n, sizeof(*m), cmp_member);
		g = m[0];
		g.members = m;
		g.n_members = n;
		strbuf_addf(&sb, "%zu %s%s:", n, group_noun(g.kind, n), group_verb(a, p, &g));
		for (size_t j = 0; j < n && j < 3; j++)
			strbuf_addf(&sb, "%s %s", j ? "," : "", m[j].module);
		if (n > 3)
			strbuf_addf(&sb, ", ... (+%zu)", n - 3);
		g.message = arena_strndup(&a->arena, sb.buf, sb.len);
		strbuf_release(&sb);
		*VEC_PUSH(&res) = g;
	}
	VEC_FREE(&p->findings);
	p->findings.v = res.v;
	p->findings.n = res.n;
	p->findings.alloc = res.alloc;
	free(done);
}

void audit_set_origin(struct audit *a, struct package_report *p, const char *const *chain,
		      size_t n_chain, const char *file, const char *url, int installable,
		      int editable)
{
	p->resolved = 1;
	if (url)
		p->input = adup(a, url);
	p->installable = installable;
	p->editable = editable;
	if (editable) {
		struct finding *f = add_finding(a, p, F_METADATA, V_COMPATIBLE, NULL, NULL, 0, 0,
						arena_printf(&a->arena, "editable requirement (-e %s): not bundleable; audited its source tree",
							     file));
		f->remedy_kind = RK_NOTE;
		f->remedy = "build a wheel of it (pip wheel --no-deps DIR) and require that instead";
	}
	p->resolved_file = adup(a, file);
	p->n_chain = n_chain;
	p->chain = arena_alloc(&a->arena, sizeof(char *) * (n_chain ? n_chain : 1));
	for (size_t i = 0; i < n_chain; i++)
		p->chain[i] = adup(a, chain[i]);
	if (!installable) {
		struct finding *f = add_finding(a, p, F_METADATA, V_COMPATIBLE, NULL, NULL, 0, 0,
						arena_printf(&a->arena, "no distribution of it installs on %s: audited '%s' to show what is native",
							     a->target.name, file));
		f->remedy_kind = RK_NOTE;
	}
}

struct package_report *audit_add(struct audit *a, const struct distribution *d)
{
	struct package_report *p = VEC_PUSH(&a->packages);
	struct package_rule pr;
	struct arena tmp = ARENA_INIT;
	struct graph g;

	memset(p, 0, sizeof(*p));
	p->name = adup(a, d->name ? d->name : d->filename);
	p->normalized = adup(a, d->normalized ? d->normalized : p->name);
	p->version = adup(a, d->version);
	p->kind = d->kind;
	p->input = adup(a, d->input);
	p->filename = adup(a, d->filename);
	p->n_modules = d->modules.n;
	p->n_edges = d->imports.edges.n;
	p->n_files = d->n_files;
	p->n_bytes = d->n_bytes;
	if (d->has_metadata && d->meta.requires_dist.n) {
		p->n_requires = d->meta.requires_dist.n;
		p->requires_dist = arena_alloc(&a->arena, sizeof(char *) * p->n_requires);
		for (size_t i = 0; i < p->n_requires; i++)
			p->requires_dist[i] = adup(a, d->meta.requires_dist.v[i]);
		audit_set_depends(a, p);
	}
	{
		const char **names;
		size_t n = audit_provides(d, &a->arena, &names);
		for (size_t i = 0; i < n; i++) {
			struct strmap_entry *e;
			int created;
			if ((e = strmap_put(&a->provided, names[i], &created)) && created)
				e->value = (void *)p->normalized;
		}
	}
	memset(&pr, 0, sizeof(pr));
	rules_package(a->rules, a->target.name, p->normalized, &pr);

	graph_build(&g, a, d, &tmp);
	native_findings(a, p, &g, &pr, &tmp);
	needed_native_findings(a, p, &g, &pr);
	import_findings(a, p, &g, &tmp);
	source_findings(a, p, &g);
	sdist_findings(a, p, d, &pr);
	int replaced = 0; /* a native finding carries the polyfill rule already */
	for (size_t i = 0; i < p->findings.n; i++)
		if (p->findings.v[i].remedy_kind == RK_POLYFILL && p->findings.v[i].kind == F_NATIVE_EXTENSION)
			replaced = 1;
	if (pr.kind == PR_POLYFILL && p->n_native && !replaced) {
		struct finding *f = add_finding(a, p, F_PACKAGE_RULE, V_POLYFILL, NULL, NULL, 0, 0,
						"the target replaces this package's native code with a polyfill");
		f->remedy_kind = RK_POLYFILL;
		f->remedy = adup(a, pr.note);
		f->rule_id = adup(a, pr.rule_id);
	} else if (pr.kind != PR_NONE && !p->n_native && !(d->kind == DIST_SDIST && d->build.needs_native)) {
		/* a rule about a package whose files show no native code */
		struct finding *f = add_finding(a, p, F_PACKAGE_RULE, V_COMPATIBLE, NULL, NULL, 0, 0,
						pr.kind == PR_VARIANT ? "the target also ships a build of this package"
						: pr.kind == PR_POLYFILL ? "the target replaces this package with a polyfill"
						: "the rules list this package as unsupported, but no native code was found in it");
		f->remedy_kind = RK_NOTE;
		f->remedy = adup(a, pr.note);
		f->rule_id = adup(a, pr.rule_id);
	}
	graph_release(&g);
	arena_release(&tmp);
	return p;
}

static int cmp_package(const void *x, const void *y)
{
	const struct package_report *a = x, *b = y;
	int c;

	if (a->verdict != b->verdict)
		return (int)b->verdict - (int)a->verdict;
	if ((c = strcmp(a->normalized, b->normalized)))
		return c;
	return strcmp(a->version ? a->version : "", b->version ? b->version : "");
}

/* The same distribution given twice (two copies of a wheel, or a
 * .dist-info and an .egg-info of one version) is one row: the first. */
static void drop_duplicates(struct audit *a)
{
	size_t out = 0;

	for (size_t i = 0; i < a->packages.n; i++) {
		struct package_report *p = &a->packages.v[i];
		int dup = 0;
		for (size_t k = 0; k < out && !dup; k++) {
			const struct package_report *q = &a->packages.v[k];
			dup = q->kind != DIST_APP && p->kind != DIST_APP && q->version && p->version &&
			      !strcmp(q->normalized, p->normalized) && !strcmp(q->version, p->version);
		}
		if (dup) {
			VEC_FREE(&p->findings);
			VEC_FREE(&p->external);
			continue;
		}
		if (out != i)
			a->packages.v[out] = *p;
		out++;
	}
	a->packages.n = out;
}

void audit_finish(struct audit *a)
{
	struct strmap byname = STRMAP_INIT;

	drop_duplicates(a);

	for (size_t i = 0; i < a->packages.n; i++) {
		struct strmap_entry *e;
		int created;
		if ((e = strmap_put(&byname, a->packages.v[i].normalized, &created)) && created)
			e->value = (void *)(uintptr_t)(i + 1);
	}
	for (size_t i = 0; i < a->packages.n; i++) {
		struct package_report *p = &a->packages.v[i];

		for (size_t k = 0; k < p->external.n; k++) {
			struct finding *x = &p->external.v[k], *f;
			const char *dot = strchr(x->module, '.');
			char *top = dot ? xstrndup(x->module, (size_t)(dot - x->module)) : xstrdup(x->module);
			int have = audit_owner(&a->provided, x->module) != NULL;
			free(top);
			if (have)
				continue;
			f = add_finding(a, p, F_MISSING_MODULE, V_COMPATIBLE, x->module, x->locs[0].file,
					x->locs[0].line, x->locs[0].kinds,
					arena_printf(&a->arena, "'%s' is imported when the package loads, but no scanned distribution provides it and the stdlib lacks it",
						     x->module));
			if (f) {
				f->why = x->why;
				f->n_why = x->n_why;
				f->remedy_kind = RK_NOTE;
				f->remedy = "add the distribution that provides it to the audit (or its requirements)";
			}
		}
		audit_not_audited(a, p, &byname);
		p->verdict = V_COMPATIBLE;
		for (size_t k = 0; k < p->findings.n; k++)
			if (p->findings.v[k].severity > p->verdict)
				p->verdict = p->findings.v[k].severity;
		p->own_verdict = p->verdict;
		if (p->findings.n)
			qsort(p->findings.v, p->findings.n, sizeof(*p->findings.v), cmp_finding);
		group_findings(a, p);
	}
	audit_roll_up(a);
	strmap_release(&byname);
	/* worst first, then by name: the order both reports promise */
	if (a->packages.n)
		qsort(a->packages.v, a->packages.n, sizeof(*a->packages.v), cmp_package);
}

void audit_counts(const struct audit *a, size_t counts[5])
{
	memset(counts, 0, sizeof(size_t) * 5);
	for (size_t i = 0; i < a->packages.n; i++)
		counts[a->packages.v[i].verdict]++;
}

enum verdict audit_worst(const struct audit *a)
{
	enum verdict w = V_COMPATIBLE;
	for (size_t i = 0; i < a->packages.n; i++)
		if (a->packages.v[i].verdict > w)
			w = a->packages.v[i].verdict;
	return w;
}
