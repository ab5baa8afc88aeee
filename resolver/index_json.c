/* index_json.c: PEP 691 JSON simple pages: the project page's "files"
 * list, read with common/jsonread.c. No I/O; the HTML form is
 * index_html.c. */
#include "resolve.h"

#include <string.h>

/* no sha256: the strongest other hash pip knows, checked instead */
static void json_other_hash(struct arena *a, struct index_file *f, const struct jnode *hashes)
{
	for (int k = DIGEST_SHA512; k >= DIGEST_MD5; k--) {
		const struct jnode *x = k == DIGEST_SHA256 ? NULL
			: jnode_get(hashes, digest_name(k));
		size_t n = digest_hex_len(k), i = 0;
		if (!x)
			continue;
		if (x->type == J_STRING)
			while (i < n && hex_digit_value((unsigned char)x->str[i]) >= 0)
				i++;
		if (x->type != J_STRING || i != n || x->str[n]) {
			f->dropped = arena_printf(a, "its \"hashes\" %s is not %zu hex digits",
						  digest_name(k), n);
			return;
		}
		f->link_hash = arena_printf(a, "%s:%s", digest_name(k), x->str);
		return;
	}
}

int index_parse_json(const char *text, size_t n, const char *base_url, struct arena *a,
		     index_files *files, struct perr *err)
{
	struct jnode *root;
	const struct jnode *fl;

	if (jtree_parse(a, "JSON index page", text, n, &root, err))
		return err->code;
	fl = jnode_get(root, "files");
	if (!fl || fl->type != J_ARRAY)
		return perr_set(err, PM_INPUT, "JSON index page has no 'files' list");
	for (size_t i = 0; i < fl->n; i++) {
		const struct jnode *o = fl->items[i], *x;
		const struct jnode *url = jnode_get(o, "url"), *fn = jnode_get(o, "filename");
		if (!url || url->type != J_STRING || !fn || fn->type != J_STRING || !*fn->str)
			continue;
		const char *abs = url_resolve(a, base_url, url->str);
		if (!abs || strchr(fn->str, '/'))
			continue;
		struct index_file *f = VEC_PUSH(files);
		memset(f, 0, sizeof(*f));
		f->url = abs;
		f->filename = fn->str;
		/* a file whose hash is malformed cannot be checked: not offered,
		 * but kept to say why */
		x = jnode_get(jnode_get(o, "hashes"), "sha256");
		if (x && (x->type != J_STRING || !sha256_hex_valid(x->str)))
			f->dropped = "its \"hashes\" sha256 is not 64 hex digits";
		else if (x)
			f->sha256 = x->str;
		else
			json_other_hash(a, f, jnode_get(o, "hashes"));
		x = jnode_get(o, "requires-python");
		if (x && x->type == J_STRING)
			f->requires_python = x->str;
		x = jnode_get(o, "yanked");
		f->yanked = x && ((x->type == J_BOOL && x->boolean) || x->type == J_STRING);
		x = jnode_get(o, "core-metadata");
		if (!x)
			x = jnode_get(o, "dist-info-metadata");
		if (x && x->type == J_BOOL && x->boolean) {
			index_file_metadata(a, f, "true", 1);
		} else if (x && x->type == J_OBJECT) {
			/* its sha256, else the strongest other hash pip knows */
			static const enum digest_algo order[] = { DIGEST_SHA256, DIGEST_SHA512,
				DIGEST_SHA384, DIGEST_SHA224, DIGEST_SHA1, DIGEST_MD5 };
			const char *v = "true";
			for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
				const struct jnode *h = jnode_get(x, digest_name(order[k]));
				if (h && h->type == J_STRING) {
					v = arena_printf(a, "%s=%s", digest_name(order[k]), h->str);
					break;
				}
			}
			index_file_metadata(a, f, v, 1);
		}
	}
	return 0;
}
