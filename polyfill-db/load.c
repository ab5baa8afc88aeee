/* load.c: reads one rule directory (a layer) into the SQLite database:
 * walks it for *.yaml and *.txt files, checks every file against the schema
 * in docs/rules.md (unknown keys, wrong types, duplicates, unknown targets,
 * each with file:line:col) and writes rows, replacing earlier layers' rows
 * per key. It answers no queries (query.c does). */
#include "rules_int.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

struct loader {
	sqlite3 *db;
	struct arena a;
	struct strmap seen; /* keys defined in this layer -> "file:line" */
	struct perr *err;
	const char *file;   /* current file, for messages */
};

struct ydoc {
	const char *file;
	struct ynode *root;
};

/* ---- small helpers ---- */

static int lfail(struct loader *L, const struct ynode *n, const char *fmt, ...) PM_PRINTF(3, 4);
static int lfail(struct loader *L, const struct ynode *n, const char *fmt, ...)
{
	char what[700];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	if (n)
		return perr_set(L->err, PM_INPUT, "%s:%d:%d: %s", L->file, n->line, n->col, what);
	return perr_set(L->err, PM_INPUT, "%s: %s", L->file, what);
}

static const char *qs(struct loader *L, const char *s)
{
	return printable(&L->a, s, strlen(s));
}

/* runs sql with arguments described by types: 's' text (NULL allowed), 'i' long long */
static int run(struct loader *L, const char *sql, const char *types, ...)
{
	sqlite3_stmt *st;
	va_list ap;
	int rc;

	if (sqlite3_prepare_v2(L->db, sql, -1, &st, NULL) != SQLITE_OK)
		return rulesdb_error(L->db, L->err, "preparing the rules database");
	va_start(ap, types);
	for (int i = 0; types[i]; i++) {
		if (types[i] == 's') {
			const char *s = va_arg(ap, const char *);
			if (s)
				sqlite3_bind_text(st, i + 1, s, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(st, i + 1);
		} else {
			sqlite3_bind_int64(st, i + 1, va_arg(ap, long long));
		}
	}
	va_end(ap);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return rulesdb_error(L->db, L->err, "writing the rules database");
	return 0;
}

static int target_exists(struct loader *L, const char *name)
{
	sqlite3_stmt *st;
	int found = 0;

	if (sqlite3_prepare_v2(L->db, "SELECT 1 FROM target WHERE name = ?", -1, &st, NULL) != SQLITE_OK)
		return 0;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	found = sqlite3_step(st) == SQLITE_ROW;
	sqlite3_finalize(st);
	return found;
}

static const char *known_targets(struct loader *L)
{
	struct strbuf sb = STRBUF_INIT;
	sqlite3_stmt *st;
	const char *out;

	if (sqlite3_prepare_v2(L->db, "SELECT name FROM target ORDER BY is_default DESC, ord", -1, &st, NULL) == SQLITE_OK) {
		while (sqlite3_step(st) == SQLITE_ROW)
			strbuf_addf(&sb, "%s%s", sb.len ? ", " : "", sqlite3_column_text(st, 0));
		sqlite3_finalize(st);
	}
	out = arena_strdup(&L->a, sb.len ? sb.buf : "none");
	strbuf_release(&sb);
	return out;
}

/* checks every key of map against allowed (NULL-terminated) */
static int check_keys(struct loader *L, const struct ynode *map, const char *ctx,
		      const char *const *allowed)
{
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const char *k = map->items[i]->str;
		size_t j;
		for (j = 0; allowed[j]; j++)
			if (!strcmp(allowed[j], k))
				break;
		if (!allowed[j]) {
			struct strbuf sb = STRBUF_INIT;
			int rc;
			for (j = 0; allowed[j]; j++)
				strbuf_addf(&sb, "%s%s", j ? ", " : "", allowed[j]);
			rc = lfail(L, map->items[i], "unknown key '%s' in %s (expected one of: %s)",
				   qs(L, k), ctx, sb.buf);
			strbuf_release(&sb);
			return rc;
		}
	}
	return 0;
}

static const struct ynode *mget(const struct ynode *map, const char *key)
{
	for (size_t i = 0; i + 1 < map->n; i += 2)
		if (!strcmp(map->items[i]->str, key))
			return map->items[i + 1];
	return NULL;
}

static int want_type(struct loader *L, const struct ynode *n, enum ynode_type t, const char *what)
{
	static const char *names[] = { "a string", "a list", "a mapping" };
	if (n->type == t)
		return 0;
	return lfail(L, n, "%s must be %s, not %s", what, names[t], names[n->type]);
}

static int get_str(struct loader *L, const struct ynode *map, const char *key, int required,
		   const char **out)
{
	const struct ynode *n = mget(map, key);
	*out = NULL;
	if (!n) {
		if (required)
			return lfail(L, map, "missing required key '%s'", key);
		return 0;
	}
	if (want_type(L, n, Y_SCALAR, key))
		return PM_INPUT;
	*out = n->str;
	return 0;
}

/* a list of strings; a single scalar is accepted as a list of one when one_ok */
static int get_list(struct loader *L, const struct ynode *n, const char *what, int one_ok,
		    const struct ynode ***items, size_t *count)
{
	if (one_ok && n->type == Y_SCALAR) {
		*items = (const struct ynode **)arena_alloc(&L->a, sizeof(**items));
		(*items)[0] = n;
		*count = 1;
		return 0;
	}
	if (want_type(L, n, Y_SEQ, what))
		return PM_INPUT;
	for (size_t i = 0; i < n->n; i++)
		if (want_type(L, n->items[i], Y_SCALAR, what))
			return lfail(L, n->items[i], "every item of %s must be a string", what);
	*items = (const struct ynode **)n->items;
	*count = n->n;
	return 0;
}

static int valid_module(const char *s)
{
	int start = 1;
	if (!*s)
		return 0;
	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;
		if (c == '.') {
			if (start)
				return 0;
			start = 1;
			continue;
		}
		if (!(c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		      (!start && c >= '0' && c <= '9')))
			return 0;
		start = 0;
	}
	return !start;
}

static int valid_name(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *s))
			return 0;
	return 1;
}

static int check_module(struct loader *L, const struct ynode *n)
{
	if (!valid_module(n->str))
		return lfail(L, n, "'%s' is not a dotted module name", qs(L, n->str));
	return 0;
}

static const char *rule_id(struct loader *L, const struct ynode *n)
{
	return arena_printf(&L->a, "%s:%d", L->file, n->line);
}

/* records key as defined in this layer; a second definition is an error */
static int once(struct loader *L, const struct ynode *n, const char *key, const char *what)
{
	int created;
	struct strmap_entry *e = strmap_put(&L->seen, key, &created);
	if (!created)
		return lfail(L, n, "duplicate rule for %s (first at %s)", what, (const char *)e->value);
	e->value = (void *)rule_id(L, n);
	return 0;
}

/* ---- the statuses and kinds spelled in YAML ---- */

static int parse_status(struct loader *L, const struct ynode *n, int *out)
{
	static const struct { const char *name; enum module_status s; } names[] = {
		{ "available", MS_AVAILABLE }, { "builtin", MS_BUILTIN }, { "limited", MS_LIMITED },
		{ "polyfilled", MS_POLYFILLED }, { "unavailable", MS_UNAVAILABLE },
	};
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (!strcmp(n->str, names[i].name)) {
			*out = names[i].s;
			return 0;
		}
	return lfail(L, n, "unknown module status '%s' (expected available, builtin, limited, polyfilled or unavailable)",
		     qs(L, n->str));
}

/* fidelity: full | partial, only on a polyfilled rule, where it is required */
static int parse_fidelity(struct loader *L, const struct ynode *m, int status, int *out)
{
	const struct ynode *n = mget(m, "fidelity");

	*out = PF_PARTIAL;
	if (!n) {
		if (status == MS_POLYFILLED)
			return lfail(L, m, "a polyfilled module rule needs 'fidelity' (full or partial)");
		return 0;
	}
	if (status != MS_POLYFILLED)
		return lfail(L, n, "'fidelity' is only for a polyfilled module rule");
	if (want_type(L, n, Y_SCALAR, "fidelity"))
		return PM_INPUT;
	if (!strcmp(n->str, "full"))
		*out = PF_FULL;
	else if (strcmp(n->str, "partial"))
		return lfail(L, n, "unknown fidelity '%s' (expected full or partial)", qs(L, n->str));
	return 0;
}

static int parse_kind(struct loader *L, const struct ynode *n, int *out)
{
	static const char *names[] = { "variant", "polyfill", "unsupported" };
	for (int i = 0; i < 3; i++)
		if (!strcmp(n->str, names[i])) {
			*out = PR_VARIANT + i;
			return 0;
		}
	return lfail(L, n, "unknown package rule kind '%s' (expected variant, polyfill or unsupported)",
		     qs(L, n->str));
}

static const char *join_list(struct loader *L, const struct ynode **items, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *out;
	if (!n)
		return NULL;
	for (size_t i = 0; i < n; i++)
		strbuf_addf(&sb, "%s%s", i ? "\n" : "", items[i]->str);
	out = arena_strdup(&L->a, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* ---- module and package rules ---- */

static int load_modules(struct loader *L, const struct ynode *seq, const char *implied_target)
{
	static const char *const keys[] = { "module", "target", "status", "fidelity", "note", "remedy",
					    NULL };

	if (want_type(L, seq, Y_SEQ, "modules"))
		return PM_INPUT;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *m = seq->items[i], *tn, *sn, **targets;
		const char *module, *note, *remedy;
		size_t nt;
		int status = MS_AVAILABLE, fidelity = PF_PARTIAL, rc;

		if (want_type(L, m, Y_MAP, "a module rule"))
			return PM_INPUT;
		if ((rc = check_keys(L, m, "a module rule", keys)) ||
		    (rc = get_str(L, m, "module", 1, &module)) ||
		    (rc = check_module(L, mget(m, "module"))) ||
		    (rc = get_str(L, m, "status", 1, &note)) ||
		    (rc = parse_status(L, mget(m, "status"), &status)) ||
		    (rc = parse_fidelity(L, m, status, &fidelity)) ||
		    (rc = get_str(L, m, "note", 0, &note)) ||
		    (rc = get_str(L, m, "remedy", 0, &remedy)))
			return rc;
		tn = mget(m, "target");
		if (implied_target) {
			if (tn && (tn->type != Y_SCALAR || strcmp(tn->str, implied_target)))
				return lfail(L, tn, "a module rule in the file of target '%s' may not name another target",
					     implied_target);
			sn = m;
			targets = &sn;
			nt = 1;
		} else {
			if (!tn)
				return lfail(L, m, "missing required key 'target'");
			if ((rc = get_list(L, tn, "target", 1, &targets, &nt)))
				return rc;
		}
		for (size_t t = 0; t < nt; t++) {
			const char *target = implied_target ? implied_target : targets[t]->str;
			const char *key = arena_printf(&L->a, "M\t%s\t%s", target, module);
			if (!target_exists(L, target))
				return lfail(L, targets[t], "rule for unknown target '%s' (known: %s)",
					     qs(L, target), known_targets(L));
			if ((rc = once(L, m, key, arena_printf(&L->a, "module '%s' on target '%s'",
								module, target))))
				return rc;
			if ((rc = run(L, "INSERT OR REPLACE INTO module_rule VALUES (?,?,?,?,?,?,?)", "ssisssi",
				      target, module, (long long)status, note, remedy, rule_id(L, m),
				      (long long)fidelity)))
				return rc;
		}
	}
	return 0;
}

/* an optional list of module names under key in map m */
static int get_module_list(struct loader *L, const struct ynode *m, const char *key,
			   const struct ynode ***items, size_t *n)
{
	const struct ynode *v = mget(m, key);
	int rc;

	if (!v)
		return 0;
	if ((rc = get_list(L, v, key, 0, items, n)))
		return rc;
	for (size_t j = 0; j < *n; j++)
		if ((rc = check_module(L, (*items)[j])))
			return rc;
	return 0;
}

static int load_packages(struct loader *L, const struct ynode *seq)
{
	static const char *const keys[] = { "package", "target", "kind", "note", "file", "version",
					    "modules", "alternatives", "native", NULL };

	if (want_type(L, seq, Y_SEQ, "packages"))
		return PM_INPUT;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *p = seq->items[i], *n, **targets, **mods = NULL, **alts = NULL,
				   **natives = NULL;
		const char *name, *kindstr, *note, *file, *version, *norm;
		size_t nt, nm = 0, na = 0, nn = 0;
		int kind = PR_NONE, rc;

		if (want_type(L, p, Y_MAP, "a package rule"))
			return PM_INPUT;
		if ((rc = check_keys(L, p, "a package rule", keys)) ||
		    (rc = get_str(L, p, "package", 1, &name)) ||
		    (rc = get_str(L, p, "kind", 1, &kindstr)) ||
		    (rc = parse_kind(L, mget(p, "kind"), &kind)) ||
		    (rc = get_str(L, p, "note", 0, &note)) ||
		    (rc = get_str(L, p, "file", 0, &file)) ||
		    (rc = get_str(L, p, "version", 0, &version)))
			return rc;
		if (!valid_name(name))
			return lfail(L, mget(p, "package"), "'%s' is not a package name", qs(L, name));
		if (!(n = mget(p, "target")))
			return lfail(L, p, "missing required key 'target'");
		if ((rc = get_list(L, n, "target", 1, &targets, &nt)))
			return rc;
		if ((rc = get_module_list(L, p, "modules", &mods, &nm)) ||
		    (rc = get_module_list(L, p, "native", &natives, &nn)))
			return rc;
		if ((n = mget(p, "alternatives")) && (rc = get_list(L, n, "alternatives", 0, &alts, &na)))
			return rc;
		if (kind == PR_VARIANT && !file)
			return lfail(L, p, "a variant rule needs 'file'");
		norm = rules_normalize(&L->a, name);
		for (size_t t = 0; t < nt; t++) {
			const char *target = targets[t]->str;
			if (!target_exists(L, target))
				return lfail(L, targets[t], "rule for unknown target '%s' (known: %s)",
					     qs(L, target), known_targets(L));
			if ((rc = once(L, p, arena_printf(&L->a, "P\t%s\t%s", target, norm),
				       arena_printf(&L->a, "package '%s' on target '%s'", norm, target))))
				return rc;
			if ((rc = run(L, "INSERT OR REPLACE INTO package_rule VALUES (?,?,?,?,?,?,?,?,?,?)",
				      "ssisssssss", target, norm, (long long)kind, note, file, version,
				      join_list(L, mods, nm), join_list(L, alts, na), rule_id(L, p),
				      join_list(L, natives, nn))))
				return rc;
		}
	}
	return 0;
}

static int load_cmodules(struct loader *L, const struct ynode *n, int core)
{
	const struct ynode **items;
	size_t count;
	int rc;

	if ((rc = get_list(L, n, core ? "core_c_modules" : "c_modules", 0, &items, &count)))
		return rc;
	for (size_t i = 0; i < count; i++) {
		if ((rc = check_module(L, items[i])))
			return rc;
		if ((rc = run(L, "INSERT OR REPLACE INTO cmodule VALUES (?, ?)", "si", items[i]->str,
			      (long long)core)))
			return rc;
	}
	return 0;
}

static int load_requires(struct loader *L, const struct ynode *map)
{
	int rc;

	if (want_type(L, map, Y_MAP, "requires"))
		return PM_INPUT;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *k = map->items[i], **items;
		size_t count, kn = k->type == Y_SCALAR ? strlen(k->str) : 0;
		/* "pkg.*": every submodule of pkg, not pkg itself */
		int subs = kn > 2 && !strcmp(k->str + kn - 2, ".*");
		if (subs && !valid_module(arena_strndup(&L->a, k->str, kn - 2)))
			return lfail(L, k, "'%s' is not a dotted module name", qs(L, k->str));
		if ((!subs && (rc = check_module(L, k))) ||
		    (rc = get_list(L, map->items[i + 1], "a requirement list", 0, &items, &count)) ||
		    (rc = once(L, k, arena_printf(&L->a, "R\t%s", k->str),
			       arena_printf(&L->a, "the requirements of '%s'", k->str))) ||
		    (rc = run(L, "DELETE FROM requires WHERE module = ?", "s", k->str)))
			return rc;
		for (size_t j = 0; j < count; j++) {
			if ((rc = check_module(L, items[j])))
				return rc;
			if ((rc = run(L, "INSERT OR REPLACE INTO requires VALUES (?, ?, ?)", "sss",
				      k->str, items[j]->str, rule_id(L, k))))
				return rc;
		}
	}
	return 0;
}

/* ---- what the interpreter imports on its own (rules/stdlib/implicit.yaml,
 * codecs.yaml) ---- */

static int load_frozen(struct loader *L, const struct ynode *n)
{
	const struct ynode **items;
	size_t count;
	int rc;

	if ((rc = get_list(L, n, "frozen", 0, &items, &count)))
		return rc;
	for (size_t i = 0; i < count; i++)
		if ((rc = check_module(L, items[i])) ||
		    (rc = run(L, "INSERT OR IGNORE INTO frozen VALUES (?)", "s", items[i]->str)))
			return rc;
	return 0;
}

static int load_implicit(struct loader *L, const struct ynode *seq)
{
	static const char *const keys[] = { "module", "imports", "when", NULL };
	int rc;

	if (want_type(L, seq, Y_SEQ, "implicit"))
		return PM_INPUT;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i], *im, **items;
		const char *module, *when;
		size_t count;
		if (want_type(L, e, Y_MAP, "an implicit import") ||
		    (rc = check_keys(L, e, "an implicit import", keys)) ||
		    (rc = get_str(L, e, "module", 1, &module)) ||
		    (rc = get_str(L, e, "when", 0, &when)))
			return rc ? rc : PM_INPUT;
		if ((rc = check_module(L, mget(e, "module"))))
			return rc;
		if (!(im = mget(e, "imports")))
			return lfail(L, e, "missing required key 'imports'");
		if ((rc = get_list(L, im, "imports", 1, &items, &count)))
			return rc;
		for (size_t j = 0; j < count; j++)
			if ((rc = check_module(L, items[j])) ||
			    (rc = run(L, "INSERT INTO implicit VALUES (?, ?, ?, ?)", "ssss", module,
				      items[j]->str, when, rule_id(L, e))))
				return rc;
	}
	return 0;
}

/* gated imports: an import statement of module that runs only when code
 * outside module's top-level package names one of `when` */
static int load_gated(struct loader *L, const struct ynode *seq)
{
	static const char *const keys[] = { "module", "imports", "when", "why", "rows", "takes", NULL };
	int rc;

	if (want_type(L, seq, Y_SEQ, "gated"))
		return PM_INPUT;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i], *im, *wn, *tk, **items, **names, **takes = NULL;
		const char *module, *why, *rows = NULL;
		size_t count, nnames, ntakes = 0;
		struct strbuf w = STRBUF_INIT, tb = STRBUF_INIT;
		if (want_type(L, e, Y_MAP, "a gated import") ||
		    (rc = check_keys(L, e, "a gated import", keys)) ||
		    (rc = get_str(L, e, "module", 1, &module)) ||
		    (rc = get_str(L, e, "why", 1, &why)) ||
		    (rc = get_str(L, e, "rows", 0, &rows)))
			return rc ? rc : PM_INPUT;
		/* rows: MODULE.TABLE, a dict display whose entries each name one
		 * module the computed load may load */
		if (rows && (!valid_module(rows) || !strchr(rows, '.')))
			return lfail(L, mget(e, "rows"), "'%s' is not MODULE.TABLE", qs(L, rows));
		if ((rc = check_module(L, mget(e, "module"))))
			return rc;
		if (!(im = mget(e, "imports")))
			return lfail(L, e, "missing required key 'imports'");
		if (!(wn = mget(e, "when")))
			return lfail(L, e, "missing required key 'when'");
		if ((rc = get_list(L, im, "imports", 1, &items, &count)) ||
		    (rc = get_list(L, wn, "when", 1, &names, &nnames)))
			return rc;
		if (!nnames)
			return lfail(L, wn, "'when' names no identifier");
		if ((tk = mget(e, "takes"))) {
			if (!rows)
				return lfail(L, tk, "'takes' without 'rows'");
			if ((rc = get_list(L, tk, "takes", 1, &takes, &ntakes)))
				return rc;
			for (size_t j = 0; j < ntakes; j++) {
				if (!valid_module(takes[j]->str) || strchr(takes[j]->str, '.')) {
					strbuf_release(&tb);
					return lfail(L, takes[j], "'%s' is not an identifier", qs(L, takes[j]->str));
				}
				if (j)
					strbuf_addch(&tb, ' ');
				strbuf_addstr(&tb, takes[j]->str);
			}
		}
		for (size_t j = 0; j < nnames; j++) {
			/* an identifier: a dotted module name of one part */
			if (!valid_module(names[j]->str) || strchr(names[j]->str, '.'))
				return lfail(L, names[j], "'%s' is not an identifier", qs(L, names[j]->str));
			if (j)
				strbuf_addch(&w, ' ');
			strbuf_addstr(&w, names[j]->str);
		}
		for (size_t j = 0; j < count && !rc; j++) {
			char *key = arena_printf(&L->a, "gated %s -> %s", module, items[j]->str);
			if ((rc = check_module(L, items[j])) ||
			    (rc = once(L, items[j], key, arena_printf(&L->a, "%s's import of %s", module,
								      items[j]->str))) ||
			    (rc = run(L, "INSERT OR REPLACE INTO gated VALUES (?, ?, ?, ?, ?, ?, ?)", "sssssss",
				      module, items[j]->str, w.buf, why, rule_id(L, e), rows, ntakes ? tb.buf : NULL)))
				break;
		}
		strbuf_release(&w);
		strbuf_release(&tb);
		if (rc)
			return rc;
	}
	return 0;
}

static int load_codecs(struct loader *L, const struct ynode *map)
{
	int rc;

	if (want_type(L, map, Y_MAP, "codecs"))
		return PM_INPUT;
	for (size_t i = 0; i + 1 < map->n; i += 2) {
		const struct ynode *k = map->items[i], *v = map->items[i + 1];
		if (want_type(L, v, Y_SCALAR, "a codec module") || (rc = check_module(L, v)))
			return PM_INPUT;
		if ((rc = run(L, "INSERT OR REPLACE INTO codec VALUES (?, ?)", "ss", k->str, v->str)))
			return rc;
	}
	return 0;
}

/* provides: the runtime's own modules, each a name or {module, source};
 * the source is kept as the item's value */
static int target_provides(struct loader *L, const char *target, const struct ynode *map)
{
	static const char *const keys[] = { "module", "source", NULL };
	const struct ynode *n = mget(map, "provides");
	int rc;

	if (!n)
		return 0;
	if (want_type(L, n, Y_SEQ, "provides"))
		return PM_INPUT;
	for (size_t i = 0; i < n->n; i++) {
		const struct ynode *it = n->items[i], *m = it;
		const char *source = NULL;
		if (it->type == Y_MAP) {
			if ((rc = check_keys(L, it, "a provides item", keys)) ||
			    (rc = get_str(L, it, "source", 0, &source)))
				return rc;
			if (!(m = mget(it, "module")))
				return lfail(L, it, "a provides item needs a module");
		}
		if (want_type(L, m, Y_SCALAR, "a provided module"))
			return PM_INPUT;
		if ((rc = check_module(L, m)) ||
		    (rc = run(L, "INSERT INTO target_item VALUES (?,'provides',?,?,?)", "siss", target,
			      (long long)i, m->str, source)))
			return rc;
	}
	return 0;
}

/* family and select: one profile of a runtime whose version the project's
 * config picks (cf-python-workers by compatibility date and flags) */
static int target_select(struct loader *L, const char *target, const struct ynode *map)
{
	static const char *const keys[] = { "flag", "off_flag", "from", "base", "runtime", "pyodide_npm",
					    "workerd_skip", "index", "sdk_from", "sdk_flag", "sdk_off_flag", "sdk_distribution",
					    "sdk_module", "class_only_from", "class_only_flag",
					    "class_only_off_flag", NULL };
	const struct ynode *n = mget(map, "family"), *sel = mget(map, "select");
	int rc;

	if (n) {
		if (want_type(L, n, Y_SCALAR, "family"))
			return PM_INPUT;
		if (!valid_name(n->str))
			return lfail(L, n, "'%s' is not a target name", qs(L, n->str));
		if ((rc = run(L, "INSERT INTO target_item VALUES (?,'family',0,?,NULL)", "ss", target, n->str)))
			return rc;
	}
	if ((n = mget(map, "stdlib"))) {
		if (want_type(L, n, Y_SCALAR, "stdlib"))
			return PM_INPUT;
		if (strcmp(n->str, "runtime") && strcmp(n->str, "bundle"))
			return lfail(L, n, "stdlib: '%s' is neither runtime nor bundle", qs(L, n->str));
		if ((rc = run(L, "INSERT INTO target_item VALUES (?,'stdlib',0,?,NULL)", "ss", target, n->str)))
			return rc;
	}
	n = mget(map, "family");
	if (!sel)
		return 0;
	if (!n)
		return lfail(L, sel, "select needs a family");
	if (want_type(L, sel, Y_MAP, "select") || (rc = check_keys(L, sel, "select", keys)))
		return PM_INPUT;
	/* the base profile is what no flag and no date of its own picks */
	if (mget(sel, "base") && (mget(sel, "from") || mget(sel, "flag")))
		return lfail(L, mget(sel, "base"), "select: a base profile has no from and no flag");
	for (size_t i = 0; i + 1 < sel->n; i += 2) {
		const struct ynode *v = sel->items[i + 1];
		if (want_type(L, v, Y_SCALAR, "a select value"))
			return PM_INPUT;
		if ((!strcmp(sel->items[i]->str, "from") || !strcmp(sel->items[i]->str, "sdk_from") ||
		     !strcmp(sel->items[i]->str, "class_only_from")) &&
		    (strlen(v->str) != 10 || v->str[4] != '-' || v->str[7] != '-'))
			return lfail(L, v, "'%s' is not a date (YYYY-MM-DD)", qs(L, v->str));
		if ((rc = run(L, "INSERT INTO target_item VALUES (?,'select',?,?,?)", "siss", target,
			      (long long)i / 2, sel->items[i]->str, v->str)))
			return rc;
	}
	return 0;
}

/* app_paths: where the runtime imports the app's own modules from:
 * "project" (the project root) and "entry" (the entry's folder) */
static int target_app_paths(struct loader *L, const char *target, const struct ynode *map)
{
	const struct ynode *n = mget(map, "app_paths"), **items;
	size_t count;
	int rc;

	if (!n)
		return 0;
	if ((rc = get_list(L, n, "app_paths", 0, &items, &count)))
		return rc;
	for (size_t i = 0; i < count; i++) {
		if (strcmp(items[i]->str, "project") && strcmp(items[i]->str, "entry"))
			return lfail(L, items[i], "app_paths: '%s' is neither project nor entry", qs(L, items[i]->str));
		if ((rc = run(L, "INSERT INTO target_item VALUES (?,'app_paths',?,?,NULL)", "sis", target,
			      (long long)i, items[i]->str)))
			return rc;
	}
	return 0;
}

static int parse_int(struct loader *L, const struct ynode *n, long long *out);

/* size_limits: [{name, measure: gzip|brotli|raw|file, bytes, overhead, source, date}] */
static int load_size_limits(struct loader *L, const char *target, const struct ynode *seq)
{
	static const char *const keys[] = { "name", "measure", "bytes", "overhead", "source", "date",
					    NULL };
	int rc;

	if (want_type(L, seq, Y_SEQ, "size_limits"))
		return PM_INPUT;
	if ((rc = run(L, "DELETE FROM size_limit WHERE target = ?", "s", target)))
		return rc;
	for (size_t i = 0; i < seq->n; i++) {
		const struct ynode *e = seq->items[i];
		const char *name, *measure, *source, *date;
		long long bytes = 0, overhead = 0;
		if (want_type(L, e, Y_MAP, "a size limit") ||
		    (rc = check_keys(L, e, "a size limit", keys)) ||
		    (rc = get_str(L, e, "name", 1, &name)) || (rc = get_str(L, e, "measure", 1, &measure)) ||
		    (rc = get_str(L, e, "source", 1, &source)) || (rc = get_str(L, e, "date", 1, &date)))
			return rc ? rc : PM_INPUT;
		if (strcmp(measure, "gzip") && strcmp(measure, "brotli") && strcmp(measure, "raw") &&
		    strcmp(measure, "file"))
			return lfail(L, mget(e, "measure"), "measure must be gzip, brotli, raw or file, not '%s'",
				     qs(L, measure));
		if (!mget(e, "bytes"))
			return lfail(L, e, "missing required key 'bytes'");
		if ((rc = parse_int(L, mget(e, "bytes"), &bytes)) ||
		    (mget(e, "overhead") && (rc = parse_int(L, mget(e, "overhead"), &overhead))))
			return rc;
		if ((rc = run(L, "INSERT INTO size_limit VALUES (?,?,?,?,?,?,?,?)", "sissiiss", target,
			      (long long)i, name, measure, bytes, overhead, source, date)))
			return rc;
	}
	return 0;
}

/* ---- target files ---- */

static int target_items(struct loader *L, const char *target, const struct ynode *map,
			const char *key, int modules)
{
	const struct ynode *n = mget(map, key), **items;
	size_t count;
	int rc;

	if (!n)
		return 0;
	if ((rc = get_list(L, n, key, 0, &items, &count)))
		return rc;
	for (size_t i = 0; i < count; i++) {
		if (modules && (rc = check_module(L, items[i])))
			return rc;
		if ((rc = run(L, "INSERT INTO target_item VALUES (?,?,?,?,NULL)", "ssis", target, key,
			      (long long)i, items[i]->str)))
			return rc;
	}
	return 0;
}

static int parse_int(struct loader *L, const struct ynode *n, long long *out)
{
	char *end;
	if (n->type != Y_SCALAR)
		return want_type(L, n, Y_SCALAR, "a limit");
	*out = strtoll(n->str, &end, 10);
	if (!*n->str || *end || *out < 0)
		return lfail(L, n, "'%s' is not a non-negative integer", qs(L, n->str));
	return 0;
}

/* memory: {base: BYTES, boot: [modules]}: the runtime's heap before the app
 * and the modules it has loaded by then (bundler/memory.c) */
static int load_target_memory(struct loader *L, const char *target, const struct ynode *n)
{
	static const char *const keys[] = { "base", "boot", NULL };
	const struct ynode *v;
	long long base = 0;
	int rc;

	if (want_type(L, n, Y_MAP, "memory") || (rc = check_keys(L, n, "memory", keys)))
		return PM_INPUT;
	if ((v = mget(n, "base")) && (rc = parse_int(L, v, &base)))
		return rc;
	if ((rc = run(L, "INSERT INTO target_item VALUES (?,'memory_base',0,?,NULL)", "ss", target,
		      arena_printf(&L->a, "%lld", base))))
		return rc;
	if ((v = mget(n, "boot"))) {
		const struct ynode **items;
		size_t count;
		if ((rc = get_list(L, v, "boot", 0, &items, &count)))
			return rc;
		for (size_t i = 0; i < count; i++)
			if ((rc = check_module(L, items[i])) ||
			    (rc = run(L, "INSERT INTO target_item VALUES (?,'memory_boot',?,?,NULL)", "sis",
				      target, (long long)i, items[i]->str)))
				return rc;
	}
	return 0;
}

static int load_target(struct loader *L, const struct ynode *doc)
{
	static const char *const keys[] = { "target", "default", "description", "python", "markers",
					    "tags", "limits", "roots", "builtin", "bundled",
					    "provides", "app_paths", "family", "select", "stdlib", "size_limits", "modules",
					    "memory", "zip_members", "stdlib_adds", "stdlib_drops", NULL };
	static const char *const limit_keys[] = { "bundle_gzip", "overhead_gzip", "bundle_raw",
						  "memory", "cpu_ms", NULL };
	const char *name, *desc, *python, *def, *zipm;
	const struct ynode *n;
	long long lim[5] = { 0 }, ord = 0;
	int rc, is_default = 0;
	sqlite3_stmt *st;

	if ((rc = check_keys(L, doc, "a target file", keys)) ||
	    (rc = get_str(L, doc, "target", 1, &name)) ||
	    (rc = get_str(L, doc, "python", 1, &python)) ||
	    (rc = get_str(L, doc, "description", 0, &desc)) ||
	    (rc = get_str(L, doc, "default", 0, &def)) ||
	    (rc = get_str(L, doc, "zip_members", 0, &zipm)))
		return rc;
	if (zipm && strcmp(zipm, "stored") && strcmp(zipm, "deflated"))
		return lfail(L, mget(doc, "zip_members"), "zip_members must be stored or deflated, not '%s'",
			     qs(L, zipm));
	if (!valid_name(name))
		return lfail(L, mget(doc, "target"), "'%s' is not a target name", qs(L, name));
	if (def) {
		if (!strcmp(def, "true"))
			is_default = 1;
		else if (strcmp(def, "false"))
			return lfail(L, mget(doc, "default"), "default must be true or false");
	}
	if ((n = mget(doc, "limits"))) {
		if (want_type(L, n, Y_MAP, "limits") || (rc = check_keys(L, n, "limits", limit_keys)))
			return PM_INPUT;
		for (int i = 0; i < 5; i++) {
			const struct ynode *v = mget(n, limit_keys[i]);
			if (v && (rc = parse_int(L, v, &lim[i])))
				return rc;
		}
	}
	if ((rc = once(L, mget(doc, "target"), arena_printf(&L->a, "T\t%s", name),
		       arena_printf(&L->a, "target '%s'", name))))
		return rc;
	/* a target redefined by a later layer keeps its place in the order */
	if (sqlite3_prepare_v2(L->db, "SELECT coalesce((SELECT ord FROM target WHERE name = ?1),"
				      " (SELECT coalesce(max(ord), -1) + 1 FROM target))",
			       -1, &st, NULL) != SQLITE_OK)
		return rulesdb_error(L->db, L->err, "reading the rules database");
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	if (sqlite3_step(st) == SQLITE_ROW)
		ord = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (is_default && (rc = run(L, "UPDATE target SET is_default = 0", "")))
		return rc;
	if ((rc = run(L, "DELETE FROM target_item WHERE target = ?", "s", name)) ||
	    (rc = run(L, "INSERT OR REPLACE INTO target VALUES (?,?,?,?,?,?,?,?,?,?,?)", "siissiiiiis",
		      name, ord, (long long)is_default, desc, python, lim[0], lim[1], lim[2], lim[3],
		      lim[4], rule_id(L, mget(doc, "target")))))
		return rc;
	if ((n = mget(doc, "markers"))) {
		if (want_type(L, n, Y_MAP, "markers"))
			return PM_INPUT;
		for (size_t i = 0; i + 1 < n->n; i += 2) {
			const struct ynode *v = n->items[i + 1];
			if (want_type(L, v, Y_SCALAR, "a marker value"))
				return PM_INPUT;
			if ((rc = run(L, "INSERT INTO target_item VALUES (?,'markers',?,?,?)", "siss", name,
				      (long long)i / 2, n->items[i]->str, v->str)))
				return rc;
		}
	}
	if (zipm && (rc = run(L, "INSERT INTO target_item VALUES (?,'zip_members',0,?,NULL)", "ss", name, zipm)))
		return rc;
	if ((rc = target_items(L, name, doc, "tags", 0)) ||
	    (rc = target_items(L, name, doc, "roots", 1)) ||
	    (rc = target_items(L, name, doc, "builtin", 1)) ||
	    (rc = target_items(L, name, doc, "bundled", 1)) ||
	    (rc = target_items(L, name, doc, "stdlib_adds", 1)) ||
	    (rc = target_items(L, name, doc, "stdlib_drops", 1)) ||
	    (rc = target_provides(L, name, doc)) || (rc = target_app_paths(L, name, doc)) ||
	    (rc = target_select(L, name, doc)))
		return rc;
	if ((n = mget(doc, "size_limits")) && (rc = load_size_limits(L, name, n)))
		return rc;
	if ((n = mget(doc, "memory")) && (rc = load_target_memory(L, name, n)))
		return rc;
	if ((n = mget(doc, "modules")))
		return load_modules(L, n, name);
	return 0;
}

static int load_other(struct loader *L, const struct ynode *doc)
{
	static const char *const keys[] = { "packages", "modules", "core_c_modules", "c_modules",
					    "requires", "frozen", "implicit", "codecs", "gated", NULL };
	const struct ynode *n;
	int rc;

	if ((rc = check_keys(L, doc, "a rules file", keys)))
		return rc;
	if ((n = mget(doc, "core_c_modules")) && (rc = load_cmodules(L, n, 1)))
		return rc;
	if ((n = mget(doc, "c_modules")) && (rc = load_cmodules(L, n, 0)))
		return rc;
	if ((n = mget(doc, "requires")) && (rc = load_requires(L, n)))
		return rc;
	if ((n = mget(doc, "frozen")) && (rc = load_frozen(L, n)))
		return rc;
	if ((n = mget(doc, "implicit")) && (rc = load_implicit(L, n)))
		return rc;
	if ((n = mget(doc, "codecs")) && (rc = load_codecs(L, n)))
		return rc;
	if ((n = mget(doc, "gated")) && (rc = load_gated(L, n)))
		return rc;
	if ((n = mget(doc, "modules")) && (rc = load_modules(L, n, NULL)))
		return rc;
	if ((n = mget(doc, "packages")) && (rc = load_packages(L, n)))
		return rc;
	return 0;
}

/* a stdlib list: one module name a line, '#' comments */
static int load_stdlib_list(struct loader *L, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	int line = 0, rc;

	while (p < end) {
		const char *nl = memchr(p, '\n', end - p), *e = nl ? nl : end;
		char *name;
		line++;
		while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
			e--;
		if (e > p && *p != '#') {
			name = arena_strndup(&L->a, p, e - p);
			if (!valid_module(name))
				return perr_set(L->err, PM_INPUT, "%s:%d:1: '%s' is not a dotted module name",
						L->file, line, qs(L, name));
			if ((rc = run(L, "INSERT OR IGNORE INTO stdlib VALUES (?)", "s", name)))
				return rc;
		}
		p = nl ? nl + 1 : end;
	}
	return 0;
}

/* ---- the directory walk ---- */

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

struct pathvec {
	char **v;
	size_t n, alloc;
};

static int walk(struct loader *L, const char *dir, int depth, struct pathvec *files)
{
	DIR *d;
	struct dirent *de;

	if (depth > 16)
		return perr_set(L->err, PM_INPUT, "'%s': rule directories nested too deeply", dir);
	if (!(d = opendir(dir)))
		return perr_set(L->err, PM_INPUT, "cannot read rules directory '%s': %s", dir,
				strerror(errno));
	while ((de = readdir(d))) {
		char *path;
		if (de->d_name[0] == '.')
			continue;
		path = path_join(dir, de->d_name);
		if (path_is_dir(path)) {
			int rc = walk(L, path, depth + 1, files);
			free(path);
			if (rc) {
				closedir(d);
				return rc;
			}
		} else if (ends_with(path, ".yaml") || ends_with(path, ".yml") || ends_with(path, ".txt")) {
			*VEC_PUSH(files) = path;
		} else {
			free(path);
		}
	}
	closedir(d);
	return 0;
}

int rulesdb_load_dir(sqlite3 *db, const char *dir, struct perr *err)
{
	struct loader L = { .db = db, .err = err };
	struct pathvec files = VEC_INIT;
	VEC(struct ydoc) docs = VEC_INIT;
	int rc;

	if (!path_is_dir(dir)) {
		rc = perr_set(err, PM_INPUT, "rules directory '%s' does not exist or is not a directory", dir);
		goto out;
	}
	if ((rc = walk(&L, dir, 0, &files)))
		goto out;
	qsort(files.v, files.n, sizeof(*files.v), cmp_str);
	if ((rc = run(&L, "SAVEPOINT layer", "")))
		goto out;
	/* parse every file; stdlib lists go straight in */
	for (size_t i = 0; i < files.n && !rc; i++) {
		struct strbuf sb = STRBUF_INIT;
		L.file = arena_strdup(&L.a, files.v[i]);
		if ((rc = strbuf_read_file(&sb, files.v[i], 16 << 20, err)))
			break;
		if (ends_with(files.v[i], ".txt")) {
			rc = load_stdlib_list(&L, sb.buf, sb.len);
		} else {
			struct ynode *root;
			rc = ytree_parse(&L.a, L.file, sb.buf, sb.len, &root, err);
			if (!rc && root && root->type != Y_MAP)
				rc = lfail(&L, root, "a rules file must be a mapping, not %s",
					   root->type == Y_SEQ ? "a list" : "a string");
			if (!rc && root)
				*VEC_PUSH(&docs) = (struct ydoc){ L.file, root };
		}
		strbuf_release(&sb);
	}
	/* targets first, so that rules anywhere in the layer may name them */
	for (size_t i = 0; i < docs.n && !rc; i++) {
		L.file = docs.v[i].file;
		if (mget(docs.v[i].root, "target"))
			rc = load_target(&L, docs.v[i].root);
	}
	for (size_t i = 0; i < docs.n && !rc; i++) {
		L.file = docs.v[i].file;
		if (!mget(docs.v[i].root, "target"))
			rc = load_other(&L, docs.v[i].root);
	}
	if (rc) {
		sqlite3_exec(db, "ROLLBACK TO layer; RELEASE layer", NULL, NULL, NULL);
	} else {
		rc = run(&L, "RELEASE layer", "");
	}
out:
	for (size_t i = 0; i < files.n; i++)
		free(files.v[i]);
	VEC_FREE(&files);
	VEC_FREE(&docs);
	strmap_release(&L.seen);
	arena_release(&L.a);
	return rc;
}
