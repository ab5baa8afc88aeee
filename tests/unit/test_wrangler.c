/* test_wrangler.c: a Worker project's wrangler config (scanner/wrangler.c):
 * wrangler.toml, wrangler.jsonc (comments, trailing commas, strings that
 * hold comment markers) and wrangler.json, their order, and bad input. */
#include "../../common/common.h"
#include "../../scanner/scanner.h"
#include "test.h"

#include <stdlib.h>
#include <unistd.h>

static char dir[] = "/tmp/pymode-test-wrangler-XXXXXX";

static void put(const char *name, const char *text)
{
	char *p = path_join(dir, name);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	free(p);
}

static void drop(const char *name)
{
	char *p = path_join(dir, name);
	unlink(p);
	free(p);
}

static void test_jsonc(void)
{
	struct arena a = ARENA_INIT;
	struct wrangler_config w;
	struct perr err = PERR_INIT;

	put("wrangler.jsonc",
	    "{\n"
	    "  // a line comment \"with quotes\"\n"
	    "  \"name\": \"w // not a comment\", /* block\n  over lines */\n"
	    "  \"main\": \"src/worker.py\",\n"
	    "  \"compatibility_date\": \"2026-11-01\",\n"
	    "  \"compatibility_flags\": [\"python_workers\", \"python_workers_20260610\",],\n"
	    "  \"vars\": {\"A\": \"1\", \"N\": 2, \"B\": true,},\n"
	    "  \"kv_namespaces\": [{\"binding\": \"KV\", \"id\": \"x\"}, {\"binding\": \"OTHER\"},],\n"
	    "  \"python_modules\": {\"exclude\": [\"**/tests/**\"]},\n"
	    "}\n");
	CHECK_INT(wrangler_find(dir, &w, &a, &err), 1);
	CHECK_STR(w.name, "w // not a comment");
	CHECK_STR(w.main, "src/worker.py");
	CHECK_STR(w.compatibility_date, "2026-11-01");
	CHECK_INT(w.flags.n, 2);
	CHECK(wrangler_has_flag(&w, "python_workers_20260610"));
	CHECK(!wrangler_has_flag(&w, "python_workers_development"));
	CHECK_INT(w.vars.n, 3);
	if (w.vars.n == 3) {
		CHECK_STR(w.vars.v[1].name, "N");
		CHECK_STR(w.vars.v[1].value, "2");
		CHECK_STR(w.vars.v[2].value, "true");
	}
	CHECK_INT(w.kv.n, 2);
	CHECK_INT(w.exclude.n, 1);
	wrangler_release(&w);
	/* toml wins over jsonc */
	put("wrangler.toml",
	    "name = \"t\"\n"
	    "main = \"app/main.py\"  # comment\n"
	    "compatibility_date = \"2025-09-30\"\n"
	    "compatibility_flags = [\n  \"python_workers\", # why\n]\n"
	    "python_modules.exclude = [\"*.txt\"]\n"
	    "\n[vars]\nMODE = \"prod\"\nCOUNT = 3\n"
	    "\n[[kv_namespaces]]\nbinding = \"CACHE\"\nid = \"abc\"\n"
	    "\n[[kv_namespaces]]\nbinding = \"SESSIONS\"\n");
	CHECK_INT(wrangler_find(dir, &w, &a, &err), 1);
	CHECK(ends_with(w.path, "wrangler.toml"));
	CHECK_STR(w.main, "app/main.py");
	CHECK_STR(w.compatibility_date, "2025-09-30");
	CHECK_INT(w.flags.n, 1);
	CHECK_INT(w.vars.n, 2);
	if (w.vars.n == 2)
		CHECK_STR(w.vars.v[1].value, "3");
	CHECK_INT(w.kv.n, 2);
	if (w.kv.n == 2)
		CHECK_STR(w.kv.v[1], "SESSIONS");
	CHECK_INT(w.exclude.n, 1);
	wrangler_release(&w);
	drop("wrangler.toml");
	drop("wrangler.jsonc");
	/* no config; a broken one names the file, line and column */
	CHECK_INT(wrangler_find(dir, &w, &a, &err), 0);
	wrangler_release(&w);
	put("wrangler.json", "{\"main\": \"x.py\",\n  \"vars\": {\"A\" 1}}\n");
	CHECK_INT(wrangler_find(dir, &w, &a, &err), PM_INPUT);
	CHECK(strstr(err.msg, "wrangler.json:2:") != NULL);
	wrangler_release(&w);
	put("wrangler.json", "[1, 2]\n");
	err = (struct perr)PERR_INIT;
	CHECK_INT(wrangler_find(dir, &w, &a, &err), PM_INPUT);
	CHECK(strstr(err.msg, "not a JSON object") != NULL);
	wrangler_release(&w);
	drop("wrangler.json");
	arena_release(&a);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	test_jsonc();
	rmdir(dir);
	return TEST_DONE("test_wrangler");
}
