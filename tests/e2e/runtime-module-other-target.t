# issue 18: the runtime's own modules are rules data per target: a Cloudflare
# app's `workers` and `js` are the runtime's on cf-python-workers (no finding,
# never "missing"), and on pymode an eager import of them is unsupported with a
# remedy naming the runtime the app was written for
args: audit --target pymode --format json $TMP/app
exit: 0
json: d["packages"][0]["verdict"] == "unsupported"
json: sorted(m["module"] for f in d["packages"][0]["findings"] if f["severity"] == "unsupported" for m in (f["members"] or [f])) == ["js", "workers"]
json: all("runtime module of cf-python-workers" in m["message"] for f in d["packages"][0]["findings"] if f["severity"] == "unsupported" for m in (f["members"] or [f]))
json: all("--target cf-python-workers" in f["remedy"]["text"] for f in d["packages"][0]["findings"] if f["severity"] == "unsupported")
json: not [f for f in d["packages"][0]["findings"] if f["kind"] == "missing-module"]
--- file app/entry.py
from workers import Response, WorkerEntrypoint
import js


class Default(WorkerEntrypoint):
    async def fetch(self, request):
        return Response(js.JSON.stringify({"a": 1}))
--- end
