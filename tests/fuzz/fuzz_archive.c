/* fuzz_archive.c: the zip checks on the bytes, then the whole reader
 * (libzip for zips, libarchive for tars) over a file holding them: every
 * member listed, peeked at and read, under the default limits. */
#include "fuzz.h"

#include <unistd.h>

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	static char path[64];
	struct archive_limits lim = { 1u << 24, ~0ULL >> 1, 1000 }; /* no run budget: it spans runs */
	struct perr err = PERR_INIT;
	struct source *s;
	struct member m;
	FILE *f;

	zipcheck(d, n, "fuzz.whl", &lim, &err);
	if (!path[0])
		snprintf(path, sizeof(path), "/tmp/pymode-fuzz-archive-%d", (int)getpid());
	if (!(f = fopen(path, "wb")))
		return 0;
	fwrite(d, 1, n, f);
	fclose(f);
	source_set_limits(&lim);
	if (!source_open(&s, path, &err)) {
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
	unlink(path);
	return 0;
}
