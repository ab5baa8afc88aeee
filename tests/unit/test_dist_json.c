/* test_dist_json.c: a scan written by dist_json and read back by
 * dist_json_read is the same scan (written again, the same bytes), for an
 * installed distribution with metadata, every kind of import edge and a
 * lexer diagnostic; text of another SCANNER_VERSION, damaged text and edge
 * ranges past the edges are refused. */
#include "../../scanner/scanner.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char dir[] = "/tmp/test_dist_json.XXXXXX";

static void put(const char *rel, const char *text)
{
	char *p = path_join(dir, rel);
	char *slash = strrchr(p, '/');
	*slash = 0;
	mkdir(p, 0755);
	*slash = '/';
	CHECK(write_file_atomic(p, text, strlen(text), NULL) == 0);
	free(p);
}

struct got {
	int n;
	struct strbuf first, again;
	size_t n_edges, n_diags, n_requires;
	const char *input;
};

static int on_dist(void *ctx, struct distribution *d)
{
	struct got *g = ctx;
	struct distribution *back = NULL;
	struct perr err = PERR_INIT;

	g->n++;
	dist_json(&g->first, d);
	CHECK_INT(dist_json_read(&back, d->input, g->first.buf, g->first.len, &err), 0);
	if (!back)
		return 0;
	dist_json(&g->again, back);
	g->n_edges = back->imports.edges.n;
	g->n_diags = back->imports.diags.n;
	g->n_requires = back->meta.requires_dist.n;
	CHECK_STR(back->input, d->input);
	CHECK_STR(back->normalized, "demo-pkg");
	CHECK_INT(back->kind, d->kind);
	dist_free(back);
	return 0;
}

static void refused(const char *what, const char *text)
{
	struct distribution *d = (struct distribution *)1;
	struct perr err = PERR_INIT;
	int rc = dist_json_read(&d, what, text, strlen(text), &err);
	CHECK_INT(rc, PM_INPUT);
	CHECK(d == NULL);
	if (rc != PM_INPUT)
		fprintf(stderr, "  %s: accepted\n", what);
}

int main(void)
{
	struct got g = { 0, STRBUF_INIT, STRBUF_INIT, 0, 0, 0, NULL };
	struct scan_options so = { 0 };
	struct cond_env env = { "wasi", "posix", "WASI", "cpython", 3, 13, 0 };
	struct perr err = PERR_INIT;
	struct strbuf sb = STRBUF_INIT;
	char *p;

	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		return 1;
	}
	put("demo_pkg-1.0.dist-info/METADATA",
	    "Metadata-Version: 2.1\nName: Demo_Pkg\nVersion: 1.0\nRequires-Dist: attrs\n"
	    "Requires-Dist: six; sys_platform == \"win32\"\nClassifier: Topic :: Testing\n");
	put("demo_pkg-1.0.dist-info/top_level.txt", "demo_pkg\n");
	put("demo_pkg-1.0.dist-info/RECORD", "demo_pkg/__init__.py,,\ndemo_pkg/old.py,,\n");
	put("demo_pkg/__init__.py",
	    "import os.path as osp\n"
	    "from . import old\n"
	    "from json import loads, dumps\n"
	    "try:\n    import _speedups\nexcept ImportError:\n    _speedups = None\n"
	    "import sys\n"
	    "if sys.platform == 'emscripten':\n    import js\nelse:\n    import socket\n"
	    "from typing import TYPE_CHECKING\n"
	    "if TYPE_CHECKING:\n    import attr\n"
	    "def later():\n    import sqlite3\n    return __import__('zlib')\n"
	    "if __name__ == '__main__':\n    import argparse\n");
	put("demo_pkg/old.py", "print 'python 2'\n");

	so.env = &env;
	CHECK_INT(scan_input(dir, &so, on_dist, &g, &err), 0);
	CHECK_INT(g.n, 1);
	CHECK(g.first.len > 0);
	CHECK_STR(g.again.buf, g.first.buf);
	CHECK(g.n_edges >= 8);
	CHECK(g.n_diags >= 1);
	CHECK_INT(g.n_requires, 2);
	CHECK(strstr(g.first.buf, "\"condition\": \"sys.platform == 'emscripten'\"") != NULL);
	CHECK(strstr(g.first.buf, "\"alias\": \"osp\"") != NULL);

	refused("not json", "not json");
	refused("empty object", "{}");
	strbuf_addstr(&sb, g.first.buf);
	if ((p = strstr(sb.buf, SCANNER_VERSION)))
		/* another last digit: pymode-scan/10 -> /19, /9 -> /0 */
		p[strlen(SCANNER_VERSION) - 1] = p[strlen(SCANNER_VERSION) - 1] == '0' ? '9' : '0';
	refused("another scanner version", sb.buf);
	strbuf_reset(&sb);
	if ((p = strstr(g.first.buf, "\"edge_count\": "))) { /* a module's edges past the end */
		const char *rest = p + strlen("\"edge_count\": ");
		strbuf_add(&sb, g.first.buf, (size_t)(rest - g.first.buf));
		strbuf_addstr(&sb, "99999");
		strbuf_addstr(&sb, rest + strspn(rest, "0123456789"));
	}
	CHECK(sb.len > 0);
	refused("edges past the end", sb.buf);
	strbuf_reset(&sb);
	strbuf_addstr(&sb, g.first.buf);
	if ((p = strstr(sb.buf, "\"modules\": [")))
		memcpy(p, "\"modulez\"", 9); /* a required member missing */
	refused("no modules", sb.buf);

	strbuf_release(&sb);
	strbuf_release(&g.first);
	strbuf_release(&g.again);
	{
		char cmd[128];
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
		if (system(cmd))
			fprintf(stderr, "could not remove %s\n", dir);
	}
	return TEST_DONE("test_dist_json");
}
