/* arena.c: a bump allocator for the many small strings and records of one
 * run (module names, import edges, requirement records), freed at once. */
#include "common.h"

#include <stdlib.h>
#include <string.h>

struct arena_block {
	struct arena_block *next;
	size_t size, used;
	_Alignas(16) unsigned char data[];
};

#define ARENA_BLOCK 65536

void *arena_alloc(struct arena *a, size_t n)
{
	struct arena_block *b = a->head;
	void *p;

	n = (n + 15) & ~(size_t)15;
	if (!n)
		n = 16;
	if (!b || b->size - b->used < n) {
		size_t size = n > ARENA_BLOCK / 4 ? n : ARENA_BLOCK;
		b = xmalloc(sizeof(*b) + size);
		b->size = size;
		b->used = 0;
		if (size == n && a->head) {
			/* big one-off: keep the current block on top for small ones */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
	}
	p = b->data + b->used;
	b->used += n;
	a->used_total += n;
	memset(p, 0, n);
	return p;
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *arena_strdup(struct arena *a, const char *s)
{
	return arena_strndup(a, s, strlen(s));
}

/* formats once into the current block's free space when it fits (almost
 * always: the strings are short), else measures and formats again */
char *arena_printf(struct arena *a, const char *fmt, ...)
{
	struct arena_block *b = a->head;
	va_list ap, cp;
	int n;
	char *p;

	va_start(ap, fmt);
	if (b && b->size - b->used > 16) {
		size_t room = b->size - b->used;
		va_copy(cp, ap);
		n = vsnprintf((char *)b->data + b->used, room, fmt, cp);
		va_end(cp);
		if (n >= 0 && (size_t)n < room) {
			size_t take = ((size_t)n + 1 + 15) & ~(size_t)15;
			p = (char *)b->data + b->used;
			if (take > room)
				take = room;
			memset(p + n + 1, 0, take - (size_t)n - 1);
			b->used += take;
			a->used_total += take;
			va_end(ap);
			return p;
		}
	}
	va_copy(cp, ap);
	n = vsnprintf(NULL, 0, fmt, cp);
	va_end(cp);
	if (n < 0)
		n = 0;
	p = arena_alloc(a, (size_t)n + 1);
	vsnprintf(p, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return p;
}

void arena_release(struct arena *a)
{
	struct arena_block *b = a->head, *next;

	for (; b; b = next) {
		next = b->next;
		free(b);
	}
	a->head = NULL;
	a->used_total = 0;
}
