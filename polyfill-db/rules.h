/* rules.h: the polyfill-db stage's one public header. Loads the rule
 * database (the YAML files under rules/ compiled to SQLite, or the default compiled into the
 * binary) and answers what the rest of the tool asks of a target: a module's
 * status, a package's remedies, the target's markers, tags, limits and roots.
 * It does not scan packages or decide verdicts (polyfill-db/verdict.c does that, behind analysis.h).
 *
 * Ownership: struct rules is opened by rules_open* and freed with
 * rules_close. Every string or array a query returns is borrowed from the
 * struct rules and valid until rules_close.
 */
#ifndef PYMODE_RULES_H
#define PYMODE_RULES_H

#include "../common/common.h"
#include "../scanner/scanner.h" /* struct cond_env */

struct rules;

/* Opens the default database compiled into the binary, then applies each
 * overlay directory in order (later wins; see docs/rules.md). overlays may
 * be NULL. A db_path (a file written by `rules compile`) replaces the default
 * when not NULL. Returns 0 or PM_INPUT with err naming file:line:col. */
int rules_open(struct rules **out, const char *db_path, const char *const *overlays,
	       size_t n_overlays, struct perr *err);
void rules_close(struct rules *r);

/* ---- targets ---- */
struct target_limits {
	long long bundle_gzip;     /* compressed bundle limit, bytes; 0 unknown */
	long long overhead_gzip;   /* runtime's own share of it, bytes */
	long long bundle_raw;      /* optional uncompressed limit; 0 none */
	long long memory;          /* bytes */
	long long cpu_ms;          /* per request */
};
/* one size limit of a target, with where it comes from (limits go stale:
 * each carries its source and date) */
struct size_limit {
	const char *name;     /* "worker-gzip" */
	const char *measure;  /* "gzip", "brotli", "raw" (the bytes uploaded), "file" (the largest one) */
	long long bytes;
	long long overhead;   /* what the runtime itself already takes of it */
	const char *source, *date;
};

struct target_info {
	const char *name;          /* "pymode" */
	const char *description;
	const char *python_version;/* "3.13" */
	struct cond_env env;       /* for scanner conditions */
	const char **marker_keys;  /* PEP 508 environment: parallel arrays */
	const char **marker_values;
	size_t n_markers;
	const char **tags;         /* accepted wheel tags, most preferred first */
	size_t n_tags;
	const char **roots;        /* modules loaded at boot */
	size_t n_roots;
	const char **provides;     /* the runtime's own packages (pymode, js):
				      importable there, never shipped */
	const char **provides_source; /* parallel: where that fact comes from, or NULL */
	size_t n_provides;
	int app_path_project;      /* the runtime imports app modules from the
				      project root (the folder of its config) */
	int app_path_entry;        /* ... and from the entry's folder (the default
				      when the target names neither) */
	int stdlib_in_runtime;     /* the runtime brings the whole stdlib (Pyodide):
				      a bundle ships none (rules: stdlib: runtime) */
	const char *family;        /* the runtime whose profile this is, or NULL */
	const char *pyodide_npm;   /* the npm package of its Pyodide (select.pyodide_npm:
				      "pyodide-027"), or NULL */
	const char *workerd_skip;  /* why workerd's development Pyodide slot cannot
				      serve its bundles (select.workerd_skip), or NULL */
	struct target_limits limits;
	const struct size_limit *size_limits; /* in the order the target file gives them */
	size_t n_size_limits;
	int zip_stored;            /* zip_members: stored (the runtime's zipimport has
				      no zlib, or inflating costs more than it saves) */
};
/* Fills out for target name; PM_USAGE with "unknown target 'x' (known: ...)"
 * if there is none. */
int rules_target(struct rules *r, const char *name, struct target_info *out, struct perr *err);
/* Names of all targets, default first; borrowed. */
size_t rules_target_names(struct rules *r, const char ***names);

/* A runtime whose version the project's config picks: the targets of one
 * family (cf-python-workers, cf-python-workers-3.12, -3.14), each with how the
 * runtime selects it (rules: family, select). */
struct target_pick {
	const char *target;      /* the profile's target name */
	const char *python;      /* "3.14" */
	const char *runtime;     /* "Pyodide 314.0.6" */
	const char *from;        /* the compatibility date from which it is the default;
				    NULL for the base profile (select: base) */
	const char *config_date; /* a compatibility_date that picks it (for a wrangler
				    config written for the entry): from, or for the
				    base the day before every later date it knows */
	const char *pyodide_npm; /* the npm package of its Pyodide ("pyodide-314"),
				    or NULL */
	const char *index;       /* where its package builds come from
				    ("https://index.pyodide.org/314.0.2"), or NULL */
	const char *why;         /* "compatibility_date 2026-11-01 is on or after 2026-09-08" */
	const char *note;        /* a caveat to print, or NULL */
	int sdk_vendored;        /* the runtime imports sdk_module from the
				    project's python_modules (enable_python_external_sdk) */
	const char *sdk_module, *sdk_distribution, *sdk_off_flag;
	int class_only;          /* the runtime calls only class Default(WorkerEntrypoint):
				    no global on_fetch (python_no_global_handlers) */
	const char *class_only_flag;
};
/* The profile of family for a project's compatibility date and flags
 * (date may be NULL), or the one with Python python ("3.14") when that is
 * given. 1 picked (out filled), 0 family has no profiles (out->target =
 * family), or PM_USAGE with err set (no profile for that Python). */
int rules_pick_profile(struct rules *r, const char *family, const char *date, const char *const *flags,
		       size_t n_flags, const char *python, struct target_pick *out, struct perr *err);

/* ---- modules ---- */
enum module_status {
	MS_THIRD_PARTY = 0, /* not a CPython stdlib module at all */
	MS_AVAILABLE,       /* stdlib, pure Python or present on the target */
	MS_BUILTIN,         /* stdlib C module compiled into the runtime */
	MS_POLYFILLED,      /* provided by the runtime as a polyfill (see fidelity) */
	MS_UNAVAILABLE,     /* stdlib, but the target lacks it: importing fails */
	MS_LIMITED,         /* CPython's own module imports, but some calls fail
			     * (subprocess spawning, Thread.start on wasi) */
	MS_PROVIDED         /* not stdlib: the target's runtime has it (its
			     * `provides`: workers, js, pymode.workers) */
};
const char *module_status_name(enum module_status s); /* "available", ... */

/* how much of a polyfilled module's API works (MS_POLYFILLED only) */
enum polyfill_fidelity {
	PF_PARTIAL = 0, /* part of the API raises or does nothing (socket without listening) */
	PF_FULL         /* works as documented for single-threaded code (logging, binascii) */
};
const char *polyfill_fidelity_name(enum polyfill_fidelity f); /* "partial", "full" */

struct module_rule {
	enum module_status status;
	enum polyfill_fidelity fidelity; /* meaningful for MS_POLYFILLED; else PF_PARTIAL */
	const char *module;  /* the rule's module: the query or a parent of it */
	const char *note;    /* reason it is missing, or what the polyfill does/does not */
	const char *remedy;  /* "use the D1 binding", "use pymode.tcp"; may be NULL */
	const char *rule_id; /* "rules/targets/pymode.yaml:42" */
	const char *runtime_of; /* MS_UNAVAILABLE for a module that is not stdlib
				 * but another target's runtime module: that
				 * target's name ("cf-python-workers") */
};
/* Status of a dotted module name on a target. A submodule inherits its
 * nearest ancestor's rule unless it has its own. Always fills out (status
 * MS_THIRD_PARTY when the top-level name is not stdlib, MS_PROVIDED when
 * the target's runtime provides it, MS_UNAVAILABLE with runtime_of set when
 * only another target's runtime does). Returns 0, or
 * PM_USAGE for an unknown target. */
int rules_module(struct rules *r, const char *target, const char *module, struct module_rule *out);
/* 1 when the top-level part of name is a CPython 3.13 stdlib module. */
int rules_is_stdlib(struct rules *r, const char *name);
/* The same for target's CPython: the shared list with the target's
 * stdlib_adds (modules its Python has that 3.13's lacks: cgi on 3.12) and
 * without its stdlib_drops (_pyrepl on 3.12). */
int rules_target_is_stdlib(struct rules *r, const char *target, const char *name);

/* ---- what the interpreter imports on its own (rules/stdlib/implicit.yaml) ---- */
/* 1 when module is frozen into every CPython 3.13 (never shipped). */
int rules_is_frozen(struct rules *r, const char *module);
struct implicit_import {
	const char *module;  /* the importer ("_pickle", "builtins") */
	const char *imports; /* what it imports */
	const char *when;    /* only when a reachable module mentions this
				name ("strptime"); NULL: always */
	const char *rule_id;
};
/* The implicit imports of module; *out borrowed. Returns the count. */
size_t rules_implicit(struct rules *r, const char *module, const struct implicit_import **out);
/* An import statement that runs only when a feature is used (rules/stdlib/
 * gated.yaml, rules/packages/gated.yaml): module's import of imports counts
 * once code outside module's top-level package mentions one of the names */
struct import_gate {
	const char *module;  /* the importer ("typing", "jinja2.environment") */
	const char *imports; /* what it imports ("inspect", "asyncio") */
	const char *when;    /* identifiers, space-separated ("runtime_checkable SupportsInt") */
	const char *why;     /* one line: when the import runs */
	const char *rule_id;
	const char *rows;    /* a computed load (imports: the package it is
				rooted in) that picks one entry of this table,
				"MODULE.TABLE" (a dict display), by a string of
				the entry: the modules of the entries something
				outside names are loaded even while the gate is
				shut; open, the whole package. NULL: none */
	const char *takes;   /* with rows: the functions that take an entry's
				name, space-separated ("get_lexer_by_name
				find_lexer_class"): a string given as the first
				argument to another gate's function names no
				entry of this table. NULL: none */
};
/* Every gated import; *out borrowed. Returns the count. */
size_t rules_gates(struct rules *r, const struct import_gate **out);
/* The encodings module a codec name reaches, as CPython's search function
 * normalizes it ("UTF-8" -> "encodings.utf_8", "idna" -> "encodings.idna");
 * NULL when the name is no codec the stdlib has. Borrowed. */
const char *rules_codec_module(struct rules *r, const char *codec);

/* ---- packages ---- */
enum package_rule_kind {
	PR_NONE = 0,     /* nothing known: analysis decides */
	PR_VARIANT,      /* a prebuilt wasm build exists on the target */
	PR_POLYFILL,     /* the package (or its native part) is replaced by a polyfill */
	PR_UNSUPPORTED   /* known not to work, with the reason */
};
struct package_rule {
	enum package_rule_kind kind;
	const char *package;       /* normalized name */
	const char *note;
	const char *variant_file;  /* "python-numpy.wasm" or the Pyodide file name */
	const char *variant_version;
	const char **variant_modules; /* modules the variant provides */
	size_t n_variant_modules;
	const char **alternatives; /* package names worth suggesting */
	size_t n_alternatives;
	const char *rule_id;
	/* native extension modules the package cannot work without, checked
	 * even when a distribution lacks them (cffi needs _cffi_backend) */
	const char **native_modules;
	size_t n_native_modules;
};
/* Rule for a normalized package name on a target; kind PR_NONE when none. */
int rules_package(struct rules *r, const char *target, const char *name, struct package_rule *out);

/* ---- the rule files themselves (for `pymode-pkg rules`) ---- */
/* Compiles rule directories into a database file at out_path, written to a
 * temporary file and renamed. with_default: start from the default compiled
 * into the binary (the dirs are then overlays); 0 starts empty. */
int rules_compile(const char *const *dirs, size_t n_dirs, int with_default,
		  const char *out_path, struct perr *err);
/* Checks rule directories (as overlays on the default when with_default)
 * without writing anything. Returns 0 or PM_INPUT with file:line:col. */
int rules_lint(const char *const *dirs, size_t n_dirs, int with_default, struct perr *err);
/* Turns a pyodide-lock.json into the text of a generated rules file for
 * target (normally "cf-python-workers"); cmdline is quoted in its header. */
int rules_import_pyodide_lock(const char *lock_path, const char *target, const char *cmdline,
			      struct strbuf *out, struct perr *err);
/* Every module name the database knows for target (the stdlib's top-level
 * names and each module a rule names), sorted; borrowed. */
size_t rules_module_names(struct rules *r, const char *target, const char ***names);
/* Every package rule on target, sorted by name; borrowed. */
size_t rules_packages(struct rules *r, const char *target, const struct package_rule **rules);

/* ---- a target's memory profile (memory: in rules/targets/NAME.yaml) ---- */
struct target_memory {
	long long base;            /* the runtime's memory before the app runs, bytes */
	const char **boot;         /* modules the runtime has loaded before the app */
	size_t n_boot;
};
/* Fills out (borrowed strings); 1 when the target has a memory profile,
 * 0 when it has none (out zeroed). */
int rules_target_memory(struct rules *r, const char *target, struct target_memory *out);

#endif
