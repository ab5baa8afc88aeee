/* cache.c: the download cache under $XDG_CACHE_HOME/pymode-pkg (or
 * --cache-dir): index pages keyed by URL with their ETag/Last-Modified,
 * distribution files keyed by sha256, and SHA-256 helpers. Every write goes
 * to a temporary file renamed into place. No network here (index.c). */
#include "resolve.h"

#include <errno.h>
#include <string.h>
#include <sys/stat.h>

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

int cache_file_put(const char *dir, const char *sha256, const char *filename, const void *data,
		   size_t n, char **path_out, struct perr *err)
{
	struct strbuf sub = STRBUF_INIT;
	int rc;

	strbuf_addf(&sub, "%s/files/%s", dir, sha256);
	rc = cache_mkdirs(sub.buf, err);
	strbuf_release(&sub);
	if (rc)
		return rc;
	*path_out = cache_file_path(dir, sha256, filename);
	rc = write_file_atomic(*path_out, data, n, err);
	if (rc) {
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
