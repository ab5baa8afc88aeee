/* wrangler.c: a Worker project's wrangler config (wrangler.toml,
 * wrangler.jsonc, wrangler.json) read for what a bundle needs: main,
 * compatibility date and flags, vars, the KV namespaces it binds, its
 * other bindings (by name and kind), the module rules and python_modules.exclude, and which files wrangler
 * uploads by those (wrangler 4's findAdditionalModules). Static values only; nothing else of the config
 * is interpreted. JSONC's comments and trailing commas are blanked out
 * (positions kept) and the rest goes to the JSON reader.
 */
#include "toml.h"

#include <string.h>

static const char *const config_names[] = { "wrangler.toml", "wrangler.jsonc", "wrangler.json", NULL };

const char *const *wrangler_config_names(void)
{
	return config_names;
}

/* index of the byte after the JSON string that starts at s[i] ('"') */
static size_t past_string(const char *s, size_t n, size_t i)
{
	for (i++; i < n && s[i] != '"'; i++)
		if (s[i] == '\\' && i + 1 < n)
			i++;
	return i < n ? i + 1 : n;
}

/* Blanks // and block comments outside strings, and a comma whose next
 * non-blank, non-comment character closes an object or array. */
static void jsonc_blank(char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		if (s[i] == '"') {
			i = past_string(s, n, i);
		} else if (s[i] == '/' && i + 1 < n && s[i + 1] == '/') {
			while (i < n && s[i] != '\n')
				s[i++] = ' ';
		} else if (s[i] == '/' && i + 1 < n && s[i + 1] == '*') {
			size_t k = i + 2;
			while (k < n && !(s[k] == '*' && k + 1 < n && s[k + 1] == '/'))
				k++;
			k = k < n ? k + 2 : n;
			for (; i < k; i++)
				if (s[i] != '\n')
					s[i] = ' ';
		} else {
			i++;
		}
	}
	/* trailing commas, now that comments are blanks */
	for (size_t i = 0; i < n;) {
		if (s[i] == '"') {
			i = past_string(s, n, i);
			continue;
		}
		if (s[i] == ',') {
			size_t k = i + 1;
			while (k < n && (s[k] == ' ' || s[k] == '\t' || s[k] == '\n' || s[k] == '\r'))
				k++;
			if (k < n && (s[k] == '}' || s[k] == ']'))
				s[i] = ' ';
		}
		i++;
	}
}

/* the config's bindings beyond vars and KV: where each kind lives and the
 * key that names it (wrangler's config schema) */
static const struct binding_kind {
	const char *table;  /* the key path: "durable_objects.bindings" */
	int array;          /* an array of tables, else one table */
	const char *key;    /* "binding" or "name" */
} binding_kinds[] = {
	{ "d1_databases", 1, "binding" },
	{ "r2_buckets", 1, "binding" },
	{ "durable_objects.bindings", 1, "name" },
	{ "services", 1, "binding" },
	{ "queues.producers", 1, "binding" },
	{ "analytics_engine_datasets", 1, "binding" },
	{ "vectorize", 1, "binding" },
	{ "hyperdrive", 1, "binding" },
	{ "workflows", 1, "binding" },
	{ "send_email", 1, "name" },
	{ "dispatch_namespaces", 1, "binding" },
	{ "mtls_certificates", 1, "binding" },
	{ "secrets_store_secrets", 1, "binding" },
	{ "ai", 0, "binding" },
	{ "assets", 0, "binding" },
	{ "browser", 0, "binding" },
	{ "images", 0, "binding" },
	{ "version_metadata", 0, "binding" },
	{ NULL, 0, NULL },
};

static void add_binding(struct wrangler_config *w, const char *name, const char *kind)
{
	for (size_t i = 0; i < w->bindings.n; i++)
		if (!strcmp(w->bindings.v[i].name, name))
			return;
	struct wrangler_binding *b = VEC_PUSH(&w->bindings);
	b->name = name;
	b->kind = kind;
}

/* the node at a dotted path ("durable_objects.bindings") */
static const struct jnode *jpath(const struct jnode *root, const char *path)
{
	char part[64];
	const char *p = path;

	while (root && *p) {
		size_t n = strcspn(p, ".");
		if (n >= sizeof(part))
			return NULL;
		memcpy(part, p, n);
		part[n] = 0;
		root = root->type == J_OBJECT ? jnode_get(root, part) : NULL;
		p += n + (p[n] == '.');
	}
	return root;
}

static void add_kv(struct wrangler_config *w, struct arena *a, const char *k, const char *v)
{
	struct wrangler_var *x = VEC_PUSH(&w->vars);
	x->name = arena_strdup(a, k);
	x->value = arena_strdup(a, v);
}

static void read_json(struct wrangler_config *w, struct arena *a, const struct jnode *root)
{
	const struct jnode *v;

	if ((v = jnode_get(root, "name")) && v->type == J_STRING)
		w->name = v->str;
	if ((v = jnode_get(root, "main")) && v->type == J_STRING)
		w->main = v->str;
	if ((v = jnode_get(root, "compatibility_date")) && v->type == J_STRING)
		w->compatibility_date = v->str;
	if ((v = jnode_get(root, "compatibility_flags")) && v->type == J_ARRAY)
		for (size_t i = 0; i < v->n; i++)
			if (v->items[i]->type == J_STRING)
				*VEC_PUSH(&w->flags) = v->items[i]->str;
	if ((v = jnode_get(root, "vars")) && v->type == J_OBJECT)
		for (size_t i = 0; i + 1 < v->n; i += 2) {
			const struct jnode *val = v->items[i + 1];
			if (val->type == J_STRING || val->type == J_NUMBER)
				add_kv(w, a, v->items[i]->str, val->str);
			else if (val->type == J_BOOL)
				add_kv(w, a, v->items[i]->str, val->boolean ? "true" : "false");
		}
	if ((v = jnode_get(root, "kv_namespaces")) && v->type == J_ARRAY)
		for (size_t i = 0; i < v->n; i++) {
			const struct jnode *b = jnode_get(v->items[i], "binding");
			if (v->items[i]->type == J_OBJECT && b && b->type == J_STRING)
				*VEC_PUSH(&w->kv) = b->str;
		}
	if ((v = jnode_get(root, "python_modules")) && v->type == J_OBJECT &&
	    (v = jnode_get(v, "exclude")) && v->type == J_ARRAY) {
		w->has_exclude = 1;
		for (size_t i = 0; i < v->n; i++)
			if (v->items[i]->type == J_STRING)
				*VEC_PUSH(&w->exclude) = v->items[i]->str;
	}
	for (const struct binding_kind *bk = binding_kinds; bk->table; bk++) {
		const struct jnode *t = jpath(root, bk->table), *x;
		if (!t)
			continue;
		if (bk->array && t->type == J_ARRAY) {
			for (size_t i = 0; i < t->n; i++)
				if ((x = jnode_get(t->items[i], bk->key)) && x->type == J_STRING)
					add_binding(w, x->str, bk->table);
		} else if (!bk->array && t->type == J_OBJECT && (x = jnode_get(t, bk->key)) && x->type == J_STRING) {
			add_binding(w, x->str, bk->table);
		}
	}
	if ((v = jnode_get(root, "rules")) && v->type == J_ARRAY)
		for (size_t i = 0; i < v->n; i++) {
			const struct jnode *r = v->items[i], *x;
			struct wrangler_rule *wr;
			if (r->type != J_OBJECT)
				continue;
			wr = VEC_PUSH(&w->rules);
			memset(wr, 0, sizeof(*wr));
			if ((x = jnode_get(r, "type")) && x->type == J_STRING)
				wr->type = x->str;
			if ((x = jnode_get(r, "fallthrough")) && x->type == J_BOOL)
				wr->fallthrough = x->boolean;
			if ((x = jnode_get(r, "globs")) && x->type == J_ARRAY) {
				wr->globs = arena_alloc(a, (x->n + 1) * sizeof(*wr->globs));
				for (size_t k = 0; k < x->n; k++)
					if (x->items[k]->type == J_STRING)
						wr->globs[wr->n_globs++] = x->items[k]->str;
			}
		}
}

/* a TOML array of strings at t->p (one level, across lines) */
static void toml_strings(struct toml *t, struct arena *a, void *vec)
{
	VEC(const char *) *out = vec;

	if (t->p >= t->end || *t->p != '[') {
		toml_skip_value(t);
		return;
	}
	t->p++;
	while (t->p < t->end) {
		toml_ws(t, 1);
		if (t->p >= t->end)
			break;
		if (*t->p == ']') {
			t->p++;
			break;
		}
		if (*t->p == ',') {
			t->p++;
			continue;
		}
		if (*t->p == '"' || *t->p == '\'') {
			const char *s = toml_string_dup(t, a);
			if (!s)
				break;
			*VEC_PUSH(out) = s;
			continue;
		}
		toml_skip_value(t);
		return;
	}
	toml_skip_line(t);
}

/* a TOML scalar at t->p as text: a string, or a bare number / boolean */
static const char *toml_scalar(struct toml *t, struct arena *a)
{
	const char *s = t->p;

	if (t->p < t->end && (*t->p == '"' || *t->p == '\''))
		return toml_string_dup(t, a);
	while (t->p < t->end && *t->p != '\n' && *t->p != '#' && *t->p != ' ' && *t->p != '\t' &&
	       *t->p != '\r')
		t->p++;
	if (t->p == s || *s == '[' || *s == '{')
		return NULL;
	return arena_strndup(a, s, (size_t)(t->p - s));
}

/* the binding kind whose name key k is in TOML table (array: [[table]]) */
static const struct binding_kind *binding_of(const char *table, int array, const char *k)
{
	for (const struct binding_kind *bk = binding_kinds; bk->table; bk++)
		if (!strcmp(bk->table, table) && bk->array == array && !strcmp(bk->key, k))
			return bk;
	return NULL;
}

/* a one-table kind set at the top level (ai, assets, browser, ...) */
static const struct binding_kind *inline_binding(const char *k)
{
	for (const struct binding_kind *bk = binding_kinds; bk->table; bk++)
		if (!bk->array && !strcmp(bk->table, k))
			return bk;
	return NULL;
}

/* In a flat inline table at t->p ("{ binding = \"AI\", x = 1 }", one
 * line), the string value of key; NULL when it has none. */
static const char *inline_string(struct toml *t, struct arena *a, const char *key)
{
	const char *end = t->p;
	size_t n = strlen(key);

	while (end < t->end && *end != '}' && *end != '\n')
		end++;
	for (const char *p = t->p + 1; p + n < end; p++) {
		if (strncmp(p, key, n) || (p[-1] != ' ' && p[-1] != '{' && p[-1] != ',' && p[-1] != '\t'))
			continue;
		const char *q = p + n;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q >= end || *q != '=')
			continue;
		q++;
		while (q < end && (*q == ' ' || *q == '\t'))
			q++;
		if (q < end && (*q == '"' || *q == '\'')) {
			struct toml sub = { q, end, t->line };
			return toml_string_dup(&sub, a);
		}
	}
	return NULL;
}

static void read_toml(struct wrangler_config *w, struct arena *a, const char *text, size_t n)
{
	struct toml t = { text, text + n, 1 };
	char k[160], table[160] = "";
	int array = 0;

	while (t.p < t.end) {
		toml_ws(&t, 1);
		if (t.p >= t.end)
			break;
		if (*t.p == '[') {
			array = toml_header(&t, table, sizeof(table));
			if (array && !strcmp(table, "rules"))
				memset(VEC_PUSH(&w->rules), 0, sizeof(*w->rules.v));
			continue;
		}
		if (toml_key(&t, k, sizeof(k)) < 0) {
			toml_skip_line(&t);
			continue;
		}
		if (!*table) {
			if (!strcmp(k, "compatibility_flags")) {
				toml_strings(&t, a, &w->flags);
				continue;
			}
			if (!strcmp(k, "python_modules.exclude")) {
				w->has_exclude = 1;
				toml_strings(&t, a, &w->exclude);
				continue;
			}
			const struct binding_kind *bk = inline_binding(k);
			if (bk && t.p < t.end && *t.p == '{') {
				/* ai = { binding = "AI" }: one line, flat */
				const char *v = inline_string(&t, a, bk->key);
				if (v)
					add_binding(w, v, bk->table);
				toml_skip_line(&t);
				continue;
			}
			if (!strcmp(k, "main") || !strcmp(k, "name") || !strcmp(k, "compatibility_date")) {
				const char *v = toml_string_dup(&t, a);
				if (v && !strcmp(k, "main"))
					w->main = v;
				else if (v && !strcmp(k, "name"))
					w->name = v;
				else if (v)
					w->compatibility_date = v;
				toml_skip_line(&t);
				continue;
			}
		} else if (!array && !strcmp(table, "vars")) {
			const char *v = toml_scalar(&t, a);
			if (v)
				add_kv(w, a, k, v);
			toml_skip_line(&t);
			continue;
		} else if (array && !strcmp(table, "kv_namespaces") && !strcmp(k, "binding")) {
			const char *v = toml_string_dup(&t, a);
			if (v)
				*VEC_PUSH(&w->kv) = v;
			toml_skip_line(&t);
			continue;
		} else if (!array && !strcmp(table, "python_modules") && !strcmp(k, "exclude")) {
			w->has_exclude = 1;
			toml_strings(&t, a, &w->exclude);
			continue;
		} else if (*table && binding_of(table, array, k)) {
			const char *v = toml_string_dup(&t, a);
			if (v)
				add_binding(w, v, binding_of(table, array, k)->table);
			toml_skip_line(&t);
			continue;
		} else if (array && !strcmp(table, "rules") && w->rules.n) {
			struct wrangler_rule *wr = &w->rules.v[w->rules.n - 1];
			if (!strcmp(k, "type")) {
				wr->type = toml_string_dup(&t, a);
				toml_skip_line(&t);
				continue;
			}
			if (!strcmp(k, "fallthrough")) {
				const char *v = toml_scalar(&t, a);
				wr->fallthrough = v && !strcmp(v, "true");
				toml_skip_line(&t);
				continue;
			}
			if (!strcmp(k, "globs")) {
				VEC(const char *) g = VEC_INIT;
				toml_strings(&t, a, &g);
				wr->globs = arena_alloc(a, (g.n + 1) * sizeof(*wr->globs));
				for (size_t i = 0; i < g.n; i++)
					wr->globs[i] = g.v[i];
				wr->n_globs = g.n;
				VEC_FREE(&g);
				continue;
			}
		}
		toml_skip_value(&t);
	}
}

int wrangler_find(const char *dir, struct wrangler_config *w, struct arena *a, struct perr *err)
{
	memset(w, 0, sizeof(*w));
	for (int i = 0; config_names[i]; i++) {
		char *p = path_join(dir, config_names[i]);
		struct strbuf sb = STRBUF_INIT;
		int rc;

		if (!path_is_file(p)) {
			free(p);
			continue;
		}
		w->path = arena_strdup(a, p);
		free(p);
		if ((rc = strbuf_read_file(&sb, w->path, 4u << 20, err)))
			return rc;
		if (i == 0) {
			read_toml(w, a, sb.buf, sb.len);
		} else {
			struct jnode *root = NULL;
			jsonc_blank(sb.buf, sb.len);
			rc = jtree_parse(a, w->path, sb.buf, sb.len, &root, err);
			if (!rc && (!root || root->type != J_OBJECT))
				rc = perr_set(err, PM_INPUT, "%s: not a JSON object", w->path);
			if (rc) {
				strbuf_release(&sb);
				return rc;
			}
			read_json(w, a, root);
		}
		strbuf_release(&sb);
		return 1;
	}
	return 0;
}

int wrangler_has_flag(const struct wrangler_config *w, const char *flag)
{
	for (size_t i = 0; i < w->flags.n; i++)
		if (!strcmp(w->flags.v[i], flag))
			return 1;
	return 0;
}

/* glob-to-regexp's reading with globstar (wrangler's module rules and
 * python_modules.exclude): anchored at both ends; '*' (or a run of them
 * inside a segment) is [^/]*; a run of '*' that is a whole segment, with
 * the '/' after it, is ((?:[^/]*(?:/|$))*); every other character is
 * itself. Backtracking over a glob of bounded length (4 KiB) on a path:
 * depth is the number of '*' runs. */
static int glob_at(const char *g, const char *gs, const char *p, int depth)
{
	if (depth > 64)
		return 0;
	for (;;) {
		if (*g == '*') {
			const char *prev = g > gs ? g - 1 : NULL;
			int stars = 0;
			while (*g == '*')
				g++, stars++;
			if (stars > 1 && (!prev || *prev == '/') && (!*g || *g == '/')) {
				/* globstar: any run of whole segments, each ending
				 * in '/' or at the end of the path */
				const char *rest = *g ? g + 1 : g;
				const char *q = p;
				for (;;) {
					if (glob_at(rest, gs, q, depth + 1))
						return 1;
					if (!*q)
						return 0;
					while (*q && *q != '/')
						q++;
					if (*q == '/')
						q++;
				}
			}
			for (const char *q = p;; q++) {
				if (glob_at(g, gs, q, depth + 1))
					return 1;
				if (!*q || *q == '/')
					return 0;
			}
		}
		if (!*g)
			return !*p;
		if (*g != *p)
			return 0;
		g++, p++;
	}
}

int wrangler_glob(const char *glob, const char *path)
{
	return strlen(glob) <= 4096 && glob_at(glob, glob, path, 0);
}

static const char *const default_text[] = { "**/*.txt", "**/*.html", "**/*.sql", NULL };
static const char *const default_data[] = { "**/*.bin", NULL };
static const char *const default_wasm[] = { "**/*.wasm", "**/*.wasm?module", NULL };
static const char *const default_python[] = { "**/*.py", NULL };

int wrangler_uploads(const struct wrangler_config *w, const char *rel, const char **type)
{
	/* wrangler's parseRules over [config rules..., PythonModule (when the
	 * config has none), defaults...]: a rule whose type an earlier rule
	 * without fallthrough completed is dropped */
	struct { const char *type; const char *const *globs; size_t n; int fallthrough; } all[64];
	size_t n = 0;
	int has_python = 0;

	for (size_t i = 0; w && i < w->rules.n && n < 59; i++) {
		const struct wrangler_rule *r = &w->rules.v[i];
		all[n].type = r->type ? r->type : "";
		all[n].globs = r->globs;
		all[n].n = r->n_globs;
		all[n++].fallthrough = r->fallthrough;
		has_python |= r->type && !strcmp(r->type, "PythonModule");
	}
	if (!has_python)
		all[n].type = "PythonModule", all[n].globs = default_python, all[n].n = 1, all[n++].fallthrough = 0;
	all[n].type = "Text", all[n].globs = default_text, all[n].n = 3, all[n++].fallthrough = 0;
	all[n].type = "Data", all[n].globs = default_data, all[n].n = 1, all[n++].fallthrough = 0;
	all[n].type = "CompiledWasm", all[n].globs = default_wasm, all[n].n = 2, all[n++].fallthrough = 0;
	for (size_t i = 0; i < n; i++) {
		int dropped = 0;
		for (size_t k = 0; k < i && !dropped; k++)
			dropped = !strcmp(all[k].type, all[i].type) && !all[k].fallthrough;
		if (dropped)
			continue;
		for (size_t k = 0; k < all[i].n; k++)
			if (all[i].globs[k] && wrangler_glob(all[i].globs[k], rel)) {
				if (type)
					*type = all[i].type;
				return 1;
			}
	}
	return 0;
}

int wrangler_excludes(const struct wrangler_config *w, const char *rel, const char **glob)
{
	static const char *const pyc = "**/*.pyc";

	if (!w || !w->has_exclude) {
		if (glob)
			*glob = pyc;
		return wrangler_glob(pyc, rel);
	}
	for (size_t i = 0; i < w->exclude.n; i++)
		if (wrangler_glob(w->exclude.v[i], rel)) {
			if (glob)
				*glob = w->exclude.v[i];
			return 1;
		}
	return 0;
}

void wrangler_release(struct wrangler_config *w)
{
	VEC_FREE(&w->rules);
	VEC_FREE(&w->bindings);
	VEC_FREE(&w->flags);
	VEC_FREE(&w->vars);
	VEC_FREE(&w->kv);
	VEC_FREE(&w->exclude);
}
