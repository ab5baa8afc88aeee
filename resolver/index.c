/* index.c: the package-index client: HTTP(S) over libcurl (sequential
 * transfers, retries with backoff on 5xx and timeouts, TLS verification,
 * --cert, proxies from the environment), project pages from --find-links
 * directories and PEP 503/691 indexes with cache revalidation, downloads
 * verified against their sha256. Choosing versions is resolve.c's job. */
#include "resolve.h"

#include <ctype.h>
#include <curl/curl.h>
#include <dirent.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

struct http {
	CURL *curl;
	long timeout_ms;
	const char *cert;
	struct arena arena;
};

int http_open(struct http **out, const struct resolve_options *o, struct perr *err)
{
	static int inited;
	struct http *h;

	if (!inited) {
		if (curl_global_init(CURL_GLOBAL_DEFAULT))
			return perr_set(err, PM_INPUT, "cannot initialise libcurl");
		inited = 1;
	}
	h = xcalloc(1, sizeof(*h));
	h->curl = curl_easy_init();
	if (!h->curl) {
		free(h);
		return perr_set(err, PM_INPUT, "cannot initialise libcurl");
	}
	h->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 30000;
	h->cert = o->cert;
	*out = h;
	return 0;
}

void http_close(struct http *h)
{
	if (!h)
		return;
	curl_easy_cleanup(h->curl);
	arena_release(&h->arena);
	free(h);
}

void http_reply_release(struct http_reply *r)
{
	strbuf_release(&r->body);
	strbuf_release(&r->etag);
	strbuf_release(&r->lastmod);
	strbuf_release(&r->ctype);
}

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct strbuf *sb = ctx;
	return strbuf_add(sb, p, size * n) ? 0 : size * n;
}

static void header_value(struct strbuf *dst, const char *p, size_t n)
{
	while (n && isspace((unsigned char)*p))
		p++, n--;
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	strbuf_reset(dst);
	strbuf_add(dst, p, n);
}

static size_t on_header(char *p, size_t size, size_t n, void *ctx)
{
	struct http_reply *r = ctx;
	size_t len = size * n;
	static const char *names[] = { "etag:", "last-modified:", "content-type:" };
	struct strbuf *dst[] = { &r->etag, &r->lastmod, &r->ctype };

	if (len > 5 && !strncmp(p, "HTTP/", 5)) { /* a new response (redirect): forget the old */
		strbuf_reset(&r->etag);
		strbuf_reset(&r->lastmod);
		strbuf_reset(&r->ctype);
	}
	for (int i = 0; i < 3; i++) {
		size_t l = strlen(names[i]);
		if (len >= l && !strncasecmp(p, names[i], l))
			header_value(dst[i], p + l, len - l);
	}
	return len;
}

int http_get(struct http *h, const char *url, const char *accept, const char *etag,
	     const char *lastmod, struct http_reply *r, size_t max, struct perr *err)
{
	char errbuf[CURL_ERROR_SIZE];
	const char *shown = url_redact(&h->arena, url);
	CURLcode cc = CURLE_OK;

	for (int attempt = 0; attempt < 3; attempt++) {
		struct curl_slist *hdrs = NULL;
		char line[1200];

		if (attempt)
			usleep(200000u << (attempt - 1)); /* 0.2 s, 0.4 s */
		strbuf_reset(&r->body);
		r->body.max = max;
		r->status = 0;
		curl_easy_reset(h->curl);
		if (accept) {
			snprintf(line, sizeof(line), "Accept: %s", accept);
			hdrs = curl_slist_append(hdrs, line);
		}
		if (etag && *etag && strlen(etag) < 1000) {
			snprintf(line, sizeof(line), "If-None-Match: %s", etag);
			hdrs = curl_slist_append(hdrs, line);
		}
		if (lastmod && *lastmod && strlen(lastmod) < 1000) {
			snprintf(line, sizeof(line), "If-Modified-Since: %s", lastmod);
			hdrs = curl_slist_append(hdrs, line);
		}
		errbuf[0] = 0;
		curl_easy_setopt(h->curl, CURLOPT_URL, url);
		curl_easy_setopt(h->curl, CURLOPT_HTTPHEADER, hdrs);
		curl_easy_setopt(h->curl, CURLOPT_FOLLOWLOCATION, 1L);
		curl_easy_setopt(h->curl, CURLOPT_MAXREDIRS, 10L);
		curl_easy_setopt(h->curl, CURLOPT_PROTOCOLS_STR, "http,https,file");
		curl_easy_setopt(h->curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
		curl_easy_setopt(h->curl, CURLOPT_TIMEOUT_MS, h->timeout_ms);
		curl_easy_setopt(h->curl, CURLOPT_CONNECTTIMEOUT_MS, h->timeout_ms);
		curl_easy_setopt(h->curl, CURLOPT_ACCEPT_ENCODING, "");
		curl_easy_setopt(h->curl, CURLOPT_USERAGENT, "pymode-pkg/" PYMODE_VERSION);
		curl_easy_setopt(h->curl, CURLOPT_WRITEFUNCTION, on_body);
		curl_easy_setopt(h->curl, CURLOPT_WRITEDATA, &r->body);
		curl_easy_setopt(h->curl, CURLOPT_HEADERFUNCTION, on_header);
		curl_easy_setopt(h->curl, CURLOPT_HEADERDATA, r);
		curl_easy_setopt(h->curl, CURLOPT_ERRORBUFFER, errbuf);
		curl_easy_setopt(h->curl, CURLOPT_SSL_VERIFYPEER, 1L);
		curl_easy_setopt(h->curl, CURLOPT_SSL_VERIFYHOST, 2L);
		curl_easy_setopt(h->curl, CURLOPT_NOSIGNAL, 1L);
		if (h->cert)
			curl_easy_setopt(h->curl, CURLOPT_CAINFO, h->cert);
		cc = curl_easy_perform(h->curl);
		curl_slist_free_all(hdrs);
		curl_easy_getinfo(h->curl, CURLINFO_RESPONSE_CODE, &r->status);
		if (cc == CURLE_WRITE_ERROR && r->body.max && r->body.len + 1 >= r->body.max)
			return perr_set(err, PM_INPUT, "'%s': response larger than %zu bytes", shown, max);
		if (cc == CURLE_OK && r->status >= 500 && r->status < 600)
			continue;
		if (cc == CURLE_OPERATION_TIMEDOUT || cc == CURLE_PARTIAL_FILE ||
		    cc == CURLE_RECV_ERROR || cc == CURLE_GOT_NOTHING || cc == CURLE_COULDNT_CONNECT)
			continue;
		break;
	}
	if (cc != CURLE_OK)
		return perr_set(err, PM_INPUT, "'%s': %s", shown,
				errbuf[0] ? url_redact(&h->arena, errbuf) : curl_easy_strerror(cc));
	if (r->status >= 500)
		return perr_set(err, PM_INPUT, "'%s': HTTP %ld after 3 tries", shown, r->status);
	return 0;
}

/* ---- project pages ---- */

static int accept_filename(const char *fn)
{
	return *fn && *fn != '.' && !strchr(fn, '/') && !strchr(fn, '\\') &&
	       (ends_with(fn, ".whl") || ends_with(fn, ".tar.gz") || ends_with(fn, ".zip") ||
		ends_with(fn, ".tar.bz2") || ends_with(fn, ".tgz") || ends_with(fn, ".tar.xz"));
}

/* keeps the files of key whose names parse; fills version and is_wheel */
static void keep_matching(struct index_client *ic, const char *key, index_files *in,
			  index_files *out)
{
	struct perr e = PERR_INIT;

	for (size_t i = 0; i < in->n; i++) {
		struct index_file f = in->v[i];
		const char *name = NULL, *ver = NULL;
		struct wheel_name w;
		if (!accept_filename(f.filename))
			continue;
		memset(&w, 0, sizeof(w));
		f.is_wheel = ends_with(f.filename, ".whl");
		if (f.is_wheel) {
			if (!wheel_name_parse(&w, &ic->arena, f.filename, &e)) {
				name = w.name;
				ver = w.version;
			}
			wheel_name_release(&w);
		} else if (sdist_name_parse(&ic->arena, f.filename, &name, &ver, &e)) {
			name = NULL;
		}
		if (!name || !ver || strcmp(pep503_normalize(&ic->arena, name), key))
			continue;
		if (pep440_parse(&f.version, ver, strlen(ver), &e))
			continue;
		f.version_text = ver;
		*VEC_PUSH(out) = f;
	}
}

static int find_links_files(struct index_client *ic, const char *dir, index_files *out,
			    struct perr *err)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return perr_set(err, PM_INPUT, "cannot read --find-links directory '%s'", dir);
	while ((e = readdir(d))) {
		if (!accept_filename(e->d_name))
			continue;
		struct index_file *f = VEC_PUSH(out);
		memset(f, 0, sizeof(*f));
		f->filename = arena_strdup(&ic->arena, e->d_name);
		f->url = arena_printf(&ic->arena, "%s/%s", dir, e->d_name);
		f->local = 1;
	}
	closedir(d);
	return 0;
}

static int index_page(struct index_client *ic, const char *base, const char *key,
		      index_files *out, struct perr *err)
{
	struct http_reply r = { 0, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	struct strbuf cbody = STRBUF_INIT, cetag = STRBUF_INIT, clm = STRBUF_INIT, cct = STRBUF_INIT;
	const char *url = arena_printf(&ic->arena, "%s%s%s/", base,
				       ends_with(base, "/") ? "" : "/", key);
	int cached = cache_page_get(ic->cache_dir, url, &cbody, &cetag, &clm, &cct);
	const char *body, *ctype;
	size_t n;
	int rc;

	rc = http_get(ic->http, url,
		      "application/vnd.pypi.simple.v1+json, "
		      "application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01",
		      cached ? cetag.buf : NULL, cached ? clm.buf : NULL, &r, 64u << 20, err);
	ic->n_requests++;
	if (rc)
		goto out;
	if (r.status == 304 && cached) {
		body = cbody.buf, n = cbody.len, ctype = cct.buf;
	} else if (r.status == 404 || r.status == 410) {
		goto out; /* no such project on this index: no files, as pip */
	} else if (r.status != 200) {
		rc = perr_set(err, PM_INPUT, "'%s': HTTP %ld", url_redact(&ic->arena, url), r.status);
		goto out;
	} else {
		body = r.body.buf, n = r.body.len, ctype = r.ctype.buf;
		cache_page_put(ic->cache_dir, url, body, n, r.etag.buf, r.lastmod.buf, ctype);
	}
	if (strstr(ctype, "json"))
		rc = index_parse_json(body, n, url, &ic->arena, out, err);
	else
		rc = index_parse_html(body, n, url, &ic->arena, out, err);
	if (rc)
		perr_wrap(err, "'%s'", url_redact(&ic->arena, url));
out:
	http_reply_release(&r);
	strbuf_release(&cbody);
	strbuf_release(&cetag);
	strbuf_release(&clm);
	strbuf_release(&cct);
	return rc;
}

int index_project(struct index_client *ic, const char *key, index_files **out, struct perr *err)
{
	index_files *files = strmap_get(&ic->projects, key);
	index_files all = VEC_INIT;
	int rc = 0;

	if (files) {
		*out = files;
		return 0;
	}
	if (!ic->flfiles_loaded) {
		for (size_t i = 0; i < ic->n_find_links && !rc; i++)
			rc = find_links_files(ic, ic->find_links[i], &ic->flfiles, err);
		ic->flfiles_loaded = 1;
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < ic->flfiles.n; i++)
		*VEC_PUSH(&all) = ic->flfiles.v[i];
	for (size_t i = 0; i < ic->n_index_urls && !rc; i++)
		rc = index_page(ic, ic->index_urls[i], key, &all, err);
	if (rc) {
		VEC_FREE(&all);
		return rc;
	}
	files = xcalloc(1, sizeof(*files));
	keep_matching(ic, key, &all, files);
	VEC_FREE(&all);
	strmap_put(&ic->projects, key, NULL)->value = files;
	*out = files;
	return 0;
}

/* ---- downloads ---- */

static int check_hash(struct index_client *ic, const char *what, const char *want,
		      const char *got, struct perr *err)
{
	if (want && strcasecmp(want, got))
		return perr_set(err, PM_INPUT, "hash mismatch for '%s': expected sha256 %s, got %s",
				url_redact(&ic->arena, what), want, got);
	return 0;
}

int index_fetch(struct index_client *ic, struct index_file *f, const char **path,
		struct perr *err)
{
	struct http_reply r = { 0, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
	char got[65];
	char *p = NULL;
	int rc;

	if (f->path) {
		*path = f->path;
		return 0;
	}
	if (f->local) {
		rc = sha256_file_hex(f->url, got, err);
		if (!rc)
			rc = check_hash(ic, f->url, f->sha256, got, err);
		if (rc)
			return rc;
		f->sha256 = arena_strdup(&ic->arena, got);
		*path = f->path = f->url;
		return 0;
	}
	if (f->sha256 && strlen(f->sha256) == 64) {
		p = cache_file_path(ic->cache_dir, f->sha256, f->filename);
		if (!access(p, R_OK) && !sha256_file_hex(p, got, err) && !strcasecmp(got, f->sha256)) {
			*path = f->path = arena_strdup(&ic->arena, p);
			free(p);
			return 0;
		}
		free(p);
		p = NULL;
	}
	rc = http_get(ic->http, f->url, NULL, NULL, NULL, &r, 1024u << 20, err);
	ic->n_requests++;
	if (!rc && r.status != 200)
		rc = perr_set(err, PM_INPUT, "'%s': HTTP %ld", url_redact(&ic->arena, f->url), r.status);
	if (!rc) {
		sha256_hex(r.body.buf, r.body.len, got);
		rc = check_hash(ic, f->url, f->sha256, got, err);
	}
	if (!rc)
		rc = cache_file_put(ic->cache_dir, got, f->filename, r.body.buf, r.body.len, &p, err);
	if (!rc) {
		f->sha256 = arena_strdup(&ic->arena, got);
		*path = f->path = arena_strdup(&ic->arena, p);
	}
	free(p);
	http_reply_release(&r);
	return rc;
}

/* the METADATA (wheel) or PKG-INFO (sdist) member of a local archive */
static int read_archive_metadata(const char *path, int wheel, struct strbuf *out,
				 struct perr *err)
{
	struct source *s;
	struct member m;
	int rc, found = 0;

	rc = source_open(&s, path, err);
	if (rc)
		return rc;
	while ((rc = source_next(s, &m, err)) == 1) {
		const char *slash = strchr(m.name, '/');
		if (!slash || strchr(slash + 1, '/') || m.is_dir || !m.name_ok)
			continue;
		if (wheel ? (!strcmp(slash + 1, "METADATA") &&
			     slash - m.name > 10 && !strncmp(slash - 10, ".dist-info", 10))
			  : !strcmp(slash + 1, "PKG-INFO")) {
			rc = source_read(s, out, 16u << 20, err);
			found = 1;
			break;
		}
	}
	source_close(s);
	if (rc < 0)
		rc = PM_INPUT;
	if (!rc && !found)
		rc = perr_set(err, PM_INPUT, "'%s' has no %s", path, wheel ? "METADATA" : "PKG-INFO");
	return rc;
}

int index_metadata(struct index_client *ic, struct index_file *f, struct strbuf *out,
		   struct perr *err)
{
	const char *path;
	int rc;

	if (f->metadata_url && !f->local) {
		struct http_reply r = { 0, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT, STRBUF_INIT };
		char got[65];

		/* metadata files with a known sha256 are content: a warm cache
		 * answers them without a request */
		if (f->metadata_sha256 && ic->cache_dir) {
			char *cached = cache_file_path(ic->cache_dir, f->metadata_sha256, "METADATA");
			struct perr ignore = PERR_INIT;
			size_t before = out->len;
			int hit = path_is_file(cached) &&
				  !strbuf_read_file(out, cached, 16u << 20, &ignore);
			free(cached);
			if (hit) {
				sha256_hex(out->buf + before, out->len - before, got);
				if (!strcmp(got, f->metadata_sha256))
					return 0;
				strbuf_setlen(out, before); /* damaged entry: fetch again */
			}
		}
		rc = http_get(ic->http, f->metadata_url, NULL, NULL, NULL, &r, 16u << 20, err);
		ic->n_requests++;
		if (!rc && r.status == 200) {
			sha256_hex(r.body.buf, r.body.len, got);
			rc = check_hash(ic, f->metadata_url, f->metadata_sha256, got, err);
			if (!rc) {
				strbuf_add(out, r.body.buf, r.body.len);
				if (f->metadata_sha256 && ic->cache_dir) {
					char *stored = NULL;
					struct perr ignore = PERR_INIT;
					cache_file_put(ic->cache_dir, f->metadata_sha256, "METADATA",
						       r.body.buf, r.body.len, &stored, &ignore);
					free(stored);
				}
			}
			http_reply_release(&r);
			return rc;
		}
		http_reply_release(&r);
		if (rc)
			return rc;
		/* the index offered a metadata file it does not have: read the file */
	}
	rc = index_fetch(ic, f, &path, err);
	if (rc)
		return rc;
	return read_archive_metadata(path, f->is_wheel, out, err);
}

void index_client_release(struct index_client *ic)
{
	STRMAP_FOREACH(&ic->projects, e) {
		index_files *files = e->value;
		VEC_FREE(files);
		free(files);
	}
	strmap_release(&ic->projects);
	VEC_FREE(&ic->flfiles);
	http_close(ic->http);
	free(ic->cache_dir);
	arena_release(&ic->arena);
}
