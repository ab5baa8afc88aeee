#!/usr/bin/env node
// verify_pyodide.mjs: boots a bundle in Pyodide (any version: 0.27.7's
// CPython 3.12.7, 0.28.3's 3.13.2, 314.0.6's 3.14.2, on wasm32-emscripten)
// under node, and reports like verify_native.py.
//
//   node bundler/verify/verify_pyodide.mjs --pyodide DIR [--stdlib-zip Z]
//       [--path P]... [--provided M]... --entry MODULE [--call FUNC] [--timeout S]
//   node bundler/verify/verify_pyodide.mjs --pyodide DIR --print-boot-modules
//
// DIR is a pyodide npm package (node_modules/pyodide, node_modules/pyodide-027,
// node_modules/pyodide-314: the one of the target's profile); its CPython
// version (pyodide-lock.json's info.python) names the stdlib's places in
// Pyodide's file system (/lib/python312.zip, /lib/python3.12). With --stdlib-zip,
// Pyodide boots with loadPyodide({indexURL: DIR, stdLibURL: C}) where C (in
// a temporary directory) is the bundle's stdlib.zip plus, from Pyodide's own
// python_stdlib.zip, its pyodide/ and _pyodide/ packages, the stdlib files
// Pyodide's start-up imports (pyodide-boot-modules.txt, next to this file)
// and the --provided stand-ins; the bundle's members win. Without it, the
// stdlib is Pyodide's own (as on cf-python-workers). --path entries are
// written into Pyodide's file system under /verify/ (a zip as a file, put
// on sys.path for zipimport; a directory as a tree) and prepended to
// sys.path in order. The run itself is verify_child.py, as for native.
// A handler that awaits a real future is awaited on Pyodide's event loop.
//
// --print-boot-modules prints the stdlib files (paths inside
// python_stdlib.zip) loaded when Pyodide has booted and run one line of
// Python; that list is pyodide-boot-modules.txt.
//
// stdout: one JSON object {"ok", "error", "result", "loaded", "outside"}.
// Exit 0 ok, 1 the app failed (or timed out), 3 bad arguments or no pyodide.
// The work runs in a child node process (--inner) so that a timeout can kill
// it and the temporary directory is always removed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import zlib from "node:zlib";
import { finishHandlerArgs, handlerCfg, handlerDefaults, HANDLER_FLAGS, HANDLER_LISTS, HANDLER_SINGLE } from "./handler_args.mjs";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);

function die(msg) {
	process.stderr.write(`verify_pyodide: error: ${msg}\n`);
	process.exit(3);
}

function parseArgs(argv) {
	const a = { path: [], provided: [], timeout: 120, ...handlerDefaults() };
	const single = { "--pyodide": "pyodide", "--stdlib-zip": "stdlibZip", "--entry": "entry",
		"--call": "call", "--timeout": "timeout", "--inner": "inner", "--result": "result",
		...HANDLER_SINGLE };
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		if (k === "--print-boot-modules") { a.printBoot = true; continue; }
		if (k === "--memory") { a.memory = true; continue; }
		if (HANDLER_FLAGS.includes(k)) { a.handler = true; continue; }
		if (["--path", "--provided", ...HANDLER_LISTS].includes(k)) {
			if (i + 1 >= argv.length) die(`${k} needs a value`);
			a[k.slice(2)].push(argv[++i]);
			continue;
		}
		if (k in single) {
			if (i + 1 >= argv.length) die(`${k} needs a value`);
			a[single[k]] = argv[++i];
			continue;
		}
		die(`unknown argument '${k}'`);
	}
	if (!a.pyodide) die("--pyodide DIR is required");
	if (!fs.existsSync(path.join(a.pyodide, "pyodide.mjs")) || !fs.existsSync(path.join(a.pyodide, "python_stdlib.zip")))
		die(`--pyodide ${a.pyodide}: not the pyodide npm package (no pyodide.mjs, python_stdlib.zip)`);
	try {
		a.py = pythonOf(a.pyodide);
	} catch (e) {
		die(`--pyodide ${a.pyodide}: ${e.message}`);
	}
	if (!a.printBoot && !a.entry) die("--entry is required");
	for (const p of a.path) if (!fs.existsSync(p)) die(`--path ${p}: no such file or directory`);
	if (a.stdlibZip && !fs.statSync(a.stdlibZip, { throwIfNoEntry: false })?.isFile())
		die(`--stdlib-zip ${a.stdlibZip}: no such file`);
	finishHandlerArgs(a, die);
	a.timeout = Number(a.timeout);
	if (!(a.timeout > 0)) die("--timeout must be a positive number of seconds");
	return a;
}

// The CPython a pyodide npm package runs, from its pyodide-lock.json: its
// version and where Pyodide puts its stdlib ({version: "3.12.7",
// zip: "/lib/python312.zip", lib: "/lib/python3.12"}) and Pyodide's own.
export function pythonOf(dir) {
	let info;
	try {
		info = JSON.parse(fs.readFileSync(path.join(dir, "pyodide-lock.json"), "utf8")).info || {};
	} catch (e) {
		throw new Error(`no readable pyodide-lock.json (${e.code || e.message})`);
	}
	const m = /^(\d+)\.(\d+)(\.\d+)?/.exec(info.python || "");
	if (!m) throw new Error(`pyodide-lock.json names no CPython version (info.python: ${JSON.stringify(info.python)})`);
	let pyodide = info.version;
	try {
		pyodide = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version || pyodide;
	} catch { /* the lock's version, then */ }
	return { version: info.python, pyodide, zip: `/lib/python${m[1]}${m[2]}.zip`, lib: `/lib/python${m[1]}.${m[2]}` };
}

// ---- a small zip reader and writer (stored and deflated members)

export function readZip(buf) {
	let eocd = -1;
	for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65557); i--) {
		if (buf.readUInt32LE(i) === 0x06054b50) { eocd = i; break; }
	}
	if (eocd < 0) throw new Error("not a zip file (no end of central directory)");
	const count = buf.readUInt16LE(eocd + 10);
	let p = buf.readUInt32LE(eocd + 16);
	const out = [];
	for (let n = 0; n < count; n++) {
		if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error("bad central directory entry");
		const flags = buf.readUInt16LE(p + 8), method = buf.readUInt16LE(p + 10);
		const crc = buf.readUInt32LE(p + 16), csize = buf.readUInt32LE(p + 20), usize = buf.readUInt32LE(p + 24);
		const nlen = buf.readUInt16LE(p + 28), xlen = buf.readUInt16LE(p + 30), clen = buf.readUInt16LE(p + 32);
		const local = buf.readUInt32LE(p + 42);
		const name = buf.subarray(p + 46, p + 46 + nlen).toString(flags & 0x800 ? "utf8" : "latin1");
		const lnlen = buf.readUInt16LE(local + 26), lxlen = buf.readUInt16LE(local + 28);
		const start = local + 30 + lnlen + lxlen;
		out.push({ name, method, crc, csize, usize, raw: buf.subarray(start, start + csize) });
		p += 46 + nlen + xlen + clen;
	}
	return out;
}

export function entryData(e) {
	if (e.method === 0) return Buffer.from(e.raw);
	if (e.method === 8) return zlib.inflateRawSync(e.raw);
	throw new Error(`${e.name}: unsupported compression method ${e.method}`);
}

// entries: [{name, method, crc, csize, usize, raw}] written as they are
// (already compressed), sorted by name, fixed time 1980-01-01, UTF-8 flag.
export function writeZip(entries) {
	const parts = [], central = [];
	let off = 0;
	const sorted = [...entries].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
	for (const e of sorted) {
		const name = Buffer.from(e.name, "utf8");
		const h = Buffer.alloc(30);
		h.writeUInt32LE(0x04034b50, 0); h.writeUInt16LE(20, 4); h.writeUInt16LE(0x800, 6);
		h.writeUInt16LE(e.method, 8); h.writeUInt16LE(0, 10); h.writeUInt16LE(0x21, 12);
		h.writeUInt32LE(e.crc, 14); h.writeUInt32LE(e.csize, 18); h.writeUInt32LE(e.usize, 22);
		h.writeUInt16LE(name.length, 26); h.writeUInt16LE(0, 28);
		const c = Buffer.alloc(46);
		c.writeUInt32LE(0x02014b50, 0); c.writeUInt16LE(0x0314, 4); c.writeUInt16LE(20, 6);
		c.writeUInt16LE(0x800, 8); c.writeUInt16LE(e.method, 10); c.writeUInt16LE(0, 12);
		c.writeUInt16LE(0x21, 14); c.writeUInt32LE(e.crc, 16); c.writeUInt32LE(e.csize, 20);
		c.writeUInt32LE(e.usize, 24); c.writeUInt16LE(name.length, 28);
		c.writeUInt32LE((0o100644 << 16) >>> 0, 38); c.writeUInt32LE(off, 42);
		parts.push(h, name, e.raw);
		central.push(c, name);
		off += 30 + name.length + e.raw.length;
	}
	const cd = Buffer.concat(central);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0); end.writeUInt16LE(sorted.length, 8); end.writeUInt16LE(sorted.length, 10);
	end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(off, 16);
	return Buffer.concat([...parts, cd, end]);
}

export function deflated(name, data) {
	const raw = zlib.deflateRawSync(data, { level: 9 });
	return { name, method: 8, crc: zlib.crc32(data) >>> 0, csize: raw.length, usize: data.length, raw };
}

// ---- the combined stdlib zip

function bootList() {
	const f = path.join(HERE, "pyodide-boot-modules.txt");
	return fs.readFileSync(f, "utf8").split("\n").map((l) => l.trim()).filter((l) => l && !l.startsWith("#"));
}

function moduleMembers(names, mod) {
	// the files of module or package `mod` inside a zip listing
	const base = mod.replace(/\./g, "/");
	return names.filter((n) => n === base + ".py" || (n.startsWith(base + "/") && !n.endsWith("/")));
}

function combinedStdlib(bundleZip, pyodideZip, provided) {
	const mine = readZip(fs.readFileSync(bundleZip));
	const theirs = readZip(fs.readFileSync(pyodideZip));
	const byName = new Map(theirs.map((e) => [e.name, e]));
	const out = new Map();
	for (const e of mine) if (!e.name.endsWith("/")) out.set(e.name, e);
	const want = new Set(bootList());
	const names = [...byName.keys()];
	for (const n of names) if (n.startsWith("pyodide/") || n.startsWith("_pyodide/")) want.add(n);
	for (const m of provided) for (const n of moduleMembers(names, m)) want.add(n);
	for (const n of want) {
		if (out.has(n) || n.endsWith("/")) continue;
		const e = byName.get(n);
		if (e) out.set(n, e);
	}
	return writeZip([...out.values()]);
}

// ---- the inner run (inside a node child process)

function copyTree(FS, src, dst) {
	FS.mkdirTree(dst);
	for (const ent of fs.readdirSync(src, { withFileTypes: true })) {
		const s = path.join(src, ent.name), d = dst + "/" + ent.name;
		if (ent.isDirectory()) copyTree(FS, s, d);
		else if (ent.isFile()) FS.writeFile(d, fs.readFileSync(s));
	}
}

async function boot(a, stdLibURL) {
	const { loadPyodide } = await import(pathToFileURL(path.join(path.resolve(a.pyodide), "pyodide.mjs")).href);
	const opts = {
		indexURL: path.resolve(a.pyodide) + "/",
		stdout: (s) => process.stderr.write(s + "\n"),
		stderr: (s) => process.stderr.write(s + "\n"),
	};
	if (stdLibURL) opts.stdLibURL = stdLibURL;
	return loadPyodide(opts);
}

async function printBoot(a) {
	const py = await boot(a, null);
	const zip = a.py.zip + "/";
	const out = py.runPython(`
import sys
_files = set()
for _m in list(sys.modules.values()):
    _o = getattr(getattr(_m, "__spec__", None), "origin", None) or ""
    if _o.startswith(${JSON.stringify(zip)}):
        _files.add(_o[${zip.length}:])
"\\n".join(sorted(_files))`);
	process.stdout.write(`# Stdlib files (paths inside Pyodide ${a.py.pyodide}'s python_stdlib.zip) that Pyodide\n` +
		"# itself loads at start-up (loadPyodide, then one runPython). verify_pyodide.mjs\n" +
		"# puts them, and the whole pyodide/ and _pyodide/ packages, into the stdlib zip\n" +
		"# it boots a bundle with. Regenerate with:\n" +
		"#   node bundler/verify/verify_pyodide.mjs --pyodide node_modules/pyodide --print-boot-modules >bundler/verify/pyodide-boot-modules.txt\n" +
		out + "\n");
}

async function inner(a) {
	const work = a.inner;
	let stdLibURL = null;
	if (a.stdlibZip) {
		stdLibURL = path.join(work, path.basename(a.py.zip));
		fs.writeFileSync(stdLibURL, combinedStdlib(a.stdlibZip, path.join(a.pyodide, "python_stdlib.zip"), a.provided));
	}
	const py = await boot(a, stdLibURL);
	const FS = py.FS;
	const paths = [], places = [];
	a.path.forEach((p, i) => {
		const base = path.basename(path.resolve(p));
		const dst = `/verify/p${i}/${base}`;
		FS.mkdirTree(`/verify/p${i}`);
		if (fs.statSync(p).isDirectory()) copyTree(FS, p, dst);
		else FS.writeFile(dst, fs.readFileSync(p));
		paths.push(dst);
		places.push([dst, base]);
	});
	places.push([a.py.zip, a.stdlibZip ? path.basename(a.stdlibZip) : "stdlib"]);
	places.push([a.py.lib + "/lib-dynload", "lib-dynload"]);
	FS.mkdirTree("/verify/runtime");
	const runtimeLib = "/verify/runtime/python_stdlib.zip";
	FS.writeFile(runtimeLib, fs.readFileSync(path.join(a.pyodide, "python_stdlib.zip")));
	const childFile = "/verify/verify_child.py";
	const src = fs.readFileSync(path.join(HERE, "verify_child.py"), "utf8");
	FS.writeFile(childFile, src);
	const g = py.globals.get("dict")();
	g.set("__name__", "verify_child");
	g.set("__file__", childFile);
	py.runPython(src, { globals: g, filename: childFile });
	// the runtime's own modules that Pyodide lacks get the stand-ins
	// (js, pyodide, pyodide_js, _pyodide are Pyodide's own: the real ones)
	const real = new Set(["js", "pyodide", "pyodide_js", "_pyodide"]);
	const standins = a["runtime-module"].filter((m) => !real.has(m.split(".")[0]));
	const runtimeLibs = [runtimeLib];
	if (standins.length) {
		copyTree(FS, path.join(HERE, "standins"), "/verify/standins");
		runtimeLibs.push("/verify/standins");
	}
	const cfg = { paths, entry: a.entry, call: a.call || null, provided: [...a.provided, ...standins],
		runtime_lib: runtimeLibs, places, loop: "defer", drop_cwd: true, memory: !!a.memory,
		...handlerCfg(a) };
	g.set("cfg", py.toPy(cfg));
	const res = await py.runPythonAsync("await run_async(cfg)", { globals: g });
	const obj = res.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
	res.destroy();
	fs.writeFileSync(a.result, JSON.stringify(obj, (k, v) => (v === undefined ? null : v)));
}

async function outer(a, argv) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), "pymode-verify-pyodide-"));
	let code = 1;
	try {
		const result = path.join(work, "result.json");
		const flags = [];
		if (process.versions.node.split(".")[0] === "20") flags.push("--experimental-wasm-stack-switching");
		const r = spawnSync(process.execPath, [...flags, SELF, ...argv, "--inner", work, "--result", result], {
			stdio: ["ignore", "inherit", "pipe"], timeout: a.timeout * 1000, killSignal: "SIGKILL",
			maxBuffer: 64 << 20,
		});
		let res;
		if (fs.existsSync(result)) {
			res = JSON.parse(fs.readFileSync(result, "utf8"));
		} else {
			const timedOut = r.error && r.error.code === "ETIMEDOUT" || r.signal === "SIGKILL";
			const tail = (r.stderr || Buffer.alloc(0)).toString().trim().split("\n").slice(-10).join("\n");
			res = { ok: false, error: { type: timedOut ? "Timeout" : "PyodideFailed", module: null,
				message: timedOut ? `no result after ${a.timeout} s` : `the Pyodide run exited ${r.status} before reporting`,
				traceback: tail }, result: null, loaded: [], outside: [] };
			const m = /ModuleNotFoundError: No module named '([^']+)'/.exec(tail);
			if (m) { res.error.type = "ModuleNotFoundError"; res.error.module = m[1]; }
		}
		if (!res.ok && r.stderr) process.stderr.write(r.stderr);
		process.stdout.write(JSON.stringify(res) + "\n");
		code = res.ok ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return code;
}

const argv = process.argv.slice(2);
const a = parseArgs(argv);
if (a.printBoot) {
	await printBoot(a);
} else if (a.inner) {
	await inner(a);
} else {
	process.exitCode = await outer(a, argv);
}
