/* test_rules.c: the rule database's queries on the default database compiled
 * into the binary: every fact the issue names, plus the JSON reader and
 * package-name normalization. The CLI is tested by tests/suites/rules. */
#include "test.h"
#include "../../polyfill-db/rules_int.h"

#include <stdlib.h>

static void check_module(struct rules *r, const char *target, const char *module,
			 enum module_status want, const char *want_owner)
{
	struct module_rule m;
	CHECK_INT(rules_module(r, target, module, &m), 0);
	if (m.status != want)
		fprintf(stderr, "  %s on %s: %s\n", module, target, module_status_name(m.status));
	CHECK_INT(m.status, want);
	if (want_owner)
		CHECK_STR(m.module, want_owner);
}

static void test_modules(struct rules *r)
{
	struct module_rule m;

	check_module(r, "pymode", "socket", MS_POLYFILLED, "socket");
	check_module(r, "pymode", "threading", MS_POLYFILLED, "threading");
	check_module(r, "pymode", "json", MS_AVAILABLE, "json");
	check_module(r, "pymode", "json.decoder", MS_AVAILABLE, "json");
	check_module(r, "pymode", "_json", MS_BUILTIN, "_json");
	check_module(r, "pymode", "sys", MS_BUILTIN, "sys");
	/* CPython's lzma/bz2 over PyMode's partial _lzma/_bz2 polyfills */
	check_module(r, "pymode", "lzma", MS_LIMITED, "lzma");
	check_module(r, "pymode", "bz2", MS_LIMITED, "bz2");
	check_module(r, "pymode", "_lzma", MS_POLYFILLED, "_lzma");
	/* gzip over the full zlib polyfill: plain available */
	check_module(r, "pymode", "gzip", MS_AVAILABLE, "gzip");
	/* pymode-repo-facts.txt: built in, including the CJK codecs */
	check_module(r, "pymode", "_multibytecodec", MS_BUILTIN, NULL);
	check_module(r, "pymode", "_codecs_jp", MS_BUILTIN, NULL);
	check_module(r, "pymode", "encodings.shift_jis", MS_AVAILABLE, NULL);
	check_module(r, "pymode", "pyexpat", MS_BUILTIN, NULL);
	check_module(r, "pymode", "_elementtree", MS_BUILTIN, NULL);
	check_module(r, "pymode", "_decimal", MS_BUILTIN, NULL);
	/* left out of the build, no polyfill */
	check_module(r, "pymode", "_ssl", MS_UNAVAILABLE, NULL);
	check_module(r, "pymode", "_hashlib", MS_UNAVAILABLE, NULL);
	check_module(r, "pymode", "_sqlite3", MS_UNAVAILABLE, NULL);
	check_module(r, "pymode", "_uuid", MS_UNAVAILABLE, NULL);
	check_module(r, "pymode", "_posixsubprocess", MS_UNAVAILABLE, NULL);
	check_module(r, "pymode", "_multiprocessing", MS_UNAVAILABLE, NULL);
	check_module(r, "pymode", "_curses", MS_UNAVAILABLE, NULL);
	/* left out, but the runtime ships a polyfill */
	check_module(r, "pymode", "faulthandler", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "fcntl", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "grp", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "pwd", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "resource", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "termios", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "syslog", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "curses", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "dbm.dumb", MS_POLYFILLED, "dbm");
	check_module(r, "pymode", "tkinter", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "_weakref", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "_socket", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "_ctypes", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "concurrent.futures.thread", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "signal", MS_LIMITED, NULL);
	check_module(r, "pymode", "email.mime.text", MS_AVAILABLE, "email");
	check_module(r, "pymode", "numpy", MS_THIRD_PARTY, NULL);
	check_module(r, "pymode", "requests.adapters", MS_THIRD_PARTY, NULL);
	check_module(r, "pymode", "binascii", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "zlib", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "ssl", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "selectors", MS_LIMITED, NULL);
	check_module(r, "pymode", "multiprocessing.pool", MS_POLYFILLED, "multiprocessing");
	check_module(r, "pymode", "logging.handlers", MS_POLYFILLED, "logging");
	check_module(r, "pymode", "subprocess", MS_POLYFILLED, NULL);
	check_module(r, "pymode", "ctypes.util", MS_POLYFILLED, "ctypes");
	check_module(r, "pymode", "mmap", MS_POLYFILLED, NULL);
	/* fidelity: full ones make a note, partial ones the polyfill verdict */
	{
		static const char *full[] = { "logging", "logging.handlers", "binascii", "zlib",
					      "concurrent.futures.thread" };
		static const char *partial[] = { "socket", "threading", "ssl", "select", "subprocess",
						 "multiprocessing", "mmap", "ctypes", "_weakref", "dbm" };
		for (size_t i = 0; i < sizeof(full) / sizeof(*full); i++) {
			CHECK_INT(rules_module(r, "pymode", full[i], &m), 0);
			CHECK_INT(m.status, MS_POLYFILLED);
			CHECK_STR(polyfill_fidelity_name(m.fidelity), "full");
		}
		for (size_t i = 0; i < sizeof(partial) / sizeof(*partial); i++) {
			CHECK_INT(rules_module(r, "pymode", partial[i], &m), 0);
			CHECK_INT(m.status, MS_POLYFILLED);
			CHECK_STR(polyfill_fidelity_name(m.fidelity), "partial");
		}
	}
	/* a pure Python module PyMode does not bundle: the bundler ships it */
	check_module(r, "pymode", "difflib", MS_AVAILABLE, NULL);
	CHECK_INT(rules_module(r, "pymode", "difflib", &m), 0);
	CHECK(m.note && strstr(m.note, "bundler"));

	CHECK_INT(rules_module(r, "pymode", "sqlite3", &m), 0);
	CHECK_INT(m.status, MS_UNAVAILABLE);
	CHECK(m.remedy && strstr(m.remedy, "D1"));
	CHECK(m.rule_id && starts_with(m.rule_id, "rules/targets/pymode.yaml:"));
	CHECK_INT(rules_module(r, "pymode", "sqlite3.dbapi2", &m), 0);
	CHECK_INT(m.status, MS_UNAVAILABLE);
	CHECK_STR(m.module, "sqlite3");

	/* CPython's own WASI build: no polyfills; configure's n/a modules are
	 * missing, _thread and signal are built in, select/_socket inferred */
	check_module(r, "wasi", "socket", MS_LIMITED, NULL);
	check_module(r, "wasi", "_socket", MS_LIMITED, NULL);
	check_module(r, "wasi", "select", MS_LIMITED, NULL);
	check_module(r, "wasi", "threading", MS_LIMITED, NULL);
	check_module(r, "wasi", "signal", MS_LIMITED, NULL);
	check_module(r, "wasi", "subprocess", MS_LIMITED, NULL);
	check_module(r, "wasi", "asyncio", MS_LIMITED, "asyncio");
	check_module(r, "wasi", "http.client", MS_LIMITED, "http.client");
	check_module(r, "wasi", "urllib.request", MS_LIMITED, "urllib.request");
	check_module(r, "wasi", "ssl", MS_UNAVAILABLE, "ssl");
	/* measured on CPython 3.13.5 for wasm32-wasi (tests/suites/wasi-modules):
	 * the packages import, some of their modules do not */
	check_module(r, "wasi", "multiprocessing", MS_LIMITED, "multiprocessing");
	check_module(r, "wasi", "multiprocessing.pool", MS_LIMITED, "multiprocessing");
	check_module(r, "wasi", "multiprocessing.synchronize", MS_UNAVAILABLE, "multiprocessing.synchronize");
	check_module(r, "wasi", "rlcompleter", MS_AVAILABLE, NULL);
	/* "idlelib.*": the package's submodules need tkinter, the package does not */
	check_module(r, "wasi", "idlelib", MS_AVAILABLE, NULL);
	check_module(r, "wasi", "idlelib.pyshell", MS_UNAVAILABLE, "idlelib");
	check_module(r, "wasi", "turtledemo", MS_AVAILABLE, NULL);
	check_module(r, "wasi", "turtledemo.minimal_hanoi", MS_UNAVAILABLE, "turtledemo");
	check_module(r, "wasi", "_posixsubprocess", MS_UNAVAILABLE, NULL);
	check_module(r, "wasi", "fcntl", MS_UNAVAILABLE, NULL);
	check_module(r, "wasi", "termios", MS_UNAVAILABLE, NULL);
	check_module(r, "wasi", "resource", MS_UNAVAILABLE, NULL);
	check_module(r, "wasi", "mmap", MS_UNAVAILABLE, NULL);
	check_module(r, "wasi", "_thread", MS_BUILTIN, NULL);
	check_module(r, "wasi", "_multibytecodec", MS_BUILTIN, NULL);
	CHECK_INT(rules_module(r, "wasi", "_socket", &m), 0);
	CHECK(m.note && strstr(m.note, "INFERRED"));
	check_module(r, "wasi", "json", MS_AVAILABLE, NULL);
	check_module(r, "wasi", "_json", MS_BUILTIN, NULL);

	/* Pyodide: sqlite3 and lzma come as unvendored packages */
	check_module(r, "cf-python-workers", "sqlite3", MS_AVAILABLE, NULL);
	check_module(r, "cf-python-workers", "lzma", MS_AVAILABLE, NULL);
	/* CPython's own modules that import on emscripten but whose calls fail */
	check_module(r, "cf-python-workers", "threading", MS_LIMITED, "threading");
	check_module(r, "cf-python-workers", "socket", MS_LIMITED, "socket");
	check_module(r, "cf-python-workers", "subprocess", MS_LIMITED, "subprocess");
	CHECK_STR(module_status_name(MS_LIMITED), "limited");
	check_module(r, "cf-python-workers", "_ctypes", MS_BUILTIN, NULL);

	CHECK_INT(rules_module(r, "no-such-target", "json", &m), PM_USAGE);
}

static void test_stdlib(struct rules *r)
{
	CHECK_INT(rules_is_stdlib(r, "json"), 1);
	CHECK_INT(rules_is_stdlib(r, "email.mime.text"), 1);
	CHECK_INT(rules_is_stdlib(r, "_json"), 1);
	CHECK_INT(rules_is_stdlib(r, "tkinter"), 1);
	CHECK_INT(rules_is_stdlib(r, "numpy"), 0);
	CHECK_INT(rules_is_stdlib(r, "jsonx"), 0);
	CHECK_INT(rules_is_stdlib(r, ""), 0);
	CHECK_INT(rules_is_stdlib(r, ".json"), 0);
	/* removed from 3.13 (PEP 594) */
	CHECK_INT(rules_is_stdlib(r, "telnetlib"), 0);
	CHECK_INT(rules_is_stdlib(r, "distutils"), 0);
	/* per target: 3.12 still has them and lacks 3.13's new ones; 3.14 adds its own */
	CHECK_INT(rules_target_is_stdlib(r, "cf-python-workers-3.12", "telnetlib"), 1);
	CHECK_INT(rules_target_is_stdlib(r, "cf-python-workers-3.12", "lib2to3.pgen2"), 1);
	CHECK_INT(rules_target_is_stdlib(r, "cf-python-workers-3.12", "_pyrepl"), 0);
	CHECK_INT(rules_target_is_stdlib(r, "cf-python-workers-3.12", "json.decoder"), 1);
	CHECK_INT(rules_target_is_stdlib(r, "cf-python-workers-3.12", "distutils"), 0);
	CHECK_INT(rules_target_is_stdlib(r, "cf-python-workers", "telnetlib"), 0);
	CHECK_INT(rules_target_is_stdlib(r, "cf-python-workers", "_pyrepl"), 1);
	CHECK_INT(rules_target_is_stdlib(r, "cf-python-workers-3.14", "annotationlib"), 1);
	CHECK_INT(rules_target_is_stdlib(r, "cf-python-workers-3.14", "_compression"), 0);
	CHECK_INT(rules_target_is_stdlib(r, NULL, "json"), 1);
	{
		struct module_rule m;
		CHECK_INT(rules_module(r, "cf-python-workers-3.12", "cgi", &m), 0);
		CHECK(m.status != MS_THIRD_PARTY);
		CHECK_INT(rules_module(r, "cf-python-workers", "cgi", &m), 0);
		CHECK_INT(m.status, MS_THIRD_PARTY);
		/* 3.12 names it, Pyodide 0.27.7 does not build it */
		CHECK_INT(rules_module(r, "cf-python-workers-3.12", "nis", &m), 0);
		CHECK_INT(m.status, MS_UNAVAILABLE);
	}

	/* gated imports, sorted by importer */
	const struct import_gate *g;
	size_t ng = rules_gates(r, &g);
	CHECK_INT(ng, 6);
	if (ng == 6) {
		CHECK_STR(g[0].module, "_collections_abc");
		CHECK_STR(g[0].imports, "warnings");
		CHECK_STR(g[0].when, "ByteString");
		CHECK(!g[0].rows);
		CHECK_STR(g[1].module, "jinja2.environment");
		CHECK_STR(g[1].imports, "asyncio");
		CHECK_STR(g[1].when, "enable_async is_async");
		CHECK(!strncmp(g[1].rule_id, "rules/packages/gated.yaml:", 26));
		CHECK_STR(g[2].module, "pygments.formatters");
		CHECK_STR(g[2].rows, "pygments.formatters._mapping.FORMATTERS");
		CHECK_STR(g[2].takes, "get_formatter_by_name find_formatter_class");
		CHECK(!g[1].takes);
		CHECK_STR(g[3].module, "pygments.lexers");
		CHECK_STR(g[3].imports, "pygments.lexers");
		CHECK_STR(g[3].rows, "pygments.lexers._mapping.LEXERS");
		CHECK(strstr(g[3].when, "guess_lexer") != NULL);
		CHECK_STR(g[4].rows, "pygments.styles.STYLE_MAP");
		CHECK_STR(g[5].module, "typing");
		CHECK_STR(g[5].imports, "inspect");
		CHECK(!strncmp(g[5].when, "runtime_checkable SupportsInt ", 30));
		CHECK(strstr(g[5].why, "@runtime_checkable Protocol") != NULL);
	}
}

static void test_packages(struct rules *r)
{
	struct package_rule p;

	CHECK_INT(rules_package(r, "pymode", "numpy", &p), 0);
	CHECK_INT(p.kind, PR_VARIANT);
	CHECK_STR(p.variant_file, "python-numpy.wasm");
	CHECK_INT(p.n_variant_modules, 1);
	if (p.n_variant_modules)
		CHECK_STR(p.variant_modules[0], "numpy");
	CHECK_STR(p.variant_version, "2.4.2"); /* lib/variants.json */

	CHECK_INT(rules_package(r, "cf-python-workers", "numpy", &p), 0);
	CHECK_INT(p.kind, PR_VARIANT);
	CHECK(p.variant_file && ends_with(p.variant_file, "pyodide_2025_0_wasm32.whl"));
	CHECK(p.variant_version != NULL);

	CHECK_INT(rules_package(r, "wasi", "numpy", &p), 0);
	CHECK_INT(p.kind, PR_NONE);

	CHECK_INT(rules_package(r, "pymode", "xxhash", &p), 0);
	CHECK_INT(p.kind, PR_POLYFILL);
	CHECK(p.note && strstr(p.note, "sha256"));

	CHECK_INT(rules_package(r, "pymode", "pydantic_core", &p), 0); /* normalized */
	CHECK_INT(p.kind, PR_VARIANT);
	CHECK_STR(p.package, "pydantic-core");
	CHECK_STR(p.variant_file, "python-pydantic-core.wasm");

	/* the extension packages PyMode's deploy refuses */
	{
		static const char *refused[] = { "scipy", "scikit-learn", "lxml", "cryptography", "cffi",
						 "orjson" };
		for (size_t i = 0; i < sizeof(refused) / sizeof(*refused); i++) {
			CHECK_INT(rules_package(r, "pymode", refused[i], &p), 0);
			CHECK_INT(p.kind, PR_UNSUPPORTED);
		}
	}
	/* cffi needs _cffi_backend whether or not a wheel ships it */
	CHECK_INT(rules_package(r, "pymode", "cffi", &p), 0);
	CHECK_INT(p.n_native_modules, 1);
	if (p.n_native_modules)
		CHECK_STR(p.native_modules[0], "_cffi_backend");
	CHECK_INT(rules_package(r, "wasi", "cffi", &p), 0);
	CHECK_INT(p.n_native_modules, 1);
	CHECK_INT(rules_package(r, "pymode", "ormsgpack", &p), 0);
	CHECK_INT(p.kind, PR_POLYFILL);
	CHECK_INT(rules_package(r, "pymode", "orjson", &p), 0);
	CHECK_INT(p.kind, PR_UNSUPPORTED);
	CHECK(p.n_alternatives >= 1);
	CHECK_INT(rules_package(r, "pymode", "torch", &p), 0);
	CHECK_INT(p.kind, PR_UNSUPPORTED);
	CHECK_INT(rules_package(r, "wasi", "torch", &p), 0);
	CHECK_INT(p.kind, PR_UNSUPPORTED);
	CHECK_INT(rules_package(r, "pymode", "markupsafe", &p), 0);
	CHECK_INT(p.kind, PR_POLYFILL);
	CHECK_INT(rules_package(r, "pymode", "requests", &p), 0);
	CHECK_INT(p.kind, PR_NONE);
	CHECK_INT(rules_package(r, "nope", "numpy", &p), PM_USAGE);
}

/* the profile a project's wrangler config gets, as workerd 1.20261123.1 picks it */
static void test_profiles(struct rules *r)
{
	struct perr err = PERR_INIT;
	struct target_pick p;
	const char *py[] = { "python_workers" };
	const char *f13[] = { "python_workers", "python_workers_20250116" };
	const char *f14[] = { "python_workers", "python_workers_20260610" };
	const char *off14[] = { "python_workers", "no_python_workers_20260610" };
	const char *nosdk[] = { "python_workers", "disable_python_external_sdk" };

	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2026-11-01", py, 1, NULL, &p, &err), 1);
	CHECK_STR(p.target, "cf-python-workers-3.14");
	CHECK_STR(p.python, "3.14");
	CHECK(p.why && strstr(p.why, "2026-09-08"));
	CHECK(p.sdk_vendored);
	CHECK_STR(p.sdk_distribution, "workers-runtime-sdk");
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2026-09-07", py, 1, NULL, &p, &err), 1);
	CHECK_STR(p.target, "cf-python-workers");
	CHECK(p.sdk_vendored); /* 2026-09-07 is after 2026-04-21 */
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2026-01-10", py, 1, NULL, &p, &err), 1);
	CHECK_STR(p.python, "3.13");
	CHECK(!p.sdk_vendored);
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2026-11-01", nosdk, 2, NULL, &p, &err), 1);
	CHECK(!p.sdk_vendored);
	/* flags: one forces its profile, an off flag takes the date's away */
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2025-01-01", f14, 2, NULL, &p, &err), 1);
	CHECK_STR(p.python, "3.14");
	CHECK(p.why && strstr(p.why, "python_workers_20260610"));
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2025-01-01", f13, 2, NULL, &p, &err), 1);
	CHECK_STR(p.python, "3.13");
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2026-11-01", off14, 2, NULL, &p, &err), 1);
	CHECK_STR(p.python, "3.13");
	/* before 2025-09-29: python_workers alone, Python 3.12 on Pyodide 0.27.7;
	 * class-only handlers from their own date (2025-08-14), the external SDK
	 * only by its flag (its date, 2026-04-21, is past 3.12's) */
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2025-03-01", py, 1, NULL, &p, &err), 1);
	CHECK_STR(p.target, "cf-python-workers-3.12");
	CHECK_STR(p.python, "3.12");
	CHECK_STR(p.runtime, "Pyodide 0.27.7");
	CHECK_STR(p.pyodide_npm, "pyodide-027");
	CHECK_STR(p.index, "https://index.pyodide.org/0.27.7");
	CHECK_STR(p.why, "compatibility_date 2025-03-01, before 2025-09-29");
	CHECK(p.from == NULL && p.note == NULL);
	CHECK(!p.class_only && !p.sdk_vendored);
	/* a config written for it: a date that picks it with no later feature on */
	CHECK_STR(p.config_date, "2025-08-13");
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2025-09-28", py, 1, NULL, &p, &err), 1);
	CHECK_STR(p.python, "3.12");
	CHECK(p.class_only && !p.sdk_vendored);
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2025-09-29", py, 1, NULL, &p, &err), 1);
	CHECK_STR(p.python, "3.13");
	CHECK_STR(p.config_date, "2025-09-29");
	{
		const char *sdk12[] = { "python_workers", "enable_python_external_sdk", "python_no_global_handlers" };
		CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2024-06-01", sdk12, 3, NULL, &p, &err), 1);
		CHECK_STR(p.python, "3.12");
		CHECK(p.sdk_vendored && p.class_only);
	}
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2025-01-01", f13, 2, NULL, &p, &err), 1);
	CHECK_STR(p.python, "3.13");
	/* no date: the family's own, said so */
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", NULL, NULL, 0, NULL, &p, &err), 1);
	CHECK_STR(p.target, "cf-python-workers");
	CHECK(p.note != NULL);
	CHECK_STR(p.pyodide_npm, "pyodide");
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", NULL, NULL, 0, "3.12", &p, &err), 1);
	CHECK_STR(p.target, "cf-python-workers-3.12");
	CHECK_STR(p.why, "--python-version 3.12");
	/* --python-version wins; an unknown one is a usage error naming the known */
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2026-11-01", py, 1, "3.13", &p, &err), 1);
	CHECK_STR(p.target, "cf-python-workers");
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", NULL, NULL, 0, "3.9", &p, &err), PM_USAGE);
	CHECK(strstr(err.msg, "3.14") && strstr(err.msg, "3.13") && strstr(err.msg, "3.12"));
	CHECK_INT(rules_pick_profile(r, "cf-python-workers", "2026-1-1", py, 1, NULL, &p, &err), PM_INPUT);
	/* a target without profiles */
	CHECK_INT(rules_pick_profile(r, "pymode", "2026-11-01", py, 1, NULL, &p, &err), 0);
	CHECK_STR(p.target, "pymode");
}

static void test_targets(struct rules *r)
{
	struct perr err = PERR_INIT;
	struct target_info t;
	const char **names;
	size_t n = rules_target_names(r, &names);

	CHECK_INT(n, 5); /* pymode, cf-python-workers (3.13), -3.12, -3.14, wasi */
	if (n)
		CHECK_STR(names[0], "pymode");
	CHECK_INT(rules_target(r, "pymode", &t, &err), 0);
	CHECK_STR(t.python_version, "3.13");
	CHECK_STR(t.env.sys_platform, "wasi");
	CHECK_STR(t.env.os_name, "posix");
	CHECK_STR(t.env.implementation_name, "cpython");
	CHECK_INT(t.env.py_major, 3);
	CHECK_INT(t.env.py_minor, 13);
	CHECK_INT(t.limits.bundle_gzip, 10 << 20);
	CHECK_INT(t.limits.memory, 128 << 20);
	CHECK_INT(t.limits.cpu_ms, 30000);
	CHECK(t.limits.overhead_gzip > 0);
	CHECK(t.n_tags > 0 && !strcmp(t.tags[0], "cp313-none-any"));
	CHECK(t.n_roots > 0 && !strcmp(t.roots[0], "encodings"));
	CHECK(t.n_markers >= 10);

	CHECK_INT(rules_target(r, "cf-python-workers", &t, &err), 0);
	CHECK_STR(t.env.sys_platform, "emscripten");
	CHECK_INT(t.env.py_micro, 2);
	CHECK(t.n_tags > 0 && !strcmp(t.tags[0], "cp313-cp313-pyodide_2025_0_wasm32"));

	CHECK_INT(t.zip_stored, 0);
	CHECK_INT(rules_target(r, "cf-python-workers-3.12", &t, &err), 0);
	CHECK_STR(t.python_version, "3.12");
	CHECK_INT(t.env.py_minor, 12);
	CHECK_INT(t.env.py_micro, 7);
	CHECK(t.n_tags > 0 && !strcmp(t.tags[0], "cp312-cp312-pyodide_2024_0_wasm32"));
	/* wasi's zipimport has no zlib: zip_members: stored */
	CHECK_INT(rules_target(r, "wasi", &t, &err), 0);
	CHECK_INT(t.zip_stored, 1);

	CHECK_INT(rules_target(r, "mars", &t, &err), PM_USAGE);
	CHECK(strstr(err.msg, "unknown target 'mars'") && strstr(err.msg, "pymode"));
}

static void test_json(void)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct jnode *root;
	const char *good = "{\"a\": [1, -2.5e3, true, null], \"b\": \"x\\u00e9\\ud83d\\ude00\\n\"}";

	CHECK_INT(jtree_parse(&a, "t.json", good, strlen(good), &root, &err), 0);
	CHECK_INT(root->type, J_OBJECT);
	CHECK_INT(jnode_get(root, "a")->n, 4);
	CHECK_STR(jnode_get(root, "b")->str, "x\xc3\xa9\xf0\x9f\x98\x80\n");
	CHECK(jnode_get(root, "c") == NULL);
	CHECK_INT(jtree_parse(&a, "t.json", "{\"a\":1,}", 8, &root, &err), PM_INPUT);
	CHECK_INT(jtree_parse(&a, "t.json", "[1,\n 2", 6, &root, &err), PM_INPUT);
	CHECK(strstr(err.msg, "t.json:2:") != NULL);
	CHECK_INT(jtree_parse(&a, "t.json", "\"abc", 4, &root, &err), PM_INPUT);
	CHECK_INT(jtree_parse(&a, "t.json", "1\0", 2, &root, &err), PM_INPUT);
	CHECK_INT(jtree_parse(&a, "t.json", "", 0, &root, &err), PM_INPUT);
	{
		char deep[600];
		memset(deep, '[', sizeof(deep));
		CHECK_INT(jtree_parse(&a, "t.json", deep, sizeof(deep), &root, &err), PM_INPUT);
	}
	CHECK_STR(rules_normalize(&a, "Pydantic__Core"), "pydantic-core");
	CHECK_STR(rules_normalize(&a, "zope.interface"), "zope-interface");
	arena_release(&a);
}

int main(void)
{
	struct perr err = PERR_INIT;
	struct rules *r;

	if (rules_open(&r, NULL, NULL, 0, &err)) {
		fprintf(stderr, "rules_open: %s\n", err.msg);
		return 1;
	}
	test_targets(r);
	test_profiles(r);
	test_modules(r);
	test_stdlib(r);
	test_packages(r);
	rules_close(r);
	test_json();
	return TEST_DONE("test_rules");
}
