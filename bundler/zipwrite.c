/* zipwrite.c: the deterministic zip writer over libzip. Members are kept
 * in memory until close, then added sorted by name with one fixed DOS
 * time, Unix mode 0644, the UTF-8 name flag where a name needs it, and
 * deflate at level 9, so the same members always give the same bytes.
 * The only file in the bundler that sees libzip's types.
 */
#include "bundler.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <zip.h>

struct zmember {
	char *name;
	void *data;
	size_t n;
};

struct zipw {
	char *path;
	long long mtime;
	VEC(struct zmember) members;
};

int zipw_open(struct zipw **out, const char *path, long long mtime, struct perr *err)
{
	struct zipw *z = xcalloc(1, sizeof(*z));

	z->path = xstrdup(path);
	z->mtime = mtime;
	*out = z;
	(void)err;
	return 0;
}

int zipw_add(struct zipw *z, const char *name, const void *data, size_t n, struct perr *err)
{
	struct zmember *m = VEC_PUSH(&z->members);

	m->name = xstrdup(name);
	m->data = xmalloc(n ? n : 1);
	if (n)
		memcpy(m->data, data, n);
	m->n = n;
	(void)err;
	return 0;
}

void zipw_discard(struct zipw *z)
{
	if (!z)
		return;
	for (size_t i = 0; i < z->members.n; i++) {
		free(z->members.v[i].name);
		free(z->members.v[i].data);
	}
	VEC_FREE(&z->members);
	free(z->path);
	free(z);
}

static int cmp_member(const void *a, const void *b)
{
	return strcmp(((const struct zmember *)a)->name, ((const struct zmember *)b)->name);
}

/* DOS date and time of a UTC epoch second, clamped to 1980..2107 */
static void dos_time(long long t, zip_uint16_t *dtime, zip_uint16_t *ddate)
{
	struct tm tm;
	time_t tt;

	if (t < 315532800)
		t = 315532800;
	tt = (time_t)t;
	gmtime_r(&tt, &tm);
	if (tm.tm_year > 207)
		tm.tm_year = 207;
	*dtime = (zip_uint16_t)((tm.tm_hour << 11) | (tm.tm_min << 5) | (tm.tm_sec / 2));
	*ddate = (zip_uint16_t)(((tm.tm_year - 80) << 9) | ((tm.tm_mon + 1) << 5) | tm.tm_mday);
}

static unsigned rd16(const unsigned char *p) { return p[0] | (unsigned)p[1] << 8; }
static unsigned long rd32(const unsigned char *p)
{
	return p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}

/* libzip sets the UTF-8 name flag (general purpose bit 11) only on names
 * that are not ASCII; Python's zipfile decodes every name without it as
 * cp437, which then needs encodings.cp437 at run time. Set it on every
 * entry, in the central directory and in each local header (headers are
 * not covered by any CRC). */
static int set_utf8_flags(const char *path, struct perr *err)
{
	struct strbuf sb = STRBUF_INIT;
	size_t eocd = (size_t)-1;
	int rc;

	if ((rc = strbuf_read_file(&sb, path, 0, err)))
		return rc;
	unsigned char *b = (unsigned char *)sb.buf;
	for (size_t i = sb.len >= 22 ? sb.len - 22 : 0; i + 22 <= sb.len && i + 65557 >= sb.len; i--) {
		if (rd32(b + i) == 0x06054b50) {
			eocd = i;
			break;
		}
		if (i == 0)
			break;
	}
	if (eocd == (size_t)-1) {
		strbuf_release(&sb);
		return perr_set(err, PM_INPUT, "'%s': no end of central directory", path);
	}
	unsigned long n = rd16(b + eocd + 10), off = rd32(b + eocd + 16);
	for (unsigned long k = 0; k < n; k++) {
		if (off + 46 > sb.len || rd32(b + off) != 0x02014b50)
			break;
		unsigned long lho = rd32(b + off + 42);
		b[off + 9] |= 0x08; /* bit 11 is bit 3 of the flags' high byte */
		if (lho + 30 <= sb.len && rd32(b + lho) == 0x04034b50)
			b[lho + 7] |= 0x08;
		off += 46 + rd16(b + off + 28) + rd16(b + off + 30) + rd16(b + off + 32);
	}
	FILE *f = fopen(path, "wb");
	if (!f || fwrite(sb.buf, 1, sb.len, f) != sb.len || fclose(f) != 0) {
		strbuf_release(&sb);
		return perr_set(err, PM_INPUT, "cannot write '%s'", path);
	}
	strbuf_release(&sb);
	return 0;
}

int zipw_close(struct zipw *z, void (*fn)(void *ctx, const char *name, long long stored),
	       void *ctx, struct perr *err)
{
	zip_t *za;
	int zerr = 0, rc = 0;
	zip_uint16_t dtime, ddate;

	dos_time(z->mtime, &dtime, &ddate);
	qsort(z->members.v, z->members.n, sizeof(*z->members.v), cmp_member);
	for (size_t i = 1; i < z->members.n; i++)
		if (!strcmp(z->members.v[i].name, z->members.v[i - 1].name)) {
			rc = perr_set(err, PM_INPUT, "'%s': two files named '%s'", z->path,
				      z->members.v[i].name);
			zipw_discard(z);
			return rc;
		}
	if (!(za = zip_open(z->path, ZIP_CREATE | ZIP_TRUNCATE, &zerr))) {
		zip_error_t ze;
		zip_error_init_with_code(&ze, zerr);
		rc = perr_set(err, PM_INPUT, "cannot create '%s': %s", z->path, zip_error_strerror(&ze));
		zip_error_fini(&ze);
		zipw_discard(z);
		return rc;
	}
	for (size_t i = 0; i < z->members.n && !rc; i++) {
		struct zmember *m = &z->members.v[i];
		zip_source_t *src = zip_source_buffer(za, m->data, m->n, 0);
		zip_int64_t idx;
		if (!src || (idx = zip_file_add(za, m->name, src, ZIP_FL_ENC_UTF_8)) < 0) {
			if (src)
				zip_source_free(src);
			rc = perr_set(err, PM_INPUT, "'%s': cannot add '%s': %s", z->path, m->name,
				      zip_strerror(za));
			break;
		}
		if (zip_set_file_compression(za, (zip_uint64_t)idx, ZIP_CM_DEFLATE, 9) < 0 ||
		    zip_file_set_dostime(za, (zip_uint64_t)idx, dtime, ddate, 0) < 0 ||
		    zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
						     (zip_uint32_t)0100644 << 16) < 0)
			rc = perr_set(err, PM_INPUT, "'%s': '%s': %s", z->path, m->name, zip_strerror(za));
	}
	if (rc) {
		zip_discard(za);
		zipw_discard(z);
		return rc;
	}
	if (zip_close(za) < 0) {
		rc = perr_set(err, PM_INPUT, "cannot write '%s': %s", z->path, zip_strerror(za));
		zip_discard(za);
		zipw_discard(z);
		return rc;
	}
	if ((rc = set_utf8_flags(z->path, err))) {
		zipw_discard(z);
		return rc;
	}
	if (fn && z->members.n) {
		zip_t *rd = zip_open(z->path, ZIP_RDONLY, &zerr);
		zip_stat_t st;
		for (zip_int64_t i = 0; rd && i < zip_get_num_entries(rd, 0); i++)
			if (zip_stat_index(rd, (zip_uint64_t)i, 0, &st) == 0)
				fn(ctx, st.name, (long long)st.comp_size);
		if (rd)
			zip_discard(rd);
	}
	zipw_discard(z);
	return 0;
}
