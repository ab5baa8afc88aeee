/* native_int.h: private to native*.c: the bounded-read helpers and the
 * collector the ELF, Mach-O, PE and wasm readers share. Not part of the
 * scanner's public interface; nothing outside scanner/native*.c includes it.
 */
#ifndef PYMODE_NATIVE_INT_H
#define PYMODE_NATIVE_INT_H

#include "scanner.h"

#define NAT_MAX_NAMES 4096   /* cap on needed and PyInit_ entries */
#define NAT_MAX_STR 4096     /* longest name taken from a binary */

/* One inspection in progress. Readers add names through nat_add_*, which
 * dedupe and cap; native_inspect copies them into the arena at the end. */
struct nat_ctx {
	struct arena *a;
	struct native_info *out;
	struct perr *err;
	VEC(const char *) needed;
	VEC(const char *) pyinit;
	struct strmap seen_needed, seen_pyinit; /* dedupe in constant time */
};

/* 1 when [off, off+len) lies inside a buffer of n bytes; overflow-safe. */
static inline int nat_in(size_t n, uint64_t off, uint64_t len)
{
	return off <= n && len <= n - off;
}

static inline uint16_t nat_u16(const unsigned char *p, int be)
{
	return be ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}

static inline uint32_t nat_u32(const unsigned char *p, int be)
{
	if (be)
		return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
	return (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}

static inline uint64_t nat_u64(const unsigned char *p, int be)
{
	uint64_t hi = nat_u32(p + (be ? 0 : 4), be), lo = nat_u32(p + (be ? 4 : 0), be);
	return hi << 32 | lo;
}

/* The NUL-terminated string at buf[off], looked for only before lim (which
 * must be <= the buffer size). Returns NULL when off >= lim, no NUL comes
 * before lim, or the string is longer than NAT_MAX_STR; *len gets its length. */
const char *nat_cstr(const unsigned char *buf, size_t lim, uint64_t off, size_t *len);
/* Reads an unsigned LEB128 of at most 10 bytes at b[*pos], below n.
 * Returns 0 and advances *pos, or -1 when truncated or too long. */
int nat_uleb(const unsigned char *b, size_t n, size_t *pos, uint64_t *out);

void nat_add_needed(struct nat_ctx *c, const char *s, size_t len);
/* sym is the whole exported name; adds the part after "PyInit_" when sym
 * starts with it (after an optional leading '_' when strip_us). */
void nat_add_export(struct nat_ctx *c, const char *sym, size_t len, int strip_us);

/* Per-format readers: fill c->out (format, machine, bits) and the names.
 * Return 0, or PM_INPUT with c->err set. */
int nat_elf(struct nat_ctx *c, const unsigned char *b, size_t n);
int nat_macho(struct nat_ctx *c, const unsigned char *b, size_t n);
int nat_macho_fat(struct nat_ctx *c, const unsigned char *b, size_t n);
int nat_pe(struct nat_ctx *c, const unsigned char *b, size_t n);
int nat_wasm(struct nat_ctx *c, const unsigned char *b, size_t n);

#endif
