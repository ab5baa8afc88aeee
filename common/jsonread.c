/* jsonread.c: a small, bounded JSON reader into an arena tree, for
 * pyodide-lock.json and PEP 691 index pages. RFC 8259 only: no comments, no trailing commas; depth
 * capped. It does not write JSON (common/json.c does). */
#include "common.h"

#include <stdlib.h>
#include <string.h>

#define JSON_MAX_DEPTH 200

struct jp {
	struct arena *a;
	const char *file;
	const char *s, *end, *p;
	struct perr *err;
};

static int jp_fail(struct jp *j, const char *what)
{
	int line = 1, col = 1;
	for (const char *q = j->s; q < j->p && q < j->end; q++) {
		if (*q == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	return perr_set(j->err, PM_INPUT, "%s:%d:%d: %s", j->file, line, col, what);
}

static void jp_ws(struct jp *j)
{
	while (j->p < j->end && (*j->p == ' ' || *j->p == '\t' || *j->p == '\n' || *j->p == '\r'))
		j->p++;
}

static int hex4(const char *p, const char *end, unsigned *out)
{
	unsigned v = 0;
	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		int d = hex_digit_value(p[i]);
		if (d < 0)
			return -1;
		v = v << 4 | (unsigned)d;
	}
	*out = v;
	return 0;
}

static int jp_string(struct jp *j, const char **out, size_t *outlen)
{
	struct strbuf sb = STRBUF_INIT;

	j->p++; /* opening quote */
	while (j->p < j->end && *j->p != '"') {
		unsigned char c = (unsigned char)*j->p;
		if (c < 0x20) {
			strbuf_release(&sb);
			return jp_fail(j, "control character in string");
		}
		if (c != '\\') {
			strbuf_addch(&sb, c);
			j->p++;
			continue;
		}
		if (j->end - j->p < 2)
			break;
		j->p++;
		switch (*j->p) {
		case '"': case '\\': case '/': strbuf_addch(&sb, *j->p); j->p++; break;
		case 'b': strbuf_addch(&sb, '\b'); j->p++; break;
		case 'f': strbuf_addch(&sb, '\f'); j->p++; break;
		case 'n': strbuf_addch(&sb, '\n'); j->p++; break;
		case 'r': strbuf_addch(&sb, '\r'); j->p++; break;
		case 't': strbuf_addch(&sb, '\t'); j->p++; break;
		case 'u': {
			unsigned cp, lo;
			if (hex4(j->p + 1, j->end, &cp)) {
				strbuf_release(&sb);
				return jp_fail(j, "invalid \\u escape");
			}
			j->p += 5;
			if (cp >= 0xd800 && cp < 0xdc00 && j->end - j->p >= 6 && j->p[0] == '\\' &&
			    j->p[1] == 'u' && !hex4(j->p + 2, j->end, &lo) && lo >= 0xdc00 && lo < 0xe000) {
				cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00);
				j->p += 6;
			} else if (cp >= 0xd800 && cp < 0xe000) {
				cp = 0xfffd; /* lone surrogate */
			}
			if (cp == 0)
				cp = 0xfffd; /* keep strings NUL-free */
			strbuf_add_utf8(&sb, cp);
			break;
		}
		default:
			strbuf_release(&sb);
			return jp_fail(j, "invalid escape in string");
		}
	}
	if (j->p >= j->end) {
		strbuf_release(&sb);
		return jp_fail(j, "unterminated string");
	}
	j->p++;
	*out = arena_strndup(j->a, sb.buf, sb.len);
	*outlen = sb.len;
	strbuf_release(&sb);
	return 0;
}

static int jp_value(struct jp *j, struct jnode **out, int depth);

static int jp_container(struct jp *j, struct jnode *n, int depth)
{
	VEC(struct jnode *) items = VEC_INIT;
	char close = n->type == J_OBJECT ? '}' : ']';
	int rc = 0;

	j->p++;
	jp_ws(j);
	if (j->p < j->end && *j->p == close) {
		j->p++;
		return 0;
	}
	for (;;) {
		struct jnode *v;
		jp_ws(j);
		if (n->type == J_OBJECT) {
			struct jnode *k;
			if (j->p >= j->end || *j->p != '"') {
				rc = jp_fail(j, "expected a string key");
				break;
			}
			k = arena_alloc(j->a, sizeof(*k));
			k->type = J_STRING;
			if ((rc = jp_string(j, &k->str, &k->len)))
				break;
			*VEC_PUSH(&items) = k;
			jp_ws(j);
			if (j->p >= j->end || *j->p != ':') {
				rc = jp_fail(j, "expected ':'");
				break;
			}
			j->p++;
		}
		if ((rc = jp_value(j, &v, depth + 1)))
			break;
		*VEC_PUSH(&items) = v;
		jp_ws(j);
		if (j->p < j->end && *j->p == ',') {
			j->p++;
			continue;
		}
		if (j->p < j->end && *j->p == close) {
			j->p++;
			break;
		}
		rc = jp_fail(j, n->type == J_OBJECT ? "expected ',' or '}'" : "expected ',' or ']'");
		break;
	}
	if (!rc && items.n) {
		n->items = arena_alloc(j->a, items.n * sizeof(*n->items));
		memcpy(n->items, items.v, items.n * sizeof(*n->items));
		n->n = items.n;
	}
	VEC_FREE(&items);
	return rc;
}

static int jp_value(struct jp *j, struct jnode **out, int depth)
{
	struct jnode *n;

	if (depth > JSON_MAX_DEPTH)
		return jp_fail(j, "nested too deeply");
	jp_ws(j);
	if (j->p >= j->end)
		return jp_fail(j, "unexpected end of input");
	n = arena_alloc(j->a, sizeof(*n));
	*out = n;
	switch (*j->p) {
	case '{': n->type = J_OBJECT; return jp_container(j, n, depth);
	case '[': n->type = J_ARRAY; return jp_container(j, n, depth);
	case '"': n->type = J_STRING; return jp_string(j, &n->str, &n->len);
	}
	if (j->end - j->p >= 4 && !memcmp(j->p, "true", 4)) {
		n->type = J_BOOL, n->boolean = 1, j->p += 4;
		return 0;
	}
	if (j->end - j->p >= 5 && !memcmp(j->p, "false", 5)) {
		n->type = J_BOOL, j->p += 5;
		return 0;
	}
	if (j->end - j->p >= 4 && !memcmp(j->p, "null", 4)) {
		n->type = J_NULL, j->p += 4;
		return 0;
	}
	if (*j->p == '-' || (*j->p >= '0' && *j->p <= '9')) {
		const char *b = j->p;
		while (j->p < j->end && *j->p && strchr("+-0123456789.eE", *j->p))
			j->p++;
		n->type = J_NUMBER;
		n->str = arena_strndup(j->a, b, j->p - b);
		n->len = j->p - b;
		return 0;
	}
	return jp_fail(j, "unexpected character");
}

int jtree_parse(struct arena *a, const char *file, const char *text, size_t len,
		struct jnode **root, struct perr *err)
{
	struct jp j = { a, file, text, text + len, text, err };
	int rc;

	if (len >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		j.p += 3;
	if ((rc = jp_value(&j, root, 0)))
		return rc;
	jp_ws(&j);
	if (j.p != j.end)
		return jp_fail(&j, "trailing data after the JSON value");
	return 0;
}

const struct jnode *jnode_get(const struct jnode *obj, const char *key)
{
	if (!obj || obj->type != J_OBJECT)
		return NULL;
	for (size_t i = 0; i + 1 < obj->n; i += 2)
		if (!strcmp(obj->items[i]->str, key))
			return obj->items[i + 1];
	return NULL;
}
