/* fuzz_reqfile.c: requirements files (pip's syntax) through the loader, so
 * the decoding (byte order marks, PEP 263 coding lines, UTF-8) is fuzzed
 * too; an include reads nothing. */
#include "fuzz.h"

struct input {
	const uint8_t *d;
	size_t n;
};

static int read_input(void *ctx, const char *path, size_t max, struct strbuf *out,
		      struct perr *err)
{
	const struct input *in = ctx;

	if (strcmp(path, "requirements.txt") || in->n > max)
		return perr_set(err, PM_INPUT, "'%s': not readable here", path);
	strbuf_add(out, in->d, in->n);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct reqfile rf = REQFILE_INIT;
	struct input in = { d, n };

	reqfile_load(&rf, "requirements.txt", 0, read_input, &in, &a, &err);
	reqfile_release(&rf);
	arena_release(&a);
	return 0;
}
