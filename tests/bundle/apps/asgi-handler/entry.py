"""An ASGI-style fetch handler: routes a request, parses its URL with yarl and its
headers with multidict (both on their pure-Python fallbacks), answers JSON."""
import json

from multidict import CIMultiDict
from yarl import URL

ROUTES = {}


def route(path):
    def deco(fn):
        ROUTES[path] = fn
        return fn
    return deco


@route("/")
async def index(url, headers, body):
    return 200, {"hello": "world", "query": dict(url.query), "agent": headers.get("user-agent")}


@route("/items")
async def items(url, headers, body):
    n = int(url.query.get("n", "3"))
    return 200, {"items": [url.with_path("/items/%d" % i).human_repr() for i in range(n)]}


async def on_fetch(request, env):
    url = URL(getattr(request, "url", "http://localhost/"))
    if not url.query:
        url = url.with_query({"n": "2", "q": "caf\u00e9 & cr\u00e8me"})
    headers = CIMultiDict(getattr(request, "headers", None) or {})
    headers.add("User-Agent", "verify/1")
    text = request.text() if hasattr(request, "text") else ""
    if hasattr(text, "__await__"):
        text = await text
    out = []
    for path in sorted(ROUTES):
        status, payload = await ROUTES[path](url.with_path(path), headers, text)
        out.append({"path": path, "status": status, "body": payload})
    return json.dumps({"method": getattr(request, "method", "GET"), "routes": out}, sort_keys=True)

