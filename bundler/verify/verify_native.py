#!/usr/bin/env python3.13
# verify_native.py: boots a bundle in a native CPython 3.13 whose stdlib comes
# only from the bundle's stdlib.zip and whose C extensions come only from the
# host interpreter's lib-dynload, and reports what happened as one JSON object.
#
#   python3.13 bundler/verify/verify_native.py [--stdlib-zip Z] [--path P]...
#       [--provided M]... --entry MODULE [--call FUNC] [--timeout S]
#
#   --path P        prepended to the child's sys.path, in order (the bundle's
#                   app/ dir, site-packages.zip, python_modules/)
#   --stdlib-zip Z  the bundle's stdlib.zip; absent, the host's own stdlib
#                   stands for the runtime's (as on cf-python-workers)
#   --provided M    a module or package the runtime provides and the bundle
#                   leaves out on purpose (pymode's polyfills: threading,
#                   logging, ...): the host's own copy stands in for it and is
#                   imported ahead of the bundle; what a stand-in itself
#                   imports that the bundle lacks also comes from the host
#                   (labelled provided-dep), for stand-ins only
#   --entry MODULE  imported in the child
#   --call FUNC     then entry.FUNC() is called; with parameters it gets a
#                   fake request (url "http://localhost/", method "GET",
#                   headers {}, text() -> "") and env None; a coroutine is
#                   driven by send(None), and only re-run under asyncio.run
#                   when it awaits a real future
#   --timeout S     seconds (default 60)
#   --handler       call the handler the runtime calls (class Default's
#                   fetch(self, request), else on_fetch(request, env), else
#                   a module-level fetch(request, env)) with a request:
#   --request 'METHOD /path'  (default 'GET /'), --header 'K: V' (repeat),
#   --body TEXT, --var K=V (env vars, repeat), --binding NAME=KIND (a binding
#   only the runtime has: using it ends the verify as not conclusive, repeat),
#   --kv NAME (an in-memory KV
#                   binding, repeat), --style cf|pymode|plain (whose Request,
#                   Response and env: the `workers` or `pymode.workers`
#                   module, or plain objects)
#   --class-only FLAG  only class Default's fetch is a handler (the runtime
#                   has compatibility flag FLAG on: no global on_fetch)
#   --runtime-module M  a module of the target's runtime (workers, js,
#                   pymode, ...): served from bundler/verify/standins/
#                   (labelled "provided:"); see docs/bundle.md
#
# The child: python3.13 -S -s -P -B with PYTHONHOME=T, where T (a temporary
# directory) holds lib/python313.zip (the stdlib zip) and
# lib/python3.13/lib-dynload (a link to the host's lib-dynload); every other
# PYTHON* variable removed; cwd a temporary directory. Frozen modules (os,
# codecs, io, abc, stat, posixpath, ...) come from the interpreter, as on the
# real runtimes. The child runs verify_child.py (next to this file).
#
# stdout: {"ok", "error": null | {"type", "module", "message", "traceback",
# "importer"}, "result", "loaded": [[module, origin]...], "outside": [...]}
# where origin is "frozen", "built-in", "lib-dynload:FILE", "PLACE:PATH"
# (PLACE the base name of the --path entry or of the stdlib zip, "stdlib"
# for the host stdlib when no zip is given, "provided" / "provided-dep" for
# stand-ins), or an absolute path for a module from outside those places
# (then also listed in "outside").
# Exit: 0 ok, 1 the app failed (ImportError, other exception, timeout),
# 3 bad arguments.
#
#   python3.13 bundler/verify/verify_native.py --batch FILE [--jobs N]
#
# runs every line of FILE (a JSON array: the arguments of one run) and prints
# one answer a line, in FILE's order, each what that run alone prints (bad
# arguments: error type "UsageError"); N children at a time (default: the
# cores), each a fresh interpreter as for one run. Exit 0, 3 when FILE
# cannot be read.
import argparse
import json
import marshal
import os
import shutil
import signal
import subprocess
import sys
import sysconfig
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
CHILD = os.path.join(HERE, "verify_child.py")
STANDINS = os.path.join(HERE, "standins")


class Usage(Exception):
    pass


class Parser(argparse.ArgumentParser):
    def error(self, message):
        raise Usage(message)


def add_handler_args(ap):
    ap.add_argument("--handler", action="store_true")
    ap.add_argument("--style", choices=["cf", "pymode", "plain"], default="plain")
    ap.add_argument("--request", default="GET /")
    ap.add_argument("--header", action="append", default=[])
    ap.add_argument("--body", default="")
    ap.add_argument("--var", action="append", default=[])
    ap.add_argument("--kv", action="append", default=[])
    ap.add_argument("--binding", action="append", default=[])
    ap.add_argument("--runtime-module", action="append", default=[])
    ap.add_argument("--class-only")


def handler_cfg(a):
    """The cfg keys of the handler call (verify_child.py)."""
    method, _, target = a.request.strip().partition(" ")
    target = target.strip() or "/"
    if not method.isalpha() or not target.startswith("/"):
        raise Usage("--request '%s': give 'METHOD /path'" % a.request)
    headers = []
    for h in a.header:
        k, sep, v = h.partition(":")
        if not sep or not k.strip():
            raise Usage("--header '%s': give 'Name: value'" % h)
        headers.append([k.strip(), v.strip()])
    env_vars = {}
    for kv in a.var:
        k, sep, v = kv.partition("=")
        if not sep or not k:
            raise Usage("--var '%s': give NAME=VALUE" % kv)
        env_vars[k] = v
    bindings = {}
    for b in a.binding:
        k, sep, v = b.partition("=")
        if not sep or not k:
            raise Usage("--binding '%s': give NAME=KIND" % b)
        bindings[k] = v
    return {"handler": a.handler, "style": a.style, "class_only": a.class_only,
            "request": {"method": method.upper(), "url": "http://localhost" + target,
                        "headers": headers, "body": a.body},
            "env": {"vars": env_vars, "kv": list(a.kv), "bindings": bindings}}


def host_dynload():
    d = sysconfig.get_config_var("DESTSHARED")
    if d and os.path.isdir(d):
        return os.path.realpath(d)
    return os.path.realpath(os.path.join(sysconfig.get_path("platstdlib"), "lib-dynload"))


def fail(msg):
    sys.stderr.write("verify_native: error: %s\n" % msg)
    sys.exit(3)


def relabel(text, places):
    for prefix, label in sorted(places, key=lambda p: -len(p[0])):
        text = text.replace(prefix + "/", label + ":")
    return text


def parse(argv):
    """The arguments of one run; raises Usage."""
    ap = Parser(prog="verify_native.py", description="boot a bundle in native CPython 3.13")
    ap.add_argument("--path", action="append", default=[])
    ap.add_argument("--stdlib-zip")
    ap.add_argument("--provided", action="append", default=[])
    ap.add_argument("--entry")
    ap.add_argument("--call")
    ap.add_argument("--timeout", type=float, default=60.0)
    add_handler_args(ap)
    a = ap.parse_args(argv)
    if not a.entry:
        raise Usage("--entry is required")
    a.handler_cfg = handler_cfg(a)
    a.paths = []
    for p in a.path:
        if not os.path.exists(p):
            raise Usage("--path %s: no such file or directory" % p)
        a.paths.append(os.path.abspath(p))
    if a.stdlib_zip and not os.path.isfile(a.stdlib_zip):
        raise Usage("--stdlib-zip %s: no such file" % a.stdlib_zip)
    return a


def verify(a):
    """One run: its answer (a dict); the child's output goes to stderr."""
    tmp = tempfile.mkdtemp(prefix="pymode-verify-")
    try:
        return run(a, a.paths, os.path.realpath(sys._stdlib_dir), host_dynload(), tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def batch(argv):
    ap = Parser(prog="verify_native.py")
    ap.add_argument("--batch", required=True)
    ap.add_argument("--jobs", type=int, default=0)
    try:
        o = ap.parse_args(argv)
        if o.jobs < 0:
            raise Usage("--jobs must be a positive whole number")
        with open(o.batch, encoding="utf-8") as f:
            lines = [ln for ln in f.read().split("\n") if ln.strip()]
    except (Usage, OSError) as e:
        fail(str(e))
    runs = []
    for n, ln in enumerate(lines, 1):
        try:
            job = json.loads(ln)
            if not isinstance(job, list) or not all(isinstance(x, str) for x in job):
                raise ValueError("not an array of strings")
        except ValueError as e:
            fail("%s:%d: %s" % (o.batch, n, e))
        try:
            runs.append(parse(job))
        except Usage as e:
            runs.append({"ok": False, "error": {"type": "UsageError", "module": None, "message": str(e),
                                                "traceback": ""}, "result": None, "loaded": [], "outside": []})
    import concurrent.futures
    with concurrent.futures.ThreadPoolExecutor(max_workers=o.jobs or os.cpu_count() or 1) as pool:
        futures = [r if isinstance(r, dict) else pool.submit(verify, r) for r in runs]
        for f in futures:
            print(json.dumps(f if isinstance(f, dict) else f.result()), flush=True)
    return 0


def main(argv):
    if "--batch" in argv:
        if sys.version_info[:2] != (3, 13):
            fail("needs CPython 3.13 to run (this is %d.%d)" % sys.version_info[:2])
        return batch(argv)
    try:
        a = parse(argv)
    except Usage as e:
        fail(str(e))
    if sys.version_info[:2] != (3, 13):
        fail("needs CPython 3.13 to run (this is %d.%d)" % sys.version_info[:2])
    res = verify(a)
    print(json.dumps(res))
    return 0 if res["ok"] else 1


def run(a, paths, host_lib, dynload, tmp):
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    places = [[p, os.path.basename(p.rstrip("/"))] for p in paths]
    if a.stdlib_zip:
        home = os.path.join(tmp, "home")
        os.makedirs(os.path.join(home, "lib", "python3.13"))
        z = os.path.join(home, "lib", "python313.zip")
        shutil.copyfile(a.stdlib_zip, z)
        os.symlink(dynload, os.path.join(home, "lib", "python3.13", "lib-dynload"))
        env["PYTHONHOME"] = home
        places += [[z, os.path.basename(a.stdlib_zip)],
                   [os.path.join(home, "lib", "python3.13", "lib-dynload"), "lib-dynload"]]
    else:
        places += [[host_lib, "stdlib"]]
    places += [[dynload, "lib-dynload"]]
    cfg = {"paths": paths, "entry": a.entry, "call": a.call,
           "provided": list(a.provided) + list(a.runtime_module),
           "runtime_lib": [host_lib] + ([STANDINS] if a.runtime_module else []),
           "places": places, "loop": "asyncio"}
    cfg.update(a.handler_cfg)
    cfg_path = os.path.join(tmp, "cfg.marshal")
    res_path = os.path.join(tmp, "result.marshal")
    with open(cfg_path, "wb") as f:
        marshal.dump(cfg, f)
    work = os.path.join(tmp, "cwd")
    os.mkdir(work)
    cmd = [sys.executable, "-S", "-s", "-P", "-B", CHILD, cfg_path, res_path]
    p = subprocess.Popen(cmd, cwd=work, env=env, stdin=subprocess.DEVNULL,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        out, err = p.communicate(timeout=a.timeout)
    except subprocess.TimeoutExpired:
        os.killpg(p.pid, signal.SIGKILL)
        p.communicate()
        return {"ok": False, "error": {"type": "Timeout", "module": None,
                                       "message": "no result after %g s" % a.timeout,
                                       "traceback": ""}, "result": None, "loaded": [], "outside": []}
    if os.path.exists(res_path):
        with open(res_path, "rb") as f:
            res = marshal.load(f)
    else:  # the interpreter died before verify_child could report (e.g. no encodings)
        tail = err.decode("utf-8", "replace").strip().splitlines()[-10:]
        res = {"ok": False, "error": {"type": "InterpreterFailed", "module": None,
                                      "message": "the child exited %d before reporting" % p.returncode,
                                      "traceback": "\n".join(tail)},
               "result": None, "loaded": [], "outside": []}
        # the usual cause: a module needed at start-up is not in the stdlib zip
        for line in tail:
            if "ModuleNotFoundError: No module named" in line:
                res["error"]["type"] = "ModuleNotFoundError"
                res["error"]["module"] = line.split("'")[1] if "'" in line else None
    if res.get("error") and res["error"].get("traceback"):
        res["error"]["traceback"] = relabel(res["error"]["traceback"], places)
        if res["error"].get("importer"):
            res["error"]["importer"] = relabel(res["error"]["importer"], places)
    if out:
        sys.stderr.write(out.decode("utf-8", "replace"))
    if err and not res["ok"]:
        sys.stderr.write(err.decode("utf-8", "replace"))
    return res


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
