/* md.c: the audit's and the bundle's reports as Markdown for a pull-request
 * comment: what the gate decided first (and the warnings the run printed,
 * so a passed gate never hides them), then the app's verdicts with why and
 * the remedy, the limits with the runtime's share, the memory estimate and
 * the verify results. Renders the report model; decides nothing. */
#include "report.h"

#include <string.h>

/* s inside a table cell: '|' escaped, line breaks as spaces */
static void md_cell(struct strbuf *out, const char *s)
{
	for (; s && *s; s++) {
		if (*s == '|')
			strbuf_addstr(out, "\\|");
		else if (*s == '\n' || *s == '\r')
			strbuf_addch(out, ' ');
		else
			strbuf_addch(out, *s);
	}
}

/* s as a code span: backticks inside are replaced, it cannot end early */
static void md_code(struct strbuf *out, const char *s)
{
	strbuf_addch(out, '`');
	for (; s && *s; s++)
		strbuf_addch(out, *s == '`' ? '\'' : *s == '|' ? '/' : *s == '\n' ? ' ' : *s);
	strbuf_addch(out, '`');
}

const char *report_app_name(const struct audit *a)
{
	for (size_t i = 0; i < a->packages.n; i++)
		if (a->packages.v[i].kind == DIST_APP)
			return a->packages.v[i].name;
	return a->packages.n == 1 ? a->packages.v[0].name : NULL;
}

/* the finding that sets p's own verdict (findings are sorted worst first) */
static const struct finding *own_finding(const struct package_report *p)
{
	for (size_t k = 0; k < p->findings.n; k++)
		if (p->findings.v[k].severity == p->own_verdict)
			return p->findings.v[k].n_members ? &p->findings.v[k].members[0] : &p->findings.v[k];
	return NULL;
}

static const char *verdict_mark(enum verdict v)
{
	static const char *m[] = { ":white_check_mark:", ":white_check_mark:", ":large_orange_diamond:",
				   ":large_orange_diamond:", ":x:" };
	return m[v];
}

/* "PyMode runtime": the target's description up to its dash */
const char *report_target_runtime(const struct audit *a)
{
	const char *d = a->target.description, *dash = d ? strstr(d, " - ") : NULL;

	if (dash)
		return arena_printf((struct arena *)&a->arena, "%.*s runtime", (int)(dash - d), d);
	return arena_printf((struct arena *)&a->arena, "%s runtime", a->target.name);
}

/* the verdicts: a row per package, why (the blocking finding, through the
 * dependency it rolls up from) and the remedy; shipped: a bundle's column */
static void verdict_table(struct strbuf *out, const struct audit *a, const struct bundle_report *r)
{
	strbuf_addstr(out, r ? "| package | version | verdict | shipped | why | remedy |\n|---|---|---|---|---|---|\n"
			     : "| package | version | verdict | why | remedy |\n|---|---|---|---|---|\n");
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		const struct package_report *b = report_blocking(a, p);
		const struct finding *f = own_finding(b);
		struct strbuf why = STRBUF_INIT;

		strbuf_addstr(out, "| ");
		md_cell(out, p->name);
		strbuf_addstr(out, " | ");
		md_cell(out, p->version ? p->version : "");
		strbuf_addf(out, " | %s %s", verdict_mark(p->verdict), verdict_name(p->verdict));
		if (p->through)
			strbuf_addf(out, " (through %s)", p->through);
		strbuf_addstr(out, " | ");
		if (r) {
			int shipped = 0;
			for (size_t k = 0; k < r->shaker->dists.n; k++)
				if (r->shaker->dists.v[k].reached && r->shaker->dists.v[k].kind != DIST_APP &&
				    !strcmp(r->shaker->dists.v[k].normalized, p->normalized))
					shipped = 1;
			strbuf_addstr(out, p->kind == DIST_APP ? "app | " : shipped ? "yes | " : "no | ");
		}
		if (p->verdict > V_COMPATIBLE || (f && f->severity > V_COMPATIBLE))
			report_blocker(&why, a, p);
		md_cell(out, why.buf);
		strbuf_addstr(out, " | ");
		if (f && f->remedy && p->verdict > V_COMPATIBLE) {
			strbuf_addf(out, "%s: ", remedy_kind_name(f->remedy_kind));
			md_cell(out, f->remedy);
		}
		strbuf_addstr(out, " |\n");
		strbuf_release(&why);
	}
}

/* what the verdicts cannot speak for: requirements and imports no input
 * provides, requirements that did not resolve */
static void not_audited(struct strbuf *out, const struct audit *a)
{
	int any = 0;

	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		struct strbuf m = STRBUF_INIT;
		size_t n = report_missing_tops(&m, p);
		if (p->n_not_audited) {
			strbuf_addstr(out, any++ ? "" : "\n**Not audited** (their verdicts are not known):\n\n");
			strbuf_addstr(out, "- ");
			md_code(out, p->name);
			strbuf_addstr(out, " depends on");
			for (size_t k = 0; k < p->n_not_audited; k++)
				strbuf_addf(out, "%s %s", k ? "," : "", p->not_audited[k]);
			strbuf_addstr(out, a->deps_not_followed ? " (--no-deps: dependencies not followed)\n"
							      : ": not found in the inputs\n");
		}
		if (n) {
			strbuf_addstr(out, any++ ? "" : "\n**Not audited** (their verdicts are not known):\n\n");
			strbuf_addstr(out, "- ");
			md_code(out, p->name);
			strbuf_addf(out, " imports %s: no input provides %s\n", m.buf, n == 1 ? "it" : "them");
		}
		strbuf_release(&m);
	}
	if (a->n_unresolved) {
		strbuf_addstr(out, "\n**Not resolved** (the requirements conflict):");
		for (size_t k = 0; k < a->n_unresolved; k++)
			strbuf_addf(out, "%s %s", k ? "," : "", a->unresolved[k]);
		strbuf_addch(out, '\n');
		if (a->conflict) {
			strbuf_addstr(out, "\n```\n");
			strbuf_addstr(out, a->conflict);
			strbuf_addstr(out, "\n```\n");
		}
	}
}

void report_md(struct strbuf *out, const struct audit *a, const struct report_options *o)
{
	const struct target_info *t = &a->target;
	const char *app = report_app_name(a);
	size_t counts[5];

	audit_counts(a, counts);
	strbuf_addstr(out, "### pymode-audit of ");
	if (app)
		md_code(out, app);
	else
		strbuf_addf(out, "%zu packages", a->packages.n);
	strbuf_addf(out, " for %s\n\n", t->name);
	strbuf_addf(out, "Python %s%s%s\n\n", t->python_version, t->description ? " · " : "",
		    t->description ? t->description : "");
	if (o && o->has_gate) {
		int failed = a->packages.n && audit_worst(a) >= o->fail_on;
		strbuf_addf(out, "%s **Gate `--fail-on %s` %s**", failed ? ":x:" : ":white_check_mark:",
			    verdict_name(o->fail_on), failed ? "failed" : "passed");
		if (failed) {
			size_t n = 0;
			strbuf_addstr(out, ":");
			for (size_t i = 0; i < a->packages.n; i++)
				if (a->packages.v[i].verdict >= o->fail_on)
					strbuf_addf(out, "%s %s (%s)", n++ ? "," : "", a->packages.v[i].name,
						    verdict_name(a->packages.v[i].verdict));
		}
		strbuf_addstr(out, "\n\n");
	}
	strbuf_addf(out, "**%zu package%s**:", a->packages.n, a->packages.n == 1 ? "" : "s");
	{
		int first = 1;
		for (int v = V_UNSUPPORTED; v >= V_COMPATIBLE; v--)
			if (counts[v]) {
				strbuf_addf(out, "%s %zu %s", first ? "" : ",", counts[v], verdict_name((enum verdict)v));
				first = 0;
			}
	}
	strbuf_addch(out, '\n');
	not_audited(out, a);
	if (a->deps_not_followed)
		strbuf_addstr(out, "\nDependencies not followed (`--no-deps`): only the requirements given were audited.\n");
	if (a->packages.n) {
		strbuf_addch(out, '\n');
		verdict_table(out, a, NULL);
	}
	if (t->n_size_limits || t->limits.memory) {
		strbuf_addf(out, "\n**Limits on %s** (`pymode-bundle` measures a bundle against them):\n\n", t->name);
		strbuf_addstr(out, "| limit | size | the runtime's share | left for the bundle | source |\n"
				   "|---|---:|---|---:|---|\n");
		for (size_t i = 0; i < t->n_size_limits; i++) {
			const struct size_limit *l = &t->size_limits[i];
			strbuf_addf(out, "| %s | ", l->name);
			report_size(out, l->bytes);
			strbuf_addf(out, " %s | ", l->measure);
			if (l->overhead) {
				report_size(out, l->overhead);
				strbuf_addf(out, " (%s)", report_target_runtime(a));
			} else {
				strbuf_addstr(out, "none");
			}
			strbuf_addstr(out, " | ");
			report_size(out, l->bytes - l->overhead);
			strbuf_addstr(out, " | ");
			md_cell(out, l->source);
			strbuf_addf(out, "; %s |\n", l->date ? l->date : "");
		}
		if (t->limits.memory) {
			strbuf_addstr(out, "| memory | ");
			report_size(out, t->limits.memory);
			strbuf_addstr(out, " memory | | | the target's profile (`pymode-bundle` estimates the runtime's "
					   "base plus what the app loads) |\n");
		}
	}
}

/* ---- bundles ---- */

static void verify_md(struct strbuf *out, const struct verify_result *v)
{
	strbuf_addstr(out, "- ");
	md_code(out, v->runtime);
	if (!v->ran) {
		strbuf_addf(out, ": %s%s\n", v->inconclusive ? ":grey_question: " : "skipped: ",
			    v->skipped ? v->skipped : "");
		return;
	}
	if (v->ok) {
		strbuf_addstr(out, ": :white_check_mark: ok");
		if (v->has_response) {
			strbuf_addstr(out, ", ");
			md_code(out, v->handler ? v->handler : "the handler");
			strbuf_addf(out, " answered **%d** (%lld bytes", v->status, v->body_bytes);
			for (size_t k = 0; k < v->n_headers; k++)
				if (!strncmp(v->headers[k], "content-type:", 13)) {
					strbuf_addstr(out, ", ");
					md_code(out, v->headers[k]);
				}
			strbuf_addch(out, ')');
		} else if (v->result) {
			strbuf_addstr(out, ", returned ");
			md_code(out, v->result);
		} else if (!v->handler) {
			strbuf_addstr(out, ", imported (no handler: no class Default with fetch, no on_fetch)");
		}
	} else {
		strbuf_addstr(out, ": :x: **failed**: ");
		if (v->handler) {
			md_code(out, v->handler);
			strbuf_addstr(out, " raised ");
		}
		strbuf_addf(out, "%s: %s", v->error_type ? v->error_type : "error", v->message ? v->message : "");
		if (v->frame) {
			strbuf_addstr(out, " at ");
			md_code(out, v->frame);
			if (v->frame_dist)
				strbuf_addf(out, " (%s)", v->frame_dist);
		}
		if (v->kept_by)
			strbuf_addf(out, "; %s", v->kept_by);
	}
	if (v->note)
		strbuf_addf(out, " (note: %s)", v->note);
	strbuf_addch(out, '\n');
}

/* the gate's decision, and every warning the run printed beside it */
static void bundle_gate_md(struct strbuf *out, const struct bundle_report *r)
{
	const struct bundle_gate *g = r->gate;
	const struct shaker *s = r->shaker;
	struct gate_headline h;
	size_t warnings;
	static const char *const icon[] = { ":x:", ":x:", ":warning:", ":white_check_mark:" };

	report_gate_headline(r, &h);
	warnings = h.warnings;
	strbuf_addf(out, "%s **", icon[h.state]);
	report_gate_bold(out, &h);
	strbuf_addstr(out, "**");
	report_gate_rest(out, &h);
	strbuf_addstr(out, h.state == GATE_FAILED ? "\n\n" : h.state == GATE_VERIFY_FAILED ? ":\n" : "\n");
	for (size_t i = 0; h.state == GATE_FAILED && i < g->failures.n; i++) {
		strbuf_addstr(out, "- ");
		md_cell(out, g->failures.v[i]);
		strbuf_addch(out, '\n');
	}
	if (warnings) {
		strbuf_addch(out, '\n');
		for (size_t i = 0; i < s->drops.n; i++) {
			const struct shake_drop *d = &s->drops.v[i];
			if (!d->hard)
				continue;
			strbuf_addstr(out, "- warning: missing ");
			md_code(out, d->name);
			strbuf_addstr(out, ": ");
			md_cell(out, d->why);
			if (d->from) {
				strbuf_addstr(out, " (");
				md_code(out, d->from);
				strbuf_addstr(out, " at ");
				md_code(out, arena_printf((struct arena *)&s->arena, "%s:%d", report_drop_file(r, d),
							  d->line));
				strbuf_addch(out, ')');
			}
			strbuf_addch(out, '\n');
		}
	}
}

void report_bundle_md(struct strbuf *out, const struct bundle_report *r)
{
	const struct bundle *b = r->bundle;
	const struct bundle_gate *g = r->gate;

	strbuf_addstr(out, "### pymode-bundle: bundle of ");
	md_code(out, r->app_name ? r->app_name : r->entry_module);
	strbuf_addf(out, " for %s\n\n", r->target);
	strbuf_addstr(out, "Entry ");
	md_code(out, r->entry_module);
	if (r->profile_python) {
		strbuf_addf(out, " · Python %s%s%s", r->profile_python, r->profile_runtime ? " on " : "",
			    r->profile_runtime ? r->profile_runtime : "");
		if (r->profile_why)
			strbuf_addf(out, " (%s)", r->profile_why);
	}
	strbuf_addstr(out, "\n\n");
	if (r->profile_note)
		strbuf_addf(out, "Note: %s\n\n", r->profile_note);
	bundle_gate_md(out, r);
	if (r->n_verify) {
		strbuf_addstr(out, "\n**Verify** (the bundle booted and called):\n\n");
		for (size_t i = 0; i < r->n_verify; i++)
			verify_md(out, &r->verify[i]);
	}
	if (r->memory) {
		const struct bundle_memory *m = r->memory;
		struct strbuf note = STRBUF_INIT;
		strbuf_addstr(out, "\n**Memory**: ~");
		report_size(out, m->total_bytes);
		if (m->limit_bytes) {
			strbuf_addstr(out, " of ");
			report_size(out, m->limit_bytes);
		}
		strbuf_addstr(out, " = ");
		report_size(out, m->runtime_bytes);
		strbuf_addf(out, " %s + ", report_runtime_name(r));
		report_size(out, m->estimate_bytes);
		strbuf_addstr(out, " for the app (");
		report_memory_band(m, out);
		if (m->peak_module || m->largest_module) {
			strbuf_addstr(out, m->peak_module ? "; peak compiling " : "; largest module ");
			md_code(out, m->peak_module ? m->peak_module : m->largest_module);
		}
		strbuf_addch(out, ')');
		strbuf_addch(out, '\n');
		for (size_t i = 0; report_memory_note(r, i, &note); i++)
			strbuf_addf(out, "- note: %s\n", note.buf);
		strbuf_release(&note);
	}
	if (g && g->limits.n) {
		strbuf_addstr(out, "\n| limit | measure | used | limit | headroom | |\n|---|---|---|---:|---:|---|\n");
		for (size_t i = 0; i < g->limits.n; i++) {
			const struct limit_result *lr = &g->limits.v[i];
			strbuf_addf(out, "| %s | %s | ", lr->limit->name, lr->limit->measure);
			report_limit_used(out, r, lr);
			strbuf_addstr(out, " | ");
			report_size(out, lr->limit->bytes);
			strbuf_addstr(out, " | ");
			report_size(out, lr->headroom);
			strbuf_addf(out, " | %s%s |\n", lr->headroom < 0 ? ":x: over" : ":white_check_mark:",
				    lr->binds ? " (binds)" : "");
		}
		strbuf_addstr(out, "\nSources:\n\n");
		for (size_t i = 0; i < g->limits.n; i++) {
			strbuf_addf(out, "- %s: ", g->limits.v[i].limit->name);
			md_cell(out, g->limits.v[i].limit->source);
			strbuf_addf(out, " (%s)\n", g->limits.v[i].limit->date ? g->limits.v[i].limit->date : "");
		}
	}
	if (r->audit && r->audit->packages.n) {
		strbuf_addch(out, '\n');
		verdict_table(out, r->audit, r);
	}
	if (!b)
		return;
	strbuf_addstr(out, "\n| | raw | gzip | brotli |\n|---|---:|---:|---:|\n| **Total Upload** | ");
	report_size(out, b->total_raw);
	strbuf_addstr(out, " | ");
	report_size(out, b->total_gzip);
	strbuf_addstr(out, " | ");
	report_size(out, b->total_brotli);
	strbuf_addstr(out, " |\n");
	for (size_t i = 0; i < b->outputs.n; i++) {
		strbuf_addf(out, "| `%s` | ", b->outputs.v[i].name);
		report_size(out, b->outputs.v[i].size);
		strbuf_addstr(out, " | ");
		report_size(out, b->outputs.v[i].gzip);
		strbuf_addstr(out, " | ");
		report_size(out, b->outputs.v[i].brotli);
		strbuf_addstr(out, " |\n");
	}
	long long all = 0;
	for (size_t i = 0; i < b->packages.n; i++)
		all += b->packages.v[i].gzip;
	strbuf_addstr(out, "\n| package | files | raw | gzip | share |\n|---|---:|---:|---:|---:|\n");
	for (size_t i = 0; i < b->packages.n; i++) {
		const struct bundle_package *p = &b->packages.v[i];
		strbuf_addf(out, "| %s | %zu | ", p->name, p->n_files);
		report_size(out, p->raw);
		strbuf_addstr(out, " | ");
		report_size(out, p->gzip);
		strbuf_addf(out, " | %.1f%% |\n", all > 0 ? 100.0 * (double)p->gzip / (double)all : 0.0);
	}
	if (g && g->budgets.n) {
		strbuf_addstr(out, "\n| budget | measure | actual | budget | from |\n|---|---|---:|---:|---|\n");
		for (size_t i = 0; i < g->budgets.n; i++) {
			const struct budget_result *br = &g->budgets.v[i];
			strbuf_addf(out, "| %s | %s | ", br->budget->what, br->budget->measure);
			if (br->actual < 0)
				strbuf_addstr(out, "no such package");
			else
				report_size(out, br->actual);
			strbuf_addstr(out, " | ");
			report_size(out, br->budget->bytes);
			strbuf_addf(out, " | %s%s |\n", br->budget->from,
				    br->actual < 0 || br->actual > br->budget->bytes ? " :x: over" : "");
		}
	}
	if (g && g->growth.n) {
		strbuf_addstr(out, "\n| since the baseline | before | after | change |\n|---|---:|---:|---:|\n");
		for (size_t i = 0; i < g->growth.n; i++) {
			const struct growth *gr = &g->growth.v[i];
			strbuf_addf(out, "| %s | ", gr->name);
			if (gr->before >= 0)
				report_size(out, gr->before);
			else
				strbuf_addstr(out, "-");
			strbuf_addstr(out, " | ");
			if (gr->after >= 0)
				report_size(out, gr->after);
			else
				strbuf_addstr(out, "-");
			strbuf_addstr(out, " | ");
			if (gr->before > 0 && gr->after >= 0)
				strbuf_addf(out, "%+.1f%%", 100.0 * (double)(gr->after - gr->before) / (double)gr->before);
			strbuf_addstr(out, " |\n");
		}
	}
	report_bundle_variants_md(out, r);
}
