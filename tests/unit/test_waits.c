/* test_waits.c: stdlib-tree-shaker/waits.c: a function gets one id per
 * (module, funcs); found dead it stays dead (not tested again) until a
 * lookup it failed is fired, of each kind (a live name, a tail, a mention,
 * a module's importers, the copier); a fire of something it did not wait
 * on, or a lookup outside a test, wakes nothing; a function tested live is
 * never "dead"; one tested again names its waits afresh. */
#include "../../stdlib-tree-shaker/waits.h"
#include "test.h"

/* a test of id that fails on one lookup */
static void dead_on(struct waits *w, int id, enum wait_kind kind, const char *key, int module)
{
	waits_begin(w, id);
	waits_on(w, kind, key, module);
	waits_end(w, 0);
}

int main(void)
{
	struct waits w = WAITS_INIT;
	int a = waits_func(&w, 3, "^Popen.@wait"), b = waits_func(&w, 3, "main"), c = waits_func(&w, 4, "main");

	CHECK(a >= 1 && b >= 1 && c >= 1 && a != b && b != c && a != c);
	CHECK_INT(waits_func(&w, 3, "^Popen.@wait"), a);
	CHECK(!waits_dead(&w, a)); /* never tested */

	/* each kind wakes what waits on it, and only that */
	dead_on(&w, a, WAIT_LIVE, "Popen", -1);
	dead_on(&w, b, WAIT_TAIL, "main", -1);
	dead_on(&w, c, WAIT_MENTION, "pkg.mod\tmain", -1);
	CHECK(waits_dead(&w, a) && waits_dead(&w, b) && waits_dead(&w, c));
	waits_on(&w, WAIT_LIVE, "other", -1); /* outside a test: nothing */
	waits_fire(&w, WAIT_LIVE, "other", -1);
	waits_fire(&w, WAIT_TAIL, "Popen", -1); /* the right key, the wrong kind */
	waits_fire(&w, WAIT_MODULE, NULL, 3);
	CHECK(waits_dead(&w, a) && waits_dead(&w, b) && waits_dead(&w, c));
	waits_fire(&w, WAIT_LIVE, "Popen", -1);
	CHECK(!waits_dead(&w, a) && waits_dead(&w, b) && waits_dead(&w, c));
	waits_fire(&w, WAIT_TAIL, "main", -1);
	CHECK(!waits_dead(&w, b) && waits_dead(&w, c));
	waits_fire(&w, WAIT_MENTION, "pkg.mod\tmain", -1);
	CHECK(!waits_dead(&w, c));

	/* tested again: dead on new waits; the old ones, fired, are spent */
	dead_on(&w, a, WAIT_MODULE, NULL, 7);
	CHECK(waits_dead(&w, a));
	waits_fire(&w, WAIT_LIVE, "Popen", -1);
	CHECK(waits_dead(&w, a));
	waits_fire(&w, WAIT_MODULE, NULL, 6);
	CHECK(waits_dead(&w, a));
	waits_fire(&w, WAIT_MODULE, NULL, 7);
	CHECK(!waits_dead(&w, a));

	/* the copier; several waits in one test, any of them wakes it */
	waits_begin(&w, b);
	waits_on(&w, WAIT_COPIER, NULL, -1);
	waits_on(&w, WAIT_LIVE, "x", -1);
	waits_on(&w, WAIT_LIVE, "x", -1);
	waits_end(&w, 0);
	CHECK(waits_dead(&w, b));
	waits_fire(&w, WAIT_COPIER, NULL, -1);
	CHECK(!waits_dead(&w, b));
	dead_on(&w, b, WAIT_TAIL, "y", -1);
	waits_fire(&w, WAIT_LIVE, "x", -1); /* an older test's wait: tested once too often */
	CHECK(!waits_dead(&w, b));

	/* live is never dead, whatever fires */
	waits_begin(&w, c);
	waits_end(&w, 1);
	CHECK(!waits_dead(&w, c));

	/* a module past any seen so far */
	dead_on(&w, c, WAIT_MODULE, NULL, 1000);
	waits_fire(&w, WAIT_MODULE, NULL, 999);
	CHECK(waits_dead(&w, c));
	waits_fire(&w, WAIT_MODULE, NULL, 1000);
	CHECK(!waits_dead(&w, c));

	waits_release(&w);
	return TEST_DONE("test_waits");
}
