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
