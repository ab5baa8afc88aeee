/* ship-figures: the size figures of every Python file of a CPython stdlib
 * (a Lib/ directory or a stdlib zip), as bundler/figures/NAME.tsv ships them:
 * measured by bundler/sizes.c itself (size_gzip, size_brotli), so a cold
 * bundle of that stdlib's files finds them as a warm one finds its cache.
 * Not part of pymode-pkg: run by hand when a stdlib is added (see
 * bundler/figures/README.md); tools/embed-figures turns the files into C.
 *
 *   ship-figures LABEL STDLIB > bundler/figures/NAME.tsv
 */
#include "../bundler/bundler.h"
#include "../scanner/scanner.h"

#include <brotli/encode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct line {
	char key[65];
	long long raw, gzip, brotli;
};

static int cmp_line(const void *a, const void *b)
{
	return strcmp(((const struct line *)a)->key, ((const struct line *)b)->key);
}

/* what no bundle ships: the test suite, and what pip installed beside it */
static int skipped(const char *name)
{
	static const char *const dirs[] = { "test/", "site-packages/", "dist-packages/", NULL };
	const char *base = strstr(name, "python3.") == name ? strchr(name, '/') : NULL;

	if (base)
		name = base + 1; /* lib/python3.13/... inside a zip */
	for (int i = 0; dirs[i]; i++)
		if (!strncmp(name, dirs[i], strlen(dirs[i])))
			return 1;
	return !ends_with(name, ".py");
}

int main(int argc, char **argv)
{
	struct source *src;
	struct perr err = PERR_INIT;
	struct member m;
	VEC(struct line) lines = VEC_INIT;
	uint32_t bv = BrotliEncoderVersion();
	int r;

	if (argc != 3) {
		fprintf(stderr, "usage: ship-figures LABEL STDLIB\n");
		return 2;
	}
	if (source_open(&src, argv[2], &err)) {
		fprintf(stderr, "ship-figures: %s\n", err.msg);
		return 1;
	}
	while ((r = source_next(src, &m, &err)) > 0) {
		struct strbuf sb = STRBUF_INIT;
		if (m.is_dir || m.is_link || skipped(m.name))
			continue;
		if (source_read(src, &sb, (size_t)1 << 28, &err)) {
			fprintf(stderr, "ship-figures: %s\n", err.msg);
			return 1;
		}
		struct line *l = VEC_PUSH(&lines);
		bundle_content_key(sb.buf, sb.len, l->key);
		l->raw = (long long)sb.len;
		l->gzip = size_gzip(sb.buf, sb.len);
		l->brotli = size_brotli(sb.buf, sb.len);
		strbuf_release(&sb);
		if (l->gzip < 0 || l->brotli < 0) {
			fprintf(stderr, "ship-figures: cannot compress %s\n", m.name);
			return 1;
		}
	}
	if (r < 0) {
		fprintf(stderr, "ship-figures: %s\n", err.msg);
		return 1;
	}
	source_close(src);
	qsort(lines.v, lines.n, sizeof(*lines.v), cmp_line);
	printf("# pymode-figures/1 zlib=%s gzip=%d brotli=%u.%u.%u quality=%d\n", zlibVersion(), SIZE_GZIP_LEVEL,
	       (unsigned)(bv >> 24), (unsigned)((bv >> 12) & 0xfff), (unsigned)(bv & 0xfff), SIZE_BROTLI_QUALITY);
	printf("# %s\n", argv[1]);
	for (size_t i = 0; i < lines.n; i++)
		if (!i || strcmp(lines.v[i - 1].key, lines.v[i].key))
			printf("%s %lld %lld %lld\n", lines.v[i].key, lines.v[i].raw, lines.v[i].gzip,
			       lines.v[i].brotli);
	VEC_FREE(&lines);
	return ferror(stdout) || fclose(stdout) ? 1 : 0;
}
