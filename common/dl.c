/* dl.c: shared libraries opened on first use. A library linked into the
 * binary costs every run its relocations before main (libbinaryen and
 * libcurl with theirs: about 20 of the 25 ms `pymode-pkg --version` took),
 * while only runs that fetch or inspect wasm call into them. */
#include "common.h"

#include <dlfcn.h>
#include <stdio.h>

int pm_dl_open(struct pm_dl *lib, struct perr *err)
{
	const char *why;

	if (lib->handle)
		return 0;
	if (!lib->failed[0] && !(lib->handle = dlopen(lib->soname, RTLD_NOW | RTLD_LOCAL))) {
		why = dlerror();
		snprintf(lib->failed, sizeof(lib->failed), "cannot load %s (%s): install Debian's %s package",
			 lib->soname, why ? why : "not found", lib->package);
	}
	return lib->handle ? 0 : perr_set(err, PM_INPUT, "%s", lib->failed);
}

void *pm_dl_sym(struct pm_dl *lib, const char *name, struct perr *err)
{
	void *sym = lib->handle ? dlsym(lib->handle, name) : NULL;

	if (!sym) {
		snprintf(lib->failed, sizeof(lib->failed),
			 "%s has no '%s': not the version this build expects (Debian's %s package)",
			 lib->soname, name, lib->package);
		if (lib->handle)
			dlclose(lib->handle);
		lib->handle = NULL;
		perr_set(err, PM_INPUT, "%s", lib->failed);
	}
	return sym;
}
