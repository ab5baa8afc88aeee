/* text.c: string, UTF-8 and path helpers. No allocation except where a
 * function says it returns an owned or arena string. */
#include "common.h"

#include <ctype.h>
#include <string.h>
#include <sys/stat.h>

int starts_with(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

int ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !memcmp(s + n - m, suffix, m);
}

int ends_with_ci(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);
	return n >= m && !strcasecmp(s + n - m, suffix);
}

size_t utf8_valid_prefix(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c;
		size_t len;
		uint32_t cp;
		uint64_t w;

		/* ASCII eight bytes at a time: most source is */
		while (i + 8 <= n && (memcpy(&w, s + i, 8), !(w & 0x8080808080808080u)))
			i += 8;
		if (i >= n)
			break;
		c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			len = 2;
			cp = c & 0x1F;
		} else if ((c & 0xF0) == 0xE0) {
			len = 3;
			cp = c & 0x0F;
		} else if ((c & 0xF8) == 0xF0) {
			len = 4;
			cp = c & 0x07;
		} else {
			return i;
		}
		if (i + len > n)
			return i;
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
		    (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += len;
	}
	return i;
}

/* "\\xHH" for byte c, without a printf per byte */
static void add_hex_escape(struct strbuf *sb, unsigned char c)
{
	static const char hex[] = "0123456789abcdef";
	char e[4] = { '\\', 'x', hex[c >> 4], hex[c & 15] };
	strbuf_add(sb, e, 4);
}

void strbuf_add_printable(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		size_t end = i + utf8_valid_prefix(p + i, n - i);

		while (i < end) {
			size_t run = i; /* printable bytes go in at once, not one call each */

			while (run < end && p[run] >= 0x20 && p[run] != 0x7f)
				run++;
			strbuf_add(sb, s + i, run - i);
			i = run;
			if (i < end)
				add_hex_escape(sb, p[i++]);
		}
		if (i < n) {
			add_hex_escape(sb, p[i]);
			i++;
		}
	}
}

int sha256_hex_valid(const char *s)
{
	size_t i;

	for (i = 0; i < 64; i++)
		if (hex_digit_value((unsigned char)s[i]) < 0)
			return 0;
	return s[64] == 0;
}

const char *printable(struct arena *a, const char *s, size_t n)
{
	struct strbuf sb = STRBUF_INIT;
	const char *r;

	strbuf_add_printable(&sb, s, n);
	r = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

const char *path_basename(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

char *path_join(const char *dir, const char *name)
{
	struct strbuf sb = STRBUF_INIT;

	strbuf_addstr(&sb, dir);
	if (sb.len && sb.buf[sb.len - 1] != '/')
		strbuf_addch(&sb, '/');
	strbuf_addstr(&sb, name);
	return strbuf_detach(&sb, NULL);
}

int path_is_dir(const char *path)
{
	struct stat st;
	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

int path_is_file(const char *path)
{
	struct stat st;
	return !stat(path, &st) && S_ISREG(st.st_mode);
}

int path_is_safe_member(const char *name)
{
	const char *p = name;

	if (!*name || name[0] == '/' || name[0] == '\\')
		return 0;
	if (isalpha((unsigned char)name[0]) && name[1] == ':')
		return 0;
	while (*p) {
		const char *end = p;
		while (*end && *end != '/' && *end != '\\')
			end++;
		if (end - p == 2 && p[0] == '.' && p[1] == '.')
			return 0;
		p = *end ? end + 1 : end;
	}
	return 1;
}

void strbuf_add_utf8(struct strbuf *sb, unsigned long cp)
{
	if (cp < 0x80) {
		strbuf_addch(sb, (int)cp);
	} else if (cp < 0x800) {
		strbuf_addch(sb, 0xc0 | (int)(cp >> 6));
		strbuf_addch(sb, 0x80 | (int)(cp & 0x3f));
	} else if (cp < 0x10000) {
		strbuf_addch(sb, 0xe0 | (int)(cp >> 12));
		strbuf_addch(sb, 0x80 | (int)((cp >> 6) & 0x3f));
		strbuf_addch(sb, 0x80 | (int)(cp & 0x3f));
	} else {
		strbuf_addch(sb, 0xf0 | (int)(cp >> 18));
		strbuf_addch(sb, 0x80 | (int)((cp >> 12) & 0x3f));
		strbuf_addch(sb, 0x80 | (int)((cp >> 6) & 0x3f));
		strbuf_addch(sb, 0x80 | (int)(cp & 0x3f));
	}
}

int hex_digit_value(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}
