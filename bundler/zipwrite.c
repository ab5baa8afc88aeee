/* zipwrite.c: the deterministic zip writer. Members are kept in memory
 * until close, then written sorted by name with one fixed DOS time, Unix
 * mode 0644, the UTF-8 name flag on every entry (Python's zipfile decodes a
 * name without it as cp437) and raw deflate at zlib level SIZE_GZIP_LEVEL
 * (the level of the gzip figures); so the same members always give the
 * same bytes. Members deflate on up to four threads, and a deflated member
 * is kept in a cache by the sha256 of its bytes (and zlib's version and the
 * level), so an unchanged file is not deflated twice.
 * zlib does the deflating and the CRCs; the headers are written here.
 */
#include "bundler.h"
#include "../scanner/scanner.h" /* sha256 */

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

struct zmember {
	char *name;
	unsigned char *data;
	size_t n;
	unsigned char *z; /* deflated */
	size_t zn;
	unsigned long crc;
	int failed;
	char key[65];     /* sha256 of data, hex */
};

struct zipw {
	char *path;
	long long mtime;
	const char *cache;  /* directory for deflated members, or NULL */
	int store;          /* members stored (method 0), not deflated */
	VEC(struct zmember) members;
};

int zipw_open(struct zipw **out, const char *path, long long mtime, const char *cache_dir,
	      struct perr *err)
{
	struct zipw *z = xcalloc(1, sizeof(*z));

	z->path = xstrdup(path);
	z->mtime = mtime;
	z->cache = cache_dir ? xstrdup(cache_dir) : NULL;
	*out = z;
	(void)err;
	return 0;
}

int zipw_add(struct zipw *z, const char *name, const void *data, size_t n, const char *key,
	     struct perr *err)
{
	struct zmember *m;

	if (n > 0xffffffffu || strlen(name) > 0xffff || z->members.n >= 0xffff)
		return perr_set(err, PM_INPUT, "'%s': '%s' needs zip64, which bundles do not use",
				z->path, name);
	m = VEC_PUSH(&z->members);
	memset(m, 0, sizeof(*m));
	m->name = xstrdup(name);
	m->data = xmalloc(n ? n : 1);
	if (n)
		memcpy(m->data, data, n);
	m->n = n;
	if (key) {
		memcpy(m->key, key, 64);
		m->key[64] = 0;
	} else {
		bundle_content_key(data, n, m->key);
	}
	return 0;
}

void bundle_content_key(const void *data, size_t n, char out[65])
{
	struct sha256 c;
	unsigned char d[32];

	sha256_init(&c);
	sha256_update(&c, data, n);
	sha256_final(&c, d);
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

void zipw_key(const struct zipw *z, char out[65])
{
	/* the zip's bytes follow from its sorted members, their names, the
	 * time and zlib: a key over those stands for a hash of the file */
	struct sha256 c;
	unsigned char d[32];
	char t[64];

	sha256_init(&c);
	for (size_t i = 0; i < z->members.n; i++) {
		sha256_update(&c, z->members.v[i].name, strlen(z->members.v[i].name) + 1);
		sha256_update(&c, z->members.v[i].key, 64);
	}
	snprintf(t, sizeof(t), "%lld %s zip1%s", z->mtime, zlibVersion(), z->store ? " stored" : "");
	sha256_update(&c, t, strlen(t));
	sha256_final(&c, d);
	for (int i = 0; i < 32; i++)
		sprintf(out + 2 * i, "%02x", d[i]);
}

void zipw_store(struct zipw *z)
{
	z->store = 1;
}

void zipw_discard(struct zipw *z)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->members.n; i++) {
		free(z->members.v[i].name);
		free(z->members.v[i].data);
		free(z->members.v[i].z);
	}
	VEC_FREE(&z->members);
	free((char *)z->cache);
	free(z->path);
	free(z);
}

static int cmp_member(const void *a, const void *b)
{
	return strcmp(((const struct zmember *)a)->name, ((const struct zmember *)b)->name);
}

/* DOS date and time of a UTC epoch second, clamped to 1980..2107 */
static void dos_time(long long t, unsigned *dtime, unsigned *ddate)
{
	struct tm tm;
	time_t tt;

	if (t < 315532800)
		t = 315532800;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	if (tm.tm_year > 207)
		tm.tm_year = 207;
	*dtime = (unsigned)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	*ddate = (unsigned)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

/* ---- deflating, with the cache ---- */

static char *cache_path(const struct zipw *z, const struct zmember *m)
{
	char *p = xmalloc(strlen(z->cache) + 160);
	sprintf(p, "%s/deflate/%s-%s-%d", z->cache, m->key, zlibVersion(), SIZE_GZIP_LEVEL);
	return p;
}

/* a cached entry is "PMZ1", the CRC (4 bytes, little-endian), the raw
 * size (8), then the deflated bytes; anything else is a miss */
static int cache_get(struct zipw *z, struct zmember *m, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	struct perr e = PERR_INIT;
	const unsigned char *b;
	unsigned long long raw = 0;

	if (strbuf_read_file(&sb, path, 0, &e) || sb.len < 16 || memcmp(sb.buf, "PMZ1", 4)) {
		strbuf_release(&sb);
		return 0;
	}
	b = (const unsigned char *)sb.buf;
	for (int i = 0; i < 8; i++)
		raw |= (unsigned long long)b[8 + i] << (8 * i);
	if (raw != m->n) {
		strbuf_release(&sb);
		return 0;
	}
	m->crc = b[4] | (unsigned long)b[5] << 8 | (unsigned long)b[6] << 16 | (unsigned long)b[7] << 24;
	m->zn = sb.len - 16;
	m->z = xmalloc(m->zn ? m->zn : 1);
	memcpy(m->z, sb.buf + 16, m->zn);
	strbuf_release(&sb);
	return 1;
}

static void cache_put(const struct zmember *m, const char *path)
{
	size_t n = 16 + m->zn;
	unsigned char *b = xmalloc(n);
	struct perr e = PERR_INIT;

	memcpy(b, "PMZ1", 4);
	for (int i = 0; i < 4; i++)
		b[4 + i] = (unsigned char)(m->crc >> (8 * i));
	for (int i = 0; i < 8; i++)
		b[8 + i] = (unsigned char)((unsigned long long)m->n >> (8 * i));
	memcpy(b + 16, m->z, m->zn);
	write_file_atomic(path, b, n, &e); /* a cache that cannot be written is only slower */
	free(b);
}

static int deflate_member(struct zmember *m)
{
	z_stream s;
	size_t cap = deflateBound(NULL, (uLong)m->n) + 64;

	memset(&s, 0, sizeof(s));
	if (deflateInit2(&s, SIZE_GZIP_LEVEL, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	m->z = xmalloc(cap);
	s.next_in = m->data;
	s.avail_in = (uInt)m->n;
	s.next_out = m->z;
	s.avail_out = (uInt)cap;
	if (deflate(&s, Z_FINISH) != Z_STREAM_END) {
		deflateEnd(&s);
		return -1;
	}
	m->zn = s.total_out;
	deflateEnd(&s);
	m->crc = crc32(crc32(0L, Z_NULL, 0), m->data, (uInt)m->n);
	return 0;
}

static void deflate_one(void *ctx, size_t i)
{
	struct zipw *z = ctx;
	struct zmember *m = &z->members.v[i];
	char *cp;

	if (z->store) { /* stored: the bytes as they are */
		m->z = xmalloc(m->n ? m->n : 1);
		memcpy(m->z, m->data, m->n);
		m->zn = m->n;
		m->crc = crc32(crc32(0L, Z_NULL, 0), m->data, (uInt)m->n);
		return;
	}
	cp = z->cache ? cache_path(z, m) : NULL;

	if (!(cp && cache_get(z, m, cp))) {
		if (deflate_member(m) != 0)
			m->failed = 1;
		else if (cp)
			cache_put(m, cp);
	}
	if (!m->failed) /* the level of size_gzip: its gzip size is known now */
		sizes_note_deflated(m->key, m->n, (long long)m->zn);
	free(cp);
}

/* ---- writing ---- */

static void put16(struct strbuf *sb, unsigned v)
{
	unsigned char b[2] = { (unsigned char)v, (unsigned char)(v >> 8) };
	strbuf_add(sb, b, 2);
}

static void put32(struct strbuf *sb, unsigned long v)
{
	unsigned char b[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24) };
	strbuf_add(sb, b, 4);
}

int zipw_close(struct zipw *z, void (*fn)(void *ctx, const char *name, long long stored),
	       void *ctx, struct perr *err)
{
	struct strbuf out = STRBUF_INIT, cd = STRBUF_INIT;
	int rc = 0;
	unsigned dtime, ddate;
	/* UTF-8 names; deflated only: bits 1-2 say the level (0 normal, 1
	 * maximum: 8 and 9, 2 fast: 2, 3 super fast: 1) */
	const unsigned level_bits = SIZE_GZIP_LEVEL >= 8 ? 0x0002 : SIZE_GZIP_LEVEL == 2 ? 0x0004
				    : SIZE_GZIP_LEVEL == 1 ? 0x0006 : 0;
	const unsigned flags = 0x0800 | (z->store ? 0 : level_bits), method = z->store ? 0 : 8;

	dos_time(z->mtime, &dtime, &ddate);
	qsort(z->members.v, z->members.n, sizeof(*z->members.v), cmp_member);
	for (size_t i = 1; i < z->members.n; i++)
		if (!strcmp(z->members.v[i].name, z->members.v[i - 1].name)) {
			rc = perr_set(err, PM_INPUT, "'%s': two files named '%s'", z->path,
				      z->members.v[i].name);
			zipw_discard(z);
			return rc;
		}
	if (z->cache && !z->store) {
		char *d = xmalloc(strlen(z->cache) + 16);
		sprintf(d, "%s/deflate", z->cache);
		bundle_mkdirs(d); /* a cache that cannot be made is only slower */
		free(d);
	}
	bundle_parallel(z->members.n, deflate_one, z);
	for (size_t i = 0; i < z->members.n; i++) {
		struct zmember *m = &z->members.v[i];
		size_t name_n = strlen(m->name);
		if (m->failed) {
			rc = perr_set(err, PM_INPUT, "'%s': cannot deflate '%s'", z->path, m->name);
			break;
		}
		if (out.len > 0xffffffffu - 64 - m->zn) {
			rc = perr_set(err, PM_INPUT, "'%s' would pass 4 GiB: bundles do not use zip64", z->path);
			break;
		}
		unsigned long off = (unsigned long)out.len;
		/* local file header */
		put32(&out, 0x04034b50);
		put16(&out, 20);
		put16(&out, flags);
		put16(&out, method);
		put16(&out, dtime);
		put16(&out, ddate);
		put32(&out, m->crc);
		put32(&out, (unsigned long)m->zn);
		put32(&out, (unsigned long)m->n);
		put16(&out, (unsigned)name_n);
		put16(&out, 0);
		strbuf_add(&out, m->name, name_n);
		strbuf_add(&out, m->z, m->zn);
		/* its central directory entry */
		put32(&cd, 0x02014b50);
		put16(&cd, (3u << 8) | 20); /* made by: Unix, 2.0 */
		put16(&cd, 20);
		put16(&cd, flags);
		put16(&cd, method);
		put16(&cd, dtime);
		put16(&cd, ddate);
		put32(&cd, m->crc);
		put32(&cd, (unsigned long)m->zn);
		put32(&cd, (unsigned long)m->n);
		put16(&cd, (unsigned)name_n);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put16(&cd, 0);
		put32(&cd, 0100644ul << 16);
		put32(&cd, off);
		strbuf_add(&cd, m->name, name_n);
		if (fn)
			fn(ctx, m->name, (long long)m->zn);
	}
	if (!rc) {
		unsigned long cd_off = (unsigned long)out.len;
		strbuf_add(&out, cd.buf, cd.len);
		put32(&out, 0x06054b50);
		put16(&out, 0);
		put16(&out, 0);
		put16(&out, (unsigned)z->members.n);
		put16(&out, (unsigned)z->members.n);
		put32(&out, (unsigned long)cd.len);
		put32(&out, cd_off);
		put16(&out, 0);
		FILE *f = fopen(z->path, "wb");
		if (!f || fwrite(out.buf, 1, out.len, f) != out.len || fclose(f) != 0) {
			int e = errno;
			rc = perr_set(err, PM_INPUT, "cannot write '%s': %s", z->path, strerror(e));
		}
	}
	strbuf_release(&out);
	strbuf_release(&cd);
	zipw_discard(z);
	return rc;
}
