/* test.h: the unit-test harness: CHECK macros that name what was expected
 * and what came, and a closing "N passed, N failed" line. Header-only. */
#ifndef PYMODE_TEST_H
#define PYMODE_TEST_H

#include <stdio.h>
#include <string.h>

static int t_pass, t_fail;

#define CHECK(cond) do { \
	if (cond) t_pass++; \
	else { t_fail++; fprintf(stderr, "%s:%d: failed: %s\n", __FILE__, __LINE__, #cond); } \
} while (0)

#define CHECK_INT(got, want) do { \
	long long g_ = (long long)(got), w_ = (long long)(want); \
	if (g_ == w_) t_pass++; \
	else { t_fail++; fprintf(stderr, "%s:%d: %s: expected %lld, got %lld\n", \
				 __FILE__, __LINE__, #got, w_, g_); } \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if ((!g_ && !w_) || (g_ && w_ && !strcmp(g_, w_))) t_pass++; \
	else { t_fail++; fprintf(stderr, "%s:%d: %s: expected '%s', got '%s'\n", \
				 __FILE__, __LINE__, #got, w_ ? w_ : "(null)", g_ ? g_ : "(null)"); } \
} while (0)

#define TEST_DONE(name) \
	(printf("%s: %d passed, %d failed\n", (name), t_pass, t_fail), t_fail ? 1 : 0)

#endif
