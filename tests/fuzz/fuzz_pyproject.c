/* fuzz_pyproject.c: pyproject.toml's metadata and an sdist's build files
 * (pyproject.toml, setup.py, setup.cfg). */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct metadata m;
	struct sdist_build b;

	memset(&m, 0, sizeof(m));
	memset(&b, 0, sizeof(b));
	b.arena = &a;
	pyproject_metadata(&m, &a, (const char *)d, n);
	sdist_read_pyproject(&b, "pyproject.toml", (const char *)d, n);
	sdist_read_setup_py(&b, "setup.py", (const char *)d, n);
	sdist_read_setup_cfg(&b, "setup.cfg", (const char *)d, n);
	metadata_release(&m);
	sdist_build_release(&b);
	arena_release(&a);
	return 0;
}
