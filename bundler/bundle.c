/* bundle.c: the bundle's layout (docs/bundle.md): which files of the kept
 * app, distributions and stdlib modules go where, written into a temporary
 * directory beside OUTDIR and renamed into place whole. Zips come from
 * zipwrite.c; files are read through the scanner's source iterator.
 */
#include "bundler.h"

#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define MAX_FILE (256u << 20) /* no file a bundle carries is that large */
#define OUTPUT_TAG (1LL << 40) /* sizer tags: entries by index, outputs above this */

static int rm_one(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	return (type == FTW_DP ? rmdir(path) : unlink(path)) ? -1 : 0;
}

int bundle_remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return errno == ENOENT ? 0 : -1;
	return nftw(path, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

int bundle_mkdirs(const char *path)
{
	char *p = xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = 0;
		if (mkdir(p, 0755) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0755) != 0 && errno != EEXIST ? -1 : 0;
	free(p);
	return rc;
}

struct pool {
	void (*fn)(void *ctx, size_t i);
	void *ctx;
	size_t n, next;
	pthread_mutex_t lock;
};

static void *pool_worker(void *arg)
{
	struct pool *p = arg;

	for (;;) {
		size_t i;
		pthread_mutex_lock(&p->lock);
		i = p->next++;
		pthread_mutex_unlock(&p->lock);
		if (i >= p->n)
			return NULL;
		p->fn(p->ctx, i);
	}
}

void bundle_parallel(size_t n, void (*fn)(void *ctx, size_t i), void *ctx)
{
	struct pool p = { fn, ctx, n, 0, PTHREAD_MUTEX_INITIALIZER };
	pthread_t th[4];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	int nth;

	if (ncpu < 1)
		ncpu = 1;
	for (nth = 0; nth < (ncpu < 4 ? ncpu : 4) && (size_t)nth < n; nth++)
		if (pthread_create(&th[nth], NULL, pool_worker, &p) != 0)
			break;
	if (nth == 0)
		pool_worker(&p);
	for (int i = 0; i < nth; i++)
		pthread_join(th[i], NULL);
	pthread_mutex_destroy(&p.lock);
}

static int write_file(const char *path, const void *data, size_t n, struct perr *err)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0644);
	const char *p = data;
	if (fd < 0)
		return perr_set(err, PM_INPUT, "cannot create '%s': %s", path, strerror(errno));
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0) {
			if (errno == EINTR)
				continue;
			close(fd);
			return perr_set(err, PM_INPUT, "cannot write '%s': %s", path, strerror(errno));
		}
		p += w;
		n -= (size_t)w;
	}
	if (close(fd) != 0)
		return perr_set(err, PM_INPUT, "cannot write '%s': %s", path, strerror(errno));
	return 0;
}

/* ---- where files go: a zip, or a directory tree ---- */

struct sink {
	struct bundle *b;
	const char *output;   /* "stdlib.zip", "python_modules", ... */
	struct zipw *zip;     /* NULL: a directory */
	char *dir;            /* the directory (tmpdir/output) */
	struct bundle_output *out;
	size_t out_index;
};

static int sink_open(struct sink *k, struct bundle *b, const char *output, int is_zip,
		     struct perr *err)
{
	char *path = path_join(b->tmpdir, output);
	int rc = 0;

	memset(k, 0, sizeof(*k));
	k->b = b;
	k->output = output;
	if (is_zip) {
		rc = zipw_open(&k->zip, path, b->opt.mtime, b->opt.cache_dir, err);
		if (!rc && b->opt.zip_stored)
			zipw_store(k->zip);
	} else if (bundle_mkdirs(path) != 0)
		rc = perr_set(err, PM_INPUT, "cannot create '%s': %s", path, strerror(errno));
	if (is_zip)
		free(path);
	else
		k->dir = path;
	struct bundle_output *o = VEC_PUSH(&b->outputs);
	memset(o, 0, sizeof(*o));
	o->name = output;
	k->out_index = b->outputs.n - 1;
	return rc;
}

static int sink_add(struct sink *k, const char *name, const char *module, const char *dist,
		    const void *data, size_t n, struct perr *err)
{
	struct bundle *b = k->b;
	struct bundle_entry *e;
	int rc;

	if (!path_is_safe_member(name))
		return perr_set(err, PM_INPUT, "unsafe file name '%s' for %s",
				printable(&b->arena, name, strlen(name)), k->output);
	char key[65];

	bundle_content_key(data, n, key); /* once: the deflate and the size caches share it */
	if (k->zip) {
		if ((rc = zipw_add(k->zip, name, data, n, key, err)))
			return rc;
	} else {
		char *path = path_join(k->dir, name);
		char *slash = strrchr(path, '/');
		*slash = 0;
		rc = bundle_mkdirs(path) ? perr_set(err, PM_INPUT, "cannot create '%s': %s", path,
					      strerror(errno)) : 0;
		*slash = '/';
		if (!rc)
			rc = write_file(path, data, n, err);
		free(path);
		if (rc)
			return rc;
	}
	e = VEC_PUSH(&b->entries);
	e->path = arena_strdup(&b->arena, name);
	e->output = k->output;
	e->module = module ? arena_strdup(&b->arena, module) : NULL;
	e->dist = dist ? arena_strdup(&b->arena, dist) : NULL;
	e->raw = e->stored = (long long)n;
	e->gzip = e->brotli = 0;
	sizer_add(b->sizer, data, n, (long long)(b->entries.n - 1), key);
	b->outputs.v[k->out_index].raw += (long long)n;
	b->outputs.v[k->out_index].n_files++;
	return 0;
}

struct stored_ctx {
	struct bundle *b;
	const char *output;
	long long total;
};

static void note_stored(void *ctx, const char *name, long long stored)
{
	struct stored_ctx *c = ctx;
	/* entries of one zip are few thousand at most: a linear pass is fine */
	for (size_t i = 0; i < c->b->entries.n; i++) {
		struct bundle_entry *e = &c->b->entries.v[i];
		if (e->output == c->output && !strcmp(e->path, name)) {
			e->stored = stored;
			break;
		}
	}
}

/* a whole output file (a zip, a list) is measured as uploaded */
static void measure_file(struct bundle *b, const char *path, size_t out_index, const char *key)
{
	struct strbuf sb = STRBUF_INIT;
	struct perr e = PERR_INIT;

	if (!strbuf_read_file(&sb, path, 0, &e))
		sizer_add(b->sizer, sb.buf, sb.len, OUTPUT_TAG + (long long)out_index, key);
	strbuf_release(&sb);
}

static int sink_close(struct sink *k, struct perr *err)
{
	struct bundle_output *o = &k->b->outputs.v[k->out_index];
	int rc = 0;

	if (k->zip) {
		struct stored_ctx c = { k->b, k->output, 0 };
		char *path = path_join(k->b->tmpdir, k->output);
		struct stat st;
		char zkey[65];
		zipw_key(k->zip, zkey);
		rc = zipw_close(k->zip, note_stored, &c, err);
		k->zip = NULL;
		if (!rc && stat(path, &st) == 0)
			o->size = (long long)st.st_size;
		if (!rc)
			measure_file(k->b, path, k->out_index, zkey);
		free(path);
	} else {
		o->size = o->raw;
	}
	free(k->dir);
	k->dir = NULL;
	return rc;
}

static void sink_discard(struct sink *k)
{
	zipw_discard(k->zip);
	k->zip = NULL;
	free(k->dir);
	k->dir = NULL;
}

/* ---- which files of a distribution ship ---- */

static int is_native_file(const char *name)
{
	return ends_with(name, ".so") || strstr(name, ".so.") || ends_with(name, ".pyd") ||
	       ends_with(name, ".dylib") || ends_with(name, ".dll") || ends_with(name, ".a") ||
	       ends_with(name, ".lib") || ends_with(name, ".wasm");
}

static int has_component(const char *path, const char *comp)
{
	size_t n = strlen(comp);
	const char *p = path;
	while (p && *p) {
		if (!strncmp(p, comp, n) && p[n] == '/')
			return 1;
		p = strchr(p, '/');
		if (p)
			p++;
	}
	return 0;
}

static int kept_file(const struct shaker *s, int di, const char *file)
{
	for (int i = s->dists.v[di].first_module;
	     i < s->dists.v[di].first_module + s->dists.v[di].n_modules; i++)
		if (s->modules.v[i].kept && s->modules.v[i].file && !strcmp(s->modules.v[i].file, file))
			return 1;
	return 0;
}

static const char *module_of(const struct shaker *s, int di, const char *file)
{
	for (int i = s->dists.v[di].first_module;
	     i < s->dists.v[di].first_module + s->dists.v[di].n_modules; i++)
		if (s->modules.v[i].file && !strcmp(s->modules.v[i].file, file))
			return s->modules.v[i].name;
	return NULL;
}

/* The path a wheel member has in the bundle, or NULL when it does not ship. */
/* 1 when input is a vendored Pyodide build: its native files ship */
static int wasm_build(const struct bundle *b, const char *input)
{
	for (size_t i = 0; i < b->opt.n_wasm_builds; i++)
		if (!strcmp(b->opt.wasm_builds[i], input))
			return 1;
	return 0;
}

static const char *site_path(struct bundle *b, const struct shaker *s, int di, const char *name)
{
	const char *p = name, *slash = strchr(name, '/');

	if (slash && ends_with_ci(arena_strndup(&b->arena, name, slash - name), ".data")) {
		const char *rest = slash + 1;
		if (starts_with(rest, "purelib/"))
			p = rest + 8;
		else if (starts_with(rest, "platlib/"))
			p = rest + 8;
		else
			return NULL; /* scripts, headers, data: not importable */
	}
	slash = strchr(p, '/');
	if (slash && ends_with_ci(arena_strndup(&b->arena, p, slash - p), ".dist-info"))
		return (!strcmp(slash + 1, "METADATA") || !strcmp(slash + 1, "entry_points.txt")) ? p : NULL;
	if (has_component(p, "__pycache__") || ends_with(p, ".pyc") || ends_with(p, ".pyo") ||
	    ends_with(p, ".pyi") || (is_native_file(p) && !wasm_build(b, s->dists.v[di].input)) ||
	    ends_with(p, ".c") || ends_with(p, ".h") ||
	    ends_with(p, ".cpp") || ends_with(p, ".pyx") || ends_with(p, ".pxd"))
		return NULL;
	if ((has_component(p, "tests") || has_component(p, "test")) && !kept_file(s, di, p))
		return NULL;
	if (ends_with(p, ".py") && module_of(s, di, p) && !kept_file(s, di, p))
		return NULL;
	return p;
}

static int add_dist_files(struct bundle *b, const struct shaker *s, int di, struct sink *k,
			  struct perr *err)
{
	const struct shake_dist *d = &s->dists.v[di];
	struct source *src = NULL;
	struct member m;
	struct strbuf sb = STRBUF_INIT;
	int rc, r;

	if ((rc = source_open(&src, d->input, err)))
		return rc;
	while ((r = source_next(src, &m, err)) > 0) {
		const char *dest;
		if (m.is_dir || m.is_link || !m.name_ok)
			continue;
		if (d->kind == DIST_INSTALLED) {
			/* a site-packages directory holds many distributions:
			 * this one's module files and its METADATA only */
			const char *mod = module_of(s, di, m.name);
			if (!(mod && kept_file(s, di, m.name)) &&
			    !((ends_with(m.name, ".dist-info/METADATA") ||
			       ends_with(m.name, ".dist-info/entry_points.txt")) &&
			      !strncasecmp(m.name, d->name, strlen(d->name))))
				continue;
			dest = m.name;
		} else if (!(dest = site_path(b, s, di, m.name))) {
			continue;
		}
		/* a Worker project: what python_modules.exclude leaves out is
		 * not uploaded, so it does not ship; a module the app loads
		 * for sure cannot be left out */
		const char *glob;
		if (b->opt.runtime_stdlib && b->opt.wrangler && b->opt.wrangler->has_exclude &&
		    wrangler_excludes(b->opt.wrangler, dest, &glob)) {
			const struct shake_module *sm = NULL;
			for (int i = d->first_module; i < d->first_module + d->n_modules && !sm; i++)
				if (s->modules.v[i].file && !strcmp(s->modules.v[i].file, m.name))
					sm = &s->modules.v[i];
			if (sm && sm->kept && sm->eager && !b->opt.force_exclude) {
				rc = perr_set(err, PM_GATE,
					      "%s: python_modules.exclude '%s' leaves out python_modules/%s, but the "
					      "app loads %s when it starts (--why %s; --force-exclude to leave it "
					      "out anyway)",
					      b->opt.wrangler->path, glob, dest, sm->name, sm->name);
				break;
			}
			struct bundle_excluded *x = VEC_PUSH(&b->upload.excluded);
			x->path = arena_printf(&b->arena, "python_modules/%s", dest);
			x->glob = glob;
			continue;
		}
		strbuf_reset(&sb);
		if ((rc = source_read(src, &sb, MAX_FILE, err)))
			break;
		if ((rc = sink_add(k, dest, module_of(s, di, m.name), d->name, sb.buf, sb.len, err)))
			break;
	}
	if (!rc && r < 0)
		rc = err->code ? err->code : PM_INPUT;
	strbuf_release(&sb);
	source_close(src);
	return rc;
}

/* app files: the kept modules and the data beside them */
static int app_skip(const char *rel)
{
	static const char *const skip[] = { "__pycache__", "venv", "env", "node_modules", "build",
					    "dist", "site-packages", "dist-packages", "tests", NULL };
	static const char *const files[] = { "pyproject.toml", "setup.py", "setup.cfg",
					     "wrangler.toml", "wrangler.jsonc", "package.json",
					     "package-lock.json", "uv.lock", "bundle.json", NULL };
	const char *base = path_basename(rel);

	for (const char *p = rel; p; p = strchr(p, '/') ? strchr(p, '/') + 1 : NULL) {
		if (*p == '.')
			return 1;
		for (int i = 0; skip[i]; i++)
			if (!strncmp(p, skip[i], strlen(skip[i])) && p[strlen(skip[i])] == '/')
				return 1;
	}
	for (int i = 0; files[i]; i++)
		if (!strcmp(base, files[i]))
			return 1;
	return ends_with(rel, ".pyc") || starts_with(base, "requirements") || ends_with(rel, ".md") ||
	       ends_with(rel, ".rst") || is_native_file(rel);
}

static int add_app_files(struct bundle *b, const struct shaker *s, int di, struct sink *k,
			 struct perr *err)
{
	const struct shake_dist *d = &s->dists.v[di];
	struct source *src = NULL;
	struct member m;
	struct strbuf sb = STRBUF_INIT;
	char *outreal = realpath(b->opt.outdir, NULL), *tmpreal = realpath(b->tmpdir, NULL);
	int rc, r;

	if (!path_is_dir(d->input)) {
		/* a one-file app */
		if (!(rc = strbuf_read_file(&sb, d->input, MAX_FILE, err)))
			rc = sink_add(k, path_basename(d->input), s->modules.v[d->first_module].name,
				      NULL, sb.buf, sb.len, err);
		goto out;
	}
	if ((rc = source_open(&src, d->input, err)))
		goto out;
	while ((r = source_next(src, &m, err)) > 0) {
		char *full;
		int inside;
		if (m.is_dir || m.is_link || !m.name_ok || app_skip(m.name))
			continue;
		if (ends_with(m.name, ".py") && !kept_file(s, di, m.name))
			continue;
		/* never the bundle itself, when OUTDIR is inside the app */
		full = path_join(d->input, m.name);
		char *real = realpath(full, NULL);
		inside = real && ((outreal && starts_with(real, outreal) && real[strlen(outreal)] == '/') ||
				  (tmpreal && starts_with(real, tmpreal)));
		free(real);
		free(full);
		if (inside)
			continue;
		strbuf_reset(&sb);
		if ((rc = source_read(src, &sb, MAX_FILE, err)))
			break;
		if ((rc = sink_add(k, m.name, module_of(s, di, m.name), NULL, sb.buf, sb.len, err)))
			break;
	}
	if (!rc && r < 0)
		rc = err->code ? err->code : PM_INPUT;
out:
	free(outreal);
	free(tmpreal);
	strbuf_release(&sb);
	source_close(src);
	return rc;
}

static int cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int add_stdlib(struct bundle *b, const struct shaker *s, struct perr *err)
{
	struct sink k;
	struct strbuf sb = STRBUF_INIT, list = STRBUF_INIT;
	VEC(const char *) files = VEC_INIT;
	struct member m;
	int rc;

	if ((rc = sink_open(&k, b, "stdlib.zip", 1, err)))
		return rc;
	for (size_t i = 0; i < s->modules.n; i++) {
		const struct shake_module *sm = &s->modules.v[i];
		if (!sm->kept || sm->origin != SO_STDLIB)
			continue;
		*VEC_PUSH(&files) = sm->file;
		strbuf_reset(&sb);
		if (source_seek(s->stdlib, sm->file, &m) != 1) {
			rc = perr_set(err, PM_INPUT, "stdlib '%s': '%s' vanished", source_path(s->stdlib),
				      sm->file);
			break;
		}
		if ((rc = source_read(s->stdlib, &sb, MAX_FILE, err)) ||
		    (rc = sink_add(&k, sm->file, sm->name, NULL, sb.buf, sb.len, err)))
			break;
	}
	if (!rc)
		rc = sink_close(&k, err);
	else
		sink_discard(&k);
	if (!rc) {
		char *path = path_join(b->tmpdir, "stdlib-files.txt");
		struct bundle_output *o;
		qsort(files.v, files.n, sizeof(*files.v), cmp_cstr);
		for (size_t i = 0; i < files.n; i++)
			strbuf_addf(&list, "%s\n", files.v[i]);
		rc = write_file(path, list.buf, list.len, err);
		free(path);
		o = VEC_PUSH(&b->outputs);
		memset(o, 0, sizeof(*o));
		o->name = "stdlib-files.txt";
		o->raw = o->size = (long long)list.len;
		o->n_files = 1;
		sizer_add(b->sizer, list.buf, list.len, OUTPUT_TAG + (long long)(b->outputs.n - 1), NULL);
	}
	VEC_FREE(&files);
	strbuf_release(&sb);
	strbuf_release(&list);
	return rc;
}

static void finish_sizes(struct bundle *b);

/* ---- the temporary directory and the final rename ---- */

static int check_outdir(const char *outdir, struct perr *err)
{
	struct stat st;
	char *report;
	int is_bundle;

	if (lstat(outdir, &st) != 0)
		return errno == ENOENT ? 0
				       : perr_set(err, PM_INPUT, "'%s': %s", outdir, strerror(errno));
	if (!S_ISDIR(st.st_mode))
		return perr_set(err, PM_INPUT, "output '%s' exists and is not a directory", outdir);
	report = path_join(outdir, "bundle.json");
	is_bundle = path_is_file(report);
	free(report);
	if (!is_bundle && rmdir(outdir) != 0 && errno != ENOENT)
		return perr_set(err, PM_INPUT,
				"output '%s' is a non-empty directory that holds no bundle "
				"(no bundle.json): choose another -o or empty it", outdir);
	return 0;
}

int bundle_build(struct bundle *b, const struct shaker *s, const struct bundle_options *opt,
		 struct perr *err)
{
	char *parent, *slash;
	const char *base;
	int rc = 0;

	memset(b, 0, sizeof(*b));
	b->opt = *opt;
	b->sizer = sizer_new(opt->cache_dir);
	if ((rc = check_outdir(opt->outdir, err)))
		return rc;
	parent = xstrdup(opt->outdir);
	while (strlen(parent) > 1 && parent[strlen(parent) - 1] == '/')
		parent[strlen(parent) - 1] = 0;
	slash = strrchr(parent, '/');
	base = slash ? slash + 1 : parent;
	b->tmpdir = xmalloc(strlen(parent) + 64);
	if (slash) {
		*slash = 0;
		sprintf(b->tmpdir, "%s/.%s.tmp-%ld", *parent ? parent : "", base, (long)getpid());
		if (*parent && bundle_mkdirs(parent) != 0)
			rc = perr_set(err, PM_INPUT, "cannot create '%s': %s", parent, strerror(errno));
	} else {
		sprintf(b->tmpdir, ".%s.tmp-%ld", base, (long)getpid());
	}
	free(parent);
	if (rc) {
		free(b->tmpdir);
		b->tmpdir = NULL;
		return rc;
	}
	bundle_remove_tree(b->tmpdir); /* a stale one of a killed run with our pid */
	if (mkdir(b->tmpdir, 0755) != 0) {
		rc = perr_set(err, PM_INPUT, "cannot create '%s': %s", b->tmpdir, strerror(errno));
		free(b->tmpdir);
		b->tmpdir = NULL;
		return rc;
	}
	/* the app */
	for (size_t i = 0; i < s->dists.n && !rc; i++) {
		struct sink k;
		if (s->dists.v[i].kind != DIST_APP || !s->dists.v[i].reached)
			continue;
		if (!(rc = sink_open(&k, b, opt->app_dir ? opt->app_dir : "app", 0, err)) &&
		    !(rc = add_app_files(b, s, (int)i, &k, err)))
			rc = sink_close(&k, err);
		else
			sink_discard(&k);
		break; /* one app */
	}
	/* third-party distributions */
	if (!rc) {
		struct sink k;
		int any = 0;
		for (size_t i = 0; i < s->dists.n; i++)
			any |= s->dists.v[i].kind != DIST_APP && s->dists.v[i].reached && !s->dists.v[i].provided_as;
		if (opt->runtime_stdlib || any) {
			if (!(rc = sink_open(&k, b, opt->runtime_stdlib ? "python_modules" : "site-packages.zip",
					     !opt->runtime_stdlib, err))) {
				for (size_t i = 0; i < s->dists.n && !rc; i++)
					if (s->dists.v[i].kind != DIST_APP && s->dists.v[i].reached &&
					    !s->dists.v[i].provided_as)
						rc = add_dist_files(b, s, (int)i, &k, err);
				/* pywrangler marks python_modules as a virtual
				 * environment with an empty pyvenv.cfg when it vendors
				 * anything (workers-py's sync.py); wrangler uploads it */
				if (!rc && opt->runtime_stdlib && any)
					rc = sink_add(&k, "pyvenv.cfg", NULL, NULL, "", 0, err);
				if (!rc)
					rc = sink_close(&k, err);
				else
					sink_discard(&k);
			}
		}
	}
	if (!rc && !opt->runtime_stdlib && s->stdlib)
		rc = add_stdlib(b, s, err);
	/* the project's own files (wrangler config, pyproject.toml): not uploaded */
	for (size_t i = 0; i < opt->n_project_files && !rc; i++) {
		const struct bundle_file *f = &opt->project_files[i];
		char *path = path_join(b->tmpdir, f->name);
		struct strbuf sb = STRBUF_INIT;
		if (!f->src || !(rc = strbuf_read_file(&sb, f->src, MAX_FILE, err)))
			rc = f->src ? write_file(path, sb.buf, sb.len, err)
				    : write_file(path, f->text, strlen(f->text), err);
		strbuf_release(&sb);
		free(path);
	}
	if (!rc)
		finish_sizes(b);
	return rc;
}

static int cmp_package(const void *x, const void *y)
{
	const struct bundle_package *a = x, *b = y;
	if (a->gzip != b->gzip)
		return a->gzip > b->gzip ? -1 : 1;
	return strcmp(a->name, b->name);
}

/* every figure in place: files, outputs, packages, totals */
static void finish_sizes(struct bundle *b)
{
	long long tag, gz, br;

	sizer_run(b->sizer);
	for (size_t i = 0; sizer_results(b->sizer, i, &tag, &gz, &br); i++) {
		if (tag >= OUTPUT_TAG) {
			b->outputs.v[tag - OUTPUT_TAG].gzip = gz;
			b->outputs.v[tag - OUTPUT_TAG].brotli = br;
		} else {
			b->entries.v[tag].gzip = gz;
			b->entries.v[tag].brotli = br;
		}
	}
	for (size_t i = 0; i < b->entries.n; i++) {
		const struct bundle_entry *e = &b->entries.v[i];
		const char *pkg = e->dist ? e->dist : !strcmp(e->output, "stdlib.zip") ? "stdlib"
						: !strcmp(e->output, "app") ? "app" : e->output;
		struct bundle_package *p = NULL;
		for (size_t k = 0; k < b->packages.n && !p; k++)
			if (!strcmp(b->packages.v[k].name, pkg))
				p = &b->packages.v[k];
		if (!p) {
			p = VEC_PUSH(&b->packages);
			memset(p, 0, sizeof(*p));
			p->name = pkg;
		}
		p->raw += e->raw;
		p->gzip += e->gzip;
		p->brotli += e->brotli;
		p->n_files++;
		/* a directory output is its files, each uploaded as it is */
		for (size_t k = 0; k < b->outputs.n; k++)
			if (b->outputs.v[k].name == e->output && !ends_with(e->output, ".zip")) {
				b->outputs.v[k].gzip += e->gzip;
				b->outputs.v[k].brotli += e->brotli;
				if (e->raw > b->largest_file)
					b->largest_file = e->raw;
			}
	}
	qsort(b->packages.v, b->packages.n, sizeof(*b->packages.v), cmp_package);
	for (size_t k = 0; k < b->outputs.n; k++) {
		const struct bundle_output *o = &b->outputs.v[k];
		b->total_raw += o->size;
		b->total_gzip += o->gzip;
		b->total_brotli += o->brotli;
		if (ends_with(o->name, ".zip") || ends_with(o->name, ".txt"))
			if (o->size > b->largest_file)
				b->largest_file = o->size;
	}
	/* a Worker project counts as wrangler does: what it uploads, one
	 * gzip stream */
	if (b->opt.runtime_stdlib) {
		bundle_measure_upload(b);
		b->total_raw = b->upload.raw;
		if (b->upload.gzip >= 0)
			b->total_gzip = b->upload.gzip;
	}
}

int bundle_commit(struct bundle *b, const char *report, size_t n, struct perr *err)
{
	char *path = path_join(b->tmpdir, "bundle.json");
	int rc = write_file(path, report, n, err);

	free(path);
	if (rc)
		return rc;
	if (rename(b->tmpdir, b->opt.outdir) != 0) {
		if (errno != EEXIST && errno != ENOTEMPTY)
			return perr_set(err, PM_INPUT, "cannot rename '%s' to '%s': %s", b->tmpdir,
					b->opt.outdir, strerror(errno));
		/* an earlier bundle is there: swap the two in one step, then
		 * remove the old one (now at the temporary name) */
		if (renameat2(AT_FDCWD, b->tmpdir, AT_FDCWD, b->opt.outdir, RENAME_EXCHANGE) != 0)
			return perr_set(err, PM_INPUT, "cannot replace '%s': %s", b->opt.outdir,
					strerror(errno));
		bundle_remove_tree(b->tmpdir);
	}
	free(b->tmpdir);
	b->tmpdir = NULL;
	return 0;
}

void bundle_release(struct bundle *b)
{
	if (b->tmpdir) {
		bundle_remove_tree(b->tmpdir);
		free(b->tmpdir);
		b->tmpdir = NULL;
	}
	VEC_FREE(&b->entries);
	VEC_FREE(&b->outputs);
	VEC_FREE(&b->packages);
	VEC_FREE(&b->upload.not_uploaded);
	VEC_FREE(&b->upload.excluded);
	sizer_free(b->sizer);
	b->sizer = NULL;
	arena_release(&b->arena);
}
