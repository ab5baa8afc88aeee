/* native_pe.c: the PE/COFF reader for Windows extension modules (.pyd):
 * machine from the COFF header, imported DLL names from the import
 * directory, PyInit_ names from the export directory. No delay-load imports.
 */
#include "native_int.h"

#include <string.h>

struct pe {
	struct nat_ctx *c;
	const unsigned char *b;
	size_t n;
	const unsigned char *sec; /* section table */
	unsigned nsec;
};

/* File offset of an RVA through the section table, or -1. */
static int64_t pe_rva(const struct pe *p, uint32_t rva)
{
	for (unsigned i = 0; i < p->nsec; i++) {
		const unsigned char *s = p->sec + i * 40;
		uint32_t va = nat_u32(s + 12, 0), raw = nat_u32(s + 16, 0), ptr = nat_u32(s + 20, 0);

		if (rva >= va && rva - va < raw && nat_in(p->n, ptr, raw))
			return (int64_t)ptr + (rva - va);
	}
	return -1;
}

static const char *pe_str(const struct pe *p, uint32_t rva, size_t *len)
{
	int64_t off = pe_rva(p, rva);

	return off < 0 ? NULL : nat_cstr(p->b, p->n, (uint64_t)off, len);
}

static const char *pe_machine(struct arena *a, unsigned m)
{
	switch (m) {
	case 0x14c: return "i386";
	case 0x8664: return "x86_64";
	case 0xaa64: return "arm64";
	case 0x1c4: return "arm";
	case 0x200: return "ia64";
	default: return arena_printf(a, "pe-machine-0x%x", m);
	}
}

static int pe_imports(struct pe *p, uint32_t rva)
{
	int64_t off = pe_rva(p, rva);

	if (off < 0)
		return perr_set(p->c->err, PM_INPUT, "PE import directory outside every section");
	for (unsigned i = 0; i < NAT_MAX_NAMES; i++) {
		const unsigned char *d;
		uint32_t name;
		const char *s;
		size_t len;

		if (!nat_in(p->n, (uint64_t)off + (uint64_t)i * 20, 20))
			return perr_set(p->c->err, PM_INPUT, "truncated PE import directory");
		d = p->b + off + i * 20;
		name = nat_u32(d + 12, 0);
		if (!name && !nat_u32(d, 0) && !nat_u32(d + 16, 0))
			break;
		s = pe_str(p, name, &len);
		if (!s)
			return perr_set(p->c->err, PM_INPUT, "PE import %u has a bad name", i);
		nat_add_needed(p->c, s, len);
	}
	return 0;
}

static int pe_exports(struct pe *p, uint32_t rva)
{
	int64_t off = pe_rva(p, rva), names;
	uint32_t nnames;

	if (off < 0 || !nat_in(p->n, (uint64_t)off, 40))
		return perr_set(p->c->err, PM_INPUT, "truncated PE export directory");
	nnames = nat_u32(p->b + off + 24, 0);
	names = pe_rva(p, nat_u32(p->b + off + 32, 0));
	if (!nnames)
		return 0;
	if (nnames > 16384) /* bounds the work: each name is an RVA lookup */
		nnames = 16384;
	if (names < 0 || nnames > (p->n - (uint64_t)names) / 4)
		return perr_set(p->c->err, PM_INPUT, "truncated PE export name table");
	for (uint32_t i = 0; i < nnames; i++) {
		size_t len;
		const char *s = pe_str(p, nat_u32(p->b + names + i * 4, 0), &len);

		if (s)
			nat_add_export(p->c, s, len, 1);
	}
	return 0;
}

int nat_pe(struct nat_ctx *c, const unsigned char *b, size_t n)
{
	struct pe p = { c, b, n, NULL, 0 };
	uint32_t lfanew, ndirs;
	const unsigned char *coff, *opt;
	unsigned optsize, magic;
	size_t dirs;
	uint32_t imp = 0, exp = 0;

	if (n < 64)
		return perr_set(c->err, PM_INPUT, "truncated DOS header");
	lfanew = nat_u32(b + 0x3c, 0);
	if (!nat_in(n, lfanew, 24))
		return perr_set(c->err, PM_INPUT, "truncated PE header");
	if (memcmp(b + lfanew, "PE\0\0", 4))
		return perr_set(c->err, PM_INPUT, "MZ file without a PE signature");
	coff = b + lfanew + 4;
	c->out->machine = pe_machine(c->a, nat_u16(coff, 0));
	p.nsec = nat_u16(coff + 2, 0);
	if (p.nsec > 1024)
		return perr_set(c->err, PM_INPUT, "PE header has %u sections", p.nsec);
	optsize = nat_u16(coff + 16, 0);
	if (!nat_in(n, (uint64_t)lfanew + 24, optsize) || optsize < 2)
		return perr_set(c->err, PM_INPUT, "truncated PE optional header");
	opt = coff + 20;
	magic = nat_u16(opt, 0);
	if (magic != 0x10b && magic != 0x20b)
		return perr_set(c->err, PM_INPUT, "PE optional header has a bad magic 0x%x", magic);
	c->out->bits = magic == 0x20b ? 64 : 32;
	if (!nat_in(n, (uint64_t)lfanew + 24 + optsize, (uint64_t)p.nsec * 40))
		return perr_set(c->err, PM_INPUT, "truncated PE section table");
	p.sec = opt + optsize;
	dirs = magic == 0x20b ? 112 : 96;
	if (optsize < dirs)
		return perr_set(c->err, PM_INPUT, "truncated PE optional header");
	ndirs = nat_u32(opt + dirs - 4, 0);
	if (ndirs > (optsize - dirs) / 8)
		ndirs = (uint32_t)((optsize - dirs) / 8);
	if (ndirs > 0)
		exp = nat_u32(opt + dirs, 0);
	if (ndirs > 1)
		imp = nat_u32(opt + dirs + 8, 0);
	if (imp && pe_imports(&p, imp))
		return PM_INPUT;
	if (exp && pe_exports(&p, exp))
		return PM_INPUT;
	return 0;
}
