/* wasm.c: wasm variants (python-<variant>.wasm, and the side modules of
 * Pyodide wheels: wasm_wheel.c) through binaryen's C API: validate a
 * module, report its size, memory section, imports and exports, its
 * dylink.0 section (scanner/wasm_dylink.c), and optionally run the -Oz
 * pipeline and write the result. Binaryen runs in
 * a child process per module (see run_child). The memory section's limits
 * come from the scanner's bounded parser (binaryen 108's C API has no memory
 * getters); nothing here prints.
 */
#include "bundler.h"
#include "binaryen_dl.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define WASM_MAX_FILE ((size_t)1 << 30) /* 1 GiB: far past any runtime's limit */

static void count_import(struct wasm_variant_info *info, const char *module)
{
	if (!module)
		return;
	info->n_imports++;
	for (size_t i = 0; i < info->n_import_modules; i++)
		if (!strcmp(info->import_modules[i].name, module)) {
			info->import_modules[i].count++;
			return;
		}
	info->import_modules = xrealloc(info->import_modules,
					(info->n_import_modules + 1) * sizeof *info->import_modules);
	info->import_modules[info->n_import_modules].name = xstrdup(module);
	info->import_modules[info->n_import_modules].count = 1;
	info->n_import_modules++;
}

static void read_module(BinaryenModuleRef m, struct wasm_variant_info *info)
{
	BinaryenIndex n = BinaryenGetNumFunctions(m);
	for (BinaryenIndex i = 0; i < n; i++) {
		const char *mod = BinaryenFunctionImportGetModule(BinaryenGetFunctionByIndex(m, i));
		if (mod && *mod)
			count_import(info, mod);
		else
			info->n_functions++;
	}
	n = BinaryenGetNumGlobals(m);
	for (BinaryenIndex i = 0; i < n; i++) {
		const char *mod = BinaryenGlobalImportGetModule(BinaryenGetGlobalByIndex(m, i));
		if (mod && *mod)
			count_import(info, mod);
	}
	n = BinaryenGetNumTables(m);
	for (BinaryenIndex i = 0; i < n; i++) {
		const char *mod = BinaryenTableImportGetModule(BinaryenGetTableByIndex(m, i));
		if (mod && *mod)
			count_import(info, mod);
	}
	info->n_exports = BinaryenGetNumExports(m);
	info->n_data_segments = BinaryenGetNumMemorySegments(m);
	for (uint32_t i = 0; i < info->n_data_segments; i++)
		info->data_bytes += (long long)BinaryenGetMemorySegmentByteLength(m, i);
}

/* the child's half: binaryen's whole session, results on fd as text:
 * "K V" lines for the numbers, "M count name" per import module; exit 0
 * valid, 2 invalid, 3 the optimised module could not be written, 6
 * libbinaryen could not be loaded ("E why"); binaryen's Fatal() exits 1 */
static void child(char *buf, size_t n, int shared, int optimize, const char *out_path, int fd)
{
	struct wasm_variant_info info;
	struct strbuf sb = STRBUF_INIT;
	struct perr err = PERR_INIT;
	BinaryenModuleRef m;
	int devnull = open("/dev/null", O_WRONLY), rc = 0;

	if (devnull >= 0) {
		dup2(devnull, 1);
		dup2(devnull, 2);
	}
	memset(&info, 0, sizeof info);
	info.optimized_size = -1;
	if (pm_binaryen_load(&err)) {
		strbuf_addf(&sb, "E %s\n", err.msg);
		rc = 6;
		goto send;
	}
	m = BinaryenModuleRead(buf, n);
	/* a shared memory needs threads, which a module without a
	 * target_features section cannot announce */
	if (m && shared)
		BinaryenModuleSetFeatures(m, BinaryenModuleGetFeatures(m) | BinaryenFeatureAtomics());
	if (!m || !BinaryenModuleValidate(m))
		_exit(2);
	read_module(m, &info);
	if (optimize) {
		BinaryenSetOptimizeLevel(2);
		BinaryenSetShrinkLevel(2);
		BinaryenModuleOptimize(m);
		BinaryenModuleAllocateAndWriteResult w = BinaryenModuleAllocateAndWrite(m, NULL);
		info.optimized_size = (long long)w.binaryBytes;
		if (out_path && write_file_atomic(out_path, w.binary, w.binaryBytes, &err))
			rc = 3;
	}
	strbuf_addf(&sb, "imports %zu\nexports %zu\nfunctions %zu\nsegments %zu\ndata %lld\noptimized %lld\n",
		    info.n_imports, info.n_exports, info.n_functions, info.n_data_segments, info.data_bytes,
		    info.optimized_size);
	for (size_t i = 0; i < info.n_import_modules; i++)
		strbuf_addf(&sb, "M %zu %s\n", info.import_modules[i].count, info.import_modules[i].name);
	if (rc)
		strbuf_addf(&sb, "E %s\n", err.msg);
send:
	for (size_t off = 0; off < sb.len;) {
		ssize_t k = write(fd, sb.buf + off, sb.len - off);
		if (k <= 0)
			_exit(4);
		off += (size_t)k;
	}
	_exit(rc);
}

/* parses the child's lines into info; the error line (if any) into err_line */
static void parse_child(char *text, struct wasm_variant_info *info, char *err_line, size_t cap)
{
	for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
		char name[64];
		long long v;
		if (!strncmp(line, "M ", 2)) {
			char *sp = strchr(line + 2, ' ');
			if (!sp)
				continue;
			size_t count = strtoull(line + 2, NULL, 10);
			count_import(info, sp + 1);
			info->n_imports--; /* the "imports" line has the total */
			info->import_modules[info->n_import_modules - 1].count = count;
		} else if (!strncmp(line, "E ", 2)) {
			snprintf(err_line, cap, "%s", line + 2);
		} else if (sscanf(line, "%63s %lld", name, &v) == 2) {
			if (!strcmp(name, "imports")) info->n_imports = (size_t)v;
			else if (!strcmp(name, "exports")) info->n_exports = (size_t)v;
			else if (!strcmp(name, "functions")) info->n_functions = (size_t)v;
			else if (!strcmp(name, "segments")) info->n_data_segments = (size_t)v;
			else if (!strcmp(name, "data")) info->data_bytes = v;
			else if (!strcmp(name, "optimized")) info->optimized_size = v;
		}
	}
}

/* Binaryen reports a malformed body with Fatal() (exit), validation errors
 * on std::cerr, and keeps a thread pool that a fork would inherit locked:
 * so this process never calls it; each module is read, validated and
 * optimised in a fresh child with stdout and stderr closed. Returns the
 * child's exit status (0 valid, 2 invalid, 3 not written), 5 when binaryen's
 * reader gave up (Fatal), -1 when it could not run or died. */
static int run_child(char *buf, size_t n, int shared, int optimize, const char *out_path,
		     struct wasm_variant_info *info, char *err_line, size_t cap)
{
	struct strbuf out = STRBUF_INIT;
	int fds[2], st;
	pid_t pid;
	char tmp[4096];
	ssize_t k;

	if (pipe(fds))
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		close(fds[0]);
		child(buf, n, shared, optimize, out_path, fds[1]);
	}
	close(fds[1]);
	while ((k = read(fds[0], tmp, sizeof tmp)) != 0) {
		if (k < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		strbuf_add(&out, tmp, (size_t)k);
	}
	close(fds[0]);
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR) {
			strbuf_release(&out);
			return -1;
		}
	if (WIFEXITED(st) && (WEXITSTATUS(st) == 0 || WEXITSTATUS(st) == 3 || WEXITSTATUS(st) == 6))
		parse_child(out.buf, info, err_line, cap);
	strbuf_release(&out);
	if (!WIFEXITED(st))
		return -1;
	return WEXITSTATUS(st) == 1 ? 5 : WEXITSTATUS(st); /* Fatal() exits 1: not read */
}

static void add_needed(void *ctx, const char *s, size_t len)
{
	struct wasm_variant_info *info = ctx;
	char *name = xstrndup(s, len);

	/* a hostile module's bytes, printed in reports: control bytes masked */
	for (char *p = name; *p; p++)
		if ((unsigned char)*p < 0x20 || *p == 0x7f)
			*p = '?';
	info->needed = xrealloc(info->needed, (info->n_needed + 1) * sizeof *info->needed);
	info->needed[info->n_needed++] = name;
}

int wasm_variant_inspect_buf(const char *name, const void *buf, size_t n, int optimize,
			     const char *out_path, struct wasm_variant_info *info, struct perr *err)
{
	const unsigned char *b = buf;
	struct native_info ni;
	struct arena a = ARENA_INIT;
	char err_line[sizeof err->msg] = "";
	int rc = 0, st;

	memset(info, 0, sizeof *info);
	info->optimized_size = -1;
	info->size = (long long)n;
	memset(&ni, 0, sizeof ni);
	if (native_sniff(b, n) != NATIVE_WASM)
		return perr_set(err, PM_INPUT, "wasm variant '%s': not a WebAssembly module", name);
	/* before the whole module: its own message says where a dylink.0 breaks */
	if (wasm_dylink_find(b, n, &info->dylink, add_needed, info, err) ||
	    native_inspect(b, n, &a, &ni, err)) {
		rc = perr_wrap(err, "wasm variant '%s'", name);
		goto out;
	}
	st = run_child((char *)buf, n, ni.wasm_mem_shared, optimize, out_path, info, err_line, sizeof err_line);
	if (st == 5) {
		/* binaryen gives up reading it: say so and report what the
		 * scanner's parser read, rather than stop the bundle */
		wasm_variant_info_release(info);
		info->n_imports = info->n_exports = info->n_functions = 0;
		info->unread = 1;
		info->has_memory = ni.wasm_mem_min > 0 || ni.wasm_mem_max != 0;
		info->initial_pages = ni.wasm_mem_min / 65536;
		info->max_pages = ni.wasm_mem_max < 0 ? -1 : ni.wasm_mem_max / 65536;
		info->shared = ni.wasm_mem_shared;
		info->optimized_size = -1;
		goto out;
	}
	if (st < 0 || st == 2 || st == 4 || st == 6) {
		rc = st == 6 ? perr_set(err, PM_INPUT, "wasm variant '%s': %s", name, err_line)
		   : st == 2 ? perr_set(err, PM_INPUT, "wasm variant '%s': binaryen rejects the module (it does not validate)", name)
			     : perr_set(err, PM_INPUT, "wasm variant '%s': binaryen failed on it", name);
		goto out;
	}
	info->valid = 1;
	info->has_memory = ni.wasm_mem_min > 0 || ni.wasm_mem_max != 0;
	info->initial_pages = ni.wasm_mem_min / 65536;
	info->max_pages = ni.wasm_mem_max < 0 ? -1 : ni.wasm_mem_max / 65536;
	info->shared = ni.wasm_mem_shared;
	if (st == 3)
		rc = perr_set(err, PM_INPUT, "optimized wasm variant '%s': %s", out_path, err_line);
out:
	if (!info->valid && !info->unread) {
		wasm_variant_info_release(info);
		info->n_imports = info->n_exports = info->n_functions = 0;
	}
	arena_release(&a);
	return rc;
}

int wasm_variant_inspect(const char *path, int optimize, const char *out_path,
			 struct wasm_variant_info *info, struct perr *err)
{
	struct strbuf sb = STRBUF_INIT;
	int rc;

	memset(info, 0, sizeof *info);
	info->optimized_size = -1;
	if (strbuf_read_file(&sb, path, WASM_MAX_FILE, err)) {
		strbuf_release(&sb);
		return PM_INPUT;
	}
	rc = wasm_variant_inspect_buf(path, sb.buf, sb.len, optimize, out_path, info, err);
	strbuf_release(&sb);
	return rc;
}

void wasm_variant_memory(const struct wasm_variant_info *info, struct native_info *out)
{
	memset(out, 0, sizeof *out);
	out->format = NATIVE_WASM;
	if (info->dylink.present) {
		/* a side module shares the main module's memory: what it adds is
		 * the block the loader reserves for it, which its data segments
		 * fill (mem_info's size holds them, and its bss) */
		out->wasm_data = (long long)info->dylink.mem_size > info->data_bytes ?
				 (long long)info->dylink.mem_size : info->data_bytes;
		return;
	}
	/* a whole runtime: its initial linear memory */
	out->wasm_mem_min = info->initial_pages * 65536;
	out->wasm_data = info->data_bytes;
}

void wasm_variant_info_release(struct wasm_variant_info *info)
{
	for (size_t i = 0; i < info->n_needed; i++)
		free(info->needed[i]);
	free(info->needed);
	info->needed = NULL;
	info->n_needed = 0;
	free(info->archive);
	free(info->member);
	info->archive = info->member = NULL;
	for (size_t i = 0; i < info->n_import_modules; i++)
		free(info->import_modules[i].name);
	free(info->import_modules);
	info->import_modules = NULL;
	info->n_import_modules = 0;
}
