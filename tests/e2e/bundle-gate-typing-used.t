# an app that defines a @runtime_checkable Protocol opens typing's gate:
# inspect is kept, reached from typing's lazy import
args: bundle $TMP/app --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: [m["from"] for m in d["modules"] if m["name"] == "inspect" and m["kept"]] == ["typing"]
json: "inspect" not in [x["name"] for x in d["dropped"]]
--- file app/entry.py
from typing import Protocol, runtime_checkable


@runtime_checkable
class Closer(Protocol):
    def close(self) -> None: ...


def main():
    return isinstance(open, Closer)
--- end
