/* index_html.c: PEP 503 simple pages: anchors and their attributes
 * (data-requires-python, data-yanked, data-dist-info-metadata /
 * data-core-metadata), HTML character references, URL resolution. No I/O;
 * the JSON form is index_json.c. */
#include "resolve.h"
#include "curl_dl.h"

#include <ctype.h>
#include <string.h>


char *html_unescape(struct arena *a, const char *s, size_t n)
{
	static const struct { const char *name; char c; } named[] = {
		{ "amp;", '&' }, { "lt;", '<' }, { "gt;", '>' }, { "quot;", '"' },
		{ "apos;", '\'' },
	};
	struct strbuf sb = STRBUF_INIT;
	size_t i = 0;

	while (i < n) {
		if (s[i] != '&') {
			strbuf_addch(&sb, s[i++]);
			continue;
		}
		size_t j = i + 1, k;
		int done = 0;
		if (j < n && s[j] == '#') {
			unsigned long cp = 0;
			int hex = j + 1 < n && (s[j + 1] == 'x' || s[j + 1] == 'X');
			size_t digits = 0;
			for (k = j + 1 + hex; k < n && digits < 8 &&
			     (hex ? isxdigit((unsigned char)s[k]) : isdigit((unsigned char)s[k]));
			     k++, digits++)
				cp = cp * (hex ? 16 : 10) +
				     (isdigit((unsigned char)s[k]) ? s[k] - '0' :
				      (tolower((unsigned char)s[k]) - 'a' + 10));
			if (digits && k < n && s[k] == ';') {
				/* NUL, surrogates and beyond Unicode: U+FFFD */
				if (cp == 0 || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
					cp = 0xfffd;
				strbuf_add_utf8(&sb, cp);
				i = k + 1;
				done = 1;
			}
		} else {
			for (k = 0; k < sizeof(named) / sizeof(named[0]); k++) {
				size_t l = strlen(named[k].name);
				if (n - j >= l && !strncmp(s + j, named[k].name, l)) {
					strbuf_addch(&sb, named[k].c);
					i = j + l;
					done = 1;
					break;
				}
			}
		}
		if (!done)
			strbuf_addch(&sb, s[i++]);
	}
	char *r = arena_strndup(a, sb.buf, sb.len);
	strbuf_release(&sb);
	return r;
}

const char *url_resolve(struct arena *a, const char *base, const char *ref)
{
	struct perr err = PERR_INIT;
	CURLU *u;
	char *out = NULL;
	const char *r = NULL;

	if (pm_curl_load(&err) || !(u = curl_url()))
		return NULL;
	if (curl_url_set(u, CURLUPART_URL, base, 0) == CURLUE_OK &&
	    curl_url_set(u, CURLUPART_URL, ref, 0) == CURLUE_OK &&
	    curl_url_get(u, CURLUPART_URL, &out, 0) == CURLUE_OK)
		r = arena_strdup(a, out);
	curl_free(out);
	curl_url_cleanup(u);
	return r;
}

/* the attribute value of name inside tag[0..n), or NULL; *present set */
static const char *attr(struct arena *a, const char *tag, size_t n, const char *name, int *present)
{
	size_t ln = strlen(name), i = 0;

	*present = 0;
	while (i < n) {
		while (i < n && (isspace((unsigned char)tag[i]) || tag[i] == '/'))
			i++;
		size_t ks = i;
		while (i < n && !isspace((unsigned char)tag[i]) && tag[i] != '=' && tag[i] != '>')
			i++;
		size_t kl = i - ks;
		while (i < n && isspace((unsigned char)tag[i]))
			i++;
		const char *v = "";
		size_t vl = 0;
		if (i < n && tag[i] == '=') {
			i++;
			while (i < n && isspace((unsigned char)tag[i]))
				i++;
			if (i < n && (tag[i] == '"' || tag[i] == '\'')) {
				char q = tag[i++];
				const char *e = memchr(tag + i, q, n - i);
				if (!e)
					return NULL; /* unterminated: drop the attribute */
				v = tag + i;
				vl = e - v;
				i = e - tag + 1;
			} else {
				v = tag + i;
				while (i < n && !isspace((unsigned char)tag[i]))
					i++;
				vl = tag + i - v;
			}
		}
		if (kl == ln && !strncasecmp(tag + ks, name, ln)) {
			*present = 1;
			return html_unescape(a, v, vl);
		}
		if (kl == 0 && i < n)
			i++;
	}
	return NULL;
}

const char *url_hash_fragment(const char *href, size_t *len, int *algo)
{
	/* pip's order in its pattern; the first NAME= found wins either way */
	static const enum digest_algo order[] = { DIGEST_SHA512, DIGEST_SHA384, DIGEST_SHA256,
						  DIGEST_SHA224, DIGEST_SHA1, DIGEST_MD5 };

	for (const char *p = href; *p; p++) {
		if (*p != '#' && *p != '&')
			continue;
		for (size_t k = 0; k < sizeof(order) / sizeof(order[0]); k++) {
			const char *name = digest_name(order[k]);
			size_t nl = strlen(name);
			if (strncmp(p + 1, name, nl) || p[1 + nl] != '=')
				continue;
			*len = strcspn(p + 2 + nl, "&");
			*algo = (int)order[k];
			return p + 2 + nl;
		}
	}
	return NULL;
}

/* "<url>#sha256=<hex>": splits off the fragment; the hash is pip's, the
 * first [#&]NAME=VALUE anywhere in the URL ("#egg=x&sha256=..." too) */
int url_split_fragment(struct arena *a, const char *href, const char **url, const char **sha,
		       const char **other)
{
	const char *h = strchr(href, '#'), *v;
	size_t len = 0;
	int algo = -1;

	*sha = NULL;
	if (other)
		*other = NULL;
	*url = h ? arena_strndup(a, href, h - href) : href;
	if (!(v = url_hash_fragment(href, &len, &algo)))
		return 0;
	if (len != digest_hex_len(algo))
		return -1;
	for (size_t i = 0; i < len; i++)
		if (hex_digit_value((unsigned char)v[i]) < 0)
			return -1;
	if (algo == DIGEST_SHA256)
		*sha = arena_strndup(a, v, len);
	else if (other)
		*other = arena_printf(a, "%s:%.*s", digest_name(algo), (int)len, v);
	return 0;
}

char *url_pct_decode(struct arena *a, const char *s, size_t n)
{
	char *o = arena_alloc(a, n + 1), *w = o;

	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n && (hi = hex_digit_value((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hex_digit_value((unsigned char)s[i + 2])) >= 0) {
			if (!(hi | lo))
				return NULL;
			*w++ = (char)(hi * 16 + lo);
			i += 2;
		} else {
			*w++ = s[i];
		}
	}
	*w = 0;
	return o;
}

const char *url_filename(struct arena *a, const char *url)
{
	const char *end = url + strcspn(url, "?#"), *b = end;

	while (b > url && b[-1] != '/')
		b--;
	return b < end ? url_pct_decode(a, b, (size_t)(end - b)) : NULL;
}

void index_file_metadata(struct arena *a, struct index_file *f, const char *value, int present)
{
	if (!present || !value || !strcmp(value, "false"))
		return;
	/* NAME=VALUE, NAME one of pip's hash names (another is no hash, as
	 * pip's supported_hashes drops it); a malformed value: the metadata
	 * file is not trusted, the archive is read */
	const char *eq = strchr(value, '=');
	int algo = eq ? digest_algo_find(value, (size_t)(eq - value)) : -1;
	if (algo >= 0) {
		size_t n = digest_hex_len(algo), i = 0;
		while (i < n && hex_digit_value((unsigned char)eq[1 + i]) >= 0)
			i++;
		if (i != n || eq[1 + n])
			return;
	}
	f->metadata_url = arena_printf(a, "%s.metadata", f->url);
	if (algo == DIGEST_SHA256)
		f->metadata_sha256 = arena_strdup(a, eq + 1);
	else if (algo >= 0)
		f->metadata_hash = arena_printf(a, "%s:%s", digest_name(algo), eq + 1);
}

int index_parse_html(const char *text, size_t n, const char *base_url, struct arena *a,
		     index_files *files, struct perr *err)
{
	size_t i = 0;

	while (i + 2 < n) {
		const char *lt = memchr(text + i, '<', n - i);
		if (!lt)
			break;
		i = lt - text + 1;
		if (i + 1 >= n || (text[i] != 'a' && text[i] != 'A') ||
		    !(isspace((unsigned char)text[i + 1]) || text[i + 1] == '>'))
			continue;
		const char *gt = memchr(text + i, '>', n - i);
		if (!gt)
			break;
		const char *tag = text + i + 1;
		size_t tl = gt - tag;
		i = gt - text + 1;
		int has;
		const char *href = attr(a, tag, tl, "href", &has);
		if (!href || !*href)
			continue;
		const char *url, *sha, *other, *dropped = NULL;
		/* a file whose hash is malformed cannot be checked: not offered,
		 * but kept to say why */
		if (url_split_fragment(a, href, &url, &sha, &other)) {
			size_t hn = 0;
			int algo = DIGEST_SHA256;
			const char *h = url_hash_fragment(href, &hn, &algo);
			dropped = arena_printf(a, "its #%s= fragment is not %zu hex digits ('%s%s')",
					       digest_name(algo), digest_hex_len(algo),
					       printable(a, h, hn > 20 ? 20 : hn), hn > 20 ? "..." : "");
		}
		const char *abs = url_resolve(a, base_url, url);
		const char *filename = abs ? url_filename(a, abs) : NULL;
		if (!filename)
			continue;
		struct index_file *f = VEC_PUSH(files);
		memset(f, 0, sizeof(*f));
		f->dropped = dropped;
		f->url = abs;
		f->filename = filename;
		f->sha256 = sha;
		f->link_hash = other;
		f->requires_python = attr(a, tag, tl, "data-requires-python", &has);
		attr(a, tag, tl, "data-yanked", &f->yanked);
		const char *m = attr(a, tag, tl, "data-core-metadata", &has);
		if (!has)
			m = attr(a, tag, tl, "data-dist-info-metadata", &has);
		index_file_metadata(a, f, m, has);
	}
	return 0;
}
