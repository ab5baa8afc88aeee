/* fuzz_native.c: native binary sniffing and parsing (ELF, Mach-O, PE, wasm),
 * and a wasm side module's dylink.0 section, found in a module or given as
 * a section's payload (both layouts). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct native_info info;

	memset(&info, 0, sizeof(info));
	native_sniff(d, n);
	native_inspect(d, n, &a, &info, &err);
	{
		struct wasm_dylink dl;
		wasm_dylink_find(d, n, &dl, NULL, NULL, &err);
		if (n)
			wasm_dylink_parse(d + 1, n - 1, d[0] & 1, &dl, NULL, NULL, &err);
	}
	arena_release(&a);
	return 0;
}
