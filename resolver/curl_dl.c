/* curl_dl.c: fills pm_curl from libcurl.so.4 the first time it is asked. */
#define PM_CURL_DL_IMPL
#include "curl_dl.h"

struct pm_curl_fns pm_curl;

int pm_curl_load(struct perr *err)
{
	static struct pm_dl lib = { .soname = "libcurl.so.4", .package = "libcurl4" };
	static int loaded;

	if (loaded)
		return 0;
	if (pm_dl_open(&lib, err))
		return err->code;
#define PM_CURL_SYM(f) \
	if (!(pm_curl.f = (__typeof__(pm_curl.f))pm_dl_sym(&lib, #f, err))) \
		return err->code;
	PM_CURL_FUNCS(PM_CURL_SYM)
#undef PM_CURL_SYM
	loaded = 1;
	return 0;
}
