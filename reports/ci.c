/* ci.c: the formats CI systems read, from the same report models: SARIF
 * 2.1.0 (the audit's findings with file:line, for code scanning), JUnit XML
 * (a testcase per package, and per limit and budget for a bundle), GitHub
 * Actions annotations (::error file=...,line=...::), and the audit as
 * Markdown for a pull-request comment. Nothing here decides a verdict. */
#include "report.h"

#include <string.h>

#define TOOL_URI "https://github.com/pymode/pymode-pkg"

static const char *sarif_level(enum verdict v)
{
	return v >= V_UNSUPPORTED ? "error" : v >= V_POLYFILL ? "warning" : "note";
}

/* SARIF wants one rule per kind of result; the finding kinds are that */
void report_sarif(struct strbuf *out, const struct audit *a)
{
	struct json j;

	json_init(&j, out);
	json_begin_object(&j);
	json_kv_string(&j, "$schema", "https://json.schemastore.org/sarif-2.1.0.json");
	json_kv_string(&j, "version", "2.1.0");
	json_key(&j, "runs");
	json_begin_array(&j);
	json_begin_object(&j);
	json_key(&j, "tool");
	json_begin_object(&j);
	json_key(&j, "driver");
	json_begin_object(&j);
	json_kv_string(&j, "name", "pymode-pkg");
	json_kv_string(&j, "version", PYMODE_VERSION);
	json_kv_string(&j, "informationUri", TOOL_URI);
	json_key(&j, "rules");
	json_begin_array(&j);
	/* every finding kind is a rule: the enum runs from 0 to the first
	 * value finding_kind_name does not know */
	for (int k = 0; strcmp(finding_kind_name((enum finding_kind)k), "unknown"); k++) {
		json_begin_object(&j);
		json_kv_string(&j, "id", finding_kind_name((enum finding_kind)k));
		json_key(&j, "shortDescription");
		json_begin_object(&j);
		json_kv_string(&j, "text", finding_kind_name((enum finding_kind)k));
		json_end_object(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
	json_end_object(&j);
	json_kv_string(&j, "columnKind", "utf16CodeUnits");
	json_key(&j, "results");
	json_begin_array(&j);
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		for (size_t k = 0; k < p->findings.n; k++) {
			const struct finding *f = &p->findings.v[k];
			struct strbuf msg = STRBUF_INIT;
			strbuf_addf(&msg, "%s %s: %s", p->name, p->version ? p->version : "", f->message);
			if (f->remedy)
				strbuf_addf(&msg, " (remedy: %s)", f->remedy);
			json_begin_object(&j);
			json_kv_string(&j, "ruleId", finding_kind_name(f->kind));
			json_kv_string(&j, "level", sarif_level(f->severity));
			json_key(&j, "message");
			json_begin_object(&j);
			json_kv_string(&j, "text", msg.buf);
			json_end_object(&j);
			json_key(&j, "locations");
			json_begin_array(&j);
			json_begin_object(&j);
			json_key(&j, "physicalLocation");
			json_begin_object(&j);
			json_key(&j, "artifactLocation");
			json_begin_object(&j);
			/* an app tree's file is a file of the repository; a member of a
			 * wheel is named inside its archive */
			if (p->kind == DIST_APP && f->n_locs && f->locs[0].file)
				json_kv_string(&j, "uri", f->locs[0].file);
			else
				json_kv_string(&j, "uri", p->filename ? p->filename : p->input);
			json_end_object(&j);
			if (f->n_locs && f->locs[0].line > 0) {
				json_key(&j, "region");
				json_begin_object(&j);
				json_kv_int(&j, "startLine", f->locs[0].line);
				json_end_object(&j);
			}
			json_end_object(&j);
			json_end_object(&j);
			json_end_array(&j);
			json_key(&j, "properties");
			json_begin_object(&j);
			json_kv_string(&j, "package", p->name);
			json_kv_string(&j, "verdict", verdict_name(p->verdict));
			json_kv_string(&j, "member", f->n_locs ? f->locs[0].file : NULL);
			json_end_object(&j);
			json_end_object(&j);
			strbuf_release(&msg);
		}
	}
	json_end_array(&j);
	json_end_object(&j);
	json_end_array(&j);
	json_end_object(&j);
	strbuf_addch(out, '\n');
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

void report_md(struct strbuf *out, const struct audit *a, const struct report_options *o)
{
	size_t counts[5];

	audit_counts(a, counts);
	strbuf_addf(out, "### pymode-audit for %s\n\n", a->target.name);
	for (int v = V_UNSUPPORTED; v >= V_COMPATIBLE; v--)
		if (counts[v])
			strbuf_addf(out, "- %zu %s\n", counts[v], verdict_name((enum verdict)v));
	strbuf_addstr(out, "\n| package | version | verdict | first finding | remedy |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		const struct finding *f = NULL;
		for (size_t k = 0; k < p->findings.n && !f; k++)
			if (p->findings.v[k].severity == p->verdict)
				f = &p->findings.v[k];
		strbuf_addf(out, "| %s | %s | %s%s | ", p->name, p->version ? p->version : "",
			    p->verdict >= V_UNSUPPORTED ? ":x: " : "", verdict_name(p->verdict));
		if (f) {
			for (const char *c = f->message; *c; c++)
				strbuf_addstr(out, *c == '|' ? "\\|" : (char[2]){ *c, 0 });
			if (f->n_locs && f->locs[0].file)
				strbuf_addf(out, " (`%s:%d`)", f->locs[0].file, f->locs[0].line);
		}
		strbuf_addstr(out, " | ");
		if (f && f->remedy)
			for (const char *c = f->remedy; *c; c++)
				strbuf_addstr(out, *c == '|' ? "\\|" : (char[2]){ *c, 0 });
		strbuf_addstr(out, " |\n");
	}
	if (o && o->has_gate)
		strbuf_addf(out, "\nGate `--fail-on %s`: %s\n", verdict_name(o->fail_on),
			    a->packages.n && audit_worst(a) >= o->fail_on ? "**failed**" : "passed");
}
