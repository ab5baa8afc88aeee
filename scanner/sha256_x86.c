/* sha256_x86.c: the SHA-256 compression function with the x86 SHA
 * extensions (SHA-NI: sha256rnds2, sha256msg1, sha256msg2), for CPUs that
 * have them, and the cpuid test that says so. No padding or buffering here
 * (sha256.c does that and keeps the portable C version). */
#include "scanner.h"

#if (defined(__x86_64__) || defined(__i386__)) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>

int sha256_x86_available(void)
{
	unsigned a, b, c, d;

	/* SSSE3 (pshufb) and SSE4.1 (pblendw, in leaf 1's ecx), SHA (leaf 7's ebx bit 29) */
	if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSSE3) || !(c & bit_SSE4_1))
		return 0;
	if (__get_cpuid_max(0, NULL) < 7)
		return 0;
	__cpuid_count(7, 0, a, b, c, d);
	return (b >> 29) & 1;
}

/* n 64-byte blocks of p into h. The instructions keep the state as two
 * vectors, ABEF and CDGH (A in the highest lane); one sha256rnds2 does two
 * rounds with the two message+constant words in its third operand's low
 * half. The schedule is kept four words to a vector: W[t..t+3] from
 * msg1(W[t-16..], W[t-12..]) + W[t-7..t-4], then msg2 with W[t-4..t-1]. */
__attribute__((target("sha,sse4.1,ssse3")))
void sha256_x86_blocks(uint32_t h[8], const unsigned char *p, size_t n)
{
	const __m128i bswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
	__m128i abef, cdgh, t, w[4];

	t = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[0]), 0xb1);    /* lanes B A D C */
	cdgh = _mm_shuffle_epi32(_mm_loadu_si128((const __m128i *)&h[4]), 0x1b); /* lanes H G F E */
	abef = _mm_alignr_epi8(t, cdgh, 8);                                       /* lanes F E B A */
	cdgh = _mm_blend_epi16(cdgh, t, 0xf0);                                    /* lanes H G D C */

	for (; n; n--, p += 64) {
		__m128i abef0 = abef, cdgh0 = cdgh;

		/* unrolled, so that w[] stays in registers */
#pragma GCC unroll 16
		for (int g = 0; g < 16; g++) { /* rounds 4g .. 4g+3 */
			__m128i m;
			if (g < 4) {
				w[g] = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), bswap);
			} else {
				__m128i x = _mm_sha256msg1_epu32(w[g & 3], w[(g + 1) & 3]);
				x = _mm_add_epi32(x, _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4));
				w[g & 3] = _mm_sha256msg2_epu32(x, w[(g + 3) & 3]);
			}
			m = _mm_add_epi32(w[g & 3], _mm_load_si128((const __m128i *)&sha256_k[4 * g]));
			cdgh = _mm_sha256rnds2_epu32(cdgh, abef, m);
			abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(m, 0x0e));
		}
		abef = _mm_add_epi32(abef, abef0);
		cdgh = _mm_add_epi32(cdgh, cdgh0);
	}

	t = _mm_shuffle_epi32(abef, 0x1b);       /* lanes A B E F */
	cdgh = _mm_shuffle_epi32(cdgh, 0xb1);    /* lanes G H C D */
	abef = _mm_blend_epi16(t, cdgh, 0xf0);   /* lanes A B C D */
	cdgh = _mm_alignr_epi8(cdgh, t, 8);      /* lanes E F G H */
	_mm_storeu_si128((__m128i *)&h[0], abef);
	_mm_storeu_si128((__m128i *)&h[4], cdgh);
}

#else /* not x86, or a compiler without the intrinsics: never chosen */

int sha256_x86_available(void)
{
	return 0;
}

void sha256_x86_blocks(uint32_t h[8], const unsigned char *p, size_t n)
{
	(void)h, (void)p, (void)n;
}

#endif
