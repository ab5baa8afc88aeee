/* marker.c: PEP 508 environment markers: the parser (and/or, parentheses,
 * every comparison, in / not in, both quote kinds with Python's string
 * escapes, variables on either side, PEP 751's set-valued extras and
 * dependency_groups), evaluation against a struct marker_env with active
 * extras as packaging 26 evaluates, the host environment, and the
 * normalized string form. Requirements are in pep508.c. */
#include "leaf.h"

#include <string.h>
#include <strings.h>
#include <sys/utsname.h>

static const char *const var_names[MV__COUNT] = {
	"python_version", "python_full_version", "os_name", "sys_platform",
	"platform_release", "platform_system", "platform_version", "platform_machine",
	"platform_python_implementation", "implementation_name", "implementation_version",
	"extra", "extras", "dependency_groups",
};

/* packaging's MARKERS_REQUIRING_VERSION: compared as PEP 440 versions when
 * the other side makes a valid specifier */
static int version_var(int v)
{
	return v == MV_PYTHON_VERSION || v == MV_PYTHON_FULL_VERSION ||
	       v == MV_IMPLEMENTATION_VERSION || v == MV_PLATFORM_RELEASE;
}

/* PEP 751's set-valued variables (lock files) */
static int set_var(int v)
{
	return v == MV_EXTRAS || v == MV_DEPENDENCY_GROUPS;
}

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

	if (v < 0 || set_var(v)) {
		leaf_quote(q, sizeof(q), key, strlen(key));
		return perr_set(err, PM_INPUT, v < 0 ? "unknown marker variable '%s'"
				: "marker variable '%s' holds a set of names, not a string", q);
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
		if (v >= 0 && !set_var(v))
			env->values[v] = values[i];
	}
}

int marker_env_host(struct marker_env *env, const char *python_version, struct arena *a,
		    struct perr *err)
{
	struct utsname u;
	struct pep440 pv;
	char *plat;
	int full;
	const char *pyv = python_version ? python_version : "3.13";

	memset(env, 0, sizeof(*env));
	if (pep440_parse(&pv, pyv, strlen(pyv), err) || pv.n_release < 2 || pv.n_release > 3 ||
	    pv.num_len[PEP440_EPOCH] || pv.local[0] || pv.has_post || pv.has_dev)
		return perr_set(err, PM_USAGE, "invalid python version '%s': expected X.Y or X.Y.Z",
				pyv);
	full = pv.n_release == 3;
	leaf_release_truncate(&pv, 2);
	env->values[MV_PYTHON_VERSION] = arena_strdup(a, pv.release);
	env->values[MV_PYTHON_FULL_VERSION] = full ? arena_strdup(a, pyv)
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

/* A decoded string is a C string: a NUL from an escape (\x00, \0, \u0000,
 * ...) is kept as the two bytes C0 80 (no UTF-8 text holds them), so
 * that it neither ends the string nor equals anything an environment
 * value (a C string) holds, as in Python's strings. */
static void put_utf8(struct strbuf *sb, uint32_t cp)
{
	if (cp == 0) {
		strbuf_addch(sb, (char)0xc0);
		strbuf_addch(sb, (char)0x80);
	} else if (cp < 0x80) {
		strbuf_addch(sb, (char)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, (char)(0xc0 | cp >> 6));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
	} else if (cp < 0x10000) { /* a lone surrogate too, as Python keeps it */
		strbuf_addch(sb, (char)(0xe0 | cp >> 12));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3f)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
	} else {
		strbuf_addch(sb, (char)(0xf0 | cp >> 18));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 12) & 0x3f)));
		strbuf_addch(sb, (char)(0x80 | ((cp >> 6) & 0x3f)));
		strbuf_addch(sb, (char)(0x80 | (cp & 0x3f)));
	}
}

static int hex_digit(int c)
{
	return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
		: c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
}

static const char unknown_name[] = "unknown Unicode character name";

/* Decodes the body s[0..n) of a quoted marker string as Python reads a
 * string literal (packaging runs ast.literal_eval on it): \\ \' \" \a \b
 * \f \n \r \t \v, \ooo, \xhh, \uhhhh, \Uhhhhhhhh, backslash-newline; an
 * unknown escape stays as written; \N{NAME} by Unicode's names (uniname.c).
 * A raw newline or NUL, a truncated escape and an unknown name are errors:
 * returns 0 and the offset of the problem in *bad. */
static int decode_string(const char *s, size_t n, struct strbuf *out, size_t *bad,
			 const char **why)
{
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)s[i], d;
		uint32_t cp = 0;
		size_t want, k;

		if (c == '\n' || c == '\r' || c == '\0') {
			*bad = i;
			*why = c ? "a string may not span lines" : "a string may not contain NUL";
			return 0;
		}
		if (c != '\\') {
			strbuf_addch(out, (char)c);
			continue;
		}
		if (++i == n) {
			*bad = i - 1;
			*why = "the string ends in a lone backslash";
			return 0;
		}
		switch (c = (unsigned char)s[i]) {
		case '\0':
			*bad = i;
			*why = "a string may not contain NUL";
			return 0;
		case '\n': continue;
		case '\r': i += i + 1 < n && s[i + 1] == '\n'; continue;
		case '\\': case '\'': case '"': strbuf_addch(out, (char)c); continue;
		case 'a': strbuf_addch(out, '\a'); continue;
		case 'b': strbuf_addch(out, '\b'); continue;
		case 'f': strbuf_addch(out, '\f'); continue;
		case 'n': strbuf_addch(out, '\n'); continue;
		case 'r': strbuf_addch(out, '\r'); continue;
		case 't': strbuf_addch(out, '\t'); continue;
		case 'v': strbuf_addch(out, '\v'); continue;
		case 'x': want = 2; break;
		case 'u': want = 4; break;
		case 'U': want = 8; break;
		case 'N': /* Python: \N{NAME}, NAME anything up to the next '}' */
			for (k = i + 2; i + 1 < n && s[i + 1] == '{' && k < n && s[k] != '}'; k++)
				;
			if (!(i + 1 < n && s[i + 1] == '{' && k > i + 2 && k < n)) {
				*bad = i - 1;
				*why = "malformed \\N character escape";
				return 0;
			}
			if (!uniname_lookup(s + i + 2, k - i - 2, &cp)) {
				*bad = i - 1;
				*why = unknown_name;
				return 0;
			}
			put_utf8(out, cp);
			i = k;
			continue;
		default:
			if (c >= '0' && c <= '7') {
				for (k = 0; k < 3 && i < n && s[i] >= '0' && s[i] <= '7'; k++, i++)
					cp = cp * 8 + (uint32_t)(s[i] - '0');
				i--;
				put_utf8(out, cp);
			} else {
				strbuf_addch(out, '\\');
				strbuf_addch(out, (char)c);
			}
			continue;
		}
		for (k = 0; k < want; k++) {
			if (i + 1 + k >= n || (d = hex_digit((unsigned char)s[i + 1 + k])) < 0) {
				*bad = i - 1;
				*why = "a truncated \\x, \\u or \\U escape";
				return 0;
			}
			cp = cp << 4 | (uint32_t)d;
		}
		if (cp > 0x10ffff) {
			*bad = i - 1;
			*why = "a \\U escape past U+10FFFF";
			return 0;
		}
		i += want;
		put_utf8(out, cp);
	}
	return 1;
}

static int parse_value(struct mparser *p, int *var, const char **lit)
{
	size_t start;
	char q[LEAF_QUOTE_MAX];

	skip_ws(p);
	if (p->i < p->n && (p->s[p->i] == '"' || p->s[p->i] == '\'')) {
		char quote = p->s[p->i];
		struct strbuf sb = STRBUF_INIT;
		const char *why = NULL;
		size_t bad = 0;

		start = ++p->i;
		while (p->i < p->n && p->s[p->i] != quote)
			p->i++;
		if (p->i == p->n) {
			p->i = start - 1;
			return mfail(p, "unterminated string %s", quote == '"' ? "(\")" : "(')");
		}
		if (!decode_string(p->s + start, p->i - start, &sb, &bad, &why)) {
			strbuf_release(&sb);
			p->i = start + bad;
			if (why == unknown_name) { /* \N{NAME}: say which and why */
				const char *name = p->s + p->i + 3;
				leaf_quote(q, sizeof(q), name, strcspn(name, "}"));
				snprintf(p->why, p->why_size, "invalid quoted string: %s '%s' (this "
					 "build knows the names of Unicode %s)", why, q,
					 uniname_version());
				return -1;
			}
			return mfail(p, "invalid quoted string: %s", why);
		}
		*var = -1;
		*lit = arena_strndup(p->a, sb.buf, sb.len);
		strbuf_release(&sb);
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
static const char *canon(struct arena *a, const char *s);

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
	/* as packaging, the name compared with extra (or looked up in extras
	 * or dependency_groups) is normalized when parsed (PEP 685) */
	if (m->lhs_var == MV_EXTRA && m->rhs_var < 0)
		m->rhs = canon(p->a, m->rhs);
	else if (m->lhs_var < 0 && (m->rhs_var == MV_EXTRA || set_var(m->rhs_var)))
		m->lhs = canon(p->a, m->lhs);
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

static const char *const op_names[] = { "<", "<=", "==", "!=", ">=", ">", "~=", "===",
					"in", "not in" };

static int undefined(struct perr *err, enum marker_op op, const char *l, const char *r)
{
	char ql[LEAF_QUOTE_MAX], qr[LEAF_QUOTE_MAX];

	leaf_quote(ql, sizeof(ql), l, strlen(l));
	leaf_quote(qr, sizeof(qr), r, strlen(r));
	return perr_set(err, PM_INPUT, "undefined comparison '%s' between '%s' and '%s'",
			op_names[op], ql, qr);
}

/* packaging's canonicalize_name: Python's str.lower (unilower.c), then
 * runs of -_. become one '-' (a leading or trailing one stays). Arena
 * string. */
static const char *canon(struct arena *a, const char *s)
{
	struct strbuf low = STRBUF_INIT, sb = STRBUF_INIT;
	const char *r;

	unilower(s, strlen(s), &low);
	for (size_t i = 0; i < low.len; i++) {
		char c = low.buf[i];
		if (c == '-' || c == '_' || c == '.') {
			if (!sb.len || sb.buf[sb.len - 1] != '-')
				strbuf_addch(&sb, '-');
			continue;
		}
		strbuf_addch(&sb, c);
	}
	r = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&low);
	strbuf_release(&sb);
	return r;
}

/* One comparison, as packaging 26's _eval_op: for a version variable
 * (python_version, python_full_version, implementation_version,
 * platform_release), when op and the right side make a valid specifier,
 * PEP 440 with pre-releases admitted (a left side that is not a version
 * matches no operator but ===, which compares it as written); otherwise
 * strings: in / not in as substrings, == and !=, <= and >= meaning ==,
 * < and > always false, ~= and === an error. */
static int compare(enum marker_op op, const char *l, const char *r, int key, struct arena *a,
		   int *res, struct perr *err)
{
	struct strbuf sb = STRBUF_INIT;
	struct spec spec;
	struct pep440 lv;
	int ok = 0;

	if (version_var(key) && op != MOP_IN && op != MOP_NOT_IN) {
		strbuf_addstr(&sb, op_names[op]);
		strbuf_addstr(&sb, r);
		ok = !spec_parse(&spec, sb.buf, sb.len, a, NULL);
		if (ok) {
			int is_v = !pep440_parse(&lv, l, strlen(l), NULL);
			*res = spec_contains(&spec, is_v ? &lv : NULL, l);
		}
		strbuf_release(&sb);
		if (ok)
			return 0;
	}
	switch (op) {
	case MOP_IN: *res = strstr(r, l) != NULL; break;
	case MOP_NOT_IN: *res = strstr(r, l) == NULL; break;
	case MOP_LT: case MOP_GT: *res = 0; break;
	case MOP_LE: case MOP_EQ: case MOP_GE: *res = !strcmp(l, r); break;
	case MOP_NE: *res = strcmp(l, r) != 0; break;
	default:
		return undefined(err, op, l, r);
	}
	return 0;
}

/* A set-valued variable on the right: membership of the normalized name
 * (PEP 685 / PEP 735); the other operators compare a string with a set,
 * as Python would: == false, != true, < <= >= > false, ~= === an error. */
static int compare_set(enum marker_op op, const char *l, const struct marker_names *set,
		       int key, struct arena *a, int *res, struct perr *err)
{
	const char *nl = canon(a, l);
	int in = 0;

	for (size_t i = 0; i < set->n && !in; i++)
		in = !strcmp(nl, canon(a, set->v[i]));
	switch (op) {
	case MOP_IN: *res = in; return 0;
	case MOP_NOT_IN: *res = !in; return 0;
	case MOP_NE: *res = 1; return 0;
	case MOP_COMPATIBLE: case MOP_ARBITRARY:
		return perr_set(err, PM_INPUT, "undefined comparison '%s' between '%s' and the set "
				"'%s'", op_names[op], nl, var_names[key]);
	default: *res = 0; return 0;
	}
}

static int env_value(const struct marker_env *env, int var, const char *extra, struct arena *a,
		     const char **out, struct perr *err)
{
	const char *v = var == MV_EXTRA ? extra : env->values[var];

	if (!v)
		return perr_set(err, PM_INPUT, "marker variable '%s' is not set in the environment",
				var_names[var]);
	/* packaging repairs a python_full_version like "3.13.0+" (an untagged
	 * build) to "3.13.0+local" */
	if (var == MV_PYTHON_FULL_VERSION && *v && v[strlen(v) - 1] == '+')
		v = arena_printf(a, "%slocal", v);
	if (var == MV_EXTRA) /* PEP 685 */
		v = canon(a, v);
	*out = v;
	return 0;
}

static const struct marker_names *env_set(const struct marker_env *env, int var)
{
	const struct marker_names *set = var == MV_EXTRAS ? &env->extras : &env->dependency_groups;

	return set->given ? set : NULL;
}

/* One comparison node, as packaging reads it: when the left side is a
 * variable, it names the environment value and the right side is taken as
 * written (a variable there gives its own name); when the left side is a
 * string, the right side names the environment value, even when it is a
 * string spelling a variable's name. */
static int eval_cmp(const struct marker *m, const struct marker_env *env, const char *extra,
		    struct arena *a, int *res, struct perr *err)
{
	const char *l, *r;
	int key, rc;

	if (m->lhs_var >= 0) {
		key = m->lhs_var;
		if (set_var(key)) {
			if (!env_set(env, key))
				return perr_set(err, PM_INPUT, "marker variable '%s' is not set in "
						"the environment", var_names[key]);
			return perr_set(err, PM_INPUT, "the set-valued marker '%s' can only be "
					"used as '\"name\" in %s'", var_names[key], var_names[key]);
		}
		if ((rc = env_value(env, key, extra, a, &l, err)))
			return rc;
		r = m->rhs_var >= 0 ? var_names[m->rhs_var] : m->rhs;
		if (key == MV_EXTRA && m->rhs_var < 0)
			r = canon(a, r);
		return compare(m->op, l, r, key, a, res, err);
	}
	key = m->rhs_var;
	if (key < 0) {
		for (int i = 0; i < MV__COUNT && key < 0; i++)
			if (!strcmp(m->rhs, var_names[i]))
				key = i;
		if (key < 0) {
			char q[LEAF_QUOTE_MAX];
			leaf_quote(q, sizeof(q), m->rhs, strlen(m->rhs));
			return perr_set(err, PM_INPUT, "undefined environment name '%s' (a "
					"comparison needs a marker variable on one side)", q);
		}
	}
	l = m->lhs;
	if (set_var(key)) {
		const struct marker_names *set = env_set(env, key);
		if (!set)
			return perr_set(err, PM_INPUT, "marker variable '%s' is not set in the "
					"environment", var_names[key]);
		return compare_set(m->op, l, set, key, a, res, err);
	}
	if ((rc = env_value(env, key, extra, a, &r, err)))
		return rc;
	if (key == MV_EXTRA && m->rhs_var >= 0)
		l = canon(a, l);
	return compare(m->op, l, r, key, a, res, err);
}

static int eval_node(const struct marker *m, const struct marker_env *env, const char *extra,
		     struct arena *a, int *res, struct perr *err)
{
	int x, y, rc;

	if (m->kind != MARKER_CMP) {
		/* both sides always, so an error does not hide behind the other */
		if ((rc = eval_node(m->left, env, extra, a, &x, err)) ||
		    (rc = eval_node(m->right, env, extra, a, &y, err)))
			return rc;
		*res = m->kind == MARKER_AND ? (x && y) : (x || y);
		return 0;
	}
	return eval_cmp(m, env, extra, a, res, err);
}

int marker_eval(const struct marker *m, const struct marker_env *env,
		const char *const *extras, size_t n_extras, int *result, struct perr *err)
{
	struct arena a = ARENA_INIT;
	int rc = 0;

	*result = 0;
	if (!m) {
		*result = 1;
		return 0;
	}
	if (!n_extras) {
		rc = eval_node(m, env, "", &a, result, err);
	} else {
		for (size_t i = 0; i < n_extras; i++) {
			int r;
			if ((rc = eval_node(m, env, extras[i], &a, &r, err)))
				break;
			if (r) {
				*result = 1;
				break;
			}
		}
	}
	arena_release(&a);
	return rc;
}

/* ---- output ---- */

/* A lone surrogate as put_utf8 writes it: ED A0..BF 80..BF */
static int is_surrogate(const unsigned char *p)
{
	return p[0] == 0xed && (p[1] & 0xe0) == 0xa0 && (p[2] & 0xc0) == 0x80;
}

/* Whether a string written raw between quotes reads back as itself under
 * Python's string literal rules (decode_string): not when it holds a NUL
 * (C0 80 here) or a lone surrogate (ED A0..BF ..), which no Python source
 * holds, a newline or a carriage return, which end a line, or a backslash
 * that starts an escape (`a\b` written raw is `a`, BS, `b`). */
static int raw_reads_back(const char *lit)
{
	struct strbuf sb = STRBUF_INIT;
	const char *why = NULL;
	size_t bad = 0, n = strlen(lit);
	int same;

	for (const unsigned char *p = (const unsigned char *)lit; *p; p++)
		if ((*p == 0xc0 && p[1] == 0x80) || is_surrogate(p))
			return 0;
	if (!strpbrk(lit, "\\\n\r"))
		return 1;
	same = decode_string(lit, n, &sb, &bad, &why) && sb.len == n && !memcmp(sb.buf, lit, n);
	strbuf_release(&sb);
	return same;
}

/* A string as packaging 26.3 writes it (Value.serialize): raw, between
 * '"' unless it holds one, then between "'". Where that text would not
 * read back as the same string (both quote kinds, which packaging refuses
 * to write, or what raw_reads_back finds) the string is escaped as a
 * Python literal that packaging's tokenizer accepts (no '"' inside, not
 * even escaped: \x22), which pip reads back exactly. */
static void format_value(int var, const char *lit, struct strbuf *out)
{
	if (var >= 0) {
		strbuf_addstr(out, var_names[var]);
		return;
	}
	if (!(strchr(lit, '"') && strchr(lit, '\'')) && raw_reads_back(lit)) {
		char q = strchr(lit, '"') ? '\'' : '"';
		strbuf_addch(out, q);
		strbuf_addstr(out, lit);
		strbuf_addch(out, q);
		return;
	}
	strbuf_addch(out, '"');
	for (const char *p = lit; *p; p++) {
		int c = (unsigned char)*p;
		if (c == '\\')
			strbuf_addstr(out, "\\\\");
		else if (c == '"') /* packaging's token ends at any '"' */
			strbuf_addstr(out, "\\x22");
		else if (c == '\n')
			strbuf_addstr(out, "\\n");
		else if (c == '\r')
			strbuf_addstr(out, "\\r");
		else if (c == '\t')
			strbuf_addstr(out, "\\t");
		else if (c < 0x20 || c == 0x7f)
			strbuf_addf(out, "\\x%02x", c);
		else if (c == 0xc0 && (unsigned char)p[1] == 0x80) /* a NUL */
			strbuf_addstr(out, "\\x00"), p++;
		else if (is_surrogate((const unsigned char *)p))
			strbuf_addf(out, "\\u%04x", 0xd000 | (p[1] & 0x3f) << 6 | (p[2] & 0x3f)),
				p += 2;
		else
			strbuf_addch(out, (char)c);
	}
	strbuf_addch(out, '"');
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
	if (m->kind == MARKER_CMP) {
		format_value(m->lhs_var, m->lhs, out);
		strbuf_addf(out, " %s ", op_names[m->op]);
		format_value(m->rhs_var, m->rhs, out);
		return;
	}
	format_child(m, m->left, 0, out);
	strbuf_addstr(out, m->kind == MARKER_AND ? " and " : " or ");
	format_child(m, m->right, 1, out);
}
