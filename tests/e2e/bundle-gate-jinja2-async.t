# Environment(enable_async=True) in the app opens jinja2's gate: asyncio is kept
args: bundle $TMP/app $CORPUS/jinja2-3.1.2-py3-none-any.whl $CORPUS/markupsafe-2.1.2-cp311-cp311-linux_x86_64.whl --allow-unsupported --stdlib $FIX/../../node_modules/pyodide/python_stdlib.zip -o $TMP/out --format json
exit: 0
json: [m["from"] for m in d["modules"] if m["name"] == "asyncio" and m["kept"]] == ["jinja2.environment"]
--- file app/entry.py
from jinja2 import Environment


def main():
    return Environment(enable_async=True).from_string("{{ x }}").render(x=1)
--- end
