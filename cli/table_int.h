/* table_int.h: what cli/table.c shares with its result cache
 * (table_cache.c). A run owns its units and keys in run->arena. */
#ifndef PYMODE_CLI_TABLE_INT_H
#define PYMODE_CLI_TABLE_INT_H

#include "../reports/report.h"

struct table_unit {        /* one input file or directory */
	const char *path;
	unsigned mask;         /* bit ti: judge it for targets[ti] */
	int requested;         /* from a requirements file */
	size_t scan_target;    /* the target whose env the scan uses */
	char sha256[65];       /* hex, once the cache hashed the file */
	long long gzip;        /* a wheel's gzip size measured ahead (on the
				  part's threads), -1 unknown; -2 not measured */
	int gz_state;          /* GZ_*: where that measurement is */
};
enum { GZ_NONE, GZ_QUEUED, GZ_CLAIMED, GZ_DONE };
struct gzip_bg;

/* One distribution's --check, waiting for the part's other ones. */
struct table_check {
	const char *name, *normalized, *version; /* its row */
	const char *input;  /* the wheel */
	const char *dir;    /* a temporary dir holding entry.py */
	unsigned mask;      /* the targets its row is present on */
};

struct table_run {
	struct arena arena;
	struct rules *rules;
	const char *targets[TABLE_MAX_TARGETS];
	struct target_info info[TABLE_MAX_TARGETS];
	size_t n_targets;
	VEC(struct table_unit) units;
	struct gzip_bg *gz;    /* the part's gzip sizes, measured beside the scan */
	size_t n_scanned;      /* distributions the scanner read */
	size_t n_rejudged;     /* judged again from a cached scan */
	size_t n_cached;       /* rows the cache answered whole */
	int check;             /* --check: the import smoke test */
	/* --check's imports, run together when the part has been scanned */
	VEC(struct table_check) checks;
	/* the cache: <dir>/scan/<sha256>.json (the scan, valid while the
	 * SCANNER_VERSION is the same), <dir>/<sha256>.json (a one-row table
	 * document) and <sha256>.keys ("target<TAB>key" per cell); a cell is
	 * reused while its key, hashed from the tool version, the target's
	 * rules and the package's own rule, is the same */
	int use_cache;
	const char *cache_dir;
	char target_key[TABLE_MAX_TARGETS][65];
	/* <dir>/stat-memo: a file's sha256 by its path and stat (device,
	 * inode, size, mtime, ctime to the nanosecond), for files whose mtime
	 * and ctime were already STAT_MEMO_AGE s old when hashed; anything
	 * else is hashed */
	struct strmap stat_memo;  /* path -> struct stat_memo * (in arena) */
	int memo_dirty;
};

/* Sets up the cache under dir/table (dir NULL: the default cache dir). */
int table_cache_open(struct table_run *run, const char *dir, struct perr *err);
void table_cache_close(struct table_run *run);
/* Writes the stat memo when this process added to it (a --jobs worker
 * before it exits; table_cache_close does it for the run). */
void table_cache_save_memo(struct table_run *run);
/* 1 and out filled when every cell the unit needs is cached, else 0. */
int table_cache_get(struct table_run *run, struct table_unit *u, struct table *out);
/* Stores the one row of t for the unit (best effort: failures are ignored). */
void table_cache_put(struct table_run *run, struct table_unit *u, const struct table *t);

/* 1 and *d (free it with dist_free) and *size_gzip when the unit's file has
 * a cached scan of this SCANNER_VERSION, else 0. */
int table_scan_get(struct table_run *run, struct table_unit *u, struct distribution **d,
		   long long *size_gzip);
/* 1 when the unit's file has a cached scan (which holds its gzip size). */
int table_scan_exists(struct table_run *run, struct table_unit *u);
/* Stores the unit's scan (dist_json's text) and its gzip size (best effort). */
void table_scan_put(struct table_run *run, struct table_unit *u, const struct strbuf *scan,
		    long long size_gzip);

#endif
