/* imports.c: `pymode-pkg imports PATH...`: every import edge of every
 * distribution in the inputs, as text or as JSON (schema pymode-imports/1).
 * It judges nothing; conditions are evaluated for --target. */
#include "cli.h"
#include "../polyfill-db/rules.h"
#include "../reports/report.h"

#include <getopt.h>
#include <string.h>

static const char usage_text[] =
	"usage: pymode-pkg imports [options] PATH...\n"
	"\n"
	"Lists every import edge found in wheels, sdists, site-packages or source trees:\n"
	"file, line, the name as written and resolved, and its kinds (eager, lazy,\n"
	"guarded, typing, conditional, dynamic).\n"
	"\n"
	"options:\n"
	"  -t, --target NAME   evaluate platform conditions for this target (default pymode)\n"
	"      --format FMT    text (default) or json (schema pymode-imports/1)\n"
	"  -h, --help          this text\n";

static const struct option long_options[] = {
	{ "target", required_argument, NULL, 't' },
	{ "format", required_argument, NULL, 'O' },
	{ "help", no_argument, NULL, 'h' },
	{ NULL, 0, NULL, 0 }
};

struct ctx {
	struct json j;
	struct strbuf *out;
	int json;
};

static const char *module_of(const struct distribution *d, size_t ei)
{
	for (size_t i = 0; i < d->modules.n; i++) {
		const struct module *m = &d->modules.v[i];
		if (ei >= m->edge_first && ei < m->edge_first + m->edge_count)
			return m->name;
	}
	return NULL;
}

static int print_dist(void *vctx, struct distribution *d)
{
	struct ctx *c = vctx;

	for (size_t i = 0; i < d->imports.edges.n; i++) {
		const struct import_edge *e = &d->imports.edges.v[i];
		if (c->json) {
			json_begin_object(&c->j);
			json_kv_string(&c->j, "distribution", d->name);
			json_kv_string(&c->j, "module", module_of(d, i));
			json_kv_string(&c->j, "file", e->file);
			json_kv_int(&c->j, "line", e->line);
			json_kv_string(&c->j, "name", e->name);
			json_kv_string(&c->j, "as_written", e->as_written);
			json_key(&c->j, "names");
			json_begin_array(&c->j);
			for (size_t k = 0; k < e->n_names; k++)
				json_string(&c->j, e->names[k]);
			json_end_array(&c->j);
			json_key(&c->j, "kinds");
			json_begin_array(&c->j);
			for (unsigned bit = EDGE_EAGER; bit <= EDGE_DYNAMIC; bit <<= 1)
				if (e->kinds & bit)
					json_string(&c->j, edge_kind_name(bit));
			json_end_array(&c->j);
			json_kv_string(&c->j, "condition", e->condition);
			json_key(&c->j, "condition_on_target");
			if (!e->condition || e->cond_value < 0)
				json_null(&c->j);
			else
				json_bool(&c->j, e->cond_value);
			json_end_object(&c->j);
		} else {
			strbuf_addf(c->out, "%s:%d: %s", e->file, e->line, e->as_written);
			if (e->name && strcmp(e->name, e->as_written))
				strbuf_addf(c->out, " -> %s", e->name);
			strbuf_addstr(c->out, " [");
			report_kinds(c->out, e->kinds, ", ");
			strbuf_addch(c->out, ']');
			if (e->condition)
				strbuf_addf(c->out, " if %s (%s on target)", e->condition,
					    e->cond_value < 0 ? "unknown" : e->cond_value ? "true" : "false");
			strbuf_addch(c->out, '\n');
		}
	}
	for (size_t i = 0; i < d->imports.diags.n && !c->json; i++) {
		const struct scan_diag *dg = &d->imports.diags.v[i];
		strbuf_addf(c->out, "%s:%d:%d: warning: %s\n", dg->file, dg->line, dg->col, dg->msg);
	}
	return 0;
}

int cmd_imports(int argc, char **argv)
{
	const char *target = "pymode", *format = "text";
	struct rules *rules = NULL;
	struct target_info t;
	struct scan_options so = { 0 };
	struct perr err = PERR_INIT;
	struct strbuf out = STRBUF_INIT;
	struct ctx c;
	int opt, rc = 0;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "t:h", long_options, NULL)) != -1) {
		switch (opt) {
		case 't': target = optarg; break;
		case 'O': format = optarg; break;
		case 'h': fputs(usage_text, stdout); return 0;
		default: return cli_usage_error("imports", "bad option");
		}
	}
	if (strcmp(format, "text") && strcmp(format, "json"))
		return cli_usage_error("imports", "unknown format '%s' (text, json)", format);
	if (optind >= argc)
		return cli_usage_error("imports", "no input given");
	if ((rc = rules_open(&rules, NULL, NULL, 0, &err)) || (rc = rules_target(rules, target, &t, &err))) {
		rc = cli_error(&err);
		goto out;
	}
	so.env = &t.env;
	memset(&c, 0, sizeof(c));
	c.out = &out;
	c.json = !strcmp(format, "json");
	if (c.json) {
		json_init(&c.j, &out);
		json_begin_object(&c.j);
		json_kv_string(&c.j, "schema", "pymode-imports/1");
		json_kv_string(&c.j, "target", t.name);
		json_key(&c.j, "edges");
		json_begin_array(&c.j);
	}
	for (int i = optind; i < argc; i++) {
		if ((rc = scan_input(argv[i], &so, print_dist, &c, &err))) {
			rc = cli_error(&err);
			goto out;
		}
	}
	if (c.json) {
		json_end_array(&c.j);
		json_end_object(&c.j);
	}
	fwrite(out.buf, 1, out.len, stdout);
out:
	rules_close(rules);
	strbuf_release(&out);
	return rc;
}
