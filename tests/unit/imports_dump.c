/* imports_dump.c: a test driver, not a unit test: prints the import edges
 * imports_scan finds in the .py files named on argv (or one path a line on
 * stdin) as `file<TAB>line<TAB>as_written<TAB>kinds`. tests/suites/diff-ast
 * compares its output with CPython's ast.
 *   -d  also print diagnostics as `file<TAB>line<TAB>!diag<TAB>kind: msg`
 *   -c  add condition and its value on a 3.13 wasi target as two more columns
 *   -n  also print the names the file mentions (for the tree-shaker's
 *       liveness) as `file<TAB>!name<TAB>name<TAB>funcs`
 */
#include "../../common/common.h"
#include "../../scanner/scanner.h"

#include <stdlib.h>
#include <string.h>

static const char *const diag_names[] = { "bad-utf8", "python2", "syntax", "binary", "encoding" };

static int dump(const char *path, int diags, int conds, int names)
{
	static const struct cond_env env = { "wasi", "posix", "WASI", "cpython", 3, 13, 0 };
	struct strbuf sb = STRBUF_INIT;
	struct perr err = PERR_INIT;
	struct arena a = ARENA_INIT;
	struct import_scan s = { .arena = &a, .want_names = names };

	if (strbuf_read_file(&sb, path, 256u << 20, &err)) {
		fprintf(stderr, "imports_dump: %s\n", err.msg);
		return 1;
	}
	imports_scan(&s, path, NULL, 0, sb.buf, sb.len, &env);
	for (size_t i = 0; i < s.edges.n; i++) {
		const struct import_edge *e = &s.edges.v[i];
		printf("%s\t%d\t%s\t", path, e->line, e->as_written);
		for (unsigned bit = 1, first = 1; bit <= EDGE_DYNAMIC; bit <<= 1)
			if (e->kinds & bit) {
				printf("%s%s", first ? "" : ",", edge_kind_name(bit));
				first = 0;
			}
		if (conds)
			printf("\t%s\t%d", e->condition ? e->condition : "", e->cond_value);
		putchar('\n');
	}
	for (size_t i = 0; diags && i < s.diags.n; i++) {
		const struct scan_diag *d = &s.diags.v[i];
		printf("%s\t%d\t!diag\t%s: %s\n", path, d->line, diag_names[d->kind], d->msg);
	}
	for (size_t i = 0; names && i < s.names.n; i++)
		printf("%s\t!name\t%s\t%s\n", path, s.names.v[i], s.name_funcs.v[i] ? s.name_funcs.v[i] : "");
	import_scan_release(&s);
	arena_release(&a);
	strbuf_release(&sb);
	return 0;
}

int main(int argc, char **argv)
{
	int diags = 0, conds = 0, names = 0, rc = 0, files = 0;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "-d"))
			diags = 1;
		else if (!strcmp(argv[i], "-c"))
			conds = 1;
		else if (!strcmp(argv[i], "-n"))
			names = 1;
		else {
			rc |= dump(argv[i], diags, conds, names);
			files++;
		}
	}
	if (!files) {
		char line[8192];
		while (fgets(line, sizeof(line), stdin)) {
			size_t n = strlen(line);
			while (n && (line[n - 1] == '\n' || line[n - 1] == '\r'))
				line[--n] = 0;
			if (n)
				rc |= dump(line, diags, conds, names);
		}
	}
	if (fflush(stdout) || ferror(stdout))
		rc = 1;
	return rc;
}
