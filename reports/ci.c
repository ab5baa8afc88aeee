/* ci.c: the formats CI systems read, from the same report models: SARIF
 * 2.1.0 (the audit's findings with file:line, for code scanning), JUnit XML
 * (a testcase per package, and per limit and budget for a bundle), GitHub
 * Actions annotations (::error file=...,line=...::). Markdown is md.c's.
 * Nothing here decides a verdict. */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define TOOL_URI "https://github.com/pymode/pymode-pkg"

static const char *sarif_level(enum verdict v)
{
	return v >= V_UNSUPPORTED ? "error" : v >= V_POLYFILL ? "warning" : "note";
}

/* what each rule (a finding kind, or a bundle check) means and what to do:
 * SARIF's help, shown by code scanning beside every alert */
static const struct sarif_rule {
	const char *id, *short_text, *help;
} bundle_rules[] = {
	{ "bundle-limit", "the bundle is over one of the target's size limits",
	  "The bundle's size plus the runtime's own share (PyMode's runtime counts about 3 MiB of the 10 MiB "
	  "compressed limit) is over a limit of the target. Remedy: drop packages the entry does not need, "
	  "use --exclude for modules it never imports, or a lighter alternative package; docs/targets.md cites "
	  "each limit's public source." },
	{ "bundle-budget", "the bundle or a package is over its --budget",
	  "A size budget given with --budget (or in pyproject.toml) is exceeded. Remedy: shrink what the "
	  "package brings (see pymode-bundle --why MODULE) or raise the budget deliberately." },
	{ "bundle-growth", "the bundle grew past --max-growth over the baseline",
	  "Compared with the baseline bundle.json the bundle grew more than allowed, or a new blocker "
	  "appeared. Remedy: look at the growth per package in the report; update the baseline when intended." },
	{ "missing-at-runtime", "an eager import that resolves nowhere in the bundle",
	  "A module is imported when its importer loads but neither the bundle nor the runtime has it: the "
	  "import fails on the target. Remedy: add the distribution that provides it, guard the import, or "
	  "move it into the function that needs it." },
};

static const char *kind_help(enum finding_kind k)
{
	switch (k) {
	case F_NATIVE_EXTENSION:
		return "An importable native module (a .so or .pyd) cannot load in a WebAssembly Python runtime. "
		       "Remedy: a wasm variant of the runtime that includes it (pymode), the runtime's own build of "
		       "the package (Pyodide), a pure-Python fallback the package has, or an alternative package.";
	case F_NATIVE_LIBRARY:
		return "Native code shipped beside the modules (a bundled shared library) cannot load on the target. "
		       "Remedy: the package's pure-Python mode if it has one, or an alternative package.";
	case F_UNAVAILABLE_MODULE:
		return "A stdlib module the target does not have: an unguarded eager import of it fails when the "
		       "package loads. Remedy: guard the import (try/except ImportError), move it into the function "
		       "that needs it, or use the target's replacement (pymode.tcp, pymode.http, ...).";
	case F_POLYFILLED_MODULE:
		return "A stdlib module the target provides as a polyfill: it imports, but a partial polyfill lacks "
		       "some behaviour (listening sockets, threads sharing memory). Remedy: the polyfill's notes say "
		       "what works; use the runtime's API for the rest.";
	case F_MISSING_MODULE:
		return "The package imports a module that no audited distribution provides, so its verdict is not "
		       "known. Remedy: add the distribution that provides it to the requirements (or the audit's inputs).";
	case F_SDIST_BUILD:
		return "Only a source distribution that needs a native build is available. Remedy: a wheel for the "
		       "target (a wasm variant or the runtime's own build) or an alternative package.";
	case F_METADATA:
		return "The distribution's metadata is missing or malformed. Remedy: rebuild the distribution.";
	case F_SOURCE:
		return "Source CPython 3.13 cannot compile (Python 2 syntax or junk). Remedy: a newer version of the package.";
	case F_BYTECODE_ONLY:
		return ".pyc files without source: they load only on the exact CPython version that wrote them. "
		       "Remedy: a distribution with source.";
	case F_PACKAGE_RULE:
		return "What the rule database says of the package on this target (a polyfill package replaces it, "
		       "a wasm variant runs it, or it is unsupported). Remedy: the rule's remedy, in the message.";
	case F_LIMITED_MODULE:
		return "A stdlib module that imports on the target, but some of its calls fail (subprocess, "
		       "threading.Thread.start on wasi). Remedy: avoid those calls on the target.";
	}
	return "";
}

static void sarif_rule(struct json *j, const char *id, const char *short_text, const char *help)
{
	json_begin_object(j);
	json_kv_string(j, "id", id);
	json_key(j, "shortDescription");
	json_begin_object(j);
	json_kv_string(j, "text", short_text);
	json_end_object(j);
	json_key(j, "fullDescription");
	json_begin_object(j);
	json_kv_string(j, "text", help);
	json_end_object(j);
	json_key(j, "help");
	json_begin_object(j);
	json_kv_string(j, "text", help);
	json_end_object(j);
	json_kv_string(j, "helpUri", TOOL_URI "/blob/main/docs/audit.md");
	json_end_object(j);
}

/* a location: uri ("requirements.txt", "app/entry.py") and line (0: none);
 * an archive member names its archive by artifact index */
static void sarif_location(struct json *j, const char *uri, int line, long artifact, const char *msg, int id)
{
	json_begin_object(j);
	if (id >= 0)
		json_kv_int(j, "id", id);
	json_key(j, "physicalLocation");
	json_begin_object(j);
	json_key(j, "artifactLocation");
	json_begin_object(j);
	json_kv_string(j, "uri", uri);
	if (artifact >= 0)
		json_kv_int(j, "index", artifact);
	json_end_object(j);
	if (line > 0) {
		json_key(j, "region");
		json_begin_object(j);
		json_kv_int(j, "startLine", line);
		json_end_object(j);
	}
	json_end_object(j);
	if (msg) {
		json_key(j, "message");
		json_begin_object(j);
		json_kv_string(j, "text", msg);
		json_end_object(j);
	}
	json_end_object(j);
}

/* the artifacts results point into: each archive once, each member once
 * under its archive (SARIF's parentIndex) */
struct sarif_artifacts {
	VEC(const char *) uri;
	VEC(long) parent;
	struct strmap seen; /* "parent\037uri" -> index + 1 */
	struct arena arena;
};

static long sarif_artifact(struct sarif_artifacts *as, const char *uri, long parent)
{
	char *key = arena_printf(&as->arena, "%ld\037%s", parent, uri);
	int created;
	struct strmap_entry *e = strmap_put(&as->seen, key, &created);

	if (created) {
		*VEC_PUSH(&as->uri) = arena_strdup(&as->arena, uri);
		*VEC_PUSH(&as->parent) = parent;
		e->value = (void *)(uintptr_t)as->uri.n;
	}
	return (long)(uintptr_t)e->value - 1;
}

/* "dir/" + file when file is relative to an app directory given as input */
static const char *app_path(struct arena *a, const struct package_report *p, const char *file)
{
	const char *in = p->input;
	size_t n;

	if (!in || !*in || file[0] == '/' || !strcmp(in, "."))
		return file;
	n = strlen(in);
	while (n > 1 && in[n - 1] == '/')
		n--;
	if (!strncmp(file, in, n) && file[n] == '/')
		return file; /* already under it */
	return arena_printf(a, "%.*s/%s", (int)n, in, file);
}

/* "./x" -> "x": a repository-relative URI */
static const char *rel_uri(const char *path)
{
	while (path[0] == '.' && path[1] == '/')
		path += 2;
	return path;
}

static void sarif_begin(struct json *j, const struct audit *a, int bundle)
{
	json_begin_object(j);
	json_kv_string(j, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	json_kv_string(j, "version", "2.1.0");
	json_key(j, "runs");
	json_begin_array(j);
	json_begin_object(j);
	json_key(j, "tool");
	json_begin_object(j);
	json_key(j, "driver");
	json_begin_object(j);
	json_kv_string(j, "name", "pymode-pkg");
	json_kv_string(j, "version", PYMODE_VERSION);
	json_kv_string(j, "informationUri", TOOL_URI);
	json_key(j, "rules");
	json_begin_array(j);
	/* every finding kind is a rule: the enum runs from 0 to the first
	 * value finding_kind_name does not know */
	for (int k = 0; strcmp(finding_kind_name((enum finding_kind)k), "unknown"); k++)
		sarif_rule(j, finding_kind_name((enum finding_kind)k), finding_kind_name((enum finding_kind)k),
			   kind_help((enum finding_kind)k));
	for (size_t k = 0; bundle && k < sizeof(bundle_rules) / sizeof(*bundle_rules); k++)
		sarif_rule(j, bundle_rules[k].id, bundle_rules[k].short_text, bundle_rules[k].help);
	json_end_array(j);
	json_end_object(j);
	json_end_object(j);
	json_kv_string(j, "columnKind", "utf16CodeUnits");
	json_key(j, "properties");
	json_begin_object(j);
	json_kv_string(j, "target", a->target.name);
	json_end_object(j);
	json_key(j, "results");
	json_begin_array(j);
}

static void sarif_end(struct json *j, struct sarif_artifacts *as)
{
	json_end_array(j); /* results */
	json_key(j, "artifacts");
	json_begin_array(j);
	for (size_t i = 0; i < as->uri.n; i++) {
		json_begin_object(j);
		json_key(j, "location");
		json_begin_object(j);
		json_kv_string(j, "uri", as->uri.v[i]);
		json_end_object(j);
		if (as->parent.v[i] >= 0)
			json_kv_int(j, "parentIndex", as->parent.v[i]);
		json_end_object(j);
	}
	json_end_array(j);
	json_end_object(j);
	json_end_array(j);
	json_end_object(j);
}

/* the audit's results: each located where the user's repository brings
 * it in (the requirement's line; the app's own file:line; else the input
 * as given), the archive member as a related location */
static void sarif_results(struct json *j, const struct audit *a, struct sarif_artifacts *as)
{
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		for (size_t k = 0; k < p->findings.n; k++) {
			const struct finding *f = &p->findings.v[k];
			const struct finding *lead = f->n_members ? &f->members[0] : f;
			struct strbuf msg = STRBUF_INIT;
			const char *uri, *member = lead->n_locs ? lead->locs[0].file : NULL;
			int line = 0, app = p->kind == DIST_APP && member;
			long archive = -1;

			strbuf_addf(&msg, "%s %s (%s on %s): %s", p->name, p->version ? p->version : "",
				    verdict_name(p->verdict), a->target.name, f->message);
			if (member)
				strbuf_addf(&msg, " (%s%s%s:%d)", app ? "" : p->filename ? p->filename : "",
					    app ? "" : ": ", member, lead->locs[0].line);
			if (p->n_chain > 1) {
				strbuf_addstr(&msg, "; pulled in by");
				for (size_t c = 0; c < p->n_chain; c++)
					strbuf_addf(&msg, "%s %s", c ? " >" : "", p->chain[c]);
			}
			strbuf_addf(&msg, ". Remedy (%s): %s", remedy_kind_name(f->remedy_kind),
				    f->remedy ? f->remedy : "none known");
			if (app) {
				uri = rel_uri(app_path(&as->arena, p, member));
				line = lead->locs[0].line;
			} else if (p->required_at) {
				const char *colon = strrchr(p->required_at, ':');
				uri = rel_uri(colon ? arena_strndup(&as->arena, p->required_at,
								    (size_t)(colon - p->required_at))
						    : p->required_at);
				line = colon ? atoi(colon + 1) : 0;
			} else {
				uri = rel_uri(p->input ? p->input : p->filename);
			}
			if (!app)
				archive = sarif_artifact(as, uri, -1);
			json_begin_object(j);
			json_kv_string(j, "ruleId", finding_kind_name(f->kind));
			json_kv_string(j, "level", sarif_level(f->severity));
			json_key(j, "message");
			json_begin_object(j);
			json_kv_string(j, "text", msg.buf);
			json_end_object(j);
			json_key(j, "locations");
			json_begin_array(j);
			sarif_location(j, uri, line, app ? -1 : archive, NULL, -1);
			json_end_array(j);
			if (!app && member) {
				/* the member inside the distribution's file */
				const char *dist = p->input && !p->required_at ? uri : p->filename ? p->filename : uri;
				long parent = sarif_artifact(as, dist, -1);
				long idx = sarif_artifact(as, member, parent);
				json_key(j, "relatedLocations");
				json_begin_array(j);
				for (size_t l = 0; l < lead->n_locs && l < 5; l++) {
					char *what = arena_printf(&as->arena, "%s in %s", l ? "also" : "here",
								  p->filename ? p->filename : dist);
					sarif_location(j, lead->locs[l].file, lead->locs[l].line,
						       l ? sarif_artifact(as, lead->locs[l].file, parent) : idx, what,
						       (int)l + 1);
				}
				json_end_array(j);
			}
			json_key(j, "properties");
			json_begin_object(j);
			json_kv_string(j, "package", p->name);
			json_kv_string(j, "verdict", verdict_name(p->verdict));
			json_kv_string(j, "member", member);
			json_kv_string(j, "remedy", f->remedy);
			json_end_object(j);
			json_end_object(j);
			strbuf_release(&msg);
		}
	}
}

void report_sarif(struct strbuf *out, const struct audit *a)
{
	struct sarif_artifacts as = { VEC_INIT, VEC_INIT, STRMAP_INIT, ARENA_INIT };
	struct json j;

	json_init(&j, out);
	sarif_begin(&j, a, 0);
	sarif_results(&j, a, &as);
	sarif_end(&j, &as);
	strbuf_addch(out, '\n');
	VEC_FREE(&as.uri);
	VEC_FREE(&as.parent);
	strmap_release(&as.seen);
	arena_release(&as.arena);
}

/* a result of the bundle's own checks, at the entry file */
static void sarif_bundle_result(struct json *j, const char *rule, const char *level, const char *msg,
				const char *uri, int line)
{
	json_begin_object(j);
	json_kv_string(j, "ruleId", rule);
	json_kv_string(j, "level", level);
	json_key(j, "message");
	json_begin_object(j);
	json_kv_string(j, "text", msg);
	json_end_object(j);
	json_key(j, "locations");
	json_begin_array(j);
	sarif_location(j, uri, line, -1, NULL, -1);
	json_end_array(j);
	json_end_object(j);
}

void report_bundle_sarif(struct strbuf *out, const struct bundle_report *r)
{
	struct sarif_artifacts as = { VEC_INIT, VEC_INIT, STRMAP_INIT, ARENA_INIT };
	const char *entry = rel_uri(r->entry_file ? r->entry_file : "entry.py");
	struct json j;

	json_init(&j, out);
	sarif_begin(&j, r->audit, 1);
	sarif_results(&j, r->audit, &as);
	/* eager imports that resolve nowhere: the import line itself */
	for (size_t i = 0; r->shaker && i < r->shaker->drops.n; i++) {
		const struct shake_drop *d = &r->shaker->drops.v[i];
		if (!d->hard)
			continue;
		char *msg = arena_printf(&as.arena, "'%s' is imported when %s loads but resolves nowhere: %s",
					 d->name, d->from ? d->from : "the app", d->why);
		sarif_bundle_result(&j, "missing-at-runtime", "warning", msg, d->file ? rel_uri(d->file) : entry,
				    d->file ? d->line : 0);
	}
	/* the gate's failures: limits, budgets, growth */
	for (size_t i = 0; r->gate && i < r->gate->failures.n; i++) {
		const char *f = r->gate->failures.v[i];
		const char *rule = strstr(f, "budget") ? "bundle-budget" :
				   strstr(f, "grew") || strstr(f, "growth") || strstr(f, "blocker") ? "bundle-growth" :
				   "bundle-limit";
		sarif_bundle_result(&j, rule, "error", f, entry, 0);
	}
	sarif_end(&j, &as);
	strbuf_addch(out, '\n');
	VEC_FREE(&as.uri);
	VEC_FREE(&as.parent);
	strmap_release(&as.seen);
	arena_release(&as.arena);
}

static void xml_text(struct strbuf *out, const char *s)
{
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '&')
			strbuf_addstr(out, "&amp;");
		else if (c == '<')
			strbuf_addstr(out, "&lt;");
		else if (c == '>')
			strbuf_addstr(out, "&gt;");
		else if (c == '"')
			strbuf_addstr(out, "&quot;");
		else if (c < 0x20 && c != '\n' && c != '\t')
			strbuf_addf(out, "&#x%x;", 0xfffd); /* XML 1.0 has no control characters */
		else
			strbuf_addch(out, c);
	}
}

static void junit_case(struct strbuf *out, const char *cls, const char *name, const char *failure,
		       const char *detail)
{
	strbuf_addstr(out, "    <testcase classname=\"");
	xml_text(out, cls);
	strbuf_addstr(out, "\" name=\"");
	xml_text(out, name);
	if (!failure) {
		strbuf_addstr(out, "\"/>\n");
		return;
	}
	strbuf_addstr(out, "\">\n      <failure message=\"");
	xml_text(out, failure);
	strbuf_addstr(out, "\">");
	xml_text(out, detail ? detail : failure);
	strbuf_addstr(out, "</failure>\n    </testcase>\n");
}

/* a testcase per package: it fails when its verdict is at or over fail_on
 * (unsupported when no --fail-on is given) */
static void junit_packages(struct strbuf *out, const struct audit *a, enum verdict fail_on, size_t *fails)
{
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		const char *name = p->version ? arena_printf((struct arena *)&a->arena, "%s %s", p->name, p->version)
					      : p->name;
		if (p->verdict >= fail_on) {
			struct strbuf d = STRBUF_INIT;
			for (size_t k = 0; k < p->findings.n; k++)
				if (p->findings.v[k].severity >= fail_on)
					strbuf_addf(&d, "%s%s", d.len ? "\n" : "", p->findings.v[k].message);
			(*fails)++;
			junit_case(out, arena_printf((struct arena *)&a->arena, "packages.%s", a->target.name), name,
				   arena_printf((struct arena *)&a->arena, "%s on %s", verdict_name(p->verdict),
						a->target.name), d.buf);
			strbuf_release(&d);
		} else {
			junit_case(out, arena_printf((struct arena *)&a->arena, "packages.%s", a->target.name), name,
				   NULL, NULL);
		}
	}
}

void report_junit(struct strbuf *out, const struct audit *a, const struct report_options *o)
{
	struct strbuf cases = STRBUF_INIT;
	size_t fails = 0;

	junit_packages(&cases, a, o && o->has_gate ? o->fail_on : V_UNSUPPORTED, &fails);
	strbuf_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pymode-audit\" tests=\"%zu\" "
			 "failures=\"%zu\">\n  <testsuite name=\"pymode-audit.%s\" tests=\"%zu\" failures=\"%zu\">\n",
		    a->packages.n, fails, a->target.name, a->packages.n, fails);
	strbuf_add(out, cases.buf, cases.len);
	strbuf_addstr(out, "  </testsuite>\n</testsuites>\n");
	strbuf_release(&cases);
}

void report_bundle_junit(struct strbuf *out, const struct bundle_report *r)
{
	struct strbuf cases = STRBUF_INIT;
	const struct bundle_gate *g = r->gate;
	size_t fails = 0, tests = 0;
	struct arena *ar = (struct arena *)&r->audit->arena;

	if (r->audit) {
		junit_packages(&cases, r->audit, V_UNSUPPORTED, &fails);
		tests += r->audit->packages.n;
	}
	for (size_t i = 0; g && i < g->limits.n; i++, tests++) {
		const struct limit_result *lr = &g->limits.v[i];
		const char *f = lr->headroom < 0 ? arena_printf(ar, "%lld bytes %s used of %lld", lr->used,
								 lr->limit->measure, lr->limit->bytes)
						 : NULL;
		fails += f != NULL;
		junit_case(&cases, "limits", lr->limit->name, f, lr->limit->source);
	}
	for (size_t i = 0; g && i < g->budgets.n; i++, tests++) {
		const struct budget_result *br = &g->budgets.v[i];
		const char *f = br->actual < 0 ? "no such package in the bundle"
				: br->actual > br->budget->bytes
					? arena_printf(ar, "%lld bytes %s, budget %lld", br->actual, br->budget->measure,
						       br->budget->bytes)
					: NULL;
		fails += f != NULL;
		junit_case(&cases, "budgets", br->budget->what, f, NULL);
	}
	if (g && g->has_baseline) {
		tests++;
		const char *f = NULL;
		for (size_t i = 0; i < g->failures.n; i++)
			if (starts_with(g->failures.v[i], "growth") || starts_with(g->failures.v[i], "new blocker"))
				f = g->failures.v[i];
		fails += f != NULL;
		junit_case(&cases, "baseline", "growth and new blockers", f, NULL);
	}
	strbuf_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pymode-bundle\" tests=\"%zu\" "
			 "failures=\"%zu\">\n  <testsuite name=\"pymode-bundle.%s\" tests=\"%zu\" failures=\"%zu\">\n",
		    tests, fails, r->target, tests, fails);
	strbuf_add(out, cases.buf, cases.len);
	strbuf_addstr(out, "  </testsuite>\n</testsuites>\n");
	strbuf_release(&cases);
}

/* GitHub's workflow commands escape %, CR and LF in the message, and also
 * ',' and ':' in properties */
static void gh_escape(struct strbuf *out, const char *s, int property)
{
	for (; s && *s; s++) {
		if (*s == '%')
			strbuf_addstr(out, "%25");
		else if (*s == '\r')
			strbuf_addstr(out, "%0D");
		else if (*s == '\n')
			strbuf_addstr(out, "%0A");
		else if (property && *s == ':')
			strbuf_addstr(out, "%3A");
		else if (property && *s == ',')
			strbuf_addstr(out, "%2C");
		else
			strbuf_addch(out, *s);
	}
}

void report_github(struct strbuf *out, const struct audit *a, enum verdict at_least)
{
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		for (size_t k = 0; k < p->findings.n; k++) {
			const struct finding *f = &p->findings.v[k];
			if (f->severity < at_least)
				continue;
			strbuf_addf(out, "::%s ", f->severity >= V_UNSUPPORTED ? "error" : "warning");
			strbuf_addstr(out, "file=");
			gh_escape(out, p->kind == DIST_APP && f->n_locs && f->locs[0].file ? f->locs[0].file
				  : p->filename ? p->filename : p->input, 1);
			if (f->n_locs && f->locs[0].line > 0)
				strbuf_addf(out, ",line=%d", f->locs[0].line);
			strbuf_addstr(out, ",title=");
			gh_escape(out, arena_printf((struct arena *)&a->arena, "%s: %s", p->name,
						    verdict_name(p->verdict)), 1);
			strbuf_addstr(out, "::");
			gh_escape(out, f->message, 0);
			strbuf_addch(out, '\n');
		}
	}
}
