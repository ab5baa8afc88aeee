/* strbuf.c: the growable byte buffer (git's strbuf rules, with curl dynbuf's
 * maximum size so hostile input cannot grow it without bound). */
#include "common.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

char strbuf_empty[1];

void strbuf_init(struct strbuf *sb, size_t hint)
{
	sb->buf = strbuf_empty;
	sb->len = sb->alloc = sb->max = 0;
	if (hint)
		strbuf_grow(sb, hint);
}

void strbuf_release(struct strbuf *sb)
{
	size_t max = sb->max;

	if (sb->alloc)
		free(sb->buf);
	strbuf_init(sb, 0);
	sb->max = max;
}

void strbuf_reset(struct strbuf *sb)
{
	strbuf_setlen(sb, 0);
}

void strbuf_setlen(struct strbuf *sb, size_t len)
{
	if (!sb->alloc)
		return;
	sb->len = len;
	sb->buf[len] = '\0';
}

char *strbuf_detach(struct strbuf *sb, size_t *len)
{
	char *p;

	if (!sb->alloc)
		strbuf_grow(sb, 1);
	p = sb->buf;
	if (len)
		*len = sb->len;
	sb->buf = strbuf_empty;
	sb->len = sb->alloc = 0;
	return p;
}

int strbuf_grow(struct strbuf *sb, size_t extra)
{
	size_t need, cap;

	if (extra > SIZE_MAX - sb->len - 1)
		die_oom(SIZE_MAX);
	need = sb->len + extra + 1;
	if (sb->max && sb->len + extra > sb->max)
		return -1;
	if (need <= sb->alloc)
		return 0;
	cap = sb->alloc ? sb->alloc : 64;
	while (cap < need)
		cap = cap < SIZE_MAX / 2 ? cap * 2 : need;
	if (!sb->alloc) {
		sb->buf = xmalloc(cap);
		sb->buf[0] = '\0';
	} else {
		sb->buf = xrealloc(sb->buf, cap);
	}
	sb->alloc = cap;
	return 0;
}

int strbuf_add(struct strbuf *sb, const void *data, size_t n)
{
	if (strbuf_grow(sb, n))
		return -1;
	if (n)
		memcpy(sb->buf + sb->len, data, n);
	sb->len += n;
	sb->buf[sb->len] = '\0';
	return 0;
}

int strbuf_addstr(struct strbuf *sb, const char *s)
{
	return strbuf_add(sb, s, strlen(s));
}

int strbuf_addch(struct strbuf *sb, int c)
{
	char ch = (char)c;
	return strbuf_add(sb, &ch, 1);
}

int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list cp;
	int n;

	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		return -1;
	if (strbuf_grow(sb, (size_t)n))
		return -1;
	vsnprintf(sb->buf + sb->len, (size_t)n + 1, fmt, ap);
	sb->len += (size_t)n;
	return 0;
}

int strbuf_addf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;
	int r;

	va_start(ap, fmt);
	r = strbuf_vaddf(sb, fmt, ap);
	va_end(ap);
	return r;
}

int strbuf_read_file(struct strbuf *sb, const char *path, size_t max, struct perr *err)
{
	char chunk[65536];
	size_t n, oldmax = sb->max, oldlen = sb->len, oldalloc = sb->alloc;
	FILE *f = fopen(path, "rb");

	struct stat st;

	if (!f)
		return perr_set(err, PM_INPUT, "'%s': %s", path, strerror(errno));
	/* a regular file's size says it at once: nothing read, nothing held */
	if (max && !fstat(fileno(f), &st) && S_ISREG(st.st_mode) && (unsigned long long)st.st_size > max) {
		fclose(f);
		return perr_set(err, PM_INPUT, "'%s': larger than %zu bytes", path, max);
	}
	sb->max = max ? sb->len + max : 0;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0) {
		if (strbuf_add(sb, chunk, n)) {
			fclose(f);
			sb->max = oldmax;
			if (!oldalloc)
				strbuf_release(sb);
			else
				strbuf_setlen(sb, oldlen);
			return perr_set(err, PM_INPUT, "'%s': larger than %zu bytes", path, max);
		}
	}
	sb->max = oldmax;
	if (ferror(f)) {
		int e = errno;
		fclose(f);
		if (!oldalloc)
			strbuf_release(sb);
		else
			strbuf_setlen(sb, oldlen);
		return perr_set(err, PM_INPUT, "'%s': %s", path, strerror(e));
	}
	fclose(f);
	return 0;
}

int write_file_atomic(const char *path, const void *data, size_t n, struct perr *err)
{
	struct strbuf tmp = STRBUF_INIT;
	FILE *f;
	int ok, e = 0;

	strbuf_addf(&tmp, "%s.tmp.%ld", path, (long)getpid());
	f = fopen(tmp.buf, "wb");
	if (!f) {
		e = errno;
		strbuf_release(&tmp);
		return perr_set(err, PM_INPUT, "cannot write '%s': %s", path, strerror(e));
	}
	ok = fwrite(data, 1, n, f) == n;
	if (!ok)
		e = errno;
	if (fclose(f) && ok) {
		ok = 0;
		e = errno;
	}
	if (ok && rename(tmp.buf, path)) {
		ok = 0;
		e = errno;
	}
	if (!ok)
		unlink(tmp.buf);
	strbuf_release(&tmp);
	return ok ? 0 : perr_set(err, PM_INPUT, "cannot write '%s': %s", path,
				 strerror(e ? e : EIO));
}
