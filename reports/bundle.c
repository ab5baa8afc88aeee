/* bundle.c: pymode-bundle's report as text, as the JSON document of
 * docs/bundle.md (pymode-bundle/1, also written as bundle.json), and the
 * --why chains. Renders what the shaker and the bundler computed; decides
 * nothing and prints nothing. */
#include "report.h"

#include <string.h>

static void size_str(struct strbuf *sb, long long n)
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
		strbuf_addstr(out, ")\n");
	} else if (st->how == SR_CODEC) {
		strbuf_addf(out, "  %s:%d (codec name '%s')\n", st->file ? st->file : "?", st->line,
			    st->detail);
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

void report_bundle_text(struct strbuf *out, const struct bundle_report *r, const struct report_options *o)
{
	const struct shaker *s = r->shaker;
	size_t kept_std = 0, kept_site = 0, kept_app = 0, runtime = 0;
	long long total = 0;

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
	strbuf_addf(out, "bundle for %s: entry %s (%s)\n", r->target, r->entry_module, r->entry_file);
	if (r->stdlib_source)
		strbuf_addf(out, "stdlib: CPython %s from %s\n", r->stdlib_version, r->stdlib_source);
	strbuf_addf(out, "modules: %zu app, %zu site-packages, %zu stdlib kept; %zu provided by the runtime\n",
		    kept_app, kept_site, kept_std, runtime);
	for (size_t i = 0; r->bundle && i < r->bundle->outputs.n; i++) {
		const struct bundle_output *bo = &r->bundle->outputs.v[i];
		strbuf_addf(out, "  %-22s %5zu files  ", bo->name, bo->n_files);
		size_str(out, bo->raw);
		if (bo->size != bo->raw) {
			strbuf_addstr(out, " -> ");
			size_str(out, bo->size);
		}
		strbuf_addch(out, '\n');
		total += bo->size;
	}
	if (r->bundle) {
		strbuf_addstr(out, "  total                              ");
		size_str(out, total);
		strbuf_addch(out, '\n');
	}
	for (size_t i = 0; i < r->n_variants; i++)
		strbuf_addf(out, "wasm variant: %s (the app's native code needs it)\n", r->variants[i]);
	if (r->n_pyodide_packages) {
		strbuf_addstr(out, "Pyodide packages the runtime provides:");
		for (size_t i = 0; i < r->n_pyodide_packages; i++)
			strbuf_addf(out, " %s", r->pyodide_packages[i]);
		strbuf_addch(out, '\n');
	}
	for (size_t i = 0; i < s->drops.n; i++) {
		const struct shake_drop *d = &s->drops.v[i];
		if (!d->hard && !(o && o->verbose))
			continue;
		strbuf_addf(out, "%s %s: %s", d->hard ? "warning: missing" : "dropped", d->name, d->why);
		if (d->from)
			strbuf_addf(out, " (%s at %s:%d)", d->from, d->file ? d->file : "?", d->line);
		strbuf_addch(out, '\n');
	}
	for (size_t i = 0; i < r->n_verify; i++) {
		const struct verify_result *v = &r->verify[i];
		if (!v->ran)
			strbuf_addf(out, "verify %s: skipped: %s\n", v->runtime, v->skipped);
		else if (v->ok) {
			size_t n = v->result ? strlen(v->result) : 0;
			strbuf_addf(out, "verify %s: ok", v->runtime);
			if (v->result)
				strbuf_addf(out, ", returned %.*s%s", n > 72 ? 72 : (int)n, v->result,
					    n > 72 ? "..." : "");
			strbuf_addch(out, '\n');
		}
		else {
			strbuf_addf(out, "verify %s: FAILED: %s: %s\n", v->runtime,
				    v->error_type ? v->error_type : "error", v->message ? v->message : "");
			if (v->kept_by)
				strbuf_addf(out, "  %s\n", v->kept_by);
		}
	}
}

static void json_size_pair(struct json *j, const char *key, long long v)
{
	json_kv_int(j, key, v);
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
	json_kv_string(&j, "entry", r->entry_module);
	json_kv_string(&j, "entry_file", r->entry_file);
	json_key(&j, "stdlib");
	if (r->stdlib_source) {
		json_begin_object(&j);
		json_kv_string(&j, "source", r->stdlib_source);
		json_kv_string(&j, "version", r->stdlib_version);
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
	json_key(&j, "variants");
	json_begin_array(&j);
	for (size_t i = 0; i < r->n_variants; i++)
		json_string(&j, r->variants[i]);
	json_end_array(&j);
	json_key(&j, "pyodide_packages");
	json_begin_array(&j);
	for (size_t i = 0; i < r->n_pyodide_packages; i++)
		json_string(&j, r->pyodide_packages[i]);
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
	json_key(&j, "verify");
	json_begin_array(&j);
	for (size_t i = 0; i < r->n_verify; i++) {
		const struct verify_result *v = &r->verify[i];
		json_begin_object(&j);
		json_kv_string(&j, "runtime", v->runtime);
		json_kv_bool(&j, "ran", v->ran);
		json_kv_string(&j, "skipped", v->skipped);
		json_kv_bool(&j, "ok", v->ok);
		json_kv_string(&j, "error_type", v->error_type);
		json_kv_string(&j, "error_module", v->error_module);
		json_kv_string(&j, "message", v->message);
		json_kv_string(&j, "result", v->result);
		json_kv_string(&j, "kept_by", v->kept_by);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	strbuf_addch(out, '\n');
}
