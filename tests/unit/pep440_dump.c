/* pep440_dump.c: a test driver, not a unit test: reads tab-separated
 * requests, one a line on stdin (up to 4 KiB), and prints one answer a
 * line; tests/suites/packaging-diff compares them with packaging's.
 *   V <s>                 the normalized version, or "!" when invalid
 *   C <a> <b>             -1, 0 or 1 (pep440_cmp), "!" when one is invalid
 *   S <set> <v> <pre>     1 or 0: spec_set_contains(set, v as written,
 *                         prereleases N (None), 0 or 1); "!" when the set
 *                         is invalid, "?" when v is not a version */
#include "../../resolver/resolver.h"

#include <string.h>

int main(void)
{
	char line[4096];

	while (fgets(line, sizeof(line), stdin)) {
		struct arena a = ARENA_INIT;
		struct perr err = PERR_INIT;
		struct pep440 v, w;
		struct spec_set set;
		char *f[4] = { line, NULL, NULL, NULL };
		int nf = 1;

		line[strcspn(line, "\n")] = '\0';
		for (char *p = line; *p && nf < 4; p++)
			if (*p == '\t') {
				*p = '\0';
				f[nf++] = p + 1;
			}
		if (!strcmp(f[0], "V") && nf == 2) {
			struct strbuf sb = STRBUF_INIT;
			if (pep440_parse(&v, f[1], strlen(f[1]), &err)) {
				printf("!\n");
			} else {
				pep440_format(&v, &sb);
				printf("%s\n", sb.buf);
			}
			strbuf_release(&sb);
		} else if (!strcmp(f[0], "C") && nf == 3) {
			if (pep440_parse(&v, f[1], strlen(f[1]), &err) ||
			    pep440_parse(&w, f[2], strlen(f[2]), &err)) {
				printf("!\n");
			} else {
				int c = pep440_cmp(&v, &w);
				printf("%d\n", (c > 0) - (c < 0));
			}
		} else if (!strcmp(f[0], "S") && nf == 4) {
			int pre = !strcmp(f[3], "1") ? 1 : !strcmp(f[3], "0") ? 0 : -1;
			if (spec_set_parse(&set, f[1], strlen(f[1]), &a, &err))
				printf("!\n");
			else if (pep440_parse(&v, f[2], strlen(f[2]), &err))
				printf("?\n");
			else
				printf("%d\n", spec_set_contains(&set, &v, f[2], pre));
		} else {
			printf("bad request\n");
		}
		arena_release(&a);
	}
	return 0;
}
