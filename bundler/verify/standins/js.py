# Stand-in for Pyodide's `js` module (the JavaScript global scope), used ONLY
# by `pymode-bundle --verify` in native CPython; under Pyodide the real one
# is used. It has what an app touches at import time (console, Object,
# JSON, Response/Headers constructors by name); calling into JavaScript
# (fetch, crypto) raises, since there is none. See docs/bundle.md.


class _Console:
    def log(self, *a):
        pass

    error = warn = info = debug = log


console = _Console()


class Object:
    @staticmethod
    def fromEntries(items):
        return dict(items)

    @staticmethod
    def new():
        return {}


class JSON:
    @staticmethod
    def stringify(v):
        import json
        return json.dumps(v)

    @staticmethod
    def parse(s):
        import json
        return json.loads(s)


# JavaScript globals of workerd that a Python Worker reaches through js
# (developers.cloudflare.com/workers/runtime-apis/): they exist, and using
# one ends the verify as not conclusive (workers.RuntimeOnlyError)
RUNTIME_GLOBALS = frozenset((
    "fetch", "crypto", "caches", "scheduler", "navigator", "HTMLRewriter", "WebSocketPair",
    "WebSocket", "Request", "Response", "Headers", "URL", "URLSearchParams", "FormData", "Blob",
    "File", "ReadableStream", "WritableStream", "TransformStream", "TextEncoder", "TextDecoder",
    "AbortController", "AbortSignal", "EventSource", "setTimeout", "setInterval", "clearTimeout",
    "clearInterval", "structuredClone", "atob", "btoa", "queueMicrotask", "Promise", "Date",
    "Math", "Array", "Uint8Array", "ArrayBuffer", "Map", "Set", "Error"))


def __getattr__(name):
    if name in RUNTIME_GLOBALS:
        from workers import _RuntimeOnly
        return _RuntimeOnly("js." + name, "a JavaScript API of workerd")
    raise AttributeError("js.%s: no JavaScript in this verify run (js is a stand-in)" % name)
