/* waits.c: which pending functions a change can wake (waits.h). Lists of
 * links per key; firing a key marks its functions stale and empties the
 * list (a function tested again names its waits again). A link left by an
 * older test only wakes a function once too often, never too seldom. */
#include "waits.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int waits_func(struct waits *w, int module, const char *funcs)
{
	char buf[640];
	int created;
	struct strmap_entry *e;

	snprintf(buf, sizeof(buf), "%d\t%s", module, funcs);
	e = strmap_put(&w->index, buf, &created);
	if (created) {
		struct wait_func *f = VEC_PUSH(&w->funcs);
		memset(f, 0, sizeof(*f));
		e->value = (void *)(uintptr_t)w->funcs.n;
	}
	return (int)(uintptr_t)e->value;
}

int waits_dead(const struct waits *w, int id)
{
	const struct wait_func *f = &w->funcs.v[id - 1];
	return f->tested && f->dead && !f->stale;
}

void waits_begin(struct waits *w, int id)
{
	w->testing = id;
	w->funcs.v[id - 1].stale = 0;
}

void waits_end(struct waits *w, int live)
{
	struct wait_func *f = &w->funcs.v[w->testing - 1];

	f->tested = 1;
	f->dead = !live;
	w->testing = 0;
}

/* the list head of a module (made when make) or of the copier */
static int *head(struct waits *w, enum wait_kind kind, int module, int make)
{
	if (kind == WAIT_COPIER)
		return &w->copier;
	if (module < 0)
		return NULL;
	if ((size_t)module >= w->modules.n) {
		if (!make)
			return NULL;
		while (w->modules.n <= (size_t)module)
			*VEC_PUSH(&w->modules) = 0;
	}
	return &w->modules.v[module];
}

void waits_on(struct waits *w, enum wait_kind kind, const char *key, int module)
{
	if (!w->testing)
		return;
	int *h;
	if (kind < WAIT_MODULE) {
		/* a key's entry holds its first link + 1 as its value */
		void **slot = &strmap_put(&w->keys[kind], key, NULL)->value;
		int first = (int)(intptr_t)*slot;
		if (first && w->links.v[first - 1].func == w->testing)
			return; /* named twice in one test */
		struct wait_link *l = VEC_PUSH(&w->links);
		l->func = w->testing;
		l->next = first;
		*slot = (void *)(intptr_t)w->links.n;
		return;
	}
	h = head(w, kind, module, 1);
	if (!h || (*h && w->links.v[*h - 1].func == w->testing))
		return;
	struct wait_link *l = VEC_PUSH(&w->links);
	l->func = w->testing;
	l->next = *h;
	*h = (int)w->links.n;
}

void waits_fire(struct waits *w, enum wait_kind kind, const char *key, int module)
{
	int first;

	if (kind < WAIT_MODULE) {
		struct strmap_entry *e;
		if (!w->keys[kind].count || !strmap_has(&w->keys[kind], key))
			return;
		e = strmap_put(&w->keys[kind], key, NULL);
		first = (int)(intptr_t)e->value;
		e->value = NULL;
	} else {
		int *h = head(w, kind, module, 0);
		if (!h)
			return;
		first = *h;
		*h = 0;
	}
	for (int i = first; i; i = w->links.v[i - 1].next)
		w->funcs.v[w->links.v[i - 1].func - 1].stale = 1;
}

void waits_release(struct waits *w)
{
	strmap_release(&w->index);
	for (int k = 0; k < WAIT_MODULE; k++)
		strmap_release(&w->keys[k]);
	VEC_FREE(&w->funcs);
	VEC_FREE(&w->modules);
	VEC_FREE(&w->links);
}
