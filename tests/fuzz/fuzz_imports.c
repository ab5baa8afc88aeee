/* fuzz_imports.c: the Python import lexer, as audit runs it and as the
 * tree-shaker does (want_names: names, attribute pairs, codecs). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	for (int names = 0; names < 2; names++) {
		struct arena a = ARENA_INIT;
		struct import_scan s;

		memset(&s, 0, sizeof(s));
		s.arena = &a;
		s.want_names = names;
		imports_scan(&s, "pkg/mod.py", "pkg.mod", 0, (const char *)d, n, NULL);
		imports_scan(&s, "pkg/__init__.py", "pkg", 1, (const char *)d, n, NULL);
		import_scan_release(&s);
		arena_release(&a);
	}
	return 0;
}
