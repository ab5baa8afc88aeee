/* upload.c: what `wrangler deploy` uploads of a Worker project bundle, and
 * the figure it prints for it ("Total Upload: X KiB / gzip: Y KiB").
 *
 * wrangler 4 (findAdditionalModules, getSize in bundle-reporter.ts) walks
 * main's folder depth first, each directory's names in byte order (libuv's
 * scandir sorts them), and keeps the files a module rule matches, main
 * itself apart; then every file under python_modules/ the config's
 * python_modules.exclude leaves in; then main. Its gzip figure is one
 * gzipSync stream (zlib's default level, 6) over all their bytes in that
 * order, not a sum of files compressed alone: shared words between files
 * count once. The Worker size limit is that figure's. With main at the
 * project root, the walk of main's folder meets python_modules/ as well,
 * and wrangler uploads what its rules match there twice (measured with
 * wrangler 4.86: 13 modules for 4 vendored files and 4 of the app).
 */
#include "bundler.h"

#include <stdlib.h>
#include <string.h>
#include <zlib.h>

struct upload_file {
	const char *name;  /* its module name: "routes/api.py", "python_modules/six.py" */
	const char *path;  /* in the bundle's temporary directory (arena) */
	int main;
	int twice;         /* python_modules/ met by the walk of main's folder */
};

/* byte order of each path component, as a depth-first walk of sorted
 * directories visits them: '/' sorts before every other byte */
static int cmp_walk(const void *x, const void *y)
{
	const unsigned char *a = (const unsigned char *)((const struct upload_file *)x)->name;
	const unsigned char *b = (const unsigned char *)((const struct upload_file *)y)->name;

	for (; *a && *a == *b; a++, b++)
		;
	unsigned ca = *a == '/' ? 1u : *a, cb = *b == '/' ? 1u : *b;
	return ca < cb ? -1 : ca > cb;
}

static int cmp_upload(const void *x, const void *y)
{
	const struct upload_file *a = x, *b = y;
	int pa = starts_with(a->name, "python_modules/"), pb = starts_with(b->name, "python_modules/");

	if (a->main != b->main)
		return a->main - b->main; /* main last */
	if (a->twice != b->twice || pa != pb) /* main's folder, then python_modules */
		return (pa && !a->twice) - (pb && !b->twice);
	return cmp_walk(x, y);
}

/* gzip -6 of the files' bytes one after another; -1 when one cannot be read */
static long long gzip_stream(const struct upload_file *f, size_t n)
{
	z_stream z;
	unsigned char out[65536];
	long long total = 0;
	int ok = 1;

	memset(&z, 0, sizeof(z));
	if (deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return -1;
	for (size_t i = 0; i <= n && ok; i++) {
		struct strbuf sb = STRBUF_INIT;
		struct perr e = PERR_INIT;
		int flush = i == n ? Z_FINISH : Z_NO_FLUSH;
		if (i < n && strbuf_read_file(&sb, f[i].path, 0, &e)) {
			ok = 0;
			break;
		}
		z.next_in = (unsigned char *)sb.buf;
		z.avail_in = (uInt)sb.len;
		do {
			z.next_out = out;
			z.avail_out = sizeof(out);
			int zr = deflate(&z, flush);
			if (zr == Z_STREAM_ERROR) {
				ok = 0;
				break;
			}
			total += (long long)(sizeof(out) - z.avail_out);
		} while (z.avail_out == 0 || (flush == Z_FINISH && z.avail_in));
		strbuf_release(&sb);
	}
	deflateEnd(&z);
	return ok ? total : -1;
}

void bundle_measure_upload(struct bundle *b)
{
	VEC(struct upload_file) files = VEC_INIT;
	const char *app = b->opt.app_dir ? b->opt.app_dir : "app";
	size_t app_len = strcmp(app, ".") ? strlen(app) : 0;

	b->upload.raw = 0;
	b->upload.n_twice = 0;
	for (size_t i = 0; i < b->entries.n; i++) {
		const struct bundle_entry *e = &b->entries.v[i];
		struct upload_file *f;
		const char *name;
		int is_main = 0;
		if (!strcmp(e->output, "python_modules")) {
			name = arena_printf(&b->arena, "python_modules/%s", e->path);
			/* main at the project root: wrangler's walk of main's
			 * folder meets python_modules/ too and uploads what its
			 * rules match a second time */
			if (!app_len && wrangler_uploads(b->opt.wrangler, name, NULL)) {
				f = VEC_PUSH(&files);
				f->name = name;
				f->path = arena_printf(&b->arena, "%s/%s/%s", b->tmpdir, e->output, e->path);
				f->main = 0;
				f->twice = 1;
				b->upload.raw += e->raw;
				b->upload.n_twice++;
			}
		} else if (!strcmp(e->output, app)) {
			is_main = b->opt.entry && !strcmp(e->path, b->opt.entry);
			if (!is_main && !wrangler_uploads(b->opt.wrangler, e->path, NULL)) {
				*VEC_PUSH(&b->upload.not_uploaded) =
					app_len ? arena_printf(&b->arena, "%s/%s", app, e->path) : e->path;
				continue;
			}
			name = e->path;
		} else {
			continue;
		}
		f = VEC_PUSH(&files);
		f->name = name;
		f->path = arena_printf(&b->arena, "%s/%s/%s", b->tmpdir, e->output, e->path);
		f->main = is_main;
		f->twice = 0;
		b->upload.raw += e->raw;
	}
	qsort(files.v, files.n, sizeof(*files.v), cmp_upload);
	b->upload.n_modules = files.n;
	b->upload.gzip = gzip_stream(files.v, files.n);
	VEC_FREE(&files);
}
