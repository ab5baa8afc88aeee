/* reqfile_load.c: the requirements-file loader: reads a file through an
 * injectable reader (the file system by default), parses it with
 * reqfile_parse_text and follows its -r/-c includes depth first, with a
 * size cap, a depth cap and cycle detection; then takes each --find-links
 * path beside its file when it exists there. The syntax is in reqfile.c. */
#include "leaf.h"

#include <string.h>
#include <sys/stat.h>

int reqfile_read_fs(void *ctx, const char *path, size_t max, struct strbuf *out,
		    struct perr *err)
{
	if (path_is_dir(path))
		return perr_set(err, PM_INPUT, "'%s': is a directory", path);
	return strbuf_read_file(out, path, max, err);
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
	*VEC_PUSH(&l->rf->files) = arena_strdup(l->a, path);
	*VEC_PUSH(&l->stack) = norm;
	rc = reqfile_parse_text(l->rf, arena_strdup(l->a, path), text.buf, text.len, constraint,
				l->a, on_include, l, err);
	l->located = 1;
	l->stack.n--;
	strbuf_release(&text);
	return rc;
}

int reqfile_load(struct reqfile *rf, const char *path, int constraint, reqfile_reader reader,
		 void *ctx, struct arena *a, struct perr *err)
{
	struct loader l = { rf, reader ? reader : reqfile_read_fs, ctx, a, VEC_INIT, 0 };
	int rc = load_one(&l, path, constraint, err);

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
