/* fuzz_archive.c: the zip checks on the bytes, then the whole reader
 * (libzip for zips, libarchive for tars) over them, in memory
 * (source_open_mem: no file written per run): every member listed, peeked
 * at and read, under the default limits. */
#include "fuzz.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct archive_limits lim = { 1u << 24, ~0ULL >> 1, 1000 }; /* no run budget: it spans runs */
	struct perr err = PERR_INIT;
	struct source *s;
	struct member m;

	/* source_open_mem checks what starts like a zip; the rest too, here */
	if (n < 4 || memcmp(d, "PK", 2) || !((d[2] == 3 && d[3] == 4) || (d[2] == 5 && d[3] == 6)))
		zipcheck(d, n, "fuzz.whl", &lim, &err);
	source_set_limits(&lim);
	if (!source_open_mem(&s, "fuzz.whl", d, n, &err)) {
		while (source_next(s, &m, &err) > 0) {
			struct strbuf sb = STRBUF_INIT;
			unsigned char head[64];

			if (m.is_dir || m.is_link || !m.name_ok)
				continue;
			if (source_peek(s, head, sizeof(head), &err) < 0 ||
			    source_read(s, &sb, 1u << 22, &err)) {
				strbuf_release(&sb);
				break;
			}
			strbuf_release(&sb);
		}
		source_close(s);
	}
	return 0;
}
