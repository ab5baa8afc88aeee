/* test_wasm.c: wasm variants through binaryen (bundler/wasm.c) on real
 * modules built by tests/fixtures/wasm/build: a module's memory section,
 * import and export counts; a shared memory; an invalid and a corrupt file
 * refused with one error line; -Oz shrinking a clang-built module with dead
 * code, and the optimised file still valid. The dylink.0 parser
 * (scanner/wasm_dylink.c) on sections written byte by byte, hostile ones
 * included (truncated LEB128, sizes past the end, every prefix), and on the
 * clang-built side modules; a Pyodide-named wheel's members
 * (bundler/wasm_wheel.c), a wheel with none, and a corrupt one. */
#include "../../bundler/bundler.h"
#include "test.h"

#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

static const char *dir; /* O/fixtures/wasm, beside O/tests/unit/test_wasm */

static char *fx(const char *name)
{
	return path_join(dir, name);
}

static void test_mem(void)
{
	struct wasm_variant_info info;
	struct perr err = { 0 };
	char *p = fx("mem.wasm");
	struct stat st;

	CHECK_INT(wasm_variant_inspect(p, 0, NULL, &info, &err), 0);
	CHECK(stat(p, &st) == 0);
	CHECK_INT(info.size, st.st_size);
	CHECK_INT(info.valid, 1);
	CHECK_INT(info.has_memory, 1);
	CHECK_INT(info.initial_pages, 3);
	CHECK_INT(info.max_pages, 10);
	CHECK_INT(info.shared, 0);
	CHECK_INT(info.n_imports, 4);  /* 3 functions, 1 global */
	CHECK_INT(info.n_import_modules, 2);
	if (info.n_import_modules == 2) {
		CHECK_STR(info.import_modules[0].name, "env");
		CHECK_INT(info.import_modules[0].count, 3);
		CHECK_STR(info.import_modules[1].name, "wasi_snapshot_preview1");
		CHECK_INT(info.import_modules[1].count, 1);
	}
	CHECK_INT(info.n_exports, 3);
	CHECK_INT(info.n_functions, 2);
	CHECK_INT(info.n_data_segments, 1);
	CHECK_INT(info.data_bytes, 5);
	CHECK_INT(info.optimized_size, -1);
	wasm_variant_info_release(&info);
	free(p);
}

static void test_shared(void)
{
	struct wasm_variant_info info;
	struct perr err = { 0 };
	char *p = fx("shared.wasm");

	CHECK_INT(wasm_variant_inspect(p, 0, NULL, &info, &err), 0);
	CHECK_INT(info.initial_pages, 1);
	CHECK_INT(info.max_pages, 4);
	CHECK_INT(info.shared, 1);
	CHECK_INT(info.n_imports, 0);
	CHECK_INT(info.n_exports, 1);
	wasm_variant_info_release(&info);
	free(p);
}

static void refused(const char *name, const char *want)
{
	struct wasm_variant_info info;
	struct perr err = { 0 };
	char *p = fx(name);

	CHECK_INT(wasm_variant_inspect(p, 1, NULL, &info, &err), PM_INPUT);
	CHECK_INT(info.valid, 0);
	CHECK(strchr(err.msg, '\n') == NULL);
	CHECK(strstr(err.msg, p) != NULL);
	if (!strstr(err.msg, want)) {
		t_fail++;
		fprintf(stderr, "%s: expected an error with '%s', got '%s'\n", name, want, err.msg);
	} else {
		t_pass++;
	}
	wasm_variant_info_release(&info);
	free(p);
}

static void test_optimize(void)
{
	struct wasm_variant_info info, again;
	struct perr err = { 0 };
	char *p = fx("dead.wasm"), *out = fx("dead.oz.wasm");
	struct stat st;

	unlink(out);
	CHECK_INT(wasm_variant_inspect(p, 1, out, &info, &err), 0);
	CHECK_INT(info.valid, 1);
	CHECK(info.has_memory && info.initial_pages >= 2);
	CHECK(info.n_import_modules >= 1 && !strcmp(info.import_modules[0].name, "wasi_snapshot_preview1"));
	CHECK(info.optimized_size > 0);
	/* the seeds claim 20-40% for -Oz; dead code at -O0 gives at least 10% */
	if (!(info.optimized_size < info.size * 9 / 10)) {
		t_fail++;
		fprintf(stderr, "-Oz: expected under %lld bytes, got %lld (from %lld)\n",
			info.size * 9 / 10, info.optimized_size, info.size);
	} else {
		t_pass++;
	}
	CHECK(stat(out, &st) == 0 && st.st_size == info.optimized_size);
	CHECK_INT(wasm_variant_inspect(out, 0, NULL, &again, &err), 0);
	CHECK_INT(again.valid, 1);
	CHECK(again.n_functions < info.n_functions);
	CHECK_INT(again.n_exports, info.n_exports);
	printf("test_wasm: dead.wasm %lld -> %lld bytes with -Oz (%.1f%% smaller), %zu -> %zu functions\n",
	       info.size, info.optimized_size, 100.0 * (info.size - info.optimized_size) / info.size,
	       info.n_functions, again.n_functions);
	wasm_variant_info_release(&info);
	wasm_variant_info_release(&again);
	free(p);
	free(out);
}


/* ---- dylink.0 ---- */

static int n_needed_seen;
static char needed_seen[4][32];

static void on_needed(void *ctx, const char *s, size_t len)
{
	(void)ctx;
	if (n_needed_seen < 4 && len < 32) {
		memcpy(needed_seen[n_needed_seen], s, len);
		needed_seen[n_needed_seen][len] = 0;
	}
	n_needed_seen++;
}

/* every subsection, and one of a later revision to skip */
static const unsigned char dylink_full[] = {
	0x01, 0x06, 0xa8, 0x20, 0x04, 0x02, 0x00, /* mem_info: 4136 bytes, 2^4, 2 slots, 2^0 */
	0x00,                                     /* (the subsection's size is 6: one spare byte) */
	0x02, 0x15, 0x02,                         /* needed: 2 */
	0x09, 'l', 'i', 'b', 'f', 'o', 'o', '.', 's', 'o',
	0x09, 'l', 'i', 'b', 'b', 'a', 'r', '.', 's', 'o',
	0x03, 0x04, 0x01, 0x01, 'x', 0x00,        /* export_info: "x", flags 0 */
	0x04, 0x0a, 0x01, 0x03, 'e', 'n', 'v', 0x01, 'y', 0x00, 0x00, 0x00, /* import_info */
	0x05, 0x09, 0x01, 0x07, '$', 'O', 'R', 'I', 'G', 'I', 'N', /* runtime_path */
	0x09, 0x03, 0xde, 0xad, 0x00,             /* unknown type 9: skipped */
};

static void dylink_bad(const char *what, const unsigned char *b, size_t n, int legacy, const char *want)
{
	struct wasm_dylink d;
	struct perr err = PERR_INIT;
	int rc = wasm_dylink_parse(b, n, legacy, &d, NULL, NULL, &err);

	if (rc != PM_INPUT || !strstr(err.msg, want) || strchr(err.msg, '\n')) {
		t_fail++;
		fprintf(stderr, "dylink %s: expected PM_INPUT with '%s', got %d '%s'\n", what, want, rc, err.msg);
	} else {
		t_pass++;
	}
}

static void test_dylink_parse(void)
{
	struct wasm_dylink d;
	struct perr err = PERR_INIT;
	size_t fails = 0;

	n_needed_seen = 0;
	CHECK_INT(wasm_dylink_parse(dylink_full, sizeof dylink_full, 0, &d, on_needed, NULL, &err), 0);
	if (err.code)
		fprintf(stderr, "dylink_full: %s\n", err.msg);
	CHECK_INT(d.present, 1);
	CHECK_INT(d.mem_size, 4136);
	CHECK_INT(d.mem_align, 4);
	CHECK_INT(d.table_size, 2);
	CHECK_INT(d.table_align, 0);
	CHECK_INT(d.n_needed, 2);
	CHECK_INT(n_needed_seen, 2);
	CHECK_STR(needed_seen[0], "libfoo.so");
	CHECK_STR(needed_seen[1], "libbar.so");
	CHECK_INT(d.n_export_info, 1);
	CHECK_INT(d.n_import_info, 1);
	CHECK_INT(d.n_runtime_path, 1);

	/* the older "dylink": the four fields, then the needed list */
	{
		static const unsigned char legacy[] = { 0x80, 0x08, 0x03, 0x05, 0x00, 0x01, 0x03, 'l', 'i', 'b' };
		n_needed_seen = 0;
		CHECK_INT(wasm_dylink_parse(legacy, sizeof legacy, 1, &d, on_needed, NULL, &err), 0);
		CHECK(d.mem_size == 1024 && d.mem_align == 3 && d.table_size == 5 && d.n_needed == 1);
		CHECK_STR(needed_seen[0], "lib");
		dylink_bad("legacy, cut", legacy, sizeof legacy - 1, 1, "a name runs past the end");
	}
	/* an empty section: present, nothing reserved */
	CHECK_INT(wasm_dylink_parse(dylink_full, 0, 0, &d, NULL, NULL, &err), 0);
	CHECK(d.present && d.mem_size == 0 && d.n_needed == 0);

	/* hostile */
	{
		static const unsigned char leb_cut[] = { 0x01, 0x02, 0x80, 0x80 };
		static const unsigned char leb_end[] = { 0x01, 0x80 };
		static const unsigned char leb_long[] = { 0x01, 0x0a, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0, 0, 0, 0 };
		static const unsigned char leb_33[] = { 0x01, 0x08, 0xff, 0xff, 0xff, 0xff, 0x1f, 0, 0, 0 };
		static const unsigned char sub_past[] = { 0x01, 0x7f, 0x00, 0x00, 0x00, 0x00 };
		static const unsigned char sub_huge[] = { 0x02, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x00 };
		static const unsigned char name_past[] = { 0x02, 0x03, 0x01, 0x40, 'a' };
		static const unsigned char count_huge[] = { 0x02, 0x05, 0xff, 0xff, 0xff, 0xff, 0x0f };
		static const unsigned char align_big[] = { 0x01, 0x04, 0x10, 0x20, 0x00, 0x00 };
		static const unsigned char mem_short[] = { 0x01, 0x02, 0x10, 0x02 };
		static const unsigned char exp_cut[] = { 0x03, 0x03, 0x01, 0x01, 'x' };
		dylink_bad("LEB128 cut by its subsection", leb_cut, sizeof leb_cut, 0, "mem_info at byte 2: truncated LEB128");
		dylink_bad("LEB128 cut by the section", leb_end, sizeof leb_end, 0, "subsection at byte 1: truncated LEB128");
		dylink_bad("LEB128 past 32 bits", leb_long, sizeof leb_long, 0, "past 32 bits");
		dylink_bad("LEB128 of 33 bits", leb_33, sizeof leb_33, 0, "mem_info at byte 2: LEB128 value past 32 bits");
		dylink_bad("subsection past the end", sub_past, sizeof sub_past, 0, "runs past the end of the section");
		dylink_bad("subsection size 2^32-1", sub_huge, sizeof sub_huge, 0, "runs past the end of the section");
		dylink_bad("needed name past the end", name_past, sizeof name_past, 0, "needed at byte 4: a name runs past the end");
		dylink_bad("needed count 2^32-1, no names", count_huge, sizeof count_huge, 0, "truncated LEB128");
		dylink_bad("alignment 2^32", align_big, sizeof align_big, 0, "alignment 2^32 is out of range");
		dylink_bad("mem_info short of its fields", mem_short, sizeof mem_short, 0, "mem_info");
		dylink_bad("export_info without its flags", exp_cut, sizeof exp_cut, 0, "export_info");
	}
	/* every prefix of the full section: a clean result or one error line,
	 * never a read past the cut (ASan) */
	for (size_t k = 0; k < sizeof dylink_full; k++) {
		unsigned char *cut = xmalloc(k ? k : 1);
		memcpy(cut, dylink_full, k);
		err.code = 0;
		int rc = wasm_dylink_parse(cut, k, 0, &d, NULL, NULL, &err);
		if (rc) {
			fails++;
			CHECK(rc == PM_INPUT && err.msg[0] && !strchr(err.msg, '\n'));
		}
		free(cut);
	}
	/* the cuts between subsections parse; the rest fail */
	CHECK_INT(fails, sizeof dylink_full - 6);
}

/* wasm_dylink_find on whole modules */
static void test_dylink_find(void)
{
	struct wasm_dylink d;
	struct perr err = PERR_INIT;
	struct strbuf sb = STRBUF_INIT;
	char *p = fx("side.so");

	if (strbuf_read_file(&sb, p, 1 << 20, &err)) {
		t_fail++;
		fprintf(stderr, "side.so: %s (tests/fixtures/wasm/build)\n", err.msg);
	} else {
		n_needed_seen = 0;
		CHECK_INT(wasm_dylink_find((unsigned char *)sb.buf, sb.len, &d, on_needed, NULL, &err), 0);
		CHECK_INT(d.present, 1);
		/* 8 KiB of scratch, 16 ints of weights, the doc string, two pointers */
		CHECK(d.mem_size >= 8192 + 64 + 2 * 4 && d.mem_size < 8192 + 256);
		CHECK_INT(d.mem_align, 4);    /* scratch is 16-aligned */
		CHECK_INT(d.table_size, 2);   /* twice, thrice */
		CHECK_INT(n_needed_seen, 1);
		CHECK_STR(needed_seen[0], "libfxhelper.so");
		/* the section's size past the end of the module */
		if (sb.len > 12) {
			unsigned char *b = (unsigned char *)sb.buf;
			unsigned char save = b[9];
			b[9] = 0x7f; /* the size's one byte (15) -> 127, past a 20-byte cut */
			CHECK_INT(wasm_dylink_find(b, 20, &d, NULL, NULL, &err), PM_INPUT);
			CHECK(strstr(err.msg, "runs past the end of the module") != NULL);
			b[9] = save;
			/* cut inside mem_info */
			CHECK_INT(wasm_dylink_find(b, 8 + 2 + 9 + 3, &d, NULL, NULL, &err), PM_INPUT);
		}
	}
	strbuf_release(&sb);
	free(p);
	/* a module without one */
	p = fx("mem.wasm");
	strbuf_reset(&sb);
	if (!strbuf_read_file(&sb, p, 1 << 20, &err)) {
		CHECK_INT(wasm_dylink_find((unsigned char *)sb.buf, sb.len, &d, NULL, NULL, &err), 0);
		CHECK_INT(d.present, 0);
	}
	strbuf_release(&sb);
	free(p);
	CHECK_INT(wasm_dylink_find((const unsigned char *)"\0asm", 4, &d, NULL, NULL, &err), PM_INPUT);
}

/* the side module as a variant: binaryen validates it, its dylink.0 read */
static void test_side_module(void)
{
	struct wasm_variant_info info;
	struct native_info ni;
	struct perr err = PERR_INIT;
	char *p = fx("side.so");

	CHECK_INT(wasm_variant_inspect(p, 1, NULL, &info, &err), 0);
	if (err.code)
		fprintf(stderr, "side.so: %s\n", err.msg);
	CHECK_INT(info.valid, 1);
	CHECK_INT(info.dylink.present, 1);
	CHECK_INT(info.dylink.table_size, 2);
	CHECK_INT(info.n_needed, 1);
	if (info.n_needed == 1)
		CHECK_STR(info.needed[0], "libfxhelper.so");
	CHECK_INT(info.n_import_modules, 2);
	if (info.n_import_modules == 2) {
		CHECK_STR(info.import_modules[0].name, "env");
		CHECK_STR(info.import_modules[1].name, "GOT.mem");
	}
	CHECK(info.optimized_size > 0);
	/* its memory: the block reserved for it, not the imported memory's pages */
	wasm_variant_memory(&info, &ni);
	CHECK_INT(ni.wasm_data, info.dylink.mem_size >= info.data_bytes ? info.dylink.mem_size : info.data_bytes);
	CHECK_INT(ni.wasm_mem_min, 0);
	wasm_variant_info_release(&info);
	free(p);
}

static void test_wheels(void)
{
	struct wasm_variant_vec v = VEC_INIT;
	struct perr err = PERR_INIT;
	size_t n_wasm = 9;
	char *p = fx("wheels/fxside-1.0-cp313-cp313-pyodide_2025_0_wasm32.whl");

	CHECK_INT(wasm_wheel_inspect(p, 0, &v, &n_wasm, &err), 0);
	if (err.code)
		fprintf(stderr, "fxside wheel: %s\n", err.msg);
	CHECK_INT(n_wasm, 3);
	CHECK_INT(v.n, 3);
	if (v.n == 3) {
		struct native_info ni;
		CHECK_STR(v.v[0].member, "fxside/_side.cpython-313-wasm32-emscripten.so");
		CHECK_STR(v.v[0].archive, p);
		CHECK(v.v[0].valid && v.v[0].dylink.present && v.v[0].dylink.mem_size >= 8192);
		/* threads: a shared memory, the bss zero-filled, not in the data */
		CHECK_STR(v.v[1].member, "fxside/_threads.cpython-313-wasm32-emscripten.so");
		CHECK(v.v[1].valid && v.v[1].shared && v.v[1].dylink.mem_size >= 8192 && v.v[1].data_bytes < 1024);
		wasm_variant_memory(&v.v[1], &ni);
		CHECK_INT(ni.wasm_data, v.v[1].dylink.mem_size);
		CHECK_STR(v.v[2].member, "fxside/libfxhelper.so");
		CHECK(v.v[2].valid && v.v[2].dylink.present && v.v[2].n_exports >= 1);
	}
	free(p);
	p = fx("wheels/fxpure-1.0-py3-none-any.whl");
	CHECK_INT(wasm_wheel_inspect(p, 0, &v, &n_wasm, &err), 0);
	CHECK_INT(n_wasm, 0);
	CHECK_INT(v.n, 3);
	free(p);
	/* corrupt: one line naming the archive and the member */
	static const char *bad[][2] = {
		{ "wheels/fxbad-1.0-cp313-cp313-pyodide_2025_0_wasm32.whl", "fxbad/_bad.cpython-313-wasm32-emscripten.so" },
		{ "wheels/fxcrc-1.0-cp313-cp313-pyodide_2025_0_wasm32.whl", "fxcrc/_side.cpython-313-wasm32-emscripten.so" },
	};
	for (size_t i = 0; i < 2; i++) {
		p = fx(bad[i][0]);
		err.code = 0;
		CHECK_INT(wasm_wheel_inspect(p, 0, &v, &n_wasm, &err), PM_INPUT);
		if (!strstr(err.msg, p) || !strstr(err.msg, bad[i][1]) || strchr(err.msg, '\n')) {
			t_fail++;
			fprintf(stderr, "%s: expected one line naming it and %s, got '%s'\n", bad[i][0], bad[i][1], err.msg);
		} else {
			t_pass++;
		}
		free(p);
	}
	for (size_t i = 0; i < v.n; i++)
		wasm_variant_info_release(&v.v[i]);
	VEC_FREE(&v);
}

int main(int argc, char **argv)
{
	static char own[4096];
	const char *slash = strrchr(argv[0], '/');

	if (argc > 1) {
		dir = argv[1];
	} else {
		snprintf(own, sizeof own, "%.*s/../../fixtures/wasm", slash ? (int)(slash - argv[0]) : 1,
			 slash ? argv[0] : ".");
		dir = own;
	}
	test_mem();
	test_shared();
	refused("invalid.wasm", "does not validate");
	refused("corrupt.wasm", "corrupt.wasm");
	refused("missing.wasm", "missing.wasm");
	test_optimize();
	test_dylink_parse();
	test_dylink_find();
	test_side_module();
	test_wheels();
	return TEST_DONE("test_wasm");
}
