/* distribution.c: turns an input into distributions: wheels, sdists, app
 * trees and wheelhouses (installed site-packages are in installed.c). It
 * decides which member is which module and hands sources to the lexer and
 * binaries to native.c; it judges nothing (polyfill-db/verdict.c does). */
#include "dist_int.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>

const char *dist_kind_name(enum dist_kind k)
{
	static const char *names[] = { "wheel", "sdist", "installed", "app" };
	return names[k];
}

struct distribution *dist_new(enum dist_kind kind, const char *input)
{
	struct arena *a = xcalloc(1, sizeof(*a));
	struct distribution *d = arena_alloc(a, sizeof(*d));

	d->arena = a;
	d->kind = kind;
	d->input = arena_strdup(a, input);
	d->filename = path_basename(d->input);
	d->imports.arena = a;
	d->build.arena = a;
	d->wheel.root_is_purelib = -1;
	return d;
}

void dist_free(struct distribution *d)
{
	struct arena *a;

	if (!d)
		return;
	a = d->arena;
	if (d->has_metadata)
		metadata_release(&d->meta);
	if (d->has_wheel)
		wheel_info_release(&d->wheel);
	if (d->kind == DIST_WHEEL)
		wheel_name_release(&d->wname);
	VEC_FREE(&d->top_level);
	VEC_FREE(&d->entry_points);
	VEC_FREE(&d->modules);
	VEC_FREE(&d->libraries);
	import_scan_release(&d->imports);
	sdist_build_release(&d->build);
	VEC_FREE(&d->problems);
	arena_release(a);
	free(a);
}

void dist_problem(struct distribution *d, const char *file, int line, int severe,
		  const char *fmt, ...)
{
	struct dist_problem *p = VEC_PUSH(&d->problems);
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	va_start(ap, fmt);
	strbuf_vaddf(&sb, fmt, ap);
	va_end(ap);
	p->file = file ? arena_strdup(d->arena, file) : NULL;
	p->line = line;
	p->severe = severe;
	p->msg = arena_strndup(d->arena, sb.buf, sb.len);
	strbuf_release(&sb);
}

static int is_identifier(const char *s, size_t n)
{
	if (!n || isdigit((unsigned char)s[0]))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!(isalnum(c) || c == '_' || c >= 0x80))
			return 0;
	}
	return 1;
}

const char *module_name_for(struct arena *a, const char *rel, int *is_package)
{
	struct strbuf sb = STRBUF_INIT;
	const char *p = rel, *base = path_basename(rel), *dot, *r = NULL;

	*is_package = 0;
	dot = strchr(base, '.');
	if (!dot || strcmp(dot, ".py"))
		return NULL;
	while (p < base) {
		const char *slash = strchr(p, '/');
		if (!is_identifier(p, (size_t)(slash - p)))
			goto out;
		if (sb.len)
			strbuf_addch(&sb, '.');
		strbuf_add(&sb, p, (size_t)(slash - p));
		p = slash + 1;
	}
	if (!strcmp(base, "__init__.py")) {
		*is_package = 1;
		if (!sb.len)
			goto out;
	} else {
		if (!is_identifier(base, (size_t)(dot - base)))
			goto out;
		if (sb.len)
			strbuf_addch(&sb, '.');
		strbuf_add(&sb, base, (size_t)(dot - base));
	}
	r = arena_strndup(a, sb.buf, sb.len);
out:
	strbuf_release(&sb);
	return r;
}

/* Appends a module; the pointer is valid until the next push. */
static struct module *push_module(struct distribution *d, const char *name, int is_package,
				  const char *file, enum module_type type, long long size)
{
	struct module *mod = VEC_PUSH(&d->modules);

	memset(mod, 0, sizeof(*mod));
	mod->name = name;
	mod->is_package = is_package;
	mod->file = arena_strdup(d->arena, file);
	mod->type = type;
	mod->size = size;
	return mod;
}

static int unsafe_name(struct distribution *d, struct source *src, const struct member *m,
		       struct perr *err)
{
	size_t n = strlen(m->name);
	const char *shown = printable(d->arena, m->name, n);

	if (utf8_valid_prefix((const unsigned char *)m->name, n) != n)
		return perr_set(err, PM_INPUT, "'%s': member name '%s' is not valid UTF-8",
				source_path(src), shown);
	return perr_set(err, PM_INPUT, "'%s': unsafe member name '%s' (absolute, or climbing out "
			"with '..'): refusing the archive", source_path(src), shown);
}

static void hash_bytes(const struct strbuf *sb, char *digest)
{
	struct sha256 c;
	unsigned char out[32];

	sha256_init(&c);
	sha256_update(&c, sb->buf, sb->len);
	sha256_final(&c, out);
	base64url_nopad(out, 32, digest);
}

static void add_native(struct distribution *d, const struct member *m, const char *rel,
		       const struct strbuf *bytes)
{
	struct module mod;
	const char *name = NULL, *abi = NULL;
	struct perr err = PERR_INIT;

	memset(&mod, 0, sizeof(mod));
	mod.file = arena_strdup(d->arena, m->name);
	mod.type = MOD_NATIVE;
	mod.size = (long long)bytes->len;
	if (native_inspect((const unsigned char *)bytes->buf, bytes->len, d->arena, &mod.native, &err))
		dist_problem(d, m->name, 0, 0, "%s", err.msg);
	if (rel && native_module_name(d->arena, rel, &name, &abi)) {
		const char *last = strrchr(name, '.');
		mod.name = name;
		mod.abi = abi;
		mod.is_package = !strcmp(last ? last + 1 : name, "__init__");
		if (mod.is_package)
			mod.name = last ? arena_strndup(d->arena, name, (size_t)(last - name)) : name;
		*VEC_PUSH(&d->modules) = mod;
	} else {
		*VEC_PUSH(&d->libraries) = mod;
	}
}

int dist_process_member(struct distribution *d, struct source *src, const struct member *m,
			const char *rel, const struct scan_options *opt, char *digest,
			struct perr *err)
{
	size_t max = opt->max_member ? opt->max_member : DIST_DEFAULT_MAX_MEMBER;
	const char *base = path_basename(m->name);
	struct strbuf sb = STRBUF_INIT;
	unsigned char head[16];
	int is_py = ends_with(base, ".py"), rc = 0;

	if (digest)
		digest[0] = '\0';
	if (m->is_dir)
		return 0;
	if (!m->name_ok)
		return unsafe_name(d, src, m, err);
	if (m->is_link) {
		dist_problem(d, m->name, 0, 0, "symbolic link not followed");
		return 0;
	}
	d->n_files++;
	d->n_bytes += m->size > 0 ? m->size : 0;
	if (strstr(m->name, "__pycache__/"))
		return 0;
	if (!is_py && !digest) {
		/* anything else is looked at by content: a native binary can
		 * hide behind any name */
		long n = source_peek(src, head, sizeof(head), err);
		if (n < 0)
			return err->code;
		if (ends_with(base, ".pyc") && rel) {
			int pkg;
			struct strbuf py = STRBUF_INIT;
			strbuf_add(&py, rel, strlen(rel) - 1); /* x.pyc -> x.py */
			const char *name = module_name_for(d->arena, py.buf, &pkg);
			strbuf_release(&py);
			if (name)
				push_module(d, name, pkg, m->name, MOD_PYC, m->size);
			return 0;
		}
		if (native_sniff(head, (size_t)n) == NATIVE_NONE)
			return 0;
	}
	if ((rc = source_read(src, &sb, max, err)))
		goto out;
	if (digest)
		hash_bytes(&sb, digest);
	if (native_sniff((const unsigned char *)sb.buf, sb.len) != NATIVE_NONE) {
		if (is_py)
			dist_problem(d, m->name, 0, 0, "a native binary named '.py'");
		add_native(d, m, rel, &sb);
	} else if (is_py && rel) {
		int pkg;
		const char *name = module_name_for(d->arena, rel, &pkg);
		if (name) {
			struct module *mod = push_module(d, name, pkg, m->name, MOD_SOURCE, (long long)sb.len);
			size_t first = mod->edge_first = d->imports.edges.n;
			size_t nfirst = mod->name_first = d->imports.names.n;
			d->imports.want_names = opt->want_names;
			imports_scan_cached(opt->cache, &d->imports, mod->file, name, pkg, sb.buf, sb.len, opt->env);
			d->modules.v[d->modules.n - 1].edge_count = d->imports.edges.n - first;
			d->modules.v[d->modules.n - 1].name_count = d->imports.names.n - nfirst;
			d->modules.v[d->modules.n - 1].tokens = d->imports.file_tokens;
			d->modules.v[d->modules.n - 1].operands = d->imports.file_operands;
			d->modules.v[d->modules.n - 1].strings = d->imports.file_strings;
			d->modules.v[d->modules.n - 1].seq_consts = d->imports.file_seq_consts;
			d->modules.v[d->modules.n - 1].comps = d->imports.file_comps;
		}
	}
out:
	strbuf_release(&sb);
	return rc;
}

static int cmp_module(const void *a, const void *b)
{
	const struct module *x = a, *y = b;
	int c = strcmp(x->name, y->name);
	return c ? c : (int)x->type - (int)y->type;
}

void dist_finish(struct distribution *d)
{
	size_t i, j = 0;

	if (d->modules.n)
		qsort(d->modules.v, d->modules.n, sizeof(*d->modules.v), cmp_module);
	/* a .pyc beside its source or extension is not a module of its own */
	for (i = 0; i < d->modules.n; i++) {
		struct module *m = &d->modules.v[i];
		if (m->type == MOD_PYC && j > 0 && !strcmp(d->modules.v[j - 1].name, m->name))
			continue;
		d->modules.v[j++] = *m;
	}
	d->modules.n = j;
}

const char *dist_read_text(struct distribution *d, struct source *src, const char *name,
			   size_t *len, struct perr *err)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	if (source_read_named(src, name, &sb, 16 << 20, err)) {
		strbuf_release(&sb);
		return NULL;
	}
	r = arena_strndup(d->arena, sb.buf, sb.len);
	*len = sb.len;
	strbuf_release(&sb);
	return r;
}

void dist_apply_metadata(struct distribution *d, const char *file, const char *text, size_t n)
{
	if (d->has_metadata)
		metadata_release(&d->meta);
	memset(&d->meta, 0, sizeof(d->meta));
	metadata_parse(&d->meta, d->arena, text, n);
	d->has_metadata = 1;
	for (size_t i = 0; i < d->meta.problems.n; i++)
		dist_problem(d, file, d->meta.problems.v[i].line, 0, "%s", d->meta.problems.v[i].msg);
	if (d->meta.name)
		d->name = d->meta.name;
	if (d->meta.version)
		d->version = d->meta.version;
}

void dist_apply_top_level(struct distribution *d, const char *text, size_t n)
{
	const char *p = text, *end = text + n;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *q = e;
		while (q > p && (q[-1] == '\r' || q[-1] == ' ' || q[-1] == '\t'))
			q--;
		while (p < q && (*p == ' ' || *p == '\t'))
			p++;
		if (q > p)
			*VEC_PUSH(&d->top_level) = arena_strndup(d->arena, p, (size_t)(q - p));
		p = e + 1;
	}
}

static const char *trimmed(struct distribution *d, const char *p, const char *q)
{
	while (p < q && (*p == ' ' || *p == '\t'))
		p++;
	while (q > p && (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\r'))
		q--;
	return arena_strndup(d->arena, p, (size_t)(q - p));
}

void dist_apply_entry_points(struct distribution *d, const char *text, size_t n)
{
	const char *p = text, *end = text + n, *group = NULL;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *line = trimmed(d, p, e);
		p = e + 1;
		if (!*line || *line == '#' || *line == ';')
			continue;
		if (*line == '[') {
			const char *close = strchr(line, ']');
			group = close ? trimmed(d, line + 1, close) : NULL;
			continue;
		}
		const char *eq = strchr(line, '=');
		if (!group || !eq)
			continue;
		/* module[:attr] [extras] */
		const char *v = eq + 1;
		while (*v == ' ' || *v == '\t')
			v++;
		size_t ml = strcspn(v, ": \t[");
		if (!ml)
			continue;
		struct entry_point *ep = VEC_PUSH(&d->entry_points);
		ep->group = group;
		ep->name = trimmed(d, line, eq);
		ep->module = arena_strndup(d->arena, v, ml);
	}
}

static void set_names(struct distribution *d, const char *name, const char *version)
{
	if (!d->name)
		d->name = name;
	if (!d->version)
		d->version = version;
	d->normalized = d->name ? pep503_normalize(d->arena, d->name) : NULL;
}

/* ---------------------------------------------------------------- wheels */

static int scan_wheel(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
		      struct perr *err)
{
	struct distribution *d = dist_new(DIST_WHEEL, path);
	struct source *src = NULL;
	struct member m;
	struct record rec;
	struct strmap rec_index = STRMAP_INIT, seen = STRMAP_INIT;
	const char *info = NULL, *text;
	size_t len;
	int rc, r;

	memset(&rec, 0, sizeof(rec));
	if ((rc = wheel_name_parse(&d->wname, d->arena, d->filename, err)))
		goto out;
	if ((rc = source_open(&src, path, err)))
		goto out;
	/* find the .dist-info directory first: its files say what the rest is */
	while ((r = source_next(src, &m, err)) > 0) {
		const char *slash = strchr(m.name, '/');
		if (slash && !strcmp(slash, "/METADATA") && slash - m.name > 10 &&
		    !strncmp(slash - 10, ".dist-info", 10)) {
			if (info && strcmp(info, m.name))
				dist_problem(d, m.name, 0, 1, "more than one .dist-info directory");
			else
				info = arena_strndup(d->arena, m.name, (size_t)(slash - m.name));
		}
	}
	if (r < 0) {
		rc = err->code;
		goto out;
	}
	if (!info) {
		dist_problem(d, NULL, 0, 1, "no .dist-info/METADATA: not a valid wheel");
	} else {
		const char *f = arena_printf(d->arena, "%s/METADATA", info);
		if ((text = dist_read_text(d, src, f, &len, err)))
			dist_apply_metadata(d, f, text, len);
		else if (err->code) {
			rc = err->code;
			goto out;
		}
		f = arena_printf(d->arena, "%s/WHEEL", info);
		if ((text = dist_read_text(d, src, f, &len, err))) {
			wheel_info_parse(&d->wheel, d->arena, text, len);
			d->has_wheel = 1;
			for (size_t i = 0; i < d->wheel.problems.n; i++)
				dist_problem(d, f, d->wheel.problems.v[i].line, 0, "%s",
					     d->wheel.problems.v[i].msg);
		} else {
			dist_problem(d, f, 0, 1, "missing WHEEL file");
		}
		f = arena_printf(d->arena, "%s/top_level.txt", info);
		if ((text = dist_read_text(d, src, f, &len, err)))
			dist_apply_top_level(d, text, len);
		f = arena_printf(d->arena, "%s/entry_points.txt", info);
		if ((text = dist_read_text(d, src, f, &len, err)))
			dist_apply_entry_points(d, text, len);
		f = arena_printf(d->arena, "%s/RECORD", info);
		if ((text = dist_read_text(d, src, f, &len, err))) {
			record_parse(&rec, d->arena, text, len);
			for (size_t i = 0; i < rec.problems.n; i++)
				dist_problem(d, f, rec.problems.v[i].line, 0, "%s", rec.problems.v[i].msg);
			for (size_t i = 0; i < rec.entries.n; i++)
				strmap_put(&rec_index, rec.entries.v[i].path, NULL)->value = &rec.entries.v[i];
		} else {
			dist_problem(d, f, 0, 1, "missing RECORD file");
		}
		memset(err, 0, sizeof(*err));
	}
	set_names(d, d->wname.name, d->wname.version);
	if (d->meta.name && pep503_normalize(d->arena, d->meta.name) != NULL &&
	    strcmp(pep503_normalize(d->arena, d->meta.name), pep503_normalize(d->arena, d->wname.name)))
		dist_problem(d, NULL, 0, 0, "metadata name '%s' differs from the filename's '%s'",
			     d->meta.name, d->wname.name);

	if ((rc = source_rewind(src, err)))
		goto out;
	while ((r = source_next(src, &m, err)) > 0) {
		const char *rel = m.name;
		char digest[48];
		int verify = opt->verify_record && !m.is_dir && m.name_ok;

		if (m.name_ok && !m.is_dir) {
			if (strmap_has(&seen, m.name)) {
				dist_problem(d, m.name, 0, 1, "duplicate member");
				continue;
			}
			strmap_put(&seen, m.name, NULL);
		}
		if (info && starts_with(m.name, info) && m.name[strlen(info)] == '/') {
			rel = NULL;
		} else {
			const char *slash = strchr(m.name, '/');
			if (slash && slash - m.name > 5 && !strncmp(slash - 5, ".data", 5)) {
				const char *sub = slash + 1;
				if (starts_with(sub, "purelib/"))
					rel = sub + 8;
				else if (starts_with(sub, "platlib/"))
					rel = sub + 8;
				else
					rel = NULL;
			}
		}
		if ((rc = dist_process_member(d, src, &m, rel, opt, verify ? digest : NULL, err)))
			goto out;
		if (verify) {
			struct record_entry *e = strmap_get(&rec_index, m.name);
			const char *rec_path = info ? arena_printf(d->arena, "%s/RECORD", info) : "RECORD";
			if (!e) {
				dist_problem(d, m.name, 0, 1, "'%s' is not listed in RECORD", m.name);
			} else if (e->digest && e->algo && !strcmp(e->algo, "sha256") &&
				   strcmp(e->digest, digest)) {
				dist_problem(d, rec_path, e->line, 1,
					     "sha256 of '%s' does not match its RECORD entry", m.name);
			} else if (e->size >= 0 && m.size >= 0 && e->size != m.size) {
				dist_problem(d, rec_path, e->line, 1, "'%s' is %lld bytes, RECORD says %lld",
					     m.name, m.size, e->size);
			}
		}
	}
	if (r < 0) {
		rc = err->code;
		goto out;
	}
	if (opt->verify_record) {
		for (size_t i = 0; i < rec.entries.n; i++)
			if (!strmap_has(&seen, rec.entries.v[i].path))
				dist_problem(d, info ? arena_printf(d->arena, "%s/RECORD", info) : NULL,
					     rec.entries.v[i].line, 1, "'%s' is listed in RECORD but missing from the wheel",
					     rec.entries.v[i].path);
	}
	dist_finish(d);
	source_close(src);
	src = NULL;
	rc = fn(ctx, d);
out:
	source_close(src);
	strmap_release(&rec_index);
	strmap_release(&seen);
	record_release(&rec);
	dist_free(d);
	return rc;
}

/* ---------------------------------------------------------------- sdists */

/* 1 when s[0..n) is one of the NULL-terminated list's words */
static int in_list(const char *const *list, const char *s, size_t n)
{
	for (int i = 0; list[i]; i++)
		if (strlen(list[i]) == n && !strncmp(s, list[i], n))
			return 1;
	return 0;
}

static const char *const not_installed_dirs[] = {
	"tests", "test", "testing", "docs", "doc", "examples", "example", "benchmarks",
	"bench", "scripts", "tools", "ci", ".github", "build", "dist", NULL
};

static int sdist_excluded(const char *rel)
{
	const char *slash = strchr(rel, '/');
	size_t n;

	if (!slash)
		return !strcmp(rel, "setup.py") || !strcmp(rel, "conftest.py") ||
		       !strcmp(rel, "noxfile.py") || !strcmp(rel, "fabfile.py");
	n = (size_t)(slash - rel);
	return in_list(not_installed_dirs, rel, n);
}

static int scan_sdist(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
		      struct perr *err)
{
	struct distribution *d = dist_new(DIST_SDIST, path);
	struct source *src = NULL;
	struct member m;
	const char *name = NULL, *version = NULL, *top = NULL;
	int rc, r, multi_top = 0, has_src = 0;
	struct perr nerr = PERR_INIT;

	if (sdist_name_parse(d->arena, d->filename, &name, &version, &nerr))
		dist_problem(d, NULL, 0, 0, "%s", nerr.msg);
	if ((rc = source_open(&src, path, err)))
		goto out;
	/* pass 1: the layout, the build files and PKG-INFO */
	while ((r = source_next(src, &m, err)) > 0) {
		const char *slash = strchr(m.name, '/'), *rest;
		size_t tl = slash ? (size_t)(slash - m.name) : strlen(m.name);
		struct strbuf sb = STRBUF_INIT;

		if (!m.name_ok) {
			rc = unsafe_name(d, src, &m, err);
			goto out;
		}
		if (!top)
			top = arena_strndup(d->arena, m.name, tl);
		else if (strlen(top) != tl || strncmp(top, m.name, tl))
			multi_top = 1;
		if (m.is_dir || m.is_link)
			continue;
		sdist_note_file(&d->build, m.name);
		rest = slash ? slash + 1 : m.name;
		if (starts_with(rest, "src/"))
			has_src = 1;
		if (strcmp(rest, "PKG-INFO") && strcmp(rest, "pyproject.toml") &&
		    strcmp(rest, "setup.py") && strcmp(rest, "setup.cfg"))
			continue;
		if ((rc = source_read(src, &sb, 16 << 20, err))) {
			strbuf_release(&sb);
			goto out;
		}
		if (!strcmp(rest, "PKG-INFO"))
			dist_apply_metadata(d, m.name, sb.buf, sb.len);
		else if (!strcmp(rest, "pyproject.toml"))
			sdist_read_pyproject(&d->build, m.name, sb.buf, sb.len);
		else if (!strcmp(rest, "setup.py"))
			sdist_read_setup_py(&d->build, m.name, sb.buf, sb.len);
		else
			sdist_read_setup_cfg(&d->build, m.name, sb.buf, sb.len);
		strbuf_release(&sb);
	}
	if (r < 0) {
		rc = err->code;
		goto out;
	}
	if (multi_top)
		dist_problem(d, NULL, 0, 0, "members are not under one top-level directory");
	if (!d->has_metadata)
		dist_problem(d, NULL, 0, 0, "no PKG-INFO: not a standard sdist");
	set_names(d, name, version);

	/* pass 2: the sources that would be installed */
	if ((rc = source_rewind(src, err)))
		goto out;
	while ((r = source_next(src, &m, err)) > 0) {
		const char *rel = m.name;
		if (!multi_top && top) {
			rel = m.name + strlen(top);
			rel = *rel == '/' ? rel + 1 : rel;
		}
		if (has_src) {
			if (!starts_with(rel, "src/"))
				continue;
			rel += 4;
		}
		if (!ends_with(rel, ".py") || sdist_excluded(rel))
			continue;
		if ((rc = dist_process_member(d, src, &m, rel, opt, NULL, err)))
			goto out;
	}
	if (r < 0) {
		rc = err->code;
		goto out;
	}
	dist_finish(d);
	source_close(src);
	src = NULL;
	rc = fn(ctx, d);
out:
	source_close(src);
	dist_free(d);
	return rc;
}

/* ---------------------------------------------------------- app trees */

static const char *const app_skip_dirs[] = {
	".venv", "venv", "env", ".tox", ".nox", "site-packages", "dist-packages", "build",
	"dist", ".mypy_cache", ".pytest_cache", NULL
};

static int app_skipped(const char *rel)
{
	const char *p = rel;

	while (*p) {
		const char *slash = strchr(p, '/');
		size_t n;
		if (!slash)
			return 0;
		n = (size_t)(slash - p);
		if (*p == '.' && n > 1)
			return 1;
		if (in_list(app_skip_dirs, p, n))
			return 1;
		p = slash + 1;
	}
	return 0;
}

/* An app is named by its pyproject.toml's [project] name (and version),
 * else by its directory's name, the real one for "." and "..". */
static void app_name(struct distribution *d, const char *path)
{
	char *pp = path_join(path, "pyproject.toml"), *copy, *real = NULL;
	struct strbuf sb = STRBUF_INIT;
	struct perr e = PERR_INIT;
	const char *base;
	size_t n;

	if (path_is_file(pp) && !strbuf_read_file(&sb, pp, 1u << 20, &e)) {
		struct metadata m;
		memset(&m, 0, sizeof(m));
		if (pyproject_metadata(&m, d->arena, sb.buf, sb.len) && m.name && *m.name)
			set_names(d, m.name, m.version);
		metadata_release(&m);
	}
	strbuf_release(&sb);
	(void)e;
	free(pp);
	copy = xstrdup(path);
	n = strlen(copy);
	while (n > 1 && copy[n - 1] == '/')
		copy[--n] = '\0';
	base = path_basename(copy);
	if ((!strcmp(base, ".") || !strcmp(base, "..") || !*base) && (real = realpath(copy, NULL)))
		base = path_basename(real);
	d->filename = arena_strdup(d->arena, base); /* "myapp", not "." */
	set_names(d, d->filename, NULL);
	free(real);
	free(copy);
}

static int scan_app(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
		    struct perr *err)
{
	struct distribution *d = dist_new(DIST_APP, path);
	struct source *src = NULL;
	struct member m;
	int rc, r;

	if ((rc = source_open(&src, path, err)))
		goto out;
	while ((r = source_next(src, &m, err)) > 0) {
		if (app_skipped(m.name))
			continue;
		if ((rc = dist_process_member(d, src, &m, m.name, opt, NULL, err)))
			goto out;
	}
	if (r < 0) {
		rc = err->code;
		goto out;
	}
	app_name(d, path);
	if (!d->modules.n && !d->libraries.n)
		dist_problem(d, NULL, 0, 0, "no Python in it: no .py file, wheel, sdist or installed distribution was found");
	dist_finish(d);
	rc = fn(ctx, d);
out:
	source_close(src);
	dist_free(d);
	return rc;
}

static int scan_script(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
		       struct perr *err)
{
	struct distribution *d = dist_new(DIST_APP, path);
	struct strbuf sb = STRBUF_INIT;
	size_t max = opt->max_member ? opt->max_member : DIST_DEFAULT_MAX_MEMBER;
	const char *base = path_basename(path);
	int rc, pkg;

	if (!(rc = strbuf_read_file(&sb, path, max, err))) {
		struct module *mod = VEC_PUSH(&d->modules);
		memset(mod, 0, sizeof(*mod));
		mod->name = module_name_for(d->arena, base, &pkg);
		if (!mod->name)
			mod->name = arena_strndup(d->arena, base, strlen(base) - 3);
		mod->file = arena_strdup(d->arena, base);
		mod->type = MOD_SOURCE;
		mod->size = (long long)sb.len;
		d->imports.want_names = opt->want_names;
		imports_scan_cached(opt->cache, &d->imports, mod->file, mod->name, 0, sb.buf, sb.len, opt->env);
		mod->edge_count = d->imports.edges.n;
		mod->name_count = d->imports.names.n;
		mod->tokens = d->imports.file_tokens;
		mod->operands = d->imports.file_operands;
		mod->strings = d->imports.file_strings;
		mod->seq_consts = d->imports.file_seq_consts;
		mod->comps = d->imports.file_comps;
		d->n_files = 1;
		d->n_bytes = (long long)sb.len;
		set_names(d, mod->name, NULL);
		rc = fn(ctx, d);
	}
	strbuf_release(&sb);
	dist_free(d);
	return rc;
}

/* --------------------------------------------------------------- dispatch */

static int is_archive_name(const char *name)
{
	return ends_with_ci(name, ".whl") || ends_with_ci(name, ".tar.gz") ||
	       ends_with_ci(name, ".tgz") || ends_with_ci(name, ".tar.bz2") ||
	       ends_with_ci(name, ".tar.xz") || ends_with_ci(name, ".zip");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* What a directory is, from its top level (and the archives there):
 * installed site-packages (has .dist-info/.egg-info), a wheelhouse
 * (archives and no Python at the top), or an app tree. */
static enum dir_kind dir_kind_list(const char *path, void *archives)
{
	VEC(char *) *arch = archives;
	DIR *dir = opendir(path);
	struct dirent *de;
	int installed = 0, python = 0, n = 0;

	if (!dir)
		return DIRK_NONE;
	while ((de = readdir(dir))) {
		if (ends_with(de->d_name, ".dist-info") || ends_with(de->d_name, ".egg-info")) {
			installed = 1;
		} else if (ends_with(de->d_name, ".py")) {
			python = 1;
		} else if (is_archive_name(de->d_name)) {
			n++;
			if (arch)
				*VEC_PUSH(arch) = xstrdup(de->d_name);
		}
	}
	closedir(dir);
	return installed ? DIRK_INSTALLED : n && !python ? DIRK_WHEELHOUSE : DIRK_APP;
}

enum dir_kind scan_dir_kind(const char *path)
{
	return path_is_dir(path) ? dir_kind_list(path, NULL) : DIRK_NONE;
}

static int scan_dir(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
		    struct perr *err)
{
	VEC(char *) archives = VEC_INIT;
	enum dir_kind kind = dir_kind_list(path, &archives);
	int rc = 0;

	if (kind == DIRK_NONE)
		return perr_set(err, PM_INPUT, "'%s': cannot open directory", path);
	if (kind == DIRK_INSTALLED) {
		rc = scan_installed(path, opt, fn, ctx, err);
	} else if (kind == DIRK_WHEELHOUSE) {
		qsort(archives.v, archives.n, sizeof(*archives.v), cmp_str);
		for (size_t i = 0; i < archives.n && !rc; i++) {
			char *full = path_join(path, archives.v[i]);
			rc = scan_input(full, opt, fn, ctx, err);
			free(full);
		}
	} else {
		rc = scan_app(path, opt, fn, ctx, err);
	}
	for (size_t i = 0; i < archives.n; i++)
		free(archives.v[i]);
	VEC_FREE(&archives);
	return rc;
}

static int scan_input_1(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
			struct perr *err);

int scan_input(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
	       struct perr *err)
{
	struct scan_options o = *opt;
	char *real;
	int rc;

	if (!opt->cache_dir || opt->cache)
		return scan_input_1(path, opt, fn, ctx, err);
	real = realpath(path, NULL);
	char *group = xmalloc(strlen(real ? real : path) + 16);
	sprintf(group, "input\t%s", real ? real : path);
	o.cache = scan_cache_open(opt->cache_dir, group);
	rc = scan_input_1(path, &o, fn, ctx, err);
	scan_cache_close(o.cache);
	free(group);
	free(real);
	return rc;
}

static int scan_input_1(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
			struct perr *err)
{
	if (path_is_dir(path))
		return scan_dir(path, opt, fn, ctx, err);
	if (!path_is_file(path)) {
		struct stat st;
		if (stat(path, &st))
			return perr_set(err, PM_INPUT, "'%s': %s", path,
					errno == ENOENT ? "no such file or directory" : strerror(errno));
		return perr_set(err, PM_INPUT, "'%s': not a regular file or directory (%s)", path,
				S_ISCHR(st.st_mode) ? "a character device" : S_ISBLK(st.st_mode) ? "a block device"
				: S_ISFIFO(st.st_mode) ? "a pipe" : S_ISSOCK(st.st_mode) ? "a socket" : "a special file");
	}
	if (ends_with_ci(path, ".whl"))
		return scan_wheel(path, opt, fn, ctx, err);
	if (ends_with_ci(path, ".py")) /* a single script is an app of one file */
		return scan_script(path, opt, fn, ctx, err);
	if (is_archive_name(path))
		return scan_sdist(path, opt, fn, ctx, err);
	{
		/* by content: a zip or tar under another name is an sdist-like
		 * archive; anything else is refused with the reason */
		struct source *src;
		int rc = source_open(&src, path, err);
		if (rc)
			return rc;
		source_close(src);
		return scan_sdist(path, opt, fn, ctx, err);
	}
}
