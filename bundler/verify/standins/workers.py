# Stand-in for Cloudflare Python Workers' `workers` module, used ONLY by
# `pymode-bundle --verify` where the real runtime (workerd) is not the one
# running the bundle (native CPython, Pyodide under node). It follows the
# public API of the real module (Cloudflare's Python Workers docs and
# workerd's src/pyodide/internal/workers.py): WorkerEntrypoint with
# self.env / self.ctx, Request (url, method, headers, async text()/json()/
# bytes(), js_object), Response (body, status, headers; Response.json,
# Response.redirect), and env bindings (KV: async get/put/delete/list).
# What it does not cover: outbound fetch (no network in a verify run: it
# raises), Durable Object storage, RPC between Workers, queues, D1, R2,
# Workers AI. See docs/bundle.md, "What the stand-ins cover".
#
# It imports nothing at module level, as the real module's cost to an app
# is the runtime's, not the bundle's.

__all__ = ["Request", "Response", "Headers", "WorkerEntrypoint", "DurableObject",
           "WorkflowEntrypoint", "fetch", "handler"]


class Headers:
    """Case-insensitive headers, as the JS Headers object the runtime gives."""

    def __init__(self, init=None):
        self._h = {}
        if init is None:
            return
        items = init.items() if hasattr(init, "items") else init
        for k, v in items:
            self.set(k, v)

    def get(self, name, default=None):
        e = self._h.get(str(name).lower())
        return e[1] if e else default

    def set(self, name, value):
        self._h[str(name).lower()] = (str(name), str(value))

    def append(self, name, value):
        old = self.get(name)
        self.set(name, value if old is None else old + ", " + str(value))

    def delete(self, name):
        self._h.pop(str(name).lower(), None)

    def has(self, name):
        return str(name).lower() in self._h

    __contains__ = has

    def __getitem__(self, name):
        return self._h[str(name).lower()][1]

    def items(self):
        return [(k.lower(), v) for k, v in self._h.values()]

    def keys(self):
        return [k.lower() for k, _ in self._h.values()]

    def values(self):
        return [v for _, v in self._h.values()]

    def __iter__(self):
        return iter(self.items())


class _Body:
    def __init__(self, data):
        self._data = data if isinstance(data, bytes) else (data or "").encode("utf-8")

    async def text(self):
        return self._data.decode("utf-8")

    async def json(self):
        import json
        return json.loads(self._data.decode("utf-8"))

    async def bytes(self):
        return self._data

    async def arrayBuffer(self):
        return self._data


class Request(_Body):
    def __init__(self, input="http://localhost/", method="GET", headers=None, body=None):
        super().__init__(body)
        self.url = str(input)
        self.method = method.upper()
        self.headers = headers if isinstance(headers, Headers) else Headers(headers)
        self.body = body

    @property
    def js_object(self):
        return self


class Response:
    def __init__(self, body=None, status=200, statusText="", headers=None):
        self.body = body if body is not None else ""
        self.status = int(status)
        self.statusText = statusText
        self.headers = headers if isinstance(headers, Headers) else Headers(headers)
        if "content-type" not in self.headers and isinstance(self.body, str):
            self.headers.set("content-type", "text/plain;charset=UTF-8")

    @classmethod
    def json(cls, data, status=200, statusText="", headers=None):
        import json
        h = Headers(headers)
        if "content-type" not in h:
            h.set("content-type", "application/json")
        return cls(json.dumps(data), status=status, statusText=statusText, headers=h)

    @classmethod
    def redirect(cls, url, status=302):
        return cls("", status=status, headers={"location": url})

    async def text(self):
        b = self.body
        return b.decode("utf-8") if isinstance(b, bytes) else str(b)


class _KVNamespace:
    """An in-memory KV namespace for one binding (async, as the runtime's)."""

    def __init__(self, name):
        self._name = name
        self._data = {}

    async def get(self, key, type="text", **_):
        v = self._data.get(key)
        if v is None:
            return None
        if type == "json":
            import json
            return json.loads(v)
        if type in ("arrayBuffer", "bytes"):
            return v.encode("utf-8") if isinstance(v, str) else v
        return v

    async def put(self, key, value, **_):
        self._data[key] = value

    async def delete(self, key):
        self._data.pop(key, None)

    async def list(self, prefix="", **_):
        return {"keys": [{"name": k} for k in sorted(self._data) if k.startswith(prefix)],
                "list_complete": True}


class _Env:
    def __repr__(self):
        return "<env %s>" % ", ".join(sorted(self.__dict__))


class _Context:
    def waitUntil(self, awaitable):
        pass

    def passThroughOnException(self):
        pass


class RuntimeOnlyError(Exception):
    """Raised by the verifier's stand-in of what only the runtime has (a D1
    database, an R2 bucket, a Durable Object namespace, a service binding,
    workerd's HTMLRewriter): the verify ends there as not conclusive."""


class _RuntimeOnly:
    """A binding or API only the runtime has: it exists (the app may hold
    it, test it, pass it on), and any use of it raises RuntimeOnlyError."""

    def __init__(self, what, note):
        object.__setattr__(self, "_what", what)
        object.__setattr__(self, "_note", note)

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        raise RuntimeOnlyError("%s.%s (%s)" % (self._what, name, self._note))

    def __call__(self, *a, **k):
        raise RuntimeOnlyError("%s() (%s)" % (self._what, self._note))

    def __repr__(self):
        return "<%s: %s, only in the runtime>" % (self._what, self._note)


def _standin_env(vars, kv, bindings=None):
    env = _Env()
    for k, v in vars.items():
        setattr(env, k, v)
    for name in kv:
        setattr(env, name, _KVNamespace(name))
    for name, kind in (bindings or {}).items():
        setattr(env, name, _RuntimeOnly("env." + name, "a %s binding" % kind))
    return env


def _standin_request(method, url, headers, body):
    return Request(url, method=method, headers=headers, body=body)


def _standin_context():
    return _Context()


class WorkerEntrypoint:
    def __init__(self, ctx=None, env=None):
        self.ctx = ctx
        self.env = env


class DurableObject(WorkerEntrypoint):
    pass


class WorkflowEntrypoint(WorkerEntrypoint):
    pass


async def fetch(*args, **kwargs):
    raise RuntimeOnlyError("workers.fetch() (an outbound request)")


def handler(fn):
    """The older decorator for module-level on_fetch handlers."""
    return fn
