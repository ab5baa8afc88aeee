/* fuzz_rules.c: the YAML reader the rule files go through. */
#include "fuzz.h"
#include "../../polyfill-db/rules_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *d, size_t n)
{
	struct arena a = ARENA_INIT;
	struct perr err = PERR_INIT;
	struct ynode *root = NULL;

	ytree_parse(&a, "rules.yaml", (const char *)d, n, &root, &err);
	arena_release(&a);
	return 0;
}
