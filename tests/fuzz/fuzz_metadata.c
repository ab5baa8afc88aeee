/* fuzz_metadata.c: METADATA / PKG-INFO, WHEEL and RECORD. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct metadata m;
	struct wheel_info w;
	struct record r;

	memset(&m, 0, sizeof(m));
	memset(&w, 0, sizeof(w));
	memset(&r, 0, sizeof(r));
	metadata_parse(&m, &a, (const char *)d, n);
	wheel_info_parse(&w, &a, (const char *)d, n);
	record_parse(&r, &a, (const char *)d, n);
	metadata_release(&m);
	wheel_info_release(&w);
	record_release(&r);
	arena_release(&a);
	return 0;
}
