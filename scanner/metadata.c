/* metadata.c: METADATA / PKG-INFO and WHEEL files, both RFC 822 style
 * headers read up to the first blank line. The description body, PEP 508
 * parsing of Requires-Dist and tag validation are not done here.
 */
#include "scanner.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* One header field: name as written, value with continuation lines joined. */
struct rfc822_field {
	const char *name;
	size_t name_len;
	const char *value; /* arena string */
	int line;
};

typedef void (*rfc822_fn)(void *ctx, const struct rfc822_field *f);
typedef void (*problem_fn)(void *ctx, int line, const char *msg);

static int field_is(const struct rfc822_field *f, const char *name)
{
	return strlen(name) == f->name_len && !strncasecmp(f->name, name, f->name_len);
}

static void rfc822_emit(struct arena *a, rfc822_fn fn, void *ctx, struct rfc822_field *f,
			struct strbuf *val)
{
	size_t n = val->len;

	while (n && (val->buf[n - 1] == ' ' || val->buf[n - 1] == '\t'))
		n--;
	/* folded lines: License keeps its line breaks, other fields are one line */
	if (!field_is(f, "License"))
		for (size_t i = 0; i < n; i++)
			if (val->buf[i] == '\n')
				val->buf[i] = ' ';
	f->value = arena_strndup(a, val->buf, n);
	fn(ctx, f);
}

/* Calls fn for each field of the header block; problems through pfn. */
static void rfc822_parse(struct arena *a, const char *text, size_t n, rfc822_fn fn,
			 problem_fn pfn, void *ctx)
{
	struct rfc822_field cur = { NULL, 0, NULL, 0 };
	struct strbuf val = STRBUF_INIT;
	size_t pos = 0;
	int line = 0, have = 0;

	while (pos < n) {
		const char *s = text + pos, *nl = memchr(s, '\n', n - pos);
		size_t len = nl ? (size_t)(nl - s) : n - pos;
		const char *colon;

		pos += len + (nl ? 1 : 0);
		line++;
		if (len && s[len - 1] == '\r')
			len--;
		if (!len)
			break; /* the body (description) follows */
		if (s[0] == ' ' || s[0] == '\t') {
			size_t i = 0;
			if (!have) {
				pfn(ctx, line, "continuation line without a field");
				continue;
			}
			while (i < len && (s[i] == ' ' || s[i] == '\t'))
				i++;
			if (i < len) {
				strbuf_addch(&val, '\n');
				strbuf_add(&val, s + i, len - i);
			}
			continue;
		}
		if (have)
			rfc822_emit(a, fn, ctx, &cur, &val);
		have = 0;
		colon = memchr(s, ':', len);
		if (!colon) {
			pfn(ctx, line, arena_printf(a, "line without a colon: '%s'",
						    printable(a, s, len > 60 ? 60 : len)));
			continue;
		}
		cur.name = s;
		cur.name_len = (size_t)(colon - s);
		for (size_t i = 0; i < cur.name_len; i++)
			if ((unsigned char)s[i] <= ' ' || (unsigned char)s[i] >= 0x7f) {
				cur.name_len = 0;
				break;
			}
		if (!cur.name_len) {
			pfn(ctx, line, arena_printf(a, "invalid field name '%s'",
						    printable(a, s, (size_t)(colon - s))));
			continue;
		}
		cur.line = line;
		strbuf_reset(&val);
		colon++;
		while (colon < s + len && (*colon == ' ' || *colon == '\t'))
			colon++;
		strbuf_add(&val, colon, (size_t)(s + len - colon));
		have = 1;
	}
	if (have)
		rfc822_emit(a, fn, ctx, &cur, &val);
	strbuf_release(&val);
}

/* ---- METADATA / PKG-INFO ---- */

struct meta_ctx {
	struct metadata *m;
	struct arena *a;
	const char *license_expr;
	int mv_line;
};

static void meta_problem(void *ctx, int line, const char *msg)
{
	struct meta_ctx *c = ctx;
	struct meta_problem *p = VEC_PUSH(&c->m->problems);

	p->line = line;
	p->msg = arena_strdup(c->a, msg);
}

/* Single fields: the first one wins, a repeat is a problem. */
static void meta_single(struct meta_ctx *c, const struct rfc822_field *f, const char **slot)
{
	if (*slot) {
		meta_problem(c, f->line, arena_printf(c->a, "repeated field '%.*s'",
						      (int)f->name_len, f->name));
		return;
	}
	*slot = f->value;
}

static void meta_field(void *ctx, const struct rfc822_field *f)
{
	struct meta_ctx *c = ctx;
	struct metadata *m = c->m;

	if (field_is(f, "Metadata-Version")) {
		if (!m->metadata_version)
			c->mv_line = f->line;
		meta_single(c, f, &m->metadata_version);
	}
	else if (field_is(f, "Name"))
		meta_single(c, f, &m->name);
	else if (field_is(f, "Version"))
		meta_single(c, f, &m->version);
	else if (field_is(f, "Summary"))
		meta_single(c, f, &m->summary);
	else if (field_is(f, "Requires-Python"))
		meta_single(c, f, &m->requires_python);
	else if (field_is(f, "License"))
		meta_single(c, f, &m->license);
	else if (field_is(f, "License-Expression"))
		meta_single(c, f, &c->license_expr);
	else if (field_is(f, "Home-page"))
		meta_single(c, f, &m->home_page);
	else if (field_is(f, "Requires-Dist"))
		*VEC_PUSH(&m->requires_dist) = f->value;
	else if (field_is(f, "Provides-Extra"))
		*VEC_PUSH(&m->provides_extra) = f->value;
	else if (field_is(f, "Dynamic"))
		*VEC_PUSH(&m->dynamic) = f->value;
	else if (field_is(f, "Classifier"))
		*VEC_PUSH(&m->classifiers) = f->value;
	/* everything else (Requires, Author, Description, ...) is not needed */
}

void metadata_parse(struct metadata *m, struct arena *a, const char *text, size_t n)
{
	static const char *const known[] = { "1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4" };
	struct meta_ctx c = { m, a, NULL, 0 };

	memset(m, 0, sizeof(*m));
	rfc822_parse(a, text, n, meta_field, meta_problem, &c);
	/* License-Expression (2.4) is the better answer when both are given */
	if (c.license_expr)
		m->license = c.license_expr;
	if (!m->metadata_version) {
		meta_problem(&c, 0, "missing required field 'Metadata-Version'");
	} else {
		size_t i;
		for (i = 0; i < sizeof(known) / sizeof(known[0]); i++)
			if (!strcmp(m->metadata_version, known[i]))
				break;
		if (i == sizeof(known) / sizeof(known[0]))
			meta_problem(&c, c.mv_line, arena_printf(a, "unsupported Metadata-Version '%s'",
							       printable(a, m->metadata_version,
									 strlen(m->metadata_version))));
	}
	if (!m->name || !*m->name)
		meta_problem(&c, 0, "missing required field 'Name'");
	if (!m->version || !*m->version)
		meta_problem(&c, 0, "missing required field 'Version'");
}

void metadata_release(struct metadata *m)
{
	VEC_FREE(&m->requires_dist);
	VEC_FREE(&m->provides_extra);
	VEC_FREE(&m->dynamic);
	VEC_FREE(&m->classifiers);
	VEC_FREE(&m->problems);
}

/* ---- WHEEL ---- */

struct wheel_ctx {
	struct wheel_info *w;
	struct arena *a;
};

static void wheel_problem(void *ctx, int line, const char *msg)
{
	struct wheel_ctx *c = ctx;
	struct meta_problem *p = VEC_PUSH(&c->w->problems);

	p->line = line;
	p->msg = arena_strdup(c->a, msg);
}

static void wheel_field(void *ctx, const struct rfc822_field *f)
{
	struct wheel_ctx *c = ctx;
	struct wheel_info *w = c->w;

	if (field_is(f, "Wheel-Version")) {
		w->wheel_version = f->value;
		if (strncmp(f->value, "1.", 2) && strcmp(f->value, "1"))
			wheel_problem(c, f->line, arena_printf(c->a, "unsupported Wheel-Version '%s'",
								printable(c->a, f->value, strlen(f->value))));
	} else if (field_is(f, "Generator")) {
		w->generator = f->value;
	} else if (field_is(f, "Build")) {
		w->build = f->value;
	} else if (field_is(f, "Tag")) {
		*VEC_PUSH(&w->tags) = f->value;
	} else if (field_is(f, "Root-Is-Purelib")) {
		if (!strcasecmp(f->value, "true"))
			w->root_is_purelib = 1;
		else if (!strcasecmp(f->value, "false"))
			w->root_is_purelib = 0;
		else
			wheel_problem(c, f->line, arena_printf(c->a, "invalid Root-Is-Purelib '%s'",
								printable(c->a, f->value, strlen(f->value))));
	}
}

void wheel_info_parse(struct wheel_info *w, struct arena *a, const char *text, size_t n)
{
	struct wheel_ctx c = { w, a };

	memset(w, 0, sizeof(*w));
	w->root_is_purelib = -1;
	rfc822_parse(a, text, n, wheel_field, wheel_problem, &c);
	if (!w->wheel_version)
		wheel_problem(&c, 0, "missing required field 'Wheel-Version'");
}

void wheel_info_release(struct wheel_info *w)
{
	VEC_FREE(&w->tags);
	VEC_FREE(&w->problems);
}
