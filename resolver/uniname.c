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
extern const size_t uninames_count, uninames_raw_len, uninames_z_len;
extern const unsigned char uninames_z[];
extern const uint32_t uninames_cjk[][2];
extern const size_t uninames_n_cjk;
extern const char *const uninames_jamo_L[19], *const uninames_jamo_V[21],
	*const uninames_jamo_T[28];

static unsigned char *table; /* the inflated records; kept for the process */
static pthread_once_t table_once = PTHREAD_ONCE_INIT;

static void table_inflate(void)
{
	uLongf n = uninames_raw_len;
	unsigned char *t = xmalloc(n + 1);

	if (uncompress(t, &n, uninames_z, uninames_z_len) != Z_OK || n != uninames_raw_len) {
		fprintf(stderr, "pymode-pkg: the built-in Unicode name table is corrupt\n");
		abort();
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
	const unsigned char *p;
	uint32_t c = 0;
	size_t match = 0; /* bytes the current record shares with name */

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
	/* Front coding needs no record rebuilt: a record keeping more of the
	 * previous one than matched name differs from name where that one
	 * did; one keeping less or as much is compared from where it starts. */
	p = table;
	for (size_t r = 0; r < uninames_count; r++) {
		uint32_t d = 0;
		int shift = 0;
		size_t keep, l = 0;
		do {
			d |= (uint32_t)(*p & 0x7f) << shift;
			shift += 7;
		} while (*p++ & 0x80);
		c += d;
		keep = *p++;
		if (keep <= match) {
			while (p[l] && keep + l < n && p[l] == (unsigned char)name[keep + l])
				l++;
			match = keep + l;
			if (match == n && !p[l])
				return *cp = c, 1;
		}
		p += l + strlen((const char *)p + l) + 1;
	}
	return 0;
}
