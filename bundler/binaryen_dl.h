/* binaryen_dl.h: libbinaryen, opened on first use (common/dl.c), only in
 * the child process that inspects a module (wasm.c). Include it instead of
 * <binaryen-c.h>: the Binaryen* calls below go through pm_binaryen, which
 * pm_binaryen_load fills. Linked, its C++ relocations and static
 * constructors cost every run about 12 ms before main. */
#ifndef PYMODE_BINARYEN_DL_H
#define PYMODE_BINARYEN_DL_H

#include "../common/common.h"

#include <binaryen-c.h>

#define PM_BINARYEN_FUNCS(X) \
	X(BinaryenModuleRead) X(BinaryenModuleValidate) X(BinaryenModuleGetFeatures) \
	X(BinaryenModuleSetFeatures) X(BinaryenFeatureAtomics) X(BinaryenSetOptimizeLevel) \
	X(BinaryenSetShrinkLevel) X(BinaryenModuleOptimize) X(BinaryenModuleAllocateAndWrite) \
	X(BinaryenGetNumFunctions) X(BinaryenGetFunctionByIndex) X(BinaryenFunctionImportGetModule) \
	X(BinaryenGetNumGlobals) X(BinaryenGetGlobalByIndex) X(BinaryenGlobalImportGetModule) \
	X(BinaryenGetNumTables) X(BinaryenGetTableByIndex) X(BinaryenTableImportGetModule) \
	X(BinaryenGetNumExports) X(BinaryenGetNumMemorySegments) X(BinaryenGetMemorySegmentByteLength)

struct pm_binaryen_fns {
#define PM_BINARYEN_MEMBER(f) __typeof__(&f) f;
	PM_BINARYEN_FUNCS(PM_BINARYEN_MEMBER)
#undef PM_BINARYEN_MEMBER
};
extern struct pm_binaryen_fns pm_binaryen;
/* 0 once libbinaryen is loaded; PM_INPUT naming the library otherwise. */
int pm_binaryen_load(struct perr *err);

#ifndef PM_BINARYEN_DL_IMPL
#define BinaryenModuleRead pm_binaryen.BinaryenModuleRead
#define BinaryenModuleValidate pm_binaryen.BinaryenModuleValidate
#define BinaryenModuleGetFeatures pm_binaryen.BinaryenModuleGetFeatures
#define BinaryenModuleSetFeatures pm_binaryen.BinaryenModuleSetFeatures
#define BinaryenFeatureAtomics pm_binaryen.BinaryenFeatureAtomics
#define BinaryenSetOptimizeLevel pm_binaryen.BinaryenSetOptimizeLevel
#define BinaryenSetShrinkLevel pm_binaryen.BinaryenSetShrinkLevel
#define BinaryenModuleOptimize pm_binaryen.BinaryenModuleOptimize
#define BinaryenModuleAllocateAndWrite pm_binaryen.BinaryenModuleAllocateAndWrite
#define BinaryenGetNumFunctions pm_binaryen.BinaryenGetNumFunctions
#define BinaryenGetFunctionByIndex pm_binaryen.BinaryenGetFunctionByIndex
#define BinaryenFunctionImportGetModule pm_binaryen.BinaryenFunctionImportGetModule
#define BinaryenGetNumGlobals pm_binaryen.BinaryenGetNumGlobals
#define BinaryenGetGlobalByIndex pm_binaryen.BinaryenGetGlobalByIndex
#define BinaryenGlobalImportGetModule pm_binaryen.BinaryenGlobalImportGetModule
#define BinaryenGetNumTables pm_binaryen.BinaryenGetNumTables
#define BinaryenGetTableByIndex pm_binaryen.BinaryenGetTableByIndex
#define BinaryenTableImportGetModule pm_binaryen.BinaryenTableImportGetModule
#define BinaryenGetNumExports pm_binaryen.BinaryenGetNumExports
#define BinaryenGetNumMemorySegments pm_binaryen.BinaryenGetNumMemorySegments
#define BinaryenGetMemorySegmentByteLength pm_binaryen.BinaryenGetMemorySegmentByteLength
#endif

#endif
