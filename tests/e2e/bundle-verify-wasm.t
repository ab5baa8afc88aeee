# --verify on wasi and pymode also boots the bundle in the real CPython 3.13
# for wasm32-wasi (tools/build-wasi-python), with the native result; pymode's
# zips are stored (rules/targets/pymode.yaml zip_members), wasi's too
needs: python3.13
needs: wasi-python
args: bundle $TMP/app --target wasi --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json --verify --verify-call main
exit: 0
json: [v["runtime"] for v in d["verify"]] == ["native CPython 3.13", "Pyodide 0.28.3", "CPython 3.13 wasm32-wasi"]
json: [v for v in d["verify"] if v["runtime"] == "CPython 3.13 wasm32-wasi"][0]["ok"] is True
json: [v for v in d["verify"] if v["runtime"] == "CPython 3.13 wasm32-wasi"][0]["result"] == "3 ['a', 'b'] 2.5"
json: [v for v in d["verify"] if v["runtime"] == "native CPython 3.13"][0]["result"] == "3 ['a', 'b'] 2.5"
--- file app/entry.py
import json
import glob
import time


def main():
    t = time.monotonic()
    time.sleep(0.05)
    d = json.loads('{"n": 3, "k": ["b", "a"], "x": 2.5}')
    assert time.monotonic() - t >= 0.05
    return "%d %s %s" % (d["n"], sorted(d["k"]), d["x"])
--- end
