/* fuzz_pep508.c: PEP 508 requirements and markers; a marker that parses is
 * written back (marker_format) and must read back to the same text. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct req r;
	const struct marker *m, *m2;
	int col = 0;

	req_parse(&r, (const char *)d, n, &a, &err, &col);
	if (!marker_parse(&m, (const char *)d, n, &a, &err, &col)) {
		struct strbuf s1 = STRBUF_INIT, s2 = STRBUF_INIT;
		marker_format(m, &s1);
		if (marker_parse(&m2, s1.buf, s1.len, &a, &err, &col)) {
			fprintf(stderr, "written back, the marker does not parse: %s\n", err.msg);
			abort();
		}
		marker_format(m2, &s2);
		if (s1.len != s2.len || memcmp(s1.buf, s2.buf, s1.len)) {
			fprintf(stderr, "written back, the marker reads as another\n");
			abort();
		}
		strbuf_release(&s1);
		strbuf_release(&s2);
	}
	arena_release(&a);
	return 0;
}
