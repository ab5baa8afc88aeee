/* reqfile_load.c: the requirements-file loader: reads a file through an
 * injectable reader (the file system by default), decodes it as pip does
 * (byte order mark, PEP 263 coding line, else UTF-8), parses it with
 * reqfile_parse_text and follows its -r/-c includes depth first, with a
 * size cap, a depth cap and cycle detection; then takes each --find-links
 * path beside its file when it exists there. The syntax is in reqfile.c. */
#include "leaf.h"

#include <iconv.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

int reqfile_read_fs(void *ctx, const char *path, size_t max, struct strbuf *out,
		    struct perr *err)
{
	if (path_is_dir(path))
		return perr_set(err, PM_INPUT, "'%s': is a directory", path);
	return strbuf_read_file(out, path, max, err);
}

/* ---- the file's encoding, as pip's _decode_req_file ---- */

/* "path:line:col" of byte offset off in s (lines as pip's first split,
 * on '\n'), into an arena. */
static const char *where_at(struct arena *a, const char *path, const char *s, size_t off)
{
	int line = 1;
	size_t start = 0;

	for (size_t i = 0; i < off; i++)
		if (s[i] == '\n')
			line++, start = i + 1;
	return arena_printf(a, "%s:%d:%zu", path, line, off - start + 1);
}

/* UTF-16 or UTF-32 (width 2 or 4, big- or little-endian) s[0..n) into
 * out as UTF-8, strictly as Python's codecs: a lone surrogate, a code
 * point past U+10FFFF or a cut unit is an error (-1, *bad its offset). */
static int from_utf16_32(const unsigned char *s, size_t n, int width, int be, struct strbuf *out,
			 size_t *bad)
{
	for (size_t i = 0; i < n;) {
		uint32_t u = 0, lo = 0;
		if (n - i < (size_t)width) {
			*bad = i;
			return -1;
		}
		for (int k = 0; k < width; k++)
			u |= (uint32_t)s[i + (be ? width - 1 - k : k)] << (8 * k);
		if (width == 2 && u >= 0xd800 && u < 0xdc00 && n - i >= 4) {
			lo = (uint32_t)s[i + 2 + !be] << 8 | s[i + 2 + be];
			if (lo >= 0xdc00 && lo < 0xe000) {
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				i += 2;
			}
		}
		if ((u >= 0xd800 && u < 0xe000) || u > 0x10ffff) {
			*bad = i;
			return -1;
		}
		strbuf_add_utf8(out, u);
		i += (size_t)width;
	}
	return 0;
}

/* The encoding a PEP 263 comment in the first two lines names (pip: a
 * line starting with '#' where coding[:=]\s*([-\w.]+) matches), into
 * name; 0 when there is none. */
static int pep263_name(const char *s, size_t n, char *name, size_t size)
{
	size_t i = 0;

	for (int line = 0; line < 2 && i <= n; line++) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t end = nl ? (size_t)(nl - s) : n;
		if (i < end && s[i] == '#') {
			for (size_t k = i; k + 7 <= end; k++) {
				size_t j = k + 7, st;
				if (memcmp(s + k, "coding", 6) || (s[k + 6] != ':' && s[k + 6] != '='))
					continue;
				while (j < end && strchr(" \t\r\f\v", s[j]))
					j++;
				st = j;
				while (j < end && (leaf_isalnum((unsigned char)s[j]) || strchr("-_.", s[j])))
					j++;
				if (j == st)
					continue;
				snprintf(name, size, "%.*s", (int)(j - st), s + st);
				return 1;
			}
		}
		if (!nl)
			break;
		i = end + 1;
	}
	return 0;
}

/* Python's codec names that glibc's iconv spells otherwise */
static const char *iconv_name(const char *py, char *buf, size_t size)
{
	static const struct { const char *py, *iconv; } alias[] = {
		{ "latin", "ISO-8859-1" }, { "latin1", "ISO-8859-1" }, { "latin-1", "ISO-8859-1" },
		{ "latin_1", "ISO-8859-1" }, { "l1", "ISO-8859-1" }, { "u8", "UTF-8" },
		{ "utf", "UTF-8" }, { "utf8", "UTF-8" }, { "utf_8", "UTF-8" }, { "cp65001", "UTF-8" },
		{ "646", "ASCII" }, { "us", "ASCII" },
	};
	for (size_t i = 0; i < sizeof(alias) / sizeof(alias[0]); i++)
		if (!strcasecmp(py, alias[i].py))
			return alias[i].iconv;
	snprintf(buf, size, "%s", py);
	return buf;
}

/* text from the encoding a PEP 263 comment names (to: iconv's name of
 * it) into UTF-8, strictly. */
static int decode_iconv(const char *path, const char *name, const char *to, struct strbuf *text,
			struct arena *a, struct perr *err)
{
	iconv_t cd = iconv_open("UTF-8", to);
	struct strbuf out = STRBUF_INIT;
	char *in, *o;
	size_t left, room;
	int rc = 0;

	if (cd == (iconv_t)-1 && strchr(to, '_')) {
		char alt[64];
		snprintf(alt, sizeof(alt), "%s", to);
		for (char *p = alt; *p; p++)
			*p = *p == '_' ? '-' : *p;
		cd = iconv_open("UTF-8", alt);
	}
	if (cd == (iconv_t)-1)
		return perr_set(err, PM_INPUT, "'%s': unknown encoding '%s' in its coding line", path,
				name);
	/* 4 bytes of UTF-8 at most per input byte */
	strbuf_grow(&out, text->len * 4 + 1);
	in = text->buf, left = text->len;
	o = out.buf, room = text->len * 4;
	if (iconv(cd, &in, &left, &o, &room) == (size_t)-1)
		rc = perr_set(err, PM_INPUT, "%s: not %s, the encoding its coding line names",
			      where_at(a, path, text->buf, (size_t)(in - text->buf)), name);
	iconv_close(cd);
	if (rc) {
		strbuf_release(&out);
		return rc;
	}
	strbuf_setlen(&out, (size_t)(o - out.buf));
	strbuf_release(text);
	*text = out;
	return 0;
}

/* Decodes text in place to UTF-8 as pip reads a requirements file: a BOM
 * (UTF-8, UTF-32, UTF-16) decides; else a PEP 263 coding comment in the
 * first two lines; else UTF-8, which must be valid (pip's fallback is the
 * locale's encoding, UTF-8 on the systems it runs on here, so invalid
 * UTF-8 fails there too). */
static int decode_text(const char *path, struct strbuf *text, struct arena *a, struct perr *err)
{
	static const struct { const char *bom; size_t len; int width, be; } boms[] = {
		{ "\xff\xfe\0\0", 4, 4, 0 }, { "\0\0\xfe\xff", 4, 4, 1 },
		{ "\xff\xfe", 2, 2, 0 }, { "\xfe\xff", 2, 2, 1 },
	};
	const unsigned char *u = (const unsigned char *)text->buf;
	struct strbuf out = STRBUF_INIT;
	char name[64], buf[64];
	size_t bad = 0, skip = 0;

	if (text->len >= 3 && !memcmp(u, "\xef\xbb\xbf", 3)) {
		skip = 3;
	} else {
		for (size_t i = 0; i < sizeof(boms) / sizeof(boms[0]); i++) {
			if (text->len < boms[i].len || memcmp(u, boms[i].bom, boms[i].len))
				continue;
			if (from_utf16_32(u + boms[i].len, text->len - boms[i].len, boms[i].width,
					  boms[i].be, &out, &bad)) {
				strbuf_release(&out);
				return perr_set(err, PM_INPUT, "'%s': invalid UTF-%d%s (the encoding "
						"its byte order mark names) at byte %zu", path,
						boms[i].width * 8, boms[i].be ? "BE" : "LE",
						bad + boms[i].len + 1);
			}
			strbuf_release(text);
			*text = out;
			return 0;
		}
		if (pep263_name(text->buf, text->len, name, sizeof(name))) {
			const char *to = iconv_name(name, buf, sizeof(buf));
			if (strcasecmp(to, "UTF-8") && strcasecmp(to, "utf-8-sig"))
				return decode_iconv(path, name, to, text, a, err);
		}
	}
	bad = skip + utf8_valid_prefix(u + skip, text->len - skip);
	if (bad < text->len)
		return perr_set(err, PM_INPUT, "%s: invalid UTF-8 (pip reads a requirements file "
				"as UTF-8 unless a '# -*- coding: NAME -*-' line in its first two "
				"names another encoding)", where_at(a, path, text->buf, bad));
	return 0;
}

struct loader {
	struct reqfile *rf;
	reqfile_reader reader;
	void *ctx;
	struct arena *a;
	VEC(const char *) stack; /* normalized paths being read */
	int located;             /* the error already says file:line:col */
};

/* Lexical normalisation for cycle detection: "a/./b", "a/x/../b", "a//b". */
static char *norm_path(struct arena *a, const char *p)
{
	char *out = arena_alloc(a, strlen(p) + 2), *o = out;
	const char *s = p;
	int abs = *p == '/';

	if (abs)
		*o++ = '/';
	while (*s) {
		size_t len;
		while (*s == '/')
			s++;
		len = strcspn(s, "/");
		if (!len)
			break;
		if (len == 1 && s[0] == '.') {
		} else if (len == 2 && s[0] == '.' && s[1] == '.' && o > out + abs &&
			   !(o - out - abs >= 2 && o[-1] == '.' && o[-2] == '.' &&
			     (o - 2 == out + abs || o[-3] == '/'))) {
			while (o > out + abs && o[-1] != '/')
				o--;
			if (o > out + abs)
				o--;
		} else {
			if (o > out + abs)
				*o++ = '/';
			memcpy(o, s, len);
			o += len;
		}
		s += len;
	}
	if (o == out)
		*o++ = '.';
	*o = '\0';
	return out;
}

static int load_one(struct loader *l, const char *path, int constraint, struct perr *err);

static int on_include(void *ctx, const struct reqfile_include *inc, struct perr *err)
{
	struct loader *l = ctx;
	int rc = load_one(l, inc->path, inc->constraint, err);

	if (rc && !l->located)
		perr_wrap(err, "%s:%d:%d", inc->file, inc->line, inc->col);
	l->located = 1;
	return rc;
}

static int load_one(struct loader *l, const char *path, int constraint, struct perr *err)
{
	struct strbuf text = STRBUF_INIT;
	const char *norm = norm_path(l->a, path);
	int rc;

	l->located = 0;
	for (size_t i = 0; i < l->stack.n; i++) {
		if (strcmp(l->stack.v[i], norm))
			continue;
		struct strbuf chain = STRBUF_INIT;
		for (size_t k = i; k < l->stack.n; k++)
			strbuf_addf(&chain, "%s -> ", l->stack.v[k]);
		strbuf_addstr(&chain, norm);
		rc = perr_set(err, PM_INPUT, "requirements file cycle: %s", chain.buf);
		strbuf_release(&chain);
		return rc;
	}
	if (l->stack.n >= REQFILE_MAX_DEPTH)
		return perr_set(err, PM_INPUT, "requirements files nested more than %d deep",
				REQFILE_MAX_DEPTH);
	if ((rc = l->reader(l->ctx, path, REQFILE_MAX_BYTES, &text, err))) {
		strbuf_release(&text);
		return rc ? rc : PM_INPUT;
	}
	if ((rc = decode_text(path, &text, l->a, err))) {
		strbuf_release(&text);
		return rc;
	}
	*VEC_PUSH(&l->rf->files) = arena_strdup(l->a, path);
	*VEC_PUSH(&l->stack) = norm;
	rc = reqfile_parse_text(l->rf, arena_strdup(l->a, path), text.buf, text.len, constraint,
				l->a, on_include, l, err);
	l->located = 1;
	l->stack.n--;
	strbuf_release(&text);
	return rc;
}

int reqfile_probe_fs(const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return REQFILE_PROBE_NONE;
	return S_ISDIR(st.st_mode) ? REQFILE_PROBE_DIR : REQFILE_PROBE_FILE;
}

int reqfile_load(struct reqfile *rf, const char *path, int constraint, reqfile_reader reader,
		 void *ctx, struct arena *a, struct perr *err)
{
	struct loader l = { rf, reader ? reader : reqfile_read_fs, ctx, a, VEC_INIT, 0 };
	int rc;

	if (!rf->probe)
		rf->probe = reqfile_probe_fs;
	rc = load_one(&l, path, constraint, err);

	/* a --find-links path is taken beside the file that gave it when it
	 * exists there, else as written (pip's handle_option_line) */
	for (size_t i = 0; i < rf->find_links_beside.n; i++) {
		struct stat st;
		const char *b = rf->find_links_beside.v[i];
		if (b && !stat(b, &st))
			rf->find_links.v[i] = b;
		rf->find_links_beside.v[i] = NULL;
	}
	VEC_FREE(&l.stack);
	return rc;
}
