# the interpreter loads a runtime root alone: importlib._bootstrap is the
# frozen _frozen_importlib, which imports no importlib package, so an app
# that never imports importlib ships no importlib/__init__.py (a file run of
# CPython 3.13 has no 'importlib' in sys.modules); one that does, does
args: bundle $TMP/app --target wasi --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "importlib" not in [m["name"] for m in d["modules"] if m["kept"]]
json: "importlib._bootstrap" in [m["name"] for m in d["modules"]]
json: "importlib/__init__.py" not in open(TMP + "/out/stdlib-files.txt").read().split()
--- file app/entry.py
import json


def main():
    return json.dumps({"a": 1})
--- end
