/* bundle_entry.c: where a bundle starts. The entry file (--entry, the
 * wrangler config's main, [tool.pymode] main or entry, then the usual
 * names), the project root (the folder holding the config) and the folder
 * the runtime imports the app's modules from (the target's app_paths), and
 * the CPython stdlib source to shake. Reads files; prints nothing. */
#include "bundle_entry.h"

#include <dirent.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>

static const char *const default_names[] = { "entry.py", "main.py", "src/entry.py", "src/worker.py", NULL };

static char *in_app(const char *app, const char *rel)
{
	return path_join(app, rel);
}

static int by_name(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The folders right under app that hold a Python Worker (a wrangler config
 * whose main is a .py file), as a hint for "no entry": Cloudflare's examples
 * keep a Python Worker beside a JavaScript one (py/ and ts/). Byte order, at
 * most three named; a config that does not read is passed over. */
static void worker_folders(const char *app, struct arena *a, struct strbuf *hint)
{
	DIR *d = opendir(app);
	struct dirent *de;
	VEC(char *) names = VEC_INIT;
	size_t found = 0;

	if (!d)
		return;
	while ((de = readdir(d)) && names.n < 4096) {
		const char *n = de->d_name;
		if (n[0] == '.' || !strcmp(n, "node_modules") || !strcmp(n, "python_modules"))
			continue;
		*VEC_PUSH(&names) = xstrdup(n);
	}
	closedir(d);
	qsort(names.v, names.n, sizeof(*names.v), by_name);
	for (size_t i = 0; i < names.n; i++) {
		char *sub = path_join(app, names.v[i]);
		struct wrangler_config w;
		struct perr e = PERR_INIT;
		if (path_is_dir(sub)) {
			if (wrangler_find(sub, &w, a, &e) == 1 && w.main && ends_with(w.main, ".py")) {
				if (found < 3)
					strbuf_addf(hint, "%s'%s' (%s/%s has main '%s')",
						    found ? ", " : "; a Python Worker is in ", sub, names.v[i],
						    path_basename(w.path), w.main);
				found++;
			}
			wrangler_release(&w);
		}
		free(sub);
	}
	if (found > 3)
		strbuf_addf(hint, " and %zu more", found - 3);
	for (size_t i = 0; i < names.n; i++)
		free(names.v[i]);
	VEC_FREE(&names);
}

int bundle_start_find(struct bundle_start *be, const char *app, const char *given, struct arena *a,
		      struct perr *err)
{
	struct strbuf tried = STRBUF_INIT;
	char *p;
	int rc;

	memset(be, 0, sizeof(*be));
	be->project = app;
	/* the project's pyproject.toml, read once for all that looks in it */
	p = in_app(app, "pyproject.toml");
	if (path_is_file(p)) {
		struct strbuf sb = STRBUF_INIT;
		struct perr e = PERR_INIT;
		if (!strbuf_read_file(&sb, p, 1 << 20, &e)) {
			be->pyproject_path = arena_strdup(a, p);
			be->pyproject = arena_strndup(a, sb.buf ? sb.buf : "", sb.len);
			be->pyproject_len = sb.len;
		}
		strbuf_release(&sb);
	}
	free(p);
	if ((rc = wrangler_find(app, &be->wr, a, err)) < 0 || rc > 1)
		return rc;
	be->has_wrangler = rc == 1;
	if (given) {
		be->how = "--entry";
		if (path_is_file(given)) {
			be->file = xstrdup(given);
			return 0;
		}
		p = in_app(app, given);
		if (path_is_file(p)) {
			be->file = p;
			return 0;
		}
		free(p);
		return perr_set(err, PM_INPUT, "entry '%s' not found (in '%s' or as given)", given, app);
	}
	if (be->has_wrangler && be->wr.main) {
		p = in_app(app, be->wr.main);
		if (!path_is_file(p)) {
			free(p);
			return perr_set(err, PM_INPUT, "%s: main '%s' not found", be->wr.path, be->wr.main);
		}
		if (!ends_with(p, ".py")) {
			free(p);
			return perr_set(err, PM_INPUT, "%s: main '%s' is not a Python file: this is no Python Worker",
					be->wr.path, be->wr.main);
		}
		be->file = p;
		be->how = arena_printf(a, "main in %s", path_basename(be->wr.path));
		return 0;
	}
	{
		const char *const *cn = wrangler_config_names();
		strbuf_addstr(&tried, "main in ");
		for (int i = 0; cn[i]; i++)
			strbuf_addf(&tried, "%s%s", i ? (cn[i + 1] ? ", " : " or ") : "", cn[i]);
		if (be->has_wrangler)
			strbuf_addf(&tried, " (%s has none)", path_basename(be->wr.path));
	}
	if (be->pyproject) {
		const char *key = "main";
		const char *v = pyproject_tool_string(a, be->pyproject, be->pyproject_len, "tool.pymode", "main");
		if (!v) {
			key = "entry";
			v = pyproject_tool_string(a, be->pyproject, be->pyproject_len, "tool.pymode", "entry");
		}
		if (v) {
			char *f = in_app(app, v);
			strbuf_release(&tried);
			if (!path_is_file(f)) {
				free(f);
				return perr_set(err, PM_INPUT, "%s: [tool.pymode] %s '%s' not found", be->pyproject_path,
						key, v);
			}
			be->file = f;
			be->how = arena_printf(a, "[tool.pymode] %s", key);
			return 0;
		}
	}
	strbuf_addstr(&tried, ", [tool.pymode] main or entry in pyproject.toml");
	for (int i = 0; default_names[i]; i++) {
		p = in_app(app, default_names[i]);
		if (path_is_file(p)) {
			be->file = p;
			be->how = default_names[i];
			strbuf_release(&tried);
			return 0;
		}
		free(p);
		strbuf_addf(&tried, ", %s", default_names[i]);
	}
	{
		struct strbuf hint = STRBUF_INIT;
		worker_folders(app, a, &hint);
		rc = perr_set(err, PM_INPUT, "no entry in '%s': looked for %s; give --entry FILE%s", app, tried.buf,
			      hint.len ? hint.buf : "");
		strbuf_release(&hint);
	}
	strbuf_release(&tried);
	return rc;
}

/* the dotted name of rel ("src/entry.py" -> "src.entry", "src" -> "src");
 * NULL when a part is no Python identifier */
static const char *dotted(struct arena *a, const char *rel)
{
	size_t n = strlen(rel);
	char *s;

	if (n > 3 && !strcmp(rel + n - 3, ".py"))
		n -= 3;
	s = arena_strndup(a, rel, n);
	for (char *q = s; *q; q++)
		if (*q == '/')
			*q = '.';
	for (const char *q = s, *start = s;; q++) {
		if (*q == '.' || !*q) {
			if (q == start || (*start >= '0' && *start <= '9'))
				return NULL;
			for (const char *c = start; c < q; c++)
				if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
				      (*c >= '0' && *c <= '9') || *c == '_' || (unsigned char)*c >= 0x80))
					return NULL;
			if (!*q)
				break;
			start = q + 1;
		}
	}
	return s;
}

/* rel of path under root (both resolved), or NULL when outside it */
static const char *rel_under(struct arena *a, const char *root, const char *path)
{
	char *r = realpath(root, NULL), *p = realpath(path, NULL);
	const char *out = NULL;
	size_t n;

	if (r && p) {
		n = strlen(r);
		if (!strcmp(r, p))
			out = "";
		else if (!strncmp(r, p, n) && (p[n] == '/' || (n == 1 && r[0] == '/')))
			out = arena_strdup(a, p + (n == 1 ? 1 : n + 1));
	}
	free(r);
	free(p);
	return out;
}

int bundle_start_layout(struct bundle_start *be, const struct target_info *t, struct arena *a,
			struct perr *err)
{
	char *dir = xstrdup(be->file), *slash = strrchr(dir, '/');
	const char *rel = NULL, *rel_dir;
	int pkg;

	if (slash)
		*slash = 0;
	else
		strcpy(dir, ".");
	be->entry_dir = arena_strdup(a, dir);
	free(dir);
	if (t->app_path_project)
		rel = rel_under(a, be->project, be->file);
	if (rel && *rel) {
		/* modules named from the project root; the entry's folder too */
		be->module_root = be->project;
		if (!(be->module = dotted(a, rel)))
			return perr_set(err, PM_INPUT, "entry '%s' is not importable from the project root '%s': "
						       "'%s' is no dotted module name", be->file, be->project, rel);
		rel_dir = rel_under(a, be->project, be->entry_dir);
		if (t->app_path_entry && rel_dir && *rel_dir)
			be->entry_package = dotted(a, rel_dir);
		return 0;
	}
	be->module_root = be->entry_dir;
	be->module = module_name_for(a, path_basename(be->file), &pkg);
	if (!be->module)
		return perr_set(err, PM_INPUT, "entry '%s' is not a Python module name", be->file);
	return 0;
}

const char *bundle_start_worker_dir(const struct bundle_start *be, struct arena *a)
{
	const char *rel;

	if (!be->has_wrangler)
		return "src";
	rel = rel_under(a, be->project, be->entry_dir);
	return rel && *rel ? rel : ".";
}

/* a Worker's name as wrangler accepts it: lowercase letters, digits, '-' */
static const char *worker_name(struct arena *a, const char *project)
{
	char *real = realpath(project, NULL);
	const char *base = path_basename(real ? real : project);
	char *n = arena_strdup(a, *base ? base : "worker");

	free(real);
	for (char *q = n; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			*q = (char)(*q - 'A' + 'a');
		else if (!((*q >= 'a' && *q <= 'z') || (*q >= '0' && *q <= '9')))
			*q = '-';
	return n;
}

const struct bundle_file *bundle_start_project_files(const struct bundle_start *be, struct arena *a,
						     const char *date, size_t *n)
{
	struct bundle_file *f = arena_alloc(a, 2 * sizeof(*f));
	*n = 0;
	memset(f, 0, 2 * sizeof(*f));
	if (be->has_wrangler) {
		f[*n].name = arena_strdup(a, path_basename(be->wr.path));
		f[*n].src = be->wr.path;
	} else {
		f[*n].name = "wrangler.jsonc";
		f[*n].text = arena_printf(a,
					  "// written by pymode-bundle: the project had no wrangler config\n"
					  "{\n"
					  "  \"name\": \"%s\",\n"
					  "  \"main\": \"src/%s\",\n"
					  "  \"compatibility_date\": \"%s\",\n"
					  "  \"compatibility_flags\": [\"python_workers\"]\n"
					  "}\n",
					  worker_name(a, be->project), path_basename(be->file), date ? date : "2025-09-29");
	}
	(*n)++;
	if (be->pyproject_path) {
		f[*n].name = "pyproject.toml";
		f[*n].src = be->pyproject_path;
		(*n)++;
	}
	return f;
}

/* CPython 3.13's stdlib: --stdlib, $PYMODE_STDLIB, a python3.13 on PATH,
 * then pyenv's versions. Returns a malloc'd path or NULL. */
char *bundle_find_stdlib(const char *given, const char **how)
{
	const char *env = getenv("PYMODE_STDLIB");
	const char *path = getenv("PATH");
	char *home = getenv("PYENV_ROOT") ? xstrdup(getenv("PYENV_ROOT")) : NULL;

	if (given) {
		*how = "--stdlib";
		free(home);
		return xstrdup(given);
	}
	if (env && *env) {
		*how = "PYMODE_STDLIB";
		free(home);
		return xstrdup(env);
	}
	/* <prefix>/bin/python3.13 -> <prefix>/lib/python3.13 (a real file, not a pyenv shim) */
	for (const char *p = path; p && *p;) {
		size_t n = strcspn(p, ":");
		char *dir = xstrndup(p, n), *exe = path_join(dir, "python3.13");
		char *real = realpath(exe, NULL);
		if (real && !strstr(real, "/shims/")) {
			char *bin = xstrdup(real), *slash = strrchr(bin, '/');
			if (slash) {
				*slash = 0;
				char *lib = xmalloc(strlen(bin) + 32);
				sprintf(lib, "%s/../lib/python3.13", bin);
				char *libreal = realpath(lib, NULL);
				free(lib);
				if (libreal && path_is_dir(libreal)) {
					free(bin);
					free(real);
					free(exe);
					free(dir);
					free(home);
					*how = "python3.13 on PATH";
					return libreal;
				}
				free(libreal);
			}
			free(bin);
		}
		free(real);
		free(exe);
		free(dir);
		p += n;
		if (*p == ':')
			p++;
	}
	if (!home && getenv("HOME"))
		home = path_join(getenv("HOME"), ".pyenv");
	if (home) {
		char *versions = path_join(home, "versions");
		DIR *d = opendir(versions);
		struct dirent *de;
		char *best = NULL;
		while (d && (de = readdir(d))) {
			if (strncmp(de->d_name, "3.13", 4) || (de->d_name[4] && de->d_name[4] != '.'))
				continue;
			char *lib = xmalloc(strlen(versions) + strlen(de->d_name) + 32);
			sprintf(lib, "%s/%s/lib/python3.13", versions, de->d_name);
			if (path_is_dir(lib) && (!best || strcmp(lib, best) > 0)) {
				free(best);
				best = lib;
			} else {
				free(lib);
			}
		}
		if (d)
			closedir(d);
		free(versions);
		free(home);
		if (best) {
			*how = "pyenv";
			return best;
		}
	}
	return NULL;
}

char *bundle_runtime_stdlib(const char *npm)
{
	char buf[4096], *dir, *p;
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	static const char *const rel[] = { "..", "../..", "../../..", NULL };

	if (n <= 0 || !npm || !*npm || strchr(npm, '/'))
		return NULL;
	buf[n] = 0;
	if ((dir = strrchr(buf, '/')))
		*dir = 0;
	for (int i = 0; rel[i]; i++) {
		p = xmalloc(strlen(buf) + strlen(npm) + 64);
		sprintf(p, "%s/%s/node_modules/%s/python_stdlib.zip", buf, rel[i], npm);
		if (path_is_file(p))
			return p;
		free(p);
	}
	return NULL;
}

const char *bundle_start_app_name(const struct bundle_start *be, struct arena *a)
{
	const char *name = NULL;

	if (be->has_wrangler && be->wr.name && *be->wr.name)
		return be->wr.name;
	if (be->pyproject) {
		struct metadata m;
		memset(&m, 0, sizeof(m));
		if (pyproject_metadata(&m, a, be->pyproject, be->pyproject_len) && m.name && *m.name)
			name = m.name;
		metadata_release(&m);
	}
	if (!name) {
		char *real = realpath(be->project, NULL);
		name = arena_strdup(a, path_basename(real ? real : be->project));
		free(real);
	}
	return name;
}

void bundle_start_release(struct bundle_start *be)
{
	free(be->file);
	wrangler_release(&be->wr);
	memset(be, 0, sizeof(*be));
}
