/* bundle.c: pymode-bundle's report as text, as the JSON document of
 * docs/bundle.md (pymode-bundle/1, also written as bundle.json), and the
 * --why chains. Renders what the shaker and the bundler computed; decides
 * nothing and prints nothing. */
#include "report.h"

#include <string.h>

void report_size(struct strbuf *sb, long long n)
{
	if (n < 1024)
		strbuf_addf(sb, "%lld B", n);
	else if (n < 1024 * 1024)
		strbuf_addf(sb, "%.1f KiB", n / 1024.0);
	else
		strbuf_addf(sb, "%.2f MiB", n / 1048576.0);
}

static void step_text(struct strbuf *out, const struct shaker *s, const struct shake_step *st)
{
	const char *to = s->modules.v[st->to].name;

	if (st->from < 0) {
		strbuf_addf(out, "  %s (%s%s%s)\n", to, shake_reason_name(st->how),
			    st->detail ? ": " : "", st->detail ? st->detail : "");
		return;
	}
	strbuf_addf(out, "  %s -> %s", s->modules.v[st->from].name, to);
	if (st->how == SR_IMPORT) {
		strbuf_addf(out, "  %s:%d (", st->file ? st->file : "?", st->line);
		report_kinds(out, st->kinds, ", ");
		if (st->detail) /* six.moves: "six.moves.queue is queue on Python 3 (six.py:NN)" */
			strbuf_addf(out, "; %s", st->detail);
		strbuf_addstr(out, ")\n");
	} else if (st->how == SR_CODEC) {
		strbuf_addf(out, "  %s:%d (codec name '%s')\n", st->file ? st->file : "?", st->line,
			    st->detail);
	} else if (st->how == SR_COMPUTED) {
		strbuf_addf(out, "  (kept: %s)\n", st->detail);
	} else {
		strbuf_addf(out, "  (%s%s%s)\n", shake_reason_name(st->how), st->detail ? ": " : "",
			    st->detail ? st->detail : "");
	}
}

int report_bundle_why(struct strbuf *out, const struct shaker *s, const char *module, int json)
{
	int idx = shaker_find(s, module);
	const struct shake_drop *d = shaker_drop_for(s, module);
	struct json j;

	if (json) {
		json_init(&j, out);
		json_begin_object(&j);
		json_kv_string(&j, "schema", "pymode-bundle-why/1");
		json_kv_string(&j, "module", module);
	}
	if (idx >= 0 && s->modules.v[idx].reached) {
		const struct shake_module *m = &s->modules.v[idx];
		size_t n;
		const struct shake_step **chain = shaker_why(s, idx, &n);
		if (json) {
			json_kv_bool(&j, "kept", m->kept);
			json_kv_string(&j, "origin", shake_origin_name(m->origin));
			json_kv_string(&j, "provided_as", m->provided_as);
			json_key(&j, "chain");
			json_begin_array(&j);
			for (size_t i = 0; i < n; i++) {
				json_begin_object(&j);
				json_kv_string(&j, "from", chain[i]->from >= 0 ? s->modules.v[chain[i]->from].name : NULL);
				json_kv_string(&j, "to", s->modules.v[chain[i]->to].name);
				json_kv_string(&j, "file", chain[i]->file);
				json_kv_int(&j, "line", chain[i]->line);
				json_kv_string(&j, "how", shake_reason_name(chain[i]->how));
				json_key(&j, "kinds");
				json_begin_array(&j);
				for (unsigned b = 1; b <= EDGE_DYNAMIC; b <<= 1)
					if (chain[i]->kinds & b)
						json_string(&j, edge_kind_name(b));
				json_end_array(&j);
				json_kv_string(&j, "detail", chain[i]->detail);
				json_end_object(&j);
			}
			json_end_array(&j);
			json_end_object(&j);
			strbuf_addch(out, '\n');
		} else {
			if (m->kept)
				strbuf_addf(out, "%s is kept (%s, %s):\n", module, shake_origin_name(m->origin),
					    m->file ? m->file : "no file");
			else if (m->standin)
				strbuf_addf(out, "%s is not shipped: only a stand-in for a runtime polyfill needs it:\n",
					    module);
			else
				strbuf_addf(out, "%s is not shipped: the target provides it (%s); reached by:\n",
					    module, m->provided_as ? m->provided_as : "runtime");
			for (size_t i = 0; i < n; i++)
				step_text(out, s, chain[i]);
		}
		free((void *)chain);
		return m->kept;
	}
	if (json) {
		json_kv_bool(&j, "kept", 0);
		json_kv_string(&j, "dropped", d ? d->why : "never imported by anything reachable");
		json_kv_string(&j, "from", d ? d->from : NULL);
		json_kv_string(&j, "file", d ? d->file : NULL);
		json_kv_int(&j, "line", d ? d->line : 0);
		json_end_object(&j);
		strbuf_addch(out, '\n');
	} else if (d) {
		strbuf_addf(out, "%s is not kept: %s", module, d->why);
		if (d->from)
			strbuf_addf(out, " (imported by %s at %s:%d)", d->from, d->file ? d->file : "?", d->line);
		strbuf_addch(out, '\n');
	} else {
		strbuf_addf(out, "%s is not kept: nothing reachable from the entry imports it\n", module);
	}
	return 0;
}

static long long output_size(const struct bundle *b, const char *name, long long *raw)
{
	for (size_t i = 0; b && i < b->outputs.n; i++)
		if (!strcmp(b->outputs.v[i].name, name)) {
			if (raw)
				*raw = b->outputs.v[i].raw;
			return b->outputs.v[i].size;
		}
	if (raw)
		*raw = 0;
	return -1;
}

static void pct(struct strbuf *out, long long part, long long whole)
{
	strbuf_addf(out, "%5.1f%%", whole > 0 ? 100.0 * (double)part / (double)whole : 0.0);
}

const char *report_runtime_name(const struct bundle_report *r)
{
	struct arena *a = (struct arena *)&r->shaker->arena;
	const char *d = r->audit ? r->audit->target.description : NULL;
	const char *dash = d ? strstr(d, " - ") : NULL;

	if (r->profile_runtime)
		return arena_printf(a, "%s runtime", r->profile_runtime);
	/* "PyMode - CPython 3.13 on wasm32-wasi ...": the part before the dash */
	if (dash)
		return arena_printf(a, "%.*s runtime", (int)(dash - d), d);
	return arena_printf(a, "%s runtime", r->target);
}

void report_limit_used(struct strbuf *out, const struct bundle_report *r, const struct limit_result *lr)
{
	report_size(out, lr->used);
	strbuf_addstr(out, " used");
	if (!lr->limit->overhead)
		return;
	strbuf_addstr(out, " = ");
	report_size(out, lr->used - lr->limit->overhead);
	strbuf_addstr(out, " upload + ");
	report_size(out, lr->limit->overhead);
	strbuf_addf(out, " %s", report_runtime_name(r));
}

size_t report_bundle_warnings(const struct bundle_report *r)
{
	size_t n = 0;

	for (size_t i = 0; i < r->shaker->drops.n; i++)
		n += r->shaker->drops.v[i].hard != 0;
	return n;
}

void report_gate_headline(const struct bundle_report *r, struct gate_headline *h)
{
	memset(h, 0, sizeof(*h));
	h->warnings = report_bundle_warnings(r);
	for (size_t i = 0; i < r->n_verify; i++)
		h->verify_failed += r->verify[i].ran && !r->verify[i].ok;
	h->state = r->gate && r->gate->failures.n ? GATE_FAILED
		   : h->verify_failed		   ? GATE_VERIFY_FAILED
		   : h->warnings		   ? GATE_WARNINGS
						   : GATE_PASSED;
}

void report_gate_bold(struct strbuf *out, const struct gate_headline *h)
{
	switch (h->state) {
	case GATE_FAILED: strbuf_addstr(out, "Gate failed:"); break;
	case GATE_VERIFY_FAILED: strbuf_addstr(out, "Verify failed"); break;
	case GATE_WARNINGS:
		strbuf_addf(out, "Gate passed, with %zu warning%s", h->warnings, h->warnings == 1 ? "" : "s");
		break;
	case GATE_PASSED: strbuf_addstr(out, "Gate passed."); break;
	}
}

void report_gate_rest(struct strbuf *out, const struct gate_headline *h)
{
	switch (h->state) {
	case GATE_FAILED: break;
	case GATE_VERIFY_FAILED:
		strbuf_addf(out, " on %zu runtime%s (the sizes are within their limits and budgets)", h->verify_failed,
			    h->verify_failed == 1 ? "" : "s");
		break;
	case GATE_WARNINGS:
		strbuf_addf(out, ": the sizes are within their limits and budgets, but %s will fail when %s module loads:",
			    h->warnings == 1 ? "an import" : "imports", h->warnings == 1 ? "its" : "their");
		break;
	case GATE_PASSED:
		strbuf_addstr(out, " The sizes are within their limits and budgets; every import the bundle keeps resolves.");
		break;
	}
}

/* Total Upload as wrangler prints it, the outputs, the packages largest
 * first with their share, the limits with headroom, budgets and growth */
static void sizes_text(struct strbuf *out, const struct bundle_report *r)
{
	const struct bundle *b = r->bundle;
	const struct bundle_gate *g = r->gate;

	strbuf_addstr(out, "Total Upload: ");
	report_size(out, b->total_raw);
	strbuf_addstr(out, " / gzip: ");
	report_size(out, b->total_gzip);
	strbuf_addf(out, " / brotli (quality %d): ", SIZE_BROTLI_QUALITY);
	report_size(out, b->total_brotli);
	strbuf_addch(out, '\n');
	if (b->opt.runtime_stdlib) {
		const struct bundle_upload *u = &b->upload;
		strbuf_addf(out, "  as wrangler counts it: the %zu module%s it uploads (main's folder, python_modules/, "
				 "main last) in one gzip stream at level 6; brotli: each file alone\n",
			    u->n_modules, u->n_modules == 1 ? "" : "s");
		for (size_t i = 0; i < u->not_uploaded.n; i++)
			strbuf_addf(out, "  not uploaded: %s: no module rule of %s matches it, so the Worker cannot "
					 "read it (add a [[rules]] entry with a glob for it)\n",
				    u->not_uploaded.v[i], b->opt.wrangler ? path_basename(b->opt.wrangler->path)
									  : "wrangler's defaults");
		if (u->n_twice)
			strbuf_addf(out, "  main is at the project root: wrangler uploads %zu file%s of python_modules/ "
					 "twice (its walk of main's folder meets them too); put main in a folder (src/)\n",
				    u->n_twice, u->n_twice == 1 ? "" : "s");
		if (u->excluded.n)
			strbuf_addf(out, "  python_modules.exclude left out %zu file%s (%s, by '%s'%s)\n", u->excluded.n,
				    u->excluded.n == 1 ? "" : "s", u->excluded.v[0].path, u->excluded.v[0].glob,
				    u->excluded.n > 1 ? ", ..." : "");
	}
	for (size_t i = 0; i < b->outputs.n; i++) {
		const struct bundle_output *bo = &b->outputs.v[i];
		strbuf_addf(out, "  %-22s %5zu files  ", bo->name, bo->n_files);
		report_size(out, bo->size);
		strbuf_addstr(out, "  gzip ");
		report_size(out, bo->gzip);
		strbuf_addstr(out, "  brotli ");
		report_size(out, bo->brotli);
		strbuf_addch(out, '\n');
	}
	strbuf_addstr(out, "packages (each file compressed alone), largest first:\n");
	long long all = 0;
	for (size_t i = 0; i < b->packages.n; i++)
		all += b->packages.v[i].gzip;
	for (size_t i = 0; i < b->packages.n; i++) {
		const struct bundle_package *p = &b->packages.v[i];
		strbuf_addf(out, "  %-22s %5zu files  ", p->name, p->n_files);
		report_size(out, p->raw);
		strbuf_addstr(out, "  gzip ");
		report_size(out, p->gzip);
		strbuf_addstr(out, "  ");
		pct(out, p->gzip, all);
		strbuf_addch(out, '\n');
	}
	for (size_t i = 0; g && i < g->limits.n; i++) {
		const struct limit_result *lr = &g->limits.v[i];
		if (i == 0)
			strbuf_addf(out, "limits (%s):\n", r->target);
		strbuf_addf(out, "  %-16s ", lr->limit->name);
		report_size(out, lr->limit->bytes);
		strbuf_addf(out, " %s: ", lr->limit->measure);
		report_limit_used(out, r, lr);
		strbuf_addstr(out, lr->headroom < 0 ? ", OVER by " : ", headroom ");
		report_size(out, lr->headroom < 0 ? -lr->headroom : lr->headroom);
		strbuf_addf(out, "%s\n    (%s; %s)\n", lr->binds ? "  <- binds" : "", lr->limit->source,
			    lr->limit->date);
	}
	for (size_t i = 0; g && i < g->budgets.n; i++) {
		const struct budget_result *br = &g->budgets.v[i];
		strbuf_addf(out, "budget %s %s (%s): ", br->budget->what, br->budget->measure, br->budget->from);
		if (br->actual < 0) {
			strbuf_addstr(out, "no such package\n");
			continue;
		}
		report_size(out, br->actual);
		strbuf_addstr(out, " of ");
		report_size(out, br->budget->bytes);
		strbuf_addstr(out, br->actual > br->budget->bytes ? "  OVER\n" : "  ok\n");
	}
	for (size_t i = 0; g && i < g->growth.n; i++) {
		const struct growth *gr = &g->growth.v[i];
		if (i == 0)
			strbuf_addstr(out, "since the baseline (gzip):\n");
		strbuf_addf(out, "  %-22s ", gr->name);
		if (gr->before < 0)
			strbuf_addstr(out, "new  ");
		else if (gr->after < 0)
			strbuf_addstr(out, "gone ");
		if (gr->before >= 0 && gr->after >= 0) {
			long long d = gr->after - gr->before;
			strbuf_addstr(out, d >= 0 ? "+" : "-");
			report_size(out, d >= 0 ? d : -d);
			strbuf_addf(out, " (%+.1f%%)", gr->before ? 100.0 * (double)d / (double)gr->before : 0.0);
		} else {
			report_size(out, gr->after >= 0 ? gr->after : gr->before);
		}
		strbuf_addch(out, '\n');
	}
}

/* The i-th note on what the memory estimate leaves out (into sb, emptied
 * first); 0 past the last. */
/* a variant file as the text and md reports name it: the file's name, or
 * WHEEL/MEMBER for a wheel's side module */
static void variant_name(struct strbuf *out, const struct bundle_report *r, size_t i)
{
	const struct wasm_variant_info *w = &r->variant_info[i];

	if (w->archive)
		strbuf_addf(out, "%s/%s", path_basename(w->archive), w->member);
	else
		strbuf_addstr(out, path_basename(r->variant_paths[i]));
}

/* "env 6, GOT.mem 2" */
static void variant_imports(struct strbuf *out, const struct wasm_variant_info *w)
{
	for (size_t k = 0; k < w->n_import_modules; k++)
		strbuf_addf(out, "%s%s %zu", k ? ", " : "", w->import_modules[k].name, w->import_modules[k].count);
}

/* a side module's dylink.0: "memory 8320 bytes, aligned 16, table 2; needs
 * libfxhelper.so" (quote: around each name, for md) */
static void variant_dylink(struct strbuf *out, const struct wasm_variant_info *w, const char *quote)
{
	strbuf_addf(out, "memory %u bytes, aligned %llu, table %u", w->dylink.mem_size,
		    1ULL << w->dylink.mem_align, w->dylink.table_size);
	for (size_t k = 0; k < w->n_needed; k++)
		strbuf_addf(out, "%s%s%s%s", k ? ", " : "; needs ", quote, w->needed[k], quote);
}

/* "95.3 KiB -> 73.2 KiB (-23.2%)" */
static void optimized_str(struct strbuf *out, const struct wasm_variant_info *w)
{
	report_size(out, w->size);
	strbuf_addstr(out, " -> ");
	report_size(out, w->optimized_size);
	strbuf_addf(out, " (%+.1f%%)", w->size ? 100.0 * (double)(w->optimized_size - w->size) / (double)w->size : 0.0);
}

static int memory_note(const struct bundle_report *r, size_t i, struct strbuf *sb)
{
	const struct bundle_memory *m = r->memory;

	strbuf_reset(sb);
	if (m->stdlib_uncounted && i-- == 0) {
		strbuf_addf(sb, "the estimate leaves out the stdlib modules the app imports beyond the "
				"boot set of %s: no CPython 3.13 stdlib source to read them from (give "
				"--stdlib, set PYMODE_STDLIB or install python3.13)", r->target);
		return 1;
	}
	if (m->n_unsized && i-- == 0) {
		strbuf_addstr(sb, "not counted: ");
		for (size_t k = 0; k < m->n_unsized; k++)
			strbuf_addf(sb, "%s%s", k ? ", " : "", m->unsized[k]);
		strbuf_addstr(sb, m->n_unsized > 1 ? " (runtime builds" : " (a runtime build");
		strbuf_addstr(sb, " with no Python source in the wheel given: the size of what it loads is not known)");
		return 1;
	}
	return 0;
}

void report_memory_summary(struct strbuf *out, const struct bundle_report *r)
{
	const struct bundle_memory *m = r->memory;
	strbuf_addstr(out, "~");
	report_size(out, m->total_bytes);
	if (m->limit_bytes) {
		strbuf_addstr(out, " of ");
		report_size(out, m->limit_bytes);
	}
	strbuf_addstr(out, " (runtime ");
	report_size(out, m->runtime_bytes);
	strbuf_addstr(out, " + app ");
	report_size(out, m->estimate_bytes);
	strbuf_addstr(out, ", ");
	report_memory_band(m, out);
	if (m->peak_module)
		strbuf_addf(out, "; peak compiling %s", m->peak_module);
	else if (m->largest_module)
		strbuf_addf(out, "; largest module %s", m->largest_module);
	strbuf_addch(out, ')');
}

/* where a drop's import is, as the user finds it: an app file under the
 * app folder, a distribution's member as it is */
const char *report_drop_file(const struct bundle_report *r, const struct shake_drop *d)
{
	int fi = d->from ? shaker_find(r->shaker, d->from) : -1;

	if (!d->file)
		return "?";
	if (fi >= 0 && r->shaker->modules.v[fi].origin == SO_APP)
		return report_app_file((struct arena *)&r->audit->arena, r, d->file);
	return d->file;
}

const char *report_app_file(struct arena *a, const struct bundle_report *r, const char *file)
{
	const char *dir = r->app_dir;
	size_t n = dir ? strlen(dir) : 0;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (!n || file[0] == '/' || (n == 1 && dir[0] == '.'))
		return file;
	return arena_printf(a, "%.*s/%s", (int)n, dir, file);
}

/* 1 when some module of the distribution named key ships */
static int dist_shipped(const struct shaker *s, const char *key)
{
	for (size_t k = 0; k < s->dists.n; k++)
		if (s->dists.v[k].reached && s->dists.v[k].kind != DIST_APP && !strcmp(s->dists.v[k].normalized, key))
			return 1;
	return 0;
}

/* a line per package: its verdict, whether it ships, and why (the
 * blocking finding, through the dependency it rolls up from) */
static void verdicts_text(struct strbuf *out, const struct bundle_report *r)
{
	const struct audit *a = r->audit;

	if (!a || !a->packages.n)
		return;
	strbuf_addf(out, "verdicts (%s):\n", r->target);
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		strbuf_addf(out, "  %-11s %s%s%s, %s", verdict_name(p->verdict), p->name, p->version ? " " : "",
			    p->version ? p->version : "", dist_shipped(r->shaker, p->normalized) ? "shipped" : "not shipped");
		if (p->verdict > V_COMPATIBLE) {
			strbuf_addstr(out, ": ");
			report_blocker(out, a, p);
		}
		strbuf_addch(out, '\n');
	}
}

void report_bundle_text(struct strbuf *out, const struct bundle_report *r, const struct report_options *o)
{
	const struct shaker *s = r->shaker;
	size_t kept_std = 0, kept_site = 0, kept_app = 0, runtime = 0;

	for (size_t i = 0; i < s->modules.n; i++) {
		const struct shake_module *m = &s->modules.v[i];
		if (m->kept && m->origin == SO_STDLIB)
			kept_std++;
		else if (m->kept && m->origin == SO_SITE)
			kept_site++;
		else if (m->kept && m->origin == SO_APP)
			kept_app++;
		else if (m->reached && m->origin == SO_RUNTIME)
			runtime++;
	}
	if (r->app_name)
		strbuf_addf(out, "bundle of %s for %s: entry %s (%s)\n", r->app_name, r->target, r->entry_module,
			    r->entry_file);
	else
		strbuf_addf(out, "bundle for %s: entry %s (%s)\n", r->target, r->entry_module, r->entry_file);
	if (r->profile_python)
		strbuf_addf(out, "runtime: Python %s%s%s%s (%s)\n", r->profile_python,
			    r->profile_runtime ? " on " : "", r->profile_runtime ? r->profile_runtime : "", "",
			    r->profile_why ? r->profile_why : "");
	if (r->profile_note)
		strbuf_addf(out, "note: %s\n", r->profile_note);
	if (r->stdlib_source)
		strbuf_addf(out, "stdlib: CPython %s from %s%s\n", r->stdlib_version, r->stdlib_source,
			    s->opt.stdlib_in_runtime ? " (read for the memory estimate only: the runtime has its own)" : "");
	strbuf_addf(out, "modules: %zu app, %zu site-packages, %zu stdlib kept; %zu provided by the runtime\n",
		    kept_app, kept_site, kept_std, runtime);
	for (size_t i = 0; i < s->computed.n; i++) {
		const struct shake_computed *c = &s->computed.v[i];
		strbuf_addf(out, "computed-name load: %s (%s) keeps %d more module%s: %s\n",
			    s->modules.v[c->from].name, c->expr, c->n_kept, c->n_kept == 1 ? "" : "s", c->detail);
	}
	if (r->bundle)
		sizes_text(out, r);
	if (r->memory) {
		strbuf_addstr(out, "memory: ");
		report_memory_summary(out, r);
		strbuf_addch(out, '\n');
		struct strbuf note = STRBUF_INIT;
		for (size_t i = 0; memory_note(r, i, &note); i++)
			strbuf_addf(out, "memory: note: %s\n", note.buf);
		strbuf_release(&note);
	}
	for (size_t i = 0; i < r->n_variant_info; i++) {
		const struct wasm_variant_info *w = &r->variant_info[i];
		strbuf_addstr(out, "variant ");
		variant_name(out, r, i);
		strbuf_addstr(out, ": ");
		report_size(out, w->size);
		if (w->dylink.present) {
			strbuf_addstr(out, ", side module (dylink.0: ");
			variant_dylink(out, w, "");
			strbuf_addch(out, ')');
		}
		strbuf_addf(out, ", memory %lld..", w->initial_pages);
		if (w->max_pages >= 0)
			strbuf_addf(out, "%lld pages", w->max_pages);
		else
			strbuf_addstr(out, "(no maximum) pages");
		if (w->unread) {
			strbuf_addf(out, "%s; binaryen cannot read it (a feature newer than this binaryen, "
				    "or malformed): not validated or optimized\n", w->shared ? " shared" : "");
			continue;
		}
		strbuf_addf(out, "%s, %zu imports (", w->shared ? " shared" : "", w->n_imports);
		variant_imports(out, w);
		strbuf_addf(out, "), %zu exports", w->n_exports);
		if (w->optimized_size >= 0) {
			strbuf_addstr(out, ", -Oz: ");
			optimized_str(out, w);
		}
		strbuf_addch(out, '\n');
	}
	for (size_t i = 0; i < r->n_variant_notes; i++)
		strbuf_addf(out, "variant: note: %s\n", r->variant_notes[i]);
	for (size_t i = 0; i < r->n_variants; i++)
		strbuf_addf(out, "wasm variant: %s (the app's native code needs it)\n", r->variants[i]);
	verdicts_text(out, r);
	for (size_t i = 0; i < s->drops.n; i++) {
		const struct shake_drop *d = &s->drops.v[i];
		if (!d->hard && !(o && o->verbose))
			continue;
		strbuf_addf(out, "%s %s: %s", d->hard ? "warning: missing" : "dropped", d->name, d->why);
		if (d->from)
			strbuf_addf(out, " (%s at %s:%d)", d->from, report_drop_file(r, d), d->line);
		strbuf_addch(out, '\n');
	}
	for (size_t i = 0; i < r->n_verify; i++) {
		const struct verify_result *v = &r->verify[i];
		if (!v->ran)
			strbuf_addf(out, "verify %s: %s%s\n", v->runtime,
				    starts_with(v->skipped, "not conclusive") ? "" : "skipped: ", v->skipped);
		else if (v->ok) {
			size_t n = v->result ? strlen(v->result) : 0;
			strbuf_addf(out, "verify %s: ok", v->runtime);
			if (v->has_response)
				strbuf_addf(out, ", %s answered %d (%lld bytes)", v->handler ? v->handler : "the handler",
					    v->status, v->body_bytes);
			else if (v->result)
				strbuf_addf(out, ", returned %.*s%s", n > 72 ? 72 : (int)n, v->result,
					    n > 72 ? "..." : "");
			else if (!v->handler)
				strbuf_addstr(out, ", imported (no handler: no class Default with fetch, no on_fetch)");
			strbuf_addch(out, '\n');
			if (v->note)
				strbuf_addf(out, "  note: %s\n", v->note);
		}
		else {
			strbuf_addf(out, "verify %s: FAILED: %s%s%s: %s\n", v->runtime,
				    v->handler ? v->handler : "", v->handler ? " raised " : "",
				    v->error_type ? v->error_type : "error", v->message ? v->message : "");
			if (v->frame)
				strbuf_addf(out, "  at %s%s%s%s\n", v->frame, v->frame_dist ? " (" : "",
					    v->frame_dist ? v->frame_dist : "", v->frame_dist ? ")" : "");
			if (v->kept_by)
				strbuf_addf(out, "  %s\n", v->kept_by);
		}
	}
}

static void json_size_pair(struct json *j, const char *key, long long v)
{
	json_kv_int(j, key, v);
}

static void size3(struct json *j, const char *key, long long raw, long long gzip, long long brotli)
{
	if (key)
		json_key(j, key);
	json_begin_object(j);
	json_kv_int(j, "raw", raw);
	json_kv_int(j, "gzip", gzip);
	json_kv_int(j, "brotli", brotli);
	json_end_object(j);
}

/* bundle.sizes, bundle.limits, bundle.budget (docs/bundle.md) */
static void sizes_json(struct json *j, const struct bundle_report *r)
{
	const struct bundle *b = r->bundle;
	const struct bundle_gate *g = r->gate;
	long long all = 0;

	json_key(j, "sizes");
	json_begin_object(j);
	size3(j, "total", b->total_raw, b->total_gzip, b->total_brotli);
	if (b->opt.runtime_stdlib) {
		const struct bundle_upload *u = &b->upload;
		json_key(j, "upload");
		json_begin_object(j);
		json_kv_int(j, "modules", (long long)u->n_modules);
		json_kv_int(j, "uploaded_twice", (long long)u->n_twice);
		json_kv_int(j, "raw", u->raw);
		json_kv_int(j, "gzip", u->gzip);
		json_kv_string(j, "gzip_method", "wrangler: one gzip stream, level 6, over the modules in upload order");
		json_key(j, "not_uploaded");
		json_begin_array(j);
		for (size_t i = 0; i < u->not_uploaded.n; i++)
			json_string(j, u->not_uploaded.v[i]);
		json_end_array(j);
		json_key(j, "excluded");
		json_begin_array(j);
		for (size_t i = 0; i < u->excluded.n; i++) {
			json_begin_object(j);
			json_kv_string(j, "path", u->excluded.v[i].path);
			json_kv_string(j, "glob", u->excluded.v[i].glob);
			json_end_object(j);
		}
		json_end_array(j);
		json_end_object(j);
	}
	json_kv_int(j, "largest_file", b->largest_file);
	json_kv_int(j, "gzip_level", SIZE_GZIP_LEVEL);
	json_kv_int(j, "brotli_quality", SIZE_BROTLI_QUALITY);
	json_key(j, "outputs");
	json_begin_array(j);
	for (size_t i = 0; i < b->outputs.n; i++) {
		const struct bundle_output *o = &b->outputs.v[i];
		json_begin_object(j);
		json_kv_string(j, "name", o->name);
		json_kv_int(j, "files", (long long)o->n_files);
		json_kv_int(j, "raw", o->size);
		json_kv_int(j, "gzip", o->gzip);
		json_kv_int(j, "brotli", o->brotli);
		json_kv_int(j, "content_raw", o->raw);
		json_end_object(j);
	}
	json_end_array(j);
	for (size_t i = 0; i < b->packages.n; i++)
		all += b->packages.v[i].gzip;
	json_key(j, "packages");
	json_begin_array(j);
	for (size_t i = 0; i < b->packages.n; i++) {
		const struct bundle_package *p = &b->packages.v[i];
		json_begin_object(j);
		json_kv_string(j, "name", p->name);
		json_kv_int(j, "files", (long long)p->n_files);
		json_kv_int(j, "raw", p->raw);
		json_kv_int(j, "gzip", p->gzip);
		json_kv_int(j, "brotli", p->brotli);
		json_key(j, "share");
		json_double(j, all ? (double)p->gzip / (double)all : 0.0);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "files");
	json_begin_array(j);
	for (size_t i = 0; i < b->entries.n; i++) {
		const struct bundle_entry *e = &b->entries.v[i];
		json_begin_object(j);
		json_kv_string(j, "output", e->output);
		json_kv_string(j, "path", e->path);
		json_kv_string(j, "package", e->dist);
		json_kv_int(j, "raw", e->raw);
		json_kv_int(j, "stored", e->stored);
		json_kv_int(j, "gzip", e->gzip);
		json_kv_int(j, "brotli", e->brotli);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
	json_key(j, "limits");
	json_begin_array(j);
	for (size_t i = 0; g && i < g->limits.n; i++) {
		const struct limit_result *lr = &g->limits.v[i];
		json_begin_object(j);
		json_kv_string(j, "name", lr->limit->name);
		json_kv_string(j, "measure", lr->limit->measure);
		json_kv_int(j, "bytes", lr->limit->bytes);
		json_kv_int(j, "overhead", lr->limit->overhead);
		json_kv_string(j, "overhead_of", lr->limit->overhead ? report_runtime_name(r) : NULL);
		json_kv_int(j, "used", lr->used);
		json_kv_int(j, "upload", lr->used - lr->limit->overhead);
		json_kv_int(j, "headroom", lr->headroom);
		json_kv_bool(j, "over", lr->headroom < 0);
		json_kv_bool(j, "binds", lr->binds);
		json_kv_string(j, "source", lr->limit->source);
		json_kv_string(j, "date", lr->limit->date);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "budget");
	json_begin_object(j);
	json_key(j, "budgets");
	json_begin_array(j);
	for (size_t i = 0; g && i < g->budgets.n; i++) {
		const struct budget_result *br = &g->budgets.v[i];
		json_begin_object(j);
		json_kv_string(j, "what", br->budget->what);
		json_kv_string(j, "measure", br->budget->measure);
		json_kv_int(j, "bytes", br->budget->bytes);
		json_kv_string(j, "from", br->budget->from);
		json_kv_int(j, "actual", br->actual);
		json_kv_bool(j, "over", br->actual < 0 || br->actual > br->budget->bytes);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "growth");
	json_begin_array(j);
	for (size_t i = 0; g && i < g->growth.n; i++) {
		json_begin_object(j);
		json_kv_string(j, "name", g->growth.v[i].name);
		json_kv_int(j, "before", g->growth.v[i].before);
		json_kv_int(j, "after", g->growth.v[i].after);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "new_blockers");
	json_begin_array(j);
	for (size_t i = 0; g && i < g->new_blockers.n; i++)
		json_string(j, g->new_blockers.v[i]);
	json_end_array(j);
	json_key(j, "failures");
	json_begin_array(j);
	for (size_t i = 0; g && i < g->failures.n; i++)
		json_string(j, g->failures.v[i]);
	json_end_array(j);
	json_kv_bool(j, "failed", g && g->failures.n > 0);
	json_end_object(j);
}

/* the --variants table and notes, for md.c */
void report_bundle_variants_md(struct strbuf *out, const struct bundle_report *r)
{
	if (r->n_variant_info)
		strbuf_addstr(out, "\n| wasm variant | size | -Oz | memory (pages) | side module (dylink.0) | imports | exports |\n"
			      "|---|---:|---:|---|---|---|---:|\n");
	for (size_t i = 0; i < r->n_variant_info; i++) {
		const struct wasm_variant_info *w = &r->variant_info[i];
		strbuf_addstr(out, "| `");
		variant_name(out, r, i);
		strbuf_addstr(out, "` | ");
		report_size(out, w->size);
		strbuf_addstr(out, " | ");
		if (w->optimized_size >= 0)
			optimized_str(out, w);
		strbuf_addf(out, " | %lld..", w->initial_pages);
		if (w->max_pages >= 0)
			strbuf_addf(out, "%lld", w->max_pages);
		strbuf_addf(out, "%s | ", w->shared ? " shared" : "");
		if (w->dylink.present)
			variant_dylink(out, w, "`");
		strbuf_addstr(out, " | ");
		if (w->unread) {
			strbuf_addstr(out, "binaryen cannot read it: not validated | |\n");
			continue;
		}
		variant_imports(out, w);
		strbuf_addf(out, " | %zu |\n", w->n_exports);
	}
	if (r->n_variant_notes)
		strbuf_addch(out, '\n');
	for (size_t i = 0; i < r->n_variant_notes; i++)
		strbuf_addf(out, "- note: %s\n", r->variant_notes[i]);
}

void report_memory_band(const struct bundle_memory *m, struct strbuf *sb)
{
	if (m->band_apps)
		strbuf_addf(sb, "%+d%%/%+d%% on %d held-out apps", (m->band_low_permille - 5) / 10,
			    (m->band_high_permille + 5) / 10, m->band_apps);
	else
		strbuf_addf(sb, "no measured band on this profile (%s's model)",
			    m->model_profile ? m->model_profile : "no");
}

int report_memory_note(const struct bundle_report *r, size_t i, struct strbuf *sb)
{
	return memory_note(r, i, sb);
}

void report_bundle_json(struct strbuf *out, const struct bundle_report *r)
{
	const struct shaker *s = r->shaker;
	struct json j;
	long long raw;

	json_init(&j, out);
	json_begin_object(&j);
	json_kv_string(&j, "schema", BUNDLE_SCHEMA);
	json_kv_string(&j, "target", r->target);
	json_kv_string(&j, "app", r->app_name);
	json_kv_string(&j, "entry", r->entry_module);
	json_kv_string(&j, "entry_file", r->entry_file);
	json_key(&j, "profile");
	if (r->profile_python) {
		json_begin_object(&j);
		json_kv_string(&j, "python", r->profile_python);
		json_kv_string(&j, "runtime", r->profile_runtime);
		json_kv_string(&j, "why", r->profile_why);
		json_kv_string(&j, "note", r->profile_note);
		json_end_object(&j);
	} else {
		json_null(&j);
	}
	json_key(&j, "stdlib");
	if (r->stdlib_source) {
		json_begin_object(&j);
		json_kv_string(&j, "source", r->stdlib_source);
		json_kv_string(&j, "version", r->stdlib_version);
		/* cf-python-workers: read for the memory estimate, the runtime's own */
		json_kv_bool(&j, "shipped", !s->opt.stdlib_in_runtime);
		json_end_object(&j);
	} else {
		json_null(&j);
	}
	json_key(&j, "packages");
	json_begin_array(&j);
	for (size_t i = 0; r->audit && i < r->audit->packages.n; i++) {
		const struct package_report *p = &r->audit->packages.v[i];
		int shipped = 0;
		for (size_t k = 0; k < s->dists.n; k++)
			if (s->dists.v[k].reached && s->dists.v[k].kind != DIST_APP &&
			    !strcmp(s->dists.v[k].normalized, p->normalized))
				shipped = 1;
		json_begin_object(&j);
		json_kv_string(&j, "name", p->name);
		json_kv_string(&j, "version", p->version);
		json_kv_string(&j, "verdict", verdict_name(p->verdict));
		json_kv_bool(&j, "shipped", shipped);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "bundle");
	json_begin_object(&j);
	json_key(&j, "files");
	json_begin_array(&j);
	for (size_t i = 0; r->bundle && i < r->bundle->outputs.n; i++) {
		const struct bundle_output *bo = &r->bundle->outputs.v[i];
		json_begin_object(&j);
		json_kv_string(&j, "name", bo->name);
		json_kv_int(&j, "files", (long long)bo->n_files);
		json_size_pair(&j, "raw", bo->raw);
		json_size_pair(&j, "size", bo->size);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_kv_int(&j, "stdlib_zip", output_size(r->bundle, "stdlib.zip", &raw));
	json_kv_int(&j, "stdlib_raw", raw);
	if (r->bundle)
		sizes_json(&j, r);
	json_key(&j, "memory");
	if (r->memory) {
		json_begin_object(&j);
		json_kv_int(&j, "runtime_bytes", r->memory->runtime_bytes);
		json_kv_int(&j, "estimate_bytes", r->memory->estimate_bytes);
		json_kv_int(&j, "total_bytes", r->memory->total_bytes);
		json_kv_int(&j, "limit_bytes", r->memory->limit_bytes);
		json_kv_int(&j, "modules_bytes", r->memory->modules_bytes);
		json_kv_int(&j, "variant_bytes", r->memory->variant_bytes);
		json_kv_int(&j, "modules", r->memory->in.modules);
		json_kv_int(&j, "source_bytes", r->memory->in.source_bytes);
		json_kv_int(&j, "largest_tokens", r->memory->in.largest_tokens);
		json_kv_int(&j, "lazy_modules", r->memory->in.lazy_modules);
		json_kv_int(&j, "lazy_source_bytes", r->memory->in.lazy_source_bytes);
		json_key(&j, "held_out_error");
		json_begin_object(&j);
		json_kv_int(&j, "low_permille", r->memory->band_low_permille);
		json_kv_int(&j, "high_permille", r->memory->band_high_permille);
		json_kv_int(&j, "apps", r->memory->band_apps);
		json_kv_string(&j, "profile", r->memory->model_profile);
		json_end_object(&j);
		json_kv_string(&j, "largest_module", r->memory->largest_module);
		json_kv_string(&j, "peak_module", r->memory->peak_module);
		/* the counted modules in the order they load: the model's walk */
		json_key(&j, "loads");
		json_begin_array(&j);
		for (size_t i = 0; i < r->memory->in.n_loads; i++) {
			const struct memory_load *l = &r->memory->in.loads[i];
			json_begin_array(&j);
			json_string(&j, l->name);
			json_int(&j, l->tokens);
			json_int(&j, l->bytes);
			json_int(&j, l->operands);
			json_int(&j, l->strings);
			json_int(&j, l->seq_consts);
			json_int(&j, l->comps);
			json_end_array(&j);
		}
		json_end_array(&j);
		json_kv_int(&j, "runtime_stdlib_modules", r->memory->runtime_stdlib_modules);
		json_kv_int(&j, "runtime_package_modules", r->memory->runtime_dist_modules);
		json_kv_bool(&j, "stdlib_counted", !r->memory->stdlib_uncounted);
		json_key(&j, "notes");
		json_begin_array(&j);
		struct strbuf note = STRBUF_INIT;
		for (size_t i = 0; memory_note(r, i, &note); i++)
			json_string(&j, note.buf);
		strbuf_release(&note);
		json_end_array(&j);
		json_end_object(&j);
	} else {
		json_null(&j);
	}
	json_key(&j, "variant_files");
	json_begin_array(&j);
	for (size_t i = 0; i < r->n_variant_info; i++) {
		const struct wasm_variant_info *w = &r->variant_info[i];
		json_begin_object(&j);
		json_kv_string(&j, "file", r->variant_paths[i]);
		json_kv_string(&j, "archive", w->archive);
		json_kv_string(&j, "member", w->member);
		json_kv_bool(&j, "valid", w->valid);
		json_kv_bool(&j, "binaryen_read", !w->unread);
		json_kv_int(&j, "size", w->size);
		json_kv_int(&j, "initial_pages", w->initial_pages);
		json_kv_int(&j, "max_pages", w->max_pages);
		json_kv_bool(&j, "shared", w->shared);
		json_kv_int(&j, "imports", (long long)w->n_imports);
		json_key(&j, "import_modules");
		json_begin_object(&j);
		for (size_t k = 0; k < w->n_import_modules; k++)
			json_kv_int(&j, w->import_modules[k].name, (long long)w->import_modules[k].count);
		json_end_object(&j);
		json_kv_int(&j, "exports", (long long)w->n_exports);
		json_kv_int(&j, "functions", (long long)w->n_functions);
		json_kv_int(&j, "data_segments", (long long)w->n_data_segments);
		json_kv_int(&j, "data_bytes", w->data_bytes);
		json_key(&j, "dylink");
		if (w->dylink.present) {
			json_begin_object(&j);
			json_kv_int(&j, "memory_size", w->dylink.mem_size);
			json_kv_int(&j, "memory_alignment", 1LL << w->dylink.mem_align);
			json_kv_int(&j, "table_size", w->dylink.table_size);
			json_kv_int(&j, "table_alignment", 1LL << w->dylink.table_align);
			json_key(&j, "needed");
			json_begin_array(&j);
			for (size_t k = 0; k < w->n_needed; k++)
				json_string(&j, w->needed[k]);
			json_end_array(&j);
			json_end_object(&j);
		} else {
			json_null(&j);
		}
		json_key(&j, "optimized_size");
		if (w->optimized_size >= 0)
			json_int(&j, w->optimized_size);
		else
			json_null(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "variant_notes");
	json_begin_array(&j);
	for (size_t i = 0; i < r->n_variant_notes; i++)
		json_string(&j, r->variant_notes[i]);
	json_end_array(&j);
	json_key(&j, "variants");
	json_begin_array(&j);
	for (size_t i = 0; i < r->n_variants; i++)
		json_string(&j, r->variants[i]);
	json_end_array(&j);
	/* the runtime provides no packages any more (issue 19): kept, empty, for
	 * readers of pymode-bundle/1 */
	json_key(&j, "pyodide_packages");
	json_begin_array(&j);
	json_end_array(&j);
	json_end_object(&j);
	/* every module in the graph that was reached, with its reason */
	json_key(&j, "modules");
	json_begin_array(&j);
	for (size_t i = 0; i < s->modules.n; i++) {
		const struct shake_module *m = &s->modules.v[i];
		if (!m->reached)
			continue;
		json_begin_object(&j);
		json_kv_string(&j, "name", m->name);
		json_kv_string(&j, "origin", shake_origin_name(m->origin));
		json_kv_bool(&j, "kept", m->kept);
		if (m->provided_as)
			json_kv_string(&j, "provided_as", m->provided_as);
		if (m->standin)
			json_kv_bool(&j, "standin", 1);
		json_kv_string(&j, "file", m->file);
		json_kv_int(&j, "size", m->size);
		json_kv_string(&j, "reason", shake_reason_name(m->reason));
		if (m->via >= 0) {
			const struct shake_step *st = &s->steps.v[m->via];
			json_kv_string(&j, "from", st->from >= 0 ? s->modules.v[st->from].name : NULL);
			json_kv_string(&j, "at", st->file ? (st->line ? arena_printf((struct arena *)&s->arena, "%s:%d", st->file, st->line) : st->file) : NULL);
		}
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "dropped");
	json_begin_array(&j);
	for (size_t i = 0; i < s->drops.n; i++) {
		const struct shake_drop *d = &s->drops.v[i];
		json_begin_object(&j);
		json_kv_string(&j, "name", d->name);
		json_kv_string(&j, "why", d->why);
		json_kv_string(&j, "from", d->from);
		json_kv_string(&j, "file", d->file);
		json_kv_int(&j, "line", d->line);
		json_kv_bool(&j, "missing", d->hard);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "computed");
	json_begin_array(&j);
	for (size_t i = 0; i < s->computed.n; i++) {
		const struct shake_computed *c = &s->computed.v[i];
		json_begin_object(&j);
		json_kv_string(&j, "from", s->modules.v[c->from].name);
		json_kv_string(&j, "file", c->file);
		json_kv_int(&j, "line", c->line);
		json_kv_string(&j, "expression", c->expr);
		json_kv_string(&j, "root", c->root);
		json_kv_bool(&j, "whole_distribution", c->whole);
		json_kv_int(&j, "kept", c->n_kept);
		json_kv_string(&j, "why", c->detail);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_key(&j, "verify");
	json_begin_array(&j);
	for (size_t i = 0; i < r->n_verify; i++) {
		const struct verify_result *v = &r->verify[i];
		json_begin_object(&j);
		json_kv_string(&j, "runtime", v->runtime);
		json_kv_bool(&j, "ran", v->ran);
		json_kv_string(&j, "skipped", v->skipped);
		json_kv_bool(&j, "inconclusive", v->inconclusive);
		json_kv_bool(&j, "ok", v->ok);
		json_kv_string(&j, "error_type", v->error_type);
		json_kv_string(&j, "error_module", v->error_module);
		json_kv_string(&j, "message", v->message);
		json_kv_string(&j, "result", v->result);
		json_kv_string(&j, "kept_by", v->kept_by);
		json_kv_string(&j, "handler", v->handler);
		json_kv_string(&j, "frame", v->frame);
		json_kv_string(&j, "frame_distribution", v->frame_dist);
		json_kv_string(&j, "note", v->note);
		json_key(&j, "response");
		if (v->has_response) {
			json_begin_object(&j);
			json_kv_int(&j, "status", v->status);
			json_kv_strings(&j, "headers", v->headers, v->n_headers);
			json_kv_int(&j, "body_bytes", v->body_bytes);
			json_end_object(&j);
		} else {
			json_null(&j);
		}
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	strbuf_addch(out, '\n');
}
