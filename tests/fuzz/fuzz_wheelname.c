/* fuzz_wheelname.c: wheel and sdist file names, extension module names. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct wheel_name w;
	const char *name, *version, *mod, *abi;
	char *s = fuzz_cstr(d, n);

	memset(&w, 0, sizeof(w));
	wheel_name_parse(&w, &a, s, &err);
	sdist_name_parse(&a, s, &name, &version, &err);
	native_module_name(&a, s, &mod, &abi);
	wheel_name_release(&w);
	free(s);
	arena_release(&a);
	return 0;
}
