# Stand-in for pyodide.ffi in native CPython (see pyodide/__init__.py).


class JsProxy:
    pass


class JsException(Exception):
    pass


def to_js(obj, *args, **kwargs):
    return obj


def create_proxy(obj, *args, **kwargs):
    return obj


def create_once_callable(obj, *args, **kwargs):
    return obj
