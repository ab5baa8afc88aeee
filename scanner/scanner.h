/* scanner.h: the scanner stage's one public header. Reading wheels, sdists,
 * wheelhouses, installed site-packages and app trees; metadata (METADATA,
 * PKG-INFO, WHEEL, RECORD, top_level.txt); the Python import lexer; native
 * binary sniffing (ELF, Mach-O, PE, wasm); sdist native-build detection.
 * It knows nothing of targets' rules or verdicts (polyfill-db/ does that).
 *
 * Ownership: every string and array a scanner function hands out lives in
 * the struct arena passed to it and is borrowed until that arena is released,
 * unless a comment says otherwise. VEC members are heap arrays owned by their
 * struct and freed by its *_release function.
 */
#ifndef PYMODE_SCANNER_H
#define PYMODE_SCANNER_H

#include "../common/common.h"

/* ------------------------------------------------------------------ */
/* Import edges and the lexer (pylex.c, imports.c, cond.c)             */

enum edge_kind {
	EDGE_EAGER = 1 << 0,       /* runs at import time (module or class body) */
	EDGE_LAZY = 1 << 1,        /* inside def / async def */
	EDGE_GUARDED = 1 << 2,     /* in a try whose handlers catch ImportError & co */
	EDGE_TYPING = 1 << 3,      /* under if TYPE_CHECKING: */
	EDGE_CONDITIONAL = 1 << 4, /* under if on sys.platform, os.name, ... */
	EDGE_DYNAMIC = 1 << 5,     /* importlib.import_module("x") / __import__("x") */
	EDGE_COMPUTED = 1 << 6     /* a module loaded by a computed name; only in
				      import_scan.computed, never in .edges */
};
/* Writes the kind names ("eager", "lazy", ...) in the order above, for output. */
const char *edge_kind_name(unsigned bit);

/* The target's values that conditions are evaluated against. */
struct cond_env {
	const char *sys_platform;        /* "wasi", "emscripten", "linux" */
	const char *os_name;             /* "posix" */
	const char *platform_system;     /* platform.system(): "WASI", "Emscripten", "Linux" */
	const char *implementation_name; /* sys.implementation.name: "cpython" */
	int py_major, py_minor, py_micro;/* sys.version_info */
};

struct import_edge {
	const char *file;       /* member path inside the archive or tree */
	int line;               /* line of the statement's first token (1-based) */
	const char *as_written; /* "os.path", "..a", "." (leading dots kept) */
	const char *name;       /* absolute dotted name; NULL when a relative
				   import climbs above the top-level package */
	const char **names;     /* from X import a, b: {"a","b"}; "*" for star;
				   NULL for plain `import X` and dynamic imports */
	size_t n_names;
	const char **binds;     /* from X import a as b, c: {"b","c"}, the names
				   the statement binds (parallel to names); NULL
				   when none of them has `as` */
	int level;              /* number of leading dots */
	unsigned kinds;         /* enum edge_kind bits; EAGER xor LAZY always set */
	const char *condition;  /* for CONDITIONAL: the test text, nested tests
				   joined by " and ", else-branches as "not (...)" */
	int cond_value;         /* on the target: 1 true, 0 false, -1 unknown */
	int def_depth;          /* functions around the statement (0: module or
				   class level) */
	const char *funcs;      /* the functions (and classes) around the statement,
				   outermost first, joined by '.': a function's
				   name is prefixed '@' when the def is decorated
				   (a decorator may call or register it), a
				   class's with '^' ("^Popen.@wait"); NULL at
				   module level */
	const char *alias;      /* `import a.b as c`: "c", the name the module is
				   bound to; NULL without `as` */
	const char *flag;       /* under `if [not] NAME:` or `if [not] MOD.NAME:`
				   (the innermost such if, its else negated)
				   on a name this file does not set: the test
				   as written ("six.PY2", "not PY2"), for the
				   shaker to look up where the name comes from
				   (struct flag_def); NULL elsewhere */
	const char *shadows;    /* a module-level from-import: the names it binds
				   (space separated) that rebind a function the
				   file defined at module level before it, with no
				   module-level use in between (warnings' Python
				   warn_explicit, then `from _warnings import
				   warn_explicit`); NULL when none */
	const char *fallback_for; /* in an `except ImportError:` handler: the
				   modules the try body imports (resolved, space
				   separated); the handler runs only when one of
				   them fails. NULL elsewhere */
	int on_error;           /* in an `except` handler that catches no
				   ImportError (`except ValueError:`): it runs
				   only when that error is raised */
	int branch;             /* in a function, under an `if`/`elif`/`else`
				   or `case` of it, or in a def nested in it:
				   calling the function need not run it (re's
				   _parse: `import warnings` only for a
				   deprecated pattern) */
};

/* A string literal used as a codec name: the argument of .encode(),
 * .decode(), codecs.lookup() and friends, or an encoding= keyword. The
 * scanner records the literal as written; which module it reaches is rules
 * data (the shaker asks). */
struct codec_use {
	const char *file;
	int line;
	const char *name;  /* "idna", "UTF-16", "unicode_escape" */
	const char *funcs; /* as import_edge.funcs */
};

/* A call listing entry points: the group as a literal, NULL when it is not
 * one (a parameter, or no group: every group) */
struct entry_use {
	const char *file;
	int line;
	const char *group;
	const char *funcs; /* as import_edge.funcs */
};

/* One entry of a module-level dict display (`TABLE = {k: (...), ...}`):
 * its plain string literals, the key's first (Pygments' LEXERS row
 * 'PythonLexer': ('pygments.lexers.python', 'Python', ('python', 'py'), ...)) */
struct dict_row {
	const char *file;
	const char *table;     /* "LEXERS" */
	const char **strings;
	size_t n;
};

/* six.moves' NAME and the module it loads on Python 3 */
struct moved_name {
	const char *file;
	int line;
	const char *name;   /* "queue", "http_client", "reduce" */
	const char *module; /* "queue", "http.client", "functools" */
};

/* A module-level name set from a test on the platform or version */
struct flag_def {
	const char *file;
	const char *name;  /* "PY2" */
	int value;         /* on the target: 1 true, 0 false, -1 unknown */
};

enum scan_diag_kind {
	DIAG_BAD_UTF8,  /* not valid UTF-8 (and no other encoding cookie) */
	DIAG_PYTHON2,   /* Python 2 only syntax (print statement, exec, 0777, ur"") */
	DIAG_SYNTAX,    /* unterminated string, unbalanced brackets, ... */
	DIAG_BINARY,    /* NUL bytes: not Python source at all */
	DIAG_ENCODING   /* an encoding cookie other than utf-8/latin-1/ascii */
};

struct scan_diag {
	const char *file;
	int line, col;
	enum scan_diag_kind kind;
	const char *msg; /* lowercase, no full stop */
};

struct import_scan {
	struct arena *arena; /* set by the caller; edges and strings live here */
	VEC(struct import_edge) edges;
	VEC(struct scan_diag) diags;
	/* set by the caller (the tree-shaker) to also record, per scanned
	 * file: every identifier it mentions (names; attribute names with a
	 * leading '.', ".uname" for os.uname; string literals that are
	 * identifiers, as getattr takes them), and
	 * every "name.attr" pair it writes (dis.main, path.join; not
	 * the name a def defines, not code under TYPE_CHECKING or
	 * `if __name__ == "__main__":`, not the strings of an __all__
	 * statement), each once per file; and its codec-name literals */
	int want_names;
	VEC(const char *) names;
	VEC(const char *) name_funcs; /* parallel to names: the funcs (as in
					 import_edge) of the code that mentions
					 it; each (funcs, name) once */
	VEC(struct codec_use) codecs;
	/* module-level flags on the platform or version (six's `PY2 =
	 * sys.version_info[0] == 2`), with their value on the target: what
	 * another module's `if six.PY2:` reads (want_names) */
	VEC(struct flag_def) flags;
	/* importlib.metadata's entry_points(group="G") (and .select(group="G"),
	 * pkg_resources' iter_entry_points("G")): what it may load is every
	 * module the inputs register under G (want_names) */
	VEC(struct entry_use) entry_uses;
	VEC(struct dict_row) table_rows; /* want_names */
	/* six's lazy aliases (and vendored copies of six): MovedModule("name",
	 * "old"[, "new"]) and MovedAttribute("name", "old_mod", "new_mod", ...)
	 * calls, what `from six.moves import name` loads on Python 3
	 * (want_names) */
	VEC(struct moved_name) moved;
	/* modules loaded by a computed name: importlib.import_module(expr),
	 * __import__(expr), pkgutil.iter_modules/walk_packages over a
	 * __path__. Kinds EDGE_DYNAMIC | EDGE_COMPUTED and the block's kinds;
	 * as_written: the expression as written (at most 80 bytes); name: the
	 * package the expression is rooted in (a literal prefix
	 * 'pygments.styles.' + x, '.' + x relative to the package, else the
	 * file's own package), NULL when it cannot be bounded (a top-level
	 * module loading a name it computes) */
	VEC(struct import_edge) computed;
	long long file_tokens; /* tokens of the last file scanned (names, numbers,
				  strings, operators: what the compiler builds
				  nodes from; the memory model's compile peak) */
	long long file_operands; /* of them names (keywords too), numbers and
				    strings: what becomes an AST node (the
				    operators and brackets only shape them) */
	long long file_strings;  /* of them string literals whose value is an
				    object of its own (not the empty string or
				    one ASCII character, which are cached) */
	long long file_seq_consts; /* the most constants of tuple and list
				      displays in one code unit of it (the
				      module's own code, a def's or a class's
				      body): what CPython 3.14's code generator
				      holds while it folds them */
	long long file_comps; /* the most list, set and dict comprehensions
				 in one code unit of it: each is inlined
				 there (3.12+) and adds blocks to that
				 unit's control-flow graph */
};
/* Scans one Python source file and appends its import edges and diagnostics.
 * file: the name to record; module: the dotted module the file defines
 * ("yaml.cyaml"; "yaml" for yaml/__init__.py) or NULL when unknown (relative
 * imports then get name NULL); is_package: 1 for __init__.py; env: the
 * target for evaluating conditions, or NULL (every condition unknown).
 * Never fails on bad source: problems become diagnostics. */
void imports_scan(struct import_scan *s, const char *file, const char *module,
		  int is_package, const char *src, size_t len, const struct cond_env *env);

/* ---- a scan kept by content (scan_cache.c) ---- */

/* Where each of an import_scan's arrays ends: what one imports_scan call
 * appended is what lies past a mark taken before it. */
struct import_scan_mark {
	size_t edges, computed, diags, names, codecs, flags, entry_uses, table_rows, moved;
};
void import_scan_mark(const struct import_scan *s, struct import_scan_mark *m);
/* Drops what was appended past m (the strings stay in the arena). */
void import_scan_rewind(struct import_scan *s, const struct import_scan_mark *m);
/* What s holds past m (one file's scan), as a record appended to out, and
 * back: replay appends a record's entries to s (strings in s->arena) and
 * sets file_tokens, file_operands, file_strings, file_seq_consts and file_comps; -1 with
 * s unchanged for text that is no record. */
void import_scan_record(struct strbuf *out, const struct import_scan *s, const struct import_scan_mark *m);
int import_scan_replay(struct import_scan *s, const char *text, size_t n);
/* A pack of records under CACHE_DIR/scans/, one per group (a stdlib
 * source, an input path: the name only groups, the records are keyed by
 * content). NULL when cache_dir is NULL or cannot be made (then every
 * scan is done again). Close writes the pack back when the run added to
 * it, and frees c (NULL is fine). Not for several threads at once. */
struct scan_cache;
struct scan_cache *scan_cache_open(const char *cache_dir, const char *group);
void scan_cache_close(struct scan_cache *c);
/* files found in the pack and files scanned, in this run */
void scan_cache_stats(const struct scan_cache *c, long long *hits, long long *misses);
/* imports_scan with c in front: the same entries appended to s, replayed
 * from the pack when a record has this file's key (the scanner's sources
 * and version, file, module, is_package, s->want_names, env, the bytes),
 * else scanned and recorded. c NULL: imports_scan. */
void imports_scan_cached(struct scan_cache *c, struct import_scan *s, const char *file, const char *module,
			 int is_package, const char *src, size_t len, const struct cond_env *env);

/* Resolves a relative name ("..a" at level 2) against the importing module.
 * Returns an arena string, or NULL if it climbs above the top level. */
const char *imports_resolve(struct arena *a, const char *module, int is_package,
			    int level, const char *rest);
void import_scan_release(struct import_scan *s); /* frees the VECs, not the arena */
/* Edges under `if __name__ == "__main__":` are conditional with this
 * condition text and cond_value 0: importing the module never runs them. */
#define IMPORTS_MAIN_CONDITION "__name__ == '__main__'"

/* Evaluates a condition text for env: 1 true, 0 false, -1 unknown. */
int cond_eval(const char *text, const struct cond_env *env);

/* ------------------------------------------------------------------ */
/* sdist native-build detection (sdist.c)                              */

struct build_reason {
	const char *file; /* member path */
	int line;         /* 0 when the whole file is the reason */
	const char *why;  /* "C source", "build-backend 'maturin'", "Extension( in setup.py" */
};
struct sdist_build {
	struct arena *arena;
	int needs_native;    /* 1 when a native build is needed */
	const char *backend; /* pyproject build-backend, or NULL */
	VEC(struct build_reason) reasons;
};
/* Feed every member path; sources (.c .cc .cpp .cxx .h .pyx .pxd .rs .f90
 * .f .m) and build files (Cargo.toml, CMakeLists.txt, meson.build) count. */
void sdist_note_file(struct sdist_build *b, const char *member);
/* pyproject.toml text: build-backend and requires (maturin, setuptools-rust,
 * scikit-build-core, meson-python, cffi, cython, pybind11, ...). */
void sdist_read_pyproject(struct sdist_build *b, const char *member, const char *text, size_t n);
/* setup.py text, read never run: Extension(, ext_modules, cffi_modules,
 * rust_extensions, cythonize(, with line numbers. */
void sdist_read_setup_py(struct sdist_build *b, const char *member, const char *text, size_t n);
/* setup.cfg: ext_modules sections, cffi / cython in setup_requires. */
void sdist_read_setup_cfg(struct sdist_build *b, const char *member, const char *text, size_t n);
void sdist_build_release(struct sdist_build *b);

/* ------------------------------------------------------------------ */
/* Native binaries (native.c)                                          */

enum native_format { NATIVE_NONE = 0, NATIVE_ELF, NATIVE_MACHO, NATIVE_MACHO_FAT, NATIVE_PE, NATIVE_WASM };
enum native_flavor {
	FLAVOR_CYTHON = 1 << 0,
	FLAVOR_PYO3 = 1 << 1,
	FLAVOR_RUST = 1 << 2,
	FLAVOR_CFFI = 1 << 3,
	FLAVOR_PYBIND11 = 1 << 4,
	FLAVOR_NANOBIND = 1 << 5,
	FLAVOR_MYPYC = 1 << 6
};
const char *native_format_name(enum native_format f); /* "elf", "mach-o", ... */
const char *native_flavor_name(unsigned bit);          /* "cython", "pyo3", ... */

struct native_info {
	enum native_format format;
	const char *machine;  /* "x86_64", "aarch64", "i386", "arm64", "wasm32";
				 fat Mach-O: "x86_64+arm64" */
	int bits;             /* 32 or 64; 0 unknown */
	const char **needed;  /* DT_NEEDED, LC_LOAD_DYLIB, PE imported DLLs, wasm import modules */
	size_t n_needed;
	const char **pyinit;  /* exported PyInit_<x> names, the <x> part */
	size_t n_pyinit;
	unsigned flavor;      /* enum native_flavor bits */
	/* wasm only, in bytes (pages of 64 KiB): the linear memory it defines
	 * or imports (min, and max or -1 when unbounded; both 0 when none),
	 * and for a side module the static data it adds (dylink.0 mem_info) */
	long long wasm_mem_min, wasm_mem_max, wasm_data;
	int wasm_mem_shared;  /* that memory is shared (threads) */
};
/* A side module's "dylink.0" custom section (WebAssembly tool-conventions,
 * DynamicLinking.md; wasm_dylink.c): what the loader reserves for it. */
struct wasm_dylink {
	int present;            /* the module has one ("dylink.0", or the older "dylink") */
	uint32_t mem_size;      /* bytes of static data (data segments and bss) the
				   loader reserves at __memory_base */
	uint32_t mem_align;     /* their alignment, log2 (2: 4 bytes) */
	uint32_t table_size;    /* indirect function table slots at __table_base */
	uint32_t table_align;   /* log2 */
	uint32_t n_needed;      /* shared libraries it needs (WASM_DYLINK_NEEDED) */
	uint32_t n_export_info, n_import_info, n_runtime_path;
};
/* called with each needed library's name: not NUL-terminated, borrowed */
typedef void (*wasm_dylink_name_fn)(void *ctx, const char *name, size_t len);
/* Parses a dylink section's payload (after its name), b[0..n); legacy: the
 * older "dylink" layout (mem_info's fields, then the needed list, no
 * subsections). Unknown subsections are skipped. Bounded: input that runs
 * out (a truncated LEB128, a size past the end) or an alignment past 2^31
 * is PM_INPUT with err saying what and where ("needed at byte 7: truncated
 * LEB128"). needed may be NULL. */
int wasm_dylink_parse(const unsigned char *b, size_t n, int legacy, struct wasm_dylink *out,
		      wasm_dylink_name_fn needed, void *ctx, struct perr *err);
/* The module's dylink section, which the convention puts first: 0 with
 * out->present set when there is one, 0 and present 0 when not (not a side
 * module), PM_INPUT when it or the module's header is malformed. */
int wasm_dylink_find(const unsigned char *mod, size_t n, struct wasm_dylink *out,
		     wasm_dylink_name_fn needed, void *ctx, struct perr *err);
/* From the first bytes only (give at least 8): the container format. */
enum native_format native_sniff(const unsigned char *buf, size_t n);
/* Parses a whole binary held in memory. Bounded: never reads outside
 * buf[0..n). A malformed or truncated binary returns PM_INPUT with err set
 * ("truncated ELF section table"), and out->format still says what it is. */
int native_inspect(const unsigned char *buf, size_t n, struct arena *a,
		   struct native_info *out, struct perr *err);
/* Extension file name to module: "pkg/_x.cpython-311-x86_64-linux-gnu.so"
 * -> module "pkg._x", abi "cpython-311-x86_64-linux-gnu"; ".abi3.so" ->
 * "abi3"; ".cp311-win_amd64.pyd" -> "cp311-win_amd64"; plain ".so"/".pyd"/
 * ".dylib"? no: only .so, .pyd, .wasm count; abi NULL when none.
 * Returns 1 when path names an extension module, 0 otherwise. */
int native_module_name(struct arena *a, const char *path, const char **module, const char **abi);

/* ------------------------------------------------------------------ */
/* Metadata (metadata.c, wheelname.c, record.c)                         */

struct meta_problem {
	int line;        /* in the metadata file; 0 for the whole file */
	const char *msg; /* "missing required field 'Version'" */
};
struct metadata {
	const char *metadata_version, *name, *version, *summary, *requires_python;
	const char *license, *home_page;
	VEC(const char *) requires_dist;  /* raw PEP 508 strings */
	VEC(const char *) provides_extra;
	VEC(const char *) dynamic;
	VEC(const char *) classifiers;
	VEC(struct meta_problem) problems;
};
/* Parses METADATA / PKG-INFO (RFC 822 style: continuation lines, repeated
 * fields, a body after the blank line is the description and is skipped).
 * Never fails: missing Name/Version, unknown Metadata-Version, bad lines
 * become problems. */
void metadata_parse(struct metadata *m, struct arena *a, const char *text, size_t n);
void metadata_release(struct metadata *m);
/* pyproject.toml's [project] table (PEP 621) as core metadata (pyproject.c):
 * name, version, requires-python, dependencies and optional-dependencies
 * (as Requires-Dist with extra markers, and Provides-Extra), and dynamic
 * (in core-metadata spelling: "Requires-Dist", "Version", ...). Static
 * values only; metadata_version stays NULL. Returns 1 when there is a
 * [project] table. Hostile input: what does not parse is skipped. */
int pyproject_metadata(struct metadata *m, struct arena *a, const char *text, size_t n);
/* The same [project] table as written, for using a pyproject.toml as a
 * requirements input (pyproject.c): each dependency string with its line,
 * optional dependencies with the extra they belong to, and dynamic as
 * written ("dependencies"). Arena strings; the VECs are freed by
 * pyproject_reqs_release. Returns has_project. */
struct pyproject_req {
	const char *text;   /* "requests>=2; python_version >= '3.8'" */
	const char *extra;  /* optional-dependencies name as written; NULL for dependencies */
	int line;
};
struct pyproject_extra {
	const char *name;
	int line;
};
struct pyproject_reqs {
	int has_project, project_line;        /* a [project] table, and its line */
	const char *name, *version, *requires_python;
	int has_dependencies, dependencies_line;  /* a dependencies key */
	int dynamic_line;
	VEC(struct pyproject_req) reqs;       /* dependencies, and optional ones, in file order */
	VEC(struct pyproject_extra) extras;   /* optional-dependencies names, file order */
	VEC(const char *) dynamic;
};
int pyproject_requirements(struct pyproject_reqs *pr, struct arena *a, const char *text, size_t n);
void pyproject_reqs_release(struct pyproject_reqs *pr);
/* A string value from pyproject.toml: key in [table] ("tool.pymode",
 * "main"); NULL when absent or not a string. Arena string. */
const char *pyproject_tool_string(struct arena *a, const char *text, size_t n, const char *table,
				  const char *key);
/* The requirement on name that [dependency-groups] group (PEP 735) lists
 * (names compared as written, case-insensitively), as an arena string, its
 * line in *line; NULL when the group has none. */
const char *pyproject_group_find(struct arena *a, const char *text, size_t n, const char *group, const char *name,
				 int *line);
/* Every string-valued key of [table] ("tool.pymode-pkg.budget"), in file
 * order, as parallel arena arrays; returns the count. */
size_t pyproject_table_strings(struct arena *a, const char *text, size_t n, const char *table,
			       const char ***keys, const char ***values);

/* A Worker project's wrangler config (wrangler.c): the first of
 * wrangler.toml, wrangler.jsonc (comments, trailing commas), wrangler.json
 * in dir. Static values only. Arena strings; the VECs are freed by
 * wrangler_release. */
struct wrangler_var {
	const char *name, *value;
};
/* a binding of env the config declares beyond vars and KV */
struct wrangler_binding {
	const char *name;               /* "DB" */
	const char *kind;               /* the config's key: "d1_databases" */
};
/* a module rule ([[rules]]): which files of main's folder wrangler uploads */
struct wrangler_rule {
	const char *type;               /* "Text", "Data", "PythonModule", ... */
	const char **globs;             /* in the arena */
	size_t n_globs;
	int fallthrough;
};
struct wrangler_config {
	const char *path;               /* the file read */
	const char *name, *main, *compatibility_date;
	VEC(const char *) flags;        /* compatibility_flags */
	VEC(struct wrangler_var) vars;  /* [vars], values as text */
	VEC(const char *) kv;           /* kv_namespaces' binding names */
	VEC(const char *) exclude;      /* python_modules.exclude globs */
	int has_exclude;                /* the config sets python_modules.exclude */
	VEC(struct wrangler_binding) bindings; /* every other binding: D1, R2,
					   Durable Objects, services, queues, AI,
					   assets, ... (what only the runtime has) */
	VEC(struct wrangler_rule) rules;/* the config's module rules, in order */
};
/* 1 when a config was found and read, 0 when dir has none, else the error
 * code (PM_INPUT or PM_IO, err filled: "wrangler.jsonc:3:5: ..."). */
int wrangler_find(const char *dir, struct wrangler_config *w, struct arena *a, struct perr *err);
int wrangler_has_flag(const struct wrangler_config *w, const char *flag);
/* A glob as wrangler matches module rules and python_modules.exclude
 * (glob-to-regexp with globstar, anchored): '*' is any run without '/', a
 * whole-segment '**' any run of segments (none too), every other character
 * itself. 1 when path matches. */
int wrangler_glob(const char *glob, const char *path);
/* Whether wrangler uploads the file rel (relative to main's folder) as a
 * module: the config's rules, then its defaults (Text for .txt, .html and
 * .sql files, Data .bin, CompiledWasm .wasm, PythonModule .py), a later rule of a type
 * dropped once an earlier one of that type has no fallthrough. The rule's
 * type in *type when it does. w may be NULL (no config: the defaults). */
int wrangler_uploads(const struct wrangler_config *w, const char *rel, const char **type);
/* Whether the file rel (relative to python_modules/) is left out of the
 * upload: python_modules.exclude, or its default (every .pyc); the glob
 * that matched in *glob. w may be NULL. */
int wrangler_excludes(const struct wrangler_config *w, const char *rel, const char **glob);
void wrangler_release(struct wrangler_config *w);
/* the names wrangler_find tries, in order, NULL-terminated */
const char *const *wrangler_config_names(void);

struct wheel_info {
	const char *wheel_version, *generator, *build;
	int root_is_purelib; /* -1 when absent */
	VEC(const char *) tags; /* "py3-none-any", one per Tag line */
	VEC(struct meta_problem) problems;
};
void wheel_info_parse(struct wheel_info *w, struct arena *a, const char *text, size_t n);
void wheel_info_release(struct wheel_info *w);

/* Wheel filename per the binary distribution format:
 * {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl, compressed
 * tag sets ("py2.py3") expanded into the tags list. */
struct wheel_name {
	const char *name, *version, *build; /* build NULL when absent */
	const char *python, *abi, *platform; /* as written */
	VEC(const char *) tags;              /* expanded "py3-none-any" triples */
};
/* Returns 0, or PM_INPUT with err naming the file and the reason. */
int wheel_name_parse(struct wheel_name *w, struct arena *a, const char *filename, struct perr *err);
void wheel_name_release(struct wheel_name *w);
/* sdist filename: {name}-{version}.tar.gz|.tgz|.tar.bz2|.tar.xz|.zip */
int sdist_name_parse(struct arena *a, const char *filename, const char **name,
		     const char **version, struct perr *err);
/* PEP 503: lowercase, runs of -_. become '-'. Arena string. */
const char *pep503_normalize(struct arena *a, const char *name);

struct record_entry {
	const char *path;
	const char *algo;   /* "sha256"; NULL when the hash field is empty */
	const char *digest; /* urlsafe-base64 without padding, as written */
	long long size;     /* -1 when empty */
	int line;
};
struct record {
	VEC(struct record_entry) entries;
	VEC(struct meta_problem) problems;
};
/* RECORD is CSV (quoted fields allowed). */
void record_parse(struct record *r, struct arena *a, const char *text, size_t n);
void record_release(struct record *r);

/* SHA-256 (sha256.c) and the urlsafe base64 RECORD uses. */
struct sha256 {
	uint32_t h[8];
	uint64_t len;
	unsigned char buf[64];
	size_t buflen;
};
void sha256_init(struct sha256 *c);
void sha256_update(struct sha256 *c, const void *data, size_t n);
void sha256_final(struct sha256 *c, unsigned char out[32]);
/* The compression function is the CPU's SHA extensions (SHA-NI) where it
 * has them, else portable C; PYMODE_SHA256=portable in the environment
 * chooses the portable one. sha256_impl() names the one in use ("sha-ni",
 * "portable"); sha256_force_portable(1) switches to the portable one, (0)
 * back to the best, and returns whether it was portable (for tests). */
const char *sha256_impl(void);
int sha256_force_portable(int on);
/* the round constants (sha256.c), for both compression functions */
extern const uint32_t sha256_k[64];
/* sha256_x86.c: 1 when the CPU has SHA-NI; n 64-byte blocks into h */
int sha256_x86_available(void);
void sha256_x86_blocks(uint32_t h[8], const unsigned char *p, size_t n);
/* urlsafe base64 without '=' padding; out needs 44 bytes for 32 in. */
void base64url_nopad(const unsigned char *in, size_t n, char *out);

/* ------------------------------------------------------------------ */
/* Reading inputs (archive.c, tree.c) and assembling distributions      */
/* (distribution.c). See the end of this header.                       */

enum dist_kind { DIST_WHEEL, DIST_SDIST, DIST_INSTALLED, DIST_APP };
const char *dist_kind_name(enum dist_kind k);

enum module_type { MOD_SOURCE, MOD_NATIVE, MOD_PYC };

struct module {
	const char *name;  /* dotted */
	const char *file;  /* member path */
	enum module_type type;
	int is_package;    /* an __init__ */
	struct native_info native; /* for MOD_NATIVE */
	const char *abi;   /* extension abi tag from the filename, or NULL */
	size_t edge_first, edge_count; /* its edges in distribution.imports.edges */
	size_t name_first, name_count; /* its names in imports.names (want_names) */
	long long size;    /* bytes of the file */
	long long tokens;  /* its tokens (import_scan.file_tokens); 0 when not lexed */
	long long operands, strings; /* import_scan.file_operands, file_strings */
	long long seq_consts; /* import_scan.file_seq_consts */
	long long comps;      /* import_scan.file_comps */
};

/* ---- distributions (distribution.c, installed.c) ---- */

struct dist_problem {
	const char *file; /* member path, or NULL for the whole distribution */
	int line;         /* 0 when none */
	const char *msg;
	int severe;       /* 1: installers would refuse it (RECORD mismatch, ...) */
};

/* One entry point of a distribution's entry_points.txt: `name = module:attr`
 * under [group] */
struct entry_point {
	const char *group, *name, *module;
};

struct distribution {
	struct arena *arena;     /* everything below lives here */
	enum dist_kind kind;
	const char *input;       /* the path the user gave, or the file in a wheelhouse */
	const char *name;        /* as the metadata (or filename) spells it */
	const char *normalized;  /* PEP 503 */
	const char *version;     /* NULL when unknown */
	const char *filename;    /* archive name, .dist-info dir, or app dir */
	int has_metadata, has_wheel;
	struct metadata meta;
	struct wheel_info wheel;
	struct wheel_name wname; /* wheels only */
	VEC(const char *) top_level;
	VEC(struct entry_point) entry_points; /* .dist-info/entry_points.txt (not
						 in the scan cache) */
	VEC(struct module) modules;
	VEC(struct module) libraries; /* native code that is not an importable module */
	struct import_scan imports;   /* edges and lexer diagnostics */
	struct sdist_build build;     /* sdists only */
	VEC(struct dist_problem) problems;
	long long n_files, n_bytes;   /* files and bytes as stored (uncompressed) */
};

struct scan_options {
	const struct cond_env *env; /* for conditions; NULL = unknown */
	int verify_record;          /* check RECORD sha256 and sizes */
	size_t max_member;          /* bytes; 0 = the default 64 MiB */
	int want_names;             /* fill imports.names/codecs (import_scan) */
	const char *cache_dir;      /* keep each file's scan by content in a
				       pack per input (scan_cache.c); NULL: none */
	struct scan_cache *cache;   /* scan_input's own, from cache_dir */
};
/* Called once per distribution; the scanner releases it afterwards, so a
 * callback that keeps anything copies it. A non-zero return stops the scan
 * and is returned by scan_input. */
typedef int (*dist_fn)(void *ctx, struct distribution *d);
/* Scans one input: a wheel, an sdist, a wheelhouse directory, an installed
 * site-packages or an app source tree. Returns 0, the callback's non-zero
 * value, or PM_INPUT with err naming the input (and member). */
int scan_input(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
	       struct perr *err);
/* What scan_input takes a directory for: DIRK_NONE when path is not a
 * readable directory. */
enum dir_kind { DIRK_NONE, DIRK_INSTALLED, DIRK_WHEELHOUSE, DIRK_APP };
enum dir_kind scan_dir_kind(const char *path);

/* ---- a scan kept for later (dist_json.c): for caches of scans ---- */

/* The version of what a scan records: bump it whenever the scanner finds,
 * or dist_json writes, anything differently, so a cache keyed by it never
 * hands back an older scan. */
#define SCANNER_VERSION "pymode-scan/12"
/* What the scanner found in d (everything but its input path) as one JSON
 * document, appended to out. */
void dist_json(struct strbuf *out, const struct distribution *d);
/* Reads dist_json's text back into a new distribution whose input is
 * `input`: 0 and *out (the caller frees it with dist_free), or PM_INPUT
 * with err set for text of another SCANNER_VERSION or of the wrong shape. */
int dist_json_read(struct distribution **out, const char *input, const char *text, size_t n,
		   struct perr *err);
/* Frees a distribution dist_json_read made, its arena included. */
void dist_free(struct distribution *d);

/* "a.b" from "a/b.py", "a" from "a/__init__.py"; NULL when a part is not an
 * identifier. Arena string. */
const char *module_name_for(struct arena *a, const char *rel, int *is_package);

/* ---- reading inputs (source.c): one iterator over zip, tar and dirs ---- */

/* What one archive may cost. Process-wide: source_set_limits (cli/, once,
 * before reading) applies to every archive opened afterwards. */
struct archive_limits {
	unsigned long long archive_bytes; /* declared inflated bytes per archive */
	unsigned long long run_bytes;     /* bytes inflated from archives over the run */
	size_t members;                   /* members per archive */
};
#define ARCHIVE_DEFAULT_BYTES (512ULL << 20)
#define ARCHIVE_DEFAULT_MEMBERS ((size_t)100000)
/* 0 fields keep their default; run_bytes defaults to 8 x archive_bytes. */
void source_set_limits(const struct archive_limits *l);
/* Checks a whole zip in memory against l: member count, the declared total,
 * every local header against its central entry, no overlapping entries.
 * PM_INPUT with err naming path and the member. (zipcheck.c) */
int zipcheck(const unsigned char *p, size_t n, const char *path,
	     const struct archive_limits *l, struct perr *err);

enum source_type { SRC_ZIP, SRC_TAR, SRC_DIR };
struct source;
struct member {
	const char *name;   /* '/'-separated path inside the input; borrowed
			       until the next source_next */
	long long size;     /* declared size; -1 unknown */
	int is_dir;
	int is_link;        /* symlinks are listed, never followed */
	int name_ok;        /* 0 when the name is unsafe (absolute, "..") or
			       not UTF-8: such members are reported, never read */
};
/* Opens an archive (type from its content, not its suffix) or a directory.
 * PM_INPUT with err naming the path when unreadable or of no known type. */
int source_open(struct source **out, const char *path, struct perr *err);
/* The same over an archive held in memory (a zip or a tar; name is used in
 * messages). data is borrowed: it must outlive the source. */
int source_open_mem(struct source **out, const char *name, const void *data, size_t n,
		    struct perr *err);
enum source_type source_type(const struct source *s);
/* Next member: 1 and *m filled, 0 at the end, or PM_INPUT-negated (-3)
 * with err set when the archive is corrupt. */
int source_next(struct source *s, struct member *m, struct perr *err);
/* Appends the current member's bytes to out, at most max bytes: a member
 * that is larger (or inflates past max) fails with PM_INPUT; so does a
 * corrupt stream. err names the input and the member. */
int source_read(struct source *s, struct strbuf *out, size_t max, struct perr *err);
/* Up to n bytes from the start of the current member without consuming it
 * (a later source_read still returns the whole member). Returns the count,
 * or -1 with err set. */
long source_peek(struct source *s, unsigned char *buf, size_t n, struct perr *err);
/* Zip and dirs only: reads a member by name (for dist-info files first). */
int source_read_named(struct source *s, const char *name, struct strbuf *out,
		      size_t max, struct perr *err);
/* Zip and dirs only: makes the named member the current one, as if
 * source_next had returned it. 1 found, 0 not there. */
int source_seek(struct source *s, const char *name, struct member *m);
/* Restarts the iteration (tar archives are reopened). */
int source_rewind(struct source *s, struct perr *err);
const char *source_path(const struct source *s);
void source_close(struct source *s);

#endif
