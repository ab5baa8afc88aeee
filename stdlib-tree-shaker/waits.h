/* waits.h: what a function found dead waits on, so the shaker's rounds
 * test it again only once something it looked up has changed.
 *
 * A pending function (a module and its funcs chain, as import_edge.funcs)
 * is tested by the shaker's func_live, which only looks things up: a name
 * among the live ones, a name's tail among the mentioned ones, a "KEY\tname"
 * mention, a module's importers (or its open scope), whether copy or pickle
 * is reached. All of those only grow, and a function dead now stays dead
 * until one of the lookups that failed would succeed. So while a test runs
 * (waits_begin .. waits_end) the shaker names each lookup that failed
 * (waits_on); when it then adds that thing (waits_fire) every function that
 * waits on it is stale and is tested again; one nothing it waits on has
 * happened to is still dead (waits_dead) and is not tested. The waits own
 * their copies of the keys; nothing here knows what a function is.
 */
#ifndef PYMODE_WAITS_H
#define PYMODE_WAITS_H

#include "../common/common.h"

enum wait_kind {
	WAIT_LIVE,    /* key: a name added to the live names */
	WAIT_TAIL,    /* key: a tail added to the mentioned tails */
	WAIT_MENTION, /* key: "KEY\tname" added to the mentions */
	WAIT_MODULE,  /* module: an importer added, or its scope opened */
	WAIT_COPIER,  /* copy, pickle or _pickle reached */
	WAIT_KINDS
};

struct wait_func {
	int tested;  /* tested at least once */
	int dead;    /* the last test said dead */
	int stale;   /* something it waits on happened since */
};

struct wait_link {
	int func; /* id */
	int next; /* the next link + 1; 0 ends the list */
};

struct waits {
	struct strmap index;          /* "MODULE\tfuncs" -> id */
	VEC(struct wait_func) funcs;  /* by id - 1 */
	struct strmap keys[WAIT_MODULE]; /* key -> its first link + 1 */
	VEC(int) modules;             /* module -> its first link + 1 */
	int copier;                   /* the first link + 1 */
	VEC(struct wait_link) links;
	int testing;                  /* the id under test, 0 when none */
};
#define WAITS_INIT { STRMAP_INIT, VEC_INIT, { STRMAP_INIT, STRMAP_INIT, STRMAP_INIT }, VEC_INIT, 0, VEC_INIT, 0 }

/* The id (>= 1) of module's function funcs (not NULL), made the first time. */
int waits_func(struct waits *w, int module, const char *funcs);
/* 1 when id was tested dead and nothing it waits on has happened since. */
int waits_dead(const struct waits *w, int id);
/* Around one test of id: the lookups that fail in between are its waits. */
void waits_begin(struct waits *w, int id);
void waits_end(struct waits *w, int live);
/* A lookup that failed during a test (nothing outside one). key for the
 * first three kinds, module for WAIT_MODULE. */
void waits_on(struct waits *w, enum wait_kind kind, const char *key, int module);
/* The thing was added: what waits on it is tested again. */
void waits_fire(struct waits *w, enum wait_kind kind, const char *key, int module);
void waits_release(struct waits *w);

#endif
