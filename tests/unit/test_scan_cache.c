/* test_scan_cache.c: a file's scan kept by scan_cache.c and replayed is the
 * same scan (its record written again, the same bytes) for source with
 * every kind of entry (edges, computed loads, diagnostics, names, codecs,
 * flags, entry points, table rows with awkward strings: a tab, "3:x", "- ")
 * and the file's tokens, operands, allocating strings and display
 * constants, six's moved names, each edge's
 * on_error, branch and shadows; a change of any
 * input the key covers (a byte of the source, the target's platform, the
 * module name, is_package, want_names) is a miss that scans again and gets
 * that input's own answer; a damaged pack or record is a miss, never a
 * wrong scan. */
#include "../../scanner/scanner.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/test_scan_cache.XXXXXX";

static const char SRC[] =
	"import os.path as osp\n"
	"from . import sibling\n"
	"from json import loads as L, dumps\n"
	"try:\n    import _speedups\nexcept ImportError:\n    import slow as _speedups\n"
	"import sys\n"
	"if sys.platform == 'emscripten':\n    import js\nelse:\n    import socket\n"
	"PY2 = sys.version_info[0] == 2\n"
	"if PY2:\n    import cPickle\n"
	"TABLE = {'Tab\tKey': ('demo.mod', 'a:b', '3:x', '- '), 'B': ('demo.other',)}\n"
	"def later(name):\n"
	"    import sqlite3\n"
	"    b'x'.decode('idna')\n"
	"    importlib.import_module('demo.plugins.' + name)\n"
	"    from importlib.metadata import entry_points\n"
	"    return entry_points(group='demo.hooks'), os.uname()\n"
	"class K:\n    def m(self):\n        return __import__('zlib')\n"
	"def later2(x):\n    if x:\n        import gzip\n    try:\n        pass\n"
	"    except ValueError:\n        import logging\n"
	"def warn():\n    pass\n"
	"from _warnings import warn\n"
	"_moved = [MovedModule('queue', 'Queue'), MovedAttribute('reduce', '__builtin__', 'functools')]\n"
	"SQ = {c: [d for d in c] for c in 'ab'}\n"
	"x = (1,\n";  /* unbalanced: a diagnostic */

/* the record of what s holds past m */
static void rec(struct strbuf *out, const struct import_scan *s, const struct import_scan_mark *m)
{
	strbuf_reset(out);
	import_scan_record(out, s, m);
}

/* one scan through c into a fresh import_scan; its record into out */
static void scan_via(struct scan_cache *c, struct strbuf *out, const char *src, const char *module, int pkg,
		     int want, const struct cond_env *env)
{
	struct arena a = { 0 };
	struct import_scan s = { 0 };
	struct import_scan_mark m;

	s.arena = &a;
	s.want_names = want;
	import_scan_mark(&s, &m);
	imports_scan_cached(c, &s, "demo/mod.py", module, pkg, src, strlen(src), env);
	rec(out, &s, &m);
	/* what the record must carry beside the edges' own fields */
	for (size_t i = m.edges; i < s.edges.n; i++)
		strbuf_addf(out, "\n%s on_error %d branch %d shadows %s", s.edges.v[i].as_written,
			    s.edges.v[i].on_error, s.edges.v[i].branch,
			    s.edges.v[i].shadows ? s.edges.v[i].shadows : "-");
	for (size_t i = m.moved; i < s.moved.n; i++)
		strbuf_addf(out, "\nmoved %s:%d %s -> %s", s.moved.v[i].file, s.moved.v[i].line, s.moved.v[i].name,
			    s.moved.v[i].module);
	strbuf_addf(out, "\ntokens %lld operands %lld strings %lld seq_consts %lld comps %lld", s.file_tokens,
		    s.file_operands, s.file_strings, s.file_seq_consts, s.file_comps);
	import_scan_release(&s);
	arena_release(&a);
}

/* the pack of a group: scans/ and the first 16 bytes of its name's sha256 */
static char *pack_path(const char *group)
{
	struct sha256 h;
	unsigned char d[32];
	char name[40], *p, *full;

	sha256_init(&h);
	sha256_update(&h, group, strlen(group));
	sha256_final(&h, d);
	for (int i = 0; i < 16; i++)
		sprintf(name + 2 * i, "%02x", d[i]);
	p = path_join(dir, "scans");
	full = path_join(p, name);
	free(p);
	return full;
}

int main(void)
{
	struct cond_env wasi = { "wasi", "posix", "WASI", "cpython", 3, 13, 0 };
	struct cond_env emsc = { "emscripten", "posix", "Emscripten", "cpython", 3, 13, 2 };
	struct strbuf plain = STRBUF_INIT, got = STRBUF_INIT, other = STRBUF_INIT, sb = STRBUF_INIT;
	struct scan_cache *c;
	long long hits, misses;
	struct perr err = PERR_INIT;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	/* the plain scan, and what is in it */
	scan_via(NULL, &plain, SRC, "demo.mod", 0, 1, &wasi);
	CHECK(strstr(plain.buf, "7:Tab\tKey") != NULL); /* a tab in the literal */
	CHECK(strstr(plain.buf, "3:3:x") != NULL);
	CHECK(strstr(plain.buf, "2:- ") != NULL);
	CHECK(strstr(plain.buf, "demo.hooks") != NULL);
	CHECK(strstr(plain.buf, "idna") != NULL);
	CHECK(strstr(plain.buf, "demo.plugins") != NULL);
	CHECK(strstr(plain.buf, "\nlogging on_error 1 branch 0") != NULL);
	CHECK(strstr(plain.buf, "\ngzip on_error 0 branch 1") != NULL);
	CHECK(strstr(plain.buf, "\nsqlite3 on_error 0 branch 0") != NULL);
	CHECK(strstr(plain.buf, "\n_warnings on_error 0 branch 0 shadows warn") != NULL);
	/* the memory model's counts come back from a hit too: none is 0 here */
	CHECK(strstr(plain.buf, " operands 0") == NULL);
	CHECK(strstr(plain.buf, " strings 0") == NULL);
	CHECK(strstr(plain.buf, " seq_consts 0") == NULL);
	CHECK(strstr(plain.buf, " comps 2") != NULL);
	CHECK(strstr(plain.buf, "moved demo/mod.py:36 queue -> queue") != NULL);
	CHECK(strstr(plain.buf, "moved demo/mod.py:36 reduce -> functools") != NULL);

	/* a miss scans and records; the next run's hit is the same scan */
	c = scan_cache_open(dir, "group one");
	CHECK(c != NULL);
	scan_via(c, &got, SRC, "demo.mod", 0, 1, &wasi);
	CHECK_STR(got.buf, plain.buf);
	scan_cache_stats(c, &hits, &misses);
	CHECK_INT(hits, 0);
	CHECK_INT(misses, 1);
	scan_cache_close(c);
	c = scan_cache_open(dir, "group one");
	scan_via(c, &got, SRC, "demo.mod", 0, 1, &wasi);
	scan_cache_stats(c, &hits, &misses);
	CHECK_INT(hits, 1);
	CHECK_INT(misses, 0);
	CHECK_STR(got.buf, plain.buf);

	/* every input of the key: a miss, with that input's own answer */
	{
		char *changed = strdup(SRC);
		*strstr(changed, "sqlite3") = 'S'; /* one byte */
		scan_via(c, &got, changed, "demo.mod", 0, 1, &wasi);
		scan_via(NULL, &other, changed, "demo.mod", 0, 1, &wasi);
		CHECK_STR(got.buf, other.buf);
		CHECK(strcmp(got.buf, plain.buf) != 0);
		free(changed);
	}
	scan_via(c, &got, SRC, "demo.mod", 0, 1, &emsc);
	scan_via(NULL, &other, SRC, "demo.mod", 0, 1, &emsc);
	CHECK_STR(got.buf, other.buf);
	CHECK(strcmp(got.buf, plain.buf) != 0); /* js is imported there, socket not */
	scan_via(c, &got, SRC, "other.mod", 0, 1, &wasi);
	scan_via(NULL, &other, SRC, "other.mod", 0, 1, &wasi);
	CHECK_STR(got.buf, other.buf);
	CHECK(strcmp(got.buf, plain.buf) != 0); /* from . import sibling resolves elsewhere */
	scan_via(c, &got, SRC, "demo.mod", 1, 1, &wasi);
	scan_via(NULL, &other, SRC, "demo.mod", 1, 1, &wasi);
	CHECK_STR(got.buf, other.buf);
	CHECK(strcmp(got.buf, plain.buf) != 0);
	scan_via(c, &got, SRC, "demo.mod", 0, 0, &wasi);
	scan_via(NULL, &other, SRC, "demo.mod", 0, 0, &wasi);
	CHECK_STR(got.buf, other.buf);
	CHECK(strcmp(got.buf, plain.buf) != 0); /* no names */
	scan_cache_stats(c, &hits, &misses);
	CHECK_INT(hits, 1);
	CHECK_INT(misses, 5);
	scan_cache_close(c);

	/* another group is another pack */
	c = scan_cache_open(dir, "group two");
	scan_via(c, &got, SRC, "demo.mod", 0, 1, &wasi);
	scan_cache_stats(c, &hits, &misses);
	CHECK_INT(misses, 1);
	scan_cache_close(c);

	/* a damaged record: a miss, the right scan, and the pack mended */
	{
		char *p = pack_path("group two");
		CHECK(strbuf_read_file(&sb, p, 0, &err) == 0);
		char *body = strstr(sb.buf, "demo.hooks");
		CHECK(body != NULL);
		if (body) {
			/* the string table's lengths no longer fit */
			memcpy(body - 3, "99:", 3);
			CHECK(write_file_atomic(p, sb.buf, sb.len, &err) == 0);
		}
		c = scan_cache_open(dir, "group two");
		scan_via(c, &got, SRC, "demo.mod", 0, 1, &wasi);
		CHECK_STR(got.buf, plain.buf);
		scan_cache_stats(c, &hits, &misses);
		CHECK_INT(hits, 0);
		CHECK_INT(misses, 1);
		scan_cache_close(c);
		c = scan_cache_open(dir, "group two");
		scan_via(c, &got, SRC, "demo.mod", 0, 1, &wasi);
		scan_cache_stats(c, &hits, &misses);
		CHECK_INT(hits, 1);
		CHECK_STR(got.buf, plain.buf);
		scan_cache_close(c);
		/* cut short: every record past the cut is a miss */
		strbuf_reset(&sb);
		CHECK(strbuf_read_file(&sb, p, 0, &err) == 0);
		CHECK(write_file_atomic(p, sb.buf, sb.len / 2, &err) == 0);
		c = scan_cache_open(dir, "group two");
		scan_via(c, &got, SRC, "demo.mod", 0, 1, &wasi);
		CHECK_STR(got.buf, plain.buf);
		scan_cache_stats(c, &hits, &misses);
		CHECK_INT(misses, 1);
		scan_cache_close(c);
		free(p);
	}

	/* text that is no record leaves the scan as it was */
	{
		struct arena a = { 0 };
		struct import_scan s = { 0 };
		s.arena = &a;
		imports_scan(&s, "x.py", "x", 0, "import os\n", 10, &wasi);
		CHECK_INT(import_scan_replay(&s, "2\n1:a1:b\n0 1 ", 14), -1);
		CHECK_INT(import_scan_replay(&s, "nonsense", 8), -1);
		CHECK_INT(s.edges.n, 1);
		import_scan_release(&s);
		arena_release(&a);
	}

	strbuf_release(&plain);
	strbuf_release(&got);
	strbuf_release(&other);
	strbuf_release(&sb);
	{
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd))
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return TEST_DONE("test_scan_cache");
}
