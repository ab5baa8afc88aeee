# issue 19: --verify boots a 3.12 bundle in Pyodide 0.27.7 under node (the profile's
# Pyodide, select.pyodide_npm: pyodide-027), where the handler answers from CPython 3.12;
# workerd's development slot runs Pyodide 314.0.6 only, so workerd is skipped, saying why,
# and so is native CPython 3.13 (not this bundle's Python)
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --verify --format json
exit: 0
json: [v["runtime"] for v in d["verify"]] == ["native CPython 3.13", "Pyodide 0.27.7", "workerd"]
json: not d["verify"][0]["ran"] and "for Python 3.12" in d["verify"][0]["skipped"]
json: d["verify"][1]["ran"] and d["verify"][1]["ok"] and d["verify"][1]["handler"] == "on_fetch(request, env)"
json: d["verify"][1]["response"]["status"] == 200 and "x-python: 3.12" in d["verify"][1]["response"]["headers"]
json: not d["verify"][2]["ran"] and "Pyodide 0.27.7 is refused there" in d["verify"][2]["skipped"] and "checked in Pyodide 0.27.7 under node" in d["verify"][2]["skipped"]
--- file proj/wrangler.toml
name = "older"
main = "src/entry.py"
compatibility_date = "2025-03-01"
compatibility_flags = ["python_workers"]
--- end
--- file proj/src/entry.py
import sys

from workers import Response


async def on_fetch(request, env):
    return Response("older", headers={"x-python": "%d.%d" % sys.version_info[:2]})
--- end
