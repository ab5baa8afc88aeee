/* fuzz_pep440.c: PEP 440 versions (parse, format, compare) and specifiers. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct pep440 v, w;
	struct spec sp;
	struct strbuf out = STRBUF_INIT;
	const char *s = (const char *)d;

	if (!pep440_parse(&v, s, n, &err)) {
		pep440_format(&v, &out);
		if (pep440_parse(&w, out.buf, out.len, &err) || pep440_cmp(&v, &w))
			abort(); /* the normal form parses back to an equal version */
	}
	spec_parse(&sp, s, n, &a, &err);
	strbuf_release(&out);
	arena_release(&a);
	return 0;
}
