/* fuzz_pep508.c: PEP 508 requirements and markers. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct req r;
	const struct marker *m;
	int col = 0;

	req_parse(&r, (const char *)d, n, &a, &err, &col);
	marker_parse(&m, (const char *)d, n, &a, &err, &col);
	arena_release(&a);
	return 0;
}
