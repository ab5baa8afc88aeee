/* imports.c: import edges from Python source: import / from-import
 * statements and literal dynamic imports, with their kinds (eager, lazy,
 * guarded, typing, conditional, dynamic) from the block structure around
 * them, and diagnostics for source that is not Python 3. It reads tokens
 * from pylex.c; conditions are evaluated by cond.c. No file I/O here.
 */
#include "pylex.h"

#include <stdlib.h>
#include <ctype.h>
#include <string.h>

#define EDGE_CANDIDATE (1u << 30) /* import_module("x") not yet known to be importlib's */
#define COND_MAX 4096              /* longest condition text kept */
#define MAX_ALIASES 8

enum { FR_PLAIN, FR_DEF, FR_CLASS, FR_MATCH };
enum { CH_NONE, CH_TRY, CH_IF, CH_LOOP };

struct frame {
	int kind;
	int lazy, typing;
	int def_depth;    /* functions around this block */
	int guarded; /* the else: of a try whose handlers catch ImportError:
			it runs only when the guarded imports succeeded */
	const char *cond; /* arena; NULL when not conditional */
	const char *funcs; /* import_edge.funcs for statements in this block */
	int main_only;     /* under if __name__ == "__main__": */
	const char *fallback_for; /* import_edge.fallback_for */
	int import_handler; /* the body of an `except ImportError:` handler */
	int on_error;       /* the body of another `except` handler */
	int branch;         /* import_edge.branch */
	const char *loop_var;   /* in `for NAME in ("a", "b"):`: NAME, and */
	const char **loop_vals; /* the strings it takes (n_loop_vals) */
	size_t n_loop_vals;
	int in_try;         /* the body of a try */
	const char *flag;   /* import_edge.flag */
	const char *option; /* inside `if NAME:` where NAME is an option of the
			       function (a parameter whose default is False,
			       None, 0 or empty): its calls run only when a
			       caller passes NAME (note_call) */
};

struct chain {
	int kind;
	size_t try_start, try_end;
	int try_def_depth; /* the try's own function depth */
	int have_end, guarded;
	const char *negs;  /* "not (T1) and not (T2)": the tests so far, negated */
	int platform;      /* some test so far is on the platform or version */
	int else_typing;   /* the if test was `not TYPE_CHECKING` */
	int flag_test;     /* the if tests a name an ImportError handler binds */
	size_t try_assigned; /* st->try_assigned.n when the try began */
	const char *flag;  /* the if's test when it is a flag read from elsewhere */
};

struct scan_state {
	struct import_scan *s;
	struct arena *a;
	const char *file, *module;
	int is_package;
	const struct cond_env *env;
	struct frame frames[PYLEX_MAX_INDENT + 2];
	struct chain chains[PYLEX_MAX_INDENT + 2];
	int depth;
	/* constants of tuple and list displays so far in the code unit (the
	 * module, a def's or a class's body) whose block is at each depth;
	 * the most in one unit closed so far */
	long long unit_consts[PYLEX_MAX_INDENT + 2];
	long long unit_max;
	/* the same for list, set and dict comprehensions */
	long long unit_comps[PYLEX_MAX_INDENT + 2];
	long long comps_max;
	int have_pending;
	struct frame pending;
	VEC(struct pytok) toks;
	VEC(const char *) names;
	VEC(const char *) binds;   /* the names a from-import binds (as names) */
	struct strmap literals;    /* want_names: the file's string literals that
				      may be an entry-point group ("pygments.lexers") */
	struct strbuf tmp;
	unsigned diag_seen;
	const char *aliases[MAX_ALIASES]; /* names bound to importlib.import_module */
	size_t alias_len[MAX_ALIASES];
	int n_aliases;
	int im_bound; /* `from importlib import import_module` seen */
	int decorated; /* the lines since the last statement were decorators */
	struct strmap seen; /* want_names: the names recorded for this file */
	/* want_names: "funcs\tname" a function binds (its parameters and
	 * plain assignment, for and `as` targets: local everywhere in it),
	 * what it declares global or nonlocal, and the names its string
	 * literals gave (getattr's, never local) */
	struct strmap locals, declared, strnames;
	struct strmap options; /* "funcs\tNAME": a parameter with a false default */
	/* names an `except ImportError:` handler assigns (`has_x = False`,
	 * `x = None`): an `if` on one tests whether an import worked */
	struct strmap import_flags;
	/* names a try body assigns (`has_simplejson = True` after the import):
	 * import flags once a handler of the try catches ImportError */
	VEC(const char *) try_assigned;
	/* module-level names bound to a version or platform test
	 * (`PY2 = sys.version_info[0] == 2`): name -> the test's text */
	struct strmap version_flags;
	/* want_names: the functions defined at module level so far */
	struct strmap defs;
};

const char *edge_kind_name(unsigned bit)
{
	switch (bit) {
	case EDGE_EAGER: return "eager";
	case EDGE_LAZY: return "lazy";
	case EDGE_GUARDED: return "guarded";
	case EDGE_TYPING: return "typing";
	case EDGE_CONDITIONAL: return "conditional";
	case EDGE_DYNAMIC: return "dynamic";
	}
	return "unknown";
}

void import_scan_release(struct import_scan *s)
{
	VEC_FREE(&s->edges);
	VEC_FREE(&s->diags);
	VEC_FREE(&s->names);
	VEC_FREE(&s->name_funcs);
	VEC_FREE(&s->codecs);
	VEC_FREE(&s->flags);
	VEC_FREE(&s->entry_uses);
	VEC_FREE(&s->table_rows);
	VEC_FREE(&s->moved);
	VEC_FREE(&s->computed);
}

const char *imports_resolve(struct arena *a, const char *module, int is_package,
			    int level, const char *rest)
{
	size_t blen;
	int climb;

	if (!rest)
		rest = "";
	if (level <= 0) {
		while (*rest == '.') {
			rest++;
			level++;
		}
		if (level == 0)
			return *rest ? arena_strdup(a, rest) : NULL;
	} else {
		while (*rest == '.')
			rest++;
	}
	if (!module || !*module)
		return NULL;
	blen = strlen(module);
	climb = is_package ? level - 1 : level;
	for (int k = 0; k < climb; k++) {
		size_t i = blen;
		while (i > 0 && module[i - 1] != '.')
			i--;
		if (i == 0)
			return NULL; /* above the top-level package */
		blen = i - 1;
	}
	if (*rest)
		return arena_printf(a, "%.*s.%s", (int)blen, module, rest);
	return arena_strndup(a, module, blen);
}

/* ---- diagnostics ---- */

static void add_diag(struct scan_state *st, enum scan_diag_kind k, int line, int col, const char *msg)
{
	struct scan_diag *d;

	if (st->diag_seen & (1u << k))
		return; /* the first of each kind per file is enough */
	st->diag_seen |= 1u << k;
	d = VEC_PUSH(&st->s->diags);
	d->file = st->file;
	d->line = line;
	d->col = col;
	d->kind = k;
	d->msg = msg;
}

static void lex_diag(void *ctx, enum scan_diag_kind k, int line, int col, const char *msg)
{
	add_diag(ctx, k, line, col, msg);
}

/* ---- token helpers ---- */

static int is_op(const struct pytok *t, const char *s)
{
	return t->type == PT_OP && pytok_is(t, s);
}

static int is_name(const struct pytok *t, const char *s)
{
	return pytok_is_name(t, s);
}

static int bracket_delta(const struct pytok *t)
{
	if (t->type != PT_OP || t->n != 1)
		return 0;
	switch (t->s[0]) {
	case '(': case '[': case '{': return 1;
	case ')': case ']': case '}': return -1;
	}
	return 0;
}

/* The tokens [a, b) as text, single spaces where the source had any. */
static const char *tokens_text(struct scan_state *st, size_t a, size_t b)
{
	strbuf_reset(&st->tmp);
	for (size_t i = a; i < b; i++) {
		const struct pytok *t = &st->toks.v[i];
		if (i > a && t->space_before)
			strbuf_addch(&st->tmp, ' ');
		strbuf_add(&st->tmp, t->s, t->n);
		if (st->tmp.len > COND_MAX) {
			strbuf_setlen(&st->tmp, COND_MAX);
			strbuf_addstr(&st->tmp, " ...");
			break;
		}
	}
	return arena_strndup(st->a, st->tmp.buf, st->tmp.len);
}

/* 1 when [a, b) mentions sys.platform, os.name, sys.version_info,
 * sys.implementation, platform.system() or platform.python_implementation(). */
static int mentions_platform(struct scan_state *st, size_t a, size_t b)
{
	static const char *const pairs[][2] = {
		{ "sys", "platform" }, { "sys", "version_info" }, { "sys", "implementation" },
		{ "os", "name" }, { "platform", "system" }, { "platform", "python_implementation" },
	};
	const struct pytok *t = st->toks.v;

	for (size_t i = a; i + 5 < b; i++) /* hasattr(sys, "pypy_version_info") */
		if (is_name(&t[i], "hasattr") && is_op(&t[i + 1], "(") && is_name(&t[i + 2], "sys") &&
		    is_op(&t[i + 3], ",") && t[i + 4].type == PT_STRING && t[i + 4].n == 19 &&
		    !memcmp(t[i + 4].s + 1, "pypy_version_info", 17) && is_op(&t[i + 5], ")"))
			return 1;
	for (size_t i = a; i + 2 < b; i++) {
		if (t[i].type != PT_NAME || !is_op(&t[i + 1], ".") || (i > a && is_op(&t[i - 1], ".")))
			continue;
		for (size_t k = 0; k < sizeof(pairs) / sizeof(pairs[0]); k++)
			if (is_name(&t[i], pairs[k][0]) && is_name(&t[i + 2], pairs[k][1]))
				return 1;
	}
	return 0;
}

/* 1 for `TYPE_CHECKING` / `x.TYPE_CHECKING`, -1 for their negation, else 0. */
static int typing_test(struct scan_state *st, size_t a, size_t b)
{
	const struct pytok *t = st->toks.v;
	int neg = 0;

	if (a < b && is_name(&t[a], "not")) {
		neg = 1;
		a++;
	}
	if ((b - a == 1 && is_name(&t[a], "TYPE_CHECKING")) ||
	    (b - a == 3 && t[a].type == PT_NAME && is_op(&t[a + 1], ".") &&
	     is_name(&t[a + 2], "TYPE_CHECKING")))
		return neg ? -1 : 1;
	return 0;
}

/* ---- edges ---- */

static struct import_edge *add_edge(struct scan_state *st, const struct frame *f, int line,
				    const char *as_written, int level, unsigned extra)
{
	struct import_edge *e = VEC_PUSH(&st->s->edges);

	memset(e, 0, sizeof(*e));
	e->file = st->file;
	e->line = line;
	e->as_written = as_written;
	e->level = level;
	e->kinds = (f->lazy ? EDGE_LAZY : EDGE_EAGER) | extra;
	e->def_depth = f->def_depth;
	e->funcs = f->funcs;
	e->fallback_for = f->fallback_for;
	e->on_error = f->on_error;
	e->branch = f->branch;
	e->flag = f->flag;
	if (f->typing)
		e->kinds |= EDGE_TYPING;
	if (f->guarded)
		e->kinds |= EDGE_GUARDED;
	e->cond_value = 1;
	if (f->cond) {
		e->kinds |= EDGE_CONDITIONAL;
		e->condition = f->cond;
		e->cond_value = cond_eval(f->cond, st->env);
	}
	if (f->main_only) {
		e->kinds |= EDGE_CONDITIONAL;
		e->condition = f->cond ? arena_printf(st->a, "%s and %s", IMPORTS_MAIN_CONDITION, f->cond)
				       : IMPORTS_MAIN_CONDITION;
		e->cond_value = 0;
	}
	if (level == 0)
		e->name = as_written;
	else
		e->name = imports_resolve(st->a, st->module, st->is_package, level,
					  as_written + level);
	return e;
}

/* NAME ('.' NAME)* starting at *i; appends it to tmp. Returns 0 or -1. */
static int dotted_name(struct scan_state *st, size_t *i, size_t b)
{
	const struct pytok *t = st->toks.v;

	if (*i >= b || t[*i].type != PT_NAME)
		return -1;
	strbuf_add(&st->tmp, t[*i].s, t[*i].n);
	(*i)++;
	while (*i + 1 < b && is_op(&t[*i], ".") && t[*i + 1].type == PT_NAME) {
		strbuf_addch(&st->tmp, '.');
		strbuf_add(&st->tmp, t[*i + 1].s, t[*i + 1].n);
		*i += 2;
	}
	return 0;
}

static void bad_import(struct scan_state *st, const struct pytok *t)
{
	add_diag(st, DIAG_SYNTAX, t->line, t->col + 1, "invalid import statement");
}

/* import a.b as c, d */
static void parse_import(struct scan_state *st, size_t a, size_t b, const struct frame *f)
{
	const struct pytok *t = st->toks.v;
	size_t i = a + 1;

	for (;;) {
		strbuf_reset(&st->tmp);
		if (dotted_name(st, &i, b) < 0)
			return bad_import(st, &t[a]);
		struct import_edge *e = add_edge(st, f, t[a].line,
						 arena_strndup(st->a, st->tmp.buf, st->tmp.len), 0, 0);
		if (i + 1 < b && is_name(&t[i], "as") && t[i + 1].type == PT_NAME) {
			e->alias = arena_strndup(st->a, t[i + 1].s, t[i + 1].n);
			i += 2;
		}
		if (i >= b)
			return;
		if (!is_op(&t[i], ","))
			return bad_import(st, &t[a]);
		i++;
	}
}

/* from .a import (b as c, d) / from x import * */
static void parse_from(struct scan_state *st, size_t a, size_t b, const struct frame *f)
{
	const struct pytok *t = st->toks.v;
	size_t i = a + 1, mod_off;
	int level = 0, paren = 0, is_importlib;
	const char *aw;
	struct import_edge *e;

	strbuf_reset(&st->tmp);
	while (i < b && (is_op(&t[i], ".") || is_op(&t[i], "..."))) {
		level += (int)t[i].n;
		strbuf_add(&st->tmp, t[i].s, t[i].n);
		i++;
	}
	mod_off = st->tmp.len;
	if (i < b && !is_name(&t[i], "import") && dotted_name(st, &i, b) < 0)
		return bad_import(st, &t[a]);
	if (i >= b || !is_name(&t[i], "import") || (level == 0 && st->tmp.len == 0))
		return bad_import(st, &t[a]);
	i++;
	/* a future statement is no dependency for the audit, but it does
	 * import the __future__ module when it runs: the shaker keeps it */
	if (level == 0 && !strcmp(st->tmp.buf, "__future__") && !st->s->want_names)
		return;
	is_importlib = level == 0 && !strcmp(st->tmp.buf, "importlib");
	(void)mod_off;
	aw = arena_strndup(st->a, st->tmp.buf, st->tmp.len);

	st->names.n = 0;
	st->binds.n = 0;
	int any_as = 0;
	if (i < b && is_op(&t[i], "*")) {
		*VEC_PUSH(&st->names) = "*";
		i++;
	} else {
		if (i < b && is_op(&t[i], "(")) {
			paren = 1;
			i++;
		}
		while (i < b && t[i].type == PT_NAME) {
			const struct pytok *nm = &t[i], *as = NULL;
			*VEC_PUSH(&st->names) = arena_strndup(st->a, nm->s, nm->n);
			i++;
			if (i + 1 < b && is_name(&t[i], "as") && t[i + 1].type == PT_NAME) {
				as = &t[i + 1];
				i += 2;
				any_as = 1;
			}
			*VEC_PUSH(&st->binds) = as ? arena_strndup(st->a, as->s, as->n)
						   : st->names.v[st->names.n - 1];
			if (is_importlib && pytok_is(nm, "import_module")) {
				if (!as)
					st->im_bound = 1;
				else if (st->n_aliases < MAX_ALIASES) {
					st->aliases[st->n_aliases] = as->s;
					st->alias_len[st->n_aliases++] = as->n;
				}
			}
			if (i < b && is_op(&t[i], ","))
				i++;
			else
				break;
		}
		if (paren) {
			if (i < b && is_op(&t[i], ")"))
				i++;
			else
				return bad_import(st, &t[a]);
		}
	}
	if (st->names.n == 0 || i != b)
		return bad_import(st, &t[a]);
	e = add_edge(st, f, t[a].line, aw, level, 0);
	e->n_names = st->names.n;
	e->names = arena_alloc(st->a, st->names.n * sizeof(*e->names));
	memcpy(e->names, st->names.v, st->names.n * sizeof(*e->names));
	if (any_as) {
		e->binds = arena_alloc(st->a, st->binds.n * sizeof(*e->binds));
		memcpy(e->binds, st->binds.v, st->binds.n * sizeof(*e->binds));
	}
	/* a module-level from-import rebinding a module-level def the file
	 * has not used at module level yet: once the import succeeds, the
	 * def's body never runs (names are looked up when called) */
	if (st->s->want_names && st->defs.count && !f->funcs && f->def_depth == 0 &&
	    strcmp(st->names.v[0], "*")) {
		strbuf_reset(&st->tmp);
		for (size_t k = 0; k < st->binds.n; k++) {
			char key[300];
			size_t bl = strlen(st->binds.v[k]);
			if (bl + 3 > sizeof(key) || !strmap_has(&st->defs, st->binds.v[k]))
				continue;
			key[0] = '\t';
			memcpy(key + 1, st->binds.v[k], bl + 1);
			if (strmap_has(&st->seen, key))
				continue;
			key[bl + 1] = '(';
			key[bl + 2] = 0;
			if (strmap_has(&st->seen, key))
				continue;
			if (st->tmp.len)
				strbuf_addch(&st->tmp, ' ');
			strbuf_addstr(&st->tmp, st->binds.v[k]);
		}
		if (st->tmp.len)
			e->shadows = arena_strndup(st->a, st->tmp.buf, st->tmp.len);
	}
}

static int is_alias(struct scan_state *st, const struct pytok *t)
{
	for (int k = 0; k < st->n_aliases; k++)
		if (t->n == st->alias_len[k] && !memcmp(t->s, st->aliases[k], t->n))
			return 1;
	return 0;
}

static int module_chars(const char *s, size_t n)
{
	if (n == 0)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c == '.' || c == '_' || c >= 0x80 || (c >= '0' && c <= '9') ||
		      ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			return 0;
	}
	return 1;
}

/* codec names: letters, digits, '-', '_', '.', ' ' */
static int module_chars_dash(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c == '.' || c == '_' || c == '-' || c == ' ' || (c >= '0' && c <= '9') ||
		      ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			return 0;
	}
	return n > 0;
}

/* 1 when the argument at t[k] is string literals only (plain, not f-strings) */
static int literal_arg(const struct pytok *t, size_t k, size_t b)
{
	size_t start = k;
	while (k < b && t[k].type == PT_STRING && !(t[k].str_flags & PYSTR_FORMAT))
		k++;
	return k > start && k < b && (is_op(&t[k], ",") || is_op(&t[k], ")"));
}

/* The end of the argument starting at t[k]: the index of the ',' or ')'
 * that closes it at bracket depth 0 (b when none). */
static size_t arg_end(const struct pytok *t, size_t k, size_t b)
{
	int d = 0;
	for (; k < b; k++) {
		if (d == 0 && (is_op(&t[k], ",") || is_op(&t[k], ")")))
			return k;
		d += bracket_delta(&t[k]);
		if (d < 0)
			return k;
	}
	return b;
}

/* The file's own package: the module itself for __init__.py, else its
 * parent; NULL for a top-level module (or an unknown one). */
static const char *own_package(struct scan_state *st)
{
	const char *dot;
	if (!st->module)
		return NULL;
	if (st->is_package)
		return st->module;
	dot = strrchr(st->module, '.');
	return dot ? arena_strndup(st->a, st->module, (size_t)(dot - st->module)) : NULL;
}

/* Records a computed-name load at t[call] rooted in root (NULL: unbounded). */
static void push_computed(struct scan_state *st, const struct frame *f, const struct pytok *t,
			  size_t call, size_t a, size_t e, const char *root, unsigned extra)
{
	struct import_edge *edge, copy;
	const char *s0 = t[a].s, *s1 = e > a ? t[e - 1].s + t[e - 1].n : s0;
	size_t n = s1 > s0 ? (size_t)(s1 - s0) : 0;
	char *expr = arena_strndup(st->a, s0, n > 80 ? 80 : n);

	for (char *p = expr; *p; p++)
		if (*p == '\n' || *p == '\t' || *p == '\r')
			*p = ' '; /* an expression over continued lines */
	edge = add_edge(st, f, t[call].line, expr, 0, EDGE_DYNAMIC | EDGE_COMPUTED | extra);
	copy = *edge;
	st->s->edges.n--;
	copy.name = root;
	*VEC_PUSH(&st->s->computed) = copy;
}

/* import_module(EXPR[, package]) / __import__(EXPR, ...) with a name that is
 * not a literal: the package the name is rooted in. Returns the index to
 * continue scanning from. */
static size_t add_computed(struct scan_state *st, const struct frame *f, const struct pytok *t,
			   size_t call, size_t a, size_t b, unsigned extra)
{
	size_t e = arg_end(t, a, b);
	const char *root = own_package(st), *body = NULL;
	size_t n = 0;

	if (e == a)
		return a; /* no argument */
	if (t[a].type == PT_STRING && (t[a].str_flags & PYSTR_FORMAT)) {
		/* f"pkg.sub.{x}": the literal text before the first field */
		const char *q = t[a].s + t[a].prefix_len, *end = t[a].s + t[a].n;
		char quote = *q;
		while (q < end && *q == quote)
			q++;
		body = q;
		while (q < end && *q != '{' && *q != quote && *q != '\\')
			q++;
		n = (size_t)(q - body);
	} else if (t[a].type == PT_STRING && a + 1 < e && is_op(&t[a + 1], "+") &&
		   pytok_plain_string(&t[a], &body, &n) < 0) {
		body = NULL;
	} else if (!(t[a].type == PT_STRING && a + 1 < e && is_op(&t[a + 1], "+"))) {
		body = NULL;
	}
	if (body && n && module_chars(body, n)) {
		int level = 0;
		while (level < (int)n && body[level] == '.')
			level++;
		const char *last = body + n;
		while (last > body + level && last[-1] != '.')
			last--; /* 'pygments.styles.' + x, 'pkg.mod_' + x: up to the last dot */
		if (level) {
			const char *rest = arena_strndup(st->a, body + level,
							 last > body + level ? (size_t)(last - 1 - body - level) : 0);
			root = imports_resolve(st->a, st->module, st->is_package, level, rest);
		} else if (last > body) {
			root = arena_strndup(st->a, body, (size_t)(last - 1 - body));
		} else {
			root = NULL; /* 'plugin_' + x: any top-level module */
		}
	}
	push_computed(st, f, t, call, a, e, root, extra);
	return e;
}

/* pkgutil.iter_modules(__path__) / walk_packages(pkg.__path__, ...): the
 * package whose path is walked (its modules are then imported by name). */
static size_t add_path_walk(struct scan_state *st, const struct frame *f, const struct pytok *t,
			    size_t call, size_t a, size_t b)
{
	size_t e = arg_end(t, a, b);
	const char *root = NULL;

	if (e == a + 1 && is_name(&t[a], "__path__"))
		root = own_package(st);
	else if (e > a + 2 && is_name(&t[e - 1], "__path__") && is_op(&t[e - 2], ".")) {
		/* pkg.sub.__path__: the dotted name before it */
		struct strbuf *sb = &st->tmp;
		strbuf_reset(sb);
		for (size_t k = a; k < e - 2; k++) {
			if (!(t[k].type == PT_NAME || is_op(&t[k], ".")))
				return e;
			strbuf_add(sb, t[k].s, t[k].n);
		}
		root = arena_strndup(st->a, sb->buf, sb->len);
	} else
		return e; /* iter_modules() lists sys.path; other paths: not a package walk */
	push_computed(st, f, t, call, a, e, root, 0);
	return e;
}

/* importlib.import_module("x"), import_module("x"), __import__("x") */
static void note_name(struct scan_state *st, const char *funcs, const char *s, size_t n);

static void scan_dynamic(struct scan_state *st, size_t a, size_t b, const struct frame *f)
{
	const struct pytok *t = st->toks.v;

	for (size_t i = a; i < b; i++) {
		size_t j = 0, k;
		unsigned extra = EDGE_DYNAMIC;
		int level = 0, ok = 1;

		if (t[i].type != PT_NAME)
			continue;
		if (i + 2 < b && (is_name(&t[i], "iter_modules") || is_name(&t[i], "walk_packages")) &&
		    is_op(&t[i + 1], "(") && !(i > a && is_name(&t[i - 1], "def"))) {
			i = add_path_walk(st, f, t, i, i + 2, b);
			continue;
		}
		if (i > a && (is_op(&t[i - 1], ".") || is_name(&t[i - 1], "def") ||
			      is_name(&t[i - 1], "class")))
			continue;
		if (is_name(&t[i], "importlib") && i + 2 < b && is_op(&t[i + 1], ".") &&
		    is_name(&t[i + 2], "import_module"))
			j = i + 3;
		else if (is_name(&t[i], "__import__") || is_alias(st, &t[i]))
			j = i + 1;
		else if (is_name(&t[i], "import_module")) {
			j = i + 1;
			if (!st->im_bound)
				extra |= EDGE_CANDIDATE;
		}
		if (j && j + 2 < b && is_op(&t[j], "(") && f->loop_var && t[j + 1].type == PT_NAME &&
		    pytok_is(&t[j + 1], f->loop_var) && (is_op(&t[j + 2], ",") || is_op(&t[j + 2], ")"))) {
			/* for package in ("urllib3", "idna"): __import__(package):
			 * each string the loop gives it */
			for (size_t v = 0; v < f->n_loop_vals; v++) {
				const char *nm = f->loop_vals[v];
				struct import_edge *e = add_edge(st, f, t[i].line, nm, 0, extra);
				e->name = e->as_written;
			}
			i = j + 2;
			continue;
		}
		if (j && j + 1 < b && is_op(&t[j], "(") && !literal_arg(t, j + 1, b)) {
			i = add_computed(st, f, t, i, j + 1, b, extra);
			continue;
		}
		if (!j || j + 1 >= b || !is_op(&t[j], "(") || t[j + 1].type != PT_STRING)
			continue;
		strbuf_reset(&st->tmp);
		for (k = j + 1; k < b && t[k].type == PT_STRING; k++) {
			const char *body;
			size_t n;
			if (pytok_plain_string(&t[k], &body, &n) < 0) {
				ok = 0;
				break;
			}
			strbuf_add(&st->tmp, body, n);
		}
		if (!ok || k >= b || !(is_op(&t[k], ",") || is_op(&t[k], ")")) ||
		    !module_chars(st->tmp.buf, st->tmp.len))
			continue;
		while (level < (int)st->tmp.len && st->tmp.buf[level] == '.')
			level++;
		struct import_edge *e = add_edge(st, f, t[i].line,
						 arena_strndup(st->a, st->tmp.buf, st->tmp.len), level, extra);
		e->name = level ? NULL : e->as_written; /* relative: package= unknown */
		/* __import__("pydoc").pager(...): the module is used for that
		 * attribute alone, as `import pydoc; pydoc.pager(...)` would
		 * (alias: the shaker binds it; a dotted name returns another
		 * module from __import__, so only a plain one) */
		if (!level && is_op(&t[k], ")") && k + 2 < b && is_op(&t[k + 1], ".") &&
		    t[k + 2].type == PT_NAME && !memchr(st->tmp.buf, '.', st->tmp.len) &&
		    st->tmp.len + t[k + 2].n < 200) {
			e->alias = e->as_written;
			if (st->s->want_names) {
				char pair[256];
				memcpy(pair, st->tmp.buf, st->tmp.len);
				pair[st->tmp.len] = '.';
				memcpy(pair + st->tmp.len + 1, t[k + 2].s, t[k + 2].n);
				note_name(st, f->funcs, pair, st->tmp.len + 1 + t[k + 2].n);
			}
		}
		i = k;
	}
}

static int is_keyword_after_print(const struct pytok *t)
{
	static const char *const kw[] = { "in", "is", "and", "or", "if", "else", "not", "for", NULL };
	for (int i = 0; kw[i]; i++)
		if (is_name(t, kw[i]))
			return 1;
	return 0;
}

/* `NAME = {k: v, ...}` at module level [a, b): each entry's plain strings */
static void note_table(struct scan_state *st, size_t a, size_t b)
{
	const struct pytok *t = st->toks.v;
	const char *table = arena_strndup(st->a, t[a].s, t[a].n);
	VEC(const char *) strs = VEC_INIT;
	int d = 0;

	for (size_t i = a + 2; i < b; i++) {
		int bd = bracket_delta(&t[i]);
		int end = (d == 1 && is_op(&t[i], ",")) || (d == 1 && bd < 0);
		if (t[i].type == PT_STRING && d >= 1) {
			const char *body;
			size_t bn;
			if (!pytok_plain_string(&t[i], &body, &bn))
				*VEC_PUSH(&strs) = arena_strndup(st->a, body, bn);
		}
		if (end && strs.n) {
			struct dict_row *r = VEC_PUSH(&st->s->table_rows);
			r->file = st->file;
			r->table = table;
			r->n = strs.n;
			r->strings = arena_alloc(st->a, strs.n * sizeof(*r->strings));
			memcpy(r->strings, strs.v, strs.n * sizeof(*r->strings));
			strs.n = 0;
		}
		d += bd;
		if (d == 0)
			break;
	}
	VEC_FREE(&strs);
}

/* One simple statement [a, b). */
static void simple_statement(struct scan_state *st, size_t a, size_t b, const struct frame *f)
{
	const struct pytok *t = st->toks.v;

	if (a >= b)
		return;
	if (f->import_handler && a + 2 < b && t[a].type == PT_NAME && is_op(&t[a + 1], "=")) {
		char *nm = arena_strndup(st->a, t[a].s, t[a].n);
		strmap_put(&st->import_flags, nm, NULL);
	}
	if (f->in_try && a + 2 < b && t[a].type == PT_NAME && is_op(&t[a + 1], "="))
		*VEC_PUSH(&st->try_assigned) = arena_strndup(st->a, t[a].s, t[a].n);
	if (!f->funcs && !f->cond && a + 2 < b && t[a].type == PT_NAME && is_op(&t[a + 1], "=") &&
	    mentions_platform(st, a + 2, b)) {
		char *nm = arena_strndup(st->a, t[a].s, t[a].n);
		const char *test = tokens_text(st, a + 2, b);
		strmap_put(&st->version_flags, nm, NULL)->value = (void *)test;
		if (st->s->want_names)
			*VEC_PUSH(&st->s->flags) = (struct flag_def){ st->file, nm, cond_eval(test, st->env) };
	}
	if (st->s->want_names && !f->funcs && a + 3 < b && t[a].type == PT_NAME && is_op(&t[a + 1], "=") &&
	    is_op(&t[a + 2], "{"))
		note_table(st, a, b);
	if (is_name(&t[a], "import"))
		return parse_import(st, a, b, f);
	if (is_name(&t[a], "from"))
		return parse_from(st, a, b, f);
	if (a + 1 < b && (is_name(&t[a], "print") || is_name(&t[a], "exec"))) {
		const struct pytok *n = &t[a + 1];
		if (n->type == PT_STRING || n->type == PT_NUMBER ||
		    (n->type == PT_NAME && !is_keyword_after_print(n)))
			add_diag(st, DIAG_PYTHON2, t[a].line, t[a].col + 1,
				 is_name(&t[a], "print") ? "print statement is python 2 only"
							 : "exec statement is python 2 only");
	}
	if (is_name(&t[a], "raise")) {
		int d = 0;
		for (size_t i = a + 1; i < b; i++) {
			d += bracket_delta(&t[i]);
			if (d == 0 && is_op(&t[i], ",")) {
				add_diag(st, DIAG_PYTHON2, t[a].line, t[a].col + 1,
					 "raise with a comma is python 2 only");
				break;
			}
			if (d == 0 && is_name(&t[i], "from"))
				break;
		}
	}
	scan_dynamic(st, a, b, f);
}

/* Simple statements separated by ';' at bracket depth 0. */
static void simple_statements(struct scan_state *st, size_t a, size_t b, const struct frame *f)
{
	int d = 0;
	size_t s0 = a;

	for (size_t i = a; i < b; i++) {
		d += bracket_delta(&st->toks.v[i]);
		if (d == 0 && is_op(&st->toks.v[i], ";")) {
			simple_statement(st, s0, i, f);
			s0 = i + 1;
		}
	}
	simple_statement(st, s0, b, f);
}

/* Index of the colon ending a compound statement's header, or b. */
static size_t header_colon(struct scan_state *st, size_t a, size_t b)
{
	int d = 0, lambdas = 0;

	for (size_t i = a; i < b; i++) {
		const struct pytok *t = &st->toks.v[i];
		d += bracket_delta(t);
		if (d != 0)
			continue;
		if (is_name(t, "lambda"))
			lambdas++;
		else if (is_op(t, ":")) {
			if (lambdas)
				lambdas--;
			else
				return i;
		}
	}
	return b;
}

static int handler_catches(struct scan_state *st, size_t a, size_t b)
{
	static const char *const names[] = { "ImportError", "ModuleNotFoundError", "Exception",
					     "BaseException", NULL };
	const struct pytok *t = st->toks.v;
	int d = 0;

	if (a < b && is_op(&t[a], "*"))
		a++; /* except* */
	if (a == b)
		return 1; /* bare except */
	for (size_t i = a; i < b; i++) {
		d += bracket_delta(&t[i]);
		if (d == 0 && is_name(&t[i], "as"))
			break;
		if (d == 0 && is_op(&t[i], ","))
			add_diag(st, DIAG_PYTHON2, t[i].line, t[i].col + 1,
				 "'except X, e' is python 2 only");
		for (int k = 0; names[k]; k++)
			if (is_name(&t[i], names[k]))
				return 1;
	}
	return 0;
}

/* 1 when a with-header [a, b) enters contextlib's suppress() with an
 * exception that catches ImportError (`with contextlib.suppress(ImportError):`,
 * `with suppress(ModuleNotFoundError, AttributeError):`): its body's imports
 * fail softly, as in a try whose handler catches ImportError */
static int with_suppresses_import(struct scan_state *st, size_t a, size_t b)
{
	static const char *const names[] = { "ImportError", "ModuleNotFoundError", "Exception",
					     "BaseException", NULL };
	const struct pytok *t = st->toks.v;

	for (size_t i = a; i + 1 < b; i++) {
		if (!is_name(&t[i], "suppress") || !is_op(&t[i + 1], "("))
			continue;
		int d = 0;
		for (size_t j = i + 1; j < b; j++) {
			d += bracket_delta(&t[j]);
			if (d == 0)
				break;
			for (int k = 0; d == 1 && names[k]; k++)
				if (is_name(&t[j], names[k]))
					return 1;
		}
	}
	return 0;
}

static const char *join_and(struct scan_state *st, const char *x, const char *y)
{
	if (!x)
		return y;
	if (!y)
		return x;
	if (strlen(x) + strlen(y) > COND_MAX)
		return "(condition too long)";
	return arena_printf(st->a, "%s and %s", x, y);
}

static int is_keyword(const struct pytok *t);

/* Updates the chain for an if/elif/else header and returns the branch's
 * own condition (NULL when not conditional); *typing set for TYPE_CHECKING. */
static const char *if_branch(struct scan_state *st, struct chain *ch, const char *kw,
			     size_t a, size_t b, int *typing, const char **flag_out)
{
	const char *test = NULL, *cond = NULL, *flag = NULL;
	int plat = 0, ty = 0;

	*typing = 0;
	*flag_out = NULL;
	if (strcmp(kw, "else")) {
		test = tokens_text(st, a, b);
		plat = mentions_platform(st, a, b);
		ty = typing_test(st, a, b);
		/* `if PY2:` on a module-level `PY2 = sys.version_info[0] == 2` */
		int neg = a < b && is_name(&st->toks.v[a], "not");
		if (!plat && b == a + 1 + neg && st->toks.v[a + neg].type == PT_NAME) {
			char *nm = xstrndup(st->toks.v[a + neg].s, st->toks.v[a + neg].n);
			const char *vf = strmap_get(&st->version_flags, nm);
			free(nm);
			if (vf) {
				test = arena_printf(st->a, "%s(%s)", neg ? "not " : "", vf);
				plat = 1;
			}
		}
		/* `if six.PY2:`, `if PY2:` with PY2 from another module: the
		 * shaker looks the name up where the module got it */
		if (!plat && !ty && st->toks.v[a + neg].type == PT_NAME && !is_keyword(&st->toks.v[a + neg]) &&
		    (b == a + 1 + neg ||
		     (b == a + 3 + neg && is_op(&st->toks.v[a + neg + 1], ".") &&
		      st->toks.v[a + neg + 2].type == PT_NAME)))
			flag = arena_printf(st->a, "%s%s", neg ? "not " : "", tokens_text(st, a + neg, b));
	}
	if (!strcmp(kw, "if")) {
		memset(ch, 0, sizeof(*ch));
		ch->kind = CH_IF;
		ch->platform = plat;
		ch->else_typing = ty < 0;
		ch->negs = arena_printf(st->a, "not (%s)", test ? test : "");
		ch->flag = flag;
		*flag_out = flag;
		*typing = ty > 0;
		return plat ? test : NULL;
	}
	if (ch->kind != CH_IF)
		return NULL; /* a stray elif/else: nothing to add */
	if (!strcmp(kw, "else") && ch->flag)
		*flag_out = !strncmp(ch->flag, "not ", 4) ? ch->flag + 4
							  : arena_printf(st->a, "not %s", ch->flag);
	ch->flag = NULL;
	if (!strcmp(kw, "elif")) {
		ch->platform |= plat;
		ch->else_typing = 0;
		if (ch->platform)
			cond = join_and(st, ch->negs, test);
		ch->negs = join_and(st, ch->negs, arena_printf(st->a, "not (%s)", test));
		*typing = ty > 0;
		return cond;
	}
	*typing = ch->else_typing;
	cond = ch->platform ? ch->negs : NULL;
	ch->kind = CH_NONE;
	return cond;
}


/* ---- names and codec literals (want_names) ---- */

/* Python's keywords, by first letter: one switch, a few compares */
static int is_keyword(const struct pytok *t)
{
	static const char *const by_letter[26][8] = {
		['a' - 'a'] = { "and", "as", "assert", "async", "await" },
		['b' - 'a'] = { "break" },
		['c' - 'a'] = { "class", "continue" },
		['d' - 'a'] = { "def", "del" },
		['e' - 'a'] = { "elif", "else", "except" },
		['f' - 'a'] = { "finally", "for", "from" },
		['g' - 'a'] = { "global" },
		['i' - 'a'] = { "if", "import", "in", "is" },
		['l' - 'a'] = { "lambda" },
		['n' - 'a'] = { "nonlocal", "not" },
		['o' - 'a'] = { "or" },
		['p' - 'a'] = { "pass" },
		['r' - 'a'] = { "raise", "return" },
		['t' - 'a'] = { "try" },
		['w' - 'a'] = { "while", "with" },
		['y' - 'a'] = { "yield" },
	};
	unsigned char c;

	if (t->type != PT_NAME || t->n < 2 || t->n > 8)
		return 0;
	c = (unsigned char)t->s[0];
	if (c == 'F' || c == 'N' || c == 'T')
		return (t->n == 5 && !memcmp(t->s, "False", 5)) || (t->n == 4 && !memcmp(t->s, "None", 4)) ||
		       (t->n == 4 && !memcmp(t->s, "True", 4));
	if (c < 'a' || c > 'z')
		return 0;
	for (int i = 0; i < 8 && by_letter[c - 'a'][i]; i++) {
		const char *k = by_letter[c - 'a'][i];
		if (strlen(k) == t->n && !memcmp(k, t->s, t->n))
			return 1;
	}
	return 0;
}

static int identifier_chars(const char *s, size_t n)
{
	if (n == 0 || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(c == '_' || c >= 0x80 || (c >= '0' && c <= '9') ||
		      ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')))
			return 0;
	}
	return 1;
}

/* a dotted path of identifiers, "a.b" or more, or "a.b:c" (the colon once,
 * before the last part); under 256 bytes */
static int dotted_path(const char *s, size_t n)
{
	size_t parts = 0, start = 0;
	int colon = 0;

	if (n >= 256)
		return 0;
	for (size_t i = 0; i <= n; i++) {
		if (i == n || s[i] == '.' || s[i] == ':') {
			if (!identifier_chars(s + start, i - start) || (i < n && colon))
				return 0;
			if (i < n && s[i] == ':')
				colon = 1;
			parts++;
			start = i + 1;
		}
	}
	return parts >= 2;
}

/* "funcs\tname" into buf (funcs may be NULL); NULL when it does not fit:
 * no real identifier is that long, and a hostile one costs nothing */
static const char *pair_key(char buf[512], const char *funcs, const char *s, size_t n)
{
	size_t fl = funcs ? strlen(funcs) : 0;

	if (n >= 256 || fl >= 512 - n - 2)
		return NULL;
	memcpy(buf, funcs ? funcs : "", fl);
	buf[fl] = '\t';
	memcpy(buf + fl + 1, s, n);
	buf[fl + 1 + n] = 0;
	return buf;
}

static void note_name(struct scan_state *st, const char *funcs, const char *s, size_t n)
{
	int created;
	char buf[512];

	if (!pair_key(buf, funcs, s, n))
		return;
	strmap_put(&st->seen, buf, &created);
	if (created) {
		*VEC_PUSH(&st->s->names) = arena_strndup(st->a, s, n);
		*VEC_PUSH(&st->s->name_funcs) = funcs;
	}
}

/* False, None, 0 or an empty string */
static int false_literal(const struct pytok *t)
{
	const char *body;
	size_t bn;

	if (t->type == PT_NAME)
		return is_name(t, "False") || is_name(t, "None");
	if (t->type == PT_STRING)
		return pytok_plain_string(t, &body, &bn) == 0 && bn == 0;
	return t->n == 1 && t->s[0] == '0';
}

/* A call written as NAME(...) or NAME.ATTR(...): recorded as "NAME(" and
 * "NAME.ATTR(" besides the names, for the memory estimate's call following
 * (the tree-shaker's eager.c): a function called, not only named */
static void note_call(struct scan_state *st, const struct frame *f, const char *funcs, const char *s,
		      size_t n, size_t open)
{
	const struct pytok *t = st->toks.v;
	size_t nt = st->toks.n;
	char call[512];
	int d = 0;

	memcpy(call, s, n);
	call[n] = '(';
	if (f->option && strlen(f->option) < 200) {
		/* "f(?NAME": called only when the option NAME is passed */
		call[n + 1] = '?';
		memcpy(call + n + 2, f->option, strlen(f->option));
		note_name(st, funcs, call, n + 2 + strlen(f->option));
	} else
		note_name(st, funcs, call, n + 1);
	/* "f(KW=": the call passes KW=VALUE, VALUE not a false literal */
	for (size_t k = open; k < nt; k++) {
		d += bracket_delta(&t[k]);
		if (d == 0)
			break;
		if (d == 1 && t[k].type == PT_NAME && k + 2 < nt && is_op(&t[k + 1], "=") && t[k].n < 200 &&
		    (is_op(&t[k - 1], "(") || is_op(&t[k - 1], ",")) &&
		    !(false_literal(&t[k + 2]) && k + 3 < nt && (is_op(&t[k + 3], ",") || is_op(&t[k + 3], ")")))) {
			memcpy(call + n + 1, t[k].s, t[k].n);
			call[n + 1 + t[k].n] = '=';
			note_name(st, funcs, call, n + 2 + t[k].n);
		}
	}
}

/* Calls whose string arguments name a codec: str.encode, bytes.decode,
 * codecs.lookup/encode/decode/getencoder/..., open(), str(b, "enc") */
static int codec_callee(const struct pytok *t)
{
	static const char *const names[] = { "encode", "decode", "lookup", "getencoder",
					     "getdecoder", "getincrementalencoder",
					     "getincrementaldecoder", "getreader", "getwriter",
					     "iterencode", "iterdecode", "open", "str", "bytes",
					     "bytearray", "TextIOWrapper", "EncodedFile", NULL };
	if (t->type != PT_NAME || t->n < 3 || t->n > 21 || !strchr("edlgiosbTE", t->s[0]))
		return 0;
	/* the second letter narrows it further: en, de, lo, ge, it, op, st, by, Te, En */
	if (!strchr("neoetptyxn", t->s[1]))
		return 0;
	for (int i = 0; names[i]; i++)
		if (is_name(t, names[i]))
			return 1;
	return 0;
}

/* 1 for a codec name CPython's str.encode, bytes.decode, str(), bytes()
 * and bytearray() handle in C without the codec registry (Objects/
 * unicodeobject.c, PyUnicode_Decode and PyUnicode_AsEncodedString: the name
 * lowercased, each run of other characters than letters, digits and '.'
 * made one '_', then utf8 / utf_8, utf16 / utf_16, utf32 / utf_32, ascii,
 * us_ascii, latin1, latin_1, iso_8859_1, iso8859_1): no encodings module
 * is imported for it */
static int codec_fast_path(const char *s, size_t n)
{
	static const char *const names[] = { "utf8", "utf_8", "utf16", "utf_16", "utf32", "utf_32", "ascii",
					     "us_ascii", "latin1", "latin_1", "iso_8859_1", "iso8859_1", NULL };
	char low[24];
	size_t l = 0;
	int punct = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if ((c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') || c == '.') {
			if (punct && l) {
				if (l + 1 >= sizeof(low))
					return 0;
				low[l++] = '_';
			}
			punct = 0;
			if (l + 1 >= sizeof(low))
				return 0;
			low[l++] = (char)(c >= 'A' && c <= 'Z' ? c | 0x20 : c);
		} else
			punct = 1;
	}
	low[l] = 0;
	for (int i = 0; names[i]; i++)
		if (!strcmp(low, names[i]))
			return 1;
	return 0;
}

static void note_codec(struct scan_state *st, const struct frame *f, const struct pytok *t)
{
	const char *body;
	size_t n;
	struct codec_use *u;

	if (pytok_plain_string(t, &body, &n) < 0 || n == 0 || n > 64 || !module_chars_dash(body, n))
		return;
	u = VEC_PUSH(&st->s->codecs);
	u->file = st->file;
	u->line = t->line;
	u->name = arena_strndup(st->a, body, n);
	u->funcs = f->funcs;
}

/* six's MovedModule("name", "old"[, "new"]) or MovedAttribute("name",
 * "old_mod", "new_mod"[, ...]) at t[i] (its "(" at t[i + 1]): on Python 3
 * six.moves.name loads new (else name), or new_mod (None: name) */
static void note_moved(struct scan_state *st, size_t i, size_t n)
{
	const struct pytok *t = st->toks.v;
	const char *args[3] = { NULL, NULL, NULL };
	size_t lens[3] = { 0, 0 , 0 };
	int nargs = 0, none3 = 0;

	for (size_t k = i + 2; k < n && nargs < 3; k += 2) {
		const char *body;
		size_t bn;
		if (t[k].type == PT_STRING && pytok_plain_string(&t[k], &body, &bn) == 0 && bn && bn < 128 &&
		    module_chars_dash(body, bn)) {
			args[nargs] = body;
			lens[nargs++] = bn;
		} else if (nargs == 2 && is_name(&t[k], "None")) {
			none3 = 1;
			nargs++;
		} else
			break;
		if (k + 1 >= n || !(is_op(&t[k + 1], ",") || is_op(&t[k + 1], ")")))
			break;
		if (is_op(&t[k + 1], ")"))
			break;
	}
	if (nargs < 2)
		return;
	struct moved_name *m = VEC_PUSH(&st->s->moved);
	m->file = st->file;
	m->line = t[i].line;
	m->name = arena_strndup(st->a, args[0], lens[0]);
	m->module = nargs == 3 && !none3 ? arena_strndup(st->a, args[2], lens[2]) : m->name;
}

/* 1 when funcs names a function (not a class body, not a deferred "=X") */
static int function_frame(const char *funcs)
{
	const char *last;
	if (!funcs)
		return 0;
	last = strrchr(funcs, '.');
	last = last ? last + 1 : funcs;
	if (*last == '@')
		last++;
	return *last != '^' && *last != '=';
}

static void put_pair(struct strmap *m, const char *funcs, const char *s, size_t n)
{
	char buf[512];
	if (pair_key(buf, funcs, s, n))
		strmap_put(m, buf, NULL);
}

/* 1 for t[i], a NAME inside the parameter list opened at t[open] (bracket
 * depth 1 there), that a parameter binds: after `(`, `,`, `*` or `**` */
static int param_name(const struct pytok *t, size_t i, size_t open, int depth)
{
	return depth == 1 && t[i].type == PT_NAME && i > open &&
	       (is_op(&t[i - 1], "(") || is_op(&t[i - 1], ",") || is_op(&t[i - 1], "*") ||
		is_op(&t[i - 1], "**"));
}

/* the NAME tokens of a target list t[a..b) (`x`, `a, b`, `(a, *b)`) as
 * locals of funcs; nothing for an attribute or subscript target */
static void bind_targets(struct scan_state *st, const char *funcs, size_t a, size_t b)
{
	const struct pytok *t = st->toks.v;
	for (size_t i = a; i < b; i++)
		if (!(t[i].type == PT_NAME || is_op(&t[i], ",") || is_op(&t[i], "(") || is_op(&t[i], ")") ||
		      is_op(&t[i], "[") || is_op(&t[i], "]") || is_op(&t[i], "*")) ||
		    (is_op(&t[i], "[") && i > a && (t[i - 1].type == PT_NAME || is_op(&t[i - 1], ")") ||
						     is_op(&t[i - 1], "]"))))
			return;
	for (size_t i = a; i < b; i++)
		if (t[i].type == PT_NAME && !is_keyword(&t[i]))
			put_pair(&st->locals, funcs, t[i].s, t[i].n);
}

/* A def line's parameters: locals of its body (body_funcs); those with a
 * false default are its options (scan_state.options). */
static void note_params(struct scan_state *st, const char *body_funcs)
{
	const struct pytok *t = st->toks.v;
	size_t n = st->toks.n, k = is_name(&t[0], "async") ? 1 : 0;
	int d = 0;

	if (!(k + 2 < n && is_name(&t[k], "def") && is_op(&t[k + 2], "(")))
		return;
	for (size_t i = k + 2; i < n; i++) {
		d += bracket_delta(&t[i]);
		if (d == 0)
			break;
		if (param_name(t, i, k + 2, d)) {
			put_pair(&st->locals, body_funcs, t[i].s, t[i].n);
			/* NAME[: T] = <false literal> */
			size_t q = i + 1;
			for (int dd = 0; q < n; q++) {
				if (dd == 0 && (is_op(&t[q], "=") || is_op(&t[q], ",") || is_op(&t[q], ")")))
					break;
				dd += bracket_delta(&t[q]);
			}
			if (q + 2 < n && is_op(&t[q], "=") && false_literal(&t[q + 1]) &&
			    (is_op(&t[q + 2], ",") || is_op(&t[q + 2], ")")))
				put_pair(&st->options, body_funcs, t[i].s, t[i].n);
		}
	}
}

/* What a line of function funcs binds: plain assignment targets, for
 * targets, `with ... as x` / `except E as x`. */
static void note_locals(struct scan_state *st, const char *funcs)
{
	const struct pytok *t = st->toks.v;
	size_t n = st->toks.n, k = is_name(&t[0], "async") ? 1 : 0;
	int d = 0;

	if (!function_frame(funcs) || is_name(&t[0], "import") || is_name(&t[0], "from"))
		return;
	if (is_name(&t[k], "for")) {
		for (size_t i = k + 1; i < n; i++)
			if (is_name(&t[i], "in")) {
				bind_targets(st, funcs, k + 1, i);
				break;
			}
	} else {
		d = 0;
		for (size_t i = 0; i < n; i++) {
			d += bracket_delta(&t[i]);
			if (d == 0 && (is_op(&t[i], "=") || is_op(&t[i], ":"))) {
				/* `x = v`, `x: T = v`; not a header's colon */
				if (is_op(&t[i], ":") && (t[0].type != PT_NAME || is_keyword(&t[0]) || i != 1))
					break;
				bind_targets(st, funcs, 0, i);
				break;
			}
		}
	}
	for (size_t i = 0; i + 1 < n; i++)
		if (is_name(&t[i], "as") && t[i + 1].type == PT_NAME &&
		    (i + 2 == n || is_op(&t[i + 2], ",") || is_op(&t[i + 2], ":") || is_op(&t[i + 2], ")")))
			put_pair(&st->locals, funcs, t[i + 1].s, t[i + 1].n);
}

/* Drops the file's mentions (from names_first on) of a function's own
 * locals: platform's `def _syscmd_ver(system='', release='', version='')`
 * reads its parameters, it calls no system() or release() */
static void drop_locals(struct scan_state *st, size_t names_first)
{
	struct import_scan *s = st->s;
	size_t out = names_first;
	char buf[512];

	if (!st->locals.count)
		return;
	for (size_t i = names_first; i < s->names.n; i++) {
		const char *fn = s->name_funcs.v[i], *nm = s->names.v[i];
		int local = fn && *nm != '.' && function_frame(fn) && pair_key(buf, fn, nm, strlen(nm)) &&
			    strmap_has(&st->locals, buf) && !strmap_has(&st->declared, buf) &&
			    !strmap_has(&st->strnames, buf);
		if (!local) {
			s->names.v[out] = nm;
			s->name_funcs.v[out] = fn;
			out++;
		}
	}
	s->names.n = out;
	s->name_funcs.n = out;
}

/* A string token's text, or NULL when it is not a plain literal */
static const char *plain_literal(struct scan_state *st, const struct pytok *t)
{
	const char *body;
	size_t bn;
	if (t->type != PT_STRING || pytok_plain_string(t, &body, &bn))
		return NULL;
	return arena_strndup(st->a, body, bn);
}

/* a literal that may name an entry-point group: [A-Za-z0-9_.-], 1..100 */
static void group_literal(struct scan_state *st, const struct pytok *t)
{
	const char *body;
	size_t bn;
	if (pytok_plain_string(t, &body, &bn) || !bn || bn > 100)
		return;
	for (size_t k = 0; k < bn; k++)
		if (!(isalnum((unsigned char)body[k]) || body[k] == '_' || body[k] == '.' || body[k] == '-'))
			return;
	char buf[128];
	memcpy(buf, body, bn);
	buf[bn] = 0;
	strmap_put(&st->literals, buf, NULL);
}

/* An entry-point call whose group is no literal (iter_entry_points(name),
 * a bare entry_points()) lists a group the file names: one use per string
 * literal of the file that may be a group (Pygments' plugin.py holds
 * 'pygments.lexers' and passes it in); with none, no use */
static void entry_groups(struct scan_state *st, size_t ebase)
{
	struct import_scan *s = st->s;
	size_t n = s->entry_uses.n, out = ebase;
	struct entry_use *open = NULL;
	size_t n_open = 0;

	for (size_t i = ebase; i < n; i++)
		if (!s->entry_uses.v[i].group)
			n_open++;
	if (!n_open)
		return;
	open = xmalloc(n_open * sizeof(*open));
	n_open = 0;
	for (size_t i = ebase; i < n; i++) {
		if (!s->entry_uses.v[i].group)
			open[n_open++] = s->entry_uses.v[i];
		else
			s->entry_uses.v[out++] = s->entry_uses.v[i];
	}
	s->entry_uses.n = out;
	for (size_t k = 0; k < n_open; k++) {
		STRMAP_FOREACH(&st->literals, e) {
			struct entry_use u = open[k];
			u.group = arena_strdup(st->a, e->key);
			*VEC_PUSH(&s->entry_uses) = u;
		}
	}
	free(open);
}

/* entry_points(group="G"), entry_points().select(group="G"),
 * entry_points()["G"] / .get("G"), iter_entry_points("G") at token i */
static void note_entry_use(struct scan_state *st, const struct frame *f, size_t i, size_t n)
{
	const struct pytok *t = st->toks.v;
	int iter = is_name(&t[i], "iter_entry_points");
	const char *group = NULL;
	size_t close = i + 1;
	int d = 0, args = 0;

	for (; close < n; close++) {
		d += bracket_delta(&t[close]);
		if (d == 0)
			break;
		if (d == 1 && close > i + 1)
			args = 1;
		if (d == 1 && is_name(&t[close], "group") && close + 2 < n && is_op(&t[close + 1], "="))
			group = plain_literal(st, &t[close + 2]);
		if (iter && d == 1 && close == i + 2)
			group = plain_literal(st, &t[close]);
	}
	if (!group && !args && close + 3 < n) {
		const struct pytok *a = &t[close + 1];
		if (is_op(a, "[") )
			group = plain_literal(st, &t[close + 2]);
		else if (is_op(a, ".") && close + 4 < n && is_name(&t[close + 2], "get") && is_op(&t[close + 3], "("))
			group = plain_literal(st, &t[close + 4]);
		else if (is_op(a, ".") && close + 6 < n && is_name(&t[close + 2], "select") &&
			 is_op(&t[close + 3], "(") && is_name(&t[close + 4], "group") && is_op(&t[close + 5], "="))
			group = plain_literal(st, &t[close + 6]);
	}
	*VEC_PUSH(&st->s->entry_uses) = (struct entry_use){ st->file, t[i].line, group, f->funcs };
}

/* Records the names the logical line mentions and its codec literals. */
static void record_names(struct scan_state *st, const struct frame *f)
{
	const struct pytok *t = st->toks.v;
	size_t n = st->toks.n;
	int all_stmt;

	if (!st->s->want_names || f->typing || f->main_only || n == 0)
		return;
	/* code under a test that is false on the target never runs (click's
	 * `if os.name == "nt" and windows_expand_args:`): it uses nothing */
	if (f->cond && cond_eval(f->cond, st->env) == 0)
		return;
	/* `global X` declares, it does not use (concurrent.futures'
	 * __getattr__ names ProcessPoolExecutor so, and is live itself) */
	if (is_name(&t[0], "global") || is_name(&t[0], "nonlocal")) {
		for (size_t i = 1; f->funcs && i < n; i++)
			if (t[i].type == PT_NAME)
				put_pair(&st->declared, f->funcs, t[i].s, t[i].n);
		return;
	}
	/* an import binds names, it uses none: where the bound name is used
	 * is what counts (the shaker follows `from M import f as g` to the
	 * uses of g) */
	if (is_name(&t[0], "import") || is_name(&t[0], "from"))
		return;
	note_locals(st, f->funcs);
	all_stmt = is_name(&t[0], "__all__");
	int getattr_fn = f->funcs && !strcmp(f->funcs, "__getattr__") && n > 3 &&
			 (is_name(&t[0], "if") || is_name(&t[0], "elif"));
	/* the innermost function's own name, inside its body: a delegation to a
	 * namesake (def close(self): self.f.close()) does not make it called */
	const char *self = NULL;
	size_t self_n = 0;
	if (f->funcs) {
		self = strrchr(f->funcs, '.');
		self = self ? self + 1 : f->funcs;
		if (*self == '@')
			self++;
		self_n = *self == '^' ? 0 : strlen(self);
	}
	/* `X = {...: func}` at module or class level: what the value names is
	 * used once X is (the shaker reads "=X"), but a call in it runs now */
	const char *deferred = NULL;
	int eager_level = 1;
	for (const char *p = f->funcs; p && *p; p = strchr(p, '.') ? strchr(p, '.') + 1 : NULL)
		if (*p != '^')
			eager_level = 0;
	/* a store into X (`X[k] = v`, `X.attr = v`: shutil's _ARCHIVE_FORMATS
	 * entries, `_make_tarball.supports_root_dir = True`) is no use of X,
	 * and what k and v name is used once X is, likewise */
	size_t eq = 0;
	if (eager_level && n > 2 && t[0].type == PT_NAME && t[0].n < 200) {
		if (is_op(&t[1], "="))
			eq = 1;
		else if (n > 4 && is_op(&t[1], ".") && t[2].type == PT_NAME && is_op(&t[3], "="))
			eq = 3;
		else if (is_op(&t[1], "[")) {
			int d = 0;
			for (size_t k = 1; k + 1 < n; k++) {
				d += bracket_delta(&t[k]);
				if (d == 0) {
					if (is_op(&t[k + 1], "=") && k + 2 < n)
						eq = k + 1;
					break;
				}
			}
		}
	}
	if (eq)
		deferred = f->funcs ? arena_printf(st->a, "%s.=%.*s", f->funcs, (int)t[0].n, t[0].s)
				    : arena_printf(st->a, "=%.*s", (int)t[0].n, t[0].s);
	/* a def's parameters are names it binds, no uses (platform's
	 * `def _syscmd_ver(system='', release='', ...)` calls neither system()
	 * nor release()); their defaults and annotations are uses */
	size_t params = 0, params_end = 0;
	{
		size_t k = is_name(&t[0], "async") ? 1 : 0;
		if (k + 3 < n && is_name(&t[k], "def") && t[k + 1].type == PT_NAME && is_op(&t[k + 2], "(")) {
			int d = 0;
			params = k + 2;
			for (params_end = params; params_end < n; params_end++) {
				d += bracket_delta(&t[params_end]);
				if (d == 0)
					break;
			}
		}
	}
	/* a def's return annotation (`-> PagerContext`) names a type, it calls
	 * nothing: rich's Console.pager would make its PagerContext (and the
	 * pydoc pager behind it) live for every app */
	size_t ret_from = 0, ret_to = 0;
	if (params && params_end + 1 < n && is_op(&t[params_end + 1], "->")) {
		int d = 0;
		ret_from = params_end + 1;
		for (ret_to = ret_from + 1; ret_to < n; ret_to++) {
			d += bracket_delta(&t[ret_to]);
			if (d == 0 && is_op(&t[ret_to], ":"))
				break;
		}
	}
	size_t test_end = 0;
	if (is_name(&t[0], "if") || is_name(&t[0], "elif")) {
		int d = 0;
		for (test_end = 1; test_end < n; test_end++) {
			d += bracket_delta(&t[test_end]);
			if (d == 0 && is_op(&t[test_end], ":"))
				break;
		}
	}
	int pdepth = 0;
	for (size_t i = 0; i < n; i++) {
		const char *fn = f->funcs;
		if (ret_from && i >= ret_from && i < ret_to)
			continue;
		if (params && i >= params && i <= params_end) {
			pdepth += bracket_delta(&t[i]);
			if (param_name(t, i, params, pdepth))
				continue;
		}
		/* in `X = C(...)` the call runs now ("C(" at once), but C's name
		 * is used once X is: an instance nobody reaches calls none of
		 * C's methods (click's `UUID = UUIDParameterType()`); a call of
		 * an attribute (`X = mod.make()`) runs now, name and all */
		int call_now = 0;
		if (deferred && i >= 1 && i != eq) {
			call_now = i + 1 < n && is_op(&t[i + 1], "(");
			if (!call_now || (t[i].type == PT_NAME && !is_op(&t[i - 1], ".")))
				fn = deferred;
		}
		if (t[i].type == PT_NAME) {
			if (is_keyword(&t[i]) || (i > 0 && (is_name(&t[i - 1], "def") || is_name(&t[i - 1], "class"))))
				continue;
			if (self_n && t[i].n == self_n && !memcmp(t[i].s, self, self_n))
				continue;
			/* a plain assignment's target (main = sys.modules[...]) is no
			 * use, nor the X a store goes into */
			if (i == 0 && (eq || (n > 1 && is_op(&t[1], "="))))
				continue;
			if (i > 0 && is_op(&t[i - 1], ".") && t[i].n < 255) {
				/* an attribute (os.uname): a call of any object's
				 * method, not of this module's own function; the
				 * shaker reads ".name" */
				char attr[256];
				attr[0] = '.';
				memcpy(attr + 1, t[i].s, t[i].n);
				note_name(st, fn, attr, t[i].n + 1);
			} else {
				note_name(st, fn, t[i].s, t[i].n);
				if (i + 1 < n && is_op(&t[i + 1], "(") && t[i].n < 255)
					note_call(st, f, call_now ? f->funcs : fn, t[i].s, t[i].n, i + 1);
			}
			if (i + 2 < n && is_op(&t[i + 1], ".") && t[i + 2].type == PT_NAME &&
			    t[i].n + t[i + 2].n < 200) {
				char pair[256];
				memcpy(pair, t[i].s, t[i].n);
				pair[t[i].n] = '.';
				memcpy(pair + t[i].n + 1, t[i + 2].s, t[i + 2].n);
				note_name(st, fn, pair, t[i].n + 1 + t[i + 2].n);
				if (i + 3 < n && is_op(&t[i + 3], "(") && !(i > 0 && is_op(&t[i - 1], ".")))
					note_call(st, f, deferred && fn == deferred ? f->funcs : fn, pair,
						  t[i].n + 1 + t[i + 2].n, i + 3);
			}
			if ((is_name(&t[i], "MovedModule") || is_name(&t[i], "MovedAttribute")) && i + 3 < n &&
			    is_op(&t[i + 1], "(") && !(i > 0 && (is_name(&t[i - 1], "class") || is_op(&t[i - 1], "."))))
				note_moved(st, i, n);
			if ((is_name(&t[i], "entry_points") || is_name(&t[i], "iter_entry_points")) &&
			    i + 1 < n && is_op(&t[i + 1], "(") && !(i > 0 && is_name(&t[i - 1], "def")))
				note_entry_use(st, f, i, n);
			/* encoding="x" anywhere */
			if (is_name(&t[i], "encoding") && i + 2 < n && is_op(&t[i + 1], "=") &&
			    t[i + 2].type == PT_STRING)
				note_codec(st, f, &t[i + 2]);
			/* the first two positional arguments of a codec call */
			if (codec_callee(&t[i]) && i + 1 < n && is_op(&t[i + 1], "(")) {
				int d = 0, arg = 0;
				/* a str or bytes method (x.encode, not codecs.encode), or
				 * str(), bytes(), bytearray(): names CPython handles in C
				 * load no codec module */
				int method = i > 0 && is_op(&t[i - 1], ".");
				int fast = (method && (is_name(&t[i], "encode") || is_name(&t[i], "decode")) &&
					    !(i > 1 && is_name(&t[i - 2], "codecs"))) ||
					   (!method && (is_name(&t[i], "str") || is_name(&t[i], "bytes") ||
							is_name(&t[i], "bytearray")));
				for (size_t k = i + 1; k < n && arg < 2; k++) {
					int bd = bracket_delta(&t[k]);
					d += bd;
					if (d == 0)
						break;
					if (d == 1 && is_op(&t[k], ","))
						arg++;
					else if (d == 1 && t[k].type == PT_STRING &&
						 (is_op(&t[k - 1], "(") || is_op(&t[k - 1], ",") ||
						  is_name(&t[k - 1], "or") || is_name(&t[k - 1], "else")) &&
						 k + 1 < n && (is_op(&t[k + 1], ",") || is_op(&t[k + 1], ")"))) {
						const char *cb;
						size_t cn;
						if (fast && pytok_plain_string(&t[k], &cb, &cn) == 0 &&
						    codec_fast_path(cb, cn))
							continue;
						note_codec(st, f, &t[k]);
					}
				}
			}
		} else if (t[i].type == PT_STRING && !all_stmt && !(getattr_fn && is_op(&t[i - 1], "=="))) {
			group_literal(st, &t[i]);
			/* (a module __getattr__'s `if name == "X":` is asked for X,
			 * it does not ask for it) */
			const char *body;
			size_t bn;
			/* a key of a dict display ({"pager": "📟"}, rich's emoji
			 * table) is looked up by key, it names no attribute; a
			 * string in an if's test asks whether a name is there
			 * (os's `if _exists("spawnv"):`), a call names it again */
			int dict_key = (i > 0 && i + 1 < n && is_op(&t[i + 1], ":") &&
					(is_op(&t[i - 1], "{") || is_op(&t[i - 1], ","))) ||
				       ((is_name(&t[0], "if") || is_name(&t[0], "elif")) && i < test_end);
			if (!dict_key && pytok_plain_string(&t[i], &body, &bn) == 0 && identifier_chars(body, bn) &&
			    !(self_n && bn == self_n && !memcmp(body, self, bn))) {
				/* the whole first argument of a call, f("html") or
				 * m.f("html"): '"html"f', for the shaker to tell which
				 * function it is given (a table gate's `takes`) */
				if (i >= 2 && is_op(&t[i - 1], "(") && t[i - 2].type == PT_NAME && !is_keyword(&t[i - 2]) &&
				    i + 1 < n && (is_op(&t[i + 1], ",") || is_op(&t[i + 1], ")")) &&
				    bn + t[i - 2].n < 250) {
					char tag[256];
					tag[0] = '"';
					memcpy(tag + 1, body, bn);
					tag[bn + 1] = '"';
					memcpy(tag + bn + 2, t[i - 2].s, t[i - 2].n);
					note_name(st, fn, tag, bn + 2 + t[i - 2].n);
				} else
					note_name(st, fn, body, bn);
				if (fn)
					put_pair(&st->strnames, fn, body, bn);
			} else if (!dict_key && pytok_plain_string(&t[i], &body, &bn) == 0 && dotted_path(body, bn)) {
				/* "pkg.mod.attr" or "pkg.mod:attr": a name handed to an
				 * importer by string (jinja2's import_string, pkgutil's
				 * resolve_name, entry points, settings); recorded as
				 * "pkg.mod.attr" for the shaker to count as a use of
				 * attr in pkg.mod */
				char dn[256];
				memcpy(dn, body, bn);
				for (size_t k = 0; k < bn; k++)
					if (dn[k] == ':')
						dn[k] = '.';
				note_name(st, fn, dn, bn);
			}
		}
	}
}

/* `__name__ == "__main__"` (either way round) as the whole test [a, b) */
static int main_test(struct scan_state *st, size_t a, size_t b)
{
	const struct pytok *t = st->toks.v;
	const char *body;
	size_t n;

	if (b - a != 3 || !is_op(&t[a + 1], "=="))
		return 0;
	for (int side = 0; side < 2; side++) {
		const struct pytok *nm = &t[side ? a + 2 : a], *str = &t[side ? a : a + 2];
		if (is_name(nm, "__name__") && str->type == PT_STRING &&
		    pytok_plain_string(str, &body, &n) == 0 && n == 8 && !memcmp(body, "__main__", 8))
			return 1;
	}
	return 0;
}

/* 1 for a decorator that does not hand the function to a registry: only
 * registering ones (@atexit.register, @f.register, @register_x) make a
 * function callable without its name being mentioned; wrappers
 * (@property, @contextmanager, @_check_name) return a namesake */
static int plain_decorator(struct scan_state *st)
{
	const struct pytok *t = st->toks.v;

	for (size_t i = 1; i < st->toks.n && !is_op(&t[i], "("); i++)
		if (t[i].type == PT_NAME && memmem(t[i].s, t[i].n, "register", 8))
			return 0;
	return 1;
}

/* Is the test t[a..b) a name an ImportError handler binds: `NAME`,
 * `not NAME`, `NAME is None`, `NAME is not None`? */
static int flag_test(struct scan_state *st, size_t a, size_t b)
{
	const struct pytok *t = st->toks.v;
	char *nm;
	int r;

	if (a < b && is_name(&t[a], "not"))
		a++;
	if (a >= b || t[a].type != PT_NAME)
		return 0;
	if (b - a == 3 && is_name(&t[a + 1], "is") && is_name(&t[a + 2], "None"))
		b = a + 1;
	else if (b - a == 4 && is_name(&t[a + 1], "is") && is_name(&t[a + 2], "not") &&
		 is_name(&t[a + 3], "None"))
		b = a + 1;
	if (b - a != 1)
		return 0;
	nm = xstrndup(t[a].s, t[a].n);
	r = strmap_has(&st->import_flags, nm);
	free(nm);
	return r;
}

/* `for NAME in ("a", "b"):` (or a list) over [a, b): the body's frame
 * learns that NAME takes those plain strings, each a module name */
static void loop_over_strings(struct scan_state *st, struct frame *body, size_t a, size_t b)
{
	const struct pytok *t = st->toks.v;
	size_t n = 0;

	body->loop_var = NULL;
	if (b < a + 5 || t[a].type != PT_NAME || !is_name(&t[a + 1], "in") ||
	    !(is_op(&t[a + 2], "(") || is_op(&t[a + 2], "[")) || !(is_op(&t[b - 1], ")") || is_op(&t[b - 1], "]")))
		return;
	for (size_t i = a + 3; i < b - 1; i += 2) {
		const char *s;
		size_t ln;
		if (t[i].type != PT_STRING || pytok_plain_string(&t[i], &s, &ln) < 0 || !ln || !module_chars(s, ln) ||
		    *s == '.' || !(i + 1 == b - 1 || is_op(&t[i + 1], ",")))
			return;
		n++;
	}
	/* ("a") is a string, whose characters the loop would take */
	if (!n || n > 64 || (n == 1 && is_op(&t[a + 2], "(") && !is_op(&t[b - 2], ",")))
		return;
	body->loop_vals = arena_alloc(st->a, n * sizeof(*body->loop_vals));
	n = 0;
	for (size_t i = a + 3; i < b - 1; i += 2) {
		const char *s;
		size_t ln;
		pytok_plain_string(&t[i], &s, &ln);
		body->loop_vals[n++] = arena_strndup(st->a, s, ln);
	}
	body->n_loop_vals = n;
	body->loop_var = arena_strndup(st->a, t[a].s, t[a].n);
}

/* could the name or bracket before an opening bracket make it a call or
 * a subscript: a name that is no keyword, a closing bracket, a string */
static int calls_or_subscripts(const struct pytok *p)
{
	static const char *const kw[] = { "in", "return", "and", "or", "not", "if", "else", "elif", "yield",
					   "is", "for", "while", "assert", "del", "await", "from", "with", "as",
					   "except", "raise", "lambda", "case", "print", NULL };
	if (p->type == PT_NAME) {
		for (int i = 0; kw[i]; i++)
			if (pytok_is(p, kw[i]))
				return 0;
		return 1;
	}
	return p->type == PT_STRING || is_op(p, ")") || is_op(p, "]");
}

/* What the line adds to its code unit's counts, in one walk of its
 * brackets:
 * - *consts: the constants (numbers, strings that are no f-string) that
 *   stand as elements of a tuple or list display: (0x41, 'M', 'a'),
 *   ['*.py', '*.pyw']; not a call's or a subscript's arguments, not a
 *   dict's or a set's. CPython 3.14 folds such displays into constants in
 *   the code generator (per code object), no longer in the AST: each
 *   element is an instruction and a constant entry there first.
 * - *comps: the list, set and dict comprehensions: `[` or `{` whose own
 *   `for` (not one of a bracket inside it) follows at its level, each
 *   counted once however many `for` clauses it has. CPython 3.12+ inlines
 *   them into the code unit around them (PEP 709), and each adds that
 *   unit's control-flow graph its loop and its cleanup handler's blocks,
 *   which live until the unit is assembled: measured with compile() under
 *   tracemalloc, 40 list comprehensions in one function cost 5.7-6.0 KB
 *   each more than list displays of the same tokens on Pyodide 0.27, 0.28
 *   and 314, and 0.5 KB each spread over 40 functions. A generator
 *   expression is a code unit of its own (1.2 KB). */
static void line_counts(const struct pytok *t, size_t n, long long *consts, long long *comps)
{
	unsigned char disp[64], square_or_curly[64], seen_for[64];
	int sp = 0;

	for (size_t i = 0; i < n; i++) {
		if (t[i].type == PT_OP && t[i].n == 1 && strchr("([{", t[i].s[0])) {
			if (sp < 64) {
				disp[sp] = t[i].s[0] != '{' && !(i > 0 && calls_or_subscripts(&t[i - 1]));
				square_or_curly[sp] = t[i].s[0] != '(';
				seen_for[sp] = 0;
			}
			sp++;
		} else if (t[i].type == PT_OP && t[i].n == 1 && strchr(")]}", t[i].s[0])) {
			if (sp > 0)
				sp--;
		} else if (sp == 0 || sp > 64) {
			continue;
		} else if (t[i].type == PT_NAME && pytok_is(&t[i], "for")) {
			if (square_or_curly[sp - 1] && !seen_for[sp - 1]) {
				seen_for[sp - 1] = 1;
				(*comps)++;
			}
		} else if ((t[i].type == PT_NUMBER || (t[i].type == PT_STRING && !(t[i].str_flags & PYSTR_FORMAT))) &&
			   disp[sp - 1] && i > 0 && i + 1 < n &&
			   (is_op(&t[i - 1], ",") || is_op(&t[i - 1], "(") || is_op(&t[i - 1], "[")) &&
			   (is_op(&t[i + 1], ",") || is_op(&t[i + 1], ")") || is_op(&t[i + 1], "]"))) {
			(*consts)++;
		}
	}
}

/* the depth of the block that owns the current line's code unit: the
 * innermost def or class body around it, 0 for the module */
static int unit_depth(const struct scan_state *st)
{
	for (int d = st->depth; d > 0; d--)
		if (st->frames[d].kind == FR_DEF || st->frames[d].kind == FR_CLASS)
			return d;
	return 0;
}

/* the block at depth d ends: a unit's count is final */
static void close_block(struct scan_state *st, int d)
{
	if (d > 0 && d <= PYLEX_MAX_INDENT + 1 && (st->frames[d].kind == FR_DEF || st->frames[d].kind == FR_CLASS)) {
		if (st->unit_consts[d] > st->unit_max)
			st->unit_max = st->unit_consts[d];
		if (st->unit_comps[d] > st->comps_max)
			st->comps_max = st->unit_comps[d];
	}
}

static void process_line(struct scan_state *st)
{
	const struct pytok *t = st->toks.v;
	size_t n = st->toks.n, k = 0, colon;
	struct frame *cur = &st->frames[st->depth];
	struct chain *ch = &st->chains[st->depth];
	struct frame body = *cur;
	const char *kw;
	static const char *const headers[] = { "if", "elif", "else", "while", "for", "try", "except",
						"finally", "with", "def", "class", NULL };

	st->have_pending = 0;
	if (n == 0)
		return;
	int u = unit_depth(st);
	line_counts(t, n, &st->unit_consts[u], &st->unit_comps[u]);
	record_names(st, cur);
	if (is_op(&t[0], "@")) {
		/* a decorator line: remember it for the def that follows */
		if (!plain_decorator(st))
			st->decorated = 1;
		return scan_dynamic(st, 0, n, cur);
	}
	if (is_name(&t[0], "async") && n > 1)
		k = 1;
	kw = NULL;
	/* headers start with c, d, e, f, i, t or w and are 2..7 bytes */
	if (t[k].type == PT_NAME && t[k].n >= 2 && t[k].n <= 7 && strchr("cdefitw", t[k].s[0]))
		for (int i = 0; headers[i]; i++)
			if (is_name(&t[k], headers[i]))
				kw = headers[i];
	if (!kw && k == 0 && n > 2 && is_name(&t[0], "match") &&
	    !(t[1].type == PT_OP && !strchr("([{-~*", t[1].s[0])) && is_op(&t[n - 1], ":") &&
	    header_colon(st, 1, n) == n - 1)
		kw = "match";
	if (!kw && k == 0 && is_name(&t[0], "case") && cur->kind == FR_MATCH && n > 2)
		kw = "case";
	if (!kw) {
		ch->kind = CH_NONE;
		st->decorated = 0;
		return simple_statements(st, 0, n, cur);
	}
	colon = header_colon(st, k + 1, n);
	if (colon == n) {
		/* not a well-formed header: still look for dynamic imports */
		ch->kind = CH_NONE;
		return scan_dynamic(st, 0, n, cur);
	}
	body.kind = FR_PLAIN;
	if (!strcmp(kw, "def")) {
		body.kind = FR_DEF;
		body.lazy = 1;
		body.def_depth++;
		body.option = NULL;
		/* a def nested in a function runs when it is called, not when
		 * the function around it is */
		body.branch = cur->def_depth > 0;
		body.loop_var = NULL;
		if (k + 1 < n && t[k + 1].type == PT_NAME) {
			const char *at = st->decorated ? "@" : "";
			if (st->s->want_names && !cur->funcs && cur->def_depth == 0 && !st->decorated)
				strmap_put(&st->defs, arena_strndup(st->a, t[k + 1].s, t[k + 1].n), NULL);
			body.funcs = cur->funcs ? arena_printf(st->a, "%s.%s%.*s", cur->funcs, at,
							       (int)t[k + 1].n, t[k + 1].s)
						: arena_printf(st->a, "%s%.*s", at, (int)t[k + 1].n,
							       t[k + 1].s);
			if (st->s->want_names)
				note_params(st, body.funcs);
		}
		/* a def in a guarded try's else: keeps its guard: it exists only
		 * when the guarded imports succeeded (cbor2's _init_cbor2) */
		ch->kind = CH_NONE;
	} else if (!strcmp(kw, "class")) {
		body.kind = FR_CLASS;
		body.option = NULL;
		body.loop_var = NULL;
		ch->kind = CH_NONE;
		/* a class is named in funcs with '^': the functions after it are methods */
		if (k + 1 < n && t[k + 1].type == PT_NAME)
			body.funcs = cur->funcs ? arena_printf(st->a, "%s.^%.*s", cur->funcs,
							       (int)t[k + 1].n, t[k + 1].s)
						: arena_printf(st->a, "^%.*s", (int)t[k + 1].n, t[k + 1].s);
	} else if (!strcmp(kw, "match")) {
		body.kind = FR_MATCH;
		ch->kind = CH_NONE;
	} else if (!strcmp(kw, "case")) {
		if (cur->def_depth > 0)
			body.branch = 1;
		ch->kind = CH_NONE;
	} else if (!strcmp(kw, "try")) {
		memset(ch, 0, sizeof(*ch));
		ch->kind = CH_TRY;
		ch->try_start = st->s->edges.n;
		ch->try_def_depth = cur->def_depth;
		ch->try_assigned = st->try_assigned.n;
		body.in_try = 1;
	} else if (!strcmp(kw, "except")) {
		if (ch->kind == CH_TRY) {
			if (!ch->have_end) {
				ch->try_end = st->s->edges.n;
				ch->have_end = 1;
			}
			int catches = handler_catches(st, k + 1, colon);
			if (catches) {
				strbuf_reset(&st->tmp);
				for (size_t i = ch->try_start; i < ch->try_end; i++) {
					const struct import_edge *te = &st->s->edges.v[i];
					if (te->def_depth > ch->try_def_depth || !te->name)
						continue;
					if (st->tmp.len)
						strbuf_addch(&st->tmp, ' ');
					strbuf_addstr(&st->tmp, te->name);
				}
				if (st->tmp.len)
					body.fallback_for = arena_strndup(st->a, st->tmp.buf, st->tmp.len);
				body.import_handler = 1;
			} else {
				body.on_error = 1;
			}
			if (catches)
				for (size_t i = ch->try_assigned; i < st->try_assigned.n; i++)
					strmap_put(&st->import_flags, st->try_assigned.v[i], NULL);
			if (catches && !ch->guarded) {
				ch->guarded = 1;
				/* not the imports of functions defined in the
				 * try: they run later, outside the handler */
				for (size_t i = ch->try_start; i < ch->try_end; i++)
					if (st->s->edges.v[i].def_depth <= ch->try_def_depth)
						st->s->edges.v[i].kinds |= EDGE_GUARDED;
			}
		}
	} else if (!strcmp(kw, "finally")) {
		if (ch->kind != CH_TRY)
			ch->kind = CH_NONE;
	} else if (!strcmp(kw, "if") || !strcmp(kw, "elif") ||
		   (!strcmp(kw, "else") && ch->kind == CH_IF)) {
		int typing;
		int flag = strcmp(kw, "else") ? flag_test(st, k + 1, colon) : 0;
		const char *fl;
		const char *c = if_branch(st, ch, kw, k + 1, colon, &typing, &fl);
		if (c)
			body.cond = join_and(st, cur->cond, c);
		if (cur->def_depth > 0)
			body.branch = 1;
		if (fl)
			body.flag = fl;
		/* `if has_simplejson:` and its else depend on whether an
		 * import worked: as guarded as the import itself */
		if (strcmp(kw, "else"))
			ch->flag_test |= flag;
		if (ch->flag_test)
			body.guarded = 1;
		if (typing)
			body.typing = 1;
		if (strcmp(kw, "else") && colon == k + 2 && t[k + 1].type == PT_NAME && cur->funcs) {
			char key[512];
			if (pair_key(key, cur->funcs, t[k + 1].s, t[k + 1].n) && strmap_has(&st->options, key))
				body.option = arena_strndup(st->a, t[k + 1].s, t[k + 1].n);
		}
		if (!strcmp(kw, "if") && main_test(st, k + 1, colon))
			body.main_only = 1;
		/* a module __getattr__'s `if name == "X":` runs when X is asked for */
		if (strcmp(kw, "else") && cur->funcs && !strcmp(cur->funcs, "__getattr__") &&
		    colon == k + 4 && t[k + 1].type == PT_NAME && is_op(&t[k + 2], "==") &&
		    t[k + 3].type == PT_STRING) {
			const char *lit;
			size_t ln;
			if (pytok_plain_string(&t[k + 3], &lit, &ln) == 0 && identifier_chars(lit, ln))
				body.funcs = arena_printf(st->a, "%s.=%.*s", cur->funcs, (int)ln, lit);
		}
	} else if (!strcmp(kw, "with")) {
		if (with_suppresses_import(st, k + 1, colon))
			body.guarded = 1;
		ch->kind = CH_NONE;
	} else if (!strcmp(kw, "while") || !strcmp(kw, "for")) {
		ch->kind = CH_LOOP;
		if (!strcmp(kw, "for"))
			loop_over_strings(st, &body, k + 1, colon);
	} else if (!strcmp(kw, "else")) {
		if (ch->kind == CH_TRY && ch->guarded)
			body.guarded = 1;
		ch->kind = CH_NONE; /* try-else or loop-else */
	} else {
		ch->kind = CH_NONE;
	}
	st->decorated = 0; /* a decorated class: its methods are not */
	/* the header itself runs in the enclosing block */
	scan_dynamic(st, k + 1, colon, cur);
	if (colon + 1 < n)
		simple_statements(st, colon + 1, n, &body);
	else {
		st->pending = body;
		st->have_pending = 1;
	}
}

static size_t drop_candidates_in(struct scan_state *st, struct import_edge *v, size_t base, size_t n)
{
	size_t out = base;

	for (size_t i = base; i < n; i++) {
		if ((v[i].kinds & EDGE_CANDIDATE) && !st->im_bound)
			continue;
		v[i].kinds &= ~EDGE_CANDIDATE;
		v[out++] = v[i];
	}
	return out;
}

static void drop_candidates(struct scan_state *st, size_t base, size_t cbase)
{
	st->s->edges.n = drop_candidates_in(st, st->s->edges.v, base, st->s->edges.n);
	st->s->computed.n = drop_candidates_in(st, st->s->computed.v, cbase, st->s->computed.n);
}

static int line_of(const char *src, size_t off, int *col)
{
	int line = 1;
	size_t ls = 0;

	for (size_t i = 0; i < off; i++)
		if (src[i] == '\n') {
			line++;
			ls = i + 1;
		}
	*col = (int)(off - ls) + 1;
	return line;
}

/* BOM, cookie, NUL and UTF-8 checks. Returns the offset to lex from, or
 * (size_t)-1 when the bytes are not source at all. */
static size_t check_bytes(struct scan_state *st, const char *src, size_t len)
{
	char enc[64];
	int known, cookie_line, line, col;
	size_t off;
	const char *nul = memchr(src, 0, len);

	if (nul) {
		line = line_of(src, (size_t)(nul - src), &col);
		add_diag(st, DIAG_BINARY, line, col, "source contains nul bytes");
		return (size_t)-1;
	}
	off = pylex_detect_encoding(src, len, enc, sizeof(enc), &known, &cookie_line);
	if (!known) {
		add_diag(st, DIAG_ENCODING, cookie_line, 1,
			 arena_printf(st->a, "unsupported encoding cookie '%s'", enc));
		return off;
	}
	if (off == 3 && strcmp(enc, "utf-8")) {
		add_diag(st, DIAG_ENCODING, cookie_line, 1,
			 arena_printf(st->a, "encoding cookie '%s' contradicts the utf-8 bom", enc));
		return off;
	}
	if (!strcmp(enc, "latin-1"))
		return off;
	size_t ok = utf8_valid_prefix((const unsigned char *)src + off, len - off);
	if (ok != len - off) {
		line = line_of(src, off + ok, &col);
		if (!strcmp(enc, "ascii"))
			add_diag(st, DIAG_ENCODING, line, col, "non-ascii byte in a file declared ascii");
		else
			add_diag(st, DIAG_BAD_UTF8, line, col, "invalid utf-8");
	} else if (!strcmp(enc, "ascii")) {
		for (size_t i = off; i < len; i++)
			if ((unsigned char)src[i] >= 0x80) {
				line = line_of(src, i, &col);
				add_diag(st, DIAG_ENCODING, line, col, "non-ascii byte in a file declared ascii");
				break;
			}
	}
	return off;
}

/* A string literal whose value is an object of its own: not one of the
 * interpreter's cached ones (the empty string, one ASCII character, and
 * the empty and one-byte bytes), which idna.uts46data's 14024 literals
 * mostly are ('V', 'M', 'a'). One character written as an escape ('\n')
 * counts as one. */
static int string_allocates(const struct pytok *t)
{
	size_t q = (t->str_flags & PYSTR_TRIPLE) ? 3 : 1;
	const char *c;
	size_t n;

	if (t->str_flags & PYSTR_FORMAT)
		return 1;
	if (t->n < (size_t)t->prefix_len + 2 * q)
		return 1;
	c = t->s + t->prefix_len + q;
	n = t->n - (size_t)t->prefix_len - 2 * q;
	if (n == 0)
		return 0;
	if (n == 1)
		return (unsigned char)c[0] >= 0x80 || c[0] == '\\';
	if (n == 2 && c[0] == '\\' && !(t->str_flags & PYSTR_RAW))
		return !strchr("nrt0abfv\\'\"", c[1]);
	return 1;
}

void imports_scan(struct import_scan *s, const char *file, const char *module,
		  int is_package, const char *src, size_t len, const struct cond_env *env)
{
	struct scan_state *st = xcalloc(1, sizeof(*st));
	struct pylex lx;
	struct pytok t;
	size_t off, base = s->edges.n, cbase = s->computed.n, names_first = s->names.n;
	size_t ebase = s->entry_uses.n;

	st->s = s;
	st->a = s->arena;
	st->file = file ? arena_strdup(s->arena, file) : NULL;
	st->module = module ? arena_strdup(s->arena, module) : NULL;
	st->is_package = is_package;
	st->env = env;
	strbuf_init(&st->tmp, 256);
	if (!src)
		len = 0;
	s->file_tokens = 0;
	s->file_operands = 0;
	s->file_strings = 0;
	s->file_seq_consts = 0;
	s->file_comps = 0;
	off = check_bytes(st, src ? src : "", len);
	if (off == (size_t)-1)
		goto out;
	pylex_init(&lx, src + off, len - off, lex_diag, st);
	for (;;) {
		enum pytok_type ty = pylex_next(&lx, &t);
		if (ty == PT_END)
			break;
		if (ty == PT_NEWLINE) {
			process_line(st);
			st->toks.n = 0;
		} else if (ty == PT_INDENT) {
			if (st->depth <= PYLEX_MAX_INDENT) {
				struct frame f = st->frames[st->depth];
				f.kind = FR_PLAIN;
				if (st->have_pending)
					f = st->pending;
				st->depth++;
				st->frames[st->depth] = f;
				st->unit_consts[st->depth] = 0;
				st->unit_comps[st->depth] = 0;
				memset(&st->chains[st->depth], 0, sizeof(st->chains[0]));
			}
			st->have_pending = 0;
		} else if (ty == PT_DEDENT) {
			if (st->depth > 0) {
				close_block(st, st->depth);
				st->depth--;
			}
		} else {
			*VEC_PUSH(&st->toks) = t;
			s->file_tokens++;
			s->file_operands += ty == PT_NAME || ty == PT_NUMBER || ty == PT_STRING;
			s->file_strings += ty == PT_STRING && string_allocates(&t);
		}
	}
	if (st->toks.n)
		process_line(st);
	for (; st->depth > 0; st->depth--)
		close_block(st, st->depth);
	s->file_seq_consts = st->unit_max > st->unit_consts[0] ? st->unit_max : st->unit_consts[0];
	s->file_comps = st->comps_max > st->unit_comps[0] ? st->comps_max : st->unit_comps[0];
out:
	entry_groups(st, ebase);
	drop_candidates(st, base, cbase);
	drop_locals(st, names_first);
	strmap_release(&st->seen);
	strmap_release(&st->locals);
	strmap_release(&st->options);
	strmap_release(&st->declared);
	strmap_release(&st->strnames);
	strmap_release(&st->import_flags);
	strmap_release(&st->version_flags);
	strmap_release(&st->literals);
	strmap_release(&st->defs);
	VEC_FREE(&st->try_assigned);
	VEC_FREE(&st->toks);
	VEC_FREE(&st->names);
	VEC_FREE(&st->binds);
	strbuf_release(&st->tmp);
	free(st);
}
