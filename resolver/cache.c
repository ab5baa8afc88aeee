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
	char *p = xstrdup(dir);

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

static char *page_path(const char *dir, const char *url, const char *ext)
{
	char h[65];
	struct strbuf sb = STRBUF_INIT;

	sha256_hex(url, strlen(url), h);
	strbuf_addf(&sb, "%s/pages/%s.%s", dir, h, ext);
	return strbuf_detach(&sb, NULL);
}

int cache_page_get(const char *dir, const char *url, struct strbuf *body, struct strbuf *etag,
		   struct strbuf *lastmod, struct strbuf *ctype)
{
	char *pb = page_path(dir, url, "body"), *pm = page_path(dir, url, "meta");
	struct strbuf meta = STRBUF_INIT;
	struct perr e = PERR_INIT;
	int found = 0;

	if (!strbuf_read_file(&meta, pm, 1 << 16, &e) && !strbuf_read_file(body, pb, 256u << 20, &e)) {
		/* meta: three lines: etag, last-modified, content-type */
		char *l1 = meta.buf, *l2 = strchr(l1, '\n'), *l3 = l2 ? strchr(l2 + 1, '\n') : NULL;
		if (l2 && l3) {
			strbuf_add(etag, l1, l2 - l1);
			strbuf_add(lastmod, l2 + 1, l3 - l2 - 1);
			strbuf_add(ctype, l3 + 1, strcspn(l3 + 1, "\n"));
			found = 1;
		}
	}
	strbuf_release(&meta);
	free(pb);
	free(pm);
	return found;
}

void cache_page_put(const char *dir, const char *url, const char *body, size_t n,
		    const char *etag, const char *lastmod, const char *ctype)
{
	char *pb = page_path(dir, url, "body"), *pm = page_path(dir, url, "meta");
	struct strbuf sub = STRBUF_INIT, meta = STRBUF_INIT;
	struct perr e = PERR_INIT;

	strbuf_addf(&sub, "%s/pages", dir);
	/* a cache that cannot be written is not an error: the run goes on */
	if (!cache_mkdirs(sub.buf, &e)) {
		strbuf_addf(&meta, "%s\n%s\n%s\n", etag ? etag : "", lastmod ? lastmod : "",
			    ctype ? ctype : "");
		if (!write_file_atomic(pb, body, n, &e))
			write_file_atomic(pm, meta.buf, meta.len, &e);
	}
	strbuf_release(&sub);
	strbuf_release(&meta);
	free(pb);
	free(pm);
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
