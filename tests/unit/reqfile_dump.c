/* reqfile_dump.c: a test driver, not a unit test: reads each requirements
 * file named on the command line as reqfile_load does (includes too) and
 * prints "== FILE", then one line per requirement: its file's base name
 * and line number ("r.txt:3"), the
 * requirement (a named one as its parts, '|'-separated: name, normalized
 * name, extras normalized and sorted, URL, number of specifiers, marker
 * normalized; a bare URL or path, editable or not, as its location and
 * its [extras] normalized and sorted), e for
 * an editable, c for a constraint, and its --hash values sorted,
 * tab-separated; or "! " and the error. tests/suites/reqfile-diff compares
 * it with pip's own parse_requirements (and install_req_from_parsed_requirement,
 * which refuses a requirement that does not parse, as reqfile_load does). */
#include "../../resolver/resolver.h"

#include <stdlib.h>
#include <string.h>

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		struct arena a = ARENA_INIT;
		struct perr err = PERR_INIT;
		struct reqfile rf = REQFILE_INIT;

		printf("== %s\n", argv[i]);
		if (reqfile_load(&rf, argv[i], 0, NULL, NULL, &a, &err)) {
			printf("! %s\n", err.msg);
		} else {
			for (size_t k = 0; k < rf.entries.n; k++) {
				const struct reqfile_entry *e = &rf.entries.v[k];
				const char **h = xmalloc((e->n_hashes + 1) * sizeof(*h));
				if (e->n_hashes) /* hashes may be NULL then */
					memcpy(h, e->hashes, e->n_hashes * sizeof(*h));
				qsort(h, e->n_hashes, sizeof(*h), cmp_str);
				const char *base = strrchr(e->file, '/');
				printf("%s:%d\t", base ? base + 1 : e->file, e->line);
				if (e->kind == REQ_NAMED && !e->editable) {
					struct strbuf sb = STRBUF_INIT;
					const char **ex = xmalloc((e->req.n_extras + 1) * sizeof(*ex));
					if (e->req.n_extras)
						memcpy(ex, e->req.extras, e->req.n_extras * sizeof(*ex));
					qsort(ex, e->req.n_extras, sizeof(*ex), cmp_str);
					printf("%s|%s|", e->req.name, e->req.key);
					for (size_t j = 0; j < e->req.n_extras; j++)
						if (!j || strcmp(ex[j], ex[j - 1]))
							printf("%s%s", j ? "," : "", ex[j]);
					if (e->req.marker)
						marker_format(e->req.marker, &sb);
					printf("|%s|%zu|%s", e->req.url ? e->req.url : "", e->req.specs.n, sb.buf);
					strbuf_release(&sb);
					free(ex);
				} else { /* the location, and its [extras] normalized, sorted */
					const char **ex = xmalloc((e->req.n_extras + 1) * sizeof(*ex));
					if (e->req.n_extras)
						memcpy(ex, e->req.extras, e->req.n_extras * sizeof(*ex));
					qsort(ex, e->req.n_extras, sizeof(*ex), cmp_str);
					printf("%s", e->req.url);
					for (size_t j = 0; j < e->req.n_extras; j++)
						printf("%s%s", j ? "," : "[", ex[j]);
					printf("%s", e->req.n_extras ? "]" : "");
					free(ex);
				}
				printf("\t%s%s\t", e->editable ? "e" : "", e->constraint ? "c" : "");
				for (size_t j = 0; j < e->n_hashes; j++)
					printf("%s%s", j ? "," : "", h[j]);
				printf("\n");
				free(h);
			}
		}
		reqfile_release(&rf);
		arena_release(&a);
	}
	return 0;
}
