/* direct.c: direct references in requirements files: "name @ https://...",
 * "name @ file:///...", bare URLs and local paths (an archive or a project
 * directory), and -e local directories. Each becomes the one candidate of
 * its name: its version from the file name or the project's static
 * metadata (PKG-INFO, pyproject.toml [project]). Nothing is built or run:
 * VCS URLs and projects whose metadata is dynamic are reported as such.
 * Fetching is index.c's; choosing is resolve.c's.
 */
#include "resolve.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

static int has_prefix(const char *s, const char *p)
{
	return !strncasecmp(s, p, strlen(p));
}

static int is_vcs(const char *u)
{
	static const char *const vcs[] = { "git+", "hg+", "svn+", "bzr+", "git:", NULL };
	for (int i = 0; vcs[i]; i++)
		if (has_prefix(u, vcs[i]))
			return 1;
	return 0;
}

/* file:///abs, file://localhost/abs, file:/abs -> /abs; NULL otherwise */
static const char *file_url_path(struct arena *a, const char *u)
{
	const char *p = u + 5;
	size_t n;

	if (!strncmp(p, "//", 2)) {
		p += 2;
		if (has_prefix(p, "localhost/"))
			p += 9;
		else if (*p != '/')
			return NULL;
	}
	if (*p != '/')
		return NULL;
	n = strcspn(p, "?");
	return url_pct_decode(a, p, n);
}

/* name and version from a wheel or sdist file name */
static int archive_version(struct direct_ref *d, struct arena *a, struct perr *err)
{
	const char *name = index_file_parse_name(a, &d->file);

	if (!name)
		return perr_set(err, PM_INPUT, "%s:%d: cannot tell the name and version of '%s' from its file name",
				d->origin_file, d->origin_line, d->file.filename);
	d->version_known = 1;
	d->version = d->file.version;
	d->version_text = d->file.version_text;
	if (!d->name) {
		d->name = name;
		d->key = pep503_normalize(a, name);
	} else if (strcmp(d->key, pep503_normalize(a, name))) {
		return perr_set(err, PM_INPUT, "%s:%d: '%s' is a distribution of %s, not of %s",
				d->origin_file, d->origin_line, d->file.filename, name, d->name);
	}
	return 0;
}

/* a local project directory: PKG-INFO (an unpacked sdist) or pyproject.toml */
static int project_dir(struct direct_ref *d, struct arena *a, struct perr *err)
{
	char *pkginfo = path_join(d->dir, "PKG-INFO"), *pyproject = path_join(d->dir, "pyproject.toml");
	char *setup_py = path_join(d->dir, "setup.py"), *setup_cfg = path_join(d->dir, "setup.cfg");
	struct strbuf text = STRBUF_INIT;
	int rc = 0, have = 0;

	if (path_is_file(pkginfo)) {
		rc = strbuf_read_file(&text, pkginfo, 16u << 20, err);
		if (!rc) {
			metadata_parse(&d->meta, a, text.buf, text.len);
			have = 1;
			d->meta_static = metadata_static_deps(&d->meta);
		}
	} else if (path_is_file(pyproject)) {
		rc = strbuf_read_file(&text, pyproject, 4u << 20, err);
		if (!rc && pyproject_metadata(&d->meta, a, text.buf, text.len)) {
			have = 1;
			d->meta_static = 1;
			for (size_t i = 0; i < d->meta.dynamic.n; i++)
				if (!strcmp(d->meta.dynamic.v[i], "Requires-Dist"))
					d->meta_static = 0;
		}
	}
	if (rc)
		goto out;
	if (!have && !path_is_file(setup_py) && !path_is_file(setup_cfg) && !path_is_file(pyproject)) {
		rc = perr_set(err, PM_INPUT, "%s:%d: '%s' is not a Python project (no pyproject.toml, setup.py or setup.cfg)",
			      d->origin_file, d->origin_line, d->written);
		goto out;
	}
	if (have && d->meta.name) {
		const char *k = pep503_normalize(a, d->meta.name);
		if (!d->name) {
			d->name = d->meta.name;
			d->key = k;
		} else if (strcmp(k, d->key)) {
			rc = perr_set(err, PM_INPUT, "%s:%d: '%s' is the project %s, not %s", d->origin_file,
				      d->origin_line, d->written, d->meta.name, d->name);
			goto out;
		}
	}
	if (!d->name) {
		rc = perr_set(err, PM_INPUT, "%s:%d: cannot tell the name of '%s' without running its build: write 'NAME @ file://...' or add '#egg=NAME'",
			      d->origin_file, d->origin_line, d->written);
		goto out;
	}
	if (have && d->meta.version) {
		struct perr e = PERR_INIT;
		if (!pep440_parse(&d->version, d->meta.version, strlen(d->meta.version), &e)) {
			d->version_known = 1;
			d->version_text = d->meta.version;
		}
	}
	if (!have)
		d->meta_static = 0;
out:
	strbuf_release(&text);
	free(pkginfo);
	free(pyproject);
	free(setup_py);
	free(setup_cfg);
	return rc;
}

static int bad_fragment(const struct reqfile_entry *e, struct arena *a, const char *w,
			struct perr *err)
{
	size_t len;
	int algo = DIGEST_SHA256;

	url_hash_fragment(w, &len, &algo);
	return perr_set(err, PM_INPUT, "%s:%d: '%s': the #%s= fragment is not %zu hex digits",
			e->file, e->line, url_redact(a, w), digest_name(algo), digest_hex_len(algo));
}

int direct_ref_load(struct direct_ref *d, const struct reqfile_entry *e, struct arena *a,
		    struct perr *err)
{
	const char *w = e->req.url;
	const char *path = NULL;

	memset(d, 0, sizeof(*d));
	d->written = w;
	d->name = e->req.name;
	d->key = e->req.key;
	d->editable = e->editable;
	d->origin_file = e->file;
	d->origin_line = e->line;
	d->version_text = "unknown";
	if (!w || !*w)
		return perr_set(err, PM_INPUT, "%s:%d: '%s' has no location", e->file, e->line, e->text);
	if (is_vcs(w))
		return perr_set(err, PM_INPUT, "%s:%d: VCS requirement '%s' is not supported: pymode-pkg never runs git or builds packages; build a wheel and use --find-links",
				e->file, e->line, w);
	if (has_prefix(w, "file:")) {
		const char *u;
		if (url_split_fragment(a, w, &u, &d->file.sha256, &d->file.link_hash))
			return bad_fragment(e, a, w, err);
		d->fragment_hash = d->file.sha256 || d->file.link_hash;
		path = file_url_path(a, u);
		if (!path)
			return perr_set(err, PM_INPUT, "%s:%d: '%s': only local file: URLs (file:///path) are supported",
					e->file, e->line, w);
	} else if (has_prefix(w, "https://") || has_prefix(w, "http://")) {
		const char *u;
		if (url_split_fragment(a, w, &u, &d->file.sha256, &d->file.link_hash))
			return bad_fragment(e, a, w, err);
		d->fragment_hash = d->file.sha256 || d->file.link_hash;
		d->is_url = 1;
		d->file.url = u;
		d->file.filename = url_filename(a, u);
		if (!d->file.filename || !index_dist_filename(d->file.filename))
			return perr_set(err, PM_INPUT, "%s:%d: '%s' is not a wheel or sdist URL",
					e->file, e->line, url_redact(a, w));
		if (e->editable)
			return perr_set(err, PM_INPUT, "%s:%d: '%s' is not a valid editable requirement: -e takes a local project directory",
					e->file, e->line, url_redact(a, w));
		return archive_version(d, a, err);
	} else if (strstr(w, "://")) {
		return perr_set(err, PM_INPUT, "%s:%d: '%s': unsupported URL scheme", e->file, e->line,
				url_redact(a, w));
	} else {
		/* a path: relative to the working directory and read
		 * literally ('#' and '?' are part of it), as pip */
		path = w;
	}
	if (path_is_dir(path)) {
		char real[PATH_MAX];
		d->is_dir = 1;
		d->dir = realpath(path, real) ? arena_strdup(a, real) : arena_strdup(a, path);
		return project_dir(d, a, err);
	}
	if (!path_is_file(path))
		return perr_set(err, PM_INPUT, "%s:%d: '%s' does not exist", e->file, e->line, path);
	if (e->editable)
		return perr_set(err, PM_INPUT, "%s:%d: '%s' is not a valid editable requirement: -e takes a local project directory",
				e->file, e->line, w);
	d->file.filename = arena_strdup(a, path_basename(path));
	if (!index_dist_filename(d->file.filename))
		return perr_set(err, PM_INPUT, "%s:%d: '%s' is not a wheel, an sdist or a project directory",
				e->file, e->line, path);
	{
		char real[PATH_MAX];
		d->file.url = realpath(path, real) ? arena_strdup(a, real) : arena_strdup(a, path);
	}
	d->file.local = 1;
	return archive_version(d, a, err);
}

const char *direct_ref_url(const struct direct_ref *d, struct arena *a)
{
	if (d->is_url)
		return d->file.sha256 ? arena_printf(a, "%s#sha256=%s", d->file.url, d->file.sha256) :
					d->file.url;
	const char *path = d->is_dir ? d->dir : d->file.url;
	struct strbuf sb = STRBUF_INIT;
	strbuf_addstr(&sb, "file://");
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    strchr("/-._~+@", *p))
			strbuf_addch(&sb, (char)*p);
		else
			strbuf_addf(&sb, "%%%02X", *p);
	}
	const char *out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}
