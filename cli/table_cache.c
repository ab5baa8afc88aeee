/* table_cache.c: pymode-table's result cache, two layers under the file's
 * sha256. The scan (scan/<sha256>.json: what the scanner found, as
 * dist_json writes it, and the gzip size) is keyed by the file and the
 * scanner's version alone, so a changed rule never re-reads the file. The
 * row (<sha256>.json) has a key per target's cell hashed from the tool
 * version, that target's rules (info, module statuses) and the package's
 * own rule there, so a changed rule re-judges only the rows it can change,
 * from their cached scans. A file's sha256 is kept by its stat in
 * stat-memo, so a warm run reads no wheel; an entry is made only for a file
 * whose mtime and ctime were STAT_MEMO_AGE s old when it was hashed, and
 * is used only while device, inode, size, mtime and ctime are all the
 * same: writing a file sets its ctime to the time of the write (touch or
 * cp -p cannot set it back), so a changed file is hashed again, and a file
 * written within a timestamp's granularity of its hashing is never
 * remembered. Misses and write failures only cost time: nothing here
 * fails a run. */
#include "cli.h"
#include "table_int.h"
#include "../resolver/resolve.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#define CACHE_FORMAT "pymode-table-cache/2" /* 2: gzip sizes at SIZE_GZIP_LEVEL */

static void hadd(struct sha256 *h, const char *s)
{
	if (s)
		sha256_update(h, s, strlen(s) + 1);
	else
		sha256_update(h, "\001", 2);
}

static void haddf(struct sha256 *h, long long v)
{
	char buf[32];
	snprintf(buf, sizeof(buf), "%lld", v);
	hadd(h, buf);
}

static void hex_final(struct sha256 *h, char out[65])
{
	unsigned char d[32];
	sha256_final(h, d);
	for (int i = 0; i < 32; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
}

/* Everything a verdict on target t reads, apart from the package's rule:
 * rule ids (file:line) are left out, as no cell shows them. */
static void target_key(struct rules *r, const struct target_info *t, char out[65])
{
	struct sha256 h;
	const char **names;
	size_t n;

	sha256_init(&h);
	hadd(&h, CACHE_FORMAT);
	hadd(&h, PYMODE_VERSION);
	hadd(&h, t->name);
	hadd(&h, t->python_version);
	hadd(&h, t->env.sys_platform);
	hadd(&h, t->env.os_name);
	hadd(&h, t->env.platform_system);
	hadd(&h, t->env.implementation_name);
	haddf(&h, t->env.py_major * 10000 + t->env.py_minor * 100 + t->env.py_micro);
	for (size_t i = 0; i < t->n_markers; i++) {
		hadd(&h, t->marker_keys[i]);
		hadd(&h, t->marker_values[i]);
	}
	for (size_t i = 0; i < t->n_tags; i++)
		hadd(&h, t->tags[i]);
	for (size_t i = 0; i < t->n_roots; i++)
		hadd(&h, t->roots[i]);
	for (size_t i = 0; i < t->n_provides; i++)
		hadd(&h, t->provides[i]);
	n = rules_module_names(r, t->name, &names);
	for (size_t i = 0; i < n; i++) {
		struct module_rule m;
		memset(&m, 0, sizeof(m));
		rules_module(r, t->name, names[i], &m);
		hadd(&h, names[i]);
		haddf(&h, m.status * 10 + m.fidelity);
		hadd(&h, m.module);
		hadd(&h, m.note);
		hadd(&h, m.remedy);
	}
	hex_final(&h, out);
}

static void cell_key(struct table_run *run, size_t ti, const char *normalized, int requested,
		     char out[65])
{
	struct sha256 h;
	struct package_rule pr;

	memset(&pr, 0, sizeof(pr));
	rules_package(run->rules, run->targets[ti], normalized, &pr);
	sha256_init(&h);
	hadd(&h, run->target_key[ti]);
	haddf(&h, requested);
	haddf(&h, pr.kind);
	hadd(&h, pr.note);
	hadd(&h, pr.variant_file);
	hadd(&h, pr.variant_version);
	for (size_t i = 0; i < pr.n_variant_modules; i++)
		hadd(&h, pr.variant_modules[i]);
	hadd(&h, "|");
	for (size_t i = 0; i < pr.n_alternatives; i++)
		hadd(&h, pr.alternatives[i]);
	hadd(&h, "|");
	for (size_t i = 0; i < pr.n_native_modules; i++)
		hadd(&h, pr.native_modules[i]);
	hex_final(&h, out);
}

#define STAT_MEMO_FORMAT "pymode-stat-memo/1\n"
#define STAT_MEMO_AGE 2   /* s; far above any file system's timestamp step */
#define STAT_MEMO_MAX 20000 /* entries; past it only this run's are kept */

struct stat_memo {
	unsigned long long dev, ino;
	long long size, mt_s, mt_ns, ct_s, ct_ns;
	char sha[65];
	int used; /* looked up or made by this run */
};

static const char *memo_path(struct table_run *run)
{
	return arena_printf(&run->arena, "%s/stat-memo", run->cache_dir);
}

/* lines "SHA DEV INO SIZE MT_S MT_NS CT_S CT_NS PATH"; a damaged line is
 * skipped (its file is hashed) */
static void memo_load(struct table_run *run)
{
	struct strbuf sb = STRBUF_INIT;

	if (strbuf_read_file(&sb, memo_path(run), 64u << 20, NULL) || !starts_with(sb.buf, STAT_MEMO_FORMAT)) {
		strbuf_release(&sb);
		return;
	}
	for (char *line = sb.buf + strlen(STAT_MEMO_FORMAT), *nl; (nl = strchr(line, '\n')); line = nl + 1) {
		struct stat_memo m;
		int off = 0;
		*nl = 0;
		memset(&m, 0, sizeof(m));
		if (sscanf(line, "%64[0-9a-f] %llu %llu %lld %lld %lld %lld %lld %n", m.sha, &m.dev, &m.ino, &m.size,
			   &m.mt_s, &m.mt_ns, &m.ct_s, &m.ct_ns, &off) != 8 || !off || strlen(m.sha) != 64 ||
		    !line[off])
			continue;
		struct stat_memo *v = arena_alloc(&run->arena, sizeof(*v));
		*v = m;
		strmap_put(&run->stat_memo, line + off, NULL)->value = v;
	}
	strbuf_release(&sb);
}

void table_cache_save_memo(struct table_run *run)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = 0;

	if (!run->use_cache || !run->memo_dirty)
		return;
	STRMAP_FOREACH(&run->stat_memo, e) n++;
	strbuf_addstr(&sb, STAT_MEMO_FORMAT);
	STRMAP_FOREACH(&run->stat_memo, e) {
		const struct stat_memo *m = e->value;
		if (n > STAT_MEMO_MAX && !m->used)
			continue;
		if (strchr(e->key, '\n'))
			continue;
		strbuf_addf(&sb, "%s %llu %llu %lld %lld %lld %lld %lld %s\n", m->sha, m->dev, m->ino, m->size, m->mt_s,
			    m->mt_ns, m->ct_s, m->ct_ns, e->key);
	}
	write_file_atomic(memo_path(run), sb.buf, sb.len, NULL); /* unwritable: only slower */
	strbuf_release(&sb);
	run->memo_dirty = 0;
}

int table_cache_open(struct table_run *run, const char *dir, struct perr *err)
{
	char *base = dir ? xstrdup(dir) : cache_default_dir();
	int rc;

	run->cache_dir = arena_printf(&run->arena, "%s/table", base);
	free(base);
	if ((rc = cache_mkdirs(arena_printf(&run->arena, "%s/scan", run->cache_dir), err)))
		return rc;
	for (size_t i = 0; i < run->n_targets; i++)
		target_key(run->rules, &run->info[i], run->target_key[i]);
	run->use_cache = 1;
	memo_load(run);
	return 0;
}

void table_cache_close(struct table_run *run)
{
	table_cache_save_memo(run);
	strmap_release(&run->stat_memo);
	run->use_cache = 0;
}

static int same_stat(const struct stat_memo *m, const struct stat *st)
{
	return m->dev == (unsigned long long)st->st_dev && m->ino == (unsigned long long)st->st_ino &&
	       m->size == (long long)st->st_size && m->mt_s == (long long)st->st_mtim.tv_sec &&
	       m->mt_ns == (long long)st->st_mtim.tv_nsec && m->ct_s == (long long)st->st_ctim.tv_sec &&
	       m->ct_ns == (long long)st->st_ctim.tv_nsec;
}

/* path's sha256 in hex: from the stat memo when its stat is the one
 * remembered, else read and hashed (and remembered when old enough) */
static int file_sha256(struct table_run *run, const char *path, char out[65])
{
	unsigned char buf[65536];
	struct sha256 h;
	struct stat st, st2;
	struct timespec now;
	struct stat_memo *m;
	size_t n;
	FILE *f;

	if (stat(path, &st) || !S_ISREG(st.st_mode))
		return -1;
	m = strmap_get(&run->stat_memo, path);
	if (m && same_stat(m, &st)) {
		m->used = 1;
		memcpy(out, m->sha, 65);
		return 0;
	}
	clock_gettime(CLOCK_REALTIME, &now);
	if (!(f = fopen(path, "rb")))
		return -1;
	sha256_init(&h);
	while ((n = fread(buf, 1, sizeof(buf), f)) > 0)
		sha256_update(&h, buf, n);
	n = ferror(f) || fstat(fileno(f), &st2);
	fclose(f);
	if (n)
		return -1;
	hex_final(&h, out);
	/* remembered only when nothing wrote the file while it was read and its
	 * last write is STAT_MEMO_AGE s before the read began */
	if (st.st_mtim.tv_sec + STAT_MEMO_AGE < now.tv_sec && st.st_ctim.tv_sec + STAT_MEMO_AGE < now.tv_sec &&
	    st2.st_ino == st.st_ino && st2.st_dev == st.st_dev && st2.st_size == st.st_size &&
	    st2.st_ctim.tv_sec == st.st_ctim.tv_sec && st2.st_ctim.tv_nsec == st.st_ctim.tv_nsec &&
	    st2.st_mtim.tv_sec == st.st_mtim.tv_sec && st2.st_mtim.tv_nsec == st.st_mtim.tv_nsec) {
		if (!m) {
			m = arena_alloc(&run->arena, sizeof(*m));
			strmap_put(&run->stat_memo, path, NULL)->value = m;
		}
		m->dev = (unsigned long long)st.st_dev;
		m->ino = (unsigned long long)st.st_ino;
		m->size = (long long)st.st_size;
		m->mt_s = (long long)st.st_mtim.tv_sec;
		m->mt_ns = (long long)st.st_mtim.tv_nsec;
		m->ct_s = (long long)st.st_ctim.tv_sec;
		m->ct_ns = (long long)st.st_ctim.tv_nsec;
		memcpy(m->sha, out, 65);
		m->used = 1;
		run->memo_dirty = 1;
	}
	return 0;
}

/* The entry's row (in t) and its keys ("target\tkey" lines, in keys). */
static int load_entry(struct table_run *run, const char *sha, struct table *t, struct strbuf *keys)
{
	struct strbuf sb = STRBUF_INIT;
	char *path = arena_printf(&t->arena, "%s/%s.json", run->cache_dir, sha);
	int ok = !strbuf_read_file(&sb, path, 0, NULL) && !table_read_json(t, path, sb.buf, sb.len, NULL) &&
		 t->rows.n == 1 &&
		 !strbuf_read_file(keys, arena_printf(&t->arena, "%s/%s.keys", run->cache_dir, sha), 0, NULL);
	strbuf_release(&sb);
	return ok;
}

/* 1 when keys holds the line "target\tkey" */
static int has_key(const struct strbuf *keys, const char *target, const char *key)
{
	size_t tn = strlen(target);

	for (const char *line = keys->buf, *nl; (nl = strchr(line, '\n')); line = nl + 1)
		if ((size_t)(nl - line) == tn + 1 + strlen(key) && !strncmp(line, target, tn) &&
		    line[tn] == '\t' && !strncmp(line + tn + 1, key, strlen(key)))
			return 1;
	return 0;
}

int table_cache_get(struct table_run *run, struct table_unit *u, struct table *out)
{
	struct table e;
	struct strbuf keys = STRBUF_INIT;
	int hit = 0;

	if (!run->use_cache || !path_is_file(u->path) || file_sha256(run, u->path, u->sha256))
		return 0;
	table_init(&e);
	if (load_entry(run, u->sha256, &e, &keys)) {
		const struct table_row *r = &e.rows.v[0];
		hit = 1;
		for (size_t ti = 0; hit && ti < run->n_targets; ti++) {
			char key[65];
			int ei = -1;
			if (!(u->mask & (1u << ti)))
				continue;
			for (size_t k = 0; k < e.n_targets; k++)
				if (!strcmp(e.targets[k], run->targets[ti]))
					ei = (int)k;
			cell_key(run, ti, r->normalized, u->requested, key);
			hit = ei >= 0 && r->cells[ei].present && has_key(&keys, run->targets[ti], key);
		}
		if (hit) {
			/* the cells this unit is judged for, copied out whole */
			for (size_t k = 0; k < e.n_targets; k++) {
				int mine = 0;
				for (size_t ti = 0; ti < run->n_targets; ti++)
					mine |= (u->mask & (1u << ti)) && !strcmp(e.targets[k], run->targets[ti]);
				if (!mine)
					e.rows.v[0].cells[k].present = 0;
			}
			for (size_t ti = 0; ti < run->n_targets; ti++)
				table_target(out, run->targets[ti]);
			table_merge(out, &e);
		}
	}
	table_release(&e);
	strbuf_release(&keys);
	return hit;
}

void table_cache_put(struct table_run *run, struct table_unit *u, const struct table *t)
{
	struct table e, old;
	struct strbuf keys = STRBUF_INIT, oldkeys = STRBUF_INIT, doc = STRBUF_INIT;
	const struct table_row *r;
	int have_old;

	if (!run->use_cache || t->rows.n != 1 || (!u->sha256[0] && file_sha256(run, u->path, u->sha256)))
		return;
	r = &t->rows.v[0];
	table_init(&e);
	table_init(&old);
	/* cells of targets this run did not judge stay, when the row is the same */
	have_old = load_entry(run, u->sha256, &old, &oldkeys) &&
		   !strcmp(old.rows.v[0].normalized, r->normalized);
	for (size_t k = 0; have_old && k < old.n_targets; k++) {
		int mine = 0;
		for (size_t ti = 0; ti < run->n_targets; ti++)
			mine |= !strcmp(run->targets[ti], old.targets[k]) && (u->mask & (1u << ti));
		if (!mine)
			old.rows.v[0].cells[k].present = 0;
	}
	if (have_old) {
		for (char *line = oldkeys.buf, *nl; (nl = strchr(line, '\n')); line = nl + 1) {
			char *tab = memchr(line, '\t', (size_t)(nl - line));
			int mine = 0;
			if (!tab)
				continue;
			for (size_t ti = 0; ti < run->n_targets; ti++)
				mine |= (u->mask & (1u << ti)) && strlen(run->targets[ti]) == (size_t)(tab - line) &&
					!strncmp(run->targets[ti], line, (size_t)(tab - line));
			if (!mine)
				strbuf_add(&keys, line, (size_t)(nl - line + 1));
		}
		table_merge(&e, &old);
	}
	table_merge(&e, t);
	for (size_t ti = 0; ti < run->n_targets; ti++) {
		char key[65];
		if (!(u->mask & (1u << ti)))
			continue;
		cell_key(run, ti, r->normalized, u->requested, key);
		strbuf_addf(&keys, "%s\t%s\n", run->targets[ti], key);
	}
	table_json(&doc, &e);
	if (!write_file_atomic(arena_printf(&e.arena, "%s/%s.json", run->cache_dir, u->sha256), doc.buf,
			       doc.len, NULL))
		write_file_atomic(arena_printf(&e.arena, "%s/%s.keys", run->cache_dir, u->sha256), keys.buf,
				  keys.len, NULL);
	table_release(&e);
	table_release(&old);
	strbuf_release(&keys);
	strbuf_release(&oldkeys);
	strbuf_release(&doc);
}

/* scan/<sha256>.json: the line "pymode-table-scan/1 <size_gzip>", then the
 * scan as dist_json wrote it (which names its SCANNER_VERSION) */
#define SCAN_FORMAT "pymode-table-scan/2" /* 2: gzip sizes at SIZE_GZIP_LEVEL */

static const char *scan_path(struct table_run *run, struct table_unit *u);

int table_scan_exists(struct table_run *run, struct table_unit *u)
{
	return run->use_cache && path_is_file(u->path) && (u->sha256[0] || !file_sha256(run, u->path, u->sha256)) &&
	       path_is_file(scan_path(run, u));
}

static const char *scan_path(struct table_run *run, struct table_unit *u)
{
	return arena_printf(&run->arena, "%s/scan/%s.json", run->cache_dir, u->sha256);
}

int table_scan_get(struct table_run *run, struct table_unit *u, struct distribution **d,
		   long long *size_gzip)
{
	struct strbuf sb = STRBUF_INIT;
	const char *nl;
	int ok = 0;

	*d = NULL;
	if (!run->use_cache || !path_is_file(u->path) || (!u->sha256[0] && file_sha256(run, u->path, u->sha256)))
		return 0;
	if (!strbuf_read_file(&sb, scan_path(run, u), 0, NULL) && starts_with(sb.buf, SCAN_FORMAT " ") &&
	    (nl = strchr(sb.buf, '\n'))) {
		char *end;
		*size_gzip = strtoll(sb.buf + strlen(SCAN_FORMAT) + 1, &end, 10);
		ok = end == nl && !dist_json_read(d, u->path, nl + 1, sb.len - (size_t)(nl + 1 - sb.buf), NULL);
	}
	strbuf_release(&sb);
	return ok;
}

void table_scan_put(struct table_run *run, struct table_unit *u, const struct strbuf *scan,
		    long long size_gzip)
{
	struct strbuf sb = STRBUF_INIT;

	if (!run->use_cache || !path_is_file(u->path) || (!u->sha256[0] && file_sha256(run, u->path, u->sha256)))
		return;
	strbuf_addf(&sb, SCAN_FORMAT " %lld\n", size_gzip);
	strbuf_add(&sb, scan->buf, scan->len);
	write_file_atomic(scan_path(run, u), sb.buf, sb.len, NULL);
	strbuf_release(&sb);
}
