# pymode-table --check: each wheel's top-level modules imported with only the wheel importable,
# in native CPython 3.13 for pymode and wasi and in each cf-python-workers profile's own Pyodide
# (the Tests column); Pyodide's half is table-check-pyodide.t
needs: python3.13
args: table --check --format json $CORPUS/six-1.16.0-py3-none-any.whl $CORPUS/psutil-5.9.4-cp311-cp311-linux_x86_64.whl
exit: 0
json: [r["name"] for r in d["rows"]] == ["psutil", "six"]
json: {t: c["check"] for t, c in d["rows"][1]["targets"].items()} == {"pymode": "passed in native CPython 3.13", "cf-python-workers": "passed in Pyodide 0.28.3", "wasi": "passed in native CPython 3.13", "cf-python-workers-3.12": "passed in Pyodide 0.27.7", "cf-python-workers-3.14": "passed in Pyodide 314.0.6"}
json: d["rows"][0]["targets"]["pymode"]["check"].startswith("failed in native CPython 3.13: ImportError: cannot import name '_psutil_linux'")
json: "corpus/wheels/" not in d["rows"][0]["targets"]["pymode"]["check"] and "(psutil-5.9.4-cp311-cp311-linux_x86_64.whl/psutil/__init__.py)" in d["rows"][0]["targets"]["pymode"]["check"]
json: d["rows"][0]["targets"]["cf-python-workers"]["check"] == "failed in Pyodide 0.28.3: NotImplementedError: platform emscripten is not supported"
json: d["rows"][0]["targets"]["cf-python-workers-3.12"]["check"] == "failed in Pyodide 0.27.7: NotImplementedError: platform emscripten is not supported"
