/* pep440_dump.c: a test driver, not a unit test: reads tab-separated
 * requests, one a line on stdin (up to 4 KiB), and prints one answer a
 * line; tests/suites/packaging-diff compares them with packaging's.
 *   V <s>                 the normalized version, or "!" when invalid
 *   C <a> <b>             -1, 0 or 1 (pep440_cmp), "!" when one is invalid
 *   S <set> <v> <pre>     1 or 0: spec_set_contains(set, v as written,
 *                         prereleases N (None), 0 or 1); "!" when the set
 *                         is invalid, "?" when v is not a version
 *   R <s>                 the requirement's parts, '|'-separated: name,
 *                         normalized name, extras (normalized, sorted),
 *                         URL, number of specifiers, marker (normalized);
 *                         "!" when invalid
 *   M <marker> <extra>    1 or 0: the marker in the environment below with
 *                         extra as the one active extra ("" for none);
 *                         "!" when it does not parse, "E" when it cannot be
 *                         evaluated */
#include "../../resolver/resolver.h"

#include <stdlib.h>
#include <string.h>

/* the environment M requests are evaluated in (packaging-diff gives its
 * oracle the same) */
static const char *const env_keys[] = {
	"implementation_name", "implementation_version", "os_name", "platform_machine",
	"platform_python_implementation", "platform_release", "platform_system",
	"platform_version", "python_full_version", "python_version", "sys_platform",
};
static const char *const env_values[] = {
	"cpython", "3.12.1", "posix", "x86_64", "CPython", "6.1.0-18-amd64", "Linux",
	"#1 SMP PREEMPT_DYNAMIC Debian 6.1.76-1", "3.12.1", "3.12", "linux",
};

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int main(void)
{
	char line[4096];

	while (fgets(line, sizeof(line), stdin)) {
		struct arena a = ARENA_INIT;
		struct perr err = PERR_INIT;
		struct pep440 v, w;
		struct spec_set set;
		char *f[5] = { line, NULL, NULL, NULL, NULL };
		int nf = 1;

		line[strcspn(line, "\n")] = '\0';
		for (char *p = line; *p && nf < 5; p++)
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
		} else if (!strcmp(f[0], "R") && nf == 2) {
			struct req r;
			struct strbuf sb = STRBUF_INIT;
			if (req_parse(&r, f[1], strlen(f[1]), &a, &err, NULL)) {
				printf("!\n");
			} else {
				const char **ex = xmalloc((r.n_extras + 1) * sizeof(*ex));
				memcpy(ex, r.extras, r.n_extras * sizeof(*ex));
				qsort(ex, r.n_extras, sizeof(*ex), cmp_str);
				printf("%s|%s|", r.name, r.key);
				for (size_t i = 0; i < r.n_extras; i++)
					if (!i || strcmp(ex[i], ex[i - 1])) /* a set, as packaging's */
						printf("%s%s", i ? "," : "", ex[i]);
				if (r.marker)
					marker_format(r.marker, &sb);
				printf("|%s|%zu|%s\n", r.url ? r.url : "", r.specs.n, sb.buf);
				free(ex);
			}
			strbuf_release(&sb);
		} else if (!strcmp(f[0], "M") && nf == 3) {
			const struct marker *m;
			struct marker_env env;
			const char *extra = f[2];
			int result;
			memset(&env, 0, sizeof(env));
			marker_env_from_arrays(&env, env_keys, env_values,
					       sizeof(env_keys) / sizeof(env_keys[0]));
			if (marker_parse(&m, f[1], strlen(f[1]), &a, &err, NULL))
				printf("!\n");
			else if (marker_eval(m, &env, *extra ? &extra : NULL, *extra ? 1 : 0, &result, &err))
				printf("E\n");
			else
				printf("%d\n", result);
		} else {
			printf("bad request\n");
		}
		arena_release(&a);
	}
	return 0;
}
