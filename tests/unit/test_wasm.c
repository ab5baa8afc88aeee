/* test_wasm.c: wasm variants through binaryen (bundler/wasm.c) on real
 * modules built by tests/fixtures/wasm/build: a module's memory section,
 * import and export counts; a shared memory; an invalid and a corrupt file
 * refused with one error line; -Oz shrinking a clang-built module with dead
 * code, and the optimised file still valid. */
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
	return TEST_DONE("test_wasm");
}
