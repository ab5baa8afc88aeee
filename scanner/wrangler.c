/* wrangler.c: a Worker project's wrangler config (wrangler.toml,
 * wrangler.jsonc, wrangler.json) read for what a bundle needs: main,
 * compatibility date and flags, vars, the KV namespaces it binds and
 * python_modules.exclude. Static values only; nothing else of the config
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
	    (v = jnode_get(v, "exclude")) && v->type == J_ARRAY)
		for (size_t i = 0; i < v->n; i++)
			if (v->items[i]->type == J_STRING)
				*VEC_PUSH(&w->exclude) = v->items[i]->str;
	(void)a;
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
				toml_strings(&t, a, &w->exclude);
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
			toml_strings(&t, a, &w->exclude);
			continue;
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

void wrangler_release(struct wrangler_config *w)
{
	VEC_FREE(&w->flags);
	VEC_FREE(&w->vars);
	VEC_FREE(&w->kv);
	VEC_FREE(&w->exclude);
}
