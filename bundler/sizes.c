/* sizes.c: the bundle's sizes: raw, gzip (zlib, SIZE_GZIP_LEVEL, gzip framing) and
 * brotli (quality SIZE_BROTLI_QUALITY) of every file, every package, each
 * output and the total. Compressing is the slow part, so: each figure is
 * cached by the sha256 of the bytes (under the cache directory, like the
 * deflate cache); a file the zip writer has deflated (same level) is not
 * deflated again (its gzip size is the deflated size plus gzip's 18 bytes
 * of framing); and the files are measured on up to four threads, largest
 * first, a file's gzip and brotli as two tasks. Figures only: no budgets, no verdicts (reports/ compares them with
 * limits and budgets). */
#include "bundler.h"
#include "../scanner/scanner.h" /* sha256 */

#include <brotli/encode.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

/* gzip's framing around a raw deflate stream: a 10-byte header (no name)
 * and an 8-byte trailer (CRC-32, length) */
#define GZIP_FRAMING 18

/* one file to measure; data is owned until measured */
struct sjob {
	unsigned char *data;  /* NULL once measured (or found in the cache) */
	size_t n;
	long long tag;        /* the caller's: which file this is */
	long long gzip, brotli;
	char key[65];
	int measured;         /* by this run (not cached, not a duplicate) */
	size_t same;          /* (size_t)-1, or the job with the same bytes */
	int halves;           /* of gzip and brotli, how many are done */
};

/* one cached figure */
struct fig {
	char key[65];
	long long raw, gzip, brotli;
};

/* What the zip writer deflated in this process: the content key and the
 * raw deflate size at SIZE_GZIP_LEVEL (windowBits 15, memLevel 8, the default
 * strategy: the stream size_gzip frames). Sorted on demand; guarded by
 * deflated_lock, since zip members deflate on several threads. */
struct deflated {
	char key[65];
	size_t raw;
	long long zn;
};
static pthread_mutex_t deflated_lock = PTHREAD_MUTEX_INITIALIZER;
static VEC(struct deflated) deflated;

struct sizer {
	const char *cache;     /* NULL: no cache */
	int shipped;           /* shipped_figures hold for this zlib and brotli */
	VEC(struct fig) known; /* the cache's figures, sorted by cmp_fig */
	VEC(struct sjob) jobs;
	size_t *order;         /* sizer_run's: jobs by size, largest first */
};

long long size_gzip(const void *data, size_t n)
{
	z_stream s;
	unsigned char buf[65536];
	long long total = 0;
	int rc;

	memset(&s, 0, sizeof(s));
	/* windowBits 15 + 16: gzip framing, as `gzip -6` writes it (10-byte
	 * header, no name; 8-byte trailer) */
	if (deflateInit2(&s, SIZE_GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
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
	r = BrotliEncoderCompress(SIZE_BROTLI_QUALITY, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, n, data, &outn, out)
		    ? (long long)outn
		    : -1;
	free(out);
	return r;
}

void sizes_note_deflated(const char *key, size_t raw, long long zn)
{
	struct deflated *d;

	pthread_mutex_lock(&deflated_lock);
	d = VEC_PUSH(&deflated);
	memcpy(d->key, key, 64);
	d->key[64] = 0;
	d->raw = raw;
	d->zn = zn;
	pthread_mutex_unlock(&deflated_lock);
}

static int cmp_deflated(const void *a, const void *b)
{
	return strcmp(((const struct deflated *)a)->key, ((const struct deflated *)b)->key);
}

/* the gzip size of data with this key from what the zip writer deflated,
 * or -1; called before the threads start */
static long long gzip_from_deflated(const char *key, size_t raw)
{
	struct deflated k, *d;

	if (!deflated.n)
		return -1;
	memcpy(k.key, key, 65);
	d = bsearch(&k, deflated.v, deflated.n, sizeof(k), cmp_deflated);
	return d && d->raw == raw && d->zn >= 0 ? d->zn + GZIP_FRAMING : -1;
}

/* ---- the cache: one file of figures per zlib, brotli and quality ----
 *
 * cache/sizes/figures-ZLIB-gLEVEL-brMAJ.MIN.PATCH-qQ holds a line per file ever
 * measured, "SHA256 RAW GZIP BROTLI", sorted: read whole when a sizer
 * starts, written whole (atomically, by rename) when a run measured
 * anything new. One file, not one per member: a cold run of a large app
 * would otherwise spend more on creating a few hundred inodes than on
 * brotli. Two runs at once may each drop the other's new lines: those are
 * measured again, nothing is wrong. The file is bounded: past
 * FIGURES_MAX lines it starts again from the run's own. */
#define FIGURES_MAX 200000 /* about 17 MB */

static char *cache_file(const char *cache)
{
	char *p = xmalloc(strlen(cache) + 160);
	uint32_t bv = BrotliEncoderVersion();

	sprintf(p, "%s/sizes/figures-%s-g%d-br%u.%u.%u-q%d", cache, zlibVersion(), SIZE_GZIP_LEVEL,
		(unsigned)(bv >> 24), (unsigned)((bv >> 12) & 0xfff), (unsigned)(bv & 0xfff), SIZE_BROTLI_QUALITY);
	return p;
}

/* "zlib=1.2.13 gzip=6 brotli=1.0.9 quality=5": what the figures hold for */
static void versions(char *buf, size_t cap)
{
	uint32_t bv = BrotliEncoderVersion();

	snprintf(buf, cap, "zlib=%s gzip=%d brotli=%u.%u.%u quality=%d", zlibVersion(), SIZE_GZIP_LEVEL,
		 (unsigned)(bv >> 24), (unsigned)((bv >> 12) & 0xfff), (unsigned)(bv & 0xfff), SIZE_BROTLI_QUALITY);
}

static int cmp_shipped(const void *a, const void *b)
{
	const struct fig *k = a;
	const struct shipped_figure *f = b;
	int c = strcmp(k->key, f->key);

	return c ? c : k->raw < f->raw ? -1 : k->raw > f->raw;
}

static int cmp_fig(const void *a, const void *b)
{
	const struct fig *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : x->raw < y->raw ? -1 : x->raw > y->raw;
}

static void figures_load(struct sizer *z)
{
	struct strbuf sb = STRBUF_INIT;
	struct perr e = PERR_INIT;
	char *p = cache_file(z->cache);

	if (!strbuf_read_file(&sb, p, (size_t)FIGURES_MAX * 96, &e)) {
		char *line = sb.buf, *nl;
		for (; (nl = strchr(line, '\n')); line = nl + 1) {
			struct fig f;
			*nl = 0;
			if (sscanf(line, "%64[0-9a-f] %lld %lld %lld", f.key, &f.raw, &f.gzip, &f.brotli) != 4 ||
			    strlen(f.key) != 64 || f.raw < 0 || f.gzip < 0 || f.brotli < 0)
				continue; /* a damaged line is a miss */
			*VEC_PUSH(&z->known) = f;
		}
		qsort(z->known.v, z->known.n, sizeof(*z->known.v), cmp_fig);
	}
	strbuf_release(&sb);
	free(p);
}

static void figures_save(struct sizer *z)
{
	VEC(struct fig) all = VEC_INIT;
	struct strbuf sb = STRBUF_INIT;
	struct perr e = PERR_INIT;
	size_t fresh = 0;
	char *p;

	for (size_t i = 0; i < z->jobs.n; i++)
		fresh += z->jobs.v[i].measured;
	if (!fresh)
		return;
	if (z->known.n + fresh <= FIGURES_MAX)
		for (size_t i = 0; i < z->known.n; i++)
			*VEC_PUSH(&all) = z->known.v[i];
	for (size_t i = 0; i < z->jobs.n; i++) {
		const struct sjob *j = &z->jobs.v[i];
		if (!j->measured)
			continue;
		struct fig *f = VEC_PUSH(&all);
		memcpy(f->key, j->key, 65);
		f->raw = (long long)j->n;
		f->gzip = j->gzip;
		f->brotli = j->brotli;
	}
	qsort(all.v, all.n, sizeof(*all.v), cmp_fig);
	for (size_t i = 0; i < all.n; i++)
		if (!i || cmp_fig(&all.v[i - 1], &all.v[i]))
			strbuf_addf(&sb, "%s %lld %lld %lld\n", all.v[i].key, all.v[i].raw, all.v[i].gzip,
				    all.v[i].brotli);
	p = cache_file(z->cache);
	write_file_atomic(p, sb.buf, sb.len, &e); /* a cache that cannot be written is only slower */
	free(p);
	strbuf_release(&sb);
	VEC_FREE(&all);
}

/* ---- measuring ---- */

/* Task t is half of job order[t / 2]: its gzip (even t; nothing when the
 * zip writer's stream gave it) or its brotli (odd t), so the two halves of
 * one large file (a whole zip) run on two threads at once; the second to
 * finish frees the bytes. */
static void measure_half(void *ctx, size_t t)
{
	struct sizer *z = ctx;
	struct sjob *j = &z->jobs.v[z->order[t / 2]];

	if (t % 2 == 0) {
		if (j->gzip < 0)
			j->gzip = size_gzip(j->data, j->n);
	} else {
		j->brotli = size_brotli(j->data, j->n);
	}
	if (__atomic_add_fetch(&j->halves, 1, __ATOMIC_ACQ_REL) == 2) {
		j->measured = j->gzip >= 0 && j->brotli >= 0;
		free(j->data);
		j->data = NULL;
	}
}

struct sizer *sizer_new(const char *cache_dir)
{
	struct sizer *z = xcalloc(1, sizeof(*z));

	char v[160];

	versions(v, sizeof(v));
	z->shipped = shipped_figures_n && !strcmp(v, shipped_figures_versions);
	z->cache = cache_dir;
	if (cache_dir) {
		char *d = xmalloc(strlen(cache_dir) + 16);
		sprintf(d, "%s/sizes", cache_dir);
		bundle_mkdirs(d); /* a cache that cannot be made is only slower */
		free(d);
		figures_load(z);
	}
	return z;
}

void sizer_add(struct sizer *z, const void *data, size_t n, long long tag, const char *key)
{
	struct sjob *j = VEC_PUSH(&z->jobs);
	struct fig k, *f;

	memset(j, 0, sizeof(*j));
	if (key)
		memcpy(j->key, key, 65);
	else
		bundle_content_key(data, n, j->key);
	j->tag = tag;
	j->n = n;
	memcpy(k.key, j->key, 65);
	k.raw = (long long)n;
	f = z->known.n ? bsearch(&k, z->known.v, z->known.n, sizeof(k), cmp_fig) : NULL;
	if (f) {
		j->gzip = f->gzip;
		j->brotli = f->brotli;
		return;
	}
	const struct shipped_figure *sf =
		z->shipped ? bsearch(&k, shipped_figures, shipped_figures_n, sizeof(*shipped_figures), cmp_shipped) : NULL;
	if (sf) {
		j->gzip = sf->gzip;
		j->brotli = sf->brotli;
		return;
	}
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

/* a job still to measure, for sorting */
struct pending {
	const char *key;
	size_t n, idx;
};

static int cmp_pending_key(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	if (c)
		return c;
	if (x->n != y->n)
		return x->n < y->n ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

static int cmp_pending_size(const void *a, const void *b)
{
	const struct pending *x = a, *y = b;

	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return x->idx < y->idx ? -1 : x->idx > y->idx;
}

void sizer_run(struct sizer *z)
{
	struct pending *p = xmalloc((z->jobs.n ? z->jobs.n : 1) * sizeof(*p));
	size_t np = 0, todo = 0;

	for (size_t i = 0; i < z->jobs.n; i++) {
		z->jobs.v[i].same = (size_t)-1;
		if (z->jobs.v[i].data)
			p[np++] = (struct pending){ z->jobs.v[i].key, z->jobs.v[i].n, i };
	}
	/* the same bytes twice (empty __init__.py files, vendored copies) are
	 * measured once */
	qsort(p, np, sizeof(*p), cmp_pending_key);
	for (size_t i = 0; i < np; i++) {
		struct sjob *j = &z->jobs.v[p[i].idx];
		if (todo && !strcmp(p[todo - 1].key, p[i].key) && p[todo - 1].n == p[i].n) {
			j->same = p[todo - 1].idx;
			free(j->data);
			j->data = NULL;
		} else {
			p[todo++] = p[i];
		}
	}
	/* what the zip writer deflated is not deflated again */
	pthread_mutex_lock(&deflated_lock);
	if (deflated.n) /* none yet: v is NULL */
		qsort(deflated.v, deflated.n, sizeof(*deflated.v), cmp_deflated);
	for (size_t i = 0; i < todo; i++) {
		struct sjob *j = &z->jobs.v[p[i].idx];
		j->gzip = gzip_from_deflated(j->key, j->n);
	}
	pthread_mutex_unlock(&deflated_lock);
	/* largest first, so no thread is left with a long file at the end */
	qsort(p, todo, sizeof(*p), cmp_pending_size);
	z->order = xmalloc((todo ? todo : 1) * sizeof(*z->order));
	for (size_t i = 0; i < todo; i++)
		z->order[i] = p[i].idx;
	free(p);
	bundle_parallel(2 * todo, measure_half, z);
	free(z->order);
	z->order = NULL;
	for (size_t i = 0; i < z->jobs.n; i++) {
		struct sjob *j = &z->jobs.v[i];
		if (j->same != (size_t)-1) {
			j->gzip = z->jobs.v[j->same].gzip;
			j->brotli = z->jobs.v[j->same].brotli;
		}
	}
	if (z->cache)
		figures_save(z);
}

void sizer_free(struct sizer *z)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->jobs.n; i++)
		free(z->jobs.v[i].data);
	VEC_FREE(&z->jobs);
	VEC_FREE(&z->known);
	free(z);
	pthread_mutex_lock(&deflated_lock);
	VEC_FREE(&deflated); /* one bundle's: the next starts empty */
	pthread_mutex_unlock(&deflated_lock);
}
