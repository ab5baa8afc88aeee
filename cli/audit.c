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
	"       pymode-audit [options] -r requirements.txt\n"
	"       pymode-pkg audit [options] PATH...\n"
	"\n"
	"Audits wheels (.whl), sdists (.tar.gz .tgz .tar.bz2 .tar.xz .zip), a directory of them\n"
	"(a wheelhouse), an installed site-packages, an app source tree, or the distributions a\n"
	"requirements file resolves to for the target (a PATH ending in .txt is one), for a\n"
	"WebAssembly Python runtime, and gives each package a verdict:\n"
	"  compatible < fallback < polyfill < variant < unsupported\n"
	"\n"
	"options:\n"
	"  -t, --target NAME      runtime profile: pymode (default), cf-python-workers, wasi\n"
	"      --format FMT       text (default) or json (schema pymode-report/3)\n"
	"      --fail-on VERDICT  exit 1 when a package's verdict is at or over VERDICT\n"
	"      --rules DIR        overlay rule files (repeatable; later wins)\n"
	"      --rules-db FILE    use a database from 'pymode-pkg rules compile'\n"
	"      --verify-record    check every wheel member against its RECORD sha256 and size\n"
	"      --max-archive-size SIZE  inflated bytes one archive may declare (default 512M;\n"
	"                         the run may inflate 8 times that)\n"
	"\n"
	"requirements (pip's options):\n"
	"  -r, --requirement FILE resolve FILE for the target and audit what it pins (repeatable)\n"
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
	{ "max-archive-size", required_argument, NULL, CLI_OPT_MAX_ARCHIVE },
	{ "requirement", required_argument, NULL, 'r' },
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
	return 0;
}

/* Resolves one requirements file for the audit's target and scans every
 * distribution it pins. */
static int audit_requirements(struct audit *audit, const char *path, struct resolve_options *ro,
			      const struct scan_options *so, struct perr *err)
{
	struct resolution res = RESOLUTION_INIT;
	int rc;

	cli_resolve_for_target(ro, &audit->target);
	rc = resolve_requirements_file(path, ro, &res, err);
	for (size_t i = 0; !rc && i < res.pkgs.n; i++) {
		struct origin o = { audit, &res.pkgs.v[i] };
		if (!res.pkgs.v[i].path) {
			rc = perr_set(err, PM_INPUT, "'%s': resolved '%s' but could not fetch it", path,
				      res.pkgs.v[i].filename);
			break;
		}
		rc = scan_input(res.pkgs.v[i].path, so, add_dist, &o, err);
	}
	for (size_t i = 0; !rc && !ro->quiet && i < res.warnings.n; i++)
		cli_message("warning", res.warnings.v[i]);
	resolution_release(&res);
	return rc;
}

int cmd_audit(int argc, char **argv)
{
	const char *target = "pymode", *format = "text", *db = NULL;
	VEC(const char *) overlays = VEC_INIT;
	VEC(const char *) reqs = VEC_INIT;
	struct cli_index ix = { 0 };
	struct resolve_options rso = { 0 };
	struct report_options ro = { 0 };
	struct scan_options so = { 0 };
	struct rules *rules = NULL;
	struct audit audit;
	struct perr err = PERR_INIT;
	struct strbuf out = STRBUF_INIT;
	int c, quiet = 0, rc = 0, have_audit = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "t:f:vqhr:i:", long_options, NULL)) != -1) {
		int handled = cli_index_option(&ix, c, optarg, "audit", &rso);
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
		case CLI_OPT_MAX_ARCHIVE:
			if ((rc = cli_max_archive_size("audit", optarg)))
				goto out;
			break;
		case 'r': *VEC_PUSH(&reqs) = optarg; break;
		case 'v': ro.verbose = 1; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(usage_text, stdout); goto out;
		default: rc = cli_usage_error("audit", "bad option"); goto out;
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json") && strcmp(format, "md") &&
	    strcmp(format, "sarif") && strcmp(format, "junit")) {
		rc = cli_usage_error("audit", "unknown format '%s' (text, json, md, sarif, junit)", format);
		goto out;
	}
	if (optind >= argc && !reqs.n) {
		rc = cli_usage_error("audit", "no input given");
		goto out;
	}
	rso.quiet = quiet; /* progress: the resolver draws it on a tty only */
	cli_index_finish(&ix, &rso);
	if ((rc = rules_open(&rules, db, overlays.v, overlays.n, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	if ((rc = audit_init(&audit, rules, target, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	have_audit = 1;
	so.env = &audit.target.env;
	for (int i = optind; i < argc; i++) {
		struct origin o = { &audit, NULL };
		if (ends_with(argv[i], ".txt") && !path_is_dir(argv[i]))
			rc = audit_requirements(&audit, argv[i], &rso, &so, &err);
		else
			rc = scan_input(argv[i], &so, add_dist, &o, &err);
		if (rc) {
			rc = cli_error(&err);
			goto out;
		}
	}
	for (size_t i = 0; i < reqs.n; i++) {
		if ((rc = audit_requirements(&audit, reqs.v[i], &rso, &so, &err))) {
			rc = cli_error(&err);
			goto out;
		}
	}
	audit_finish(&audit);
	ro.color = !strcmp(format, "text") && cli_color(stdout);
	if (!strcmp(format, "json"))
		report_json(&out, &audit, &ro);
	else if (!strcmp(format, "md"))
		report_md(&out, &audit, &ro);
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
out:
	if (have_audit)
		audit_release(&audit);
	rules_close(rules);
	strbuf_release(&out);
	VEC_FREE(&overlays);
	VEC_FREE(&reqs);
	cli_index_release(&ix);
	return rc;
}
