/* sizes.c: the bundle's sizes: raw, gzip (zlib, level 9, gzip framing) and
 * brotli (quality 11) of every file, every package, each output and the
 * total. Compressing is the slow part, so each figure is cached by the
 * sha256 of the bytes (under the cache directory, like the deflate cache)
 * and brotli runs on up to four threads. Figures only: no budgets, no
 * verdicts (reports/ compares them with limits and budgets). */
#include "bundler.h"
#include "../scanner/scanner.h" /* sha256 */

#include <brotli/encode.h>
#include <string.h>
#include <zlib.h>

/* one file to measure; data is owned until measured */
struct sjob {
	unsigned char *data;  /* NULL once measured (or found in the cache) */
	size_t n;
	long long tag;        /* the caller's: which file this is */
	long long gzip, brotli;
	char key[65];
};

struct sizer {
	const char *cache; /* NULL: no cache */
	VEC(struct sjob) jobs;
};

long long size_gzip(const void *data, size_t n)
{
	z_stream s;
	unsigned char buf[65536];
	long long total = 0;
	int rc;

	memset(&s, 0, sizeof(s));
	/* windowBits 15 + 16: gzip framing, as `gzip -9` writes it (10-byte
	 * header, no name; 8-byte trailer) */
	if (deflateInit2(&s, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	s.next_in = (unsigned char *)data;
	s.avail_in = (uInt)n;
	do {
		s.next_out = buf;
		s.avail_out = sizeof(buf);
		rc = deflate(&s, Z_FINISH);
		total += (long long)(sizeof(buf) - s.avail_out);
	} while (rc == Z_OK);
	deflateEnd(&s);
	return rc == Z_STREAM_END ? total : -1;
}

long long size_brotli(const void *data, size_t n)
{
	size_t cap = BrotliEncoderMaxCompressedSize(n);
	unsigned char *out;
	size_t outn;
	long long r;

	if (cap == 0)
		cap = n + 1024;
	out = xmalloc(cap);
	outn = cap;
	r = BrotliEncoderCompress(11, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, n, data, &outn, out)
		    ? (long long)outn
		    : -1;
	free(out);
	return r;
}

static char *cache_file(const char *cache, const char *key)
{
	char *p = xmalloc(strlen(cache) + 128);
	sprintf(p, "%s/sizes/%s-%s", cache, key, zlibVersion());
	return p;
}

/* "gzip brotli\n" */
static int cache_read(const char *cache, const char *key, long long *gz, long long *br)
{
	struct strbuf sb = STRBUF_INIT;
	struct perr e = PERR_INIT;
	char *p = cache_file(cache, key);
	int ok = 0;

	if (!strbuf_read_file(&sb, p, 256, &e))
		ok = sscanf(sb.buf, "%lld %lld", gz, br) == 2 && *gz >= 0 && *br >= 0;
	strbuf_release(&sb);
	free(p);
	return ok;
}

static void cache_write(const char *cache, const char *key, long long gz, long long br)
{
	char buf[64], *p = cache_file(cache, key);
	struct perr e = PERR_INIT;
	int n = snprintf(buf, sizeof(buf), "%lld %lld\n", gz, br);

	write_file_atomic(p, buf, (size_t)n, &e); /* a cache that cannot be written is only slower */
	free(p);
}

static void measure_one(void *ctx, size_t i)
{
	struct sizer *z = ctx;
	struct sjob *j = &z->jobs.v[i];

	if (!j->data)
		return; /* found in the cache */
	j->gzip = size_gzip(j->data, j->n);
	j->brotli = size_brotli(j->data, j->n);
	if (z->cache && j->gzip >= 0 && j->brotli >= 0)
		cache_write(z->cache, j->key, j->gzip, j->brotli);
	free(j->data);
	j->data = NULL;
}

struct sizer *sizer_new(const char *cache_dir)
{
	struct sizer *z = xcalloc(1, sizeof(*z));

	z->cache = cache_dir;
	if (cache_dir) {
		char *d = xmalloc(strlen(cache_dir) + 16);
		sprintf(d, "%s/sizes", cache_dir);
		bundle_mkdirs(d); /* a cache that cannot be made is only slower */
		free(d);
	}
	return z;
}

void sizer_add(struct sizer *z, const void *data, size_t n, long long tag, const char *key)
{
	struct sjob *j = VEC_PUSH(&z->jobs);

	memset(j, 0, sizeof(*j));
	if (key)
		memcpy(j->key, key, 65);
	else
		bundle_content_key(data, n, j->key);
	j->tag = tag;
	j->n = n;
	if (z->cache && cache_read(z->cache, j->key, &j->gzip, &j->brotli))
		return;
	j->data = xmalloc(n ? n : 1);
	if (n)
		memcpy(j->data, data, n);
}

size_t sizer_results(const struct sizer *z, size_t i, long long *tag, long long *gzip, long long *brotli)
{
	if (i >= z->jobs.n)
		return 0;
	*tag = z->jobs.v[i].tag;
	*gzip = z->jobs.v[i].gzip;
	*brotli = z->jobs.v[i].brotli;
	return 1;
}

void sizer_run(struct sizer *z)
{
	bundle_parallel(z->jobs.n, measure_one, z);
}

void sizer_free(struct sizer *z)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->jobs.n; i++)
		free(z->jobs.v[i].data);
	VEC_FREE(&z->jobs);
	free(z);
}
