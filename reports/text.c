/* text.c: the human report: packages worst first, each finding with its
 * place (file:line), its why-chain and its remedy; a summary line last.
 * JSON is in json.c. */
#include "report.h"

#include <string.h>

void report_kinds(struct strbuf *sb, unsigned kinds, const char *sep)
{
	int first = 1;

	for (unsigned bit = EDGE_EAGER; bit <= EDGE_DYNAMIC; bit <<= 1) {
		if (!(kinds & bit))
			continue;
		strbuf_addf(sb, "%s%s", first ? "" : sep, edge_kind_name(bit));
		first = 0;
	}
}

static const char *color_of(enum verdict v)
{
	static const char *c[] = { "\033[32m", "\033[36m", "\033[33m", "\033[35m", "\033[31m" };
	return c[v];
}

static void verdict_word(struct strbuf *out, enum verdict v, const struct report_options *o)
{
	if (o->color)
		strbuf_addf(out, "%s%-11s\033[0m", color_of(v), verdict_name(v));
	else
		strbuf_addf(out, "%-11s", verdict_name(v));
}

/* the verdict's name without padding, colored like verdict_word */
static void verdict_word_bare(struct strbuf *out, enum verdict v, const struct report_options *o)
{
	if (o->color)
		strbuf_addf(out, "%s%s\033[0m", color_of(v), verdict_name(v));
	else
		strbuf_addstr(out, verdict_name(v));
}

/* a finding's places and why-chain, each line indented by ind */
static void places_text(struct strbuf *out, const struct finding *f, const struct report_options *o,
			const char *ind)
{
	if (f->n_locs) {
		size_t show = o->verbose ? f->n_locs : 1;
		for (size_t i = 0; i < show; i++) {
			strbuf_addf(out, "%sat %s", ind, f->locs[i].file);
			if (f->locs[i].line)
				strbuf_addf(out, ":%d", f->locs[i].line);
			if (f->locs[i].kinds) {
				strbuf_addstr(out, " [");
				report_kinds(out, f->locs[i].kinds, ", ");
				strbuf_addch(out, ']');
			}
			strbuf_addch(out, '\n');
		}
		if (show < f->n_locs)
			strbuf_addf(out, "%sand %zu more place%s (--verbose lists them)\n", ind,
				    f->n_locs - show, f->n_locs - show == 1 ? "" : "s");
	}
	/* a chain of one edge that is the place already shown says nothing more */
	int redundant = f->n_why == 1 && f->n_locs && f->why[0].file && f->why[0].line == f->locs[0].line &&
			!strcmp(f->why[0].file, f->locs[0].file);
	for (size_t i = 0; i < f->n_why && !redundant; i++) {
		const struct why_step *w = &f->why[i];
		strbuf_addf(out, "%s%s %s", ind, i ? "   " : "via", w->file ? w->file : "");
		if (w->line)
			strbuf_addf(out, ":%d", w->line);
		if (w->from)
			strbuf_addf(out, " %s -> %s", w->from, w->to);
		else if (w->to)
			strbuf_addf(out, " %s", w->to);
		if (w->kinds) {
			strbuf_addstr(out, " [");
			report_kinds(out, w->kinds, ", ");
			strbuf_addch(out, ']');
		}
		strbuf_addch(out, '\n');
	}
}

static void finding_text(struct strbuf *out, const struct finding *f, const struct report_options *o)
{
	strbuf_addstr(out, "    ");
	verdict_word(out, f->severity, o);
	strbuf_addf(out, " %s", finding_kind_name(f->kind));
	if (f->module && !f->n_members)
		strbuf_addf(out, " '%s'", f->module);
	if (f->detail && !f->n_members)
		strbuf_addf(out, " (%s)", f->detail);
	strbuf_addf(out, ": %s\n", f->message);
	if (!f->n_members) {
		places_text(out, f, o, "        ");
	} else if (!o->verbose) {
		/* the first member speaks for the group */
		strbuf_addf(out, "        %s: %s\n", f->members[0].module, f->members[0].message);
		places_text(out, &f->members[0], o, "        ");
		strbuf_addf(out, "        and %zu more (--verbose lists them)\n", f->n_members - 1);
	} else {
		for (size_t i = 0; i < f->n_members; i++) {
			const struct finding *m = &f->members[i];
			strbuf_addf(out, "        %s", m->module);
			if (m->detail)
				strbuf_addf(out, " (%s)", m->detail);
			strbuf_addf(out, ": %s\n", m->message);
			places_text(out, m, o, "            ");
		}
	}
	if (f->remedy || f->remedy_kind != RK_NOTE) {
		strbuf_addf(out, "        remedy (%s): %s", remedy_kind_name(f->remedy_kind),
			    f->remedy ? f->remedy : "none known");
		if (f->rule_id)
			strbuf_addf(out, " [%s]", f->rule_id);
		strbuf_addch(out, '\n');
	}
}

size_t report_missing_tops(struct strbuf *sb, const struct package_report *p)
{
	size_t n = 0;

	for (size_t k = 0; k < p->findings.n; k++) {
		const struct finding *f = &p->findings.v[k];
		size_t nm = f->n_members ? f->n_members : 1;
		if (f->kind != F_MISSING_MODULE)
			continue;
		for (size_t i = 0; i < nm; i++) {
			const char *m = f->n_members ? f->members[i].module : f->module;
			size_t len = m ? strcspn(m, ".") : 0;
			int dup = 0;
			if (!len)
				continue;
			for (const char *s = sb->buf; *s && !dup; s += strcspn(s, ",") + (s[strcspn(s, ",")] ? 2 : 0))
				dup = strcspn(s, ",") == len && !strncmp(s, m, len);
			if (dup)
				continue;
			strbuf_addf(sb, "%s%.*s", n++ ? ", " : "", (int)len, m);
		}
	}
	return n;
}

static const struct finding *worst_finding(const struct package_report *p);

/* " (urllib3: 'zlib' at urllib3/response.py:6)": the finding a roll-up
 * comes from, named by its package when that is not the one named */
static void blocker_short(struct strbuf *out, const struct audit *a, const struct package_report *p)
{
	const struct package_report *b = report_blocking(a, p);
	const struct finding *f = worst_finding(b);

	if (!f || b == p)
		return;
	strbuf_addstr(out, " (");
	if (strcmp(b->normalized, p->through))
		strbuf_addf(out, "%s: ", b->name);
	strbuf_addstr(out, finding_kind_name(f->kind));
	if (f->module)
		strbuf_addf(out, " '%s'", f->module);
	if (f->n_locs) {
		strbuf_addf(out, " at %s", f->locs[0].file);
		if (f->locs[0].line)
			strbuf_addf(out, ":%d", f->locs[0].line);
	}
	strbuf_addch(out, ')');
}

/* the target's limits in one line, the runtime's share of each said
 * (md and html give their sources) */
static void limits_text(struct strbuf *out, const struct audit *a)
{
	const struct target_info *t = &a->target;

	if (!t->n_size_limits && !t->limits.memory)
		return;
	strbuf_addf(out, "limits on %s (pymode-bundle measures a bundle against them):", t->name);
	for (size_t i = 0; i < t->n_size_limits; i++) {
		const struct size_limit *l = &t->size_limits[i];
		strbuf_addf(out, "%s %s ", i ? ";" : "", l->name);
		report_size(out, l->bytes);
		strbuf_addf(out, " %s", l->measure);
		if (l->overhead) {
			strbuf_addstr(out, ", ");
			report_size(out, l->overhead);
			strbuf_addf(out, " of it the %s's (", report_target_runtime(a));
			report_size(out, l->bytes - l->overhead);
			strbuf_addstr(out, " left for the bundle)");
		}
	}
	if (t->limits.memory) {
		strbuf_addf(out, "%s memory ", t->n_size_limits ? ";" : "");
		report_size(out, t->limits.memory);
	}
	strbuf_addch(out, '\n');
}

void report_text(struct strbuf *out, const struct audit *a, const struct report_options *o)
{
	size_t counts[5];
	const struct target_info *t = &a->target;

	strbuf_addf(out, "target %s: Python %s%s%s\n\n", t->name, t->python_version,
		    t->description ? ", " : "", t->description ? t->description : "");
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		size_t notes = 0, limited = 0;

		verdict_word(out, p->verdict, o);
		strbuf_addf(out, " %s %s  (%s %s)\n", p->name, p->version ? p->version : "(no version)",
			    dist_kind_name(p->kind), p->filename);
		if (p->through) {
			strbuf_addstr(out, "    ");
			verdict_word_bare(out, p->own_verdict, o);
			strbuf_addstr(out, " itself; ");
			verdict_word_bare(out, p->verdict, o);
			strbuf_addf(out, " through %s", p->through);
			blocker_short(out, a, p);
			strbuf_addch(out, '\n');
		}
		if (p->n_not_audited) {
			strbuf_addstr(out, "    not audited:");
			for (size_t k = 0; k < p->n_not_audited; k++)
				strbuf_addf(out, "%s %s", k ? "," : "", p->not_audited[k]);
			strbuf_addstr(out, a->deps_not_followed ? " (--no-deps: dependencies not followed)\n"
							      : " (not found in the inputs)\n");
		}
		{ /* imported, but in no input: their verdicts are not known */
			struct strbuf m = STRBUF_INIT;
			size_t n = report_missing_tops(&m, p);
			if (n)
				strbuf_addf(out, "    not audited: %s (imported, but no input provides %s; "
						 "--verbose shows where)\n", m.buf, n == 1 ? "it" : "them");
			strbuf_release(&m);
		}
		if (p->n_chain) {
			strbuf_addstr(out, "    pulled in by:");
			for (size_t k = 0; k < p->n_chain; k++)
				strbuf_addf(out, "%s %s", k ? " >" : "", p->chain[k]);
			strbuf_addch(out, '\n');
		}
		if (p->editable)
			strbuf_addstr(out, "    editable (-e): not bundleable; build a wheel of it for deployment\n");
		for (size_t k = 0; k < p->findings.n; k++) {
			const struct finding *f = &p->findings.v[k];
			if (f->kind == F_METADATA && p->kind == DIST_APP && !p->n_modules && !o->verbose) {
				/* an input with no Python in it says so */
				strbuf_addf(out, "    %s\n", f->message);
				continue;
			}
			if (f->severity == V_COMPATIBLE && !o->verbose) {
				if (f->kind == F_LIMITED_MODULE)
					limited++;
				else if (f->kind != F_MISSING_MODULE) /* said by "not audited" */
					notes++;
				continue;
			}
			finding_text(out, f, o);
		}
		/* limited modules import but fail when called: one line, by name */
		if (limited) {
			size_t shown = 0;
			strbuf_addf(out, "    limited on %s (imports, some calls fail):", t->name);
			for (size_t k = 0; k < p->findings.n; k++)
				if (p->findings.v[k].kind == F_LIMITED_MODULE &&
				    p->findings.v[k].severity == V_COMPATIBLE)
					strbuf_addf(out, "%s %s", shown++ ? "," : "", p->findings.v[k].module);
			strbuf_addstr(out, " (--verbose shows where)\n");
		}
		if (notes)
			strbuf_addf(out, "    %zu note%s (--verbose shows %s)\n", notes, notes == 1 ? "" : "s",
				    notes == 1 ? "it" : "them");
	}
	if (a->n_unresolved) {
		strbuf_addf(out, "%snot resolved (the requirements conflict; see the error):", a->packages.n ? "\n" : "");
		for (size_t k = 0; k < a->n_unresolved; k++)
			strbuf_addf(out, "%s %s", k ? "," : "", a->unresolved[k]);
		strbuf_addch(out, '\n');
	}
	if (a->deps_not_followed)
		strbuf_addf(out, "%sdependencies not followed (--no-deps): only the requirements given were audited\n",
			    a->packages.n && !a->n_unresolved ? "\n" : "");
	audit_counts(a, counts);
	strbuf_addf(out, "%s%zu package%s: ", a->packages.n || a->n_unresolved || a->deps_not_followed ? "\n" : "", a->packages.n,
		    a->packages.n == 1 ? "" : "s");
	for (int v = V_COMPATIBLE; v <= V_UNSUPPORTED; v++)
		strbuf_addf(out, "%zu %s%s", counts[v], verdict_name((enum verdict)v),
			    v == V_UNSUPPORTED ? "\n" : ", ");
	limits_text(out, a);
}

/* the finding that sets p's own verdict: the first at it (findings are
 * sorted worst first); a group speaks by its leader */
static const struct finding *worst_finding(const struct package_report *p)
{
	for (size_t k = 0; k < p->findings.n; k++) {
		const struct finding *f = &p->findings.v[k];
		if (f->severity == p->own_verdict)
			return f->n_members ? &f->members[0] : f;
	}
	return NULL;
}

const struct package_report *report_blocking(const struct audit *a, const struct package_report *p)
{
	/* follow "through" to the package whose own finding it is (bounded:
	 * a cycle of dependencies cannot loop) */
	for (size_t hops = 0; p->through && hops <= a->packages.n; hops++) {
		const struct package_report *q = NULL;
		for (size_t i = 0; i < a->packages.n && !q; i++)
			if (!strcmp(a->packages.v[i].normalized, p->through))
				q = &a->packages.v[i];
		if (!q)
			break;
		p = q;
	}
	return p;
}

void report_blocker(struct strbuf *out, const struct audit *a, const struct package_report *p)
{
	const struct package_report *b = report_blocking(a, p);
	const struct finding *f = worst_finding(b);

	if (b != p)
		strbuf_addf(out, "through its dependency '%s' %s: ", b->name, b->version ? b->version : "");
	else if (p->through)
		strbuf_addf(out, "through its dependency '%s': ", p->through);
	strbuf_addstr(out, f ? f->message : verdict_name(b->verdict));
	if (f && f->n_locs) {
		strbuf_addf(out, " (%s", f->locs[0].file);
		if (f->locs[0].line)
			strbuf_addf(out, ":%d", f->locs[0].line);
		strbuf_addch(out, ')');
	}
}

void report_gate(struct strbuf *out, const struct audit *a, enum verdict fail_on)
{
	size_t n = 0;

	strbuf_addf(out, "gate failed (--fail-on %s):", verdict_name(fail_on));
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		if (p->verdict < fail_on)
			continue;
		strbuf_addf(out, "%s %s (%s%s%s)", n++ ? "," : "", p->name, verdict_name(p->verdict),
			    p->through ? " through " : "", p->through ? p->through : "");
	}
	strbuf_addch(out, '\n');
}
