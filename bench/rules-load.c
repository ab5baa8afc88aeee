/* rules-load.c: measures loading the default rule database compiled into
 * the binary (rules_open + the first target and module queries, then
 * rules_close) against its 5 ms budget, with a baseline measured in the same
 * run: opening and closing an empty in-memory SQLite database.
 * usage: rules-load [N]   (built and run by bench/rules-load) */
#include "../polyfill-db/rules.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <time.h>

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_d(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return x < y ? -1 : x > y;
}

static double median(double *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_d);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

int main(int argc, char **argv)
{
	int n = argc > 1 ? atoi(argv[1]) : 200;
	double *load, *base, budget = 5.0, m, b;

	if (n < 1 || n > 100000)
		n = 200;
	load = xcalloc(n, sizeof(*load));
	base = xcalloc(n, sizeof(*base));
	for (int i = 0; i < n; i++) {
		struct perr err = PERR_INIT;
		struct target_info t;
		struct module_rule mr;
		struct rules *r;
		sqlite3 *db;
		double t0 = now_ms();

		sqlite3_open(":memory:", &db);
		sqlite3_exec(db, "SELECT 1", NULL, NULL, NULL);
		sqlite3_close(db);
		base[i] = now_ms() - t0;

		t0 = now_ms();
		if (rules_open(&r, NULL, NULL, 0, &err) || rules_target(r, "pymode", &t, &err)) {
			fprintf(stderr, "rules-load: %s\n", err.msg);
			return 3;
		}
		rules_module(r, "pymode", "email.mime.text", &mr);
		rules_close(r);
		load[i] = now_ms() - t0;
	}
	m = median(load, n);
	b = median(base, n);
	printf("rules-load: default database, %d runs\n", n);
	printf("  median load: %.3f ms (%.1f%% of the %.0f ms budget, ratio %.3f)\n", m,
	       100 * m / budget, budget, m / budget);
	printf("  baseline (empty in-memory sqlite open+close): %.3f ms; load/baseline %.1fx\n", b,
	       b > 0 ? m / b : 0);
	free(load);
	free(base);
	return m <= budget ? 0 : 1;
}
