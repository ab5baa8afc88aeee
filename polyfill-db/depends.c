/* depends.c: what a package depends on and what that does to its verdict:
 * the requirements that apply on the target (PEP 508 markers evaluated with
 * the resolver's leaf parser), the ones no scanned distribution is, and the
 * verdict rolled up over dependencies. Findings themselves are verdict.c's. */
#include "verdict_int.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* p->depends: the requirements that apply on the target, as pip would
 * install them without extras; a requirement that does not parse, or whose
 * marker cannot be evaluated, is kept when a name can be read from it */
void audit_set_depends(struct audit *a, struct package_report *p)
{
	struct marker_env env;
	struct arena tmp = ARENA_INIT;

	marker_env_from_arrays(&env, a->target.marker_keys, a->target.marker_values,
			       a->target.n_markers);
	p->depends = arena_alloc(&a->arena, sizeof(char *) * (p->n_requires ? p->n_requires : 1));
	for (size_t i = 0; i < p->n_requires; i++) {
		const char *s = p->requires_dist[i];
		struct perr err = PERR_INIT;
		struct req r;
		const char *key = NULL;
		int keep = 1;

		if (!req_parse(&r, s, strlen(s), &tmp, &err, NULL)) {
			key = r.key;
			if (r.marker && marker_eval(r.marker, &env, NULL, 0, &keep, &err))
				keep = 1;
		} else {
			size_t n = 0;
			while (s[n] && (isalnum((unsigned char)s[n]) || strchr("-_.", s[n])))
				n++;
			if (n)
				key = req_name_normalize(&tmp, s, n);
		}
		if (!key || !keep)
			continue;
		for (size_t k = 0; k < p->n_depends && key; k++)
			if (!strcmp(p->depends[k], key))
				key = NULL;
		if (key)
			p->depends[p->n_depends++] = arena_strdup(&a->arena, key);
	}
	arena_release(&tmp);
}

void audit_app_depends(struct audit *a, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < a->packages.n; i++) {
		struct package_report *p = &a->packages.v[i];
		const char **v;
		if (p->kind != DIST_APP || !n)
			continue;
		v = arena_alloc(&a->arena, sizeof(char *) * (p->n_depends + n));
		for (size_t k = 0; k < p->n_depends; k++)
			v[k] = p->depends[k];
		for (size_t k = 0; k < n; k++) {
			int dup = 0;
			for (size_t j = 0; j < p->n_depends && !dup; j++)
				dup = !strcmp(v[j], keys[k]);
			if (!dup)
				v[p->n_depends++] = arena_strdup(&a->arena, keys[k]);
		}
		p->depends = v;
	}
}

/* the top-level part of a module name, normalized as a distribution name
 * would be (charset_normalizer -> charset-normalizer) */
static char *top_normalized(struct arena *tmp, const char *module)
{
	const char *dot = strchr(module, '.');
	return req_name_normalize(tmp, module, dot ? (size_t)(dot - module) : strlen(module));
}

static long package_named(const struct strmap *byname, const char *key)
{
	void *v = strmap_get(byname, key);
	return v ? (long)(uintptr_t)v - 1 : -1;
}

/* Requirements no scanned distribution is, and the missing-module notes
 * they make redundant (one line per requirement instead of one note per
 * submodule imported from it). */
void audit_not_audited(struct audit *a, struct package_report *p, const struct strmap *byname)
{
	struct arena tmp = ARENA_INIT;

	p->not_audited = arena_alloc(&a->arena, sizeof(char *) * (p->n_depends ? p->n_depends : 1));
	for (size_t k = 0; k < p->n_depends; k++)
		if (package_named(byname, p->depends[k]) < 0)
			p->not_audited[p->n_not_audited++] = p->depends[k];
	if (!p->n_not_audited) {
		arena_release(&tmp);
		return;
	}
	for (size_t k = 0; k < p->findings.n;) {
		struct finding *f = &p->findings.v[k];
		int drop = 0;
		if (f->kind == F_MISSING_MODULE && f->module) {
			const char *top = top_normalized(&tmp, f->module);
			for (size_t j = 0; j < p->n_not_audited && !drop; j++)
				drop = !strcmp(top, p->not_audited[j]);
		}
		if (drop) {
			memmove(f, f + 1, sizeof(*f) * (p->findings.n - k - 1));
			p->findings.n--;
		} else {
			k++;
		}
	}
	arena_release(&tmp);
}

size_t audit_provides(const struct distribution *d, struct arena *a, const char ***out)
{
	struct strmap seen = STRMAP_INIT, modules = STRMAP_INIT;
	const char **v = arena_alloc(a, sizeof(*v) * (2 * d->modules.n + 1));
	size_t n = 0;

	for (size_t i = 0; i < d->modules.n; i++)
		strmap_put(&modules, d->modules.v[i].name, NULL);
	for (size_t i = 0; i < d->modules.n; i++) {
		const char *name = d->modules.v[i].name, *dot = strchr(name, '.'), *dot2;
		char *top = dot ? xstrndup(name, (size_t)(dot - name)) : xstrdup(name);
		int created;
		strmap_put(&seen, top, &created);
		if (created)
			v[n++] = arena_strdup(a, top);
		/* under a namespace top, the package in it */
		if (dot && !strmap_has(&modules, top)) {
			dot2 = strchr(dot + 1, '.');
			char *two = dot2 ? xstrndup(name, (size_t)(dot2 - name)) : xstrdup(name);
			strmap_put(&seen, two, &created);
			if (created)
				v[n++] = arena_strdup(a, two);
			free(two);
		}
		free(top);
	}
	strmap_release(&seen);
	strmap_release(&modules);
	*out = v;
	return n;
}

const char *audit_owner(const struct strmap *provided, const char *module)
{
	char *name = xstrdup(module), *dot;
	const char *owner;

	while (!(owner = strmap_get(provided, name)) && (dot = strrchr(name, '.')))
		*dot = 0;
	free(name);
	return owner;
}

/* Each package's verdict becomes the worst over it and everything it
 * depends on, transitively (cycles included): a fixed point, since
 * verdicts only grow. through names the first dependency, in the
 * package's own order (requirements, then what its imports load), that
 * carries the final verdict. */
void verdict_roll_up(struct rollup_package *v, size_t n, const struct strmap *provided)
{
	struct strmap byname = STRMAP_INIT;
	VEC(long) *deps = xcalloc(n ? n : 1, sizeof(*deps));
	int changed = 1;

	for (size_t i = 0; i < n; i++) {
		struct strmap_entry *e;
		int created;
		if ((e = strmap_put(&byname, v[i].normalized, &created)) && created)
			e->value = (void *)(uintptr_t)(i + 1);
		v[i].verdict = v[i].own_verdict;
		v[i].through = NULL;
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < v[i].n_depends; k++) {
			long j = package_named(&byname, v[i].depends[k]);
			if (j >= 0 && (size_t)j != i)
				*VEC_PUSH(&deps[i]) = j;
		}
		/* the distributions its eager, unguarded imports load */
		for (size_t k = 0; k < v[i].n_loads; k++) {
			const char *owner = audit_owner(provided, v[i].loads[k]);
			long j;
			if (owner && (j = package_named(&byname, owner)) >= 0 && (size_t)j != i)
				*VEC_PUSH(&deps[i]) = j;
		}
	}
	while (changed) {
		changed = 0;
		for (size_t i = 0; i < n; i++)
			for (size_t k = 0; k < deps[i].n; k++)
				if (v[deps[i].v[k]].verdict > v[i].verdict) {
					v[i].verdict = v[deps[i].v[k]].verdict;
					changed = 1;
				}
	}
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < deps[i].n && v[i].verdict > v[i].own_verdict && !v[i].through; k++)
			if (v[deps[i].v[k]].verdict == v[i].verdict)
				v[i].through = v[deps[i].v[k]].normalized;
		VEC_FREE(&deps[i]);
	}
	free(deps);
	strmap_release(&byname);
}

void audit_roll_up(struct audit *a)
{
	size_t n = a->packages.n;
	struct rollup_package *v = xcalloc(n ? n : 1, sizeof(*v));
	struct arena tmp = ARENA_INIT;

	for (size_t i = 0; i < n; i++) {
		struct package_report *p = &a->packages.v[i];
		const char **loads = arena_alloc(&tmp, sizeof(*loads) * (p->external.n + 1));
		for (size_t k = 0; k < p->external.n; k++)
			loads[k] = p->external.v[k].module;
		v[i] = (struct rollup_package){ p->normalized, p->own_verdict, p->depends, p->n_depends,
						loads, p->external.n, V_COMPATIBLE, NULL };
	}
	verdict_roll_up(v, n, &a->provided);
	for (size_t i = 0; i < n; i++) {
		a->packages.v[i].verdict = v[i].verdict;
		a->packages.v[i].through = v[i].through;
	}
	free(v);
	arena_release(&tmp);
}
