/* analysis.h: verdicts. Combines what the scanner found in a distribution
 * with a target's rules into findings (each with its remedy and why-chain)
 * and one verdict per package. It reads no files and prints nothing;
 * reports/ renders what it returns.
 *
 * Ownership: struct audit owns everything it returns, in its arena; a
 * package_report stays valid until audit_release. Findings are copied out
 * of the distribution, so the scanner may free it after audit_add.
 */
#ifndef PYMODE_ANALYSIS_H
#define PYMODE_ANALYSIS_H

#include "rules.h"

/* worst wins; the order is the enum's */
enum verdict { V_COMPATIBLE = 0, V_FALLBACK, V_POLYFILL, V_VARIANT, V_UNSUPPORTED };
const char *verdict_name(enum verdict v);
/* 0 and *out set, or -1 for an unknown name */
int verdict_parse(const char *s, enum verdict *out);

enum finding_kind {
	F_NATIVE_EXTENSION,  /* an importable native module */
	F_NATIVE_LIBRARY,    /* native code that is not a module (bundled .so) */
	F_UNAVAILABLE_MODULE,/* stdlib module the target lacks */
	F_POLYFILLED_MODULE, /* stdlib module the target only polyfills */
	F_MISSING_MODULE,    /* imported, provided by no scanned distribution */
	F_SDIST_BUILD,       /* an sdist that needs a native build */
	F_METADATA,          /* metadata problem */
	F_SOURCE,            /* source CPython 3.13 cannot compile (Python 2, junk) */
	F_BYTECODE_ONLY,     /* .pyc without source */
	F_PACKAGE_RULE,      /* what the rules say of the package itself */
	F_LIMITED_MODULE     /* stdlib module that imports, but some calls fail */
};
const char *finding_kind_name(enum finding_kind k);

enum remedy_kind { RK_NONE = 0, RK_POLYFILL, RK_VARIANT, RK_FALLBACK, RK_ALTERNATIVE, RK_NOTE };
const char *remedy_kind_name(enum remedy_kind k);

struct why_step {      /* one import edge on the way to the finding */
	const char *file;
	int line;
	const char *from;  /* importing module */
	const char *to;    /* imported name */
	unsigned kinds;    /* enum edge_kind bits */
};
struct location {
	const char *file;
	int line;
	unsigned kinds;
};
struct finding {
	enum finding_kind kind;
	enum verdict severity;  /* what it makes the package at least */
	const char *module;     /* the module concerned; NULL for whole-package ones */
	const char *message;
	struct location *locs;  /* every place it shows, first is the main one */
	size_t n_locs;
	enum remedy_kind remedy_kind;
	const char *remedy;
	const char *rule_id;    /* NULL when analysis alone decided */
	struct why_step *why;
	size_t n_why;
	const char *detail;     /* native: "elf x86_64, cython"; else NULL */
	/* how the package reaches it, lower leads a group: 0 loaded with the
	 * package, 1 inside a function, 2 guarded, 3 not by its top level */
	int rank;
	/* a grouped finding (audit_finish: one per kind, severity and remedy):
	 * every finding it stands for, the leader first, each whole; message
	 * then counts them and names the first. NULL and 0 for a single one */
	struct finding *members;
	size_t n_members;
};
struct package_report {
	const char *name, *normalized, *version;
	enum dist_kind kind;
	const char *input, *filename;
	/* verdict: the worst of own_verdict and its dependencies' verdicts;
	 * own_verdict: from its own files and imports alone; through: the
	 * dependency (normalized name) that makes verdict worse than
	 * own_verdict, else NULL */
	enum verdict verdict, own_verdict;
	const char *through;
	VEC(struct finding) findings;
	size_t n_modules, n_native, n_edges;
	long long n_files, n_bytes;
	const char **requires_dist;
	size_t n_requires;
	/* normalized names of the requirements that apply on the target (markers
	 * true without extras, or not evaluable) */
	const char **depends;
	size_t n_depends;
	/* of those, the ones no scanned distribution is (set by audit_finish) */
	const char **not_audited;
	size_t n_not_audited;
	/* when it came from a requirements file: the requirement chain that
	 * pulled it in ("-r requirements.txt", "requests", "urllib3"), the file
	 * the resolver chose, and whether that file installs on the target */
	const char **chain;
	size_t n_chain;
	const char *required_at; /* "requirements.txt:3": the line of the top-level
				    requirement the chain starts from; NULL when not
				    from a requirements file (set by cli/) */
	const char *resolved_file;
	int resolved, installable;
	int editable;           /* -e: scanned from its directory, not bundleable */
	/* imports of names outside the package and the stdlib, checked
	 * against every scanned package by audit_finish */
	VEC(struct finding) external;
};

struct audit {
	struct arena arena;
	struct rules *rules;        /* borrowed */
	struct target_info target;
	VEC(struct package_report) packages;
	struct strmap provided;     /* every name (audit_provides) a package
				     * provides -> the normalized name of the
				     * first that does */
	/* how the inputs were resolved, for the report to say (set by cli/):
	 * --no-deps (dependencies not followed); a conflict's explanation and
	 * the requirements left out so the rest resolve (borrowed strings) */
	int deps_not_followed;
	const char *conflict;
	const char *const *unresolved;
	size_t n_unresolved;
};
/* target: a name rules_target knows. PM_USAGE for an unknown one. */
int audit_init(struct audit *a, struct rules *r, const char *target, struct perr *err);
/* Returns the new report (valid until the next audit_add). */
struct package_report *audit_add(struct audit *a, const struct distribution *d);
/* Copies a resolver's chain into the report; installable 0 and editable 1
 * add a note each. url (may be NULL): where the file came from (the index's
 * download URL, or the find-links path), which becomes the report's input
 * in place of the download cache's path. */
/* The requirements an app declares (its pyproject.toml's dependencies, its
 * requirements file: normalized names), added to every app's depends, so
 * its verdict rolls up through them as a package's does through its
 * Requires-Dist. Before audit_finish. */
void audit_app_depends(struct audit *a, const char *const *keys, size_t n);
void audit_set_origin(struct audit *a, struct package_report *p, const char *const *chain,
		      size_t n_chain, const char *file, const char *url, int installable,
		      int editable);
/* Cross-package checks: missing modules, requirements not audited, each
 * package's verdict rolled up over its dependencies (requirements and the
 * distributions its eager imports load); then sorts worst first. */
void audit_finish(struct audit *a);
void audit_release(struct audit *a);

/* ---- the verdict over dependencies (depends.c): one code path for the
 * audit and for anything that holds packages' own verdicts apart (the
 * table, whose rows come from caches and shards) ---- */
struct rollup_package {
	const char *normalized;
	enum verdict own_verdict;
	const char *const *depends; /* normalized names (package_report.depends) */
	size_t n_depends;
	const char *const *loads;   /* modules its eager, unguarded imports of
				       third-party names load (package_report's
				       external findings' modules) */
	size_t n_loads;
	enum verdict verdict;       /* out: the worst over it and its dependencies */
	const char *through;        /* out: the dependency that carries it, a
				       normalized name borrowed from v; or NULL */
};
/* Rolls verdicts up over v[0..n): a dependency is the first package of its
 * normalized name, and the owner of a loaded module is the package
 * provided maps it to (audit_owner). */
void verdict_roll_up(struct rollup_package *v, size_t n, const struct strmap *provided);
/* The names other packages' imports find d by: each top-level name of its
 * modules and, under a namespace top (no module of that name in d), each
 * two-part name ("google.protobuf"). *out and the names in a; the count. */
size_t audit_provides(const struct distribution *d, struct arena *a, const char ***out);
/* The package (its value in provided: name -> normalized name) that
 * provides module: the one of its longest dotted prefix provided holds
 * (module itself first); NULL when none does. */
const char *audit_owner(const struct strmap *provided, const char *module);
/* counts[v] = packages with verdict v */
void audit_counts(const struct audit *a, size_t counts[5]);
enum verdict audit_worst(const struct audit *a);

#endif
