/* bundle.c: `pymode-bundle [APP_DIR] [--entry FILE] [-r REQS | PATH...] -o OUTDIR`:
 * finds the entry and the stdlib source, scans the app and its
 * distributions (resolving requirements for the target first), audits
 * them, runs the tree-shaker, writes the bundle whole, and optionally boots
 * it (--verify, bundle_verify.c). Option parsing, messages and exit codes
 * only; the work is in stdlib-tree-shaker/, bundler/ and reports/. */
#include "cli.h"
#include "bundle_entry.h"
#include "bundle_verify.h"
#include "../reports/report.h"

#include <dirent.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static const char usage_text[] =
	"usage: pymode-bundle [options] [APP_DIR] [-r requirements.txt | WHEEL... | SITE_PACKAGES] -o OUTDIR\n"
	"       pymode-bundle [options] [APP_DIR] ... --why MODULE\n"
	"\n"
	"Tree-shakes the app, its packages and the CPython stdlib to what the entry reaches\n"
	"and writes a bundle for the target into OUTDIR (whole or not at all):\n"
	"  pymode, wasi:       app/, site-packages.zip, stdlib.zip, stdlib-files.txt, bundle.json\n"
	"  cf-python-workers:  a Worker project: main's folder (src/), the wrangler config,\n"
	"                      pyproject.toml, python_modules/, bundle.json\n"
	"\n"
	"options:\n"
	"  -o, --output DIR       the bundle's directory (replaced whole when it holds a bundle)\n"
	"      --entry FILE       the entry (default: main in APP_DIR's wrangler.toml,\n"
	"                         wrangler.jsonc or wrangler.json, else [tool.pymode] main or\n"
	"                         entry in its pyproject.toml, else entry.py, main.py,\n"
	"                         src/entry.py, src/worker.py); APP_DIR is the project root\n"
	"  -t, --target NAME      pymode (default), cf-python-workers, wasi; cf-python-workers'\n"
	"                         Python follows the wrangler config's compatibility_date and\n"
	"                         flags (3.14 from 2026-09-08, 3.13 from 2025-09-29)\n"
	"      --python-version X.Y  the profile of that Python instead (cf-python-workers)\n"
	"      --stdlib DIR|ZIP   CPython 3.13's Lib/ or a stdlib zip (default: $PYMODE_STDLIB, else\n"
	"                         the stdlib of a python3.13 on PATH or under pyenv); on\n"
	"                         cf-python-workers read for the memory estimate, never shipped\n"
	"      --include GLOB     keep matching modules too (repeatable; 'email.*')\n"
	"      --exclude GLOB     never keep matching modules (repeatable); an eagerly\n"
	"                         imported one is an error\n"
	"      --force-exclude    let --exclude drop eagerly imported modules too\n"
	"      --why MODULE       print the chain of imports that keeps MODULE (or why it is\n"
	"                         dropped) and write nothing\n"
	"      --allow-unsupported  bundle even when a package's verdict is unsupported\n"
	"      --verify           boot the bundle and call its handler as the runtime does\n"
	"                         (class Default's fetch(self, request), else on_fetch(request,\n"
	"                         env)) with a request, in native CPython 3.13 with only the\n"
	"                         bundle on sys.path, and in Pyodide when node and the target's\n"
	"                         pyodide npm package (a cf-python-workers profile's own) are\n"
	"                         there; the runtime's own modules (workers,\n"
	"                         pymode.workers, js) are stand-ins (docs/bundle.md)\n"
	"      --verify-request 'METHOD /path?query'  the request (default 'GET /')\n"
	"      --verify-header 'Name: value'  a request header (repeatable)\n"
	"      --verify-body TEXT the request body\n"
	"      --verify-var NAME=VALUE  an env var for the handler (repeatable; added to the\n"
	"                         wrangler config's vars)\n"
	"      --verify-kv NAME   an in-memory KV binding in env (repeatable; added to the\n"
	"                         wrangler config's kv_namespaces)\n"
	"      --verify-call FUNC call entry.FUNC() instead (main, ...) when verifying\n"
	"      --format FMT       text (default), json (schema pymode-bundle/1), md (a PR comment),\n"
	"                         html (a treemap, self-contained), sarif (the audit's findings)\n"
	"                         or junit (packages, limits, budgets)\n"
	"\n"
	"sizes and the CI gate (exit 1 when one fails, each failing item on stderr):\n"
	"      --budget WHAT=SIZE[,gzip|brotli|raw]  WHAT is total or a package (repeatable;\n"
	"                         also [tool.pymode-pkg.budget] in pyproject.toml: total = \"7MiB\")\n"
	"      --limit NAME=SIZE  override one of the target's size limits (worker-gzip, ...)\n"
	"      --baseline FILE    an earlier bundle.json: print what grew and shrank; a package\n"
	"                         that became unsupported fails the gate\n"
	"      --max-growth N%|SIZE  fail when the total gzip grew more than that since --baseline\n"
	"      --variants DIR     the prebuilt python-<variant>.wasm files, and Pyodide .whl builds'\n"
	"                         wasm members (side modules): validated (binaryen), their memory\n"
	"                         (dylink.0) and imports reported and counted in the memory estimate\n"
	"      --optimize-wasm    also run binaryen's -Oz on each and report before/after\n"
	"      --memory-profile T estimate memory with target T's runtime profile (its base and\n"
	"                         boot set: what this bundle would cost on top of Pyodide, say)\n"
	"      --rules DIR        overlay rule files (repeatable)\n"
	"      --rules-db FILE    use a database from 'pymode-pkg rules compile'\n"
	"\n"
	"requirements (pip's options):\n"
	"  -r, --requirement FILE resolve FILE (requirements, or a pyproject.toml's [project]\n"
	"                         dependencies) for the target and bundle what it pins (repeatable);\n"
	"                         with no -r and no distributions, APP_DIR's own pyproject.toml\n"
	"                         [project] dependencies, else its requirements.txt\n"
	"  -c, --constraint FILE  constraints file, as pip (repeatable)\n"
	"      --extra NAME       optional dependencies of a pyproject.toml (repeatable; also\n"
	"                         APP_DIR[extra]); --all-extras: every one\n"
	"      --no-deps          only the requirements given, not their dependencies\n"
	"  -i, --index-url URL    package index (PEP 503 HTML or PEP 691 JSON)\n"
	"      --extra-index-url URL  more indexes (repeatable)\n"
	"  -f, --find-links DIR   a local wheelhouse (repeatable)\n"
	"      --no-index         ignore every index; only --find-links\n"
	"      --pre              allow pre-releases\n"
	"      --cache-dir DIR    download cache (default $XDG_CACHE_HOME/pymode-pkg)\n"
	"      --cert FILE        another CA bundle for TLS\n"
	"      --timeout SECONDS  per request, retries included (default 30)\n"
	"      --max-archive-size SIZE  inflated bytes one archive may declare (default 512M)\n"
	"      --require-hashes   hash-checking mode, as pip\n"
	"  -v, --verbose          also list every dropped candidate\n"
	"  -q, --quiet            print nothing; only the exit status tells\n"
	"  -h, --help             this text\n"
	"\n"
	"exit status: 0 fine, 1 an unsupported package or a failed --verify, 2 usage error,\n"
	"3 bad input or I/O failure\n";

enum { OPT_FORCE_EXCLUDE = 0x1ff0, OPT_ENTRY = 0x2000, OPT_STDLIB, OPT_INCLUDE, OPT_EXCLUDE, OPT_WHY, OPT_ALLOW, OPT_VERIFY,
       OPT_VERIFY_CALL, OPT_FORMAT, OPT_RULES, OPT_RULES_DB, OPT_BUDGET, OPT_LIMIT, OPT_BASELINE,
       OPT_MAX_GROWTH, OPT_VARIANTS, OPT_OPTIMIZE_WASM, OPT_MEMORY_PROFILE, OPT_VERIFY_REQUEST,
       OPT_VERIFY_HEADER, OPT_VERIFY_BODY, OPT_VERIFY_VAR, OPT_VERIFY_KV, OPT_PYTHON_VERSION };

static const struct option long_options[] = {
	{ "output", required_argument, NULL, 'o' },
	{ "entry", required_argument, NULL, OPT_ENTRY },
	{ "target", required_argument, NULL, 't' },
	{ "stdlib", required_argument, NULL, OPT_STDLIB },
	{ "include", required_argument, NULL, OPT_INCLUDE },
	{ "exclude", required_argument, NULL, OPT_EXCLUDE },
	{ "force-exclude", no_argument, NULL, OPT_FORCE_EXCLUDE },
	{ "why", required_argument, NULL, OPT_WHY },
	{ "allow-unsupported", no_argument, NULL, OPT_ALLOW },
	{ "verify", no_argument, NULL, OPT_VERIFY },
	{ "verify-call", required_argument, NULL, OPT_VERIFY_CALL },
	{ "verify-request", required_argument, NULL, OPT_VERIFY_REQUEST },
	{ "verify-header", required_argument, NULL, OPT_VERIFY_HEADER },
	{ "verify-body", required_argument, NULL, OPT_VERIFY_BODY },
	{ "verify-var", required_argument, NULL, OPT_VERIFY_VAR },
	{ "verify-kv", required_argument, NULL, OPT_VERIFY_KV },
	{ "python-version", required_argument, NULL, OPT_PYTHON_VERSION },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "rules-db", required_argument, NULL, OPT_RULES_DB },
	{ "budget", required_argument, NULL, OPT_BUDGET },
	{ "limit", required_argument, NULL, OPT_LIMIT },
	{ "baseline", required_argument, NULL, OPT_BASELINE },
	{ "max-growth", required_argument, NULL, OPT_MAX_GROWTH },
	{ "variants", required_argument, NULL, OPT_VARIANTS },
	{ "optimize-wasm", no_argument, NULL, OPT_OPTIMIZE_WASM },
	{ "memory-profile", required_argument, NULL, OPT_MEMORY_PROFILE },
	{ "max-archive-size", required_argument, NULL, CLI_OPT_MAX_ARCHIVE },
	CLI_REQS_LONG_OPTIONS,
	CLI_INDEX_LONG_OPTIONS,
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

struct ctx {
	struct audit *audit;
	struct shaker *shaker;
	int app;                    /* the input is the app tree */
	const char *app_name;
	int sdist;                  /* an sdist was given: cannot be bundled */
	const char *sdist_name;
	struct arena *arena;
	struct rules *rules;
	int runtime_stdlib;         /* cf-python-workers: the stdlib is the runtime's */
	void *wasm_builds;          /* VEC of the inputs that are the target's wasm
				       builds (Pyodide wheels): vendored whole */
	const struct resolved_pkg *pkg; /* what the requirements resolved the input
					   to (its chain and the line that asks
					   for it); NULL for inputs given as paths */
};
typedef VEC(const char *) line_vec;

/* 1 when d is a wheel built for the target's own platform: a tag the
 * target accepts whose platform is not "any" (pyodide_2025_0_wasm32) */
static int is_wasm_build(const struct distribution *d, const struct target_info *t, struct arena *a)
{
	struct wheel_name w;
	struct perr e = PERR_INIT;
	int yes = 0;

	if (d->kind != DIST_WHEEL || !d->filename)
		return 0;
	memset(&w, 0, sizeof(w));
	if (!wheel_name_parse(&w, a, path_basename(d->filename), &e) && strcmp(w.platform, "any"))
		for (size_t i = 0; i < t->n_tags && !yes; i++)
			for (size_t k = 0; k < w.tags.n && !yes; k++)
				yes = !strcmp(w.tags.v[k], t->tags[i]);
	wheel_name_release(&w);
	return yes;
}

static int add_dist(void *p, struct distribution *d)
{
	struct ctx *c = p;

	if (c->app) {
		d->kind = DIST_APP;
		d->name = c->app_name;
	} else {
		struct package_report *pr = audit_add(c->audit, d);
		/* where the project asks for it: the SARIF results of its
		 * findings are located at that line, as the audit's are */
		if (c->pkg) {
			audit_set_origin(c->audit, pr, c->pkg->chain, c->pkg->n_chain, c->pkg->filename, NULL,
					 c->pkg->compatible, 0);
			if (c->pkg->where)
				pr->required_at = arena_strdup(&c->audit->arena, c->pkg->where);
		}
		/* a build for the target's own platform (a Pyodide wheel): the
		 * runtime provides no packages, so it is vendored whole */
		if (is_wasm_build(d, &c->audit->target, c->arena)) {
			line_vec *wb = c->wasm_builds;
			*VEC_PUSH(wb) = arena_strdup(c->arena, d->input);
			shaker_add_wasm_build(c->shaker, d);
			return 0;
		}
		if (d->kind == DIST_SDIST && !c->sdist) {
			c->sdist = 1;
			c->sdist_name = arena_strdup(c->arena, d->filename);
		}
	}
	shaker_add_dist(c->shaker, d);
	return 0;
}

static int cmp_strp(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* a --variants wheel's tag for its note: "py3-none-any", or why none */
static const char *wheel_tag(struct arena *a, const char *path)
{
	struct wheel_name w;
	struct perr e = PERR_INIT;
	const char *t;

	memset(&w, 0, sizeof w);
	if (wheel_name_parse(&w, a, path_basename(path), &e))
		t = "none, not a wheel filename";
	else
		t = arena_printf(a, "%s-%s-%s", w.python, w.abi, w.platform);
	wheel_name_release(&w);
	return t;
}

int cmd_bundle(int argc, char **argv)
{
	const char *target = "pymode", *format = "text", *db = NULL, *outdir = NULL;
	const char *entry_opt = NULL, *stdlib_opt = NULL, *why = NULL, *verify_call = NULL;
	VEC(const char *) overlays = VEC_INIT;
	struct cli_reqs rq = { 0 };
	VEC(const char *) include = VEC_INIT;
	VEC(const char *) exclude = VEC_INIT;
	int force_exclude = 0;
	VEC(const char *) inputs = VEC_INIT;
	VEC(const char *) variants = VEC_INIT;
	VEC(const char *) wasm_builds = VEC_INIT;
	VEC(const char *) resolve_warnings = VEC_INIT; /* the resolver's, said once the bundle is written */
	VEC(struct budget) budgets = VEC_INIT;
	VEC(const char *) limit_opts = VEC_INIT;
	const char *baseline_path = NULL, *max_growth_opt = NULL;
	long long max_growth = -1;
	double max_growth_pct = -1;
	struct bundle_gate gate;
	int have_gate = 0;
	const char *variants_dir = NULL, *memory_profile = NULL;
	int optimize_wasm = 0;
	VEC(const char *) vpaths = VEC_INIT;
	VEC(const char *) vfiles = VEC_INIT;
	VEC(const char *) vnotes = VEC_INIT;
	struct wasm_variant_vec vinfo = VEC_INIT;
	VEC(struct native_info) vni = VEC_INIT;
	struct bundle_memory mem = { 0 };
	struct cli_index ix = { 0 };
	struct resolve_options rso = { 0 };
	struct report_options ro = { 0 };
	struct scan_options so = { 0 };
	struct rules *rules = NULL;
	struct audit audit;
	struct shaker shaker;
	struct bundle bundle;
	struct source *stdlib = NULL;
	struct perr err = PERR_INIT;
	struct strbuf out = STRBUF_INIT, report = STRBUF_INIT;
	struct arena a = ARENA_INIT;
	struct verify_result vr[BUNDLE_VERIFY_MAX];
	size_t n_vr = 0;
	char *entry = NULL, *stdlib_path = NULL, *app_root = NULL, *deflate_cache = NULL;
	const char *app = NULL, *how = NULL, *stdlib_version = NULL, *entry_module = NULL;
	int c, quiet = 0, rc = 0, rc2, have_audit = 0, have_shaker = 0, have_bundle = 0, allow = 0;
	int verify = 0, runtime_stdlib, have_entry = 0;
	struct bundle_start be;
	struct verify_request vrq = { 0 };
	struct target_pick pick = { 0 };
	const struct bundle_file *project_files = NULL;
	size_t n_project_files = 0;
	const char *python_version = NULL;
	struct wrangler_config venv;
	VEC(const char *) vheaders = VEC_INIT;

	memset(vr, 0, sizeof(vr));
	memset(&venv, 0, sizeof(venv));
	optind = 1;
	while ((c = getopt_long(argc, argv, "o:t:vqhr:c:i:f:", long_options, NULL)) != -1) {
		int handled = cli_index_option(&ix, c, optarg, "bundle", &rso);
		if (handled < 0) {
			rc = -handled;
			goto out;
		}
		if (handled || cli_reqs_option(&rq, c, optarg))
			continue;
		switch (c) {
		case 'o': outdir = optarg; break;
		case 't': target = optarg; break;
		case OPT_ENTRY: entry_opt = optarg; break;
		case OPT_STDLIB: stdlib_opt = optarg; break;
		case OPT_INCLUDE: *VEC_PUSH(&include) = optarg; break;
		case OPT_EXCLUDE: *VEC_PUSH(&exclude) = optarg; break;
		case OPT_FORCE_EXCLUDE: force_exclude = 1; break;
		case OPT_WHY: why = optarg; break;
		case OPT_ALLOW: allow = 1; break;
		case OPT_VERIFY: verify = 1; break;
		case OPT_VERIFY_CALL: verify = 1; verify_call = optarg; break;
		case OPT_VERIFY_REQUEST: {
			const char *sp = strchr(optarg, ' ');
			if (!sp || sp == optarg || sp[strspn(sp, " ")] != '/') {
				rc = cli_usage_error("bundle", "invalid --verify-request '%s' (METHOD /path, as 'GET /')",
						     optarg);
				goto out;
			}
			for (const char *q = optarg; q < sp; q++)
				if (!((*q >= 'A' && *q <= 'Z') || (*q >= 'a' && *q <= 'z'))) {
					rc = cli_usage_error("bundle", "invalid --verify-request '%s': '%.*s' is no "
								       "HTTP method", optarg, (int)(sp - optarg), optarg);
					goto out;
				}
			verify = 1;
			vrq.request = optarg;
			break;
		}
		case OPT_VERIFY_HEADER: {
			const char *colon = strchr(optarg, ':');
			if (!colon || colon == optarg) {
				rc = cli_usage_error("bundle", "invalid --verify-header '%s' (Name: value)", optarg);
				goto out;
			}
			*VEC_PUSH(&vheaders) = optarg;
			break;
		}
		case OPT_VERIFY_BODY: vrq.body = optarg; break;
		case OPT_VERIFY_VAR: {
			const char *eq = strchr(optarg, '=');
			struct wrangler_var *wv;
			if (!eq || eq == optarg) {
				rc = cli_usage_error("bundle", "invalid --verify-var '%s' (NAME=VALUE)", optarg);
				goto out;
			}
			wv = VEC_PUSH(&venv.vars);
			wv->name = arena_strndup(&a, optarg, (size_t)(eq - optarg));
			wv->value = eq + 1;
			break;
		}
		case OPT_VERIFY_KV: *VEC_PUSH(&venv.kv) = optarg; break;
		case OPT_PYTHON_VERSION: python_version = optarg; break;
		case OPT_FORMAT: format = optarg; break;
		case OPT_RULES: *VEC_PUSH(&overlays) = optarg; break;
		case OPT_RULES_DB: db = optarg; break;
		case OPT_BUDGET: {
			struct budget bu;
			if (parse_budget(&a, optarg, "--budget", &bu)) {
				rc = cli_usage_error("bundle", "invalid --budget '%s' (WHAT=SIZE[,gzip|brotli|raw], "
							       "as total=7MiB or Jinja2=500KiB,brotli)", optarg);
				goto out;
			}
			*VEC_PUSH(&budgets) = bu;
			break;
		}
		case OPT_LIMIT: *VEC_PUSH(&limit_opts) = optarg; break;
		case OPT_BASELINE: baseline_path = optarg; break;
		case OPT_MAX_GROWTH: max_growth_opt = optarg; break;
		case OPT_VARIANTS: variants_dir = optarg; break;
		case OPT_OPTIMIZE_WASM: optimize_wasm = 1; break;
		case OPT_MEMORY_PROFILE: memory_profile = optarg; break;
		case CLI_OPT_MAX_ARCHIVE:
			if ((rc = cli_max_archive_size("bundle", optarg)))
				goto out;
			break;
		case 'v': ro.verbose = 1; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(usage_text, stdout); goto out;
		default: rc = cli_usage_error("bundle", "bad option"); goto out;
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "md") &&
	    strcmp(format, "sarif") && strcmp(format, "junit") && strcmp(format, "html")) {
		rc = cli_usage_error("bundle", "unknown format '%s' (text, json, md, html, sarif, junit)", format);
		goto out;
	}
	if (max_growth_opt) {
		size_t n = strlen(max_growth_opt);
		char *end;
		if (n && max_growth_opt[n - 1] == '%') {
			max_growth_pct = strtod(max_growth_opt, &end);
			if (end != max_growth_opt + n - 1 || max_growth_pct < 0) {
				rc = cli_usage_error("bundle", "invalid --max-growth '%s' (5%% or 100KiB)", max_growth_opt);
				goto out;
			}
		} else if (parse_size(max_growth_opt, &max_growth)) {
			rc = cli_usage_error("bundle", "invalid --max-growth '%s' (5%% or 100KiB)", max_growth_opt);
			goto out;
		}
		if (!baseline_path) {
			rc = cli_usage_error("bundle", "--max-growth needs --baseline OLD-REPORT.json");
			goto out;
		}
	}
	if (!outdir && !why) {
		rc = cli_usage_error("bundle", "no output directory given (-o OUTDIR)");
		goto out;
	}
	/* APP_DIR is the first directory argument that is not a site-packages
	 * or wheelhouse; the rest are distributions */
	for (int i = optind; i < argc; i++) {
		const char *dir = cli_reqs_input(&rq, argv[i]);
		if (dir && *dir && !app && i == optind)
			app = dir; /* APP_DIR[extra] */
		else if (dir && *dir)
			*VEC_PUSH(&inputs) = dir;
		else if (dir)
			continue;
		else if (!app && path_is_dir(argv[i]) && !ends_with(argv[i], "site-packages") &&
		    !ends_with(argv[i], "site-packages/") && i == optind)
			app = argv[i];
		else
			*VEC_PUSH(&inputs) = argv[i];
	}
	if (!app && entry_opt) {
		char *d = xstrdup(entry_opt), *slash = strrchr(d, '/');
		if (slash)
			*slash = 0;
		app = arena_strdup(&a, slash ? d : ".");
		free(d);
	}
	if (!app)
		app = ".";
	/* the app's own dependencies when the command line names no packages */
	{
		struct strbuf note = STRBUF_INIT;
		if (cli_reqs_app(&rq, app, !cli_reqs_given(&rq) && !inputs.n, &note) && note.len && !quiet)
			cli_message("note", note.buf);
		strbuf_release(&note);
	}
	if ((rc = cli_reqs_check(&rq, "bundle")))
		goto out;
	if ((rc = bundle_start_find(&be, app, entry_opt, &a, &err))) {
		bundle_start_release(&be); /* the config read before the error */
		rc = cli_error(&err);
		goto out;
	}
	have_entry = 1;
	entry = be.file;
	/* budgets from [tool.pymode-pkg.budget] in APP_DIR's pyproject.toml */
	if (be.pyproject) {
		const char *pp = be.pyproject_path, **keys, **values;
		size_t n = pyproject_table_strings(&a, be.pyproject, be.pyproject_len, "tool.pymode-pkg.budget",
						   &keys, &values);
		for (size_t i = 0; i < n; i++) {
			struct budget bu;
			const char *spec = arena_printf(&a, "%s=%s", keys[i], values[i]);
			if (parse_budget(&a, spec, arena_printf(&a, "%s [tool.pymode-pkg.budget]", pp), &bu)) {
				rc = perr_set(&err, PM_INPUT, "%s: [tool.pymode-pkg.budget] %s = '%s': not a size "
							      "(7MiB, 500KiB, with an optional gzip|brotli|raw)",
					      pp, keys[i], values[i]);
				rc = cli_error(&err);
				goto out;
			}
			*VEC_PUSH(&budgets) = bu;
		}
	}
	cli_index_finish(&ix, &rso);
	rso.quiet = quiet;
	if ((rc = rules_open(&rules, db, overlays.v, overlays.n, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	/* a runtime with profiles (cf-python-workers): the one the project's
	 * wrangler config gets, or --python-version's */
	if ((rc = rules_pick_profile(rules, target, be.has_wrangler ? be.wr.compatibility_date : NULL,
				     be.has_wrangler ? be.wr.flags.v : NULL, be.has_wrangler ? be.wr.flags.n : 0,
				     python_version, &pick, &err)) < 0 || rc > 1) {
		rc = cli_error(&err);
		goto out;
	}
	if (rc == 1)
		target = pick.target;
	else if (python_version) {
		rc = cli_usage_error("bundle", "--python-version: target '%s' has one Python only", target);
		goto out;
	}
	rc = 0;
	if ((rc = audit_init(&audit, rules, target, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	have_audit = 1;
	/* the app's modules are named from where the runtime imports them:
	 * the project root (PyMode) or the entry's folder */
	if ((rc = bundle_start_layout(&be, &audit.target, &a, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	app_root = xstrdup(be.module_root);
	entry_module = be.module;
	runtime_stdlib = audit.target.stdlib_in_runtime;
	/* cf-python-workers: the stdlib is the runtime's and never ships, but
	 * when a source is at hand it is read, so that what the app imports of
	 * it counts in the memory estimate; one found on its own (not --stdlib)
	 * that will not do is passed over, and the report says what is missing */
	/* a profile of another Python (cf-python-workers-3.12, -3.14): its
	 * Pyodide's own stdlib, from the npm package of that version
	 * (select.pyodide_npm), when it is installed */
	if (runtime_stdlib && !stdlib_opt && strcmp(audit.target.python_version, "3.13") &&
	    (stdlib_path = bundle_runtime_stdlib(pick.pyodide_npm)))
		how = "the runtime's Pyodide npm package";
	else
		stdlib_path = bundle_find_stdlib(stdlib_opt, &how);
	if (!stdlib_path && !runtime_stdlib) {
		rc = perr_set(&err, PM_INPUT,
			      "no CPython 3.13 stdlib found: give --stdlib DIR|ZIP (CPython 3.13's "
			      "Lib/ or a stdlib zip such as Pyodide's python_stdlib.zip), set "
			      "PYMODE_STDLIB, or install python3.13");
		rc = cli_error(&err);
		goto out;
	}
	if (stdlib_path && (rc = source_open(&stdlib, stdlib_path, &err))) {
		if (runtime_stdlib && !stdlib_opt) {
			err = (struct perr)PERR_INIT;
			rc = 0;
			free(stdlib_path);
			stdlib_path = NULL;
		} else {
			perr_wrap(&err, "stdlib (from %s)", how);
			rc = cli_error(&err);
			goto out;
		}
	}
	if (stdlib) {
		stdlib_version = shaker_stdlib_version(stdlib);
		if (!stdlib_version || strncmp(stdlib_version, audit.target.python_version,
					       strlen(audit.target.python_version))) {
			if (runtime_stdlib && !stdlib_opt) {
				source_close(stdlib);
				stdlib = NULL;
				stdlib_version = NULL;
				free(stdlib_path);
				stdlib_path = NULL;
			} else {
				rc = perr_set(&err, PM_INPUT,
					      "stdlib '%s' (from %s) is %s, but %s runs CPython %s: give --stdlib "
					      "with CPython %s's Lib/ or a %s stdlib zip", stdlib_path, how,
					      stdlib_version ? stdlib_version : "not a CPython stdlib", audit.target.name,
					      audit.target.python_version, audit.target.python_version,
					      audit.target.python_version);
				rc = cli_error(&err);
				goto out;
			}
		}
	}
	{
		struct shake_options sopt = { 0 };
		sopt.entry_module = entry_module;
		sopt.entry_package = be.entry_package;
		sopt.include = include.v;
		sopt.n_include = include.n;
		sopt.exclude = exclude.v;
		sopt.n_exclude = exclude.n;
		sopt.force_exclude = force_exclude;
		sopt.stdlib_in_runtime = runtime_stdlib;
		deflate_cache = rso.cache_dir ? xstrdup(rso.cache_dir) : cache_default_dir();
		sopt.cache_dir = deflate_cache;
		if ((rc = shaker_init(&shaker, rules, target, stdlib, &sopt, &err))) {
			rc = cli_error(&err);
			goto out;
		}
		have_shaker = 1;
	}
	so.env = &audit.target.env;
	so.want_names = 1;
	so.cache_dir = deflate_cache;
	{
		struct ctx cx = { &audit, &shaker, 1, path_basename(app_root), 0, NULL, &a, rules,
				  runtime_stdlib, (void *)&wasm_builds, NULL };
		if ((rc = scan_input(strcmp(app_root, ".") ? app_root : ".", &so, add_dist, &cx, &err))) {
			rc = cli_error(&err);
			goto out;
		}
		cx.app = 0;
		for (size_t i = 0; i < inputs.n && !rc; i++)
			rc = scan_input(inputs.v[i], &so, add_dist, &cx, &err);
		if (!rc) {
			struct resolution res = RESOLUTION_INIT;
			struct reqfile rf = REQFILE_INIT;
			rc = cli_reqs_load(&rq, &rf, &res.arena, &err);
			/* the runtime's SDK from python_modules (a current date): vendored
			 * from the dev group, as pywrangler does with workers-runtime-sdk */
			if (!rc && pick.sdk_vendored && be.pyproject) {
				int at = 0;
				const char *req = pyproject_group_find(&a, be.pyproject, be.pyproject_len, "dev",
								       pick.sdk_distribution, &at);
				if (req) {
					/* as written (its version specifier too), on its own line of
					 * pyproject.toml: the lines before it are left blank, so what is
					 * said of it names that line and column */
					struct strbuf t = STRBUF_INIT;
					for (int l = 1; l < at; l++)
						strbuf_addch(&t, '\n');
					strbuf_addf(&t, "%s\n", req);
					rc = reqfile_parse_text(&rf, be.pyproject_path, t.buf, t.len, 0, &res.arena,
								NULL, NULL, &err);
					strbuf_release(&t);
				}
			}
			if (!rc && rf.entries.n) {
				cli_resolve_for_target(&rso, &audit.target);
				cli_reqs_options(&rq, &rso);
				audit.deps_not_followed = rso.no_deps;
				rc = resolve_reqfile(&rf, &rso, &res, &err);
			}
			for (size_t k = 0; !rc && k < res.pkgs.n; k++) {
				const struct resolved_pkg *rp = &res.pkgs.v[k];
				if (!rp->path) {
					rc = perr_set(&err, PM_INPUT, "'%s': resolved '%s' but could not fetch it",
						      rp->chain[0], rp->filename);
					break;
				}
				if (rp->editable) {
					rc = perr_set(&err, PM_INPUT, "'%s': -e %s is not bundleable: build a wheel of it",
						      rp->chain[0], rp->direct ? rp->direct : rp->name);
					break;
				}
				cx.pkg = rp;
				rc = scan_input(rp->path, &so, add_dist, &cx, &err);
				cx.pkg = NULL;
			}
			for (size_t k = 0; !rc && k < res.warnings.n; k++)
				*VEC_PUSH(&resolve_warnings) = arena_strdup(&a, res.warnings.v[k]);
			reqfile_release(&rf);
			resolution_release(&res);
		}
		if (rc) {
			rc = cli_error(&err);
			goto out;
		}
		if (cx.sdist) {
			rc = perr_set(&err, PM_INPUT, "'%s' is an sdist: a bundle needs wheels (build one, or "
						      "give a wheel instead)", cx.sdist_name);
			rc = cli_error(&err);
			goto out;
		}
	}
	audit_finish(&audit);
	cli_anchor_inputs(&audit, app);
	if ((rc = shaker_run(&shaker, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	if (why) {
		report_bundle_why(&out, &shaker, why, !strcmp(format, "json"));
		if (!quiet)
			fwrite(out.buf, 1, out.len, stdout);
		goto out;
	}
	/* an unsupported package among those shipped stops the bundle */
	for (size_t i = 0; i < audit.packages.n; i++) {
		const struct package_report *p = &audit.packages.v[i];
		struct package_rule pr;
		if (!rules_package(rules, target, p->normalized, &pr) && pr.kind == PR_VARIANT &&
		    pr.variant_file && !runtime_stdlib) {
			int dup = 0;
			for (size_t k = 0; k < variants.n; k++)
				dup |= !strcmp(variants.v[k], pr.variant_file);
			if (!dup)
				*VEC_PUSH(&variants) = pr.variant_file;
		}
		/* the runtime provides no packages: native code needs the target's
		 * own build among the inputs (Pyodide's wheel), vendored */
		if (runtime_stdlib && (p->own_verdict == V_VARIANT || p->own_verdict == V_FALLBACK) &&
		    !rules_package(rules, target, p->normalized, &pr) && pr.kind == PR_VARIANT &&
		    pr.variant_file && ends_with(pr.variant_file, ".whl")) {
			int vendored = 0;
			for (size_t k = 0; k < shaker.dists.n; k++)
				vendored |= shaker.dists.v[k].wasm_build && !strcmp(shaker.dists.v[k].normalized, p->normalized);
			const char *where = arena_printf(&a, "%s from %s", pr.variant_file,
							 pick.index ? pick.index : "Pyodide's package index");
			if (!vendored && p->own_verdict == V_FALLBACK)
				*VEC_PUSH(&vnotes) = arena_printf(&a, "%s %s: its pure-Python fallback ships (the runtime "
								      "provides no packages); its native part needs "
								      "Pyodide's build: put %s in a --find-links folder",
								  p->name, p->version ? p->version : "", where);
			else if (!vendored && !allow) {
				rc = perr_set(&err, PM_GATE, "'%s' %s has native code that only Pyodide's build runs on "
							     "%s, and the runtime provides no packages: put %s in a "
							     "--find-links folder (pywrangler vendors the same wheel)",
					      p->name, p->version ? p->version : "", target, where);
				rc = cli_error(&err);
				goto out;
			}
		}
		if (p->verdict == V_UNSUPPORTED && !allow) {
			struct strbuf why_u = STRBUF_INIT;
			report_blocker(&why_u, &audit, p);
			rc = perr_set(&err, PM_GATE, "'%s' %s is unsupported on %s%s%s (--allow-unsupported "
						     "bundles it anyway)", p->name, p->version ? p->version : "",
				      target, p->through ? " " : ": ", why_u.buf);
			strbuf_release(&why_u);
			rc = cli_error(&err);
			goto out;
		}
	}
	/* the runtime's SDK from the project's python_modules (a current
	 * compatibility_date): without it no Python Worker starts */
	if (pick.sdk_vendored && !allow) {
		int si = shaker_find(&shaker, pick.sdk_module);
		if (si < 0 || shaker.modules.v[si].origin != SO_SITE) {
			rc = perr_set(&err, PM_GATE, "%s: with compatibility_date %s the runtime imports its '%s' SDK "
						     "from python_modules, and no input provides it: add %s to the "
						     "requirements (pywrangler vendors it), or add the compatibility flag "
						     "%s (--allow-unsupported bundles it anyway)",
				      be.has_wrangler ? be.wr.path : "the project", be.wr.compatibility_date,
				      pick.sdk_module, pick.sdk_distribution, pick.sdk_off_flag);
			rc = cli_error(&err);
			goto out;
		}
	}
	/* an eager import that resolves nowhere, in the app or in a module the
	 * app loads for sure when it starts: the bundle cannot start */
	if (!allow) {
		struct strbuf msgs = STRBUF_INIT;
		size_t n_bad = 0;
		for (size_t i = 0; i < shaker.drops.n; i++) {
			const struct shake_drop *d = &shaker.drops.v[i];
			int fi = d->hard && d->from ? shaker_find(&shaker, d->from) : -1;
			const struct shake_module *fm = fi >= 0 ? &shaker.modules.v[fi] : NULL;
			if (!fm || strmap_get(&shaker.native, d->name))
				continue; /* native code: the packages' verdicts speak for it */
			if (fm->origin == SO_APP && fm->reason != SR_APP)
				strbuf_addf(&msgs, "%spymode-pkg: error: %s:%d: '%s' is imported when the app loads but "
						   "resolves nowhere: %s", n_bad++ ? "\n" : "",
					    !d->file ? "?" : strcmp(app_root, ".") ? arena_printf(&a, "%s/%s", app_root, d->file) : d->file,
					    d->line, d->name, d->why);
			else if (fm->origin == SO_SITE && fm->kept && fm->eager) {
				/* a stdlib module the target lacks (zlib on wasi): no
				 * distribution provides it */
				struct module_rule mr;
				int lacks = rules_target_is_stdlib(rules, target, d->name) &&
					    !rules_module(rules, target, d->name, &mr) && mr.status == MS_UNAVAILABLE;
				strbuf_addf(&msgs, "%spymode-pkg: error: %s:%d: '%s' is imported by %s, which the app loads "
						   "when it starts (--why %s), but %s%s%s",
					    n_bad++ ? "\n" : "", d->file ? d->file : "?", d->line, d->name, fm->name,
					    fm->name, lacks ? "is " : "resolves nowhere: ", d->why,
					    lacks ? "; an import the package guards (try/except ImportError) would be fine"
						  : "; add the distribution that provides it to the requirements");
			}
		}
		if (n_bad) {
			fprintf(stderr, "%s\npymode-pkg: error: the bundle cannot start: %zu unresolved import%s "
					"(--allow-unsupported bundles it anyway)\n", msgs.buf, n_bad,
				n_bad == 1 ? "" : "s");
			strbuf_release(&msgs);
			rc = PM_GATE;
			goto out;
		}
		strbuf_release(&msgs);
	}
	{
		struct bundle_options bo = { 0 };
		const char *sde = getenv("SOURCE_DATE_EPOCH");
		bo.outdir = outdir;
		bo.runtime_stdlib = runtime_stdlib;
		bo.zip_stored = audit.target.zip_stored;
		bo.mtime = sde && *sde ? strtoll(sde, NULL, 10) : 315532800;
		bo.wasm_builds = wasm_builds.v;
		bo.n_wasm_builds = wasm_builds.n;
		/* a Worker project (cf-python-workers): main's folder where the
		 * config says, the config itself and pyproject.toml beside it */
		if (runtime_stdlib) {
			const char *first_date = NULL;
			bo.app_dir = bundle_start_worker_dir(&be, &a);
			/* what wrangler uploads: the config's module rules and
			 * python_modules.exclude, main last */
			bo.wrangler = be.has_wrangler ? &be.wr : NULL;
			bo.entry = path_basename(entry);
			bo.force_exclude = force_exclude;
			if (pick.config_date)
				first_date = pick.config_date;
			project_files = bundle_start_project_files(&be, &a, first_date, &n_project_files);
			bo.project_files = project_files;
			bo.n_project_files = n_project_files;
		}
		bo.cache_dir = deflate_cache;
		have_bundle = 1;
		if ((rc = bundle_build(&bundle, &shaker, &bo, &err))) {
			rc = cli_error(&err);
			goto out;
		}
	}
	{
		struct bundle_report br = { 0 };
		br.target = audit.target.name;
		br.entry_module = entry_module;
		br.entry_file = entry;
		br.app_dir = app_root;
		br.app_name = bundle_start_app_name(&be, &a);
		if (pick.python) {
			br.profile_python = pick.python;
			br.profile_runtime = pick.runtime;
			br.profile_why = pick.why;
			br.profile_note = pick.note;
		}
		br.stdlib_source = stdlib_path;
		br.stdlib_version = stdlib_version;
		br.shaker = &shaker;
		br.bundle = &bundle;
		br.audit = &audit;
		br.variants = variants.v;
		br.n_variants = variants.n;
		/* --variants: each python-*.wasm validated and inspected, and
		 * each wheel's wasm members (a Pyodide build's side modules) */
		if (variants_dir) {
			DIR *vd = opendir(variants_dir);
			struct dirent *de;
			if (!vd) {
				rc = perr_set(&err, PM_INPUT, "--variants '%s': cannot read the directory", variants_dir);
				rc = cli_error(&err);
				goto out;
			}
			while ((de = readdir(vd)))
				if (ends_with(de->d_name, ".wasm") || ends_with(de->d_name, ".whl"))
					*VEC_PUSH(&vfiles) = arena_printf(&a, "%s/%s", variants_dir, de->d_name);
			closedir(vd);
			qsort(vfiles.v, vfiles.n, sizeof(*vfiles.v), cmp_strp);
			for (size_t i = 0; i < vfiles.n; i++) {
				size_t first = vinfo.n, n_wasm = 1;
				if (ends_with(vfiles.v[i], ".whl")) {
					rc = wasm_wheel_inspect(vfiles.v[i], optimize_wasm, &vinfo, &n_wasm, &err);
				} else {
					struct wasm_variant_info *wi = VEC_PUSH(&vinfo);
					rc = wasm_variant_inspect(vfiles.v[i], optimize_wasm, NULL, wi, &err);
				}
				if (rc) {
					rc = cli_error(&err);
					goto out;
				}
				if (!n_wasm)
					*VEC_PUSH(&vnotes) = arena_printf(&a, "%s: no WebAssembly members (tag %s): not a "
									  "Pyodide build of native code; nothing inspected",
									  path_basename(vfiles.v[i]), wheel_tag(&a, vfiles.v[i]));
				for (size_t k = first; k < vinfo.n; k++) {
					struct wasm_variant_info *wi = &vinfo.v[k];
					*VEC_PUSH(&vpaths) = wi->archive ? arena_printf(&a, "%s/%s", wi->archive, wi->member)
									 : vfiles.v[i];
					wasm_variant_memory(wi, VEC_PUSH(&vni));
				}
			}
			br.variant_paths = vpaths.v;
			br.variant_info = vinfo.v;
			br.n_variant_info = vinfo.n;
		}
		br.variant_notes = vnotes.v;
		br.n_variant_notes = vnotes.n;
		{
			struct target_memory tm;
			int has = rules_target_memory(rules, memory_profile ? memory_profile : target, &tm) == 1;
			if (memory_profile && !has) {
				rc = cli_usage_error("bundle", "no memory profile for target '%s' (--memory-profile)",
						     memory_profile);
				goto out;
			}
			bundle_memory(&shaker, memory_profile ? memory_profile : target, has ? &tm : NULL,
				      &shaker.target.limits, vni.n ? vni.v : NULL, vni.n, &mem);
			br.memory = &mem;
		}
		/* the target's limits, with --limit NAME=SIZE applied */
		{
			struct size_limit *lims = arena_alloc(&a, (audit.target.n_size_limits + 1) * sizeof(*lims));
			for (size_t i = 0; i < audit.target.n_size_limits; i++)
				lims[i] = audit.target.size_limits[i];
			for (size_t k = 0; k < limit_opts.n; k++) {
				const char *eq = strchr(limit_opts.v[k], '=');
				long long bytes;
				int found = 0;
				if (!eq || parse_size(eq + 1, &bytes)) {
					rc = cli_usage_error("bundle", "invalid --limit '%s' (NAME=SIZE)", limit_opts.v[k]);
					goto out;
				}
				for (size_t i = 0; i < audit.target.n_size_limits; i++)
					if (strlen(lims[i].name) == (size_t)(eq - limit_opts.v[k]) &&
					    !strncmp(lims[i].name, limit_opts.v[k], (size_t)(eq - limit_opts.v[k]))) {
						lims[i].bytes = bytes;
						lims[i].source = "--limit";
						lims[i].date = "this run";
						found = 1;
					}
				if (!found) {
					struct strbuf names = STRBUF_INIT;
					for (size_t i = 0; i < audit.target.n_size_limits; i++)
						strbuf_addf(&names, "%s%s", i ? ", " : "", lims[i].name);
					rc = cli_usage_error("bundle", "no size limit '%.*s' on %s (known: %s)",
							     (int)(eq - limit_opts.v[k]), limit_opts.v[k], target,
							     names.len ? names.buf : "none");
					strbuf_release(&names);
					goto out;
				}
			}
			br.limits = lims;
			br.n_limits = audit.target.n_size_limits;
		}
		{
			struct jnode *base = NULL;
			if (baseline_path) {
				struct strbuf sb = STRBUF_INIT;
				if ((rc = strbuf_read_file(&sb, baseline_path, 256u << 20, &err)) ||
				    (rc = jtree_parse(&a, baseline_path, sb.buf, sb.len, &base, &err))) {
					strbuf_release(&sb);
					rc = cli_error(&err);
					goto out;
				}
				strbuf_release(&sb);
				if (!base || base->type != J_OBJECT || !jnode_get(base, "schema") ||
				    strcmp(jnode_get(base, "schema")->str ? jnode_get(base, "schema")->str : "", BUNDLE_SCHEMA)) {
					rc = perr_set(&err, PM_INPUT, "'%s': not a %s report (a bundle.json)", baseline_path,
						      BUNDLE_SCHEMA);
					rc = cli_error(&err);
					goto out;
				}
			}
			bundle_gate_compute(&gate, &br, budgets.v, budgets.n, base, max_growth, max_growth_pct, &a);
			have_gate = 1;
			br.gate = &gate;
		}
		report_bundle_json(&report, &br);
		if ((rc = bundle_commit(&bundle, report.buf, report.len, &err))) {
			rc = cli_error(&err);
			goto out;
		}
		if (verify) {
			vrq.handler = !verify_call;
			vrq.class_only = pick.class_only ? pick.class_only_flag : NULL;
			vrq.pyodide_npm = audit.target.pyodide_npm;
			vrq.workerd_skip = audit.target.workerd_skip;
			vrq.app_dir = runtime_stdlib ? bundle_start_worker_dir(&be, &a) : "app";
			vrq.headers = vheaders.v;
			vrq.n_headers = vheaders.n;
			/* the config's bindings, then the command line's */
			if (be.has_wrangler) {
				for (size_t i = 0; i < be.wr.vars.n; i++)
					*VEC_PUSH(&venv.vars) = be.wr.vars.v[i];
				for (size_t i = 0; i < be.wr.kv.n; i++)
					*VEC_PUSH(&venv.kv) = be.wr.kv.v[i];
				/* the rest only the runtime has, unless the command
				 * line gives a var or a KV of that name */
				for (size_t i = 0; i < be.wr.bindings.n; i++) {
					int given = 0;
					for (size_t k = 0; k < venv.vars.n && !given; k++)
						given = !strcmp(venv.vars.v[k].name, be.wr.bindings.v[i].name);
					for (size_t k = 0; k < venv.kv.n && !given; k++)
						given = !strcmp(venv.kv.v[k], be.wr.bindings.v[i].name);
					if (!given)
						*VEC_PUSH(&venv.bindings) = be.wr.bindings.v[i];
				}
			}
			vrq.wr = &venv;
			if (be.entry_package) {
				char *d = arena_strdup(&a, be.entry_package);
				for (char *q = d; *q; q++)
					if (*q == '.')
						*q = '/';
				vrq.entry_dir = d;
			}
			n_vr = bundle_verify(&shaker, outdir, audit.target.name, entry_module, verify_call,
					     runtime_stdlib, &vrq, vr, &a);
			for (size_t i = 0; i < n_vr; i++)
				if (vr[i].ran && !vr[i].ok)
					rc = PM_GATE;
		}
		br.verify = vr;
		br.n_verify = n_vr;
		/* bundle.json on disk carries what the verify found too */
		if (verify) {
			strbuf_reset(&report);
			report_bundle_json(&report, &br);
			char *bj = path_join(outdir, "bundle.json");
			rc2 = write_file_atomic(bj, report.buf, report.len, &err);
			free(bj);
			if (rc2) {
				rc = cli_error(&err);
				goto out;
			}
		}
		ro.color = 0;
		if (!strcmp(format, "json"))
			report_bundle_json(&out, &br);
		else if (!strcmp(format, "md"))
			report_bundle_md(&out, &br);
		else if (!strcmp(format, "sarif"))
			report_bundle_sarif(&out, &br);
		else if (!strcmp(format, "junit"))
			report_bundle_junit(&out, &br);
		else if (!strcmp(format, "html"))
			report_bundle_html(&out, &br);
		else
			report_bundle_text(&out, &br, &ro);
		for (size_t k = 0; !quiet && k < resolve_warnings.n; k++)
			cli_message("warning", resolve_warnings.v[k]);
		if (!quiet)
			fwrite(out.buf, 1, out.len, stdout);
		if (getenv("GITHUB_ACTIONS") && !strcmp(getenv("GITHUB_ACTIONS"), "true") && !quiet) {
			struct strbuf gh = STRBUF_INIT;
			report_github(&gh, &audit, V_UNSUPPORTED);
			for (size_t i = 0; i < gate.failures.n; i++)
				strbuf_addf(&gh, "::error title=pymode-bundle gate::%s\n", gate.failures.v[i]);
			fwrite(gh.buf, 1, gh.len, strcmp(format, "text") && strcmp(format, "md") ? stderr : stdout);
			strbuf_release(&gh);
		}
		for (size_t i = 0; i < gate.failures.n; i++)
			fprintf(stderr, "pymode-pkg: error: %s\n", gate.failures.v[i]);
		if (gate.failures.n)
			rc = PM_GATE;
	}
out:
	bundle_memory_release(&mem);
	if (have_gate)
		bundle_gate_release(&gate);
	if (have_bundle)
		bundle_release(&bundle);
	if (have_shaker)
		shaker_release(&shaker);
	if (have_audit)
		audit_release(&audit);
	source_close(stdlib);
	rules_close(rules);
	strbuf_release(&out);
	strbuf_release(&report);
	arena_release(&a);
	if (have_entry)
		bundle_start_release(&be);
	free(stdlib_path);
	free(app_root);
	free(deflate_cache);
	VEC_FREE(&overlays);
	cli_reqs_release(&rq);
	VEC_FREE(&include);
	VEC_FREE(&exclude);
	VEC_FREE(&inputs);
	VEC_FREE(&variants);
	VEC_FREE(&wasm_builds);
	VEC_FREE(&resolve_warnings);
	VEC_FREE(&budgets);
	VEC_FREE(&limit_opts);
	VEC_FREE(&vheaders);
	wrangler_release(&venv);
	for (size_t i = 0; i < vinfo.n; i++)
		wasm_variant_info_release(&vinfo.v[i]);
	VEC_FREE(&vinfo);
	VEC_FREE(&vni);
	VEC_FREE(&vpaths);
	VEC_FREE(&vfiles);
	VEC_FREE(&vnotes);
	cli_index_release(&ix);
	return rc;
}
