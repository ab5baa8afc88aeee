// handler_args.mjs: the handler call's options, shared by verify_pyodide.mjs
// and verify_wasi.mjs (verify_native.py has the same in Python): --handler,
// --style, --request, --header, --body, --var, --kv, --binding,
// --runtime-module, --class-only. See README.md here.

export const HANDLER_FLAGS = ["--handler"];
export const HANDLER_LISTS = ["--header", "--var", "--kv", "--binding", "--runtime-module"];
export const HANDLER_SINGLE = { "--request": "request", "--body": "body", "--style": "style",
	"--class-only": "classOnly" };

export function handlerDefaults() {
	return { header: [], var: [], kv: [], binding: [], "runtime-module": [], request: "GET /", body: "",
		style: "plain" };
}

// checks what was given and adds method, url, headers and vars to a
export function finishHandlerArgs(a, die) {
	if (!["cf", "pymode", "plain"].includes(a.style)) die(`--style ${a.style}: cf, pymode or plain`);
	const m = /^\s*([A-Za-z]+)\s+(\/\S*)\s*$/.exec(a.request);
	if (!m) die(`--request '${a.request}': give 'METHOD /path'`);
	a.method = m[1].toUpperCase();
	a.url = "http://localhost" + m[2];
	a.headers = a.header.map((h) => {
		const c = h.indexOf(":");
		if (c <= 0) die(`--header '${h}': give 'Name: value'`);
		return [h.slice(0, c).trim(), h.slice(c + 1).trim()];
	});
	a.vars = {};
	for (const v of a.var) {
		const e = v.indexOf("=");
		if (e <= 0) die(`--var '${v}': give NAME=VALUE`);
		a.vars[v.slice(0, e)] = v.slice(e + 1);
	}
	a.bindings = {};
	for (const v of a.binding) {
		const e = v.indexOf("=");
		if (e <= 0) die(`--binding '${v}': give NAME=KIND`);
		a.bindings[v.slice(0, e)] = v.slice(e + 1);
	}
}

// verify_child.py's cfg keys of the handler call
export function handlerCfg(a) {
	return { handler: !!a.handler, style: a.style, class_only: a.classOnly || null,
		request: { method: a.method, url: a.url, headers: a.headers, body: a.body },
		env: { vars: a.vars, kv: a.kv, bindings: a.bindings } };
}
