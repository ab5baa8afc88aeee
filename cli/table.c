/* table.c: `pymode-table INPUT...` / `pymode-pkg table`: the supported-packages
 * table. Each distribution is scanned once and judged per target by the same
 * audit as pymode-audit (audit_init/audit_add/audit_finish); reports/ renders
 * the rows. Work is split by --shard K/N (a CI matrix) and --jobs N (forked
 * shards on one machine), joined by `pymode-table merge`, and cached per
 * distribution file (table_cache.c). The import smoke test is table_check.c. */
#include "cli.h"
#include "table_int.h"
#include "bundle_verify.h"
#include "../resolver/leaf.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <zlib.h>

static const char usage_text[] =
	"usage: pymode-table [options] INPUT...\n"
	"       pymode-table merge [--format FMT] [-o FILE] SHARD.json...\n"
	"       pymode-pkg table [options] INPUT...\n"
	"\n"
	"The supported-packages table: one row per distribution (name, version) with its type,\n"
	"the gzip size it adds to a bundle, and per target the verdict pymode-audit gives it\n"
	"(its own, and over its dependencies among the inputs: \"compatible itself; unsupported\n"
	"through anyio\"), how it runs there and the remedy. INPUT is a wheelhouse directory, wheels,\n"
	"sdists, an installed site-packages, or a requirements file (a PATH ending in .txt;\n"
	"resolved for each target with the index options below).\n"
	"\n"
	"options:\n"
	"  -t, --target T,...     targets (default: all: pymode, cf-python-workers, wasi)\n"
	"      --format FMT       md (default), json (schema pymode-table/2), csv or html\n"
	"  -o, --output FILE      write there (whole or not at all) instead of stdout\n"
	"      --rules DIR        overlay rule files (repeatable; later wins)\n"
	"      --rules-db FILE    use a database from 'pymode-pkg rules compile'\n"
	"      --check            import each wheel's top-level modules with only the wheel\n"
	"                         importable: in Pyodide (node + the pyodide npm package) for\n"
	"                         cf-python-workers, in native CPython 3.13 for the others (the\n"
	"                         Tests column; implies --no-cache)\n"
	"  -j, --jobs N           run N worker processes (default 1)\n"
	"      --shard K/N        only the K-th of N parts of the inputs (a CI matrix job);\n"
	"                         join the parts' --format json with 'pymode-table merge'\n"
	"      --no-cache         neither read nor write the result cache\n"
	"                         (kept under --cache-dir/table: each file's scan, keyed by its\n"
	"                         sha256 and the scanner's version, and its row, keyed by the\n"
	"                         rules too: a changed rule re-judges rows from their scans)\n"
	"\n"
	"requirements (pip's options):\n"
	"  -r, --requirement FILE resolve FILE (requirements or a pyproject.toml) for each\n"
	"                         target and tabulate what it pins (repeatable)\n"
	"  -c, --constraint FILE  constraints file, as pip (repeatable)\n"
	"      --extra NAME       optional dependencies of a pyproject.toml (repeatable;\n"
	"                         --all-extras: every one)\n"
	"      --no-deps          only the requirements given, not their dependencies\n"
	"      --pyodide-lock FILE  every package of a Pyodide release (its pyodide-lock.json):\n"
	"                         each name==version resolved for each target as -r does\n"
	"  -i, --index-url URL    package index (PEP 503 HTML or PEP 691 JSON)\n"
	"      --extra-index-url URL  more indexes (repeatable)\n"
	"  -f, --find-links DIR   a local wheelhouse (repeatable)\n"
	"      --no-index         ignore every index; only --find-links\n"
	"      --pre              allow pre-releases\n"
	"      --cache-dir DIR    download and result cache (default $XDG_CACHE_HOME/pymode-pkg)\n"
	"      --cert FILE        another CA bundle for TLS\n"
	"      --timeout SECONDS  per request, retries included (default 30)\n"
	"      --require-hashes   hash-checking mode, as pip\n"
	"  -v, --verbose          say on stderr how many distributions were scanned, judged\n"
	"                         again from a cached scan, and answered whole by the cache\n"
	"  -q, --quiet            print nothing; only the exit status tells\n"
	"  -h, --help             this text\n"
	"\n"
	"exit status: 0 fine, 2 usage error, 3 bad input or I/O failure\n";

enum { OPT_FORMAT = 0x2000, OPT_RULES, OPT_RULES_DB, OPT_CHECK, OPT_SHARD, OPT_NO_CACHE, OPT_PYODIDE_LOCK };

static const struct option long_options[] = {
	{ "target", required_argument, NULL, 't' },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "output", required_argument, NULL, 'o' },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "rules-db", required_argument, NULL, OPT_RULES_DB },
	{ "check", no_argument, NULL, OPT_CHECK },
	{ "jobs", required_argument, NULL, 'j' },
	{ "shard", required_argument, NULL, OPT_SHARD },
	{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
	CLI_REQS_LONG_OPTIONS,
	{ "pyodide-lock", required_argument, NULL, OPT_PYODIDE_LOCK },
	CLI_INDEX_LONG_OPTIONS,
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* ------------------------------------------------------------ rows */

/* Edges' conditions were evaluated for the env the scan ran with; for
 * another target they are evaluated again from their text (an edge under
 * `if __name__ == "__main__":` never runs, whatever the target). */
static void reevaluate_conditions(struct distribution *d, const struct cond_env *env)
{
	for (size_t i = 0; i < d->imports.edges.n; i++) {
		struct import_edge *e = &d->imports.edges.v[i];
		if ((e->kinds & EDGE_CONDITIONAL) && e->condition &&
		    !starts_with(e->condition, IMPORTS_MAIN_CONDITION))
			e->cond_value = cond_eval(e->condition, env);
	}
}

/* -1 the target's build is older than ours, 0 same, 1 newer, 2 not comparable */
static int version_cmp(const char *theirs, const char *ours)
{
	struct pep440 a, b;
	int c;

	if (!theirs || !ours || pep440_parse(&a, theirs, strlen(theirs), NULL) ||
	    pep440_parse(&b, ours, strlen(ours), NULL))
		return 2;
	c = pep440_cmp(&a, &b);
	return c < 0 ? -1 : c > 0;
}

static int native_name(const char *name)
{
	return ends_with(name, ".so") || ends_with(name, ".pyd") || ends_with(name, ".dylib") ||
	       ends_with(name, ".dll") || ends_with(name, ".wasm") || strstr(name, ".so.");
}

/* one gzip stream at the bundle's level (SIZE_GZIP_LEVEL): only its
 * compressed length is kept */
struct gz {
	z_stream z;
	long long total;
	int ok;
};

static void gz_init(struct gz *g)
{
	memset(g, 0, sizeof(*g));
	g->ok = deflateInit2(&g->z, SIZE_GZIP_LEVEL, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK;
}

static void gz_add(struct gz *g, const void *data, size_t n, int finish)
{
	unsigned char out[16384];
	int zrc;

	if (!g->ok)
		return;
	g->z.next_in = (unsigned char *)data;
	g->z.avail_in = (unsigned)n;
	do {
		g->z.next_out = out;
		g->z.avail_out = sizeof(out);
		zrc = deflate(&g->z, finish ? Z_FINISH : Z_NO_FLUSH);
		g->total += (long long)(sizeof(out) - g->z.avail_out);
	} while (g->z.avail_out == 0 || (finish && zrc == Z_OK));
}

static long long gz_finish(struct gz *g, int failed)
{
	if (!g->ok)
		return -1;
	gz_add(g, "", 0, 1);
	deflateEnd(&g->z);
	return failed ? -1 : g->total;
}

/* What a bundle carries of a wheel (.py and data, METADATA; no native
 * files, no bytecode, no other .dist-info files) as one gzip stream. */
static long long wheel_gzip_size(const char *path)
{
	struct source *src;
	struct member m;
	struct strbuf sb = STRBUF_INIT;
	struct perr err = PERR_INIT;
	struct gz g;
	int rc, failed = 0;

	if (source_open(&src, path, &err))
		return -1;
	gz_init(&g);
	while ((rc = source_next(src, &m, &err)) == 1) {
		const char *di = strstr(m.name, ".dist-info/");
		if (m.is_dir || m.is_link || !m.name_ok || native_name(m.name) || ends_with(m.name, ".pyc") ||
		    (di && strcmp(di, ".dist-info/METADATA")))
			continue;
		strbuf_reset(&sb);
		if (source_read(src, &sb, 64u << 20, &err)) {
			failed = 1;
			break;
		}
		gz_add(&g, sb.buf, sb.len, 0);
	}
	strbuf_release(&sb);
	source_close(src);
	return gz_finish(&g, failed || rc < 0);
}

/* An installed distribution: its Python modules' sources (the tree keeps no
 * list of data files a bundle would take, so those are not counted). */
static long long installed_gzip_size(const struct distribution *d)
{
	struct strbuf sb = STRBUF_INIT;
	struct gz g;
	int failed = 0;

	gz_init(&g);
	for (size_t i = 0; i < d->modules.n && !failed; i++) {
		char *p;
		if (d->modules.v[i].type != MOD_SOURCE)
			continue;
		p = path_join(d->input, d->modules.v[i].file);
		strbuf_reset(&sb);
		failed = strbuf_read_file(&sb, p, 64u << 20, NULL) != 0;
		free(p);
		gz_add(&g, sb.buf, sb.len, 0);
	}
	strbuf_release(&sb);
	return gz_finish(&g, failed);
}

/* s with every copy of path cut to its base name: a table names no paths */
static const char *unpath(struct arena *a, const char *s, const char *path)
{
	struct strbuf sb = STRBUF_INIT;
	size_t n = strlen(path);
	const char *p, *out;

	for (; (p = strstr(s, path)); s = p + n) {
		strbuf_add(&sb, s, (size_t)(p - s));
		strbuf_addstr(&sb, path_basename(path));
	}
	strbuf_addstr(&sb, s);
	out = arena_strdup(a, sb.buf);
	strbuf_release(&sb);
	return out;
}

/* --check: imports the wheel's public top-level modules (top_level.txt, or
 * its top-level modules; names with a leading '_' only when there is no
 * other) with only the wheel importable, in Pyodide for cf-python-workers
 * (each profile in its own: 0.27.7, 0.28.3, 314.0.6) and in native CPython
 * 3.13 for the others; the result, in words, goes to
 * each target's Tests cell. Here the check is written and queued;
 * run_checks runs the part's checks together. */
static void check_dist(struct table *t, struct table_row *row, struct table_run *run,
		       const struct distribution *d)
{
	char dir[] = "/tmp/pymode-table-check.XXXXXX";
	struct strbuf src = STRBUF_INIT;
	struct perr err = PERR_INIT;
	char *entry = NULL;
	unsigned mask = 0;

	(void)t;
	for (int pass = 0; pass < 2 && !src.len; pass++) {
		for (size_t i = 0; i < d->top_level.n; i++)
			if (pass || d->top_level.v[i][0] != '_')
				strbuf_addf(&src, "import %s\n", d->top_level.v[i]);
		for (size_t i = 0; !d->top_level.n && i < d->modules.n; i++) {
			const char *n = d->modules.v[i].name;
			if (!strchr(n, '.') && (pass || n[0] != '_'))
				strbuf_addf(&src, "import %s\n", n);
		}
	}
	if (d->kind != DIST_WHEEL || !src.len || !mkdtemp(dir)) {
		for (size_t ti = 0; ti < run->n_targets; ti++)
			if (row->cells[ti].present)
				row->cells[ti].check = d->kind != DIST_WHEEL ? "not run: not a wheel" : "not run: nothing to import";
		strbuf_release(&src);
		return;
	}
	for (size_t ti = 0; ti < run->n_targets; ti++)
		if (row->cells[ti].present)
			mask |= 1u << ti;
	entry = path_join(dir, "_pymode_table_check.py");
	if (mask && !write_file_atomic(entry, src.buf, src.len, &err)) {
		struct table_check *c = VEC_PUSH(&run->checks);
		c->name = arena_strdup(&run->arena, row->name);
		c->normalized = arena_strdup(&run->arena, row->normalized);
		c->version = row->version ? arena_strdup(&run->arena, row->version) : NULL;
		c->input = arena_strdup(&run->arena, d->input);
		c->dir = arena_strdup(&run->arena, dir);
		c->mask = mask;
	} else {
		unlink(entry);
		rmdir(dir);
	}
	free(entry);
	strbuf_release(&src);
}

static int is_pyodide_target(const char *target)
{
	return !strcmp(target, "cf-python-workers") || starts_with(target, "cf-python-workers-");
}

/* Removes the queued checks' temporary dirs and empties the queue. */
static void drop_checks(struct table_run *run)
{
	for (size_t i = 0; i < run->checks.n; i++) {
		char *entry = path_join(run->checks.v[i].dir, "_pymode_table_check.py");
		unlink(entry);
		rmdir(run->checks.v[i].dir);
		free(entry);
	}
	run->checks.n = 0;
}

/* Runs the queued checks, one verifier process per runtime (Pyodide boots
 * once for all of them), and writes their words into t's rows. */
static void run_checks(struct table_run *run, struct table *t)
{
	size_t n = run->checks.n;
	struct verify_import_job *jobs = xcalloc(n ? n : 1, sizeof(*jobs));
	struct verify_result *res = xcalloc(n ? n : 1, sizeof(*res));
	size_t *which = xcalloc(n ? n : 1, sizeof(*which));

	/* one batch per runtime: native CPython, and each Pyodide a profile
	 * names (select.pyodide_npm: 0.27.7, 0.28.3, 314.0.6) */
	unsigned done = 0;
	for (size_t first = 0; first <= run->n_targets; first++) {
		int pyo = first < run->n_targets && is_pyodide_target(run->targets[first]);
		const char *npm = NULL;
		size_t m = 0;
		unsigned on = 0;
		if (first == run->n_targets) {
			pyo = 0; /* native last, for every target not in Pyodide */
		} else if (!pyo || (done & (1u << first))) {
			continue;
		} else {
			npm = run->info[first].pyodide_npm ? run->info[first].pyodide_npm : "pyodide";
		}
		for (size_t ti = 0; ti < run->n_targets; ti++) {
			int tp = is_pyodide_target(run->targets[ti]);
			const char *tn = run->info[ti].pyodide_npm ? run->info[ti].pyodide_npm : "pyodide";
			if (tp == pyo && (!pyo || !strcmp(tn, npm)))
				on |= 1u << ti;
		}
		done |= on;
		for (size_t i = 0; i < n; i++) {
			struct table_check *c = &run->checks.v[i];
			const char **paths;
			if (!(c->mask & on))
				continue;
			paths = arena_alloc(&run->arena, 2 * sizeof(*paths));
			paths[0] = c->dir;
			paths[1] = c->input;
			jobs[m].paths = paths;
			jobs[m].n_paths = 2;
			jobs[m].entry = "_pymode_table_check";
			which[m++] = i;
		}
		if (!m)
			continue;
		verify_imports(pyo, npm, jobs, m, res, &t->arena);
		for (size_t k = 0; k < m; k++) {
			struct table_check *c = &run->checks.v[which[k]];
			const struct verify_result *v = &res[k];
			struct table_row *row = table_row(t, c->name, c->normalized, c->version);
			const char *said;
			if (v->skipped)
				said = arena_printf(&t->arena, "not run: %s", v->skipped);
			else if (v->ok)
				said = arena_printf(&t->arena, "passed in %s", v->runtime);
			else
				said = unpath(&t->arena,
					      arena_printf(&t->arena, "failed in %s: %s: %s", v->runtime,
							   v->error_type ? v->error_type : "error",
							   v->message ? v->message : "no message"),
					      c->input);
			for (size_t ti = 0; ti < run->n_targets; ti++)
				if (c->mask & on & (1u << ti))
					row->cells[ti].check = said;
		}
	}
	drop_checks(run);
	free(jobs);
	free(res);
	free(which);
}

struct unit_ctx {
	struct table_run *run;
	struct table_unit *u;
	struct table *t;
	size_t n_dists;
	struct table_row *last;
	int rc;
	struct perr *err;
	int from_cache;      /* d came from a cached scan: conditions are
				evaluated again for every target, the size is
				the cached one */
	int keep_scan;       /* write the scan to the cache */
	long long size_gzip; /* the gzip size, cached or measured */
	struct strbuf scan;  /* the scan as dist_json wrote it (keep_scan) */
};

static long long gzip_of(struct table_run *run, struct table_unit *u);

static int add_dist(void *ctx, struct distribution *d)
{
	struct unit_ctx *c = ctx;
	struct table_run *run = c->run;
	struct table_row *row;
	const struct cond_env *scanned_env = NULL;
	int fallback = 0;

	row = table_row(c->t, d->name ? d->name : d->filename, d->normalized ? d->normalized : d->filename,
			d->version);
	table_set_type(c->t, row, d);
	{
		struct arena tmp = ARENA_INIT;
		const char **names;
		size_t n = audit_provides(d, &tmp, &names);
		table_set_provides(c->t, row, names, n);
		arena_release(&tmp);
	}
	if (c->from_cache)
		row->size_gzip = c->size_gzip;
	else if (d->kind == DIST_WHEEL && !strcmp(d->input, c->u->path) && gzip_of(run, c->u) != -2)
		row->size_gzip = c->u->gzip; /* measured on the part's threads */
	else if (d->kind == DIST_WHEEL)
		row->size_gzip = wheel_gzip_size(d->input);
	else if (d->kind == DIST_INSTALLED)
		row->size_gzip = installed_gzip_size(d);
	if (c->keep_scan && !c->from_cache) {
		strbuf_reset(&c->scan);
		dist_json(&c->scan, d);
		c->size_gzip = row->size_gzip;
	}
	for (size_t ti = 0; ti < run->n_targets; ti++) {
		struct audit a;
		struct package_report *p;
		struct package_rule pr;
		int vcmp = 2;

		if (!(c->u->mask & (1u << ti)))
			continue;
		if (scanned_env != &run->info[ti].env &&
		    (scanned_env || c->from_cache || ti != c->u->scan_target))
			reevaluate_conditions(d, &run->info[ti].env);
		scanned_env = &run->info[ti].env;
		if (audit_init(&a, run->rules, run->targets[ti], c->err))
			return c->err->code;
		p = audit_add(&a, d);
		audit_finish(&a);
		p = &a.packages.v[0];
		memset(&pr, 0, sizeof(pr));
		rules_package(run->rules, run->targets[ti], p->normalized, &pr);
		if (pr.kind == PR_VARIANT)
			vcmp = version_cmp(pr.variant_version, p->version);
		table_set_cell(c->t, row, ti, p, &pr, vcmp, c->u->requested);
		fallback |= row->cells[ti].fallback;
		audit_release(&a);
	}
	if (run->check)
		check_dist(c->t, row, run, d);
	if (fallback && !strstr(row->type, "fallback"))
		row->type = arena_printf(&c->t->arena, "%s with a pure-Python fallback", row->type);
	c->n_dists++;
	c->last = row;
	return 0;
}

/* One unit into t: its row from the cache; else judged from its cached
 * scan (a rule changed: the file is not read again); else scanned, and
 * both kept in the cache when it is a file. */
static int run_unit(struct table_run *run, struct table_unit *u, struct table *t, struct perr *err)
{
	struct unit_ctx c = { run, u, t, 0, NULL, 0, err, 0, 0, -1, STRBUF_INIT };
	struct scan_options so = { 0 };
	struct distribution *d;
	struct table cached;
	int rc;

	table_init(&cached);
	if (run->use_cache && table_cache_get(run, u, &cached)) {
		table_merge(t, &cached);
		table_release(&cached);
		run->n_cached++;
		return 0;
	}
	table_release(&cached);
	table_init(&cached);
	for (size_t ti = 0; ti < run->n_targets; ti++)
		table_target(&cached, run->targets[ti]);
	c.t = &cached;
	if (run->use_cache && table_scan_get(run, u, &d, &c.size_gzip)) {
		c.from_cache = 1;
		rc = add_dist(&c, d);
		dist_free(d);
		if (!rc) {
			run->n_rejudged++;
			table_cache_put(run, u, &cached);
			table_merge(t, &cached);
		}
	} else {
		so.env = &run->info[u->scan_target].env;
		c.keep_scan = run->use_cache && path_is_file(u->path);
		rc = scan_input(u->path, &so, add_dist, &c, err);
		if (!rc) {
			run->n_scanned += c.n_dists;
			if (run->use_cache && c.n_dists == 1) {
				table_cache_put(run, u, &cached);
				if (c.scan.len)
					table_scan_put(run, u, &c.scan, c.size_gzip);
			}
			table_merge(t, &cached);
		}
	}
	strbuf_release(&c.scan);
	table_release(&cached);
	return rc;
}

/* ------------------------------------------------------------ inputs */

static int is_archive(const char *name)
{
	static const char *const sfx[] = { ".whl", ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip" };
	for (size_t i = 0; i < sizeof(sfx) / sizeof(*sfx); i++)
		if (ends_with_ci(name, sfx[i]))
			return 1;
	return 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void add_unit(struct table_run *run, const char *path, unsigned mask, int requested)
{
	struct table_unit *u;

	for (size_t i = 0; i < run->units.n; i++)
		if (!strcmp(run->units.v[i].path, path)) {
			run->units.v[i].mask |= mask;
			return;
		}
	u = VEC_PUSH(&run->units);
	memset(u, 0, sizeof(*u));
	u->gzip = -2;
	u->path = arena_strdup(&run->arena, path);
	u->mask = mask;
	u->requested = requested;
}

/* A wheelhouse (archives, no .dist-info and no .py beside them) becomes one
 * unit per archive, so shards and jobs split it; anything else is one unit. */
static int add_input(struct table_run *run, const char *path, struct perr *err)
{
	unsigned all = (1u << run->n_targets) - 1;
	VEC(char *) names = VEC_INIT;
	int other = 0;

	if (path_is_dir(path)) {
		struct dirent *de;
		DIR *dir = opendir(path);
		if (!dir)
			return perr_set(err, PM_INPUT, "'%s': cannot open directory", path);
		while ((de = readdir(dir))) {
			if (ends_with(de->d_name, ".dist-info") || ends_with(de->d_name, ".egg-info") ||
			    ends_with(de->d_name, ".py"))
				other = 1;
			else if (is_archive(de->d_name))
				*VEC_PUSH(&names) = xstrdup(de->d_name);
		}
		closedir(dir);
		if (names.n && !other) {
			qsort(names.v, names.n, sizeof(*names.v), cmp_str);
			for (size_t i = 0; i < names.n; i++) {
				char *full = path_join(path, names.v[i]);
				add_unit(run, full, all, 0);
				free(full);
			}
		} else {
			add_unit(run, path, all, 0);
		}
		for (size_t i = 0; i < names.n; i++)
			free(names.v[i]);
		VEC_FREE(&names);
		return 0;
	}
	if (!path_is_file(path))
		return perr_set(err, PM_INPUT, "'%s': no such file or directory", path);
	add_unit(run, path, all, 0);
	return 0;
}

/* Resolves every requirement source (one resolution per target, as pip
 * resolves what it is given together); each pinned file is a unit for the
 * targets that chose it. */
static int add_requirements(struct table_run *run, const struct cli_reqs *rq, struct resolve_options *ro,
			    struct perr *err)
{
	struct reqfile rf = REQFILE_INIT;
	struct arena a = ARENA_INIT;
	int rc = cli_reqs_load(rq, &rf, &a, err);

	for (size_t ti = 0; !rc && rf.entries.n && ti < run->n_targets; ti++) {
		struct resolution res = RESOLUTION_INIT;

		cli_resolve_for_target(ro, &run->info[ti]);
		rc = resolve_reqfile(&rf, ro, &res, err);
		for (size_t i = 0; !rc && i < res.pkgs.n; i++) {
			if (!res.pkgs.v[i].path)
				rc = perr_set(err, PM_INPUT, "'%s': resolved '%s' but could not fetch it",
					      res.pkgs.v[i].chain[0], res.pkgs.v[i].filename);
			else
				add_unit(run, res.pkgs.v[i].path, 1u << ti, 1);
		}
		for (size_t i = 0; !rc && i < res.warnings.n; i++)
			fprintf(stderr, "pymode-pkg: warning: %s\n", res.warnings.v[i]);
		resolution_release(&res);
	}
	reqfile_release(&rf);
	arena_release(&a);
	return rc;
}

/* --pyodide-lock: every package of a Pyodide release (package_type
 * "package" with a wheel) as the requirement name==version, each resolved
 * on its own for every target with the index options, so one that the
 * index lacks is a warning, not the end of the table. */
static int add_pyodide_lock(struct table_run *run, const char *path, struct resolve_options *ro,
			    struct perr *err)
{
	struct strbuf text = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct jnode *root;
	const struct jnode *pkgs;
	int rc;

	if ((rc = strbuf_read_file(&text, path, 0, err)) ||
	    (rc = jtree_parse(&a, path, text.buf, text.len, &root, err)))
		goto out;
	pkgs = jnode_get(root, "packages");
	if (!pkgs || pkgs->type != J_OBJECT) {
		rc = perr_set(err, PM_INPUT, "'%s': no \"packages\" object: not a pyodide-lock.json", path);
		goto out;
	}
	for (size_t i = 0; i + 1 < pkgs->n; i += 2) {
		const struct jnode *p = pkgs->items[i + 1];
		const struct jnode *name = jnode_get(p, "name"), *version = jnode_get(p, "version");
		const struct jnode *type = jnode_get(p, "package_type"), *file = jnode_get(p, "file_name");
		char *req;
		if (!name || name->type != J_STRING || !version || version->type != J_STRING ||
		    (type && type->type == J_STRING && strcmp(type->str, "package")) ||
		    !file || file->type != J_STRING || !ends_with(file->str, ".whl"))
			continue;
		req = arena_printf(&a, "%s==%s\n", name->str, version->str);
		for (size_t ti = 0; ti < run->n_targets; ti++) {
			struct reqfile rf = REQFILE_INIT;
			struct resolution res = RESOLUTION_INIT;
			struct perr e = PERR_INIT;
			int r;
			cli_resolve_for_target(ro, &run->info[ti]);
			r = reqfile_parse_text(&rf, path, req, strlen(req), 0, &a, NULL, NULL, &e);
			if (!r)
				r = resolve_reqfile(&rf, ro, &res, &e);
			for (size_t k = 0; !r && k < res.pkgs.n; k++)
				if (res.pkgs.v[k].path)
					add_unit(run, res.pkgs.v[k].path, 1u << ti, 1);
			if (r && !ro->quiet)
				fprintf(stderr, "pymode-pkg: warning: '%s': %s %s on %s: %s\n", path, name->str,
					version->str, run->targets[ti], e.msg);
			resolution_release(&res);
			reqfile_release(&rf);
		}
	}
out:
	strbuf_release(&text);
	arena_release(&a);
	return rc;
}

/* ------------------------------------------------------------ running */

/* The gzip sizes of the part's wheels that the cache cannot answer are
 * measured on up to four threads while the one-thread scan goes on beside
 * them (compressing is most of a cold run); the scan takes a wheel's size
 * when it gets there, measuring it itself if no thread has started it. */
struct gzip_bg {
	struct table_run *run;
	size_t *units, n, next;
	pthread_mutex_t lock;
	pthread_cond_t done;
	pthread_t th[4];
	int nth;
};

/* u's size into u, by whichever thread claimed it (lock held on entry and exit) */
static void gzip_measure(struct gzip_bg *g, struct table_unit *u)
{
	u->gz_state = GZ_CLAIMED;
	pthread_mutex_unlock(&g->lock);
	long long z = wheel_gzip_size(u->path);
	pthread_mutex_lock(&g->lock);
	u->gzip = z;
	u->gz_state = GZ_DONE;
	pthread_cond_broadcast(&g->done);
}

static void *gzip_worker(void *arg)
{
	struct gzip_bg *g = arg;

	pthread_mutex_lock(&g->lock);
	while (g->next < g->n) {
		struct table_unit *u = &g->run->units.v[g->units[g->next++]];
		if (u->gz_state == GZ_QUEUED)
			gzip_measure(g, u);
	}
	pthread_mutex_unlock(&g->lock);
	return NULL;
}

struct by_size {
	size_t unit;
	long long bytes;
};

static int cmp_by_size(const void *a, const void *b)
{
	const struct by_size *x = a, *y = b;
	if (x->bytes != y->bytes)
		return x->bytes > y->bytes ? -1 : 1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static void gzip_start(struct table_run *run, size_t part, size_t parts)
{
	struct gzip_bg *g = xcalloc(1, sizeof(*g));
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);

	g->run = run;
	g->units = xcalloc(run->units.n + 1, sizeof(size_t));
	for (size_t i = part; i < run->units.n; i += parts) {
		struct table_unit *u = &run->units.v[i];
		if (ends_with_ci(u->path, ".whl") && path_is_file(u->path) && !table_scan_exists(run, u)) {
			u->gz_state = GZ_QUEUED;
			g->units[g->n++] = i;
		}
	}
	/* largest first: the longest stream (numpy's 12 MB) is not left to
	 * one thread at the end */
	struct by_size *bs = xcalloc(g->n + 1, sizeof(*bs));
	for (size_t i = 0; i < g->n; i++) {
		struct stat st;
		bs[i].unit = g->units[i];
		bs[i].bytes = stat(run->units.v[g->units[i]].path, &st) ? 0 : (long long)st.st_size;
	}
	qsort(bs, g->n, sizeof(*bs), cmp_by_size);
	for (size_t i = 0; i < g->n; i++)
		g->units[i] = bs[i].unit;
	free(bs);
	pthread_mutex_init(&g->lock, NULL);
	pthread_cond_init(&g->done, NULL);
	run->gz = g;
	for (g->nth = 0; g->nth < (ncpu < 4 ? ncpu : 4) && (size_t)g->nth < g->n; g->nth++)
		if (pthread_create(&g->th[g->nth], NULL, gzip_worker, g) != 0)
			break; /* the scan measures what no thread does */
}

/* u's gzip size: measured ahead, or now; -2 when it was never queued */
static long long gzip_of(struct table_run *run, struct table_unit *u)
{
	struct gzip_bg *g = run->gz;
	long long z;

	if (!g || u->gz_state == GZ_NONE)
		return u->gzip;
	pthread_mutex_lock(&g->lock);
	if (u->gz_state == GZ_QUEUED)
		gzip_measure(g, u);
	while (u->gz_state != GZ_DONE)
		pthread_cond_wait(&g->done, &g->lock);
	z = u->gzip;
	pthread_mutex_unlock(&g->lock);
	return z;
}

/* waits for the threads; what they had not started is not measured */
static void gzip_stop(struct table_run *run)
{
	struct gzip_bg *g = run->gz;

	if (!g)
		return;
	pthread_mutex_lock(&g->lock);
	g->n = g->next;
	pthread_mutex_unlock(&g->lock);
	for (int i = 0; i < g->nth; i++)
		pthread_join(g->th[i], NULL);
	pthread_mutex_destroy(&g->lock);
	pthread_cond_destroy(&g->done);
	free(g->units);
	free(g);
	run->gz = NULL;
}

/* The units of part `part` of `parts` (i % parts == part) into t. */
static int run_part(struct table_run *run, size_t part, size_t parts, struct table *t, struct perr *err)
{
	gzip_start(run, part, parts);
	for (size_t i = part; i < run->units.n; i += parts) {
		struct table_unit *u = &run->units.v[i];
		int rc;
		/* scan with the env of the first target that wants the unit */
		for (u->scan_target = 0; !(u->mask & (1u << u->scan_target)); u->scan_target++)
			;
		if ((rc = run_unit(run, u, t, err))) {
			gzip_stop(run);
			drop_checks(run);
			return rc;
		}
	}
	gzip_stop(run);
	if (run->checks.n)
		run_checks(run, t);
	return 0;
}

/* --jobs: forks one worker per part; each writes its part as a table
 * document to a temporary file, read back and merged here in part order. */
static int run_jobs(struct table_run *run, size_t jobs, struct table *t, struct perr *err)
{
	char dir[] = "/tmp/pymode-table.XXXXXX";
	pid_t *pids = xcalloc(jobs, sizeof(*pids));
	int rc = 0;

	if (!mkdtemp(dir)) {
		free(pids);
		return perr_set(err, PM_INPUT, "cannot make a temporary directory: %s", strerror(errno));
	}
	fflush(NULL);
	for (size_t j = 0; j < jobs; j++) {
		pid_t pid = fork();
		if (pid < 0) {
			rc = perr_set(err, PM_INPUT, "fork: %s", strerror(errno));
			break;
		}
		if (pid == 0) {
			struct table part;
			struct strbuf out = STRBUF_INIT;
			struct perr e = PERR_INIT;
			char file[64];
			int crc;
			table_init(&part);
			crc = run_part(run, j, jobs, &part, &e);
			if (!crc) {
				table_json(&out, &part);
				snprintf(file, sizeof(file), "%s/%zu.json", dir, j);
				crc = write_file_atomic(file, out.buf, out.len, &e);
			}
			if (crc)
				cli_error(&e);
			table_cache_save_memo(run);
			/* the counts go back through the exit path's file */
			snprintf(file, sizeof(file), "%s/%zu.count", dir, j);
			if (!crc) {
				char counts[64];
				int n = snprintf(counts, sizeof(counts), "%zu %zu %zu\n", run->n_scanned,
						 run->n_rejudged, run->n_cached);
				write_file_atomic(file, counts, (size_t)n, &e);
			}
			_exit(crc ? crc : 0);
		}
		pids[j] = pid;
	}
	for (size_t j = 0; j < jobs; j++) {
		int status = 0;
		if (!pids[j])
			continue;
		while (waitpid(pids[j], &status, 0) < 0 && errno == EINTR)
			;
		if (!rc && (!WIFEXITED(status) || WEXITSTATUS(status))) {
			rc = WIFEXITED(status) ? WEXITSTATUS(status) : PM_INPUT;
			perr_set(err, rc, "worker %zu of %zu failed", j + 1, jobs);
		}
	}
	for (size_t j = 0; j < jobs; j++) {
		char file[64];
		struct strbuf sb = STRBUF_INIT;
		snprintf(file, sizeof(file), "%s/%zu.json", dir, j);
		if (!rc && !(rc = strbuf_read_file(&sb, file, 0, err)))
			rc = table_read_json(t, file, sb.buf, sb.len, err);
		unlink(file);
		strbuf_reset(&sb);
		snprintf(file, sizeof(file), "%s/%zu.count", dir, j);
		if (!strbuf_read_file(&sb, file, 0, NULL)) {
			size_t s = 0, r = 0, c = 0;
			if (sscanf(sb.buf, "%zu %zu %zu", &s, &r, &c) == 3) {
				run->n_scanned += s;
				run->n_rejudged += r;
				run->n_cached += c;
			}
		}
		unlink(file);
		strbuf_release(&sb);
	}
	rmdir(dir);
	free(pids);
	return rc;
}

/* "Rust _uuid_utils replaced by a polyfill over X": the part before */
static const char *original_words(struct arena *a, const char *note)
{
	const char *p = note ? strstr(note, " replaced by ") : NULL;
	return p ? arena_strndup(a, note, (size_t)(p - note)) : NULL;
}

/* The package polyfills of every target, from the rules. */
static void add_polyfills(struct table_run *run, struct table *t)
{
	for (size_t ti = 0; ti < run->n_targets; ti++) {
		const struct package_rule *prs;
		size_t n = rules_packages(run->rules, run->targets[ti], &prs);
		for (size_t i = 0; i < n; i++) {
			const char *note = prs[i].note, *p;
			if (prs[i].kind != PR_POLYFILL)
				continue;
			p = note ? strstr(note, "replaced by ") : NULL;
			table_add_polyfill(t, run->targets[ti], prs[i].package, original_words(&t->arena, note),
					   p ? p + strlen("replaced by ") : note);
		}
	}
}

static int parse_targets(struct table_run *run, const char *list)
{
	char *copy = xstrdup(list), *save = NULL;

	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		int dup = 0;
		for (size_t i = 0; i < run->n_targets; i++)
			dup |= !strcmp(run->targets[i], tok);
		if (dup)
			continue;
		if (run->n_targets == TABLE_MAX_TARGETS) {
			free(copy);
			return cli_usage_error("table", "too many targets (at most %d)", TABLE_MAX_TARGETS);
		}
		run->targets[run->n_targets++] = arena_strdup(&run->arena, tok);
	}
	free(copy);
	return 0;
}

/* Each target's verdicts over dependencies, by the audit's own roll-up
 * (verdict_roll_up) over the rows judged there: as pymode-audit over the
 * same distributions, a dependency is the first row of its name, and a
 * loaded module's owner the first row that provides it, in table order.
 * From own verdicts alone, so cached rows and merged shards give the same. */
static void roll_up(struct table *t)
{
	struct rollup_package *v = xcalloc(t->rows.n ? t->rows.n : 1, sizeof(*v));
	struct table_cell **cell = xcalloc(t->rows.n ? t->rows.n : 1, sizeof(*cell));

	for (size_t k = 0; k < t->n_targets; k++) {
		struct strmap provided = STRMAP_INIT;
		size_t n = 0;
		for (size_t i = 0; i < t->rows.n; i++) {
			struct table_row *r = &t->rows.v[i];
			struct table_cell *c = &r->cells[k];
			if (!c->present)
				continue;
			v[n] = (struct rollup_package){ r->normalized, c->own_verdict, c->depends, c->n_depends,
							c->loads, c->n_loads, V_COMPATIBLE, NULL };
			cell[n++] = c;
			for (size_t p = 0; p < r->n_provides; p++) {
				int created;
				struct strmap_entry *e = strmap_put(&provided, r->provides[p], &created);
				if (e && created)
					e->value = (void *)r->normalized;
			}
		}
		verdict_roll_up(v, n, &provided);
		for (size_t i = 0; i < n; i++) {
			cell[i]->verdict = v[i].verdict;
			cell[i]->through = v[i].through;
		}
		strmap_release(&provided);
	}
	free(v);
	free(cell);
}

static int render(struct table *t, const char *format, const char *output, int quiet, struct perr *err)
{
	struct strbuf out = STRBUF_INIT;
	int rc = 0;

	table_sort(t);
	roll_up(t);
	if (!strcmp(format, "json"))
		table_json(&out, t);
	else if (!strcmp(format, "csv"))
		table_csv(&out, t);
	else if (!strcmp(format, "html"))
		table_html(&out, t);
	else
		table_md(&out, t);
	if (output)
		rc = write_file_atomic(output, out.buf, out.len, err);
	else if (!quiet)
		fwrite(out.buf, 1, out.len, stdout);
	strbuf_release(&out);
	return rc;
}

static int check_format(const char *format)
{
	if (strcmp(format, "md") && strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "html"))
		return cli_usage_error("table", "unknown format '%s' (md, json, csv, html)", format);
	return 0;
}

/* `pymode-table merge SHARD.json...` */
static int cmd_table_merge(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "format", required_argument, NULL, OPT_FORMAT },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	const char *format = "md", *output = NULL;
	struct table t;
	struct perr err = PERR_INIT;
	int c, rc = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "o:h", opts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT: format = optarg; break;
		case 'o': output = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: return cli_usage_error("table", "bad option");
		}
	}
	if ((rc = check_format(format)))
		return rc;
	if (optind >= argc)
		return cli_usage_error("table", "merge: no shard given");
	table_init(&t);
	for (int i = optind; !rc && i < argc; i++) {
		struct strbuf sb = STRBUF_INIT;
		if (!(rc = strbuf_read_file(&sb, argv[i], 0, &err)))
			rc = table_read_json(&t, argv[i], sb.buf, sb.len, &err);
		strbuf_release(&sb);
	}
	if (!rc)
		rc = render(&t, format, output, 0, &err);
	if (rc)
		rc = cli_error(&err);
	table_release(&t);
	return rc;
}

int cmd_table(int argc, char **argv)
{
	const char *format = "md", *output = NULL, *db = NULL;
	VEC(const char *) overlays = VEC_INIT;
	struct cli_reqs rq = { 0 };
	VEC(const char *) locks = VEC_INIT;
	VEC(const char *) target_lists = VEC_INIT;
	struct cli_index ix = { 0 };
	struct resolve_options rso = { 0 };
	struct table_run run;
	struct table t;
	struct perr err = PERR_INIT;
	size_t jobs = 1, shard_k = 1, shard_n = 1;
	int c, quiet = 0, verbose = 0, rc = 0, no_cache = 0;

	if (argc > 1 && !strcmp(argv[1], "merge"))
		return cmd_table_merge(argc - 1, argv + 1);
	memset(&run, 0, sizeof(run));
	table_init(&t);
	optind = 1;
	while ((c = getopt_long(argc, argv, "t:o:j:vqhr:c:i:f:", long_options, NULL)) != -1) {
		int handled = cli_index_option(&ix, c, optarg, "table", &rso);
		char *end, junk;
		if (handled < 0) {
			rc = -handled;
			goto out;
		}
		if (handled || cli_reqs_option(&rq, c, optarg))
			continue;
		switch (c) {
		case 't': *VEC_PUSH(&target_lists) = optarg; break;
		case OPT_FORMAT: format = optarg; break;
		case 'o': output = optarg; break;
		case OPT_RULES: *VEC_PUSH(&overlays) = optarg; break;
		case OPT_RULES_DB: db = optarg; break;
		case OPT_NO_CACHE: no_cache = 1; break;
		case OPT_CHECK: run.check = no_cache = 1; break;
		case 'j':
			jobs = strtoul(optarg, &end, 10);
			if (*end || !jobs || jobs > 256) {
				rc = cli_usage_error("table", "invalid --jobs '%s' (1 to 256)", optarg);
				goto out;
			}
			break;
		case OPT_SHARD:
			if (sscanf(optarg, "%zu/%zu%c", &shard_k, &shard_n, &junk) != 2 || !shard_n ||
			    !shard_k || shard_k > shard_n) {
				rc = cli_usage_error("table", "invalid --shard '%s' (K/N with 1 <= K <= N)", optarg);
				goto out;
			}
			break;
		case OPT_PYODIDE_LOCK: *VEC_PUSH(&locks) = optarg; break;
		case 'v': verbose = 1; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(usage_text, stdout); goto out;
		default: rc = cli_usage_error("table", "bad option"); goto out;
		}
	}
	if ((rc = check_format(format)))
		goto out;
	if (optind >= argc && !rq.src.n && !locks.n) {
		rc = cli_usage_error("table", "no input given");
		goto out;
	}
	cli_index_finish(&ix, &rso);
	rso.quiet = quiet;
	if ((rc = rules_open(&run.rules, db, overlays.v, overlays.n, &err)))
		goto fail;
	for (size_t i = 0; i < target_lists.n; i++)
		if ((rc = parse_targets(&run, target_lists.v[i])))
			goto out;
	if (!run.n_targets) {
		const char **names;
		size_t n = rules_target_names(run.rules, &names);
		for (size_t i = 0; i < n && run.n_targets < TABLE_MAX_TARGETS; i++)
			run.targets[run.n_targets++] = names[i];
	}
	for (size_t i = 0; i < run.n_targets; i++) {
		if ((rc = rules_target(run.rules, run.targets[i], &run.info[i], &err)))
			goto fail;
		table_target(&t, run.targets[i]);
	}
	for (int i = optind; i < argc; i++) {
		const char *dir = cli_reqs_input(&rq, argv[i]);
		if ((!dir || *dir) && (rc = add_input(&run, dir ? dir : argv[i], &err)))
			goto fail;
	}
	if ((rc = cli_reqs_check(&rq, "table")))
		goto out;
	cli_reqs_options(&rq, &rso);
	if ((rc = add_requirements(&run, &rq, &rso, &err)))
		goto fail;
	for (size_t i = 0; i < locks.n; i++)
		if ((rc = add_pyodide_lock(&run, locks.v[i], &rso, &err)))
			goto fail;
	/* --shard K/N keeps every N-th unit from the K-th */
	if (shard_n > 1) {
		size_t k = 0;
		for (size_t i = 0; i < run.units.n; i++)
			if (i % shard_n == shard_k - 1)
				run.units.v[k++] = run.units.v[i];
		run.units.n = k;
	}
	if (!no_cache && (rc = table_cache_open(&run, rso.cache_dir, &err)))
		goto fail;
	if (jobs > run.units.n)
		jobs = run.units.n ? run.units.n : 1;
	rc = jobs > 1 ? run_jobs(&run, jobs, &t, &err) : run_part(&run, 0, 1, &t, &err);
	if (rc)
		goto fail;
	add_polyfills(&run, &t);
	if (verbose)
		fprintf(stderr, "pymode-table: %zu inputs: %zu distributions scanned, %zu judged again from "
				"their cached scan, %zu from the cache\n",
			run.units.n, run.n_scanned, run.n_rejudged, run.n_cached);
	if ((rc = render(&t, format, output, quiet, &err)))
		goto fail;
	goto out;
fail:
	rc = cli_error(&err);
out:
	table_cache_close(&run);
	table_release(&t);
	rules_close(run.rules);
	VEC_FREE(&run.units);
	VEC_FREE(&run.checks);
	arena_release(&run.arena);
	VEC_FREE(&overlays);
	cli_reqs_release(&rq);
	VEC_FREE(&locks);
	VEC_FREE(&target_lists);
	cli_index_release(&ix);
	return rc;
}
