/* leaf.h: private helpers shared by the resolver's leaf modules (pep440.c,
 * specifier.c, marker.c, pep508.c, reqfile.c). Not for other stages: the
 * public interface is resolver.h. */
#ifndef PYMODE_RESOLVER_LEAF_H
#define PYMODE_RESOLVER_LEAF_H

#include "resolver.h"

/* Copies s[0..n) into buf for quoting in a message: control and non-ASCII
 * bytes become \xNN, long input is cut with "...". Always NUL-terminated. */
void leaf_quote(char *buf, size_t size, const char *s, size_t n);
#define LEAF_QUOTE_MAX 256

/* pep440_parse without the message wrapping: on failure returns PM_INPUT
 * and writes the reason ("unexpected text 'x'") into why. */
int pep440_parse_why(struct pep440 *v, const char *s, size_t n, char *why, size_t why_size);

/* The segment of a release text ("1.2.3") at *pos: its length (0 past the
 * end, where a missing segment counts as "0"); *pos moves past it. */
size_t leaf_release_seg(const char *release, size_t *pos, const char **seg);
/* Compares two segments (digits without leading zeros): <0, 0, >0. */
int leaf_seg_cmp(const char *a, size_t la, const char *b, size_t lb);
/* Sets number k of v to the digits d[0..n) (leading zeros dropped); -1,
 * leaving v as it was, when the release and the numbers would not fit in
 * PEP440_RELEASE_MAX - 1 characters. */
int leaf_num_set(struct pep440 *v, enum pep440_num k, const char *d, size_t n);
/* Compares number k of a and b: <0, 0, >0. */
int leaf_num_cmp(const struct pep440 *a, const struct pep440 *b, enum pep440_num k);
/* Keeps the first n segments of v's release (n >= 1). */
void leaf_release_truncate(struct pep440 *v, size_t n);

/* Whitespace of PEP 440 (space, \t, \n, \r, \f, \v). */
int leaf_isspace(int c);
int leaf_isalnum(int c);
/* Python's whitespace (str.isspace, re's \s on str): the byte length of the
 * whitespace character starting at s[0..n) (or ending at s[n], _back), 0
 * when there is none; UTF-8 for U+0085, U+00A0, U+2000... */
size_t leaf_pyspace(const char *s, size_t n);
size_t leaf_pyspace_back(const char *s, size_t n);
/* Narrows [*lo, *hi) of s past Python whitespace at both ends (str.strip). */
void leaf_pystrip(const char *s, size_t *lo, size_t *hi);
int leaf_tolower(int c);

/* marker_parse without the message wrapping: on failure returns PM_INPUT,
 * the reason ("expected ')'") in why and the 0-based offset in *pos. */
int marker_parse_why(const struct marker **out, const char *s, size_t n, struct arena *a,
		     char *why, size_t why_size, size_t *pos);

/* uniname.c: the code point of the Unicode character name s[0..n) as
 * Python's \N{NAME} takes it (aliases and algorithmic names; ASCII case
 * ignored but in HANGUL SYLLABLE and CJK UNIFIED IDEOGRAPH- names): 1 and
 * *cp, or 0 when the table (Unicode uniname_version()) has no such name. */
int uniname_lookup(const char *s, size_t n, uint32_t *cp);
const char *uniname_version(void);

/* unilower.c: appends Python's str.lower of the UTF-8 text s[0..n) (full
 * lowercase without language rules, Final_Sigma; a byte that starts no
 * character is copied through; C0 80 is a NUL) and names the Unicode
 * version of its tables (Debian's unicode-data at build time). */
void unilower(const char *s, size_t n, struct strbuf *out);
const char *unilower_version(void);

/* Appends the PEP 503 / PEP 685 normalized form of s[0..n). */
void leaf_normalize(struct strbuf *out, const char *s, size_t n);

#endif
