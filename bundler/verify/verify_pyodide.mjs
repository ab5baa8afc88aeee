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
// and the --provided stand-ins; the bundle's members win, except the files
// of Pyodide's own start-up (its boot must run its copies). Without it, the
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
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import zlib from "node:zlib";
import { finishHandlerArgs, handlerCfg, handlerDefaults, HANDLER_FLAGS, HANDLER_LISTS, HANDLER_SINGLE } from "./handler_args.mjs";
import { inOrder, readBatch } from "./batch.mjs";
import { fileURLToPath, pathToFileURL } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);

function die(msg) {
	process.stderr.write(`verify_pyodide: error: ${msg}\n`);
	process.exit(3);
}

// die(msg) does not return: it exits 3, or throws for a job of a batch
function parseArgs(argv, die) {
	const a = { path: [], provided: [], timeout: 120, memoryBudget: 1024, ...handlerDefaults() };
	const single = { "--pyodide": "pyodide", "--stdlib-zip": "stdlibZip", "--entry": "entry",
		"--call": "call", "--timeout": "timeout", "--batch": "batch", "--jobs": "jobs",
		"--memory-budget": "memoryBudget", ...HANDLER_SINGLE };
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		if (k === "--print-boot-modules") { a.printBoot = true; continue; }
		if (k === "--memory") { a.memory = true; continue; }
		if (k === "--memory-trace") { a.memory = a.memoryTrace = true; continue; }
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
	if (!a.printBoot && !a.batch && !a.entry) die("--entry is required");
	for (const p of a.path) if (!fs.existsSync(p)) die(`--path ${p}: no such file or directory`);
	if (a.stdlibZip && !fs.statSync(a.stdlibZip, { throwIfNoEntry: false })?.isFile())
		die(`--stdlib-zip ${a.stdlibZip}: no such file`);
	finishHandlerArgs(a, die);
	a.timeout = Number(a.timeout);
	if (!(a.timeout > 0)) die("--timeout must be a positive number of seconds");
	a.memoryBudget = Number(a.memoryBudget);
	if (!(a.memoryBudget > 0)) die("--memory-budget must be a positive number of MiB");
	if (a.jobs !== undefined && !(Number.isInteger(Number(a.jobs)) && Number(a.jobs) > 0))
		die("--jobs must be a positive whole number");
	a.jobs = a.jobs === undefined ? 0 : Number(a.jobs);
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

// the members of the zip Pyodide boots with: the bundle's, and from Pyodide's
// own what its boot needs and the stand-ins
function combinedEntries(bundleZip, pyodideZip, provided) {
	const mine = readZip(fs.readFileSync(bundleZip));
	const theirs = readZip(fs.readFileSync(pyodideZip));
	const byName = new Map(theirs.map((e) => [e.name, e]));
	const out = new Map();
	for (const e of mine) if (!e.name.endsWith("/")) out.set(e.name, e);
	const boot = new Set(bootList());
	const want = new Set(boot);
	const names = [...byName.keys()];
	for (const n of names) if (n.startsWith("pyodide/") || n.startsWith("_pyodide/")) want.add(n);
	for (const m of provided) for (const n of moduleMembers(names, m)) want.add(n);
	for (const n of want) {
		// Pyodide's start-up runs its own copies of what it imports: a
		// bundle made from another 3.13.x (3.13.0's collections/__init__.py
		// leaves collections.abc to a collections/abc.py that 3.13.2 has not)
		// could not even boot; the bundle's other members win
		if ((out.has(n) && !boot.has(n)) || n.endsWith("/")) continue;
		const e = byName.get(n);
		if (e) out.set(n, e);
	}
	return [...out.values()];
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

// workerd's JavaScript globals that Node lacks: they exist for an app's
// `from js import HTMLRewriter`, and using one throws "RuntimeOnlyError: ...",
// which verify_child.py reports as not conclusive (the stand-in js of the
// native verifier does the same)
const WORKERD_GLOBALS = ["HTMLRewriter", "WebSocketPair", "caches", "scheduler"];
function runtimeOnlyGlobals() {
	for (const name of WORKERD_GLOBALS) {
		if (name in globalThis) continue;
		const fail = (use) => {
			throw new Error(`RuntimeOnlyError: js.${name}${use} (a JavaScript API of workerd)`);
		};
		globalThis[name] = new Proxy(function () {}, {
			get: (t, k) => (typeof k === "symbol" || k === "toString" || k === "prototype" ? t[k] : fail("." + k)),
			apply: () => fail("()"),
			construct: () => fail("()"),
		});
	}
}

async function boot(a, stdLibURL) {
	runtimeOnlyGlobals();
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

// A worker's booted Pyodide serves job after job. Between jobs reset() puts
// back the state Pyodide had after its boot. A job with another stdlib zip
// reuses it too when every stdlib file the boot loaded has the same bytes in
// that job's zip (CRC-32 and size): the boot would have gone the same way, so
// only /lib/pythonXY.zip is swapped; else Pyodide boots afresh.
function stdlibOf(a) {
	const own = path.join(a.pyodide, "python_stdlib.zip");
	if (!a.stdlibZip) return { entries: null, bytes: null };
	const entries = combinedEntries(a.stdlibZip, own, a.provided);
	return { entries, bytes: writeZip(entries) };
}

async function bootInstance(a, work, n, std) {
	let stdLibURL = null;
	if (std.bytes) {
		stdLibURL = path.join(work, `${path.basename(a.py.zip, ".zip")}-${n}.zip`);
		fs.writeFileSync(stdLibURL, std.bytes);
	}
	const py = await boot(a, stdLibURL);
	if (stdLibURL) fs.rmSync(stdLibURL, { force: true });
	const FS = py.FS;
	FS.mkdirTree("/verify/runtime");
	FS.writeFile("/verify/runtime/python_stdlib.zip", fs.readFileSync(path.join(a.pyodide, "python_stdlib.zip")));
	const src = fs.readFileSync(path.join(HERE, "verify_child.py"), "utf8");
	FS.writeFile("/verify/verify_child.py", src);
	// what a job may change, as it is after the boot (sys and os only: the
	// reset imports nothing, so a job's "loaded" is what a fresh boot shows)
	const base = py.globals.get("dict")();
	py.runPython(`
import sys as _s
_pm_enc = _s.modules.get("encodings")
_pm_base = (dict(_s.modules), list(_s.path), list(_s.meta_path), list(_s.path_hooks),
            dict(_s.path_importer_cache), _s.modules["os"].getcwd(),
            dict(_pm_enc._cache) if _pm_enc is not None else None, dict(_s.modules["os"].environ),
            list(_s.argv), (_s.stdin, _s.stdout, _s.stderr))
def _pm_nocodec(name):
    return None
def _pm_reset():
    mods, path, meta, hooks, pic, cwd, enc, environ, argv, std = _pm_base
    # the codecs a job looked up: out of encodings' cache and the
    # interpreter's (unregistering a search function clears the latter), so
    # the next job imports their modules again, as after a fresh boot
    if enc is not None:
        _pm_enc._cache.clear()
        _pm_enc._cache.update(enc)
    _s.modules["_codecs"].register(_pm_nocodec)
    _s.modules["_codecs"].unregister(_pm_nocodec)
    env = _s.modules["os"].environ
    for k in [k for k in env if k not in environ]:
        del env[k]
    env.update(environ)
    _s.argv[:] = argv
    _s.stdin, _s.stdout, _s.stderr = std
    for k in list(_s.modules):
        if k not in mods:
            del _s.modules[k]
    _s.modules.update(mods)
    _s.path[:] = path
    _s.meta_path[:] = meta
    _s.path_hooks[:] = hooks
    _s.path_importer_cache.clear()
    _s.path_importer_cache.update(pic)
    zi = _s.modules.get("zipimport")
    if zi is not None:
        for k in [k for k in zi._zip_directory_cache if k.startswith("/verify/")]:
            del zi._zip_directory_cache[k]
    lc = _s.modules.get("linecache")
    if lc is not None:
        lc.cache.clear()
    _s.modules["os"].chdir(cwd)
def _pm_swapped():
    zi = _s.modules.get("zipimport")
    if zi is not None:
        zi._zip_directory_cache.pop("${a.py.zip}", None)
def _pm_boot_files():
    out = set()
    for m in list(_s.modules.values()):
        o = getattr(getattr(m, "__spec__", None), "origin", None) or ""
        if o.startswith("${a.py.zip}/"):
            out.add(o[len("${a.py.zip}/"):])
    return sorted(out)
`, { globals: base });
	// the stdlib files the boot loaded, and their bytes' identity
	const files = base.get("_pm_boot_files")().toJs();
	const entries = std.entries || readZip(fs.readFileSync(path.join(a.pyodide, "python_stdlib.zip")));
	const byName = new Map(entries.map((e) => [e.name, e]));
	const bootFiles = files.map((f) => [f, byName.get(f) ? `${byName.get(f).crc}:${byName.get(f).usize}` : null]);
	return { py, FS, src, base, standins: false, used: 0, bootFiles, pyodide: path.resolve(a.pyodide) };
}

// 1 when inst can take a job with this stdlib (its zip swapped in first)
function sameBoot(inst, a, std) {
	if (inst.pyodide !== path.resolve(a.pyodide)) return false;
	const entries = std.entries || readZip(fs.readFileSync(path.join(a.pyodide, "python_stdlib.zip")));
	const byName = new Map(entries.map((e) => [e.name, e]));
	return inst.bootFiles.every(([f, id]) => {
		const e = byName.get(f);
		return id !== null && e && `${e.crc}:${e.usize}` === id;
	});
}

function swapStdlib(inst, a, std) {
	const bytes = std.bytes || fs.readFileSync(path.join(a.pyodide, "python_stdlib.zip"));
	inst.FS.writeFile(a.py.zip, bytes);
	inst.py.runPython("_pm_swapped()", { globals: inst.base });
}

function rmTree(FS, p) {
	for (const name of FS.readdir(p)) {
		if (name === "." || name === "..") continue;
		const q = p + "/" + name;
		if (FS.isDir(FS.lstat(q).mode)) rmTree(FS, q);
		else FS.unlink(q);
	}
	FS.rmdir(p);
}

async function runJob(inst, a) {
	const { py, FS, src } = inst;
	if (inst.used++) {
		py.runPython("_pm_reset()", { globals: inst.base });
		for (const name of FS.readdir("/verify"))
			if (/^p\d+$/.test(name)) rmTree(FS, "/verify/" + name);
	}
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
	const runtimeLib = "/verify/runtime/python_stdlib.zip";
	const childFile = "/verify/verify_child.py";
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
		if (!inst.standins) copyTree(FS, path.join(HERE, "standins"), "/verify/standins");
		inst.standins = true;
		runtimeLibs.push("/verify/standins");
	}
	const cfg = { paths, entry: a.entry, call: a.call || null, provided: [...a.provided, ...standins],
		runtime_lib: runtimeLibs, places, loop: "defer", drop_cwd: true, memory: !!a.memory, memory_trace: !!a.memoryTrace,
		...handlerCfg(a) };
	g.set("cfg", py.toPy(cfg));
	const res = await py.runPythonAsync("await run_async(cfg)", { globals: g });
	const obj = res.toJs({ dict_converter: Object.fromEntries, create_pyproxies: false });
	res.destroy();
	g.destroy();
	return obj;
}

// The worker (a child node process, --inner WORK): reads jobs, one JSON line
// {"id", "argv"} each, on stdin and writes {"id", "res"} lines on fd 3. It
// keeps one booted Pyodide while the jobs' stdlibs allow (sameBoot).
async function inner(work) {
	let inst = null, n = 0;
	const rl = (await import("node:readline")).createInterface({ input: process.stdin, crlfDelay: Infinity });
	for await (const line of rl) {
		if (!line.trim()) continue;
		const job = JSON.parse(line);
		const a = parseArgs(job.argv, (m) => { throw new Error(m); });
		const std = stdlibOf(a);
		if (inst && sameBoot(inst, a, std)) {
			swapStdlib(inst, a, std);
		} else {
			inst = null;
			inst = await bootInstance(a, work, n++, std);
		}
		const res = await runJob(inst, a);
		fs.writeSync(3, JSON.stringify({ id: job.id, res }, (kk, v) => (v === undefined ? null : v)) + "\n");
	}
}

function failed(timedOut, timeout, status, stderr) {
	const tail = stderr.trim().split("\n").slice(-10).join("\n");
	const res = { ok: false, error: { type: timedOut ? "Timeout" : "PyodideFailed", module: null,
		message: timedOut ? `no result after ${timeout} s` : `the Pyodide run exited ${status} before reporting`,
		traceback: tail }, result: null, loaded: [], outside: [] };
	const m = /ModuleNotFoundError: No module named '([^']+)'/.exec(tail);
	if (m) { res.error.type = "ModuleNotFoundError"; res.error.module = m[1]; }
	return res;
}

// Runs jobs [{argv, a}] on up to `workers` worker processes, each booting
// Pyodide once for all the jobs it is handed (one at a time, in order). A
// job's timeout starts when it is handed out; a worker that times out or
// dies is replaced. onResult(i, res, stderr) as each job ends.
async function pool(jobs, workers, onResult) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), "pymode-verify-pyodide-"));
	const flags = [];
	if (process.versions.node.split(".")[0] === "20") flags.push("--experimental-wasm-stack-switching");
	let next = 0;
	const live = new Set();
	const cleanup = () => { for (const c of live) c.kill("SIGKILL"); fs.rmSync(work, { recursive: true, force: true }); };
	const onSignal = (sig) => { cleanup(); process.exit(128 + (sig === "SIGINT" ? 2 : 15)); };
	process.on("SIGINT", onSignal);
	process.on("SIGTERM", onSignal);
	const worker = (w) => new Promise((resolve) => {
		let child, cur = -1, timer = null, err = "", buf = "", done = false;
		const start = () => {
			const dir = path.join(work, `w${w}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
			fs.mkdirSync(dir);
			child = spawn(process.execPath, [...flags, SELF, "--inner", dir], {
				stdio: ["pipe", "ignore", "pipe", "pipe"] });
			live.add(child);
			err = "";
			buf = "";
			child.stderr.on("data", (d) => { err += d; if (err.length > (1 << 20)) err = err.slice(-(1 << 19)); });
			child.stdio[3].on("data", (d) => {
				buf += d;
				let nl;
				while ((nl = buf.indexOf("\n")) >= 0) {
					const msg = JSON.parse(buf.slice(0, nl));
					buf = buf.slice(nl + 1);
					if (msg.id !== cur) continue;
					clearTimeout(timer);
					const e = err;
					err = "";
					cur = -1;
					onResult(msg.id, msg.res, e);
					feed();
				}
			});
			child.on("exit", (code, signal) => {
				live.delete(child);
				clearTimeout(timer);
				if (cur >= 0) {
					const i = cur;
					cur = -1;
					onResult(i, failed(signal === "SIGKILL" && child.timedOut, jobs[i].a.timeout, code, err), err);
					if (next < jobs.length) { start(); feed(); return; }
				}
				if (!done) { done = true; resolve(); }
			});
		};
		const feed = () => {
			if (next >= jobs.length) { child.stdin.end(); return; }
			cur = next++;
			const job = jobs[cur];
			timer = setTimeout(() => { child.timedOut = true; child.kill("SIGKILL"); }, job.a.timeout * 1000);
			child.stdin.write(JSON.stringify({ id: cur, argv: job.argv }) + "\n");
		};
		start();
		feed();
	});
	try {
		await Promise.all(Array.from({ length: workers }, (_, w) => worker(w)));
	} finally {
		process.off("SIGINT", onSignal);
		process.off("SIGTERM", onSignal);
		cleanup();
	}
}

// How many workers: one per core, no more than the jobs, and no more than
// the memory budget allows (a worker with a booted Pyodide holds about
// WORKER_MB of resident memory).
const WORKER_MB = 250;
function workerCount(n, jobsOpt, budgetMb) {
	const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
	const byMemory = Math.max(1, Math.floor(budgetMb / WORKER_MB));
	return Math.max(1, Math.min(n, jobsOpt || cores, byMemory));
}

async function single(a, argv) {
	let code = 1;
	await pool([{ argv, a }], 1, (i, res, stderr) => {
		if (!res.ok && stderr) process.stderr.write(stderr);
		process.stdout.write(JSON.stringify(res) + "\n");
		code = res.ok ? 0 : 1;
	});
	return code;
}

// --batch FILE: one job a line (a JSON array: the arguments of one run);
// one answer a line on stdout, in the file's order, each what the run alone
// prints (a job with bad arguments: error type "UsageError").
async function batch(a) {
	const { out, jobs } = readBatch(a.batch, ["--pyodide", a.pyodide], (argv) => parseArgs(argv, (m) => { throw new Error(m); }),
		(ja) => (ja.batch || ja.printBoot || ja.inner ? "--batch, --inner and --print-boot-modules are not for a job" : null),
		die);
	const flush = inOrder(out);
	flush();
	if (jobs.length)
		await pool(jobs, workerCount(jobs.length, a.jobs, a.memoryBudget), (i, res, stderr) => {
			if (!res.ok && stderr) process.stderr.write(stderr);
			out[jobs[i].n] = res;
			flush();
		});
	return 0;
}

const argv = process.argv.slice(2);
if (argv[0] === "--inner") {
	await inner(argv[1]);
} else {
	const a = parseArgs(argv, die);
	if (a.printBoot) await printBoot(a);
	else if (a.batch) process.exitCode = await batch(a);
	else process.exitCode = await single(a, argv);
}
