# issue 18: on its own target a runtime module is provided: the app is
# compatible, and nothing is reported missing (pyodide.ffi and asgi included)
args: audit --target cf-python-workers --format json --verbose $TMP/app
exit: 0
json: d["packages"][0]["verdict"] == "compatible"
json: not [f for f in d["packages"][0]["findings"] if f["module"] and f["module"].split(".")[0] in ("workers", "js", "pyodide", "asgi")]
--- file app/entry.py
from workers import Response, WorkerEntrypoint
from pyodide.ffi import to_js
import asgi


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return await asgi.fetch(None, request.js_object, self.env)
--- end
