/* report.h: the reports stage's one public header: renders an audit (the
 * verdicts and findings of polyfill-db/analysis.h) as human text or as the
 * JSON document of docs/report-schema.md. Output goes to a strbuf, so the
 * caller writes it whole or not at all. Nothing here decides a verdict. */
#ifndef PYMODE_REPORT_H
#define PYMODE_REPORT_H

#include "../polyfill-db/analysis.h"
#include "../bundler/bundler.h"

#define REPORT_SCHEMA "pymode-report/3"

struct report_options {
	int color;    /* ANSI colour */
	int verbose;  /* also compatible-severity notes and every location */
	int has_gate; /* --fail-on given */
	enum verdict fail_on;
};

void report_text(struct strbuf *out, const struct audit *a, const struct report_options *o);
/* "gate failed (--fail-on variant): lxml (unsupported), numpy (variant)":
 * the packages at or over the gate, worst first (for stderr) */
void report_gate(struct strbuf *out, const struct audit *a, enum verdict fail_on);
void report_json(struct strbuf *out, const struct audit *a, const struct report_options *o);
/* The package whose own findings make p's verdict: p, or the dependency
 * its verdict rolls up through (followed to the end). */
const struct package_report *report_blocking(const struct audit *a, const struct package_report *p);
/* Why p has its verdict, for messages: its worst finding with file:line,
 * or "through its dependency 'urllib3' 1.26.12: " and that one's. */
void report_blocker(struct strbuf *out, const struct audit *a, const struct package_report *p);
/* CI formats (ci.c): SARIF 2.1.0 of the findings; JUnit XML, a testcase per
 * package (failing at or over --fail-on, else at unsupported); GitHub
 * Actions annotations of the findings at or over at_least; Markdown. */
void report_sarif(struct strbuf *out, const struct audit *a);
void report_junit(struct strbuf *out, const struct audit *a, const struct report_options *o);
void report_github(struct strbuf *out, const struct audit *a, enum verdict at_least);
/* Markdown for a pull-request comment and one self-contained HTML page
 * (md.c, html.c): the app, the gate, the verdicts with why and the remedy,
 * what was not audited, the target's limits with the runtime's share. */
void report_md(struct strbuf *out, const struct audit *a, const struct report_options *o);
void report_html(struct strbuf *out, const struct audit *a, const struct report_options *o);
/* The app an audit is of: its app tree's name, else the one package's;
 * NULL when it is of several packages. Borrowed from a. */
const char *report_app_name(const struct audit *a);
/* "PyMode runtime": what takes a limit's overhead on the audit's target (md.c) */
const char *report_target_runtime(const struct audit *a);
/* "1.34 MiB", "429 B" (binary units) */
void report_size(struct strbuf *sb, long long n);
/* The top-level names of the modules p imports that no input provides,
 * each once, into sb ("certifi, urllib3"); their count. */
size_t report_missing_tops(struct strbuf *sb, const struct package_report *p);
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
	const char *handler;     /* what was called: "Default.fetch(request)",
				    "on_fetch(request, env)"; NULL: imported only */
	int has_response;        /* the handler answered: */
	int status;
	const char **headers;    /* "name: value" */
	size_t n_headers;
	long long body_bytes;
	const char *frame;       /* failure: file:line of the frame that raised */
	const char *frame_dist;  /* ... and the distribution that file is in */
	const char *note;        /* what the verifier changed or could not check */
	int inconclusive;        /* not run (ran 0): the bundle loaded, then the
				    handler used what only the runtime has (a D1
				    binding, HTMLRewriter, an outbound fetch);
				    skipped says what and where */
};

/* ---- size budgets and limits (budget.c) ---- */
struct budget {
	const char *what;     /* "total" or a package name ("Jinja2", "stdlib", "app") */
	const char *measure;  /* "gzip" (default), "brotli", "raw" */
	long long bytes;
	const char *from;     /* "--budget", "pyproject.toml" */
};
struct limit_result {
	const struct size_limit *limit;
	long long used;       /* the bundle's figure plus the runtime's overhead */
	long long headroom;   /* bytes - used; negative when over */
	int binds;            /* the limit with the least headroom */
};
struct budget_result {
	const struct budget *budget;
	long long actual;     /* -1: no such package in the bundle */
};
struct growth {
	const char *name;     /* "total" or a package */
	long long before, after; /* gzip; -1 when absent on that side */
};
struct bundle_gate {
	VEC(struct limit_result) limits;
	VEC(struct budget_result) budgets;
	VEC(struct growth) growth;      /* with a baseline: what changed */
	VEC(const char *) new_blockers; /* unsupported now, not in the baseline */
	int has_baseline;
	long long max_growth;           /* bytes, or -1 */
	double max_growth_pct;          /* percent, or -1 */
	int growth_over;
	VEC(const char *) failures;     /* one line each, for stderr */
};
/* Parses "7MiB", "500 KiB", "100kB", "2GB", "123": 0 and *out, or -1. */
int parse_size(const char *s, long long *out);
/* Parses a --budget value "total=7MiB,gzip" or "jinja2=500KiB". 0 or -1. */
int parse_budget(struct arena *a, const char *spec, const char *from, struct budget *out);

struct bundle_report;
/* Compares the bundle with its limits and budgets, and with a baseline
 * report (a bundle.json of an earlier run, parsed; NULL for none). */
void bundle_gate_compute(struct bundle_gate *g, const struct bundle_report *r,
			 const struct budget *budgets, size_t n_budgets, const struct jnode *baseline,
			 long long max_growth, double max_growth_pct, struct arena *a);
void bundle_gate_release(struct bundle_gate *g);

struct bundle_report {
	const char *target;
	const char *entry_module, *entry_file;
	const char *app_dir;            /* the folder the app's module files are read
					   from (the shaker's file names are relative
					   to it); NULL: the working directory */
	const char *stdlib_source, *stdlib_version; /* NULL when the runtime has it */
	const struct shaker *shaker;
	const struct bundle *bundle;    /* what was written */
	const struct audit *audit;      /* the verdicts of the distributions */
	const char **variants;          /* pymode: the wasm variant files needed */
	size_t n_variants;
	const struct verify_result *verify;
	size_t n_verify;
	const struct size_limit *limits; /* the target's, after --limit */
	size_t n_limits;
	const struct bundle_gate *gate;  /* NULL until computed */
	const struct bundle_memory *memory; /* NULL: not estimated */
	const char **variant_paths;      /* --variants: each python-*.wasm inspected, and each
					    wheel member as WHEEL/MEMBER */
	const struct wasm_variant_info *variant_info;
	size_t n_variant_info;
	const char **variant_notes;      /* --variants: a wheel with no wasm members, ... */
	size_t n_variant_notes;
	const char *profile_python;      /* the runtime profile chosen ("3.14"), its runtime
					    ("Pyodide 314.0.6"), why, and a caveat; NULL: none */
	const char *profile_runtime, *profile_why, *profile_note;
	const char *app_name;            /* the wrangler config's name, pyproject's [project]
					    name, or the project folder's; NULL: unknown */
};
/* What takes a limit's overhead: "PyMode runtime", "Pyodide 314.0.6 runtime" */
const char *report_runtime_name(const struct bundle_report *r);
/* "4.34 MiB used = 1.34 MiB upload + 3.00 MiB PyMode runtime", or "3.54 MiB
 * used" for a limit the runtime takes nothing of */
void report_limit_used(struct strbuf *out, const struct bundle_report *r, const struct limit_result *lr);
/* The imports the bundle keeps that will fail when their module loads
 * (eager, unguarded, resolving nowhere): the shaker's hard drops. */
size_t report_bundle_warnings(const struct bundle_report *r);
/* The gate's headline, shared by md and html: what decides it, the words
 * to set in bold and the rest of the sentence (plain text, no markup). */
enum gate_state { GATE_FAILED, GATE_VERIFY_FAILED, GATE_WARNINGS, GATE_PASSED };
struct gate_headline {
	enum gate_state state;
	size_t warnings, verify_failed;
};
void report_gate_headline(const struct bundle_report *r, struct gate_headline *h);
/* appends the bold words, or the rest, of h's sentence */
void report_gate_bold(struct strbuf *out, const struct gate_headline *h);
void report_gate_rest(struct strbuf *out, const struct gate_headline *h);
/* An app file's name (relative to r->app_dir, as the shaker has it) as
 * the user finds it from the working directory: an arena string or file. */
const char *report_app_file(struct arena *a, const struct bundle_report *r, const char *file);
/* The file of a drop's import as the user finds it: an app file under the
 * app folder, a distribution's member as it is; "?" when unknown. */
struct shake_drop;
const char *report_drop_file(const struct bundle_report *r, const struct shake_drop *d);
/* "~26.53 MiB of 128.00 MiB (runtime 20.00 MiB + app 6.53 MiB, ...)": the
 * memory estimate in one line; r->memory must be set. */
void report_memory_summary(struct strbuf *out, const struct bundle_report *r);
/* The i-th note on what the memory estimate leaves out, into sb; 0 past the last. */
int report_memory_note(const struct bundle_report *r, size_t i, struct strbuf *sb);
/* The estimate's measured error band, appended to sb: "-22%/+20% on 37
 * held-out apps" (the profile's leave-one-out band), or, for a profile never
 * measured, that it has none and whose constants it uses. */
void report_memory_band(const struct bundle_memory *m, struct strbuf *sb);
/* The --variants table and its notes as Markdown (bundle.c). */
void report_bundle_variants_md(struct strbuf *out, const struct bundle_report *r);
void report_bundle_text(struct strbuf *out, const struct bundle_report *r, const struct report_options *o);
void report_bundle_json(struct strbuf *out, const struct bundle_report *r);
/* Markdown for a pull-request comment. */
void report_bundle_md(struct strbuf *out, const struct bundle_report *r);
/* One self-contained HTML page: a treemap by package and file, switchable
 * raw/gzip/brotli, the limits and the gate (html.c). */
void report_bundle_html(struct strbuf *out, const struct bundle_report *r);
/* SARIF 2.1.0: the audit's results, and the bundle's own: eager imports
 * that resolve nowhere and the gate's failures (ci.c). */
void report_bundle_sarif(struct strbuf *out, const struct bundle_report *r);
/* JUnit: a testcase per package, limit, budget, and the baseline gate. */
void report_bundle_junit(struct strbuf *out, const struct bundle_report *r);
/* `--why MODULE`: the chain of file:line edges that keeps it, or why it is
 * not kept. Returns 1 when the module is kept, 0 otherwise. */
int report_bundle_why(struct strbuf *out, const struct shaker *s, const char *module, int json);

/* ---- the supported-packages table (table.c, table_render.c, table_read.c) ----
 * One row per distribution (name, version), one cell per target, built from
 * audits. A cell keeps the audit's own_verdict (the distribution's own,
 * which needs no other row, so shards and cached rows merge exactly) and
 * what the roll-up over dependencies needs (its depends and loads, the
 * row's provides); the verdict over dependencies is set on the whole table
 * by verdict_roll_up (polyfill-db), never here.
 * Everything lives in the table's arena; rows are valid until table_release. */
#define TABLE_SCHEMA "pymode-table/2"
#define TABLE_MAX_TARGETS 8

struct table_cell {
	int present;
	enum verdict verdict;     /* over its dependencies (the audit's verdict);
				     own_verdict until the table is rolled up */
	enum verdict own_verdict; /* by its own files and imports */
	const char *through;      /* the dependency that makes verdict worse than
				     own_verdict; NULL when none */
	const char **depends;     /* requirements that apply on the target */
	size_t n_depends;
	const char **loads;       /* third-party modules its eager imports load */
	size_t n_loads;
	const char *how;   /* "pure Python", "compiled to WASM variant (python-numpy.wasm)" */
	const char *notes; /* the remedy that matters; NULL when none */
	const char *check; /* --check: "passed" or "failed: <first error line>"; NULL not run */
	int fallback;      /* a native part is skipped for a pure-Python path */
};
struct table_row {
	const char *name, *normalized, *version;
	const char *type;     /* "pure Python", "C extension", "Rust/PyO3", ... */
	const char *original; /* the native part: "C (xxhash._xxhash)"; NULL when pure */
	long long size_gzip;  /* gzip -9 of what a bundle carries; -1 unknown */
	const char **provides; /* the names other rows' imports find it by
				  (audit_provides) */
	size_t n_provides;
	struct table_cell cells[TABLE_MAX_TARGETS];
};
struct table_polyfill {
	const char *target, *package, *original, *polyfill;
};
struct table {
	struct arena arena;
	const char *targets[TABLE_MAX_TARGETS];
	size_t n_targets;
	VEC(struct table_row) rows;
	VEC(struct table_polyfill) polyfills;
};
void table_init(struct table *t);
void table_release(struct table *t);
/* index of target name in t->targets, adding it when absent; -1 when full */
int table_target(struct table *t, const char *name);
/* The row for (normalized, version), added when absent. Valid until the next call. */
struct table_row *table_row(struct table *t, const char *name, const char *normalized,
			    const char *version);
/* What the scanner found, as the seed's words: "pure Python", "C extension",
 * "Cython", "Rust/PyO3", "cffi", "C++ (pybind11/nanobind)", "bytecode only";
 * sets row->type and row->original. */
void table_set_type(struct table *t, struct table_row *row, const struct distribution *d);
/* Fills row's cell for target ti from one audit's report of the distribution
 * and the target's rule for it (pr may be NULL). vcmp: the target's own
 * build's version against the scanned one (-1 older, 0 same, 1 newer, 2 no
 * version to compare); requested: the version came from a requirements file. */
void table_set_cell(struct table *t, struct table_row *row, size_t ti, const struct package_report *p,
		    const struct package_rule *pr, int vcmp, int requested);
/* row->provides: a copy of names[0..n) */
void table_set_provides(struct table *t, struct table_row *row, const char *const *names, size_t n);
void table_add_polyfill(struct table *t, const char *target, const char *package,
			const char *original, const char *polyfill);
/* Sorts rows by normalized name then version, polyfills by target and
 * package, and drops duplicate polyfills: the order every format uses. */
void table_sort(struct table *t);
/* Merges src's rows, cells and polyfills into dst (targets by name). */
void table_merge(struct table *dst, const struct table *src);

void table_md(struct strbuf *out, const struct table *t);
void table_json(struct strbuf *out, const struct table *t);
void table_csv(struct strbuf *out, const struct table *t);
void table_html(struct strbuf *out, const struct table *t);
/* Reads a document table_json wrote into t (appending). PM_INPUT with
 * "file: what" when it is no pymode-table/2 document. */
int table_read_json(struct table *t, const char *file, const char *text, size_t n, struct perr *err);
/* One cell alone as JSON and back, for the result cache. */
void table_cell_json(struct json *j, const struct table_cell *c);
int table_cell_read(struct table *t, const struct jnode *obj, struct table_cell *c);

#endif
