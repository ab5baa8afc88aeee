# typing's own runtime-checkable protocols open the gate too
args: bundle $TMP/app --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "inspect" in [m["name"] for m in d["modules"] if m["kept"]]
--- file app/entry.py
import typing


def main(x):
    return isinstance(x, typing.SupportsIndex)
--- end
