// workerd-bundle.mjs: assembles workerd's development Pyodide bundle
// (pyodide_dev.capnp.bin) from a `pyodide` npm package, patched as workerd
// patches Pyodide's Emscripten glue, encoded with Debian's `capnp` tool. Built
// once per set of inputs and cached; it does not run workerd (verify_workerd.mjs).
//
//   node bundler/verify/workerd-bundle.mjs [--pyodide DIR] [--cache-dir DIR] [--force]
//
// prints the directory to pass as `workerd serve --pyodide-bundle-disk-cache-dir`.
// Defaults: --pyodide node_modules/pyodide-314, --cache-dir $PYMODE_WORKERD_CACHE
// or ~/.cache/pymode-pkg/workerd. Exit 0, 1 (could not build), 3 (bad arguments).
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const TOP = path.resolve(HERE, '..', '..');
export const BUNDLE_NAME = 'pyodide_dev.capnp.bin';
// bump when the layout of the cache or of the bundle changes
const FORMAT = 'pymode-pkg workerd-bundle 1';

// The names the workerd binary's own modules import from the bundle (read
// from the 2026-11-23 binary: its emscriptenSetup imports
// pyodideRuntime-internal:pyodide.asm, python.ts the wasm and the zip).
const MOD_ASM = 'pyodideRuntime-internal:pyodide.asm';
const MOD_WASM = 'pyodideRuntime-internal:pyodide.asm.wasm';
const MOD_STDLIB = 'pyodideRuntime-internal:python_stdlib.zip';

// What the glue imports from the binary's builtin wrappers. In workerd's
// source of 2026-08 this was "pyodide-internal:pool/builtin_wrappers"; the
// 2026-11-23 binary bundles the pool code itself and names the module
// "pyodide-internal:builtin_wrappers", which no longer exports
// reportUndefinedSymbolsPatched (so that patch is not applied).
const WRAPPERS = 'pyodide-internal:builtin_wrappers';
const IMPORTED = ['addEventListener', 'getRandomValues', 'location', 'monotonicDateNow',
  'newWasmModule', 'patchedApplyFunc', 'patchedLoadLibData', 'wasmInstantiate',
  'patched_PyEM_CountFuncParams'];
const PRELUDE = `\nimport {\n    ${IMPORTED.join(',\n    ')},\n} from "${WRAPPERS}";\n`;

const EVAL_ERROR = "(() => {throw new Error('Internal Emscripten code tried to eval, " +
  "this should not happen, please file a bug report with your requirements.txt file\\'s contents')})()";

// [from, to, required]: each `from` is replaced everywhere (as Bazel's
// expand_template does). These are the substitutions of workerd's
// src/pyodide/helpers.bzl for Pyodide 314 (_REPLACEMENTS_COMMON +
// _REPLACEMENTS_COMMON_314), minus reportUndefinedSymbols (see above).
// `required` ones must occur in the glue or the build stops: without them
// the module would not link or would call APIs workerd forbids.
export const PATCHES = [
  ['new WebAssembly.Module', 'newWasmModule', true],
  ['WebAssembly.instantiate', 'wasmInstantiate', true],
  ['Date.now', 'monotonicDateNow', false],
  ['crypto.getRandomValues(', 'getRandomValues(Module, ', false],
  ['eval(func)', EVAL_ERROR, false],
  ['eval(data)', EVAL_ERROR, false],
  ['eval(UTF8ToString(ptr))', EVAL_ERROR, false],
  ['function loadLibData(){', `
        function loadLibData(){
            var libData = patchedLoadLibData(Module, libName, flags.rpath);
            return flags.loadAsync ? Promise.resolve(libData) : libData;
        }
        function dummiedOutOrigLoadLibData(){
        `, false],
  ['getMemory(', 'Module.getMemoryPatched(Module, libName, ', false],
  ['function _PyEM_CountFuncParams(func){',
    'function _PyEM_CountFuncParams(func){ return patched_PyEM_CountFuncParams(Module, func);', false],
  ['var tableBase=metadata.tableSize?wasmTable.length:0;',
    "var tableBase=metadata.tableSize?wasmTable.length:0;Module.snapshotDebug && console.log('loadWebAssemblyModule', libName, memoryBase, tableBase);", false],
  ['console.error("Recursive call to fatal_error. Inner error was:");',
    'console.error("Recursive call to fatal_error. Inner error was:");\n' +
    'try { API.on_fatal?.(e); } catch(e2) { console.error(e2); }\n', false],
  ['export default _createPyodideModule;',
    PRELUDE + 'export default _createPyodideModule; export { _createPyodideModule };', true],
];

// Our own schema for the bundle: the same structs, field numbers and enum
// values as workerd's src/workerd/jsg/modules.capnp (the wire format is
// what must match; the file id is ours).
const SCHEMA = `@0xd2a1c7e35b8f4a61;
struct Bundle { modules @0 :List(Module); }
struct Module {
  name @0 :Text;
  union {
    src @1 :Data;
    wasm @4 :Data;
    data @5 :Data;
    json @6 :Text;
  }
  tsDeclaration @3 :Text;
  type @2 :ModuleType;
  compileCache @7 :Data;
}
enum ModuleType { bundle @0; builtin @1; internal @2; }
const bundle :Bundle = (modules = [
  (name = "${MOD_ASM}", src = embed "pyodide.asm.mjs", type = internal),
  (name = "${MOD_WASM}", wasm = embed "pyodide.asm.wasm", type = internal),
  (name = "${MOD_STDLIB}", data = embed "python_stdlib.zip", type = internal),
]);
`;

export function defaultCacheDir() {
  return process.env.PYMODE_WORKERD_CACHE ||
    path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'pymode-pkg', 'workerd');
}

export function applyPatches(glue) {
  for (const [from, to, required] of PATCHES) {
    if (!glue.includes(from)) {
      if (required) throw new Error(`pyodide.asm.mjs has no '${from}': not a glue workerd can patch`);
      continue;
    }
    glue = glue.split(from).join(to);
  }
  return glue;
}

function sha256(buf) { return createHash('sha256').update(buf).digest('hex'); }

export function pyodideVersion(pyodideDir) {
  const pkg = JSON.parse(fs.readFileSync(path.join(pyodideDir, 'package.json'), 'utf8'));
  return pkg.version;
}

// Returns {dir, file, version, cached}: dir holds pyodide_dev.capnp.bin.
// Throws an Error whose message says what is missing.
export function ensureBundle({ pyodideDir = path.join(TOP, 'node_modules', 'pyodide-314'),
  cacheDir = defaultCacheDir(), force = false } = {}) {
  const files = ['pyodide.asm.mjs', 'pyodide.asm.wasm', 'python_stdlib.zip'];
  for (const f of files) {
    if (!fs.existsSync(path.join(pyodideDir, f)))
      throw new Error(`'${pyodideDir}' has no ${f} (a pyodide npm package of version 314 or later)`);
  }
  const version = pyodideVersion(pyodideDir);
  const h = createHash('sha256').update(FORMAT).update(SCHEMA).update(JSON.stringify(PATCHES));
  const bufs = {};
  for (const f of files) {
    bufs[f] = fs.readFileSync(path.join(pyodideDir, f));
    h.update(f).update(sha256(bufs[f]));
  }
  const key = `${version}-${h.digest('hex').slice(0, 16)}`;
  const dir = path.join(cacheDir, key);
  const file = path.join(dir, BUNDLE_NAME);
  if (!force && fs.existsSync(file)) return { dir, file, version, cached: true };

  fs.mkdirSync(cacheDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(cacheDir, '.build-'));
  try {
    fs.writeFileSync(path.join(work, 'pyodide.asm.mjs'), applyPatches(bufs['pyodide.asm.mjs'].toString('utf8')));
    fs.writeFileSync(path.join(work, 'pyodide.asm.wasm'), bufs['pyodide.asm.wasm']);
    fs.writeFileSync(path.join(work, 'python_stdlib.zip'), bufs['python_stdlib.zip']);
    fs.writeFileSync(path.join(work, 'bundle.capnp'), SCHEMA);
    let out;
    try {
      // cwd = work: `embed` paths are relative to the schema file
      out = execFileSync('capnp', ['eval', '-I', work, '--binary', 'bundle.capnp', 'bundle'],
        { cwd: work, maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      if (e.code === 'ENOENT') throw new Error("no 'capnp' on PATH (Debian package capnproto; tools/install-deps installs it)");
      throw new Error(`capnp eval failed: ${(e.stderr || '').toString().trim()}`);
    }
    const stage = path.join(work, 'out');
    fs.mkdirSync(stage);
    fs.writeFileSync(path.join(stage, BUNDLE_NAME), out);
    fs.writeFileSync(path.join(stage, 'SOURCE'), `pyodide ${version} from ${path.resolve(pyodideDir)}\n`);
    fs.rmSync(dir, { recursive: true, force: true });
    try {
      fs.renameSync(stage, dir);
    } catch (e) { // another process won the race: its copy is as good as ours
      if (!fs.existsSync(file)) throw e;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { dir, file, version, cached: false };
}

function main(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--pyodide' && i + 1 < argv.length) opts.pyodideDir = argv[++i];
    else if (a === '--cache-dir' && i + 1 < argv.length) opts.cacheDir = argv[++i];
    else if (a === '--force') opts.force = true;
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node workerd-bundle.mjs [--pyodide DIR] [--cache-dir DIR] [--force]\n');
      return 0;
    } else {
      process.stderr.write(`workerd-bundle: unknown argument '${a}'\n`);
      return 3;
    }
  }
  try {
    const r = ensureBundle(opts);
    process.stdout.write(r.dir + '\n');
    return 0;
  } catch (e) {
    process.stderr.write(`workerd-bundle: ${e.message}\n`);
    return 1;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url))
  process.exitCode = main(process.argv.slice(2));
