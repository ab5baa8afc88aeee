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

/* glob-to-regexp with globstar, as wrangler matches its module rules and
 * python_modules.exclude */
static void test_glob(void)
{
	CHECK(wrangler_glob("**/*.pyc", "a.pyc"));
	CHECK(wrangler_glob("**/*.pyc", "pkg/sub/__pycache__/a.cpython-313.pyc"));
	CHECK(!wrangler_glob("**/*.pyc", "a.py"));
	CHECK(!wrangler_glob("**/*.pyc", "a.pyc/b"));
	CHECK(wrangler_glob("*.txt", "notes.txt"));
	CHECK(!wrangler_glob("*.txt", "pkg/notes.txt")); /* '*' stops at '/' */
	CHECK(wrangler_glob("**/tests/**", "pkg/tests/test_a.py"));
	CHECK(wrangler_glob("**/tests/**", "tests/x"));
	CHECK(!wrangler_glob("**/tests/**", "pkg/tests")); /* a trailing globstar needs its '/' */
	CHECK(!wrangler_glob("**/tests/**", "pkg/contests/x"));
	CHECK(wrangler_glob("pygments/lexers/**", "pygments/lexers/python.py"));
	CHECK(wrangler_glob("pygments/lexers/**", "pygments/lexers/"));
	CHECK(!wrangler_glob("pygments/lexers/**", "pygments/lexers.py"));
	CHECK(wrangler_glob("a**b", "axxb")); /* not a whole segment: one segment */
	CHECK(!wrangler_glob("a**b", "ax/xb"));
	CHECK(wrangler_glob("a?b.py", "a?b.py")); /* '?' is itself, without extended */
	CHECK(!wrangler_glob("a?b.py", "axb.py"));
	CHECK(wrangler_glob("*/*.so", "numpy/x.so"));
	CHECK(!wrangler_glob("*/*.so", "numpy/core/x.so"));
	CHECK(wrangler_glob("**", "anything/at/all"));
	CHECK(!wrangler_glob("src", "src/x")); /* anchored */
}

/* which files of main's folder wrangler uploads, and which of
 * python_modules it leaves out */
static void test_uploads(void)
{
	struct arena a = ARENA_INIT;
	struct wrangler_config w;
	struct perr err = PERR_INIT;
	const char *type = NULL, *glob = NULL;

	/* no config: the defaults */
	CHECK(wrangler_uploads(NULL, "routes/api.py", &type));
	CHECK_STR(type, "PythonModule");
	CHECK(wrangler_uploads(NULL, "templates/page.html", &type));
	CHECK_STR(type, "Text");
	CHECK(!wrangler_uploads(NULL, "data.json", NULL));
	CHECK(!wrangler_uploads(NULL, "style.css", NULL));
	CHECK(wrangler_excludes(NULL, "pkg/__pycache__/m.cpython-313.pyc", &glob));
	CHECK(!wrangler_excludes(NULL, "pkg/m.py", NULL));
	/* a Data rule for json with fallthrough keeps the defaults; a Text rule
	 * without fallthrough drops the default Text rule; exclude replaces the
	 * default */
	put("wrangler.toml",
	    "main = \"src/worker.py\"\n"
	    "[[rules]]\ntype = \"Data\"\nglobs = [\"**/*.json\"]\nfallthrough = true\n"
	    "[[rules]]\ntype = \"Text\"\nglobs = [\"**/*.jinja\", \"**/*.md\"]\n"
	    "[python_modules]\nexclude = [\"**/tests/**\", \"*.dist-info/RECORD\"]\n");
	CHECK_INT(wrangler_find(dir, &w, &a, &err), 1);
	CHECK_INT(w.rules.n, 2);
	if (w.rules.n == 2) {
		CHECK_STR(w.rules.v[0].type, "Data");
		CHECK_INT(w.rules.v[0].fallthrough, 1);
		CHECK_INT(w.rules.v[1].n_globs, 2);
		CHECK_INT(w.rules.v[1].fallthrough, 0);
	}
	CHECK(wrangler_uploads(&w, "data/cities.json", &type));
	CHECK_STR(type, "Data");
	CHECK(wrangler_uploads(&w, "t/page.jinja", &type));
	CHECK_STR(type, "Text");
	CHECK(!wrangler_uploads(&w, "page.html", NULL)); /* the default Text rule is dropped */
	CHECK(wrangler_uploads(&w, "blob.bin", NULL));
	CHECK(wrangler_uploads(&w, "worker.py", NULL));
	CHECK(wrangler_excludes(&w, "six/tests/test_six.py", &glob));
	CHECK_STR(glob, "**/tests/**");
	CHECK(wrangler_excludes(&w, "six-1.16.0.dist-info/RECORD", NULL));
	CHECK(!wrangler_excludes(&w, "six/__pycache__/six.cpython-313.pyc", NULL)); /* replaced */
	wrangler_release(&w);
	drop("wrangler.toml");
	/* the same in JSON */
	put("wrangler.json",
	    "{\"main\": \"src/worker.py\", \"rules\": [{\"type\": \"PythonModule\", \"globs\": [\"app/**/*.py\"]}],\n"
	    " \"python_modules\": {\"exclude\": []}}\n");
	CHECK_INT(wrangler_find(dir, &w, &a, &err), 1);
	CHECK_INT(w.has_exclude, 1);
	CHECK(wrangler_uploads(&w, "app/x/y.py", NULL));
	CHECK(!wrangler_uploads(&w, "other.py", NULL)); /* the config's PythonModule rule replaces *.py */
	CHECK(!wrangler_excludes(&w, "a.pyc", NULL));    /* an empty exclude keeps .pyc */
	wrangler_release(&w);
	drop("wrangler.json");
	arena_release(&a);
}

/* the bindings beyond vars and KV, by name and kind, in every form */
static void test_bindings(void)
{
	struct arena a = ARENA_INIT;
	struct wrangler_config w;
	struct perr err = PERR_INIT;

	put("wrangler.toml",
	    "main = \"src/worker.py\"\n"
	    "ai = { binding = \"AI\" }\n"
	    "[assets]\ndirectory = \"./public\"\nbinding = \"ASSETS\"\n"
	    "[[d1_databases]]\nbinding = \"DB\"\ndatabase_name = \"x\"\n"
	    "[[durable_objects.bindings]]\nname = \"ROOMS\"\nclass_name = \"Room\"\n"
	    "[[queues.producers]]\nqueue = \"q\"\nbinding = \"JOBS\"\n"
	    "[[kv_namespaces]]\nbinding = \"CACHE\"\n");
	CHECK_INT(wrangler_find(dir, &w, &a, &err), 1);
	CHECK_INT(w.bindings.n, 5);
	if (w.bindings.n == 5) {
		CHECK_STR(w.bindings.v[0].name, "AI");
		CHECK_STR(w.bindings.v[0].kind, "ai");
		CHECK_STR(w.bindings.v[1].name, "ASSETS");
		CHECK_STR(w.bindings.v[2].kind, "d1_databases");
		CHECK_STR(w.bindings.v[3].name, "ROOMS");
		CHECK_STR(w.bindings.v[3].kind, "durable_objects.bindings");
		CHECK_STR(w.bindings.v[4].name, "JOBS");
	}
	CHECK_INT(w.kv.n, 1); /* KV stays apart: the verifier emulates it */
	wrangler_release(&w);
	drop("wrangler.toml");
	put("wrangler.jsonc",
	    "{\"main\": \"src/entry.py\", \"d1_databases\": [{\"binding\": \"DB\"}],\n"
	    " \"durable_objects\": {\"bindings\": [{\"name\": \"FIREHOSE\", \"class_name\": \"F\"}]},\n"
	    " \"assets\": {\"directory\": \"public\", \"binding\": \"ASSETS\"}, \"r2_buckets\": [{\"bucket_name\": \"b\"}]}\n");
	CHECK_INT(wrangler_find(dir, &w, &a, &err), 1);
	CHECK_INT(w.bindings.n, 3); /* an R2 bucket without a binding binds nothing */
	if (w.bindings.n == 3) {
		CHECK_STR(w.bindings.v[0].name, "DB");
		CHECK_STR(w.bindings.v[1].name, "FIREHOSE");
		CHECK_STR(w.bindings.v[2].kind, "assets");
	}
	wrangler_release(&w);
	drop("wrangler.jsonc");
	arena_release(&a);
}

int main(void)
{
	if (!mkdtemp(dir))
		return 1;
	test_jsonc();
	test_glob();
	test_uploads();
	test_bindings();
	rmdir(dir);
	return TEST_DONE("test_wrangler");
}
