/* common.h: the few pieces every stage shares: allocation wrappers, the
 * growable buffer (strbuf), the per-run arena, error values, growable arrays,
 * a string hash map, a JSON writer, UTF-8 and path helpers.
 * It holds no knowledge of Python packaging; that lives in the stages.
 *
 * Ownership, once for the whole header:
 *  - x*alloc never return NULL: they abort with a message on out-of-memory,
 *    and that is the only abort in the program.
 *  - A strbuf owns its bytes; buf is never NULL (STRBUF_INIT points at a
 *    shared empty string); strbuf_detach hands the bytes to the caller.
 *  - Arena memory is borrowed by everyone and freed once by arena_release.
 *  - struct perr carries the whole message; only cli/ prints it.
 */
#ifndef PYMODE_COMMON_H
#define PYMODE_COMMON_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#if defined(__GNUC__)
#define PM_PRINTF(f, a) __attribute__((format(printf, f, a)))
#define PM_NORETURN __attribute__((noreturn))
#else
#define PM_PRINTF(f, a)
#define PM_NORETURN
#endif

/* Exit statuses (DESIGN.md). Library functions return these as error codes. */
enum pm_exit {
	PM_OK = 0,    /* fine */
	PM_GATE = 1,  /* a gate failed: verdict at/over --fail-on, budget exceeded */
	PM_USAGE = 2, /* usage error */
	PM_INPUT = 3  /* bad input or I/O failure */
};

/* ---- allocation ---- */
void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
PM_NORETURN void die_oom(size_t n);

/* ---- error values ---- */
struct perr {
	int code;       /* an enum pm_exit value; 0 when no error */
	char msg[1024]; /* the whole message, lowercase, no full stop */
};
#define PERR_INIT { 0, { 0 } }
/* Sets err (if not NULL) and returns code, so callers write
 * `return perr_set(err, PM_INPUT, "'%s': %s", path, why);` */
int perr_set(struct perr *err, int code, const char *fmt, ...) PM_PRINTF(3, 4);
/* Prefixes the existing message: "<prefix>: <old message>". */
int perr_wrap(struct perr *err, const char *fmt, ...) PM_PRINTF(2, 3);

/* ---- strbuf: git's rules plus curl's maximum size ---- */
extern char strbuf_empty[];
struct strbuf {
	char *buf;    /* never NULL, always NUL-terminated */
	size_t len;
	size_t alloc; /* 0 while buf is strbuf_empty */
	size_t max;   /* 0 = unbounded; otherwise growth past max fails */
};
#define STRBUF_INIT { strbuf_empty, 0, 0, 0 }
void strbuf_init(struct strbuf *sb, size_t hint);
void strbuf_release(struct strbuf *sb);         /* frees the bytes, back to INIT */
void strbuf_reset(struct strbuf *sb);           /* len = 0, keeps memory */
char *strbuf_detach(struct strbuf *sb, size_t *len); /* caller frees with free() */
/* Growth functions return 0, or -1 when the result would pass sb->max (the
 * buffer is then unchanged). With max == 0 they cannot fail. */
int strbuf_grow(struct strbuf *sb, size_t extra);
int strbuf_add(struct strbuf *sb, const void *data, size_t n);
int strbuf_addstr(struct strbuf *sb, const char *s);
int strbuf_addch(struct strbuf *sb, int c);
int strbuf_addf(struct strbuf *sb, const char *fmt, ...) PM_PRINTF(2, 3);
int strbuf_vaddf(struct strbuf *sb, const char *fmt, va_list ap);
void strbuf_setlen(struct strbuf *sb, size_t len);
/* Reads a whole file; fails with PM_INPUT if unreadable or longer than max
 * (0 = unbounded). On failure sb is as it was (memory it took is freed),
 * so an error path need not release what it never got. */
int strbuf_read_file(struct strbuf *sb, const char *path, size_t max, struct perr *err);
/* Writes data to "<path>.tmp.<pid>" and renames it over path, so readers
 * see the old file or the whole new one; on failure the temporary is
 * removed and PM_INPUT says "cannot write '<path>': <why>". */
int write_file_atomic(const char *path, const void *data, size_t n, struct perr *err);

/* ---- arena: many small allocations, freed at once ---- */
struct arena_block;
struct arena {
	struct arena_block *head;
	size_t used_total; /* bytes handed out, for reports and benchmarks */
};
#define ARENA_INIT { NULL, 0 }
void *arena_alloc(struct arena *a, size_t n);  /* zeroed, 16-byte aligned */
char *arena_strdup(struct arena *a, const char *s);
char *arena_strndup(struct arena *a, const char *s, size_t n);
char *arena_printf(struct arena *a, const char *fmt, ...) PM_PRINTF(2, 3);
void arena_release(struct arena *a);

/* ---- growable arrays: VEC(T) v = VEC_INIT; *VEC_PUSH(&v) = x; ---- */
#define VEC(T) struct { T *v; size_t n, alloc; }
#define VEC_INIT { NULL, 0, 0 }
#define VEC_PUSH(vp) \
	(vec_grow_((void **)&(vp)->v, &(vp)->alloc, (vp)->n + 1, sizeof(*(vp)->v)), \
	 &(vp)->v[(vp)->n++])
#define VEC_FREE(vp) (free((vp)->v), (vp)->v = NULL, (vp)->n = (vp)->alloc = 0)
void vec_grow_(void **v, size_t *alloc, size_t need, size_t elem);

/* ---- string hash map: keys are copied into the map's own storage ---- */
struct strmap_entry {
	char *key;   /* owned by the map */
	void *value; /* the caller's; never freed by the map */
	uint32_t hash;
};
struct strmap {
	struct strmap_entry *slots;
	size_t cap, count;
};
#define STRMAP_INIT { NULL, 0, 0 }
/* ---- a shared library opened on first use (dl.c) ---- */
struct pm_dl {
	const char *soname;  /* "libcurl.so.4" */
	const char *package; /* the Debian package that ships it, for the message */
	void *handle;
	char failed[400];    /* why it cannot be used, once it failed */
};
/* Opens the library the first time; 0, or PM_INPUT naming it and its package. */
int pm_dl_open(struct pm_dl *lib, struct perr *err);
/* The address of name in the opened library; NULL (and the library closed,
 * err set) when it lacks it. */
void *pm_dl_sym(struct pm_dl *lib, const char *name, struct perr *err);

uint32_t pm_hash(const char *s, size_t n); /* in-memory only: never stored */
/* Returns the entry for key, inserting it (value NULL) if absent; *created
 * says which (may be NULL). The pointer is valid until the next insert. */
struct strmap_entry *strmap_put(struct strmap *m, const char *key, int *created);
void *strmap_get(const struct strmap *m, const char *key);
int strmap_has(const struct strmap *m, const char *key);
void strmap_release(struct strmap *m);
#define STRMAP_FOREACH(m, e) \
	for (struct strmap_entry *e = (m)->slots; (m)->slots && e < (m)->slots + (m)->cap; e++) \
		if (e->key)

/* ---- JSON writer: appends to a strbuf; pretty-printed with 2 spaces ---- */
struct json {
	struct strbuf *out;
	int depth;
	int need_comma[64];
	int after_key;
};
void json_init(struct json *j, struct strbuf *out);
void json_begin_object(struct json *j);
void json_end_object(struct json *j);
void json_begin_array(struct json *j);
void json_end_array(struct json *j);
void json_key(struct json *j, const char *key);
void json_string(struct json *j, const char *s); /* NULL writes null */
void json_int(struct json *j, long long v);
void json_double(struct json *j, double v);
void json_bool(struct json *j, int v);
void json_null(struct json *j);
/* key + value shorthands */
void json_kv_string(struct json *j, const char *key, const char *s);
void json_kv_int(struct json *j, const char *key, long long v);
void json_kv_bool(struct json *j, const char *key, int v);
/* key and an array of the n strings of v */
void json_kv_strings(struct json *j, const char *key, const char *const *v, size_t n);
/* Appends s as a JSON string literal (quotes included); invalid UTF-8 bytes
 * become U+FFFD so the document stays valid. */
void json_quote(struct strbuf *out, const char *s, size_t n);

/* ---- reading JSON (jsonread.c): a bounded RFC 8259 parser into an arena
 * tree for pyodide-lock.json and PEP 691 pages; errors are PM_INPUT with
 * "file:line:col: what" ---- */
enum jnode_type { J_NULL, J_BOOL, J_NUMBER, J_STRING, J_ARRAY, J_OBJECT };
struct jnode {
	enum jnode_type type;
	const char *str;      /* STRING: decoded (NUL-free); NUMBER: its text */
	size_t len;
	int boolean;
	struct jnode **items; /* ARRAY: items; OBJECT: key (STRING), value, ... */
	size_t n;
};
int jtree_parse(struct arena *a, const char *file, const char *text, size_t len,
		struct jnode **root, struct perr *err);
/* Object member by key, or NULL. */
const struct jnode *jnode_get(const struct jnode *obj, const char *key);

/* ---- text helpers ---- */
int starts_with(const char *s, const char *prefix);
int ends_with(const char *s, const char *suffix);
int ends_with_ci(const char *s, const char *suffix);
/* Appends code point cp as UTF-8 (cp <= 0x10ffff; callers reject or
 * replace surrogates as their format says). */
void strbuf_add_utf8(struct strbuf *sb, unsigned long cp);
/* 0..15 for a hex digit, -1 otherwise. */
int hex_digit_value(int c);
/* Length of the valid UTF-8 prefix of s[0..n); == n when all valid. */
size_t utf8_valid_prefix(const unsigned char *s, size_t n);
/* Copies s into a printable form: control and invalid bytes become \xNN.
 * For quoting hostile names in messages. Returns an arena string. */
const char *printable(struct arena *a, const char *s, size_t n);
/* The same, appended to sb: the one rule every message quoting input goes
 * through (cli/ prints every error and warning with it). */
void strbuf_add_printable(struct strbuf *sb, const char *s, size_t n);
/* 1 when s is exactly 64 hex digits (a sha256 as indexes and pip write it). */
int sha256_hex_valid(const char *s);

/* ---- paths ---- */
const char *path_basename(const char *path); /* borrowed: points into path */
char *path_join(const char *dir, const char *name); /* caller frees */
int path_is_dir(const char *path);
int path_is_file(const char *path);
/* 1 when a member name is safe to treat as relative inside an archive:
 * not absolute, no "..", no backslash drive, no NUL; 0 otherwise. */
int path_is_safe_member(const char *name);

#endif
