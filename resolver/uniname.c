/* uniname.c: Unicode character names to code points, as Python's \N{...}
 * in a string literal takes them (unicodedata's _getcode without named
 * sequences): HANGUL SYLLABLE and CJK UNIFIED IDEOGRAPH- names worked out
 * (their prefixes, jamo and hex digits case-sensitive, as CPython's), every
 * other name and alias looked up in the table tools/gen-uninames builds
 * from Debian's unicode-data at build time, ignoring ASCII case. No I/O;
 * the table is inflated once per process, on the first lookup. */
#include "leaf.h"

#include <pthread.h>
#include <string.h>
#include <zlib.h>

/* the generated table ($(O)/resolver/uninames.c) */
extern const char uninames_version[];
extern const size_t uninames_count, uninames_raw_len, uninames_z_len, uninames_restart;
extern const unsigned char uninames_z[];
extern const uint32_t uninames_cjk[][2];
extern const size_t uninames_n_cjk;
extern const char *const uninames_jamo_L[19], *const uninames_jamo_V[21],
	*const uninames_jamo_T[28];

/* The inflated records, kept for the process, and an index built with
 * them: the offset of every uninames_restart-th record (which keeps
 * nothing of the name before it) with the code point its delta counts
 * from, and an open-addressing hash table of every name's record number,
 * so a lookup decodes at most uninames_restart records per probe instead
 * of the whole table. */
static unsigned char *table;
static uint32_t *restarts, *restart_cps, *slots; /* slots: record + 1, 0 empty */
static size_t n_slots;
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static uint32_t name_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u; /* FNV-1a */

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Decodes the record at *p (its code point added to *c, its name into cur
 * from the kept bytes on); returns the name's length. */
static size_t record_next(const unsigned char **p, uint32_t *c, char *cur)
{
	uint32_t d = 0;
	int shift = 0;
	size_t keep, rest;

	do {
		d |= (uint32_t)(**p & 0x7f) << shift;
		shift += 7;
	} while (*(*p)++ & 0x80);
	*c += d;
	keep = *(*p)++;
	rest = strlen((const char *)*p);
	memcpy(cur + keep, *p, rest + 1);
	*p += rest + 1;
	return keep + rest;
}

static void table_inflate(void)
{
	uLongf n = uninames_raw_len;
	unsigned char *t = xmalloc(n + 1);
	const unsigned char *p = t;
	char cur[256];
	uint32_t c = 0;

	if (uncompress(t, &n, uninames_z, uninames_z_len) != Z_OK || n != uninames_raw_len) {
		fprintf(stderr, "pymode-pkg: the built-in Unicode name table is corrupt\n");
		abort();
	}
	for (n_slots = 1024; n_slots < uninames_count * 2; n_slots *= 2)
		;
	slots = xcalloc(n_slots, sizeof(*slots));
	restarts = xmalloc((uninames_count / uninames_restart + 1) * sizeof(*restarts));
	restart_cps = xmalloc((uninames_count / uninames_restart + 1) * sizeof(*restart_cps));
	for (size_t r = 0; r < uninames_count; r++) {
		if (r % uninames_restart == 0) {
			restarts[r / uninames_restart] = (uint32_t)(p - t);
			restart_cps[r / uninames_restart] = c;
		}
		size_t len = record_next(&p, &c, cur);
		size_t h = name_hash(cur, len) & (n_slots - 1);
		while (slots[h])
			h = (h + 1) & (n_slots - 1);
		slots[h] = (uint32_t)r + 1;
	}
	table = t;
}

const char *uniname_version(void)
{
	return uninames_version;
}

/* CPython's find_syllable: the longest short name of the column that
 * starts str (case-sensitive); "" matches with length 0. */
static size_t syllable(const char *str, const char *const *names, int count, int *pos)
{
	long len = -1;

	for (int i = 0; i < count; i++) {
		long l = (long)strlen(names[i]);
		if (l > len && !strncmp(str, names[i], (size_t)l))
			len = l, *pos = i;
	}
	return len < 0 ? 0 : (size_t)len;
}

static int hangul(const char *name, size_t n, uint32_t *cp)
{
	int L = -1, V = -1, T = -1;
	const char *p = name + 16;

	p += syllable(p, uninames_jamo_L, 19, &L);
	p += syllable(p, uninames_jamo_V, 21, &V);
	p += syllable(p, uninames_jamo_T, 28, &T);
	if (L < 0 || V < 0 || T < 0 || (size_t)(p - name) != n)
		return 0;
	*cp = 0xac00 + ((uint32_t)L * 21 + (uint32_t)V) * 28 + (uint32_t)T;
	return 1;
}

static int cjk(const char *hex, size_t n, uint32_t *cp)
{
	uint32_t v = 0;

	if (n != 4 && n != 5)
		return 0;
	for (size_t i = 0; i < n; i++) {
		int c = (unsigned char)hex[i];
		if (c >= '0' && c <= '9')
			v = v * 16 + (uint32_t)(c - '0');
		else if (c >= 'A' && c <= 'F') /* uppercase only, as CPython */
			v = v * 16 + (uint32_t)(c - 'A' + 10);
		else
			return 0;
	}
	for (size_t i = 0; i < uninames_n_cjk; i++)
		if (v >= uninames_cjk[i][0] && v <= uninames_cjk[i][1])
			return *cp = v, 1;
	return 0;
}

int uniname_lookup(const char *s, size_t n, uint32_t *cp)
{
	char name[256];

	if (n == 0 || n >= sizeof(name)) /* the longest name has 88 */
		return 0;
	memcpy(name, s, n);
	name[n] = '\0';
	if (memchr(name, '\0', n))
		return 0;
	if (!strncmp(name, "HANGUL SYLLABLE ", 16))
		return hangul(name, n, cp);
	if (!strncmp(name, "CJK UNIFIED IDEOGRAPH-", 22))
		return cjk(name + 22, n - 22, cp);
	for (size_t i = 0; i < n; i++)
		name[i] = (char)(name[i] >= 'a' && name[i] <= 'z' ? name[i] - 32 : name[i]);
	pthread_once(&table_once, table_inflate);
	for (size_t h = name_hash(name, n) & (n_slots - 1); slots[h]; h = (h + 1) & (n_slots - 1)) {
		size_t r = slots[h] - 1, len = 0;
		const unsigned char *p = table + restarts[r / uninames_restart];
		char cur[256];
		uint32_t c = restart_cps[r / uninames_restart];
		for (size_t k = r - r % uninames_restart; k <= r; k++)
			len = record_next(&p, &c, cur);
		if (len == n && !memcmp(cur, name, n))
			return *cp = c, 1;
	}
	return 0;
}
