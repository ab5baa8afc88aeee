# verify_child.py: the part of `--verify` that runs INSIDE the interpreter
# being checked (a native CPython 3.13 started by verify_native.py, or
# Pyodide under node started by verify_pyodide.mjs). It must not import any
# stdlib module of its own: it uses only built-in modules (sys, marshal) and
# the frozen importlib, so that what it reports as loaded is what the app
# loaded. (The only exception is asyncio, and only when a handler awaits a
# real future; see _drive.)
#
# cfg (a dict):
#   paths     [str]  prepended to sys.path, in order (the bundle's app dir,
#                    site-packages.zip, python_modules/)
#   entry     str    module to import
#   call      str|None  function of the entry to call
#   provided  [str]  modules/packages the runtime provides and the bundle
#                    omits; served from runtime_lib ahead of everything else
#   runtime_lib [str] where the stand-ins live (the host's Lib dir, or
#                    Pyodide's full python_stdlib.zip); modules a stand-in
#                    itself imports that the bundle lacks are served from
#                    here too ("provided-dep"), and only to stand-ins
#   places    [[prefix, label]]  allowed places, to label origins
#   loop      "asyncio" | "defer"  what to do when a handler awaits a future
#   class_only str|None  the runtime calls only class Default's fetch (that
#                    compatibility flag is on): a global on_fetch fails
#   handler   bool   call the handler the runtime calls (class Default with
#                    fetch(self, request), else on_fetch(request, env), else
#                    a module-level fetch(request, env)) when call is None
#   style     "cf" | "pymode" | "plain"  whose Request/Response/env: the
#                    runtime module `workers` (cf), `pymode.workers` (pymode,
#                    both stand-ins from bundler/verify/standins/ unless the
#                    runtime has the real one) or a plain object (plain)
#   request   {"method", "url", "headers": [[k, v]], "body"}
#   env       {"vars": {name: text}, "kv": [binding names], "bindings":
#                    {name: kind}: what only the runtime has (D1, R2, ...):
#                    a stand-in whose use raises RuntimeOnlyError}
#
# A failure at what only the runtime has adds "inconclusive" (a sentence).
# run(cfg) -> dict: ok, error, result, response ({status, headers, body_bytes,
# body} when a handler ran), handler (what was called), loaded [[module,
# origin]], outside [module], needs_loop (only with loop == "defer").
import sys

_PF = sys.modules["_frozen_importlib_external"].PathFinder
_ME = globals().get("__file__", "<verify>")


def _under(name, names):
    for p in names:
        if name == p or name.startswith(p + "."):
            return True
    return False


class _RuntimeModules:
    """Serves the --provided stand-ins first, and (last on sys.meta_path) the
    stdlib modules that a stand-in imports and the bundle lacks."""

    def __init__(self, provided, runtime_lib, last):
        self.provided = provided
        self.runtime_lib = runtime_lib
        self.last = last
        self.served = {}
        self.deps = {}

    def _locs(self, name):
        parent = name.rpartition(".")[0]
        sub = "/" + parent.replace(".", "/") if parent else ""
        return [loc + sub for loc in self.runtime_lib]

    def _from_stand_in(self):
        f = sys._getframe(1)
        while f is not None:
            fn = f.f_code.co_filename
            if not (fn.startswith("<frozen") or fn == _ME):
                break
            f = f.f_back
        if f is None:
            return False
        mod = f.f_globals.get("__name__", "")
        return _under(mod, self.provided) or mod in self.deps or _under(mod, list(self.deps))

    def find_spec(self, name, path=None, target=None):
        if not self.last:
            if not _under(name, self.provided):
                return None
            spec = _PF.find_spec(name, self._locs(name))
            if spec is not None:
                self.served[name] = 1
            return spec
        if not self._from_stand_in():
            return None
        spec = _PF.find_spec(name, self._locs(name))
        if spec is not None:
            self.deps[name] = 1
        return spec


class _Text(str):
    def __await__(self):
        if False:
            yield
        return self


class _Headers(dict):
    def get(self, name, default=None):
        for k, v in self.items():
            if k.lower() == str(name).lower():
                return v
        return default


class _Request:
    """A plain request (style "plain"): what both runtimes' Request objects
    share, usable synchronously or awaited."""

    def __init__(self, method="GET", url="http://localhost/", headers=(), body=""):
        self.method = method
        self.url = url
        self.headers = _Headers(headers)
        self._body = body or ""
        rest = url.split("://", 1)[-1]
        slash = rest.find("/")
        pq = rest[slash:] if slash >= 0 else "/"
        self.path, _, q = pq.partition("?")
        self.query = {}
        for part in q.split("&") if q else ():
            k, _, v = part.partition("=")
            self.query.setdefault(k, []).append(v)

    def text(self):
        return _Text(self._body)

    def json(self):
        import json
        return json.loads(self._body)


class _Env:
    pass


def _runtime_parts(cfg):
    """(make_request, make_env) of the style's runtime module, or plain ones."""
    style = cfg.get("style") or "plain"
    req = cfg.get("request") or {}
    envc = cfg.get("env") or {}
    method = req.get("method", "GET")
    url = req.get("url", "http://localhost/")
    headers = [tuple(h) for h in req.get("headers", [])]
    body = req.get("body", "")
    mod = None
    if style in ("cf", "pymode"):
        name = "workers" if style == "cf" else "pymode.workers"
        try:
            __import__(name)
            mod = sys.modules[name]
        except ImportError:
            mod = None
    if mod is not None and hasattr(mod, "_standin_request"):
        make_req = lambda: mod._standin_request(method, url, headers, body)
        if envc.get("bindings"):
            make_env = lambda: mod._standin_env(envc.get("vars", {}), envc.get("kv", []), envc["bindings"])
        else:
            make_env = lambda: mod._standin_env(envc.get("vars", {}), envc.get("kv", []))
        make_ctx = getattr(mod, "_standin_context", lambda: None)
        return make_req, make_env, make_ctx

    def make_env():
        if not envc.get("vars") and not envc.get("kv"):
            return None  # plain: no bindings declared, no env object
        e = _Env()
        for k, v in envc.get("vars", {}).items():
            setattr(e, k, v)
        return e
    return (lambda: _Request(method, url, headers, body)), make_env, (lambda: None)


def _arity(fn):
    code = getattr(fn, "__code__", None)
    if code is None:
        return 0
    n = code.co_argcount
    if getattr(fn, "__self__", None) is not None:
        n -= 1
    return max(n - len(getattr(fn, "__defaults__", None) or ()), 0)


def _args_for(fn, parts):
    make_req, make_env, make_ctx = parts
    n = _arity(fn)
    fake = [make_req, make_env, make_ctx]
    return tuple(fake[i]() if i < 3 else None for i in range(n))


def _relaxed(fn, *args):
    """As Pyodide's relaxed_call, which workerd calls fetch with: only as many
    positional arguments as fn takes (all of them when it takes *args)."""
    code = getattr(fn, "__code__", None)
    if code is None or code.co_flags & 0x04:  # CO_VARARGS
        return fn(*args)
    n = code.co_argcount - (1 if getattr(fn, "__self__", None) is not None else 0)
    return fn(*args[:max(n, 0)])


def _find_handler(mod, cfg):
    """(description, zero-argument callable) for the handler the runtime
    calls, or None."""
    parts = _runtime_parts(cfg)
    if cfg.get("call"):
        fn = getattr(mod, cfg["call"])
        return cfg["call"] + "()", (lambda: fn(*_args_for(fn, parts)))
    if not cfg.get("handler"):
        return None
    cls = mod.__dict__.get("Default")
    if isinstance(cls, type) and callable(getattr(cls, "fetch", None)):
        def call():
            inst = cls(parts[2](), parts[1]())
            return _relaxed(inst.fetch, parts[0]())
        return "Default.fetch(request)", call
    if cfg.get("class_only"):
        def refuse():
            raise RuntimeError("no class Default with a fetch method: the runtime calls no global "
                               "handler (on_fetch) with compatibility flag %s on" % cfg["class_only"])
        return "Default.fetch(request)", refuse
    for name in ("on_fetch", "fetch"):
        fn = mod.__dict__.get(name)
        if callable(fn) and not isinstance(fn, type):
            return "%s(request, env)" % name, (lambda fn=fn: fn(*_args_for(fn, parts)))
    return None


def _response(r):
    """The handler's answer as {status, headers, body_bytes, body}."""
    if r is None:
        return None
    status = getattr(r, "status", None)
    if isinstance(r, (str, bytes)) or status is None:
        body = r if isinstance(r, (str, bytes)) else str(r)
        status, headers = 200, []
    else:
        body = getattr(r, "body", b"")
        h = getattr(r, "headers", None)
        try:
            headers = [[str(k), str(v)] for k, v in (h.items() if hasattr(h, "items") else h or [])]
        except Exception:
            headers = []
    if body is None:
        body = b""
    raw = body if isinstance(body, bytes) else str(body).encode("utf-8", "replace")
    return {"status": int(status), "headers": headers, "body_bytes": len(raw),
            "body": raw[:4096].decode("utf-8", "replace")}


class _NeedsLoop(Exception):
    pass


def _drive(coro):
    """Runs a coroutine by send(None); raises _NeedsLoop (after closing it) when
    it yields a real future or asks for the running loop, which only an event
    loop can give; the handler is then called afresh under a loop."""
    try:
        while True:
            y = coro.send(None)
            if y is not None:
                coro.close()
                raise _NeedsLoop()
    except StopIteration as stop:
        return stop.value
    except RuntimeError as e:  # asyncio.sleep(d > 0), get_running_loop(), ...
        if "no running event loop" in str(e):
            raise _NeedsLoop()
        raise


def _is_coro(r):
    return type(r).__name__ == "coroutine" or (hasattr(r, "send") and hasattr(r, "throw")
                                               and hasattr(r, "__await__"))


def _relabel(text, places):
    for prefix, label in sorted(places, key=lambda p: -len(p[0])):
        if label != "lib-dynload":
            text = text.replace(prefix + "/", label + ":")
    return text


def _error(e, places):
    tb = e.__traceback__
    lines = ["Traceback (most recent call last):"]
    importer = caller = None
    while tb is not None:
        co = tb.tb_frame.f_code
        if co.co_filename != _ME:
            lines.append('  File "%s", line %d, in %s' % (co.co_filename, tb.tb_lineno, co.co_name))
            if not co.co_filename.startswith("<frozen"):
                importer = "%s:%d" % (co.co_filename, tb.tb_lineno)
                if "/standins/" not in co.co_filename and co.co_filename.endswith(".py"):
                    caller = importer  # the bundle's own frame, not a stand-in's or JavaScript's
        tb = tb.tb_next
    msg = str(e)
    lines.append("%s: %s" % (type(e).__name__, msg) if msg else type(e).__name__)
    err = {"type": type(e).__name__, "module": None, "message": msg,
           "traceback": _relabel("\n".join(lines[-10:]), places),
           "frame": _relabel(importer, places) if importer else None}
    if isinstance(e, ImportError):
        err["module"] = e.name
        err["importer"] = _relabel(importer, places) if importer else None
    # what only the runtime has, reached: the stand-ins' RuntimeOnlyError, or
    # (Pyodide) the JavaScript placeholder of a workerd global, thrown as
    # "RuntimeOnlyError: ..." and seen here as a JsException
    mark = "RuntimeOnlyError: "
    if type(e).__name__ == "RuntimeOnlyError" or (type(e).__name__ == "JsException" and mark in msg):
        err["runtime_only"] = msg.split(mark, 1)[1].split("\n", 1)[0] if mark in msg else msg
        err["caller"] = _relabel(caller, places) if caller else None
    return err


def _label(path, places):
    for prefix, label in places:
        if path == prefix or path.startswith(prefix + "/"):
            if label == "lib-dynload":
                return "lib-dynload:" + path.rpartition("/")[2]
            return label + ":" + path[len(prefix) + 1:]
    return None


def _kind(name, served, deps):
    """"provided" / "provided-dep" when the module or a package above it was
    served as a stand-in (a submodule is found through its package's __path__)."""
    while name:
        if name in served:
            return "provided"
        if name in deps:
            return "provided-dep"
        name = name.rpartition(".")[0]
    return None


def _report(rm_first, rm_last, places):
    loaded, outside = [], []
    for name, mod in list(sys.modules.items()):
        if name == "__main__":
            continue
        spec = getattr(mod, "__spec__", None)
        origin = getattr(spec, "origin", None) if spec is not None else getattr(mod, "__file__", None)
        if origin is None and spec is not None and spec.submodule_search_locations:
            origin = list(spec.submodule_search_locations)[0]
        if origin in ("frozen", "built-in", "javascript"):
            lab = origin
        elif origin is None:
            lab = "none"
        else:
            lab = None
            kind = _kind(name, rm_first.served, rm_last.deps)
            if kind:
                for loc in rm_first.runtime_lib:
                    if origin.startswith(loc + "/"):
                        lab = kind + ":" + origin[len(loc) + 1:]
            if lab is None:
                lab = _label(origin, places)
            if lab is None:
                lab = origin
                outside.append(name)
        loaded.append([name, lab])
    loaded.sort()
    outside.sort()
    return loaded, outside


def _prepare(cfg):
    rm_first = _RuntimeModules(cfg.get("provided", []), cfg.get("runtime_lib", []), False)
    rm_last = _RuntimeModules(cfg.get("provided", []), cfg.get("runtime_lib", []), True)
    rm_first.deps = rm_last.deps  # one record of the stand-ins' own imports
    sys.meta_path.insert(0, rm_first)
    sys.meta_path.append(rm_last)
    if cfg.get("drop_cwd"):  # Pyodide puts its cwd first; python -P does not
        sys.path[:] = [p for p in sys.path if p not in ("", ".")]
    sys.path[0:0] = list(cfg["paths"])
    return rm_first, rm_last


_called = []


def _start(cfg):
    """Imports the entry and calls the handler; returns (value, pending) where
    pending is a callable to re-run under an event loop."""
    __import__(cfg["entry"])
    mod = sys.modules[cfg["entry"]]
    h = _find_handler(mod, cfg)
    if h is None:
        return None, None
    _called.append(h[0])
    call = h[1]
    r = call()
    if _is_coro(r):
        try:
            return _drive(r), None
        except _NeedsLoop:
            return None, call
    return r, None


_timeline = []


def _trace_start(cfg):
    """--memory: tracemalloc (its C half, so nothing is imported) from just
    before the entry's import; the app's share of the heap, not the runtime's.
    --memory-trace (a diagnostic: tools/calibrate-memory --trace) adds the
    timeline: at each import and each compile (audit events) the heap then
    and the peak since the last event (between a compile and the next
    exec: compiling that file), so a peak is put to the module whose
    compile (or run) it was; the hook's own lists are in the figures."""
    if cfg.get("memory"):
        import _tracemalloc
        if cfg.get("memory_trace"):
            import sys

            def hook(event, args):
                if event == "import":
                    name = args[0]
                elif event == "compile" and isinstance(args[1], str):
                    name = args[1]
                elif event == "exec" and hasattr(args[0], "co_filename"):
                    name = args[0].co_filename
                else:
                    return
                cur, peak = _tracemalloc.get_traced_memory()
                _tracemalloc.reset_peak()
                _timeline.append((event, name, cur, peak))
            sys.addaudithook(hook)
        _tracemalloc.start()


def _trace_stop(cfg):
    if not cfg.get("memory"):
        return None
    import _tracemalloc
    current, peak = _tracemalloc.get_traced_memory()
    _tracemalloc.stop()
    if cfg.get("memory_trace"):
        _timeline.append(("end", "", current, peak))
        peak = max(t[3] for t in _timeline)
        return {"current": current, "peak": peak, "timeline": [list(t) for t in _timeline]}
    return {"current": current, "peak": peak}


def _finish(cfg, rms, ok, value, err):
    memory = _trace_stop(cfg)
    loaded, outside = _report(rms[0], rms[1], cfg.get("places", []))
    result = str(value) if ok and _called else None
    res = {"ok": ok, "error": err, "result": result, "loaded": loaded, "outside": outside,
           "handler": _called[0] if _called else None}
    if ok and _called:
        if value is not None and not isinstance(value, (str, bytes)):
            res["result"] = None  # an object's repr holds its address: the response says it
        try:
            res["response"] = _response(value)
        except Exception as e:  # an answer that is no response is the app's failure
            res["ok"] = False
            res["error"] = _error(e, cfg.get("places", []))
    if not res["ok"] and res["error"] and res["error"].get("runtime_only"):
        e = res["error"]
        res["inconclusive"] = "the bundle loaded, then %s used %s at %s, which only the runtime has" % (
            "the handler" if _called else "its import", e["runtime_only"], e.get("caller") or "?")
    if memory is not None:
        res["memory"] = memory
    return res


def run(cfg):
    rms = _prepare(cfg)
    _trace_start(cfg)
    try:
        value, pending = _start(cfg)
        if pending is not None:
            if cfg.get("loop") == "defer":
                res = _finish(cfg, rms, True, None, None)
                res["needs_loop"] = True
                return res
            import asyncio
            value = asyncio.run(pending())
    except BaseException as e:  # the app's failure is the report
        return _finish(cfg, rms, False, None, _error(e, cfg.get("places", [])))
    return _finish(cfg, rms, True, value, None)


async def run_async(cfg):
    """Pyodide: as run(), but a handler that awaits a real future is awaited on
    the running (web) event loop."""
    rms = _prepare(cfg)
    _trace_start(cfg)
    try:
        value, pending = _start(cfg)
        if pending is not None:
            value = await pending()
    except BaseException as e:
        return _finish(cfg, rms, False, None, _error(e, cfg.get("places", [])))
    return _finish(cfg, rms, True, value, None)


if __name__ == "__main__":
    import marshal
    with open(sys.argv[1], "rb") as f:
        _cfg = marshal.load(f)
    _res = run(_cfg)
    with open(sys.argv[2], "wb") as f:
        marshal.dump(_res, f)
