/* native_macho.c: the Mach-O reader: thin 32/64-bit images of either byte
 * order (cpu type, LC_*_DYLIB names, PyInit_ from the export trie or the
 * symbol table) and fat/universal headers. Nothing here recurses on data.
 */
#include "native_int.h"

#include <stdlib.h>
#include <string.h>

#define LC_SYMTAB 0x2
#define LC_LOAD_DYLIB 0xc
#define LC_LAZY_LOAD_DYLIB 0x20
#define LC_LOAD_WEAK_DYLIB 0x80000018
#define LC_REEXPORT_DYLIB 0x8000001f
#define LC_LOAD_UPWARD_DYLIB 0x80000023
#define LC_DYLD_INFO 0x22
#define LC_DYLD_INFO_ONLY 0x80000022
#define LC_DYLD_EXPORTS_TRIE 0x80000033

#define TRIE_MAX_NODES 65536
#define TRIE_MAX_PREFIX 1024

static const char *macho_cpu(struct arena *a, uint32_t cpu)
{
	switch (cpu) {
	case 7: return "i386";
	case 7 | 0x01000000: return "x86_64";
	case 12: return "arm";
	case 12 | 0x01000000: return "arm64";
	case 12 | 0x02000000: return "arm64_32";
	case 18: return "ppc";
	case 18 | 0x01000000: return "ppc64";
	default: return arena_printf(a, "mach-o-cpu-%u", cpu);
	}
}

/* PyInit_ names from the export trie at b[off, off+size): an explicit stack
 * of (node, prefix) and only edges that can still spell "_PyInit_..." are
 * followed, with caps on nodes, prefix length and prefix storage. */
static int macho_trie(struct nat_ctx *c, const unsigned char *b, size_t n, uint64_t off, uint64_t size)
{
	static const char want[] = "_PyInit_";
	struct tstack { uint32_t node, pfx; uint16_t len; };
	VEC(struct tstack) st = VEC_INIT;
	struct strbuf pool = STRBUF_INIT;
	const unsigned char *t;
	unsigned char *seen;
	size_t visits = 0, loop_at = 0;
	int rc = 0;

	if (!nat_in(n, off, size))
		return perr_set(c->err, PM_INPUT, "truncated Mach-O export trie");
	t = b + off;
	/* A trie is a tree: ld64 and lld give every node one parent. A node
	 * reached twice is a loop (or a shared node no linker writes), and
	 * refusing it keeps the walk to one parse of each node: without it,
	 * 255 edges back to the root cost 65,536 visits of 255 edges each. */
	seen = xcalloc(size / 8 + 1, 1);
	pool.max = 1 << 20;
	*VEC_PUSH(&st) = (struct tstack){ 0, 0, 0 };
	while (st.n && !rc) {
		struct tstack cur = st.v[--st.n];
		size_t p = cur.node;
		uint64_t term, nchild;

		if (p < size && (seen[p / 8] & (1u << (p % 8)))) {
			rc = -2;
			loop_at = p;
			break;
		}
		if (++visits > TRIE_MAX_NODES || p >= size) {
			rc = -1;
			break;
		}
		seen[p / 8] |= (unsigned char)(1u << (p % 8));
		if (nat_uleb(t, size, &p, &term) || term > size - p) {
			rc = -1;
			break;
		}
		if (term && cur.len)
			nat_add_export(c, pool.buf + cur.pfx, cur.len, 1);
		p += term;
		if (p >= size) {
			rc = -1;
			break;
		}
		nchild = t[p++];
		for (uint64_t i = 0; i < nchild; i++) {
			size_t elen, nlen, cmp;
			const char *edge = nat_cstr(t, size, p, &elen);
			uint64_t child;
			uint32_t at;

			if (!edge) {
				rc = -1;
				break;
			}
			p += elen + 1;
			if (nat_uleb(t, size, &p, &child) || child >= size) {
				rc = -1;
				break;
			}
			nlen = cur.len + elen;
			if (nlen > TRIE_MAX_PREFIX)
				continue;
			/* grow first: the old prefix is copied from the pool itself */
			if (strbuf_grow(&pool, nlen)) {
				rc = -1;
				break;
			}
			at = (uint32_t)pool.len;
			strbuf_add(&pool, pool.buf + cur.pfx, cur.len);
			strbuf_add(&pool, edge, elen);
			cmp = nlen < 8 ? nlen : 8;
			if (memcmp(pool.buf + at, want, cmp)) {
				strbuf_setlen(&pool, at);
				continue;
			}
			*VEC_PUSH(&st) = (struct tstack){ (uint32_t)child, at, (uint16_t)nlen };
		}
	}
	VEC_FREE(&st);
	strbuf_release(&pool);
	free(seen);
	if (rc == -2)
		return perr_set(c->err, PM_INPUT, "malformed Mach-O export trie: node %zu is reached twice",
				loop_at);
	if (rc)
		return perr_set(c->err, PM_INPUT, "malformed Mach-O export trie");
	return 0;
}

static int macho_symtab(struct nat_ctx *c, const unsigned char *b, size_t n, int is64, int be,
			const unsigned char *lc)
{
	uint64_t symoff = nat_u32(lc + 8, be), nsyms = nat_u32(lc + 12, be);
	uint64_t stroff = nat_u32(lc + 16, be), strsize = nat_u32(lc + 20, be);
	uint64_t es = is64 ? 16 : 12;

	if (!nat_in(n, stroff, strsize) || symoff > n || nsyms > (n - symoff) / es)
		return perr_set(c->err, PM_INPUT, "truncated Mach-O symbol table");
	for (uint64_t i = 0; i < nsyms; i++) {
		const unsigned char *s = b + symoff + i * es;
		uint32_t strx = nat_u32(s, be);
		unsigned type = s[4];
		const char *name;
		size_t len;

		/* external, defined in a section, not a debugging entry */
		if ((type & 0xe0) || !(type & 0x01) || (type & 0x0e) != 0x0e || strx >= strsize)
			continue;
		name = nat_cstr(b, stroff + strsize, stroff + strx, &len);
		if (name)
			nat_add_export(c, name, len, 1);
	}
	return 0;
}

int nat_macho(struct nat_ctx *c, const unsigned char *b, size_t n)
{
	uint32_t le, cpu, ncmds, sizeofcmds;
	int is64, be;
	size_t hsize, off, end;
	uint64_t trie_off = 0, trie_size = 0;
	const unsigned char *symtab = NULL;

	if (n < 28)
		return perr_set(c->err, PM_INPUT, "truncated Mach-O header");
	le = nat_u32(b, 0);
	be = !(le == 0xfeedface || le == 0xfeedfacf);
	is64 = nat_u32(b, be) == 0xfeedfacf;
	if (nat_u32(b, be) != 0xfeedface && !is64)
		return perr_set(c->err, PM_INPUT, "bad Mach-O magic");
	hsize = is64 ? 32 : 28;
	c->out->bits = is64 ? 64 : 32;
	if (n < hsize)
		return perr_set(c->err, PM_INPUT, "truncated Mach-O header");
	cpu = nat_u32(b + 4, be);
	c->out->machine = macho_cpu(c->a, cpu);
	ncmds = nat_u32(b + 16, be);
	sizeofcmds = nat_u32(b + 20, be);
	if (!nat_in(n, hsize, sizeofcmds))
		return perr_set(c->err, PM_INPUT, "truncated Mach-O load commands");
	off = hsize;
	end = hsize + sizeofcmds;
	for (uint32_t i = 0; i < ncmds; i++) {
		const unsigned char *lc;
		uint32_t cmd, size;

		if (end - off < 8)
			return perr_set(c->err, PM_INPUT, "truncated Mach-O load command %u", i);
		lc = b + off;
		cmd = nat_u32(lc, be);
		size = nat_u32(lc + 4, be);
		if (size < 8 || size > end - off)
			return perr_set(c->err, PM_INPUT, "Mach-O load command %u has a bad size %u", i, size);
		switch (cmd) {
		case LC_LOAD_DYLIB: case LC_LAZY_LOAD_DYLIB: case LC_LOAD_WEAK_DYLIB:
		case LC_REEXPORT_DYLIB: case LC_LOAD_UPWARD_DYLIB: {
			uint32_t name;
			const char *s;
			size_t len;

			if (size < 24)
				return perr_set(c->err, PM_INPUT, "Mach-O dylib command %u too short", i);
			name = nat_u32(lc + 8, be);
			s = nat_cstr(lc, size, name, &len);
			if (!s)
				return perr_set(c->err, PM_INPUT, "Mach-O dylib command %u has a bad name", i);
			nat_add_needed(c, s, len);
			break;
		}
		case LC_SYMTAB:
			if (size < 24)
				return perr_set(c->err, PM_INPUT, "Mach-O symtab command %u too short", i);
			symtab = lc;
			break;
		case LC_DYLD_INFO: case LC_DYLD_INFO_ONLY:
			if (size < 48)
				return perr_set(c->err, PM_INPUT, "Mach-O dyld info command %u too short", i);
			trie_off = nat_u32(lc + 40, be);
			trie_size = nat_u32(lc + 44, be);
			break;
		case LC_DYLD_EXPORTS_TRIE:
			if (size < 16)
				return perr_set(c->err, PM_INPUT, "Mach-O exports trie command %u too short", i);
			trie_off = nat_u32(lc + 8, be);
			trie_size = nat_u32(lc + 12, be);
			break;
		}
		off += size;
	}
	if (trie_size && macho_trie(c, b, n, trie_off, trie_size))
		return PM_INPUT;
	if (symtab && macho_symtab(c, b, n, is64, be, symtab))
		return PM_INPUT;
	return 0;
}

int nat_macho_fat(struct nat_ctx *c, const unsigned char *b, size_t n)
{
	struct strbuf arch = STRBUF_INIT;
	uint32_t magic, narch;
	size_t es;
	uint64_t off0 = 0, size0 = 0;
	int rc;

	if (n < 8)
		return perr_set(c->err, PM_INPUT, "truncated Mach-O fat header");
	magic = nat_u32(b, 1);
	narch = nat_u32(b + 4, 1);
	es = magic == 0xcafebabf ? 32 : 20;
	if (!narch || narch > 30)
		return perr_set(c->err, PM_INPUT, "Mach-O fat header has %u architectures", narch);
	if (!nat_in(n, 8, (uint64_t)narch * es))
		return perr_set(c->err, PM_INPUT, "truncated Mach-O fat header");
	for (uint32_t i = 0; i < narch; i++) {
		const unsigned char *f = b + 8 + i * es;
		uint32_t cpu = nat_u32(f, 1);

		if (i)
			strbuf_addch(&arch, '+');
		strbuf_addstr(&arch, macho_cpu(c->a, cpu));
		if (!i) {
			off0 = es == 32 ? nat_u64(f + 8, 1) : nat_u32(f + 8, 1);
			size0 = es == 32 ? nat_u64(f + 16, 1) : nat_u32(f + 12, 1);
		}
	}
	c->out->machine = arena_strndup(c->a, arch.buf, arch.len);
	strbuf_release(&arch);
	if (!nat_in(n, off0, size0))
		return perr_set(c->err, PM_INPUT, "truncated Mach-O fat slice 0");
	if (size0 < 4 || native_sniff(b + off0, size0) != NATIVE_MACHO)
		return perr_set(c->err, PM_INPUT, "Mach-O fat slice 0 is not a Mach-O image");
	{
		const char *machine = c->out->machine;
		rc = nat_macho(c, b + off0, size0);
		c->out->machine = machine;
	}
	if (rc)
		perr_wrap(c->err, "Mach-O fat slice 0");
	return rc;
}
