#!/usr/bin/env node
// verify_wasi.mjs: boots a bundle in a real CPython 3.13 for wasm32-wasi
// (tools/build-wasi-python) under node's built-in node:wasi, and reports
// like verify_native.py. It does not build the interpreter.
//
//   node bundler/verify/verify_wasi.mjs [--python HOME] [--stdlib-zip Z]
//       [--path P]... [--provided M]... [--zlib-polyfill] --entry MODULE
//       [--call FUNC] [--timeout S] [--memory]
//
// HOME holds python.wasm and lib/python3.13 (the interpreter's own Lib); by
// default $PYMODE_WASI_PYTHON, else what `tools/build-wasi-python --where`
// prints. The guest sees only what it is given, as WASI preopens:
//   /home    a temporary dir with lib/python313.zip (a copy of --stdlib-zip)
//            and an empty lib/python3.13/lib-dynload; PYTHONHOME=/home. With
//            no --stdlib-zip, HOME itself (the interpreter's own stdlib).
//            --zlib-polyfill (pymode: PyMode has no zlib C module but a
//            pure-Python polyfill, and reads deflated zips with it) adds
//            lib/python3.13/zlib.py = zlib_inflate.py (next to this file),
//            which zipimport finds when a member is deflated (origin
//            "provided:zlib.py"); needs --stdlib-zip
//   /pN/     --path N: a directory is mounted as /pN/BASE, a zip is copied
//            into the temporary dir and mounted as /pN/BASE
//   /runtime HOME/lib/python3.13, only with --provided (the stand-ins)
//   /verify  the temporary dir: boot.py, verify_child.py, cfg.marshal,
//            result.marshal, cwd/ (the child's working directory)
// The child is `python -S -s -P -B /verify/boot.py` (a file, as `python.wasm
// entry.py` runs an app: `-c` would import linecache at start-up, which a
// file run does not), boot.py changing into /verify/cwd
// and running verify_child.py as __main__ with the cfg verify_native.py
// passes (marshal both ways: the child imports no stdlib module to talk).
// node:wasi ignores ABSTIME clock subscriptions in poll_oneoff (time.sleep
// would never return): they are rewritten into relative ones before the call.
// The run is in a child node process (--inner) killed at the timeout.
// --batch JOBS [--jobs N] [--memory-budget MiB]: many checks in one process
// (README.md): python.wasm compiled once, each check a fresh instance in its
// own worker thread (its own WASI, preopens and memory; the guest's stdout
// and stderr go to files, stdin is /dev/null), N at a time, the thread
// terminated at the job's timeout; one answer a line in JOBS's order.
// --memory: the result's "memory" is {current, peak}, tracemalloc's (its C
// half) from just before `import ENTRY` to after the call, as
// verify_pyodide.mjs --memory measures (tools/calibrate-memory).
//
// stdout: one JSON object {"ok", "error", "result", "loaded", "outside"}.
// error.type "InterpreterFailed" when python.wasm exited before reporting,
// "WasmTrap" when it trapped (the message names CPython 3.13.5's
// methodcaller GC trap when that is the one), "Timeout".
// Exit 0 ok, 1 the app failed (an exception, the interpreter died before
// reporting, a timeout), 3 bad arguments or no interpreter.
import { spawnSync, execFileSync } from "node:child_process";
import { Worker, isMainThread, workerData, parentPort } from "node:worker_threads";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import process from "node:process";
import { finishHandlerArgs, handlerCfg, handlerDefaults, HANDLER_FLAGS, HANDLER_LISTS, HANDLER_SINGLE } from "./handler_args.mjs";
import { inOrder, readBatch } from "./batch.mjs";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const SELF = fileURLToPath(import.meta.url);
const BUILDER = path.join(HERE, "..", "..", "tools", "build-wasi-python");

function die(msg) {
	process.stderr.write(`verify_wasi: error: ${msg}\n`);
	process.exit(3);
}

function findPython() {
	if (process.env.PYMODE_WASI_PYTHON) return process.env.PYMODE_WASI_PYTHON;
	if (!fs.existsSync(BUILDER)) die("no wasm interpreter: set PYMODE_WASI_PYTHON or pass --python HOME");
	let out;
	try {
		out = execFileSync(BUILDER, ["--where"], { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
	} catch (e) {
		die(`no wasm interpreter: ${(e.stdout || "").trim().replace(/^build-wasi-python: /, "") || "tools/build-wasi-python --where failed"}`);
	}
	const m = /^home: (.*)$/m.exec(out);
	if (!m) die("no wasm interpreter: tools/build-wasi-python --where printed no home");
	return m[1];
}

// die(msg) does not return: it exits 3, or throws for a job of a batch
function parseArgs(argv, die) {
	const a = { path: [], provided: [], timeout: 60, memoryBudget: 1024, ...handlerDefaults() };
	const single = { "--python": "python", "--stdlib-zip": "stdlibZip", "--entry": "entry",
		"--call": "call", "--timeout": "timeout", "--inner": "inner", "--batch": "batch", "--jobs": "jobs",
		"--memory-budget": "memoryBudget", ...HANDLER_SINGLE };
	for (let i = 0; i < argv.length; i++) {
		const k = argv[i];
		if (k === "--zlib-polyfill") { a.zlibPolyfill = true; continue; }
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
	if (a.inner) return a;
	if (!a.batch && !a.entry) die("--entry is required");
	finishHandlerArgs(a, die);
	for (const p of a.path) if (!fs.existsSync(p)) die(`--path ${p}: no such file or directory`);
	if (a.stdlibZip && !fs.statSync(a.stdlibZip, { throwIfNoEntry: false })?.isFile())
		die(`--stdlib-zip ${a.stdlibZip}: no such file`);
	if (a.zlibPolyfill && !a.stdlibZip) die("--zlib-polyfill needs --stdlib-zip");
	a.timeout = Number(a.timeout);
	if (!(a.timeout > 0)) die("--timeout must be a positive number of seconds");
	a.memoryBudget = Number(a.memoryBudget);
	if (!(a.memoryBudget > 0)) die("--memory-budget must be a positive number of MiB");
	if (a.jobs !== undefined && !(Number.isInteger(Number(a.jobs)) && Number(a.jobs) > 0))
		die("--jobs must be a positive whole number");
	a.jobs = a.jobs === undefined ? 0 : Number(a.jobs);
	if (!a.python) a.python = findPython();
	if (!fs.existsSync(path.join(a.python, "python.wasm")) || !fs.existsSync(path.join(a.python, "lib", "python3.13")))
		die(`--python ${a.python}: no python.wasm and lib/python3.13 there (tools/build-wasi-python builds them)`);
	return a;
}

// ---- marshal: the subset verify_child.py's cfg and result use

export function marshalDump(v) {
	const parts = [];
	const i32 = (n) => { const b = Buffer.alloc(4); b.writeInt32LE(n); parts.push(b); };
	const put = (x) => {
		if (x === null || x === undefined) parts.push(Buffer.from("N"));
		else if (x === true) parts.push(Buffer.from("T"));
		else if (x === false) parts.push(Buffer.from("F"));
		else if (typeof x === "number" && Number.isInteger(x) && Math.abs(x) < 2 ** 31) { parts.push(Buffer.from("i")); i32(x); }
		else if (typeof x === "number") { const b = Buffer.alloc(9); b.write("g"); b.writeDoubleLE(x, 1); parts.push(b); }
		else if (typeof x === "string") { const s = Buffer.from(x, "utf8"); parts.push(Buffer.from("u")); i32(s.length); parts.push(s); }
		else if (Array.isArray(x)) { parts.push(Buffer.from("[")); i32(x.length); x.forEach(put); }
		else { parts.push(Buffer.from("{")); for (const [k, e] of Object.entries(x)) { put(k); put(e); } parts.push(Buffer.from("0")); }
	};
	put(v);
	return Buffer.concat(parts);
}

export function marshalLoad(buf) {
	let p = 0;
	const refs = [];
	const i32 = () => { const n = buf.readInt32LE(p); p += 4; return n; };
	const str = (n, enc) => { const s = buf.toString(enc, p, p + n); p += n; return s; };
	const get = () => {
		const code = buf[p++];
		const flag = code & 0x80;
		const t = String.fromCharCode(code & 0x7f);
		let slot = -1;
		if (flag) { slot = refs.length; refs.push(undefined); }
		let v;
		switch (t) {
		case "N": v = null; break;
		case "T": v = true; break;
		case "F": v = false; break;
		case "i": v = i32(); break;
		case "l": { // base 2**15 digits
			const n = i32(); let x = 0n;
			for (let k = 0; k < Math.abs(n); k++) { x += BigInt(buf.readUInt16LE(p)) << BigInt(15 * k); p += 2; }
			v = Number(n < 0 ? -x : x); break;
		}
		case "g": v = buf.readDoubleLE(p); p += 8; break;
		case "u": case "t": v = str(i32(), "utf8"); break;
		case "a": case "A": v = str(i32(), "latin1"); break;
		case "z": case "Z": v = str(buf[p++], "latin1"); break;
		case ")": { const n = buf[p++]; v = []; if (flag) refs[slot] = v; for (let k = 0; k < n; k++) v.push(get()); break; }
		case "(": case "[": { const n = i32(); v = []; if (flag) refs[slot] = v; for (let k = 0; k < n; k++) v.push(get()); break; }
		case "{": {
			v = {}; if (flag) refs[slot] = v;
			for (;;) { if (buf[p] === 0x30) { p++; break; } const k = get(); v[k] = get(); }
			break;
		}
		case "r": return refs[i32()];
		default: throw new Error(`marshal: type '${t}' at ${p - 1} not handled`);
		}
		if (flag) refs[slot] = v;
		return v;
	};
	return get();
}

// ---- the run

const BOOT = [
	"import sys, posix",
	"posix.chdir('/verify/cwd')",
	"__file__ = '/verify/verify_child.py'",
	"sys.argv = [__file__, '/verify/cfg.marshal', '/verify/result.marshal']",
	"exec(compile(open(__file__, 'rb').read(), __file__, 'exec'))",
].join("\n");

// node:wasi's poll_oneoff ignores subscription_clock's ABSTIME flag (it takes
// an absolute deadline for a relative timeout): rewrite those subscriptions in
// place into relative ones. Layout (wasi_snapshot_preview1): 48 bytes each,
// tag u8 at 8 (0 = clock), clock id u32 at 16, timeout u64 at 24, flags u16 at 40.
function fixAbstime(memory, inPtr, n) {
	const v = new DataView(memory.buffer);
	for (let k = 0; k < n; k++) {
		const s = inPtr + 48 * k;
		if (v.getUint8(s + 8) !== 0) continue;
		const flags = v.getUint16(s + 40, true);
		if (!(flags & 1)) continue;
		const id = v.getUint32(s + 16, true);
		const now = id === 0 ? BigInt(Date.now()) * 1000000n : process.hrtime.bigint();
		const deadline = v.getBigUint64(s + 24, true);
		v.setBigUint64(s + 24, deadline > now ? deadline - now : 0n, true);
		v.setUint16(s + 40, flags & ~1, true);
	}
}

// The WASI imports for one guest: node:wasi's, poll_oneoff fixed (getMemory:
// the instance's memory, once there is one).
function wasiImports(wasi, getMemory) {
	const imp = { ...wasi.wasiImport };
	const poll = imp.poll_oneoff;
	imp.poll_oneoff = (inPtr, outPtr, n, nevents) => {
		fixAbstime(getMemory(), inPtr, n);
		return poll(inPtr, outPtr, n, nevents);
	};
	return { wasi_snapshot_preview1: imp };
}

const GUEST_ARGS = ["python", "-S", "-s", "-P", "-B", "/verify/boot.py"];

async function inner(a) {
	const { WASI } = await import("node:wasi");
	const spec = JSON.parse(fs.readFileSync(path.join(a.inner, "spec.json"), "utf8"));
	const wasi = new WASI({ version: "preview1", returnOnExit: true, args: GUEST_ARGS,
		env: { PYTHONHOME: "/home" }, preopens: spec.preopens });
	const mod = await WebAssembly.compile(fs.readFileSync(spec.wasm));
	let inst;
	inst = await WebAssembly.instantiate(mod, wasiImports(wasi, () => inst.exports.memory));
	process.exitCode = wasi.start(inst);
}

// A batch's worker thread: one guest from the compiled module it is given,
// its stdin /dev/null and its stdout and stderr the given files.
async function threadJob(d) {
	const { WASI } = await import("node:wasi");
	const wasi = new WASI({ version: "preview1", returnOnExit: true, args: GUEST_ARGS,
		env: { PYTHONHOME: "/home" }, preopens: d.preopens, stdin: d.inFd, stdout: d.outFd, stderr: d.errFd });
	let inst;
	inst = new WebAssembly.Instance(d.module, wasiImports(wasi, () => inst.exports.memory));
	parentPort.postMessage({ code: wasi.start(inst) });
}

// Writes a's guest files into a new temporary dir: {work, vdir, spec}
// (spec: the wasm file and the preopens). The caller removes work.
function prepare(a) {
	const work = fs.mkdtempSync(path.join(os.tmpdir(), "pymode-verify-wasi-"));
	try {
		return prepareIn(a, work);
	} catch (e) {
		fs.rmSync(work, { recursive: true, force: true });
		throw e;
	}
}

function prepareIn(a, work) {
	const vdir = path.join(work, "verify");
	fs.mkdirSync(path.join(vdir, "cwd"), { recursive: true });
	const preopens = { "/verify": vdir };
	const places = [];
	const paths = [];
	a.path.forEach((p, i) => {
		const base = path.basename(path.resolve(p));
		const guest = `/p${i}/${base}`;
		if (fs.statSync(p).isDirectory()) {
			preopens[guest] = path.resolve(p);
		} else {
			const d = path.join(work, `p${i}`);
			fs.mkdirSync(d);
			fs.copyFileSync(p, path.join(d, base));
			preopens[`/p${i}`] = d;
		}
		paths.push(guest);
		places.push([guest, base]);
	});
	if (a.stdlibZip) {
		const home = path.join(work, "home");
		fs.mkdirSync(path.join(home, "lib", "python3.13", "lib-dynload"), { recursive: true });
		fs.copyFileSync(a.stdlibZip, path.join(home, "lib", "python313.zip"));
		preopens["/home"] = home;
		places.push(["/home/lib/python313.zip", path.basename(a.stdlibZip)]);
		if (a.zlibPolyfill) {
			fs.copyFileSync(path.join(HERE, "zlib_inflate.py"), path.join(home, "lib", "python3.13", "zlib.py"));
			places.push(["/home/lib/python3.13", "provided"]);
		}
	} else {
		preopens["/home"] = path.resolve(a.python);
		places.push(["/home/lib/python3.13", "stdlib"]);
	}
	places.push(["/home/lib/python3.13/lib-dynload", "lib-dynload"]);
	const runtimeLib = [];
	if (a.provided.length || a["runtime-module"].length) {
		preopens["/runtime"] = path.resolve(a.python, "lib", "python3.13");
		runtimeLib.push("/runtime");
	}
	// the runtime's own modules (workers, pymode.workers, js): the stand-ins
	if (a["runtime-module"].length) {
		preopens["/standins"] = path.join(HERE, "standins");
		runtimeLib.push("/standins");
	}
	fs.copyFileSync(path.join(HERE, "verify_child.py"), path.join(vdir, "verify_child.py"));
	const cfg = { paths, entry: a.entry, call: a.call || null,
		provided: [...a.provided, ...a["runtime-module"]],
		runtime_lib: runtimeLib, places, loop: "asyncio", memory: !!a.memory, memory_trace: !!a.memoryTrace,
		...handlerCfg(a) };
	fs.writeFileSync(path.join(vdir, "cfg.marshal"), marshalDump(cfg));
	fs.writeFileSync(path.join(vdir, "boot.py"), BOOT + "\n");
	const spec = { wasm: path.resolve(a.python, "python.wasm"), preopens };
	return { work, vdir, spec };
}

// The answer of a guest run: r = {stdout (Buffer), stderr (text), status,
// timedOut}. The guest's stdout goes to our stderr (stdout is the answer).
function answer(a, vdir, r) {
	const resPath = path.join(vdir, "result.marshal");
	const stderr = r.stderr || "";
	let res;
	if (fs.existsSync(resPath) && fs.statSync(resPath).size > 0) {
		res = marshalLoad(fs.readFileSync(resPath));
	} else {
		const timedOut = r.timedOut;
		const tail = stderr.trim().split("\n").slice(-10).join("\n");
		res = { ok: false, error: { type: timedOut ? "Timeout" : "InterpreterFailed", module: null,
			message: timedOut ? `no result after ${a.timeout} s` : `the wasm interpreter exited ${r.status} before reporting`,
			traceback: tail }, result: null, loaded: [], outside: [] };
		const m = /ModuleNotFoundError: No module named '([^']+)'/.exec(tail);
		if (m) { res.error.type = "ModuleNotFoundError"; res.error.module = m[1]; }
		// a wasm trap: node prints "RuntimeError: <trap>" and the wasm stack
		const lines = stderr.split("\n");
		const at = lines.findIndex((l) => /^RuntimeError: /.test(l));
		if (!timedOut && at >= 0) {
			const stack = lines.slice(at, at + 9).join("\n");
			res.error.type = "WasmTrap";
			res.error.traceback = stack;
			res.error.message = `the interpreter trapped: ${lines[at].slice(14)}`;
			if (/signature mismatch/.test(lines[at]) && /gc_collect_main/.test(stack))
				res.error.message += " in the cyclic GC: CPython 3.13.5's operator.methodcaller tp_clear"
					+ " (python/cpython#156762, fixed in 3.14), not a fault of the bundle";
		}
	}
	return res;
}

function outer(a) {
	const { work, vdir, spec } = prepare(a);
	let code = 1;
	try {
		fs.writeFileSync(path.join(work, "spec.json"), JSON.stringify(spec));
		const r = spawnSync(process.execPath, ["--no-warnings", SELF, "--inner", work], {
			stdio: ["ignore", "pipe", "pipe"], timeout: a.timeout * 1000, killSignal: "SIGKILL",
			maxBuffer: 64 << 20,
		});
		const stderr = (r.stderr || Buffer.alloc(0)).toString();
		const res = answer(a, vdir, { stderr, status: r.status,
			timedOut: (r.error && r.error.code === "ETIMEDOUT") || r.signal === "SIGKILL" });
		if (r.stdout && r.stdout.length) process.stderr.write(r.stdout);
		if (!res.ok && stderr) process.stderr.write(stderr);
		process.stdout.write(JSON.stringify(res) + "\n");
		code = res.ok ? 0 : 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return code;
}

// One job of a batch in a worker thread: resolves to {res, stderr}.
function runThread(a, module) {
	let work, vdir, spec;
	try {
		({ work, vdir, spec } = prepare(a));
	} catch (e) {
		return Promise.resolve({ res: { ok: false, error: { type: "SetupError", module: null, message: e.message,
			traceback: "" }, result: null, loaded: [], outside: [] }, stderr: "" });
	}
	const out = path.join(work, "stdout"), err = path.join(work, "stderr");
	const fds = { inFd: fs.openSync("/dev/null", "r"), outFd: fs.openSync(out, "w"), errFd: fs.openSync(err, "w") };
	return new Promise((resolve) => {
		let status = null, error = null, timedOut = false;
		const w = new Worker(SELF, { workerData: { wasiJob: true, module, preopens: spec.preopens, ...fds },
			stdout: true, stderr: true });
		w.stdout.resume();
		w.stderr.resume();
		const timer = setTimeout(() => { timedOut = true; w.terminate(); }, a.timeout * 1000);
		w.on("message", (m) => { status = m.code; });
		w.on("error", (e) => { error = e; });
		w.on("exit", () => {
			clearTimeout(timer);
			for (const fd of Object.values(fds)) fs.closeSync(fd);
			// what node prints of an uncaught error (a trap): its stack
			let stderr = fs.readFileSync(err, "utf8");
			if (error) stderr += (stderr && !stderr.endsWith("\n") ? "\n" : "") + (error.stack || String(error)) + "\n";
			const guestOut = fs.readFileSync(out);
			let res;
			try {
				res = answer(a, vdir, { stderr, status: status ?? 1, timedOut });
			} finally {
				fs.rmSync(work, { recursive: true, force: true });
			}
			resolve({ res, stderr: (guestOut.length ? guestOut.toString() : "") + (res.ok ? "" : stderr) });
		});
	});
}

// How many threads: one per core, no more than the jobs, and no more than
// the memory budget allows (a guest CPython with its thread holds about
// THREAD_MB of resident memory).
const THREAD_MB = 150;
function threadCount(n, jobsOpt, budgetMb) {
	const cores = os.availableParallelism ? os.availableParallelism() : os.cpus().length;
	const byMemory = Math.max(1, Math.floor(budgetMb / THREAD_MB));
	return Math.max(1, Math.min(n, jobsOpt || cores, byMemory));
}

// --batch FILE: one job a line (a JSON array: the arguments of one run);
// one answer a line on stdout, in the file's order, each what the run alone
// prints (a job with bad arguments: error type "UsageError").
async function batch(a) {
	const { out, jobs } = readBatch(a.batch, ["--python", a.python], (argv) => parseArgs(argv, (m) => { throw new Error(m); }),
		(ja) => (ja.batch || ja.inner ? "--batch and --inner are not for a job" : null), die);
	const flush = inOrder(out);
	flush();
	const modules = new Map(); // python.wasm -> its compiled module, once
	const moduleOf = (a) => {
		const wasm = path.resolve(a.python, "python.wasm");
		if (!modules.has(wasm)) modules.set(wasm, WebAssembly.compile(fs.readFileSync(wasm)));
		return modules.get(wasm);
	};
	let next = 0;
	const lane = async () => {
		while (next < jobs.length) {
			const job = jobs[next++];
			const { res, stderr } = await runThread(job.a, await moduleOf(job.a));
			if (stderr) process.stderr.write(stderr);
			out[job.n] = res;
			flush();
		}
	};
	await Promise.all(Array.from({ length: threadCount(jobs.length, a.jobs, a.memoryBudget) }, lane));
	return 0;
}

if (!isMainThread && workerData && workerData.wasiJob) {
	await threadJob(workerData);
} else if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(SELF)) {
	const a = parseArgs(process.argv.slice(2), die);
	if (a.inner) await inner(a);
	else if (a.batch) process.exitCode = await batch(a);
	else process.exitCode = outer(a);
}
