/* shaker.h: the stdlib-tree-shaker stage's one public header. The module
 * graph over the app, its site-packages and the CPython stdlib, and what is
 * reachable from the entry and the target's runtime roots, with the reason
 * each module is kept and each candidate dropped. It reads the scanner's
 * module graph (distributions and import edges; stdlib files are lexed on
 * demand by the scanner's own lexer) and the rules' module statuses; it
 * knows nothing of zips it writes (bundler/ does that) and prints nothing.
 *
 * Ownership: struct shaker owns everything in its arena; shaker_release
 * frees it. The stdlib source and the rules are borrowed and must outlive
 * the shaker. Distributions are copied in by shaker_add_dist, so the
 * scanner may free them right after.
 */
#ifndef PYMODE_SHAKER_H
#define PYMODE_SHAKER_H

#include "../common/common.h"
#include "../polyfill-db/rules.h"
#include "../scanner/scanner.h"
#include "waits.h"

/* where a module comes from */
enum shake_origin {
	SO_APP,      /* the app's own tree */
	SO_SITE,     /* a third-party distribution */
	SO_STDLIB,   /* a CPython stdlib source file: shipped when kept */
	SO_RUNTIME   /* the target has it: builtin C module, frozen, polyfill,
			the runtime's own package, or (cf-python-workers) the
			whole stdlib; never shipped */
};
const char *shake_origin_name(enum shake_origin o);

/* why a module is in the graph at all */
enum shake_reason {
	SR_NONE = 0,
	SR_ENTRY,     /* the entry module */
	SR_ROOT,      /* the target imports it at boot */
	SR_APP,       /* one of the app's own modules */
	SR_DIST,      /* a module of a distribution that is shipped whole */
	SR_IMPORT,    /* an import edge from a kept module */
	SR_IMPLICIT,  /* the interpreter imports it (rules/stdlib/implicit.yaml) */
	SR_CODEC,     /* a codec name literal reaches it */
	SR_INCLUDE,   /* --include */
	SR_COMPUTED,  /* a kept module loads it by a computed name (struct shake_computed) */
	SR_STANDIN    /* verification only: what CPython's own copy of a
			 runtime polyfill needs (never shipped) */
};
const char *shake_reason_name(enum shake_reason r);

struct shake_module {
	const char *name;
	enum shake_origin origin;
	const char *provided_as; /* SO_RUNTIME: "builtin", "frozen", "polyfill",
				    "runtime package", "runtime stdlib" */
	const char *file;        /* path inside its source (stdlib: "json/decoder.py";
				    app and site: the member path); NULL when none */
	int dist;                /* index into shaker.dists, -1 when none */
	int is_package;
	long long size;          /* bytes of the file; 0 when none */
	long long tokens;        /* its tokens (the scanner's lexer); 0 when not lexed */
	long long operands, strings; /* of them names, numbers and strings; strings */
	long long seq_consts; /* the most constants of tuple and list displays in
				 one code unit (import_scan.file_seq_consts) */
	long long comps; /* the most comprehensions in one code unit
			    (import_scan.file_comps) */
	int reached;             /* reachable from the roots */
	int eager;               /* reached, and loaded for sure by importing the
				    entry and calling its handler: through imports
				    that run at import time (module and class
				    bodies; in the app, function bodies too),
				    codec names at module level, the interpreter's
				    own implicit imports; not what library
				    functions import when called (shaker_run) */
	int load_order;          /* eager and compiled from source by the app:
				    its place (1, 2, ...) in the order importing
				    the entry and one handler call compile the
				    modules (eager.c: depth first, each module's
				    imports in source order, the handler's after);
				    0: not loaded, or loaded before the app (a
				    root, the runtime's boot set) */
	int kept;                /* reached and shipped (SO_APP/SO_SITE/SO_STDLIB) */
	int standin;             /* needed only by a runtime polyfill's stand-in */
	int loads_source;        /* SO_RUNTIME: the runtime imports it from Python
				    source when the app does (cf-python-workers'
				    stdlib read from a stdlib source, a Pyodide
				    build's modules from the wheel given): never
				    shipped, counted by the memory estimate */
	enum shake_reason reason;
	int via;                 /* index into shaker.steps of the edge that first
				    reached it; -1 for roots */
	/* internal: its edges, codec uses; who imports it (mention keys:
	 * module names, "@N" for distribution N); whether it is handed on
	 * under another name (import x as y, from pkg import x), or called
	 * by the interpreter itself (roots, implicit imports, --include), so
	 * any code may call its functions */
	size_t edge_first, edge_count, codec_first, codec_count, ep_first, ep_count;
	int scanned;
	const char **names, **name_funcs; /* app and site modules: what they mention */
	size_t n_names;
	/* every scanned module: what its code mentions, with the functions
	 * around each mention (import_edge.funcs), kept for the call
	 * following of the eager set (eager.c) */
	const char **said, **said_funcs;
	size_t n_said;
	struct shake_importer *importers;
	size_t n_importers, alloc_importers;
	int open_scope;
};

/* a module that imports another: its mention key ("json", "@3" for
 * distribution 3), the name it binds the module to ("decoder", an alias),
 * or star for `from M import *`; or, with name set, a `from M import name
 * as bind`: M's name is used wherever the importer's bind is */
struct shake_importer {
	const char *key;
	const char *bind;
	const char *name;
	int star;
};

/* one step of a why-chain: module `from` reaches `to` at file:line */
struct shake_step {
	int from;          /* module index, -1 for a root */
	int to;            /* module index */
	const char *file;
	int line;
	unsigned kinds;    /* enum edge_kind bits; 0 for implicit/codec/include */
	enum shake_reason how;
	const char *detail; /* implicit: the rule id; codec: the codec name */
};

/* a candidate that is not kept, and why */
struct shake_drop {
	const char *name;
	const char *why;      /* "unavailable on pymode: ...", "typing only", ... */
	const char *from;     /* importing module, or NULL */
	const char *file;
	int line;
	int hard;             /* 1: an eager, unguarded import that will fail */
};

/* a computed-name load (importlib.import_module(expr), __import__(expr),
 * pkgutil walks over __path__) in live code, and what it keeps */
struct shake_computed {
	int from;             /* the module that loads */
	const char *file;
	int line;
	const char *expr;     /* the expression as written */
	const char *root;     /* the package kept whole; NULL: unbounded */
	int whole;            /* 1: unbounded, its distribution ships whole */
	int n_kept;           /* modules it reached that nothing else had */
	const char *detail;   /* the --why text: "pygments.lexers loads its
				 submodules by computed name at F:L" */
};

struct shake_dist {
	const char *name, *normalized, *version;
	const char *input;    /* the path scan_input read it from */
	enum dist_kind kind;
	int reached;          /* some module of it is reached */
	const char *provided_as; /* the runtime has it ("Pyodide build"): never shipped */
	int wasm_build;       /* a Pyodide build vendored whole: its side modules ship */
	const char **names;   /* identifiers its code mentions */
	size_t n_names;
	struct entry_point *entry_points; /* its entry_points.txt */
	size_t n_entry_points;
	int first_module;     /* its modules: [first_module, first_module + n_modules) */
	int n_modules;
};

/* one entry of a table a gate's rows name (rules' import_gate.rows) */
struct shake_row {
	const char *table;    /* "pygments.lexers._mapping.LEXERS" */
	const char **strings; /* the entry's strings, its key first */
	size_t n;
};

struct shake_pending {
	int from;     /* module */
	size_t index; /* into shaker.edges or shaker.codecs */
	int wait;     /* its function's id in shaker.waits; 0 until tested */
};

struct shake_pending_name {
	int from;
	const char *funcs, *name;
	int wait;     /* as shake_pending's */
};

struct shake_options {
	const char *entry_module;     /* dotted name of the entry in the app */
	const char *const *include;   /* --include globs */
	size_t n_include;
	const char *const *exclude;   /* --exclude globs */
	size_t n_exclude;
	int stdlib_in_runtime;        /* the target's stdlib lives in the runtime */
	const char *entry_package;    /* the entry's folder as an app package ("src")
					 when the runtime also imports from that
					 folder: `import routes` finds src.routes */
	int force_exclude;            /* --force-exclude: --exclude may drop an
					 eagerly imported module */
	const char *cache_dir;        /* keep the stdlib files' scans by content
					 (scanner's scan_cache); NULL: none */
};

struct shaker {
	struct arena arena;
	struct rules *rules;          /* borrowed */
	struct target_info target;
	struct source *stdlib;        /* borrowed; NULL: no stdlib source */
	struct shake_options opt;
	VEC(struct shake_module) modules;
	VEC(struct shake_step) steps;
	VEC(struct shake_drop) drops;
	VEC(struct shake_dist) dists;
	VEC(struct shake_computed) computed; /* in the order they were followed */
	/* internal */
	struct strmap by_name;        /* module name -> index + 1 */
	struct strmap live;           /* identifiers mentioned by reached code */
	struct strmap mentions;       /* "KEY\tname": mentioned by module (or dist) KEY */
	struct strmap shadowed;       /* "MODULE\tname": MODULE's def name is rebound at
					 module level by a from-import of a builtin C
					 module (import_edge.shadows): its body never runs */
	struct strmap mention_tails;  /* the part after the last '.' of every
					 name in mentions (a quick "nobody
					 mentions it") */
	struct scan_cache *scans;     /* opt.cache_dir's pack for this stdlib */
	int scans_opened;
	struct strmap dropped;        /* names already dropped */
	struct strmap native;         /* native module name -> dist index + 1 */
	struct strmap boot;           /* stdlib_in_runtime with a source: the
					 runtime's boot set (memory.boot) */
	VEC(struct import_edge) edges;
	VEC(struct codec_use) codecs;
	VEC(struct entry_use) entry_uses;
	VEC(int) queue;
	VEC(struct shake_pending) pending;        /* edges waiting for a function to be live */
	VEC(struct shake_pending) pending_codecs; /* codec uses likewise */
	VEC(struct shake_pending) pending_entries; /* entry-point uses likewise */
	VEC(struct implicit_import) pending_implicit;
	VEC(struct shake_pending_name) pending_names; /* mentions inside functions not yet live */
	VEC(struct shake_pending) pending_gated;  /* edges whose gate (rules' gated) is shut */
	struct waits waits;           /* what the pending functions wait on */
	struct strmap gates;          /* "module\timports" -> its gate (shaker.c's struct gate) */
	struct strmap flags;          /* "module\tNAME" -> a version flag's value on
					 the target + 2 (scanner's struct flag_def) */
	struct strmap moved;          /* "module\tNAME" -> its struct moved_name:
					 module (six, a vendored six) defines
					 module.moves.NAME lazily (MovedModule) */
	struct strmap row_tables;     /* "module\tTABLE" a gate's rows name -> 1 */
	struct strmap arg_uses;       /* a gate name given as the first argument
					 of a call by app or site code -> its
					 calls (shaker.c's struct arg_use) */
	struct strmap takes;          /* every gate's `takes` functions */
	VEC(struct shake_row) rows;   /* the entries of those tables */
	struct strmap name_code_tops; /* gate name -> the top-level package of the app
					 or site code that mentions it ("*": several) */
	struct strmap gate_names;     /* every gate's `when` names, and the strings
					 of its rows' entries */
	struct strmap name_tops;      /* gate name -> the top-level package of the
					 first module mentioning it, or "*" once
					 a second one does */
	struct strmap ns_parents;     /* folders above app and site modules with no
					 __init__.py: namespace packages -> dist + 1 */
	int standin_pass;
	long long stdlib_scanned_bytes;
	const char *app_error;        /* the first app file that does not parse:
					 "DIR/FILE:LINE:COL: why" (shaker_run fails) */
	const char *exclude_error;    /* the first eager import --exclude breaks */
};

/* target: a name rules_target knows; stdlib may be NULL (no stdlib source:
 * stdlib modules are then runtime ones, and not followed). With
 * opt->stdlib_in_runtime (cf-python-workers) a stdlib source is read but
 * never shipped: its Python modules are runtime ones with loads_source. */
int shaker_init(struct shaker *s, struct rules *r, const char *target, struct source *stdlib,
		const struct shake_options *opt, struct perr *err);
/* Copies a scanned distribution (scanned with want_names) into the graph:
 * an app tree (DIST_APP) or a third-party one. */
void shaker_add_dist(struct shaker *s, const struct distribution *d);
/* A wasm build of a distribution (a Pyodide wheel) the bundle vendors: its
 * native modules (emscripten side modules) are importable and ship. */
void shaker_add_wasm_build(struct shaker *s, const struct distribution *d);
/* Computes reachability. Returns 0, or PM_INPUT with err set when the
 * entry module is not in the app, an app file does not parse, --exclude
 * drops a module imported eagerly (without force_exclude), or a stdlib file
 * cannot be read. */
int shaker_run(struct shaker *s, struct perr *err);
/* Index of a module by name, or -1. */
int shaker_find(const struct shaker *s, const char *name);
/* The why-chain of module index m, root first; *n gets its length.
 * Borrowed steps in a malloc'd array the caller frees. */
const struct shake_step **shaker_why(const struct shaker *s, int m, size_t *n);
/* The drop record for name, or NULL. */
const struct shake_drop *shaker_drop_for(const struct shaker *s, const char *name);
/* Which CPython the stdlib source is: "3.13", "3.12 or earlier", "3.14 or
 * later", or NULL when it is no stdlib at all (no os.py, no encodings). */
const char *shaker_stdlib_version(struct source *stdlib);
/* 1 when glob (fnmatch, '*' matches dots too) matches module name. */
int shaker_glob(const char *glob, const char *name);
void shaker_release(struct shaker *s);

#endif
