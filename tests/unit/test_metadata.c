/* test_metadata.c: METADATA / PKG-INFO and WHEEL parsing, wheel and sdist
 * file names, PEP 503 normalization, RECORD rows, SHA-256 (FIPS 180-4
 * vectors and long inputs checked with sha256sum, through the portable
 * code and through SHA-NI where the CPU has it), urlsafe base64 without
 * padding, and archives read from memory (source_open_mem, as the archive
 * fuzz harness reads them).
 */
#include "../../scanner/scanner.h"
#include "test.h"

#include <stdlib.h>
#include <string.h>

static struct arena A = ARENA_INIT;

static int has_problem(const struct meta_problem *p, size_t n, int line, const char *sub)
{
	for (size_t i = 0; i < n; i++)
		if (p[i].line == line && strstr(p[i].msg, sub))
			return 1;
	return 0;
}

static void dump_problems(const char *what, const struct meta_problem *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		fprintf(stderr, "  %s problem: line %d: %s\n", what, p[i].line, p[i].msg);
}

static void test_metadata(void)
{
	static const char text[] =
		"Metadata-Version: 2.1\r\n"
		"Name: PyYAML\r\n"
		"version: 6.0\r\n"
		"Summary: YAML parser\r\n"
		"  and emitter for Python\r\n"
		"Home-page: https://pyyaml.org/\r\n"
		"License: MIT\r\n"
		"\tsecond line\r\n"
		"Requires-Python: >=3.6\r\n"
		"Classifier: Programming Language :: Python\r\n"
		"CLASSIFIER: Operating System :: OS Independent\r\n"
		"Requires-Dist: idna (>=2.5)\r\n"
		"Requires-Dist: pytest ; extra == 'test'\r\n"
		"Requires: oldstyle\r\n"
		"Provides-Extra: test\r\n"
		"Dynamic: license\r\n"
		"\r\n"
		"Name: NotThis\r\n"
		"this body line has no colon\r\n";
	struct metadata m;

	metadata_parse(&m, &A, text, strlen(text));
	CHECK_STR(m.metadata_version, "2.1");
	CHECK_STR(m.name, "PyYAML");
	CHECK_STR(m.version, "6.0");
	CHECK_STR(m.summary, "YAML parser and emitter for Python");
	CHECK_STR(m.home_page, "https://pyyaml.org/");
	CHECK_STR(m.license, "MIT\nsecond line");
	CHECK_STR(m.requires_python, ">=3.6");
	CHECK_INT(m.classifiers.n, 2);
	CHECK_INT(m.requires_dist.n, 2);
	if (m.requires_dist.n == 2) {
		CHECK_STR(m.requires_dist.v[0], "idna (>=2.5)");
		CHECK_STR(m.requires_dist.v[1], "pytest ; extra == 'test'");
	}
	CHECK_INT(m.provides_extra.n, 1);
	CHECK_INT(m.dynamic.n, 1);
	CHECK_INT(m.problems.n, 0);
	if (m.problems.n)
		dump_problems("metadata", m.problems.v, m.problems.n);
	metadata_release(&m);

	/* missing fields, a bad version, a line without a colon */
	static const char bad[] =
		"Metadata-Version: 3.0\n"
		"Summary: x\n"
		"no colon here\n"
		" continuation after a bad line\n"
		"Bad Name: y\n"
		"Summary: again\n";
	metadata_parse(&m, &A, bad, strlen(bad));
	CHECK(has_problem(m.problems.v, m.problems.n, 1, "unsupported Metadata-Version '3.0'"));
	CHECK(has_problem(m.problems.v, m.problems.n, 0, "missing required field 'Name'"));
	CHECK(has_problem(m.problems.v, m.problems.n, 0, "missing required field 'Version'"));
	CHECK(has_problem(m.problems.v, m.problems.n, 3, "line without a colon"));
	CHECK(has_problem(m.problems.v, m.problems.n, 4, "continuation line without a field"));
	CHECK(has_problem(m.problems.v, m.problems.n, 5, "invalid field name 'Bad Name'"));
	CHECK(has_problem(m.problems.v, m.problems.n, 6, "repeated field 'Summary'"));
	CHECK_STR(m.summary, "x");
	CHECK_INT(m.problems.n, 7);
	metadata_release(&m);

	static const char *const versions[] = { "1.0", "1.1", "1.2", "2.1", "2.2", "2.3", "2.4" };
	for (size_t i = 0; i < sizeof(versions) / sizeof(versions[0]); i++) {
		char buf[128];
		snprintf(buf, sizeof(buf), "Metadata-Version: %s\nName: a\nVersion: 1\n", versions[i]);
		metadata_parse(&m, &A, buf, strlen(buf));
		CHECK_INT(m.problems.n, 0);
		metadata_release(&m);
	}
	metadata_parse(&m, &A, "", 0);
	CHECK(has_problem(m.problems.v, m.problems.n, 0, "'Metadata-Version'"));
	CHECK_INT(m.problems.n, 3);
	metadata_release(&m);

	/* License-Expression (2.4) wins over License; no final newline */
	static const char le[] = "Metadata-Version: 2.4\nName: a\nVersion: 1\nLicense: old\n"
				 "License-Expression: MIT OR Apache-2.0";
	metadata_parse(&m, &A, le, strlen(le));
	CHECK_STR(m.license, "MIT OR Apache-2.0");
	CHECK_INT(m.problems.n, 0);
	metadata_release(&m);

	/* NUL and invalid bytes do not derail it */
	static const char nul[] = "Metadata-Version: 2.1\nName: a\0b\nVersion: \xff\n";
	metadata_parse(&m, &A, nul, sizeof(nul) - 1);
	CHECK_STR(m.name, "a");
	CHECK_STR(m.version, "\xff");
	metadata_release(&m);
}

static void test_wheel_info(void)
{
	static const char text[] = "Wheel-Version: 1.0\nGenerator: bdist_wheel (0.40.0)\n"
				   "Root-Is-Purelib: False\nTag: cp311-cp311-manylinux_2_17_x86_64\n"
				   "Tag: cp311-cp311-manylinux2014_x86_64\nBuild: 1\n";
	struct wheel_info w;

	wheel_info_parse(&w, &A, text, strlen(text));
	CHECK_STR(w.wheel_version, "1.0");
	CHECK_STR(w.generator, "bdist_wheel (0.40.0)");
	CHECK_STR(w.build, "1");
	CHECK_INT(w.root_is_purelib, 0);
	CHECK_INT(w.tags.n, 2);
	if (w.tags.n == 2)
		CHECK_STR(w.tags.v[1], "cp311-cp311-manylinux2014_x86_64");
	CHECK_INT(w.problems.n, 0);
	wheel_info_release(&w);

	wheel_info_parse(&w, &A, "root-is-purelib: TRUE\n", 22);
	CHECK_INT(w.root_is_purelib, 1);
	CHECK(has_problem(w.problems.v, w.problems.n, 0, "missing required field 'Wheel-Version'"));
	wheel_info_release(&w);

	wheel_info_parse(&w, &A, "Wheel-Version: 2.0\nRoot-Is-Purelib: yes\n", 39);
	CHECK_INT(w.root_is_purelib, -1);
	CHECK(has_problem(w.problems.v, w.problems.n, 1, "unsupported Wheel-Version '2.0'"));
	CHECK(has_problem(w.problems.v, w.problems.n, 2, "invalid Root-Is-Purelib 'yes'"));
	wheel_info_release(&w);
}

static void wheel_ok(const char *file, const char *name, const char *version, const char *build,
		     size_t ntags, const char *tag0, const char *taglast)
{
	struct wheel_name w;
	struct perr err = PERR_INIT;
	int rc = wheel_name_parse(&w, &A, file, &err);

	if (rc)
		fprintf(stderr, "%s: %s\n", file, err.msg);
	CHECK_INT(rc, 0);
	CHECK_STR(w.name, name);
	CHECK_STR(w.version, version);
	CHECK_STR(w.build, build);
	CHECK_INT(w.tags.n, ntags);
	if (w.tags.n == ntags && ntags) {
		CHECK_STR(w.tags.v[0], tag0);
		CHECK_STR(w.tags.v[ntags - 1], taglast);
	}
	wheel_name_release(&w);
}

static void wheel_bad(const char *file, const char *msg)
{
	struct wheel_name w;
	struct perr err = PERR_INIT;

	CHECK_INT(wheel_name_parse(&w, &A, file, &err), PM_INPUT);
	if (!strstr(err.msg, msg))
		fprintf(stderr, "%s: expected '%s' in '%s'\n", file, msg, err.msg);
	CHECK(strstr(err.msg, msg) != NULL);
	wheel_name_release(&w);
}

static void test_names(void)
{
	const char *name, *version;
	struct perr err = PERR_INIT;

	wheel_ok("six-1.16.0-py2.py3-none-any.whl", "six", "1.16.0", NULL, 2,
		 "py2-none-any", "py3-none-any");
	wheel_ok("dir/numpy-1.26.4-cp311-cp311-manylinux_2_17_x86_64.manylinux2014_x86_64.whl",
		 "numpy", "1.26.4", NULL, 2, "cp311-cp311-manylinux_2_17_x86_64",
		 "cp311-cp311-manylinux2014_x86_64");
	wheel_ok("foo_bar-2.0-1abc-py2.py3-none.abi3-any.whl", "foo_bar", "2.0", "1abc", 4,
		 "py2-none-any", "py3-abi3-any");
	wheel_ok("a-1.0+local_1-py3-none-any.whl", "a", "1.0+local_1", NULL, 1, "py3-none-any",
		 "py3-none-any");
	wheel_bad("x-1-py3.whl", "wheel filename 'x-1-py3.whl' has too few parts");
	wheel_bad("a-1-2-3-py3-none-any.whl", "too many parts");
	wheel_bad("a-1-x1-py3-none-any.whl", "invalid build tag 'x1'");
	wheel_bad("a-1-py3-none-any.zip", "does not end in '.whl'");
	wheel_bad("_a-1-py3-none-any.whl", "invalid name '_a'");
	wheel_bad("a-xyz-py3-none-any.whl", "invalid version 'xyz'");
	wheel_bad("a-1-py3..py2-none-any.whl", "invalid tag");
	wheel_bad("a-1--none-any.whl", "invalid tag ''");
	{
		/* 16 x 16 x 17 > 4096 */
		char big[512];
		snprintf(big, sizeof(big), "a-1-%s-%s-%s.whl", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p",
			 "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p", "a.b.c.d.e.f.g.h.i.j.k.l.m.n.o.p.q");
		wheel_bad(big, "too many tags");
	}

	CHECK_INT(sdist_name_parse(&A, "foo-bar-1.0.tar.gz", &name, &version, &err), 0);
	CHECK_STR(name, "foo-bar");
	CHECK_STR(version, "1.0");
	CHECK_INT(sdist_name_parse(&A, "x/pkg-2-3-4.0rc1.ZIP", &name, &version, &err), 0);
	CHECK_STR(name, "pkg-2-3");
	CHECK_STR(version, "4.0rc1");
	CHECK_INT(sdist_name_parse(&A, "a-1.tgz", &name, &version, &err), 0);
	CHECK_INT(sdist_name_parse(&A, "a-1.tar.bz2", &name, &version, &err), 0);
	CHECK_INT(sdist_name_parse(&A, "a-1.tar.xz", &name, &version, &err), 0);
	CHECK_INT(sdist_name_parse(&A, "a-1.tar.zst", &name, &version, &err), PM_INPUT);
	CHECK(strstr(err.msg, "unknown extension") != NULL);
	CHECK_INT(sdist_name_parse(&A, "foo-bar.tar.gz", &name, &version, &err), PM_INPUT);
	CHECK(strstr(err.msg, "'foo-bar.tar.gz' has no version") != NULL);
	CHECK_INT(sdist_name_parse(&A, "-1.0.tar.gz", &name, &version, &err), PM_INPUT);
	CHECK_INT(sdist_name_parse(&A, "a-.tar.gz", &name, &version, &err), PM_INPUT);

	CHECK_STR(pep503_normalize(&A, "Foo.Bar__baz-_-Qux"), "foo-bar-baz-qux");
	CHECK_STR(pep503_normalize(&A, "PyYAML"), "pyyaml");
	CHECK_STR(pep503_normalize(&A, "zope.interface"), "zope-interface");
	CHECK_STR(pep503_normalize(&A, ""), "");
}

static void test_record(void)
{
	static const char text[] =
		"yaml/__init__.py,sha256=jo8EBThTN1IEbDaNLFOvQ-mFbeWR2cX1-zTDZbGmfwQ,12311\r\n"
		"\"dir/a,b.py\",sha256=abc_-9,3\r\n"
		"\"say \"\"hi\"\".py\",,\r\n"
		"\r\n"
		"yaml-6.0.dist-info/RECORD,,\n"
		"too,few\n"
		"x.py,md5,4\n"
		"y.py,sha256=a+b,4\n"
		"z.py,sha256=ok,-5\n"
		",sha256=x,1\n"
		"\"unterminated,x,1\n";
	struct record r;

	record_parse(&r, &A, text, strlen(text));
	CHECK_INT(r.entries.n, 7);
	if (r.entries.n == 7) {
		CHECK_STR(r.entries.v[0].path, "yaml/__init__.py");
		CHECK_STR(r.entries.v[0].algo, "sha256");
		CHECK_STR(r.entries.v[0].digest, "jo8EBThTN1IEbDaNLFOvQ-mFbeWR2cX1-zTDZbGmfwQ");
		CHECK_INT(r.entries.v[0].size, 12311);
		CHECK_INT(r.entries.v[0].line, 1);
		CHECK_STR(r.entries.v[1].path, "dir/a,b.py");
		CHECK_STR(r.entries.v[1].digest, "abc_-9");
		CHECK_INT(r.entries.v[1].size, 3);
		CHECK_STR(r.entries.v[2].path, "say \"hi\".py");
		CHECK_STR(r.entries.v[2].algo, NULL);
		CHECK_INT(r.entries.v[2].size, -1);
		CHECK_STR(r.entries.v[3].path, "yaml-6.0.dist-info/RECORD");
		CHECK_INT(r.entries.v[3].line, 5);
		CHECK_STR(r.entries.v[4].path, "x.py");
		CHECK_STR(r.entries.v[4].algo, NULL);
		CHECK_INT(r.entries.v[4].size, 4);
	}
	CHECK(has_problem(r.problems.v, r.problems.n, 6, "expected 3 fields, got 2"));
	CHECK(has_problem(r.problems.v, r.problems.n, 7, "invalid hash 'md5'"));
	CHECK(has_problem(r.problems.v, r.problems.n, 8, "invalid hash 'sha256=a+b'"));
	CHECK(has_problem(r.problems.v, r.problems.n, 9, "invalid size '-5'"));
	CHECK(has_problem(r.problems.v, r.problems.n, 10, "empty or invalid path"));
	CHECK(has_problem(r.problems.v, r.problems.n, 11, "unterminated quoted field"));
	CHECK_INT(r.problems.n, 6);
	if (r.problems.n != 6)
		dump_problems("record", r.problems.v, r.problems.n);
	record_release(&r);

	/* a quoted field across lines keeps the row's first line; a huge size */
	static const char multi[] = "\"a\nb.py\",,1\nc.py,,99999999999999999999999\n";
	record_parse(&r, &A, multi, strlen(multi));
	CHECK_INT(r.entries.n, 2);
	if (r.entries.n == 2) {
		CHECK_STR(r.entries.v[0].path, "a\nb.py");
		CHECK_INT(r.entries.v[0].line, 1);
		CHECK_INT(r.entries.v[1].line, 3);
		CHECK_INT(r.entries.v[1].size, -1);
	}
	CHECK(has_problem(r.problems.v, r.problems.n, 3, "invalid size"));
	record_release(&r);
	record_parse(&r, &A, "", 0);
	CHECK_INT(r.entries.n + r.problems.n, 0);
	record_release(&r);
}

static const char *hex(const unsigned char *d, size_t n)
{
	static char out[129];
	for (size_t i = 0; i < n && i < 64; i++)
		snprintf(out + 2 * i, 3, "%02x", d[i]);
	return out;
}

static void test_sha256_vectors(void)
{
	static const struct { const char *in; const char *want; } v[] = {
		{ "", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
		{ "abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
		{ "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
		  "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1" },
		{ "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu",
		  "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1" },
	};
	struct sha256 c;
	unsigned char d[32];

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		size_t n = strlen(v[i].in);
		sha256_init(&c);
		sha256_update(&c, v[i].in, n);
		sha256_final(&c, d);
		CHECK_STR(hex(d, 32), v[i].want);
		/* every split into two updates, and byte-at-a-time */
		for (size_t k = 0; k <= n; k++) {
			sha256_init(&c);
			sha256_update(&c, v[i].in, k);
			sha256_update(&c, v[i].in + k, n - k);
			sha256_final(&c, d);
			if (strcmp(hex(d, 32), v[i].want)) {
				CHECK_STR(hex(d, 32), v[i].want);
				break;
			}
		}
		sha256_init(&c);
		for (size_t k = 0; k < n; k++)
			sha256_update(&c, v[i].in + k, 1);
		sha256_final(&c, d);
		CHECK_STR(hex(d, 32), v[i].want);
	}
	/* one million 'a', in uneven chunks */
	{
		char *a = malloc(1000000);
		size_t done = 0, step = 1;
		memset(a, 'a', 1000000);
		sha256_init(&c);
		while (done < 1000000) {
			size_t take = step < 1000000 - done ? step : 1000000 - done;
			sha256_update(&c, a + done, take);
			done += take;
			step = step * 7 % 1000 + 1;
		}
		sha256_final(&c, d);
		CHECK_STR(hex(d, 32), "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
		free(a);
	}
	/* 55, 56, 63, 64 bytes: the padding boundaries (from sha256sum) */
	{
		static const struct { size_t n; const char *want; } p[] = {
			{ 55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318" },
			{ 56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a" },
			{ 64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb" },
		};
		char a[64];
		memset(a, 'a', sizeof(a));
		for (size_t i = 0; i < sizeof(p) / sizeof(p[0]); i++) {
			sha256_init(&c);
			sha256_update(&c, a, p[i].n);
			sha256_final(&c, d);
			CHECK_STR(hex(d, 32), p[i].want);
		}
	}
	/* 3 MiB + 13 bytes of xorshift32 output from seed 1 (little-endian
	 * words), in 16 KiB pieces as downloads arrive: the digest is
	 * sha256sum's of the same bytes */
	{
		size_t n = (3u << 20) + 13;
		unsigned char *buf = malloc(n);
		uint32_t x = 1;
		for (size_t i = 0; i < n; i += 4) {
			x ^= x << 13, x ^= x >> 17, x ^= x << 5;
			for (size_t k = 0; k < 4 && i + k < n; k++)
				buf[i + k] = (unsigned char)(x >> (8 * k));
		}
		sha256_init(&c);
		for (size_t off = 0; off < n; off += 16384)
			sha256_update(&c, buf + off, n - off < 16384 ? n - off : 16384);
		sha256_final(&c, d);
		CHECK_STR(hex(d, 32), "0433ea99a3278e790d245eff7dda335ffc1afea5924f869656b05fdba69e6e2a");
		free(buf);
	}
}

/* the two compression functions agree on every length up to 4 blocks and
 * a few past, each in two updates split at a pseudo-random point */
static void test_sha256_agree(void)
{
	unsigned char buf[300], d1[32], d2[32];
	uint32_t x = 2463534242u;
	struct sha256 c;
	int bad = 0;

	for (size_t i = 0; i < sizeof(buf); i++) {
		x ^= x << 13, x ^= x >> 17, x ^= x << 5;
		buf[i] = (unsigned char)x;
	}
	for (size_t n = 0; n <= sizeof(buf); n++) {
		size_t k = n ? buf[n - 1] % (n + 1) : 0;
		for (int portable = 0; portable < 2; portable++) {
			sha256_force_portable(portable);
			sha256_init(&c);
			sha256_update(&c, buf, k);
			sha256_update(&c, buf + k, n - k);
			sha256_final(&c, portable ? d2 : d1);
		}
		if (memcmp(d1, d2, 32) && !bad++)
			fprintf(stderr, "sha256 of %zu bytes (split at %zu): %s here, ", n, k, hex(d1, 32)),
			fprintf(stderr, "%s portable\n", hex(d2, 32));
	}
	CHECK_INT(bad, 0);
	sha256_force_portable(0);
}

static void test_sha256(void)
{
	struct sha256 c;
	unsigned char d[32];
	char b64[44];
	int was = sha256_force_portable(1);

	CHECK_STR(sha256_impl(), "portable");
	test_sha256_vectors();
	sha256_force_portable(0);
	if (sha256_x86_available()) {
		CHECK_STR(sha256_impl(), "sha-ni");
		test_sha256_vectors();
		test_sha256_agree();
	} else {
		printf("test_metadata: no SHA-NI on this CPU: the portable SHA-256 only\n");
	}
	sha256_force_portable(was);

	/* RFC 4648 vectors, urlsafe alphabet, no padding */
	base64url_nopad((const unsigned char *)"", 0, b64);
	CHECK_STR(b64, "");
	base64url_nopad((const unsigned char *)"f", 1, b64);
	CHECK_STR(b64, "Zg");
	base64url_nopad((const unsigned char *)"fo", 2, b64);
	CHECK_STR(b64, "Zm8");
	base64url_nopad((const unsigned char *)"foo", 3, b64);
	CHECK_STR(b64, "Zm9v");
	base64url_nopad((const unsigned char *)"foob", 4, b64);
	CHECK_STR(b64, "Zm9vYg");
	base64url_nopad((const unsigned char *)"fooba", 5, b64);
	CHECK_STR(b64, "Zm9vYmE");
	base64url_nopad((const unsigned char *)"foobar", 6, b64);
	CHECK_STR(b64, "Zm9vYmFy");
	base64url_nopad((const unsigned char *)"\xfb\xff\xbf", 3, b64);
	CHECK_STR(b64, "-_-_");
	/* a RECORD digest: sha256 of the empty string */
	sha256_init(&c);
	sha256_final(&c, d);
	base64url_nopad(d, 32, b64);
	CHECK_STR(b64, "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU");
	CHECK_INT(strlen(b64), 43);
}

static void test_pyproject(void)
{
	static const char text[] =
		"# comment\n"
		"[build-system]\nrequires = [\"setuptools\"]\n"
		"[project]\n"
		"name = \"demo-pkg\"  # trailing comment\n"
		"version = '1.2.0'\n"
		"requires-python = \">=3.9\"\n"
		"description = \"\"\"multi\nline [not a table]\"\"\"\n"
		"dependencies = [\n  \"requests>=2\",  # why\n  \"attrs; python_version < \\\"3.11\\\"\",\n]\n"
		"classifiers = [\"A :: B\"]\n"
		"optional-dependencies = { fast = [\"orjson\"], \"dev\" = [\"pytest\", \"x; os_name == 'nt'\"] }\n"
		"dynamic = [\"readme\"]\n"
		"[tool.x]\nname = \"not-me\"\ndependencies = [\"no\"]\n"
		"[project.optional-dependencies]\nsocks = [\"pysocks\"]\n";
	struct metadata m;

	memset(&m, 0, sizeof(m));
	CHECK_INT(pyproject_metadata(&m, &A, text, sizeof(text) - 1), 1);
	CHECK_STR(m.name, "demo-pkg");
	CHECK_STR(m.version, "1.2.0");
	CHECK_STR(m.requires_python, ">=3.9");
	CHECK_INT(m.requires_dist.n, 6);
	if (m.requires_dist.n == 6) {
		CHECK_STR(m.requires_dist.v[0], "requests>=2");
		CHECK_STR(m.requires_dist.v[1], "attrs; python_version < \"3.11\"");
		CHECK_STR(m.requires_dist.v[2], "orjson; extra == \"fast\"");
		CHECK_STR(m.requires_dist.v[4], "x; ( os_name == 'nt') and extra == \"dev\"");
		CHECK_STR(m.requires_dist.v[5], "pysocks; extra == \"socks\"");
	}
	CHECK_INT(m.provides_extra.n, 3);
	CHECK_INT(m.dynamic.n, 1);
	metadata_release(&m);

	/* dynamic fields in core-metadata spelling; no [project] at all */
	memset(&m, 0, sizeof(m));
	CHECK_INT(pyproject_metadata(&m, &A, "[project]\nname='a'\ndynamic=['version','dependencies']\n", 54), 1);
	CHECK_INT(m.dynamic.n, 2);
	if (m.dynamic.n == 2) {
		CHECK_STR(m.dynamic.v[0], "Version");
		CHECK_STR(m.dynamic.v[1], "Requires-Dist");
	}
	CHECK(m.version == NULL);
	metadata_release(&m);
	memset(&m, 0, sizeof(m));
	CHECK_INT(pyproject_metadata(&m, &A, "[tool.poetry]\nname = 'x'\n", 25), 0);
	CHECK(m.name == NULL);
	/* hostile: unterminated strings and arrays end quietly */
	CHECK_INT(pyproject_metadata(&m, &A, "[project]\ndependencies = [\"a\", 'b", 33), 1);
	CHECK_INT(pyproject_metadata(&m, &A, "[project]\nname = \"\\u00e9t\\u00E9\"", 32), 1);
	CHECK_STR(m.name, "\xc3\xa9t\xc3\xa9");
	metadata_release(&m);

	/* as a requirements input: each string's line, its extra, the
	 * dotted-key spelling of an extra */
	{
		struct pyproject_reqs pr;
		CHECK_INT(pyproject_requirements(&pr, &A, text, sizeof(text) - 1), 1);
		CHECK_INT(pr.project_line, 4);
		CHECK_INT(pr.has_dependencies, 1);
		CHECK_INT(pr.reqs.n, 6);
		if (pr.reqs.n == 6) {
			CHECK_INT(pr.reqs.v[0].line, 11); /* after a two-line string */
			CHECK(pr.reqs.v[0].extra == NULL);
			CHECK_INT(pr.reqs.v[1].line, 12);
			CHECK_STR(pr.reqs.v[3].extra, "dev");
			CHECK_INT(pr.reqs.v[3].line, 15);
			CHECK_STR(pr.reqs.v[5].text, "pysocks");
			CHECK_INT(pr.reqs.v[5].line, 21);
		}
		CHECK_INT(pr.extras.n, 3);
		pyproject_reqs_release(&pr);
		CHECK_INT(pyproject_requirements(&pr, &A, "[project]\noptional-dependencies.web = [\"idna\"]\n", 47), 1);
		CHECK_INT(pr.has_dependencies, 0);
		CHECK_INT(pr.extras.n, 1);
		if (pr.extras.n == 1 && pr.reqs.n == 1) {
			CHECK_STR(pr.extras.v[0].name, "web");
			CHECK_STR(pr.reqs.v[0].extra, "web");
			CHECK_INT(pr.reqs.v[0].line, 2);
		}
		pyproject_reqs_release(&pr);
	}
}

/* a zip and a tar.gz, written by Python's zipfile and tarfile */
static const unsigned char mem_zip[] = {
	0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xc0, 0x62, 0x81, 0x5d, 0x6e, 0x86,
	0x3c, 0xff, 0x0c, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00, 0x61, 0x2f,
	0x62, 0x2e, 0x70, 0x79, 0xcb, 0xcc, 0x2d, 0xc8, 0x2f, 0x2a, 0x51, 0xc8, 0x2f, 0xe6, 0x02, 0x00,
	0x50, 0x4b, 0x01, 0x02, 0x14, 0x03, 0x14, 0x00, 0x00, 0x00, 0x08, 0x00, 0xc0, 0x62, 0x81, 0x5d,
	0x6e, 0x86, 0x3c, 0xff, 0x0c, 0x00, 0x00, 0x00, 0x0a, 0x00, 0x00, 0x00, 0x06, 0x00, 0x00, 0x00,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x80, 0x01, 0x00, 0x00, 0x00, 0x00, 0x61, 0x2f,
	0x62, 0x2e, 0x70, 0x79, 0x50, 0x4b, 0x05, 0x06, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00,
	0x34, 0x00, 0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00,
};
static const unsigned char mem_tgz[] = {
	0x1f, 0x8b, 0x08, 0x00, 0xe8, 0xbb, 0x0e, 0x6b, 0x02, 0xff, 0xed, 0xcd, 0x31, 0x0a, 0x02, 0x31,
	0x00, 0x04, 0xc0, 0xd4, 0xbe, 0xe2, 0x3e, 0xe0, 0x99, 0x68, 0xf0, 0x3f, 0x16, 0x16, 0x16, 0x87,
	0xe1, 0x92, 0x03, 0xef, 0xf7, 0x46, 0x1b, 0xc1, 0x5e, 0x41, 0x9c, 0x69, 0x76, 0xd9, 0x66, 0x6f,
	0xdb, 0x34, 0xc6, 0x5d, 0x3d, 0xb7, 0xa5, 0x8c, 0x65, 0x0d, 0x1f, 0x11, 0xbb, 0x63, 0xce, 0xcf,
	0xec, 0xde, 0x33, 0xc6, 0x74, 0x78, 0xf5, 0xc7, 0x9e, 0xe2, 0x3e, 0xe5, 0x30, 0xc4, 0xf0, 0x05,
	0x4b, 0x6d, 0xa7, 0xb9, 0xdf, 0x87, 0xff, 0x74, 0x99, 0xca, 0x75, 0x6e, 0x43, 0x5d, 0xeb, 0x26,
	0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xf0, 0x3b, 0xee, 0x89, 0x52, 0xce, 0xe4,
	0x00, 0x28, 0x00, 0x00,
};

static void mem_archive(const char *name, const unsigned char *d, size_t n, const char *member,
			const char *text)
{
	struct perr err = PERR_INIT;
	struct source *s;
	struct member m;
	struct strbuf sb = STRBUF_INIT;
	unsigned char head[6];

	CHECK_INT(source_open_mem(&s, name, d, n, &err), 0);
	if (!s) {
		fprintf(stderr, "  %s: %s\n", name, err.msg);
		return;
	}
	CHECK_INT(source_next(s, &m, &err), 1);
	CHECK_STR(m.name, member);
	CHECK_INT(source_peek(s, head, sizeof(head), &err), 6);
	CHECK(!memcmp(head, "import", 6));
	CHECK_INT(source_read(s, &sb, 1 << 20, &err), 0);
	CHECK_STR(sb.buf, text);
	CHECK_INT(source_next(s, &m, &err), 0);
	CHECK_INT(source_rewind(s, &err), 0);
	CHECK_INT(source_next(s, &m, &err), 1);
	CHECK_STR(m.name, member);
	source_close(s);
	strbuf_release(&sb);
}

static void test_source_mem(void)
{
	struct perr err = PERR_INIT;
	struct source *s = NULL;

	mem_archive("a.whl", mem_zip, sizeof(mem_zip), "a/b.py", "import os\n");
	mem_archive("x-1.0.tar.gz", mem_tgz, sizeof(mem_tgz), "x-1.0/setup.py", "import sys\n");
	/* cut before its central directory: refused, naming the archive */
	CHECK_INT(source_open_mem(&s, "cut.whl", mem_zip, 60, &err), PM_INPUT);
	CHECK(s == NULL && strstr(err.msg, "'cut.whl'"));
	CHECK_INT(source_open_mem(&s, "e.whl", mem_zip, 0, &err), PM_INPUT);
	CHECK(s == NULL && strstr(err.msg, "empty"));
}

int main(void)
{
	test_metadata();
	test_wheel_info();
	test_names();
	test_record();
	test_sha256();
	arena_release(&A);
	test_pyproject();
	test_source_mem();
	return TEST_DONE("test_metadata");
}
