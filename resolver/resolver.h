/* resolver.h: the resolver stage's one public header. Today it holds the
 * leaf modules: PEP 440 versions and specifiers, PEP 508 requirements and
 * environment markers, and requirements files in pip's syntax. The index
 * client, download cache, wheel tags and the resolution itself come later.
 *
 * Ownership, once for the whole header:
 *  - struct pep440 is a plain value: no pointers, no allocation; copy it.
 *    Its fixed limits (PEP440_RELEASE_MAX bytes of release and numbers,
 *    PEP440_LOCAL_MAX bytes of local label) are reported as "invalid version" errors when
 *    passed.
 *  - Everything else a parse function hands out (specifier arrays, marker
 *    trees, requirement records, requirements-file entries) lives in the
 *    struct arena passed to it and is borrowed until that arena is released.
 *  - struct reqfile's VEC members are heap arrays owned by the struct and
 *    freed by reqfile_release (the strings they point to are arena memory).
 *  - struct marker_env holds borrowed string pointers; it frees nothing.
 *  - Errors: functions return 0 or an enum pm_exit code (PM_INPUT for bad
 *    input) and fill struct perr; nothing here prints.
 */
#ifndef PYMODE_RESOLVER_H
#define PYMODE_RESOLVER_H

#include "../common/common.h"

/* ------------------------------------------------------------------ */
/* PEP 440 versions (pep440.c)                                         */

/* The release is kept in its normalized text ("1.2.3"), so a segment is
 * any number of digits, as Python's int; so are the epoch and the pre-,
 * post- and dev-release numbers, kept as digit strings without leading
 * zeros at the end of the same buffer. The release (dots included) and
 * those digits hold at most PEP440_RELEASE_MAX - 1 characters together:
 * every version a wheel or sdist file name (255 bytes on every common file
 * system) can carry fits, and no comparison reads more than that. */
#define PEP440_RELEASE_MAX 256
#define PEP440_LOCAL_MAX 128
/* Room for any pep440_to_buf output: epoch, release, pre, post, dev, local. */
#define PEP440_TEXT_MAX (PEP440_RELEASE_MAX + PEP440_LOCAL_MAX + 128)

enum pep440_pre { PEP440_PRE_NONE = 0, PEP440_PRE_A, PEP440_PRE_B, PEP440_PRE_RC };
/* the numbers other than the release's, for pep440_num / leaf_num_set */
enum pep440_num { PEP440_EPOCH, PEP440_PRE_N, PEP440_POST_N, PEP440_DEV_N };

struct pep440 {
	char release[PEP440_RELEASE_MAX]; /* "1.2.3": '.'-separated segments
					     without leading zeros; trailing
					     zero segments kept as written.
					     After its NUL, at the very end
					     of the buffer: the digits of the
					     epoch, pre, post and dev numbers,
					     in that order (read them with
					     pep440_num) */
	unsigned char num_len[4]; /* digits of each number ("" is 0) */
	size_t n_release;      /* segments, >= 1 */
	enum pep440_pre pre;   /* a, b or rc (alpha/beta/c/pre/preview folded) */
	int has_post;          /* .postN, -N, rev, r */
	int has_dev;
	char local[PEP440_LOCAL_MAX]; /* normalized: lowercase, '.'-separated,
					 numeric parts without leading zeros;
					 "" when there is no local label */
};

/* Parses s[0..n) with the PEP's normalisation (case, separators, spelling
 * variants, implicit numbers, leading 'v', surrounding whitespace).
 * On failure returns PM_INPUT with "invalid version '<s>': <why>". */
int pep440_parse(struct pep440 *v, const char *s, size_t n, struct perr *err);
/* 1 when s[0..n) is a valid PEP 440 version. */
int pep440_valid(const char *s, size_t n);
/* Appends the normalized form ("1!2.0rc1.post2.dev3+ubuntu.1"). */
void pep440_format(const struct pep440 *v, struct strbuf *out);
/* The same into buf (always NUL-terminated); returns the full length. */
size_t pep440_to_buf(const struct pep440 *v, char *buf, size_t size);
/* Total order of PEP 440 (and packaging): <0, 0, >0. Trailing zeros in the
 * release do not matter; .devN < aN < bN < rcN < final < .postN; a version
 * with a local label sorts after the same version without one. */
int pep440_cmp(const struct pep440 *a, const struct pep440 *b);
int pep440_is_prerelease(const struct pep440 *v);  /* pre or dev */
int pep440_is_postrelease(const struct pep440 *v);
int pep440_is_devrelease(const struct pep440 *v);
/* Number k of v as digits without leading zeros (borrowed from v, not
 * NUL-terminated): their count, 0 for the number 0. */
size_t pep440_num(const struct pep440 *v, enum pep440_num k, const char **digits);
/* Copies with the local label removed (the public version). */
void pep440_public(const struct pep440 *v, struct pep440 *out);
/* Copies keeping only epoch and release (the base version). */
void pep440_base(const struct pep440 *v, struct pep440 *out);

/* ------------------------------------------------------------------ */
/* Version specifiers (specifier.c)                                    */

enum spec_op {
	SPEC_COMPATIBLE, /* ~= */
	SPEC_EQ,         /* == (also ==X.*) */
	SPEC_NE,         /* != (also !=X.*) */
	SPEC_LE,         /* <= */
	SPEC_GE,         /* >= */
	SPEC_LT,         /* < */
	SPEC_GT,         /* > */
	SPEC_ARBITRARY   /* === */
};
const char *spec_op_str(enum spec_op op); /* "~=", "==", ... */

struct spec {
	enum spec_op op;
	int wildcard;          /* ==X.* or !=X.*: version holds the prefix */
	struct pep440 version; /* unused for SPEC_ARBITRARY */
	const char *text;      /* SPEC_ARBITRARY's string (other ops: NULL) */
};

struct spec_set {
	struct spec *v;        /* arena array */
	size_t n;              /* 0: matches every version (pre-release rule aside) */
};

/* Parses one specifier such as ">= 1.0" or "==1.*"; whitespace around it
 * and between operator and version is Python's (Unicode) whitespace, as
 * packaging's. The === string (any word without ';' or ')', even an empty
 * one) is put in arena a (a may be NULL for other operators). On failure
 * returns PM_INPUT with "invalid version specifier '<s>': <why>". */
int spec_parse(struct spec *out, const char *s, size_t n, struct arena *a, struct perr *err);
/* Parses a comma-separated set (">=1.0, !=1.3.*, <2"); blank parts are
 * dropped, as packaging's SpecifierSet drops them: "" and ">=1," parse. */
int spec_set_parse(struct spec_set *out, const char *s, size_t n, struct arena *a,
		   struct perr *err);
/* Does a candidate satisfy the one specifier? The candidate is v (NULL:
 * the string is not a version, and only === can match it) and text, the
 * version as written (NULL: v's normalized form, as packaging compares a
 * Version object). No pre-release filtering here. The rules are
 * packaging 26's: <V excludes the pre-releases of V itself unless V is
 * one; >V excludes V+local and V's post-releases unless V is one (from
 * V.devN the next is V.dev(N+1), from V.postN it is V.post(N+1).dev0);
 * === compares text (or the normalized form) ignoring case. */
int spec_contains(const struct spec *s, const struct pep440 *v, const char *text);
/* 1 when the specifier names a pre-release (">=1.0b1", "==2.0.dev1"), which
 * lets a set containing it admit pre-releases (packaging's
 * Specifier.prereleases). */
int spec_mentions_prerelease(const struct spec *s);
/* 1 when some specifier of the set mentions a pre-release
 * (SpecifierSet.prereleases True), else 0 (None). */
int spec_set_prereleases(const struct spec_set *set);
/* packaging's SpecifierSet.contains(item, prereleases): 1 when the candidate
 * (v, text as for spec_contains) satisfies every specifier. prereleases 1
 * or -1 (None: one version has no alternatives, so a pre-release that
 * satisfies the set is in) admit pre-releases; 0 refuses every one. The
 * empty set contains every candidate. */
int spec_set_contains(const struct spec_set *set, const struct pep440 *v, const char *text,
		      int prereleases);
/* packaging's SpecifierSet.filter: sets keep[i] for the candidates
 * (vs[i], texts[i]; texts may be NULL) that pass and returns their count.
 * prereleases 1 admits pre-releases, 0 refuses them, -1 (None) admits them
 * when the set mentions one, else only when no final release passes (a
 * string that is not a version passes with the finals). */
size_t spec_set_filter(const struct spec_set *set, const struct pep440 *const *vs,
		       const char *const *texts, size_t n, int prereleases, unsigned char *keep);
/* Appends the normalized set: ">=1.0,<2" (no spaces; as written order). */
void spec_format(const struct spec *s, struct strbuf *out);
void spec_set_format(const struct spec_set *set, struct strbuf *out);

/* ------------------------------------------------------------------ */
/* Environment markers (marker.c)                                      */

enum marker_var {
	MV_PYTHON_VERSION,
	MV_PYTHON_FULL_VERSION,
	MV_OS_NAME,
	MV_SYS_PLATFORM,
	MV_PLATFORM_RELEASE,
	MV_PLATFORM_SYSTEM,
	MV_PLATFORM_VERSION,
	MV_PLATFORM_MACHINE,
	MV_PLATFORM_PYTHON_IMPLEMENTATION,
	MV_IMPLEMENTATION_NAME,
	MV_IMPLEMENTATION_VERSION,
	MV_EXTRA,
	MV_EXTRAS,             /* PEP 751, lock files: a set of names */
	MV_DEPENDENCY_GROUPS,  /* PEP 751, lock files: a set of names */
	MV__COUNT
};
/* "python_version", ...; and the reverse (-1 when unknown). The reverse
 * also accepts the legacy spellings packaging accepts ("os.name",
 * "sys.platform", "platform.version", "platform.machine",
 * "platform.python_implementation", "python_implementation"). */
const char *marker_var_name(enum marker_var v);
int marker_var_lookup(const char *s, size_t n);

/* A set-valued marker variable's names (borrowed); given 0: not set. */
struct marker_names {
	const char *const *v;
	size_t n;
	int given;
};

/* The values markers are evaluated against; NULL = not set (evaluating a
 * marker that reads an unset variable is an error). values[MV_EXTRA] is
 * not used: active extras are passed to marker_eval; values[MV_EXTRAS] and
 * values[MV_DEPENDENCY_GROUPS] neither: the sets are extras and
 * dependency_groups, given only when evaluating a lock file's markers
 * (packaging's lock_file context: empty sets by default). */
struct marker_env {
	const char *values[MV__COUNT];
	struct marker_names extras, dependency_groups;
};
/* Sets one variable by name; PM_INPUT for an unknown name or a set-valued
 * one. value is borrowed. */
int marker_env_set(struct marker_env *env, const char *key, const char *value,
		   struct perr *err);
/* Builds an environment from parallel key/value arrays (polyfill-db's
 * target_info marker_keys/marker_values). Keys that are not string-valued
 * marker variables are skipped. Strings stay borrowed. */
void marker_env_from_arrays(struct marker_env *env, const char *const *keys,
			    const char *const *values, size_t n);
/* The machine running the tool: uname(2) for the platform variables and
 * CPython's values for the rest. python_version ("3.13" or "3.13.2") sets
 * python_version, python_full_version and implementation_version; NULL
 * means "3.13". Strings are copied into arena a. */
int marker_env_host(struct marker_env *env, const char *python_version, struct arena *a,
		    struct perr *err);

enum marker_op {
	MOP_LT, MOP_LE, MOP_EQ, MOP_NE, MOP_GE, MOP_GT,
	MOP_COMPATIBLE, MOP_ARBITRARY, MOP_IN, MOP_NOT_IN
};

enum marker_kind { MARKER_CMP, MARKER_AND, MARKER_OR };

struct marker {
	enum marker_kind kind;
	const struct marker *left, *right; /* AND / OR */
	int lhs_var, rhs_var;  /* CMP: enum marker_var, or -1 for a literal */
	const char *lhs, *rhs; /* CMP: the literal's text (unquoted) */
	enum marker_op op;
};

/* Parses a marker expression (the text after ';'). Quoted strings are
 * decoded as Python string literals, as packaging decodes them (\n, \x41,
 * \u00e9, \N{name} by uniname_lookup, ...). On failure
 * returns PM_INPUT with "invalid marker '<s>': expected ..." and, when col
 * is not NULL, the 1-based column of the problem in s. */
int marker_parse(const struct marker **out, const char *s, size_t n, struct arena *a,
		 struct perr *err, int *col);
/* Evaluates m as packaging 26's Marker.evaluate. The marker is true when
 * it is true for at least one of the active extras (or, with none, for
 * extra == ""), as pip evaluates it; extra comparisons are normalised
 * (PEP 685). A comparison reads the variable on its left, or else names
 * the variable on its right. python_version, python_full_version,
 * implementation_version and platform_release compare as PEP 440 versions
 * when the operator and the other side make a valid specifier (a value
 * that is not a version then matches nothing but ===); every other
 * comparison is between strings: in / not in (substring), == and !=, <=
 * and >= meaning ==, < and > false, ~= and === an error. extras and
 * dependency_groups take only '"name" in extras' (and not in), on
 * normalized names. Returns 0 and sets *result to 0/1, or PM_INPUT. */
int marker_eval(const struct marker *m, const struct marker_env *env,
		const char *const *extras, size_t n_extras, int *result, struct perr *err);
/* Appends the normalized marker: `python_version >= "3.8" and (os_name == "nt")`. */
void marker_format(const struct marker *m, struct strbuf *out);

/* ------------------------------------------------------------------ */
/* PEP 508 requirements (pep508.c)                                     */

struct req {
	const char *name;      /* as written */
	const char *key;       /* normalized (PEP 503): "zope-interface" */
	const char **extras;   /* normalized names, as written order */
	size_t n_extras;
	struct spec_set specs;
	const char *url;       /* "name @ url" direct reference, else NULL */
	const struct marker *marker; /* NULL when none */
};

/* Parses "name [extras] (spec | @ url) ; marker". On failure returns
 * PM_INPUT with "invalid requirement '<s>': expected ..." (or the
 * specifier/marker message inside it) and, when col is not NULL, the
 * 1-based column in s where the problem is. */
int req_parse(struct req *out, const char *s, size_t n, struct arena *a, struct perr *err,
	      int *col);
/* 1 when name matches PEP 508's name pattern. */
int req_name_valid(const char *s, size_t n);
/* PEP 503 normalisation: lowercase, runs of -_. become one '-'. */
char *req_name_normalize(struct arena *a, const char *s, size_t n);
/* Appends the normalized requirement: "name[a,b]>=1.0; marker". */
void req_format(const struct req *r, struct strbuf *out);

/* ------------------------------------------------------------------ */
/* Requirements files, pip syntax (reqfile.c)                          */

enum reqfile_kind {
	REQ_NAMED,   /* PEP 508 requirement, possibly "name @ url" */
	REQ_URL,     /* bare URL: https://.../x.whl, git+https://...#egg=x */
	REQ_PATH     /* bare local path: ./dist/x.whl, ./src/pkg, ../lib */
};

struct reqfile_entry {
	enum reqfile_kind kind;
	struct req req;        /* REQ_NAMED: all of it. REQ_URL/REQ_PATH: url
				  or path in req.url, name/key from #egg= or a
				  wheel file name (else NULL), extras, marker */
	const char *text;      /* the logical line as written (joined, comments
				  removed, ${VAR} expanded) */
	const char *file;      /* the file it came from, as opened */
	int line;              /* 1-based; the first physical line */
	int constraint;        /* from a -c file */
	int editable;          /* -e / --editable: recorded, not bundleable */
	const char **hashes;   /* "sha256:<hex>", as given */
	size_t n_hashes;
};

/* A list of arena strings; a VEC, usable with VEC_PUSH. */
struct reqfile_names {
	const char **v;
	size_t n, alloc;
};

struct reqfile {
	VEC(struct reqfile_entry) entries;
	const char *index_url;         /* -i / --index-url; NULL when not given */
	struct reqfile_names extra_index_urls;
	struct reqfile_names find_links;
	/* per find_links entry: the path beside the file that gave it (pip
	 * takes that one when it exists, reqfile_load checks), or NULL */
	struct reqfile_names find_links_beside;
	struct reqfile_names trusted_hosts; /* accepted and recorded only */
	struct reqfile_names files;    /* every file read, in order */
	int no_index, pre, prefer_binary, require_hashes;
	/* --no-binary / --only-binary after pip's rules (":all:" resets both,
	 * ":none:" empties, a name moves from the other list): ":all:" or
	 * normalized names */
	struct reqfile_names no_binary;
	struct reqfile_names only_binary;
	/* What a local path names (REQFILE_PROBE_*), asked where pip's
	 * _get_url_from_path asks the file system whether a word with a '/'
	 * is a path or a requirement; reqfile_load sets reqfile_probe_fs
	 * when NULL. NULL: every such word is a path. */
	int (*probe)(const char *path);
};
#define REQFILE_INIT { VEC_INIT, NULL, VEC_INIT, VEC_INIT, VEC_INIT, VEC_INIT, VEC_INIT, \
		       0, 0, 0, 0, VEC_INIT, VEC_INIT, NULL }
enum { REQFILE_PROBE_NONE, REQFILE_PROBE_FILE, REQFILE_PROBE_DIR };
int reqfile_probe_fs(const char *path);
void reqfile_release(struct reqfile *rf);

/* Reads a whole file into out, failing (PM_INPUT) past max bytes. The
 * default, reqfile_read_fs, reads the file system. */
typedef int (*reqfile_reader)(void *ctx, const char *path, size_t max, struct strbuf *out,
			      struct perr *err);
int reqfile_read_fs(void *ctx, const char *path, size_t max, struct strbuf *out,
		    struct perr *err);
#define REQFILE_MAX_BYTES (16u << 20)
#define REQFILE_MAX_DEPTH 32

/* Parses one file's text (no I/O): name is used in messages and entries;
 * constraint marks its entries as constraints (a -c file). A -r/-c line
 * calls include (in file order, so entries keep pip's order) with the path
 * resolved against name's directory; with include NULL such lines are an
 * error. Errors are "name:line:col: <what>". */
struct reqfile_include {
	const char *path;      /* arena: resolved against the including file */
	int constraint;        /* -c (a -r inside a -c file is not one, as pip) */
	const char *file;      /* the including file */
	int line, col;
};
typedef int (*reqfile_include_fn)(void *ctx, const struct reqfile_include *inc,
				  struct perr *err);
int reqfile_parse_text(struct reqfile *rf, const char *name, const char *text, size_t n,
		       int constraint, struct arena *a, reqfile_include_fn include, void *ctx,
		       struct perr *err);
/* Reads path with reader (NULL: reqfile_read_fs) and every file it
 * includes, depth first, appending to rf. A cycle is an error naming the
 * chain ("a.txt -> b.txt -> a.txt"). A relative --find-links path becomes
 * the one beside its file when that exists on the file system (pip). */
int reqfile_load(struct reqfile *rf, const char *path, int constraint, reqfile_reader reader,
		 void *ctx, struct arena *a, struct perr *err);

/* A pyproject.toml as a requirements input (reqfile_pyproject.c): appends
 * its [project] dependencies (PEP 621) and the optional-dependencies of each
 * extra in extras (names as given, compared normalized; ":all:" for every
 * one) to rf, each entry with the file and the line of its string. PM_INPUT
 * for no [project] table, dependencies listed in dynamic (nothing is
 * built), an extra it does not declare, or a requirement that does not
 * parse ("pyproject.toml:7: invalid requirement ..."). */
int reqfile_load_pyproject(struct reqfile *rf, const char *path, const char *const *extras,
			   size_t n_extras, struct arena *a, struct perr *err);
/* 1 when path names a pyproject.toml (by its base name). */
int reqfile_is_pyproject(const char *path);

/* ================================================================== */
/* Resolution (resolve.c, solver.c, tags.c, index*.c, cache.c)         */
/* Added with issue 4's core. Ownership: everything a struct resolution */
/* hands out lives in its arena until resolution_release.             */

/* The CPython version ("3.11") of python3 on PATH, for --target host:
 * asked of it once and kept in CACHE_DIR/host-python (NULL: the default
 * cache), keyed by the interpreter's real path, size and mtime, and for a
 * script such as a pyenv shim also by what picks its interpreter
 * ($PYENV_VERSION, the nearest .python-version, $PYENV_ROOT/version).
 * NULL when there is no python3 (or it does not answer). Borrowed from a. */
const char *cache_host_python(const char *cache_dir, struct arena *a);

/* Where and how to look for distributions, and for which target. */
struct resolve_options {
	const char *const *index_urls;   /* first is --index-url (cli/ puts PyPI
					    there when nothing names one, as pip);
					    a requirements file's --index-url
					    replaces them all, as pip's does */
	size_t n_index_urls;
	const char *const *find_links;   /* local wheelhouse directories */
	size_t n_find_links;
	int no_index;                    /* ignore every index URL */
	const char *cache_dir;           /* NULL: $XDG_CACHE_HOME/pymode-pkg */
	const char *cert;                /* extra CA bundle; NULL: system CAs only */
	long timeout_ms;                 /* per request, retries included; 0: 30000 */
	int allow_pre;                   /* --pre */
	int require_hashes;              /* --require-hashes (also from the file) */
	int fetch;                       /* download every pinned distribution */
	int any_platform;                /* no installable file: take an sdist or a
					    host/any wheel anyway (for the scanner) */
	/* The target: PEP 508 environment as parallel arrays (target_info's
	 * marker_keys/marker_values) and accepted tags, most preferred first.
	 * n_tags 0 with host set: this machine's tags for python_version. */
	const char *const *marker_keys, *const *marker_values;
	size_t n_markers;
	const char *const *tags;
	size_t n_tags;
	int host;                        /* target "host": uname + python_version */
	const char *python_version;      /* "3.11" or "3.11.7"; NULL: from markers, else 3.13 */
	int quiet;                       /* no progress on stderr */
	int verbose;                     /* a warning for every index link dropped */
	int no_deps;                     /* --no-deps: pin the requirements given,
					    follow none of their dependencies */
	int keep_partial;                /* on a conflict, still return what the
					    requirements that agree resolve to */
};

struct resolved_pkg {
	const char *name, *key, *version;  /* as the index spells it; PEP 503; normalized */
	const char *filename;    /* the chosen distribution file */
	const char *url;         /* its URL (credentials masked) or local path */
	const char *path;        /* local file: find-links path or cache entry; NULL
				    when not fetched */
	const char *sha256;      /* hex; NULL when unknown (not fetched, no index hash) */
	int is_wheel;
	int compatible;          /* 0: taken by any_platform, will not install */
	int deps_unknown;        /* sdist without static Requires-Dist */
	const char **extras;     /* requested extras, normalized */
	size_t n_extras;
	const char **via;        /* direct parents: "requests" or "-r requirements.txt" */
	size_t n_via;
	const char **chain;      /* shortest path from the requirements file:
				    "-r requirements.txt", "requests", "urllib3" */
	size_t n_chain;
	const char *where;       /* "requirements.txt:3": the top-level requirement
				    chain[1] is (NULL for a constraint only) */
	const char **hashes;     /* hex sha256 of every file of this version whose
				    hash is known (index, cache or local), sorted */
	size_t n_hashes;
	const char *direct;      /* a direct reference: the URL or path as
				    written; NULL for index/find-links pins */
	const char *direct_url;  /* the same as a URL (file:///abs, https://...) */
	int editable;            /* -e: resolved from its directory, not bundleable */
	int is_dir;              /* a local project directory (path is the dir) */
};

struct resolution {
	struct arena arena;
	VEC(struct resolved_pkg) pkgs;   /* sorted by key */
	VEC(const char *) warnings;      /* e.g. "deps of 'x 1.0' unknown (sdist)" */
	/* keep_partial after a conflict: the requirements left out so that
	 * the rest resolve, as written with their place ("idna>=99
	 * (requirements.txt:1)"); pkgs then hold what the rest resolve to */
	VEC(const char *) unresolved;
};
#define RESOLUTION_INIT { ARENA_INIT, VEC_INIT, VEC_INIT, VEC_INIT }
void resolution_release(struct resolution *r);

/* Resolves a loaded requirements file (reqfile_load) for the target in o.
 * Direct references (name @ URL, file: URLs, paths, -e directories) are the
 * one candidate of their name. Hash-checking mode (--require-hashes, or any
 * --hash) holds as pip's: every requirement pinned with == (or a direct
 * archive), every pin's file among its --hash values, nothing unlisted.
 * Returns 0; PM_GATE (1) with a human explanation of the conflict in err
 * (with keep_partial, out then holds what resolves without the
 * requirements in out->unresolved: each top-level requirement is kept, in
 * file order, when it resolves with those kept before it);
 * PM_USAGE for a bad option; PM_INPUT for bad input, network failures and
 * hash mismatches. */
int resolve_reqfile(const struct reqfile *rf, const struct resolve_options *o,
		    struct resolution *out, struct perr *err);
/* The same starting from a path: loads it (with -r/-c includes) first. */
int resolve_requirements_file(const char *path, const struct resolve_options *o,
			      struct resolution *out, struct perr *err);

/* Wheel tags (tags.c). This machine's tags for a CPython version ("3.11"),
 * most preferred first, as packaging's sys_tags orders them: arena array. */
size_t tags_host(struct arena *a, const char *python_version, const char ***out);
/* The rank of a wheel file name's best tag in tags[0..n) (0 best), or -1
 * when none of its tags is accepted (or the name does not parse). */
int tags_rank(const char *const *tags, size_t n, const char *wheel_filename);

/* URLs in messages: the user:pass@ part of a URL becomes "***@".
 * Returns an arena string. */
const char *url_redact(struct arena *a, const char *url);

/* The cache directory every cache of the tool lives under:
 * $XDG_CACHE_HOME/pymode-pkg, else ~/.cache/pymode-pkg. Caller frees. */
char *cache_default_dir(void);

#endif
