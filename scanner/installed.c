/* installed.c: an installed site-packages as distributions: each
 * .dist-info (files from RECORD), each .egg-info (installed-files.txt, or
 * the top-level names of top_level.txt), and loose modules no distribution
 * owns. Files are read where they lie; nothing is executed. */
#include "dist_int.h"

#include <stdlib.h>
#include <string.h>

struct owner_list {
	VEC(const char *) files; /* site-packages-relative */
};

/* Joins an egg-info-relative path ("../yaml/__init__.py") to the
 * site-packages root; NULL when it leaves the root. */
static const char *rebase(struct arena *a, const char *dir, const char *rel)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r = NULL;

	strbuf_addstr(&sb, dir);
	while (*rel) {
		const char *slash = strchr(rel, '/');
		size_t n = slash ? (size_t)(slash - rel) : strlen(rel);
		if (n == 2 && !strncmp(rel, "..", 2)) {
			char *last = strrchr(sb.buf, '/');
			if (!sb.len)
				goto out;
			strbuf_setlen(&sb, last ? (size_t)(last - sb.buf) : 0);
		} else if (!(n == 1 && rel[0] == '.') && n) {
			if (sb.len)
				strbuf_addch(&sb, '/');
			strbuf_add(&sb, rel, n);
		}
		rel += n + (slash ? 1 : 0);
	}
	r = arena_strndup(a, sb.buf, sb.len);
out:
	strbuf_release(&sb);
	return r;
}

static const char *top_name(struct arena *a, const char *rel)
{
	const char *slash = strchr(rel, '/');
	const char *dot;

	if (slash)
		return arena_strndup(a, rel, (size_t)(slash - rel));
	dot = strchr(rel, '.');
	return arena_strndup(a, rel, dot ? (size_t)(dot - rel) : strlen(rel));
}

static void add_lines(struct distribution *d, const char *text, size_t n, const char *base,
		      struct owner_list *files, int csv)
{
	const char *p = text, *end = text + n;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *q = e;
		while (q > p && (q[-1] == '\r' || q[-1] == ' '))
			q--;
		if (q > p) {
			const char *line = arena_strndup(d->arena, p, (size_t)(q - p));
			const char *path;
			if (csv && line[0] != '"') {
				const char *comma = strchr(line, ',');
				if (comma)
					line = arena_strndup(d->arena, line, (size_t)(comma - line));
			}
			path = base ? rebase(d->arena, base, line) : line;
			if (path)
				*VEC_PUSH(&files->files) = path;
		}
		p = e + 1;
	}
}

/* The files of every member under top-level name t (t/..., t.py, t.*.so). */
static void add_top_level(struct source *src_all, const char *const *names, size_t n_names,
			  struct arena *a, struct owner_list *files, struct strmap *claimed)
{
	struct member m;
	struct perr err = PERR_INIT;

	source_rewind(src_all, &err);
	while (source_next(src_all, &m, &err) > 0) {
		const char *t;
		if (m.is_dir || !m.name_ok)
			continue;
		t = top_name(a, m.name);
		for (size_t i = 0; i < n_names; i++) {
			if (strcmp(t, names[i]))
				continue;
			if (strchr(m.name, '/') || ends_with(m.name, ".py") || ends_with(m.name, ".so") ||
			    ends_with(m.name, ".pyd"))
				*VEC_PUSH(&files->files) = arena_strdup(a, m.name);
		}
	}
	for (size_t i = 0; i < n_names; i++)
		strmap_put(claimed, names[i], NULL);
}

static int scan_files(struct distribution *d, struct source *src, struct owner_list *files,
		      const struct scan_options *opt, struct perr *err)
{
	struct member m;
	struct strmap seen = STRMAP_INIT;
	int rc = 0;

	for (size_t i = 0; i < files->files.n && !rc; i++) {
		const char *f = files->files.v[i];
		if (starts_with(f, "../") || !path_is_safe_member(f) || strmap_has(&seen, f))
			continue; /* scripts outside site-packages, duplicates */
		strmap_put(&seen, f, NULL);
		if (!source_seek(src, f, &m)) {
			if (!strstr(f, "__pycache__/") && !ends_with(f, ".pyc"))
				dist_problem(d, f, 0, 0, "listed but not installed");
			continue;
		}
		if (strstr(f, ".dist-info/") || strstr(f, ".egg-info/"))
			continue;
		rc = dist_process_member(d, src, &m, f, opt, NULL, err);
	}
	strmap_release(&seen);
	return rc;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int scan_installed(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
		   struct perr *err)
{
	struct source *src = NULL;
	struct member m;
	struct strmap claimed = STRMAP_INIT;
	VEC(char *) infos = VEC_INIT;
	VEC(char *) loose = VEC_INIT;
	int rc, r;

	if ((rc = source_open(&src, path, err)))
		return rc;
	while ((r = source_next(src, &m, err)) > 0) {
		if (strchr(m.name, '/'))
			continue;
		if (ends_with(m.name, ".dist-info") || ends_with(m.name, ".egg-info"))
			*VEC_PUSH(&infos) = xstrdup(m.name);
	}
	if (r < 0) {
		rc = err->code;
		goto out;
	}
	for (size_t i = 0; i < infos.n && !rc; i++) {
		const char *info = infos.v[i];
		int egg = ends_with(info, ".egg-info");
		struct distribution *d = dist_new(DIST_INSTALLED, path);
		struct owner_list files = { VEC_INIT };
		const char *text, *f;
		size_t len;
		struct perr ignore = PERR_INIT;

		d->filename = arena_strdup(d->arena, info);
		source_seek(src, info, &m);
		if (egg && !m.is_dir) {
			/* a lone PKG-INFO file named x.egg-info */
			if ((text = dist_read_text(d, src, info, &len, &ignore)))
				dist_apply_metadata(d, info, text, len);
		} else {
			f = arena_printf(d->arena, "%s/%s", info, egg ? "PKG-INFO" : "METADATA");
			if ((text = dist_read_text(d, src, f, &len, &ignore)))
				dist_apply_metadata(d, f, text, len);
			else
				dist_problem(d, f, 0, 0, "missing");
			f = arena_printf(d->arena, "%s/top_level.txt", info);
			if ((text = dist_read_text(d, src, f, &len, &ignore)))
				dist_apply_top_level(d, text, len);
			f = arena_printf(d->arena, "%s/entry_points.txt", info);
			if ((text = dist_read_text(d, src, f, &len, &ignore)))
				dist_apply_entry_points(d, text, len);
			if (!egg) {
				f = arena_printf(d->arena, "%s/RECORD", info);
				if ((text = dist_read_text(d, src, f, &len, &ignore)))
					add_lines(d, text, len, NULL, &files, 1);
				else
					dist_problem(d, f, 0, 0, "missing: the installed files are unknown");
			} else {
				f = arena_printf(d->arena, "%s/installed-files.txt", info);
				if ((text = dist_read_text(d, src, f, &len, &ignore)))
					add_lines(d, text, len, info, &files, 0);
			}
		}
		if (!d->name) {
			/* name-version.egg-info: the name is before the version */
			const char *dash = strchr(info, '-');
			const char *dot = strrchr(info, '.');
			d->name = arena_strndup(d->arena, info, (size_t)((dash ? dash : dot) - info));
		}
		if (egg && !files.files.n) {
			if (!d->top_level.n)
				*VEC_PUSH(&d->top_level) = arena_strdup(d->arena, d->name);
			add_top_level(src, d->top_level.v, d->top_level.n, d->arena, &files, &claimed);
		}
		for (size_t k = 0; k < files.files.n; k++)
			strmap_put(&claimed, top_name(d->arena, files.files.v[k]), NULL);
		d->normalized = pep503_normalize(d->arena, d->name);
		rc = scan_files(d, src, &files, opt, err);
		VEC_FREE(&files.files);
		if (!rc) {
			dist_finish(d);
			rc = fn(ctx, d);
		}
		dist_free(d);
	}
	if (rc)
		goto out;
	/* loose modules: top-level sources no distribution claims */
	source_rewind(src, err);
	while ((r = source_next(src, &m, err)) > 0) {
		const char *dot;
		char *t;
		if (strchr(m.name, '/') || !m.name_ok || m.name[0] == '_' || m.name[0] == '.')
			continue;
		if (!m.is_dir && !ends_with(m.name, ".py") && !ends_with(m.name, ".so"))
			continue;
		if (m.is_dir && (strchr(m.name, '.') || !strcmp(m.name, "__pycache__")))
			continue;
		dot = strchr(m.name, '.');
		t = dot ? xstrndup(m.name, (size_t)(dot - m.name)) : xstrdup(m.name);
		if (strmap_has(&claimed, t))
			free(t);
		else
			*VEC_PUSH(&loose) = t;
	}
	if (loose.n)
		qsort(loose.v, loose.n, sizeof(*loose.v), cmp_str);
	for (size_t i = 0; i < loose.n && !rc; i++) {
		struct distribution *d;

		if (i > 0 && !strcmp(loose.v[i], loose.v[i - 1]))
			continue;
		d = dist_new(DIST_INSTALLED, path);
		struct owner_list files = { VEC_INIT };
		const char *t = arena_strdup(d->arena, loose.v[i]);

		d->name = t;
		d->normalized = pep503_normalize(d->arena, t);
		d->filename = t;
		dist_problem(d, NULL, 0, 0, "not owned by any installed distribution (no metadata)");
		add_top_level(src, &t, 1, d->arena, &files, &claimed);
		rc = scan_files(d, src, &files, opt, err);
		VEC_FREE(&files.files);
		if (!rc) {
			dist_finish(d);
			rc = fn(ctx, d);
		}
		dist_free(d);
	}
out:
	for (size_t i = 0; i < infos.n; i++)
		free(infos.v[i]);
	for (size_t i = 0; i < loose.n; i++)
		free(loose.v[i]);
	VEC_FREE(&infos);
	VEC_FREE(&loose);
	strmap_release(&claimed);
	source_close(src);
	return rc;
}
