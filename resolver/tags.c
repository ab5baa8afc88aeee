/* tags.c: wheel tag compatibility: this machine's tags in packaging's
 * sys_tags order (CPython, manylinux/linux), a wheel's rank in a tag list,
 * and url_redact. It does not read indexes or choose versions. */
#include "resolve.h"

#include <gnu/libc-version.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>

typedef VEC(const char *) strvec;

static void push(struct arena *a, strvec *v, const char *py, const char *abi,
		 const char *plat)
{
	*VEC_PUSH(v) = arena_printf(a, "%s-%s-%s", py, abi, plat);
}

size_t tags_host(struct arena *a, const char *python_version, const char ***out)
{
	strvec tags = VEC_INIT;
	strvec plats = VEC_INIT;
	struct utsname u;
	const char *machine = "x86_64";
	int major = 3, minor = 13, gmaj = 0, gmin = 0;
	char cp[32], py[32];

	if (python_version && sscanf(python_version, "%d.%d", &major, &minor) != 2)
		major = 3, minor = 13;
	if (uname(&u) == 0)
		machine = arena_strdup(a, u.machine);
	if (sscanf(gnu_get_libc_version(), "%d.%d", &gmaj, &gmin) == 2 && gmaj == 2) {
		int low = (!strcmp(machine, "x86_64") || !strcmp(machine, "i686")) ? 5 : 17;
		for (int m = gmin; m >= low; m--) {
			*VEC_PUSH(&plats) = arena_printf(a, "manylinux_2_%d_%s", m, machine);
			if (m == 17)
				*VEC_PUSH(&plats) = arena_printf(a, "manylinux2014_%s", machine);
			if (m == 12)
				*VEC_PUSH(&plats) = arena_printf(a, "manylinux2010_%s", machine);
			if (m == 5)
				*VEC_PUSH(&plats) = arena_printf(a, "manylinux1_%s", machine);
		}
	}
	*VEC_PUSH(&plats) = arena_printf(a, "linux_%s", machine);

	snprintf(cp, sizeof(cp), "cp%d%d", major, minor);
	for (size_t i = 0; i < plats.n; i++)
		push(a, &tags, cp, cp, plats.v[i]);
	for (size_t i = 0; i < plats.n; i++)
		push(a, &tags, cp, "abi3", plats.v[i]);
	for (size_t i = 0; i < plats.n; i++)
		push(a, &tags, cp, "none", plats.v[i]);
	for (int m = minor - 1; m >= 2; m--) {
		snprintf(py, sizeof(py), "cp%d%d", major, m);
		for (size_t i = 0; i < plats.n; i++)
			push(a, &tags, py, "abi3", plats.v[i]);
	}
	/* compatible_tags: pyXY, pyX, pyX(Y-1) ... pyX0 for each platform */
	for (size_t i = 0; i < plats.n; i++)
		for (int m = minor; m >= -1; m--) {
			if (m == -1)
				break;
			snprintf(py, sizeof(py), "py%d%d", major, m);
			push(a, &tags, py, "none", plats.v[i]);
			if (m == minor) {
				snprintf(py, sizeof(py), "py%d", major);
				push(a, &tags, py, "none", plats.v[i]);
			}
		}
	push(a, &tags, cp, "none", "any");
	for (int m = minor; m >= 0; m--) {
		snprintf(py, sizeof(py), "py%d%d", major, m);
		push(a, &tags, py, "none", "any");
		if (m == minor) {
			snprintf(py, sizeof(py), "py%d", major);
			push(a, &tags, py, "none", "any");
		}
	}
	VEC_FREE(&plats);
	const char **arr = arena_alloc(a, (tags.n ? tags.n : 1) * sizeof(*arr));
	memcpy(arr, tags.v, tags.n * sizeof(*arr));
	*out = arr;
	size_t n = tags.n;
	VEC_FREE(&tags);
	return n;
}

int tags_rank(const char *const *tags, size_t n, const char *wheel_filename)
{
	struct arena a = ARENA_INIT;
	struct wheel_name w;
	struct perr err = PERR_INIT;
	int best = -1;

	memset(&w, 0, sizeof(w));
	if (wheel_name_parse(&w, &a, wheel_filename, &err) == 0) {
		for (size_t i = 0; i < w.tags.n; i++)
			for (size_t j = 0; j < n && (best < 0 || (int)j < best); j++)
				if (!strcmp(w.tags.v[i], tags[j])) {
					best = (int)j;
					break;
				}
	}
	wheel_name_release(&w);
	arena_release(&a);
	return best;
}

const char *url_redact(struct arena *a, const char *url)
{
	const char *p = strstr(url, "://"), *at, *slash;

	if (!p)
		return arena_strdup(a, url);
	p += 3;
	slash = p + strcspn(p, "/?#");
	at = memchr(p, '@', slash - p);
	if (!at)
		return arena_strdup(a, url);
	/* the last '@' before the path ends the userinfo */
	for (const char *q = at; q < slash; q++)
		if (*q == '@')
			at = q;
	return arena_printf(a, "%.*s***%s", (int)(p - url), url, at);
}
