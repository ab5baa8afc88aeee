/* budget.c: the bundle against its size limits (the target's, each with its
 * source), the user's budgets (--budget, [tool.pymode-pkg.budget]) and an
 * earlier report (--baseline, --max-growth), and the new blockers since
 * then. It computes; rendering is bundle.c's, exiting cli's. */
#include "report.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int parse_size(const char *s, long long *out)
{
	char *end;
	double v;
	static const struct { const char *unit; double mul; } units[] = {
		{ "", 1 }, { "b", 1 }, { "kb", 1e3 }, { "kib", 1024.0 }, { "k", 1024.0 },
		{ "mb", 1e6 }, { "mib", 1048576.0 }, { "m", 1048576.0 },
		{ "gb", 1e9 }, { "gib", 1073741824.0 }, { "g", 1073741824.0 },
	};

	while (isspace((unsigned char)*s))
		s++;
	if (!isdigit((unsigned char)*s))
		return -1;
	v = strtod(s, &end);
	while (isspace((unsigned char)*end))
		end++;
	size_t n = strlen(end);
	while (n && isspace((unsigned char)end[n - 1]))
		n--;
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++)
		if (strlen(units[i].unit) == n && !strncasecmp(end, units[i].unit, n)) {
			if (v * units[i].mul > 9e18)
				return -1;
			*out = (long long)(v * units[i].mul + 0.5);
			return 0;
		}
	return -1;
}

int parse_budget(struct arena *a, const char *spec, const char *from, struct budget *out)
{
	const char *eq = strchr(spec, '=');
	char *size, *sep;

	if (!eq || eq == spec)
		return -1;
	memset(out, 0, sizeof(*out));
	out->what = arena_strndup(a, spec, (size_t)(eq - spec));
	out->from = from;
	out->measure = "gzip";
	/* "7MiB", "7MiB,brotli" or "7 MiB raw" */
	size = arena_strdup(a, eq + 1);
	sep = strchr(size, ',');
	if (!sep) {
		sep = strrchr(size, ' ');
		if (sep && (!strcmp(sep + 1, "gzip") || !strcmp(sep + 1, "brotli") || !strcmp(sep + 1, "raw")))
			;
		else
			sep = NULL;
	}
	if (sep) {
		const char *m = sep + 1;
		*sep = 0;
		while (*m == ' ')
			m++;
		if (!strcmp(m, "gzip"))
			out->measure = "gzip";
		else if (!strcmp(m, "brotli"))
			out->measure = "brotli";
		else if (!strcmp(m, "raw"))
			out->measure = "raw";
		else
			return -1;
	}
	return parse_size(size, &out->bytes);
}

static long long pick(const char *measure, long long raw, long long gzip, long long brotli)
{
	return !strcmp(measure, "brotli") ? brotli : !strcmp(measure, "raw") ? raw : gzip;
}

static long long baseline_size(const struct jnode *base, const char *name)
{
	const struct jnode *b = base ? jnode_get(base, "bundle") : NULL;
	const struct jnode *sz = b ? jnode_get(b, "sizes") : NULL;
	if (!sz)
		return -1;
	if (!strcmp(name, "total")) {
		const struct jnode *t = jnode_get(sz, "total"), *g = t ? jnode_get(t, "gzip") : NULL;
		return g && g->type == J_NUMBER ? strtoll(g->str, NULL, 10) : -1;
	}
	const struct jnode *pk = jnode_get(sz, "packages");
	for (size_t i = 0; pk && pk->type == J_ARRAY && i < pk->n; i++) {
		const struct jnode *nm = jnode_get(pk->items[i], "name"), *g = jnode_get(pk->items[i], "gzip");
		if (nm && nm->type == J_STRING && !strcmp(nm->str, name) && g && g->type == J_NUMBER)
			return strtoll(g->str, NULL, 10);
	}
	return -1;
}

static int baseline_unsupported(const struct jnode *base, const char *name)
{
	const struct jnode *pk = base ? jnode_get(base, "packages") : NULL;
	for (size_t i = 0; pk && pk->type == J_ARRAY && i < pk->n; i++) {
		const struct jnode *nm = jnode_get(pk->items[i], "name"), *v = jnode_get(pk->items[i], "verdict");
		if (nm && nm->type == J_STRING && !strcmp(nm->str, name))
			return v && v->type == J_STRING && !strcmp(v->str, "unsupported");
	}
	return 0; /* not there at all: new */
}

static void size_text(struct strbuf *sb, long long n)
{
	long long a = n < 0 ? -n : n;
	if (a < 1024)
		strbuf_addf(sb, "%lld B", n);
	else if (a < 1048576)
		strbuf_addf(sb, "%.1f KiB", n / 1024.0);
	else
		strbuf_addf(sb, "%.2f MiB", n / 1048576.0);
}

static const char *fail_line(struct arena *a, const char *what, long long actual, long long limit,
			     const char *measure, const char *why)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;
	strbuf_addf(&sb, "%s: ", what);
	size_text(&sb, actual);
	strbuf_addf(&sb, " %s, over %s ", measure, why);
	size_text(&sb, limit);
	r = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return r;
}

void bundle_gate_compute(struct bundle_gate *g, const struct bundle_report *r,
			 const struct budget *budgets, size_t n_budgets, const struct jnode *baseline,
			 long long max_growth, double max_growth_pct, struct arena *a)
{
	const struct bundle *b = r->bundle;
	double least = 0;
	int bind = -1;

	memset(g, 0, sizeof(*g));
	g->max_growth = max_growth;
	g->max_growth_pct = max_growth_pct;
	if (!b)
		return;
	for (size_t i = 0; i < r->n_limits; i++) {
		const struct size_limit *l = &r->limits[i];
		struct limit_result *lr = VEC_PUSH(&g->limits);
		long long fig = !strcmp(l->measure, "file") ? b->largest_file
				: pick(l->measure, b->total_raw, b->total_gzip, b->total_brotli);
		lr->limit = l;
		lr->used = fig + l->overhead;
		lr->headroom = l->bytes - lr->used;
		lr->binds = 0;
		/* the binding limit: the least headroom as a share of the limit */
		if (l->bytes > 0 && (bind < 0 || (double)lr->headroom / (double)l->bytes < least)) {
			bind = (int)i;
			least = (double)lr->headroom / (double)l->bytes;
		}
		if (lr->headroom < 0)
			*VEC_PUSH(&g->failures) = fail_line(a, arena_printf(a, "limit %s (%s, %s)", l->name,
									    l->source, l->date),
							    lr->used, l->bytes, l->measure, "the limit");
	}
	if (bind >= 0)
		g->limits.v[bind].binds = 1;
	for (size_t i = 0; i < n_budgets; i++) {
		const struct budget *bu = &budgets[i];
		struct budget_result *br = VEC_PUSH(&g->budgets);
		br->budget = bu;
		br->actual = -1;
		if (!strcmp(bu->what, "total"))
			br->actual = pick(bu->measure, b->total_raw, b->total_gzip, b->total_brotli);
		for (size_t k = 0; k < b->packages.n && br->actual < 0; k++)
			if (!strcasecmp(b->packages.v[k].name, bu->what))
				br->actual = pick(bu->measure, b->packages.v[k].raw, b->packages.v[k].gzip,
						  b->packages.v[k].brotli);
		if (br->actual < 0)
			*VEC_PUSH(&g->failures) = arena_printf(a, "budget %s (%s): no such package in the bundle",
							       bu->what, bu->from);
		else if (br->actual > bu->bytes)
			*VEC_PUSH(&g->failures) = fail_line(a, arena_printf(a, "budget %s (%s)", bu->what, bu->from),
							    br->actual, bu->bytes, bu->measure, "its budget");
	}
	if (!baseline)
		return;
	g->has_baseline = 1;
	struct growth *t = VEC_PUSH(&g->growth);
	t->name = "total";
	t->before = baseline_size(baseline, "total");
	t->after = b->total_gzip;
	for (size_t k = 0; k < b->packages.n; k++) {
		long long before = baseline_size(baseline, b->packages.v[k].name);
		if (before == b->packages.v[k].gzip)
			continue;
		struct growth *gr = VEC_PUSH(&g->growth);
		gr->name = b->packages.v[k].name;
		gr->before = before;
		gr->after = b->packages.v[k].gzip;
	}
	/* packages the baseline had and the bundle no longer has */
	const struct jnode *bb = jnode_get(baseline, "bundle"), *sz = bb ? jnode_get(bb, "sizes") : NULL;
	const struct jnode *pk = sz ? jnode_get(sz, "packages") : NULL;
	for (size_t i = 0; pk && pk->type == J_ARRAY && i < pk->n; i++) {
		const struct jnode *nm = jnode_get(pk->items[i], "name");
		int found = 0;
		if (!nm || nm->type != J_STRING)
			continue;
		for (size_t k = 0; k < b->packages.n; k++)
			found |= !strcmp(b->packages.v[k].name, nm->str);
		if (!found) {
			struct growth *gr = VEC_PUSH(&g->growth);
			gr->name = arena_strdup(a, nm->str);
			gr->before = baseline_size(baseline, nm->str);
			gr->after = -1;
		}
	}
	if (t->before >= 0) {
		long long d = t->after - t->before;
		if ((max_growth >= 0 && d > max_growth) ||
		    (max_growth_pct >= 0 && t->before > 0 && 100.0 * d / t->before > max_growth_pct)) {
			g->growth_over = 1;
			struct strbuf sb = STRBUF_INIT;
			strbuf_addstr(&sb, "growth: total gzip grew by ");
			size_text(&sb, d);
			strbuf_addf(&sb, " (%+.1f%%), over --max-growth ", t->before ? 100.0 * d / t->before : 0.0);
			if (max_growth >= 0)
				size_text(&sb, max_growth);
			else
				strbuf_addf(&sb, "%g%%", max_growth_pct);
			*VEC_PUSH(&g->failures) = arena_strdup(a, sb.buf);
			strbuf_release(&sb);
		}
	}
	for (size_t i = 0; r->audit && i < r->audit->packages.n; i++) {
		const struct package_report *p = &r->audit->packages.v[i];
		if (p->verdict == V_UNSUPPORTED && !baseline_unsupported(baseline, p->name)) {
			*VEC_PUSH(&g->new_blockers) = p->name;
			*VEC_PUSH(&g->failures) = arena_printf(a, "new blocker: '%s' is unsupported on %s "
								  "(it was not in the baseline)", p->name, r->target);
		}
	}
}

void bundle_gate_release(struct bundle_gate *g)
{
	VEC_FREE(&g->limits);
	VEC_FREE(&g->budgets);
	VEC_FREE(&g->growth);
	VEC_FREE(&g->new_blockers);
	VEC_FREE(&g->failures);
}
