/* unilower.c: Python's str.lower on UTF-8 text, for the names packaging's
 * canonicalize_name lowers (extras in markers): each character's full
 * lowercase without language rules (U+0130 is "i" + U+0307) and capital
 * sigma as final sigma where Unicode's Final_Sigma context holds, as
 * CPython's handle_capital_sigma decides it. The tables come from Debian's
 * unicode-data at build time (tools/gen-unicase). No I/O. */
#include "leaf.h"

#include <string.h>

/* the generated tables ($(O)/resolver/unicase.c) */
extern const char unicase_version[];
extern const uint32_t unicase_lower[][4], unicase_cased[][2], unicase_ignorable[][2];
extern const size_t unicase_n_lower, unicase_n_cased, unicase_n_ignorable;

const char *unilower_version(void)
{
	return unicase_version;
}

static int in_ranges(const uint32_t (*r)[2], size_t n, uint32_t cp)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < r[mid][0])
			hi = mid;
		else if (cp > r[mid][1])
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

static const uint32_t *lower_of(uint32_t cp)
{
	size_t lo = 0, hi = unicase_n_lower;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cp < unicase_lower[mid][0])
			hi = mid;
		else if (cp > unicase_lower[mid][0])
			lo = mid + 1;
		else
			return unicase_lower[mid] + 1;
	}
	return NULL;
}

/* The code point at s[*i] (a byte that starts no valid UTF-8 sequence is
 * taken as itself, *bad set: it is copied through, neither cased nor
 * case-ignorable; C0 80, a marker string's NUL, is U+0000). */
static uint32_t next_cp(const unsigned char *s, size_t n, size_t *i, int *bad)
{
	uint32_t c = s[*i], cp;
	size_t len = c < 0x80 ? 1 : c >= 0xc2 && c < 0xe0 ? 2 : c >= 0xe0 && c < 0xf0 ? 3
		: c >= 0xf0 && c < 0xf5 ? 4 : 0;

	*bad = 0;
	if (c == 0xc0 && *i + 1 < n && s[*i + 1] == 0x80) {
		*i += 2;
		return 0;
	}
	if (!len || *i + len > n) {
		*bad = 1;
		return s[(*i)++];
	}
	cp = len == 1 ? c : c & (0x7f >> len);
	for (size_t k = 1; k < len; k++) {
		if ((s[*i + k] & 0xc0) != 0x80) {
			*bad = 1;
			return s[(*i)++];
		}
		cp = cp << 6 | (s[*i + k] & 0x3f);
	}
	/* overlong forms and code points past U+10FFFF are not characters;
	 * lone surrogates (ED A0..BF) are, as in Python's strings */
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10ffff))) {
		*bad = 1;
		return s[(*i)++];
	}
	*i += len;
	return cp;
}

/* the code point that ends at s[end] and where it starts, or -1 (at the
 * text's start, or after a byte that is no character) */
static long prev_cp(const unsigned char *s, size_t end, size_t *start)
{
	size_t i, j;
	uint32_t cp;
	int bad;

	if (!end)
		return -1;
	for (i = end - 1; i > 0 && end - i < 4 && (s[i] & 0xc0) == 0x80; i--)
		;
	j = i;
	cp = next_cp(s, end, &j, &bad);
	if (bad || j != end)
		return -1;
	*start = i;
	return (long)cp;
}

static void put(struct strbuf *out, uint32_t cp)
{
	char u[4];
	int n;

	if (cp == 0) {
		strbuf_add(out, "\xc0\x80", 2);
		return;
	}
	n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
	if (n == 1) {
		u[0] = (char)cp;
	} else {
		for (int k = n - 1; k > 0; k--, cp >>= 6)
			u[k] = (char)(0x80 | (cp & 0x3f));
		u[0] = (char)(((0xff00 >> n) & 0xff) | cp);
	}
	strbuf_add(out, u, (size_t)n);
}

/* CPython's handle_capital_sigma: final when a cased letter comes before
 * (past case-ignorable ones) and none after (past case-ignorable ones). */
static int final_sigma(const unsigned char *s, size_t n, size_t at, size_t after)
{
	size_t i = at, start;
	long c = -1;
	int bad;

	while ((c = prev_cp(s, i, &start)) >= 0 &&
	       in_ranges(unicase_ignorable, unicase_n_ignorable, (uint32_t)c))
		i = start;
	if (c < 0 || !in_ranges(unicase_cased, unicase_n_cased, (uint32_t)c))
		return 0;
	for (i = after; i < n;) {
		uint32_t d = next_cp(s, n, &i, &bad);
		if (bad || !in_ranges(unicase_ignorable, unicase_n_ignorable, d))
			return bad || !in_ranges(unicase_cased, unicase_n_cased, d);
	}
	return 1;
}

void unilower(const char *text, size_t n, struct strbuf *out)
{
	const unsigned char *s = (const unsigned char *)text;

	for (size_t i = 0; i < n;) {
		size_t at = i;
		int bad;
		uint32_t cp = next_cp(s, n, &i, &bad);
		const uint32_t *l;

		if (bad) {
			strbuf_addch(out, (char)cp);
		} else if (cp && cp < 0x80) {
			strbuf_addch(out, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
		} else if (cp == 0x3a3) {
			put(out, final_sigma(s, n, at, i) ? 0x3c2 : 0x3c3);
		} else if ((l = lower_of(cp))) {
			for (int k = 0; k < 3 && (k == 0 || l[k]); k++)
				put(out, l[k]);
		} else {
			put(out, cp);
		}
	}
}
