/* gen-uninames.c: builds resolver/uniname.c's table at build time from
 * the Unicode Character Database of Debian's unicode-data package
 * (UnicodeData.txt, NameAliases.txt, Jamo.txt): the names Python's \N{...}
 * accepts, as a C file. Not linked into pymode-pkg; nothing of the data
 * is committed.
 *
 *   gen-uninames UNICODE_DIR OUT.c
 *
 * The table: every character name of UnicodeData.txt (not the <...>
 * ranges and <control> labels) and every alias of NameAliases.txt, sorted
 * by code point (a name before its aliases), each record a varint of the
 * code point's increase over the previous record, a byte of how many
 * leading bytes it shares with the previous name (none for every
 * UNINAMES_RESTART-th record), and the rest of the name NUL-terminated;
 * then the whole stream zlib-compressed. Beside it: the CJK
 * unified ideograph ranges (UnicodeData.txt's "<CJK Ideograph..., First>"
 * lines), the Hangul jamo short names (Jamo.txt) and the Unicode version
 * (NameAliases.txt's first line). Named sequences are left out: \N{...}
 * does not take them. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define UNIDATA_PROG "gen-uninames"
#include "unidata.h"
#include <zlib.h>

/* every UNINAMES_RESTART-th record keeps nothing of the one before, so a
 * lookup can decode from there (resolver/uniname.c's index) */
#define UNINAMES_RESTART 16

struct rec {
	uint32_t cp;
	unsigned order; /* file order: a name before its aliases */
	char *name;
};

static struct rec *recs;
static size_t n_recs, cap_recs;

static void add(uint32_t cp, const char *name, size_t len)
{
	if (len == 0 || len > 255)
		die("bad name length in '%s'%s", name, "");
	if (n_recs == cap_recs) {
		cap_recs = cap_recs ? cap_recs * 2 : 65536;
		recs = realloc(recs, cap_recs * sizeof(*recs));
		if (!recs)
			die("out of memory%s%s", "", "");
	}
	recs[n_recs].cp = cp;
	recs[n_recs].order = (unsigned)n_recs;
	recs[n_recs].name = strndup(name, len);
	n_recs++;
}

static int cmp_rec(const void *x, const void *y)
{
	const struct rec *a = x, *b = y;

	if (a->cp != b->cp)
		return a->cp < b->cp ? -1 : 1;
	return a->order < b->order ? -1 : a->order > b->order;
}

static void emit_bytes(FILE *o, const char *name, const unsigned char *b, size_t n)
{
	fprintf(o, "const unsigned char %s[%zu] = {", name, n ? n : 1);
	for (size_t i = 0; i < n; i++)
		fprintf(o, "%s%u,", i % 24 ? "" : "\n\t", b[i]);
	fprintf(o, "%s\n};\n", n ? "" : "0");
}

int main(int argc, char **argv)
{
	char path[4096], line[1024], f0[64], f1[512], version[64] = "";
	uint32_t cjk[64][2];
	size_t n_cjk = 0;
	char jamo[3][32][8];
	int n_jamo[3] = { 0, 0, 0 };
	FILE *f, *o;

	if (argc != 3)
		die("usage: gen-uninames UNICODE_DIR OUT.c%s%s", "", "");
	f = open_data(argv[1], "UnicodeData.txt", path, sizeof(path));
	while (fgets(line, sizeof(line), f)) {
		if (!field(line, 0, f0, sizeof(f0)) || !field(line, 1, f1, sizeof(f1)))
			die("%s: malformed line '%s'", path, line);
		uint32_t cp = (uint32_t)strtoul(f0, NULL, 16);
		if (f1[0] != '<') {
			add(cp, f1, strlen(f1));
		} else if (!strncmp(f1, "<CJK Ideograph", 14) && strstr(f1, ", First>")) {
			if (n_cjk == 64)
				die("%s: too many CJK ranges%s", path, "");
			cjk[n_cjk][0] = cp;
			if (!fgets(line, sizeof(line), f) || !field(line, 0, f0, sizeof(f0)) ||
			    !field(line, 1, f1, sizeof(f1)) || !strstr(f1, ", Last>"))
				die("%s: a CJK range without its Last line%s", path, "");
			cjk[n_cjk++][1] = (uint32_t)strtoul(f0, NULL, 16);
		}
	}
	fclose(f);
	f = open_data(argv[1], "NameAliases.txt", path, sizeof(path));
	while (fgets(line, sizeof(line), f)) {
		if (!version[0] && sscanf(line, "# NameAliases-%63[0-9.]", version) == 1) {
			size_t vl = strlen(version); /* "15.0.0." before "txt" */
			if (vl && version[vl - 1] == '.')
				version[vl - 1] = '\0';
			continue;
		}
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (!field(line, 0, f0, sizeof(f0)) || !field(line, 1, f1, sizeof(f1)))
			die("%s: malformed line '%s'", path, line);
		add((uint32_t)strtoul(f0, NULL, 16), f1, strlen(f1));
	}
	fclose(f);
	/* Jamo.txt: leading consonants 1100-1112, vowels 1161-1175, trailing
	 * consonants 11A8-11C2 (the trailing "" is index 0) */
	n_jamo[2] = 1;
	jamo[2][0][0] = '\0';
	f = open_data(argv[1], "Jamo.txt", path, sizeof(path));
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '#' || line[0] == '\n')
			continue;
		if (!field(line, 0, f0, sizeof(f0)) || !field(line, 1, f1, sizeof(f1)) ||
		    strlen(f1) >= sizeof(jamo[0][0]))
			die("%s: malformed line '%s'", path, line);
		uint32_t cp = (uint32_t)strtoul(f0, NULL, 16);
		int col = cp >= 0x1100 && cp <= 0x1112 ? 0 : cp >= 0x1161 && cp <= 0x1175 ? 1
			: cp >= 0x11a8 && cp <= 0x11c2 ? 2 : -1;
		if (col < 0 || n_jamo[col] == 32)
			continue;
		strcpy(jamo[col][n_jamo[col]++], f1);
	}
	fclose(f);
	if (!version[0] || n_recs < 1000 || !n_cjk || n_jamo[0] != 19 || n_jamo[1] != 21 ||
	    n_jamo[2] != 28)
		die("%s: not the Unicode Character Database this expects%s", argv[1], "");
	qsort(recs, n_recs, sizeof(*recs), cmp_rec);

	/* the stream */
	size_t cap = n_recs * 272, len = 0;
	unsigned char *raw = malloc(cap);
	const char *prev = "";
	uint32_t pcp = 0;
	if (!raw)
		die("out of memory%s%s", "", "");
	for (size_t i = 0; i < n_recs; i++) {
		uint32_t d = recs[i].cp - pcp;
		size_t k = 0, nl = strlen(recs[i].name);
		do {
			raw[len++] = (unsigned char)((d & 0x7f) | (d > 0x7f ? 0x80 : 0));
			d >>= 7;
		} while (d);
		while (i % UNINAMES_RESTART && prev[k] && prev[k] == recs[i].name[k])
			k++;
		raw[len++] = (unsigned char)k;
		memcpy(raw + len, recs[i].name + k, nl - k + 1);
		len += nl - k + 1;
		prev = recs[i].name;
		pcp = recs[i].cp;
	}
	uLongf zlen = compressBound(len);
	unsigned char *z = malloc(zlen);
	if (!z || compress2(z, &zlen, raw, len, 9) != Z_OK)
		die("compress failed%s%s", "", "");

	if (!(o = fopen(argv[2], "w")))
		die("cannot write %s: %s", argv[2], strerror(errno));
	fprintf(o, "/* generated by tools/gen-uninames from %s (Unicode %s): do not edit */\n"
		"#include <stddef.h>\n#include <stdint.h>\n\n", argv[1], version);
	fprintf(o, "const char uninames_version[] = \"%s\";\n", version);
	fprintf(o, "const size_t uninames_count = %zu, uninames_raw_len = %zu, uninames_z_len = %lu;\n"
		"const size_t uninames_restart = %d;\n", n_recs, len, (unsigned long)zlen,
		UNINAMES_RESTART);
	emit_bytes(o, "uninames_z", z, zlen);
	fprintf(o, "const uint32_t uninames_cjk[][2] = {");
	for (size_t i = 0; i < n_cjk; i++)
		fprintf(o, " { 0x%X, 0x%X },", cjk[i][0], cjk[i][1]);
	fprintf(o, " };\nconst size_t uninames_n_cjk = %zu;\n", n_cjk);
	for (int col = 0; col < 3; col++) {
		fprintf(o, "const char *const uninames_jamo_%c[%d] = {", "LVT"[col], n_jamo[col]);
		for (int i = 0; i < n_jamo[col]; i++)
			fprintf(o, " \"%s\",", jamo[col][i]);
		fprintf(o, " };\n");
	}
	if (fclose(o))
		die("cannot write %s: %s", argv[2], strerror(errno));
	free(raw); /* freed, so an ASan build's leak check passes (make asan, fuzz) */
	free(z);
	return 0;
}
