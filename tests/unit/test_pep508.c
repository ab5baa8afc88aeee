/* test_pep508.c: PEP 508 requirements (names, extras, specifiers, URLs,
 * markers, error messages with columns) and marker evaluation (every
 * operator, variables on either side, versions vs strings, extras). */
#include "../../resolver/resolver.h"
#include "test.h"

#include <stdlib.h>

/* input, normalized form (req_format), key */
static const struct { const char *in, *out, *key; } good[] = {
	{ "requests", "requests", "requests" },
	{ "  Requests  ", "Requests", "requests" },
	{ "zope.interface>=5", "zope.interface>=5", "zope-interface" },
	{ "Foo__Bar-.baz", "Foo__Bar-.baz", "foo-bar-baz" },
	{ "A", "A", "a" },
	{ "name[ Quux , Strange_Extra ]>=1.0", "name[quux,strange-extra]>=1.0", "name" },
	{ "name[]", "name", "name" },
	{ "name (>=1.0, <2)", "name>=1.0,<2", "name" },
	{ "name(>=1.0)", "name>=1.0", "name" },
	{ "name ()", "name", "name" },
	{ "name>=1.0,<2;python_version<'3.8'", "name>=1.0,<2; python_version < \"3.8\"", "name" },
	{ "name >= 1.0 , != 1.5.* ; os_name == \"posix\"",
	  "name>=1.0,!=1.5.*; os_name == \"posix\"", "name" },
	{ "name @ https://x.org/name-1.0-py3-none-any.whl",
	  "name @ https://x.org/name-1.0-py3-none-any.whl", "name" },
	{ "name[extra]@ file:///tmp/x.whl ; extra == 'x'",
	  "name[extra] @ file:///tmp/x.whl ; extra == \"x\"", "name" },
	{ "name; (os_name=='a' or os_name=='b') and python_version>='3'",
	  "name; (os_name == \"a\" or os_name == \"b\") and python_version >= \"3\"", "name" },
	{ "name;'linux' in sys_platform", "name; \"linux\" in sys_platform", "name" },
	{ "name;sys_platform not  in 'win32 cygwin'", "name; sys_platform not in \"win32 cygwin\"",
	  "name" },
	{ "name; os.name == 'posix'", "name; os_name == \"posix\"", "name" },
	{ "name===1.0-weird", "name===1.0-weird", "name" },
	{ "name\t[a]\t==\t1.0\t;\textra=='a'", "name[a]==1.0; extra == \"a\"", "name" },
	{ "name;platform_release>='5' and implementation_name=='cpython' or "
	  "platform_python_implementation!='PyPy'",
	  "name; platform_release >= \"5\" and implementation_name == \"cpython\" or "
	  "platform_python_implementation != \"PyPy\"", "name" },
	/* packaging 26's tokenizer: Python whitespace (Unicode, newlines) between
	 * an operator and its version, one trailing comma, an empty === */
	{ "name>=\xc2\xa0" "1.0", "name>=1.0", "name" },
	{ "name >=\n1.0 ; os_name == 'a'", "name>=1.0; os_name == \"a\"", "name" },
	{ "name>=1.0,", "name>=1.0", "name" },
	{ "name (>=1.0, )", "name>=1.0", "name" },
	{ "name>=1.0, ; os_name == 'a'", "name>=1.0; os_name == \"a\"", "name" },
	{ "name===", "name===", "name" },
	{ "name===a@b!c", "name===a@b!c", "name" },
	/* packaging's === token runs over commas, which SpecifierSet splits */
	{ "name===foo,,", "name===foo", "name" },
	{ "name===a,,>=1 ,<2", "name===a,>=1,<2", "name" },
	/* marker strings are Python literals; the extra compared is normalized */
	{ "name; os_name == 'po\\x73ix'", "name; os_name == \"posix\"", "name" },
	{ "name; extra == 'Foo_Bar'", "name; extra == \"foo-bar\"", "name" },
	{ "name; 'Foo.Bar' in extras", "name; \"foo-bar\" in extras", "name" },
	{ "name; os_name == \"a\\\\b\"", "name; os_name == \"a\\\\b\"", "name" },
	{ "name; os_name == \"\\x22'\"", "name; os_name == \"\\x22'\"", "name" },
	{ "name; os_name == 'a\\0b\\q'", "name; os_name == \"a\\x00b\\\\q\"", "name" },
	/* packaging 26's IDENTIFIER (\b[a-zA-Z0-9][a-zA-Z0-9._-]*\b) takes a
	 * name or an extra ending in '_'; canonicalize_name keeps it as '-' */
	{ "foo_", "foo_", "foo-" },
	{ "Foo__ [Bar_, baz] >=1 ; os_name == 'a'", "Foo__[bar-,baz]>=1; os_name == \"a\"",
	  "foo-" },
	{ "foo_@ https://x.org/f.whl", "foo_ @ https://x.org/f.whl", "foo-" },
};

/* input, message, column */
static const struct { const char *in, *msg; int col; } bad[] = {
	{ "foo>=", "invalid requirement 'foo>=': expected version after '>='", 6 },
	{ "foo===a,b", "invalid version specifier 'b': expected an operator (~=, ==, !=, <=, >=, <, "
	  ">, ===)", 9 },
	{ "", "invalid requirement '': expected a package name", 1 },
	{ "-foo", "invalid requirement '-foo': expected a package name", 1 },
	{ "foo-", "invalid requirement 'foo-': a package name must end with a letter, a digit or "
	  "'_'", 4 },
	{ "foo. >=1", "invalid requirement 'foo. >=1': a package name must end with a letter, a "
	  "digit or '_'", 4 },
	{ "foo_-", "invalid requirement 'foo_-': a package name must end with a letter, a digit "
	  "or '_'", 5 },
	{ "foo[bar-]", "invalid requirement 'foo[bar-]': an extra name must end with a letter, a "
	  "digit or '_'", 8 },
	/* a Unicode letter straight after the name: no word boundary there */
	{ "foo_\xc3\xa9", "invalid requirement 'foo_\\xc3\\xa9': expected a version specifier, "
	  "'[', '@', ';' or the end", 5 },
	{ "foo bar", "invalid requirement 'foo bar': expected a version specifier, '[', '@', ';' or the end", 5 },
	{ "foo[bar", "invalid requirement 'foo[bar': expected ',' or ']' after an extra", 8 },
	{ "foo[,]", "invalid requirement 'foo[,]': expected an extra name", 5 },
	{ "foo (>=1.0", "invalid requirement 'foo (>=1.0': expected ',' or ')'", 11 },
	{ "foo>=1.0.*", "invalid version specifier '>=1.0.*': '.*' is only allowed with '==' and '!='", 4 },
	{ "foo>=1.0 <2", "invalid requirement 'foo>=1.0 <2': expected ',', ';' or the end", 10 },
	{ "foo @", "invalid requirement 'foo @': expected a URL after '@'", 6 },
	{ "foo @ https://x extra", "invalid requirement 'foo @ https://x extra': "
	  "expected ' ;' and a marker, or the end, after the URL", 17 },
	{ "foo; python_version >< '3'", "invalid marker 'python_version >< '3'': expected a "
	  "marker variable or a quoted string", 22 },
	{ "foo; bogus == '1'", "invalid marker 'bogus == '1'': unknown marker variable 'bogus'", 6 },
	{ "foo; os_name == 'x", "invalid marker 'os_name == 'x': unterminated string (')", 17 },
	{ "foo; (os_name == 'x'", "invalid marker '(os_name == 'x'': expected ')'", 21 },
	{ "foo; os_name == 'x' xor", "invalid marker 'os_name == 'x' xor': expected 'and', 'or' or the end of the marker", 21 },
	{ "foo; os_name not 'x'", "invalid marker 'os_name not 'x'': expected 'in' after 'not'", 18 },
	{ "foo;", "invalid marker '': expected a marker variable or a quoted string", 5 },
	{ "foo; os_name", "invalid marker 'os_name': expected a comparison operator (==, !=, <, <=, >, >=, ~=, ===, in, not in)", 13 },
	{ "foo==1.0;", "invalid marker '': expected a marker variable or a quoted string", 10 },
	/* only space and tab are blanks around a requirement (packaging) */
	{ "foo>=1.0\n", "invalid requirement 'foo>=1.0\\x0a': expected ',', ';' or the end", 9 },
	{ "foo\r\n", "invalid requirement 'foo\\x0d\\x0a': expected a version specifier, '[', "
	  "'@', ';' or the end", 4 },
	{ "\nfoo", "invalid requirement '\\x0afoo': expected a package name", 1 },
	{ "foo>=1.0,,<2", "invalid requirement 'foo>=1.0,,<2': expected ',', ';' or the end", 10 },
	{ "foo; os_name == 'a\\'", "invalid marker 'os_name == 'a\\'': invalid quoted string: "
	  "the string ends in a lone backslash", 19 },
	{ "foo; os_name == \"\\\"'\"", "invalid marker 'os_name == \"\\\"'\"': invalid quoted "
	  "string: the string ends in a lone backslash", 18 },
	{ "foo; os_name == '\\x4'", "invalid marker 'os_name == '\\x4'': invalid quoted string: "
	  "a truncated \\x, \\u or \\U escape", 18 },
	/* \N{NAME}: a name Unicode 15.0 does not have, a named sequence
	 * (\N{} takes none), a lowercase CJK hex digit or Hangul prefix (CPython
	 * compares those case-sensitively), a Hangul syllable that is not one,
	 * a CJK code point outside the unified ranges, Tangut (no algorithmic
	 * name in CPython) */
	{ "foo; os_name == 'x\\N{DIGIT ELEVEN}'", "invalid marker 'os_name == 'x\\N{DIGIT ELEVEN}'': "
	  "invalid quoted string: unknown Unicode character name 'DIGIT ELEVEN' (this build knows "
	  "the names of Unicode 15.0.0)", 19 },
	{ "foo; os_name == '\\N{LATIN CAPITAL LETTER A WITH MACRON AND GRAVE}'", NULL, 18 },
	{ "foo; os_name == '\\N{CJK UNIFIED IDEOGRAPH-4e00}'", NULL, 18 },
	{ "foo; os_name == '\\N{cjk unified ideograph-4E00}'", NULL, 18 },
	{ "foo; os_name == '\\N{CJK UNIFIED IDEOGRAPH-4E00 }'", NULL, 18 },
	{ "foo; os_name == '\\N{CJK UNIFIED IDEOGRAPH-A000}'", NULL, 18 },
	{ "foo; os_name == '\\N{CJK UNIFIED IDEOGRAPH-004E00}'", NULL, 18 },
	{ "foo; os_name == '\\N{hangul syllable GA}'", NULL, 18 },
	{ "foo; os_name == '\\N{HANGUL SYLLABLE Ga}'", NULL, 18 },
	{ "foo; os_name == '\\N{HANGUL SYLLABLE NGA}'", NULL, 18 },
	{ "foo; os_name == '\\N{HANGUL SYLLABLE GAX}'", NULL, 18 },
	{ "foo; os_name == '\\N{TANGUT IDEOGRAPH-17000}'", NULL, 18 },
	{ "foo; os_name == '\\N{LATIN SMALL LETTER  A}'", NULL, 18 },
	{ "foo; os_name == '\\N{ LATIN SMALL LETTER A}'", NULL, 18 },
	/* as Python: a \N without '{', a name and '}' is malformed */
	{ "foo; os_name == '\\N'", "invalid marker 'os_name == '\\N'': invalid quoted string: "
	  "malformed \\N character escape", 18 },
	{ "foo; os_name == 'a\\N{}'", "invalid marker 'os_name == 'a\\N{}'': invalid quoted "
	  "string: malformed \\N character escape", 19 },
	{ "foo; os_name == '\\N{LATIN'", "invalid marker 'os_name == '\\N{LATIN'': invalid quoted "
	  "string: malformed \\N character escape", 18 },
	{ "foo; os_name == '\\U00110000'", "invalid marker 'os_name == '\\U00110000'': invalid "
	  "quoted string: a \\U escape past U+10FFFF", 18 },
	{ "foo; os_name == 'a\nb'", "invalid marker 'os_name == 'a\\x0ab'': invalid quoted string: "
	  "a string may not span lines", 19 },
};

static void test_requirements(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct req r;
	int col;

	for (size_t i = 0; i < sizeof(good) / sizeof(good[0]); i++) {
		struct strbuf sb = STRBUF_INIT;
		int rc = req_parse(&r, good[i].in, strlen(good[i].in), &a, &err, &col);
		CHECK_INT(rc, 0);
		if (rc) {
			fprintf(stderr, "  %s (col %d)\n", err.msg, col);
			continue;
		}
		req_format(&r, &sb);
		CHECK_STR(sb.buf, good[i].out);
		CHECK_STR(r.key, good[i].key);
		strbuf_release(&sb);
	}
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CHECK_INT(req_parse(&r, bad[i].in, strlen(bad[i].in), &a, &err, &col), PM_INPUT);
		if (bad[i].msg)
			CHECK_STR(err.msg, bad[i].msg);
		else /* an unknown \N{} name: the message names it */
			CHECK(strstr(err.msg, "invalid quoted string: unknown Unicode character "
				     "name '") != NULL);
		if (bad[i].col)
			CHECK_INT(col, bad[i].col);
	}
	/* details */
	{
		const char *t = "a.b-c_d[X,y]~=1.4.5,!=1.4.7 ; python_version >= '3'";
		CHECK_INT(req_parse(&r, t, strlen(t), &a, &err, &col), 0);
	}
	CHECK_STR(r.name, "a.b-c_d");
	CHECK_INT(r.n_extras, 2);
	CHECK_STR(r.extras[0], "x");
	CHECK_INT(r.specs.n, 2);
	CHECK_INT(r.specs.v[0].op, SPEC_COMPATIBLE);
	CHECK(r.marker && r.marker->kind == MARKER_CMP && r.marker->lhs_var == MV_PYTHON_VERSION);
	CHECK(r.url == NULL);
	CHECK_INT(req_parse(&r, "pip @ git+https://github.com/pypa/pip.git@22.0#egg=pip", 54, &a, &err, &col), 0);
	CHECK_STR(r.url, "git+https://github.com/pypa/pip.git@22.0#egg=pip");
	/* the URL runs to whitespace, so a ';' right after it is part of it */
	CHECK_INT(req_parse(&r, "foo @ https://x;os_name=='a'", 28, &a, &err, &col), 0);
	CHECK_STR(r.url, "https://x;os_name=='a'");
	CHECK(r.marker == NULL);
	CHECK(req_name_valid("a", 1) && req_name_valid("a-b.c_d9", 8) && !req_name_valid("a-", 2) &&
	      !req_name_valid("_a", 2) && !req_name_valid("", 0) && !req_name_valid("a b", 3));
	CHECK_STR(req_name_normalize(&a, "Foo.-_Bar", 9), "foo-bar");
	/* canonicalize_name keeps a leading or trailing separator as '-' */
	CHECK_STR(req_name_normalize(&a, "Foo_", 4), "foo-");
	CHECK_STR(req_name_normalize(&a, "._a__", 5), "-a-");
	/* hostile: a long nesting of parentheses is refused, not a crash */
	{
		struct strbuf sb = STRBUF_INIT;
		strbuf_addstr(&sb, "x;");
		for (int i = 0; i < 5000; i++)
			strbuf_addch(&sb, '(');
		CHECK_INT(req_parse(&r, sb.buf, sb.len, &a, &err, &col), PM_INPUT);
		strbuf_release(&sb);
	}
	arena_release(&a);
}

/* marker, expected under env_linux with extras "" */
static const struct { const char *m; int want; } markers[] = {
	{ "python_version >= '3.8'", 1 },
	{ "python_version < '3.10'", 0 },      /* version, not string, compare */
	{ "python_version > '3.9'", 1 },
	{ "python_version == '3.13'", 1 },
	{ "python_version == '3.*'", 1 },
	{ "python_version != '3.13.0'", 0 },   /* 3.13 == 3.13.0 as versions */
	{ "python_version ~= '3.10'", 1 },
	{ "python_version ~= '3.14'", 0 },
	{ "python_version === '3.13'", 1 },
	{ "python_full_version >= '3.13.1'", 1 },
	{ "python_full_version < '3.13.2'", 0 },
	{ "python_full_version > '3.13.2'", 0 },
	{ "python_full_version <= '3.13.2'", 1 },
	{ "'3.9' < python_version", 1 },       /* variable on the right */
	{ "'3.14' < python_version", 0 },
	{ "implementation_version >= '3.13'", 1 },
	{ "os_name == 'posix'", 1 },
	{ "os_name == \"nt\"", 0 },
	{ "os_name != 'nt'", 1 },
	{ "sys_platform == 'linux'", 1 },
	{ "'linux' in sys_platform", 1 },
	{ "'lin' in sys_platform", 1 },
	{ "sys_platform in 'linux darwin'", 1 },
	{ "sys_platform not in 'win32 cygwin'", 1 },
	{ "sys_platform not in 'linux2 linux'", 0 },
	{ "platform_machine == 'x86_64'", 1 },
	{ "platform_machine in 'x86_64 aarch64'", 1 },
	{ "platform_system == 'Linux'", 1 },
	{ "platform_system < 'Windows'", 0 },  /* not a version variable: < is false */
	{ "platform_system > 'Windows'", 0 },
	{ "platform_release >= '5.10'", 1 },   /* parses: compared as versions */
	{ "platform_release < '5.9'", 0 },
	{ "platform_version == '#1 SMP'", 1 },
	{ "platform_python_implementation == 'CPython'", 1 },
	{ "implementation_name == 'cpython'", 1 },
	{ "os_name == 'posix' and python_version >= '3'", 1 },
	{ "os_name == 'nt' and python_version >= '3'", 0 },
	{ "os_name == 'nt' or python_version >= '3'", 1 },
	{ "os_name == 'nt' or os_name == 'java' or sys_platform == 'linux'", 1 },
	{ "os_name == 'nt' and os_name == 'java' or sys_platform == 'linux'", 1 },
	{ "sys_platform == 'linux' or os_name == 'nt' and os_name == 'java'", 1 }, /* and binds tighter */
	{ "(sys_platform == 'linux' or os_name == 'nt') and os_name == 'java'", 0 },
	{ "((python_version >= '3'))", 1 },
	{ "extra == 'test'", 0 },
	{ "extra == ''", 1 },
	{ "'a' == 'a'", -1 },                  /* the right side names a variable: 'a' is none */
	{ "'1.0' == '1.0.0'", -1 },
	{ "'abc' ~= 'abc'" "", -1 },
	{ "'1' ~= '1'", -1 },
	{ "python_version == '3.13' and 'x' ~= 'y'", -1 },
	{ "python_full_version == '3.13.*'", 1 },
	{ "python_full_version != '3.12.*'", 1 },
	{ "platform_machine === 'X86_64'", -1 }, /* === only on version variables */
	{ "python_version === '3.13'", 1 },
	/* a NUL from an escape is a character like any other: Python's
	 * strings carry it, so 'posix\x00' is not 'posix' */
	{ "os_name == 'posix\\x00'", 0 },
	{ "os_name != 'posix\\0'", 1 },
	{ "os_name in 'nt\\u0000posix'", 1 },
	{ "'posix\\U00000000' in os_name", 0 },
	{ "sys_platform in 'posix\\000linux'", 1 },
	{ "'\\x00' not in os_name", 1 },
};

static void env_linux(struct marker_env *env)
{
	static const char *const keys[] = {
		"python_version", "python_full_version", "os_name", "sys_platform",
		"platform_release", "platform_system", "platform_version", "platform_machine",
		"platform_python_implementation", "implementation_name", "implementation_version",
		"not_a_marker",
	};
	static const char *const values[] = {
		"3.13", "3.13.2", "posix", "linux", "6.1.0", "Linux", "#1 SMP", "x86_64",
		"CPython", "cpython", "3.13.2", "ignored",
	};
	marker_env_from_arrays(env, keys, values, 12);
}

static int eval(const char *m, const struct marker_env *env, const char *const *extras,
		size_t n_extras, struct perr *err)
{
	struct arena a = ARENA_INIT;
	const struct marker *mk;
	int res = -2, col;

	if (marker_parse(&mk, m, strlen(m), &a, err, &col)) {
		fprintf(stderr, "  parse: %s\n", err->msg);
		arena_release(&a);
		return -2;
	}
	if (marker_eval(mk, env, extras, n_extras, &res, err))
		res = -1;
	arena_release(&a);
	return res;
}

static void test_markers(void)
{
	struct marker_env env;
	struct perr err = PERR_INIT;
	struct arena a = ARENA_INIT;

	env_linux(&env);
	for (size_t i = 0; i < sizeof(markers) / sizeof(markers[0]); i++) {
		int got = eval(markers[i].m, &env, NULL, 0, &err);
		CHECK_INT(got, markers[i].want);
		if (got != markers[i].want)
			fprintf(stderr, "  marker: %s\n", markers[i].m);
	}
	/* a NUL byte in the text is refused, after a backslash too (Python:
	 * source may not hold one), whatever the marker's length says */
	{
		static const char with_nul[][16] = { "os_name == 'a\0'", "os_name == '\\\0'" };
		static const size_t len[] = { 15, 15 };
		for (size_t i = 0; i < 2; i++) {
			const struct marker *mk;
			int col = 0;
			CHECK_INT(marker_parse(&mk, with_nul[i], len[i], &a, &err, &col), PM_INPUT);
			CHECK(strstr(err.msg, "a string may not contain NUL") != NULL);
			CHECK_INT(col, 14);
		}
	}
	CHECK_INT(eval("os_name ~= 'abc'", &env, NULL, 0, &err), -1);
	CHECK_STR(err.msg, "undefined comparison '~=' between 'posix' and 'abc'");
	CHECK_INT(eval("'abc' ~= 'abc'", &env, NULL, 0, &err), -1);
	CHECK_STR(err.msg, "undefined environment name 'abc' (a comparison needs a marker "
		  "variable on one side)");

	/* extras: normalised (PEP 685), any active extra makes it true */
	{
		const char *const ex1[] = { "Test_Extra" };
		const char *const ex2[] = { "doc", "test-extra" };
		CHECK_INT(eval("extra == 'test-extra'", &env, ex1, 1, &err), 1);
		CHECK_INT(eval("extra == 'TEST.extra'", &env, ex2, 2, &err), 1);
		CHECK_INT(eval("extra == 'test'", &env, ex2, 2, &err), 0);
		CHECK_INT(eval("'test-extra' == extra", &env, ex1, 1, &err), 1);
		CHECK_INT(eval("extra != 'doc'", &env, ex2, 2, &err), 1);
		CHECK_INT(eval("extra == 'doc' and python_version < '3'", &env, ex2, 2, &err), 0);
		CHECK_INT(eval("python_version >= '3' and (extra == 'doc' or extra == 'x')", &env,
			       ex2, 2, &err), 1);
	}
	/* unset variables are an error naming the variable */
	{
		struct marker_env empty;
		memset(&empty, 0, sizeof(empty));
		CHECK_INT(eval("os_name == 'posix'", &empty, NULL, 0, &err), -1);
		CHECK_STR(err.msg, "marker variable 'os_name' is not set in the environment");
		CHECK_INT(marker_env_set(&empty, "os_name", "nt", &err), 0);
		CHECK_INT(eval("os_name == 'nt'", &empty, NULL, 0, &err), 1);
		CHECK_INT(marker_env_set(&empty, "osname", "nt", &err), PM_INPUT);
		CHECK_STR(err.msg, "unknown marker variable 'osname'");
	}
	/* a wasm target: a version variable whose value is not a version
	 * matches no version operator (packaging 26) */
	{
		static const char *const k[] = { "sys_platform", "platform_machine",
						 "python_version", "platform_release" };
		static const char *const v[] = { "emscripten", "wasm32", "3.12", "3.1.58-git" };
		struct marker_env w;
		marker_env_from_arrays(&w, k, v, 4);
		CHECK_INT(eval("sys_platform == 'emscripten' and platform_machine == 'wasm32'", &w,
			       NULL, 0, &err), 1);
		CHECK_INT(eval("platform_release >= '3.1'", &w, NULL, 0, &err), 0);
		CHECK_INT(eval("platform_release < '3.1.100'", &w, NULL, 0, &err), 0);
		CHECK_INT(eval("platform_release == '3.1.58-git'", &w, NULL, 0, &err), 1);
		CHECK_INT(eval("platform_release === '3.1.58-GIT'", &w, NULL, 0, &err), 1);
		CHECK_INT(eval("python_version < '3.13'", &w, NULL, 0, &err), 1);
	}
	/* the host */
	{
		struct marker_env h;
		CHECK_INT(marker_env_host(&h, "3.12", &a, &err), 0);
		CHECK_STR(h.values[MV_PYTHON_VERSION], "3.12");
		CHECK_STR(h.values[MV_PYTHON_FULL_VERSION], "3.12.0");
		CHECK_STR(h.values[MV_IMPLEMENTATION_NAME], "cpython");
		CHECK(h.values[MV_PLATFORM_MACHINE] && h.values[MV_PLATFORM_MACHINE][0]);
		CHECK_INT(eval("python_version == '3.12' and os_name == 'posix'", &h, NULL, 0, &err), 1);
		CHECK_INT(marker_env_host(&h, "3.13.2", &a, &err), 0);
		CHECK_STR(h.values[MV_PYTHON_VERSION], "3.13");
		CHECK_STR(h.values[MV_IMPLEMENTATION_VERSION], "3.13.2");
		CHECK_INT(marker_env_host(&h, NULL, &a, &err), 0);
		CHECK_STR(h.values[MV_PYTHON_VERSION], "3.13");
		CHECK_INT(marker_env_host(&h, "three", &a, &err), PM_USAGE);
	}
	CHECK_STR(marker_var_name(MV_PLATFORM_PYTHON_IMPLEMENTATION), "platform_python_implementation");
	CHECK_INT(marker_var_lookup("sys.platform", 12), MV_SYS_PLATFORM);
	CHECK_INT(marker_var_lookup("sys_platformx", 13), -1);
	arena_release(&a);
}

/* packaging 26's evaluation: Python string literals, strings compared as
 * strings for variables that are not versions, the variable named by the
 * right side when the left is a string, the python_full_version repair,
 * PEP 751's set-valued extras and dependency_groups. */
static void test_markers_packaging26(void)
{
	static const struct { const char *m; int want; } cases[] = {
		/* escapes decode before comparing */
		{ "os_name == 'pos\\x69x'", 1 },
		{ "os_name == 'po\\163ix'", 1 },
		{ "'\\u0070osix' == os_name", 1 },
		{ "os_name == '\\U00000070osix'", 1 },
		{ "os_name == 'pos\\\nix'", 1 },          /* backslash-newline joins */
		{ "platform_version == '#1\\x20SMP'", 1 },
		{ "platform_version == '#1\\tSMP'", 0 },
		{ "os_name == 'posix\\d'", 0 },           /* unknown escape kept: 'posix\d' */
		{ "'x\\d' == 'x\\\\d'", -1 },           /* right side names no variable */
		/* strings that are not version variables: < > false, <= >= mean == */
		{ "os_name < 'zzz'", 0 },
		{ "os_name > 'a'", 0 },
		{ "os_name <= 'posix'", 1 },
		{ "os_name >= 'posix'", 1 },
		{ "os_name >= 'a'", 0 },
		{ "os_name <= 'zzz'", 0 },
		{ "os_name === 'posix'", -1 },
		{ "os_name ~= 'posix'", -1 },
		{ "platform_version >= '#1'", 0 },
		{ "implementation_name != 'pypy'", 1 },
		/* a version variable whose operand makes no specifier: strings */
		{ "python_version == '3.13,<4'", 0 },
		{ "python_version >= '3.*'", 0 },
		{ "python_version in '3.13 3.14'", 1 },
		{ "python_version ~= '3'", -1 },            /* '~=3' is no specifier */
		/* version variables admit pre-releases */
		{ "python_full_version >= '3.14'", 0 },
		{ "python_full_version > '3.13'", 1 },
		{ "python_full_version == '3.14.0rc1'", 1 },
		{ "python_full_version === '3.14.0RC1'", 1 },
		{ "python_full_version === '3.14.0c1'", 0 }, /* as written, not normalized */
		/* the right side names the variable when the left is a string */
		{ "'posix' == 'os_name'", 1 },
		{ "'3.14' <= 'python_version'", 1 },
		{ "python_version == python_version", 0 },  /* "3.14" vs the name */
		{ "'a' == 'os.name'", -1 },                 /* legacy spellings are not names */
		/* extra: both sides normalized as packaging's canonicalize_name */
		{ "extra == '-Doc'", 0 },
		{ "extra == 'DOC'", 1 },
		{ "'Doc' == extra", 1 },
		/* Python's str.lower: U+212A KELVIN SIGN lowers to ASCII 'k' (as
		 * \u escape or as UTF-8); U+0130 lowers to 'i' and U+0307, not
		 * ASCII, and other letters stay unequal to any ASCII name */
		{ "extra == 'Doc' and 'DOC' == extra", 1 },
	};
	static const struct { const char *m, *name; int want; } kelvin[] = {
		{ "extra == '\\u212Aafka'", "kafka", 1 },
		{ "extra == '\xe2\x84\xaa" "afka'", "kafka", 1 },
		{ "extra == '\\u212a'", "k", 1 },
		{ "extra == '\\u0130'", "i", 0 },
		{ "extra == '\\u00c4'", "a", 0 },
		{ "'\\u212Aafka' in extras", "kafka", 1 },
	};
	static const char *const keys[] = { "python_version", "python_full_version", "os_name",
					    "platform_version", "implementation_name" };
	static const char *const vals[] = { "3.14", "3.14.0rc1", "posix", "#1 SMP", "cpython" };
	const char *const doc[] = { "doc" };
	struct marker_env env;
	struct perr err = PERR_INIT;

	marker_env_from_arrays(&env, keys, vals, 5);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int got = eval(cases[i].m, &env, doc, 1, &err);
		CHECK_INT(got, cases[i].want);
		if (got != cases[i].want)
			fprintf(stderr, "  marker: %s\n", cases[i].m);
	}
	for (size_t i = 0; i < sizeof(kelvin) / sizeof(kelvin[0]); i++) {
		const char *const names[] = { kelvin[i].name };
		struct marker_env e = env;
		int got;
		e.extras.v = names, e.extras.n = 1, e.extras.given = 1;
		got = eval(kelvin[i].m, &e, names, 1, &err);
		CHECK_INT(got, kelvin[i].want);
		if (got != kelvin[i].want)
			fprintf(stderr, "  marker: %s\n", kelvin[i].m);
	}
	/* python_full_version "3.13.0+" (an untagged build) reads as 3.13.0+local */
	{
		static const char *const k[] = { "python_full_version" };
		static const char *const v[] = { "3.13.0+" };
		struct marker_env e;
		marker_env_from_arrays(&e, k, v, 1);
		CHECK_INT(eval("python_full_version == '3.13.0'", &e, NULL, 0, &err), 1);
		CHECK_INT(eval("python_full_version > '3.13.0'", &e, NULL, 0, &err), 0);
	}
	/* PEP 751's set-valued markers */
	{
		const char *const ex[] = { "Foo_Bar", "test" };
		const char *const groups[] = { "Dev.Tools" };
		struct marker_env e;
		marker_env_from_arrays(&e, keys, vals, 5);
		CHECK_INT(eval("'foo-bar' in extras", &e, NULL, 0, &err), -1);
		CHECK_STR(err.msg, "marker variable 'extras' is not set in the environment");
		e.extras.v = ex, e.extras.n = 2, e.extras.given = 1;
		e.dependency_groups.given = 1;
		CHECK_INT(eval("'foo-bar' in extras", &e, NULL, 0, &err), 1);
		CHECK_INT(eval("'FOO.bar' in extras and 'test' in extras", &e, NULL, 0, &err), 1);
		CHECK_INT(eval("'doc' not in extras", &e, NULL, 0, &err), 1);
		CHECK_INT(eval("'foo' in extras", &e, NULL, 0, &err), 0);   /* names, not substrings */
		CHECK_INT(eval("'dev-tools' in dependency_groups", &e, NULL, 0, &err), 0);
		e.dependency_groups.v = groups, e.dependency_groups.n = 1;
		CHECK_INT(eval("'dev_tools' in dependency_groups", &e, NULL, 0, &err), 1);
		CHECK_INT(eval("'test' == extras", &e, NULL, 0, &err), 0);
		CHECK_INT(eval("'test' != extras", &e, NULL, 0, &err), 1);
		CHECK_INT(eval("'test' ~= extras", &e, NULL, 0, &err), -1);
		CHECK_INT(eval("extras == 'test'", &e, NULL, 0, &err), -1);
		CHECK_STR(err.msg, "the set-valued marker 'extras' can only be used as '\"name\" in "
			  "extras'");
		CHECK_INT(marker_env_set(&e, "extras", "x", &err), PM_INPUT);
		CHECK_STR(err.msg, "marker variable 'extras' holds a set of names, not a string");
	}
	/* \N{NAME} as Python's string literals read it: names and aliases of
	 * every kind (correction, control, alternate, figment, abbreviation)
	 * ignoring ASCII case; HANGUL SYLLABLE and CJK UNIFIED IDEOGRAPH-
	 * worked out (uppercase); CJK COMPATIBILITY IDEOGRAPH-, NUSHU and
	 * KHITAN names are in the table as UnicodeData.txt lists them */
	{
		static const struct { const char *name, *utf8; } names[] = {
			{ "LATIN SMALL LETTER A", "a" }, { "latin small LETTER a", "a" },
			{ "DIGIT ONE", "1" }, { "LINE FEED", "\n" }, { "LF", "\n" },
			{ "end of line", "\n" }, { "NULL", "\xc0\x80" }, { "nul", "\xc0\x80" },
			{ "BYTE ORDER MARK", "\xef\xbb\xbf" }, { "BOM", "\xef\xbb\xbf" },
			{ "LATIN CAPITAL LETTER GHA", "\xc6\xa2" }, /* correction of U+01A2 */
			{ "LATIN CAPITAL LETTER OI", "\xc6\xa2" },
			{ "KELVIN SIGN", "\xe2\x84\xaa" }, { "HANGUL JUNGSEONG O-E", "\xe1\x86\x80" },
			{ "HANGUL JUNGSEONG OE", "\xe1\x85\xac" },
			{ "TIBETAN MARK BKA- SHOG GI MGO RGYAN", "\xe0\xbf\x90" },
			{ "CJK UNIFIED IDEOGRAPH-4E00", "\xe4\xb8\x80" },
			{ "CJK UNIFIED IDEOGRAPH-04E00", "\xe4\xb8\x80" },
			{ "CJK UNIFIED IDEOGRAPH-2B739", "\xf0\xab\x9c\xb9" }, /* new in 15.0 */
			{ "CJK UNIFIED IDEOGRAPH-31350", "\xf0\xb1\x8d\x90" }, /* Ext. H, 15.0 */
			{ "cjk compatibility ideograph-f900", "\xef\xa4\x80" },
			{ "HANGUL SYLLABLE GA", "\xea\xb0\x80" }, { "HANGUL SYLLABLE A", "\xec\x95\x84" },
			{ "HANGUL SYLLABLE GAGG", "\xea\xb0\x82" },
			{ "HANGUL SYLLABLE HIH", "\xed\x9e\xa3" }, /* the last, U+D7A3 */
			{ "NUSHU CHARACTER-1B170", "\xf0\x9b\x85\xb0" },
			{ "Khitan Small Script Character-18B00", "\xf0\x98\xac\x80" },
			{ "ZERO WIDTH SPACE", "\xe2\x80\x8b" }, { "ZWSP", "\xe2\x80\x8b" },
			{ "EGYPTIAN HIEROGLYPH A001", "\xf0\x93\x80\x80" },
		};
		for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
			struct arena a = ARENA_INIT;
			const struct marker *m;
			char src[128];
			snprintf(src, sizeof(src), "os_name == 'x\\N{%s}y'", names[i].name);
			int rc = marker_parse(&m, src, strlen(src), &a, &err, NULL);
			CHECK_INT(rc, 0);
			if (!rc) {
				char want[32];
				snprintf(want, sizeof(want), "x%sy", names[i].utf8);
				CHECK_STR(m->rhs, want);
			} else {
				fprintf(stderr, "  %s\n", err.msg);
			}
			arena_release(&a);
		}
	}
	/* the decoded string, byte for byte, and a form pip reads back */
	{
		struct arena a = ARENA_INIT;
		struct strbuf sb = STRBUF_INIT;
		const struct marker *m, *m2;
		const char *src = "os_name == '\\x41\\n\\\\\\u00e9\\101\\x22'";
		CHECK_INT(marker_parse(&m, src, strlen(src), &a, &err, NULL), 0);
		CHECK_STR(m->rhs, "A\n\\\xc3\xa9" "A\"");
		marker_format(m, &sb);
		CHECK_STR(sb.buf, "os_name == \"A\\n\\\\\xc3\xa9" "A\\x22\"");
		CHECK_INT(marker_parse(&m2, sb.buf, sb.len, &a, &err, NULL), 0);
		CHECK_STR(m2->rhs, m->rhs);
		strbuf_release(&sb);
		arena_release(&a);
	}
}

/* A marker's text as packaging 26.3's str(Marker) writes it: strings raw,
 * between '"' unless they hold one; where that text would not read back
 * as the same string, an escaped literal that does. */
static void test_marker_text(void)
{
	static const struct { const char *in, *text; } cases[] = {
		/* raw, as packaging writes them: they read back the same */
		{ "os_name == 'a\\x07b'", "os_name == \"a\x07" "b\"" },
		{ "os_name == '\\x0c\\x1b\\x7f\\t'", "os_name == \"\x0c\x1b\x7f\t\"" },
		{ "os_name == 'a\\\\d'", "os_name == \"a\\d\"" }, /* \d is no escape */
		{ "os_name == 'say \"hi\"'", "os_name == 'say \"hi\"'" },
		{ "os_name == \"it's\"", "os_name == \"it's\"" },
		{ "os_name == '\\u00e9\\N{KELVIN SIGN}'", "os_name == \"\xc3\xa9\xe2\x84\xaa\"" },
		/* a name compared with extra (or looked up in extras) is written
		 * as canonicalize_name leaves it: Python's str.lower, full
		 * mappings without language rules (U+0130 is i + U+0307), capital
		 * sigma final after a cased letter with none after, past
		 * case-ignorable ones such as '.'; then -_. runs as '-' */
		{ "extra == '\u00c4'", "extra == \"\xc3\xa4\"" },
		{ "extra == 'Caf\u00c9_X'", "extra == \"caf\xc3\xa9-x\"" },
		{ "extra == '\u0130'", "extra == \"i\xcc\x87\"" },
		{ "extra == '\u1e9e'", "extra == \"\xc3\x9f\"" },
		{ "extra == '\u212a'", "extra == \"k\"" },
		{ "extra == '\u2126'", "extra == \"\xcf\x89\"" },
		{ "extra == '\u0391\u03a3'", "extra == \"\xce\xb1\xcf\x82\"" },
		{ "extra == '\u03a3'", "extra == \"\xcf\x83\"" },
		{ "extra == '\u03a3\u0391'", "extra == \"\xcf\x83\xce\xb1\"" },
		{ "extra == 'a\u03a3.b'", "extra == \"a\xcf\x83-b\"" },
		{ "extra == 'a\u03a3-b'", "extra == \"a\xcf\x82-b\"" },
		{ "extra == 'a\u00ad\u03a3\u00ad'", "extra == \"a\xc2\xad\xcf\x82\xc2\xad\"" },
		{ "'\u00c4' in extras", "\"\xc3\xa4\" in extras" },
		{ "os_name == '\u00c4'", "os_name == \"\xc3\x84\"" }, /* not a name */
		/* escaped: packaging's raw text would read back as another
		 * string or not at all, or (both quotes) it refuses to write */
		{ "os_name == 'a\\\\b'", "os_name == \"a\\\\b\"" },
		{ "os_name == 'a\\\\'", "os_name == \"a\\\\\"" },
		{ "os_name == 'a\\\\x41'", "os_name == \"a\\\\x41\"" },
		{ "os_name == 'a\\nb'", "os_name == \"a\\nb\"" },
		{ "os_name == 'a\\rb'", "os_name == \"a\\rb\"" },
		{ "os_name == 'a\\x00b'", "os_name == \"a\\x00b\"" },
		{ "os_name == 'a\\ud800b'", "os_name == \"a\\ud800b\"" },
		/* bytes that are no UTF-8 (never from a requirements file, which
		 * is decoded) stay raw, a surrogate's lead among them */
		{ "os_name == '\xed\xed\xa0'", "os_name == \"\xed\xed\xa0\"" },
		{ "os_name == \"it's \\x22x\\x22\\x07\"", "os_name == \"it's \\x22x\\x22\\x07\"" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct arena a = ARENA_INIT;
		struct strbuf sb = STRBUF_INIT;
		struct perr err = PERR_INIT;
		const struct marker *m, *m2;
		const char *in = cases[i].in;
		CHECK_INT(marker_parse(&m, in, strlen(in), &a, &err, NULL), 0);
		if (m) {
			marker_format(m, &sb);
			CHECK_STR(sb.buf, cases[i].text);
			/* and it reads back as the same string */
			CHECK_INT(marker_parse(&m2, sb.buf, sb.len, &a, &err, NULL), 0);
			if (m2)
				CHECK_STR(m2->rhs, m->rhs);
		}
		strbuf_release(&sb);
		arena_release(&a);
	}
}

int main(void)
{
	test_marker_text();
	test_requirements();
	test_markers();
	test_markers_packaging26();
	return TEST_DONE("test_pep508");
}
