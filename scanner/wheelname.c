/* wheelname.c: wheel and sdist file names (the binary distribution format's
 * {name}-{version}(-{build})?-{python}-{abi}-{platform}.whl, compressed tag
 * sets expanded) and PEP 503 name normalization. No PEP 440 parsing here.
 */
#include "scanner.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#define WHEEL_MAX_TAGS 4096

static int alnum(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* The spec's name pattern: ^([A-Z0-9]|[A-Z0-9][A-Z0-9._-]*[A-Z0-9])$, case-insensitive. */
static int name_ok(const char *s, size_t n)
{
	if (!n || !alnum((unsigned char)s[0]) || !alnum((unsigned char)s[n - 1]))
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!alnum((unsigned char)s[i]) && !strchr("._-", s[i]))
			return 0;
	return 1;
}

/* Loose: a digit somewhere and only characters PEP 440 (or its local part)
 * can hold; the resolver's pep440 parser decides the rest. */
static int version_ok(const char *s, size_t n)
{
	int digit = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] >= '0' && s[i] <= '9')
			digit = 1;
		else if (!alnum((unsigned char)s[i]) && !strchr(".!+_", s[i]))
			return 0;
	}
	return digit;
}

static int tag_part_ok(const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++)
		if (!alnum((unsigned char)s[i]) && s[i] != '_' && s[i] != '.')
			return 0;
	/* no empty member in a compressed set */
	return s[0] != '.' && s[n - 1] != '.' && !memmem(s, n, "..", 2);
}

static size_t count_dots(const char *s)
{
	size_t k = 1;

	for (; *s; s++)
		k += *s == '.';
	return k;
}

/* The i-th '.'-separated member of s, copied into an arena string. */
static const char *member(struct arena *a, const char *s, size_t i)
{
	const char *e;

	while (i--)
		s = strchr(s, '.') + 1;
	e = strchr(s, '.');
	return arena_strndup(a, s, e ? (size_t)(e - s) : strlen(s));
}

int wheel_name_parse(struct wheel_name *w, struct arena *a, const char *filename, struct perr *err)
{
	const char *base = path_basename(filename);
	const char *part[7];
	size_t plen[7], np = 0, len = strlen(base), np_, na, nq;
	const char *p, *q;
	const char *shown = printable(a, base, len);

	memset(w, 0, sizeof(*w));
	if (len < 4 || strcmp(base + len - 4, ".whl"))
		return perr_set(err, PM_INPUT, "wheel filename '%s' does not end in '.whl'", shown);
	len -= 4;
	for (p = base; np < 7; p = q + 1) {
		q = memchr(p, '-', (size_t)(base + len - p));
		part[np] = p;
		plen[np++] = q ? (size_t)(q - p) : (size_t)(base + len - p);
		if (!q)
			break;
	}
	if (np < 5)
		return perr_set(err, PM_INPUT, "wheel filename '%s' has too few parts", shown);
	if (np > 6)
		return perr_set(err, PM_INPUT, "wheel filename '%s' has too many parts", shown);
	if (!name_ok(part[0], plen[0]))
		return perr_set(err, PM_INPUT, "wheel filename '%s' has an invalid name '%s'", shown,
				printable(a, part[0], plen[0]));
	if (!plen[1] || !version_ok(part[1], plen[1]))
		return perr_set(err, PM_INPUT, "wheel filename '%s' has an invalid version '%s'", shown,
				printable(a, part[1], plen[1]));
	if (np == 6) {
		int ok = plen[2] && isdigit((unsigned char)part[2][0]);
		for (size_t i = 0; ok && i < plen[2]; i++)
			ok = alnum((unsigned char)part[2][i]) || part[2][i] == '_' || part[2][i] == '.';
		if (!ok)
			return perr_set(err, PM_INPUT,
					"wheel filename '%s' has an invalid build tag '%s': it must start with a digit",
					shown, printable(a, part[2], plen[2]));
	}
	for (size_t i = np - 3; i < np; i++)
		if (!tag_part_ok(part[i], plen[i]))
			return perr_set(err, PM_INPUT, "wheel filename '%s' has an invalid tag '%s'", shown,
					printable(a, part[i], plen[i]));
	w->name = arena_strndup(a, part[0], plen[0]);
	w->version = arena_strndup(a, part[1], plen[1]);
	w->build = np == 6 ? arena_strndup(a, part[2], plen[2]) : NULL;
	w->python = arena_strndup(a, part[np - 3], plen[np - 3]);
	w->abi = arena_strndup(a, part[np - 2], plen[np - 2]);
	w->platform = arena_strndup(a, part[np - 1], plen[np - 1]);
	np_ = count_dots(w->python);
	na = count_dots(w->abi);
	nq = count_dots(w->platform);
	if (np_ * na > WHEEL_MAX_TAGS || np_ * na * nq > WHEEL_MAX_TAGS)
		return perr_set(err, PM_INPUT, "wheel filename '%s' expands to too many tags", shown);
	for (size_t i = 0; i < np_; i++)
		for (size_t j = 0; j < na; j++)
			for (size_t k = 0; k < nq; k++)
				*VEC_PUSH(&w->tags) = arena_printf(a, "%s-%s-%s", member(a, w->python, i),
								   member(a, w->abi, j),
								   member(a, w->platform, k));
	return 0;
}

void wheel_name_release(struct wheel_name *w)
{
	VEC_FREE(&w->tags);
}

int sdist_name_parse(struct arena *a, const char *filename, const char **name,
		     const char **version, struct perr *err)
{
	static const char *const exts[] = { ".tar.gz", ".tgz", ".tar.bz2", ".tar.xz", ".zip" };
	const char *base = path_basename(filename);
	const char *shown = printable(a, base, strlen(base));
	size_t len = strlen(base), stem = 0;
	const char *dash = NULL;

	*name = *version = NULL;
	for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		if (ends_with_ci(base, exts[i])) {
			stem = len - strlen(exts[i]);
			break;
		}
	if (!stem)
		return perr_set(err, PM_INPUT, "sdist filename '%s' has an unknown extension", shown);
	for (size_t i = stem; i-- > 0; )
		if (base[i] == '-' && i + 1 < stem && isdigit((unsigned char)base[i + 1])) {
			dash = base + i;
			break;
		}
	if (!dash)
		return perr_set(err, PM_INPUT, "sdist filename '%s' has no version", shown);
	if (!name_ok(base, (size_t)(dash - base)))
		return perr_set(err, PM_INPUT, "sdist filename '%s' has an invalid name '%s'", shown,
				printable(a, base, (size_t)(dash - base)));
	*name = arena_strndup(a, base, (size_t)(dash - base));
	*version = arena_strndup(a, dash + 1, stem - (size_t)(dash - base) - 1);
	return 0;
}

const char *pep503_normalize(struct arena *a, const char *name)
{
	size_t n = strlen(name), o = 0;
	char *r = arena_alloc(a, n + 1);

	for (size_t i = 0; i < n; i++) {
		if (strchr("-_.", name[i])) {
			if (!o || r[o - 1] != '-')
				r[o++] = '-';
			/* a run of separators becomes one '-' */
			while (i + 1 < n && strchr("-_.", name[i + 1]))
				i++;
			continue;
		}
		r[o++] = (char)tolower((unsigned char)name[i]);
	}
	r[o] = 0;
	return r;
}
