/* fuzz_native.c: native binary sniffing and parsing (ELF, Mach-O, PE, wasm). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct native_info info;

	memset(&info, 0, sizeof(info));
	native_sniff(d, n);
	native_inspect(d, n, &a, &info, &err);
	arena_release(&a);
	return 0;
}
