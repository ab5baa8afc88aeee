/* zipcheck.c: the structural checks a zip passes before libzip reads it:
 * the member count, the total declared inflated size against the archive
 * budget, every central-directory entry against its local header (name,
 * method, sizes, CRC) and no two entries sharing bytes. It reads the bytes
 * it is given and nothing else; it does not inflate (source.c does). */
#include "scanner.h"

#include <stdlib.h>
#include <string.h>

struct span {
	unsigned long long start, end; /* local header .. end of data */
	size_t name_off, name_len;     /* in the buffer, for messages */
};

static unsigned rd16(const unsigned char *p) { return p[0] | (unsigned)p[1] << 8; }
static unsigned long rd32(const unsigned char *p)
{
	return p[0] | (unsigned long)p[1] << 8 | (unsigned long)p[2] << 16 | (unsigned long)p[3] << 24;
}
static unsigned long long rd64(const unsigned char *p)
{
	return rd32(p) | (unsigned long long)rd32(p + 4) << 32;
}

static int cmp_span(const void *a, const void *b)
{
	const struct span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* Replaces 0xffffffff fields from a zip64 extra field (id 1), in the order
 * the format fixes: size, compressed size, offset. 0, or -1 when a field the
 * entry needs is missing. */
static int zip64_fields(const unsigned char *ex, size_t exlen, unsigned long long *usize,
			unsigned long long *csize, unsigned long long *off)
{
	while (exlen >= 4) {
		unsigned id = rd16(ex), len = rd16(ex + 2);
		const unsigned char *d = ex + 4;
		size_t left;

		if (len > exlen - 4)
			return -1;
		if (id == 1) {
			left = len;
			if (*usize == 0xffffffffULL) {
				if (left < 8) return -1;
				*usize = rd64(d); d += 8; left -= 8;
			}
			if (*csize == 0xffffffffULL) {
				if (left < 8) return -1;
				*csize = rd64(d); d += 8; left -= 8;
			}
			if (off && *off == 0xffffffffULL) {
				if (left < 8) return -1;
				*off = rd64(d);
			}
			return 0;
		}
		ex += 4 + len;
		exlen -= 4 + len;
	}
	return (*usize == 0xffffffffULL || *csize == 0xffffffffULL ||
		(off && *off == 0xffffffffULL)) ? -1 : 0;
}

int zipcheck(const unsigned char *p, size_t n, const char *path,
	     const struct archive_limits *lim, struct perr *err)
{
	struct arena a = ARENA_INIT;
	struct span *spans = NULL;
	unsigned long long count, cd_off, cd_size, total = 0, pos;
	size_t eocd, i, nspans = 0;
	int rc = 0;

#define NAME(off, len) printable(&a, (const char *)p + (off), (len))
#define FAIL(...) do { rc = perr_set(err, PM_INPUT, __VA_ARGS__); goto out; } while (0)
	if (n < 22)
		return perr_set(err, PM_INPUT, "'%s': unreadable zip archive: too short", path);
	/* the end record: last "PK\5\6" within the comment's reach */
	for (eocd = n - 22;; eocd--) {
		if (!memcmp(p + eocd, "PK\5\6", 4) && eocd + 22 + rd16(p + eocd + 20) <= n)
			break;
		if (eocd == 0 || n - eocd > 22 + 65535)
			return perr_set(err, PM_INPUT, "'%s': unreadable zip archive: no end of central directory", path);
	}
	count = rd16(p + eocd + 10);
	cd_size = rd32(p + eocd + 12);
	cd_off = rd32(p + eocd + 16);
	if (eocd >= 20 && !memcmp(p + eocd - 20, "PK\6\7", 4)) {
		unsigned long long z = rd64(p + eocd - 20 + 8);

		if (n < 56 || z > n - 56 || memcmp(p + z, "PK\6\6", 4))
			return perr_set(err, PM_INPUT, "'%s': unreadable zip archive: bad zip64 end record", path);
		count = rd64(p + z + 32);
		cd_size = rd64(p + z + 40);
		cd_off = rd64(p + z + 48);
	}
	if (count > lim->members)
		return perr_set(err, PM_INPUT, "'%s': %llu members, more than the limit of %zu", path,
				count, lim->members);
	if (cd_off > n || cd_size > n - cd_off)
		return perr_set(err, PM_INPUT, "'%s': unreadable zip archive: central directory out of bounds", path);
	/* each entry takes at least 46 bytes, so count is bounded by the file */
	if (count > cd_size / 46)
		return perr_set(err, PM_INPUT, "'%s': unreadable zip archive: %llu entries do not fit "
				"in the central directory", path, count);
	spans = xcalloc(count ? count : 1, sizeof(*spans));
	pos = cd_off;
	for (i = 0; i < count; i++) {
		const unsigned char *c = p + pos, *l;
		unsigned flags, method, nlen, xlen, clen, lnlen, lxlen;
		unsigned long crc;
		unsigned long long csize, usize, loff, lcsize, lusize, data;

		if (cd_off + cd_size - pos < 46 || memcmp(c, "PK\1\2", 4))
			FAIL("'%s': unreadable zip archive: corrupt central directory entry #%zu", path, i);
		flags = rd16(c + 8);
		method = rd16(c + 10);
		crc = rd32(c + 16);
		csize = rd32(c + 20);
		usize = rd32(c + 24);
		nlen = rd16(c + 28);
		xlen = rd16(c + 30);
		clen = rd16(c + 32);
		loff = rd32(c + 42);
		if (cd_off + cd_size - pos - 46 < (unsigned long long)nlen + xlen + clen)
			FAIL("'%s': unreadable zip archive: corrupt central directory entry #%zu", path, i);
		if (zip64_fields(c + 46 + nlen, xlen, &usize, &csize, &loff))
			FAIL("'%s': member '%s': bad zip64 extra field", path, NAME(pos + 46, nlen));
		spans[nspans].name_off = pos + 46;
		spans[nspans].name_len = nlen;
		/* the local header must agree */
		if (loff > n || n - loff < 30 || memcmp(p + loff, "PK\3\4", 4))
			FAIL("'%s': member '%s': no local header at offset %llu", path,
			     NAME(pos + 46, nlen), loff);
		l = p + loff;
		lnlen = rd16(l + 26);
		lxlen = rd16(l + 28);
		if (n - loff - 30 < (unsigned long long)lnlen + lxlen)
			FAIL("'%s': member '%s': truncated local header", path, NAME(pos + 46, nlen));
		if (lnlen != nlen || memcmp(l + 30, c + 46, nlen))
			FAIL("'%s': member '%s': local header names it '%s'", path, NAME(pos + 46, nlen),
			     NAME(loff + 30, lnlen));
		if (rd16(l + 8) != method)
			FAIL("'%s': member '%s': local and central headers disagree on the compression method",
			     path, NAME(pos + 46, nlen));
		if (!(flags & 8) || rd32(l + 14) || rd32(l + 18) || rd32(l + 22)) {
			lcsize = rd32(l + 18);
			lusize = rd32(l + 22);
			if (zip64_fields(l + 30 + lnlen, lxlen, &lusize, &lcsize, NULL) ||
			    rd32(l + 14) != crc || lcsize != csize || lusize != usize)
				FAIL("'%s': member '%s': local and central headers disagree on the sizes or CRC",
				     path, NAME(pos + 46, nlen));
		}
		if (usize > lim->archive_bytes - total)
			FAIL("'%s': member '%s': the archive inflates to more than %llu bytes "
			     "(--max-archive-size)", path, NAME(pos + 46, nlen), lim->archive_bytes);
		total += usize;
		data = loff + 30 + lnlen + lxlen;
		if (data > n || csize > n - data)
			FAIL("'%s': member '%s' is truncated: declares %llu bytes of data, the archive "
			     "ends after %llu", path, NAME(pos + 46, nlen), csize, data > n ? 0 : n - data);
		spans[nspans].start = loff;
		spans[nspans].end = data + csize;
		nspans++;
		pos += 46 + (unsigned long long)nlen + xlen + clen;
	}
	qsort(spans, nspans, sizeof(*spans), cmp_span);
	for (i = 1; i < nspans; i++)
		if (spans[i].start < spans[i - 1].end)
			FAIL("'%s': member '%s' overlaps member '%s'", path,
			     NAME(spans[i].name_off, spans[i].name_len),
			     NAME(spans[i - 1].name_off, spans[i - 1].name_len));
	for (i = 0; i < nspans; i++)
		if (spans[i].end > cd_off)
			FAIL("'%s': member '%s' overlaps the central directory", path,
			     NAME(spans[i].name_off, spans[i].name_len));
out:
#undef NAME
#undef FAIL
	free(spans);
	arena_release(&a);
	return rc;
}
