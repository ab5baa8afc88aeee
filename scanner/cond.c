/* cond.c: evaluates the test of an `if` around an import against a target
 * (sys.platform, os.name, sys.version_info, platform.system(),
 * sys.implementation.name, hasattr(sys, "pypy_version_info")) with
 * three-valued and/or/not. Anything it does
 * not understand is unknown (-1); it never runs or imports anything.
 */
#include "scanner.h"

#include <string.h>

#define COND_MAX_DEPTH 64
#define TUPLE_MAX 8

enum vtype { V_UNK, V_BOOL, V_INT, V_STR, V_TUPLE, V_NONE, V_PATH, V_METHOD };
enum { M_STARTSWITH = 1, M_ENDSWITH };

struct scalar {
	enum vtype type; /* V_UNK, V_BOOL, V_INT, V_STR, V_NONE */
	long long i;
	const char *s;
	size_t n;
};

struct value {
	struct scalar sc;    /* for scalar types; the string of a V_METHOD */
	enum vtype type;
	struct scalar el[TUPLE_MAX];
	int n_el;
	char path[64];       /* V_PATH: dotted name seen so far */
	int method;          /* V_METHOD */
	int display;         /* V_TUPLE from a list or set display: good for
				`in` only (a list or set never equals a tuple) */
};

struct cparser {
	const char *p, *end;
	const struct cond_env *env;
	int depth;
	int fail;
	char cur[64]; /* the current token text (names/ops) */
	size_t cur_n;
};

static void skip_ws(struct cparser *c)
{
	while (c->p < c->end && (*c->p == ' ' || *c->p == '\t' || *c->p == '\n' || *c->p == '\r'))
		c->p++;
}

static int idc(char ch)
{
	unsigned char u = (unsigned char)ch;
	return u == '_' || u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z');
}

/* Peeks a keyword/name or operator; returns 1 if the next token is word. */
static int peek_word(struct cparser *c, const char *w)
{
	size_t n = strlen(w);
	skip_ws(c);
	if ((size_t)(c->end - c->p) < n || memcmp(c->p, w, n))
		return 0;
	if (idc(w[0]) && c->p + n < c->end && idc(c->p[n]))
		return 0;
	return 1;
}

static int accept(struct cparser *c, const char *w)
{
	if (!peek_word(c, w))
		return 0;
	c->p += strlen(w);
	return 1;
}

static void set_unk(struct value *v)
{
	memset(v, 0, sizeof(*v));
	v->type = V_UNK;
}

static void set_bool(struct value *v, int b)
{
	memset(v, 0, sizeof(*v));
	if (b < 0) {
		v->type = V_UNK;
		return;
	}
	v->type = V_BOOL;
	v->sc.type = V_BOOL;
	v->sc.i = b;
}

static void set_str(struct value *v, const char *s)
{
	memset(v, 0, sizeof(*v));
	if (!s) {
		v->type = V_UNK;
		return;
	}
	v->type = V_STR;
	v->sc.type = V_STR;
	v->sc.s = s;
	v->sc.n = strlen(s);
}

static void set_int(struct value *v, long long i)
{
	memset(v, 0, sizeof(*v));
	v->type = V_INT;
	v->sc.type = V_INT;
	v->sc.i = i;
}

static void version_tuple(struct cparser *c, struct value *v)
{
	memset(v, 0, sizeof(*v));
	if (c->env->py_major <= 0) {
		v->type = V_UNK;
		return;
	}
	v->type = V_TUPLE;
	v->n_el = 5;
	v->el[0].type = v->el[1].type = v->el[2].type = V_INT;
	v->el[0].i = c->env->py_major;
	v->el[1].i = c->env->py_minor;
	v->el[2].i = c->env->py_micro;
	v->el[3].type = V_STR;
	v->el[3].s = "final";
	v->el[3].n = 5;
	v->el[4].type = V_INT;
	v->el[4].i = 0;
}

/* A finished dotted name becomes a value. */
static void resolve_path(struct cparser *c, struct value *v)
{
	const struct cond_env *e = c->env;
	char p[64];

	memcpy(p, v->path, sizeof(p));
	if (!strcmp(p, "sys.platform"))
		set_str(v, e->sys_platform);
	else if (!strcmp(p, "os.name"))
		set_str(v, e->os_name);
	else if (!strcmp(p, "sys.implementation.name"))
		set_str(v, e->implementation_name);
	else if (!strcmp(p, "sys.version_info"))
		version_tuple(c, v);
	else if (!strcmp(p, "sys.version_info.major") && e->py_major > 0)
		set_int(v, e->py_major);
	else if (!strcmp(p, "sys.version_info.minor") && e->py_major > 0)
		set_int(v, e->py_minor);
	else if (!strcmp(p, "sys.version_info.micro") && e->py_major > 0)
		set_int(v, e->py_micro);
	else if (!strcmp(p, "True"))
		set_bool(v, 1);
	else if (!strcmp(p, "False"))
		set_bool(v, 0);
	else if (!strcmp(p, "None")) {
		memset(v, 0, sizeof(*v));
		v->type = v->sc.type = V_NONE;
	} else
		set_unk(v);
}

static void as_scalar(const struct value *v, struct scalar *s)
{
	if (v->type == V_BOOL || v->type == V_INT || v->type == V_STR || v->type == V_NONE)
		*s = v->sc;
	else
		s->type = V_UNK;
}

static void parse_or(struct cparser *c, struct value *v);

/* Arguments of a call: parsed, and the first one kept. */
static void parse_args(struct cparser *c, struct value *first, int *nargs)
{
	*nargs = 0;
	set_unk(first);
	if (accept(c, ")"))
		return;
	for (;;) {
		struct value a;
		parse_or(c, &a);
		if (c->fail)
			return;
		if (*nargs == 0)
			*first = a;
		(*nargs)++;
		if (accept(c, ","))
			continue;
		if (!accept(c, ")"))
			c->fail = 1;
		return;
	}
}

static int str_affix(const struct scalar *s, const struct scalar *a, int method)
{
	if (a->n > s->n)
		return 0;
	if (method == M_STARTSWITH)
		return !memcmp(s->s, a->s, a->n);
	return !memcmp(s->s + s->n - a->n, a->s, a->n);
}

static void call(struct cparser *c, struct value *v)
{
	struct value arg;
	int nargs;
	char p[64];

	memcpy(p, v->path, sizeof(p));
	const char *args = c->p;
	parse_args(c, &arg, &nargs);
	if (c->fail)
		return;
	if (v->type == V_PATH && nargs == 2 && !strcmp(p, "hasattr")) {
		/* hasattr(sys, "pypy_version_info"): PyPy's own attribute */
		char t[64];
		size_t n = 0;
		for (const char *q = args; q < c->p && n < sizeof(t) - 1; q++)
			if (*q != ' ' && *q != '\t' && *q != '\n' && *q != '\r' && *q != '\\')
				t[n++] = *q == '\'' ? '"' : *q;
		t[n] = 0;
		const char *impl = c->env->implementation_name;
		if (!strcmp(t, "sys,\"pypy_version_info\")") && impl)
			set_bool(v, !strcmp(impl, "pypy"));
		else
			set_unk(v);
	} else if (v->type == V_PATH && nargs == 0 && !strcmp(p, "platform.system")) {
		set_str(v, c->env->platform_system);
	} else if (v->type == V_PATH && nargs == 0 && !strcmp(p, "platform.python_implementation")) {
		const char *impl = c->env->implementation_name;
		if (impl && !strcmp(impl, "cpython"))
			set_str(v, "CPython");
		else if (impl && !strcmp(impl, "pypy"))
			set_str(v, "PyPy");
		else
			set_unk(v);
	} else if (v->type == V_METHOD && nargs == 1) {
		struct scalar s = v->sc;
		int m = v->method, r = 0, unk = 0;
		if (arg.type == V_STR) {
			r = str_affix(&s, &arg.sc, m);
		} else if (arg.type == V_TUPLE) {
			for (int i = 0; i < arg.n_el; i++) {
				if (arg.el[i].type != V_STR)
					unk = 1;
				else if (str_affix(&s, &arg.el[i], m))
					r = 1;
			}
			if (unk && !r)
				r = -1;
		} else {
			r = -1;
		}
		set_bool(v, r);
	} else {
		set_unk(v);
	}
}

static void parse_string(struct cparser *c, struct value *v)
{
	char q = *c->p;
	const char *b = ++c->p;

	while (c->p < c->end && *c->p != q && *c->p != '\\')
		c->p++;
	if (c->p >= c->end || *c->p != q) {
		c->fail = 1;
		return;
	}
	memset(v, 0, sizeof(*v));
	v->type = v->sc.type = V_STR;
	v->sc.s = b;
	v->sc.n = (size_t)(c->p - b);
	c->p++;
}

static void parse_atom(struct cparser *c, struct value *v)
{
	skip_ws(c);
	set_unk(v);
	if (c->p >= c->end) {
		c->fail = 1;
		return;
	}
	char ch = *c->p;
	if (ch == '"' || ch == '\'') {
		parse_string(c, v);
		/* implicit concatenation or prefixed strings: give up on the value */
		skip_ws(c);
		if (c->p < c->end && (*c->p == '"' || *c->p == '\''))
			c->fail = 1;
	} else if (ch >= '0' && ch <= '9') {
		long long n = 0;
		while (c->p < c->end && *c->p >= '0' && *c->p <= '9') {
			if (n < 1000000000)
				n = n * 10 + (*c->p - '0');
			c->p++;
		}
		if (c->p < c->end && idc(*c->p)) {
			while (c->p < c->end && (idc(*c->p) || *c->p == '.'))
				c->p++;
			set_unk(v);
		} else if (c->p < c->end && *c->p == '.') {
			c->p++;
			while (c->p < c->end && (*c->p >= '0' && *c->p <= '9'))
				c->p++;
			set_unk(v);
		} else {
			set_int(v, n);
		}
	} else if (idc(ch)) {
		const char *b = c->p;
		while (c->p < c->end && idc(*c->p))
			c->p++;
		size_t n = (size_t)(c->p - b);
		/* a string prefix makes the literal unknown */
		if (c->p < c->end && (*c->p == '"' || *c->p == '\'') && n <= 2) {
			struct value dummy;
			parse_string(c, &dummy);
			set_unk(v);
			return;
		}
		memset(v, 0, sizeof(*v));
		v->type = V_PATH;
		if (n < sizeof(v->path)) {
			memcpy(v->path, b, n);
			v->path[n] = 0;
		} else {
			v->type = V_UNK;
		}
	} else if (ch == '(') {
		c->p++;
		if (accept(c, ")")) {
			memset(v, 0, sizeof(*v));
			v->type = V_TUPLE;
			return;
		}
		struct value first;
		parse_or(c, &first);
		if (c->fail)
			return;
		if (accept(c, ")")) {
			*v = first;
			return;
		}
		/* a tuple of scalars */
		memset(v, 0, sizeof(*v));
		v->type = V_TUPLE;
		as_scalar(&first, &v->el[0]);
		v->n_el = 1;
		while (accept(c, ",")) {
			struct value e;
			if (accept(c, ")"))
				return;
			parse_or(c, &e);
			if (c->fail)
				return;
			if (v->n_el < TUPLE_MAX)
				as_scalar(&e, &v->el[v->n_el++]);
			else
				v->type = V_UNK;
		}
		if (!accept(c, ")"))
			c->fail = 1;
	} else if (ch == '[' || ch == '{') {
		/* a list or set display of scalars (uuid's `sys.platform in
		 * {'win32', 'darwin', 'emscripten', 'wasi'}`): a collection for
		 * `in`; a dict display, a comprehension or a longer one is unknown */
		const char *close = ch == '[' ? "]" : "}";
		int known = 1;
		c->p++;
		memset(v, 0, sizeof(*v));
		v->type = V_TUPLE;
		v->display = 1;
		if (!accept(c, close)) {
			do {
				struct value e;
				if (peek_word(c, close))
					break;
				parse_or(c, &e);
				if (c->fail)
					return;
				if (peek_word(c, ":") || peek_word(c, "for"))
					known = 0;
				if (known && v->n_el < TUPLE_MAX && e.type != V_TUPLE && e.type != V_UNK &&
				    e.type != V_PATH && e.type != V_METHOD)
					as_scalar(&e, &v->el[v->n_el++]);
				else
					known = 0;
				if (!known) {
					/* skip to the closing bracket */
					int d = 1;
					while (c->p < c->end && d) {
						if (*c->p == '[' || *c->p == '{' || *c->p == '(')
							d++;
						else if (*c->p == ']' || *c->p == '}' || *c->p == ')')
							d--;
						else if (*c->p == '"' || *c->p == '\'') {
							struct value dummy;
							parse_string(c, &dummy);
							continue;
						}
						c->p++;
					}
					set_unk(v);
					return;
				}
			} while (accept(c, ","));
			if (!accept(c, close))
				c->fail = 1;
		} else if (ch == '{')
			known = 0; /* {} is a dict */
		if (!known)
			set_unk(v);
	} else {
		c->fail = 1;
	}
}

static void subscript(struct cparser *c, struct value *v)
{
	struct value idx;
	int slice = 0;

	if (accept(c, ":")) {
		slice = 1;
	}
	parse_or(c, &idx);
	if (c->fail)
		return;
	if (!slice && accept(c, ":")) {
		/* [a:b]: only [:n] is understood */
		struct value hi;
		parse_or(c, &hi);
		set_unk(v);
		if (!accept(c, "]"))
			c->fail = 1;
		return;
	}
	if (!accept(c, "]")) {
		c->fail = 1;
		return;
	}
	if (v->type != V_TUPLE || idx.type != V_INT) {
		set_unk(v);
		return;
	}
	if (slice) {
		if (idx.sc.i < v->n_el)
			v->n_el = (int)(idx.sc.i < 0 ? 0 : idx.sc.i);
		return;
	}
	if (idx.sc.i < 0 || idx.sc.i >= v->n_el) {
		set_unk(v);
		return;
	}
	struct scalar e = v->el[idx.sc.i];
	memset(v, 0, sizeof(*v));
	v->type = e.type;
	v->sc = e;
}

static void parse_primary(struct cparser *c, struct value *v)
{
	parse_atom(c, v);
	while (!c->fail) {
		skip_ws(c);
		if (accept(c, ".")) {
			skip_ws(c);
			const char *b = c->p;
			while (c->p < c->end && idc(*c->p))
				c->p++;
			size_t n = (size_t)(c->p - b);
			int m = (n == 10 && !memcmp(b, "startswith", 10)) ? M_STARTSWITH :
				(n == 8 && !memcmp(b, "endswith", 8)) ? M_ENDSWITH : 0;
			if (n == 0) {
				c->fail = 1;
				return;
			}
			if (v->type == V_PATH && m)
				resolve_path(c, v);
			if (v->type == V_PATH) {
				size_t l = strlen(v->path);
				if (l + 1 + n < sizeof(v->path)) {
					v->path[l] = '.';
					memcpy(v->path + l + 1, b, n);
					v->path[l + 1 + n] = 0;
				} else {
					set_unk(v);
				}
			} else if (v->type == V_STR && m) {
				v->type = V_METHOD;
				v->method = m;
			} else {
				set_unk(v);
			}
		} else if (accept(c, "(")) {
			call(c, v);
		} else if (accept(c, "[")) {
			if (v->type == V_PATH)
				resolve_path(c, v);
			subscript(c, v);
		} else {
			break;
		}
	}
	if (v->type == V_PATH)
		resolve_path(c, v);
	if (v->type == V_METHOD)
		set_unk(v);
}

static void parse_unary(struct cparser *c, struct value *v)
{
	if (++c->depth > COND_MAX_DEPTH) {
		c->fail = 1;
		return;
	}
	skip_ws(c);
	if (c->p < c->end && (*c->p == '-' || *c->p == '+' || *c->p == '~')) {
		c->p++;
		parse_unary(c, v);
		set_unk(v);
	} else {
		parse_primary(c, v);
	}
	c->depth--;
}

/* Arithmetic and bitwise operators are parsed and make the value unknown. */
static void parse_arith(struct cparser *c, struct value *v)
{
	static const char *const ops[] = { "**", "//", "<<", ">>", "+", "-", "*", "/", "%", "&", "|", "^", "@", NULL };

	parse_unary(c, v);
	while (!c->fail) {
		int found = 0;
		skip_ws(c);
		for (int i = 0; ops[i]; i++) {
			size_t n = strlen(ops[i]);
			if ((size_t)(c->end - c->p) >= n && !memcmp(c->p, ops[i], n) &&
			    !(c->p + n < c->end && c->p[n] == '=')) {
				c->p += n;
				found = 1;
				break;
			}
		}
		if (!found)
			return;
		struct value r;
		parse_unary(c, &r);
		set_unk(v);
	}
}

static int cmp_scalar(const struct scalar *a, const struct scalar *b, int *res)
{
	if (a->type == V_UNK || b->type == V_UNK)
		return -1;
	if ((a->type == V_INT || a->type == V_BOOL) && (b->type == V_INT || b->type == V_BOOL)) {
		*res = a->i < b->i ? -1 : a->i > b->i;
		return 0;
	}
	if (a->type == V_STR && b->type == V_STR) {
		size_t n = a->n < b->n ? a->n : b->n;
		int r = memcmp(a->s, b->s, n);
		*res = r ? (r < 0 ? -1 : 1) : (a->n < b->n ? -1 : a->n > b->n);
		return 0;
	}
	return -2; /* different types: only == and != are defined */
}

/* Three-way compare; returns -1 unknown, -2 incomparable types, 0 ok. */
static int compare(const struct value *a, const struct value *b, int *res)
{
	if (a->type == V_UNK || b->type == V_UNK)
		return -1;
	if (a->display || b->display)
		return -1;
	if (a->type == V_TUPLE && b->type == V_TUPLE) {
		for (int i = 0; i < a->n_el && i < b->n_el; i++) {
			int r, k = cmp_scalar(&a->el[i], &b->el[i], &r);
			if (k)
				return k == -2 ? -1 : k;
			if (r) {
				*res = r;
				return 0;
			}
		}
		*res = a->n_el < b->n_el ? -1 : a->n_el > b->n_el;
		return 0;
	}
	if (a->type == V_TUPLE || b->type == V_TUPLE)
		return -2;
	if (a->type == V_NONE || b->type == V_NONE) {
		if (a->type == b->type) {
			*res = 0;
			return 0;
		}
		return -2;
	}
	return cmp_scalar(&a->sc, &b->sc, res);
}

static int contains(const struct value *item, const struct value *box)
{
	if (item->type == V_UNK || box->type == V_UNK)
		return -1;
	if (box->type == V_STR && item->type == V_STR) {
		if (item->sc.n == 0)
			return 1;
		if (item->sc.n > box->sc.n)
			return 0;
		for (size_t i = 0; i + item->sc.n <= box->sc.n; i++)
			if (!memcmp(box->sc.s + i, item->sc.s, item->sc.n))
				return 1;
		return 0;
	}
	if (box->type == V_TUPLE) {
		int unk = 0;
		for (int i = 0; i < box->n_el; i++) {
			struct value e;
			int r;
			memset(&e, 0, sizeof(e));
			e.type = box->el[i].type;
			e.sc = box->el[i];
			int k = compare(item, &e, &r);
			if (k == -1)
				unk = 1;
			else if (k == 0 && r == 0)
				return 1;
		}
		return unk ? -1 : 0;
	}
	return -1;
}

static void parse_comparison(struct cparser *c, struct value *v)
{
	struct value left, right;
	int result = 1, any = 0; /* chained comparisons are and-ed */

	parse_arith(c, &left);
	while (!c->fail) {
		int op, r = -1, k, res = 0;
		/* 1 == 2 != 3 < 4 <= 5 > 6 >= 7 in 8 not in 9 is 10 is not */
		if (accept(c, "=="))
			op = 1;
		else if (accept(c, "!="))
			op = 2;
		else if (accept(c, "<="))
			op = 4;
		else if (accept(c, ">="))
			op = 6;
		else if (accept(c, "<"))
			op = 3;
		else if (accept(c, ">"))
			op = 5;
		else if (accept(c, "in"))
			op = 7;
		else if (accept(c, "not")) {
			if (!accept(c, "in")) {
				c->fail = 1;
				return;
			}
			op = 8;
		} else if (accept(c, "is"))
			op = accept(c, "not") ? 10 : 9;
		else
			break;
		parse_arith(c, &right);
		if (c->fail)
			return;
		if (op == 7 || op == 8) {
			r = contains(&left, &right);
			if (op == 8 && r >= 0)
				r = !r;
		} else if (op == 9 || op == 10) {
			if ((left.type == V_NONE || right.type == V_NONE) &&
			    left.type != V_UNK && right.type != V_UNK)
				r = (left.type == right.type) == (op == 9);
		} else {
			k = compare(&left, &right, &res);
			if (k == -2)
				r = op == 1 ? 0 : op == 2 ? 1 : -1;
			else if (k == 0)
				switch (op) {
				case 1: r = res == 0; break;
				case 2: r = res != 0; break;
				case 3: r = res < 0; break;
				case 4: r = res <= 0; break;
				case 5: r = res > 0; break;
				case 6: r = res >= 0; break;
				}
		}
		if (r == 0 || result == 0)
			result = 0;
		else if (r < 0)
			result = -1;
		any = 1;
		left = right;
	}
	if (any)
		set_bool(v, result);
	else
		*v = left;
}

static int truth(const struct value *v)
{
	switch (v->type) {
	case V_BOOL: case V_INT: return v->sc.i != 0;
	case V_STR: return v->sc.n != 0;
	case V_NONE: return 0;
	case V_TUPLE: return v->n_el != 0;
	default: return -1;
	}
}

static void parse_not(struct cparser *c, struct value *v)
{
	if (++c->depth > COND_MAX_DEPTH) {
		c->fail = 1;
		return;
	}
	if (accept(c, "not")) {
		parse_not(c, v);
		int t = truth(v);
		set_bool(v, t < 0 ? -1 : !t);
	} else {
		parse_comparison(c, v);
	}
	c->depth--;
}

static void parse_and(struct cparser *c, struct value *v)
{
	parse_not(c, v);
	while (!c->fail && accept(c, "and")) {
		struct value r;
		int a = truth(v), b;
		parse_not(c, &r);
		b = truth(&r);
		set_bool(v, (a == 0 || b == 0) ? 0 : (a < 0 || b < 0) ? -1 : 1);
	}
}

static void parse_or(struct cparser *c, struct value *v)
{
	if (++c->depth > COND_MAX_DEPTH) {
		c->fail = 1;
		return;
	}
	parse_and(c, v);
	while (!c->fail && accept(c, "or")) {
		struct value r;
		int a = truth(v), b;
		parse_and(c, &r);
		b = truth(&r);
		set_bool(v, (a == 1 || b == 1) ? 1 : (a < 0 || b < 0) ? -1 : 0);
	}
	c->depth--;
}

int cond_eval(const char *text, const struct cond_env *env)
{
	struct cparser c;
	struct value v;

	if (!text || !env)
		return -1;
	memset(&c, 0, sizeof(c));
	c.p = text;
	c.end = text + strlen(text);
	c.env = env;
	parse_or(&c, &v);
	skip_ws(&c);
	if (c.fail || c.p != c.end)
		return -1;
	return truth(&v);
}
