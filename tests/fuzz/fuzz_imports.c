/* fuzz_imports.c: the Python import lexer, as audit runs it and as the
 * tree-shaker does (want_names: names, attribute pairs, codecs). An input
 * of odd length is scanned as a package's __init__.py, of even length as
 * a plain module: the two differ only in how relative imports resolve, so
 * lexing every input twice more for that would halve the runs and find
 * nothing new (the fuzzer changes lengths all the time, so both are fed). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	int pkg = n & 1;

	for (int names = 0; names < 2; names++) {
		struct arena a = ARENA_INIT;
		struct import_scan s;

		memset(&s, 0, sizeof(s));
		s.arena = &a;
		s.want_names = names;
		if (pkg)
			imports_scan(&s, "pkg/__init__.py", "pkg", 1, (const char *)d, n, NULL);
		else
			imports_scan(&s, "pkg/mod.py", "pkg.mod", 0, (const char *)d, n, NULL);
		import_scan_release(&s);
		arena_release(&a);
	}
	return 0;
}
