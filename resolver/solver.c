/* solver.c: the resolution core: chronological backtracking over the
 * versions a provider offers (newest first), resolvelib's way of treating
 * "name[extra]" as a package of its own, conflict explanations. It does no
 * I/O and knows nothing of indexes, files or tags: the provider does.
 */
#include "resolve.h"

#include <string.h>

struct sdep {
	const char *key;         /* "foo" or virtual "foo[bar]" */
	const char *name;        /* as written */
	struct spec_set specs;
	const char *parent;      /* parent key, or NULL for a root */
	const char *label;       /* "fastapi 0.92.0" or "the requirement 'x' (f:3)" */
	const char *where;       /* a root's "f:3"; NULL for the rest */
	int constraint;
	int is_root;
};

struct solver_deps {
	struct req *reqs;
	size_t n;
	const char *requires_python;
	int unknown;
};

typedef VEC(struct sdep) sdep_vec;
typedef VEC(const char *) str_vec;

struct state {
	sdep_vec deps;
	VEC(struct solver_pin) pins;
};

static const char *base_key(struct arena *a, const char *key, const char **extra)
{
	const char *br = strchr(key, '[');

	if (!br) {
		if (extra)
			*extra = NULL;
		return key;
	}
	if (extra)
		*extra = arena_strndup(a, br + 1, strlen(br + 1) - 1);
	return arena_strndup(a, key, br - key);
}

static int vcmp_desc(const void *a, const void *b)
{
	const struct solver_cand *x = a, *y = b;
	int c = pep440_cmp(&y->version, &x->version);
	return c ? c : strcmp(x->version_text, y->version_text);
}

static int get_cands(struct solver *s, const char *key, solver_cands **out, struct perr *err)
{
	const char *base = base_key(s->arena, key, NULL);
	solver_cands *c = strmap_get(&s->cands, base);
	int rc;

	if (!c) {
		c = arena_alloc(s->arena, sizeof(*c));
		rc = s->prov->candidates(s->prov->ctx, base, c, err);
		if (rc) {
			VEC_FREE(c); /* what the provider pushed before failing */
			return rc;
		}
		if (c->n)
			qsort(c->v, c->n, sizeof(*c->v), vcmp_desc);
		strmap_put(&s->cands, base, NULL)->value = c;
	}
	*out = c;
	return 0;
}

static int get_deps(struct solver *s, const char *base, const struct solver_cand *c,
		    struct solver_deps **out, struct perr *err)
{
	char *k = arena_printf(s->arena, "%s\001%s", base, c->version_text);
	struct solver_deps *d = strmap_get(&s->deps, k);
	const char **raw = NULL;
	size_t n = 0;
	int rc;

	if (d) {
		*out = d;
		return 0;
	}
	d = arena_alloc(s->arena, sizeof(*d));
	rc = s->prov->dependencies(s->prov->ctx, base, c, &raw, &n, &d->requires_python,
				   &d->unknown, err);
	if (rc)
		return rc;
	d->reqs = arena_alloc(s->arena, (n ? n : 1) * sizeof(*d->reqs));
	for (size_t i = 0; i < n; i++) {
		rc = req_parse(&d->reqs[d->n], raw[i], strlen(raw[i]), s->arena, err, NULL);
		if (rc)
			return perr_wrap(err, "'%s %s' metadata", base, c->version_text);
		d->n++;
	}
	strmap_put(&s->deps, k, NULL)->value = d;
	*out = d;
	return 0;
}

static struct solver_pin *find_pin(struct state *st, const char *key)
{
	for (size_t i = 0; i < st->pins.n; i++)
		if (!strcmp(st->pins.v[i].key, key))
			return &st->pins.v[i];
	return NULL;
}

static int python_ok(struct solver *s, const char *rp)
{
	struct spec_set set;
	struct perr e = PERR_INIT;

	if (!rp || !*rp)
		return 1;
	if (spec_set_parse(&set, rp, strlen(rp), s->arena, &e))
		return 1; /* pip ignores an invalid Requires-Python too */
	return spec_set_contains(&set, &s->python, NULL, 1);
}

static int has_exact_eq(const struct spec_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		if ((set->v[i].op == SPEC_EQ && !set->v[i].wildcard) || set->v[i].op == SPEC_ARBITRARY)
			return 1;
	return 0;
}

/* does candidate c of key satisfy dependency d, a pre-release too (pip's
 * is_satisfied_by: contains(version, prereleases=True))? The version is
 * compared as pip compares a Version object: === against its normalized
 * form. */
static int dep_ok(const struct sdep *d, const struct solver_cand *c)
{
	if (c->any_version)
		return 1;
	return spec_set_contains(&d->specs, &c->version, NULL, 1);
}

/* pip's choice among the versions of key: the specifiers of every
 * dependency on key in one set (its `specifier &= ...`), and packaging's
 * SpecifierSet.filter over the candidates whose Requires-Python admits the
 * target (prereleases True under --pre, else None: pre-releases when the
 * set mentions one or when no final release, yanked or not, passes).
 * keep[i] for cands->v[i]; a direct reference (any_version) always passes.
 * Returns the arena array. */
static unsigned char *applicable(struct solver *s, struct state *st, const char *key,
				 const solver_cands *cands)
{
	unsigned char *keep = arena_alloc(s->arena, cands->n + 1);
	const struct pep440 **vs = arena_alloc(s->arena, (cands->n + 1) * sizeof(*vs));
	size_t *at = arena_alloc(s->arena, (cands->n + 1) * sizeof(*at));
	unsigned char *got = arena_alloc(s->arena, cands->n + 1);
	struct spec_set all = { NULL, 0 };
	size_t n_specs = 0, m = 0;

	for (size_t i = 0; i < st->deps.n; i++)
		if (!strcmp(st->deps.v[i].key, key))
			n_specs += st->deps.v[i].specs.n;
	all.v = arena_alloc(s->arena, (n_specs + 1) * sizeof(*all.v));
	for (size_t i = 0; i < st->deps.n; i++) {
		const struct sdep *d = &st->deps.v[i];
		if (strcmp(d->key, key))
			continue;
		if (d->specs.n) /* no specifier: v may be NULL */
			memcpy(all.v + all.n, d->specs.v, d->specs.n * sizeof(*all.v));
		all.n += d->specs.n;
	}
	for (size_t i = 0; i < cands->n; i++) {
		const struct solver_cand *c = &cands->v[i];
		keep[i] = c->any_version;
		if (c->any_version || !python_ok(s, c->requires_python))
			continue;
		vs[m] = &c->version;
		at[m++] = i;
	}
	spec_set_filter(&all, vs, NULL, m, s->allow_pre ? 1 : -1, got);
	for (size_t j = 0; j < m; j++)
		keep[at[j]] = got[j];
	return keep;
}

static void spec_text(const struct sdep *d, struct strbuf *sb)
{
	strbuf_addstr(sb, d->name);
	spec_set_format(&d->specs, sb);
}

/* 1 when the explanation is kept (the deepest wins) */
static int record(struct solver *s, int depth, const char *fmt, ...) PM_PRINTF(3, 4);
static int record(struct solver *s, int depth, const char *fmt, ...)
{
	va_list ap;

	if (depth < s->conflict_depth && s->conflict[0])
		return 0;
	s->conflict_depth = depth;
	va_start(ap, fmt);
	vsnprintf(s->conflict, sizeof(s->conflict), fmt, ap);
	va_end(ap);
	s->absent_key = s->absent_what = s->absent_where = NULL;
	return 1;
}

/* the dependency (not a constraint) on key that brought it in, or NULL */
static const struct sdep *first_dep(const struct state *st, const char *key)
{
	for (size_t i = 0; i < st->deps.n; i++)
		if (!st->deps.v[i].constraint && !strcmp(st->deps.v[i].key, key))
			return &st->deps.v[i];
	return NULL;
}

/* d names a project with no file at all: what asks for it, with the
 * packages between it and the top-level requirement, for a message that
 * can say the name may be misspelt (resolve.c) */
static void record_absent(struct solver *s, const struct state *st, const struct sdep *d)
{
	struct strbuf sb = STRBUF_INIT, chain = STRBUF_INIT;
	const char *where = d->where;
	VEC(const char *) up = VEC_INIT;

	if (!d->is_root) {
		/* the parents up to a root, nearest first */
		const struct sdep *q = first_dep(st, d->parent);
		for (size_t n = 0; q && !q->is_root && n < st->deps.n; n++) {
			*VEC_PUSH(&up) = base_key(s->arena, q->parent, NULL);
			q = first_dep(st, q->parent);
		}
		where = q ? q->where : NULL;
	}
	for (size_t i = up.n; i-- > 0;)
		strbuf_addf(&chain, "%s%s", chain.len ? " > " : "", up.v[i]);
	strbuf_addstr(&sb, d->label);
	if (chain.len)
		strbuf_addf(&sb, " (pulled in by %s)", chain.buf);
	strbuf_addstr(&sb, " requires '");
	spec_text(d, &sb);
	strbuf_addch(&sb, '\'');
	s->absent_key = base_key(s->arena, d->key, NULL);
	s->absent_what = arena_strdup(s->arena, sb.buf);
	s->absent_where = where;
	VEC_FREE(&up);
	strbuf_release(&sb);
	strbuf_release(&chain);
}

/* explains why no version of key is acceptable to deps on it */
static void explain(struct solver *s, struct state *st, const char *key, solver_cands *cands,
		    int depth)
{
	struct strbuf sb = STRBUF_INIT, have = STRBUF_INIT;
	const char *base = base_key(s->arena, key, NULL);
	size_t shown = 0;
	int found_single = 0;
	const struct sdep *absent = NULL;

	size_t usable = 0;
	for (size_t i = 0; i < cands->n; i++) {
		if (cands->v[i].yanked || !python_ok(s, cands->v[i].requires_python))
			continue;
		if (shown < 5)
			strbuf_addf(&have, "%s%s", shown ? ", " : "", cands->v[i].version_text);
		shown++;
		usable++;
	}
	if (shown > 5)
		strbuf_addf(&have, " and %zu older", shown - 5);
	for (size_t i = 0; i < st->deps.n && !found_single; i++) {
		const struct sdep *d = &st->deps.v[i];
		int any = 0;
		if (strcmp(d->key, key))
			continue;
		for (size_t j = 0; j < cands->n && !any; j++)
			any = !cands->v[j].yanked && python_ok(s, cands->v[j].requires_python) &&
			      dep_ok(d, &cands->v[j]);
		if (any)
			continue;
		found_single = 1;
		strbuf_addf(&sb, "%s requires ", d->label);
		spec_text(d, &sb);
		if (!cands->n)
			absent = d;
		if (!usable)
			strbuf_addf(&sb, ", but the index has no installable version of %s", base);
		else
			strbuf_addf(&sb, ", but the index has only %s %s", base, have.buf);
	}
	if (!found_single) {
		/* each alone could be met; together not (or Requires-Python, yanked) */
		int first = 1;
		strbuf_addf(&sb, "conflicting requirements for %s: ", base);
		for (size_t i = 0; i < st->deps.n; i++) {
			const struct sdep *d = &st->deps.v[i];
			if (strcmp(d->key, key))
				continue;
			strbuf_addf(&sb, "%s%s requires ", first ? "" : "; ", d->label);
			spec_text(d, &sb);
			first = 0;
		}
		strbuf_addf(&sb, " (the index has %s %s)", base, have.len ? have.buf : "nothing");
	}
	if (record(s, depth, "%s", sb.buf) && absent)
		record_absent(s, st, absent);
	strbuf_release(&sb);
	strbuf_release(&have);
}

static void add_dep(struct solver *s, struct state *st, const struct req *r, const char *parent,
		    const char *label, int constraint, int is_root)
{
	struct sdep *d = VEC_PUSH(&st->deps);

	d->key = r->key;
	d->name = r->name;
	d->specs = r->specs;
	d->parent = parent;
	d->label = label;
	d->where = NULL;
	d->constraint = constraint;
	d->is_root = is_root;
	for (size_t i = 0; i < r->n_extras; i++) {
		d = VEC_PUSH(&st->deps);
		d->key = arena_printf(s->arena, "%s[%s]", r->key, r->extras[i]);
		d->name = arena_printf(s->arena, "%s[%s]", r->name, r->extras[i]);
		d->specs = r->specs;
		d->parent = parent;
		d->label = label;
		d->where = NULL;
		d->constraint = constraint;
		d->is_root = is_root;
	}
}

static int search(struct solver *s, struct state *st, int depth, struct perr *err)
{
	const char *key = NULL;
	solver_cands *cands;
	int rc;

	if (++s->steps > s->max_steps)
		return perr_set(err, PM_INPUT, "resolution gave up after %ld steps (too much backtracking)",
				s->max_steps);
	for (size_t i = 0; i < st->deps.n && !key; i++)
		if (!st->deps.v[i].constraint && !find_pin(st, st->deps.v[i].key))
			key = st->deps.v[i].key;
	if (!key)
		return 0;
	rc = get_cands(s, key, &cands, err);
	if (rc)
		return rc;

	const char *extra;
	const char *base = base_key(s->arena, key, &extra);
	int exact = 0;
	for (size_t i = 0; i < st->deps.n; i++)
		if (!strcmp(st->deps.v[i].key, key) && has_exact_eq(&st->deps.v[i].specs))
			exact = 1;

	const unsigned char *keep = applicable(s, st, key, cands);
	/* PEP 592 as pip applies it: yanked versions are skipped unless the
	 * requirement is pinned (== or ===) and every applicable one is yanked */
	int all_yanked = 1;
	for (size_t ci = 0; ci < cands->n; ci++)
		if (keep[ci] && !cands->v[ci].yanked)
			all_yanked = 0;
	for (size_t ci = 0; ci < cands->n; ci++) {
		const struct solver_cand *c = &cands->v[ci];
		struct solver_deps *dd = NULL;
		int ok = 1;

		if (!keep[ci] || (c->yanked && !(exact && all_yanked)))
			continue;
		rc = get_deps(s, base, c, &dd, err);
		if (rc)
			return rc;
		if (!python_ok(s, dd->requires_python)) {
			record(s, depth, "%s %s requires Python %s", base, c->version_text,
			       dd->requires_python);
			continue;
		}

		size_t mark_deps = st->deps.n, mark_pins = st->pins.n;
		const char *label = arena_printf(s->arena, "%s %s", base, c->version_text);
		struct solver_pin *p = VEC_PUSH(&st->pins);
		memset(p, 0, sizeof(*p));
		p->key = key;
		p->cand = c;
		p->deps_unknown = dd->unknown;
		if (extra) { /* foo[bar] pins foo to the same version */
			struct req *same = arena_alloc(s->arena, sizeof(*same));
			same->name = base;
			same->key = base;
			same->specs.n = 1;
			same->specs.v = arena_alloc(s->arena, sizeof(struct spec));
			same->specs.v[0].op = SPEC_EQ;
			same->specs.v[0].version = c->version;
			add_dep(s, st, same, key, label, 0, 0);
		}
		for (size_t i = 0; i < dd->n && ok; i++) {
			const struct req *r = &dd->reqs[i];
			int yes = 1;
			if (r->marker && marker_eval(r->marker, s->env, extra ? &extra : NULL,
						     extra ? 1 : 0, &yes, err))
				return perr_wrap(err, "'%s %s' requirement '%s'", base,
						 c->version_text, r->name);
			if (!yes || !strcmp(r->key, base))
				continue;
			add_dep(s, st, r, key, label, 0, 0);
		}
		/* the new deps must agree with what is already pinned */
		for (size_t i = mark_deps; i < st->deps.n && ok; i++) {
			struct sdep *d = &st->deps.v[i];
			struct solver_pin *q = find_pin(st, d->key);
			/* as pip's is_satisfied_by: a pinned pre-release is not
			 * refused for being one */
			if (q && !dep_ok(d, q->cand)) {
				struct strbuf sb = STRBUF_INIT;
				spec_text(d, &sb);
				record(s, depth + 1, "%s requires %s, but %s %s was chosen before",
				       label, sb.buf, q->key, q->cand->version_text);
				strbuf_release(&sb);
				ok = 0;
			}
		}
		if (ok) {
			rc = search(s, st, depth + 1, err);
			if (rc != PM_GATE)
				return rc;
		}
		st->deps.n = mark_deps;
		st->pins.n = mark_pins;
	}
	explain(s, st, key, cands, depth);
	return PM_GATE;
}

static void add_unique(struct arena *a, str_vec *v, const char *s)
{
	for (size_t i = 0; i < v->n; i++)
		if (!strcmp(v->v[i], s))
			return;
	*VEC_PUSH(v) = s;
}

int solver_run(struct solver *s, const struct solver_root *roots, size_t n_roots,
	       struct perr *err)
{
	struct state st = { VEC_INIT, VEC_INIT };
	int rc;

	if (!s->max_steps)
		s->max_steps = 200000;
	for (size_t i = 0; i < n_roots; i++) {
		struct strbuf sb = STRBUF_INIT;
		req_format(roots[i].req, &sb);
		const char *label = arena_printf(s->arena, "%s '%s' (%s)",
						 roots[i].constraint ? "the constraint" : "the requirement",
						 printable(s->arena, sb.buf, sb.len), roots[i].where ? roots[i].where : roots[i].origin);
		strbuf_release(&sb);
		add_dep(s, &st, roots[i].req, roots[i].origin, label, roots[i].constraint, 1);
		for (size_t k = 0; k <= roots[i].req->n_extras; k++)
			st.deps.v[st.deps.n - 1 - k].where = roots[i].where;
	}
	rc = search(s, &st, 0, err);
	if (rc == PM_GATE)
		perr_set(err, PM_GATE, "%s", s->conflict[0] ? s->conflict : "no solution");
	if (rc)
		goto out;
	/* fold virtual pins into their base; collect each pin's parents */
	for (size_t i = 0; i < st.pins.n; i++) {
		struct solver_pin *p = &st.pins.v[i];
		const char *extra;
		const char *base = base_key(s->arena, p->key, &extra);
		if (extra)
			continue;
		struct solver_pin *o = VEC_PUSH(&s->pins);
		*o = *p;
		memset(&o->extras, 0, sizeof(o->extras));
		memset(&o->via, 0, sizeof(o->via));
		o->name = base;
		for (size_t j = 0; j < st.pins.n; j++) {
			const char *e2;
			const char *b2 = base_key(s->arena, st.pins.v[j].key, &e2);
			if (e2 && !strcmp(b2, base))
				add_unique(s->arena, (str_vec *)&o->extras, e2);
		}
		for (size_t j = 0; j < st.deps.n; j++) {
			const struct sdep *d = &st.deps.v[j];
			const char *dk = base_key(s->arena, d->key, NULL);
			if (strcmp(dk, base) || d->constraint)
				continue;
			if (o->name == base && d->name)
				o->name = strchr(d->name, '[') ?
					  arena_strndup(s->arena, d->name, strchr(d->name, '[') - d->name) :
					  d->name;
			const char *par = d->is_root ? d->parent : base_key(s->arena, d->parent, NULL);
			if (!strcmp(par, base))
				continue;
			add_unique(s->arena, (str_vec *)&o->via, par);
		}
	}
out:
	VEC_FREE(&st.deps);
	VEC_FREE(&st.pins);
	return rc;
}

void solver_release(struct solver *s)
{
	STRMAP_FOREACH(&s->cands, e) {
		solver_cands *c = e->value;
		if (c)
			VEC_FREE(c);
	}
	strmap_release(&s->cands);
	strmap_release(&s->deps);
	for (size_t i = 0; i < s->pins.n; i++) {
		VEC_FREE(&s->pins.v[i].extras);
		VEC_FREE(&s->pins.v[i].via);
	}
	VEC_FREE(&s->pins);
}
