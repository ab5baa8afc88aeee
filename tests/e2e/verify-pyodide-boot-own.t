# --verify in Pyodide of a pymode bundle made from another CPython 3.13.x's stdlib
# (pyenv's 3.13.0 here, whose collections/__init__.py leaves collections.abc to a
# collections/abc.py that Pyodide's 3.13.2 does not have): Pyodide's start-up runs
# its own copies of what it imports, so the bundle boots and its handler answers
needs: python3.13
args: bundle $TMP/app --target pymode -o $TMP/out --verify --format json
exit: 0
json: any(v["runtime"].startswith("Pyodide") and v["ran"] and v["ok"] and v["response"]["status"] == 200 for v in d["verify"])
--- file app/src/entry.py
import json


def on_fetch(request, env):
    return json.dumps({"hello": "world"})
--- end
