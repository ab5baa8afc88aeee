/* bundle_verify.c: runs bundler/verify/verify_native.py under a host
 * python3.13 and verify_pyodide.mjs under node, each with only the bundle
 * (and stand-ins for what the runtime itself provides) importable, and
 * turns their one-line JSON answer into verify_results. */
#include "bundle_verify.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

struct argv_vec {
	char **v;
	size_t n, alloc;
};

static char *exe_dir(void)
{
	char buf[4096];
	ssize_t n = readlink("/proc/self/exe", buf, sizeof(buf) - 1);
	if (n <= 0)
		return NULL;
	buf[n] = 0;
	char *slash = strrchr(buf, '/');
	if (slash)
		*slash = 0;
	return xstrdup(buf);
}

/* bundler/verify/NAME beside the binary (source tree) or installed under share/ */
static char *script_path(const char *name)
{
	const char *env = getenv("PYMODE_VERIFY_DIR");
	char *dir = exe_dir(), *p;
	/* bin/, an installed bin/, build/bin/, and make asan's build/asan/bin/ */
	const char *rel[] = { "../bundler/verify", "../share/pymode-pkg/verify", "../../bundler/verify",
			      "../../../bundler/verify", NULL };

	if (env) {
		free(dir);
		p = path_join(env, name);
		return path_is_file(p) ? p : (free(p), NULL);
	}
	for (int i = 0; dir && rel[i]; i++) {
		char *d = path_join(dir, rel[i]);
		p = path_join(d, name);
		free(d);
		if (path_is_file(p)) {
			free(dir);
			return p;
		}
		free(p);
	}
	free(dir);
	return NULL;
}

static char *which(const char *prog)
{
	const char *path = getenv("PATH");
	for (const char *p = path; p && *p;) {
		size_t n = strcspn(p, ":");
		char *d = xstrndup(p, n), *exe = path_join(d, prog);
		char *real = realpath(exe, NULL);
		free(d);
		if (real && access(real, X_OK) == 0 && !strstr(real, "/shims/")) {
			free(exe);
			return real;
		}
		free(real);
		free(exe);
		p += n;
		if (*p == ':')
			p++;
	}
	return NULL;
}

char *verify_find_python(void)
{
	char *py = which("python3.13"), *home;
	DIR *d;
	struct dirent *de;
	char *best = NULL;

	if (py)
		return py;
	home = getenv("PYENV_ROOT") ? xstrdup(getenv("PYENV_ROOT"))
	       : getenv("HOME")     ? path_join(getenv("HOME"), ".pyenv")
				    : NULL;
	if (!home)
		return NULL;
	char *versions = path_join(home, "versions");
	if ((d = opendir(versions))) {
		while ((de = readdir(d))) {
			if (strncmp(de->d_name, "3.13", 4) || (de->d_name[4] && de->d_name[4] != '.'))
				continue;
			char *exe = xmalloc(strlen(versions) + strlen(de->d_name) + 32);
			sprintf(exe, "%s/%s/bin/python3.13", versions, de->d_name);
			if (access(exe, X_OK) == 0 && (!best || strcmp(exe, best) > 0)) {
				free(best);
				best = exe;
			} else {
				free(exe);
			}
		}
		closedir(d);
	}
	free(versions);
	free(home);
	return best;
}

/* Runs the n commands argvs[i] at the same time (the verifiers of one
 * bundle are independent; each is one runtime's process, a few hundred MB
 * at most) and waits for all; outs[i] gets what each printed on stdout (at
 * most 16 MiB), statuses[i] its wait status, started[i] whether it ran. */
static void run_capture_many(char **const argvs[], size_t n, struct strbuf outs[], int statuses[], int started[])
{
	int *fds = xcalloc(n ? n : 1, sizeof(*fds));
	pid_t *pids = xcalloc(n ? n : 1, sizeof(*pids));
	struct pollfd *pf = xcalloc(n ? n : 1, sizeof(*pf));
	char buf[65536];
	size_t open_n = 0;

	for (size_t i = 0; i < n; i++) {
		int p[2];
		started[i] = 0;
		fds[i] = -1;
		if (pipe(p) != 0)
			continue;
		fflush(NULL);
		if ((pids[i] = fork()) < 0) {
			close(p[0]);
			close(p[1]);
			continue;
		}
		if (pids[i] == 0) {
			dup2(p[1], 1);
			close(p[0]);
			close(p[1]);
			for (size_t k = 0; k < i; k++)
				if (fds[k] >= 0)
					close(fds[k]);
			execv(argvs[i][0], argvs[i]);
			_exit(127);
		}
		close(p[1]);
		fds[i] = p[0];
		started[i] = 1;
		open_n++;
	}
	while (open_n) {
		size_t m = 0;
		for (size_t i = 0; i < n; i++)
			if (fds[i] >= 0) {
				pf[m].fd = fds[i];
				pf[m].events = POLLIN;
				pf[m].revents = 0;
				m++;
			}
		if (poll(pf, m, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		for (size_t k = 0; k < m; k++) {
			size_t i = 0;
			ssize_t r;
			if (!pf[k].revents)
				continue;
			while (fds[i] != pf[k].fd)
				i++;
			r = read(fds[i], buf, sizeof(buf));
			if (r < 0 && errno == EINTR)
				continue;
			if (r <= 0) {
				close(fds[i]);
				fds[i] = -1;
				open_n--;
			} else if (outs[i].len < (16u << 20)) {
				strbuf_add(&outs[i], buf, (size_t)r);
			}
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (fds[i] >= 0)
			close(fds[i]);
		if (started[i])
			while (waitpid(pids[i], &statuses[i], 0) < 0 && errno == EINTR)
				;
	}
	free(fds);
	free(pids);
	free(pf);
}

/* Runs argv, returns its stdout (at most 16 MiB) and exit status. */
static int run_capture(char *const argv[], struct strbuf *out, int *status)
{
	char **const argvs[1] = { (char **)argv };
	int started = 0;

	run_capture_many(argvs, 1, out, status, &started);
	return started ? 0 : -1;
}

static const char *jstr(const struct jnode *o, const char *key, struct arena *a)
{
	const struct jnode *v = o ? jnode_get(o, key) : NULL;
	return v && v->type == J_STRING ? arena_strdup(a, v->str) : NULL;
}

/* One verifier's answer, the JSON object in line[0..len), into v (which
 * ran); status: the verifier's wait status, for the message when there is
 * no answer. s (may be NULL) names the distribution of a failing frame. */
static void parse_answer(struct verify_result *v, const char *line, size_t len, int status,
			 const struct shaker *s, struct arena *a)
{
	struct jnode *root = NULL;
	struct perr err = PERR_INIT;

	v->ran = 1;
	if (jtree_parse(a, "verifier", line, len, &root, &err) || !root || root->type != J_OBJECT) {
		v->ok = 0;
		v->error_type = "verifier";
		v->message = arena_printf(a, "no answer from the verifier (exit %d)",
					  WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return;
	}
	const struct jnode *ok = jnode_get(root, "ok"), *e = jnode_get(root, "error");
	const struct jnode *resp = jnode_get(root, "response"), *inc = jnode_get(root, "inconclusive");
	if (inc && inc->type == J_STRING) {
		/* the bundle loaded, but the handler reached what only the
		 * runtime has (a D1 binding, HTMLRewriter): not proven either way */
		v->ran = 0;
		v->inconclusive = 1;
		v->skipped = arena_printf(a, "not conclusive: %s", inc->str);
		v->handler = jstr(root, "handler", a);
		return;
	}
	v->ok = ok && ok->type == J_BOOL && ok->boolean;
	v->result = jstr(root, "result", a);
	v->handler = jstr(root, "handler", a);
	if (resp && resp->type == J_OBJECT) {
		const struct jnode *st = jnode_get(resp, "status"), *bb = jnode_get(resp, "body_bytes");
		const struct jnode *hs = jnode_get(resp, "headers");
		v->has_response = 1;
		v->status = st && st->type == J_NUMBER ? atoi(st->str) : 0;
		v->body_bytes = bb && bb->type == J_NUMBER ? atoll(bb->str) : 0;
		if (hs && hs->type == J_OBJECT) {
			/* node's http headers: {name: value} */
			v->headers = arena_alloc(a, (hs->n / 2 + 1) * sizeof(char *));
			for (size_t i = 0; i + 1 < hs->n; i += 2)
				if (hs->items[i + 1]->type == J_STRING)
					v->headers[v->n_headers++] = arena_printf(a, "%s: %s", hs->items[i]->str,
										  hs->items[i + 1]->str);
		} else if (hs && hs->type == J_ARRAY) {
			v->headers = arena_alloc(a, (hs->n + 1) * sizeof(char *));
			for (size_t i = 0; i < hs->n; i++) {
				const struct jnode *h = hs->items[i];
				if (h->type == J_ARRAY && h->n == 2 && h->items[0]->type == J_STRING &&
				    h->items[1]->type == J_STRING)
					v->headers[v->n_headers++] = arena_printf(a, "%s: %s", h->items[0]->str,
										  h->items[1]->str);
			}
		}
	}
	{
		const struct jnode *notes = jnode_get(root, "notes");
		struct strbuf nb = STRBUF_INIT;
		for (size_t i = 0; notes && notes->type == J_ARRAY && i < notes->n; i++)
			if (notes->items[i]->type == J_STRING)
				strbuf_addf(&nb, "%s%s", nb.len ? "; " : "", notes->items[i]->str);
		if (nb.len)
			v->note = arena_strdup(a, nb.buf);
		strbuf_release(&nb);
	}
	if (e && e->type == J_OBJECT) {
		v->error_type = jstr(e, "type", a);
		v->error_module = jstr(e, "module", a);
		v->message = jstr(e, "message", a);
		v->frame = jstr(e, "frame", a);
	}
	/* the distribution of the frame that raised: "site-packages.zip:x/y.py:12" */
	if (s && v->frame) {
		const char *colon = strchr(v->frame, ':'), *last = strrchr(v->frame, ':');
		if (colon && last > colon) {
			char *file = arena_strndup(a, colon + 1, (size_t)(last - colon - 1));
			size_t fl = strlen(file);
			for (size_t i = 0; !v->frame_dist && i < s->modules.n; i++) {
				const struct shake_module *m = &s->modules.v[i];
				size_t ml = m->file ? strlen(m->file) : 0;
				if (!m->file || m->dist < 0 || (m->origin != SO_SITE && m->origin != SO_APP))
					continue;
				/* the file as the place names it, or under a folder of the app on sys.path */
				if (!strcmp(m->file, file) || (ml > fl && m->file[ml - fl - 1] == '/' &&
							       !strcmp(m->file + ml - fl, file)))
					v->frame_dist = m->origin == SO_APP ? "the app" : s->dists.v[m->dist].name;
			}
		}
	}
	/* a codec the bundle lacks shows as LookupError: name its module */
	if (s && !v->ok && !v->error_module && v->message && starts_with(v->message, "unknown encoding: ")) {
		const char *mod = rules_codec_module(s->rules, v->message + strlen("unknown encoding: "));
		if (mod)
			v->error_module = arena_strdup(a, mod);
	}
	if (!v->ok && v->error_module && s) {
		struct strbuf why = STRBUF_INIT;
		report_bundle_why(&why, s, v->error_module, 0);
		while (why.len && why.buf[why.len - 1] == '\n')
			strbuf_setlen(&why, why.len - 1);
		v->kept_by = arena_strdup(a, why.buf);
		strbuf_release(&why);
	}
}

/* the last line of out: a verifier's answer */
static void parse_last_line(struct verify_result *v, const struct strbuf *out, int status,
			    const struct shaker *s, struct arena *a)
{
	size_t start = out->len;
	while (start > 0 && out->buf[start - 1] == '\n')
		start--;
	while (start > 0 && out->buf[start - 1] != '\n')
		start--;
	parse_answer(v, out->buf + start, out->len - start, status, s, a);
}

/* whose Request, Response and env the handler gets: the runtime module the
 * target provides (workers, pymode.workers), else plain objects */
static const char *style_of(const struct shaker *s)
{
	for (size_t i = 0; i < s->target.n_provides; i++) {
		if (!strcmp(s->target.provides[i], "workers"))
			return "cf";
		if (!strcmp(s->target.provides[i], "pymode"))
			return "pymode";
	}
	return "plain";
}

static void request_args(struct argv_vec *args, const struct shaker *s, const struct verify_request *rq,
			 struct arena *a)
{
	for (size_t i = 0; i < s->target.n_provides; i++) {
		*VEC_PUSH(args) = "--runtime-module";
		*VEC_PUSH(args) = (char *)s->target.provides[i];
	}
	if (!rq || !rq->handler)
		return;
	*VEC_PUSH(args) = "--handler";
	if (rq->class_only) {
		*VEC_PUSH(args) = "--class-only";
		*VEC_PUSH(args) = (char *)rq->class_only;
	}
	*VEC_PUSH(args) = "--style";
	*VEC_PUSH(args) = (char *)style_of(s);
	*VEC_PUSH(args) = "--request";
	*VEC_PUSH(args) = (char *)(rq->request ? rq->request : "GET /");
	for (size_t i = 0; i < rq->n_headers; i++) {
		*VEC_PUSH(args) = "--header";
		*VEC_PUSH(args) = (char *)rq->headers[i];
	}
	if (rq->body) {
		*VEC_PUSH(args) = "--body";
		*VEC_PUSH(args) = (char *)rq->body;
	}
	if (rq->wr) {
		for (size_t i = 0; i < rq->wr->vars.n; i++) {
			*VEC_PUSH(args) = "--var";
			*VEC_PUSH(args) = arena_printf(a, "%s=%s", rq->wr->vars.v[i].name, rq->wr->vars.v[i].value);
		}
		for (size_t i = 0; i < rq->wr->kv.n; i++) {
			*VEC_PUSH(args) = "--kv";
			*VEC_PUSH(args) = (char *)rq->wr->kv.v[i];
		}
		/* the bindings only the runtime has: env names them, and a
		 * handler that uses one ends the verify as not conclusive */
		for (size_t i = 0; i < rq->wr->bindings.n; i++) {
			*VEC_PUSH(args) = "--binding";
			*VEC_PUSH(args) = arena_printf(a, "%s=%s", rq->wr->bindings.v[i].name, rq->wr->bindings.v[i].kind);
		}
	}
}

static void common_args(struct argv_vec *args, const struct shaker *s, const char *outdir,
			const char *entry, const char *call, int runtime_stdlib,
			const struct verify_request *rq, struct arena *a)
{
	const char *app_dir = rq && rq->app_dir ? rq->app_dir : "app";
	char *p = arena_printf(a, "%s/%s", outdir, app_dir);
	if (rq && rq->entry_dir) {
		/* the entry's folder first, as the runtime's handler puts it */
		*VEC_PUSH(args) = "--path";
		*VEC_PUSH(args) = arena_printf(a, "%s/%s/%s", outdir, app_dir, rq->entry_dir);
	}
	*VEC_PUSH(args) = "--path";
	*VEC_PUSH(args) = p;
	p = arena_printf(a, "%s/%s", outdir, runtime_stdlib ? "python_modules" : "site-packages.zip");
	if (path_is_file(p) || path_is_dir(p)) {
		*VEC_PUSH(args) = "--path";
		*VEC_PUSH(args) = p;
	}
	if (!runtime_stdlib) {
		*VEC_PUSH(args) = "--stdlib-zip";
		*VEC_PUSH(args) = arena_printf(a, "%s/stdlib.zip", outdir);
		/* what the runtime provides that CPython has as Python source:
		 * the polyfills, and what CPython's copies of them need */
		for (size_t i = 0; i < s->modules.n; i++) {
			const struct shake_module *m = &s->modules.v[i];
			if (!m->reached || !m->file)
				continue;
			if ((m->origin == SO_RUNTIME && m->provided_as && !strcmp(m->provided_as, "polyfill")) ||
			    (m->standin && m->origin == SO_STDLIB)) {
				*VEC_PUSH(args) = "--provided";
				*VEC_PUSH(args) = (char *)m->name;
			}
		}
	}
	/* what the runtime provides as its own builds (Pyodide's) stands in
	 * from the wheel the bundle was made from */
	for (size_t i = 0; i < s->dists.n; i++)
		if (s->dists.v[i].provided_as && ends_with(s->dists.v[i].input, ".whl")) {
			*VEC_PUSH(args) = "--path";
			*VEC_PUSH(args) = (char *)s->dists.v[i].input;
		}
	*VEC_PUSH(args) = "--entry";
	*VEC_PUSH(args) = (char *)entry;
	if (call) {
		*VEC_PUSH(args) = "--call";
		*VEC_PUSH(args) = (char *)call;
	}
	request_args(args, s, rq, a);
}

/* cf-python-workers: the Worker project OUTDIR served by workerd itself
 * (verify_workerd.mjs), whose development Pyodide slot runs Python 3.14:
 * its command into args, or v->skipped; a profile it cannot run
 * (rq->workerd_skip) is skipped, naming pyodide, the Pyodide under node that
 * checks it instead ("Pyodide 0.27.7"). Strings in a. */
static void prepare_workerd(struct verify_result *v, struct argv_vec *args, const struct shaker *s,
			    const char *outdir, const char *node, const char *pyodide,
			    const struct verify_request *rq, struct arena *a)
{
	char *mjs = script_path("verify_workerd.mjs");

	v->runtime = "workerd";
	if (rq && rq->workerd_skip)
		v->skipped = arena_printf(a, "workerd's offline (development) Pyodide slot runs Python 3.14 only; "
					     "%s: this %s bundle is checked in %s under node", rq->workerd_skip,
					     s->target.python_version, pyodide ? pyodide : "Pyodide");
	else if (!node)
		v->skipped = "no node on PATH";
	else if (!mjs)
		v->skipped = "verify_workerd.mjs not found (set PYMODE_VERIFY_DIR)";
	else {
		*VEC_PUSH(args) = (char *)node;
		*VEC_PUSH(args) = arena_strdup(a, mjs);
		*VEC_PUSH(args) = "--project";
		*VEC_PUSH(args) = (char *)outdir;
		*VEC_PUSH(args) = "--request";
		*VEC_PUSH(args) = (char *)(rq && rq->request ? rq->request : "GET /");
		for (size_t i = 0; rq && i < rq->n_headers; i++) {
			*VEC_PUSH(args) = "--header";
			*VEC_PUSH(args) = (char *)rq->headers[i];
		}
		if (rq && rq->body) {
			*VEC_PUSH(args) = "--body";
			*VEC_PUSH(args) = (char *)rq->body;
		}
	}
	free(mjs);
}

/* after workerd ran */
static void finish_workerd(struct verify_result *v)
{
	if (v->ran && !v->handler && v->has_response)
		v->handler = "the Worker's fetch";
	/* workerd missing from node_modules is a skip, not a failure */
	if (v->ran && !v->ok && v->error_type && !strcmp(v->error_type, "SetupError") && v->message &&
	    strstr(v->message, "workerd") && strstr(v->message, "not found")) {
		v->ran = 0;
		v->skipped = v->message;
	}
}

/* The home (python.wasm, lib/python3.13) of the wasm32-wasi CPython 3.13
 * that tools/build-wasi-python built, or $PYMODE_WASI_PYTHON; NULL with
 * *why set when there is none. mjs: verify_wasi.mjs's path (the source tree's
 * tools/ is two levels above it). In a. */
static const char *wasi_home(const char *mjs, const char **why, struct arena *a)
{
	const char *env = getenv("PYMODE_WASI_PYTHON");
	const char *slash = strrchr(mjs, '/');
	char *tool = arena_printf(a, "%.*s/../../tools/build-wasi-python", slash ? (int)(slash - mjs) : 1,
				  slash ? mjs : ".");
	char *argv[] = { tool, "--where", NULL };
	struct strbuf out = STRBUF_INIT;
	const char *home = NULL;
	int status = 0;

	if (env)
		return env;
	if (!path_is_file(tool)) {
		*why = "no wasm32-wasi CPython (set PYMODE_WASI_PYTHON to the home tools/build-wasi-python prints)";
		return NULL;
	}
	if (run_capture(argv, &out, &status) == 0 && WIFEXITED(status) && WEXITSTATUS(status) == 0) {
		const char *h = strstr(out.buf, "home: ");
		if (h && (h == out.buf || h[-1] == '\n'))
			home = arena_strndup(a, h + 6, strcspn(h + 6, "\n"));
	}
	if (!home) {
		while (out.len && out.buf[out.len - 1] == '\n')
			strbuf_setlen(&out, out.len - 1);
		*why = out.len ? arena_strdup(a, out.buf + (starts_with(out.buf, "build-wasi-python: ") ? 19 : 0))
			       : "tools/build-wasi-python --where failed";
	}
	strbuf_release(&out);
	return home;
}

/* wasi and pymode: the bundle booted in the real wasm32-wasi CPython too
 * (verify_wasi.mjs under node:wasi); on pymode with a pure-Python zlib
 * standing in for PyMode's polyfill, which reads its deflated zips. */
/* two verifiers' answers differ: the response (status, size), else what
 * --verify-call's function returned */
static int verify_differs(const struct verify_result *x, const struct verify_result *y)
{
	if (x->has_response || y->has_response)
		return x->has_response != y->has_response || x->status != y->status ||
		       x->body_bytes != y->body_bytes;
	return strcmp(x->result ? x->result : "", y->result ? y->result : "") != 0;
}

static void prepare_wasm(struct verify_result *v, struct argv_vec *args, const struct shaker *s,
			 const char *outdir, const char *target, const char *node, const char *entry,
			 const char *call, const struct verify_request *rq, struct arena *a)
{
	char *mjs = script_path("verify_wasi.mjs");
	const char *home = NULL, *why = NULL;

	v->runtime = "CPython 3.13 wasm32-wasi";
	if (!node)
		v->skipped = "no node on PATH";
	else if (!mjs)
		v->skipped = "verify_wasi.mjs not found (set PYMODE_VERIFY_DIR)";
	else if (!(home = wasi_home(mjs, &why, a)))
		v->skipped = why;
	else {
		*VEC_PUSH(args) = (char *)node;
		*VEC_PUSH(args) = arena_strdup(a, mjs);
		*VEC_PUSH(args) = "--python";
		*VEC_PUSH(args) = (char *)home;
		if (!strcmp(target, "pymode"))
			*VEC_PUSH(args) = "--zlib-polyfill";
		common_args(args, s, outdir, entry, call, 0, rq, a);
	}
	free(mjs);
}

/* The pyodide npm package npm (a profile's select.pyodide_npm; NULL:
 * "pyodide", the default for every other target): $PYMODE_PYODIDE for the
 * default one, else node_modules/NPM beside bin/ (up to three folders up:
 * build/bin, build/asan/bin), else in the current folder. In a, or NULL
 * when it is not installed. */
static const char *pyodide_dir(const char *npm, struct arena *a)
{
	const char *env = getenv("PYMODE_PYODIDE");
	char *dir;
	const char *found = NULL;

	if (!npm || !*npm)
		npm = "pyodide";
	if (strchr(npm, '/'))
		return NULL;
	if (!strcmp(npm, "pyodide") && env && *env)
		return env;
	dir = exe_dir();
	for (int up = 1; !found && dir && up <= 3; up++) {
		char *cand = arena_printf(a, "%s/%s/node_modules/%s", dir, up == 1 ? ".." : up == 2 ? "../.." : "../../..",
					  npm);
		if (path_is_dir(cand))
			found = cand;
	}
	free(dir);
	if (!found) {
		char *cand = arena_printf(a, "node_modules/%s", npm);
		if (path_is_dir(cand))
			found = cand;
	}
	return found;
}

/* "Pyodide 0.27.7": the version in DIR/package.json; "Pyodide" when unreadable */
static const char *pyodide_label(const char *dir, struct arena *a)
{
	struct strbuf sb = STRBUF_INIT;
	struct perr err = PERR_INIT;
	struct jnode *root = NULL;
	const char *ver = NULL, *file;

	if (!dir)
		return "Pyodide";
	file = arena_printf(a, "%s/package.json", dir);
	if (!strbuf_read_file(&sb, file, 1 << 20, &err) && !jtree_parse(a, file, sb.buf, sb.len, &root, &err))
		ver = jstr(root, "version", a);
	strbuf_release(&sb);
	return ver ? arena_printf(a, "Pyodide %s", ver) : "Pyodide";
}

/* why a pyodide npm package is not there */
static const char *no_pyodide(const char *npm, struct arena *a)
{
	return npm && strcmp(npm, "pyodide")
		       ? arena_printf(a, "no %s npm package (node_modules/%s: make deps installs it)", npm, npm)
		       : "no pyodide npm package (set PYMODE_PYODIDE)";
}

/* Runs the prepared commands args[i] (those with arguments) at once and
 * parses their answers into out[i]. */
static void run_prepared(struct argv_vec *args, struct verify_result *out, size_t n, const struct shaker *s,
			 struct arena *a)
{
	char **argvs[BUNDLE_VERIFY_MAX + 1];
	struct strbuf outs[BUNDLE_VERIFY_MAX + 1];
	int statuses[BUNDLE_VERIFY_MAX + 1], started[BUNDLE_VERIFY_MAX + 1];
	size_t idx[BUNDLE_VERIFY_MAX + 1], m = 0;

	for (size_t i = 0; i < n; i++) {
		if (!args[i].n)
			continue;
		*VEC_PUSH(&args[i]) = NULL;
		argvs[m] = args[i].v;
		strbuf_init(&outs[m], 0);
		statuses[m] = 0;
		idx[m++] = i;
	}
	run_capture_many(argvs, m, outs, statuses, started);
	for (size_t k = 0; k < m; k++) {
		if (!started[k])
			out[idx[k]].skipped = "cannot start the verifier";
		else
			parse_last_line(&out[idx[k]], &outs[k], statuses[k], s, a);
		strbuf_release(&outs[k]);
	}
}

size_t bundle_verify(const struct shaker *s, const char *outdir, const char *target,
		     const char *entry, const char *call, int runtime_stdlib,
		     const struct verify_request *rq, struct verify_result out[BUNDLE_VERIFY_MAX],
		     struct arena *a)
{
	struct argv_vec args[BUNDLE_VERIFY_MAX] = { VEC_INIT, VEC_INIT, VEC_INIT };
	size_t n = 2, wasm = 0, workerd = 0;
	char *py = verify_find_python(), *script = script_path("verify_native.py");
	char *node = which("node"), *mjs = script_path("verify_pyodide.mjs");
	const char *npm = rq && rq->pyodide_npm ? rq->pyodide_npm : "pyodide";
	const char *pyodide = pyodide_dir(npm, a);

	memset(out, 0, BUNDLE_VERIFY_MAX * sizeof(*out));
	out[0].runtime = "native CPython 3.13";
	/* a profile of another Python (cf-python-workers-3.12, -3.14) runs on its
	 * own stdlib, which the host's 3.13 is not (3.12's cgi, 3.14's
	 * annotationlib): its Pyodide under node (and workerd) check it instead */
	if (runtime_stdlib && strcmp(s->target.python_version, "3.13"))
		out[0].skipped = arena_printf(a, "this bundle is for Python %s, not the host's CPython 3.13: "
						 "it is checked in its own Pyodide", s->target.python_version);
	else if (!py)
		out[0].skipped = "no python3.13 on PATH or under pyenv";
	else if (!script)
		out[0].skipped = "verify_native.py not found (set PYMODE_VERIFY_DIR)";
	else {
		*VEC_PUSH(&args[0]) = py;
		*VEC_PUSH(&args[0]) = script;
		common_args(&args[0], s, outdir, entry, call, runtime_stdlib, rq, a);
	}
	/* the Pyodide of the target's profile (cf-python-workers-3.12: 0.27.7) */
	out[1].runtime = pyodide_label(pyodide, a);
	if (!node)
		out[1].skipped = "no node on PATH";
	else if (!pyodide)
		out[1].skipped = no_pyodide(npm, a);
	else if (!mjs)
		out[1].skipped = "verify_pyodide.mjs not found (set PYMODE_VERIFY_DIR)";
	else {
		*VEC_PUSH(&args[1]) = node;
		*VEC_PUSH(&args[1]) = "--experimental-wasm-stack-switching";
		*VEC_PUSH(&args[1]) = mjs;
		*VEC_PUSH(&args[1]) = "--pyodide";
		*VEC_PUSH(&args[1]) = (char *)pyodide;
		common_args(&args[1], s, outdir, entry, call, runtime_stdlib, rq, a);
	}
	if (!runtime_stdlib && (!strcmp(target, "wasi") || !strcmp(target, "pymode")))
		prepare_wasm(&out[wasm = n++], &args[2], s, outdir, target, node, entry, call, rq, a);
	if (runtime_stdlib)
		prepare_workerd(&out[workerd = n++], &args[2], s, outdir, node, out[1].runtime, rq, a);
	/* the runtimes are independent: all at once (at most three processes) */
	run_prepared(args, out, n, s, a);
	/* the same bundle must answer in wasm32-wasi as natively */
	if (wasm && out[wasm].ran && out[wasm].ok && out[0].ran && out[0].ok && verify_differs(&out[wasm], &out[0])) {
		out[wasm].ok = 0;
		out[wasm].error_type = "DifferentResult";
		out[wasm].message = "answered otherwise than native CPython 3.13";
	}
	if (workerd)
		finish_workerd(&out[workerd]);
	for (size_t i = 0; i < BUNDLE_VERIFY_MAX; i++)
		VEC_FREE(&args[i]);
	free(py);
	free(script);
	free(node);
	free(mjs);
	return n;
}

/* pymode-table --check: one verifier process for all the jobs (--batch:
 * Pyodide boots once for them all, native CPython starts a fresh child for
 * each), answers in the jobs' order. */
void verify_imports(int pyodide_runtime, const char *pyodide_npm, const struct verify_import_job *jobs,
		    size_t n, struct verify_result *out, struct arena *a)
{
	struct argv_vec args = VEC_INIT;
	char *prog = pyodide_runtime ? which("node") : verify_find_python();
	char *script = script_path(pyodide_runtime ? "verify_pyodide.mjs" : "verify_native.py");
	const char *pyodide = pyodide_runtime ? pyodide_dir(pyodide_npm, a) : NULL;
	const char *runtime = pyodide_runtime ? pyodide_label(pyodide, a) : "native CPython 3.13";
	const char *skipped = NULL;
	char dir[] = "/tmp/pymode-verify-batch.XXXXXX";
	struct strbuf file = STRBUF_INIT, out_text = STRBUF_INIT;
	struct perr err = PERR_INIT;
	char *list = NULL;
	int status = 0;

	memset(out, 0, n * sizeof(*out));
	if (!prog)
		skipped = pyodide_runtime ? "no node on PATH" : "no python3.13 on PATH or under pyenv";
	else if (!script)
		skipped = "verifier script not found (set PYMODE_VERIFY_DIR)";
	else if (pyodide_runtime && !pyodide)
		skipped = no_pyodide(pyodide_npm, a);
	else if (!mkdtemp(dir))
		skipped = "cannot make a temporary directory";
	if (!skipped) {
		/* one job a line: the arguments of one run, as a JSON array */
		for (size_t i = 0; i < n; i++) {
			strbuf_addch(&file, '[');
			for (size_t k = 0; k < jobs[i].n_paths; k++) {
				strbuf_addstr(&file, k ? ",\"--path\"," : "\"--path\",");
				json_quote(&file, jobs[i].paths[k], strlen(jobs[i].paths[k]));
			}
			strbuf_addstr(&file, ",\"--entry\",");
			json_quote(&file, jobs[i].entry, strlen(jobs[i].entry));
			strbuf_addstr(&file, "]\n");
		}
		list = path_join(dir, "jobs.jsonl");
		if (write_file_atomic(list, file.buf, file.len, &err))
			skipped = "cannot write the verifier's job list";
	}
	if (!skipped) {
		*VEC_PUSH(&args) = prog;
		if (pyodide_runtime) {
			*VEC_PUSH(&args) = "--experimental-wasm-stack-switching";
			*VEC_PUSH(&args) = script;
			*VEC_PUSH(&args) = "--pyodide";
			*VEC_PUSH(&args) = (char *)pyodide;
		} else {
			*VEC_PUSH(&args) = script;
		}
		*VEC_PUSH(&args) = "--batch";
		*VEC_PUSH(&args) = list;
		*VEC_PUSH(&args) = NULL;
		if (run_capture(args.v, &out_text, &status) != 0)
			skipped = "cannot start the verifier";
	}
	{
		const char *p = out_text.buf, *end = out_text.buf + out_text.len;
		for (size_t i = 0; i < n; i++) {
			const char *nl = p < end ? memchr(p, '\n', (size_t)(end - p)) : NULL;
			out[i].runtime = runtime;
			if (skipped) {
				out[i].skipped = skipped;
				continue;
			}
			/* a missing line (the verifier died) is no answer */
			parse_answer(&out[i], p, nl ? (size_t)(nl - p) : (size_t)(end - p), status, NULL, a);
			p = nl ? nl + 1 : end;
		}
	}
	if (list)
		unlink(list);
	if (dir[strlen(dir) - 1] != 'X')
		rmdir(dir);
	free(list);
	strbuf_release(&file);
	strbuf_release(&out_text);
	VEC_FREE(&args);
	free(prog);
	free(script);
}
