/* pep440.c: PEP 440 versions: parsing with the PEP's normalisation, the
 * normalized string form, the total order and the release-kind predicates.
 * Specifiers live in specifier.c; nothing here allocates. */
#include "leaf.h"

#include <string.h>

int leaf_isspace(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* Python's str.isspace() set (what re's \s matches in a str pattern), as
 * UTF-8: ASCII 0x09-0x0d and 0x1c-0x20, U+0085, U+00A0, U+1680,
 * U+2000-U+200A, U+2028, U+2029, U+202F, U+205F, U+3000. */
static int pyspace_cp(uint32_t cp)
{
	return (cp >= 0x09 && cp <= 0x0d) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 ||
	       cp == 0xa0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 ||
	       cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
}

/* Decodes one UTF-8 sequence of 1-3 bytes at s (the set above needs no
 * more); 0 when s does not start one. */
static size_t utf8_at(const unsigned char *s, size_t n, uint32_t *cp)
{
	if (!n)
		return 0;
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xe0) == 0xc0 && n >= 2 && (s[1] & 0xc0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
		return 2;
	}
	if ((s[0] & 0xf0) == 0xe0 && n >= 3 && (s[1] & 0xc0) == 0x80 && (s[2] & 0xc0) == 0x80) {
		*cp = (uint32_t)(s[0] & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
		return 3;
	}
	return 0;
}

size_t leaf_pyspace(const char *s, size_t n)
{
	uint32_t cp;
	size_t len = utf8_at((const unsigned char *)s, n, &cp);

	return len && pyspace_cp(cp) ? len : 0;
}

size_t leaf_pyspace_back(const char *s, size_t n)
{
	for (size_t len = 1; len <= 3 && len <= n; len++)
		if (leaf_pyspace(s + n - len, len) == len)
			return len;
	return 0;
}

void leaf_pystrip(const char *s, size_t *lo, size_t *hi)
{
	size_t k;

	while (*lo < *hi && (k = leaf_pyspace(s + *lo, *hi - *lo)))
		*lo += k;
	while (*hi > *lo && (k = leaf_pyspace_back(s + *lo, *hi - *lo)))
		*hi -= k;
}

int leaf_isalnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int leaf_tolower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

void leaf_quote(char *buf, size_t size, const char *s, size_t n)
{
	size_t o = 0, limit = size < LEAF_QUOTE_MAX ? size : LEAF_QUOTE_MAX;

	if (!size)
		return;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (o + 8 >= limit) {
			if (o + 4 <= size)
				memcpy(buf + o, "...", 3), o += 3;
			break;
		}
		if (c < 0x20 || c >= 0x7f) {
			static const char hex[] = "0123456789abcdef";
			buf[o++] = '\\';
			buf[o++] = 'x';
			buf[o++] = hex[c >> 4];
			buf[o++] = hex[c & 15];
		} else {
			buf[o++] = (char)c;
		}
	}
	buf[o] = '\0';
}

/* ---- parsing ---- */

struct cursor {
	const char *s;
	size_t i, n;
};

static int at(const struct cursor *c, size_t k)
{
	return c->i + k < c->n ? leaf_tolower((unsigned char)c->s[c->i + k]) : -1;
}

static int is_digit(int c)
{
	return c >= '0' && c <= '9';
}

static int is_sep(int c)
{
	return c == '-' || c == '_' || c == '.';
}

/* Matches word (lowercase) at offset k from the cursor, case-insensitively. */
static int word_at(const struct cursor *c, size_t k, const char *word)
{
	size_t len = strlen(word);
	for (size_t j = 0; j < len; j++)
		if (at(c, k + j) != word[j])
			return 0;
	return 1;
}

/* A number as written: its digits, any number of them, as Python's int. */
struct num {
	const char *s;
	size_t n;
};

/* Reads the digits at offset k into *out; returns how many (0 if none). */
static size_t read_num(const struct cursor *c, size_t k, struct num *out)
{
	size_t len = 0;

	while (is_digit(at(c, k + len)))
		len++;
	out->s = c->s + c->i + k;
	out->n = len;
	return len;
}

size_t pep440_num(const struct pep440 *v, enum pep440_num k, const char **digits)
{
	size_t off = PEP440_RELEASE_MAX;

	for (int j = PEP440_DEV_N; j >= (int)k; j--)
		off -= v->num_len[j];
	*digits = v->release + off;
	return v->num_len[k];
}

int leaf_num_set(struct pep440 *v, enum pep440_num k, const char *d, size_t n)
{
	char tail[PEP440_RELEASE_MAX];
	size_t len[4], total = 0, o = 0;

	while (n && *d == '0')
		d++, n--;
	for (int j = 0; j < 4; j++)
		total += len[j] = j == (int)k ? n : v->num_len[j];
	if (strlen(v->release) + 1 + total > PEP440_RELEASE_MAX)
		return -1;
	for (int j = 0; j < 4; j++) {
		const char *p = d;
		if (j != (int)k)
			pep440_num(v, (enum pep440_num)j, &p);
		if (len[j]) /* d may be NULL for an empty number */
			memcpy(tail + o, p, len[j]);
		o += len[j];
	}
	memcpy(v->release + PEP440_RELEASE_MAX - total, tail, total);
	for (int j = 0; j < 4; j++)
		v->num_len[j] = (unsigned char)len[j];
	return 0;
}

int leaf_num_cmp(const struct pep440 *a, const struct pep440 *b, enum pep440_num k)
{
	const char *x, *y;
	size_t lx = pep440_num(a, k, &x), ly = pep440_num(b, k, &y);

	return leaf_seg_cmp(x, lx, y, ly);
}

/* An optional-separator, label, optional-separator, optional-number group,
 * as used by the pre, post and dev parts. labels are tried in order.
 * Returns 1 and advances on a match, 0 when absent. */
static int label_group(struct cursor *c, const char *const *labels, int *which, struct num *num)
{
	size_t k = is_sep(at(c, 0)) ? 1 : 0;

	for (int l = 0; labels[l]; l++) {
		size_t len = strlen(labels[l]);
		if (!word_at(c, k, labels[l]))
			continue;
		size_t j = k + len, d;
		d = read_num(c, j, num);
		/* the separator after the label is packaging's [-_\.]?, taken
		 * even when no number follows ("1.0c-" is 1.0rc0) */
		if (d == 0 && is_sep(at(c, j))) {
			d = read_num(c, j + 1, num);
			j++;
		}
		c->i += j + d;
		*which = l;
		return 1;
	}
	return 0;
}

int pep440_parse_why(struct pep440 *v, const char *s, size_t n, char *why, size_t why_size)
{
	static const char *const pre_labels[] = { "alpha", "a", "beta", "b", "preview", "pre",
						  "rc", "c", NULL };
	static const enum pep440_pre pre_kind[] = { PEP440_PRE_A, PEP440_PRE_A, PEP440_PRE_B,
						    PEP440_PRE_B, PEP440_PRE_RC, PEP440_PRE_RC,
						    PEP440_PRE_RC, PEP440_PRE_RC };
	static const char *const post_labels[] = { "post", "rev", "r", NULL };
	static const char *const dev_labels[] = { "dev", NULL };
	struct cursor c = { s, 0, n };
	struct num num, epoch = { NULL, 0 };
	size_t d;
	int which;
	char q[LEAF_QUOTE_MAX];

	memset(v, 0, sizeof(*v));
	leaf_pystrip(s, &c.i, &c.n);
	if (c.i == c.n)
		return snprintf(why, why_size, "empty version"), PM_INPUT;
	if (at(&c, 0) == 'v')
		c.i++;
	d = 0;
	while (is_digit(at(&c, d)))
		d++;
	if (d == 0)
		return snprintf(why, why_size, "expected a release number"), PM_INPUT;
	if (at(&c, d) == '!') {
		read_num(&c, 0, &epoch); /* kept once the release is */
		c.i += d + 1;
		if (!is_digit(at(&c, 0)))
			return snprintf(why, why_size, "expected a release number after the epoch"),
			       PM_INPUT;
	}
	for (size_t o = 0;;) {
		/* the segment's digits as written, less leading zeros */
		size_t k = 0, len = 0;
		while (is_digit(at(&c, len)))
			len++;
		while (k + 1 < len && at(&c, k) == '0')
			k++;
		if (o + (o > 0) + (len - k) >= PEP440_RELEASE_MAX)
			return snprintf(why, why_size, "release longer than %d characters "
					"(normalized)", PEP440_RELEASE_MAX - 1), PM_INPUT;
		if (o)
			v->release[o++] = '.';
		memcpy(v->release + o, s + c.i + k, len - k);
		o += len - k;
		v->release[o] = '\0';
		v->n_release++;
		c.i += len;
		if (at(&c, 0) != '.' || !is_digit(at(&c, 1)))
			break;
		c.i++;
	}
	if (leaf_num_set(v, PEP440_EPOCH, epoch.s, epoch.n))
		goto too_long;
	if (label_group(&c, pre_labels, &which, &num)) {
		v->pre = pre_kind[which];
		if (leaf_num_set(v, PEP440_PRE_N, num.s, num.n))
			goto too_long;
	}
	if (at(&c, 0) == '-' && is_digit(at(&c, 1))) {
		c.i += 1 + read_num(&c, 1, &num);
		v->has_post = 1;
	} else if (!label_group(&c, post_labels, &which, &num)) {
		num.n = 0;
	} else {
		v->has_post = 1;
	}
	if (leaf_num_set(v, PEP440_POST_N, num.s, num.n))
		goto too_long;
	if (label_group(&c, dev_labels, &which, &num)) {
		v->has_dev = 1;
		if (leaf_num_set(v, PEP440_DEV_N, num.s, num.n))
			goto too_long;
	}
	if (at(&c, 0) == '+') {
		size_t o = 0;
		c.i++;
		for (;;) {
			size_t start = c.i;
			while (c.i < c.n && leaf_isalnum((unsigned char)s[c.i]))
				c.i++;
			if (c.i == start)
				return snprintf(why, why_size, "empty part in local version label"),
				       PM_INPUT;
			/* numeric parts lose leading zeros, as packaging's int() */
			int numeric = 1;
			for (size_t k = start; k < c.i; k++)
				numeric &= is_digit((unsigned char)s[k]);
			if (numeric)
				while (start + 1 < c.i && s[start] == '0')
					start++;
			if (o + (c.i - start) + 2 > PEP440_LOCAL_MAX)
				return snprintf(why, why_size,
						"local version label longer than %d bytes",
						PEP440_LOCAL_MAX - 1), PM_INPUT;
			if (o)
				v->local[o++] = '.';
			for (size_t k = start; k < c.i; k++)
				v->local[o++] = (char)leaf_tolower((unsigned char)s[k]);
			if (c.i < c.n && is_sep((unsigned char)s[c.i]) && c.i + 1 < c.n) {
				c.i++;
				continue;
			}
			break;
		}
		v->local[o] = '\0';
	}
	if (c.i != c.n) {
		leaf_quote(q, sizeof(q), s + c.i, c.n - c.i);
		return snprintf(why, why_size, "unexpected text '%s'", q), PM_INPUT;
	}
	return 0;
too_long:
	snprintf(why, why_size, "release and numbers longer than %d characters (normalized)",
		 PEP440_RELEASE_MAX - 1);
	return PM_INPUT;
}

int pep440_parse(struct pep440 *v, const char *s, size_t n, struct perr *err)
{
	char why[LEAF_QUOTE_MAX + 64], q[LEAF_QUOTE_MAX];

	if (!pep440_parse_why(v, s, n, why, sizeof(why)))
		return 0;
	leaf_quote(q, sizeof(q), s, n);
	return perr_set(err, PM_INPUT, "invalid version '%s': %s", q, why);
}

int pep440_valid(const char *s, size_t n)
{
	struct pep440 v;
	char why[LEAF_QUOTE_MAX + 64];

	return pep440_parse_why(&v, s, n, why, sizeof(why)) == 0;
}

/* ---- output ---- */

size_t pep440_to_buf(const struct pep440 *v, char *buf, size_t size)
{
	static const char *const pre[] = { "", "a", "b", "rc" };
	size_t o = 0, len[4];
	const char *num[4];
	int w;

#define PUT(...) \
	do { \
		w = snprintf(buf + (o < size ? o : size), o < size ? size - o : 0, __VA_ARGS__); \
		o += w > 0 ? (size_t)w : 0; \
	} while (0)
	if (size)
		buf[0] = '\0';
	for (int k = 0; k < 4; k++) { /* 0 is written "0" */
		len[k] = pep440_num(v, (enum pep440_num)k, &num[k]);
		if (!len[k])
			num[k] = "0", len[k] = 1;
	}
	if (v->num_len[PEP440_EPOCH])
		PUT("%.*s!", (int)len[0], num[0]);
	PUT("%s", v->release);
	if (v->pre)
		PUT("%s%.*s", pre[v->pre], (int)len[1], num[1]);
	if (v->has_post)
		PUT(".post%.*s", (int)len[2], num[2]);
	if (v->has_dev)
		PUT(".dev%.*s", (int)len[3], num[3]);
	if (v->local[0])
		PUT("+%s", v->local);
#undef PUT
	return o;
}

void pep440_format(const struct pep440 *v, struct strbuf *out)
{
	char buf[PEP440_TEXT_MAX];

	pep440_to_buf(v, buf, sizeof(buf));
	strbuf_addstr(out, buf);
}

/* ---- ordering ---- */

/* Compares two local labels part by part: numeric parts numerically and
 * above alphanumeric ones, alphanumeric ones as strings; a label that is a
 * prefix of the other sorts first. */
static int cmp_local(const char *a, const char *b)
{
	while (*a && *b) {
		size_t la = strcspn(a, "."), lb = strcspn(b, ".");
		int na = 1, nb = 1, r;
		for (size_t k = 0; k < la; k++)
			na &= is_digit((unsigned char)a[k]);
		for (size_t k = 0; k < lb; k++)
			nb &= is_digit((unsigned char)b[k]);
		if (na != nb)
			return na ? 1 : -1;
		if (na) { /* no leading zeros: longer is bigger */
			if (la != lb)
				return la < lb ? -1 : 1;
			r = memcmp(a, b, la);
		} else {
			r = memcmp(a, b, la < lb ? la : lb);
			if (!r && la != lb)
				r = la < lb ? -1 : 1;
		}
		if (r)
			return r < 0 ? -1 : 1;
		a += la + (a[la] == '.');
		b += lb + (b[lb] == '.');
	}
	return *a ? 1 : *b ? -1 : 0;
}

/* The pre-release key: a dev release of a final (1.0.dev1) sorts before
 * every pre-release; a final or post release after them all. */
static int pre_rank(const struct pep440 *v)
{
	if (v->pre)
		return (int)v->pre; /* 1..3 */
	if (!v->has_post && v->has_dev)
		return 0;
	return 4;
}

size_t leaf_release_seg(const char *release, size_t *pos, const char **seg)
{
	size_t len = strcspn(release + *pos, ".");

	*seg = release + *pos;
	*pos += len + (release[*pos + len] == '.');
	return len;
}

int leaf_seg_cmp(const char *a, size_t la, const char *b, size_t lb)
{
	int r;

	if (!la) /* a missing segment is 0 */
		a = "0", la = 1;
	if (!lb)
		b = "0", lb = 1;
	if (la != lb) /* no leading zeros: longer is bigger */
		return la < lb ? -1 : 1;
	r = memcmp(a, b, la);
	return r < 0 ? -1 : r > 0;
}

void leaf_release_truncate(struct pep440 *v, size_t n)
{
	size_t pos = 0;
	const char *seg;

	for (size_t i = 0; i < n && i < v->n_release; i++)
		leaf_release_seg(v->release, &pos, &seg);
	if (n < v->n_release) {
		v->release[pos - 1] = '\0';
		v->n_release = n;
	}
}

int pep440_cmp(const struct pep440 *a, const struct pep440 *b)
{
	size_t pa = 0, pb = 0;
	int r;

	if ((r = leaf_num_cmp(a, b, PEP440_EPOCH)))
		return r;
	for (;;) {
		const char *x, *y;
		size_t lx = leaf_release_seg(a->release, &pa, &x);
		size_t ly = leaf_release_seg(b->release, &pb, &y);
		if (!lx && !ly)
			break;
		if ((r = leaf_seg_cmp(x, lx, y, ly)))
			return r;
	}
	if ((r = pre_rank(a) - pre_rank(b)))
		return r < 0 ? -1 : 1;
	if (a->pre && (r = leaf_num_cmp(a, b, PEP440_PRE_N)))
		return r;
	if (a->has_post != b->has_post)
		return a->has_post ? 1 : -1;
	if (a->has_post && (r = leaf_num_cmp(a, b, PEP440_POST_N)))
		return r;
	if (a->has_dev != b->has_dev)
		return a->has_dev ? -1 : 1;
	if (a->has_dev && (r = leaf_num_cmp(a, b, PEP440_DEV_N)))
		return r;
	if (!a->local[0] || !b->local[0])
		return a->local[0] ? 1 : b->local[0] ? -1 : 0;
	return cmp_local(a->local, b->local);
}

int pep440_is_prerelease(const struct pep440 *v)
{
	return v->pre != PEP440_PRE_NONE || v->has_dev;
}

int pep440_is_postrelease(const struct pep440 *v)
{
	return v->has_post;
}

int pep440_is_devrelease(const struct pep440 *v)
{
	return v->has_dev;
}

void pep440_public(const struct pep440 *v, struct pep440 *out)
{
	*out = *v;
	out->local[0] = '\0';
}

void pep440_base(const struct pep440 *v, struct pep440 *out)
{
	const char *epoch;
	size_t n = pep440_num(v, PEP440_EPOCH, &epoch);

	memset(out, 0, sizeof(*out));
	out->n_release = v->n_release;
	memcpy(out->release, v->release, sizeof(out->release));
	leaf_num_set(out, PEP440_EPOCH, epoch, n); /* fits: it did in v */
}
