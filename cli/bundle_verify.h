/* bundle_verify.h: `pymode-bundle --verify`: boots a written bundle in
 * native CPython 3.13, in Pyodide and (wasi, pymode) in CPython 3.13 for
 * wasm32-wasi (bundler/verify/'s scripts) and reads
 * back what they report. cli/ only: it runs programs. */
#ifndef PYMODE_BUNDLE_VERIFY_H
#define PYMODE_BUNDLE_VERIFY_H

#include "../reports/report.h"

/* The request a verify sends to the app's handler, and what it runs with. */
struct verify_request {
	int handler;                  /* call the handler the runtime calls */
	const char *request;          /* "GET /path?q" (default "GET /") */
	const char *const *headers;   /* "Name: value" */
	size_t n_headers;
	const char *body;
	const struct wrangler_config *wr; /* vars and KV bindings for env; may be NULL */
	const char *app_dir;          /* the app's folder in OUTDIR ("app", "src") */
	const char *class_only;       /* the runtime calls only class Default's fetch
					 (this compatibility flag is on); NULL: any handler */
	const char *entry_dir;        /* OUTDIR/app/<entry_dir> is on sys.path too
					 (the runtime imports from the entry's
					 folder as well); NULL: none */
	const char *pyodide_npm;      /* the Pyodide to boot it in: the npm package
					 of the target's profile ("pyodide-027");
					 NULL: "pyodide" */
	const char *workerd_skip;     /* why workerd cannot serve it (the profile's
					 select.workerd_skip); NULL: it can */
};
/* Fills out[0..2) (native, Pyodide: rq->pyodide_npm's, named with its
 * version, "Pyodide 0.27.7"), then, for targets wasi and pymode,
 * the wasm32-wasi CPython of tools/build-wasi-python, and for a Worker
 * project (cf-python-workers) workerd; returns how many; strings in a.
 * The runtimes run at the same time, one process each. */
#define BUNDLE_VERIFY_MAX 3
size_t bundle_verify(const struct shaker *s, const char *outdir, const char *target,
		     const char *entry, const char *call, int runtime_stdlib,
		     const struct verify_request *rq, struct verify_result out[BUNDLE_VERIFY_MAX],
		     struct arena *a);
/* An import check: entry imported with only paths (dirs or zips) importable. */
struct verify_import_job {
	const char *const *paths;
	size_t n_paths;
	const char *entry;
};
/* Runs the n checks in native CPython 3.13 (pyodide_runtime 0) or in
 * Pyodide under node (1: the npm package pyodide_npm, NULL "pyodide"),
 * the runtime started once for them all, into out[0..n); out[i].runtime
 * names it ("Pyodide 0.27.7"), out[i].skipped says why one could not run.
 * Strings in a. */
void verify_imports(int pyodide_runtime, const char *pyodide_npm, const struct verify_import_job *jobs,
		    size_t n, struct verify_result *out, struct arena *a);
/* A python3.13 to run: on PATH (not a pyenv shim) or under pyenv; malloc'd or NULL. */
char *verify_find_python(void);

#endif
