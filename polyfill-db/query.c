/* query.c: the questions the rest of the tool asks the rule database: a
 * target's profile, a module's status (explicit rule of the nearest
 * ancestor, else derived from the C-module facts), stdlib membership,
 * package rules. Results are arena copies borrowed until rules_close.
 * It does not load or check rule files (load.c does). */
#include "rules_int.h"

#include <stdlib.h>
#include <string.h>

const char *module_status_name(enum module_status s)
{
	switch (s) {
	case MS_THIRD_PARTY: return "third-party";
	case MS_AVAILABLE: return "available";
	case MS_BUILTIN: return "builtin";
	case MS_POLYFILLED: return "polyfilled";
	case MS_UNAVAILABLE: return "unavailable";
	case MS_LIMITED: return "limited";
	case MS_PROVIDED: return "provided";
	}
	return "unknown";
}

const char *polyfill_fidelity_name(enum polyfill_fidelity f)
{
	return f == PF_FULL ? "full" : "partial";
}

static const char *col_str(struct rules *r, sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? arena_strdup(&r->arena, (const char *)s) : NULL;
}

/* A statement for sql, from the cache when one is idle there (a lookup
 * that recurses while its statement steps gets a second one); unprep gives
 * it back, reset, or finalizes one the cache has no room for. */
static sqlite3_stmt *prep(struct rules *r, const char *sql)
{
	sqlite3_stmt *st = NULL;
	size_t i;

	for (i = 0; i < r->n_stmts; i++)
		if (!r->stmts[i].busy && (r->stmts[i].sql == sql || !strcmp(r->stmts[i].sql, sql))) {
			r->stmts[i].busy = 1;
			return r->stmts[i].st;
		}
	if (sqlite3_prepare_v2(r->db, sql, -1, &st, NULL) != SQLITE_OK)
		return NULL;
	if (r->n_stmts < sizeof(r->stmts) / sizeof(r->stmts[0]))
		r->stmts[r->n_stmts++] = (struct rules_stmt){ sql, st, 1 };
	return st;
}

static void unprep(struct rules *r, sqlite3_stmt *st)
{
	size_t i;

	if (!st)
		return;
	for (i = 0; i < r->n_stmts; i++)
		if (r->stmts[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			r->stmts[i].busy = 0;
			return;
		}
	sqlite3_finalize(st);
}

/* one-row, one-text-column lookups; NULL when absent */
static int exists2(struct rules *r, const char *sql, const char *a, const char *b)
{
	sqlite3_stmt *st = prep(r, sql);
	int found;
	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, a, -1, SQLITE_STATIC);
	if (b)
		sqlite3_bind_text(st, 2, b, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	unprep(r, st);
	return found;
}

/* ---- targets ---- */

size_t rules_target_names(struct rules *r, const char ***names)
{
	if (!r->target_names) {
		VEC(const char *) v = VEC_INIT;
		sqlite3_stmt *st = prep(r, "SELECT name FROM target ORDER BY is_default DESC, ord");
		while (st && sqlite3_step(st) == SQLITE_ROW)
			*VEC_PUSH(&v) = col_str(r, st, 0);
		unprep(r, st);
		r->target_names = arena_alloc(&r->arena, (v.n + 1) * sizeof(char *));
		if (v.n)
			memcpy(r->target_names, v.v, v.n * sizeof(char *));
		r->n_target_names = v.n;
		VEC_FREE(&v);
	}
	*names = r->target_names;
	return r->n_target_names;
}

static int unknown_target(struct rules *r, const char *name, struct perr *err)
{
	const char **names;
	size_t n = rules_target_names(r, &names);
	struct strbuf sb = STRBUF_INIT;
	int rc;

	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? ", " : "", names[i]);
	rc = perr_set(err, PM_USAGE, "unknown target '%s' (known: %s)",
		      printable(&r->arena, name, strlen(name)), n ? sb.buf : "none");
	strbuf_release(&sb);
	return rc;
}

static size_t items(struct rules *r, const char *target, const char *kind, const char ***keys,
		    const char ***values)
{
	VEC(const char *) k = VEC_INIT;
	VEC(const char *) v = VEC_INIT;
	sqlite3_stmt *st = prep(r, "SELECT key, value FROM target_item WHERE target = ? AND kind = ?"
				   " ORDER BY ord");
	size_t n;

	if (st) {
		sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, kind, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			*VEC_PUSH(&k) = col_str(r, st, 0);
			*VEC_PUSH(&v) = col_str(r, st, 1);
		}
		unprep(r, st);
	}
	n = k.n;
	*keys = arena_alloc(&r->arena, (n + 1) * sizeof(char *));
	if (n)
		memcpy(*keys, k.v, n * sizeof(char *));
	if (values) {
		*values = arena_alloc(&r->arena, (n + 1) * sizeof(char *));
		if (n)
			memcpy(*values, v.v, n * sizeof(char *));
	}
	VEC_FREE(&k);
	VEC_FREE(&v);
	return n;
}

static const char *marker(const struct target_info *t, const char *key)
{
	for (size_t i = 0; i < t->n_markers; i++)
		if (!strcmp(t->marker_keys[i], key))
			return t->marker_values[i];
	return NULL;
}

int rules_target(struct rules *r, const char *name, struct target_info *out, struct perr *err)
{
	struct target_info *t = strmap_get(&r->targets, name);
	sqlite3_stmt *st;
	const char *full;

	if (t) {
		*out = *t;
		return 0;
	}
	st = prep(r, "SELECT name, description, python, bundle_gzip, overhead_gzip, bundle_raw,"
		     " memory, cpu_ms FROM target WHERE name = ?");
	if (!st)
		return rulesdb_error(r->db, err, "reading the rules database");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) != SQLITE_ROW) {
		unprep(r, st);
		return unknown_target(r, name, err);
	}
	t = arena_alloc(&r->arena, sizeof(*t));
	t->name = col_str(r, st, 0);
	t->description = col_str(r, st, 1);
	t->python_version = col_str(r, st, 2);
	t->limits.bundle_gzip = sqlite3_column_int64(st, 3);
	t->limits.overhead_gzip = sqlite3_column_int64(st, 4);
	t->limits.bundle_raw = sqlite3_column_int64(st, 5);
	t->limits.memory = sqlite3_column_int64(st, 6);
	t->limits.cpu_ms = sqlite3_column_int64(st, 7);
	unprep(r, st);
	t->n_markers = items(r, t->name, "markers", &t->marker_keys, &t->marker_values);
	t->n_tags = items(r, t->name, "tags", &t->tags, NULL);
	t->n_roots = items(r, t->name, "roots", &t->roots, NULL);
	t->n_provides = items(r, t->name, "provides", &t->provides, &t->provides_source);
	{
		const char **ap;
		size_t n_ap = items(r, t->name, "app_paths", &ap, NULL);
		for (size_t i = 0; i < n_ap; i++) {
			t->app_path_project |= !strcmp(ap[i], "project");
			t->app_path_entry |= !strcmp(ap[i], "entry");
		}
		if (!n_ap)
			t->app_path_entry = 1;
		n_ap = items(r, t->name, "stdlib", &ap, NULL);
		t->stdlib_in_runtime = n_ap && !strcmp(ap[0], "runtime");
		n_ap = items(r, t->name, "family", &ap, NULL);
		t->family = n_ap ? ap[0] : NULL;
	}
	{
		const char **sk, **sv;
		size_t n_sel = items(r, t->name, "select", &sk, &sv);
		for (size_t i = 0; i < n_sel; i++)
			if (!strcmp(sk[i], "pyodide_npm"))
				t->pyodide_npm = sv[i];
			else if (!strcmp(sk[i], "workerd_skip"))
				t->workerd_skip = sv[i];
	}
	{
		const char **zk;
		t->zip_stored = items(r, t->name, "zip_members", &zk, NULL) == 1 && !strcmp(zk[0], "stored");
	}
	{
		VEC(struct size_limit) v = VEC_INIT;
		sqlite3_stmt *ls = prep(r, "SELECT name, measure, bytes, overhead, source, date FROM size_limit"
					   " WHERE target = ? ORDER BY ord");
		struct size_limit *res;
		if (ls) {
			sqlite3_bind_text(ls, 1, t->name, -1, SQLITE_STATIC);
			while (sqlite3_step(ls) == SQLITE_ROW) {
				struct size_limit *l = VEC_PUSH(&v);
				l->name = col_str(r, ls, 0);
				l->measure = col_str(r, ls, 1);
				l->bytes = sqlite3_column_int64(ls, 2);
				l->overhead = sqlite3_column_int64(ls, 3);
				l->source = col_str(r, ls, 4);
				l->date = col_str(r, ls, 5);
			}
			unprep(r, ls);
		}
		res = arena_alloc(&r->arena, (v.n + 1) * sizeof(*res));
		if (v.n)
			memcpy(res, v.v, v.n * sizeof(*res));
		t->size_limits = res;
		t->n_size_limits = v.n;
		VEC_FREE(&v);
	}
	t->env.sys_platform = marker(t, "sys_platform");
	t->env.os_name = marker(t, "os_name");
	t->env.platform_system = marker(t, "platform_system");
	t->env.implementation_name = marker(t, "implementation_name");
	full = marker(t, "python_full_version");
	if (!full)
		full = t->python_version;
	if (full) {
		char *end;
		t->env.py_major = (int)strtol(full, &end, 10);
		if (*end == '.')
			t->env.py_minor = (int)strtol(end + 1, &end, 10);
		if (*end == '.')
			t->env.py_micro = (int)strtol(end + 1, &end, 10);
	}
	strmap_put(&r->targets, name, NULL)->value = t;
	*out = *t;
	return 0;
}

/* ---- modules ---- */

int rules_is_stdlib(struct rules *r, const char *name)
{
	const char *dot = strchr(name, '.');
	char top[256];
	size_t n = dot ? (size_t)(dot - name) : strlen(name);

	if (!n || n >= sizeof(top))
		return 0;
	memcpy(top, name, n);
	top[n] = 0;
	return exists2(r, "SELECT 1 FROM stdlib WHERE name = ?", top, NULL);
}

int rules_target_is_stdlib(struct rules *r, const char *target, const char *name)
{
	const char *dot = strchr(name, '.');
	char top[256];
	size_t n = dot ? (size_t)(dot - name) : strlen(name);

	if (!target || !n || n >= sizeof(top))
		return rules_is_stdlib(r, name);
	memcpy(top, name, n);
	top[n] = 0;
	if (exists2(r, "SELECT 1 FROM target_item WHERE target = ?1 AND kind = 'stdlib_drops' AND key = ?2",
		    target, top))
		return 0;
	if (exists2(r, "SELECT 1 FROM target_item WHERE target = ?1 AND kind = 'stdlib_adds' AND key = ?2",
		    target, top))
		return 1;
	return rules_is_stdlib(r, top);
}

static int explicit_rule(struct rules *r, const char *target, const char *module,
			 struct module_rule *out)
{
	sqlite3_stmt *st = prep(r, "SELECT status, note, remedy, rule_id, fidelity FROM module_rule"
				   " WHERE target = ? AND module = ?");
	int found = 0;

	if (!st)
		return 0;
	sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, module, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		int s = sqlite3_column_int(st, 0);
		out->status = (s >= MS_AVAILABLE && s <= MS_LIMITED) ? (enum module_status)s
									 : MS_UNAVAILABLE;
		out->fidelity = out->status == MS_POLYFILLED && sqlite3_column_int(st, 4) == PF_FULL
					? PF_FULL : PF_PARTIAL;
		out->module = arena_strdup(&r->arena, module);
		out->note = col_str(r, st, 1);
		out->remedy = col_str(r, st, 2);
		out->rule_id = col_str(r, st, 3);
		found = 1;
	}
	unprep(r, st);
	return found;
}

static void derive(struct rules *r, const char *target, const char *module, int depth,
		   struct module_rule *out);

/* module's status from its own rule, an ancestor's rule, or derivation */
static void lookup(struct rules *r, const char *target, const char *module, int depth,
		   struct module_rule *out)
{
	char *name = arena_strdup(&r->arena, module);

	for (;;) {
		char *dot;
		if (explicit_rule(r, target, name, out))
			return;
		if (!(dot = strrchr(name, '.')))
			break;
		*dot = 0;
	}
	derive(r, target, module, depth, out);
}

/* A module no stdlib has: the target's own runtime module (MS_PROVIDED),
 * or another target's (MS_UNAVAILABLE, runtime_of), by the longest
 * `provides` entry that is the module or a package above it; its own
 * target first. */
static void runtime_module(struct rules *r, const char *target, const char *module,
			   struct module_rule *out)
{
	sqlite3_stmt *st = prep(r, "SELECT i.target, i.key, i.value, t.description FROM target_item i"
				   " JOIN target t ON t.name = i.target WHERE i.kind = 'provides'"
				   " AND (i.key = ?1 OR substr(?1, 1, length(i.key) + 1) = i.key || '.')"
				   " ORDER BY i.target = ?2 DESC, length(i.key) DESC, t.ord");
	if (!st)
		return;
	sqlite3_bind_text(st, 1, module, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, target, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW) {
		const char *t = col_str(r, st, 0), *key = col_str(r, st, 1), *src = col_str(r, st, 2);
		const char *desc = col_str(r, st, 3);
		out->module = key;
		out->rule_id = arena_printf(&r->arena, "rules/targets/%s.yaml provides", t);
		if (!strcmp(t, target)) {
			out->status = MS_PROVIDED;
			out->note = arena_printf(&r->arena, "the %s runtime's own module%s%s", t,
						 src ? ": " : "", src ? src : "");
		} else {
			out->status = MS_UNAVAILABLE;
			out->runtime_of = t;
			out->note = arena_printf(&r->arena, "'%s' is a runtime module of %s (%s), which %s lacks",
						 key, t, desc ? desc : t, target);
			out->remedy = arena_printf(&r->arena, "the app is written for %s: bundle or audit it with "
							      "--target %s, or port it to %s's own API", t, t, target);
		}
	}
	unprep(r, st);
}

static void derive(struct rules *r, const char *target, const char *module, int depth,
		   struct module_rule *out)
{
	char *top = arena_strdup(&r->arena, module), *dot, *name;
	sqlite3_stmt *st;
	const char *poly = NULL, *poly_note = NULL, *poly_owner = NULL;
	int poly_partial = 0;
	const char *lim = NULL, *lim_note = NULL, *lim_owner = NULL;
	struct module_rule lim_rule;

	memset(out, 0, sizeof(*out));
	if ((dot = strchr(top, '.')))
		*dot = 0;
	if (!rules_target_is_stdlib(r, target, top)) {
		out->status = MS_THIRD_PARTY;
		out->module = arena_strdup(&r->arena, module);
		runtime_module(r, target, module, out);
		return;
	}
	out->rule_id = "derived";
	/* a C extension module: there or not */
	st = prep(r, "SELECT core FROM cmodule WHERE name = ?");
	if (st) {
		int is_c = 0, core = 0;
		sqlite3_bind_text(st, 1, top, -1, SQLITE_STATIC);
		if (sqlite3_step(st) == SQLITE_ROW) {
			is_c = 1;
			core = sqlite3_column_int(st, 0);
		}
		unprep(r, st);
		if (is_c) {
			out->module = top;
			if (core || exists2(r, "SELECT 1 FROM target_item WHERE target = ? AND kind = 'builtin'"
					       " AND key = ?", target, top)) {
				out->status = MS_BUILTIN;
				out->note = arena_printf(&r->arena, "C extension module compiled into %s", target);
			} else {
				out->status = MS_UNAVAILABLE;
				out->note = arena_printf(&r->arena, "C extension module not built into %s", target);
			}
			return;
		}
	}
	/* what it (or an ancestor) requires, followed transitively */
	/* "pkg.*" requirements hold for pkg's submodules, not for pkg */
	name = arena_strdup(&r->arena, module);
	for (int ancestor = 0;; ancestor = 1) {
		st = depth < 8 ? prep(r, "SELECT needs FROM requires WHERE module = ?1 OR"
					 " (?2 AND module = ?1 || '.*') ORDER BY needs") : NULL;
		if (st) {
			sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
			sqlite3_bind_int(st, 2, ancestor);
			while (sqlite3_step(st) == SQLITE_ROW) {
				struct module_rule need;
				const char *needs = col_str(r, st, 0);
				lookup(r, target, needs, depth + 1, &need);
				if (need.status == MS_UNAVAILABLE || need.status == MS_THIRD_PARTY) {
					out->status = MS_UNAVAILABLE;
					out->module = name;
					out->note = arena_printf(&r->arena, "needs '%s', which %s lacks%s%s",
								 needs, target, need.note ? ": " : "",
								 need.note ? need.note : "");
					out->remedy = need.remedy;
					unprep(r, st);
					return;
				}
				if (need.status == MS_POLYFILLED && (!poly || (!poly_partial &&
				    need.fidelity != PF_FULL))) {
					poly = needs;
					poly_note = need.note;
					poly_owner = name;
					poly_partial = need.fidelity != PF_FULL;
				}
				if (need.status == MS_LIMITED && !lim) {
					lim = needs;
					lim_note = need.note;
					lim_owner = name;
					lim_rule = need;
				}
			}
			unprep(r, st);
		}
		if (!(dot = strrchr(name, '.')))
			break;
		name = arena_strndup(&r->arena, name, dot - name);
	}
	out->status = MS_AVAILABLE;
	out->module = top;
	if (lim) {
		/* CPython's own module over a limited one: it imports, and the
		 * calls that reach the limited module fail */
		out->status = MS_LIMITED;
		out->module = lim_owner;
		out->remedy = lim_rule.remedy;
		out->note = arena_printf(&r->arena, "imports, but relies on '%s', which is limited on %s%s%s",
					 lim, target, lim_note ? ": " : "", lim_note ? lim_note : "");
		return;
	}
	if (poly) {
		/* over a partial polyfill CPython's module imports and the calls
		 * that reach the missing part fail: limited (lzma over _lzma) */
		out->module = poly_owner;
		if (poly_partial)
			out->status = MS_LIMITED;
		out->note = arena_printf(&r->arena, "relies on '%s', which %s provides as a %s polyfill%s%s",
					 poly, target, poly_partial ? "partial" : "full",
					 poly_note ? ": " : "", poly_note ? poly_note : "");
		return;
	}
	if (!exists2(r, "SELECT 1 FROM target_item WHERE target = ? AND kind = 'bundled'", target, NULL)) {
		out->note = "pure Python";
		return;
	}
	name = arena_strdup(&r->arena, module);
	for (;;) {
		if (exists2(r, "SELECT 1 FROM target_item WHERE target = ? AND kind = 'bundled' AND key = ?",
			    target, name)) {
			out->module = name;
			out->note = arena_printf(&r->arena, "bundled with %s", target);
			return;
		}
		if (!(dot = strrchr(name, '.')))
			break;
		*dot = 0;
	}
	out->note = arena_printf(&r->arena, "pure Python, not in %s's bundled stdlib: the bundler ships it from the stdlib tree",
				 target);
}

int rules_module(struct rules *r, const char *target, const char *module, struct module_rule *out)
{
	struct perr err = PERR_INIT;
	struct target_info t;
	struct strmap_entry *e;
	char *key;
	int created;

	memset(out, 0, sizeof(*out));
	out->module = module;
	if (rules_target(r, target, &t, &err))
		return err.code;
	key = arena_printf(&r->arena, "%s\t%s", target, module);
	e = strmap_put(&r->mcache, key, &created);
	if (!created) {
		*out = *(struct module_rule *)e->value;
		return 0;
	}
	lookup(r, target, module, 0, out);
	e = strmap_put(&r->mcache, key, NULL);
	e->value = arena_alloc(&r->arena, sizeof(*out));
	*(struct module_rule *)e->value = *out;
	return 0;
}

size_t rules_module_names(struct rules *r, const char *target, const char ***names)
{
	VEC(const char *) v = VEC_INIT;
	sqlite3_stmt *st = prep(r, "SELECT name FROM stdlib WHERE instr(name, '.') = 0 AND name NOT IN"
				   " (SELECT key FROM target_item WHERE target = ?1 AND kind = 'stdlib_drops') UNION"
				   " SELECT key FROM target_item WHERE target = ?1 AND kind = 'stdlib_adds' UNION"
				   " SELECT module FROM module_rule WHERE target = ?1 ORDER BY 1");
	if (st) {
		sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW)
			*VEC_PUSH(&v) = col_str(r, st, 0);
		unprep(r, st);
	}
	size_t n = v.n;

	*names = arena_alloc(&r->arena, (n + 1) * sizeof(char *));
	if (n)
		memcpy(*names, v.v, n * sizeof(char *));
	VEC_FREE(&v);
	return n;
}

/* ---- packages ---- */

static size_t split_lines(struct rules *r, const char *s, const char ***out)
{
	size_t n = 0, i = 0;
	char *copy, *p;

	*out = NULL;
	if (!s || !*s)
		return 0;
	for (const char *q = s; *q; q++)
		n += *q == '\n';
	n++;
	*out = arena_alloc(&r->arena, (n + 1) * sizeof(char *));
	copy = arena_strdup(&r->arena, s);
	for (p = copy; i < n; i++) {
		char *nl = strchr(p, '\n');
		(*out)[i] = p;
		if (!nl)
			break;
		*nl = 0;
		p = nl + 1;
	}
	return n;
}

static void fill_package(struct rules *r, sqlite3_stmt *st, struct package_rule *out)
{
	int k = sqlite3_column_int(st, 1);
	out->package = col_str(r, st, 0);
	out->kind = (k >= PR_VARIANT && k <= PR_UNSUPPORTED) ? (enum package_rule_kind)k : PR_NONE;
	out->note = col_str(r, st, 2);
	out->variant_file = col_str(r, st, 3);
	out->variant_version = col_str(r, st, 4);
	out->n_variant_modules = split_lines(r, (const char *)sqlite3_column_text(st, 5),
					     &out->variant_modules);
	out->n_alternatives = split_lines(r, (const char *)sqlite3_column_text(st, 6),
					  &out->alternatives);
	out->rule_id = col_str(r, st, 7);
	out->n_native_modules = split_lines(r, (const char *)sqlite3_column_text(st, 8),
					    &out->native_modules);
}

#define PACKAGE_COLS "package, kind, note, file, version, modules, alternatives, rule_id, native"

int rules_package(struct rules *r, const char *target, const char *name, struct package_rule *out)
{
	struct perr err = PERR_INIT;
	struct target_info t;
	sqlite3_stmt *st;

	memset(out, 0, sizeof(*out));
	out->package = rules_normalize(&r->arena, name);
	if (rules_target(r, target, &t, &err))
		return err.code;
	st = prep(r, "SELECT " PACKAGE_COLS " FROM package_rule WHERE target = ? AND package = ?");
	if (!st)
		return PM_INPUT;
	sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, out->package, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		fill_package(r, st, out);
	unprep(r, st);
	return 0;
}

size_t rules_packages(struct rules *r, const char *target, const struct package_rule **rules)
{
	VEC(struct package_rule) v = VEC_INIT;
	struct package_rule *arr;
	sqlite3_stmt *st = prep(r, "SELECT " PACKAGE_COLS " FROM package_rule WHERE target = ?"
				   " ORDER BY kind, package");
	size_t n;

	if (st) {
		sqlite3_bind_text(st, 1, target, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct package_rule *p = VEC_PUSH(&v);
			memset(p, 0, sizeof(*p));
			fill_package(r, st, p);
		}
		unprep(r, st);
	}
	n = v.n;
	arr = arena_alloc(&r->arena, (n + 1) * sizeof(*arr));
	if (n)
		memcpy(arr, v.v, n * sizeof(*arr));
	VEC_FREE(&v);
	*rules = arr;
	return n;
}

/* ---- implicit imports and codecs ---- */

int rules_is_frozen(struct rules *r, const char *module)
{
	return exists2(r, "SELECT 1 FROM frozen WHERE name = ?", module, NULL);
}

/* n elements of elem bytes into the rules arena (one more, zeroed, so an
 * empty result is no NULL) */
static void *vec_to_arena(struct rules *r, const void *v, size_t n, size_t elem)
{
	void *res = arena_alloc(&r->arena, (n + 1) * elem);
	if (n)
		memcpy(res, v, n * elem);
	return res;
}

size_t rules_implicit(struct rules *r, const char *module, const struct implicit_import **out)
{
	VEC(struct implicit_import) v = VEC_INIT;
	sqlite3_stmt *st = prep(r, "SELECT module, needs, when_name, rule_id FROM implicit"
				   " WHERE module = ? ORDER BY rowid");
	size_t n;

	if (st) {
		sqlite3_bind_text(st, 1, module, -1, SQLITE_STATIC);
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct implicit_import *ii = VEC_PUSH(&v);
			ii->module = col_str(r, st, 0);
			ii->imports = col_str(r, st, 1);
			ii->when = col_str(r, st, 2);
			ii->rule_id = col_str(r, st, 3);
		}
		unprep(r, st);
	}
	n = v.n;
	*out = vec_to_arena(r, v.v, n, sizeof(*v.v));
	VEC_FREE(&v);
	return n;
}

size_t rules_gates(struct rules *r, const struct import_gate **out)
{
	VEC(struct import_gate) v = VEC_INIT;
	sqlite3_stmt *st = prep(r, "SELECT module, needs, when_names, why, rule_id, rows, takes FROM gated"
				   " ORDER BY module, needs");
	size_t n;

	if (st) {
		while (sqlite3_step(st) == SQLITE_ROW) {
			struct import_gate *g = VEC_PUSH(&v);
			g->module = col_str(r, st, 0);
			g->imports = col_str(r, st, 1);
			g->when = col_str(r, st, 2);
			g->why = col_str(r, st, 3);
			g->rule_id = col_str(r, st, 4);
			g->rows = col_str(r, st, 5);
			g->takes = col_str(r, st, 6);
		}
		unprep(r, st);
	}
	n = v.n;
	*out = vec_to_arena(r, v.v, n, sizeof(*v.v));
	VEC_FREE(&v);
	return n;
}

/* Lib/encodings/__init__.py normalize_encoding() after str.lower():
 * runs of characters other than alphanumerics and '.' become one '_',
 * leading and trailing ones dropped */
static void normalize_codec(const char *in, char *out, size_t cap)
{
	size_t n = 0;
	int punct = 0;

	for (const unsigned char *p = (const unsigned char *)in; *p && n + 2 < cap; p++) {
		unsigned char c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.') {
			if (punct && n)
				out[n++] = '_';
			out[n++] = (char)((c >= 'A' && c <= 'Z') ? c + 32 : c);
			punct = 0;
		} else {
			punct = 1;
		}
	}
	out[n] = 0;
}

static const char *codec_lookup(struct rules *r, const char *name)
{
	sqlite3_stmt *st = prep(r, "SELECT module FROM codec WHERE name = ?");
	const char *mod = NULL;

	if (!st)
		return NULL;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		mod = col_str(r, st, 0);
	unprep(r, st);
	return mod;
}

const char *rules_codec_module(struct rules *r, const char *codec)
{
	char norm[128];
	const char *mod;

	normalize_codec(codec, norm, sizeof(norm));
	if (!*norm)
		return NULL;
	mod = codec_lookup(r, norm);
	if (!mod) {
		for (char *p = norm; *p; p++)
			if (*p == '.')
				*p = '_';
		mod = codec_lookup(r, norm);
	}
	return mod ? arena_printf(&r->arena, "encodings.%s", mod) : NULL;
}

int rules_target_memory(struct rules *r, const char *target, struct target_memory *out)
{
	const char **base;

	memset(out, 0, sizeof *out);
	if (items(r, target, "memory_base", &base, NULL) == 0)
		return 0;
	out->base = strtoll(base[0], NULL, 10);
	out->n_boot = items(r, target, "memory_boot", &out->boot, NULL);
	return 1;
}
