"""A small web framework on the stdlib: regex routes with typed parameters, query strings,
signed cookies (hmac), HTTP status phrases and dates, JSON answers; an async on_fetch."""
import base64
import hashlib
import hmac
import json
import re
from email.utils import formatdate
from http import HTTPStatus
from http.cookies import SimpleCookie
from urllib.parse import parse_qs, urlsplit

SECRET = b"k3y"
ROUTES = []


def route(pattern):
    rx = re.compile("^" + re.sub(r"<(\w+):(int|str)>",
                                 lambda m: "(?P<%s>%s)" % (m[1], r"\d+" if m[2] == "int" else r"[^/]+"),
                                 pattern) + "$")

    def deco(fn):
        ROUTES.append((rx, fn))
        return fn
    return deco


def sign(value):
    mac = hmac.new(SECRET, value.encode(), hashlib.sha256).digest()
    return value + "." + base64.urlsafe_b64encode(mac[:12]).decode()


@route("/users/<uid:int>")
def user(req, uid):
    return 200, {"user": int(uid), "q": req["query"]}


@route("/hello/<name:str>")
def hello(req, name):
    return 200, {"hello": name}


def dispatch(method, url, headers):
    parts = urlsplit(url)
    cookies = SimpleCookie(headers.get("cookie", ""))
    req = {"method": method, "query": {k: v[0] for k, v in parse_qs(parts.query).items()},
           "session": cookies["sid"].value if "sid" in cookies else None}
    for rx, fn in ROUTES:
        m = rx.match(parts.path)
        if m:
            status, body = fn(req, **m.groupdict())
            break
    else:
        status, body = 404, {"error": "not found"}
    out = SimpleCookie()
    out["sid"] = sign("s-%d" % len(url))
    return status, HTTPStatus(status).phrase, json.dumps(body), out.output(header="").strip(), formatdate(0, usegmt=True)


async def on_fetch(request, env):
    url = getattr(request, "url", "http://localhost/users/42?x=1&y=2")
    res = [dispatch("GET", url, {"cookie": "sid=abc"}), dispatch("GET", "http://h/hello/ada", {}),
           dispatch("GET", "http://h/nope", {})]
    return repr(res)
