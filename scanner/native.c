/* native.c: native binary sniffing and inspection: the dispatcher, flavor
 * detection by byte search, extension file names, and the ELF reader.
 * Mach-O, PE and wasm live in native_macho.c, native_pe.c, native_wasm.c.
 */
#include "native_int.h"

#include <stdlib.h>
#include <string.h>

const char *native_format_name(enum native_format f)
{
	switch (f) {
	case NATIVE_ELF: return "elf";
	case NATIVE_MACHO: return "mach-o";
	case NATIVE_MACHO_FAT: return "mach-o-fat";
	case NATIVE_PE: return "pe";
	case NATIVE_WASM: return "wasm";
	default: return "none";
	}
}

const char *native_flavor_name(unsigned bit)
{
	switch (bit) {
	case FLAVOR_CYTHON: return "cython";
	case FLAVOR_PYO3: return "pyo3";
	case FLAVOR_RUST: return "rust";
	case FLAVOR_CFFI: return "cffi";
	case FLAVOR_PYBIND11: return "pybind11";
	case FLAVOR_NANOBIND: return "nanobind";
	case FLAVOR_MYPYC: return "mypyc";
	default: return "unknown";
	}
}

/* ---- shared helpers ---- */

const char *nat_cstr(const unsigned char *buf, size_t lim, uint64_t off, size_t *len)
{
	const unsigned char *z;
	size_t max;

	if (off >= lim)
		return NULL;
	max = lim - off;
	if (max > NAT_MAX_STR + 1)
		max = NAT_MAX_STR + 1;
	z = memchr(buf + off, 0, max);
	if (!z)
		return NULL;
	*len = (size_t)(z - (buf + off));
	return (const char *)buf + off;
}

int nat_uleb(const unsigned char *b, size_t n, size_t *pos, uint64_t *out)
{
	uint64_t v = 0;
	size_t p = *pos;

	for (unsigned shift = 0; shift < 70; shift += 7) {
		unsigned char byte;

		if (p >= n)
			return -1;
		byte = b[p++];
		if (shift == 63 && (byte & 0x7e))
			return -1; /* more than 64 bits */
		v |= (uint64_t)(byte & 0x7f) << shift;
		if (!(byte & 0x80)) {
			*pos = p;
			*out = v;
			return 0;
		}
	}
	return -1;
}

static void nat_add(struct nat_ctx *c, void *vecp, struct strmap *seen, const char *s, size_t len)
{
	VEC(const char *) *v = vecp;
	char key[NAT_MAX_STR + 1];
	struct strmap_entry *e;
	int created;

	if (!len || len > NAT_MAX_STR || v->n >= NAT_MAX_NAMES)
		return;
	memcpy(key, s, len);
	key[len] = 0;
	e = strmap_put(seen, key, &created);
	if (!created)
		return;
	e->value = (void *)1;
	*VEC_PUSH(v) = arena_strndup(c->a, s, len);
}

void nat_add_needed(struct nat_ctx *c, const char *s, size_t len)
{
	nat_add(c, &c->needed, &c->seen_needed, s, len);
}

void nat_add_export(struct nat_ctx *c, const char *sym, size_t len, int strip_us)
{
	if (strip_us && len && sym[0] == '_') {
		sym++;
		len--;
	}
	if (len > 7 && !memcmp(sym, "PyInit_", 7))
		nat_add(c, &c->pyinit, &c->seen_pyinit, sym + 7, len - 7);
}

/* ---- sniffing, flavors, the dispatcher ---- */

enum native_format native_sniff(const unsigned char *buf, size_t n)
{
	uint32_t le, be;

	if (n < 4)
		return NATIVE_NONE;
	if (!memcmp(buf, "\x7f" "ELF", 4))
		return NATIVE_ELF;
	if (!memcmp(buf, "\0asm", 4))
		return NATIVE_WASM;
	le = nat_u32(buf, 0);
	be = nat_u32(buf, 1);
	if (le == 0xfeedface || le == 0xfeedfacf || be == 0xfeedface || be == 0xfeedfacf)
		return NATIVE_MACHO;
	/* 0xcafebabe is also a Java class file; its next word (version) is
	 * >= 45, a fat header's arch count is small */
	if ((be == 0xcafebabe || be == 0xcafebabf) && n >= 8) {
		uint32_t narch = nat_u32(buf + 4, 1);
		if (narch >= 1 && narch <= 30)
			return NATIVE_MACHO_FAT;
	}
	if (buf[0] == 'M' && buf[1] == 'Z')
		return NATIVE_PE;
	return NATIVE_NONE;
}

static const struct {
	const char *needle;
	unsigned flavor;
} flavor_marks[] = {
	{ "__pyx_", FLAVOR_CYTHON },
	{ "cython_runtime", FLAVOR_CYTHON },
	{ "_cython_3", FLAVOR_CYTHON },
	{ "pyo3", FLAVOR_PYO3 | FLAVOR_RUST },
	{ "rust_panic", FLAVOR_RUST },
	{ "rust_begin_unwind", FLAVOR_RUST },
	{ "/rustc/", FLAVOR_RUST },
	{ ".cargo/registry", FLAVOR_RUST },
	{ "_cffi_pypyinit_", FLAVOR_CFFI },
	{ "_cffi_backend", FLAVOR_CFFI },
	{ "__cffi_", FLAVOR_CFFI },
	{ "pybind11", FLAVOR_PYBIND11 },
	{ "nanobind", FLAVOR_NANOBIND },
	{ "CPyStatics", FLAVOR_MYPYC },
	{ "mypyc", FLAVOR_MYPYC },
};

/* memmem (glibc's two-way search) is linear in n for each needle. */
static unsigned nat_flavors(const unsigned char *buf, size_t n)
{
	unsigned f = 0;

	for (size_t i = 0; i < sizeof(flavor_marks) / sizeof(flavor_marks[0]); i++) {
		if ((f & flavor_marks[i].flavor) == flavor_marks[i].flavor)
			continue;
		if (memmem(buf, n, flavor_marks[i].needle, strlen(flavor_marks[i].needle)))
			f |= flavor_marks[i].flavor;
	}
	return f;
}

static const char **nat_to_arena(struct arena *a, const char **v, size_t n)
{
	const char **r;

	if (!n)
		return NULL;
	r = arena_alloc(a, n * sizeof(*r));
	memcpy(r, v, n * sizeof(*r));
	return r;
}

int native_inspect(const unsigned char *buf, size_t n, struct arena *a,
		   struct native_info *out, struct perr *err)
{
	struct nat_ctx c = { a, out, err, VEC_INIT, VEC_INIT, STRMAP_INIT, STRMAP_INIT };
	int rc;

	memset(out, 0, sizeof(*out));
	out->format = native_sniff(buf, n);
	switch (out->format) {
	case NATIVE_ELF: rc = nat_elf(&c, buf, n); break;
	case NATIVE_MACHO: rc = nat_macho(&c, buf, n); break;
	case NATIVE_MACHO_FAT: rc = nat_macho_fat(&c, buf, n); break;
	case NATIVE_PE: rc = nat_pe(&c, buf, n); break;
	case NATIVE_WASM: rc = nat_wasm(&c, buf, n); break;
	default:
		return perr_set(err, PM_INPUT, "not a native binary (no ELF, Mach-O, PE or wasm magic)");
	}
	/* what was read before a problem is kept */
	out->flavor = nat_flavors(buf, n);
	out->needed = nat_to_arena(a, c.needed.v, c.needed.n);
	out->n_needed = c.needed.n;
	out->pyinit = nat_to_arena(a, c.pyinit.v, c.pyinit.n);
	out->n_pyinit = c.pyinit.n;
	VEC_FREE(&c.needed);
	VEC_FREE(&c.pyinit);
	strmap_release(&c.seen_needed);
	strmap_release(&c.seen_pyinit);
	return rc;
}

/* ---- extension file names ---- */

static int ident_ok(const char *s, size_t n)
{
	if (!n || (s[0] >= '0' && s[0] <= '9'))
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!(ch == '_' || (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') ||
		      (ch >= '0' && ch <= '9') || ch >= 0x80))
			return 0;
	}
	return 1;
}

static int abi_ok(const char *s, size_t n)
{
	if (!n)
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char ch = (unsigned char)s[i];
		if (!(ch == '_' || ch == '-' || (ch >= 'a' && ch <= 'z') ||
		      (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9')))
			return 0;
	}
	return 1;
}

/* path is relative to the import root (site-packages or the wheel root).
 * Every directory part must be an identifier (so "pkg.libs/x.so" and
 * ".libs/x.so" are not modules), the stem before the first '.' must be an
 * identifier, and the rest of the stem (if any) is the abi tag. A bare
 * "pkg/libfoo.so" therefore counts: CPython on Linux imports any "<name>.so"
 * as an extension, so it is reported rather than missed; "libfoo.so.1" and
 * "libssl-abc.so" do not. "pkg/__init__<tag>.so" is the package "pkg". */
int native_module_name(struct arena *a, const char *path, const char **module, const char **abi)
{
	const char *base, *dot;
	size_t blen, stem;
	struct strbuf sb = STRBUF_INIT;
	const char *p;

	*module = *abi = NULL;
	base = strrchr(path, '/');
	base = base ? base + 1 : path;
	blen = strlen(base);
	if (blen > 3 && !strcmp(base + blen - 3, ".so"))
		stem = blen - 3;
	else if (blen > 4 && !strcmp(base + blen - 4, ".pyd"))
		stem = blen - 4;
	else if (blen > 5 && !strcmp(base + blen - 5, ".wasm"))
		stem = blen - 5;
	else
		return 0;
	dot = memchr(base, '.', stem);
	if (dot && !abi_ok(dot + 1, (size_t)(base + stem - dot - 1)))
		return 0;
	if (!ident_ok(base, dot ? (size_t)(dot - base) : stem))
		return 0;
	for (p = path; p < base; ) {
		const char *slash = strchr(p, '/');
		size_t len = (size_t)(slash - p);

		if (!len && p == path) /* absolute paths are not relative names */
			goto fail;
		if (len && !ident_ok(p, len))
			goto fail;
		if (len) {
			if (sb.len)
				strbuf_addch(&sb, '.');
			strbuf_add(&sb, p, len);
		}
		p = slash + 1;
	}
	if (dot ? (size_t)(dot - base) == 8 && !memcmp(base, "__init__", 8)
		: stem == 8 && !memcmp(base, "__init__", 8)) {
		if (!sb.len)
			goto fail;
	} else {
		if (sb.len)
			strbuf_addch(&sb, '.');
		strbuf_add(&sb, base, dot ? (size_t)(dot - base) : stem);
	}
	*module = arena_strndup(a, sb.buf, sb.len);
	if (dot)
		*abi = arena_strndup(a, dot + 1, (size_t)(base + stem - dot - 1));
	strbuf_release(&sb);
	return 1;
fail:
	strbuf_release(&sb);
	return 0;
}

/* ---- ELF ---- */

struct elf {
	struct nat_ctx *c;
	const unsigned char *b;
	size_t n;
	int is64, be;
};

struct elf_sec {
	uint32_t type, link;
	uint64_t addr, off, size, entsize;
};

static uint64_t elf_addr(const struct elf *e, const unsigned char *p)
{
	return e->is64 ? nat_u64(p, e->be) : nat_u32(p, e->be);
}

static void elf_sec_read(const struct elf *e, const unsigned char *p, struct elf_sec *s)
{
	s->type = nat_u32(p + 4, e->be);
	if (e->is64) {
		s->addr = nat_u64(p + 16, e->be);
		s->off = nat_u64(p + 24, e->be);
		s->size = nat_u64(p + 32, e->be);
		s->link = nat_u32(p + 40, e->be);
		s->entsize = nat_u64(p + 56, e->be);
	} else {
		s->addr = nat_u32(p + 12, e->be);
		s->off = nat_u32(p + 16, e->be);
		s->size = nat_u32(p + 20, e->be);
		s->link = nat_u32(p + 24, e->be);
		s->entsize = nat_u32(p + 36, e->be);
	}
}

static const char *elf_machine(struct arena *a, unsigned m, int is64, int be)
{
	switch (m) {
	case 2: return "sparc";
	case 3: return "i386";
	case 8: return is64 ? "mips64" : "mips";
	case 20: return "ppc";
	case 21: return be ? "ppc64" : "ppc64le";
	case 22: return is64 ? "s390x" : "s390";
	case 40: return "arm";
	case 43: return "sparc64";
	case 50: return "ia64";
	case 62: return "x86_64";
	case 183: return "aarch64";
	case 243: return is64 ? "riscv64" : "riscv32";
	case 258: return "loongarch64";
	default: return arena_printf(a, "elf-machine-%u", m);
	}
}

/* DT_NEEDED entries of a dynamic table at [off, off+size), strings in
 * [stroff, stroff+strsize). Both ranges are checked by the caller. */
static int elf_dynamic(struct elf *e, uint64_t off, uint64_t size,
		       uint64_t stroff, uint64_t strsize, int have_str)
{
	size_t ent = e->is64 ? 16 : 8;

	for (uint64_t i = 0; i + ent <= size; i += ent) {
		const unsigned char *p = e->b + off + i;
		uint64_t tag = elf_addr(e, p), val = elf_addr(e, p + ent / 2);
		const char *s;
		size_t len;

		if (tag == 0)
			break;
		if (tag != 1 || !have_str)
			continue;
		s = val < strsize ? nat_cstr(e->b, stroff + strsize, stroff + val, &len) : NULL;
		if (!s)
			return perr_set(e->c->err, PM_INPUT, "ELF DT_NEEDED name offset %llu out of range",
					(unsigned long long)val);
		nat_add_needed(e->c, s, len);
	}
	return 0;
}

/* Exported PyInit_ symbols of a symbol table; ranges checked by the caller. */
static int elf_symbols(struct elf *e, uint64_t off, uint64_t count, uint64_t entsize,
		       uint64_t stroff, uint64_t strsize)
{
	for (uint64_t i = 0; i < count; i++) {
		const unsigned char *p = e->b + off + i * entsize;
		uint32_t name = nat_u32(p, e->be);
		unsigned info = e->is64 ? p[4] : p[12];
		unsigned shndx = nat_u16(p + (e->is64 ? 6 : 14), e->be);
		const char *s;
		size_t len;

		if (!shndx || (info >> 4 != 1 && info >> 4 != 2) || name >= strsize)
			continue;
		s = nat_cstr(e->b, stroff + strsize, stroff + name, &len);
		if (s)
			nat_add_export(e->c, s, len, 0);
	}
	return 0;
}

/* From the section headers: .dynamic and .dynsym with their string tables.
 * Sets *found when a dynamic section was there. */
static int elf_sections(struct elf *e, uint64_t shoff, uint64_t shnum, uint64_t shent, int *found)
{
	struct elf_sec s, str;

	for (uint64_t i = 0; i < shnum; i++) {
		elf_sec_read(e, e->b + shoff + i * shent, &s);
		if (s.type != 6 && s.type != 11) /* SHT_DYNAMIC, SHT_DYNSYM */
			continue;
		if (!nat_in(e->n, s.off, s.size))
			return perr_set(e->c->err, PM_INPUT, "truncated ELF section %llu",
					(unsigned long long)i);
		if (s.link >= shnum)
			return perr_set(e->c->err, PM_INPUT, "ELF section %llu links to missing section %u",
					(unsigned long long)i, s.link);
		elf_sec_read(e, e->b + shoff + (uint64_t)s.link * shent, &str);
		if (str.type != 3 || !nat_in(e->n, str.off, str.size))
			return perr_set(e->c->err, PM_INPUT, "bad ELF string table for section %llu",
					(unsigned long long)i);
		if (s.type == 6) {
			*found = 1;
			if (elf_dynamic(e, s.off, s.size, str.off, str.size, 1))
				return PM_INPUT;
		} else {
			uint64_t want = e->is64 ? 24 : 16;
			if (s.entsize < want)
				return perr_set(e->c->err, PM_INPUT, "ELF symbol entry size %llu too small",
						(unsigned long long)s.entsize);
			elf_symbols(e, s.off, s.size / s.entsize, s.entsize, str.off, str.size);
		}
	}
	return 0;
}

/* File offset of a virtual address through the PT_LOAD segments, or -1. */
static int64_t elf_vaddr(struct elf *e, uint64_t phoff, uint64_t phnum, uint64_t phent, uint64_t va)
{
	for (uint64_t i = 0; i < phnum; i++) {
		const unsigned char *p = e->b + phoff + i * phent;
		uint64_t off, vaddr, filesz;

		if (nat_u32(p, e->be) != 1)
			continue;
		off = elf_addr(e, p + (e->is64 ? 8 : 4));
		vaddr = elf_addr(e, p + (e->is64 ? 16 : 8));
		filesz = elf_addr(e, p + (e->is64 ? 32 : 16));
		if (va >= vaddr && va - vaddr < filesz && nat_in(e->n, off, filesz) &&
		    off + (va - vaddr) <= INT64_MAX)
			return (int64_t)(off + (va - vaddr));
	}
	return -1;
}

/* No section headers (stripped hard): PT_DYNAMIC with DT_STRTAB/DT_STRSZ,
 * and DT_SYMTAB sized by DT_HASH's chain count when there is one. */
static int elf_segments(struct elf *e, uint64_t phoff, uint64_t phnum, uint64_t phent)
{
	size_t ent = e->is64 ? 16 : 8;

	for (uint64_t i = 0; i < phnum; i++) {
		const unsigned char *p = e->b + phoff + i * phent;
		uint64_t off, size, strtab = 0, strsz = 0, symtab = 0, hash = 0;
		int64_t stroff, symoff, hashoff;
		int have = 0;

		if (nat_u32(p, e->be) != 2)
			continue;
		off = elf_addr(e, p + (e->is64 ? 8 : 4));
		size = elf_addr(e, p + (e->is64 ? 32 : 16));
		if (!nat_in(e->n, off, size))
			return perr_set(e->c->err, PM_INPUT, "truncated ELF dynamic segment");
		for (uint64_t k = 0; k + ent <= size; k += ent) {
			uint64_t tag = elf_addr(e, e->b + off + k), val = elf_addr(e, e->b + off + k + ent / 2);
			if (tag == 0)
				break;
			if (tag == 5)
				strtab = val, have |= 1;
			else if (tag == 10)
				strsz = val;
			else if (tag == 6)
				symtab = val, have |= 2;
			else if (tag == 4)
				hash = val, have |= 4;
		}
		stroff = (have & 1) ? elf_vaddr(e, phoff, phnum, phent, strtab) : -1;
		if (stroff < 0 || !nat_in(e->n, (uint64_t)stroff, strsz))
			return perr_set(e->c->err, PM_INPUT, "ELF dynamic string table out of range");
		if (elf_dynamic(e, off, size, (uint64_t)stroff, strsz, 1))
			return PM_INPUT;
		symoff = (have & 2) ? elf_vaddr(e, phoff, phnum, phent, symtab) : -1;
		hashoff = (have & 4) ? elf_vaddr(e, phoff, phnum, phent, hash) : -1;
		if (symoff >= 0 && hashoff >= 0 && nat_in(e->n, (uint64_t)hashoff, 8)) {
			uint64_t nchain = nat_u32(e->b + hashoff + 4, e->be), es = e->is64 ? 24 : 16;
			if (nchain <= (e->n - (uint64_t)symoff) / es)
				elf_symbols(e, (uint64_t)symoff, nchain, es, (uint64_t)stroff, strsz);
		}
		return 0;
	}
	return 0;
}

int nat_elf(struct nat_ctx *c, const unsigned char *b, size_t n)
{
	struct elf e = { c, b, n, 0, 0 };
	uint64_t phoff, shoff, phent, phnum, shent, shnum;
	int found = 0;

	if (n < 16)
		return perr_set(c->err, PM_INPUT, "truncated ELF header");
	if (b[4] != 1 && b[4] != 2)
		return perr_set(c->err, PM_INPUT, "ELF has an invalid class %u", b[4]);
	if (b[5] != 1 && b[5] != 2)
		return perr_set(c->err, PM_INPUT, "ELF has an invalid data encoding %u", b[5]);
	e.is64 = b[4] == 2;
	e.be = b[5] == 2;
	c->out->bits = e.is64 ? 64 : 32;
	if (n < (e.is64 ? 64u : 52u))
		return perr_set(c->err, PM_INPUT, "truncated ELF header");
	c->out->machine = elf_machine(c->a, nat_u16(b + 18, e.be), e.is64, e.be);
	phoff = elf_addr(&e, b + (e.is64 ? 32 : 28));
	shoff = elf_addr(&e, b + (e.is64 ? 40 : 32));
	phent = nat_u16(b + (e.is64 ? 54 : 42), e.be);
	phnum = nat_u16(b + (e.is64 ? 56 : 44), e.be);
	shent = nat_u16(b + (e.is64 ? 58 : 46), e.be);
	shnum = nat_u16(b + (e.is64 ? 60 : 48), e.be);

	if (shoff) {
		if (shent < (e.is64 ? 64u : 40u))
			return perr_set(c->err, PM_INPUT, "ELF section header size %llu too small",
					(unsigned long long)shent);
		if (!shnum) { /* extended numbering: the count is section 0's size */
			struct elf_sec s0;
			if (!nat_in(n, shoff, shent))
				return perr_set(c->err, PM_INPUT, "truncated ELF section headers");
			elf_sec_read(&e, b + shoff, &s0);
			shnum = s0.size;
		}
		if (shoff > n || shnum > (n - shoff) / shent)
			return perr_set(c->err, PM_INPUT, "truncated ELF section headers");
	} else {
		shnum = 0;
	}
	if (phoff && phnum) {
		if (phent < (e.is64 ? 56u : 32u))
			return perr_set(c->err, PM_INPUT, "ELF program header size %llu too small",
					(unsigned long long)phent);
		if (phoff > n || phnum > (n - phoff) / phent)
			return perr_set(c->err, PM_INPUT, "truncated ELF program headers");
	} else {
		phnum = 0;
	}
	if (shnum && elf_sections(&e, shoff, shnum, shent, &found))
		return PM_INPUT;
	if (!found && phnum && elf_segments(&e, phoff, phnum, phent))
		return PM_INPUT;
	return 0;
}
