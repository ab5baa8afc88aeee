/* report.h: the reports stage's one public header: renders an audit (the
 * verdicts and findings of polyfill-db/analysis.h) as human text or as the
 * JSON document of docs/report-schema.md. Output goes to a strbuf, so the
 * caller writes it whole or not at all. Nothing here decides a verdict. */
#ifndef PYMODE_REPORT_H
#define PYMODE_REPORT_H

#include "../polyfill-db/analysis.h"
#include "../bundler/bundler.h"

#define REPORT_SCHEMA "pymode-report/2"

struct report_options {
	int color;    /* ANSI colour */
	int verbose;  /* also compatible-severity notes and every location */
	int has_gate; /* --fail-on given */
	enum verdict fail_on;
};

void report_text(struct strbuf *out, const struct audit *a, const struct report_options *o);
void report_json(struct strbuf *out, const struct audit *a, const struct report_options *o);
/* "elf x86_64"-style kinds list: "eager, guarded" into sb */
void report_kinds(struct strbuf *sb, unsigned kinds, const char *sep);

/* ---- bundles (bundle.c): pymode-bundle's report ---- */
#define BUNDLE_SCHEMA "pymode-bundle/1"

/* one boot check of --verify */
struct verify_result {
	const char *runtime;     /* "native CPython 3.13", "Pyodide 0.28.3" */
	int ran;                 /* 0: skipped (why in skipped) */
	const char *skipped;
	int ok;
	const char *error_type, *error_module, *message;
	const char *result;      /* str() of what the call returned */
	const char *kept_by;     /* for a missing module: why it was not kept */
};

struct bundle_report {
	const char *target;
	const char *entry_module, *entry_file;
	const char *stdlib_source, *stdlib_version; /* NULL when the runtime has it */
	const struct shaker *shaker;
	const struct bundle *bundle;    /* what was written */
	const struct audit *audit;      /* the verdicts of the distributions */
	const char **variants;          /* pymode: the wasm variant files needed */
	size_t n_variants;
	const char **pyodide_packages;  /* cf-python-workers: name==version */
	size_t n_pyodide_packages;
	const struct verify_result *verify;
	size_t n_verify;
};
void report_bundle_text(struct strbuf *out, const struct bundle_report *r, const struct report_options *o);
void report_bundle_json(struct strbuf *out, const struct bundle_report *r);
/* `--why MODULE`: the chain of file:line edges that keeps it, or why it is
 * not kept. Returns 1 when the module is kept, 0 otherwise. */
int report_bundle_why(struct strbuf *out, const struct shaker *s, const char *module, int json);

#endif
