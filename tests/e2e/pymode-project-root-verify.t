# issue 18: a PyMode project as PyMode's examples lay it out: [tool.pymode] main,
# the project root on sys.path (from src.routes import ...) and the entry's
# folder too (import middleware); on_fetch(request, env) gets a POST with a JSON
# body and an in-memory KV binding (--verify-kv), through pymode.workers' stand-in
args: bundle $TMP/proj --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --verify --verify-request 'POST /api/items' --verify-body '{"id": 7}' --verify-header 'X-Test: yes' --verify-kv MY_KV --format json
exit: 0
json: d["entry"] == "src.entry"
json: sorted(m["name"] for m in d["modules"] if m["origin"] == "app" and m["kept"]) == ["src", "src.entry", "src.middleware", "src.routes"]
json: "tests.test_routes" not in [m["name"] for m in d["modules"] if m["kept"]]
json: any(v["ran"] for v in d["verify"])
json: all(v["ok"] and v["handler"] == "on_fetch(request, env)" and v["response"]["status"] == 201 for v in d["verify"] if v["ran"])
json: all("Access-Control-Allow-Origin: *" in v["response"]["headers"] for v in d["verify"] if v["ran"])
json: all(v["response"]["body_bytes"] == len('{"created": {"id": 7}, "seen": ["yes"]}') for v in d["verify"] if v["ran"])
--- file proj/pyproject.toml
[project]
name = "api-worker"
version = "0.1.0"

[tool.pymode]
main = "src/entry.py"
--- end
--- file proj/src/entry.py
"""API Worker: routes in another module of the project, CORS headers."""
from pymode.workers import Response
from src.routes import handle_api
from middleware import cors_headers


def on_fetch(request, env):
    response = handle_api(request, env)
    headers = dict(response.headers.items())
    headers.update(cors_headers())
    return Response(response.body, status=response.status, headers=headers)
--- end
--- file proj/src/routes.py
import json
from pymode.workers import Response


def handle_api(request, env):
    if request.path == "/api/items" and request.method == "POST":
        body = request.json()
        env.MY_KV.put("items", json.dumps([body]))
        seen = [request.headers.get("x-test")]
        return Response.json({"created": env.MY_KV.get("items", type="json")[0], "seen": seen}, status=201)
    return Response.json({"error": "Not found"}, status=404)
--- end
--- file proj/src/middleware.py
def cors_headers():
    return {"Access-Control-Allow-Origin": "*"}
--- end
--- file proj/tests/test_routes.py
import pytest
from src.routes import handle_api
--- end
