# typing imports inspect only for isinstance() against a @runtime_checkable
# Protocol (rules/stdlib/gated.yaml): an app that uses typing without one
# ships no inspect, ast, dis or tokenize, and --format json says why
args: bundle $TMP/app --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "inspect" not in [m["name"] for m in d["modules"] if m["kept"]]
json: "dis" not in [m["name"] for m in d["modules"] if m["kept"]]
json: "typing" in [m["name"] for m in d["modules"] if m["kept"]]
json: [x["why"] for x in d["dropped"] if x["name"] == "inspect"][0].startswith("typing imports inspect only for isinstance() against a @runtime_checkable Protocol (rules/stdlib/gated.yaml:")
json: "no code outside typing names any of runtime_checkable, SupportsInt," in [x["why"] for x in d["dropped"] if x["name"] == "inspect"][0]
json: [(x["from"], x["file"]) for x in d["dropped"] if x["name"] == "inspect"] == [("typing", "typing.py")]
--- file app/entry.py
import typing


def main() -> typing.List[int]:
    return typing.cast(typing.List[int], [1])
--- end
