/* record.c: RECORD files (CSV rows of path, hash, size; quoted fields and
 * CRLF allowed). Checks the shape of each row; does not hash any file.
 */
#include "scanner.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

#define RECORD_MAX_FIELDS 8

static void problem(struct record *r, struct arena *a, int line, const char *msg)
{
	struct meta_problem *p = VEC_PUSH(&r->problems);
	p->line = line;
	p->msg = arena_strdup(a, msg);
}

struct field {
	struct strbuf sb;
};

/* One CSV row starting at text[*pos]: fields into f (up to max, the count
 * in *nf, more than max counted but dropped). Advances *pos past the row's
 * line end and *line by the lines it spans. Returns NULL or a problem. */
static const char *csv_row(const char *text, size_t n, size_t *pos, int *line,
			   struct field *f, size_t max, size_t *nf)
{
	size_t p = *pos, k = 0;
	const char *bad = NULL;

	for (size_t i = 0; i < max; i++)
		strbuf_reset(&f[i].sb);
	for (;;) {
		struct strbuf *sb = k < max ? &f[k].sb : NULL;
		if (p < n && text[p] == '"') {
			p++;
			for (;;) {
				if (p >= n) {
					bad = bad ? bad : "unterminated quoted field";
					break;
				}
				if (text[p] == '"') {
					if (p + 1 < n && text[p + 1] == '"') {
						if (sb)
							strbuf_addch(sb, '"');
						p += 2;
						continue;
					}
					p++;
					break;
				}
				if (text[p] == '\n')
					(*line)++;
				if (sb)
					strbuf_addch(sb, text[p]);
				p++;
			}
			if (p < n && text[p] != ',' && text[p] != '\n' && text[p] != '\r')
				bad = bad ? bad : "text after a closing quote";
		}
		while (p < n && text[p] != ',' && text[p] != '\n') {
			if (sb && !(text[p] == '\r' && (p + 1 >= n || text[p + 1] == '\n')))
				strbuf_addch(sb, text[p]);
			p++;
		}
		k++;
		if (p < n && text[p] == ',') {
			p++;
			continue;
		}
		break;
	}
	if (p < n)
		p++; /* the '\n' */
	(*line)++;
	*pos = p;
	*nf = k;
	return bad;
}

static int digest_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		      (*s >= '0' && *s <= '9') || *s == '-' || *s == '_'))
			return 0;
	return 1;
}

void record_parse(struct record *r, struct arena *a, const char *text, size_t n)
{
	struct field f[RECORD_MAX_FIELDS];
	size_t pos = 0;
	int line = 1;

	memset(r, 0, sizeof(*r));
	for (size_t i = 0; i < RECORD_MAX_FIELDS; i++)
		strbuf_init(&f[i].sb, 0);
	while (pos < n) {
		int at = line;
		size_t nf;
		const char *bad;
		struct record_entry e = { NULL, NULL, NULL, -1, at };
		const char *hash, *size;

		/* a blank line (possibly just "\r") is skipped */
		if (text[pos] == '\n' || (text[pos] == '\r' && (pos + 1 >= n || text[pos + 1] == '\n'))) {
			pos += text[pos] == '\r' ? (pos + 1 < n ? 2 : 1) : 1;
			line++;
			continue;
		}
		bad = csv_row(text, n, &pos, &line, f, RECORD_MAX_FIELDS, &nf);
		if (bad) {
			problem(r, a, at, bad);
			continue;
		}
		if (nf != 3) {
			problem(r, a, at, arena_printf(a, "expected 3 fields, got %zu", nf));
			continue;
		}
		if (!f[0].sb.len || memchr(f[0].sb.buf, 0, f[0].sb.len)) {
			problem(r, a, at, "empty or invalid path");
			continue;
		}
		e.path = arena_strndup(a, f[0].sb.buf, f[0].sb.len);
		hash = f[1].sb.buf;
		size = f[2].sb.buf;
		if (*hash) {
			const char *eq = strchr(hash, '=');
			if (!eq || eq == hash || !digest_ok(eq + 1))
				problem(r, a, at, arena_printf(a, "invalid hash '%s' for '%s'",
							       printable(a, hash, strlen(hash)),
							       printable(a, e.path, strlen(e.path))));
			else {
				e.algo = arena_strndup(a, hash, (size_t)(eq - hash));
				e.digest = arena_strdup(a, eq + 1);
			}
		}
		if (*size) {
			long long v = 0;
			int ok = 1;
			for (const char *s = size; *s && ok; s++) {
				if (*s < '0' || *s > '9' || v > (LLONG_MAX - 9) / 10)
					ok = 0;
				else
					v = v * 10 + (*s - '0');
			}
			if (!ok)
				problem(r, a, at, arena_printf(a, "invalid size '%s' for '%s'",
							       printable(a, size, strlen(size)),
							       printable(a, e.path, strlen(e.path))));
			else
				e.size = v;
		}
		*VEC_PUSH(&r->entries) = e;
	}
	for (size_t i = 0; i < RECORD_MAX_FIELDS; i++)
		strbuf_release(&f[i].sb);
}

void record_release(struct record *r)
{
	VEC_FREE(&r->entries);
	VEC_FREE(&r->problems);
}
