/* test_resolve.c: the resolver core over inline indexes (tests/resolver/
 * *.t, libsolv's testcase style), wheel tags, URL masking and index page
 * parsing (HTML and JSON). The HTTP client is tested by tests/suites/resolver. */
#include "../../resolver/resolve.h"
#include "test.h"

#include <dirent.h>
#include <string.h>

/* ---- an in-memory provider read from a .t file ---- */
struct tdist {
	const char *key, *version, *python, *meta_python;
	int yanked;
	VEC(const char *) deps;
};
struct tindex {
	struct arena *a;
	VEC(struct tdist) dists;
};

static int t_cands(void *ctx, const char *key, solver_cands *out, struct perr *err)
{
	struct tindex *ix = ctx;
	for (size_t i = 0; i < ix->dists.n; i++) {
		struct tdist *d = &ix->dists.v[i];
		if (strcmp(d->key, key))
			continue;
		struct solver_cand *c = VEC_PUSH(out);
		memset(c, 0, sizeof(*c));
		c->version_text = d->version;
		if (pep440_parse(&c->version, d->version, strlen(d->version), err))
			return PM_INPUT;
		c->requires_python = d->python;
		c->yanked = d->yanked;
		c->data = d;
	}
	return 0;
}

static int t_deps(void *ctx, const char *key, const struct solver_cand *c, const char ***reqs,
		  size_t *n, const char **rp, int *unknown, struct perr *err)
{
	struct tdist *d = c->data;
	*reqs = d->deps.v;
	*n = d->deps.n;
	*rp = d->meta_python;
	*unknown = 0;
	return 0;
}

static char *trim(char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\n' || s[n - 1] == '\t'))
		s[--n] = 0;
	return s;
}

static int cmp_key(const void *a, const void *b)
{
	return strcmp(((const struct solver_pin *)a)->key, ((const struct solver_pin *)b)->key);
}

static void run_case(const char *path)
{
	struct arena a = ARENA_INIT;
	struct tindex ix = { &a, VEC_INIT };
	VEC(struct solver_root) roots = VEC_INIT;
	VEC(const char *) vias = VEC_INIT;
	const char *expect = NULL, *conflict = NULL, *python = "3.13";
	struct strbuf text = STRBUF_INIT;
	struct perr err = PERR_INIT;
	char *line, *save = NULL;
	int fail0 = t_fail;

	if (strbuf_read_file(&text, path, 1 << 20, &err)) {
		CHECK(!"unreadable case");
		return;
	}
	for (line = strtok_r(text.buf, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		line = trim(line);
		if (!*line || *line == '#')
			continue;
		if (!strncmp(line, "dist ", 5)) {
			struct tdist *d = VEC_PUSH(&ix.dists);
			memset(d, 0, sizeof(*d));
			char *bar = strchr(line, '|');
			if (bar)
				*bar++ = 0;
			char *tok, *s2 = NULL;
			int k = 0;
			for (tok = strtok_r(line + 5, " ", &s2); tok; tok = strtok_r(NULL, " ", &s2), k++) {
				if (k == 0)
					d->key = pep503_normalize(&a, tok);
				else if (k == 1)
					d->version = arena_strdup(&a, tok);
				else if (!strncmp(tok, "python=", 7))
					d->python = arena_strdup(&a, tok + 7);
				else if (!strncmp(tok, "meta-python=", 12))
					d->meta_python = arena_strdup(&a, tok + 12);
				else if (!strcmp(tok, "yanked"))
					d->yanked = 1;
			}
			while (bar) {
				char *next = strchr(bar, '|');
				if (next)
					*next++ = 0;
				*VEC_PUSH(&d->deps) = arena_strdup(&a, trim(bar));
				bar = next;
			}
		} else if (!strncmp(line, "require ", 8) || !strncmp(line, "constrain ", 10)) {
			int con = line[0] == 'c';
			const char *r = trim(line + (con ? 10 : 8));
			struct req *q = arena_alloc(&a, sizeof(*q));
			if (req_parse(q, r, strlen(r), &a, &err, NULL)) {
				fprintf(stderr, "%s: %s\n", path, err.msg);
				CHECK(!"bad require line");
				continue;
			}
			struct solver_root *root = VEC_PUSH(&roots);
			memset(root, 0, sizeof(*root));
			root->req = q;
			root->origin = "-r case";
			root->constraint = con;
		} else if (!strncmp(line, "python ", 7)) {
			python = arena_strdup(&a, trim(line + 7));
		} else if (!strncmp(line, "expect ", 7)) {
			expect = arena_strdup(&a, trim(line + 7));
		} else if (!strncmp(line, "conflict ", 9)) {
			conflict = arena_strdup(&a, trim(line + 9));
		} else if (!strncmp(line, "via ", 4)) {
			*VEC_PUSH(&vias) = arena_strdup(&a, trim(line + 4));
		} else {
			fprintf(stderr, "%s: unknown line '%s'\n", path, line);
			CHECK(!"unknown line");
		}
	}

	struct marker_env env;
	struct solver_provider prov = { &ix, t_cands, t_deps };
	struct solver s;
	memset(&s, 0, sizeof(s));
	marker_env_host(&env, python, &a, &err);
	s.arena = &a;
	s.prov = &prov;
	s.env = &env;
	pep440_parse(&s.python, python, strlen(python), &err);
	int rc = solver_run(&s, roots.v, roots.n, &err);
	if (expect) {
		struct strbuf got = STRBUF_INIT;
		qsort(s.pins.v, s.pins.n, sizeof(*s.pins.v), cmp_key);
		for (size_t i = 0; i < s.pins.n; i++)
			strbuf_addf(&got, "%s%s==%s", i ? " " : "", s.pins.v[i].key,
				    s.pins.v[i].cand->version_text);
		if (rc)
			fprintf(stderr, "%s: %s\n", path, err.msg);
		CHECK_INT(rc, 0);
		CHECK_STR(got.buf, expect);
		for (size_t i = 0; i < vias.n; i++) {
			char key[128];
			const char *sp = strchr(vias.v[i], ' ');
			snprintf(key, sizeof(key), "%.*s", (int)(sp ? sp - vias.v[i] : 0), vias.v[i]);
			struct strbuf v = STRBUF_INIT;
			for (size_t j = 0; j < s.pins.n; j++)
				if (!strcmp(s.pins.v[j].key, key))
					for (size_t k = 0; k < s.pins.v[j].via.n; k++)
						strbuf_addf(&v, "%s%s", k ? "," : "", s.pins.v[j].via.v[k]);
			CHECK_STR(v.buf, sp ? sp + 1 : "");
			strbuf_release(&v);
		}
		strbuf_release(&got);
	} else if (conflict) {
		CHECK_INT(rc, PM_GATE);
		CHECK_STR(err.msg, conflict);
	} else {
		CHECK(!"case has neither expect nor conflict");
	}
	if (t_fail != fail0)
		fprintf(stderr, "  (in %s)\n", path);
	solver_release(&s);
	for (size_t i = 0; i < ix.dists.n; i++)
		VEC_FREE(&ix.dists.v[i].deps);
	VEC_FREE(&ix.dists);
	VEC_FREE(&roots);
	VEC_FREE(&vias);
	strbuf_release(&text);
	arena_release(&a);
}

static void test_cases(void)
{
	const char *dir = "tests/resolver";
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	CHECK(d != NULL);
	if (!d)
		return;
	while ((e = readdir(d))) {
		if (!ends_with(e->d_name, ".t"))
			continue;
		char *p = path_join(dir, e->d_name);
		run_case(p);
		free(p);
		n++;
	}
	closedir(d);
	CHECK(n >= 8);
}

static void test_tags(void)
{
	struct arena a = ARENA_INIT;
	const char **tags;
	size_t n = tags_host(&a, "3.11", &tags);

	CHECK(n > 20);
	CHECK(n && !strncmp(tags[0], "cp311-cp311-manylinux_2_", 24));
	CHECK(tags_rank(tags, n, "six-1.16.0-py2.py3-none-any.whl") > 0);
	CHECK(tags_rank(tags, n, "x-1.0-cp311-cp311-linux_x86_64.whl") >= 0);
	CHECK(tags_rank(tags, n, "x-1.0-cp311-abi3-manylinux2014_x86_64.whl") >= 0);
	CHECK(tags_rank(tags, n, "x-1.0-cp39-abi3-manylinux_2_17_x86_64.manylinux2014_x86_64.whl") >= 0);
	CHECK(tags_rank(tags, n, "x-1.0-cp312-cp312-linux_x86_64.whl") < 0);
	CHECK(tags_rank(tags, n, "x-1.0-cp311-cp311-win_amd64.whl") < 0);
	CHECK(tags_rank(tags, n, "x-1.0-cp311-cp311-linux_x86_64.whl") <
	      tags_rank(tags, n, "x-1.0-py3-none-any.whl"));
	CHECK(tags_rank(tags, n, "not a wheel") < 0);
	const char *pure[] = { "cp313-none-any", "py3-none-any" };
	CHECK_INT(tags_rank(pure, 2, "six-1.16.0-py2.py3-none-any.whl"), 1);
	CHECK_INT(tags_rank(pure, 2, "numpy-1.24.2-cp311-cp311-linux_x86_64.whl"), -1);
	CHECK_STR(url_redact(&a, "https://u:p@h.example/simple/"), "https://***@h.example/simple/");
	CHECK_STR(url_redact(&a, "https://h/x@y"), "https://h/x@y");
	CHECK_STR(url_redact(&a, "https://a@b@h/"), "https://***@h/");
	arena_release(&a);
}

#define HX128 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef" \
	      "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
static void test_html(void)
{
	struct arena a = ARENA_INIT;
	index_files f = VEC_INIT;
	struct perr err = PERR_INIT;
	const char *page =
		"<!DOCTYPE html><html><body><h1>Links for x</h1>\n"
		"<a href=\"../../files/x-1.0-py3-none-any.whl#sha256=abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd\" "
		"data-requires-python=\"&gt;=3.8\" data-dist-info-metadata=\"sha256=ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01\">x-1.0-py3-none-any.whl</a><br>\n"
		"<A HREF='https://other/x-2.0.tar.gz' data-yanked=''>x-2.0.tar.gz</A>\n"
		"<a href=\"x-3.0-py3-none-any.whl\" data-core-metadata=\"true\" data-yanked=\"bad &amp; broken\">\n"
		"<a>no href</a><a href=\"\n";

	CHECK_INT(index_parse_html(page, strlen(page), "http://h/simple/x/", &a, &f, &err), 0);
	CHECK_INT(f.n, 3);
	if (f.n == 3) {
		CHECK_STR(f.v[0].filename, "x-1.0-py3-none-any.whl");
		CHECK_STR(f.v[0].url, "http://h/files/x-1.0-py3-none-any.whl");
		CHECK_STR(f.v[0].sha256, "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd");
		CHECK_STR(f.v[0].requires_python, ">=3.8");
		CHECK_STR(f.v[0].metadata_url, "http://h/files/x-1.0-py3-none-any.whl.metadata");
		CHECK_STR(f.v[0].metadata_sha256, "ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01");
		CHECK_INT(f.v[0].yanked, 0);
		CHECK_STR(f.v[1].url, "https://other/x-2.0.tar.gz");
		CHECK_INT(f.v[1].yanked, 1);
		CHECK_INT(f.v[2].yanked, 1);
		CHECK_STR(f.v[2].metadata_url, "http://h/simple/x/x-3.0-py3-none-any.whl.metadata");
		CHECK(f.v[2].metadata_sha256 == NULL);
	}
	VEC_FREE(&f);
	CHECK_STR(html_unescape(&a, "a&lt;b&#62;c&#x3C;&amp;&bogus;", 30), "a<b>c<&&bogus;");

	const char *json =
		"{\"meta\":{\"api-version\":\"1.0\"},\"name\":\"x\",\"files\":["
		"{\"filename\":\"x-1.0-py3-none-any.whl\",\"url\":\"../../f/x-1.0-py3-none-any.whl\","
		"\"hashes\":{\"sha256\":\"abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd\"},\"requires-python\":\">=3.8\",\"core-metadata\":{\"sha256\":\"ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01\"}},"
		"{\"filename\":\"x-2.0.tar.gz\",\"url\":\"https://o/x-2.0.tar.gz\",\"hashes\":{},\"yanked\":\"why\\u0021\"},"
		"{\"filename\":\"x-3.0.tar.gz\",\"url\":\"x-3.0.tar.gz\",\"hashes\":{},\"yanked\":false,"
		"\"dist-info-metadata\":true}]}";
	CHECK_INT(index_parse_json(json, strlen(json), "http://h/simple/x/", &a, &f, &err), 0);
	CHECK_INT(f.n, 3);
	if (f.n == 3) {
		CHECK_STR(f.v[0].url, "http://h/f/x-1.0-py3-none-any.whl");
		CHECK_STR(f.v[0].sha256, "abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd");
		CHECK_STR(f.v[0].requires_python, ">=3.8");
		CHECK_STR(f.v[0].metadata_sha256, "ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01ef01");
		CHECK_INT(f.v[1].yanked, 1);
		CHECK_INT(f.v[2].yanked, 0);
		CHECK_STR(f.v[2].metadata_url, "http://h/simple/x/x-3.0.tar.gz.metadata");
	}
	VEC_FREE(&f);
	/* malformed hashes (short, control bytes, not hex): the file is kept
	 * only to say why it is not offered (dropped, no hash, its fragment
	 * shown printable); a malformed metadata hash drops only the metadata */
	const char *badhtml =
		"<a href=\"x-1.0-py3-none-any.whl#sha256=abcd\">a</a>\n"
		"<a href=\"x-2.0-py3-none-any.whl#sha256=\x1b[2J\r\nabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd\">b</a>\n"
		"<a href=\"x-3.0-py3-none-any.whl#sha256=abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdz\">c</a>\n"
		"<a href=\"x-4.0-py3-none-any.whl#sha256=abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd\" data-core-metadata=\"sha256=\x1b\">d</a>\n";
	CHECK_INT(index_parse_html(badhtml, strlen(badhtml), "http://h/simple/x/", &a, &f, &err), 0);
	CHECK_INT(f.n, 4);
	if (f.n == 4) {
		for (int i = 0; i < 3; i++) {
			CHECK(f.v[i].dropped != NULL);
			CHECK(f.v[i].sha256 == NULL);
		}
		CHECK_STR(f.v[0].dropped, "its #sha256= fragment is not 64 hex digits ('abcd')");
		CHECK_STR(f.v[1].dropped, "its #sha256= fragment is not 64 hex digits ('\\x1b[2J\\x0d\\x0aabcdabcdabcdab...')");
		CHECK_STR(f.v[3].filename, "x-4.0-py3-none-any.whl");
		CHECK(f.v[3].dropped == NULL);
		CHECK(f.v[3].metadata_url == NULL);
	}
	VEC_FREE(&f);
	const char *badjson =
		"{\"meta\":{\"api-version\":\"1.0\"},\"name\":\"x\",\"files\":["
		"{\"filename\":\"x-1.0.tar.gz\",\"url\":\"x-1.0.tar.gz\",\"hashes\":{\"sha256\":\"\\u001babcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd\"}},"
		"{\"filename\":\"x-2.0.tar.gz\",\"url\":\"x-2.0.tar.gz\",\"hashes\":{\"sha256\":\"abcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcdabcd\"}}]}";
	CHECK_INT(index_parse_json(badjson, strlen(badjson), "http://h/simple/x/", &a, &f, &err), 0);
	CHECK_INT(f.n, 2);
	if (f.n == 2) {
		CHECK(f.v[0].dropped != NULL && f.v[0].sha256 == NULL);
		CHECK_STR(f.v[1].filename, "x-2.0.tar.gz");
		CHECK(f.v[1].dropped == NULL);
	}
	VEC_FREE(&f);
	/* no sha256: the strongest other hash pip knows is the one checked;
	 * a malformed one drops the file */
	const char *otherjson =
		"{\"meta\":{\"api-version\":\"1.0\"},\"name\":\"x\",\"files\":["
		"{\"filename\":\"x-1.0.tar.gz\",\"url\":\"x-1.0.tar.gz\",\"hashes\":{\"md5\":\"D41D8CD98F00B204E9800998ECF8427E\",\"sha1\":\"da39a3ee5e6b4b0d3255bfef95601890afd80709\",\"blake2b\":\"00\"}},"
		"{\"filename\":\"x-2.0.tar.gz\",\"url\":\"x-2.0.tar.gz\",\"hashes\":{\"sha384\":\"abc\"}},"
		"{\"filename\":\"x-3.0.tar.gz\",\"url\":\"x-3.0.tar.gz\",\"hashes\":{\"md5\":\"d41d8cd98f00b204e9800998ecf8427e\"}}]}";
	CHECK_INT(index_parse_json(otherjson, strlen(otherjson), "http://h/simple/x/", &a, &f, &err), 0);
	CHECK_INT(f.n, 3);
	if (f.n == 3) {
		CHECK(f.v[0].sha256 == NULL && f.v[0].dropped == NULL);
		CHECK_STR(f.v[0].link_hash, "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709");
		CHECK(f.v[1].dropped != NULL && f.v[1].link_hash == NULL);
		CHECK_STR(f.v[1].dropped, "its \"hashes\" sha384 is not 96 hex digits");
		CHECK_STR(f.v[2].link_hash, "md5:d41d8cd98f00b204e9800998ecf8427e");
	}
	VEC_FREE(&f);
	/* a PEP 658 hash of another algorithm; one pip does not know is no
	 * hash; a malformed one: the metadata file is not offered */
	{
		struct index_file m[4];
		memset(m, 0, sizeof(m));
		for (int i = 0; i < 4; i++)
			m[i].url = "https://h/x-1.0-py3-none-any.whl";
		index_file_metadata(&a, &m[0], "sha512=" HX128, 1);
		index_file_metadata(&a, &m[1], "blake2b=00", 1);
		index_file_metadata(&a, &m[2], "sha384=abc", 1);
		index_file_metadata(&a, &m[3], "sha256=" HX128, 1);
		CHECK_STR(m[0].metadata_hash, "sha512:" HX128);
		CHECK(m[0].metadata_sha256 == NULL && m[0].metadata_url != NULL);
		CHECK(m[1].metadata_url != NULL && !m[1].metadata_hash && !m[1].metadata_sha256);
		CHECK(m[2].metadata_url == NULL && m[3].metadata_url == NULL);
	}
	const char *otherhtml = "<a href=\"x-1.0-py3-none-any.whl#md5=abcd\">a</a>\n"
				"<a href=\"x-2.0-py3-none-any.whl#sha1=da39a3ee5e6b4b0d3255bfef95601890afd80709\">b</a>\n";
	CHECK_INT(index_parse_html(otherhtml, strlen(otherhtml), "http://h/simple/x/", &a, &f, &err), 0);
	CHECK_INT(f.n, 2);
	if (f.n == 2) {
		CHECK_STR(f.v[0].dropped, "its #md5= fragment is not 32 hex digits ('abcd')");
		CHECK_STR(f.v[1].link_hash, "sha1:da39a3ee5e6b4b0d3255bfef95601890afd80709");
		CHECK(f.v[1].sha256 == NULL && f.v[1].dropped == NULL);
	}
	VEC_FREE(&f);
	CHECK(index_parse_json("{\"files\":[", 10, "http://h/", &a, &f, &err) != 0);
	CHECK(index_parse_json("[1,2]", 5, "http://h/", &a, &f, &err) != 0);
	VEC_FREE(&f);
	arena_release(&a);
}

/* pip's Link hash: the first [#&]NAME=VALUE anywhere in the URL, VALUE up
 * to '&'; a sha256 one apart, any other as "NAME:VALUE" */
static void test_hash_fragments(void)
{
#define HX "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"
#define M5 "d41d8cd98f00b204e9800998ecf8427e"
	static const struct { const char *href, *url, *sha, *other; int rc; } cases[] = {
		{ "https://x/a.whl#sha256=" HX, "https://x/a.whl", HX, NULL, 0 },
		{ "https://x/a.whl#sha256=" HX "&egg=a", "https://x/a.whl", HX, NULL, 0 },
		{ "https://x/a.whl#egg=a&sha256=" HX, "https://x/a.whl", HX, NULL, 0 },
		{ "https://x/a.whl?k=v&sha256=" HX, "https://x/a.whl?k=v&sha256=" HX, HX, NULL, 0 },
		/* the first hash named is md5: pip checks that one, not sha256 */
		{ "https://x/a.whl#md5=" M5 "&sha256=" HX, "https://x/a.whl", NULL, "md5:" M5, 0 },
		{ "https://x/a.whl#md5=00&sha256=" HX, "https://x/a.whl", NULL, NULL, -1 },
		{ "https://x/a.whl#sha1=" HX, "https://x/a.whl", NULL, NULL, -1 }, /* 40 digits */
		{ "https://x/a.whl#sha512=" HX HX, "https://x/a.whl", NULL, "sha512:" HX HX, 0 },
		{ "https://x/a.whl#sha224=" HX, "https://x/a.whl", NULL, NULL, -1 },
		{ "https://x/a.whl#SHA256=" HX, "https://x/a.whl", NULL, NULL, 0 }, /* names are lowercase */
		{ "https://x/a.whl#egg=a", "https://x/a.whl", NULL, NULL, 0 },
		{ "https://x/a.whl#sha256=xyz&egg=a", "https://x/a.whl", NULL, NULL, -1 },
		{ "https://x/a.whl#xsha256=" HX, "https://x/a.whl", NULL, NULL, 0 },
	};
	struct arena a = ARENA_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const char *url = NULL, *sha = NULL, *other = NULL;
		CHECK_INT(url_split_fragment(&a, cases[i].href, &url, &sha, &other), cases[i].rc);
		CHECK_STR(url, cases[i].url);
		CHECK(cases[i].sha ? sha && !strcmp(sha, cases[i].sha) : sha == NULL);
		CHECK(cases[i].other ? other && !strcmp(other, cases[i].other) : other == NULL);
	}
	arena_release(&a);
#undef HX
#undef M5
}

/* the test vectors of RFC 1321 A.5 (MD5) and of the FIPS 180-2 appendices
 * / NIST's example values (SHA-1, SHA-224, SHA-384, SHA-512); "a*" is a
 * million 'a's. Each is hashed whole and in pieces of 1, 63, 64, 65 and
 * 127 bytes, so partial blocks meet every padding case. */
static void test_digests(void)
{
#define ABQ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
#define ABU "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu"
	static const struct { const char *algo, *msg, *hex; } v[] = {
		{ "md5", "", "d41d8cd98f00b204e9800998ecf8427e" },
		{ "md5", "a", "0cc175b9c0f1b6a831c399e269772661" },
		{ "md5", "abc", "900150983cd24fb0d6963f7d28e17f72" },
		{ "md5", "message digest", "f96b697d7cb7938d525a2f31aaf161d0" },
		{ "md5", "abcdefghijklmnopqrstuvwxyz", "c3fcd3d76192e4007dfb496cca67e13b" },
		{ "md5", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789",
		  "d174ab98d277d9f5a5611c2c9f419d9f" },
		{ "md5", "12345678901234567890123456789012345678901234567890123456789012345678901234567890",
		  "57edf4a22be3c955ac49da2e2107b67a" },
		{ "sha1", "abc", "a9993e364706816aba3e25717850c26c9cd0d89d" },
		{ "sha1", ABQ, "84983e441c3bd26ebaae4aa1f95129e5e54670f1" },
		{ "sha1", "a*", "34aa973cd4c4daa4f61eeb2bdbad27316534016f" },
		{ "sha224", "abc", "23097d223405d8228642a477bda255b32aadbce4bda0b3f7e36c9da7" },
		{ "sha224", ABQ, "75388b16512776cc5dba5da1fd890150b0c6455cb4f58b1952522525" },
		{ "sha224", "a*", "20794655980c91d8bbb4c1ea97618a4bf03f42581948b2ee4ee7ad67" },
		{ "sha256", "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "sha384", "abc", "cb00753f45a35e8bb5a03d699ac65007272c32ab0eded163"
				   "1a8b605a43ff5bed8086072ba1e7cc2358baeca134c825a7" },
		{ "sha384", ABU, "09330c33f71147e83d192fc782cd1b4753111b173b3b05d2"
				 "2fa08086e3b0f712fcc7c71a557e2db966c3e9fa91746039" },
		{ "sha384", "a*", "9d0e1809716474cb086e834e310a4a1ced149e9c00f24852"
				  "7972cec5704c2a5b07b8b3dc38ecc4ebae97ddd87f3d8985" },
		{ "sha512", "abc", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
				   "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f" },
		{ "sha512", ABU, "8e959b75dae313da8cf4f72814fc143f8f7779c6eb9f7fa17299aeadb6889018"
				 "501d289e4900f7e4331b99dec4b5433ac7d329eeb6dd26545e96e55b874be909" },
		{ "sha512", "a*", "e718483d0ce769644e2e42c7bc15b4638e1f98b13b2044285632a803afa973eb"
				  "de0ff244877ea60a4cb0432ce577c31beb009c5c2c49aa2e4eadb217ad8cc09b" },
	};
	static const size_t pieces[] = { 1, 63, 64, 65, 127 };
	char *million = xmalloc(1000000), out[129];

	memset(million, 'a', 1000000);
	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		int a = digest_algo_find(v[i].algo, strlen(v[i].algo));
		const char *m = strcmp(v[i].msg, "a*") ? v[i].msg : million;
		size_t n = m == million ? 1000000 : strlen(m);
		CHECK(a >= 0);
		if (a < 0)
			continue;
		CHECK_INT((int)digest_hex_len(a), (int)strlen(v[i].hex));
		digest_hex(a, m, n, out);
		CHECK_STR(out, v[i].hex);
		for (size_t k = 0; k < sizeof(pieces) / sizeof(pieces[0]) && n < 1000; k++) {
			struct digest d;
			digest_init(&d, a);
			for (size_t at = 0; at < n; at += pieces[k])
				digest_update(&d, m + at, n - at < pieces[k] ? n - at : pieces[k]);
			digest_final_hex(&d, out);
			CHECK_STR(out, v[i].hex);
		}
	}
	free(million);
	CHECK_INT(digest_algo_find("sha256", 6), DIGEST_SHA256);
	CHECK_INT(digest_algo_find("SHA256", 6), -1); /* pip's names are lowercase */
	CHECK_INT(digest_algo_find("sha3_256", 8), -1);
	CHECK_STR(digest_name(DIGEST_SHA1), "sha1");
#undef ABQ
#undef ABU
}

int main(void)
{
	test_digests();
	test_hash_fragments();
	test_cases();
	test_tags();
	test_html();
	return TEST_DONE("test_resolve");
}
