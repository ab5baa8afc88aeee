/* cache.c: the download cache under $XDG_CACHE_HOME/pymode-pkg (or
 * --cache-dir): index pages keyed by URL with their ETag/Last-Modified,
 * distribution files keyed by sha256, SHA-256 helpers, and the host
 * interpreter's version (asked of python3 once per interpreter). Every write
 * goes to a temporary file renamed into place. No network here (index.c). */
#include "resolve.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char *cache_default_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *h = getenv("HOME");
	struct strbuf sb = STRBUF_INIT;

	if (x && *x == '/')
		strbuf_addf(&sb, "%s/pymode-pkg", x);
	else if (h && *h)
		strbuf_addf(&sb, "%s/.cache/pymode-pkg", h);
	else
		strbuf_addstr(&sb, ".pymode-pkg-cache");
	return strbuf_detach(&sb, NULL);
}

int cache_mkdirs(const char *dir, struct perr *err)
{
	char *p;

	/* the common cases: it exists, or only its last level is missing */
	if (path_is_dir(dir) || !mkdir(dir, 0755))
		return 0;
	p = xstrdup(dir);

	for (char *s = p + 1; ; s++) {
		if (*s == '/' || !*s) {
			char c = *s;
			*s = 0;
			if (mkdir(p, 0755) && errno != EEXIST) {
				int e = errno;
				free(p);
				return perr_set(err, PM_INPUT, "cannot create cache directory '%s': %s", dir,
						strerror(e));
			}
			*s = c;
			if (!c)
				break;
		}
	}
	free(p);
	return 0;
}

static void hex(const unsigned char d[32], char out[65])
{
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

void sha256_final_hex(struct sha256 *c, char out[65])
{
	unsigned char d[32];

	sha256_final(c, d);
	hex(d, out);
}

void sha256_hex(const void *data, size_t n, char out[65])
{
	struct sha256 c;
	unsigned char d[32];

	sha256_init(&c);
	sha256_update(&c, data, n);
	sha256_final(&c, d);
	hex(d, out);
}

int sha256_file_hex(const char *path, char out[65], struct perr *err)
{
	FILE *f = fopen(path, "rb");
	struct sha256 c;
	unsigned char d[32], buf[65536];
	size_t n;

	if (!f)
		return perr_set(err, PM_INPUT, "cannot open '%s': %s", path, strerror(errno));
	sha256_init(&c);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sha256_update(&c, buf, n);
	if (ferror(f)) {
		fclose(f);
		return perr_set(err, PM_INPUT, "cannot read '%s'", path);
	}
	fclose(f);
	sha256_final(&c, d);
	hex(d, out);
	return 0;
}

int digest_file_hex(const char *path, enum digest_algo a, char out[129], struct perr *err)
{
	FILE *f = fopen(path, "rb");
	struct digest d;
	unsigned char buf[65536];
	size_t n;

	if (!f)
		return perr_set(err, PM_INPUT, "cannot open '%s': %s", path, strerror(errno));
	digest_init(&d, a);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		digest_update(&d, buf, n);
	if (ferror(f)) {
		fclose(f);
		return perr_set(err, PM_INPUT, "cannot read '%s'", path);
	}
	fclose(f);
	digest_final_hex(&d, out);
	return 0;
}

/* one file per page: "<etag>\n<last-modified>\n<content-type>\n" then
 * the body, so a page and its validators are replaced together */
static char *page_path(const char *dir, const char *url)
{
	char h[65];
	struct strbuf sb = STRBUF_INIT;

	sha256_hex(url, strlen(url), h);
	strbuf_addf(&sb, "%s/pages/%s.page", dir, h);
	return strbuf_detach(&sb, NULL);
}

int cache_page_get(const char *dir, const char *url, struct strbuf *body, struct strbuf *etag,
		   struct strbuf *lastmod, struct strbuf *ctype)
{
	char *pp = page_path(dir, url);
	struct strbuf page = STRBUF_INIT;
	struct perr e = PERR_INIT;
	int found = 0;

	if (!strbuf_read_file(&page, pp, 256u << 20, &e)) {
		char *l1 = page.buf, *l2 = memchr(l1, '\n', page.len);
		char *l3 = l2 ? memchr(l2 + 1, '\n', page.len - (size_t)(l2 + 1 - l1)) : NULL;
		char *l4 = l3 ? memchr(l3 + 1, '\n', page.len - (size_t)(l3 + 1 - l1)) : NULL;
		if (l4) {
			strbuf_add(etag, l1, (size_t)(l2 - l1));
			strbuf_add(lastmod, l2 + 1, (size_t)(l3 - l2 - 1));
			strbuf_add(ctype, l3 + 1, (size_t)(l4 - l3 - 1));
			strbuf_add(body, l4 + 1, page.len - (size_t)(l4 + 1 - l1));
			found = 1;
		}
	}
	strbuf_release(&page);
	free(pp);
	return found;
}

/* a validator with a line break would corrupt the page file: drop it */
static const char *one_line(const char *v)
{
	return v && !strchr(v, '\n') ? v : "";
}

void cache_page_put(const char *dir, const char *url, const char *body, size_t n,
		    const char *etag, const char *lastmod, const char *ctype)
{
	char *pp = page_path(dir, url);
	struct strbuf sub = STRBUF_INIT, page = STRBUF_INIT;
	struct perr e = PERR_INIT;

	strbuf_addf(&sub, "%s/pages", dir);
	/* a cache that cannot be written is not an error: the run goes on */
	if (!cache_mkdirs(sub.buf, &e)) {
		strbuf_addf(&page, "%s\n%s\n%s\n", one_line(etag), one_line(lastmod), one_line(ctype));
		strbuf_add(&page, body, n);
		write_file_atomic(pp, page.buf, page.len, &e);
	}
	strbuf_release(&sub);
	strbuf_release(&page);
	free(pp);
}

char *cache_file_path(const char *dir, const char *sha256, const char *filename)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/files/%s/%s", dir, sha256, filename);
	return strbuf_detach(&sb, NULL);
}

/* the file's directory made, *path_out its path (malloc'd) */
static int file_dest(const char *dir, const char *sha256, const char *filename,
		     char **path_out, struct perr *err)
{
	struct strbuf sub = STRBUF_INIT;
	int rc;

	strbuf_addf(&sub, "%s/files/%s", dir, sha256);
	rc = cache_mkdirs(sub.buf, err);
	strbuf_release(&sub);
	if (!rc)
		*path_out = cache_file_path(dir, sha256, filename);
	return rc;
}

int cache_file_put(const char *dir, const char *sha256, const char *filename, const void *data,
		   size_t n, char **path_out, struct perr *err)
{
	int rc = file_dest(dir, sha256, filename, path_out, err);

	if (rc)
		return rc;
	rc = write_file_atomic(*path_out, data, n, err);
	if (rc) {
		free(*path_out);
		*path_out = NULL;
	}
	return rc;
}

int cache_file_adopt(const char *dir, const char *sha256, const char *filename,
		     const char *tmp, char **path_out, struct perr *err)
{
	int rc = file_dest(dir, sha256, filename, path_out, err);

	if (rc)
		return rc;
	if (rename(tmp, *path_out)) {
		rc = perr_set(err, PM_INPUT, "'%s': %s", *path_out, strerror(errno));
		free(*path_out);
		*path_out = NULL;
	}
	return rc;
}

char *cache_meta_path(const char *dir, const char *sha256)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addf(&sb, "%s/metadata/%s", dir, sha256);
	return strbuf_detach(&sb, NULL);
}

int cache_meta_put(const char *dir, const char *sha256, const void *data, size_t n,
		   struct perr *err)
{
	struct strbuf sub = STRBUF_INIT;
	char *path;
	int rc;

	strbuf_addf(&sub, "%s/metadata", dir);
	rc = cache_mkdirs(sub.buf, err);
	strbuf_release(&sub);
	if (rc)
		return rc;
	path = cache_meta_path(dir, sha256);
	rc = write_file_atomic(path, data, n, err);
	free(path);
	return rc;
}

/* ---- the host interpreter ---- */

/* the first line of path (without its newline) appended to sb, if any */
static void add_first_line(struct strbuf *sb, const char *path)
{
	char line[256];
	FILE *f = fopen(path, "r");

	if (!f)
		return;
	if (fgets(line, sizeof(line), f))
		strbuf_add(sb, line, strcspn(line, "\r\n"));
	fclose(f);
}

/* what decides which interpreter a script on PATH (a pyenv shim) runs:
 * $PYENV_VERSION, the nearest .python-version up from the working
 * directory, $PYENV_ROOT/version */
static void add_shim_key(struct strbuf *key)
{
	const char *v = getenv("PYENV_VERSION"), *root = getenv("PYENV_ROOT"), *home = getenv("HOME");
	char dir[PATH_MAX];

	strbuf_addf(key, "\tenv=%s\tlocal=", v ? v : "");
	if (getcwd(dir, sizeof(dir))) {
		for (;;) {
			char *slash;
			struct strbuf p = STRBUF_INIT;
			strbuf_addf(&p, "%s/.python-version", dir);
			if (!access(p.buf, R_OK)) {
				add_first_line(key, p.buf);
				strbuf_release(&p);
				break;
			}
			strbuf_release(&p);
			slash = strrchr(dir, '/');
			if (!slash || slash == dir)
				break;
			*slash = 0;
		}
	}
	strbuf_addstr(key, "\tglobal=");
	if (root && *root) {
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/version", root);
		add_first_line(key, p.buf);
		strbuf_release(&p);
	} else if (home && *home) {
		struct strbuf p = STRBUF_INIT;
		strbuf_addf(&p, "%s/.pyenv/version", home);
		add_first_line(key, p.buf);
		strbuf_release(&p);
	}
}

/* the cache key of python3 on PATH: its real path, size and mtime (plus
 * add_shim_key's for a script); 0, or -1 when there is no python3 */
static int python_key(struct strbuf *key)
{
	const char *path = getenv("PATH");
	char real[PATH_MAX], head[2] = "";

	for (const char *p = path && *path ? path : "/usr/bin:/bin"; ; ) {
		size_t n = strcspn(p, ":");
		struct strbuf cand = STRBUF_INIT;
		struct stat st;
		strbuf_addf(&cand, "%.*s/python3", (int)n, n ? p : ".");
		if (!access(cand.buf, X_OK) && realpath(cand.buf, real) && !stat(real, &st) &&
		    S_ISREG(st.st_mode)) {
			FILE *f = fopen(real, "rb");
			if (f) {
				if (fread(head, 1, 2, f) != 2)
					head[0] = 0;
				fclose(f);
			}
			strbuf_addf(key, "python3=%s\tsize=%lld\tmtime=%lld.%09ld", real,
				    (long long)st.st_size, (long long)st.st_mtim.tv_sec,
				    (long)st.st_mtim.tv_nsec);
			if (head[0] == '#' && head[1] == '!')
				add_shim_key(key);
			strbuf_release(&cand);
			return 0;
		}
		strbuf_release(&cand);
		if (!p[n])
			return -1;
		p += n + 1;
	}
}

static int valid_python_version(const char *s, int *maj, int *min)
{
	char tail;

	return sscanf(s, "%d.%d%c", maj, min, &tail) == 3 && tail == '\n' && *maj >= 2 &&
	       *maj <= 9 && *min >= 0 && *min <= 99;
}

const char *cache_host_python(const char *cache_dir, struct arena *a)
{
	char *dir = cache_dir ? xstrdup(cache_dir) : cache_default_dir();
	struct strbuf key = STRBUF_INIT, path = STRBUF_INIT, old = STRBUF_INIT;
	const char *out = NULL;
	char buf[32] = "";
	int maj, min;
	FILE *p;

	if (python_key(&key))
		goto done; /* no python3 on PATH: the caller's default */
	strbuf_addch(&key, '\n');
	strbuf_addf(&path, "%s/host-python", dir);
	if (!strbuf_read_file(&old, path.buf, 4096, NULL) && old.len > key.len &&
	    !memcmp(old.buf, key.buf, key.len) &&
	    valid_python_version(old.buf + key.len, &maj, &min)) {
		out = arena_printf(a, "%d.%d", maj, min);
		goto done;
	}
	p = popen("python3 -c 'import sys; print(\"%d.%d\" % sys.version_info[:2])' 2>/dev/null", "r");
	if (!p)
		goto done;
	if (!fgets(buf, sizeof(buf), p))
		buf[0] = 0;
	pclose(p);
	if (!valid_python_version(buf, &maj, &min))
		goto done;
	out = arena_printf(a, "%d.%d", maj, min);
	strbuf_addf(&key, "%d.%d\n", maj, min);
	/* a cache that cannot be written costs the next run 0.2 s, nothing more */
	if (!cache_mkdirs(dir, NULL))
		write_file_atomic(path.buf, key.buf, key.len, NULL);
done:
	strbuf_release(&key);
	strbuf_release(&path);
	strbuf_release(&old);
	free(dir);
	return out;
}
