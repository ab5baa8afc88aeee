# pymode-table over a requirements file: resolved for each target with audit's index
# options; a variant's version is compared with the requested pin ("requested", not "scanned")
args: table --no-cache --format json --no-index --find-links $CORPUS $TMP/requirements.txt
exit: 0
json: [r["name"] for r in d["rows"]] == ["numpy", "requests"]
json: d["rows"][0]["version"] == "1.24.2" and sorted(d["rows"][0]["targets"]) == ["cf-python-workers", "cf-python-workers-3.12", "cf-python-workers-3.14", "pymode", "wasi"]
json: d["rows"][0]["targets"]["cf-python-workers"]["how"] == "Pyodide build 2.2.5 (newer than requested 1.24.2)"
json: d["rows"][0]["targets"]["pymode"]["how"] == "compiled to WASM variant (python-numpy.wasm) (newer than requested 1.24.2)"
json: "pin numpy==2.2.5" in d["rows"][0]["targets"]["cf-python-workers"]["notes"]
json: {k: v for k, v in d["rows"][1]["targets"]["cf-python-workers"].items() if k not in ("depends", "loads")} == {"verdict": "compatible", "own_verdict": "compatible", "through": None, "how": "pure Python", "notes": "limited: socket, threading, urllib", "check": None, "fallback": False}
--- file requirements.txt
requests
numpy==1.24.2
--- end
