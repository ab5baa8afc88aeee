/* pyproject.c: the small TOML lexer shared by the scanner (toml.h), and
 * pyproject.toml's [project] table (PEP 621) read into core metadata for
 * local project directories. Static values only: a field listed in
 * `dynamic` is reported as such, never computed; nothing is run.
 */
#include "toml.h"

#include <string.h>
#include <strings.h>

void toml_ws(struct toml *t, int nl)
{
	while (t->p < t->end) {
		char c = *t->p;
		if (c == ' ' || c == '\t' || c == '\r') {
			t->p++;
		} else if (c == '#') {
			while (t->p < t->end && *t->p != '\n')
				t->p++;
		} else if (c == '\n' && nl) {
			t->line++;
			t->p++;
		} else {
			break;
		}
	}
}

int toml_string(struct toml *t, const char **s, size_t *n)
{
	char q;
	int triple;

	if (t->p >= t->end || (*t->p != '"' && *t->p != '\''))
		return -1;
	q = *t->p;
	triple = t->end - t->p >= 3 && t->p[1] == q && t->p[2] == q;
	t->p += triple ? 3 : 1;
	*s = t->p;
	while (t->p < t->end) {
		if (*t->p == '\\' && q == '"' && t->p + 1 < t->end) {
			if (t->p[1] == '\n')
				t->line++;
			t->p += 2;
			continue;
		}
		if (*t->p == '\n') {
			if (!triple)
				return -1;
			t->line++;
		}
		if (*t->p == q && (!triple || (t->end - t->p >= 3 && t->p[1] == q && t->p[2] == q))) {
			*n = (size_t)(t->p - *s);
			t->p += triple ? 3 : 1;
			return 0;
		}
		t->p++;
	}
	return -1;
}

const char *toml_string_dup(struct toml *t, struct arena *a)
{
	const char *start = t->p, *s;
	size_t n;
	struct strbuf sb = STRBUF_INIT;
	const char *out;

	if (toml_string(t, &s, &n) < 0)
		return NULL;
	if (*start == '\'')
		return arena_strndup(a, s, n);
	for (size_t i = 0; i < n; i++) {
		if (s[i] != '\\' || i + 1 >= n) {
			strbuf_addch(&sb, s[i]);
			continue;
		}
		char c = s[++i];
		switch (c) {
		case 'n': strbuf_addch(&sb, '\n'); break;
		case 't': strbuf_addch(&sb, '\t'); break;
		case 'r': strbuf_addch(&sb, '\r'); break;
		case 'b': strbuf_addch(&sb, '\b'); break;
		case 'f': strbuf_addch(&sb, '\f'); break;
		case 'u':
		case 'U': {
			size_t len = c == 'u' ? 4 : 8;
			unsigned long cp = 0;
			int ok = i + len < n;
			for (size_t k = 1; ok && k <= len; k++) {
				int h = hex_digit_value((unsigned char)s[i + k]);
				ok = h >= 0;
				cp = cp * 16 + (unsigned long)(h < 0 ? 0 : h);
			}
			if (!ok || cp > 0x10ffff || (cp >= 0xd800 && cp < 0xe000)) {
				strbuf_addch(&sb, '\\');
				strbuf_addch(&sb, c);
				break;
			}
			strbuf_add_utf8(&sb, cp);
			i += len;
			break;
		}
		case '\n': /* line-ending backslash: trim the break and spaces */
			while (i + 1 < n && (s[i + 1] == ' ' || s[i + 1] == '\t' || s[i + 1] == '\n' ||
					     s[i + 1] == '\r'))
				i++;
			break;
		default: strbuf_addch(&sb, c); break;
		}
	}
	out = arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
	strbuf_release(&sb);
	return out;
}

void toml_skip_line(struct toml *t)
{
	while (t->p < t->end && *t->p != '\n')
		t->p++;
}

void toml_skip_value(struct toml *t)
{
	int depth = 0;

	while (t->p < t->end) {
		const char *s;
		size_t sl;
		if (*t->p == '"' || *t->p == '\'') {
			if (toml_string(t, &s, &sl) < 0)
				toml_skip_line(t);
			if (!depth)
				break;
			continue;
		}
		if (*t->p == '#') {
			toml_ws(t, 0);
			continue;
		}
		if (*t->p == '\n' && !depth)
			break;
		if (*t->p == '[' || *t->p == '{')
			depth++;
		else if (*t->p == ']' || *t->p == '}')
			depth--;
		else if (*t->p == '\n')
			t->line++;
		t->p++;
		if (depth <= 0 && (t->p[-1] == ']' || t->p[-1] == '}'))
			break;
	}
	toml_skip_line(t);
}

/* appends a dotted-name part (bare or quoted) at t->p to out */
static int name_part(struct toml *t, char *out, size_t size, size_t *len)
{
	const char *s;
	size_t n;

	if (*t->p == '"' || *t->p == '\'') {
		if (toml_string(t, &s, &n) < 0)
			return -1;
	} else {
		s = t->p;
		while (t->p < t->end && ((*t->p >= 'a' && *t->p <= 'z') || (*t->p >= 'A' && *t->p <= 'Z') ||
					 (*t->p >= '0' && *t->p <= '9') || *t->p == '-' || *t->p == '_'))
			t->p++;
		n = (size_t)(t->p - s);
		if (!n)
			return -1;
	}
	for (size_t i = 0; i < n && *len + 1 < size; i++)
		out[(*len)++] = s[i];
	out[*len] = 0;
	return 0;
}

/* a dotted name "a . b" at t->p, stopping at stop */
static int dotted(struct toml *t, char stop, char *out, size_t size)
{
	size_t len = 0;

	out[0] = 0;
	for (;;) {
		toml_ws(t, 0);
		if (t->p >= t->end || name_part(t, out, size, &len) < 0)
			return -1;
		toml_ws(t, 0);
		if (t->p < t->end && *t->p == '.') {
			t->p++;
			if (len + 1 < size)
				out[len++] = '.', out[len] = 0;
			continue;
		}
		return t->p < t->end && *t->p == stop ? 0 : -1;
	}
}

int toml_header(struct toml *t, char *out, size_t size)
{
	int array = t->end - t->p >= 2 && t->p[1] == '[';

	t->p += array ? 2 : 1;
	if (dotted(t, ']', out, size) < 0)
		out[0] = 0;
	toml_skip_line(t);
	return array;
}

int toml_key(struct toml *t, char *out, size_t size)
{
	if (dotted(t, '=', out, size) < 0) {
		toml_skip_line(t);
		return -1;
	}
	t->p++;
	toml_ws(t, 0);
	return 0;
}

/* ---- [project] ---- */

/* an array of strings at t->p into pr->reqs with extra and each string's
 * line (arena strings); t->p after it. -1 when the value is not an array
 * of strings (then skipped) */
static int req_array(struct toml *t, struct arena *a, struct pyproject_reqs *pr, const char *extra)
{
	if (t->p >= t->end || *t->p != '[') {
		toml_skip_value(t);
		return -1;
	}
	t->p++;
	for (;;) {
		toml_ws(t, 1);
		if (t->p >= t->end)
			return -1;
		if (*t->p == ']') {
			t->p++;
			return 0;
		}
		int line = t->line;
		const char *s = toml_string_dup(t, a);
		if (!s) {
			toml_skip_line(t);
			return -1;
		}
		if (pr) {
			struct pyproject_req *r = VEC_PUSH(&pr->reqs);
			r->text = s;
			r->extra = extra;
			r->line = line;
		}
		toml_ws(t, 1);
		if (t->p < t->end && *t->p == ',')
			t->p++;
	}
}

/* dynamic = [...]: plain strings */
static void name_array(struct toml *t, struct arena *a, struct pyproject_reqs *pr)
{
	size_t before = pr->reqs.n;

	if (!req_array(t, a, pr, NULL))
		for (size_t i = before; i < pr->reqs.n; i++)
			*VEC_PUSH(&pr->dynamic) = pr->reqs.v[i].text;
	pr->reqs.n = before;
}

static void optional_extra(struct toml *t, struct arena *a, struct pyproject_reqs *pr,
			   const char *extra, int line)
{
	struct pyproject_extra *x = VEC_PUSH(&pr->extras);

	x->name = arena_strdup(a, extra);
	x->line = line;
	req_array(t, a, pr, x->name);
}

/* optional-dependencies = { a = [...], b = [...] } */
static void optional_inline(struct toml *t, struct arena *a, struct pyproject_reqs *pr)
{
	char key[128];

	if (t->p >= t->end || *t->p != '{') {
		toml_skip_value(t);
		return;
	}
	t->p++;
	for (;;) {
		toml_ws(t, 1);
		if (t->p >= t->end || *t->p == '}')
			break;
		int line = t->line;
		if (dotted(t, '=', key, sizeof(key)) < 0)
			break;
		t->p++;
		toml_ws(t, 0);
		optional_extra(t, a, pr, key, line);
		toml_ws(t, 1);
		if (t->p < t->end && *t->p == ',')
			t->p++;
	}
	toml_skip_line(t);
}

int pyproject_requirements(struct pyproject_reqs *pr, struct arena *a, const char *text, size_t n)
{
	struct toml t = { text, text + n, 1 };
	enum { OTHER, PROJECT, OPTIONAL } table = OTHER;
	char key[128];

	memset(pr, 0, sizeof(*pr));
	while (text && t.p < t.end) {
		toml_ws(&t, 1);
		if (t.p >= t.end)
			break;
		int line = t.line;
		if (*t.p == '[') {
			int array = toml_header(&t, key, sizeof(key));
			table = array ? OTHER : !strcmp(key, "project") ? PROJECT :
				!strcmp(key, "project.optional-dependencies") ? OPTIONAL : OTHER;
			if (table == PROJECT && !pr->has_project) {
				pr->has_project = 1;
				pr->project_line = line;
			}
			continue;
		}
		if (toml_key(&t, key, sizeof(key)) < 0)
			continue;
		if (table == OPTIONAL) {
			optional_extra(&t, a, pr, key, line);
			toml_skip_line(&t);
		} else if (table != PROJECT) {
			toml_skip_value(&t);
		} else if (!strcmp(key, "name") || !strcmp(key, "version") ||
			   !strcmp(key, "requires-python")) {
			const char *v = toml_string_dup(&t, a);
			if (!v) {
				toml_skip_value(&t);
				continue;
			}
			if (key[0] == 'n')
				pr->name = v;
			else if (key[0] == 'v')
				pr->version = v;
			else
				pr->requires_python = v;
			toml_skip_line(&t);
		} else if (!strcmp(key, "dependencies")) {
			pr->has_dependencies = 1;
			pr->dependencies_line = line;
			req_array(&t, a, pr, NULL);
			toml_skip_line(&t);
		} else if (!strcmp(key, "dynamic")) {
			pr->dynamic_line = line;
			name_array(&t, a, pr);
			toml_skip_line(&t);
		} else if (!strcmp(key, "optional-dependencies")) {
			optional_inline(&t, a, pr);
		} else if (!strncmp(key, "optional-dependencies.", 22)) {
			/* the dotted-key spelling: optional-dependencies.web = [...] */
			optional_extra(&t, a, pr, key + 22, line);
			toml_skip_line(&t);
		} else {
			toml_skip_value(&t);
		}
	}
	return pr->has_project;
}

void pyproject_reqs_release(struct pyproject_reqs *pr)
{
	VEC_FREE(&pr->reqs);
	VEC_FREE(&pr->extras);
	VEC_FREE(&pr->dynamic);
}

/* Requires-Dist for an optional dependency: "req; extra == 'x'", with the
 * requirement's own marker kept in parentheses */
static const char *with_extra(struct arena *a, const char *req, const char *extra)
{
	const char *semi = strchr(req, ';');

	if (!semi)
		return arena_printf(a, "%s; extra == \"%s\"", req, extra);
	return arena_printf(a, "%.*s; (%s) and extra == \"%s\"", (int)(semi - req), req, semi + 1,
			    extra);
}

int pyproject_metadata(struct metadata *m, struct arena *a, const char *text, size_t n)
{
	struct pyproject_reqs pr;
	int found = pyproject_requirements(&pr, a, text, n);

	m->name = pr.name ? pr.name : m->name;
	m->version = pr.version ? pr.version : m->version;
	m->requires_python = pr.requires_python ? pr.requires_python : m->requires_python;
	for (size_t i = 0; i < pr.extras.n; i++)
		*VEC_PUSH(&m->provides_extra) = pr.extras.v[i].name;
	for (size_t i = 0; i < pr.reqs.n; i++)
		*VEC_PUSH(&m->requires_dist) = pr.reqs.v[i].extra ?
			with_extra(a, pr.reqs.v[i].text, pr.reqs.v[i].extra) : pr.reqs.v[i].text;
	/* dynamic names core-metadata fields by their pyproject spelling */
	for (size_t i = 0; i < pr.dynamic.n; i++) {
		const char *d = pr.dynamic.v[i];
		if (!strcmp(d, "dependencies") || !strcmp(d, "optional-dependencies"))
			d = "Requires-Dist";
		else if (!strcmp(d, "version"))
			d = "Version";
		else if (!strcmp(d, "requires-python"))
			d = "Requires-Python";
		*VEC_PUSH(&m->dynamic) = d;
	}
	pyproject_reqs_release(&pr);
	return found;
}

const char *pyproject_tool_string(struct arena *a, const char *text, size_t n, const char *table,
				  const char *key)
{
	struct toml t = { text, text + n, 1 };
	char k[128], want[160];
	int in_table = 0;
	const char *found = NULL;

	/* the key inside its table, or dotted from the parent ("pymode.main" under [tool]) */
	snprintf(want, sizeof(want), "%s.%s", table, key);
	while (text && t.p < t.end) {
		toml_ws(&t, 1);
		if (t.p >= t.end)
			break;
		if (*t.p == '[') {
			int array = toml_header(&t, k, sizeof(k));
			in_table = !array && !strcmp(k, table);
			continue;
		}
		if (toml_key(&t, k, sizeof(k)) < 0)
			continue;
		if ((in_table && !strcmp(k, key)) || !strcmp(k, want)) {
			const char *v = toml_string_dup(&t, a);
			if (v && !found)
				found = v;
			toml_skip_line(&t);
		} else {
			toml_skip_value(&t);
		}
	}
	return found;
}

size_t pyproject_table_strings(struct arena *a, const char *text, size_t n, const char *table,
			       const char ***keys, const char ***values)
{
	struct toml t = { text, text + n, 1 };
	char k[128];
	int in_table = 0;
	VEC(const char *) kv = VEC_INIT;
	VEC(const char *) vv = VEC_INIT;
	size_t count;

	while (text && t.p < t.end) {
		toml_ws(&t, 1);
		if (t.p >= t.end)
			break;
		if (*t.p == '[') {
			int array = toml_header(&t, k, sizeof(k));
			in_table = !array && !strcmp(k, table);
			continue;
		}
		if (toml_key(&t, k, sizeof(k)) < 0)
			continue;
		if (in_table) {
			const char *v = toml_string_dup(&t, a);
			if (v) {
				*VEC_PUSH(&kv) = arena_strdup(a, k);
				*VEC_PUSH(&vv) = v;
			}
			toml_skip_line(&t);
		} else {
			toml_skip_value(&t);
		}
	}
	count = kv.n;
	*keys = arena_alloc(a, (count + 1) * sizeof(char *));
	*values = arena_alloc(a, (count + 1) * sizeof(char *));
	for (size_t i = 0; i < count; i++) {
		(*keys)[i] = kv.v[i];
		(*values)[i] = vv.v[i];
	}
	VEC_FREE(&kv);
	VEC_FREE(&vv);
	return count;
}

const char *pyproject_group_find(struct arena *out, const char *text, size_t n, const char *group, const char *name,
				 int *line)
{
	struct toml t = { text, text + n, 1 };
	char k[128];
	int in_table = 0;
	const char *found = NULL;

	while (text && t.p < t.end && !found) {
		toml_ws(&t, 1);
		if (t.p >= t.end)
			break;
		if (*t.p == '[') {
			int array = toml_header(&t, k, sizeof(k));
			in_table = !array && !strcmp(k, "dependency-groups");
			continue;
		}
		if (toml_key(&t, k, sizeof(k)) < 0) {
			toml_skip_line(&t);
			continue;
		}
		if (!in_table || strcmp(k, group) || *t.p != '[') {
			toml_skip_value(&t);
			continue;
		}
		t.p++;
		while (t.p < t.end && !found) {
			toml_ws(&t, 1);
			if (t.p >= t.end || *t.p == ']')
				break;
			if (*t.p == ',') {
				t.p++;
				continue;
			}
			if (*t.p == '"' || *t.p == '\'') {
				int at = t.line;
				const char *req = toml_string_dup(&t, out);
				size_t len = strlen(name);
				/* the name, then a specifier, marker, extras or nothing */
				if (req && !strncasecmp(req, name, len) && !((req[len] >= 'a' && req[len] <= 'z') ||
				    (req[len] >= 'A' && req[len] <= 'Z') || (req[len] >= '0' && req[len] <= '9') ||
				    req[len] == '-' || req[len] == '_' || req[len] == '.'))
				{
					found = req;
					*line = at;
				}
				continue;
			}
			toml_skip_value(&t); /* {include-group = ...} */
		}
		toml_skip_line(&t);
	}
	return found;
}
