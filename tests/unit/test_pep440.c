/* test_pep440.c: PEP 440 versions (normalisation, invalid input, ordering,
 * predicates) and specifiers (every operator, wildcards, local versions,
 * exclusive comparisons, pre-release rules), as data tables. */
#include "../../resolver/resolver.h"
#include "test.h"

#include <stdlib.h>

static const struct { const char *in, *norm; } norm_cases[] = {
	/* the separator after a pre, post or dev label is taken even when no
	 * number follows (packaging's [-_\.]? before an optional number) */
	{ "1.0c-", "1.0rc0" }, { "1.0-post-", "1.0.post0" }, { "1.0a.dev", "1.0a0.dev0" },
	{ "1.0.dev_", "1.0.dev0" }, { "1.0b_.post.dev.", "1.0b0.post0.dev0" },
	{ "1.0rc.+loc", "1.0rc0+loc" },
	{ "1.0", "1.0" },
	{ "  1.0\n", "1.0" },
	{ "v1.0", "1.0" },
	{ "V1.0", "1.0" },
	{ "1.0a1", "1.0a1" },
	{ "1.0A1", "1.0a1" },
	{ "1.0alpha1", "1.0a1" },
	{ "1.0-alpha-1", "1.0a1" },
	{ "1.0.alpha.1", "1.0a1" },
	{ "1.0_a_1", "1.0a1" },
	{ "1.0a", "1.0a0" },
	{ "1.0beta2", "1.0b2" },
	{ "1.0b", "1.0b0" },
	{ "1.0c1", "1.0rc1" },
	{ "1.0pre1", "1.0rc1" },
	{ "1.0preview1", "1.0rc1" },
	{ "1.0RC1", "1.0rc1" },
	{ "1.0rc", "1.0rc0" },
	{ "1.0-1", "1.0.post1" },
	{ "1.0post1", "1.0.post1" },
	{ "1.0.post", "1.0.post0" },
	{ "1.0-post-2", "1.0.post2" },
	{ "1.0rev3", "1.0.post3" },
	{ "1.0r4", "1.0.post4" },
	{ "1.0.r", "1.0.post0" },
	{ "1.0dev", "1.0.dev0" },
	{ "1.0-dev-2", "1.0.dev2" },
	{ "1.0.DEV3", "1.0.dev3" },
	{ "1!1.0", "1!1.0" },
	{ "0!1.0", "1.0" },
	{ "01.02.003", "1.2.3" },
	{ "1.0+ubuntu-1", "1.0+ubuntu.1" },
	{ "1.0+UBUNTU_1.02", "1.0+ubuntu.1.2" },
	{ "1.0+abc.007", "1.0+abc.7" },
	{ "1.0a1.post2.dev3", "1.0a1.post2.dev3" },
	{ "1.0-a1-post2-dev3", "1.0a1.post2.dev3" },
	{ "2!1.0rc1-3.dev4+local.5", "2!1.0rc1.post3.dev4+local.5" },
	{ "1.0.0.0.0", "1.0.0.0.0" },
	{ "1.0-r4", "1.0.post4" },
	{ "1.0a.1", "1.0a1" },
	{ "1.0.a.post", "1.0a0.post0" },
	{ "18446744073709551615", "18446744073709551615" },
};

/* pep440_cmp of two valid versions */
static int vcmp(const char *a, const char *b)
{
	struct pep440 x, y;
	struct perr err = PERR_INIT;

	CHECK_INT(pep440_parse(&x, a, strlen(a), &err), 0);
	CHECK_INT(pep440_parse(&y, b, strlen(b), &err), 0);
	return pep440_cmp(&x, &y);
}

static const char *const invalid[] = {
	"", "   ", "v", "1.", ".1", "1..0", "1.0-", "1.0+", "1.0+a..b", "1.0+a-", "a1.0",
	"1.0 a1", "1.0foo", "1.0-foo", "1!", "!1.0", "1.0a1a1", "1.0.dev1.post1",
	"1.0+local+again", "1.0.post1.post2", "1,0", "1.0\x01",
	"french toast", "1.0-1-1", "1.0b1.a1",
};

/* Strictly ascending: PEP 440's example list and more. */
static const char *const ascending[] = {
	"1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456",
	"1.0b2", "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0",
	"1.0+abc.5", "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15",
	"1.1.dev1", "1.1a1", "1.1", "1.1.post1", "1.2.dev0", "2.0", "2.0.1", "10.0",
	"1!0.1", "1!1.0.dev1", "1!1.0", "2!0.0.1",
};

/* Tricky pairs: a OP b where OP is -1, 0 or 1. */
static const struct { const char *a; int want; const char *b; } pairs[] = {
	{ "1.0", 0, "1.0.0" }, { "1.0", 0, "1" }, { "1.0.0.0", 0, "1" },
	{ "1.0.1", 1, "1.0" }, { "1.0a1", 0, "1.0.0a1" }, { "1.0.post1", 0, "1.0.0.post1" },
	{ "1.0.dev0", -1, "1.0a0.dev0" }, { "1.0.dev0", -1, "1.0a0" }, { "1.0a0.dev0", -1, "1.0a0" },
	{ "1.0.dev1", -1, "1.0" }, { "1.0.dev1", 1, "0.9.post9" }, { "1.0a1", -1, "1.0b1" },
	{ "1.0b1", -1, "1.0rc1" }, { "1.0c1", 0, "1.0rc1" }, { "1.0rc1", -1, "1.0" },
	{ "1.0", -1, "1.0.post0" }, { "1.0.post0.dev1", 1, "1.0" }, { "1.0.post0.dev1", -1, "1.0.post0" },
	{ "1.0.post1", -1, "1.0.1" }, { "1.0a1.post1", -1, "1.0a2" }, { "1.0a1.post1", 1, "1.0a1" },
	{ "1.0a1.post1.dev1", 1, "1.0a1" }, { "1.0a1.post1.dev1", -1, "1.0a1.post1" },
	{ "1.0a1.dev1", -1, "1.0a1" }, { "1.0a1.dev1", 1, "1.0.dev1" },
	{ "1.0", -1, "1.0+0" }, { "1.0+0", 0, "1.0+00" }, { "1.0+a", -1, "1.0+0" },
	{ "1.0+a", -1, "1.0+b" }, { "1.0+a", -1, "1.0+a.0" }, { "1.0+a.b", -1, "1.0+a.0" },
	{ "1.0+9", -1, "1.0+10" }, { "1.0+abc", 1, "1.0+ab" }, { "1.0+ABC", 0, "1.0+abc" },
	{ "1.0+a-b", 0, "1.0+a.b" }, { "1.0+a_b", 0, "1.0+a.b" }, { "1.0+1.2", -1, "1.0+1.10" },
	{ "1.0+local", -1, "1.0.post1" }, { "1.0+local", -1, "1.0.1" }, { "1.0rc1+local", -1, "1.0" },
	{ "1!0.1", 1, "99999" }, { "0!1.0", 0, "1.0" }, { "1!1.0", -1, "2!0.1" },
	{ "1.2", -1, "1.10" }, { "1.2.0", -1, "1.10" }, { "1.9.9", -1, "1.10" },
	{ "2.0", 1, "1.99999999999" }, { "1.0-1", 0, "1.0.post1" }, { "1.0.r1", 0, "1.0.post1" },
	{ "1.0rev1", 0, "1.0-1" }, { "v1.0", 0, "1.0" }, { "1.0alpha", 0, "1.0a0" },
	{ "1.0.dev", 0, "1.0.dev0" }, { "1.0.dev9", -1, "1.0.dev10" }, { "1.0a9", -1, "1.0a10" },
	{ "1.0.post9", -1, "1.0.post10" }, { "1.0b2.post345.dev456", -1, "1.0b2.post345" },
	{ "1.0b2.post345", -1, "1.0rc1.dev456" }, { "1.0.post456.dev34", 1, "1.0+zzz" },
	{ "1.0.15", 1, "1.0.post456" }, { "0.0", 0, "0" }, { "0", -1, "0.0.0.1" },
	{ "0.0.0.0.1.dev0", 1, "0" }, { "1.0a0", 1, "1.0.dev99999" },
	{ "18446744073709551615", 1, "18446744073709551614" },
};

static int sign(int x)
{
	return x < 0 ? -1 : x > 0;
}

static struct pep440 V(const char *s)
{
	struct pep440 v;
	struct perr err = PERR_INIT;

	if (pep440_parse(&v, s, strlen(s), &err)) {
		fprintf(stderr, "unexpected: %s\n", err.msg);
		memset(&v, 0, sizeof(v));
	}
	return v;
}

static void test_versions(void)
{
	struct perr err = PERR_INIT;
	struct pep440 v, w;
	char buf[512];

	for (size_t i = 0; i < sizeof(norm_cases) / sizeof(norm_cases[0]); i++) {
		CHECK_INT(pep440_parse(&v, norm_cases[i].in, strlen(norm_cases[i].in), &err), 0);
		pep440_to_buf(&v, buf, sizeof(buf));
		CHECK_STR(buf, norm_cases[i].norm);
		/* the normalized form parses back to the same thing */
		CHECK_INT(pep440_parse(&w, buf, strlen(buf), &err), 0);
		CHECK_INT(pep440_cmp(&v, &w), 0);
	}
	for (size_t i = 0; i < sizeof(invalid) / sizeof(invalid[0]); i++) {
		int rc = pep440_parse(&v, invalid[i], strlen(invalid[i]), &err);
		CHECK_INT(rc, PM_INPUT);
		if (!rc)
			fprintf(stderr, "  accepted '%s'\n", invalid[i]);
		CHECK(!strncmp(err.msg, "invalid version '", 17));
	}
	pep440_parse(&v, "1.0-foo", 7, &err);
	CHECK_STR(err.msg, "invalid version '1.0-foo': unexpected text '-foo'");
	pep440_parse(&v, "1.0\x01", 4, &err);
	CHECK_STR(err.msg, "invalid version '1.0\\x01': unexpected text '\\x01'");
	/* not NUL-terminated: the parser must stop at n */
	CHECK_INT(pep440_parse(&v, "1.2345", 3, &err), 0);
	pep440_to_buf(&v, buf, sizeof(buf));
	CHECK_STR(buf, "1.2");
	/* limits */
	{
		struct strbuf sb = STRBUF_INIT;
		/* the release is bounded by its normalized length (255
		 * characters: any version a file name can carry), not by its
		 * segments or their size */
		for (int i = 0; i < 128; i++)
			strbuf_addstr(&sb, i ? ".1" : "1");
		CHECK_INT(pep440_parse(&v, sb.buf, sb.len, &err), 0);
		CHECK_INT(v.n_release, 128);
		for (int lead = 0; lead < 2; lead++) {
			strbuf_reset(&sb);
			strbuf_addstr(&sb, lead ? "v0!1" : "v0!");
			for (int i = 0; i < 127; i++)
				strbuf_addstr(&sb, i ? ".000" : "00");
			strbuf_addstr(&sb, ".9rc0"); /* 255 (lead: 256) normalized;
							the number 0 takes no room */
			CHECK_INT(pep440_parse(&v, sb.buf, sb.len, &err), lead ? PM_INPUT : 0);
			if (lead) {
				CHECK(strstr(err.msg, "': release longer than 255 characters "
					     "(normalized)") != NULL);
			} else {
				CHECK_INT((int)v.n_release, 128);
				CHECK_INT((int)strlen(v.release), 255);
			}
		}
		/* the release and the numbers share the 255: a 253-character
		 * release leaves room for 2 digits, in any of the numbers */
		strbuf_reset(&sb);
		for (int i = 0; i < 127; i++)
			strbuf_addstr(&sb, i ? ".1" : "1");
		for (int k = 0; k < 5; k++) {
			static const char *const fmt[][2] = {
				{ "100!%s", "99!%s" }, { "%sa100", "%sa99" },
				{ "%s.post100", "%s-99" }, { "%s.dev100", "%s.dev99" },
				{ "%sa1.post1.dev1", "%sa1.post1.dev0" } };
			char ver[600];
			for (int fits = 0; fits < 2; fits++) {
				snprintf(ver, sizeof(ver), fmt[k][fits], sb.buf);
				CHECK_INT(pep440_parse(&v, ver, strlen(ver), &err), fits ? 0 : PM_INPUT);
				if (!fits)
					CHECK(strstr(err.msg, "': release and numbers longer than 255 "
						     "characters (normalized)") != NULL);
			}
		}
		/* numbers past 64 bits, as Python's int */
		CHECK(vcmp("1.18446744073709551616", "1.18446744073709551615") > 0);
		CHECK(vcmp("1.99999999999999999999999", "1.100000000000000000000000") < 0);
		CHECK(vcmp("1.0000000000000000000000002", "1.2") == 0);
		CHECK(vcmp("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1",
			   "1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.1") < 0);
		CHECK(vcmp("1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0", "1") == 0);
		CHECK(vcmp("18446744073709551616!1", "18446744073709551615!2") > 0);
		CHECK(vcmp("1.0a18446744073709551616", "1.0a18446744073709551615.post9") > 0);
		CHECK(vcmp("1.0.post99999999999999999999999999", "1.0.post100000000000000000000000000") < 0);
		CHECK(vcmp("1.0.dev000000000000000000000000000000000000007", "1.0.dev7") == 0);
		CHECK(vcmp("0000!1.0rc0000", "1.0rc") == 0);
		{
			static const char *const big[][2] = {
				{ "0099999999999999999999999!1.0rc00123456789012345678901"
				  ".post0.dev-00018446744073709551616",
				  "99999999999999999999999!1.0rc123456789012345678901.post0"
				  ".dev18446744073709551616" },
				{ "1.0-00", "1.0.post0" },
				{ "1!1.0a0", "1!1.0a0" },
			};
			for (size_t i = 0; i < sizeof(big) / sizeof(big[0]); i++) {
				CHECK_INT(pep440_parse(&v, big[i][0], strlen(big[i][0]), &err), 0);
				pep440_to_buf(&v, buf, sizeof(buf));
				CHECK_STR(buf, big[i][1]);
				/* the normal form reads back the same */
				CHECK_INT(pep440_parse(&w, buf, strlen(buf), &err), 0);
				CHECK_INT(pep440_cmp(&v, &w), 0);
			}
		}
		/* base keeps the epoch's digits, whatever the numbers after */
		v = V("123456789012345678901234567890!1.0rc98765432109876543210.post5.dev7");
		pep440_base(&v, &w);
		pep440_to_buf(&w, buf, sizeof(buf));
		CHECK_STR(buf, "123456789012345678901234567890!1.0");
		/* a hostile number is refused after one pass over its digits */
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "1.0.post");
		for (int i = 0; i < 1000000; i++)
			strbuf_addch(&sb, '7');
		CHECK_INT(pep440_parse(&v, sb.buf, sb.len, &err), PM_INPUT);
		CHECK(strstr(err.msg, "release and numbers longer than 255") != NULL);
		/* ... but its leading zeros take no room */
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "1.0.post");
		for (int i = 0; i < 1000000; i++)
			strbuf_addch(&sb, '0');
		strbuf_addch(&sb, '5');
		CHECK_INT(pep440_parse(&v, sb.buf, sb.len, &err), 0);
		pep440_to_buf(&v, buf, sizeof(buf));
		CHECK_STR(buf, "1.0.post5");
		strbuf_reset(&sb);
		strbuf_addstr(&sb, "1+");
		for (int i = 0; i < PEP440_LOCAL_MAX; i++)
			strbuf_addch(&sb, 'a');
		CHECK_INT(pep440_parse(&v, sb.buf, sb.len, &err), PM_INPUT);
		strbuf_release(&sb);
	}
	/* predicates */
	v = V("1.0a1");
	CHECK(pep440_is_prerelease(&v) && !pep440_is_postrelease(&v) && !pep440_is_devrelease(&v));
	v = V("1.0.dev1");
	CHECK(pep440_is_prerelease(&v) && pep440_is_devrelease(&v));
	v = V("1.0.post1.dev1");
	CHECK(pep440_is_prerelease(&v) && pep440_is_postrelease(&v) && pep440_is_devrelease(&v));
	v = V("1.0.post1");
	CHECK(!pep440_is_prerelease(&v) && pep440_is_postrelease(&v));
	v = V("1.0+local");
	CHECK(!pep440_is_prerelease(&v) && !pep440_is_postrelease(&v));
	pep440_public(&v, &w);
	pep440_to_buf(&w, buf, sizeof(buf));
	CHECK_STR(buf, "1.0");
	v = V("3!1.2rc1.post3.dev4+x");
	pep440_base(&v, &w);
	pep440_to_buf(&w, buf, sizeof(buf));
	CHECK_STR(buf, "3!1.2");
	/* pep440_to_buf reports the full length even when cut */
	CHECK_INT(pep440_to_buf(&v, buf, 4), strlen("3!1.2rc1.post3.dev4+x"));
	CHECK_STR(buf, "3!1");
	CHECK(pep440_valid("1.0", 3) && !pep440_valid("x", 1));
}

static void test_ordering(void)
{
	size_t n = sizeof(ascending) / sizeof(ascending[0]);

	for (size_t i = 0; i < n; i++) {
		struct pep440 a = V(ascending[i]);
		for (size_t j = 0; j < n; j++) {
			struct pep440 b = V(ascending[j]);
			int want = i < j ? -1 : i > j, got = sign(pep440_cmp(&a, &b));
			CHECK_INT(got, want);
			if (got != want)
				fprintf(stderr, "  %s vs %s\n", ascending[i], ascending[j]);
		}
	}
	for (size_t i = 0; i < sizeof(pairs) / sizeof(pairs[0]); i++) {
		struct pep440 a = V(pairs[i].a), b = V(pairs[i].b);
		int got = sign(pep440_cmp(&a, &b));
		CHECK_INT(got, pairs[i].want);
		CHECK_INT(sign(pep440_cmp(&b, &a)), -pairs[i].want);
		if (got != pairs[i].want)
			fprintf(stderr, "  %s vs %s\n", pairs[i].a, pairs[i].b);
	}
}

/* Specifier sets: spec, version, packaging's prereleases argument of
 * SpecifierSet.contains (-1 None, 0 False, 1 True), expected. */
static const struct { const char *spec, *v; int pre, want; } spec_cases[] = {
	/* numbers of any size: > excludes V's local versions only, whatever
	 * the size of its dev or post number; == and < read them as ints */
	{ ">1.0.dev18446744073709551616", "1.0.dev18446744073709551617", 1, 1 },
	{ ">1.0.dev18446744073709551616", "1.0.dev18446744073709551616+x", 1, 0 },
	{ ">1.0.post99999999999999999999", "1.0.post100000000000000000000.dev0", 1, 1 },
	{ ">1.0.post99999999999999999999", "1.0.post99999999999999999999+x", 1, 0 },
	{ ">1.0.post99999999999999999999", "1.0.1", 1, 1 },
	{ "==99999999999999999999999!1.0", "099999999999999999999999!1", -1, 1 },
	{ "==99999999999999999999999!1.0", "99999999999999999999998!1", -1, 0 },
	{ "<1.0rc100000000000000000000", "1.0rc99999999999999999999", 1, 1 },
	{ "<1.0rc100000000000000000000", "1.0rc100000000000000000000.dev5", 1, 1 },
	{ "<1.0rc100000000000000000000", "1.0rc100000000000000000001.dev5", 1, 0 },
	{ "~=1.0.post18446744073709551617", "1.1", -1, 1 },
	{ "~=1.0.post18446744073709551617", "1.0.post18446744073709551616", -1, 0 },
	/* == and local versions */
	{ "==1.0", "1.0", 0, 1 }, { "==1.0", "1.0.0", 0, 1 }, { "==1.0.0", "1", 0, 1 },
	{ "==1.0", "1.0+local", 0, 1 }, { "==1.0+local", "1.0+local", 0, 1 },
	{ "==1.0+local", "1.0", 0, 0 }, { "==1.0+local", "1.0+other", 0, 0 },
	{ "==1.0", "1.0.post1", 0, 0 }, { "==1.0", "1.0.1", 0, 0 },
	{ "== 1.0a1", "1.0a1", -1, 1 }, { "==1.0a1", "1.0a1+x", -1, 1 },
	/* == wildcards */
	{ "==1.*", "1.5", 0, 1 }, { "==1.*", "1", 0, 1 }, { "==1.*", "2.0", 0, 0 },
	{ "==1.1.*", "1.1.0", 0, 1 }, { "==1.1.*", "1.1", 0, 1 }, { "==1.1.*", "1.10", 0, 0 },
	{ "==1.1.*", "1.1.post1", 0, 1 }, { "==1.1.*", "1.1a1", 0, 0 }, { "==1.1.*", "1.1a1", 1, 1 },
	{ "==1.1.*", "1.1+local", 0, 1 }, { "==1.0.0.*", "1", 0, 1 }, { "==1!1.*", "1.0", 0, 0 },
	{ "==1!1.*", "1!1.2", 0, 1 }, { "==0.*", "0!0.5", 0, 1 },
	/* != */
	{ "!=1.0", "1.0", 0, 0 }, { "!=1.0", "1.0+local", 0, 0 }, { "!=1.0", "1.1", 0, 1 },
	{ "!=1.*", "1.9", 0, 0 }, { "!=1.*", "2.0", 0, 1 }, { "!=1.0+a", "1.0+b", 0, 1 },
	/* ~= */
	{ "~=2.2", "2.3", 0, 1 }, { "~=2.2", "2.2", 0, 1 }, { "~=2.2", "3.0", 0, 0 },
	{ "~=2.2", "2.1", 0, 0 }, { "~=1.4.5", "1.4.9", 0, 1 }, { "~=1.4.5", "1.5.0", 0, 0 },
	{ "~=2.2.0", "2.2.0", 0, 1 }, { "~=2.2.post3", "2.2.post4", 0, 1 },
	{ "~=2.2.post3", "2.2", 0, 0 }, { "~=2.2.post3", "2.9", 0, 1 },
	{ "~=1.4.5a4", "1.4.5", 0, 1 }, { "~=1.4.5a4", "1.4.5a5", -1, 1 },
	{ "~=1.4.5a4", "1.5", 0, 0 }, { "~=1!1.0", "1.5", 0, 0 }, { "~=1.0", "1.5+local", 0, 1 },
	/* <=, >= */
	{ ">=1.0", "1.0", 0, 1 }, { ">=1.0", "0.9", 0, 0 }, { ">=1.0", "1.0+local", 0, 1 },
	{ "<=1.0", "1.0+local", 0, 1 }, { "<=1.0", "1.0.post1", 0, 0 }, { ">=1.0", "1.0rc1", 0, 0 },
	{ ">=1.0", "2.0a1", 0, 0 }, { ">=1.0", "2.0a1", 1, 1 }, { ">=1.0b1", "2.0a1", -1, 1 }, { ">=1.0b1", "2.0a1", 0, 0 },
	{ ">=1.0", "2.0a1", -1, 1 },
	{ ">=1.0.dev1", "1.0.dev2", -1, 1 },
	/* < and > */
	{ "<1.0", "0.9", 0, 1 }, { "<1.0", "1.0", 0, 0 }, { "<1.0", "1.0rc1", 1, 0 },
	{ "<1.0", "1.0.dev1", 1, 0 }, { "<1.0", "0.9a1", 1, 1 }, { "<1.0rc1", "1.0b1", -1, 1 },
	{ "<1.0rc1", "1.0rc1", 0, 0 }, { "<1.0", "0.9.post1", 0, 1 },
	{ ">1.7", "1.7.1", 0, 1 }, { ">1.7", "1.7", 0, 0 }, { ">1.7", "1.7.post1", 0, 0 },
	{ ">1.7", "1.7.0.post1", 0, 0 }, { ">1.7.post2", "1.7.post3", 0, 1 },
	{ ">1.7.post2", "1.7.1", 0, 1 }, { ">1.7", "1.7+local", 0, 0 }, { ">1.7", "1.8+local", 0, 1 },
	{ ">1.7", "1.8.dev1", 0, 0 }, { ">1.7", "1.8.dev1", 1, 1 }, { ">1.7a1", "1.7a2", -1, 1 },
	/* === */
	{ "===1.0", "1.0", 0, 1 }, { "===1.0", "1.0.0", 0, 0 }, { "===1.0+LOCAL", "1.0+local", 0, 1 },
	{ "===foobar", "1.0", 0, 0 },
	/* sets and the pre-release rule */
	{ "", "1.0", 0, 1 }, { "", "1.0a1", 0, 0 }, { "", "1.0a1", 1, 1 }, { "", "1.0a1", -1, 1 },
	{ ">=1.0,<2.0", "1.5", 0, 1 }, { ">=1.0, <2.0", "2.0", 0, 0 },
	{ ">=1.0,!=1.5.*,<2", "1.5.3", 0, 0 }, { ">=1.0,!=1.5.*,<2", "1.6", 0, 1 },
	{ ">=1.0,<2.0", "1.5b1", 0, 0 }, { ">=1.0b1,<2.0", "1.5b1", -1, 1 },
	{ "!=1.0a1", "1.0a2", 0, 0 }, { "==1.0a1", "1.0a1", -1, 1 },
	{ "<1.0.dev1,>0.1", "0.5", 0, 1 }, { ">=1.0,<2.0,>=1.0a1", "2.0a1", 0, 0 },
};

static void test_specifiers(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;

	for (size_t i = 0; i < sizeof(spec_cases) / sizeof(spec_cases[0]); i++) {
		struct spec_set set;
		struct pep440 v = V(spec_cases[i].v);
		int rc = spec_set_parse(&set, spec_cases[i].spec, strlen(spec_cases[i].spec), &a, &err);
		CHECK_INT(rc, 0);
		if (rc) {
			fprintf(stderr, "  %s\n", err.msg);
			continue;
		}
		int got = spec_set_contains(&set, &v, NULL, spec_cases[i].pre);
		CHECK_INT(got, spec_cases[i].want);
		if (got != spec_cases[i].want)
			fprintf(stderr, "  '%s' contains '%s' (pre %d)\n", spec_cases[i].spec,
				spec_cases[i].v, spec_cases[i].pre);
	}
	arena_release(&a);
}

static const struct { const char *spec, *msg; } bad_specs[] = {
	{ ">=1.0.*", "invalid version specifier '>=1.0.*': '.*' is only allowed with '==' and '!='" },
	{ "~=1.0.*", "invalid version specifier '~=1.0.*': '.*' is only allowed with '==' and '!='" },
	{ "==1.0a1.*", "invalid version specifier '==1.0a1.*': '.*' may only follow a release number (like '==1.2.*')" },
	{ "~=1", "invalid version specifier '~=1': '~=' needs at least two release numbers" },
	{ ">=1.0+local", "invalid version specifier '>=1.0+local': a local version label is not allowed with '>='" },
	{ "~=1.0+local", "invalid version specifier '~=1.0+local': a local version label is not allowed with '~='" },
	{ ">=", "invalid version specifier '>=': expected a version after '>='" },
	{ "1.0", "invalid version specifier '1.0': expected an operator (~=, ==, !=, <=, >=, <, >, ===)" },
	{ "=>1.0", "invalid version specifier '=>1.0': expected an operator (~=, ==, !=, <=, >=, <, >, ===)" },
	{ ">=1.0foo", "invalid version specifier '>=1.0foo': unexpected text 'foo'" },
	{ "===a b", "invalid version specifier '===a b': '===' takes one word without ';' or ')'" },
	{ "===a;b", "invalid version specifier '===a;b': '===' takes one word without ';' or ')'" },
	{ "== 1.0 .*", "invalid version specifier '== 1.0 .*': unexpected whitespace in the version" },
	{ "==\xc2\xa0" "1.0\xe2\x80\x83" ".*", "invalid version specifier '==\\xc2\\xa01.0\\xe2\\x80\\x83.*': unexpected whitespace in the version" },
	{ "==1.*.*", "invalid version specifier '==1.*.*': unexpected text '.*'" },
};

static void test_spec_errors(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct spec sp;
	struct spec_set set;
	struct strbuf sb = STRBUF_INIT;

	for (size_t i = 0; i < sizeof(bad_specs) / sizeof(bad_specs[0]); i++) {
		CHECK_INT(spec_parse(&sp, bad_specs[i].spec, strlen(bad_specs[i].spec), &a, &err),
			  PM_INPUT);
		CHECK_STR(err.msg, bad_specs[i].msg);
	}
	/* blank parts are dropped, as packaging's SpecifierSet drops them */
	CHECK_INT(spec_set_parse(&set, ">=1.0,,<2", 9, &a, &err), 0);
	CHECK_INT(set.n, 2);
	CHECK_INT(spec_set_parse(&set, ">=1.0, ", 7, &a, &err), 0);
	CHECK_INT(set.n, 1);
	CHECK_INT(spec_set_parse(&set, " , ", 3, &a, &err), 0);
	CHECK_INT(set.n, 0);
	CHECK_INT(spec_set_parse(&set, ">=1.0,=<2", 9, &a, &err), PM_INPUT);
	CHECK_INT(spec_set_parse(&set, " >= v1.0 , != 1.5.* ,< 2 , ===Foo", 34, &a, &err), 0);
	CHECK_INT(set.n, 4);
	spec_set_format(&set, &sb);
	CHECK_STR(sb.buf, ">=1.0,!=1.5.*,<2,===Foo");
	CHECK(!spec_mentions_prerelease(&set.v[0]));
	CHECK_INT(spec_parse(&sp, "<=2.0rc1", 8, &a, &err), 0);
	CHECK(spec_mentions_prerelease(&sp));
	CHECK_INT(spec_parse(&sp, "!=2.0rc1", 8, &a, &err), 0);
	CHECK(!spec_mentions_prerelease(&sp));
	strbuf_release(&sb);
	arena_release(&a);
}

/* packaging 26's rules where it differs from older readings of PEP 440.
 * Each row: spec set, candidate as written, whether the candidate is a
 * Version object (1: === sees its normalized form) or a string (0: as
 * written), prereleases (-1 None, 0, 1), expected. */
static const struct { const char *spec, *v; int obj, pre, want; } pkg26_cases[] = {
	/* >V excludes only V's own post-releases and local versions */
	{ ">1.0.dev1", "1.0.post0", 1, -1, 1 },
	{ ">1.0.dev1", "1.0.dev2", 1, -1, 1 },
	{ ">1.0.dev1", "1.0.dev1+local", 1, -1, 0 },
	{ ">1.0.dev1", "1.0", 1, -1, 1 },
	{ ">1.0a1", "1.0a1.post1", 1, -1, 0 },   /* V's own post-release */
	{ ">1.0a1", "1.0a1+local", 1, -1, 0 },
	{ ">1.0a1", "1.0.post1", 1, -1, 1 },     /* another release's post */
	{ ">1.0a1", "1.0", 1, -1, 1 },
	{ ">1.0", "1.0.post1.dev1", 1, -1, 0 },
	{ ">1.0", "1.0.1.dev0", 1, -1, 1 },
	{ ">1.0.post1", "1.0.post1+local", 1, -1, 0 },
	{ ">1.0.post1", "1.0.post2.dev0", 1, -1, 1 },
	{ ">1.0.post1", "1.0.post1.dev5", 1, -1, 0 },
	{ ">1.0.post1.dev1", "1.0.post1.dev2", 1, -1, 1 },
	/* <V excludes only the pre-releases of V itself */
	{ "<1.0.post1", "1.0rc1", 1, -1, 1 },
	{ "<1.0.post1", "1.0", 1, -1, 1 },
	{ "<1.0.post1", "1.0.post1.dev0", 1, -1, 0 },
	{ "<1.0.post1", "1.0.post0", 1, -1, 1 },
	{ "<1.0", "1.0.dev0", 1, -1, 0 },
	{ "<1.0", "1.0a1", 1, -1, 0 },
	{ "<1.0", "0.9.9.dev1", 1, -1, 1 },
	{ "<1.0rc1", "1.0rc1.dev1", 1, -1, 1 },
	{ "<1.0rc1", "1.0b2+local", 1, -1, 1 },
	/* ===: the string as written, or a Version's normalized form */
	{ "===1.1", "1.01", 0, -1, 0 },
	{ "===1.1", "1.01", 1, -1, 1 },
	{ "===1.01", "1.01", 0, -1, 1 },
	{ "===1.01", "1.01", 1, -1, 0 },
	{ "===1.1,>=1.0", "1.01", 0, -1, 0 },
	{ "===1.1,>=1.0", "1.1", 0, -1, 1 },
	{ "===1a1", "1.a1", 0, -1, 0 },
	{ "===1a1", "1.A1", 1, -1, 1 },
	{ "===1.0A1", "1.0a1", 0, -1, 1 },       /* case does not matter */
	{ "===1.0a1", "1.0a1", 0, 0, 0 },        /* prereleases=False refuses it */
	{ "===", "1.0", 0, -1, 0 },
	/* a lone pre-release satisfying the set is in with prereleases None */
	{ ">=1.0", "1.3.0a1", 1, -1, 1 },
	{ ">=1.0", "1.3.0a1", 1, 0, 0 },
	{ ">=1.0,!=1.3.0a1", "1.3.0a1", 1, -1, 0 },
	{ "", "2.0.dev1", 1, -1, 1 },
	{ "", "2.0.dev1", 1, 0, 0 },
	{ "==1.0.*", "1.0a1", 1, -1, 1 },
	{ "<2", "2.0a1", 1, -1, 0 },
};

static void test_packaging26(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;

	for (size_t i = 0; i < sizeof(pkg26_cases) / sizeof(pkg26_cases[0]); i++) {
		struct spec_set set;
		const char *vt = pkg26_cases[i].v;
		struct pep440 v = V(vt);
		int rc = spec_set_parse(&set, pkg26_cases[i].spec, strlen(pkg26_cases[i].spec), &a,
					&err);
		CHECK_INT(rc, 0);
		if (rc) {
			fprintf(stderr, "  %s\n", err.msg);
			continue;
		}
		int got = spec_set_contains(&set, &v, pkg26_cases[i].obj ? NULL : vt,
					    pkg26_cases[i].pre);
		CHECK_INT(got, pkg26_cases[i].want);
		if (got != pkg26_cases[i].want)
			fprintf(stderr, "  '%s' contains %s '%s' (prereleases %d)\n",
				pkg26_cases[i].spec, pkg26_cases[i].obj ? "Version" : "string", vt,
				pkg26_cases[i].pre);
	}
	/* a string that is not a version: only === (or the empty set) takes it */
	{
		struct spec_set set;
		CHECK_INT(spec_set_parse(&set, "===foobar", 9, &a, &err), 0);
		CHECK_INT(spec_set_contains(&set, NULL, "FooBar", -1), 1);
		CHECK_INT(spec_set_contains(&set, NULL, "foobaz", -1), 0);
		CHECK_INT(spec_set_parse(&set, "===foobar,>=1", 13, &a, &err), 0);
		CHECK_INT(spec_set_contains(&set, NULL, "foobar", -1), 0);
		CHECK_INT(spec_set_parse(&set, "", 0, &a, &err), 0);
		CHECK_INT(spec_set_contains(&set, NULL, "foobar", -1), 1);
	}
	/* Unicode whitespace around versions and operators (Python's \s) */
	{
		struct pep440 v;
		struct spec sp;
		struct strbuf sb = STRBUF_INIT;
		static const char *const ok[] = {
			"\xc2\xa0" "1.0", "1.0\xe3\x80\x80", "\xe2\x80\x83" "1.0\xc2\x85",
			"\x1c" "1.0\x1f", "\xe2\x80\xa8" "1.0\xe2\x80\xa9",
		};
		for (size_t i = 0; i < sizeof(ok) / sizeof(ok[0]); i++) {
			CHECK_INT(pep440_parse(&v, ok[i], strlen(ok[i]), &err), 0);
			strbuf_reset(&sb);
			pep440_format(&v, &sb);
			CHECK_STR(sb.buf, "1.0");
		}
		/* U+200B (zero width space) is not whitespace to Python */
		CHECK_INT(pep440_parse(&v, "\xe2\x80\x8b" "1.0", 6, &err), PM_INPUT);
		CHECK_INT(spec_parse(&sp, "\xc2\xa0>=\xe2\x80\x83" "1.0\xe3\x80\x80", 13, &a, &err), 0);
		CHECK_INT(sp.op, SPEC_GE);
		struct spec_set set_dummy;
		CHECK_INT(spec_set_parse(&set_dummy, ">=1.0,\xc2\xa0<2\xc2\xa0", 12, &a, &err), 0);
		CHECK_INT(set_dummy.n, 2);
		strbuf_release(&sb);
	}
	arena_release(&a);
}

/* packaging's SpecifierSet.filter over several candidates */
static void test_filter(void)
{
	static const struct { const char *spec, *versions; int pre; const char *want; } cases[] = {
		{ ">=1.2.3", "1.2 1.3 1.5a1", -1, "1.3" },
		{ ">=1.2.3", "1.2 1.5a1", -1, "1.5a1" },         /* no final: pre-releases */
		{ ">=1.2.3", "1.3 1.5a1", 1, "1.3 1.5a1" },
		{ ">=1.2.3", "1.5a1", 0, "" },
		{ "", "1.3 1.5a1", -1, "1.3" },
		{ "", "1.5a1", -1, "1.5a1" },
		{ ">=1.0b1", "1.0 2.0a1", -1, "1.0 2.0a1" },     /* the set mentions one */
		{ ">=1.0,<2", "1.0 1.5 2.0 2.0a1", -1, "1.0 1.5" },
		{ "!=1.5", "1.5 1.6a1", -1, "1.6a1" },
	};
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct pep440 vs[8];
		const struct pep440 *pv[8];
		unsigned char keep[8];
		char buf[128], *save = NULL;
		size_t n = 0;
		struct spec_set set;
		struct strbuf got = STRBUF_INIT;

		snprintf(buf, sizeof(buf), "%s", cases[i].versions);
		for (char *t = strtok_r(buf, " ", &save); t; t = strtok_r(NULL, " ", &save)) {
			vs[n] = V(t);
			pv[n] = &vs[n];
			n++;
		}
		CHECK_INT(spec_set_parse(&set, cases[i].spec, strlen(cases[i].spec), &a, &err), 0);
		size_t kept = spec_set_filter(&set, pv, NULL, n, cases[i].pre, keep);
		for (size_t j = 0; j < n; j++)
			if (keep[j]) {
				if (got.len)
					strbuf_addch(&got, ' ');
				pep440_format(&vs[j], &got);
			}
		CHECK_STR(got.buf, cases[i].want);
		size_t words = 0;
		for (const char *w = cases[i].want; *w; w++)
			words += w[0] != ' ' && (w == cases[i].want || w[-1] == ' ');
		CHECK_INT(kept, words);
		strbuf_release(&got);
	}
	arena_release(&a);
}

int main(void)
{
	test_versions();
	test_ordering();
	test_specifiers();
	test_spec_errors();
	test_packaging26();
	test_filter();
	return TEST_DONE("test_pep440");
}
