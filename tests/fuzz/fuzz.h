/* fuzz.h: what every libFuzzer harness in tests/fuzz/ includes. Each
 * harness feeds one parser (or a family of them) arbitrary bytes and
 * releases everything, so ASan and LeakSanitizer see every fault. Built and
 * run by `make fuzz` (clang -fsanitize=fuzzer,address). */
#ifndef PYMODE_FUZZ_H
#define PYMODE_FUZZ_H
#include "../../resolver/resolve.h"
#include "../../scanner/scanner.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the input as a NUL-terminated string (for parsers that take one) */
static inline char *fuzz_cstr(const uint8_t *d, size_t n)
{
	char *s = xmalloc(n + 1);
	memcpy(s, d, n);
	s[n] = 0;
	return s;
}
#endif
