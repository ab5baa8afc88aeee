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

/* packaging's arbitrary-equality operand: anything but whitespace, ';' and ')' */
static int arbitrary_char(const char *s, size_t n)
{
	return !leaf_pyspace(s, n) && *s != ';' && *s != ')';
}

int spec_parse(struct spec *out, const char *s, size_t n, struct arena *a, struct perr *err)
{
	size_t i = 0, e = n, oplen, k;
	const char *vs;
	char why[LEAF_QUOTE_MAX + 64];

	memset(out, 0, sizeof(*out));
	leaf_pystrip(s, &i, &e);
	if (e - i >= 3 && !memcmp(s + i, "===", 3))
		out->op = SPEC_ARBITRARY, oplen = 3;
	else if (e - i >= 2 && !memcmp(s + i, "~=", 2))
		out->op = SPEC_COMPATIBLE, oplen = 2;
	else if (e - i >= 2 && !memcmp(s + i, "==", 2))
		out->op = SPEC_EQ, oplen = 2;
	else if (e - i >= 2 && !memcmp(s + i, "!=", 2))
		out->op = SPEC_NE, oplen = 2;
	else if (e - i >= 2 && !memcmp(s + i, "<=", 2))
		out->op = SPEC_LE, oplen = 2;
	else if (e - i >= 2 && !memcmp(s + i, ">=", 2))
		out->op = SPEC_GE, oplen = 2;
	else if (e - i >= 1 && s[i] == '<')
		out->op = SPEC_LT, oplen = 1;
	else if (e - i >= 1 && s[i] == '>')
		out->op = SPEC_GT, oplen = 1;
	else
		return spec_fail(err, s, n, "expected an operator (%s)",
				 "~=, ==, !=, <=, >=, <, >, ===");
	i += oplen;
	while (i < e && (k = leaf_pyspace(s + i, e - i)))
		i += k;
	vs = s + i;
	if (out->op == SPEC_ARBITRARY) {
		/* packaging takes '===' with any word, even an empty one */
		for (k = i; k < e; k++)
			if (!arbitrary_char(s + k, e - k))
				return spec_fail(err, s, n, "%s",
						 "'===' takes one word without ';' or ')'");
		out->text = a ? arena_strndup(a, vs, e - i) : NULL;
		return 0;
	}
	if (i == e)
		return spec_fail(err, s, n, "expected a version after '%s'", op_str[out->op]);
	if (e - i >= 2 && s[e - 1] == '*' && s[e - 2] == '.') {
		if (out->op != SPEC_EQ && out->op != SPEC_NE)
			return spec_fail(err, s, n, "'.*' is only allowed with '==' and '!='%s", "");
		out->wildcard = 1;
		e -= 2;
	}
	/* the version itself may not carry whitespace of its own ("== 1.0 ") */
	if (e > i && leaf_pyspace_back(vs, e - i))
		return spec_fail(err, s, n, "%s", "unexpected whitespace in the version");
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
	size_t count = 1, i = 0;

	out->v = NULL;
	out->n = 0;
	for (size_t j = 0; j < n; j++)
		count += s[j] == ',';
	out->v = arena_alloc(a, count * sizeof(*out->v));
	/* packaging splits on ',' and drops the parts that are only blank */
	while (i <= n) {
		size_t j = i, lo, hi;
		while (j < n && s[j] != ',')
			j++;
		lo = i, hi = j;
		leaf_pystrip(s, &lo, &hi);
		if (lo < hi && spec_parse(&out->v[out->n++], s + lo, hi - lo, a, err))
			return err ? err->code : PM_INPUT;
		i = j + 1;
	}
	return 0;
}

/* ==V.*: same epoch and V's release a prefix of v's (v padded with zeros). */
static int prefix_match(const struct pep440 *spec, const struct pep440 *v)
{
	if (leaf_num_cmp(spec, v, PEP440_EPOCH))
		return 0;
	size_t ps = 0, pv = 0;

	for (size_t i = 0; i < spec->n_release; i++) {
		const char *x, *y;
		size_t lx = leaf_release_seg(spec->release, &ps, &x);
		size_t ly = leaf_release_seg(v->release, &pv, &y);
		if (leaf_seg_cmp(x, lx, y, ly))
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

/* v has V's epoch, release (trailing zeros aside) and pre-release: it is
 * V, V+local, a V.postN or a dev release of one of them. */
static int same_family(const struct pep440 *v, const struct pep440 *V)
{
	struct pep440 bv, bV;

	pep440_base(v, &bv);
	pep440_base(V, &bV);
	return pep440_cmp(&bv, &bV) == 0 && v->pre == V->pre && (!v->pre || !leaf_num_cmp(v, V, PEP440_PRE_N));
}

/* >V (PEP 440, as packaging 26 bounds it): above V, but not V+local nor a
 * post-release of V unless V is one; from a dev release the next version
 * up is V.dev(N+1), from V.postN it is V.post(N+1).dev0: the versions
 * between are V's own local ones, so v is in when above V with another
 * public version (no number is incremented, so none can outgrow v's room). */
static int greater(const struct pep440 *V, const struct pep440 *v)
{
	struct pep440 pub;

	if (V->has_dev || V->has_post) {
		pep440_public(v, &pub);
		return pep440_cmp(v, V) > 0 && pep440_cmp(&pub, V) != 0;
	}
	return pep440_cmp(v, V) > 0 && !same_family(v, V);
}

/* <V: below V, and below V.dev0 when V is not a pre-release, so that no
 * pre-release of V itself is admitted (the pre-releases of V's other
 * releases are: 1.0rc1 < 1.0.post1). */
static int less(const struct pep440 *V, const struct pep440 *v)
{
	struct pep440 hi = *V;

	if (!pep440_is_prerelease(V)) {
		hi.has_dev = 1;
		leaf_num_set(&hi, PEP440_DEV_N, "", 0); /* 0 takes no room */
	}
	return pep440_cmp(v, &hi) < 0;
}

/* ===: packaging compares the string, ignoring case: the version as
 * written when there is one, else its normalized form. */
static int arbitrary(const struct spec *s, const struct pep440 *v, const char *text)
{
	char buf[PEP440_TEXT_MAX];

	if (!text) {
		if (!v)
			return 0;
		pep440_to_buf(v, buf, sizeof(buf));
		text = buf;
	}
	return s->text && !strcasecmp(s->text, text);
}

int spec_contains(const struct spec *s, const struct pep440 *v, const char *text)
{
	struct pep440 pub, prefix;

	if (s->op == SPEC_ARBITRARY)
		return arbitrary(s, v, text);
	if (!v)
		return 0; /* not a version: only === can match it */
	pep440_public(v, &pub);
	switch (s->op) {
	case SPEC_COMPATIBLE:
		if (pep440_cmp(&pub, &s->version) < 0)
			return 0;
		pep440_base(&s->version, &prefix);
		leaf_release_truncate(&prefix, prefix.n_release - 1);
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
		return less(&s->version, v);
	case SPEC_GT:
		return greater(&s->version, v);
	case SPEC_ARBITRARY:
		break;
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

int spec_set_prereleases(const struct spec_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		if (spec_mentions_prerelease(&set->v[i]))
			return 1;
	return 0;
}

static int all_contain(const struct spec_set *set, const struct pep440 *v, const char *text)
{
	for (size_t i = 0; i < set->n; i++)
		if (!spec_contains(&set->v[i], v, text))
			return 0;
	/* an empty set holds every string, a version or not (packaging) */
	return 1;
}

int spec_set_contains(const struct spec_set *set, const struct pep440 *v, const char *text,
		      int prereleases)
{
	/* one version has no alternatives: with prereleases unset (-1) a
	 * pre-release is in when it satisfies every specifier */
	if (prereleases == 0 && v && pep440_is_prerelease(v))
		return 0;
	return all_contain(set, v, text);
}

size_t spec_set_filter(const struct spec_set *set, const struct pep440 *const *vs,
		       const char *const *texts, size_t n, int prereleases, unsigned char *keep)
{
	size_t kept = 0;
	int final = 0;

	if (prereleases < 0 && spec_set_prereleases(set))
		prereleases = 1;
	for (size_t i = 0; i < n; i++) {
		const struct pep440 *v = vs[i];
		const char *t = texts ? texts[i] : NULL;
		keep[i] = all_contain(set, v, t);
		if (keep[i] && v && pep440_is_prerelease(v) && prereleases == 0)
			keep[i] = 0;
		if (keep[i] && v && !pep440_is_prerelease(v))
			final = 1;
	}
	for (size_t i = 0; i < n; i++) {
		/* PEP 440's default: pre-releases only when no final release
		 * matches */
		if (keep[i] && prereleases < 0 && final && vs[i] && pep440_is_prerelease(vs[i]))
			keep[i] = 0;
		kept += keep[i];
	}
	return kept;
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
