/* rules_int.h: polyfill-db's private pieces shared by its .c files: the
 * struct rules, the small YAML and JSON trees, the loader that turns rule
 * directories into SQLite rows. Nothing outside polyfill-db/ includes it.
 * Ownership: tree nodes and strings live in the arena passed to the parser.
 */
#ifndef PYMODE_RULES_INT_H
#define PYMODE_RULES_INT_H

#include "rules.h"

#include <sqlite3.h>

/* 2: module_rule.fidelity, package_rule.native, status 5 (limited) */
#define RULES_SCHEMA "pymode-rules/5"

struct rules {
	sqlite3 *db;
	struct arena arena;       /* query results, borrowed by callers */
	struct strmap targets;    /* name -> struct target_info * (loaded lazily) */
	struct strmap mcache;     /* "target\tmodule" -> struct module_rule * */
	const char **target_names;
	size_t n_target_names;
	/* prepared statements kept for reuse, by their SQL (query.c prep/unprep):
	 * preparing one costs more than the lookup it runs */
	struct rules_stmt { const char *sql; sqlite3_stmt *st; int busy; } stmts[24];
	size_t n_stmts;
};

/* ---- a parsed YAML document (yaml_tree.c) ---- */
enum ynode_type { Y_SCALAR, Y_SEQ, Y_MAP };
struct ynode {
	enum ynode_type type;
	const char *str;       /* scalar text */
	int plain;             /* scalar was unquoted */
	int line, col;         /* 1-based */
	struct ynode **items;  /* SEQ: items; MAP: key, value, key, value, ... */
	size_t n;              /* number of items (MAP: 2 * pairs) */
};
/* Parses text (named file in messages); *root is NULL for an empty file.
 * Errors: PM_INPUT "file:line:col: what". */
int ytree_parse(struct arena *a, const char *file, const char *text, size_t len,
		struct ynode **root, struct perr *err);

/* ---- schema and loading (db.c, load.c) ---- */
int rulesdb_create_schema(sqlite3 *db, struct perr *err);
/* Loads one rule directory as one layer into db: later layers replace
 * earlier rows per key; a key twice in one layer is an error. */
int rulesdb_load_dir(sqlite3 *db, const char *dir, struct perr *err);
/* Opens an in-memory database holding the default (when with_default) or
 * an empty schema, then loads each dir. */
int rulesdb_build(sqlite3 **out, const char *const *dirs, size_t n_dirs, int with_default,
		  struct perr *err);
/* sqlite error on db as a perr: "what: sqlite message". */
int rulesdb_error(sqlite3 *db, struct perr *err, const char *what);

/* the default database compiled into the binary (default_db.c, generated);
 * weak so that tools/embed-rules links without it */
extern const unsigned char rules_default_db[] __attribute__((weak));
extern const unsigned int rules_default_db_len __attribute__((weak));

/* PEP 503 normalized package name into the arena */
const char *rules_normalize(struct arena *a, const char *name);

#endif
