/* strmap.c: an open-addressing hash map from strings to caller pointers.
 * Keys are copied; values are never freed by the map. */
#include "common.h"

#include <stdlib.h>
#include <string.h>

/* eight bytes a step, each folded in with a multiply, then a final mix
 * (the murmur3 finaliser): the keys are long ("funcs\tname"), so a byte at a
 * time (FNV) cost more than the probing */
uint32_t pm_hash(const char *s, size_t n)
{
	uint64_t h = 0x9e3779b97f4a7c15u ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
		h ^= h >> 29;
	}
	if (n) {
		w = 0;
		memcpy(&w, s, n);
		h = (h ^ w) * 0xff51afd7ed558ccdu;
	}
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	h ^= h >> 33;
	return (uint32_t)h;
}

static struct strmap_entry *find_slot(struct strmap_entry *slots, size_t cap,
				      const char *key, uint32_t h)
{
	size_t i = h & (cap - 1);
	for (;;) {
		struct strmap_entry *e = &slots[i];
		if (!e->key || (e->hash == h && !strcmp(e->key, key)))
			return e;
		i = (i + 1) & (cap - 1);
	}
}

static void rehash(struct strmap *m, size_t cap)
{
	struct strmap_entry *old = m->slots;
	size_t oldcap = m->cap;

	m->slots = xcalloc(cap, sizeof(*m->slots));
	m->cap = cap;
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].key)
			*find_slot(m->slots, cap, old[i].key, old[i].hash) = old[i];
	free(old);
}

struct strmap_entry *strmap_put(struct strmap *m, const char *key, int *created)
{
	uint32_t h = pm_hash(key, strlen(key));
	struct strmap_entry *e;

	if ((m->count + 1) * 4 >= m->cap * 3)
		rehash(m, m->cap ? m->cap * 2 : 16);
	e = find_slot(m->slots, m->cap, key, h);
	if (created)
		*created = !e->key;
	if (!e->key) {
		e->key = xstrdup(key);
		e->hash = h;
		e->value = NULL;
		m->count++;
	}
	return e;
}

void *strmap_get(const struct strmap *m, const char *key)
{
	struct strmap_entry *e;

	if (!m->cap)
		return NULL;
	e = find_slot(m->slots, m->cap, key, pm_hash(key, strlen(key)));
	return e->key ? e->value : NULL;
}

int strmap_has(const struct strmap *m, const char *key)
{
	if (!m->cap)
		return 0;
	return find_slot(m->slots, m->cap, key, pm_hash(key, strlen(key)))->key != NULL;
}

void strmap_release(struct strmap *m)
{
	for (size_t i = 0; i < m->cap; i++)
		free(m->slots[i].key);
	free(m->slots);
	m->slots = NULL;
	m->cap = m->count = 0;
}
