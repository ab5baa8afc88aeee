/* test_native.c: native_sniff / native_inspect / native_module_name on real
 * ELF extension modules from Debian packages, synthetic ELF, Mach-O (thin
 * and fat) and PE images built byte by byte, wasm modules assembled from
 * tests/fixtures/native/ (the .wat files), and hostile inputs (every truncation, random
 * byte flips, huge counts). Usage: test_native [WASM-FIXTURE-DIR]; the
 * directory also comes from $PYMODE_NATIVE_FIXTURES or next to the binary.
 */
#include "../../scanner/scanner.h"
#include "test.h"

#include <glob.h>
#include <stdlib.h>
#include <string.h>

static struct arena A = ARENA_INIT;
static int fuzz_scale = 1; /* $PYMODE_NATIVE_FUZZ multiplies the iterations */

static uint32_t rng = 12345;
static uint32_t next_rand(void)
{
	rng = rng * 1103515245u + 12345u;
	return rng >> 8;
}

/* ---- helpers ---- */

static int has(const char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}

static int has_prefix(const char **v, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (starts_with(v[i], s))
			return 1;
	return 0;
}

static void put16(unsigned char *b, size_t off, unsigned v, int be)
{
	b[off + (be ? 0 : 1)] = (unsigned char)(v >> 8);
	b[off + (be ? 1 : 0)] = (unsigned char)v;
}

static void put32(unsigned char *b, size_t off, uint32_t v, int be)
{
	for (int i = 0; i < 4; i++)
		b[off + (be ? 3 - i : i)] = (unsigned char)(v >> (8 * i));
}

static void put64(unsigned char *b, size_t off, uint64_t v, int be)
{
	for (int i = 0; i < 8; i++)
		b[off + (be ? 7 - i : i)] = (unsigned char)(v >> (8 * i));
}

static void putword(unsigned char *b, size_t off, uint64_t v, int is64, int be)
{
	if (is64)
		put64(b, off, v, be);
	else
		put32(b, off, (uint32_t)v, be);
}

/* Inspects a private exact-size copy so ASan sees any read past the end. */
static int inspect_copy(const unsigned char *b, size_t n, struct native_info *ni, struct perr *err)
{
	unsigned char *c = malloc(n ? n : 1);
	int rc;

	memcpy(c, b, n);
	rc = native_inspect(c, n, &A, ni, err);
	free(c);
	return rc;
}

/* ---- synthetic ELF ---- */

#define ELF_STR "\0libc.so.6\0libm.so.6\0PyInit_spam\0helper\0PyInit_undef\0"
enum { S_LIBC = 1, S_LIBM = 11, S_SPAM = 21, S_HELPER = 33, S_UNDEF = 40 };

static size_t build_elf(unsigned char *b, int is64, int be, int machine, int with_sections)
{
	size_t ehsize = is64 ? 64 : 52, phent = is64 ? 56 : 32, shent = is64 ? 64 : 40;
	size_t dynent = is64 ? 16 : 8, syment = is64 ? 24 : 16, strsz = sizeof(ELF_STR);
	size_t n = 0x600 + 4 * shent;
	uint64_t dyn[][2] = { { 1, S_LIBC }, { 1, S_LIBM }, { 5, 0x200 }, { 10, strsz },
			      { 6, 0x400 }, { 4, 0x500 }, { 0, 0 } };
	struct { uint32_t name; unsigned info, shndx; } syms[] = {
		{ 0, 0, 0 }, { S_SPAM, 0x12, 1 }, { S_HELPER, 0x12, 1 }, { S_UNDEF, 0x12, 0 } };

	memset(b, 0, n);
	memcpy(b, "\x7f" "ELF", 4);
	b[4] = is64 ? 2 : 1;
	b[5] = be ? 2 : 1;
	b[6] = 1;
	put16(b, 16, 3, be); /* ET_DYN */
	put16(b, 18, (unsigned)machine, be);
	put32(b, 20, 1, be);
	putword(b, is64 ? 32 : 28, 0x100, is64, be); /* phoff */
	putword(b, is64 ? 40 : 32, with_sections ? 0x600 : 0, is64, be);
	put16(b, is64 ? 52 : 40, (unsigned)ehsize, be);
	put16(b, is64 ? 54 : 42, (unsigned)phent, be);
	put16(b, is64 ? 56 : 44, 2, be);
	put16(b, is64 ? 58 : 46, (unsigned)shent, be);
	put16(b, is64 ? 60 : 48, with_sections ? 4 : 0, be);
	/* program headers: PT_LOAD of the whole file at vaddr 0, PT_DYNAMIC */
	for (int i = 0; i < 2; i++) {
		unsigned char *p = b + 0x100 + i * phent;
		uint64_t off = i ? 0x300 : 0, sz = i ? sizeof(dyn) / sizeof(dyn[0]) * dynent : n;
		put32(b, p - b, i ? 2 : 1, be);
		putword(b, (p - b) + (is64 ? 8 : 4), off, is64, be);
		putword(b, (p - b) + (is64 ? 16 : 8), off, is64, be);
		putword(b, (p - b) + (is64 ? 32 : 16), sz, is64, be);
		putword(b, (p - b) + (is64 ? 40 : 20), sz, is64, be);
	}
	memcpy(b + 0x200, ELF_STR, strsz);
	for (size_t i = 0; i < sizeof(dyn) / sizeof(dyn[0]); i++) {
		putword(b, 0x300 + i * dynent, dyn[i][0], is64, be);
		putword(b, 0x300 + i * dynent + dynent / 2, dyn[i][1], is64, be);
	}
	for (size_t i = 0; i < 4; i++) {
		size_t o = 0x400 + i * syment;
		put32(b, o, syms[i].name, be);
		b[o + (is64 ? 4 : 12)] = (unsigned char)syms[i].info;
		put16(b, o + (is64 ? 6 : 14), syms[i].shndx, be);
	}
	put32(b, 0x500, 1, be);
	put32(b, 0x504, 4, be); /* nchain = number of symbols */
	if (with_sections) {
		/* [1] .dynstr, [2] .dynamic -> 1, [3] .dynsym -> 1 */
		struct { uint32_t type, link; uint64_t off, size, entsize; } sh[4] = {
			{ 0, 0, 0, 0, 0 }, { 3, 0, 0x200, strsz, 0 },
			{ 6, 1, 0x300, sizeof(dyn) / sizeof(dyn[0]) * dynent, dynent },
			{ 11, 1, 0x400, 4 * syment, syment } };
		for (int i = 0; i < 4; i++) {
			size_t o = 0x600 + i * shent;
			put32(b, o + 4, sh[i].type, be);
			putword(b, o + (is64 ? 24 : 16), sh[i].off, is64, be);
			putword(b, o + (is64 ? 32 : 20), sh[i].size, is64, be);
			put32(b, o + (is64 ? 40 : 24), sh[i].link, be);
			putword(b, o + (is64 ? 56 : 36), sh[i].entsize, is64, be);
		}
	}
	return n;
}

static void test_elf_synthetic(void)
{
	static unsigned char b[0x800];
	static const struct { int is64, be, machine; const char *name; } v[] = {
		{ 1, 0, 62, "x86_64" }, { 0, 0, 3, "i386" }, { 1, 1, 22, "s390x" }, { 0, 1, 20, "ppc" },
		{ 1, 0, 183, "aarch64" }, { 1, 1, 21, "ppc64" }, { 1, 0, 21, "ppc64le" },
		{ 1, 0, 9999, "elf-machine-9999" },
	};

	for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++) {
		for (int sec = 1; sec >= 0; sec--) {
			struct native_info ni;
			struct perr err = PERR_INIT;
			size_t n = build_elf(b, v[i].is64, v[i].be, v[i].machine, sec);
			int rc = inspect_copy(b, n, &ni, &err);

			if (rc)
				fprintf(stderr, "elf variant %zu sec %d: %s\n", i, sec, err.msg);
			CHECK_INT(rc, 0);
			CHECK_INT(ni.format, NATIVE_ELF);
			CHECK_STR(ni.machine, v[i].name);
			CHECK_INT(ni.bits, v[i].is64 ? 64 : 32);
			CHECK_INT(ni.n_needed, 2);
			CHECK(ni.n_needed == 2 && !strcmp(ni.needed[0], "libc.so.6") &&
			      !strcmp(ni.needed[1], "libm.so.6"));
			CHECK_INT(ni.n_pyinit, 1);
			CHECK(ni.n_pyinit == 1 && !strcmp(ni.pyinit[0], "spam"));
			CHECK_INT(ni.flavor, 0);
		}
	}
}

/* ---- real ELF extension modules (Debian python3-* packages) ---- */

#define DIST "/usr/lib/python3/dist-packages/"

static int read_whole(const char *path, unsigned char **buf, size_t *n)
{
	struct strbuf sb = STRBUF_INIT;
	struct perr err = PERR_INIT;

	if (strbuf_read_file(&sb, path, 0, &err)) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	*buf = (unsigned char *)strbuf_detach(&sb, n);
	return 0;
}

static void real_one(const char *pattern, const char *pkg, unsigned want_flavor, unsigned not_flavor)
{
	glob_t g;
	unsigned char *buf;
	size_t n;
	struct native_info ni;
	struct perr err = PERR_INIT;
	const char *module, *abi, *last;

	if (glob(pattern, 0, NULL, &g) || !g.gl_pathc) {
		fprintf(stderr, "test_native: no file matches %s (install %s)\n", pattern, pkg);
		CHECK(!"real extension module present");
		return;
	}
	if (read_whole(g.gl_pathv[0], &buf, &n)) {
		CHECK(!"readable");
		globfree(&g);
		return;
	}
	CHECK_INT(native_inspect(buf, n, &A, &ni, &err), 0);
	if (err.code)
		fprintf(stderr, "%s: %s\n", g.gl_pathv[0], err.msg);
	CHECK_INT(ni.format, NATIVE_ELF);
	CHECK_INT(ni.bits, 64);
#if defined(__x86_64__)
	CHECK_STR(ni.machine, "x86_64");
#endif
	CHECK(native_module_name(&A, g.gl_pathv[0] + strlen(DIST), &module, &abi));
	last = strrchr(module, '.');
	last = last ? last + 1 : module;
	CHECK_INT(ni.n_pyinit, 1);
	if (ni.n_pyinit)
		CHECK_STR(ni.pyinit[0], last);
	CHECK(has_prefix(ni.needed, ni.n_needed, "libc.so"));
	if ((ni.flavor & want_flavor) != want_flavor || (ni.flavor & not_flavor))
		fprintf(stderr, "%s: flavor 0x%x, want 0x%x, not 0x%x\n", g.gl_pathv[0], ni.flavor,
			want_flavor, not_flavor);
	CHECK_INT(ni.flavor & want_flavor, want_flavor);
	CHECK_INT(ni.flavor & not_flavor, 0);

	/* truncations of a real file: never a crash, PM_INPUT once the
	 * section table is cut off, format still known */
	for (size_t cut = 64; cut < n; cut += n / 97 + 1) {
		int rc = inspect_copy(buf, cut, &ni, &err);
		CHECK(rc == 0 || rc == PM_INPUT);
		if (ni.format != NATIVE_ELF) {
			CHECK_INT(ni.format, NATIVE_ELF);
			break;
		}
	}
	CHECK_INT(inspect_copy(buf, n - 1, &ni, &err), PM_INPUT);
	CHECK(strstr(err.msg, "truncated ELF section headers") != NULL);

	/* byte flips in the ELF header and the section header table (at the
	 * end of a linked file), where the offsets and counts are */
	{
		unsigned char *m = malloc(n);
		int bad = 0;
		size_t tail = n < 4096 ? n : 4096;
		for (int it = 0; it < 100 * fuzz_scale; it++) {
			int rc;
			memcpy(m, buf, n);
			for (int k = 0; k < 4; k++) {
				size_t at = k & 1 ? n - 1 - next_rand() % tail : 4 + next_rand() % 60;
				m[at] ^= (unsigned char)(1 + next_rand() % 255);
			}
			rc = native_inspect(m, n, &A, &ni, &err);
			bad += (rc != 0 && rc != PM_INPUT) || ni.format != NATIVE_ELF;
		}
		CHECK_INT(bad, 0);
		free(m);
	}
	free(buf);
	globfree(&g);
}

static void test_elf_real(void)
{
	unsigned rust = FLAVOR_RUST | FLAVOR_PYO3;

	real_one(DIST "yaml/_yaml.cpython-*.so", "python3-yaml", FLAVOR_CYTHON, rust | FLAVOR_CFFI);
	real_one(DIST "cryptography/hazmat/bindings/_rust.abi3.so", "python3-cryptography",
		 rust, FLAVOR_CYTHON);
	real_one(DIST "cryptography/hazmat/bindings/_openssl.abi3.so", "python3-cryptography",
		 FLAVOR_CFFI, FLAVOR_CYTHON | rust);
	real_one(DIST "_cffi_backend.cpython-*.so", "python3-cffi-backend", FLAVOR_CFFI,
		 FLAVOR_CYTHON | rust);
	real_one(DIST "markupsafe/_speedups.cpython-*.so", "python3-markupsafe", 0,
		 FLAVOR_CYTHON | rust | FLAVOR_CFFI | FLAVOR_PYBIND11 | FLAVOR_NANOBIND | FLAVOR_MYPYC);
}

/* ---- synthetic Mach-O ---- */

/* A thin image: two LC_LOAD_DYLIB, then LC_SYMTAB (when symtab) and/or
 * LC_DYLD_EXPORTS_TRIE (when trie). Returns its size. */
static size_t build_macho(unsigned char *b, int is64, int be, uint32_t cpu, int symtab, int trie)
{
	static const char *libs[] = { "/usr/lib/libSystem.B.dylib", "@rpath/libfoo.dylib" };
	static const unsigned char trie_bytes[] = {
		/* 0: root, not terminal, 1 child "_" -> 5 */
		0x00, 0x01, '_', 0x00, 5,
		/* 5: 2 children: "PyInit_" -> 24, "helper" -> 37 */
		0x00, 0x02, 'P', 'y', 'I', 'n', 'i', 't', '_', 0x00, 24, 'h', 'e', 'l', 'p', 'e', 'r', 0x00, 37,
		/* 24: 2 children "eggs" -> 41, "ham" -> 45 */
		0x00, 0x02, 'e', 'g', 'g', 's', 0x00, 41, 'h', 'a', 'm', 0x00, 45,
		/* 37: terminal "_helper": info size 2 (flags, address), no children */
		0x02, 0x00, 0x10, 0x00,
		/* 41: terminal "_PyInit_eggs" */
		0x02, 0x00, 0x20, 0x00,
		/* 45: "_PyInit_ham", not terminal, no children */
		0x00, 0x00,
	};
	static const char strtab[] = "\0_PyInit_spam\0_helper\0_PyInit_undef\0";
	size_t h = is64 ? 32 : 28, off = h, ncmds = 0, es = is64 ? 16 : 12;
	size_t data = 0x400, n;

	memset(b, 0, 0x800);
	put32(b, 0, is64 ? 0xfeedfacf : 0xfeedface, be);
	put32(b, 4, cpu, be);
	put32(b, 12, 8, be); /* MH_BUNDLE */
	for (int i = 0; i < 2; i++) {
		size_t len = strlen(libs[i]) + 1, size = (24 + len + 7) & ~(size_t)7;
		put32(b, off, i ? 0x80000018 : 0xc, be);
		put32(b, off + 4, (uint32_t)size, be);
		put32(b, off + 8, 24, be);
		memcpy(b + off + 24, libs[i], len);
		off += size;
		ncmds++;
	}
	if (symtab) {
		struct { uint32_t strx; unsigned type; } syms[] = { { 1, 0x0f }, { 14, 0x0f }, { 22, 0x01 },
								    { 1, 0x24 } /* N_FUN stab */ };
		put32(b, off, 0x2, be);
		put32(b, off + 4, 24, be);
		put32(b, off + 8, (uint32_t)data, be);
		put32(b, off + 12, 4, be);
		put32(b, off + 16, (uint32_t)(data + 0x100), be);
		put32(b, off + 20, sizeof(strtab), be);
		for (int i = 0; i < 4; i++) {
			put32(b, data + i * es, syms[i].strx, be);
			b[data + i * es + 4] = (unsigned char)syms[i].type;
			b[data + i * es + 5] = 1;
		}
		memcpy(b + data + 0x100, strtab, sizeof(strtab));
		off += 24;
		ncmds++;
	}
	if (trie) {
		put32(b, off, 0x80000033, be);
		put32(b, off + 4, 16, be);
		put32(b, off + 8, (uint32_t)(data + 0x200), be);
		put32(b, off + 12, sizeof(trie_bytes), be);
		memcpy(b + data + 0x200, trie_bytes, sizeof(trie_bytes));
		off += 16;
		ncmds++;
	}
	put32(b, 16, (uint32_t)ncmds, be);
	put32(b, 20, (uint32_t)(off - h), be);
	n = data + 0x300;
	return n;
}

/* fat: an x86_64 slice at 0x1000 (symtab), an arm64 one at 0x2000 (trie) */
static size_t build_fat(unsigned char *fat)
{
	size_t n, n2;

	memset(fat, 0, 0x3000);
	put32(fat, 0, 0xcafebabe, 1);
	put32(fat, 4, 2, 1);
	n = build_macho(fat + 0x1000, 1, 0, 0x01000007, 1, 0);
	n2 = build_macho(fat + 0x2000, 1, 0, 0x0100000c, 0, 1);
	put32(fat, 8, 0x01000007, 1);
	put32(fat, 16, 0x1000, 1);
	put32(fat, 20, (uint32_t)n, 1);
	put32(fat, 24, 12, 1);
	put32(fat, 28, 0x0100000c, 1);
	put32(fat, 36, 0x2000, 1);
	put32(fat, 40, (uint32_t)n2, 1);
	put32(fat, 44, 12, 1);
	return n2;
}

static void test_macho(void)
{
	static unsigned char b[0x800], fat[0x3000];
	struct native_info ni;
	struct perr err = PERR_INIT;
	size_t n, n2;

	/* 64-bit little-endian arm64, symbol table only */
	n = build_macho(b, 1, 0, 0x0100000c, 1, 0);
	CHECK_INT(native_sniff(b, n), NATIVE_MACHO);
	CHECK_INT(inspect_copy(b, n, &ni, &err), 0);
	CHECK_INT(ni.format, NATIVE_MACHO);
	CHECK_STR(ni.machine, "arm64");
	CHECK_INT(ni.bits, 64);
	CHECK_INT(ni.n_needed, 2);
	CHECK(has(ni.needed, ni.n_needed, "/usr/lib/libSystem.B.dylib"));
	CHECK(has(ni.needed, ni.n_needed, "@rpath/libfoo.dylib"));
	CHECK_INT(ni.n_pyinit, 1);
	CHECK(has(ni.pyinit, ni.n_pyinit, "spam"));

	/* export trie only: eggs is terminal, ham is not */
	n = build_macho(b, 1, 0, 0x01000007, 0, 1);
	CHECK_INT(inspect_copy(b, n, &ni, &err), 0);
	CHECK_STR(ni.machine, "x86_64");
	CHECK_INT(ni.n_pyinit, 1);
	CHECK(has(ni.pyinit, ni.n_pyinit, "eggs"));

	/* 32-bit big-endian ppc, both */
	n = build_macho(b, 0, 1, 18, 1, 1);
	CHECK_INT(native_sniff(b, n), NATIVE_MACHO);
	CHECK_INT(inspect_copy(b, n, &ni, &err), 0);
	CHECK_STR(ni.machine, "ppc");
	CHECK_INT(ni.bits, 32);
	CHECK_INT(ni.n_pyinit, 2);
	CHECK(has(ni.pyinit, ni.n_pyinit, "spam") && has(ni.pyinit, ni.n_pyinit, "eggs"));

	n2 = build_fat(fat);
	CHECK_INT(native_sniff(fat, sizeof(fat)), NATIVE_MACHO_FAT);
	CHECK_INT(inspect_copy(fat, 0x2000 + n2, &ni, &err), 0);
	if (err.code)
		fprintf(stderr, "fat: %s\n", err.msg);
	CHECK_INT(ni.format, NATIVE_MACHO_FAT);
	CHECK_STR(ni.machine, "x86_64+arm64");
	CHECK_INT(ni.bits, 64);
	CHECK_INT(ni.n_pyinit, 1);
	CHECK(has(ni.pyinit, ni.n_pyinit, "spam")); /* first slice's symtab */
	CHECK_INT(ni.n_needed, 2);

	/* a Java class file is not a fat binary */
	CHECK_INT(native_sniff((const unsigned char *)"\xca\xfe\xba\xbe\x00\x00\x00\x34", 8), NATIVE_NONE);
	/* fat slice outside the file */
	put32(fat, 16, 0x7ffff000, 1);
	CHECK_INT(inspect_copy(fat, 0x2000 + n2, &ni, &err), PM_INPUT);
	CHECK_INT(ni.format, NATIVE_MACHO_FAT);
	CHECK(strstr(err.msg, "fat slice") != NULL);
}

/* ---- synthetic PE ---- */

static size_t build_pe(unsigned char *b, int pe64, unsigned machine)
{
	size_t lfanew = 0x80, coff = lfanew + 4, opt = coff + 20;
	size_t optsize = pe64 ? 240 : 224, dirs = opt + (pe64 ? 112 : 96), sec = opt + optsize;
	uint32_t va = 0x1000, raw = 0x200;
	/* string RVAs */
	uint32_t s_py = va + 0x200, s_k32 = va + 0x210, s_spam = va + 0x220, s_help = va + 0x230,
		 s_dll = va + 0x240;

	memset(b, 0, 0x600);
	b[0] = 'M', b[1] = 'Z';
	put32(b, 0x3c, (uint32_t)lfanew, 0);
	memcpy(b + lfanew, "PE\0\0", 4);
	put16(b, coff, machine, 0);
	put16(b, coff + 2, 1, 0);
	put16(b, coff + 16, (unsigned)optsize, 0);
	put16(b, coff + 18, 0x2022, 0);
	put16(b, opt, pe64 ? 0x20b : 0x10b, 0);
	put32(b, dirs - 4, 16, 0);
	put32(b, dirs, va + 0x100, 0);     /* export */
	put32(b, dirs + 4, 40, 0);
	put32(b, dirs + 8, va, 0);         /* import */
	put32(b, dirs + 12, 60, 0);
	memcpy(b + sec, ".rdata", 6);
	put32(b, sec + 8, 0x400, 0);
	put32(b, sec + 12, va, 0);
	put32(b, sec + 16, 0x400, 0);
	put32(b, sec + 20, raw, 0);
	/* import descriptors at RVA va */
	put32(b, raw + 0, va + 0x300, 0);
	put32(b, raw + 12, s_py, 0);
	put32(b, raw + 16, va + 0x300, 0);
	put32(b, raw + 20, va + 0x300, 0);
	put32(b, raw + 32, s_k32, 0);
	put32(b, raw + 36, va + 0x300, 0);
	/* export directory at RVA va+0x100; names at va+0x140 */
	put32(b, raw + 0x100 + 12, s_dll, 0);
	put32(b, raw + 0x100 + 16, 1, 0);
	put32(b, raw + 0x100 + 20, 2, 0);
	put32(b, raw + 0x100 + 24, 2, 0);
	put32(b, raw + 0x100 + 32, va + 0x140, 0);
	put32(b, raw + 0x140, s_spam, 0);
	put32(b, raw + 0x144, s_help, 0);
	strcpy((char *)b + raw + 0x200, "python311.dll");
	strcpy((char *)b + raw + 0x210, "KERNEL32.dll");
	strcpy((char *)b + raw + 0x220, "PyInit_spam");
	strcpy((char *)b + raw + 0x230, "helper");
	strcpy((char *)b + raw + 0x240, "spam.pyd");
	return raw + 0x400;
}

static void test_pe(void)
{
	static unsigned char b[0x600];
	struct native_info ni;
	struct perr err = PERR_INIT;
	size_t n;

	n = build_pe(b, 1, 0x8664);
	CHECK_INT(native_sniff(b, n), NATIVE_PE);
	CHECK_INT(inspect_copy(b, n, &ni, &err), 0);
	if (err.code)
		fprintf(stderr, "pe: %s\n", err.msg);
	CHECK_INT(ni.format, NATIVE_PE);
	CHECK_STR(ni.machine, "x86_64");
	CHECK_INT(ni.bits, 64);
	CHECK_INT(ni.n_needed, 2);
	CHECK(has(ni.needed, ni.n_needed, "python311.dll") && has(ni.needed, ni.n_needed, "KERNEL32.dll"));
	CHECK_INT(ni.n_pyinit, 1);
	CHECK(has(ni.pyinit, ni.n_pyinit, "spam"));

	n = build_pe(b, 0, 0x14c);
	CHECK_INT(inspect_copy(b, n, &ni, &err), 0);
	CHECK_STR(ni.machine, "i386");
	CHECK_INT(ni.bits, 32);
	CHECK_INT(ni.n_pyinit, 1);
	n = build_pe(b, 1, 0xaa64);
	CHECK_INT(inspect_copy(b, n, &ni, &err), 0);
	CHECK_STR(ni.machine, "arm64");

	/* MZ without PE */
	memcpy(b + 0x80, "XX", 2);
	CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);
	CHECK_INT(ni.format, NATIVE_PE);
	CHECK(strstr(err.msg, "PE signature") != NULL);
}

/* ---- wasm ---- */

static void wasm_fixtures(const char *dir)
{
	char *path;
	unsigned char *buf;
	size_t n;
	struct native_info ni;
	struct perr err = PERR_INIT;

	path = path_join(dir, "ext_foo.wasm");
	if (!path_is_file(path)) {
		printf("test_native: SKIP wasm fixtures: %s missing (needs binaryen's wasm-as; "
		       "run tests/fixtures/native/build)\n", path);
		free(path);
		return;
	}
	if (read_whole(path, &buf, &n) == 0) {
		CHECK_INT(native_sniff(buf, n), NATIVE_WASM);
		CHECK_INT(native_inspect(buf, n, &A, &ni, &err), 0);
		CHECK_STR(ni.machine, "wasm32");
		CHECK_INT(ni.bits, 32);
		CHECK_INT(ni.n_needed, 2);
		CHECK(has(ni.needed, ni.n_needed, "env") && has(ni.needed, ni.n_needed, "pymode"));
		CHECK_INT(ni.n_pyinit, 1); /* PyInit_notafunc is a global */
		CHECK(has(ni.pyinit, ni.n_pyinit, "foo"));
		CHECK_INT(ni.flavor, 0);
		for (size_t cut = 0; cut < n; cut++) {
			int rc = inspect_copy(buf, cut, &ni, &err);
			/* a cut at a section boundary is a valid, shorter module */
			CHECK(cut < 4 ? rc == PM_INPUT : ((rc == 0 || rc == PM_INPUT) &&
							  ni.format == NATIVE_WASM));
		}
		free(buf);
	}
	free(path);
	path = path_join(dir, "ext_rust.wasm");
	if (read_whole(path, &buf, &n) == 0) {
		CHECK_INT(native_inspect(buf, n, &A, &ni, &err), 0);
		CHECK_INT(ni.n_needed, 1);
		CHECK(has(ni.needed, ni.n_needed, "wasi_snapshot_preview1"));
		CHECK_INT(ni.n_pyinit, 2);
		CHECK(has(ni.pyinit, ni.n_pyinit, "bar") && has(ni.pyinit, ni.n_pyinit, "baz"));
		CHECK_INT(ni.flavor & (FLAVOR_RUST | FLAVOR_PYO3), FLAVOR_RUST | FLAVOR_PYO3);
		free(buf);
	} else {
		CHECK(!"ext_rust.wasm readable");
	}
	free(path);
}

/* A Pyodide-style side module: dylink.0 NEEDED, env import, an export. */
static const unsigned char side_module[] = {
	0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00,
	/* custom "dylink.0": subsection 2 (needed) with one name "libfoo.so" */
	0x00, 0x16, 0x08, 'd', 'y', 'l', 'i', 'n', 'k', '.', '0',
	0x02, 0x0b, 0x01, 0x09, 'l', 'i', 'b', 'f', 'o', 'o', '.', 's', 'o',
	/* type section: one () -> () */
	0x01, 0x04, 0x01, 0x60, 0x00, 0x00,
	/* import section: env.memory (memory, limits 0x00 min 1) */
	0x02, 0x0f, 0x01, 0x03, 'e', 'n', 'v', 0x06, 'm', 'e', 'm', 'o', 'r', 'y', 0x02, 0x00, 0x01,
	/* function section: one function of type 0 */
	0x03, 0x02, 0x01, 0x00,
	/* export section: "PyInit_x" func 0 */
	0x07, 0x0c, 0x01, 0x08, 'P', 'y', 'I', 'n', 'i', 't', '_', 'x', 0x00, 0x00,
	/* code section */
	0x0a, 0x04, 0x01, 0x02, 0x00, 0x0b,
};

static void test_wasm(const char *dir)
{
	struct native_info ni;
	struct perr err = PERR_INIT;
	unsigned char bad[sizeof(side_module)];

	CHECK_INT(inspect_copy(side_module, sizeof(side_module), &ni, &err), 0);
	if (err.code)
		fprintf(stderr, "side module: %s\n", err.msg);
	CHECK_INT(ni.format, NATIVE_WASM);
	CHECK_INT(ni.n_needed, 2);
	CHECK(has(ni.needed, ni.n_needed, "libfoo.so") && has(ni.needed, ni.n_needed, "env"));
	CHECK_INT(ni.n_pyinit, 1);
	CHECK(has(ni.pyinit, ni.n_pyinit, "x"));
	/* its imported memory: 1 page, no maximum; no mem_info */
	CHECK(ni.wasm_mem_min == 65536 && ni.wasm_mem_max == -1 && ni.wasm_data == 0);
	{
		/* dylink.0 mem_info (1024 bytes of data) and a defined memory of
		 * 2 to 16 pages */
		static const unsigned char mem[] = {
			0x00, 'a', 's', 'm', 0x01, 0x00, 0x00, 0x00,
			0x00, 0x10, 0x08, 'd', 'y', 'l', 'i', 'n', 'k', '.', '0',
			0x01, 0x05, 0x80, 0x08, 0x02, 0x00, 0x00,
			0x05, 0x04, 0x01, 0x01, 0x02, 0x10,
		};
		CHECK_INT(inspect_copy(mem, sizeof(mem), &ni, &err), 0);
		CHECK(ni.wasm_data == 1024);
		CHECK(ni.wasm_mem_min == 2 * 65536 && ni.wasm_mem_max == 16 * 65536);
	}
	/* huge import count */
	memcpy(bad, side_module, sizeof(bad));
	bad[8 + 24 + 6 + 2] = 0xff; /* import count byte -> needs continuation */
	CHECK_INT(inspect_copy(bad, sizeof(bad), &ni, &err), PM_INPUT);
	CHECK(strstr(err.msg, "malformed wasm section 2") != NULL);
	wasm_fixtures(dir);
}

/* ---- names ---- */

static void modname(const char *path, int want, const char *mod, const char *abi)
{
	const char *m = NULL, *a = NULL;
	int got = native_module_name(&A, path, &m, &a);

	if (got != want)
		fprintf(stderr, "native_module_name('%s') = %d\n", path, got);
	CHECK_INT(got, want);
	CHECK_STR(m, mod);
	CHECK_STR(a, abi);
}

static void test_names(void)
{
	modname("pkg/_x.cpython-311-x86_64-linux-gnu.so", 1, "pkg._x", "cpython-311-x86_64-linux-gnu");
	modname("a/b/_rust.abi3.so", 1, "a.b._rust", "abi3");
	modname("pkg/_x.cpython-313-wasm32-wasi.so", 1, "pkg._x", "cpython-313-wasm32-wasi");
	modname("_x.cpython-312-darwin.so", 1, "_x", "cpython-312-darwin");
	modname("pkg/_x.cp311-win_amd64.pyd", 1, "pkg._x", "cp311-win_amd64");
	modname("x.pyd", 1, "x", NULL);
	modname("x.so", 1, "x", NULL);
	modname("x.wasm", 1, "x", NULL);
	modname("pkg/__init__.cpython-311-x86_64-linux-gnu.so", 1, "pkg", "cpython-311-x86_64-linux-gnu");
	modname("a/pkg/__init__.so", 1, "a.pkg", NULL);
	modname("__init__.so", 0, NULL, NULL);
	modname("pkg/libfoo.so", 1, "pkg.libfoo", NULL);
	modname("libfoo.so.1", 0, NULL, NULL);
	modname(".libs/libssl-abc.so.3", 0, NULL, NULL);
	modname(".libs/libssl.so", 0, NULL, NULL);
	modname("numpy.libs/libopenblas.so", 0, NULL, NULL);
	modname("pkg/libssl-abc.so", 0, NULL, NULL);
	modname("pkg/x.dylib", 0, NULL, NULL);
	modname("pkg/1x.so", 0, NULL, NULL);
	modname("/abs/x.so", 0, NULL, NULL);
	modname("pkg/x.bad tag.so", 0, NULL, NULL);
	modname(".so", 0, NULL, NULL);
	modname("pkg/.so", 0, NULL, NULL);

	CHECK_STR(native_format_name(NATIVE_MACHO_FAT), "mach-o-fat");
	CHECK_STR(native_format_name(NATIVE_WASM), "wasm");
	CHECK_STR(native_flavor_name(FLAVOR_PYO3), "pyo3");
	CHECK_STR(native_flavor_name(FLAVOR_MYPYC), "mypyc");
	CHECK_INT(native_sniff((const unsigned char *)"#!/bin/sh\n", 10), NATIVE_NONE);
	CHECK_INT(native_sniff((const unsigned char *)"\x7f" "EL", 3), NATIVE_NONE);
}

/* ---- hostile inputs ---- */


static void hostile(const char *what, const unsigned char *good, size_t n, enum native_format fmt,
		    int iters)
{
	unsigned char *b = malloc(n);
	struct native_info ni;
	struct perr err = PERR_INIT;
	int bad_rc = 0, bad_fmt = 0, short_ok = 0;

	for (size_t cut = 0; cut < n; cut++) {
		int rc = inspect_copy(good, cut, &ni, &err);
		bad_rc += rc != 0 && rc != PM_INPUT;
		if (cut >= 8)
			bad_fmt += ni.format != fmt;
		short_ok += cut < 4 && rc == 0;
	}
	for (int it = 0; it < iters * fuzz_scale; it++) {
		int flips = 1 + (int)(next_rand() % 8), rc;
		memcpy(b, good, n);
		for (int k = 0; k < flips; k++) {
			size_t at = next_rand() % (k & 1 ? n : (n < 512 ? n : 512));
			b[at] ^= (unsigned char)(1 + next_rand() % 255);
		}
		rc = native_inspect(b, n, &A, &ni, &err);
		bad_rc += rc != 0 && rc != PM_INPUT;
		/* a flip may also set a count to a huge value: still bounded */
	}
	if (bad_rc || bad_fmt || short_ok)
		fprintf(stderr, "hostile %s: bad rc %d, bad format %d, short ok %d\n", what, bad_rc,
			bad_fmt, short_ok);
	CHECK_INT(bad_rc, 0);
	CHECK_INT(bad_fmt, 0);
	CHECK_INT(short_ok, 0);
	free(b);
}

static void test_hostile(void)
{
	static unsigned char b[0x3000];
	struct native_info ni;
	struct perr err = PERR_INIT;
	size_t n;

	n = build_elf(b, 1, 0, 62, 1);
	hostile("elf64", b, n, NATIVE_ELF, 1500);
	n = build_elf(b, 0, 1, 20, 1);
	hostile("elf32be", b, n, NATIVE_ELF, 500);
	n = build_elf(b, 1, 0, 62, 0);
	hostile("elf64 segments", b, n, NATIVE_ELF, 500);
	n = build_macho(b, 1, 0, 0x0100000c, 1, 1);
	hostile("macho", b, n, NATIVE_MACHO, 1500);
	n = build_pe(b, 1, 0x8664);
	hostile("pe", b, n, NATIVE_PE, 1500);
	hostile("wasm", side_module, sizeof(side_module), NATIVE_WASM, 1500);
	n = 0x2000 + build_fat(b);
	hostile("fat", b, n, NATIVE_MACHO_FAT, 500);

	/* huge counts */
	n = build_elf(b, 1, 0, 62, 1);
	put16(b, 60, 0xffff, 0);
	CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);
	CHECK(strstr(err.msg, "truncated ELF section headers") != NULL);
	CHECK_INT(ni.format, NATIVE_ELF);
	CHECK_STR(ni.machine, "x86_64");
	n = build_elf(b, 1, 0, 62, 1);
	put64(b, 0x600 + 3 * 64 + 32, UINT64_MAX - 7, 0); /* .dynsym size */
	CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);
	n = build_elf(b, 1, 0, 62, 1);
	put64(b, 40, UINT64_MAX - 100, 0); /* e_shoff */
	CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);

	n = build_macho(b, 1, 0, 0x0100000c, 1, 1);
	put32(b, 16, 0xffffffff, 0); /* ncmds */
	CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);
	CHECK_INT(ni.format, NATIVE_MACHO);
	n = build_macho(b, 1, 0, 0x0100000c, 1, 0);
	put32(b, 20, 0xfffffff0, 0); /* sizeofcmds */
	CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);
	CHECK(strstr(err.msg, "truncated Mach-O load commands") != NULL);

	n = build_pe(b, 1, 0x8664);
	put16(b, 0x84 + 2, 0xffff, 0); /* NumberOfSections */
	CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);
	n = build_pe(b, 1, 0x8664);
	put32(b, 0x200 + 0x100 + 24, 0xffffffff, 0); /* NumberOfNames */
	CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);
	CHECK_INT(ni.format, NATIVE_PE);

	/* a Mach-O export trie that loops back to its root */
	{
		/* two "_PyInit_" edges back to the root: exponential unless capped */
		static const unsigned char loop[] = { 0x00, 0x02, '_', 'P', 'y', 'I', 'n', 'i', 't', '_', 0x00, 0x00,
						      '_', 'P', 'y', 'I', 'n', 'i', 't', '_', 0x00, 0x00 };
		n = build_macho(b, 1, 0, 0x0100000c, 0, 1);
		memcpy(b + 0x600, loop, sizeof(loop));
		CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);
		CHECK(strstr(err.msg, "export trie") != NULL);
	}
	{
		/* 255 "_PyInit_" edges back to the root, 2,552 bytes: before each
		 * node was parsed once, this was 65,536 visits of 255 edges each
		 * (2.8 s for a 22 KB file the fuzzer found); now the root's
		 * second visit refuses it */
		size_t at = 0x600, lc = 0;
		n = build_macho(b, 1, 0, 0x0100000c, 0, 1);
		for (size_t k = 32; k + 16 < 0x400; k += 4)
			if (b[k] == 0x33 && b[k + 3] == 0x80) {
				lc = k;
				break;
			}
		CHECK(lc != 0);
		b[at++] = 0x00;
		b[at++] = 0xff;
		for (int k = 0; k < 255; k++) {
			memcpy(b + at, "_PyInit_", 9);
			at += 9;
			b[at++] = 0x00;
		}
		put32(b, lc + 12, (uint32_t)(at - 0x600), 0);
		n = at;
		CHECK_INT(inspect_copy(b, n, &ni, &err), PM_INPUT);
		CHECK(strstr(err.msg, "export trie: node 0 is reached twice") != NULL);
	}
	CHECK_INT(inspect_copy((const unsigned char *)"hello world", 11, &ni, &err), PM_INPUT);
	CHECK_INT(ni.format, NATIVE_NONE);
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : getenv("PYMODE_NATIVE_FIXTURES");
	char *own = NULL;

	if (getenv("PYMODE_NATIVE_FUZZ") && atoi(getenv("PYMODE_NATIVE_FUZZ")) > 0)
		fuzz_scale = atoi(getenv("PYMODE_NATIVE_FUZZ"));

	if (!dir) {
		/* $(O)/tests/unit/test_native -> $(O)/fixtures/native */
		const char *slash = strrchr(argv[0], '/');
		size_t len = slash ? (size_t)(slash - argv[0]) : 1;
		own = xmalloc(len + 32);
		snprintf(own, len + 32, "%.*s/../../fixtures/native", (int)len, slash ? argv[0] : ".");
		dir = own;
	}
	test_names();
	test_elf_synthetic();
	test_elf_real();
	test_macho();
	test_pe();
	test_wasm(dir);
	test_hostile();
	free(own);
	arena_release(&A);
	return TEST_DONE("test_native");
}
