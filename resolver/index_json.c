/* index_json.c: PEP 691 JSON simple pages: a small bounded JSON reader
 * (objects, arrays, strings with \u escapes, literals) and the project
 * page's "files" list. No I/O; the HTML form is index_html.c. */
#include "resolve.h"

#include <string.h>

enum jt { J_NULL, J_BOOL, J_NUM, J_STR, J_ARR, J_OBJ };
struct jv {
	enum jt t;
	int b;
	const char *s;           /* J_STR (NUL-terminated), J_NUM text */
	struct jv **items;       /* J_ARR values; J_OBJ values */
	const char **keys;       /* J_OBJ */
	size_t n;
};
struct jp {
	const char *p, *end;
	struct arena *a;
	int depth;
	const char *why;
};

static void ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int hex4(const char *p, unsigned *out)
{
	unsigned v = 0;
	for (int i = 0; i < 4; i++) {
		char c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9') v |= c - '0';
		else if (c >= 'a' && c <= 'f') v |= c - 'a' + 10;
		else if (c >= 'A' && c <= 'F') v |= c - 'A' + 10;
		else return -1;
	}
	*out = v;
	return 0;
}

static const char *jstring(struct jp *j)
{
	struct strbuf sb = STRBUF_INIT;
	j->p++; /* '"' */
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p++;
		if (c < 0x20)
			goto bad;
		if (c != '\\') {
			strbuf_addch(&sb, c);
			continue;
		}
		if (j->p >= j->end)
			goto bad;
		c = (unsigned char)*j->p++;
		switch (c) {
		case '"': case '\\': case '/': strbuf_addch(&sb, c); break;
		case 'b': strbuf_addch(&sb, '\b'); break;
		case 'f': strbuf_addch(&sb, '\f'); break;
		case 'n': strbuf_addch(&sb, '\n'); break;
		case 'r': strbuf_addch(&sb, '\r'); break;
		case 't': strbuf_addch(&sb, '\t'); break;
		case 'u': {
			unsigned cp, lo;
			if (j->end - j->p < 4 || hex4(j->p, &cp))
				goto bad;
			j->p += 4;
			if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
			    j->p[1] == 'u' && !hex4(j->p + 2, &lo) && lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				j->p += 6;
			}
			if (cp == 0 || (cp >= 0xd800 && cp < 0xe000))
				cp = 0xfffd;
			if (cp < 0x80) {
				strbuf_addch(&sb, (int)cp);
			} else if (cp < 0x800) {
				strbuf_addch(&sb, 0xc0 | (cp >> 6));
				strbuf_addch(&sb, 0x80 | (cp & 0x3f));
			} else if (cp < 0x10000) {
				strbuf_addch(&sb, 0xe0 | (cp >> 12));
				strbuf_addch(&sb, 0x80 | ((cp >> 6) & 0x3f));
				strbuf_addch(&sb, 0x80 | (cp & 0x3f));
			} else {
				strbuf_addch(&sb, 0xf0 | (cp >> 18));
				strbuf_addch(&sb, 0x80 | ((cp >> 12) & 0x3f));
				strbuf_addch(&sb, 0x80 | ((cp >> 6) & 0x3f));
				strbuf_addch(&sb, 0x80 | (cp & 0x3f));
			}
			break;
		}
		default: goto bad;
		}
	}
	if (j->p >= j->end)
		goto bad;
	j->p++;
	const char *r = arena_strndup(j->a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
bad:
	strbuf_release(&sb);
	j->why = "bad string";
	return NULL;
}

static struct jv *jvalue(struct jp *j)
{
	struct jv *v;

	ws(j);
	if (j->p >= j->end) {
		j->why = "unexpected end";
		return NULL;
	}
	if (++j->depth > 64) {
		j->why = "nested too deeply";
		return NULL;
	}
	v = arena_alloc(j->a, sizeof(*v));
	if (*j->p == '{' || *j->p == '[') {
		int obj = *j->p == '{';
		VEC(struct jv *) items = VEC_INIT;
		VEC(const char *) keys = VEC_INIT;
		v->t = obj ? J_OBJ : J_ARR;
		j->p++;
		ws(j);
		if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
			j->p++;
			goto done;
		}
		for (;;) {
			ws(j);
			if (obj) {
				if (j->p >= j->end || *j->p != '"')
					goto badc;
				const char *k = jstring(j);
				if (!k)
					goto failc;
				ws(j);
				if (j->p >= j->end || *j->p != ':')
					goto badc;
				j->p++;
				*VEC_PUSH(&keys) = k;
			}
			struct jv *item = jvalue(j);
			if (!item)
				goto failc;
			*VEC_PUSH(&items) = item;
			ws(j);
			if (j->p < j->end && *j->p == ',') {
				j->p++;
				continue;
			}
			if (j->p < j->end && *j->p == (obj ? '}' : ']')) {
				j->p++;
				break;
			}
			goto badc;
		}
done:
		v->n = items.n;
		v->items = arena_alloc(j->a, (items.n + 1) * sizeof(*v->items));
		if (items.n)
			memcpy(v->items, items.v, items.n * sizeof(*v->items));
		if (obj) {
			v->keys = arena_alloc(j->a, (keys.n + 1) * sizeof(*v->keys));
			if (keys.n)
				memcpy(v->keys, keys.v, keys.n * sizeof(*v->keys));
		}
		VEC_FREE(&items);
		VEC_FREE(&keys);
		j->depth--;
		return v;
badc:
		j->why = "expected ',' or a closing bracket";
failc:
		VEC_FREE(&items);
		VEC_FREE(&keys);
		return NULL;
	}
	if (*j->p == '"') {
		v->t = J_STR;
		v->s = jstring(j);
		j->depth--;
		return v->s ? v : NULL;
	}
	static const struct { const char *w; enum jt t; int b; } lits[] = {
		{ "true", J_BOOL, 1 }, { "false", J_BOOL, 0 }, { "null", J_NULL, 0 } };
	for (size_t i = 0; i < 3; i++) {
		size_t l = strlen(lits[i].w);
		if ((size_t)(j->end - j->p) >= l && !strncmp(j->p, lits[i].w, l)) {
			v->t = lits[i].t;
			v->b = lits[i].b;
			j->p += l;
			j->depth--;
			return v;
		}
	}
	const char *s = j->p;
	while (j->p < j->end && strchr("+-0123456789.eE", *j->p))
		j->p++;
	if (j->p == s) {
		j->why = "unexpected character";
		return NULL;
	}
	v->t = J_NUM;
	v->s = arena_strndup(j->a, s, j->p - s);
	j->depth--;
	return v;
}

static const struct jv *jget(const struct jv *o, const char *key)
{
	if (!o || o->t != J_OBJ)
		return NULL;
	for (size_t i = 0; i < o->n; i++)
		if (!strcmp(o->keys[i], key))
			return o->items[i];
	return NULL;
}


int index_parse_json(const char *text, size_t n, const char *base_url, struct arena *a,
		     index_files *files, struct perr *err)
{
	struct jp j = { text, text + n, a, 0, NULL };
	const struct jv *root = jvalue(&j), *fl;

	if (!root)
		return perr_set(err, PM_INPUT, "invalid JSON index page: %s at byte %zu", j.why,
				(size_t)(j.p - text));
	fl = jget(root, "files");
	if (root->t != J_OBJ || !fl || fl->t != J_ARR)
		return perr_set(err, PM_INPUT, "JSON index page has no 'files' list");
	for (size_t i = 0; i < fl->n; i++) {
		const struct jv *o = fl->items[i], *x;
		const struct jv *url = jget(o, "url"), *fn = jget(o, "filename");
		if (!url || url->t != J_STR || !fn || fn->t != J_STR || !*fn->s)
			continue;
		const char *abs = url_resolve(a, base_url, url->s);
		if (!abs || strchr(fn->s, '/'))
			continue;
		struct index_file *f = VEC_PUSH(files);
		memset(f, 0, sizeof(*f));
		f->url = abs;
		f->filename = fn->s;
		x = jget(jget(o, "hashes"), "sha256");
		if (x && x->t == J_STR)
			f->sha256 = x->s;
		x = jget(o, "requires-python");
		if (x && x->t == J_STR)
			f->requires_python = x->s;
		x = jget(o, "yanked");
		f->yanked = x && ((x->t == J_BOOL && x->b) || x->t == J_STR);
		x = jget(o, "core-metadata");
		if (!x)
			x = jget(o, "dist-info-metadata");
		if (x && x->t == J_BOOL && x->b) {
			index_file_metadata(a, f, "true", 1);
		} else if (x && x->t == J_OBJ) {
			const struct jv *h = jget(x, "sha256");
			index_file_metadata(a, f, h && h->t == J_STR ?
					    arena_printf(a, "sha256=%s", h->s) : "true", 1);
		}
	}
	return 0;
}
