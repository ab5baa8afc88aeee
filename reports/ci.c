/* ci.c: the formats CI systems read besides SARIF (sarif.c), from the same
 * report models: JUnit XML (a testcase per package, and per limit and
 * budget for a bundle) and GitHub Actions annotations
 * (::error file=...,line=...::). Markdown is md.c's. Nothing here decides
 * a verdict. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

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

/* a testcase; failure (the message) and detail (its text) when it fails;
 * sysout (may be NULL): what it found either way, as <system-out> */
static void junit_case(struct strbuf *out, const char *cls, const char *name, const char *failure,
		       const char *detail, const char *sysout)
{
	strbuf_addstr(out, "    <testcase classname=\"");
	xml_text(out, cls);
	strbuf_addstr(out, "\" name=\"");
	xml_text(out, name);
	if (!failure && !sysout) {
		strbuf_addstr(out, "\"/>\n");
		return;
	}
	strbuf_addstr(out, "\">\n");
	if (failure) {
		strbuf_addstr(out, "      <failure message=\"");
		xml_text(out, failure);
		strbuf_addstr(out, "\">");
		xml_text(out, detail && *detail ? detail : failure);
		strbuf_addstr(out, "</failure>\n");
	}
	if (sysout) {
		strbuf_addstr(out, "      <system-out>");
		xml_text(out, sysout);
		strbuf_addstr(out, "</system-out>\n");
	}
	strbuf_addstr(out, "    </testcase>\n");
}

/* a testcase per package: it fails when its verdict is at or over fail_on
 * (unsupported when no --fail-on is given); each says its verdict and why */
static void junit_packages(struct strbuf *out, const struct audit *a, enum verdict fail_on, size_t *fails)
{
	struct arena *ar = (struct arena *)&a->arena;
	const char *cls = arena_printf(ar, "packages.%s", a->target.name);

	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		const char *name = p->version ? arena_printf(ar, "%s %s", p->name, p->version) : p->name;
		struct strbuf why = STRBUF_INIT, d = STRBUF_INIT;

		strbuf_addf(&why, "verdict: %s on %s", verdict_name(p->verdict), a->target.name);
		if (p->verdict > V_COMPATIBLE) {
			strbuf_addstr(&why, ": ");
			report_blocker(&why, a, p);
		}
		if (p->verdict >= fail_on) {
			for (size_t k = 0; k < p->findings.n; k++)
				if (p->findings.v[k].severity >= fail_on)
					strbuf_addf(&d, "%s%s", d.len ? "\n" : "", p->findings.v[k].message);
			if (!d.len) /* through a dependency: its finding */
				report_blocker(&d, a, p);
			(*fails)++;
			junit_case(out, cls, name, arena_printf(ar, "%s on %s", verdict_name(p->verdict), a->target.name),
				   d.buf, why.buf);
		} else {
			junit_case(out, cls, name, NULL, NULL, why.buf);
		}
		strbuf_release(&why);
		strbuf_release(&d);
	}
}

static void junit_property(struct strbuf *out, const char *name, const char *value)
{
	strbuf_addstr(out, "      <property name=\"");
	xml_text(out, name);
	strbuf_addstr(out, "\" value=\"");
	xml_text(out, value);
	strbuf_addstr(out, "\"/>\n");
}

void report_junit(struct strbuf *out, const struct audit *a, const struct report_options *o)
{
	struct strbuf cases = STRBUF_INIT;
	const char *app = report_app_name(a);
	size_t fails = 0;

	junit_packages(&cases, a, o && o->has_gate ? o->fail_on : V_UNSUPPORTED, &fails);
	strbuf_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pymode-audit\" tests=\"%zu\" "
			 "failures=\"%zu\">\n  <testsuite name=\"pymode-audit.%s\" tests=\"%zu\" failures=\"%zu\">\n",
		    a->packages.n, fails, a->target.name, a->packages.n, fails);
	strbuf_addstr(out, "    <properties>\n");
	junit_property(out, "target", a->target.name);
	if (app)
		junit_property(out, "app", app);
	strbuf_addstr(out, "    </properties>\n");
	strbuf_add(out, cases.buf, cases.len);
	strbuf_addstr(out, "  </testsuite>\n</testsuites>\n");
	strbuf_release(&cases);
}

void report_bundle_junit(struct strbuf *out, const struct bundle_report *r)
{
	struct strbuf cases = STRBUF_INIT, warn = STRBUF_INIT;
	const struct bundle_gate *g = r->gate;
	size_t fails = 0, tests = 0;
	struct arena *ar = (struct arena *)&r->audit->arena;

	if (r->audit) {
		junit_packages(&cases, r->audit, V_UNSUPPORTED, &fails);
		tests += r->audit->packages.n;
	}
	for (size_t i = 0; g && i < g->limits.n; i++, tests++) {
		const struct limit_result *lr = &g->limits.v[i];
		struct strbuf used = STRBUF_INIT;
		report_size(&used, lr->limit->bytes);
		strbuf_addf(&used, " %s: ", lr->limit->measure);
		report_limit_used(&used, r, lr);
		strbuf_addstr(&used, ", headroom ");
		report_size(&used, lr->headroom);
		strbuf_addf(&used, " (%s)", lr->limit->source);
		const char *f = lr->headroom < 0 ? arena_printf(ar, "%lld bytes %s used of %lld", lr->used,
								 lr->limit->measure, lr->limit->bytes)
						 : NULL;
		fails += f != NULL;
		junit_case(&cases, "limits", lr->limit->name, f, used.buf, used.buf);
		strbuf_release(&used);
	}
	for (size_t i = 0; g && i < g->budgets.n; i++, tests++) {
		const struct budget_result *br = &g->budgets.v[i];
		const char *f = br->actual < 0 ? "no such package in the bundle"
				: br->actual > br->budget->bytes
					? arena_printf(ar, "%lld bytes %s, budget %lld", br->actual, br->budget->measure,
						       br->budget->bytes)
					: NULL;
		fails += f != NULL;
		junit_case(&cases, "budgets", br->budget->what, f, NULL, NULL);
	}
	if (g && g->has_baseline) {
		tests++;
		const char *f = NULL;
		for (size_t i = 0; i < g->failures.n; i++)
			if (starts_with(g->failures.v[i], "growth") || starts_with(g->failures.v[i], "new blocker"))
				f = g->failures.v[i];
		fails += f != NULL;
		junit_case(&cases, "baseline", "growth and new blockers", f, NULL, NULL);
	}
	/* the warnings the text report prints: imports that fail when their module loads */
	for (size_t i = 0; r->shaker && i < r->shaker->drops.n; i++) {
		const struct shake_drop *d = &r->shaker->drops.v[i];
		if (!d->hard)
			continue;
		strbuf_addf(&warn, "warning: missing %s: %s", d->name, d->why);
		if (d->from)
			strbuf_addf(&warn, " (%s at %s:%d)", d->from, report_drop_file(r, d), d->line);
		strbuf_addch(&warn, '\n');
	}
	strbuf_addf(out, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"pymode-bundle\" tests=\"%zu\" "
			 "failures=\"%zu\">\n  <testsuite name=\"pymode-bundle.%s\" tests=\"%zu\" failures=\"%zu\">\n",
		    tests, fails, r->target, tests, fails);
	strbuf_addstr(out, "    <properties>\n");
	junit_property(out, "target", r->target);
	if (r->app_name)
		junit_property(out, "app", r->app_name);
	if (r->memory) {
		struct strbuf m = STRBUF_INIT;
		report_memory_summary(&m, r);
		junit_property(out, "memory", m.buf);
		strbuf_release(&m);
	}
	junit_property(out, "warnings", arena_printf(ar, "%zu", report_bundle_warnings(r)));
	strbuf_addstr(out, "    </properties>\n");
	strbuf_add(out, cases.buf, cases.len);
	if (warn.len) {
		strbuf_addstr(out, "    <system-err>");
		xml_text(out, warn.buf);
		strbuf_addstr(out, "</system-err>\n");
	}
	strbuf_addstr(out, "  </testsuite>\n</testsuites>\n");
	strbuf_release(&cases);
	strbuf_release(&warn);
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
	struct arena *ar = (struct arena *)&a->arena;

	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		for (size_t k = 0; k < p->findings.n; k++) {
			const struct finding *f = &p->findings.v[k];
			const char *member = f->n_locs ? f->locs[0].file : NULL, *file, *colon;
			int line = 0;
			if (f->severity < at_least)
				continue;
			/* anchored as SARIF is: the app's file:line, else the line of
			 * the requirement that brings the package in, the member named
			 * in the message */
			if (p->kind == DIST_APP && member) {
				file = member;
				line = f->locs[0].line;
			} else if (p->required_at && (colon = strrchr(p->required_at, ':')) && !strstr(p->required_at, " [")) {
				file = arena_strndup(ar, p->required_at, (size_t)(colon - p->required_at));
				line = atoi(colon + 1);
			} else {
				file = p->filename ? p->filename : p->input;
			}
			while (file && file[0] == '.' && file[1] == '/')
				file += 2;
			strbuf_addf(out, "::%s ", f->severity >= V_UNSUPPORTED ? "error" : "warning");
			strbuf_addstr(out, "file=");
			gh_escape(out, file, 1);
			if (line > 0)
				strbuf_addf(out, ",line=%d", line);
			strbuf_addstr(out, ",title=");
			gh_escape(out, arena_printf(ar, "%s: %s", p->name, verdict_name(p->verdict)), 1);
			strbuf_addstr(out, "::");
			gh_escape(out, f->message, 0);
			if (member && p->kind != DIST_APP) {
				const char *where = f->locs[0].line > 0 ? arena_printf(ar, " (%s: %s:%d)", p->filename ? p->filename : p->name,
											 member, f->locs[0].line)
									: arena_printf(ar, " (%s: %s)", p->filename ? p->filename : p->name, member);
				gh_escape(out, where, 0);
			}
			strbuf_addch(out, '\n');
		}
	}
}
