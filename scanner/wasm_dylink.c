/* wasm_dylink.c: the "dylink.0" custom section of a WebAssembly side module
 * (Emscripten/Pyodide .so files), as WebAssembly/tool-conventions'
 * DynamicLinking.md describes it, and the older "dylink" section before it:
 * what the loader reserves for the module (static data, table slots) and
 * the libraries it needs. A leaf: bounded reads of a buffer, no I/O, no
 * validation of the rest of the module (binaryen's job).
 */
#include "scanner.h"

#include <string.h>

enum {
	DYLINK_MEM_INFO = 1,
	DYLINK_NEEDED = 2,
	DYLINK_EXPORT_INFO = 3,
	DYLINK_IMPORT_INFO = 4,
	DYLINK_RUNTIME_PATH = 5,
};

struct dr {
	const unsigned char *b;
	size_t n, p;   /* p: read position, always <= n */
	size_t base;   /* offset of b[0] in the section, for messages */
	const char *what; /* the field being read, for messages */
	struct perr *err;
};

static int dr_fail(struct dr *r, const char *why)
{
	return perr_set(r->err, PM_INPUT, "%s at byte %zu: %s", r->what, r->base + r->p, why);
}

/* a varuint32: at most 5 bytes, no bits past 32 */
static int dr_u32(struct dr *r, uint32_t *v)
{
	uint64_t x = 0;

	for (unsigned i = 0;; i++) {
		unsigned char byte;

		if (r->p + i >= r->n)
			return dr_fail(r, "truncated LEB128");
		byte = r->b[r->p + i];
		if (i == 4 && (byte & 0xf0)) /* a fifth byte holds bits 28..31 only */
			return dr_fail(r, "LEB128 value past 32 bits");
		x |= (uint64_t)(byte & 0x7f) << (7 * i);
		if (!(byte & 0x80)) {
			r->p += i + 1;
			*v = (uint32_t)x;
			return 0;
		}
	}
}

static int dr_name(struct dr *r, const char **s, uint32_t *len)
{
	if (dr_u32(r, len))
		return PM_INPUT;
	if (*len > r->n - r->p)
		return dr_fail(r, "a name runs past the end");
	*s = (const char *)r->b + r->p;
	r->p += *len;
	return 0;
}

static int dr_names(struct dr *r, const char *what, uint32_t *count, wasm_dylink_name_fn fn, void *ctx)
{
	r->what = what;
	if (dr_u32(r, count))
		return PM_INPUT;
	for (uint32_t i = 0; i < *count; i++) {
		const char *s = NULL;
		uint32_t len;
		if (dr_name(r, &s, &len))
			return PM_INPUT;
		if (fn)
			fn(ctx, s, len);
	}
	return 0;
}

static int mem_info(struct dr *r, struct wasm_dylink *out)
{
	r->what = "mem_info";
	if (dr_u32(r, &out->mem_size) || dr_u32(r, &out->mem_align) ||
	    dr_u32(r, &out->table_size) || dr_u32(r, &out->table_align))
		return PM_INPUT;
	/* alignments are powers of two, given as the exponent */
	if (out->mem_align > 31 || out->table_align > 31)
		return perr_set(r->err, PM_INPUT, "mem_info: alignment 2^%u is out of range",
				out->mem_align > 31 ? out->mem_align : out->table_align);
	return 0;
}

/* export_info: name, flags; import_info: module, field, flags */
static int sym_info(struct dr *r, int fields, uint32_t *count)
{
	r->what = fields == 1 ? "export_info" : "import_info";
	if (dr_u32(r, count))
		return PM_INPUT;
	for (uint32_t i = 0; i < *count; i++) {
		const char *s = NULL;
		uint32_t len, flags;
		for (int f = 0; f < fields; f++)
			if (dr_name(r, &s, &len))
				return PM_INPUT;
		if (dr_u32(r, &flags))
			return PM_INPUT;
	}
	return 0;
}

int wasm_dylink_parse(const unsigned char *b, size_t n, int legacy, struct wasm_dylink *out,
		      wasm_dylink_name_fn needed, void *ctx, struct perr *err)
{
	struct dr r = { b, n, 0, 0, "dylink", err };

	memset(out, 0, sizeof *out);
	out->present = 1;
	if (legacy) /* "dylink": mem_info's four fields, then the needed list */
		return mem_info(&r, out) || dr_names(&r, "needed", &out->n_needed, needed, ctx) ? PM_INPUT : 0;
	while (r.p < n) {
		uint32_t type, size;
		struct dr sub;
		int rc = 0;

		r.what = "subsection";
		if (dr_u32(&r, &type) || dr_u32(&r, &size))
			return PM_INPUT;
		if (size > n - r.p)
			return dr_fail(&r, "the subsection's size runs past the end of the section");
		sub = (struct dr){ b + r.p, size, 0, r.base + r.p, "subsection", err };
		r.p += size;
		switch (type) {
		case DYLINK_MEM_INFO:
			rc = mem_info(&sub, out);
			break;
		case DYLINK_NEEDED:
			rc = dr_names(&sub, "needed", &out->n_needed, needed, ctx);
			break;
		case DYLINK_EXPORT_INFO:
			rc = sym_info(&sub, 1, &out->n_export_info);
			break;
		case DYLINK_IMPORT_INFO:
			rc = sym_info(&sub, 2, &out->n_import_info);
			break;
		case DYLINK_RUNTIME_PATH:
			rc = dr_names(&sub, "runtime_path", &out->n_runtime_path, NULL, NULL);
			break;
		default: /* a later revision's: skipped whole, as the spec asks */
			break;
		}
		if (rc)
			return rc;
	}
	return 0;
}

int wasm_dylink_find(const unsigned char *mod, size_t n, struct wasm_dylink *out,
		     wasm_dylink_name_fn needed, void *ctx, struct perr *err)
{
	struct dr r = { mod, n, 0, 0, "wasm header", err };
	uint32_t size, len;
	const char *name = NULL;

	memset(out, 0, sizeof *out);
	if (n < 8 || memcmp(mod, "\0asm", 4))
		return perr_set(err, PM_INPUT, "not a WebAssembly module");
	/* the spec puts the section first; a custom section anywhere else is
	 * not read by loaders either */
	r.p = 8;
	if (r.p == n || mod[r.p] != 0)
		return 0;
	r.p++;
	r.what = "section";
	if (dr_u32(&r, &size))
		return perr_wrap(err, "wasm custom section at offset 8");
	if (size > n - r.p)
		return perr_set(err, PM_INPUT, "wasm custom section at offset 8: its size (%u) runs past the "
				"end of the module (%zu bytes)", size, n);
	r.n = r.p + size;
	r.what = "section name";
	if (dr_name(&r, &name, &len))
		return perr_wrap(err, "wasm custom section at offset 8");
	if (len == 8 && !memcmp(name, "dylink.0", 8)) {
		if (wasm_dylink_parse(mod + r.p, r.n - r.p, 0, out, needed, ctx, err))
			return perr_wrap(err, "dylink.0 section");
	} else if (len == 6 && !memcmp(name, "dylink", 6)) {
		if (wasm_dylink_parse(mod + r.p, r.n - r.p, 1, out, needed, ctx, err))
			return perr_wrap(err, "dylink section");
	}
	return 0;
}
