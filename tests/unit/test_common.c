/* test_common.c: strbuf (including its maximum), arena, strmap, JSON writer,
 * UTF-8 and path helpers. */
#include "../../common/common.h"
#include "test.h"

#include <stdlib.h>

static void test_strbuf(void)
{
	struct strbuf sb = STRBUF_INIT;
	char *p;
	size_t n;

	CHECK(sb.buf != NULL);
	CHECK_STR(sb.buf, "");
	strbuf_addstr(&sb, "abc");
	strbuf_addf(&sb, "-%d-", 42);
	strbuf_addch(&sb, 'x');
	CHECK_STR(sb.buf, "abc-42-x");
	CHECK_INT(sb.len, 8);
	sb.max = 10;
	CHECK_INT(strbuf_addstr(&sb, "12"), 0);
	CHECK_INT(strbuf_addstr(&sb, "3"), -1);
	CHECK_STR(sb.buf, "abc-42-x12");
	p = strbuf_detach(&sb, &n);
	CHECK_INT(n, 10);
	CHECK_STR(sb.buf, "");
	free(p);
	strbuf_release(&sb);
}

static void test_arena(void)
{
	struct arena a = ARENA_INIT;
	char *big;

	int misaligned = 0;

	for (int i = 0; i < 10000; i++)
		misaligned += ((uintptr_t)arena_alloc(&a, (size_t)i % 37) & 15) != 0;
	CHECK_INT(misaligned, 0);
	big = arena_alloc(&a, 1 << 20);
	big[(1 << 20) - 1] = 'x';
	CHECK_STR(arena_printf(&a, "%s.%s", "yaml", "cyaml"), "yaml.cyaml");
	CHECK_STR(arena_strndup(&a, "abcdef", 3), "abc");
	arena_release(&a);
}

static void test_strmap(void)
{
	struct strmap m = STRMAP_INIT;
	int created, v1 = 1, v2 = 2;
	char key[32];

	strmap_put(&m, "numpy", &created)->value = &v1;
	CHECK_INT(created, 1);
	strmap_put(&m, "numpy", &created);
	CHECK_INT(created, 0);
	strmap_put(&m, "yaml", NULL)->value = &v2;
	CHECK(strmap_get(&m, "numpy") == &v1);
	CHECK(strmap_get(&m, "yaml") == &v2);
	CHECK(strmap_get(&m, "nope") == NULL);
	for (int i = 0; i < 1000; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		strmap_put(&m, key, NULL);
	}
	CHECK_INT(m.count, 1002);
	CHECK(strmap_has(&m, "k999"));
	CHECK(strmap_get(&m, "yaml") == &v2);
	strmap_release(&m);
}

static void test_json(void)
{
	struct strbuf sb = STRBUF_INIT;
	struct json j;

	json_init(&j, &sb);
	json_begin_object(&j);
	json_kv_string(&j, "schema", "x/1");
	json_key(&j, "list");
	json_begin_array(&j);
	json_int(&j, 1);
	json_string(&j, "a\"b\n\x01\xff");
	json_end_array(&j);
	json_key(&j, "empty");
	json_begin_array(&j);
	json_end_array(&j);
	json_end_object(&j);
	CHECK_STR(sb.buf, "{\n  \"schema\": \"x/1\",\n  \"list\": [\n    1,\n"
			  "    \"a\\\"b\\n\\u0001\\ufffd\"\n  ],\n  \"empty\": []\n}\n");
	strbuf_release(&sb);
}

static void test_text(void)
{
	struct arena a = ARENA_INIT;

	CHECK_INT(utf8_valid_prefix((const unsigned char *)"h\xc3\xa9llo", 6), 6);
	CHECK_INT(utf8_valid_prefix((const unsigned char *)"ab\xc3", 3), 2);
	CHECK_INT(utf8_valid_prefix((const unsigned char *)"\xed\xa0\x80", 3), 0);
	CHECK_INT(utf8_valid_prefix((const unsigned char *)"\xc0\x80", 2), 0);
	CHECK_STR(printable(&a, "a\nb\xff", 4), "a\\x0ab\\xff");
	/* runs of printable bytes between escapes, at both ends, UTF-8 kept */
	CHECK_STR(printable(&a, "", 0), "");
	CHECK_STR(printable(&a, "\x1b[31mred\x7f", 9), "\\x1b[31mred\\x7f");
	CHECK_STR(printable(&a, "caf\xc3\xa9\r\n\xc3\xa9t\xc3", 11), "caf\xc3\xa9\\x0d\\x0a\xc3\xa9t\\xc3");
	CHECK_STR(printable(&a, "a\0b", 3), "a\\x00b");
	CHECK_STR(printable(&a, "\xff\xfe", 2), "\\xff\\xfe");
	CHECK(path_is_safe_member("pkg/mod.py"));
	CHECK(!path_is_safe_member("../etc/passwd"));
	CHECK(!path_is_safe_member("a/../../b"));
	CHECK(!path_is_safe_member("/abs"));
	CHECK(!path_is_safe_member("C:\\x"));
	CHECK(!path_is_safe_member("a\\..\\b"));
	CHECK(path_is_safe_member("a/..b/c"));
	CHECK_STR(path_basename("a/b/c.whl"), "c.whl");
	CHECK(ends_with_ci("X.WHL", ".whl"));
	arena_release(&a);
}

/* libraries opened on first use: a missing one, or a missing symbol, is an
 * error naming it and its Debian package, asked again without a retry */
static void test_dl(void)
{
	struct pm_dl nolib = { .soname = "libpymode-no-such-lib.so.9", .package = "nosuch" };
	struct pm_dl libz = { .soname = "libz.so.1", .package = "zlib1g" };
	struct perr err = PERR_INIT;

	CHECK(pm_dl_open(&nolib, &err) == PM_INPUT);
	CHECK(strstr(err.msg, "cannot load libpymode-no-such-lib.so.9") != NULL);
	CHECK(strstr(err.msg, "install Debian's nosuch package") != NULL);
	err = (struct perr)PERR_INIT;
	CHECK(pm_dl_open(&nolib, &err) == PM_INPUT && strstr(err.msg, "nosuch") != NULL);
	err = (struct perr)PERR_INIT;
	CHECK(pm_dl_open(&libz, &err) == 0);
	CHECK(pm_dl_sym(&libz, "zlibVersion", &err) != NULL);
	CHECK(pm_dl_sym(&libz, "pymode_no_such_symbol", &err) == NULL);
	CHECK(strstr(err.msg, "libz.so.1 has no 'pymode_no_such_symbol'") != NULL);
}

int main(void)
{
	test_dl();
	test_strbuf();
	test_arena();
	test_strmap();
	test_json();
	test_text();
	return TEST_DONE("common");
}
