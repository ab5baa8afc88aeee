/* scan_cache.c: what imports_scan finds in one file, kept by the file's
 * content, so a second run over the same stdlib or wheels lexes nothing
 * again. A cache is one pack file per group (a stdlib source, an input)
 * under CACHE/scans/; each record is keyed by the sha256 of everything the
 * scan depends on: this scanner's sources (SCANNER_SOURCE_HASH, made by the
 * Makefile from the lexer's files), SCANNER_VERSION, the file name, the
 * module name, is_package, want_names, the target's condition values and
 * the bytes. Records are text with length-prefixed strings; nothing here
 * knows what a caller does with a scan.
 */
#include "scanner.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef SCANNER_SOURCE_HASH
#define SCANNER_SOURCE_HASH "unknown"
#endif

#define PACK_MAGIC "pymode-scan-pack/1 " SCANNER_VERSION " " SCANNER_SOURCE_HASH "\n"
/* a pack past either bound starts again from the run's own records */
#define PACK_MAX_RECORDS 20000
#define PACK_MAX_BYTES (64u << 20)

struct scan_rec {
	const char *text; /* into the loaded pack or the run's arena */
	size_t n;
	int used;         /* read or written by this run */
	int fresh;        /* written by this run */
};

struct scan_cache {
	char *path;           /* the pack file */
	struct strbuf pack;   /* the pack as loaded */
	struct strmap recs;   /* key -> struct scan_rec * */
	struct arena arena;   /* the run's records */
	size_t n_fresh;
	long long hits, misses;
};

static void hex(char *out, const unsigned char *d, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = 0;
}

static void load(struct scan_cache *c)
{
	struct perr e = PERR_INIT;
	size_t ml = strlen(PACK_MAGIC);

	if (strbuf_read_file(&c->pack, c->path, PACK_MAX_BYTES, &e) || c->pack.len < ml ||
	    memcmp(c->pack.buf, PACK_MAGIC, ml)) {
		strbuf_release(&c->pack);
		return; /* none, or of another scanner: every file is a miss */
	}
	/* "KEY LEN\n" then LEN bytes and "\n", to the end; a damaged tail is
	 * dropped */
	const char *p = c->pack.buf + ml, *end = c->pack.buf + c->pack.len;
	while (end - p > 66 && p[64] == ' ') {
		char *q;
		unsigned long long n = strtoull(p + 65, &q, 10);
		if (*q != '\n' || n > (unsigned long long)(end - q - 1) || (size_t)(end - q - 1) - n < 1 ||
		    q[1 + n] != '\n')
			break;
		char key[65];
		memcpy(key, p, 64);
		key[64] = 0;
		struct scan_rec *r = arena_alloc(&c->arena, sizeof(*r));
		r->text = q + 1;
		r->n = (size_t)n;
		strmap_put(&c->recs, key, NULL)->value = r;
		p = q + 1 + n + 1;
	}
}

/* mkdir -p; 0 when path is a directory afterwards */
static int mkdirs(char *path)
{
	struct stat st;

	if (!stat(path, &st))
		return !S_ISDIR(st.st_mode);
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		int bad = mkdir(path, 0755) && errno != EEXIST;
		*p = '/';
		if (bad)
			return -1;
	}
	return mkdir(path, 0755) && errno != EEXIST;
}

struct scan_cache *scan_cache_open(const char *cache_dir, const char *group)
{
	struct scan_cache *c;
	struct sha256 h;
	unsigned char d[32];
	char name[33];

	if (!cache_dir || !*cache_dir)
		return NULL;
	c = xcalloc(1, sizeof(*c));
	sha256_init(&h);
	sha256_update(&h, group, strlen(group));
	sha256_final(&h, d);
	hex(name, d, 16);
	c->path = xmalloc(strlen(cache_dir) + 64);
	sprintf(c->path, "%s/scans", cache_dir);
	if (mkdirs(c->path)) {
		free(c->path);
		free(c);
		return NULL; /* a cache that cannot be made is only slower */
	}
	sprintf(c->path, "%s/scans/%s", cache_dir, name);
	load(c);
	return c;
}

/* Writes the pack again when this run added records: what it held and the
 * new ones (only the run's own past the bounds). Two runs at once may each
 * drop the other's new records: those are scanned again, nothing is wrong. */
void scan_cache_close(struct scan_cache *c)
{
	if (!c)
		return;
	if (c->n_fresh) {
		struct strbuf sb = STRBUF_INIT;
		struct perr e = PERR_INIT;
		size_t total = 0, count = 0;
		STRMAP_FOREACH(&c->recs, ent) {
			const struct scan_rec *r = ent->value;
			total += r->n + 80;
			count++;
		}
		int all = count <= PACK_MAX_RECORDS && total <= PACK_MAX_BYTES;
		strbuf_addstr(&sb, PACK_MAGIC);
		STRMAP_FOREACH(&c->recs, ent) {
			const struct scan_rec *r = ent->value;
			if (!all && !r->used)
				continue;
			strbuf_addf(&sb, "%s %zu\n", ent->key, r->n);
			strbuf_add(&sb, r->text, r->n);
			strbuf_addch(&sb, '\n');
		}
		write_file_atomic(c->path, sb.buf, sb.len, &e); /* unwritable: only slower */
		strbuf_release(&sb);
	}
	strmap_release(&c->recs);
	strbuf_release(&c->pack);
	arena_release(&c->arena);
	free(c->path);
	free(c);
}

void scan_cache_stats(const struct scan_cache *c, long long *hits, long long *misses)
{
	*hits = c ? c->hits : 0;
	*misses = c ? c->misses : 0;
}

/* ---- the key ---- */

static void key_str(struct sha256 *h, const char *s)
{
	/* length first, so ("ab", "c") and ("a", "bc") differ; -1 for NULL */
	long long n = s ? (long long)strlen(s) : -1;
	sha256_update(h, &n, sizeof(n));
	if (s)
		sha256_update(h, s, (size_t)n);
}

static void key_int(struct sha256 *h, long long v)
{
	sha256_update(h, &v, sizeof(v));
}

static void scan_key(char out[65], const struct import_scan *s, const char *file, const char *module,
		     int is_package, const char *src, size_t len, const struct cond_env *env)
{
	struct sha256 h;
	unsigned char d[32];

	sha256_init(&h);
	key_str(&h, PACK_MAGIC);
	key_str(&h, file);
	key_str(&h, module);
	key_int(&h, is_package);
	key_int(&h, s->want_names);
	key_int(&h, env != NULL);
	if (env) {
		key_str(&h, env->sys_platform);
		key_str(&h, env->os_name);
		key_str(&h, env->platform_system);
		key_str(&h, env->implementation_name);
		key_int(&h, env->py_major);
		key_int(&h, env->py_minor);
		key_int(&h, env->py_micro);
	}
	key_int(&h, src ? (long long)len : -1);
	if (src)
		sha256_update(&h, src, len);
	sha256_final(&h, d);
	hex(out, d, 32);
}

/* ---- writing a record: the strings once, then the fields ---- */

struct rec_writer {
	struct strbuf strs, body;
	struct strmap index; /* string -> its number + 1 */
	size_t n_strs;
};

/* v in decimal and then sep (no printf: a cold run writes many) */
static void put_num(struct strbuf *sb, long long v, char sep)
{
	char buf[24], *p = buf + sizeof(buf);
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	*--p = sep;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10));
	if (v < 0)
		*--p = '-';
	strbuf_add(sb, p, (size_t)(buf + sizeof(buf) - p));
}

static void w_int(struct rec_writer *w, long long v)
{
	put_num(&w->body, v, ' ');
}

static void w_str(struct rec_writer *w, const char *s)
{
	if (!s) {
		strbuf_add(&w->body, "- ", 2);
		return;
	}
	int created;
	struct strmap_entry *e = strmap_put(&w->index, s, &created);
	if (created) {
		e->value = (void *)(uintptr_t)(++w->n_strs);
		size_t n = strlen(s);
		put_num(&w->strs, (long long)n, ':');
		strbuf_add(&w->strs, s, n);
	}
	w_int(w, (long long)(uintptr_t)e->value - 1);
}

static void w_strs(struct rec_writer *w, const char **v, size_t n)
{
	if (!v) {
		w_int(w, -1);
		return;
	}
	w_int(w, (long long)n);
	for (size_t i = 0; i < n; i++)
		w_str(w, v[i]);
}

static void w_edge(struct rec_writer *w, const struct import_edge *e)
{
	w_str(w, e->file);
	w_int(w, e->line);
	w_str(w, e->as_written);
	w_str(w, e->name);
	w_strs(w, e->names, e->n_names);
	w_strs(w, e->names ? e->binds : NULL, e->binds ? e->n_names : 0);
	w_int(w, e->level);
	w_int(w, e->kinds);
	w_str(w, e->condition);
	w_int(w, e->cond_value);
	w_int(w, e->def_depth);
	w_str(w, e->funcs);
	w_str(w, e->alias);
	w_str(w, e->flag);
	w_str(w, e->fallback_for);
	w_str(w, e->shadows);
	w_int(w, e->on_error);
	w_int(w, e->branch);
}

static void record(struct strbuf *out, const struct import_scan *s, const struct import_scan_mark *m)
{
	struct rec_writer w = { STRBUF_INIT, STRBUF_INIT, STRMAP_INIT, 0 };

	w_int(&w, s->file_tokens);
	w_int(&w, s->file_operands);
	w_int(&w, s->file_strings);
	w_int(&w, s->file_seq_consts);
	w_int(&w, s->file_comps);
	w_int(&w, (long long)(s->edges.n - m->edges));
	for (size_t i = m->edges; i < s->edges.n; i++)
		w_edge(&w, &s->edges.v[i]);
	w_int(&w, (long long)(s->computed.n - m->computed));
	for (size_t i = m->computed; i < s->computed.n; i++)
		w_edge(&w, &s->computed.v[i]);
	w_int(&w, (long long)(s->diags.n - m->diags));
	for (size_t i = m->diags; i < s->diags.n; i++) {
		const struct scan_diag *g = &s->diags.v[i];
		w_str(&w, g->file);
		w_int(&w, g->line);
		w_int(&w, g->col);
		w_int(&w, g->kind);
		w_str(&w, g->msg);
	}
	w_int(&w, (long long)(s->names.n - m->names));
	for (size_t i = m->names; i < s->names.n; i++) {
		w_str(&w, s->names.v[i]);
		w_str(&w, s->name_funcs.v[i]);
	}
	w_int(&w, (long long)(s->codecs.n - m->codecs));
	for (size_t i = m->codecs; i < s->codecs.n; i++) {
		const struct codec_use *u = &s->codecs.v[i];
		w_str(&w, u->file);
		w_int(&w, u->line);
		w_str(&w, u->name);
		w_str(&w, u->funcs);
	}
	w_int(&w, (long long)(s->flags.n - m->flags));
	for (size_t i = m->flags; i < s->flags.n; i++) {
		w_str(&w, s->flags.v[i].file);
		w_str(&w, s->flags.v[i].name);
		w_int(&w, s->flags.v[i].value);
	}
	w_int(&w, (long long)(s->entry_uses.n - m->entry_uses));
	for (size_t i = m->entry_uses; i < s->entry_uses.n; i++) {
		const struct entry_use *u = &s->entry_uses.v[i];
		w_str(&w, u->file);
		w_int(&w, u->line);
		w_str(&w, u->group);
		w_str(&w, u->funcs);
	}
	w_int(&w, (long long)(s->table_rows.n - m->table_rows));
	for (size_t i = m->table_rows; i < s->table_rows.n; i++) {
		w_str(&w, s->table_rows.v[i].file);
		w_str(&w, s->table_rows.v[i].table);
		w_strs(&w, s->table_rows.v[i].strings, s->table_rows.v[i].n);
	}
	w_int(&w, (long long)(s->moved.n - m->moved));
	for (size_t i = m->moved; i < s->moved.n; i++) {
		const struct moved_name *mv = &s->moved.v[i];
		w_str(&w, mv->file);
		w_int(&w, mv->line);
		w_str(&w, mv->name);
		w_str(&w, mv->module);
	}
	strbuf_addf(out, "%zu\n", w.n_strs);
	strbuf_add(out, w.strs.buf, w.strs.len);
	strbuf_addch(out, '\n');
	strbuf_add(out, w.body.buf, w.body.len);
	strbuf_release(&w.strs);
	strbuf_release(&w.body);
	strmap_release(&w.index);
}

/* ---- reading one back: into the caller's import_scan ---- */

struct rec_reader {
	const char *p, *end;
	const char **strs;
	size_t n_strs;
	struct arena *a;
	int bad;
};

static long long r_int(struct rec_reader *r)
{
	long long v = 0;
	int neg = 0;

	if (r->bad || r->p >= r->end) {
		r->bad = 1;
		return 0;
	}
	if (*r->p == '-') {
		neg = 1;
		r->p++;
	}
	if (r->p >= r->end || *r->p < '0' || *r->p > '9') {
		r->bad = 1;
		return 0;
	}
	while (r->p < r->end && *r->p >= '0' && *r->p <= '9')
		v = v * 10 + (*r->p++ - '0');
	if (r->p >= r->end || (*r->p != ' ' && *r->p != '\n' && *r->p != ':')) {
		r->bad = 1;
		return 0;
	}
	r->p++;
	return neg ? -v : v;
}

static const char *r_str(struct rec_reader *r)
{
	if (!r->bad && r->p + 1 < r->end && r->p[0] == '-' && r->p[1] == ' ') {
		r->p += 2;
		return NULL;
	}
	long long i = r_int(r);
	if (r->bad || i < 0 || (size_t)i >= r->n_strs) {
		r->bad = 1;
		return NULL;
	}
	return r->strs[i];
}

static const char **r_strs(struct rec_reader *r, size_t *n)
{
	long long k = r_int(r);
	const char **v;

	*n = 0;
	if (k < 0 || r->bad || k > r->end - r->p)
		return NULL;
	v = arena_alloc(r->a, ((size_t)k + 1) * sizeof(*v));
	for (long long i = 0; i < k; i++)
		v[i] = r_str(r);
	*n = (size_t)k;
	return v;
}

static long long r_count(struct rec_reader *r)
{
	long long k = r_int(r);
	if (k < 0 || k > r->end - r->p)
		r->bad = 1;
	return r->bad ? 0 : k;
}

static void r_edge(struct rec_reader *r, struct import_edge *e)
{
	size_t nb;
	memset(e, 0, sizeof(*e));
	e->file = r_str(r);
	e->line = (int)r_int(r);
	e->as_written = r_str(r);
	e->name = r_str(r);
	e->names = r_strs(r, &e->n_names);
	e->binds = r_strs(r, &nb);
	if (e->binds && nb != e->n_names)
		r->bad = 1;
	e->level = (int)r_int(r);
	e->kinds = (unsigned)r_int(r);
	e->condition = r_str(r);
	e->cond_value = (int)r_int(r);
	e->def_depth = (int)r_int(r);
	e->funcs = r_str(r);
	e->alias = r_str(r);
	e->flag = r_str(r);
	e->fallback_for = r_str(r);
	e->shadows = r_str(r);
	e->on_error = (int)r_int(r);
	e->branch = (int)r_int(r);
}

/* appends the record to s; 0, or -1 (s as it was) when it does not parse */
static int replay(struct import_scan *s, const char *text, size_t n)
{
	struct rec_reader r = { text, text + n, NULL, 0, s->arena, 0 };
	struct import_scan_mark m;
	long long k;

	import_scan_mark(s, &m);
	k = r_count(&r);
	r.strs = xmalloc(((size_t)k + 1) * sizeof(*r.strs));
	for (long long i = 0; i < k && !r.bad; i++) {
		long long len = r_int(&r);
		if (r.bad || len < 0 || len > r.end - r.p) {
			r.bad = 1;
			break;
		}
		r.strs[r.n_strs++] = arena_strndup(s->arena, r.p, (size_t)len);
		r.p += len;
	}
	if (!r.bad && r.p < r.end && *r.p == '\n')
		r.p++;
	else
		r.bad = 1;
	long long tokens = r_int(&r);
	long long operands = r_int(&r);
	long long strings = r_int(&r);
	long long seq_consts = r_int(&r);
	long long comps = r_int(&r);
	for (k = r_count(&r); k-- > 0 && !r.bad;)
		r_edge(&r, VEC_PUSH(&s->edges));
	for (k = r_count(&r); k-- > 0 && !r.bad;)
		r_edge(&r, VEC_PUSH(&s->computed));
	for (k = r_count(&r); k-- > 0 && !r.bad;) {
		struct scan_diag *g = VEC_PUSH(&s->diags);
		g->file = r_str(&r);
		g->line = (int)r_int(&r);
		g->col = (int)r_int(&r);
		g->kind = (enum scan_diag_kind)r_int(&r);
		g->msg = r_str(&r);
	}
	for (k = r_count(&r); k-- > 0 && !r.bad;) {
		*VEC_PUSH(&s->names) = r_str(&r);
		*VEC_PUSH(&s->name_funcs) = r_str(&r);
	}
	for (k = r_count(&r); k-- > 0 && !r.bad;) {
		struct codec_use *u = VEC_PUSH(&s->codecs);
		u->file = r_str(&r);
		u->line = (int)r_int(&r);
		u->name = r_str(&r);
		u->funcs = r_str(&r);
	}
	for (k = r_count(&r); k-- > 0 && !r.bad;) {
		struct flag_def *f = VEC_PUSH(&s->flags);
		f->file = r_str(&r);
		f->name = r_str(&r);
		f->value = (int)r_int(&r);
	}
	for (k = r_count(&r); k-- > 0 && !r.bad;) {
		struct entry_use *u = VEC_PUSH(&s->entry_uses);
		u->file = r_str(&r);
		u->line = (int)r_int(&r);
		u->group = r_str(&r);
		u->funcs = r_str(&r);
	}
	for (k = r_count(&r); k-- > 0 && !r.bad;) {
		struct dict_row *d = VEC_PUSH(&s->table_rows);
		d->file = r_str(&r);
		d->table = r_str(&r);
		d->strings = r_strs(&r, &d->n);
	}
	for (k = r_count(&r); k-- > 0 && !r.bad;) {
		struct moved_name *mv = VEC_PUSH(&s->moved);
		mv->file = r_str(&r);
		mv->line = (int)r_int(&r);
		mv->name = r_str(&r);
		mv->module = r_str(&r);
	}
	free(r.strs);
	if (r.bad || r.p != r.end) {
		import_scan_rewind(s, &m);
		return -1;
	}
	s->file_tokens = tokens;
	s->file_operands = operands;
	s->file_strings = strings;
	s->file_seq_consts = seq_consts;
	s->file_comps = comps;
	return 0;
}

void import_scan_mark(const struct import_scan *s, struct import_scan_mark *m)
{
	m->edges = s->edges.n;
	m->computed = s->computed.n;
	m->diags = s->diags.n;
	m->names = s->names.n;
	m->codecs = s->codecs.n;
	m->flags = s->flags.n;
	m->entry_uses = s->entry_uses.n;
	m->table_rows = s->table_rows.n;
	m->moved = s->moved.n;
}

void import_scan_rewind(struct import_scan *s, const struct import_scan_mark *m)
{
	s->edges.n = m->edges;
	s->computed.n = m->computed;
	s->diags.n = m->diags;
	s->names.n = s->name_funcs.n = m->names;
	s->codecs.n = m->codecs;
	s->flags.n = m->flags;
	s->entry_uses.n = m->entry_uses;
	s->table_rows.n = m->table_rows;
	s->moved.n = m->moved;
}

void import_scan_record(struct strbuf *out, const struct import_scan *s, const struct import_scan_mark *m)
{
	record(out, s, m);
}

int import_scan_replay(struct import_scan *s, const char *text, size_t n)
{
	return replay(s, text, n);
}

void imports_scan_cached(struct scan_cache *c, struct import_scan *s, const char *file, const char *module,
			 int is_package, const char *src, size_t len, const struct cond_env *env)
{
	char key[65];
	struct import_scan_mark m;
	struct scan_rec *r;

	if (!c) {
		imports_scan(s, file, module, is_package, src, len, env);
		return;
	}
	scan_key(key, s, file, module, is_package, src, len, env);
	r = strmap_get(&c->recs, key);
	if (r && replay(s, r->text, r->n) == 0) {
		r->used = 1;
		c->hits++;
		return;
	}
	c->misses++;
	import_scan_mark(s, &m);
	imports_scan(s, file, module, is_package, src, len, env);
	struct strbuf sb = STRBUF_INIT;
	record(&sb, s, &m);
	r = arena_alloc(&c->arena, sizeof(*r));
	r->text = arena_strndup(&c->arena, sb.buf, sb.len);
	r->n = sb.len;
	r->used = r->fresh = 1;
	strmap_put(&c->recs, key, NULL)->value = r;
	c->n_fresh++;
	strbuf_release(&sb);
}
