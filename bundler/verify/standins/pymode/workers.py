# Stand-in for PyMode's pymode.workers, used ONLY by `pymode-bundle --verify`
# outside PyMode's runtime. It follows the public API of PyMode's
# lib/pymode/workers.py: Request (method, url, path, query as parse_qs
# gives it, headers, text(), json(), bytes(): synchronous), Response
# (body, status, headers; Response.json, Response.redirect), Headers
# (case-insensitive, items()), and env bindings (KV: synchronous
# get(key, type="text"|"json"|"arrayBuffer"), put, delete; vars as
# attributes). Not covered: R2, D1, TCP, HTTP client, workflows.
import json

__all__ = ["Request", "Response", "Headers", "Env", "KVBinding"]


class Headers:
    def __init__(self, data=None):
        self._headers = {}
        items = data.items() if hasattr(data, "items") else (data or [])
        for k, v in items:
            self._headers[k.lower()] = (k, v)

    def get(self, name, default=None):
        e = self._headers.get(name.lower())
        return e[1] if e else default

    def __getitem__(self, name):
        return self._headers[name.lower()][1]

    def __contains__(self, name):
        return name.lower() in self._headers

    def __iter__(self):
        return iter(self.items())

    def items(self):
        return [(k, v) for k, v in self._headers.values()]

    def keys(self):
        return [k for k, _ in self._headers.values()]

    def values(self):
        return [v for _, v in self._headers.values()]

    def to_dict(self):
        return dict(self.items())


class Request:
    def __init__(self, method="GET", url="", headers=None, body=None):
        self.method = method
        self.url = url
        self.headers = headers if isinstance(headers, Headers) else Headers(headers)
        self._body = body if body is not None else ""

    @property
    def path(self):
        from urllib.parse import urlparse
        return urlparse(self.url).path

    @property
    def query(self):
        from urllib.parse import parse_qs, urlparse
        return parse_qs(urlparse(self.url).query)

    def text(self):
        return self._body.decode("utf-8") if isinstance(self._body, bytes) else self._body

    def json(self):
        return json.loads(self.text())

    def bytes(self):
        return self._body.encode("utf-8") if isinstance(self._body, str) else self._body


class Response:
    def __init__(self, body="", status=200, headers=None):
        if isinstance(body, (dict, list)):
            self.body = json.dumps(body)
            default = {"Content-Type": "application/json"}
        elif isinstance(body, bytes):
            self.body = body
            default = {"Content-Type": "application/octet-stream"}
        else:
            self.body = str(body) if body is not None else ""
            default = {"Content-Type": "text/plain; charset=utf-8"}
        self._headers = headers if isinstance(headers, Headers) else Headers(headers or default)
        self.status = status

    @property
    def headers(self):
        return self._headers

    @classmethod
    def json(cls, data, status=200, headers=None):
        h = {"Content-Type": "application/json"}
        if headers:
            h.update(headers)
        return cls(json.dumps(data), status=status, headers=h)

    @classmethod
    def redirect(cls, url, status=302):
        return cls("", status=status, headers={"Location": url})


class KVBinding:
    """An in-memory KV namespace (synchronous, as PyMode's)."""

    def __init__(self, binding_name="KV"):
        self._binding_name = binding_name
        self._data = {}

    def get(self, key, type="text"):
        data = self._data.get(key)
        if data is None:
            return None
        if type == "text":
            return data.decode("utf-8")
        if type == "json":
            return json.loads(data.decode("utf-8"))
        return data

    def put(self, key, value):
        self._data[key] = value.encode("utf-8") if isinstance(value, str) else value

    def delete(self, key):
        self._data.pop(key, None)


class Env:
    def __init__(self, data=None):
        for k, v in (data or {}).items():
            setattr(self, k, v)


def _standin_env(vars, kv, bindings=None):
    env = Env(vars)
    for name in kv:
        setattr(env, name, KVBinding(name))
    if bindings:
        from workers import _RuntimeOnly  # cf's stand-in, beside this package
        for name, kind in bindings.items():
            setattr(env, name, _RuntimeOnly("env." + name, "a %s binding" % kind))
    return env


def _standin_request(method, url, headers, body):
    return Request(method=method, url=url, headers=headers, body=body)
