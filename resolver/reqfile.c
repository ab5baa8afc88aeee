/* reqfile.c: requirements files in pip's syntax (pip 26.2's req_file.py):
 * line joining, comments, ${VAR} expansion, the options pip accepts in a
 * file and which of a line's options it uses, per-requirement --hash, bare
 * URLs and paths, -e. PEP 508 parsing is in pep508.c; the loader that
 * reads files and follows -r/-c is reqfile_load.c; nothing here does I/O. */
#include "leaf.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

void reqfile_release(struct reqfile *rf)
{
	VEC_FREE(&rf->entries);
	VEC_FREE(&rf->extra_index_urls);
	VEC_FREE(&rf->find_links);
	VEC_FREE(&rf->find_links_beside);
	VEC_FREE(&rf->trusted_hosts);
	VEC_FREE(&rf->files);
	VEC_FREE(&rf->no_binary);
	VEC_FREE(&rf->only_binary);
	rf->index_url = NULL;
	rf->no_index = rf->pre = rf->prefer_binary = rf->require_hashes = 0;
}

/* ---- one logical line, and where each of its bytes came from ---- */

struct seg {           /* joined[off..] came from (line, col..) */
	size_t off;
	int line, col;
};
struct xmap {          /* expanded[out..] came from joined[in..] */
	size_t out, in;
	int verbatim;  /* 0: a ${VAR} value, all of it maps to in */
};

struct lctx {
	struct reqfile *rf;
	const char *name;
	int constraint;
	struct arena *a;
	reqfile_include_fn include;
	void *ctx;
	struct perr *err;
	/* the current logical line */
	struct strbuf joined, text;
	VEC(struct seg) segs;
	VEC(struct xmap) xmaps;
};

static void where(const struct lctx *c, size_t off, int *line, int *col)
{
	size_t in = off;
	const struct seg *s = NULL;

	for (size_t i = c->xmaps.n; i-- > 0;) {
		const struct xmap *x = &c->xmaps.v[i];
		if (x->out <= off) {
			in = x->verbatim ? x->in + (off - x->out) : x->in;
			break;
		}
	}
	for (size_t i = c->segs.n; i-- > 0;)
		if (c->segs.v[i].off <= in) {
			s = &c->segs.v[i];
			break;
		}
	*line = s ? s->line : 0;
	*col = s ? s->col + (int)(in - s->off) : 0;
}

/* "name:line:col: <msg>" for a position in the expanded line. */
static int lfail(struct lctx *c, size_t off, const char *fmt, ...) PM_PRINTF(3, 4);
static int lfail(struct lctx *c, size_t off, const char *fmt, ...)
{
	char msg[900];
	va_list ap;
	int line, col;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	where(c, off, &line, &col);
	return perr_set(c->err, PM_INPUT, "%s:%d:%d: %s", c->name, line, col, msg);
}

static int lwrap(struct lctx *c, size_t off)
{
	int line, col;

	where(c, off, &line, &col);
	if (c->err && !c->err->code)
		c->err->code = PM_INPUT;
	return perr_wrap(c->err, "%s:%d:%d", c->name, line, col), PM_INPUT;
}

static const char *quoted(struct lctx *c, const char *s, size_t n)
{
	char q[LEAF_QUOTE_MAX];

	leaf_quote(q, sizeof(q), s, n);
	return arena_strdup(c->a, q);
}

static void expand_vars_once(struct lctx *c, size_t lo, size_t hi);

/* The length of a ${NAME} (NAME of [A-Z0-9_]+) at s[i..hi), else 0. */
static size_t var_at(const char *s, size_t i, size_t hi)
{
	size_t j = i + 2;

	if (i + 1 >= hi || s[i] != '$' || s[i + 1] != '{')
		return 0;
	while (j < hi && ((s[j] >= 'A' && s[j] <= 'Z') || (s[j] >= '0' && s[j] <= '9') ||
			  s[j] == '_'))
		j++;
	return j > i + 2 && j < hi && s[j] == '}' ? j + 1 - i : 0;
}

/* pip's expand_env_variables as written: for each ${NAME} of the line in
 * turn (repeats too), every occurrence of it in the line as it is by then
 * is replaced (str.replace), so a value may bring in, or complete, a
 * ${NAME} that a later turn expands. Into out; -1 when the passes would
 * read more than REQFILE_EXPAND_WORK bytes or make a line longer than
 * REQFILE_MAX_BYTES (a value holding its own ${NAME} doubles the line at
 * each repeat of it: pip runs out of memory there). */
#define REQFILE_EXPAND_WORK (64u << 20)
/* the first tok (k bytes) in [p, end), or NULL: memchr for its first byte,
 * not strstr, whose sanitizer interceptor reads the whole rest of the
 * string at every call (quadratic under `make asan` on a long line) */
static const char *find_tok(const char *p, const char *end, const char *tok, size_t k)
{
	while (p < end && (p = memchr(p, tok[0], (size_t)(end - p))) && (size_t)(end - p) >= k) {
		if (!memcmp(p, tok, k))
			return p;
		p++;
	}
	return NULL;
}

static int expand_vars_pip(const char *s, size_t lo, size_t hi, struct strbuf *out)
{
	struct strbuf next = STRBUF_INIT;
	size_t work = 0;
	int rc = 0;

	strbuf_reset(out);
	strbuf_add(out, s + lo, hi - lo);
	for (size_t i = lo, k; i < hi && !rc; i += k ? k : 1) {
		char *tok;
		const char *val;
		if (!(k = var_at(s, i, hi)))
			continue;
		tok = xstrndup(s + i, k);
		tok[k - 1] = '\0';
		val = getenv(tok + 2);
		tok[k - 1] = '}';
		if (val && *val) {
			const char *p = out->buf, *hit;
			work += out->len;
			strbuf_reset(&next);
			const char *end = out->buf + out->len;
			while ((hit = find_tok(p, end, tok, k)) && next.len <= REQFILE_MAX_BYTES) {
				strbuf_add(&next, p, (size_t)(hit - p));
				strbuf_addstr(&next, val);
				p = hit + k;
			}
			strbuf_add(&next, p, (size_t)(end - p));
			if (work > REQFILE_EXPAND_WORK || next.len > REQFILE_MAX_BYTES)
				rc = -1;
			strbuf_reset(out);
			strbuf_add(out, next.buf, next.len);
		}
		free(tok);
	}
	strbuf_release(&next);
	return rc;
}

/* pip expands ${NAME} with NAME of [A-Z0-9_]+ only; unset and empty ones
 * stay as written. One pass keeps where each byte came from, for messages;
 * when pip's passes give another line (a value that brings in a ${NAME}
 * expanded later), that line is taken, all its bytes placed at the start. */
static int expand_vars(struct lctx *c, size_t lo, size_t hi)
{
	struct strbuf pip = STRBUF_INIT;
	int rc = 0;

	expand_vars_once(c, lo, hi);
	if (expand_vars_pip(c->joined.buf, lo, hi, &pip)) {
		rc = lfail(c, 0, "${VAR} expansion runs away: pip's passes over this line would "
			   "make it longer than %u bytes or read more than %u", REQFILE_MAX_BYTES,
			   REQFILE_EXPAND_WORK);
	} else if (pip.len != c->text.len || memcmp(pip.buf, c->text.buf, pip.len)) {
		strbuf_reset(&c->text);
		strbuf_add(&c->text, pip.buf, pip.len);
		c->xmaps.n = 0;
		*VEC_PUSH(&c->xmaps) = (struct xmap){ 0, lo, 0 };
	}
	strbuf_release(&pip);
	return rc;
}

static void expand_vars_once(struct lctx *c, size_t lo, size_t hi)
{
	const char *s = c->joined.buf;
	size_t i = lo, run = lo;

	strbuf_reset(&c->text);
	c->xmaps.n = 0;
	*VEC_PUSH(&c->xmaps) = (struct xmap){ 0, lo, 1 };
	while (i < hi) {
		size_t j, k = var_at(s, i, hi);
		if (!k) {
			i++;
			continue;
		}
		j = i + k - 1;
		char *name = xstrndup(s + i + 2, j - i - 2);
		const char *val = getenv(name);
		free(name);
		if (!val || !*val) { /* pip leaves unset and empty ones as written */
			i = j + 1;
			continue;
		}
		strbuf_add(&c->text, s + run, i - run);
		*VEC_PUSH(&c->xmaps) = (struct xmap){ c->text.len, i, 0 };
		strbuf_addstr(&c->text, val);
		i = j + 1;
		run = i;
		*VEC_PUSH(&c->xmaps) = (struct xmap){ c->text.len, run, 1 };
	}
	strbuf_add(&c->text, s + run, hi - run);
}

/* ---- option tokens (shlex-like: quotes and backslashes) ---- */

struct tok {
	char *s;       /* arena, unquoted */
	size_t off;    /* start in the expanded line */
};
struct toks {
	struct tok *v;
	size_t n, alloc;
};

static int shlex_space(char ch)
{
	return ch == ' ' || ch == '\t' || ch == '\r' || ch == '\n';
}

/* shlex.split in POSIX mode: *bad 1 for an open quote, 2 for a trailing
 * backslash, and the offset of the problem is returned. */
static size_t tokenize(struct lctx *c, size_t from, struct toks *toks, int *bad)
{
	const char *s = c->text.buf;
	size_t i = from, n = c->text.len;
	struct strbuf sb = STRBUF_INIT;

	*bad = 0;
	while (i < n) {
		size_t start;
		char quote = 0;
		while (i < n && shlex_space(s[i]))
			i++;
		if (i >= n)
			break;
		start = i;
		strbuf_reset(&sb);
		while (i < n && (quote || !shlex_space(s[i]))) {
			char ch = s[i];
			if (quote) {
				if (ch == quote)
					quote = 0;
				else if (ch == '\\' && quote == '"' && i + 1 < n &&
					 (s[i + 1] == '"' || s[i + 1] == '\\'))
					strbuf_addch(&sb, s[++i]);
				else
					strbuf_addch(&sb, ch);
			} else if (ch == '"' || ch == '\'') {
				quote = ch;
			} else if (ch == '\\') {
				if (i + 1 >= n) { /* shlex: "No escaped character" */
					*bad = 2;
					strbuf_release(&sb);
					return i;
				}
				strbuf_addch(&sb, s[++i]);
			} else {
				strbuf_addch(&sb, ch);
			}
			i++;
		}
		if (quote) {
			*bad = 1;
			strbuf_release(&sb);
			return start;
		}
		struct tok *t = VEC_PUSH(toks);
		t->s = arena_strndup(c->a, sb.buf, sb.len);
		t->off = start;
	}
	strbuf_release(&sb);
	return 0;
}

/* ---- options ---- */

enum opt_id {
	O_REQUIREMENT, O_CONSTRAINT, O_EDITABLE, O_INDEX_URL, O_EXTRA_INDEX_URL, O_NO_INDEX,
	O_FIND_LINKS, O_PRE, O_TRUSTED_HOST, O_ONLY_BINARY, O_NO_BINARY, O_PREFER_BINARY,
	O_REQUIRE_HASHES, O_USE_FEATURE, O_HASH, O_CONFIG_SETTINGS, O_UNSUPPORTED
};

/* Every option pip 26 accepts in a requirements file (its SUPPORTED_OPTIONS
 * and SUPPORTED_OPTIONS_REQ), so that abbreviations are resolved against
 * the same list as pip's optparse. */
static const struct opt {
	const char *shrt, *lng;
	int has_arg;
	enum opt_id id;
} opts[] = {
	{ "-r", "--requirement", 1, O_REQUIREMENT },
	{ "-c", "--constraint", 1, O_CONSTRAINT },
	{ "-e", "--editable", 1, O_EDITABLE },
	{ "-i", "--index-url", 1, O_INDEX_URL },
	{ NULL, "--pypi-url", 1, O_INDEX_URL },
	{ NULL, "--extra-index-url", 1, O_EXTRA_INDEX_URL },
	{ NULL, "--no-index", 0, O_NO_INDEX },
	{ "-f", "--find-links", 1, O_FIND_LINKS },
	{ NULL, "--pre", 0, O_PRE },
	{ NULL, "--trusted-host", 1, O_TRUSTED_HOST },
	{ NULL, "--only-binary", 1, O_ONLY_BINARY },
	{ NULL, "--no-binary", 1, O_NO_BINARY },
	{ NULL, "--prefer-binary", 0, O_PREFER_BINARY },
	{ NULL, "--require-hashes", 0, O_REQUIRE_HASHES },
	{ NULL, "--use-feature", 1, O_USE_FEATURE },
	{ NULL, "--hash", 1, O_HASH },
	{ "-C", "--config-settings", 1, O_CONFIG_SETTINGS },
	{ NULL, "--no-require-hashes", 0, O_UNSUPPORTED },
	{ NULL, "--all-releases", 1, O_UNSUPPORTED },
	{ NULL, "--only-final", 1, O_UNSUPPORTED },
};
#define N_OPTS (sizeof(opts) / sizeof(opts[0]))

/* The long option named by s[0..len): an exact name, else the one name it
 * abbreviates, as optparse resolves them; *ambiguous when several. */
static const struct opt *long_opt(const char *s, size_t len, int *ambiguous)
{
	const struct opt *hit = NULL;

	*ambiguous = 0;
	for (size_t i = 0; i < N_OPTS; i++)
		if (strlen(opts[i].lng) == len && !strncmp(s, opts[i].lng, len))
			return &opts[i];
	for (size_t i = 0; i < N_OPTS; i++) {
		if (strncmp(s, opts[i].lng, len))
			continue;
		if (hit && hit->id != opts[i].id) { /* --pypi-url is --index-url */
			*ambiguous = 1;
			return NULL;
		}
		hit = &opts[i];
	}
	return hit;
}

/* optparse takes a word that is not an option as an argument, and pip
 * drops a line's arguments after its options without a word (a
 * requirement there is not installed): refused here. */
static int not_an_option(struct lctx *c, const struct tok *t)
{
	return lfail(c, t->off, "'%s' after the options is not an option (pip would ignore it; "
		     "a requirement goes before its options)", quoted(c, t->s, strlen(t->s)));
}

/* Reads the option at toks[*k]; fills *o and *val (NULL for flags). */
static int read_opt(struct lctx *c, struct toks *toks, size_t *k, const struct opt **o,
		    const char **val, size_t *val_off)
{
	struct tok *t = &toks->v[*k];
	const char *s = t->s;
	int ambiguous = 0;

	*o = NULL;
	*val = NULL;
	if (s[0] != '-' || !s[1])
		return not_an_option(c, t);
	if (s[0] == '-' && s[1] == '-') {
		size_t len = strcspn(s, "=");
		*o = len > 2 ? long_opt(s, len, &ambiguous) : NULL;
		if (ambiguous)
			return lfail(c, t->off, "ambiguous option '%s'", quoted(c, s, len));
		if (*o && s[len] == '=') {
			if (!(*o)->has_arg)
				return lfail(c, t->off, "option '%s' takes no value", (*o)->lng);
			*val = s + len + 1;
			*val_off = t->off + len + 1;
		}
	} else {
		for (size_t i = 0; i < N_OPTS && !*o; i++)
			if (opts[i].shrt && s[0] == '-' && s[1] == opts[i].shrt[1]) {
				*o = &opts[i];
				if (s[2]) {
					*val = s + 2;
					*val_off = t->off + 2;
				}
			}
	}
	if (!*o)
		return lfail(c, t->off, "unknown option '%s'", quoted(c, s, strlen(s)));
	if ((*o)->id == O_UNSUPPORTED)
		return lfail(c, t->off, "option '%s' is not supported", (*o)->lng);
	if ((*o)->has_arg && !*val) {
		if (*k + 1 >= toks->n)
			return lfail(c, t->off, "option '%s' needs a value", s);
		(*k)++;
		*val = toks->v[*k].s;
		*val_off = toks->v[*k].off;
	}
	if ((*o)->has_arg && !**val)
		return lfail(c, *val_off, "option '%s' needs a value", (*o)->lng);
	return 0;
}

static int is_url(const char *s)
{
	size_t i = 0;

	if (!leaf_isalnum((unsigned char)s[0]) || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	while (leaf_isalnum((unsigned char)s[i]) || s[i] == '+' || s[i] == '-' || s[i] == '.')
		i++;
	if (s[i] != ':')
		return 0;
	return !strncmp(s + i, "://", 3) || (i == 4 && !strncasecmp(s, "file", 4));
}

/* pip's --no-binary / --only-binary value handling: ":all:" replaces
 * everything, ":none:" clears, names move from the other set. */
static void binary_opt(struct lctx *c, const char *val, int only)
{
	struct reqfile *rf = c->rf;
	struct reqfile_names *target = only ? &rf->only_binary : &rf->no_binary;
	struct reqfile_names *other = only ? &rf->no_binary : &rf->only_binary;
	const char *p = val;

	while (*p) {
		size_t len = strcspn(p, ",");
		if (len == 5 && !strncmp(p, ":all:", 5)) {
			target->n = other->n = 0;
			*VEC_PUSH(target) = ":all:";
		} else if (len == 6 && !strncmp(p, ":none:", 6)) {
			target->n = 0;
		} else if (len) {
			char *name = req_name_normalize(c->a, p, len);
			size_t k = 0;
			for (size_t i = 0; i < other->n; i++)
				if (strcmp(other->v[i], name))
					other->v[k++] = other->v[i];
			other->n = k;
			int have = 0;
			for (size_t i = 0; i < target->n; i++)
				have |= !strcmp(target->v[i], name);
			if (!have)
				*VEC_PUSH(target) = name;
		}
		p += len + (p[len] == ',');
	}
}

static int check_hash(struct lctx *c, const char *val, size_t off, const char **out)
{
	static const struct { const char *algo; size_t hex; } algos[] = {
		{ "sha256", 64 }, { "sha384", 96 }, { "sha512", 128 },
	};
	const char *colon = strchr(val, ':');
	char *h;

	if (!colon)
		return lfail(c, off, "invalid hash '%s': expected <algorithm>:<hex digest>",
			     quoted(c, val, strlen(val)));
	for (size_t i = 0; i < sizeof(algos) / sizeof(algos[0]); i++) {
		size_t alen = strlen(algos[i].algo);
		if ((size_t)(colon - val) != alen || strncmp(val, algos[i].algo, alen))
			continue;
		if (strlen(colon + 1) != algos[i].hex ||
		    strspn(colon + 1, "0123456789abcdefABCDEF") != algos[i].hex)
			return lfail(c, off, "invalid hash '%s': expected %zu hex digits",
				     quoted(c, val, strlen(val)), algos[i].hex);
		h = arena_strdup(c->a, val);
		for (char *p = h; *p; p++)
			*p = (char)leaf_tolower((unsigned char)*p);
		*out = h;
		return 0;
	}
	return lfail(c, off, "invalid hash '%s': algorithm must be sha256, sha384 or sha512",
		     quoted(c, val, strlen(val)));
}

/* ---- requirements ---- */

static int has_suffix_ci(const char *s, size_t n, const char *suf)
{
	size_t k = strlen(suf);
	return n >= k && !strncasecmp(s + n - k, suf, k);
}

static int is_archive(const char *s, size_t n)
{
	static const char *const ext[] = { ".whl", ".zip", ".tar.gz", ".tgz", ".tar.bz2", ".tbz",
					   ".tar.xz", ".txz", ".tar", ".tar.lz", ".tlz" };
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (has_suffix_ci(s, n, ext[i]))
			return 1;
	return 0;
}

static int looks_like_path(const char *s, size_t n)
{
	return memchr(s, '/', n) || memchr(s, '\\', n) || (n && s[0] == '.') ||
	       is_archive(s, n);
}

/* Where a trailing [extras] of s[lo..end) starts, as pip's strip_extras
 * finds it (^(.+)(\[[^\]]+\])$: something before it, not empty, no ']'
 * inside), else end. */
static size_t extras_at(const char *s, size_t lo, size_t end)
{
	size_t o;

	if (end - lo < 3 || s[end - 1] != ']')
		return end;
	for (o = end - 1; o > lo && s[o - 1] != '[' && s[o - 1] != ']'; o--)
		;
	return o > lo + 1 && s[o - 1] == '[' && o < end - 1 ? o - 1 : end;
}

/* Reads "[a,b]" (s[open..end)) as pip's _convert_extras does (packaging
 * reading "placeholder" + it lowercased) into r's extras. */
static int read_extras(struct lctx *c, struct req *r, const char *s, size_t open, size_t end,
		       size_t off)
{
	struct req tmp;
	struct strbuf sb = STRBUF_INIT;
	int col = 0;

	strbuf_addstr(&sb, "x");
	for (size_t i = open; i < end; i++)
		strbuf_addch(&sb, (char)leaf_tolower((unsigned char)s[i]));
	if (req_parse(&tmp, sb.buf, sb.len, c->a, NULL, &col) || tmp.specs.n || tmp.url ||
	    tmp.marker) {
		strbuf_release(&sb);
		return lfail(c, off, "invalid extras '%s'", quoted(c, s + open, end - open));
	}
	strbuf_release(&sb);
	r->extras = tmp.extras;
	r->n_extras = tmp.n_extras;
	return 0;
}

/* pip's is_archive_file: the extension its splitext finds (after the base
 * name's last '.', not a leading one, with a ".tar" before it) is an
 * archive's. */
static int pip_archive(const char *s, size_t n)
{
	static const char *const ext[] = { ".zip", ".whl", ".tar.bz2", ".tbz", ".tar.gz", ".tgz",
					   ".tar", ".tar.xz", ".txz", ".tlz", ".tar.lz", ".tar.lzma" };
	size_t base = n, dot, k, el;

	while (base > 0 && s[base - 1] != '/')
		base--;
	for (dot = n; dot > base && s[dot - 1] != '.'; dot--)
		;
	if (dot-- == base)
		return 0;
	for (k = base; k < dot && s[k] == '.'; k++)
		;
	if (k == dot) /* only dots before it: no extension */
		return 0;
	if (dot - base >= 4 && !strncasecmp(s + dot - 4, ".tar", 4))
		dot -= 4;
	el = n - dot;
	for (size_t i = 0; i < sizeof(ext) / sizeof(ext[0]); i++)
		if (strlen(ext[i]) == el && !strncasecmp(s + dot, ext[i], el))
			return 1;
	return 0;
}

/* pip's _looks_like_path on POSIX: a '/' or a leading '.' */
static int pip_looks_like_path(const char *s, size_t n)
{
	return memchr(s, '/', n) || (n && s[0] == '.');
}

/* Whether pip takes the word s[0..n) (no URL, no "name @", the marker
 * off) as a local path, as its _get_url_from_path decides with the file
 * system (rf->probe): a directory when it looks like a path, else an
 * archive name (an existing file, or one that does not exist, which pip
 * warns about and fails on later, unless a '@' follows a word that does
 * not look like a path); anything else is read as a requirement. A
 * trailing [extras] is not part of the path. */
static int pip_takes_path(struct lctx *c, const char *s, size_t n)
{
	size_t p = extras_at(s, 0, n);
	const char *at;
	char *path;
	int kind;

	while (p < n && p > 0 && leaf_isspace((unsigned char)s[p - 1]))
		p--;
	path = arena_strndup(c->a, s, p);
	kind = c->rf->probe(path);
	if (kind == REQFILE_PROBE_DIR && pip_looks_like_path(s, n))
		return 1;
	if (!pip_archive(path, p))
		return 0;
	if (kind == REQFILE_PROBE_FILE)
		return 1;
	at = memchr(s, '@', n);
	return !at || pip_looks_like_path(s, (size_t)(at - s));
}

/* The name of a link as pip takes it: a wheel file name's, else the first
 * "#egg=" or "&egg=" anywhere in the link (to the next '&'), which must be
 * a PEP 508 name (pip 26 refuses "egg=name[extra]"). A local path (path:
 * not a URL) is read literally, '#' and '?' included, as pip's
 * path_to_url quotes them: "./dist#egg=x" is a directory of that name. */
static int name_from_link(struct lctx *c, struct req *r, const char *s, size_t n, int path)
{
	const char *base, *frag = path ? NULL : memchr(s, '#', n);
	size_t end = frag ? (size_t)(frag - s) : n, q = 0;

	while (!path && q < end && s[q] != '?')
		q++;
	if (!path)
		end = q;
	base = s + end;
	while (base > s && base[-1] != '/' && base[-1] != '\\')
		base--;
	if (has_suffix_ci(base, (size_t)(s + end - base), ".whl")) {
		size_t nl = strcspn(base, "-");
		if (nl < (size_t)(s + end - base) && req_name_valid(base, nl)) {
			r->name = arena_strndup(c->a, base, nl);
			r->key = req_name_normalize(c->a, base, nl);
			return 0;
		}
	}
	for (size_t i = 0; !path && i + 5 <= n; i++) {
		if ((s[i] != '#' && s[i] != '&') || strncmp(s + i + 1, "egg=", 4))
			continue;
		const char *v = s + i + 5;
		size_t nl = 0;
		while (v + nl < s + n && v[nl] != '&')
			nl++;
		if (!req_name_valid(v, nl)) { /* pip's InvalidEggFragment, its hints */
			int spec = memchr(v, '>', nl) || memchr(v, '=', nl) || memchr(v, '<', nl);
			int ext = memchr(v, '[', nl) && memchr(v, ']', nl);
			return lfail(c, 0, "the '%s' egg fragment is invalid (from '%s'): %s%s%s",
				     quoted(c, v, nl), quoted(c, s, n),
				     spec ? "version specifiers are ignored for URL references: "
				     "remove them" : "", spec && ext ? "; " : "",
				     ext ? "use the direct URL requirement syntax 'name[extra] @ URL'"
				     : spec ? "" : "egg fragments can only be a valid project name");
		}
		r->name = arena_strndup(c->a, v, nl);
		r->key = req_name_normalize(c->a, v, nl);
		return 0;
	}
	return 0;
}

static int parse_marker_at(struct lctx *c, struct req *r, size_t off, size_t end)
{
	char why[LEAF_QUOTE_MAX + 128];
	size_t pos = 0, lead = 0;

	if (!marker_parse_why(&r->marker, c->text.buf + off, end - off, c->a, why, sizeof(why),
			      &pos))
		return 0;
	/* the marker as written, its leading blanks left out (within it: a
	 * marker of blanks only must not run past its end) */
	while (off + lead < end && (c->text.buf[off + lead] == ' ' || c->text.buf[off + lead] == '\t'))
		lead++;
	while (end > off + lead && (c->text.buf[end - 1] == ' ' || c->text.buf[end - 1] == '\t'))
		end--;
	return lfail(c, off + pos, "invalid marker '%s': %s",
		     quoted(c, c->text.buf + off + lead, end - off - lead), why);
}

/* A bare URL or path: "[extras]" after a path, a marker after ';' (URLs
 * need "; ", a space, since ';' may be part of a URL, as pip does); an
 * empty marker is none. */
static int parse_link(struct lctx *c, struct reqfile_entry *e, size_t lo, size_t hi, int url)
{
	const char *s = c->text.buf;
	size_t end = hi, mk = 0;
	int rc;

	for (size_t i = lo; i < hi; i++)
		if (s[i] == ';' && (!url || (i + 1 < hi && s[i + 1] == ' '))) {
			end = i;
			mk = i + 1;
			break;
		}
	while (end > lo && leaf_isspace((unsigned char)s[end - 1]))
		end--;
	e->kind = url ? REQ_URL : REQ_PATH;
	if (!url) {
		size_t open = extras_at(s, lo, end);
		if (open < end) {
			if ((rc = read_extras(c, &e->req, s, open, end, open)))
				return rc;
			end = open;
			while (end > lo && leaf_isspace((unsigned char)s[end - 1]))
				end--;
		}
	}
	e->req.url = arena_strndup(c->a, s + lo, end - lo);
	if ((rc = name_from_link(c, &e->req, s + lo, end - lo, !url)))
		return rc;
	if (mk) {
		size_t m = mk, mb = hi;
		leaf_pystrip(s, &m, &mb);
		if (m < mb)
			return parse_marker_at(c, &e->req, mk, hi);
	}
	return 0;
}

/* name [extras] @ ... : PEP 508 with a direct reference. */
static int is_direct_ref(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && (leaf_isalnum((unsigned char)s[i]) || strchr("-_.", s[i])))
		i++;
	if (!i)
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == '\t'))
		i++;
	if (i < n && s[i] == '[') {
		while (i < n && s[i] != ']')
			i++;
		i++;
		while (i < n && (s[i] == ' ' || s[i] == '\t'))
			i++;
	}
	return i < n && s[i] == '@';
}

static int parse_requirement(struct lctx *c, struct reqfile_entry *e, size_t lo, size_t hi)
{
	const char *s = c->text.buf;
	char *head = arena_strndup(c->a, s + lo, hi - lo);
	int col = 0, as_path = 0;

	if (is_url(head))
		return parse_link(c, e, lo, hi, 1);
	if (!is_direct_ref(s + lo, hi - lo)) {
		size_t semi = strcspn(head, ";");
		size_t end = semi;
		while (end > 0 && leaf_isspace((unsigned char)head[end - 1]))
			end--;
		if (looks_like_path(head, end)) {
			if (!c->rf->probe || pip_takes_path(c, head, end))
				return parse_link(c, e, lo, hi, 0);
			/* pip reads it as a requirement (below); when that fails
			 * it says the word looks like a path */
			as_path = pip_looks_like_path(head, end) ? (int)end + 1 : 0;
		}
	}
	/* pip splits the marker off at the first ';' before packaging reads
	 * the rest (parse_req_from_line), so "name @ URL;marker" needs no
	 * blank before the ';', and an empty marker ("name ;") is none */
	{
		const char *semi = memchr(s + lo, ';', hi - lo);
		size_t end = semi ? (size_t)(semi - s) : hi, a = lo, b = end, m, mb = hi;
		e->kind = REQ_NAMED;
		leaf_pystrip(s, &a, &b);
		if (req_parse(&e->req, s + a, b - a, c->a, c->err, &col)) {
			int rc = lwrap(c, a + (col ? (size_t)col - 1 : 0));
			if (as_path && c->err) { /* pip's hint (deduce_helpful_msg) */
				const char *path = arena_strndup(c->a, head, (size_t)as_path - 1);
				size_t len = strlen(c->err->msg);
				snprintf(c->err->msg + len, sizeof(c->err->msg) - len, " (it looks "
					 "like a path, and '%s' %s)", quoted(c, path, strlen(path)),
					 c->rf->probe(path) == REQFILE_PROBE_NONE ? "does not exist"
					 : "exists: a requirements file is read with -r");
			}
			return rc;
		}
		if (!semi)
			return 0;
		m = end + 1;
		leaf_pystrip(s, &m, &mb);
		return m < mb ? parse_marker_at(c, &e->req, end + 1, hi) : 0;
	}
}

static struct reqfile_entry *new_entry(struct lctx *c, int line)
{
	struct reqfile_entry *e = VEC_PUSH(&c->rf->entries);

	memset(e, 0, sizeof(*e));
	e->file = c->name;
	e->line = line;
	e->constraint = c->constraint;
	e->text = arena_strndup(c->a, c->text.buf, c->text.len);
	return e;
}

static int check_constraint(struct lctx *c, struct reqfile_entry *e)
{
	if (!e->constraint)
		return 0;
	if (e->editable)
		return lfail(c, 0, "editable requirements are not allowed as constraints");
	/* pip's check_invalid_constraint_type: a link is named by its #egg=
	 * or its wheel file name */
	if (e->kind != REQ_NAMED && !e->req.name)
		return lfail(c, 0, "constraints must name a package ('%s' does not)",
			     quoted(c, c->text.buf, c->text.len));
	if (e->req.n_extras)
		return lfail(c, 0, "constraints cannot have extras");
	return 0;
}

static const char *include_path(struct lctx *c, const char *val)
{
	const char *slash = strrchr(c->name, '/');

	if (val[0] == '/' || !slash)
		return arena_strdup(c->a, val);
	return arena_printf(c->a, "%.*s/%s", (int)(slash - c->name), c->name, val);
}

/* What one line's options say, read as pip's optparse reads them: the
 * first -r, -c, -e and -f (pip uses only those), the last -i, every
 * other appendable option. */
struct line_opts {
	const char *req, *con, *ed, *find_links, *index_url;
	size_t req_at, con_at, ed_at, hash_at; /* where the option (for -r/-c: its value) is */
	int no_index, pre, prefer_binary, require_hashes;
	struct reqfile_names extra_index_urls, trusted_hosts, hashes;
};

static int read_line_opts(struct lctx *c, struct toks *toks, struct line_opts *lo)
{
	for (size_t k = 0; k < toks->n; k++) {
		const struct opt *o;
		const char *val, *h = NULL;
		size_t voff = 0, at = toks->v[k].off;
		int rc;
		if (!strcmp(toks->v[k].s, "--")) { /* optparse: the rest are arguments */
			if (k + 1 == toks->n)
				break;
			return not_an_option(c, &toks->v[k + 1]);
		}
		if ((rc = read_opt(c, toks, &k, &o, &val, &voff)))
			return rc;
		switch (o->id) {
		case O_REQUIREMENT:
			if (!lo->req)
				lo->req = val, lo->req_at = voff;
			break;
		case O_CONSTRAINT:
			if (!lo->con)
				lo->con = val, lo->con_at = voff;
			break;
		case O_EDITABLE:
			if (!lo->ed)
				lo->ed = val, lo->ed_at = at;
			break;
		case O_INDEX_URL:
			lo->index_url = val;
			break;
		case O_EXTRA_INDEX_URL:
			*VEC_PUSH(&lo->extra_index_urls) = val;
			break;
		case O_NO_INDEX:
			lo->no_index = 1;
			break;
		case O_FIND_LINKS:
			if (!lo->find_links)
				lo->find_links = val;
			break;
		case O_PRE:
			lo->pre = 1;
			break;
		case O_TRUSTED_HOST:
			*VEC_PUSH(&lo->trusted_hosts) = val;
			break;
		case O_ONLY_BINARY:
		case O_NO_BINARY:
			/* pip's callbacks change the finder's format control
			 * while the line is read, whatever else the line is */
			if (val[0] == '-')
				return lfail(c, voff, "option '%s' needs a value", o->lng);
			binary_opt(c, val, o->id == O_ONLY_BINARY);
			break;
		case O_PREFER_BINARY:
			lo->prefer_binary = 1;
			break;
		case O_REQUIRE_HASHES:
			lo->require_hashes = 1;
			break;
		case O_USE_FEATURE:     /* pip behaviour switches */
		case O_CONFIG_SETTINGS: /* build settings: nothing is built */
		case O_UNSUPPORTED:
			break;
		case O_HASH:
			if ((rc = check_hash(c, val, voff, &h)))
				return rc;
			if (!lo->hashes.n)
				lo->hash_at = at;
			*VEC_PUSH(&lo->hashes) = h;
			break;
		}
	}
	return 0;
}

static void line_opts_release(struct line_opts *lo)
{
	VEC_FREE(&lo->extra_index_urls);
	VEC_FREE(&lo->trusted_hosts);
	VEC_FREE(&lo->hashes);
}

/* A line of options only, as pip handles it: -e makes it an editable
 * requirement (the rest of the line is ignored); else -r (or, without
 * one, -c) includes a file (the rest ignored); else the options apply. */
static int option_line(struct lctx *c, struct line_opts *lo, int line)
{
	struct reqfile *rf = c->rf;
	int rc;

	if (lo->ed) {
		struct reqfile_entry *e = new_entry(c, line);
		size_t n = strlen(lo->ed), open = extras_at(lo->ed, 0, n), end = open;
		e->editable = 1;
		e->kind = is_url(lo->ed) ? REQ_URL : REQ_PATH;
		e->req.url = lo->ed;
		e->req.extras = arena_alloc(c->a, sizeof(char *));
		/* pip's _parse_pip_syntax_editable: a local path's or a file:
		 * URL's trailing [extras] are its extras */
		while (end < n && end > 0 && leaf_isspace((unsigned char)lo->ed[end - 1]))
			end--;
		if (open < n && (e->kind == REQ_PATH || !strncasecmp(lo->ed, "file:", 5))) {
			if ((rc = read_extras(c, &e->req, lo->ed, open, n, lo->ed_at))) {
				c->rf->entries.n--;
				return rc;
			}
			e->req.url = arena_strndup(c->a, lo->ed, end);
		}
		/* pip refuses a path that is no directory as it reads the line */
		if (e->kind == REQ_PATH && c->rf->probe &&
		    c->rf->probe(e->req.url) != REQFILE_PROBE_DIR) {
			c->rf->entries.n--;
			return lfail(c, lo->ed_at, "'%s' is not a valid editable requirement: it "
				     "should be a path to a local project directory or a VCS URL",
				     quoted(c, lo->ed, n));
		}
		if ((rc = name_from_link(c, &e->req, e->req.url, strlen(e->req.url),
					 e->kind == REQ_PATH)) ||
		    (rc = check_constraint(c, e))) {
			c->rf->entries.n--;
			return rc;
		}
		return 0;
	}
	if (lo->req || lo->con) {
		struct reqfile_include inc;
		const char *val = lo->req ? lo->req : lo->con;
		size_t at = lo->req ? lo->req_at : lo->con_at;
		int l, col;
		if (!c->include)
			return lfail(c, 0, "'%s' is not allowed here",
				     lo->req ? "--requirement" : "--constraint");
		if (is_url(val))
			return lfail(c, at, "remote requirements files are not supported: '%s'",
				     quoted(c, val, strlen(val)));
		where(c, 0, &l, &col);
		inc.path = include_path(c, val);
		inc.constraint = !lo->req;
		inc.file = c->name;
		inc.line = l;
		inc.col = col;
		return c->include(c->ctx, &inc, c->err);
	}
	/* pip ignores (and warns about) --hash here; a hash that checks
	 * nothing is refused instead */
	if (lo->hashes.n)
		return lfail(c, lo->hash_at, "'--hash' must follow a requirement on the same line");
	if (lo->no_index)
		rf->no_index = 1;
	if (lo->index_url)
		rf->index_url = lo->index_url;
	for (size_t i = 0; i < lo->extra_index_urls.n; i++)
		*VEC_PUSH(&rf->extra_index_urls) = lo->extra_index_urls.v[i];
	if (lo->find_links) {
		/* pip joins it to the file's directory and takes that when it
		 * exists (handle_option_line); the loader looks */
		const char *beside = include_path(c, lo->find_links);
		*VEC_PUSH(&rf->find_links) = lo->find_links;
		*VEC_PUSH(&rf->find_links_beside) = strcmp(beside, lo->find_links) ? beside : NULL;
	}
	for (size_t i = 0; i < lo->trusted_hosts.n; i++)
		*VEC_PUSH(&rf->trusted_hosts) = lo->trusted_hosts.v[i];
	rf->pre |= lo->pre;
	rf->prefer_binary |= lo->prefer_binary;
	rf->require_hashes |= lo->require_hashes;
	return 0;
}

static int handle_line(struct lctx *c, int line)
{
	const char *s = c->text.buf;
	size_t n = c->text.len, split = n, i = 0;
	struct toks toks = VEC_INIT;
	struct line_opts lo;
	int rc = 0, bad;

	memset(&lo, 0, sizeof(lo));
	/* pip splits the line on ' ' (only: a tab does not split) and the
	 * requirement runs until the first word starting with '-' */
	while (i < n) {
		while (i < n && s[i] == ' ')
			i++;
		if (i < n && s[i] == '-') {
			split = i;
			break;
		}
		while (i < n && s[i] != ' ')
			i++;
	}
	if (split < n) {
		size_t at = tokenize(c, split, &toks, &bad);
		if (bad) {
			rc = lfail(c, at, bad == 2 ? "a backslash ends the options"
				   : "unterminated quote");
			goto out;
		}
	}
	if ((rc = read_line_opts(c, &toks, &lo)))
		goto out;
	if (split == 0) {
		rc = option_line(c, &lo, line);
		goto out;
	}
	if (lo.ed) {
		/* pip: a line with -e is editable, and its requirement is the
		 * text before the options ("./x -e ./y" is "-e ./x") */
		size_t hi = split;
		while (hi > 0 && s[hi - 1] == ' ')
			hi--;
		lo.ed = arena_strndup(c->a, s, hi);
		lo.ed_at = 0;
		rc = option_line(c, &lo, line);
		goto out;
	}
	{
		/* a requirement: its --hash values count, pip ignores the
		 * line's other options. It is the words before the options
		 * joined by ' ' again, as pip's: the text less the one ' '
		 * before them ("url;  --hash" is "url; ", whose marker is
		 * empty) */
		size_t hi = split < n ? split - 1 : split;
		struct reqfile_entry *e;
		e = new_entry(c, line);
		if (lo.hashes.n) {
			e->hashes = arena_alloc(c->a, lo.hashes.n * sizeof(char *));
			memcpy(e->hashes, lo.hashes.v, lo.hashes.n * sizeof(char *));
			e->n_hashes = lo.hashes.n;
		}
		rc = parse_requirement(c, e, 0, hi);
		if (!rc && !e->req.extras)
			e->req.extras = arena_alloc(c->a, sizeof(char *));
		if (!rc)
			rc = check_constraint(c, e);
		if (rc)
			c->rf->entries.n--;
	}
out:
	line_opts_release(&lo);
	VEC_FREE(&toks);
	return rc;
}

/* ---- the file ---- */

/* pip's comment rule (its COMMENT_RE, (^|\s+)#.*$): '#' at the start or
 * after Python whitespace. */
static size_t comment_start(const char *s, size_t lo, size_t hi)
{
	for (size_t i = lo; i < hi; i++)
		if (s[i] == '#' && (i == lo || leaf_pyspace_back(s + lo, i - lo)))
			return i;
	return hi;
}

static int is_comment_line(const char *s, size_t n)
{
	size_t i = 0, k;

	while (i < n && (k = leaf_pyspace(s + i, n - i)))
		i += k;
	return i < n && s[i] == '#';
}

/* The length of the line break at text[i] as Python's str.splitlines sees
 * one (LF, CR, CRLF, VT, FF, 0x1c-0x1e, U+0085, U+2028, U+2029), else 0. */
static size_t line_break(const char *text, size_t i, size_t n)
{
	unsigned char c = (unsigned char)text[i];

	if (c == '\r')
		return i + 1 < n && text[i + 1] == '\n' ? 2 : 1;
	if (c == '\n' || c == '\v' || c == '\f' || (c >= 0x1c && c <= 0x1e))
		return 1;
	if (c == 0xc2 && i + 1 < n && (unsigned char)text[i + 1] == 0x85)
		return 2;
	if (c == 0xe2 && i + 2 < n && (unsigned char)text[i + 1] == 0x80 &&
	    ((unsigned char)text[i + 2] == 0xa8 || (unsigned char)text[i + 2] == 0xa9))
		return 3;
	return 0;
}

int reqfile_parse_text(struct reqfile *rf, const char *name, const char *text, size_t n,
		       int constraint, struct arena *a, reqfile_include_fn include, void *ctx,
		       struct perr *err)
{
	struct lctx c = { rf, name, constraint, a, include, ctx, err,
			  STRBUF_INIT, STRBUF_INIT, VEC_INIT, VEC_INIT };
	size_t i = 0, br = 0;
	int line = 0, first = 0, rc = 0;

	if (n >= 3 && !memcmp(text, "\xef\xbb\xbf", 3))
		i = 3;
	while (i < n || c.joined.len) {
		size_t start = i, line_start = i, end, next;
		int cont;
		if (i < n) {
			while (i < n && !(br = line_break(text, i, n)))
				i++;
			end = i;
			next = i < n ? i + br : i;
			line++;
			if (memchr(text + start, '\0', end - start)) {
				rc = perr_set(err, PM_INPUT, "%s:%d:%d: NUL byte in requirements file",
					      name, line,
					      (int)((const char *)memchr(text + start, '\0',
									 end - start) - (text + start)) + 1);
				break;
			}
			int comment = is_comment_line(text + start, end - start);
			cont = end > start && text[end - 1] == '\\' && !comment;
			if (!c.joined.len && !c.segs.n)
				first = line;
			/* pip puts a blank before a comment line, so that one
			 * ending a continuation is still a comment */
			if (comment && c.joined.len) {
				*VEC_PUSH(&c.segs) = (struct seg){ c.joined.len, line, 0 };
				strbuf_addch(&c.joined, ' ');
			}
			if (cont) { /* pip strips the backslashes at both ends */
				while (end > start && text[end - 1] == '\\')
					end--;
				while (start < end && text[start] == '\\')
					start++;
			}
			*VEC_PUSH(&c.segs) = (struct seg){ c.joined.len, line,
							   1 + (int)(start - line_start) };
			strbuf_add(&c.joined, text + start, end - start);
			i = next;
			if (cont && i < n)
				continue;
		}
		/* a complete logical line */
		{
			size_t lo = 0, hi = comment_start(c.joined.buf, 0, c.joined.len);
			leaf_pystrip(c.joined.buf, &lo, &hi);
			if (lo < hi) {
				if ((rc = expand_vars(&c, lo, hi)) || (rc = handle_line(&c, first)))
					break;
			}
		}
		strbuf_reset(&c.joined);
		c.segs.n = 0;
		if (i >= n)
			break;
	}
	strbuf_release(&c.joined);
	strbuf_release(&c.text);
	VEC_FREE(&c.segs);
	VEC_FREE(&c.xmaps);
	return rc;
}
