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


def __getattr__(name):
    raise AttributeError("js.%s: no JavaScript in this verify run (js is a stand-in)" % name)
