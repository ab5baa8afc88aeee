/* native_wasm.c: the WebAssembly binary reader: import module names, the
 * libraries a "dylink.0" section (Emscripten/Pyodide side modules) needs
 * (read by wasm_dylink.c),
 * and exported functions named PyInit_*. Validation is binaryen's job, not
 * this file's: only what is read is checked.
 */
#include "native_int.h"

#include <string.h>

struct wr {
	const unsigned char *b;
	size_t n, p; /* p: read position, always <= n */
};

static int wr_u32(struct wr *r, uint32_t *v)
{
	uint64_t x;

	if (nat_uleb(r->b, r->n, &r->p, &x) || x > UINT32_MAX)
		return -1;
	*v = (uint32_t)x;
	return 0;
}

static int wr_byte(struct wr *r, unsigned *v)
{
	if (r->p >= r->n)
		return -1;
	*v = r->b[r->p++];
	return 0;
}

/* A length-prefixed name: pointer into the buffer, not NUL-terminated. */
static int wr_name(struct wr *r, const char **s, size_t *len)
{
	uint32_t l;

	if (wr_u32(r, &l) || l > r->n - r->p)
		return -1;
	*s = (const char *)r->b + r->p;
	*len = l;
	r->p += l;
	return 0;
}

/* limits: flags, min, [max]; *max stays -1 when absent; *shared: the flag */
static int wr_limits_v(struct wr *r, uint64_t *min, int64_t *max, int *shared)
{
	unsigned flags;
	uint64_t x;

	*max = -1;
	if (wr_byte(r, &flags) || flags > 7)
		return -1;
	if (nat_uleb(r->b, r->n, &r->p, min))
		return -1;
	if ((flags & 1) && nat_uleb(r->b, r->n, &r->p, &x))
		return -1;
	if (flags & 1)
		*max = x > INT64_MAX ? INT64_MAX : (int64_t)x;
	*shared = (flags & 2) != 0;
	return 0;
}

static int wr_limits(struct wr *r)
{
	uint64_t min;
	int64_t max;
	int shared;
	return wr_limits_v(r, &min, &max, &shared);
}

/* a memory's limits, in pages, into the report as bytes (the first memory) */
static int wasm_memory(struct nat_ctx *c, struct wr *r)
{
	const uint64_t page = 65536, cap = (uint64_t)1 << 48;
	uint64_t min;
	int64_t max;
	int shared;

	if (wr_limits_v(r, &min, &max, &shared))
		return -1;
	if (c->out->wasm_mem_min || c->out->wasm_mem_max)
		return 0;
	c->out->wasm_mem_shared = shared;
	c->out->wasm_mem_min = (long long)((min > cap / page ? cap / page : min) * page);
	c->out->wasm_mem_max = max < 0 ? -1 :
			       (long long)(((uint64_t)max > cap / page ? cap / page : (uint64_t)max) * page);
	return 0;
}

static void wasm_add_name(struct nat_ctx *c, const char *s, size_t len, int needed)
{
	char tmp[NAT_MAX_STR + 1];

	/* names hold no NUL in valid modules; cut at one if a hostile one does */
	const char *z = memchr(s, 0, len);
	if (z)
		len = (size_t)(z - s);
	if (len > NAT_MAX_STR)
		return;
	memcpy(tmp, s, len);
	tmp[len] = 0;
	if (needed)
		nat_add_needed(c, tmp, len);
	else
		nat_add_export(c, tmp, len, 0);
}

static int wasm_imports(struct nat_ctx *c, struct wr *r)
{
	uint32_t count;

	if (wr_u32(r, &count))
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		const char *mod, *field;
		size_t mlen, flen;
		unsigned kind, x;
		uint32_t idx;

		if (wr_name(r, &mod, &mlen) || wr_name(r, &field, &flen) || wr_byte(r, &kind))
			return -1;
		wasm_add_name(c, mod, mlen, 1);
		switch (kind) {
		case 0: /* function: type index */
			if (wr_u32(r, &idx))
				return -1;
			break;
		case 1: /* table: reftype, limits */
			if (wr_byte(r, &x) || wr_limits(r))
				return -1;
			break;
		case 2: /* memory */
			if (wasm_memory(c, r))
				return -1;
			break;
		case 3: /* global: valtype, mutability */
			if (wr_byte(r, &x) || wr_byte(r, &x))
				return -1;
			break;
		case 4: /* tag: attribute, type index */
			if (wr_byte(r, &x) || wr_u32(r, &idx))
				return -1;
			break;
		default:
			return -1;
		}
	}
	return 0;
}

static int wasm_exports(struct nat_ctx *c, struct wr *r)
{
	uint32_t count;

	if (wr_u32(r, &count))
		return -1;
	for (uint32_t i = 0; i < count; i++) {
		const char *name;
		size_t len;
		unsigned kind;
		uint32_t idx;

		if (wr_name(r, &name, &len) || wr_byte(r, &kind) || wr_u32(r, &idx))
			return -1;
		if (kind == 0)
			wasm_add_name(c, name, len, 0);
	}
	return 0;
}

static void dylink_needed(void *ctx, const char *s, size_t len)
{
	wasm_add_name(ctx, s, len, 1);
}

/* "dylink.0" (wasm_dylink.c): the libraries it needs, and its static data */
static int wasm_dylink(struct nat_ctx *c, struct wr *r)
{
	struct wasm_dylink d;
	struct perr ignored = PERR_INIT;

	if (wasm_dylink_parse(r->b + r->p, r->n - r->p, 0, &d, dylink_needed, c, &ignored))
		return -1;
	c->out->wasm_data = d.mem_size;
	return 0;
}

int nat_wasm(struct nat_ctx *c, const unsigned char *b, size_t n)
{
	struct wr r = { b, n, 8 };

	c->out->machine = "wasm32";
	c->out->bits = 32;
	if (n < 8)
		return perr_set(c->err, PM_INPUT, "truncated wasm header");
	if (nat_u32(b + 4, 0) != 1)
		return perr_set(c->err, PM_INPUT, "unsupported wasm binary version %u", nat_u32(b + 4, 0));
	while (r.p < n) {
		unsigned id;
		uint32_t size;
		struct wr sec;
		size_t at = r.p;
		int rc = 0;

		if (wr_byte(&r, &id) || wr_u32(&r, &size) || size > n - r.p)
			return perr_set(c->err, PM_INPUT, "truncated wasm section at offset %zu", at);
		sec = (struct wr){ b + r.p, size, 0 };
		r.p += size;
		if (id == 2) {
			rc = wasm_imports(c, &sec);
		} else if (id == 7) {
			rc = wasm_exports(c, &sec);
		} else if (id == 0) {
			const char *name;
			size_t len;
			if (wr_name(&sec, &name, &len))
				rc = -1;
			else if (len == 8 && !memcmp(name, "dylink.0", 8))
				rc = wasm_dylink(c, &sec);
		} else if (id == 5) {
			uint32_t count;
			if (wr_u32(&sec, &count))
				rc = -1;
			for (uint32_t i = 0; !rc && i < count; i++)
				rc = wasm_memory(c, &sec);
		}
		if (rc)
			return perr_set(c->err, PM_INPUT, "malformed wasm section %u at offset %zu", id, at);
	}
	return 0;
}
