/* index.c: the package-index client: project pages from --find-links
 * directories and PEP 503/691 indexes with cache revalidation, downloads
 * and PEP 658 metadata verified against their sha256, one at a time or in
 * parallel batches. The transfers are http.c's; choosing versions is
 * resolve.c's job. */
#include "resolve.h"

#include <dirent.h>
#include <string.h>
#include <unistd.h>

/* ---- project pages ---- */

int index_dist_filename(const char *fn)
{
	return fn && *fn && *fn != '.' && !strchr(fn, '/') && !strchr(fn, '\\') &&
	       (ends_with(fn, ".whl") || ends_with(fn, ".tar.gz") || ends_with(fn, ".zip") ||
		ends_with(fn, ".tar.bz2") || ends_with(fn, ".tgz") || ends_with(fn, ".tar.xz"));
}

const char *index_file_parse_name(struct arena *a, struct index_file *f)
{
	const char *name = NULL, *ver = NULL;
	struct perr e = PERR_INIT;
	struct wheel_name w;

	if (!index_dist_filename(f->filename))
		return NULL;
	memset(&w, 0, sizeof(w));
	f->is_wheel = ends_with(f->filename, ".whl");
	if (f->is_wheel) {
		if (!wheel_name_parse(&w, a, f->filename, &e)) {
			name = w.name;
			ver = w.version;
		}
		wheel_name_release(&w);
	} else if (sdist_name_parse(a, f->filename, &name, &ver, &e)) {
		name = NULL;
	}
	if (!name || !ver || pep440_parse(&f->version, ver, strlen(ver), &e))
		return NULL;
	f->version_text = ver;
	return name;
}

/* keeps the files of key whose names parse; fills version and is_wheel */
static void keep_matching(struct index_client *ic, const char *key, index_files *in,
			  index_files *out)
{
	for (size_t i = 0; i < in->n; i++) {
		struct index_file f = in->v[i];
		const char *name = index_file_parse_name(&ic->arena, &f);
		if (!name || strcmp(pep503_normalize(&ic->arena, name), key))
			continue;
		if (f.dropped) { /* said by the "no installable version" message */
			int created;
			struct strmap_entry *e = strmap_put(&ic->dropped, key, &created);
			if (created)
				e->value = xcalloc(1, sizeof(struct strbuf));
			struct strbuf *sb = e->value;
			const char *u = url_redact(&ic->arena, f.url);
			strbuf_addf(sb, "%s'%s' (%s): %s", sb->len ? "; " : "",
				    printable(&ic->arena, f.filename, strlen(f.filename)),
				    printable(&ic->arena, u, strlen(u)), f.dropped);
			continue;
		}
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
		if (!index_dist_filename(e->d_name))
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

#define PAGE_ACCEPT "application/vnd.pypi.simple.v1+json, " \
	"application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01"

/* one project page of one index: its URL, the cached copy and the job */
struct page_req {
	const char *url;
	int cached;
	struct strbuf cbody, cetag, clm, cct;
};

static void sync_progress(struct index_client *ic)
{
	http_progress(ic->http, ic->progress);
}

static void page_prepare(struct index_client *ic, const char *base, const char *key,
			 struct page_req *pr, struct http_job *j)
{
	memset(pr, 0, sizeof(*pr));
	memset(j, 0, sizeof(*j));
	pr->cbody = pr->cetag = pr->clm = pr->cct = (struct strbuf)STRBUF_INIT;
	pr->url = arena_printf(&ic->arena, "%s%s%s/", base, ends_with(base, "/") ? "" : "/", key);
	pr->cached = cache_page_get(ic->cache_dir, pr->url, &pr->cbody, &pr->cetag, &pr->clm,
				    &pr->cct);
	j->url = pr->url;
	j->accept = PAGE_ACCEPT;
	j->etag = pr->cached ? pr->cetag.buf : NULL;
	j->lastmod = pr->cached ? pr->clm.buf : NULL;
	j->max = 64u << 20;
	j->kind = HTTP_PAGE;
	j->reply = (struct http_reply)HTTP_REPLY_INIT;
}

static void page_release(struct page_req *pr, struct http_job *j)
{
	http_reply_release(&j->reply);
	strbuf_release(&pr->cbody);
	strbuf_release(&pr->cetag);
	strbuf_release(&pr->clm);
	strbuf_release(&pr->cct);
}

/* the files of a transferred page (none for 404/410), cached when new */
static int page_finish(struct index_client *ic, struct page_req *pr, struct http_job *j,
		       index_files *out, int *found, struct perr *err)
{
	struct http_reply *r = &j->reply;
	const char *body, *ctype;
	size_t n;
	int rc;

	if (j->rc) {
		*err = j->err;
		return j->rc;
	}
	if (r->status == 404 || r->status == 410)
		return 0; /* no such project on this index: no files, as pip */
	*found = 1;
	if (r->status == 304 && pr->cached) {
		body = pr->cbody.buf, n = pr->cbody.len, ctype = pr->cct.buf;
	} else if (r->status != 200) {
		return perr_set(err, PM_INPUT, "'%s': HTTP %ld", url_redact(&ic->arena, pr->url),
				r->status);
	} else {
		body = r->body.buf, n = r->body.len, ctype = r->ctype.buf;
		cache_page_put(ic->cache_dir, pr->url, body, n, r->etag.buf, r->lastmod.buf, ctype);
	}
	if (strstr(ctype, "json"))
		rc = index_parse_json(body, n, pr->url, &ic->arena, out, err);
	else
		rc = index_parse_html(body, n, pr->url, &ic->arena, out, err);
	if (rc)
		perr_wrap(err, "'%s'", url_redact(&ic->arena, pr->url));
	return rc;
}

static int load_find_links(struct index_client *ic, struct perr *err)
{
	int rc = 0;

	if (ic->flfiles_loaded)
		return 0;
	for (size_t i = 0; i < ic->n_find_links && !rc; i++)
		rc = find_links_files(ic, ic->find_links[i], &ic->flfiles, err);
	ic->flfiles_loaded = 1;
	return rc;
}

int index_load_find_links(struct index_client *ic, struct perr *err)
{
	return load_find_links(ic, err);
}

static index_files *store_project(struct index_client *ic, const char *key, index_files *all,
				  int found)
{
	index_files *files = xcalloc(1, sizeof(*files));

	keep_matching(ic, key, all, files);
	if (!found && !files->n && !strmap_has(&ic->dropped, key))
		strmap_put(&ic->absent, key, NULL);
	strmap_put(&ic->projects, key, NULL)->value = files;
	return files;
}

int index_project(struct index_client *ic, const char *key, index_files **out, struct perr *err)
{
	index_files *files = strmap_get(&ic->projects, key);
	struct perr *failed = strmap_get(&ic->failed, key);
	index_files all = VEC_INIT;
	int rc = 0;

	if (!files && failed) { /* its deadline is spent: the same answer */
		if (err)
			*err = *failed;
		return failed->code ? failed->code : PM_INPUT;
	}

	if (files) {
		*out = files;
		return 0;
	}
	rc = load_find_links(ic, err);
	if (rc)
		return rc;
	for (size_t i = 0; i < ic->flfiles.n; i++)
		*VEC_PUSH(&all) = ic->flfiles.v[i];
	int found = 0;
	for (size_t i = 0; i < ic->n_index_urls && !rc; i++) {
		struct page_req pr;
		struct http_job j;
		page_prepare(ic, ic->index_urls[i], key, &pr, &j);
		sync_progress(ic);
		http_get_many(ic->http, &j, 1, NULL);
		ic->n_requests++;
		rc = page_finish(ic, &pr, &j, &all, &found, err);
		page_release(&pr, &j);
	}
	if (rc) {
		VEC_FREE(&all);
		return rc;
	}
	*out = store_project(ic, key, &all, found);
	VEC_FREE(&all);
	return 0;
}

void index_prefetch(struct index_client *ic, const char *const *keys, size_t n)
{
	struct strmap want = STRMAP_INIT;
	VEC(const char *) todo = VEC_INIT;
	struct page_req *prs;
	struct http_job *jobs;
	size_t nu = ic->n_index_urls, m;
	struct perr e = PERR_INIT;

	if (!ic->http || !nu || load_find_links(ic, &e))
		return; /* index_project reports the find-links error */
	for (size_t i = 0; i < n; i++) {
		int created = 0;
		if (!keys[i] || strmap_has(&ic->projects, keys[i]) || strmap_has(&ic->failed, keys[i]))
			continue;
		strmap_put(&want, keys[i], &created);
		if (created)
			*VEC_PUSH(&todo) = keys[i];
	}
	strmap_release(&want);
	if (!todo.n)
		return;
	m = todo.n * nu;
	prs = xcalloc(m, sizeof(*prs));
	jobs = xcalloc(m, sizeof(*jobs));
	for (size_t k = 0; k < todo.n; k++)
		for (size_t i = 0; i < nu; i++)
			page_prepare(ic, ic->index_urls[i], todo.v[k], &prs[k * nu + i], &jobs[k * nu + i]);
	sync_progress(ic);
	http_get_many(ic->http, jobs, m, NULL);
	ic->n_requests += m;
	for (size_t k = 0; k < todo.n; k++) {
		index_files all = VEC_INIT;
		int rc = 0, found = 0;
		for (size_t i = 0; i < ic->flfiles.n; i++)
			*VEC_PUSH(&all) = ic->flfiles.v[i];
		for (size_t i = 0; i < nu && !rc; i++)
			rc = page_finish(ic, &prs[k * nu + i], &jobs[k * nu + i], &all, &found, &e);
		if (!rc) {
			store_project(ic, todo.v[k], &all, found);
		} else {
			struct perr *copy = xmalloc(sizeof(*copy));
			*copy = e;
			strmap_put(&ic->failed, todo.v[k], NULL)->value = copy;
		}
		VEC_FREE(&all);
	}
	for (size_t i = 0; i < m; i++)
		page_release(&prs[i], &jobs[i]);
	free(prs);
	free(jobs);
	VEC_FREE(&todo);
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

/* a file's digests, each computed once, when first asked for */
struct file_digests {
	const char *path;
	char hex[DIGEST_N][129];
	unsigned char have[DIGEST_N];
};

static const char *file_digest(struct file_digests *fd, int algo, struct perr *err)
{
	if (!fd->have[algo]) {
		if (digest_file_hex(fd->path, algo, fd->hex[algo], err))
			return NULL;
		fd->have[algo] = 1;
	}
	return fd->hex[algo];
}

/* "NAME:HEX" -> the algorithm (-1 when NAME is none pip knows) and HEX */
static int hash_spec(const char *spec, const char **hex)
{
	const char *colon = strchr(spec, ':');

	if (!colon)
		return -1;
	*hex = colon + 1;
	return digest_algo_find(spec, (size_t)(colon - spec));
}

static int check_allowed(struct index_client *ic, const struct index_file *f,
			 struct file_digests *fd, struct perr *err)
{
	struct strbuf want = STRBUF_INIT, has = STRBUF_INIT;
	int rc;

	if (!f->n_allowed)
		return 0;
	for (size_t i = 0; i < f->n_allowed; i++) {
		const char *hex, *d;
		int algo = hash_spec(f->allowed[i], &hex);
		if (algo < 0)
			continue;
		if (!(d = file_digest(fd, algo, err)))
			return err->code;
		if (!strcasecmp(d, hex))
			return 0;
	}
	/* "sha256 A, B or sha512 C": each algorithm once, weakest first */
	for (int algo = 0; algo < DIGEST_N; algo++) {
		int first = 1;
		for (size_t i = 0; i < f->n_allowed; i++) {
			const char *hex;
			if (hash_spec(f->allowed[i], &hex) != algo)
				continue;
			if (first)
				strbuf_addf(&want, "%s%s ", want.len ? " or " : "", digest_name(algo));
			else
				strbuf_addstr(&want, ", ");
			strbuf_addstr(&want, hex);
			first = 0;
		}
		if (fd->have[algo])
			strbuf_addf(&has, "%s%s %s", has.len ? ", " : "", digest_name(algo),
				    fd->hex[algo]);
	}
	rc = perr_set(err, PM_INPUT, "hash mismatch for '%s': %s allows %s; the file has %s",
		      url_redact(&ic->arena, f->url), f->allowed_where ? f->allowed_where : "--hash",
		      want.buf, has.buf);
	strbuf_release(&want);
	strbuf_release(&has);
	return rc;
}

int index_check_file(struct index_client *ic, const struct index_file *f, const char *path,
		     const char *got, struct perr *err)
{
	struct file_digests fd;
	const char *hex, *d;
	int algo;

	memset(&fd, 0, sizeof(fd));
	fd.path = path;
	memcpy(fd.hex[DIGEST_SHA256], got, 65);
	fd.have[DIGEST_SHA256] = 1;
	if (f->sha256)
		return check_hash(ic, f->url, f->sha256, got, err) ? err->code
			: check_allowed(ic, f, &fd, err);
	if (f->link_hash && (algo = hash_spec(f->link_hash, &hex)) >= 0) {
		if (!(d = file_digest(&fd, algo, err)))
			return err->code;
		if (strcasecmp(d, hex))
			return perr_set(err, PM_INPUT, "hash mismatch for '%s': expected %s %s, got %s",
					url_redact(&ic->arena, f->url), digest_name(algo), hex, d);
	}
	return check_allowed(ic, f, &fd, err);
}

static int fetch_local(struct index_client *ic, struct index_file *f, struct perr *err)
{
	char got[65];
	int rc = sha256_file_hex(f->url, got, err);

	if (!rc)
		rc = index_check_file(ic, f, f->url, got, err);
	if (rc)
		return rc;
	f->sha256 = arena_strdup(&ic->arena, got);
	f->path = f->url;
	return 0;
}

/* 1 when the cache holds f under its known hash (f->path then set) */
static int fetch_cached(struct index_client *ic, struct index_file *f)
{
	struct perr ignore = PERR_INIT;
	char got[65];
	char *p;
	int hit;

	if (!f->sha256 || strlen(f->sha256) != 64)
		return 0;
	p = cache_file_path(ic->cache_dir, f->sha256, f->filename);
	hit = !access(p, R_OK) && !sha256_file_hex(p, got, &ignore) && !strcasecmp(got, f->sha256);
	if (hit)
		f->path = arena_strdup(&ic->arena, p);
	free(p);
	return hit;
}

/* a downloaded file: status, hash, then into the cache */
static int fetch_finish(struct index_client *ic, struct index_file *f, struct http_job *j,
			struct perr *err)
{
	struct http_reply *r = &j->reply;
	char got[65];
	char *p = NULL;
	int rc = j->rc;

	if (rc)
		*err = j->err;
	if (!rc && r->status != 200)
		rc = perr_set(err, PM_INPUT, "'%s': HTTP %ld", url_redact(&ic->arena, f->url), r->status);
	if (!rc && !r->file)
		rc = perr_set(err, PM_INPUT, "'%s': no body", url_redact(&ic->arena, f->url));
	if (!rc) {
		memcpy(got, r->sha256, sizeof(got));
		rc = index_check_file(ic, f, r->file, got, err);
	}
	if (!rc)
		rc = cache_file_adopt(ic->cache_dir, got, f->filename, r->file, &p, err);
	if (!rc) {
		free(r->file); /* renamed into the cache: no longer the reply's to remove */
		r->file = NULL;
		f->sha256 = arena_strdup(&ic->arena, got);
		f->path = arena_strdup(&ic->arena, p);
	}
	free(p);
	return rc;
}

int index_fetch_many(struct index_client *ic, struct index_file **files, size_t n,
		     struct perr *err)
{
	struct strmap seen = STRMAP_INIT;
	struct perr *errs;
	int *rcs;
	size_t *job_of, *dup_of, nj = 0;
	struct http_job *jobs;
	struct perr *failed;
	char *tmp_dir;
	int rc = 0;

	if (!n)
		return 0;
	/* downloads stream here, beside the files they become (one rename) */
	tmp_dir = path_join(ic->cache_dir ? ic->cache_dir : ".", "tmp");
	errs = xcalloc(n, sizeof(*errs));
	rcs = xcalloc(n, sizeof(*rcs));
	job_of = xcalloc(n, sizeof(*job_of));
	dup_of = xcalloc(n, sizeof(*dup_of));
	jobs = xcalloc(n, sizeof(*jobs));
	for (size_t i = 0; i < n; i++) {
		struct index_file *f = files[i];
		struct strmap_entry *e;
		int created = 0;

		job_of[i] = dup_of[i] = (size_t)-1;
		if (f->path)
			continue;
		if (f->local) {
			rcs[i] = fetch_local(ic, f, &errs[i]);
			continue;
		}
		e = strmap_put(&seen, f->url, &created);
		if (!created) { /* listed twice: settled after the first */
			dup_of[i] = (size_t)(uintptr_t)e->value - 1;
			continue;
		}
		e->value = (void *)(uintptr_t)(i + 1);
		if (fetch_cached(ic, f)) { /* its hash checked; --hash values too */
			if ((rcs[i] = index_check_file(ic, f, f->path, f->sha256, &errs[i])))
				f->path = NULL;
			continue;
		}
		if ((failed = strmap_get(&ic->failed, f->url))) {
			errs[i] = *failed;
			rcs[i] = failed->code ? failed->code : PM_INPUT;
			continue;
		}
		if (!ic->http) {
			rcs[i] = perr_set(&errs[i], PM_INPUT, "'%s': no index to download from",
					  url_redact(&ic->arena, f->url));
			continue;
		}
		job_of[i] = nj;
		memset(&jobs[nj], 0, sizeof(jobs[nj]));
		jobs[nj].url = f->url;
		jobs[nj].max = 1024u << 20;
		jobs[nj].sink_dir = tmp_dir;
		jobs[nj].kind = HTTP_FILE;
		jobs[nj].reply = (struct http_reply)HTTP_REPLY_INIT;
		nj++;
	}
	strmap_release(&seen);
	if (nj) {
		sync_progress(ic);
		http_get_many(ic->http, jobs, nj, NULL);
		ic->n_requests += nj;
	}
	for (size_t i = 0; i < n; i++) {
		if (job_of[i] != (size_t)-1) {
			rcs[i] = fetch_finish(ic, files[i], &jobs[job_of[i]], &errs[i]);
			http_reply_release(&jobs[job_of[i]].reply);
			if (rcs[i]) {
				struct perr *copy = xmalloc(sizeof(*copy));
				*copy = errs[i];
				strmap_put(&ic->failed, files[i]->url, NULL)->value = copy;
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		struct index_file *f = files[i], *first;
		size_t d = dup_of[i];
		if (d == (size_t)-1 || f->path)
			continue;
		first = files[d];
		if (rcs[d]) {
			rcs[i] = rcs[d];
			errs[i] = errs[d];
		} else if (!(rcs[i] = index_check_file(ic, f, first->path, first->sha256, &errs[i]))) {
			f->sha256 = first->sha256;
			f->path = first->path;
		}
	}
	for (size_t i = 0; i < n && !rc; i++)
		if (rcs[i]) {
			rc = rcs[i];
			if (err)
				*err = errs[i];
		}
	free(errs);
	free(rcs);
	free(job_of);
	free(dup_of);
	free(jobs);
	free(tmp_dir);
	return rc;
}

int index_fetch(struct index_client *ic, struct index_file *f, const char **path,
		struct perr *err)
{
	int rc = index_fetch_many(ic, &f, 1, err);

	if (!rc)
		*path = f->path;
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

/* index_metadata_prefetch's answer for a metadata URL the index does not
 * serve (a status other than 200): read the distribution instead */
static struct strbuf meta_absent;

/* read_archive_metadata once per file: the prefetcher and the solver both
 * ask for a downloaded wheel's METADATA, and a wheel's central directory
 * (numpy's has ~900 entries) is not worth reading twice */
static int file_metadata(struct index_client *ic, const char *path, int wheel,
			 struct strbuf *out, struct perr *err)
{
	struct strbuf *kept = strmap_get(&ic->file_metadata, path);

	if (!kept) {
		struct strbuf sb = STRBUF_INIT;
		int rc = read_archive_metadata(path, wheel, &sb, err);
		if (rc) {
			strbuf_release(&sb);
			return rc;
		}
		kept = xmalloc(sizeof(*kept));
		*kept = sb;
		kept->max = 0;
		strmap_put(&ic->file_metadata, path, NULL)->value = kept;
	}
	strbuf_add(out, kept->buf, kept->len);
	return 0;
}

/* 1 when the cache holds f's metadata under its known hash (appended) */
static int meta_cached(struct index_client *ic, struct index_file *f, struct strbuf *out)
{
	struct perr ignore = PERR_INIT;
	size_t before = out->len;
	char got[65];
	char *cached;
	int hit;

	/* metadata files with a known sha256 are content: a warm cache
	 * answers them without a request */
	if (!f->metadata_sha256 || !ic->cache_dir)
		return 0;
	cached = cache_meta_path(ic->cache_dir, f->metadata_sha256);
	hit = !strbuf_read_file(out, cached, 16u << 20, &ignore);
	free(cached);
	if (!hit)
		return 0;
	sha256_hex(out->buf + before, out->len - before, got);
	if (!strcmp(got, f->metadata_sha256))
		return 1;
	strbuf_setlen(out, before); /* damaged entry: fetch again */
	return 0;
}

static void meta_job(struct http_job *j, struct index_file *f)
{
	memset(j, 0, sizeof(*j));
	j->url = f->metadata_url;
	j->max = 16u << 20;
	j->kind = HTTP_META;
	j->reply = (struct http_reply)HTTP_REPLY_INIT;
}

/* a 200 metadata reply: verified, then cached when its hash is known */
static int meta_finish(struct index_client *ic, struct index_file *f, struct http_reply *r,
		       struct perr *err)
{
	char got[65];
	int rc;

	sha256_hex(r->body.buf, r->body.len, got);
	rc = check_hash(ic, f->metadata_url, f->metadata_sha256, got, err);
	if (!rc && !f->metadata_sha256 && f->metadata_hash) {
		char other[129];
		const char *hex;
		int algo = hash_spec(f->metadata_hash, &hex);
		if (algo >= 0) {
			digest_hex(algo, r->body.buf, r->body.len, other);
			if (strcasecmp(other, hex))
				rc = perr_set(err, PM_INPUT, "hash mismatch for '%s': expected %s %s, got %s",
					      url_redact(&ic->arena, f->metadata_url), digest_name(algo),
					      hex, other);
		}
	}
	if (!rc && f->metadata_sha256 && ic->cache_dir) {
		struct perr ignore = PERR_INIT;
		cache_meta_put(ic->cache_dir, f->metadata_sha256, r->body.buf, r->body.len, &ignore);
	}
	return rc;
}

int index_metadata(struct index_client *ic, struct index_file *f, struct strbuf *out,
		   struct perr *err)
{
	const char *path;
	int rc;

	if (f->metadata_url && !f->local) {
		struct strbuf *kept = strmap_get(&ic->metadata, f->metadata_url);
		struct http_job j;

		if (kept && kept != &meta_absent) {
			strbuf_add(out, kept->buf, kept->len);
			return 0;
		}
		if (kept)
			goto from_file;
		if (meta_cached(ic, f, out))
			return 0;
		meta_job(&j, f);
		sync_progress(ic);
		rc = http_get_many(ic->http, &j, 1, err);
		ic->n_requests++;
		if (!rc && j.reply.status == 200) {
			rc = meta_finish(ic, f, &j.reply, err);
			if (!rc)
				strbuf_add(out, j.reply.body.buf, j.reply.body.len);
			http_reply_release(&j.reply);
			return rc;
		}
		http_reply_release(&j.reply);
		if (rc)
			return rc;
		/* the index offered a metadata file it does not have: read the file */
	}
from_file:
	rc = index_fetch(ic, f, &path, err);
	if (rc)
		return rc;
	return file_metadata(ic, path, f->is_wheel, out, err);
}

int index_metadata_at_hand(struct index_client *ic, struct index_file *f, struct strbuf *out)
{
	struct perr ignore = PERR_INIT;

	if (f->local)
		return 1;
	if (f->metadata_url) {
		struct strbuf *kept = strmap_get(&ic->metadata, f->metadata_url);
		if (kept && kept != &meta_absent) {
			strbuf_add(out, kept->buf, kept->len);
			return 0;
		}
		if (!kept)
			return !meta_cached(ic, f, out);
	}
	if (!f->path)
		return 1;
	return file_metadata(ic, f->path, f->is_wheel, out, &ignore) ? 1 : 0;
}

void index_metadata_prefetch(struct index_client *ic, struct index_file **files, size_t n)
{
	struct strmap seen = STRMAP_INIT;
	struct http_job *jobs;
	struct index_file **of;
	struct strbuf probe = STRBUF_INIT;
	size_t nj = 0;

	if (!ic->http || !n)
		return;
	jobs = xcalloc(n, sizeof(*jobs));
	of = xcalloc(n, sizeof(*of));
	for (size_t i = 0; i < n; i++) {
		struct index_file *f = files[i];
		int created = 0;
		if (!f->metadata_url || f->local || strmap_has(&ic->metadata, f->metadata_url))
			continue;
		strmap_put(&seen, f->metadata_url, &created);
		if (!created)
			continue;
		strbuf_reset(&probe);
		if (meta_cached(ic, f, &probe))
			continue; /* index_metadata answers from the cache */
		meta_job(&jobs[nj], f);
		of[nj++] = f;
	}
	strbuf_release(&probe);
	strmap_release(&seen);
	if (nj) {
		sync_progress(ic);
		http_get_many(ic->http, jobs, nj, NULL);
		ic->n_requests += nj;
	}
	for (size_t i = 0; i < nj; i++) {
		struct http_job *j = &jobs[i];
		struct perr ignore = PERR_INIT;
		struct strbuf *kept;
		if (!j->rc && j->reply.status != 200) {
			strmap_put(&ic->metadata, of[i]->metadata_url, NULL)->value = &meta_absent;
		} else if (!j->rc && !meta_finish(ic, of[i], &j->reply, &ignore)) {
			kept = xcalloc(1, sizeof(*kept));
			*kept = j->reply.body;
			j->reply.body = (struct strbuf)STRBUF_INIT;
			kept->max = 0;
			strmap_put(&ic->metadata, of[i]->metadata_url, NULL)->value = kept;
		}
		/* failures are left to index_metadata, which reports them */
		http_reply_release(&j->reply);
	}
	free(jobs);
	free(of);
}

void index_progress_clear(struct index_client *ic)
{
	http_progress_clear(ic->http);
}

void index_client_release(struct index_client *ic)
{
	STRMAP_FOREACH(&ic->projects, e) {
		index_files *files = e->value;
		VEC_FREE(files);
		free(files);
	}
	strmap_release(&ic->projects);
	STRMAP_FOREACH(&ic->failed, e)
		free(e->value);
	strmap_release(&ic->failed);
	STRMAP_FOREACH(&ic->metadata, e) {
		if (e->value != &meta_absent) {
			strbuf_release(e->value);
			free(e->value);
		}
	}
	strmap_release(&ic->metadata);
	STRMAP_FOREACH(&ic->file_metadata, e) {
		strbuf_release(e->value);
		free(e->value);
	}
	strmap_release(&ic->file_metadata);
	STRMAP_FOREACH(&ic->dropped, e) {
		strbuf_release(e->value);
		free(e->value);
	}
	strmap_release(&ic->dropped);
	strmap_release(&ic->absent);
	VEC_FREE(&ic->flfiles);
	http_close(ic->http);
	free(ic->cache_dir);
	arena_release(&ic->arena);
}
