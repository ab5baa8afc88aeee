/* audit.c: `pymode-audit PATH...` / `pymode-pkg audit`: scans each input,
 * judges every distribution for the target, prints the report whole, and
 * exits by the gate. Requirements files are resolved for the target first
 * (resolver/) and the chosen distributions audited. */
#include "cli.h"
#include "../reports/report.h"
#include "../resolver/resolver.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: pymode-audit [options] PATH...\n"
	"       pymode-audit [options] -r requirements.txt [-c constraints.txt]\n"
	"       pymode-audit [options] -r pyproject.toml [--extra NAME] | .[extra]\n"
	"       pymode-pkg audit [options] PATH...\n"
	"\n"
	"Audits wheels (.whl), sdists (.tar.gz .tgz .tar.bz2 .tar.xz .zip), a directory of them\n"
	"(a wheelhouse), an installed site-packages, an app source tree, or the distributions a\n"
	"requirements file resolves to for the target (a PATH ending in .txt is one; so is a\n"
	"pyproject.toml: its [project] dependencies), for a WebAssembly Python runtime, and\n"
	"gives each package a verdict:\n"
	"  compatible < fallback < polyfill < variant < unsupported\n"
	"\n"
	"options:\n"
	"  -t, --target NAME      runtime profile: pymode (default), cf-python-workers, wasi;\n"
	"                         cf-python-workers' Python follows an app's wrangler config\n"
	"                         (compatibility_date and flags), as the runtime picks it\n"
	"      --python-version X.Y  that Python's profile instead (cf-python-workers: 3.13, 3.14)\n"
	"      --format FMT       text (default), json (schema pymode-report/3), md (a pull-request\n"
	"                         comment), html (one self-contained page), sarif, junit\n"
	"      --fail-on VERDICT  exit 1 when a package's verdict is at or over VERDICT\n"
	"      --rules DIR        overlay rule files (repeatable; later wins)\n"
	"      --rules-db FILE    use a database from 'pymode-pkg rules compile'\n"
	"      --verify-record    check every wheel member against its RECORD sha256 and size\n"
	"      --max-archive-size SIZE  inflated bytes one archive may declare (default 512M;\n"
	"                         the run may inflate 8 times that)\n"
	"\n"
	"requirements (pip's options):\n"
	"  -r, --requirement FILE resolve FILE for the target and audit what it pins (repeatable);\n"
	"                         a pyproject.toml gives its [project] dependencies (PEP 621)\n"
	"  -c, --constraint FILE  constraints file, as pip: limits versions, adds nothing\n"
	"      --extra NAME       a pyproject.toml's optional dependencies too (repeatable;\n"
	"                         also PATH[extra,...] as pip); --all-extras: every one\n"
	"      --no-deps          only the requirements given, not their dependencies (as pip)\n"
	"  An app directory given alone brings its own dependencies: its pyproject.toml's\n"
	"  [project] dependencies, else its requirements.txt (a note says which). On a\n"
	"  conflict, what resolves is still audited; the conflict is explained, exit 1.\n"
	"  -i, --index-url URL    package index (PEP 503 HTML or PEP 691 JSON); pip.conf and\n"
	"                         PIP_* as pip (docs/resolver.md); none: PyPI\n"
	"      --extra-index-url URL  more indexes (repeatable)\n"
	"  -f, --find-links DIR   a local wheelhouse (repeatable)\n"
	"      --no-index         ignore every index; only --find-links\n"
	"      --pre              allow pre-releases\n"
	"      --cache-dir DIR    download cache (default $XDG_CACHE_HOME/pymode-pkg)\n"
	"      --cert FILE        another CA bundle for TLS\n"
	"      --timeout SECONDS  per request, retries included (default 30)\n"
	"      --require-hashes   hash-checking mode, as pip (also implied by any --hash)\n"
	"  -v, --verbose          also show notes and every place a finding shows\n"
	"  -q, --quiet            print nothing; only the exit status tells\n"
	"  -h, --help             this text\n"
	"\n"
	"exit status: 0 fine, 1 gate failed, 2 usage error, 3 bad input or I/O failure\n";

static const struct option long_options[] = {
	{ "target", required_argument, NULL, 't' },
	{ "format", required_argument, NULL, 'O' },
	{ "fail-on", required_argument, NULL, 'F' },
	{ "rules", required_argument, NULL, 'R' },
	{ "rules-db", required_argument, NULL, 'D' },
	{ "verify-record", no_argument, NULL, 'V' },
	{ "python-version", required_argument, NULL, 'P' },
	{ "max-archive-size", required_argument, NULL, CLI_OPT_MAX_ARCHIVE },
	CLI_REQS_LONG_OPTIONS,
	CLI_INDEX_LONG_OPTIONS,
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

struct origin {
	struct audit *audit;
	const struct resolved_pkg *pkg; /* NULL for plain inputs */
};

static int add_dist(void *ctx, struct distribution *d)
{
	struct origin *o = ctx;
	struct package_report *p;

	if (o->pkg && o->pkg->is_dir) {
		/* a project directory scans as a source tree: name it as resolved */
		d->name = o->pkg->name;
		d->normalized = o->pkg->key;
		if (strcmp(o->pkg->version, "unknown"))
			d->version = o->pkg->version;
	}
	p = audit_add(o->audit, d);
	if (o->pkg)
		audit_set_origin(o->audit, p, o->pkg->chain, o->pkg->n_chain,
				 o->pkg->editable ? o->pkg->direct : o->pkg->filename,
				 o->pkg->url, o->pkg->compatible, o->pkg->editable);
	if (o->pkg && o->pkg->where)
		p->required_at = arena_strdup(&o->audit->arena, o->pkg->where);
	return 0;
}

/* Resolves every requirement source (one resolution, as pip) for the
 * audit's target and scans every distribution it pins. On a conflict the
 * requirements that agree are still resolved and scanned; *conflict then
 * holds the explanation (a copy in the audit's arena) and rc is 0. */
static int audit_requirements(struct audit *audit, const struct cli_reqs *rq, struct resolve_options *ro,
			      const struct scan_options *so, const char **conflict, struct perr *err)
{
	struct resolution res = RESOLUTION_INIT;
	struct reqfile rf = REQFILE_INIT;
	int rc;

	*conflict = NULL;
	rc = cli_reqs_load(rq, &rf, &res.arena, err);
	if (rc || !rf.entries.n)
		goto out;
	cli_resolve_for_target(ro, &audit->target);
	cli_reqs_options(rq, ro);
	ro->keep_partial = 1;
	audit->deps_not_followed = ro->no_deps;
	rc = resolve_reqfile(&rf, ro, &res, err);
	if (rc == PM_GATE) {
		const char **v = arena_alloc(&audit->arena, (res.unresolved.n + 1) * sizeof(*v));
		for (size_t i = 0; i < res.unresolved.n; i++)
			v[i] = arena_strdup(&audit->arena, res.unresolved.v[i]);
		audit->unresolved = v;
		audit->n_unresolved = res.unresolved.n;
		*conflict = audit->conflict = arena_strdup(&audit->arena, err->msg);
		rc = 0;
	}
	for (size_t i = 0; !rc && i < res.pkgs.n; i++) {
		struct origin o = { audit, &res.pkgs.v[i] };
		if (!res.pkgs.v[i].path) {
			rc = perr_set(err, PM_INPUT, "'%s': resolved '%s' but could not fetch it",
				      res.pkgs.v[i].chain[0], res.pkgs.v[i].filename);
			break;
		}
		rc = scan_input(res.pkgs.v[i].path, so, add_dist, &o, err);
	}
	/* what the requirements ask for directly is what an app among the
	 * inputs depends on: its verdict rolls up through them */
	if (!rc) {
		VEC(const char *) direct = VEC_INIT;
		for (size_t i = 0; i < res.pkgs.n; i++)
			for (size_t k = 0; k < res.pkgs.v[i].n_via; k++)
				if (starts_with(res.pkgs.v[i].via[k], "-r ")) {
					*VEC_PUSH(&direct) = res.pkgs.v[i].key;
					break;
				}
		audit_app_depends(audit, direct.v, direct.n);
		VEC_FREE(&direct);
	}
	for (size_t i = 0; !rc && !ro->quiet && i < res.warnings.n; i++)
		cli_message("warning", res.warnings.v[i]);
out:
	reqfile_release(&rf);
	resolution_release(&res);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	const char *target = "pymode", *format = "text", *db = NULL, *python_version = NULL;
	struct arena pick_arena = ARENA_INIT;
	VEC(const char *) overlays = VEC_INIT;
	VEC(const char *) scans = VEC_INIT, apps = VEC_INIT;
	struct cli_reqs rq = { 0 };
	struct cli_index ix = { 0 };
	const char *conflict = NULL;
	struct resolve_options rso = { 0 };
	struct report_options ro = { 0 };
	struct scan_options so = { 0 };
	struct rules *rules = NULL;
	struct audit audit;
	struct perr err = PERR_INIT;
	struct strbuf out = STRBUF_INIT;
	int c, quiet = 0, rc = 0, have_audit = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "t:f:vqhr:c:i:", long_options, NULL)) != -1) {
		int handled = cli_index_option(&ix, c, optarg, "audit", &rso);
		if (!handled)
			handled = cli_reqs_option(&rq, c, optarg);
		if (handled < 0) {
			rc = -handled;
			goto out;
		}
		if (handled)
			continue;
		switch (c) {
		case 't': target = optarg; break;
		case 'O': format = optarg; break;
		case 'F':
			if (verdict_parse(optarg, &ro.fail_on)) {
				rc = cli_usage_error("audit", "unknown verdict '%s' for --fail-on "
						     "(compatible, fallback, polyfill, variant, unsupported)", optarg);
				goto out;
			}
			ro.has_gate = 1;
			break;
		case 'R': *VEC_PUSH(&overlays) = optarg; break;
		case 'D': db = optarg; break;
		case 'V': so.verify_record = 1; break;
		case 'P': python_version = optarg; break;
		case CLI_OPT_MAX_ARCHIVE:
			if ((rc = cli_max_archive_size("audit", optarg)))
				goto out;
			break;
		case 'v': ro.verbose = 1; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(usage_text, stdout); goto out;
		default: rc = cli_usage_error("audit", "bad option"); goto out;
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "md") &&
	    strcmp(format, "html") && strcmp(format, "sarif") && strcmp(format, "junit")) {
		rc = cli_usage_error("audit", "unknown format '%s' (text, json, md, html, sarif, junit)", format);
		goto out;
	}
	if (optind >= argc && !rq.src.n) {
		rc = cli_usage_error("audit", "no input given");
		goto out;
	}
	/* requirement inputs join -r; the rest are scanned, app trees among them */
	for (int i = optind; i < argc; i++) {
		const char *dir = cli_reqs_input(&rq, argv[i]);
		if (dir && !*dir)
			continue;
		*VEC_PUSH(&scans) = dir ? dir : argv[i];
		if (dir || scan_dir_kind(argv[i]) == DIRK_APP)
			*VEC_PUSH(&apps) = dir ? dir : argv[i];
	}
	/* app trees given alone bring their own dependencies, as a user
	 * expects; given with packages, they take them from those */
	{
		int alone = !cli_reqs_given(&rq) && scans.n == apps.n;
		for (size_t i = 0; i < apps.n; i++) {
			struct strbuf note = STRBUF_INIT;
			if (cli_reqs_app(&rq, apps.v[i], alone, &note) && note.len && !quiet)
				cli_message("note", note.buf);
			strbuf_release(&note);
		}
	}
	if ((rc = cli_reqs_check(&rq, "audit")))
		goto out;
	rso.quiet = quiet; /* progress: the resolver draws it on a tty only */
	rso.verbose = ro.verbose;
	rq.quiet = quiet;
	cli_index_finish(&ix, &rso);
	if ((rc = rules_open(&rules, db, overlays.v, overlays.n, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	/* a runtime with profiles: the one the first app's wrangler config gets */
	{
		struct wrangler_config wr;
		struct target_pick pick;
		int has = 0;
		memset(&wr, 0, sizeof(wr));
		if (apps.n && (has = wrangler_find(apps.v[0], &wr, &pick_arena, &err)) > 1) {
			rc = cli_error(&err);
			wrangler_release(&wr);
			goto out;
		}
		rc = rules_pick_profile(rules, target, has ? wr.compatibility_date : NULL, has ? wr.flags.v : NULL,
					has ? wr.flags.n : 0, python_version, &pick, &err);
		wrangler_release(&wr);
		if (rc > 1) {
			rc = cli_error(&err);
			goto out;
		}
		if (rc == 1) {
			target = pick.target;
			if (!quiet && (apps.n || python_version))
				cli_message("note", arena_printf(&pick_arena, "%s: Python %s on %s (%s)%s%s", target,
								 pick.python, pick.runtime ? pick.runtime : "?",
								 pick.why, pick.note ? "; " : "",
								 pick.note ? pick.note : ""));
		} else if (python_version) {
			rc = cli_usage_error("audit", "--python-version: target '%s' has one Python only", target);
			goto out;
		}
		rc = 0;
	}
	if ((rc = audit_init(&audit, rules, target, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	have_audit = 1;
	so.env = &audit.target.env;
	for (size_t i = 0; i < scans.n; i++) {
		struct origin o = { &audit, NULL };
		if ((rc = scan_input(scans.v[i], &so, add_dist, &o, &err))) {
			rc = cli_error(&err);
			goto out;
		}
	}
	if ((rc = audit_requirements(&audit, &rq, &rso, &so, &conflict, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	audit_finish(&audit);
	if (apps.n == 1)
		cli_anchor_inputs(&audit, apps.v[0]);
	ro.color = !strcmp(format, "text") && cli_color(stdout);
	if (!strcmp(format, "json"))
		report_json(&out, &audit, &ro);
	else if (!strcmp(format, "md"))
		report_md(&out, &audit, &ro);
	else if (!strcmp(format, "html"))
		report_html(&out, &audit, &ro);
	else if (!strcmp(format, "sarif"))
		report_sarif(&out, &audit);
	else if (!strcmp(format, "junit"))
		report_junit(&out, &audit, &ro);
	else
		report_text(&out, &audit, &ro);
	if (!quiet)
		fwrite(out.buf, 1, out.len, stdout);
	/* GitHub Actions: the findings that count, as annotations on the
	 * files; on stderr when stdout holds a machine-readable document */
	if (getenv("GITHUB_ACTIONS") && !strcmp(getenv("GITHUB_ACTIONS"), "true") && !quiet) {
		struct strbuf gh = STRBUF_INIT;
		report_github(&gh, &audit, ro.has_gate ? ro.fail_on : V_POLYFILL);
		fwrite(gh.buf, 1, gh.len, strcmp(format, "text") && strcmp(format, "md") ? stderr : stdout);
		strbuf_release(&gh);
	}
	if (ro.has_gate && audit.packages.n && audit_worst(&audit) >= ro.fail_on) {
		struct strbuf g = STRBUF_INIT;
		report_gate(&g, &audit, ro.fail_on);
		if (!quiet)
			fprintf(stderr, "pymode-pkg: %s", g.buf);
		strbuf_release(&g);
		rc = PM_GATE;
	}
	/* a conflict: the report holds what resolved; the explanation follows */
	if (conflict) {
		if (!quiet)
			cli_message("error", conflict);
		rc = PM_GATE;
	}
out:
	arena_release(&pick_arena);
	if (have_audit)
		audit_release(&audit);
	rules_close(rules);
	strbuf_release(&out);
	VEC_FREE(&overlays);
	VEC_FREE(&scans);
	VEC_FREE(&apps);
	cli_reqs_release(&rq);
	cli_index_release(&ix);
	return rc;
}
