/* wasm_wheel.c: --variants' wheels (cf-python-workers' Pyodide builds):
 * every member that is wasm, a side module such as
 * numpy/core/_multiarray_umath.cpython-313-wasm32-emscripten.so, read in
 * memory through the scanner's archive reader (the budgets and checks of
 * every archive; nothing is extracted) and inspected as a variant file is
 * (wasm.c). What a wheel without wasm means is the caller's to say.
 */
#include "bundler.h"

#include <string.h>

#define WHEEL_MEMBER_MAX ((size_t)1 << 30) /* as a variant file: 1 GiB */

int wasm_wheel_inspect(const char *path, int optimize, struct wasm_variant_vec *v, size_t *n_wasm,
		       struct perr *err)
{
	struct source *src = NULL;
	struct member m;
	struct strbuf name = STRBUF_INIT, data = STRBUF_INIT;
	int rc, r;

	*n_wasm = 0;
	if ((rc = source_open(&src, path, err)))
		return rc;
	if (source_type(src) != SRC_ZIP) {
		rc = perr_set(err, PM_INPUT, "--variants '%s': a wheel is a zip archive; this is not one", path);
		goto out;
	}
	while ((r = source_next(src, &m, err)) == 1) {
		unsigned char magic[4];
		long k;

		if (m.is_dir || m.is_link || !m.name_ok || m.size == 0)
			continue;
		if ((k = source_peek(src, magic, sizeof magic, err)) < 0) {
			rc = PM_INPUT;
			goto out;
		}
		if (k < 4 || memcmp(magic, "\0asm", 4))
			continue;
		strbuf_reset(&data);
		if ((rc = source_read(src, &data, WHEEL_MEMBER_MAX, err)))
			goto out;
		strbuf_reset(&name);
		strbuf_addf(&name, "%s/%s", path, m.name);
		struct wasm_variant_info *wi = VEC_PUSH(v);
		rc = wasm_variant_inspect_buf(name.buf, data.buf, data.len, optimize, NULL, wi, err);
		wi->archive = xstrdup(path);
		wi->member = xstrdup(m.name);
		(*n_wasm)++;
		if (rc)
			goto out;
	}
	if (r < 0)
		rc = -r;
out:
	source_close(src);
	strbuf_release(&name);
	strbuf_release(&data);
	return rc;
}
