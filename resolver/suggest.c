/* suggest.c: "did you mean": the project names a client's find-links
 * directories and indexes know, and the one closest to a misspelt name.
 * Nothing here decides a resolution; resolve.c asks only once a
 * requirement names a project no index has. */
#include "resolve.h"

#include <stdlib.h>
#include <string.h>

static void add_name(struct index_client *ic, struct strmap *names, const char *s, size_t n)
{
	if (!n || n > 200)
		return;
	strmap_put(names, pep503_normalize(&ic->arena, arena_strndup(&ic->arena, s, n)), NULL);
}

/* the names of a PEP 503 root page (the text of each <a>) or a PEP 691
 * root ({"projects": [{"name": ...}]}) */
static void root_names(struct index_client *ic, struct strmap *names, const char *ctype,
		       const char *text, size_t n)
{
	if (strstr(ctype, "json")) {
		struct jnode *root;
		struct perr e = PERR_INIT;
		const struct jnode *pr;
		if (jtree_parse(&ic->arena, "JSON index root", text, n, &root, &e))
			return;
		pr = jnode_get(root, "projects");
		for (size_t i = 0; pr && pr->type == J_ARRAY && i < pr->n; i++) {
			const struct jnode *x = jnode_get(pr->items[i], "name");
			if (x && x->type == J_STRING)
				add_name(ic, names, x->str, strlen(x->str));
		}
		return;
	}
	for (const char *p = text, *end = text + n; p < end;) {
		const char *a = memchr(p, '<', (size_t)(end - p)), *gt, *close;
		if (!a || a + 2 >= end)
			break;
		p = a + 1;
		if ((a[1] != 'a' && a[1] != 'A') || !(a[2] == ' ' || a[2] == '>' || a[2] == '\t' || a[2] == '\n'))
			continue;
		if (!(gt = memchr(a, '>', (size_t)(end - a))) || !(close = memchr(gt, '<', (size_t)(end - gt))))
			break;
		const char *b = gt + 1, *e = close;
		while (b < e && strchr(" \t\r\n", *b))
			b++;
		while (e > b && strchr(" \t\r\n", e[-1]))
			e--;
		add_name(ic, names, b, (size_t)(e - b));
		p = close;
	}
}

void index_project_names(struct index_client *ic, struct strmap *names)
{
	struct perr e = PERR_INIT;

	if (!index_load_find_links(ic, &e)) {
		for (size_t i = 0; i < ic->flfiles.n; i++) {
			struct index_file f = ic->flfiles.v[i];
			const char *name = index_file_parse_name(&ic->arena, &f);
			if (name)
				add_name(ic, names, name, strlen(name));
		}
	}
	for (size_t i = 0; ic->http && i < ic->n_index_urls; i++) {
		const char *base = ic->index_urls[i];
		struct http_job j;
		/* PyPI's root lists every project (tens of megabytes): not for a hint */
		if (strstr(base, "://pypi.org/") || strstr(base, "://pypi.python.org/"))
			continue;
		memset(&j, 0, sizeof(j));
		j.url = arena_printf(&ic->arena, "%s%s", base, ends_with(base, "/") ? "" : "/");
		j.accept = "application/vnd.pypi.simple.v1+json, "
			   "application/vnd.pypi.simple.v1+html;q=0.2, text/html;q=0.01";
		j.max = 16u << 20;
		j.kind = HTTP_PAGE;
		j.reply = (struct http_reply)HTTP_REPLY_INIT;
		http_get_many(ic->http, &j, 1, NULL);
		ic->n_requests++;
		if (!j.rc && j.reply.status == 200)
			root_names(ic, names, j.reply.ctype.buf, j.reply.body.buf, j.reply.body.len);
		http_reply_release(&j.reply);
	}
}

/* optimal string alignment distance, capped: more than cap is cap + 1 */
static size_t distance(const char *a, const char *b, size_t cap)
{
	size_t n = strlen(a), m = strlen(b), best;
	size_t *d;

	if ((n > m ? n - m : m - n) > cap)
		return cap + 1;
	d = xcalloc((n + 1) * (m + 1), sizeof(*d));
#define D(i, j) d[(i) * (m + 1) + (j)]
	for (size_t i = 0; i <= n; i++)
		D(i, 0) = i;
	for (size_t j = 0; j <= m; j++)
		D(0, j) = j;
	for (size_t i = 1; i <= n; i++)
		for (size_t j = 1; j <= m; j++) {
			size_t c = a[i - 1] != b[j - 1], v = D(i - 1, j - 1) + c;
			if (D(i - 1, j) + 1 < v)
				v = D(i - 1, j) + 1;
			if (D(i, j - 1) + 1 < v)
				v = D(i, j - 1) + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && D(i - 2, j - 2) + 1 < v)
				v = D(i - 2, j - 2) + 1;
			D(i, j) = v;
		}
	best = D(n, m);
#undef D
	free(d);
	return best > cap ? cap + 1 : best;
}

const char *suggest_name(const struct strmap *names, const char *key)
{
	size_t cap = strlen(key) / 3, best = (size_t)-1;
	const char *pick = NULL;

	if (!cap)
		cap = 1;
	STRMAP_FOREACH(names, e) {
		size_t d;
		if (!strcmp(e->key, key))
			continue;
		d = distance(key, e->key, cap);
		/* ties go to the name first in order, so the answer is stable */
		if (d <= cap && (d < best || (d == best && strcmp(e->key, pick) < 0))) {
			best = d;
			pick = e->key;
		}
	}
	return pick;
}
