/* db.c: the rule database's life cycle: the SQLite schema, building it from
 * rule directories (layers over the default compiled into the binary),
 * opening a compiled file or the default, and writing a compiled file
 * atomically. Queries live in query.c; YAML checking in load.c. */
#include "rules_int.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char schema_sql[] =
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;"
	"CREATE TABLE target(name TEXT PRIMARY KEY, ord INTEGER, is_default INTEGER,"
	" description TEXT, python TEXT, bundle_gzip INTEGER, overhead_gzip INTEGER,"
	" bundle_raw INTEGER, memory INTEGER, cpu_ms INTEGER, rule_id TEXT) WITHOUT ROWID;"
	"CREATE TABLE target_item(target TEXT, kind TEXT, ord INTEGER, key TEXT, value TEXT);"
	"CREATE INDEX target_item_key ON target_item(target, kind, key);"
	"CREATE TABLE stdlib(name TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE cmodule(name TEXT PRIMARY KEY, core INTEGER) WITHOUT ROWID;"
	"CREATE TABLE requires(module TEXT, needs TEXT, rule_id TEXT,"
	" PRIMARY KEY(module, needs)) WITHOUT ROWID;"
	"CREATE TABLE module_rule(target TEXT, module TEXT, status INTEGER, note TEXT,"
	" remedy TEXT, rule_id TEXT, fidelity INTEGER, PRIMARY KEY(target, module)) WITHOUT ROWID;"
	"CREATE TABLE package_rule(target TEXT, package TEXT, kind INTEGER, note TEXT,"
	" file TEXT, version TEXT, modules TEXT, alternatives TEXT, rule_id TEXT, native TEXT,"
	" PRIMARY KEY(target, package)) WITHOUT ROWID;"
	"CREATE TABLE size_limit(target TEXT, ord INTEGER, name TEXT, measure TEXT, bytes INTEGER,"
	" overhead INTEGER, source TEXT, date TEXT);"
	"CREATE TABLE frozen(name TEXT PRIMARY KEY) WITHOUT ROWID;"
	"CREATE TABLE implicit(module TEXT, needs TEXT, when_name TEXT, rule_id TEXT);"
	"CREATE INDEX implicit_module ON implicit(module);"
	"CREATE TABLE codec(name TEXT PRIMARY KEY, module TEXT) WITHOUT ROWID;"
	"CREATE TABLE gated(module TEXT, needs TEXT, when_names TEXT, why TEXT, rule_id TEXT, rows TEXT, takes TEXT,"
	" PRIMARY KEY(module, needs)) WITHOUT ROWID;"
	"INSERT INTO meta VALUES ('schema', '" RULES_SCHEMA "');";

int rulesdb_error(sqlite3 *db, struct perr *err, const char *what)
{
	return perr_set(err, PM_INPUT, "%s: %s", what, db ? sqlite3_errmsg(db) : "out of memory");
}

int rulesdb_create_schema(sqlite3 *db, struct perr *err)
{
	if (sqlite3_exec(db, schema_sql, NULL, NULL, NULL) != SQLITE_OK)
		return rulesdb_error(db, err, "creating the rules database");
	return 0;
}

/* opens an in-memory copy of image (a whole database file); name for messages */
static int open_image(sqlite3 **out, const unsigned char *image, size_t len, const char *name,
		      int check, struct perr *err)
{
	sqlite3 *db = NULL;
	unsigned char *copy;
	sqlite3_stmt *st;
	int ok = 0;

	*out = NULL;
	if (len < 100 || memcmp(image, "SQLite format 3", 16))
		return perr_set(err, PM_INPUT, "rules database '%s' is not a SQLite database", name);
	if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
		sqlite3_close(db);
		return perr_set(err, PM_INPUT, "cannot open an in-memory database");
	}
	if (!(copy = sqlite3_malloc64(len)))
		die_oom(len);
	memcpy(copy, image, len);
	if (sqlite3_deserialize(db, "main", copy, len, len,
				SQLITE_DESERIALIZE_FREEONCLOSE | SQLITE_DESERIALIZE_RESIZEABLE) != SQLITE_OK) {
		int rc = perr_set(err, PM_INPUT, "rules database '%s' is corrupt: %s", name,
				  sqlite3_errmsg(db));
		sqlite3_close(db);
		return rc;
	}
	if (check) {
		if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) == SQLITE_OK) {
			ok = sqlite3_step(st) == SQLITE_ROW &&
			     !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
			sqlite3_finalize(st);
		}
		if (!ok) {
			int rc = perr_set(err, PM_INPUT, "rules database '%s' is corrupt: %s", name,
					  sqlite3_errcode(db) != SQLITE_OK ? sqlite3_errmsg(db)
									   : "integrity check failed");
			sqlite3_close(db);
			return rc;
		}
		ok = 0;
	}
	if (sqlite3_prepare_v2(db, "SELECT value FROM meta WHERE key = 'schema'", -1, &st, NULL) == SQLITE_OK) {
		ok = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) &&
		     !strcmp((const char *)sqlite3_column_text(st, 0), RULES_SCHEMA);
		sqlite3_finalize(st);
	} else {
		int rc = perr_set(err, PM_INPUT, "rules database '%s' is corrupt or not a rules database: %s",
				  name, sqlite3_errmsg(db));
		sqlite3_close(db);
		return rc;
	}
	if (!ok) {
		sqlite3_close(db);
		return perr_set(err, PM_INPUT, "rules database '%s' is not a %s database "
				"(recompile it with 'pymode-pkg rules compile')", name, RULES_SCHEMA);
	}
	*out = db;
	return 0;
}

static int open_default(sqlite3 **out, struct perr *err)
{
	if (!&rules_default_db || !&rules_default_db_len || !rules_default_db_len) {
		sqlite3 *db;
		if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
			sqlite3_close(db);
			return perr_set(err, PM_INPUT, "cannot open an in-memory database");
		}
		*out = db;
		return rulesdb_create_schema(db, err);
	}
	return open_image(out, rules_default_db, rules_default_db_len, "(built-in default)", 0, err);
}

int rulesdb_build(sqlite3 **out, const char *const *dirs, size_t n_dirs, int with_default,
		  struct perr *err)
{
	sqlite3 *db = NULL;
	int rc;

	*out = NULL;
	if (with_default) {
		rc = open_default(&db, err);
	} else if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
		sqlite3_close(db);
		return perr_set(err, PM_INPUT, "cannot open an in-memory database");
	} else {
		rc = rulesdb_create_schema(db, err);
	}
	for (size_t i = 0; !rc && i < n_dirs; i++)
		rc = rulesdb_load_dir(db, dirs[i], err);
	if (rc) {
		sqlite3_close(db);
		return rc;
	}
	*out = db;
	return 0;
}

int rules_open(struct rules **out, const char *db_path, const char *const *overlays,
	       size_t n_overlays, struct perr *err)
{
	sqlite3 *db = NULL;
	struct rules *r;
	int rc;

	*out = NULL;
	if (db_path) {
		struct strbuf sb = STRBUF_INIT;
		if ((rc = strbuf_read_file(&sb, db_path, 256 << 20, err)))
			return rc;
		rc = open_image(&db, (const unsigned char *)sb.buf, sb.len, db_path, 1, err);
		strbuf_release(&sb);
	} else {
		rc = open_default(&db, err);
	}
	for (size_t i = 0; !rc && i < n_overlays; i++)
		rc = rulesdb_load_dir(db, overlays[i], err);
	if (rc) {
		sqlite3_close(db);
		return rc;
	}
	r = xcalloc(1, sizeof(*r));
	r->db = db;
	*out = r;
	return 0;
}

void rules_close(struct rules *r)
{
	if (!r)
		return;
	while (r->n_stmts)
		sqlite3_finalize(r->stmts[--r->n_stmts].st);
	sqlite3_close(r->db);
	strmap_release(&r->targets);
	strmap_release(&r->mcache);
	arena_release(&r->arena);
	free(r);
}

int rules_lint(const char *const *dirs, size_t n_dirs, int with_default, struct perr *err)
{
	sqlite3 *db;
	int rc = rulesdb_build(&db, dirs, n_dirs, with_default, err);
	if (!rc)
		sqlite3_close(db);
	return rc;
}

int rules_compile(const char *const *dirs, size_t n_dirs, int with_default,
		  const char *out_path, struct perr *err)
{
	sqlite3 *db;
	sqlite3_stmt *st;
	struct strbuf tsb = STRBUF_INIT;
	const char *tmp;
	int rc;

	if ((rc = rulesdb_build(&db, dirs, n_dirs, with_default, err)))
		return rc;
	strbuf_addf(&tsb, "%s.tmp%ld", out_path, (long)getpid());
	tmp = tsb.buf;
	unlink(tmp);
	if (sqlite3_prepare_v2(db, "VACUUM INTO ?", -1, &st, NULL) != SQLITE_OK) {
		rc = rulesdb_error(db, err, "compiling the rules database");
	} else {
		sqlite3_bind_text(st, 1, tmp, -1, SQLITE_STATIC);
		if (sqlite3_step(st) != SQLITE_DONE)
			rc = perr_set(err, PM_INPUT, "cannot write '%s': %s", out_path, sqlite3_errmsg(db));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	if (!rc && rename(tmp, out_path))
		rc = perr_set(err, PM_INPUT, "cannot write '%s': %s", out_path, strerror(errno));
	if (rc)
		unlink(tmp);
	strbuf_release(&tsb);
	return rc;
}

const char *rules_normalize(struct arena *a, const char *name)
{
	size_t n = strlen(name);
	char *out = arena_alloc(a, n + 1), *o = out;

	for (const char *p = name; *p; p++) {
		if (*p == '-' || *p == '_' || *p == '.') {
			if (o == out || o[-1] != '-')
				*o++ = '-';
		} else {
			*o++ = (*p >= 'A' && *p <= 'Z') ? *p - 'A' + 'a' : *p;
		}
	}
	*o = 0;
	return out;
}
