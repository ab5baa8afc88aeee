# an app that copies: copy is reached, so the copy protocol's dunders are
# live, and Logger.__reduce__'s `import pickle` keeps pickle
args: bundle $TMP/app --target wasi --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "copy" in [m["name"] for m in d["modules"] if m["kept"]]
json: [m["from"] for m in d["modules"] if m["name"] == "pickle" and m["kept"]] == ["logging"]
--- file app/entry.py
import copy
import logging


def main():
    return copy.copy(logging.getLogger("app"))
--- end
