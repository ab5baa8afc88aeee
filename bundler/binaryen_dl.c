/* binaryen_dl.c: fills pm_binaryen from libbinaryen.so the first time. */
#define PM_BINARYEN_DL_IMPL
#include "binaryen_dl.h"

struct pm_binaryen_fns pm_binaryen;

int pm_binaryen_load(struct perr *err)
{
	static struct pm_dl lib = { .soname = "libbinaryen.so", .package = "binaryen" };
	static int loaded;

	if (loaded)
		return 0;
	if (pm_dl_open(&lib, err))
		return err->code;
#define PM_BINARYEN_SYM(f) \
	if (!(pm_binaryen.f = (__typeof__(pm_binaryen.f))pm_dl_sym(&lib, #f, err))) \
		return err->code;
	PM_BINARYEN_FUNCS(PM_BINARYEN_SYM)
#undef PM_BINARYEN_SYM
	loaded = 1;
	return 0;
}
