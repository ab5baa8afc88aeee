/* fuzz_reqfile.c: requirements files (pip's syntax), no includes. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct reqfile rf = REQFILE_INIT;

	reqfile_parse_text(&rf, "requirements.txt", (const char *)d, n, 0, &a, NULL, NULL, &err);
	reqfile_release(&rf);
	arena_release(&a);
	return 0;
}
