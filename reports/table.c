/* table.c: the supported-packages table's model: rows per distribution,
 * the type a scan shows, and each target's cell put in the seed's words from
 * an audit's report. It decides no verdict (the audit did) and renders
 * nothing (table_render.c does); reading a table back is table_read.c. */
#include "report.h"

#include <string.h>

void table_init(struct table *t)
{
	memset(t, 0, sizeof(*t));
}

void table_release(struct table *t)
{
	VEC_FREE(&t->rows);
	VEC_FREE(&t->polyfills);
	arena_release(&t->arena);
}

static const char *tdup(struct table *t, const char *s)
{
	return s ? arena_strdup(&t->arena, s) : NULL;
}

/* a copy of v[0..n) and its strings in t's arena */
static const char **tdupv(struct table *t, const char *const *v, size_t n)
{
	const char **out = arena_alloc(&t->arena, sizeof(*out) * (n ? n : 1));
	for (size_t i = 0; i < n; i++)
		out[i] = tdup(t, v[i]);
	return out;
}

void table_set_provides(struct table *t, struct table_row *row, const char *const *names, size_t n)
{
	row->provides = tdupv(t, names, n);
	row->n_provides = n;
}

int table_target(struct table *t, const char *name)
{
	for (size_t i = 0; i < t->n_targets; i++)
		if (!strcmp(t->targets[i], name))
			return (int)i;
	if (t->n_targets == TABLE_MAX_TARGETS)
		return -1;
	t->targets[t->n_targets] = tdup(t, name);
	return (int)t->n_targets++;
}

static int same(const char *a, const char *b)
{
	return !strcmp(a ? a : "", b ? b : "");
}

struct table_row *table_row(struct table *t, const char *name, const char *normalized,
			    const char *version)
{
	struct table_row *r;

	for (size_t i = t->rows.n; i-- > 0;)
		if (same(t->rows.v[i].normalized, normalized) && same(t->rows.v[i].version, version))
			return &t->rows.v[i];
	r = VEC_PUSH(&t->rows);
	memset(r, 0, sizeof(*r));
	r->name = tdup(t, name);
	r->normalized = tdup(t, normalized);
	r->version = tdup(t, version);
	r->type = "pure Python";
	r->size_gzip = -1;
	return r;
}

/* ------------------------------------------------------------ type */

void table_set_type(struct table *t, struct table_row *row, const struct distribution *d)
{
	unsigned flavor = 0;
	size_t n_native = 0, n_source = 0, n_pyc = 0, n_cython = 0, n_plain_c = 0;
	const unsigned special = FLAVOR_PYO3 | FLAVOR_RUST | FLAVOR_PYBIND11 | FLAVOR_NANOBIND |
				 FLAVOR_CFFI | FLAVOR_CYTHON | FLAVOR_MYPYC;
	struct strbuf mods = STRBUF_INIT;
	const char *lang = "C";

	for (size_t i = 0; i < d->modules.n; i++) {
		const struct module *m = &d->modules.v[i];
		if (m->type == MOD_NATIVE) {
			flavor |= m->native.flavor;
			n_cython += !!(m->native.flavor & FLAVOR_CYTHON);
			n_plain_c += !(m->native.flavor & special);
			if (n_native++ < 3)
				strbuf_addf(&mods, "%s%s", n_native > 1 ? ", " : "", m->name);
		} else if (m->type == MOD_SOURCE) {
			n_source++;
		} else {
			n_pyc++;
		}
	}
	if (n_native > 3)
		strbuf_addf(&mods, ", +%zu", n_native - 3);
	if (n_native) {
		if (flavor & (FLAVOR_PYO3 | FLAVOR_RUST)) {
			row->type = "Rust/PyO3";
			lang = "Rust";
		} else if (flavor & (FLAVOR_PYBIND11 | FLAVOR_NANOBIND)) {
			row->type = "C++ (pybind11/nanobind)";
			lang = "C++";
		} else if (flavor & FLAVOR_CFFI) {
			row->type = "cffi";
			lang = "C (cffi)";
		} else if ((flavor & FLAVOR_CYTHON) && n_plain_c) {
			/* numpy: C extensions with a few Cython ones beside them */
			row->type = "C + Cython";
			lang = "C + Cython";
		} else if (flavor & FLAVOR_CYTHON) {
			row->type = "Cython";
			lang = "Cython";
		} else if (flavor & FLAVOR_MYPYC) {
			row->type = "C extension (mypyc)";
			lang = "C (mypyc)";
		} else {
			row->type = "C extension";
		}
		/* a Rust extension beside a cffi one (cryptography) says both */
		if ((flavor & (FLAVOR_PYO3 | FLAVOR_RUST)) && (flavor & FLAVOR_CFFI))
			row->type = "Rust/PyO3 + cffi";
		row->original = arena_printf(&t->arena, "%s (%s)", lang, mods.buf);
	} else if (d->kind == DIST_SDIST && d->build.needs_native) {
		const char *b = d->build.backend ? d->build.backend : "";
		row->type = strstr(b, "maturin") || strstr(b, "setuptools_rust") ? "Rust/PyO3 (sdist: needs a build)"
										: "C extension (sdist: needs a build)";
	} else if (n_pyc && !n_source) {
		row->type = "bytecode only";
	} else {
		row->type = "pure Python";
	}
	strbuf_release(&mods);
}

/* ------------------------------------------------------------ cells */

/* "C _xxhash replaced by a polyfill that uses X" -> "a polyfill that uses X" */
static const char *polyfill_words(const char *note)
{
	const char *p;

	if (!note)
		return NULL;
	if ((p = strstr(note, "replaced by ")))
		return p + strlen("replaced by ");
	return note;
}

static void add_unique(struct strbuf *sb, const char *sep, const char *s)
{
	const char *p;
	size_t n;

	if (!s || !*s)
		return;
	n = strlen(s);
	for (p = sb->buf; (p = strstr(p, s)); p += n)
		if ((p == sb->buf || !strncmp(p - strlen(sep), sep, strlen(sep))) &&
		    (!p[n] || !strncmp(p + n, sep, strlen(sep))))
			return;
	if (sb->len)
		strbuf_addstr(sb, sep);
	strbuf_addstr(sb, s);
}

/* stdlib modules by status: "polyfilled: logging, binascii" */
static void module_list(struct strbuf *sb, const struct package_report *p, enum finding_kind k,
			enum verdict sev)
{
	struct strbuf m = STRBUF_INIT;

	for (size_t i = 0; i < p->findings.n; i++) {
		const struct finding *f = &p->findings.v[i];
		/* notes name what runs when the package loads, not what a
		 * function imports later */
		if (f->kind == k && f->severity == sev && f->module &&
		    (sev > V_COMPATIBLE || (f->n_locs && (f->locs[0].kinds & EDGE_EAGER) &&
					    !(f->locs[0].kinds & EDGE_GUARDED)))) {
			const char *dot = strchr(f->module, '.');
			char *top = dot ? xstrndup(f->module, (size_t)(dot - f->module)) : xstrdup(f->module);
			add_unique(&m, ", ", top);
			free(top);
		}
	}
	if (m.len)
		strbuf_add(sb, m.buf, m.len);
	strbuf_release(&m);
}

static const char *version_words(struct table *t, int vcmp, const char *theirs, const char *ours,
				 int requested)
{
	if (vcmp == 2 || vcmp == 0 || !theirs || !ours)
		return "";
	return arena_printf(&t->arena, " (%s than %s %s)", vcmp < 0 ? "older" : "newer",
			    requested ? "requested" : "scanned", ours);
}

/* 2: its why-chain is eager all the way; 1: some chain reaches it; 0: none */
static int reach_rank(const struct finding *f)
{
	if (!f->n_why)
		return 0;
	for (size_t i = 0; i < f->n_why; i++)
		if (!(f->why[i].kinds & EDGE_EAGER) || (f->why[i].kinds & EDGE_LAZY))
			return 1;
	return 2;
}

void table_set_cell(struct table *t, struct table_row *row, size_t ti, const struct package_report *p,
		    const struct package_rule *pr, int vcmp, int requested)
{
	struct table_cell *c = &row->cells[ti];
	struct strbuf how = STRBUF_INIT, notes = STRBUF_INIT, sb = STRBUF_INIT;
	enum verdict v = p->own_verdict;
	const struct finding *worst = NULL;

	memset(c, 0, sizeof(*c));
	c->present = 1;
	c->verdict = c->own_verdict = v;
	c->depends = tdupv(t, p->depends, p->n_depends);
	c->n_depends = p->n_depends;
	c->loads = arena_alloc(&t->arena, sizeof(*c->loads) * (p->external.n ? p->external.n : 1));
	for (size_t i = 0; i < p->external.n; i++) { /* each once, first seen first */
		const char *m = p->external.v[i].module;
		size_t k = 0;
		while (k < c->n_loads && strcmp(c->loads[k], m))
			k++;
		if (k == c->n_loads)
			c->loads[c->n_loads++] = tdup(t, m);
	}
	for (size_t i = 0; i < p->findings.n; i++) {
		const struct finding *f = &p->findings.v[i];
		if (f->kind == F_NATIVE_EXTENSION && f->remedy_kind == RK_FALLBACK)
			c->fallback = 1;
		/* the finding that decided it: one importing the package reaches
		 * eagerly, then one some import reaches, then any */
		if (f->severity == v && f->kind != F_MISSING_MODULE && (!worst || reach_rank(f) > reach_rank(worst)))
			worst = f;
	}
	switch (v) {
	case V_COMPATIBLE:
		strbuf_addstr(&how, "pure Python");
		break;
	case V_FALLBACK:
		strbuf_addstr(&how, "pure Python fallback");
		break;
	case V_POLYFILL:
		if (pr && pr->kind == PR_POLYFILL) {
			strbuf_addf(&how, "polyfilled: %s", polyfill_words(pr->note) ? polyfill_words(pr->note)
										   : "the target's polyfill");
		} else {
			module_list(&sb, p, F_POLYFILLED_MODULE, V_POLYFILL);
			strbuf_addf(&how, "polyfilled: stdlib %s (partial)", sb.len ? sb.buf : "module");
		}
		break;
	case V_VARIANT:
		if (pr && pr->variant_file && ends_with(pr->variant_file, ".wasm"))
			strbuf_addf(&how, "compiled to WASM variant (%s)%s", pr->variant_file,
				    version_words(t, vcmp, pr->variant_version, p->version, requested));
		else if (pr && pr->variant_version)
			strbuf_addf(&how, "Pyodide build %s%s", pr->variant_version,
				    version_words(t, vcmp, pr->variant_version, p->version, requested));
		else
			strbuf_addstr(&how, "prebuilt variant");
		if (pr && vcmp != 2 && vcmp != 0 && pr->variant_version)
			add_unique(&notes, "; ", arena_printf(&t->arena, "the target runs %s %s, not %s: pin %s==%s to test what runs",
							      p->name, pr->variant_version, p->version,
							      p->normalized, pr->variant_version));
		break;
	case V_UNSUPPORTED:
		if (worst && (worst->kind == F_NATIVE_EXTENSION || worst->kind == F_NATIVE_LIBRARY) && worst->module)
			strbuf_addf(&how, "unsupported: needs native %s", worst->module);
		else if (worst && worst->kind == F_UNAVAILABLE_MODULE && worst->module)
			strbuf_addf(&how, "unsupported: needs %s (not on the target)", worst->module);
		else if (worst && worst->kind == F_SDIST_BUILD)
			strbuf_addstr(&how, "unsupported: needs a native build");
		else if (worst && worst->kind == F_PACKAGE_RULE && pr && pr->note)
			strbuf_addf(&how, "unsupported: %s", pr->note);
		else
			strbuf_addf(&how, "unsupported: %s", worst ? worst->message : "see pymode-audit");
		break;
	}
	/* the remedies of what decided the verdict, then the stdlib notes */
	for (size_t i = 0; v > V_COMPATIBLE && i < p->findings.n; i++) {
		const struct finding *f = &p->findings.v[i];
		/* what the how column says already is not repeated */
		if (f->severity == v && f->remedy && f->kind != F_MISSING_MODULE &&
		    f->remedy_kind != RK_VARIANT && !strstr(how.buf, f->remedy) &&
		    !(pr && pr->note && strstr(f->remedy, pr->note)))
			add_unique(&notes, "; ", f->remedy);
	}
	strbuf_reset(&sb);
	module_list(&sb, p, F_POLYFILLED_MODULE, V_COMPATIBLE);
	if (sb.len)
		add_unique(&notes, "; ", arena_printf(&t->arena, "stdlib polyfilled: %s", sb.buf));
	strbuf_reset(&sb);
	module_list(&sb, p, F_LIMITED_MODULE, V_COMPATIBLE);
	if (sb.len)
		add_unique(&notes, "; ", arena_printf(&t->arena, "limited: %s", sb.buf));
	c->how = tdup(t, how.buf);
	c->notes = notes.len ? tdup(t, notes.buf) : NULL;
	strbuf_release(&how);
	strbuf_release(&notes);
	strbuf_release(&sb);
}

void table_add_polyfill(struct table *t, const char *target, const char *package,
			const char *original, const char *polyfill)
{
	struct table_polyfill *p = VEC_PUSH(&t->polyfills);
	p->target = tdup(t, target);
	p->package = tdup(t, package);
	p->original = tdup(t, original);
	p->polyfill = tdup(t, polyfill);
}

/* ------------------------------------------------------------ order */

static int cmp_row(const void *x, const void *y)
{
	const struct table_row *a = x, *b = y;
	int c = strcmp(a->normalized, b->normalized);
	return c ? c : strcmp(a->version ? a->version : "", b->version ? b->version : "");
}

static int cmp_polyfill(const void *x, const void *y)
{
	const struct table_polyfill *a = x, *b = y;
	int c = strcmp(a->target, b->target);
	return c ? c : strcmp(a->package, b->package);
}

void table_sort(struct table *t)
{
	size_t k = 0;

	if (t->rows.n)
		qsort(t->rows.v, t->rows.n, sizeof(*t->rows.v), cmp_row);
	if (t->polyfills.n)
		qsort(t->polyfills.v, t->polyfills.n, sizeof(*t->polyfills.v), cmp_polyfill);
	for (size_t i = 0; i < t->polyfills.n; i++)
		if (!k || cmp_polyfill(&t->polyfills.v[k - 1], &t->polyfills.v[i]))
			t->polyfills.v[k++] = t->polyfills.v[i];
		else if (!t->polyfills.v[k - 1].original) /* a scanned original wins */
			t->polyfills.v[k - 1].original = t->polyfills.v[i].original;
	t->polyfills.n = k;
}

void table_merge(struct table *dst, const struct table *src)
{
	for (size_t i = 0; i < src->rows.n; i++) {
		const struct table_row *s = &src->rows.v[i];
		struct table_row *d = table_row(dst, s->name, s->normalized, s->version);
		d->type = tdup(dst, s->type);
		d->original = tdup(dst, s->original);
		if (s->size_gzip >= 0)
			d->size_gzip = s->size_gzip;
		table_set_provides(dst, d, s->provides, s->n_provides);
		for (size_t k = 0; k < src->n_targets; k++) {
			const struct table_cell *c = &s->cells[k];
			int ti = table_target(dst, src->targets[k]);
			if (!c->present || ti < 0)
				continue;
			d->cells[ti] = *c;
			d->cells[ti].how = tdup(dst, c->how);
			d->cells[ti].notes = tdup(dst, c->notes);
			d->cells[ti].check = tdup(dst, c->check);
			d->cells[ti].through = tdup(dst, c->through);
			d->cells[ti].depends = tdupv(dst, c->depends, c->n_depends);
			d->cells[ti].loads = tdupv(dst, c->loads, c->n_loads);
		}
	}
	for (size_t i = 0; i < src->polyfills.n; i++) {
		const struct table_polyfill *p = &src->polyfills.v[i];
		table_add_polyfill(dst, p->target, p->package, p->original, p->polyfill);
	}
}
