# jinja2 imports asyncio only for Environment(enable_async=True)
# (rules/packages/gated.yaml): a plain Environment ships no asyncio
args: bundle $TMP/app $CORPUS/jinja2-3.1.2-py3-none-any.whl $CORPUS/markupsafe-2.1.2-cp311-cp311-linux_x86_64.whl --allow-unsupported --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: "asyncio" not in [m["name"] for m in d["modules"] if m["kept"]]
json: "jinja2.environment" in [m["name"] for m in d["modules"] if m["kept"]]
json: [x["why"] for x in d["dropped"] if x["name"] == "asyncio"][0].startswith("jinja2 imports asyncio only for an Environment with enable_async=True (rules/packages/gated.yaml:")
json: [x["why"] for x in d["dropped"] if x["name"] == "asyncio"][0].endswith("no code outside jinja2 names any of enable_async, is_async")
--- file app/entry.py
from jinja2 import Environment


def main():
    return Environment().from_string("{{ x }}").render(x=1)
--- end
