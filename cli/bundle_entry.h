/* bundle_entry.h: the entry, the project root and the module root of
 * `pymode-bundle` (bundle_entry.c). Strings live in the arena given, except
 * file, which bundle_start_release frees. */
#ifndef PYMODE_BUNDLE_ENTRY_H
#define PYMODE_BUNDLE_ENTRY_H

#include "cli.h"
#include "../polyfill-db/rules.h"
#include "../bundler/bundler.h"

struct bundle_start {
	char *file;               /* the entry file (malloc'd) */
	const char *how;          /* "--entry", "main in wrangler.jsonc",
				     "[tool.pymode] main", "src/entry.py" */
	const char *project;      /* the project root: APP_DIR, the folder of its config */
	const char *entry_dir;    /* the entry's folder */
	const char *module_root;  /* the folder the app's modules are named from */
	const char *module;       /* the entry's module from module_root ("src.entry") */
	const char *entry_package;/* the entry's folder as a package from module_root
				     ("src") when the runtime also imports from
				     that folder; NULL when it is module_root */
	struct wrangler_config wr;
	int has_wrangler;
	const char *pyproject_path; /* the project's pyproject.toml, read once (arena):
				       NULL when there is none or it cannot be read */
	const char *pyproject;
	size_t pyproject_len;
};

/* Finds the entry in app: --entry (given), the wrangler config's main,
 * [tool.pymode] main / entry, entry.py, main.py, src/entry.py,
 * src/worker.py. 0, or PM_INPUT naming every place it looked. */
int bundle_start_find(struct bundle_start *be, const char *app, const char *given, struct arena *a,
		      struct perr *err);
/* The module root and names for target t: the project root when the
 * runtime imports from it (app_paths: project), else the entry's folder. */
int bundle_start_layout(struct bundle_start *be, const struct target_info *t, struct arena *a,
			struct perr *err);
/* A Worker project (cf-python-workers): the folder in OUTDIR that main's
 * files go to, as the wrangler config names it ("src"), "src" when there
 * is no config, "." when main is at the project root. */
const char *bundle_start_worker_dir(const struct bundle_start *be, struct arena *a);
/* The project files OUTDIR holds beside it: the wrangler config as it is
 * (main keeps its path), or one written for the entry (compatibility_date
 * date: the profile's), and pyproject.toml when there is one. */
const struct bundle_file *bundle_start_project_files(const struct bundle_start *be, struct arena *a,
						     const char *date, size_t *n);
/* CPython 3.13's stdlib: --stdlib (given), $PYMODE_STDLIB, a python3.13 on
 * PATH, then pyenv's versions. A malloc'd path or NULL; *how says which. */
char *bundle_find_stdlib(const char *given, const char **how);
/* The stdlib zip of a profile's Pyodide: python_stdlib.zip of its npm
 * package (select.pyodide_npm, "pyodide-314") in the node_modules beside
 * the binary's tree; malloc'd, or NULL when not installed. */
char *bundle_runtime_stdlib(const char *npm);
/* The app's name for the report: the wrangler config's name, pyproject's
 * [project] name, else the project folder's name. In a. */
const char *bundle_start_app_name(const struct bundle_start *be, struct arena *a);
void bundle_start_release(struct bundle_start *be);

#endif
