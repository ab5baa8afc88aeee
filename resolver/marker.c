/* marker.c: PEP 508 environment markers: the parser (and/or, parentheses,
 * every comparison, in / not in, both quote kinds, variables on either
 * side), evaluation against a struct marker_env with active extras, the
 * host environment, and the normalized string form. Requirements are in
 * pep508.c. */
#include "leaf.h"

#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

static const char *const var_names[MV__COUNT] = {
	"python_version", "python_full_version", "os_name", "sys_platform",
	"platform_release", "platform_system", "platform_version", "platform_machine",
	"platform_python_implementation", "implementation_name", "implementation_version",
	"extra",
};

static const struct { const char *name; enum marker_var var; } legacy_names[] = {
	{ "os.name", MV_OS_NAME },
	{ "sys.platform", MV_SYS_PLATFORM },
	{ "platform.version", MV_PLATFORM_VERSION },
	{ "platform.machine", MV_PLATFORM_MACHINE },
	{ "platform.python_implementation", MV_PLATFORM_PYTHON_IMPLEMENTATION },
	{ "python_implementation", MV_PLATFORM_PYTHON_IMPLEMENTATION },
};

const char *marker_var_name(enum marker_var v)
{
	return (unsigned)v < MV__COUNT ? var_names[v] : "?";
}

int marker_var_lookup(const char *s, size_t n)
{
	for (int i = 0; i < MV__COUNT; i++)
		if (strlen(var_names[i]) == n && !memcmp(s, var_names[i], n))
			return i;
	for (size_t i = 0; i < sizeof(legacy_names) / sizeof(legacy_names[0]); i++)
		if (strlen(legacy_names[i].name) == n && !memcmp(s, legacy_names[i].name, n))
			return (int)legacy_names[i].var;
	return -1;
}

/* ---- environments ---- */

int marker_env_set(struct marker_env *env, const char *key, const char *value,
		   struct perr *err)
{
	int v = marker_var_lookup(key, strlen(key));
	char q[LEAF_QUOTE_MAX];

	if (v < 0) {
		leaf_quote(q, sizeof(q), key, strlen(key));
		return perr_set(err, PM_INPUT, "unknown marker variable '%s'", q);
	}
	env->values[v] = value;
	return 0;
}

void marker_env_from_arrays(struct marker_env *env, const char *const *keys,
			    const char *const *values, size_t n)
{
	memset(env, 0, sizeof(*env));
	for (size_t i = 0; i < n; i++) {
		int v = keys[i] ? marker_var_lookup(keys[i], strlen(keys[i])) : -1;
		if (v >= 0)
			env->values[v] = values[i];
	}
}

int marker_env_host(struct marker_env *env, const char *python_version, struct arena *a,
		    struct perr *err)
{
	struct utsname u;
	struct pep440 pv;
	char *plat;
	const char *pyv = python_version ? python_version : "3.13";

	memset(env, 0, sizeof(*env));
	if (pep440_parse(&pv, pyv, strlen(pyv), err) || pv.n_release < 2 || pv.n_release > 3 ||
	    pv.epoch || pv.local[0] || pv.has_post || pv.has_dev)
		return perr_set(err, PM_USAGE, "invalid python version '%s': expected X.Y or X.Y.Z",
				pyv);
	env->values[MV_PYTHON_VERSION] = arena_printf(a, "%llu.%llu",
						      (unsigned long long)pv.release[0],
						      (unsigned long long)pv.release[1]);
	env->values[MV_PYTHON_FULL_VERSION] = pv.n_release == 3 ? arena_strdup(a, pyv)
		: arena_printf(a, "%s.0", env->values[MV_PYTHON_VERSION]);
	env->values[MV_IMPLEMENTATION_VERSION] = env->values[MV_PYTHON_FULL_VERSION];
	env->values[MV_OS_NAME] = "posix";
	env->values[MV_PLATFORM_PYTHON_IMPLEMENTATION] = "CPython";
	env->values[MV_IMPLEMENTATION_NAME] = "cpython";
	if (uname(&u) != 0)
		return perr_set(err, PM_INPUT, "uname failed");
	env->values[MV_PLATFORM_SYSTEM] = arena_strdup(a, u.sysname);
	env->values[MV_PLATFORM_RELEASE] = arena_strdup(a, u.release);
	env->values[MV_PLATFORM_VERSION] = arena_strdup(a, u.version);
	env->values[MV_PLATFORM_MACHINE] = arena_strdup(a, u.machine);
	/* sys.platform: "linux", "darwin", otherwise the lowercased system */
	plat = arena_strdup(a, u.sysname);
	for (char *p = plat; *p; p++)
		*p = (char)leaf_tolower((unsigned char)*p);
	env->values[MV_SYS_PLATFORM] = plat;
	return 0;
}

/* ---- parser ---- */

struct mparser {
	const char *s;
	size_t i, n;
	struct arena *a;
	char *why;
	size_t why_size;
	int depth;
};

#define MARKER_MAX_DEPTH 100

static int mfail(struct mparser *p, const char *fmt, const char *arg)
{
	snprintf(p->why, p->why_size, fmt, arg);
	return -1;
}

static void skip_ws(struct mparser *p)
{
	while (p->i < p->n && (p->s[p->i] == ' ' || p->s[p->i] == '\t'))
		p->i++;
}

static int is_word_char(int c)
{
	return leaf_isalnum(c) || c == '_' || c == '.';
}

/* Matches a keyword at the cursor, not followed by a word character. */
static int keyword(struct mparser *p, const char *kw)
{
	size_t len = strlen(kw);

	if (p->n - p->i < len || memcmp(p->s + p->i, kw, len))
		return 0;
	if (p->i + len < p->n && is_word_char((unsigned char)p->s[p->i + len]))
		return 0;
	p->i += len;
	return 1;
}

static int parse_value(struct mparser *p, int *var, const char **lit)
{
	size_t start;
	char q[LEAF_QUOTE_MAX];

	skip_ws(p);
	if (p->i < p->n && (p->s[p->i] == '"' || p->s[p->i] == '\'')) {
		char quote = p->s[p->i];
		start = ++p->i;
		while (p->i < p->n && p->s[p->i] != quote)
			p->i++;
		if (p->i == p->n) {
			p->i = start - 1;
			return mfail(p, "unterminated string %s", quote == '"' ? "(\")" : "(')");
		}
		*var = -1;
		*lit = arena_strndup(p->a, p->s + start, p->i - start);
		p->i++;
		return 0;
	}
	start = p->i;
	while (p->i < p->n && is_word_char((unsigned char)p->s[p->i]))
		p->i++;
	if (p->i == start)
		return mfail(p, "%s", "expected a marker variable or a quoted string");
	*var = marker_var_lookup(p->s + start, p->i - start);
	if (*var < 0) {
		leaf_quote(q, sizeof(q), p->s + start, p->i - start);
		p->i = start;
		return mfail(p, "unknown marker variable '%s'", q);
	}
	*lit = NULL;
	return 0;
}

static int parse_op(struct mparser *p, enum marker_op *op)
{
	static const struct { const char *s; enum marker_op op; } ops[] = {
		{ "===", MOP_ARBITRARY }, { "==", MOP_EQ }, { "!=", MOP_NE }, { "<=", MOP_LE },
		{ ">=", MOP_GE }, { "~=", MOP_COMPATIBLE }, { "<", MOP_LT }, { ">", MOP_GT },
	};

	skip_ws(p);
	for (size_t k = 0; k < sizeof(ops) / sizeof(ops[0]); k++) {
		size_t len = strlen(ops[k].s);
		if (p->n - p->i >= len && !memcmp(p->s + p->i, ops[k].s, len)) {
			p->i += len;
			*op = ops[k].op;
			return 0;
		}
	}
	if (keyword(p, "in")) {
		*op = MOP_IN;
		return 0;
	}
	if (keyword(p, "not")) {
		skip_ws(p);
		if (keyword(p, "in")) {
			*op = MOP_NOT_IN;
			return 0;
		}
		return mfail(p, "%s", "expected 'in' after 'not'");
	}
	return mfail(p, "%s", "expected a comparison operator (==, !=, <, <=, >, >=, ~=, ===, "
			 "in, not in)");
}

static struct marker *parse_or(struct mparser *p);

static struct marker *parse_expr(struct mparser *p)
{
	struct marker *m;

	skip_ws(p);
	if (p->i < p->n && p->s[p->i] == '(') {
		if (++p->depth > MARKER_MAX_DEPTH)
			return mfail(p, "%s", "parentheses nested too deeply"), NULL;
		p->i++;
		m = parse_or(p);
		if (!m)
			return NULL;
		skip_ws(p);
		if (p->i >= p->n || p->s[p->i] != ')')
			return mfail(p, "%s", "expected ')'"), NULL;
		p->i++;
		p->depth--;
		return m;
	}
	m = arena_alloc(p->a, sizeof(*m));
	m->kind = MARKER_CMP;
	if (parse_value(p, &m->lhs_var, &m->lhs) || parse_op(p, &m->op) ||
	    parse_value(p, &m->rhs_var, &m->rhs))
		return NULL;
	return m;
}

static struct marker *parse_and(struct mparser *p)
{
	struct marker *m = parse_expr(p), *n;

	while (m) {
		size_t save = p->i;
		skip_ws(p);
		if (!keyword(p, "and")) {
			p->i = save;
			break;
		}
		n = arena_alloc(p->a, sizeof(*n));
		n->kind = MARKER_AND;
		n->left = m;
		if (!(n->right = parse_expr(p)))
			return NULL;
		m = n;
	}
	return m;
}

static struct marker *parse_or(struct mparser *p)
{
	struct marker *m = parse_and(p), *n;

	while (m) {
		size_t save = p->i;
		skip_ws(p);
		if (!keyword(p, "or")) {
			p->i = save;
			break;
		}
		n = arena_alloc(p->a, sizeof(*n));
		n->kind = MARKER_OR;
		n->left = m;
		if (!(n->right = parse_and(p)))
			return NULL;
		m = n;
	}
	return m;
}

int marker_parse_why(const struct marker **out, const char *s, size_t n, struct arena *a,
		     char *why, size_t why_size, size_t *pos)
{
	struct mparser p = { s, 0, n, a, why, why_size, 0 };
	const struct marker *m;

	*out = NULL;
	m = parse_or(&p);
	if (m) {
		skip_ws(&p);
		if (p.i < n) {
			m = NULL;
			mfail(&p, "%s", "expected 'and', 'or' or the end of the marker");
		}
	}
	if (!m) {
		*pos = p.i;
		return PM_INPUT;
	}
	*out = m;
	return 0;
}

int marker_parse(const struct marker **out, const char *s, size_t n, struct arena *a,
		 struct perr *err, int *col)
{
	char why[LEAF_QUOTE_MAX + 128], q[LEAF_QUOTE_MAX];
	size_t pos = 0;

	if (col)
		*col = 0;
	if (!marker_parse_why(out, s, n, a, why, sizeof(why), &pos))
		return 0;
	if (col)
		*col = (int)pos + 1;
	leaf_quote(q, sizeof(q), s, n);
	return perr_set(err, PM_INPUT, "invalid marker '%s': %s", q, why);
}

/* ---- evaluation ---- */

static int undefined(struct perr *err, enum marker_op op, const char *l, const char *r)
{
	static const char *const names[] = { "<", "<=", "==", "!=", ">=", ">", "~=", "===",
					     "in", "not in" };
	char ql[LEAF_QUOTE_MAX], qr[LEAF_QUOTE_MAX];

	leaf_quote(ql, sizeof(ql), l, strlen(l));
	leaf_quote(qr, sizeof(qr), r, strlen(r));
	return perr_set(err, PM_INPUT, "undefined comparison '%s' between '%s' and '%s'",
			names[op], ql, qr);
}

static int contains_str(const char *hay, const char *needle)
{
	return strstr(hay, needle) != NULL;
}

/* The comparison itself: PEP 440 when the right side is a valid specifier
 * operand and the left a valid version, else Python's string semantics. */
static int compare(enum marker_op op, const char *l, const char *r, int *res, struct perr *err)
{
	static const char *const spec_ops[] = { "<", "<=", "==", "!=", ">=", ">", "~=" };
	struct strbuf sb = STRBUF_INIT;
	struct spec spec;
	struct pep440 lv;
	int c, ok;

	if (op == MOP_IN || op == MOP_NOT_IN) {
		*res = contains_str(r, l) == (op == MOP_IN);
		return 0;
	}
	if (op == MOP_ARBITRARY) {
		*res = strlen(l) == strlen(r) && !strcasecmp(l, r);
		return 0;
	}
	strbuf_addstr(&sb, spec_ops[op]);
	strbuf_addstr(&sb, r);
	ok = !spec_parse(&spec, sb.buf, sb.len, NULL, NULL) && !pep440_parse(&lv, l, strlen(l), NULL);
	strbuf_release(&sb);
	if (ok) {
		*res = spec_contains(&spec, &lv);
		return 0;
	}
	c = strcmp(l, r);
	switch (op) {
	case MOP_LT: *res = c < 0; break;
	case MOP_LE: *res = c <= 0; break;
	case MOP_EQ: *res = c == 0; break;
	case MOP_NE: *res = c != 0; break;
	case MOP_GE: *res = c >= 0; break;
	case MOP_GT: *res = c > 0; break;
	default:
		return undefined(err, op, l, r);
	}
	return 0;
}

static int side(const struct marker_env *env, int var, const char *lit, const char *extra,
		const char **out, struct perr *err)
{
	if (var < 0) {
		*out = lit;
		return 0;
	}
	*out = var == MV_EXTRA ? extra : env->values[var];
	if (!*out)
		return perr_set(err, PM_INPUT, "marker variable '%s' is not set in the environment",
				var_names[var]);
	return 0;
}

static int eval_node(const struct marker *m, const struct marker_env *env, const char *extra,
		     int *res, struct perr *err)
{
	const char *l, *r;
	int a, b, rc;

	if (m->kind != MARKER_CMP) {
		/* both sides always, so an error does not hide behind the other */
		if ((rc = eval_node(m->left, env, extra, &a, err)) ||
		    (rc = eval_node(m->right, env, extra, &b, err)))
			return rc;
		*res = m->kind == MARKER_AND ? (a && b) : (a || b);
		return 0;
	}
	if ((rc = side(env, m->lhs_var, m->lhs, extra, &l, err)) ||
	    (rc = side(env, m->rhs_var, m->rhs, extra, &r, err)))
		return rc;
	if (m->lhs_var == MV_EXTRA || m->rhs_var == MV_EXTRA) {
		struct strbuf nl = STRBUF_INIT, nr = STRBUF_INIT;
		leaf_normalize(&nl, l, strlen(l));
		leaf_normalize(&nr, r, strlen(r));
		rc = compare(m->op, nl.buf, nr.buf, res, err);
		strbuf_release(&nl);
		strbuf_release(&nr);
		return rc;
	}
	return compare(m->op, l, r, res, err);
}

int marker_eval(const struct marker *m, const struct marker_env *env,
		const char *const *extras, size_t n_extras, int *result, struct perr *err)
{
	int rc;

	*result = 0;
	if (!m) {
		*result = 1;
		return 0;
	}
	if (!n_extras)
		return eval_node(m, env, "", result, err);
	for (size_t i = 0; i < n_extras; i++) {
		int r;
		if ((rc = eval_node(m, env, extras[i], &r, err)))
			return rc;
		if (r) {
			*result = 1;
			break;
		}
	}
	return 0;
}

/* ---- output ---- */

static void format_value(int var, const char *lit, struct strbuf *out)
{
	if (var >= 0) {
		strbuf_addstr(out, var_names[var]);
		return;
	}
	char q = strchr(lit, '"') ? '\'' : '"';
	strbuf_addch(out, q);
	strbuf_addstr(out, lit);
	strbuf_addch(out, q);
}

static void format_child(const struct marker *parent, const struct marker *child, int right,
			 struct strbuf *out)
{
	int paren = (child->kind == MARKER_OR && parent->kind == MARKER_AND) ||
		    (right && child->kind == parent->kind);

	if (paren)
		strbuf_addch(out, '(');
	marker_format(child, out);
	if (paren)
		strbuf_addch(out, ')');
}

void marker_format(const struct marker *m, struct strbuf *out)
{
	static const char *const names[] = { "<", "<=", "==", "!=", ">=", ">", "~=", "===",
					     "in", "not in" };

	if (m->kind == MARKER_CMP) {
		format_value(m->lhs_var, m->lhs, out);
		strbuf_addf(out, " %s ", names[m->op]);
		format_value(m->rhs_var, m->rhs, out);
		return;
	}
	format_child(m, m->left, 0, out);
	strbuf_addstr(out, m->kind == MARKER_AND ? " and " : " or ");
	format_child(m, m->right, 1, out);
}
