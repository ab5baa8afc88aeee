/* test_reqfile.c: requirements files in pip's syntax: line handling,
 * comments, ${VAR}, options, hashes, URLs and paths, -e, errors with
 * file:line:col, and -r/-c includes (fixtures on disk and an in-memory
 * reader) with cycle detection and the size cap. */
#include "../../resolver/resolver.h"
#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#define FIX "tests/fixtures/reqfiles/"

#define H64 "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

static int parse(struct reqfile *rf, const char *text, struct arena *a, struct perr *err)
{
	return reqfile_parse_text(rf, "req.txt", text, strlen(text), 0, a, NULL, NULL, err);
}

struct inc_log {
	int n;
	char paths[4][64];
	int constraint[4];
};

static int log_include(void *ctx, const struct reqfile_include *inc, struct perr *err)
{
	struct inc_log *l = ctx;

	if (l->n < 4) {
		snprintf(l->paths[l->n], sizeof(l->paths[0]), "%s", inc->path);
		l->constraint[l->n] = inc->constraint;
	}
	l->n++;
	return 0;
}

/* pip 26's reading of a requirements file where it is easy to get wrong:
 * Python's line breaks, continuations, comments, ${VAR}, ' '-separated
 * options, optparse abbreviations, which options of a line pip uses, and
 * egg fragments. */
static void test_pip_rules(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct reqfile rf = REQFILE_INIT;
	struct inc_log log;

	/* str.splitlines: FF, VT, 0x1c-0x1e, U+0085, U+2028, U+2029 break lines */
	CHECK_INT(parse(&rf, "a==1\fb==2\vc==3\x1c" "d==4\xc2\x85" "e==5\xe2\x80\xa8"
			"f==6\xe2\x80\xa9" "g==7\r\nh==8", &a, &err), 0);
	CHECK_INT(rf.entries.n, 8);
	if (rf.entries.n == 8) {
		CHECK_STR(rf.entries.v[5].req.key, "f");
		CHECK_INT(rf.entries.v[5].line, 6);
		CHECK_INT(rf.entries.v[7].line, 8);
	}
	reqfile_release(&rf);
	/* a comment line ends a continuation; leading backslashes of a
	 * continued line go too */
	CHECK_INT(parse(&rf, "foo\\\n#comment\nbar\n\\baz\\\n==1.0\n", &a, &err), 0);
	CHECK_INT(rf.entries.n, 3);
	if (rf.entries.n == 3) {
		CHECK_STR(rf.entries.v[0].text, "foo");
		CHECK_STR(rf.entries.v[1].text, "bar");
		CHECK_STR(rf.entries.v[2].text, "baz==1.0");
		CHECK_INT(rf.entries.v[2].line, 4);
	}
	reqfile_release(&rf);
	/* an empty ${VAR} stays as written, as an unset one */
	setenv("PM_TEST_EMPTY", "", 1);
	CHECK_INT(parse(&rf, "https://x.example/${PM_TEST_EMPTY}/a-1.0-py3-none-any.whl\n", &a,
			&err), 0);
	if (rf.entries.n == 1)
		CHECK_STR(rf.entries.v[0].req.url,
			  "https://x.example/${PM_TEST_EMPTY}/a-1.0-py3-none-any.whl");
	reqfile_release(&rf);
	/* pip replaces each ${NAME} of the line in turn, everywhere in the
	 * line as it is by then: a value bringing in a ${NAME} that comes
	 * (again) later in the line is expanded too */
	setenv("PM_TEST_A", "a", 1);
	setenv("PM_TEST_B", "${PM_TEST_A}", 1);
	setenv("PM_TEST_C", "${PM_TEST_B}", 1);
	CHECK_INT(parse(&rf, "https://x.example/${PM_TEST_A}/${PM_TEST_B}/${PM_TEST_A}/"
			"${PM_TEST_C}/p-1.0-py3-none-any.whl\n", &a, &err), 0);
	if (rf.entries.n == 1) /* C's ${PM_TEST_B} comes after B's turn */
		CHECK_STR(rf.entries.v[0].req.url,
			  "https://x.example/a/a/a/${PM_TEST_B}/p-1.0-py3-none-any.whl");
	reqfile_release(&rf);
	/* a value holding its own ${NAME} doubles the line at each repeat of
	 * the name: stopped, with the line */
	setenv("PM_TEST_D", "${PM_TEST_D}${PM_TEST_D}", 1);
	{
		struct strbuf line = STRBUF_INIT;
		strbuf_addstr(&line, "ok\n");
		for (int i = 0; i < 40; i++)
			strbuf_addstr(&line, "${PM_TEST_D}");
		CHECK_INT(parse(&rf, line.buf, &a, &err), PM_INPUT);
		CHECK_STR(err.msg, "req.txt:2:1: ${VAR} expansion runs away: pip's passes over this "
			  "line would make it longer than 16777216 bytes or read more than 67108864");
		strbuf_release(&line);
	}
	reqfile_release(&rf);
	/* a requirement line uses its --hash values and ignores the other
	 * options (but --no-binary acts at once, as pip's callback) */
	CHECK_INT(parse(&rf, "pkg==1.0 --pre -i https://i.example -r x.txt --no-binary=Foo_Bar "
			"-C k=v --hash=sha256:" H64 "\n", &a, &err), 0);
	CHECK_INT(rf.entries.n, 1);
	CHECK_INT(rf.pre, 0);
	CHECK(rf.index_url == NULL);
	CHECK_INT(rf.no_binary.n, 1);
	if (rf.no_binary.n)
		CHECK_STR(rf.no_binary.v[0], "foo-bar");
	if (rf.entries.n)
		CHECK_INT(rf.entries.v[0].n_hashes, 1);
	reqfile_release(&rf);
	/* an include line: the first -r only (else the first -c), nothing else */
	memset(&log, 0, sizeof(log));
	CHECK_INT(reqfile_parse_text(&rf, "d/req.txt", "-r a.txt -r b.txt --pre -c c.txt\n"
				     "-c c.txt -c d.txt\n", 51, 0, &a, log_include, &log,
				     &err), 0);
	CHECK_INT(log.n, 2);
	CHECK_STR(log.paths[0], "d/a.txt");
	CHECK_INT(log.constraint[0], 0);
	CHECK_STR(log.paths[1], "d/c.txt");
	CHECK_INT(log.constraint[1], 1);
	CHECK_INT(rf.pre, 0);
	reqfile_release(&rf);
	/* a line's -e makes it editable, with the text before the options as
	 * its requirement when there is some (pip's ParsedLine.requirement) */
	CHECK_INT(parse(&rf, "./x -e ./y --hash=sha256:" H64 "\n--pre --\n", &a, &err), 0);
	CHECK_INT(rf.entries.n, 1);
	if (rf.entries.n) {
		CHECK(rf.entries.v[0].editable);
		CHECK_STR(rf.entries.v[0].req.url, "./x");
		CHECK_INT(rf.entries.v[0].n_hashes, 0);
	}
	CHECK_INT(rf.pre, 1);
	reqfile_release(&rf);
	/* -e makes the line an editable requirement; its -r is ignored */
	memset(&log, 0, sizeof(log));
	CHECK_INT(reqfile_parse_text(&rf, "req.txt", "-e ./x -r y.txt\n", 16, 0, &a, log_include,
				     &log, &err), 0);
	CHECK_INT(log.n, 0);
	CHECK_INT(rf.entries.n, 1);
	reqfile_release(&rf);
	/* abbreviations and aliases; only the first -f of a line */
	CHECK_INT(parse(&rf, "--extra-index=https://e.example\n--pref\n--pypi-url https://p.example\n"
			"-f ./a -f ./b\n--no-i\n", &a, &err), 0);
	CHECK_INT(rf.extra_index_urls.n, 1);
	CHECK_INT(rf.prefer_binary, 1);
	CHECK_STR(rf.index_url, "https://p.example");
	CHECK_INT(rf.find_links.n, 1);
	if (rf.find_links.n)
		CHECK_STR(rf.find_links.v[0], "./a");
	CHECK_INT(rf.no_index, 1);
	reqfile_release(&rf);
	/* egg fragments: anywhere after '#' or '&', the wheel name first */
	CHECK_INT(parse(&rf, "https://x.example/p.tar.gz?x=1&egg=from_query\n"
			"https://x.example/w_pkg-1.0-py3-none-any.whl#egg=other\n", &a, &err), 0);
	CHECK_INT(rf.entries.n, 2);
	if (rf.entries.n == 2) {
		CHECK_STR(rf.entries.v[0].req.key, "from-query");
		CHECK_STR(rf.entries.v[1].req.key, "w-pkg");
	}
	reqfile_release(&rf);
	/* a local path is read literally, as pip's path_to_url quotes '#' and
	 * '?' (no fragment, no egg name), but for the ' #' of a comment;
	 * file: URLs keep their fragments */
	CHECK_INT(parse(&rf, "./dir#egg=-bad\n"
			"-e ./proj#egg=x?y\n"
			"./dist/w_pkg-1.0-py3-none-any.whl#sha256=00 # a comment\n"
			"./d\t#a comment after a tab\n"
			"file:///srv/d#egg=from_url\n"
			"-e file:///srv/e?q#egg=ed&sha256=00\n", &a, &err), 0);
	CHECK_INT(rf.entries.n, 6);
	if (rf.entries.n == 6) {
		static const char *const url[] = { "./dir#egg=-bad", "./proj#egg=x?y",
			"./dist/w_pkg-1.0-py3-none-any.whl#sha256=00", "./d", "file:///srv/d#egg=from_url",
			"file:///srv/e?q#egg=ed&sha256=00" };
		static const char *const key[] = { NULL, NULL, NULL, NULL, "from-url", "ed" };
		for (int i = 0; i < 6; i++) {
			CHECK_STR(rf.entries.v[i].req.url, url[i]);
			CHECK_INT(rf.entries.v[i].kind, i < 4 ? REQ_PATH : REQ_URL);
			if (key[i])
				CHECK_STR(rf.entries.v[i].req.key ? rf.entries.v[i].req.key : "(null)", key[i]);
			else
				CHECK(rf.entries.v[i].req.key == NULL);
		}
		CHECK_INT(rf.entries.v[1].editable, 1);
	}
	reqfile_release(&rf);
	arena_release(&a);
}

static void test_lines(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct reqfile rf = REQFILE_INIT;
	struct strbuf sb = STRBUF_INIT;

	setenv("PM_TEST_VER", "2.0", 1);
	setenv("PM_TEST_URL", "https://idx.example/simple", 1);
	CHECK_INT(parse(&rf,
			"\xef\xbb\xbf# comment\n"
			"\n"
			"   \t\n"
			"alpha>=1.0 # trailing\r\n"
			"beta\\\n"
			"  ==${PM_TEST_VER}\n"
			"gamma @ https://x.example/g-1.0-py3-none-any.whl#sha256=abc\n"
			"delta==1.0; python_version < \"3.10\" # c\n"
			"eps[Sec,Other]==${UNDEFINED_PM_VAR_X}1 ; extra == 'x'\n"
			"--index-url ${PM_TEST_URL}\n"
			"${lower_case_not_expanded}\n"
			"# continued comment \\\n"
			"zeta\\\n",
			&a, &err), PM_INPUT);
	/* ${UNDEFINED...}1 stays as is and is then an invalid version */
	/* (pip quotes the requirement without the marker it split off) */
	CHECK_STR(err.msg, "req.txt:9:17: invalid requirement 'eps[Sec,Other]==${UNDEFINED_PM_VAR_X}1'"
		  ": expected version after '=='");
	reqfile_release(&rf);
	CHECK_INT(parse(&rf,
			"\xef\xbb\xbf# comment\n"
			"\n"
			"   \t\n"
			"alpha>=1.0 # trailing\r\n"
			"beta\\\n"
			"  ==${PM_TEST_VER}\n"
			"gamma @ https://x.example/g-1.0-py3-none-any.whl#sha256=abc\n"
			"delta==1.0; python_version < \"3.10\" # c\n"
			"eps[Sec,Other]==1 ; extra == 'x'\n"
			"--index-url ${PM_TEST_URL}\n"
			"# continued comment \\\n"
			"zeta\\\n",
			&a, &err), 0);
	CHECK_INT(rf.entries.n, 6);
	if (rf.entries.n == 6) {
		struct reqfile_entry *e = rf.entries.v;
		CHECK_STR(e[0].req.key, "alpha");
		CHECK_INT(e[0].line, 4);
		CHECK_STR(e[0].file, "req.txt");
		CHECK_STR(e[1].req.key, "beta");
		CHECK_INT(e[1].line, 5);
		spec_set_format(&e[1].req.specs, &sb);
		CHECK_STR(sb.buf, "==2.0");
		CHECK_STR(e[1].text, "beta  ==2.0");
		CHECK_INT(e[2].kind, REQ_NAMED);
		CHECK_STR(e[2].req.url, "https://x.example/g-1.0-py3-none-any.whl#sha256=abc");
		CHECK(e[3].req.marker != NULL);
		CHECK_INT(e[4].req.n_extras, 2);
		CHECK_STR(e[4].req.extras[0], "sec");
		CHECK_STR(e[5].req.key, "zeta");
		CHECK_INT(e[5].line, 12);
	}
	CHECK_STR(rf.index_url, "https://idx.example/simple");
	reqfile_release(&rf);

	/* bare URLs, paths, -e */
	CHECK_INT(parse(&rf,
			"https://files.example/pkg/Foo_Bar-1.2-py3-none-any.whl\n"
			"git+https://github.com/x/y.git@v1#subdirectory=sub&egg=y_pkg\n"
			"./dist/local_pkg-1.0-py3-none-any.whl; sys_platform == 'linux'\n"
			"./src/project[test]\n"
			"../sibling\n"
			"pkg.tar.gz\n"
			"file:///tmp/w/some_pkg-2.0-py3-none-any.whl\n"
			"https://x.example/a.whl; os_name == 'posix'\n"
			"-e git+https://github.com/x/ed.git#egg=ed\n"
			"--editable ./local/dir\n",
			&a, &err), 0);
	CHECK_INT(rf.entries.n, 10);
	if (rf.entries.n == 10) {
		struct reqfile_entry *e = rf.entries.v;
		CHECK_INT(e[0].kind, REQ_URL);
		CHECK_STR(e[0].req.key, "foo-bar");
		CHECK_STR(e[1].req.key, "y-pkg");
		CHECK_INT(e[2].kind, REQ_PATH);
		CHECK_STR(e[2].req.url, "./dist/local_pkg-1.0-py3-none-any.whl");
		CHECK_STR(e[2].req.key, "local-pkg");
		CHECK(e[2].req.marker != NULL);
		CHECK_INT(e[3].kind, REQ_PATH);
		CHECK_STR(e[3].req.url, "./src/project");
		CHECK_INT(e[3].req.n_extras, 1);
		CHECK(e[3].req.key == NULL);
		CHECK_INT(e[4].kind, REQ_PATH);
		CHECK_INT(e[5].kind, REQ_PATH);
		CHECK_INT(e[6].kind, REQ_URL);
		CHECK_STR(e[6].req.key, "some-pkg");
		CHECK_STR(e[7].req.url, "https://x.example/a.whl");
		CHECK(e[7].req.marker != NULL);
		CHECK(e[8].editable && e[8].kind == REQ_URL);
		CHECK_STR(e[8].req.key, "ed");
		CHECK(e[9].editable && e[9].kind == REQ_PATH);
		CHECK_STR(e[9].req.url, "./local/dir");
	}
	reqfile_release(&rf);

	/* options */
	CHECK_INT(parse(&rf,
			"-ihttps://a.example/simple\n"
			"--extra-index-url https://b.example/simple\n"
			"--extra-index-url=https://c.example/simple\n"
			"-f ./wheels\n--find-links=https://d.example/links\n"
			"--no-index\n--pre\n--prefer-binary\n--require-hashes\n"
			"--trusted-host b.example --trusted-host=c.example\n"
			"--no-binary :all:\n--only-binary numpy,SciPy\n"
			"--no-binary Numpy\n"
			"--use-feature=truststore\n"
			"pkg==1.0 --hash=sha256:00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF "
			"--hash sha512:" "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
			"00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff\n",
			&a, &err), 0);
	CHECK_STR(rf.index_url, "https://a.example/simple");
	CHECK_INT(rf.extra_index_urls.n, 2);
	CHECK_INT(rf.find_links.n, 2);
	CHECK(rf.no_index && rf.pre && rf.prefer_binary && rf.require_hashes);
	CHECK_INT(rf.trusted_hosts.n, 2);
	/* --no-binary :all: then --only-binary numpy,scipy moves them out,
	 * then --no-binary numpy moves numpy back */
	CHECK_INT(rf.only_binary.n, 1);
	if (rf.only_binary.n == 1)
		CHECK_STR(rf.only_binary.v[0], "scipy");
	CHECK_INT(rf.no_binary.n, 2);
	CHECK_INT(rf.entries.n, 1);
	if (rf.entries.n == 1) {
		CHECK_INT(rf.entries.v[0].n_hashes, 2);
		CHECK_STR(rf.entries.v[0].hashes[0],
			  "sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
	}
	reqfile_release(&rf);
	CHECK_INT(parse(&rf, "--only-binary :all:\n--only-binary :none:\n--no-binary a,:all:\n",
			&a, &err), 0);
	CHECK_INT(rf.only_binary.n, 0);
	CHECK_INT(rf.no_binary.n, 1);
	reqfile_release(&rf);
	strbuf_release(&sb);
	arena_release(&a);
}

static const struct { const char *text, *msg; } errors[] = {
	{ "ok==1.0\n\n  foo>=1.0.*\n",
	  "req.txt:3:6: invalid version specifier '>=1.0.*': '.*' is only allowed with '==' and '!='" },
	{ "foo>=\n", "req.txt:1:6: invalid requirement 'foo>=': expected version after '>='" },
	{ "--frobnicate\n", "req.txt:1:1: unknown option '--frobnicate'" },
	{ "pkg --frob=1\n", "req.txt:1:5: unknown option '--frob=1'" },
	{ "-i\n", "req.txt:1:1: option '-i' needs a value" },
	{ "--pre=1\n", "req.txt:1:1: option '--pre' takes no value" },
	{ "--hash=sha256:" H64 "\n", "req.txt:1:1: '--hash' must follow a requirement on the same line" },
	{ "--pre -r x.txt --hash=sha256:00\n", "req.txt:1:23: invalid hash 'sha256:00': expected 64 hex digits" },
	{ "pkg --re=x\n", "req.txt:1:5: ambiguous option '--re'" },
	{ "--p\n", "req.txt:1:1: ambiguous option '--p'" },
	{ "--no-require-hashes\n", "req.txt:1:1: option '--no-require-hashes' is not supported" },
	{ "-x\n", "req.txt:1:1: unknown option '-x'" },
	/* optparse takes a word after the options as an argument, which pip
	 * drops: a requirement there would not be installed */
	{ "--hash=sha256:" H64 " foo==1\n", "req.txt:1:80: 'foo==1' after the options is not an "
	  "option (pip would ignore it; a requirement goes before its options)" },
	{ "-f ./w x\n", "req.txt:1:8: 'x' after the options is not an option (pip would ignore "
	  "it; a requirement goes before its options)" },
	{ "--pre -- --no-index\n", "req.txt:1:10: '--no-index' after the options is not an option "
	  "(pip would ignore it; a requirement goes before its options)" },
	{ "pkg --pre - \n", "req.txt:1:11: '-' after the options is not an option (pip would "
	  "ignore it; a requirement goes before its options)" },
	{ "--pre \\ \n", "req.txt:1:7: a backslash ends the options" },
	{ "pkg\t--hash=sha256:" H64 "\n", "req.txt:1:5: invalid requirement 'pkg\\x09--hash=sha256:"
	  H64 "': expected a version specifier, '[', '@', ';' or the end" },
	{ "pkg --hash=md5:00\n",
	  "req.txt:1:12: invalid hash 'md5:00': algorithm must be sha256, sha384 or sha512" },
	{ "pkg --hash=sha256:00\n", "req.txt:1:12: invalid hash 'sha256:00': expected 64 hex digits" },
	{ "pkg --hash=nocolon\n",
	  "req.txt:1:12: invalid hash 'nocolon': expected <algorithm>:<hex digest>" },
	{ "-r other.txt\n", "req.txt:1:1: '--requirement' is not allowed here" },
	{ "pkg; os_name = 'x'\n", "req.txt:1:14: invalid marker 'os_name = 'x'': expected a "
	  "comparison operator (==, !=, <, <=, >, >=, ~=, ===, in, not in)" },
	{ "a==1\nb==2 \\\n  c\n", "req.txt:3:3: invalid requirement 'b==2   c': expected ',', ';' or the end" },
	{ "pkg==1 --hash 'sha256:00\n", "req.txt:1:15: unterminated quote" },
	{ "x\0y\n", "req.txt:1:2: NUL byte in requirements file" },
	/* pip 26 refuses an egg fragment that is not a project name */
	/* (pip's InvalidEggFragment: its message and hints) */
	{ "git+https://x.example/r.git#egg=y_pkg[extra1]\n", "req.txt:1:1: the 'y_pkg[extra1]' egg "
	  "fragment is invalid (from 'git+https://x.example/r.git#egg=y_pkg[extra1]'): use the "
	  "direct URL requirement syntax 'name[extra] @ URL'" },
	{ "-e file:///dir#egg=-bad\n", "req.txt:1:1: the '-bad' egg fragment is invalid (from "
	  "'file:///dir#egg=-bad'): egg fragments can only be a valid project name" },
	{ "https://h.example/x.zip#egg=x>=1\n", "req.txt:1:1: the 'x>=1' egg fragment is invalid "
	  "(from 'https://h.example/x.zip#egg=x>=1'): version specifiers are ignored for URL "
	  "references: remove them" },
	{ "https://h.example/x.zip#egg=x[a]==1\n", "req.txt:1:1: the 'x[a]==1' egg fragment is "
	  "invalid (from 'https://h.example/x.zip#egg=x[a]==1'): version specifiers are ignored for "
	  "URL references: remove them; use the direct URL requirement syntax 'name[extra] @ URL'" },
	{ "./x.whl; bogus == '1'\n", "req.txt:1:10: invalid marker 'bogus == '1'': unknown marker variable 'bogus'" },
};

/* a file system for pip's _get_url_from_path */
static int fake_probe(const char *path)
{
	if (!strcmp(path, "./proj") || !strcmp(path, "./x.whl") ||
	    !strcmp(path, "./src/editable_pkg"))
		return REQFILE_PROBE_DIR;
	if (!strcmp(path, "./dist/x-1.0-py3-none-any.whl") || !strcmp(path, "./notes.txt"))
		return REQFILE_PROBE_FILE;
	return REQFILE_PROBE_NONE;
}

/* A word with a '/' or a leading '.' is a path when pip's
 * _get_url_from_path takes it as one (a directory; an archive name, there
 * or not), else a requirement, which fails "looking like a path" when it
 * does not parse, as the file is read (pip 26.2's parse_req_from_line). */
static void test_path_or_requirement(void)
{
	static const struct { const char *text; int kind; const char *name_or_msg; } cases[] = {
		{ "./proj\n", REQ_PATH, NULL },
		{ "./proj[a] ; os_name == 'posix'\n", REQ_PATH, NULL },
		{ "./dist/x-1.0-py3-none-any.whl\n", REQ_PATH, "x" },
		{ "./missing-1.0.tar.gz\n", REQ_PATH, NULL }, /* pip warns, fails later */
		{ "./missing-1.0.TAR.LZMA\n", REQ_PATH, NULL },
		{ "./x.whl\n", REQ_PATH, NULL },      /* a directory named so */
		{ "foo===a/b\n", REQ_NAMED, "foo" },  /* '/' in a version: a requirement */
		{ "./nope\n", -1, "req.txt:1:1: invalid requirement './nope': expected a package name "
		  "(it looks like a path, and './nope' does not exist)" },
		{ "./notes.txt\n", -1, "req.txt:1:1: invalid requirement './notes.txt': expected a "
		  "package name (it looks like a path, and './notes.txt' exists: a requirements file "
		  "is read with -r)" },
		{ "@ https://h/x.zip\n", -1, "req.txt:1:1: invalid requirement '@ https://h/x.zip': "
		  "expected a package name (it looks like a path, and '@ https://h/x.zip' does not "
		  "exist)" },
		{ "foo/bar ; os_name == 'x'\n", -1, "req.txt:1:4: invalid requirement 'foo/bar': "
		  "expected a version specifier, '[', '@', ';' or the end (it looks like a path, and "
		  "'foo/bar' does not exist)" },
		{ "./.whl\n", -1, "req.txt:1:1: invalid requirement './.whl': expected a package name "
		  "(it looks like a path, and './.whl' does not exist)" }, /* no extension */
		{ "foo\\bar.tgz\n", REQ_PATH, NULL }, /* an archive name, no '/' */
		{ "./a]\n", -1, "req.txt:1:1: invalid requirement './a]': expected a package name "
		  "(it looks like a path, and './a]' does not exist)" }, /* no '[' before */
		{ "-e ]]]\n", -1, "req.txt:1:1: ']]]' is not a valid editable requirement: it "
		  "should be a path to a local project directory or a VCS URL" },
		/* -e: a local path's (or file: URL's) [extras] are its extras, and
		 * the path must be a directory (pip's _parse_pip_syntax_editable) */
		{ "-e ./proj[A,b_C]\n", REQ_PATH, NULL },
		{ "-e file:///srv/proj[a]\n", REQ_URL, NULL },
		{ "-e ./proj[${X},b]\n", -1, "req.txt:1:1: invalid extras '[${X},b]'" },
		{ "-e ./nodir[a]\n", -1, "req.txt:1:1: './nodir[a]' is not a valid editable "
		  "requirement: it should be a path to a local project directory or a VCS URL" },
		{ "-e ./proj[]\n", -1, "req.txt:1:1: './proj[]' is not a valid editable "
		  "requirement: it should be a path to a local project directory or a VCS URL" },
		{ "foo\\bar\n", -1, "req.txt:1:4: invalid requirement 'foo\\bar': expected a version "
		  "specifier, '[', '@', ';' or the end" }, /* no '/': no hint, as pip on POSIX */
	};
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct reqfile rf = REQFILE_INIT;
		int rc;
		rf.probe = fake_probe;
		rc = reqfile_parse_text(&rf, "req.txt", cases[i].text, strlen(cases[i].text), 0, &a,
					NULL, NULL, &err);
		if (cases[i].kind < 0) {
			CHECK_INT(rc, PM_INPUT);
			CHECK_STR(err.msg, cases[i].name_or_msg);
		} else {
			CHECK_INT(rc, 0);
			CHECK_INT(rf.entries.n, 1);
			if (rf.entries.n) {
				CHECK_INT(rf.entries.v[0].kind, cases[i].kind);
				if (cases[i].name_or_msg)
					CHECK_STR(rf.entries.v[0].req.name, cases[i].name_or_msg);
				if (strchr(cases[i].text, '[') && !strstr(cases[i].text, "[]")) {
					/* the extras are off the location, normalized */
					CHECK(!strchr(rf.entries.v[0].req.url, '['));
					CHECK_INT(rf.entries.v[0].req.n_extras,
						  strstr(cases[i].text, "b_C") ? 2 : 1);
				}
			}
		}
		reqfile_release(&rf);
	}
	/* without a file system to ask, such a word is a path */
	{
		struct reqfile rf = REQFILE_INIT;
		CHECK_INT(reqfile_parse_text(&rf, "req.txt", "./nope\n", 7, 0, &a, NULL, NULL, &err), 0);
		CHECK_INT(rf.entries.n ? (int)rf.entries.v[0].kind : -1, REQ_PATH);
		reqfile_release(&rf);
	}
	arena_release(&a);
}

static void test_errors(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct reqfile rf = REQFILE_INIT;

	for (size_t i = 0; i < sizeof(errors) / sizeof(errors[0]); i++) {
		size_t n = strlen(errors[i].text);
		if (!strcmp(errors[i].text, "x"))
			n = 4;
		CHECK_INT(reqfile_parse_text(&rf, "req.txt", errors[i].text, n, 0, &a, NULL, NULL,
					     &err), PM_INPUT);
		CHECK_STR(err.msg, errors[i].msg);
		reqfile_release(&rf);
	}
	/* a marker of blanks only is none, as pip's (options after it: the
	 * blanks once ran into the options, a fuzzer's heap overflow) */
	CHECK_INT(reqfile_parse_text(&rf, "req.txt", "./x.whl ;  -r o.txt\n", 20, 0, &a, NULL, NULL, &err),
		  0);
	CHECK_INT(rf.entries.n, 1);
	if (rf.entries.n)
		CHECK(rf.entries.v[0].req.marker == NULL && !strcmp(rf.entries.v[0].req.url, "./x.whl"));
	reqfile_release(&rf);
	CHECK_INT(reqfile_parse_text(&rf, "req.txt", "./x.whl ; )  -r o.txt\n", 22, 0, &a, NULL,
				     NULL, &err), PM_INPUT);
	CHECK_STR(err.msg, "req.txt:1:11: invalid marker ')': expected a marker variable or a quoted "
		  "string");
	reqfile_release(&rf);
	/* pip splits a requirement's marker off at its first ';' before
	 * packaging reads the rest: "name @ URL;marker" needs no blank, an
	 * empty marker is none; a URL line needs "; " (a space) */
	CHECK_INT(parse(&rf, "six @ https://x.example/six-1.0-py3-none-any.whl;os_name == 'nt'\n"
			"foo;\nbar ;  --hash=sha256:" H64 "\n"
			"https://x.example/a;b/c-1.0-py3-none-any.whl;\tos_name=='nt'\n"
			"https://x.example/d-1.0-py3-none-any.whl; \n"
			"https://x.example/e-1.0-py3-none-any.whl;  --hash=sha256:" H64 "\n", &a,
			&err), 0);
	CHECK_INT(rf.entries.n, 6);
	if (rf.entries.n == 6) {
		const struct reqfile_entry *e = rf.entries.v;
		CHECK_STR(e[0].req.url, "https://x.example/six-1.0-py3-none-any.whl");
		CHECK(e[0].req.marker != NULL);
		CHECK(e[1].req.marker == NULL && !strcmp(e[1].req.key, "foo"));
		CHECK(e[2].req.marker == NULL && e[2].n_hashes == 1);
		CHECK_STR(e[3].req.url, "https://x.example/a;b/c-1.0-py3-none-any.whl;\tos_name=='nt'");
		CHECK(e[3].req.marker == NULL);
		/* the line is stripped first: no "; " is left */
		CHECK_STR(e[4].req.url, "https://x.example/d-1.0-py3-none-any.whl;");
		/* the words before the options are "…whl;" and "": joined, "…whl; " */
		CHECK_STR(e[5].req.url, "https://x.example/e-1.0-py3-none-any.whl");
	}
	reqfile_release(&rf);
	/* constraints files: names only */
	CHECK_INT(reqfile_parse_text(&rf, "c.txt", "foo[x]<2\n", 9, 1, &a, NULL, NULL, &err), PM_INPUT);
	CHECK_STR(err.msg, "c.txt:1:1: constraints cannot have extras");
	CHECK_INT(reqfile_parse_text(&rf, "c.txt", "-e ./x\n", 7, 1, &a, NULL, NULL, &err), PM_INPUT);
	CHECK_STR(err.msg, "c.txt:1:1: editable requirements are not allowed as constraints");
	CHECK_INT(reqfile_parse_text(&rf, "c.txt", "./x.whl\n", 8, 1, &a, NULL, NULL, &err), PM_INPUT);
	CHECK_STR(err.msg, "c.txt:1:1: constraints must name a package ('./x.whl' does not)");
	CHECK_INT(reqfile_parse_text(&rf, "c.txt", "https://x.example/x.zip\n", 24, 1, &a, NULL, NULL, &err), PM_INPUT);
	CHECK_STR(err.msg, "c.txt:1:1: constraints must name a package ('https://x.example/x.zip' does not)");
	CHECK_INT(reqfile_parse_text(&rf, "c.txt", "foo<2\n", 6, 1, &a, NULL, NULL, &err), 0);
	CHECK(rf.entries.n == 1 && rf.entries.v[0].constraint);
	reqfile_release(&rf);
	/* a link named by its #egg= or its wheel file name is a constraint too
	 * (pip's check_invalid_constraint_type asks only for a name) */
	const char *links = "https://x.example/x.zip#egg=Foo_Bar\n./d/w_pkg-1.0-py3-none-any.whl\n"
			    "foo @ https://x.example/foo-1.0.tar.gz\n";
	CHECK_INT(reqfile_parse_text(&rf, "c.txt", links, strlen(links), 1, &a, NULL, NULL, &err), 0);
	CHECK_INT((int)rf.entries.n, 3);
	if (rf.entries.n == 3) {
		CHECK_STR(rf.entries.v[0].req.key, "foo-bar");
		CHECK_STR(rf.entries.v[1].req.key, "w-pkg");
		CHECK(rf.entries.v[2].constraint && rf.entries.v[2].req.url != NULL);
	}
	reqfile_release(&rf);
	arena_release(&a);
}

static void test_fixtures(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct reqfile rf = REQFILE_INIT;
	int rc;

	rf.probe = fake_probe; /* its paths are not there: pip would refuse the -e */
	rc = reqfile_load(&rf, FIX "main.txt", 0, NULL, NULL, &a, &err);
	CHECK_INT(rc, 0);
	if (rc)
		fprintf(stderr, "  %s\n", err.msg);
	CHECK_INT(rf.files.n, 4);
	if (rf.files.n == 4) {
		CHECK_STR(rf.files.v[1], FIX "sub/nested.txt");
		CHECK_STR(rf.files.v[2], FIX "sub/../leaf.txt");
		CHECK_STR(rf.files.v[3], FIX "constraints.txt");
	}
	/* requests, attrs, idna, charset-normalizer, urllib3 (c), six, local, url, editable */
	CHECK_INT(rf.entries.n, 9);
	if (rf.entries.n == 9) {
		struct reqfile_entry *e = rf.entries.v;
		CHECK_STR(e[0].req.key, "requests");
		CHECK_INT(e[0].line, 7);
		CHECK_INT(e[1].n_hashes, 2);
		CHECK_INT(e[1].line, 8);
		CHECK_STR(e[2].req.key, "idna");
		CHECK_STR(e[2].file, FIX "sub/nested.txt");
		CHECK_INT(e[2].line, 4);
		CHECK_STR(e[3].req.key, "charset-normalizer");
		CHECK_STR(e[4].req.key, "urllib3");
		CHECK(e[4].constraint && !e[3].constraint);
		CHECK_STR(e[5].req.key, "six");
		CHECK_INT(e[6].kind, REQ_PATH);
		CHECK_STR(e[7].req.key, "from-url");
		CHECK(e[8].editable);
	}
	CHECK_STR(rf.index_url, "https://pypi.example/simple");
	CHECK_INT(rf.extra_index_urls.n, 1);
	CHECK(rf.prefer_binary && !rf.pre);
	CHECK(rf.only_binary.n == 1 && !strcmp(rf.only_binary.v[0], ":all:"));
	CHECK(rf.no_binary.n == 2 && !strcmp(rf.no_binary.v[1], "pillow"));
	reqfile_release(&rf);

	CHECK_INT(reqfile_load(&rf, FIX "cycle-a.txt", 0, NULL, NULL, &a, &err), PM_INPUT);
	CHECK_STR(err.msg, FIX "cycle-b.txt:2:1: requirements file cycle: " FIX "cycle-a.txt -> "
		  FIX "cycle-b.txt -> " FIX "cycle-a.txt");
	reqfile_release(&rf);
	CHECK_INT(reqfile_load(&rf, FIX "bad-version.txt", 0, NULL, NULL, &a, &err), PM_INPUT);
	CHECK_STR(err.msg, FIX "bad-version.txt:3:6: invalid version specifier '>=1.0.*': "
		  "'.*' is only allowed with '==' and '!='");
	reqfile_release(&rf);
	CHECK_INT(reqfile_load(&rf, FIX "missing.txt", 0, NULL, NULL, &a, &err), PM_INPUT);
	CHECK(strstr(err.msg, "missing.txt") != NULL);
	reqfile_release(&rf);
	arena_release(&a);
}

/* An in-memory file system for the injectable reader. */
static const struct { const char *path, *text; } memfs[] = {
	{ "r/a.txt", "a1\n-r b.txt\na2\n" },
	{ "r/b.txt", "b1\n-c /abs/c.txt\n" },
	{ "/abs/c.txt", "c1<2\n-r ../abs/./d.txt\n" },
	{ "/abs/../abs/./d.txt", "d1\n-r /abs/c.txt\n" },
	{ "self.txt", "-r self.txt\n" },
	{ "big.txt", NULL },
	{ "deep.txt", "-r deep2.txt\n" },
	{ "remote.txt", "-r https://x.example/r.txt\n" },
	{ "inc-missing.txt", "ok\n\n-c nope.txt\n" },
};

static int mem_reader(void *ctx, const char *path, size_t max, struct strbuf *out,
		      struct perr *err)
{
	int *calls = ctx;

	(*calls)++;
	for (size_t i = 0; i < sizeof(memfs) / sizeof(memfs[0]); i++) {
		if (strcmp(memfs[i].path, path))
			continue;
		if (!memfs[i].text) { /* a file just over the cap */
			if (max < REQFILE_MAX_BYTES)
				return perr_set(err, PM_INPUT, "wrong cap");
			return perr_set(err, PM_INPUT, "'%s': larger than %zu bytes", path, max);
		}
		strbuf_addstr(out, memfs[i].text);
		return 0;
	}
	return perr_set(err, PM_INPUT, "'%s': No such file or directory", path);
}

static void test_reader(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct reqfile rf = REQFILE_INIT;
	int calls = 0;

	CHECK_INT(reqfile_load(&rf, "r/a.txt", 0, mem_reader, &calls, &a, &err), PM_INPUT);
	CHECK_STR(err.msg, "/abs/../abs/./d.txt:2:1: requirements file cycle: /abs/c.txt -> /abs/d.txt -> "
		  "/abs/c.txt");
	CHECK_INT(calls, 4);
	reqfile_release(&rf);
	CHECK_INT(reqfile_load(&rf, "self.txt", 0, mem_reader, &calls, &a, &err), PM_INPUT);
	CHECK_STR(err.msg, "self.txt:1:1: requirements file cycle: self.txt -> self.txt");
	reqfile_release(&rf);
	CHECK_INT(reqfile_load(&rf, "big.txt", 0, mem_reader, &calls, &a, &err), PM_INPUT);
	CHECK_STR(err.msg, "'big.txt': larger than 16777216 bytes");
	reqfile_release(&rf);
	CHECK_INT(reqfile_load(&rf, "remote.txt", 0, mem_reader, &calls, &a, &err), PM_INPUT);
	CHECK_STR(err.msg, "remote.txt:1:4: remote requirements files are not supported: "
		  "'https://x.example/r.txt'");
	reqfile_release(&rf);
	CHECK_INT(reqfile_load(&rf, "inc-missing.txt", 0, mem_reader, &calls, &a, &err), PM_INPUT);
	CHECK_STR(err.msg, "inc-missing.txt:3:1: 'nope.txt': No such file or directory");
	reqfile_release(&rf);
	/* the real reader caps the size too */
	{
		char path[] = "/tmp/pm-reqfile-XXXXXX";
		int fd = mkstemp(path);
		FILE *f = fd >= 0 ? fdopen(fd, "w") : NULL;
		CHECK(f != NULL);
		if (f) {
			static char chunk[65536];
			memset(chunk, '#', sizeof(chunk));
			for (int i = 0; i <= (int)(REQFILE_MAX_BYTES / sizeof(chunk)); i++)
				fwrite(chunk, 1, sizeof(chunk), f);
			fclose(f);
			CHECK_INT(reqfile_load(&rf, path, 0, NULL, NULL, &a, &err), PM_INPUT);
			CHECK(strstr(err.msg, "larger than 16777216 bytes") != NULL);
			reqfile_release(&rf);
			unlink(path);
		}
	}
	arena_release(&a);
}

static void write_text(const char *path, const char *text)
{
	FILE *f = fopen(path, "w");

	CHECK(f != NULL);
	if (f) {
		fputs(text, f);
		fclose(f);
	}
}

/* pip's handle_option_line: a --find-links path is joined to the
 * directory of the file that gave it and taken from there when it exists
 * there, else kept as written (and so read from the working directory) */
static void test_find_links_beside(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct reqfile rf = REQFILE_INIT;
	char dir[] = "/tmp/pm-findlinks-XXXXXX";
	char p[512];
	int rc;

	CHECK(mkdtemp(dir) != NULL);
	snprintf(p, sizeof(p), "%s/sub", dir);
	CHECK_INT(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/sub/wheels", dir);
	CHECK_INT(mkdir(p, 0700), 0);
	snprintf(p, sizeof(p), "%s/sub/req.txt", dir);
	write_text(p, "-f wheels\n-f missing\n-f https://x.example/links\n-f /nonexistent/x\n"
		   "--find-links=./wheels/\n");
	snprintf(p, sizeof(p), "%s/top.txt", dir);
	write_text(p, "-f sub\n-r sub/req.txt\n-f wheels\n");
	rc = reqfile_load(&rf, p, 0, NULL, NULL, &a, &err);
	CHECK_INT(rc, 0);
	if (rc)
		fprintf(stderr, "  %s\n", err.msg);
	CHECK_INT(rf.find_links.n, 7);
	if (rf.find_links.n == 7) {
		CHECK_STR(rf.find_links.v[0], arena_printf(&a, "%s/sub", dir));
		CHECK_STR(rf.find_links.v[1], arena_printf(&a, "%s/sub/wheels", dir));
		CHECK_STR(rf.find_links.v[2], "missing");
		CHECK_STR(rf.find_links.v[3], "https://x.example/links");
		CHECK_STR(rf.find_links.v[4], "/nonexistent/x");
		CHECK_STR(rf.find_links.v[5], arena_printf(&a, "%s/sub/./wheels/", dir));
		/* top.txt's "wheels" is not beside top.txt: as written */
		CHECK_STR(rf.find_links.v[6], "wheels");
	}
	reqfile_release(&rf);
	snprintf(p, sizeof(p), "rm -r '%s'", dir);
	CHECK_INT(system(p), 0);
	arena_release(&a);
}

/* pip's _decode_req_file: a byte order mark, else a PEP 263 coding line
 * in the first two, else UTF-8 (which must be valid) */
#define B(lit) lit, sizeof(lit) - 1
static void test_encodings(void)
{
	static const struct { const char *bytes; size_t n; const char *key, *msg; } cases[] = {
		{ B("\xff\xfe" "f\0o\0o\0=\0=\0" "1\0\n\0"), "foo", NULL },
		{ B("\xfe\xff" "\0f\0o\0o\0\r\0\n"), "foo", NULL },
		{ B("\xff\xfe\0\0" "f\0\0\0\n\0\0\0"), "f", NULL },
		{ B("\0\0\xfe\xff" "\0\0\0f"), "f", NULL },
		/* U+10000 as a surrogate pair in a marker string */
		{ B("\xff\xfe" "f\0;\0'\0\x00\xd8\x00\xdc'\0 \0i\0n\0 \0o\0s\0_\0n\0a\0m\0e\0"),
		  "f", NULL },
		{ B("\xff\xfe" "f\0\x00\xdc"), NULL, "invalid UTF-16LE (the encoding its byte order "
		  "mark names) at byte 5" },
		{ B("\xff\xfe" "f\0o"), NULL, "invalid UTF-16LE (the encoding its byte order mark "
		  "names) at byte 5" },
		/* latin-1: 0xa0 is U+00A0, Python whitespace, which may follow '>=' */
		{ B("# -*- coding: latin-1 -*-\nfoo>=\xa0" "1.0\n"), "foo", NULL },
		{ B("#!/bin/sh\n# vim: set fileencoding=cp1252 :\nfoo; os_name == '\x80'\n"), "foo",
		  NULL },
		{ B("# coding=utf8\nfoo\n"), "foo", NULL },
		{ B("foo\n# caf\xe9\n"), NULL, ":2:6: invalid UTF-8 (pip reads a requirements file as "
		  "UTF-8 unless a '# -*- coding: NAME -*-' line in its first two names another "
		  "encoding)" },
		{ B("foo\n\n# coding: latin-1\n# caf\xe9\n"), NULL, ":4:6: invalid UTF-8" },
		{ B("# coding: klingon\nfoo\n"), NULL, "unknown encoding 'klingon' in its coding line" },
		{ B("# coding: ascii\nfoo\xc3\xa9\n"), NULL, ":2:4: not ascii, the encoding its "
		  "coding line names" },
	};
	char path[] = "/tmp/pm-enc-XXXXXX";
	int fd = mkstemp(path);

	CHECK(fd >= 0);
	if (fd < 0)
		return;
	close(fd);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a = ARENA_INIT;
		struct perr err = PERR_INIT;
		struct reqfile rf = REQFILE_INIT;
		FILE *f = fopen(path, "wb");
		int rc;
		CHECK(f != NULL);
		if (!f)
			break;
		fwrite(cases[i].bytes, 1, cases[i].n, f);
		fclose(f);
		rc = reqfile_load(&rf, path, 0, NULL, NULL, &a, &err);
		CHECK_INT(rc, cases[i].key ? 0 : PM_INPUT);
		if (cases[i].key && !rc) {
			CHECK_INT(rf.entries.n, 1);
			if (rf.entries.n == 1)
				CHECK_STR(rf.entries.v[0].req.key, cases[i].key);
		} else if (cases[i].key) {
			fprintf(stderr, "  case %zu: %s\n", i, err.msg);
		} else {
			CHECK(!strncmp(err.msg, path, strlen(path)) || !strncmp(err.msg + 1, path,
										 strlen(path)));
			CHECK(strstr(err.msg, cases[i].msg) != NULL);
			if (!strstr(err.msg, cases[i].msg))
				fprintf(stderr, "  case %zu: %s\n", i, err.msg);
		}
		reqfile_release(&rf);
		arena_release(&a);
	}
	unlink(path);
}

int main(void)
{
	test_pip_rules();
	test_lines();
	test_errors();
	test_path_or_requirement();
	test_fixtures();
	test_reader();
	test_find_links_beside();
	test_encodings();
	return TEST_DONE("test_reqfile");
}
