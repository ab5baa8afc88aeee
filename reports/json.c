/* json.c: the audit as the JSON document described in
 * docs/report-schema.md (schema "pymode-report/3"). Text is in text.c. */
#include "report.h"

static void kinds_array(struct json *j, unsigned kinds)
{
	json_begin_array(j);
	for (unsigned bit = EDGE_EAGER; bit <= EDGE_DYNAMIC; bit <<= 1)
		if (kinds & bit)
			json_string(j, edge_kind_name(bit));
	json_end_array(j);
}

static void locations_json(struct json *j, const struct finding *f)
{
	for (size_t i = 0; i < f->n_locs; i++) {
		json_begin_object(j);
		json_kv_string(j, "file", f->locs[i].file);
		json_kv_int(j, "line", f->locs[i].line);
		json_key(j, "kinds");
		kinds_array(j, f->locs[i].kinds);
		json_end_object(j);
	}
}

static void why_json(struct json *j, const struct finding *f)
{
	json_begin_array(j);
	for (size_t i = 0; i < f->n_why; i++) {
		const struct why_step *w = &f->why[i];
		json_begin_object(j);
		json_kv_string(j, "file", w->file);
		json_kv_int(j, "line", w->line);
		json_kv_string(j, "from", w->from);
		json_kv_string(j, "to", w->to);
		json_key(j, "kinds");
		kinds_array(j, w->kinds);
		json_end_object(j);
	}
	json_end_array(j);
}

static void finding_json(struct json *j, const struct finding *f)
{
	json_begin_object(j);
	json_kv_string(j, "kind", finding_kind_name(f->kind));
	json_kv_string(j, "severity", verdict_name(f->severity));
	json_kv_string(j, "module", f->module);
	json_kv_string(j, "message", f->message);
	json_kv_string(j, "detail", f->detail);
	json_kv_string(j, "file", f->n_locs ? f->locs[0].file : NULL);
	json_key(j, "line");
	if (f->n_locs && f->locs[0].line)
		json_int(j, f->locs[0].line);
	else
		json_null(j);
	json_kv_int(j, "count", f->n_members ? (long long)f->n_members : 1);
	/* every place of every member, the leader's first */
	json_key(j, "locations");
	json_begin_array(j);
	if (f->n_members)
		for (size_t i = 0; i < f->n_members; i++)
			locations_json(j, &f->members[i]);
	else
		locations_json(j, f);
	json_end_array(j);
	json_key(j, "members");
	json_begin_array(j);
	for (size_t i = 0; i < f->n_members; i++) {
		const struct finding *m = &f->members[i];
		json_begin_object(j);
		json_kv_string(j, "module", m->module);
		json_kv_string(j, "message", m->message);
		json_kv_string(j, "detail", m->detail);
		json_key(j, "locations");
		json_begin_array(j);
		locations_json(j, m);
		json_end_array(j);
		json_key(j, "why");
		why_json(j, m);
		json_end_object(j);
	}
	json_end_array(j);
	json_key(j, "remedy");
	json_begin_object(j);
	json_kv_string(j, "kind", remedy_kind_name(f->remedy_kind));
	json_kv_string(j, "text", f->remedy);
	json_kv_string(j, "rule", f->rule_id);
	json_end_object(j);
	json_key(j, "why");
	why_json(j, f);
	json_end_object(j);
}

void report_json(struct strbuf *out, const struct audit *a, const struct report_options *o)
{
	struct json j;
	size_t counts[5];
	const struct target_info *t = &a->target;

	json_init(&j, out);
	json_begin_object(&j);
	json_kv_string(&j, "schema", REPORT_SCHEMA);
	json_key(&j, "tool");
	json_begin_object(&j);
	json_kv_string(&j, "name", "pymode-pkg");
	json_kv_string(&j, "version", PYMODE_VERSION);
	json_end_object(&j);
	json_key(&j, "target");
	json_begin_object(&j);
	json_kv_string(&j, "name", t->name);
	json_kv_string(&j, "python", t->python_version);
	json_key(&j, "limits");
	json_begin_object(&j);
	json_kv_int(&j, "bundle_gzip", t->limits.bundle_gzip);
	json_kv_int(&j, "overhead_gzip", t->limits.overhead_gzip);
	json_kv_int(&j, "bundle_raw", t->limits.bundle_raw);
	json_kv_int(&j, "memory", t->limits.memory);
	json_kv_int(&j, "cpu_ms", t->limits.cpu_ms);
	json_end_object(&j);
	json_end_object(&j);
	audit_counts(a, counts);
	json_key(&j, "summary");
	json_begin_object(&j);
	json_kv_int(&j, "packages", (long long)a->packages.n);
	for (int v = V_COMPATIBLE; v <= V_UNSUPPORTED; v++)
		json_kv_int(&j, verdict_name((enum verdict)v), (long long)counts[v]);
	json_kv_string(&j, "worst", a->packages.n ? verdict_name(audit_worst(a)) : NULL);
	json_end_object(&j);
	json_key(&j, "gate");
	json_begin_object(&j);
	json_kv_string(&j, "fail_on", o->has_gate ? verdict_name(o->fail_on) : NULL);
	json_kv_bool(&j, "failed", o->has_gate && a->packages.n && audit_worst(a) >= o->fail_on);
	json_end_object(&j);
	json_kv_bool(&j, "dependencies_followed", !a->deps_not_followed);
	json_key(&j, "conflict");
	if (a->conflict) {
		json_begin_object(&j);
		json_kv_string(&j, "explanation", a->conflict);
		json_key(&j, "not_resolved");
		json_begin_array(&j);
		for (size_t k = 0; k < a->n_unresolved; k++)
			json_string(&j, a->unresolved[k]);
		json_end_array(&j);
		json_end_object(&j);
	} else {
		json_null(&j);
	}
	json_key(&j, "packages");
	json_begin_array(&j);
	for (size_t i = 0; i < a->packages.n; i++) {
		const struct package_report *p = &a->packages.v[i];
		json_begin_object(&j);
		json_kv_string(&j, "name", p->name);
		json_kv_string(&j, "normalized_name", p->normalized);
		json_kv_string(&j, "version", p->version);
		json_kv_string(&j, "kind", dist_kind_name(p->kind));
		json_kv_string(&j, "source", p->input);
		json_kv_string(&j, "verdict", verdict_name(p->verdict));
		json_kv_string(&j, "own_verdict", verdict_name(p->own_verdict));
		json_kv_string(&j, "through", p->through);
		json_kv_int(&j, "files", p->n_files);
		json_kv_int(&j, "bytes", p->n_bytes);
		json_kv_int(&j, "modules", (long long)p->n_modules);
		json_kv_int(&j, "native_modules", (long long)p->n_native);
		json_kv_int(&j, "import_edges", (long long)p->n_edges);
		if (p->resolved) {
			json_key(&j, "requirement_chain");
			json_begin_array(&j);
			for (size_t k = 0; k < p->n_chain; k++)
				json_string(&j, p->chain[k]);
			json_end_array(&j);
			json_kv_string(&j, "resolved_file", p->resolved_file);
			json_kv_bool(&j, "installable", p->installable);
			json_kv_bool(&j, "editable", p->editable);
		}
		json_key(&j, "requires_dist");
		json_begin_array(&j);
		for (size_t k = 0; k < p->n_requires; k++)
			json_string(&j, p->requires_dist[k]);
		json_end_array(&j);
		json_key(&j, "depends");
		json_begin_array(&j);
		for (size_t k = 0; k < p->n_depends; k++)
			json_string(&j, p->depends[k]);
		json_end_array(&j);
		json_key(&j, "not_audited");
		json_begin_array(&j);
		for (size_t k = 0; k < p->n_not_audited; k++)
			json_string(&j, p->not_audited[k]);
		json_end_array(&j);
		json_key(&j, "findings");
		json_begin_array(&j);
		for (size_t k = 0; k < p->findings.n; k++)
			finding_json(&j, &p->findings.v[k]);
		json_end_array(&j);
		json_end_object(&j);
	}
	json_end_array(&j);
	json_end_object(&j);
}
