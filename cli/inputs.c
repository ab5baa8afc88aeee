/* inputs.c: where requirements come from, one way for audit, bundle, table
 * and lock, with pip's and uv's spellings: -r FILE (a requirements file or
 * a pyproject.toml), -c FILE, a FILE.txt or pyproject.toml given as input,
 * PATH[extra,...] (pip install .[extra]), --extra/--all-extras (uv), and
 * --no-deps; and the dependencies an app directory declares itself. All of
 * them load into one struct reqfile, resolved once, as pip resolves
 * everything it is given together. The resolving is resolver/'s. */
#include "cli.h"

#include <stdlib.h>
#include <string.h>

int cli_reqs_option(struct cli_reqs *r, int c, const char *arg)
{
	struct cli_req_source *s;

	switch (c) {
	case 'r':
	case 'c':
		s = VEC_PUSH(&r->src);
		memset(s, 0, sizeof(*s));
		s->path = arg;
		s->constraint = c == 'c';
		s->written = arg;
		return 1;
	case CLI_OPT_EXTRA: *VEC_PUSH(&r->extras) = arg; return 1;
	case CLI_OPT_ALL_EXTRAS: r->all_extras = 1; return 1;
	case CLI_OPT_NO_DEPS: r->no_deps = 1; return 1;
	}
	return 0;
}

/* "a, b" -> extras of s (arena strings) */
static void split_extras(struct cli_reqs *r, struct cli_req_source *s, const char *list, size_t n)
{
	VEC(const char *) v = VEC_INIT;

	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && list[j] != ',')
			j++;
		size_t a = i, b = j;
		while (a < b && (list[a] == ' ' || list[a] == '\t'))
			a++;
		while (b > a && (list[b - 1] == ' ' || list[b - 1] == '\t'))
			b--;
		if (b > a)
			*VEC_PUSH(&v) = arena_strndup(&r->arena, list + a, b - a);
		i = j + 1;
	}
	s->extras = arena_alloc(&r->arena, (v.n + 1) * sizeof(*s->extras));
	for (size_t i = 0; i < v.n; i++)
		s->extras[i] = v.v[i];
	s->n_extras = v.n;
	VEC_FREE(&v);
}

const char *cli_reqs_input(struct cli_reqs *r, const char *arg)
{
	const char *open = strchr(arg, '[');
	size_t n = strlen(arg);
	struct cli_req_source *s;

	if (open && n > 1 && arg[n - 1] == ']') {
		/* PATH[extra,...]: a project directory or its pyproject.toml */
		char *base = arena_strndup(&r->arena, arg, (size_t)(open - arg));
		const char *dir = NULL, *pp;
		if (path_is_dir(base)) {
			char *j = path_join(base, "pyproject.toml");
			pp = arena_strdup(&r->arena, j);
			free(j);
			dir = base;
		} else if (path_is_file(base) && reqfile_is_pyproject(base)) {
			pp = base;
		} else {
			return NULL;
		}
		s = VEC_PUSH(&r->src);
		memset(s, 0, sizeof(*s));
		s->path = pp;
		s->written = arg;
		s->project_dir = dir;
		split_extras(r, s, open + 1, n - (size_t)(open - arg) - 2);
		return dir ? dir : "";
	}
	if (path_is_dir(arg))
		return NULL;
	if (ends_with(arg, ".txt") || reqfile_is_pyproject(arg)) {
		s = VEC_PUSH(&r->src);
		memset(s, 0, sizeof(*s));
		s->path = s->written = arg;
		return "";
	}
	return NULL;
}

int cli_reqs_given(const struct cli_reqs *r)
{
	for (size_t i = 0; i < r->src.n; i++)
		if (!r->src.v[i].constraint)
			return 1;
	return 0;
}

static int same_file(const char *a, const char *b)
{
	char *ra = realpath(a, NULL), *rb = realpath(b, NULL);
	int same = ra && rb && !strcmp(ra, rb);

	free(ra);
	free(rb);
	return same;
}

/* An app directory's own dependencies: pyproject.toml's [project]
 * dependencies when it declares them (not dynamic), else requirements.txt,
 * else a pyproject.toml whose dependencies are dynamic (an error when
 * loaded, saying so). note says which was taken and what was passed over. */
int cli_reqs_app(struct cli_reqs *r, const char *dir, int use_it, struct strbuf *note)
{
	char *pp = path_join(dir, "pyproject.toml"), *rt = path_join(dir, "requirements.txt");
	struct pyproject_reqs pr;
	struct strbuf text = STRBUF_INIT;
	struct perr e = PERR_INIT;
	int has_pp = 0, dynamic = 0, has_rt = path_is_file(rt);
	const char *use = NULL;

	memset(&pr, 0, sizeof(pr));
	if (path_is_file(pp) && !strbuf_read_file(&text, pp, REQFILE_MAX_BYTES, &e) &&
	    pyproject_requirements(&pr, &r->arena, text.buf, text.len)) {
		for (size_t i = 0; i < pr.dynamic.n; i++)
			dynamic |= !strcmp(pr.dynamic.v[i], "dependencies");
		has_pp = pr.has_dependencies || dynamic;
	}
	if (!use_it) {
		/* the command line gives the packages: say the app's own file is
		 * passed over, unless it is among them (-r app/requirements.txt, app[extra]) */
		use = has_pp && !dynamic ? pp : has_rt ? rt : NULL;
		for (size_t i = 0; use && i < r->src.n; i++)
			if (same_file(r->src.v[i].path, pp) || same_file(r->src.v[i].path, rt))
				use = NULL;
		if (use)
			strbuf_addf(note, "app '%s': its own dependencies (%s) are not read: the other inputs give the packages",
				    dir, use);
		use = NULL;
	} else if (has_pp && !dynamic) {
		use = pp;
		strbuf_addf(note, "app '%s': dependencies from %s ([project] dependencies)", dir, pp);
		if (has_rt)
			strbuf_addf(note, "; %s is also there and is not read: pyproject.toml comes first", rt);
	} else if (has_rt) {
		use = rt;
		strbuf_addf(note, "app '%s': dependencies from %s", dir, rt);
		if (dynamic)
			strbuf_addf(note, " (%s lists its dependencies as dynamic)", pp);
	} else if (has_pp) {
		use = pp; /* dynamic: loading it says why it cannot be read */
	}
	if (use) {
		struct cli_req_source *s = VEC_PUSH(&r->src);
		memset(s, 0, sizeof(*s));
		s->path = s->written = arena_strdup(&r->arena, use);
		s->project_dir = arena_strdup(&r->arena, dir);
	}
	pyproject_reqs_release(&pr);
	strbuf_release(&text);
	free(pp);
	free(rt);
	return use != NULL || note->len;
}

int cli_reqs_check(const struct cli_reqs *r, const char *cmd)
{
	int pyproject = 0, constraints = 0;

	for (size_t i = 0; i < r->src.n; i++) {
		pyproject |= reqfile_is_pyproject(r->src.v[i].path) && !r->src.v[i].constraint;
		constraints |= r->src.v[i].constraint;
	}
	if ((r->extras.n || r->all_extras) && !pyproject)
		return cli_usage_error(cmd, "--%s needs a pyproject.toml to take optional dependencies from "
					    "(-r pyproject.toml, a pyproject.toml or PATH[extra] input)",
				       r->extras.n ? "extra" : "all-extras");
	if (constraints && !cli_reqs_given(r))
		return cli_usage_error(cmd, "-c constrains requirements, but none are given (-r FILE)");
	return 0;
}

int cli_reqs_load(const struct cli_reqs *r, struct reqfile *rf, struct arena *a, struct perr *err)
{
	for (size_t i = 0; i < r->src.n; i++) {
		const struct cli_req_source *s = &r->src.v[i];
		int rc;
		if (s->constraint && reqfile_is_pyproject(s->path))
			return perr_set(err, PM_INPUT, "%s: a pyproject.toml is not a constraints file (-c takes pip's requirements syntax)",
					s->path);
		if (!s->constraint && reqfile_is_pyproject(s->path)) {
			VEC(const char *) ex = VEC_INIT;
			for (size_t k = 0; k < s->n_extras; k++)
				*VEC_PUSH(&ex) = s->extras[k];
			for (size_t k = 0; k < r->extras.n; k++)
				*VEC_PUSH(&ex) = r->extras.v[k];
			if (r->all_extras)
				*VEC_PUSH(&ex) = ":all:";
			size_t before = rf->entries.n;
			if (s->project_dir && !path_is_file(s->path))
				rc = perr_set(err, PM_INPUT, "'%s': extras are optional dependencies of a pyproject.toml, and '%s' has none",
					      s->written, s->project_dir);
			else
				rc = reqfile_load_pyproject(rf, s->path, ex.v, ex.n, a, err);
			/* given on the command line and empty: most likely not what was
			 * meant (an app's own, found in its folder, may well be empty) */
			if (!rc && rf->entries.n == before && !r->quiet && (!s->project_dir || strchr(s->written, '[')))
				cli_message("warning", arena_printf(a, "%s: [project] dependencies%s list nothing: nothing from it is resolved or audited",
						      s->path, ex.n ? " and the extras asked for" : ""));
			VEC_FREE(&ex);
		} else {
			size_t before = rf->entries.n;
			rc = reqfile_load(rf, s->path, s->constraint, NULL, NULL, a, err);
			/* nothing to resolve is most likely not what was meant */
			if (!rc && rf->entries.n == before && !r->quiet) {
				cli_message("warning", arena_printf(a, "%s: the %s file holds no requirements: nothing from it is %s",
						      s->path, s->constraint ? "constraints" : "requirements",
						      s->constraint ? "constrained" : "resolved or audited"));
			}
		}
		if (rc)
			return rc;
	}
	return 0;
}

void cli_reqs_options(const struct cli_reqs *r, struct resolve_options *o)
{
	o->no_deps = r->no_deps;
}

void cli_reqs_release(struct cli_reqs *r)
{
	VEC_FREE(&r->src);
	VEC_FREE(&r->extras);
	arena_release(&r->arena);
}
