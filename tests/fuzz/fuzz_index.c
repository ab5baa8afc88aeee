/* fuzz_index.c: index pages, PEP 503 HTML and PEP 691 JSON. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	index_files f = VEC_INIT;

	index_parse_html((const char *)d, n, "https://pypi.example/simple/x/", &a, &f, &err);
	VEC_FREE(&f);
	index_parse_json((const char *)d, n, "https://pypi.example/simple/x/", &a, &f, &err);
	VEC_FREE(&f);
	arena_release(&a);
	return 0;
}
