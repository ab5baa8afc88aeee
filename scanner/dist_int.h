/* dist_int.h: private to scanner/: the per-file work shared by the wheel,
 * sdist and app flows (distribution.c) and the installed flow (installed.c). */
#ifndef PYMODE_DIST_INT_H
#define PYMODE_DIST_INT_H

#include "scanner.h"

#define DIST_DEFAULT_MAX_MEMBER ((size_t)64 << 20)

struct distribution *dist_new(enum dist_kind kind, const char *input);
void dist_problem(struct distribution *d, const char *file, int line, int severe,
		  const char *fmt, ...) PM_PRINTF(5, 6);
/* The current member of src, at rel relative to the import root (NULL when
 * the member is not importable by path, e.g. .data/scripts): scans sources,
 * sniffs native code, notes .pyc. want_hash: sha256 of the bytes into
 * digest (urlsafe base64, 44 bytes) when the member was read. */
int dist_process_member(struct distribution *d, struct source *src, const struct member *m,
			const char *rel, const struct scan_options *opt, char *digest,
			struct perr *err);
/* After all members: drops .pyc modules shadowed by sources, sorts modules. */
void dist_finish(struct distribution *d);
/* Reads a small text member by name into an arena string; NULL if absent. */
const char *dist_read_text(struct distribution *d, struct source *src, const char *name,
			   size_t *len, struct perr *err);
void dist_apply_metadata(struct distribution *d, const char *file, const char *text, size_t n);
void dist_apply_top_level(struct distribution *d, const char *text, size_t n);
/* entry_points.txt: [group] then `name = module:attr [extras]` lines */
void dist_apply_entry_points(struct distribution *d, const char *text, size_t n);

int scan_installed(const char *path, const struct scan_options *opt, dist_fn fn, void *ctx,
		   struct perr *err);

#endif
