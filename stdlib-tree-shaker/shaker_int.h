/* shaker_int.h: what the shaker's own files share and nothing else may use:
 * the code-runs test of a funcs chain and the eager marking (eager.c) that
 * shaker_run calls once reachability is done. */
#ifndef PYMODE_SHAKER_INT_H
#define PYMODE_SHAKER_INT_H

#include "shaker.h"

/* 1 for code that runs when its module does: module level, class bodies */
static inline int chain_eager(const char *funcs)
{
	for (const char *p = funcs; p && *p;) {
		if (*p != '^')
			return 0;
		while (*p && *p != '.')
			p++;
		if (*p)
			p++;
	}
	return 1;
}

/* 1 for a module of the runtime's own stdlib that the runtime loaded at
 * boot: what its functions import lazily is left to their callers. */
int shaker_loaded_at_boot(const struct shaker *s, int idx);

/* Sets shake_module.eager over the reached modules (eager.c). */
void shaker_mark_eager(struct shaker *s);

#endif
