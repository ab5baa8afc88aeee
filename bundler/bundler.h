/* bundler.h: the bundler stage's one public header. Writes what the
 * tree-shaker kept as a bundle for a target (docs/bundle.md): deterministic
 * zips (sorted names, fixed times and modes, deflate level 6) or, for
 * cf-python-workers, a python_modules/ tree; first into a temporary
 * directory beside OUTDIR, then renamed into place only when whole, so a
 * crash at any moment leaves OUTDIR as it was. It decides no verdicts and
 * prints nothing.
 *
 * The zips are written by zipwrite.c over zlib (raw deflate, SIZE_GZIP_LEVEL).
 *
 * Ownership: struct bundle owns its arena and its temporary directory;
 * bundle_release removes that directory unless bundle_commit renamed it.
 */
#ifndef PYMODE_BUNDLER_H
#define PYMODE_BUNDLER_H

#include "../common/common.h"
#include "../stdlib-tree-shaker/shaker.h"

/* one file written into the bundle */
struct bundle_entry {
	const char *path;    /* member path inside its output ("json/decoder.py") */
	const char *output;  /* "stdlib.zip", "site-packages.zip", "python_modules", "app" */
	const char *module;  /* the module it is, or NULL for data and metadata */
	const char *dist;    /* distribution name, or NULL */
	long long raw;       /* bytes */
	long long stored;    /* bytes in its zip (deflated or stored), == raw outside zips */
	long long gzip, brotli; /* the file alone: gzip and brotli (sizes.c) */
};

/* one top-level output */
struct bundle_output {
	const char *name;    /* "stdlib.zip", "site-packages.zip", "stdlib-files.txt",
				"python_modules", "app", "pyodide-packages.txt" */
	long long raw;       /* the members' bytes */
	long long size;      /* bytes on disk (a zip: the whole file) */
	long long gzip, brotli; /* a zip: of the file; a directory: its files' sum */
	size_t n_files;
};

/* what one package (a distribution, the app, the stdlib) adds */
struct bundle_package {
	const char *name;    /* distribution name, "app", "stdlib" */
	long long raw, gzip, brotli;  /* its files, each compressed alone */
	size_t n_files;
};

/* a file of the project written into OUTDIR as it is (src) or made (text) */
struct bundle_file {
	const char *name;  /* its path in OUTDIR */
	const char *src;   /* copied from; NULL: text */
	const char *text;
};

struct bundle_options {
	const char *outdir;
	int runtime_stdlib;        /* cf-python-workers: python_modules/, no stdlib.zip */
	long long mtime;           /* SOURCE_DATE_EPOCH, else 315532800 (1980-01-01) */
	const char *cache_dir;     /* deflated members by content; NULL: none */
	const char *app_dir;       /* where the app's files go (a relative folder):
				      "app" when NULL; cf-python-workers: main's
				      folder as in the project ("src") */
	const struct bundle_file *project_files; /* written beside the outputs, not
						    uploaded: the wrangler config,
						    pyproject.toml */
	size_t n_project_files;
	const char *const *wasm_builds; /* inputs (paths) whose native files ship:
					   Pyodide's builds, vendored */
	size_t n_wasm_builds;
	int zip_stored;            /* zip members stored, not deflated (the target's
				      zip_members: stored, rules/targets/) */
	/* a Worker project (runtime_stdlib): what wrangler uploads of it */
	const struct wrangler_config *wrangler; /* its module rules and
						   python_modules.exclude;
						   NULL: wrangler's defaults */
	const char *entry;         /* main, relative to app_dir ("worker.py"):
				      uploaded last */
	int force_exclude;         /* python_modules.exclude may leave out a
				      module the app loads */
};

/* a python_modules file the config's python_modules.exclude leaves out */
struct bundle_excluded {
	const char *path;          /* "python_modules/six/tests/test_six.py" */
	const char *glob;          /* the glob that matched */
};

/* what `wrangler deploy` uploads of a Worker project (upload.c) */
struct bundle_upload {
	size_t n_modules;
	long long raw;             /* their bytes */
	long long gzip;            /* one gzip -6 stream over them in wrangler's
				      order, as wrangler prints it; -1: unreadable */
	VEC(const char *) not_uploaded; /* files of main's folder no module rule
					   matches ("src/data.json") */
	VEC(struct bundle_excluded) excluded;
	size_t n_twice;            /* main at the project root: python_modules/
				      files uploaded a second time */
};

struct bundle {
	struct arena arena;
	struct bundle_options opt;
	char *tmpdir;              /* malloc'd; NULL once committed or removed */
	VEC(struct bundle_entry) entries;
	VEC(struct bundle_output) outputs;
	VEC(struct bundle_package) packages; /* largest (gzip) first */
	long long total_raw, total_gzip, total_brotli, largest_file; /* over the outputs;
					   a Worker project: raw and gzip
					   are the upload's */
	struct bundle_upload upload; /* a Worker project only */
	struct sizer *sizer;       /* internal */
};

/* Writes every output into a new temporary directory beside opt->outdir.
 * Refuses (PM_INPUT) an OUTDIR that exists and is not a directory, or is a
 * non-empty directory without a bundle.json (not a bundle: never replaced). */
int bundle_build(struct bundle *b, const struct shaker *s, const struct bundle_options *opt,
		 struct perr *err);
/* Writes bundle.json (the report, rendered by reports/) into the temporary
 * directory and renames the whole into OUTDIR atomically (an existing
 * bundle there is exchanged, then removed). */
int bundle_commit(struct bundle *b, const char *report, size_t n, struct perr *err);
void bundle_release(struct bundle *b);
/* Fills b->upload from the files written (upload.c); bundle_build calls it
 * for a Worker project. */
void bundle_measure_upload(struct bundle *b);

/* The deterministic zip writer (zipwrite.c, over zlib). Members are added
 * in any order and written sorted by name. Data is copied. */
struct zipw;
/* cache_dir: where deflated members are kept by content (NULL: none) */
int zipw_open(struct zipw **out, const char *path, long long mtime, const char *cache_dir,
	      struct perr *err);
/* Members stored (method 0) rather than deflated: for runtimes whose
 * zipimport has no zlib. Call before zipw_close. */
void zipw_store(struct zipw *z);
/* key: the sha256 (hex) of data when the caller has it, else NULL */
int zipw_add(struct zipw *z, const char *name, const void *data, size_t n, const char *key,
	     struct perr *err);
/* A key for the zip's bytes before they are written (its members' keys,
 * names, time, zlib): what sizes are cached under. */
void zipw_key(const struct zipw *z, char out[65]);
/* sha256 of data as 64 hex digits. */
void bundle_content_key(const void *data, size_t n, char out[65]);
/* Writes and closes; on success fills each member's stored size through
 * fn (may be NULL). Frees z in every case. */
int zipw_close(struct zipw *z, void (*fn)(void *ctx, const char *name, long long stored),
	       void *ctx, struct perr *err);
void zipw_discard(struct zipw *z);

/* Sizes (sizes.c): gzip at SIZE_GZIP_LEVEL and brotli at
 * SIZE_BROTLI_QUALITY of a buffer, as counted everywhere in the report; -1
 * on failure. Both are chosen by measurement (docs/bundle.md). Brotli: over
 * CPython 3.13's stdlib, quality 5 gives 14% more bytes than 11 (5% fewer
 * than gzip -9) at 40 times its speed; 6 to 8 save 1-2% more for 1.4-2
 * times the time; 9 to 11 run at 0.7-1.6 MB/s. Gzip: level 6 is what
 * wrangler's own size check uses (node:zlib's gzipSync, default level), and
 * over the same stdlib gives 0.8% more bytes than level 9 at 3.3 times its
 * speed (level 9 was most of a cold run's time). The zip writer deflates at
 * the same level, so a deflated member is not compressed again. The report
 * carries both (bundle.sizes.gzip_level, bundle.sizes.brotli_quality). */
#define SIZE_BROTLI_QUALITY 5
#define SIZE_GZIP_LEVEL 6
long long size_gzip(const void *data, size_t n);
long long size_brotli(const void *data, size_t n);
/* A batch of files to measure, cached by content under cache_dir/sizes
 * (NULL: no cache), compressed on up to four threads by sizer_run. */
struct sizer;
struct sizer *sizer_new(const char *cache_dir);
void sizer_add(struct sizer *z, const void *data, size_t n, long long tag, const char *key);
void sizer_run(struct sizer *z);
/* The i-th result: 1 and the figures, 0 past the end. */
size_t sizer_results(const struct sizer *z, size_t i, long long *tag, long long *gzip, long long *brotli);
void sizer_free(struct sizer *z);
/* Figures shipped with pymode-pkg (bundler/figures/NAME.tsv, embedded by
 * tools/embed-figures): every Python file of the stdlibs listed there,
 * measured by this file's functions with the zlib, gzip level, brotli and
 * quality shipped_figures_versions names ("zlib=1.2.13 gzip=6 brotli=1.0.9
 * quality=5"); the sizer takes a figure from them only when it runs with
 * the same, so a cold bundle of those stdlibs compresses none of their
 * files. Sorted by key. */
struct shipped_figure {
	char key[65];
	int raw, gzip, brotli;
};
extern const struct shipped_figure shipped_figures[];
extern const size_t shipped_figures_n;
extern const char shipped_figures_versions[];

/* The zip writer's: data with this content key (bundle_content_key), raw
 * bytes long, deflated at SIZE_GZIP_LEVEL (raw, windowBits 15, memLevel 8, the
 * default strategy) to zn bytes; sizer_run takes its gzip size from that
 * instead of deflating it again. Thread-safe; forgotten by sizer_free. */
void sizes_note_deflated(const char *key, size_t raw, long long zn);

/* mkdir -p; 0 or -1 with errno. */
int bundle_mkdirs(const char *path);
/* Runs fn(ctx, i) for every i < n on up to four threads (fewer on fewer
 * cores); returns when all are done. */
void bundle_parallel(size_t n, void (*fn)(void *ctx, size_t i), void *ctx);

/* Removes a directory tree (no symlink is followed). 0 or -1 with errno. */
int bundle_remove_tree(const char *path);

/* ---- memory estimate (memory.c) ----
 * runtime_bytes: the target's base (memory.base in rules/targets/NAME.yaml);
 * estimate_bytes: what importing the app plus one handler call allocates
 * beyond what the runtime loaded at boot, from the kept modules with source
 * and the runtime's own that it loads from source when the app imports
 * them (shake_module.loads_source), less what the runtime has loaded at
 * boot (memory.boot, and the roots), by the model
 * tools/calibrate-memory fitted (bundler/memory_model.h), plus the linear
 * memory the wasm variants add; limit_bytes: the target's memory limit, 0
 * none. Comparable with a tracemalloc peak of `import entry` + one call. */
struct memory_inputs {
	long long modules;        /* modules with source, not loaded at boot, that
				     importing the entry and one handler call load
				     for sure (shake_module.eager) */
	long long source_bytes;   /* their source bytes */
	long long largest_tokens; /* the most tokens among them: compiling that
				     module (its AST, the compiler's tables) is
				     the peak */
	long long lazy_modules;   /* the other modules counted: kept (or loaded
				     by the runtime from source) but imported only
				     inside library functions, which may not run */
	long long lazy_source_bytes;
	/* the modules of `modules` in the order they load (compile), each
	 * with its tokens and source bytes: what the model walks */
	const struct memory_load *loads;
	size_t n_loads;
};
struct memory_load {
	const char *name;
	long long tokens, bytes, operands, strings, seq_consts, comps;
};
struct bundle_memory {
	long long runtime_bytes, estimate_bytes, total_bytes, limit_bytes;
	long long modules_bytes;  /* part of estimate_bytes: the modules, by the model */
	long long variant_bytes;  /* part of estimate_bytes: the wasm variants' memory */
	struct memory_inputs in;
	const char *largest_module; /* the one of in.largest_tokens, borrowed from
				       the shaker; NULL when none */
	const char *peak_module;    /* the module whose compile is the model's
				       peak (borrowed); NULL: the peak is after
				       the last one, or the floor */
	struct memory_load *loads;  /* in.loads, owned: bundle_memory_release() */
	/* the model's error on apps it was not fitted to (leave-one-out), on
	 * the profile's own runtime: the measured peak lies within
	 * estimate/(1+high) .. estimate/(1+low) on those apps; per mille,
	 * low <= 0 <= high; band_apps 0: the profile was never measured (the
	 * constants are model_profile's, and no band is promised) */
	int band_low_permille, band_high_permille, band_apps;
	const char *model_profile; /* the profile the constants were fitted on */
	/* of in.modules: what the runtime loads from its own source, not
	 * shipped: its stdlib (cf-python-workers, read from the stdlib
	 * source) and its builds (Pyodide's, read from the wheels given) */
	long long runtime_stdlib_modules, runtime_dist_modules;
	int stdlib_uncounted;     /* the runtime's stdlib could not be read (no
				     stdlib source): its modules are missing */
	size_t runtime_dists;     /* runtime builds counted from their wheels */
	const char *unsized[8];   /* runtime builds reached with no Python source
				     in the wheel given: not counted (borrowed) */
	size_t n_unsized;
};
/* One profile's model, as tools/calibrate-memory fitted it to that
 * profile's runtime (memory_model.h): the constants and the errors. */
struct memory_model {
	const char *profile;          /* a target of rules/targets */
	long long per_module;         /* bytes each module loaded keeps */
	long long per_kbyte;          /* and per KiB of its source */
	long long per_token;          /* compiling a module: the transient per
					 token (its AST, the compiler's tables) */
	long long per_operand;        /* and per operand of it (name, number,
					 string: an AST node each) */
	long long per_string;         /* and per string literal (an object each) */
	long long per_seq_const;      /* and per constant of the tuple and list
					 displays of its largest code unit
					 (folded by 3.14's code generator) */
	long long per_comp;           /* and per list, set or dict
					 comprehension of its code unit with
					 the most (inlined there: 3.12+) */
	long long fixed;              /* bytes any app keeps: the import
					 system's first use after the boot */
	long long floor;              /* the least peak of any app: the
					 import system's first use, transient */
	int apps;                     /* apps measured */
	int worst_permille;           /* the fit's worst error, per mille */
	int low_permille, high_permille; /* held-out (leave-one-out) band */
};
/* The model of profile (a target name), or NULL when it was never
 * measured; memory_model_default(): the one to use then (the first
 * profile calibrated). Static data. */
const struct memory_model *memory_model_for(const char *profile);
const struct memory_model *memory_model_default(void);
/* The model alone: bytes for these inputs. */
long long memory_model_estimate(const struct memory_model *mm, const struct memory_inputs *in);
/* The same, and which of in->loads is the peak (-1: after the last, or the floor). */
long long memory_model_peak(const struct memory_model *mm, const struct memory_inputs *in, long *at);
/* Fills out from what the shaker kept, the model of profile (the target
 * whose runtime the estimate is for: the target, or --memory-profile),
 * the target's memory profile (m, from rules_target_memory; NULL: no
 * profile, base 0 and the roots as the boot set) and limits; variants: the
 * native_info of each wasm variant file given (NULL when none): a side
 * module adds its static data (wasm_data), a whole runtime what its
 * initial memory has beyond the base. */
void bundle_memory(const struct shaker *s, const char *profile, const struct target_memory *m,
		   const struct target_limits *limits, const struct native_info *variants,
		   size_t n_variants, struct bundle_memory *out);
void bundle_memory_release(struct bundle_memory *bm);

/* ---- wasm variants (wasm.c, binaryen) ---- */
struct wasm_import_module {
	char *name;               /* "wasi_snapshot_preview1", "env" */
	size_t count;             /* imports from it */
};
struct wasm_variant_info {
	int valid;                /* binaryen validated it */
	int unread;               /* binaryen cannot read it (a feature newer than
				     Debian's binaryen 108, as in Pyodide 0.28's
				     own modules, or malformed): not validated or
				     optimized; memory, dylink.0 and size come
				     from the scanner's own parser */
	long long size;           /* file bytes */
	int has_memory;           /* defines or imports a memory */
	long long initial_pages, max_pages; /* 64 KiB pages; max -1: none */
	int shared;               /* the memory is shared */
	size_t n_imports;         /* function, global and table imports */
	struct wasm_import_module *import_modules; /* by first appearance; malloc'd */
	size_t n_import_modules;
	size_t n_exports, n_functions; /* functions defined (not imported) */
	size_t n_data_segments;
	long long data_bytes;     /* bytes of its data segments */
	long long optimized_size; /* after -Oz; -1 when not optimized */
	/* a member of a wheel (a .whl in --variants DIR: a Pyodide build) */
	char *archive;            /* the wheel's path; NULL for a .wasm file; malloc'd */
	char *member;             /* the member's path inside it; malloc'd */
	struct wasm_dylink dylink; /* .present: a side module (emscripten .so) */
	char **needed;            /* the libraries its dylink.0 needs; malloc'd */
	size_t n_needed;
};
/* Reads and validates path with binaryen and fills info; optimize: runs
 * -Oz (optimize level 2, shrink level 2) and sets optimized_size, writing
 * the result to out_path when not NULL (atomically). A file that is not
 * wasm or does not validate is PM_INPUT with one line in err (nothing is
 * printed: binaryen runs its first read in a child with stderr closed).
 * Release info with wasm_variant_info_release whatever the result. */
int wasm_variant_inspect(const char *path, int optimize, const char *out_path,
			 struct wasm_variant_info *info, struct perr *err);
/* The same for a module held in memory, named name in messages. */
int wasm_variant_inspect_buf(const char *name, const void *buf, size_t n, int optimize,
			     const char *out_path, struct wasm_variant_info *info, struct perr *err);
/* Every member of the wheel at path that is wasm (magic "\0asm": a Pyodide
 * build's side modules), read in memory through the scanner's archive
 * reader (its budgets and checks) and inspected as above, appended to *v
 * (archive and member set). 0 when read, with *n_wasm the members found (0:
 * no Pyodide build; the caller notes it); PM_INPUT with one line naming the
 * archive and the member when either is corrupt or a member is not valid
 * wasm. Entries appended are the caller's to release, whatever the result. */
struct wasm_variant_vec { struct wasm_variant_info *v; size_t n, alloc; }; /* a VEC */
int wasm_wheel_inspect(const char *path, int optimize, struct wasm_variant_vec *v, size_t *n_wasm,
		       struct perr *err);
/* What a variant file costs in the memory estimate, as bundle_memory reads
 * it: a side module (dylink.0) its reserved static data, the larger of
 * mem_info's memory size (which holds its data segments) and the data
 * segments' bytes; a whole runtime its initial linear memory and data. */
void wasm_variant_memory(const struct wasm_variant_info *info, struct native_info *out);
void wasm_variant_info_release(struct wasm_variant_info *info);

#endif
