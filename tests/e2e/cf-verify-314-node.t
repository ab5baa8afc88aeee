# issue 19: --verify boots a 3.14 bundle in Pyodide 314.0.6 under node (the profile's
# Pyodide, select.pyodide_npm: pyodide-314), not in the 3.13 profile's 0.28.3: the
# handler answers from CPython 3.14 there, as in workerd
args: bundle $TMP/proj --target cf-python-workers -o $TMP/out --verify --format json
exit: 0
json: [v["runtime"] for v in d["verify"]] == ["native CPython 3.13", "Pyodide 314.0.6", "workerd"]
json: not d["verify"][0]["ran"] and "for Python 3.14" in d["verify"][0]["skipped"]
json: d["verify"][1]["ran"] and d["verify"][1]["ok"] and d["verify"][1]["handler"] == "Default.fetch(request)"
json: "x-python: 3.14" in d["verify"][1]["response"]["headers"]
json: all("x-python: 3.14" in v["response"]["headers"] for v in d["verify"][1:] if v["ran"])
--- file proj/wrangler.jsonc
{
	"name": "current",
	"main": "src/worker.py",
	"compatibility_date": "2026-11-02",
	"compatibility_flags": ["python_workers", "disable_python_external_sdk"],
}
--- end
--- file proj/src/worker.py
import sys

from workers import Response, WorkerEntrypoint


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response("current", headers={"x-python": "%d.%d" % sys.version_info[:2]})
--- end
