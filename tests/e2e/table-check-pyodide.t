# pymode-table --check for cf-python-workers: the import smoke test in Pyodide under node (0.28.3,
# the 3.13 profile's), which every machine has after make deps (native CPython 3.13 may be
# missing: table-check.t)
args: table --check --target cf-python-workers --format json $CORPUS/six-1.16.0-py3-none-any.whl $CORPUS/psutil-5.9.4-cp311-cp311-linux_x86_64.whl
exit: 0
json: [r["name"] for r in d["rows"]] == ["psutil", "six"]
json: list(d["rows"][0]["targets"]) == ["cf-python-workers"]
json: d["rows"][1]["targets"]["cf-python-workers"]["check"] == "passed in Pyodide 0.28.3"
json: d["rows"][0]["targets"]["cf-python-workers"]["check"] == "failed in Pyodide 0.28.3: NotImplementedError: platform emscripten is not supported"
