/* http.c: HTTP(S) for the index client over libcurl's multi interface:
 * batches of GETs run several at once, each retried on its own with
 * backoff, TLS verification, --cert, proxies from the environment, and the
 * progress line on a terminal. Per host: at most HTTP_HOST_CONNS transfers
 * at once (more once it multiplexes over HTTP/2), one until the first
 * connection is made, and connections kept alive between transfers; a
 * connect that takes far longer than the first one did (a SYN dropped by a
 * full listen backlog waits 1 s for the kernel to resend it) is abandoned
 * and retried at once. What to fetch and what a reply means is index.c's. */
#include "resolve.h"
#include "curl_dl.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define HTTP_TRIES 3
#define HTTP_MAX_CONC 256
#define HTTP_HOST_CONNS 6           /* per host, HTTP/1.x: see docs/resolver.md */
#define HTTP_CONNECT_MIN_MS 200     /* the shortest connect timeout, once one connect is seen */
#define HTTP_CONNECT_RETRIES 3      /* early connect retries, each with twice the time */
#define HTTP_FILE_BUF (128 << 10)   /* a download's reads from the socket and writes to disk */

/* what the transfers have learnt about one host (scheme://authority) */
struct host {
	struct host *next;
	char *key;                  /* arena */
	int active;                 /* transfers running */
	int connected;              /* a connection has been made */
	int tls;                    /* https: HTTP/2 may be offered */
	int answered;               /* a reply came, so multiplex is known */
	int multiplex;              /* it answered over HTTP/2 or later */
	long connect_ms;            /* the first connect's time; 0 before */
};

struct slot {                   /* one easy handle of the pool */
	CURL *curl;
	char errbuf[CURL_ERROR_SIZE];
	int busy;
};

struct http {
	CURLM *multi;
	struct slot *slots;
	int n_slots;
	long timeout_ms;
	const char *cert;
	int host_conns;             /* per-host cap over HTTP/1.x */
	struct host *hosts;         /* a list, each freed by http_close */
	int woken;                  /* a host got its first connection */
	long early_retries;         /* connects abandoned early, for tests */
	struct arena arena;
	/* progress */
	int progress;
	int drawn;
	long long last_draw_ms;
	char line[200];             /* as last drawn */
	long pages, metas, files_done, files_total;
	unsigned long long bytes;
};

/* a job's private state during http_get_many */
struct run {
	struct http *h;
	struct http_job *job;
	struct slot *slot;
	struct host *host;
	struct curl_slist *hdrs;
	int attempt;                /* attempts started */
	int connect_retries;        /* early connect retries so far */
	int connected;              /* this attempt has a connection */
	int overflow;               /* the body passed job->max */
	long long deadline_ms;      /* the whole job, every try, ends by then */
	FILE *fp;                   /* sink_dir: the temporary file */
	char *fpbuf;                /* its stdio buffer (HTTP_FILE_BUF) */
	struct sha256 sha;          /* of what this attempt wrote to fp */
	int state;                  /* RUN_WAIT, RUN_ACTIVE, RUN_DONE */
	long long ready_ms;         /* RUN_WAIT: not before */
};
enum { RUN_WAIT, RUN_ACTIVE, RUN_DONE };

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

int http_concurrency(void)
{
	const char *s = getenv("PYMODE_CONCURRENT_DOWNLOADS");
	char *end;
	long v;

	if (!s || !*s)
		return 8;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > HTTP_MAX_CONC)
		return 8;
	return (int)v;
}

int http_host_connections(void)
{
	const char *s = getenv("PYMODE_HOST_CONNECTIONS");
	char *end;
	long v;

	if (!s || !*s)
		return HTTP_HOST_CONNS;
	v = strtol(s, &end, 10);
	if (*end || v < 1 || v > HTTP_MAX_CONC)
		return HTTP_HOST_CONNS;
	return (int)v;
}

long http_early_retries(const struct http *h)
{
	return h ? h->early_retries : 0;
}

int http_open(struct http **out, const struct resolve_options *o, struct perr *err)
{
	static int inited;
	struct http *h;

	if (!inited) {
		if (pm_curl_load(err))
			return err->code;
		if (curl_global_init(CURL_GLOBAL_DEFAULT))
			return perr_set(err, PM_INPUT, "cannot initialise libcurl");
		inited = 1;
	}
	h = xcalloc(1, sizeof(*h));
	h->multi = curl_multi_init();
	if (!h->multi) {
		free(h);
		return perr_set(err, PM_INPUT, "cannot initialise libcurl");
	}
	h->n_slots = http_concurrency();
	h->slots = xcalloc(h->n_slots, sizeof(*h->slots));
	h->timeout_ms = o->timeout_ms > 0 ? o->timeout_ms : 30000;
	h->cert = o->cert;
	h->host_conns = http_host_connections();
	curl_multi_setopt(h->multi, CURLMOPT_MAX_HOST_CONNECTIONS, (long)h->host_conns);
	*out = h;
	return 0;
}

void http_close(struct http *h)
{
	if (!h)
		return;
	http_progress_clear(h);
	for (int i = 0; i < h->n_slots; i++)
		if (h->slots[i].curl)
			curl_easy_cleanup(h->slots[i].curl);
	free(h->slots);
	while (h->hosts) {
		struct host *next = h->hosts->next;
		free(h->hosts);
		h->hosts = next;
	}
	curl_multi_cleanup(h->multi);
	arena_release(&h->arena);
	free(h);
}

void http_reply_release(struct http_reply *r)
{
	if (r->file) {
		unlink(r->file);
		free(r->file);
		r->file = NULL;
	}
	strbuf_release(&r->body);
	strbuf_release(&r->etag);
	strbuf_release(&r->lastmod);
	strbuf_release(&r->ctype);
}

/* ---- progress ---- */

void http_progress(struct http *h, int on)
{
	if (h)
		h->progress = on && isatty(2);
}

void http_progress_clear(struct http *h)
{
	if (!h || !h->drawn)
		return;
	fputs("\r\033[K", stderr);
	fflush(stderr);
	h->drawn = 0;
}

static void progress_draw(struct http *h, int force)
{
	long long t;
	char line[sizeof(h->line)];
	int n;

	if (!h->progress)
		return;
	t = now_ms();
	if (!force && h->drawn && t - h->last_draw_ms < 100)
		return;
	n = snprintf(line, sizeof(line), "pymode-pkg: %ld page%s", h->pages, h->pages == 1 ? "" : "s");
	if (h->metas)
		n += snprintf(line + n, sizeof(line) - n, ", %ld metadata", h->metas);
	if (h->files_total)
		n += snprintf(line + n, sizeof(line) - n, ", %ld/%ld files", h->files_done,
			      h->files_total);
	snprintf(line + n, sizeof(line) - n, ", %.1f MB", h->bytes / 1e6);
	h->last_draw_ms = t;
	if (h->drawn && !strcmp(line, h->line))
		return;
	fprintf(stderr, "\r%s\033[K", line);
	fflush(stderr);
	h->drawn = 1;
	memcpy(h->line, line, sizeof(line));
}

/* ---- one transfer ---- */

static size_t on_body(char *p, size_t size, size_t n, void *ctx)
{
	struct run *run = ctx;
	struct http_reply *r = &run->job->reply;

	if (run->fp) { /* to disk, counted: memory stays one buffer whatever comes */
		if ((run->job->max && size * n > run->job->max - r->size) ||
		    fwrite(p, 1, size * n, run->fp) != size * n) {
			run->overflow = 1;
			return 0;
		}
		r->size += size * n;
		sha256_update(&run->sha, p, size * n);
	} else if (strbuf_add(&r->body, p, size * n)) {
		run->overflow = 1;
		return 0;
	}
	run->h->bytes += size * n;
	return size * n;
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

static void add_header(struct curl_slist **hdrs, const char *name, const char *value)
{
	char line[1200];

	if (!value || !*value || strlen(value) >= 1000)
		return;
	snprintf(line, sizeof(line), "%s: %s", name, value);
	*hdrs = curl_slist_append(*hdrs, line);
}

/* ---- hosts ---- */

/* the host of url (scheme://authority, lowercased, without user info), or
 * NULL for file: and anything without an authority: borrowed from h */
static struct host *host_of(struct http *h, const char *url)
{
	const char *p = strstr(url, "://"), *a, *e, *at;
	char key[300];
	size_t n;

	if (!p || !strncasecmp(url, "file:", 5))
		return NULL;
	a = p + 3;
	e = a + strcspn(a, "/?#");
	at = memchr(a, '@', e - a);
	if (at)
		a = at + 1;
	n = (p + 3 - url) + (e - a);
	if (n >= sizeof(key))
		return NULL;
	memcpy(key, url, p + 3 - url);
	memcpy(key + (p + 3 - url), a, e - a);
	key[n] = 0;
	for (size_t i = 0; i < n; i++)
		key[i] = tolower((unsigned char)key[i]);
	for (struct host *ho = h->hosts; ho; ho = ho->next)
		if (!strcmp(ho->key, key))
			return ho;
	struct host *ho = xcalloc(1, sizeof(*ho));
	ho->key = arena_strdup(&h->arena, key);
	ho->tls = !strncmp(key, "https:", 6);
	ho->next = h->hosts;
	h->hosts = ho;
	return ho;
}

/* how many transfers this host may run at once now: one until a first
 * connection shows it answers (and how fast), the cap over HTTP/1.x */
static int host_limit(const struct http *h, const struct host *ho)
{
	if (!ho || ho->multiplex)
		return h->n_slots;
	if (!ho->connected)
		return 1;
	return h->host_conns;
}

/* the connect timeout of run's next attempt: the whole timeout until the
 * host's first connect is seen, then a few times that connect's time
 * (at least HTTP_CONNECT_MIN_MS), doubled at each early retry */
static long connect_timeout(const struct http *h, const struct run *run)
{
	long ms;

	if (!run->host || !run->host->connect_ms || run->connect_retries >= HTTP_CONNECT_RETRIES)
		return h->timeout_ms;
	ms = 4 * run->host->connect_ms;
	if (ms < HTTP_CONNECT_MIN_MS)
		ms = HTTP_CONNECT_MIN_MS;
	ms <<= run->connect_retries;
	return ms < h->timeout_ms ? ms : h->timeout_ms;
}

/* libcurl calls this once a transfer has its connection, new or reused,
 * before the request goes out */
static int on_prereq(void *ctx, char *ip, char *local_ip, int port, int local_port)
{
	struct run *run = ctx;
	struct host *ho = run->host;
	curl_off_t us = 0;

	run->connected = 1;
	if (ho && !ho->connected) {
		ho->connected = 1;
		curl_easy_getinfo(run->slot->curl, CURLINFO_CONNECT_TIME_T, &us);
		ho->connect_ms = us / 1000 + 1;
		run->h->woken = 1; /* its other transfers may start now */
	}
	return CURL_PREREQFUNC_OK;
}

/* starts the next attempt of run on a free slot: 0, or -1 when libcurl
 * refuses (the job then fails) */
/* sink_dir jobs: the temporary file, created on the first attempt and
 * emptied for each next one. 0 or -1. */
static int sink_open(struct run *run)
{
	struct http_job *j = run->job;
	struct strbuf path = STRBUF_INIT;
	struct perr ignore = PERR_INIT;
	int fd;

	sha256_init(&run->sha);
	j->reply.size = 0;
	if (run->fp) {
		rewind(run->fp);
		return ftruncate(fileno(run->fp), 0) ? -1 : 0;
	}
	if (cache_mkdirs(j->sink_dir, &ignore))
		return -1;
	strbuf_addf(&path, "%s/download-XXXXXX", j->sink_dir);
	fd = mkstemp(path.buf);
	if (fd < 0 || !(run->fp = fdopen(fd, "w+b"))) {
		if (fd >= 0) {
			close(fd);
			unlink(path.buf);
		}
		strbuf_release(&path);
		return -1;
	}
	/* libcurl hands the body over 16 KiB at a time: written in 128 KiB
	 * pieces rather than stdio's 4 KiB-aligned two writes per piece */
	run->fpbuf = xmalloc(HTTP_FILE_BUF);
	setvbuf(run->fp, run->fpbuf, _IOFBF, HTTP_FILE_BUF);
	j->reply.file = strbuf_detach(&path, NULL);
	return 0;
}

static int run_start(struct http *h, struct run *run, struct slot *s)
{
	struct http_job *j = run->job;
	long long left;
	long cto;
	CURL *c;

	if (!s->curl && !(s->curl = curl_easy_init()))
		return -1;
	if (!run->deadline_ms)
		run->deadline_ms = now_ms() + h->timeout_ms;
	left = run->deadline_ms - now_ms();
	if (left < 1)
		left = 1;
	cto = connect_timeout(h, run);
	if (cto > left)
		cto = (long)left;
	if (j->sink_dir && sink_open(run))
		return -1;
	c = s->curl;
	curl_easy_reset(c);
	strbuf_reset(&j->reply.body);
	strbuf_reset(&j->reply.etag);
	strbuf_reset(&j->reply.lastmod);
	strbuf_reset(&j->reply.ctype);
	j->reply.body.max = j->max;
	j->reply.status = 0;
	run->overflow = 0;
	run->connected = 0;
	curl_slist_free_all(run->hdrs);
	run->hdrs = NULL;
	add_header(&run->hdrs, "Accept", j->accept);
	add_header(&run->hdrs, "If-None-Match", j->etag);
	add_header(&run->hdrs, "If-Modified-Since", j->lastmod);
	s->errbuf[0] = 0;
	curl_easy_setopt(c, CURLOPT_URL, j->url);
	curl_easy_setopt(c, CURLOPT_HTTPHEADER, run->hdrs);
	curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
	curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
	curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https,file");
	curl_easy_setopt(c, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
	/* one deadline for the job: this try gets what the others left */
	curl_easy_setopt(c, CURLOPT_TIMEOUT_MS, (long)left);
	curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT_MS, cto);
	if (j->max) /* refused on its Content-Length, before the body */
		curl_easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)j->max);
	curl_easy_setopt(c, CURLOPT_HTTP_VERSION, (long)CURL_HTTP_VERSION_2TLS);
	/* over TLS, wait for the host's first connection to say whether it
	 * multiplexes (HTTP/2) rather than open more; never for plain http
	 * (HTTP/1.x only: waiting would serialise every new connection) */
	curl_easy_setopt(c, CURLOPT_PIPEWAIT,
			 (long)(run->host && run->host->tls && (!run->host->answered || run->host->multiplex)));
	curl_easy_setopt(c, CURLOPT_PREREQFUNCTION, on_prereq);
	curl_easy_setopt(c, CURLOPT_PREREQDATA, run);
	curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
	curl_easy_setopt(c, CURLOPT_USERAGENT, "pymode-pkg/" PYMODE_VERSION);
	/* files are read from the socket 128 KiB at a time (a fifth of the
	 * recv and poll calls of libcurl's default 16 KiB); pages keep it */
	curl_easy_setopt(c, CURLOPT_BUFFERSIZE,
			 j->kind == HTTP_FILE ? (long)HTTP_FILE_BUF : (long)CURL_MAX_WRITE_SIZE);
	curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body);
	curl_easy_setopt(c, CURLOPT_WRITEDATA, run);
	curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
	curl_easy_setopt(c, CURLOPT_HEADERDATA, &j->reply);
	curl_easy_setopt(c, CURLOPT_ERRORBUFFER, s->errbuf);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, 1L);
	curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, 2L);
	curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(c, CURLOPT_PRIVATE, run);
	if (h->cert)
		curl_easy_setopt(c, CURLOPT_CAINFO, h->cert);
	if (curl_multi_add_handle(h->multi, c) != CURLM_OK)
		return -1;
	s->busy = 1;
	run->slot = s;
	run->state = RUN_ACTIVE;
	run->attempt++;
	if (run->host)
		run->host->active++;
	return 0;
}

static int retryable(CURLcode cc, long status)
{
	if (cc == CURLE_OK)
		return status >= 500 && status < 600;
	return cc == CURLE_OPERATION_TIMEDOUT || cc == CURLE_PARTIAL_FILE ||
	       cc == CURLE_RECV_ERROR || cc == CURLE_GOT_NOTHING || cc == CURLE_COULDNT_CONNECT;
}

static void run_done(struct http *h, struct run *run, int rc)
{
	struct http_job *j = run->job;

	run->state = RUN_DONE;
	j->rc = rc;
	if (run->fp) {
		if (fflush(run->fp) && !rc)
			j->rc = perr_set(&j->err, PM_INPUT, "'%s': %s", j->reply.file, strerror(errno));
		fclose(run->fp);
		run->fp = NULL;
		free(run->fpbuf);
		run->fpbuf = NULL;
		sha256_final_hex(&run->sha, j->reply.sha256);
	}
	if (j->rc && j->reply.file) {
		unlink(j->reply.file);
		free(j->reply.file);
		j->reply.file = NULL;
	}
	if (j->kind == HTTP_PAGE)
		h->pages++;
	else if (j->kind == HTTP_META)
		h->metas++;
	else if (j->kind == HTTP_FILE)
		h->files_done++;
}

/* an attempt ended with cc: the job is done, or waits for its next try */
static void run_finish(struct http *h, struct run *run, CURLcode cc)
{
	struct http_job *j = run->job;
	struct slot *s = run->slot;
	const char *shown = url_redact(&h->arena, j->url);
	long status = 0;

	curl_easy_getinfo(s->curl, CURLINFO_RESPONSE_CODE, &status);
	j->reply.status = status;
	if (run->host) {
		long v = 0;
		curl_easy_getinfo(s->curl, CURLINFO_HTTP_VERSION, &v);
		if (v >= CURL_HTTP_VERSION_2_0)
			run->host->multiplex = 1;
		if (status)
			run->host->answered = 1;
		run->host->active--;
	}
	curl_multi_remove_handle(h->multi, s->curl);
	s->busy = 0;
	run->slot = NULL;
	if (cc == CURLE_OPERATION_TIMEDOUT && !run->connected &&
	    run->connect_retries < HTTP_CONNECT_RETRIES && run->host && run->host->connect_ms &&
	    now_ms() < run->deadline_ms) {
		/* the connect took far longer than this host's first: its SYN
		 * was most likely dropped; a new one now beats the kernel's
		 * resend after 1 s, and is not one of the job's tries */
		run->connect_retries++;
		run->attempt--;
		h->early_retries++;
		run->state = RUN_WAIT;
		run->ready_ms = 0;
		return;
	}
	if ((cc == CURLE_WRITE_ERROR && run->overflow) || cc == CURLE_FILESIZE_EXCEEDED) {
		run_done(h, run, perr_set(&j->err, PM_INPUT, "'%s': response larger than %zu bytes",
					  shown, j->max));
		return;
	}
	if (cc == CURLE_WRITE_ERROR && run->fp) {
		run_done(h, run, perr_set(&j->err, PM_INPUT, "'%s': writing '%s': %s", shown,
					  j->reply.file, strerror(errno)));
		return;
	}
	if (retryable(cc, status) && run->attempt < HTTP_TRIES &&
	    now_ms() + (200LL << (run->attempt - 1)) < run->deadline_ms) {
		run->state = RUN_WAIT;
		run->ready_ms = now_ms() + (200LL << (run->attempt - 1)); /* 0.2 s, 0.4 s */
		return;
	}
	if (cc == CURLE_OPERATION_TIMEDOUT) {
		run_done(h, run, perr_set(&j->err, PM_INPUT, "'%s': no complete answer within "
					  "--timeout %.3g s (%d tr%s)", shown, h->timeout_ms / 1000.0,
					  run->attempt, run->attempt == 1 ? "y" : "ies"));
		return;
	}
	if (cc != CURLE_OK)
		run_done(h, run, perr_set(&j->err, PM_INPUT, "'%s': %s", shown,
					  s->errbuf[0] ? url_redact(&h->arena, s->errbuf)
						       : curl_easy_strerror(cc)));
	else if (status >= 500)
		run_done(h, run, perr_set(&j->err, PM_INPUT, "'%s': HTTP %ld after %d tries", shown,
					  status, HTTP_TRIES));
	else
		run_done(h, run, 0);
}

static struct slot *free_slot(struct http *h)
{
	for (int i = 0; i < h->n_slots; i++)
		if (!h->slots[i].busy)
			return &h->slots[i];
	return NULL;
}

int http_get_many(struct http *h, struct http_job *jobs, size_t n, struct perr *err)
{
	struct run *runs;
	size_t left = n;

	if (!n)
		return 0;
	runs = xcalloc(n, sizeof(*runs));
	for (size_t i = 0; i < n; i++) {
		runs[i].h = h;
		runs[i].job = &jobs[i];
		runs[i].host = host_of(h, jobs[i].url);
		jobs[i].rc = 0;
		jobs[i].err.code = 0;
		jobs[i].err.msg[0] = 0;
		if (jobs[i].kind == HTTP_FILE)
			h->files_total++;
	}
	progress_draw(h, 0);
	while (left) {
		long long t = now_ms(), wait_ms = h->progress ? 100 : 1000;
		int running = 0, msgs;
		CURLMsg *msg;

		/* start what may start, in array order */
		for (size_t i = 0; i < n; i++) {
			struct run *r = &runs[i];
			struct slot *s;
			if (r->state != RUN_WAIT)
				continue;
			if (r->ready_ms > t) {
				if (r->ready_ms - t < wait_ms)
					wait_ms = r->ready_ms - t;
				continue;
			}
			if (r->host && r->host->active >= host_limit(h, r->host))
				continue;
			if (!(s = free_slot(h)))
				break;
			if (run_start(h, r, s)) {
				run_done(h, r, perr_set(&jobs[i].err, PM_INPUT,
							"'%s': cannot start the transfer",
							url_redact(&h->arena, jobs[i].url)));
				left--;
			}
		}
		if (!left)
			break;
		curl_multi_perform(h->multi, &running);
		if (h->woken) {
			h->woken = 0;
			wait_ms = 0;
		}
		while ((msg = curl_multi_info_read(h->multi, &msgs))) {
			struct run *r = NULL;
			if (msg->msg != CURLMSG_DONE)
				continue;
			curl_easy_getinfo(msg->easy_handle, CURLINFO_PRIVATE, (char **)&r);
			if (!r || r->state != RUN_ACTIVE)
				continue;
			run_finish(h, r, msg->data.result);
			if (r->state == RUN_DONE)
				left--;
			wait_ms = 0; /* a slot is free or a retry is due: go round again */
		}
		progress_draw(h, 0);
		if (left && wait_ms > 0)
			curl_multi_poll(h->multi, NULL, 0, (int)wait_ms, NULL);
	}
	for (size_t i = 0; i < n; i++)
		curl_slist_free_all(runs[i].hdrs);
	free(runs);
	progress_draw(h, 0);
	for (size_t i = 0; i < n; i++)
		if (jobs[i].rc) {
			if (err)
				*err = jobs[i].err;
			return jobs[i].rc;
		}
	return 0;
}

int http_get(struct http *h, const char *url, const char *accept, const char *etag,
	     const char *lastmod, struct http_reply *r, size_t max, struct perr *err)
{
	struct http_job j;
	int rc;

	memset(&j, 0, sizeof(j));
	j.url = url;
	j.accept = accept;
	j.etag = etag;
	j.lastmod = lastmod;
	j.max = max;
	j.reply = (struct http_reply)HTTP_REPLY_INIT;
	rc = http_get_many(h, &j, 1, err);
	http_reply_release(r);
	*r = j.reply;
	return rc;
}
