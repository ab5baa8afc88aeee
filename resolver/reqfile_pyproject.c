/* reqfile_pyproject.c: a pyproject.toml as a requirements input, as
 * `uv pip install -r pyproject.toml` and `pip install .[extra]` read it:
 * [project] dependencies (PEP 621) and the optional-dependencies of the
 * extras asked for, each entry naming the file and its line. Static values
 * only: dependencies listed in `dynamic` are an error, since pymode-pkg
 * never runs a build backend. The TOML is scanner/pyproject.c's. */
#include "resolve.h"

#include <string.h>

/* is the normalized extra key among the names asked for (":all:" is every one) */
static int wanted(struct arena *a, const char *name, const char *const *extras, size_t n)
{
	const char *key = pep503_normalize(a, name);

	for (size_t i = 0; i < n; i++)
		if (!strcmp(extras[i], ":all:") || !strcmp(pep503_normalize(a, extras[i]), key))
			return 1;
	return 0;
}

static int is_dynamic(const struct pyproject_reqs *pr, const char *field)
{
	for (size_t i = 0; i < pr->dynamic.n; i++)
		if (!strcmp(pr->dynamic.v[i], field))
			return 1;
	return 0;
}

int reqfile_load_pyproject(struct reqfile *rf, const char *path, const char *const *extras,
			   size_t n_extras, struct arena *a, struct perr *err)
{
	struct strbuf text = STRBUF_INIT;
	struct pyproject_reqs pr;
	int rc;

	memset(&pr, 0, sizeof(pr));
	if ((rc = strbuf_read_file(&text, path, REQFILE_MAX_BYTES, err)))
		goto out;
	*VEC_PUSH(&rf->files) = arena_strdup(a, path);
	if (!pyproject_requirements(&pr, a, text.buf, text.len)) {
		rc = perr_set(err, PM_INPUT, "%s: no [project] table: the dependencies must be declared "
					     "there (PEP 621) to be read without running a build", path);
		goto out;
	}
	if (is_dynamic(&pr, "dependencies") ||
	    (n_extras && is_dynamic(&pr, "optional-dependencies"))) {
		rc = perr_set(err, PM_INPUT, "%s:%d: the %s are dynamic (listed in [project] dynamic): "
					     "pymode-pkg never runs a build backend to compute them; list them in "
					     "[project] or give a requirements file (-r requirements.txt)",
			      path, pr.dynamic_line,
			      is_dynamic(&pr, "dependencies") ? "dependencies" : "optional-dependencies");
		goto out;
	}
	/* every extra asked for must exist, as uv's --extra */
	for (size_t i = 0; i < n_extras; i++) {
		int found = !strcmp(extras[i], ":all:");
		for (size_t k = 0; k < pr.extras.n && !found; k++)
			found = !strcmp(pep503_normalize(a, pr.extras.v[k].name),
					pep503_normalize(a, extras[i]));
		if (!found) {
			struct strbuf have = STRBUF_INIT;
			for (size_t k = 0; k < pr.extras.n; k++)
				strbuf_addf(&have, "%s%s", k ? ", " : "", pr.extras.v[k].name);
			rc = perr_set(err, PM_INPUT, "%s: no optional-dependencies extra '%s' in [project] (%s%s)",
				      path, extras[i], have.len ? "it has: " : "it has none",
				      have.len ? have.buf : "");
			strbuf_release(&have);
			goto out;
		}
	}
	for (size_t i = 0; i < pr.reqs.n; i++) {
		const struct pyproject_req *q = &pr.reqs.v[i];
		struct reqfile_entry *e;
		int col = 0;
		if (q->extra && !wanted(a, q->extra, extras, n_extras))
			continue;
		e = VEC_PUSH(&rf->entries);
		memset(e, 0, sizeof(*e));
		e->kind = REQ_NAMED;
		e->text = q->text;
		e->file = arena_strdup(a, path);
		e->line = q->line;
		if ((rc = req_parse(&e->req, q->text, strlen(q->text), a, err, &col))) {
			rf->entries.n--;
			perr_wrap(err, "%s:%d", path, q->line);
			goto out;
		}
	}
out:
	pyproject_reqs_release(&pr);
	strbuf_release(&text);
	return rc;
}

int reqfile_is_pyproject(const char *path)
{
	const char *base = strrchr(path, '/');

	return !strcmp(base ? base + 1 : path, "pyproject.toml");
}
