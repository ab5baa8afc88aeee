# issue 19: a Pyodide build among the inputs (its tag is the profile's) is vendored
# whole: its side modules ship in python_modules/; with no wrangler config the
# project gets one written for the entry (src/, the profile's date)
args: bundle $TMP/app $SYN/../wasm/wheels/fxside-1.0-cp313-cp313-pyodide_2025_0_wasm32.whl --target cf-python-workers --python-version 3.13 -o $TMP/out --format json
exit: 0
json: d["target"] == "cf-python-workers"
json: __import__("os").path.isfile(TMP + "/out/python_modules/fxside/_side.cpython-313-wasm32-emscripten.so")
json: __import__("os").path.isfile(TMP + "/out/src/entry.py") and not __import__("os").path.exists(TMP + "/out/app")
json: __import__("json").loads("".join(l for l in open(TMP + "/out/wrangler.jsonc") if not l.startswith("//")))["main"] == "src/entry.py"
json: __import__("json").loads("".join(l for l in open(TMP + "/out/wrangler.jsonc") if not l.startswith("//")))["compatibility_date"] == "2025-09-29"
json: "fxside._side" in [m["name"] for m in d["modules"] if m["kept"]]
--- file app/entry.py
import fxside


def on_fetch(request, env):
    return "ok"
--- end
