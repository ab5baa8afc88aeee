# issue 11: on plain WASI, Jinja2, click and attrs (real Debian wheels) import threading,
# which CPython's WASI build has (_thread is built in; only starting a thread raises):
# each is compatible with a limited-module note, none is unsupported
args: audit --target wasi --format json --fail-on unsupported $CORPUS/jinja2-3.1.2-py3-none-any.whl $CORPUS/click-8.1.3-py3-none-any.whl $CORPUS/attrs-22.2.0-py3-none-any.whl
exit: 0
json: {p["name"]: p["own_verdict"] for p in d["packages"]} == {"Jinja2": "compatible", "click": "compatible", "attrs": "compatible"}
json: d["summary"]["unsupported"] == 0 and d["gate"]["failed"] is False
json: all([(f["kind"], f["severity"]) for f in p["findings"] if f["module"] == "threading"] == [("limited-module", "compatible")] for p in d["packages"])
json: all("Thread.start() raises" in f["message"] for p in d["packages"] for f in p["findings"] if f["module"] == "threading")
