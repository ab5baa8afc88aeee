/* audit.c: `pymode-audit PATH...` / `pymode-pkg audit`: scans each input,
 * judges every distribution for the target, prints the report whole, and
 * exits by the gate. Requirements files wait for the resolver. */
#include "cli.h"
#include "../reports/report.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
	"usage: pymode-audit [options] PATH...\n"
	"       pymode-pkg audit [options] PATH...\n"
	"\n"
	"Audits wheels (.whl), sdists (.tar.gz .tgz .tar.bz2 .tar.xz .zip), a directory of them\n"
	"(a wheelhouse), an installed site-packages or an app source tree for a WebAssembly\n"
	"Python runtime, and gives each package a verdict:\n"
	"  compatible < fallback < polyfill < variant < unsupported\n"
	"\n"
	"options:\n"
	"  -t, --target NAME      runtime profile: pymode (default), cf-python-workers, wasi\n"
	"  -f, --format FMT       text (default) or json (schema pymode-report/1)\n"
	"      --fail-on VERDICT  exit 1 when a package's verdict is at or over VERDICT\n"
	"      --rules DIR        overlay rule files (repeatable; later wins)\n"
	"      --rules-db FILE    use a database from 'pymode-pkg rules compile'\n"
	"      --verify-record    check every wheel member against its RECORD sha256 and size\n"
	"  -v, --verbose          also show notes and every place a finding shows\n"
	"  -q, --quiet            print nothing; only the exit status tells\n"
	"  -h, --help             this text\n"
	"\n"
	"exit status: 0 fine, 1 gate failed, 2 usage error, 3 bad input or I/O failure\n";

static const struct option long_options[] = {
	{ "target", required_argument, NULL, 't' },
	{ "format", required_argument, NULL, 'f' },
	{ "fail-on", required_argument, NULL, 'F' },
	{ "rules", required_argument, NULL, 'R' },
	{ "rules-db", required_argument, NULL, 'D' },
	{ "verify-record", no_argument, NULL, 'V' },
	{ "verbose", no_argument, NULL, 'v' },
	{ "quiet", no_argument, NULL, 'q' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

static int add_dist(void *ctx, struct distribution *d)
{
	audit_add(ctx, d);
	return 0;
}

int cmd_audit(int argc, char **argv)
{
	const char *target = "pymode", *format = "text", *db = NULL;
	VEC(const char *) overlays = VEC_INIT;
	struct report_options ro = { 0 };
	struct scan_options so = { 0 };
	struct rules *rules = NULL;
	struct audit audit;
	struct perr err = PERR_INIT;
	struct strbuf out = STRBUF_INIT;
	int c, quiet = 0, rc = 0, have_audit = 0;

	optind = 1;
	while ((c = getopt_long(argc, argv, "t:f:vqh", long_options, NULL)) != -1) {
		switch (c) {
		case 't': target = optarg; break;
		case 'f': format = optarg; break;
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
		case 'v': ro.verbose = 1; break;
		case 'q': quiet = 1; break;
		case 'h': fputs(usage_text, stdout); goto out;
		default: rc = cli_usage_error("audit", "bad option"); goto out;
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json")) {
		rc = cli_usage_error("audit", "unknown format '%s' (text, json)", format);
		goto out;
	}
	if (optind >= argc) {
		rc = cli_usage_error("audit", "no input given");
		goto out;
	}
	for (int i = optind; i < argc; i++) {
		if (ends_with(argv[i], ".txt") && !path_is_dir(argv[i])) {
			fprintf(stderr, "pymode-pkg: error: '%s': auditing a requirements file needs the "
					"resolver, which is not built yet; audit the wheels or an installed "
					"site-packages instead\n", argv[i]);
			rc = PM_USAGE;
			goto out;
		}
	}
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
		if ((rc = scan_input(argv[i], &so, add_dist, &audit, &err))) {
			rc = cli_error(&err);
			goto out;
		}
	}
	audit_finish(&audit);
	ro.color = !strcmp(format, "text") && cli_color(stdout);
	if (!strcmp(format, "json"))
		report_json(&out, &audit, &ro);
	else
		report_text(&out, &audit, &ro);
	if (!quiet)
		fwrite(out.buf, 1, out.len, stdout);
	if (ro.has_gate && audit.packages.n && audit_worst(&audit) >= ro.fail_on)
		rc = PM_GATE;
out:
	if (have_audit)
		audit_release(&audit);
	rules_close(rules);
	strbuf_release(&out);
	VEC_FREE(&overlays);
	return rc;
}
