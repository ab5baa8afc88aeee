/* test_http.c: the parallel HTTP layer and the index client's batch calls
 * (index_prefetch, index_fetch_many, index_metadata_prefetch) against the
 * index-server started by tests/suites/resolver-parallel, which passes
 * PYMODE_TEST_INDEX (its URL) and PYMODE_TEST_ROOT (its directory, holding
 * the log and maxinflight). Skips without them. `test_http progress` only
 * runs a batch with progress on, for the suite to look at stderr;
 * `test_http fetch INDEX CACHE KEY...` prefetches the keys' pages and
 * downloads their first files in one batch (bench/fetch-parallel). */
#include "../../resolver/resolve.h"
#include "test.h"

#include <dirent.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define NW 10
static const char *base, *root;
static char keys[NW][16];

static const char *url(struct arena *a, const char *path)
{
	return arena_printf(a, "%s%s", base, path);
}

static void get(const char *path)
{
	struct http *h;
	struct http_reply r = HTTP_REPLY_INIT;
	struct resolve_options o;
	struct perr e = PERR_INIT;
	struct arena a = ARENA_INIT;

	memset(&o, 0, sizeof(o));
	if (!http_open(&h, &o, &e)) {
		http_get(h, url(&a, path), NULL, NULL, NULL, &r, 0, &e);
		http_close(h);
	}
	http_reply_release(&r);
	arena_release(&a);
}

static long max_in_flight(void)
{
	char *p = path_join(root, "maxinflight");
	FILE *f = fopen(p, "r");
	long v = -1;

	if (f) {
		if (fscanf(f, "%ld", &v) != 1)
			v = -1;
		fclose(f);
	}
	free(p);
	return v;
}

static long log_count(const char *needle)
{
	char *p = path_join(root, "log");
	FILE *f = fopen(p, "r");
	char line[4096];
	long n = 0;

	if (f) {
		while (fgets(line, sizeof(line), f))
			if (strstr(line, needle))
				n++;
		fclose(f);
	}
	free(p);
	return n;
}

static void client(struct index_client *ic, const char **urls, const char *cache)
{
	struct resolve_options o;
	struct perr e = PERR_INIT;

	memset(&o, 0, sizeof(o));
	memset(ic, 0, sizeof(*ic));
	ic->cache_dir = xstrdup(cache);
	ic->index_urls = urls;
	ic->n_index_urls = 1;
	ic->progress = isatty(2);
	CHECK_INT(http_open(&ic->http, &o, &e), 0);
}

static void check_parallel(const char *what)
{
	long m = max_in_flight();

	if (http_concurrency() > 1) {
		if (m < 2)
			fprintf(stderr, "%s: max in flight %ld, want >= 2\n", what, m);
		CHECK(m >= 2);
	} else {
		if (m != 1)
			fprintf(stderr, "%s: max in flight %ld, want 1\n", what, m);
		CHECK_INT(m, 1);
	}
}

/* files cached under dir whose name is fn */
static int cached_named(const char *dir, const char *fn)
{
	char *files = path_join(dir, "files");
	DIR *d = opendir(files);
	struct dirent *e;
	int n = 0;

	while (d && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char *sub = path_join(files, e->d_name), *p = path_join(sub, fn);
		n += path_is_file(p);
		free(sub);
		free(p);
	}
	if (d)
		closedir(d);
	free(files);
	return n;
}

static int progress_only(const char *work)
{
	struct index_client ic;
	struct arena a = ARENA_INIT;
	const char *urls[1], *kp[NW];
	struct index_file *fs[NW];
	struct perr e = PERR_INIT;
	size_t nf = 0;

	urls[0] = url(&a, "/delay/150/simple/");
	client(&ic, urls, arena_printf(&a, "%s/cache-progress", work));
	for (int i = 0; i < NW; i++)
		kp[i] = keys[i];
	index_prefetch(&ic, kp, NW);
	for (int i = 0; i < NW; i++) {
		index_files *f;
		if (!index_project(&ic, keys[i], &f, &e) && f->n)
			fs[nf++] = &f->v[0];
	}
	CHECK_INT(index_fetch_many(&ic, fs, nf, &e), 0);
	index_client_release(&ic);
	arena_release(&a);
	printf("progress run done\n");
	return TEST_DONE("test_http progress");
}

static int fetch_only(const char *index, const char *cache, char **k, int n)
{
	struct index_client ic;
	const char *urls[1] = { index };
	struct index_file **fs = xcalloc(n + 1, sizeof(*fs));
	struct perr e = PERR_INIT;
	int nf = 0, rc;

	client(&ic, urls, cache);
	index_prefetch(&ic, (const char *const *)k, n);
	for (int i = 0; i < n; i++) {
		index_files *f;
		if (!index_project(&ic, k[i], &f, &e) && f->n)
			fs[nf++] = &f->v[0];
	}
	rc = index_fetch_many(&ic, fs, nf, &e);
	if (rc)
		fprintf(stderr, "test_http fetch: %s\n", e.msg);
	else
		printf("fetched %d files with %d at once, %ld requests\n", nf, http_concurrency(),
		       ic.n_requests);
	index_client_release(&ic);
	free(fs);
	return rc || nf != n;
}

int main(int argc, char **argv)
{
	struct arena a = ARENA_INIT;
	struct perr e = PERR_INIT;
	const char *work;

	if (argc > 3 && !strcmp(argv[1], "fetch"))
		return fetch_only(argv[2], argv[3], argv + 4, argc - 4);
	base = getenv("PYMODE_TEST_INDEX");
	root = getenv("PYMODE_TEST_ROOT");
	if (!base || !root) {
		printf("test_http: skipped: PYMODE_TEST_INDEX and PYMODE_TEST_ROOT not set "
		       "(tests/suites/resolver-parallel sets them)\n");
		return TEST_DONE("test_http");
	}
	for (int i = 0; i < NW; i++)
		snprintf(keys[i], sizeof(keys[i]), "w%d", i);
	work = arena_printf(&a, "%s/unit-%d-%ld", root, http_concurrency(), (long)getpid());
	if (argc > 1 && !strcmp(argv[1], "progress")) {
		int rc = progress_only(work);
		arena_release(&a);
		return rc;
	}

	/* 1. prefetch: parallel, stored as index_project stores, no request after */
	struct index_client ic, ic2;
	const char *urls[1] = { url(&a, "/delay/150/simple/") };
	const char *kp[NW + 4];
	for (int i = 0; i < NW; i++)
		kp[i] = keys[i];
	kp[NW] = "w0";          /* a duplicate */
	kp[NW + 1] = "nosuch";  /* 404: stored with no files, as index_project */
	kp[NW + 2] = "w1";
	kp[NW + 3] = "alpha";
	client(&ic, urls, arena_printf(&a, "%s/cache1", work));
	get("/inflight-reset");
	index_prefetch(&ic, kp, NW + 4);
	check_parallel("prefetch");
	CHECK_INT(ic.n_requests, NW + 2);
	for (int i = 0; i < NW; i++)
		CHECK(strmap_has(&ic.projects, keys[i]));
	CHECK(strmap_has(&ic.projects, "nosuch"));
	index_prefetch(&ic, kp, NW + 4); /* all known: no requests */
	CHECK_INT(ic.n_requests, NW + 2);

	client(&ic2, urls, arena_printf(&a, "%s/cache2", work));
	for (int i = 0; i < NW + 4; i++) {
		index_files *f1 = NULL, *f2 = NULL;
		CHECK_INT(index_project(&ic, kp[i], &f1, &e), 0);
		CHECK_INT(index_project(&ic2, kp[i], &f2, &e), 0);
		if (!f1 || !f2)
			continue;
		CHECK_INT(f1->n, f2->n);
		for (size_t j = 0; j < f1->n && j < f2->n; j++) {
			CHECK_STR(f1->v[j].filename, f2->v[j].filename);
			CHECK_STR(f1->v[j].url, f2->v[j].url);
			CHECK_STR(f1->v[j].sha256, f2->v[j].sha256);
			CHECK_STR(f1->v[j].version_text, f2->v[j].version_text);
			CHECK_STR(f1->v[j].metadata_url, f2->v[j].metadata_url);
		}
		if (i < NW)
			CHECK_INT(f1->n, 1);
	}
	CHECK_INT(ic.n_requests, NW + 2); /* index_project answered from the prefetch */

	/* 2. index_fetch_many: parallel downloads, verified and cached */
	struct index_file *fs[NW + 1];
	for (int i = 0; i < NW; i++) {
		index_files *f;
		index_project(&ic, keys[i], &f, &e);
		fs[i] = &f->v[0];
	}
	fs[NW] = fs[3]; /* listed twice */
	get("/inflight-reset");
	CHECK_INT(index_fetch_many(&ic, fs, NW + 1, &e), 0);
	check_parallel("fetch_many");
	for (int i = 0; i < NW; i++) {
		CHECK(fs[i]->path && path_is_file(fs[i]->path));
		CHECK(fs[i]->sha256 && strlen(fs[i]->sha256) == 64);
	}
	CHECK_INT(log_count("GET /delay/150/files/w3-"), 1);
	long before = ic.n_requests;
	const char *p3 = NULL;
	CHECK_INT(index_fetch(&ic, fs[3], &p3, &e), 0); /* already fetched: no request */
	CHECK_STR(p3, fs[3]->path);
	CHECK_INT(ic.n_requests, before);

	/* 3. a wrong hash in a batch: rc 3, that file not cached, the others are */
	struct index_file bad[3];
	struct index_file *bp[3];
	index_files *fl;
	for (int i = 0; i < 3; i++) {
		index_project(&ic2, keys[4 + i], &fl, &e);
		bad[i] = fl->v[0];
		bad[i].path = NULL;
		bp[i] = &bad[i];
	}
	bad[1].sha256 = "0000000000000000000000000000000000000000000000000000000000000000";
	e.code = 0;
	CHECK_INT(index_fetch_many(&ic2, bp, 3, &e), PM_INPUT);
	CHECK(strstr(e.msg, "hash mismatch") && strstr(e.msg, "w5-"));
	CHECK(bad[0].path && bad[2].path);
	CHECK(!bad[1].path);
	CHECK_INT(cached_named(ic2.cache_dir, bad[1].filename), 0);
	CHECK_INT(cached_named(ic2.cache_dir, bad[0].filename), 1);

	/* 4. 500-then-success and a truncated body in one parallel batch */
	struct http_job jobs[5];
	const char *paths[5] = { "/delay/100/files/w0-1.0-py3-none-any.whl",
				 "/flakyfiles/w1-1.0-py3-none-any.whl",
				 "/trunc/w2-1.0-py3-none-any.whl",
				 "/delay/100/files/w3-1.0-py3-none-any.whl",
				 "/files/nosuch.whl" };
	memset(jobs, 0, sizeof(jobs));
	for (int i = 0; i < 5; i++) {
		jobs[i].url = url(&a, paths[i]);
		jobs[i].kind = HTTP_FILE;
		jobs[i].reply = (struct http_reply)HTTP_REPLY_INIT;
	}
	e.code = 0;
	CHECK_INT(http_get_many(ic.http, jobs, 5, &e), PM_INPUT);
	CHECK(strstr(e.msg, "/trunc/w2-") != NULL);
	CHECK_INT(jobs[0].rc, 0);
	CHECK_INT(jobs[0].reply.status, 200);
	CHECK_INT(jobs[1].rc, 0);
	CHECK_INT(jobs[1].reply.status, 200);
	CHECK_INT(log_count("GET /flakyfiles/w1-"), 2);
	CHECK_INT(jobs[1].reply.body.len, jobs[0].reply.body.len);
	CHECK_INT(jobs[2].rc, PM_INPUT);
	CHECK_INT(log_count("GET /trunc/w2-"), 3);
	CHECK_INT(jobs[3].rc, 0);
	CHECK_INT(jobs[4].rc, 0); /* a 404 is the caller's to judge */
	CHECK_INT(jobs[4].reply.status, 404);
	for (int i = 0; i < 5; i++)
		http_reply_release(&jobs[i].reply);

	/* 5. size cap, and http_get still works alone */
	struct http_reply r = HTTP_REPLY_INIT;
	e.code = 0;
	CHECK_INT(http_get(ic.http, url(&a, "/files/w0-1.0-py3-none-any.whl"), NULL, NULL, NULL,
			   &r, 100, &e), PM_INPUT);
	CHECK(strstr(e.msg, "larger than 100 bytes") != NULL);
	CHECK_INT(http_get(ic.http, url(&a, "/simple/w0/"), "application/vnd.pypi.simple.v1+json",
			   NULL, NULL, &r, 0, &e), 0);
	CHECK_INT(r.status, 200);
	CHECK(strstr(r.ctype.buf, "json") != NULL);
	CHECK(r.etag.len > 0);
	http_reply_release(&r);

	/* 5b. streamed to a file: the body on disk with its size and hash; a
	 * Content-Length over the cap refused before the body, a chunked body
	 * stopped at the cap; nothing left behind on failure */
	{
		struct http_job sj[3];
		const char *sp[3] = { "/files/w0-1.0-py3-none-any.whl",
				      "/hugelen-file/x-1.0-py3-none-any.whl",
				      "/hugechunk-file/x-1.0-py3-none-any.whl" };
		char *sink = path_join(root, "sink");
		struct http_reply mem = HTTP_REPLY_INIT;
		char want[65];
		long long t0;
		DIR *d;
		struct dirent *de;
		int left = 0;

		memset(sj, 0, sizeof(sj));
		for (int i = 0; i < 3; i++) {
			sj[i].url = url(&a, sp[i]);
			sj[i].kind = HTTP_FILE;
			sj[i].sink_dir = sink;
			sj[i].max = i == 1 ? (1u << 30) : (4u << 20);
			sj[i].reply = (struct http_reply)HTTP_REPLY_INIT;
		}
		t0 = (long long)time(NULL);
		e.code = 0;
		CHECK_INT(http_get_many(ic.http, sj, 3, &e), PM_INPUT);
		CHECK((long long)time(NULL) - t0 < 20);
		CHECK_INT(sj[0].rc, 0);
		CHECK(sj[0].reply.file != NULL && sj[0].reply.body.len == 0);
		CHECK_INT(http_get(ic.http, url(&a, sp[0]), NULL, NULL, NULL, &mem, 0, &e), 0);
		sha256_hex(mem.body.buf, mem.body.len, want);
		CHECK_INT((long)sj[0].reply.size, (long)mem.body.len);
		CHECK_STR(sj[0].reply.sha256, want);
		if (sj[0].reply.file) {
			struct strbuf onfile = STRBUF_INIT;
			CHECK_INT(strbuf_read_file(&onfile, sj[0].reply.file, 1u << 30, &e), 0);
			CHECK(onfile.len == mem.body.len && !memcmp(onfile.buf, mem.body.buf, mem.body.len));
			strbuf_release(&onfile);
		}
		http_reply_release(&mem);
		CHECK_INT(sj[1].rc, PM_INPUT);
		CHECK(strstr(sj[1].err.msg, "response larger than 1073741824 bytes") != NULL);
		CHECK(sj[1].reply.file == NULL);
		CHECK_INT(sj[2].rc, PM_INPUT);
		CHECK(strstr(sj[2].err.msg, "response larger than 4194304 bytes") != NULL);
		CHECK(sj[2].reply.file == NULL);
		CHECK_INT(log_count("GET /hugelen-file/"), 1); /* not retried */
		for (int i = 0; i < 3; i++)
			http_reply_release(&sj[i].reply);
		if ((d = opendir(sink))) {
			while ((de = readdir(d)))
				left += de->d_name[0] != '.';
			closedir(d);
		}
		CHECK_INT(left, 0); /* released: the good one removed too */
		free(sink);
	}

	/* 6. metadata prefetch: index_metadata answers from it, same bytes */
	index_files *af = NULL, *af2 = NULL;
	CHECK_INT(index_project(&ic, "alpha", &af, &e), 0);
	CHECK_INT(index_project(&ic2, "alpha", &af2, &e), 0);
	if (af && af2 && af->n && af->n == af2->n) {
		struct index_file **mp = xcalloc(af->n, sizeof(*mp));
		for (size_t i = 0; i < af->n; i++)
			mp[i] = &af->v[i];
		CHECK(af->v[0].metadata_url != NULL);
		index_metadata_prefetch(&ic, mp, af->n);
		before = ic.n_requests;
		for (size_t i = 0; i < af->n; i++) {
			struct strbuf m1 = STRBUF_INIT, m2 = STRBUF_INIT;
			CHECK_INT(index_metadata(&ic, &af->v[i], &m1, &e), 0);
			CHECK_INT(index_metadata(&ic2, &af2->v[i], &m2, &e), 0);
			CHECK(m1.len > 0 && m1.len == m2.len && !memcmp(m1.buf, m2.buf, m1.len));
			strbuf_release(&m1);
			strbuf_release(&m2);
		}
		CHECK_INT(ic.n_requests, before);
		free(mp);
	} else {
		CHECK(!"alpha has files on both clients");
	}

	index_client_release(&ic);
	index_client_release(&ic2);
	arena_release(&a);
	return TEST_DONE("test_http");
}
