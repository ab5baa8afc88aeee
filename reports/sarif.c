/* sarif.c: SARIF 2.1.0 for code scanning, from the audit's and the bundle's
 * report models: a rule per finding kind and bundle check (help with the
 * remedy), each result located in the user's repository (the requirement's
 * line, the app's file:line) with the archive member as a related location.
 * Nothing here decides a verdict. */
#include "report.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
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

/* A path as code scanning reads it: relative to the repository, which is
 * taken to be the working directory ("./x" -> "x", "$PWD/x" -> "x"); an
 * absolute path elsewhere becomes a file:// URI. An arena string. */
static const char *repo_uri(struct arena *a, const char *path)
{
	char cwd[4096];
	size_t n;

	while (path[0] == '.' && path[1] == '/')
		path += 2;
	if (path[0] != '/')
		return path;
	if (getcwd(cwd, sizeof(cwd)) && (n = strlen(cwd)) > 1 && !strncmp(path, cwd, n) && path[n] == '/')
		return path + n + 1;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "file://");
	for (const unsigned char *c = (const unsigned char *)path; *c; c++)
		if (*c <= ' ' || *c >= 0x7f || strchr("%#?\"<>\\^`{|}[]", *c))
			strbuf_addf(&sb, "%%%02X", *c);
		else
			strbuf_addch(&sb, (char)*c);
	const char *u = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return u;
}

/* Where the user's repository asks for p: the file and line of the
 * requirement its chain starts from (required_at, "requirements.txt:3");
 * 0 when unknown. */
static int package_anchor(struct arena *a, const struct package_report *p, const char **uri, int *line)
{
	const char *at = p->required_at, *colon;
	size_t n;

	if (!at || !*at)
		return 0;
	colon = strrchr(at, ':');
	n = colon ? (size_t)(colon - at) : strlen(at);
	*line = colon ? atoi(colon + 1) : 0;
	*uri = repo_uri(a, arena_strndup(a, at, n));
	return 1;
}

/* "; pulled in by requests (requirements.txt:2) > urllib3" for a package
 * the project does not ask for itself; nothing for one it does */
static void chain_text(struct strbuf *msg, const struct package_report *p)
{
	if (p->n_chain < 2 || (p->n_chain == 2 && p->required_at))
		return;
	strbuf_addstr(msg, "; pulled in by ");
	for (size_t c = 1; c < p->n_chain; c++) {
		strbuf_addf(msg, "%s%s", c > 1 ? " > " : "", p->chain[c]);
		if (c == 1)
			strbuf_addf(msg, " (%s)", p->required_at ? p->required_at : p->chain[0]);
	}
}

/* the related locations of members of p's distribution file: member
 * artifacts under the file's artifact, the first "here", the rest "also" */
static void member_locations(struct json *j, struct sarif_artifacts *as, const struct package_report *p,
			     const char *dist, const struct location *locs, size_t n)
{
	long parent = sarif_artifact(as, dist, -1);

	json_key(j, "relatedLocations");
	json_begin_array(j);
	for (size_t l = 0; l < n && l < 5; l++) {
		char *what = arena_printf(&as->arena, "%s in %s", l ? "also" : "here", dist);
		sarif_location(j, locs[l].file, locs[l].line, sarif_artifact(as, locs[l].file, parent), what,
			       (int)l + 1);
	}
	json_end_array(j);
}

/* the run's properties: what a reader of the log needs beside the results
 * (code scanning keeps them): the app, every package's verdict, and for a
 * bundle its limits with the runtime's share and the memory estimate */
static void run_properties(struct json *j, const struct audit *a, const struct bundle_report *r)
{
	const char *app = r && r->app_name ? r->app_name : report_app_name(a);

	json_key(j, "properties");
	json_begin_object(j);
	json_kv_string(j, "target", a->target.name);
	if (app)
		json_kv_string(j, "app", app);
	json_key(j, "packages");
	json_begin_array(j);
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		json_begin_object(j);
		json_kv_string(j, "name", p->name);
		json_kv_string(j, "version", p->version);
		json_kv_string(j, "verdict", verdict_name(p->verdict));
		if (p->through)
			json_kv_string(j, "through", p->through);
		json_end_object(j);
	}
	json_end_array(j);
	if (r && r->gate) {
		json_key(j, "limits");
		json_begin_array(j);
		for (size_t i = 0; i < r->gate->limits.n; i++) {
			const struct limit_result *lr = &r->gate->limits.v[i];
			struct strbuf sb = STRBUF_INIT;
			report_limit_used(&sb, r, lr);
			json_begin_object(j);
			json_kv_string(j, "name", lr->limit->name);
			json_kv_int(j, "bytes", lr->limit->bytes);
			json_kv_string(j, "used", sb.buf);
			json_kv_int(j, "headroom", lr->headroom);
			json_kv_string(j, "source", lr->limit->source);
			json_end_object(j);
			strbuf_release(&sb);
		}
		json_end_array(j);
	}
	if (!r && a->target.n_size_limits) {
		/* the audit: the target's limits, the runtime's share of each */
		json_key(j, "limits");
		json_begin_array(j);
		for (size_t i = 0; i < a->target.n_size_limits; i++) {
			const struct size_limit *l = &a->target.size_limits[i];
			json_begin_object(j);
			json_kv_string(j, "name", l->name);
			json_kv_int(j, "bytes", l->bytes);
			json_kv_string(j, "measure", l->measure);
			json_kv_int(j, "overhead", l->overhead);
			if (l->overhead)
				json_kv_string(j, "overhead_of", report_target_runtime(a));
			json_kv_string(j, "source", l->source);
			json_end_object(j);
		}
		json_end_array(j);
	}
	if (r && r->memory) {
		struct strbuf sb = STRBUF_INIT;
		report_memory_summary(&sb, r);
		json_kv_string(j, "memory", sb.buf);
		strbuf_release(&sb);
	}
	if (r)
		json_kv_int(j, "warnings", (long long)report_bundle_warnings(r));
	json_end_object(j);
}

static void sarif_begin(struct json *j, const struct audit *a, const struct bundle_report *r)
{
	int bundle = r != NULL;

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
	run_properties(j, a, r);
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
			const char *dist;
			int line = 0, app = p->kind == DIST_APP && member, anchored = 0;

			strbuf_addf(&msg, "%s %s (%s on %s): %s", p->name, p->version ? p->version : "",
				    verdict_name(p->verdict), a->target.name, f->message);
			if (member) {
				strbuf_addf(&msg, " (%s%s%s", app ? "" : p->filename ? p->filename : "",
					    app || !p->filename ? "" : ": ", member);
				if (lead->locs[0].line > 0)
					strbuf_addf(&msg, ":%d", lead->locs[0].line);
				strbuf_addch(&msg, ')');
			}
			chain_text(&msg, p);
			strbuf_addf(&msg, ". Remedy (%s): %s", remedy_kind_name(f->remedy_kind),
				    f->remedy ? f->remedy : "none known");
			if (app) {
				uri = repo_uri(&as->arena, app_path(&as->arena, p, member));
				line = lead->locs[0].line;
			} else if (!(anchored = package_anchor(&as->arena, p, &uri, &line))) {
				uri = repo_uri(&as->arena, p->input ? p->input : p->filename);
			}
			/* the file the member is in: by its name when the location
			 * is the requirement, else the input itself */
			dist = anchored && p->filename ? p->filename : uri;
			json_begin_object(j);
			json_kv_string(j, "ruleId", finding_kind_name(f->kind));
			json_kv_string(j, "level", sarif_level(f->severity));
			json_key(j, "message");
			json_begin_object(j);
			json_kv_string(j, "text", msg.buf);
			json_end_object(j);
			json_key(j, "locations");
			json_begin_array(j);
			sarif_location(j, uri, line, app ? -1 : sarif_artifact(as, uri, -1), NULL, -1);
			json_end_array(j);
			if (!app && member)
				member_locations(j, as, p, dist, lead->locs, lead->n_locs);
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
	sarif_begin(&j, a, NULL);
	sarif_results(&j, a, &as);
	sarif_end(&j, &as);
	strbuf_addch(out, '\n');
	VEC_FREE(&as.uri);
	VEC_FREE(&as.parent);
	strmap_release(&as.seen);
	arena_release(&as.arena);
}

/* a result of the bundle's own checks at uri:line; with member (a file
 * of p's distribution) as its related location */
static void sarif_bundle_result(struct json *j, struct sarif_artifacts *as, const char *rule, const char *level,
				const char *msg, const char *uri, int line, const struct package_report *p,
				const char *member, int member_line)
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
	if (p && member) {
		struct location loc = { member, member_line, 0 };
		member_locations(j, as, p, p->filename ? p->filename : p->name, &loc, 1);
	}
	if (p) {
		json_key(j, "properties");
		json_begin_object(j);
		json_kv_string(j, "package", p->name);
		json_kv_string(j, "verdict", verdict_name(p->verdict));
		json_end_object(j);
	}
	json_end_object(j);
}

/* the audited package of that normalized name or name, or NULL */
static const struct package_report *find_package(const struct audit *a, const char *name, size_t n)
{
	for (size_t i = 0; a && i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		if ((strlen(p->normalized) == n && !strncmp(p->normalized, name, n)) ||
		    (strlen(p->name) == n && !strncmp(p->name, name, n)))
			return p;
	}
	return NULL;
}

/* the package a gate failure is about: "budget NAME (...)", "new blocker: 'NAME' ..." */
static const struct package_report *failure_package(const struct audit *a, const char *f)
{
	const char *end;

	if (starts_with(f, "budget ") && (end = strstr(f + 7, " (")))
		return find_package(a, f + 7, (size_t)(end - f - 7));
	if (starts_with(f, "new blocker: '") && (end = strchr(f + 14, '\'')))
		return find_package(a, f + 14, (size_t)(end - f - 14));
	return NULL;
}

void report_bundle_sarif(struct strbuf *out, const struct bundle_report *r)
{
	struct sarif_artifacts as = { VEC_INIT, VEC_INIT, STRMAP_INIT, ARENA_INIT };
	const char *entry = repo_uri(&as.arena, r->entry_file ? r->entry_file : "entry.py");
	const struct shaker *s = r->shaker;
	struct json j;

	json_init(&j, out);
	sarif_begin(&j, r->audit, r);
	sarif_results(&j, r->audit, &as);
	/* eager imports that resolve nowhere: in the app, the import line; in
	 * a distribution, the requirement that brings it in, the importing
	 * member related */
	for (size_t i = 0; s && i < s->drops.n; i++) {
		const struct shake_drop *d = &s->drops.v[i];
		int fi = d->from ? shaker_find(s, d->from) : -1;
		const struct shake_module *m = fi >= 0 ? &s->modules.v[fi] : NULL;
		const struct package_report *p = NULL;
		const char *uri = entry;
		int line = 0;
		if (!d->hard)
			continue;
		struct strbuf msg = STRBUF_INIT;
		strbuf_addf(&msg, "'%s' is imported when %s loads but resolves nowhere: %s", d->name,
			    d->from ? d->from : "the app", d->why);
		if (m && m->origin == SO_SITE && m->dist >= 0) {
			const char *key = s->dists.v[m->dist].normalized;
			p = find_package(r->audit, key, strlen(key));
		}
		if (p && package_anchor(&as.arena, p, &uri, &line)) {
			strbuf_addf(&msg, " (%s %s: %s:%d)", p->name, p->version ? p->version : "",
				    d->file ? d->file : "?", d->line);
			chain_text(&msg, p);
		} else if (p) {
			uri = repo_uri(&as.arena, p->input ? p->input : p->filename);
		} else if (d->file && (!m || m->origin == SO_APP)) {
			uri = repo_uri(&as.arena, report_app_file(&as.arena, r, d->file));
			line = d->line;
		}
		strbuf_addstr(&msg, ". Remedy: add the distribution that provides it, guard the import, or move it "
				    "into the function that needs it");
		sarif_bundle_result(&j, &as, "missing-at-runtime", "warning", msg.buf, uri, line, p,
				    p ? d->file : NULL, d->line);
		strbuf_release(&msg);
	}
	/* the gate's failures: limits (at the entry), budgets and new
	 * blockers of a package (at its requirement), growth */
	for (size_t i = 0; r->gate && i < r->gate->failures.n; i++) {
		const char *f = r->gate->failures.v[i];
		const char *rule = starts_with(f, "budget") ? "bundle-budget" :
				   strstr(f, "grew") || strstr(f, "growth") || strstr(f, "blocker") ? "bundle-growth" :
				   "bundle-limit";
		const struct package_report *p = failure_package(r->audit, f);
		const char *uri = entry;
		int line = 0;
		if (p && !package_anchor(&as.arena, p, &uri, &line))
			uri = entry;
		sarif_bundle_result(&j, &as, rule, "error", f, uri, line, p, NULL, 0);
	}
	sarif_end(&j, &as);
	strbuf_addch(out, '\n');
	VEC_FREE(&as.uri);
	VEC_FREE(&as.parent);
	strmap_release(&as.seen);
	arena_release(&as.arena);
}
