// verify_workerd.mjs: serves a Python Worker project in workerd itself (npm's
// `workerd`, with Pyodide 314 in its development slot, built by
// workerd-bundle.mjs), sends it one request and prints one JSON line. It
// loads the modules as wrangler uploads them; it does not build the project
// (pymode-bundle does) nor boot Pyodide under node (verify_pyodide.mjs).
//
//   node bundler/verify/verify_workerd.mjs --project DIR [--request 'GET /path']
//       [--header 'K: V']... [--body TEXT] [--timeout 120] [--twice]
//       [--sdk auto|builtin|project] [--workerd BIN] [--pyodide DIR] [--cache-dir DIR]
//   node bundler/verify/verify_workerd.mjs --project DIR --list-modules
//
// Exit 0 ok, 1 the worker failed (start-up failure, uncaught exception, timeout),
// 3 bad arguments or a project that cannot be read. README.md has the contract.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import { ensureBundle, defaultCacheDir, TOP } from './workerd-bundle.mjs';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const require = createRequire(path.join(TOP, 'package.json'));
const BODY_TEXT_MAX = 4096;
// workerd's compatibility table (2026-11-23 binary): pythonExternalSDK is on by
// default from this date; the `workers` SDK must then come from python_modules
const EXTERNAL_SDK_DATE = '2026-04-21';

class Usage extends Error {}

function parseArgs(argv) {
  const o = { request: 'GET /', headers: [], body: null, timeout: 120, twice: false, sdk: 'auto',
    workerd: null, pyodide: path.join(TOP, 'node_modules', 'pyodide-314'), cacheDir: defaultCacheDir() };
  const need = (i) => {
    if (i + 1 >= argv.length) throw new Usage(`option '${argv[i]}' needs a value`);
    return argv[i + 1];
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    switch (a) {
      case '--project': o.project = need(i); i++; break;
      case '--request': o.request = need(i); i++; break;
      case '--header': o.headers.push(need(i)); i++; break;
      case '--body': o.body = need(i); i++; break;
      case '--timeout': o.timeout = Number(need(i)); i++; break;
      case '--twice': o.twice = true; break;
      case '--list-modules': o.list = true; break;
      case '--sdk': o.sdk = need(i); i++; break;
      case '--workerd': o.workerd = need(i); i++; break;
      case '--pyodide': o.pyodide = need(i); i++; break;
      case '--cache-dir': o.cacheDir = need(i); i++; break;
      case '-h': case '--help': o.help = true; break;
      default: throw new Usage(`unknown argument '${a}'`);
    }
  }
  if (o.help) return o;
  if (!o.project) throw new Usage('--project DIR is required');
  if (!(o.timeout > 0)) throw new Usage('--timeout must be a positive number of seconds');
  if (!['auto', 'builtin', 'project'].includes(o.sdk)) throw new Usage(`--sdk must be auto, builtin or project, not '${o.sdk}'`);
  const m = /^([A-Z]+) (\/\S*)$/.exec(o.request);
  if (!m) throw new Usage(`--request must look like 'GET /path', not '${o.request}'`);
  o.method = m[1];
  o.path = m[2];
  o.headerObj = {};
  for (const h of o.headers) {
    const c = h.indexOf(':');
    if (c <= 0) throw new Usage(`--header must look like 'Name: value', not '${h}'`);
    o.headerObj[h.slice(0, c).trim()] = h.slice(c + 1).trim();
  }
  return o;
}

// ---- the project: wrangler config and the modules wrangler uploads ----

function readConfig(dir) {
  // wrangler's own order of precedence
  for (const name of ['wrangler.json', 'wrangler.jsonc', 'wrangler.toml']) {
    const file = path.join(dir, name);
    if (!fs.existsSync(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    let cfg;
    if (name.endsWith('.toml')) {
      const { parse } = require('smol-toml');
      try { cfg = parse(text); } catch (e) { throw new Usage(`${name}: ${e.message.split('\n')[0]}`); }
    } else {
      const { parse, printParseErrorCode } = require('jsonc-parser');
      const errors = [];
      cfg = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
      if (errors.length) {
        const e = errors[0];
        const line = text.slice(0, e.offset).split('\n').length;
        throw new Usage(`${name}:${line}: ${printParseErrorCode(e.error)}`);
      }
    }
    if (!cfg || typeof cfg !== 'object') throw new Usage(`${name}: not a table`);
    return { name, cfg };
  }
  throw new Usage(`'${dir}' has no wrangler.json, wrangler.jsonc or wrangler.toml`);
}

// a glob as wrangler reads its module rules and python_modules.exclude
// (glob-to-regexp with globstar): a whole-segment ** is any run of whole
// segments, * any run within one, every other character itself; anchored
function globToRegExp(glob) {
  let re = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      const prev = glob[i - 1];
      let stars = 1;
      while (glob[i + 1] === '*') { stars++; i++; }
      const next = glob[i + 1];
      if (stars > 1 && (prev === undefined || prev === '/') && (next === undefined || next === '/')) {
        re += '((?:[^/]*(?:/|$))*)';
        i++;
      } else re += '([^/]*)';
    } else re += c.replace(/[.+^${}()|[\]\\?/]/g, '\\$&');
  }
  return new RegExp('^' + re + '$');
}

// wrangler's module rules for main's folder: the config's, a PythonModule
// rule for **/*.py when it has none, then the defaults; a rule whose type an
// earlier rule without fallthrough has is dropped (parseRules)
function moduleRules(cfg) {
  const user = Array.isArray(cfg.rules) ? cfg.rules.filter((r) => r && typeof r === 'object') : [];
  const all = [...user];
  if (!user.some((r) => r.type === 'PythonModule')) all.push({ type: 'PythonModule', globs: ['**/*.py'] });
  all.push({ type: 'Text', globs: ['**/*.txt', '**/*.html', '**/*.sql'] },
    { type: 'Data', globs: ['**/*.bin'] },
    { type: 'CompiledWasm', globs: ['**/*.wasm', '**/*.wasm?module'] });
  const done = new Set(), kept = [];
  for (const r of all) {
    if (done.has(r.type)) continue;
    if (r.fallthrough !== true) done.add(r.type);
    kept.push({ type: r.type, res: (Array.isArray(r.globs) ? r.globs : []).filter((g) => typeof g === 'string').map(globToRegExp) });
  }
  return kept;
}

function walk(root, rel = '', out = []) {
  for (const ent of fs.readdirSync(path.join(root, rel), { withFileTypes: true })) {
    const r = rel ? rel + '/' + ent.name : ent.name;
    const st = fs.statSync(path.join(root, r));
    if (st.isDirectory()) walk(root, r, out);
    else if (st.isFile()) out.push(r);
  }
  return out.sort();
}

function collectModules(project, cfg) {
  if (typeof cfg.main !== 'string' || !cfg.main) throw new Usage('the wrangler config has no "main"');
  const mainPath = path.resolve(project, cfg.main);
  if (!fs.existsSync(mainPath)) throw new Usage(`main '${cfg.main}' does not exist`);
  if (!mainPath.endsWith('.py')) throw new Usage(`main '${cfg.main}' is not a .py file`);
  const mainDir = path.dirname(mainPath);
  const pmDir = path.join(project, 'python_modules');
  const mainName = path.basename(mainPath);
  const modules = [{ name: mainName, kind: 'python', file: mainPath }];
  // main's folder: the files a module rule matches, named relative to it
  // (Python modules as such, the rest as data under /session/metadata);
  // python_modules, dot folders and node_modules are not app modules
  const skipDir = (r) => r.split('/').some((p, i, a) => i < a.length - 1 &&
    (p.startsWith('.') || p === 'node_modules' || p === '__pycache__')) ||
    path.join(mainDir, r).startsWith(pmDir + path.sep);
  const rules = moduleRules(cfg);
  for (const r of walk(mainDir)) {
    if (r === mainName || skipDir(r)) continue;
    const rule = rules.find((x) => x.res.some((re) => re.test(r)));
    if (!rule) continue;
    modules.push({ name: r, kind: rule.type === 'PythonModule' ? 'python' : 'data', file: path.join(mainDir, r) });
  }
  // python_modules.exclude replaces the default (every .pyc)
  const pm = cfg.python_modules;
  const exclude = pm && Array.isArray(pm.exclude) ? pm.exclude.filter((g) => typeof g === 'string') : ['**/*.pyc'];
  const res = exclude.map(globToRegExp);
  let excluded = 0;
  if (fs.existsSync(pmDir)) {
    for (const r of walk(pmDir)) {
      if (res.some((re) => re.test(r))) { excluded++; continue; }
      modules.push({ name: 'python_modules/' + r, kind: 'data', file: path.join(pmDir, r) });
    }
  }
  return { modules, mainDir, excluded,
    hasSdk: fs.existsSync(path.join(pmDir, 'workers', '__init__.py')) };
}

// ---- the workerd config ----

function capStr(s) { // a Cap'n Proto text-format string literal
  let out = '"';
  for (const ch of String(s)) {
    const c = ch.codePointAt(0);
    if (ch === '"' || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

function decideFlags(cfg, hasSdk, sdk, notes) {
  const flags = (Array.isArray(cfg.compatibility_flags) ? cfg.compatibility_flags : []).map(String);
  if (!flags.includes('python_workers') && !flags.some((f) => /^python_workers_\d{8}$/.test(f)))
    notes.push('compatibility_flags has no "python_workers": Cloudflare would not run this as a Python Worker');
  // the development slot replaces the version the date or a python_workers_YYYYMMDD flag picks
  const out = flags.filter((f) => !/^python_workers_\d{8}$/.test(f));
  for (const f of flags) if (!out.includes(f)) notes.push(`flag ${f} dropped: the development Pyodide slot serves Python 3.14`);
  if (!out.includes('python_workers')) out.push('python_workers');
  out.push('python_workers_development');
  const date = String(cfg.compatibility_date || '');
  const external = !flags.includes('disable_python_external_sdk') &&
    (flags.includes('enable_python_external_sdk') || date >= EXTERNAL_SDK_DATE);
  let sdkFrom = external ? 'python_modules' : 'built-in';
  if (external && (sdk === 'builtin' || (sdk === 'auto' && !hasSdk))) {
    out.splice(out.indexOf('enable_python_external_sdk') >>> 0, out.includes('enable_python_external_sdk') ? 1 : 0);
    out.push('disable_python_external_sdk');
    sdkFrom = 'built-in';
    if (!hasSdk)
      notes.push(`python_modules has no workers package (workers-runtime-sdk), which the runtime imports ` +
        `for compatibility_date >= ${EXTERNAL_SDK_DATE}: served with workerd's built-in SDK (disable_python_external_sdk)`);
  }
  return { flags: out, sdk: sdkFrom };
}

function writeConfig(tmp, project, cfg, modules, flags, port) {
  // embedded paths must be relative: link the project into the temporary folder
  fs.symlinkSync(path.resolve(project), path.join(tmp, 'p'));
  fs.copyFileSync(path.join(HERE, 'workerd-kv.mjs'), path.join(tmp, 'workerd-kv.mjs'));
  const rel = (f) => 'p/' + path.relative(path.resolve(project), f).split(path.sep).join('/');
  const mods = modules.map((m) => `(name = ${capStr(m.name)}, ${m.kind === 'python' ? 'pythonModule' : 'data'} = embed ${capStr(rel(m.file))})`);
  const bindings = [];
  const services = [];
  const vars = cfg.vars && typeof cfg.vars === 'object' ? cfg.vars : {};
  for (const [k, v] of Object.entries(vars)) {
    bindings.push(typeof v === 'string' ? `(name = ${capStr(k)}, text = ${capStr(v)})`
      : `(name = ${capStr(k)}, json = ${capStr(JSON.stringify(v))})`);
  }
  const kvs = Array.isArray(cfg.kv_namespaces) ? cfg.kv_namespaces : [];
  kvs.forEach((kv, i) => {
    if (!kv || typeof kv.binding !== 'string') throw new Usage(`kv_namespaces[${i}] has no "binding"`);
    const svc = `kv-${i}`;
    bindings.push(`(name = ${capStr(kv.binding)}, kvNamespace = ${capStr(svc)})`);
    services.push(`(name = ${capStr(svc)}, worker = (modules = [(name = "kv.mjs", esModule = embed "workerd-kv.mjs")], compatibilityDate = "2024-01-01"))`);
  });
  const text = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = (
      modules = [
        ${mods.join(',\n        ')}
      ],
      bindings = [${bindings.join(', ')}],
      compatibilityDate = ${capStr(String(cfg.compatibility_date || '2026-11-01'))},
      compatibilityFlags = [${flags.map(capStr).join(', ')}],
    )),
    ${services.join(',\n    ')}
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
`;
  fs.writeFileSync(path.join(tmp, 'config.capnp'), text);
}

// ---- running ----

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => { const { port } = s.address(); s.close(() => resolve(port)); });
  });
}

function canConnect(port) {
  return new Promise((resolve) => {
    const c = net.connect(port, '127.0.0.1');
    c.once('connect', () => { c.destroy(); resolve(true); });
    c.once('error', () => resolve(false));
  });
}

function sendRequest(o, port, ms) {
  return new Promise((resolve, reject) => {
    const headers = { ...o.headerObj };
    const body = o.body === null ? null : Buffer.from(o.body);
    if (body) headers['content-length'] = body.length;
    const req = http.request({ host: '127.0.0.1', port, method: o.method, path: o.path, headers, timeout: ms }, (res) => {
      const chunks = [];
      res.on('data', (d) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

// the Python traceback (or the JS error) that workerd logged on stderr
export function parseError(stderr) {
  const lines = stderr.split('\n');
  const tb = lines.findIndex((l) => l.includes('Traceback (most recent call last):'));
  if (tb >= 0) {
    const out = [lines[tb].slice(lines[tb].indexOf('Traceback'))];
    for (let i = tb + 1; i < lines.length; i++) {
      if (/^\s+at \S/.test(lines[i]) || /^service \S+: /.test(lines[i]) || /^workerd\//.test(lines[i])) break;
      out.push(lines[i]);
    }
    while (out.length && out[out.length - 1].trim() === '') out.pop();
    let type = 'Error', message = '';
    for (let i = out.length - 1; i > 0; i--) {
      const m = /^([A-Za-z_][\w.]*)(?:: (.*))?$/.exec(out[i]);
      if (m && !/^\s/.test(out[i])) { type = m[1]; message = m[2] || ''; break; }
    }
    return { type, message, traceback: out.join('\n') };
  }
  const un = lines.find((l) => /Uncaught|uncaught exception|Error:/.test(l));
  if (!un) return null;
  const m = /Uncaught (?:\(in promise\) )?(\w+)?:? ?(.*)$/.exec(un);
  return { type: (m && m[1]) || 'Error', message: m ? m[2] : un.trim(), traceback: null };
}

function pythonVersion(pyodideDir) {
  try {
    return JSON.parse(fs.readFileSync(path.join(pyodideDir, 'pyodide-lock.json'), 'utf8')).info.python;
  } catch { return null; }
}

function workerdBin(o) {
  if (o.workerd) return o.workerd;
  try {
    return require('workerd').default || require.resolve('@cloudflare/workerd-linux-64/bin/workerd');
  } catch {
    return path.join(TOP, 'node_modules', '@cloudflare', 'workerd-linux-64', 'bin', 'workerd');
  }
}

async function run(o, result) {
  const t0 = Date.now();
  const deadline = t0 + o.timeout * 1000;
  const sec = (a, b) => Math.round((b - a) / 10) / 100;
  const project = path.resolve(o.project);
  if (!fs.statSync(project, { throwIfNoEntry: false })?.isDirectory()) throw new Usage(`'${o.project}' is not a directory`);
  const { name: cfgName, cfg } = readConfig(project);
  const { modules, excluded, hasSdk } = collectModules(project, cfg);
  result.config = cfgName;
  if (o.list) { // the upload as wrangler makes it, without running anything
    result.ok = true;
    result.upload = modules.map((m) => ({ name: m.name, kind: m.kind, bytes: fs.statSync(m.file).size }));
    result.excluded = excluded;
    return 0;
  }
  result.modules = { python: modules.filter((m) => m.kind === 'python').length,
    data: modules.filter((m) => m.kind === 'data').length,
    bytes: modules.reduce((n, m) => n + fs.statSync(m.file).size, 0), excluded };
  const notes = result.notes;
  const { flags, sdk } = decideFlags(cfg, hasSdk, o.sdk, notes);
  result.runtime.sdk = sdk;
  result.runtime.compatibility_flags = flags;

  const bin = workerdBin(o);
  try {
    result.runtime.workerd = execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 30000 }).trim().replace(/^workerd /, '');
  } catch (e) {
    throw Object.assign(new Error(`cannot run workerd '${bin}': ${e.message.split('\n')[0]}`), { setup: true });
  }
  let bundle;
  try {
    bundle = ensureBundle({ pyodideDir: o.pyodide, cacheDir: o.cacheDir });
  } catch (e) {
    throw Object.assign(e, { setup: true });
  }
  result.runtime.pyodide = bundle.version;
  result.runtime.python = pythonVersion(o.pyodide);
  const t1 = Date.now();
  result.seconds.bundle = sec(t0, t1);

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'verify-workerd-'));
  result._tmp = tmp;
  let child = null;
  try {
    for (let attempt = 0; ; attempt++) {
      const port = await freePort();
      fs.rmSync(path.join(tmp, 'p'), { force: true });
      writeConfig(tmp, project, cfg, modules, flags, port);
      let stderr = '';
      let exited = null;
      const t2 = Date.now();
      child = spawn(bin, ['serve', '--experimental', '--pyodide-bundle-disk-cache-dir', bundle.dir,
        'config.capnp', 'config'], { cwd: tmp, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.on('data', (d) => { stderr += d; });
      child.stderr.on('data', (d) => { stderr += d; });
      child.on('exit', (code, sig) => { exited = { code, sig }; });
      child.on('error', (e) => { exited = { code: null, sig: null, error: e }; });
      const stop = () => { if (child && exited === null) child.kill('SIGKILL'); };
      result._stop = stop;
      // wait until it listens, dies, or logs an uncaught error at start-up
      let up = false;
      let errorSeen = 0;
      while (Date.now() < deadline && exited === null) {
        if (await canConnect(port)) { up = true; break; }
        if (!errorSeen && /Uncaught|Traceback \(most recent/.test(stderr)) errorSeen = Date.now();
        if (errorSeen && Date.now() - errorSeen > 1500) break;
        await new Promise((r) => setTimeout(r, 100));
      }
      if (!up && /Address already in use/i.test(stderr) && attempt < 2) { stop(); continue; }
      result.seconds.listen = sec(t2, Date.now());
      const finish = () => { result.stderr = stderr.slice(-8192); };
      if (!up) {
        stop();
        finish();
        const err = parseError(stderr);
        if (err) result.error = err;
        else if (Date.now() >= deadline) result.error = { type: 'Timeout', message: `workerd did not listen within ${o.timeout} s`, traceback: null };
        else result.error = { type: 'StartupError', message: `workerd exited (${exited && (exited.error?.message || exited.sig || 'code ' + exited.code)}) before listening`, traceback: null };
        return 1;
      }
      // workerd listens before the Python worker is loaded: the first response includes the start-up
      let res;
      const t3 = Date.now();
      try {
        res = await sendRequest(o, port, Math.max(1000, deadline - Date.now()));
      } catch (e) {
        await new Promise((r) => setTimeout(r, 200));
        stop();
        finish();
        result.seconds.first_response = sec(t3, Date.now());
        result.error = parseError(stderr) || (e.message === 'timeout'
          ? { type: 'Timeout', message: `no response within ${o.timeout} s`, traceback: null }
          : { type: 'ConnectionError', message: e.message, traceback: null });
        return 1;
      }
      result.seconds.first_response = sec(t3, Date.now());
      if (o.twice && res.status < 500) {
        const t4 = Date.now();
        try {
          await sendRequest(o, port, Math.max(1000, deadline - Date.now()));
          result.seconds.second_response = sec(t4, Date.now());
        } catch (e) {
          notes.push(`second request failed: ${e.message}`);
        }
      }
      await new Promise((r) => setTimeout(r, 100)); // let workerd flush its log
      stop();
      finish();
      const text = res.body.subarray(0, BODY_TEXT_MAX).toString('utf8');
      result.response = { status: res.status, headers: res.headers, body_bytes: res.body.length, body: text };
      const err = res.status >= 500 ? parseError(stderr) : null;
      if (err) {
        result.error = err;
        return 1;
      }
      result.ok = true;
      return 0;
    }
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
    result.seconds.total = sec(t0, Date.now());
  }
}

async function main() {
  const result = { ok: false, error: null, response: null,
    runtime: { workerd: null, pyodide: null, python: null }, seconds: {}, notes: [] };
  let o;
  try {
    o = parseArgs(process.argv.slice(2));
  } catch (e) {
    result.error = { type: 'UsageError', message: e.message, traceback: null };
    process.stdout.write(JSON.stringify(result) + '\n');
    return 3;
  }
  if (o.help) {
    process.stdout.write("usage: node verify_workerd.mjs --project DIR [--request 'GET /path'] [--header 'K: V']...\n" +
      '         [--body TEXT] [--timeout 120] [--twice] [--sdk auto|builtin|project]\n' +
      '         [--workerd BIN] [--pyodide DIR] [--cache-dir DIR]\n' +
      '       node verify_workerd.mjs --project DIR --list-modules\n');
    return 0;
  }
  let rc;
  const onSignal = (sig) => { // killed from outside: leave no workerd and no files behind
    result._stop?.();
    if (result._tmp) fs.rmSync(result._tmp, { recursive: true, force: true });
    process.exit(sig === 'SIGINT' ? 130 : 143);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    rc = await run(o, result);
  } catch (e) {
    if (e instanceof Usage) {
      result.error = { type: 'UsageError', message: e.message, traceback: null };
      rc = 3;
    } else {
      result.error = { type: e.setup ? 'SetupError' : 'Error', message: e.message, traceback: null };
      rc = 1;
    }
  }
  delete result._stop;
  delete result._tmp;
  // env.NAME missing for a binding the config declares and this runner does
  // not bind (it binds vars and KV): not conclusive, as in the other verifiers
  if (!result.ok && result.error && result.error.type === 'AttributeError' && o.project) {
    // CPython: "'X' object has no attribute 'DB'"; workerd's env proxy: "DB"
    const msg = (result.error.message || '').trim();
    const m = /has no attribute '([^']+)'/.exec(msg) || /^([A-Za-z_]\w*)$/.exec(msg);
    const kind = m && runtimeOnlyBindings(readConfig(o.project).cfg)[m[1]];
    if (kind) {
      result.inconclusive = `the bundle loaded, then the handler used env.${m[1]} (a ${kind} binding), ` +
        'which only the runtime has (this runner binds vars and KV only)';
      rc = 0;
    }
  }
  process.stdout.write(JSON.stringify(result) + '\n');
  return rc;
}

// the config's bindings beyond vars and KV, name -> kind (as scanner/wrangler.c reads them)
const BINDING_KINDS = [['d1_databases', 1, 'binding'], ['r2_buckets', 1, 'binding'],
  ['durable_objects.bindings', 1, 'name'], ['services', 1, 'binding'], ['queues.producers', 1, 'binding'],
  ['analytics_engine_datasets', 1, 'binding'], ['vectorize', 1, 'binding'], ['hyperdrive', 1, 'binding'],
  ['workflows', 1, 'binding'], ['send_email', 1, 'name'], ['dispatch_namespaces', 1, 'binding'],
  ['mtls_certificates', 1, 'binding'], ['secrets_store_secrets', 1, 'binding'], ['ai', 0, 'binding'],
  ['assets', 0, 'binding'], ['browser', 0, 'binding'], ['images', 0, 'binding'], ['version_metadata', 0, 'binding']];
function runtimeOnlyBindings(cfg) {
  const out = {};
  for (const [where, array, key] of BINDING_KINDS) {
    const t = where.split('.').reduce((o, k) => (o && typeof o === 'object' ? o[k] : undefined), cfg);
    for (const b of array ? (Array.isArray(t) ? t : []) : (t && typeof t === 'object' ? [t] : []))
      if (b && typeof b[key] === 'string' && !(b[key] in out)) out[b[key]] = where;
  }
  return out;
}

process.exitCode = await main();
