# C modules that import Python modules when they load: _decimal imports
# numbers, collections and collections.abc (Modules/_decimal/_decimal.c
# _decimal_exec) and array collections.abc (arraymodule.c array_modexec).
# A PyMode project as its examples lay it out ([tool.pymode] main =
# "src/entry.py", `from src.routes import ...`, on_fetch with pymode.workers'
# Response) whose routes use statistics (fractions, decimal) and array boots
# in the real wasm32-wasi CPython. The stdlib is CPython 3.13.0's, whose
# collections/abc.py is a file of its own (3.13.2 on alias it in
# collections/__init__.py): without the edges the bundle lacks it and
# `import statistics` fails there with "No module named '_pydecimal'"
needs: python3.13
needs: wasi-python
args: bundle $TMP/proj --target pymode -o $TMP/out --format json --verify --verify-request 'GET /?region=n'
exit: 0
json: [v for v in d["verify"] if v["runtime"] == "CPython 3.13 wasm32-wasi"][0]["ok"] is True
json: [v for v in d["verify"] if v["runtime"] == "CPython 3.13 wasm32-wasi"][0]["response"]["status"] == 200
json: [v for v in d["verify"] if v["runtime"] == "CPython 3.13 wasm32-wasi"][0]["response"]["body_bytes"] == len('{"count": 50, "mean": "5.1", "codes": 4}')
json: "collections/abc.py" in open(TMP + "/out/stdlib-files.txt").read().split()
--- file proj/pyproject.toml
[project]
name = "orders"
version = "0.1.0"
dependencies = []

[tool.pymode]
main = "src/entry.py"
--- end
--- file proj/src/routes.py
import array
import statistics

ROWS = [{"id": i, "region": ("n", "s", "e", "w")[i % 4], "qty": 1 + i * 7 % 9} for i in range(200)]


def summary(region):
    rows = [r for r in ROWS if r["region"] == region]
    codes = array.array("b", sorted({r["qty"] % 4 for r in rows}))
    mean = statistics.mean([r["qty"] for r in rows])
    return {"count": len(rows), "mean": str(round(mean, 1)), "codes": len(codes)}
--- end
--- file proj/src/entry.py
import json

from pymode.workers import Response

from src.routes import summary


def on_fetch(request, env):
    region = request.query.get("region", ["n"])[0]
    return Response(json.dumps(summary(region)), headers={"content-type": "application/json"})
--- end
