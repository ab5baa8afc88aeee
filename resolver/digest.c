/* digest.c: the hash algorithms pip names in --hash values and URL
 * fragments (#md5=, #sha1=, ... #sha512=): MD5 per RFC 1321, SHA-1,
 * SHA-224, SHA-384 and SHA-512 per FIPS 180-4, and SHA-256 through
 * scanner/sha256.c (SHA-224 is its compression function from another
 * initial value). Hex digests out. No I/O: files are hashed by cache.c.
 */
#include "resolve.h"

#include <string.h>

static const char *const names[DIGEST_N] = {
	"md5", "sha1", "sha224", "sha256", "sha384", "sha512",
};
static const size_t sizes[DIGEST_N] = { 16, 20, 28, 32, 48, 64 };

int digest_algo_find(const char *name, size_t n)
{
	for (int i = 0; i < DIGEST_N; i++)
		if (strlen(names[i]) == n && !memcmp(names[i], name, n))
			return i;
	return -1;
}

const char *digest_name(enum digest_algo a)
{
	return names[a];
}

size_t digest_hex_len(enum digest_algo a)
{
	return 2 * sizes[a];
}

/* ---- MD5 (RFC 1321) ---- */

#define ROL32(x, n) (((x) << (n)) | ((x) >> (32 - (n))))

static void md5_block(uint32_t h[4], const unsigned char *p)
{
	/* T[i] = floor(2^32 * |sin(i + 1)|), RFC 1321 3.4 */
	static const uint32_t t[64] = {
		0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
		0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
		0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
		0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
		0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
		0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
		0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
		0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
	};
	static const unsigned char s[4][4] = {
		{ 7, 12, 17, 22 }, { 5, 9, 14, 20 }, { 4, 11, 16, 23 }, { 6, 10, 15, 21 },
	};
	uint32_t x[16], a = h[0], b = h[1], c = h[2], d = h[3];

	for (int i = 0; i < 16; i++) /* little-endian words */
		x[i] = (uint32_t)p[4 * i] | (uint32_t)p[4 * i + 1] << 8 |
		       (uint32_t)p[4 * i + 2] << 16 | (uint32_t)p[4 * i + 3] << 24;
	for (int i = 0; i < 64; i++) {
		int round = i / 16;
		uint32_t f;
		int k;
		switch (round) {
		case 0: f = (b & c) | (~b & d), k = i; break;
		case 1: f = (b & d) | (c & ~d), k = (5 * i + 1) & 15; break;
		case 2: f = b ^ c ^ d, k = (3 * i + 5) & 15; break;
		default: f = c ^ (b | ~d), k = (7 * i) & 15; break;
		}
		uint32_t tmp = d;
		d = c;
		c = b;
		b = b + ROL32(a + f + x[k] + t[i], s[round][i & 3]);
		a = tmp;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d;
}

/* ---- SHA-1 (FIPS 180-4 6.1) ---- */

static void sha1_block(uint32_t h[5], const unsigned char *p)
{
	uint32_t w[80], a = h[0], b = h[1], c = h[2], d = h[3], e = h[4];

	for (int i = 0; i < 16; i++)
		w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
		       (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
	for (int i = 16; i < 80; i++)
		w[i] = ROL32(w[i - 3] ^ w[i - 8] ^ w[i - 14] ^ w[i - 16], 1);
	for (int i = 0; i < 80; i++) {
		uint32_t f, k;
		if (i < 20)
			f = (b & c) | (~b & d), k = 0x5a827999;
		else if (i < 40)
			f = b ^ c ^ d, k = 0x6ed9eba1;
		else if (i < 60)
			f = (b & c) | (b & d) | (c & d), k = 0x8f1bbcdc;
		else
			f = b ^ c ^ d, k = 0xca62c1d6;
		uint32_t t = ROL32(a, 5) + f + e + k + w[i];
		e = d, d = c, c = ROL32(b, 30), b = a, a = t;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e;
}

/* ---- SHA-512 and SHA-384 (FIPS 180-4 6.4, 6.5) ---- */

#define ROR64(x, n) (((x) >> (n)) | ((x) << (64 - (n))))

static void sha512_block(uint64_t h[8], const unsigned char *p)
{
	/* FIPS 180-4 4.2.3 */
	static const uint64_t k[80] = {
		0x428a2f98d728ae22ULL, 0x7137449123ef65cdULL, 0xb5c0fbcfec4d3b2fULL, 0xe9b5dba58189dbbcULL,
		0x3956c25bf348b538ULL, 0x59f111f1b605d019ULL, 0x923f82a4af194f9bULL, 0xab1c5ed5da6d8118ULL,
		0xd807aa98a3030242ULL, 0x12835b0145706fbeULL, 0x243185be4ee4b28cULL, 0x550c7dc3d5ffb4e2ULL,
		0x72be5d74f27b896fULL, 0x80deb1fe3b1696b1ULL, 0x9bdc06a725c71235ULL, 0xc19bf174cf692694ULL,
		0xe49b69c19ef14ad2ULL, 0xefbe4786384f25e3ULL, 0x0fc19dc68b8cd5b5ULL, 0x240ca1cc77ac9c65ULL,
		0x2de92c6f592b0275ULL, 0x4a7484aa6ea6e483ULL, 0x5cb0a9dcbd41fbd4ULL, 0x76f988da831153b5ULL,
		0x983e5152ee66dfabULL, 0xa831c66d2db43210ULL, 0xb00327c898fb213fULL, 0xbf597fc7beef0ee4ULL,
		0xc6e00bf33da88fc2ULL, 0xd5a79147930aa725ULL, 0x06ca6351e003826fULL, 0x142929670a0e6e70ULL,
		0x27b70a8546d22ffcULL, 0x2e1b21385c26c926ULL, 0x4d2c6dfc5ac42aedULL, 0x53380d139d95b3dfULL,
		0x650a73548baf63deULL, 0x766a0abb3c77b2a8ULL, 0x81c2c92e47edaee6ULL, 0x92722c851482353bULL,
		0xa2bfe8a14cf10364ULL, 0xa81a664bbc423001ULL, 0xc24b8b70d0f89791ULL, 0xc76c51a30654be30ULL,
		0xd192e819d6ef5218ULL, 0xd69906245565a910ULL, 0xf40e35855771202aULL, 0x106aa07032bbd1b8ULL,
		0x19a4c116b8d2d0c8ULL, 0x1e376c085141ab53ULL, 0x2748774cdf8eeb99ULL, 0x34b0bcb5e19b48a8ULL,
		0x391c0cb3c5c95a63ULL, 0x4ed8aa4ae3418acbULL, 0x5b9cca4f7763e373ULL, 0x682e6ff3d6b2b8a3ULL,
		0x748f82ee5defb2fcULL, 0x78a5636f43172f60ULL, 0x84c87814a1f0ab72ULL, 0x8cc702081a6439ecULL,
		0x90befffa23631e28ULL, 0xa4506cebde82bde9ULL, 0xbef9a3f7b2c67915ULL, 0xc67178f2e372532bULL,
		0xca273eceea26619cULL, 0xd186b8c721c0c207ULL, 0xeada7dd6cde0eb1eULL, 0xf57d4f7fee6ed178ULL,
		0x06f067aa72176fbaULL, 0x0a637dc5a2c898a6ULL, 0x113f9804bef90daeULL, 0x1b710b35131c471bULL,
		0x28db77f523047d84ULL, 0x32caab7b40c72493ULL, 0x3c9ebe0a15c9bebcULL, 0x431d67c49c100d4cULL,
		0x4cc5d4becb3e42b6ULL, 0x597f299cfc657e2aULL, 0x5fcb6fab3ad6faecULL, 0x6c44198c4a475817ULL,
	};
	uint64_t w[80], a, b, c, d, e, f, g, hh;

	for (int i = 0; i < 16; i++) {
		w[i] = 0;
		for (int j = 0; j < 8; j++)
			w[i] = w[i] << 8 | p[8 * i + j];
	}
	for (int i = 16; i < 80; i++) {
		uint64_t s0 = ROR64(w[i - 15], 1) ^ ROR64(w[i - 15], 8) ^ (w[i - 15] >> 7);
		uint64_t s1 = ROR64(w[i - 2], 19) ^ ROR64(w[i - 2], 61) ^ (w[i - 2] >> 6);
		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], hh = h[7];
	for (int i = 0; i < 80; i++) {
		uint64_t t1 = hh + (ROR64(e, 14) ^ ROR64(e, 18) ^ ROR64(e, 41)) + ((e & f) ^ (~e & g)) +
			      k[i] + w[i];
		uint64_t t2 = (ROR64(a, 28) ^ ROR64(a, 34) ^ ROR64(a, 39)) + ((a & b) ^ (a & c) ^ (b & c));
		hh = g, g = f, f = e, e = d + t1, d = c, c = b, b = a, a = t1 + t2;
	}
	h[0] += a, h[1] += b, h[2] += c, h[3] += d, h[4] += e, h[5] += f, h[6] += g, h[7] += hh;
}

/* ---- one interface ---- */

static size_t block_size(enum digest_algo a)
{
	return a == DIGEST_SHA384 || a == DIGEST_SHA512 ? 128 : 64;
}

static void compress(struct digest *d, const unsigned char *p)
{
	switch (d->algo) {
	case DIGEST_MD5: md5_block(d->u.h32, p); break;
	case DIGEST_SHA1: sha1_block(d->u.h32, p); break;
	case DIGEST_SHA384:
	case DIGEST_SHA512: sha512_block(d->u.h64, p); break;
	default: break; /* SHA-224/256 go through struct sha256 */
	}
}

void digest_init(struct digest *d, enum digest_algo a)
{
	static const uint32_t md5_iv[4] = { 0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476 };
	static const uint32_t sha1_iv[5] = {
		0x67452301, 0xefcdab89, 0x98badcfe, 0x10325476, 0xc3d2e1f0,
	};
	static const uint32_t sha224_iv[8] = { /* FIPS 180-4 5.3.2 */
		0xc1059ed8, 0x367cd507, 0x3070dd17, 0xf70e5939,
		0xffc00b31, 0x68581511, 0x64f98fa7, 0xbefa4fa4,
	};
	static const uint64_t sha384_iv[8] = { /* 5.3.4 */
		0xcbbb9d5dc1059ed8ULL, 0x629a292a367cd507ULL, 0x9159015a3070dd17ULL, 0x152fecd8f70e5939ULL,
		0x67332667ffc00b31ULL, 0x8eb44a8768581511ULL, 0xdb0c2e0d64f98fa7ULL, 0x47b5481dbefa4fa4ULL,
	};
	static const uint64_t sha512_iv[8] = { /* 5.3.5 */
		0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
		0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
	};

	memset(d, 0, sizeof(*d));
	d->algo = a;
	switch (a) {
	case DIGEST_MD5: memcpy(d->u.h32, md5_iv, sizeof(md5_iv)); break;
	case DIGEST_SHA1: memcpy(d->u.h32, sha1_iv, sizeof(sha1_iv)); break;
	case DIGEST_SHA224:
		sha256_init(&d->u.s256);
		memcpy(d->u.s256.h, sha224_iv, sizeof(sha224_iv));
		break;
	case DIGEST_SHA256: sha256_init(&d->u.s256); break;
	case DIGEST_SHA384: memcpy(d->u.h64, sha384_iv, sizeof(sha384_iv)); break;
	case DIGEST_SHA512: memcpy(d->u.h64, sha512_iv, sizeof(sha512_iv)); break;
	default: break;
	}
}

void digest_update(struct digest *d, const void *data, size_t n)
{
	const unsigned char *p = data;
	size_t bs = block_size(d->algo);

	if (d->algo == DIGEST_SHA224 || d->algo == DIGEST_SHA256) {
		sha256_update(&d->u.s256, data, n);
		return;
	}
	d->len += n;
	while (n) {
		size_t take = bs - d->buflen < n ? bs - d->buflen : n;
		if (!d->buflen && n >= bs) { /* whole blocks straight from the input */
			compress(d, p);
			take = bs;
		} else {
			memcpy(d->buf + d->buflen, p, take);
			d->buflen += take;
			if (d->buflen == bs) {
				compress(d, d->buf);
				d->buflen = 0;
			}
		}
		p += take;
		n -= take;
	}
}

void digest_final_hex(struct digest *d, char *out)
{
	unsigned char md[64];
	size_t bs = block_size(d->algo), lenbytes = bs / 8, size = sizes[d->algo];
	uint64_t bits = d->len * 8;

	if (d->algo == DIGEST_SHA224 || d->algo == DIGEST_SHA256) {
		sha256_final(&d->u.s256, md); /* SHA-224: the first 7 words */
	} else {
		/* 0x80, zeros, then the length in bits: 64 bits little-endian
		 * for MD5, big-endian for SHA-1, 128 big-endian for SHA-384/512
		 * (the high 64 always 0 here) */
		d->buf[d->buflen++] = 0x80;
		if (d->buflen > bs - lenbytes) {
			memset(d->buf + d->buflen, 0, bs - d->buflen);
			compress(d, d->buf);
			d->buflen = 0;
		}
		memset(d->buf + d->buflen, 0, bs - d->buflen);
		for (int i = 0; i < 8; i++)
			d->buf[bs - 8 + i] = d->algo == DIGEST_MD5 ? (unsigned char)(bits >> (8 * i))
				: (unsigned char)(bits >> (56 - 8 * i));
		compress(d, d->buf);
		for (size_t i = 0; i < size; i++) {
			if (d->algo == DIGEST_MD5)
				md[i] = (unsigned char)(d->u.h32[i / 4] >> (8 * (i % 4)));
			else if (d->algo == DIGEST_SHA1)
				md[i] = (unsigned char)(d->u.h32[i / 4] >> (24 - 8 * (i % 4)));
			else
				md[i] = (unsigned char)(d->u.h64[i / 8] >> (56 - 8 * (i % 8)));
		}
	}
	for (size_t i = 0; i < size; i++) {
		out[2 * i] = "0123456789abcdef"[md[i] >> 4];
		out[2 * i + 1] = "0123456789abcdef"[md[i] & 15];
	}
	out[2 * size] = '\0';
}

void digest_hex(enum digest_algo a, const void *data, size_t n, char *out)
{
	struct digest d;

	digest_init(&d, a);
	digest_update(&d, data, n);
	digest_final_hex(&d, out);
}
