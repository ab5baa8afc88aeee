/* specifier.c: PEP 440 version specifiers (~= == != <= >= < > ===, the
 * ==X.* prefix form) and comma-separated sets, with the PEP's rules for
 * local versions, exclusive comparisons and pre-releases. Versions
 * themselves are parsed and ordered in pep440.c. */
#include "leaf.h"

#include <string.h>
#include <strings.h>

static const char *const op_str[] = { "~=", "==", "!=", "<=", ">=", "<", ">", "===" };

const char *spec_op_str(enum spec_op op)
{
	return (unsigned)op < sizeof(op_str) / sizeof(op_str[0]) ? op_str[op] : "?";
}

static int spec_fail(struct perr *err, const char *s, size_t n, const char *fmt, const char *arg)
{
	char q[LEAF_QUOTE_MAX], why[LEAF_QUOTE_MAX + 128];

	leaf_quote(q, sizeof(q), s, n);
	snprintf(why, sizeof(why), fmt, arg);
	return perr_set(err, PM_INPUT, "invalid version specifier '%s': %s", q, why);
}

int spec_parse(struct spec *out, const char *s, size_t n, struct arena *a, struct perr *err)
{
	size_t i = 0, e = n, oplen;
	const char *vs;
	char why[LEAF_QUOTE_MAX + 64];

	memset(out, 0, sizeof(*out));
	while (i < n && leaf_isspace((unsigned char)s[i]))
		i++;
	while (e > i && leaf_isspace((unsigned char)s[e - 1]))
		e--;
	if (n - i >= 3 && !memcmp(s + i, "===", 3))
		out->op = SPEC_ARBITRARY, oplen = 3;
	else if (n - i >= 2 && !memcmp(s + i, "~=", 2))
		out->op = SPEC_COMPATIBLE, oplen = 2;
	else if (n - i >= 2 && !memcmp(s + i, "==", 2))
		out->op = SPEC_EQ, oplen = 2;
	else if (n - i >= 2 && !memcmp(s + i, "!=", 2))
		out->op = SPEC_NE, oplen = 2;
	else if (n - i >= 2 && !memcmp(s + i, "<=", 2))
		out->op = SPEC_LE, oplen = 2;
	else if (n - i >= 2 && !memcmp(s + i, ">=", 2))
		out->op = SPEC_GE, oplen = 2;
	else if (n - i >= 1 && s[i] == '<')
		out->op = SPEC_LT, oplen = 1;
	else if (n - i >= 1 && s[i] == '>')
		out->op = SPEC_GT, oplen = 1;
	else
		return spec_fail(err, s, n, "expected an operator (%s)",
				 "~=, ==, !=, <=, >=, <, >, ===");
	i += oplen;
	while (i < e && leaf_isspace((unsigned char)s[i]))
		i++;
	if (i == e)
		return spec_fail(err, s, n, "expected a version after '%s'", op_str[out->op]);
	vs = s + i;
	if (out->op == SPEC_ARBITRARY) {
		for (size_t k = i; k < e; k++)
			if (leaf_isspace((unsigned char)s[k]))
				return spec_fail(err, s, n, "%s", "'===' takes one word");
		out->text = a ? arena_strndup(a, vs, e - i) : NULL;
		return 0;
	}
	if (e - i >= 2 && s[e - 1] == '*' && s[e - 2] == '.') {
		if (out->op != SPEC_EQ && out->op != SPEC_NE)
			return spec_fail(err, s, n, "'.*' is only allowed with '==' and '!='%s", "");
		out->wildcard = 1;
		e -= 2;
	}
	if (pep440_parse_why(&out->version, vs, e - i, why, sizeof(why)))
		return spec_fail(err, s, n, "%s", why);
	if (out->wildcard && (out->version.pre || out->version.has_post ||
			      out->version.has_dev || out->version.local[0]))
		return spec_fail(err, s, n, "%s",
				 "'.*' may only follow a release number (like '==1.2.*')");
	if (out->op != SPEC_EQ && out->op != SPEC_NE && out->version.local[0])
		return spec_fail(err, s, n, "a local version label is not allowed with '%s'",
				 op_str[out->op]);
	if (out->op == SPEC_COMPATIBLE && out->version.n_release < 2)
		return spec_fail(err, s, n, "%s", "'~=' needs at least two release numbers");
	return 0;
}

int spec_set_parse(struct spec_set *out, const char *s, size_t n, struct arena *a,
		   struct perr *err)
{
	size_t count = 1, i = 0, k = 0;
	int blank = 1;

	out->v = NULL;
	out->n = 0;
	for (size_t j = 0; j < n; j++) {
		count += s[j] == ',';
		blank &= leaf_isspace((unsigned char)s[j]);
	}
	if (blank)
		return 0;
	out->v = arena_alloc(a, count * sizeof(*out->v));
	while (k < count) {
		size_t j = i;
		while (j < n && s[j] != ',')
			j++;
		if (spec_parse(&out->v[k], s + i, j - i, a, err))
			return err ? err->code : PM_INPUT;
		k++;
		i = j + 1;
	}
	out->n = count;
	return 0;
}

/* ==V.*: same epoch and V's release a prefix of v's (v padded with zeros). */
static int prefix_match(const struct pep440 *spec, const struct pep440 *v)
{
	if (spec->epoch != v->epoch)
		return 0;
	for (size_t i = 0; i < spec->n_release; i++) {
		uint64_t x = i < v->n_release ? v->release[i] : 0;
		if (x != spec->release[i])
			return 0;
	}
	return 1;
}

static int equal(const struct spec *s, const struct pep440 *v)
{
	struct pep440 pub;

	if (s->wildcard)
		return prefix_match(&s->version, v);
	if (s->version.local[0])
		return pep440_cmp(v, &s->version) == 0;
	pep440_public(v, &pub);
	return pep440_cmp(&pub, &s->version) == 0;
}

static int same_base(const struct pep440 *x, const struct pep440 *y)
{
	struct pep440 bx, by;

	pep440_base(x, &bx);
	pep440_base(y, &by);
	return pep440_cmp(&bx, &by) == 0;
}

int spec_contains(const struct spec *s, const struct pep440 *v)
{
	struct pep440 pub, prefix;
	char buf[PEP440_RELEASE_MAX * 21 + PEP440_LOCAL_MAX + 128];
	int r;

	pep440_public(v, &pub);
	switch (s->op) {
	case SPEC_COMPATIBLE:
		if (pep440_cmp(&pub, &s->version) < 0)
			return 0;
		pep440_base(&s->version, &prefix);
		prefix.n_release--;
		return prefix_match(&prefix, v);
	case SPEC_EQ:
		return equal(s, v);
	case SPEC_NE:
		return !equal(s, v);
	case SPEC_LE:
		return pep440_cmp(&pub, &s->version) <= 0;
	case SPEC_GE:
		return pep440_cmp(&pub, &s->version) >= 0;
	case SPEC_LT:
		if (pep440_cmp(v, &s->version) >= 0)
			return 0;
		/* <V excludes pre-releases of V itself unless V is one */
		if (!pep440_is_prerelease(&s->version) && pep440_is_prerelease(v) &&
		    same_base(v, &s->version))
			return 0;
		return 1;
	case SPEC_GT:
		if (pep440_cmp(v, &s->version) <= 0)
			return 0;
		/* >V excludes post-releases of V unless V is one, and V's
		 * local versions */
		if (!pep440_is_postrelease(&s->version) && pep440_is_postrelease(v) &&
		    same_base(v, &s->version))
			return 0;
		if (v->local[0] && same_base(v, &s->version))
			return 0;
		return 1;
	case SPEC_ARBITRARY:
		r = (int)pep440_to_buf(v, buf, sizeof(buf));
		return s->text && strlen(s->text) == (size_t)r && !strcasecmp(s->text, buf);
	}
	return 0;
}

int spec_mentions_prerelease(const struct spec *s)
{
	struct pep440 v;

	switch (s->op) {
	case SPEC_NE:
		return 0;
	case SPEC_ARBITRARY:
		return s->text && !pep440_parse(&v, s->text, strlen(s->text), NULL) &&
		       pep440_is_prerelease(&v);
	default:
		return !s->wildcard && pep440_is_prerelease(&s->version);
	}
}

int spec_set_contains(const struct spec_set *set, const struct pep440 *v, int allow_pre)
{
	if (!allow_pre && pep440_is_prerelease(v)) {
		int mention = 0;
		for (size_t i = 0; i < set->n && !mention; i++)
			mention = spec_mentions_prerelease(&set->v[i]);
		if (!mention)
			return 0;
	}
	for (size_t i = 0; i < set->n; i++)
		if (!spec_contains(&set->v[i], v))
			return 0;
	return 1;
}

void spec_format(const struct spec *s, struct strbuf *out)
{
	strbuf_addstr(out, spec_op_str(s->op));
	if (s->op == SPEC_ARBITRARY) {
		strbuf_addstr(out, s->text ? s->text : "");
		return;
	}
	pep440_format(&s->version, out);
	if (s->wildcard)
		strbuf_addstr(out, ".*");
}

void spec_set_format(const struct spec_set *set, struct strbuf *out)
{
	for (size_t i = 0; i < set->n; i++) {
		if (i)
			strbuf_addch(out, ',');
		spec_format(&set->v[i], out);
	}
}
