/* rules.c: `pymode-pkg rules`: compile, list, lint and explain the rule
 * database, and import a pyodide-lock.json as a generated rules file.
 * It holds option parsing and printing only; polyfill-db/ does the work. */
#include "cli.h"
#include "../polyfill-db/rules.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char rules_usage[] =
	"usage: pymode-pkg rules <subcommand> [options]\n"
	"\n"
	"subcommands:\n"
	"  compile [--rules DIR]... [--no-default] -o FILE\n"
	"                          compile the default plus overlay DIRs into a database file\n"
	"  list [--target T] [--format text|json]\n"
	"                          what a target has: modules by status, packages by rule, limits\n"
	"  lint [--no-default] [DIR...]\n"
	"                          check rule files (DIRs as overlays on the default; no DIR:\n"
	"                          ./rules on its own); exit 3 with file:line:col on error\n"
	"  why NAME [--target T|all] [--format text|json]\n"
	"                          explain a module or package: status, note, remedy, rule\n"
	"  import-pyodide-lock FILE [-o OUT] [--target T]\n"
	"                          turn a pyodide-lock.json into a generated rules file\n"
	"\n"
	"options for list and why:\n"
	"  --rules DIR             overlay a rules directory (repeatable; later wins)\n"
	"  --db FILE               use a compiled database instead of the built-in default\n"
	"  -h, --help              this help\n"
	"see docs/rules.md for the rule files' schema and precedence\n";

struct ropts {
	VEC(const char *) rules;
	const char *db, *target, *out, *format;
	int no_default;
	VEC(const char *) args;
};

enum { OPT_RULES = 256, OPT_DB, OPT_TARGET, OPT_FORMAT, OPT_NO_DEFAULT };

static const struct option long_opts[] = {
	{ "rules", required_argument, NULL, OPT_RULES },
	{ "db", required_argument, NULL, OPT_DB },
	{ "target", required_argument, NULL, OPT_TARGET },
	{ "format", required_argument, NULL, OPT_FORMAT },
	{ "no-default", no_argument, NULL, OPT_NO_DEFAULT },
	{ "output", required_argument, NULL, 'o' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

/* 0 ok, -1 help printed, PM_USAGE */
static int parse(int argc, char **argv, struct ropts *o)
{
	int c;

	optind = 1;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":ho:", long_opts, NULL)) != -1) {
		switch (c) {
		case 'h': fputs(rules_usage, stdout); return -1;
		case 'o': o->out = optarg; break;
		case OPT_RULES: *VEC_PUSH(&o->rules) = optarg; break;
		case OPT_DB: o->db = optarg; break;
		case OPT_TARGET: o->target = optarg; break;
		case OPT_FORMAT: o->format = optarg; break;
		case OPT_NO_DEFAULT: o->no_default = 1; break;
		case ':': return cli_usage_error("rules", "option '%s' needs a value", argv[optind - 1]);
		default: return cli_usage_error("rules", "unknown option '%s'", argv[optind - 1]);
		}
	}
	for (; optind < argc; optind++)
		*VEC_PUSH(&o->args) = argv[optind];
	if (o->format && strcmp(o->format, "text") && strcmp(o->format, "json"))
		return cli_usage_error("rules", "unknown format '%s' (expected text or json)", o->format);
	return 0;
}

static int open_rules(struct ropts *o, struct rules **r)
{
	struct perr err = PERR_INIT;
	if (rules_open(r, o->db, o->rules.v, o->rules.n, &err))
		return cli_error(&err);
	return 0;
}

static void human_bytes(char *buf, size_t n, long long v)
{
	if (v >= 1024 * 1024)
		snprintf(buf, n, "%.1f MiB", v / 1048576.0);
	else
		snprintf(buf, n, "%lld bytes", v);
}

/* ---- compile, lint, import ---- */

static int rules_compile_cmd(struct ropts *o)
{
	struct perr err = PERR_INIT;

	if (!o->out)
		return cli_usage_error("rules", "compile needs -o FILE");
	if (o->args.n)
		return cli_usage_error("rules", "compile takes no arguments (use --rules DIR)");
	if (o->no_default && !o->rules.n)
		return cli_usage_error("rules", "--no-default needs at least one --rules DIR");
	if (rules_compile(o->rules.v, o->rules.n, !o->no_default, o->out, &err))
		return cli_error(&err);
	return 0;
}

static int rules_lint_cmd(struct ropts *o)
{
	struct perr err = PERR_INIT;
	const char *self[] = { "rules" };
	int rc;

	if (o->args.n)
		rc = rules_lint(o->args.v, o->args.n, !o->no_default, &err);
	else
		rc = rules_lint(self, 1, 0, &err);
	if (rc)
		return cli_error(&err);
	printf("rules: ok\n");
	return 0;
}

static int rules_import_cmd(struct ropts *o)
{
	struct perr err = PERR_INIT;
	struct strbuf out = STRBUF_INIT, cmd = STRBUF_INIT;
	int rc = 0;

	if (o->args.n != 1)
		return cli_usage_error("rules", "import-pyodide-lock needs exactly one FILE");
	strbuf_addf(&cmd, "pymode-pkg rules import-pyodide-lock %s", o->args.v[0]);
	if (o->out)
		strbuf_addf(&cmd, " -o %s", o->out);
	if (rules_import_pyodide_lock(o->args.v[0], o->target ? o->target : "cf-python-workers",
				      cmd.buf, &out, &err)) {
		rc = cli_error(&err);
	} else if (!o->out) {
		fwrite(out.buf, 1, out.len, stdout);
	} else if (write_file_atomic(o->out, out.buf, out.len, &err)) {
		rc = cli_error(&err);
	}
	strbuf_release(&out);
	strbuf_release(&cmd);
	return rc;
}

/* ---- list ---- */

static const char *kind_name(enum package_rule_kind k)
{
	switch (k) {
	case PR_VARIANT: return "variant";
	case PR_POLYFILL: return "polyfill";
	case PR_UNSUPPORTED: return "unsupported";
	default: return "none";
	}
}

/* one package rule as JSON: {name, kind, file, version, modules,
 * alternatives, note, rule} (rules list and rules why) */
static void package_json(struct json *j, const struct package_rule *p)
{
	json_begin_object(j);
	json_kv_string(j, "name", p->package);
	json_kv_string(j, "kind", kind_name(p->kind));
	json_kv_string(j, "file", p->variant_file);
	json_kv_string(j, "version", p->variant_version);
	json_key(j, "modules");
	json_begin_array(j);
	for (size_t k = 0; k < p->n_variant_modules; k++)
		json_string(j, p->variant_modules[k]);
	json_end_array(j);
	json_key(j, "alternatives");
	json_begin_array(j);
	for (size_t k = 0; k < p->n_alternatives; k++)
		json_string(j, p->alternatives[k]);
	json_end_array(j);
	json_key(j, "native");
	json_begin_array(j);
	for (size_t k = 0; k < p->n_native_modules; k++)
		json_string(j, p->native_modules[k]);
	json_end_array(j);
	json_kv_string(j, "note", p->note);
	json_kv_string(j, "rule", p->rule_id);
	json_end_object(j);
}

static int rules_list_cmd(struct ropts *o)
{
	struct perr err = PERR_INIT;
	struct target_info t;
	struct rules *r;
	const char **names, **tnames;
	const struct package_rule *pk;
	size_t n, np;
	int rc, json = o->format && !strcmp(o->format, "json");
	/* module names grouped by status */
	VEC(const char *) by[MS_LIMITED + 1] = { VEC_INIT, VEC_INIT, VEC_INIT, VEC_INIT, VEC_INIT,
						VEC_INIT };

	if (o->args.n)
		return cli_usage_error("rules", "list takes no arguments");
	if ((rc = open_rules(o, &r)))
		return rc;
	rules_target_names(r, &tnames);
	if (rules_target(r, o->target ? o->target : tnames[0] ? tnames[0] : "pymode", &t, &err)) {
		rules_close(r);
		return cli_error(&err);
	}
	n = rules_module_names(r, t.name, &names);
	for (size_t i = 0; i < n; i++) {
		struct module_rule m;
		rules_module(r, t.name, names[i], &m);
		*VEC_PUSH(&by[m.status]) = names[i];
	}
	np = rules_packages(r, t.name, &pk);
	if (json) {
		struct strbuf sb = STRBUF_INIT;
		struct json j;
		json_init(&j, &sb);
		json_begin_object(&j);
		json_kv_string(&j, "schema", "pymode-rules-list/1");
		json_kv_string(&j, "target", t.name);
		json_kv_string(&j, "description", t.description);
		json_kv_string(&j, "python", t.python_version);
		json_key(&j, "markers");
		json_begin_object(&j);
		for (size_t i = 0; i < t.n_markers; i++)
			json_kv_string(&j, t.marker_keys[i], t.marker_values[i]);
		json_end_object(&j);
		json_key(&j, "tags");
		json_begin_array(&j);
		for (size_t i = 0; i < t.n_tags; i++)
			json_string(&j, t.tags[i]);
		json_end_array(&j);
		json_key(&j, "roots");
		json_begin_array(&j);
		for (size_t i = 0; i < t.n_roots; i++)
			json_string(&j, t.roots[i]);
		json_end_array(&j);
		json_key(&j, "limits");
		json_begin_object(&j);
		json_kv_int(&j, "bundle_gzip", t.limits.bundle_gzip);
		json_kv_int(&j, "overhead_gzip", t.limits.overhead_gzip);
		json_kv_int(&j, "bundle_raw", t.limits.bundle_raw);
		json_kv_int(&j, "memory", t.limits.memory);
		json_kv_int(&j, "cpu_ms", t.limits.cpu_ms);
		json_end_object(&j);
		json_key(&j, "modules");
		json_begin_object(&j);
		for (int s = MS_AVAILABLE; s <= MS_LIMITED; s++) {
			json_key(&j, module_status_name(s));
			json_begin_array(&j);
			for (size_t i = 0; i < by[s].n; i++)
				json_string(&j, by[s].v[i]);
			json_end_array(&j);
		}
		json_end_object(&j);
		json_key(&j, "packages");
		json_begin_array(&j);
		for (size_t i = 0; i < np; i++)
			package_json(&j, &pk[i]);
		json_end_array(&j);
		json_end_object(&j);
		fwrite(sb.buf, 1, sb.len, stdout);
		strbuf_release(&sb);
	} else {
		char b1[32], b2[32], b3[32];
		printf("target %s: %s\n", t.name, t.description ? t.description : "");
		printf("python %s;", t.python_version);
		for (size_t i = 0; i < t.n_markers; i++)
			printf(" %s=%s", t.marker_keys[i], t.marker_values[i]);
		printf("\ntags:");
		for (size_t i = 0; i < t.n_tags; i++)
			printf(" %s", t.tags[i]);
		human_bytes(b1, sizeof(b1), t.limits.bundle_gzip);
		human_bytes(b2, sizeof(b2), t.limits.overhead_gzip);
		human_bytes(b3, sizeof(b3), t.limits.memory);
		printf("\nlimits: bundle %s gzip (runtime %s), raw %lld, memory %s, cpu %lld ms\n",
		       t.limits.bundle_gzip ? b1 : "none", b2, t.limits.bundle_raw,
		       t.limits.memory ? b3 : "none", t.limits.cpu_ms);
		printf("roots:");
		for (size_t i = 0; i < t.n_roots; i++)
			printf(" %s", t.roots[i]);
		printf("\nmodules:\n");
		for (int s = MS_AVAILABLE; s <= MS_LIMITED; s++) {
			printf("  %s (%zu):", module_status_name(s), by[s].n);
			for (size_t i = 0; i < by[s].n; i++)
				printf(" %s", by[s].v[i]);
			printf("\n");
		}
		printf("packages:\n");
		for (size_t i = 0; i < np; i++)
			printf("  %-11s %s%s%s%s\n", kind_name(pk[i].kind), pk[i].package,
			       pk[i].variant_file ? " (" : "", pk[i].variant_file ? pk[i].variant_file : "",
			       pk[i].variant_file ? ")" : "");
	}
	for (int s = 0; s <= MS_LIMITED; s++)
		VEC_FREE(&by[s]);
	rules_close(r);
	return 0;
}

/* ---- why ---- */

static void why_one(struct rules *r, const char *target, const char *name)
{
	struct module_rule m;
	struct package_rule p;
	int said = 0;

	rules_module(r, target, name, &m);
	rules_package(r, target, name, &p);
	if (m.status != MS_THIRD_PARTY || p.kind == PR_NONE) {
		printf("%s on %s: %s%s%s%s\n", name, target,
		       m.status == MS_THIRD_PARTY ? "not a stdlib module; no package rule (analysis decides)"
						  : module_status_name(m.status),
		       m.status == MS_POLYFILLED ? " (" : "",
		       m.status == MS_POLYFILLED ? polyfill_fidelity_name(m.fidelity) : "",
		       m.status == MS_POLYFILLED ? ")" : "");
		if (m.status != MS_THIRD_PARTY) {
			if (strcmp(m.module, name))
				printf("  inherits: %s\n", m.module);
			if (m.note)
				printf("  note: %s\n", m.note);
			if (m.remedy)
				printf("  remedy: %s\n", m.remedy);
			printf("  rule: %s\n", m.rule_id ? m.rule_id : "derived");
		}
		said = 1;
	}
	if (p.kind != PR_NONE) {
		printf("%spackage %s on %s: %s\n", said ? "" : "", p.package, target, kind_name(p.kind));
		if (p.variant_file)
			printf("  file: %s%s%s\n", p.variant_file, p.variant_version ? " version " : "",
			       p.variant_version ? p.variant_version : "");
		if (p.n_variant_modules) {
			printf("  modules:");
			for (size_t i = 0; i < p.n_variant_modules; i++)
				printf(" %s", p.variant_modules[i]);
			printf("\n");
		}
		if (p.n_native_modules) {
			printf("  needs native:");
			for (size_t i = 0; i < p.n_native_modules; i++)
				printf(" %s", p.native_modules[i]);
			printf("\n");
		}
		if (p.note)
			printf("  note: %s\n", p.note);
		if (p.n_alternatives) {
			printf("  alternatives:");
			for (size_t i = 0; i < p.n_alternatives; i++)
				printf(" %s", p.alternatives[i]);
			printf("\n");
		}
		printf("  rule: %s\n", p.rule_id);
	}
}

/* one target's answer as JSON: {target, module: {...} | null,
 * package: {...} | null} */
static void why_json(struct json *j, struct rules *r, const char *target, const char *name)
{
	struct module_rule m;
	struct package_rule p;

	rules_module(r, target, name, &m);
	rules_package(r, target, name, &p);
	json_begin_object(j);
	json_kv_string(j, "target", target);
	json_key(j, "module");
	if (m.status == MS_THIRD_PARTY) {
		json_null(j);
	} else {
		json_begin_object(j);
		json_kv_string(j, "status", module_status_name(m.status));
		json_kv_string(j, "fidelity", m.status == MS_POLYFILLED ? polyfill_fidelity_name(m.fidelity)
								     : NULL);
		json_kv_string(j, "inherits", strcmp(m.module, name) ? m.module : NULL);
		json_kv_string(j, "note", m.note);
		json_kv_string(j, "remedy", m.remedy);
		json_kv_string(j, "rule", m.rule_id);
		json_end_object(j);
	}
	json_key(j, "package");
	if (p.kind == PR_NONE)
		json_null(j);
	else
		package_json(j, &p);
	json_end_object(j);
}

static int rules_why_cmd(struct ropts *o)
{
	struct perr err = PERR_INIT;
	struct target_info t;
	struct rules *r;
	const char **names;
	size_t n;
	int rc;

	if (o->args.n != 1)
		return cli_usage_error("rules", "why needs exactly one NAME");
	if ((rc = open_rules(o, &r)))
		return rc;
	n = rules_target_names(r, &names);
	if (!(o->target && !strcmp(o->target, "all")) &&
	    rules_target(r, o->target ? o->target : n ? names[0] : "pymode", &t, &err)) {
		rules_close(r);
		return cli_error(&err);
	}
	if (o->format && !strcmp(o->format, "json")) {
		struct strbuf sb = STRBUF_INIT;
		struct json j;
		json_init(&j, &sb);
		json_begin_object(&j);
		json_kv_string(&j, "schema", "pymode-rules-why/1");
		json_kv_string(&j, "name", o->args.v[0]);
		json_key(&j, "targets");
		json_begin_array(&j);
		if (o->target && !strcmp(o->target, "all"))
			for (size_t i = 0; i < n; i++)
				why_json(&j, r, names[i], o->args.v[0]);
		else
			why_json(&j, r, t.name, o->args.v[0]);
		json_end_array(&j);
		json_end_object(&j);
		fwrite(sb.buf, 1, sb.len, stdout);
		strbuf_release(&sb);
	} else if (o->target && !strcmp(o->target, "all")) {
		for (size_t i = 0; i < n; i++)
			why_one(r, names[i], o->args.v[0]);
	} else {
		why_one(r, t.name, o->args.v[0]);
	}
	rules_close(r);
	return 0;
}

int cmd_rules(int argc, char **argv)
{
	struct ropts o = { .rules = VEC_INIT, .args = VEC_INIT };
	const char *sub;
	int rc;

	if (argc < 2) {
		fputs(rules_usage, stderr);
		return PM_USAGE;
	}
	sub = argv[1];
	if (!strcmp(sub, "-h") || !strcmp(sub, "--help") || !strcmp(sub, "help")) {
		fputs(rules_usage, stdout);
		return 0;
	}
	rc = parse(argc - 1, argv + 1, &o);
	if (rc == -1) {
		rc = 0;
	} else if (!rc) {
		if (!strcmp(sub, "compile"))
			rc = rules_compile_cmd(&o);
		else if (!strcmp(sub, "list"))
			rc = rules_list_cmd(&o);
		else if (!strcmp(sub, "lint"))
			rc = rules_lint_cmd(&o);
		else if (!strcmp(sub, "why"))
			rc = rules_why_cmd(&o);
		else if (!strcmp(sub, "import-pyodide-lock"))
			rc = rules_import_cmd(&o);
		else
			rc = cli_usage_error("rules", "unknown subcommand '%s'", sub);
	}
	VEC_FREE(&o.rules);
	VEC_FREE(&o.args);
	return rc;
}
